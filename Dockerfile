# syntax=docker/dockerfile:1
# Build with the Maven wrapper on a JDK, run on a slim JRE as a non-root user.
#   docker build -t parley .
#   docker run -p 5555:5555 -p 8080:8080 -v parley-data:/app/data parley

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml application.yml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -DskipTests package \
 && cp target/parley-*.jar /parley.jar

FROM eclipse-temurin:25-jre-alpine
RUN addgroup -S parley && adduser -S -G parley -h /app parley \
 && mkdir -p /app/data && chown parley:parley /app/data
WORKDIR /app
COPY --from=build /parley.jar /app/parley.jar
USER parley
# Accounts live in the H2 file database under /app/data.
VOLUME /app/data
# 5555: line protocol; 8080: HTTP (actuator, admin API).
EXPOSE 5555 6667 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s \
  CMD wget -qO- http://127.0.0.1:8080/actuator/health | grep -q '"UP"' || exit 1
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/parley.jar"]
