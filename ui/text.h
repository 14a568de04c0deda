/* text: measuring and fitting UTF-8 text into terminal columns.
 *
 * Widths come from wcwidth() in the current locale, the same table ncursesw
 * uses to place characters, so a CJK name (two columns a character) and
 * combining marks (none) line up with the columns drawn after them. Text
 * from the network is untrusted: control characters and invalid bytes are
 * shown as '?', so no byte reaches the terminal as a command. No curses
 * here, so the unit tests drive it directly. */
#ifndef ALICFG_UI_TEXT_H
#define ALICFG_UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

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
 * after a space where it can (for wrapping long values). At least one
 * character is taken when `s` is not empty. */
size_t text_wrap_len(const char *s, int cols);
/* The ellipsis used: "…" in a UTF-8 locale, "~" otherwise. */
const char *text_ellipsis(void);

#endif
