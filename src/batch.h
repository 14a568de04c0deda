/* batch: the scriptable commands (`alicfg COMMAND`: the list is options.c's
 * command table; some live in cmd_*.c).
 * Same core as the TUI; prints tables, JSON or CSV on stdout, errors on
 * stderr, and returns the documented exit code. */
#ifndef ALICFG_BATCH_H
#define ALICFG_BATCH_H

#include "options.h"

/* Runs o->command (not CMD_TUI). Returns the process exit code:
 * 0 ok, 1 API or network error, 2 usage, 3 credentials or configuration,
 * 4 refused, 5 check found offenders. */
int batch_main(struct options *o);

#endif
