/* options: the command line and the alicfg config file, merged.
 *
 * The config file is read first (its path may come from --config, so argv is
 * scanned for that one flag beforehand); every flag then overrides it. */
#include "config.h"

#include "options.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "endpoint.h"
#include "env.h"
#include "ini.h"
#include "model.h"
#include "suggest.h"

#define OPTIONS_DEFAULT_CONCURRENCY 8
#define OPTIONS_DEFAULT_REFRESH 60
#define OPTIONS_MIN_REFRESH 10
#define OPTIONS_MAX_CONCURRENCY 64
#define OPTIONS_MAX_ACCOUNT_DIGITS 20
#define OPTIONS_MAX_ATTEMPTS 20
#define OPTIONS_MAX_RETRY_BUDGET 600
#define OPTIONS_DEFAULT_TIMEOUT 120
#define OPTIONS_MAX_TIMEOUT 86400
#define OPTIONS_DEFAULT_KEEP_SNAPSHOTS 50
#define OPTIONS_MAX_KEEP_SNAPSHOTS 10000

void
options_defaults(struct options *o)
{
	memset(o, 0, sizeof(*o));
	o->command = CMD_TUI;
	o->signature = SIGN_V3;
	o->output = OUTPUT_TABLE;
	o->concurrency = OPTIONS_DEFAULT_CONCURRENCY;
	o->retry_budget_seconds = -1;
	o->timeout_seconds = OPTIONS_DEFAULT_TIMEOUT;
	o->refresh_seconds = OPTIONS_DEFAULT_REFRESH;
	o->keep_snapshots = OPTIONS_DEFAULT_KEEP_SNAPSHOTS;
	o->notify = true;
	quota_table_defaults(&o->quotas);
}

void
options_free(struct options *o)
{
	free(o->profile);
	free(o->region);
	free(o->endpoint);
	free(o->sts_endpoint);
	free(o->rd_endpoint);
	free(o->ca_bundle);
	free(o->role_name);
	free(o->config_file);
	free(o->aggregator_id);
	free(o->status_filter);
	free(o->account);
	free(o->since);
	free(o->allow_file);
	free(o->completion);
	account_list_free(&o->accounts);
	options_defaults(o);
}

static void
options_set_str(char **slot, const char *value)
{
	free(*slot);
	*slot = xstrdup(value);
}

/* Parse a decimal int in [min, max]; -1 on anything else. */
static int
options_parse_int(const char *s, int min, int max, int *out)
{
	char *end;
	long v;
	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* yes/no/true/false/on/off/1/0 */
static int
options_parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (!strcasecmp(s, yes[i])) {
			*out = true;
			return 0;
		}
		if (!strcasecmp(s, no[i])) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

static int
options_parse_signature(const char *s, enum sign_version *out)
{
	if (!strcasecmp(s, "v3") || !strcmp(s, "3"))
		*out = SIGN_V3;
	else if (!strcasecmp(s, "v2") || !strcmp(s, "2"))
		*out = SIGN_V2;
	else
		return -1;
	return 0;
}

static int
options_parse_output(const char *s, enum output_format *out)
{
	if (!strcasecmp(s, "table"))
		*out = OUTPUT_TABLE;
	else if (!strcasecmp(s, "json"))
		*out = OUTPUT_JSON;
	else if (!strcasecmp(s, "csv"))
		*out = OUTPUT_CSV;
	else
		return -1;
	return 0;
}

/* A role name as RAM allows it: letters, digits, '-', '.', '_', 1-64. */
static bool
options_valid_role_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_'))
			return false;
	}
	return true;
}

/* A region id: lower-case letters, digits and '-'; which regions serve
 * Config is endpoint.c's business. */
static bool
options_valid_region(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return false;
	}
	return true;
}

int
options_parse_account(const char *s, int64_t *out, struct err *e)
{
	return account_list_parse_id(s, "--account", out, e);
}

/* Normalise "registrable, building" to "REGISTRABLE,BUILDING"; every name
 * must be a recorder status. */
static int
options_normalise_status(const char *s, char **out, struct err *e)
{
	const char *const *names = model_recorder_status_names();
	struct buf b = BUF_INIT;
	const char *p = s;
	int count = 0;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		while (len && (*p == ' ' || *p == '\t')) {
			p++;
			len--;
		}
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		const char *match = NULL;
		for (size_t i = 0; names[i]; i++)
			if (len == strlen(names[i]) && !strncasecmp(p, names[i], len))
				match = names[i];
		if (!match) {
			char word[65];
			snprintf(word, sizeof(word), "%.*s",
				(int)(len > 64 ? 64 : len), p);
			const char *near = suggest_closest(word, names);
			buf_free(&b);
			if (near)
				return err_set(e, ERR_USAGE,
					"--status: '%s' is not a recorder status; did you mean %s?",
					word, near);
			return err_set(e, ERR_USAGE,
				"--status: '%s' is not a recorder status (use REGISTRABLE, BUILDING, REGISTERED or REBUILDING, comma-separated)",
				word);
		}
		if (count++)
			buf_putc(&b, ',');
		buf_puts(&b, match);
		if (!comma)
			break;
		p = comma + 1;
	}
	*out = buf_steal(&b);
	return 0;
}

bool
options_status_selected(const char *filter, const char *status)
{
	if (!filter || !*filter)
		return true;
	if (!status)
		return false;
	size_t n = strlen(status);
	const char *p = filter;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && !strncmp(p, status, n))
			return true;
		if (!comma)
			return false;
		p = comma + 1;
	}
}

/* --- the config file --- */

static const struct options_config_def options_config_keys[] = {
	{"", "profile", "a profile name of the credential files",
		"ALIBABA_CLOUD_PROFILE, else the files' current profile"},
	{"", "region", "cn-shanghai or ap-southeast-1", "cn-shanghai"},
	{"", "refresh", "seconds between TUI auto refreshes, at least 10", "60"},
	{"", "concurrency", "requests in flight at once, 1 to 64", "8"},
	{"", "role_name", "the RAM role assumed in member accounts",
		"ResourceDirectoryAccountAccessRole"},
	{"", "color", "yes or no (also colour)", "yes"},
	{"", "colour", "the same as color", "yes"},
	{"", "readonly", "yes or no (also read_only)", "no"},
	{"", "read_only", "the same as readonly", "no"},
	{"", "signature", "v3 or v2", "v3"},
	{"", "max_attempts", "tries per request on a 5xx or network failure, "
		"1 to 20", "5"},
	{"", "retry_budget", "seconds all retry waits of one request may add "
		"up to, 0 to 600", "30"},
	{"", "keep_snapshots", "how many snapshots to keep, 1 to 10000", "50"},
	{"", "notify", "yes or no: the TUI rings the bell and sends an OSC 9 "
		"desktop notification when a followed account reaches "
		"REGISTERED or a REGISTERED one falls back", "yes"},
	{"", "timeout", "seconds a batch command may take in all, 1 to 86400",
		"120"},
};

#define OPTIONS_NCONFIG (sizeof(options_config_keys) / sizeof(options_config_keys[0]))

const struct options_config_def *
options_config_table(size_t *n)
{
	*n = OPTIONS_NCONFIG;
	return options_config_keys;
}

static bool
options_config_known(const char *section, const char *key)
{
	for (size_t i = 0; i < OPTIONS_NCONFIG; i++)
		if (!strcasecmp(options_config_keys[i].section, section) &&
		    !strcasecmp(options_config_keys[i].key, key))
			return true;
	return false;
}

static const char *const options_output_names[] = {"table", "json", "csv", NULL};
static const char *const options_signature_names[] = {"v3", "v2", NULL};
static const char *const options_shell_names[] = {"bash", "zsh", "fish", NULL};
static const char *const options_region_names[] = {
	ENDPOINT_DEFAULT_REGION, "ap-southeast-1", NULL,
};

const char *const *
options_values(enum options_value_kind k)
{
	switch (k) {
	case OPTV_REGION: return options_region_names;
	case OPTV_OUTPUT: return options_output_names;
	case OPTV_STATUS: return model_recorder_status_names();
	case OPTV_SIGNATURE: return options_signature_names;
	case OPTV_SHELL: return options_shell_names;
	case OPTV_NONE:
	case OPTV_FILE:
	case OPTV_PROFILE:
		break;
	}
	return NULL;
}

struct options_config_ctx {
	struct options *o;
	const char *path;
	struct err *e;
	int failed;
};

static int
options_config_bad(struct options_config_ctx *c, int line, const char *key,
	const char *value, const char *expected)
{
	err_set(c->e, ERR_CONFIG, "%s:%d: %s: '%s' is not valid (expected %s)",
		c->path, line, key, value, expected);
	c->failed = 1;
	return 1;
}

static int
options_config_key(void *ctx, const char *section, const char *key,
	const char *value, int line)
{
	struct options_config_ctx *c = ctx;
	struct options *o = c->o;
	if (!strcasecmp(section, "quota")) {
		/* "Action = calls/seconds": the service's quota (docs/quotas.md). */
		struct err qe;
		err_clear(&qe);
		if (quota_table_set(&o->quotas, key, value, &qe) < 0) {
			err_set(c->e, ERR_CONFIG, "%s:%d: [quota] %s", c->path,
				line, qe.message);
			c->failed = 1;
			return 1;
		}
		return 0;
	}
	/* Other sections are left for later features (and the TUI). */
	if (section[0] && strcasecmp(section, "alicfg") != 0)
		return 0;
	if (!options_config_known("", key)) {
		struct buf known = BUF_INIT;
		for (size_t i = 0; i < OPTIONS_NCONFIG; i++)
			if (!options_config_keys[i].section[0])
				buf_printf(&known, "%s%s", known.len ? ", " : "",
					options_config_keys[i].key);
		err_set(c->e, ERR_CONFIG, "%s:%d: unknown key '%s' (known: %s; "
			"see alicfg-config(5))", c->path, line, key,
			buf_str(&known));
		buf_free(&known);
		c->failed = 1;
		return 1;
	}
	if (!strcasecmp(key, "profile")) {
		if (!*value)
			return options_config_bad(c, line, key, value, "a profile name");
		options_set_str(&o->profile, value);
		o->profile_from_config = true;
	} else if (!strcasecmp(key, "region")) {
		if (!options_valid_region(value))
			return options_config_bad(c, line, key, value,
				"a region id such as cn-shanghai or ap-southeast-1");
		options_set_str(&o->region, value);
		o->region_from_config = true;
	} else if (!strcasecmp(key, "refresh")) {
		if (options_parse_int(value, OPTIONS_MIN_REFRESH, 86400,
		    &o->refresh_seconds) < 0)
			return options_config_bad(c, line, key, value,
				"seconds, at least 10");
	} else if (!strcasecmp(key, "concurrency")) {
		if (options_parse_int(value, 1, OPTIONS_MAX_CONCURRENCY,
		    &o->concurrency) < 0)
			return options_config_bad(c, line, key, value,
				"a number from 1 to 64");
	} else if (!strcasecmp(key, "role_name")) {
		if (!options_valid_role_name(value))
			return options_config_bad(c, line, key, value,
				"a RAM role name: letters, digits, '-', '.', '_'");
		options_set_str(&o->role_name, value);
	} else if (!strcasecmp(key, "color") || !strcasecmp(key, "colour")) {
		bool on;
		if (options_parse_bool(value, &on) < 0)
			return options_config_bad(c, line, key, value, "yes or no");
		o->no_color = !on;
	} else if (!strcasecmp(key, "readonly") || !strcasecmp(key, "read_only")) {
		bool on;
		if (options_parse_bool(value, &on) < 0)
			return options_config_bad(c, line, key, value, "yes or no");
		o->readonly = on;
	} else if (!strcasecmp(key, "max_attempts")) {
		if (options_parse_int(value, 1, OPTIONS_MAX_ATTEMPTS,
		    &o->max_attempts) < 0)
			return options_config_bad(c, line, key, value,
				"a number from 1 to 20");
	} else if (!strcasecmp(key, "retry_budget")) {
		if (options_parse_int(value, 0, OPTIONS_MAX_RETRY_BUDGET,
		    &o->retry_budget_seconds) < 0)
			return options_config_bad(c, line, key, value,
				"a number of seconds from 0 to 600");
	} else if (!strcasecmp(key, "notify")) {
		if (options_parse_bool(value, &o->notify) < 0)
			return options_config_bad(c, line, key, value, "yes or no");
	} else if (!strcasecmp(key, "timeout")) {
		if (options_parse_int(value, 1, OPTIONS_MAX_TIMEOUT,
		    &o->timeout_seconds) < 0)
			return options_config_bad(c, line, key, value,
				"a number of seconds from 1 to 86400");
	} else if (!strcasecmp(key, "keep_snapshots")) {
		if (options_parse_int(value, 1, OPTIONS_MAX_KEEP_SNAPSHOTS,
		    &o->keep_snapshots) < 0)
			return options_config_bad(c, line, key, value,
				"a number of snapshots from 1 to 10000");
	} else if (!strcasecmp(key, "signature")) {
		if (options_parse_signature(value, &o->signature) < 0)
			return options_config_bad(c, line, key, value, "v3 or v2");
	} else {
		/* In the table but not handled above: a bug, said plainly. */
		err_set(c->e, ERR_CONFIG, "%s:%d: key '%s' has no handler",
			c->path, line, key);
		c->failed = 1;
		return 1;
	}
	return 0;
}

/* $XDG_CONFIG_HOME/alicfg/config, else ~/.config/alicfg/config. */
static char *
options_default_config_path(void)
{
	struct buf b = BUF_INIT;
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		buf_printf(&b, "%s/alicfg/config", xdg);
	else if (home && *home)
		buf_printf(&b, "%s/.config/alicfg/config", home);
	else
		return NULL;
	return buf_steal(&b);
}

int
options_load_config(struct options *o, const char *path, struct err *e)
{
	char *owned = NULL;
	bool explicit_path = path != NULL;
	if (!path) {
		owned = options_default_config_path();
		if (!owned)
			return 0;
		path = owned;
	}
	struct options_config_ctx c = {o, path, e, 0};
	struct err fe;
	err_clear(&fe);
	errno = 0;
	if (ini_parse_file(path, options_config_key, &c, &fe) < 0 && !c.failed) {
		if (errno == ENOENT && !explicit_path) {
			free(owned);
			return 0;   /* no default file: built-in defaults */
		}
		*e = fe;
		e->kind = ERR_CONFIG;
		if (!strstr(e->message, path))
			err_prefix(e, "%s", path);
		free(owned);
		return -1;
	}
	if (c.failed) {
		free(owned);
		return -1;
	}
	options_set_str(&o->config_file, path);
	free(owned);
	return 0;
}

/* --- the command line --- */

enum options_flag {
	FLAG_PROFILE, FLAG_REGION, FLAG_ENDPOINT, FLAG_STS_ENDPOINT,
	FLAG_RD_ENDPOINT,
	FLAG_SIGNATURE, FLAG_CA_BUNDLE, FLAG_ROLE_NAME, FLAG_READONLY,
	FLAG_OUTPUT, FLAG_VERBOSE, FLAG_NO_COLOR, FLAG_CONCURRENCY,
	FLAG_REFRESH, FLAG_CONFIG, FLAG_VERSION, FLAG_HELP, FLAG_MAX_ATTEMPTS,
	FLAG_RETRY_BUDGET, FLAG_COMPLETION, FLAG_TIMEOUT,
	FLAG_ALL, FLAG_STATUS, FLAG_ACCOUNT, FLAG_YES, FLAG_SINCE, FLAG_ALLOW,
	FLAG_NO_GROUP, FLAG_READ_STATUS, FLAG_DRY_RUN,
	FLAG_ACCOUNTS_FROM,
	FLAG_COUNT
};

static const struct options_flag_def options_flags[] = {
	{"profile", 0, true, FLAG_PROFILE, "NAME",
		"credentials profile (~/.aliyun/config.json or ~/.alibabacloud/credentials)",
		NULL, OPTV_PROFILE},
	{"region", 0, true, FLAG_REGION, "REGION",
		"cn-shanghai (China site, default) or ap-southeast-1 (international site)",
		NULL, OPTV_REGION},
	{"endpoint", 0, true, FLAG_ENDPOINT, "URL",
		"Config endpoint (default: the region's; http:// only for loopback; "
		"also ALIBABA_CLOUD_ENDPOINT)", NULL, OPTV_NONE},
	{"sts-endpoint", 0, true, FLAG_STS_ENDPOINT, "URL",
		"STS endpoint (default sts.aliyuncs.com; also ALIBABA_CLOUD_STS_ENDPOINT)",
		NULL, OPTV_NONE},
	{"rd-endpoint", 0, true, FLAG_RD_ENDPOINT, "URL",
		"Resource Directory endpoint (default: the region's, "
		"resourcedirectory[-intl].aliyuncs.com)", NULL, OPTV_NONE},
	{"signature", 0, true, FLAG_SIGNATURE, "v3|v2",
		"signature method (default v3)", NULL, OPTV_SIGNATURE},
	{"ca-bundle", 0, true, FLAG_CA_BUNDLE, "FILE",
		"also trust the CA certificates in FILE", NULL, OPTV_FILE},
	{"role-name", 0, true, FLAG_ROLE_NAME, "NAME",
		"role assumed in member accounts (default ResourceDirectoryAccountAccessRole)",
		NULL, OPTV_NONE},
	{"readonly", 0, false, FLAG_READONLY, NULL,
		"refuse every write (enable, stop)", NULL, OPTV_NONE},
	{"output", 'o', true, FLAG_OUTPUT, "FORMAT",
		"table (default), json or csv", NULL, OPTV_OUTPUT},
	{"verbose", 'v', false, FLAG_VERBOSE, NULL,
		"the library versions, then one line per API request on stderr "
		"(never a secret)", NULL, OPTV_NONE},
	{"no-color", 0, false, FLAG_NO_COLOR, NULL,
		"no colours (also NO_COLOR=1)", NULL, OPTV_NONE},
	{"concurrency", 0, true, FLAG_CONCURRENCY, "N",
		"requests in flight at once, 1-64 (default 8)", NULL, OPTV_NONE},
	{"refresh", 0, true, FLAG_REFRESH, "SECONDS",
		"TUI auto-refresh interval, at least 10 (default 60)", NULL, OPTV_NONE},
	{"max-attempts", 0, true, FLAG_MAX_ATTEMPTS, "N",
		"tries per request on a 5xx or network failure, 1-20 (default 5)",
		NULL, OPTV_NONE},
	{"retry-budget", 0, true, FLAG_RETRY_BUDGET, "SECONDS",
		"total wait between the tries of one request, 0-600 (default 30); "
		"throttling answers are retried until it is spent", NULL, OPTV_NONE},
	{"timeout", 0, true, FLAG_TIMEOUT, "SECONDS",
		"a batch command stops with exit 1 after this long in all, "
		"1-86400 (default 120)", NULL, OPTV_NONE},
	{"config", 0, true, FLAG_CONFIG, "FILE",
		"alicfg config file (default $XDG_CONFIG_HOME/alicfg/config; "
		"see alicfg-config(5))", NULL, OPTV_FILE},
	{"completion", 0, true, FLAG_COMPLETION, "SHELL",
		"print the bash, zsh or fish completion script and exit", NULL,
		OPTV_SHELL},
	{"version", 0, false, FLAG_VERSION, NULL,
		"print the version and those of the libraries in use, and exit",
		NULL, OPTV_NONE},
	{"help", 'h', false, FLAG_HELP, NULL, "print this help and exit", NULL,
		OPTV_NONE},
	{"all", 0, false, FLAG_ALL, NULL, "members of every group", "accounts",
		OPTV_NONE},
	{"status", 0, true, FLAG_STATUS, "S1,S2",
		"only these statuses: REGISTRABLE, BUILDING, REGISTERED, REBUILDING",
		"accounts directory", OPTV_STATUS},
	{"account", 0, true, FLAG_ACCOUNT, "UID",
		"act on member account UID instead of your own; repeat it for "
		"several", "recorder enable stop", OPTV_NONE},
	{"accounts-from", 0, true, FLAG_ACCOUNTS_FROM, "FILE",
		"act on the account ids in FILE (- for stdin), one per line, "
		"# starts a comment", "recorder enable stop", OPTV_FILE},
	{"yes", 'y', false, FLAG_YES, NULL,
		"do not ask for confirmation (needed without a terminal)",
		"enable stop", OPTV_NONE},
	{"since", 0, true, FLAG_SINCE, "SNAPSHOT|DURATION",
		"the snapshot to compare with: a saved one, or the newest at least "
		"DURATION (2h, 7d) old", "diff", OPTV_NONE},
	{"allow", 0, true, FLAG_ALLOW, "FILE",
		"known exceptions, one account id per line (# comments)", "check",
		OPTV_FILE},
	{"no-group", 0, false, FLAG_NO_GROUP, NULL,
		"only the members in no account group", "directory", OPTV_NONE},
	{"read-status", 0, false, FLAG_READ_STATUS, NULL,
		"read the recorder of the members in no group, as each account "
		"(AssumeRole, then GetConfigurationRecorder)",
		"directory coverage", OPTV_NONE},
	{"dry-run", 0, false, FLAG_DRY_RUN, NULL,
		"check that alicfg can act in the account (AssumeRole, read the "
		"recorder); writes nothing", "enable", OPTV_NONE},
};

#define OPTIONS_NFLAGS (sizeof(options_flags) / sizeof(options_flags[0]))

static const struct options_flag_def *
options_find_long(const char *name, size_t len)
{
	for (size_t i = 0; i < OPTIONS_NFLAGS; i++)
		if (strlen(options_flags[i].name) == len &&
		    !strncmp(options_flags[i].name, name, len))
			return &options_flags[i];
	return NULL;
}

static const struct options_flag_def *
options_find_short(char c)
{
	for (size_t i = 0; i < OPTIONS_NFLAGS; i++)
		if (options_flags[i].short_name == c)
			return &options_flags[i];
	return NULL;
}

/* Flags that may be given more than once, each adding to a list. Every
 * other flag that takes a value may be given once: a second one is a
 * usage error rather than a silent "last one wins". */
static bool
options_flag_repeats(enum options_flag id)
{
	return id == FLAG_ACCOUNT || id == FLAG_ACCOUNTS_FROM;
}

#define OPTIONS_MAX_LISTED 256

/* What the command line said, before it is merged over the config file. */
struct options_cli {
	const char *value[FLAG_COUNT];
	bool seen[FLAG_COUNT];
	/* Repeatable flags, in order: "a" --account, "f" --accounts-from. */
	const char *listed[OPTIONS_MAX_LISTED];
	char listed_kind[OPTIONS_MAX_LISTED];
	int nlisted;
	int verbose;
	const char *command;
	const char *positional[4];
	int npositional;
};

static int
options_flag_name(const struct options_flag_def *d, char *out, size_t outsz)
{
	return snprintf(out, outsz, "--%s", d->name);
}

/* Record a flag's value: repeatable ones append, others must be new. */
static int
options_store_value(struct options_cli *cli, const struct options_flag_def *d,
	const char *value, struct err *e)
{
	if (options_flag_repeats(d->id)) {
		if (cli->nlisted >= OPTIONS_MAX_LISTED)
			return err_set(e, ERR_USAGE, "--%s: given more than %d "
				"times (put the ids in a file and use "
				"--accounts-from FILE)", d->name,
				OPTIONS_MAX_LISTED);
		cli->listed_kind[cli->nlisted] =
			d->id == FLAG_ACCOUNT ? 'a' : 'f';
		cli->listed[cli->nlisted++] = value;
	} else if (cli->value[d->id]) {
		return err_set(e, ERR_USAGE, "--%s given twice ('%.64s' and "
			"'%.64s'): give it once", d->name, cli->value[d->id],
			value);
	}
	cli->seen[d->id] = true;
	cli->value[d->id] = value;
	return 0;
}

/* "unknown option '--outptu'; did you mean --output?" */
static int
options_unknown_flag(const char *arg, size_t len, struct err *e)
{
	const char *names[OPTIONS_NFLAGS + 1];
	char word[80];
	for (size_t i = 0; i < OPTIONS_NFLAGS; i++)
		names[i] = options_flags[i].name;
	names[OPTIONS_NFLAGS] = NULL;
	snprintf(word, sizeof(word), "%.*s", (int)(len > 64 ? 64 : len),
		arg + 2);
	const char *near = suggest_closest(word, names);
	if (near)
		return err_set(e, ERR_USAGE,
			"unknown option '--%s'; did you mean --%s?", word, near);
	return err_set(e, ERR_USAGE, "unknown option '--%s' (see alicfg --help)",
		word);
}

/* Splits argv into flags and positional words. Flags may come before or
 * after the command; "--" ends the flags. */
static int
options_scan(int argc, char **argv, struct options_cli *cli, struct err *e)
{
	bool flags_done = false;
	memset(cli, 0, sizeof(*cli));
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const struct options_flag_def *d = NULL;
		const char *value = NULL;
		char shown[64];
		if (!flags_done && !strcmp(arg, "--")) {
			flags_done = true;
			continue;
		}
		if (!flags_done && arg[0] == '-' && arg[1] == '-') {
			const char *name = arg + 2;
			const char *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			d = options_find_long(name, len);
			if (!d)
				return options_unknown_flag(arg, len, e);
			options_flag_name(d, shown, sizeof(shown));
			if (eq && !d->takes_value)
				return err_set(e, ERR_USAGE, "%s takes no value", shown);
			if (eq)
				value = eq + 1;
		} else if (!flags_done && arg[0] == '-' && arg[1] != '\0') {
			/* Short flags, bundled or not: -vv, -y, -o json, -ojson. */
			for (const char *p = arg + 1; *p; p++) {
				d = options_find_short(*p);
				if (!d)
					return err_set(e, ERR_USAGE, "unknown option '-%c'", *p);
				if (!d->takes_value) {
					if (d->id == FLAG_VERBOSE)
						cli->verbose++;
					else
						cli->seen[d->id] = true;
					continue;
				}
				if (p[1])
					value = p + 1;
				else if (i + 1 < argc)
					value = argv[++i];
				else
					return err_set(e, ERR_USAGE, "-%c needs a value", *p);
				if (!*value)
					return err_set(e, ERR_USAGE, "-%c needs a non-empty value", *p);
				if (options_store_value(cli, d, value, e) < 0)
					return -1;
				break;
			}
			continue;
		} else {
			if (!cli->command) {
				cli->command = arg;
			} else {
				if (cli->npositional >= 4)
					return err_set(e, ERR_USAGE, "too many arguments ('%.64s')", arg);
				cli->positional[cli->npositional++] = arg;
			}
			continue;
		}
		if (d->takes_value && !value) {
			if (i + 1 >= argc)
				return err_set(e, ERR_USAGE, "%s needs a value", shown);
			value = argv[++i];
		}
		if (d->id == FLAG_VERBOSE) {
			cli->verbose++;
			continue;
		}
		if (d->takes_value) {
			if (!*value)
				return err_set(e, ERR_USAGE, "%s needs a non-empty value", shown);
			if (options_store_value(cli, d, value, e) < 0)
				return -1;
		} else {
			cli->seen[d->id] = true;
		}
	}
	return 0;
}

static const struct options_command_def options_commands[] = {
	{"aggregators", CMD_AGGREGATORS, "",
		"list every account group"},
	{"accounts", CMD_ACCOUNTS, "AGGREGATOR_ID | NAME | --all",
		"members of one group, by id or by its name when no other group "
		"has it (or of every group, fetched concurrently; an "
		"account in several groups appears once per group) and their "
		"recorder status"},
	{"recorder", CMD_RECORDER, "[--account UID]...",
		"recorder status and resource types of your own account or of "
		"member UID"},
	{"enable", CMD_ENABLE, "[--account UID]... [--yes | --dry-run]",
		"start the configuration recorder (asks on a terminal; refused "
		"without one unless --yes)"},
	{"stop", CMD_STOP, "--account UID... [--yes]",
		"stop member UID's recorder (Cloud Config deletes its recorded "
		"data); asks like enable"},
	{"diff", CMD_DIFF, "[--since SNAPSHOT|DURATION]",
		"what changed (status, groups) between a saved snapshot (default "
		"the newest; DURATION like 2h, 7d: the newest at least that old) "
		"and now"},
	{"directory", CMD_DIRECTORY, "[--no-group] [--status S1,S2] [--read-status]",
		"every Resource Directory member: folder path, how many groups hold "
		"it, recorder status (unknown unless in a group or --read-status) "
		"and ACCESS"},
	{"coverage", CMD_COVERAGE, "[--read-status]",
		"one summary per group and overall: in the directory, in a group, "
		"REGISTERED, not recording, not reachable (exit 0)"},
	{"check", CMD_CHECK, "[--allow FILE]",
		"offenders: accounts not REGISTERED, in no group (when the "
		"directory can be listed) or not reachable; exit 5 when any is "
		"not in FILE"},
	{"help", CMD_HELP, "", "print this help"},
	{"version", CMD_VERSION, "", "print the versions"},
};

#define OPTIONS_NCOMMANDS (sizeof(options_commands) / sizeof(options_commands[0]))

static bool options_word_in(const char *list, const char *name);

const struct options_flag_def *
options_flag_table(size_t *n)
{
	*n = OPTIONS_NFLAGS;
	return options_flags;
}

const struct options_command_def *
options_command_table(size_t *n)
{
	*n = OPTIONS_NCOMMANDS;
	return options_commands;
}

bool
options_flag_in_use(const struct options_flag_def *d)
{
	if (!d->commands)
		return true;
	for (size_t i = 0; i < OPTIONS_NCOMMANDS; i++)
		if (options_word_in(d->commands, options_commands[i].name))
			return true;
	return false;
}

static int
options_pick_command(struct options *o, const struct options_cli *cli,
	struct err *e)
{
	if (!cli->command) {
		o->command = CMD_TUI;
		return 0;
	}
	const char *words[OPTIONS_NCOMMANDS + 1];
	for (size_t i = 0; i < OPTIONS_NCOMMANDS; i++) {
		if (!strcmp(cli->command, options_commands[i].name)) {
			o->command = options_commands[i].cmd;
			return 0;
		}
		words[i] = options_commands[i].name;
	}
	words[OPTIONS_NCOMMANDS] = NULL;
	const char *near = suggest_closest(cli->command, words);
	if (near)
		return err_set(e, ERR_USAGE,
			"unknown command '%.64s'; did you mean '%s'?",
			cli->command, near);
	struct buf names = BUF_INIT;
	for (size_t i = 0; i < OPTIONS_NCOMMANDS; i++)
		if (options_commands[i].cmd != CMD_HELP &&
		    options_commands[i].cmd != CMD_VERSION)
			buf_printf(&names, "%s%s", names.len ? ", " : "",
				options_commands[i].name);
	err_set(e, ERR_USAGE, "unknown command '%.64s' (commands: %s)",
		cli->command, buf_str(&names));
	buf_free(&names);
	return -1;
}

static const char *
options_command_name(enum batch_command c)
{
	for (size_t i = 0; i < OPTIONS_NCOMMANDS; i++)
		if (options_commands[i].cmd == c)
			return options_commands[i].name;
	return "the TUI";
}

/* Is the word `name` in the space-separated list? */
static bool
options_word_in(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; *p;) {
		size_t len = strcspn(p, " ");
		if (len == n && !strncmp(p, name, n))
			return true;
		p += len;
		while (*p == ' ')
			p++;
	}
	return false;
}

/* A command flag given to another command: "--yes is only valid with
 * 'enable', not recorder". */
static int
options_check_flag_commands(const struct options *o,
	const struct options_cli *cli, struct err *e)
{
	const char *cmd = options_command_name(o->command);
	for (size_t i = 0; i < OPTIONS_NFLAGS; i++) {
		const struct options_flag_def *d = &options_flags[i];
		if (!d->commands || !cli->seen[d->id] ||
		    (o->command != CMD_TUI && options_word_in(d->commands, cmd)))
			continue;
		struct buf list = BUF_INIT;
		for (const char *p = d->commands; *p;) {
			size_t len = strcspn(p, " ");
			const char *rest = p + len;
			while (*rest == ' ')
				rest++;
			buf_printf(&list, "%s'%.*s'", list.len == 0 ? "" :
				*rest ? ", " : " or ", (int)len, p);
			p = rest;
		}
		err_set(e, ERR_USAGE, "--%s is only valid with %s, not %s",
			d->name, buf_str(&list), cmd);
		buf_free(&list);
		return -1;
	}
	return 0;
}

/* --account (repeatable) and --accounts-from FILE, in command-line order. */
static int
options_collect_accounts(struct options *o, const struct options_cli *cli,
	struct err *e)
{
	int nflags = 0;
	bool from_file = false;
	for (int i = 0; i < cli->nlisted; i++) {
		if (cli->listed_kind[i] == 'a') {
			nflags++;
			if (account_list_add_text(&o->accounts, cli->listed[i],
			    "--account", e) < 0)
				return -1;
			if (!o->account)
				options_set_str(&o->account, cli->listed[i]);
			continue;
		}
		from_file = true;
		if (account_list_add_file(&o->accounts, cli->listed[i], e) < 0)
			return -1;
	}
	if (from_file && o->accounts.count == 0)
		return err_set(e, ERR_USAGE, "--accounts-from: no account ids "
			"found (one id per line; '#' starts a comment)");
	o->accounts_listed = from_file || nflags > 1;
	return 0;
}

/* Command arguments: which flags belong to which command. */
static int
options_check_command_args(struct options *o, const struct options_cli *cli,
	struct err *e)
{
	const char *cmd = options_command_name(o->command);
	if (options_check_flag_commands(o, cli, e) < 0)
		return -1;
	o->no_group = cli->seen[FLAG_NO_GROUP];
	o->read_status = cli->seen[FLAG_READ_STATUS];
	o->dry_run = cli->seen[FLAG_DRY_RUN];
	if (o->command == CMD_DIRECTORY && cli->value[FLAG_STATUS] &&
	    options_normalise_status(cli->value[FLAG_STATUS],
	    &o->status_filter, e) < 0)
		return -1;
	if (o->command == CMD_STOP && !cli->seen[FLAG_ACCOUNT] &&
	    !cli->seen[FLAG_ACCOUNTS_FROM])
		return err_set(e, ERR_USAGE,
			"stop: missing --account UID (the account whose recorder to stop)");
	if (cli->value[FLAG_SINCE])
		options_set_str(&o->since, cli->value[FLAG_SINCE]);
	if (cli->value[FLAG_ALLOW])
		options_set_str(&o->allow_file, cli->value[FLAG_ALLOW]);

	if (o->command == CMD_ACCOUNTS) {
		if (cli->npositional > 1)
			return err_set(e, ERR_USAGE,
				"accounts: unexpected argument '%.64s' (give one AGGREGATOR_ID or --all)",
				cli->positional[1]);
		if (cli->npositional == 1 && cli->seen[FLAG_ALL])
			return err_set(e, ERR_USAGE,
				"accounts: give either AGGREGATOR_ID or --all, not both");
		if (cli->npositional == 0 && !cli->seen[FLAG_ALL])
			return err_set(e, ERR_USAGE,
				"accounts: missing AGGREGATOR_ID (or --all for every group)");
		if (cli->npositional == 1) {
			/* An id (ca-...) or a group's name, which batch.c
			 * resolves: any printable text. */
			const char *id = cli->positional[0];
			size_t n = strlen(id);
			if (n == 0 || n > 256)
				return err_set(e, ERR_USAGE,
					"accounts: '%.64s' is not an aggregator id or group name", id);
			for (size_t i = 0; i < n; i++) {
				unsigned char c = (unsigned char)id[i];
				if (c < ' ' || c == 0x7f)
					return err_set(e, ERR_USAGE,
						"accounts: the group id or name holds a control character");
			}
			options_set_str(&o->aggregator_id, id);
		}
		o->all = cli->seen[FLAG_ALL];
		if (cli->value[FLAG_STATUS] &&
		    options_normalise_status(cli->value[FLAG_STATUS],
		    &o->status_filter, e) < 0)
			return -1;
	} else if (cli->npositional > 0) {
		return err_set(e, ERR_USAGE, "%s: unexpected argument '%.64s'",
			cmd, cli->positional[0]);
	}
	if (options_collect_accounts(o, cli, e) < 0)
		return -1;
	o->yes = cli->seen[FLAG_YES];
	return 0;
}

/* Global flags over the config file's values. */
static int
options_apply_globals(struct options *o, const struct options_cli *cli,
	struct err *e)
{
	const char *v;
	if ((v = cli->value[FLAG_PROFILE])) {
		options_set_str(&o->profile, v);
		o->profile_from_config = false;
	}
	if ((v = cli->value[FLAG_REGION])) {
		if (!options_valid_region(v))
			return err_set(e, ERR_USAGE,
				"--region: '%.64s' is not a region id (use cn-shanghai or ap-southeast-1)", v);
		options_set_str(&o->region, v);
		o->region_from_config = false;
	}
	if ((v = cli->value[FLAG_ENDPOINT]))
		options_set_str(&o->endpoint, v);
	if ((v = cli->value[FLAG_STS_ENDPOINT]))
		options_set_str(&o->sts_endpoint, v);
	if ((v = cli->value[FLAG_RD_ENDPOINT]))
		options_set_str(&o->rd_endpoint, v);
	if ((v = cli->value[FLAG_SIGNATURE]) &&
	    options_parse_signature(v, &o->signature) < 0)
		return err_set(e, ERR_USAGE, "--signature: '%.64s' is not v3 or v2", v);
	if ((v = cli->value[FLAG_CA_BUNDLE]))
		options_set_str(&o->ca_bundle, v);
	if ((v = cli->value[FLAG_ROLE_NAME])) {
		if (!options_valid_role_name(v))
			return err_set(e, ERR_USAGE,
				"--role-name: '%.64s' is not a RAM role name (letters, digits, '-', '.', '_')", v);
		options_set_str(&o->role_name, v);
	}
	if (cli->seen[FLAG_READONLY])
		o->readonly = true;
	if ((v = cli->value[FLAG_OUTPUT]) && options_parse_output(v, &o->output) < 0)
		return err_set(e, ERR_USAGE,
			"--output: '%.64s' is not table, json or csv", v);
	o->verbose += cli->verbose;
	if (cli->seen[FLAG_NO_COLOR])
		o->no_color = true;
	if ((v = cli->value[FLAG_CONCURRENCY]) &&
	    options_parse_int(v, 1, OPTIONS_MAX_CONCURRENCY, &o->concurrency) < 0)
		return err_set(e, ERR_USAGE,
			"--concurrency: '%.64s' is not a number from 1 to 64", v);
	if ((v = cli->value[FLAG_REFRESH]) &&
	    options_parse_int(v, OPTIONS_MIN_REFRESH, 86400, &o->refresh_seconds) < 0)
		return err_set(e, ERR_USAGE,
			"--refresh: '%.64s' is not a number of seconds from 10 to 86400", v);
	if ((v = cli->value[FLAG_MAX_ATTEMPTS]) &&
	    options_parse_int(v, 1, OPTIONS_MAX_ATTEMPTS, &o->max_attempts) < 0)
		return err_set(e, ERR_USAGE,
			"--max-attempts: '%.64s' is not a number from 1 to 20", v);
	if ((v = cli->value[FLAG_RETRY_BUDGET]) &&
	    options_parse_int(v, 0, OPTIONS_MAX_RETRY_BUDGET,
	    &o->retry_budget_seconds) < 0)
		return err_set(e, ERR_USAGE,
			"--retry-budget: '%.64s' is not a number of seconds from 0 to 600", v);
	if ((v = cli->value[FLAG_TIMEOUT]) &&
	    options_parse_int(v, 1, OPTIONS_MAX_TIMEOUT, &o->timeout_seconds) < 0)
		return err_set(e, ERR_USAGE,
			"--timeout: '%.64s' is not a number of seconds from 1 to 86400", v);
	return 0;
}

int
options_parse(struct options *o, int argc, char **argv, struct err *e)
{
	struct options_cli cli;
	options_defaults(o);
	err_clear(e);
	/* --help answers even next to a mistake elsewhere on the line. */
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			o->command = CMD_HELP;
			return 0;
		}
	}
	if (options_scan(argc, argv, &cli, e) < 0)
		return -1;
	/* --help and --version answer without reading anything. */
	if (cli.seen[FLAG_HELP] || (cli.command && !strcmp(cli.command, "help"))) {
		o->command = CMD_HELP;
		return 0;
	}
	if (cli.seen[FLAG_VERSION] || (cli.command && !strcmp(cli.command, "version"))) {
		o->command = CMD_VERSION;
		return 0;
	}
	if (cli.seen[FLAG_COMPLETION]) {
		const char *v = cli.value[FLAG_COMPLETION];
		bool known = !strcmp(v, "profiles");
		for (const char *const *n = options_shell_names; *n; n++)
			known = known || !strcmp(v, *n);
		if (!known)
			return err_set(e, ERR_USAGE,
				"--completion: '%.64s' is not bash, zsh or fish", v);
		options_set_str(&o->completion, v);
		o->command = CMD_COMPLETION;
		return 0;
	}
	if (options_pick_command(o, &cli, e) < 0)
		return -1;
	if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
		o->no_color = true;
	if (options_load_config(o, cli.value[FLAG_CONFIG], e) < 0)
		return -1;
	if (options_apply_globals(o, &cli, e) < 0)
		return -1;
	if (options_check_command_args(o, &cli, e) < 0)
		return -1;
	return 0;
}

/* When a variable the official tools read for these settings is set, it
 * outranks the alicfg config file. */
const char *
options_profile_flag(const struct options *o)
{
	if (o->profile_from_config && env_family_get(ENV_PROFILE, NULL))
		return NULL;
	return o->profile;
}

const char *
options_region_flag(const struct options *o)
{
	if (o->region_from_config && env_family_get(ENV_REGION, NULL))
		return NULL;
	return o->region;
}
