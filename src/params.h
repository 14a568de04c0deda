/* params: an ordered list of name=value pairs (query strings, form bodies,
 * header sets) with the canonical RFC 3986 encoding Alibaba Cloud signs. */
#ifndef ALICFG_PARAMS_H
#define ALICFG_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "err.h"

struct param {
	char *name;
	char *value;
};

struct params {
	struct param *items;
	size_t count;
	size_t cap;
};

#define PARAMS_INIT {NULL, 0, 0}

void params_add(struct params *p, const char *name, const char *value);
/* Replace the value of the first pair named `name`, or add it. */
void params_set(struct params *p, const char *name, const char *value);
const char *params_get(const struct params *p, const char *name);
/* Case-insensitive lookup, for header sets. */
const char *params_get_ci(const struct params *p, const char *name);
void params_remove(struct params *p, const char *name);
void params_copy(struct params *dst, const struct params *src);
/* Stable sort by name, byte order (strcmp). */
void params_sort(struct params *p);
void params_free(struct params *p);
/* Wipes every value before freeing (header sets with tokens). */
void params_wipe_free(struct params *p);

/* RFC 3986 as Alibaba defines it: unreserved A-Z a-z 0-9 - _ . ~ kept,
 * everything else %XY with upper-case hex; space is %20, '*' is %2A. */
void params_percent_encode(struct buf *out, const char *s, size_t len);
/* Decode %XY (and, with plus_is_space, '+' as space, for form bodies).
 * Fails on a bad escape. Appends to out. */
int params_percent_decode(struct buf *out, const char *s, size_t len,
	bool plus_is_space, struct err *e);

/* Sorted, encoded "a=1&b=2" of every pair (does not modify p). An empty
 * value gives "name=". Used for V3 CanonicalQueryString and V2. */
void params_canonical(const struct params *p, struct buf *out);
/* Encoded in list order, for URLs and form bodies. */
void params_encode(const struct params *p, struct buf *out);
/* Parse "a=1&b=%20" (query string or form body) and append the pairs. */
int params_parse(struct params *p, const char *s, size_t len,
	bool plus_is_space, struct err *e);

#endif
