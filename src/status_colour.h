/* status_colour: the one mapping from a status to its colour, for the CLI's
 * ANSI tables and the TUI's curses attributes alike, so a status looks the
 * same in both (REGISTRABLE, the one that needs action, is red in both).
 * Curses-free: the TUI turns a colour into an attribute in ui/theme.c. */
#ifndef ALICFG_STATUS_COLOUR_H
#define ALICFG_STATUS_COLOUR_H

#include "model.h"

enum status_colour {
	STATUS_COLOUR_NONE = 0,   /* the terminal's default */
	STATUS_COLOUR_GREEN,      /* done: REGISTERED */
	STATUS_COLOUR_YELLOW,     /* under way: BUILDING, REBUILDING, starting */
	STATUS_COLOUR_RED,        /* needs action: REGISTRABLE; deleting */
	STATUS_COLOUR_CYAN,       /* a group being created */
	STATUS_COLOUR_COUNT
};

enum status_colour status_colour_recorder(enum recorder_status s);
/* A recorder status word as printed ("REGISTRABLE"); unknown words: none. */
enum status_colour status_colour_recorder_word(const char *word);
/* An aggregator's status (0 creating, 1 created, 2 deleting). */
enum status_colour status_colour_aggregator(int status);
/* The ANSI SGR sequence that starts the colour, or NULL for none. */
const char *status_colour_ansi(enum status_colour c);

#endif
