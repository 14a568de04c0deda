/* check: the allow-list and the offenders of a complete load. */
#include "config.h"

#include "check.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static int
check_cmp_id(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

int
check_allow_parse(const char *text, size_t len, const char *origin,
	struct check_allow *a, struct err *e)
{
	memset(a, 0, sizeof(*a));
	size_t cap = 0;
	int line = 0;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		line++;
		const char *q = p;
		while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		const char *id = q;
		while (q < eol && isdigit((unsigned char)*q))
			q++;
		size_t ndigits = (size_t)(q - id);
		while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		bool rest_ok = q == eol || *q == '#';
		if (ndigits == 0 && rest_ok) {
			p = nl ? nl + 1 : end;       /* blank or comment */
			continue;
		}
		char digits[24] = "";
		unsigned long long v = 0;
		if (ndigits && ndigits < sizeof(digits)) {
			memcpy(digits, id, ndigits);
			errno = 0;
			v = strtoull(digits, NULL, 10);
		}
		if (!rest_ok || !ndigits || ndigits >= sizeof(digits) ||
		    errno || v == 0 || v > INT64_MAX) {
			check_allow_free(a);
			int shown = (int)(eol - p > 60 ? 60 : eol - p);
			return err_set(e, ERR_USAGE, "%s:%d: '%.*s' is not an "
				"account id (one id per line, # for comments)",
				origin, line, shown, p);
		}
		if (a->n == cap) {
			cap = cap ? cap * 2 : 16;
			a->ids = xrealloc(a->ids, cap * sizeof(*a->ids));
		}
		a->ids[a->n++] = (int64_t)v;
		p = nl ? nl + 1 : end;
	}
	if (a->n > 1)
		qsort(a->ids, a->n, sizeof(*a->ids), check_cmp_id);
	return 0;
}

int
check_allow_load(const char *path, struct check_allow *a, struct err *e)
{
	struct buf text = BUF_INIT;
	FILE *f = fopen(path, "r");
	if (!f)
		return err_set(e, ERR_USAGE, "--allow: cannot read %s: %s", path,
			strerror(errno));
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_append(&text, chunk, n);
		if (text.len > 16 * 1024 * 1024)
			break;
	}
	bool bad = ferror(f) || text.len > 16 * 1024 * 1024;
	fclose(f);
	if (bad) {
		buf_free(&text);
		return err_set(e, ERR_USAGE, "--allow: cannot read %s (an "
			"error, or larger than 16 MiB)", path);
	}
	int rc = check_allow_parse(text.data ? text.data : "", text.len, path,
		a, e);
	buf_free(&text);
	return rc;
}

bool
check_allow_has(const struct check_allow *a, int64_t id)
{
	return a && a->n && bsearch(&id, a->ids, a->n, sizeof(*a->ids),
		check_cmp_id) != NULL;
}

void
check_allow_free(struct check_allow *a)
{
	free(a->ids);
	memset(a, 0, sizeof(*a));
}

static const struct check_unreachable *
check_find_unreachable(const struct check_unreachable *u, size_t n,
	int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (u[i].account == id)
			return &u[i];
	return NULL;
}

size_t
check_offenders(const struct snapshot *s,
	const struct check_unreachable *unreachable, size_t nunreachable,
	const struct check_allow *allow, struct check_offender **out)
{
	size_t n = 0;
	*out = NULL;
	if (!s->naccounts)
		return 0;
	struct check_offender *o = xcalloc(s->naccounts, sizeof(*o));
	for (size_t i = 0; i < s->naccounts; i++) {
		const struct snapshot_account *a = &s->accounts[i];
		unsigned reasons = 0;
		const struct check_unreachable *u =
			check_find_unreachable(unreachable, nunreachable, a->id);
		if (u)
			reasons |= CHECK_UNREACHABLE;
		else if (model_recorder_status_parse(a->status) !=
			RECORDER_REGISTERED)
			reasons |= CHECK_NOT_REGISTERED;
		if (s->has_directory && a->ngroups == 0)
			reasons |= CHECK_NO_GROUP;
		if (!reasons)
			continue;
		o[n].account = a;
		o[n].reasons = reasons;
		o[n].code = u ? u->code : NULL;
		o[n].allowed = check_allow_has(allow, a->id);
		n++;
	}
	if (!n) {
		free(o);
		return 0;
	}
	*out = o;
	return n;
}

void
check_reason_text(const struct check_offender *o, char *out, size_t outsz)
{
	struct buf b = BUF_INIT;
	if (o->reasons & CHECK_NOT_REGISTERED)
		buf_printf(&b, "not REGISTERED (%s)", o->account->status ?
			o->account->status : "unknown");
	if (o->reasons & CHECK_NO_GROUP)
		buf_printf(&b, "%sin no group", b.len ? "; " : "");
	if (o->reasons & CHECK_UNREACHABLE)
		buf_printf(&b, "%snot reachable (%s)", b.len ? "; " : "",
			o->code && *o->code ? o->code : "error");
	snprintf(out, outsz, "%s", buf_str(&b));
	buf_free(&b);
}
