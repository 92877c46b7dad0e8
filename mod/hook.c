// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Netfilter hooks of an instance.
 *
 * A siit or nat64 instance hooks IPv4 and IPv6 PREROUTING of its
 * namespace, before defragmentation (RFC 7915 translates fragments one by
 * one) and before conntrack, which never sees a packet that the instance
 * translates.
 * An instance of the iptables framework hooks nothing: the xtables target
 * (xt.c) hands it the packets that rules select.
 */
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>

#include "core.h"
#include "hook.h"
#include "instance.h"

#define NAT64_HOOK_PRIORITY (NF_IP_PRI_CONNTRACK_DEFRAG - 50)

/* Softirq (PREROUTING). */
static unsigned int hook_46(void *priv, struct sk_buff *skb,
			    const struct nf_hook_state *state)
{
	return nat64_core_46(priv, skb);
}

static unsigned int hook_64(void *priv, struct sk_buff *skb,
			    const struct nf_hook_state *state)
{
	return nat64_core_64(priv, skb);
}

/* Process context, holds the namespace lock. */
int nat64_hook_setup(struct nat64_instance *inst)
{
	int err;

	if ((inst->mode != NAT64_MODE_SIIT && inst->mode != NAT64_MODE_NAT64) ||
	    inst->framework != NAT64_FW_NETFILTER)
		return 0;
	inst->hooks[0] = (struct nf_hook_ops) {
		.hook = hook_46,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = NAT64_HOOK_PRIORITY,
		.priv = inst,
	};
	inst->hooks[1] = (struct nf_hook_ops) {
		.hook = hook_64,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = NAT64_HOOK_PRIORITY,
		.priv = inst,
	};
	err = nf_register_net_hooks(inst->net, inst->hooks,
				    ARRAY_SIZE(inst->hooks));
	if (!err)
		inst->hooked = true;
	return err;
}

/* Process context. Returns after every running hook call has finished. */
void nat64_hook_teardown(struct nat64_instance *inst)
{
	if (!inst->hooked)
		return;
	nf_unregister_net_hooks(inst->net, inst->hooks, ARRAY_SIZE(inst->hooks));
	inst->hooked = false;
}
