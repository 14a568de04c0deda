/* emu_directory: the Resource Directory behind the account groups, and its
 * member listing, ListAccounts (Resource Directory Master 2022-04-19),
 * shaped as docs/resource-directory.md gives it.
 *
 * The directory is a tree of folders under a root; every rd_member account
 * sits in one folder. Groups obey the service's rules: RD groups hold every
 * member and FOLDER groups every member under their folder (both follow
 * the directory), CUSTOM groups keep the list they were given; at most 5
 * groups per management account and 200 members per group, except in the
 * generated scale: stress scenarios, which go past them on purpose. */
#include "emu.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define EMU_RD_DEFAULT_ID "rd-acme01"
#define EMU_RD_ROOT_ID "r-acme01"

void
emu_folder_add(struct emu_scenario *sc, const char *id, const char *name,
	const char *parent)
{
	sc->folders = xrealloc(sc->folders,
		(sc->n_folders + 1) * sizeof(*sc->folders));
	struct emu_folder *f = &sc->folders[sc->n_folders++];
	f->id = xstrdup(id);
	f->name = xstrdup(name);
	f->parent = xstrdup(parent);
}

const struct emu_folder *
emu_folder_find(const struct emu_scenario *sc, const char *id)
{
	for (size_t i = 0; id && i < sc->n_folders; i++)
		if (!strcmp(sc->folders[i].id, id))
			return &sc->folders[i];
	return NULL;
}

/* Is folder `id` `top` or below it? */
static bool
emu_folder_under(const struct emu_scenario *sc, const char *id,
	const char *top)
{
	for (size_t depth = 0; id && depth <= sc->n_folders; depth++) {
		if (!strcmp(id, top))
			return true;
		const struct emu_folder *f = emu_folder_find(sc, id);
		id = f ? f->parent : NULL;
	}
	return false;
}

static void
emu_default(char **s, const char *def)
{
	if (!*s)
		*s = xstrdup(def);
}

static int
emu_group_set_members(struct emu_scenario *sc, struct emu_group *g)
{
	bool rd = !strcmp(g->type, "RD");
	free(g->members);
	g->members = xcalloc(sc->n_accounts + 1, sizeof(*g->members));
	g->n_members = 0;
	for (size_t i = 0; i < sc->n_accounts; i++) {
		struct emu_account *a = &sc->accounts[i];
		if (!a->rd_member)
			continue;
		if (rd || emu_folder_under(sc, a->folder_id, g->folder_id))
			g->members[g->n_members++] = a->id;
	}
	return 0;
}

int
emu_directory_finish(struct emu_scenario *sc, const char *origin,
	struct err *e)
{
	if (!sc->rd_id)
		sc->rd_id = xstrdup(EMU_RD_DEFAULT_ID);
	if (sc->n_folders == 0)
		emu_folder_add(sc, EMU_RD_ROOT_ID, "Root", NULL);
	const char *root = sc->folders[0].id;
	if (sc->folders[0].parent)
		return err_set(e, ERR_CONFIG, "%s: directory.folders[0]: the "
			"first folder is the root and has no parent", origin);
	for (size_t i = 1; i < sc->n_folders; i++) {
		struct emu_folder *f = &sc->folders[i];
		if (!f->parent || !emu_folder_find(sc, f->parent))
			return err_set(e, ERR_CONFIG, "%s: directory.folders[%zu]"
				".parent: unknown folder %s", origin, i,
				f->parent ? f->parent : "(none)");
		for (size_t j = 0; j < i; j++)
			if (!strcmp(sc->folders[j].id, f->id))
				return err_set(e, ERR_CONFIG, "%s: directory."
					"folders[%zu]: duplicate folder id %s",
					origin, i, f->id);
		if (!emu_folder_under(sc, f->id, root))
			return err_set(e, ERR_CONFIG, "%s: directory.folders"
				"[%zu]: %s is not under the root (a cycle?)",
				origin, i, f->id);
	}
	for (size_t i = 0; i < sc->n_accounts; i++) {
		struct emu_account *a = &sc->accounts[i];
		emu_default(&a->folder_id, root);
		if (!emu_folder_find(sc, a->folder_id))
			return err_set(e, ERR_CONFIG, "%s: account %" PRId64
				": unknown folder %s", origin, a->id,
				a->folder_id);
		emu_default(&a->join_method, a->rd_type &&
			!strcmp(a->rd_type, "CloudAccount") ? "invited" :
			"created");
		emu_default(&a->rd_type, !strcmp(a->join_method, "invited") ?
			"CloudAccount" : "ResourceAccount");
		emu_default(&a->rd_status, !strcmp(a->join_method, "invited") ?
			"InviteSuccess" : "CreateSuccess");
		if (!a->join_time) {
			/* A stable, plausible time: a day per account id. */
			time_t t = (time_t)1672531200 +
				(time_t)(a->id % 1000) * 86400;
			struct tm tm;
			char buf[40];
			gmtime_r(&t, &tm);
			strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S.000Z", &tm);
			a->join_time = xstrdup(buf);
		}
		emu_default(&a->deletion_status, "");
		if (a->id == sc->management && !a->rd_member)
			return err_set(e, ERR_CONFIG, "%s: the management account "
				"%" PRId64 " must be in the directory", origin,
				a->id);
	}
	if (!sc->has_directory)
		return 0;
	size_t owned = 0;
	for (size_t gi = 0; gi < sc->n_groups; gi++) {
		struct emu_group *g = &sc->groups[gi];
		if (g->owner == sc->management)
			owned++;
		if (!strcmp(g->type, "FOLDER") &&
			!emu_folder_find(sc, g->folder_id))
			return err_set(e, ERR_CONFIG, "%s: groups[%zu]: FOLDER "
				"group on unknown folder %s", origin, gi,
				g->folder_id ? g->folder_id : "(none)");
		/* The service keeps RD and FOLDER groups in step with the
		 * directory; a CUSTOM group is a fixed list. */
		if (!strcmp(g->type, "RD") || !strcmp(g->type, "FOLDER"))
			emu_group_set_members(sc, g);
		if (!sc->stress && g->n_members > EMU_MAX_GROUP_MEMBERS)
			return err_set(e, ERR_CONFIG, "%s: groups[%zu]: %zu "
				"members; an account group holds at most %d",
				origin, gi, g->n_members, EMU_MAX_GROUP_MEMBERS);
	}
	if (!sc->stress && owned > EMU_MAX_GROUPS)
		return err_set(e, ERR_CONFIG, "%s: %zu account groups; a "
			"management account has at most %d", origin, owned,
			EMU_MAX_GROUPS);
	return 0;
}

void
emu_directory_free(struct emu_scenario *sc)
{
	for (size_t i = 0; i < sc->n_folders; i++) {
		free(sc->folders[i].id);
		free(sc->folders[i].name);
		free(sc->folders[i].parent);
	}
	free(sc->folders);
	free(sc->rd_id);
	for (size_t i = 0; i < sc->n_accounts; i++) {
		struct emu_account *a = &sc->accounts[i];
		free(a->rd_type);
		free(a->rd_status);
		free(a->join_method);
		free(a->folder_id);
		free(a->join_time);
		free(a->deletion_status);
	}
}

/* ---- ListAccounts ---- */

/* rd-.../r-.../fd-.../UID, from the root down. */
static void
emu_rd_path(const struct emu_scenario *sc, const struct emu_account *a,
	struct buf *out)
{
	const char *chain[64];
	size_t n = 0;
	const char *id = a->folder_id;
	while (id && n < 64) {
		chain[n++] = id;
		const struct emu_folder *f = emu_folder_find(sc, id);
		id = f ? f->parent : NULL;
	}
	buf_printf(out, "%s", sc->rd_id);
	while (n > 0)
		buf_printf(out, "/%s", chain[--n]);
	buf_printf(out, "/%" PRId64, a->id);
}

static json_t *
emu_rd_account_json(const struct emu_scenario *sc,
	const struct emu_account *a)
{
	char id[32];
	struct buf path = BUF_INIT;
	snprintf(id, sizeof(id), "%" PRId64, a->id);
	emu_rd_path(sc, a, &path);
	json_t *o = json_object();
	json_object_set_new(o, "AccountId", json_string(id));
	json_object_set_new(o, "DisplayName", emu_json_str(a->name));
	json_object_set_new(o, "AccountName", json_string(id));
	json_object_set_new(o, "Type", json_string(a->rd_type));
	json_object_set_new(o, "Status", json_string(a->rd_status));
	json_object_set_new(o, "JoinMethod", json_string(a->join_method));
	json_object_set_new(o, "FolderId", json_string(a->folder_id));
	json_object_set_new(o, "ResourceDirectoryId", json_string(sc->rd_id));
	json_object_set_new(o, "ResourceDirectoryPath",
		json_string(buf_str(&path)));
	json_object_set_new(o, "JoinTime", json_string(a->join_time));
	json_object_set_new(o, "ModifyTime", json_string(a->join_time));
	if (a->deletion_status && *a->deletion_status)
		json_object_set_new(o, "DeletionStatus",
			json_string(a->deletion_status));
	buf_free(&path);
	return o;
}

/* An optional integer parameter in [lo, hi]; -1 on a bad value. */
static int
emu_rd_int(const struct emu_request *req, const char *name, long lo,
	long hi, long def, long *out)
{
	const char *v = params_get(&req->all, name);
	*out = def;
	if (!v || !*v)
		return 0;
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (*end || errno || v[0] < '0' || v[0] > '9' || n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

/* Tokens: "rdt" + offset + a check bound to the caller, so a token from
 * another caller or a made-up one is refused. */
static uint32_t
emu_rd_check(uint32_t offset, int64_t caller)
{
	uint64_t h = (UINT64_C(0x9E3779B97F4A7C15) ^ offset) *
		UINT64_C(0xbf58476d1ce4e5b9);
	h ^= (uint64_t)caller;
	h *= UINT64_C(0x94d049bb133111eb);
	return (uint32_t)(h >> 29);
}

static void
emu_rd_token(uint32_t offset, int64_t caller, char out[40])
{
	snprintf(out, 40, "rdt%08x%08x", offset, emu_rd_check(offset, caller));
}

static int
emu_rd_token_parse(const char *s, int64_t caller, uint32_t *offset)
{
	unsigned off, chk;
	char tail;
	if (strlen(s) != 19 || strncmp(s, "rdt", 3) != 0 ||
		sscanf(s + 3, "%8x%8x%c", &off, &chk, &tail) != 2 ||
		chk != emu_rd_check(off, caller))
		return -1;
	*offset = off;
	return 0;
}

void
emu_rd_list_accounts(struct emu_server *srv, const struct emu_request *req,
	const struct emu_caller *who, struct emu_reply *r)
{
	struct emu_state *st = srv->state;
	long max_results, page_number, page_size;
	const char *token = params_get(&req->all, "NextToken");
	const char *keyword = params_get(&req->all, "QueryKeyword");
	if (emu_rd_int(req, "MaxResults", 1, 100, 0, &max_results) < 0) {
		emu_reply_error(r, req, 400, "InvalidParameter.MaxResults",
			"The specified MaxResults is invalid: 1 to 100.");
		return;
	}
	if (emu_rd_int(req, "PageSize", 1, 100, 10, &page_size) < 0) {
		emu_reply_error(r, req, 400, "InvalidParameter.PageSize",
			"The specified PageSize is invalid: 1 to 100.");
		return;
	}
	if (emu_rd_int(req, "PageNumber", 1, 1000000, 1, &page_number) < 0) {
		emu_reply_error(r, req, 400, "InvalidParameter.PageNumber",
			"The specified PageNumber is invalid.");
		return;
	}

	pthread_mutex_lock(&st->lock);
	const struct emu_scenario *sc = &st->sc;
	struct emu_account *me = emu_scenario_account(sc, who->account);
	bool allowed = who->account == sc->management ||
		(me && me->rd_member && me->delegated_admin);
	if (!allowed) {
		bool member = me && me->rd_member;
		pthread_mutex_unlock(&st->lock);
		if (member)
			emu_reply_error(r, req, 403, "NoPermission",
				"You are not authorized to do this action: only "
				"the management account or a delegated "
				"administrator of the resource directory may "
				"list its members.");
		else
			emu_reply_error(r, req, 404,
				"EntityNotExists.ResourceDirectory",
				"The resource directory for the account is not "
				"enabled. We recommend that you first enable the "
				"resource directory for the account.");
		return;
	}
	/* The members in account id order, filtered by the keyword. */
	size_t total = 0;
	size_t *sel = xcalloc(sc->n_accounts + 1, sizeof(*sel));
	for (size_t i = 0; i < sc->n_accounts; i++) {
		const struct emu_account *a = &sc->accounts[i];
		if (!a->rd_member)
			continue;
		if (keyword && *keyword && !strcasestr(a->name, keyword))
			continue;
		sel[total++] = i;
	}
	bool by_token = (max_results > 0 || (token && *token)) &&
		!sc->rd_number_paging;
	size_t start, size;
	if (by_token) {
		uint32_t off = 0;
		if (token && *token &&
			emu_rd_token_parse(token, who->account, &off) < 0) {
			pthread_mutex_unlock(&st->lock);
			free(sel);
			emu_reply_error(r, req, 400, "InvalidParameter.NextToken",
				"The specified NextToken is invalid.");
			return;
		}
		start = off;
		size = max_results > 0 ? (size_t)max_results : 10;
	} else {
		start = (size_t)(page_number - 1) * (size_t)page_size;
		size = (size_t)page_size;
	}
	json_t *arr = json_array();
	size_t end = start;
	for (; end < total && end < start + size; end++)
		json_array_append_new(arr, emu_rd_account_json(sc,
			&sc->accounts[sel[end]]));
	pthread_mutex_unlock(&st->lock);
	free(sel);

	json_t *body = json_object();
	json_t *accounts = json_object();
	json_object_set_new(accounts, "Account", arr);
	json_object_set_new(body, "Accounts", accounts);
	json_object_set_new(body, "TotalCount", json_integer((json_int_t)total));
	if (by_token) {
		if (end < total) {
			char next[40];
			emu_rd_token((uint32_t)end, who->account, next);
			json_object_set_new(body, "NextToken", json_string(next));
		}
	} else {
		json_object_set_new(body, "PageNumber", json_integer(page_number));
		json_object_set_new(body, "PageSize", json_integer(page_size));
	}
	emu_reply_ok(r, req, body);
}
