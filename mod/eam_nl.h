/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The netlink commands of the EAM table (NAT64_CMD_EAM_*); netlink.c lists
 * them in the family's operations.
 */
#ifndef NAT64_EAM_NL_H
#define NAT64_EAM_NL_H

#include <net/genetlink.h>
#include <linux/nat64.h>

/* NAT64_CMD_EAM_ADD and _DEL. */
extern const struct nla_policy nat64_eam_policy[NAT64_A_MAX + 1];
/* NAT64_CMD_EAM_GET and _FLUSH: the instance only. */
extern const struct nla_policy nat64_eam_instance_policy[NAT64_A_MAX + 1];

/* NAT64_CMD_EAM_ADD, _DEL and _FLUSH. */
int nat64_eam_nl_doit(struct sk_buff *skb, struct genl_info *info);
/* NAT64_CMD_EAM_GET. */
int nat64_eam_nl_dump(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* NAT64_EAM_NL_H */
