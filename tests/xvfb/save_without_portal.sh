#!/usr/bin/env bash
# The real window on a desktop without an XDG portal (no D-Bus session at
# all): open the sample, tag the first statement, Ctrl+S, type a path into
# claimdesk's own file dialog, Enter, and check the file on disk.
#
#   cargo build && tests/xvfb/save_without_portal.sh
#
# Screenshots go to $SHOTS (default /tmp/claimdesk-xvfb). Exit status 0 means
# the project file was written with the tag.
source "$(dirname "$0")/common.sh"

start_xvfb
start_app
shot portal-1-sample
keys f
keys ctrl+s
shot portal-2-dialog
mkdir -p "$WORK/out"
target="$WORK/out/morning.claims.ron"
type_text "$target"
keys Return
sleep 1
shot portal-3-saved
[ -f "$target" ] || { cat "$WORK/app.log" >&2; fail "nothing written at $target"; }
facts=$("$BIN" stats "$target" --json | tr -d ' \n' | grep -o '"fact":[0-9]*' | cut -d: -f2)
[ "$facts" = "1" ] || fail "expected 1 fact in $target, stats said: $("$BIN" stats "$target")"
echo "PASS: saved through the in-app dialog to $target ($facts fact)"
