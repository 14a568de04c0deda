/* store: groups, accounts, marks and the two filtered, sorted views.
 * See store.h. Everything here is pure so the unit tests drive it directly. */
#include "store.h"

#include <inttypes.h>
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

struct store {
	struct store_group **groups;
	size_t ngroups;
	size_t groups_cap;
	struct store_account *accounts;
	size_t naccounts;
	size_t accounts_cap;
	size_t *refs;            /* per account: group slots pointing at it */
	/* id -> account index + 1 (0 = empty), open addressing */
	int64_t *hash_keys;
	size_t *hash_vals;
	size_t hash_cap;
	struct store_view views[STORE_NPANES];
	char *members_of;        /* group id the members view shows */
	/* marked accounts that some group still lists, kept up to date on
	 * every mark and reference change (the status line shows it on each
	 * frame; counting 100,000 accounts per key was most of a frame) */
	size_t nmarked;
	/* an extra condition on member rows ("changed only"), or NULL */
	bool (*member_keep)(void *ctx, const struct store_account *a);
	void *member_keep_ctx;
};

/* ---- account table ---------------------------------------------------- */

static size_t
hash_slot(int64_t id, size_t cap)
{
	uint64_t h = (uint64_t)id * 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> 17) & (cap - 1);
}

static void
hash_insert(struct store *s, int64_t id, size_t idx)
{
	size_t i = hash_slot(id, s->hash_cap);
	while (s->hash_vals[i] != 0)
		i = (i + 1) & (s->hash_cap - 1);
	s->hash_keys[i] = id;
	s->hash_vals[i] = idx + 1;
}

static void
hash_grow(struct store *s)
{
	size_t cap = s->hash_cap ? s->hash_cap * 2 : 64;
	free(s->hash_keys);
	free(s->hash_vals);
	s->hash_keys = xcalloc(cap, sizeof(*s->hash_keys));
	s->hash_vals = xcalloc(cap, sizeof(*s->hash_vals));
	s->hash_cap = cap;
	for (size_t i = 0; i < s->naccounts; i++)
		hash_insert(s, s->accounts[i].id, i);
}

static long
account_index(const struct store *s, int64_t id)
{
	if (s->hash_cap == 0)
		return -1;
	size_t i = hash_slot(id, s->hash_cap);
	while (s->hash_vals[i] != 0) {
		if (s->hash_keys[i] == id)
			return (long)s->hash_vals[i] - 1;
		i = (i + 1) & (s->hash_cap - 1);
	}
	return -1;
}

static size_t
account_intern(struct store *s, int64_t id)
{
	long idx = account_index(s, id);
	if (idx >= 0)
		return (size_t)idx;
	if (s->naccounts == s->accounts_cap) {
		s->accounts_cap = s->accounts_cap ? s->accounts_cap * 2 : 64;
		s->accounts = xrealloc(s->accounts,
			s->accounts_cap * sizeof(*s->accounts));
		s->refs = xrealloc(s->refs, s->accounts_cap * sizeof(*s->refs));
	}
	if ((s->naccounts + 1) * 2 > s->hash_cap)
		hash_grow(s);
	size_t n = s->naccounts++;
	memset(&s->accounts[n], 0, sizeof(s->accounts[n]));
	s->accounts[n].id = id;
	s->accounts[n].groups = -1;
	s->refs[n] = 0;
	hash_insert(s, id, n);
	return n;
}

static void
replace_str(char **dst, const char *src)
{
	if (*dst && src && !strcmp(*dst, src))
		return;
	free(*dst);
	*dst = src ? xstrdup(src) : NULL;
}

static void
set_err(struct err **dst, const struct err *e)
{
	if (!e || e->kind == ERR_NONE) {
		if (*dst)
			err_free(*dst);
		free(*dst);
		*dst = NULL;
		return;
	}
	if (*dst)
		err_free(*dst);
	else
		*dst = xmalloc(sizeof(**dst));
	err_copy(*dst, e);
}

static void
account_free(struct store_account *a)
{
	free(a->name);
	free(a->type);
	free(a->status_raw);
	free(a->resource_types);
	set_err(&a->error, NULL);
	free(a->request_id);
	free(a->folder_path);
	free(a->directory_info);
}

/* ---- groups ------------------------------------------------------------ */

static void
group_free(struct store_group *g)
{
	model_aggregator_free(&g->agg);
	free(g->members);
	set_err(&g->error, NULL);
	free(g->request_id);
	free(g);
}

static long
group_index(const struct store *s, const char *id)
{
	if (!id)
		return -1;
	for (size_t i = 0; i < s->ngroups; i++)
		if (s->groups[i]->agg.id && !strcmp(s->groups[i]->agg.id, id))
			return (long)i;
	return -1;
}

static struct store_group *
group_add(struct store *s, const struct aggregator *a)
{
	if (s->ngroups == s->groups_cap) {
		s->groups_cap = s->groups_cap ? s->groups_cap * 2 : 16;
		s->groups = xrealloc(s->groups,
			s->groups_cap * sizeof(*s->groups));
	}
	struct store_group *g = xcalloc(1, sizeof(*g));
	model_aggregator_copy(&g->agg, a);
	s->groups[s->ngroups++] = g;
	return g;
}

/* Copy the list fields, keeping the members and their state. */
static void
group_update(struct store_group *g, const struct aggregator *a)
{
	struct aggregator fresh;
	model_aggregator_copy(&fresh, a);
	model_aggregator_free(&g->agg);
	g->agg = fresh;
}

static void
group_unref_members(struct store *s, struct store_group *g)
{
	for (size_t i = 0; i < g->nmembers; i++) {
		size_t idx = g->members[i];
		if (s->refs[idx] > 0 && --s->refs[idx] == 0 &&
		    s->accounts[idx].marked)
			s->nmarked--;
	}
}

struct store *
store_new(void)
{
	struct store *s = xcalloc(1, sizeof(*s));
	s->views[STORE_GROUPS].sort_col = GROUP_COL_NAME;
	s->views[STORE_MEMBERS].sort_col = MEMBER_COL_NAME;
	return s;
}

void
store_clear(struct store *s)
{
	for (size_t i = 0; i < s->ngroups; i++)
		group_free(s->groups[i]);
	s->ngroups = 0;
	for (size_t i = 0; i < s->naccounts; i++)
		account_free(&s->accounts[i]);
	s->naccounts = 0;
	s->nmarked = 0;
	if (s->hash_cap) {
		memset(s->hash_vals, 0, s->hash_cap * sizeof(*s->hash_vals));
	}
	free(s->members_of);
	s->members_of = NULL;
	for (int p = 0; p < STORE_NPANES; p++) {
		s->views[p].nrows = 0;
		s->views[p].cursor = 0;
		s->views[p].top = 0;
	}
}

void
store_free(struct store *s)
{
	if (!s)
		return;
	store_clear(s);
	free(s->groups);
	free(s->accounts);
	free(s->refs);
	free(s->hash_keys);
	free(s->hash_vals);
	for (int p = 0; p < STORE_NPANES; p++)
		free(s->views[p].rows);
	free(s);
}

/* ---- merging ----------------------------------------------------------- */

void
store_merge_groups(struct store *s, const struct aggregator_list *l)
{
	for (size_t i = 0; i < s->ngroups; i++)
		s->groups[i]->seen = false;
	for (size_t i = 0; i < l->count; i++) {
		const struct aggregator *a = &l->items[i];
		if (!a->id)
			continue;
		long gi = group_index(s, a->id);
		struct store_group *g;
		if (gi >= 0) {
			g = s->groups[gi];
			if (g->seen)
				continue;   /* a duplicate in one answer */
			group_update(g, a);
		} else {
			g = group_add(s, a);
		}
		g->seen = true;
		replace_str(&g->request_id, l->request_id[0] ? l->request_id :
			g->request_id);
	}
	/* sweep: groups the answer no longer names are gone */
	size_t kept = 0;
	for (size_t i = 0; i < s->ngroups; i++) {
		struct store_group *g = s->groups[i];
		if (g->seen || g->pinned) {
			s->groups[kept++] = g;
		} else {
			group_unref_members(s, g);
			group_free(g);
		}
	}
	s->ngroups = kept;
}

void
store_merge_group_detail(struct store *s, const struct aggregator_detail *d)
{
	if (!d->agg.id)
		return;
	long gi = group_index(s, d->agg.id);
	struct store_group *g;
	if (gi >= 0) {
		g = s->groups[gi];
		group_update(g, &d->agg);
	} else {
		g = group_add(s, &d->agg);
	}
	group_unref_members(s, g);
	/* mark: every listed account is interned and refreshed; sweep: the
	 * old slot list is simply replaced (an account keeps its record, and
	 * so its mark, while any group still lists it). */
	size_t *slots = xcalloc(d->nmembers ? d->nmembers : 1, sizeof(*slots));
	size_t n = 0;
	for (size_t i = 0; i < d->nmembers; i++) {
		const struct member *m = &d->members[i];
		size_t idx = account_intern(s, m->account_id);
		struct store_account *a = &s->accounts[idx];
		if (a->seen)
			continue;   /* listed twice in one answer */
		replace_str(&a->name, m->name);
		replace_str(&a->type, m->type);
		/* A start in flight knows better than a list read. */
		if (a->op != STORE_OP_STARTING && a->op != STORE_OP_QUEUED) {
			a->status = m->status;
			replace_str(&a->status_raw, m->status_raw);
			if (a->op == STORE_OP_FOLLOWING &&
			    m->status == RECORDER_REGISTERED)
				a->op = STORE_OP_NONE;
		}
		if (d->request_id[0])
			replace_str(&a->request_id, d->request_id);
		a->seen = true;
		if (s->refs[idx]++ == 0 && a->marked)
			s->nmarked++;
		slots[n++] = idx;
	}
	for (size_t k = 0; k < n; k++)
		s->accounts[slots[k]].seen = false;
	free(g->members);
	g->members = slots;
	g->nmembers = n;
	g->members_loaded = true;
	g->loading = false;
	g->seen = true;
	replace_str(&g->request_id, d->request_id[0] ? d->request_id : NULL);
	set_err(&g->error, NULL);
}

void
store_set_group_loading(struct store *s, const char *group_id, bool loading)
{
	struct store_group *g = store_group_find(s, group_id);
	if (g)
		g->loading = loading;
}

void
store_set_group_error(struct store *s, const char *group_id,
	const struct err *e)
{
	struct store_group *g = store_group_find(s, group_id);
	if (!g)
		return;
	set_err(&g->error, e);
	if (e && e->request_id[0])
		replace_str(&g->request_id, e->request_id);
	g->loading = false;
}

static void
join_types(struct store_account *a, const struct recorder *r)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < r->ntypes; i++) {
		if (i)
			buf_puts(&b, ", ");
		buf_puts(&b, r->resource_types[i] ? r->resource_types[i] : "");
	}
	free(a->resource_types);
	a->resource_types = b.len ? buf_steal(&b) : NULL;
	buf_free(&b);
}

void
store_set_recorder(struct store *s, int64_t account, const struct recorder *r)
{
	size_t idx = account_intern(s, account);
	struct store_account *a = &s->accounts[idx];
	a->status = r->status;
	replace_str(&a->status_raw, r->status_raw);
	join_types(a, r);
	if (r->request_id[0])
		replace_str(&a->request_id, r->request_id);
	set_err(&a->error, NULL);
}

void
store_set_account_op(struct store *s, int64_t account, enum store_op op)
{
	struct store_account *a = store_account_find(s, account);
	if (a)
		a->op = op;
}

void
store_set_account_error(struct store *s, int64_t account, const struct err *e)
{
	struct store_account *a = store_account_find(s, account);
	if (!a)
		return;
	set_err(&a->error, e);
	if (e && e->request_id[0])
		replace_str(&a->request_id, e->request_id);
}

/* ---- lookup ------------------------------------------------------------ */

size_t
store_group_count(const struct store *s)
{
	return s->ngroups;
}

struct store_group *
store_group_at(struct store *s, size_t i)
{
	return i < s->ngroups ? s->groups[i] : NULL;
}

struct store_group *
store_group_find(struct store *s, const char *id)
{
	long gi = group_index(s, id);
	return gi >= 0 ? s->groups[gi] : NULL;
}

size_t
store_account_count(const struct store *s)
{
	return s->naccounts;
}

struct store_account *
store_account_at(struct store *s, size_t i)
{
	return i < s->naccounts ? &s->accounts[i] : NULL;
}

struct store_account *
store_account_find(struct store *s, int64_t id)
{
	long idx = account_index(s, id);
	return idx >= 0 ? &s->accounts[idx] : NULL;
}

struct store_account *
store_group_member(struct store *s, const struct store_group *g, size_t slot)
{
	if (!g || slot >= g->nmembers)
		return NULL;
	return &s->accounts[g->members[slot]];
}

void
store_group_coverage(struct store *s, const struct store_group *g,
	long *registered, long *total)
{
	if (!g->members_loaded) {
		*registered = -1;
		*total = (long)g->agg.member_count;
		return;
	}
	long r = 0;
	for (size_t i = 0; i < g->nmembers; i++)
		if (s->accounts[g->members[i]].status == RECORDER_REGISTERED)
			r++;
	*registered = r;
	*total = (long)g->nmembers;
}

/* ---- cells ------------------------------------------------------------- */

static const char *const group_col_names[GROUP_NCOLS] = {
	"NAME", "TYPE", "STATE", "ACCTS", "COVERAGE",
};
static const char *const member_col_names[MEMBER_NCOLS] = {
	"NAME", "ACCOUNT ID", "TYPE", "RECORDER", "ERROR", "GROUPS",
};

const char *
store_column_name(enum store_pane pane, int col)
{
	if (pane == STORE_GROUPS)
		return col >= 0 && col < GROUP_NCOLS ? group_col_names[col] : "";
	return col >= 0 && col < MEMBER_NCOLS ? member_col_names[col] : "";
}

int
store_column_count(enum store_pane pane)
{
	return pane == STORE_GROUPS ? GROUP_NCOLS : MEMBER_NCOLS;
}

const char *
store_op_name(enum store_op op)
{
	switch (op) {
	case STORE_OP_QUEUED: return "queued";
	case STORE_OP_STARTING: return "starting";
	case STORE_OP_FOLLOWING: return "following";
	case STORE_OP_FAILED: return "failed";
	case STORE_OP_STOPPING: return "stopping";
	case STORE_OP_NONE: break;
	}
	return "";
}

void
store_group_cell(struct store *s, const struct store_group *g, int col,
	char *out, size_t outsz)
{
	long reg, total;
	switch (col) {
	case GROUP_COL_NAME:
		snprintf(out, outsz, "%s", g->agg.name ? g->agg.name :
			(g->agg.id ? g->agg.id : ""));
		return;
	case GROUP_COL_TYPE:
		snprintf(out, outsz, "%s", g->agg.type ? g->agg.type : "");
		return;
	case GROUP_COL_STATUS:
		snprintf(out, outsz, "%s",
			model_aggregator_status_name(g->agg.status));
		return;
	case GROUP_COL_MEMBERS:
		snprintf(out, outsz, "%" PRId64, g->members_loaded ?
			(int64_t)g->nmembers : g->agg.member_count);
		return;
	case GROUP_COL_COVERAGE:
		store_group_coverage(s, g, &reg, &total);
		if (reg < 0)
			snprintf(out, outsz, "?/%ld", total);
		else
			snprintf(out, outsz, "%ld/%ld", reg, total);
		return;
	}
	if (outsz)
		out[0] = '\0';
}

void
store_member_cell(const struct store_account *a, int col, char *out,
	size_t outsz)
{
	switch (col) {
	case MEMBER_COL_NAME:
		snprintf(out, outsz, "%s", a->name ? a->name : "");
		return;
	case MEMBER_COL_ID:
		snprintf(out, outsz, "%" PRId64, a->id);
		return;
	case MEMBER_COL_TYPE:
		snprintf(out, outsz, "%s", a->type ? a->type : "");
		return;
	case MEMBER_COL_STATUS:
		if (a->op == STORE_OP_STARTING || a->op == STORE_OP_QUEUED)
			snprintf(out, outsz, "%s", store_op_name(a->op));
		else if (a->status == RECORDER_UNKNOWN && a->status_raw &&
		    a->status_raw[0])
			snprintf(out, outsz, "%s", a->status_raw);
		else
			snprintf(out, outsz, "%s",
				model_recorder_status_name(a->status));
		return;
	case MEMBER_COL_ERROR:
		if (a->error)
			snprintf(out, outsz, "%s", a->error->code[0] ?
				a->error->code : err_kind_name(a->error->kind));
		else if (outsz)
			out[0] = '\0';
		return;
	case MEMBER_COL_GROUPS:
		if (a->groups >= 0)
			snprintf(out, outsz, "%d", a->groups);
		else if (outsz)
			out[0] = '\0';
		return;
	}
	if (outsz)
		out[0] = '\0';
}

/* ---- filter ------------------------------------------------------------ */

bool
store_group_matches(struct store *s, const struct store_group *g,
	const char *text)
{
	if (!text || !text[0])
		return true;
	char cell[512];
	for (int c = 0; c < GROUP_NCOLS; c++) {
		store_group_cell(s, g, c, cell, sizeof(cell));
		if (strcasestr(cell, text))
			return true;
	}
	return false;
}

bool
store_member_matches(const struct store_account *a, const char *text)
{
	if (!text || !text[0])
		return true;
	char cell[512];
	for (int c = 0; c < MEMBER_NCOLS; c++) {
		store_member_cell(a, c, cell, sizeof(cell));
		if (strcasestr(cell, text))
			return true;
	}
	return false;
}

/* ---- sort -------------------------------------------------------------- */

/* Uncovered first: the order an operator triages in. */
static int
status_rank(const struct store_account *a)
{
	if (a->op == STORE_OP_QUEUED || a->op == STORE_OP_STARTING)
		return 1;
	switch (a->status) {
	case RECORDER_REGISTRABLE: return 0;
	case RECORDER_BUILDING: return 2;
	case RECORDER_REBUILDING: return 3;
	case RECORDER_REGISTERED: return 4;
	case RECORDER_UNKNOWN: break;
	}
	return 5;
}

/* Natural order, case-insensitive: runs of digits compare as numbers
 * ("group 2" before "group 10" before "group 100"); leading zeros make no
 * difference except as a last tie-break. */
static int
cmp_str(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)(a ? a : "");
	const unsigned char *q = (const unsigned char *)(b ? b : "");
	while (*p && *q) {
		if (isdigit(*p) && isdigit(*q)) {
			while (*p == '0')
				p++;
			while (*q == '0')
				q++;
			size_t lp = 0, lq = 0;
			while (isdigit(p[lp]))
				lp++;
			while (isdigit(q[lq]))
				lq++;
			if (lp != lq)
				return lp < lq ? -1 : 1;
			int r = memcmp(p, q, lp);
			if (r)
				return r < 0 ? -1 : 1;
			p += lp;
			q += lq;
			continue;
		}
		int cp = tolower(*p), cq = tolower(*q);
		if (cp != cq)
			return cp < cq ? -1 : 1;
		p++;
		q++;
	}
	if (*p || *q)
		return *p ? 1 : -1;
	return strcasecmp(a ? a : "", b ? b : "");
}

static int
cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

struct sort_ctx {
	struct store *s;
	const struct store_group *g;   /* members view: the group */
	int col;
	bool reverse;
};

static int
cmp_groups(const void *pa, const void *pb, void *pctx)
{
	const struct sort_ctx *x = pctx;
	const struct store_group *a = x->s->groups[*(const size_t *)pa];
	const struct store_group *b = x->s->groups[*(const size_t *)pb];
	int r = 0;
	/* The Directory entry stays on top whatever the order. */
	if (a->pinned != b->pinned)
		return a->pinned ? -1 : 1;
	long ra, ta, rb, tb;
	switch (x->col) {
	case GROUP_COL_TYPE:
		r = cmp_str(a->agg.type, b->agg.type);
		break;
	case GROUP_COL_STATUS:
		r = a->agg.status - b->agg.status;
		break;
	case GROUP_COL_MEMBERS:
		r = cmp_i64(a->members_loaded ? (int64_t)a->nmembers :
			a->agg.member_count, b->members_loaded ?
			(int64_t)b->nmembers : b->agg.member_count);
		break;
	case GROUP_COL_COVERAGE:
		store_group_coverage(x->s, a, &ra, &ta);
		store_group_coverage(x->s, b, &rb, &tb);
		/* ratio compare without division; unknown sorts first */
		if (ra < 0 || rb < 0)
			r = (ra >= 0) - (rb >= 0);
		else
			r = cmp_i64((int64_t)ra * (tb ? tb : 1),
				(int64_t)rb * (ta ? ta : 1));
		break;
	}
	if (r == 0)
		r = cmp_str(a->agg.name, b->agg.name);
	if (r == 0)
		r = strcmp(a->agg.id, b->agg.id);
	return x->reverse ? -r : r;
}

static int
cmp_members(const void *pa, const void *pb, void *pctx)
{
	const struct sort_ctx *x = pctx;
	const struct store_account *a =
		&x->s->accounts[x->g->members[*(const size_t *)pa]];
	const struct store_account *b =
		&x->s->accounts[x->g->members[*(const size_t *)pb]];
	int r = 0;
	switch (x->col) {
	case MEMBER_COL_NAME:
		r = cmp_str(a->name, b->name);
		break;
	case MEMBER_COL_TYPE:
		r = cmp_str(a->type, b->type);
		break;
	case MEMBER_COL_STATUS:
		r = status_rank(a) - status_rank(b);
		break;
	case MEMBER_COL_GROUPS:
		r = a->groups - b->groups;
		break;
	case MEMBER_COL_ERROR:
		/* rows with an error first */
		r = (b->error != NULL) - (a->error != NULL);
		if (r == 0 && a->error && b->error)
			r = strcmp(a->error->code, b->error->code);
		break;
	}
	if (r == 0)
		r = cmp_i64(a->id, b->id);
	return x->reverse ? -r : r;
}

/* ---- views ------------------------------------------------------------- */

struct store_view *
store_view(struct store *s, enum store_pane pane)
{
	return &s->views[pane];
}

static void
view_reserve(struct store_view *v, size_t n)
{
	if (n <= v->cap)
		return;
	v->cap = n < 64 ? 64 : n;
	v->rows = xrealloc(v->rows, v->cap * sizeof(*v->rows));
}

struct store_group *
store_view_group(struct store *s, size_t row)
{
	struct store_view *v = &s->views[STORE_GROUPS];
	if (row >= v->nrows || v->rows[row] >= s->ngroups)
		return NULL;
	return s->groups[v->rows[row]];
}

struct store_group *
store_selected_group(struct store *s)
{
	return store_view_group(s, s->views[STORE_GROUPS].cursor);
}

static struct store_group *
members_group(struct store *s)
{
	return store_group_find(s, s->members_of);
}

struct store_account *
store_view_member(struct store *s, size_t row)
{
	struct store_view *v = &s->views[STORE_MEMBERS];
	struct store_group *g = members_group(s);
	if (!g || row >= v->nrows || v->rows[row] >= g->nmembers)
		return NULL;
	return &s->accounts[g->members[v->rows[row]]];
}

struct store_account *
store_selected_member(struct store *s)
{
	return store_view_member(s, s->views[STORE_MEMBERS].cursor);
}

static void
members_rebuild(struct store *s)
{
	struct store_view *v = &s->views[STORE_MEMBERS];
	struct store_group *g = members_group(s);
	size_t old_cursor = v->cursor;
	int64_t want = g ? g->member_cursor : 0;
	v->nrows = 0;
	if (!g) {
		v->cursor = v->top = 0;
		return;
	}
	view_reserve(v, g->nmembers);
	for (size_t i = 0; i < g->nmembers; i++) {
		const struct store_account *acc = &s->accounts[g->members[i]];
		if (store_member_matches(acc, v->filter) && (!s->member_keep ||
		    s->member_keep(s->member_keep_ctx, acc)))
			v->rows[v->nrows++] = i;
	}
	struct sort_ctx ctx = {s, g, v->sort_col, v->sort_reverse};
	if (v->nrows > 1)
		qsort_r(v->rows, v->nrows, sizeof(*v->rows), cmp_members, &ctx);
	v->cursor = old_cursor;
	for (size_t r = 0; r < v->nrows; r++) {
		if (s->accounts[g->members[v->rows[r]]].id == want) {
			v->cursor = r;
			break;
		}
	}
	if (v->cursor >= v->nrows)
		v->cursor = v->nrows ? v->nrows - 1 : 0;
	struct store_account *a = store_view_member(s, v->cursor);
	if (a)
		g->member_cursor = a->id;
}

static void
groups_rebuild(struct store *s)
{
	struct store_view *v = &s->views[STORE_GROUPS];
	char *want = s->members_of ? xstrdup(s->members_of) : NULL;
	v->nrows = 0;
	view_reserve(v, s->ngroups);
	for (size_t i = 0; i < s->ngroups; i++)
		if (store_group_matches(s, s->groups[i], v->filter))
			v->rows[v->nrows++] = i;
	struct sort_ctx ctx = {s, NULL, v->sort_col, v->sort_reverse};
	if (v->nrows > 1)
		qsort_r(v->rows, v->nrows, sizeof(*v->rows), cmp_groups, &ctx);
	for (size_t r = 0; want && r < v->nrows; r++) {
		if (!strcmp(s->groups[v->rows[r]]->agg.id, want)) {
			v->cursor = r;
			break;
		}
	}
	if (v->cursor >= v->nrows)
		v->cursor = v->nrows ? v->nrows - 1 : 0;
	free(want);
}

/* Point the members view at the group under the groups cursor. */
static void
members_track_group(struct store *s)
{
	struct store_group *g = store_selected_group(s);
	const char *id = g ? g->agg.id : NULL;
	bool same = (id && s->members_of && !strcmp(id, s->members_of)) ||
		(!id && !s->members_of);
	if (!same) {
		free(s->members_of);
		s->members_of = id ? xstrdup(id) : NULL;
		s->views[STORE_MEMBERS].cursor = 0;
		s->views[STORE_MEMBERS].top = 0;
	}
	members_rebuild(s);
}

/* How many account groups list each account (the pinned Directory entry
 * is not one); -1 while some group's members are still unknown. */
static void
count_groups(struct store *s)
{
	bool known = store_groups_loaded(s);
	struct store_group *pin = store_pinned_group(s);
	for (size_t i = 0; i < s->naccounts; i++)
		s->accounts[i].groups = known ? (int)s->refs[i] : -1;
	for (size_t k = 0; known && pin && k < pin->nmembers; k++)
		if (s->accounts[pin->members[k]].groups > 0)
			s->accounts[pin->members[k]].groups--;
}

void
store_view_update(struct store *s, enum store_pane pane)
{
	count_groups(s);
	if (pane == STORE_GROUPS)
		groups_rebuild(s);
	members_track_group(s);
}

struct store_group *
store_pinned_group(struct store *s)
{
	for (size_t i = 0; i < s->ngroups; i++)
		if (s->groups[i]->pinned)
			return s->groups[i];
	return NULL;
}

void
store_set_group_pinned(struct store *s, const char *group_id)
{
	struct store_group *g = store_group_find(s, group_id);
	if (g)
		g->pinned = true;
}

void
store_remove_group(struct store *s, const char *group_id)
{
	long gi = group_index(s, group_id);
	if (gi < 0)
		return;
	struct store_group *g = s->groups[gi];
	group_unref_members(s, g);
	group_free(g);
	memmove(&s->groups[gi], &s->groups[gi + 1],
		(s->ngroups - (size_t)gi - 1) * sizeof(*s->groups));
	s->ngroups--;
}

bool
store_groups_loaded(const struct store *s)
{
	for (size_t i = 0; i < s->ngroups; i++)
		if (!s->groups[i]->pinned && !s->groups[i]->members_loaded)
			return false;
	return true;
}

void
store_cursor_set(struct store *s, enum store_pane pane, size_t row)
{
	struct store_view *v = &s->views[pane];
	if (v->nrows == 0) {
		v->cursor = 0;
		return;
	}
	v->cursor = row < v->nrows ? row : v->nrows - 1;
	if (pane == STORE_GROUPS) {
		members_track_group(s);
	} else {
		struct store_group *g = members_group(s);
		struct store_account *a = store_view_member(s, v->cursor);
		if (g && a)
			g->member_cursor = a->id;
	}
}

void
store_cursor_move(struct store *s, enum store_pane pane, long delta)
{
	struct store_view *v = &s->views[pane];
	long c = (long)v->cursor + delta;
	if (c < 0)
		c = 0;
	store_cursor_set(s, pane, (size_t)c);
}

void
store_set_filter(struct store *s, enum store_pane pane, const char *text)
{
	struct store_view *v = &s->views[pane];
	char copy[sizeof(v->filter)];
	/* text may be v->filter itself */
	snprintf(copy, sizeof(copy), "%s", text ? text : "");
	memcpy(v->filter, copy, sizeof(copy));
	if (copy[0])
		memcpy(v->search, copy, sizeof(copy));
	store_view_update(s, pane);
}

bool
store_find_next(struct store *s, enum store_pane pane, int dir)
{
	struct store_view *v = &s->views[pane];
	if (v->nrows == 0 || !v->search[0])
		return false;
	for (size_t step = 1; step <= v->nrows; step++) {
		size_t r = dir < 0 ?
			(v->cursor + v->nrows - step % v->nrows) % v->nrows :
			(v->cursor + step) % v->nrows;
		bool m = pane == STORE_GROUPS ?
			store_group_matches(s, store_view_group(s, r), v->search) :
			store_member_matches(store_view_member(s, r), v->search);
		if (m) {
			store_cursor_set(s, pane, r);
			return true;
		}
	}
	return false;
}

void
store_sort_cycle(struct store *s, enum store_pane pane)
{
	struct store_view *v = &s->views[pane];
	v->sort_col = (v->sort_col + 1) % store_column_count(pane);
	/* GROUPS is a column of the Directory entry only. */
	struct store_group *g = members_group(s);
	if (pane == STORE_MEMBERS && v->sort_col == MEMBER_COL_GROUPS &&
	    !(g && g->pinned))
		v->sort_col = (v->sort_col + 1) % store_column_count(pane);
	store_view_update(s, pane);
}

void
store_sort_reverse(struct store *s, enum store_pane pane)
{
	struct store_view *v = &s->views[pane];
	v->sort_reverse = !v->sort_reverse;
	store_view_update(s, pane);
}

/* ---- marks ------------------------------------------------------------- */

void
store_toggle_mark(struct store *s, int64_t account)
{
	struct store_account *a = store_account_find(s, account);
	if (!a)
		return;
	a->marked = !a->marked;
	if (s->refs[(size_t)(a - s->accounts)] > 0) {
		if (a->marked)
			s->nmarked++;
		else
			s->nmarked--;
	}
}

size_t
store_marked_count(const struct store *s)
{
	return s->nmarked;
}

size_t
store_marked_ids(const struct store *s, int64_t **ids)
{
	size_t n = store_marked_count(s), k = 0;
	*ids = xcalloc(n ? n : 1, sizeof(**ids));
	for (size_t i = 0; i < s->naccounts; i++)
		if (s->accounts[i].marked && s->refs[i] > 0)
			(*ids)[k++] = s->accounts[i].id;
	return k;
}

void
store_clear_marks(struct store *s)
{
	for (size_t i = 0; i < s->naccounts; i++)
		s->accounts[i].marked = false;
	s->nmarked = 0;
}

void
store_set_member_predicate(struct store *s,
	bool (*keep)(void *ctx, const struct store_account *a), void *ctx)
{
	s->member_keep = keep;
	s->member_keep_ctx = ctx;
	store_view_update(s, STORE_MEMBERS);
}
