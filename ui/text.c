/* text: wcwidth-based measuring, cutting and padding. See text.h. */
#include "text.h"

#include <langinfo.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

/* One character of s: its byte length, its width, and whether it must be
 * shown as '?' instead. */
static size_t
next_char(const char *s, int *width, bool *replace)
{
	mbstate_t st;
	wchar_t wc;
	memset(&st, 0, sizeof(st));
	size_t n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	*replace = false;
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*replace = true;
		*width = 1;
		return 1;
	}
	if (wc < 0x20 || wc == 0x7f || (wc >= 0x80 && wc < 0xa0)) {
		*replace = true;
		*width = 1;
		return n;
	}
	int w = wcwidth(wc);
	if (w < 0) {
		*replace = true;
		w = 1;
	}
	*width = w;
	return n;
}

const char *
text_ellipsis(void)
{
	static const char *e;
	if (!e) {
		const char *cs = nl_langinfo(CODESET);
		e = cs && !strcmp(cs, "UTF-8") ? "\xe2\x80\xa6" : "~";
	}
	return e;
}

int
text_width(const char *s)
{
	int total = 0;
	if (!s)
		return 0;
	while (*s) {
		int w;
		bool bad;
		s += next_char(s, &w, &bad);
		total += w;
	}
	return total;
}

/* Append bytes to out if they fit, keeping room for the NUL. */
static void
put(char *out, size_t outsz, size_t *len, const char *p, size_t n)
{
	if (*len + n + 1 > outsz)
		return;
	memcpy(out + *len, p, n);
	*len += n;
	out[*len] = '\0';
}

/* Copy the safe form of s, at most `cols` columns. */
static int
copy_cols(const char *s, int cols, char *out, size_t outsz, size_t *len)
{
	int used = 0;
	while (s && *s) {
		int w;
		bool bad;
		size_t n = next_char(s, &w, &bad);
		if (used + w > cols)
			break;
		if (bad)
			put(out, outsz, len, "?", 1);
		else
			put(out, outsz, len, s, n);
		used += w;
		s += n;
	}
	return used;
}

int
text_fit(const char *s, int cols, bool pad, char *out, size_t outsz)
{
	size_t len = 0;
	if (outsz == 0)
		return 0;
	out[0] = '\0';
	if (cols <= 0)
		return 0;
	int used;
	if (text_width(s) <= cols) {
		used = copy_cols(s, cols, out, outsz, &len);
	} else {
		used = copy_cols(s, cols - 1, out, outsz, &len);
		const char *el = text_ellipsis();
		put(out, outsz, &len, el, strlen(el));
		used++;
	}
	while (pad && used < cols) {
		put(out, outsz, &len, " ", 1);
		used++;
	}
	return used;
}

int
text_fit_right(const char *s, int cols, char *out, size_t outsz)
{
	char tmp[1024];
	int w = text_fit(s, cols, false, tmp, sizeof(tmp));
	size_t len = 0;
	if (outsz == 0)
		return 0;
	out[0] = '\0';
	for (int i = w; i < cols; i++)
		put(out, outsz, &len, " ", 1);
	put(out, outsz, &len, tmp, strlen(tmp));
	return cols > w ? cols : w;
}

size_t
text_wrap_len(const char *s, int cols)
{
	const char *p = s;
	const char *last_space = NULL;
	int used = 0;
	while (*p) {
		int w;
		bool bad;
		size_t n = next_char(p, &w, &bad);
		if (*p == '\n')
			return (size_t)(p - s) + 1;
		if (used + w > cols)
			break;
		if (*p == ' ')
			last_space = p + 1;
		used += w;
		p += n;
	}
	if (!*p)
		return (size_t)(p - s);
	if (last_space && last_space > s)
		return (size_t)(last_space - s);
	if (p == s) {
		/* not even one character fits: take one anyway */
		int w;
		bool bad;
		return next_char(s, &w, &bad);
	}
	return (size_t)(p - s);
}
