/* worker: a thread driving the API client, two queues and a wake-up pipe.
 * See worker.h. The client is touched only by the worker thread, except
 * api_client_wakeup(), which is called under the mutex so that it never
 * races with the client being freed. */
#include "worker.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"

static double
worker_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

struct job {
	struct worker *w;
	enum worker_kind kind;
	char *group_id;
	int64_t account;
	double queued_ms;        /* submitted */
	double waited_ms;        /* in our queue, until dispatched */
	bool wait_logged;        /* added to a log line already */
	struct job *next;
};

struct job_queue {
	struct job *head;
	struct job *tail;
};

struct worker {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct api_client *client;
	int concurrency;
	struct job_queue queue[2];   /* by priority */
	struct job *running;         /* handed to the client, not answered */
	int queued;
	int in_flight;
	struct worker_result *res_head;
	struct worker_result *res_tail;
	int wake_r;
	int wake_w;
	bool stop;
	/* the strings cfg points at, kept for the client's lifetime */
	char *endpoint;
	char *sts_endpoint;
	char *ca_bundle;
	char *role_name;
	char *audit_path;
	char *audit_who;
};

/* Called with the mutex held. */
static void
running_remove(struct worker *w, struct job *j)
{
	for (struct job **p = &w->running; *p; p = &(*p)->next) {
		if (*p == j) {
			*p = j->next;
			j->next = NULL;
			return;
		}
	}
}

static void
job_free(struct job *j)
{
	if (!j)
		return;
	free(j->group_id);
	free(j);
}

static void
queue_push(struct job_queue *q, struct job *j)
{
	j->next = NULL;
	if (q->tail)
		q->tail->next = j;
	else
		q->head = j;
	q->tail = j;
}

static struct job *
queue_pop(struct job_queue *q)
{
	struct job *j = q->head;
	if (j) {
		q->head = j->next;
		if (!q->head)
			q->tail = NULL;
		j->next = NULL;
	}
	return j;
}

/* Unlink the first job matching kind + group id; NULL when none. */
static struct job *
queue_remove_group(struct job_queue *q, enum worker_kind kind, const char *gid)
{
	struct job *prev = NULL;
	for (struct job *j = q->head; j; prev = j, j = j->next) {
		if (j->kind != kind || !j->group_id || strcmp(j->group_id, gid))
			continue;
		if (prev)
			prev->next = j->next;
		else
			q->head = j->next;
		if (q->tail == j)
			q->tail = prev;
		j->next = NULL;
		return j;
	}
	return NULL;
}

static void
wake(struct worker *w)
{
	char c = 1;
	/* A full pipe already wakes the reader: EAGAIN is fine. */
	ssize_t n = write(w->wake_w, &c, 1);
	(void)n;
}

/* Called with the mutex NOT held. `done` is the job answered, if any. */
static void
push_result(struct worker *w, struct worker_result *r, struct job *done)
{
	pthread_mutex_lock(&w->mu);
	if (done) {
		running_remove(w, done);
		if (w->in_flight > 0)
			w->in_flight--;
	}
	if (w->res_tail)
		w->res_tail->next = r;
	else
		w->res_head = r;
	w->res_tail = r;
	pthread_mutex_unlock(&w->mu);
	wake(w);
}

static struct worker_result *
result_for(struct job *j, const struct err *e)
{
	struct worker_result *r = xcalloc(1, sizeof(*r));
	r->kind = j->kind;
	r->group_id = j->group_id ? xstrdup(j->group_id) : NULL;
	r->account = j->account;
	if (e)
		err_copy(&r->err, e);
	else
		err_clear(&r->err);
	if (j->w->client)
		r->caller_account = api_client_caller_account(j->w->client);
	return r;
}

/* ---- client callbacks (worker thread, inside api_client_step) ---------- */

/* The job's answer goes to the UI thread with whichever result it has
 * (the others NULL); the job is done with. */
static void
job_answered(struct job *j, const struct err *e, struct aggregator_list *groups,
	struct aggregator_detail *group, struct recorder *rec)
{
	struct worker_result *r = result_for(j, e);
	r->groups = groups;
	r->group = group;
	r->recorder = rec;
	push_result(j->w, r, j);
	job_free(j);
}

static void
on_groups(void *ctx, const struct err *e, struct aggregator_list *list)
{
	job_answered(ctx, e, list, NULL, NULL);
}

static void
on_group(void *ctx, const struct err *e, struct aggregator_detail *detail)
{
	job_answered(ctx, e, NULL, detail, NULL);
}

static void
on_recorder(void *ctx, const struct err *e, struct recorder *rec)
{
	job_answered(ctx, e, NULL, NULL, rec);
}

static void
on_directory(void *ctx, const struct err *e, struct rd_account_list *list)
{
	struct job *j = ctx;
	struct worker_result *r = result_for(j, e);
	r->directory = list;
	push_result(j->w, r, j);
	job_free(j);
}

static void
on_log(void *ctx, const struct api_log_entry *entry)
{
	struct worker *w = ctx;
	struct worker_result *r = xcalloc(1, sizeof(*r));
	r->kind = WORKER_LOG;
	r->log.when = entry->when;
	snprintf(r->log.action, sizeof(r->log.action), "%s",
		entry->action ? entry->action : "");
	r->log.account = entry->account;
	r->log.http_status = entry->http_status;
	snprintf(r->log.code, sizeof(r->log.code), "%s",
		entry->code ? entry->code : "");
	snprintf(r->log.request_id, sizeof(r->log.request_id), "%s",
		entry->request_id ? entry->request_id : "");
	r->log.latency_ms = entry->latency_ms;
	r->log.queue_ms = entry->queue_ms;
	r->log.wire_ms = entry->wire_ms;
	/* A job also waited in our own queue before the client had it: that
	 * is queue time too, counted once (a list has a line per page). */
	struct job *j = entry->call_ctx;
	if (j && !j->wait_logged) {
		j->wait_logged = true;
		r->log.queue_ms += j->waited_ms;
		r->log.latency_ms += j->waited_ms;
	}
	r->log.attempts = entry->attempts;
	r->account = entry->account;
	push_result(w, r, NULL);
}

static void
dispatch(struct worker *w, struct job *j)
{
	switch (j->kind) {
	case WORKER_LIST_GROUPS:
		api_list_aggregators(w->client, on_groups, j);
		return;
	case WORKER_GET_GROUP:
		api_get_aggregator(w->client, j->group_id, on_group, j);
		return;
	case WORKER_GET_RECORDER:
		api_get_recorder(w->client, j->account, on_recorder, j);
		return;
	case WORKER_START_RECORDER:
		api_start_recorder(w->client, j->account, on_recorder, j);
		return;
	case WORKER_LIST_DIRECTORY:
		api_list_directory(w->client, on_directory, j);
		return;
	case WORKER_STOP_RECORDER:
		api_stop_recorder(w->client, j->account, on_recorder, j);
		return;
	case WORKER_LOG:
		break;
	}
	pthread_mutex_lock(&w->mu);
	running_remove(w, j);
	w->in_flight--;
	pthread_mutex_unlock(&w->mu);
	job_free(j);
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	pthread_mutex_lock(&w->mu);
	while (!w->stop) {
		while (!w->stop && w->in_flight < w->concurrency) {
			struct job *j = queue_pop(&w->queue[WORKER_HIGH]);
			if (!j)
				j = queue_pop(&w->queue[WORKER_LOW]);
			if (!j)
				break;
			w->queued--;
			w->in_flight++;
			j->waited_ms = worker_now_ms() - j->queued_ms;
			j->next = w->running;
			w->running = j;
			pthread_mutex_unlock(&w->mu);
			dispatch(w, j);
			pthread_mutex_lock(&w->mu);
		}
		if (w->stop)
			break;
		if (w->in_flight == 0 && api_client_pending(w->client) == 0) {
			/* idle: sleep until a job or stop arrives */
			pthread_cond_wait(&w->cv, &w->mu);
			continue;
		}
		pthread_mutex_unlock(&w->mu);
		/* bounded, so a lost wake-up costs at most a second */
		api_client_step(w->client, 1000);
		pthread_mutex_lock(&w->mu);
	}
	struct api_client *c = w->client;
	w->client = NULL;
	pthread_mutex_unlock(&w->mu);
	api_client_free(c);
	return NULL;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* What worker_start set up, once the thread is gone (or never ran). */
static void
worker_release(struct worker *w)
{
	close(w->wake_r);
	close(w->wake_w);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	free(w->endpoint);
	free(w->sts_endpoint);
	free(w->ca_bundle);
	free(w->role_name);
	free(w->audit_path);
	free(w->audit_who);
	free(w);
}

struct worker *
worker_start(const struct api_config *cfg, const struct cred *caller,
	struct err *e)
{
	struct worker *w = xcalloc(1, sizeof(*w));
	int fds[2];
	if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) < 0) {
		err_set(e, ERR_SYSTEM, "creating the wake-up pipe: %s",
			strerror(errno));
		free(w);
		return NULL;
	}
	w->wake_r = fds[0];
	w->wake_w = fds[1];
	w->endpoint = dup_or_null(cfg->endpoint);
	w->sts_endpoint = dup_or_null(cfg->sts_endpoint);
	w->ca_bundle = dup_or_null(cfg->ca_bundle);
	w->role_name = dup_or_null(cfg->role_name);
	w->audit_path = dup_or_null(cfg->audit_path);
	w->audit_who = dup_or_null(cfg->audit_who);
	struct api_config c = *cfg;
	c.endpoint = w->endpoint;
	c.sts_endpoint = w->sts_endpoint;
	c.ca_bundle = w->ca_bundle;
	c.role_name = w->role_name;
	c.audit_path = w->audit_path;
	c.audit_who = w->audit_who;
	c.log = on_log;
	c.log_ctx = w;
	w->concurrency = cfg->concurrency > 0 ? cfg->concurrency : 8;
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	w->client = api_client_new(&c, caller, e);
	if (!w->client)
		goto fail;
	int rc = pthread_create(&w->thread, NULL, worker_main, w);
	if (rc != 0) {
		err_set(e, ERR_SYSTEM, "starting the worker thread: %s",
			strerror(rc));
		api_client_free(w->client);
		goto fail;
	}
	return w;
fail:
	worker_release(w);
	return NULL;
}

void
worker_stop(struct worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	if (w->client)
		api_client_wakeup(w->client);
	pthread_cond_broadcast(&w->cv);
	pthread_mutex_unlock(&w->mu);

	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_nsec += 900L * 1000 * 1000;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	if (pthread_timedjoin_np(w->thread, NULL, &deadline) != 0) {
		/* Stuck in a transfer that would not abort: leave it; the
		 * memory it uses must stay valid, so nothing is freed. */
		pthread_detach(w->thread);
		return;
	}
	for (int p = 0; p < 2; p++) {
		struct job *j;
		while ((j = queue_pop(&w->queue[p])))
			job_free(j);
	}
	/* the client dropped these without calling back */
	while (w->running) {
		struct job *j = w->running;
		w->running = j->next;
		job_free(j);
	}
	struct worker_result *r = w->res_head;
	while (r) {
		struct worker_result *next = r->next;
		worker_result_free(r);
		r = next;
	}
	worker_release(w);
}

int
worker_wake_fd(const struct worker *w)
{
	return w->wake_r;
}

static bool
is_group_job(const struct job *j, const char *gid)
{
	return j->kind == WORKER_GET_GROUP && j->group_id &&
		!strcmp(j->group_id, gid);
}

/* Is a GetAggregator for this group queued here / on the wire? Mutex
 * held. */
static bool
queue_has_group(const struct job_queue *q, const char *gid)
{
	for (const struct job *j = q->head; j; j = j->next)
		if (is_group_job(j, gid))
			return true;
	return false;
}

static bool
running_has_group(const struct worker *w, const char *gid)
{
	for (const struct job *j = w->running; j; j = j->next)
		if (is_group_job(j, gid))
			return true;
	return false;
}

void
worker_submit(struct worker *w, enum worker_kind kind, const char *group_id,
	int64_t account, enum worker_priority prio)
{
	int q = prio == WORKER_HIGH ? WORKER_HIGH : WORKER_LOW;
	pthread_mutex_lock(&w->mu);
	/* One GetAggregator per group at a time: scrolling re-asks for the
	 * group under the cursor, and a refresh asks for every group. */
	if (kind == WORKER_GET_GROUP && group_id) {
		/* already first in line or on the wire: one is enough */
		if (queue_has_group(&w->queue[WORKER_HIGH], group_id) ||
		    running_has_group(w, group_id)) {
			pthread_mutex_unlock(&w->mu);
			return;
		}
		/* asked again in the background: nothing changes */
		if (q == WORKER_LOW &&
		    queue_has_group(&w->queue[WORKER_LOW], group_id)) {
			pthread_mutex_unlock(&w->mu);
			return;
		}
		struct job *low = queue_remove_group(&w->queue[WORKER_LOW],
			kind, group_id);
		if (low) {
			job_free(low);
			w->queued--;
		}
	}
	struct job *j = xcalloc(1, sizeof(*j));
	j->w = w;
	j->kind = kind;
	j->group_id = dup_or_null(group_id);
	j->account = account;
	j->queued_ms = worker_now_ms();
	queue_push(&w->queue[q], j);
	w->queued++;
	if (w->client)
		api_client_wakeup(w->client);
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

struct worker_result *
worker_take(struct worker *w)
{
	pthread_mutex_lock(&w->mu);
	struct worker_result *r = w->res_head;
	if (r) {
		w->res_head = r->next;
		if (!w->res_head)
			w->res_tail = NULL;
		r->next = NULL;
	}
	/* Empty the wake-up pipe only with the queue: a caller that stops
	 * early (a bounded drain) still finds the fd readable. A result
	 * pushed after this lock writes its own byte. */
	if (!w->res_head) {
		char sink[256];
		while (read(w->wake_r, sink, sizeof(sink)) > 0)
			;
	}
	pthread_mutex_unlock(&w->mu);
	return r;
}

void
worker_result_free(struct worker_result *r)
{
	if (!r)
		return;
	free(r->group_id);
	err_free(&r->err);
	if (r->groups) {
		model_aggregator_list_free(r->groups);
		free(r->groups);
	}
	if (r->group) {
		model_aggregator_detail_free(r->group);
		free(r->group);
	}
	if (r->recorder) {
		model_recorder_free(r->recorder);
		free(r->recorder);
	}
	if (r->directory) {
		rd_account_list_free(r->directory);
		free(r->directory);
	}
	free(r);
}

int
worker_pending(struct worker *w)
{
	pthread_mutex_lock(&w->mu);
	int n = w->queued + w->in_flight;
	pthread_mutex_unlock(&w->mu);
	return n;
}

void
worker_counts(struct worker *w, int *queued, int *in_flight)
{
	pthread_mutex_lock(&w->mu);
	*queued = w->queued;
	*in_flight = w->in_flight;
	pthread_mutex_unlock(&w->mu);
}
