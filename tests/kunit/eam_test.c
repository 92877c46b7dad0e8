// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite nat64_eam: the Explicit Address Mapping table (mod/eam.c).
 *
 * Case names carry the requirement ids of shared/reference/conformance.md
 * section 4 (7757-*). The vectors are those of RFC 7757 (figure 1 and
 * appendix B). Not checked here: 7757-1 (an omitted length means /32 or
 * /128) belongs to the command line and is checked by tests/e2e/50-eam.sh;
 * 7757-3, -4 (the fallback to pool6), -7 and -8 belong to the packet path.
 *
 * A randomised case compares the table with a deliberately naive
 * reference (a linear scan for the longest prefix, bit-by-bit suffix copy)
 * over thousands of entries and lookups; another looks entries up from a
 * second thread while the table grows, shrinks and rebuilds itself.
 */
/* nat64-kunit: kernel-only (links mod/eam.c; tests/host skips this file) */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/inet.h>
#include <linux/kthread.h>
#include <linux/prandom.h>
#include <linux/slab.h>
#include <linux/math64.h>
#include <linux/timekeeping.h>
#include <net/ipv6.h>

#include "../../mod/eam.h"

/* The reasons of nat64_eam_check() and the table's refusals. */
#define T_7757_2	"IPv4 suffix longer than the IPv6 suffix: 32 - LEN4 must not exceed 128 - LEN6 (RFC 7757 section 3.2)"
#define T_HOST4		"host bits set beyond the IPv4 prefix length"
#define T_HOST6		"host bits set beyond the IPv6 prefix length"
#define T_DUP4		"an EAM entry has that IPv4 prefix"
#define T_DUP6		"an EAM entry has that IPv6 prefix"
#define T_FULL		"the EAM table is full (100000 entries)"

/* A string to compare, never NULL. */
#define T_MSG(s)	((s) ? (s) : "(no message)")

struct t_ctx {
	struct mutex lock;
	struct nat64_eam_table *t;
};

static int t_init(struct kunit *test)
{
	struct t_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	if (!c)
		return -ENOMEM;
	mutex_init(&c->lock);
	c->t = nat64_eam_alloc(&c->lock);
	if (!c->t)
		return -ENOMEM;
	test->priv = c;
	return 0;
}

static void t_exit(struct kunit *test)
{
	struct t_ctx *c = test->priv;

	/* Entries deleted by the case may still wait for a grace period. */
	synchronize_rcu();
	nat64_eam_free(c->t);
	mutex_destroy(&c->lock);
}

/* ---- text to addresses ---------------------------------------------------- */

static __be32 t_v4(struct kunit *test, const char *s)
{
	__be32 a;

	KUNIT_ASSERT_TRUE_MSG(test, in4_pton(s, -1, (u8 *)&a, -1, NULL), "%s", s);
	return a;
}

static struct in6_addr t_v6(struct kunit *test, const char *s)
{
	struct in6_addr a;

	KUNIT_ASSERT_TRUE_MSG(test, in6_pton(s, -1, a.s6_addr, -1, NULL), "%s", s);
	return a;
}

/* "ADDR/LEN" or "ADDR" (the full length) into an address and a length. */
static void t_prefix(struct kunit *test, const char *s, bool six, void *addr,
		     u8 *len)
{
	char buf[64];
	char *slash;

	KUNIT_ASSERT_GT(test, strscpy(buf, s, sizeof(buf)), 0);
	slash = strchr(buf, '/');
	*len = six ? 128 : 32;
	if (slash) {
		*slash = '\0';
		KUNIT_ASSERT_EQ_MSG(test, kstrtou8(slash + 1, 10, len), 0, "%s", s);
	}
	if (six)
		*(struct in6_addr *)addr = t_v6(test, buf);
	else
		*(__be32 *)addr = t_v4(test, buf);
}

static struct nat64_eam t_eam(struct kunit *test, const char *p4,
			      const char *p6)
{
	struct nat64_eam m = {};

	t_prefix(test, p4, false, &m.p4, &m.l4);
	t_prefix(test, p6, true, &m.p6, &m.l6);
	return m;
}

/* ---- the table, under its lock ------------------------------------------- */

/* Adds p4 <-> p6; returns the errno, and the ack text in *msg. */
static int t_add_msg(struct kunit *test, const char *p4, const char *p6,
		     const char **msg)
{
	struct t_ctx *c = test->priv;
	struct netlink_ext_ack extack = {};
	struct nat64_eam m = t_eam(test, p4, p6);
	int err;

	mutex_lock(&c->lock);
	err = nat64_eam_add(c->t, &m, &extack);
	mutex_unlock(&c->lock);
	if (msg)
		*msg = extack._msg;
	return err;
}

static void t_add(struct kunit *test, const char *p4, const char *p6)
{
	KUNIT_ASSERT_EQ_MSG(test, t_add_msg(test, p4, p6, NULL), 0,
			    "add %s %s", p4, p6);
}

static int t_del(struct kunit *test, const char *p4, const char *p6,
		 const char **msg)
{
	struct t_ctx *c = test->priv;
	struct netlink_ext_ack extack = {};
	struct nat64_eam m = {};
	unsigned int which = 0;
	int err;

	if (p4) {
		t_prefix(test, p4, false, &m.p4, &m.l4);
		which |= NAT64_EAM_V4;
	}
	if (p6) {
		t_prefix(test, p6, true, &m.p6, &m.l6);
		which |= NAT64_EAM_V6;
	}
	mutex_lock(&c->lock);
	err = nat64_eam_del(c->t, &m, which, &extack);
	mutex_unlock(&c->lock);
	if (msg)
		*msg = extack._msg;
	return err;
}

/* Expects @in4 to translate to @out6, or to have no entry (@out6 NULL). */
static void t_46(struct kunit *test, const char *in4, const char *out6)
{
	struct t_ctx *c = test->priv;
	struct in6_addr got, want;
	bool found;

	rcu_read_lock();
	found = nat64_eam_46_rcu(c->t, t_v4(test, in4), &got);
	rcu_read_unlock();
	if (!out6) {
		KUNIT_EXPECT_FALSE_MSG(test, found, "%s -> %pI6c", in4, &got);
		return;
	}
	want = t_v6(test, out6);
	KUNIT_ASSERT_TRUE_MSG(test, found, "%s: no entry", in4);
	KUNIT_EXPECT_TRUE_MSG(test, ipv6_addr_equal(&got, &want),
			      "%s -> %pI6c, not %s", in4, &got, out6);
}

static void t_64(struct kunit *test, const char *in6, const char *out4)
{
	struct t_ctx *c = test->priv;
	struct in6_addr a = t_v6(test, in6);
	__be32 got;
	bool found;

	rcu_read_lock();
	found = nat64_eam_64_rcu(c->t, &a, &got);
	rcu_read_unlock();
	if (!out4) {
		KUNIT_EXPECT_FALSE_MSG(test, found, "%s -> %pI4", in6, &got);
		return;
	}
	KUNIT_ASSERT_TRUE_MSG(test, found, "%s: no entry", in6);
	KUNIT_EXPECT_EQ_MSG(test, ntohl(got), ntohl(t_v4(test, out4)),
			    "%s -> %pI4, not %s", in6, &got, out4);
}

static unsigned int t_count(struct kunit *test)
{
	struct t_ctx *c = test->priv;

	return nat64_eam_count(c->t);
}

/* ---- configuration ---------------------------------------------------------- */

/* 7757-2: the IPv4 suffix must fit in the IPv6 suffix. */
static void test_7757_2_suffix_lengths(struct kunit *test)
{
	static const struct {
		const char *p4, *p6, *why;
	} cases[] = {
		{ "192.0.2.0/24", "2001:db8::/125", T_7757_2 },	/* the RFC's */
		{ "192.0.2.0/24", "2001:db8::/121", T_7757_2 },
		{ "192.0.2.0/24", "2001:db8::/120", NULL },	/* 8 bits in 8 */
		{ "198.51.100.0/24", "2001:db8:1::/64", NULL },
		{ "0.0.0.0/0", "::/96", NULL },			/* 32 in 32 */
		{ "0.0.0.0/0", "64::/97", T_7757_2 },
		{ "203.0.113.7", "2001:db8:7::7", NULL },	/* /32, /128 */
		{ "203.0.113.8", "2001:db8:8::/0", T_HOST6 },
		{ "203.0.113.9/32", "::/0", NULL },		/* 0 bits in 128 */
	};
	const char *msg;
	unsigned int i, n = 0;
	int err, want;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct nat64_eam m = t_eam(test, cases[i].p4, cases[i].p6);

		if (cases[i].why)
			KUNIT_EXPECT_STREQ_MSG(test, T_MSG(nat64_eam_check(&m)),
					       cases[i].why, "%s %s",
					       cases[i].p4, cases[i].p6);
		else
			KUNIT_EXPECT_PTR_EQ_MSG(test, nat64_eam_check(&m), NULL,
						"%s %s", cases[i].p4, cases[i].p6);
		want = 0;
		if (cases[i].why)
			want = -EINVAL;
		err = t_add_msg(test, cases[i].p4, cases[i].p6, &msg);
		KUNIT_EXPECT_EQ_MSG(test, err, want, "%s %s", cases[i].p4,
				    cases[i].p6);
		if (cases[i].why)
			KUNIT_EXPECT_STREQ(test, T_MSG(msg), cases[i].why);
		else
			n++;
	}
	KUNIT_EXPECT_EQ(test, t_count(test), n);
}

static void test_host_bits_and_lengths(struct kunit *test)
{
	static const struct {
		const char *p4, *p6, *why;
	} cases[] = {
		{ "192.0.2.1/24", "2001:db8::/120", T_HOST4 },
		{ "192.0.2.128/24", "2001:db8::/120", T_HOST4 },
		{ "0.0.0.1/0", "2001:db8::/96", T_HOST4 },
		{ "192.0.2.0/24", "2001:db8::1/120", T_HOST6 },
		{ "192.0.2.0/24", "2001:db8::80/120", T_HOST6 },
		{ "192.0.2.0/24", "2001:db8:0:0:8000::/64", T_HOST6 },
		{ "192.0.2.0/24", "2001:db8::/120", NULL },
		{ "192.0.2.0/33", "2001:db8::/120", "IPv4 prefix length must be 0-32" },
		{ "192.0.2.0/24", "2001:db8::/129", "IPv6 prefix length must be 0-128" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct nat64_eam m = t_eam(test, cases[i].p4, cases[i].p6);
		const char *why = nat64_eam_check(&m);

		if (cases[i].why)
			KUNIT_EXPECT_STREQ_MSG(test, T_MSG(why), cases[i].why, "%s %s",
					       cases[i].p4, cases[i].p6);
		else
			KUNIT_EXPECT_PTR_EQ(test, why, NULL);
	}
}

/* 7757-9: identical prefixes are refused (the MAY); overlaps are not. */
static void test_7757_9_identical_refused(struct kunit *test)
{
	const char *msg;

	t_add(test, "192.0.2.0/24", "2001:db8:1::/120");
	KUNIT_EXPECT_EQ(test, t_add_msg(test, "192.0.2.0/24", "2001:db8:2::/120",
					&msg), -EEXIST);
	KUNIT_EXPECT_STREQ(test, T_MSG(msg), T_DUP4);
	KUNIT_EXPECT_EQ(test, t_add_msg(test, "198.51.100.0/24",
					"2001:db8:1::/120", &msg), -EEXIST);
	KUNIT_EXPECT_STREQ(test, T_MSG(msg), T_DUP6);
	KUNIT_EXPECT_EQ(test, t_add_msg(test, "192.0.2.0/24", "2001:db8:1::/120",
					&msg), -EEXIST);
	/* Same address, other length: a different prefix, an overlap. */
	t_add(test, "192.0.2.0/25", "2001:db8:3::/121");
	t_add(test, "198.51.100.0/24", "2001:db8:1::/119");
	KUNIT_EXPECT_EQ(test, t_count(test), 3);
	t_46(test, "192.0.2.5", "2001:db8:3::5");
	t_46(test, "192.0.2.133", "2001:db8:1::85");
}

/* ---- translation ------------------------------------------------------------ */

/* The EAMT of RFC 7757 figure 1. */
static void t_fig1(struct kunit *test)
{
	t_add(test, "192.0.2.1", "2001:db8:aaaa::");
	t_add(test, "192.0.2.2/32", "2001:db8:bbbb::b/128");
	t_add(test, "192.0.2.16/28", "2001:db8:cccc::/124");
	t_add(test, "192.0.2.128/26", "2001:db8:dddd::/64");
	t_add(test, "192.0.2.192/29", "2001:db8:eeee:8::/62");
	t_add(test, "192.0.2.224/31", "64:ff9b::/127");
}

/* 7757-5: the vectors of RFC 7757 appendix B, both ways. */
static void test_7757_5_rfc_vectors(struct kunit *test)
{
	static const struct {
		const char *v4, *v6;
	} vec[] = {
		{ "192.0.2.1", "2001:db8:aaaa::" },
		{ "192.0.2.2", "2001:db8:bbbb::b" },
		{ "192.0.2.24", "2001:db8:cccc::8" },
		{ "192.0.2.16", "2001:db8:cccc::" },
		{ "192.0.2.31", "2001:db8:cccc::f" },
		{ "192.0.2.152", "2001:db8:dddd:0:6000::" },
		{ "192.0.2.128", "2001:db8:dddd::" },
		{ "192.0.2.191", "2001:db8:dddd:0:fc00::" },
		{ "192.0.2.195", "2001:db8:eeee:9:8000::" },
		{ "192.0.2.192", "2001:db8:eeee:8::" },
		{ "192.0.2.199", "2001:db8:eeee:b:8000::" },
		{ "192.0.2.225", "64:ff9b::1" },
		{ "192.0.2.224", "64:ff9b::" },
	};
	unsigned int i;

	t_fig1(test);
	for (i = 0; i < ARRAY_SIZE(vec); i++) {
		t_46(test, vec[i].v4, vec[i].v6);
		t_64(test, vec[i].v6, vec[i].v4);
	}
	/* No entry: the caller falls back to RFC 6052 (7757-4). */
	t_46(test, "192.0.2.248", NULL);
	t_46(test, "192.0.2.3", NULL);
	t_64(test, "64:ff9b::c000:2f8", NULL);
	t_64(test, "2001:db8:bbbb::c", NULL);
}

/* 7757-6: IPv6 to IPv4 leaves the bits after the suffix behind. */
static void test_7757_6_trailing_bits(struct kunit *test)
{
	t_fig1(test);
	t_64(test, "2001:db8:dddd:0:6fff:ffff:ffff:ffff", "192.0.2.155");
	t_64(test, "2001:db8:dddd:0:0:ffff:ffff:ffff", "192.0.2.128");
	t_64(test, "2001:db8:dddd:0:ffff:ffff:ffff:ffff", "192.0.2.191");
	t_64(test, "2001:db8:eeee:b:ffff::1", "192.0.2.199");
	t_64(test, "2001:db8:eeee:8:7fff::", "192.0.2.192");
	t_64(test, "2001:db8:cccc::", "192.0.2.16");
	/* Inside a /128 there is nothing to leave behind; /124 has 4 bits. */
	t_64(test, "2001:db8:aaaa::1", NULL);
}

/* 7757-4: the longest prefix wins, on both sides. */
static void test_7757_4_longest_prefix(struct kunit *test)
{
	t_add(test, "10.0.0.0/8", "2001:db8:a::/104");
	t_add(test, "10.1.0.0/16", "2001:db8:b::/112");
	t_add(test, "10.1.2.0/24", "2001:db8:b:1::/120");
	t_add(test, "10.1.2.3", "2001:db8:c::1");
	t_add(test, "0.0.0.0/0", "2001:db8:ffff::/96");
	t_46(test, "10.2.3.4", "2001:db8:a::2:304");
	t_46(test, "10.1.5.6", "2001:db8:b::506");
	t_46(test, "10.1.2.4", "2001:db8:b:1::4");
	t_46(test, "10.1.2.3", "2001:db8:c::1");
	t_46(test, "11.0.0.1", "2001:db8:ffff::b00:1");
	t_64(test, "2001:db8:b::506", "10.1.5.6");
	t_64(test, "2001:db8:b:1::4", "10.1.2.4");
	t_64(test, "2001:db8:ffff::b00:1", "11.0.0.1");

	/* Overlapping IPv6 prefixes. */
	t_add(test, "198.51.100.0/24", "2001:db8::/32");
	t_add(test, "203.0.113.0/24", "2001:db8:1::/48");
	t_64(test, "2001:db8:1:ab00::", "203.0.113.171");
	t_64(test, "2001:db8:2:ab00::", "198.51.100.0");
	t_64(test, "2001:db8:ab00::", "198.51.100.171");
	t_46(test, "203.0.113.171", "2001:db8:1:ab00::");

	/* Without the /16, its addresses fall to the /8. */
	KUNIT_ASSERT_EQ(test, t_del(test, "10.1.0.0/16", NULL, NULL), 0);
	t_46(test, "10.1.5.6", "2001:db8:a::1:506");
	t_46(test, "10.1.2.4", "2001:db8:b:1::4");
	t_64(test, "2001:db8:b::506", "198.51.100.0");	/* the /32 now */
}

/* ---- deletion, flush, limit ------------------------------------------------ */

static void test_delete(struct kunit *test)
{
	const char *msg;

	t_fig1(test);
	KUNIT_EXPECT_EQ(test, t_count(test), 6);
	/* By the IPv4 prefix, by the IPv6 prefix, by both. */
	KUNIT_EXPECT_EQ(test, t_del(test, "192.0.2.16/28", NULL, NULL), 0);
	KUNIT_EXPECT_EQ(test, t_del(test, NULL, "2001:db8:dddd::/64", NULL), 0);
	KUNIT_EXPECT_EQ(test, t_del(test, "192.0.2.1", "2001:db8:aaaa::", NULL), 0);
	KUNIT_EXPECT_EQ(test, t_count(test), 3);
	t_46(test, "192.0.2.24", NULL);
	t_64(test, "2001:db8:cccc::8", NULL);
	t_46(test, "192.0.2.152", NULL);
	t_64(test, "2001:db8:dddd:0:6000::", NULL);
	t_46(test, "192.0.2.1", NULL);
	t_46(test, "192.0.2.2", "2001:db8:bbbb::b");

	/* Refusals change nothing. */
	KUNIT_EXPECT_EQ(test, t_del(test, "192.0.2.16/28", NULL, &msg), -ENOENT);
	KUNIT_EXPECT_STREQ(test, T_MSG(msg), "no EAM entry has that IPv4 prefix");
	KUNIT_EXPECT_EQ(test, t_del(test, NULL, "2001:db8:cccc::/124", &msg),
			-ENOENT);
	KUNIT_EXPECT_STREQ(test, T_MSG(msg), "no EAM entry has that IPv6 prefix");
	KUNIT_EXPECT_EQ(test, t_del(test, "192.0.2.2", "2001:db8:eeee:8::/62",
				    &msg), -ENOENT);
	KUNIT_EXPECT_STREQ(test, T_MSG(msg),
			   "no EAM entry maps that IPv4 prefix to that IPv6 prefix");
	KUNIT_EXPECT_EQ(test, t_del(test, "192.0.2.0/24", NULL, NULL), -ENOENT);
	KUNIT_EXPECT_EQ(test, t_del(test, "192.0.2.3/24", NULL, &msg), -EINVAL);
	KUNIT_EXPECT_STREQ(test, T_MSG(msg), T_HOST4);
	KUNIT_EXPECT_EQ(test, t_del(test, NULL, NULL, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, t_count(test), 3);

	/* Deleted prefixes can be added again, with other partners. */
	t_add(test, "192.0.2.16/28", "2001:db8:aaaa::/124");
	t_46(test, "192.0.2.24", "2001:db8:aaaa::8");
	KUNIT_EXPECT_EQ(test, t_count(test), 4);
}

static void test_flush(struct kunit *test)
{
	struct t_ctx *c = test->priv;
	char p4[32], p6[64];
	unsigned int i;

	for (i = 0; i < 1000; i++) {
		snprintf(p4, sizeof(p4), "10.0.%u.%u", i / 256, i % 256);
		snprintf(p6, sizeof(p6), "2001:db8::%x", i);
		t_add(test, p4, p6);
	}
	KUNIT_EXPECT_EQ(test, t_count(test), 1000);
	t_46(test, "10.0.3.231", "2001:db8::3e7");
	mutex_lock(&c->lock);
	nat64_eam_flush(c->t);
	nat64_eam_flush(c->t);		/* an empty table too */
	mutex_unlock(&c->lock);
	KUNIT_EXPECT_EQ(test, t_count(test), 0);
	t_46(test, "10.0.3.231", NULL);
	t_64(test, "2001:db8::3e7", NULL);
	t_add(test, "10.0.3.231", "2001:db8::1");
	t_46(test, "10.0.3.231", "2001:db8::1");
}

/*
 * The filters that end a lookup before any probe: what they let through
 * must still be found (a /8 sets the bits of all its /16s; an IPv6 prefix
 * shorter than /48 turns the IPv6 filter off while it is in the table),
 * after deletions (their bits stay) and after a flush (the bits go, and
 * come back with the next entries).
 */
static void test_filter(struct kunit *test)
{
	struct t_ctx *c = test->priv;

	t_add(test, "192.0.2.1", "2001:db8:1::1");
	t_46(test, "192.0.2.1", "2001:db8:1::1");
	t_64(test, "2001:db8:1::1", "192.0.2.1");
	t_46(test, "198.51.100.1", NULL);
	t_64(test, "2001:db8:64::c633:6401", NULL);
	t_64(test, "2001:db8:1::2", NULL);

	t_add(test, "10.0.0.0/8", "2001:db8:aa00::/40");
	/* the suffix follows the prefix: bits 40-63 */
	t_46(test, "10.0.0.1", "2001:db8:aa00:1::");
	t_46(test, "10.200.1.2", "2001:db8:aac8:102::");
	t_46(test, "10.255.255.255", "2001:db8:aaff:ffff::");
	t_64(test, "2001:db8:aac8:102::", "10.200.1.2");
	t_64(test, "2001:db8:aac8:102::5", "10.200.1.2");
	t_46(test, "11.0.0.1", NULL);

	KUNIT_EXPECT_EQ(test, t_del(test, "10.0.0.0/8", NULL, NULL), 0);
	t_46(test, "10.200.1.2", NULL);
	t_64(test, "2001:db8:aac8:102::", NULL);
	t_46(test, "192.0.2.1", "2001:db8:1::1");
	t_64(test, "2001:db8:1::1", "192.0.2.1");

	t_add(test, "203.0.113.0/24", "2001:db8:cafe::/120");
	t_46(test, "203.0.113.9", "2001:db8:cafe::9");
	t_64(test, "2001:db8:cafe::9", "203.0.113.9");

	mutex_lock(&c->lock);
	nat64_eam_flush(c->t);
	mutex_unlock(&c->lock);
	t_46(test, "192.0.2.1", NULL);
	t_64(test, "2001:db8:cafe::9", NULL);
	t_add(test, "192.0.2.1", "2001:db8:2::1");
	t_46(test, "192.0.2.1", "2001:db8:2::1");
	t_64(test, "2001:db8:2::1", "192.0.2.1");
}

/* The limit, and a walk in parts of the whole table (a netlink dump). */
struct t_walk {
	unsigned int seen, room;
	u32 next;		/* the IPv4 address expected next */
	bool in_order;
};

static int t_walk_fn(const struct nat64_eam *m, void *arg)
{
	struct t_walk *w = arg;

	if (!w->room)
		return -EMSGSIZE;
	w->room--;
	if (ntohl(m->p4) != w->next || m->l4 != 32 || m->l6 != 128)
		w->in_order = false;
	w->next++;
	w->seen++;
	return 0;
}

static void test_limit_and_walk(struct kunit *test)
{
	struct t_ctx *c = test->priv;
	struct t_walk w = { .next = 0x0a000000, .in_order = true };
	struct nat64_eam_cursor cur = {};
	struct netlink_ext_ack extack = {};
	struct nat64_eam m = {};
	unsigned int i, parts = 0;
	int err = 0;
	u32 gen = 0;

	m.l4 = 32;
	m.l6 = 128;
	m.p6 = t_v6(test, "2001:db8::");
	mutex_lock(&c->lock);
	for (i = 0; i < NAT64_EAM_MAX && !err; i++) {
		m.p4 = htonl(0x0a000000 + i);
		m.p6.s6_addr32[3] = htonl(i);
		err = nat64_eam_add(c->t, &m, NULL);
		cond_resched();
	}
	KUNIT_EXPECT_EQ(test, err, 0);
	m.p4 = htonl(0x0b000000);
	m.p6.s6_addr32[3] = htonl(0xffffffff);
	KUNIT_EXPECT_EQ(test, nat64_eam_add(c->t, &m, &extack), -ENOSPC);
	KUNIT_EXPECT_STREQ(test, T_MSG(extack._msg), T_FULL);
	mutex_unlock(&c->lock);
	KUNIT_EXPECT_EQ(test, t_count(test), NAT64_EAM_MAX);
	t_46(test, "10.1.134.159", "2001:db8::1:869f");
	t_64(test, "2001:db8::1:869f", "10.1.134.159");

	/* 400 entries a part, as a dump would; the table does not change. */
	do {
		w.room = 400;
		rcu_read_lock();
		err = nat64_eam_walk_rcu(c->t, &cur, t_walk_fn, &w);
		rcu_read_unlock();
		if (parts++ == 0)
			gen = cur.gen;
		KUNIT_ASSERT_EQ(test, cur.gen, gen);
	} while (err == -EMSGSIZE && parts < 1000);
	KUNIT_EXPECT_EQ(test, err, 0);
	KUNIT_EXPECT_TRUE(test, cur.over);
	KUNIT_EXPECT_EQ(test, w.seen, NAT64_EAM_MAX);
	KUNIT_EXPECT_TRUE(test, w.in_order);
	KUNIT_EXPECT_EQ(test, parts, NAT64_EAM_MAX / 400);
}

/* A change between two parts: the generation moves, the walk goes on by
 * position and never touches a freed entry (KASAN would say).
 */
static void test_walk_changed(struct kunit *test)
{
	struct t_walk w = { .next = 0x0a000000, .in_order = true, .room = 10 };
	struct nat64_eam_cursor cur = {};
	char p4[32], p6[64];
	unsigned int i;
	u32 gen;
	int err;

	for (i = 0; i < 30; i++) {
		snprintf(p4, sizeof(p4), "10.0.0.%u", i);
		snprintf(p6, sizeof(p6), "2001:db8::%x", i);
		t_add(test, p4, p6);
	}
	rcu_read_lock();
	err = nat64_eam_walk_rcu(((struct t_ctx *)test->priv)->t, &cur,
				 t_walk_fn, &w);
	rcu_read_unlock();
	KUNIT_ASSERT_EQ(test, err, -EMSGSIZE);
	gen = cur.gen;
	KUNIT_EXPECT_NE(test, gen, 0);
	/* Delete the entry the cursor points to, and wait it out. */
	KUNIT_ASSERT_EQ(test, t_del(test, "10.0.0.10", NULL, NULL), 0);
	synchronize_rcu();
	w.room = 100;
	w.next = 0x0a00000b;
	rcu_read_lock();
	err = nat64_eam_walk_rcu(((struct t_ctx *)test->priv)->t, &cur,
				 t_walk_fn, &w);
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, err, 0);
	KUNIT_EXPECT_NE(test, cur.gen, gen);
	KUNIT_EXPECT_TRUE(test, w.in_order);
	KUNIT_EXPECT_EQ(test, w.seen, 29);
}

/* ---- randomised, against a naive reference --------------------------------- */

#define R_ENTRIES	3000
#define R_LOOKUPS	1000

struct r_entry {
	struct nat64_eam m;
	bool live;
};

struct r_state {
	struct rnd_state rnd;
	struct r_entry *e;
	unsigned int n;
};

static u32 r_u32(struct r_state *r)
{
	return prandom_u32_state(&r->rnd);
}

static bool bit4(__be32 a, unsigned int i)
{
	return ntohl(a) >> (31 - i) & 1;
}

static bool bit6(const struct in6_addr *a, unsigned int i)
{
	return a->s6_addr[i / 8] >> (7 - i % 8) & 1;
}

static void set6(struct in6_addr *a, unsigned int i, bool v)
{
	if (v)
		a->s6_addr[i / 8] |= 0x80 >> (i % 8);
	else
		a->s6_addr[i / 8] &= ~(0x80 >> (i % 8));
}

static bool in4(const struct nat64_eam *m, __be32 a)
{
	u32 mask = m->l4 ? ~0U << (32 - m->l4) : 0;

	return !((ntohl(a) ^ ntohl(m->p4)) & mask);
}

static bool in6(const struct nat64_eam *m, const struct in6_addr *a)
{
	unsigned int full = m->l6 / 8, rest = m->l6 % 8;

	if (memcmp(a->s6_addr, m->p6.s6_addr, full))
		return false;
	return !rest ||
	       !((a->s6_addr[full] ^ m->p6.s6_addr[full]) & (0xff << (8 - rest)));
}

/* The reference: a linear scan for the longest prefix, then bit by bit. */
static bool r_46(const struct r_state *r, __be32 a, struct in6_addr *out)
{
	const struct nat64_eam *best = NULL;
	unsigned int i;

	for (i = 0; i < r->n; i++)
		if (r->e[i].live && in4(&r->e[i].m, a) &&
		    (!best || r->e[i].m.l4 > best->l4))
			best = &r->e[i].m;
	if (!best)
		return false;
	*out = best->p6;
	for (i = 0; i < 32u - best->l4; i++)
		set6(out, best->l6 + i, bit4(a, best->l4 + i));
	return true;
}

static bool r_64(const struct r_state *r, const struct in6_addr *a,
		 __be32 *out)
{
	const struct nat64_eam *best = NULL;
	unsigned int i;
	u32 v;

	for (i = 0; i < r->n; i++)
		if (r->e[i].live && in6(&r->e[i].m, a) &&
		    (!best || r->e[i].m.l6 > best->l6))
			best = &r->e[i].m;
	if (!best)
		return false;
	v = ntohl(best->p4);
	for (i = 0; i < 32u - best->l4; i++)
		if (bit6(a, best->l6 + i))
			v |= 1U << (31 - best->l4 - i);
	*out = htonl(v);
	return true;
}

/* Would the table refuse m as identical to a live entry? */
static bool r_dup(const struct r_state *r, const struct nat64_eam *m)
{
	unsigned int i;

	for (i = 0; i < r->n; i++) {
		const struct nat64_eam *o = &r->e[i].m;

		if (!r->e[i].live)
			continue;
		if (o->l4 == m->l4 && o->p4 == m->p4)
			return true;
		if (o->l6 == m->l6 && ipv6_addr_equal(&o->p6, &m->p6))
			return true;
	}
	return false;
}

/* Clears the bits of @a from @len on. */
static void mask6(struct in6_addr *a, unsigned int len)
{
	unsigned int i;

	for (i = len; i < 128; i++)
		set6(a, i, false);
}

/*
 * A random valid entry. Few distinct bits near the top so that prefixes
 * overlap: IPv4 in 10.0.0.0/12, IPv6 in 2001:db8::/32 with a small third
 * group; lengths spread over what RFC 7757 allows.
 */
static void r_entry(struct r_state *r, struct nat64_eam *m)
{
	static const u8 l4s[] = { 12, 16, 20, 24, 24, 28, 30, 32, 32 };
	u32 l4 = l4s[r_u32(r) % ARRAY_SIZE(l4s)], l6;

	m->l4 = l4;
	m->p4 = htonl((0x0a000000 | (r_u32(r) & 0x000fffff)) &
		      (l4 ? ~0U << (32 - l4) : 0));
	/* 48 <= l6 <= 96 + l4 (7757-2), and at most 128. */
	l6 = 48 + r_u32(r) % (min(128U, 96 + l4) - 48 + 1);
	m->l6 = l6;
	memset(&m->p6, 0, sizeof(m->p6));
	m->p6.s6_addr32[0] = htonl(0x20010db8);
	m->p6.s6_addr32[1] = htonl(r_u32(r) & 0x0003ffff);
	m->p6.s6_addr32[2] = htonl(r_u32(r));
	m->p6.s6_addr32[3] = htonl(r_u32(r));
	mask6(&m->p6, l6);
}

/* An address near the entries: inside a random one, or anywhere close. */
static void r_addr(struct r_state *r, __be32 *a4, struct in6_addr *a6)
{
	const struct nat64_eam *m = &r->e[r_u32(r) % r->n].m;
	unsigned int i;

	if (r_u32(r) % 4) {
		*a4 = htonl(ntohl(m->p4) | (r_u32(r) & (m->l4 ? ~(~0U << (32 - m->l4)) : ~0U)));
		*a6 = m->p6;
		for (i = m->l6; i < 128; i++)
			set6(a6, i, r_u32(r) & 1);
	} else {
		*a4 = htonl(0x0a000000 | (r_u32(r) & 0x000fffff));
		a6->s6_addr32[0] = htonl(0x20010db8);
		a6->s6_addr32[1] = htonl(r_u32(r) & 0x0003ffff);
		a6->s6_addr32[2] = htonl(r_u32(r));
		a6->s6_addr32[3] = htonl(r_u32(r));
	}
}

static void r_check(struct kunit *test, struct r_state *r)
{
	struct t_ctx *c = test->priv;
	struct in6_addr a6, got6, want6;
	__be32 a4, got4, want4;
	bool found, want;
	unsigned int i, bad = 0;

	for (i = 0; i < R_LOOKUPS && bad < 10; i++) {
		r_addr(r, &a4, &a6);
		rcu_read_lock();
		found = nat64_eam_46_rcu(c->t, a4, &got6);
		rcu_read_unlock();
		want = r_46(r, a4, &want6);
		if (found != want || (want && !ipv6_addr_equal(&got6, &want6))) {
			bad++;
			KUNIT_FAIL(test, "46 %pI4: got %d %pI6c, want %d %pI6c",
				   &a4, found, &got6, want, &want6);
		}
		rcu_read_lock();
		found = nat64_eam_64_rcu(c->t, &a6, &got4);
		rcu_read_unlock();
		want = r_64(r, &a6, &want4);
		if (found != want || (want && got4 != want4)) {
			bad++;
			KUNIT_FAIL(test, "64 %pI6c: got %d %pI4, want %d %pI4",
				   &a6, found, &got4, want, &want4);
		}
		cond_resched();
	}
}

static void test_random_vs_reference(struct kunit *test)
{
	struct t_ctx *c = test->priv;
	struct r_state r = {};
	unsigned int i, live = 0, refused = 0, round;
	int err;

	prandom_seed_state(&r.rnd, 7757);
	r.e = kunit_kcalloc(test, R_ENTRIES, sizeof(*r.e), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r.e);
	for (round = 0; round < 3; round++) {
		/* Adds; the table refuses exactly what the reference would. */
		for (; r.n < R_ENTRIES * (round + 1) / 3; r.n++) {
			r_entry(&r, &r.e[r.n].m);
			KUNIT_ASSERT_PTR_EQ(test, nat64_eam_check(&r.e[r.n].m),
					    NULL);
			mutex_lock(&c->lock);
			err = nat64_eam_add(c->t, &r.e[r.n].m, NULL);
			mutex_unlock(&c->lock);
			KUNIT_ASSERT_EQ(test, err, r_dup(&r, &r.e[r.n].m) ? -EEXIST : 0);
			r.e[r.n].live = !err;
			live += !err;
			refused += !!err;
		}
		KUNIT_ASSERT_EQ(test, t_count(test), live);
		r_check(test, &r);
		/* Deletes a third of the live ones, by either side or both. */
		for (i = 0; i < r.n; i++) {
			unsigned int which = 1 + r_u32(&r) % 3;

			if (!r.e[i].live || r_u32(&r) % 3)
				continue;
			mutex_lock(&c->lock);
			err = nat64_eam_del(c->t, &r.e[i].m, which, NULL);
			mutex_unlock(&c->lock);
			KUNIT_ASSERT_EQ(test, err, 0);
			r.e[i].live = false;
			live--;
		}
		KUNIT_ASSERT_EQ(test, t_count(test), live);
		r_check(test, &r);
	}
	kunit_info(test, "%u entries tried, %u refused as identical, %u live",
		   r.n, refused, live);
}

/* ---- readers during writes ------------------------------------------------- */

#define C_STABLE 64

struct c_reader {
	struct nat64_eam_table *t;
	unsigned long rounds, misses;
};

/* 198.18.0.i <-> 2001:db8:5:ab1e::i, always there. */
static int c_read(void *arg)
{
	struct c_reader *r = arg;
	struct in6_addr a6, got6;
	__be32 got4;
	unsigned int i;

	while (!kthread_should_stop()) {
		rcu_read_lock();
		for (i = 0; i < C_STABLE; i++) {
			ipv6_addr_set(&a6, htonl(0x20010db8), htonl(0x0005ab1e),
				      0, htonl(i));
			if (!nat64_eam_46_rcu(r->t, htonl(0xc6120000 | i), &got6) ||
			    !ipv6_addr_equal(&got6, &a6))
				r->misses++;
			if (!nat64_eam_64_rcu(r->t, &a6, &got4) ||
			    got4 != htonl(0xc6120000 | i))
				r->misses++;
		}
		rcu_read_unlock();
		r->rounds++;
		cond_resched();
	}
	return 0;
}

/*
 * The packet path takes no lock: a reader must find every entry that is
 * not itself being changed while writers grow, rebuild and shrink the
 * hashes around it.
 */
static void test_readers_during_writes(struct kunit *test)
{
	struct t_ctx *c = test->priv;
	struct c_reader rd = { .t = c->t };
	struct task_struct *task;
	struct nat64_eam m = {};
	unsigned int i, round;

	m.l4 = 32;
	m.l6 = 128;
	for (i = 0; i < C_STABLE; i++) {
		m.p4 = htonl(0xc6120000 | i);
		ipv6_addr_set(&m.p6, htonl(0x20010db8), htonl(0x0005ab1e), 0,
			      htonl(i));
		mutex_lock(&c->lock);
		KUNIT_ASSERT_EQ(test, nat64_eam_add(c->t, &m, NULL), 0);
		mutex_unlock(&c->lock);
	}
	task = kthread_run(c_read, &rd, "nat64-eam-test");
	KUNIT_ASSERT_FALSE(test, IS_ERR(task));
	for (round = 0; round < 4; round++) {
		/* Grow through several sizes, then empty out again. */
		for (i = 0; i < 2000; i++) {
			m.p4 = htonl(0x0a000000 | i << 8);
			m.l4 = 24;
			ipv6_addr_set(&m.p6, htonl(0x20010db8), htonl(round),
				      htonl(i), 0);
			m.l6 = 120;
			mutex_lock(&c->lock);
			KUNIT_EXPECT_EQ(test, nat64_eam_add(c->t, &m, NULL), 0);
			mutex_unlock(&c->lock);
		}
		for (i = 0; i < 2000; i++) {
			m.p4 = htonl(0x0a000000 | i << 8);
			mutex_lock(&c->lock);
			KUNIT_EXPECT_EQ(test, nat64_eam_del(c->t, &m,
							    NAT64_EAM_V4, NULL), 0);
			mutex_unlock(&c->lock);
		}
	}
	msleep(20);
	kthread_stop(task);
	kunit_info(test, "reader: %lu rounds of %u lookups each way",
		   rd.rounds, C_STABLE);
	KUNIT_EXPECT_GT(test, rd.rounds, 0UL);
	KUNIT_EXPECT_EQ(test, rd.misses, 0UL);
	KUNIT_EXPECT_EQ(test, t_count(test), C_STABLE);
}

/* ---- cost ------------------------------------------------------------------- */

#define P_LOOKUPS 200000
#define P_ROUND 10000

/*
 * Times 200,000 lookups each way in a table of 10,000 entries over 4 IPv4 and
 * 4 IPv6 prefix lengths (a kernel with debugging options runs slower).
 * Reports, fails nothing.
 */
static void test_lookup_cost(struct kunit *test)
{
	static const u8 l4s[] = { 32, 28, 24, 20 };
	struct t_ctx *c = test->priv;
	struct nat64_eam m = {};
	struct in6_addr a6, o6;
	unsigned int i, j, hits = 0;
	u64 t0, t46 = 0, t64 = 0;
	__be32 o4;

	for (i = 0; i < 10000; i++) {
		m.l4 = l4s[i % 4];
		m.p4 = htonl((0x0a000000 + (i << 12)) & (~0U << (32 - m.l4)));
		m.l6 = 96 + m.l4;
		ipv6_addr_set(&m.p6, htonl(0x20010db8), htonl(m.l4), htonl(i),
			      0);
		mutex_lock(&c->lock);
		KUNIT_ASSERT_EQ(test, nat64_eam_add(c->t, &m, NULL), 0);
		mutex_unlock(&c->lock);
	}
	/* In rounds, so that the CPU is let go in between. */
	ipv6_addr_set(&a6, htonl(0x20010db8), htonl(24), 0, 0);
	for (i = 0; i < P_LOOKUPS; i += P_ROUND) {
		rcu_read_lock();
		t0 = ktime_get_ns();
		for (j = i; j < i + P_ROUND; j++)
			hits += nat64_eam_46_rcu(c->t, htonl(0x0a000000 | (j * 2654435761U >> 4)), &o6);
		t46 += ktime_get_ns() - t0;
		t0 = ktime_get_ns();
		for (j = i; j < i + P_ROUND; j++) {
			a6.s6_addr32[2] = htonl(j % 10000);
			hits += nat64_eam_64_rcu(c->t, &a6, &o4);
		}
		t64 += ktime_get_ns() - t0;
		rcu_read_unlock();
		cond_resched();
	}
	kunit_info(test, "%u lookups each way: 46 %llu ns each, 64 %llu ns each (%u hits)",
		   P_LOOKUPS,
		   div_u64(t46, P_LOOKUPS), div_u64(t64, P_LOOKUPS), hits);
	KUNIT_EXPECT_GT(test, hits, 0U);
}

static struct kunit_case nat64_eam_cases[] = {
	KUNIT_CASE(test_7757_2_suffix_lengths),
	KUNIT_CASE(test_host_bits_and_lengths),
	KUNIT_CASE(test_7757_9_identical_refused),
	KUNIT_CASE(test_7757_5_rfc_vectors),
	KUNIT_CASE(test_7757_6_trailing_bits),
	KUNIT_CASE(test_7757_4_longest_prefix),
	KUNIT_CASE(test_delete),
	KUNIT_CASE(test_flush),
	KUNIT_CASE(test_filter),
	KUNIT_CASE(test_limit_and_walk),
	KUNIT_CASE(test_walk_changed),
	KUNIT_CASE(test_random_vs_reference),
	KUNIT_CASE(test_readers_during_writes),
	KUNIT_CASE(test_lookup_cost),
	{}
};

static struct kunit_suite nat64_eam_suite = {
	.name = "nat64_eam",
	.init = t_init,
	.exit = t_exit,
	.test_cases = nat64_eam_cases,
};

kunit_test_suites(&nat64_eam_suite);
