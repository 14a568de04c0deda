/* app_directory: the TUI's Directory entry, a list source of the
 * controller (app.h, app_directory.c): every Resource Directory member as
 * the first row of the groups pane, coverage over the whole organisation,
 * recorder status read as each account that no group lists, and access
 * diagnoses. No curses. */
#ifndef ALICFG_APP_DIRECTORY_H
#define ALICFG_APP_DIRECTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"

struct app_directory;

/* Registers the source on `a` (it lists the directory with every
 * refresh). Free it after the app. */
struct app_directory *app_directory_new(struct app *a);
void app_directory_free(struct app_directory *d);
/* Show only the members in no account group, or all again; returns the
 * new state. */
bool app_directory_toggle_no_group(struct app_directory *d);
/* Was the directory listed (false: not yet, or the caller may not)? */
bool app_directory_available(const struct app_directory *d);
/* After results were merged: queue the reads that became possible. */
void app_directory_tick(struct app_directory *d);
/* How many of `ids` alicfg can act in, as far as it knows (an account
 * whose read failed for an access reason is not). */
size_t app_directory_reachable(struct app_directory *d, const int64_t *ids,
	size_t n);

#endif
