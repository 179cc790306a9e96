#!/usr/bin/env bash
# Start or stop a private clamd (ClamAV) on a unix socket for tests, CI and `make run`, with only
# our own signatures (tests/fixtures/clamav: the EICAR test file), as freshclam cannot reach its
# mirrors here. Installs Debian's clamav-daemon when missing. Prints the socket path on start.
# Production runs Debian's clamd with freshclam's signatures instead (docs/deploy.md).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CLAMD_DIR="${CLAMD_DIR:-$ROOT/var/clamd}"
SOCKET="$CLAMD_DIR/clamd.sock"
CLAMD=/usr/sbin/clamd

ping_clamd() {
  python3 - "$SOCKET" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(2)
s.connect(sys.argv[1])
s.sendall(b"zPING\0")
sys.exit(0 if s.recv(16).startswith(b"PONG") else 1)
PY
}

case "${1:-start}" in
  start)
    if [ ! -x "$CLAMD" ]; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends clamav-daemon) >/dev/null
    fi
    if ping_clamd; then echo "$SOCKET"; exit 0; fi
    mkdir -p "$CLAMD_DIR/db" "$CLAMD_DIR/tmp"
    cp "$ROOT"/tests/fixtures/clamav/hys-test.* "$CLAMD_DIR/db/"
    cat > "$CLAMD_DIR/clamd.conf" <<CONF
DatabaseDirectory $CLAMD_DIR/db
LocalSocket $SOCKET
PidFile $CLAMD_DIR/clamd.pid
LogFile $CLAMD_DIR/clamd.log
TemporaryDirectory $CLAMD_DIR/tmp
StreamMaxLength 256M
MaxThreads 4
Foreground no
CONF
    [ "$(id -u)" = 0 ] && echo "User root" >> "$CLAMD_DIR/clamd.conf"
    rm -f "$SOCKET"
    started=$(date +%s%N)
    "$CLAMD" -c "$CLAMD_DIR/clamd.conf"
    for _ in $(seq 1 300); do ping_clamd && break; sleep 0.1; done
    ping_clamd || { echo "clamd did not start: see $CLAMD_DIR/clamd.log" >&2; exit 1; }
    echo "clamd ready in $(( ($(date +%s%N) - started) / 1000000 )) ms" >&2
    echo "$SOCKET"
    ;;
  stop)
    [ -f "$CLAMD_DIR/clamd.pid" ] && kill "$(cat "$CLAMD_DIR/clamd.pid")" 2>/dev/null || true
    rm -f "$CLAMD_DIR/clamd.pid"
    ;;
esac
