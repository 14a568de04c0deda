/* test_params: the percent-encoding of docs/wire-reference.md#percent-encoding, strict decoding, parsing of query
 * strings and form bodies, and the canonical (sorted) form that both
 * signature versions sign, including hostile sizes the emulator may see. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "params.h"

static void
assert_encodes(const char *in, size_t len, const char *want)
{
	struct buf out = BUF_INIT;
	params_percent_encode(&out, in, len);
	assert_non_null(out.data);
	assert_string_equal(buf_str(&out), want);
	assert_int_equal(out.len, strlen(want));
	buf_free(&out);
}

static void
test_encode_reference_cases(void **state)
{
	(void)state;
	/* the SDK utility test value (docs/wire-reference.md#percent-encoding). */
	assert_encodes("a/b/c/ test", 11, "a%2Fb%2Fc%2F%20test");
	assert_encodes("*", 1, "%2A");
	assert_encodes("~", 1, "~");
	assert_encodes("+", 1, "%2B");
	assert_encodes("=", 1, "%3D");
	assert_encodes(" ", 1, "%20");
	assert_encodes("\"", 1, "%22");
	assert_encodes(":", 1, "%3A");
	assert_encodes(",", 1, "%2C");
	assert_encodes("%", 1, "%25");
	assert_encodes("\xe4\xb8\xad", 3, "%E4%B8%AD"); /* "中" in UTF-8 */
	assert_encodes("", 0, "");
	/* The length is what counts, not a NUL. */
	assert_encodes("a\0b", 3, "a%00b");
	assert_encodes(
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~",
		66,
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~");
}

/* Every byte outside the unreserved set becomes %XY with upper-case hex. */
static void
test_encode_every_byte(void **state)
{
	(void)state;
	static const char unreserved[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
	for (int c = 0; c < 256; c++) {
		char in = (char)c;
		char want[4];
		if (c != 0 && strchr(unreserved, c))
			snprintf(want, sizeof(want), "%c", c);
		else
			snprintf(want, sizeof(want), "%%%02X", (unsigned)c);
		assert_encodes(&in, 1, want);
	}
}

/* Long input crosses the encoder's internal chunking. */
static void
test_encode_long_input(void **state)
{
	(void)state;
	size_t n = 5000;
	char *in = xmalloc(n);
	memset(in, ' ', n);
	in[n / 2] = 'x';
	struct buf out = BUF_INIT;
	params_percent_encode(&out, in, n);
	assert_int_equal(out.len, 3 * (n - 1) + 1);
	for (size_t i = 0; i < n; i++) {
		const char *piece = out.data + (i <= n / 2 ? 3 * i : 3 * i - 2);
		if (i == n / 2)
			assert_int_equal(piece[0], 'x');
		else
			assert_memory_equal(piece, "%20", 3);
	}
	buf_free(&out);
	free(in);
}

static void
assert_decodes(const char *in, bool plus_is_space, const char *want)
{
	struct buf out = BUF_INIT;
	struct err e;
	err_clear(&e);
	assert_int_equal(params_percent_decode(&out, in, strlen(in), plus_is_space, &e), 0);
	assert_false(err_failed(&e));
	assert_string_equal(buf_str(&out), want);
	buf_free(&out);
}

static void
test_decode(void **state)
{
	(void)state;
	assert_decodes("a%2Fb%2Fc%2F%20test", false, "a/b/c/ test");
	assert_decodes("%E4%B8%AD", false, "\xe4\xb8\xad");
	assert_decodes("%e4%b8%ad", false, "\xe4\xb8\xad"); /* lower hex too */
	assert_decodes("%2A~", false, "*~");
	assert_decodes("", false, "");
	assert_decodes("a+b", false, "a+b");
	assert_decodes("a+b", true, "a b");
	assert_decodes("a%2Bb", true, "a+b");
	assert_decodes("%25", false, "%");
}

static void
test_decode_rejects_bad_escapes(void **state)
{
	(void)state;
	static const char *bad[] = {"%4", "%zz", "%", "abc%", "%4g", "%g4",
		"ok%2", "% 41", "%%41"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct buf out = BUF_INIT;
		buf_puts(&out, "kept");
		struct err e;
		err_clear(&e);
		int rc = params_percent_decode(&out, bad[i], strlen(bad[i]), true, &e);
		if (rc != -1)
			fail_msg("accepted \"%s\"", bad[i]);
		assert_int_equal(e.kind, ERR_PROTOCOL);
		assert_true(e.message[0] != '\0');
		/* What was there before is untouched. */
		assert_string_equal(buf_str(&out), "kept");
		assert_int_equal(out.len, 4);
		buf_free(&out);
	}
}

/* The length bounds the input: a '%' whose digits lie past it is bad. */
static void
test_decode_respects_length(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	struct err e;
	err_clear(&e);
	assert_int_equal(params_percent_decode(&out, "ab%41", 4, false, &e), -1);
	err_clear(&e);
	assert_int_equal(params_percent_decode(&out, "ab%41", 2, false, &e), 0);
	assert_string_equal(buf_str(&out), "ab");
	buf_free(&out);
}

static void
test_encode_decode_round_trip(void **state)
{
	(void)state;
	char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (char)i;
	struct buf enc = BUF_INIT, dec = BUF_INIT;
	struct err e;
	err_clear(&e);
	params_percent_encode(&enc, all, sizeof(all));
	assert_int_equal(params_percent_decode(&dec, enc.data, enc.len, true, &e), 0);
	assert_int_equal(dec.len, sizeof(all));
	assert_memory_equal(dec.data, all, sizeof(all));
	buf_free(&enc);
	buf_free(&dec);
}

static void
assert_pair(const struct params *p, size_t i, const char *name,
	const char *value)
{
	assert_true(i < p->count);
	assert_string_equal(p->items[i].name, name);
	assert_string_equal(p->items[i].value, value);
}

static void
test_parse_query_and_form(void **state)
{
	(void)state;
	struct params p = PARAMS_INIT;
	struct err e;
	err_clear(&e);
	const char *q = "a=1&b=&c&a=2&x=a%3Db&k=v=w&sp=%20+";
	assert_int_equal(params_parse(&p, q, strlen(q), false, &e), 0);
	assert_int_equal(p.count, 7);
	assert_pair(&p, 0, "a", "1");
	assert_pair(&p, 1, "b", "");
	assert_pair(&p, 2, "c", "");
	assert_pair(&p, 3, "a", "2");
	assert_pair(&p, 4, "x", "a=b");
	assert_pair(&p, 5, "k", "v=w");
	assert_pair(&p, 6, "sp", " +");
	assert_string_equal(params_get(&p, "a"), "1");
	params_free(&p);

	const char *form = "Name=hello+world&Tag.1.Key=%E4%B8%AD";
	assert_int_equal(params_parse(&p, form, strlen(form), true, &e), 0);
	assert_int_equal(p.count, 2);
	assert_pair(&p, 0, "Name", "hello world");
	assert_pair(&p, 1, "Tag.1.Key", "\xe4\xb8\xad");
	params_free(&p);
}

static void
test_parse_empty_segments(void **state)
{
	(void)state;
	struct params p = PARAMS_INIT;
	struct err e;
	err_clear(&e);
	assert_int_equal(params_parse(&p, "", 0, false, &e), 0);
	assert_int_equal(p.count, 0);
	assert_int_equal(params_parse(&p, "&&", 2, false, &e), 0);
	assert_int_equal(p.count, 0);
	assert_int_equal(params_parse(&p, "&a=1&&b=2&", 10, false, &e), 0);
	assert_int_equal(p.count, 2);
	assert_pair(&p, 0, "a", "1");
	assert_pair(&p, 1, "b", "2");
	/* Only `len` bytes are read. */
	assert_int_equal(params_parse(&p, "c=3&d=4", 3, false, &e), 0);
	assert_int_equal(p.count, 3);
	assert_pair(&p, 2, "c", "3");
	params_free(&p);
}

/* A bad escape anywhere fails the whole call and adds nothing. */
static void
test_parse_failure_adds_nothing(void **state)
{
	(void)state;
	struct params p = PARAMS_INIT;
	params_add(&p, "before", "1");
	struct err e;
	err_clear(&e);
	const char *bad[] = {"a=1&b=%zz", "a=1&%4=x", "a=1&b=%00", "%00=1"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&e);
		assert_int_equal(params_parse(&p, bad[i], strlen(bad[i]), false,
			&e), -1);
		assert_int_equal(e.kind, ERR_PROTOCOL);
		assert_int_equal(p.count, 1);
		assert_pair(&p, 0, "before", "1");
	}
	params_free(&p);
}

static void
assert_canonical(const struct params *p, const char *want)
{
	struct buf out = BUF_INIT;
	params_canonical(p, &out);
	assert_non_null(out.data);
	assert_string_equal(buf_str(&out), want);
	buf_free(&out);
}

static void
test_canonical_order_and_encoding(void **state)
{
	(void)state;
	struct params p = PARAMS_INIT;
	assert_canonical(&p, "");

	params_add(&p, "Name.2", "b");
	params_add(&p, "Name.10", "a");
	params_add(&p, "Name.1", "c");
	/* Byte order: "Name.10" < "Name.2", as the doc's example shows. */
	assert_canonical(&p, "Name.1=c&Name.10=a&Name.2=b");
	/* The caller's list is not reordered. */
	assert_pair(&p, 0, "Name.2", "b");
	params_free(&p);

	params_add(&p, "b", "");
	params_add(&p, "a", "x y*~/");
	params_add(&p, "Z", "\xe4\xb8\xad");
	/* Upper case sorts before lower case in byte order. */
	assert_canonical(&p, "Z=%E4%B8%AD&a=x%20y%2A~%2F&b=");
	params_free(&p);
}

/* Repeated names keep the order they were added in (stable sort). */
static void
test_canonical_is_stable(void **state)
{
	(void)state;
	struct params p = PARAMS_INIT;
	params_add(&p, "k", "3");
	params_add(&p, "a", "x");
	params_add(&p, "k", "1");
	params_add(&p, "k", "2");
	assert_canonical(&p, "a=x&k=3&k=1&k=2");
	params_sort(&p);
	assert_pair(&p, 0, "a", "x");
	assert_pair(&p, 1, "k", "3");
	assert_pair(&p, 2, "k", "1");
	assert_pair(&p, 3, "k", "2");
	params_free(&p);
}

/* Thousands of pairs, as hostile input may carry: parsed, sorted by byte
 * order and stable within equal names, through the merge (not insertion)
 * path of the sort. */
static void
test_many_params(void **state)
{
	(void)state;
	size_t n = 20000;
	struct buf q = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_printf(&q, "%sP.%zu=%zu", i ? "&" : "", (n - i) % 997, i);
	struct params p = PARAMS_INIT;
	struct err e;
	err_clear(&e);
	assert_int_equal(params_parse(&p, q.data, q.len, false, &e), 0);
	assert_int_equal(p.count, n);

	struct buf canon = BUF_INIT;
	params_canonical(&p, &canon);
	struct params sorted = PARAMS_INIT;
	assert_int_equal(params_parse(&sorted, canon.data, canon.len, false,
		&e), 0);
	assert_int_equal(sorted.count, n);
	for (size_t i = 1; i < n; i++) {
		int c = strcmp(sorted.items[i - 1].name, sorted.items[i].name);
		assert_true(c <= 0);
		/* Values are the original positions: ascending within a name. */
		if (c == 0)
			assert_true(strtoul(sorted.items[i - 1].value, NULL, 10) <
				strtoul(sorted.items[i].value, NULL, 10));
	}

	params_sort(&p);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(p.items[i].name, sorted.items[i].name);
		assert_string_equal(p.items[i].value, sorted.items[i].value);
	}

	params_free(&sorted);
	params_free(&p);
	buf_free(&canon);
	buf_free(&q);
}

static void
test_encode_in_list_order(void **state)
{
	(void)state;
	struct params p = PARAMS_INIT;
	struct buf out = BUF_INIT;
	params_encode(&p, &out);
	assert_string_equal(buf_str(&out), "");
	params_add(&p, "b", "1 2");
	params_add(&p, "a", "");
	params_encode(&p, &out);
	assert_string_equal(buf_str(&out), "b=1%202&a=");
	buf_free(&out);
	params_free(&p);
}

static void
test_get_set_remove_copy(void **state)
{
	(void)state;
	struct params p = PARAMS_INIT, q = PARAMS_INIT;
	params_add(&p, "Host", "h");
	params_add(&p, "x", "1");
	params_add(&p, "x", "2");
	assert_null(params_get(&p, "host"));
	assert_string_equal(params_get_ci(&p, "HOST"), "h");
	assert_null(params_get_ci(&p, "hos"));
	assert_null(params_get_ci(&p, "hostx"));

	params_set(&p, "x", "9");
	assert_int_equal(p.count, 3);
	assert_pair(&p, 1, "x", "9");
	assert_pair(&p, 2, "x", "2");
	params_set(&p, "y", "new");
	assert_int_equal(p.count, 4);
	assert_pair(&p, 3, "y", "new");

	params_copy(&q, &p);
	params_remove(&p, "x");
	assert_int_equal(p.count, 2);
	assert_pair(&p, 0, "Host", "h");
	assert_pair(&p, 1, "y", "new");
	params_remove(&p, "absent");
	assert_int_equal(p.count, 2);

	assert_int_equal(q.count, 4);
	assert_pair(&q, 2, "x", "2");
	params_free(&p);
	params_wipe_free(&q);
	assert_int_equal(q.count, 0);
	assert_null(q.items);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_reference_cases),
		cmocka_unit_test(test_encode_every_byte),
		cmocka_unit_test(test_encode_long_input),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_decode_rejects_bad_escapes),
		cmocka_unit_test(test_decode_respects_length),
		cmocka_unit_test(test_encode_decode_round_trip),
		cmocka_unit_test(test_parse_query_and_form),
		cmocka_unit_test(test_parse_empty_segments),
		cmocka_unit_test(test_parse_failure_adds_nothing),
		cmocka_unit_test(test_canonical_order_and_encoding),
		cmocka_unit_test(test_canonical_is_stable),
		cmocka_unit_test(test_many_params),
		cmocka_unit_test(test_encode_in_list_order),
		cmocka_unit_test(test_get_set_remove_copy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
