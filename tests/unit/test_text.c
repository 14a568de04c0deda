/* test_text: wcwidth-correct measuring and cutting for the TUI's columns:
 * CJK takes two columns, combining marks none, a cut ends in an ellipsis,
 * a wide character never straddles the edge, controls, bidi overrides and
 * invalid bytes are shown escaped; the CSV and JSON forms. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text.h"

#define CJK "\xe7\x94\x9f\xe4\xba\xa7\xe7\x8e\xaf\xe5\xa2\x83"  /* 生产环境 */
#define ELL "\xe2\x80\xa6"

static int
setup(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "C.UTF-8") && !setlocale(LC_ALL, "en_US.UTF-8"))
		return -1;
	return 0;
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width(CJK), 8);
	assert_int_equal(text_width(CJK "-x"), 10);
	/* e + combining acute: one column */
	assert_int_equal(text_width("e\xcc\x81"), 1);
	/* control and invalid bytes: shown as \xNN, four columns each */
	assert_int_equal(text_width("a\x1b[31mb"), 10);
	assert_int_equal(text_width("\xff\xfe"), 8);
	/* C1 and bidi controls: \uXXXX, six columns */
	assert_int_equal(text_width("\xc2\x9b"), 6);
	assert_int_equal(text_width("\xe2\x80\xae"), 6);
}

static void
test_fit_pads_and_cuts(void **state)
{
	(void)state;
	char out[128];
	assert_int_equal(text_fit("abc", 6, true, out, sizeof(out)), 6);
	assert_string_equal(out, "abc   ");
	assert_int_equal(text_fit("abcdefgh", 5, true, out, sizeof(out)), 5);
	assert_string_equal(out, "abcd" ELL);
	assert_int_equal(text_fit("abcdefgh", 5, false, out, sizeof(out)), 5);
	assert_int_equal(text_fit("abc", 3, false, out, sizeof(out)), 3);
	assert_string_equal(out, "abc");
	assert_int_equal(text_fit("abc", 0, true, out, sizeof(out)), 0);
	assert_string_equal(out, "");
}

static void
test_fit_cjk_never_straddles(void **state)
{
	(void)state;
	char out[128];
	/* 8 columns of CJK into 6: 2 characters (4 columns) + ellipsis +
	 * one pad, since a third character would need columns 5-6 and the
	 * ellipsis a 7th */
	assert_int_equal(text_fit(CJK, 6, true, out, sizeof(out)), 6);
	assert_string_equal(out, "\xe7\x94\x9f\xe4\xba\xa7" ELL " ");
	assert_int_equal(text_width(out), 6);
	/* into 5: the same, no pad */
	text_fit(CJK, 5, true, out, sizeof(out));
	assert_string_equal(out, "\xe7\x94\x9f\xe4\xba\xa7" ELL);
	/* fits exactly */
	text_fit(CJK, 8, true, out, sizeof(out));
	assert_string_equal(out, CJK);
	/* every width from 1 to 12 gives exactly that many columns */
	for (int w = 1; w <= 12; w++) {
		text_fit(CJK "-core", w, true, out, sizeof(out));
		assert_int_equal(text_width(out), w);
	}
}

static void
test_fit_right(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(text_fit_right("42", 5, out, sizeof(out)), 5);
	assert_string_equal(out, "   42");
	text_fit_right(CJK, 10, out, sizeof(out));
	assert_string_equal(out, "  " CJK);
}

static void
test_fit_makes_safe(void **state)
{
	(void)state;
	char out[64];
	text_fit("a\x1b]0;x\x07z", 20, false, out, sizeof(out));
	assert_null(strchr(out, '\x1b'));
	assert_null(strchr(out, '\x07'));
	assert_string_equal(out, "a\\x1b]0;x\\x07z");
	text_fit("\xc3(", 20, false, out, sizeof(out));
	assert_string_equal(out, "\\xc3(");
	/* C1 CSI, RTL override, isolates, line break */
	text_fit("a\xc2\x9b" "2J\xe2\x80\xae" "b\xe2\x81\xa6\n", 40, false, out,
		sizeof(out));
	assert_string_equal(out, "a\\u009b2J\\u202eb\\u2066\\n");
	/* an escape is never cut in half: it goes whole or not at all */
	assert_int_equal(text_fit("ab\x1b", 5, true, out, sizeof(out)), 5);
	assert_string_equal(out, "ab" ELL "  ");
}

static void
test_safe_long_name(void **state)
{
	(void)state;
	/* 100 KB of ESC: cut at the limit, never a raw ESC */
	size_t n = 100 * 1024;
	char *big = malloc(n + 1);
	assert_non_null(big);
	memset(big, '\x1b', n);
	big[n] = '\0';
	struct buf b = BUF_INIT;
	/* nine 4-column escapes and the ellipsis */
	assert_int_equal(text_safe(&b, big, 40), 37);
	assert_null(strchr(buf_str(&b), '\x1b'));
	char out[64];
	assert_int_equal(text_fit(big, 30, true, out, sizeof(out)), 30);
	assert_null(strchr(out, '\x1b'));
	free(big);
	buf_free(&b);
}

static void
test_csv_field(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"plain", "plain"},
		{"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""},
		{"+1", "'+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\\rx"},
		{"a,b", "\"a,b\""},
		{"line\nbreak", "\"line\nbreak\""},
		{"\x1b]52;c;aGk=\x07", "\\x1b]52;c;aGk=\\x07"},
		{"\xe2\x80\xae" "evil", "\\u202eevil"},
		{"bad\xff", "bad\\xff"},
		{CJK, CJK},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = BUF_INIT;
		text_csv_field(&b, cases[i].in);
		assert_string_equal(buf_str(&b), cases[i].want);
		buf_free(&b);
	}
}

static void
test_json_forms(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	text_utf8_valid(&b, "a\xff" CJK "\xc3");
	assert_string_equal(buf_str(&b), "a\xef\xbf\xbd" CJK "\xef\xbf\xbd");
	buf_reset(&b);
	const char *json = "{\"n\":\"x\xc2\x9b\xe2\x80\xae\xe2\x81\xa9\x7f" CJK "\"}";
	text_json_escape(&b, json, strlen(json));
	assert_string_equal(buf_str(&b),
		"{\"n\":\"x\\u009B\\u202E\\u2069\\u007F" CJK "\"}");
	buf_free(&b);
}

static void
test_fit_small_buffer(void **state)
{
	(void)state;
	char out[4];
	text_fit("abcdef", 6, true, out, sizeof(out));
	assert_true(strlen(out) < sizeof(out));
}

static void
test_wrap(void **state)
{
	(void)state;
	const char *s = "alpha beta gamma";
	assert_int_equal(text_wrap_len(s, 12), 11);   /* "alpha beta " */
	assert_int_equal(text_wrap_len(s, 100), strlen(s));
	assert_int_equal(text_wrap_len("abcdefgh", 3), 3);
	/* a CJK character is never split, and one always goes */
	assert_int_equal(text_wrap_len(CJK, 3), 3);
	assert_int_equal(text_wrap_len(CJK, 1), 3);
	assert_int_equal(text_wrap_len("ab\ncd", 10), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_fit_pads_and_cuts),
		cmocka_unit_test(test_fit_cjk_never_straddles),
		cmocka_unit_test(test_fit_right),
		cmocka_unit_test(test_fit_makes_safe),
		cmocka_unit_test(test_safe_long_name),
		cmocka_unit_test(test_csv_field),
		cmocka_unit_test(test_json_forms),
		cmocka_unit_test(test_fit_small_buffer),
		cmocka_unit_test(test_wrap),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
