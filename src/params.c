/* params: ordered name=value lists, RFC 3986 encoding as Alibaba signs it,
 * and parsing of query strings and form bodies.
 *
 * The emulator parses what clients send, so parsing and canonicalising must
 * stay O(n log n) on thousands of pairs and must never lose a pair. */
#include "params.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Lists this short are sorted on the stack (every real request). */
#define PARAMS_STACK_SORT 32

static const char params_hex_upper[] = "0123456789ABCDEF";

/* 1 for the RFC 3986 unreserved set: A-Z a-z 0-9 - _ . ~ */
static const unsigned char params_unreserved[256] = {
	['-'] = 1, ['.'] = 1, ['_'] = 1, ['~'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

void
params_add(struct params *p, const char *name, const char *value)
{
	if (p->count == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		if (cap > SIZE_MAX / sizeof(*p->items))
			abort();
		p->items = xrealloc(p->items, cap * sizeof(*p->items));
		p->cap = cap;
	}
	p->items[p->count].name = xstrdup(name ? name : "");
	p->items[p->count].value = xstrdup(value ? value : "");
	p->count++;
}

static struct param *
params_find(const struct params *p, const char *name)
{
	for (size_t i = 0; i < p->count; i++)
		if (strcmp(p->items[i].name, name) == 0)
			return &p->items[i];
	return NULL;
}

void
params_set(struct params *p, const char *name, const char *value)
{
	struct param *it = params_find(p, name);
	if (!it) {
		params_add(p, name, value);
		return;
	}
	char *old = it->value;
	it->value = xstrdup(value ? value : "");
	buf_secret_free(old);
}

const char *
params_get(const struct params *p, const char *name)
{
	const struct param *it = params_find(p, name);
	return it ? it->value : NULL;
}

static int
params_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* ASCII only: header names are tokens, and the locale must not matter. */
static bool
params_equal_ci(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (params_lower((unsigned char)*a) != params_lower((unsigned char)*b))
			return false;
	return *a == *b;
}

const char *
params_get_ci(const struct params *p, const char *name)
{
	for (size_t i = 0; i < p->count; i++)
		if (params_equal_ci(p->items[i].name, name))
			return p->items[i].value;
	return NULL;
}

/* Removes every pair with that name, keeping the order of the rest. */
void
params_remove(struct params *p, const char *name)
{
	size_t kept = 0;
	for (size_t i = 0; i < p->count; i++) {
		if (strcmp(p->items[i].name, name) == 0) {
			free(p->items[i].name);
			buf_secret_free(p->items[i].value);
			continue;
		}
		p->items[kept++] = p->items[i];
	}
	p->count = kept;
}

void
params_copy(struct params *dst, const struct params *src)
{
	for (size_t i = 0; i < src->count; i++)
		params_add(dst, src->items[i].name, src->items[i].value);
}

/* Stable merge sort by name. Insertion sort below a small run length keeps
 * the common case (a handful of pairs) cheap; tmp has room for n items. */
static void
params_merge_sort(struct param *a, struct param *tmp, size_t n)
{
	if (n <= 12) {
		for (size_t i = 1; i < n; i++) {
			struct param x = a[i];
			size_t j = i;
			while (j > 0 && strcmp(a[j - 1].name, x.name) > 0) {
				a[j] = a[j - 1];
				j--;
			}
			a[j] = x;
		}
		return;
	}
	size_t half = n / 2;
	params_merge_sort(a, tmp, half);
	params_merge_sort(a + half, tmp, n - half);
	if (strcmp(a[half - 1].name, a[half].name) <= 0)
		return;
	memcpy(tmp, a, half * sizeof(*a));
	size_t i = 0, j = half, k = 0;
	while (i < half && j < n) {
		/* Ties take the left run first: that is what keeps it stable. */
		if (strcmp(a[j].name, tmp[i].name) < 0)
			a[k++] = a[j++];
		else
			a[k++] = tmp[i++];
	}
	while (i < half)
		a[k++] = tmp[i++];
}

static void
params_sort_items(struct param *items, size_t n)
{
	struct param stack_tmp[PARAMS_STACK_SORT];
	struct param *tmp = stack_tmp;
	if (n > PARAMS_STACK_SORT)
		tmp = xmalloc(n * sizeof(*tmp));
	params_merge_sort(items, tmp, n);
	if (tmp != stack_tmp)
		free(tmp);
}

void
params_sort(struct params *p)
{
	if (p->count > 1)
		params_sort_items(p->items, p->count);
}

void
params_free(struct params *p)
{
	for (size_t i = 0; i < p->count; i++) {
		free(p->items[i].name);
		free(p->items[i].value);
	}
	free(p->items);
	p->items = NULL;
	p->count = p->cap = 0;
}

void
params_wipe_free(struct params *p)
{
	for (size_t i = 0; i < p->count; i++)
		buf_secret_free(p->items[i].value);
	for (size_t i = 0; i < p->count; i++)
		p->items[i].value = NULL;
	params_free(p);
}

void
params_percent_encode(struct buf *out, const char *s, size_t len)
{
	/* Encoded into a local chunk so buf grows a few times, not per byte. */
	char chunk[512];
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (n > sizeof(chunk) - 3) {
			buf_append(out, chunk, n);
			n = 0;
		}
		if (params_unreserved[c]) {
			chunk[n++] = (char)c;
		} else {
			chunk[n++] = '%';
			chunk[n++] = params_hex_upper[c >> 4];
			chunk[n++] = params_hex_upper[c & 15];
		}
	}
	/* Always append, even nothing, so out->data is a valid string. */
	buf_append(out, chunk, n);
}

static int
params_hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int
params_percent_decode(struct buf *out, const char *s, size_t len,
	bool plus_is_space, struct err *e)
{
	size_t start_len = out->len;
	char chunk[512];
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (n == sizeof(chunk)) {
			buf_append(out, chunk, n);
			n = 0;
		}
		if (c == '%') {
			int hi = -1, lo = -1;
			if (len - i >= 3) {
				hi = params_hex_value((unsigned char)s[i + 1]);
				lo = params_hex_value((unsigned char)s[i + 2]);
			}
			if (hi < 0 || lo < 0) {
				/* Undo the partial output: the caller's buf is unchanged. */
				out->len = start_len;
				if (out->data)
					out->data[start_len] = '\0';
				return err_set(e, ERR_PROTOCOL,
					"bad percent-escape at offset %zu", i);
			}
			chunk[n++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			chunk[n++] = ' ';
		} else {
			chunk[n++] = (char)c;
		}
	}
	buf_append(out, chunk, n);
	return 0;
}

/* Encodes into `out` every item in list order (shared by the two forms). */
static void
params_encode_items(const struct param *items, size_t n, struct buf *out)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(out, '&');
		params_percent_encode(out, items[i].name, strlen(items[i].name));
		buf_putc(out, '=');
		params_percent_encode(out, items[i].value,
			strlen(items[i].value));
	}
	if (!out->data)
		buf_append(out, "", 0);
}

void
params_canonical(const struct params *p, struct buf *out)
{
	/* Sort a shallow copy: the caller's list keeps its order. */
	if (p->count == 0) {
		buf_append(out, "", 0);
		return;
	}
	struct param stack_items[PARAMS_STACK_SORT];
	struct param *items = stack_items;
	if (p->count > PARAMS_STACK_SORT)
		items = xmalloc(p->count * sizeof(*items));
	memcpy(items, p->items, p->count * sizeof(*items));
	params_sort_items(items, p->count);
	params_encode_items(items, p->count, out);
	if (items != stack_items)
		free(items);
}

void
params_encode(const struct params *p, struct buf *out)
{
	params_encode_items(p->items, p->count, out);
}

/* Decodes s[0..len) into a fresh string; a decoded NUL would silently cut
 * the name or value short, so it is refused. */
static char *
params_decode_part(struct buf *scratch, const char *s, size_t len,
	bool plus_is_space, struct err *e)
{
	buf_reset(scratch);
	if (params_percent_decode(scratch, s, len, plus_is_space, e) < 0)
		return NULL;
	if (memchr(buf_str(scratch), '\0', scratch->len)) {
		err_set(e, ERR_PROTOCOL, "parameter contains a NUL byte (%%00)");
		return NULL;
	}
	return xstrndup(buf_str(scratch), scratch->len);
}

int
params_parse(struct params *p, const char *s, size_t len,
	bool plus_is_space, struct err *e)
{
	size_t first_new = p->count;
	struct buf scratch = BUF_INIT;
	size_t pos = 0;
	while (pos < len) {
		const char *seg = s + pos;
		const char *amp = memchr(seg, '&', len - pos);
		size_t seg_len = amp ? (size_t)(amp - seg) : len - pos;
		pos += seg_len + 1;
		if (seg_len == 0)
			continue; /* "a=1&&b=2" or a trailing '&' */
		const char *eq = memchr(seg, '=', seg_len);
		size_t name_len = eq ? (size_t)(eq - seg) : seg_len;
		char *name = params_decode_part(&scratch, seg, name_len,
			plus_is_space, e);
		if (!name)
			goto fail;
		char *value;
		if (eq)
			value = params_decode_part(&scratch, eq + 1,
				seg_len - name_len - 1, plus_is_space, e);
		else
			value = xstrdup("");
		if (!value) {
			free(name);
			goto fail;
		}
		/* Hand over ownership without the copy params_add makes. */
		params_add(p, "", "");
		struct param *it = &p->items[p->count - 1];
		free(it->name);
		free(it->value);
		it->name = name;
		it->value = value;
	}
	buf_wipe_free(&scratch);
	return 0;

fail:
	/* All or nothing: drop the pairs this call added. */
	for (size_t i = first_new; i < p->count; i++) {
		free(p->items[i].name);
		buf_secret_free(p->items[i].value);
	}
	p->count = first_new;
	buf_wipe_free(&scratch);
	err_prefix(e, "parsing parameters");
	return -1;
}
