/* test_ini: the INI reader on well-formed files, on every line-ending and
 * encoding quirk, on very long lines and binary junk, and its errors (which
 * name the line and never quote it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <cmocka.h>

#include "cred_fixture.h"
#include "ini.h"

/* Every call as "section|key|value|line\n". */
struct seen {
	struct buf log;
	int calls;
	int stop_after;   /* 0: never stop */
};

static int
record(void *ctx, const char *section, const char *key, const char *value,
	int line)
{
	struct seen *s = ctx;
	buf_printf(&s->log, "%s|%s|%s|%d\n", section, key, value, line);
	s->calls++;
	return s->stop_after && s->calls >= s->stop_after;
}

/* Parse `text` (length given, so NULs count) and return the log. */
static int
parse(const char *text, size_t len, struct seen *s, struct err *e)
{
	memset(s, 0, sizeof(*s));
	err_clear(e);
	return ini_parse_string(text, len, record, s, e);
}

static void
assert_parses_to(const char *text, const char *want)
{
	struct seen s;
	struct err e;
	assert_int_equal(parse(text, strlen(text), &s, &e), 0);
	assert_int_equal(e.kind, ERR_NONE);
	assert_string_equal(buf_str(&s.log), want);
	buf_free(&s.log);
}

/* The parse fails with ERR_CONFIG naming `line`, and `secret` is not in
 * the message. */
static void
assert_fails_at(const char *text, size_t len, int line, const char *secret)
{
	struct seen s;
	struct err e;
	char want[32];
	assert_int_equal(parse(text, len, &s, &e), -1);
	assert_int_equal(e.kind, ERR_CONFIG);
	snprintf(want, sizeof(want), "line %d:", line);
	assert_non_null(strstr(e.message, want));
	if (secret)
		assert_null(strstr(e.message, secret));
	buf_free(&s.log);
}

static void
test_basic(void **state)
{
	(void)state;
	assert_parses_to(
		"; a comment\n"
		"# another\n"
		"\n"
		"top = level\n"
		"[default]\n"
		"type = access_key\n"
		"access_key_id=foo\n"
		"  access_key_secret   =   bar  \n"
		"[ prod ]\n"
		"empty =\n"
		"eq = a=b=c\n",
		"|top|level|4\n"
		"default|type|access_key|6\n"
		"default|access_key_id|foo|7\n"
		"default|access_key_secret|bar|8\n"
		"prod|empty||10\n"
		"prod|eq|a=b=c|11\n");
}

static void
test_quotes_and_comments(void **state)
{
	(void)state;
	assert_parses_to(
		"[s] ; trailing comment\n"
		"q = \"  spaced value \"\n"
		"one = \"\n"
		"two = \"\"\n"
		"hash = value # a comment, as in the official SDKs\n"
		"semi = a;b\n"
		"\t# indented comment\n"
		"[t]#c\n"
		"k = v\n"
		"id = LTAI5tExample ; laptop key\n"
		"quoted = \"x ; y\" ; the quotes keep it\n"
		"word = a#b\n"
		"tab = v\t;c\n"
		"only = ;\n",
		"s|q|  spaced value |2\n"
		"s|one|\"|3\n"
		"s|two||4\n"
		"s|hash|value|5\n"
		"s|semi|a;b|6\n"
		"t|k|v|9\n"
		"t|id|LTAI5tExample|10\n"
		"t|quoted|x ; y|11\n"
		"t|word|a#b|12\n"
		"t|tab|v|13\n"
		"t|only|;|14\n");
}

static void
test_line_endings_and_bom(void **state)
{
	(void)state;
	/* CRLF, with a byte-order mark. */
	assert_parses_to("\xef\xbb\xbf[a]\r\nk = v\r\n\r\nx = y\r\n",
		"a|k|v|2\n" "a|x|y|4\n");
	/* Lone CR (old Mac), and no final newline. */
	assert_parses_to("[a]\rk = v\r\rx = y",
		"a|k|v|2\n" "a|x|y|4\n");
	/* Mixed. */
	assert_parses_to("[a]\nk = v\r\nx = y\rz = w\n",
		"a|k|v|2\n" "a|x|y|3\n" "a|z|w|4\n");
	/* A BOM in the middle is just bytes of a value. */
	assert_parses_to("k = \xef\xbb\xbf\n", "|k|\xef\xbb\xbf|1\n");
}

static void
test_empty_input(void **state)
{
	(void)state;
	struct seen s;
	struct err e;
	assert_int_equal(parse("", 0, &s, &e), 0);
	assert_int_equal(s.calls, 0);
	assert_int_equal(parse("\xef\xbb\xbf", 3, &s, &e), 0);
	assert_int_equal(s.calls, 0);
	assert_int_equal(parse("\n\n  \n;x\n", 8, &s, &e), 0);
	assert_int_equal(s.calls, 0);
	buf_free(&s.log);
}

static void
test_very_long_line(void **state)
{
	(void)state;
	size_t n = 4 * 1024 * 1024;
	struct buf text = BUF_INIT;
	buf_puts(&text, "[big]\nkey = ");
	for (size_t i = 0; i < n; i++)
		buf_putc(&text, (char)('a' + i % 26));
	buf_puts(&text, "\nafter = 1\n");
	struct seen s;
	struct err e;
	assert_int_equal(parse(text.data, text.len, &s, &e), 0);
	assert_int_equal(s.calls, 2);
	/* "big|key|" + value + "|2\n" + "big|after|1|3\n" */
	assert_int_equal(s.log.len, 8 + n + 3 + 14);
	assert_non_null(strstr(s.log.data, "big|after|1|3\n"));
	buf_free(&s.log);

	/* A long junk line is still an error naming its line. */
	buf_reset(&text);
	buf_puts(&text, "[a]\n");
	for (size_t i = 0; i < n; i++)
		buf_putc(&text, 'x');
	assert_fails_at(text.data, text.len, 2, NULL);
	buf_free(&text);
}

static void
test_errors_name_the_line(void **state)
{
	(void)state;
	const char *secret = "LTAIsecretvalue123";
	char text[256];
	snprintf(text, sizeof(text), "[a]\nk = v\n%s\n", secret);
	assert_fails_at(text, strlen(text), 3, secret);
	snprintf(text, sizeof(text), "[a]\n[%s\n", secret);
	assert_fails_at(text, strlen(text), 2, secret);
	snprintf(text, sizeof(text), "[a] %s\n", secret);
	assert_fails_at(text, strlen(text), 1, secret);
	snprintf(text, sizeof(text), "\n\n[ ]\n");
	assert_fails_at(text, strlen(text), 3, NULL);
	snprintf(text, sizeof(text), "[a]\n = %s\n", secret);
	assert_fails_at(text, strlen(text), 2, secret);
	/* Line numbers count CRLF and lone CR once each. */
	assert_fails_at("[a]\r\nk=v\r\rjunk\r\n", 16, 4, "junk");
}

static void
test_nul_byte(void **state)
{
	(void)state;
	static const char text[] = "[a]\nk = v\0hidden\nx = y\n";
	assert_fails_at(text, sizeof(text) - 1, 2, "hidden");
	/* Keys before the bad line were delivered; the error stops there. */
	struct seen s;
	struct err e;
	static const char text2[] = "[a]\nk = v\nbad\0\n";
	assert_int_equal(parse(text2, sizeof(text2) - 1, &s, &e), -1);
	assert_int_equal(s.calls, 1);
	assert_non_null(strstr(e.message, "NUL"));
	buf_free(&s.log);
}

static void
test_callback_stops_early(void **state)
{
	(void)state;
	struct seen s;
	struct err e;
	memset(&s, 0, sizeof(s));
	s.stop_after = 2;
	err_clear(&e);
	const char *text = "a=1\nb=2\nc=3\nthis line is junk\n";
	assert_int_equal(ini_parse_string(text, strlen(text), record, &s, &e),
		0);
	assert_int_equal(s.calls, 2);
	assert_int_equal(e.kind, ERR_NONE);
	buf_free(&s.log);
}

/* Deterministic pseudo-random junk: never a crash, and either a clean parse
 * or an ERR_CONFIG naming a line. */
static void
test_binary_junk(void **state)
{
	(void)state;
	uint32_t x = 2463534242u;
	char text[512];
	int errors = 0;
	for (int round = 0; round < 3000; round++) {
		size_t len = (size_t)(round % (int)sizeof(text));
		for (size_t i = 0; i < len; i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			/* Bias towards the characters the parser cares about. */
			static const char special[] = "[]=\r\n;# \"\t";
			text[i] = (x & 0x300) ? (char)(x & 0xff)
				: special[(x >> 16) % (sizeof(special) - 1)];
		}
		struct seen s;
		struct err e;
		int rc = parse(text, len, &s, &e);
		if (rc != 0) {
			assert_int_equal(rc, -1);
			assert_int_equal(e.kind, ERR_CONFIG);
			assert_non_null(strstr(e.message, "line "));
			errors++;
		} else {
			assert_int_equal(e.kind, ERR_NONE);
		}
		buf_free(&s.log);
	}
	/* The junk really did exercise the error paths. */
	assert_true(errors > 1000);
}

struct tmpdir {
	char path[64];
};

static int
tmp_setup(void **state)
{
	struct tmpdir *t = xcalloc(1, sizeof(*t));
	snprintf(t->path, sizeof(t->path), "/tmp/alicfg-ini-XXXXXX");
	if (!mkdtemp(t->path))
		return -1;
	*state = t;
	return 0;
}

static int
tmp_teardown(void **state)
{
	struct tmpdir *t = *state;
	nftw(t->path, fx_rm, 16, FTW_DEPTH | FTW_PHYS);
	free(t);
	return 0;
}

static void
test_parse_file(void **state)
{
	struct tmpdir *t = *state;
	char path[128];
	struct seen s;
	struct err e;

	snprintf(path, sizeof(path), "%s/good.ini", t->path);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("\xef\xbb\xbf[default]\r\nkey = \"value\"\r\n", fp);
	fclose(fp);
	memset(&s, 0, sizeof(s));
	err_clear(&e);
	assert_int_equal(ini_parse_file(path, record, &s, &e), 0);
	assert_string_equal(buf_str(&s.log), "default|key|value|2\n");
	buf_free(&s.log);

	/* A syntax error names the file and the line. */
	snprintf(path, sizeof(path), "%s/bad.ini", t->path);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("[default]\nkey = v\nnot a pair\n", fp);
	fclose(fp);
	memset(&s, 0, sizeof(s));
	assert_int_equal(ini_parse_file(path, record, &s, &e), -1);
	assert_int_equal(e.kind, ERR_CONFIG);
	assert_non_null(strstr(e.message, path));
	assert_non_null(strstr(e.message, "line 3"));
	buf_free(&s.log);
}

static void
test_parse_file_unreadable(void **state)
{
	struct tmpdir *t = *state;
	char path[128];
	struct seen s;
	struct err e;
	memset(&s, 0, sizeof(s));

	snprintf(path, sizeof(path), "%s/missing.ini", t->path);
	errno = 0;
	assert_int_equal(ini_parse_file(path, record, &s, &e), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(e.kind, ERR_CONFIG);
	assert_non_null(strstr(e.message, path));

	/* A directory, and a FIFO (which must not hang the reader). */
	assert_int_equal(ini_parse_file(t->path, record, &s, &e), -1);
	assert_int_equal(errno, EISDIR);
	assert_non_null(strstr(e.message, "directory"));
	snprintf(path, sizeof(path), "%s/fifo", t->path);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(ini_parse_file(path, record, &s, &e), -1);
	assert_non_null(strstr(e.message, path));
	assert_int_equal(s.calls, 0);
}

static void
parse_locked(void *ctx, struct fx_outcome *out)
{
	struct seen s;
	struct err e;
	memset(&s, 0, sizeof(s));
	err_clear(&e);
	errno = 0;
	out->rc = ini_parse_file(ctx, record, &s, &e);
	out->err_no = errno;
	snprintf(out->message, sizeof(out->message), "%s", e.message);
	if (s.calls)
		out->rc = 99;
	buf_free(&s.log);
}

static void
test_parse_file_eacces(void **state)
{
	struct tmpdir *t = *state;
	char path[128];
	struct fx_outcome out;
	snprintf(path, sizeof(path), "%s/locked.ini", t->path);
	FILE *fp = fopen(path, "w");
	assert_non_null(fp);
	fputs("[a]\nk = v\n", fp);
	fclose(fp);
	chmod(path, 0);
	chmod(t->path, 0711);
	int r = fx_run_unprivileged(path, parse_locked, path, &out);
	if (r == -1)
		skip();   /* root, and could not drop privileges */
	assert_int_equal(r, 0);
	assert_int_equal(out.rc, -1);
	assert_int_equal(out.err_no, EACCES);
	assert_non_null(strstr(out.message, path));
	assert_non_null(strstr(out.message, "Permission denied"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_quotes_and_comments),
		cmocka_unit_test(test_line_endings_and_bom),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_very_long_line),
		cmocka_unit_test(test_errors_name_the_line),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_callback_stops_early),
		cmocka_unit_test(test_binary_junk),
		cmocka_unit_test_setup_teardown(test_parse_file, tmp_setup,
			tmp_teardown),
		cmocka_unit_test_setup_teardown(test_parse_file_unreadable,
			tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(test_parse_file_eacces,
			tmp_setup, tmp_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
