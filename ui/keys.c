/* keys: the key bindings, built from actions.def, and the key list as man
 * page text. A key spec is a printable character, C-x for Ctrl-x, or one
 * of the names in key_names below. */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "tui.h"

const struct action_info action_table[ACT_COUNT] = {
#define ACTION(id, name, keys, write, hint, help) \
	{name, keys, write, hint, help},
#include "actions.def"
#undef ACTION
};

struct key_name {
	const char *name;
	bool is_code;      /* a curses KEY_* code, not a character */
	int code;
};

static const struct key_name key_names[] = {
	{"Down", true, KEY_DOWN},
	{"Up", true, KEY_UP},
	{"Left", true, KEY_LEFT},
	{"Right", true, KEY_RIGHT},
	{"Home", true, KEY_HOME},
	{"End", true, KEY_END},
	{"PgDn", true, KEY_NPAGE},
	{"PgUp", true, KEY_PPAGE},
	{"Enter", false, '\r'},
	{"Enter", false, '\n'},
	{"Enter", true, KEY_ENTER},
	{"Tab", false, '\t'},
	{"Esc", false, 27},
	{"Space", false, ' '},
	{"Backspace", true, KEY_BACKSPACE},
	{"Backspace", false, 127},
	{"Backspace", false, 8},
};

/* Characters 0-127 and a short list of curses codes. */
static enum action char_map[128];
static struct {
	int code;
	enum action a;
} code_map[32];
static size_t ncodes;

static void
bind(bool is_code, int code, enum action a)
{
	if (!is_code) {
		if (code >= 0 && code < 128)
			char_map[code] = a;
		return;
	}
	if (ncodes < sizeof(code_map) / sizeof(code_map[0])) {
		code_map[ncodes].code = code;
		code_map[ncodes].a = a;
		ncodes++;
	}
}

static void
bind_spec(const char *spec, size_t len, enum action a)
{
	if (len == 1) {
		bind(false, (unsigned char)spec[0], a);
		return;
	}
	if (len == 3 && spec[0] == 'C' && spec[1] == '-') {
		bind(false, spec[2] & 0x1f, a);
		return;
	}
	for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (strlen(key_names[i].name) == len &&
		    !strncmp(key_names[i].name, spec, len))
			bind(key_names[i].is_code, key_names[i].code, a);
}

void
keys_init(void)
{
	for (int c = 0; c < 128; c++)
		char_map[c] = ACT_NONE;
	ncodes = 0;
	for (int a = 0; a < ACT_COUNT; a++) {
		const char *p = action_table[a].keys;
		while (*p) {
			while (*p == ' ')
				p++;
			size_t n = strcspn(p, " ");
			if (n)
				bind_spec(p, n, (enum action)a);
			p += n;
		}
	}
}

/* Does one key spec of `len` bytes name this key? */
static bool
spec_is(const char *spec, size_t len, bool is_code, wint_t ch)
{
	if (len == 1)
		return !is_code && ch == (unsigned char)spec[0];
	if (len == 3 && spec[0] == 'C' && spec[1] == '-')
		return !is_code && ch == (wint_t)(spec[2] & 0x1f);
	for (size_t i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (strlen(key_names[i].name) == len &&
		    !strncmp(key_names[i].name, spec, len) &&
		    key_names[i].is_code == is_code &&
		    (wint_t)key_names[i].code == ch)
			return true;
	return false;
}

int
keys_match(const struct key_binding *table, size_t n, bool is_code,
	wint_t ch)
{
	for (size_t i = 0; i < n; i++) {
		const char *p = table[i].keys;
		while (*p) {
			while (*p == ' ')
				p++;
			size_t len = strcspn(p, " ");
			if (len && spec_is(p, len, is_code, ch))
				return table[i].id;
			p += len;
		}
	}
	return -1;
}

bool
nav_move(enum action a, long pos, long n, long page, long *out)
{
	long to;
	if (page < 1)
		page = 1;
	switch (a) {
	case ACT_DOWN: to = pos + 1; break;
	case ACT_UP: to = pos - 1; break;
	case ACT_TOP: to = 0; break;
	case ACT_BOTTOM: to = n - 1; break;
	case ACT_PAGE_DOWN: to = pos + page; break;
	case ACT_PAGE_UP: to = pos - page; break;
	default: return false;
	}
	if (to > n - 1)
		to = n - 1;
	if (to < 0)
		to = 0;
	*out = to;
	return true;
}

enum action
keys_lookup(bool is_code, wint_t ch)
{
	if (!is_code)
		return ch < 128 ? char_map[ch] : ACT_NONE;
	for (size_t i = 0; i < ncodes; i++)
		if (code_map[i].code == (int)ch)
			return code_map[i].a;
	return ACT_NONE;
}

void
keys_describe(enum action a, char *out, size_t outsz)
{
	size_t len = 0;
	const char *p = action_table[a].keys;
	out[0] = '\0';
	while (*p) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (n && len + n + 3 < outsz) {
			if (len) {
				memcpy(out + len, ", ", 2);
				len += 2;
			}
			memcpy(out + len, p, n);
			len += n;
			out[len] = '\0';
		}
		p += n;
	}
}

/* roff: a leading dot or quote starts a request, '-' should be \-. */
static void
roff_text(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '-')
			fputs("\\-", out);
		else if (*s == '\\')
			fputs("\\e", out);
		else
			fputc(*s, out);
	}
}

void
keys_print_man(FILE *out)
{
	for (int a = 0; a < ACT_COUNT; a++) {
		char keys[128];
		keys_describe((enum action)a, keys, sizeof(keys));
		fputs(".TP\n.B ", out);
		roff_text(out, keys);
		fputc('\n', out);
		roff_text(out, action_table[a].help);
		if (action_table[a].write)
			fputs(" (disabled in read\\-only mode)", out);
		fputs(".\n", out);
	}
}
