/* test_url: one table of URLs, and every place that decides whether a URL
 * may be used (the endpoint options, the API client, the HTTP layer) gives
 * the same verdict as url.c. A rule split into two copies again would
 * disagree on some row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "api.h"
#include "cred.h"
#include "endpoint.h"
#include "http.h"
#include "url.h"

struct url_case {
	const char *url;
	bool usable;       /* accepted as an endpoint */
	bool loopback;
};

static const struct url_case url_cases[] = {
	/* plain http to this machine */
	{ "http://127.0.0.1:8080", true, true },
	{ "http://127.255.255.254", true, true },
	{ "http://localhost:1234", true, true },
	{ "http://LOCALHOST", true, true },
	{ "http://[::1]:8080", true, true },
	{ "http://[::ffff:127.0.0.1]:8080", true, true },
	{ "http://[0:0:0:0:0:ffff:7f00:1]", true, true },
	/* names a resolver would answer, and look-alikes */
	{ "http://localhost./", false, false },
	{ "http://localhost.:8080", false, false },
	{ "http://foo.localhost", false, false },
	{ "http://localhost.localdomain", false, false },
	{ "http://127.0.0.1.nip.io", false, false },
	{ "http://[::ffff:10.0.0.1]", false, false },
	{ "http://[::2]", false, false },
	{ "http://0x7f000001", false, false },
	{ "http://2130706433", false, false },
	{ "http://127.1", false, false },
	{ "http://0177.0.0.1", false, false },
	{ "http://128.0.0.1", false, false },
	{ "http://10.0.0.1:80", false, false },
	{ "http://config.cn-shanghai.aliyuncs.com", false, false },
	/* https anywhere */
	{ "https://config.cn-shanghai.aliyuncs.com", true, false },
	{ "https://localhost:8443", true, true },
	{ "https://[::1]:8443/base", true, true },
	{ "config.example.test", true, false },
	/* never usable */
	{ "http://user@127.0.0.1", false, false },
	{ "https://user:pw@config.example.test", false, false },
	{ "ftp://127.0.0.1", false, false },
	{ "https://host.test:0", false, false },
	{ "https://::1/", false, false },
	{ "https://[::1", false, false },
	{ "https://host test", false, false },
	{ "", false, false },
};

#define NCASES (sizeof(url_cases) / sizeof(url_cases[0]))

static void
url_rule_itself(void **state)
{
	(void)state;
	for (size_t i = 0; i < NCASES; i++) {
		const struct url_case *c = &url_cases[i];
		struct err e;
		err_clear(&e);
		int rc = url_check(c->url, "the table", false, &e);
		if ((rc == 0) != c->usable)
			fail_msg("url_check('%s') = %d, want %s: %s", c->url, rc,
				c->usable ? "usable" : "refused", e.message);
		if (url_is_loopback(c->url) != c->loopback)
			fail_msg("url_is_loopback('%s') != %d", c->url,
				c->loopback);
	}
}

/* --endpoint, ALIBABA_CLOUD_ENDPOINT, --sts-endpoint, --rd-endpoint. */
static void
endpoint_options_agree(void **state)
{
	(void)state;
	for (size_t i = 0; i < NCASES; i++) {
		const struct url_case *c = &url_cases[i];
		char out[256];
		struct err e;
		err_clear(&e);
		int rc = endpoint_normalize_url(c->url, "--endpoint", out,
			sizeof(out), &e);
		if ((rc == 0) != c->usable)
			fail_msg("endpoint: '%s' %s, url.c says %s: %s", c->url,
				rc == 0 ? "accepted" : "refused",
				c->usable ? "usable" : "refused", e.message);
		/* A normalised URL keeps its verdict. */
		if (rc == 0 && url_is_loopback(out) != c->loopback)
			fail_msg("normalised '%s' changed loopback", out);
	}
}

/* The client splits its endpoints itself (an SDK-style caller may skip
 * the options): same verdict. */
static void
api_client_agrees(void **state)
{
	(void)state;
	struct cred caller;
	memset(&caller, 0, sizeof(caller));
	caller.mode = CRED_AK;
	caller.access_key_id = "test-ak";
	caller.access_key_secret = "test-secret";
	for (size_t i = 0; i < NCASES; i++) {
		const struct url_case *c = &url_cases[i];
		if (!c->url[0])
			continue;  /* "no endpoint" is its own error */
		struct api_config cfg;
		memset(&cfg, 0, sizeof(cfg));
		cfg.endpoint = c->url;
		cfg.sts_endpoint = c->url;
		cfg.audit_path = "/dev/null";
		struct err e;
		err_clear(&e);
		struct api_client *cl = api_client_new(&cfg, &caller, &e);
		if ((cl != NULL) != c->usable)
			fail_msg("api client: '%s' %s, url.c says %s: %s",
				c->url, cl ? "accepted" : "refused",
				c->usable ? "usable" : "refused", e.message);
		api_client_free(cl);
	}
}

/* The last guard, on every request URL (with its query string). Only
 * plain-http rows are submitted: an accepted one is loopback, and the
 * client is freed without ever being stepped, so nothing is sent. */
static void
http_layer_agrees(void **state)
{
	(void)state;
	struct http_options ho;
	memset(&ho, 0, sizeof(ho));
	struct err e;
	err_clear(&e);
	struct http_client *h = http_client_new(&ho, &e);
	assert_non_null(h);
	for (size_t i = 0; i < NCASES; i++) {
		const struct url_case *c = &url_cases[i];
		if (strncmp(c->url, "http://", 7) != 0)
			continue;
		char full[300];
		snprintf(full, sizeof(full), "%s%s?Action=X", c->url,
			strchr(c->url + 7, '/') ? "" : "/");
		struct http_request rq = { .method = "POST", .url = full };
		err_clear(&e);
		int rc = http_submit(h, &rq, NULL, NULL, &e);
		if ((rc == 0) != c->usable)
			fail_msg("http: '%s' %s, url.c says %s: %s", full,
				rc == 0 ? "accepted" : "refused",
				c->usable ? "usable" : "refused", e.message);
	}
	http_client_free(h);
}

static void
normalise_and_split(void **state)
{
	(void)state;
	struct err e;
	char *s = url_normalize("HTTPS://Host.Test:8443/a/b//", "x", &e);
	assert_string_equal(s, "https://Host.Test:8443/a/b");
	free(s);
	s = url_normalize("sts.aliyuncs.com", "x", &e);
	assert_string_equal(s, "https://sts.aliyuncs.com");
	free(s);
	assert_null(url_normalize("https://host.test/?a=b", "x", &e));
	assert_non_null(strstr(e.message, "query"));

	char *prefix, *path;
	assert_int_equal(url_split("http://127.0.0.1:9/x/", "x", &prefix,
		&path, &e), 0);
	assert_string_equal(prefix, "http://127.0.0.1:9");
	assert_string_equal(path, "/x/");
	free(prefix);
	free(path);
	assert_int_equal(url_split("sts.aliyuncs.com", "x", &prefix, &path,
		&e), 0);
	assert_string_equal(prefix, "https://sts.aliyuncs.com");
	assert_string_equal(path, "/");
	free(prefix);
	free(path);
	assert_int_equal(url_split("http://localhost.:1", "the STS endpoint",
		&prefix, &path, &e), -1);
	assert_non_null(strstr(e.message, "the STS endpoint"));
	assert_non_null(strstr(e.message, "not a loopback host"));
}

static void
authority_for_host_and_display(void **state)
{
	(void)state;
	static const struct { const char *in; size_t size; const char *want; }
	cases[] = {
		{ "https://config.cn-shanghai.aliyuncs.com", 64,
			"config.cn-shanghai.aliyuncs.com" },
		{ "http://127.0.0.1:8080/path?q", 64, "127.0.0.1:8080" },
		{ "sts.aliyuncs.com", 64, "sts.aliyuncs.com" },
		{ "https://user:pw@host.test/", 64, "host.test" },
		{ "https://a@b@host.test/", 64, "host.test" },
		{ "https://[::1]:9/", 64, "[::1]:9" },
		{ "https://a-very-long-host-name.example.test", 8, "a-very-" },
		{ NULL, 64, "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[64];
		url_authority(cases[i].in, out, cases[i].size);
		assert_string_equal(out, cases[i].want);
	}
}

static void
hostname_for_proxy_matching(void **state)
{
	(void)state;
	char out[64];
	url_hostname("https://User@Config.Example.TEST:443/x", out,
		sizeof(out));
	assert_string_equal(out, "config.example.test");
	url_hostname("https://[::1]:9/", out, sizeof(out));
	assert_string_equal(out, "::1");
	url_hostname("sts.aliyuncs.com", out, sizeof(out));
	assert_string_equal(out, "sts.aliyuncs.com");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(url_rule_itself),
		cmocka_unit_test(endpoint_options_agree),
		cmocka_unit_test(api_client_agrees),
		cmocka_unit_test(http_layer_agrees),
		cmocka_unit_test(normalise_and_split),
		cmocka_unit_test(authority_for_host_and_display),
		cmocka_unit_test(hostname_for_proxy_matching),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
