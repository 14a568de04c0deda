/* test_cred_files: each credentials file format and mode through
 * cred_resolve: config.json modes AK, StsToken, RamRoleArn and
 * ChainableRamRoleArn (with loops), INI types access_key, sts and
 * ram_role_arn, unsupported modes and types, missing fields, and malformed,
 * empty and unreadable files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cred_fixture.h"

#define SECRET "topSecretValue42"
#define TOKEN "stsTokenValue42"

static const char cli_path[] = ".aliyun/config.json";
static const char ini_path[] = ".alibabacloud/credentials";

static int
resolve_in(struct fx *f, const char *profile, struct cred *c, struct err *e)
{
	struct cred_request req = fx_request(f);
	req.profile = profile;
	err_clear(e);
	int rc = cred_resolve(&req, c, e);
	/* No message, warning included, may ever show a secret or token. */
	assert_null(strstr(e->message, SECRET));
	assert_null(strstr(e->message, TOKEN));
	assert_null(strstr(buf_str(&f->warnings), SECRET));
	if (rc != 0) {
		assert_int_equal(rc, -1);
		assert_int_equal(e->kind, ERR_CONFIG);
		assert_null(c->access_key_id);
		assert_null(c->origin);
	}
	return rc;
}

/* config.json with one profile "p" (the current one) whose body is `body`. */
static void
write_cli(struct fx *f, const char *body)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "{\"current\": \"p\", \"profiles\": [{\"name\": \"p\", %s}]}",
		body);
	fx_write(f, cli_path, buf_str(&b));
	buf_free(&b);
}

/* Resolution fails and the message contains every string in the list. */
static void
expect_error(struct fx *f, const char *profile, ...)
{
	struct cred c;
	struct err e;
	assert_int_equal(resolve_in(f, profile, &c, &e), -1);
	va_list ap;
	va_start(ap, profile);
	for (const char *want; (want = va_arg(ap, const char *));)
		if (!strstr(e.message, want))
			fail_msg("'%s' not in: %s", want, e.message);
	va_end(ap);
}

static void
test_cli_ak(void **state)
{
	struct fx *f = *state;
	struct cred c;
	struct err e;
	/* As the aliyun CLI writes it: every field, empty ones included. */
	write_cli(f, "\"mode\": \"AK\", \"access_key_id\": \"LTAIcliKeyId0001\","
		" \"access_key_secret\": \"" SECRET "\", \"sts_token\": \"\","
		" \"ram_role_name\": \"\", \"ram_role_arn\": \"\","
		" \"ram_session_name\": \"\", \"source_profile\": \"\","
		" \"private_key\": \"\", \"key_pair_name\": \"\","
		" \"expired_seconds\": 0, \"verified\": \"\", \"region_id\":"
		" \"ap-southeast-1\", \"output_format\": \"json\","
		" \"language\": \"en\", \"site\": \"\", \"retry_timeout\": 0,"
		" \"connect_timeout\": 0, \"retry_count\": 0,"
		" \"process_command\": \"\", \"credentials_uri\": \"\"");
	assert_int_equal(resolve_in(f, NULL, &c, &e), 0);
	assert_int_equal(c.mode, CRED_AK);
	assert_string_equal(c.access_key_id, "LTAIcliKeyId0001");
	assert_string_equal(c.access_key_secret, SECRET);
	assert_null(c.security_token);
	assert_null(c.role_arn);
	assert_string_equal(c.profile, "p");
	assert_string_equal(c.region_id, "ap-southeast-1");
	assert_null(c.sts_endpoint);
	cred_free(&c);

	/* Mode names match case-insensitively; a stray token in AK mode is
	 * ignored as the CLI does. */
	write_cli(f, "\"mode\": \"ak\", \"access_key_id\": \"LTAIcliKeyId0001\","
		" \"access_key_secret\": \"" SECRET "\", \"sts_token\": \"" TOKEN
		"\"");
	assert_int_equal(resolve_in(f, NULL, &c, &e), 0);
	assert_int_equal(c.mode, CRED_AK);
	assert_null(c.security_token);
	assert_null(c.region_id);
	cred_free(&c);
}

static void
test_cli_sts_token(void **state)
{
	struct fx *f = *state;
	struct cred c;
	struct err e;
	write_cli(f, "\"mode\": \"STSTOKEN\", \"access_key_id\": \"STS.key0001\","
		" \"access_key_secret\": \"" SECRET "\", \"sts_token\": \"" TOKEN
		"\"");
	assert_int_equal(resolve_in(f, NULL, &c, &e), 0);
	assert_int_equal(c.mode, CRED_STS);
	assert_string_equal(c.access_key_id, "STS.key0001");
	assert_string_equal(c.security_token, TOKEN);
	cred_free(&c);

	write_cli(f, "\"mode\": \"StsToken\", \"access_key_id\": \"STS.key0001\","
		" \"access_key_secret\": \"" SECRET "\", \"sts_token\": \"\"");
	expect_error(f, NULL, "profile 'p'", "mode StsToken", "has no sts_token",
		NULL);
}

static void
test_cli_ram_role_arn(void **state)
{
	struct fx *f = *state;
	struct cred c;
	struct err e;
	write_cli(f, "\"mode\": \"RamRoleArn\", \"access_key_id\": \"LTAIbase0001\","
		" \"access_key_secret\": \"" SECRET "\","
		" \"ram_role_arn\": \"acs:ram::123456789012:role/admin\","
		" \"ram_session_name\": \"me\", \"expired_seconds\": 3600,"
		" \"external_id\": \"ext-1\", \"policy\": \"{\\\"Version\\\":\\\"1\\\"}\","
		" \"sts_region\": \"cn-hangzhou\"");
	assert_int_equal(resolve_in(f, NULL, &c, &e), 0);
	assert_int_equal(c.mode, CRED_RAM_ROLE_ARN);
	assert_string_equal(c.access_key_id, "LTAIbase0001");
	assert_string_equal(c.access_key_secret, SECRET);
	assert_null(c.security_token);
	assert_string_equal(c.role_arn, "acs:ram::123456789012:role/admin");
	assert_string_equal(c.role_session_name, "me");
	assert_int_equal(c.duration_seconds, 3600);
	assert_string_equal(c.external_id, "ext-1");
	assert_string_equal(c.policy, "{\"Version\":\"1\"}");
	assert_string_equal(c.sts_endpoint, "sts.cn-hangzhou.aliyuncs.com");
	cred_free(&c);

	/* sts_endpoint beats sts_region; VPC endpoints; defaults; the
	 * duration may be written as a string. */
	write_cli(f, "\"mode\": \"ramrolearn\", \"access_key_id\": \"LTAIbase0001\","
		" \"access_key_secret\": \"" SECRET "\","
		" \"ram_role_arn\": \"acs:ram::1:role/r\","
		" \"sts_endpoint\": \"sts.example.test\","
		" \"sts_region\": \"cn-hangzhou\", \"expired_seconds\": \"900\"");
	assert_int_equal(resolve_in(f, NULL, &c, &e), 0);
	assert_string_equal(c.sts_endpoint, "sts.example.test");
	assert_string_equal(c.role_session_name, "alicfg");
	assert_int_equal(c.duration_seconds, 900);
	assert_null(c.external_id);
	assert_null(c.policy);
	cred_free(&c);

	write_cli(f, "\"mode\": \"RamRoleArn\", \"access_key_id\": \"LTAIbase0001\","
		" \"access_key_secret\": \"" SECRET "\","
		" \"ram_role_arn\": \"acs:ram::1:role/r\", \"enable_vpc\": true,"
		" \"sts_region\": \"cn-beijing\", \"sts_token\": \"" TOKEN "\"");
	assert_int_equal(resolve_in(f, NULL, &c, &e), 0);
	assert_string_equal(c.sts_endpoint, "sts-vpc.cn-beijing.aliyuncs.com");
	/* A RamRoleArn base key may itself be temporary. */
	assert_string_equal(c.security_token, TOKEN);
	assert_int_equal(c.duration_seconds, 0);
	cred_free(&c);

	write_cli(f, "\"mode\": \"RamRoleArn\", \"access_key_id\": \"LTAIbase0001\","
		" \"access_key_secret\": \"" SECRET "\"");
	expect_error(f, NULL, "profile 'p'", "has no ram_role_arn", NULL);
	write_cli(f, "\"mode\": \"RamRoleArn\", \"access_key_id\": \"LTAIbase0001\","
		" \"access_key_secret\": \"" SECRET "\","
		" \"ram_role_arn\": \"acs:ram::1:role/r\", \"expired_seconds\": 60");
	expect_error(f, NULL, "expired_seconds", "900", "43200", NULL);
	write_cli(f, "\"mode\": \"RamRoleArn\", \"access_key_id\": \"LTAIbase0001\","
		" \"access_key_secret\": \"" SECRET "\","
		" \"ram_role_arn\": \"acs:ram::1:role/r\", \"expired_seconds\": \"1h\"");
	expect_error(f, NULL, "expired_seconds", NULL);
	write_cli(f, "\"mode\": \"RamRoleArn\", \"access_key_id\": \"LTAIbase0001\","
		" \"access_key_secret\": \"" SECRET "\","
		" \"ram_role_arn\": \"acs:ram::1:role/r\", \"sts_region\": \"a/b\"");
	expect_error(f, NULL, "sts_region", NULL);
}

static const char chain_file[] =
	"{\"current\": \"top\", \"profiles\": [\n"
	" {\"name\": \"base\", \"mode\": \"AK\", \"access_key_id\": \"LTAIbase0001\","
	"  \"access_key_secret\": \"" SECRET "\", \"region_id\": \"cn-shanghai\","
	"  \"sts_region\": \"cn-shanghai\"},\n"
	" {\"name\": \"temp\", \"mode\": \"StsToken\", \"access_key_id\": \"STS.tmp1\","
	"  \"access_key_secret\": \"" SECRET "\", \"sts_token\": \"" TOKEN "\"},\n"
	" {\"name\": \"top\", \"mode\": \"ChainableRamRoleArn\","
	"  \"source_profile\": \"base\", \"ram_role_arn\": \"acs:ram::2:role/top\","
	"  \"ram_session_name\": \"chain\"},\n"
	" {\"name\": \"viatemp\", \"mode\": \"chainableramrolearn\","
	"  \"source_profile\": \"temp\", \"ram_role_arn\": \"acs:ram::3:role/t\","
	"  \"region_id\": \"ap-southeast-1\", \"expired_seconds\": 7200},\n"
	" {\"name\": \"role\", \"mode\": \"RamRoleArn\", \"access_key_id\": \"LTAIbase0001\","
	"  \"access_key_secret\": \"" SECRET "\", \"ram_role_arn\": \"acs:ram::4:role/r\"},\n"
	" {\"name\": \"onrole\", \"mode\": \"ChainableRamRoleArn\","
	"  \"source_profile\": \"role\", \"ram_role_arn\": \"acs:ram::5:role/x\"},\n"
	" {\"name\": \"loop1\", \"mode\": \"ChainableRamRoleArn\","
	"  \"source_profile\": \"loop2\", \"ram_role_arn\": \"acs:ram::6:role/x\"},\n"
	" {\"name\": \"loop2\", \"mode\": \"ChainableRamRoleArn\","
	"  \"source_profile\": \"loop3\", \"ram_role_arn\": \"acs:ram::6:role/y\"},\n"
	" {\"name\": \"loop3\", \"mode\": \"ChainableRamRoleArn\","
	"  \"source_profile\": \"loop1\", \"ram_role_arn\": \"acs:ram::6:role/z\"},\n"
	" {\"name\": \"self\", \"mode\": \"ChainableRamRoleArn\","
	"  \"source_profile\": \"self\", \"ram_role_arn\": \"acs:ram::7:role/x\"},\n"
	" {\"name\": \"orphan\", \"mode\": \"ChainableRamRoleArn\","
	"  \"source_profile\": \"nobody\", \"ram_role_arn\": \"acs:ram::8:role/x\"},\n"
	" {\"name\": \"nosource\", \"mode\": \"ChainableRamRoleArn\","
	"  \"ram_role_arn\": \"acs:ram::8:role/x\"},\n"
	" {\"name\": \"badsource\", \"mode\": \"ChainableRamRoleArn\","
	"  \"source_profile\": \"ecs\", \"ram_role_arn\": \"acs:ram::8:role/x\"},\n"
	" {\"name\": \"ecs\", \"mode\": \"EcsRamRole\", \"ram_role_name\": \"r\"}\n"
	"]}\n";

static void
test_cli_chainable(void **state)
{
	struct fx *f = *state;
	struct cred c;
	struct err e;
	fx_write(f, cli_path, chain_file);

	assert_int_equal(resolve_in(f, NULL, &c, &e), 0);
	assert_int_equal(c.mode, CRED_RAM_ROLE_ARN);
	assert_string_equal(c.access_key_id, "LTAIbase0001");
	assert_string_equal(c.access_key_secret, SECRET);
	assert_null(c.security_token);
	assert_string_equal(c.role_arn, "acs:ram::2:role/top");
	assert_string_equal(c.role_session_name, "chain");
	assert_string_equal(c.profile, "top");
	assert_non_null(strstr(c.origin, "profile 'top'"));
	/* Region and STS endpoint fall back to the source's. */
	assert_string_equal(c.region_id, "cn-shanghai");
	assert_string_equal(c.sts_endpoint, "sts.cn-shanghai.aliyuncs.com");
	cred_free(&c);

	assert_int_equal(resolve_in(f, "viatemp", &c, &e), 0);
	assert_int_equal(c.mode, CRED_RAM_ROLE_ARN);
	assert_string_equal(c.access_key_id, "STS.tmp1");
	assert_string_equal(c.security_token, TOKEN);
	assert_string_equal(c.role_arn, "acs:ram::3:role/t");
	assert_string_equal(c.region_id, "ap-southeast-1");
	assert_int_equal(c.duration_seconds, 7200);
	assert_null(c.sts_endpoint);
	cred_free(&c);
}

static void
test_cli_chainable_errors(void **state)
{
	struct fx *f = *state;
	fx_write(f, cli_path, chain_file);
	expect_error(f, "loop1", "loop", "'loop1' -> 'loop2' -> 'loop3' -> "
		"'loop1'", NULL);
	expect_error(f, "loop2", "'loop2' -> 'loop3' -> 'loop1' -> 'loop2'",
		NULL);
	expect_error(f, "self", "loop 'self' -> 'self'", NULL);
	expect_error(f, "orphan", "source_profile 'nobody' does not exist",
		NULL);
	expect_error(f, "nosource", "profile 'nosource'", "has no "
		"source_profile", NULL);
	expect_error(f, "onrole", "source_profile 'role' is itself a role "
		"profile", NULL);
	expect_error(f, "badsource", "profile 'ecs'", "uses mode EcsRamRole",
		NULL);
}

static void
test_cli_unsupported_modes(void **state)
{
	struct fx *f = *state;
	static const char *const modes[] = {
		"EcsRamRole", "OIDC", "CloudSSO", "OAuth", "External",
		"CredentialsURI", "BearerToken", "Anonymous", "RsaKeyPair",
		"RamRoleArnWithRoleName", "SomethingNew", NULL,
	};
	char body[256], want[512];
	for (int i = 0; modes[i]; i++) {
		snprintf(body, sizeof(body), "\"mode\": \"%s\", "
			"\"access_key_id\": \"LTAIx\", \"access_key_secret\": "
			"\"" SECRET "\"", modes[i]);
		write_cli(f, body);
		snprintf(want, sizeof(want), "profile 'p' in %s uses mode %s, "
			"which alicfg does not support (supported: AK, StsToken, "
			"RamRoleArn, ChainableRamRoleArn)", fx_path(f, cli_path),
			modes[i]);
		struct cred c;
		struct err e;
		assert_int_equal(resolve_in(f, NULL, &c, &e), -1);
		assert_string_equal(e.message, want);
	}
}

static void
test_cli_missing_and_wrong_fields(void **state)
{
	struct fx *f = *state;
	write_cli(f, "\"access_key_id\": \"LTAIx\"");
	expect_error(f, NULL, "profile 'p'", "has no mode", NULL);
	write_cli(f, "\"mode\": \"AK\", \"access_key_secret\": \"" SECRET "\"");
	expect_error(f, NULL, "profile 'p' in ", cli_path, "(mode AK) has no "
		"access_key_id", NULL);
	write_cli(f, "\"mode\": \"AK\", \"access_key_id\": \"LTAIx\"");
	expect_error(f, NULL, "(mode AK) has no access_key_secret", NULL);
	write_cli(f, "\"mode\": \"AK\", \"access_key_id\": 12345,"
		" \"access_key_secret\": \"" SECRET "\"");
	expect_error(f, NULL, "access_key_id must be a string", NULL);
	write_cli(f, "\"mode\": [\"AK\"]");
	expect_error(f, NULL, "mode must be a string", NULL);
}

static void
test_cli_malformed(void **state)
{
	struct fx *f = *state;
	/* The broken token is a secret: the message must not quote it. */
	fx_write(f, cli_path, "{\n  \"current\": \"p\",\n  \"profiles\": [\n"
		"    {\"name\": \"p\", \"access_key_secret\": " SECRET "}\n]}\n");
	expect_error(f, NULL, cli_path, "line 4", "invalid JSON", NULL);

	fx_write(f, cli_path, "{\"profiles\": [");
	expect_error(f, NULL, cli_path, "invalid JSON", NULL);
	fx_write(f, cli_path, "[1, 2, 3]");
	expect_error(f, NULL, cli_path, "JSON object", NULL);
	fx_write(f, cli_path, "{\"profiles\": {\"name\": \"p\"}}");
	expect_error(f, NULL, "\"profiles\" must be an array", NULL);
	fx_write(f, cli_path, "{\"profiles\": [42]}");
	expect_error(f, NULL, "profiles[0]", NULL);
	fx_write(f, cli_path, "{\"profiles\": [{\"mode\": \"AK\"}]}");
	expect_error(f, NULL, "profiles[0]", "name", NULL);
	fx_write(f, cli_path, "{\"current\": 7, \"profiles\": []}");
	expect_error(f, NULL, "\"current\" must be a string", NULL);
	fx_write(f, cli_path, "{\"current\": \"gone\", \"profiles\": []}");
	expect_error(f, NULL, "current profile 'gone'", cli_path, NULL);
	fx_write(f, cli_path, "\x89PNG\r\n\x1a\n\x00\x01binary");
	expect_error(f, NULL, cli_path, "invalid JSON", NULL);

	/* A byte-order mark and CRLF line ends are fine. */
	struct cred c;
	struct err e;
	fx_write(f, cli_path, "\xef\xbb\xbf{\"current\": \"p\",\r\n\"profiles\": "
		"[{\"name\": \"p\", \"mode\": \"AK\", \"access_key_id\": \"LTAIbom1\","
		" \"access_key_secret\": \"" SECRET "\"}]}\r\n");
	assert_int_equal(resolve_in(f, NULL, &c, &e), 0);
	assert_string_equal(c.access_key_id, "LTAIbom1");
	cred_free(&c);
}

static void
test_empty_and_odd_files(void **state)
{
	struct fx *f = *state;
	fx_write(f, cli_path, "");
	expect_error(f, NULL, cli_path, "is empty", NULL);
	fx_write(f, cli_path, " \n\t\r\n");
	expect_error(f, NULL, cli_path, "is empty", NULL);
	unlink(fx_path(f, cli_path));

	fx_write(f, ini_path, "");
	expect_error(f, NULL, ini_path, "is empty", NULL);
	fx_write(f, ini_path, "\xef\xbb\xbf\n\n");
	expect_error(f, NULL, ini_path, "is empty", NULL);
	unlink(fx_path(f, ini_path));

	/* A directory where the file should be. */
	assert_int_equal(mkdir(fx_path(f, cli_path), 0700), 0);
	expect_error(f, NULL, cli_path, "directory", NULL);
	rmdir(fx_path(f, cli_path));

	/* A FIFO must not hang the reader. */
	assert_int_equal(mkfifo(fx_path(f, ini_path), 0600), 0);
	expect_error(f, NULL, ini_path, "not a regular file", NULL);
}

static void
resolve_locked(void *ctx, struct fx_outcome *out)
{
	struct fx *f = ctx;
	struct cred_request req = fx_request(f);
	struct cred c;
	struct err e;
	err_clear(&e);
	out->rc = cred_resolve(&req, &c, &e);
	snprintf(out->message, sizeof(out->message), "%s", e.message);
	if (out->rc == 0)
		cred_free(&c);
}

/* Mode 000 files: a clear error naming the file, even when the tests run
 * as root (the check then runs in a child that drops to nobody). */
static void
test_unreadable_files(void **state)
{
	struct fx *f = *state;
	struct fx_outcome out;
	fx_open_home(f);
	write_cli(f, "\"mode\": \"AK\", \"access_key_id\": \"LTAIx\","
		" \"access_key_secret\": \"" SECRET "\"");
	chmod(fx_path(f, cli_path), 0);
	int r = fx_run_unprivileged(fx_path(f, cli_path), resolve_locked, f,
		&out);
	if (r == -1)
		skip();   /* root, and could not drop privileges */
	assert_int_equal(r, 0);
	assert_int_equal(out.rc, -1);
	assert_non_null(strstr(out.message, "cannot read"));
	assert_non_null(strstr(out.message, fx_path(f, cli_path)));
	assert_non_null(strstr(out.message, "Permission denied"));
	assert_null(strstr(out.message, SECRET));
	unlink(fx_path(f, cli_path));

	fx_write_mode(f, ini_path, "[default]\ntype = access_key\n", 0);
	r = fx_run_unprivileged(fx_path(f, ini_path), resolve_locked, f, &out);
	assert_int_equal(r, 0);
	assert_int_equal(out.rc, -1);
	assert_non_null(strstr(out.message, fx_path(f, ini_path)));
	assert_non_null(strstr(out.message, "Permission denied"));
}

static void
test_ini_types(void **state)
{
	struct fx *f = *state;
	struct cred c;
	struct err e;
	fx_write(f, ini_path,
		"; the Go SDK's fixture layout\n"
		"[default]\n"
		"enable = true\n"
		"type = access_key\n"
		"access_key_id = LTAIini0001\n"
		"access_key_secret = " SECRET "\n"
		"\n"
		"[temp]\n"
		"type = STS\n"
		"access_key_id = STS.ini0002\n"
		"access_key_secret = \"" SECRET "\"\n"
		"security_token = " TOKEN "\n"
		"\n"
		"[ram]\n"
		"type = ram_role_arn\n"
		"access_key_id = LTAIini0003\n"
		"access_key_secret = " SECRET "\n"
		"role_arn = acs:ram::123456789012:role/ResourceDirectoryAccountAccessRole\n"
		"role_session_name = session_name\n"
		"role_session_expiration = 1200\n"
		"policy = {\"Version\": \"1\"}\n"
		"\n"
		"[ram2]\n"
		"type = ram_role_arn\n"
		"access_key_id = LTAIini0004\n"
		"access_key_secret = " SECRET "\n"
		"role_arn = acs:ram::1:role/x\n");

	assert_int_equal(resolve_in(f, NULL, &c, &e), 0);
	assert_int_equal(c.mode, CRED_AK);
	assert_string_equal(c.access_key_id, "LTAIini0001");
	assert_string_equal(c.access_key_secret, SECRET);
	assert_string_equal(c.profile, "default");
	cred_free(&c);

	assert_int_equal(resolve_in(f, "temp", &c, &e), 0);
	assert_int_equal(c.mode, CRED_STS);
	assert_string_equal(c.access_key_secret, SECRET);
	assert_string_equal(c.security_token, TOKEN);
	cred_free(&c);

	setenv("ALIBABA_CLOUD_PROFILE", "ram", 1);
	assert_int_equal(resolve_in(f, NULL, &c, &e), 0);
	assert_int_equal(c.mode, CRED_RAM_ROLE_ARN);
	assert_string_equal(c.access_key_id, "LTAIini0003");
	assert_string_equal(c.role_arn, "acs:ram::123456789012:role/"
		"ResourceDirectoryAccountAccessRole");
	assert_string_equal(c.role_session_name, "session_name");
	assert_int_equal(c.duration_seconds, 1200);
	assert_string_equal(c.policy, "{\"Version\": \"1\"}");
	assert_null(c.security_token);
	cred_free(&c);

	assert_int_equal(resolve_in(f, "ram2", &c, &e), 0);
	assert_string_equal(c.role_session_name, "alicfg");
	assert_null(c.policy);
	cred_free(&c);
}

static void
test_ini_enable_false(void **state)
{
	struct fx *f = *state;
	struct cred c;
	struct err e;
	fx_write(f, ini_path,
		"[default]\nenable = false\ntype = access_key\n"
		"access_key_id = LTAIoff\naccess_key_secret = " SECRET "\n"
		"[on]\nenable = true\ntype = access_key\n"
		"access_key_id = LTAIon\naccess_key_secret = " SECRET "\n");
	assert_int_equal(resolve_in(f, NULL, &c, &e), -1);
	assert_non_null(strstr(e.message, "no credentials found"));
	assert_non_null(strstr(e.message, "profile 'default' is disabled"));
	expect_error(f, "default", "profile 'default' is disabled", NULL);
	assert_int_equal(resolve_in(f, "on", &c, &e), 0);
	assert_string_equal(c.access_key_id, "LTAIon");
	cred_free(&c);
}

static void
test_ini_errors(void **state)
{
	struct fx *f = *state;
	static const char *const types[] = {
		"ecs_ram_role", "oidc_role_arn", "rsa_key_pair", "bearer",
		"credentials_uri", NULL,
	};
	char text[256], want[512];
	for (int i = 0; types[i]; i++) {
		snprintf(text, sizeof(text), "[default]\ntype = %s\n"
			"role_name = x\n", types[i]);
		fx_write(f, ini_path, text);
		snprintf(want, sizeof(want), "profile 'default' in %s uses type "
			"%s, which alicfg does not support (supported: access_key, "
			"sts, ram_role_arn)", fx_path(f, ini_path), types[i]);
		struct cred c;
		struct err e;
		assert_int_equal(resolve_in(f, NULL, &c, &e), -1);
		assert_string_equal(e.message, want);
	}

	fx_write(f, ini_path, "[default]\naccess_key_id = LTAIx\n");
	expect_error(f, NULL, "profile 'default'", "has no type", NULL);
	fx_write(f, ini_path, "[default]\ntype = access_key\n"
		"access_key_secret = " SECRET "\n");
	expect_error(f, NULL, "(type access_key) has no access_key_id", NULL);
	fx_write(f, ini_path, "[default]\ntype = sts\naccess_key_id = x\n"
		"access_key_secret = " SECRET "\n");
	expect_error(f, NULL, "(type sts) has no security_token", NULL);
	fx_write(f, ini_path, "[default]\ntype = ram_role_arn\n"
		"access_key_id = x\naccess_key_secret = " SECRET "\n");
	expect_error(f, NULL, "(type ram_role_arn) has no role_arn", NULL);
	fx_write(f, ini_path, "[default]\ntype = ram_role_arn\n"
		"access_key_id = x\naccess_key_secret = " SECRET "\n"
		"role_arn = r\nrole_session_expiration = 99999\n");
	expect_error(f, NULL, "role_session_expiration", NULL);

	/* Syntax errors name the file and line, never the line's text. */
	fx_write(f, ini_path, "[default]\ntype = access_key\n"
		"access_key_id = x\n" SECRET "\n");
	expect_error(f, NULL, ini_path, "line 4", NULL);
	fx_write(f, ini_path, "[default\n");
	expect_error(f, NULL, ini_path, "line 1", "closing ']'", NULL);
	fx_write(f, ini_path, "\x7f" "ELF\x02\x01\x01\n\x03\x00>\x00");
	expect_error(f, NULL, ini_path, "line ", NULL);
}

/* CRLF, BOM, quotes, comments and keys out of section order are fine. */
static void
test_ini_robust_format(void **state)
{
	struct fx *f = *state;
	struct cred c;
	struct err e;
	fx_write(f, ini_path,
		"\xef\xbb\xbf# written on Windows\r\n"
		"stray = top level\r\n"
		"[other]\r\ntype = ecs_ram_role\r\n"
		"[default]\r\n"
		"  access_key_id   =   \"LTAIcrlf01\"  \r\n"
		"; comment between\r\n"
		"type=access_key\r\n"
		"[other2]\r\nx = y\r\n"
		"[default]\r\n"
		"access_key_secret = " SECRET "\r\n");
	assert_int_equal(resolve_in(f, NULL, &c, &e), 0);
	assert_string_equal(c.access_key_id, "LTAIcrlf01");
	assert_string_equal(c.access_key_secret, SECRET);
	cred_free(&c);
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(test_cli_ak),
		T(test_cli_sts_token),
		T(test_cli_ram_role_arn),
		T(test_cli_chainable),
		T(test_cli_chainable_errors),
		T(test_cli_unsupported_modes),
		T(test_cli_missing_and_wrong_fields),
		T(test_cli_malformed),
		T(test_empty_and_odd_files),
		T(test_unreadable_files),
		T(test_ini_types),
		T(test_ini_enable_false),
		T(test_ini_errors),
		T(test_ini_robust_format),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
