/* emu_faults: --faults and --latency. One seeded PRNG stream draws the
 * fault of each request, so a run with the same --seed and the same request
 * order repeats exactly. */
#include "emu.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char *const emu_fault_names[EMU_FAULT_COUNT] = {
	"none", "throttle", "unavailable", "internal", "reset", "garbage",
	"truncate", "slow", "huge", "loop", "late", "hostile", "cut",
};

const char *
emu_fault_name(enum emu_fault k)
{
	return k < EMU_FAULT_COUNT ? emu_fault_names[k] : "?";
}

uint64_t
emu_splitmix(uint64_t *state)
{
	uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void
emu_faults_seed(struct emu_faults *f, uint64_t seed)
{
	f->rng = seed;
	pthread_mutex_init(&f->lock, NULL);
}

static int
emu_parse_prob(const char *s, size_t n, double *out)
{
	char tmp[64];
	if (n == 0 || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	char *end;
	errno = 0;
	double p = strtod(tmp, &end);
	if (*end != '\0' || errno != 0 || !(p >= 0.0 && p <= 1.0))
		return -1;
	*out = p;
	return 0;
}

/* "throttle=0.1,unavailable=0.05,slow=0.2:1500" */
int
emu_faults_parse(struct emu_faults *f, const char *spec, struct err *e)
{
	const char *p = spec;
	double total = 0;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		const char *eq = memchr(p, '=', len);
		if (!eq)
			return err_set(e, ERR_USAGE, "--faults: \"%.*s\": expected "
				"KIND=PROBABILITY", (int)len, p);
		size_t klen = (size_t)(eq - p);
		int kind = -1;
		for (int k = 1; k < EMU_FAULT_COUNT; k++) {
			if (strlen(emu_fault_names[k]) == klen &&
				strncmp(p, emu_fault_names[k], klen) == 0)
				kind = k;
		}
		if (kind < 0)
			return err_set(e, ERR_USAGE, "--faults: unknown fault "
				"\"%.*s\" (known: throttle, unavailable, internal, "
				"reset, garbage, truncate, slow, huge, loop, late, "
				"hostile, cut)",
				(int)klen, p);
		const char *val = eq + 1;
		size_t vlen = len - klen - 1;
		if (kind == EMU_FAULT_SLOW || kind == EMU_FAULT_LATE) {
			const char *name = emu_fault_names[kind];
			const char *colon = memchr(val, ':', vlen);
			if (!colon)
				return err_set(e, ERR_USAGE,
					"--faults: %s=P:MS needs a delay in ms", name);
			char ms[32];
			size_t mlen = vlen - (size_t)(colon - val) - 1;
			if (mlen == 0 || mlen >= sizeof(ms))
				return err_set(e, ERR_USAGE,
					"--faults: %s: bad delay", name);
			memcpy(ms, colon + 1, mlen);
			ms[mlen] = '\0';
			char *end;
			long d = strtol(ms, &end, 10);
			if (*end != '\0' || d < 0 || d > 600000)
				return err_set(e, ERR_USAGE, "--faults: %s: delay "
					"must be 0-600000 ms", name);
			if (kind == EMU_FAULT_SLOW)
				f->slow_ms = d;
			else
				f->late_ms = d;
			vlen = (size_t)(colon - val);
		}
		if (emu_parse_prob(val, vlen, &f->p[kind]) < 0)
			return err_set(e, ERR_USAGE, "--faults: %s: probability "
				"must be a number from 0 to 1",
				emu_fault_names[kind]);
		total += f->p[kind];
		p += len;
		if (*p == ',')
			p++;
	}
	if (total > 1.0 + 1e-9)
		return err_set(e, ERR_USAGE, "--faults: the probabilities add up "
			"to %.3f, more than 1", total);
	return 0;
}

static double
emu_faults_uniform(struct emu_faults *f)
{
	pthread_mutex_lock(&f->lock);
	uint64_t r = emu_splitmix(&f->rng);
	pthread_mutex_unlock(&f->lock);
	return (double)(r >> 11) / (double)(UINT64_C(1) << 53);
}

long
emu_faults_rand(struct emu_faults *f, long n)
{
	if (n <= 0)
		return 0;
	return (long)(emu_faults_uniform(f) * (double)n);
}

enum emu_fault
emu_faults_draw(struct emu_faults *f, long *retry_after_ms)
{
	double any = 0;
	for (int k = 1; k < EMU_FAULT_COUNT; k++)
		any += f->p[k];
	*retry_after_ms = 0;
	if (any <= 0)
		return EMU_FAULT_NONE;
	double u = emu_faults_uniform(f);
	double acc = 0;
	for (int k = 1; k < EMU_FAULT_COUNT; k++) {
		acc += f->p[k];
		if (f->p[k] > 0 && u < acc) {
			if (k == EMU_FAULT_THROTTLE)
				*retry_after_ms = 100 + emu_faults_rand(f, 401);
			return (enum emu_fault)k;
		}
	}
	return EMU_FAULT_NONE;
}

void
emu_sleep_ms(long ms)
{
	if (ms <= 0)
		return;
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}
