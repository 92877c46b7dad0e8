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
#include <linux/inetdevice.h>
#include <linux/netfilter.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/tcp.h>
#include <asm/unaligned.h>
#include <net/addrconf.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ip6_fib.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/ip_fib.h>
#include <net/ipv6_stubs.h>
#include <net/ndisc.h>
#include <net/route.h>

#include "addr4set.h"
#include "core.h"
#include "eam.h"
#include "frag6.h"
#include "icmp.h"
#include "instance.h"
#include "pool6.h"
#include "route.h"
#include "state.h"
#include "xlat.h"

struct nat64_scratch {
	u8 buf[NAT64_XLAT_ERR_MAX];
};

/* The new front of a packet; softirq only, so one per CPU is enough. */
static DEFINE_PER_CPU(struct nat64_scratch, nat64_scratch);

/*
 * IPv4 Identification values (7915-35) that no one can predict (RFC
 * 7739): SipHash, under a key drawn once, of a per-CPU counter and the
 * CPU's number, cut into four 16-bit IDs. get_random_u16() a packet cost
 * about 100 instructions (its ChaCha20 refills); this, about a quarter
 * of a SipHash.
 */
struct id_batch {
	u64 ctr;
	u64 bits;
	unsigned int left;
};

static DEFINE_PER_CPU(struct id_batch, nat64_ids);
static siphash_key_t nat64_id_key __read_mostly;

static __be16 next_id(void)
{
	struct id_batch *b = this_cpu_ptr(&nat64_ids);
	u16 id;

	if (unlikely(!b->left)) {
		net_get_random_once(&nat64_id_key, sizeof(nat64_id_key));
		b->bits = siphash_2u64(b->ctr++, raw_smp_processor_id(),
				       &nat64_id_key);
		b->left = 4;
	}
	id = (u16)b->bits;
	b->bits >>= 16;
	b->left--;
	return (__force __be16)id;
}

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

/* What the mapping callbacks of one packet know besides the instance. */
struct xlat_ctx {
	struct nat64_instance *inst;
	const struct nat64_globals *g;
	bool have_dst;		/* dst4/dst6: the outer destination, mapped */
	__be32 dst4;
	struct in6_addr dst6;
	/* the length of the pool6 prefix the destination was mapped by (a
	 * native route must be longer to win, 7915-33), or -1 for an EAM
	 */
	int dst_plen;
	/* 4->6, RFC 7757 4.2: skip the EAM for the outer source */
	bool skip_eam_src;
	bool is_err;		/* an ICMP error; err_inner_dst is valid */
	__be32 err_inner_dst;
	struct net_device *out4;	/* 6->4: the IPv4 output device */
	bool denied;		/* an address was refused by the denylist */
	/* nat64 mode: every address by role, and the ports, decided from
	 * the state before translation (RFC 6146 3.6)
	 */
	bool stateful;
	bool reassembled;	/* 6->4: nf_defrag made it of fragments */
	__be32 a4[NAT64_ADDR_ERR_SRC + 1];	/* the first not cleared */
	struct in6_addr a6[NAT64_ADDR_ERR_SRC + 1];
	struct nat64_xlat_ports ports;
};

static bool denied4(struct xlat_ctx *ctx, __be32 a)
{
	if (!nat64_addr4set_has_rcu(&ctx->inst->deny, a))
		return false;
	ctx->denied = true;
	return true;
}

/* 6791-1/2: a random address of the pool, else the translator's own. */
static int map_err_src(struct xlat_ctx *ctx, __be32 *out)
{
	if (nat64_addr4set_nth_rcu(&ctx->inst->pool6791, get_random_u32(),
				   out))
		return 0;
	/* Rare (errors only): looked up when needed. */
	if (!ctx->out4)
		return -ENOENT;
	*out = inet_select_addr(ctx->out4, ctx->dst4, RT_SCOPE_UNIVERSE);
	return *out ? 0 : -ENOENT;
}

static int map_64(void *priv, const struct in6_addr *in,
		  enum nat64_addr_role role, __be32 *out)
{
	struct xlat_ctx *ctx = priv;
	struct nat64_instance *inst = ctx->inst;
	const struct nat64_prefix6 *p;

	if (ctx->stateful) {
		*out = ctx->a4[role];
		return 0;
	}
	if (role == NAT64_ADDR_ERR_SRC)
		return map_err_src(ctx, out);
	if (role == NAT64_ADDR_DST && ctx->have_dst) {
		*out = ctx->dst4;
		return 0;
	}
	if (nat64_eam_64_rcu(inst->eam, in, out)) {
		ctx->dst_plen = -1;
	} else {
		p = nat64_pool6_find_rcu(inst, in);
		if (!p || nat64_rfc6052_extract(p, in, out))
			return -ENOENT;
		if (!nat64_rfc6052_allowed(p, *out, false))
			return -EPERM;
		ctx->dst_plen = p->len;
	}
	return denied4(ctx, *out) ? -EACCES : 0;
}

/*
 * RFC 7757 4.2.1: with hairpinning, the EAM is skipped for the source of
 * a packet that is not an error, for the inner destination of an error,
 * and for an error's source when it is that inner destination.
 */
static bool skip_eam(const struct xlat_ctx *ctx, __be32 in,
		     enum nat64_addr_role role)
{
	if (!ctx->skip_eam_src)
		return false;
	if (role == NAT64_ADDR_INNER_DST)
		return true;
	return role == NAT64_ADDR_SRC &&
	       (!ctx->is_err || in == ctx->err_inner_dst);
}

static int map_46(void *priv, __be32 in, enum nat64_addr_role role,
		  struct in6_addr *out)
{
	struct xlat_ctx *ctx = priv;
	const struct nat64_pool6 *pool;

	if (ctx->stateful) {
		*out = ctx->a6[role];
		return 0;
	}
	if (role == NAT64_ADDR_ERR_SRC)
		return -ENOENT;
	if (role == NAT64_ADDR_DST && ctx->have_dst) {
		*out = ctx->dst6;
		return 0;
	}
	if (denied4(ctx, in))
		return -EACCES;
	if (!skip_eam(ctx, in, role) &&
	    nat64_eam_46_rcu(ctx->inst->eam, in, out)) {
		ctx->dst_plen = -1;
		return 0;
	}
	ctx->dst_plen = 0;	/* pool6 holds all of IPv4 */
	pool = rcu_dereference(ctx->inst->pool6);
	if (!pool || !pool->n)
		return -ENOENT;
	if (!nat64_rfc6052_allowed(&pool->p[0], in, false))
		return -EPERM;
	nat64_rfc6052_embed(&pool->p[0], in, out);
	return 0;
}

/*
 * A packet starts with the fields before a4 set one by one (a memset of
 * the struct was a string instruction a word long); the stateful
 * pipelines clear what they use of the rest themselves (ctx_stateful()),
 * so that a siit packet does not pay for 100 bytes of addresses it never
 * reads. dst4, dst6 and err_inner_dst are read only once have_dst and
 * is_err say they were written.
 */
static void ctx_init(struct xlat_ctx *ctx, struct nat64_instance *inst)
{
	ctx->inst = inst;
	ctx->g = rcu_dereference(inst->globals);
	ctx->have_dst = false;
	ctx->dst_plen = 0;
	ctx->skip_eam_src = false;
	ctx->is_err = false;
	ctx->out4 = NULL;
	ctx->denied = false;
	ctx->stateful = false;
	ctx->reassembled = false;
}

/* A 6->4 packet maps through a4[] only, a 4->6 one through a6[] only. */
static void ctx_stateful(struct xlat_ctx *ctx, bool is6)
{
	if (is6)
		memset(ctx->a4, 0, sizeof(ctx->a4));
	else
		memset(ctx->a6, 0, sizeof(ctx->a6));
	memset(&ctx->ports, 0, sizeof(ctx->ports));
}

void nat64_globals_derive(struct nat64_globals *g)
{
	g->xcfg = (struct nat64_xlat_cfg) {
		.lowest_ipv6_mtu = g->lowest_ipv6_mtu,
		.udp0 = g->udp0 == NAT64_UDP0_POLICY_DROP ?
			NAT64_UDP0_DROP : NAT64_UDP0_COMPUTE,
		.tclass_zero = g->tclass_zero,
		.tos_fixed = g->tos_fixed,
		.tos = g->tos,
		.fn_mtu0_plateaus = g->mtu_plateaus,
		.drop_icmp = g->drop_icmp,
	};
}

/* A copy of what the globals give, made when they were set. */
static void cfg_init(const struct xlat_ctx *ctx, struct nat64_xlat_cfg *cfg)
{
	*cfg = ctx->g->xcfg;
	if (ctx->stateful) {
		cfg->ports = &ctx->ports;
		cfg->reassembled = ctx->reassembled;
		/* 6146-17: a stateful translator computes the checksum */
		cfg->udp0 = NAT64_UDP0_COMPUTE;
	}
}

/* --- skb surgery ------------------------------------------------------ */

/*
 * Translate the front of skb into the per-CPU scratch buffer, pulling more
 * of the packet into the linear area when the translator asks for it.
 */
static void xlat(struct xlat_ctx *ctx, struct sk_buff *skb, bool is6,
		 const struct nat64_xlat_cfg *cfg, struct nat64_xlat_res *res)
{
	const struct nat64_xlat_map map = {
		.addr_64 = map_64, .addr_46 = map_46, .priv = ctx,
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
				      next_id(), out,
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

/*
 * memcpy() of the new headers (40 to 100 bytes, rarely an ICMP error's
 * 1280) in 8-byte words, the last word overlapping the one before: the
 * kernel's memcpy() is a string instruction a byte long, a cost that
 * showed per byte under QEMU and a start-up cost on hardware.
 */
static void copy_front(u8 *to, const u8 *from, u32 n)
{
	u32 i;

	if (unlikely(n < 8)) {
		memcpy(to, from, n);
		return;
	}
	for (i = 0; i + 8 < n; i += 8)
		put_unaligned(get_unaligned((const u64 *)(from + i)),
			      (u64 *)(to + i));
	put_unaligned(get_unaligned((const u64 *)(from + n - 8)),
		      (u64 *)(to + n - 8));
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
	copy_front(skb->data, buf, res->new_len);
	skb_reset_network_header(skb);
	skb->ip_summed = CHECKSUM_NONE;
	return 0;
}

/* --- Output ----------------------------------------------------------- */

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

/* @dst (a reference that goes to skb), or NULL: skb has its route. */
static void send6(struct net *net, struct sk_buff *skb, struct dst_entry *dst)
{
	skb->protocol = htons(ETH_P_IPV6);
	skb_set_transport_header(skb, sizeof(struct ipv6hdr));
	memset(IP6CB(skb), 0, sizeof(*IP6CB(skb)));
	if (dst) {
		skb_dst_drop(skb);
		skb_dst_set(skb, dst);
	}
	nf_reset_ct(skb);
	dst_output(net, NULL, skb);
}

void nat64_icmp4_quote(struct nat64_instance *inst, __be32 src, __be32 dst,
		       u8 type, u8 code, const void *data, unsigned int len)
{
	struct net *net = inst->net;
	struct icmphdr *icmp;
	struct sk_buff *skb;
	struct rtable *rt;
	struct iphdr *iph;

	len = min(len, 576U - sizeof(*iph) - sizeof(*icmp));
	rt = nat64_route4(net, NULL, dst);
	if (IS_ERR(rt))
		return;
	skb = alloc_skb(LL_MAX_HEADER + sizeof(*iph) + sizeof(*icmp) + len,
			GFP_ATOMIC);
	if (!skb) {
		ip_rt_put(rt);
		return;
	}
	skb_reserve(skb, LL_MAX_HEADER);
	skb_reset_network_header(skb);
	iph = skb_put(skb, sizeof(*iph));
	icmp = skb_put_zero(skb, sizeof(*icmp));
	skb_put_data(skb, data, len);
	icmp->type = type;
	icmp->code = code;
	icmp->checksum = ip_compute_csum(icmp, sizeof(*icmp) + len);
	*iph = (struct iphdr) {
		.version = 4,
		.ihl = 5,
		.tos = IPTOS_PREC_INTERNETCONTROL,
		.tot_len = htons(skb->len),
		.ttl = 64,
		.protocol = IPPROTO_ICMP,
		.saddr = src,
		.daddr = dst,
	};
	ip_select_ident(net, skb, NULL);
	ip_send_check(iph);
	local_bh_disable();
	send4(net, skb, &rt->dst);
	local_bh_enable();
	nat64_stats_inc(&inst->stats, NAT64_STAT_ICMP_SENT);
}

void nat64_tcp6_probe(struct nat64_instance *inst,
		      const struct in6_addr *src, u16 sport,
		      const struct in6_addr *dst, u16 dport)
{
	struct net *net = inst->net;
	struct dst_entry *route;
	struct sk_buff *skb;
	struct ipv6hdr *ip6;
	struct tcphdr *th;

	route = nat64_route6(net, NULL, dst);
	if (!route)
		return;
	skb = alloc_skb(LL_MAX_HEADER + sizeof(*ip6) + sizeof(*th),
			GFP_ATOMIC);
	if (!skb) {
		dst_release(route);
		return;
	}
	skb_reserve(skb, LL_MAX_HEADER);
	skb_reset_network_header(skb);
	ip6 = skb_put(skb, sizeof(*ip6));
	th = skb_put_zero(skb, sizeof(*th));
	*ip6 = (struct ipv6hdr) {
		.version = 6,
		.payload_len = htons(sizeof(*th)),
		.nexthdr = IPPROTO_TCP,
		.hop_limit = 64,
		.saddr = *src,
		.daddr = *dst,
	};
	th->source = htons(sport);
	th->dest = htons(dport);
	th->doff = sizeof(*th) / 4;
	th->ack = 1;
	th->check = csum_ipv6_magic(src, dst, sizeof(*th), IPPROTO_TCP,
				    csum_partial(th, sizeof(*th), 0));
	local_bh_disable();
	send6(net, skb, route);
	local_bh_enable();
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

/*
 * 7915-27/50 for a packet refused before translation (a denied or
 * non-global destination), as src/ does for the ones it drops: ICMPv4
 * 3/13 or ICMPv6 1/1. icmp_send() itself declines ICMPv4 errors and
 * non-first fragments; an ICMPv6 message of any type gets nothing.
 */
static enum step answer(struct xlat_ctx *ctx, struct sk_buff *skb, bool is6,
			u8 type, u8 code, enum nat64_stat why)
{
	const struct nat64_xlat_res res4 = {
		.icmp_type = type, .icmp_code = code,
	};
	u8 nexthdr;
	__be16 frag_off;

	if (!ctx->g->drop_icmp)
		return drop(ctx->inst, why);
	if (!is6) {
		icmp4_reply(skb, &res4);
	} else {
		nexthdr = ipv6_hdr(skb)->nexthdr;
		if (ipv6_skip_exthdr(skb, sizeof(struct ipv6hdr), &nexthdr,
				     &frag_off) < 0 ||
		    nexthdr == IPPROTO_ICMPV6 ||
		    (frag_off & htons(IP6_OFFSET)))
			return drop(ctx->inst, why);
		icmpv6_send(skb, type, code, 0);
	}
	nat64_stats_inc(&ctx->inst->stats, NAT64_STAT_ICMP_SENT);
	return drop(ctx->inst, why);
}

static enum step refuse(struct xlat_ctx *ctx, struct sk_buff *skb, bool is6,
			enum nat64_stat why)
{
	if (is6)
		return answer(ctx, skb, true, ICMPV6_DEST_UNREACH,
			      ICMPV6_ADM_PROHIBITED, why);
	return answer(ctx, skb, false, ICMP_DEST_UNREACH, ICMP_PKT_FILTERED,
		      why);
}

static enum step verdict(struct xlat_ctx *ctx, struct sk_buff *skb,
			 bool is6, const struct nat64_xlat_res *res)
{
	struct nat64_instance *inst = ctx->inst;

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
		if (res->drop == NAT64_DROP_ADDR && ctx->denied)
			return drop(inst, NAT64_STAT_DROP_DENIED);
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

/*
 * 7915-33: a destination that a route longer than the translating prefix
 * covers is forwarded natively. An EAM (@plen < 0) is explicit: it wins.
 */
static bool native6(struct nat64_instance *inst, const struct in6_addr *daddr,
		    int plen)
{
	return plen >= 0 &&
	       nat64_route6_len(inst->net, inst->routes, daddr) > plen;
}

typedef enum step (*xlat_send_fn)(struct xlat_ctx *ctx, struct sk_buff *skb);

/*
 * A GSO packet (GRO on the way in, or TSO over veth) is cut into the
 * packets a wire would carry, in software (so their checksums are
 * complete), and each is translated. The original is consumed.
 */
static enum step gso_each(struct xlat_ctx *ctx, struct sk_buff *skb,
			  xlat_send_fn fn)
{
	struct sk_buff *segs, *seg, *next;
	struct xlat_ctx one;
	enum step s;

	segs = skb_gso_segment(skb, 0);
	if (IS_ERR_OR_NULL(segs))
		return drop(ctx->inst, NAT64_STAT_DROP_GSO);
	consume_skb(skb);
	skb_list_walk_safe(segs, seg, next) {
		skb_mark_not_on_list(seg);
		one = *ctx;
		s = fn(&one, seg);
		if (s != STEP_SENT)
			kfree_skb(seg);
	}
	return STEP_SENT;
}

/*
 * The IPv6 packet in skb is too big for the lowest IPv6 MTU or the next
 * hop, and its IPv4 original had DF=0 (7915-3/4/13): it is cut here into
 * new skbs of at most @mtu bytes, sent one by one. A packet that carries
 * a Fragment Header already (the IPv4 packet was a fragment) keeps its ID
 * and offsets; another gets the ID @id (0x0000 || IPv4 ID). The kernel's
 * fragmenter would choose an ID of its own, and add a second Fragment
 * Header to a fragment. Consumes skb.
 */
static enum step refragment6(struct xlat_ctx *ctx, struct sk_buff *skb,
			     struct dst_entry *dst, u32 mtu, u32 id)
{
	u8 hdr[NAT64_FRAG6_HDR], fh[NAT64_FRAG6_HDR];
	u32 i, n, data, count;
	struct sk_buff *frag;
	int err;

	if (skb_copy_bits(skb, 0, hdr, sizeof(hdr)))
		goto malformed;
	count = nat64_xlat_frag6_count(hdr, skb->len, mtu);
	if (!count)
		goto malformed;
	for (i = 0; i < count; i++) {
		err = nat64_xlat_frag6(hdr, skb->len, mtu, id, i, fh, &data,
				       &n);
		if (err)
			goto malformed;
		frag = alloc_skb(LL_MAX_HEADER + sizeof(fh) + n, GFP_ATOMIC);
		if (!frag) {
			nat64_stats_inc(&ctx->inst->stats,
					NAT64_STAT_DROP_NOMEM);
			break;
		}
		skb_reserve(frag, LL_MAX_HEADER);
		skb_put_data(frag, fh, sizeof(fh));
		if (skb_copy_bits(skb, data, skb_put(frag, n), n)) {
			kfree_skb(frag);
			goto malformed;
		}
		skb_reset_network_header(frag);
		frag->dev = skb->dev;
		frag->mark = skb->mark;
		frag->priority = skb->priority;
		nat64_stats_inc(&ctx->inst->stats, NAT64_STAT_TX6);
		send6(ctx->inst->net, frag, dst_clone(dst));
	}
	dst_release(dst);
	consume_skb(skb);
	return STEP_SENT;
malformed:
	dst_release(dst);
	kfree_skb(skb);
	nat64_stats_inc(&ctx->inst->stats, NAT64_STAT_DROP_MALFORMED);
	return STEP_SENT;	/* consumed and counted */
}

/* RFC 7915 section 4, for a packet known to be ours (ctx->dst6). */
static enum step xlat_send_46(struct xlat_ctx *ctx, struct sk_buff *skb)
{
	struct nat64_instance *inst = ctx->inst;
	struct nat64_xlat_res res;	/* set by xlat() */
	struct nat64_xlat_cfg cfg;
	struct dst_entry *dst;
	enum step s;
	bool held;	/* a reference of ours on dst, else RCU keeps it */

	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		return drop(inst, NAT64_STAT_DROP_NOMEM);
	/* Section 4.1: the next-hop MTU decides DF=1 errors. */
	dst = nat64_route6_rcu(inst->net, inst->routes, &ctx->dst6, &held);
	if (!dst)
		return drop(inst, NAT64_STAT_DROP_ROUTE);
	cfg_init(ctx, &cfg);
	cfg.mtu6_nexthop = dst_mtu(dst);
	/* 7915-20: the IPv4 link a Fragmentation Needed came over */
	cfg.mtu4_nexthop = skb->dev ? READ_ONCE(skb->dev->mtu) : 0;
	xlat(ctx, skb, false, &cfg, &res);
	s = verdict(ctx, skb, false, &res);
	if (s != STEP_SENT || replace_front(skb, &res)) {
		if (held)
			dst_release(dst);
		return s == STEP_SENT ? drop(inst, NAT64_STAT_DROP_NOMEM) : s;
	}
	if (res.frag_needed) {
		if (!held)
			dst_hold(dst);
		return refragment6(ctx, skb, dst,
				   min_t(u32, cfg.lowest_ipv6_mtu,
					 cfg.mtu6_nexthop), res.frag_id);
	}
	nat64_stats_inc(&inst->stats, NAT64_STAT_TX6);
	if (held) {
		send6(inst->net, skb, dst);
	} else {
		skb_dst_drop(skb);
		skb_dst_set_noref(skb, dst);
		send6(inst->net, skb, NULL);
	}
	return STEP_SENT;
}

/* An ICMPv4 error: its inner destination, for RFC 7757 4.2.1. */
static void peek_err4(struct xlat_ctx *ctx, struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	u32 ihl = iph->ihl * 4;
	u8 type;

	if (iph->protocol != IPPROTO_ICMP || (iph->frag_off & htons(IP_OFFSET)))
		return;
	if (skb_copy_bits(skb, ihl, &type, 1))
		return;
	if (type != ICMP_DEST_UNREACH && type != ICMP_TIME_EXCEEDED &&
	    type != ICMP_PARAMETERPROB && type != ICMP_SOURCE_QUENCH &&
	    type != ICMP_REDIRECT)
		return;
	ctx->is_err = true;
	/* outer header, ICMP header, inner header up to its destination */
	if (skb_copy_bits(skb, ihl + 8 + 16, &ctx->err_inner_dst, 4))
		ctx->err_inner_dst = 0;
}

static enum step pipeline_46_ctx(struct xlat_ctx *ctx, struct sk_buff *skb);
static enum step nat64_46(struct xlat_ctx *ctx, struct sk_buff *skb);

/*
 * RFC 7757 4.2.2, intrinsic hairpinning: the translated IPv4 packet is
 * for an EAM address, so it goes back to IPv6 at once, with its TTL
 * restored (no second decrement) and the EAM skipped for its source.
 */
static enum step hairpin(struct xlat_ctx *ctx, struct sk_buff *skb)
{
	struct iphdr *iph;
	struct xlat_ctx back;

	if (skb_ensure_writable(skb, sizeof(*iph)))
		return drop(ctx->inst, NAT64_STAT_DROP_NOMEM);
	iph = ip_hdr(skb);
	iph->ttl++;
	ip_send_check(iph);
	nat64_stats_inc(&ctx->inst->stats, NAT64_STAT_HAIRPIN);
	ctx_init(&back, ctx->inst);
	if (ctx->stateful)	/* 6146-34 */
		return nat64_46(&back, skb);
	back.skip_eam_src = true;
	return pipeline_46_ctx(&back, skb);
}

/* RFC 7915 section 5, for a packet known to be ours (ctx->dst4). */
static enum step xlat_send_64(struct xlat_ctx *ctx, struct sk_buff *skb)
{
	struct nat64_instance *inst = ctx->inst;
	struct nat64_xlat_res res;	/* set by xlat() */
	struct nat64_xlat_cfg cfg;
	struct in6_addr back;
	struct rtable *rt = NULL;
	bool pin;
	enum step s;

	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		return drop(inst, NAT64_STAT_DROP_NOMEM);
	if (ctx->stateful)	/* 6146-34: to our own pool4 */
		pin = nat64_pool4_has_addr(inst, ctx->dst4);
	else
		/*
		 * RFC 7757 4.2.2: a destination given through pool6 that
		 * is an EAM's IPv4 address. One that matched an EAM itself
		 * (dst_plen < 0) is for the IPv4 side: a CLAT's LAN host.
		 */
		pin = ctx->g->hairpin == NAT64_HAIRPIN_INTRINSIC &&
		      ctx->dst_plen >= 0 && nat64_eam_count(inst->eam) &&
		      nat64_eam_46_rcu(inst->eam, ctx->dst4, &back);
	cfg_init(ctx, &cfg);
	/* 7915-47: the IPv6 link a Packet Too Big came over */
	cfg.mtu6_nexthop = skb->dev ? READ_ONCE(skb->dev->mtu) : 0;
	if (!pin) {
		rt = nat64_route4(inst->net, inst->routes, ctx->dst4);
		if (IS_ERR(rt))
			return drop(inst, NAT64_STAT_DROP_ROUTE);
		cfg.mtu4_nexthop = dst_mtu(&rt->dst);
		/* 6791-1: an untranslatable router's error gets our address */
		ctx->out4 = rt->dst.dev;
	}
	xlat(ctx, skb, true, &cfg, &res);
	s = verdict(ctx, skb, true, &res);
	if (s != STEP_SENT || replace_front(skb, &res)) {
		if (rt)
			ip_rt_put(rt);
		return s == STEP_SENT ? drop(inst, NAT64_STAT_DROP_NOMEM) : s;
	}
	skb->protocol = htons(ETH_P_IP);
	if (pin)
		return hairpin(ctx, skb);
	nat64_stats_inc(&inst->stats, NAT64_STAT_TX4);
	send4(inst->net, skb, &rt->dst);
	return STEP_SENT;
}

/* The pipelines: is the packet ours (RFC 7915 sections 4 and 5), then
 * translate and send it, segment by segment for GSO packets.
 */
static enum step pipeline_46_ctx(struct xlat_ctx *ctx, struct sk_buff *skb)
{
	struct nat64_instance *inst = ctx->inst;
	struct nat64_route4_info ri;
	int err;

	/* Packets for this node (or denied) are not translated. */
	if (!pskb_may_pull(skb, sizeof(struct iphdr)))
		goto pass;
	nat64_route4_info(inst->net, inst->routes, ip_hdr(skb)->daddr, &ri);
	if (ri.local)
		goto pass;
	err = map_46(ctx, ip_hdr(skb)->daddr, NAT64_ADDR_DST, &ctx->dst6);
	/* 6052-9: the WKP with a non-global IPv4 address is dropped */
	if (err == -EPERM)
		return refuse(ctx, skb, false, NAT64_STAT_DROP_ADDR);
	/* 7915-33: a longer native route wins */
	if (err || (ctx->dst_plen >= 0 && ri.len > ctx->dst_plen))
		goto pass;
	ctx->have_dst = true;
	ctx->denied = false;
	if (ctx->g->hairpin == NAT64_HAIRPIN_SIMPLE)
		ctx->skip_eam_src = true;
	if (ctx->skip_eam_src)
		peek_err4(ctx, skb);
	if (skb_is_gso(skb))
		return gso_each(ctx, skb, xlat_send_46);
	return xlat_send_46(ctx, skb);
pass:
	nat64_stats_inc(&inst->stats, NAT64_STAT_PASS4);
	return STEP_PASS;
}

/*
 * 6877-3: a CLAT without an IPv6 prefix of its own translates for one
 * address of the host's (NAT44 first, RFC 6877 6.3), which the host
 * claims by Neighbor Discovery. ND to an address of this node is the
 * host's, not the translator's; in transit, 7915-46 drops it.
 */
static bool nd_to_me(struct nat64_instance *inst, struct sk_buff *skb)
{
	const struct ipv6hdr *h = ipv6_hdr(skb);
	u8 buf;
	const u8 *type;

	if (h->nexthdr != IPPROTO_ICMPV6 || h->hop_limit != 255)
		return false;
	type = skb_header_pointer(skb, sizeof(*h), 1, &buf);
	return type && *type >= NDISC_ROUTER_SOLICITATION &&
	       *type <= NDISC_REDIRECT &&
	       ipv6_chk_addr(inst->net, &h->daddr, NULL, 0);
}

static enum step pipeline_64(struct xlat_ctx *ctx, struct sk_buff *skb)
{
	struct nat64_instance *inst = ctx->inst;
	int err;

	/* Only destinations inside pool6 or an EAM. */
	if (!pskb_may_pull(skb, sizeof(struct ipv6hdr))) {
		nat64_stats_inc(&inst->stats, NAT64_STAT_PASS6);
		return STEP_PASS;
	}
	err = map_64(ctx, &ipv6_hdr(skb)->daddr, NAT64_ADDR_DST, &ctx->dst4);
	if (err == -EACCES)
		return refuse(ctx, skb, true, NAT64_STAT_DROP_DENIED);
	if (err == -EPERM)		/* 6052-9 */
		return refuse(ctx, skb, true, NAT64_STAT_DROP_ADDR);
	if (err || native6(inst, &ipv6_hdr(skb)->daddr, ctx->dst_plen) ||
	    nd_to_me(inst, skb)) {
		nat64_stats_inc(&inst->stats, NAT64_STAT_PASS6);
		return STEP_PASS;
	}
	ctx->have_dst = true;
	if (skb_is_gso(skb))
		return gso_each(ctx, skb, xlat_send_64);
	return xlat_send_64(ctx, skb);
}

/* --- The stateful pipelines (mode nat64, RFC 6146) ----------------------- */

/*
 * What RFC 6146 section 3.4 takes from a packet: its protocol, its
 * ports (or an echo's identifier) and, for TCP, the flags. @off is where
 * the L4 header starts. An ICMP type that is not echo gives proto
 * ICMP with *is_err telling errors from the rest.
 */
struct l4info {
	u8 proto;		/* IPPROTO_TCP, _UDP, _ICMP (for ICMPv6 too) */
	u8 type;		/* ICMP / ICMPv6 type */
	bool is_err;		/* an ICMP error */
	bool is_echo;		/* an ICMP echo request or reply */
	u16 sport, dport;	/* echo: both are the identifier */
	u8 flags;		/* TCP */
};

static bool l4info(struct sk_buff *skb, int off, u8 nexthdr, bool v6,
		   struct l4info *l)
{
	u8 buf[14];
	const u8 *h;

	memset(l, 0, sizeof(*l));
	switch (nexthdr) {
	case IPPROTO_TCP:
		h = skb_header_pointer(skb, off, 14, buf);
		if (!h)
			return false;
		l->flags = h[13] & (NAT64_TCP_FIN | NAT64_TCP_SYN |
				    NAT64_TCP_RST);
		break;
	case IPPROTO_UDP:
		h = skb_header_pointer(skb, off, 4, buf);
		if (!h)
			return false;
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		if ((nexthdr == IPPROTO_ICMPV6) != v6)
			return false;
		h = skb_header_pointer(skb, off, 8, buf);
		if (!h)
			return false;
		l->proto = IPPROTO_ICMP;
		l->type = h[0];
		l->is_echo = v6 ? h[0] == 128 || h[0] == 129 :
				  h[0] == 0 || h[0] == 8;
		l->is_err = v6 ? h[0] < 128 : nat64_icmp4_is_error(h[0]);
		l->sport = l->dport = get_unaligned_be16(h + 4);
		return true;
	default:
		return false;
	}
	l->proto = nexthdr;
	l->sport = get_unaligned_be16(h);
	l->dport = get_unaligned_be16(h + 2);
	return true;
}

/* Is @nexthdr one a nat64 instance translates (else 6146-18)? */
static bool known_l4(u8 nexthdr, bool v6)
{
	return nexthdr == IPPROTO_TCP || nexthdr == IPPROTO_UDP ||
	       nexthdr == (v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
}

/*
 * An IPv4 packet to a pool4 address that the instance does not
 * translate. A pool4 address of the host's own (a CPE's WAN address)
 * leaves it to the host: its ping, its services, its own protocol
 * unreachable. Any other (a PLAT's pool4, routed to it) would only be
 * routed back out: dropped and counted @why, answered with ICMPv4
 * 3/@code when @code is not -1.
 */
static enum step not_translated4(struct xlat_ctx *ctx, struct sk_buff *skb,
				 enum nat64_stat why, int code)
{
	if (inet_addr_type(ctx->inst->net, ip_hdr(skb)->daddr) == RTN_LOCAL) {
		nat64_stats_inc(&ctx->inst->stats, NAT64_STAT_PASS4);
		return STEP_PASS;
	}
	if (code < 0)
		return drop(ctx->inst, why);
	return answer(ctx, skb, false, ICMP_DEST_UNREACH, code, why);
}

/* The IPv4-converted address of @a under the instance's first prefix. */
static bool embed_first(struct nat64_instance *inst, __be32 a,
			struct in6_addr *out)
{
	const struct nat64_pool6 *pool = rcu_dereference(inst->pool6);

	if (!pool || !pool->n || !nat64_rfc6052_allowed(&pool->p[0], a, false))
		return false;
	nat64_rfc6052_embed(&pool->p[0], a, out);
	return true;
}

/* The IPv4 address inside @a6, if a prefix holds it and may embed it. */
static bool extract_any(struct nat64_instance *inst,
			const struct in6_addr *a6, __be32 *out)
{
	const struct nat64_prefix6 *p = nat64_pool6_find_rcu(inst, a6);

	return p && !nat64_rfc6052_extract(p, a6, out) &&
	       nat64_rfc6052_allowed(p, *out, false);
}

/*
 * 6146-14/15: an ICMPv6 error about a packet we sent to X' (from
 * Pref64::Z). Its quoted packet names the BIB entry; nothing changes.
 */
static enum step nat64_err_64(struct xlat_ctx *ctx, struct sk_buff *skb,
			      int off)
{
	struct nat64_instance *inst = ctx->inst;
	struct ipv6hdr _ih, *ih;
	struct l4info il;
	__be16 frag_off;
	__be32 t, z;
	u16 tp;
	u8 nexthdr;
	int ioff;

	ih = skb_header_pointer(skb, off + 8, sizeof(_ih), &_ih);
	if (!ih)
		return drop(inst, NAT64_STAT_DROP_TRUNCATED);
	nexthdr = ih->nexthdr;
	ioff = ipv6_skip_exthdr(skb, off + 8 + sizeof(*ih), &nexthdr,
				&frag_off);
	if (ioff < 0 || (frag_off & htons(IP6_OFFSET)) ||
	    !l4info(skb, ioff, nexthdr, true, &il) || il.is_err)
		return drop(inst, NAT64_STAT_DROP_NO_STATE);
	if (!extract_any(inst, &ih->saddr, &z))
		return drop(inst, NAT64_STAT_DROP_ADDR);
	if (!nat64_bib_find6(inst, il.proto, &ih->daddr, il.dport, &t, &tp))
		return drop(inst, NAT64_STAT_DROP_NO_STATE);
	ctx->a4[NAT64_ADDR_SRC] = t;
	if (!extract_any(inst, &ipv6_hdr(skb)->daddr,
			 &ctx->a4[NAT64_ADDR_DST]))
		return drop(inst, NAT64_STAT_DROP_ADDR);
	ctx->a4[NAT64_ADDR_ERR_SRC] = t;
	ctx->a4[NAT64_ADDR_INNER_SRC] = z;
	ctx->a4[NAT64_ADDR_INNER_DST] = t;
	/* the quoted packet went Z:z -> T:t (an echo: identifier t) */
	ctx->ports.inner_sport = il.proto == IPPROTO_ICMP ? tp : il.sport;
	ctx->ports.inner_dport = tp;
	ctx->dst4 = ctx->a4[NAT64_ADDR_DST];
	ctx->have_dst = true;
	return xlat_send_64(ctx, skb);
}

static enum step nat64_64(struct xlat_ctx *ctx, struct sk_buff *skb)
{
	struct nat64_instance *inst = ctx->inst;
	const struct nat64_prefix6 *p;
	struct nat64_flow f;	/* every field is set before use */
	struct ipv6hdr *ip6;
	struct l4info l;
	__be16 frag_off;
	u8 nexthdr;
	int off;
	u32 why;

	ctx_stateful(ctx, true);
	if (!pskb_may_pull(skb, sizeof(*ip6)))
		goto pass;
	ip6 = ipv6_hdr(skb);
	/* 6146-3: only destinations inside a NAT64 prefix */
	p = nat64_pool6_find_rcu(inst, &ip6->daddr);
	if (!p)
		goto pass;
	/* 6146-2: a source inside one would loop */
	if (nat64_pool6_find_rcu(inst, &ip6->saddr))
		return drop(inst, NAT64_STAT_DROP_SRC_PREF64);
	if (nat64_rfc6052_extract(p, &ip6->daddr, &f.remote4) ||
	    !nat64_rfc6052_allowed(p, f.remote4, false))
		return refuse(ctx, skb, true, NAT64_STAT_DROP_ADDR);
	nexthdr = ip6->nexthdr;
	off = ipv6_skip_exthdr(skb, sizeof(*ip6), &nexthdr, &frag_off);
	if (off < 0)
		return drop(inst, NAT64_STAT_DROP_MALFORMED);
	/* nf_defrag reassembled what it could: a fragment left has no
	 * ports to find its state with
	 */
	if (frag_off & htons(IP6_OFFSET | IP6_MF))
		return drop(inst, NAT64_STAT_DROP_FRAG);
	ctx->reassembled = IP6CB(skb)->frag_max_size != 0;
	if (!l4info(skb, off, nexthdr, true, &l)) {
		if (known_l4(nexthdr, true))
			return drop(inst, NAT64_STAT_DROP_TRUNCATED);
		/* 6146-18: ICMPv6 port unreachable */
		return answer(ctx, skb, true, ICMPV6_DEST_UNREACH,
			      ICMPV6_PORT_UNREACH, NAT64_STAT_DROP_PROTO);
	}
	ctx->stateful = true;
	if (l.is_err)
		return nat64_err_64(ctx, skb, off);
	if (l.proto == IPPROTO_ICMP && !l.is_echo)
		return drop(inst, NAT64_STAT_DROP_ICMP_TYPE);
	f.proto = l.proto;
	f.tcp_flags = l.flags;
	f.addr6 = ip6->saddr;
	f.port6 = l.sport;
	f.remote6 = ip6->daddr;
	f.rport = l.proto == IPPROTO_ICMP ? 0 : l.dport;
	why = nat64_state_64(inst, &f);
	if (unlikely(why)) {
		/* 6146-8, 6888-2, 7422-3, 7857-4: no transport address
		 * or quota
		 */
		if ((why == NAT64_STAT_DROP_POOL4 ||
		     why == NAT64_STAT_DROP_APP ||
		     why == NAT64_STAT_DROP_SUB_PORTS ||
		     why == NAT64_STAT_DROP_SUB_SESSIONS ||
		     why == NAT64_STAT_DROP_SESSION_CAP ||
		     why == NAT64_STAT_DROP_DET_PORTS ||
		     why == NAT64_STAT_DROP_PBA_FULL) && ctx->g->drop_icmp) {
			icmpv6_send(skb, ICMPV6_DEST_UNREACH,
				    ICMPV6_ADDR_UNREACH, 0);
			nat64_stats_inc(&inst->stats, NAT64_STAT_ICMP_SENT);
		}
		return drop(inst, why);
	}
	ctx->a4[NAT64_ADDR_SRC] = f.addr4;
	ctx->a4[NAT64_ADDR_DST] = f.remote4;
	ctx->a4[NAT64_ADDR_ERR_SRC] = f.addr4;
	ctx->ports.sport = f.port4;
	ctx->ports.dport = l.dport;
	ctx->dst4 = f.remote4;
	ctx->have_dst = true;
	if (skb_is_gso(skb))
		return gso_each(ctx, skb, xlat_send_64);
	return xlat_send_64(ctx, skb);
pass:
	nat64_stats_inc(&inst->stats, NAT64_STAT_PASS6);
	return STEP_PASS;
}

/*
 * 6146-14/15, 35/36: an ICMPv4 error about a packet we sent from T:t to
 * Z. The quoted packet names the BIB entry; nothing changes. The
 * error's source R becomes Pref64::R, so that traceroute shows the
 * routers (6146-36, docs/nat64.md).
 */
static enum step nat64_err_46(struct xlat_ctx *ctx, struct sk_buff *skb,
			      int off)
{
	struct nat64_instance *inst = ctx->inst;
	struct iphdr _ih, *ih;
	struct in6_addr x6;
	struct l4info il;
	u16 x;

	/* 6146-14: no flow to be found, or an error about an error */
	ih = skb_header_pointer(skb, off + 8, sizeof(_ih), &_ih);
	if (!ih || ih->ihl < 5 || (ih->frag_off & htons(IP_OFFSET)))
		return not_translated4(ctx, skb, NAT64_STAT_DROP_NO_STATE, -1);
	if (!l4info(skb, off + 8 + ih->ihl * 4, ih->protocol, false, &il) ||
	    il.is_err ||
	    !nat64_bib_find4(inst, il.proto, ih->saddr, il.sport, &x6, &x))
		return not_translated4(ctx, skb, NAT64_STAT_DROP_NO_STATE, -1);
	if (!embed_first(inst, ip_hdr(skb)->saddr,
			 &ctx->a6[NAT64_ADDR_SRC]) ||
	    !embed_first(inst, ih->daddr, &ctx->a6[NAT64_ADDR_INNER_DST]))
		return drop(inst, NAT64_STAT_DROP_ADDR);
	ctx->a6[NAT64_ADDR_DST] = x6;
	ctx->a6[NAT64_ADDR_INNER_SRC] = x6;
	ctx->ports.inner_sport = x;
	ctx->ports.inner_dport = il.dport;
	ctx->stateful = true;
	ctx->dst6 = x6;
	ctx->have_dst = true;
	return xlat_send_46(ctx, skb);
}

static enum step nat64_46(struct xlat_ctx *ctx, struct sk_buff *skb)
{
	struct nat64_instance *inst = ctx->inst;
	struct nat64_flow f = {};
	struct iphdr *iph;
	struct l4info l;
	u32 why;
	int off;

	ctx_stateful(ctx, false);
	if (!pskb_may_pull(skb, sizeof(*iph)))
		goto pass;
	iph = ip_hdr(skb);
	/* 6146-3: only what is addressed to pool4 (or a static entry) */
	if (!nat64_pool4_has_addr(inst, iph->daddr))
		goto pass;
	/* nf_defrag reassembled what it could: a fragment left has no
	 * ports to find its state with
	 */
	if (iph->frag_off & htons(IP_OFFSET | IP_MF))
		return drop(inst, NAT64_STAT_DROP_FRAG);
	off = iph->ihl * 4;
	if (!l4info(skb, off, iph->protocol, false, &l)) {
		if (known_l4(iph->protocol, false))
			return not_translated4(ctx, skb,
					       NAT64_STAT_DROP_TRUNCATED, -1);
		/* 6146-18: ICMPv4 protocol unreachable */
		return not_translated4(ctx, skb, NAT64_STAT_DROP_PROTO,
				       ICMP_PROT_UNREACH);
	}
	if (l.is_err)
		return nat64_err_46(ctx, skb, off);
	if (l.proto == IPPROTO_ICMP) {
		if (!l.is_echo)
			return not_translated4(ctx, skb,
					       NAT64_STAT_DROP_ICMP_TYPE, -1);
		/* an echo for no BIB entry: the host's own, or 6146-32 */
		if (!nat64_bib_find4(inst, IPPROTO_ICMP, iph->daddr, l.dport,
				     &f.addr6, &f.port6))
			return not_translated4(ctx, skb,
					       NAT64_STAT_DROP_NO_BIB, -1);
	} else if (!nat64_pool4_has(inst, l.proto, iph->daddr, l.dport) &&
		   !nat64_bib_find4(inst, l.proto, iph->daddr, l.dport,
				    &f.addr6, &f.port6)) {
		/* outside the ranges: the host's ports */
		return not_translated4(ctx, skb, NAT64_STAT_DROP_NO_BIB, -1);
	}
	f.proto = l.proto;
	f.tcp_flags = l.flags;
	f.addr4 = iph->daddr;
	f.port4 = l.dport;
	f.remote4 = iph->saddr;
	f.rport = l.proto == IPPROTO_ICMP ? 0 : l.sport;
	if (!embed_first(inst, iph->saddr, &f.remote6))
		return drop(inst, NAT64_STAT_DROP_ADDR);
	why = nat64_state_46(inst, &f);
	if (why == NAT64_STAT_SYN4_HELD)
		why = nat64_syn4_hold(inst, &f, skb);
	if (why == NAT64_STAT_SYN4_HELD) {
		nat64_stats_inc(&inst->stats, why);	/* a copy is kept */
		return STEP_DROP;
	}
	if (why)
		return drop(inst, why);
	ctx->stateful = true;
	ctx->a6[NAT64_ADDR_SRC] = f.remote6;
	ctx->a6[NAT64_ADDR_DST] = f.addr6;
	ctx->ports.sport = l.proto == IPPROTO_ICMP ? f.port6 : l.sport;
	ctx->ports.dport = f.port6;
	ctx->dst6 = f.addr6;
	ctx->have_dst = true;
	if (skb_is_gso(skb))
		return gso_each(ctx, skb, xlat_send_46);
	return xlat_send_46(ctx, skb);
pass:
	nat64_stats_inc(&inst->stats, NAT64_STAT_PASS4);
	return STEP_PASS;
}

/*
 * The context is not zeroed on the stack (CONFIG_INIT_STACK_ALL_ZERO: a
 * string instruction 176 bytes long a packet): ctx_init() sets every field
 * that is read before it is written.
 */
unsigned int nat64_core_46(struct nat64_instance *inst, struct sk_buff *skb)
{
	struct xlat_ctx ctx __uninitialized;

	nat64_stats_inc(&inst->stats, NAT64_STAT_RX4);
	ctx_init(&ctx, inst);
	if (inst->mode == NAT64_MODE_NAT64)
		return finish(nat64_46(&ctx, skb), skb);
	return finish(pipeline_46_ctx(&ctx, skb), skb);
}

unsigned int nat64_core_64(struct nat64_instance *inst, struct sk_buff *skb)
{
	struct xlat_ctx ctx __uninitialized;

	nat64_stats_inc(&inst->stats, NAT64_STAT_RX6);
	ctx_init(&ctx, inst);
	if (inst->mode == NAT64_MODE_NAT64)
		return finish(nat64_64(&ctx, skb), skb);
	return finish(pipeline_64(&ctx, skb), skb);
}
