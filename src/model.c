/* model: Jansson parsers for the Config and STS answers.
 *
 * Every field is looked up through a small context that knows the path it
 * is at ("Aggregator.AggregatorAccounts[3].AccountId"), so a wrong type or a
 * missing required field becomes an ERR_PROTOCOL that names it. null counts
 * as absent; numbers may arrive quoted and strings as numbers (the API has
 * drifted both ways). */
#include "model.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"

#define MODEL_EXCERPT 80

struct jctx {
	const char *what;   /* "GetAggregator response" */
	struct err *e;
	char path[256];
	size_t plen;
};

/* --- recorder status ----------------------------------------------------- */

static const char *const recorder_names[] = {
	[RECORDER_UNKNOWN] = "UNKNOWN",
	[RECORDER_REGISTRABLE] = "REGISTRABLE",
	[RECORDER_BUILDING] = "BUILDING",
	[RECORDER_REGISTERED] = "REGISTERED",
	[RECORDER_REBUILDING] = "REBUILDING",
};

const char *
model_recorder_status_name(enum recorder_status s)
{
	if ((unsigned)s < sizeof(recorder_names) / sizeof(recorder_names[0]))
		return recorder_names[s];
	return "UNKNOWN";
}

enum recorder_status
model_recorder_status_parse(const char *s)
{
	if (!s)
		return RECORDER_UNKNOWN;
	for (int i = RECORDER_REGISTRABLE; i <= RECORDER_REBUILDING; i++)
		if (!strcmp(s, recorder_names[i]))
			return (enum recorder_status)i;
	return RECORDER_UNKNOWN;
}

const char *const *
model_recorder_status_names(void)
{
	static const char *const known[] = {
		[RECORDER_REGISTRABLE - 1] = "REGISTRABLE",
		[RECORDER_BUILDING - 1] = "BUILDING",
		[RECORDER_REGISTERED - 1] = "REGISTERED",
		[RECORDER_REBUILDING - 1] = "REBUILDING",
		[RECORDER_REBUILDING] = NULL,
	};
	return known;
}

const char *
model_aggregator_status_name(int status)
{
	switch (status) {
	case 0: return "creating";
	case 1: return "created";
	case 2: return "deleting";
	}
	return "unknown";
}

/* --- paths and errors --------------------------------------------------- */

/* Appends to the path, cut (never overrun) when it would not fit; returns
 * the old length for jpath_pop. */
static size_t __attribute__((format(printf, 2, 3)))
jpath_push(struct jctx *x, const char *fmt, ...)
{
	size_t old = x->plen;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(x->path + x->plen, sizeof(x->path) - x->plen, fmt,
		ap);
	va_end(ap);
	if (n > 0)
		x->plen += (size_t)n;
	if (x->plen >= sizeof(x->path))
		x->plen = sizeof(x->path) - 1;
	return old;
}

static size_t
jpath_key(struct jctx *x, const char *key)
{
	return jpath_push(x, "%s%s", x->plen ? "." : "", key);
}

static size_t
jpath_index(struct jctx *x, size_t i)
{
	return jpath_push(x, "[%zu]", i);
}

static void
jpath_pop(struct jctx *x, size_t old)
{
	x->plen = old;
	x->path[old] = '\0';
}

static const char *
jtype_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a fractional number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "a value";
}

static int
jerr_type(struct jctx *x, const json_t *v, const char *expected)
{
	return err_set(x->e, ERR_PROTOCOL, "%s: %s is %s, expected %s",
		x->what, x->path[0] ? x->path : "the body", jtype_name(v),
		expected);
}

static int
jerr_missing(struct jctx *x)
{
	return err_set(x->e, ERR_PROTOCOL, "%s: %s is missing", x->what,
		x->path);
}

/* A printable, single-line excerpt of untrusted bytes. */
static void
model_excerpt(const char *s, size_t len, char *out, size_t outsz)
{
	size_t j = 0;
	size_t limit = len < MODEL_EXCERPT ? len : MODEL_EXCERPT;
	for (size_t i = 0; i < limit && j + 2 < outsz; i++) {
		unsigned char c = (unsigned char)s[i];
		out[j++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	if (len > limit && j + 4 < outsz) {
		memcpy(out + j, "...", 3);
		j += 3;
	}
	out[j] = '\0';
}

/* For Jansson's "too big integer": the key just before the error. */
static void
model_key_before(const char *body, size_t pos, char *out, size_t outsz)
{
	out[0] = '\0';
	size_t i = pos;
	while (i > 0 && body[i - 1] != ':')
		i--;
	if (i == 0)
		return;
	i--;
	while (i > 0 && isspace((unsigned char)body[i - 1]))
		i--;
	if (i == 0 || body[i - 1] != '"')
		return;
	size_t end = --i;
	while (i > 0 && body[i - 1] != '"')
		i--;
	size_t n = end - i;
	if (n == 0 || n + 1 > outsz)
		return;
	model_excerpt(body + i, n, out, outsz);
}

static json_t *
jload(struct jctx *x, const char *body, size_t len)
{
	if (!body || len == 0) {
		err_set(x->e, ERR_PROTOCOL, "%s: empty body", x->what);
		x->e->retryable = true;
		return NULL;
	}
	json_error_t je;
	json_t *root = json_loadb(body, len, 0, &je);
	if (!root) {
		char ex[MODEL_EXCERPT + 8];
		model_excerpt(body, len, ex, sizeof(ex));
		if (strstr(je.text, "too big integer")) {
			char key[64];
			size_t pos = je.position > 0 && (size_t)je.position <= len ?
				(size_t)je.position : 0;
			model_key_before(body, pos, key, sizeof(key));
			err_set(x->e, ERR_PROTOCOL, "%s: %s%sinteger out of "
				"range (line %d column %d)", x->what, key,
				key[0] ? " holds an " : "an ", je.line,
				je.column);
		} else {
			err_set(x->e, ERR_PROTOCOL, "%s is not valid JSON (%s, "
				"line %d column %d): '%s'", x->what, je.text,
				je.line, je.column, ex);
			/* Garbage or a cut-off answer (a proxy's HTML page,
			 * say) may come out right next time; a wrong type or
			 * a huge number will not. */
			x->e->retryable = true;
		}
		return NULL;
	}
	if (!json_is_object(root)) {
		jerr_type(x, root, "an object");
		json_decref(root);
		return NULL;
	}
	return root;
}

/* --- typed field access ------------------------------------------------- */

/* Reads one value into `out`; 0, or -1 with the error set. The same shape
 * serves field values, objects handed to a sub-parser and whole bodies. */
typedef int (*jvalue_fn)(struct jctx *x, json_t *v, void *out);

/* One array element, `i` its index. */
typedef int (*jeach_fn)(struct jctx *x, json_t *v, size_t i, void *ctx);

/* The member, or NULL when absent or null. */
static json_t *
jget(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_null(v) ? NULL : v;
}

/* Looks `key` up with the path pointing at it, so that `value` and a
 * missing required field both name it. An absent optional field leaves
 * `out` untouched. */
static int
jfield(struct jctx *x, json_t *obj, const char *key, bool required,
	jvalue_fn value, void *out)
{
	size_t old = jpath_key(x, key);
	json_t *v = jget(obj, key);
	int rc = 0;
	if (!v)
		rc = required ? jerr_missing(x) : 0;
	else
		rc = value(x, v, out);
	if (rc == 0)
		jpath_pop(x, old);
	return rc;
}

/* out: char ** */
static int
jstr_value(struct jctx *x, json_t *v, void *out)
{
	char **s = out;
	if (json_is_string(v)) {
		*s = xstrndup(json_string_value(v), json_string_length(v));
		return 0;
	}
	if (json_is_integer(v)) {
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT,
			json_integer_value(v));
		*s = xstrdup(tmp);
		return 0;
	}
	return jerr_type(x, v, "a string");
}

/* `out` is left NULL when the field is absent and not required. */
static int
jstr(struct jctx *x, json_t *obj, const char *key, bool required, char **out)
{
	*out = NULL;
	return jfield(x, obj, key, required, jstr_value, out);
}

/* out: int64_t * */
static int
jint_value(struct jctx *x, json_t *v, void *out)
{
	int64_t *i = out;
	if (json_is_integer(v)) {
		*i = (int64_t)json_integer_value(v);
		return 0;
	}
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		char *end;
		errno = 0;
		long long n = strtoll(s, &end, 10);
		if (end == s || *end != '\0' || isspace((unsigned char)*s)) {
			char ex[MODEL_EXCERPT + 8];
			model_excerpt(s, strlen(s), ex, sizeof(ex));
			return err_set(x->e, ERR_PROTOCOL, "%s: %s is the string "
				"'%s', expected an integer", x->what, x->path, ex);
		}
		if (errno == ERANGE)
			return err_set(x->e, ERR_PROTOCOL, "%s: %s is out of "
				"range for a 64-bit integer", x->what, x->path);
		*i = (int64_t)n;
		return 0;
	}
	if (json_is_real(v)) {
		double d = json_real_value(v);
		/* An integral value written as 1.6e12 is still an integer;
		 * beyond 2^53 a double no longer holds it exactly. The range is
		 * checked before the cast: casting 1e20 (or NaN) to int64_t is
		 * undefined behaviour. */
		if (d > -9007199254740992.0 && d < 9007199254740992.0 &&
			d == (double)(int64_t)d) {
			*i = (int64_t)d;
			return 0;
		}
		return err_set(x->e, ERR_PROTOCOL, "%s: %s is %g, expected an "
			"integer", x->what, x->path, d);
	}
	return jerr_type(x, v, "an integer");
}

static int
jint(struct jctx *x, json_t *obj, const char *key, bool required,
	int64_t *out)
{
	return jfield(x, obj, key, required, jint_value, out);
}

/* An optional object or array: NULL when absent; error on another type. */
static int
jcontainer(struct jctx *x, json_t *obj, const char *key, bool required,
	json_type type, json_t **out)
{
	*out = NULL;
	size_t old = jpath_key(x, key);
	json_t *v = jget(obj, key);
	if (!v) {
		if (required)
			return jerr_missing(x);
	} else if (json_typeof(v) != type) {
		return jerr_type(x, v, type == JSON_OBJECT ? "an object" :
			"an array");
	} else {
		*out = v;
	}
	jpath_pop(x, old);
	return 0;
}

/* Hands the object under `key` to `parse` with the path inside it; an
 * absent optional object is skipped. */
static int
jobject(struct jctx *x, json_t *obj, const char *key, bool required,
	jvalue_fn parse, void *out)
{
	json_t *o;
	if (jcontainer(x, obj, key, required, JSON_OBJECT, &o) < 0)
		return -1;
	if (!o)
		return 0;
	size_t old = jpath_key(x, key);
	if (parse(x, o, out) < 0)
		return -1;
	jpath_pop(x, old);
	return 0;
}

/* Room for the elements of `arr`; NULL when it is absent or empty. */
static void *
jcalloc_for(json_t *arr, size_t size)
{
	size_t n = json_array_size(arr);
	return n ? xcalloc(n, size) : NULL;
}

/* Calls `each` on every element of `arr` (NULL: none) with the path at
 * key[i], `key` being where the array was found. */
static int
jeach(struct jctx *x, const char *key, json_t *arr, jeach_fn each, void *ctx)
{
	size_t old = jpath_key(x, key);
	for (size_t i = 0; i < json_array_size(arr); i++) {
		size_t o2 = jpath_index(x, i);
		if (each(x, json_array_get(arr, i), i, ctx) < 0)
			return -1;
		jpath_pop(x, o2);
	}
	jpath_pop(x, old);
	return 0;
}

/* Loads a whole body and hands its top-level object to `parse`. */
static int
jparse(const char *what, const char *body, size_t len, jvalue_fn parse,
	void *out, struct err *e)
{
	struct jctx x = { .what = what, .e = e };
	json_t *root = jload(&x, body, len);
	if (!root)
		return -1;
	int rc = parse(&x, root, out);
	json_decref(root);
	return rc;
}

static void
jrequest_id(json_t *root, char *out, size_t outsz)
{
	json_t *v = json_object_get(root, "RequestId");
	if (!json_is_string(v))
		v = json_object_get(root, "requestId");
	if (json_is_string(v))
		model_excerpt(json_string_value(v), json_string_length(v), out,
			outsz);
	else if (outsz)
		out[0] = '\0';
}

/* --- aggregators and members -------------------------------------------- */

void
model_member_free(struct member *m)
{
	free(m->name);
	free(m->type);
	free(m->status_raw);
	memset(m, 0, sizeof(*m));
}

void
model_aggregator_free(struct aggregator *a)
{
	free(a->id);
	free(a->name);
	free(a->type);
	free(a->description);
	free(a->folder_id);
	free(a->folder_name);
	for (size_t i = 0; i < a->ntags; i++) {
		free(a->tags[i].key);
		free(a->tags[i].value);
	}
	free(a->tags);
	memset(a, 0, sizeof(*a));
}

void
model_aggregator_copy(struct aggregator *dst, const struct aggregator *src)
{
	*dst = *src;
	dst->id = xstrdup(src->id);
	dst->name = xstrdup(src->name);
	dst->type = xstrdup(src->type);
	dst->description = xstrdup(src->description);
	dst->folder_id = xstrdup(src->folder_id);
	dst->folder_name = xstrdup(src->folder_name);
	dst->tags = NULL;
	if (src->ntags) {
		dst->tags = xcalloc(src->ntags, sizeof(*dst->tags));
		for (size_t i = 0; i < src->ntags; i++) {
			dst->tags[i].key = xstrdup(src->tags[i].key);
			dst->tags[i].value = xstrdup(src->tags[i].value);
		}
	}
}

/* ctx: the aggregator, its tags allocated */
static int
parse_tag(struct jctx *x, json_t *t, size_t i, void *ctx)
{
	struct aggregator *a = ctx;
	if (!json_is_object(t))
		return jerr_type(x, t, "an object");
	a->ntags++;
	if (jstr(x, t, "TagKey", false, &a->tags[i].key) < 0 ||
		jstr(x, t, "TagValue", false, &a->tags[i].value) < 0)
		return -1;
	return 0;
}

static int
parse_tags(struct jctx *x, json_t *obj, struct aggregator *a)
{
	json_t *arr;
	if (jcontainer(x, obj, "Tags", false, JSON_ARRAY, &arr) < 0)
		return -1;
	a->tags = jcalloc_for(arr, sizeof(*a->tags));
	return jeach(x, "Tags", arr, parse_tag, a);
}

/* Fills `a`; on failure `a` holds what was parsed and must be freed. */
static int
parse_aggregator(struct jctx *x, json_t *o, struct aggregator *a)
{
	memset(a, 0, sizeof(*a));
	a->status = -1;
	if (!json_is_object(o))
		return jerr_type(x, o, "an object");
	int64_t status = -1;
	if (jstr(x, o, "AggregatorId", true, &a->id) < 0 ||
		jstr(x, o, "AggregatorName", false, &a->name) < 0 ||
		jstr(x, o, "AggregatorType", false, &a->type) < 0 ||
		jstr(x, o, "Description", false, &a->description) < 0 ||
		jstr(x, o, "FolderId", false, &a->folder_id) < 0 ||
		jstr(x, o, "FolderName", false, &a->folder_name) < 0 ||
		jint(x, o, "AccountId", false, &a->account_id) < 0 ||
		jint(x, o, "AggregatorAccountCount", false, &a->member_count) < 0 ||
		jint(x, o, "AggregatorCreateTimestamp", false, &a->create_ms) < 0 ||
		jint(x, o, "AggregatorStatus", false, &status) < 0 ||
		parse_tags(x, o, a) < 0)
		return -1;
	if (status < -1 || status > 1000) {
		size_t old = jpath_key(x, "AggregatorStatus");
		err_set(x->e, ERR_PROTOCOL, "%s: %s is %" PRId64 ", expected a "
			"small status number", x->what, x->path, status);
		jpath_pop(x, old);
		return -1;
	}
	a->status = (int)status;
	return 0;
}

static int
parse_member(struct jctx *x, json_t *o, struct member *m)
{
	memset(m, 0, sizeof(*m));
	if (!json_is_object(o))
		return jerr_type(x, o, "an object");
	if (jint(x, o, "AccountId", true, &m->account_id) < 0 ||
		jstr(x, o, "AccountName", false, &m->name) < 0 ||
		jstr(x, o, "AccountType", false, &m->type) < 0 ||
		jstr(x, o, "RecorderStatus", false, &m->status_raw) < 0)
		return -1;
	m->status = model_recorder_status_parse(m->status_raw);
	return 0;
}

static void
aggregator_array_free(struct aggregator *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		model_aggregator_free(&items[i]);
	free(items);
}

/* One ListAggregators page before it joins the list. */
struct aggregators_page {
	struct aggregator_list *list;   /* gets only the RequestId here */
	struct aggregator *items;       /* n, zeroed until parsed */
	size_t n;
	char *token;
};

static int
parse_page_item(struct jctx *x, json_t *v, size_t i, void *ctx)
{
	struct aggregator *items = ctx;
	return parse_aggregator(x, v, &items[i]);
}

static int
parse_page(struct jctx *x, json_t *root, void *out)
{
	struct aggregators_page *p = out;
	json_t *res, *arr;
	if (jcontainer(x, root, "AggregatorsResult", true, JSON_OBJECT,
		&res) < 0)
		return -1;
	size_t old = jpath_key(x, "AggregatorsResult");
	if (jcontainer(x, res, "Aggregators", false, JSON_ARRAY, &arr) < 0 ||
		jstr(x, res, "NextToken", false, &p->token) < 0)
		return -1;
	jpath_pop(x, old);
	/* Terraform reads the token at the top level: accept it there too. */
	if (!p->token && jstr(x, root, "NextToken", false, &p->token) < 0)
		return -1;

	p->n = json_array_size(arr);
	p->items = jcalloc_for(arr, sizeof(*p->items));
	old = jpath_key(x, "AggregatorsResult");
	if (jeach(x, "Aggregators", arr, parse_page_item, p->items) < 0)
		return -1;
	jpath_pop(x, old);
	jrequest_id(root, p->list->request_id, sizeof(p->list->request_id));
	return 0;
}

int
model_parse_aggregators_page(const char *body, size_t len,
	struct aggregator_list *list, char **next_token, struct err *e)
{
	struct aggregators_page p = { .list = list };
	*next_token = NULL;
	if (jparse("ListAggregators response", body, len, parse_page, &p,
		e) < 0) {
		aggregator_array_free(p.items, p.n);
		free(p.token);
		return -1;
	}
	if (p.n) {
		list->items = xrealloc(list->items,
			(list->count + p.n) * sizeof(*list->items));
		memcpy(list->items + list->count, p.items,
			p.n * sizeof(*p.items));
		list->count += p.n;
		free(p.items);
	}
	list->pages++;
	if (p.token && p.token[0])
		*next_token = p.token;
	else
		free(p.token);
	return 0;
}

void
model_aggregator_list_free(struct aggregator_list *l)
{
	if (!l)
		return;
	aggregator_array_free(l->items, l->count);
	memset(l, 0, sizeof(*l));
}

/* ctx: the detail, its members allocated */
static int
parse_member_at(struct jctx *x, json_t *v, size_t i, void *ctx)
{
	struct aggregator_detail *d = ctx;
	d->nmembers++;
	return parse_member(x, v, &d->members[i]);
}

static int
parse_detail(struct jctx *x, json_t *agg, void *out)
{
	struct aggregator_detail *d = out;
	json_t *arr;
	if (parse_aggregator(x, agg, &d->agg) < 0 ||
		jcontainer(x, agg, "AggregatorAccounts", false, JSON_ARRAY,
			&arr) < 0)
		return -1;
	d->members = jcalloc_for(arr, sizeof(*d->members));
	return jeach(x, "AggregatorAccounts", arr, parse_member_at, d);
}

static int
parse_detail_body(struct jctx *x, json_t *root, void *out)
{
	struct aggregator_detail *d = out;
	if (jobject(x, root, "Aggregator", true, parse_detail, d) < 0)
		return -1;
	jrequest_id(root, d->request_id, sizeof(d->request_id));
	return 0;
}

int
model_parse_aggregator(const char *body, size_t len,
	struct aggregator_detail *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	if (jparse("GetAggregator response", body, len, parse_detail_body, out,
		e) == 0)
		return 0;
	model_aggregator_detail_free(out);
	return -1;
}

void
model_aggregator_detail_free(struct aggregator_detail *d)
{
	if (!d)
		return;
	model_aggregator_free(&d->agg);
	for (size_t i = 0; i < d->nmembers; i++)
		model_member_free(&d->members[i]);
	free(d->members);
	memset(d, 0, sizeof(*d));
}

/* --- recorder ----------------------------------------------------------- */

/* ctx: the recorder, its resource types allocated */
static int
parse_resource_type(struct jctx *x, json_t *v, size_t i, void *ctx)
{
	struct recorder *r = ctx;
	(void)i;
	if (!json_is_string(v))
		return jerr_type(x, v, "a string");
	r->resource_types[r->ntypes++] = xstrndup(json_string_value(v),
		json_string_length(v));
	return 0;
}

static int
parse_recorder(struct jctx *x, json_t *rec, void *out)
{
	struct recorder *r = out;
	json_t *arr;
	if (jstr(x, rec, "ConfigurationRecorderStatus", true,
		&r->status_raw) < 0 ||
		jcontainer(x, rec, "ResourceTypes", false, JSON_ARRAY, &arr) < 0)
		return -1;
	r->status = model_recorder_status_parse(r->status_raw);
	r->resource_types = jcalloc_for(arr, sizeof(char *));
	return jeach(x, "ResourceTypes", arr, parse_resource_type, r);
}

static int
parse_recorder_body(struct jctx *x, json_t *root, void *out)
{
	struct recorder *r = out;
	if (jobject(x, root, "ConfigurationRecorder", true, parse_recorder,
		r) < 0)
		return -1;
	jrequest_id(root, r->request_id, sizeof(r->request_id));
	return 0;
}

int
model_parse_recorder(const char *body, size_t len, struct recorder *out,
	struct err *e)
{
	memset(out, 0, sizeof(*out));
	if (jparse("ConfigurationRecorder response", body, len,
		parse_recorder_body, out, e) == 0)
		return 0;
	model_recorder_free(out);
	return -1;
}

void
model_recorder_free(struct recorder *r)
{
	if (!r)
		return;
	free(r->status_raw);
	for (size_t i = 0; i < r->ntypes; i++)
		free(r->resource_types[i]);
	free(r->resource_types);
	memset(r, 0, sizeof(*r));
}

/* --- STS ---------------------------------------------------------------- */

/* "2015-04-09T11:52:19Z", fraction of a second tolerated. */
static int
model_parse_utc(const char *s, time_t *out)
{
	int Y, M, D, h, m, sec, used = 0;
	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &Y, &M, &D, &h, &m, &sec,
		&used) != 6)
		return -1;
	const char *p = s + used;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	if (strcmp(p, "Z") || M < 1 || M > 12 || D < 1 || D > 31 || h > 23 ||
		m > 59 || sec > 60)
		return -1;
	struct tm tm = {
		.tm_year = Y - 1900, .tm_mon = M - 1, .tm_mday = D,
		.tm_hour = h, .tm_min = m, .tm_sec = sec,
	};
	*out = timegm(&tm);
	return 0;
}

static int
parse_credentials(struct jctx *x, json_t *cr, void *out)
{
	struct sts_credentials *c = out;
	char *expiration = NULL;
	if (jstr(x, cr, "AccessKeyId", true, &c->access_key_id) < 0 ||
		jstr(x, cr, "AccessKeySecret", true, &c->access_key_secret) < 0 ||
		jstr(x, cr, "SecurityToken", true, &c->security_token) < 0 ||
		jstr(x, cr, "Expiration", true, &expiration) < 0)
		return -1;
	int rc = model_parse_utc(expiration, &c->expiration);
	if (rc < 0) {
		char ex[MODEL_EXCERPT + 8];
		model_excerpt(expiration, strlen(expiration), ex, sizeof(ex));
		err_set(x->e, ERR_PROTOCOL, "%s: Credentials.Expiration '%s' "
			"is not a UTC time like 2015-04-09T11:52:19Z", x->what,
			ex);
	}
	free(expiration);
	return rc;
}

static int
parse_role_user(struct jctx *x, json_t *user, void *out)
{
	struct sts_credentials *c = out;
	return jstr(x, user, "Arn", false, &c->assumed_role_arn);
}

static int
parse_assume_role(struct jctx *x, json_t *root, void *out)
{
	struct sts_credentials *c = out;
	if (jobject(x, root, "Credentials", true, parse_credentials, c) < 0 ||
		jobject(x, root, "AssumedRoleUser", false, parse_role_user,
		c) < 0)
		return -1;
	jrequest_id(root, c->request_id, sizeof(c->request_id));
	return 0;
}

int
model_parse_assume_role(const char *body, size_t len,
	struct sts_credentials *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	if (jparse("AssumeRole response", body, len, parse_assume_role, out,
		e) == 0)
		return 0;
	model_sts_credentials_free(out);
	return -1;
}

void
model_sts_credentials_free(struct sts_credentials *c)
{
	if (!c)
		return;
	free(c->access_key_id);
	buf_secret_free(c->access_key_secret);
	buf_secret_free(c->security_token);
	free(c->assumed_role_arn);
	memset(c, 0, sizeof(*c));
}

static int
parse_caller_identity(struct jctx *x, json_t *root, void *out)
{
	struct caller_identity *c = out;
	if (jint(x, root, "AccountId", true, &c->account_id) < 0 ||
		jstr(x, root, "Arn", false, &c->arn) < 0 ||
		jstr(x, root, "IdentityType", false, &c->identity_type) < 0 ||
		jstr(x, root, "PrincipalId", false, &c->principal_id) < 0 ||
		jstr(x, root, "UserId", false, &c->user_id) < 0)
		return -1;
	if (c->account_id <= 0)
		return err_set(x->e, ERR_PROTOCOL, "%s: AccountId is %" PRId64
			", expected a positive account id", x->what,
			c->account_id);
	jrequest_id(root, c->request_id, sizeof(c->request_id));
	return 0;
}

int
model_parse_caller_identity(const char *body, size_t len,
	struct caller_identity *out, struct err *e)
{
	memset(out, 0, sizeof(*out));
	if (jparse("GetCallerIdentity response", body, len,
		parse_caller_identity, out, e) == 0)
		return 0;
	model_caller_identity_free(out);
	return -1;
}

void
model_caller_identity_free(struct caller_identity *c)
{
	if (!c)
		return;
	free(c->arn);
	free(c->identity_type);
	free(c->principal_id);
	free(c->user_id);
	memset(c, 0, sizeof(*c));
}

/* --- error bodies ------------------------------------------------------- */

static void
jcopy_field(json_t *root, const char *key, const char *alt, char *out,
	size_t outsz)
{
	json_t *v = json_object_get(root, key);
	if (!json_is_string(v) && alt)
		v = json_object_get(root, alt);
	if (!json_is_string(v))
		return;
	/* Kept as sent (a NUL aside): every output path makes it safe with
	 * text.h, showing controls escaped rather than hiding them. */
	const char *s = json_string_value(v);
	size_t n = json_string_length(v), j = 0;
	for (size_t i = 0; i < n && j + 1 < outsz; i++)
		out[j++] = s[i] ? s[i] : '?';
	out[j] = '\0';
}

/* jcopy_field's whole text on the heap, or NULL when absent. */
static char *
jdup_field(json_t *root, const char *key, const char *alt)
{
	json_t *v = json_object_get(root, key);
	if (!json_is_string(v) && alt)
		v = json_object_get(root, alt);
	if (!json_is_string(v))
		return NULL;
	size_t n = json_string_length(v);
	char *out = xmalloc(n + 1);
	jcopy_field(root, key, alt, out, n + 1);
	return out;
}

static bool
model_error_retryable(const struct err *e)
{
	return err_is_throttling(e) ||
		!strcmp(e->code, "ServiceUnavailable") ||
		(e->http_status >= 500 && e->http_status <= 599);
}

void
model_parse_error(long http_status, const char *body, size_t len,
	struct err *e)
{
	err_clear(e);
	e->kind = ERR_API;
	e->http_status = http_status;
	json_t *root = NULL;
	if (body && len)
		root = json_loadb(body, len, 0, NULL);
	if (json_is_object(root)) {
		jcopy_field(root, "Code", "code", e->code, sizeof(e->code));
		jcopy_field(root, "RequestId", "requestId", e->request_id,
			sizeof(e->request_id));
		char *msg = jdup_field(root, "Message", "message");
		if (msg)
			err_set_message(e, msg, strlen(msg));
		free(msg);
		char *host = jdup_field(root, "HostId", "hostId");
		char *rec = jdup_field(root, "Recommend", "recommend");
		if (host)
			err_details(e)->host_id = host;
		if (rec)
			err_details(e)->recommend = rec;
		if (!e->message[0])
			snprintf(e->message, sizeof(e->message), "HTTP %ld%s",
				http_status, e->code[0] ? "" :
				" with no error code in the body");
	} else if (!body || len == 0) {
		snprintf(e->message, sizeof(e->message),
			"HTTP %ld with an empty body", http_status);
	} else {
		char ex[MODEL_EXCERPT + 8];
		model_excerpt(body, len, ex, sizeof(ex));
		snprintf(e->message, sizeof(e->message),
			"HTTP %ld with a non-JSON body: '%s'", http_status, ex);
	}
	json_decref(root);
	e->retryable = model_error_retryable(e);
}
