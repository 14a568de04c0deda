/* cred_files: reading a profile out of the aliyun CLI's config.json or the
 * SDKs' INI credentials file into a struct cred.
 *
 * Both files hold secrets: the raw text is wiped after parsing, messages
 * name files, profiles, fields and line numbers but never quote a value, and
 * names taken from a file are made printable before they reach a terminal. */
#include "cred_files.h"

#include "cred_env.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "ini.h"

#define CRED_MAX_FILE (16L * 1024 * 1024)
/* ChainableRamRoleArn source_profile hops followed before giving up. */
#define CRED_MAX_CHAIN 16
/* STS AssumeRole DurationSeconds bounds. */
#define CRED_MIN_DURATION 900
#define CRED_MAX_DURATION 43200

#define CRED_CLI_MODES "AK, StsToken, RamRoleArn, ChainableRamRoleArn"
#define CRED_INI_TYPES "access_key, sts, ram_role_arn"

/* Short printable copies of file-supplied names for one message. */
struct cred_names {
	char a[80], b[80], c[80];
};

void
cred_files_warn(const struct cred_request *req, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (req && req->warn)
		req->warn(req->warn_ctx, msg);
	else
		fprintf(stderr, "alicfg: warning: %s\n", msg);
}

const char *
cred_files_printable(const char *s, char *out, size_t outsz)
{
	if (!outsz)
		return "";
	size_t n = 0, max = outsz - 1;
	if (!s)
		s = "";
	for (; *s && n < max; s++) {
		unsigned char c = (unsigned char)*s;
		out[n++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	if (*s && max >= 3)
		memcpy(out + max - 3, "...", 3);
	out[n] = '\0';
	return out;
}

const char *
cred_files_home(const char *home, char *out, size_t outsz)
{
	const char *h = home && *home ? home : getenv("HOME");
	char pwbuf[4096];
	struct passwd pw, *res = NULL;
	if ((!h || !*h) && getpwuid_r(getuid(), &pw, pwbuf, sizeof(pwbuf),
			&res) == 0 && res)
		h = res->pw_dir;
	if (!h || !*h || strlen(h) >= outsz)
		return NULL;
	memcpy(out, h, strlen(h) + 1);
	return out;
}

char *
cred_files_cli_path(const char *home)
{
	const char *env = getenv("ALIBABA_CLOUD_CONFIG_FILE");
	if (env && *env)
		return xstrdup(env);
	if (!home)
		return NULL;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/.aliyun/config.json", home);
	return buf_steal(&b);
}

/* Read a whole credentials file. 1: read; 0: it does not exist; -1: error.
 * Warns when group or others may access it. Non-blocking open, so a FIFO
 * in its place cannot hang us before fstat says what it is. */
static int
cred_read_file(const struct cred_lookup *lk, struct buf *out, struct err *e)
{
	int fd = open(lk->path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return err_set(e, ERR_CONFIG, "cannot read %s: %s", lk->path,
			strerror(errno));
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		int saved = errno;
		close(fd);
		return err_set(e, ERR_CONFIG, "cannot read %s: %s", lk->path,
			strerror(saved));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(e, ERR_CONFIG, "cannot read %s: %s", lk->path,
			S_ISDIR(st.st_mode) ? "it is a directory"
			: "not a regular file");
	}
	if (st.st_mode & 077)
		cred_files_warn(lk->req, "%s holds credentials but other "
			"users may access it (mode %04o): run chmod 600 %s", lk->path,
			(unsigned)(st.st_mode & 07777), lk->path);
	char chunk[8192];
	int rc = 1;
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = err_set(e, ERR_CONFIG, "cannot read %s: %s",
				lk->path, strerror(errno));
			break;
		}
		if (n == 0)
			break;
		buf_append(out, chunk, (size_t)n);
		if ((long)out->len > CRED_MAX_FILE) {
			rc = err_set(e, ERR_CONFIG, "cannot read %s: larger than "
				"%ld bytes", lk->path, CRED_MAX_FILE);
			break;
		}
	}
	explicit_bzero(chunk, sizeof(chunk));
	close(fd);
	return rc;
}

/* The text after a UTF-8 byte-order mark; NULL when only blanks remain. */
static const char *
cred_text_start(const struct buf *b, size_t *len)
{
	const char *p = buf_str(b);
	size_t n = b->len;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
		p += 3;
		n -= 3;
	}
	*len = n;
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)p[i]))
			return p;
	return NULL;
}

/* A credentials file read for a parser. */
struct cred_text {
	struct buf file;   /* holds secrets: the caller wipes it */
	const char *p;     /* the text after any byte-order mark */
	size_t len;
};

/* 1: read; 0: the file does not exist (noted in lk); -1: error, an empty
 * file included (`empty_fix` says what to do about it). Only a 1 leaves
 * anything for the caller to wipe. */
static int
cred_load_text(struct cred_lookup *lk, struct cred_text *t,
	const char *empty_fix, struct err *e)
{
	t->file = (struct buf)BUF_INIT;
	int rc = cred_read_file(lk, &t->file, e);
	if (rc <= 0) {
		buf_wipe_free(&t->file);
		if (rc == 0) {
			lk->missing = true;
			snprintf(lk->note, sizeof(lk->note), "not found");
		}
		return rc;
	}
	t->p = cred_text_start(&t->file, &t->len);
	if (!t->p) {
		buf_wipe_free(&t->file);
		return err_set(e, ERR_CONFIG, "%s is empty: %s", lk->path,
			empty_fix);
	}
	return 1;
}

/* A session duration from a file: 0 (use the default) or 900..43200. */
static int
cred_duration(long long v, const char *pname, const char *path,
	const char *field, int *out, struct err *e)
{
	if (v != 0 && (v < CRED_MIN_DURATION || v > CRED_MAX_DURATION))
		return err_set(e, ERR_CONFIG, "profile '%s' in %s: %s must be "
			"between %d and %d seconds", pname, path, field,
			CRED_MIN_DURATION, CRED_MAX_DURATION);
	*out = (int)v;
	return 0;
}

static bool
cred_is_region_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '-')
			return false;
	return true;
}

/* ---- aliyun CLI config.json ------------------------------------------ */

struct cli_walk {
	const struct cred_lookup *lk;
	json_t *root;
	const char *chain[CRED_MAX_CHAIN];
	int depth;
};

/* Parse and check the shape: an object whose "profiles" (if any) is an
 * array of objects with a string "name". 1 loaded, 0 missing, -1 error. */
static int
cli_load(struct cred_lookup *lk, json_t **root, struct err *e)
{
	struct cred_text text;
	*root = NULL;
	int rc = cred_load_text(lk, &text, "run `aliyun configure` or remove "
		"the file", e);
	if (rc <= 0)
		return rc;
	json_error_t je;
	json_t *r = json_loadb(text.p, text.len, 0, &je);
	buf_wipe_free(&text.file);
	if (!r) {
		/* Jansson quotes the offending token ("near '...'"), which
		 * may be part of a secret: keep only the description. */
		char *near = strstr(je.text, " near ");
		if (near)
			*near = '\0';
		if (je.line > 0)
			return err_set(e, ERR_CONFIG, "%s line %d column %d: "
				"invalid JSON (%s)", lk->path, je.line,
				je.column, je.text);
		return err_set(e, ERR_CONFIG, "%s: invalid JSON (%s)",
			lk->path, je.text);
	}
	if (!json_is_object(r)) {
		json_decref(r);
		return err_set(e, ERR_CONFIG, "%s: expected a JSON object with "
			"\"profiles\" at the top level", lk->path);
	}
	json_t *profiles = json_object_get(r, "profiles");
	if (profiles && !json_is_array(profiles) && !json_is_null(profiles)) {
		json_decref(r);
		return err_set(e, ERR_CONFIG, "%s: \"profiles\" must be an "
			"array", lk->path);
	}
	size_t i;
	json_t *prof;
	json_array_foreach(profiles, i, prof) {
		if (!json_is_object(prof) ||
				!json_is_string(json_object_get(prof, "name"))) {
			json_decref(r);
			return err_set(e, ERR_CONFIG, "%s: profiles[%zu] must be "
				"an object with a string \"name\"", lk->path, i);
		}
	}
	*root = r;
	return 1;
}

static json_t *
cli_find(json_t *root, const char *name)
{
	size_t i;
	json_t *prof;
	json_array_foreach(json_object_get(root, "profiles"), i, prof)
		if (strcmp(json_string_value(json_object_get(prof, "name")),
				name) == 0)
			return prof;
	return NULL;
}

/* A string field; *val is NULL when absent, null or "" (the CLI writes every
 * field, empty ones included). Wrong type: -1. */
static int
cli_field(const struct cli_walk *w, json_t *prof, const char *pname,
	const char *key, const char **val, struct err *e)
{
	json_t *v = json_object_get(prof, key);
	*val = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v)) {
		struct cred_names nm;
		return err_set(e, ERR_CONFIG, "profile '%s' in %s: %s must be "
			"a string", cred_files_printable(pname, nm.a,
			sizeof(nm.a)), w->lk->path, key);
	}
	if (json_string_length(v) > 0)
		*val = json_string_value(v);
	return 0;
}

static int
cli_need(const struct cli_walk *w, json_t *prof, const char *pname,
	const char *mode, const char *key, const char **val, struct err *e)
{
	if (cli_field(w, prof, pname, key, val, e) != 0)
		return -1;
	if (*val)
		return 0;
	struct cred_names nm;
	return err_set(e, ERR_CONFIG, "profile '%s' in %s (mode %s) has no %s",
		cred_files_printable(pname, nm.a, sizeof(nm.a)),
		w->lk->path, cred_files_printable(mode, nm.b, sizeof(nm.b)),
		key);
}

/* Fields every mode may carry: region and STS endpoint. */
static int
cli_general(const struct cli_walk *w, json_t *prof, const char *pname,
	struct cred *out, struct err *e)
{
	const char *region, *sts_ep, *sts_region;
	if (cli_field(w, prof, pname, "region_id", &region, e) ||
			cli_field(w, prof, pname, "sts_endpoint", &sts_ep, e) ||
			cli_field(w, prof, pname, "sts_region", &sts_region, e))
		return -1;
	out->region_id = xstrdup(region);
	if (sts_ep) {
		out->sts_endpoint = xstrdup(sts_ep);
	} else if (sts_region) {
		if (!cred_is_region_id(sts_region)) {
			struct cred_names nm;
			return err_set(e, ERR_CONFIG, "profile '%s' in %s: "
				"sts_region is not a region id",
				cred_files_printable(pname, nm.a, sizeof(nm.a)),
				w->lk->path);
		}
		bool vpc = json_is_true(json_object_get(prof, "enable_vpc"));
		struct buf b = BUF_INIT;
		buf_printf(&b, "sts%s.%s.aliyuncs.com", vpc ? "-vpc" : "",
			sts_region);
		out->sts_endpoint = buf_steal(&b);
	}
	return 0;
}

/* The role half of RamRoleArn and ChainableRamRoleArn. */
static int
cli_role(const struct cli_walk *w, json_t *prof, const char *pname,
	const char *mode, struct cred *out, struct err *e)
{
	const char *arn, *session, *external, *policy;
	if (cli_need(w, prof, pname, mode, "ram_role_arn", &arn, e) ||
			cli_field(w, prof, pname, "ram_session_name", &session,
				e) ||
			cli_field(w, prof, pname, "external_id", &external, e) ||
			cli_field(w, prof, pname, "policy", &policy, e))
		return -1;
	json_t *secs = json_object_get(prof, "expired_seconds");
	long long v = 0;
	if (json_is_integer(secs)) {
		v = json_integer_value(secs);
	} else if (json_is_string(secs) && json_string_length(secs) > 0) {
		char *end;
		errno = 0;
		v = strtoll(json_string_value(secs), &end, 10);
		if (errno || *end)
			v = -1;
	} else if (secs && !json_is_null(secs) && !json_is_string(secs)) {
		v = -1;
	}
	struct cred_names nm;
	cred_files_printable(pname, nm.a, sizeof(nm.a));
	if (cred_duration(v, nm.a, w->lk->path, "expired_seconds",
			&out->duration_seconds, e) != 0)
		return -1;
	out->mode = CRED_RAM_ROLE_ARN;
	out->role_arn = xstrdup(arn);
	out->role_session_name = xstrdup(session ? session : "alicfg");
	out->external_id = xstrdup(external);
	out->policy = xstrdup(policy);
	return 0;
}

static bool
cli_mode_is(const char *mode, const char *name)
{
	return strcasecmp(mode, name) == 0;
}

static int cli_resolve(struct cli_walk *w, json_t *prof, const char *pname,
	struct cred *out, struct err *e);

/* ChainableRamRoleArn: resolve source_profile (recursively, refusing
 * loops), then assume this profile's role with what it gave. */
static int
cli_chainable(struct cli_walk *w, json_t *prof, const char *pname,
	const char *mode, struct cred *out, struct err *e)
{
	const char *src;
	struct cred_names nm;
	if (cli_need(w, prof, pname, mode, "source_profile", &src, e))
		return -1;
	cred_files_printable(pname, nm.a, sizeof(nm.a));
	cred_files_printable(src, nm.b, sizeof(nm.b));
	for (int i = 0; i < w->depth; i++) {
		if (strcmp(w->chain[i], src) != 0)
			continue;
		struct buf loop = BUF_INIT;
		for (int j = i; j < w->depth; j++) {
			cred_files_printable(w->chain[j], nm.c, sizeof(nm.c));
			buf_printf(&loop, "'%s' -> ", nm.c);
		}
		buf_printf(&loop, "'%s'", nm.b);
		err_set(e, ERR_CONFIG, "profile '%s' in %s: source_profile "
			"loop %s", nm.a, w->lk->path, buf_str(&loop));
		buf_free(&loop);
		return -1;
	}
	if (w->depth >= CRED_MAX_CHAIN)
		return err_set(e, ERR_CONFIG, "profile '%s' in %s: more than "
			"%d source_profile hops", nm.a, w->lk->path,
			CRED_MAX_CHAIN);
	json_t *sprof = cli_find(w->root, src);
	if (!sprof)
		return err_set(e, ERR_CONFIG, "profile '%s' in %s: its "
			"source_profile '%s' does not exist", nm.a, w->lk->path,
			nm.b);

	struct cred base = {0};
	if (cli_resolve(w, sprof, src, &base, e) != 0) {
		cred_free(&base);
		return -1;
	}
	/* The client assumes one role with a key (api.h); a role profile as
	 * the source would need two AssumeRole calls in a row. */
	if (base.mode == CRED_RAM_ROLE_ARN) {
		cred_free(&base);
		return err_set(e, ERR_CONFIG, "profile '%s' in %s: its "
			"source_profile '%s' is itself a role profile, and alicfg "
			"assumes only one role per chain: point source_profile at "
			"an AK or StsToken profile", nm.a, w->lk->path, nm.b);
	}
	if (cli_role(w, prof, pname, mode, out, e) != 0 ||
			cli_general(w, prof, pname, out, e) != 0) {
		cred_free(&base);
		return -1;
	}
	out->access_key_id = base.access_key_id;
	out->access_key_secret = base.access_key_secret;
	out->security_token = base.security_token;
	base.access_key_id = base.access_key_secret = NULL;
	base.security_token = NULL;
	if (!out->region_id) {
		out->region_id = base.region_id;
		base.region_id = NULL;
	}
	if (!out->sts_endpoint) {
		out->sts_endpoint = base.sts_endpoint;
		base.sts_endpoint = NULL;
	}
	cred_free(&base);
	return 0;
}

static int
cli_resolve(struct cli_walk *w, json_t *prof, const char *pname,
	struct cred *out, struct err *e)
{
	const char *mode, *id, *secret, *token;
	struct cred_names nm;
	if (cli_need(w, prof, pname, "?", "mode", &mode, e) != 0)
		return -1;
	w->chain[w->depth++] = pname;
	out->profile = xstrdup(pname);

	if (cli_mode_is(mode, "ChainableRamRoleArn"))
		return cli_chainable(w, prof, pname, mode, out, e);
	if (!cli_mode_is(mode, "AK") && !cli_mode_is(mode, "StsToken") &&
			!cli_mode_is(mode, "RamRoleArn"))
		return err_set(e, ERR_CONFIG, "profile '%s' in %s uses mode %s, "
			"which alicfg does not support (supported: "
			CRED_CLI_MODES ")",
			cred_files_printable(pname, nm.a, sizeof(nm.a)),
			w->lk->path,
			cred_files_printable(mode, nm.b, sizeof(nm.b)));

	/* A profile with no key at all takes one from the aliyun CLI's
	 * other environment names, as the CLI does: id, secret and token
	 * from one family (cred_env.h). */
	struct cred_env_key alias = {0};
	if (cli_field(w, prof, pname, "access_key_id", &id, e) ||
			cli_field(w, prof, pname, "access_key_secret", &secret, e))
		return -1;
	bool filled = !id && !secret && cred_env_alias(&alias);
	if (filled) {
		id = alias.id;
		secret = alias.secret;
		token = alias.token;
		cred_files_warn(w->lk->req, "profile '%s' in %s has no "
			"AccessKey: using %s and %s%s%s from the environment, as "
			"the aliyun CLI does", cred_files_printable(pname, nm.a,
			sizeof(nm.a)), w->lk->path, alias.id_var,
			alias.secret_var, token ? " and " : "",
			token ? alias.token_var : "");
		if (cli_mode_is(mode, "StsToken") && !token)
			return err_set(e, ERR_CONFIG, "profile '%s' in %s (mode "
				"StsToken) has no sts_token, and %s is not set "
				"next to %s", nm.a, w->lk->path, alias.token_var,
				alias.id_var);
	} else if (cli_need(w, prof, pname, mode, "access_key_id", &id, e) ||
			cli_need(w, prof, pname, mode, "access_key_secret",
				&secret, e)) {
		return -1;
	} else if (cli_mode_is(mode, "StsToken")) {
		if (cli_need(w, prof, pname, mode, "sts_token", &token, e))
			return -1;
	} else if (cli_field(w, prof, pname, "sts_token", &token, e)) {
		return -1;
	}
	if (cli_mode_is(mode, "AK"))
		token = NULL;   /* the CLI ignores a leftover token in AK mode */
	out->mode = token ? CRED_STS : CRED_AK;
	if (cli_mode_is(mode, "RamRoleArn") &&
			cli_role(w, prof, pname, mode, out, e) != 0)
		return -1;
	if (cli_general(w, prof, pname, out, e) != 0)
		return -1;
	out->access_key_id = xstrdup(id);
	out->access_key_secret = xstrdup(secret);
	out->security_token = xstrdup(token);
	return 0;
}

int
cred_files_cli(struct cred_lookup *lk, struct cred *out, struct err *e)
{
	json_t *root;
	int rc = cli_load(lk, &root, e);
	if (rc <= 0)
		return rc;

	struct cred_names nm;
	const char *name = lk->profile;
	bool from_current = false;
	if (!name) {
		json_t *cur = json_object_get(root, "current");
		if (cur && !json_is_null(cur) && !json_is_string(cur)) {
			json_decref(root);
			return err_set(e, ERR_CONFIG, "%s: \"current\" must be a "
				"string", lk->path);
		}
		name = "default";
		if (json_string_length(cur) > 0) {
			name = json_string_value(cur);
			from_current = true;
		}
	}
	cred_files_printable(name, nm.a, sizeof(nm.a));
	json_t *prof = cli_find(root, name);
	if (!prof) {
		if (from_current) {
			json_decref(root);
			return err_set(e, ERR_CONFIG, "%s: the current profile "
				"'%s' is not among its profiles", lk->path, nm.a);
		}
		snprintf(lk->note, sizeof(lk->note), "no profile '%s'", nm.a);
		json_decref(root);
		return 0;
	}

	struct cli_walk w = {.lk = lk, .root = root};
	memset(out, 0, sizeof(*out));
	rc = cli_resolve(&w, prof, name, out, e);
	if (rc == 0) {
		struct buf b = BUF_INIT;
		buf_printf(&b, "%s profile '%s'", lk->path, nm.a);
		out->origin = buf_steal(&b);
	} else {
		cred_free(out);
	}
	json_decref(root);
	return rc == 0 ? 1 : -1;
}

static void
cred_files_quiet(void *ctx, const char *message)
{
	(void)ctx;
	(void)message;
}

int
cred_files_list_profiles(const char *home, char ***names, struct err *e)
{
	char hb[4096];
	*names = NULL;
	char *path = cred_files_cli_path(cred_files_home(home, hb,
		sizeof(hb)));
	if (!path)
		return 0;
	/* The profile picker lives in the TUI: no warning may hit stderr;
	 * resolving the chosen profile reports the mode problem anyway. */
	struct cred_request req = {.home = home, .warn = cred_files_quiet};
	struct cred_lookup lk = {.path = path, .req = &req};
	json_t *root;
	int rc = cli_load(&lk, &root, e);
	free(path);
	if (rc <= 0)
		return rc;
	json_t *profiles = json_object_get(root, "profiles");
	size_t n = json_array_size(profiles), i;
	json_t *prof;
	if (n) {
		*names = xcalloc(n, sizeof(**names));
		json_array_foreach(profiles, i, prof)
			(*names)[i] = xstrdup(json_string_value(
				json_object_get(prof, "name")));
	}
	json_decref(root);
	return (int)n;
}

/* ---- INI credentials file -------------------------------------------- */

enum ini_key {
	INI_TYPE, INI_ENABLE, INI_ID, INI_SECRET, INI_TOKEN, INI_ROLE,
	INI_SESSION, INI_EXPIRATION, INI_POLICY, INI_NKEYS
};

static const char *const ini_key_names[INI_NKEYS] = {
	"type", "enable", "access_key_id", "access_key_secret",
	"security_token", "role_arn", "role_session_name",
	"role_session_expiration", "policy",
};

struct ini_section {
	const char *want;
	bool seen;
	char *val[INI_NKEYS];   /* "" counts as absent */
};

static int
ini_collect(void *ctx, const char *section, const char *key,
	const char *value, int line)
{
	struct ini_section *s = ctx;
	(void)line;
	if (strcmp(section, s->want) != 0)
		return 0;
	s->seen = true;
	for (int k = 0; k < INI_NKEYS; k++) {
		if (strcmp(key, ini_key_names[k]) == 0) {
			buf_secret_free(s->val[k]);
			s->val[k] = *value ? xstrdup(value) : NULL;
		}
	}
	return 0;
}

static char *
ini_take(struct ini_section *s, enum ini_key k)
{
	char *v = s->val[k];
	s->val[k] = NULL;
	return v;
}

static int
ini_need(const struct cred_lookup *lk, const struct ini_section *s,
	const char *type, enum ini_key k, struct err *e)
{
	if (s->val[k])
		return 0;
	struct cred_names nm;
	return err_set(e, ERR_CONFIG, "profile '%s' in %s (type %s) has no %s",
		cred_files_printable(s->want, nm.a, sizeof(nm.a)), lk->path,
		cred_files_printable(type, nm.b, sizeof(nm.b)),
		ini_key_names[k]);
}

static bool
ini_is_false(const char *v)
{
	return v && (!strcasecmp(v, "false") || !strcmp(v, "0") ||
		!strcasecmp(v, "no") || !strcasecmp(v, "off"));
}

/* The section's keys, checked for its type, into *out. */
static int
ini_to_cred(const struct cred_lookup *lk, struct ini_section *s,
	struct cred *out, struct err *e)
{
	struct cred_names nm;
	const char *type = s->val[INI_TYPE];
	cred_files_printable(s->want, nm.a, sizeof(nm.a));
	if (!type)
		return err_set(e, ERR_CONFIG, "profile '%s' in %s has no type "
			"(supported: " CRED_INI_TYPES ")", nm.a, lk->path);
	bool ak = !strcasecmp(type, "access_key");
	bool sts = !strcasecmp(type, "sts");
	bool role = !strcasecmp(type, "ram_role_arn");
	if (!ak && !sts && !role)
		return err_set(e, ERR_CONFIG, "profile '%s' in %s uses type %s, "
			"which alicfg does not support (supported: "
			CRED_INI_TYPES ")", nm.a, lk->path,
			cred_files_printable(type, nm.b, sizeof(nm.b)));
	if (ini_need(lk, s, type, INI_ID, e) ||
			ini_need(lk, s, type, INI_SECRET, e) ||
			(sts && ini_need(lk, s, type, INI_TOKEN, e)) ||
			(role && ini_need(lk, s, type, INI_ROLE, e)))
		return -1;
	if (role) {
		long long v = 0;
		const char *exp = s->val[INI_EXPIRATION];
		if (exp) {
			char *end;
			errno = 0;
			v = strtoll(exp, &end, 10);
			if (errno || *end)
				v = -1;
		}
		if (cred_duration(v, nm.a, lk->path, "role_session_expiration",
				&out->duration_seconds, e) != 0)
			return -1;
		out->mode = CRED_RAM_ROLE_ARN;
		out->role_arn = ini_take(s, INI_ROLE);
		out->role_session_name = ini_take(s, INI_SESSION);
		if (!out->role_session_name)
			out->role_session_name = xstrdup("alicfg");
		out->policy = ini_take(s, INI_POLICY);
	} else {
		out->mode = sts ? CRED_STS : CRED_AK;
	}
	out->access_key_id = ini_take(s, INI_ID);
	out->access_key_secret = ini_take(s, INI_SECRET);
	if (sts)
		out->security_token = ini_take(s, INI_TOKEN);
	out->profile = xstrdup(s->want);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s profile '%s'", lk->path, nm.a);
	out->origin = buf_steal(&b);
	return 0;
}

int
cred_files_ini(struct cred_lookup *lk, struct cred *out, struct err *e)
{
	struct cred_text text;
	int rc = cred_load_text(lk, &text, "add a [default] section or "
		"remove the file", e);
	if (rc <= 0)
		return rc;

	struct ini_section s = {.want = lk->profile ? lk->profile : "default"};
	struct cred_names nm;
	cred_files_printable(s.want, nm.a, sizeof(nm.a));
	rc = ini_parse_string(text.p, text.len, ini_collect, &s, e);
	buf_wipe_free(&text.file);
	if (rc != 0) {
		err_prefix(e, "%s", lk->path);
	} else if (!s.seen) {
		snprintf(lk->note, sizeof(lk->note), "no profile '%s'", nm.a);
	} else if (ini_is_false(s.val[INI_ENABLE])) {
		snprintf(lk->note, sizeof(lk->note), "profile '%s' is disabled "
			"(enable = false)", nm.a);
	} else {
		memset(out, 0, sizeof(*out));
		rc = ini_to_cred(lk, &s, out, e) == 0 ? 1 : -1;
		if (rc < 0)
			cred_free(out);
	}
	for (int k = 0; k < INI_NKEYS; k++)
		buf_secret_free(s.val[k]);
	return rc;
}
