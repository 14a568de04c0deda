# tests/sts_lib.sh: bash helpers (not POSIX sh, unlike tests/lib.sh) for
# tests that need the percent-encoding alicfg signs with, or temporary STS
# credentials from the emulator. Source it after tests/lib.sh.

# pct STRING: RFC 3986 encoding as Alibaba signs it (ASCII input).
pct() {
	local s=$1 out="" c i
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[A-Za-z0-9._~-]) out+=$c ;;
		*) out+=$(printf '%%%02X' "'$c") ;;
		esac
	done
	printf '%s' "$out"
}

# sts_assume URL AK SECRET ROLE_ARN: call the emulator's STS AssumeRole
# (V2, GET) over bash's /dev/tcp, no curl needed; sets STS_AK, STS_SECRET,
# STS_TOKEN. Plain http only.
sts_assume() {
	local url=$1 ak=$2 secret=$3 arn=$4
	local hostport=${url#http://}
	hostport=${hostport%%/*}
	local host=${hostport%:*} port=${hostport##*:}
	local ts nonce q sts sig body
	ts=$(date -u +%Y-%m-%dT%H:%M:%SZ)
	nonce=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
	q="AccessKeyId=$(pct "$ak")&Action=AssumeRole&DurationSeconds=3600&Format=JSON"
	q+="&RoleArn=$(pct "$arn")&RoleSessionName=alicfg-test"
	q+="&SignatureMethod=HMAC-SHA1&SignatureNonce=$nonce&SignatureVersion=1.0"
	q+="&Timestamp=$(pct "$ts")&Version=2015-04-01"
	sts="GET&%2F&$(pct "$q")"
	sig=$(printf '%s' "$sts" | openssl dgst -sha1 -hmac "$secret&" -binary | openssl base64 -A)
	exec 9<>"/dev/tcp/$host/$port" || return 1
	printf 'GET /?%s&Signature=%s HTTP/1.1\r\nHost: %s\r\nAccept: application/json\r\nConnection: close\r\n\r\n' \
		"$q" "$(pct "$sig")" "$hostport" >&9
	body=$(cat <&9)
	exec 9<&-
	STS_AK=$(printf '%s' "$body" | sed -n 's/.*"AccessKeyId" *: *"\([^"]*\)".*/\1/p' | head -n1)
	STS_SECRET=$(printf '%s' "$body" | sed -n 's/.*"AccessKeySecret" *: *"\([^"]*\)".*/\1/p' | head -n1)
	STS_TOKEN=$(printf '%s' "$body" | sed -n 's/.*"SecurityToken" *: *"\([^"]*\)".*/\1/p' | head -n1)
	if [ -z "$STS_AK" ] || [ -z "$STS_SECRET" ] || [ -z "$STS_TOKEN" ]; then
		diag "AssumeRole failed: $(printf '%s' "$body" | tail -n 3)"
		return 1
	fi
}
