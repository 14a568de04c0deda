/* cred_files: the two credentials files of the official chain, read for
 * cred.c: the aliyun CLI's config.json and the SDKs' INI file. Private to
 * cred.c and cred_files.c; everyone else uses cred.h. */
#ifndef ALICFG_CRED_FILES_H
#define ALICFG_CRED_FILES_H

#include <stdbool.h>
#include <stddef.h>

#include "cred.h"
#include "err.h"

/* One lookup of one profile in one file. */
struct cred_lookup {
	const char *path;
	/* The profile asked for; NULL means the file's own default
	 * (config.json's "current", else "default"; the INI's "default"). */
	const char *profile;
	const struct cred_request *req;   /* for warnings */
	/* Out, when nothing was found: */
	bool missing;                     /* the file does not exist */
	char note[256];                   /* why: "not found", "no profile 'x'" */
};

/* 1: found, *out filled; 0: nothing there (lk->note says why); -1: error
 * (a broken file, an unsupported mode, a missing field). */
int cred_files_cli(struct cred_lookup *lk, struct cred *out, struct err *e);
int cred_files_ini(struct cred_lookup *lk, struct cred *out, struct err *e);

/* Home directory: `home` if set, else $HOME, else the password database.
 * Returns NULL when there is none. */
const char *cred_files_home(const char *home, char *out, size_t outsz);
/* ALIBABA_CLOUD_CONFIG_FILE, else HOME/.aliyun/config.json (malloc'd, or
 * NULL when neither is known). */
char *cred_files_cli_path(const char *home);

/* A non-fatal warning through req->warn, else to stderr. */
void cred_files_warn(const struct cred_request *req, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* `s` made safe to show: control bytes become '?', long names are cut. */
const char *cred_files_printable(const char *s, char *out, size_t outsz);

#endif
