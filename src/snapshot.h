/* snapshot: what a complete load saw (each account's recorder status and
 * group memberships, at a time), kept as small JSON files under
 * $XDG_STATE_HOME/alicfg/snapshots/ (default ~/.local/state/...), and the
 * transitions between two of them.
 *
 * Only a complete load is saved: a partial one would later read as
 * accounts leaving groups. The newest `keep` files are kept. */
#ifndef ALICFG_SNAPSHOT_H
#define ALICFG_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "err.h"
#include "model.h"

#define SNAPSHOT_KEEP_DEFAULT 50

struct snapshot_group {
	char *id;
	char *name;
};

struct snapshot_account {
	int64_t id;
	char *name;               /* NULL when unknown */
	char *status;             /* "REGISTERED"; NULL when unknown */
	char **groups;            /* group ids, sorted */
	size_t ngroups;
	bool in_directory;        /* listed by the directory (has_directory) */
};

struct snapshot {
	time_t taken;
	int64_t caller;           /* 0: not known */
	bool has_directory;       /* the whole directory was read too */
	struct snapshot_group *groups;
	size_t ngroups;
	struct snapshot_account *accounts;   /* sorted by id after finish */
	size_t naccounts;
};

void snapshot_init(struct snapshot *s, time_t taken);
void snapshot_free(struct snapshot *s);
/* Add one group and its members; accounts may repeat across groups. */
void snapshot_add_group(struct snapshot *s, const struct aggregator_detail *d);
/* The same, piece by piece (the TUI builds from its store). */
void snapshot_add_group_info(struct snapshot *s, const char *id,
	const char *name);
/* One account seen in group `group_id` (NULL: in none) with `status`. */
void snapshot_add_membership(struct snapshot *s, int64_t id,
	const char *name, const char *status, const char *group_id);
/* Add an account the directory lists (sets has_directory). */
void snapshot_add_directory_account(struct snapshot *s, int64_t id,
	const char *name);
/* Merge repeated accounts and sort; call once after the adds. */
void snapshot_finish(struct snapshot *s);
const struct snapshot_account *snapshot_find(const struct snapshot *s,
	int64_t id);
const char *snapshot_group_name(const struct snapshot *s, const char *id);

/* The snapshot directory; created (0700) when `create`. */
int snapshot_dir(char *out, size_t outsz, bool create, struct err *e);
/* Write `s` as a new file in `dir` (written whole, then renamed into
 * place), then delete the oldest files beyond `keep`. The new file's name
 * goes to name_out (may be NULL). */
int snapshot_save(const char *dir, const struct snapshot *s, int keep,
	char *name_out, size_t name_outsz, struct err *e);
int snapshot_load(const char *path, struct snapshot *s, struct err *e);
/* Snapshot file names in `dir`, oldest first (names sort by time). A
 * missing directory is an empty list. */
int snapshot_list(const char *dir, char ***names, size_t *n, struct err *e);
void snapshot_list_free(char **names, size_t n);
/* "30s", "15m", "2h", "7d", "1w" (a bare number is seconds). */
int snapshot_parse_duration(const char *s, long *seconds);
/* Which snapshot `diff --since SPEC` means. SPEC NULL: the newest. A
 * duration: the newest taken at least that long before `now` (else the
 * oldest, with *note set to say so). Otherwise a file name in `dir` or a
 * path. Returns a malloc'd path; ERR_USAGE / ERR_CONFIG with a clear
 * message when there is none. */
char *snapshot_pick(const char *dir, const char *spec, time_t now,
	const char **note, struct err *e);

/* --- transitions (snapshot_diff.c) --- */

enum snapshot_change_kind {
	SNAP_STATUS,              /* recorder status changed */
	SNAP_JOINED_GROUP,
	SNAP_LEFT_GROUP,
	SNAP_APPEARED,            /* not seen before */
	SNAP_DISAPPEARED,         /* no longer in any group (no directory) */
	SNAP_JOINED_DIRECTORY,
	SNAP_LEFT_DIRECTORY,
};

/* Strings point into the two snapshots: keep them while using these. */
struct snapshot_change {
	int64_t account;
	const char *name;
	enum snapshot_change_kind kind;
	const char *from;         /* status, group id or NULL */
	const char *to;
	const char *group_name;   /* joined / left a group */
};

/* "status", "joined-group", "left-group", "appeared", "disappeared",
 * "joined-directory", "left-directory". */
const char *snapshot_change_name(enum snapshot_change_kind k);
/* Every transition from `then` to `now`, by account id then kind. */
size_t snapshot_diff(const struct snapshot *then, const struct snapshot *now,
	struct snapshot_change **out);

#endif
