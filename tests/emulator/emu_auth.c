/* emu_auth: authentication as the API gateway does it. V3 is recomputed
 * from the client's own SignedHeaders list (official SDKs sign extra
 * headers), with x-acs-content-sha256 checked against the body; V2 is
 * recomputed over query and form parameters together. Then the time window,
 * the nonce and the security token. Each rejection has the gateway's code. */
#include "emu.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sign.h"

/* The gateway accepts a request time within 15 minutes of its own. */
#define EMU_TIME_WINDOW 900

static bool
emu_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char d = la != lb;
	for (size_t i = 0; i < la && i < lb; i++)
		d |= (unsigned char)(a[i] ^ b[i]);
	return d == 0;
}

static const char *
emu_nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static int
emu_check_time(const struct emu_server *srv, const struct emu_request *req,
	const char *value, struct emu_reply *r)
{
	/* --clock-skew moves only the clock that judges request times, so a
	 * test can show a client what a skewed machine sees. */
	time_t t, now = time(NULL) + srv->clock_skew;
	if (sign_parse_time(value, &t) < 0) {
		emu_reply_error(r, req, 400, "InvalidTimeStamp.Format",
			"Specified time stamp or date value is not well formatted.");
		return -1;
	}
	if (t > now + EMU_TIME_WINDOW || t < now - EMU_TIME_WINDOW) {
		emu_reply_error(r, req, 400, "InvalidTimeStamp.Expired",
			"Specified time stamp or date value is expired.");
		return -1;
	}
	return 0;
}

static int
emu_find_key(const struct emu_request *req, struct emu_server *srv,
	const char *key_id, struct emu_credential *cred, struct emu_caller *who,
	struct emu_reply *r)
{
	emu_state_credential(srv->state, key_id, cred);
	snprintf(who->key_id, sizeof(who->key_id), "%s", key_id);
	if (!cred->found) {
		emu_reply_error(r, req, 404, "InvalidAccessKeyId.NotFound",
			"Specified access key is not found.");
		return -1;
	}
	return 0;
}

/* After the signature: replay, then the STS token rules. */
static int
emu_check_nonce_token(struct emu_server *srv, const struct emu_request *req,
	const char *nonce, const char *token, struct emu_credential *cred,
	struct emu_reply *r)
{
	time_t now = time(NULL);
	if (!emu_state_nonce_fresh(srv->state, cred->who.key_id, nonce, now)) {
		emu_reply_error(r, req, 400, "SignatureNonceUsed",
			"Specified signature nonce was used already.");
		return -1;
	}
	if (cred->sts) {
		if (!token) {
			emu_reply_error(r, req, 400, "MissingSecurityToken",
				"SecurityToken is mandatory for this action: the "
				"AccessKeyId is a temporary (STS) key.");
			return -1;
		}
		if (!emu_equal(token, cred->token)) {
			emu_reply_error(r, req, 400,
				"InvalidSecurityToken.MismatchWithAccessKey",
				"Specified SecurityToken mismatch with the AccessKey.");
			return -1;
		}
		if (now >= cred->expires) {
			emu_reply_error(r, req, 400, "InvalidSecurityToken.Expired",
				"Specified SecurityToken is expired.");
			return -1;
		}
	} else if (token) {
		emu_reply_error(r, req, 400,
			"InvalidSecurityToken.MismatchWithAccessKey",
			"A SecurityToken was sent with a permanent AccessKey.");
		return -1;
	}
	return 0;
}

struct emu_v3_auth {
	char algorithm[64];
	char *credential;
	char *signed_headers;
	char *signature;
};

static void
emu_v3_auth_free(struct emu_v3_auth *a)
{
	free(a->credential);
	free(a->signed_headers);
	free(a->signature);
}

/* "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex" */
static int
emu_v3_parse(const char *h, struct emu_v3_auth *a)
{
	memset(a, 0, sizeof(*a));
	while (*h == ' ')
		h++;
	size_t n = strcspn(h, " ");
	if (n == 0 || n >= sizeof(a->algorithm) || h[n] == '\0')
		return -1;
	memcpy(a->algorithm, h, n);
	a->algorithm[n] = '\0';
	const char *p = h + n;
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (!*p)
			break;
		size_t len = strcspn(p, ",");
		const char *eq = memchr(p, '=', len);
		if (!eq)
			return -1;
		size_t klen = (size_t)(eq - p);
		size_t vlen = len - klen - 1;
		while (vlen > 0 && eq[vlen] == ' ')
			vlen--;
		char **slot = NULL;
		if (klen == 10 && strncmp(p, "Credential", 10) == 0)
			slot = &a->credential;
		else if (klen == 13 && strncmp(p, "SignedHeaders", 13) == 0)
			slot = &a->signed_headers;
		else if (klen == 9 && strncmp(p, "Signature", 9) == 0)
			slot = &a->signature;
		if (slot) {
			free(*slot);
			*slot = xstrndup(eq + 1, vlen);
		}
		p += len;
	}
	if (!emu_nonempty(a->credential) || !emu_nonempty(a->signed_headers) ||
		!emu_nonempty(a->signature))
		return -1;
	return 0;
}

/* The header set named by SignedHeaders, taken from the request. */
static int
emu_v3_headers(const struct emu_request *req, const char *list,
	struct params *out, struct emu_reply *r)
{
	const char *p = list;
	while (*p) {
		size_t len = strcspn(p, ";");
		if (len == 0 || len > 128) {
			emu_reply_error(r, req, 400, "IncompleteSignature",
				"The request signature does not conform to Aliyun "
				"standards: SignedHeaders has an empty or overlong "
				"name.");
			return -1;
		}
		char name[129];
		for (size_t i = 0; i < len; i++)
			name[i] = (char)tolower((unsigned char)p[i]);
		name[len] = '\0';
		bool any = false;
		for (size_t i = 0; i < req->headers.count; i++) {
			if (strcasecmp(req->headers.items[i].name, name) == 0) {
				params_add(out, name, req->headers.items[i].value);
				any = true;
			}
		}
		if (!any) {
			emu_reply_error(r, req, 400, "IncompleteSignature",
				"The request signature does not conform to Aliyun "
				"standards: signed header \"%.128s\" is not in the "
				"request.", name);
			return -1;
		}
		p += len;
		if (*p == ';')
			p++;
	}
	return 0;
}

static int
emu_auth_v3(struct emu_server *srv, const struct emu_request *req,
	const char *authorization, struct emu_caller *who, struct emu_reply *r)
{
	struct emu_v3_auth a;
	struct emu_credential cred;
	struct params headers = PARAMS_INIT;
	int rc = -1;
	memset(&cred, 0, sizeof(cred));
	if (emu_v3_parse(authorization, &a) < 0) {
		emu_reply_error(r, req, 400, "IncompleteSignature",
			"The request signature does not conform to Aliyun "
			"standards: expected \"ACS3-HMAC-SHA256 Credential=...,"
			"SignedHeaders=...,Signature=...\".");
		goto out;
	}
	if (strcmp(a.algorithm, SIGN_V3_ALGORITHM) != 0) {
		emu_reply_error(r, req, 400, "InvalidSignatureMethod",
			"Specified signature method is not supported: %.60s "
			"(use ACS3-HMAC-SHA256).", a.algorithm);
		goto out;
	}
	const char *date = emu_nonempty(params_get_ci(&req->headers,
		"x-acs-date"));
	const char *nonce = emu_nonempty(params_get_ci(&req->headers,
		"x-acs-signature-nonce"));
	const char *sha = emu_nonempty(params_get_ci(&req->headers,
		"x-acs-content-sha256"));
	const char *missing = !date ? "x-acs-date" :
		!nonce ? "x-acs-signature-nonce" :
		!sha ? "x-acs-content-sha256" : NULL;
	if (missing) {
		emu_reply_error(r, req, 400, "IncompleteSignature",
			"The request signature does not conform to Aliyun "
			"standards: the %s header is missing.", missing);
		goto out;
	}
	if (emu_check_time(srv, req, date, r) < 0)
		goto out;
	if (emu_find_key(req, srv, a.credential, &cred, who, r) < 0)
		goto out;
	char body_sha[65];
	sign_sha256_hex(req->body.data ? req->body.data : "", req->body.len,
		body_sha);
	if (strcasecmp(body_sha, sha) != 0) {
		emu_reply_error(r, req, 400, "ContentSha256Mismatch",
			"The x-acs-content-sha256 header does not match the "
			"SHA-256 of the request body (server computed %s).",
			body_sha);
		goto out;
	}
	if (emu_v3_headers(req, a.signed_headers, &headers, r) < 0)
		goto out;
	struct sign_v3_input in = {
		.method = req->method,
		.pathname = req->path,
		.query = &req->query,
		.headers = &headers,
		.payload_hash = sha,
		.access_key_id = a.credential,
		.access_key_secret = cred.secret,
	};
	struct sign_v3_output o;
	memset(&o, 0, sizeof(o));
	sign_v3(&in, &o);
	bool match = emu_equal(o.signature, a.signature) &&
		strcmp(buf_str(&o.signed_headers), a.signed_headers) == 0;
	if (!match)
		emu_reply_error(r, req, 400, "SignatureDoesNotMatch",
			"Specified signature does not match our calculation. "
			"server StringToSign is [%s]", buf_str(&o.string_to_sign));
	sign_v3_output_free(&o);
	if (!match)
		goto out;
	const char *token = emu_nonempty(params_get_ci(&req->headers,
		"x-acs-security-token"));
	if (emu_check_nonce_token(srv, req, nonce, token, &cred, r) < 0)
		goto out;
	*who = cred.who;
	rc = 0;
out:
	params_wipe_free(&headers);
	emu_credential_free(&cred);
	emu_v3_auth_free(&a);
	return rc;
}

static int
emu_v2_required(const struct emu_request *req, const char *name,
	const char **out, struct emu_reply *r)
{
	*out = emu_nonempty(params_get(&req->all, name));
	if (!*out) {
		char code[64];
		snprintf(code, sizeof(code), "Missing%s", name);
		emu_reply_error(r, req, 400, code,
			"%s is mandatory for this action.", name);
		return -1;
	}
	return 0;
}

static int
emu_auth_v2(struct emu_server *srv, const struct emu_request *req,
	struct emu_caller *who, struct emu_reply *r)
{
	const char *key_id, *signature, *method, *sigver, *stamp, *nonce;
	if (emu_v2_required(req, "AccessKeyId", &key_id, r) < 0 ||
		emu_v2_required(req, "Signature", &signature, r) < 0 ||
		emu_v2_required(req, "SignatureMethod", &method, r) < 0 ||
		emu_v2_required(req, "SignatureVersion", &sigver, r) < 0 ||
		emu_v2_required(req, "Timestamp", &stamp, r) < 0 ||
		emu_v2_required(req, "SignatureNonce", &nonce, r) < 0)
		return -1;
	if (strcmp(method, "HMAC-SHA1") != 0) {
		emu_reply_error(r, req, 400, "InvalidSignatureMethod",
			"Specified signature method is not supported: %.60s "
			"(use HMAC-SHA1).", method);
		return -1;
	}
	if (strcmp(sigver, "1.0") != 0) {
		emu_reply_error(r, req, 400, "InvalidSignatureVersion",
			"Specified signature version is not supported: %.60s "
			"(use 1.0).", sigver);
		return -1;
	}
	const char *format = params_get(&req->all, "Format");
	if (format && strcasecmp(format, "JSON") != 0 &&
		strcasecmp(format, "XML") != 0) {
		emu_reply_error(r, req, 400, "InvalidParameter.Format",
			"Format must be JSON or XML.");
		return -1;
	}
	if (emu_check_time(srv, req, stamp, r) < 0)
		return -1;
	struct emu_credential cred;
	if (emu_find_key(req, srv, key_id, &cred, who, r) < 0) {
		emu_credential_free(&cred);
		return -1;
	}
	struct params signed_params = PARAMS_INIT;
	for (size_t i = 0; i < req->all.count; i++) {
		if (strcmp(req->all.items[i].name, "Signature") != 0)
			params_add(&signed_params, req->all.items[i].name,
				req->all.items[i].value);
	}
	struct buf sts = BUF_INIT;
	char expect[64];
	sign_v2(req->method, &signed_params, cred.secret, &sts, expect);
	params_wipe_free(&signed_params);
	int rc = -1;
	if (!emu_equal(expect, signature)) {
		emu_reply_error(r, req, 400, "SignatureDoesNotMatch",
			"Specified signature is not matched with our calculation. "
			"server string to sign is:%s", buf_str(&sts));
		goto out;
	}
	const char *token = emu_nonempty(params_get(&req->all,
		"SecurityToken"));
	if (emu_check_nonce_token(srv, req, nonce, token, &cred, r) < 0)
		goto out;
	*who = cred.who;
	rc = 0;
out:
	buf_free(&sts);
	emu_credential_free(&cred);
	return rc;
}

int
emu_auth(struct emu_server *srv, const struct emu_request *req,
	struct emu_caller *who, struct emu_reply *r)
{
	const char *authorization = emu_nonempty(params_get_ci(&req->headers,
		"Authorization"));
	if (authorization)
		return emu_auth_v3(srv, req, authorization, who, r);
	if (req->v3) {   /* V3 headers, no Authorization, no Signature */
		emu_reply_error(r, req, 400, "IncompleteSignature",
			"The request signature does not conform to Aliyun "
			"standards: the Authorization header is missing.");
		return -1;
	}
	return emu_auth_v2(srv, req, who, r);
}
