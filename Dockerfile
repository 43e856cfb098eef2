# syntax=docker/dockerfile:1
# Builds the app from source with the Maven wrapper and runs it as a non-root user on a JRE.
#   docker build -t outdial-app .

FROM eclipse-temurin:17.0.19_10-jdk-noble AS build
WORKDIR /src
# Maven and every dependency live in a BuildKit cache of ~/.m2 that survives across builds: a
# source change downloads nothing again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q --version
COPY workflows workflows
COPY activities activities
COPY app app
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B package -DskipTests -Dspotless.check.skip=true \
    && cp app/target/outdial-app.jar /outdial-app.jar

FROM eclipse-temurin:17.0.19_10-jre-noble
RUN groupadd --system outdial && useradd --system --gid outdial --home-dir /opt/outdial outdial
WORKDIR /opt/outdial
COPY --from=build --chown=outdial:outdial /outdial-app.jar outdial-app.jar
USER outdial
EXPOSE 8080
# The JVM sizes its heap from the container's memory limit.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# No curl in the image: bash asks the actuator itself.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=5 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-jar", "/opt/outdial/outdial-app.jar"]
