/* test_cred: the credentials chain: its order (flags, environment,
 * config.json, INI), every environment alias, profile selection, file
 * overrides, what "nothing found" lists, the permission warning, and that
 * no secret ever reaches a message. File formats: test_cred_files.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cred_fixture.h"

/* Every secret and token the tests use; none may appear in a message. */
static const char *const secrets[] = {
	"flagSecretValue", "flagTokenValue", "envSecretValue",
	"envTokenValue", "cliSecretValue", "iniSecretValue", NULL,
};

static void
assert_no_secret(const char *text)
{
	for (int i = 0; secrets[i]; i++)
		if (strstr(text, secrets[i])) {
			fail_msg("secret '%s' leaked into: %s", secrets[i], text);
		}
}

static const char cli_main[] =
	"{\"current\": \"main\", \"profiles\": [\n"
	" {\"name\": \"main\", \"mode\": \"AK\", \"region_id\": \"cn-shanghai\",\n"
	"  \"access_key_id\": \"LTAIcliKeyId0001\",\n"
	"  \"access_key_secret\": \"cliSecretValue\"}]}\n";

/* One INI section of AccessKey credentials, as a literal. */
#define INI_AK(section, key_id) \
	"[" section "]\ntype = access_key\naccess_key_id = " key_id "\n" \
	"access_key_secret = iniSecretValue\n"

static const char ini_default[] = INI_AK("default", "LTAIiniKeyId0001");

/* Resolve with the fixture's request; messages checked for secrets. */
static int
resolve(struct fx *f, struct cred_request *req, struct cred *c,
	struct err *e)
{
	err_clear(e);
	int rc = cred_resolve(req, c, e);
	assert_no_secret(e->message);
	assert_no_secret(buf_str(&f->warnings));
	if (rc == 0)
		assert_int_equal(e->kind, ERR_NONE);
	else
		assert_int_equal(e->kind, ERR_CONFIG);
	return rc;
}

/* Resolving succeeds and picks this AccessKey id. */
static void
expect_key_id(struct fx *f, struct cred_request *req, const char *key_id)
{
	struct cred c;
	struct err e;
	assert_int_equal(resolve(f, req, &c, &e), 0);
	assert_string_equal(c.access_key_id, key_id);
	cred_free(&c);
}

/* As expect_key_id, and the origin names where it came from. */
static void
expect_key_from(struct fx *f, struct cred_request *req, const char *key_id,
	const char *origin_part)
{
	struct cred c;
	struct err e;
	assert_int_equal(resolve(f, req, &c, &e), 0);
	assert_string_equal(c.access_key_id, key_id);
	assert_non_null(strstr(c.origin, origin_part));
	cred_free(&c);
}

/* Resolving fails with a message that contains needle; e is left for
 * further checks. */
static void
resolve_fails(struct fx *f, struct cred_request *req, struct err *e,
	const char *needle)
{
	struct cred c;
	assert_int_equal(resolve(f, req, &c, e), -1);
	assert_non_null(strstr(e->message, needle));
}

/* text names the HOME-relative file with its note: "<path> (note)". */
static void
assert_file_note(const struct fx *f, const char *text, const char *rel,
	const char *note)
{
	char want[320];
	snprintf(want, sizeof(want), "%s (%s)", fx_path(f, rel), note);
	assert_non_null(strstr(text, want));
}

/* Complete AccessKey credentials in the first environment family. */
static void
set_env_key(void)
{
	setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenvKeyId0001", 1);
	setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "envSecretValue", 1);
}

static void
test_flags(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	struct cred c;
	struct err e;

	req.access_key_id = "LTAIflagKeyId001";
	req.access_key_secret = "flagSecretValue";
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_int_equal(c.mode, CRED_AK);
	assert_string_equal(c.access_key_id, "LTAIflagKeyId001");
	assert_string_equal(c.access_key_secret, "flagSecretValue");
	assert_null(c.security_token);
	assert_string_equal(c.origin, "command line");
	assert_null(c.profile);
	cred_free(&c);

	req.security_token = "flagTokenValue";
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_int_equal(c.mode, CRED_STS);
	assert_string_equal(c.security_token, "flagTokenValue");
	cred_free(&c);
}

static void
test_flags_incomplete(void **state)
{
	struct fx *f = *state;
	struct cred c;
	struct err e;
	/* Complete credentials elsewhere must not paper over a half flag. */
	set_env_key();

	struct cred_request req = fx_request(f);
	req.access_key_id = "LTAIflagKeyId001";
	/* A failed resolve leaves nothing behind in c. */
	assert_int_equal(resolve(f, &req, &c, &e), -1);
	assert_non_null(strstr(e.message, "without its AccessKey secret"));
	assert_null(c.access_key_id);

	req = fx_request(f);
	req.access_key_secret = "flagSecretValue";
	resolve_fails(f, &req, &e, "without its AccessKey id");

	req = fx_request(f);
	req.security_token = "flagTokenValue";
	resolve_fails(f, &req, &e, "security token");

	/* Empty strings count as not given. */
	req = fx_request(f);
	req.access_key_id = "";
	req.access_key_secret = "";
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_string_equal(c.origin, "environment");
	cred_free(&c);
}

/* Each source beats the next; taking one away reveals the next. */
static void
test_chain_order(void **state)
{
	struct fx *f = *state;
	struct cred c;
	struct err e;
	fx_write(f, ".aliyun/config.json", cli_main);
	fx_write(f, ".alibabacloud/credentials", ini_default);
	set_env_key();

	struct cred_request req = fx_request(f);
	req.access_key_id = "LTAIflagKeyId001";
	req.access_key_secret = "flagSecretValue";
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_string_equal(c.access_key_id, "LTAIflagKeyId001");
	assert_string_equal(c.origin, "command line");
	cred_free(&c);

	req = fx_request(f);
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_string_equal(c.access_key_id, "LTAIenvKeyId0001");
	assert_string_equal(c.access_key_secret, "envSecretValue");
	assert_string_equal(c.origin, "environment");
	assert_null(c.profile);
	assert_null(c.region_id);
	cred_free(&c);

	unsetenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
	unsetenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_string_equal(c.access_key_id, "LTAIcliKeyId0001");
	assert_string_equal(c.access_key_secret, "cliSecretValue");
	char want[256];
	snprintf(want, sizeof(want), "%s profile 'main'",
		fx_path(f, ".aliyun/config.json"));
	assert_string_equal(c.origin, want);
	assert_string_equal(c.profile, "main");
	assert_string_equal(c.region_id, "cn-shanghai");
	cred_free(&c);

	unlink(fx_path(f, ".aliyun/config.json"));
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_string_equal(c.access_key_id, "LTAIiniKeyId0001");
	assert_string_equal(c.access_key_secret, "iniSecretValue");
	snprintf(want, sizeof(want), "%s profile 'default'",
		fx_path(f, ".alibabacloud/credentials"));
	assert_string_equal(c.origin, want);
	assert_string_equal(c.profile, "default");
	cred_free(&c);

	unlink(fx_path(f, ".alibabacloud/credentials"));
	resolve_fails(f, &req, &e, "no credentials found");
	assert_int_equal(f->nwarnings, 0);
}

static const char *const env_ids[] = {
	"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_ID",
	"ALICLOUD_ACCESS_KEY_ID", "ACCESS_KEY_ID",
};
static const char *const env_secrets[] = {
	"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_ACCESS_KEY_SECRET",
	"ALICLOUD_ACCESS_KEY_SECRET", "ACCESS_KEY_SECRET",
};
static const char *const env_tokens[] = {
	"ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABACLOUD_SECURITY_TOKEN",
	"ALICLOUD_SECURITY_TOKEN", "SECURITY_TOKEN",
};

static void
test_env_each_alias(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	struct cred c;
	struct err e;

	/* ALIBABA_CLOUD_* is the environment source, as in the official
	 * credential SDK. */
	setenv(env_ids[0], "LTAIenvKeyId0000", 1);
	setenv(env_secrets[0], "envSecretValue", 1);
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_int_equal(c.mode, CRED_AK);
	assert_string_equal(c.access_key_id, "LTAIenvKeyId0000");
	assert_string_equal(c.origin, "environment");
	cred_free(&c);
	setenv(env_tokens[0], "envTokenValue", 1);
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_int_equal(c.mode, CRED_STS);
	assert_string_equal(c.security_token, "envTokenValue");
	cred_free(&c);

	/* The aliyun CLI's other names are not a source: a stray pair left
	 * by another tool does not switch accounts ahead of the files. */
	fx_write(f, ".alibabacloud/credentials", ini_default);
	for (int i = 1; i < 4; i++) {
		fx_clear_env();
		setenv(env_ids[i], "LTAIenvKeyId0001", 1);
		setenv(env_secrets[i], "envSecretValue", 1);
		setenv(env_tokens[i], "envTokenValue", 1);
		assert_int_equal(resolve(f, &req, &c, &e), 0);
		assert_string_equal(c.access_key_id, "LTAIiniKeyId0001");
		assert_null(c.security_token);
		cred_free(&c);
	}
}

/* Id, secret and token come from one family: a token of another family
 * never joins an ALIBABA_CLOUD_* key (that made a valid key a failing STS
 * credential, InvalidSecurityToken.MismatchWithAccessKey). */
static void
test_env_alias_precedence(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	struct cred c;
	struct err e;

	setenv(env_ids[0], "LTAIenvKeyId0000", 1);
	setenv(env_secrets[0], "envSecretValue", 1);
	for (int i = 1; i < 4; i++)
		setenv(env_tokens[i], "envTokenValue", 1);
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_int_equal(c.mode, CRED_AK);
	assert_null(c.security_token);
	cred_free(&c);

	/* An empty variable is skipped like an absent one. */
	setenv(env_ids[0], "", 1);
	setenv(env_secrets[0], "", 1);
	fx_write(f, ".alibabacloud/credentials", ini_default);
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_string_equal(c.access_key_id, "LTAIiniKeyId0001");
	cred_free(&c);
}

/* The aliyun CLI's names fill a config.json profile that has no key, with
 * id, secret and token from one family. */
static void
test_env_fills_empty_profile(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	struct cred c;
	struct err e;
	fx_write(f, ".aliyun/config.json",
		"{\"current\": \"bare\", \"profiles\": [{\"name\": \"bare\", "
		"\"mode\": \"AK\", \"region_id\": \"cn-shanghai\"}]}");
	/* No complete family: the profile is broken, and says so. */
	setenv("ALICLOUD_ACCESS_KEY_ID", "LTAIenvKeyId0009", 1);
	setenv("ACCESS_KEY_SECRET", "envSecretValue", 1);
	resolve_fails(f, &req, &e, "has no access_key_id");
	/* A complete family fills it (the first complete one). */
	setenv("ALICLOUD_ACCESS_KEY_SECRET", "envSecretValue", 1);
	setenv("ACCESS_KEY_ID", "LTAIenvKeyId0008", 1);
	setenv("SECURITY_TOKEN", "envTokenValue", 1);
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_string_equal(c.access_key_id, "LTAIenvKeyId0009");
	assert_null(c.security_token);       /* not ALICLOUD_'s */
	assert_non_null(strstr(buf_str(&f->warnings),
		"ALICLOUD_ACCESS_KEY_ID and ALICLOUD_ACCESS_KEY_SECRET"));
	cred_free(&c);
	/* A profile with its own key keeps it. */
	fx_write(f, ".aliyun/config.json", cli_main);
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_string_equal(c.access_key_id, "LTAIcliKeyId0001");
	cred_free(&c);
}

/* OIDC and a credentials URI are not used: a warning says so and names
 * the source used. */
static void
test_env_oidc_not_used(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	struct cred c;
	struct err e;
	fx_write(f, ".alibabacloud/credentials", ini_default);
	setenv("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/var/run/token", 1);
	setenv("ALIBABA_CLOUD_CREDENTIALS_URI", "http://127.0.0.1:9/c", 1);
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_non_null(strstr(buf_str(&f->warnings),
		"ALIBABA_CLOUD_OIDC_TOKEN_FILE, ALIBABA_CLOUD_CREDENTIALS_URI are "
		"set, but alicfg does not use"));
	assert_non_null(strstr(buf_str(&f->warnings), ".alibabacloud/credentials"
		" profile 'default'"));
	cred_free(&c);
	unsetenv("ALIBABA_CLOUD_OIDC_TOKEN_FILE");
	unsetenv("ALIBABA_CLOUD_CREDENTIALS_URI");
}

static void
test_env_incomplete(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	struct cred c;
	struct err e;
	fx_write(f, ".alibabacloud/credentials", ini_default);

	/* A broken source stops the chain (no fall-through to another
	 * account's key). */
	setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIenvKeyId0001", 1);
	resolve_fails(f, &req, &e, "ALIBABA_CLOUD_ACCESS_KEY_ID is set");
	assert_non_null(strstr(e.message, "ALIBABA_CLOUD_ACCESS_KEY_SECRET"));

	fx_clear_env();
	setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "envSecretValue", 1);
	resolve_fails(f, &req, &e, "ALIBABA_CLOUD_ACCESS_KEY_SECRET is set");

	/* Other families are not a source, so half a pair there is not a
	 * broken source either; nor is a token alone. */
	fx_clear_env();
	setenv("ALICLOUD_ACCESS_KEY_ID", "LTAIenvKeyId0001", 1);
	setenv("SECURITY_TOKEN", "envTokenValue", 1);
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_string_equal(c.access_key_id, "LTAIiniKeyId0001");
	assert_null(c.security_token);
	cred_free(&c);
}

static const char cli_many[] =
	"{\"current\": \"d\", \"profiles\": [\n"
	" {\"name\": \"a\", \"mode\": \"AK\", \"access_key_id\": \"LTAIprofileA0001\","
	" \"access_key_secret\": \"cliSecretValue\"},\n"
	" {\"name\": \"b\", \"mode\": \"AK\", \"access_key_id\": \"LTAIprofileB0001\","
	" \"access_key_secret\": \"cliSecretValue\"},\n"
	" {\"name\": \"c\", \"mode\": \"AK\", \"access_key_id\": \"LTAIprofileC0001\","
	" \"access_key_secret\": \"cliSecretValue\"},\n"
	" {\"name\": \"d\", \"mode\": \"AK\", \"access_key_id\": \"LTAIprofileD0001\","
	" \"access_key_secret\": \"cliSecretValue\"}]}\n";

static void
expect_profile(struct fx *f, struct cred_request *req, const char *name)
{
	struct cred c;
	struct err e;
	char id[32];
	assert_int_equal(resolve(f, req, &c, &e), 0);
	assert_string_equal(c.profile, name);
	snprintf(id, sizeof(id), "LTAIprofile%c0001", name[0] - 'a' + 'A');
	assert_string_equal(c.access_key_id, id);
	cred_free(&c);
}

static void
test_profile_selection(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	fx_write(f, ".aliyun/config.json", cli_many);

	expect_profile(f, &req, "d");             /* "current" */
	setenv("ALICLOUD_PROFILE", "c", 1);
	expect_profile(f, &req, "c");
	setenv("ALIBABACLOUD_PROFILE", "b", 1);
	expect_profile(f, &req, "b");
	setenv("ALIBABA_CLOUD_PROFILE", "a", 1);
	expect_profile(f, &req, "a");
	req.profile = "c";                        /* --profile beats all */
	expect_profile(f, &req, "c");
	/* An empty --profile is no --profile. */
	req.profile = "";
	expect_profile(f, &req, "a");

	/* Without "current", the profile named "default". */
	fx_clear_env();
	req.profile = NULL;
	fx_write(f, ".aliyun/config.json",
		"{\"profiles\": [{\"name\": \"x\", \"mode\": \"AK\","
		" \"access_key_id\": \"LTAIprofileX0001\","
		" \"access_key_secret\": \"cliSecretValue\"},"
		" {\"name\": \"default\", \"mode\": \"AK\","
		" \"access_key_id\": \"LTAIprofileDflt1\","
		" \"access_key_secret\": \"cliSecretValue\"}]}");
	struct cred c;
	struct err e;
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_string_equal(c.profile, "default");
	cred_free(&c);
}

/* A named profile missing from config.json is looked up in the INI file,
 * section of the same name; missing from both is an error naming it. */
static void
test_profile_not_found(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	struct cred c;
	struct err e;
	fx_write(f, ".aliyun/config.json", cli_main);
	fx_write(f, ".alibabacloud/credentials",
		INI_AK("default", "LTAIiniKeyId0001")
		INI_AK("ini_only", "LTAIiniKeyId0002"));

	req.profile = "ini_only";
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_string_equal(c.access_key_id, "LTAIiniKeyId0002");
	assert_string_equal(c.profile, "ini_only");
	cred_free(&c);

	req.profile = "ghost";
	resolve_fails(f, &req, &e, "profile 'ghost' (from --profile) "
		"was not found");
	assert_non_null(strstr(e.message, fx_path(f, ".aliyun/config.json")));
	assert_non_null(strstr(e.message,
		fx_path(f, ".alibabacloud/credentials")));
	assert_non_null(strstr(e.message, "no profile 'ghost'"));
	/* It lists the profiles that do exist, file by file. */
	char want[600];
	snprintf(want, sizeof(want), "Profiles that exist: main (%s); "
		"default, ini_only (%s)", fx_path(f, ".aliyun/config.json"),
		fx_path(f, ".alibabacloud/credentials"));
	if (!strstr(e.message, want))
		fail_msg("'%s' lacks '%s'", e.message, want);

	req.profile = NULL;
	setenv("ALIBABA_CLOUD_PROFILE", "ghost", 1);
	resolve_fails(f, &req, &e,
		"profile 'ghost' (from ALIBABA_CLOUD_PROFILE)");

	/* Even with no files at all, a named profile is what is reported. */
	unlink(fx_path(f, ".aliyun/config.json"));
	unlink(fx_path(f, ".alibabacloud/credentials"));
	resolve_fails(f, &req, &e, "'ghost'");
	assert_non_null(strstr(e.message, "not found"));

	/* Control characters in a name are not echoed to the terminal. */
	req.profile = "evil\x1b[2Jname";
	assert_int_equal(resolve(f, &req, &c, &e), -1);
	assert_null(strchr(e.message, '\x1b'));
	assert_non_null(strstr(e.message, "evil?[2Jname"));
}

static void
test_nothing_found_lists_everything(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	struct cred c;
	struct err e;
	resolve_fails(f, &req, &e, "no credentials found");
	/* no command-line key flags exist, so none are listed as tried */
	assert_null(strstr(e.message, "command-line"));
	assert_non_null(strstr(e.message, "ALIBABA_CLOUD_ACCESS_KEY_ID and "
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET"));
	static const char *const files[] = {
		".aliyun/config.json", ".alibabacloud/credentials",
		".alibabacloud/credentials.ini",
	};
	for (int i = 0; i < 3; i++)
		assert_file_note(f, e.message, files[i], "not found");

	/* Overridden paths are the ones listed. */
	setenv("ALIBABA_CLOUD_CONFIG_FILE", "/nonexistent/alicfg/cli.json", 1);
	setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", "/nonexistent/alicfg/creds",
		1);
	resolve_fails(f, &req, &e,
		"/nonexistent/alicfg/cli.json (not found)");
	assert_non_null(strstr(e.message,
		"/nonexistent/alicfg/creds (not found)"));
	assert_null(strstr(e.message, ".alibabacloud/credentials"));

	/* Files that exist without the profile say so. */
	fx_clear_env();
	fx_write(f, ".aliyun/config.json", "{\"profiles\": []}");
	fx_write(f, ".alibabacloud/credentials", "[other]\nk = v\n");
	assert_int_equal(resolve(f, &req, &c, &e), -1);
	for (int i = 0; i < 2; i++)
		assert_file_note(f, e.message, files[i], "no profile 'default'");
	/* credentials exists, so credentials.ini is not consulted. */
	assert_null(strstr(e.message, "credentials.ini"));
}

static void
test_cli_profile_disabled(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	struct err e;
	fx_write(f, ".aliyun/config.json", cli_main);
	fx_write(f, ".alibabacloud/credentials", ini_default);

	setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true", 1);
	expect_key_id(f, &req, "LTAIiniKeyId0001");
	setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "TRUE", 1);
	expect_key_id(f, &req, "LTAIiniKeyId0001");

	setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "false", 1);
	expect_key_id(f, &req, "LTAIcliKeyId0001");

	setenv("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true", 1);
	unlink(fx_path(f, ".alibabacloud/credentials"));
	resolve_fails(f, &req, &e,
		"skipped: ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true");
}

static void
test_file_overrides(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	struct err e;
	fx_write(f, ".aliyun/config.json", cli_main);
	fx_write(f, ".alibabacloud/credentials", ini_default);
	assert_int_equal(mkdir(fx_path(f, "elsewhere"), 0700), 0);
	fx_write(f, "elsewhere/cli.json",
		"{\"current\": \"alt\", \"profiles\": [{\"name\": \"alt\","
		" \"mode\": \"AK\", \"access_key_id\": \"LTAIaltKeyId0001\","
		" \"access_key_secret\": \"cliSecretValue\"}]}");
	fx_write(f, "elsewhere/creds", INI_AK("default", "LTAIaltKeyId0002"));

	setenv("ALIBABA_CLOUD_CONFIG_FILE", fx_path(f, "elsewhere/cli.json"),
		1);
	expect_key_from(f, &req, "LTAIaltKeyId0001",
		"elsewhere/cli.json profile 'alt'");

	/* An override that does not exist is skipped, not replaced by the
	 * default path. */
	setenv("ALIBABA_CLOUD_CONFIG_FILE", fx_path(f, "elsewhere/none.json"),
		1);
	setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", fx_path(f, "elsewhere/creds"),
		1);
	expect_key_from(f, &req, "LTAIaltKeyId0002",
		"elsewhere/creds profile 'default'");

	setenv("ALIBABA_CLOUD_CREDENTIALS_FILE",
		fx_path(f, "elsewhere/none"), 1);
	resolve_fails(f, &req, &e, "no credentials found");
}

static void
test_ini_file_names(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);

	fx_write(f, ".alibabacloud/credentials.ini",
		INI_AK("default", "LTAIdotIniKey001"));
	expect_key_from(f, &req, "LTAIdotIniKey001",
		"credentials.ini profile 'default'");

	fx_write(f, ".alibabacloud/credentials", ini_default);
	expect_key_id(f, &req, "LTAIiniKeyId0001");
}

static void
test_permission_warning(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	struct cred c;
	struct err e;

	fx_write_mode(f, ".aliyun/config.json", cli_main, 0600);
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_int_equal(f->nwarnings, 0);
	cred_free(&c);

	fx_write_mode(f, ".aliyun/config.json", cli_main, 0644);
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_string_equal(c.access_key_id, "LTAIcliKeyId0001");
	assert_int_equal(f->nwarnings, 1);
	const char *w = buf_str(&f->warnings);
	assert_non_null(strstr(w, fx_path(f, ".aliyun/config.json")));
	assert_non_null(strstr(w, "chmod 600"));
	assert_non_null(strstr(w, "0644"));
	cred_free(&c);

	/* Group-only access counts too; the INI file is checked the same. */
	unlink(fx_path(f, ".aliyun/config.json"));
	fx_write_mode(f, ".alibabacloud/credentials", ini_default, 0640);
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_int_equal(f->nwarnings, 2);
	assert_non_null(strstr(buf_str(&f->warnings),
		fx_path(f, ".alibabacloud/credentials")));
	cred_free(&c);
}

/* Without a warn callback, warnings go to stderr. */
static void
test_warning_default_stderr(void **state)
{
	struct fx *f = *state;
	struct cred_request req = {.home = f->home};
	struct cred c;
	struct err e;
	fx_write_mode(f, ".alibabacloud/credentials", ini_default, 0604);

	const char *log = fx_path(f, "stderr.txt");
	char logpath[256];
	snprintf(logpath, sizeof(logpath), "%s", log);
	fflush(stderr);
	int saved = dup(2);
	int fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0 && saved >= 0);
	dup2(fd, 2);
	close(fd);
	int rc = cred_resolve(&req, &c, &e);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	assert_int_equal(rc, 0);
	cred_free(&c);

	char text[2048] = "";
	FILE *fp = fopen(logpath, "r");
	assert_non_null(fp);
	size_t n = fread(text, 1, sizeof(text) - 1, fp);
	text[n] = '\0';
	fclose(fp);
	assert_non_null(strstr(text, "alicfg: warning: "));
	assert_non_null(strstr(text, "chmod 600"));
	assert_no_secret(text);
}

static void
test_profile_flag_shadowed_warning(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	struct cred c;
	struct err e;
	fx_write(f, ".aliyun/config.json", cli_main);
	set_env_key();
	req.profile = "main";
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	assert_string_equal(c.origin, "environment");
	assert_int_equal(f->nwarnings, 1);
	assert_non_null(strstr(buf_str(&f->warnings), "--profile 'main'"));
	assert_non_null(strstr(buf_str(&f->warnings), "environment"));
	cred_free(&c);
}

static void
test_home_from_environment(void **state)
{
	struct fx *f = *state;
	struct cred_request req = {.warn = fx_warn, .warn_ctx = f};
	struct cred c;
	struct err e;
	fx_write(f, ".aliyun/config.json", cli_main);
	setenv("HOME", f->home, 1);
	expect_key_id(f, &req, "LTAIcliKeyId0001");
	/* A NULL request is "nothing from the command line". */
	set_env_key();
	assert_int_equal(cred_resolve(NULL, &c, &e), 0);
	assert_string_equal(c.origin, "environment");
	cred_free(&c);
}

static void
test_mask_key_id(void **state)
{
	(void)state;
	char out[32];
	cred_mask_key_id("LTAI5tABCDEFGH1234", out, sizeof(out));
	assert_string_equal(out, "LTAI****1234");
	cred_mask_key_id("LTAIabcdefgh", out, sizeof(out));  /* 12 chars */
	assert_string_equal(out, "LTAI****efgh");
	cred_mask_key_id("LTAIabcdefg", out, sizeof(out));   /* 11 chars */
	assert_string_equal(out, "****");
	cred_mask_key_id("LTAIabcdef", out, sizeof(out));    /* 10 chars */
	assert_string_equal(out, "****");
	cred_mask_key_id("ab", out, sizeof(out));
	assert_string_equal(out, "****");
	cred_mask_key_id("", out, sizeof(out));
	assert_string_equal(out, "****");
	cred_mask_key_id(NULL, out, sizeof(out));
	assert_string_equal(out, "****");
	/* A small buffer truncates, never overflows. */
	memset(out, 'Z', sizeof(out));
	cred_mask_key_id("LTAI5tABCDEFGH1234", out, 6);
	assert_string_equal(out, "LTAI*");
	assert_int_equal(out[6], 'Z');
	cred_mask_key_id("LTAI5tABCDEFGH1234", out, 0);
	assert_int_equal(out[0], 'L');
}

static void
test_copy_and_free(void **state)
{
	struct fx *f = *state;
	struct cred_request req = fx_request(f);
	struct cred c, d;
	struct err e;
	fx_write(f, ".aliyun/config.json",
		"{\"current\": \"r\", \"profiles\": [{\"name\": \"r\","
		" \"mode\": \"RamRoleArn\", \"access_key_id\": \"LTAIcliKeyId0001\","
		" \"access_key_secret\": \"cliSecretValue\","
		" \"ram_role_arn\": \"acs:ram::1:role/x\", \"ram_session_name\": \"s\","
		" \"external_id\": \"ext\", \"policy\": \"{}\", \"region_id\":"
		" \"ap-southeast-1\", \"sts_region\": \"ap-southeast-1\","
		" \"expired_seconds\": 1800}]}");
	assert_int_equal(resolve(f, &req, &c, &e), 0);
	cred_copy(&d, &c);
	assert_int_equal(d.mode, CRED_RAM_ROLE_ARN);
	assert_int_equal(d.duration_seconds, 1800);
	const char *cs[] = {c.access_key_id, c.access_key_secret, c.role_arn,
		c.role_session_name, c.external_id, c.policy, c.origin,
		c.profile, c.region_id, c.sts_endpoint};
	const char *ds[] = {d.access_key_id, d.access_key_secret, d.role_arn,
		d.role_session_name, d.external_id, d.policy, d.origin,
		d.profile, d.region_id, d.sts_endpoint};
	for (size_t i = 0; i < sizeof(cs) / sizeof(cs[0]); i++) {
		assert_non_null(cs[i]);
		assert_string_equal(cs[i], ds[i]);
		assert_ptr_not_equal(cs[i], ds[i]);
	}
	assert_null(d.security_token);
	cred_free(&c);
	assert_null(c.access_key_secret);
	assert_int_equal(c.mode, 0);
	/* The copy outlives the original. */
	assert_string_equal(d.access_key_secret, "cliSecretValue");
	cred_free(&d);
	cred_free(&d);   /* freeing twice is harmless */
	cred_free(NULL);
}

static void
test_list_profiles(void **state)
{
	struct fx *f = *state;
	char **names;
	struct err e;
	err_clear(&e);

	assert_int_equal(cred_files_list_profiles(f->home, &names, &e), 0);
	assert_null(names);

	fx_write_mode(f, ".aliyun/config.json",
		"{\"current\": \"mid\", \"profiles\": ["
		"{\"name\": \"zeta\", \"mode\": \"AK\"},"
		"{\"name\": \"alpha\", \"mode\": \"EcsRamRole\"},"
		"{\"name\": \"mid\", \"mode\": \"StsToken\"}]}", 0644);
	assert_int_equal(cred_files_list_profiles(f->home, &names, &e), 3);
	assert_string_equal(names[0], "zeta");
	assert_string_equal(names[1], "alpha");
	assert_string_equal(names[2], "mid");
	for (int i = 0; i < 3; i++)
		free(names[i]);
	free(names);

	/* NULL home means $HOME; the override variable is honoured. */
	fx_write(f, "other.json", "{\"profiles\": [{\"name\": \"only\"}]}");
	setenv("ALIBABA_CLOUD_CONFIG_FILE", fx_path(f, "other.json"), 1);
	assert_int_equal(cred_files_list_profiles(NULL, &names, &e), 1);
	assert_string_equal(names[0], "only");
	free(names[0]);
	free(names);
	unsetenv("ALIBABA_CLOUD_CONFIG_FILE");

	fx_write(f, ".aliyun/config.json", "{\"profiles\": [\n{\"name\": }]}");
	assert_int_equal(cred_files_list_profiles(f->home, &names, &e), -1);
	assert_int_equal(e.kind, ERR_CONFIG);
	assert_non_null(strstr(e.message, "line 2"));
	assert_null(names);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_flags),
		T(test_flags_incomplete),
		T(test_chain_order),
		T(test_env_each_alias),
		T(test_env_alias_precedence),
		T(test_env_incomplete),
		T(test_env_fills_empty_profile),
		T(test_env_oidc_not_used),
		T(test_profile_selection),
		T(test_profile_not_found),
		T(test_nothing_found_lists_everything),
		T(test_cli_profile_disabled),
		T(test_file_overrides),
		T(test_ini_file_names),
		T(test_permission_warning),
		T(test_warning_default_stderr),
		T(test_profile_flag_shadowed_warning),
		T(test_home_from_environment),
		T(test_mask_key_id),
		T(test_copy_and_free),
		T(test_list_profiles),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
