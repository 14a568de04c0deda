/* emu_config: the Cloud Config 2020-09-07 actions, shaped exactly as
 * docs/wire-reference.md#operations gives them (AggregatorCreateTimestamp a
 * number in ListAggregators and a string in GetAggregator), plus the action table that
 * routes every API the emulator serves. */
#include "emu.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const struct emu_action emu_actions[] = {
	{"ListAggregators", "2020-09-07", "Config", emu_config_list_aggregators},
	{"GetAggregator", "2020-09-07", "Config", emu_config_get_aggregator},
	{"GetConfigurationRecorder", "2020-09-07", "Config",
		emu_config_get_recorder},
	{"StartConfigurationRecorder", "2020-09-07", "Config",
		emu_config_start_recorder},
	{"StopConfigurationRecorder", "2020-09-07", "Config",
		emu_config_stop_recorder},
	{"AssumeRole", "2015-04-01", "Sts", emu_sts_assume_role},
	{"GetCallerIdentity", "2015-04-01", "Sts", emu_sts_get_caller_identity},
	{"ListAccounts", "2022-04-19", "ResourceDirectoryMaster",
		emu_rd_list_accounts},
};

const struct emu_action *
emu_action_find(const char *action, const char *version)
{
	for (size_t i = 0; i < sizeof(emu_actions) / sizeof(emu_actions[0]);
		i++) {
		if (strcmp(emu_actions[i].action, action) == 0 &&
			strcmp(emu_actions[i].version, version) == 0)
			return &emu_actions[i];
	}
	return NULL;
}

/* ---- NextToken: opaque, tamper-evident, bound to the caller ---- */

static const char emu_b64[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static uint32_t
emu_token_check(uint32_t offset, int64_t owner)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325) ^ offset;
	h = (h ^ (uint64_t)owner) * UINT64_C(0x100000001b3);
	h ^= h >> 29;
	h *= UINT64_C(0xbf58476d1ce4e5b9);
	return (uint32_t)(h >> 32);
}

/* 13 bytes (version, offset, owner low bits, check) in base64 with its
 * padding: like the real tokens it holds '+', '/' and '=' at times, so
 * clients must encode it properly. */
static void
emu_token_encode(uint32_t offset, int64_t owner, char out[24])
{
	unsigned char b[15] = {0};
	uint32_t check = emu_token_check(offset, owner);
	uint32_t own = (uint32_t)owner;
	b[0] = 0xE1;
	for (int i = 0; i < 4; i++) {
		b[1 + i] = (unsigned char)(offset >> (8 * i));
		b[5 + i] = (unsigned char)(own >> (8 * i));
		b[9 + i] = (unsigned char)(check >> (8 * i));
	}
	size_t o = 0;
	for (size_t i = 0; i < 13; i += 3) {
		uint32_t v = (uint32_t)b[i] << 16 | (uint32_t)b[i + 1] << 8 |
			b[i + 2];
		out[o++] = emu_b64[(v >> 18) & 63];
		out[o++] = emu_b64[(v >> 12) & 63];
		out[o++] = i + 1 < 13 ? emu_b64[(v >> 6) & 63] : '=';
		out[o++] = i + 2 < 13 ? emu_b64[v & 63] : '=';
	}
	out[o] = '\0';
}

static int
emu_token_decode(const char *s, int64_t owner, uint32_t *offset)
{
	char expect[24];
	if (strlen(s) != 20)
		return -1;
	unsigned char b[15];
	size_t o = 0;
	for (size_t i = 0; i < 20; i += 4) {
		uint32_t v = 0;
		for (size_t j = 0; j < 4; j++) {
			const char *p = s[i + j] == '=' ? emu_b64 :
				strchr(emu_b64, s[i + j]);
			if (!p || s[i + j] == '\0')
				return -1;
			v = v << 6 | (uint32_t)(p - emu_b64);
		}
		b[o++] = (unsigned char)(v >> 16);
		b[o++] = (unsigned char)(v >> 8);
		b[o++] = (unsigned char)v;
	}
	uint32_t off = 0;
	for (int i = 0; i < 4; i++)
		off |= (uint32_t)b[1 + i] << (8 * i);
	/* Re-encoding must give the same text: catches every tampering. */
	emu_token_encode(off, owner, expect);
	if (strcmp(expect, s) != 0)
		return -1;
	*offset = off;
	return 0;
}

/* ---- helpers ---- */

static json_t *
emu_tags_json(const struct emu_group *g)
{
	json_t *a = json_array();
	for (size_t i = 0; i < g->n_tags; i++) {
		json_t *t = json_object();
		json_object_set_new(t, "TagKey", emu_json_str(g->tags[i].key));
		json_object_set_new(t, "TagValue", emu_json_str(g->tags[i].value));
		json_array_append_new(a, t);
	}
	return a;
}

static json_t *
emu_resource_types_json(const struct emu_account *a, enum emu_recorder st)
{
	json_t *arr = json_array();
	if (st != EMU_REGISTERED && st != EMU_REBUILDING)
		return arr;
	if (a->resource_types) {
		for (size_t i = 0; i < a->n_resource_types; i++)
			json_array_append_new(arr,
				emu_json_str(a->resource_types[i]));
	} else {
		for (size_t i = 0; i < emu_n_default_resource_types; i++)
			json_array_append_new(arr,
				json_string(emu_default_resource_types[i]));
	}
	return arr;
}

/* Filter from the Tag parameter: a JSON string [{"Key":..,"Value":..}]
 * (newest SDKs) or flattened Tag.N.Key / Tag.N.Value. */
struct emu_tag_filter {
	struct emu_tag items[20];
	size_t n;
};

static void
emu_tag_filter_free(struct emu_tag_filter *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->items[i].key);
		free(f->items[i].value);
	}
}

static int
emu_tag_filter_parse(const struct emu_request *req, struct emu_tag_filter *f,
	struct emu_reply *r)
{
	memset(f, 0, sizeof(*f));
	const char *tag = params_get(&req->all, "Tag");
	if (tag && *tag) {
		json_error_t jerr;
		json_t *a = json_loads(tag, 0, &jerr);
		size_t i;
		json_t *t;
		if (!json_is_array(a) || json_array_size(a) > 20) {
			json_decref(a);
			emu_reply_error(r, req, 400, "InvalidParameter.Tag",
				"Tag must be a JSON array of at most 20 "
				"{\"Key\":..,\"Value\":..} objects.");
			return -1;
		}
		json_array_foreach(a, i, t) {
			const char *k = json_string_value(json_object_get(t, "Key"));
			const char *v = json_string_value(json_object_get(t,
				"Value"));
			if (!k) {
				json_decref(a);
				emu_tag_filter_free(f);
				emu_reply_error(r, req, 400, "InvalidParameter.Tag",
					"Tag[%zu] has no Key.", i);
				return -1;
			}
			/* Copies: the parsed array is freed below. */
			f->items[f->n].key = xstrdup(k);
			f->items[f->n].value = xstrdup(v);
			f->n++;
		}
		json_decref(a);
		return 0;
	}
	for (int n = 1; n <= 20; n++) {
		char kname[32], vname[32];
		snprintf(kname, sizeof(kname), "Tag.%d.Key", n);
		snprintf(vname, sizeof(vname), "Tag.%d.Value", n);
		const char *k = params_get(&req->all, kname);
		if (!k)
			break;
		f->items[f->n].key = xstrdup(k);
		f->items[f->n].value = xstrdup(params_get(&req->all, vname));
		f->n++;
	}
	return 0;
}

static bool
emu_tag_filter_match(const struct emu_tag_filter *f, const struct emu_group *g)
{
	for (size_t i = 0; i < f->n; i++) {
		bool found = false;
		for (size_t j = 0; j < g->n_tags && !found; j++) {
			found = strcmp(g->tags[j].key, f->items[i].key) == 0 &&
				(!f->items[i].value ||
				 strcmp(g->tags[j].value, f->items[i].value) == 0);
		}
		if (!found)
			return false;
	}
	return true;
}

/* One group as the API shows it, keys in the gateway's order. The detail
 * form (GetAggregator: members given) also carries the folder name; the
 * caller picks the creation time's JSON type, which differs by action. */
static json_t *
emu_group_json(const struct emu_group *g, json_t *created, json_t *members)
{
	json_t *o = json_object();
	json_object_set_new(o, "AccountId", json_integer(g->owner));
	json_object_set_new(o, "AggregatorAccountCount",
		json_integer((json_int_t)g->n_members));
	if (members)
		json_object_set_new(o, "AggregatorAccounts", members);
	json_object_set_new(o, "AggregatorCreateTimestamp", created);
	json_object_set_new(o, "AggregatorId", emu_json_str(g->id));
	json_object_set_new(o, "AggregatorName", emu_json_str(g->name));
	json_object_set_new(o, "AggregatorStatus", json_integer(g->status));
	json_object_set_new(o, "AggregatorType", emu_json_str(g->type));
	json_object_set_new(o, "Description", emu_json_str(g->description));
	json_object_set_new(o, "FolderId", emu_json_str(g->folder_id));
	if (members)
		json_object_set_new(o, "FolderName",
			emu_json_str(g->folder_name));
	json_object_set_new(o, "Tags", emu_tags_json(g));
	return o;
}

/* The named parameter, or NULL once the gateway's Missing<Name> error is
 * in r (an empty value counts as missing). */
static const char *
emu_config_required(const struct emu_request *req, const char *name,
	struct emu_reply *r)
{
	const char *v = params_get(&req->all, name);
	if (v && *v)
		return v;
	char code[64];
	snprintf(code, sizeof(code), "Missing%s", name);
	emu_reply_error(r, req, 400, code, "%s is mandatory for this action.",
		name);
	return NULL;
}

/* ---- actions ---- */

void
emu_config_list_aggregators(struct emu_server *srv,
	const struct emu_request *req, const struct emu_caller *who,
	struct emu_reply *r)
{
	const char *mr = emu_config_required(req, "MaxResults", r);
	if (!mr)
		return;
	char *end;
	errno = 0;
	long max = strtol(mr, &end, 10);
	if (*end != '\0' || errno != 0 || mr[0] < '0' || mr[0] > '9' ||
		max < 1 || max > 100) {
		emu_reply_error(r, req, 400, "InvalidParameter",
			"The specified parameter MaxResults is invalid: it must be "
			"an integer from 1 to 100.");
		return;
	}
	uint32_t offset = 0;
	const char *token = params_get(&req->all, "NextToken");
	if (token && *token &&
		emu_token_decode(token, who->account, &offset) < 0) {
		emu_reply_error(r, req, 400, "Invalid.NextToken.Value",
			"The specified NextToken is invalid.");
		return;
	}
	struct emu_tag_filter filter;
	if (emu_tag_filter_parse(req, &filter, r) < 0)
		return;

	struct emu_state *st = srv->state;
	json_t *list = json_array();
	size_t seen = 0;
	bool more = false;
	pthread_mutex_lock(&st->lock);
	for (size_t i = 0; i < st->sc.n_groups; i++) {
		const struct emu_group *g = &st->sc.groups[i];
		if (g->owner != who->account || !emu_tag_filter_match(&filter, g))
			continue;
		if (seen++ < offset)
			continue;
		if (json_array_size(list) >= (size_t)max) {
			more = true;
			break;
		}
		json_array_append_new(list, emu_group_json(g,
			json_integer(g->created_ms), NULL));
	}
	pthread_mutex_unlock(&st->lock);
	emu_tag_filter_free(&filter);
	if (token && *token && seen < offset) {
		/* The list shrank under the token: nothing left. */
		more = false;
	}

	json_t *result = json_object();
	json_t *body = json_object();
	char next[24];
	if (r->fault == EMU_FAULT_LOOP) {
		/* A server that never ends the list: the first page gives a
		 * next-page token, and every page asked with a token gives
		 * that same token back. */
		more = true;
		if (token && *token)
			snprintf(next, sizeof(next), "%s", token);
		else
			emu_token_encode(offset + (uint32_t)max, who->account,
				next);
	} else if (more) {
		emu_token_encode(offset + (uint32_t)max, who->account, next);
	}
	if (more) {
		json_object_set_new(result, "NextToken", json_string(next));
		/* Terraform reads NextToken at the top level: give both. */
		json_object_set_new(body, "NextToken", json_string(next));
	}
	json_object_set_new(result, "Aggregators", list);
	json_object_set_new(body, "AggregatorsResult", result);
	emu_reply_ok(r, req, body);
}

void
emu_config_get_aggregator(struct emu_server *srv,
	const struct emu_request *req, const struct emu_caller *who,
	struct emu_reply *r)
{
	const char *id = emu_config_required(req, "AggregatorId", r);
	if (!id)
		return;
	struct emu_state *st = srv->state;
	json_t *o = NULL;
	pthread_mutex_lock(&st->lock);
	for (size_t i = 0; i < st->sc.n_groups && !o; i++) {
		const struct emu_group *g = &st->sc.groups[i];
		if (strcmp(g->id, id) != 0 || g->owner != who->account)
			continue;
		char created[32];
		snprintf(created, sizeof(created), "%" PRId64, g->created_ms);
		json_t *members = json_array();
		for (size_t m = 0; m < g->n_members; m++) {
			struct emu_account *a = emu_scenario_account(&st->sc,
				g->members[m]);
			if (!a)
				continue;
			json_t *mo = json_object();
			json_object_set_new(mo, "AccountId", json_integer(a->id));
			json_object_set_new(mo, "AccountName",
				emu_json_str(a->name));
			json_object_set_new(mo, "AccountType",
				json_string("ResourceDirectory"));
			json_object_set_new(mo, "RecorderStatus", json_string(
				emu_recorder_name(emu_state_recorder(st, a))));
			json_array_append_new(members, mo);
		}
		o = emu_group_json(g, json_string(created), members);
	}
	pthread_mutex_unlock(&st->lock);
	if (!o) {
		emu_reply_error(r, req, 400, "Invalid.AggregatorId.Value",
			"The specified AggregatorId is invalid.");
		return;
	}
	json_t *body = json_object();
	json_object_set_new(body, "Aggregator", o);
	emu_reply_ok(r, req, body);
}

static json_t *
emu_recorder_json(const struct emu_account *a, enum emu_recorder status)
{
	json_t *rec = json_object();
	json_object_set_new(rec, "ConfigurationRecorderStatus",
		json_string(emu_recorder_name(status)));
	json_object_set_new(rec, "ResourceTypes",
		emu_resource_types_json(a, status));
	json_t *body = json_object();
	json_object_set_new(body, "ConfigurationRecorder", rec);
	return body;
}

void
emu_config_get_recorder(struct emu_server *srv, const struct emu_request *req,
	const struct emu_caller *who, struct emu_reply *r)
{
	struct emu_state *st = srv->state;
	json_t *body = NULL;
	pthread_mutex_lock(&st->lock);
	struct emu_account *a = emu_scenario_account(&st->sc, who->account);
	if (a)
		body = emu_recorder_json(a, emu_state_recorder(st, a));
	pthread_mutex_unlock(&st->lock);
	if (!body) {
		emu_reply_error(r, req, 404, "AccountNotExisted",
			"Your account does not exist.");
		return;
	}
	emu_reply_ok(r, req, body);
}

void
emu_config_start_recorder(struct emu_server *srv,
	const struct emu_request *req, const struct emu_caller *who,
	struct emu_reply *r)
{
	if (who->read_only) {
		emu_reply_error(r, req, 400, "NoPermission",
			"You are not authorized to perform this operation.");
		return;
	}
	struct emu_state *st = srv->state;
	json_t *body = NULL;
	bool running = false, missing = false;
	pthread_mutex_lock(&st->lock);
	struct emu_account *a = emu_scenario_account(&st->sc, who->account);
	if (!a) {
		missing = true;
	} else {
		enum emu_recorder s = emu_state_recorder(st, a);
		if (s == EMU_BUILDING || s == EMU_REBUILDING) {
			running = true;
		} else {
			if (s == EMU_REGISTRABLE) {
				a->status = EMU_BUILDING;
				a->build_done = emu_now_mono() + st->build_seconds;
				/* A zero build time still answers BUILDING once. */
				if (a->build_done <= 0)
					a->build_done = 1e-9;
			}
			body = emu_recorder_json(a, a->status);
		}
	}
	pthread_mutex_unlock(&st->lock);
	if (missing) {
		emu_reply_error(r, req, 404, "AccountNotExisted",
			"Your account does not exist.");
	} else if (running) {
		emu_reply_error(r, req, 400, "ProcessIsRunning",
			"The process is running.");
	} else {
		emu_reply_ok(r, req, body);
	}
}
