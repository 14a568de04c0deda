/* err: filling, formatting and classifying the one error type. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void
err_clear(struct err *e)
{
	memset(e, 0, sizeof(*e));
}

static void
err_details_free(struct err_details *d)
{
	if (!d)
		return;
	free(d->server_message);
	free(d->host_id);
	free(d->recommend);
	free(d->client_string_to_sign);
	free(d);
}

void
err_free(struct err *e)
{
	err_details_free(e->details);
	err_clear(e);
}

static char *
err_dup(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
err_copy(struct err *dst, const struct err *src)
{
	*dst = *src;
	dst->details = NULL;
	const struct err_details *d = src->details;
	if (!d)
		return;
	struct err_details *c = err_details(dst);
	c->server_message = err_dup(d->server_message);
	c->host_id = err_dup(d->host_id);
	c->recommend = err_dup(d->recommend);
	c->client_string_to_sign = err_dup(d->client_string_to_sign);
}

struct err_details *
err_details(struct err *e)
{
	if (!e->details)
		e->details = xcalloc(1, sizeof(*e->details));
	return e->details;
}

void
err_set_message(struct err *e, const char *text, size_t len)
{
	size_t keep = len;
	if (keep > sizeof(e->message) - 1) {
		keep = sizeof(e->message) - 1;
		/* Never end inside a UTF-8 sequence. */
		while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
			keep--;
	}
	char *whole = keep < len ? xstrndup(text, len) : NULL;
	if (whole || e->details) {
		struct err_details *d = err_details(e);
		free(d->server_message);
		d->server_message = whole;
	}
	memcpy(e->message, text, keep);
	e->message[keep] = '\0';
}

const char *
err_full_message(const struct err *e)
{
	if (e->details && e->details->server_message)
		return e->details->server_message;
	return e->message;
}

bool
err_failed(const struct err *e)
{
	return e->kind != ERR_NONE;
}

int
err_set(struct err *e, enum err_kind kind, const char *fmt, ...)
{
	err_clear(e);
	e->kind = kind;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof(e->message), fmt, ap);
	va_end(ap);
	return -1;
}

void
err_prefix(struct err *e, const char *fmt, ...)
{
	struct buf joined = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&joined, fmt, ap);
	va_end(ap);
	buf_puts(&joined, ": ");
	buf_puts(&joined, err_full_message(e));
	if (e->details) {
		/* It owns details already: keep the whole text there. */
		err_set_message(e, buf_str(&joined), joined.len);
	} else {
		/* Cutting a long message is intended here. */
		size_t n = joined.len < sizeof(e->message) - 1 ? joined.len :
			sizeof(e->message) - 1;
		while (n > 0 && n < joined.len &&
			((unsigned char)joined.data[n] & 0xC0) == 0x80)
			n--;
		memcpy(e->message, buf_str(&joined), n);
		e->message[n] = '\0';
	}
	buf_free(&joined);
}

bool
err_code_is(const struct err *e, const char *code)
{
	size_t n = strlen(code);
	if (strncmp(e->code, code, n) != 0)
		return false;
	return e->code[n] == '\0' || e->code[n] == '.';
}

bool
err_is_throttling(const struct err *e)
{
	if (e->kind != ERR_API)
		return false;
	return e->retry_after_ms > 0 || err_code_is(e, "Throttling") ||
		!strcmp(e->code, "Rejected.Throttling");
}

int
err_exit_code(const struct err *e)
{
	switch (e->kind) {
	case ERR_NONE:
		return 0;
	case ERR_USAGE:
		return 2;
	case ERR_CONFIG:
		return 3;
	case ERR_REFUSED:
		return 4;
	default:
		return 1;
	}
}

const char *
err_kind_name(enum err_kind kind)
{
	switch (kind) {
	case ERR_NONE: return "ok";
	case ERR_USAGE: return "usage";
	case ERR_CONFIG: return "configuration";
	case ERR_REFUSED: return "refused";
	case ERR_NETWORK: return "network";
	case ERR_API: return "api";
	case ERR_PROTOCOL: return "protocol";
	case ERR_SYSTEM: return "system";
	}
	return "unknown";
}

const char *
err_hint(const struct err *e)
{
	if (e->kind != ERR_API)
		return NULL;
	if (err_code_is(e, "InvalidTimeStamp") || !strcmp(e->code, "IllegalTimestamp"))
		return "check this machine's clock: requests must be within 15 minutes of the server's time (run NTP)";
	if (!strcmp(e->code, "SignatureDoesNotMatch") || !strcmp(e->code, "IncompleteSignature"))
		return "check the AccessKey secret (no stray spaces) and the key id pair; run with -v to compare string-to-sign";
	if (err_code_is(e, "InvalidAccessKeyId"))
		return "the AccessKey id is unknown or disabled: check the profile or environment";
	if (!strcmp(e->code, "AccountNotExisted") || !strcmp(e->code, "InvalidProduct.NotFound"))
		return "wrong Config site? China-site accounts use --region cn-shanghai, international accounts --region ap-southeast-1";
	if (err_is_throttling(e))
		return "the API is throttling requests; alicfg backs off and retries";
	if (!strcmp(e->code, "NoPermission") || err_code_is(e, "Forbidden"))
		return "the caller lacks a RAM permission for this action (read-only key?)";
	if (err_code_is(e, "InvalidSecurityToken"))
		return "the STS token is missing, wrong or expired: refresh the credentials";
	return NULL;
}

void
err_format(const struct err *e, char *out, size_t outsz)
{
	int n;
	if (e->kind == ERR_API && e->code[0]) {
		n = snprintf(out, outsz, "%s (HTTP %ld): %s", e->code,
			e->http_status, e->message);
		if (e->request_id[0] && n >= 0 && (size_t)n < outsz)
			n += snprintf(out + n, outsz - (size_t)n,
				" [RequestId %s]", e->request_id);
	} else {
		n = snprintf(out, outsz, "%s", e->message[0] ? e->message :
			err_kind_name(e->kind));
	}
	const char *hint = err_hint(e);
	if (hint && n >= 0 && (size_t)n < outsz)
		snprintf(out + n, outsz - (size_t)n, " (hint: %s)", hint);
}
