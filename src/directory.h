/* directory: the whole organisation — every Resource Directory member next
 * to the account groups that contain it — for `alicfg directory`,
 * `alicfg coverage`, `alicfg check` and the TUI's Directory entry.
 *
 * A member's recorder status comes from its groups (GetAggregator, as the
 * management account sees it) or, for a member in no group, from reading
 * it as that account (AssumeRole into the access role, then
 * GetConfigurationRecorder); until then it is unknown. When alicfg cannot
 * act in an account, the access diagnosis says why and how to fix it.
 *
 * Loading and reading drive an api_client to completion (blocking); the
 * combining, diagnosing and counting are pure. */
#ifndef ALICFG_DIRECTORY_H
#define ALICFG_DIRECTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "api.h"
#include "err.h"
#include "model.h"
#include "rd.h"

enum dir_access {
	DIR_ACCESS_UNKNOWN = 0,   /* not tried */
	DIR_ACCESS_OK,            /* read as that account */
	DIR_ACCESS_NO_ROLE,       /* the access role does not exist there */
	DIR_ACCESS_DENIED,        /* the caller may not assume it (RAM) */
	DIR_ACCESS_ROOT_KEY,      /* a root AccessKey cannot assume roles */
	DIR_ACCESS_NOT_MEMBER,    /* not (or no longer) in the directory */
	DIR_ACCESS_ERROR,         /* another failure (network, throttling) */
};
/* "ok", "no-role", "denied", "root-key", "not-in-directory", "error",
 * "unknown": the batch output's ACCESS words. */
const char *dir_access_name(enum dir_access a);
/* True for the kinds that need the user to change something. */
bool dir_access_blocked(enum dir_access a);

/* Why an account cannot be reached, from the error of a call made as that
 * account. `in_directory` -1 unknown, 0 no, 1 yes; `caller_root` when the
 * credentials are known to be a root AccessKey. Writes a sentence that
 * says why and how to fix it (naming sts:AssumeRole and the role ARN) and
 * returns the kind; DIR_ACCESS_OK for no error. */
enum dir_access dir_diagnose(const struct err *e, int64_t account,
	const char *role_name, int in_directory, bool caller_root,
	char *out, size_t outsz);

struct dir_entry {
	int64_t account_id;
	const struct rd_account *rd;  /* NULL: not in the directory */
	const char *name;             /* directory display name, else a group's */
	size_t *groups;               /* indexes into directory.list */
	size_t ngroups;
	enum recorder_status status;  /* RECORDER_UNKNOWN until known */
	const char *status_raw;       /* as received; NULL when unknown */
	bool status_read;             /* read as the account, not from a group */
	enum dir_access access;
	char *access_message;         /* NULL unless access is blocked/error */
	char *read_status_raw;        /* owned copy after a read */
};

struct directory {
	/* The directory; have_rd false when it could not be listed (rd_err
	 * says why: rd_err_not_allowed() for a caller that may not). */
	struct rd_account_list rd;
	bool have_rd;
	struct err rd_err;
	/* The groups; have_groups false when ListAggregators failed. */
	struct aggregator_list *list;
	struct aggregator_detail **details;  /* per group; NULL if it failed */
	size_t ndetails;
	bool have_groups;
	struct err groups_err;
	size_t groups_failed;          /* GetAggregator calls that failed */
	/* Every directory member and every group member, by account id. */
	struct dir_entry *entries;
	size_t n;
};

void directory_init(struct directory *d);
void directory_free(struct directory *d);

/* ListAccounts, ListAggregators and every GetAggregator, concurrently on
 * `c`, then directory_build. Never fails as a whole: what failed is in
 * rd_err / groups_err / groups_failed. */
void directory_load(struct api_client *c, struct directory *d);
/* (Re)build entries from rd / list / details. Pure. */
void directory_build(struct directory *d);
struct dir_entry *directory_find(struct directory *d, int64_t account);

/* Read the recorder of every entry whose status is unknown (by default the
 * members in no group), as that account, at most `concurrency` at once
 * (the client's own limit holds too). Fills status, access and messages.
 * `only` (may be NULL) restricts it to entries for which it returns true. */
void directory_read_status(struct api_client *c, struct directory *d,
	bool (*only)(const struct dir_entry *en, void *ctx), void *ctx);

/* Counts for one group (index) or, with group = (size_t)-1, the whole
 * organisation (directory members, or every group member when the
 * directory is unavailable). */
struct dir_coverage {
	size_t accounts;        /* in scope */
	size_t in_directory;
	size_t in_group;        /* in at least one group */
	size_t registered;
	size_t not_recording;   /* REGISTRABLE */
	size_t starting;        /* BUILDING, REBUILDING */
	size_t unknown;         /* status not known */
	size_t unreachable;     /* access blocked or failed */
};
#define DIR_ALL ((size_t)-1)
void directory_coverage(const struct directory *d, size_t group,
	struct dir_coverage *out);

#endif
