# The curses front end and the alicfg binary.
bin_PROGRAMS += alicfg
alicfg_SOURCES = \
	ui/main.c \
	ui/tui.c ui/tui.h ui/actions.def \
	ui/keys.c \
	ui/draw.c \
	ui/theme.c \
	ui/view_main.c \
	ui/pane.c \
	ui/view_groups.c \
	ui/view_accounts.c \
	ui/view_detail.c \
	ui/view_log.c \
	ui/view_help.c \
	ui/dialog.c \
	ui/export.c \
	ui/watch_ui.c \
	ui/dialog_stop.c
alicfg_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
alicfg_LDADD = $(CORE_LIBS) $(NCURSES_LIBS)

EXTRA_DIST += scripts/bench-tui
