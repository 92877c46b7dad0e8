// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Netfilter hooks of an instance.
 *
 * A siit instance hooks IPv4 and IPv6 PREROUTING of its namespace before
 * defragmentation (RFC 7915 translates fragments one by one); a nat64
 * instance right after it (RFC 6146 3.4: a flow's state needs the ports
 * that only the first fragment carries, so the kernel's nf_defrag
 * reassembles first). Both come before conntrack, which never sees a
 * packet that the instance translates.
 * An instance of the iptables framework hooks nothing: the xtables target
 * (xt.c) hands it the packets that rules select.
 */
#include <linux/netfilter_ipv4.h>
#include <linux/netfilter_ipv6.h>
#include <net/netfilter/ipv4/nf_defrag_ipv4.h>
#include <net/netfilter/ipv6/nf_defrag_ipv6.h>

#include "core.h"
#include "hook.h"
#include "instance.h"

#define NAT64_HOOK_PRIORITY (NF_IP_PRI_CONNTRACK_DEFRAG - 50)
#define NAT64_HOOK_PRIORITY_STATEFUL (NF_IP_PRI_CONNTRACK_DEFRAG + 1)

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
	bool nat64 = inst->mode == NAT64_MODE_NAT64;
	int prio = nat64 ? NAT64_HOOK_PRIORITY_STATEFUL : NAT64_HOOK_PRIORITY;
	int err;

	if (nat64) {
		/* -j NAT64 rules (mangle) come after defragmentation too */
		err = nf_defrag_ipv4_enable(inst->net);
		if (err)
			return err;
		err = nf_defrag_ipv6_enable(inst->net);
		if (err) {
			nf_defrag_ipv4_disable(inst->net);
			return err;
		}
		inst->defrag = true;
	}
	if ((inst->mode != NAT64_MODE_SIIT && !nat64) ||
	    inst->framework != NAT64_FW_NETFILTER)
		return 0;
	inst->hooks[0] = (struct nf_hook_ops) {
		.hook = hook_46,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = prio,
		.priv = inst,
	};
	inst->hooks[1] = (struct nf_hook_ops) {
		.hook = hook_64,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_PRE_ROUTING,
		.priority = prio,
		.priv = inst,
	};
	err = nf_register_net_hooks(inst->net, inst->hooks,
				    ARRAY_SIZE(inst->hooks));
	if (!err)
		inst->hooked = true;
	else
		nat64_hook_teardown(inst);
	return err;
}

/* Process context. Returns after every running hook call has finished. */
void nat64_hook_teardown(struct nat64_instance *inst)
{
	if (inst->hooked) {
		nf_unregister_net_hooks(inst->net, inst->hooks,
					ARRAY_SIZE(inst->hooks));
		inst->hooked = false;
	}
	if (inst->defrag) {
		nf_defrag_ipv6_disable(inst->net);
		nf_defrag_ipv4_disable(inst->net);
		inst->defrag = false;
	}
}
