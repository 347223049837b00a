#!/usr/bin/env bash
# Drives irssi and WeeChat (both with SASL) and an nc line-protocol user against a Parley jar under tmux,
# and writes what each screen showed to irssi.txt, weechat.txt and nc.txt next to this script.
# Needs: java, tmux, irssi, weechat, nc (Debian: apt-get install -y tmux irssi weechat netcat-openbsd),
# and the jar (./mvnw -B package -DskipTests). Ports 17000 (line), 17667 (IRC), 17080 (HTTP).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=$(ls "$here"/../../../target/parley-*.jar | head -1)
demo=/tmp/irc-demo
rm -rf "$demo" && mkdir -p "$demo/irssi" "$demo/weechat"

java -jar "$jar" --parley.tcp.port=17000 --parley.irc.port=17667 --server.port=17080 \
  --spring.datasource.url=jdbc:h2:file:$demo/parley --parley.admin.password=demo-admin-1 \
  '--parley.irc.motd[0]=Parley demo: be nice' >"$demo/server.log" 2>&1 &
server=$!
trap 'tmux kill-session -t demo-nc 2>/dev/null || true; kill $server' EXIT
until curl -sf localhost:17080/actuator/health >/dev/null; do sleep 1; done

for user in alice bob; do
  curl -s -u admin:demo-admin-1 -X POST -H 'Content-Type: application/json' \
    -d "{\"name\":\"$user\",\"password\":\"$user-secret1\",\"role\":\"USER\"}" localhost:17080/api/admin/users
  echo
done

say() { tmux send-keys -t "$1" "$2" Enter; sleep "${3:-1.5}"; }
# the whole scrollback of a pane, without blank lines and the padding of full-width lines
# (and without WeeChat's first-start list of new key bindings)
capture() { tmux capture-pane -p -J -t "$1" -S - | sed 's/[[:space:]]*$//' | grep -v -e '^$' -e 'New key binding (context'; }

tmux new-session -d -s demo-nc -x 150 -y 50 'nc localhost 17000'
tmux new-session -d -s demo-irssi -x 150 -y 50 "TERM=screen-256color irssi --home=$demo/irssi -n alice"
tmux new-session -d -s demo-weechat -x 150 -y 50 "TERM=screen-256color weechat --dir $demo/weechat"
sleep 4

say demo-nc '/register carol carol-secret1'
say demo-nc '/join lobby'

say demo-irssi '/network add -sasl_mechanism PLAIN -sasl_username alice -sasl_password alice-secret1 -nick alice Parley' 0.5
say demo-irssi '/server add -notls -network Parley 127.0.0.1 17667' 0.5
say demo-irssi '/connect Parley' 4
say demo-irssi '/join #lobby' 3

for setting in 'weechat.bar.buflist.hidden on' 'weechat.bar.nicklist.hidden on'; do say demo-weechat "/set $setting" 0.3; done
say demo-weechat '/server add parley 127.0.0.1/17667 -notls' 0.5
for setting in 'nicks bob' 'sasl_mechanism plain' 'sasl_username bob' 'sasl_password bob-secret1' 'autojoin #lobby'; do
  say demo-weechat "/set irc.server.parley.$setting" 0.3
done
say demo-weechat '/connect parley' 5

say demo-nc 'hi everyone, carol here on nc'
say demo-irssi 'hello carol, alice on irssi'
say demo-weechat 'bob on weechat, hi both'
say demo-irssi '/me waves'
say demo-nc '/msg alice a private hello from nc'
say demo-irssi '/msg carol got it, alice answering in private'
say demo-weechat '/msg carol bob says hi privately'
say demo-nc '/msg bob hi bob'
say demo-nc '/all broadcast: lunch in 5 minutes'
say demo-nc '/who lobby'
say demo-irssi '/whois carol'
say demo-weechat '/whois carol'

{
  for window in 1 2 3; do
    say demo-irssi "/window $window" 1
    echo "==== irssi window $window"
    capture demo-irssi
  done
} >"$here/irssi.txt"
{
  for buffer in 1 2 3; do
    say demo-weechat "/buffer $buffer" 1
    echo "==== weechat buffer $buffer"
    capture demo-weechat
  done
} >"$here/weechat.txt"

say demo-weechat '/quit leaving for lunch'
say demo-irssi '/quit see you on nc'
say demo-nc '/quit'
capture demo-nc >"$here/nc.txt"
