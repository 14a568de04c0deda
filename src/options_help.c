/* options_help: --help, printed from the option, command and config-key
 * tables (options.c), the same tables the completions are made from. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "options.h"

/* "  left   help..." with help wrapped at 79 columns, starting in column
 * `col` (on the next line when `left` is too wide). */
static void
options_help_entry(FILE *out, const char *left, const char *help, int col)
{
	int used = fprintf(out, "  %s", left);
	const char *p = help;
	bool first = true;
	while (*p) {
		if (first && *left && used + 1 > col) {
			fputc('\n', out);
			used = 0;
		}
		if (!first || used < col)
			used += fprintf(out, "%*s", col - used, "");
		first = false;
		int room = 79 - col;
		size_t n = strlen(p);
		if ((int)n > room) {
			/* Break at the last space that fits. */
			n = (size_t)room;
			while (n > 0 && p[n] != ' ')
				n--;
			if (n == 0)
				n = strcspn(p, " ");
		}
		fprintf(out, "%.*s\n", (int)n, p);
		used = 0;
		p += n;
		while (*p == ' ')
			p++;
	}
	if (first)
		fputc('\n', out);
}

static void
options_help_flag(FILE *out, const struct options_flag_def *d)
{
	char left[96];
	int n = d->short_name ?
		snprintf(left, sizeof(left), "-%c, --%s", d->short_name, d->name) :
		snprintf(left, sizeof(left), "--%s", d->name);
	if (d->takes_value && n > 0 && (size_t)n < sizeof(left))
		snprintf(left + n, sizeof(left) - (size_t)n, " %s",
			d->metavar ? d->metavar : "VALUE");
	options_help_entry(out, left, d->help ? d->help : "", 25);
}

void
options_print_help(FILE *out)
{
	fputs(
"Usage: alicfg [OPTIONS] [COMMAND [ARGS]]\n"
"\n"
"A terminal UI and batch CLI for Alibaba Cloud Config: account groups\n"
"(aggregators), their member accounts and configuration recorder status.\n"
"Without a command alicfg opens the terminal UI.\n"
"\n"
"Commands:\n", out);
	size_t ncommands, nflags, nconfig;
	const struct options_command_def *commands =
		options_command_table(&ncommands);
	const struct options_flag_def *flags = options_flag_table(&nflags);
	const struct options_config_def *config =
		options_config_table(&nconfig);
	for (size_t i = 0; i < ncommands; i++) {
		const struct options_command_def *c = &commands[i];
		char left[128];
		snprintf(left, sizeof(left), "%s%s%s", c->name,
			c->args && *c->args ? " " : "", c->args ? c->args : "");
		options_help_entry(out, left, c->help ? c->help : "", 32);
	}
	fputs("\nOptions (before or after the command; --opt VALUE or --opt=VALUE):\n",
		out);
	for (size_t i = 0; i < nflags; i++)
		if (!flags[i].commands)
			options_help_flag(out, &flags[i]);
	fputs("\nCommand options (valid only with the commands named):\n", out);
	for (size_t i = 0; i < nflags; i++) {
		const struct options_flag_def *d = &flags[i];
		if (!d->commands || !options_flag_in_use(d))
			continue;
		struct buf help = BUF_INIT;
		for (const char *p = d->commands; *p; p++)
			if (*p == ' ')
				buf_puts(&help, ", ");
			else
				buf_putc(&help, *p);
		buf_printf(&help, ": %s", d->help ? d->help : "");
		options_help_flag(out, &(struct options_flag_def){
			.name = d->name, .short_name = d->short_name,
			.takes_value = d->takes_value, .metavar = d->metavar,
			.help = buf_str(&help)});
		buf_free(&help);
	}
	fputs("\nConfig file (INI, optional; flags override it; alicfg-config(5)):\n",
		out);
	struct buf keys = BUF_INIT;
	for (size_t i = 0; i < nconfig; i++) {
		const struct options_config_def *k = &config[i];
		buf_printf(&keys, "%s%s%s%s", i ? ", " : "",
			k->section[0] ? k->section : "", k->section[0] ? "." : "",
			k->key);
	}
	options_help_entry(out, "", buf_str(&keys), 2);
	buf_free(&keys);
	fputs(
"\n"
"Every complete load (accounts --all, diff, check, the TUI) saves a snapshot in\n"
"$XDG_STATE_HOME/alicfg/snapshots/ (default ~/.local/state/...).\n"
"\n"
"Credentials (never on the command line): ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET/\n"
"_SECURITY_TOKEN, then ~/.aliyun/config.json, then ~/.alibabacloud/credentials.\n"
"\n"
"In the terminal UI press ? for the keys (also listed in alicfg(1)); e starts\n"
"the recorder of the selected or marked accounts after a confirm.\n"
"\n"
"Exit status:\n"
"  0  success\n"
"  1  API or network error\n"
"  2  usage error (bad option or argument)\n"
"  3  credentials or configuration error\n"
"  4  refused (read-only, or enable/stop not confirmed)\n"
"  5  check: offenders found (none of them allowed)\n",
		out);
}
