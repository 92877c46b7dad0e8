// SPDX-License-Identifier: GPL-2.0-only
/*
 * The packet path of a siit instance: one pipeline per direction, in
 * RFC 7915 order. Each step returns an internal verdict; the NF_* verdict
 * is decided in one place (finish()).
 *
 * Runs in softirq (Netfilter PREROUTING) with the instance protected by
 * the hook's RCU read side; it takes no lock.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/netfilter.h>
#include <linux/random.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ip6_route.h>
#include <net/route.h>

#include "core.h"
#include "eam.h"
#include "instance.h"
#include "pool6.h"
#include "xlat.h"

struct nat64_scratch {
	u8 buf[NAT64_XLAT_ERR_MAX];
};

/* The new front of a packet; softirq only, so one per CPU is enough. */
static DEFINE_PER_CPU(struct nat64_scratch, nat64_scratch);

enum step {
	STEP_PASS,	/* not ours: NF_ACCEPT */
	STEP_SENT,	/* translated and handed to the output path: NF_STOLEN */
	STEP_DROP,	/* counted: NF_DROP */
};

static const enum nat64_stat drop_stat[__NAT64_DROP_MAX] = {
	[NAT64_DROP_NONE] = NAT64_STAT_DROP_MALFORMED,
	[NAT64_DROP_TRUNCATED] = NAT64_STAT_DROP_TRUNCATED,
	[NAT64_DROP_MALFORMED] = NAT64_STAT_DROP_MALFORMED,
	[NAT64_DROP_ADDR] = NAT64_STAT_DROP_ADDR,
	[NAT64_DROP_SRC_ILLEGAL] = NAT64_STAT_DROP_SRC_ILLEGAL,
	[NAT64_DROP_HOPLIMIT] = NAT64_STAT_DROP_HOPLIMIT,
	[NAT64_DROP_ICMP_TYPE] = NAT64_STAT_DROP_ICMP_TYPE,
	[NAT64_DROP_ICMP_NESTED] = NAT64_STAT_DROP_ICMP_NESTED,
	[NAT64_DROP_SRR] = NAT64_STAT_DROP_SRR,
	[NAT64_DROP_RH] = NAT64_STAT_DROP_RH,
	[NAT64_DROP_FRAG_EXT] = NAT64_STAT_DROP_FRAG_EXT,
	[NAT64_DROP_UDP0] = NAT64_STAT_DROP_UDP0,
	[NAT64_DROP_TOO_BIG] = NAT64_STAT_DROP_TOO_BIG,
	[NAT64_DROP_CSUM] = NAT64_STAT_DROP_CSUM,
	[NAT64_DROP_ICMP_FRAG] = NAT64_STAT_DROP_ICMP_FRAG,
	[NAT64_DROP_NOROOM] = NAT64_STAT_DROP_NOMEM,
	[NAT64_DROP_PROTO] = NAT64_STAT_DROP_PROTO,
};

static enum step drop(struct nat64_instance *inst, enum nat64_stat why)
{
	nat64_stats_inc(&inst->stats, why);
	net_dbg_ratelimited("nat64 %s: packet discarded, counter %d\n",
			    inst->name, why);
	return STEP_DROP;
}

/* --- Address mapping: EAM first (RFC 7757 3.3), then pool6 (RFC 6052) -- */

static int map_64(void *priv, const struct in6_addr *in,
		  enum nat64_addr_role role, __be32 *out)
{
	struct nat64_instance *inst = priv;
	const struct nat64_prefix6 *p;

	if (nat64_eam_64_rcu(inst->eam, in, out))
		return 0;
	p = nat64_pool6_find_rcu(inst, in);

	if (!p || nat64_rfc6052_extract(p, in, out))
		return -ENOENT;
	if (!nat64_rfc6052_allowed(p, *out, false))
		return -EPERM;
	return 0;
}

static int map_46(void *priv, __be32 in, enum nat64_addr_role role,
		  struct in6_addr *out)
{
	struct nat64_instance *inst = priv;
	const struct nat64_pool6 *pool;

	if (nat64_eam_46_rcu(inst->eam, in, out))
		return 0;
	pool = rcu_dereference(inst->pool6);
	if (!pool || !pool->n)
		return -ENOENT;
	if (!nat64_rfc6052_allowed(&pool->p[0], in, false))
		return -EPERM;
	nat64_rfc6052_embed(&pool->p[0], in, out);
	return 0;
}

static void cfg_init(struct nat64_xlat_cfg *cfg)
{
	*cfg = (struct nat64_xlat_cfg) {
		.lowest_ipv6_mtu = 1280,
		.udp0 = NAT64_UDP0_COMPUTE,
		.fn_mtu0_plateaus = true,
	};
}

/* --- skb surgery ------------------------------------------------------ */

/*
 * Translate the front of skb into the per-CPU scratch buffer, pulling more
 * of the packet into the linear area when the translator asks for it.
 */
static void xlat(struct nat64_instance *inst, struct sk_buff *skb, bool is6,
		 const struct nat64_xlat_cfg *cfg, struct nat64_xlat_res *res)
{
	const struct nat64_xlat_map map = {
		.addr_64 = map_64, .addr_46 = map_46, .priv = inst,
	};
	u8 *out = this_cpu_ptr(&nat64_scratch)->buf;
	u32 avail = min_t(u32, skb->len, NAT64_XLAT_HDR_MAX);
	int tries;

	for (tries = 0; tries < 2; tries++) {
		if (unlikely(!pskb_may_pull(skb, avail))) {
			res->verdict = NAT64_XLAT_DROP;
			res->drop = NAT64_DROP_TRUNCATED;
			return;
		}
		/* skb->data is the network header in PREROUTING. */
		if (is6)
			nat64_xlat_64(cfg, &map, skb->data, avail, skb->len,
				      htons(get_random_u16()), out,
				      sizeof(this_cpu_ptr(&nat64_scratch)->buf),
				      res);
		else
			nat64_xlat_46(cfg, &map, skb->data, avail, skb->len,
				      out,
				      sizeof(this_cpu_ptr(&nat64_scratch)->buf),
				      res);
		if (res->verdict != NAT64_XLAT_MORE)
			return;
		if (res->need > skb->len || res->need <= avail)
			break;
		avail = res->need;
	}
	res->verdict = NAT64_XLAT_DROP;
	res->drop = NAT64_DROP_TRUNCATED;
}

/* Replace the first res->old_len bytes of skb by the scratch buffer. */
static int replace_front(struct sk_buff *skb, const struct nat64_xlat_res *res)
{
	const u8 *buf = this_cpu_ptr(&nat64_scratch)->buf;
	int grow = (int)res->new_len - (int)res->old_len;

	if (skb_ensure_writable(skb, res->old_len))
		return -ENOMEM;
	if (grow > 0) {
		if (skb_cow_head(skb, grow))
			return -ENOMEM;
		skb_push(skb, grow);
	} else {
		skb_pull(skb, -grow);
	}
	/* Header pointers taken before this point are stale. */
	memcpy(skb->data, buf, res->new_len);
	skb_reset_network_header(skb);
	skb->ip_summed = CHECKSUM_NONE;
	return 0;
}

/* --- Output ----------------------------------------------------------- */

static struct rtable *route4(struct net *net, __be32 daddr)
{
	struct flowi4 fl4 = {
		.daddr = daddr,
		.flowi4_flags = FLOWI_FLAG_ANYSRC,
	};

	return ip_route_output_key(net, &fl4);
}

static struct dst_entry *route6(struct net *net, const struct in6_addr *daddr)
{
	struct flowi6 fl6 = {
		.daddr = *daddr,
		.flowi6_flags = FLOWI_FLAG_ANYSRC,
	};
	struct dst_entry *dst = ip6_route_output(net, NULL, &fl6);

	if (dst->error) {
		dst_release(dst);
		return NULL;
	}
	return dst;
}

static void send4(struct net *net, struct sk_buff *skb, struct dst_entry *dst)
{
	skb->protocol = htons(ETH_P_IP);
	skb_set_transport_header(skb, ip_hdrlen(skb));
	memset(IPCB(skb), 0, sizeof(*IPCB(skb)));
	skb_dst_drop(skb);
	skb_dst_set(skb, dst);
	nf_reset_ct(skb);
	dst_output(net, NULL, skb);
}

static void send6(struct net *net, struct sk_buff *skb, struct dst_entry *dst,
		  bool frag_needed, u16 lowest_mtu)
{
	skb->protocol = htons(ETH_P_IPV6);
	skb_set_transport_header(skb, sizeof(struct ipv6hdr));
	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
	if (frag_needed) {
		/* 7915-3: DF=0 and too big: fragment to the lowest MTU. */
		skb->ignore_df = 1;
		IP6CB(skb)->frag_max_size = lowest_mtu;
	}
	skb_dst_drop(skb);
	skb_dst_set(skb, dst);
	nf_reset_ct(skb);
	dst_output(net, NULL, skb);
}

/* ICMPv4 errors need the input route of the offending packet. */
static void icmp4_reply(struct sk_buff *skb, const struct nat64_xlat_res *res)
{
	const struct iphdr *iph = ip_hdr(skb);

	if (!skb_dst(skb) &&
	    ip_route_input_noref(skb, iph->daddr, iph->saddr, iph->tos,
				 skb->dev))
		return;
	icmp_send(skb, res->icmp_type, res->icmp_code, htonl(res->icmp_info));
}

static enum step verdict(struct nat64_instance *inst, struct sk_buff *skb,
			 bool is6, const struct nat64_xlat_res *res)
{
	switch (res->verdict) {
	case NAT64_XLAT_OK:
		return STEP_SENT;
	case NAT64_XLAT_PASS:
		nat64_stats_inc(&inst->stats,
				is6 ? NAT64_STAT_PASS6 : NAT64_STAT_PASS4);
		return STEP_PASS;
	case NAT64_XLAT_ICMP:
		if (is6)
			icmpv6_send(skb, res->icmp_type, res->icmp_code,
				    res->icmp_info);
		else
			icmp4_reply(skb, res);
		nat64_stats_inc(&inst->stats, NAT64_STAT_ICMP_SENT);
		fallthrough;
	default:
		/* A reason without a counter of its own counts as malformed. */
		if (res->drop >= __NAT64_DROP_MAX || !drop_stat[res->drop])
			return drop(inst, NAT64_STAT_DROP_MALFORMED);
		return drop(inst, drop_stat[res->drop]);
	}
}

static unsigned int finish(enum step s, struct sk_buff *skb)
{
	switch (s) {
	case STEP_PASS:
		return NF_ACCEPT;
	case STEP_SENT:
		return NF_STOLEN;
	default:
		kfree_skb(skb);
		return NF_STOLEN;
	}
}

/* --- The pipelines ---------------------------------------------------- */

static bool local4(struct net *net, __be32 daddr)
{
	return ipv4_is_multicast(daddr) || ipv4_is_lbcast(daddr) ||
	       ipv4_is_zeronet(daddr) ||
	       inet_addr_type(net, daddr) != RTN_UNICAST;
}

typedef enum step (*xlat_send_fn)(struct nat64_instance *inst,
				  struct sk_buff *skb);

/*
 * A GSO packet (GRO on the way in, or TSO over veth) is cut into the
 * packets a wire would carry, in software (so their checksums are
 * complete), and each is translated. The original is consumed.
 */
static enum step gso_each(struct nat64_instance *inst, struct sk_buff *skb,
			  xlat_send_fn fn)
{
	struct sk_buff *segs, *seg, *next;
	enum step s;

	segs = skb_gso_segment(skb, 0);
	if (IS_ERR_OR_NULL(segs))
		return drop(inst, NAT64_STAT_DROP_GSO);
	consume_skb(skb);
	skb_list_walk_safe(segs, seg, next) {
		skb_mark_not_on_list(seg);
		s = fn(inst, seg);
		if (s != STEP_SENT)
			kfree_skb(seg);
	}
	return STEP_SENT;
}

/* RFC 7915 section 4, for a packet known to be ours. */
static enum step xlat_send_46(struct nat64_instance *inst, struct sk_buff *skb)
{
	struct nat64_xlat_res res = {};
	struct nat64_xlat_cfg cfg;
	struct in6_addr daddr6;
	struct dst_entry *dst;
	enum step s;

	if (map_46(inst, ip_hdr(skb)->daddr, NAT64_ADDR_DST, &daddr6))
		return drop(inst, NAT64_STAT_DROP_ADDR);
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		return drop(inst, NAT64_STAT_DROP_NOMEM);
	/* Section 4.1: the next-hop MTU decides DF=1 errors. */
	dst = route6(inst->net, &daddr6);
	if (!dst)
		return drop(inst, NAT64_STAT_DROP_ROUTE);
	cfg_init(&cfg);
	cfg.mtu6_nexthop = dst_mtu(dst);
	xlat(inst, skb, false, &cfg, &res);
	s = verdict(inst, skb, false, &res);
	if (s != STEP_SENT || replace_front(skb, &res)) {
		dst_release(dst);
		return s == STEP_SENT ? drop(inst, NAT64_STAT_DROP_NOMEM) : s;
	}
	/* A fragment that is still too big would get a second Fragment
	 * Header from the kernel's fragmenter: not supported yet.
	 */
	if (res.frag_needed && ipv6_hdr(skb)->nexthdr == NEXTHDR_FRAGMENT) {
		dst_release(dst);
		return drop(inst, NAT64_STAT_DROP_TOO_BIG);
	}
	nat64_stats_inc(&inst->stats, NAT64_STAT_TX6);
	send6(inst->net, skb, dst, res.frag_needed, cfg.lowest_ipv6_mtu);
	return STEP_SENT;
}

/* RFC 7915 section 5, for a packet known to be ours. */
static enum step xlat_send_64(struct nat64_instance *inst, struct sk_buff *skb)
{
	struct nat64_xlat_res res = {};
	struct nat64_xlat_cfg cfg;
	struct rtable *rt;
	__be32 daddr4;
	enum step s;

	if (map_64(inst, &ipv6_hdr(skb)->daddr, NAT64_ADDR_DST, &daddr4))
		return drop(inst, NAT64_STAT_DROP_ADDR);
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		return drop(inst, NAT64_STAT_DROP_NOMEM);
	rt = route4(inst->net, daddr4);
	if (IS_ERR(rt))
		return drop(inst, NAT64_STAT_DROP_ROUTE);
	cfg_init(&cfg);
	cfg.mtu4_nexthop = dst_mtu(&rt->dst);
	xlat(inst, skb, true, &cfg, &res);
	s = verdict(inst, skb, true, &res);
	if (s != STEP_SENT || replace_front(skb, &res)) {
		ip_rt_put(rt);
		return s == STEP_SENT ? drop(inst, NAT64_STAT_DROP_NOMEM) : s;
	}
	nat64_stats_inc(&inst->stats, NAT64_STAT_TX4);
	send4(inst->net, skb, &rt->dst);
	return STEP_SENT;
}

/* The pipelines: is the packet ours (RFC 7915 sections 4 and 5), then
 * translate and send it, segment by segment for GSO packets.
 */
static enum step pipeline_46(struct nat64_instance *inst, struct sk_buff *skb)
{
	struct in6_addr daddr6;

	/* Packets for this node are not translated. */
	if (!pskb_may_pull(skb, sizeof(struct iphdr)) ||
	    local4(inst->net, ip_hdr(skb)->daddr) ||
	    map_46(inst, ip_hdr(skb)->daddr, NAT64_ADDR_DST, &daddr6)) {
		nat64_stats_inc(&inst->stats, NAT64_STAT_PASS4);
		return STEP_PASS;
	}
	if (skb_is_gso(skb))
		return gso_each(inst, skb, xlat_send_46);
	return xlat_send_46(inst, skb);
}

static enum step pipeline_64(struct nat64_instance *inst, struct sk_buff *skb)
{
	__be32 daddr4;

	/* Only destinations inside pool6 or an EAM. */
	if (!pskb_may_pull(skb, sizeof(struct ipv6hdr)) ||
	    map_64(inst, &ipv6_hdr(skb)->daddr, NAT64_ADDR_DST, &daddr4)) {
		nat64_stats_inc(&inst->stats, NAT64_STAT_PASS6);
		return STEP_PASS;
	}
	if (skb_is_gso(skb))
		return gso_each(inst, skb, xlat_send_64);
	return xlat_send_64(inst, skb);
}

unsigned int nat64_core_46(struct nat64_instance *inst, struct sk_buff *skb)
{
	nat64_stats_inc(&inst->stats, NAT64_STAT_RX4);
	return finish(pipeline_46(inst, skb), skb);
}

unsigned int nat64_core_64(struct nat64_instance *inst, struct sk_buff *skb)
{
	nat64_stats_inc(&inst->stats, NAT64_STAT_RX6);
	return finish(pipeline_64(inst, skb), skb);
}
