/* options: the command line and the alicfg config file, merged.
 *
 * Precedence: command-line flag > environment (where the official tools
 * define one) > $XDG_CONFIG_HOME/alicfg/config (INI) > built-in default.
 * Shared by the batch commands and the TUI. */
#ifndef ALICFG_OPTIONS_H
#define ALICFG_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "account_list.h"
#include "err.h"
#include "quota.h"
#include "sign.h"

enum output_format { OUTPUT_TABLE = 0, OUTPUT_JSON, OUTPUT_CSV };

enum batch_command {
	CMD_TUI = 0,        /* no command: open the TUI */
	CMD_AGGREGATORS,
	CMD_ACCOUNTS,
	CMD_RECORDER,
	CMD_ENABLE,
	CMD_STOP,           /* cmd_stop.c */
	CMD_DIFF,           /* cmd_diff.c */
	CMD_CHECK,          /* cmd_check.c */
	CMD_DIRECTORY,      /* cmd_directory.c */
	CMD_COVERAGE,       /* cmd_directory.c */
	CMD_HELP,
	CMD_VERSION,
	CMD_COMPLETION,     /* --completion SHELL: print a completion script */
};

struct options {
	enum batch_command command;
	/* global */
	char *profile;
	char *region;
	char *endpoint;
	char *sts_endpoint;
	char *rd_endpoint;        /* --rd-endpoint: Resource Directory */
	enum sign_version signature;
	char *ca_bundle;
	char *role_name;
	bool readonly;
	enum output_format output;
	int verbose;
	bool no_color;
	int concurrency;          /* default 8 */
	int refresh_seconds;      /* TUI auto refresh; default 60, min 10 */
	char *config_file;        /* the alicfg config file actually read */
	/* command arguments */
	char *aggregator_id;      /* accounts AGGREGATOR_ID */
	bool all;                 /* accounts --all */
	char *status_filter;      /* --status REGISTRABLE,BUILDING */
	char *account;            /* the first --account UID (as given) */
	/* Every --account and every id of every --accounts-from file, in
	 * order, without duplicates (account_list.h). */
	struct account_list accounts;
	/* The accounts were given as a list (--account twice or more, or
	 * --accounts-from): results are printed as a list (JSON array) even
	 * when it holds one account, so scripts see one shape. */
	bool accounts_listed;
	bool yes;                 /* enable --yes */
	/* Added by the batch area: profile/region came from the config file
	 * (not a flag), so an environment variable outranks them. */
	bool profile_from_config;
	bool region_from_config;
	/* Added by the batch area: --max-attempts / config max_attempts, tries
	 * per request including the first (1-20); 0 = the client's default. */
	int max_attempts;
	/* --retry-budget / config retry_budget: seconds all retry waits of one
	 * call may add up to; -1 = the client's default (30). */
	int retry_budget_seconds;
	/* Added by the harden area: --timeout / config timeout, seconds a
	 * batch command may take in all (default 120). */
	int timeout_seconds;
	/* Added by the watch area. */
	char *since;              /* diff --since SNAPSHOT|DURATION */
	char *allow_file;         /* check --allow FILE */
	int keep_snapshots;       /* config keep_snapshots; default 50 */
	bool notify;              /* config notify (TUI bell + OSC 9); yes */
	/* Added by the directory area. */
	bool no_group;            /* directory --no-group */
	bool read_status;         /* directory / coverage --read-status */
	bool dry_run;             /* enable --dry-run: check access only */
	/* --completion: bash, zsh, fish, or profiles (the names the scripts
	 * offer for --profile). */
	char *completion;
	/* [quota] section: per-action quotas, the published ones by default. */
	struct quota_table quotas;
};

/* What a flag's value is: the completions offer these, --help names them. */
enum options_value_kind {
	OPTV_NONE = 0,     /* a flag without a value, or free text */
	OPTV_FILE,
	OPTV_PROFILE,      /* a profile of the credential files */
	OPTV_REGION,
	OPTV_OUTPUT,
	OPTV_STATUS,       /* recorder statuses, comma-separated */
	OPTV_SIGNATURE,
	OPTV_SHELL,
};

/* One row of the flag table. This one table drives the parser, --help,
 * the shell completions (completion.c) and the man page test
 * (tests/install/test_man_pages.c), so they cannot drift apart. */
struct options_flag_def {
	const char *name;         /* without the leading "--" */
	char short_name;          /* 0: none */
	bool takes_value;
	int id;                   /* options.c's enum options_flag */
	const char *metavar;      /* the value's name in --help: "NAME" */
	const char *help;         /* --help text (wrapped when printed) */
	/* Commands it belongs to, space-separated ("recorder enable"); NULL:
	 * a global flag, valid everywhere. Checked by the parser. */
	const char *commands;
	enum options_value_kind values;
};

/* One row of the command table (parser, --help, completions). */
struct options_command_def {
	const char *name;
	enum batch_command cmd;
	const char *args;         /* what follows the name in --help */
	const char *help;
};

/* One key of the alicfg config file (options_load_config), for the
 * unknown-key message, --help and the man page test. */
struct options_config_def {
	const char *section;      /* "" for the top level / [alicfg] */
	const char *key;
	const char *values;       /* what it takes: "yes or no" */
	const char *default_value;
};

const struct options_flag_def *options_flag_table(size_t *n);
const struct options_command_def *options_command_table(size_t *n);
const struct options_config_def *options_config_table(size_t *n);
/* False for a flag whose commands are none of them in the command table
 * yet (parsed, but not offered by --help, completions or the man test). */
bool options_flag_in_use(const struct options_flag_def *d);
/* The fixed values of a kind, NULL-terminated; NULL for files, profiles
 * and free text. */
const char *const *options_values(enum options_value_kind k);

/* Parse argv (after reading the config file for defaults). --help and
 * --version set command; an unknown flag or a missing argument is ERR_USAGE
 * with a message naming it. */
int options_parse(struct options *o, int argc, char **argv, struct err *e);
void options_free(struct options *o);
void options_print_help(FILE *out);

/* Write the default-valued fields; used by options_parse first. */
void options_defaults(struct options *o);
/* Read the INI config file (path, or the XDG default when NULL); a missing
 * file is not an error. Keys: profile, region, refresh, concurrency,
 * role_name, color (yes/no), readonly (yes/no), signature (v3/v2). */
int options_load_config(struct options *o, const char *path, struct err *e);

/* Added by the batch area. What to pass as the "flag" to cred_resolve and
 * endpoint_region: the profile / region, or NULL when it came from the
 * config file and the environment names one (environment > config file). */
const char *options_profile_flag(const struct options *o);
const char *options_region_flag(const struct options *o);
/* An account id as the CLI accepts it: 1-20 digits, fits int64, not 0.
 * ERR_USAGE naming --account otherwise (account_list_parse_id). */
int options_parse_account(const char *s, int64_t *out, struct err *e);
/* Does a normalised --status list ("REGISTRABLE,BUILDING") select this
 * status name? NULL or "" selects everything. */
bool options_status_selected(const char *filter, const char *status);

#endif
