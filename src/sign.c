/* sign: V3 (ACS3-HMAC-SHA256) and V2 (HMAC-SHA1) request signatures,
 * following docs/wire-reference.md#signature-v3 and #signature-v2, pinned
 * by the vectors of docs/wire-reference.md#test-vectors.
 *
 * The emulator verifies every request with this code and the benchmark
 * wants hundreds of thousands of signatures a second, so the hot path
 * reuses the caller's output buffers, keeps small scratch arrays on the
 * stack and fetches the OpenSSL digests once per process. */
#include "sign.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

/* Header sets this small are canonicalised without touching the heap. */
#define SIGN_STACK_HEADERS 32
#define SIGN_STACK_NAME_BYTES 1024
/* SHA-1 and SHA-256 both work on 64-byte blocks. */
#define SIGN_HMAC_BLOCK 64

static const char sign_hex_lower[] = "0123456789abcdef";

static pthread_once_t sign_md_once = PTHREAD_ONCE_INIT;
static EVP_MD *sign_md_sha256;
static EVP_MD *sign_md_sha1;

/* An implicit fetch on every EVP_DigestInit_ex costs a lock and a lookup;
 * fetching once keeps that out of each signature. */
static void
sign_md_fetch(void)
{
	sign_md_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
	sign_md_sha1 = EVP_MD_fetch(NULL, "SHA1", NULL);
	if (!sign_md_sha256 || !sign_md_sha1) {
		fputs("alicfg: OpenSSL has no SHA-256/SHA-1 digest\n", stderr);
		abort();
	}
}

static const EVP_MD *
sign_md(bool sha256)
{
	pthread_once(&sign_md_once, sign_md_fetch);
	return sha256 ? sign_md_sha256 : sign_md_sha1;
}

/* A digest failure means a broken library, not bad input: nothing a
 * caller could do, and a wrong signature must never be sent. */
static void
sign_crypto_fail(const char *what)
{
	fprintf(stderr, "alicfg: OpenSSL %s failed\n", what);
	abort();
}

static void
sign_digest_parts(EVP_MD_CTX *ctx, const EVP_MD *md, const void *a,
	size_t alen, const void *b, size_t blen, unsigned char *out)
{
	unsigned int n = 0;
	if (EVP_DigestInit_ex(ctx, md, NULL) != 1 ||
	    EVP_DigestUpdate(ctx, a, alen) != 1 ||
	    (blen && EVP_DigestUpdate(ctx, b, blen) != 1) ||
	    EVP_DigestFinal_ex(ctx, out, &n) != 1)
		sign_crypto_fail("digest");
}

/* HMAC (RFC 2104) over the EVP digest interface: the HMAC_* calls are
 * deprecated in OpenSSL 3 and EVP_MAC would fetch and allocate per call. */
static size_t
sign_hmac(bool sha256, const void *key, size_t key_len, const void *msg,
	size_t msg_len, unsigned char out[EVP_MAX_MD_SIZE])
{
	const EVP_MD *md = sign_md(sha256);
	size_t md_len = (size_t)EVP_MD_get_size(md);
	unsigned char k[SIGN_HMAC_BLOCK];
	unsigned char pad[SIGN_HMAC_BLOCK];
	unsigned char inner[EVP_MAX_MD_SIZE];
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (!ctx)
		sign_crypto_fail("EVP_MD_CTX_new");

	memset(k, 0, sizeof(k));
	if (key_len > SIGN_HMAC_BLOCK)
		sign_digest_parts(ctx, md, key, key_len, NULL, 0, k);
	else if (key_len)
		memcpy(k, key, key_len);

	for (size_t i = 0; i < SIGN_HMAC_BLOCK; i++)
		pad[i] = k[i] ^ 0x36;
	sign_digest_parts(ctx, md, pad, sizeof(pad), msg, msg_len, inner);
	for (size_t i = 0; i < SIGN_HMAC_BLOCK; i++)
		pad[i] = k[i] ^ 0x5c;
	sign_digest_parts(ctx, md, pad, sizeof(pad), inner, md_len, out);

	EVP_MD_CTX_free(ctx);
	OPENSSL_cleanse(k, sizeof(k));
	OPENSSL_cleanse(pad, sizeof(pad));
	return md_len;
}

static void
sign_hex(const unsigned char *bytes, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = sign_hex_lower[bytes[i] >> 4];
		out[2 * i + 1] = sign_hex_lower[bytes[i] & 15];
	}
	out[2 * n] = '\0';
}

void
sign_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (EVP_Digest(data, len, md, &n, sign_md(true), NULL) != 1 || n != 32)
		sign_crypto_fail("SHA-256");
	sign_hex(md, 32, out);
}

void
sign_hmac_sha256_hex(const char *key, const void *msg, size_t len,
	char out[65])
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	size_t n = sign_hmac(true, key, strlen(key), msg, len, mac);
	sign_hex(mac, n, out);
}

static void
sign_base64(const unsigned char *bytes, size_t n, char out[64])
{
	/* 20 bytes of SHA-1 give 28 characters; nothing longer comes here. */
	if (n > 45)
		abort();
	EVP_EncodeBlock((unsigned char *)out, bytes, (int)n);
}

void
sign_hmac_sha1_b64(const char *key, const void *msg, size_t len, char out[64])
{
	unsigned char mac[EVP_MAX_MD_SIZE];
	size_t n = sign_hmac(false, key, strlen(key), msg, len, mac);
	sign_base64(mac, n, out);
}

/* One header to sign: lower-cased name (in the name store) and the value
 * with surrounding whitespace trimmed. */
struct sign_header {
	const char *name;
	const char *value;
	size_t value_len;
};

static bool
sign_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
		c == '\f';
}

/* Name first, then value: equal names then list their values sorted,
 * which is exactly the merge rule for duplicate headers. */
static int
sign_header_cmp(const void *pa, const void *pb)
{
	const struct sign_header *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);
	if (c)
		return c;
	size_t n = a->value_len < b->value_len ? a->value_len : b->value_len;
	c = memcmp(a->value, b->value, n);
	if (c)
		return c;
	return (a->value_len > b->value_len) - (a->value_len < b->value_len);
}

static void
sign_sort_headers(struct sign_header *h, size_t n)
{
	if (n > 16) {
		qsort(h, n, sizeof(*h), sign_header_cmp);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		struct sign_header x = h[i];
		size_t j = i;
		while (j > 0 && sign_header_cmp(&h[j - 1], &x) > 0) {
			h[j] = h[j - 1];
			j--;
		}
		h[j] = x;
	}
}

/* Appends "name:v1,v2\n" lines to canon and "a;b" to signed_headers. */
static void
sign_canonical_headers(const struct params *headers, struct buf *canon,
	struct buf *signed_headers)
{
	size_t n = headers ? headers->count : 0;
	struct sign_header stack_h[SIGN_STACK_HEADERS];
	char stack_names[SIGN_STACK_NAME_BYTES];
	struct sign_header *h = stack_h;
	char *names = stack_names;

	size_t name_bytes = 0;
	for (size_t i = 0; i < n; i++)
		name_bytes += strlen(headers->items[i].name) + 1;
	if (n > SIGN_STACK_HEADERS)
		h = xmalloc(n * sizeof(*h));
	if (name_bytes > SIGN_STACK_NAME_BYTES)
		names = xmalloc(name_bytes);

	char *w = names;
	for (size_t i = 0; i < n; i++) {
		const char *src = headers->items[i].name;
		h[i].name = w;
		for (; *src; src++) {
			char c = *src;
			*w++ = c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
		}
		*w++ = '\0';
		const char *v = headers->items[i].value;
		size_t vlen = strlen(v);
		while (vlen && sign_is_space(*v)) {
			v++;
			vlen--;
		}
		while (vlen && sign_is_space(v[vlen - 1]))
			vlen--;
		h[i].value = v;
		h[i].value_len = vlen;
	}
	sign_sort_headers(h, n);

	for (size_t i = 0; i < n; i++) {
		bool same_as_prev = i > 0 && strcmp(h[i - 1].name, h[i].name) == 0;
		if (same_as_prev) {
			buf_putc(canon, ',');
		} else {
			if (i > 0) {
				buf_putc(canon, '\n');
				buf_putc(signed_headers, ';');
			}
			size_t name_len = strlen(h[i].name);
			buf_append(canon, h[i].name, name_len);
			buf_putc(canon, ':');
			buf_append(signed_headers, h[i].name, name_len);
		}
		buf_append(canon, h[i].value, h[i].value_len);
	}
	if (n)
		buf_putc(canon, '\n');
	else
		buf_append(signed_headers, "", 0);

	if (h != stack_h)
		free(h);
	if (names != stack_names)
		free(names);
}

/* `out` must start zeroed ({0}) or hold an earlier result: its buffers are
 * reset and reused, so signing in a loop does not allocate. */
void
sign_v3(const struct sign_v3_input *in, struct sign_v3_output *out)
{
	struct buf *cr = &out->canonical_request;
	buf_reset(cr);
	buf_reset(&out->signed_headers);
	buf_reset(&out->string_to_sign);
	buf_reset(&out->authorization);

	buf_puts(cr, in->method ? in->method : "");
	buf_putc(cr, '\n');
	buf_puts(cr, in->pathname && *in->pathname ? in->pathname : "/");
	buf_putc(cr, '\n');
	if (in->query)
		params_canonical(in->query, cr);
	buf_putc(cr, '\n');
	sign_canonical_headers(in->headers, cr, &out->signed_headers);
	buf_putc(cr, '\n');
	buf_append(cr, out->signed_headers.data, out->signed_headers.len);
	buf_putc(cr, '\n');
	buf_puts(cr, in->payload_hash ? in->payload_hash : SIGN_EMPTY_SHA256);

	sign_sha256_hex(cr->data, cr->len, out->hashed_canonical_request);

	struct buf *sts = &out->string_to_sign;
	buf_append(sts, SIGN_V3_ALGORITHM "\n", sizeof(SIGN_V3_ALGORITHM));
	buf_append(sts, out->hashed_canonical_request, 64);

	sign_hmac_sha256_hex(in->access_key_secret ? in->access_key_secret : "",
		sts->data, sts->len, out->signature);

	struct buf *auth = &out->authorization;
	buf_puts(auth, SIGN_V3_ALGORITHM " Credential=");
	buf_puts(auth, in->access_key_id ? in->access_key_id : "");
	buf_puts(auth, ",SignedHeaders=");
	buf_append(auth, out->signed_headers.data, out->signed_headers.len);
	buf_puts(auth, ",Signature=");
	buf_append(auth, out->signature, 64);
}

void
sign_v3_output_free(struct sign_v3_output *out)
{
	buf_free(&out->canonical_request);
	buf_free(&out->string_to_sign);
	buf_free(&out->signed_headers);
	buf_free(&out->authorization);
	memset(out->hashed_canonical_request, 0,
		sizeof(out->hashed_canonical_request));
	memset(out->signature, 0, sizeof(out->signature));
}

void
sign_v2(const char *method, const struct params *all_params,
	const char *access_key_secret, struct buf *string_to_sign,
	char signature_b64[64])
{
	struct buf canonical = BUF_INIT;
	params_canonical(all_params, &canonical);

	buf_reset(string_to_sign);
	buf_puts(string_to_sign, method ? method : "");
	buf_puts(string_to_sign, "&%2F&");
	params_percent_encode(string_to_sign, canonical.data, canonical.len);
	buf_free(&canonical);

	/* The V2 key is the secret followed by '&'. */
	const char *secret = access_key_secret ? access_key_secret : "";
	size_t secret_len = strlen(secret);
	char stack_key[128];
	char *key = secret_len + 1 <= sizeof(stack_key) ? stack_key :
		xmalloc(secret_len + 1);
	memcpy(key, secret, secret_len);
	key[secret_len] = '&';

	unsigned char mac[EVP_MAX_MD_SIZE];
	size_t n = sign_hmac(false, key, secret_len + 1, string_to_sign->data,
		string_to_sign->len, mac);
	OPENSSL_cleanse(key, secret_len + 1);
	if (key != stack_key)
		free(key);
	sign_base64(mac, n, signature_b64);
}

static void
sign_put_digits(char *out, int value, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		out[i] = (char)('0' + value % 10);
		value /= 10;
	}
}

/* Years outside 0000-9999 cannot be written in this form; they give "". */
void
sign_format_time(time_t t, char out[32])
{
	struct tm tm;
	out[0] = '\0';
	if (!gmtime_r(&t, &tm))
		return;
	int year = tm.tm_year + 1900;
	if (tm.tm_year > 9999 - 1900 || year < 0)
		return;
	memcpy(out, "0000-00-00T00:00:00Z", 21);
	sign_put_digits(out, year, 4);
	sign_put_digits(out + 5, tm.tm_mon + 1, 2);
	sign_put_digits(out + 8, tm.tm_mday, 2);
	sign_put_digits(out + 11, tm.tm_hour, 2);
	sign_put_digits(out + 14, tm.tm_min, 2);
	sign_put_digits(out + 17, tm.tm_sec, 2);
}

static int
sign_read_digits(const char *s, int width)
{
	int v = 0;
	for (int i = 0; i < width; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
sign_parse_time(const char *s, time_t *out)
{
	static const char shape[] = "0000-00-00T00:00:00Z";
	if (!s || strlen(s) != sizeof(shape) - 1)
		return -1;
	for (size_t i = 0; i < sizeof(shape) - 1; i++)
		if (shape[i] != '0' && s[i] != shape[i])
			return -1;
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	int year = sign_read_digits(s, 4);
	int mon = sign_read_digits(s + 5, 2);
	int mday = sign_read_digits(s + 8, 2);
	int hour = sign_read_digits(s + 11, 2);
	int min = sign_read_digits(s + 14, 2);
	int sec = sign_read_digits(s + 17, 2);
	if (year < 0 || mon < 1 || mon > 12 || mday < 1 || mday > 31 ||
	    hour < 0 || hour > 23 || min < 0 || min > 59 || sec < 0 || sec > 59)
		return -1;
	tm.tm_year = year - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = mday;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	time_t t = timegm(&tm);
	/* timegm normalises Feb 30 to Mar 2: a changed field means the date
	 * did not exist. */
	if (tm.tm_mday != mday || tm.tm_mon != mon - 1 ||
	    tm.tm_year != year - 1900)
		return -1;
	*out = t;
	return 0;
}

static bool
sign_read_urandom(unsigned char *p, size_t n)
{
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, p + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	return got == n;
}

static bool
sign_getrandom(unsigned char *p, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = getrandom(p + got, n - got, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	return true;
}

void
sign_nonce(char out[33])
{
	unsigned char raw[16];
	/* A guessable nonce would let a request be replayed: without any
	 * source of randomness there is no safe way on. */
	if (!sign_getrandom(raw, sizeof(raw)) &&
	    !sign_read_urandom(raw, sizeof(raw)) &&
	    RAND_bytes(raw, sizeof(raw)) != 1) {
		fputs("alicfg: no source of random numbers\n", stderr);
		abort();
	}
	sign_hex(raw, sizeof(raw), out);
}
