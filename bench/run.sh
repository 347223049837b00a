#!/usr/bin/env bash
# The benchmark of issue 5 (docs/benchmarks.md): Parley (line protocol and IRC), ngIRCd and InspIRCd on
# loopback, the same scenarios against each, every figure from three runs or more.
#
#   bench/run.sh            full run (18-25 minutes, most of it InspIRCd registering 50 clients a second)
#   bench/run.sh --quick    smaller and one run each (about 6 minutes): a smoke test, not figures to quote
#   bench/run.sh --jfr      also records Parley under JFR in one extra fan-out and direct run each, and prints the top frames
#
# Prints a table and writes bench/results/<timestamp>.{txt,json}. Needs root (or sudo) for apt-get only
# when ngircd or inspircd is missing. Stops every server it started, by PID, when it ends.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
QUICK=""
JFR=""
for arg in "$@"; do
	case "$arg" in
		--quick) QUICK="--quick" ;;
		--jfr) JFR=1 ;;
		*) echo "usage: bench/run.sh [--quick] [--jfr]" >&2; exit 2 ;;
	esac
done
REPS=3
[ -n "$QUICK" ] && REPS=1

# Ports of our own, off the defaults, so a Parley or an IRC server already running is left alone.
PARLEY_LINE_PORT=25555
PARLEY_IRC_PORT=26667
PARLEY_HTTP_PORT=28080
NGIRCD_PORT=26668
INSPIRCD_PORT=26669

WORK=$ROOT/bench/work
RESULTS=$ROOT/bench/results
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
rm -rf "$WORK" && mkdir -p "$WORK" "$RESULTS"
ROWS=$WORK/rows.tsv
META=$WORK/meta.txt

# --- JDK: 25 when installed, else the default -------------------------------------------------------
JAVA_HOME_25=/usr/lib/jvm/temurin-25-jdk-amd64
if [ -x "$JAVA_HOME_25/bin/java" ]; then
	BENCH_JAVA_HOME=$JAVA_HOME_25
else
	BENCH_JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
JAVA=$BENCH_JAVA_HOME/bin/java
JCMD=$BENCH_JAVA_HOME/bin/jcmd
JDK_VERSION=$("$JAVA" -version 2>&1 | head -1)
echo "JDK for Parley and the generator: $JDK_VERSION ($BENCH_JAVA_HOME)"

# --- peers from Debian's packages ---------------------------------------------------------------------
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
if ! command -v /usr/sbin/ngircd >/dev/null || ! command -v /usr/sbin/inspircd >/dev/null; then
	echo "installing ngircd and inspircd with apt-get"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq ngircd inspircd >/dev/null
fi

# --- build: the jar as shipped, then the benchmark's own source set (profile bench, target/bench) -----
echo "building"
./mvnw -B -q -o package -DskipTests || ./mvnw -B -q package -DskipTests
cp target/parley-*.jar "$WORK/parley.jar"
./mvnw -B -q -o -Pbench compile || ./mvnw -B -q -Pbench compile
BENCH_CP=$ROOT/target/bench/classes

PIDS=()
stop_all() {
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2>/dev/null || true
	done
}
trap stop_all EXIT

wait_port() { # port pid name
	for _ in $(seq 600); do
		if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
		kill -0 "$2" 2>/dev/null || { echo "$3 died at start; see $WORK" >&2; exit 1; }
		sleep 0.1
	done
	echo "$3 did not listen on $1" >&2
	exit 1
}

# --- Parley: guests on, every limit out of the way, accounts in memory --------------------------------
(cd "$WORK" && exec "$JAVA" -jar parley.jar \
	--parley.tcp.host=127.0.0.1 --parley.tcp.port=$PARLEY_LINE_PORT \
	--parley.irc.host=127.0.0.1 --parley.irc.port=$PARLEY_IRC_PORT \
	--server.port=$PARLEY_HTTP_PORT --server.address=127.0.0.1 \
	--parley.accounts.guests=true \
	--parley.limits.messages.rate=100000000 --parley.limits.messages.burst=100000000 \
	--parley.limits.messages.max-lag=1h \
	--parley.limits.connections.per-address=100000000 --parley.limits.connections.total=100000000 \
	--parley.limits.registrations.per-address-per-hour=100000000 \
	--parley.limits.login.max-failures=100000000 --parley.limits.login.address-max-failures=100000000 \
	--parley.limits.login.max-checks-per-address=100000000 \
	--parley.limits.idle.ping-after=1h \
	--parley.sessions.max-per-user=1000 \
	--parley.admin.password=bench-admin-password \
	'--spring.datasource.url=jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1' \
	>"$WORK/parley.log" 2>&1) &
PARLEY_PID=$!
PIDS+=("$PARLEY_PID")

# --- ngIRCd and InspIRCd, configured from bench/peers ------------------------------------------------
echo "bench" >"$WORK/motd.txt"
sed -e "s|@PORT@|$NGIRCD_PORT|g; s|@DIR@|$WORK|g" bench/peers/ngircd.conf >"$WORK/ngircd.conf"
sed -e "s|@PORT@|$INSPIRCD_PORT|g; s|@DIR@|$WORK|g" bench/peers/inspircd.conf >"$WORK/inspircd.conf"
/usr/sbin/ngircd --nodaemon --config "$WORK/ngircd.conf" >/dev/null 2>"$WORK/ngircd.log" &
NGIRCD_PID=$!
PIDS+=("$NGIRCD_PID")
/usr/sbin/inspircd --nofork --runasroot --config="$WORK/inspircd.conf" >"$WORK/inspircd.out" 2>&1 &
INSPIRCD_PID=$!
PIDS+=("$INSPIRCD_PID")

wait_port $PARLEY_LINE_PORT "$PARLEY_PID" Parley
wait_port $PARLEY_IRC_PORT "$PARLEY_PID" Parley
wait_port $NGIRCD_PORT "$NGIRCD_PID" ngIRCd
wait_port $INSPIRCD_PORT "$INSPIRCD_PID" InspIRCd
echo "servers up: Parley pid $PARLEY_PID, ngIRCd pid $NGIRCD_PID, InspIRCd pid $INSPIRCD_PID"

{
	echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "command=bench/run.sh $*"
	echo "machine=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(($(grep MemTotal /proc/meminfo | tr -dc 0-9) / 1024)) MiB, Linux $(uname -r)"
	echo "load_average_at_start=$(cut -d' ' -f1-3 /proc/loadavg)"
	echo "jdk=$JDK_VERSION"
	echo "parley=$(git rev-parse --short HEAD) (jar, virtual threads on JDK 21+), guests on, limits lifted, BCrypt cost 10"
	echo "peers=$(dpkg-query -W -f='${Package} ${Version}  ' ngircd inspircd)"
	echo "runs=$REPS per scenario and server${QUICK:+ (quick: smaller scenarios)}"
} >"$META"

bench() {
	"$JAVA" -Xms1g -Xmx2g -cp "$BENCH_CP" io.parley.bench.Bench "$@"
}

PROFILE_LINE=() PROFILE_IRC=()
if [ -n "$JFR" ]; then
	PROFILE_LINE=(--jfr "$WORK/parley-line")
	PROFILE_IRC=(--jfr "$WORK/parley-irc")
fi
COMMON=(--reps "$REPS" --rows "$ROWS" --jcmd "$JCMD" $QUICK)
bench run --server parley-line --protocol line --port $PARLEY_LINE_PORT --pid "$PARLEY_PID" \
	--scenarios connect,fanout,direct,logins,hold "${PROFILE_LINE[@]}" "${COMMON[@]}"
bench run --server parley-irc --protocol irc --port $PARLEY_IRC_PORT --pid "$PARLEY_PID" \
	--scenarios connect,fanout,direct "${PROFILE_IRC[@]}" "${COMMON[@]}"
bench run --server ngircd --protocol irc --port $NGIRCD_PORT --pid "$NGIRCD_PID" \
	--scenarios connect,fanout,direct "${COMMON[@]}"
bench run --server inspircd --protocol irc --port $INSPIRCD_PORT --pid "$INSPIRCD_PID" \
	--scenarios connect,fanout,direct "${COMMON[@]}"

echo
bench report --rows "$ROWS" --meta "$META" --out "$RESULTS/$STAMP"
cp "$ROWS" "$RESULTS/$STAMP.rows.tsv"
if [ -n "$JFR" ]; then
	for f in "$WORK"/parley-*.jfr; do
		echo
		bench jfr "$f" | tee -a "$RESULTS/$STAMP.txt"
	done
fi
