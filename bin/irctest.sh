#!/usr/bin/env bash
# IRC conformance: starts Parley configured for irctest (github progval/irctest) and runs the suite
# against it with ../shared/irctest/irctest.sh (install the suite as its README says), then stops it.
#
#   bin/irctest.sh [default|accounts|both] [extra pytest args, e.g. irctest/server_tests/who.py]
#
#   default   the default selection: guests, no accounts, no opers
#   accounts  SASL PLAIN with accounts made through the admin API (account_hook.py) and OPER=1
#   both      (the default) one after the other
#
# The server it starts: named My.Little.Server, guests on, an in-memory database, flood, connection,
# login and registration limits lifted (the suite opens several clients at once and sends bursts),
# passwords of any length from 1 character (the suite's fixtures use "sesame" and 300-600 character
# ones), and an oper: the ADMIN account operuser / operpassword, created through the admin API. History stays on
# (chathistory tests) but shows no lines at JOIN: the suite's tests reuse #chan and expect nothing after 366.
# Environment: PARLEY_JAR (default: target/parley-*.jar, built with ./mvnw -o -q package -DskipTests
# when missing), IRCTEST_HARNESS (default ../shared/irctest), IRC_PORT / HTTP_PORT (default free ports).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-both}
case $mode in default|accounts|both) shift || true;; -*|irctest/*) mode=both;; *) sed -n '2,17p' "$0"; exit 2;; esac
HARNESS=${IRCTEST_HARNESS:-$(cd .. && pwd)/shared/irctest}
[ -x "$HARNESS/irctest.sh" ] || HARNESS=/work/shared/irctest
jar=${PARLEY_JAR:-$(ls target/parley-*.jar 2>/dev/null | grep -v original | head -1 || true)}
if [ -z "$jar" ]; then
  ./mvnw -B -o -q package -DskipTests
  jar=$(ls target/parley-*.jar | grep -v original | head -1)
fi
# two free ports below the kernel's ephemeral range (32768 up), which a busy machine's own outgoing connections
# fill: a port there may be refused although nothing listens on it
read -r free_irc free_http < <(python3 -c 'import random, socket
found = []
while len(found) < 2:
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("0.0.0.0", random.randint(15000, 32000))); found.append(s)
    except OSError:
        s.close()
print(*(s.getsockname()[1] for s in found))')
IRC_PORT=${IRC_PORT:-$free_irc}
HTTP_PORT=${HTTP_PORT:-$free_http}
ADMIN_PASSWORD=irctest-admin-$RANDOM$RANDOM
work=$(mktemp -d /tmp/parley-irctest.XXXXXX)
log=$work/parley.log

PARLEY_ADMIN_PASSWORD=$ADMIN_PASSWORD java -jar "$jar" \
  --spring.datasource.url="jdbc:h2:mem:irctest;DB_CLOSE_DELAY=-1" \
  --server.port="$HTTP_PORT" --parley.tcp.port=0 --parley.irc.port="$IRC_PORT" --parley.irc.host=127.0.0.1 \
  --parley.irc.server-name=My.Little.Server --parley.irc.network=IrcTestNet --parley.irc.description="test server" \
  --parley.accounts.guests=true --parley.accounts.bcrypt-cost=4 \
  --parley.accounts.password.min-length=1 --parley.accounts.password.max-length=1024 \
  --parley.sessions.max-per-user=100 \
  --parley.limits.messages.rate=10000 --parley.limits.messages.burst=100000 \
  --parley.limits.targets.messages=100 --parley.limits.targets.channels=100 \
  --parley.limits.connections.per-address=10000 \
  --parley.limits.login.max-failures=100000 --parley.limits.login.address-max-failures=100000 \
  --parley.limits.login.max-checks-per-address=1000 \
  --parley.limits.registrations.per-address-per-hour=100000 \
  --parley.broadcast.burst=1000 --parley.broadcast.per-minute=100000 \
  --parley.history.join-replay=0 \
  >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do   # up to 5 minutes: a loaded machine starts it slowly
  curl -sf "http://127.0.0.1:$HTTP_PORT/actuator/health" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.5
done
# the oper: an ADMIN account (Parley's IRC operators are its admins, see README "IRC operators")
curl -sf -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' -o /dev/null \
  -d '{"name":"operuser","password":"operpassword","role":"ADMIN"}' "http://127.0.0.1:$HTTP_PORT/api/admin/users" \
  || { echo "bin/irctest.sh: could not create the oper account" >&2; exit 1; }
echo "Parley (pid $pid) for irctest: IRC 127.0.0.1:$IRC_PORT, HTTP $HTTP_PORT, log $log"

status=0
if [ "$mode" != accounts ]; then
  echo "== default selection"
  "$HARNESS/irctest.sh" 127.0.0.1 "$IRC_PORT" "$@" || status=$?
fi
if [ "$mode" != default ]; then
  echo "== with accounts (SASL PLAIN) and opers (OPER=1)"
  hook="PARLEY_HTTP=http://127.0.0.1:$HTTP_PORT PARLEY_ADMIN=admin:$ADMIN_PASSWORD $HARNESS/account_hook.py"
  # account_registration.py's REGISTER makes real accounts (foo, bar...) that nothing erases, and a guest may not
  # take an account's nick: the later tests that connect as foo would all fail. So it runs last, on its own.
  if [ $# -eq 0 ]; then
    SASL_MECHS=PLAIN OPER=1 REGISTER_CMD="$hook register" UNREGISTER_CMD="$hook erase" \
      "$HARNESS/irctest.sh" 127.0.0.1 "$IRC_PORT" --ignore=irctest/server_tests/account_registration.py || status=$?
    echo "== with accounts: account_registration.py last"
    SASL_MECHS=PLAIN OPER=1 REGISTER_CMD="$hook register" UNREGISTER_CMD="$hook erase" \
      "$HARNESS/irctest.sh" 127.0.0.1 "$IRC_PORT" irctest/server_tests/account_registration.py || status=$?
  else
    SASL_MECHS=PLAIN OPER=1 REGISTER_CMD="$hook register" UNREGISTER_CMD="$hook erase" \
      "$HARNESS/irctest.sh" 127.0.0.1 "$IRC_PORT" "$@" || status=$?
  fi
fi
exit $status
