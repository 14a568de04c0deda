/* text: the one engine that makes outside text safe to show, and measures
 * and fits it into terminal columns.
 *
 * Every name, message and code that came from the network goes through
 * here before it reaches a terminal (tables, stderr, the TUI), a CSV file
 * (batch `-o csv`, the TUI's export) or JSON. What is neutralised:
 *   - C0 controls and DEL (ESC, BEL, CR, ...): shown as \xNN (\n, \r, \t
 *     for those three);
 *   - C1 controls (U+0080-U+009F) and the bidi overrides and isolates
 *     (U+202A-U+202E, U+2066-U+2069): shown as \uXXXX;
 *   - invalid UTF-8: each bad byte shown as \xNN (U+FFFD in JSON);
 *   - in CSV, a cell starting with = + - @ TAB or CR gets a leading '
 *     (OWASP's advice against formula injection).
 * JSON keeps every character but escapes the same set as \uXXXX (upper
 * case hex, as Jansson writes the C0 ones).
 *
 * Widths come from wcwidth() under a UTF-8 locale (the same table ncursesw
 * uses), independent of the process locale: CJK takes two columns,
 * combining marks none, an escape as many columns as it has characters. */
#ifndef ALICFG_TEXT_H
#define ALICFG_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"

/* --- the TUI's primitives (fixed-size buffers, locale's ellipsis) --- */

/* Columns `s` takes once made safe. */
int text_width(const char *s);
/* Write into out (NUL-terminated, at most outsz bytes) the safe form of
 * `s` cut to at most `cols` columns; a cut text ends in an ellipsis. When
 * `pad` the result is padded with spaces to exactly `cols` columns (a wide
 * character that would straddle the edge becomes a space). Returns the
 * columns written. */
int text_fit(const char *s, int cols, bool pad, char *out, size_t outsz);
/* Like text_fit with pad, but right-aligned. */
int text_fit_right(const char *s, int cols, char *out, size_t outsz);
/* Bytes of the longest prefix of `s` that fits in `cols` columns, breaking
 * after a space where it can (for wrapping long values), or just after a
 * newline. At least one character is taken when `s` is not empty. */
size_t text_wrap_len(const char *s, int cols);
/* The one UTF-8 locale check: does the process's LC_CTYPE (after
 * setlocale) use UTF-8? Decides the ellipsis, box lines and sort arrows. */
bool text_locale_utf8(void);
/* The ellipsis used by text_fit: "…" in a UTF-8 locale, "~" otherwise. */
const char *text_ellipsis(void);

/* --- growable forms for the batch output, stderr and files --- */

/* Append the terminal-safe form of `s` (NULL: nothing), at most max_cols
 * columns (0: no limit), a cut text ending in "…". Returns its width. */
size_t text_safe(struct buf *out, const char *s, size_t max_cols);
/* Width of text_safe(s) without a limit. */
size_t text_safe_width(const char *s);
/* One CSV field (RFC 4180): made safe (LF and TAB kept), a formula prefix
 * neutralised with ', quoted when it needs it. NULL is an empty field. */
void text_csv_field(struct buf *out, const char *s);
/* `s` as valid UTF-8 (each invalid byte becomes U+FFFD), for JSON. */
void text_utf8_valid(struct buf *out, const char *s);
/* Copy serialised JSON (valid UTF-8), escaping DEL, C1 and bidi controls
 * as \uXXXX; they can only occur inside strings. */
void text_json_escape(struct buf *out, const char *json, size_t len);

/* Write `s` made safe and a newline to f (a stderr line, say). */
void text_put_line(FILE *f, const char *s);

/* --- code points --- */

/* Decode one UTF-8 sequence at s; returns its length, or 0 when invalid
 * (overlong, surrogate, past U+10FFFF, truncated). */
size_t text_utf8_decode(const unsigned char *s, uint32_t *cp);
/* True for the code points shown escaped: C0, DEL, C1, bidi controls. */
bool text_cp_escaped(uint32_t cp);

#endif
