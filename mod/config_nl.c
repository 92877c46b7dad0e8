// SPDX-License-Identifier: GPL-2.0-only
/*
 * The netlink commands of an instance's globals, denylist and RFC 6791
 * pool (see include/uapi/linux/nat64.h).
 *
 * Process context. Writers hold the namespace lock; GLOBAL_SET publishes
 * a new copy of the globals (RCU), so the packet path always sees one
 * consistent set.
 */
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "addr4set.h"
#include "config_nl.h"
#include "core.h"
#include "instance.h"
#include "pba.h"
#include "state.h"
#include "netlink.h"

static const struct nla_policy global_policy[NAT64_G_MAX + 1] = {
	[NAT64_G_LOWEST_IPV6_MTU] = NLA_POLICY_MIN(NLA_U16, 1280),
	[NAT64_G_UDP0] = NLA_POLICY_MAX(NLA_U8, NAT64_UDP0_POLICY_MAX),
	[NAT64_G_TCLASS_ZERO] = NLA_POLICY_MAX(NLA_U8, 1),
	[NAT64_G_TOS_FIXED] = NLA_POLICY_MAX(NLA_U8, 1),
	[NAT64_G_TOS] = { .type = NLA_U8 },
	[NAT64_G_MTU_PLATEAUS] = NLA_POLICY_MAX(NLA_U8, 1),
	[NAT64_G_HAIRPIN] = NLA_POLICY_MAX(NLA_U8, NAT64_HAIRPIN_MAX),
	[NAT64_G_DROP_ICMP] = NLA_POLICY_MAX(NLA_U8, 1),
	/* RFC 6146 section 4: the shortest lifetimes it allows */
	[NAT64_G_UDP_TIMEOUT] = NLA_POLICY_MIN(NLA_U32, 120),
	[NAT64_G_TCP_EST_TIMEOUT] = NLA_POLICY_MIN(NLA_U32, 7200),
	[NAT64_G_TCP_TRANS_TIMEOUT] = NLA_POLICY_MIN(NLA_U32, 240),
	[NAT64_G_ICMP_TIMEOUT] = NLA_POLICY_MIN(NLA_U32, 1),
	[NAT64_G_FILTERING] = NLA_POLICY_MAX(NLA_U8, NAT64_FILTER_MAX),
	[NAT64_G_DROP_EXT_TCP] = NLA_POLICY_MAX(NLA_U8, 1),
	[NAT64_G_MAX_SESSIONS] = { .type = NLA_U32 },
	[NAT64_G_SUB_LEN] = NLA_POLICY_RANGE(NLA_U8, 32, 128),
	[NAT64_G_SUB_MAX_PORTS] = { .type = NLA_U32 },
	[NAT64_G_SUB_MAX_SESSIONS] = { .type = NLA_U32 },
	[NAT64_G_PBA] = NLA_POLICY_MAX(NLA_U8, 1),
	/* 64-32768: checked by hand, a u16 range's bounds are s16 */
	[NAT64_G_PBA_SIZE] = NLA_POLICY_MIN(NLA_U16, NAT64_PBA_MIN),
	[NAT64_G_PBA_HOLD] = { .type = NLA_U32 },
	[NAT64_G_SESSION_EVENTS] = NLA_POLICY_MAX(NLA_U8, 1),
	[NAT64_G_POOL_ID] = { .type = NLA_U32 },
	[NAT64_G_BIB_THRESHOLD] = { .type = NLA_U32 },
	[NAT64_G_SUB_THRESHOLD] = { .type = NLA_U32 },
	[NAT64_G_BINDING_EVENTS] = NLA_POLICY_MAX(NLA_U8, 1),
	/* RFC 7857 2.1 allows less than TCP_TRANS for partially open TCP;
	 * 6 s is TCP_INCOMING_SYN, RFC 6146's shortest TCP timer
	 */
	[NAT64_G_TCP_INIT_TIMEOUT] = NLA_POLICY_MIN(NLA_U32, 6),
	[NAT64_G_APP] = NLA_POLICY_MAX(NLA_U8, NAT64_APP_MAX),
};

/* The globals only a nat64 instance has: [first, last]. */
#define NAT64_G_STATEFUL_FIRST	NAT64_G_UDP_TIMEOUT
#define NAT64_G_STATEFUL_LAST	NAT64_G_APP

const struct nla_policy nat64_global_set_policy[NAT64_A_MAX + 1] = {
	[NAT64_A_INSTANCE] = { .type = NLA_NUL_STRING,
			       .len = NAT64_INSTANCE_NAMSIZ - 1 },
	[NAT64_A_GLOBAL] = NLA_POLICY_NESTED(global_policy),
};

const struct nla_policy nat64_addr4set_policy[NAT64_A_MAX + 1] = {
	[NAT64_A_INSTANCE] = { .type = NLA_NUL_STRING,
			       .len = NAT64_INSTANCE_NAMSIZ - 1 },
	[NAT64_A_PREFIX4] = NLA_POLICY_EXACT_LEN(sizeof(__be32)),
	[NAT64_A_PREFIX4_LEN] = NLA_POLICY_MAX(NLA_U8, 32),
};

/* Holds pn->lock. The request's instance, or NULL and *err set. */
static struct nat64_instance *req_instance(struct nat64_pernet *pn,
					   struct genl_info *info, int *err)
{
	struct nat64_instance *inst;

	inst = nat64_nl_req_instance(pn, info->attrs, info->extack);
	if (!inst)
		*err = info->attrs[NAT64_A_INSTANCE] ? -ENOENT : -EINVAL;
	return inst;
}

static void apply(struct nat64_globals *g, struct nlattr **t)
{
	if (t[NAT64_G_LOWEST_IPV6_MTU])
		g->lowest_ipv6_mtu = nla_get_u16(t[NAT64_G_LOWEST_IPV6_MTU]);
	if (t[NAT64_G_UDP0])
		g->udp0 = nla_get_u8(t[NAT64_G_UDP0]);
	if (t[NAT64_G_TCLASS_ZERO])
		g->tclass_zero = nla_get_u8(t[NAT64_G_TCLASS_ZERO]);
	if (t[NAT64_G_TOS_FIXED])
		g->tos_fixed = nla_get_u8(t[NAT64_G_TOS_FIXED]);
	if (t[NAT64_G_TOS])
		g->tos = nla_get_u8(t[NAT64_G_TOS]);
	if (t[NAT64_G_MTU_PLATEAUS])
		g->mtu_plateaus = nla_get_u8(t[NAT64_G_MTU_PLATEAUS]);
	if (t[NAT64_G_HAIRPIN])
		g->hairpin = nla_get_u8(t[NAT64_G_HAIRPIN]);
	if (t[NAT64_G_DROP_ICMP])
		g->drop_icmp = nla_get_u8(t[NAT64_G_DROP_ICMP]);
	if (t[NAT64_G_UDP_TIMEOUT])
		g->udp_timeout = nla_get_u32(t[NAT64_G_UDP_TIMEOUT]);
	if (t[NAT64_G_TCP_EST_TIMEOUT])
		g->tcp_est_timeout = nla_get_u32(t[NAT64_G_TCP_EST_TIMEOUT]);
	if (t[NAT64_G_TCP_TRANS_TIMEOUT])
		g->tcp_trans_timeout = nla_get_u32(t[NAT64_G_TCP_TRANS_TIMEOUT]);
	if (t[NAT64_G_ICMP_TIMEOUT])
		g->icmp_timeout = nla_get_u32(t[NAT64_G_ICMP_TIMEOUT]);
	if (t[NAT64_G_FILTERING])
		g->filtering = nla_get_u8(t[NAT64_G_FILTERING]);
	if (t[NAT64_G_DROP_EXT_TCP])
		g->drop_ext_tcp = nla_get_u8(t[NAT64_G_DROP_EXT_TCP]);
	if (t[NAT64_G_MAX_SESSIONS])
		g->max_sessions = nla_get_u32(t[NAT64_G_MAX_SESSIONS]);
	if (t[NAT64_G_SUB_LEN])
		g->sub_len = nla_get_u8(t[NAT64_G_SUB_LEN]);
	if (t[NAT64_G_SUB_MAX_PORTS])
		g->sub_max_ports = nla_get_u32(t[NAT64_G_SUB_MAX_PORTS]);
	if (t[NAT64_G_SUB_MAX_SESSIONS])
		g->sub_max_sessions = nla_get_u32(t[NAT64_G_SUB_MAX_SESSIONS]);
	if (t[NAT64_G_PBA])
		g->pba = nla_get_u8(t[NAT64_G_PBA]);
	if (t[NAT64_G_PBA_SIZE])
		g->pba_size = nla_get_u16(t[NAT64_G_PBA_SIZE]);
	if (t[NAT64_G_PBA_HOLD])
		g->pba_hold = nla_get_u32(t[NAT64_G_PBA_HOLD]);
	if (t[NAT64_G_SESSION_EVENTS])
		g->session_events = nla_get_u8(t[NAT64_G_SESSION_EVENTS]);
	if (t[NAT64_G_POOL_ID])
		g->pool_id = nla_get_u32(t[NAT64_G_POOL_ID]);
	if (t[NAT64_G_BIB_THRESHOLD])
		g->bib_threshold = nla_get_u32(t[NAT64_G_BIB_THRESHOLD]);
	if (t[NAT64_G_SUB_THRESHOLD])
		g->sub_threshold = nla_get_u32(t[NAT64_G_SUB_THRESHOLD]);
	if (t[NAT64_G_BINDING_EVENTS])
		g->binding_events = nla_get_u8(t[NAT64_G_BINDING_EVENTS]);
	if (t[NAT64_G_TCP_INIT_TIMEOUT])
		g->tcp_init_timeout = nla_get_u32(t[NAT64_G_TCP_INIT_TIMEOUT]);
	if (t[NAT64_G_APP])
		g->app = nla_get_u8(t[NAT64_G_APP]);
}

/* A stateful global set on another mode would be silently useless. */
static int check_mode(const struct nat64_instance *inst, struct nlattr **t,
		      struct netlink_ext_ack *extack)
{
	int i;

	if (inst->mode == NAT64_MODE_NAT64)
		return 0;
	for (i = NAT64_G_STATEFUL_FIRST; i <= NAT64_G_STATEFUL_LAST; i++)
		if (t[i]) {
			NL_SET_ERR_MSG_ATTR(extack, t[i],
					    "a global of nat64 instances, and this is not one");
			return -EINVAL;
		}
	return 0;
}

int nat64_global_nl_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nat64_pernet *pn = nat64_pernet(genl_info_net(info));
	struct nlattr *t[NAT64_G_MAX + 1];
	struct nat64_globals *old, *new;
	struct nat64_instance *inst;
	bool reset;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, NAT64_A_GLOBAL)) {
		NL_SET_ERR_MSG(info->extack, "the globals to set are required");
		return -EINVAL;
	}
	/* The policy has checked the nest already. */
	err = nla_parse_nested(t, NAT64_G_MAX, info->attrs[NAT64_A_GLOBAL],
			       global_policy, info->extack);
	if (err)
		return err;
	if (t[NAT64_G_PBA_SIZE] &&
	    nla_get_u16(t[NAT64_G_PBA_SIZE]) > NAT64_PBA_MAX) {
		NL_SET_ERR_MSG_ATTR(info->extack, t[NAT64_G_PBA_SIZE],
				    "a port block is 64 to 32768 ports");
		return -EINVAL;
	}
	new = kmalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	mutex_lock(&pn->lock);
	inst = req_instance(pn, info, &err);
	if (!inst) {
		mutex_unlock(&pn->lock);
		kfree(new);
		return err;
	}
	err = check_mode(inst, t, info->extack);
	if (err) {
		mutex_unlock(&pn->lock);
		kfree(new);
		return err;
	}
	old = rcu_dereference_protected(inst->globals,
					lockdep_is_held(&pn->lock));
	*new = *old;
	apply(new, t);
	nat64_globals_derive(new);
	/* bindings made one way of sharing ports out cannot stay */
	reset = inst->mode == NAT64_MODE_NAT64 &&
		(new->pba != old->pba ||
		 (new->pba && new->pba_size != old->pba_size));
	rcu_assign_pointer(inst->globals, new);
	kfree_rcu(old, rcu);
	if (reset) {
		synchronize_rcu();	/* no packet sees the old way any more */
		nat64_state_reset(inst);
	}
	mutex_unlock(&pn->lock);
	return 0;
}

/* Only a nat64 instance has the stateful globals. */
static int put_stateful(struct sk_buff *skb, const struct nat64_globals *g)
{
	if (nla_put_u32(skb, NAT64_G_UDP_TIMEOUT, g->udp_timeout) ||
	    nla_put_u32(skb, NAT64_G_TCP_EST_TIMEOUT, g->tcp_est_timeout) ||
	    nla_put_u32(skb, NAT64_G_TCP_TRANS_TIMEOUT, g->tcp_trans_timeout) ||
	    nla_put_u32(skb, NAT64_G_ICMP_TIMEOUT, g->icmp_timeout) ||
	    nla_put_u8(skb, NAT64_G_FILTERING, g->filtering) ||
	    nla_put_u8(skb, NAT64_G_DROP_EXT_TCP, g->drop_ext_tcp) ||
	    nla_put_u32(skb, NAT64_G_MAX_SESSIONS, g->max_sessions) ||
	    nla_put_u8(skb, NAT64_G_SUB_LEN, g->sub_len) ||
	    nla_put_u32(skb, NAT64_G_SUB_MAX_PORTS, g->sub_max_ports) ||
	    nla_put_u32(skb, NAT64_G_SUB_MAX_SESSIONS, g->sub_max_sessions) ||
	    nla_put_u8(skb, NAT64_G_PBA, g->pba) ||
	    nla_put_u16(skb, NAT64_G_PBA_SIZE, g->pba_size) ||
	    nla_put_u32(skb, NAT64_G_PBA_HOLD, g->pba_hold) ||
	    nla_put_u8(skb, NAT64_G_SESSION_EVENTS, g->session_events) ||
	    nla_put_u32(skb, NAT64_G_POOL_ID, g->pool_id) ||
	    nla_put_u32(skb, NAT64_G_BIB_THRESHOLD, g->bib_threshold) ||
	    nla_put_u32(skb, NAT64_G_SUB_THRESHOLD, g->sub_threshold) ||
	    nla_put_u8(skb, NAT64_G_BINDING_EVENTS, g->binding_events) ||
	    nla_put_u32(skb, NAT64_G_TCP_INIT_TIMEOUT, g->tcp_init_timeout) ||
	    nla_put_u8(skb, NAT64_G_APP, g->app))
		return -EMSGSIZE;
	return 0;
}

static int put_globals(struct sk_buff *skb, const struct nat64_instance *inst,
		       const struct nat64_globals *g)
{
	struct nlattr *nest = nla_nest_start(skb, NAT64_A_GLOBAL);

	if (!nest ||
	    nla_put_u16(skb, NAT64_G_LOWEST_IPV6_MTU, g->lowest_ipv6_mtu) ||
	    nla_put_u8(skb, NAT64_G_UDP0, g->udp0) ||
	    nla_put_u8(skb, NAT64_G_TCLASS_ZERO, g->tclass_zero) ||
	    nla_put_u8(skb, NAT64_G_TOS_FIXED, g->tos_fixed) ||
	    nla_put_u8(skb, NAT64_G_TOS, g->tos) ||
	    nla_put_u8(skb, NAT64_G_MTU_PLATEAUS, g->mtu_plateaus) ||
	    nla_put_u8(skb, NAT64_G_HAIRPIN, g->hairpin) ||
	    nla_put_u8(skb, NAT64_G_DROP_ICMP, g->drop_icmp) ||
	    (inst->mode == NAT64_MODE_NAT64 && put_stateful(skb, g)))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

int nat64_global_nl_get(struct sk_buff *skb, struct genl_info *info)
{
	struct nat64_pernet *pn = nat64_pernet(genl_info_net(info));
	struct nat64_instance *inst;
	struct sk_buff *msg;
	void *hdr;
	int err = -EMSGSIZE;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	mutex_lock(&pn->lock);
	inst = req_instance(pn, info, &err);
	if (!inst)
		goto fail;
	hdr = genlmsg_put_reply(msg, info, &nat64_family, 0,
				NAT64_CMD_GLOBAL_GET);
	if (!hdr ||
	    nla_put_string(msg, NAT64_A_INSTANCE, inst->name) ||
	    put_globals(msg, inst,
			rcu_dereference_protected(inst->globals,
						  lockdep_is_held(&pn->lock))))
		goto fail;
	mutex_unlock(&pn->lock);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
fail:
	mutex_unlock(&pn->lock);
	nlmsg_free(msg);
	return err;
}

/* The set that a DENY_* or POOL6791_* command names. */
static struct nat64_addr4set __rcu **which_set(struct nat64_instance *inst,
					       u8 cmd)
{
	switch (cmd) {
	case NAT64_CMD_DENY_ADD:
	case NAT64_CMD_DENY_DEL:
	case NAT64_CMD_DENY_GET:
	case NAT64_CMD_DENY_FLUSH:
		return &inst->deny;
	default:
		return &inst->pool6791;
	}
}

/* RFC 6791 section 3.1: the pool should not be private space. */
static void warn_private(const struct nat64_instance *inst,
			 const struct nat64_prefix4 *p)
{
	if (ipv4_is_private_10(p->addr) || ipv4_is_private_172(p->addr) ||
	    ipv4_is_private_192(p->addr) || ipv4_is_zeronet(p->addr) ||
	    (p->addr & htonl(0xffc00000)) == htonl(0x64400000))
		pr_warn_ratelimited("nat64: instance %s: RFC 6791 pool prefix %pI4/%u is private or shared address space (RFC 6791 section 3.1 advises against it)\n",
				    inst->name, &p->addr, p->len);
}

int nat64_addr4set_nl_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nat64_pernet *pn = nat64_pernet(genl_info_net(info));
	struct nlattr **a = info->attrs;
	u8 cmd = info->genlhdr->cmd;
	struct nat64_prefix4 p = {};
	struct nat64_instance *inst;
	bool flush = cmd == NAT64_CMD_DENY_FLUSH ||
		     cmd == NAT64_CMD_POOL6791_FLUSH;
	int err;

	if (!flush) {
		if (GENL_REQ_ATTR_CHECK(info, NAT64_A_PREFIX4) ||
		    GENL_REQ_ATTR_CHECK(info, NAT64_A_PREFIX4_LEN)) {
			NL_SET_ERR_MSG(info->extack, "an IPv4 prefix and its length are required");
			return -EINVAL;
		}
		p.addr = nla_get_in_addr(a[NAT64_A_PREFIX4]);
		p.len = nla_get_u8(a[NAT64_A_PREFIX4_LEN]);
	}
	mutex_lock(&pn->lock);
	inst = req_instance(pn, info, &err);
	if (!inst)
		goto out;
	if (flush) {
		nat64_addr4set_flush(which_set(inst, cmd), &pn->lock);
		err = 0;
	} else if (cmd == NAT64_CMD_DENY_ADD || cmd == NAT64_CMD_POOL6791_ADD) {
		err = nat64_addr4set_add(which_set(inst, cmd), &p, &pn->lock,
					 info->extack);
		if (!err && cmd == NAT64_CMD_POOL6791_ADD)
			warn_private(inst, &p);
	} else {
		err = nat64_addr4set_del(which_set(inst, cmd), &p, &pn->lock,
					 info->extack);
	}
	if (!err)
		nat64_pernet_changed(pn);
	else if (!flush)
		NL_SET_BAD_ATTR(info->extack, a[NAT64_A_PREFIX4]);
out:
	mutex_unlock(&pn->lock);
	return err;
}

/* The prefixes of one set; cb->args[0] counts those already sent. */
int nat64_addr4set_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nat64_pernet *pn = nat64_pernet(sock_net(skb->sk));
	const struct genl_dumpit_info *di = genl_dumpit_info(cb);
	const struct nat64_addr4set *s;
	struct nat64_instance *inst;
	long i = cb->args[0];
	void *hdr;

	rcu_read_lock();
	cb->seq = READ_ONCE(pn->gen);
	inst = nat64_nl_req_instance(pn, di->attrs, cb->extack);
	if (!inst) {
		rcu_read_unlock();
		return di->attrs[NAT64_A_INSTANCE] ? -ENOENT : -EINVAL;
	}
	s = rcu_dereference(*which_set(inst, di->op.cmd));
	for (; s && i < s->n; i++) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &nat64_family,
				  NLM_F_MULTI, di->op.cmd);
		if (!hdr)
			break;
		genl_dump_check_consistent(cb, hdr);
		if (nla_put_string(skb, NAT64_A_INSTANCE, inst->name) ||
		    nla_put_in_addr(skb, NAT64_A_PREFIX4, s->p[i].addr) ||
		    nla_put_u8(skb, NAT64_A_PREFIX4_LEN, s->p[i].len)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rcu_read_unlock();
	cb->args[0] = i;
	return skb->len;
}
