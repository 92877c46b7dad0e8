// SPDX-License-Identifier: GPL-2.0-only
/*
 * The netlink commands of the EAM table: NAT64_CMD_EAM_ADD, _DEL, _FLUSH
 * (doit) and _GET (a dump of one instance's entries).
 *
 * Process context. genetlink serialises these callbacks (the family is not
 * parallel_ops); writers also hold the namespace lock, which the table was
 * given at setup, and dumps read under RCU.
 */
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "eam.h"
#include "eam_nl.h"
#include "instance.h"
#include "netlink.h"

const struct nla_policy nat64_eam_policy[NAT64_A_MAX + 1] = {
	[NAT64_A_INSTANCE] = { .type = NLA_NUL_STRING,
			       .len = NAT64_INSTANCE_NAMSIZ - 1 },
	[NAT64_A_PREFIX4] = NLA_POLICY_EXACT_LEN(sizeof(__be32)),
	[NAT64_A_PREFIX4_LEN] = NLA_POLICY_MAX(NLA_U8, 32),
	[NAT64_A_PREFIX6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[NAT64_A_PREFIX6_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
};

const struct nla_policy nat64_eam_instance_policy[NAT64_A_MAX + 1] = {
	[NAT64_A_INSTANCE] = { .type = NLA_NUL_STRING,
			       .len = NAT64_INSTANCE_NAMSIZ - 1 },
};

/* A prefix attribute and its length come together, or neither does. */
static bool paired(struct genl_info *info, int prefix, int len)
{
	struct nlattr **a = info->attrs;

	if (!a[prefix] == !a[len])
		return true;
	NL_SET_ERR_MSG_ATTR(info->extack, a[prefix] ? a[prefix] : a[len],
			    "a prefix and its length go together");
	return false;
}

/*
 * The halves of an entry that the request names, into @m: NAT64_EAM_V4,
 * NAT64_EAM_V6, both or none; -EINVAL when a prefix lacks its length.
 */
static int req_eam(struct genl_info *info, struct nat64_eam *m)
{
	struct nlattr **a = info->attrs;
	int which = 0;

	if (!paired(info, NAT64_A_PREFIX4, NAT64_A_PREFIX4_LEN) ||
	    !paired(info, NAT64_A_PREFIX6, NAT64_A_PREFIX6_LEN))
		return -EINVAL;
	memset(m, 0, sizeof(*m));
	if (a[NAT64_A_PREFIX4]) {
		m->p4 = nla_get_in_addr(a[NAT64_A_PREFIX4]);
		m->l4 = nla_get_u8(a[NAT64_A_PREFIX4_LEN]);
		which |= NAT64_EAM_V4;
	}
	if (a[NAT64_A_PREFIX6]) {
		m->p6 = nla_get_in6_addr(a[NAT64_A_PREFIX6]);
		m->l6 = nla_get_u8(a[NAT64_A_PREFIX6_LEN]);
		which |= NAT64_EAM_V6;
	}
	return which;
}

/* Holds pn->lock. */
static int eam_cmd(struct nat64_instance *inst, u8 cmd,
		   const struct nat64_eam *m, int which,
		   struct netlink_ext_ack *extack)
{
	switch (cmd) {
	case NAT64_CMD_EAM_ADD:
		return nat64_eam_add(inst->eam, m, extack);
	case NAT64_CMD_EAM_DEL:
		return nat64_eam_del(inst->eam, m, which, extack);
	default:
		nat64_eam_flush(inst->eam);
		return 0;
	}
}

int nat64_eam_nl_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nat64_pernet *pn = nat64_pernet(genl_info_net(info));
	u8 cmd = info->genlhdr->cmd;
	struct nat64_instance *inst;
	struct nat64_eam m = {};
	int which = 0, err;

	if (cmd != NAT64_CMD_EAM_FLUSH) {
		which = req_eam(info, &m);
		if (which < 0)
			return which;
	}
	if (cmd == NAT64_CMD_EAM_ADD &&
	    which != (NAT64_EAM_V4 | NAT64_EAM_V6)) {
		NL_SET_ERR_MSG(info->extack, "an IPv4 prefix, an IPv6 prefix and their lengths are required");
		return -EINVAL;
	}
	if (cmd == NAT64_CMD_EAM_DEL && !which) {
		NL_SET_ERR_MSG(info->extack, "an IPv4 prefix or an IPv6 prefix (with its length) is required");
		return -EINVAL;
	}
	mutex_lock(&pn->lock);
	inst = nat64_nl_req_instance(pn, info->attrs, info->extack);
	if (!inst)
		err = info->attrs[NAT64_A_INSTANCE] ? -ENOENT : -EINVAL;
	else
		err = eam_cmd(inst, cmd, &m, which, info->extack);
	mutex_unlock(&pn->lock);
	return err;
}

/* Where a dump stands, in cb->ctx between two parts. */
struct eam_dump {
	struct nat64_eam_cursor c;
	u32 id;		/* of the instance dumped; 0 before the first part */
	bool replaced;	/* the name now stands for another instance */
};

struct eam_fill {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	struct eam_dump *d;
	const char *name;
};

/*
 * The consistency mark: the table's generation, or 0 (never one) when the
 * instance was replaced, which flags the dump however the generations of
 * the two tables compare.
 */
static void dump_seq(struct netlink_callback *cb, const struct eam_dump *d)
{
	cb->seq = d->replaced ? 0 : d->c.gen;
}

/* Holds rcu_read_lock(). One entry, one message. */
static int fill(const struct nat64_eam *m, void *arg)
{
	struct eam_fill *f = arg;
	struct sk_buff *skb = f->skb;
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(f->cb->skb).portid,
			  f->cb->nlh->nlmsg_seq, &nat64_family, NLM_F_MULTI,
			  NAT64_CMD_EAM_GET);
	if (!hdr)
		return -EMSGSIZE;
	dump_seq(f->cb, f->d);
	genl_dump_check_consistent(f->cb, hdr);
	if (nla_put_string(skb, NAT64_A_INSTANCE, f->name) ||
	    nla_put_in_addr(skb, NAT64_A_PREFIX4, m->p4) ||
	    nla_put_u8(skb, NAT64_A_PREFIX4_LEN, m->l4) ||
	    nla_put_in6_addr(skb, NAT64_A_PREFIX6, &m->p6) ||
	    nla_put_u8(skb, NAT64_A_PREFIX6_LEN, m->l6)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * The entries of one instance, oldest first, as many per part as fit; the
 * cursor (nat64_eam_walk_rcu()) resumes in constant time unless the table
 * changed, in which case the dump is flagged NLM_F_DUMP_INTR.
 */
int nat64_eam_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nat64_pernet *pn = nat64_pernet(sock_net(skb->sk));
	struct nlattr **attrs = genl_dumpit_info(cb)->attrs;
	struct eam_dump *d = (struct eam_dump *)cb->ctx;
	struct eam_fill f = { .skb = skb, .cb = cb, .d = d };
	struct nat64_instance *inst;
	int err;

	BUILD_BUG_ON(sizeof(*d) > sizeof(cb->ctx));
	rcu_read_lock();
	inst = nat64_nl_req_instance(pn, attrs, cb->extack);
	if (!inst) {
		rcu_read_unlock();
		return attrs[NAT64_A_INSTANCE] ? -ENOENT : -EINVAL;
	}
	if (d->id && d->id != inst->id) {
		/* Deleted and created again: never follow a pointer into
		 * the old table.
		 */
		d->c.next = NULL;
		d->replaced = true;
	}
	d->id = inst->id;
	f.name = inst->name;
	err = nat64_eam_walk_rcu(inst->eam, &d->c, fill, &f);
	/* Also for the NLMSG_DONE, which netlink checks too. */
	dump_seq(cb, d);
	rcu_read_unlock();
	if (err && err != -EMSGSIZE)
		return err;
	return skb->len;
}
