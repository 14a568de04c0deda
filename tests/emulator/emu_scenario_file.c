/* emu_scenario_file: load a hand-written scenario (JSON). Every problem is
 * reported as "FILE: path.to[3].field: what is wrong", and unknown fields are
 * refused, so a typo is caught instead of silently ignored. The format is
 * documented in the README (notes/readme-emulator.md). */
#include "emu.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

struct emu_loader {
	const char *file;
	struct err *e;
};

static int
emu_fail(struct emu_loader *ld, const char *where, const char *what)
{
	return err_set(ld->e, ERR_CONFIG, "%s: %s: %s", ld->file, where, what);
}

/* Refuse fields not in `allowed` (NULL-terminated). */
static int
emu_only_fields(struct emu_loader *ld, json_t *obj, const char *where,
	const char *const *allowed)
{
	const char *k;
	json_t *v;
	json_object_foreach(obj, k, v) {
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			ok = ok || strcmp(*a, k) == 0;
		if (!ok) {
			char msg[300];
			snprintf(msg, sizeof(msg), "unknown field \"%.200s\"", k);
			return emu_fail(ld, where, msg);
		}
	}
	return 0;
}

/* Account ids are 16-digit numbers; accept a JSON integer or a string of
 * digits, since both forms appear in Alibaba's own examples. */
static int
emu_get_id(struct emu_loader *ld, json_t *v, const char *where, int64_t *out)
{
	if (json_is_integer(v) && json_integer_value(v) > 0) {
		*out = json_integer_value(v);
		return 0;
	}
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		char *end;
		errno = 0;
		long long n = strtoll(s, &end, 10);
		if (s[0] >= '0' && s[0] <= '9' && *end == '\0' && errno == 0 &&
			n > 0) {
			*out = n;
			return 0;
		}
	}
	return emu_fail(ld, where,
		"expected an account id (a positive integer or a string of digits)");
}

static int
emu_get_str(struct emu_loader *ld, json_t *obj, const char *field,
	const char *where, bool required, const char *def, char **out)
{
	json_t *v = json_object_get(obj, field);
	char path[256];
	snprintf(path, sizeof(path), "%s.%s", where, field);
	if (!v) {
		if (required)
			return emu_fail(ld, path, "missing (required)");
		*out = xstrdup(def);
		return 0;
	}
	if (!json_is_string(v))
		return emu_fail(ld, path, "expected a string");
	*out = xstrdup(json_string_value(v));
	return 0;
}

static int
emu_get_bool(struct emu_loader *ld, json_t *obj, const char *field,
	const char *where, bool def, bool *out)
{
	json_t *v = json_object_get(obj, field);
	char path[256];
	snprintf(path, sizeof(path), "%s.%s", where, field);
	if (!v) {
		*out = def;
		return 0;
	}
	if (!json_is_boolean(v))
		return emu_fail(ld, path, "expected true or false");
	*out = json_is_true(v);
	return 0;
}

static json_t *
emu_get_array(struct emu_loader *ld, json_t *obj, const char *field,
	const char *where, int *rc)
{
	json_t *v = json_object_get(obj, field);
	*rc = 0;
	if (!v)
		return NULL;
	if (!json_is_array(v)) {
		char path[256];
		snprintf(path, sizeof(path), "%s%s%s", where, *where ? "." : "",
			field);
		*rc = emu_fail(ld, path, "expected an array");
	}
	return v;
}

static int
emu_load_account(struct emu_loader *ld, json_t *o, const char *where,
	struct emu_account *a)
{
	static const char *const fields[] = {"id", "name", "recorder_status",
		"resource_types", "rd_member", "folder", "type", "join_method",
		"member_status", "join_time", "deletion_status", "access_role",
		"delegated_admin", NULL};
	char path[256];
	int rc;
	if (!json_is_object(o))
		return emu_fail(ld, where, "expected an object");
	if (emu_only_fields(ld, o, where, fields) < 0)
		return -1;
	json_t *id = json_object_get(o, "id");
	snprintf(path, sizeof(path), "%s.id", where);
	if (!id)
		return emu_fail(ld, path, "missing (required)");
	if (emu_get_id(ld, id, path, &a->id) < 0)
		return -1;
	if (emu_get_str(ld, o, "name", where, true, NULL, &a->name) < 0)
		return -1;
	char *status = NULL;
	if (emu_get_str(ld, o, "recorder_status", where, false, "REGISTRABLE",
		&status) < 0)
		return -1;
	rc = emu_recorder_parse(status, &a->status);
	free(status);
	if (rc < 0) {
		snprintf(path, sizeof(path), "%s.recorder_status", where);
		return emu_fail(ld, path, "expected REGISTRABLE, BUILDING, "
			"REGISTERED or REBUILDING");
	}
	if (emu_get_bool(ld, o, "rd_member", where, true, &a->rd_member) < 0)
		return -1;
	bool role = true;
	if (emu_get_str(ld, o, "folder", where, false, NULL, &a->folder_id) < 0 ||
		emu_get_str(ld, o, "type", where, false, NULL, &a->rd_type) < 0 ||
		emu_get_str(ld, o, "join_method", where, false, NULL,
			&a->join_method) < 0 ||
		emu_get_str(ld, o, "member_status", where, false, NULL,
			&a->rd_status) < 0 ||
		emu_get_str(ld, o, "join_time", where, false, NULL,
			&a->join_time) < 0 ||
		emu_get_str(ld, o, "deletion_status", where, false, "",
			&a->deletion_status) < 0 ||
		emu_get_bool(ld, o, "access_role", where, true, &role) < 0 ||
		emu_get_bool(ld, o, "delegated_admin", where, false,
			&a->delegated_admin) < 0)
		return -1;
	a->no_access_role = !role;
	if (a->rd_type && strcmp(a->rd_type, "CloudAccount") != 0 &&
		strcmp(a->rd_type, "ResourceAccount") != 0) {
		snprintf(path, sizeof(path), "%s.type", where);
		return emu_fail(ld, path, "expected CloudAccount or "
			"ResourceAccount");
	}
	if (a->join_method && strcmp(a->join_method, "invited") != 0 &&
		strcmp(a->join_method, "created") != 0) {
		snprintf(path, sizeof(path), "%s.join_method", where);
		return emu_fail(ld, path, "expected invited or created");
	}
	json_t *types = emu_get_array(ld, o, "resource_types", where, &rc);
	if (rc < 0)
		return -1;
	if (types) {
		size_t i;
		json_t *t;
		a->resource_types = xcalloc(json_array_size(types) + 1,
			sizeof(char *));
		json_array_foreach(types, i, t) {
			if (!json_is_string(t)) {
				snprintf(path, sizeof(path),
					"%s.resource_types[%zu]", where, i);
				return emu_fail(ld, path, "expected a string");
			}
			a->resource_types[a->n_resource_types++] =
				xstrdup(json_string_value(t));
		}
	}
	return 0;
}

static int
emu_load_group(struct emu_loader *ld, json_t *o, const char *where,
	struct emu_group *g, int64_t management)
{
	static const char *const fields[] = {"id", "name", "type", "status",
		"description", "folder_id", "folder_name", "tags", "created",
		"owner", "members", NULL};
	char path[256];
	int rc;
	if (!json_is_object(o))
		return emu_fail(ld, where, "expected an object");
	if (emu_only_fields(ld, o, where, fields) < 0)
		return -1;
	if (emu_get_str(ld, o, "id", where, true, NULL, &g->id) < 0 ||
		emu_get_str(ld, o, "name", where, true, NULL, &g->name) < 0 ||
		emu_get_str(ld, o, "type", where, false, "CUSTOM", &g->type) < 0 ||
		emu_get_str(ld, o, "description", where, false, "",
			&g->description) < 0 ||
		emu_get_str(ld, o, "folder_id", where, false, "",
			&g->folder_id) < 0 ||
		emu_get_str(ld, o, "folder_name", where, false, "",
			&g->folder_name) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s.id", where);
	if (strncmp(g->id, "ca-", 3) != 0 || g->id[3] == '\0')
		return emu_fail(ld, path, "a group id starts with \"ca-\"");
	if (strcmp(g->type, "RD") != 0 && strcmp(g->type, "FOLDER") != 0 &&
		strcmp(g->type, "CUSTOM") != 0) {
		snprintf(path, sizeof(path), "%s.type", where);
		return emu_fail(ld, path, "expected RD, FOLDER or CUSTOM");
	}
	json_t *v = json_object_get(o, "status");
	g->status = 1;
	if (v) {
		snprintf(path, sizeof(path), "%s.status", where);
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
			json_integer_value(v) > 2)
			return emu_fail(ld, path,
				"expected 0 (creating), 1 (created) or 2 (deleting)");
		g->status = (int)json_integer_value(v);
	}
	v = json_object_get(o, "created");
	g->created_ms = INT64_C(1623036305000);
	if (v) {
		snprintf(path, sizeof(path), "%s.created", where);
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			return emu_fail(ld, path,
				"expected milliseconds since 1970 (an integer)");
		g->created_ms = json_integer_value(v);
	}
	g->owner = management;
	v = json_object_get(o, "owner");
	if (v) {
		snprintf(path, sizeof(path), "%s.owner", where);
		if (emu_get_id(ld, v, path, &g->owner) < 0)
			return -1;
	}
	v = json_object_get(o, "tags");
	if (v) {
		snprintf(path, sizeof(path), "%s.tags", where);
		if (!json_is_object(v))
			return emu_fail(ld, path,
				"expected an object of \"key\": \"value\" pairs");
		const char *k;
		json_t *tv;
		g->tags = xcalloc(json_object_size(v) + 1, sizeof(*g->tags));
		json_object_foreach(v, k, tv) {
			if (!json_is_string(tv)) {
				char p2[400];
				snprintf(p2, sizeof(p2), "%s.%.100s", path, k);
				return emu_fail(ld, p2, "expected a string");
			}
			g->tags[g->n_tags].key = xstrdup(k);
			g->tags[g->n_tags].value = xstrdup(json_string_value(tv));
			g->n_tags++;
		}
	}
	json_t *members = emu_get_array(ld, o, "members", where, &rc);
	if (rc < 0)
		return -1;
	g->members = xcalloc(members ? json_array_size(members) + 1 : 1,
		sizeof(*g->members));
	if (members) {
		size_t i;
		json_t *m;
		json_array_foreach(members, i, m) {
			snprintf(path, sizeof(path), "%s.members[%zu]", where, i);
			if (emu_get_id(ld, m, path, &g->members[g->n_members]) < 0)
				return -1;
			for (size_t j = 0; j < g->n_members; j++) {
				if (g->members[j] == g->members[g->n_members])
					return emu_fail(ld, path,
						"account listed twice");
			}
			g->n_members++;
		}
	}
	return 0;
}

static bool
emu_key_id_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 128)
		return false;
	for (; *s; s++) {
		char c = *s;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			(c >= '0' && c <= '9') || c == '-' || c == '_' ||
			c == '.' || c == '@'))
			return false;
	}
	return true;
}

static int
emu_load_key(struct emu_loader *ld, json_t *o, const char *where,
	struct emu_key *k)
{
	static const char *const fields[] = {"id", "secret", "account", "root",
		"read_only", "assume_role", NULL};
	char path[256];
	if (!json_is_object(o))
		return emu_fail(ld, where, "expected an object");
	if (emu_only_fields(ld, o, where, fields) < 0)
		return -1;
	if (emu_get_str(ld, o, "id", where, true, NULL, &k->id) < 0 ||
		emu_get_str(ld, o, "secret", where, true, NULL, &k->secret) < 0)
		return -1;
	snprintf(path, sizeof(path), "%s.id", where);
	if (!emu_key_id_ok(k->id))
		return emu_fail(ld, path, "1-128 characters of A-Z a-z 0-9 . _ @ -");
	snprintf(path, sizeof(path), "%s.secret", where);
	if (k->secret[0] == '\0')
		return emu_fail(ld, path, "must not be empty");
	json_t *v = json_object_get(o, "account");
	snprintf(path, sizeof(path), "%s.account", where);
	if (!v)
		return emu_fail(ld, path, "missing (required)");
	if (emu_get_id(ld, v, path, &k->account) < 0)
		return -1;
	if (emu_get_bool(ld, o, "root", where, false, &k->root) < 0 ||
		emu_get_bool(ld, o, "read_only", where, false, &k->read_only) < 0)
		return -1;
	bool assume = true;
	if (emu_get_bool(ld, o, "assume_role", where, true, &assume) < 0)
		return -1;
	k->no_assume = !assume;
	return 0;
}

/* "directory": {"id": "rd-...", "folders": [{"id", "name", "parent"}],
 * "number_paging": false}. Its presence makes RD and FOLDER groups follow
 * the directory and the service's group limits hold. */
static int
emu_load_directory(struct emu_loader *ld, json_t *d, struct emu_scenario *sc)
{
	static const char *const fields[] = {"id", "folders", "number_paging",
		NULL};
	static const char *const ffields[] = {"id", "name", "parent", NULL};
	char where[64];
	int rc;
	if (!json_is_object(d))
		return emu_fail(ld, "directory", "expected an object");
	if (emu_only_fields(ld, d, "directory", fields) < 0)
		return -1;
	sc->has_directory = true;
	if (emu_get_str(ld, d, "id", "directory", false, "rd-acme01",
		&sc->rd_id) < 0 ||
		emu_get_bool(ld, d, "number_paging", "directory", false,
			&sc->rd_number_paging) < 0)
		return -1;
	json_t *folders = emu_get_array(ld, d, "folders", "directory", &rc);
	if (rc < 0)
		return -1;
	size_t i;
	json_t *f;
	json_array_foreach(folders, i, f) {
		snprintf(where, sizeof(where), "directory.folders[%zu]", i);
		if (!json_is_object(f))
			return emu_fail(ld, where, "expected an object");
		if (emu_only_fields(ld, f, where, ffields) < 0)
			return -1;
		char *id = NULL, *name = NULL, *parent = NULL;
		if (emu_get_str(ld, f, "id", where, true, NULL, &id) < 0 ||
			emu_get_str(ld, f, "name", where, false, "", &name) < 0 ||
			emu_get_str(ld, f, "parent", where, false, NULL,
				&parent) < 0) {
			free(id);
			free(name);
			return -1;
		}
		emu_folder_add(sc, id, name, parent);
		free(id);
		free(name);
		free(parent);
	}
	return 0;
}

static int
emu_load_root(struct emu_loader *ld, json_t *root, struct emu_scenario *sc)
{
	static const char *const fields[] = {"management_account", "accounts",
		"groups", "access_keys", "comment", "directory", NULL};
	char where[64];
	int rc;
	if (!json_is_object(root))
		return emu_fail(ld, "top level", "expected a JSON object");
	if (emu_only_fields(ld, root, "top level", fields) < 0)
		return -1;
	json_t *accounts = emu_get_array(ld, root, "accounts", "", &rc);
	if (rc < 0)
		return -1;
	if (!accounts || json_array_size(accounts) == 0)
		return emu_fail(ld, "accounts", "at least one account is needed");
	json_t *groups = emu_get_array(ld, root, "groups", "", &rc);
	if (rc < 0)
		return -1;
	json_t *keys = emu_get_array(ld, root, "access_keys", "", &rc);
	if (rc < 0)
		return -1;

	size_t i;
	json_t *o;
	sc->accounts = xcalloc(json_array_size(accounts), sizeof(*sc->accounts));
	json_array_foreach(accounts, i, o) {
		snprintf(where, sizeof(where), "accounts[%zu]", i);
		sc->n_accounts++;
		if (emu_load_account(ld, o, where, &sc->accounts[i]) < 0)
			return -1;
	}

	json_t *m = json_object_get(root, "management_account");
	if (m) {
		if (emu_get_id(ld, m, "management_account", &sc->management) < 0)
			return -1;
	} else if (keys && json_array_size(keys) > 0) {
		sc->management = 0;  /* the first key's account, below */
	} else {
		return emu_fail(ld, "management_account",
			"missing: name the management account (or give "
			"access_keys; the first key's account is used)");
	}

	if (keys) {
		sc->keys = xcalloc(json_array_size(keys) + 1, sizeof(*sc->keys));
		json_array_foreach(keys, i, o) {
			snprintf(where, sizeof(where), "access_keys[%zu]", i);
			sc->n_keys++;
			if (emu_load_key(ld, o, where, &sc->keys[i]) < 0)
				return -1;
		}
		if (sc->management == 0)
			sc->management = sc->keys[0].account;
	}
	if (sc->n_keys == 0) {
		/* No keys given: the documented demo keys, on the management
		 * account, so a minimal file is usable at once. */
		sc->keys = xcalloc(3, sizeof(*sc->keys));
		static const struct {
			const char *id, *secret;
			bool root, ro;
		} demo[] = {
			{"demo-ak", "demo-secret", false, false},
			{"demo-ro-ak", "demo-ro-secret", false, true},
			{"demo-root-ak", "demo-root-secret", true, false},
		};
		for (size_t k = 0; k < 3; k++) {
			sc->keys[k].id = xstrdup(demo[k].id);
			sc->keys[k].secret = xstrdup(demo[k].secret);
			sc->keys[k].account = sc->management;
			sc->keys[k].root = demo[k].root;
			sc->keys[k].read_only = demo[k].ro;
		}
		sc->n_keys = 3;
	}

	json_t *dir = json_object_get(root, "directory");
	if (dir && emu_load_directory(ld, dir, sc) < 0)
		return -1;
	if (groups) {
		sc->groups = xcalloc(json_array_size(groups) + 1,
			sizeof(*sc->groups));
		json_array_foreach(groups, i, o) {
			snprintf(where, sizeof(where), "groups[%zu]", i);
			sc->n_groups++;
			if (emu_load_group(ld, o, where, &sc->groups[i],
				sc->management) < 0)
				return -1;
		}
	}
	return 0;
}

int
emu_scenario_load(struct emu_scenario *sc, const char *path, struct err *e)
{
	struct emu_loader ld = {path, e};
	json_error_t jerr;
	memset(sc, 0, sizeof(*sc));
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_CONFIG, "%s: cannot open: %s", path,
			strerror(errno));
	json_t *root = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
	fclose(f);
	if (!root)
		return err_set(e, ERR_CONFIG, "%s: line %d, column %d: %s", path,
			jerr.line, jerr.column, jerr.text);
	int rc = emu_load_root(&ld, root, sc);
	json_decref(root);
	if (rc == 0)
		rc = emu_scenario_finish(sc, path, e);
	if (rc < 0)
		emu_scenario_free(sc);
	return rc;
}
