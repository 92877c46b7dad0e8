/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Instance requests over a netlink session (nl.h): create, delete, read
 * one, read all, each with or without counters. Callers validate names and
 * modes with parse.h first; the kernel checks again.
 */
#ifndef NAT64_INSTANCE_H
#define NAT64_INSTANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/nat64.h>

#include "nl.h"

/* Counters kept per instance; ids past this many are not read. */
#define NAT64_COUNTERS_MAX 64

struct nat64_counter {
	uint16_t id;		/* NAT64_STAT_*, or one we do not know yet */
	uint64_t value;
};

struct nat64_instance_info {
	char name[NAT64_INSTANCE_NAMSIZ];
	unsigned int mode;	/* enum nat64_mode, as the kernel sent it */
	bool has_id;
	uint32_t id;
	bool has_framework;
	unsigned int framework;	/* enum nat64_framework, as sent */
	bool has_stats;
	unsigned int n_counters;	/* in the kernel's order */
	struct nat64_counter counters[NAT64_COUNTERS_MAX];
};

struct nat64_instance_list {
	struct nat64_instance_info *v;
	size_t n, cap;
};

int nat64_instance_add(struct nat64_nl *nl, const char *name,
		       enum nat64_mode mode, enum nat64_framework fw);
int nat64_instance_del(struct nat64_nl *nl, const char *name);

/* One instance by name; with stats, its counters too. */
int nat64_instance_get(struct nat64_nl *nl, const char *name, bool stats,
		       struct nat64_instance_info *out);

/* Every instance of the namespace, in the kernel's order. */
int nat64_instance_dump(struct nat64_nl *nl, bool stats,
			struct nat64_instance_list *out);
void nat64_instance_list_free(struct nat64_instance_list *list);

#endif /* NAT64_INSTANCE_H */
