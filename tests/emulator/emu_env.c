/* emu_env: the lines alicfg-emu prints after its "listening" line — the
 * environment that points alicfg (and the official SDKs and CLI) at this
 * emulator, Config, STS and Resource Directory alike, with a key of the loaded scenario. Every
 * key here exists only inside the emulator. */
#include "emu.h"

#include <string.h>

/* NAME=VALUE as a shell reads it: bare when VALUE is plain, else in single
 * quotes (a quote inside becomes '\''). */
static void
emu_env_export(FILE *out, const char *name, const char *value)
{
	bool plain = *value != '\0';
	for (const char *p = value; *p; p++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789-_.:/[]@+,=", *p))
			plain = false;
	fprintf(out, "export %s=", name);
	if (plain) {
		fputs(value, out);
	} else {
		fputc('\'', out);
		for (const char *p = value; *p; p++) {
			if (*p == '\'')
				fputs("'\\''", out);
			else
				fputc(*p, out);
		}
		fputc('\'', out);
	}
	fputc('\n', out);
}

/* The key a user wants first: a read-write, non-root one if there is. */
static const struct emu_key *
emu_env_key(const struct emu_scenario *sc)
{
	for (size_t i = 0; i < sc->n_keys; i++)
		if (!sc->keys[i].root && !sc->keys[i].read_only)
			return &sc->keys[i];
	return sc->n_keys ? &sc->keys[0] : NULL;
}

void
emu_env_print(FILE *out, const char *url, const struct emu_scenario *sc,
	bool tls)
{
	emu_env_export(out, "ALIBABA_CLOUD_ENDPOINT", url);
	emu_env_export(out, "ALIBABA_CLOUD_STS_ENDPOINT", url);
	emu_env_export(out, "ALIBABA_CLOUD_RD_ENDPOINT", url);
	const struct emu_key *k = emu_env_key(sc);
	if (k) {
		emu_env_export(out, "ALIBABA_CLOUD_ACCESS_KEY_ID", k->id);
		emu_env_export(out, "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
			k->secret);
	}
	if (tls)
		fputs("# https: also give alicfg the CA that signed --tls-cert "
			"(alicfg --ca-bundle FILE)\n", out);
	fflush(out);
}
