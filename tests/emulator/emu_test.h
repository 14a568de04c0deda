/* emu_test: helpers for alicfg-emu's own tests — start the real emulator on
 * a free loopback port, send signed requests (V3 or V2, built with src/sign)
 * through libcurl with optional tampering, and speak raw HTTP on a socket
 * for the hostile-input cases. Only 127.0.0.1 is ever contacted. */
#ifndef ALICFG_EMU_TEST_H
#define ALICFG_EMU_TEST_H

#include <stdbool.h>
#include <sys/types.h>

#include <curl/curl.h>
#include <jansson.h>

#include "buf.h"
#include "params.h"

#define EMU_CONFIG_VERSION "2020-09-07"
#define EMU_STS_VERSION "2015-04-01"
#define EMU_MGMT "1000000000000001"
#define EMU_RD_ROLE_ARN(acct) \
	"acs:ram::" acct ":role/ResourceDirectoryAccountAccessRole"

struct emu_proc {
	pid_t pid;
	int port;
	char url[256];
	char err_path[256];
};

/* Start alicfg-emu with the NULL-terminated extra arguments; waits (10 s
 * deadline) for the "listening" line. Returns 0 or -1. */
int emu_proc_start(struct emu_proc *p, const char *const *args);
/* SIGTERM, wait; returns the exit status (0 = clean), -1 on a signal. */
int emu_proc_stop(struct emu_proc *p);
/* Run alicfg-emu to completion (for bad options); fills stderr text. */
int emu_proc_run(const char *const *args, struct buf *err_text,
	double timeout_s);
const char *emu_binary(void);

/* A test group's setup and teardown: libcurl and the emulator started with
 * args; then stopped, -1 unless it exited cleanly. cmocka-ready returns. */
int emu_test_start(struct emu_proc *p, const char *const *args);
int emu_test_stop(struct emu_proc *p);
/* Monotonic seconds, for measuring waits. */
double emu_test_now(void);

enum emu_sig { EMU_SIG_V3, EMU_SIG_V2, EMU_SIG_NONE };

struct emu_call {
	/* request */
	const char *url;
	const char *method;             /* default POST */
	enum emu_sig sig;
	const char *action;
	const char *version;
	struct params query;            /* business parameters, in the URL */
	struct params form;             /* in a form body */
	const char *key_id;
	const char *secret;
	const char *token;
	/* tampering (NULL/false: the honest value) */
	const char *date;               /* x-acs-date / Timestamp */
	const char *nonce;
	const char *content_sha;        /* x-acs-content-sha256 as sent */
	const char *v2_format;          /* default "JSON" */
	bool bad_signature;
	bool omit_authorization;
	const char *authorization;      /* sent instead of the computed one */
	struct params extra_headers;    /* sent and (V3) signed */
	/* V2 as pop-core sends a POST: every parameter, Signature included,
	 * in the form body and none in the URL. */
	bool v2_all_in_form;
	/* response */
	CURLcode cc;
	long status;
	struct buf body;
	json_t *json;                   /* NULL when the body is not JSON */
	char request_id[64];
	long retry_after;
	char string_to_sign[512];       /* what this client signed */
};

void emu_call_init(struct emu_call *c, const char *url, const char *action,
	const char *version, const char *key_id, const char *secret);
/* Sends; returns 0 when an HTTP answer arrived. */
int emu_call_run(struct emu_call *c);
void emu_call_free(struct emu_call *c);
/* The error Code, or "" for a success or a non-JSON body. */
const char *emu_call_code(const struct emu_call *c);
/* json_object_get along a dotted path, e.g. "Credentials.AccessKeyId". */
json_t *emu_json_path(json_t *root, const char *path);

/* A complete, V2-signed GET request line + headers for raw sockets. */
void emu_raw_signed_get(struct buf *out, int port, const char *action,
	const char *version, const struct params *business, bool keep_alive);
int emu_raw_connect(int port);
int emu_raw_send(int fd, const void *data, size_t len);
/* Read one HTTP response (Content-Length framed). Returns the status, 0
 * when the peer closed without an answer, -1 on timeout/error. */
int emu_raw_response(int fd, double timeout_s, struct buf *body);

#endif
