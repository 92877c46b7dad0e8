// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite nat64_det: the deterministic NAT formula (src/det.c,
 * RFC 7422). Builds as a kernel KUnit module and as a host program.
 *
 * The brute-force cases walk every (address, port) of a rule and every
 * subscriber of it: no port is ever given to two subscribers, the reverse
 * lookup finds exactly the subscriber the forward formula gave the port
 * to, and every subscriber gets K ports.
 */
#include <kunit/test.h>
#include "../../src/det.h"

#define T_V4(a, b, c, d) htonl(((u32)(a) << 24) | ((b) << 16) | ((c) << 8) | (d))

static void t_addr6(struct in6_addr *a, u16 g0, u16 g1, u16 g2, u16 g3)
{
	memset(a, 0, sizeof(*a));
	a->s6_addr[0] = g0 >> 8;
	a->s6_addr[1] = g0;
	a->s6_addr[2] = g1 >> 8;
	a->s6_addr[3] = g1;
	a->s6_addr[4] = g2 >> 8;
	a->s6_addr[5] = g2;
	a->s6_addr[6] = g3 >> 8;
	a->s6_addr[7] = g3;
}

/* 2001:db8:100::/40, /56 subscribers; 203.0.113.0/24; ports 1024-65535 */
static void t_carrier(struct nat64_det *d)
{
	memset(d, 0, sizeof(*d));
	t_addr6(&d->prefix6, 0x2001, 0x0db8, 0x0100, 0);
	d->plen6 = 40;
	d->sub_len = 56;
	d->addr4 = T_V4(203, 0, 113, 0);
	d->plen4 = 24;
	d->port_min = 1024;
	d->port_max = 65535;
}

static void test_sizes(struct kunit *test)
{
	struct nat64_det d;

	t_carrier(&d);
	KUNIT_ASSERT_NULL(test, nat64_det_check(&d));
	KUNIT_EXPECT_EQ(test, nat64_det_subs(&d), 65536U);
	KUNIT_EXPECT_EQ(test, nat64_det_addrs(&d), 256U);
	/* 256 subscribers per address share 64,512 ports: 252 each */
	KUNIT_EXPECT_EQ(test, nat64_det_ports(&d), 252U);
}

/* The worked example of docs/logging.md, both ways. */
static void test_worked_example(struct kunit *test)
{
	struct nat64_det d;
	struct in6_addr sub, want;
	__be32 a;
	u16 lo, hi;

	t_carrier(&d);
	/* subscriber 1: 2001:db8:100:100::/56 (bits 40-55 = 0x0001) */
	t_addr6(&sub, 0x2001, 0x0db8, 0x0100, 0x0100);
	sub.s6_addr[15] = 0x42;		/* a host inside it */
	nat64_det_forward(&d, &sub, &a, &lo, &hi);
	KUNIT_EXPECT_EQ(test, a, T_V4(203, 0, 113, 1));
	KUNIT_EXPECT_EQ(test, lo, 1024);
	KUNIT_EXPECT_EQ(test, hi, 1275);

	/* subscriber 256 (2001:db8:101::/56): address .0 again, next block */
	t_addr6(&sub, 0x2001, 0x0db8, 0x0101, 0);
	nat64_det_forward(&d, &sub, &a, &lo, &hi);
	KUNIT_EXPECT_EQ(test, a, T_V4(203, 0, 113, 0));
	KUNIT_EXPECT_EQ(test, lo, 1276);
	KUNIT_EXPECT_EQ(test, hi, 1527);

	/* the last subscriber, 2001:db8:1ff:ff00::/56: .255, last block */
	t_addr6(&sub, 0x2001, 0x0db8, 0x01ff, 0xff00);
	nat64_det_forward(&d, &sub, &a, &lo, &hi);
	KUNIT_EXPECT_EQ(test, a, T_V4(203, 0, 113, 255));
	KUNIT_EXPECT_EQ(test, lo, 1024 + 255 * 252);
	KUNIT_EXPECT_EQ(test, hi, 1024 + 256 * 252 - 1);

	/* backwards: who had 203.0.113.7 port 23456? */
	KUNIT_ASSERT_TRUE(test, nat64_det_reverse(&d, T_V4(203, 0, 113, 7),
						  23456, &sub));
	/* (23456 - 1024) / 252 = 89; 89 * 256 + 7 = 22791 = 0x5907 */
	t_addr6(&want, 0x2001, 0x0db8, 0x0159, 0x0700);
	KUNIT_EXPECT_EQ(test, memcmp(&sub, &want, sizeof(sub)), 0);

	/* 64,512 - 256 * 252 = 0: every port is someone's; below lo none */
	KUNIT_EXPECT_FALSE(test, nat64_det_reverse(&d, T_V4(203, 0, 113, 7),
						   1023, &sub));
	KUNIT_EXPECT_FALSE(test, nat64_det_reverse(&d, T_V4(203, 0, 114, 7),
						   23456, &sub));
}

static void test_check(struct kunit *test)
{
	struct nat64_det d;

	t_carrier(&d);
	d.sub_len = 32;
	KUNIT_EXPECT_STREQ(test, nat64_det_check(&d),
		"the subscriber length is shorter than the subscriber range");
	t_carrier(&d);
	d.sub_len = 65;
	KUNIT_EXPECT_STREQ(test, nat64_det_check(&d),
			   "more than 2^24 subscribers in the range");
	t_carrier(&d);
	d.plen4 = 7;
	KUNIT_EXPECT_STREQ(test, nat64_det_check(&d),
			   "more than 2^24 IPv4 addresses");
	t_carrier(&d);
	d.prefix6.s6_addr[5] = 1;
	KUNIT_EXPECT_STREQ(test, nat64_det_check(&d),
		"the subscriber range has bits set past its length");
	t_carrier(&d);
	d.addr4 = T_V4(203, 0, 113, 1);
	KUNIT_EXPECT_STREQ(test, nat64_det_check(&d),
		"the IPv4 prefix has bits set past its length");
	t_carrier(&d);
	d.port_min = 2000;
	d.port_max = 1999;
	KUNIT_EXPECT_STREQ(test, nat64_det_check(&d),
		"the port range must be within 1-65535, low to high");
	t_carrier(&d);
	d.port_min = 0;
	KUNIT_EXPECT_NOT_NULL(test, nat64_det_check(&d));
	/* 256 subscribers an address need 256 ports */
	t_carrier(&d);
	d.port_max = 1024 + 254;
	KUNIT_EXPECT_STREQ(test, nat64_det_check(&d),
		"fewer ports than blocks per IPv4 address");
	d.port_max = 1024 + 255;
	KUNIT_EXPECT_NULL(test, nat64_det_check(&d));
	KUNIT_EXPECT_EQ(test, nat64_det_ports(&d), 1U);
	/* 256 subscribers an address need 256 blocks */
	t_carrier(&d);
	d.blocks = 255;
	KUNIT_EXPECT_STREQ(test, nat64_det_check(&d),
		"fewer blocks per IPv4 address than its subscribers");
	d.blocks = 64513;
	KUNIT_EXPECT_STREQ(test, nat64_det_check(&d),
		"fewer ports than blocks per IPv4 address");
	d.blocks = 64512;
	KUNIT_EXPECT_NULL(test, nat64_det_check(&d));
	KUNIT_EXPECT_EQ(test, nat64_det_ports(&d), 1U);
	/* one subscriber, one address, every port */
	t_carrier(&d);
	d.plen6 = 56;
	d.prefix6.s6_addr[5] = 0;
	d.plen4 = 32;
	KUNIT_EXPECT_NULL(test, nat64_det_check(&d));
	KUNIT_EXPECT_EQ(test, nat64_det_ports(&d), 64512U);
}

/*
 * 7422-1 and 7422-4: RFC 7422's example, one address 192.0.2.1, ports
 * above 1023 in C + D = 16 blocks of 4,032. Its subscribers are IPv4
 * hosts .1 to .14 of 198.51.100.0/28 (the network and broadcast
 * addresses skipped); ours are IPv6 prefixes, numbered from 0, so the
 * RFC's host h is our subscriber h - 1. Eight subscribers (a /125) leave
 * blocks 8-15 to nobody: the dynamic overflow of D > 0.
 */
static void test_7422_1_example(struct kunit *test)
{
	struct nat64_det d = { .plen6 = 124, .sub_len = 128, .plen4 = 32,
			       .port_min = 1024, .port_max = 65535,
			       .blocks = 16 };
	struct in6_addr sub, back;
	static const struct { u8 i; u16 lo, hi; } table[] = {
		{ 0, 1024, 5055 },	/* 198.51.100.1 */
		{ 1, 5056, 9087 },	/* 198.51.100.2 */
		{ 13, 53440, 57471 },	/* 198.51.100.14 */
	};
	unsigned int k;
	__be32 a;
	u16 lo, hi;

	t_addr6(&d.prefix6, 0x2001, 0x0db8, 0, 0);
	d.addr4 = T_V4(192, 0, 2, 1);
	KUNIT_ASSERT_NULL(test, nat64_det_check(&d));
	KUNIT_EXPECT_EQ(test, nat64_det_ports(&d), 4032U);
	for (k = 0; k < ARRAY_SIZE(table); k++) {
		sub = d.prefix6;
		sub.s6_addr[15] = table[k].i;
		nat64_det_forward(&d, &sub, &a, &lo, &hi);
		KUNIT_EXPECT_EQ(test, a, T_V4(192, 0, 2, 1));
		KUNIT_EXPECT_EQ(test, lo, table[k].lo);
		KUNIT_EXPECT_EQ(test, hi, table[k].hi);
		/* 7422-4: and back, from any port of the block */
		KUNIT_ASSERT_TRUE(test, nat64_det_reverse(&d, a, lo, &back));
		KUNIT_EXPECT_EQ(test, memcmp(&back, &sub, sizeof(sub)), 0);
		KUNIT_ASSERT_TRUE(test, nat64_det_reverse(&d, a, hi, &back));
		KUNIT_EXPECT_EQ(test, memcmp(&back, &sub, sizeof(sub)), 0);
	}
	/* E22: (192.0.2.1, 2001) -> the RFC's .1, our subscriber 0 */
	KUNIT_ASSERT_TRUE(test, nat64_det_reverse(&d, T_V4(192, 0, 2, 1),
						  2001, &back));
	KUNIT_EXPECT_EQ(test, back.s6_addr[15], 0);
	/* system ports are nobody's */
	KUNIT_EXPECT_FALSE(test, nat64_det_reverse(&d, T_V4(192, 0, 2, 1),
						   1023, &back));
	/* a /125: blocks 8-15 (33,280-65,535) are the overflow's */
	d.plen6 = 125;
	KUNIT_ASSERT_NULL(test, nat64_det_check(&d));
	KUNIT_EXPECT_TRUE(test, nat64_det_reverse(&d, T_V4(192, 0, 2, 1),
						  33279, &back));
	KUNIT_EXPECT_EQ(test, back.s6_addr[15], 7);
	KUNIT_EXPECT_FALSE(test, nat64_det_reverse(&d, T_V4(192, 0, 2, 1),
						   33280, &back));
	KUNIT_EXPECT_FALSE(test, nat64_det_reverse(&d, T_V4(192, 0, 2, 1),
						   58204, &back));
}

/* Subscriber number @i of @d as its /L prefix (bits past L zero). */
static void t_sub(const struct nat64_det *d, u32 i, struct in6_addr *a)
{
	unsigned int n = d->sub_len - d->plen6, k, b;

	*a = d->prefix6;
	for (k = 0; k < n; k++) {
		b = d->plen6 + n - 1 - k;
		if (i >> k & 1)
			a->s6_addr[b / 8] |= 1 << (7 - b % 8);
	}
}

/*
 * Every subscriber of @d forward, every (address, port) backward: no
 * port twice, each found again by the reverse formula, the ports nobody
 * has counted.
 */
static void t_brute(struct kunit *test, const struct nat64_det *d,
		    u32 want_unowned)
{
	u32 n = nat64_det_subs(d), m = nat64_det_addrs(d);
	u32 k = nat64_det_ports(d), i, ai, p, owned = 0, unowned = 0;
	u32 bits = m * 65536;
	u8 *map;
	struct in6_addr sub, back;
	__be32 a;
	u16 lo, hi;

	map = kunit_kzalloc(test, bits / 8, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, map);
	for (i = 0; i < n; i++) {
		t_sub(d, i, &sub);
		KUNIT_ASSERT_TRUE(test, nat64_det_contains6(d, &sub));
		nat64_det_forward(d, &sub, &a, &lo, &hi);
		KUNIT_ASSERT_TRUE(test, nat64_det_contains4(d, a));
		KUNIT_ASSERT_EQ(test, (u32)(hi - lo + 1), k);
		KUNIT_ASSERT_GE(test, lo, d->port_min);
		KUNIT_ASSERT_LE(test, hi, d->port_max);
		ai = ntohl(a) - ntohl(d->addr4);
		for (p = lo; p <= hi; p++) {
			u32 bit = ai * 65536 + p;
			u8 *w = &map[bit / 8];
			u8 mb = 1 << (bit % 8);

			KUNIT_ASSERT_FALSE_MSG(test, *w & mb,
					       "port %u of address %u twice", p, ai);
			*w |= mb;
			owned++;
		}
	}
	KUNIT_EXPECT_EQ(test, owned, n * k);
	for (ai = 0; ai < m; ai++) {
		a = htonl(ntohl(d->addr4) + ai);
		for (p = 0; p < 65536; p++) {
			u32 bit = ai * 65536 + p;
			bool mine = map[bit / 8] >> (bit % 8) & 1;

			if (!nat64_det_reverse(d, a, p, &back)) {
				KUNIT_ASSERT_FALSE_MSG(test, mine,
					"port %u of address %u lost", p, ai);
				if (p >= d->port_min && p <= d->port_max)
					unowned++;
				continue;
			}
			KUNIT_ASSERT_TRUE_MSG(test, mine,
				"port %u of address %u found but never given",
				p, ai);
			nat64_det_forward(d, &back, &a, &lo, &hi);
			KUNIT_ASSERT_EQ(test, ntohl(a) - ntohl(d->addr4), ai);
			KUNIT_ASSERT_TRUE(test, p >= lo && p <= hi);
		}
	}
	KUNIT_EXPECT_EQ(test, unowned, want_unowned);
}

/* 256 subscribers on 4 addresses, 1,000 ports: 15 each, 40 left over */
static void test_brute_small(struct kunit *test)
{
	struct nat64_det d = { .plen6 = 120, .sub_len = 128, .plen4 = 30,
			       .port_min = 1000, .port_max = 1999 };

	t_addr6(&d.prefix6, 0x2001, 0x0db8, 0, 0);
	d.addr4 = T_V4(192, 0, 2, 4);
	KUNIT_ASSERT_NULL(test, nat64_det_check(&d));
	KUNIT_EXPECT_EQ(test, nat64_det_ports(&d), 15U);
	t_brute(test, &d, 4 * (1000 - 64 * 15));
}

/* Blocks left for an overflow: 8 subscribers, 2 addresses of 8 blocks */
static void test_brute_overflow(struct kunit *test)
{
	struct nat64_det d = { .plen6 = 61, .sub_len = 64, .plen4 = 31,
			       .port_min = 2000, .port_max = 2999,
			       .blocks = 8 };

	t_addr6(&d.prefix6, 0x2001, 0x0db8, 0x0001, 0x0008);
	d.addr4 = T_V4(192, 0, 2, 2);
	KUNIT_ASSERT_NULL(test, nat64_det_check(&d));
	KUNIT_EXPECT_EQ(test, nat64_det_ports(&d), 125U);
	/* 8 subscribers: 4 blocks of each address, 4 left over on each */
	t_brute(test, &d, 2 * 4 * 125);
}

/* More addresses than subscribers: each alone on its address */
static void test_brute_sparse(struct kunit *test)
{
	struct nat64_det d = { .plen6 = 64, .sub_len = 66, .plen4 = 29,
			       .port_min = 1, .port_max = 65535 };

	t_addr6(&d.prefix6, 0x2001, 0x0db8, 0xaaaa, 0xbbbb);
	d.addr4 = T_V4(198, 51, 100, 8);
	KUNIT_ASSERT_NULL(test, nat64_det_check(&d));
	KUNIT_EXPECT_EQ(test, nat64_det_ports(&d), 65535U);
	/* addresses 4-7 belong to nobody */
	t_brute(test, &d, 4 * 65535);
}

/* A carrier's shape, scaled: 2^16 /56s over 16 addresses, 15 ports each */
static void test_brute_large(struct kunit *test)
{
	struct nat64_det d;

	t_carrier(&d);
	d.plen4 = 28;
	KUNIT_ASSERT_NULL(test, nat64_det_check(&d));
	KUNIT_EXPECT_EQ(test, nat64_det_ports(&d), 15U);
	/* 64,512 - 4,096 * 15 = 3,072 spare ports on each address */
	t_brute(test, &d, 16 * 3072);
}

static struct kunit_case nat64_det_cases[] = {
	KUNIT_CASE(test_sizes),
	KUNIT_CASE(test_worked_example),
	KUNIT_CASE(test_check),
	KUNIT_CASE(test_7422_1_example),
	KUNIT_CASE(test_brute_small),
	KUNIT_CASE(test_brute_sparse),
	KUNIT_CASE(test_brute_overflow),
	KUNIT_CASE(test_brute_large),
	{}
};

static struct kunit_suite nat64_det_suite = {
	.name = "nat64_det",
	.test_cases = nat64_det_cases,
};

kunit_test_suites(&nat64_det_suite);
