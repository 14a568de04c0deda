/* suggest: a small, bounded edit distance; inputs are command-line words. */
#include "suggest.h"

#include <stdbool.h>
#include <string.h>

#define SUGGEST_MAX_LEN 64

static char
suggest_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static size_t
suggest_min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

size_t
suggest_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b);
	if (n > SUGGEST_MAX_LEN)
		n = SUGGEST_MAX_LEN;
	if (m > SUGGEST_MAX_LEN)
		m = SUGGEST_MAX_LEN;
	/* d[i][j]: distance between the first i bytes of a and j of b. */
	size_t d[SUGGEST_MAX_LEN + 1][SUGGEST_MAX_LEN + 1];
	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			char ca = suggest_lower(a[i - 1]);
			char cb = suggest_lower(b[j - 1]);
			size_t cost = ca == cb ? 0 : 1;
			d[i][j] = suggest_min3(d[i - 1][j] + 1, d[i][j - 1] + 1,
				d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 &&
			    ca == suggest_lower(b[j - 2]) &&
			    suggest_lower(a[i - 2]) == cb &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	}
	return d[n][m];
}

const char *
suggest_closest(const char *word, const char *const *candidates)
{
	size_t len = strlen(word);
	size_t limit = len <= 4 ? 1 : len <= 8 ? 2 : 3;
	const char *best = NULL;
	size_t best_d = limit + 1;
	bool tie = false;
	for (; *candidates; candidates++) {
		size_t dist = suggest_distance(word, *candidates);
		if (dist < best_d) {
			best = *candidates;
			best_d = dist;
			tie = false;
		} else if (dist == best_d && best && strcmp(best, *candidates)) {
			tie = true;
		}
	}
	if (!best || tie || best_d > limit)
		return NULL;
	return best;
}
