/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * EAM requests over a netlink session (nl.h): add, delete and flush the
 * Explicit Address Mappings (RFC 7757) of an instance, read them all. The
 * kernel checks the entries (host bits, RFC 7757 section 3.2, duplicates)
 * and says why it refuses one.
 */
#ifndef NAT64_EAM_H
#define NAT64_EAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "nl.h"

/* One mapping: p4/l4 <-> p6/l6. */
struct nat64_eam_map {
	struct in_addr p4;
	uint8_t l4;
	struct in6_addr p6;
	uint8_t l6;
};

struct nat64_eam_list {
	struct nat64_eam_map *v;	/* in the kernel's order: oldest first */
	size_t n, cap;
};

/* Which halves of a mapping a deletion names. */
#define NAT64_EAM_MAP_V4	0x1
#define NAT64_EAM_MAP_V6	0x2

/* -EINVAL, -EEXIST, -ENOSPC, -ENOENT (no instance) as nat64.h says. */
int nat64_eam_add(struct nat64_nl *nl, const char *instance,
		  const struct nat64_eam_map *m);

/* The entry with m's IPv4 prefix, IPv6 prefix or both (which). */
int nat64_eam_del(struct nat64_nl *nl, const char *instance,
		  const struct nat64_eam_map *m, unsigned int which);

int nat64_eam_flush(struct nat64_nl *nl, const char *instance);

/* Every entry of the instance (a dump, restarted if it changes). */
int nat64_eam_dump(struct nat64_nl *nl, const char *instance,
		   struct nat64_eam_list *out);
void nat64_eam_list_free(struct nat64_eam_list *list);

#endif /* NAT64_EAM_H */
