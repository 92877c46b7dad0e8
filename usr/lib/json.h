/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small streaming JSON writer: objects, arrays, strings, unsigned
 * numbers, booleans. It writes compact JSON on one line; the caller ends the
 * document with nat64_json_end(), which adds the newline.
 *
 *	struct nat64_json j;
 *
 *	nat64_json_init(&j, stdout);
 *	nat64_json_object_begin(&j);
 *	nat64_json_key(&j, "name");
 *	nat64_json_string(&j, "clat");
 *	nat64_json_object_end(&j);
 *	nat64_json_end(&j);		-> {"name":"clat"}
 */
#ifndef NAT64_JSON_H
#define NAT64_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define NAT64_JSON_DEPTH 16

struct nat64_json {
	FILE *f;
	unsigned int depth;
	bool after_key;				/* a value completes a member */
	bool not_first[NAT64_JSON_DEPTH];	/* per level: a comma is due */
};

void nat64_json_init(struct nat64_json *j, FILE *f);
void nat64_json_object_begin(struct nat64_json *j);
void nat64_json_object_end(struct nat64_json *j);
void nat64_json_array_begin(struct nat64_json *j);
void nat64_json_array_end(struct nat64_json *j);
void nat64_json_key(struct nat64_json *j, const char *key);
void nat64_json_string(struct nat64_json *j, const char *s);
void nat64_json_u64(struct nat64_json *j, uint64_t v);
void nat64_json_bool(struct nat64_json *j, bool v);
void nat64_json_end(struct nat64_json *j);

/* A key and its value, in one call. */
void nat64_json_kv_string(struct nat64_json *j, const char *key,
			  const char *s);
void nat64_json_kv_u64(struct nat64_json *j, const char *key, uint64_t v);
void nat64_json_kv_bool(struct nat64_json *j, const char *key, bool v);

#endif /* NAT64_JSON_H */
