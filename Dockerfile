# One image recipe for the three demo services: docker compose builds it with MODULE=gateway,
# orders or payments. The build stage comes before the ARG, so it is built and cached once.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
# Poms first: the dependency layer stays cached until a pom changes.
COPY pom.xml .
COPY autoconfigure/pom.xml autoconfigure/
COPY starter/pom.xml starter/
COPY testkit/pom.xml testkit/
COPY smoke-test/pom.xml smoke-test/
COPY sample-gateway/pom.xml sample-gateway/
COPY sample-orders/pom.xml sample-orders/
COPY sample-payments/pom.xml sample-payments/
COPY checkout-demo/pom.xml checkout-demo/
COPY benchmarks/pom.xml benchmarks/
RUN mvn -B -q -ntp -pl sample-gateway,sample-orders,sample-payments -am dependency:go-offline || true
COPY . .
RUN mvn -B -q -ntp -DskipTests -Dspring-javaformat.skip=true -Dcheckstyle.skip=true -pl sample-gateway,sample-orders,sample-payments -am package

FROM eclipse-temurin:25-jre AS extract
ARG MODULE
WORKDIR /x
COPY --from=build /src/sample-${MODULE}/target/sample-${MODULE}.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre
WORKDIR /application
RUN useradd --system --uid 10001 app
COPY --from=extract /x/extracted/dependencies/ ./
COPY --from=extract /x/extracted/spring-boot-loader/ ./
COPY --from=extract /x/extracted/snapshot-dependencies/ ./
COPY --from=extract /x/extracted/application/ ./
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "application.jar"]
