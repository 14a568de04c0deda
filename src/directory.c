/* directory: every Resource Directory member next to its account groups,
 * access diagnoses and coverage counts (directory.h). */
#include "config.h"

#include "directory.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

/* --- access diagnoses ------------------------------------------------------ */

const char *
dir_access_name(enum dir_access a)
{
	switch (a) {
	case DIR_ACCESS_OK: return "ok";
	case DIR_ACCESS_NO_ROLE: return "no-role";
	case DIR_ACCESS_DENIED: return "denied";
	case DIR_ACCESS_ROOT_KEY: return "root-key";
	case DIR_ACCESS_NOT_MEMBER: return "not-in-directory";
	case DIR_ACCESS_ERROR: return "error";
	case DIR_ACCESS_UNKNOWN: break;
	}
	return "unknown";
}

bool
dir_access_blocked(enum dir_access a)
{
	return a == DIR_ACCESS_NO_ROLE || a == DIR_ACCESS_DENIED ||
		a == DIR_ACCESS_ROOT_KEY || a == DIR_ACCESS_NOT_MEMBER;
}

/* The api prefixes an AssumeRole failure with "assuming ARN" (api_sts.c). */
static bool
dir_err_from_assume(const struct err *e)
{
	return !strncmp(e->message, "assuming ", 9) ||
		strstr(e->message, ":role/") != NULL;
}

enum dir_access
dir_diagnose(const struct err *e, int64_t account, const char *role_name,
	int in_directory, bool caller_root, char *out, size_t outsz)
{
	const char *role = role_name && *role_name ? role_name :
		API_DEFAULT_ROLE;
	char arn[256];
	snprintf(arn, sizeof(arn), "acs:ram::%" PRId64 ":role/%s", account,
		role);
	if (outsz)
		out[0] = '\0';
	if (!err_failed(e))
		return DIR_ACCESS_OK;
	bool assume = dir_err_from_assume(e);
	if (in_directory == 0 && (assume || err_code_is(e,
		"EntityNotExist.Role"))) {
		snprintf(out, outsz, "account %" PRId64 " is not (or no longer) "
			"in the resource directory, so %s does not trust the "
			"management account: invite the account back, or act "
			"with its own credentials", account, role);
		return DIR_ACCESS_NOT_MEMBER;
	}
	if (err_code_is(e, "EntityNotExist.Role")) {
		snprintf(out, outsz, "the access role %s does not exist in "
			"account %" PRId64 "%s (an invited account can delete "
			"it): create it again there, trusting the management "
			"account, or pass --role-name if it has another name",
			arn, account, in_directory < 0 ? " (or the account is "
			"not in the directory)" : "");
		return DIR_ACCESS_NO_ROLE;
	}
	if (assume && (err_code_is(e, "NoPermission") ||
		err_code_is(e, "Forbidden") || e->http_status == 403)) {
		if (caller_root) {
			snprintf(out, outsz, "these credentials are a root "
				"AccessKey, which cannot assume roles: use a RAM "
				"user or role of the management account allowed "
				"sts:AssumeRole on %s", arn);
			return DIR_ACCESS_ROOT_KEY;
		}
		snprintf(out, outsz, "the caller may not assume %s: its RAM "
			"policy must allow the action sts:AssumeRole on that "
			"role (e.g. AliyunSTSAssumeRoleAccess); a root AccessKey "
			"cannot assume roles at all, use a RAM user's", arn);
		return DIR_ACCESS_DENIED;
	}
	char text[512];
	err_format(e, text, sizeof(text));
	snprintf(out, outsz, "%s", text);
	return DIR_ACCESS_ERROR;
}

/* --- the combined view --------------------------------------------------------- */

void
directory_init(struct directory *d)
{
	memset(d, 0, sizeof(*d));
	d->rd.total_count = -1;
}

static void
directory_entries_free(struct directory *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->entries[i].groups);
		free(d->entries[i].access_message);
		free(d->entries[i].read_status_raw);
	}
	free(d->entries);
	d->entries = NULL;
	d->n = 0;
}

void
directory_free(struct directory *d)
{
	directory_entries_free(d);
	rd_account_list_free(&d->rd);
	err_free(&d->rd_err);
	err_free(&d->groups_err);
	for (size_t i = 0; i < d->ndetails; i++) {
		if (d->details[i]) {
			model_aggregator_detail_free(d->details[i]);
			free(d->details[i]);
		}
	}
	free(d->details);
	if (d->list) {
		model_aggregator_list_free(d->list);
		free(d->list);
	}
	memset(d, 0, sizeof(*d));
}

static int
dir_cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static int
dir_cmp_entry(const void *a, const void *b)
{
	int64_t x = ((const struct dir_entry *)a)->account_id;
	int64_t y = ((const struct dir_entry *)b)->account_id;
	return x < y ? -1 : x > y;
}

struct dir_entry *
directory_find(struct directory *d, int64_t account)
{
	struct dir_entry key = { .account_id = account };
	if (!d->n)
		return NULL;
	return bsearch(&key, d->entries, d->n, sizeof(*d->entries),
		dir_cmp_entry);
}

void
directory_build(struct directory *d)
{
	directory_entries_free(d);
	size_t cap = d->have_rd ? d->rd.count : 0;
	for (size_t g = 0; g < d->ndetails; g++)
		if (d->details[g])
			cap += d->details[g]->nmembers;
	int64_t *ids = xcalloc(cap ? cap : 1, sizeof(*ids));
	size_t n = 0;
	if (d->have_rd)
		for (size_t i = 0; i < d->rd.count; i++)
			ids[n++] = d->rd.items[i].account_id;
	for (size_t g = 0; g < d->ndetails; g++)
		for (size_t i = 0; d->details[g] && i < d->details[g]->nmembers;
			i++)
			ids[n++] = d->details[g]->members[i].account_id;
	qsort(ids, n, sizeof(*ids), dir_cmp_id);
	d->entries = xcalloc(n ? n : 1, sizeof(*d->entries));
	for (size_t i = 0; i < n; i++) {
		if (d->n && d->entries[d->n - 1].account_id == ids[i])
			continue;
		struct dir_entry *en = &d->entries[d->n++];
		en->account_id = ids[i];
		en->rd = d->have_rd ? rd_account_find(&d->rd, ids[i]) : NULL;
		if (en->rd && en->rd->display_name[0])
			en->name = en->rd->display_name;
	}
	free(ids);
	for (size_t g = 0; g < d->ndetails; g++) {
		const struct aggregator_detail *det = d->details[g];
		for (size_t i = 0; det && i < det->nmembers; i++) {
			const struct member *m = &det->members[i];
			struct dir_entry *en = directory_find(d, m->account_id);
			if (!en || (en->ngroups && en->groups[en->ngroups - 1] ==
				g))
				continue;
			en->groups = xrealloc(en->groups,
				(en->ngroups + 1) * sizeof(*en->groups));
			en->groups[en->ngroups++] = g;
			if (!en->name && m->name)
				en->name = m->name;
			if (en->status == RECORDER_UNKNOWN && !en->status_raw &&
				m->status_raw) {
				en->status = m->status;
				en->status_raw = m->status_raw;
			}
		}
	}
}

/* --- loading ------------------------------------------------------------------ */

struct dir_group_call {
	struct directory *d;
	size_t index;
};

static void
dir_on_rd(void *ctx, const struct err *e, struct rd_account_list *l)
{
	struct directory *d = ctx;
	if (err_failed(e)) {
		err_free(&d->rd_err);
		err_copy(&d->rd_err, e);
		return;
	}
	rd_account_list_free(&d->rd);
	d->rd = *l;
	free(l);
	d->have_rd = true;
}

static void
dir_on_group(void *ctx, const struct err *e, struct aggregator_detail *det)
{
	struct dir_group_call *gc = ctx;
	if (err_failed(e)) {
		gc->d->groups_failed++;
		return;
	}
	gc->d->details[gc->index] = det;
}

static void
dir_on_list(void *ctx, const struct err *e, struct aggregator_list *l)
{
	struct directory *d = ctx;
	if (err_failed(e)) {
		err_free(&d->groups_err);
		err_copy(&d->groups_err, e);
		return;
	}
	d->list = l;
	d->have_groups = true;
}

void
directory_load(struct api_client *c, struct directory *d)
{
	api_list_directory(c, dir_on_rd, d);
	api_list_aggregators(c, dir_on_list, d);
	/* The group list first (the details need its ids); ListAccounts
	 * pages on meanwhile. */
	while (!d->list && !err_failed(&d->groups_err) &&
		api_client_pending(c) > 0)
		api_client_step(c, -1);
	struct dir_group_call *calls = NULL;
	if (d->list) {
		size_t n = d->list->count;
		d->details = xcalloc(n ? n : 1, sizeof(*d->details));
		d->ndetails = n;
		calls = xcalloc(n ? n : 1, sizeof(*calls));
		for (size_t i = 0; i < n; i++) {
			calls[i].d = d;
			calls[i].index = i;
			api_get_aggregator(c, d->list->items[i].id, dir_on_group,
				&calls[i]);
		}
	}
	api_client_run(c);
	free(calls);
	directory_build(d);
}

/* --- reading statuses as each account ------------------------------------------ */

struct dir_read_call {
	struct directory *d;
	struct api_client *c;
	int64_t account;
};

static void
dir_on_recorder(void *ctx, const struct err *e, struct recorder *r)
{
	struct dir_read_call *rc = ctx;
	struct dir_entry *en = directory_find(rc->d, rc->account);
	if (!en) {
		if (r) {
			model_recorder_free(r);
			free(r);
		}
		return;
	}
	free(en->access_message);
	en->access_message = NULL;
	if (r) {
		free(en->read_status_raw);
		en->read_status_raw = xstrdup(r->status_raw ? r->status_raw :
			model_recorder_status_name(r->status));
		en->status = r->status;
		en->status_raw = en->read_status_raw;
		en->status_read = true;
		en->access = DIR_ACCESS_OK;
		model_recorder_free(r);
		free(r);
		return;
	}
	char msg[1024];
	int in_dir = rc->d->have_rd ? (en->rd != NULL) : -1;
	en->access = dir_diagnose(e, en->account_id, NULL, in_dir,
		api_client_caller_is_root(rc->c), msg, sizeof(msg));
	en->access_message = xstrdup(msg);
}

void
directory_read_status(struct api_client *c, struct directory *d,
	bool (*only)(const struct dir_entry *en, void *ctx), void *ctx)
{
	size_t n = 0;
	struct dir_read_call *calls = xcalloc(d->n ? d->n : 1, sizeof(*calls));
	for (size_t i = 0; i < d->n; i++) {
		struct dir_entry *en = &d->entries[i];
		if (en->status_raw || (only && !only(en, ctx)))
			continue;
		calls[n].d = d;
		calls[n].c = c;
		calls[n].account = en->account_id;
		api_get_recorder(c, en->account_id, dir_on_recorder, &calls[n]);
		n++;
	}
	api_client_run(c);
	free(calls);
}

/* --- coverage --------------------------------------------------------------------- */

static void
dir_count(const struct dir_entry *en, struct dir_coverage *cv)
{
	cv->accounts++;
	if (en->rd)
		cv->in_directory++;
	if (en->ngroups)
		cv->in_group++;
	if (!en->status_raw)
		cv->unknown++;
	else if (en->status == RECORDER_REGISTERED)
		cv->registered++;
	else if (en->status == RECORDER_REGISTRABLE)
		cv->not_recording++;
	else if (en->status == RECORDER_BUILDING ||
		en->status == RECORDER_REBUILDING)
		cv->starting++;
	else
		cv->unknown++;
	if (dir_access_blocked(en->access) || en->access == DIR_ACCESS_ERROR)
		cv->unreachable++;
}

void
directory_coverage(const struct directory *d, size_t group,
	struct dir_coverage *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < d->n; i++) {
		const struct dir_entry *en = &d->entries[i];
		if (group == DIR_ALL) {
			/* The organisation is the directory when it is known. */
			if (d->have_rd && !en->rd)
				continue;
			dir_count(en, out);
			continue;
		}
		for (size_t k = 0; k < en->ngroups; k++) {
			if (en->groups[k] == group) {
				dir_count(en, out);
				break;
			}
		}
	}
}
