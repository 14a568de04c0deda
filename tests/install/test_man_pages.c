/* The man pages document everything the tables define: every flag and
 * command of the option table in alicfg.1, every config key in
 * alicfg-config.5. Other areas add flags, commands and keys: when one is
 * missing, the failure says what to add where. (Key bindings and the
 * emulator's flags: tests/install/man_pages.sh.) */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "env.h"
#include "options.h"
#include "quota.h"

/* A man page as plain text: font escapes (\fB, \fR, \fI, \fP) dropped and
 * escaped hyphens (\-) made plain, so "\fB\-\-max\-attempts\fR" reads
 * "--max-attempts". */
static char *
man_text(const char *name)
{
	const char *src = getenv("ALICFG_SRCDIR");
	struct buf path = BUF_INIT, raw = BUF_INIT, out = BUF_INIT;
	struct err e;
	err_clear(&e);
	buf_printf(&path, "%s/%s", src ? src : ".", name);
	if (buf_read_file(&raw, buf_str(&path), 0, &e) < 0)
		fail_msg("cannot read %s: %s", buf_str(&path), e.message);
	buf_free(&path);
	const char *s = buf_str(&raw);
	for (size_t i = 0; s[i]; i++) {
		if (s[i] == '\\' && s[i + 1] == 'f' && s[i + 2]) {
			i += 2;
			continue;
		}
		if (s[i] == '\\' && s[i + 1] == '-') {
			buf_putc(&out, '-');
			i++;
			continue;
		}
		buf_putc(&out, s[i]);
	}
	buf_free(&raw);
	return buf_steal(&out);
}

/* `word` appears with no letter, digit, '-' or '_' right before or after
 * it ("--all" is not found inside "--all-x"). */
static bool
has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
		bool before = p == text || !(isalnum((unsigned char)p[-1]) ||
			p[-1] == '-' || p[-1] == '_');
		bool after = !(isalnum((unsigned char)p[n]) || p[n] == '-' ||
			p[n] == '_');
		if (before && after)
			return true;
	}
	return false;
}

static void
test_every_flag_in_alicfg_1(void **state)
{
	(void)state;
	char *man = man_text("alicfg.1");
	size_t n;
	const struct options_flag_def *f = options_flag_table(&n);
	int missing = 0;
	assert_true(n > 10);
	for (size_t i = 0; i < n; i++) {
		if (!options_flag_in_use(&f[i]))
			continue;   /* its command is not there yet */
		char word[96];
		snprintf(word, sizeof(word), "--%s", f[i].name);
		if (!has_word(man, word)) {
			char roff[128];
			size_t r = 0;
			for (const char *p = word; *p && r + 3 < sizeof(roff); p++) {
				if (*p == '-')
					roff[r++] = '\\';
				roff[r++] = *p;
			}
			roff[r] = '\0';
			print_error("alicfg.1 does not document %s: add it under "
				".SH OPTIONS, e.g.\n.TP\n.%s %s%s%s%s\n%s\n",
				word, f[i].takes_value ? "BI" : "B", roff,
				f[i].takes_value ? " \" " : "",
				f[i].takes_value && f[i].metavar ? f[i].metavar : "",
				f[i].takes_value ? "\"" : "",
				f[i].help ? f[i].help : "");
			missing++;
		}
		if (f[i].short_name) {
			char s[8];
			snprintf(s, sizeof(s), "-%c", f[i].short_name);
			if (!has_word(man, s)) {
				print_error("alicfg.1 does not name %s (short for "
					"%s): write its .TP entry under .SH OPTIONS "
					"as .BR \\-%c \", \" \\-\\-%s\n", s, word,
					f[i].short_name, f[i].name);
				missing++;
			}
		}
		if (!f[i].help || !*f[i].help) {
			print_error("flag %s has no help text: fill the help "
				"field of its row in options_flags (src/options.c)\n",
				word);
			missing++;
		}
	}
	free(man);
	assert_int_equal(missing, 0);
}

static void
test_every_command_in_alicfg_1(void **state)
{
	(void)state;
	char *man = man_text("alicfg.1");
	size_t n;
	const struct options_command_def *c = options_command_table(&n);
	int missing = 0;
	for (size_t i = 0; i < n; i++) {
		/* help and version are spelled as --help, --version too. */
		if (c[i].cmd == CMD_HELP || c[i].cmd == CMD_VERSION)
			continue;
		char entry[128];
		snprintf(entry, sizeof(entry), ".B %s", c[i].name);
		char bi[128];
		snprintf(bi, sizeof(bi), ".BI %s", c[i].name);
		const char *cmds = strstr(man, ".SH COMMANDS");
		if (!cmds || !(strstr(cmds, entry) || strstr(cmds, bi))) {
			print_error("alicfg.1 does not document the command '%s': "
				"add under .SH COMMANDS\n.TP\n.B %s\n%s\n(and a "
				"line in .SH SYNOPSIS)\n", c[i].name, c[i].name,
				c[i].help ? c[i].help : "");
			missing++;
		}
	}
	free(man);
	assert_int_equal(missing, 0);
}

static void
test_every_config_key_in_alicfg_config_5(void **state)
{
	(void)state;
	char *man = man_text("alicfg-config.5");
	size_t n;
	const struct options_config_def *k = options_config_table(&n);
	int missing = 0;
	assert_true(n > 5);
	for (size_t i = 0; i < n; i++) {
		char tp[128];
		snprintf(tp, sizeof(tp), ".B %s\n", k[i].key);
		const char *where = strstr(man, tp);
		if (!where) {
			print_error("alicfg-config.5 does not document the key "
				"'%s'%s%s%s: add under .SH %s\n.TP\n.B %s\n%s. "
				"Default: %s.\n", k[i].key,
				k[i].section[0] ? " of [" : "", k[i].section,
				k[i].section[0] ? "]" : "",
				k[i].section[0] ? "the section's heading" : "KEYS",
				k[i].key, k[i].values, k[i].default_value);
			missing++;
			continue;
		}
		/* Its default is stated in its entry (before the next .TP). */
		const char *end = strstr(where + 1, ".TP");
		size_t len = end ? (size_t)(end - where) : strlen(where);
		char *entry = strndup(where, len);
		if (k[i].default_value && !strstr(entry, k[i].default_value)) {
			print_error("alicfg-config.5: the entry of '%s' does not "
				"state its default '%s'\n", k[i].key,
				k[i].default_value);
			missing++;
		}
		free(entry);
	}
	free(man);
	assert_int_equal(missing, 0);
}

/* Every environment variable of env.c's families is in alicfg.1; the
 * aliases of a family may be named by their prefix (ALIBABACLOUD_*). */
static void
test_every_env_variable_in_alicfg_1(void **state)
{
	(void)state;
	char *man = man_text("alicfg.1");
	const char *env = strstr(man, ".SH ENVIRONMENT");
	if (!env)
		fail_msg("alicfg.1 has no .SH ENVIRONMENT section");
	int missing = 0;
	for (int f = 0; f < ENV_FAMILY_COUNT; f++) {
		const char *const *names = env_family_names((enum env_family)f);
		for (size_t i = 0; names && names[i]; i++) {
			char prefix[64];
			const char *us = strchr(names[i], '_');
			snprintf(prefix, sizeof(prefix), "%.*s_*",
				us ? (int)(us - names[i]) : 0, names[i]);
			if (has_word(env, names[i]) || (us && strstr(env, prefix)))
				continue;
			print_error("alicfg.1 does not name the environment "
				"variable %s: add it under .SH ENVIRONMENT (with "
				"the others of its family)\n", names[i]);
			missing++;
		}
	}
	static const char *const single[] = {
		"ALIBABA_CLOUD_ENDPOINT", "ALIBABA_CLOUD_STS_ENDPOINT",
		"ALIBABA_CLOUD_RD_ENDPOINT", "ALIBABA_CLOUD_CONFIG_FILE",
		"ALIBABA_CLOUD_CREDENTIALS_FILE", "NO_COLOR",
	};
	for (size_t i = 0; i < sizeof(single) / sizeof(single[0]); i++)
		if (!has_word(env, single[i])) {
			print_error("alicfg.1 does not name %s under .SH "
				"ENVIRONMENT\n", single[i]);
			missing++;
		}
	free(man);
	assert_int_equal(missing, 0);
}

/* Every action of the quota table (quota.c) has its [quota] entry, with
 * its default, in alicfg-config.5. */
static void
test_every_quota_action_in_alicfg_config_5(void **state)
{
	(void)state;
	char *man = man_text("alicfg-config.5");
	const char *sec = strstr(man, ".SS [quota]");
	if (!sec)
		fail_msg("alicfg-config.5 has no \".SS [quota]\" section");
	const char *end = strstr(sec + 1, "\n.S");
	size_t len = end ? (size_t)(end - sec) : strlen(sec);
	char *section = strndup(sec, len);
	struct quota_table t;
	quota_table_defaults(&t);
	int missing = 0;
	assert_true(t.count > 3);
	for (int i = 0; i < t.count; i++) {
		const struct quota_limit *l = &t.items[i];
		char entry[160], dflt[64];
		snprintf(entry, sizeof(entry), ".B %s\n", l->action);
		if (l->calls)
			snprintf(dflt, sizeof(dflt), "Default: %d/%d", l->calls,
				l->seconds);
		else
			snprintf(dflt, sizeof(dflt), "Default: off");
		const char *where = strstr(section, entry);
		const char *next = where ? strstr(where + 1, ".TP") : NULL;
		if (!where || !strstr(where, dflt) ||
		    (next && strstr(where, dflt) > next)) {
			print_error("alicfg-config.5 does not document the quota "
				"of %s: add to its .SS [quota] section\n.TP\n.B %s\n"
				"%s.\n", l->action, l->action, dflt);
			missing++;
		}
	}
	free(section);
	free(man);
	assert_int_equal(missing, 0);
}

/* The check has teeth: a flag that is not there is reported. */
static void
test_has_word_is_exact(void **state)
{
	(void)state;
	assert_true(has_word("use --all here", "--all"));
	assert_false(has_word("use --all-x here", "--all"));
	assert_false(has_word("use x--all here", "--all"));
	char *man = man_text("alicfg.1");
	assert_false(has_word(man, "--no-such-flag"));
	assert_true(has_word(man, "--max-attempts"));
	free(man);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_has_word_is_exact),
		cmocka_unit_test(test_every_flag_in_alicfg_1),
		cmocka_unit_test(test_every_command_in_alicfg_1),
		cmocka_unit_test(test_every_config_key_in_alicfg_config_5),
		cmocka_unit_test(test_every_quota_action_in_alicfg_config_5),
		cmocka_unit_test(test_every_env_variable_in_alicfg_1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
