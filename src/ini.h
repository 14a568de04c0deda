/* ini: a small INI reader for ~/.alibabacloud/credentials and the alicfg
 * config file. "[section]", "key = value", ';' or '#' comments (whole
 * lines, or after a blank at the end of an unquoted value), blank lines.
 * Keys and values are trimmed; a value may be quoted with "..." (quotes
 * removed). Keys before any section belong to section "". */
#ifndef ALICFG_INI_H
#define ALICFG_INI_H

#include <stddef.h>

#include "err.h"

/* Called once per key. Return non-zero to stop early (not an error). */
typedef int (*ini_fn)(void *ctx, const char *section, const char *key,
	const char *value, int line);

/* A value's text within [*vs, *ve) (already trimmed): a "quoted" value
 * loses its quotes (and anything after a comment mark past them); an
 * unquoted one ends before the first ';' or '#' that follows a blank:
 * "LTAI5t ; laptop key" is "LTAI5t", "a;b" stays "a;b". */
void ini_value_bounds(const char **vs, const char **ve);

/* A line that is neither a section, a key=value, a comment nor blank is an
 * ERR_CONFIG error naming the line number. */
int ini_parse_string(const char *text, size_t len, ini_fn fn, void *ctx,
	struct err *e);
/* ERR_CONFIG naming the path on an unreadable file; errno is left set so a
 * caller can treat ENOENT as "no file". The message includes the path. */
int ini_parse_file(const char *path, ini_fn fn, void *ctx, struct err *e);

#endif
