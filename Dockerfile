# The runnable jar is built on the host (./mvnw -B package); this image only runs it.
FROM eclipse-temurin:17-jre
WORKDIR /opt/outdial
COPY app/target/outdial-app.jar outdial-app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/outdial/outdial-app.jar"]
