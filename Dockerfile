# syntax=docker/dockerfile:1
# Build with the Maven wrapper on a JDK, run on a slim JRE as a non-root user.
#   docker build -t parley .
#   docker run -p 5555:5555 -p 6667:6667 -p 8080:8080 -v parley-data:/app/data parley
# With TLS, publish 7443 (line protocol) and 6697 (IRC) too and mount the key store: README.md, "Quick start".

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml application.yml ./
RUN ./mvnw -B -ntp dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -DskipTests package \
 && cp target/parley-*.jar /parley.jar

FROM eclipse-temurin:25-jre-alpine
# a fixed uid/gid (10001), so that a host directory mounted on /app/data can be given to it: chown 10001:10001
RUN addgroup -S -g 10001 parley && adduser -S -u 10001 -G parley -h /app parley \
 && mkdir -p /app/data && chown parley:parley /app/data
WORKDIR /app
COPY --from=build /parley.jar /app/parley.jar
USER parley
# Accounts live in the H2 file database under /app/data.
VOLUME /app/data
# 5555: line protocol; 6667: IRC; 7443 and 6697: the same over TLS, when enabled; 8080: HTTP (actuator, admin API).
EXPOSE 5555 6667 7443 6697 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s \
  CMD wget -qO- http://127.0.0.1:8080/actuator/health | grep -q '"UP"' || exit 1
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/parley.jar"]
