// SPDX-License-Identifier: GPL-2.0-only
/*
 * The netlink commands of a stateful (nat64) instance, RFC 6146: pool4
 * (NAT64_CMD_POOL4_ADD, _DEL, _FLUSH, _GET), static BIB entries
 * (NAT64_CMD_BIB_ADD, _DEL) and the dumps of the BIBs and the sessions
 * (NAT64_CMD_BIB_GET, NAT64_CMD_SESSION_GET), and the deterministic NAT
 * rule (NAT64_CMD_DET_SET, _DEL, _GET).
 *
 * Process context. genetlink serialises these callbacks (the family is not
 * parallel_ops); each also holds the namespace lock, which keeps the
 * instance alive and pool4 still (only these commands change it). Dumps
 * take the lock for each part: the state walks take their own locks.
 */
#include <linux/inetdevice.h>
#include <net/genetlink.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "det.h"
#include "instance.h"
#include "netlink.h"
#include "state.h"
#include "state_nl.h"

#define INSTANCE_POLICY \
	[NAT64_A_INSTANCE] = { .type = NLA_NUL_STRING, \
			       .len = NAT64_INSTANCE_NAMSIZ - 1 }

const struct nla_policy nat64_pool4_policy[NAT64_A_MAX + 1] = {
	INSTANCE_POLICY,
	[NAT64_A_PREFIX4] = NLA_POLICY_EXACT_LEN(sizeof(__be32)),
	[NAT64_A_PREFIX4_LEN] = NLA_POLICY_MAX(NLA_U8, 32),
	[NAT64_A_PROTO] = { .type = NLA_U8 },
	[NAT64_A_PORT_MIN] = { .type = NLA_U16 },
	[NAT64_A_PORT_MAX] = { .type = NLA_U16 },
};

const struct nla_policy nat64_bib_policy[NAT64_A_MAX + 1] = {
	INSTANCE_POLICY,
	[NAT64_A_PROTO] = { .type = NLA_U8 },
	[NAT64_A_ADDR4] = NLA_POLICY_EXACT_LEN(sizeof(__be32)),
	[NAT64_A_PORT4] = { .type = NLA_U16 },
	[NAT64_A_ADDR6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[NAT64_A_PORT6] = { .type = NLA_U16 },
};

const struct nla_policy nat64_state_dump_policy[NAT64_A_MAX + 1] = {
	INSTANCE_POLICY,
	[NAT64_A_PROTO] = { .type = NLA_U8 },
};

const struct nla_policy nat64_state_instance_policy[NAT64_A_MAX + 1] = {
	INSTANCE_POLICY,
};

const struct nla_policy nat64_det_policy[NAT64_A_MAX + 1] = {
	INSTANCE_POLICY,
	[NAT64_A_PREFIX6] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[NAT64_A_PREFIX6_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[NAT64_A_SUB_LEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[NAT64_A_PREFIX4] = NLA_POLICY_EXACT_LEN(sizeof(__be32)),
	[NAT64_A_PREFIX4_LEN] = NLA_POLICY_MAX(NLA_U8, 32),
	[NAT64_A_PORT_MIN] = { .type = NLA_U16 },
	[NAT64_A_PORT_MAX] = { .type = NLA_U16 },
	[NAT64_A_BLOCKS] = { .type = NLA_U32 },
};

/* The protocols a nat64 instance keeps state for, in dump order. */
static const u8 protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP };

/* RFC 6146 3.5: TCP, UDP and ICMP queries; nothing else has a BIB. */
static int req_proto(struct nlattr *a, struct netlink_ext_ack *extack,
		     u8 *proto)
{
	*proto = nla_get_u8(a);
	if (*proto == IPPROTO_TCP || *proto == IPPROTO_UDP ||
	    *proto == IPPROTO_ICMP)
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, a, "the protocol must be TCP (6), UDP (17) or ICMP (1)");
	return -EINVAL;
}

/*
 * Holds pn->lock. The nat64 instance the request names, or NULL with
 * *err set and the reason in @extack.
 */
static struct nat64_instance *req_nat64(struct nat64_pernet *pn,
					struct nlattr **attrs,
					struct netlink_ext_ack *extack,
					int *err)
{
	struct nat64_instance *inst;

	inst = nat64_nl_req_instance(pn, attrs, extack);
	if (!inst) {
		*err = attrs[NAT64_A_INSTANCE] ? -ENOENT : -EINVAL;
		return NULL;
	}
	if (inst->mode != NAT64_MODE_NAT64) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[NAT64_A_INSTANCE],
				    "not a nat64 instance");
		*err = -EINVAL;
		return NULL;
	}
	return inst;
}

/* A pool4 request: proto 0 means all three; range false, the defaults. */
struct pool4_req {
	struct nat64_pool4_info p;
	bool range;
};

static int req_pool4(struct genl_info *info, struct pool4_req *r)
{
	struct nlattr **a = info->attrs;
	int err;

	memset(r, 0, sizeof(*r));
	if (GENL_REQ_ATTR_CHECK(info, NAT64_A_PREFIX4) ||
	    GENL_REQ_ATTR_CHECK(info, NAT64_A_PREFIX4_LEN)) {
		NL_SET_ERR_MSG(info->extack, "an IPv4 prefix and its length are required");
		return -EINVAL;
	}
	if (!a[NAT64_A_PORT_MIN] != !a[NAT64_A_PORT_MAX]) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[NAT64_A_PORT_MIN] ?
				    a[NAT64_A_PORT_MIN] : a[NAT64_A_PORT_MAX],
				    "the lowest and the highest port go together");
		return -EINVAL;
	}
	r->p.addr = nla_get_in_addr(a[NAT64_A_PREFIX4]);
	r->p.plen = nla_get_u8(a[NAT64_A_PREFIX4_LEN]);
	if (r->p.addr & ~inet_make_mask(r->p.plen)) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[NAT64_A_PREFIX4],
				    "the prefix has bits set past its length");
		return -EINVAL;
	}
	if (a[NAT64_A_PROTO]) {
		err = req_proto(a[NAT64_A_PROTO], info->extack, &r->p.proto);
		if (err)
			return err;
	}
	if (a[NAT64_A_PORT_MIN]) {
		r->range = true;
		r->p.min = nla_get_u16(a[NAT64_A_PORT_MIN]);
		r->p.max = nla_get_u16(a[NAT64_A_PORT_MAX]);
		if (r->p.min > r->p.max) {
			NL_SET_ERR_MSG_ATTR(info->extack, a[NAT64_A_PORT_MIN],
					    "the lowest port is above the highest");
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * The entry of @r for @proto. Default ports: TCP and UDP above Linux's
 * own ephemeral range (32768-60999), so the host's sockets never collide
 * with bindings; any ICMP identifier.
 */
static void pool4_entry(const struct pool4_req *r, u8 proto,
			struct nat64_pool4_info *p)
{
	*p = r->p;
	p->proto = proto;
	if (!r->range) {
		p->min = proto == IPPROTO_ICMP ? 0 : 61001;
		p->max = 65535;
	}
}

/* Holds pn->lock. One entry, or all three protocols (all or none). */
static int pool4_add(struct nat64_instance *inst, const struct pool4_req *r,
		     struct netlink_ext_ack *extack)
{
	struct nat64_pool4_info p;
	int i, err = 0;

	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		if (r->p.proto && r->p.proto != protos[i])
			continue;
		pool4_entry(r, protos[i], &p);
		err = nat64_pool4_add(inst, &p, extack);
		if (err)
			break;
	}
	if (!err)
		return 0;
	while (i--) {
		if (r->p.proto && r->p.proto != protos[i])
			continue;
		pool4_entry(r, protos[i], &p);
		nat64_pool4_del(inst, &p, NULL);
	}
	return err;
}

/* Holds pn->lock. The first entry that @r names, into @e. */
static bool pool4_find(struct nat64_instance *inst, const struct pool4_req *r,
		       struct nat64_pool4_info *e)
{
	unsigned int i;

	for (i = 0; !nat64_pool4_get(inst, i, e); i++)
		if (e->addr == r->p.addr && e->plen == r->p.plen &&
		    (!r->p.proto || e->proto == r->p.proto) &&
		    (!r->range || (e->min == r->p.min && e->max == r->p.max)))
			return true;
	return false;
}

/*
 * Holds pn->lock. Every entry of that prefix, of that protocol (if
 * given), of that range (if given): one scan per deletion, with at most
 * NAT64_POOL4_MAX entries.
 */
static int pool4_del(struct nat64_instance *inst, const struct pool4_req *r,
		     struct netlink_ext_ack *extack)
{
	struct nat64_pool4_info e;
	int n, err;

	for (n = 0; n < NAT64_POOL4_MAX && pool4_find(inst, r, &e); n++) {
		err = nat64_pool4_del(inst, &e, extack);
		if (err)
			return err;
	}
	if (n)
		return 0;
	NL_SET_ERR_MSG(extack, "no such pool4 entry");
	return -ENOENT;
}

int nat64_pool4_nl_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nat64_pernet *pn = nat64_pernet(genl_info_net(info));
	u8 cmd = info->genlhdr->cmd;
	struct nat64_instance *inst;
	struct pool4_req r = {};
	int err;

	if (cmd != NAT64_CMD_POOL4_FLUSH) {
		err = req_pool4(info, &r);
		if (err)
			return err;
	}
	mutex_lock(&pn->lock);
	inst = req_nat64(pn, info->attrs, info->extack, &err);
	if (!inst)
		goto out;
	switch (cmd) {
	case NAT64_CMD_POOL4_ADD:
		err = pool4_add(inst, &r, info->extack);
		break;
	case NAT64_CMD_POOL4_DEL:
		err = pool4_del(inst, &r, info->extack);
		break;
	default:
		nat64_pool4_flush(inst);
		err = 0;
	}
	/* Dumps of pool4 compare the namespace's generation. */
	if (!err)
		nat64_pernet_changed(pn);
	else if (cmd != NAT64_CMD_POOL4_FLUSH)
		NL_SET_BAD_ATTR(info->extack, info->attrs[NAT64_A_PREFIX4]);
out:
	mutex_unlock(&pn->lock);
	return err;
}

static void *dump_hdr(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd)
{
	void *hdr;

	hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			  &nat64_family, NLM_F_MULTI, cmd);
	if (hdr)
		genl_dump_check_consistent(cb, hdr);
	return hdr;
}

/* The entries of one instance; cb->args[0] counts those already sent. */
int nat64_pool4_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nat64_pernet *pn = nat64_pernet(sock_net(skb->sk));
	struct nlattr **attrs = genl_dumpit_info(cb)->attrs;
	struct nat64_pool4_info p;
	struct nat64_instance *inst;
	long i = cb->args[0];
	void *hdr;
	int err;

	mutex_lock(&pn->lock);
	cb->seq = pn->gen;
	inst = req_nat64(pn, attrs, cb->extack, &err);
	if (!inst) {
		mutex_unlock(&pn->lock);
		return err;
	}
	for (; !nat64_pool4_get(inst, i, &p); i++) {
		hdr = dump_hdr(skb, cb, NAT64_CMD_POOL4_GET);
		if (!hdr)
			break;
		if (nla_put_in_addr(skb, NAT64_A_PREFIX4, p.addr) ||
		    nla_put_u8(skb, NAT64_A_PREFIX4_LEN, p.plen) ||
		    nla_put_u8(skb, NAT64_A_PROTO, p.proto) ||
		    nla_put_u16(skb, NAT64_A_PORT_MIN, p.min) ||
		    nla_put_u16(skb, NAT64_A_PORT_MAX, p.max)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	mutex_unlock(&pn->lock);
	cb->args[0] = i;
	return skb->len;
}

int nat64_bib_nl_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nat64_pernet *pn = nat64_pernet(genl_info_net(info));
	bool add = info->genlhdr->cmd == NAT64_CMD_BIB_ADD;
	struct nlattr **a = info->attrs;
	struct nat64_bib_info b = {};
	struct nat64_instance *inst;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, NAT64_A_PROTO) ||
	    GENL_REQ_ATTR_CHECK(info, NAT64_A_ADDR4) ||
	    GENL_REQ_ATTR_CHECK(info, NAT64_A_PORT4)) {
		NL_SET_ERR_MSG(info->extack, "a protocol and an IPv4 address and port are required");
		return -EINVAL;
	}
	if (add && (GENL_REQ_ATTR_CHECK(info, NAT64_A_ADDR6) ||
		    GENL_REQ_ATTR_CHECK(info, NAT64_A_PORT6))) {
		NL_SET_ERR_MSG(info->extack, "an IPv6 address and port are required");
		return -EINVAL;
	}
	if (!add && (a[NAT64_A_ADDR6] || a[NAT64_A_PORT6])) {
		NL_SET_ERR_MSG_ATTR(info->extack, a[NAT64_A_ADDR6] ?
				    a[NAT64_A_ADDR6] : a[NAT64_A_PORT6],
				    "an entry is deleted by its IPv4 side only");
		return -EINVAL;
	}
	err = req_proto(a[NAT64_A_PROTO], info->extack, &b.proto);
	if (err)
		return err;
	b.is_static = true;
	b.addr4 = nla_get_in_addr(a[NAT64_A_ADDR4]);
	b.port4 = nla_get_u16(a[NAT64_A_PORT4]);
	if (add) {
		b.addr6 = nla_get_in6_addr(a[NAT64_A_ADDR6]);
		b.port6 = nla_get_u16(a[NAT64_A_PORT6]);
	}
	mutex_lock(&pn->lock);
	inst = req_nat64(pn, a, info->extack, &err);
	if (!inst)
		goto out;
	if (add)
		err = nat64_bib_add_static(inst, &b, info->extack);
	else
		err = nat64_bib_del_static(inst, b.proto, b.addr4, b.port4,
					   info->extack);
out:
	mutex_unlock(&pn->lock);
	return err;
}

struct state_fill {
	struct sk_buff *skb;
	struct netlink_callback *cb;
};

/* In whatever context the walk calls it: it only writes into the skb. */
static int fill_bib(void *arg, const struct nat64_bib_info *b)
{
	struct state_fill *f = arg;
	struct sk_buff *skb = f->skb;
	void *hdr;

	hdr = dump_hdr(skb, f->cb, NAT64_CMD_BIB_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u8(skb, NAT64_A_PROTO, b->proto) ||
	    nla_put_in6_addr(skb, NAT64_A_ADDR6, &b->addr6) ||
	    nla_put_u16(skb, NAT64_A_PORT6, b->port6) ||
	    nla_put_in_addr(skb, NAT64_A_ADDR4, b->addr4) ||
	    nla_put_u16(skb, NAT64_A_PORT4, b->port4) ||
	    nla_put_u8(skb, NAT64_A_STATIC, b->is_static) ||
	    nla_put_u32(skb, NAT64_A_SESSIONS, b->sessions)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int fill_session(void *arg, const struct nat64_session_info *s)
{
	struct state_fill *f = arg;
	struct sk_buff *skb = f->skb;
	void *hdr;

	hdr = dump_hdr(skb, f->cb, NAT64_CMD_SESSION_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_u8(skb, NAT64_A_PROTO, s->proto) ||
	    nla_put_in6_addr(skb, NAT64_A_ADDR6, &s->src6) ||
	    nla_put_u16(skb, NAT64_A_PORT6, s->sport6) ||
	    nla_put_in6_addr(skb, NAT64_A_REMOTE6, &s->dst6) ||
	    nla_put_u16(skb, NAT64_A_REMOTE_PORT6, s->dport6) ||
	    nla_put_in_addr(skb, NAT64_A_ADDR4, s->src4) ||
	    nla_put_u16(skb, NAT64_A_PORT4, s->sport4) ||
	    nla_put_in_addr(skb, NAT64_A_REMOTE4, s->dst4) ||
	    nla_put_u16(skb, NAT64_A_REMOTE_PORT4, s->dport4) ||
	    (s->proto == IPPROTO_TCP &&
	     nla_put_u8(skb, NAT64_A_TCP_STATE, s->tcp_state)) ||
	    nla_put_u32(skb, NAT64_A_EXPIRES_MS, s->expires_ms)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static int fill_pba(void *arg, const struct nat64_pba_info *k);

/*
 * A BIB, session or port-block dump (@cmd: NAT64_CMD_BIB_GET,
 * _SESSION_GET, _PBA_GET); the walk's cursor lives in cb->ctx. The tables
 * change with every packet, so no generation flags them; cb->seq is the
 * instance's id instead, which flags a dump whose instance was deleted
 * and created again between two parts.
 */
static int state_dump(struct sk_buff *skb, struct netlink_callback *cb,
		      u8 cmd)
{
	struct nat64_pernet *pn = nat64_pernet(sock_net(skb->sk));
	struct nlattr **attrs = genl_dumpit_info(cb)->attrs;
	struct state_fill f = { .skb = skb, .cb = cb };
	u64 *pos = (u64 *)cb->ctx;
	struct nat64_instance *inst;
	u8 proto = 0;
	int err;

	BUILD_BUG_ON(sizeof(*pos) > sizeof(cb->ctx));
	if (attrs[NAT64_A_PROTO]) {
		err = req_proto(attrs[NAT64_A_PROTO], cb->extack, &proto);
		if (err)
			return err;
	}
	mutex_lock(&pn->lock);
	inst = req_nat64(pn, attrs, cb->extack, &err);
	if (!inst)
		goto out;
	cb->seq = inst->id;
	if (cmd == NAT64_CMD_SESSION_GET)
		nat64_session_walk(inst, proto, pos, fill_session, &f);
	else if (cmd == NAT64_CMD_BIB_GET)
		nat64_bib_walk(inst, proto, pos, fill_bib, &f);
	else
		nat64_pba_walk(inst, pos, fill_pba, &f);
	err = 0;
out:
	mutex_unlock(&pn->lock);
	return err ? err : skb->len;
}

int nat64_bib_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return state_dump(skb, cb, NAT64_CMD_BIB_GET);
}

static int fill_pba(void *arg, const struct nat64_pba_info *k)
{
	struct state_fill *f = arg;
	struct sk_buff *skb = f->skb;
	void *hdr;

	hdr = dump_hdr(skb, f->cb, NAT64_CMD_PBA_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_in6_addr(skb, NAT64_A_PREFIX6, &k->prefix6) ||
	    nla_put_u8(skb, NAT64_A_PREFIX6_LEN, k->plen6) ||
	    nla_put_in_addr(skb, NAT64_A_ADDR4, k->addr4) ||
	    nla_put_u16(skb, NAT64_A_PORT_MIN, k->first) ||
	    nla_put_u16(skb, NAT64_A_PORT_MAX, k->last) ||
	    nla_put_u32(skb, NAT64_A_SESSIONS, k->bindings) ||
	    nla_put_u64_64bit(skb, NAT64_A_SEQ, k->seq, NAT64_A_PAD)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

int nat64_pba_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return state_dump(skb, cb, NAT64_CMD_PBA_GET);
}

int nat64_session_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return state_dump(skb, cb, NAT64_CMD_SESSION_GET);
}

/* --- the deterministic NAT rule --------------------------------------- */

static int req_det(struct genl_info *info, struct nat64_det *d)
{
	static const int need[] = {
		NAT64_A_PREFIX6, NAT64_A_PREFIX6_LEN, NAT64_A_SUB_LEN,
		NAT64_A_PREFIX4, NAT64_A_PREFIX4_LEN, NAT64_A_PORT_MIN,
		NAT64_A_PORT_MAX,
	};
	struct nlattr **a = info->attrs;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(need); i++)
		if (GENL_REQ_ATTR_CHECK(info, need[i])) {
			NL_SET_ERR_MSG(info->extack, "a rule needs the subscriber prefix and length, the IPv4 prefix and the port range");
			return -EINVAL;
		}
	memset(d, 0, sizeof(*d));
	d->prefix6 = nla_get_in6_addr(a[NAT64_A_PREFIX6]);
	d->plen6 = nla_get_u8(a[NAT64_A_PREFIX6_LEN]);
	d->sub_len = nla_get_u8(a[NAT64_A_SUB_LEN]);
	d->addr4 = nla_get_in_addr(a[NAT64_A_PREFIX4]);
	d->plen4 = nla_get_u8(a[NAT64_A_PREFIX4_LEN]);
	d->port_min = nla_get_u16(a[NAT64_A_PORT_MIN]);
	d->port_max = nla_get_u16(a[NAT64_A_PORT_MAX]);
	if (a[NAT64_A_BLOCKS])
		d->blocks = nla_get_u32(a[NAT64_A_BLOCKS]);
	return 0;
}

int nat64_det_put(struct sk_buff *skb, const struct nat64_det *d)
{
	if (nla_put_in6_addr(skb, NAT64_A_PREFIX6, &d->prefix6) ||
	    nla_put_u8(skb, NAT64_A_PREFIX6_LEN, d->plen6) ||
	    nla_put_u8(skb, NAT64_A_SUB_LEN, d->sub_len) ||
	    nla_put_in_addr(skb, NAT64_A_PREFIX4, d->addr4) ||
	    nla_put_u8(skb, NAT64_A_PREFIX4_LEN, d->plen4) ||
	    nla_put_u16(skb, NAT64_A_PORT_MIN, d->port_min) ||
	    nla_put_u16(skb, NAT64_A_PORT_MAX, d->port_max))
		return -EMSGSIZE;
	return 0;
}

static int det_reply(struct genl_info *info, const char *name,
		     const struct nat64_det *d)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &nat64_family, 0,
				NAT64_CMD_DET_GET);
	if (!hdr ||
	    nla_put_string(msg, NAT64_A_INSTANCE, name) ||
	    nat64_det_put(msg, d) ||
	    (d->blocks && nla_put_u32(msg, NAT64_A_BLOCKS, d->blocks))) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

int nat64_det_nl_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nat64_pernet *pn = nat64_pernet(genl_info_net(info));
	u8 cmd = info->genlhdr->cmd;
	char name[NAT64_INSTANCE_NAMSIZ];
	struct nat64_instance *inst;
	struct nat64_det d;
	int err;

	if (cmd == NAT64_CMD_DET_SET) {
		err = req_det(info, &d);
		if (err)
			return err;
	}
	mutex_lock(&pn->lock);
	inst = req_nat64(pn, info->attrs, info->extack, &err);
	if (!inst)
		goto out;
	switch (cmd) {
	case NAT64_CMD_DET_SET:
		err = nat64_det_set(inst, &d, info->extack);
		break;
	case NAT64_CMD_DET_DEL:
		err = nat64_det_del(inst, info->extack);
		break;
	default:
		err = nat64_det_get(inst, &d);
		if (err)
			NL_SET_ERR_MSG(info->extack, "no deterministic NAT rule");
		strscpy(name, inst->name, sizeof(name));
	}
out:
	mutex_unlock(&pn->lock);
	if (!err && cmd == NAT64_CMD_DET_GET)
		err = det_reply(info, name, &d);
	return err;
}
