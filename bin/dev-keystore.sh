#!/usr/bin/env bash
# Makes a self-signed key store for trying the TLS listeners locally: CN=localhost, valid for localhost and
# 127.0.0.1, PKCS12 at ./tls/parley-dev.p12. Clients must be told not to verify it (it is signed by nobody).
# The Spring profile tls-dev (application.yml) points both TLS listeners at it:
#   bin/dev-keystore.sh && ./mvnw spring-boot:run -Dspring-boot.run.profiles=tls-dev
# Usage: bin/dev-keystore.sh [password]   (default: changeit, which the tls-dev profile expects)
set -euo pipefail
cd "$(dirname "$0")/.."

password="${1:-changeit}"
store=tls/parley-dev.p12
keytool="${JAVA_HOME:+$JAVA_HOME/bin/}keytool"

if [ -e "$store" ]; then
  echo "$store exists; delete it first to make a new one" >&2
  exit 1
fi
mkdir -p tls
# EC P-256: small, fast, and accepted by every current TLS client (OpenSSL, irssi, WeeChat, HexChat, Java)
"$keytool" -genkeypair -alias parley -keyalg EC -groupname secp256r1 -validity 365 \
  -dname "CN=localhost" -ext "SAN=dns:localhost,ip:127.0.0.1" \
  -storetype PKCS12 -keystore "$store" -storepass "$password"
chmod 600 "$store"
echo "Made $store (password: $password), valid for a year."
