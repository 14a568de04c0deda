/* test_err: the lean error type: what stays inline, what moves to the
 * optional heap part, and who frees it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "err.h"
#include "model.h"

/* Results and store rows copy the struct: it must stay small. */
static void
stays_lean(void **state)
{
	(void)state;
	assert_true(sizeof(struct err) <= 1400);
	assert_true(sizeof(((struct err *)0)->message) >= 512);
}

static void
short_message_has_no_details(void **state)
{
	(void)state;
	struct err e;
	err_set(&e, ERR_CONFIG, "no region");
	err_prefix(&e, "profile %s", "dev");
	assert_string_equal(e.message, "profile dev: no region");
	assert_null(e.details);
	assert_string_equal(err_full_message(&e), e.message);
	err_free(&e);
}

/* A 3000-byte server message: the start inline, cut on a character
 * boundary, the whole text in the details. */
static void
long_message_moves_whole_to_details(void **state)
{
	(void)state;
	char text[3001];
	/* "é" is two bytes; an odd start puts every boundary at odd
	 * offsets, so a byte cut at 1023 would split one. */
	text[0] = 'x';
	for (size_t i = 1; i + 1 < sizeof(text); i += 2) {
		text[i] = (char)0xc3;
		text[i + 1] = (char)0xa9;
	}
	text[3000] = '\0';
	struct err e;
	err_clear(&e);
	e.kind = ERR_API;
	err_set_message(&e, text, strlen(text));
	size_t n = strlen(e.message);
	assert_true(n < sizeof(e.message));
	assert_true(n >= sizeof(e.message) - 4);
	/* ends on a whole character */
	assert_int_equal((unsigned char)e.message[n - 1], 0xa9);
	assert_memory_equal(e.message, text, n);
	assert_non_null(e.details);
	assert_string_equal(err_full_message(&e), text);

	/* a prefix keeps the whole text too, since details are owned */
	err_prefix(&e, "GetAggregator");
	assert_int_equal(strncmp(err_full_message(&e), "GetAggregator: x", 16),
		0);
	assert_int_equal(strlen(err_full_message(&e)), 3000 + 15);
	assert_int_equal(strncmp(e.message, "GetAggregator: x", 16), 0);
	err_free(&e);
	assert_null(e.details);
	assert_int_equal(e.kind, ERR_NONE);
}

/* A copy owns its own details: freeing the original leaves it intact
 * (ASan would flag a shared pointer). */
static void
copy_is_deep(void **state)
{
	(void)state;
	const char *body = "{\"Code\":\"SignatureDoesNotMatch\","
		"\"Message\":\"no\",\"HostId\":\"h.example\","
		"\"Recommend\":\"https://example.invalid/r\","
		"\"RequestId\":\"R-9\"}";
	struct err a, b;
	model_parse_error(400, body, strlen(body), &a);
	err_details(&a)->client_string_to_sign = strdup("POST&%2F&x");
	err_copy(&b, &a);
	assert_ptr_not_equal(a.details, b.details);
	err_free(&a);
	assert_string_equal(b.code, "SignatureDoesNotMatch");
	assert_string_equal(b.request_id, "R-9");
	assert_string_equal(b.details->host_id, "h.example");
	assert_string_equal(b.details->recommend, "https://example.invalid/r");
	assert_string_equal(b.details->client_string_to_sign, "POST&%2F&x");
	err_free(&b);
}

/* A server message far longer than the inline part (an echoed V2
 * string-to-sign) is kept whole. */
static void
server_message_kept_whole(void **state)
{
	(void)state;
	size_t n = 4000;
	char *msg = malloc(n + 1);
	memset(msg, 'a', n);
	msg[n] = '\0';
	char *body = malloc(n + 64);
	snprintf(body, n + 64, "{\"Code\":\"X\",\"Message\":\"%s\"}", msg);
	struct err e;
	model_parse_error(400, body, strlen(body), &e);
	assert_int_equal(strlen(e.message), sizeof(e.message) - 1);
	assert_string_equal(err_full_message(&e), msg);
	err_free(&e);
	free(body);
	free(msg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stays_lean),
		cmocka_unit_test(short_message_has_no_details),
		cmocka_unit_test(long_message_moves_whole_to_details),
		cmocka_unit_test(copy_is_deep),
		cmocka_unit_test(server_message_kept_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
