/* suggest: "did you mean ...?" for mistyped commands, flags and values. */
#ifndef ALICFG_SUGGEST_H
#define ALICFG_SUGGEST_H

#include <stddef.h>

/* Edit distance with adjacent transpositions counting as one edit
 * (optimal string alignment), case-insensitive for ASCII letters:
 * "outptu" is 1 from "output", "acounts" 1 from "accounts". Words longer
 * than 64 bytes are compared on their first 64. */
size_t suggest_distance(const char *a, const char *b);
/* The candidate closest to `word`, or NULL when none is close enough to be
 * a likely typo (at most 1 edit for words up to 4 characters, 2 up to 8,
 * 3 beyond) or two candidates tie. `candidates` ends with NULL. */
const char *suggest_closest(const char *word, const char *const *candidates);

#endif
