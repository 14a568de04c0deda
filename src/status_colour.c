/* status_colour: statuses to colours, one table for every front end. */
#include "status_colour.h"

#include <stddef.h>

enum status_colour
status_colour_recorder(enum recorder_status s)
{
	switch (s) {
	case RECORDER_REGISTERED: return STATUS_COLOUR_GREEN;
	case RECORDER_BUILDING:
	case RECORDER_REBUILDING: return STATUS_COLOUR_YELLOW;
	case RECORDER_REGISTRABLE: return STATUS_COLOUR_RED;
	case RECORDER_UNKNOWN: break;
	}
	return STATUS_COLOUR_NONE;
}

enum status_colour
status_colour_recorder_word(const char *word)
{
	if (!word)
		return STATUS_COLOUR_NONE;
	return status_colour_recorder(model_recorder_status_parse(word));
}

enum status_colour
status_colour_aggregator(int status)
{
	switch (status) {
	case 0: return STATUS_COLOUR_CYAN;     /* creating */
	case 2: return STATUS_COLOUR_RED;      /* deleting */
	}
	return STATUS_COLOUR_NONE;
}

const char *
status_colour_ansi(enum status_colour c)
{
	switch (c) {
	case STATUS_COLOUR_GREEN: return "\033[32m";
	case STATUS_COLOUR_YELLOW: return "\033[33m";
	case STATUS_COLOUR_RED: return "\033[31m";
	case STATUS_COLOUR_CYAN: return "\033[36m";
	case STATUS_COLOUR_NONE:
	case STATUS_COLOUR_COUNT: break;
	}
	return NULL;
}
