/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The netlink commands of a stateful (nat64) instance: NAT64_CMD_POOL4_*,
 * NAT64_CMD_BIB_*, NAT64_CMD_SESSION_GET and NAT64_CMD_DET_*; netlink.c lists them in the
 * family's operations.
 */
#ifndef NAT64_STATE_NL_H
#define NAT64_STATE_NL_H

#include <net/genetlink.h>
#include <linux/nat64.h>

struct nat64_det;

/* POOL4_ADD, POOL4_DEL. */
extern const struct nla_policy nat64_pool4_policy[NAT64_A_MAX + 1];
/* BIB_ADD, BIB_DEL. */
extern const struct nla_policy nat64_bib_policy[NAT64_A_MAX + 1];
/* BIB_GET, SESSION_GET: the instance and an optional protocol. */
extern const struct nla_policy nat64_state_dump_policy[NAT64_A_MAX + 1];
/* DET_SET (DET_DEL, DET_GET take nat64_state_instance_policy). */
extern const struct nla_policy nat64_det_policy[NAT64_A_MAX + 1];
/* POOL4_GET, POOL4_FLUSH, DET_DEL, DET_GET: the instance only. */
extern const struct nla_policy nat64_state_instance_policy[NAT64_A_MAX + 1];

/* POOL4_ADD, _DEL, _FLUSH. */
int nat64_pool4_nl_doit(struct sk_buff *skb, struct genl_info *info);
int nat64_pool4_nl_dump(struct sk_buff *skb, struct netlink_callback *cb);
/* BIB_ADD, _DEL. */
int nat64_bib_nl_doit(struct sk_buff *skb, struct genl_info *info);
int nat64_bib_nl_dump(struct sk_buff *skb, struct netlink_callback *cb);
int nat64_session_nl_dump(struct sk_buff *skb, struct netlink_callback *cb);
/* PBA_GET. */
int nat64_pba_nl_dump(struct sk_buff *skb, struct netlink_callback *cb);
/* DET_SET, _DEL, _GET. */
int nat64_det_nl_doit(struct sk_buff *skb, struct genl_info *info);
/*
 * The rule's attributes but BLOCKS (PREFIX6, PREFIX6_LEN, SUB_LEN,
 * PREFIX4, PREFIX4_LEN, PORT_MIN, PORT_MAX): 0 or -EMSGSIZE.
 */
int nat64_det_put(struct sk_buff *skb, const struct nat64_det *d);

#endif /* NAT64_STATE_NL_H */
