/* Unit tests: the command line and the alicfg config file. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"

static char test_dir[256];
static struct options opts;
static struct err err;

/* A private XDG_CONFIG_HOME and no environment that could leak in. */
static int
setup(void **state)
{
	(void)state;
	snprintf(test_dir, sizeof(test_dir), "%s/alicfg-opt.XXXXXX",
		getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(test_dir))
		return -1;
	setenv("XDG_CONFIG_HOME", test_dir, 1);
	setenv("HOME", test_dir, 1);
	static const char *const vars[] = {
		"NO_COLOR", "ALIBABA_CLOUD_PROFILE", "ALIBABACLOUD_PROFILE",
		"ALICLOUD_PROFILE", "ALIBABA_CLOUD_REGION_ID",
		"ALIBABACLOUD_REGION_ID", "ALICLOUD_REGION_ID", "REGION_ID",
		"REGION",
	};
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		unsetenv(vars[i]);
	options_defaults(&opts);
	err_clear(&err);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	char cmd[512];
	options_free(&opts);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", test_dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int
parse_argv(char **argv)
{
	int argc = 0;
	while (argv[argc])
		argc++;
	options_free(&opts);
	err_clear(&err);
	return options_parse(&opts, argc, argv, &err);
}

#define PARSE(...) parse_argv((char *[]){"alicfg", __VA_ARGS__, NULL})

/* Expect a failure of `kind` whose message mentions `needle`. */
#define assert_fails(want_kind, needle, call) do { \
		assert_int_equal((call), -1); \
		assert_int_equal(err.kind, (want_kind)); \
		if (!strstr(err.message, (needle))) \
			fail_msg("message '%s' lacks '%s'", err.message, (needle)); \
	} while (0)

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Write $XDG_CONFIG_HOME/alicfg/config. */
static void
write_config(const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/alicfg", test_dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/alicfg/config", test_dir);
	write_file(path, text);
}

static void
test_defaults(void **state)
{
	(void)state;
	assert_int_equal(parse_argv((char *[]){"alicfg", NULL}), 0);
	assert_int_equal(opts.command, CMD_TUI);
	assert_int_equal(opts.signature, SIGN_V3);
	assert_int_equal(opts.output, OUTPUT_TABLE);
	assert_int_equal(opts.concurrency, 8);
	assert_int_equal(opts.refresh_seconds, 60);
	assert_false(opts.readonly);
	assert_false(opts.no_color);
	assert_int_equal(opts.verbose, 0);
	assert_null(opts.profile);
	assert_null(opts.region);
	assert_null(opts.config_file);   /* no default file exists */
}

static void
test_commands(void **state)
{
	(void)state;
	assert_int_equal(PARSE("aggregators"), 0);
	assert_int_equal(opts.command, CMD_AGGREGATORS);
	assert_int_equal(PARSE("accounts", "ca-0000000000000001"), 0);
	assert_int_equal(opts.command, CMD_ACCOUNTS);
	assert_string_equal(opts.aggregator_id, "ca-0000000000000001");
	assert_false(opts.all);
	assert_int_equal(PARSE("accounts", "--all"), 0);
	assert_true(opts.all);
	assert_null(opts.aggregator_id);
	assert_int_equal(PARSE("recorder"), 0);
	assert_int_equal(opts.command, CMD_RECORDER);
	assert_null(opts.account);
	assert_int_equal(PARSE("recorder", "--account", "1000000000000010"), 0);
	assert_string_equal(opts.account, "1000000000000010");
	assert_int_equal(PARSE("enable", "--account=1000000000000010", "--yes"), 0);
	assert_int_equal(opts.command, CMD_ENABLE);
	assert_string_equal(opts.account, "1000000000000010");
	assert_true(opts.yes);
	assert_int_equal(PARSE("enable", "-y"), 0);
	assert_true(opts.yes);
	assert_int_equal(PARSE("enable"), 0);
	assert_false(opts.yes);
}

/* Every global flag, as "--opt value" and as "--opt=value". */
static void
test_global_flags_both_forms(void **state)
{
	(void)state;
	for (int form = 0; form < 2; form++) {
		char *sep[][2] = {
			{"--profile", "prod"}, {"--region", "ap-southeast-1"},
			{"--endpoint", "http://127.0.0.1:1"},
			{"--sts-endpoint", "http://127.0.0.1:2"},
			{"--signature", "v2"}, {"--ca-bundle", "/tmp/ca.pem"},
			{"--role-name", "MyRole"}, {"--output", "json"},
			{"--concurrency", "16"}, {"--refresh", "30"},
			{"--max-attempts", "9"},
		};
		char *argv[32];
		char joined[11][128];
		int argc = 0;
		argv[argc++] = "alicfg";
		argv[argc++] = "aggregators";
		for (size_t i = 0; i < 11; i++) {
			if (form == 0) {
				argv[argc++] = sep[i][0];
				argv[argc++] = sep[i][1];
			} else {
				snprintf(joined[i], sizeof(joined[i]), "%s=%s",
					sep[i][0], sep[i][1]);
				argv[argc++] = joined[i];
			}
		}
		argv[argc++] = "--readonly";
		argv[argc++] = "--no-color";
		argv[argc++] = "-v";
		argv[argc] = NULL;
		assert_int_equal(parse_argv(argv), 0);
		assert_int_equal(opts.command, CMD_AGGREGATORS);
		assert_string_equal(opts.profile, "prod");
		assert_string_equal(opts.region, "ap-southeast-1");
		assert_string_equal(opts.endpoint, "http://127.0.0.1:1");
		assert_string_equal(opts.sts_endpoint, "http://127.0.0.1:2");
		assert_int_equal(opts.signature, SIGN_V2);
		assert_string_equal(opts.ca_bundle, "/tmp/ca.pem");
		assert_string_equal(opts.role_name, "MyRole");
		assert_int_equal(opts.output, OUTPUT_JSON);
		assert_int_equal(opts.concurrency, 16);
		assert_int_equal(opts.refresh_seconds, 30);
		assert_int_equal(opts.max_attempts, 9);
		assert_true(opts.readonly);
		assert_true(opts.no_color);
		assert_int_equal(opts.verbose, 1);
	}
}

static void
test_flags_before_and_after_command(void **state)
{
	(void)state;
	assert_int_equal(PARSE("--output", "csv", "accounts", "--status",
		"registrable", "ca-1", "--region=cn-shanghai"), 0);
	assert_int_equal(opts.command, CMD_ACCOUNTS);
	assert_int_equal(opts.output, OUTPUT_CSV);
	assert_string_equal(opts.aggregator_id, "ca-1");
	assert_string_equal(opts.status_filter, "REGISTRABLE");
	assert_string_equal(opts.region, "cn-shanghai");
	/* "--" ends the flags: what follows is an argument. */
	assert_int_equal(PARSE("accounts", "--", "ca-2"), 0);
	assert_string_equal(opts.aggregator_id, "ca-2");
	assert_int_equal(PARSE("-o", "json", "aggregators"), 0);
	assert_int_equal(opts.output, OUTPUT_JSON);
	assert_int_equal(PARSE("-ocsv", "aggregators"), 0);
	assert_int_equal(opts.output, OUTPUT_CSV);
}

static void
test_verbose_counts(void **state)
{
	(void)state;
	assert_int_equal(PARSE("-v", "aggregators", "--verbose"), 0);
	assert_int_equal(opts.verbose, 2);
	assert_int_equal(PARSE("-vv", "aggregators"), 0);
	assert_int_equal(opts.verbose, 2);
	assert_int_equal(PARSE("-vy", "enable"), 0);
	assert_int_equal(opts.verbose, 1);
	assert_true(opts.yes);
}

static void
test_signature_and_output_values(void **state)
{
	(void)state;
	assert_int_equal(PARSE("--signature", "V3", "aggregators"), 0);
	assert_int_equal(opts.signature, SIGN_V3);
	assert_int_equal(PARSE("--signature=v2", "aggregators"), 0);
	assert_int_equal(opts.signature, SIGN_V2);
	assert_int_equal(PARSE("--output=table", "aggregators"), 0);
	assert_int_equal(opts.output, OUTPUT_TABLE);
	assert_fails(ERR_USAGE, "--signature", PARSE("--signature", "v4", "aggregators"));
	assert_fails(ERR_USAGE, "--output", PARSE("--output=yaml", "aggregators"));
}

static void
test_help_and_version(void **state)
{
	(void)state;
	assert_int_equal(PARSE("--help"), 0);
	assert_int_equal(opts.command, CMD_HELP);
	assert_int_equal(PARSE("-h"), 0);
	assert_int_equal(opts.command, CMD_HELP);
	assert_int_equal(PARSE("aggregators", "--help"), 0);
	assert_int_equal(opts.command, CMD_HELP);
	/* --help wins over a mistake elsewhere on the line. */
	assert_int_equal(PARSE("--bogus", "--help"), 0);
	assert_int_equal(opts.command, CMD_HELP);
	assert_int_equal(PARSE("--version"), 0);
	assert_int_equal(opts.command, CMD_VERSION);
	/* A broken config file does not stop --help or --version. */
	write_config("concurrency = lots\n");
	assert_int_equal(PARSE("--version"), 0);
	assert_int_equal(opts.command, CMD_VERSION);
	assert_int_equal(PARSE("--help"), 0);
}

static void
test_help_text_mentions_everything(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	options_print_help(f);
	fclose(f);
	static const char *const words[] = {
		"aggregators", "accounts", "--all", "--status", "recorder",
		"enable", "--account", "--yes", "--profile", "--region",
		"--endpoint", "--sts-endpoint", "--signature", "--ca-bundle",
		"--role-name", "--readonly", "--output", "--verbose",
		"--no-color", "--concurrency", "--refresh", "--config",
		"--max-attempts",
		"--version", "--help", "Exit status", "0  success",
		"1  API or network error", "2  usage", "3  credentials",
		"4  refused",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strstr(text, words[i]))
			fail_msg("help text lacks '%s'", words[i]);
	free(text);
}

static void
test_usage_errors_name_the_flag(void **state)
{
	(void)state;
	assert_fails(ERR_USAGE, "--bogus", PARSE("--bogus"));
	assert_fails(ERR_USAGE, "-x", PARSE("-x", "aggregators"));
	assert_fails(ERR_USAGE, "--profile", PARSE("aggregators", "--profile"));
	assert_fails(ERR_USAGE, "--profile", PARSE("aggregators", "--profile="));
	assert_fails(ERR_USAGE, "--readonly", PARSE("--readonly=yes", "aggregators"));
	assert_fails(ERR_USAGE, "-o", PARSE("aggregators", "-o"));
	assert_fails(ERR_USAGE, "frobnicate", PARSE("frobnicate"));
	assert_fails(ERR_USAGE, "--region", PARSE("--region", "CN SHANGHAI", "aggregators"));
	assert_fails(ERR_USAGE, "--role-name", PARSE("--role-name", "a/b", "aggregators"));
	assert_fails(ERR_USAGE, "unexpected argument", PARSE("aggregators", "extra"));
	assert_fails(ERR_USAGE, "unexpected argument", PARSE("recorder", "1000000000000010"));
}

static void
test_concurrency_and_refresh_limits(void **state)
{
	(void)state;
	assert_int_equal(PARSE("--concurrency", "1", "aggregators"), 0);
	assert_int_equal(opts.concurrency, 1);
	assert_int_equal(PARSE("--concurrency", "64", "aggregators"), 0);
	assert_int_equal(opts.concurrency, 64);
	assert_fails(ERR_USAGE, "--concurrency", PARSE("--concurrency", "0", "aggregators"));
	assert_fails(ERR_USAGE, "--concurrency", PARSE("--concurrency", "65", "aggregators"));
	assert_fails(ERR_USAGE, "--concurrency", PARSE("--concurrency", "8x", "aggregators"));
	assert_fails(ERR_USAGE, "--concurrency", PARSE("--concurrency", "-3", "aggregators"));
	assert_int_equal(PARSE("--refresh", "10"), 0);
	assert_int_equal(opts.refresh_seconds, 10);
	assert_fails(ERR_USAGE, "--refresh", PARSE("--refresh", "9"));
	assert_fails(ERR_USAGE, "--refresh", PARSE("--refresh", "soon"));
	assert_int_equal(PARSE("--max-attempts=1", "aggregators"), 0);
	assert_int_equal(opts.max_attempts, 1);
	assert_fails(ERR_USAGE, "--max-attempts", PARSE("--max-attempts", "0", "aggregators"));
	assert_fails(ERR_USAGE, "--max-attempts", PARSE("--max-attempts", "21", "aggregators"));
	assert_int_equal(PARSE("aggregators"), 0);
	assert_int_equal(opts.retry_budget_seconds, -1);
	assert_int_equal(PARSE("--retry-budget", "0", "aggregators"), 0);
	assert_int_equal(opts.retry_budget_seconds, 0);
	assert_int_equal(PARSE("--retry-budget=120", "aggregators"), 0);
	assert_int_equal(opts.retry_budget_seconds, 120);
	assert_fails(ERR_USAGE, "--retry-budget", PARSE("--retry-budget", "601", "aggregators"));
	assert_fails(ERR_USAGE, "--retry-budget", PARSE("--retry-budget", "-1", "aggregators"));
}

static void
test_accounts_arguments(void **state)
{
	(void)state;
	assert_fails(ERR_USAGE, "AGGREGATOR_ID", PARSE("accounts"));
	assert_fails(ERR_USAGE, "not both", PARSE("accounts", "ca-1", "--all"));
	assert_fails(ERR_USAGE, "unexpected argument", PARSE("accounts", "ca-1", "ca-2"));
	assert_fails(ERR_USAGE, "--all", PARSE("aggregators", "--all"));
	assert_fails(ERR_USAGE, "control character", PARSE("accounts", "ca\0011"));
	/* A group's name (resolved by batch.c), spaces and CJK included. */
	assert_int_equal(PARSE("accounts", "Security audit"), 0);
	assert_string_equal(opts.aggregator_id, "Security audit");
}

static void
test_repeated_accounts(void **state)
{
	(void)state;
	assert_int_equal(PARSE("enable", "--account", "1000000000000010",
		"--account=1000000000000011", "--account", "1000000000000010"), 0);
	assert_int_equal(opts.accounts.count, 2);
	assert_true(opts.accounts.ids[0] == INT64_C(1000000000000010));
	assert_true(opts.accounts.ids[1] == INT64_C(1000000000000011));
	assert_true(opts.accounts_listed);
	assert_string_equal(opts.account, "1000000000000010");
	assert_int_equal(PARSE("recorder", "--account", "1000000000000010"), 0);
	assert_int_equal(opts.accounts.count, 1);
	assert_false(opts.accounts_listed);
	assert_int_equal(PARSE("recorder"), 0);
	assert_int_equal(opts.accounts.count, 0);
	assert_fails(ERR_USAGE, "--account", PARSE("enable", "--account",
		"1000000000000010", "--account", "12x"));
	assert_fails(ERR_USAGE, "--accounts-from", PARSE("aggregators",
		"--accounts-from", "/dev/null"));
	assert_fails(ERR_USAGE, "no account ids", PARSE("enable",
		"--accounts-from", "/dev/null"));
	assert_fails(ERR_USAGE, "--accounts-from", PARSE("enable",
		"--accounts-from", "/nonexistent/ids.txt"));
}

static void
test_single_value_flags_once(void **state)
{
	(void)state;
	assert_fails(ERR_USAGE, "--output given twice", PARSE("-o", "json",
		"aggregators", "--output", "csv"));
	assert_fails(ERR_USAGE, "--status given twice", PARSE("accounts",
		"--all", "--status", "BUILDING", "--status", "REGISTERED"));
	assert_fails(ERR_USAGE, "--profile given twice", PARSE("--profile",
		"a", "--profile=b", "aggregators"));
	assert_fails(ERR_USAGE, "--region given twice", PARSE("--region",
		"cn-shanghai", "--region", "cn-shanghai", "aggregators"));
	/* Switches may repeat harmlessly. */
	assert_int_equal(PARSE("enable", "--yes", "-y"), 0);
	assert_int_equal(PARSE("-vv", "--verbose", "aggregators"), 0);
	assert_int_equal(opts.verbose, 3);
}

static void
test_did_you_mean(void **state)
{
	(void)state;
	assert_fails(ERR_USAGE, "did you mean 'accounts'?", PARSE("acounts"));
	assert_fails(ERR_USAGE, "did you mean --output?", PARSE("--outptu",
		"json", "aggregators"));
	assert_fails(ERR_USAGE, "did you mean --status?", PARSE("accounts",
		"--all", "--stauts", "BUILDING"));
	assert_fails(ERR_USAGE, "did you mean REGISTERED?", PARSE("accounts",
		"--all", "--status", "registerd"));
	assert_fails(ERR_USAGE, "unknown command 'frobnicate'",
		PARSE("frobnicate"));
}

static void
test_status_filter(void **state)
{
	(void)state;
	assert_int_equal(PARSE("accounts", "--all", "--status",
		"registrable, Building,REGISTERED,rebuilding"), 0);
	assert_string_equal(opts.status_filter,
		"REGISTRABLE,BUILDING,REGISTERED,REBUILDING");
	assert_true(options_status_selected(opts.status_filter, "BUILDING"));
	assert_true(options_status_selected("REGISTRABLE", "REGISTRABLE"));
	assert_false(options_status_selected("REGISTRABLE", "REGISTERED"));
	assert_false(options_status_selected("REGISTRABLE,BUILDING", "BUILD"));
	assert_true(options_status_selected(NULL, "REGISTERED"));
	assert_true(options_status_selected("", "REGISTERED"));
	assert_fails(ERR_USAGE, "--status", PARSE("accounts", "--all", "--status", "ENABLED"));
	assert_fails(ERR_USAGE, "ENABLED", PARSE("accounts", "--all", "--status", "REGISTERED,ENABLED"));
	assert_fails(ERR_USAGE, "--status", PARSE("accounts", "--all", "--status", "REGISTERED,"));
	assert_fails(ERR_USAGE, "--status", PARSE("recorder", "--status", "REGISTERED"));
}

static void
test_account_ids(void **state)
{
	(void)state;
	int64_t id = 0;
	assert_int_equal(options_parse_account("1000000000000010", &id, &err), 0);
	assert_true(id == INT64_C(1000000000000010));
	assert_int_equal(options_parse_account("9223372036854775807", &id, &err), 0);
	assert_fails(ERR_USAGE, "--account", options_parse_account("9223372036854775808", &id, &err));
	assert_fails(ERR_USAGE, "--account", options_parse_account("123456789012345678901", &id, &err));
	assert_fails(ERR_USAGE, "--account", options_parse_account("0", &id, &err));
	assert_fails(ERR_USAGE, "--account", options_parse_account("", &id, &err));
	assert_fails(ERR_USAGE, "--account", PARSE("recorder", "--account", "12ab"));
	assert_fails(ERR_USAGE, "--account", PARSE("recorder", "--account", "-5"));
	assert_fails(ERR_USAGE, "--account", PARSE("recorder", "--account", " 12"));
	assert_fails(ERR_USAGE, "--account", PARSE("aggregators", "--account", "12"));
	assert_fails(ERR_USAGE, "--yes", PARSE("recorder", "--yes"));
}

/* --- the config file --- */

static void
test_config_every_key(void **state)
{
	(void)state;
	write_config("# alicfg settings\n"
		"profile = prod\n"
		"region = ap-southeast-1\n"
		"refresh = 120\n"
		"concurrency = 4\n"
		"role_name = AuditRole\n"
		"color = no\n"
		"readonly = yes\n"
		"signature = v2\n"
		"max_attempts = 7\n"
		"retry_budget = 45\n");
	assert_int_equal(PARSE("aggregators"), 0);
	assert_int_equal(opts.max_attempts, 7);
	assert_int_equal(opts.retry_budget_seconds, 45);
	assert_string_equal(opts.profile, "prod");
	assert_string_equal(opts.region, "ap-southeast-1");
	assert_int_equal(opts.refresh_seconds, 120);
	assert_int_equal(opts.concurrency, 4);
	assert_string_equal(opts.role_name, "AuditRole");
	assert_true(opts.no_color);
	assert_true(opts.readonly);
	assert_int_equal(opts.signature, SIGN_V2);
	assert_non_null(opts.config_file);
	assert_non_null(strstr(opts.config_file, "/alicfg/config"));
}

static void
test_config_section_alicfg(void **state)
{
	(void)state;
	write_config("[alicfg]\nconcurrency = 3\n[someday]\nwhatever = 1\n");
	assert_int_equal(PARSE("aggregators"), 0);
	assert_int_equal(opts.concurrency, 3);
}

static void
test_flags_override_config(void **state)
{
	(void)state;
	write_config("profile = prod\nregion = ap-southeast-1\nrefresh = 120\n"
		"concurrency = 4\nrole_name = AuditRole\nsignature = v2\n"
		"readonly = no\ncolor = yes\n");
	assert_int_equal(PARSE("aggregators", "--profile", "dev", "--region",
		"cn-shanghai", "--refresh=15", "--concurrency", "32",
		"--role-name", "Other", "--signature", "v3", "--readonly",
		"--no-color"), 0);
	assert_string_equal(opts.profile, "dev");
	assert_string_equal(opts.region, "cn-shanghai");
	assert_int_equal(opts.refresh_seconds, 15);
	assert_int_equal(opts.concurrency, 32);
	assert_string_equal(opts.role_name, "Other");
	assert_int_equal(opts.signature, SIGN_V3);
	assert_true(opts.readonly);
	assert_true(opts.no_color);
	/* A flag also outranks the environment. */
	setenv("ALIBABA_CLOUD_PROFILE", "fromenv", 1);
	setenv("ALIBABA_CLOUD_REGION_ID", "cn-shanghai", 1);
	assert_string_equal(options_profile_flag(&opts), "dev");
	assert_string_equal(options_region_flag(&opts), "cn-shanghai");
}

/* The environment (official tools' variables) outranks the config file. */
static void
test_environment_over_config(void **state)
{
	(void)state;
	write_config("profile = prod\nregion = ap-southeast-1\n");
	assert_int_equal(PARSE("aggregators"), 0);
	assert_string_equal(options_profile_flag(&opts), "prod");
	assert_string_equal(options_region_flag(&opts), "ap-southeast-1");
	setenv("ALIBABA_CLOUD_PROFILE", "fromenv", 1);
	setenv("REGION", "cn-shanghai", 1);
	assert_null(options_profile_flag(&opts));
	assert_null(options_region_flag(&opts));
}

static void
test_config_flag_and_home_fallback(void **state)
{
	(void)state;
	char path[512];
	snprintf(path, sizeof(path), "%s/other.ini", test_dir);
	write_file(path, "concurrency = 2\n");
	assert_int_equal(PARSE("--config", path, "aggregators"), 0);
	assert_int_equal(opts.concurrency, 2);
	assert_string_equal(opts.config_file, path);
	/* --config FILE that does not exist is an error naming it. */
	snprintf(path, sizeof(path), "%s/missing.ini", test_dir);
	assert_fails(ERR_CONFIG, "missing.ini", PARSE("--config", path, "aggregators"));
	/* Without XDG_CONFIG_HOME: ~/.config/alicfg/config. */
	unsetenv("XDG_CONFIG_HOME");
	snprintf(path, sizeof(path), "%s/.config", test_dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/.config/alicfg", test_dir);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/.config/alicfg/config", test_dir);
	write_file(path, "refresh = 45\n");
	assert_int_equal(PARSE("aggregators"), 0);
	assert_int_equal(opts.refresh_seconds, 45);
	assert_string_equal(opts.config_file, path);
	setenv("XDG_CONFIG_HOME", test_dir, 1);
}

static void
test_config_bad_values(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *needle;
	} cases[] = {
		{"concurrency = 0\n", ":1: concurrency"},
		{"concurrency = 65\n", ":1: concurrency"},
		{"\n\nrefresh = 5\n", ":3: refresh"},
		{"refresh = often\n", ":1: refresh"},
		{"color = maybe\n", ":1: color"},
		{"readonly = sure\n", ":1: readonly"},
		{"signature = v4\n", ":1: signature"},
		{"max_attempts = 50\n", ":1: max_attempts"},
		{"retry_budget = forever\n", ":1: retry_budget"},
		{"role_name = bad role\n", ":1: role_name"},
		{"region = Mars/1\n", ":1: region"},
		{"profile =\n", ":1: profile"},
		{"[alicfg]\nfavourite = 1\n", ":2: unknown key 'favourite'"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		write_config(cases[i].text);
		assert_int_equal(PARSE("aggregators"), -1);
		assert_int_equal(err.kind, ERR_CONFIG);
		if (!strstr(err.message, cases[i].needle) ||
		    !strstr(err.message, "alicfg/config"))
			fail_msg("case %zu: '%s' lacks file or '%s'", i,
				err.message, cases[i].needle);
	}
	/* A line that is not INI at all. */
	write_config("this is not ini\n");
	assert_fails(ERR_CONFIG, "alicfg/config", PARSE("aggregators"));
}

static void
test_config_does_not_hide_usage_errors(void **state)
{
	(void)state;
	write_config("concurrency = 4\n");
	assert_fails(ERR_USAGE, "--concurrency", PARSE("--concurrency", "100", "aggregators"));
}

/* [quota]: "Action = calls/seconds" overrides a published quota or adds
 * one; bad values name the file, the line and the expected form. */
static void
test_config_quota_section(void **state)
{
	(void)state;
	write_config("concurrency = 3\n[quota]\nGetAggregator = 50/1\n"
		"ListAccounts = off\nListResources = 10/60\n");
	assert_int_equal(PARSE("aggregators"), 0);
	assert_int_equal(opts.concurrency, 3);
	const struct quota_limit *l = quota_table_find(&opts.quotas,
		"GetAggregator");
	assert_non_null(l);
	assert_int_equal(l->calls, 50);
	assert_int_equal(l->seconds, 1);
	assert_int_equal(quota_table_find(&opts.quotas, "ListAccounts")->calls, 0);
	assert_int_equal(quota_table_find(&opts.quotas, "ListResources")->calls, 10);
	/* Untouched actions keep their published quota. */
	assert_int_equal(quota_table_find(&opts.quotas, "ListAggregators")->calls,
		120);
	write_config("[quota]\n\nGetAggregator = fast\n");
	assert_fails(ERR_CONFIG, ":3: [quota] GetAggregator: 'fast' is not valid",
		PARSE("aggregators"));
	write_config("[quota]\nGet-Aggregator = 1/1\n");
	assert_fails(ERR_CONFIG, ":2: [quota]", PARSE("aggregators"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commands, setup, teardown),
		cmocka_unit_test_setup_teardown(test_global_flags_both_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flags_before_and_after_command, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verbose_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signature_and_output_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_and_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_text_mentions_everything, setup, teardown),
		cmocka_unit_test_setup_teardown(test_usage_errors_name_the_flag, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrency_and_refresh_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accounts_arguments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repeated_accounts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_single_value_flags_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_did_you_mean, setup, teardown),
		cmocka_unit_test_setup_teardown(test_account_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_every_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_section_alicfg, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_quota_section, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flags_override_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_environment_over_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_flag_and_home_fallback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_bad_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_does_not_hide_usage_errors, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
