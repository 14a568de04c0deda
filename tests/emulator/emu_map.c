/* emu_map: a string-keyed hash map (separate chaining, FNV-1a) for access
 * keys, STS sessions and nonces. Grows by doubling so lookups stay O(1)
 * with the 20,000-account scale scenario and long benchmark runs. */
#include "emu.h"

#include <stdlib.h>
#include <string.h>

struct emu_map_entry {
	char *key;
	void *value;
	struct emu_map_entry *next;
};

static uint64_t
emu_map_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

void
emu_map_init(struct emu_map *m, size_t expected)
{
	size_t n = 16;
	while (n < expected * 2)
		n *= 2;
	m->slots = xcalloc(n, sizeof(*m->slots));
	m->n_slots = n;
	m->count = 0;
}

static struct emu_map_entry **
emu_map_find(const struct emu_map *m, const char *key)
{
	struct emu_map_entry **pp =
		&m->slots[emu_map_hash(key) & (m->n_slots - 1)];
	while (*pp && strcmp((*pp)->key, key) != 0)
		pp = &(*pp)->next;
	return pp;
}

void *
emu_map_get(const struct emu_map *m, const char *key)
{
	struct emu_map_entry *e = *emu_map_find(m, key);
	return e ? e->value : NULL;
}

static void
emu_map_grow(struct emu_map *m)
{
	size_t n = m->n_slots * 2;
	struct emu_map_entry **slots = xcalloc(n, sizeof(*slots));
	for (size_t i = 0; i < m->n_slots; i++) {
		struct emu_map_entry *e = m->slots[i];
		while (e) {
			struct emu_map_entry *next = e->next;
			size_t j = emu_map_hash(e->key) & (n - 1);
			e->next = slots[j];
			slots[j] = e;
			e = next;
		}
	}
	free(m->slots);
	m->slots = slots;
	m->n_slots = n;
}

void *
emu_map_put(struct emu_map *m, const char *key, void *value)
{
	struct emu_map_entry **pp = emu_map_find(m, key);
	if (*pp) {
		void *old = (*pp)->value;
		(*pp)->value = value;
		return old;
	}
	struct emu_map_entry *e = xmalloc(sizeof(*e));
	e->key = xstrdup(key);
	e->value = value;
	e->next = NULL;
	*pp = e;
	if (++m->count > m->n_slots)
		emu_map_grow(m);
	return NULL;
}

void *
emu_map_remove(struct emu_map *m, const char *key)
{
	struct emu_map_entry **pp = emu_map_find(m, key);
	struct emu_map_entry *e = *pp;
	if (!e)
		return NULL;
	void *value = e->value;
	*pp = e->next;
	free(e->key);
	free(e);
	m->count--;
	return value;
}

void
emu_map_free(struct emu_map *m, void (*free_value)(void *))
{
	if (!m->slots)
		return;
	for (size_t i = 0; i < m->n_slots; i++) {
		struct emu_map_entry *e = m->slots[i];
		while (e) {
			struct emu_map_entry *next = e->next;
			if (free_value)
				free_value(e->value);
			free(e->key);
			free(e);
			e = next;
		}
	}
	free(m->slots);
	m->slots = NULL;
	m->n_slots = m->count = 0;
}
