// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for nat64_xlat_46() and nat64_xlat_64().
 *
 * Input: byte 0 picks the direction (bit 0) and a configuration variant
 * (bits 1-7); the rest is the packet. The packet and the output buffer
 * are heap blocks of exactly avail and cap bytes, so that ASan reports
 * any read past avail or write past cap. Every NAT64_XLAT_OK result is
 * checked to be a well-formed packet: version and header lengths agree
 * with old_len/new_len/len, the L4 checksum verifies whenever the input's
 * did (and always for a translated ICMP error), a UDP checksum is never
 * 0 over IPv6, ICMP errors respect 1280/576 bytes, and a packet marked
 * frag_needed splits into fragments of at most lowest-ipv6-mtu. A run
 * with a smaller avail must give NAT64_XLAT_MORE or the same result.
 *
 *   make -C tests/fuzz run SECONDS=60
 */
#include <stdio.h>
#include <stdlib.h>
#include "compat.h"
#include "frag6.h"
#include "rfc6052.h"
#include "xlat.h"

#define MAX_PKT		4096

static void fail(const char *what)
{
	fprintf(stderr, "xlat_fuzz: %s\n", what);
	abort();
}

#define CHECK(cond)	do { if (!(cond)) fail(#cond); } while (0)

/* ---- a naive checksum, independent of src/csum.c ---- */

static u32 sum(u32 s, const u8 *p, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		s += i & 1 ? p[i] : (u32)p[i] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return s;
}

static bool sum_ok(u32 s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return s == 0xffff;
}

static u16 get16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static u32 csum_at(u8 proto)
{
	switch (proto) {
	case 1:
	case 58:
		return 2;
	case 6:
		return 16;
	case 17:
	case 33:
		return 6;
	}
	return 0;
}

static u32 pseudo4(const u8 *ip, u8 proto, u32 len)
{
	return sum(proto + len, ip + 12, 8);
}

static u32 pseudo6(const u8 *ip, u8 proto, u32 len)
{
	return sum(proto + (len >> 16) + (len & 0xffff), ip + 8, 32);
}

/*
 * 1 if a sum verifies, 0 if not, -1 for +0: only all-zero data (an ICMP
 * message of zeros with checksum 0x0000) sums to +0, which RFC 1624
 * arithmetic cannot tell from -0; such input counts as neither.
 */
static int verdict(u32 s)
{
	if (!s)
		return -1;
	return sum_ok(s);
}

/*
 * Bytes covered by the L4 checksum of @n bytes of @proto: UDP counts its
 * own length field (RFC 768), when sane; 0 when it is not.
 */
static u32 l4_bytes(const u8 *l4, u32 n, u8 proto)
{
	u32 ulen;

	if (proto != 17)
		return n;
	ulen = get16(l4 + 4);
	return ulen >= 8 && ulen <= n ? ulen : 0;
}

/* 1: the L4 checksum of an unfragmented IPv4 packet verifies; 0: no; -1: n/a */
static int l4_ok4(const u8 *p, u32 len)
{
	u32 ihl = (p[0] & 0xf) * 4, tl = get16(p + 2), at, n;
	u8 proto = p[9];

	if (len < 20 || ihl < 20 || tl < ihl || tl > len)
		return -1;
	if (get16(p + 6) & 0x3fff)
		return -1;
	at = csum_at(proto);
	n = tl - ihl;
	if (!at || n < at + 2)
		return -1;
	if (proto == 17 && !get16(p + ihl + 6))
		return -1;
	n = l4_bytes(p + ihl, n, proto);
	if (!n)
		return -1;
	return verdict(sum(proto == 1 ? 0 : pseudo4(p, proto, n), p + ihl, n));
}

/* L4 offset of an IPv6 packet, or 0 if it is a real fragment / odd. */
static u32 l4off6(const u8 *p, u32 total, u8 *proto)
{
	u32 off = 40;
	u8 nh = p[6];

	while (nh == 0 || nh == 43 || nh == 60 || nh == 44) {
		u32 len;

		if (off + 8 > total)
			return 0;
		if (nh == 44) {
			if (get16(p + off + 2) & 0xfff9)
				return 0;	/* offset != 0 or M */
			len = 8;
		} else {
			len = (p[off + 1] + 1) * 8;
		}
		nh = p[off];
		off += len;
	}
	*proto = nh;
	return off <= total ? off : 0;
}

static int l4_ok6(const u8 *p, u32 len)
{
	u32 total, off, at, n;
	u8 proto;

	if (len < 40)
		return -1;
	total = 40 + get16(p + 4);
	if (total > len)
		return -1;
	off = l4off6(p, total, &proto);
	at = csum_at(proto);
	if (!off || !at || total - off < at + 2)
		return -1;
	if (proto == 17 && !get16(p + off + 6))
		return 0;
	n = l4_bytes(p + off, total - off, proto);
	if (!n)
		return -1;
	return verdict(sum(pseudo6(p, proto, n), p + off, n));
}

/* ---- the map: pool6 /96, an EAM pair, 10/8 unmapped, an RFC 6791 pool */

struct fmap {
	struct nat64_prefix6 pfx;
};

static const u8 eam4[4] = { 192, 0, 2, 33 };
static const u8 eam6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 0x33 };
static const u8 pool4[4] = { 203, 0, 113, 99 };
static const u8 pool6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x67, 0x91, [15] = 1 };

static int addr_46(void *priv, __be32 in, enum nat64_addr_role role,
		   struct in6_addr *out)
{
	struct fmap *m = priv;
	u8 a[4];

	memcpy(a, &in, 4);
	if (role == NAT64_ADDR_ERR_SRC) {
		memcpy(out->s6_addr, pool6, 16);
		return 0;
	}
	if (a[0] == 10)
		return -ENOENT;
	if (!memcmp(a, eam4, 4)) {
		memcpy(out->s6_addr, eam6, 16);
		return 0;
	}
	nat64_rfc6052_embed(&m->pfx, in, out);
	return 0;
}

static int addr_64(void *priv, const struct in6_addr *in,
		   enum nat64_addr_role role, __be32 *out)
{
	struct fmap *m = priv;

	if (role == NAT64_ADDR_ERR_SRC) {
		memcpy(out, pool4, 4);
		return 0;
	}
	if (!memcmp(in->s6_addr, eam6, 16)) {
		memcpy(out, eam4, 4);
		return 0;
	}
	return nat64_rfc6052_extract(&m->pfx, in, out);
}

/* ---- configuration variants ---- */

static const struct nat64_xlat_ports fuzz_ports = { 4242, 53, 1111, 2222 };

static void variant(u8 v, struct nat64_xlat_cfg *cfg, struct fmap *m,
		    u32 *cap)
{
	static const u8 nsp[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0x64 };
	static const u8 wkp[16] = { 0, 0x64, 0xff, 0x9b };

	memset(cfg, 0, sizeof(*cfg));
	cfg->lowest_ipv6_mtu = v & 1 ? 1400 : 1280;
	cfg->tclass_zero = v & 2;
	cfg->tos_fixed = v & 4;
	cfg->tos = 0x28;
	cfg->udp0 = v & 8 ? NAT64_UDP0_DROP : NAT64_UDP0_COMPUTE;
	cfg->fn_mtu0_plateaus = !(v & 16);
	cfg->drop_icmp = !(v & 2);	/* no byte left: with tclass copy */
	/* stateful port rewrites, with two rarely combined settings */
	cfg->ports = (v & 1) && (v & 4) ? &fuzz_ports : NULL;
	cfg->mtu4_nexthop = v & 32 ? 1500 : 0;
	cfg->mtu6_nexthop = v & 32 ? 1500 : 0;
	memcpy(m->pfx.addr.s6_addr, v & 64 ? wkp : nsp, 16);
	m->pfx.len = 96;
	*cap = v & 64 && v & 8 ? NAT64_XLAT_HDR_MAX : NAT64_XLAT_ERR_MAX;
}

/* ---- checks of an OK result ---- */

static u8 pkt[MAX_PKT + NAT64_XLAT_ERR_MAX];

/* The output packet: out[0..new_len) then in[old_len..len). */
static u32 assemble(const u8 *in, u32 len, const u8 *out,
		    const struct nat64_xlat_res *r, u32 cap)
{
	CHECK(r->new_len <= cap && r->old_len <= len);
	memcpy(pkt, out, r->new_len);
	memcpy(pkt + r->new_len, in + r->old_len, len - r->old_len);
	return r->new_len + len - r->old_len;
}

static void check_frags(const u8 *p, u32 len, u32 mtu, u32 id)
{
	u32 count = nat64_xlat_frag6_count(p, len, mtu), i, d, n;
	u32 next = p[6] == 44 ? 48 : 40;
	u8 hdr[NAT64_FRAG6_HDR];

	CHECK(count > 0);
	for (i = 0; i < count; i++) {
		CHECK(!nat64_xlat_frag6(p, len, mtu, id, i, hdr, &d, &n));
		CHECK(d == next);
		CHECK(NAT64_FRAG6_HDR + n <= mtu);
		CHECK(get16(hdr + 4) == 8 + n && hdr[6] == 44);
		CHECK(i + 1 == count || n % 8 == 0);
		next = d + n;
	}
	CHECK(next == len);
}

/* The UDP checksum of an IPv6 first fragment / whole packet is not 0. */
static void udp_nonzero6(const u8 *p)
{
	if (p[6] == 17)
		CHECK(get16(p + 46) != 0);
	if (p[6] == 44 && p[40] == 17 && !(get16(p + 42) & 0xfff8))
		CHECK(get16(p + 54) != 0);
}

static void check46(const struct nat64_xlat_cfg *cfg, const u8 *in, u32 len,
		    const u8 *out, const struct nat64_xlat_res *r, u32 cap)
{
	u32 tl = get16(in + 2), frag = get16(in + 6), n, plen;
	bool df = frag & 0x4000, fragment = frag & 0x3fff;
	u32 ihl = (in[0] & 0xf) * 4;
	bool udp0 = in[9] == 17 && !fragment && !get16(in + ihl + 6);
	int ok_in = l4_ok4(in, len);

	CHECK(r->new_len >= 40);
	n = assemble(in, len, out, r, cap);
	CHECK(pkt[0] >> 4 == 6);
	CHECK((pkt[1] & 0xf) == 0 && !get16(pkt + 2));	/* flow label 0 */
	plen = 40 + get16(pkt + 4);
	if (r->old_len == len && r->l4proto == 58 && pkt[6] == 58 &&
	    pkt[40] < 128) {				/* an ICMPv6 error */
		CHECK(plen == r->new_len && plen <= 1280);
		CHECK(l4_ok6(pkt, plen) == 1);
		return;
	}
	CHECK(plen == r->new_len + tl - r->old_len && plen <= n);
	CHECK(pkt[7] == in[8] - 1);
	udp_nonzero6(pkt);
	if (ok_in == 1 || udp0)				/* 7915-28, 7915-29 */
		CHECK(l4_ok6(pkt, n) == 1);
	if (ok_in == 0)					/* 7915-32 */
		CHECK(l4_ok6(pkt, n) == 0);
	if (r->frag_needed) {			/* 7915-3, 7915-13 */
		CHECK(!df && (pkt[6] == 44) == fragment);
		CHECK(r->frag_id == get16(in + 4));
		check_frags(pkt, plen, cfg->lowest_ipv6_mtu, r->frag_id);
		return;
	}
	if (!df)					/* 7915-3 */
		CHECK(plen <= cfg->lowest_ipv6_mtu);
	if (df && cfg->mtu6_nexthop)			/* 7915-5 */
		CHECK(plen <= cfg->mtu6_nexthop);
	if (!fragment)					/* 7915-2 */
		CHECK(pkt[6] != 44);
}

static void check64(const u8 *in, u32 len, const u8 *out,
		    const struct nat64_xlat_res *r, u32 cap)
{
	u32 total = 40 + get16(in + 4), tl, n;
	int ok_in = l4_ok6(in, len);

	CHECK(r->new_len >= 20);
	n = assemble(in, len, out, r, cap);
	CHECK(pkt[0] == 0x45);
	CHECK(sum_ok(sum(0, pkt, 20)));
	tl = get16(pkt + 2);
	CHECK(tl <= n);
	if (r->old_len == len && pkt[9] == 1 && r->new_len >= 21 &&
	    pkt[20] != 0 && pkt[20] != 8) {		/* an ICMPv4 error */
		CHECK(tl == r->new_len && tl <= 576);
		CHECK(l4_ok4(pkt, tl) == 1);
		return;
	}
	CHECK(tl == r->new_len + total - r->old_len);
	CHECK(pkt[8] == in[7] - 1);
	CHECK(!(get16(pkt + 6) & 0x4000) || tl > 1260);	/* 7915-34 */
	if (ok_in >= 0)					/* 7915-28, 7915-32 */
		CHECK(l4_ok4(pkt, tl) == ok_in);
	if (pkt[9] == 17 && !(get16(pkt + 6) & 0x1fff) && tl >= 28)
		CHECK(get16(pkt + 26) != 0);
}

static void run(bool dir64, const struct nat64_xlat_cfg *cfg,
		const struct nat64_xlat_map *map, const u8 *in, u32 avail,
		u32 len, u8 *out, u32 cap, struct nat64_xlat_res *r)
{
	static const u8 id[2] = { 0xbe, 0xef };
	__be16 ip_id;

	memcpy(&ip_id, id, 2);
	if (dir64)
		nat64_xlat_64(cfg, map, in, avail, len, ip_id, out, cap, r);
	else
		nat64_xlat_46(cfg, map, in, avail, len, out, cap, r);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct nat64_xlat_res r, r2;
	struct nat64_xlat_cfg cfg;
	struct nat64_xlat_map map;
	struct fmap m;
	u32 len, cap, part;
	u8 *in, *out, *out2;
	bool dir64;

	if (size < 2 || size > MAX_PKT + 1)
		return 0;
	dir64 = data[0] & 1;
	variant(data[0] >> 1, &cfg, &m, &cap);
	map.addr_46 = addr_46;
	map.addr_64 = addr_64;
	map.priv = &m;
	len = size - 1;
	in = malloc(len);
	out = malloc(cap);
	out2 = malloc(cap);
	CHECK(in && out && out2);
	memcpy(in, data + 1, len);

	/* all of it readable */
	run(dir64, &cfg, &map, in, len, len, out, cap, &r);
	CHECK(r.verdict != NAT64_XLAT_MORE);
	if (r.verdict == NAT64_XLAT_DROP || r.verdict == NAT64_XLAT_ICMP)
		CHECK(r.drop > NAT64_DROP_NONE && r.drop < __NAT64_DROP_MAX);
	if (r.verdict == NAT64_XLAT_OK && dir64)
		check64(in, len, out, &r, cap);
	else if (r.verdict == NAT64_XLAT_OK)
		check46(&cfg, in, len, out, &r, cap);

	/* a shorter view: MORE, or the very same answer */
	part = data[len] % len;
	if (part) {
		u8 *view = malloc(part);

		CHECK(view);
		memcpy(view, in, part);
		run(dir64, &cfg, &map, view, part, len, out2, cap, &r2);
		if (r2.verdict == NAT64_XLAT_MORE) {
			CHECK(r2.need > part && r2.need <= len);
		} else {
			CHECK(r2.verdict == r.verdict && r2.drop == r.drop);
			if (r.verdict == NAT64_XLAT_OK) {
				CHECK(r2.new_len == r.new_len &&
				      r2.old_len == r.old_len);
				CHECK(!memcmp(out, out2, r.new_len));
			}
		}
		free(view);
	}
	free(in);
	free(out);
	free(out2);
	return 0;
}
