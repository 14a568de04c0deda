#!/bin/bash
# HTTPS: a throwaway CA made with openssl at test time; alicfg trusts it
# only through --ca-bundle, and a wrong CA (or none) fails closed.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

command -v openssl >/dev/null 2>&1 || skip_all "openssl is not installed"
PKI="$TEST_TMP/pki"
mkdir -p "$PKI"

# make_ca NAME: a self-signed CA (EC P-256, one day).
make_ca() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		-keyout "$PKI/$1.key" -out "$PKI/$1.pem" -days 1 -subj "/CN=alicfg test $1" \
		-addext basicConstraints=critical,CA:TRUE \
		-addext keyUsage=critical,keyCertSign,cRLSign 2>"$PKI/$1.log"
}
make_ca ca || skip_all "openssl could not make a CA: $(cat "$PKI/ca.log")"
make_ca other || skip_all "openssl could not make a second CA"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	-keyout "$PKI/server.key" -out "$PKI/server.csr" -subj "/CN=127.0.0.1" 2>>"$PKI/ca.log"
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$PKI/server.ext"
openssl x509 -req -in "$PKI/server.csr" -CA "$PKI/ca.pem" -CAkey "$PKI/ca.key" \
	-CAcreateserial -out "$PKI/server.pem" -days 1 -extfile "$PKI/server.ext" 2>>"$PKI/ca.log" ||
	skip_all "openssl could not sign the server certificate"

emu_start T --scenario demo --tls-cert "$PKI/server.pem" --tls-key "$PKI/server.key" ||
	bail_out "alicfg-emu did not start with TLS"
case $T_URL in
https://*) ok 0 "the emulator serves https ($T_URL)" ;;
*) ok 1 "the emulator serves https ($T_URL)" ;;
esac
demo_env
EP=(--endpoint "$T_URL" --sts-endpoint "$T_URL")

for sig in v3 v2; do
	al "${EP[@]}" --ca-bundle "$PKI/ca.pem" --signature "$sig" aggregators
	is_rc 0 "https with --ca-bundle ($sig): aggregators"
	has_out 'All accounts' "https ($sig): the groups are listed"
done
al "${EP[@]}" --ca-bundle "$PKI/ca.pem" accounts --all --output json
is_rc 0 "https: accounts --all"
al "${EP[@]}" --ca-bundle "$PKI/ca.pem" recorder --account "$MIGRATION"
is_rc 0 "https: member access (AssumeRole over https)"
has_out 'BUILDING' "https: member recorder status"
al "${EP[@]}" --ca-bundle="$PKI/ca.pem" enable --account "$DEV_SANDBOX" --yes
is_rc 0 "https: enable a member"
has_out 'BUILDING' "https: enable prints BUILDING"

# Fail closed: no CA, a wrong CA, a missing CA file.
recorder_is_tls() {
	"$ALICFG" "${EP[@]}" --ca-bundle "$PKI/ca.pem" recorder --account "$QA_SANDBOX" \
		--output json </dev/null 2>/dev/null |
		grep -q '"ConfigurationRecorderStatus": "REGISTRABLE"'
}
al "${EP[@]}" aggregators
is_rc 1 "https without the CA: exit 1"
has_err '[Cc]ertificate|TLS|SSL' "https without the CA: the message says certificate"
lacks_out 'All accounts' "https without the CA: nothing listed"
al "${EP[@]}" --ca-bundle "$PKI/other.pem" aggregators
is_rc 1 "https with a wrong CA: exit 1"
has_err '[Cc]ertificate|TLS|SSL' "wrong CA: the message says certificate"
lacks_out 'All accounts' "wrong CA: nothing listed"
al "${EP[@]}" --ca-bundle "$PKI/other.pem" -v enable --account "$QA_SANDBOX" --yes
is_rc 1 "wrong CA: enable fails closed"
check "wrong CA: qa-sandbox was not started" recorder_is_tls
al "${EP[@]}" --ca-bundle "$TEST_TMP/missing.pem" aggregators
ok "$([ "$RC" -ne 0 ]; echo $?)" "a missing --ca-bundle file fails (exit $RC)"
has_err 'missing\.pem' "a missing --ca-bundle file is named"

tap_done
