/* version: what alicfg runs with — its own version and those of the
 * libraries actually loaded (not the headers it was built against), for
 * --version, -v and bug reports. */
#ifndef ALICFG_VERSION_H
#define ALICFG_VERSION_H

#include <stddef.h>
#include <stdio.h>

/* The curses front end tells its library's version (curses_version());
 * the core links no curses. NULL or never called: not shown. */
void version_set_ncurses(const char *v);
/* "libcurl 7.88.1, OpenSSL 3.0.15, ncurses 6.4.20221231, Jansson 2.14" */
void version_libraries(char *out, size_t outsz);
/* "alicfg 0.1.0" then "libraries: ..." (the --version output). */
void version_print(FILE *out);
/* The -v line, once at start: "alicfg: alicfg 0.1.0; libcurl ...". */
void version_print_verbose(FILE *out);

#endif
