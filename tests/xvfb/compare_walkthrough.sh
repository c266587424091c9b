#!/usr/bin/env bash
# A desk of reviewers in the real window with no portal: open Ann's project,
# Review > Compare with… Ben's through the in-app dialog, click a heat-map
# cell, Adjudicate, settle the four disagreements with keys (1, 2, O, and
# 2 after looking at the export dialog, which refuses to publish while one
# is open), Ctrl+S, and check the saved final project has no open item.
# Coordinates are for the default 1200×760 window.
#
#   cargo build && tests/xvfb/compare_walkthrough.sh
source "$(dirname "$0")/common.sh"

start_xvfb
"$BIN" new assets/sample-article.txt -o "$WORK/ann.claims.ron" --reviewer Ann >/dev/null
"$BIN" new "$WORK/ann.claims.ron" -o "$WORK/ben.claims.ron" --reviewer Ben >/dev/null
# Tag both copies by hand-editing the one-line statements: Ann tags by id,
# Ben differs on every fourth statement.
python3 - "$WORK" <<'PY'
import re, sys
tags = ['Fact', 'Attribution', 'Opinion']
for name, flip in (('ann', 0), ('ben', 1)):
    path = f'{sys.argv[1]}/{name}.claims.ron'
    out = []
    for line in open(path).read().split('\n'):
        m = re.match(r'^(\s*)\(id: (\d+), (.*)$', line)
        if m:
            i = int(m.group(2))
            tag = tags[(i + 1) % 3] if flip and i % 4 == 0 else tags[i % 3]
            line = f"{m.group(1)}(id: {i}, tag: Some({tag}), {m.group(3)}"
        out.append(line)
    open(path, 'w').write('\n'.join(out))
PY
start_app "$WORK/ann.claims.ron"
click() { DISPLAY="$XDISPLAY" xdotool mousemove "$1" "$2" click 1; sleep 0.8; }
click 137 12            # Review
click 170 62            # Compare with…
type_text "$WORK/ben.claims.ron"
keys Return
sleep 1
shot compare-1-figures
click 229 353           # Attribution (Ann) × Opinion (Ben)
shot compare-2-cell
click 381 37            # Adjudicate: make a final project
shot compare-3-disagreements
DISPLAY="$XDISPLAY" xdotool mousemove 600 700
keys 1 2 o
shot compare-4-three-settled
keys ctrl+e
click 31 260            # Published fact check
shot compare-5-not-ready
click 472 34            # close the export dialog
DISPLAY="$XDISPLAY" xdotool mousemove 600 700
keys 2 ctrl+s
sleep 1
keys Return             # the suggested ann.final.claims.ron
sleep 1
shot compare-6-saved
final="$WORK/ann.final.claims.ron"
[ -f "$final" ] || fail "no final project at $final"
"$BIN" stats --json "$final" | grep -q '"open_items": 0' || fail "items left open in $final"
"$BIN" stats --json "$final" | grep -q '"tagged": 19' || fail "not every statement tagged in $final"
echo "PASS: compared, adjudicated and saved $final"
