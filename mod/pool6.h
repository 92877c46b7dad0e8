/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * pool6: the RFC 6052 prefixes of an instance.
 */
#ifndef NAT64_POOL6_H
#define NAT64_POOL6_H

#include <linux/rcupdate.h>
#include <linux/netlink.h>

#include "rfc6052.h"

#define NAT64_POOL6_MAX 16

/* Immutable once published; replaced as a whole (RCU). */
struct nat64_pool6 {
	struct rcu_head rcu;
	unsigned int n;
	struct nat64_prefix6 p[];
};

struct nat64_instance;
struct nat64_pernet;

int nat64_pool6_add(struct nat64_pernet *pn, struct nat64_instance *inst,
		    const struct nat64_prefix6 *p,
		    struct netlink_ext_ack *extack);
int nat64_pool6_del(struct nat64_pernet *pn, struct nat64_instance *inst,
		    const struct nat64_prefix6 *p,
		    struct netlink_ext_ack *extack);
void nat64_pool6_free(struct nat64_instance *inst);

/* Caller holds rcu_read_lock(). NULL or the first prefix holding a. */
const struct nat64_prefix6 *nat64_pool6_find_rcu(struct nat64_instance *inst,
						 const struct in6_addr *a);

#endif /* NAT64_POOL6_H */
