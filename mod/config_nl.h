/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The netlink commands of an instance's globals (NAT64_CMD_GLOBAL_*), its
 * denylist (NAT64_CMD_DENY_*) and its RFC 6791 pool (NAT64_CMD_POOL6791_*);
 * netlink.c lists them in the family's operations.
 */
#ifndef NAT64_CONFIG_NL_H
#define NAT64_CONFIG_NL_H

#include <net/genetlink.h>
#include <linux/nat64.h>

/* GLOBAL_SET. */
extern const struct nla_policy nat64_global_set_policy[NAT64_A_MAX + 1];
/* DENY_ADD/_DEL and POOL6791_ADD/_DEL. */
extern const struct nla_policy nat64_addr4set_policy[NAT64_A_MAX + 1];

int nat64_global_nl_set(struct sk_buff *skb, struct genl_info *info);
int nat64_global_nl_get(struct sk_buff *skb, struct genl_info *info);
/* _ADD, _DEL and _FLUSH of both sets. */
int nat64_addr4set_nl_doit(struct sk_buff *skb, struct genl_info *info);
/* _GET of both sets. */
int nat64_addr4set_nl_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* NAT64_CONFIG_NL_H */
