#!/usr/bin/env bash
# The real window's crash recovery: start claimdesk on a project, tag three
# statements with the keyboard, wait 3.5 s (the autosave promise is 3 s),
# SIGKILL it, start it again, see the recovery offer (Ctrl+S and Ctrl+Q
# behind it do nothing), Restore (Enter), save
# (Ctrl+S), and check the three tags are in the project file.
#
#   cargo build && tests/xvfb/kill_restore.sh
#
# Screenshots go to $SHOTS (default /tmp/claimdesk-xvfb).
source "$(dirname "$0")/common.sh"

project="$WORK/riverton.claims.ron"
"$BIN" new assets/sample-article.txt -o "$project" >/dev/null

start_xvfb
start_app "$project"
keys f a o
shot kill-1-tagged
sleep 3.5
kill -9 "$APP_PID"
wait "$APP_PID" 2>/dev/null || true
APP_PID=""
ls "$WORK/data/recovery/"*.ron >/dev/null 2>&1 || fail "no recovery file after 3.5 s"
tagged=$("$BIN" stats "$project" --json | tr -d ' \n' | grep -o '"untagged":[0-9]*' | cut -d: -f2)

start_app "$project"
shot kill-2-offer
# Shortcuts behind the offer do nothing: no save, no quit, the file stays.
keys ctrl+s ctrl+q
sleep 0.5
kill -0 "$APP_PID" 2>/dev/null || fail "Ctrl+Q behind the recovery offer closed the window"
ls "$WORK/data/recovery/"*.ron >/dev/null 2>&1 || fail "Ctrl+S behind the offer removed the recovery file"
keys Return
sleep 0.5
keys ctrl+s
sleep 1
shot kill-3-restored
stats=$("$BIN" stats "$project" --json | tr -d ' \n')
for tag in fact attribution opinion; do
    n=$(echo "$stats" | grep -o "\"$tag\":[0-9]*" | cut -d: -f2)
    [ "$n" = "1" ] || fail "expected 1 $tag after restore and save; stats: $stats"
done
untagged=$(echo "$stats" | grep -o '"untagged":[0-9]*' | cut -d: -f2)
[ "$untagged" = "$((tagged - 3))" ] || fail "untagged $untagged, expected $((tagged - 3))"
sleep 0.5
ls "$WORK/data/recovery/"*.ron >/dev/null 2>&1 && fail "the recovery file outlived the save"
echo "PASS: killed after 3.5 s, restored, saved: the three tags are in $project"
