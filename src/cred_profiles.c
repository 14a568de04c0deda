/* cred_profiles: the profile names that exist, for "no such profile". */
#include "cred.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cred_files.h"
#include "ini.h"

struct cred_profiles_ini {
	struct buf *names;
	int count;
	char last[256];
};

static int
cred_profiles_section(void *ctx, const char *section, const char *key,
	const char *value, int line)
{
	struct cred_profiles_ini *c = ctx;
	(void)key;
	(void)value;
	(void)line;
	/* Keys arrive in file order: a new section shows as a new name. */
	if (!*section || !strcmp(section, c->last))
		return 0;
	snprintf(c->last, sizeof(c->last), "%s", section);
	char shown[80];
	buf_printf(c->names, "%s%s", c->count++ ? ", " : "",
		cred_files_printable(section, shown, sizeof(shown)));
	return 0;
}

static void
cred_profiles_sep(struct buf *out)
{
	if (out->len)
		buf_puts(out, "; ");
}

void
cred_profiles_list(const char *home, struct buf *out)
{
	char hb[4096];
	const char *h = cred_files_home(home, hb, sizeof(hb));
	char **names = NULL;
	struct err e;
	err_clear(&e);
	int n = cred_files_list_profiles(home, &names, &e);
	err_free(&e);
	if (n > 0) {
		char *path = cred_files_cli_path(h);
		cred_profiles_sep(out);
		for (int i = 0; i < n; i++) {
			char shown[80];
			buf_printf(out, "%s%s", i ? ", " : "", names[i] ?
				cred_files_printable(names[i], shown,
				sizeof(shown)) : "?");
		}
		buf_printf(out, " (%s)", path ? path : "config.json");
		free(path);
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);

	/* The INI file the chain would read. */
	const char *env = getenv("ALIBABA_CLOUD_CREDENTIALS_FILE");
	struct buf path = BUF_INIT;
	if (env && *env)
		buf_puts(&path, env);
	else if (h)
		buf_printf(&path, "%s/.alibabacloud/credentials", h);
	if (!path.len)
		return;
	struct buf list = BUF_INIT;
	struct cred_profiles_ini c = {.names = &list};
	err_clear(&e);
	if (ini_parse_file(buf_str(&path), cred_profiles_section, &c, &e) == 0 &&
	    c.count) {
		cred_profiles_sep(out);
		buf_printf(out, "%s (%s)", buf_str(&list), buf_str(&path));
	}
	err_free(&e);
	buf_free(&list);
	buf_free(&path);
}
