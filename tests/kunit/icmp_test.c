// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite nat64_icmp: the RFC 7915 ICMP tables and MTU formulas of
 * src/icmp.c, row by row from section 2 of shared/reference/conformance.md
 * (items 7915-15..22 and 7915-45..48, worked examples E6, E7 and E8).
 * Whole-packet ICMP translation is in the nat64_xlat suite.
 *
 * The same file builds as a kernel KUnit module and, through the shim in
 * tests/host/, as a host program.
 */
#include <kunit/test.h>
#include "../../src/icmp.h"

#define DROP	0xffff	/* expected: no counterpart */

struct t_map_row {
	u8 type, code;
	u16 want_type;		/* DROP: -EINVAL expected */
	u8 want_code;
	u8 rest;
};

static void t_rows46(struct kunit *test, const struct t_map_row *r,
		     unsigned int n)
{
	struct nat64_icmp_xl x;
	unsigned int i;
	int err;

	for (i = 0; i < n; i++, r++) {
		err = nat64_icmp_46(r->type, r->code, 0, &x);
		if (r->want_type == DROP) {
			KUNIT_EXPECT_EQ_MSG(test, err, -EINVAL, "%u/%u",
					    r->type, r->code);
			continue;
		}
		KUNIT_ASSERT_EQ_MSG(test, err, 0, "%u/%u", r->type, r->code);
		KUNIT_EXPECT_EQ_MSG(test, x.type, r->want_type, "%u/%u",
				    r->type, r->code);
		KUNIT_EXPECT_EQ_MSG(test, x.code, r->want_code, "%u/%u",
				    r->type, r->code);
		KUNIT_EXPECT_EQ_MSG(test, x.rest, r->rest, "%u/%u",
				    r->type, r->code);
	}
}

static void t_rows64(struct kunit *test, const struct t_map_row *r,
		     unsigned int n)
{
	struct nat64_icmp_xl x;
	unsigned int i;
	int err;

	for (i = 0; i < n; i++, r++) {
		err = nat64_icmp_64(r->type, r->code, 0, &x);
		if (r->want_type == DROP) {
			KUNIT_EXPECT_EQ_MSG(test, err, -EINVAL, "%u/%u",
					    r->type, r->code);
			continue;
		}
		KUNIT_ASSERT_EQ_MSG(test, err, 0, "%u/%u", r->type, r->code);
		KUNIT_EXPECT_EQ_MSG(test, x.type, r->want_type, "%u/%u",
				    r->type, r->code);
		KUNIT_EXPECT_EQ_MSG(test, x.code, r->want_code, "%u/%u",
				    r->type, r->code);
		KUNIT_EXPECT_EQ_MSG(test, x.rest, r->rest, "%u/%u",
				    r->type, r->code);
	}
}

#define ZERO	NAT64_ICMP_REST_ZERO
#define ECHO	NAT64_ICMP_REST_ECHO
#define PTR	NAT64_ICMP_REST_PTR
#define MTU	NAT64_ICMP_REST_MTU

/* 7915-15: echo 8 -> 128, 0 -> 129; identifier and sequence copied. */
static void test_7915_15_echo_46(struct kunit *test)
{
	static const struct t_map_row rows[] = {
		{ 8, 0, 128, 0, ECHO },
		{ 0, 0, 129, 0, ECHO },
	};
	struct nat64_icmp_xl x;

	t_rows46(test, rows, ARRAY_SIZE(rows));
	KUNIT_ASSERT_EQ(test, nat64_icmp_46(8, 0, 0, &x), 0);
	KUNIT_EXPECT_FALSE(test, x.error);
}

/* 7915-16: every other informational and obsolete type is dropped. */
static void test_7915_16_drop_46(struct kunit *test)
{
	static const u8 types[] = {
		13, 14, 15, 16, 17, 18, 9, 10, 4, 5, 6,
		1, 2, 7, 19, 30, 37, 40, 42, 43, 253, 255,
	};
	struct nat64_icmp_xl x;
	unsigned int i, code;

	for (i = 0; i < ARRAY_SIZE(types); i++)
		for (code = 0; code < 4; code++)
			KUNIT_EXPECT_EQ_MSG(test,
					    nat64_icmp_46(types[i], code, 0, &x),
					    -EINVAL, "type %u", types[i]);
}

/* 7915-17: the Destination Unreachable code map, every code. */
static void test_7915_17_unreach_46(struct kunit *test)
{
	static const struct t_map_row rows[] = {
		{ 3, 0, 1, 0, ZERO }, { 3, 1, 1, 0, ZERO },
		{ 3, 3, 1, 4, ZERO }, { 3, 5, 1, 0, ZERO },
		{ 3, 6, 1, 0, ZERO }, { 3, 7, 1, 0, ZERO },
		{ 3, 8, 1, 0, ZERO }, { 3, 9, 1, 1, ZERO },
		{ 3, 10, 1, 1, ZERO }, { 3, 11, 1, 0, ZERO },
		{ 3, 12, 1, 0, ZERO }, { 3, 13, 1, 1, ZERO },
		{ 3, 14, DROP, 0, 0 }, { 3, 15, 1, 1, ZERO },
		{ 3, 16, DROP, 0, 0 }, { 3, 99, DROP, 0, 0 }, { 3, 255, DROP, 0, 0 },
	};

	t_rows46(test, rows, ARRAY_SIZE(rows));
}

/* 7915-18 (E8): protocol unreachable -> parameter problem 4/1, pointer 6. */
static void test_7915_18_proto_unreach(struct kunit *test)
{
	struct nat64_icmp_xl x;

	KUNIT_ASSERT_EQ(test, nat64_icmp_46(3, 2, 0, &x), 0);
	KUNIT_EXPECT_EQ(test, x.type, 4);
	KUNIT_EXPECT_EQ(test, x.code, 1);
	KUNIT_EXPECT_EQ(test, x.rest, PTR);
	KUNIT_EXPECT_EQ(test, x.ptr, 6);
	KUNIT_EXPECT_TRUE(test, x.error);
}

/* 7915-19: fragmentation needed -> packet too big, with an MTU. */
static void test_7915_19_frag_needed_46(struct kunit *test)
{
	static const struct t_map_row rows[] = { { 3, 4, 2, 0, MTU } };

	t_rows46(test, rows, ARRAY_SIZE(rows));
}

struct t_mtu_row {
	u32 mtu, inner_tl, nh6, nh4;
	bool plateaus;
	u32 want;
};

/* 7915-19 (E6): max(1280, min(MTU + 20, MTU6_nexthop, MTU4_nexthop + 20)) */
static void test_7915_19_mtu_formula(struct kunit *test)
{
	static const struct t_mtu_row rows[] = {
		{ 1400, 1500, 1500, 1500, true, 1420 },	/* E6 */
		{ 1400, 1500, 0, 0, true, 1420 },	/* unknown next hops */
		{ 1500, 1600, 1400, 1500, true, 1400 },	/* IPv6 next hop */
		{ 1500, 1600, 1500, 1300, true, 1320 },	/* IPv4 next hop */
		{ 1000, 1500, 1500, 1500, true, 1280 },	/* floor */
		{ 1260, 1500, 0, 0, true, 1280 },
		{ 1261, 1500, 0, 0, true, 1281 },
		{ 9000, 9000, 0, 0, true, 9020 },
		{ 65535, 65535, 0, 0, true, 65555 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    nat64_icmp_mtu_46(rows[i].mtu,
						      rows[i].inner_tl,
						      rows[i].nh6, rows[i].nh4,
						      rows[i].plateaus),
				    rows[i].want, "row %u", i);
}

/* 7915-20 (E6): MTU 0 -> the largest RFC 1191 plateau below the inner TL. */
static void test_7915_20_plateaus(struct kunit *test)
{
	static const struct t_mtu_row rows[] = {
		{ 0, 1400, 1500, 1500, true, 1280 },	/* E6: 1006 + 20 */
		{ 0, 1300, 0, 0, true, 1280 },
		{ 0, 1500, 0, 0, true, 1512 },		/* 1492 + 20 */
		{ 0, 1493, 0, 0, true, 1512 },
		{ 0, 1492, 0, 0, true, 1280 },		/* 1006: below */
		{ 0, 2002, 0, 0, true, 1512 },
		{ 0, 2003, 0, 0, true, 2022 },
		{ 0, 8000, 0, 0, true, 4372 },
		{ 0, 65535, 0, 0, true, 32020 },
		{ 0, 1500, 1500, 0, true, 1500 },	/* then the min */
		{ 0, 68, 0, 0, true, 1280 },		/* no plateau */
		{ 0, 0, 0, 0, true, 1280 },
		{ 0, 9000, 0, 0, false, 1280 },		/* knob off */
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    nat64_icmp_mtu_46(rows[i].mtu,
						      rows[i].inner_tl,
						      rows[i].nh6, rows[i].nh4,
						      rows[i].plateaus),
				    rows[i].want, "row %u", i);
}

/* 7915-21: time exceeded 11 -> 3, code unchanged. */
static void test_7915_21_time_exceeded_46(struct kunit *test)
{
	static const struct t_map_row rows[] = {
		{ 11, 0, 3, 0, ZERO }, { 11, 1, 3, 1, ZERO },
		{ 11, 2, DROP, 0, 0 }, { 11, 255, DROP, 0, 0 },
	};

	t_rows46(test, rows, ARRAY_SIZE(rows));
}

/* 7915-22: figure 3, every IPv4 pointer 0..255. */
static void test_7915_22_pointer_46(struct kunit *test)
{
	struct nat64_icmp_xl x;
	unsigned int p;
	int want, err;

	for (p = 0; p < 256; p++) {
		if (p <= 1)
			want = p;
		else if (p <= 3)
			want = 4;
		else if (p == 8)
			want = 7;
		else if (p == 9)
			want = 6;
		else if (p >= 12 && p <= 15)
			want = 8;
		else if (p >= 16 && p <= 19)
			want = 24;
		else
			want = -1;
		KUNIT_EXPECT_EQ_MSG(test, nat64_icmp_ptr_46(p), want, "ptr %u",
				    p);
		err = nat64_icmp_46(12, 0, p, &x);
		KUNIT_EXPECT_EQ_MSG(test, err, want < 0 ? -EINVAL : 0,
				    "ptr %u", p);
		if (!err) {
			KUNIT_EXPECT_EQ(test, x.type, 4);
			KUNIT_EXPECT_EQ(test, x.code, 0);
			KUNIT_EXPECT_EQ(test, x.rest, PTR);
			KUNIT_EXPECT_EQ(test, x.ptr, (u32)want);
		}
	}
}

/* 7915-22: parameter problem codes 0 and 2 translate; 1 and others drop. */
static void test_7915_22_codes_46(struct kunit *test)
{
	struct nat64_icmp_xl x;

	KUNIT_EXPECT_EQ(test, nat64_icmp_46(12, 0, 9, &x), 0);
	KUNIT_EXPECT_EQ(test, x.ptr, 6);
	KUNIT_EXPECT_EQ(test, nat64_icmp_46(12, 2, 12, &x), 0);
	KUNIT_EXPECT_EQ(test, x.type, 4);
	KUNIT_EXPECT_EQ(test, x.code, 0);
	KUNIT_EXPECT_EQ(test, x.ptr, 8);
	KUNIT_EXPECT_EQ(test, nat64_icmp_46(12, 1, 0, &x), -EINVAL);
	KUNIT_EXPECT_EQ(test, nat64_icmp_46(12, 3, 0, &x), -EINVAL);
}

/* E8: the six rows of the worked example. */
static void test_e8_pointers(struct kunit *test)
{
	struct nat64_icmp_xl x;

	KUNIT_ASSERT_EQ(test, nat64_icmp_46(12, 0, 8, &x), 0);
	KUNIT_EXPECT_EQ(test, x.type, 4);
	KUNIT_EXPECT_EQ(test, x.code, 0);
	KUNIT_EXPECT_EQ(test, x.ptr, 7);
	KUNIT_EXPECT_EQ(test, nat64_icmp_46(12, 0, 4, &x), -EINVAL);
	KUNIT_ASSERT_EQ(test, nat64_icmp_46(3, 2, 0, &x), 0);
	KUNIT_EXPECT_EQ(test, x.type, 4);
	KUNIT_EXPECT_EQ(test, x.code, 1);
	KUNIT_EXPECT_EQ(test, x.ptr, 6);
	KUNIT_ASSERT_EQ(test, nat64_icmp_64(4, 0, 24, &x), 0);
	KUNIT_EXPECT_EQ(test, x.type, 12);
	KUNIT_EXPECT_EQ(test, x.code, 0);
	KUNIT_EXPECT_EQ(test, x.ptr, 16);
	KUNIT_ASSERT_EQ(test, nat64_icmp_64(4, 1, 0, &x), 0);
	KUNIT_EXPECT_EQ(test, x.type, 3);
	KUNIT_EXPECT_EQ(test, x.code, 2);
	KUNIT_EXPECT_EQ(test, nat64_icmp_64(4, 0, 2, &x), -EINVAL);
}

/* 7915-46: echo 128 -> 8, 129 -> 0. */
static void test_7915_46_echo_64(struct kunit *test)
{
	static const struct t_map_row rows[] = {
		{ 128, 0, 8, 0, ECHO },
		{ 129, 0, 0, 0, ECHO },
	};

	t_rows64(test, rows, ARRAY_SIZE(rows));
}

/* 7915-46: MLD, ND and unknown informational messages are dropped. */
static void test_7915_46_info_drop_64(struct kunit *test)
{
	struct nat64_icmp_xl x;
	unsigned int t;

	for (t = 130; t < 256; t++)
		KUNIT_EXPECT_EQ_MSG(test, nat64_icmp_64(t, 0, 0, &x), -EINVAL,
				    "type %u", t);
	/* unknown error types too */
	for (t = 5; t < 128; t++)
		KUNIT_EXPECT_EQ_MSG(test, nat64_icmp_64(t, 0, 0, &x), -EINVAL,
				    "type %u", t);
	KUNIT_EXPECT_EQ(test, nat64_icmp_64(0, 0, 0, &x), -EINVAL);
}

/* 7915-47: the Destination Unreachable code map, PTB, time exceeded. */
static void test_7915_47_unreach_64(struct kunit *test)
{
	static const struct t_map_row rows[] = {
		{ 1, 0, 3, 1, ZERO }, { 1, 1, 3, 10, ZERO },
		{ 1, 2, 3, 1, ZERO }, { 1, 3, 3, 1, ZERO },
		{ 1, 4, 3, 3, ZERO }, { 1, 5, DROP, 0, 0 }, { 1, 6, DROP, 0, 0 },
		{ 1, 7, DROP, 0, 0 }, { 1, 255, DROP, 0, 0 },
		{ 2, 0, 3, 4, MTU },
		{ 3, 0, 11, 0, ZERO }, { 3, 1, 11, 1, ZERO },
		{ 3, 2, DROP, 0, 0 },
	};

	t_rows64(test, rows, ARRAY_SIZE(rows));
}

struct t_mtu64_row {
	u32 mtu6, nh4, nh6, want;
};

/* 7915-47 (E7): min(MTU6 - 20, MTU4_nexthop, MTU6_nexthop - 20). */
static void test_7915_47_mtu_formula(struct kunit *test)
{
	static const struct t_mtu64_row rows[] = {
		{ 1400, 1500, 1500, 1380 },	/* E7 */
		{ 1500, 1400, 1500, 1400 },
		{ 1500, 1500, 1400, 1380 },
		{ 1400, 0, 0, 1380 },		/* unknown next hops */
		{ 1280, 0, 0, 1260 },
		{ 9000, 0, 9000, 8980 },
		{ 100000, 0, 0, 65535 },	/* 16-bit field */
		{ 40, 0, 0, 68 },		/* RFC 791 floor */
		{ 0, 0, 0, 68 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    nat64_icmp_mtu_64(rows[i].mtu6, rows[i].nh4,
						      rows[i].nh6),
				    rows[i].want, "row %u", i);
}

/* 7915-48: figure 6, every IPv6 pointer 0..63 and some large ones. */
static void test_7915_48_pointer_64(struct kunit *test)
{
	static const u32 big[] = { 40, 41, 255, 256, 65536, 0xffffffff };
	struct nat64_icmp_xl x;
	unsigned int p, i;
	int want, err;

	for (p = 0; p < 64; p++) {
		if (p <= 1)
			want = p;
		else if (p == 4 || p == 5)
			want = 2;
		else if (p == 6)
			want = 9;
		else if (p == 7)
			want = 8;
		else if (p >= 8 && p <= 23)
			want = 12;
		else if (p >= 24 && p <= 39)
			want = 16;
		else
			want = -1;
		KUNIT_EXPECT_EQ_MSG(test, nat64_icmp_ptr_64(p), want, "ptr %u",
				    p);
		err = nat64_icmp_64(4, 0, p, &x);
		KUNIT_EXPECT_EQ_MSG(test, err, want < 0 ? -EINVAL : 0,
				    "ptr %u", p);
		if (!err) {
			KUNIT_EXPECT_EQ(test, x.type, 12);
			KUNIT_EXPECT_EQ(test, x.code, 0);
			KUNIT_EXPECT_EQ(test, x.ptr, (u32)want);
		}
	}
	for (i = 0; i < ARRAY_SIZE(big); i++)
		KUNIT_EXPECT_EQ(test, nat64_icmp_ptr_64(big[i]), -1);
}

/* 7915-48: code 1 -> 3/2, code 2 and others dropped. */
static void test_7915_48_codes_64(struct kunit *test)
{
	static const struct t_map_row rows[] = {
		{ 4, 1, 3, 2, ZERO }, { 4, 2, DROP, 0, 0 }, { 4, 3, DROP, 0, 0 },
		{ 4, 255, DROP, 0, 0 },
	};

	t_rows64(test, rows, ARRAY_SIZE(rows));
}

/* 7915-25, 7915-49: what counts as an error (no error about an error). */
static void test_7915_25_is_error(struct kunit *test)
{
	unsigned int t;

	for (t = 0; t < 256; t++) {
		bool e4 = t == 3 || t == 4 || t == 5 || t == 11 || t == 12;

		KUNIT_EXPECT_EQ_MSG(test, nat64_icmp4_is_error(t), e4,
				    "v4 %u", t);
		KUNIT_EXPECT_EQ_MSG(test, nat64_icmp6_is_error(t), t < 128,
				    "v6 %u", t);
	}
}

/* 7915-5: DF=1 too big for the IPv6 next hop -> MTU = next hop - 20. */
static void test_7915_5_fn_mtu(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, nat64_icmp_fn_mtu(1280), 1260);
	KUNIT_EXPECT_EQ(test, nat64_icmp_fn_mtu(1500), 1480);
	KUNIT_EXPECT_EQ(test, nat64_icmp_fn_mtu(9000), 8980);
	KUNIT_EXPECT_EQ(test, nat64_icmp_fn_mtu(100000), 65535);
	KUNIT_EXPECT_EQ(test, nat64_icmp_fn_mtu(10), 68);
}

/* 7915-45: PTB MTU = max(1280, IPv4 next hop + 20). */
static void test_7915_45_ptb_mtu(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, nat64_icmp_ptb_mtu(1500), 1520);
	KUNIT_EXPECT_EQ(test, nat64_icmp_ptb_mtu(1400), 1420);
	KUNIT_EXPECT_EQ(test, nat64_icmp_ptb_mtu(1260), 1280);
	KUNIT_EXPECT_EQ(test, nat64_icmp_ptb_mtu(1261), 1281);
	KUNIT_EXPECT_EQ(test, nat64_icmp_ptb_mtu(1000), 1280);
	KUNIT_EXPECT_EQ(test, nat64_icmp_ptb_mtu(68), 1280);
}

/* Every ICMPv4 type/code: a translation is sane (type known, errors). */
static void test_all_46_consistent(struct kunit *test)
{
	struct nat64_icmp_xl x;
	unsigned int t, c;

	for (t = 0; t < 256; t++) {
		for (c = 0; c < 256; c++) {
			if (nat64_icmp_46(t, c, 0, &x))
				continue;
			KUNIT_EXPECT_TRUE(test, x.type == 1 || x.type == 2 ||
					  x.type == 3 || x.type == 4 ||
					  x.type == 128 || x.type == 129);
			KUNIT_EXPECT_EQ(test, x.error,
					nat64_icmp4_is_error(t));
			KUNIT_EXPECT_EQ(test, x.error,
					nat64_icmp6_is_error(x.type));
		}
	}
}

/* Every ICMPv6 type/code: the same, the other way. */
static void test_all_64_consistent(struct kunit *test)
{
	struct nat64_icmp_xl x;
	unsigned int t, c;

	for (t = 0; t < 256; t++) {
		for (c = 0; c < 256; c++) {
			if (nat64_icmp_64(t, c, 0, &x))
				continue;
			KUNIT_EXPECT_TRUE(test, x.type == 0 || x.type == 3 ||
					  x.type == 8 || x.type == 11 ||
					  x.type == 12);
			KUNIT_EXPECT_EQ(test, x.error,
					nat64_icmp6_is_error(t));
			KUNIT_EXPECT_EQ(test, x.error,
					nat64_icmp4_is_error(x.type));
		}
	}
}

static struct kunit_case nat64_icmp_cases[] = {
	KUNIT_CASE(test_7915_15_echo_46),
	KUNIT_CASE(test_7915_16_drop_46),
	KUNIT_CASE(test_7915_17_unreach_46),
	KUNIT_CASE(test_7915_18_proto_unreach),
	KUNIT_CASE(test_7915_19_frag_needed_46),
	KUNIT_CASE(test_7915_19_mtu_formula),
	KUNIT_CASE(test_7915_20_plateaus),
	KUNIT_CASE(test_7915_21_time_exceeded_46),
	KUNIT_CASE(test_7915_22_pointer_46),
	KUNIT_CASE(test_7915_22_codes_46),
	KUNIT_CASE(test_e8_pointers),
	KUNIT_CASE(test_7915_46_echo_64),
	KUNIT_CASE(test_7915_46_info_drop_64),
	KUNIT_CASE(test_7915_47_unreach_64),
	KUNIT_CASE(test_7915_47_mtu_formula),
	KUNIT_CASE(test_7915_48_pointer_64),
	KUNIT_CASE(test_7915_48_codes_64),
	KUNIT_CASE(test_7915_25_is_error),
	KUNIT_CASE(test_7915_5_fn_mtu),
	KUNIT_CASE(test_7915_45_ptb_mtu),
	KUNIT_CASE(test_all_46_consistent),
	KUNIT_CASE(test_all_64_consistent),
	{}
};

static struct kunit_suite nat64_icmp_suite = {
	.name = "nat64_icmp",
	.test_cases = nat64_icmp_cases,
};

kunit_test_suites(&nat64_icmp_suite);
