/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The generic netlink family "NAT64" (see include/uapi/linux/nat64.h).
 */
#ifndef NAT64_NETLINK_H
#define NAT64_NETLINK_H

#include <net/genetlink.h>

struct nat64_instance;
struct nat64_pernet;

extern struct genl_family nat64_family;

/* The family's multicast groups, by index. */
enum nat64_mcgrp {
	NAT64_MCGRP_EVENTS_ID,		/* NAT64_MCGRP_EVENTS */
};

int nat64_netlink_init(void);
void nat64_netlink_exit(void);

/*
 * Holds pn->lock or rcu_read_lock(). The instance that NAT64_A_INSTANCE of
 * @attrs names, or NULL with the reason in @extack.
 */
struct nat64_instance *nat64_nl_req_instance(struct nat64_pernet *pn,
					     struct nlattr **attrs,
					     struct netlink_ext_ack *extack);

#endif /* NAT64_NETLINK_H */
