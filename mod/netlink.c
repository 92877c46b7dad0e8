// SPDX-License-Identifier: GPL-2.0-only
/*
 * The generic netlink family "NAT64": the control channel.
 *
 * The family is not parallel_ops: genetlink serialises our doit and dumpit
 * callbacks, and each also takes the namespace's own lock (or RCU for
 * dumps) because namespace exit runs outside genetlink.
 */
#include <net/genetlink.h>
#include <net/sock.h>

#include "config_nl.h"
#include "eam_nl.h"
#include "event.h"
#include "instance.h"
#include "netlink.h"
#include "pool6.h"
#include "state_nl.h"

static const struct genl_multicast_group nat64_mcgrps[] = {
	/* who used which port: for the namespace's administrators only */
	[NAT64_MCGRP_EVENTS_ID] = { .name = NAT64_MCGRP_EVENTS,
				    .flags = GENL_MCAST_CAP_NET_ADMIN },
};

static const struct nla_policy instance_new_policy[NAT64_A_MAX + 1] = {
	[NAT64_A_INSTANCE] = { .type = NLA_NUL_STRING,
			       .len = NAT64_INSTANCE_NAMSIZ - 1 },
	[NAT64_A_MODE] = NLA_POLICY_RANGE(NLA_U8, NAT64_MODE_SIIT,
					  NAT64_MODE_MAX),
	[NAT64_A_FRAMEWORK] = NLA_POLICY_MAX(NLA_U8, NAT64_FW_MAX),
};

static const struct nla_policy instance_policy[NAT64_A_MAX + 1] = {
	[NAT64_A_INSTANCE] = { .type = NLA_NUL_STRING,
			       .len = NAT64_INSTANCE_NAMSIZ - 1 },
};

static const struct nla_policy prefix_policy[NAT64_A_MAX + 1] = {
	[NAT64_A_INSTANCE] = { .type = NLA_NUL_STRING,
			       .len = NAT64_INSTANCE_NAMSIZ - 1 },
	[NAT64_A_PREFIX6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[NAT64_A_PREFIX6_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

static int put_stats(struct sk_buff *skb, const struct nat64_instance *inst)
{
	u64 cnt[__NAT64_STAT_MAX];
	struct nlattr *nest;
	int i;

	nat64_stats_sum(&inst->stats, cnt);
	nest = nla_nest_start(skb, NAT64_A_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = NAT64_STAT_PAD + 1; i < __NAT64_STAT_MAX; i++)
		if (nla_put_u64_64bit(skb, i, cnt[i], NAT64_STAT_PAD))
			goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Any context; inst is protected by RCU or the namespace lock. */
static int fill_instance(struct sk_buff *skb, const struct nat64_instance *inst,
			 u32 portid, u32 seq, int flags, u8 cmd,
			 struct netlink_callback *cb)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &nat64_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (nla_put_string(skb, NAT64_A_INSTANCE, inst->name) ||
	    nla_put_u8(skb, NAT64_A_MODE, inst->mode) ||
	    nla_put_u32(skb, NAT64_A_INSTANCE_ID, inst->id) ||
	    nla_put_u8(skb, NAT64_A_FRAMEWORK, inst->framework))
		goto cancel;
	if (cmd == NAT64_CMD_STATS_GET && put_stats(skb, inst))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/* Process context, holds the namespace lock. Best effort: a listener that
 * misses an instance event sees it in the next dump.
 */
static void notify(struct net *net, const struct nat64_instance *inst, u8 cmd)
{
	struct sk_buff *skb;

	if (!genl_has_listeners(&nat64_family, net, NAT64_MCGRP_EVENTS_ID))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return;
	if (fill_instance(skb, inst, 0, 0, 0, cmd, NULL)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_multicast_netns(&nat64_family, net, skb, 0,
				NAT64_MCGRP_EVENTS_ID, GFP_KERNEL);
}

static int cmd_instance_new(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct nat64_pernet *pn = nat64_pernet(net);
	enum nat64_framework fw = NAT64_FW_NETFILTER;
	struct nat64_instance *inst;
	const char *name;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, NAT64_A_INSTANCE) ||
	    GENL_REQ_ATTR_CHECK(info, NAT64_A_MODE)) {
		NL_SET_ERR_MSG(info->extack, "an instance name and a mode are required");
		return -EINVAL;
	}
	name = nla_data(info->attrs[NAT64_A_INSTANCE]);
	if (!nat64_instance_name_valid(name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NAT64_A_INSTANCE],
				    "instance names are 1-15 characters of A-Z a-z 0-9 _ . -");
		return -EINVAL;
	}
	if (info->attrs[NAT64_A_FRAMEWORK])
		fw = nla_get_u8(info->attrs[NAT64_A_FRAMEWORK]);
	mutex_lock(&pn->lock);
	err = nat64_instance_setup(net, pn, name,
				   nla_get_u8(info->attrs[NAT64_A_MODE]), fw,
				   info->extack, &inst);
	if (!err)
		notify(net, inst, NAT64_CMD_INSTANCE_NEW);
	mutex_unlock(&pn->lock);
	return err;
}

static int cmd_instance_del(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct nat64_pernet *pn = nat64_pernet(net);
	struct nat64_instance *inst;
	int err = 0;

	if (GENL_REQ_ATTR_CHECK(info, NAT64_A_INSTANCE)) {
		NL_SET_ERR_MSG(info->extack, "an instance name is required");
		return -EINVAL;
	}
	mutex_lock(&pn->lock);
	inst = nat64_instance_find_rcu(pn,
				       nla_data(info->attrs[NAT64_A_INSTANCE]));
	if (!inst) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NAT64_A_INSTANCE],
				    "no such instance");
		err = -ENOENT;
		goto out;
	}
	notify(net, inst, NAT64_CMD_INSTANCE_DEL);
	nat64_instance_teardown(pn, inst);
out:
	mutex_unlock(&pn->lock);
	return err;
}

/* INSTANCE_GET and STATS_GET for one instance: the reply differs by cmd. */
static int cmd_get_one(struct sk_buff *skb, struct genl_info *info)
{
	struct nat64_pernet *pn = nat64_pernet(genl_info_net(info));
	struct nat64_instance *inst;
	struct sk_buff *msg;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, NAT64_A_INSTANCE)) {
		NL_SET_ERR_MSG(info->extack, "an instance name is required");
		return -EINVAL;
	}
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&pn->lock);
	inst = nat64_instance_find_rcu(pn,
				       nla_data(info->attrs[NAT64_A_INSTANCE]));
	if (!inst) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NAT64_A_INSTANCE],
				    "no such instance");
		err = -ENOENT;
	} else {
		err = fill_instance(msg, inst, info->snd_portid, info->snd_seq,
				    0, info->genlhdr->cmd, NULL);
	}
	mutex_unlock(&pn->lock);
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * Dump every instance of the namespace; cb->args[0] is the cursor (the
 * number of instances already sent). Consistency: cb->seq is the list
 * generation, so a change between two parts marks the dump interrupted.
 */
static int dump_instances(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nat64_pernet *pn = nat64_pernet(sock_net(skb->sk));
	const struct genl_dumpit_info *di = genl_dumpit_info(cb);
	struct nat64_instance *inst;
	long idx = 0, start = cb->args[0];

	rcu_read_lock();
	cb->seq = READ_ONCE(pn->gen);
	list_for_each_entry_rcu(inst, &pn->instances, list) {
		if (idx++ < start)
			continue;
		if (fill_instance(skb, inst, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, NLM_F_MULTI, di->op.cmd,
				  cb)) {
			idx--;
			break;
		}
	}
	rcu_read_unlock();
	cb->args[0] = idx;
	return skb->len;
}

/* Holds pn->lock or rcu_read_lock(). The instance named in the request. */
struct nat64_instance *nat64_nl_req_instance(struct nat64_pernet *pn,
					     struct nlattr **attrs,
					     struct netlink_ext_ack *extack)
{
	struct nat64_instance *inst;

	if (!attrs[NAT64_A_INSTANCE]) {
		NL_SET_ERR_MSG(extack, "an instance name is required");
		return NULL;
	}
	inst = nat64_instance_find_rcu(pn, nla_data(attrs[NAT64_A_INSTANCE]));
	if (!inst)
		NL_SET_ERR_MSG_ATTR(extack, attrs[NAT64_A_INSTANCE],
				    "no such instance");
	return inst;
}

static int cmd_prefix(struct sk_buff *skb, struct genl_info *info)
{
	struct nat64_pernet *pn = nat64_pernet(genl_info_net(info));
	struct nat64_instance *inst;
	struct nat64_prefix6 p;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, NAT64_A_PREFIX6) ||
	    GENL_REQ_ATTR_CHECK(info, NAT64_A_PREFIX6_LEN)) {
		NL_SET_ERR_MSG(info->extack, "a prefix and its length are required");
		return -EINVAL;
	}
	nla_memcpy(&p.addr, info->attrs[NAT64_A_PREFIX6], sizeof(p.addr));
	p.len = nla_get_u8(info->attrs[NAT64_A_PREFIX6_LEN]);
	mutex_lock(&pn->lock);
	inst = nat64_nl_req_instance(pn, info->attrs, info->extack);
	if (!inst)
		err = info->attrs[NAT64_A_INSTANCE] ? -ENOENT : -EINVAL;
	else if (info->genlhdr->cmd == NAT64_CMD_PREFIX_ADD)
		err = nat64_pool6_add(pn, inst, &p, info->extack);
	else
		err = nat64_pool6_del(pn, inst, &p, info->extack);
	mutex_unlock(&pn->lock);
	if (err == -EINVAL || err == -EEXIST || err == -ENOENT)
		NL_SET_BAD_ATTR(info->extack, info->attrs[NAT64_A_PREFIX6]);
	return err;
}

/* The prefixes of one instance; cb->args[0] counts those already sent. */
static int dump_prefixes(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nat64_pernet *pn = nat64_pernet(sock_net(skb->sk));
	struct nlattr **attrs = genl_dumpit_info(cb)->attrs;
	const struct nat64_pool6 *pool;
	struct nat64_instance *inst;
	long i = cb->args[0];
	void *hdr;

	rcu_read_lock();
	cb->seq = READ_ONCE(pn->gen);
	inst = nat64_nl_req_instance(pn, attrs, cb->extack);
	if (!inst) {
		rcu_read_unlock();
		return attrs[NAT64_A_INSTANCE] ? -ENOENT : -EINVAL;
	}
	pool = rcu_dereference(inst->pool6);
	for (; pool && i < pool->n; i++) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &nat64_family,
				  NLM_F_MULTI, NAT64_CMD_PREFIX_GET);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (nla_put_string(skb, NAT64_A_INSTANCE, inst->name) ||
		    nla_put_in6_addr(skb, NAT64_A_PREFIX6, &pool->p[i].addr) ||
		    nla_put_u8(skb, NAT64_A_PREFIX6_LEN, pool->p[i].len)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rcu_read_unlock();
	cb->args[0] = i;
	return skb->len;
}

static const struct genl_ops nat64_ops[] = {
	{
		.cmd = NAT64_CMD_INSTANCE_NEW,
		.doit = cmd_instance_new,
		.policy = instance_new_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_INSTANCE_DEL,
		.doit = cmd_instance_del,
		.policy = instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_INSTANCE_GET,
		.doit = cmd_get_one,
		.dumpit = dump_instances,
		.policy = instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_STATS_GET,
		.doit = cmd_get_one,
		.dumpit = dump_instances,
		.policy = instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_PREFIX_ADD,
		.doit = cmd_prefix,
		.policy = prefix_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_PREFIX_DEL,
		.doit = cmd_prefix,
		.policy = prefix_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_PREFIX_GET,
		.dumpit = dump_prefixes,
		.policy = instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_EAM_ADD,
		.doit = nat64_eam_nl_doit,
		.policy = nat64_eam_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_EAM_DEL,
		.doit = nat64_eam_nl_doit,
		.policy = nat64_eam_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_EAM_GET,
		.dumpit = nat64_eam_nl_dump,
		.policy = nat64_eam_instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_EAM_FLUSH,
		.doit = nat64_eam_nl_doit,
		.policy = nat64_eam_instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_GLOBAL_SET,
		.doit = nat64_global_nl_set,
		.policy = nat64_global_set_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_GLOBAL_GET,
		.doit = nat64_global_nl_get,
		.policy = instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_DENY_ADD,
		.doit = nat64_addr4set_nl_doit,
		.policy = nat64_addr4set_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_DENY_DEL,
		.doit = nat64_addr4set_nl_doit,
		.policy = nat64_addr4set_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_DENY_GET,
		.dumpit = nat64_addr4set_nl_dump,
		.policy = instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_DENY_FLUSH,
		.doit = nat64_addr4set_nl_doit,
		.policy = instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_POOL6791_ADD,
		.doit = nat64_addr4set_nl_doit,
		.policy = nat64_addr4set_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_POOL6791_DEL,
		.doit = nat64_addr4set_nl_doit,
		.policy = nat64_addr4set_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_POOL6791_GET,
		.dumpit = nat64_addr4set_nl_dump,
		.policy = instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_POOL6791_FLUSH,
		.doit = nat64_addr4set_nl_doit,
		.policy = instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_POOL4_ADD,
		.doit = nat64_pool4_nl_doit,
		.policy = nat64_pool4_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_POOL4_DEL,
		.doit = nat64_pool4_nl_doit,
		.policy = nat64_pool4_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_POOL4_GET,
		.dumpit = nat64_pool4_nl_dump,
		.policy = nat64_state_instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_POOL4_FLUSH,
		.doit = nat64_pool4_nl_doit,
		.policy = nat64_state_instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_PBA_GET,
		.dumpit = nat64_pba_nl_dump,
		.policy = nat64_state_instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_DET_SET,
		.doit = nat64_det_nl_doit,
		.policy = nat64_det_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_DET_DEL,
		.doit = nat64_det_nl_doit,
		.policy = nat64_state_instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_DET_GET,
		.doit = nat64_det_nl_doit,
		.policy = nat64_state_instance_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_BIB_ADD,
		.doit = nat64_bib_nl_doit,
		.policy = nat64_bib_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_BIB_DEL,
		.doit = nat64_bib_nl_doit,
		.policy = nat64_bib_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_BIB_GET,
		.dumpit = nat64_bib_nl_dump,
		.policy = nat64_state_dump_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = NAT64_CMD_SESSION_GET,
		.dumpit = nat64_session_nl_dump,
		.policy = nat64_state_dump_policy,
		.maxattr = NAT64_A_MAX,
		.flags = GENL_UNS_ADMIN_PERM,
	},
};

struct genl_family nat64_family __ro_after_init = {
	.name = NAT64_GENL_NAME,
	.version = NAT64_GENL_VERSION,
	.maxattr = NAT64_A_MAX,
	.netnsok = true,
	.module = THIS_MODULE,
	.ops = nat64_ops,
	.n_ops = ARRAY_SIZE(nat64_ops),
	.resv_start_op = NAT64_CMD_INSTANCE_NEW,
	.mcgrps = nat64_mcgrps,
	.n_mcgrps = ARRAY_SIZE(nat64_mcgrps),
};

int __init nat64_netlink_init(void)
{
	int err = genl_register_family(&nat64_family);

	if (!err)
		nat64_events_start();
	return err;
}

void nat64_netlink_exit(void)
{
	nat64_events_stop();
	genl_unregister_family(&nat64_family);
}
