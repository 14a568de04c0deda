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
recorder_status_name(enum recorder_status s)
{
	if ((unsigned)s < sizeof(recorder_names) / sizeof(recorder_names[0]))
		return recorder_names[s];
	return "UNKNOWN";
}

enum recorder_status
recorder_status_parse(const char *s)
{
	if (!s)
		return RECORDER_UNKNOWN;
	for (int i = RECORDER_REGISTRABLE; i <= RECORDER_REBUILDING; i++)
		if (!strcmp(s, recorder_names[i]))
			return (enum recorder_status)i;
	return RECORDER_UNKNOWN;
}

/* --- paths and errors --------------------------------------------------- */

static size_t
jpath_key(struct jctx *x, const char *key)
{
	size_t old = x->plen;
	int n = snprintf(x->path + x->plen, sizeof(x->path) - x->plen, "%s%s",
		x->plen ? "." : "", key);
	if (n > 0)
		x->plen += (size_t)n;
	if (x->plen >= sizeof(x->path))
		x->plen = sizeof(x->path) - 1;
	return old;
}

static size_t
jpath_index(struct jctx *x, size_t i)
{
	size_t old = x->plen;
	int n = snprintf(x->path + x->plen, sizeof(x->path) - x->plen, "[%zu]",
		i);
	if (n > 0)
		x->plen += (size_t)n;
	if (x->plen >= sizeof(x->path))
		x->plen = sizeof(x->path) - 1;
	return old;
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

/* The member, or NULL when absent or null. */
static json_t *
jget(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	return json_is_null(v) ? NULL : v;
}

static int
jstr_value(struct jctx *x, json_t *v, char **out)
{
	if (json_is_string(v)) {
		*out = xstrndup(json_string_value(v), json_string_length(v));
		return 0;
	}
	if (json_is_integer(v)) {
		char tmp[32];
		snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT,
			json_integer_value(v));
		*out = xstrdup(tmp);
		return 0;
	}
	return jerr_type(x, v, "a string");
}

/* `out` is left NULL when the field is absent and not required. */
static int
jstr(struct jctx *x, json_t *obj, const char *key, bool required, char **out)
{
	*out = NULL;
	size_t old = jpath_key(x, key);
	json_t *v = jget(obj, key);
	int rc = 0;
	if (!v)
		rc = required ? jerr_missing(x) : 0;
	else
		rc = jstr_value(x, v, out);
	if (rc == 0)
		jpath_pop(x, old);
	return rc;
}

static int
jint_value(struct jctx *x, json_t *v, int64_t *out)
{
	if (json_is_integer(v)) {
		*out = (int64_t)json_integer_value(v);
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
		*out = (int64_t)n;
		return 0;
	}
	if (json_is_real(v)) {
		double d = json_real_value(v);
		/* An integral value written as 1.6e12 is still an integer;
		 * beyond 2^53 a double no longer holds it exactly. */
		if (d == (double)(int64_t)d && d > -9007199254740992.0 &&
			d < 9007199254740992.0) {
			*out = (int64_t)d;
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
	size_t old = jpath_key(x, key);
	json_t *v = jget(obj, key);
	int rc = 0;
	if (!v)
		rc = required ? jerr_missing(x) : 0;
	else
		rc = jint_value(x, v, out);
	if (rc == 0)
		jpath_pop(x, old);
	return rc;
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
member_free(struct member *m)
{
	free(m->name);
	free(m->type);
	free(m->status_raw);
	memset(m, 0, sizeof(*m));
}

void
aggregator_free(struct aggregator *a)
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
aggregator_copy(struct aggregator *dst, const struct aggregator *src)
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

static int
parse_tags(struct jctx *x, json_t *obj, struct aggregator *a)
{
	json_t *arr;
	if (jcontainer(x, obj, "Tags", false, JSON_ARRAY, &arr) < 0)
		return -1;
	size_t n = arr ? json_array_size(arr) : 0;
	if (n == 0)
		return 0;
	size_t old = jpath_key(x, "Tags");
	a->tags = xcalloc(n, sizeof(*a->tags));
	for (size_t i = 0; i < n; i++) {
		json_t *t = json_array_get(arr, i);
		size_t o2 = jpath_index(x, i);
		if (!json_is_object(t))
			return jerr_type(x, t, "an object");
		a->ntags++;
		if (jstr(x, t, "TagKey", false, &a->tags[i].key) < 0 ||
			jstr(x, t, "TagValue", false, &a->tags[i].value) < 0)
			return -1;
		jpath_pop(x, o2);
	}
	jpath_pop(x, old);
	return 0;
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
	m->status = recorder_status_parse(m->status_raw);
	return 0;
}

static void
aggregator_array_free(struct aggregator *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		aggregator_free(&items[i]);
	free(items);
}

int
model_parse_aggregators_page(const char *body, size_t len,
	struct aggregator_list *list, char **next_token, struct err *e)
{
	struct jctx x = { .what = "ListAggregators response", .e = e };
	*next_token = NULL;
	json_t *root = jload(&x, body, len);
	if (!root)
		return -1;
	json_t *res, *arr;
	char *token = NULL;
	struct aggregator *items = NULL;
	size_t n = 0, done = 0;
	if (jcontainer(&x, root, "AggregatorsResult", true, JSON_OBJECT, &res) < 0)
		goto fail;
	size_t old = jpath_key(&x, "AggregatorsResult");
	if (jcontainer(&x, res, "Aggregators", false, JSON_ARRAY, &arr) < 0 ||
		jstr(&x, res, "NextToken", false, &token) < 0)
		goto fail;
	jpath_pop(&x, old);
	/* Terraform reads the token at the top level: accept it there too. */
	if (!token && jstr(&x, root, "NextToken", false, &token) < 0)
		goto fail;

	n = arr ? json_array_size(arr) : 0;
	if (n)
		items = xcalloc(n, sizeof(*items));
	old = jpath_key(&x, "AggregatorsResult");
	jpath_key(&x, "Aggregators");
	for (; done < n; done++) {
		size_t o2 = jpath_index(&x, done);
		if (parse_aggregator(&x, json_array_get(arr, done),
			&items[done]) < 0) {
			done++;  /* partly filled: free it too */
			goto fail;
		}
		jpath_pop(&x, o2);
	}
	jpath_pop(&x, old);

	if (n) {
		list->items = xrealloc(list->items,
			(list->count + n) * sizeof(*list->items));
		memcpy(list->items + list->count, items, n * sizeof(*items));
		list->count += n;
		free(items);
	}
	list->pages++;
	jrequest_id(root, list->request_id, sizeof(list->request_id));
	if (token && token[0])
		*next_token = token;
	else
		free(token);
	json_decref(root);
	return 0;
fail:
	aggregator_array_free(items, done);
	free(token);
	json_decref(root);
	return -1;
}

void
aggregator_list_free(struct aggregator_list *l)
{
	if (!l)
		return;
	aggregator_array_free(l->items, l->count);
	memset(l, 0, sizeof(*l));
}

int
model_parse_aggregator(const char *body, size_t len,
	struct aggregator_detail *out, struct err *e)
{
	struct jctx x = { .what = "GetAggregator response", .e = e };
	memset(out, 0, sizeof(*out));
	json_t *root = jload(&x, body, len);
	if (!root)
		return -1;
	json_t *agg, *arr;
	if (jcontainer(&x, root, "Aggregator", true, JSON_OBJECT, &agg) < 0)
		goto fail;
	size_t old = jpath_key(&x, "Aggregator");
	if (parse_aggregator(&x, agg, &out->agg) < 0 ||
		jcontainer(&x, agg, "AggregatorAccounts", false, JSON_ARRAY,
			&arr) < 0)
		goto fail;
	size_t n = arr ? json_array_size(arr) : 0;
	if (n)
		out->members = xcalloc(n, sizeof(*out->members));
	jpath_key(&x, "AggregatorAccounts");
	for (size_t i = 0; i < n; i++) {
		size_t o2 = jpath_index(&x, i);
		out->nmembers++;
		if (parse_member(&x, json_array_get(arr, i),
			&out->members[i]) < 0)
			goto fail;
		jpath_pop(&x, o2);
	}
	jpath_pop(&x, old);
	jrequest_id(root, out->request_id, sizeof(out->request_id));
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	aggregator_detail_free(out);
	return -1;
}

void
aggregator_detail_free(struct aggregator_detail *d)
{
	if (!d)
		return;
	aggregator_free(&d->agg);
	for (size_t i = 0; i < d->nmembers; i++)
		member_free(&d->members[i]);
	free(d->members);
	memset(d, 0, sizeof(*d));
}

/* --- recorder ----------------------------------------------------------- */

int
model_parse_recorder(const char *body, size_t len, struct recorder *out,
	struct err *e)
{
	struct jctx x = { .what = "ConfigurationRecorder response", .e = e };
	memset(out, 0, sizeof(*out));
	json_t *root = jload(&x, body, len);
	if (!root)
		return -1;
	json_t *rec, *arr;
	if (jcontainer(&x, root, "ConfigurationRecorder", true, JSON_OBJECT,
		&rec) < 0)
		goto fail;
	size_t old = jpath_key(&x, "ConfigurationRecorder");
	if (jstr(&x, rec, "ConfigurationRecorderStatus", true,
		&out->status_raw) < 0 ||
		jcontainer(&x, rec, "ResourceTypes", false, JSON_ARRAY, &arr) < 0)
		goto fail;
	out->status = recorder_status_parse(out->status_raw);
	size_t n = arr ? json_array_size(arr) : 0;
	if (n)
		out->resource_types = xcalloc(n, sizeof(char *));
	jpath_key(&x, "ResourceTypes");
	for (size_t i = 0; i < n; i++) {
		size_t o2 = jpath_index(&x, i);
		json_t *v = json_array_get(arr, i);
		if (!json_is_string(v)) {
			jerr_type(&x, v, "a string");
			goto fail;
		}
		out->resource_types[out->ntypes++] = xstrndup(
			json_string_value(v), json_string_length(v));
		jpath_pop(&x, o2);
	}
	jpath_pop(&x, old);
	jrequest_id(root, out->request_id, sizeof(out->request_id));
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	recorder_free(out);
	return -1;
}

void
recorder_free(struct recorder *r)
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

int
model_parse_assume_role(const char *body, size_t len,
	struct sts_credentials *out, struct err *e)
{
	struct jctx x = { .what = "AssumeRole response", .e = e };
	memset(out, 0, sizeof(*out));
	json_t *root = jload(&x, body, len);
	if (!root)
		return -1;
	json_t *cr, *user;
	char *expiration = NULL;
	if (jcontainer(&x, root, "Credentials", true, JSON_OBJECT, &cr) < 0)
		goto fail;
	size_t old = jpath_key(&x, "Credentials");
	if (jstr(&x, cr, "AccessKeyId", true, &out->access_key_id) < 0 ||
		jstr(&x, cr, "AccessKeySecret", true, &out->access_key_secret) < 0 ||
		jstr(&x, cr, "SecurityToken", true, &out->security_token) < 0 ||
		jstr(&x, cr, "Expiration", true, &expiration) < 0)
		goto fail;
	if (model_parse_utc(expiration, &out->expiration) < 0) {
		char ex[MODEL_EXCERPT + 8];
		model_excerpt(expiration, strlen(expiration), ex, sizeof(ex));
		err_set(e, ERR_PROTOCOL, "%s: Credentials.Expiration '%s' is not "
			"a UTC time like 2015-04-09T11:52:19Z", x.what, ex);
		goto fail;
	}
	jpath_pop(&x, old);
	if (jcontainer(&x, root, "AssumedRoleUser", false, JSON_OBJECT, &user) < 0)
		goto fail;
	if (user) {
		old = jpath_key(&x, "AssumedRoleUser");
		if (jstr(&x, user, "Arn", false, &out->assumed_role_arn) < 0)
			goto fail;
		jpath_pop(&x, old);
	}
	jrequest_id(root, out->request_id, sizeof(out->request_id));
	free(expiration);
	json_decref(root);
	return 0;
fail:
	free(expiration);
	json_decref(root);
	sts_credentials_free(out);
	return -1;
}

void
sts_credentials_free(struct sts_credentials *c)
{
	if (!c)
		return;
	free(c->access_key_id);
	secret_free(c->access_key_secret);
	secret_free(c->security_token);
	free(c->assumed_role_arn);
	memset(c, 0, sizeof(*c));
}

int
model_parse_caller_identity(const char *body, size_t len,
	struct caller_identity *out, struct err *e)
{
	struct jctx x = { .what = "GetCallerIdentity response", .e = e };
	memset(out, 0, sizeof(*out));
	json_t *root = jload(&x, body, len);
	if (!root)
		return -1;
	if (jint(&x, root, "AccountId", true, &out->account_id) < 0 ||
		jstr(&x, root, "Arn", false, &out->arn) < 0 ||
		jstr(&x, root, "IdentityType", false, &out->identity_type) < 0 ||
		jstr(&x, root, "PrincipalId", false, &out->principal_id) < 0 ||
		jstr(&x, root, "UserId", false, &out->user_id) < 0)
		goto fail;
	if (out->account_id <= 0) {
		err_set(e, ERR_PROTOCOL, "%s: AccountId is %" PRId64 ", expected "
			"a positive account id", x.what, out->account_id);
		goto fail;
	}
	jrequest_id(root, out->request_id, sizeof(out->request_id));
	json_decref(root);
	return 0;
fail:
	json_decref(root);
	caller_identity_free(out);
	return -1;
}

void
caller_identity_free(struct caller_identity *c)
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
	/* Keep it printable: this text reaches terminals. */
	const char *s = json_string_value(v);
	size_t n = json_string_length(v), j = 0;
	for (size_t i = 0; i < n && j + 1 < outsz; i++) {
		unsigned char c = (unsigned char)s[i];
		out[j++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
	}
	out[j] = '\0';
}

static bool
model_error_retryable(const struct err *e)
{
	return e->retry_after_ms > 0 || err_code_is(e, "Throttling") ||
		!strcmp(e->code, "Rejected.Throttling") ||
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
		jcopy_field(root, "Message", "message", e->message,
			sizeof(e->message));
		jcopy_field(root, "RequestId", "requestId", e->request_id,
			sizeof(e->request_id));
		jcopy_field(root, "HostId", "hostId", e->host_id,
			sizeof(e->host_id));
		jcopy_field(root, "Recommend", "recommend", e->recommend,
			sizeof(e->recommend));
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
