// SPDX-License-Identifier: GPL-2.0-only
/*
 * RFC 7915 section 5: IPv6 -> IPv4 on byte views (see xlat.h).
 *
 * nat64_xlat_64() is the pipeline, top to bottom; an ICMPv6 error leaves
 * it for err64(), which translates the whole message. Pure: any context.
 */
#include "compat.h"
#include "csum.h"
#include "icmp.h"
#include "xlat.h"

#define IP4_HDR		20
#define IP6_HDR		40
#define FRAG_HDR	8
#define ICMP_HDR	8
#define ERR4_MAX	576	/* 7915-49: a translated ICMPv4 error */
#define DF_ABOVE	1260	/* 7915-34 */

#define P_HBH		0
#define P_ICMP		1
#define P_TCP		6
#define P_UDP		17
#define P_DCCP		33
#define P_ROUTING	43
#define P_FRAG		44
#define P_AH		51
#define P_ICMP6		58
#define P_DSTOPTS	60

/* A parsed IPv6 header and its extension headers (outer or quoted). */
struct hdr6 {
	const u8 *p;
	u32 tot;		/* 40 + Payload Length */
	u32 hlen;		/* base and extension headers, in bytes */
	u8 proto;		/* the upper-layer protocol */
	bool fh;		/* has a Fragment Header */
	u16 off;		/* its offset, 8-byte units */
	bool mf;
	u32 id;
	u32 rh;			/* offset of an unexpired RH's Segments Left */
};

/* An ICMPv6 error being translated (5.2, 5.3). */
struct err64 {
	struct nat64_icmp_xl xl;
	const u8 *icmp;		/* the ICMPv6 header */
	const u8 *q;		/* the quoted packet */
	u32 qlen;		/* bytes of it (RFC 4884: the datagram field) */
	u32 ext;		/* RFC 4884 extension bytes after them */
	struct hdr6 in;		/* the quoted IPv6 header */
	u8 src[4], dst[4], isrc[4], idst[4];
	bool rfc6791;		/* src is the map's stand-in for the router's */
};

static u32 min32(u32 a, u32 b)
{
	return a < b ? a : b;
}

/* 7915-39: 58 -> 1, everything else copied. */
static u8 nh4(u8 proto)
{
	return proto == P_ICMP6 ? P_ICMP : proto;
}

static u32 l4_len(u8 proto)
{
	switch (proto) {
	case P_TCP:
		return 20;
	case P_UDP:
	case P_DCCP:
	case P_ICMP6:
		return 8;
	}
	return 0;
}

/* 7915-43: an extension header (AH included, ESP not). */
static bool ext_hdr(u8 nh)
{
	return nh == P_HBH || nh == P_ROUTING || nh == P_FRAG ||
	       nh == P_DSTOPTS || nh == P_AH || nh == 135 || nh == 139 ||
	       nh == 140;
}

/* The Fragment Header at @f (7915-42/43). */
static int frag6(struct hdr6 *h, const u8 *f)
{
	u16 w = nat64_get16(f + 2);

	h->fh = true;
	h->off = w >> 3;
	h->mf = w & 1;
	h->id = nat64_get32(f + 4);
	h->proto = f[0];
	return ext_hdr(f[0]) ? -NAT64_DROP_FRAG_EXT : 0;
}

/*
 * 5.1, 7915-39: walk the extension headers of @h within @tot bytes, of
 * which @have are readable. HBH, Routing and Destination Options are
 * skipped; the walk ends after a Fragment Header or at the first other
 * header. Returns 0 (h->hlen, h->proto set), the bytes needed to go on,
 * or minus a drop reason.
 */
static int walk6(struct hdr6 *h, u32 have, u32 tot)
{
	const u8 *p = h->p;
	u32 off = IP6_HDR, len;
	u8 nh = p[6];

	h->fh = false;
	h->off = 0;
	h->mf = false;
	h->id = 0;
	h->rh = 0;
	while (nh == P_HBH || nh == P_ROUTING || nh == P_DSTOPTS ||
	       nh == P_FRAG) {
		if (unlikely(nh == P_HBH && off != IP6_HDR))
			return -NAT64_DROP_MALFORMED;
		len = nh == P_FRAG ? FRAG_HDR : 8;
		if (off + len <= have && nh != P_FRAG)
			len = (p[off + 1] + 1) * 8;
		if (unlikely(off + len > tot))
			return -NAT64_DROP_MALFORMED;
		if (off + len > have)
			return off + len;
		if (nh == P_FRAG) {
			h->hlen = off + FRAG_HDR;
			return frag6(h, p + off);
		}
		if (nh == P_ROUTING && p[off + 3] && !h->rh)
			h->rh = off + 3;
		nh = p[off];
		off += len;
	}
	h->hlen = off;
	h->proto = nh;
	return 0;
}

/* 5.1: a whole IPv6 header and extension header chain? */
static bool parse6(const u8 *in, u32 avail, u32 len, struct hdr6 *h,
		   struct nat64_xlat_res *res)
{
	int r;

	if (unlikely(len < IP6_HDR))
		return nat64_xlat_drop(res, NAT64_DROP_TRUNCATED);
	if (avail < IP6_HDR)
		return nat64_xlat_more(res, IP6_HDR);
	h->p = in;
	h->tot = IP6_HDR + nat64_get16(in + 4);
	if (unlikely(in[0] >> 4 != 6))
		return nat64_xlat_drop(res, NAT64_DROP_MALFORMED);
	if (unlikely(h->tot > len))
		return nat64_xlat_drop(res, NAT64_DROP_TRUNCATED);
	r = walk6(h, avail, h->tot);
	if (r > 0)
		return nat64_xlat_more(res, r);
	if (r < 0)
		return nat64_xlat_drop(res, -r);
	/* a fragment cannot end past 64 KiB (RFC 8200 section 4.5) */
	if (unlikely(h->off * 8 + h->tot - h->hlen > 0xffff))
		return nat64_xlat_drop(res, NAT64_DROP_MALFORMED);
	return true;
}

/* 7915-40: the unspecified and the loopback address. */
static bool src_illegal(const u8 *a)
{
	static const u8 zero[15];

	return !memcmp(a, zero, sizeof(zero)) && a[15] <= 1;
}

static int map64(const struct nat64_xlat_map *map, const u8 *a,
		 enum nat64_addr_role role, u8 *out)
{
	struct in6_addr a6;
	__be32 v4;
	int err;

	memcpy(&a6, a, sizeof(a6));
	err = map->addr_64(map->priv, &a6, role, &v4);
	if (!err)
		memcpy(out, &v4, sizeof(v4));
	return err;
}

/* The outer addresses (an error's: addrs_err64()). */
static bool addrs64(const struct nat64_xlat_map *map, const u8 *ip, u8 *src,
		    u8 *dst)
{
	return !map64(map, ip + 8, NAT64_ADDR_SRC, src) &&
	       !map64(map, ip + 24, NAT64_ADDR_DST, dst);
}

/*
 * 5.1, 5.1.1: the IPv4 header translated from @h with TTL @ttl and Total
 * Length @tl (7915-34..37, 42). @id is used when there is no Fragment
 * Header; then DF is set above 1260 bytes.
 */
static void put_hdr4(const struct nat64_xlat_cfg *cfg, const struct hdr6 *h,
		     const u8 *src, const u8 *dst, u8 ttl, u32 tl, __be16 id,
		     u8 *out)
{
	u8 tc = (h->p[0] & 0xf) << 4 | h->p[1] >> 4;
	u16 frag;

	out[0] = 0x45;
	out[1] = cfg->tos_fixed ? cfg->tos : tc;
	nat64_put16(out + 2, tl);
	if (h->fh) {
		nat64_put16(out + 4, h->id & 0xffff);
		frag = h->off | (h->mf ? 0x2000 : 0);
	} else {
		memcpy(out + 4, &id, sizeof(id));
		frag = tl > DF_ABOVE && !cfg->reassembled ? 0x4000 : 0;
	}
	nat64_put16(out + 6, frag);
	out[8] = ttl;
	out[9] = nh4(h->proto);
	memcpy(out + 12, src, 4);
	memcpy(out + 16, dst, 4);
	nat64_put16(out + 10, nat64_csum_ip4(out, IP4_HDR));
}

/*
 * 7915-46: echo 128/129 -> 8/0; the checksum loses the IPv6 pseudo-header
 * of an ICMPv6 message of @len bytes and gains the type change. @o may
 * be @l4.
 */
static void echo64(const u8 *l4, u32 len, const u8 *s6, const u8 *d6, u8 *o)
{
	u32 sum = nat64_csum_unfold(nat64_get16(l4 + 2));
	u16 word = nat64_get16(l4);

	o[0] = l4[0] == 128 ? 8 : 0;
	sum = nat64_csum_sub16(sum, word);
	sum = nat64_csum_add16(sum, nat64_get16(o));
	sum = nat64_csum_sub(sum, nat64_csum_pseudo6(s6, d6, P_ICMP6, len));
	nat64_put16(o + 2, nat64_csum_finish(sum));
}

/* 5.5 (and 5.2 for echo): the L4 header copied to @o. */
static bool l4_64(const struct hdr6 *h, const u8 *s4, const u8 *d4, u8 *o,
		  struct nat64_xlat_res *res)
{
	const u8 *l4 = h->p + h->hlen, *s6 = h->p + 8, *d6 = h->p + 24;
	u32 at;
	u16 c;

	switch (h->proto) {
	case P_UDP:
		/* a zero checksum is illegal in IPv6 (RFC 8200 8.1) */
		if (unlikely(!nat64_get16(l4 + 6)))
			return nat64_xlat_drop(res, NAT64_DROP_UDP0);
		c = nat64_csum_64(nat64_get16(l4 + 6), s6, d6, s4, d4);
		nat64_put16(o + 6, c ? c : 0xffff);
		return true;
	case P_ICMP6:
		if (h->fh)
			return nat64_xlat_drop(res, NAT64_DROP_ICMP_FRAG);
		echo64(l4, h->tot - h->hlen, s6, d6, o);
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
	nat64_put16(o + at, nat64_csum_64(nat64_get16(l4 + at), s6, d6,
					  s4, d4));
	return true;
}

/*
 * 7915-38/41: hop limit and routing header, checked as a router would.
 * No ICMP error answers a non-first fragment.
 */
static bool router64(const struct hdr6 *h, struct nat64_xlat_res *res)
{
	bool may = !h->off;

	if (h->p[7] <= 1)
		return nat64_xlat_icmp(res, may, NAT64_DROP_HOPLIMIT, 3, 0, 0);
	if (h->rh)
		return nat64_xlat_icmp(res, may, NAT64_DROP_RH, 4, 0, h->rh);
	return true;
}

/*
 * 7915-37/45: the IPv4 Total Length *@tl; Packet Too Big when it would be
 * DF=1 (7915-34) and over the IPv4 next hop, or over 64 KiB at all.
 */
static bool size64(const struct nat64_xlat_cfg *cfg, const struct hdr6 *h,
		   u32 *tl, struct nat64_xlat_res *res)
{
	u32 nh4 = cfg->mtu4_nexthop;

	*tl = IP4_HDR + h->tot - h->hlen;
	if (*tl > 0xffff || (!h->fh && !cfg->reassembled && *tl > DF_ABOVE &&
			     nh4 && *tl > nh4))
		return nat64_xlat_icmp(res, !h->off, NAT64_DROP_TOO_BIG, 2, 0,
				       nat64_icmp_ptb_mtu(nh4 && nh4 < *tl ?
							  nh4 : 0xffff));
	return true;
}

/* ---- 5.2, 5.3: ICMPv6 errors ---------------------------------------- */

/*
 * The quoted packet and, RFC 4884 section 4.2, a length attribute (byte
 * 4 of types 1 and 3, in 64-bit words) that splits off an extension.
 * A length beyond the message is ignored (a non-compliant message).
 */
static void quote64(u32 mlen, struct err64 *e)
{
	const u8 *icmp = e->icmp;
	u32 olen = icmp[4] * 8;

	e->q = icmp + ICMP_HDR;
	e->qlen = mlen - ICMP_HDR;
	e->ext = 0;
	if ((icmp[0] == 1 || icmp[0] == 3) && olen && olen < e->qlen) {
		e->ext = e->qlen - olen;
		e->qlen = olen;
	}
}

/* 7915-49: the quoted IPv6 headers, and no error inside an error. */
static bool inner64(struct err64 *e, struct nat64_xlat_res *res)
{
	struct hdr6 *ih = &e->in;
	u32 lim;
	int r;
	u8 type;

	if (unlikely(e->qlen < IP6_HDR || e->q[0] >> 4 != 6))
		return nat64_xlat_drop(res, NAT64_DROP_MALFORMED);
	ih->p = e->q;
	ih->tot = IP6_HDR + nat64_get16(e->q + 4);
	lim = min32(ih->tot, e->qlen);
	r = walk6(ih, lim, lim);
	if (r)
		return nat64_xlat_drop(res, r > 0 ? NAT64_DROP_MALFORMED : -r);
	if (unlikely(IP4_HDR + ih->tot - ih->hlen > 0xffff))
		return nat64_xlat_drop(res, NAT64_DROP_MALFORMED);
	if (unlikely(ih->proto == P_ICMP))
		return nat64_xlat_drop(res, NAT64_DROP_PROTO);
	if (ih->off || ih->proto != P_ICMP6 || lim <= ih->hlen)
		return true;
	type = e->q[ih->hlen];
	if (nat64_icmp6_is_error(type))
		return nat64_xlat_drop(res, NAT64_DROP_ICMP_NESTED);
	if (type != 128 && type != 129)
		return nat64_xlat_drop(res, NAT64_DROP_ICMP_TYPE);
	return true;
}

/* 7915-49, 7757-3: the quoted L4 checksum follows the addresses. */
static void inner_l4_64(const struct err64 *e, u8 *l4, u32 m)
{
	const u8 *s6 = e->in.p + 8, *d6 = e->in.p + 24;
	u32 at;
	u16 c;

	switch (e->in.proto) {
	case P_ICMP6:
		if (m >= 4)
			echo64(l4, e->in.tot - e->in.hlen, s6, d6, l4);
		else if (m >= 1)
			l4[0] = l4[0] == 128 ? 8 : 0;
		return;
	case P_UDP:
		if (m < 8 || !nat64_get16(l4 + 6))
			return;
		c = nat64_csum_64(nat64_get16(l4 + 6), s6, d6, e->isrc,
				  e->idst);
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
		nat64_put16(l4 + at, nat64_csum_64(nat64_get16(l4 + at), s6,
						   d6, e->isrc, e->idst));
}

/* The second word of the ICMPv4 header (7915-47/48). */
static void rest64(const struct nat64_xlat_cfg *cfg, const struct err64 *e,
		   u8 *icmp4)
{
	nat64_put32(icmp4 + 4, 0);
	if (e->xl.rest == NAT64_ICMP_REST_PTR)
		icmp4[4] = e->xl.ptr;
	else if (e->xl.rest == NAT64_ICMP_REST_MTU)
		nat64_put16(icmp4 + 6,
			    nat64_icmp_mtu_64(nat64_get32(e->icmp + 4),
					      cfg->mtu4_nexthop,
					      cfg->mtu6_nexthop));
}

/*
 * 7915-49, RFC 4884: the extension @ext (@elen bytes) when it fits in
 * @limit, after the datagram (@dlen bytes) zero-padded to 32 bits and at
 * least 128 bytes, with the length attribute (byte 5, in 32-bit words).
 * Returns the new message end; without room, @end (no extension).
 */
static u32 ext64(const u8 *ext, u32 elen, u8 *out, u32 limit, u32 dlen,
		 u32 end)
{
	u32 base = IP4_HDR + ICMP_HDR;
	u32 orig = (dlen + 3) & ~3U;

	if (!elen)
		return end;
	if (orig < 128)
		orig = 128;
	if (base + orig + elen > limit)
		return end;
	memset(out + end, 0, base + orig - end);
	memcpy(out + base + orig, ext, elen);
	out[IP4_HDR + 5] = orig / 4;
	return base + orig + elen;
}

#define IIO_LEN		28	/* the extension below, header included */

/*
 * 6791-3: an RFC 4884 extension structure holding one RFC 5837 Interface
 * Information Object (class 2) for the incoming interface with only its
 * IP address: @addr6, the router's own address that the error's IPv4
 * source stands for. Into @p (IIO_LEN bytes).
 */
static void iio64(u8 *p, const u8 *addr6)
{
	memset(p, 0, IIO_LEN);
	p[0] = 2 << 4;			/* RFC 4884 version 2 */
	nat64_put16(p + 4, IIO_LEN - 4);	/* the object's length */
	p[6] = 2;			/* class: interface information */
	p[7] = 0x04;			/* C-Type: incoming, IP address */
	nat64_put16(p + 8, 2);		/* AFI: IPv6 */
	memcpy(p + 12, addr6, 16);
	nat64_put16(p + 2, nat64_csum_finish(nat64_csum_bytes(0, p,
							       IIO_LEN)));
}

/* Writes the translated error to @out (7915-49); false if no room. */
static bool build64(const struct nat64_xlat_cfg *cfg, const struct hdr6 *h,
		    const struct err64 *e, __be16 id, u8 *out, u32 cap,
		    struct nat64_xlat_res *res)
{
	u32 limit = min32(ERR4_MAX, cap), iul, n, m, end;
	u8 *icmp4 = out + IP4_HDR, *inner = icmp4 + ICMP_HDR;
	u8 iio[IIO_LEN];

	if (limit < IP4_HDR + ICMP_HDR + IP4_HDR)
		return nat64_xlat_drop(res, NAT64_DROP_NOROOM);
	iul = e->in.tot - e->in.hlen;
	n = min32(e->qlen, e->in.tot) - e->in.hlen;
	m = min32(n, limit - IP4_HDR - ICMP_HDR - IP4_HDR);
	/* the inner hop limit is not decremented (7915-49) */
	put_hdr4(cfg, &e->in, e->isrc, e->idst, e->in.p[7], IP4_HDR + iul, 0,
		 inner);
	memcpy(inner + IP4_HDR, e->q + e->in.hlen, m);
	if (!e->in.off)
		inner_l4_64(e, inner + IP4_HDR, m);
	if (!e->in.off && cfg->ports)
		nat64_xlat_set_ports(inner + IP4_HDR, m, nh4(e->in.proto),
				     cfg->ports->inner_sport,
				     cfg->ports->inner_dport);
	icmp4[0] = e->xl.type;
	icmp4[1] = e->xl.code;
	rest64(cfg, e, icmp4);
	end = IP4_HDR + ICMP_HDR + IP4_HDR + m;
	if (e->ext) {
		end = ext64(e->q + e->qlen, e->ext, out, limit, IP4_HDR + n,
			    end);
	} else if (e->rfc6791) {
		iio64(iio, h->p + 8);
		end = ext64(iio, IIO_LEN, out, limit, IP4_HDR + n, end);
	}
	nat64_put16(icmp4 + 2, 0);
	nat64_put16(icmp4 + 2, nat64_csum_finish(nat64_csum_bytes(0, icmp4,
							end - IP4_HDR)));
	put_hdr4(cfg, h, e->src, e->dst, h->p[7] - 1, end, id, out);
	res->new_len = end;
	return true;
}

/*
 * The addresses of an error: outer (the RFC 6791 stand-in for a router
 * that has no IPv4 address, 6791-1), then inner.
 */
static bool addrs_err64(const struct nat64_xlat_map *map,
			const struct hdr6 *h, struct err64 *e)
{
	e->rfc6791 = map64(map, h->p + 8, NAT64_ADDR_SRC, e->src);
	if (e->rfc6791 && map64(map, h->p + 8, NAT64_ADDR_ERR_SRC, e->src))
		return false;
	return !map64(map, h->p + 24, NAT64_ADDR_DST, e->dst) &&
	       !map64(map, e->q + 8, NAT64_ADDR_INNER_SRC, e->isrc) &&
	       !map64(map, e->q + 24, NAT64_ADDR_INNER_DST, e->idst);
}

/* 5.2, 5.3: an ICMPv6 error, translated whole. No error answers it. */
static bool err64(const struct nat64_xlat_cfg *cfg,
		  const struct nat64_xlat_map *map, const struct hdr6 *h,
		  u32 avail, u32 len, __be16 id, u8 *out, u32 cap,
		  struct nat64_xlat_res *res)
{
	u32 mlen = h->tot - h->hlen, sum;
	struct err64 e;

	e.icmp = h->p + h->hlen;
	if (h->fh)
		return nat64_xlat_drop(res, NAT64_DROP_ICMP_FRAG);
	if (avail < len)
		return nat64_xlat_more(res, len);
	/* 7915-32: we recompute the checksum, so it must be right first */
	sum = nat64_csum_pseudo6(h->p + 8, h->p + 24, P_ICMP6, mlen);
	if (!nat64_csum_ok(nat64_csum_bytes(sum, e.icmp, mlen)))
		return nat64_xlat_drop(res, NAT64_DROP_CSUM);
	if (nat64_icmp_64(e.icmp[0], e.icmp[1], nat64_get32(e.icmp + 4), &e.xl))
		return nat64_xlat_drop(res, NAT64_DROP_ICMP_TYPE);
	quote64(mlen, &e);
	if (!inner64(&e, res))
		return false;
	if (!addrs_err64(map, h, &e))
		return nat64_xlat_drop(res, NAT64_DROP_ADDR);
	if (!router64(h, res))		/* no error about an error */
		return nat64_xlat_drop(res, res->drop);
	if (!build64(cfg, h, &e, id, out, cap, res))
		return false;
	res->old_len = len;
	res->l4proto = P_ICMP;
	return true;
}

/* ---- the pipeline ---------------------------------------------------- */

/*
 * RFC 7915 section 5, step by step; false when res holds another verdict
 * than OK. Any context, no locks: the map callbacks must be as lenient.
 */
static bool xlat64(const struct nat64_xlat_cfg *cfg,
		   const struct nat64_xlat_map *map,
		   const u8 *in, u32 avail, u32 len, __be16 ip_id,
		   u8 *out, u32 cap, struct nat64_xlat_res *res)
{
	u8 src[4], dst[4];
	struct hdr6 h;
	u32 l4len, tl;

	/* 5.1: the IPv6 header and extension headers (7915-39/43) */
	if (!parse6(in, avail, len, &h, res))
		return false;
	/* 7915-40: illegal source */
	if (unlikely(src_illegal(in + 8)))
		return nat64_xlat_drop(res, NAT64_DROP_SRC_ILLEGAL);
	/* ICMPv4 inside IPv6 cannot cross: it would come out as ICMPv4 */
	if (unlikely(h.proto == P_ICMP))
		return nat64_xlat_drop(res, NAT64_DROP_PROTO);
	/* 5.5: a first fragment carries its whole L4 header */
	l4len = h.off ? 0 : l4_len(h.proto);
	if (unlikely(h.tot - h.hlen < l4len))
		return nat64_xlat_drop(res, NAT64_DROP_MALFORMED);
	if (avail < h.hlen + l4len)
		return nat64_xlat_more(res, h.hlen + l4len);
	/* 5.2: errors go whole (7915-47..49); other than echo: 7915-46 */
	if (l4len && h.proto == P_ICMP6) {
		if (nat64_icmp6_is_error(in[h.hlen]))
			return err64(cfg, map, &h, avail, len, ip_id, out, cap,
				     res);
		if (in[h.hlen] != 128 && in[h.hlen] != 129)
			return nat64_xlat_drop(res, NAT64_DROP_ICMP_TYPE);
	}
	/* 5.1: addresses */
	if (!addrs64(map, in, src, dst))	/* 7915-50: not about ICMPv6 */
		return nat64_xlat_icmp(res, cfg->drop_icmp && !h.off &&
				       h.proto != P_ICMP6,
				       NAT64_DROP_ADDR, 1, 1, 0);
	/* 7915-38/41: as a router; 7915-34/37/42/45: size and DF */
	if (!router64(&h, res) || !size64(cfg, &h, &tl, res))
		return false;
	if (unlikely(cap < IP4_HDR + l4len))
		return nat64_xlat_drop(res, NAT64_DROP_NOROOM);
	/* 5.5: the L4 header and its checksum */
	memcpy(out + IP4_HDR, in + h.hlen, l4len);
	if (l4len && !l4_64(&h, src, dst, out + IP4_HDR, res))
		return false;
	if (l4len && cfg->ports)	/* stateful: the BIB's ports */
		nat64_xlat_set_ports(out + IP4_HDR, l4len, nh4(h.proto),
				     cfg->ports->sport, cfg->ports->dport);
	/* 5.1: the IPv4 header, hop limit decremented */
	put_hdr4(cfg, &h, src, dst, in[7] - 1, tl, ip_id, out);
	res->old_len = h.hlen + l4len;
	res->new_len = IP4_HDR + l4len;
	res->l4proto = nh4(h.proto);
	return true;
}

void nat64_xlat_64(const struct nat64_xlat_cfg *cfg,
		   const struct nat64_xlat_map *map,
		   const u8 *in, u32 avail, u32 len, __be16 ip_id,
		   u8 *out, u32 cap, struct nat64_xlat_res *res)
{
	memset(res, 0, sizeof(*res));
	if (xlat64(cfg, map, in, min32(avail, len), len, ip_id, out, cap, res))
		res->verdict = NAT64_XLAT_OK;
}
