/* version: the run-time versions of alicfg's libraries. */
#include "config.h"

#include "version.h"

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/crypto.h>
#include <string.h>

static const char *version_ncurses;

void
version_set_ncurses(const char *v)
{
	version_ncurses = v;
}

/* "ncurses 6.4.20221231" already names itself; OpenSSL_version() says
 * "OpenSSL 3.0.15 3 Sep 2024": keep the first two words. */
static void
version_first_words(const char *s, int words, char *out, size_t outsz)
{
	size_t n = 0;
	int seen = 0;
	while (s[n] && !(s[n] == ' ' && ++seen == words))
		n++;
	snprintf(out, outsz, "%.*s", (int)n, s);
}

void
version_libraries(char *out, size_t outsz)
{
	const curl_version_info_data *cv = curl_version_info(CURLVERSION_NOW);
	char ssl[64];
	version_first_words(OpenSSL_version(OPENSSL_VERSION), 2, ssl,
		sizeof(ssl));
	char nc[64] = "";
	if (version_ncurses && *version_ncurses)
		snprintf(nc, sizeof(nc), ", %s%s",
			strncmp(version_ncurses, "ncurses", 7) ? "ncurses " : "",
			version_ncurses);
	snprintf(out, outsz, "libcurl %s, %s%s, Jansson %s",
		cv && cv->version ? cv->version : "?", ssl, nc,
		jansson_version_str());
}

void
version_print(FILE *out)
{
	char libs[256];
	version_libraries(libs, sizeof(libs));
	fprintf(out, "alicfg %s\nlibraries: %s\n", PACKAGE_VERSION, libs);
}

void
version_print_verbose(FILE *out)
{
	char libs[256];
	version_libraries(libs, sizeof(libs));
	fprintf(out, "alicfg: alicfg %s; %s\n", PACKAGE_VERSION, libs);
}
