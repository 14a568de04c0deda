/* text: one sanitising and measuring engine for every output. See text.h. */
#include "config.h"

#include "text.h"

#include <langinfo.h>
#include <locale.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

#define TEXT_ELLIPSIS_UTF8 "\xe2\x80\xa6"
#define TEXT_REPLACEMENT "\xef\xbf\xbd"   /* U+FFFD */

size_t
text_utf8_decode(const unsigned char *s, uint32_t *cp)
{
	unsigned char c = s[0];
	size_t n;
	uint32_t v;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)   /* also stops at the NUL */
			return 0;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10ffff)) ||
	    (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

bool
text_cp_escaped(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
		(cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* wcwidth() depends on LC_CTYPE; measure under a UTF-8 locale whatever the
 * process uses, so every front end counts the same columns. */
static locale_t text_locale = (locale_t)0;
static pthread_once_t text_locale_once = PTHREAD_ONCE_INIT;

static void
text_locale_init(void)
{
	text_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	if (!text_locale)
		text_locale = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
}

/* Used only when no UTF-8 locale exists: the East Asian wide blocks. */
static int
text_fallback_width(uint32_t cp)
{
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	if (cp >= 0x300 && cp <= 0x36f)
		return 0;
	return 1;
}

/* Columns of a printable code point; -1 when the locale calls it not
 * printable (then it is escaped too, so columns stay exact). */
static int
text_cp_width(uint32_t cp)
{
	if (cp < 0x80)
		return 1;
	pthread_once(&text_locale_once, text_locale_init);
	if (!text_locale)
		return text_fallback_width(cp);
	locale_t old = uselocale(text_locale);
	int w = wcwidth((wchar_t)cp);
	uselocale(old);
	return w;
}

/* One unit of input: the bytes it consumes, and what to write instead. */
struct text_unit {
	size_t in;          /* input bytes consumed */
	const char *out;    /* bytes to write (the input or `esc`) */
	size_t outlen;
	int width;
	char esc[12];
};

/* `keep` lists the C0 controls passed through (CSV keeps LF and TAB). */
static void
text_next(const char *s, const char *keep, struct text_unit *u)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp = 0;
	size_t n = text_utf8_decode(p, &cp);
	int w = 0;
	u->in = n ? n : 1;
	if (n && cp && keep && cp < 0x20 && strchr(keep, (int)cp)) {
		u->out = s;
		u->outlen = 1;
		u->width = 1;
		return;
	}
	if (n && !text_cp_escaped(cp)) {
		w = text_cp_width(cp);
		if (w >= 0) {
			u->out = s;
			u->outlen = n;
			u->width = w;
			return;
		}
	}
	if (!n)
		snprintf(u->esc, sizeof(u->esc), "\\x%02x", p[0]);
	else if (cp == '\n')
		strcpy(u->esc, "\\n");
	else if (cp == '\r')
		strcpy(u->esc, "\\r");
	else if (cp == '\t')
		strcpy(u->esc, "\\t");
	else if (cp < 0x80)
		snprintf(u->esc, sizeof(u->esc), "\\x%02x", (unsigned)cp);
	else
		snprintf(u->esc, sizeof(u->esc), "\\u%04x", (unsigned)cp);
	u->out = u->esc;
	u->outlen = strlen(u->esc);
	u->width = (int)u->outlen;
}

/* Width of the safe form, counting no further than `limit` + 1 (long names
 * are measured only as far as the column they could reach). */
static size_t
text_width_upto(const char *s, size_t limit)
{
	size_t w = 0;
	struct text_unit u;
	while (s && *s && w <= limit) {
		text_next(s, NULL, &u);
		w += (size_t)u.width;
		s += u.in;
	}
	return w;
}

/* --- sinks: a fixed buffer (TUI) or a growable one --- */

struct text_sink {
	struct buf *b;      /* growable, or NULL */
	char *out;          /* fixed, NUL-terminated */
	size_t outsz, len;
};

/* Append if it fits (never half a character in a fixed buffer). */
static void
text_put(struct text_sink *k, const char *p, size_t n)
{
	if (k->b) {
		buf_append(k->b, p, n);
		return;
	}
	if (k->len + n + 1 > k->outsz)
		return;
	memcpy(k->out + k->len, p, n);
	k->len += n;
	k->out[k->len] = '\0';
}

/* The safe form of s in at most `cols` columns (cols < 0: no limit), cut
 * texts ending in `ell`, padded to `cols` when `pad`. Returns columns. */
static size_t
text_emit(struct text_sink *k, const char *s, long cols, const char *ell,
	bool pad)
{
	if (!s)
		s = "";
	bool cut = cols >= 0 && text_width_upto(s, (size_t)cols) > (size_t)cols;
	long limit = cols < 0 ? -1 : cut ? cols - 1 : cols;
	size_t used = 0;
	struct text_unit u;
	while (*s) {
		text_next(s, NULL, &u);
		if (limit >= 0 && used + (size_t)u.width > (size_t)limit)
			break;
		text_put(k, u.out, u.outlen);
		used += (size_t)u.width;
		s += u.in;
	}
	if (cut && cols > 0) {
		text_put(k, ell, strlen(ell));
		used++;
	}
	while (pad && cols >= 0 && used < (size_t)cols) {
		text_put(k, " ", 1);
		used++;
	}
	return used;
}

/* --- the TUI's primitives --- */

bool
text_locale_utf8(void)
{
	/* glibc says "UTF-8"; some libcs say "utf8". */
	const char *cs = nl_langinfo(CODESET);
	return cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "UTF8"));
}

const char *
text_ellipsis(void)
{
	return text_locale_utf8() ? TEXT_ELLIPSIS_UTF8 : "~";
}

int
text_width(const char *s)
{
	size_t w = text_width_upto(s, (size_t)-2);
	return w > (size_t)__INT_MAX__ ? __INT_MAX__ : (int)w;
}

int
text_fit(const char *s, int cols, bool pad, char *out, size_t outsz)
{
	if (outsz == 0)
		return 0;
	out[0] = '\0';
	if (cols <= 0)
		return 0;
	struct text_sink k = {.out = out, .outsz = outsz};
	return (int)text_emit(&k, s, cols, text_ellipsis(), pad);
}

int
text_fit_right(const char *s, int cols, char *out, size_t outsz)
{
	char tmp[2048];
	int w = text_fit(s, cols, false, tmp, sizeof(tmp));
	if (outsz == 0)
		return 0;
	out[0] = '\0';
	struct text_sink k = {.out = out, .outsz = outsz};
	for (int i = w; i < cols; i++)
		text_put(&k, " ", 1);
	text_put(&k, tmp, strlen(tmp));
	return cols > w ? cols : w;
}

size_t
text_wrap_len(const char *s, int cols)
{
	const char *p = s;
	const char *last_space = NULL;
	size_t used = 0;
	struct text_unit u;
	while (*p) {
		if (*p == '\n')
			return (size_t)(p - s) + 1;
		text_next(p, NULL, &u);
		if (cols < 0 || used + (size_t)u.width > (size_t)cols)
			break;
		if (*p == ' ')
			last_space = p + 1;
		used += (size_t)u.width;
		p += u.in;
	}
	if (!*p)
		return (size_t)(p - s);
	if (last_space && last_space > s)
		return (size_t)(last_space - s);
	if (p == s) {
		/* not even one unit fits: take one anyway */
		text_next(s, NULL, &u);
		return u.in;
	}
	return (size_t)(p - s);
}

/* --- growable forms --- */

size_t
text_safe(struct buf *out, const char *s, size_t max_cols)
{
	struct text_sink k = {.b = out};
	return text_emit(&k, s, max_cols ? (long)max_cols : -1,
		TEXT_ELLIPSIS_UTF8, false);
}

size_t
text_safe_width(const char *s)
{
	return text_width_upto(s, (size_t)-2);
}

void
text_csv_field(struct buf *out, const char *s)
{
	if (!s || !*s)
		return;
	struct buf safe = BUF_INIT;
	struct text_unit u;
	/* OWASP: a cell a spreadsheet would read as a formula starts with ' */
	if (strchr("=+-@\t\r", s[0]))
		buf_putc(&safe, '\'');
	for (const char *p = s; *p; p += u.in) {
		text_next(p, "\n\t", &u);
		buf_append(&safe, u.out, u.outlen);
	}
	const char *v = buf_str(&safe);
	size_t n = safe.len;
	bool quote = v[0] == ' ' || v[0] == '\t' || v[n - 1] == ' ' ||
		v[n - 1] == '\t' || strpbrk(v, ",\"\r\n");
	if (!quote) {
		buf_append(out, v, n);
	} else {
		buf_putc(out, '"');
		for (const char *p = v; *p; p++) {
			if (*p == '"')
				buf_putc(out, '"');
			buf_putc(out, *p);
		}
		buf_putc(out, '"');
	}
	buf_free(&safe);
}

void
text_utf8_valid(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	while (*p) {
		uint32_t cp;
		size_t n = text_utf8_decode(p, &cp);
		if (n) {
			buf_append(out, p, n);
			p += n;
		} else {
			buf_puts(out, TEXT_REPLACEMENT);
			p++;
		}
	}
}

void
text_json_escape(struct buf *out, const char *json, size_t len)
{
	const unsigned char *p = (const unsigned char *)json;
	const unsigned char *end = p + len;
	while (p < end) {
		uint32_t cp;
		size_t n = *p ? text_utf8_decode(p, &cp) : 0;
		if (n && (size_t)(end - p) >= n && text_cp_escaped(cp) &&
		    cp >= 0x20) {
			buf_printf(out, "\\u%04X", (unsigned)cp);
			p += n;
			continue;
		}
		n = n && (size_t)(end - p) >= n ? n : 1;
		buf_append(out, p, n);
		p += n;
	}
}

void
text_put_line(FILE *f, const char *s)
{
	struct buf safe = BUF_INIT;
	text_safe(&safe, s, 0);
	buf_putc(&safe, '\n');
	fputs(buf_str(&safe), f);
	buf_free(&safe);
}
