# alicfg-emu: the local Config + STS emulator (libmicrohttpd).
bin_PROGRAMS += alicfg-emu
alicfg_emu_SOURCES = \
	tests/emulator/emu_main.c
alicfg_emu_CFLAGS = $(AM_CFLAGS) $(MHD_CFLAGS)
alicfg_emu_LDADD = $(CORE_LIBS) $(MHD_LIBS)
