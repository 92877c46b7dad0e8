/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool6 requests over a netlink session (nl.h): add or delete an RFC 6052
 * prefix of an instance, read all the prefixes of an instance. Callers
 * check prefixes with nat64_parse_prefix6() first (parse.h); the kernel
 * checks again, with the same code.
 */
#ifndef NAT64_PREFIX_H
#define NAT64_PREFIX_H

#include <stddef.h>

#include "nl.h"
#include "rfc6052.h"

struct nat64_prefix_list {
	struct nat64_prefix6 *v;	/* in the kernel's order */
	size_t n, cap;
};

/* -EEXIST, -ENOENT (instance or prefix), -ENOSPC, -EINVAL as nat64.h says. */
int nat64_prefix_add(struct nat64_nl *nl, const char *instance,
		     const struct nat64_prefix6 *p);
int nat64_prefix_del(struct nat64_nl *nl, const char *instance,
		     const struct nat64_prefix6 *p);

/* Every prefix of the instance (a dump); -ENOENT if there is none such. */
int nat64_prefix_dump(struct nat64_nl *nl, const char *instance,
		      struct nat64_prefix_list *out);
void nat64_prefix_list_free(struct nat64_prefix_list *list);

/*
 * The first prefix of list that holds a, in the kernel's order (the one
 * the data path uses), or NULL.
 */
const struct nat64_prefix6 *
nat64_prefix_find(const struct nat64_prefix_list *list,
		  const struct in6_addr *a);

#endif /* NAT64_PREFIX_H */
