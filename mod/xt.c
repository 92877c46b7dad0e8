// SPDX-License-Identifier: GPL-2.0-only
/*
 * The xtables target "NAT64": `-j NAT64 --instance NAME` in the mangle
 * table's PREROUTING chain hands the packets a rule matches to an instance
 * of the iptables framework, which registers no hooks of its own.
 *
 * Mangle PREROUTING runs after defragmentation and conntrack (priority
 * NF_IP_PRI_MANGLE, -150): when conntrack is in use in the namespace, the
 * target sees reassembled packets, not fragments. The translator then
 * fragments a reassembled IPv4 packet on the IPv6 side as RFC 7915 section
 * 4 says for DF=0. Translated packets leave with their conntrack reference
 * dropped (core.c, nf_reset_ct()).
 *
 * The rule keeps only the instance's name: each packet looks the instance
 * up under RCU, so deleting the instance needs no coordination with the
 * rules that name it; they pass packets until it comes back.
 */
#include <linux/module.h>
#include <linux/netfilter/x_tables.h>
#include <linux/netfilter/xt_NAT64.h>

#include "core.h"
#include "instance.h"
#include "xt.h"

/*
 * Softirq, under the RCU read side of the hook. The instance of that name
 * if it takes packets from rules, else NULL.
 */
static struct nat64_instance *target_instance(const struct xt_action_param *par)
{
	const struct xt_nat64_tginfo *info = par->targinfo;
	struct nat64_instance *inst;

	inst = nat64_instance_find_rcu(nat64_pernet(xt_net(par)),
				       info->instance);
	if (unlikely(!inst || inst->framework != NAT64_FW_IPTABLES ||
		     (inst->mode != NAT64_MODE_SIIT &&
		      inst->mode != NAT64_MODE_NAT64)))
		return NULL;
	return inst;
}

/* The one edge: a packet the instance does not take goes on to the next rule. */
static unsigned int xt_verdict(unsigned int nf)
{
	return nf == NF_ACCEPT ? XT_CONTINUE : nf;
}

/* Softirq (mangle PREROUTING). */
static unsigned int nat64_tg4(struct sk_buff *skb,
			      const struct xt_action_param *par)
{
	struct nat64_instance *inst = target_instance(par);

	if (!inst)
		return XT_CONTINUE;
	return xt_verdict(nat64_core_46(inst, skb));
}

static unsigned int nat64_tg6(struct sk_buff *skb,
			      const struct xt_action_param *par)
{
	struct nat64_instance *inst = target_instance(par);

	if (!inst)
		return XT_CONTINUE;
	return xt_verdict(nat64_core_64(inst, skb));
}

/*
 * Process context: a table replace (iptables-legacy, which checks every
 * rule of the table again on each change) or an nf_tables transaction
 * (iptables-nft). Takes nothing, so there is no destroy to mirror it.
 */
static int nat64_tg_check(const struct xt_tgchk_param *par)
{
	const struct xt_nat64_tginfo *info = par->targinfo;
	const struct nat64_instance *inst;
	const char *why = NULL;

	if (!nat64_instance_name_valid(info->instance)) {
		pr_info_ratelimited("NAT64: --instance: names are 1-15 characters of A-Z a-z 0-9 _ . -\n");
		return -EINVAL;
	}
	rcu_read_lock();
	inst = nat64_instance_find_rcu(nat64_pernet(par->net), info->instance);
	if (!inst)
		why = "no such instance in this network namespace";
	else if (inst->framework != NAT64_FW_IPTABLES)
		why = "its framework is netfilter: it translates by itself (create it with --framework iptables)";
	else if (inst->mode != NAT64_MODE_SIIT &&
		 inst->mode != NAT64_MODE_NAT64)
		why = "its mode has no data path yet";
	rcu_read_unlock();
	if (why) {
		pr_info_ratelimited("NAT64: instance %s: %s\n", info->instance,
				    why);
		return -EINVAL;
	}
	return 0;
}

static struct xt_target nat64_tg_reg[] __read_mostly = {
	{
		.name = "NAT64",
		.revision = 0,
		.family = NFPROTO_IPV4,
		.table = "mangle",
		.hooks = 1 << NF_INET_PRE_ROUTING,
		.target = nat64_tg4,
		.checkentry = nat64_tg_check,
		.targetsize = sizeof(struct xt_nat64_tginfo),
		.me = THIS_MODULE,
	},
	{
		.name = "NAT64",
		.revision = 0,
		.family = NFPROTO_IPV6,
		.table = "mangle",
		.hooks = 1 << NF_INET_PRE_ROUTING,
		.target = nat64_tg6,
		.checkentry = nat64_tg_check,
		.targetsize = sizeof(struct xt_nat64_tginfo),
		.me = THIS_MODULE,
	},
};

int __init nat64_xt_init(void)
{
	return xt_register_targets(nat64_tg_reg, ARRAY_SIZE(nat64_tg_reg));
}

/* Rules hold a reference on the module: none is left when this runs. */
void nat64_xt_exit(void)
{
	xt_unregister_targets(nat64_tg_reg, ARRAY_SIZE(nat64_tg_reg));
}
