/* test_text: wcwidth-correct measuring and cutting for the TUI's columns:
 * CJK takes two columns, combining marks none, a cut ends in an ellipsis,
 * a wide character never straddles the edge, control bytes become '?'. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../../ui/text.h"

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
	/* control and invalid bytes: one column each, shown as '?' */
	assert_int_equal(text_width("a\x1b[31mb"), 7);
	assert_int_equal(text_width("\xff\xfe"), 2);
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
	assert_string_equal(out, "a?]0;x?z");
	text_fit("\xc3(", 20, false, out, sizeof(out));
	assert_string_equal(out, "?(");
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
		cmocka_unit_test(test_fit_small_buffer),
		cmocka_unit_test(test_wrap),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
