// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite nat64_rfc6052: IPv4-embedded IPv6 addresses (src/rfc6052.c).
 *
 * Case names carry the requirement ids of section 1 of
 * shared/reference/conformance.md (6052-1 ... 6052-14). Not testable at
 * this level: 6052-11 (a configuration-time warning, belongs to the config
 * code) and the packet checksums of 6052-12 (checksum code); for 6052-12
 * only the address property behind it is checked here.
 *
 * The same file builds as a kernel KUnit module and, through the shim in
 * tests/host/, as a host program.
 */
#include <kunit/test.h>
#include "../../src/rfc6052.h"

/* An IPv4 address in host byte order, written a.b.c.d. */
#define T_V4(a, b, c, d) (((u32)(a) << 24) | ((b) << 16) | ((c) << 8) | (d))

/* The reasons of nat64_prefix6_check(); they are part of its API. */
#define T_BAD_LEN	"prefix length must be 32, 40, 48, 56, 64 or 96"
#define T_BAD_U		"bits 64-71 (the u-octet) of a /96 prefix must be zero"
#define T_BAD_WKP	"the well-known prefix 64:ff9b::/96 is only valid as a /96"
#define T_BAD_HOST	"host bits set beyond the prefix length"

static const u8 t_lens[] = { 32, 40, 48, 56, 64, 96 };

/* ---- helpers: text <-> address, deterministic PRNG ---------------------- */

static int t_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parse one hex group at *s; -1 if there is none or it is too long. */
static int t_group(const char **s)
{
	int v = 0, digits = 0;

	for (; t_hex(**s) >= 0; (*s)++) {
		if (++digits > 4)
			return -1;
		v = v * 16 + t_hex(**s);
	}
	return digits ? v : -1;
}

/* Write groups g[0..n) into @out, with zeros in place of "::" at @gap. */
static void t_groups_to_addr(const int *g, int n, int gap,
			     struct in6_addr *out)
{
	int i, j = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n; i++, j++) {
		if (i == gap)
			j += 8 - n;
		out->s6_addr[2 * j] = g[i] >> 8;
		out->s6_addr[2 * j + 1] = g[i] & 0xff;
	}
}

/* A small inet_pton() for hex IPv6 text with at most one "::". */
static bool t_pton6(const char *s, struct in6_addr *out)
{
	int g[8], n = 0, gap = -1;

	if (s[0] == ':' && s[1] == ':') {
		gap = 0;
		s += 2;
	}
	while (*s) {
		if (n == 8)
			return false;
		g[n] = t_group(&s);
		if (g[n++] < 0)
			return false;
		if (*s == ':' && s[1] == ':' && gap < 0) {
			gap = n;
			s += 2;
		} else if (*s == ':' && s[1] && s[1] != ':') {
			s++;
		} else if (*s) {
			return false;
		}
	}
	if (gap < 0 ? n != 8 : n > 7)
		return false;
	t_groups_to_addr(g, n, gap < 0 ? 8 : gap, out);
	return true;
}

/* Uncompressed hex text, good enough to show two addresses side by side. */
static void t_ntop6(const struct in6_addr *a, char *buf, size_t size)
{
	const u8 *b = a->s6_addr;

	snprintf(buf, size, "%x:%x:%x:%x:%x:%x:%x:%x",
		 b[0] << 8 | b[1], b[2] << 8 | b[3], b[4] << 8 | b[5],
		 b[6] << 8 | b[7], b[8] << 8 | b[9], b[10] << 8 | b[11],
		 b[12] << 8 | b[13], b[14] << 8 | b[15]);
}

static struct nat64_prefix6 t_prefix(struct kunit *test, const char *s,
				     u8 len)
{
	struct nat64_prefix6 p = { .len = len };

	KUNIT_ASSERT_TRUE(test, t_pton6(s, &p.addr));
	return p;
}

static struct in6_addr t_addr(struct kunit *test, const char *s)
{
	struct in6_addr a;

	KUNIT_ASSERT_TRUE(test, t_pton6(s, &a));
	return a;
}

static void t_expect_addr(struct kunit *test, const struct in6_addr *got,
			  const char *want)
{
	struct in6_addr w = t_addr(test, want);
	char gs[48], ws[48];

	t_ntop6(got, gs, sizeof(gs));
	t_ntop6(&w, ws, sizeof(ws));
	KUNIT_EXPECT_STREQ(test, gs, ws);
}

/* NULL @want: the prefix must be accepted; else refused for that reason. */
static void t_expect_reason(struct kunit *test, const struct nat64_prefix6 *p,
			    const char *want)
{
	const char *got = nat64_prefix6_check(p);

	if (!want) {
		KUNIT_EXPECT_NULL_MSG(test, got, "/%u", p->len);
		return;
	}
	KUNIT_EXPECT_NOT_NULL_MSG(test, got, "/%u", p->len);
	if (got)
		KUNIT_EXPECT_STREQ_MSG(test, got, want, "/%u", p->len);
}

/* xorshift32: deterministic, the same on the host and in the kernel. */
static u32 t_rand(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return x;
}

/* First byte of the suffix (after the last IPv4 octet) for len < 96. */
static unsigned int t_suffix_start(u8 len)
{
	return len == 32 ? 9 : len / 8 + 5;
}

/* ---- RFC 6052 section 2.4 ------------------------------------------------ */

struct t_row {
	const char *prefix;
	u8 len;
	u32 v4;
	const char *v6;
};

/* The table of RFC 6052 section 2.4 (192.0.2.33 throughout), then the WKP. */
static const struct t_row t_rfc_table[] = {
	{ "2001:db8::", 32, T_V4(192, 0, 2, 33), "2001:db8:c000:221::" },
	{ "2001:db8:100::", 40, T_V4(192, 0, 2, 33), "2001:db8:1c0:2:21::" },
	{ "2001:db8:122::", 48, T_V4(192, 0, 2, 33),
	  "2001:db8:122:c000:2:2100::" },
	{ "2001:db8:122:300::", 56, T_V4(192, 0, 2, 33),
	  "2001:db8:122:3c0:0:221::" },
	{ "2001:db8:122:344::", 64, T_V4(192, 0, 2, 33),
	  "2001:db8:122:344:c0:2:2100::" },
	/* 2001:db8:122:344::192.0.2.33 */
	{ "2001:db8:122:344::", 96, T_V4(192, 0, 2, 33),
	  "2001:db8:122:344::c000:221" },
	/* 64:ff9b::192.0.2.33: the mechanics only, see 6052-9 for policy */
	{ "64:ff9b::", 96, T_V4(192, 0, 2, 33), "64:ff9b::c000:221" },
};

/* One row, both directions. */
static void t_check_row(struct kunit *test, const struct t_row *r)
{
	struct nat64_prefix6 p = t_prefix(test, r->prefix, r->len);
	struct in6_addr a = t_addr(test, r->v6), out;
	__be32 v4;

	t_expect_reason(test, &p, NULL);
	nat64_rfc6052_embed(&p, htonl(r->v4), &out);
	t_expect_addr(test, &out, r->v6);
	KUNIT_EXPECT_TRUE(test, nat64_prefix6_contains(&p, &a));
	KUNIT_ASSERT_EQ(test, nat64_rfc6052_extract(&p, &a, &v4), 0);
	KUNIT_EXPECT_EQ(test, ntohl(v4), r->v4);
}

static void t_expect_bytes(struct kunit *test, const struct in6_addr *a,
			   unsigned int off, const u8 *want, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, a->s6_addr[off + i], want[i],
				    "byte %u", off + i);
}

static void test_rfc6052_2_4_table(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t_rfc_table); i++)
		t_check_row(test, &t_rfc_table[i]);
}

/* 6052-2: /32 */
static void test_6052_2_len32(struct kunit *test)
{
	t_check_row(test, &t_rfc_table[0]);
}

/* 6052-3: /40, the IPv4 address is split around the u-octet. */
static void test_6052_3_len40(struct kunit *test)
{
	static const u8 want[] = { 0xc0, 0x00, 0x02, 0x00, 0x21 };
	struct nat64_prefix6 p = t_prefix(test, "2001:db8:100::", 40);
	struct in6_addr out;

	t_check_row(test, &t_rfc_table[1]);
	nat64_rfc6052_embed(&p, htonl(T_V4(192, 0, 2, 33)), &out);
	t_expect_bytes(test, &out, 5, want, sizeof(want));
}

/* 6052-4: /48 */
static void test_6052_4_len48(struct kunit *test)
{
	t_check_row(test, &t_rfc_table[2]);
}

/* 6052-5: /56 */
static void test_6052_5_len56(struct kunit *test)
{
	t_check_row(test, &t_rfc_table[3]);
}

/* 6052-6: /64, the IPv4 address is in bits 72-103, not 64-95. */
static void test_6052_6_len64(struct kunit *test)
{
	static const u8 want[] = { 0x00, 0xc0, 0x00, 0x02, 0x21, 0x00 };
	struct nat64_prefix6 p = t_prefix(test, "2001:db8:122:344::", 64);
	struct in6_addr out;

	t_check_row(test, &t_rfc_table[4]);
	nat64_rfc6052_embed(&p, htonl(T_V4(192, 0, 2, 33)), &out);
	t_expect_bytes(test, &out, 8, want, sizeof(want));
}

/* ---- prefix validation ---------------------------------------------------- */

/* 6052-1: only 32, 40, 48, 56, 64 and 96 are accepted. */
static void test_6052_1_lengths(struct kunit *test)
{
	static const u8 named[] = { 80, 100, 128, 0, 31, 33, 95, 97 };
	struct nat64_prefix6 p = t_prefix(test, "2001:db8::", 0);
	unsigned int len, i;

	for (i = 0; i < ARRAY_SIZE(named); i++) {
		p.len = named[i];
		t_expect_reason(test, &p, T_BAD_LEN);
	}
	for (len = 0; len <= 255; len++) {
		bool valid = memchr(t_lens, len, sizeof(t_lens));

		p.len = len;
		t_expect_reason(test, &p, valid ? NULL : T_BAD_LEN);
		KUNIT_EXPECT_EQ(test, nat64_prefix6_len_valid(len), valid);
	}
}

static void test_prefix_host_bits(struct kunit *test)
{
	struct nat64_prefix6 p;

	p = t_prefix(test, "2001:db8:100::", 32);
	t_expect_reason(test, &p, T_BAD_HOST);
	p = t_prefix(test, "2001:db8:122:344::1", 96);
	t_expect_reason(test, &p, T_BAD_HOST);
	p = t_prefix(test, "2001:db8:122:344::", 56);
	t_expect_reason(test, &p, T_BAD_HOST);
	p = t_prefix(test, "2001:db8:122:300::", 56);
	t_expect_reason(test, &p, NULL);
}

/* 6052-7: the u-octet is always zero; a /96 with bits 64-71 set is refused. */
static void test_6052_7_u_octet(struct kunit *test)
{
	static const u32 v4s[] = { 0, 0xffffffff, T_V4(192, 0, 2, 33) };
	struct nat64_prefix6 p = t_prefix(test, "2001:db8::", 32);
	struct in6_addr out;
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(t_lens) - 1; i++) {
		p.len = t_lens[i];
		for (j = 0; j < ARRAY_SIZE(v4s); j++) {
			nat64_rfc6052_embed(&p, htonl(v4s[j]), &out);
			KUNIT_EXPECT_EQ(test, out.s6_addr[8], 0);
		}
	}
	p = t_prefix(test, "2001:db8:0:0:ff00::", 96);
	t_expect_reason(test, &p, T_BAD_U);
	p = t_prefix(test, "2001:db8:0:0:100::", 96);
	t_expect_reason(test, &p, T_BAD_U);
	p = t_prefix(test, "2001:db8:0:0:ff::", 96);	/* byte 9 only */
	t_expect_reason(test, &p, NULL);
}

/* 6052-10: the WKP is valid only as a /96. */
static void test_6052_10_wkp_only_96(struct kunit *test)
{
	struct nat64_prefix6 p = t_prefix(test, "64:ff9b::", 96);
	unsigned int i;

	t_expect_reason(test, &p, NULL);
	KUNIT_EXPECT_TRUE(test, nat64_prefix6_is_wkp(&p));
	for (i = 0; i < ARRAY_SIZE(t_lens) - 1; i++) {
		p.len = t_lens[i];
		t_expect_reason(test, &p, T_BAD_WKP);
		KUNIT_EXPECT_FALSE(test, nat64_prefix6_is_wkp(&p));
	}
	p = t_prefix(test, "64:ff9b:0:0:0:1::", 96);	/* not the WKP */
	KUNIT_EXPECT_FALSE(test, nat64_prefix6_is_wkp(&p));
}

/* ---- extraction edge cases ------------------------------------------------- */

/* 6052-8: suffix bits are emitted as zero and ignored on input. */
static void test_6052_8_suffix(struct kunit *test)
{
	struct nat64_prefix6 p = t_prefix(test, "2001:db8:122:344::", 64);
	struct in6_addr a = t_addr(test, "2001:db8:122:344:c0:2:21ff:ffff");
	unsigned int i, k;
	__be32 v4;

	KUNIT_ASSERT_EQ(test, nat64_rfc6052_extract(&p, &a, &v4), 0);
	KUNIT_EXPECT_EQ(test, ntohl(v4), T_V4(192, 0, 2, 33));
	p = t_prefix(test, "2001:db8::", 32);
	for (i = 0; i < ARRAY_SIZE(t_lens) - 1; i++) {
		p.len = t_lens[i];
		nat64_rfc6052_embed(&p, htonl(0xffffffff), &a);
		for (k = t_suffix_start(p.len); k < 16; k++) {
			KUNIT_EXPECT_EQ_MSG(test, a.s6_addr[k], 0, "/%u", p.len);
			a.s6_addr[k] = 0xff;
		}
		KUNIT_ASSERT_EQ(test, nat64_rfc6052_extract(&p, &a, &v4), 0);
		KUNIT_EXPECT_EQ(test, ntohl(v4), 0xffffffffU);
	}
}

/* 6052-8 (unspecified case, our decision): non-zero u-octet is refused. */
static void test_6052_8_u_octet_input(struct kunit *test)
{
	static const u8 bad[] = { 0x01, 0x80, 0xff };
	struct nat64_prefix6 p = t_prefix(test, "2001:db8::", 32);
	struct in6_addr a;
	unsigned int i, j;
	__be32 v4;

	for (i = 0; i < ARRAY_SIZE(t_lens) - 1; i++) {
		p.len = t_lens[i];
		for (j = 0; j < ARRAY_SIZE(bad); j++) {
			nat64_rfc6052_embed(&p, htonl(T_V4(192, 0, 2, 33)), &a);
			a.s6_addr[8] = bad[j];
			KUNIT_EXPECT_EQ_MSG(test,
					    nat64_rfc6052_extract(&p, &a, &v4),
					    -EINVAL, "/%u", p.len);
		}
	}
	/* For a /96 byte 8 belongs to the prefix: the address is outside. */
	p = t_prefix(test, "64:ff9b::", 96);
	a = t_addr(test, "64:ff9b:0:0:100::c000:221");
	KUNIT_EXPECT_EQ(test, nat64_rfc6052_extract(&p, &a, &v4), -ENOENT);
}

static void test_extract_outside_and_invalid(struct kunit *test)
{
	struct nat64_prefix6 p = t_prefix(test, "2001:db8:64::", 96);
	struct in6_addr a = t_addr(test, "2001:db8:65::c633:6401"), out;
	__be32 v4;

	KUNIT_EXPECT_EQ(test, nat64_rfc6052_extract(&p, &a, &v4), -ENOENT);
	a = t_addr(test, "2001:db8:64::c633:6401");
	p.len = 80;
	KUNIT_EXPECT_EQ(test, nat64_rfc6052_extract(&p, &a, &v4), -EINVAL);
	nat64_rfc6052_embed(&p, htonl(T_V4(198, 51, 100, 1)), &out);
	t_expect_addr(test, &out, "::");
}

/* The baseline configuration of conformance.md. */
static void test_baseline_config(struct kunit *test)
{
	static const struct t_row row = {
		"2001:db8:64::", 96, T_V4(198, 51, 100, 1),
		"2001:db8:64::c633:6401"
	};
	struct nat64_prefix6 p = t_prefix(test, row.prefix, row.len);

	t_check_row(test, &row);
	KUNIT_EXPECT_TRUE(test, nat64_rfc6052_allowed(&p, htonl(row.v4),
						      false));
}

/* ---- contains, is_global ----------------------------------------------------- */

struct t_contains {
	const char *prefix;
	u8 len;
	const char *addr;
	bool in;
};

static const struct t_contains t_contains_table[] = {
	{ "64:ff9b::", 96, "64:ff9b::1", true },
	{ "64:ff9b::", 96, "64:ff9b::ffff:ffff", true },
	{ "64:ff9b::", 96, "64:ff9b:0:0:1::", false },
	{ "64:ff9b::", 96, "64:ff9b:1::", false },
	{ "2001:db8::", 32, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true },
	{ "2001:db8::", 32, "2001:db9::", false },
	{ "2001:db8:100::", 40, "2001:db8:1ff:ffff::", true },
	{ "2001:db8:100::", 40, "2001:db8:200::", false },
	{ "2001:db8:100::", 40, "2001:db8:ff::", false },
	{ "2001:db8:122:344::", 64, "2001:db8:122:344:ffff::", true },
	{ "2001:db8:122:344::", 64, "2001:db8:122:345::", false },
	{ "2001:db8::", 33, "2001:db8:7fff::", true },	/* any length */
	{ "2001:db8::", 33, "2001:db8:8000::", false },
	{ "64:ff9b::", 96, "64:ff9b::c000:201", true },	/* the second word */
	{ "64:ff9b::", 96, "64:ff9b::1:0:1", false },
	{ "2001:db8::8000:0:0:0", 65, "2001:db8::bfff:0:0:1", true },
	{ "2001:db8::8000:0:0:0", 65, "2001:db8::4000:0:0:0", false },
	{ "2001:db8::8000:0:0:0", 65, "2001:db9::8000:0:0:0", false },
	{ "::", 0, "2001:db8::1", true },
	{ "2001:db8::1", 128, "2001:db8::1", true },
	{ "2001:db8::1", 128, "2001:db8::", false },
	{ "::", 129, "::", false },			/* nonsense length */
};

static void test_contains(struct kunit *test)
{
	const struct t_contains *c;
	struct nat64_prefix6 p;
	struct in6_addr a;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t_contains_table); i++) {
		c = &t_contains_table[i];
		p = t_prefix(test, c->prefix, c->len);
		a = t_addr(test, c->addr);
		KUNIT_EXPECT_EQ_MSG(test, nat64_prefix6_contains(&p, &a), c->in,
				    "%s/%u %s", c->prefix, c->len, c->addr);
	}
}

struct t_global {
	u32 addr;
	bool global;
};

/* First and last address of each block, and the neighbours outside it. */
static const struct t_global t_global_table[] = {
	{ T_V4(0, 0, 0, 0), false }, { T_V4(0, 255, 255, 255), false },
	{ T_V4(1, 0, 0, 0), true },
	{ T_V4(9, 255, 255, 255), true },
	{ T_V4(10, 0, 0, 0), false }, { T_V4(10, 255, 255, 255), false },
	{ T_V4(11, 0, 0, 0), true },
	{ T_V4(100, 63, 255, 255), true },
	{ T_V4(100, 64, 0, 0), false }, { T_V4(100, 127, 255, 255), false },
	{ T_V4(100, 128, 0, 0), true },
	{ T_V4(126, 255, 255, 255), true },
	{ T_V4(127, 0, 0, 0), false }, { T_V4(127, 255, 255, 255), false },
	{ T_V4(128, 0, 0, 0), true },
	{ T_V4(169, 253, 255, 255), true },
	{ T_V4(169, 254, 0, 0), false }, { T_V4(169, 254, 255, 255), false },
	{ T_V4(169, 255, 0, 0), true },
	{ T_V4(172, 15, 255, 255), true },
	{ T_V4(172, 16, 0, 0), false }, { T_V4(172, 31, 255, 255), false },
	{ T_V4(172, 32, 0, 0), true },
	{ T_V4(191, 255, 255, 255), true },
	{ T_V4(192, 0, 0, 0), false }, { T_V4(192, 0, 0, 255), false },
	{ T_V4(192, 0, 1, 0), true },
	{ T_V4(192, 0, 1, 255), true },
	{ T_V4(192, 0, 2, 0), false }, { T_V4(192, 0, 2, 255), false },
	{ T_V4(192, 0, 3, 0), true },
	{ T_V4(192, 88, 98, 255), true },
	{ T_V4(192, 88, 99, 0), false }, { T_V4(192, 88, 99, 255), false },
	{ T_V4(192, 88, 100, 0), true },
	{ T_V4(192, 167, 255, 255), true },
	{ T_V4(192, 168, 0, 0), false }, { T_V4(192, 168, 255, 255), false },
	{ T_V4(192, 169, 0, 0), true },
	{ T_V4(198, 17, 255, 255), true },
	{ T_V4(198, 18, 0, 0), false }, { T_V4(198, 19, 255, 255), false },
	{ T_V4(198, 20, 0, 0), true },
	{ T_V4(198, 51, 99, 255), true },
	{ T_V4(198, 51, 100, 0), false }, { T_V4(198, 51, 100, 255), false },
	{ T_V4(198, 51, 101, 0), true },
	{ T_V4(203, 0, 112, 255), true },
	{ T_V4(203, 0, 113, 0), false }, { T_V4(203, 0, 113, 255), false },
	{ T_V4(203, 0, 114, 0), true },
	{ T_V4(223, 255, 255, 255), true },
	{ T_V4(224, 0, 0, 0), false }, { T_V4(239, 255, 255, 255), false },
	{ T_V4(240, 0, 0, 0), false }, { T_V4(255, 255, 255, 254), false },
	{ T_V4(255, 255, 255, 255), false },
	{ T_V4(8, 8, 8, 8), true },
};

static void test_ipv4_is_global(struct kunit *test)
{
	const struct t_global *g;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t_global_table); i++) {
		g = &t_global_table[i];
		KUNIT_EXPECT_EQ_MSG(test, nat64_ipv4_is_global(htonl(g->addr)),
				    g->global, "%u.%u.%u.%u", g->addr >> 24,
				    (g->addr >> 16) & 0xff,
				    (g->addr >> 8) & 0xff, g->addr & 0xff);
	}
}

/* ---- RFC 6052 section 3.1: the WKP and non-global addresses --------------- */

/* One address from each non-global block of RFC 5735 section 3. */
static const u32 t_nonglobal[] = {
	T_V4(10, 1, 2, 3), T_V4(172, 16, 0, 1), T_V4(172, 31, 255, 254),
	T_V4(192, 168, 1, 1), T_V4(0, 0, 0, 1), T_V4(100, 64, 0, 1),
	T_V4(127, 0, 0, 1), T_V4(169, 254, 1, 1), T_V4(192, 0, 0, 9),
	T_V4(192, 0, 2, 33), T_V4(192, 88, 99, 1), T_V4(198, 18, 0, 1),
	T_V4(198, 51, 100, 1), T_V4(203, 0, 113, 1), T_V4(224, 0, 0, 1),
	T_V4(240, 0, 0, 1), T_V4(255, 255, 255, 255),
};

/* 6052-9: WKP + non-global is refused in both directions. */
static void test_6052_9_wkp_nonglobal(struct kunit *test)
{
	struct nat64_prefix6 wkp = t_prefix(test, "64:ff9b::", 96);
	struct in6_addr a = t_addr(test, "64:ff9b::a01:203");
	unsigned int i;
	__be32 v4;

	/* 6->4: IPv6 dst 64:ff9b::10.1.2.3 */
	KUNIT_ASSERT_EQ(test, nat64_rfc6052_extract(&wkp, &a, &v4), 0);
	KUNIT_EXPECT_EQ(test, ntohl(v4), T_V4(10, 1, 2, 3));
	KUNIT_EXPECT_FALSE(test, nat64_rfc6052_allowed(&wkp, v4, false));
	for (i = 0; i < ARRAY_SIZE(t_nonglobal); i++) {
		v4 = htonl(t_nonglobal[i]);
		/* 4->6: IPv4 src arriving at a WKP translator */
		KUNIT_EXPECT_FALSE_MSG(test,
				       nat64_rfc6052_allowed(&wkp, v4, false),
				       "#%u", i);
		/* 6->4: the synthesized address, extracted again */
		nat64_rfc6052_embed(&wkp, v4, &a);
		KUNIT_ASSERT_EQ(test, nat64_rfc6052_extract(&wkp, &a, &v4), 0);
		KUNIT_EXPECT_FALSE(test, nat64_rfc6052_allowed(&wkp, v4, false));
	}
}

/* 6052-14: the knob lifts the 6052-9 restriction, and only when set. */
static void test_6052_14_knob(struct kunit *test)
{
	struct nat64_prefix6 wkp = t_prefix(test, "64:ff9b::", 96);
	unsigned int i;

	__be32 v4;

	for (i = 0; i < ARRAY_SIZE(t_nonglobal); i++) {
		v4 = htonl(t_nonglobal[i]);
		KUNIT_EXPECT_TRUE_MSG(test,
				      nat64_rfc6052_allowed(&wkp, v4, true),
				      "#%u", i);
	}
}

/* 6052-13: 64:ff9b:1::/48 (RFC 8215) is an ordinary NSP. */
static void test_6052_13_local_use(struct kunit *test)
{
	static const struct t_row rows[] = {
		{ "64:ff9b:1::", 96, T_V4(10, 1, 2, 3), "64:ff9b:1::a01:203" },
		{ "64:ff9b:1::", 48, T_V4(10, 1, 2, 3),
		  "64:ff9b:1:a01:2:300::" },
	};
	struct nat64_prefix6 p;
	unsigned int i;
	__be32 v4;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		p = t_prefix(test, rows[i].prefix, rows[i].len);
		v4 = htonl(rows[i].v4);
		t_check_row(test, &rows[i]);
		KUNIT_EXPECT_FALSE(test, nat64_prefix6_is_wkp(&p));
		KUNIT_EXPECT_TRUE(test, nat64_rfc6052_allowed(&p, v4, false));
	}
}

static void test_allowed(struct kunit *test)
{
	struct nat64_prefix6 wkp = t_prefix(test, "64:ff9b::", 96);
	struct nat64_prefix6 nsp = t_prefix(test, "2001:db8:64::", 96);
	__be32 priv = htonl(T_V4(10, 1, 2, 3));
	__be32 pub = htonl(T_V4(8, 8, 8, 8));

	KUNIT_EXPECT_FALSE(test, nat64_rfc6052_allowed(&wkp, priv, false));
	KUNIT_EXPECT_TRUE(test, nat64_rfc6052_allowed(&wkp, priv, true));
	KUNIT_EXPECT_TRUE(test, nat64_rfc6052_allowed(&wkp, pub, false));
	KUNIT_EXPECT_TRUE(test, nat64_rfc6052_allowed(&nsp, priv, false));
	KUNIT_EXPECT_TRUE(test, nat64_rfc6052_allowed(&nsp, pub, false));
}

/* ---- 6052-12: checksum neutrality is a property of the prefix ------------- */

/* One's complement sum of big-endian 16-bit words, 0xffff folded to 0. */
static u16 t_csum(const u8 *b, unsigned int n)
{
	u32 sum = 0;
	unsigned int i;

	for (i = 0; i < n; i += 2)
		sum += b[i] << 8 | b[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum == 0xffff ? 0 : sum;
}

static void test_6052_12_checksum_neutrality(struct kunit *test)
{
	struct nat64_prefix6 wkp = t_prefix(test, "64:ff9b::", 96);
	struct nat64_prefix6 nsp = t_prefix(test, "2001:db8:122:344::", 64);
	struct in6_addr a;
	u32 state = 12, i;
	__be32 v4;

	for (i = 0; i < 1000; i++) {
		v4 = htonl(i ? t_rand(&state) : 0);
		nat64_rfc6052_embed(&wkp, v4, &a);
		KUNIT_EXPECT_EQ(test, t_csum(a.s6_addr, 16),
				t_csum((const u8 *)&v4, 4));
	}
	/* An NSP is not neutral: translators must update the checksum. */
	v4 = htonl(T_V4(192, 0, 2, 33));
	nat64_rfc6052_embed(&nsp, v4, &a);
	KUNIT_EXPECT_NE(test, t_csum(a.s6_addr, 16), t_csum((const u8 *)&v4, 4));
}

/* ---- randomised round trip against a bit-by-bit reference ------------------ */

static void t_setbit(struct in6_addr *a, unsigned int bit, bool v)
{
	if (v)
		a->s6_addr[bit / 8] |= 0x80 >> (bit % 8);
}

static bool t_getbit(const u8 *b, unsigned int bit)
{
	return b[bit / 8] & (0x80 >> (bit % 8));
}

/* RFC 6052 section 2.2 read literally: prefix, v4 bits, skip bits 64-71. */
static void t_ref_embed(const struct nat64_prefix6 *p, u32 v4,
			struct in6_addr *out)
{
	unsigned int i, bit;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < p->len; i++)
		t_setbit(out, i, t_getbit(p->addr.s6_addr, i));
	for (i = 0, bit = p->len; i < 32; i++, bit++) {
		if (bit == 64)
			bit = 72;
		t_setbit(out, bit, (v4 >> (31 - i)) & 1);
	}
}

static struct nat64_prefix6 t_rand_prefix(u32 *state, u8 len)
{
	struct nat64_prefix6 p = { .len = len };
	unsigned int i;

	for (i = 0; i < 16; i++)
		p.addr.s6_addr[i] = i < len / 8 ? t_rand(state) : 0;
	if (len == 96)
		p.addr.s6_addr[8] = 0;
	return p;
}

static void t_round_trip(struct kunit *test, u32 *state, u8 len)
{
	struct nat64_prefix6 p = t_rand_prefix(state, len);
	struct in6_addr got, ref;
	char gs[48], rs[48];
	u32 v4 = t_rand(state);
	__be32 back;

	KUNIT_ASSERT_NULL(test, nat64_prefix6_check(&p));
	nat64_rfc6052_embed(&p, htonl(v4), &got);
	t_ref_embed(&p, v4, &ref);
	if (memcmp(&got, &ref, sizeof(got))) {
		t_ntop6(&got, gs, sizeof(gs));
		t_ntop6(&ref, rs, sizeof(rs));
		KUNIT_EXPECT_STREQ(test, gs, rs);
	}
	KUNIT_EXPECT_EQ(test, got.s6_addr[8], 0);
	KUNIT_EXPECT_TRUE(test, nat64_prefix6_contains(&p, &got));
	KUNIT_ASSERT_EQ(test, nat64_rfc6052_extract(&p, &got, &back), 0);
	KUNIT_EXPECT_EQ(test, ntohl(back), v4);
}

static void test_round_trip_random(struct kunit *test)
{
	u32 state = 6052;
	unsigned int i, n;

	for (i = 0; i < ARRAY_SIZE(t_lens); i++)
		for (n = 0; n < 4096; n++)
			t_round_trip(test, &state, t_lens[i]);
}

static struct kunit_case nat64_rfc6052_cases[] = {
	KUNIT_CASE(test_rfc6052_2_4_table),
	KUNIT_CASE(test_6052_1_lengths),
	KUNIT_CASE(test_6052_2_len32),
	KUNIT_CASE(test_6052_3_len40),
	KUNIT_CASE(test_6052_4_len48),
	KUNIT_CASE(test_6052_5_len56),
	KUNIT_CASE(test_6052_6_len64),
	KUNIT_CASE(test_6052_7_u_octet),
	KUNIT_CASE(test_6052_8_suffix),
	KUNIT_CASE(test_6052_8_u_octet_input),
	KUNIT_CASE(test_6052_9_wkp_nonglobal),
	KUNIT_CASE(test_6052_10_wkp_only_96),
	KUNIT_CASE(test_6052_12_checksum_neutrality),
	KUNIT_CASE(test_6052_13_local_use),
	KUNIT_CASE(test_6052_14_knob),
	KUNIT_CASE(test_prefix_host_bits),
	KUNIT_CASE(test_extract_outside_and_invalid),
	KUNIT_CASE(test_baseline_config),
	KUNIT_CASE(test_contains),
	KUNIT_CASE(test_ipv4_is_global),
	KUNIT_CASE(test_allowed),
	KUNIT_CASE(test_round_trip_random),
	{}
};

static struct kunit_suite nat64_rfc6052_suite = {
	.name = "nat64_rfc6052",
	.test_cases = nat64_rfc6052_cases,
};

kunit_test_suites(&nat64_rfc6052_suite);
