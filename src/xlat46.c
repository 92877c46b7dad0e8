// SPDX-License-Identifier: GPL-2.0-only
/*
 * RFC 7915 section 4: IPv4 -> IPv6 on byte views (see xlat.h).
 *
 * nat64_xlat_46() is the pipeline, top to bottom; an ICMP error leaves it
 * for err46(), which translates the whole message. Pure: any context.
 */
#include "compat.h"
#include "csum.h"
#include "icmp.h"
#include "xlat.h"

#define IP4_HDR		20
#define IP6_HDR		40
#define FRAG_HDR	8
#define ICMP_HDR	8
#define ERR6_MAX	1280	/* 7915-26: a translated ICMPv6 error */

#define P_ICMP		1
#define P_TCP		6
#define P_UDP		17
#define P_DCCP		33
#define P_FRAG		44
#define P_ICMP6		58

/* A parsed IPv4 header (outer, or quoted in an ICMP error). */
struct hdr4 {
	const u8 *p;
	u32 ihl;		/* header length in bytes */
	u32 tot;		/* Total Length */
	u16 off;		/* fragment offset, 8-byte units */
	bool df;
	bool mf;
	u8 proto;
};

/* An ICMPv4 error being translated (4.2, 4.3). */
struct err46 {
	struct nat64_icmp_xl xl;
	const u8 *icmp;		/* the ICMPv4 header */
	const u8 *q;		/* the quoted packet */
	u32 qlen;		/* bytes of it (RFC 4884: the datagram field) */
	u32 ext;		/* RFC 4884 extension bytes after them */
	struct hdr4 in;		/* the quoted IPv4 header */
	struct in6_addr src, dst, isrc, idst;
};

static u32 min32(u32 a, u32 b)
{
	return a < b ? a : b;
}

static void read4(const u8 *p, struct hdr4 *h)
{
	u16 frag = nat64_get16(p + 6);

	h->p = p;
	h->ihl = (p[0] & 0xf) * 4;
	h->tot = nat64_get16(p + 2);
	h->off = frag & 0x1fff;
	h->df = frag & 0x4000;
	h->mf = frag & 0x2000;
	h->proto = p[9];
}

static bool frag4(const struct hdr4 *h)
{
	return h->mf || h->off;
}

/* 7915-8: the IPv6 Next Header for IPv4 protocol @proto. */
static u8 nh6(u8 proto)
{
	return proto == P_ICMP ? P_ICMP6 : proto;
}

/* Bytes of L4 header a first fragment must have (and that go to out). */
static u32 l4_len(u8 proto)
{
	switch (proto) {
	case P_TCP:
		return 20;
	case P_UDP:
	case P_DCCP:
	case P_ICMP:
		return 8;
	}
	return 0;
}

/*
 * 7915-16: IGMP is dropped; so are the numbers that only mean something
 * in IPv6 (HBH, Routing, Fragment, ICMPv6, DestOpts), which would turn
 * into IPv6 headers on the way.
 */
static bool proto_ok46(u8 proto)
{
	return proto != 2 && proto != 0 && proto != 43 && proto != 44 &&
	       proto != P_ICMP6 && proto != 60;
}

static u32 lowest6(const struct nat64_xlat_cfg *cfg)
{
	return cfg->lowest_ipv6_mtu < 1280 ? 1280 : cfg->lowest_ipv6_mtu;
}

/* 4.1: is there a whole, sane IPv4 header? If not, say why in @res. */
static bool parse4(const u8 *in, u32 avail, u32 len, struct hdr4 *h,
		   struct nat64_xlat_res *res)
{
	if (unlikely(len < IP4_HDR))
		return nat64_xlat_drop(res, NAT64_DROP_TRUNCATED);
	if (avail < IP4_HDR)
		return nat64_xlat_more(res, IP4_HDR);
	read4(in, h);
	if (unlikely(in[0] >> 4 != 4 || h->ihl < IP4_HDR || h->tot < h->ihl))
		return nat64_xlat_drop(res, NAT64_DROP_MALFORMED);
	if (unlikely(h->tot > len))
		return nat64_xlat_drop(res, NAT64_DROP_TRUNCATED);
	/* a fragment cannot end past 64 KiB (RFC 791) */
	if (unlikely(h->off * 8 + h->tot - h->ihl > 0xffff))
		return nat64_xlat_drop(res, NAT64_DROP_MALFORMED);
	if (avail < h->ihl)
		return nat64_xlat_more(res, h->ihl);
	return true;
}

/*
 * 7915-11/12: 1 if the options hold an unexpired Loose or Strict Source
 * Route (pointer <= length), 0 if not, -1 if the options are malformed.
 */
static int srr4(const u8 *p, u32 ihl)
{
	u32 i = IP4_HDR;

	while (i < ihl && p[i] != 0) {		/* 0: End of Option List */
		if (p[i] == 1) {		/* No Operation */
			i++;
			continue;
		}
		if (i + 1 >= ihl || p[i + 1] < 2 || p[i + 1] > ihl - i)
			return -1;
		if (p[i] == 0x83 || p[i] == 0x89) {	/* LSRR, SSRR */
			if (p[i + 1] < 3)
				return -1;
			if (p[i + 2] <= p[i + 1])
				return 1;
		}
		i += p[i + 1];
	}
	return 0;
}

static int map46(const struct nat64_xlat_map *map, const u8 *a,
		 enum nat64_addr_role role, struct in6_addr *out)
{
	__be32 v4;

	memcpy(&v4, a, sizeof(v4));
	return map->addr_46(map->priv, v4, role, out);
}

/* The outer addresses; an error's source may come from RFC 6791. */
static bool addrs46(const struct nat64_xlat_map *map, const u8 *ip, bool err,
		    struct in6_addr *src, struct in6_addr *dst)
{
	if (map46(map, ip + 12, NAT64_ADDR_SRC, src) &&
	    (!err || map46(map, ip + 12, NAT64_ADDR_ERR_SRC, src)))
		return false;
	return !map46(map, ip + 16, NAT64_ADDR_DST, dst);
}

/*
 * The IPv6 header translated from @h (7915-6/7/8) with hop limit @hl and
 * payload length @plen, plus a Fragment Header if @fh (7915-13; @plen
 * does not count it). Returns the bytes written, 40 or 48.
 */
static u32 put_hdr6(const struct nat64_xlat_cfg *cfg, const struct hdr4 *h,
		    const struct in6_addr *src, const struct in6_addr *dst,
		    u8 hl, bool fh, u32 plen, u8 *out)
{
	u8 tc = cfg->tclass_zero ? 0 : h->p[1];

	out[0] = 0x60 | tc >> 4;
	out[1] = (tc & 0xf) << 4;	/* flow label 0 */
	out[2] = 0;
	out[3] = 0;
	nat64_put16(out + 4, plen + (fh ? FRAG_HDR : 0));
	out[6] = fh ? P_FRAG : nh6(h->proto);
	out[7] = hl;
	memcpy(out + 8, src->s6_addr, 16);
	memcpy(out + 24, dst->s6_addr, 16);
	if (!fh)
		return IP6_HDR;
	out[40] = nh6(h->proto);
	out[41] = 0;
	nat64_put16(out + 42, h->off << 3 | h->mf);
	nat64_put32(out + 44, nat64_get16(h->p + 4));	/* 0x0000 || ID */
	return IP6_HDR + FRAG_HDR;
}

/* 7915-29..31: UDP; @o is the copy of the UDP header in out. */
static bool udp46(const struct nat64_xlat_cfg *cfg, const struct hdr4 *h,
		  u32 avail, const struct in6_addr *src,
		  const struct in6_addr *dst, u8 *o, struct nat64_xlat_res *res)
{
	const u8 *l4 = h->p + h->ihl;
	u16 check = nat64_get16(l4 + 6);
	u32 ulen, sum;

	if (check) {
		check = nat64_csum_46(check, h->p + 12, h->p + 16,
				      src->s6_addr, dst->s6_addr);
		nat64_put16(o + 6, check ? check : 0xffff);
		return true;
	}
	/* 7915-27: the first fragment or the datagram may be answered */
	if (frag4(h) || cfg->udp0 == NAT64_UDP0_DROP)
		return nat64_xlat_icmp(res, cfg->drop_icmp && !h->off,
				       NAT64_DROP_UDP0, 3, 13, 0);
	if (avail < h->tot)	/* the sum needs the whole datagram */
		return nat64_xlat_more(res, h->tot);
	ulen = nat64_get16(l4 + 4);
	if (unlikely(ulen < 8 || ulen > h->tot - h->ihl))
		return nat64_xlat_drop(res, NAT64_DROP_MALFORMED);
	sum = nat64_csum_pseudo6(src->s6_addr, dst->s6_addr, P_UDP, ulen);
	sum = nat64_csum_bytes(sum, l4, 6);
	sum = nat64_csum_bytes(sum, l4 + 8, ulen - 8);
	check = nat64_csum_finish(sum);
	nat64_put16(o + 6, check ? check : 0xffff);
	return true;
}

/*
 * 7915-15: echo 8/0 -> 128/129; the checksum gains the type change and
 * the IPv6 pseudo-header of an ICMPv6 message of @len bytes.
 */
static void echo46(const u8 *l4, u32 len, const struct in6_addr *src,
		   const struct in6_addr *dst, u8 *o)
{
	u32 sum = nat64_csum_unfold(nat64_get16(l4 + 2));
	u16 word = nat64_get16(l4);	/* @o may be @l4: read first */

	o[0] = l4[0] == 8 ? 128 : 129;
	sum = nat64_csum_sub16(sum, word);
	sum = nat64_csum_add16(sum, nat64_get16(o));
	sum = nat64_csum_add(sum, nat64_csum_pseudo6(src->s6_addr, dst->s6_addr,
						     P_ICMP6, len));
	nat64_put16(o + 2, nat64_csum_finish(sum));
}

/* 4.5 (and 4.2 for echo): the L4 header copied to @o. */
static bool l4_46(const struct nat64_xlat_cfg *cfg, const struct hdr4 *h,
		  u32 avail, const struct in6_addr *src,
		  const struct in6_addr *dst, u8 *o, struct nat64_xlat_res *res)
{
	const u8 *l4 = h->p + h->ihl;
	u32 at;

	switch (h->proto) {
	case P_UDP:
		return udp46(cfg, h, avail, src, dst, o, res);
	case P_ICMP:
		if (frag4(h))
			return nat64_xlat_drop(res, NAT64_DROP_ICMP_FRAG);
		echo46(l4, h->tot - h->ihl, src, dst, o);
		return true;
	case P_TCP:
		at = 16;
		break;
	case P_DCCP:
		at = 6;
		break;
	default:
		return true;
	}
	nat64_put16(o + at, nat64_csum_46(nat64_get16(l4 + at), h->p + 12,
					  h->p + 16, src->s6_addr,
					  dst->s6_addr));
	return true;
}

/*
 * 7915-9/11/12: TTL and source route, checked as a router would. No ICMP
 * error answers a non-first fragment.
 */
static bool router46(const struct hdr4 *h, struct nat64_xlat_res *res)
{
	bool may = !h->off;

	if (h->p[8] <= 1)
		return nat64_xlat_icmp(res, may, NAT64_DROP_HOPLIMIT, 11, 0, 0);
	switch (srr4(h->p, h->ihl)) {
	case -1:
		return nat64_xlat_drop(res, NAT64_DROP_MALFORMED);
	case 1:
		return nat64_xlat_icmp(res, may, NAT64_DROP_SRR, 3, 5, 0);
	}
	return true;
}

/*
 * 7915-2/3/5/13: a Fragment Header (*fh) when the packet is a fragment;
 * res->frag_needed when it must become fragments (the header is added
 * then, see frag6.h); Fragmentation Needed when DF=1 and the IPv6 next
 * hop is too small.
 */
static bool size46(const struct nat64_xlat_cfg *cfg, const struct hdr4 *h,
		   bool *fh, struct nat64_xlat_res *res)
{
	u32 size6, lim = lowest6(cfg);

	/* DF=0: fragments fit the lowest MTU and, if smaller, the next hop */
	if (cfg->mtu6_nexthop && cfg->mtu6_nexthop < lim)
		lim = cfg->mtu6_nexthop;
	*fh = frag4(h);
	size6 = IP6_HDR + (*fh ? FRAG_HDR : 0) + h->tot - h->ihl;
	if (h->df && cfg->mtu6_nexthop && size6 > cfg->mtu6_nexthop)
		return nat64_xlat_icmp(res, !h->off, NAT64_DROP_TOO_BIG, 3, 4,
				       nat64_icmp_fn_mtu(cfg->mtu6_nexthop));
	if (!h->df && size6 > lim) {
		res->frag_needed = true;
		res->frag_id = nat64_get16(h->p + 4);
	}
	return true;
}

/* ---- 4.2, 4.3: ICMPv4 errors --------------------------------------- */

/*
 * The quoted packet and, RFC 4884 section 4.1, a length attribute (byte
 * 5 of types 3, 11, 12, in 32-bit words) that splits off an extension.
 * A length beyond the message is ignored (a non-compliant message).
 */
static void quote46(u32 mlen, struct err46 *e)
{
	const u8 *icmp = e->icmp;
	u32 olen = icmp[5] * 4;

	e->q = icmp + ICMP_HDR;
	e->qlen = mlen - ICMP_HDR;
	e->ext = 0;
	if ((icmp[0] == 3 || icmp[0] == 11 || icmp[0] == 12) &&
	    olen && olen < e->qlen) {
		e->ext = e->qlen - olen;
		e->qlen = olen;
	}
}

/* 7915-24/25: the quoted IPv4 header, and no error inside an error. */
static bool inner46(struct err46 *e, struct nat64_xlat_res *res)
{
	struct hdr4 *ih = &e->in;
	u8 type;

	if (unlikely(e->qlen < IP4_HDR))
		return nat64_xlat_drop(res, NAT64_DROP_MALFORMED);
	read4(e->q, ih);
	if (unlikely(e->q[0] >> 4 != 4 || ih->ihl < IP4_HDR ||
		     ih->ihl > e->qlen || ih->tot < ih->ihl))
		return nat64_xlat_drop(res, NAT64_DROP_MALFORMED);
	if (unlikely(!proto_ok46(ih->proto)))
		return nat64_xlat_drop(res, NAT64_DROP_PROTO);
	if (ih->off || ih->proto != P_ICMP ||
	    min32(e->qlen, ih->tot) <= ih->ihl)
		return true;
	type = e->q[ih->ihl];
	if (nat64_icmp4_is_error(type))
		return nat64_xlat_drop(res, NAT64_DROP_ICMP_NESTED);
	if (type != 0 && type != 8)
		return nat64_xlat_drop(res, NAT64_DROP_ICMP_TYPE);
	return true;
}

/*
 * 7915-24, 7757-3: the quoted packet's L4 checksum follows its addresses
 * (incrementally, so a truncated quote is fine); @l4 holds @m bytes.
 */
static void inner_l4_46(const struct err46 *e, u8 *l4, u32 m)
{
	const u8 *s4 = e->in.p + 12, *d4 = e->in.p + 16;
	const u8 *s6 = e->isrc.s6_addr, *d6 = e->idst.s6_addr;
	u32 at;
	u16 c;

	switch (e->in.proto) {
	case P_ICMP:
		if (m >= 4)
			echo46(l4, e->in.tot - e->in.ihl, &e->isrc, &e->idst,
			       l4);
		else if (m >= 1)
			l4[0] = l4[0] == 8 ? 128 : 129;
		return;
	case P_UDP:
		if (m < 8 || !nat64_get16(l4 + 6))
			return;
		c = nat64_csum_46(nat64_get16(l4 + 6), s4, d4, s6, d6);
		nat64_put16(l4 + 6, c ? c : 0xffff);
		return;
	case P_TCP:
		at = 16;
		break;
	case P_DCCP:
		at = 6;
		break;
	default:
		return;
	}
	if (m >= at + 2)
		nat64_put16(l4 + at, nat64_csum_46(nat64_get16(l4 + at),
						   s4, d4, s6, d6));
}

/* The second word of the ICMPv6 header (7915-18/19/22). */
static void rest46(const struct nat64_xlat_cfg *cfg, const struct err46 *e,
		   u8 *icmp6)
{
	u32 v = 0;

	if (e->xl.rest == NAT64_ICMP_REST_PTR)
		v = e->xl.ptr;
	else if (e->xl.rest == NAT64_ICMP_REST_MTU)
		v = nat64_icmp_mtu_46(nat64_get16(e->icmp + 6), e->in.tot,
				      cfg->mtu6_nexthop, cfg->mtu4_nexthop,
				      cfg->fn_mtu0_plateaus);
	nat64_put32(icmp6 + 4, v);
}

/*
 * 7915-23, RFC 4884: keep the extension when it fits in @limit, after the
 * datagram (@dlen bytes) zero-padded to 64 bits and at least 128 bytes.
 * Only ICMPv6 types 1 and 3 have the length attribute (byte 4, in 64-bit
 * words). Returns the new message end; without room, @end (no extension).
 */
static u32 ext46(const struct err46 *e, u8 *out, u32 limit, u32 dlen,
		 u32 end)
{
	u32 base = IP6_HDR + ICMP_HDR;
	u32 orig = (dlen + 7) & ~7U;

	if (!e->ext || (e->xl.type != 1 && e->xl.type != 3))
		return end;
	if (orig < 128)
		orig = 128;
	if (base + orig + e->ext > limit)
		return end;
	memset(out + end, 0, base + orig - end);
	memcpy(out + base + orig, e->q + e->qlen, e->ext);
	out[IP6_HDR + 4] = orig / 8;
	return base + orig + e->ext;
}

/* Writes the translated error to @out (7915-24/26); false if no room. */
static bool build46(const struct nat64_xlat_cfg *cfg, const struct hdr4 *h,
		    const struct err46 *e, u8 *out, u32 cap,
		    struct nat64_xlat_res *res)
{
	u32 limit = min32(ERR6_MAX, cap), ih6 = frag4(&e->in) ? 48 : 40;
	u8 *icmp6 = out + IP6_HDR, *inner = icmp6 + ICMP_HDR;
	u32 n, m, end, sum;

	if (limit < IP6_HDR + ICMP_HDR + ih6)
		return nat64_xlat_drop(res, NAT64_DROP_NOROOM);
	n = min32(e->qlen, e->in.tot) - e->in.ihl;
	m = min32(n, limit - IP6_HDR - ICMP_HDR - ih6);
	/* the inner TTL is not decremented (7915-24) */
	put_hdr6(cfg, &e->in, &e->isrc, &e->idst, e->in.p[8], ih6 > 40,
		 e->in.tot - e->in.ihl, inner);
	memcpy(inner + ih6, e->q + e->in.ihl, m);
	if (!e->in.off)
		inner_l4_46(e, inner + ih6, m);
	if (!e->in.off && cfg->ports)
		nat64_xlat_set_ports(inner + ih6, m, nh6(e->in.proto),
				     cfg->ports->inner_sport,
				     cfg->ports->inner_dport);
	icmp6[0] = e->xl.type;
	icmp6[1] = e->xl.code;
	rest46(cfg, e, icmp6);
	end = ext46(e, out, limit, ih6 + n, IP6_HDR + ICMP_HDR + ih6 + m);
	put_hdr6(cfg, h, &e->src, &e->dst, h->p[8] - 1, false,
		 end - IP6_HDR, out);
	nat64_put16(icmp6 + 2, 0);
	sum = nat64_csum_pseudo6(e->src.s6_addr, e->dst.s6_addr, P_ICMP6,
				 end - IP6_HDR);
	sum = nat64_csum_bytes(sum, icmp6, end - IP6_HDR);
	nat64_put16(icmp6 + 2, nat64_csum_finish(sum));
	res->new_len = end;
	return true;
}

/* The addresses of an error: outer (RFC 6791 fallback), then inner. */
static bool addrs_err46(const struct nat64_xlat_map *map,
			const struct hdr4 *h, struct err46 *e)
{
	return addrs46(map, h->p, true, &e->src, &e->dst) &&
	       !map46(map, e->q + 12, NAT64_ADDR_INNER_SRC, &e->isrc) &&
	       !map46(map, e->q + 16, NAT64_ADDR_INNER_DST, &e->idst);
}

/* 4.2, 4.3: an ICMPv4 error, translated whole. No error answers it. */
static bool err46(const struct nat64_xlat_cfg *cfg,
		  const struct nat64_xlat_map *map, const struct hdr4 *h,
		  u32 avail, u32 len, u8 *out, u32 cap,
		  struct nat64_xlat_res *res)
{
	u32 mlen = h->tot - h->ihl;
	struct err46 e;

	e.icmp = h->p + h->ihl;
	if (frag4(h))
		return nat64_xlat_drop(res, NAT64_DROP_ICMP_FRAG);
	if (avail < len)
		return nat64_xlat_more(res, len);
	/* 7915-32: we recompute the checksum, so it must be right first */
	if (!nat64_csum_ok(nat64_csum_bytes(0, e.icmp, mlen)))
		return nat64_xlat_drop(res, NAT64_DROP_CSUM);
	if (nat64_icmp_46(e.icmp[0], e.icmp[1], e.icmp[4], &e.xl))
		return nat64_xlat_drop(res, NAT64_DROP_ICMP_TYPE);
	quote46(mlen, &e);
	if (!inner46(&e, res))
		return false;
	if (!addrs_err46(map, h, &e))
		return nat64_xlat_drop(res, NAT64_DROP_ADDR);
	if (!router46(h, res))		/* no error about an error */
		return nat64_xlat_drop(res, res->drop);
	if (!build46(cfg, h, &e, out, cap, res))
		return false;
	res->old_len = len;
	res->l4proto = P_ICMP6;
	return true;
}

/* ---- the pipeline ---------------------------------------------------- */

/*
 * RFC 7915 section 4, step by step; false when res holds another verdict
 * than OK. Any context, no locks: the map callbacks must be as lenient.
 */
static bool xlat46(const struct nat64_xlat_cfg *cfg,
		   const struct nat64_xlat_map *map,
		   const u8 *in, u32 avail, u32 len,
		   u8 *out, u32 cap, struct nat64_xlat_res *res)
{
	struct in6_addr src, dst;
	u32 l4len, hlen6;
	struct hdr4 h;
	bool fh;

	/* 4.1: the IPv4 header */
	if (!parse4(in, avail, len, &h, res))
		return false;
	/* 7915-10: illegal source */
	if (unlikely(in[12] == 0 || in[12] == 127))
		return nat64_xlat_drop(res, NAT64_DROP_SRC_ILLEGAL);
	/* 7915-8/16: protocols that cannot cross */
	if (unlikely(!proto_ok46(h.proto)))
		return nat64_xlat_drop(res, NAT64_DROP_PROTO);
	/* 4.5: a first fragment carries its whole L4 header */
	l4len = h.off ? 0 : l4_len(h.proto);
	if (unlikely(h.tot - h.ihl < l4len))
		return nat64_xlat_drop(res, NAT64_DROP_MALFORMED);
	if (avail < h.ihl + l4len)
		return nat64_xlat_more(res, h.ihl + l4len);
	/* 4.2: errors go whole (7915-17..26); other than echo: 7915-16 */
	if (l4len && h.proto == P_ICMP) {
		if (nat64_icmp4_is_error(in[h.ihl]))
			return err46(cfg, map, &h, avail, len, out, cap, res);
		if (in[h.ihl] != 0 && in[h.ihl] != 8)
			return nat64_xlat_drop(res, NAT64_DROP_ICMP_TYPE);
	}
	/* 4.1: addresses (7915-50: the map does RFC 6052 / EAM) */
	if (!addrs46(map, in, false, &src, &dst))	/* 7915-27 */
		return nat64_xlat_icmp(res, cfg->drop_icmp && !h.off,
				       NAT64_DROP_ADDR, 3, 13, 0);
	/* 7915-9/11/12, 7915-2/3/5/13: as a router; Fragment Header, size */
	if (!router46(&h, res) || !size46(cfg, &h, &fh, res))
		return false;
	hlen6 = fh ? IP6_HDR + FRAG_HDR : IP6_HDR;
	if (unlikely(cap < hlen6 + l4len))
		return nat64_xlat_drop(res, NAT64_DROP_NOROOM);
	/* 4.5: the L4 header and its checksum */
	memcpy(out + hlen6, in + h.ihl, l4len);
	if (l4len && !l4_46(cfg, &h, avail, &src, &dst, out + hlen6, res))
		return false;
	if (l4len && cfg->ports)	/* stateful: the BIB's ports */
		nat64_xlat_set_ports(out + hlen6, l4len, nh6(h.proto),
				     cfg->ports->sport, cfg->ports->dport);
	/* 4.1: the IPv6 header, TTL decremented */
	put_hdr6(cfg, &h, &src, &dst, in[8] - 1, fh, h.tot - h.ihl, out);
	res->old_len = h.ihl + l4len;
	res->new_len = hlen6 + l4len;
	res->l4proto = nh6(h.proto);
	return true;
}

void nat64_xlat_46(const struct nat64_xlat_cfg *cfg,
		   const struct nat64_xlat_map *map,
		   const u8 *in, u32 avail, u32 len,
		   u8 *out, u32 cap, struct nat64_xlat_res *res)
{
	memset(res, 0, sizeof(*res));
	if (xlat46(cfg, map, in, min32(avail, len), len, out, cap, res)) {
		res->verdict = NAT64_XLAT_OK;
	} else {
		res->frag_needed = false;
		res->frag_id = 0;
	}
}
