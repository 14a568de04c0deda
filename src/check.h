/* check: who fails the coverage gate (`alicfg check`), as pure functions
 * over a snapshot of a complete load: an account whose recorder is not
 * REGISTERED, a directory member in no account group, a member whose
 * recorder could not be read (its access role refused, say). An allow-list
 * names known exceptions. */
#ifndef ALICFG_CHECK_H
#define ALICFG_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "snapshot.h"

#define CHECK_EXIT_OFFENDERS 5

enum check_reason {
	CHECK_NOT_REGISTERED = 1,
	CHECK_NO_GROUP = 2,
	CHECK_UNREACHABLE = 4,
};

struct check_allow {
	int64_t *ids;             /* sorted */
	size_t n;
};

/* One id per line; '#' starts a comment (whole line or after the id);
 * blank lines are skipped. A bad line is ERR_USAGE naming origin:line. */
int check_allow_parse(const char *text, size_t len, const char *origin,
	struct check_allow *a, struct err *e);
int check_allow_load(const char *path, struct check_allow *a, struct err *e);
bool check_allow_has(const struct check_allow *a, int64_t id);
void check_allow_free(struct check_allow *a);

/* A member whose recorder could not be read: the Code that said why. */
struct check_unreachable {
	int64_t account;
	char code[96];            /* as struct err's */
};

struct check_offender {
	const struct snapshot_account *account;
	unsigned reasons;         /* enum check_reason bits */
	const char *code;         /* CHECK_UNREACHABLE: the Code */
	bool allowed;             /* on the allow-list: reported, not counted */
};

/* Every offender of `s`, by account id. An account in no group is one
 * only when the directory was read (s->has_directory). */
size_t check_offenders(const struct snapshot *s,
	const struct check_unreachable *unreachable, size_t nunreachable,
	const struct check_allow *allow, struct check_offender **out);
/* "not REGISTERED (REGISTRABLE); in no group; not reachable (Code)". */
void check_reason_text(const struct check_offender *o, char *out,
	size_t outsz);

#endif
