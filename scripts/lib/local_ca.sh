# A local certificate authority made with openssl, for the test servers (sourced by
# scripts/testenv.sh and scripts/refent.sh). Keys are RSA 2048 in the traditional PEM form,
# which every consumer here reads (nginx, LemonLDAP::NG's SAML library, OpenSSL).

# local_ca_init DIR SUBJECT: DIR/ca.key, DIR/ca.pem and the database `openssl ca` needs
# to issue certificates with explicit dates.
local_ca_init() {
  local c="$1" subject="$2"
  mkdir -p "$c/ca-db"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "$subject" \
    -keyout "$c/ca.key" -out "$c/ca.pem" 2>/dev/null
  : > "$c/ca-db/index.txt"
  echo 1000 > "$c/ca-db/serial"
  cat > "$c/ca.cnf" <<CNF
[ca]
default_ca = local
[local]
dir = $c/ca-db
database = \$dir/index.txt
serial = \$dir/serial
new_certs_dir = \$dir
default_md = sha256
policy = anything
unique_subject = no
[anything]
organizationName = optional
commonName = supplied
CNF
}

# local_ca_issue DIR NAME SUBJECT EXTENSIONS DAYS: DIR/NAME.key and DIR/NAME.pem signed by
# the CA, valid from now for DAYS days. EXTENSIONS: openssl extension lines, \n-separated.
local_ca_issue() {
  local c="$1" name="$2" subject="$3" extensions="$4" days="$5"
  printf '%b\n' "$extensions" > "$c/$name.ext"
  openssl genrsa -traditional -out "$c/$name.key" 2048 2>/dev/null
  openssl req -new -key "$c/$name.key" -subj "$subject" -out "$c/$name.csr" 2>/dev/null
  openssl x509 -req -in "$c/$name.csr" -CA "$c/ca.pem" -CAkey "$c/ca.key" -CAcreateserial -days "$days" \
    -extfile "$c/$name.ext" -out "$c/$name.pem" 2>/dev/null
  rm -f "$c/$name.csr" "$c/$name.ext"
}

# local_ca_issue_expired DIR NAME SUBJECT EXTENSIONS: like local_ca_issue, but valid only
# from 2020-01-01 to 2021-01-01 (openssl ca sets explicit dates; x509 -req cannot).
local_ca_issue_expired() {
  local c="$1" name="$2" subject="$3" extensions="$4"
  printf '%b\n' "$extensions" > "$c/$name.ext"
  openssl genrsa -traditional -out "$c/$name.key" 2048 2>/dev/null
  openssl req -new -key "$c/$name.key" -subj "$subject" -out "$c/$name.csr" 2>/dev/null
  openssl ca -batch -notext -config "$c/ca.cnf" -cert "$c/ca.pem" -keyfile "$c/ca.key" -in "$c/$name.csr" \
    -startdate 20200101000000Z -enddate 20210101000000Z -extfile "$c/$name.ext" -out "$c/$name.pem" 2>/dev/null
  rm -f "$c/$name.csr" "$c/$name.ext"
}
