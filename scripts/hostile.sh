#!/usr/bin/env bash
# Hostile HTTP(S) server for sdetcheck's tests: tests/hostile/server.py (Python 3 standard
# library) on 127.0.0.1, serving malformed, slow, endless and malicious answers, and
# measuring what its clients do (request rate, concurrency, connection linger).
#
#   scripts/hostile.sh start  [--dir DIR] [--port-base N]
#   scripts/hostile.sh stop   [--dir DIR]
#   scripts/hostile.sh status [--dir DIR]
#
# DIR defaults to build/hostile, N to 19000 (or $SDETCHECK_HOSTILE_PORT_BASE). Ports:
# N+443 HTTPS (local test CA), N+445 HTTPS (same certificate, second port), N+80 plain HTTP,
# N+444 HTTPS with an untrusted self-signed certificate, N+446 TLS that never answers the
# handshake, N+90 the control port (GET /__stats, POST /__reset, GET /__seen?needle=).
# Writes DIR/ports.json (port names -> numbers) and DIR/target.yaml (an sdetcheck target
# profile). Only ever stops the process whose PID it recorded in DIR.
set -euo pipefail

# shellcheck source=lib/local_ca.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/local_ca.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER="$ROOT/tests/hostile/server.py"
ACTION="${1:-}"; shift || true
DIR="$ROOT/build/hostile"
PORT_BASE="${SDETCHECK_HOSTILE_PORT_BASE:-19000}"
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --port-base) PORT_BASE="$2"; shift 2 ;;
    *) echo "hostile: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$DIR" in /*) ;; *) DIR="$PWD/$DIR" ;; esac
HTTPS_PORT=$((PORT_BASE + 443)); HTTPS2_PORT=$((PORT_BASE + 445)); HTTP_PORT=$((PORT_BASE + 80))
UNTRUSTED_PORT=$((PORT_BASE + 444)); TLS_HANG_PORT=$((PORT_BASE + 446)); CONTROL_PORT=$((PORT_BASE + 90))
PIDFILE="$DIR/server.pid"
PORTS_FILE="$DIR/ports.json"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The recorded PID, if that process is alive and still our server (never kill a reused PID).
pid_of() {
  [ -s "$PIDFILE" ] || return 1
  local pid; pid="$(tr -dc 0-9 < "$PIDFILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "hostile/server.py" || return 1
  echo "$pid"
}
running() { pid_of >/dev/null; }

make_certs() {
  local c="$DIR/certs"
  [ -f "$c/server.pem" ] && return 0
  mkdir -p "$c"
  local_ca_init "$c" "/CN=sdetcheck hostile test CA"
  local_ca_issue "$c" server "/CN=127.0.0.1" 'subjectAltName=IP:127.0.0.1,DNS:localhost' 825
  # Self-signed: right names, but no CA anyone trusts.
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$c/untrusted.key" -out "$c/untrusted.pem" 2>/dev/null
}

write_target() {
  cat > "$DIR/target.yaml" <<YAML
# Written by scripts/hostile.sh: the hostile test server (tests/hostile/server.py).
target:
  name: "Serveur hostile sdetcheck"
  base_url: "https://127.0.0.1:$HTTPS_PORT"
  http_url: "http://127.0.0.1:$HTTP_PORT"
  degrees: [second]
  profiles: [eleve]
  ca_bundle: "certs/ca.pem"
  sso:
    cas: "https://127.0.0.1:$HTTPS_PORT/cas-ok"
  services:
    - {id: svc, url: "https://127.0.0.1:$HTTPS_PORT/ok", profiles: [eleve]}
  accounts:
    - id: eleve1
      profile: eleve
      login: "eleve.test"
      password: {env: SDET_CANARY_PASSWORD}
  vars:
    https2_url: "https://127.0.0.1:$HTTPS2_PORT"
    untrusted_url: "https://127.0.0.1:$UNTRUSTED_PORT"
    http_url: "http://127.0.0.1:$HTTP_PORT"
    tls_hang_url: "https://127.0.0.1:$TLS_HANG_PORT"
YAML
}

start() {
  if running; then echo "hostile: already running (pid $(pid_of)), https://127.0.0.1:$HTTPS_PORT"; return 0; fi
  for port in $HTTPS_PORT $HTTPS2_PORT $HTTP_PORT $UNTRUSTED_PORT $TLS_HANG_PORT $CONTROL_PORT; do
    if port_busy "$port"; then echo "hostile: port $port is already in use; choose another --port-base" >&2; exit 1; fi
  done
  mkdir -p "$DIR/logs"
  make_certs
  write_target
  rm -f "$PIDFILE" "$PORTS_FILE"
  # setsid: the server outlives this script and the terminal or CTest that ran it.
  setsid python3 "$SERVER" --port-base "$PORT_BASE" --certs "$DIR/certs" \
    --pid-file "$PIDFILE" --ports-file "$PORTS_FILE" </dev/null >> "$DIR/logs/server.log" 2>&1 &
  local launched=$!
  # The server writes ports.json once every port listens.
  for _ in $(seq 100); do
    [ -f "$PORTS_FILE" ] && break
    kill -0 "$launched" 2>/dev/null || break
    sleep 0.1
  done
  if [ ! -f "$PORTS_FILE" ] || ! running; then
    echo "hostile: the server did not start, see $DIR/logs/server.log:" >&2
    tail -n 20 "$DIR/logs/server.log" >&2
    exit 1
  fi
  echo "hostile: up, pid $(pid_of)"
  echo "  https       https://127.0.0.1:$HTTPS_PORT/ (and :$HTTPS2_PORT)"
  echo "  http        http://127.0.0.1:$HTTP_PORT/"
  echo "  untrusted   https://127.0.0.1:$UNTRUSTED_PORT/"
  echo "  tls hang    127.0.0.1:$TLS_HANG_PORT"
  echo "  control     http://127.0.0.1:$CONTROL_PORT/__stats"
  echo "  CA bundle   $DIR/certs/ca.pem"
  echo "  target      $DIR/target.yaml"
}

stop() {
  local pid
  if ! pid="$(pid_of)"; then echo "hostile: not running"; rm -f "$PIDFILE" "$PORTS_FILE"; return 0; fi
  kill -TERM "$pid"
  # pid_of, not kill -0: an exited server may stay a zombie until its new parent reaps it.
  for _ in $(seq 50); do running || break; sleep 0.1; done
  if running; then kill -KILL "$pid"; fi
  rm -f "$PIDFILE" "$PORTS_FILE"
  echo "hostile: stopped (pid $pid)"
}

case "$ACTION" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(pid_of))"; cat "$PORTS_FILE"; else echo "not running"; exit 1; fi ;;
  *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
