package io.github.correlation.benchmarks.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that sends {@code GET} requests and reads whole
 * responses (fixed length or chunked). Written by hand so that the load generator spends
 * as little of the machine's CPU as it can: the servers under test share it.
 *
 * @author Correlation contributors
 */
final class HttpConnection implements AutoCloseable {

	private final Socket socket;

	private final OutputStream out;

	private final InputStream in;

	private final byte[] request;

	private boolean closedByServer;

	HttpConnection(int port, String path) throws IOException {
		this.socket = new Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
		this.socket.setSoTimeout(30_000);
		this.out = this.socket.getOutputStream();
		this.in = new BufferedInputStream(this.socket.getInputStream(), 16 * 1024);
		this.request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: */*\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Send one request and read its response.
	 * @return the status code
	 * @throws IOException when the connection fails or the response is malformed
	 */
	int get() throws IOException {
		this.out.write(this.request);
		this.out.flush();
		String status = readLine();
		if (status.length() < 12 || !status.startsWith("HTTP/1.1 ")) {
			throw new IOException("Malformed status line: " + status);
		}
		long length = -1;
		boolean chunked = false;
		boolean close = false;
		for (String line = readLine(); !line.isEmpty(); line = readLine()) {
			String lower = line.toLowerCase();
			if (lower.startsWith("content-length:")) {
				length = Long.parseLong(lower.substring(15).trim());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
			else if (lower.startsWith("connection:") && lower.contains("close")) {
				close = true;
			}
		}
		if (chunked) {
			readChunked();
		}
		else if (length > 0) {
			skip(length);
		}
		this.closedByServer = close;
		return Integer.parseInt(status.substring(9, 12));
	}

	/**
	 * Return whether the server announced that it closes the connection after the last
	 * response (Tomcat does so every 100 requests by default).
	 * @return whether a new connection is needed
	 */
	boolean isClosedByServer() {
		return this.closedByServer;
	}

	private void readChunked() throws IOException {
		for (;;) {
			String size = readLine();
			int semicolon = size.indexOf(';');
			long chunk = Long.parseLong((semicolon >= 0) ? size.substring(0, semicolon) : size, 16);
			if (chunk == 0) {
				while (!readLine().isEmpty()) {
					// trailers
				}
				return;
			}
			skip(chunk);
			readLine();
		}
	}

	private void skip(long count) throws IOException {
		for (long left = count; left > 0; left--) {
			if (this.in.read() < 0) {
				throw new IOException("Connection closed in the body");
			}
		}
	}

	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder(64);
		for (int c = this.in.read(); c != '\n'; c = this.in.read()) {
			if (c < 0) {
				throw new IOException("Connection closed");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
