/* test_emu_hostile: alicfg-emu under hostile clients — oversized headers
 * and bodies, bad percent-encoding, invalid UTF-8, thousands of parameters,
 * junk, slow and stalled senders — answers 4xx or closes, never crashes,
 * and keeps serving; and it holds 64 concurrent keep-alive connections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "emu_test.h"

static struct emu_proc emu;

static int
setup(void **state)
{
	(void)state;
	/* Connection handling, not flow control: 192 ListAggregators in a
	 * few seconds are over the real quota (120 per 60 s). */
	static const char *const args[] = {"--idle-timeout", "2",
		"--quotas", "off", NULL};
	return emu_test_start(&emu, args);
}

static int
teardown(void **state)
{
	(void)state;
	/* emu_test_stop fails unless it survived everything above. */
	return emu_test_stop(&emu);
}

static void
assert_alive(void)
{
	struct emu_call c;
	emu_call_init(&c, emu.url, "GetCallerIdentity", EMU_STS_VERSION,
		"demo-ak", "demo-secret");
	emu_call_run(&c);
	assert_int_equal(c.cc, CURLE_OK);
	assert_int_equal(c.status, 200);
	emu_call_free(&c);
}

/* Send raw bytes; return the status (0: closed without an answer). */
static int
raw_exchange(const void *data, size_t len, struct buf *body)
{
	int fd = emu_raw_connect(emu.port);
	assert_true(fd >= 0);
	/* The server may close before it has read everything. */
	(void)emu_raw_send(fd, data, len);
	shutdown(fd, SHUT_WR);
	int st = emu_raw_response(fd, 10, body);
	close(fd);
	return st;
}

static void
test_huge_header(void **state)
{
	(void)state;
	struct buf req = BUF_INIT;
	buf_puts(&req, "GET /?Action=ListAggregators HTTP/1.1\r\n"
		"Host: 127.0.0.1\r\nX-Big: ");
	for (int i = 0; i < 300 * 1024; i++)
		buf_putc(&req, 'a');
	buf_puts(&req, "\r\n\r\n");
	int st = raw_exchange(req.data, req.len, NULL);
	assert_true(st == 0 || (st >= 400 && st < 500));
	buf_free(&req);

	/* Thousands of small headers. */
	buf_puts(&req, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
	for (int i = 0; i < 20000; i++)
		buf_printf(&req, "X-H%d: v\r\n", i);
	buf_puts(&req, "\r\n");
	st = raw_exchange(req.data, req.len, NULL);
	assert_true(st == 0 || (st >= 400 && st < 500));
	buf_free(&req);

	/* A request line of 200 KiB. */
	buf_puts(&req, "GET /?a=");
	for (int i = 0; i < 200 * 1024; i++)
		buf_putc(&req, 'b');
	buf_puts(&req, " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
	st = raw_exchange(req.data, req.len, NULL);
	assert_true(st == 0 || (st >= 400 && st < 500));
	buf_free(&req);
	assert_alive();
}

static void
expect_json_error(const char *request, int status, const char *code)
{
	struct buf body = BUF_INIT;
	int st = raw_exchange(request, strlen(request), &body);
	if (st != status)
		print_message("# %s -> %d %s\n", request, st, buf_str(&body));
	assert_int_equal(st, status);
	json_t *j = json_loadb(body.data, body.len, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "Code")), code);
	json_decref(j);
	buf_free(&body);
}

static void
test_bad_percent_encoding(void **state)
{
	(void)state;
	expect_json_error("GET /?Action=ListAggregators&Version=2020-09-07&"
		"MaxResults=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close"
		"\r\n\r\n", 400, "InvalidParameter.Encoding");
	expect_json_error("GET /?Action=%4 HTTP/1.1\r\nHost: x\r\n"
		"Connection: close\r\n\r\n", 400, "InvalidParameter.Encoding");
	expect_json_error("GET /?Action=List%00Aggregators HTTP/1.1\r\n"
		"Host: x\r\nConnection: close\r\n\r\n", 400,
		"InvalidParameter.Encoding");
	const char *form = "POST / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		"Content-Type: application/x-www-form-urlencoded\r\n"
		"Content-Length: 12\r\n\r\nAction=%G1%2";
	expect_json_error(form, 400, "InvalidParameter.Encoding");
	assert_alive();
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	/* Signed properly; the values are not UTF-8. Answers stay JSON. */
	struct emu_call c;
	emu_call_init(&c, emu.url, "GetAggregator", EMU_CONFIG_VERSION,
		"demo-ak", "demo-secret");
	params_add(&c.query, "AggregatorId", "ca-\xff\xfe\xc3(");
	emu_call_run(&c);
	assert_int_equal(c.status, 400);
	assert_non_null(c.json);
	assert_string_equal(emu_call_code(&c), "Invalid.AggregatorId.Value");
	emu_call_free(&c);

	emu_call_init(&c, emu.url, "AssumeRole", EMU_STS_VERSION, "demo-ak",
		"demo-secret");
	params_add(&c.query, "RoleArn", "acs:ram::1000000000000010:role/\xc0\xaf");
	params_add(&c.query, "RoleSessionName", "ok-name");
	emu_call_run(&c);
	assert_int_equal(c.status, 404);
	assert_non_null(c.json);
	emu_call_free(&c);

	/* Unknown key id with bad bytes and a bad Host header. */
	expect_json_error("GET /?Action=ListAggregators&Version=2020-09-07&"
		"AccessKeyId=%ff%fe&Signature=x&SignatureMethod=HMAC-SHA1&"
		"SignatureVersion=1.0&SignatureNonce=n1&Timestamp=2020-01-01T00:"
		"00:00Z HTTP/1.1\r\nHost: \xff\xfe\r\nConnection: close\r\n\r\n",
		400, "InvalidTimeStamp.Expired");
	assert_alive();
}

static void
test_thousands_of_params(void **state)
{
	(void)state;
	struct emu_call c;
	emu_call_init(&c, emu.url, "ListAggregators", EMU_CONFIG_VERSION,
		"demo-ak", "demo-secret");
	c.sig = EMU_SIG_V2;
	params_add(&c.form, "MaxResults", "5");
	for (int i = 0; i < 5000; i++) {
		char name[32];
		snprintf(name, sizeof(name), "Extra.%d", i);
		params_add(&c.form, name, "x y");
	}
	emu_call_run(&c);
	assert_int_equal(c.status, 200);
	emu_call_free(&c);

	emu_call_init(&c, emu.url, "ListAggregators", EMU_CONFIG_VERSION,
		"demo-ak", "demo-secret");
	for (int i = 0; i < 20000; i++) {
		char name[32];
		snprintf(name, sizeof(name), "P%d", i);
		params_add(&c.form, name, "v");
	}
	emu_call_run(&c);
	assert_int_equal(c.status, 400);
	assert_string_equal(emu_call_code(&c), "InvalidParameter");
	emu_call_free(&c);
	assert_alive();
}

static void
test_oversized_body(void **state)
{
	(void)state;
	/* Announced: refused before it is read. */
	struct buf req = BUF_INIT;
	buf_puts(&req, "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: "
		"application/x-www-form-urlencoded\r\nContent-Length: 5000000\r\n"
		"\r\n");
	struct buf body = BUF_INIT;
	int fd = emu_raw_connect(emu.port);
	assert_true(fd >= 0);
	assert_int_equal(emu_raw_send(fd, req.data, req.len), 0);
	int st = emu_raw_response(fd, 10, &body);
	close(fd);
	assert_true(st == 0 || st == 400);
	if (st == 400)
		assert_non_null(strstr(buf_str(&body), "BodyTooLarge"));
	buf_free(&req);
	buf_free(&body);

	/* Chunked, growing past the limit: the connection is closed. */
	buf_puts(&req, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
		"chunked\r\n\r\n");
	fd = emu_raw_connect(emu.port);
	assert_true(fd >= 0);
	assert_int_equal(emu_raw_send(fd, req.data, req.len), 0);
	char chunk[65536 + 16];
	int head = snprintf(chunk, sizeof(chunk), "10000\r\n");
	memset(chunk + head, 'a', 65536);
	memcpy(chunk + head + 65536, "\r\n", 2);
	size_t clen = (size_t)head + 65536 + 2;
	bool closed = false;
	for (int i = 0; i < 64 && !closed; i++)
		closed = emu_raw_send(fd, chunk, clen) < 0;
	if (!closed)
		st = emu_raw_response(fd, 10, NULL);
	close(fd);
	assert_true(closed || st == 0);
	buf_free(&req);
	assert_alive();
}

static void
test_junk(void **state)
{
	(void)state;
	int st = raw_exchange("BLAH\r\n\r\n", 8, NULL);
	assert_true(st == 0 || (st >= 400 && st < 500));
	unsigned char junk[65536];
	unsigned s = 12345;
	for (size_t i = 0; i < sizeof(junk); i++) {
		s = s * 1103515245 + 12345;
		junk[i] = (unsigned char)(s >> 16);
	}
	st = raw_exchange(junk, sizeof(junk), NULL);
	assert_true(st == 0 || (st >= 400 && st < 500));
	const char *neg = "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n"
		"\r\n";
	st = raw_exchange(neg, strlen(neg), NULL);
	assert_true(st == 0 || (st >= 400 && st < 500));
	assert_alive();
}

/* A slow sender does not block anyone; a stalled one is cut off after
 * --idle-timeout (2 s here). */
static void
test_slow_and_stalled_senders(void **state)
{
	(void)state;
	struct buf req = BUF_INIT;
	emu_raw_signed_get(&req, emu.port, "GetCallerIdentity", EMU_STS_VERSION,
		NULL, false);
	int fd = emu_raw_connect(emu.port);
	assert_true(fd >= 0);
	size_t half = req.len / 2;
	for (size_t i = 0; i < half; i += 7) {
		size_t n = half - i < 7 ? half - i : 7;
		assert_int_equal(emu_raw_send(fd, req.data + i, n), 0);
		if (i % 70 == 0) {
			usleep(50000);
			assert_alive();  /* others are served meanwhile */
		}
	}
	assert_int_equal(emu_raw_send(fd, req.data + half, req.len - half), 0);
	struct buf body = BUF_INIT;
	assert_int_equal(emu_raw_response(fd, 10, &body), 200);
	close(fd);
	buf_free(&body);

	fd = emu_raw_connect(emu.port);
	assert_true(fd >= 0);
	assert_int_equal(emu_raw_send(fd, req.data, 20), 0);
	double t0 = emu_test_now();
	int st = emu_raw_response(fd, 15, NULL);
	double took = emu_test_now() - t0;
	close(fd);
	assert_true(st == 0 || (st >= 400 && st < 500));
	assert_true(took < 14);
	buf_free(&req);
	assert_alive();
}

#define N_CONN 64

static void
test_64_keep_alive_connections(void **state)
{
	(void)state;
	int fds[N_CONN];
	for (int i = 0; i < N_CONN; i++) {
		fds[i] = emu_raw_connect(emu.port);
		assert_true(fds[i] >= 0);
	}
	/* All 64 are open at once; each carries three requests in turn. */
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < N_CONN; i++) {
			struct buf req = BUF_INIT;
			struct params q = PARAMS_INIT;
			params_add(&q, "MaxResults", "2");
			emu_raw_signed_get(&req, emu.port, "ListAggregators",
				EMU_CONFIG_VERSION, &q, true);
			assert_int_equal(emu_raw_send(fds[i], req.data, req.len), 0);
			buf_free(&req);
			params_free(&q);
		}
		for (int i = 0; i < N_CONN; i++) {
			struct buf body = BUF_INIT;
			int st = emu_raw_response(fds[i], 15, &body);
			if (st != 200)
				print_message("# conn %d round %d: %d %s\n", i, round,
					st, buf_str(&body));
			assert_int_equal(st, 200);
			json_t *j = json_loadb(body.data, body.len, 0, NULL);
			assert_non_null(j);
			json_decref(j);
			buf_free(&body);
		}
	}
	for (int i = 0; i < N_CONN; i++)
		close(fds[i]);
	assert_alive();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huge_header),
		cmocka_unit_test(test_bad_percent_encoding),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_thousands_of_params),
		cmocka_unit_test(test_oversized_body),
		cmocka_unit_test(test_junk),
		cmocka_unit_test(test_slow_and_stalled_senders),
		cmocka_unit_test(test_64_keep_alive_connections),
	};
	return cmocka_run_group_tests_name("alicfg-emu hostile clients", tests,
		setup, teardown);
}
