#!/usr/bin/env bash
# Installs every Debian package sdetcheck needs to build, test and run its local test ENT.
# Idempotent: does nothing when everything is already installed.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git ca-certificates openssl
  libyaml-cpp-dev libcurl4-openssl-dev libssl-dev libpugixml-dev libpcre2-dev zlib1g-dev
  doctest-dev libcli11-dev nlohmann-json3-dev libvalijson-dev libkainjow-mustache-dev
  libgumbo-dev
  libldap-dev  # the ENT's LDAP directory against the AAF feed (kind aaf_directory)
  libxmlsec1-dev libxml2-dev  # XML signatures of SAML metadata and messages (OpenSSL backend)
  libarchive-dev  # evidence bundles (sdetcheck audit --bundle, bundle verify, replay)
  clang-format clang-tidy  # style checks: scripts/check-format.sh, scripts/tidy.sh
  nginx-light
  python3  # the hostile test server, tests/hostile/server.py (standard library only)
  # The fuzz targets (scripts/fuzz.sh): clang, libFuzzer and the sanitizer runtimes
  # (libclang_rt.fuzzer*.a), llvm-symbolizer for readable stack traces.
  clang-14 libclang-rt-14-dev llvm-14
  libxml2-utils time  # bench/aaf.sh: xmllint, the named peer, and GNU time for peak memory
  sslscan testssl.sh  # bench/tls.sh: the named peers of sdetcheck tls scan
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} build packages present"
else
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "setup: build packages installed"
fi
# The reference ENT's servers (slapd, LemonLDAP::NG, nginx): needed by the main job and
# the integration tests.
bash "$(dirname "${BASH_SOURCE[0]}")/refent.sh" install
# The second CAS server of the login tests (django-cas-server): scripts/cas2.sh.
bash "$(dirname "${BASH_SOURCE[0]}")/cas2.sh" install
