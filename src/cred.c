/* cred: the credentials chain in the official order (flags, environment,
 * the aliyun CLI's config.json, the SDKs' INI file), and the helpers on
 * struct cred. The files themselves are read by cred_files.c.
 *
 * No message built here contains a secret or a token: only variable names,
 * file paths, profile names and field names. */
#include "cred.h"

#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cred_env.h"
#include "cred_files.h"
#include "env.h"

static bool
cred_set(const char *s)
{
	return s && *s;
}

void
cred_free(struct cred *c)
{
	if (!c)
		return;
	buf_secret_free(c->access_key_id);
	buf_secret_free(c->access_key_secret);
	buf_secret_free(c->security_token);
	free(c->role_arn);
	free(c->role_session_name);
	free(c->external_id);
	free(c->policy);
	free(c->origin);
	free(c->profile);
	free(c->region_id);
	free(c->sts_endpoint);
	memset(c, 0, sizeof(*c));
}

void
cred_copy(struct cred *dst, const struct cred *src)
{
	*dst = *src;
	dst->access_key_id = xstrdup(src->access_key_id);
	dst->access_key_secret = xstrdup(src->access_key_secret);
	dst->security_token = xstrdup(src->security_token);
	dst->role_arn = xstrdup(src->role_arn);
	dst->role_session_name = xstrdup(src->role_session_name);
	dst->external_id = xstrdup(src->external_id);
	dst->policy = xstrdup(src->policy);
	dst->origin = xstrdup(src->origin);
	dst->profile = xstrdup(src->profile);
	dst->region_id = xstrdup(src->region_id);
	dst->sts_endpoint = xstrdup(src->sts_endpoint);
}

void
cred_mask_key_id(const char *id, char *out, size_t outsz)
{
	if (!outsz)
		return;
	size_t n = id ? strlen(id) : 0;
	/* As the official tools show a key: the first and last four, and
	 * nothing at all of a short one (12 is an STS key's minimum). */
	if (n >= 12)
		snprintf(out, outsz, "%.4s****%s", id, id + n - 4);
	else
		snprintf(out, outsz, "****");
}

static void
cred_fill_key(struct cred *out, const char *id, const char *secret,
	const char *token, const char *origin)
{
	out->mode = cred_set(token) ? CRED_STS : CRED_AK;
	out->access_key_id = xstrdup(id);
	out->access_key_secret = xstrdup(secret);
	out->security_token = cred_set(token) ? xstrdup(token) : NULL;
	out->origin = xstrdup(origin);
}

/* 1: found; 0: no flags given; -1: an incomplete set. */
static int
cred_from_flags(const struct cred_request *req, struct cred *out,
	struct err *e)
{
	bool id = cred_set(req->access_key_id);
	bool secret = cred_set(req->access_key_secret);
	bool token = cred_set(req->security_token);
	if (!id && !secret && !token)
		return 0;
	if (id && !secret)
		return err_set(e, ERR_CONFIG, "an AccessKey id was given on the "
			"command line without its AccessKey secret");
	if (!id && secret)
		return err_set(e, ERR_CONFIG, "an AccessKey secret was given on "
			"the command line without its AccessKey id");
	if (!id)
		return err_set(e, ERR_CONFIG, "a security token was given on the "
			"command line without an AccessKey id and secret");
	cred_fill_key(out, req->access_key_id, req->access_key_secret,
		req->security_token, "command line");
	return 1;
}

/* 1: found; 0: nothing set; -1: an id without a secret or the reverse.
 * Only ALIBABA_CLOUD_* is a source, and the token comes from the same
 * family as the key (cred_env.h). */
static int
cred_from_env(struct cred *out, struct err *e)
{
	struct cred_env_key k;
	cred_env_source(&k);
	if (!k.id && !k.secret)
		return 0;
	if (!k.id || !k.secret)
		return err_set(e, ERR_CONFIG, "the environment variable %s is set "
			"but %s is not: set it too, or unset %s (alicfg stops "
			"here rather than fall through to another account's "
			"credentials)", k.id ? k.id_var : k.secret_var,
			k.id ? k.secret_var : k.id_var,
			k.id ? k.id_var : k.secret_var);
	cred_fill_key(out, k.id, k.secret, k.token, "environment");
	return 1;
}

/* OIDC or a credentials URI configured for the official SDK: say that
 * alicfg does not use them and what it used instead. */
static void
cred_note_unused(const struct cred_request *req, const struct cred *used)
{
	struct buf vars = BUF_INIT;
	int n = cred_env_unused(&vars);
	if (n)
		cred_files_warn(req, "%s %s set, but alicfg does not use OIDC role "
			"credentials or a credentials URI; it uses the "
			"credentials from %s", buf_str(&vars), n == 1 ? "is" : "are",
			used->origin ? used->origin : "the chain");
	buf_free(&vars);
}

/* Adds "PATH (note)" to the list of places tried. */
static void
cred_tried(struct buf *tried, const char *path, const char *note)
{
	buf_printf(tried, "; %s (%s)", path, note);
}

/* The files of steps 3 and 4. 1: found; 0: nothing (`tried` says where
 * and why); -1: error. */
static int
cred_from_files(const struct cred_request *req, const char *profile,
	struct cred *out, struct buf *tried, struct err *e)
{
	char homebuf[4096];
	const char *home = cred_files_home(req->home, homebuf,
		sizeof(homebuf));
	const char *disabled = getenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED");
	char *cli = cred_files_cli_path(home);
	int rc = 0;

	if (!cli) {
		cred_tried(tried, "~/.aliyun/config.json", "HOME is not set");
	} else if (disabled && !strcasecmp(disabled, "true")) {
		cred_tried(tried, cli, "skipped: "
			"ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true");
	} else {
		struct cred_lookup lk = {.path = cli, .profile = profile,
			.req = req};
		rc = cred_files_cli(&lk, out, e);
		cred_tried(tried, cli, lk.note);
	}
	free(cli);
	if (rc != 0)
		return rc;

	/* INI: the named file, else the Go SDK's name, else the Python and
	 * Java SDKs' credentials.ini; the first that exists is used. */
	const char *env = getenv("ALIBABA_CLOUD_CREDENTIALS_FILE");
	const char *names[] = {"credentials", "credentials.ini"};
	for (int i = 0; i < 2; i++) {
		struct buf path = BUF_INIT;
		if (cred_set(env) && i == 0)
			buf_puts(&path, env);
		else if (cred_set(env) || !home)
			break;
		else
			buf_printf(&path, "%s/.alibabacloud/%s", home, names[i]);
		struct cred_lookup lk = {.path = buf_str(&path),
			.profile = profile, .req = req};
		rc = cred_files_ini(&lk, out, e);
		cred_tried(tried, lk.path, lk.note);
		buf_free(&path);
		if (rc != 0 || !lk.missing)
			return rc;
	}
	if (!cred_set(env) && !home)
		cred_tried(tried, "~/.alibabacloud/credentials",
			"HOME is not set");
	return 0;
}

void
cred_protect_process(void)
{
	/* Non-dumpable: no core file, no ptrace by the same user, and
	 * /proc/PID/mem and environ owned by root. */
	(void)prctl(PR_SET_DUMPABLE, 0L, 0L, 0L, 0L);
}

int
cred_resolve(const struct cred_request *req, struct cred *out,
	struct err *e)
{
	static const struct cred_request none;
	struct buf tried = BUF_INIT;
	char shown[80];
	int rc;

	if (!req)
		req = &none;
	memset(out, 0, sizeof(*out));
	/* From here secrets sit in memory: no core file may hold them. */
	cred_protect_process();

	rc = cred_from_flags(req, out, e);
	if (rc == 0)
		rc = cred_from_env(out, e);
	if (rc > 0 && cred_set(req->profile))
		cred_files_warn(req, "--profile '%s' is not used: credentials "
			"from the %s come first", cred_files_printable(
			req->profile, shown, sizeof(shown)), out->origin);
	if (rc != 0)
		goto done;

	const char *profile = NULL, *profile_from = NULL;
	if (cred_set(req->profile)) {
		profile = req->profile;
		profile_from = "--profile";
	} else {
		profile = env_family_get(ENV_PROFILE, &profile_from);
	}
	buf_puts(&tried, "environment (no ALIBABA_CLOUD_ACCESS_KEY_ID and "
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET)");
	rc = cred_from_files(req, profile, out, &tried, e);
	if (rc != 0)
		goto done;

	if (profile) {
		struct buf names = BUF_INIT;
		cred_profiles_list(req->home, &names);
		err_set(e, ERR_CONFIG, "profile '%s' (from %s) was not found "
			"in any credentials file. %s%s%s. Tried: %s",
			cred_files_printable(profile, shown, sizeof(shown)),
			profile_from, names.len ? "Profiles that exist: " :
			"No profiles exist", buf_str(&names),
			names.len ? "" : " (run `aliyun configure`)",
			buf_str(&tried));
		buf_free(&names);
	}
	else {
		struct buf vars = BUF_INIT;
		int n = cred_env_unused(&vars);
		err_set(e, ERR_CONFIG, "no credentials found. Tried: %s. Set "
			"ALIBABA_CLOUD_ACCESS_KEY_ID and "
			"ALIBABA_CLOUD_ACCESS_KEY_SECRET, or run `aliyun "
			"configure`%s%s%s", buf_str(&tried),
			n ? " (" : "", buf_str(&vars), n ? (n == 1 ?
			" is set, but alicfg does not use OIDC role credentials "
			"or a credentials URI)" : " are set, but alicfg does not "
			"use OIDC role credentials or a credentials URI)") : "");
		buf_free(&vars);
	}
	rc = -1;
done:
	buf_free(&tried);
	if (rc < 0) {
		cred_free(out);
		return -1;
	}
	cred_note_unused(req, out);
	return 0;
}
