/* account_list: ids from flags and files, checked, in order, deduplicated. */
#include "account_list.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define ACCOUNT_LIST_MAX_DIGITS 20
/* A file of 100,000 ids with comments fits easily in this. */
#define ACCOUNT_LIST_MAX_FILE (16L * 1024 * 1024)

int
account_list_parse_id(const char *s, const char *what, int64_t *out,
	struct err *e)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > ACCOUNT_LIST_MAX_DIGITS)
		return err_set(e, ERR_USAGE, "%s: '%.64s' is not an account id "
			"(1 to %d digits)", what, s ? s : "",
			ACCOUNT_LIST_MAX_DIGITS);
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return err_set(e, ERR_USAGE, "%s: '%.64s' is not an "
				"account id (digits only)", what, s);
	errno = 0;
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || v == 0 || v > INT64_MAX)
		return err_set(e, ERR_USAGE, "%s: '%.64s' is out of range for "
			"an account id", what, s);
	*out = (int64_t)v;
	return 0;
}

static bool
account_list_has(const struct account_list *l, int64_t id)
{
	/* Lists are short (a directory's members); a scan is fine. */
	for (size_t i = 0; i < l->count; i++)
		if (l->ids[i] == id)
			return true;
	return false;
}

static int
account_list_push(struct account_list *l, int64_t id, const char *what,
	struct err *e)
{
	if (account_list_has(l, id))
		return 0;
	if (l->count >= ACCOUNT_LIST_MAX)
		return err_set(e, ERR_USAGE, "%s: more than %d accounts", what,
			ACCOUNT_LIST_MAX);
	if (l->count == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->ids = xrealloc(l->ids, l->cap * sizeof(*l->ids));
	}
	l->ids[l->count++] = id;
	return 0;
}

int
account_list_add_text(struct account_list *l, const char *s,
	const char *what, struct err *e)
{
	int64_t id;
	if (account_list_parse_id(s, what, &id, e) < 0)
		return -1;
	return account_list_push(l, id, what, e);
}

static bool
account_list_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int
account_list_add_lines(struct account_list *l, const char *text,
	size_t len, const char *source, struct err *e)
{
	size_t pos = 0;
	int line = 0;
	/* A UTF-8 byte-order mark from a Windows editor is not an id. */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		pos = 3;
	while (pos < len) {
		line++;
		const char *start = text + pos;
		const char *nl = memchr(start, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - start) : len - pos;
		pos += n + (nl ? 1 : 0);
		const char *hash = memchr(start, '#', n);
		if (hash)
			n = (size_t)(hash - start);
		while (n && account_list_blank(*start)) {
			start++;
			n--;
		}
		while (n && account_list_blank(start[n - 1]))
			n--;
		if (!n)
			continue;
		char what[320], word[32];
		snprintf(what, sizeof(what), "%.300s:%d", source, line);
		if (n >= sizeof(word) || memchr(start, '\0', n)) {
			return err_set(e, ERR_USAGE, "%s: '%.*s' is not an "
				"account id (one id per line)", what,
				(int)(n > 40 ? 40 : n), start);
		}
		memcpy(word, start, n);
		word[n] = '\0';
		if (account_list_add_text(l, word, what, e) < 0)
			return -1;
	}
	return 0;
}

int
account_list_add_file(struct account_list *l, const char *path,
	struct err *e)
{
	struct buf text = BUF_INIT;
	bool is_stdin = !strcmp(path, "-");
	const char *shown = is_stdin ? "standard input" : path;
	if (is_stdin) {
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
			buf_append(&text, chunk, n);
			if (text.len > ACCOUNT_LIST_MAX_FILE)
				break;
		}
		if (ferror(stdin)) {
			buf_free(&text);
			return err_set(e, ERR_USAGE, "--accounts-from: cannot "
				"read standard input");
		}
		if (text.len > ACCOUNT_LIST_MAX_FILE) {
			buf_free(&text);
			return err_set(e, ERR_USAGE, "--accounts-from: standard "
				"input holds more than %ld bytes",
				ACCOUNT_LIST_MAX_FILE);
		}
	} else if (buf_read_file(&text, path, ACCOUNT_LIST_MAX_FILE, e) < 0) {
		e->kind = ERR_USAGE;
		err_prefix(e, "--accounts-from");
		buf_free(&text);
		return -1;
	}
	int rc = account_list_add_lines(l, buf_str(&text), text.len, shown, e);
	buf_free(&text);
	return rc;
}

void
account_list_free(struct account_list *l)
{
	free(l->ids);
	memset(l, 0, sizeof(*l));
}
