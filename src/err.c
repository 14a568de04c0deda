/* err: filling, formatting and classifying the one error type. */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
err_clear(struct err *e)
{
	memset(e, 0, sizeof(*e));
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
	/* Built by hand, not with one snprintf, because truncating a long
	 * message is intended here. */
	char joined[sizeof(e->message)];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(joined, sizeof(joined), fmt, ap);
	va_end(ap);
	size_t used = n < 0 ? 0 : (size_t)n;
	if (used > sizeof(joined) - 1)
		used = sizeof(joined) - 1;
	const char *parts[2] = {": ", e->message};
	for (int i = 0; i < 2; i++) {
		size_t len = strlen(parts[i]);
		if (len > sizeof(joined) - 1 - used)
			len = sizeof(joined) - 1 - used;
		memcpy(joined + used, parts[i], len);
		used += len;
	}
	joined[used] = '\0';
	memcpy(e->message, joined, used + 1);
}

bool
err_code_is(const struct err *e, const char *code)
{
	size_t n = strlen(code);
	if (strncmp(e->code, code, n) != 0)
		return false;
	return e->code[n] == '\0' || e->code[n] == '.';
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
	if (err_code_is(e, "Throttling"))
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
