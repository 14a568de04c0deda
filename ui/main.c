/* main: parse options, then run a batch command or open the TUI. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "batch.h"
#include "options.h"

int
main(int argc, char **argv)
{
	struct options opts;
	struct err e;
	err_clear(&e);
	if (options_parse(&opts, argc, argv, &e) < 0) {
		fprintf(stderr, "alicfg: %s\n", e.message);
		fprintf(stderr, "Try 'alicfg --help'.\n");
		options_free(&opts);
		return err_exit_code(&e);
	}
	int rc = batch_main(&opts);
	options_free(&opts);
	return rc;
}
