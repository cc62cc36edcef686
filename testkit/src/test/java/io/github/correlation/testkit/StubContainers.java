package io.github.correlation.testkit;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Containers that behave as if they were running, on {@link #HOST} with every port mapped
 * by {@link #mappedPort(int)}, without Docker.
 */
final class StubContainers {

	static final String HOST = "jaeger.example";

	private StubContainers() {
	}

	/**
	 * The port a stub maps a container port to: 4318 to 44318, 16686 to 46686.
	 */
	static int mappedPort(int port) {
		return 40000 + port % 10000;
	}

	static final class StubJaegerContainer extends JaegerContainer {

		private final String imageName;

		StubJaegerContainer(DockerImageName image) {
			super(image);
			this.imageName = image.asCanonicalNameString();
		}

		@Override
		public String getDockerImageName() {
			return this.imageName;
		}

		@Override
		public String getHost() {
			return HOST;
		}

		@Override
		public Integer getMappedPort(int originalPort) {
			return mappedPort(originalPort);
		}

		@Override
		public boolean isRunning() {
			return true;
		}

		@Override
		public void start() {
		}

	}

	static final class StubGenericContainer extends GenericContainer<StubGenericContainer> {

		private final String imageName;

		StubGenericContainer(String image) {
			super(DockerImageName.parse(image));
			this.imageName = image;
		}

		@Override
		public String getDockerImageName() {
			return this.imageName;
		}

		@Override
		public String getHost() {
			return HOST;
		}

		@Override
		public Integer getMappedPort(int originalPort) {
			return mappedPort(originalPort);
		}

		@Override
		public boolean isRunning() {
			return true;
		}

		@Override
		public void start() {
		}

	}

}
