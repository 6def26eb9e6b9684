#!/usr/bin/env bash
# Reference ENT of sdetcheck: real OpenLDAP slapd, LemonLDAP::NG (CAS server, SAML 2.0 IdP,
# OIDC provider, authenticating against slapd) and nginx over HTTPS with a local CA, all on
# 127.0.0.1, started by this script (no systemd, no docker). Two variants: conformant, flawed
# (exactly the non-conformities of reference-ent/flaws.yaml), switchable in seconds.
#
#   scripts/refent.sh install                      apt-get what is needed (no-op when present)
#   scripts/refent.sh start [--variant conformant|flawed] [--dir DIR] [--port-base N] [--latency MS]
#                           [--sdetcheck PATH]
#   scripts/refent.sh variant conformant|flawed [--dir DIR]
#   scripts/refent.sh stop [--dir DIR]
#   scripts/refent.sh status [--dir DIR]
#
# DIR defaults to build/refent, N to 20000 (or $SDETCHECK_REFENT_PORT_BASE). Ports: N+443 ENT
# portal (https://localhost:N+443), N+80 plain HTTP (301 to HTTPS), N+444 LemonLDAP::NG portal
# (CAS, SAML, OIDC), N+445 the ENT's SAML service provider (a second LemonLDAP::NG portal
# trusting the federation's test IdP that sdetcheck plays, https://localhost:N+446/test-idp:
# nothing listens there), N+389 slapd. Writes DIR/target.yaml (an sdetcheck target profile; secrets
# by reference to DIR/secrets/*). Only ever stops the processes whose PIDs it recorded in DIR.
# --latency MS puts the ENT "on the network" (bench/sso.sh): nginx then listens on the ports
# N+1080, N+1443, N+1444 and scripts/lib/delay_proxy.py serves the public ports, each way
# delayed by MS (a round trip costs 2*MS). Besides its named people (reference-ent/ldif and
# reference-ent/aaf), the directory holds a generated académie: `sdetcheck aaf generate`
# (3,000 persons, seed 2026) loaded through `sdetcheck aaf ldif`; --sdetcheck PATH names the
# binary (default: $SDETCHECK_BIN, build/sdetcheck, then sdetcheck on the PATH).
# See docs/reference-ent.md.
set -euo pipefail

# shellcheck source=lib/local_ca.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/local_ca.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REF="$ROOT/reference-ent"
ACTION="${1:-}"; shift || true
DIR="$ROOT/build/refent"
VARIANT=""
PORT_BASE=""
LATENCY=""
SDETCHECK="${SDETCHECK_BIN:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --sdetcheck) SDETCHECK="$2"; shift 2 ;;
    --dir) DIR="$2"; shift 2 ;;
    --variant) VARIANT="$2"; shift 2 ;;
    --port-base) PORT_BASE="$2"; shift 2 ;;
    --latency) LATENCY="$2"; shift 2 ;;
    conformant|flawed) [ "$ACTION" = variant ] && [ -z "$VARIANT" ] && { VARIANT="$1"; shift; continue; }
                       echo "refent: unexpected argument $1" >&2; exit 2 ;;
    *) echo "refent: unknown argument $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$DIR" 2>/dev/null || true
DIR="$(cd "$DIR" 2>/dev/null && pwd || echo "$DIR")"

# Packages. --no-install-recommends is not enough for LemonLDAP::NG (captcha and CLI modules are
# Recommends/Suggests), so the recommended set is installed too.
PACKAGES=(
  slapd ldap-utils nginx openssl curl ca-certificates patch
  lemonldap-ng lemonldap-ng-fastcgi-server liblemonldap-ng-portal-perl liblasso-perl
  libgd-securityimage-perl libimage-magick-perl libemail-sender-perl libnet-ldap-perl
  libcrypt-openssl-bignum-perl libio-socket-ssl-perl libxml-libxml-perl libfcgi-perl
  xmlsec1 libxml2-utils
)
LLNG_SERVER=/usr/sbin/llng-fastcgi-server
LLNG_CLI=/usr/share/lemonldap-ng/bin/lemonldap-ng-cli
LLNG_HTDOCS=/usr/share/lemonldap-ng/portal/htdocs
STDLOGGER=Lemonldap::NG::Common::Logger::Std
SUFFIX="dc=sdetcheck,dc=test"
ROOTDN="cn=admin,$SUFFIX"
# uid:profile:AAF id (of reference-ent/aaf)
ACCOUNTS=(eleve1:eleve:2000001 parent1:parent:3000001 enseignant1:enseignant:4000001
  enseignant2:enseignant:4000002 personnel1:personnel:5000001)
UNREGISTERED_SERVICE="https://service-non-enregistre.example.org/"
# The generated académie loaded besides the named people (ids and UAIs of their own).
GENERATED=(--persons 3000 --establishments 3 --seed 2026 --academy GEN --date 20260901)

log() { echo "refent: $*"; }
die() { echo "refent: $*" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
T0="$(now)"
phase() { [ -z "${REFENT_TRACE:-}" ] || echo "refent: [$(awk -v a="$T0" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')] $*" >&2; }

need_root() { [ "$(id -u)" -eq 0 ] || die "must run as root (it runs slapd as openldap and LemonLDAP::NG as www-data)"; }

# ------------------------------------------------------------------ ports and state

load_ports() {
  if [ -z "$PORT_BASE" ]; then
    if [ -f "$DIR/state/port-base" ]; then PORT_BASE="$(cat "$DIR/state/port-base")"
    else PORT_BASE="${SDETCHECK_REFENT_PORT_BASE:-20000}"; fi
  fi
  if ! [[ "$PORT_BASE" =~ ^[0-9]+$ ]] || [ "$PORT_BASE" -lt 1024 ] || [ "$PORT_BASE" -gt 65000 ]; then
    die "bad --port-base '$PORT_BASE' (1024..65000)"
  fi
  P_HTTP=$((PORT_BASE + 80)); P_PORTAL=$((PORT_BASE + 443)); P_IDP=$((PORT_BASE + 444)); P_LDAP=$((PORT_BASE + 389))
  P_SP=$((PORT_BASE + 445)); P_TEST_IDP=$((PORT_BASE + 446)); P_LDAPS=$((PORT_BASE + 636))
  if [ -z "$LATENCY" ]; then
    if [ "$ACTION" != start ] && [ -f "$DIR/state/latency" ]; then LATENCY="$(cat "$DIR/state/latency")"; else LATENCY=0; fi
  fi
  [[ "$LATENCY" =~ ^[0-9]+$ ]] && [ "$LATENCY" -le 1000 ] || die "bad --latency '$LATENCY' (0..1000 ms)"
  # The ports nginx listens on: the public ones, or behind the delay proxy.
  local shift_by=0; [ "$LATENCY" -gt 0 ] && shift_by=1000
  L_HTTP=$((P_HTTP + shift_by)); L_PORTAL=$((P_PORTAL + shift_by)); L_IDP=$((P_IDP + shift_by)); L_SP=$((P_SP + shift_by))
  PORTAL_URL="https://localhost:$P_PORTAL"; IDP_URL="https://localhost:$P_IDP"; SP_URL="https://localhost:$P_SP"
  TEST_IDP_ENTITY_ID="https://localhost:$P_TEST_IDP/test-idp"; TEST_IDP_SSO_URL="https://localhost:$P_TEST_IDP/test-idp/sso"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# component -> pid file and the word its command line must contain (never kill a reused PID)
pidfile_of() {
  case "$1" in
    slapd) echo "$DIR/ldap/slapd.pid" ;;
    llng) echo "$DIR/run/llng.pid" ;;
    llngsp) echo "$DIR/run/llng-sp.pid" ;;
    services) echo "$DIR/run/ent-services.pid" ;;
    nginx) echo "$DIR/run/nginx.pid" ;;
    proxy) echo "$DIR/run/delay-proxy.pid" ;;
  esac
}
cmdword_of() { case "$1" in slapd) echo slapd ;; llng|llngsp) echo llng-fastcgi ;; services) echo ent-services ;; nginx) echo nginx ;; proxy) echo delay_proxy ;; esac; }
COMPONENTS=(slapd llng llngsp services nginx)

pid_of() {
  local f; f="$(pidfile_of "$1")"
  [ -s "$f" ] || return 1
  local pid; pid="$(tr -dc 0-9 < "$f")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$(cmdword_of "$1")" || return 1
  echo "$pid"
}
running() { pid_of "$1" >/dev/null; }

current_variant() { cat "$DIR/state/variant" 2>/dev/null || echo conformant; }

load_variant() {
  local v="$1"
  [ "$v" = conformant ] || [ "$v" = flawed ] || die "unknown variant '$v' (conformant or flawed)"
  # shellcheck disable=SC1090
  . "$REF/variants/$v.env"
}

# ------------------------------------------------------------------ install

system_instances() {
  # PIDs of the distribution's default instances (their system pid files), if any are running.
  local f pid
  for f in /run/slapd/slapd.pid /run/nginx.pid /run/llng-fastcgi-server/llng-fastcgi.pid; do
    [ -s "$f" ] || continue
    pid="$(tr -dc 0-9 < "$f")"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$f:$pid"
  done
  return 0
}

install() {
  local t0 missing=() p SUDO=""
  t0="$(now)"
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then log "all ${#PACKAGES[@]} packages present"; return 0; fi
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "installing ${missing[*]} (and their recommended packages)"
  local before; before="$(system_instances)"
  export DEBIAN_FRONTEND=noninteractive
  # slapd: no default database (its postinst would create dc=nodomain and could start it).
  echo "slapd slapd/no_configuration boolean true" | $SUDO debconf-set-selections
  # Keep package scripts from starting the default services while installing.
  local policy=/usr/sbin/policy-rc.d made_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null; $SUDO chmod 755 "$policy"; made_policy=1
  fi
  local rc=0
  { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq -o Dpkg::Options::=--force-confold "${missing[@]}"; } \
    > "${TMPDIR:-/tmp}/refent-apt.log" 2>&1 || rc=$?
  [ "$made_policy" = 1 ] && $SUDO rm -f "$policy"
  [ $rc -eq 0 ] || { tail -20 "${TMPDIR:-/tmp}/refent-apt.log" >&2; die "apt-get failed (log: ${TMPDIR:-/tmp}/refent-apt.log)"; }
  # Stop the default instances the packages may have started anyway (only those: not running before).
  local inst name
  for inst in $(system_instances); do
    grep -qx "$inst" <<< "$before" && continue
    case "${inst%%:*}" in
      */slapd.pid) name=slapd ;; */nginx.pid) name=nginx ;; *) name=lemonldap-ng-fastcgi-server ;;
    esac
    log "the package started the system's default $name (pid ${inst##*:}); stopping it"
    if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
      $SUDO systemctl stop "$name" || true; $SUDO systemctl disable "$name" >/dev/null 2>&1 || true
    else
      $SUDO kill "${inst##*:}" 2>/dev/null || true
    fi
  done
  log "installed in $(elapsed "$t0") s"
}

check_installed() {
  local p
  for p in "$LLNG_SERVER" "$LLNG_CLI" /usr/sbin/slapd /usr/sbin/nginx /usr/bin/ldapadd; do
    [ -x "$p" ] || die "$p is missing: run scripts/refent.sh install first"
  done
}

# ------------------------------------------------------------------ keys, certificates, secrets

SERVER_EXT='subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth'

make_certs() {
  local c="$DIR/certs"
  [ -f "$c/done" ] && return 0
  mkdir -p "$c" && chmod 755 "$c"
  local server_ext="$SERVER_EXT"
  local sign_ext='basicConstraints=CA:FALSE\nkeyUsage=digitalSignature'
  local_ca_init "$c" "/O=sdetcheck/CN=sdetcheck reference ENT test CA"
  # TLS server certificate for both HTTPS ports.
  local_ca_issue "$c" server "/O=sdetcheck/CN=localhost" "$server_ext" 825
  # SAML signing: a valid certificate and an expired one.
  local_ca_issue "$c" saml-sig "/O=sdetcheck/CN=localhost SAML IdP signing" "$sign_ext" 3650
  local_ca_issue_expired "$c" saml-sig-expired "/O=sdetcheck/CN=localhost SAML IdP signing (expired)" "$sign_ext"
  # A weak SAML encryption certificate, RSA 1024 signed with SHA-1 (FLAW-18): published as
  # the IdP's encryption key only, so that the signing key and every other check stay as they are.
  openssl genrsa -traditional -out "$c/saml-enc-weak.key" 1024 2>/dev/null
  openssl req -new -key "$c/saml-enc-weak.key" -subj "/O=sdetcheck/CN=localhost SAML IdP encryption (weak)" \
    -out "$c/saml-enc-weak.csr" 2>/dev/null
  printf 'basicConstraints=CA:FALSE\nkeyUsage=keyEncipherment\n' > "$c/saml-enc-weak.ext"
  openssl x509 -req -sha1 -in "$c/saml-enc-weak.csr" -CA "$c/ca.pem" -CAkey "$c/ca.key" -CAcreateserial \
    -days 3650 -extfile "$c/saml-enc-weak.ext" -out "$c/saml-enc-weak.pem" 2>/dev/null
  rm -f "$c/saml-enc-weak.csr" "$c/saml-enc-weak.ext"
  # The portal's own SAML SP certificate (in its static SP metadata).
  local_ca_issue "$c" sp "/O=sdetcheck/CN=localhost ENT portal SAML SP" "$sign_ext" 3650
  # OIDC ID-token signing key.
  openssl genrsa -traditional -out "$c/oidc-sig.key" 2048 2>/dev/null
  openssl rsa -in "$c/oidc-sig.key" -pubout -out "$c/oidc-sig.pub" 2>/dev/null
  chmod 600 "$c"/*.key
  chmod 644 "$c"/*.pem "$c/oidc-sig.pub"
  touch "$c/done"
}

# The ENT's SAML SP: its own signing key, and the federation test IdP's key that sdetcheck
# signs its Responses with (both issued by the local CA; a directory made before them gets them too).
make_sp_certs() {
  local c="$DIR/certs" sign_ext='basicConstraints=CA:FALSE\nkeyUsage=digitalSignature'
  [ -f "$c/test-idp.pem" ] || local_ca_issue "$c" test-idp "/O=sdetcheck/CN=federation test IdP signing" "$sign_ext" 3650
  [ -f "$c/ent-sp.pem" ] || local_ca_issue "$c" ent-sp "/O=sdetcheck/CN=localhost ENT SAML SP signing" "$sign_ext" 3650
  chmod 600 "$c"/test-idp.key "$c"/ent-sp.key
  chmod 644 "$c"/test-idp.pem "$c"/ent-sp.pem
}

random_secret() { openssl rand -base64 24 | tr -d '/+=\n' | cut -c1-20; }

make_secrets() {
  local s="$DIR/secrets" id
  mkdir -p "$s" && chmod 700 "$s"
  for id in eleve1 parent1 enseignant1 enseignant2 personnel1 oidc-client ldap-admin ldap-llng; do
    [ -s "$s/$id" ] && continue
    ( umask 077; printf %s "$(random_secret)" > "$s/$id" )
  done
  chmod 600 "$s"/*
}

# ------------------------------------------------------------------ generated académie

sdetcheck_bin() {
  local candidate
  for candidate in "$SDETCHECK" "$ROOT/build/sdetcheck" "$(command -v sdetcheck || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  die "no sdetcheck binary to generate the reference académie: build it (cmake --build build --target sdetcheck) or pass --sdetcheck PATH"
}

# DIR/generated: the feed (ENT2D_GEN_*), and DIR/ldap/generated.ldif: what an importer loads
# from it. Deterministic: the same files at every start.
generate_population() {
  local bin; bin="$(sdetcheck_bin)"
  rm -rf "$DIR/generated"
  "$bin" aaf generate --out "$DIR/generated" "${GENERATED[@]}" -q \
    || die "sdetcheck aaf generate failed ($bin)"
  "$bin" aaf ldif "$DIR/generated" --suffix "$SUFFIX" -o "$DIR/ldap/generated.ldif" -q \
    || die "sdetcheck aaf ldif failed ($bin)"
}

# ------------------------------------------------------------------ slapd

ldap_hash() { slappasswd -h '{SSHA}' -T "$1"; }

write_ldap() {
  local l="$DIR/ldap"
  rm -rf "$l/data"
  mkdir -p "$l/data"
  # The data, with the test accounts' password hashes (test-only passwords from DIR/secrets).
  local hashes=() id
  for id in eleve1 parent1 enseignant1 enseignant2 personnel1; do hashes+=("uid=$id,ou=people,$SUFFIX=$(ldap_hash "$DIR/secrets/$id")"); done
  hashes+=("cn=lemonldap,ou=system,$SUFFIX=$(ldap_hash "$DIR/secrets/ldap-llng")")
  perl -CSD -e '
    my $file = shift;
    my %h = map { /^(.*?)=(\{SSHA\}.*)$/ ? (lc $1 => $2) : () } @ARGV;
    open(my $f, "<:encoding(UTF-8)", $file) or die "$file: $!";
    local $/ = "";
    while (my $block = <$f>) {
      my ($dn) = $block =~ /^dn: (.*)$/m;
      if ($block =~ /^userPassword: \{LOADTIME\}$/m) {
        defined $dn && exists $h{lc $dn} or die "no password for $dn\n";
        $block =~ s/^userPassword: \{LOADTIME\}$/userPassword: $h{lc $dn}/m;
      }
      print $block;
    }' "$REF/ldif/directory.ldif" "${hashes[@]}" > "$l/load.ldif"
  { echo; cat "$l/generated.ldif"; } >> "$l/load.ldif"
  chmod 600 "$l/load.ldif"
  cat > "$l/slapd.conf" <<CONF
# slapd of the sdetcheck reference ENT (generated by scripts/refent.sh; do not edit).
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
include $REF/schema/ent-test.schema
pidfile $l/slapd.pid
argsfile $l/slapd.args
modulepath /usr/lib/ldap
moduleload back_mdb
sizelimit 500
TLSCACertificateFile $DIR/certs/ca.pem
TLSCertificateFile $l/tls.pem
TLSCertificateKeyFile $l/tls.key

database mdb
maxsize 16777216
suffix "$SUFFIX"
rootdn "$ROOTDN"
rootpw $(ldap_hash "$DIR/secrets/ldap-admin")
# The read-only account pages through the whole directory (the audit's directory cross-check).
limits dn.exact="cn=lemonldap,ou=system,$SUFFIX" size.prtotal=unlimited
directory $l/data
index objectClass eq
index uid eq
index ENTPersonJointure eq
access to attrs=userPassword
  by anonymous auth
  by self write
  by * none
access to *
  by dn.exact="cn=lemonldap,ou=system,$SUFFIX" read
  by self read
  by * none
CONF
  chmod 640 "$l/slapd.conf"
  # LDAPS and StartTLS with the reference CA's server certificate (slapd reads it as openldap).
  cp "$DIR/certs/server.pem" "$l/tls.pem"
  cp "$DIR/certs/server.key" "$l/tls.key" && chmod 600 "$l/tls.key"
  # The variant's deleted and overlaid entries are left out of the initial load; the overlay
  # is appended.
  perl -e 'my %del = map { lc($_) => 1 } split " ", shift; local $/ = "";
           while (<STDIN>) { my ($dn) = /^dn: (.*)$/m; print unless defined $dn && $del{lc $dn} }' \
    "$LDAP_DELETE $(overlay_dns)" < "$l/load.ldif" > "$l/initial.ldif"
  [ -z "$LDAP_OVERLAY" ] || { echo; cat "$REF/ldif/$LDAP_OVERLAY"; } >> "$l/initial.ldif"
  chmod 600 "$l/initial.ldif"
  slapadd -q -f "$l/slapd.conf" -l "$l/initial.ldif" > "$DIR/logs/slapadd.log" 2>&1 \
    || { cat "$DIR/logs/slapadd.log" >&2; die "slapadd failed"; }
  chown -R openldap:openldap "$l"
  chmod 700 "$l/data"
}

start_slapd() {
  setsid /usr/sbin/slapd -h "ldap://127.0.0.1:$P_LDAP/ ldaps://127.0.0.1:$P_LDAPS/" -f "$DIR/ldap/slapd.conf" -u openldap -g openldap -d stats \
    </dev/null >> "$DIR/logs/slapd.log" 2>&1 &
}

ldap_admin() { # ldapadd/ldapdelete/ldapsearch as the root DN
  local tool="$1"; shift
  "$tool" -x -H "ldap://127.0.0.1:$P_LDAP/" -D "$ROOTDN" -y "$DIR/secrets/ldap-admin" "$@"
}

ldap_entry_exists() {
  ldap_admin ldapsearch -LLL -b "$1" -s base dn 2>/dev/null | grep -q '^dn:'
}

# The DNs of the current variant's overlay (reference-ent/ldif/$LDAP_OVERLAY), "" without one.
overlay_dns() { [ -z "$LDAP_OVERLAY" ] || sed -n 's/^dn: //p' "$REF/ldif/$LDAP_OVERLAY"; }

# Directory side of the variant: the entries of LDAP_DELETE and every entry any overlay may
# have laid (reference-ent/ldif/flawed.ldif) are deleted; every other entry of the data set is
# added back from DIR/ldap/load.ldif if it is missing; then the variant's overlay is added.
apply_ldap_variant() {
  local present dn
  present="$(ldap_admin ldapsearch -LLL -o ldif-wrap=no -b "$SUFFIX" '(objectClass=*)' 1.1 2>> "$DIR/logs/ldap-changes.log" \
             | sed -n 's/^dn: //p' | tr '[:upper:]' '[:lower:]')" || die "ldapsearch failed (see $DIR/logs/ldap-changes.log)"
  for dn in $LDAP_DELETE $(sed -n 's/^dn: //p' "$REF/ldif/flawed.ldif"); do
    if grep -qxF "$(tr '[:upper:]' '[:lower:]' <<< "$dn")" <<< "$present"; then
      ldap_admin ldapdelete "$dn" >> "$DIR/logs/ldap-changes.log" 2>&1 || die "ldapdelete $dn failed"
    fi
  done
  # The present DNs go through a file: a generated académie has thousands, beyond argv's limit.
  grep -vxiF -f <(sed -n 's/^dn: //p' "$REF/ldif/flawed.ldif") <<< "$present" > "$DIR/ldap/present.dns" || true
  perl -e 'my %skip = map { lc($_) => 1 } split " ", shift; open(my $h, "<", shift) or die;
           my %have = map { chomp; lc($_) => 1 } <$h>;
           local $/ = ""; while (<STDIN>) { my ($dn) = /^dn: (.*)$/m; next unless defined $dn;
           print unless $skip{lc $dn} || $have{lc $dn} }' "$LDAP_DELETE $(overlay_dns)" "$DIR/ldap/present.dns" \
    < "$DIR/ldap/load.ldif" > "$DIR/ldap/missing.ldif"
  if grep -q '^dn:' "$DIR/ldap/missing.ldif"; then
    ldap_admin ldapadd -f "$DIR/ldap/missing.ldif" >> "$DIR/logs/ldap-changes.log" 2>&1 || die "ldapadd failed (see $DIR/logs/ldap-changes.log)"
  fi
  rm -f "$DIR/ldap/missing.ldif" "$DIR/ldap/present.dns"
  if [ -n "$LDAP_OVERLAY" ]; then
    ldap_admin ldapadd -f "$REF/ldif/$LDAP_OVERLAY" >> "$DIR/logs/ldap-changes.log" 2>&1 || die "ldapadd $LDAP_OVERLAY failed (see $DIR/logs/ldap-changes.log)"
  fi
}

# ------------------------------------------------------------------ LemonLDAP::NG

write_llng_ini() {
  local g="$DIR/llng"
  cat > "$g/lemonldap-ng.ini" <<INI
; LemonLDAP::NG of the sdetcheck reference ENT (generated by scripts/refent.sh; do not edit).
[all]
logLevel = notice
logger = $STDLOGGER
userLogger = $STDLOGGER
checkTime = 1

[configuration]
type = File
dirName = $g/conf
prettyPrint = 1
localStorage = Cache::FileCache
localStorageOptions = { 'namespace' => 'lemonldap-ng-config', 'default_expires_in' => 600, 'directory_umask' => '007', 'cache_root' => '$g/cache', 'cache_depth' => 3 }

[portal]
staticPrefix = /static
templateDir = /usr/share/lemonldap-ng/portal/templates
languages = fr, en

[handler]
status = 0
useRedirectOnError = 1

[manager]
protection = manager
staticPrefix = /static
templateDir = /usr/share/lemonldap-ng/manager/htdocs/templates
languages = fr, en
INI
  chown root:www-data "$g/lemonldap-ng.ini"; chmod 640 "$g/lemonldap-ng.ini"
}

saml_key_of() { [ "$1" = expired ] && echo "$DIR/certs/saml-sig-expired" || echo "$DIR/certs/saml-sig"; }
# The IdP's encryption key (key) or certificate (pem): "" (LemonLDAP::NG then publishes
# the signing certificate for encryption too), or the weak pair of FLAW-18.
saml_enc_file() { [ "$SAML_ENC" = weak ] && echo "@file:$DIR/certs/saml-enc-weak.$1" || echo ""; }

cas_exported_vars_json() { # $1 = "merge": an absent attribute is written null (deleted by merge)
  local j='{"uid":"uid","cn":"cn","mail":"mail","ENTPersonProfils":"ENTPersonProfils","ENTPersonStructRattach":"ENTPersonStructRattach"'
  j="$j,\"ENTEleveClasses\":\"$CAS_CLASSES_FROM\",\"ENTAuxEnsClasses\":\"ENTAuxEnsClasses\""
  if [ "$CAS_EXPORT_JOINTURE" = 1 ]; then j="$j,\"ENTPersonJointure\":\"ENTPersonJointure\""
  elif [ "${1:-}" = merge ]; then j="$j,\"ENTPersonJointure\":null"; fi
  echo "$j}"
}

# Renders the whole LemonLDAP::NG configuration for the current variant into $1.
render_llng_conf() {
  local key; key="$(saml_key_of "$SAML_SIG")"
  perl "$REF/llng/render.pl" json "$REF/llng/lmConf.json.in" "$1" \
    VARIANT="$VARIANT" P_IDP="$P_IDP" P_PORTAL="$P_PORTAL" P_LDAP="$P_LDAP" LLNG_DIR="$DIR/llng" \
    LDAP_LLNG_PASSWORD="@file:$DIR/secrets/ldap-llng" OIDC_CLIENT_SECRET="@file:$DIR/secrets/oidc-client" \
    CAS_POLICY="$CAS_POLICY" CAS_EXPORTED_VARS="json:$(cas_exported_vars_json)" CAS_RENEW_INTERVAL="json:$CAS_RENEW_INTERVAL" \
    OIDC_REQUIRE_PKCE="json:$OIDC_REQUIRE_PKCE" \
    SAML_CHECK_REQUEST_SIG="json:$SAML_CHECK_REQUEST_SIG" SAML_ENC_KEY="$(saml_enc_file key)" SAML_ENC_CERT="$(saml_enc_file pem)" \
    SAML_SIG_KEY="@file:$key.key" SAML_SIG_CERT="@file:$key.pem" SP_METADATA="@file:$DIR/saml/sp-metadata.xml" \
    OIDC_SIG_KEY="@file:$DIR/certs/oidc-sig.key" OIDC_SIG_PUB="@file:$DIR/certs/oidc-sig.pub"
}

# The SAML SP portal: its own ini (same settings, its own configuration directory) and
# configuration, rendered from sp-lmConf.json.in.
write_llng_sp() {
  local g="$DIR/llng-sp"
  rm -rf "$g/conf" "$g/cache" "$g/sessions" "$g/psessions"
  mkdir -p "$g/conf" "$g/cache" "$g/sessions/lock" "$g/psessions/lock"
  sed -e "s|$DIR/llng/|$g/|g" -e 's|LemonLDAP::NG of the sdetcheck|LemonLDAP::NG (SAML SP portal) of the sdetcheck|' \
    "$DIR/llng/lemonldap-ng.ini" > "$g/lemonldap-ng.ini"
  chown root:www-data "$g/lemonldap-ng.ini"; chmod 640 "$g/lemonldap-ng.ini"
  perl "$REF/llng/render.pl" text "$REF/saml/test-idp-metadata.xml.in" "$DIR/saml/test-idp-metadata.xml" \
    IDP_ENTITY_ID="$TEST_IDP_ENTITY_ID" IDP_SSO_URL="$TEST_IDP_SSO_URL" IDP_CERT="$(cert_body "$DIR/certs/test-idp.pem")"
  perl "$REF/llng/render.pl" json "$REF/llng/sp-lmConf.json.in" "$g/conf/lmConf-1.json" \
    VARIANT="$VARIANT" P_SP="$P_SP" P_PORTAL="$P_PORTAL" LLNG_DIR="$g" \
    SAML_SP_CHECK_TIME="json:$SAML_SP_CHECK_TIME" TEST_IDP_METADATA="@file:$DIR/saml/test-idp-metadata.xml" \
    SP_SIG_KEY="@file:$DIR/certs/ent-sp.key" SP_SIG_CERT="@file:$DIR/certs/ent-sp.pem"
  chown -R www-data:www-data "$g/conf" "$g/cache" "$g/sessions" "$g/psessions"
  chmod 700 "$g/conf" "$g/cache" "$g/sessions" "$g/psessions"
}

write_llng() {
  local g="$DIR/llng"
  rm -rf "$g/conf" "$g/cache" "$g/sessions" "$g/psessions"
  mkdir -p "$g/conf" "$g/cache" "$g/sessions/lock" "$g/psessions/lock"
  write_llng_ini
  render_llng_conf "$g/conf/lmConf-1.json"
  chown -R www-data:www-data "$g/conf" "$g/cache" "$g/sessions" "$g/psessions"
  chmod 700 "$g/conf" "$g/cache" "$g/sessions" "$g/psessions"
}

start_llng() {
  env LLNG_DEFAULTCONFFILE="$DIR/llng/lemonldap-ng.ini" LLNG_DEFAULTLOGGER="$STDLOGGER" \
    setsid "$LLNG_SERVER" --foreground -u www-data -g www-data -n 2 \
      -s "$DIR/run/llng.sock" -p "$DIR/run/llng.pid" </dev/null >> "$DIR/logs/llng.log" 2>&1 &
}

llng_cli() { # its output (which can hold the values set) goes only to a 0600 log
  local ini="${LLNG_INI:-$DIR/llng/lemonldap-ng.ini}"
  ( umask 077
    env LLNG_DEFAULTCONFFILE="$ini" LLNG_DEFAULTLOGGER="$STDLOGGER" \
      "$LLNG_CLI" --user=www-data --group=www-data -iniFile "$ini" -yes 1 -safe 1 \
      -log "refent.sh variant $VARIANT" "$@" >> "$DIR/logs/llng-cli.log" 2>&1 )
}

start_llng_sp() {
  env LLNG_DEFAULTCONFFILE="$DIR/llng-sp/lemonldap-ng.ini" LLNG_DEFAULTLOGGER="$STDLOGGER" \
    setsid "$LLNG_SERVER" --foreground -u www-data -g www-data -n 1 \
      -s "$DIR/run/llng-sp.sock" -p "$DIR/run/llng-sp.pid" </dev/null >> "$DIR/logs/llng-sp.log" 2>&1 &
}

# The SAML SP portal's side of the variant (samlIDPMetaDataOptionsCheckTime), merged live.
apply_llng_sp_variant() {
  local f="$DIR/llng-sp/variant-$VARIANT.json"
  perl "$REF/llng/render.pl" json "$REF/llng/sp-variant.json.in" "$f" SAML_SP_CHECK_TIME="json:$SAML_SP_CHECK_TIME"
  chown www-data:www-data "$f"
  LLNG_INI="$DIR/llng-sp/lemonldap-ng.ini" llng_cli merge "$f" \
    || { rm -f "$f"; die "lemonldap-ng-cli merge (SAML SP portal) failed (see $DIR/logs/llng-cli.log)"; }
  rm -f "$f"
}

# LemonLDAP::NG side of the variant, live: one `lemonldap-ng-cli -safe 1 merge` of the variant's
# keys (never the web manager). The key file is readable by www-data only and removed after use.
apply_llng_variant() {
  local key f="$DIR/llng/variant-$VARIANT.json"
  key="$(saml_key_of "$SAML_SIG")"
  perl "$REF/llng/render.pl" json "$REF/llng/variant.json.in" "$f" \
    CAS_POLICY="$CAS_POLICY" CAS_EXPORTED_VARS="json:$(cas_exported_vars_json merge)" CAS_RENEW_INTERVAL="json:$CAS_RENEW_INTERVAL" \
    OIDC_REQUIRE_PKCE="json:$OIDC_REQUIRE_PKCE" \
    SAML_CHECK_REQUEST_SIG="json:$SAML_CHECK_REQUEST_SIG" SAML_ENC_KEY="$(saml_enc_file key)" SAML_ENC_CERT="$(saml_enc_file pem)" \
    SAML_SIG_KEY="@file:$key.key" SAML_SIG_CERT="@file:$key.pem"
  chown www-data:www-data "$f"
  llng_cli merge "$f" || { rm -f "$f"; die "lemonldap-ng-cli merge failed (see $DIR/logs/llng-cli.log)"; }
  rm -f "$f"
}

# ------------------------------------------------------------------ ENT portal: site, services, nginx

write_site() { # DIR/www-<variant>: site/conformant, patched and pruned as the variant says
  local w="$DIR/www-$VARIANT" f
  rm -rf "$w.new" && cp -r "$REF/site/conformant" "$w.new"
  if [ -n "$SITE_PATCH" ]; then
    patch -d "$w.new" -p1 -s --no-backup-if-mismatch < "$REF/site/$SITE_PATCH" \
      || die "site/$SITE_PATCH does not apply to site/conformant"
  fi
  for f in $SITE_REMOVE; do rm -f "$w.new/$f"; done
  # The multi-year accessibility plan covers last year to next year, whenever the ENT runs.
  local year; year=$(date -u +%Y)
  sed -i -e "s/@PLAN_FIRST@/$((year - 1))/g" -e "s/@PLAN_MIDDLE@/$year/g" -e "s/@PLAN_LAST@/$((year + 1))/g" \
    "$w.new/schema-pluriannuel.html"
  chmod -R a+rX "$w.new"
  rm -rf "$w" && mv "$w.new" "$w"
}

write_services() { # allowed profiles per service, minus the variant's SERVICE_DENY, plus its SERVICE_ALLOW
  mkdir -p "$DIR/conf"
  perl -CSD -e '
    my (%deny, %allow);
    for (split " ", shift) { my ($s, $p) = split /:/; $deny{$s}{$p} = 1 }
    for (split " ", shift) { my ($s, $p) = split /:/; push @{$allow{$s}}, $p }
    while (<STDIN>) {
      next if /^\s*(#|$)/; chomp;
      my ($id, $label, $profiles) = split /\t/;
      my @p = ((grep { !$deny{$id}{$_} } split /,/, $profiles), @{$allow{$id} // []});
      print join("\t", $id, $label, join(",", @p)), "\n";
    }' "$SERVICE_DENY" "$SERVICE_ALLOW" < "$REF/services.tsv" > "$DIR/conf/services.tsv.new"
  chmod 644 "$DIR/conf/services.tsv.new"
  mv "$DIR/conf/services.tsv.new" "$DIR/conf/services.tsv"
  # The audience-tag properties of the service pages (SERVICE and PROFIL come from the page),
  # minus the variant's TAG_OMIT.
  local prop
  for prop in "TYPE=NATIF" "OUTIL=" "UAI=0751234J" "PROJET=DEMO_PROJET" \
              "EXPLOITANT=DEMO_EXPLOITANT" "PLATEFORME=DEMO_PLATEFORME"; do
    case " $TAG_OMIT " in *" ${prop%%=*} "*) continue ;; esac
    echo "$prop"
  done > "$DIR/conf/services-tag.conf.new"
  chmod 644 "$DIR/conf/services-tag.conf.new"
  mv "$DIR/conf/services-tag.conf.new" "$DIR/conf/services-tag.conf"
  # The establishment banner of the service pages: over HTTPS, or plain HTTP (FLAW-33).
  echo "$SERVICES_BANNER_SCHEME://localhost:$([ "$SERVICES_BANNER_SCHEME" = http ] && echo "$P_HTTP" || echo "$P_PORTAL")/img/bandeau.svg" \
    > "$DIR/conf/services-banner.conf.new"
  chmod 644 "$DIR/conf/services-banner.conf.new"
  mv "$DIR/conf/services-banner.conf.new" "$DIR/conf/services-banner.conf"
  # The attributes of the services' session cookie ENTSVC (FLAW-34: without HttpOnly).
  echo "$SERVICES_COOKIE_ATTRIBUTES" > "$DIR/conf/services-cookie.conf.new"
  chmod 644 "$DIR/conf/services-cookie.conf.new"
  mv "$DIR/conf/services-cookie.conf.new" "$DIR/conf/services-cookie.conf"
}

start_services() {
  setsid perl "$REF/cas-client/ent-services.pl" --user www-data \
    --socket "$DIR/run/ent-services.sock" --pidfile "$DIR/run/ent-services.pid" \
    --services "$DIR/conf/services.tsv" --tag "$DIR/conf/services-tag.conf" \
    --banner "$DIR/conf/services-banner.conf" --cookie "$DIR/conf/services-cookie.conf" \
    --cas "$IDP_URL/cas" --base "$PORTAL_URL" --ca "$DIR/certs/ca.pem" \
    </dev/null >> "$DIR/logs/ent-services.log" 2>&1 &
}

write_sp_metadata() {
  mkdir -p "$DIR/saml"
  perl "$REF/llng/render.pl" text "$REF/saml/sp-metadata.xml.in" "$DIR/saml/sp-metadata.xml" \
    BASE="$PORTAL_URL" SP_CERT="$(sed '/-----/d' "$DIR/certs/sp.pem" | tr -d '\n')"
  chmod 644 "$DIR/saml/sp-metadata.xml"
}

write_nginx() {
  # The portal's certificate: server (825 days), or server-short (FLAW-25), issued afresh at
  # each switch so that it always has 10 days left, never fewer.
  if [ "$PORTAL_CERT" = server-short ]; then
    local_ca_issue "$DIR/certs" server-short "/O=sdetcheck/CN=localhost" "$SERVER_EXT" 10
    chmod 600 "$DIR/certs/server-short.key"
  fi
  local n="$DIR/nginx" headers policy_headers cookie_flags cache_http cache_loc http_target
  mkdir -p "$n/tmp"
  chown www-data:www-data "$n/tmp"
  headers=""
  [ "$HSTS" = 1 ] && headers+='add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;'$'\n    '
  headers+='add_header X-Content-Type-Options nosniff always;'
  [ "$FRAME_HEADERS" = 1 ] && headers+=$'\n    ''add_header X-Frame-Options DENY always;'$'\n    ''add_header Content-Security-Policy "frame-ancestors '"'none'"'" always;'
  # Content, referrer and permissions policies (SEC-04B): the portal's own pages only, since
  # the services set their Referrer-Policy themselves (FLAW-15). No frame-ancestors here: that
  # is FRAME_HEADERS (FLAW-04).
  policy_headers=""
  if [ "$POLICY_HEADERS" = 1 ]; then
    policy_headers='add_header Content-Security-Policy "default-src '"'self'"'; script-src '"'self' 'unsafe-inline'"' https://cdn.sdetcheck.invalid; img-src '"'self'"' https:; object-src '"'none'"'; base-uri '"'self'"'" always;'
    policy_headers+=$'\n    ''add_header Referrer-Policy strict-origin-when-cross-origin always;'
    policy_headers+=$'\n    ''add_header Permissions-Policy "camera=(), microphone=(), geolocation=()" always;'
  fi
  [ "$CORS_ANY_ORIGIN" = 1 ] && headers+=$'\n    ''add_header Access-Control-Allow-Origin "*" always;'$'\n    ''add_header Access-Control-Allow-Credentials true always;'
  cache_http="" cache_loc=""
  if [ "$CAS_VALIDATE_CACHE" = 1 ]; then
    cache_http='fastcgi_cache_path @DIR@/nginx/tmp/cas-cache levels=1 keys_zone=casvalidate:1m inactive=10m;'$'\n  ''map $request_uri $cas_nocache { "~^/cas/(p3/)?(serviceValidate|proxyValidate|validate)[?]" 0; default 1; }'
    cache_loc='fastcgi_cache casvalidate; fastcgi_cache_key $request_uri; fastcgi_cache_valid 200 10m;'$'\n      ''fastcgi_cache_bypass $cas_nocache; fastcgi_no_cache $cas_nocache; fastcgi_ignore_headers Cache-Control Expires Set-Cookie Vary;'
    cache_http="${cache_http//@DIR@/$DIR}"
  fi
  cookie_flags="HttpOnly; SameSite=Lax"
  [ "$SESSION_COOKIE_SECURE" = 1 ] && cookie_flags="Secure; $cookie_flags"
  # Where plain HTTP is sent: the same address over HTTPS, or the home page (FLAW-31).
  http_target='$request_uri'
  [ "$HTTP_REDIRECT_KEEPS_PATH" = 1 ] || http_target=/
  perl "$REF/llng/render.pl" text "$REF/nginx/nginx.conf.in" "$n/nginx.conf.new" \
    DIR="$DIR" VARIANT="$VARIANT" P_HTTP="$P_HTTP" P_PORTAL="$P_PORTAL" P_IDP="$P_IDP" \
    L_HTTP="$L_HTTP" L_PORTAL="$L_PORTAL" L_IDP="$L_IDP" L_SP="$L_SP" \
    SSL_PROTOCOLS="$SSL_PROTOCOLS" SSL_CIPHERS="$SSL_CIPHERS" PORTAL_CERT="$PORTAL_CERT" PORTAL_HEADERS="$headers" \
    POLICY_HEADERS="$policy_headers" \
    SESSION_COOKIE_FLAGS="$cookie_flags" HTTP_TARGET="$http_target" SERVICES_REFERRER_POLICY="$SERVICES_REFERRER_POLICY" \
    WWW="$DIR/www-$VARIANT" LLNG_HTDOCS="$LLNG_HTDOCS" \
    CAS_CACHE_HTTP="$cache_http" CAS_CACHE_LOCATION="$cache_loc"
  if ! /usr/sbin/nginx -t -q -c "$n/nginx.conf.new" -p "$DIR" 2>> "$DIR/logs/nginx-test.log"; then
    tail -5 "$DIR/logs/nginx-test.log" >&2; die "invalid nginx configuration ($n/nginx.conf.new)"
  fi
  mv "$n/nginx.conf.new" "$n/nginx.conf"
}

start_nginx() {
  /usr/sbin/nginx -c "$DIR/nginx/nginx.conf" -p "$DIR" 2>> "$DIR/logs/nginx-error.log"
}

start_delay_proxy() {
  [ "$LATENCY" -gt 0 ] || return 0
  setsid python3 "$ROOT/scripts/lib/delay_proxy.py" --delay-ms "$LATENCY" \
    --map "$P_HTTP:$L_HTTP" --map "$P_PORTAL:$L_PORTAL" --map "$P_IDP:$L_IDP" --map "$P_SP:$L_SP" \
    --pidfile "$DIR/run/delay-proxy.pid" </dev/null >> "$DIR/logs/delay-proxy.log" 2>&1 &
}

# ------------------------------------------------------------------ target profile

write_target() {
  local t="$DIR/target.yaml.new" id prof feeds
  mkdir -p "$DIR/feeds"
  rm -f "$DIR/feeds"/*.xml
  cp "$REF"/aaf/*.xml "$REF"/aaf/*.dtd "$DIR/feeds/"
  cp "$DIR"/generated/*.xml "$DIR/feeds/"
  cp "$REF/ldif/directory.ldif" "$DIR/feeds/"
  {
    echo "# Written by scripts/refent.sh: the sdetcheck reference ENT, variant $VARIANT."
    echo "# Paths are relative to this file. Passwords are test-only, in secrets/ (mode 600)."
    echo "target:"
    echo "  name: \"ENT de référence sdetcheck ($VARIANT)\""
    echo "  base_url: \"$PORTAL_URL\""
    echo "  http_url: \"http://localhost:$P_HTTP\""
    echo "  degrees: [second]"
    echo "  profiles: [eleve, parent, enseignant, personnel]"
    echo "  ca_bundle: \"certs/ca.pem\""
    echo "  sso:"
    echo "    cas: \"$IDP_URL/cas\""
    echo "    saml_metadata: \"$IDP_URL/saml/metadata\""
    echo "    oidc_discovery: \"$IDP_URL/.well-known/openid-configuration\""
    echo "    oidc_client: {client_id: ent-portal, client_secret: {file: secrets/oidc-client}, redirect_uri: \"$PORTAL_URL/oidc/callback\"}"
    echo "    saml_sp:  # the portal's SP registered at the IdP (ent-portal), played by sdetcheck"
    echo "      entity_id: \"$PORTAL_URL/saml/sp-metadata.xml\""
    echo "      acs_url: \"$PORTAL_URL/saml/acs\""
    echo "      signing_key: {file: certs/sp.key}"
    echo "    ent_sp:  # the ENT as SAML SP of the federation (second LemonLDAP::NG portal); sdetcheck plays its test IdP"
    echo "      entity_id: \"$SP_URL/saml/metadata\""
    echo "      acs_url: \"$SP_URL/saml/proxySingleSignOnPost\""
    echo "      session_url: \"$SP_URL/\""
    echo "      test_idp: {entity_id: \"$TEST_IDP_ENTITY_ID\", sso_url: \"$TEST_IDP_SSO_URL\", signing_key: {file: certs/test-idp.key}}"
    echo "      subject:"
    echo "        name_id: \"_refent-eleve1\""
    echo "        attributes: {FrEduCtId: \"EDU-REFENT-ELEVE1\", FrEduCtPersonAffiliation: \"eleve2d\", FrEduVecteur: \"4|||4242|0751234J\"}"
    echo "  services:"
    grep -v '^\s*\(#\|$\)' "$REF/services.tsv" | while IFS=$'\t' read -r id _ prof denied; do
      echo "    - {id: $id, url: \"$PORTAL_URL/services/$id/\", profiles: [${prof//,/, }]${denied:+, denied: [${denied//,/, }]}}"
    done
    echo "  feeds:"
    for feeds in "$DIR"/feeds/*.xml; do echo "    - {path: \"feeds/$(basename "$feeds")\"}"; done
    echo "  directory:"
    echo "    ldap:"
    echo "      url: \"ldaps://127.0.0.1:$P_LDAPS\"  # verified against ca_bundle"
    echo "      base_dn: \"ou=people,$SUFFIX\""
    echo "      bind_dn: \"cn=lemonldap,ou=system,$SUFFIX\""
    echo "      password: {file: secrets/ldap-llng}"
    echo "      join_prefix: \"AAF\$\""
    echo "  accounts:"
    local uid profile aaf_id
    for id in "${ACCOUNTS[@]}"; do
      IFS=: read -r uid profile aaf_id <<<"$id"
      echo "    - {id: $uid, profile: $profile, login: \"$uid\", password: {file: secrets/$uid}, aaf_id: \"$aaf_id\"}"
    done
    echo "  vars:"
    echo "    uai: \"0751234J\""
    echo "    uai_lycee: \"0759876C\""
    echo "    variant: \"$VARIANT\""
    echo "    idp_url: \"$IDP_URL\""
    echo "    ldap_url: \"ldap://127.0.0.1:$P_LDAP\""
    echo "    ldap_base: \"$SUFFIX\""
    echo "    cas_unregistered_service: \"$UNREGISTERED_SERVICE\""
    echo "    oidc_client_id: \"ent-portal\""
    echo "    oidc_redirect_uri: \"$PORTAL_URL/oidc/callback\""
    echo "    saml_sp_metadata: \"$PORTAL_URL/saml/sp-metadata.xml\""
  } > "$t"
  mv "$t" "$DIR/target.yaml"
}

# ------------------------------------------------------------------ waiting

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert "$DIR/certs/ca.pem" "$@" 2>/dev/null || true; }

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND... (the description is for the reader)
  local limit="$1"; shift 2
  local end; end=$(( $(date +%s%N) + limit * 1000000000 ))
  until "$@"; do
    [ "$(date +%s%N)" -lt "$end" ] || return 1
    sleep 0.1
  done
}
url_ok() { [ "$(http_code "$1")" = 200 ]; }
sp_redirects() { [ "$(http_code "$SP_URL/")" = 302 ]; }
saml_cert_is() { curl -s --max-time 5 --cacert "$DIR/certs/ca.pem" "$IDP_URL/saml/metadata" 2>/dev/null | tr -d ' \n' | grep -qF "$1"; }
cert_body() { sed '/-----/d' "$1" | tr -d '\n'; }

wait_endpoints() {
  # Each LemonLDAP::NG FastCGI worker compiles the portal on its first request (about 1-3 s):
  # warm both workers at once.
  wait_for 10 "LemonLDAP::NG socket" test -S "$DIR/run/llng.sock" || die "LemonLDAP::NG did not start (see $DIR/logs/llng.log)"
  wait_for 10 "nginx" port_busy "$P_IDP" || die "nginx did not start (see $DIR/logs/nginx-error.log)"
  local w warm=()
  for w in 1 2; do http_code --max-time 30 "$IDP_URL/cas/login" >/dev/null & warm+=($!); done
  wait "${warm[@]}"
  wait_for 30 "LemonLDAP::NG portal" url_ok "$IDP_URL/" || die "LemonLDAP::NG portal did not answer (see $DIR/logs/llng.log)"
  local u
  for u in "$IDP_URL/cas/login" "$IDP_URL/saml/metadata" "$IDP_URL/.well-known/openid-configuration" \
           "$PORTAL_URL/" "$PORTAL_URL/saml/sp-metadata.xml"; do
    wait_for 20 "$u" url_ok "$u" || die "$u did not answer 200 (logs in $DIR/logs)"
  done
  [ "$(http_code "$PORTAL_URL/services/messagerie/")" = 302 ] || die "CAS-protected services do not answer (see $DIR/logs/ent-services.log)"
  wait_for 30 "SAML SP portal" sp_redirects || die "the SAML SP portal does not send to the test IdP (see $DIR/logs/llng-sp.log)"
}

print_urls() {
  echo "  ENT portal       $PORTAL_URL/   (http://localhost:$P_HTTP/ redirects)"
  echo "  services         $PORTAL_URL/services/<id>/ (CAS-protected)"
  echo "  CAS              $IDP_URL/cas/login, /cas/serviceValidate, /cas/p3/serviceValidate"
  echo "  SAML metadata    $IDP_URL/saml/metadata"
  echo "  SAML SP portal   $SP_URL/ (trusts the test IdP $TEST_IDP_ENTITY_ID, played by sdetcheck)"
  echo "  OIDC discovery   $IDP_URL/.well-known/openid-configuration"
  echo "  LDAP             ldap://127.0.0.1:$P_LDAP (StartTLS), ldaps://127.0.0.1:$P_LDAPS ($SUFFIX)"
  echo "  CA bundle        $DIR/certs/ca.pem"
  echo "  target           $DIR/target.yaml   (accounts: eleve1 parent1 enseignant1 enseignant2 personnel1; passwords in $DIR/secrets/)"
}

# ------------------------------------------------------------------ actions

start() {
  need_root; check_installed
  local t0 c up=0 requested="$VARIANT"
  t0="$(now)"
  for c in "${COMPONENTS[@]}"; do running "$c" && up=$((up + 1)); done
  if [ $up -eq ${#COMPONENTS[@]} ]; then
    [ -z "$PORT_BASE" ] || [ "$PORT_BASE" = "$(cat "$DIR/state/port-base")" ] \
      || die "already running in $DIR with port base $(cat "$DIR/state/port-base"); stop it first"
    load_ports
    log "already running ($(current_variant)) in $DIR"
    if [ -n "$requested" ] && [ "$requested" != "$(current_variant)" ]; then switch_variant "$requested"; fi
    print_urls; return 0
  fi
  if [ $up -gt 0 ]; then log "partly running in $DIR: stopping what is left first"; stop; fi
  load_ports
  VARIANT="${requested:-conformant}"
  load_variant "$VARIANT"
  local p
  for p in $P_PORTAL $P_HTTP $P_IDP $P_SP $P_LDAP $P_LDAPS $L_PORTAL $L_HTTP $L_IDP $L_SP; do
    port_busy "$p" && die "port $p (127.0.0.1) is already in use: choose another --port-base (ports N+80, N+389, N+443, N+444, N+445, N+636)"
  done
  if [ -d "$DIR/logs" ]; then rm -rf "$DIR/logs.prev"; mv "$DIR/logs" "$DIR/logs.prev"; fi   # one run's logs each
  mkdir -p "$DIR/state" "$DIR/run" "$DIR/logs" "$DIR/ldap" "$DIR/llng" "$DIR/llng-sp"
  chmod 755 "$DIR" "$DIR/llng" "$DIR/llng-sp"; chmod 750 "$DIR/logs"
  local u
  for u in www-data openldap; do
    runuser -u "$u" -- test -x "$DIR/run" \
      || die "$DIR is not reachable by user $u (slapd and LemonLDAP::NG run unprivileged): use a --dir whose parents are world-searchable"
  done
  chown www-data:www-data "$DIR/run"; chmod 755 "$DIR/run"
  rm -f "$DIR/run"/*.sock "$DIR/run"/*.pid
  # From here on, a failure stops whatever this start had launched.
  trap 'echo "refent: start failed; stopping what it had started" >&2; stop >&2' EXIT
  phase make_certs; make_certs; make_sp_certs
  phase make_secrets; make_secrets
  echo "$PORT_BASE" > "$DIR/state/port-base"
  echo "$VARIANT" > "$DIR/state/variant"
  phase generate_population; generate_population
  phase write_ldap; write_ldap
  phase start_slapd; start_slapd
  phase write_llng; write_sp_metadata; write_llng
  phase wait slapd; wait_for 10 slapd port_busy "$P_LDAP" || die "slapd did not start (see $DIR/logs/slapd.log)"
  wait_for 10 slapd port_busy "$P_LDAPS" || die "slapd did not listen for LDAPS on $P_LDAPS (see $DIR/logs/slapd.log)"
  phase start_llng; start_llng
  phase write_llng_sp; write_llng_sp; start_llng_sp
  phase write_services; write_services; start_services
  phase write_nginx; write_site; write_nginx
  phase start_nginx; start_nginx || die "nginx did not start (see $DIR/logs/nginx-error.log)"
  echo "$LATENCY" > "$DIR/state/latency"
  start_delay_proxy
  phase wait_endpoints; wait_endpoints
  phase write_target; write_target
  trap - EXIT
  log "up ($VARIANT) in $(elapsed "$t0") s"
  print_urls
}

switch_variant() {
  need_root
  local v="$1" t0
  t0="$(now)"
  for c in "${COMPONENTS[@]}"; do running "$c" || die "not running in $DIR (start it first)"; done
  load_ports
  VARIANT="$v"; load_variant "$v"
  phase write_site; write_site
  phase write_services; write_services
  phase write_nginx; write_nginx
  phase reload; /usr/sbin/nginx -c "$DIR/nginx/nginx.conf" -p "$DIR" -s reload 2>> "$DIR/logs/nginx-error.log" || die "nginx reload failed"
  phase apply_ldap_variant; apply_ldap_variant
  phase apply_llng_variant; apply_llng_variant; apply_llng_sp_variant
  local saved; saved="$(now)"
  echo "$v" > "$DIR/state/variant"
  # Done when LemonLDAP::NG serves the new configuration (the SAML certificate is its marker)
  # and every FastCGI worker has passed its next configuration check (checkTime = 1 s).
  phase wait_llng; wait_for 20 "new configuration" saml_cert_is "$(cert_body "$(saml_key_of "$SAML_SIG").pem")" \
    || die "LemonLDAP::NG did not pick up the new configuration (see $DIR/logs/llng.log)"
  sleep "$(awk -v a="$saved" -v b="$(now)" 'BEGIN { d = 1.2 - (b - a); print (d > 0 ? d : 0) }')"
  write_target
  log "variant $v in $(elapsed "$t0") s"
}

stop() {
  need_root
  local c pid kids stopped=0
  for c in proxy nginx services llngsp llng slapd; do
    pid="$(pid_of "$c")" || continue
    kids="$(pgrep -P "$pid" 2>/dev/null | tr '\n' ' ' || true)"   # nginx / FastCGI workers
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    for k in $kids; do
      for _ in $(seq 30); do kill -0 "$k" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$k" 2>/dev/null && kill -KILL "$k" 2>/dev/null
    done
    log "stopped $c (pid $pid${kids:+, workers $kids})"; stopped=1
  done
  rm -f "$DIR/run"/*.sock "$DIR/run"/*.pid
  [ $stopped = 1 ] || log "not running"
  return 0
}

status() {
  local c pid rc=0
  load_ports
  echo "reference ENT in $DIR, port base $PORT_BASE, variant $(current_variant)"
  for c in "${COMPONENTS[@]}"; do
    if pid="$(pid_of "$c")"; then echo "  $c: running (pid $pid)"; else echo "  $c: not running"; rc=1; fi
  done
  return $rc
}

case "$ACTION" in
  install) install ;;
  start) start ;;
  variant) [ -n "$VARIANT" ] || die "usage: refent.sh variant conformant|flawed [--dir DIR]"; switch_variant "$VARIANT" ;;
  stop) stop ;;
  status) status ;;
  *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2 ;;
esac
