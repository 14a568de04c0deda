/* main: parse options, then run a batch command or open the TUI. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "options.h"
#include "tui.h"
#include "version.h"

int
main(int argc, char **argv)
{
	/* Hidden: the key list for the man page, from the one action table. */
	if (argc == 2 && !strcmp(argv[1], "--keys-man")) {
		keys_print_man(stdout);
		return fflush(stdout) == 0 ? 0 : 1;
	}
	version_set_ncurses(curses_version());
	struct options opts;
	struct err e;
	err_clear(&e);
	if (options_parse(&opts, argc, argv, &e) < 0) {
		fprintf(stderr, "alicfg: %s\n", e.message);
		fprintf(stderr, "Try 'alicfg --help'.\n");
		options_free(&opts);
		return err_exit_code(&e);
	}
	/* -v: the versions, once, before the screen opens (they stay in the
	 * terminal's scrollback); batch commands print theirs in batch.c. */
	if (opts.command == CMD_TUI && opts.verbose)
		version_print_verbose(stderr);
	int rc = opts.command == CMD_TUI ? tui_main(&opts) : batch_main(&opts);
	options_free(&opts);
	return rc;
}
