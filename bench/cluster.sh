#!/usr/bin/env bash
# The cluster benchmark of issue 22 (docs/deploy.md, "Cluster benchmark"): one room's fan-out on one node with
# cluster mode off, on one node with it on (every line crosses Redis: what Redis adds per message), and on two
# nodes with the members spread across them, in one run, against one real PostgreSQL and one real Redis that the
# generator starts from the test dependencies (embedded-postgres, embedded-redis). Each node is a JVM of its own
# (io.parley.support.ParleyProcess); everything runs on this machine.
#
#   bench/cluster.sh [--members 200] [--senders 4] [--messages 2000] [--window 8]
#
# Writes bench/results/<timestamp>-cluster.tsv (and .txt, the generator's log). Stops what it started: the nodes
# and servers end with the generator's JVM. Run it niced on a shared machine (`nice -n 19 bench/cluster.sh`): the
# figures then compare the three rounds of one run, not machines.
set -euo pipefail
cd "$(dirname "$0")/.."
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p bench/results target
./mvnw -B -q -o test-compile || ./mvnw -B -q test-compile
./mvnw -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/cluster-bench.classpath
CP="$PWD/target/test-classes:$PWD/target/classes:$(cat target/cluster-bench.classpath)"
OUT=bench/results/$STAMP-cluster
java -cp "$CP" io.parley.bench.cluster.ClusterBench --out "$OUT.tsv" "$@" 2>&1 | tee "$OUT.txt"
echo "wrote $OUT.tsv and $OUT.txt (commit $(git rev-parse --short HEAD))"
