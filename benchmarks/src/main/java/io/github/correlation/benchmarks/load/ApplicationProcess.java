package io.github.correlation.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;

/**
 * An application under test in a JVM of its own, and what can be read of it from outside:
 * its resident memory (from {@code /proc}), and its CPU time and allocated bytes (through
 * the JVM's local management agent, attached once the application is up).
 *
 * @author Correlation contributors
 */
final class ApplicationProcess implements AutoCloseable {

	private final Process process;

	private final long started;

	private JMXConnector jmx;

	private OperatingSystemMXBean os;

	private ThreadMXBean threads;

	private ApplicationProcess(Process process, long started) {
		this.process = process;
		this.started = started;
	}

	/**
	 * Start a JVM.
	 * @param javaOptions options before the main class (agent, system properties)
	 * @param classpath the class path
	 * @param mainClass the main class
	 * @param arguments the application's arguments
	 * @param output where the application's standard output and error go
	 * @return the running process
	 * @throws IOException when the JVM cannot start
	 */
	static ApplicationProcess start(List<String> javaOptions, String classpath, String mainClass,
			List<String> arguments, Path output) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(javaOptions);
		command.add("-cp");
		command.add(classpath);
		command.add(mainClass);
		command.addAll(arguments);
		Files.createDirectories(output.getParent());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		builder.environment().keySet().removeIf((name) -> name.startsWith("OTEL_"));
		long started = System.nanoTime();
		return new ApplicationProcess(builder.start(), started);
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Return the time since the JVM was started.
	 * @return nanoseconds
	 */
	long sinceStart() {
		return System.nanoTime() - this.started;
	}

	/**
	 * Attach to the JVM's management agent, starting it if needed.
	 * @throws Exception when the JVM cannot be attached
	 */
	void attach() throws Exception {
		VirtualMachine vm = VirtualMachine.attach(Long.toString(pid()));
		try {
			String address = vm.startLocalManagementAgent();
			this.jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
		}
		finally {
			vm.detach();
		}
		MBeanServerConnection connection = this.jmx.getMBeanServerConnection();
		this.os = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
				OperatingSystemMXBean.class);
		this.threads = ManagementFactory.newPlatformMXBeanProxy(connection, ManagementFactory.THREAD_MXBEAN_NAME,
				ThreadMXBean.class);
	}

	/**
	 * Return the CPU time the JVM has used.
	 * @return nanoseconds
	 */
	long cpuTime() {
		return this.os.getProcessCpuTime();
	}

	/**
	 * Return the bytes allocated on the heap since the JVM started, by all threads.
	 * @return bytes
	 */
	long allocatedBytes() {
		return this.threads.getTotalThreadAllocatedBytes();
	}

	/**
	 * Return the resident set size of the process.
	 * @return bytes, or -1 where {@code /proc} is not available
	 */
	long residentBytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
				}
			}
		}
		catch (IOException ex) {
			// not Linux
		}
		return -1;
	}

	@Override
	public void close() throws Exception {
		if (this.jmx != null) {
			this.jmx.close();
		}
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
