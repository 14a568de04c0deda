/* emu: private interfaces of alicfg-emu, the local Cloud Config 2020-09-07
 * and STS 2015-04-01 emulator. One header for the whole program: the
 * scenario model, the shared state, the request/reply types that the HTTP
 * layer hands to the actions, and each module's entry points. */
#ifndef ALICFG_EMU_H
#define ALICFG_EMU_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <jansson.h>

#include "buf.h"
#include "err.h"
#include "params.h"

/* ---- scenario model (emu_scenario.c, emu_scenario_file.c) ---- */

enum emu_recorder {
	EMU_REGISTRABLE = 0,
	EMU_BUILDING,
	EMU_REGISTERED,
	EMU_REBUILDING,
};

struct emu_account {
	int64_t id;
	char *name;
	enum emu_recorder status;
	bool rd_member;
	char **resource_types;      /* NULL: the default list */
	size_t n_resource_types;
	/* Monotonic second at which a started recorder reaches REGISTERED;
	 * 0 when no start is in progress. */
	double build_done;
	/* Resource Directory membership (emu_directory.c). NULL strings take
	 * the defaults there when the scenario is finished. */
	char *rd_type;              /* CloudAccount, ResourceAccount */
	char *rd_status;            /* CreateSuccess, InviteSuccess, ... */
	char *join_method;          /* invited, created */
	char *folder_id;            /* NULL: the root folder */
	char *join_time;            /* "2023-01-01T00:00:00.000Z" */
	char *deletion_status;      /* NULL/"": not leaving */
	bool no_access_role;        /* ResourceDirectoryAccountAccessRole deleted */
	bool delegated_admin;       /* may list the directory */
};

struct emu_folder {
	char *id;                   /* fd-... (the root is r-...) */
	char *name;
	char *parent;               /* NULL for the root */
};

struct emu_tag {
	char *key;
	char *value;
};

struct emu_group {
	char *id;
	char *name;
	char *type;                 /* RD, FOLDER, CUSTOM */
	char *description;
	char *folder_id;
	char *folder_name;
	int status;                 /* 0 creating, 1 created, 2 deleting */
	int64_t owner;              /* account id of the management account */
	int64_t created_ms;
	struct emu_tag *tags;
	size_t n_tags;
	int64_t *members;           /* account ids, each in scenario.accounts */
	size_t n_members;
};

struct emu_key {
	char *id;
	char *secret;
	int64_t account;
	bool root;
	bool read_only;
	bool no_assume;             /* RAM policy lacks sts:AssumeRole */
};

struct emu_scenario {
	int64_t management;         /* the directory's management account */
	struct emu_account *accounts;  /* sorted by id */
	size_t n_accounts;
	struct emu_group *groups;
	size_t n_groups;
	struct emu_key *keys;
	size_t n_keys;
	/* The directory (emu_directory.c). A scenario without one gets a
	 * root folder holding every rd_member account, and its groups are
	 * left as written. */
	char *rd_id;                /* rd-... */
	struct emu_folder *folders; /* [0] is the root */
	size_t n_folders;
	bool has_directory;         /* RD/FOLDER groups follow it, limits hold */
	bool stress;                /* scale: beyond the service's limits */
	bool rd_number_paging;      /* ListAccounts ignores MaxResults */
};

/* ---- the directory (emu_directory.c) ---- */

#define EMU_MAX_GROUPS 5            /* per management account */
#define EMU_MAX_GROUP_MEMBERS 200

void emu_folder_add(struct emu_scenario *sc, const char *id,
	const char *name, const char *parent);
/* Defaults, folder checks, RD/FOLDER groups following the directory and
 * the service's limits; called by emu_scenario_finish. */
int emu_directory_finish(struct emu_scenario *sc, const char *origin,
	struct err *e);
void emu_directory_free(struct emu_scenario *sc);
const struct emu_folder *emu_folder_find(const struct emu_scenario *sc,
	const char *id);

void emu_scenario_demo(struct emu_scenario *sc);
/* "GROUPS:ACCOUNTS" after "scale:". */
int emu_scenario_scale(struct emu_scenario *sc, const char *spec,
	uint64_t seed, struct err *e);
int emu_scenario_load(struct emu_scenario *sc, const char *path,
	struct err *e);
/* Sort accounts by id and check the cross references; shared by every
 * scenario source so the rest of the program can trust the model. */
int emu_scenario_finish(struct emu_scenario *sc, const char *origin,
	struct err *e);
void emu_scenario_free(struct emu_scenario *sc);
struct emu_account *emu_scenario_account(const struct emu_scenario *sc,
	int64_t id);
const char *emu_recorder_name(enum emu_recorder r);
int emu_recorder_parse(const char *s, enum emu_recorder *out);
/* The resource types a registered recorder reports by default. */
extern const char *const emu_default_resource_types[];
extern const size_t emu_n_default_resource_types;

/* ---- string map (emu_map.c) ---- */

struct emu_map_entry;

struct emu_map {
	struct emu_map_entry **slots;
	size_t n_slots;
	size_t count;
};

void emu_map_init(struct emu_map *m, size_t expected);
void *emu_map_get(const struct emu_map *m, const char *key);
/* Returns the previous value (or NULL). The key is copied. */
void *emu_map_put(struct emu_map *m, const char *key, void *value);
void *emu_map_remove(struct emu_map *m, const char *key);
/* Frees the map's own memory; values are the caller's. */
void emu_map_free(struct emu_map *m, void (*free_value)(void *));

/* ---- shared state (emu_state.c) ---- */

/* Temporary credentials issued by AssumeRole. */
struct emu_session {
	char *key_id;
	char *secret;
	char *token;
	int64_t account;            /* the member the role belongs to */
	int64_t caller_account;     /* who assumed it */
	bool read_only;
	time_t expires;
	char *role_name;
	char *session_name;
	struct emu_session *next;   /* all sessions, newest first */
};

struct emu_state {
	pthread_mutex_t lock;
	struct emu_scenario sc;
	struct emu_map keys;        /* key id -> struct emu_key * */
	struct emu_map sessions;    /* STS key id -> struct emu_session * */
	struct emu_session *session_list;
	size_t n_sessions;
	struct emu_map nonces;      /* "key id\nnonce" -> struct emu_nonce * */
	struct emu_nonce *nonce_head, *nonce_tail;  /* oldest first */
	double build_seconds;
	long sts_duration;          /* > 0: lifetime override for tests */
};

/* What the authenticated caller is, copied out of the state under lock. */
struct emu_caller {
	int64_t account;
	char key_id[160];
	bool root;
	bool read_only;
	bool no_assume;
	bool sts;
	char role_name[80];
	char session_name[80];
};

/* The secret and token a key id verifies against. */
struct emu_credential {
	bool found;
	bool sts;
	char *secret;               /* owned copy; wiped by emu_credential_free */
	char *token;                /* STS only */
	time_t expires;             /* STS only */
	struct emu_caller who;
};

void emu_state_init(struct emu_state *st, struct emu_scenario *sc,
	double build_seconds, long sts_duration);
void emu_state_free(struct emu_state *st);
double emu_now_mono(void);
/* Look up a long-term key or an STS key. */
void emu_state_credential(struct emu_state *st, const char *key_id,
	struct emu_credential *out);
void emu_credential_free(struct emu_credential *c);
/* Remembers (key, nonce) for the replay window; false when already seen. */
bool emu_state_nonce_fresh(struct emu_state *st, const char *key_id,
	const char *nonce, time_t now);
/* Call with st->lock held: the live status (BUILDING ends on time). */
enum emu_recorder emu_state_recorder(struct emu_state *st,
	struct emu_account *a);
/* Call with st->lock held; the state owns `s` afterwards. */
void emu_state_add_session(struct emu_state *st, struct emu_session *s,
	time_t now);

/* ---- requests and replies (emu_http.c, emu_reply.c) ---- */

struct emu_request {
	const char *method;
	const char *path;
	struct params query;        /* decoded query string */
	struct params form;         /* decoded form body */
	struct params all;          /* query then form */
	struct params headers;      /* as received, names in their case */
	struct buf body;
	const char *action;
	const char *version;
	const char *product;        /* "Config" or "Sts", for Recommend */
	bool v3;                    /* x-acs-action / Authorization style */
	char host[256];
	char request_id[40];
};

enum emu_fault {
	EMU_FAULT_NONE = 0,
	EMU_FAULT_THROTTLE,
	EMU_FAULT_UNAVAILABLE,
	EMU_FAULT_INTERNAL,
	EMU_FAULT_RESET,
	EMU_FAULT_GARBAGE,
	EMU_FAULT_TRUNCATE,
	EMU_FAULT_SLOW,
	EMU_FAULT_HUGE,             /* a 200 body over 64 MiB */
	EMU_FAULT_LOOP,             /* ListAggregators repeats its NextToken */
	EMU_FAULT_LATE,             /* a write carried out, answer held back */
	EMU_FAULT_HOSTILE,          /* an error full of terminal controls */
	EMU_FAULT_CUT,              /* a write carried out, answer cut */
	EMU_FAULT_COUNT,
};

struct emu_reply {
	unsigned status;
	json_t *body;               /* NULL with raw set */
	char *raw;                  /* a non-JSON body (garbage fault) */
	char code[96];              /* for the log: "" on success */
	long retry_after_ms;        /* > 0 adds x-acs-retry-after */
	enum emu_fault fault;
	bool reset;                 /* close the connection, no answer */
	bool over_quota;            /* refused by --quotas: logged as such */
};

/* An error body with RequestId, HostId, Code, Message and Recommend. */
void emu_reply_error(struct emu_reply *r, const struct emu_request *req,
	unsigned status, const char *code, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A success body: takes `body` and adds RequestId. */
void emu_reply_ok(struct emu_reply *r, const struct emu_request *req,
	json_t *body);
void emu_reply_free(struct emu_reply *r);
/* A JSON string from bytes that may not be UTF-8 (bad bytes become '?'). */
json_t *emu_json_str(const char *s);
void emu_request_id(char out[40]);

/* ---- server (emu_http.c) ---- */

struct emu_faults {
	double p[EMU_FAULT_COUNT];  /* probability per kind */
	long slow_ms;
	long late_ms;
	uint64_t rng;               /* PRNG state, seeded by --seed */
	pthread_mutex_t lock;
};

/* ---- flow control (emu_quota.c) ---- */

#define EMU_QUOTA_MAX 32

struct emu_quota_rule {
	char action[64];
	int calls;                  /* per window; 0 = no limit */
	double window_s;
};

struct emu_quotas {
	bool on;                    /* false: --quotas off */
	struct emu_quota_rule rules[EMU_QUOTA_MAX];
	int n;
	pthread_mutex_t lock;
	struct emu_map windows;     /* "account\naction" -> admission times */
};

/* The published quotas, on. */
void emu_quotas_init(struct emu_quotas *q);
void emu_quotas_free(struct emu_quotas *q);
/* "real", "off" or a FILE of "Action = CALLS/SECONDS" lines. */
int emu_quotas_parse(struct emu_quotas *q, const char *spec, struct err *e);
/* 0: admitted (and counted); else the ms until the window has room. */
long emu_quotas_admit(struct emu_quotas *q, int64_t account,
	const char *action, double now_s);

struct emu_server {
	struct emu_state *state;
	struct emu_quotas quotas;
	struct emu_faults faults;
	long latency_ms;
	long jitter_ms;
	FILE *log;
	pthread_mutex_t log_lock;
	size_t body_limit;
	size_t param_limit;
	long clock_skew;        /* seconds added to the clock that checks request times */
	struct MHD_Daemon *daemon;
	char url[160];          /* what the "listening" line names */
};

struct emu_listen {
	char host[64];
	unsigned port;
	const char *tls_cert_file;
	const char *tls_key_file;
	unsigned idle_timeout;
	unsigned max_connections;
};

/* Binds loopback, starts serving and prints the "listening" line. */
int emu_http_start(struct emu_server *srv, const struct emu_listen *l,
	struct err *e);
void emu_http_stop(struct emu_server *srv);
/* The lines after the "listening" one: `export NAME=VALUE` for the
 * endpoints (Config, STS, Resource Directory) and the scenario's first read-write key (emu_env.c). */
void emu_env_print(FILE *out, const char *url, const struct emu_scenario *sc,
	bool tls);
/* Parse --listen HOST:PORT; refuses anything but loopback. */
int emu_listen_parse(struct emu_listen *l, const char *spec, struct err *e);

/* ---- authentication (emu_auth.c) ---- */

/* Verifies the request's signature, time, nonce and token. Fills `who` and
 * returns 0, or fills the error reply and returns -1. */
int emu_auth(struct emu_server *srv, const struct emu_request *req,
	struct emu_caller *who, struct emu_reply *r);

/* ---- actions (emu_config.c, emu_sts.c) ---- */

typedef void (*emu_action_fn)(struct emu_server *srv,
	const struct emu_request *req, const struct emu_caller *who,
	struct emu_reply *r);

struct emu_action {
	const char *action;
	const char *version;
	const char *product;
	emu_action_fn run;
};

void emu_config_list_aggregators(struct emu_server *, const struct emu_request *,
	const struct emu_caller *, struct emu_reply *);
void emu_config_get_aggregator(struct emu_server *, const struct emu_request *,
	const struct emu_caller *, struct emu_reply *);
void emu_config_get_recorder(struct emu_server *, const struct emu_request *,
	const struct emu_caller *, struct emu_reply *);
void emu_config_start_recorder(struct emu_server *, const struct emu_request *,
	const struct emu_caller *, struct emu_reply *);
/* emu_stop.c */
void emu_config_stop_recorder(struct emu_server *, const struct emu_request *,
	const struct emu_caller *, struct emu_reply *);
void emu_sts_assume_role(struct emu_server *, const struct emu_request *,
	const struct emu_caller *, struct emu_reply *);
void emu_sts_get_caller_identity(struct emu_server *,
	const struct emu_request *, const struct emu_caller *,
	struct emu_reply *);
void emu_rd_list_accounts(struct emu_server *, const struct emu_request *,
	const struct emu_caller *, struct emu_reply *);
/* NULL when no such API: the gateway's 404. */
const struct emu_action *emu_action_find(const char *action,
	const char *version);

/* ---- faults and latency (emu_faults.c) ---- */

int emu_faults_parse(struct emu_faults *f, const char *spec, struct err *e);
void emu_faults_seed(struct emu_faults *f, uint64_t seed);
enum emu_fault emu_faults_draw(struct emu_faults *f, long *retry_after_ms);
/* Uniform integer in [0, n) from the fault stream (latency jitter). */
long emu_faults_rand(struct emu_faults *f, long n);
const char *emu_fault_name(enum emu_fault k);
void emu_sleep_ms(long ms);
uint64_t emu_splitmix(uint64_t *state);

/* ---- request log (emu_reply.c) ---- */

void emu_log_request(struct emu_server *srv, const struct emu_request *req,
	const struct emu_caller *who, const struct emu_reply *r,
	double latency_ms);

#endif
