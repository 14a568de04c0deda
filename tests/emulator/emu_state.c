/* emu_state: the emulator's mutable world behind one mutex — the scenario
 * (recorder statuses change), access keys, STS sessions and the nonces seen
 * within the replay window. */
#include "emu.h"

#include <stdlib.h>
#include <string.h>

/* The gateway refuses a nonce seen in the last 15 minutes. */
#define EMU_NONCE_WINDOW 900
/* Expired sessions are kept a while so their use reports "Expired" rather
 * than "not found", then dropped so long runs do not grow without bound. */
#define EMU_SESSION_KEEP 3600

struct emu_nonce {
	char *key;
	time_t seen;
	struct emu_nonce *next;
};

double
emu_now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
emu_state_init(struct emu_state *st, struct emu_scenario *sc,
	double build_seconds, long sts_duration)
{
	memset(st, 0, sizeof(*st));
	pthread_mutex_init(&st->lock, NULL);
	st->sc = *sc;
	memset(sc, 0, sizeof(*sc));
	st->build_seconds = build_seconds;
	st->sts_duration = sts_duration;
	emu_map_init(&st->keys, st->sc.n_keys);
	for (size_t i = 0; i < st->sc.n_keys; i++)
		emu_map_put(&st->keys, st->sc.keys[i].id, &st->sc.keys[i]);
	emu_map_init(&st->sessions, 64);
	emu_map_init(&st->nonces, 1024);
}

static void
emu_session_free(struct emu_session *s)
{
	free(s->key_id);
	buf_secret_free(s->secret);
	buf_secret_free(s->token);
	free(s->role_name);
	free(s->session_name);
	free(s);
}

void
emu_state_free(struct emu_state *st)
{
	emu_map_free(&st->keys, NULL);
	emu_map_free(&st->sessions, NULL);
	for (struct emu_session *s = st->session_list, *n; s; s = n) {
		n = s->next;
		emu_session_free(s);
	}
	emu_map_free(&st->nonces, NULL);
	for (struct emu_nonce *n = st->nonce_head, *next; n; n = next) {
		next = n->next;
		free(n->key);
		free(n);
	}
	emu_scenario_free(&st->sc);
	pthread_mutex_destroy(&st->lock);
}

static void
emu_copy_str(char *dst, size_t dstsz, const char *src)
{
	snprintf(dst, dstsz, "%s", src ? src : "");
}

void
emu_state_credential(struct emu_state *st, const char *key_id,
	struct emu_credential *out)
{
	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&st->lock);
	struct emu_key *k = emu_map_get(&st->keys, key_id);
	if (k) {
		out->found = true;
		out->secret = xstrdup(k->secret);
		out->who.account = k->account;
		out->who.root = k->root;
		out->who.read_only = k->read_only;
		out->who.no_assume = k->no_assume;
	} else {
		struct emu_session *s = emu_map_get(&st->sessions, key_id);
		if (s) {
			out->found = true;
			out->sts = true;
			out->secret = xstrdup(s->secret);
			out->token = xstrdup(s->token);
			out->expires = s->expires;
			out->who.account = s->account;
			out->who.read_only = s->read_only;
			out->who.sts = true;
			emu_copy_str(out->who.role_name,
				sizeof(out->who.role_name), s->role_name);
			emu_copy_str(out->who.session_name,
				sizeof(out->who.session_name), s->session_name);
		}
	}
	pthread_mutex_unlock(&st->lock);
	emu_copy_str(out->who.key_id, sizeof(out->who.key_id), key_id);
}

void
emu_credential_free(struct emu_credential *c)
{
	buf_secret_free(c->secret);
	buf_secret_free(c->token);
	c->secret = c->token = NULL;
}

static void
emu_state_forget_sessions(struct emu_state *st, time_t now)
{
	struct emu_session **pp = &st->session_list;
	while (*pp) {
		struct emu_session *s = *pp;
		if (s->expires + EMU_SESSION_KEEP < now) {
			*pp = s->next;
			emu_map_remove(&st->sessions, s->key_id);
			emu_session_free(s);
			st->n_sessions--;
		} else {
			pp = &s->next;
		}
	}
}

void
emu_state_add_session(struct emu_state *st, struct emu_session *s,
	time_t now)
{
	emu_state_forget_sessions(st, now);
	s->next = st->session_list;
	st->session_list = s;
	st->n_sessions++;
	emu_map_put(&st->sessions, s->key_id, s);
}

bool
emu_state_nonce_fresh(struct emu_state *st, const char *key_id,
	const char *nonce, time_t now)
{
	struct buf key = BUF_INIT;
	buf_printf(&key, "%s\n%s", key_id, nonce);
	bool fresh;
	pthread_mutex_lock(&st->lock);
	/* Drop nonces that left the window, oldest first. */
	while (st->nonce_head && st->nonce_head->seen + EMU_NONCE_WINDOW < now) {
		struct emu_nonce *old = st->nonce_head;
		st->nonce_head = old->next;
		if (!st->nonce_head)
			st->nonce_tail = NULL;
		emu_map_remove(&st->nonces, old->key);
		free(old->key);
		free(old);
	}
	fresh = emu_map_get(&st->nonces, buf_str(&key)) == NULL;
	if (fresh) {
		struct emu_nonce *n = xmalloc(sizeof(*n));
		n->key = buf_steal(&key);
		n->seen = now;
		n->next = NULL;
		if (st->nonce_tail)
			st->nonce_tail->next = n;
		else
			st->nonce_head = n;
		st->nonce_tail = n;
		emu_map_put(&st->nonces, n->key, n);
	}
	pthread_mutex_unlock(&st->lock);
	buf_free(&key);
	return fresh;
}

enum emu_recorder
emu_state_recorder(struct emu_state *st, struct emu_account *a)
{
	(void)st;
	if (a->status == EMU_BUILDING && a->build_done > 0 &&
		emu_now_mono() >= a->build_done) {
		a->status = EMU_REGISTERED;
		a->build_done = 0;
	}
	return a->status;
}
