// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small streaming JSON writer (RFC 8259).
 */
#include <inttypes.h>

#include "json.h"

void nat64_json_init(struct nat64_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->after_key = false;
	j->not_first[0] = false;
}

/* Before any value or key: the comma that separates it from the last. */
static void separate(struct nat64_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->not_first[j->depth])
		fputc(',', j->f);
	j->not_first[j->depth] = true;
}

static void push(struct nat64_json *j, char c)
{
	separate(j);
	fputc(c, j->f);
	/* Deeper than we ever nest: keep writing, commas may be off. */
	if (j->depth + 1 < NAT64_JSON_DEPTH)
		j->depth++;
	j->not_first[j->depth] = false;
}

static void pop(struct nat64_json *j, char c)
{
	fputc(c, j->f);
	if (j->depth)
		j->depth--;
}

void nat64_json_object_begin(struct nat64_json *j)
{
	push(j, '{');
}

void nat64_json_object_end(struct nat64_json *j)
{
	pop(j, '}');
}

void nat64_json_array_begin(struct nat64_json *j)
{
	push(j, '[');
}

void nat64_json_array_end(struct nat64_json *j)
{
	pop(j, ']');
}

/*
 * The length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or 0.
 */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned int cp;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	n = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	cp = s[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/* A JSON string; a byte that is not UTF-8 becomes U+FFFD. */
static void quoted(struct nat64_json *j, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	fputc('"', j->f);
	while (*s) {
		if (*s >= 0x80) {
			n = utf8_len(s);
			if (n)
				fwrite(s, 1, n, j->f);
			else
				fputs("\\ufffd", j->f);
			s += n ? n : 1;
			continue;
		}
		switch (*s) {
		case '"':
			fputs("\\\"", j->f);
			break;
		case '\\':
			fputs("\\\\", j->f);
			break;
		case '\n':
			fputs("\\n", j->f);
			break;
		case '\r':
			fputs("\\r", j->f);
			break;
		case '\t':
			fputs("\\t", j->f);
			break;
		default:
			if (*s < 0x20 || *s == 0x7f)
				fprintf(j->f, "\\u%04x", *s);
			else
				fputc(*s, j->f);
		}
		s++;
	}
	fputc('"', j->f);
}

void nat64_json_key(struct nat64_json *j, const char *key)
{
	separate(j);
	quoted(j, key);
	fputc(':', j->f);
	j->after_key = true;
}

void nat64_json_string(struct nat64_json *j, const char *s)
{
	separate(j);
	quoted(j, s);
}

void nat64_json_u64(struct nat64_json *j, uint64_t v)
{
	separate(j);
	fprintf(j->f, "%" PRIu64, v);
}

void nat64_json_bool(struct nat64_json *j, bool v)
{
	separate(j);
	fputs(v ? "true" : "false", j->f);
}

void nat64_json_end(struct nat64_json *j)
{
	fputc('\n', j->f);
}

void nat64_json_kv_string(struct nat64_json *j, const char *key,
			  const char *s)
{
	nat64_json_key(j, key);
	nat64_json_string(j, s);
}

void nat64_json_kv_u64(struct nat64_json *j, const char *key, uint64_t v)
{
	nat64_json_key(j, key);
	nat64_json_u64(j, v);
}

void nat64_json_kv_bool(struct nat64_json *j, const char *key, bool v)
{
	nat64_json_key(j, key);
	nat64_json_bool(j, v);
}
