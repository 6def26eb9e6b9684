#!/usr/bin/env bash
# A second, independent CAS server for sdetcheck's tests: django-cas-server (Debian package
# python3-django-cas-server, Django 3.2), whose login form is CSRF-protected (a token in a
# cookie and a hidden field; over HTTPS a post without a same-origin Referer gets HTTP 403).
# Django's runserver on 127.0.0.1 behind nginx over HTTPS with a local CA, started by this
# script (no systemd, no docker).
#
#   scripts/cas2.sh install                 apt-get what is needed (no-op when present)
#   scripts/cas2.sh start  [--dir DIR] [--port-base N]
#   scripts/cas2.sh stop   [--dir DIR]
#   scripts/cas2.sh status [--dir DIR]
#
# DIR defaults to build/cas2, N to 21000 (or $SDETCHECK_CAS2_PORT_BASE). Ports: N+43 HTTPS
# (https://127.0.0.1:N+43/cas/login, /cas/serviceValidate, /cas/p3/serviceValidate; the ENT
# service https://localhost:N+43/ent/ is the registered service pattern), N+80 Django
# (plain HTTP, reached only by nginx). Test user eleve1, its password in DIR/secrets/eleve1.
# Writes DIR/target.yaml (an sdetcheck target profile) and DIR/ports.json. Only ever stops
# the processes whose PIDs it recorded in DIR.
set -euo pipefail

# shellcheck source=lib/local_ca.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/local_ca.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROJECT="$ROOT/tests/cas2"
ACTION="${1:-}"; shift || true
DIR="$ROOT/build/cas2"
PORT_BASE="${SDETCHECK_CAS2_PORT_BASE:-21000}"
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --port-base) PORT_BASE="$2"; shift 2 ;;
    *) echo "cas2: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$DIR" in /*) ;; *) DIR="$PWD/$DIR" ;; esac
if ! [[ "$PORT_BASE" =~ ^[0-9]+$ ]] || [ "$PORT_BASE" -lt 1024 ] || [ "$PORT_BASE" -gt 65000 ]; then
  echo "cas2: bad --port-base '$PORT_BASE' (1024..65000)" >&2; exit 2
fi
HTTPS_PORT=$((PORT_BASE + 43)); DJANGO_PORT=$((PORT_BASE + 80))
CAS_URL="https://127.0.0.1:$HTTPS_PORT/cas"
SERVICE_URL="https://localhost:$HTTPS_PORT/ent/"
USERS=(eleve1)
PACKAGES=(python3-django-cas-server nginx-light openssl curl)
# The Debian interpreter, where the package installs Django (not a pyenv or venv one).
PYTHON=/usr/bin/python3
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

log() { echo "cas2: $*"; }
die() { echo "cas2: $*" >&2; exit 1; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# component -> pid file and the word its command line must contain (never kill a reused PID)
pidfile_of() { echo "$DIR/run/$1.pid"; }
cmdword_of() { case "$1" in django) echo runserver ;; nginx) echo nginx ;; esac; }
pid_of() {
  local f; f="$(pidfile_of "$1")"
  [ -s "$f" ] || return 1
  local pid; pid="$(tr -dc 0-9 < "$f")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$(cmdword_of "$1")" || return 1
  echo "$pid"
}
running() { pid_of "$1" >/dev/null; }

install() {
  local missing=() p SUDO=""
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then log "all ${#PACKAGES[@]} packages present"; return 0; fi
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
    > "${TMPDIR:-/tmp}/cas2-apt.log" 2>&1 \
    || { tail -20 "${TMPDIR:-/tmp}/cas2-apt.log" >&2; die "apt-get failed (log: ${TMPDIR:-/tmp}/cas2-apt.log)"; }
  log "installed"
}

manage() { # Django's manage.py with this state directory
  env SDETCHECK_CAS2_DIR="$DIR" PYTHONPATH="$PROJECT" PYTHONDONTWRITEBYTECODE=1 \
    "$PYTHON" "$PROJECT/manage.py" "$@"
}

make_certs() {
  local c="$DIR/certs"
  [ -f "$c/server.pem" ] && return 0
  mkdir -p "$c"
  local_ca_init "$c" "/CN=sdetcheck second CAS server test CA"
  local_ca_issue "$c" server "/CN=127.0.0.1" 'subjectAltName=IP:127.0.0.1,DNS:localhost' 825
}

make_secrets() {
  local s="$DIR/secrets" id
  mkdir -p "$s" && chmod 700 "$s"
  for id in django-secret-key "${USERS[@]}"; do
    [ -s "$s/$id" ] && continue
    ( umask 077; openssl rand -base64 33 | tr -d '/+=\n' | cut -c1-24 > "$s/$id" )
  done
}

write_nginx() {
  local user_line=""
  [ "$(id -u)" -eq 0 ] && user_line="user nobody nogroup;"
  mkdir -p "$DIR/tmp"
  cat > "$DIR/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $(pidfile_of nginx);
error_log $DIR/logs/nginx-error.log warn;
events { worker_connections 256; }
http {
  log_format timed '\$msec \$status "\$request"';
  access_log $DIR/logs/nginx-access.log timed;
  client_body_temp_path $DIR/tmp/body;
  proxy_temp_path $DIR/tmp/proxy;
  fastcgi_temp_path $DIR/tmp/fastcgi;
  uwsgi_temp_path $DIR/tmp/uwsgi;
  scgi_temp_path $DIR/tmp/scgi;
  server_tokens off;
  ssl_protocols TLSv1.2 TLSv1.3;

  server {
    listen 127.0.0.1:$HTTPS_PORT ssl;
    ssl_certificate $DIR/certs/server.pem;
    ssl_certificate_key $DIR/certs/server.key;
    # The ENT side: the registered service (a page; tickets are validated by the client).
    location /ent/ {
      default_type text/html;
      return 200 '<!DOCTYPE html><html lang="fr"><head><title>ENT</title></head><body>ENT de test</body></html>';
    }
    location /cas/ {
      proxy_pass http://127.0.0.1:$DJANGO_PORT;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
    location / { return 404; }
  }
}
CONF
  "$NGINX" -t -q -c "$DIR/nginx.conf" -p "$DIR" 2>> "$DIR/logs/nginx-error.log" \
    || { tail -5 "$DIR/logs/nginx-error.log" >&2; die "invalid nginx configuration ($DIR/nginx.conf)"; }
}

write_target() {
  cat > "$DIR/target.yaml" <<YAML
# Written by scripts/cas2.sh: the second CAS server of sdetcheck's tests (django-cas-server).
target:
  name: "Second serveur CAS (django-cas-server)"
  base_url: "https://localhost:$HTTPS_PORT"
  profiles: [eleve]
  ca_bundle: "certs/ca.pem"
  sso:
    cas: "$CAS_URL"
  services:
    - {id: ent, url: "$SERVICE_URL", profiles: [eleve]}
  accounts:
    - {id: eleve1, profile: eleve, login: "eleve1", password: {file: secrets/eleve1}}
  vars:
    service_url: "$SERVICE_URL"
YAML
  cat > "$DIR/ports.json" <<JSON
{"https": $HTTPS_PORT, "django": $DJANGO_PORT}
JSON
}

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert "$DIR/certs/ca.pem" "$@" 2>/dev/null || true; }

wait_for_url() {
  local url="$1" i
  for i in $(seq 150); do
    [ "$(http_code "$url")" = 200 ] && return 0
    sleep 0.2
  done
  return 1
}

start() {
  if running django && running nginx; then log "already running in $DIR"; print_urls; return 0; fi
  if running django || running nginx; then log "partly running in $DIR: stopping what is left first"; stop; fi
  "$PYTHON" -c 'import cas_server, django' 2>/dev/null || die "django-cas-server is missing: run scripts/cas2.sh install first"
  local p
  for p in $HTTPS_PORT $DJANGO_PORT; do
    port_busy "$p" && die "port $p (127.0.0.1) is already in use: choose another --port-base (ports N+43, N+80)"
  done
  mkdir -p "$DIR/run" "$DIR/db"
  if [ -d "$DIR/logs" ]; then rm -rf "$DIR/logs.prev"; mv "$DIR/logs" "$DIR/logs.prev"; fi
  mkdir -p "$DIR/logs"
  trap 'echo "cas2: start failed; stopping what it had started" >&2; stop >&2' EXIT
  make_certs
  make_secrets
  # A fresh database each start: no ticket or session survives from an earlier run.
  rm -f "$DIR/db/cas2.sqlite3"
  manage migrate --noinput > "$DIR/logs/migrate.log" 2>&1 || { tail -20 "$DIR/logs/migrate.log" >&2; die "migrate failed"; }
  # The test users (passwords from DIR/secrets) and the registered service.
  export SDETCHECK_CAS2_SERVICE="$SERVICE_URL" SDETCHECK_CAS2_USERS="${USERS[*]}"
  manage shell < "$PROJECT/sdetcheck_cas2/provision.py" > "$DIR/logs/provision.log" 2>&1 \
    || { tail -20 "$DIR/logs/provision.log" >&2; die "provisioning failed"; }
  env SDETCHECK_CAS2_DIR="$DIR" PYTHONPATH="$PROJECT" PYTHONDONTWRITEBYTECODE=1 \
    setsid "$PYTHON" "$PROJECT/manage.py" runserver "127.0.0.1:$DJANGO_PORT" --noreload \
    </dev/null >> "$DIR/logs/django.log" 2>&1 &
  echo $! > "$(pidfile_of django)"
  write_nginx
  "$NGINX" -c "$DIR/nginx.conf" -p "$DIR" 2>> "$DIR/logs/nginx-error.log" || die "nginx did not start (see $DIR/logs/nginx-error.log)"
  wait_for_url "$CAS_URL/login" || die "$CAS_URL/login did not answer 200 (logs in $DIR/logs)"
  write_target
  trap - EXIT
  log "up in $DIR"
  print_urls
}

print_urls() {
  echo "  CAS          $CAS_URL/login, /cas/serviceValidate, /cas/p3/serviceValidate"
  echo "  service      $SERVICE_URL (registered)"
  echo "  CA bundle    $DIR/certs/ca.pem"
  echo "  target       $DIR/target.yaml   (account eleve1; password in $DIR/secrets/eleve1)"
}

stop() {
  local c pid stopped=0
  for c in nginx django; do
    pid="$(pid_of "$c")" || continue
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    log "stopped $c (pid $pid)"; stopped=1
  done
  rm -f "$DIR/run"/*.pid
  [ $stopped = 1 ] || log "not running"
  return 0
}

status() {
  local c pid rc=0
  echo "second CAS server in $DIR, port base $PORT_BASE"
  for c in django nginx; do
    if pid="$(pid_of "$c")"; then echo "  $c: running (pid $pid)"; else echo "  $c: not running"; rc=1; fi
  done
  return $rc
}

case "$ACTION" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2 ;;
esac
