/* test_endpoint: region precedence and validation, the Config and STS URL
 * rules (schemes, loopback-only plain http, normalisation), and the small
 * helpers the TUI uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cred_fixture.h"
#include "endpoint.h"

static int
env_setup(void **state)
{
	(void)state;
	fx_clear_env();
	return 0;
}

static int
env_teardown(void **state)
{
	(void)state;
	fx_clear_env();
	return 0;
}

static void
expect_region(const char *flag, const char *profile, const char *want)
{
	char out[64];
	struct err e;
	err_clear(&e);
	assert_int_equal(endpoint_region(flag, profile, out, sizeof(out), &e),
		0);
	assert_int_equal(e.kind, ERR_NONE);
	assert_string_equal(out, want);
}

static void
expect_region_error(const char *flag, const char *profile, const char *want)
{
	char out[64];
	struct err e;
	assert_int_equal(endpoint_region(flag, profile, out, sizeof(out), &e),
		-1);
	assert_int_equal(e.kind, ERR_CONFIG);
	if (!strstr(e.message, want))
		fail_msg("'%s' not in: %s", want, e.message);
}

static void
test_region_precedence(void **state)
{
	(void)state;
	static const char *const vars[] = {
		"ALIBABA_CLOUD_REGION_ID", "ALIBABACLOUD_REGION_ID",
		"ALICLOUD_REGION_ID", "REGION_ID", "REGION",
	};
	expect_region(NULL, NULL, "cn-shanghai");
	expect_region("", "", "cn-shanghai");
	expect_region(NULL, "ap-southeast-1", "ap-southeast-1");

	/* Each alias alone beats the profile. */
	for (int i = 0; i < 5; i++) {
		fx_clear_env();
		setenv(vars[i], "ap-southeast-1", 1);
		expect_region(NULL, "cn-shanghai", "ap-southeast-1");
	}
	/* Set them all, distinguishable by validity: the first non-empty
	 * one is read (a wrong one shows up as an error naming it). */
	fx_clear_env();
	for (int i = 4; i >= 0; i--) {
		setenv(vars[i], i ? "eu-central-1" : "ap-southeast-1", 1);
	}
	expect_region(NULL, "cn-shanghai", "ap-southeast-1");
	setenv(vars[0], "", 1);
	expect_region_error(NULL, "cn-shanghai", "(the region came from "
		"ALIBABACLOUD_REGION_ID)");
	fx_clear_env();
	setenv("REGION", "us-east-1", 1);
	expect_region_error(NULL, NULL, "(the region came from REGION)");

	/* The flag beats everything. */
	expect_region("cn-shanghai", "ap-southeast-1", "cn-shanghai");
	/* Case is forgiven and normalised. */
	expect_region("AP-Southeast-1", NULL, "ap-southeast-1");
}

static void
test_region_errors(void **state)
{
	(void)state;
	char out[64];
	struct err e;
	assert_int_equal(endpoint_region("cn-hangzhou", NULL, out, sizeof(out),
		&e), -1);
	assert_int_equal(e.kind, ERR_CONFIG);
	assert_string_equal(e.message, "Cloud Config is served only from "
		"cn-shanghai (China site) and ap-southeast-1 (international "
		"site); region 'cn-hangzhou' is a China-site region: use "
		"--region cn-shanghai");
	expect_region_error("us-west-1", NULL, "region 'us-west-1' is an "
		"international-site region: use --region ap-southeast-1");
	expect_region_error("ap-southeast-5", NULL, "--region ap-southeast-1");
	expect_region_error("cn-hongkong", NULL, "--region cn-shanghai");
	expect_region_error(NULL, "eu-west-1", "(the region came from the "
		"profile's region_id)");
	expect_region_error("cn shanghai", NULL, "is not a region id");
	expect_region_error("\x1b[31mred", NULL, "'?[31mred' is not a region "
		"id");
	/* A buffer too small for the answer is an error, not a cut. */
	assert_int_equal(endpoint_region("ap-southeast-1", NULL, out, 5, &e),
		-1);
}

static void
expect_url(int (*fn)(const char *, const char *, char *, size_t,
	struct err *), const char *flag, const char *arg, const char *want)
{
	char out[256];
	struct err e;
	err_clear(&e);
	if (fn(flag, arg, out, sizeof(out), &e) != 0)
		fail_msg("unexpected error: %s", e.message);
	assert_string_equal(out, want);
}

static void
expect_url_error(int (*fn)(const char *, const char *, char *, size_t,
	struct err *), const char *flag, const char *arg, const char *want)
{
	char out[256];
	struct err e;
	assert_int_equal(fn(flag, arg, out, sizeof(out), &e), -1);
	assert_int_equal(e.kind, ERR_CONFIG);
	if (!strstr(e.message, want))
		fail_msg("'%s' not in: %s", want, e.message);
}

static void
test_config_url(void **state)
{
	(void)state;
	expect_url(endpoint_config_url, NULL, "cn-shanghai",
		"https://config.cn-shanghai.aliyuncs.com");
	expect_url(endpoint_config_url, NULL, "ap-southeast-1",
		"https://config.ap-southeast-1.aliyuncs.com");
	expect_url(endpoint_config_url, NULL, NULL,
		"https://config.cn-shanghai.aliyuncs.com");
	expect_url_error(endpoint_config_url, NULL, "cn-hangzhou",
		"--region cn-shanghai");

	/* Env beats the region; the flag beats the env. */
	setenv("ALIBABA_CLOUD_ENDPOINT", "config-vpc.cn-shanghai.aliyuncs.com",
		1);
	expect_url(endpoint_config_url, NULL, "ap-southeast-1",
		"https://config-vpc.cn-shanghai.aliyuncs.com");
	expect_url(endpoint_config_url, "http://127.0.0.1:8080/", "cn-shanghai",
		"http://127.0.0.1:8080");
	setenv("ALIBABA_CLOUD_ENDPOINT", "http://config.example.com", 1);
	expect_url_error(endpoint_config_url, NULL, NULL,
		"from ALIBABA_CLOUD_ENDPOINT");
	unsetenv("ALIBABA_CLOUD_ENDPOINT");
}

static void
test_url_rules(void **state)
{
	(void)state;
	int (*fn)(const char *, const char *, char *, size_t,
		struct err *) = endpoint_config_url;

	/* Bare hosts get https://; schemes are lower-cased; trailing '/'s
	 * go; paths and ports stay. */
	expect_url(fn, "config.example.test", NULL,
		"https://config.example.test");
	expect_url(fn, "config.example.test:8443", NULL,
		"https://config.example.test:8443");
	expect_url(fn, "HTTPS://Config.Example.Test/", NULL,
		"https://Config.Example.Test");
	expect_url(fn, "https://host.test/base/path//", NULL,
		"https://host.test/base/path");
	expect_url(fn, "https://[2001:db8::1]:443", NULL,
		"https://[2001:db8::1]:443");

	/* Plain http only to loopback. */
	expect_url(fn, "http://127.0.0.1:9000", NULL, "http://127.0.0.1:9000");
	expect_url(fn, "http://127.255.3.4", NULL, "http://127.255.3.4");
	expect_url(fn, "HTTP://localhost:1234/", NULL, "http://localhost:1234");
	expect_url(fn, "http://LOCALHOST", NULL, "http://LOCALHOST");
	expect_url(fn, "http://[::1]:8080", NULL, "http://[::1]:8080");
	expect_url(fn, "http://[::ffff:127.0.0.1]:80", NULL,
		"http://[::ffff:127.0.0.1]:80");
	expect_url_error(fn, "http://config.cn-shanghai.aliyuncs.com", NULL,
		"not a loopback host");
	expect_url_error(fn, "http://config.example.com", NULL,
		"use https://config.example.com");
	expect_url_error(fn, "http://128.0.0.1", NULL, "loopback");
	expect_url_error(fn, "http://10.0.0.1:80", NULL, "127.0.0.0/8");
	expect_url_error(fn, "http://127.0.0.1.evil.test", NULL, "loopback");
	expect_url_error(fn, "http://localhost.evil.test", NULL, "loopback");
	expect_url_error(fn, "http://localhost./", NULL, "loopback");
	expect_url_error(fn, "http://[::2]", NULL, "loopback");
	expect_url_error(fn, "http://0x7f000001", NULL, "loopback");

	/* Other schemes and malformed URLs. */
	expect_url_error(fn, "ftp://config.example.test", NULL,
		"only http:// and https://");
	expect_url_error(fn, "file:///etc/passwd", NULL, "only http://");
	expect_url_error(fn, "https://", NULL, "host name is missing");
	expect_url_error(fn, "https://:443", NULL, "host name is missing");
	expect_url_error(fn, "https://host.test:0", NULL, "port");
	expect_url_error(fn, "https://host.test:65536", NULL, "port");
	expect_url_error(fn, "https://host.test:99999999999999999999", NULL,
		"port");
	expect_url_error(fn, "https://host.test:", NULL, "port");
	expect_url_error(fn, "https://host.test:8x", NULL, "port");
	expect_url_error(fn, "https://::1/", NULL, "brackets");
	expect_url_error(fn, "https://[::1", NULL, "']'");
	expect_url_error(fn, "https://[nothex]:1", NULL, "IPv6");
	expect_url_error(fn, "https://host.test/?a=b", NULL, "query");
	expect_url_error(fn, "https://host.test#frag", NULL, "fragment");
	expect_url_error(fn, "https://host test", NULL, "space");
	expect_url_error(fn, "https://host\r\n.test", NULL, "control");
	expect_url_error(fn, "https://h$st.test", NULL, "character");

	/* User information is refused without echoing the password. */
	char out[256];
	struct err e;
	assert_int_equal(fn("https://user:hunter2pass@host.test", NULL, out,
		sizeof(out), &e), -1);
	assert_non_null(strstr(e.message, "user information"));
	assert_null(strstr(e.message, "hunter2pass"));

	/* Too small an output buffer is an error. */
	assert_int_equal(fn("https://host.test", NULL, out, 10, &e), -1);
	assert_int_equal(e.kind, ERR_CONFIG);
}

static void
test_sts_url(void **state)
{
	(void)state;
	expect_url(endpoint_sts_url, NULL, NULL, "https://sts.aliyuncs.com");
	expect_url(endpoint_sts_url, NULL, "", "https://sts.aliyuncs.com");
	expect_url(endpoint_sts_url, NULL, "sts.cn-hangzhou.aliyuncs.com",
		"https://sts.cn-hangzhou.aliyuncs.com");
	setenv("ALIBABA_CLOUD_STS_ENDPOINT", "https://sts.ap-southeast-1."
		"aliyuncs.com/", 1);
	expect_url(endpoint_sts_url, NULL, "sts.cn-hangzhou.aliyuncs.com",
		"https://sts.ap-southeast-1.aliyuncs.com");
	expect_url(endpoint_sts_url, "http://127.0.0.1:7000",
		"sts.cn-hangzhou.aliyuncs.com", "http://127.0.0.1:7000");
	expect_url_error(endpoint_sts_url, "http://sts.aliyuncs.com", NULL,
		"from --sts-endpoint");
	unsetenv("ALIBABA_CLOUD_STS_ENDPOINT");
	expect_url_error(endpoint_sts_url, NULL, "http://sts.aliyuncs.com",
		"the profile's sts_endpoint");
	/* ALIBABA_CLOUD_ENDPOINT is for Config, never STS. */
	setenv("ALIBABA_CLOUD_ENDPOINT", "https://config.example.test", 1);
	expect_url(endpoint_sts_url, NULL, NULL, "https://sts.aliyuncs.com");
}

static void
test_helpers(void **state)
{
	(void)state;
	assert_string_equal(endpoint_other_region("cn-shanghai"),
		"ap-southeast-1");
	assert_string_equal(endpoint_other_region("ap-southeast-1"),
		"cn-shanghai");
	assert_string_equal(endpoint_other_region(NULL), "ap-southeast-1");
}

int
main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, env_setup, env_teardown)
	const struct CMUnitTest tests[] = {
		T(test_region_precedence),
		T(test_region_errors),
		T(test_config_url),
		T(test_url_rules),
		T(test_sts_url),
		T(test_helpers),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
