#!/usr/bin/env bash
# JMH micro-benchmarks of the line codec, the line framing and command dispatch (src/bench/java).
#   bench/jmh.sh                 all of them (about 2 minutes)
#   bench/jmh.sh LineCodec -f 1  any JMH options: a benchmark name pattern, -prof gc, ...
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -o -Pbench compile || ./mvnw -B -q -Pbench compile
JAVA=java
[ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
exec "$JAVA" -cp "target/bench/classes:$(cat target/bench/classpath.txt)" org.openjdk.jmh.Main "$@"
