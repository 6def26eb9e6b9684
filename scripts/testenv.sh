#!/usr/bin/env bash
# Local HTTPS test ENT for sdetcheck: nginx on 127.0.0.1 with a local CA made with openssl.
# Serves the reference ENT's public pages (reference-ent/site/conformant) plus fault
# endpoints used by the tests.
#
#   scripts/testenv.sh start [--dir DIR] [--variant conformant] [--port-base N]
#   scripts/testenv.sh stop  [--dir DIR]
#   scripts/testenv.sh status [--dir DIR]
#
# Ports (port-base N, default 18000): N+443 HTTPS portal, N+80 plain HTTP (redirects),
# N+444 HTTPS with a certificate from an unknown CA, N+445 HTTPS with an expired certificate,
# N+446 HTTPS that still accepts TLS 1.0 and 1.1.
# Writes DIR/target.yaml, a target profile for `sdetcheck audit`. Only ever stops the
# nginx whose PID it recorded in DIR.
set -euo pipefail

# shellcheck source=lib/local_ca.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/local_ca.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ACTION="${1:-}"; shift || true
DIR="$ROOT/build/testenv"
VARIANT="conformant"
PORT_BASE="${SDETCHECK_PORT_BASE:-18000}"
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) DIR="$2"; shift 2 ;;
    --variant) VARIANT="$2"; shift 2 ;;
    --port-base) PORT_BASE="$2"; shift 2 ;;
    *) echo "testenv: unknown argument $1" >&2; exit 2 ;;
  esac
done
HTTPS_PORT=$((PORT_BASE + 443)); HTTP_PORT=$((PORT_BASE + 80))
UNTRUSTED_PORT=$((PORT_BASE + 444)); EXPIRED_PORT=$((PORT_BASE + 445)); LEGACY_PORT=$((PORT_BASE + 446))
PIDFILE="$DIR/nginx.pid"
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

make_certs() {
  local c="$DIR/certs"
  [ -f "$c/server.pem" ] && return 0
  mkdir -p "$c"
  local_ca_init "$c" "/CN=sdetcheck test CA"
  local_ca_issue "$c" server "/CN=127.0.0.1" 'subjectAltName=IP:127.0.0.1,DNS:localhost' 825
  # A certificate from the trusted CA that expired in 2021.
  local_ca_issue_expired "$c" expired "/CN=127.0.0.1" 'subjectAltName=IP:127.0.0.1'
  # A certificate from a CA nobody trusts.
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$c/untrusted.key" -out "$c/untrusted.pem" 2>/dev/null
}

make_fault_files() {
  mkdir -p "$DIR/faults"
  # 100 MB, sparse: costs no disk.
  [ -f "$DIR/faults/big.bin" ] || truncate -s 100M "$DIR/faults/big.bin"
  cat > "$DIR/faults/not-xml.xml" <<'HTML'
<!DOCTYPE html>
<html lang="fr"><head><title>Erreur</title></head><body><p>Service indisponible</p></body></html>
HTML
}

write_config() {
  local site="$ROOT/reference-ent/site/$VARIANT" user_line="" year
  [ -d "$site" ] || { echo "testenv: no site for variant '$VARIANT' ($site)" >&2; exit 2; }
  # A copy, with the multi-year accessibility plan covering last year to next year (as
  # scripts/refent.sh writes it).
  rm -rf "$DIR/site" && cp -r "$site" "$DIR/site" && site="$DIR/site"
  year=$(date -u +%Y)
  if [ -f "$site/schema-pluriannuel.html" ]; then
    sed -i -e "s/@PLAN_FIRST@/$((year - 1))/g" -e "s/@PLAN_MIDDLE@/$year/g" \
      -e "s/@PLAN_LAST@/$((year + 1))/g" "$site/schema-pluriannuel.html"
  fi
  chmod -R a+rX "$site"
  [ "$(id -u)" -eq 0 ] && user_line="user nobody nogroup;"
  mkdir -p "$DIR/tmp" "$DIR/logs"
  cat > "$DIR/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $PIDFILE;
error_log $DIR/logs/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  log_format timed '\$msec \$status "\$request"';
  access_log $DIR/logs/access.log timed;
  client_body_temp_path $DIR/tmp/body;
  proxy_temp_path $DIR/tmp/proxy;
  fastcgi_temp_path $DIR/tmp/fastcgi;
  uwsgi_temp_path $DIR/tmp/uwsgi;
  scgi_temp_path $DIR/tmp/scgi;
  server_tokens off;
  ssl_protocols TLSv1.2 TLSv1.3;
  ssl_ciphers ECDHE+AESGCM:ECDHE+CHACHA20;
  ssl_prefer_server_ciphers on;

  server {
    listen 127.0.0.1:$HTTP_PORT;
    return 301 https://127.0.0.1:$HTTPS_PORT\$request_uri;
  }

  server {
    listen 127.0.0.1:$HTTPS_PORT ssl;
    ssl_certificate $DIR/certs/server.pem;
    ssl_certificate_key $DIR/certs/server.key;
    root $site;
    charset utf-8;
    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
    add_header X-Content-Type-Options nosniff always;
    add_header X-Frame-Options DENY always;
    add_header Content-Security-Policy "frame-ancestors 'none'" always;
    add_header Content-Security-Policy "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.sdetcheck.invalid; img-src 'self' https:; object-src 'none'; base-uri 'self'" always;
    add_header Referrer-Policy strict-origin-when-cross-origin always;
    add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
    location = / {
      add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
      add_header X-Content-Type-Options nosniff always;
      add_header X-Frame-Options DENY always;
      add_header Content-Security-Policy "frame-ancestors 'none'" always;
      add_header Content-Security-Policy "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.sdetcheck.invalid; img-src 'self' https:; object-src 'none'; base-uri 'self'" always;
      add_header Referrer-Policy strict-origin-when-cross-origin always;
      add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;
      add_header Set-Cookie "ENTSESSION=\$request_id; Path=/; Secure; HttpOnly; SameSite=Lax";
      try_files /index.html =404;
    }
    location = /fault/not-xml.xml { alias $DIR/faults/not-xml.xml; default_type application/xml; }
    location = /fault/big { alias $DIR/faults/big.bin; default_type application/octet-stream; }
    location = /fault/loop { return 302 /fault/loop; }
    location = /fault/echo-auth { default_type text/plain; return 200 "authorization=\$http_authorization\n"; }
    location = /fault/unavailable { add_header Retry-After 60 always; return 503; }
    location = /fault/bad-gateway { return 502; }
  }

  server {
    listen 127.0.0.1:$UNTRUSTED_PORT ssl;
    ssl_certificate $DIR/certs/untrusted.pem;
    ssl_certificate_key $DIR/certs/untrusted.key;
    root $site;
  }

  server {
    listen 127.0.0.1:$LEGACY_PORT ssl;
    ssl_certificate $DIR/certs/server.pem;
    ssl_certificate_key $DIR/certs/server.key;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_ciphers DEFAULT:@SECLEVEL=0;
    root $site;
  }

  server {
    listen 127.0.0.1:$EXPIRED_PORT ssl;
    ssl_certificate $DIR/certs/expired.pem;
    ssl_certificate_key $DIR/certs/expired.key;
    root $site;
  }
}
CONF
}

write_target() {
  cat > "$DIR/target.yaml" <<YAML
# Written by scripts/testenv.sh: the local test ENT ($VARIANT).
target:
  name: "ENT de démonstration sdetcheck ($VARIANT)"
  base_url: "https://127.0.0.1:$HTTPS_PORT"
  http_url: "http://127.0.0.1:$HTTP_PORT"
  degrees: [second]
  profiles: [eleve, parent, enseignant, personnel]
  ca_bundle: "certs/ca.pem"
  accounts:
    - id: enseignant1
      profile: enseignant
      login: "prof.martin"
      password: {env: SDET_TEST_PASSWORD}
  vars:
    untrusted_url: "https://127.0.0.1:$UNTRUSTED_PORT"
    expired_url: "https://127.0.0.1:$EXPIRED_PORT"
    legacy_tls_url: "https://127.0.0.1:$LEGACY_PORT"
YAML
}

start() {
  if running; then echo "testenv: already running (pid $(cat "$PIDFILE")), https://127.0.0.1:$HTTPS_PORT"; return 0; fi
  for port in $HTTPS_PORT $HTTP_PORT $UNTRUSTED_PORT $EXPIRED_PORT $LEGACY_PORT; do
    if port_busy "$port"; then echo "testenv: port $port is already in use; choose another --port-base" >&2; exit 1; fi
  done
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  make_certs
  make_fault_files
  write_config
  write_target
  "$NGINX" -t -q -c "$DIR/nginx.conf" -p "$DIR" -g "error_log $DIR/logs/error.log warn;" 2>>"$DIR/logs/start.log" \
    || { echo "testenv: invalid nginx configuration, see $DIR/logs/start.log" >&2; exit 1; }
  "$NGINX" -c "$DIR/nginx.conf" -p "$DIR" -g "error_log $DIR/logs/error.log warn;" 2>>"$DIR/logs/start.log"
  for _ in $(seq 50); do port_busy "$HTTPS_PORT" && break; sleep 0.1; done
  port_busy "$HTTPS_PORT" || { echo "testenv: nginx did not start, see $DIR/logs/error.log" >&2; exit 1; }
  echo "testenv: up ($VARIANT), pid $(cat "$PIDFILE")"
  echo "  portal      https://127.0.0.1:$HTTPS_PORT/"
  echo "  http        http://127.0.0.1:$HTTP_PORT/ (redirects)"
  echo "  CA bundle   $DIR/certs/ca.pem"
  echo "  target      $DIR/target.yaml"
}

stop() {
  if ! running; then echo "testenv: not running"; rm -f "$PIDFILE"; return 0; fi
  local pid; pid="$(cat "$PIDFILE")"
  kill "$pid"
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  echo "testenv: stopped (pid $pid)"
}

case "$ACTION" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running (pid $(cat "$PIDFILE"))"; else echo "not running"; exit 1; fi ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
