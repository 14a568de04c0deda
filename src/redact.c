/* redact: secrets out of text, one set of rules for every path. */
#include "redact.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cred.h"
#include "params.h"

/* Replace every occurrence of `needle` by REDACTED. */
static void
redact_literal(struct buf *b, const char *needle)
{
	size_t n = needle ? strlen(needle) : 0;
	if (n < 4 || !b->data)
		return;
	struct buf out = BUF_INIT;
	const char *p = b->data;
	const char *hit;
	while ((hit = strstr(p, needle))) {
		buf_append(&out, p, (size_t)(hit - p));
		buf_puts(&out, REDACTED);
		p = hit + n;
	}
	if (out.data) {
		buf_puts(&out, p);
		buf_wipe_free(b);
		*b = out;
	}
}

static void
redact_secret(struct buf *b, const char *secret)
{
	if (!secret || !*secret)
		return;
	struct buf once = BUF_INIT, twice = BUF_INIT;
	params_percent_encode(&once, secret, strlen(secret));
	params_percent_encode(&twice, buf_str(&once), once.len);
	redact_literal(b, secret);
	redact_literal(b, buf_str(&once));
	redact_literal(b, buf_str(&twice));
	buf_wipe_free(&once);
	buf_wipe_free(&twice);
}

/* The value after each `name` up to `stop` (or anything that ends a
 * token in running text) becomes REDACTED, or with `mask` is masked like
 * a key id. */
static void
redact_after(struct buf *b, const char *name, const char *stop, bool mask)
{
	if (!b->data)
		return;
	struct buf out = BUF_INIT;
	const char *p = b->data;
	const char *hit;
	bool changed = false;
	while ((hit = strstr(p, name))) {
		hit += strlen(name);
		buf_append(&out, p, (size_t)(hit - p));
		const char *end = strstr(hit, stop);
		if (!end)
			end = hit + strlen(hit);
		const char *q = hit;
		while (q < end && !isspace((unsigned char)*q) && *q != ']' &&
		    *q != '"' && *q != '&')
			q++;
		if (q > hit && mask) {
			char *value = xstrndup(hit, (size_t)(q - hit));
			char shown[64];
			cred_mask_key_id(value, shown, sizeof(shown));
			buf_puts(&out, shown);
			free(value);
			changed = true;
		} else if (q > hit) {
			buf_puts(&out, REDACTED);
			changed = true;
		}
		p = q;
	}
	if (changed) {
		buf_puts(&out, p);
		buf_wipe_free(b);
		*b = out;
	} else {
		buf_free(&out);
	}
}

void
redact_text(struct buf *text, const char *const *secrets, size_t n)
{
	for (size_t i = 0; secrets && i < n; i++)
		redact_secret(text, secrets[i]);
	/* A V2 string-to-sign holds the query percent-encoded once more;
	 * a server's echo of it may be encoded again. */
	redact_after(text, "SecurityToken%253D", "%2526", false);
	redact_after(text, "SecurityToken%3D", "%26", false);
	redact_after(text, "SecurityToken=", "&", false);
	redact_after(text, "x-acs-security-token:", "\n", false);
	redact_after(text, "AccessKeyId%253D", "%2526", true);
	redact_after(text, "AccessKeyId%3D", "%26", true);
	redact_after(text, "AccessKeyId=", "&", true);
}
