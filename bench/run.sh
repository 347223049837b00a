#!/usr/bin/env bash
# The benchmark of issues 5 and 15 (docs/benchmarks.md): Parley (line protocol and IRC), ngIRCd and InspIRCd on
# loopback, the same scenarios against each. Parley runs twice, on JDK 17 (the machine's default java) and on
# JDK 25 (Temurin, when installed); the peers, the same binaries whatever the JDK, run once, between the two
# Parley passes, and every ratio is taken against those peer figures of the same invocation.
#
#   bench/run.sh              the full run: about 35 minutes on these shared 2-core machines (the build, two Parley
#                             passes of about 10 minutes each, the peers once, about 12); see docs/benchmarks.md
#   bench/run.sh --quick      smaller scenarios, one run each: about 10 minutes (9 min 36 s with the build, on a busy
#                             machine, 2026-12-05); a smoke test, not figures to quote
#   bench/run.sh --jdk 25     one Parley pass only (17 or 25; both is the default)
#   bench/run.sh --only direct,flood   only these scenarios (connect, fanout, direct, paced, flood, logins, hold, room,
#                             and issues 16, 17 and 19's roles, history, web: docs/benchmarks.md)
#   bench/run.sh --jfr        also records Parley under JFR in one extra fan-out and direct run each, and prints the top frames
#   HISTORY_OPTIONS="--parley.history.commit-interval=100ms" bench/run.sh --only history
#                             the history scenario with settings of its own for the process keeping history
#   HISTORY_OFF_OPTIONS="--parley.history.enabled=true" bench/run.sh --only history
#                             the same for the other process (history off by default): this one is the A/A control,
#                             two processes keeping history, whose "on/off" ratios show what the bench itself spreads
#
# Prints a table and the targets of issue 15 (MET or MISSED with the ratio), and writes
# bench/results/<timestamp>.{txt,json,rows.tsv}. Needs root (or sudo) for apt-get only when ngircd or inspircd is
# missing. Stops every server it started, by PID, when it ends. The generator (src/bench/java) runs on JDK 25
# when installed, else the default JDK, in every pass, so only Parley's JDK differs between the passes.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
ARGS="$*"
QUICK=""
JFR=""
JDKS="17 25"
ONLY=""
usage() { echo "usage: bench/run.sh [--quick] [--jfr] [--jdk 17|25|both] [--only scenario,...]" >&2; exit 2; }
while [ $# -gt 0 ]; do
	case "$1" in
		--quick) QUICK="--quick" ;;
		--jfr) JFR=1 ;;
		--jdk) shift; case "${1:-}" in 17|25) JDKS=$1 ;; both) JDKS="17 25" ;; *) usage ;; esac ;;
		--only) shift; ONLY=${1:-}; [ -n "$ONLY" ] || usage ;;
		*) usage ;;
	esac
	shift
done
REPS=3
[ -n "$QUICK" ] && REPS=1

# Ports of our own, off the defaults, so a Parley or an IRC server already running is left alone; BENCH_PORT_OFFSET
# (e.g. 300) moves them all, so a second run on the same machine (another worktree) does not meet the first's.
OFFSET=${BENCH_PORT_OFFSET:-0}
PARLEY_LINE_PORT=$((25555 + OFFSET))
PARLEY_IRC_PORT=$((26667 + OFFSET))
PARLEY_HTTP_PORT=$((28080 + OFFSET))
# the second Parley of the history scenario (issue 17), with history off
PARLEY_OFF_LINE_PORT=$((25556 + OFFSET))
PARLEY_OFF_IRC_PORT=$((26670 + OFFSET))
PARLEY_OFF_HTTP_PORT=$((28081 + OFFSET))
ADMIN_PASSWORD=bench-admin-password
NGIRCD_PORT=$((26668 + OFFSET))
INSPIRCD_PORT=$((26669 + OFFSET))

WORK=$ROOT/bench/work
RESULTS=$ROOT/bench/results
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
rm -rf "$WORK" && mkdir -p "$WORK" "$RESULTS"
ROWS=$WORK/rows.tsv
META=$WORK/meta.txt

# --- JDKs: 17 is the machine's default java, 25 Temurin's; the generator on 25 when installed ----------
JAVA_HOME_25=/usr/lib/jvm/temurin-25-jdk-amd64
JAVA_HOME_17=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
java_home() { # 17|25
	if [ "$1" = 25 ]; then echo "$JAVA_HOME_25"; else echo "$JAVA_HOME_17"; fi
}
for jdk in $JDKS; do
	home=$(java_home "$jdk")
	[ -x "$home/bin/java" ] || { echo "no JDK $jdk at $home" >&2; exit 1; }
	version=$("$home/bin/java" -version 2>&1 | head -1)
	case "$version" in
		*\"$jdk.*|*\"$jdk\"*) ;;
		*) echo "warning: JDK $jdk at $home says: $version" >&2 ;;
	esac
done
if [ -x "$JAVA_HOME_25/bin/java" ]; then GENERATOR_JAVA_HOME=$JAVA_HOME_25; else GENERATOR_JAVA_HOME=$JAVA_HOME_17; fi
GENERATOR_JAVA=$GENERATOR_JAVA_HOME/bin/java
echo "Parley on JDK $JDKS; the generator on $("$GENERATOR_JAVA" -version 2>&1 | head -1)"

# Every process here (Parley, the peers, the generator) may open as many files as the machine allows: 20,000
# on these machines, a hard limit that cannot be raised. 18,000 idle sessions fit in it on each side.
ulimit -n "$(ulimit -Hn)"

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
stop_pid() { # pid: TERM, then KILL after 5 s; forgotten afterwards, so a pid reused later is never signalled
	local p left=()
	kill "$1" 2>/dev/null || true
	for _ in $(seq 50); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$1" 2>/dev/null && kill -9 "$1" 2>/dev/null
	for p in "${PIDS[@]}"; do [ "$p" = "$1" ] || left+=("$p"); done
	PIDS=("${left[@]}")
	return 0
}
stop_all() {
	local pid
	for pid in "${PIDS[@]}"; do
		stop_pid "$pid"
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

wait_port $NGIRCD_PORT "$NGIRCD_PID" ngIRCd
wait_port $INSPIRCD_PORT "$INSPIRCD_PID" InspIRCd
echo "peers up: ngIRCd pid $NGIRCD_PID, InspIRCd pid $INSPIRCD_PID (open files: $(grep 'Max open files' /proc/$NGIRCD_PID/limits | awk '{print $4}'))"

{
	echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "command=bench/run.sh $ARGS"
	echo "machine=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(($(grep MemTotal /proc/meminfo | tr -dc 0-9) / 1024)) MiB, Linux $(uname -r)"
	echo "load_average_at_start=$(cut -d' ' -f1-3 /proc/loadavg)"
	echo "open_files_limit=$(ulimit -n)"
	echo "generator_jdk=$("$GENERATOR_JAVA" -version 2>&1 | head -1)"
	# "-dirty" when the jar was built with uncommitted changes (four runs of 2026-12-06 were, and said only the commit)
	echo "parley=$(git describe --always --dirty) (jar), guests on, limits lifted, BCrypt cost 10"
	echo "peers=$(dpkg-query -W -f='${Package} ${Version}  ' ngircd inspircd)(run once, between the Parley passes)"
	echo "runs=$REPS per scenario and server (history: $((REPS * 5)) rounds, each twice as long), hold, room and logins once${QUICK:+ (quick: smaller scenarios)}"
} >"$META"

bench() {
	"$GENERATOR_JAVA" -Xms1g -Xmx2g -cp "$BENCH_CP" io.parley.bench.Bench "$@"
}

# the scenarios asked for, in the order given, less those --only leaves out
pick() { # connect,fanout,...
	local out="" s
	for s in ${1//,/ }; do
		if [ -z "$ONLY" ] || [[ ",$ONLY," == *",$s,"* ]]; then out+="${out:+,}$s"; fi
	done
	echo "$out"
}

run_server() { # name protocol port pid setup-in-flight scenarios [more options]
	local name=$1 protocol=$2 port=$3 pid=$4 setup=$5 scenarios
	scenarios=$(pick "$6")
	shift 6
	[ -n "$scenarios" ] || return 0
	bench run --server "$name" --protocol "$protocol" --port "$port" --pid "$pid" --setup-in-flight "$setup" \
		--scenarios "$scenarios" --reps "$REPS" --rows "$ROWS" $QUICK "$@"
}

# --- Parley: guests on, every limit out of the way, accounts in memory; one process per JDK ------------
# parley.threads.max-readers stays at its default (4,096): it only counts where a connection holds a platform
# thread (the thread-per-connection transport on JDK 17), and lifting it there would spend one of the
# machine's 32,768 pids (kernel.pid_max) per session, shared with everything else on it.
start_parley() { # jdk line-port irc-port http-port name database-url [more options]: starts one Parley, sets PARLEY_PID
	local jdk=$1 line=$2 irc=$3 http=$4 name=$5 database=$6 home
	shift 6
	home=$(java_home "$jdk")
	(cd "$WORK" && exec "$home/bin/java" -jar parley.jar \
		--parley.tcp.host=127.0.0.1 --parley.tcp.port=$line \
		--parley.irc.host=127.0.0.1 --parley.irc.port=$irc \
		--server.port=$http --server.address=127.0.0.1 \
		--parley.accounts.guests=true \
		--parley.limits.messages.rate=100000000 --parley.limits.messages.burst=100000000 \
		--parley.limits.messages.max-lag=1h \
		--parley.limits.connections.per-address=100000000 --parley.limits.connections.total=100000000 \
		--parley.limits.registrations.per-address-per-hour=100000000 \
		--parley.limits.login.max-failures=100000000 --parley.limits.login.address-max-failures=100000000 \
		--parley.limits.login.max-checks-per-address=100000000 \
		--parley.limits.idle.ping-after=1h \
		--parley.sessions.max-per-user=1000 \
		--parley.admin.password=$ADMIN_PASSWORD \
		"--spring.datasource.url=$database" "$@" \
		>"$WORK/$name-jdk$jdk.log" 2>&1) &
	PARLEY_PID=$!
	PIDS+=("$PARLEY_PID")
	wait_port "$line" "$PARLEY_PID" Parley
	wait_port "$irc" "$PARLEY_PID" Parley
	wait_port "$http" "$PARLEY_PID" Parley
	echo "Parley ($name) up on JDK $jdk: pid $PARLEY_PID"
}

parley_pass() { # 17|25
	local jdk=$1 home pid
	home=$(java_home "$jdk")
	echo "parley_jdk$jdk=$("$home/bin/java" -version 2>&1 | head -1) ($home)" >>"$META"
	# history off, as the peers keep none: with it on, its writer took 60-80 % of the CPU of the direct loads
	# (JFR, 2026-12-05) and the transport's figures measured H2; the history scenario measures what it costs
	start_parley "$jdk" $PARLEY_LINE_PORT $PARLEY_IRC_PORT $PARLEY_HTTP_PORT parley "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1" \
		--parley.history.enabled=false
	pid=$PARLEY_PID
	local profile_line=() profile_irc=()
	if [ -n "$JFR" ]; then
		profile_line=(--jfr "$WORK/parley-line-jdk$jdk")
		profile_irc=(--jfr "$WORK/parley-irc-jdk$jdk")
	fi
	local parley_options=(--jcmd "$home/bin/jcmd" --admin-password "$ADMIN_PASSWORD" --http-port $PARLEY_HTTP_PORT)
	run_server "parley-line@$jdk" line $PARLEY_LINE_PORT "$pid" 50 \
		connect,fanout,direct,paced,flood,logins,hold,room,roles "${parley_options[@]}" "${profile_line[@]}"
	run_server "parley-irc@$jdk" irc $PARLEY_IRC_PORT "$pid" 50 \
		connect,fanout,direct,paced,flood,room,roles,web "${parley_options[@]}" "${profile_irc[@]}"
	stop_pid "$pid"
	# issue 17: two fresh Parleys side by side, history on and off, each on an H2 file as shipped (WRITE_DELAY=0:
	# every commit written to the file before it returns); fan-out and direct alternate between them
	if [ -n "$(pick history)" ]; then
		local on off
		rm -f "$WORK"/history-*.mv.db
		# HISTORY_OPTIONS (e.g. "--parley.history.commit-interval=100ms"): settings of the process keeping history
		# only, for an A/B of the writer's settings; written to the results' meta lines
		echo "history_options_jdk$jdk=${HISTORY_OPTIONS:-(none)}" >>"$META"
		echo "history_off_options_jdk$jdk=${HISTORY_OFF_OPTIONS:---parley.history.enabled=false}" >>"$META"
		# shellcheck disable=SC2086 # one option a word
		start_parley "$jdk" $PARLEY_LINE_PORT $PARLEY_IRC_PORT $PARLEY_HTTP_PORT parley-history-on \
			"jdbc:h2:file:$WORK/history-on;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" ${HISTORY_OPTIONS:-}
		on=$PARLEY_PID
		start_parley "$jdk" $PARLEY_OFF_LINE_PORT $PARLEY_OFF_IRC_PORT $PARLEY_OFF_HTTP_PORT parley-history-off \
			"jdbc:h2:file:$WORK/history-off;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0" \
			${HISTORY_OFF_OPTIONS:---parley.history.enabled=false}
		off=$PARLEY_PID
		run_server "parley-line@$jdk" line $PARLEY_LINE_PORT "$on" 50 history "${parley_options[@]}" \
			--off-port $PARLEY_OFF_LINE_PORT --off-pid "$off"
		echo "history_db_jdk$jdk=$(du -h "$WORK/history-on.mv.db" | cut -f1) after the seed" >>"$META"
		stop_pid "$off"
		stop_pid "$on"
	fi
}

# --- the run: Parley on the first JDK, the peers, Parley on the second ---------------------------------
STARTED=$(date +%s)
set -- $JDKS
parley_pass "$1"
# setup registrations in flight: ngIRCd listens with a backlog of 10; InspIRCd answers each a second late
run_server ngircd irc $NGIRCD_PORT "$NGIRCD_PID" 8 connect,fanout,direct,paced,flood,hold,room,roles
run_server inspircd irc $INSPIRCD_PORT "$INSPIRCD_PID" 500 connect,fanout,direct,paced,flood,hold,room,roles
[ $# -gt 1 ] && parley_pass "$2"
echo "elapsed=$(( ($(date +%s) - STARTED) / 60 )) min $(( ($(date +%s) - STARTED) % 60 )) s (after the build)" >>"$META"
echo "load_average_at_end=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$META"

echo
bench report --rows "$ROWS" --meta "$META" --out "$RESULTS/$STAMP"
cp "$ROWS" "$RESULTS/$STAMP.rows.tsv"
if [ -n "$JFR" ]; then
	for f in "$WORK"/parley-*.jfr; do
		echo
		bench jfr "$f" | tee -a "$RESULTS/$STAMP.txt"
	done
fi
