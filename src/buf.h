/* buf: a growable byte buffer that is always NUL-terminated.
 * Allocation failure aborts the process (there is no sane recovery in a
 * TUI); every other error is reported through struct err. */
#ifndef ALICFG_BUF_H
#define ALICFG_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "err.h"

struct buf {
	char *data;  /* NUL-terminated; NULL until the first append */
	size_t len;
	size_t cap;
};

#define BUF_INIT {NULL, 0, 0}

void buf_append(struct buf *b, const void *data, size_t len);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);          /* len = 0, keeps memory */
const char *buf_str(const struct buf *b); /* "" when empty */
char *buf_steal(struct buf *b);         /* caller frees; b becomes empty */
void buf_free(struct buf *b);
void buf_wipe_free(struct buf *b);      /* zero the bytes first (secrets) */
/* Append a whole file. Fails (ERR_SYSTEM, message "PATH: reason", errno
 * left set) when it cannot be opened or read, or holds more than `max`
 * bytes (0: no limit); callers re-label the kind and add context. */
int buf_read_file(struct buf *b, const char *path, size_t max,
	struct err *e);

/* Helpers used everywhere; abort on out-of-memory. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);            /* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
/* Zero then free a string that held a secret. NULL is fine. */
void buf_secret_free(char *s);

#endif
