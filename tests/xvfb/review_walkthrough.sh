#!/usr/bin/env bash
# A reviewer's round trip in the real window with no portal (the session bus
# address points nowhere): open an article, tag three statements, Ctrl+S and
# type a path into the in-app dialog, open File > Export (Ctrl+E), quit with
# Ctrl+Q, start again and check the project reopens with its tags.
#
#   cargo build && tests/xvfb/review_walkthrough.sh
source "$(dirname "$0")/common.sh"
export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent

start_xvfb
cp assets/sample-article.txt "$WORK/story.txt"
start_app "$WORK/story.txt"
shot walk-1-opened
keys f a o
shot walk-2-tagged
keys ctrl+s
shot walk-3-save-dialog
target="$WORK/story-checked.claims.ron"
type_text "$target"
keys Return
sleep 1
shot walk-4-saved
[ -f "$target" ] || fail "Ctrl+S wrote nothing at $target"
keys ctrl+e
sleep 0.5
shot walk-5-export
# The dialog's "Export…" button (HTML, desk report are preselected), then a
# path typed into the in-app dialog.
DISPLAY="$XDISPLAY" xdotool mousemove 56 289 click 1
sleep 0.8
shot walk-6-export-path
report="$WORK/story-report.html"
type_text "$report"
keys Return
sleep 1
shot walk-6b-exported
[ -s "$report" ] || fail "the export wrote nothing at $report"
grep -q "<html" "$report" || fail "$report is not an HTML report"
DISPLAY="$XDISPLAY" xdotool mousemove 700 700
keys ctrl+q
sleep 1
kill -0 "$APP_PID" 2>/dev/null && { shot walk-6c-quit; fail "Ctrl+Q left the window open"; }
start_app
shot walk-7-reopened
tagged=$("$BIN" stats "$target" --json | tr -d ' \n' | grep -o '"tagged":[0-9]*' | cut -d: -f2)
[ "$tagged" = "3" ] || fail "expected 3 tagged statements in $target, got $tagged"
echo "PASS: tagged, saved to $target, quit and reopened"
