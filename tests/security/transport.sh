#!/bin/bash
# Transport and secrets: plain http never goes through a proxy; https
# honours https_proxy / no_proxy and a proxy failure names the proxy (never
# its password); -v masks the key id in V2 strings-to-sign; the process is
# non-dumpable once credentials are loaded.
. "${ALICFG_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/integration/batch_lib.sh"

demo_env
emu_start D --scenario demo || bail_out "alicfg-emu did not start"
# A second emulator stands in for a proxy: anything sent to it is logged.
emu_start P --scenario demo --log "$TEST_TMP/proxy.log" || bail_out "alicfg-emu did not start"
PROXY_HOSTPORT=${P_URL#http://}
: >"$TEST_TMP/proxy.log"

# --- plain http: never through a proxy -------------------------------------
for var in http_proxy HTTP_PROXY all_proxy ALL_PROXY https_proxy; do
	env "$var=$P_URL" "$ALICFG" --endpoint "$D_URL" --sts-endpoint "$D_URL" \
		aggregators >"$TEST_TMP/out" 2>"$TEST_TMP/err" </dev/null
	rc=$?
	eq_case "$rc" 0 "http:// with $var set: aggregators works (direct)"
done
n=$(wc -l <"$TEST_TMP/proxy.log")
eq_case "$n" 0 "the proxy saw none of the plain-http requests (no signed request or token in clear text to a proxy)"

# --- https: through https_proxy, unless no_proxy ---------------------------
command -v openssl >/dev/null 2>&1 || skip_all "openssl is not installed"
PKI="$TEST_TMP/pki"
mkdir -p "$PKI"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	-keyout "$PKI/ca.key" -out "$PKI/ca.pem" -days 1 -subj "/CN=alicfg proxy test CA" \
	-addext basicConstraints=critical,CA:TRUE \
	-addext keyUsage=critical,keyCertSign,cRLSign 2>"$PKI/log" || skip_all "openssl failed"
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	-keyout "$PKI/server.key" -out "$PKI/server.csr" -subj "/CN=127.0.0.1" 2>>"$PKI/log"
printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$PKI/server.ext"
openssl x509 -req -in "$PKI/server.csr" -CA "$PKI/ca.pem" -CAkey "$PKI/ca.key" \
	-CAcreateserial -out "$PKI/server.pem" -days 1 -extfile "$PKI/server.ext" 2>>"$PKI/log" ||
	skip_all "openssl could not sign"
emu_start T --scenario demo --tls-cert "$PKI/server.pem" --tls-key "$PKI/server.key" ||
	bail_out "alicfg-emu did not start with TLS"
TEP=(--endpoint "$T_URL" --sts-endpoint "$T_URL" --ca-bundle "$PKI/ca.pem")

# The stand-in proxy cannot tunnel (it answers CONNECT with an error), so a
# request that went through it fails, and the error says so.
https_proxy="http://user:pw-secret@$PROXY_HOSTPORT" al "${TEP[@]}" aggregators
is_rc 1 "https with https_proxy: the request goes to the proxy (which cannot tunnel)"
has_err "proxy $PROXY_HOSTPORT \\(for 127\\.0\\.0\\.1:" "the error names the proxy and the endpoint it was for"
lacks_err 'pw-secret|user:' "the error does not show the proxy's user or password"
HTTPS_PROXY="http://$PROXY_HOSTPORT" al "${TEP[@]}" aggregators
has_err "proxy $PROXY_HOSTPORT" "HTTPS_PROXY is honoured too"
all_proxy="http://$PROXY_HOSTPORT" al "${TEP[@]}" aggregators
has_err "proxy $PROXY_HOSTPORT" "all_proxy is honoured for https"
https_proxy="http://$PROXY_HOSTPORT" no_proxy="localhost,127.0.0.1" al "${TEP[@]}" aggregators
is_rc 0 "no_proxy naming the host: direct, and it works"
https_proxy="http://$PROXY_HOSTPORT" NO_PROXY="*" al "${TEP[@]}" aggregators
is_rc 0 "NO_PROXY=*: direct, and it works"
https_proxy="http://127.0.0.1:9" al "${TEP[@]}" aggregators
is_rc 1 "a proxy that refuses connections: exit 1"
has_err 'cannot connect to proxy 127\.0\.0\.1:9 ' "a refused proxy connection names the proxy"

# --- -v with V2: the key id is masked in both strings-to-sign --------------
ALIBABA_CLOUD_ACCESS_KEY_ID=demo-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=wrong \
	al --endpoint "$D_URL" --sts-endpoint "$D_URL" --signature v2 -v aggregators
has_err 'server string-to-sign: .*AccessKeyId%3D\*\*\*\*%26' "-v v2: the server's echoed string-to-sign shows the key id masked"
has_err 'our string-to-sign: .*AccessKeyId%3D\*\*\*\*%26' "-v v2: our string-to-sign shows the key id masked"
lacks_err 'demo-ak' "-v v2: the full key id appears nowhere"

# --- non-dumpable once credentials are loaded ------------------------------
# Run as nobody: /proc/PID of a non-dumpable process belongs to root.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	emu_start S --scenario demo --latency 3000 || bail_out "alicfg-emu did not start"
	bin="$TEST_TMP/bin"
	mkdir -p "$bin"
	cp "$ALICFG" "$bin/alicfg"
	chmod 755 "$TEST_TMP" "$bin" "$bin/alicfg"
	setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent \
		"$bin/alicfg" --endpoint "$S_URL" --sts-endpoint "$S_URL" aggregators \
		>/dev/null 2>&1 </dev/null &
	pid=$!
	owner=""
	for _ in $(seq 40); do
		owner=$(stat -c %U "/proc/$pid/status" 2>/dev/null)
		[ "$owner" = root ] && break
		sleep 0.05
	done
	eq_case "$owner" root "with a key loaded, the process is non-dumpable (/proc/PID owned by root, not nobody)"
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	emu_stop S
else
	ok 0 "# SKIP non-dumpable check needs root and setpriv"
fi

emu_stop T
emu_stop P
emu_stop D
tap_done
