# Shared by the scripts in tests/xvfb/: a private X server, a temp home for
# claimdesk's settings and recovery files, window lookup and screenshots.
# Needs: Xvfb, xdotool, xwd, ImageMagick's convert (Debian: xvfb xdotool
# x11-apps imagemagick).

set -euo pipefail

BIN=${CLAIMDESK_BIN:-target/debug/claimdesk}
XDISPLAY=${XVFB_DISPLAY:-:99}
SHOTS=${SHOTS:-/tmp/claimdesk-xvfb}
WORK=$(mktemp -d /tmp/claimdesk-xvfb-work.XXXXXX)
mkdir -p "$SHOTS" "$WORK/run"
chmod 700 "$WORK/run"
APP_PID=""
XVFB_PID=""

cleanup() {
    if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; fi
    if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
    if [ -z "${KEEP_WORK:-}" ]; then rm -rf "$WORK"; fi
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

start_xvfb() {
    [ -x "$BIN" ] || fail "no binary at $BIN (cargo build first, or set CLAIMDESK_BIN)"
    Xvfb "$XDISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    for _ in $(seq 50); do
        xdpyinfo -display "$XDISPLAY" >/dev/null 2>&1 && return 0
        [ -e "/tmp/.X11-unix/X${XDISPLAY#:}" ] && sleep 0.2 && return 0
        sleep 0.1
    done
    fail "Xvfb did not start on $XDISPLAY"
}

# Starts claimdesk with no D-Bus session (hence no XDG portal) and waits for
# its window. Arguments go to claimdesk.
start_app() {
    env -u DBUS_SESSION_BUS_ADDRESS \
        DISPLAY="$XDISPLAY" \
        WAYLAND_DISPLAY= \
        XDG_RUNTIME_DIR="$WORK/run" \
        CLAIMDESK_DATA_DIR="$WORK/data" \
        CLAIMDESK_CONFIG_DIR="$WORK/config" \
        "$BIN" "$@" >"$WORK/app.log" 2>&1 &
    APP_PID=$!
    WID=""
    for _ in $(seq 300); do
        WID=$(DISPLAY="$XDISPLAY" xdotool search --name 'claimdesk' 2>/dev/null | head -1 || true)
        [ -n "$WID" ] && break
        kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log" >&2; fail "claimdesk exited"; }
        sleep 0.1
    done
    [ -n "$WID" ] || fail "no claimdesk window"
    # No window manager: keyboard focus follows the pointer, so park it on
    # an empty part of the window (below the article) and give it focus.
    sleep 1.5
    DISPLAY="$XDISPLAY" xdotool mousemove 700 700 2>/dev/null || true
    DISPLAY="$XDISPLAY" xdotool windowfocus "$WID" 2>/dev/null || true
    sleep 0.5
}

keys() {
    DISPLAY="$XDISPLAY" xdotool key --delay 120 "$@"
    sleep 0.3
}

type_text() {
    DISPLAY="$XDISPLAY" xdotool type --delay 30 "$1"
    sleep 0.3
}

shot() {
    xwd -root -silent -display "$XDISPLAY" | convert xwd:- "$SHOTS/$1.png"
    echo "screenshot: $SHOTS/$1.png"
}
