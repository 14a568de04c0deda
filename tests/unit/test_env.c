/* test_env: one table of environment variable families, and every module
 * that reads a family (the credentials chain, the region choice, the
 * options' precedence over the config file, the proxy choice) reads each
 * of its names, in its order. A second copy of a list that drifted would
 * miss a name here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <unistd.h>
#include <sys/stat.h>

#include "cred_fixture.h"
#include "endpoint.h"
#include "env.h"
#include "options.h"
#include "proxy.h"

static void
clear_family(enum env_family f)
{
	for (const char *const *n = env_family_names(f); *n; n++)
		unsetenv(*n);
}

static void
first_non_empty_wins(void **state)
{
	(void)state;
	for (int f = 0; f < ENV_FAMILY_COUNT; f++) {
		const char *const *names = env_family_names(f);
		assert_non_null(names[0]);
		clear_family(f);
		assert_null(env_family_get(f, NULL));
		/* each alone */
		for (size_t i = 0; names[i]; i++) {
			clear_family(f);
			setenv(names[i], "v", 1);
			const char *which = NULL;
			assert_string_equal(env_family_get(f, &which), "v");
			assert_string_equal(which, names[i]);
		}
		/* all set: the first; an empty first is skipped */
		for (size_t i = 0; names[i]; i++)
			setenv(names[i], names[i], 1);
		assert_string_equal(env_family_get(f, NULL), names[0]);
		if (names[1]) {
			setenv(names[0], "", 1);
			assert_string_equal(env_family_get(f, NULL), names[1]);
		}
		clear_family(f);
	}
	struct buf b = BUF_INIT;
	env_family_list(ENV_PROFILE, &b);
	assert_string_equal(buf_str(&b),
		"ALIBABA_CLOUD_PROFILE, ALIBABACLOUD_PROFILE, ALICLOUD_PROFILE");
	buf_free(&b);
}

/* The credentials chain reads every spelling of the key pair and token:
 * ALIBABA_CLOUD_* as a source, the aliyun CLI's others to fill a keyless
 * config.json profile (issue 14), each family whole. */
static void
credentials_read_every_name(void **state)
{
	struct fx *f = *state;
	const char *const *ids = env_family_names(ENV_ACCESS_KEY_ID);
	const char *const *secrets = env_family_names(ENV_ACCESS_KEY_SECRET);
	const char *const *tokens = env_family_names(ENV_SECURITY_TOKEN);
	char dir[600], path[700];
	snprintf(dir, sizeof(dir), "%s/.aliyun", f->home);
	mkdir(dir, 0700);
	snprintf(path, sizeof(path), "%s/config.json", dir);
	FILE *cfg = fopen(path, "w");
	assert_non_null(cfg);
	fputs("{\"current\": \"k\", \"profiles\": [{\"name\": \"k\", "
		"\"mode\": \"StsToken\"}]}", cfg);
	fclose(cfg);
	chmod(path, 0600);
	for (size_t i = 0; ids[i]; i++) {
		fx_clear_env();
		setenv(ids[i], "env-ak-id", 1);
		setenv(secrets[i], "env-secret", 1);
		setenv(tokens[i], "env-token", 1);
		struct cred_request req = { .home = f->home, .warn = fx_warn,
			.warn_ctx = f };
		struct cred c;
		struct err e;
		err_clear(&e);
		if (cred_resolve(&req, &c, &e) < 0)
			fail_msg("%s: %s", ids[i], e.message);
		assert_string_equal(c.access_key_id, "env-ak-id");
		assert_string_equal(c.access_key_secret, "env-secret");
		assert_string_equal(c.security_token, "env-token");
		/* Only ALIBABA_CLOUD_* is the environment source. */
		if (i == 0)
			assert_string_equal(c.origin, "environment");
		else
			assert_non_null(strstr(c.origin, "profile 'k'"));
		cred_free(&c);
	}
	unlink(path);
	rmdir(dir);
	fx_clear_env();
}

/* The region choice and the options' precedence read every spelling. */
static void
region_and_profile_read_every_name(void **state)
{
	(void)state;
	const char *const *regions = env_family_names(ENV_REGION);
	for (size_t i = 0; regions[i]; i++) {
		fx_clear_env();
		setenv(regions[i], "ap-southeast-1", 1);
		char out[32];
		struct err e;
		assert_int_equal(endpoint_region(NULL, "cn-shanghai", out,
			sizeof(out), &e), 0);
		assert_string_equal(out, "ap-southeast-1");
		struct options o;
		memset(&o, 0, sizeof(o));
		o.region = "cn-shanghai";
		o.region_from_config = true;
		if (options_region_flag(&o))
			fail_msg("%s does not outrank the config file",
				regions[i]);
	}
	const char *const *profiles = env_family_names(ENV_PROFILE);
	for (size_t i = 0; profiles[i]; i++) {
		fx_clear_env();
		setenv(profiles[i], "p", 1);
		struct options o;
		memset(&o, 0, sizeof(o));
		o.profile = "from-config";
		o.profile_from_config = true;
		if (options_profile_flag(&o))
			fail_msg("%s does not outrank the config file",
				profiles[i]);
	}
	fx_clear_env();
}

/* The proxy choice reads both spellings of each variable. */
static void
proxy_reads_every_name(void **state)
{
	(void)state;
	const enum env_family fams[] = { ENV_HTTPS_PROXY, ENV_ALL_PROXY };
	for (size_t k = 0; k < 2; k++) {
		const char *const *names = env_family_names(fams[k]);
		for (size_t i = 0; names[i]; i++) {
			clear_family(ENV_HTTPS_PROXY);
			clear_family(ENV_ALL_PROXY);
			clear_family(ENV_NO_PROXY);
			setenv(names[i], "http://127.0.0.1:3128", 1);
			struct buf out = BUF_INIT;
			proxy_for("https://config.example.test/",
				"config.example.test", &out);
			if (!out.len)
				fail_msg("%s ignored", names[i]);
			buf_free(&out);
			/* and no_proxy, in both spellings, turns it off */
			const char *const *no = env_family_names(ENV_NO_PROXY);
			for (size_t j = 0; no[j]; j++) {
				setenv(no[j], "example.test", 1);
				proxy_for("https://config.example.test/",
					"config.example.test", &out);
				if (out.len)
					fail_msg("%s ignored", no[j]);
				unsetenv(no[j]);
			}
			unsetenv(names[i]);
		}
	}
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
	const struct CMUnitTest tests[] = {
		T(first_non_empty_wins),
		T(credentials_read_every_name),
		T(region_and_profile_read_every_name),
		T(proxy_reads_every_name),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
