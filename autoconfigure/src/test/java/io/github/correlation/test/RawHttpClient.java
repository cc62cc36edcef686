package io.github.correlation.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one HTTP/1.1 request over a plain socket with exactly the given header lines:
 * repeated headers, odd casing and surrounding whitespace reach the server untouched,
 * which no HTTP client library guarantees.
 */
public final class RawHttpClient {

	private RawHttpClient() {
	}

	public static Response get(int port, String path, List<String[]> headers) {
		return send(port, "GET", path, headers, null);
	}

	public static Response send(int port, String method, String path, List<String[]> headers, String body) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(20_000);
			StringBuilder request = new StringBuilder();
			request.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
			request.append("Host: 127.0.0.1:").append(port).append("\r\n");
			request.append("Connection: close\r\n");
			for (String[] header : headers) {
				request.append(header[0]).append(':').append(header[1]).append("\r\n");
			}
			byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
			if (body != null) {
				request.append("Content-Type: application/json\r\n");
				request.append("Content-Length: ").append(content.length).append("\r\n");
			}
			request.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			return Response.parse(socket.getInputStream().readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A parsed response; header names in lower case.
	 *
	 * @param status the status code
	 * @param headers every header value by lower-case name
	 * @param body the body, de-chunked
	 */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			List<String> values = this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
			return values.isEmpty() ? null : values.get(0);
		}

		public List<String> all(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

		static Response parse(byte[] raw) throws IOException {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String[] lines = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers
					.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							(key) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).trim());
			}
			byte[] rest = new byte[raw.length - end - 4];
			System.arraycopy(raw, end + 4, rest, 0, rest.length);
			boolean chunked = "chunked"
				.equalsIgnoreCase(String.join(",", headers.getOrDefault("transfer-encoding", List.of())));
			String body = new String(chunked ? dechunk(rest) : rest, StandardCharsets.UTF_8);
			return new Response(status, headers, body);
		}

		private static byte[] dechunk(byte[] raw) throws IOException {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			InputStream in = new java.io.ByteArrayInputStream(raw);
			while (true) {
				StringBuilder size = new StringBuilder();
				int ch;
				while ((ch = in.read()) != -1 && ch != '\n') {
					if (ch != '\r') {
						size.append((char) ch);
					}
				}
				int length = Integer.parseInt(size.toString().split(";")[0].trim(), 16);
				if (length == 0) {
					return out.toByteArray();
				}
				out.write(in.readNBytes(length));
				in.read();
				in.read();
			}
		}

	}

}
