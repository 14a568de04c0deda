# The curses front end and the alicfg binary.
bin_PROGRAMS += alicfg
alicfg_SOURCES = \
	ui/main.c
alicfg_CFLAGS = $(AM_CFLAGS) $(NCURSES_CFLAGS)
alicfg_LDADD = $(CORE_LIBS) $(NCURSES_LIBS)
