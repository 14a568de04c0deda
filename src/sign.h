/* sign: Alibaba Cloud request signatures.
 *
 * V3 ACS3-HMAC-SHA256 (the default) and V2 HMAC-SHA1 for RPC calls, exactly
 * as docs/wire-reference.md#signature-v3 and #signature-v2 define them.
 * The signing functions are pure (no clock, no randomness, no I/O: the
 * caller passes the time and the nonce), so the published vectors pin them
 * byte for byte; only sign_nonce() draws random bytes. The emulator uses
 * the same code to verify, recomputing from the client's own SignedHeaders
 * list. */
#ifndef ALICFG_SIGN_H
#define ALICFG_SIGN_H

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "params.h"

#define SIGN_V3_ALGORITHM "ACS3-HMAC-SHA256"
#define SIGN_EMPTY_SHA256 \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

enum sign_version { SIGN_V3 = 3, SIGN_V2 = 2 };

struct sign_v3_input {
	const char *method;            /* "POST"; "" is signed as "" */
	const char *pathname;          /* "" or NULL is signed as "/" */
	const struct params *query;    /* raw (unencoded) names and values */
	/* Headers to sign, any case. Every header in this set is signed:
	 * the caller picks them (x-acs-*, host, content-type). Duplicate
	 * names (case-insensitively) are joined, values sorted, with ','. */
	const struct params *headers;
	const char *payload_hash;      /* lower hex SHA-256 of the body */
	const char *access_key_id;
	const char *access_key_secret;
};

struct sign_v3_output {
	struct buf canonical_request;
	struct buf string_to_sign;
	struct buf signed_headers;     /* "host;x-acs-action;..." */
	struct buf authorization;      /* the Authorization header value */
	char hashed_canonical_request[65];
	char signature[65];            /* lower hex */
};

void sign_v3(const struct sign_v3_input *in, struct sign_v3_output *out);
void sign_v3_output_free(struct sign_v3_output *out);

/* V2: `all_params` is every parameter sent (common, query and form body),
 * without Signature. Fills the string-to-sign and the base64 signature. */
void sign_v2(const char *method, const struct params *all_params,
	const char *access_key_secret, struct buf *string_to_sign,
	char signature_b64[64]);

/* Building blocks, exposed for tests, the emulator and benchmarks. */
void sign_sha256_hex(const void *data, size_t len, char out[65]);
void sign_hmac_sha256_hex(const char *key, const void *msg, size_t len,
	char out[65]);
void sign_hmac_sha1_b64(const char *key, const void *msg, size_t len,
	char out[64]);
/* "2023-10-26T10:22:32Z" for a UTC time. */
void sign_format_time(time_t t, char out[32]);
/* Parse that form back; returns -1 on anything else. */
int sign_parse_time(const char *s, time_t *out);
/* 32 lower-hex random characters from the OS random source. */
void sign_nonce(char out[33]);

#endif
