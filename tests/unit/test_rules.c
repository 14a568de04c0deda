/* test_rules: each rule that more than one module needs has one home, and
 * every module that needs it gives the answer of that home. A copy that
 * drifts (a second list of throttling codes, a second set of secret
 * patterns, ...) fails here on some row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "err.h"
#include "model.h"
#include "params.h"
#include "redact.h"
#include "retry.h"
#include "status_colour.h"
#include "text.h"

#include <locale.h>

/* --- throttling ----------------------------------------------------------- */

struct throttle_case {
	long status;
	const char *code;
	long retry_after_ms;
	bool throttling;
};

static const struct throttle_case throttle_cases[] = {
	{ 400, "Throttling", 0, true },
	{ 400, "Throttling.User", 0, true },
	{ 400, "Throttling.Api", 0, true },
	{ 429, "Throttling.Resource", 0, true },
	{ 400, "Rejected.Throttling", 0, true },
	{ 400, "SomethingElse", 800, true },   /* x-acs-retry-after */
	{ 400, "ThrottlingX", 0, false },
	{ 400, "Rejected.Other", 0, false },
	{ 503, "ServiceUnavailable", 0, false },
	{ 500, "InternalError", 0, false },
	{ 400, "InvalidParameter", 0, false },
};

static struct err
throttle_err(const struct throttle_case *c)
{
	char body[160];
	snprintf(body, sizeof(body), "{\"Code\":\"%s\",\"Message\":\"m\"}",
		c->code);
	struct err e;
	model_parse_error(c->status, body, strlen(body), &e);
	/* as the client sets it from the header */
	if (c->retry_after_ms > 0) {
		e.retry_after_ms = c->retry_after_ms;
		e.retryable = true;
	}
	return e;
}

static void
throttling_one_classifier(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(throttle_cases) /
		sizeof(throttle_cases[0]); i++) {
		const struct throttle_case *c = &throttle_cases[i];
		struct err e = throttle_err(c);
		if (err_is_throttling(&e) != c->throttling)
			fail_msg("err_is_throttling(%s) != %d", c->code,
				c->throttling);
		/* Throttled requests are retried, reads and the write. */
		if (c->throttling && (!retry_should(&e, false) ||
			!retry_should(&e, true)))
			fail_msg("%s: throttled but not retried", c->code);
		/* The parser marks them retryable. */
		if (c->throttling && !e.retryable)
			fail_msg("%s: throttled but not retryable", c->code);
		/* The hint says so exactly for throttling. */
		const char *hint = err_hint(&e);
		bool says = hint && strstr(hint, "throttling");
		if (says != c->throttling)
			fail_msg("%s: hint '%s'", c->code, hint ? hint : "");
		err_free(&e);
	}
	/* Only an API answer is throttling. */
	struct err local;
	err_set(&local, ERR_NETWORK, "Throttling");
	snprintf(local.code, sizeof(local.code), "Throttling");
	assert_false(err_is_throttling(&local));
}

/* --- secret redaction ------------------------------------------------------ */

#define SECRET "s3cr3t/Key+value="
#define TOKEN "CAIS+token/with=chars"
#define OTHER_TOKEN "CAISotherMembersToken"
#define KEY_ID "STS.NUabcdefghijklmnop"

struct redact_case {
	const char *text;
	const char *gone;      /* must not survive */
	const char *kept;      /* must be there afterwards (or NULL) */
};

static void
redaction_one_function(void **state)
{
	(void)state;
	/* percent-encoded forms of the known secret and token */
	struct buf s1 = BUF_INIT, s2 = BUF_INIT, t1 = BUF_INIT, t2 = BUF_INIT;
	params_percent_encode(&s1, SECRET, strlen(SECRET));
	params_percent_encode(&s2, buf_str(&s1), s1.len);
	params_percent_encode(&t1, TOKEN, strlen(TOKEN));
	params_percent_encode(&t2, buf_str(&t1), t1.len);
	char a[256], b[256], c[256], d[256];
	snprintf(a, sizeof(a), "secret once %s here", buf_str(&s1));
	snprintf(b, sizeof(b), "secret twice %s here", buf_str(&s2));
	snprintf(c, sizeof(c), "token once %s here", buf_str(&t1));
	snprintf(d, sizeof(d), "token twice %s here", buf_str(&t2));
	const struct redact_case cases[] = {
		{ "the secret " SECRET " as is", SECRET, "the secret " },
		{ a, buf_str(&s1), "secret once " },
		{ b, buf_str(&s2), "secret twice " },
		{ "the token " TOKEN, TOKEN, NULL },
		{ c, buf_str(&t1), NULL },
		{ d, buf_str(&t2), NULL },
		/* anyone's token, in every shape a request carries it */
		{ "POST&%2F&Action%3DX%26SecurityToken%3D" OTHER_TOKEN
			"%26Version%3D1", OTHER_TOKEN, "%26Version%3D1" },
		{ "server string to sign is [POST&%252F&SecurityToken%253D"
			OTHER_TOKEN "%2526Timestamp]", OTHER_TOKEN, "%2526Timestamp" },
		{ "https://h/?SecurityToken=" OTHER_TOKEN "&Action=X",
			OTHER_TOKEN, "&Action=X" },
		{ "x-acs-security-token:" OTHER_TOKEN "\nhost:h",
			OTHER_TOKEN, "\nhost:h" },
		/* key ids masked like everywhere else */
		{ "AccessKeyId%3D" KEY_ID "%26Action", KEY_ID,
			"AccessKeyId%3DSTS.****mnop%26Action" },
		{ "AccessKeyId%253D" KEY_ID "%2526", KEY_ID, "STS.****mnop" },
		{ "?AccessKeyId=" KEY_ID "&x", KEY_ID, "STS.****mnop&x" },
	};
	const char *secrets[] = { SECRET, NULL, TOKEN };
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf t = BUF_INIT;
		buf_puts(&t, cases[i].text);
		redact_text(&t, secrets, 3);
		if (strstr(buf_str(&t), cases[i].gone))
			fail_msg("case %zu kept '%s': %s", i, cases[i].gone,
				buf_str(&t));
		if (cases[i].kept && !strstr(buf_str(&t), cases[i].kept))
			fail_msg("case %zu lost '%s': %s", i, cases[i].kept,
				buf_str(&t));
		buf_free(&t);
	}
	/* Short or absent secrets do not eat ordinary text. */
	struct buf t = BUF_INIT;
	buf_puts(&t, "abc is fine");
	const char *tiny[] = { "abc", NULL };
	redact_text(&t, tiny, 2);
	assert_string_equal(buf_str(&t), "abc is fine");
	buf_free(&t);
	buf_free(&s1);
	buf_free(&s2);
	buf_free(&t1);
	buf_free(&t2);
}

/* --- status colours ------------------------------------------------------- */

static void
status_colours_one_mapping(void **state)
{
	(void)state;
	/* The meaning: done green, under way yellow, needs action red. */
	assert_int_equal(status_colour_recorder(RECORDER_REGISTERED),
		STATUS_COLOUR_GREEN);
	assert_int_equal(status_colour_recorder(RECORDER_BUILDING),
		STATUS_COLOUR_YELLOW);
	assert_int_equal(status_colour_recorder(RECORDER_REBUILDING),
		STATUS_COLOUR_YELLOW);
	assert_int_equal(status_colour_recorder(RECORDER_REGISTRABLE),
		STATUS_COLOUR_RED);
	assert_int_equal(status_colour_recorder(RECORDER_UNKNOWN),
		STATUS_COLOUR_NONE);
	assert_string_equal(status_colour_ansi(STATUS_COLOUR_RED), "\033[31m");
	/* A word as printed maps like the status it names (the model owns
	 * the names). */
	for (int st = RECORDER_UNKNOWN; st <= RECORDER_REBUILDING; st++) {
		const char *word = model_recorder_status_name(st);
		assert_int_equal(status_colour_recorder_word(word),
			status_colour_recorder(st));
	}
	assert_int_equal(status_colour_recorder_word("registrable"),
		STATUS_COLOUR_NONE);
	assert_int_equal(status_colour_aggregator(0), STATUS_COLOUR_CYAN);
	assert_int_equal(status_colour_aggregator(1), STATUS_COLOUR_NONE);
	assert_int_equal(status_colour_aggregator(2), STATUS_COLOUR_RED);
	assert_string_equal(model_aggregator_status_name(0), "creating");
}

/* --- the UTF-8 locale check ------------------------------------------------- */

static void
locale_check_one_place(void **state)
{
	(void)state;
	if (!setlocale(LC_CTYPE, "C")) {
		skip();
		return;
	}
	assert_false(text_locale_utf8());
	assert_string_equal(text_ellipsis(), "~");
	if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE,
		"en_US.UTF-8")) {
		assert_true(text_locale_utf8());
		assert_string_equal(text_ellipsis(), "\xe2\x80\xa6");
	}
	setlocale(LC_CTYPE, "C");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(throttling_one_classifier),
		cmocka_unit_test(redaction_one_function),
		cmocka_unit_test(status_colours_one_mapping),
		cmocka_unit_test(locale_check_one_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
