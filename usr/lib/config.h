/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Requests about an instance's configuration beyond its tables, over a
 * netlink session (nl.h): its globals (NAT64_CMD_GLOBAL_*), and its two
 * sets of IPv4 prefixes, the denylist (NAT64_CMD_DENY_*) and the RFC 6791
 * pool (NAT64_CMD_POOL6791_*).
 */
#ifndef NAT64_CONFIG_H
#define NAT64_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "nl.h"

/* One global and its value, as the kernel knows it (NAT64_G_*). */
struct nat64_global_val {
	uint16_t id;
	uint32_t value;
};

/* Every global of an instance: value[NAT64_G_*], set[] where present. */
struct nat64_globals_info {
	uint32_t value[NAT64_G_MAX + 1];
	uint8_t set[NAT64_G_MAX + 1];
};

/* Sets n globals at once (the kernel applies all or none). */
int nat64_global_set(struct nat64_nl *nl, const char *instance,
		     const struct nat64_global_val *v, size_t n);
int nat64_global_get(struct nat64_nl *nl, const char *instance,
		     struct nat64_globals_info *out);

/* Which set of IPv4 prefixes. */
enum nat64_addr4set_kind {
	NAT64_SET_DENY,
	NAT64_SET_POOL6791,
};

struct nat64_prefix4_info {
	struct in_addr addr;
	uint8_t len;
};

struct nat64_prefix4_list {
	struct nat64_prefix4_info *v;
	size_t n, cap;
};

/* -EINVAL (host bits), -EEXIST (there, or overlapping), -ENOSPC, -ENOENT. */
int nat64_addr4set_add(struct nat64_nl *nl, enum nat64_addr4set_kind kind,
		       const char *instance, const struct nat64_prefix4_info *p);
int nat64_addr4set_del(struct nat64_nl *nl, enum nat64_addr4set_kind kind,
		       const char *instance, const struct nat64_prefix4_info *p);
int nat64_addr4set_flush(struct nat64_nl *nl, enum nat64_addr4set_kind kind,
			 const char *instance);
int nat64_addr4set_dump(struct nat64_nl *nl, enum nat64_addr4set_kind kind,
			const char *instance, struct nat64_prefix4_list *out);
void nat64_prefix4_list_free(struct nat64_prefix4_list *list);

#endif /* NAT64_CONFIG_H */
