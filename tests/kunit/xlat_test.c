// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite nat64_xlat: RFC 7915 packet translation (src/xlat46.c,
 * src/xlat64.c, src/frag6.c, src/csum.c) on whole packets built here as
 * byte arrays, with the baseline of shared/reference/conformance.md:
 * pool6 2001:db8:64::/96 (RFC 6052, through src/rfc6052.h) and the EAM
 * pair 192.0.2.33 <-> 2001:db8:1::33. Worked examples E2..E10 are used
 * literally where they give bytes. Every output checksum is recomputed
 * from scratch by the naive reference below, never by src/csum.c.
 *
 * Not checked here: what the caller decides (routing, sending ICMP errors
 * on drops, IPv4 fragmentation, the fragment ID generator's quality).
 *
 * The same file builds as a kernel KUnit module and, through the shim in
 * tests/host/, as a host program.
 */
#include <kunit/test.h>
#include "../../src/csum.h"
#include "../../src/frag6.h"
#include "../../src/rfc6052.h"
#include "../../src/xlat.h"

#define T_BUF		4096
#define T_OK		NAT64_XLAT_OK
#define T_DROP		NAT64_XLAT_DROP
#define T_ICMP		NAT64_XLAT_ICMP
#define T_MORE		NAT64_XLAT_MORE

/* ---- addresses of the baseline ------------------------------------------ */

static const u8 t4_client[4] = { 198, 51, 100, 2 };	/* E2 source */
static const u8 t4_server[4] = { 198, 51, 100, 1 };
static const u8 t4_router[4] = { 198, 51, 100, 254 };
static const u8 t4_eam[4] = { 192, 0, 2, 33 };
static const u8 t4_unmapped[4] = { 10, 1, 2, 3 };	/* the test map fails */
static const u8 t4_6791[4] = { 203, 0, 113, 99 };	/* RFC 6791 pool */
static const u8 t6_nsp[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x64 };
static const u8 t6_wkp[16] = { 0x00, 0x64, 0xff, 0x9b };
static const u8 t6_eam[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x01,
			       [15] = 0x33 };		/* 2001:db8:1::33 */
static const u8 t6_router[16] = { 0x20, 0x01, 0x0d, 0xb8,
				  [14] = 0x12, [15] = 0x34 };
static const u8 t6_6791[16] = { 0x20, 0x01, 0x0d, 0xb8, 0x67, 0x91,
				[15] = 0x01 };

/* @pfx96::@v4, the expected RFC 6052 /96 address. */
static void t_emb(u8 *out, const u8 *pfx96, const u8 *v4)
{
	memcpy(out, pfx96, 12);
	memcpy(out + 12, v4, 4);
}

/* ---- a naive reference checksum (RFC 1071), independent of src/ --------- */

static u16 t_get16(const u8 *p)
{
	return p[0] << 8 | p[1];
}

static u32 t_get32(const u8 *p)
{
	return (u32)t_get16(p) << 16 | t_get16(p + 2);
}

static void t_put16(u8 *p, u32 v)
{
	p[0] = (v >> 8) & 0xff;
	p[1] = v & 0xff;
}

static u32 t_sum(u32 sum, const u8 *p, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		sum += i & 1 ? p[i] : p[i] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

static u16 t_csum(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

static bool t_sum_ok(u32 sum)
{
	return t_csum(sum) == 0;
}

static u32 t_pseudo4(const u8 *ip, u8 proto, u32 len)
{
	return t_sum(proto + len, ip + 12, 8);
}

static u32 t_pseudo6(const u8 *ip, u8 proto, u32 len)
{
	return t_sum(proto + (len >> 16) + (len & 0xffff), ip + 8, 32);
}

/* Offset of the checksum of L4 protocol @proto, or 0 if none we know. */
static u32 t_csum_at(u8 proto)
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

/* ---- packet builders ---------------------------------------------------- */

struct t4 {
	u8 tos, ttl, proto;
	u16 id, frag;		/* flags and offset, as on the wire */
	const u8 *src, *dst;
	const u8 *opt;
	u8 optlen;		/* a multiple of 4 */
};

#define T_DF	0x4000
#define T_MF	0x2000

/* The IPv4 header (no length, no checksum yet); returns its length. */
static u32 t_ip4(u8 *p, const struct t4 *h)
{
	u32 hl = 20 + h->optlen;

	memset(p, 0, 20);
	p[0] = 0x40 | hl / 4;
	p[1] = h->tos;
	t_put16(p + 4, h->id);
	t_put16(p + 6, h->frag);
	p[8] = h->ttl;
	p[9] = h->proto;
	memcpy(p + 12, h->src, 4);
	memcpy(p + 16, h->dst, 4);
	if (h->optlen)
		memcpy(p + 20, h->opt, h->optlen);
	return hl;
}

/* Payload byte i is i (E2's payload is 00..13). */
static void t_fill(u8 *p, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		p[i] = i & 0xff;
}

static u32 t_udp(u8 *l4, u16 sp, u16 dp, u32 paylen)
{
	t_put16(l4, sp);
	t_put16(l4 + 2, dp);
	t_put16(l4 + 4, 8 + paylen);
	t_put16(l4 + 6, 0);
	t_fill(l4 + 8, paylen);
	return 8 + paylen;
}

static u32 t_tcp(u8 *l4, u16 sp, u16 dp, u32 paylen)
{
	memset(l4, 0, 20);
	t_put16(l4, sp);
	t_put16(l4 + 2, dp);
	t_put16(l4 + 4, 0x1234);	/* sequence */
	t_put16(l4 + 6, 0x5678);
	l4[12] = 5 << 4;
	l4[13] = 0x10;			/* ACK */
	t_put16(l4 + 14, 0xffff);
	t_fill(l4 + 20, paylen);
	return 20 + paylen;
}

static u32 t_echo(u8 *l4, u8 type, u32 paylen)
{
	l4[0] = type;
	l4[1] = 0;
	t_put16(l4 + 2, 0);
	t_put16(l4 + 4, 0xbeef);	/* identifier */
	t_put16(l4 + 6, 0x0102);	/* sequence */
	t_fill(l4 + 8, paylen);
	return 8 + paylen;
}

/*
 * Total Length, L4 checksum (first fragment, whole datagram) and header
 * checksum of the IPv4 packet @p with @l4len bytes after the header.
 */
static u32 t_fin4(u8 *p, u32 l4len)
{
	u32 hl = (p[0] & 0xf) * 4, at = t_csum_at(p[9]), sum;
	u8 *l4 = p + hl;
	u16 c;

	t_put16(p + 2, hl + l4len);
	if (at && !(t_get16(p + 6) & 0x3fff) && l4len >= at + 2) {
		t_put16(l4 + at, 0);
		sum = p[9] == 1 ? 0 : t_pseudo4(p, p[9], l4len);
		c = t_csum(t_sum(sum, l4, l4len));
		t_put16(l4 + at, c || p[9] != 17 ? c : 0xffff);
	}
	t_put16(p + 10, 0);
	t_put16(p + 10, t_csum(t_sum(0, p, hl)));
	return hl + l4len;
}

struct t6 {
	u8 tc, hl, nh;
	const u8 *src, *dst;
};

static void t_ip6(u8 *p, const struct t6 *h)
{
	memset(p, 0, 40);
	p[0] = 0x60 | h->tc >> 4;
	p[1] = (h->tc & 0xf) << 4;
	p[6] = h->nh;
	p[7] = h->hl;
	memcpy(p + 8, h->src, 16);
	memcpy(p + 24, h->dst, 16);
}

/* An 8-byte HBH / DestOpts / Routing header (Segments Left @sl) at @e. */
static u32 t_ext8(u8 *e, u8 next, u8 sl)
{
	memset(e, 0, 8);
	e[0] = next;
	e[3] = sl;
	if (!sl) {		/* a PadN option for HBH / DestOpts */
		e[2] = 1;
		e[3] = 4;
	}
	return 8;
}

static u32 t_frag6(u8 *e, u8 next, u16 off8, bool m, u32 id)
{
	e[0] = next;
	e[1] = 0;
	t_put16(e + 2, off8 << 3 | m);
	t_put16(e + 4, id >> 16);
	t_put16(e + 6, id & 0xffff);
	return 8;
}

/* Payload Length and L4 checksum (at @l4off, protocol @proto). */
static u32 t_fin6(u8 *p, u32 total, u32 l4off, u8 proto)
{
	u32 at = t_csum_at(proto), n = total - l4off;
	u8 *l4 = p + l4off;
	u16 c;

	t_put16(p + 4, total - 40);
	if (at && n >= at + 2) {
		t_put16(l4 + at, 0);
		c = t_csum(t_sum(t_pseudo6(p, proto, n), l4, n));
		t_put16(l4 + at, c ? c : 0xffff);
	}
	return total;
}

/* ---- checking outputs from scratch -------------------------------------- */

/* The IPv4 packet's header checksum and L4 checksum verify. */
static bool t_ok4(const u8 *p)
{
	u32 hl = (p[0] & 0xf) * 4, n = t_get16(p + 2) - hl;
	const u8 *l4 = p + hl;
	u32 at = t_csum_at(p[9]);

	if (!t_sum_ok(t_sum(0, p, hl)))
		return false;
	if (!at || (t_get16(p + 6) & 0x3fff))
		return true;
	if (p[9] == 17 && !t_get16(l4 + 6))
		return true;
	return t_sum_ok(t_sum(p[9] == 1 ? 0 : t_pseudo4(p, p[9], n), l4, n));
}

/* L4 offset and protocol of an IPv6 packet (HBH, DestOpts, RH, FH). */
static u32 t_l4off6(const u8 *p, u8 *proto)
{
	u32 off = 40;
	u8 nh = p[6];

	while (nh == 0 || nh == 43 || nh == 60 || nh == 44) {
		u32 len = nh == 44 ? 8 : (p[off + 1] + 1) * 8;

		nh = p[off];
		off += len;
	}
	*proto = nh;
	return off;
}

/* The IPv6 packet's L4 checksum verifies (and UDP's is never 0). */
static bool t_ok6(const u8 *p)
{
	u32 total = 40 + t_get16(p + 4), off, at, n;
	u8 proto;

	off = t_l4off6(p, &proto);
	at = t_csum_at(proto);
	n = total - off;
	if (!at)
		return true;
	if (proto == 17 && !t_get16(p + off + 6))
		return false;
	return t_sum_ok(t_sum(t_pseudo6(p, proto, n), p + off, n));
}

static const u8 t_zero[16];

/* ---- the map and the runner --------------------------------------------- */

struct t_map {
	struct nat64_prefix6 pfx;
	bool eam;
	u32 fail;		/* bit per role: always fails */
	unsigned int calls[8];
};

/*
 * RFC 6052 under pfx (no RFC 6052 section 3.1 check, so that the WKP
 * variant of E2 works), the EAM pair when eam, 10/8 and anything outside
 * pfx untranslatable, and an RFC 6791 address for NAT64_ADDR_ERR_SRC.
 */
static int t_addr_46(void *priv, __be32 in, enum nat64_addr_role role,
		     struct in6_addr *out)
{
	struct t_map *m = priv;
	u8 a[4];

	memcpy(a, &in, 4);
	m->calls[role]++;
	if (m->fail & (1U << role))
		return -ENOENT;
	if (role == NAT64_ADDR_ERR_SRC) {
		memcpy(out->s6_addr, t6_6791, 16);
		return 0;
	}
	if (a[0] == 10)
		return -ENOENT;
	if (m->eam && !memcmp(a, t4_eam, 4)) {
		memcpy(out->s6_addr, t6_eam, 16);
		return 0;
	}
	nat64_rfc6052_embed(&m->pfx, in, out);
	return 0;
}

static int t_addr_64(void *priv, const struct in6_addr *in,
		     enum nat64_addr_role role, __be32 *out)
{
	struct t_map *m = priv;

	m->calls[role]++;
	if (m->fail & (1U << role))
		return -ENOENT;
	if (role == NAT64_ADDR_ERR_SRC) {
		memcpy(out, t4_6791, 4);
		return 0;
	}
	if (m->eam && !memcmp(in->s6_addr, t6_eam, 16)) {
		memcpy(out, t4_eam, 4);
		return 0;
	}
	return nat64_rfc6052_extract(&m->pfx, in, out);
}

struct t_ctx {
	struct t_map m;
	struct nat64_xlat_map map;
	struct nat64_xlat_cfg cfg;
	struct nat64_xlat_res res;
	__be16 ip_id;
	u8 in[T_BUF];
	u32 len;
	u32 avail;		/* 0: all of len */
	u32 cap;		/* 0: sizeof(out) */
	u8 out[NAT64_XLAT_ERR_MAX];
	u8 pkt[T_BUF];		/* the translated packet, assembled */
	u32 plen;
};

static struct t_ctx *t_ctx(struct kunit *test, bool wkp)
{
	struct t_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	static const u8 id[2] = { 0xbe, 0xef };

	KUNIT_ASSERT_NOT_NULL(test, c);
	memcpy(c->m.pfx.addr.s6_addr, wkp ? t6_wkp : t6_nsp, 16);
	c->m.pfx.len = 96;
	c->m.eam = !wkp;
	c->map.addr_46 = t_addr_46;
	c->map.addr_64 = t_addr_64;
	c->map.priv = &c->m;
	c->cfg.lowest_ipv6_mtu = 1280;
	c->cfg.udp0 = NAT64_UDP0_COMPUTE;
	c->cfg.fn_mtu0_plateaus = true;
	memcpy(&c->ip_id, id, 2);
	return c;
}

/* The output packet: out[0..new_len) then in[old_len..len). */
static void t_assemble(struct kunit *test, struct t_ctx *c)
{
	struct nat64_xlat_res *r = &c->res;

	c->plen = 0;
	if (r->verdict != T_OK)
		return;
	KUNIT_ASSERT_LE(test, r->old_len, c->len);
	KUNIT_ASSERT_LE(test, r->new_len, c->cap ? c->cap : sizeof(c->out));
	memcpy(c->pkt, c->out, r->new_len);
	memcpy(c->pkt + r->new_len, c->in + r->old_len, c->len - r->old_len);
	c->plen = r->new_len + c->len - r->old_len;
}

static enum nat64_verdict t_run46(struct kunit *test, struct t_ctx *c)
{
	nat64_xlat_46(&c->cfg, &c->map, c->in, c->avail ? c->avail : c->len,
		      c->len, c->out, c->cap ? c->cap : sizeof(c->out),
		      &c->res);
	t_assemble(test, c);
	return c->res.verdict;
}

static enum nat64_verdict t_run64(struct kunit *test, struct t_ctx *c)
{
	nat64_xlat_64(&c->cfg, &c->map, c->in, c->avail ? c->avail : c->len,
		      c->len, c->ip_id, c->out,
		      c->cap ? c->cap : sizeof(c->out), &c->res);
	t_assemble(test, c);
	return c->res.verdict;
}

/* Expect @n bytes at @got to equal @want. */
static void t_bytes(struct kunit *test, const u8 *got, const u8 *want,
		    u32 n, const char *what)
{
	u32 i;

	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, got[i], want[i], "%s byte %u", what,
				    i);
}

/* The fixed IPv6 header fields: 7915-6, 7915-7, 7915-8, 7915-9. */
static void t_hdr6(struct kunit *test, const u8 *p, u8 tc, u32 plen, u8 nh,
		   u8 hl, const u8 *src, const u8 *dst)
{
	KUNIT_EXPECT_EQ(test, p[0] >> 4, 6);
	KUNIT_EXPECT_EQ(test, (p[0] & 0xf) << 4 | p[1] >> 4, tc);
	KUNIT_EXPECT_EQ(test, (p[1] & 0xf) << 16 | t_get16(p + 2), 0);
	KUNIT_EXPECT_EQ(test, t_get16(p + 4), plen);
	KUNIT_EXPECT_EQ(test, p[6], nh);
	KUNIT_EXPECT_EQ(test, p[7], hl);
	t_bytes(test, p + 8, src, 16, "src6");
	t_bytes(test, p + 24, dst, 16, "dst6");
}

/* The fixed IPv4 header fields of a translated packet (7915-34..38). */
static void t_hdr4(struct kunit *test, const u8 *p, u8 tos, u32 tl,
		   u16 frag, u8 ttl, u8 proto, const u8 *src, const u8 *dst)
{
	KUNIT_EXPECT_EQ(test, p[0], 0x45);
	KUNIT_EXPECT_EQ(test, p[1], tos);
	KUNIT_EXPECT_EQ(test, t_get16(p + 2), tl);
	KUNIT_EXPECT_EQ(test, t_get16(p + 6), frag);
	KUNIT_EXPECT_EQ(test, p[8], ttl);
	KUNIT_EXPECT_EQ(test, p[9], proto);
	KUNIT_EXPECT_TRUE(test, t_sum_ok(t_sum(0, p, 20)));
	t_bytes(test, p + 12, src, 4, "src4");
	t_bytes(test, p + 16, dst, 4, "dst4");
}

/* A plain IPv4 UDP packet into c->in: @src -> @dst, @paylen bytes. */
static void t_udp4(struct t_ctx *c, const u8 *src, const u8 *dst, u16 frag,
		   u8 ttl, u32 paylen)
{
	struct t4 h = { .tos = 0, .ttl = ttl, .proto = 17, .id = 0x1234,
			.frag = frag, .src = src, .dst = dst };
	u32 hl = t_ip4(c->in, &h);

	c->len = t_fin4(c->in, t_udp(c->in + hl, 40000, 53, paylen));
}

/* A plain IPv6 packet into c->in: @src -> @dst, L4 @proto after @ext. */
static void t_pkt6(struct t_ctx *c, const u8 *src, const u8 *dst, u8 hl,
		   u8 proto, u32 paylen)
{
	struct t6 h = { .tc = 0, .hl = hl, .nh = proto, .src = src,
			.dst = dst };
	u32 n;

	t_ip6(c->in, &h);
	if (proto == 6)
		n = t_tcp(c->in + 40, 40000, 443, paylen);
	else if (proto == 58)
		n = t_echo(c->in + 40, 128, paylen);
	else
		n = t_udp(c->in + 40, 40000, 53, paylen);
	c->len = t_fin6(c->in, 40 + n, 40, proto);
}

/* ---- checksum helpers (src/csum.c) -------------------------------------- */

/* RFC 1071 section 3's example, and an odd length. */
static void test_csum_rfc1071(struct kunit *test)
{
	static const u8 b[] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6,
				0xf7 };

	KUNIT_EXPECT_EQ(test, nat64_csum_fold(nat64_csum_bytes(0, b, 8)),
			0xddf2);
	KUNIT_EXPECT_EQ(test, nat64_csum_fold(nat64_csum_bytes(0, b, 7)),
			t_sum(0, b, 7));
	KUNIT_EXPECT_EQ(test, nat64_csum_finish(nat64_csum_bytes(0, b, 8)),
			0x220d);
}

/* RFC 1624 section 4's example: equation 3 gives 0x0000, not 0xFFFF. */
static void test_csum_rfc1624(struct kunit *test)
{
	u32 sum = nat64_csum_unfold(0xdd2f);

	sum = nat64_csum_sub16(sum, 0x5555);
	sum = nat64_csum_add16(sum, 0x3285);
	KUNIT_EXPECT_EQ(test, nat64_csum_finish(sum), 0x0000);
}

static u32 t_rand(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

/* Incremental updates against the naive full sum, on random data. */
static void test_csum_incremental_random(struct kunit *test)
{
	u8 *b = kunit_kzalloc(test, 64, GFP_KERNEL);
	u32 state = 1624, i, j, sum;
	u16 check, w;

	KUNIT_ASSERT_NOT_NULL(test, b);
	for (i = 0; i < 2000; i++) {
		for (j = 0; j < 64; j++)
			b[j] = t_rand(&state);
		t_put16(b, 0);
		check = t_csum(t_sum(0, b, 64));
		t_put16(b, check);
		j = 2 + 2 * (t_rand(&state) % 31);
		w = t_rand(&state);
		sum = nat64_csum_unfold(check);
		sum = nat64_csum_sub16(sum, t_get16(b + j));
		sum = nat64_csum_add16(sum, w);
		t_put16(b + j, w);
		t_put16(b, nat64_csum_finish(sum));
		KUNIT_ASSERT_TRUE(test, t_sum_ok(t_sum(0, b, 64)));
		KUNIT_ASSERT_EQ(test, nat64_csum_fold(nat64_csum_bytes(0, b,
							63 - j % 2)),
				t_sum(0, b, 63 - j % 2));
	}
}

/* ---- IPv4 -> IPv6: headers (RFC 7915 section 4.1) ----------------------- */

/* E2's input, byte for byte. */
static void t_e2(struct kunit *test, struct t_ctx *c)
{
	struct t4 h = { .tos = 0xb8, .ttl = 64, .proto = 17, .id = 0xabcd,
			.frag = T_DF, .src = t4_client, .dst = t4_eam };
	u32 hl = t_ip4(c->in, &h);

	c->len = t_fin4(c->in, t_udp(c->in + hl, 40000, 53, 20));
	KUNIT_ASSERT_EQ(test, c->len, 48);
	KUNIT_ASSERT_EQ(test, t_get16(c->in + 10), 0xa1e0);
	KUNIT_ASSERT_EQ(test, t_get16(c->in + 26), 0x1c85);
}

/*
 * E2: 7915-6, 7915-7, 7915-8, 7915-9, 7915-28, 6052-12: SIIT IPv4 -> IPv6
 * UDP with the EAM.
 */
static void test_e2_udp_eam(struct kunit *test)
{
	static const u8 udp[8] = { 0x9c, 0x40, 0x00, 0x35, 0x00, 0x1c,
				   0x82, 0x9c };
	struct t_ctx *c = t_ctx(test, false);
	u8 src6[16];

	t_e2(test, c);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	t_emb(src6, t6_nsp, t4_client);
	/* ver 6, TC 0xB8, flow 0, PL 28, NH 17, HL 63 */
	t_hdr6(test, c->pkt, 0xb8, 28, 17, 63, src6, t6_eam);
	KUNIT_EXPECT_EQ(test, c->plen, 68);		/* no Fragment Header */
	KUNIT_EXPECT_EQ(test, c->res.old_len, 28);
	KUNIT_EXPECT_EQ(test, c->res.new_len, 48);
	KUNIT_EXPECT_EQ(test, c->res.l4proto, 17);
	KUNIT_EXPECT_FALSE(test, c->res.frag_needed);
	t_bytes(test, c->pkt + 40, udp, 8, "udp");	/* csum 0x829C */
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));		/* 7915-28 */
	t_bytes(test, c->pkt + 48, c->in + 28, 20, "payload");
}

/* E2, WKP variant (6052-12): checksum-neutral, the UDP checksum stays. */
static void test_e2_udp_wkp_neutral(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, true);
	u8 src6[16], dst6[16];

	t_e2(test, c);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	t_emb(src6, t6_wkp, t4_client);
	t_emb(dst6, t6_wkp, t4_eam);
	t_hdr6(test, c->pkt, 0xb8, 28, 17, 63, src6, dst6);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 46), 0x1c85);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
}

/* 7915-7: the option that forces Traffic Class 0. */
static void test_7915_7_tclass_zero(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);

	t_e2(test, c);
	c->cfg.tclass_zero = true;
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[0], 0x60);
	KUNIT_EXPECT_EQ(test, c->pkt[1], 0x00);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
}

/* 7915-6, 7915-11: options are dropped, not counted in Payload Length. */
static void test_7915_11_options_ignored(struct kunit *test)
{
	static const u8 opts[][8] = {
		{ 7, 7, 4, 0, 0, 0, 0, 0 },	/* Record Route, one slot */
		{ 148, 4, 0, 0, 1, 1, 1, 0 },	/* Router Alert, NOPs, EOL */
		{ 68, 8, 5, 0, 0, 0, 0, 0 },	/* Timestamp */
		{ 0x83, 7, 8, 1, 2, 3, 4, 0 },	/* LSRR, expired (7915-12) */
	};
	struct t_ctx *c = t_ctx(test, false);
	struct t4 h = { .tos = 0x10, .ttl = 9, .proto = 17, .id = 7,
			.src = t4_server, .dst = t4_eam, .optlen = 8 };
	u8 src6[16];
	unsigned int i;
	u32 hl;

	t_emb(src6, t6_nsp, t4_server);
	for (i = 0; i < ARRAY_SIZE(opts); i++) {
		h.opt = opts[i];
		hl = t_ip4(c->in, &h);
		c->len = t_fin4(c->in, t_udp(c->in + hl, 1, 2, 30));
		KUNIT_ASSERT_EQ_MSG(test, t_run46(test, c), T_OK, "opt %u", i);
		KUNIT_EXPECT_EQ(test, c->res.old_len, 28 + 8);
		t_hdr6(test, c->pkt, 0x10, 38, 17, 8, src6, t6_eam);
		KUNIT_EXPECT_EQ(test, c->plen, 40 + 38);
		KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
	}
}

/* 7915-8: 1 -> 58; everything else copied, even unknown transports. */
static void test_7915_8_protocols(struct kunit *test)
{
	static const u8 protos[] = { 132, 47, 50, 33, 6, 17, 4, 41, 255 };
	struct t_ctx *c = t_ctx(test, false);
	struct t4 h = { .ttl = 64, .src = t4_server, .dst = t4_eam };
	unsigned int i;
	u32 hl;

	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		h.proto = protos[i];
		hl = t_ip4(c->in, &h);
		t_tcp(c->in + hl, 5, 6, 40);		/* any 60 bytes */
		c->len = t_fin4(c->in, 60);
		KUNIT_ASSERT_EQ_MSG(test, t_run46(test, c), T_OK, "proto %u",
				    protos[i]);
		KUNIT_EXPECT_EQ(test, c->pkt[6], protos[i]);
		KUNIT_EXPECT_EQ(test, c->res.l4proto, protos[i]);
		KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 4), 60);
		/* TCP, UDP and DCCP checksums follow the addresses */
		KUNIT_EXPECT_TRUE_MSG(test, t_ok6(c->pkt), "proto %u",
				      protos[i]);
	}
}

/* 7915-9: TTL decremented; TTL 1 or 0 -> ICMPv4 11/0, never HL 0. */
static void test_7915_9_ttl(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);

	t_udp4(c, t4_server, t4_eam, 0, 2, 10);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[7], 1);
	t_udp4(c, t4_server, t4_eam, 0, 1, 10);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_ICMP);
	KUNIT_EXPECT_EQ(test, c->res.icmp_type, 11);
	KUNIT_EXPECT_EQ(test, c->res.icmp_code, 0);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_HOPLIMIT);
	t_udp4(c, t4_server, t4_eam, 0, 0, 10);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_ICMP);
	KUNIT_EXPECT_EQ(test, c->res.icmp_type, 11);
	/* a non-first fragment gets no ICMP error (RFC 1812 4.3.2.7) */
	t_udp4(c, t4_server, t4_eam, 100, 1, 10);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_HOPLIMIT);
}

/* 7915-10: 0.0.0.0/8 and 127/8 sources are dropped silently. */
static void test_7915_10_illegal_src(struct kunit *test)
{
	static const u8 bad[][4] = {
		{ 0, 0, 0, 0 }, { 0, 1, 2, 3 }, { 127, 0, 0, 1 },
		{ 127, 255, 255, 255 },
	};
	struct t_ctx *c = t_ctx(test, false);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		t_udp4(c, bad[i], t4_eam, T_DF, 64, 10);
		KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
		KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_SRC_ILLEGAL);
	}
	t_udp4(c, t4_server, t4_eam, T_DF, 64, 10);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_OK);
}

/* E10, 7915-12: an unexpired LSRR or SSRR -> ICMPv4 3/5, not translated. */
static void test_7915_12_e10_source_route(struct kunit *test)
{
	static const u8 lsrr[8] = { 0x83, 7, 4, 192, 0, 2, 1, 0 };
	static const u8 ssrr[8] = { 0x89, 7, 4, 192, 0, 2, 1, 0 };
	static const u8 bad[8] = { 0x83, 1, 4, 0, 0, 0, 0, 0 };
	struct t_ctx *c = t_ctx(test, false);
	struct t4 h = { .ttl = 64, .proto = 17, .src = t4_server,
			.dst = t4_eam, .opt = lsrr, .optlen = 8 };
	u32 hl = t_ip4(c->in, &h);

	c->len = t_fin4(c->in, t_udp(c->in + hl, 1, 2, 4));
	KUNIT_ASSERT_EQ(test, c->in[0], 0x47);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_ICMP);
	KUNIT_EXPECT_EQ(test, c->res.icmp_type, 3);
	KUNIT_EXPECT_EQ(test, c->res.icmp_code, 5);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_SRR);
	h.opt = ssrr;
	hl = t_ip4(c->in, &h);
	c->len = t_fin4(c->in, t_udp(c->in + hl, 1, 2, 4));
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_ICMP);
	KUNIT_EXPECT_EQ(test, c->res.icmp_code, 5);
	h.opt = bad;		/* an option length of 1: malformed */
	hl = t_ip4(c->in, &h);
	c->len = t_fin4(c->in, t_udp(c->in + hl, 1, 2, 4));
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_MALFORMED);
}

/* ---- IPv4 -> IPv6: fragments and sizes ---------------------------------- */

/* E4, 7915-2: DF=0, small: no Fragment Header (no atomic fragment). */
static void test_7915_2_e4_no_atomic_fragment(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);

	t_udp4(c, t4_server, t4_eam, 0, 64, 72);
	KUNIT_ASSERT_EQ(test, c->len, 100);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 4), 80);
	KUNIT_EXPECT_EQ(test, c->pkt[6], 17);
	KUNIT_EXPECT_EQ(test, c->plen, 120);
	KUNIT_EXPECT_FALSE(test, c->res.frag_needed);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
}

/* Splits c->pkt with nat64_xlat_frag6() and checks every fragment. */
static u32 t_split(struct kunit *test, struct t_ctx *c, u32 mtu, u8 *frags,
		   u32 *fl)
{
	u32 i, n, data, count = nat64_xlat_frag6_count(c->pkt, c->plen, mtu);
	u32 next = c->pkt[6] == 44 ? 48 : 40;

	KUNIT_ASSERT_GT(test, count, 0);
	KUNIT_ASSERT_LE(test, count, 8);
	for (i = 0; i < count; i++) {
		u8 *f = frags + i * 2048;

		KUNIT_ASSERT_EQ(test, nat64_xlat_frag6(c->pkt, c->plen, mtu,
						       c->res.frag_id, i, f,
						       &data, &n), 0);
		KUNIT_EXPECT_EQ(test, data, next);
		next = data + n;
		memcpy(f + NAT64_FRAG6_HDR, c->pkt + data, n);
		fl[i] = NAT64_FRAG6_HDR + n;
		KUNIT_EXPECT_LE(test, fl[i], mtu);	/* 7915-3, 7915-4 */
		KUNIT_EXPECT_EQ(test, 40 + t_get16(f + 4), fl[i]);
		KUNIT_EXPECT_EQ(test, f[6], 44);
		if (i + 1 < count)
			KUNIT_EXPECT_EQ(test, n % 8, 0);
	}
	KUNIT_EXPECT_EQ(test, next, c->plen);
	KUNIT_EXPECT_EQ(test, nat64_xlat_frag6(c->pkt, c->plen, mtu,
					       c->res.frag_id, count, frags,
					       &data, &n), -ENOENT);
	return count;
}

/* E3, 7915-3, 7915-13: DF=0, 1500 bytes -> two fragments of <= 1280. */
static void test_7915_3_e3_fragmented(struct kunit *test)
{
	u8 *f = kunit_kzalloc(test, 8 * 2048, GFP_KERNEL);
	struct t_ctx *c = t_ctx(test, false);
	u32 fl[8];

	KUNIT_ASSERT_NOT_NULL(test, f);
	t_udp4(c, t4_server, t4_eam, 0, 64, 1472);
	KUNIT_ASSERT_EQ(test, c->len, 1500);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_TRUE(test, c->res.frag_needed);
	KUNIT_EXPECT_EQ(test, c->res.frag_id, 0x00001234);
	/* before the split: whole, no Fragment Header yet */
	KUNIT_EXPECT_EQ(test, c->pkt[6], 17);
	KUNIT_EXPECT_EQ(test, c->plen, 1520);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
	KUNIT_ASSERT_EQ(test, t_split(test, c, 1280, f, fl), 2);
	/* #1: PL 1240, offset 0, M=1; #2: PL 256, offset 154, M=0 */
	KUNIT_EXPECT_EQ(test, t_get16(f + 4), 1240);
	KUNIT_EXPECT_EQ(test, t_get16(f + 42), 0 << 3 | 1);
	KUNIT_EXPECT_EQ(test, fl[0], 1280);
	KUNIT_EXPECT_EQ(test, t_get16(f + 2048 + 4), 256);
	KUNIT_EXPECT_EQ(test, t_get16(f + 2048 + 42), 154 << 3 | 0);
	KUNIT_EXPECT_EQ(test, fl[1], 296);
	KUNIT_EXPECT_EQ(test, f[40], 17);
	KUNIT_EXPECT_EQ(test, f[2048 + 40], 17);
	KUNIT_EXPECT_EQ(test, t_get32(f + 44), 0x00001234);
	KUNIT_EXPECT_EQ(test, t_get32(f + 2048 + 44), 0x00001234);
	t_bytes(test, f + 8, c->pkt + 8, 32, "addresses 1");
	t_bytes(test, f + 2048 + 8, c->pkt + 8, 32, "addresses 2");
	t_bytes(test, f + 48, c->pkt + 40, 1232, "frag 1");
	t_bytes(test, f + 2048 + 48, c->pkt + 40 + 1232, 248, "frag 2");
}

/* 7915-4: lowest-ipv6-mtu 1400: fragments up to 1400, and no split below. */
static void test_7915_4_lowest_mtu_1400(struct kunit *test)
{
	u8 *f = kunit_kzalloc(test, 8 * 2048, GFP_KERNEL);
	struct t_ctx *c = t_ctx(test, false);
	u32 fl[8];

	KUNIT_ASSERT_NOT_NULL(test, f);
	c->cfg.lowest_ipv6_mtu = 1400;
	t_udp4(c, t4_server, t4_eam, 0, 64, 1300);	/* 1360 as IPv6 */
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_FALSE(test, c->res.frag_needed);
	KUNIT_EXPECT_EQ(test, c->pkt[6], 17);
	t_udp4(c, t4_server, t4_eam, 0, 64, 1472);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_TRUE(test, c->res.frag_needed);
	KUNIT_ASSERT_EQ(test, t_split(test, c, 1400, f, fl), 2);
	KUNIT_EXPECT_EQ(test, fl[0], 48 + 1352);
	KUNIT_EXPECT_EQ(test, fl[1], 48 + 1480 - 1352);
	/* below 1280 the configuration counts as 1280 */
	c->cfg.lowest_ipv6_mtu = 0;
	t_udp4(c, t4_server, t4_eam, 0, 64, 1300);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_TRUE(test, c->res.frag_needed);
}

/* 7915-13: an IPv4 fragment gets a Fragment Header; later ones only L3. */
static void test_7915_13_fragments(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 src6[16];

	t_emb(src6, t6_nsp, t4_server);
	/* first fragment, MF=1: the UDP checksum still follows addresses */
	t_udp4(c, t4_server, t4_eam, 0, 64, 100);
	t_put16(c->in + 6, T_MF);
	t_put16(c->in + 10, 0);
	t_put16(c->in + 10, t_csum(t_sum(0, c->in, 20)));
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	t_hdr6(test, c->pkt, 0, 108 + 8, 44, 63, src6, t6_eam);
	KUNIT_EXPECT_EQ(test, c->pkt[40], 17);
	KUNIT_EXPECT_EQ(test, c->pkt[41], 0);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 42), 0 << 3 | 1);
	KUNIT_EXPECT_EQ(test, t_get32(c->pkt + 44), 0x00001234);
	KUNIT_EXPECT_FALSE(test, c->res.frag_needed);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));	/* whole: same sum */
	/* a later fragment: offset copied, M=0, no L4 header touched */
	t_udp4(c, t4_server, t4_eam, 0, 64, 100);
	t_put16(c->in + 6, 185);
	t_put16(c->in + 10, 0);
	t_put16(c->in + 10, t_csum(t_sum(0, c->in, 20)));
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->res.old_len, 20);
	KUNIT_EXPECT_EQ(test, c->res.new_len, 48);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 4), 108 + 8);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 42), 185 << 3 | 0);
	t_bytes(test, c->pkt + 48, c->in + 20, 108, "payload");
	/* ICMP fragments: the Fragment Header says 58 */
	c->in[9] = 1;
	t_put16(c->in + 10, 0);
	t_put16(c->in + 10, t_csum(t_sum(0, c->in, 20)));
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[40], 58);
}

/* 7915-5: DF=1 and too big for the IPv6 next hop -> ICMPv4 3/4. */
static void test_7915_5_df_too_big(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);

	c->cfg.mtu6_nexthop = 1500;
	t_udp4(c, t4_server, t4_eam, T_DF, 64, 1472);	/* 1520 as IPv6 */
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_ICMP);
	KUNIT_EXPECT_EQ(test, c->res.icmp_type, 3);
	KUNIT_EXPECT_EQ(test, c->res.icmp_code, 4);
	KUNIT_EXPECT_EQ(test, c->res.icmp_info, 1480);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_TOO_BIG);
	t_udp4(c, t4_server, t4_eam, T_DF, 64, 1452);	/* 1500: fits */
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_FALSE(test, c->res.frag_needed);
	c->cfg.mtu6_nexthop = 1280;
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_ICMP);
	KUNIT_EXPECT_EQ(test, c->res.icmp_info, 1260);
	/* unknown next hop: forwarded as it is */
	c->cfg.mtu6_nexthop = 0;
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
}

/* ---- IPv4 -> IPv6: ICMP (section 4.2, 4.3) and transport (4.5) ---------- */

static u8 *t_buf(struct kunit *test)
{
	u8 *b = kunit_kzalloc(test, T_BUF, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	return b;
}

/* c->in: ICMPv4 @type/@code @src -> @dst, second word @rest, quoting @q. */
static void t_err4(struct t_ctx *c, const u8 *src, const u8 *dst, u8 type,
		   u8 code, u32 rest, const u8 *q, u32 qlen)
{
	struct t4 h = { .ttl = 64, .proto = 1, .src = src, .dst = dst };
	u32 hl = t_ip4(c->in, &h);
	u8 *icmp = c->in + hl;

	icmp[0] = type;
	icmp[1] = code;
	t_put16(icmp + 4, rest >> 16);
	t_put16(icmp + 6, rest & 0xffff);
	memcpy(icmp + 8, q, qlen);
	c->len = t_fin4(c->in, 8 + qlen);
}

/* An IPv4 UDP packet @src:40000 -> @dst:33434 (TTL 1) into @q. */
static u32 t_inner4(u8 *q, const u8 *src, const u8 *dst, u32 paylen)
{
	struct t4 h = { .tos = 0x28, .ttl = 1, .proto = 17, .id = 0x4242,
			.frag = T_DF, .src = src, .dst = dst };
	u32 hl = t_ip4(q, &h);

	return t_fin4(q, t_udp(q + hl, 40000, 33434, paylen));
}

/* 7915-15: echo request/reply; ID and sequence kept, pseudo-header added. */
static void test_7915_15_echo_46(struct kunit *test)
{
	static const u8 types[2][2] = { { 8, 128 }, { 0, 129 } };
	struct t_ctx *c = t_ctx(test, false);
	struct t4 h = { .ttl = 64, .proto = 1, .src = t4_server,
			.dst = t4_eam };
	unsigned int i;
	u32 hl;

	for (i = 0; i < 2; i++) {
		hl = t_ip4(c->in, &h);
		c->len = t_fin4(c->in, t_echo(c->in + hl, types[i][0], 56));
		KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
		KUNIT_EXPECT_EQ(test, c->pkt[6], 58);
		KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 4), 64);
		KUNIT_EXPECT_EQ(test, c->pkt[40], types[i][1]);
		KUNIT_EXPECT_EQ(test, c->pkt[41], 0);
		KUNIT_EXPECT_EQ(test, t_get32(c->pkt + 44), 0xbeef0102);
		KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
		KUNIT_EXPECT_EQ(test, c->res.l4proto, 58);
	}
	/* a fragmented echo: no length for the pseudo-header */
	t_put16(c->in + 6, T_MF);
	t_fin4(c->in, 64);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ICMP_FRAG);
}

/* 7915-16: other ICMPv4 types are dropped with no ICMP error. */
static void test_7915_16_icmp_info_drop(struct kunit *test)
{
	static const u8 types[] = { 13, 14, 15, 16, 17, 18, 9, 10, 4, 5, 6 };
	struct t_ctx *c = t_ctx(test, false);
	struct t4 h = { .ttl = 64, .proto = 1, .src = t4_server,
			.dst = t4_eam };
	unsigned int i;
	u32 hl;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		hl = t_ip4(c->in, &h);
		c->len = t_fin4(c->in, t_echo(c->in + hl, types[i], 40));
		KUNIT_EXPECT_EQ_MSG(test, t_run46(test, c), T_DROP, "type %u",
				    types[i]);
		KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ICMP_TYPE);
	}
}

/*
 * 7915-16: IGMP is dropped silently; so are IPv6-only numbers in IPv4 and
 * ICMPv4 in IPv6 (our decision: they would become bogus headers).
 */
static void test_7915_16_igmp_and_foreign_protocols(struct kunit *test)
{
	static const u8 protos[] = { 2, 0, 43, 44, 58, 60 };
	struct t_ctx *c = t_ctx(test, false);
	struct t4 h = { .ttl = 64, .src = t4_server, .dst = t4_eam };
	unsigned int i;
	u8 dst6[16];
	u32 hl;

	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		h.proto = protos[i];
		hl = t_ip4(c->in, &h);
		t_fill(c->in + hl, 32);
		c->len = t_fin4(c->in, 32);
		KUNIT_EXPECT_EQ_MSG(test, t_run46(test, c), T_DROP, "proto %u",
				    protos[i]);
		KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_PROTO);
	}
	t_emb(dst6, t6_nsp, t4_server);
	t_pkt6(c, t6_eam, dst6, 64, 1, 20);
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_PROTO);
}

/* 7915-24 (E15's shape): time exceeded from a router, inner restored. */
static void test_7915_24_time_exceeded(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test), src6[16], dst6[16];
	u32 qlen = t_inner4(q, t4_eam, t4_server, 12);
	const u8 *in6;

	t_err4(c, t4_router, t4_eam, 11, 0, 0, q, qlen);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->res.old_len, c->len);
	t_emb(src6, t6_nsp, t4_router);
	t_hdr6(test, c->pkt, 0, 8 + 40 + 20, 58, 63, src6, t6_eam);
	KUNIT_EXPECT_EQ(test, c->plen, 40 + 8 + 40 + 20);
	KUNIT_EXPECT_EQ(test, c->pkt[40], 3);
	KUNIT_EXPECT_EQ(test, c->pkt[41], 0);
	KUNIT_EXPECT_EQ(test, t_get32(c->pkt + 44), 0);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));		/* ICMPv6 csum */
	/* inner: addresses by the map, TC copied, HL 1 not decremented */
	in6 = c->pkt + 48;
	t_emb(dst6, t6_nsp, t4_server);
	t_hdr6(test, in6, 0x28, 20, 17, 1, t6_eam, dst6);
	KUNIT_EXPECT_EQ(test, t_get16(in6 + 40), 40000);
	KUNIT_EXPECT_EQ(test, t_get16(in6 + 42), 33434);
	KUNIT_EXPECT_TRUE(test, t_ok6(in6));		/* inner UDP csum */
	KUNIT_EXPECT_EQ(test, c->m.calls[NAT64_ADDR_INNER_SRC], 1);
	KUNIT_EXPECT_EQ(test, c->m.calls[NAT64_ADDR_INNER_DST], 1);
}

/* E6, 7915-19, 7915-20: fragmentation needed -> PTB 1420; 0 -> 1280. */
static void test_7915_19_e6_frag_needed(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test);
	u32 qlen;

	c->cfg.mtu6_nexthop = 1500;
	c->cfg.mtu4_nexthop = 1500;
	qlen = t_inner4(q, t4_eam, t4_server, 1472);	/* TL 1500 */
	t_err4(c, t4_router, t4_eam, 3, 4, 1400, q, 28);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[40], 2);
	KUNIT_EXPECT_EQ(test, c->pkt[41], 0);
	KUNIT_EXPECT_EQ(test, t_get32(c->pkt + 44), 1420);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 48 + 4), 1480);	/* inner PL */
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
	/* MTU 0, inner Total Length 1400: no plateau in [1280, 1400) */
	qlen = t_inner4(q, t4_eam, t4_server, 1372);
	KUNIT_ASSERT_EQ(test, qlen, 1400);
	t_err4(c, t4_router, t4_eam, 3, 4, 0, q, 28);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, t_get32(c->pkt + 44), 1280);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
}

/* E8, 7915-18, 7915-22: parameter problem, protocol unreachable. */
static void test_7915_22_e8_param_problem(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test);
	u32 qlen = t_inner4(q, t4_eam, t4_server, 20);

	t_err4(c, t4_router, t4_eam, 12, 0, 8 << 24, q, qlen);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[40], 4);
	KUNIT_EXPECT_EQ(test, c->pkt[41], 0);
	KUNIT_EXPECT_EQ(test, t_get32(c->pkt + 44), 7);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
	t_err4(c, t4_router, t4_eam, 12, 0, 4 << 24, q, qlen);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ICMP_TYPE);
	t_err4(c, t4_eam, t4_server, 3, 2, 0, q, qlen);	/* 7915-18 */
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[40], 4);
	KUNIT_EXPECT_EQ(test, c->pkt[41], 1);
	KUNIT_EXPECT_EQ(test, t_get32(c->pkt + 44), 6);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
	t_err4(c, t4_eam, t4_server, 3, 3, 0, q, qlen);	/* 7915-17 */
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[40], 1);
	KUNIT_EXPECT_EQ(test, c->pkt[41], 4);
}

/* 7915-21: time exceeded in reassembly (code 1) keeps its code. */
static void test_7915_21_time_exceeded_code(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test);
	u32 qlen = t_inner4(q, t4_eam, t4_server, 20);

	t_err4(c, t4_server, t4_eam, 11, 1, 0, q, qlen);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[40], 3);
	KUNIT_EXPECT_EQ(test, c->pkt[41], 1);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
}

/* 7915-26: the ICMPv6 error is cut at 1280 bytes; inner PL is original. */
static void test_7915_26_truncate_1280(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test);
	u32 qlen = t_inner4(q, t4_eam, t4_server, 1372);	/* 1400 */

	t_err4(c, t4_router, t4_eam, 3, 1, 0, q, qlen);
	KUNIT_ASSERT_EQ(test, c->len, 1428);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->res.new_len, 1280);
	KUNIT_EXPECT_EQ(test, c->plen, 1280);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 4), 1240);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 48 + 4), 1380);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
	t_bytes(test, c->pkt + 96, q + 28, 1280 - 96, "quote");
}

/* 7915-25: an ICMP error quoting an ICMP error is dropped. */
static void test_7915_25_nested(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	struct t4 h = { .ttl = 5, .proto = 1, .src = t4_eam,
			.dst = t4_server };
	u8 *q = t_buf(test), *inner = t_buf(test);
	u32 ilen = t_inner4(inner, t4_server, t4_eam, 8), hl, qlen;

	hl = t_ip4(q, &h);
	q[hl] = 3;		/* the quoted packet: a port unreachable */
	q[hl + 1] = 3;
	memcpy(q + hl + 8, inner, ilen);
	qlen = t_fin4(q, 8 + ilen);
	t_err4(c, t4_router, t4_eam, 3, 1, 0, q, qlen);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ICMP_NESTED);
	q[hl] = 13;		/* a quoted timestamp: untranslatable */
	qlen = t_fin4(q, 8 + ilen);
	t_err4(c, t4_router, t4_eam, 3, 1, 0, q, qlen);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ICMP_TYPE);
}

/* 7915-24: a quoted echo request becomes 128, with its checksum. */
static void test_7915_24_inner_echo(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	struct t4 h = { .ttl = 5, .proto = 1, .src = t4_eam,
			.dst = t4_server };
	u8 *q = t_buf(test);
	u32 hl = t_ip4(q, &h), qlen;

	qlen = t_fin4(q, t_echo(q + hl, 8, 32));
	t_err4(c, t4_router, t4_eam, 11, 0, 0, q, qlen);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[48 + 6], 58);
	KUNIT_EXPECT_EQ(test, c->pkt[48 + 7], 5);
	KUNIT_EXPECT_EQ(test, c->pkt[48 + 40], 128);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt + 48));
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
}

/*
 * 7915-24: a quote with only 8 bytes of UDP (RFC 792): its checksum is
 * updated incrementally and equals the one of the whole packet.
 */
static void test_7915_24_inner_truncated(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test);
	u32 qlen = t_inner4(q, t4_eam, t4_server, 600);
	u16 whole;

	memcpy(c->in, q, qlen);
	c->len = qlen;
	c->in[8] = 64;		/* whole packet, translated on its own */
	t_fin4(c->in, qlen - 20);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	whole = t_get16(c->pkt + 46);
	t_err4(c, t4_router, t4_eam, 3, 1, 0, q, 28);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->plen, 40 + 8 + 40 + 8);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 48 + 40 + 6), whole);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 48 + 4), 608);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
}

/* An RFC 4884 extension: header (version 2) and one 8-byte object. */
static void t_ext4884(u8 *e)
{
	static const u8 ext[12] = { 0x20, 0, 0, 0, 0, 8, 1, 1, 1, 2, 3, 4 };

	memcpy(e, ext, 12);
	t_put16(e + 2, t_csum(t_sum(0, e, 12)));
}

/* 7915-23: the RFC 4884 length attribute is adjusted (64-bit words). */
static void test_7915_23_rfc4884_46(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test), *e;

	t_inner4(q, t4_eam, t4_server, 972);		/* TL 1000 */
	e = q + 128;
	t_ext4884(e);
	t_err4(c, t4_router, t4_eam, 11, 0, 32 << 16, q, 140);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	/* datagram 40 + 108 = 148 -> 152 (64-bit aligned) = 19 words */
	KUNIT_EXPECT_EQ(test, c->pkt[44], 19);
	KUNIT_EXPECT_EQ(test, c->plen, 48 + 152 + 12);
	t_bytes(test, c->pkt + 48 + 48, q + 28, 100, "datagram");
	t_bytes(test, c->pkt + 48 + 148, t_zero, 4, "padding");
	t_bytes(test, c->pkt + 48 + 152, e, 12, "extension");
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 48 + 4), 980);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
	/* a PTB has no length attribute: the extension is left out */
	t_err4(c, t4_router, t4_eam, 3, 4, 32 << 16 | 1400, q, 140);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->plen, 48 + 40 + 108);
	KUNIT_EXPECT_EQ(test, t_get32(c->pkt + 44), 1420);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
}

/* 6791-1: an error from an unmapped IPv4 source: RFC 6791 pool. */
static void test_6791_1_err_src_46(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test);
	u32 qlen = t_inner4(q, t4_eam, t4_server, 20);

	t_err4(c, t4_unmapped, t4_eam, 11, 0, 0, q, qlen);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	t_bytes(test, c->pkt + 8, t6_6791, 16, "6791 source");
	KUNIT_EXPECT_EQ(test, c->m.calls[NAT64_ADDR_SRC], 1);
	KUNIT_EXPECT_EQ(test, c->m.calls[NAT64_ADDR_ERR_SRC], 1);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
	/* not for an ordinary packet */
	memset(c->m.calls, 0, sizeof(c->m.calls));
	t_udp4(c, t4_unmapped, t4_eam, 0, 64, 10);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ADDR);
	KUNIT_EXPECT_EQ(test, c->m.calls[NAT64_ADDR_ERR_SRC], 0);
}

/* 7915-29 (b): UDP checksum 0 is computed (and needs the whole packet). */
static void test_7915_29_udp0_compute(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u16 want;

	t_udp4(c, t4_server, t4_eam, 0, 64, 333);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	want = t_get16(c->pkt + 46);
	t_put16(c->in + 26, 0);
	c->avail = 40;
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_MORE);
	KUNIT_EXPECT_EQ(test, c->res.need, c->len);
	c->avail = 0;
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 46), want);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
}

/* 7915-29 (a): the configuration that drops them. */
static void test_7915_29_udp0_drop(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);

	c->cfg.udp0 = NAT64_UDP0_DROP;
	t_udp4(c, t4_server, t4_eam, 0, 64, 33);
	t_put16(c->in + 26, 0);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_UDP0);
}

/* 7915-30: the first fragment of a UDP datagram with checksum 0. */
static void test_7915_30_udp0_fragment(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);

	t_udp4(c, t4_server, t4_eam, 0, 64, 33);
	t_put16(c->in + 6, T_MF);
	t_put16(c->in + 26, 0);
	t_fin4(c->in, 41);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_UDP0);
}

/*
 * A UDP datagram whose IPv6 checksum comes out as 0x0000: two payload
 * bytes at the end are chosen for that. @v4csum0: send it with 0.
 */
static void t_udp_sum0_46(struct t_ctx *c, bool v4csum0)
{
	u8 ph[40], src6[16];
	u32 sum;

	t_udp4(c, t4_server, t4_eam, 0, 64, 20);
	t_emb(src6, t6_nsp, t4_server);
	memcpy(ph + 8, src6, 16);
	memcpy(ph + 24, t6_eam, 16);
	t_put16(c->in + 26, 0);
	t_put16(c->in + 46, 0);
	sum = t_sum(t_pseudo6(ph, 17, 28), c->in + 20, 28);
	t_put16(c->in + 46, ~sum & 0xffff);
	if (v4csum0)
		return;
	t_fin4(c->in, 28);
}

/* 7915-31: a computed 0x0000 goes out as 0xFFFF, both ways of computing. */
static void test_7915_31_udp_ffff_46(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);

	t_udp_sum0_46(c, false);
	KUNIT_ASSERT_NE(test, t_get16(c->in + 26), 0);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 46), 0xffff);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
	t_udp_sum0_46(c, true);
	KUNIT_ASSERT_EQ(test, t_get16(c->in + 26), 0);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 46), 0xffff);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
}

/* 7915-32: a wrong checksum stays wrong; a wrong ICMP error is dropped. */
static void test_7915_32_bad_csum(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	struct t4 h = { .ttl = 64, .proto = 6, .src = t4_server,
			.dst = t4_eam };
	u8 *q = t_buf(test);
	u32 hl = t_ip4(c->in, &h), qlen;

	c->len = t_fin4(c->in, t_tcp(c->in + hl, 80, 40000, 100));
	c->in[hl + 16] ^= 0x40;
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_FALSE(test, t_ok6(c->pkt));
	t_udp4(c, t4_server, t4_eam, 0, 64, 100);
	c->in[27] ^= 1;
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_FALSE(test, t_ok6(c->pkt));
	qlen = t_inner4(q, t4_eam, t4_server, 20);
	t_err4(c, t4_router, t4_eam, 3, 1, 0, q, qlen);
	c->in[22] ^= 0x10;
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_CSUM);
}

/* 7915-28: TCP with only RFC 6052 addresses (no EAM), and UDP. */
static void test_7915_28_tcp_udp_nsp(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	struct t4 h = { .tos = 0, .ttl = 64, .proto = 6, .src = t4_server,
			.dst = t4_client };
	u32 hl = t_ip4(c->in, &h);

	c->len = t_fin4(c->in, t_tcp(c->in + hl, 443, 40000, 777));
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->res.old_len, 40);
	KUNIT_EXPECT_EQ(test, c->res.new_len, 60);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
	t_udp4(c, t4_server, t4_client, T_DF, 64, 777);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
}

/* ---- IPv6 -> IPv4: headers (RFC 7915 section 5.1) ----------------------- */

/* 2001:db8:64::198.51.100.1, the IPv4 server as IPv6. */
static void t_server6(u8 *a)
{
	t_emb(a, t6_nsp, t4_server);
}

/* E5, 7915-34, 7915-35: DF by size (1260), ID from the caller, TTL. */
static void test_7915_34_e5_df_and_id(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 dst6[16];

	t_server6(dst6);
	t_pkt6(c, t6_eam, dst6, 64, 17, 952);
	KUNIT_ASSERT_EQ(test, c->len, 1000);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	t_hdr4(test, c->pkt, 0, 980, 0, 63, 17, t4_eam, t4_server);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 4), 0xbeef);	/* ip_id */
	KUNIT_EXPECT_EQ(test, c->res.old_len, 48);
	KUNIT_EXPECT_EQ(test, c->res.new_len, 28);
	KUNIT_EXPECT_EQ(test, c->plen, 980);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
	t_pkt6(c, t6_eam, dst6, 64, 17, 1352);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	t_hdr4(test, c->pkt, 0, 1380, T_DF, 63, 17, t4_eam, t4_server);
	/* the boundary: 1260 -> DF=0, 1261 -> DF=1 */
	t_pkt6(c, t6_eam, dst6, 64, 17, 1232);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 2), 1260);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 6), 0);
	t_pkt6(c, t6_eam, dst6, 64, 17, 1233);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 6), T_DF);
	/* another ID from the caller's generator goes out as it is */
	memcpy(&c->ip_id, "\x12\x34", 2);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 4), 0x1234);
}

/* 7915-36: TOS = Traffic Class, or the configured value; no flow label. */
static void test_7915_36_tos(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 dst6[16];

	t_server6(dst6);
	t_pkt6(c, t6_eam, dst6, 64, 17, 10);
	c->in[0] = 0x6b;		/* TC 0xB8, flow label 0xfffff */
	c->in[1] = 0x8f;
	c->in[2] = 0xff;
	c->in[3] = 0xff;
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[1], 0xb8);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
	c->cfg.tos_fixed = true;
	c->cfg.tos = 0x20;
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[1], 0x20);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
}

/* A Routing header (type 3) with Segments Left @sl. */
static u32 t_rh(u8 *e, u8 next, u8 sl)
{
	memset(e, 0, 8);
	e[0] = next;
	e[2] = 3;
	e[3] = sl;
	return 8;
}

/* 7915-37, 7915-39: HBH, DestOpts, RH(SL 0) skipped; protocol after. */
static void test_7915_39_ext_headers(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	struct t6 h = { .hl = 64, .nh = 0, .src = t6_eam };
	u8 dst6[16];
	u32 n;

	t_server6(dst6);
	h.dst = dst6;
	t_ip6(c->in, &h);
	t_ext8(c->in + 40, 60, 0);
	t_ext8(c->in + 48, 43, 0);
	t_rh(c->in + 56, 17, 0);
	n = t_udp(c->in + 64, 1000, 2000, 100);
	c->len = t_fin6(c->in, 64 + n, 64, 17);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	t_hdr4(test, c->pkt, 0, 20 + n, 0, 63, 17, t4_eam, t4_server);
	KUNIT_EXPECT_EQ(test, c->res.old_len, 64 + 8);
	KUNIT_EXPECT_EQ(test, c->plen, 20 + n);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
	/* HBH anywhere but first is malformed */
	c->in[6] = 60;
	c->in[40] = 0;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_MALFORMED);
}

/* E9, 7915-41: RH with Segments Left 2 -> ICMPv6 4/0 pointer 43. */
static void test_7915_41_e9_routing_header(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	struct t6 h = { .hl = 64, .nh = 43, .src = t6_eam };
	u8 dst6[16];
	u32 n;

	t_emb(dst6, t6_nsp, t4_client);			/* ...:c633:6402 */
	h.dst = dst6;
	t_ip6(c->in, &h);
	t_rh(c->in + 40, 17, 2);
	n = t_udp(c->in + 48, 1000, 2000, 30);
	c->len = t_fin6(c->in, 48 + n, 48, 17);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_ICMP);
	KUNIT_EXPECT_EQ(test, c->res.icmp_type, 4);
	KUNIT_EXPECT_EQ(test, c->res.icmp_code, 0);
	KUNIT_EXPECT_EQ(test, c->res.icmp_info, 43);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_RH);
	/* behind a HBH header the pointer moves with it */
	t_ip6(c->in, &h);
	c->in[6] = 0;
	t_ext8(c->in + 40, 43, 0);
	t_rh(c->in + 48, 17, 1);
	n = t_udp(c->in + 56, 1000, 2000, 30);
	c->len = t_fin6(c->in, 56 + n, 56, 17);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_ICMP);
	KUNIT_EXPECT_EQ(test, c->res.icmp_info, 51);
	/* Segments Left 0: skipped, protocol from its Next Header */
	t_ip6(c->in, &h);
	t_rh(c->in + 40, 17, 0);
	n = t_udp(c->in + 48, 1000, 2000, 30);
	c->len = t_fin6(c->in, 48 + n, 48, 17);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[9], 17);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
}

/* 7915-38: hop limit decremented; HL <= 1 -> ICMPv6 3/0. */
static void test_7915_38_hop_limit(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 dst6[16];

	t_server6(dst6);
	t_pkt6(c, t6_eam, dst6, 2, 17, 10);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[8], 1);
	t_pkt6(c, t6_eam, dst6, 1, 17, 10);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_ICMP);
	KUNIT_EXPECT_EQ(test, c->res.icmp_type, 3);
	KUNIT_EXPECT_EQ(test, c->res.icmp_code, 0);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_HOPLIMIT);
	t_pkt6(c, t6_eam, dst6, 0, 17, 10);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_ICMP);
}

/* 7915-40: the unspecified and loopback sources are dropped silently. */
static void test_7915_40_illegal_src(struct kunit *test)
{
	static const u8 lo[16] = { [15] = 1 };
	struct t_ctx *c = t_ctx(test, false);
	u8 dst6[16];

	t_server6(dst6);
	t_pkt6(c, t_zero, dst6, 64, 17, 10);
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_SRC_ILLEGAL);
	t_pkt6(c, lo, dst6, 64, 17, 10);
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_SRC_ILLEGAL);
}

/* An IPv6 fragment: FH (@next, @off8, @m, ID 0x12345678) then @n bytes. */
static void t_frag6_pkt(struct t_ctx *c, u8 hl, u8 next, u16 off8, bool m,
			u32 n)
{
	struct t6 h = { .hl = hl, .nh = 44, .src = t6_eam };
	u8 dst6[16];

	t_server6(dst6);
	h.dst = dst6;
	t_ip6(c->in, &h);
	t_frag6(c->in + 40, next, off8, m, 0x12345678);
	if (next == 17 && !off8) {
		t_udp(c->in + 48, 7, 9, n - 8);
		c->len = t_fin6(c->in, 48 + n, 48, 17);
	} else {
		t_fill(c->in + 48, n);
		c->len = t_fin6(c->in, 48 + n, 48, 0);
	}
}

/* 7915-42: Fragment Header -> ID low 16 bits, MF, offset; DF = 0. */
static void test_7915_42_fragments(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u32 n;

	t_frag6_pkt(c, 64, 17, 100, true, 1400);	/* a later fragment */
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	t_hdr4(test, c->pkt, 0, 1420, T_MF | 100, 63, 17, t4_eam,
	       t4_server);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 4), 0x5678);
	KUNIT_EXPECT_EQ(test, c->res.old_len, 48);
	KUNIT_EXPECT_EQ(test, c->res.new_len, 20);
	t_bytes(test, c->pkt + 20, c->in + 48, 1400, "data");
	/* the first fragment: UDP checksum follows (over this part) */
	t_frag6_pkt(c, 64, 17, 0, true, 200);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 6), T_MF);
	n = 200;
	KUNIT_EXPECT_TRUE(test, t_sum_ok(t_sum(t_pseudo4(c->pkt, 17, n),
					       c->pkt + 20, n)));
	/* an atomic fragment: still the FH's ID, DF=0 */
	t_frag6_pkt(c, 64, 17, 0, false, 1400);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 6), 0);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 4), 0x5678);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
	/* ESP after the FH is an upper layer: copied */
	t_frag6_pkt(c, 64, 50, 0, true, 64);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[9], 50);
	/* 7915-38 for a later fragment: dropped, no ICMP */
	t_frag6_pkt(c, 1, 17, 100, true, 64);
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_HOPLIMIT);
}

/* 7915-43: an extension header after the FH (AH included) -> drop. */
static void test_7915_43_frag_then_ext(struct kunit *test)
{
	static const u8 next[] = { 60, 51, 0, 43, 44 };
	struct t_ctx *c = t_ctx(test, false);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(next); i++) {
		t_frag6_pkt(c, 64, next[i], 0, true, 64);
		KUNIT_EXPECT_EQ_MSG(test, t_run64(test, c), T_DROP, "nh %u",
				    next[i]);
		KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_FRAG_EXT);
	}
}

/* 7915-45: DF=1 translation over the IPv4 next hop -> PTB, MTU + 20. */
static void test_7915_45_packet_too_big(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 dst6[16];

	t_server6(dst6);
	c->cfg.mtu4_nexthop = 1400;
	t_pkt6(c, t6_eam, dst6, 64, 17, 1472);		/* TL 1500 */
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_ICMP);
	KUNIT_EXPECT_EQ(test, c->res.icmp_type, 2);
	KUNIT_EXPECT_EQ(test, c->res.icmp_code, 0);
	KUNIT_EXPECT_EQ(test, c->res.icmp_info, 1420);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_TOO_BIG);
	c->cfg.mtu4_nexthop = 1000;
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_ICMP);
	KUNIT_EXPECT_EQ(test, c->res.icmp_info, 1280);
	/* DF=0 (<= 1260): translated; the IPv4 side fragments it */
	t_pkt6(c, t6_eam, dst6, 64, 17, 1172);		/* TL 1200 */
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 6), 0);
	/* a fragment is DF=0 too: no PTB */
	t_frag6_pkt(c, 64, 17, 100, true, 1472);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	c->cfg.mtu4_nexthop = 1500;
	t_pkt6(c, t6_eam, dst6, 64, 17, 1472);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
}

/* 7915-46: echo 128 -> 8, 129 -> 0, checksum without pseudo-header. */
static void test_7915_46_echo_64(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 dst6[16];

	t_server6(dst6);
	t_pkt6(c, t6_eam, dst6, 64, 58, 56);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	t_hdr4(test, c->pkt, 0, 84, 0, 63, 1, t4_eam, t4_server);
	KUNIT_EXPECT_EQ(test, c->pkt[20], 8);
	KUNIT_EXPECT_EQ(test, t_get32(c->pkt + 24), 0xbeef0102);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
	KUNIT_EXPECT_EQ(test, c->res.l4proto, 1);
	c->in[40] = 129;
	t_fin6(c->in, c->len, 40, 58);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[20], 0);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
	/* fragmented: the pseudo-header length is unknown */
	t_frag6_pkt(c, 64, 58, 0, true, 64);
	c->in[48] = 128;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ICMP_FRAG);
}

/* 7915-46: MLD, ND and unknown informational types -> silent drop. */
static void test_7915_46_info_drop(struct kunit *test)
{
	static const u8 types[] = { 130, 131, 132, 133, 134, 135, 136, 137,
				    143, 200, 255 };
	struct t_ctx *c = t_ctx(test, false);
	unsigned int i;
	u8 dst6[16];

	t_server6(dst6);
	for (i = 0; i < ARRAY_SIZE(types); i++) {
		t_pkt6(c, t6_eam, dst6, 64, 58, 16);
		c->in[40] = types[i];
		t_fin6(c->in, c->len, 40, 58);
		KUNIT_EXPECT_EQ_MSG(test, t_run64(test, c), T_DROP, "type %u",
				    types[i]);
		KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ICMP_TYPE);
	}
}

/* 7915-28, 7915-32, 6052-12: TCP/UDP checksums follow; bad stays bad. */
static void test_7915_28_checksums_64(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 src6[16], dst6[16];

	t_server6(dst6);
	t_emb(src6, t6_nsp, t4_client);
	t_pkt6(c, src6, dst6, 64, 6, 500);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->res.new_len, 40);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
	t_pkt6(c, t6_eam, dst6, 64, 17, 501);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
	c->in[40 + 7] ^= 0x21;				/* 7915-32 */
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_FALSE(test, t_ok4(c->pkt));
	/* UDP checksum 0 is illegal in IPv6: dropped */
	t_put16(c->in + 46, 0);
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_UDP0);
}

/* 7915-31: a UDP checksum that comes out 0x0000 in IPv4 is sent 0xFFFF. */
static void test_7915_31_udp_ffff_64(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 ph[20] = { 0 }, dst6[16];
	u32 sum;

	t_server6(dst6);
	t_pkt6(c, t6_eam, dst6, 64, 17, 20);
	memcpy(ph + 12, t4_eam, 4);
	memcpy(ph + 16, t4_server, 4);
	t_put16(c->in + 46, 0);
	t_put16(c->in + 66, 0);
	sum = t_sum(t_pseudo4(ph, 17, 28), c->in + 40, 28);
	t_put16(c->in + 66, ~sum & 0xffff);
	t_fin6(c->in, c->len, 40, 17);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 26), 0xffff);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
}

/* ---- IPv6 -> IPv4: ICMPv6 errors (sections 5.2, 5.3) -------------------- */

/* c->in: ICMPv6 @type/@code @src -> @dst, second word @rest, quoting @q. */
static void t_err6(struct t_ctx *c, const u8 *src, const u8 *dst, u8 type,
		   u8 code, u32 rest, const u8 *q, u32 qlen)
{
	struct t6 h = { .hl = 64, .nh = 58, .src = src, .dst = dst };
	u8 *icmp = c->in + 40;

	t_ip6(c->in, &h);
	icmp[0] = type;
	icmp[1] = code;
	t_put16(icmp + 4, rest >> 16);
	t_put16(icmp + 6, rest & 0xffff);
	memcpy(icmp + 8, q, qlen);
	c->len = t_fin6(c->in, 48 + qlen, 40, 58);
}

/* An IPv6 UDP packet @src:40000 -> @dst:33434 (HL 1, TC 0x28) into @q. */
static u32 t_inner6(u8 *q, const u8 *src, const u8 *dst, u32 paylen)
{
	struct t6 h = { .tc = 0x28, .hl = 1, .nh = 17, .src = src,
			.dst = dst };

	t_ip6(q, &h);
	return t_fin6(q, 40 + t_udp(q + 40, 40000, 33434, paylen), 40, 17);
}

/*
 * E7, 7915-47, 7915-49, 6791-1: PTB 1400 from an untranslatable router ->
 * fragmentation needed 1380, source from the RFC 6791 pool, at most 576
 * bytes, inner restored with its hop limit and a checksum that equals
 * the one of the whole packet translated on its own.
 */
static void test_7915_47_e7_ptb(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test), s6[16];
	u32 qlen;
	u16 whole;

	t_server6(s6);
	c->cfg.mtu4_nexthop = 1500;
	c->cfg.mtu6_nexthop = 1500;
	qlen = t_inner6(q, s6, t6_eam, 1452);		/* 1500 bytes */
	memcpy(c->in, q, qlen);
	c->len = qlen;
	c->in[7] = 64;
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	whole = t_get16(c->pkt + 26);
	t_err6(c, t6_router, s6, 2, 0, 1400, q, 1232);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->res.old_len, c->len);
	KUNIT_EXPECT_EQ(test, c->plen, 576);
	t_hdr4(test, c->pkt, 0, 576, 0, 63, 1, t4_6791, t4_server);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 4), 0xbeef);
	KUNIT_EXPECT_EQ(test, c->pkt[20], 3);
	KUNIT_EXPECT_EQ(test, c->pkt[21], 4);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 24), 0);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 26), 1380);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));		/* ICMPv4 csum */
	t_hdr4(test, c->pkt + 28, 0x28, 1480, T_DF, 1, 17, t4_server,
	       t4_eam);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 48 + 6), whole);
	KUNIT_EXPECT_EQ(test, c->m.calls[NAT64_ADDR_ERR_SRC], 1);
	/* not for an ordinary packet from that router */
	t_pkt6(c, t6_router, s6, 64, 17, 10);
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ADDR);
}

/*
 * 6791-3: a time exceeded from an untranslatable router comes from the
 * RFC 6791 stand-in, with the router's own IPv6 address in an RFC 5837
 * Interface Information Object: an RFC 4884 extension after the quote,
 * which is zero-padded to 128 bytes and says so in its length attribute.
 * A mapped router's error has no extension.
 */
static void test_6791_3_rfc5837(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test), s6[16], zero[128] = { 0 };
	const u8 *x;
	u32 qlen;

	t_server6(s6);
	qlen = t_inner6(q, s6, t6_eam, 30);	/* a 58-byte IPv4 quote */
	t_err6(c, t6_router, s6, 3, 0, 0, q, qlen);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->plen, 28 + 128 + 28);
	t_hdr4(test, c->pkt, 0, 28 + 128 + 28, 0, 63, 1, t4_6791, t4_server);
	KUNIT_EXPECT_EQ(test, c->pkt[20], 11);
	KUNIT_EXPECT_EQ(test, c->pkt[25], 32);	/* 128 bytes, in words */
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
	t_bytes(test, c->pkt + 28 + 58, zero, 128 - 58, "padding");
	x = c->pkt + 28 + 128;
	KUNIT_EXPECT_EQ(test, x[0], 0x20);		/* version 2 */
	KUNIT_EXPECT_TRUE(test, t_sum_ok(t_sum(0, x, 28)));
	KUNIT_EXPECT_EQ(test, t_get16(x + 4), 24);	/* object length */
	KUNIT_EXPECT_EQ(test, x[6], 2);			/* interface info */
	KUNIT_EXPECT_EQ(test, x[7], 0x04);		/* IP address */
	KUNIT_EXPECT_EQ(test, t_get16(x + 8), 2);	/* AFI IPv6 */
	KUNIT_EXPECT_EQ(test, t_get16(x + 10), 0);
	t_bytes(test, x + 12, t6_router, 16, "the router's IPv6 address");
	/* the router mapped (an EAM): its own address, no extension */
	t_err6(c, t6_eam, s6, 3, 0, 0, q, qlen);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->plen, 28 + 58);
	KUNIT_EXPECT_EQ(test, c->pkt[25], 0);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
}

/* 7915-47: port unreachable -> 3/3, inner UDP checksum whole. */
static void test_7915_47_unreach(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test), s6[16];
	u32 qlen;

	t_server6(s6);
	qlen = t_inner6(q, s6, t6_eam, 30);
	t_err6(c, t6_eam, s6, 1, 4, 0, q, qlen);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	t_hdr4(test, c->pkt, 0, 28 + 20 + 38, 0, 63, 1, t4_eam, t4_server);
	KUNIT_EXPECT_EQ(test, c->pkt[20], 3);
	KUNIT_EXPECT_EQ(test, c->pkt[21], 3);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
	t_hdr4(test, c->pkt + 28, 0x28, 58, 0, 1, 17, t4_server, t4_eam);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 28 + 4), 0);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt + 28));
	/* time exceeded keeps its code (7915-47) */
	t_err6(c, t6_eam, s6, 3, 1, 0, q, qlen);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[20], 11);
	KUNIT_EXPECT_EQ(test, c->pkt[21], 1);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
}

/* E8, 7915-48: parameter problem pointers and codes, whole packets. */
static void test_7915_48_e8_param_problem(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test), s6[16];
	u32 qlen;

	t_server6(s6);
	qlen = t_inner6(q, s6, t6_eam, 30);
	t_err6(c, t6_eam, s6, 4, 0, 24, q, qlen);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[20], 12);
	KUNIT_EXPECT_EQ(test, c->pkt[21], 0);
	KUNIT_EXPECT_EQ(test, t_get32(c->pkt + 24), 16U << 24);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
	t_err6(c, t6_eam, s6, 4, 1, 40, q, qlen);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[20], 3);
	KUNIT_EXPECT_EQ(test, c->pkt[21], 2);
	KUNIT_EXPECT_EQ(test, t_get32(c->pkt + 24), 0);
	t_err6(c, t6_eam, s6, 4, 0, 2, q, qlen);
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ICMP_TYPE);
}

/* 7915-49: nested errors dropped; a quoted echo request becomes 8. */
static void test_7915_49_nested_and_echo(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	struct t6 h = { .hl = 5, .nh = 58, .dst = t6_eam };
	u8 *q = t_buf(test), *in = t_buf(test), s6[16];
	u32 qlen, ilen;

	t_server6(s6);
	h.src = s6;
	t_ip6(q, &h);
	qlen = t_fin6(q, 40 + t_echo(q + 40, 128, 24), 40, 58);
	t_err6(c, t6_eam, s6, 1, 0, 0, q, qlen);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->pkt[28 + 8], 5);	/* HL not decremented */
	KUNIT_EXPECT_EQ(test, c->pkt[28 + 9], 1);
	KUNIT_EXPECT_EQ(test, c->pkt[48], 8);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt + 28));
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
	/* the quoted packet is itself an error */
	ilen = t_inner6(in, s6, t6_eam, 8);
	q[40] = 1;
	q[41] = 4;
	memcpy(q + 48, in, ilen);
	qlen = t_fin6(q, 48 + ilen, 40, 58);
	t_err6(c, t6_eam, s6, 1, 0, 0, q, qlen);
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ICMP_NESTED);
	q[40] = 135;				/* a quoted ND: untranslatable */
	t_fin6(q, qlen, 40, 58);
	t_err6(c, t6_eam, s6, 1, 0, 0, q, qlen);
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ICMP_TYPE);
}

/* 7915-49: a quoted fragment: its FH becomes the inner IPv4 fields. */
static void test_7915_49_inner_fragment(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	struct t6 h = { .hl = 9, .nh = 44, .dst = t6_eam };
	u8 *q = t_buf(test), s6[16];
	u32 qlen;

	t_server6(s6);
	h.src = s6;
	t_ip6(q, &h);
	t_frag6(q + 40, 17, 0, true, 0xabcd1234);
	t_udp(q + 48, 5, 6, 100);
	qlen = t_fin6(q, 48 + 108, 48, 17);
	t_err6(c, t6_eam, s6, 3, 1, 0, q, qlen);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	t_hdr4(test, c->pkt + 28, 0, 128, T_MF, 9, 17, t4_server, t4_eam);
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 28 + 4), 0x1234);
	KUNIT_EXPECT_EQ(test, c->plen, 28 + 20 + 108);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
}

/* 7915-49, RFC 4884: the length attribute in 32-bit words, >= 128 bytes. */
static void test_7915_49_rfc4884_64(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test), s6[16], *e;

	t_server6(s6);
	t_inner6(q, s6, t6_eam, 952);			/* 1000 bytes */
	e = q + 128;
	t_ext4884(e);
	t_err6(c, t6_eam, s6, 1, 0, 16 << 24, q, 140);
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	/* 20 + 88 = 108 bytes of datagram, padded to 128 = 32 words */
	KUNIT_EXPECT_EQ(test, c->pkt[25], 32);
	KUNIT_EXPECT_EQ(test, c->plen, 28 + 128 + 12);
	t_bytes(test, c->pkt + 28 + 28, q + 48, 80, "datagram");
	t_bytes(test, c->pkt + 28 + 108, t_zero, 16, "padding");
	t_bytes(test, c->pkt + 28 + 128, e, 12, "extension");
	KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 28 + 2), 980);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
}

/* Every way an ICMPv6 error is refused. */
static void test_err64_drops(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test), s6[16];
	u32 qlen;

	t_server6(s6);
	qlen = t_inner6(q, s6, t6_eam, 200);
	t_err6(c, t6_eam, s6, 1, 4, 0, q, qlen);
	c->in[42] ^= 1;					/* 7915-32 */
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_CSUM);
	t_err6(c, t6_eam, s6, 1, 5, 0, q, qlen);
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ICMP_TYPE);
	t_err6(c, t6_eam, s6, 1, 4, 0, q, qlen);
	c->avail = 60;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_MORE);
	KUNIT_EXPECT_EQ(test, c->res.need, c->len);
	c->avail = 0;
	c->cap = 40;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_NOROOM);
	c->cap = 100;			/* smaller than 576 is fine: cut */
	KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->plen, 100);
	KUNIT_EXPECT_TRUE(test, t_ok4(c->pkt));
	c->cap = 0;
	c->in[7] = 1;			/* no ICMP error about an error */
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_HOPLIMIT);
	c->m.fail = 1U << NAT64_ADDR_INNER_SRC;
	c->in[7] = 64;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ADDR);
	c->m.fail = 0;
	q[0] = 0x45;					/* not IPv6 inside */
	t_err6(c, t6_eam, s6, 1, 4, 0, q, qlen);
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_MALFORMED);
	t_err6(c, t6_eam, s6, 1, 4, 0, q, 30);		/* cut header */
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_MALFORMED);
}

/* A fragmented ICMPv6 error, and one behind an unexpired RH. */
static void test_err64_frag_and_rh(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	struct t6 h = { .hl = 64, .nh = 43, .src = t6_eam };
	u8 *q = t_buf(test), s6[16];
	u32 qlen;

	t_frag6_pkt(c, 64, 58, 0, true, 64);
	c->in[48] = 1;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ICMP_FRAG);
	t_server6(s6);
	h.dst = s6;
	qlen = t_inner6(q, s6, t6_eam, 8);
	t_ip6(c->in, &h);
	t_rh(c->in + 40, 58, 1);
	memset(c->in + 48, 0, 8);
	c->in[48] = 1;
	c->in[49] = 4;
	memcpy(c->in + 56, q, qlen);
	c->len = t_fin6(c->in, 56 + qlen, 48, 58);
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_RH);
}

/* ---- every drop reason of the header checks ----------------------------- */

/* IPv4 -> IPv6: truncation, malformed headers, partial views, room. */
static void test_drops_46(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 *q = t_buf(test);
	u32 qlen;

	t_udp4(c, t4_server, t4_eam, 0, 64, 20);
	c->len = 10;
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_TRUNCATED);
	c->len = 47;					/* TL 48 */
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_TRUNCATED);
	c->len = 48;
	c->avail = 10;
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_MORE);
	KUNIT_EXPECT_EQ(test, c->res.need, 20);
	c->avail = 24;
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_MORE);
	KUNIT_EXPECT_EQ(test, c->res.need, 28);
	c->avail = 0;
	c->in[0] = 0x55;
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_MALFORMED);
	c->in[0] = 0x44;
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_MALFORMED);
	c->in[0] = 0x45;
	t_put16(c->in + 2, 19);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_MALFORMED);
	t_put16(c->in + 2, 24);				/* UDP header cut */
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_MALFORMED);
	t_udp4(c, t4_server, t4_unmapped, 0, 64, 20);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ADDR);
	t_udp4(c, t4_server, t4_eam, 0, 64, 20);
	c->cap = 47;
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_NOROOM);
	c->cap = 0;
	/* ICMP errors: fragmented, partial view, TTL, room, inner */
	qlen = t_inner4(q, t4_eam, t4_server, 20);
	t_err4(c, t4_router, t4_eam, 3, 1, 0, q, qlen);
	c->avail = 40;
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_MORE);
	KUNIT_EXPECT_EQ(test, c->res.need, c->len);
	c->avail = 0;
	c->cap = 60;
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_NOROOM);
	c->cap = 100;			/* smaller than 1280 is fine: cut */
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, c->plen, 100);
	KUNIT_EXPECT_TRUE(test, t_ok6(c->pkt));
	c->cap = 0;
	c->in[8] = 1;
	t_fin4(c->in, c->len - 20);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_HOPLIMIT);
	c->in[8] = 64;
	t_put16(c->in + 6, T_MF);
	t_fin4(c->in, c->len - 20);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ICMP_FRAG);
	c->m.fail = 1U << NAT64_ADDR_INNER_DST;
	t_err4(c, t4_router, t4_eam, 3, 1, 0, q, qlen);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ADDR);
	c->m.fail = 0;
	t_err4(c, t4_router, t4_eam, 3, 1, 0, q, 19);	/* cut header */
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_MALFORMED);
	q[0] = 0x65;					/* not IPv4 inside */
	t_err4(c, t4_router, t4_eam, 3, 1, 0, q, qlen);
	KUNIT_EXPECT_EQ(test, t_run46(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_MALFORMED);
}

/* IPv6 -> IPv4: truncation, malformed headers, partial views, room. */
static void test_drops_64(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	struct t6 h = { .hl = 64, .nh = 0, .src = t6_eam };
	u8 s6[16];

	t_server6(s6);
	t_pkt6(c, t6_eam, s6, 64, 6, 20);
	c->len = 30;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_TRUNCATED);
	c->len = 79;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_TRUNCATED);
	c->len = 80;
	c->avail = 30;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_MORE);
	KUNIT_EXPECT_EQ(test, c->res.need, 40);
	c->avail = 50;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_MORE);
	KUNIT_EXPECT_EQ(test, c->res.need, 60);
	c->avail = 0;
	c->cap = 39;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_NOROOM);
	c->cap = 0;
	c->in[0] = 0x45;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_MALFORMED);
	t_pkt6(c, t6_eam, s6, 64, 6, 20);
	t_put16(c->in + 4, 10);				/* TCP header cut */
	c->len = 50;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_MALFORMED);
	t_pkt6(c, t6_eam, t6_router, 64, 6, 20);	/* unmapped dst */
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_ADDR);
	/* extension headers: running past the packet, or past avail */
	h.dst = s6;
	t_ip6(c->in, &h);
	t_ext8(c->in + 40, 17, 0);
	t_udp(c->in + 48, 1, 2, 10);
	c->len = t_fin6(c->in, 66, 48, 17);
	c->avail = 44;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_MORE);
	KUNIT_EXPECT_EQ(test, c->res.need, 48);
	c->avail = 0;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_OK);
	c->in[41] = 255;
	KUNIT_EXPECT_EQ(test, t_run64(test, c), T_DROP);
	KUNIT_EXPECT_EQ(test, c->res.drop, NAT64_DROP_MALFORMED);
}

/* ---- fragmenting (src/frag6.c) ------------------------------------------ */

/* 7915-3, 7915-13: an IPv4 fragment too big: offsets go on, M kept. */
static void test_7915_13_frag6_of_fragment(struct kunit *test)
{
	u8 *f = kunit_kzalloc(test, 8 * 2048, GFP_KERNEL);
	struct t_ctx *c = t_ctx(test, false);
	unsigned int last;
	u32 fl[8];

	KUNIT_ASSERT_NOT_NULL(test, f);
	for (last = 0; last < 2; last++) {
		t_udp4(c, t4_server, t4_eam, 0, 64, 1472);
		t_put16(c->in + 6, (last ? 0 : T_MF) | 100);
		t_fin4(c->in, 1480);
		KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
		KUNIT_EXPECT_TRUE(test, c->res.frag_needed);
		KUNIT_EXPECT_EQ(test, t_get16(c->pkt + 42), 100 << 3 | !last);
		KUNIT_ASSERT_EQ(test, t_split(test, c, 1280, f, fl), 2);
		KUNIT_EXPECT_EQ(test, t_get16(f + 42), 100 << 3 | 1);
		KUNIT_EXPECT_EQ(test, t_get16(f + 2048 + 42),
				(100 + 154) << 3 | !last);
		KUNIT_EXPECT_EQ(test, fl[1], 48 + 248);
	}
}

/* nat64_xlat_frag6() refuses what it cannot split. */
static void test_frag6_bad_input(struct kunit *test)
{
	struct t_ctx *c = t_ctx(test, false);
	u8 hdr[48];
	u32 d, n;

	t_udp4(c, t4_server, t4_eam, 0, 64, 1472);
	KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
	KUNIT_EXPECT_EQ(test, nat64_xlat_frag6(c->pkt, c->plen, 1280, 7, 0,
					       hdr, &d, &n), 0);
	KUNIT_EXPECT_EQ(test, t_get32(hdr + 44), 7);
	KUNIT_EXPECT_EQ(test, nat64_xlat_frag6(c->pkt, c->plen - 1, 1280, 7, 0,
					       hdr, &d, &n), -EINVAL);
	KUNIT_EXPECT_EQ(test, nat64_xlat_frag6(c->pkt, c->plen, 50, 7, 0, hdr,
					       &d, &n), -EINVAL);
	KUNIT_EXPECT_EQ(test, nat64_xlat_frag6_count(c->pkt, c->plen, 50), 0);
	KUNIT_EXPECT_EQ(test, nat64_xlat_frag6_count(c->pkt, c->plen, 1280), 2);
	/* an offset that would overflow 13 bits */
	memmove(c->pkt + 48, c->pkt + 40, c->plen - 40);
	t_frag6(c->pkt + 40, 17, 8191, true, 1);
	c->pkt[6] = 44;
	c->plen += 8;
	t_put16(c->pkt + 4, c->plen - 40);
	KUNIT_EXPECT_EQ(test, nat64_xlat_frag6(c->pkt, c->plen, 1280, 7, 0,
					       hdr, &d, &n), 0);
	KUNIT_EXPECT_EQ(test, nat64_xlat_frag6(c->pkt, c->plen, 1280, 7, 1,
					       hdr, &d, &n), -EINVAL);
	/* an empty payload is one fragment */
	t_put16(c->pkt + 4, 8);
	KUNIT_EXPECT_EQ(test, nat64_xlat_frag6_count(c->pkt, 48, 1280), 1);
}

/* ---- randomised round trips --------------------------------------------- */

/* A random unicast IPv4 address the test map translates both ways. */
static void t_rand4(u32 *state, u8 *a)
{
	u32 r = t_rand(state);

	a[0] = 11 + r % 212;		/* 11..222 */
	if (a[0] == 127)
		a[0] = 128;
	a[1] = r >> 8;
	a[2] = r >> 16;
	a[3] = r >> 24;
}

/* The L4 bytes of two packets agree but for their checksum fields. */
static void t_same_l4(struct kunit *test, const u8 *a, const u8 *b, u32 n,
		      u8 proto)
{
	u32 at = t_csum_at(proto), i;

	for (i = 0; i < n; i++) {
		if (at && (i == at || i == at + 1))
			continue;
		if (i == 0 && (proto == 1 || proto == 58))
			continue;	/* the ICMP type */
		KUNIT_ASSERT_EQ_MSG(test, a[i], b[i], "L4 byte %u", i);
	}
}

/* IPv4 -> IPv6 -> IPv4 gives the packet back (TTL - 2, ID, DF rule). */
static void test_round_trip_464(struct kunit *test)
{
	static const u8 protos[] = { 6, 17, 1 };
	struct t_ctx *c = t_ctx(test, false), *d = t_ctx(test, false);
	u8 src[4], dst[4], proto;
	u32 state = 7915, i, hl, n, r;
	struct t4 h;

	for (i = 0; i < 500; i++) {
		r = t_rand(&state);
		t_rand4(&state, src);
		t_rand4(&state, dst);
		proto = protos[r % 3];
		h = (struct t4){ .tos = r >> 8, .ttl = 3 + (r >> 16) % 250,
				 .proto = proto, .id = r >> 3,
				 .frag = r & 0x80000000 ? T_DF : 0,
				 .src = src, .dst = dst };
		hl = t_ip4(c->in, &h);
		n = (r >> 20) % 1200;
		if (proto == 6)
			n = t_tcp(c->in + hl, r, r >> 16, n);
		else if (proto == 17)
			n = t_udp(c->in + hl, r, r >> 16, n);
		else
			n = t_echo(c->in + hl, r & 0x100 ? 8 : 0, n);
		c->len = t_fin4(c->in, n);
		KUNIT_ASSERT_EQ(test, t_run46(test, c), T_OK);
		KUNIT_ASSERT_TRUE(test, t_ok6(c->pkt));
		memcpy(d->in, c->pkt, c->plen);
		d->len = c->plen;
		KUNIT_ASSERT_EQ(test, t_run64(test, d), T_OK);
		KUNIT_ASSERT_EQ(test, d->plen, c->len);
		KUNIT_ASSERT_TRUE(test, t_ok4(d->pkt));
		t_hdr4(test, d->pkt, h.tos, c->len, 0, h.ttl - 2, proto, src,
		       dst);
		KUNIT_ASSERT_EQ(test, d->pkt[20], c->in[20]);	/* ICMP type */
		t_same_l4(test, d->pkt + 20, c->in + hl, n, proto);
	}
}

/* IPv6 -> IPv4 -> IPv6 gives the packet back (HL - 2). */
static void test_round_trip_646(struct kunit *test)
{
	static const u8 protos[] = { 6, 17, 58 };
	struct t_ctx *c = t_ctx(test, false), *d = t_ctx(test, false);
	u8 s4[4], d4[4], src[16], dst[16], proto;
	u32 state = 6052, i, r, n;
	struct t6 h;

	for (i = 0; i < 500; i++) {
		r = t_rand(&state);
		t_rand4(&state, s4);
		t_rand4(&state, d4);
		t_emb(src, t6_nsp, s4);
		t_emb(dst, t6_nsp, d4);
		proto = protos[r % 3];
		h = (struct t6){ .tc = r >> 8, .hl = 3 + (r >> 16) % 250,
				 .nh = proto, .src = src, .dst = dst };
		t_ip6(c->in, &h);
		n = (r >> 20) % 1200;
		if (proto == 6)
			n = t_tcp(c->in + 40, r, r >> 16, n);
		else if (proto == 17)
			n = t_udp(c->in + 40, r, r >> 16, n);
		else
			n = t_echo(c->in + 40, r & 0x100 ? 128 : 129, n);
		c->len = t_fin6(c->in, 40 + n, 40, proto);
		KUNIT_ASSERT_EQ(test, t_run64(test, c), T_OK);
		KUNIT_ASSERT_TRUE(test, t_ok4(c->pkt));
		memcpy(d->in, c->pkt, c->plen);
		d->len = c->plen;
		KUNIT_ASSERT_EQ(test, t_run46(test, d), T_OK);
		KUNIT_ASSERT_EQ(test, d->plen, c->len);
		KUNIT_ASSERT_TRUE(test, t_ok6(d->pkt));
		t_hdr6(test, d->pkt, h.tc, n, proto, h.hl - 2, src, dst);
		KUNIT_ASSERT_EQ(test, d->pkt[40], c->in[40]);
		t_same_l4(test, d->pkt + 40, c->in + 40, n, proto);
	}
}

static struct kunit_case nat64_xlat_cases[] = {
	KUNIT_CASE(test_csum_rfc1071),
	KUNIT_CASE(test_csum_rfc1624),
	KUNIT_CASE(test_csum_incremental_random),
	KUNIT_CASE(test_e2_udp_eam),
	KUNIT_CASE(test_e2_udp_wkp_neutral),
	KUNIT_CASE(test_7915_7_tclass_zero),
	KUNIT_CASE(test_7915_11_options_ignored),
	KUNIT_CASE(test_7915_8_protocols),
	KUNIT_CASE(test_7915_9_ttl),
	KUNIT_CASE(test_7915_10_illegal_src),
	KUNIT_CASE(test_7915_12_e10_source_route),
	KUNIT_CASE(test_7915_2_e4_no_atomic_fragment),
	KUNIT_CASE(test_7915_3_e3_fragmented),
	KUNIT_CASE(test_7915_4_lowest_mtu_1400),
	KUNIT_CASE(test_7915_13_fragments),
	KUNIT_CASE(test_7915_5_df_too_big),
	KUNIT_CASE(test_7915_15_echo_46),
	KUNIT_CASE(test_7915_16_icmp_info_drop),
	KUNIT_CASE(test_7915_16_igmp_and_foreign_protocols),
	KUNIT_CASE(test_7915_24_time_exceeded),
	KUNIT_CASE(test_7915_19_e6_frag_needed),
	KUNIT_CASE(test_7915_22_e8_param_problem),
	KUNIT_CASE(test_7915_21_time_exceeded_code),
	KUNIT_CASE(test_7915_26_truncate_1280),
	KUNIT_CASE(test_7915_25_nested),
	KUNIT_CASE(test_7915_24_inner_echo),
	KUNIT_CASE(test_7915_24_inner_truncated),
	KUNIT_CASE(test_7915_23_rfc4884_46),
	KUNIT_CASE(test_6791_1_err_src_46),
	KUNIT_CASE(test_7915_29_udp0_compute),
	KUNIT_CASE(test_7915_29_udp0_drop),
	KUNIT_CASE(test_7915_30_udp0_fragment),
	KUNIT_CASE(test_7915_31_udp_ffff_46),
	KUNIT_CASE(test_7915_32_bad_csum),
	KUNIT_CASE(test_7915_28_tcp_udp_nsp),
	KUNIT_CASE(test_7915_34_e5_df_and_id),
	KUNIT_CASE(test_7915_36_tos),
	KUNIT_CASE(test_7915_39_ext_headers),
	KUNIT_CASE(test_7915_41_e9_routing_header),
	KUNIT_CASE(test_7915_38_hop_limit),
	KUNIT_CASE(test_7915_40_illegal_src),
	KUNIT_CASE(test_7915_42_fragments),
	KUNIT_CASE(test_7915_43_frag_then_ext),
	KUNIT_CASE(test_7915_45_packet_too_big),
	KUNIT_CASE(test_7915_46_echo_64),
	KUNIT_CASE(test_7915_46_info_drop),
	KUNIT_CASE(test_7915_28_checksums_64),
	KUNIT_CASE(test_7915_31_udp_ffff_64),
	KUNIT_CASE(test_7915_47_e7_ptb),
	KUNIT_CASE(test_6791_3_rfc5837),
	KUNIT_CASE(test_7915_47_unreach),
	KUNIT_CASE(test_7915_48_e8_param_problem),
	KUNIT_CASE(test_7915_49_nested_and_echo),
	KUNIT_CASE(test_7915_49_inner_fragment),
	KUNIT_CASE(test_7915_49_rfc4884_64),
	KUNIT_CASE(test_err64_drops),
	KUNIT_CASE(test_err64_frag_and_rh),
	KUNIT_CASE(test_drops_46),
	KUNIT_CASE(test_drops_64),
	KUNIT_CASE(test_7915_13_frag6_of_fragment),
	KUNIT_CASE(test_frag6_bad_input),
	KUNIT_CASE(test_round_trip_464),
	KUNIT_CASE(test_round_trip_646),
	{}
};

static struct kunit_suite nat64_xlat_suite = {
	.name = "nat64_xlat",
	.test_cases = nat64_xlat_cases,
};

kunit_test_suites(&nat64_xlat_suite);
