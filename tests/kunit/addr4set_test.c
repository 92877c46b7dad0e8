// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite nat64_addr4set: the sets of IPv4 prefixes behind the
 * denylist and the RFC 6791 pool (mod/addr4set.c).
 *
 * The refusals (host bits, duplicates, overlaps, the limit), membership at
 * the edges of each prefix, and the n-th address that the RFC 6791 pool
 * hands out (6791-2: every address of every prefix is reachable, and
 * nothing outside them) against a plain reference.
 */
/* nat64-kunit: kernel-only (links mod/addr4set.c; tests/host skips this file) */
#include <kunit/test.h>
#include <linux/inet.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>

#include <linux/nat64.h>	/* NAT64_ADDR4_SET_MAX */

#include "../../mod/addr4set.h"

struct t_ctx {
	struct mutex lock;
	struct nat64_addr4set __rcu *set;
};

static int t_init(struct kunit *test)
{
	struct t_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	if (!c)
		return -ENOMEM;
	mutex_init(&c->lock);
	test->priv = c;
	return 0;
}

static void t_exit(struct kunit *test)
{
	struct t_ctx *c = test->priv;

	/* Old copies replaced by the case wait for a grace period. */
	rcu_barrier();
	nat64_addr4set_free(&c->set);
	mutex_destroy(&c->lock);
}

static __be32 t_v4(struct kunit *test, const char *s)
{
	__be32 a;

	KUNIT_ASSERT_TRUE_MSG(test, in4_pton(s, -1, (u8 *)&a, -1, NULL), "%s", s);
	return a;
}

static int t_op(struct kunit *test, bool add, const char *addr, u8 len)
{
	struct t_ctx *c = test->priv;
	struct nat64_prefix4 p = { .addr = t_v4(test, addr), .len = len };
	int err;

	mutex_lock(&c->lock);
	err = add ? nat64_addr4set_add(&c->set, &p, &c->lock, NULL) :
		    nat64_addr4set_del(&c->set, &p, &c->lock, NULL);
	mutex_unlock(&c->lock);
	return err;
}

static bool t_has(struct kunit *test, const char *addr)
{
	struct t_ctx *c = test->priv;
	bool r;

	rcu_read_lock();
	r = nat64_addr4set_has_rcu(&c->set, t_v4(test, addr));
	rcu_read_unlock();
	return r;
}

static void test_refusals(struct kunit *test)
{
	struct t_ctx *c = test->priv;
	char a[16];
	int i;

	KUNIT_EXPECT_EQ(test, t_op(test, true, "192.0.2.1", 24), -EINVAL);
	KUNIT_EXPECT_EQ(test, t_op(test, true, "192.0.2.0", 33), -EINVAL);
	KUNIT_EXPECT_EQ(test, t_op(test, true, "192.0.2.0", 24), 0);
	KUNIT_EXPECT_EQ(test, t_op(test, true, "192.0.2.0", 24), -EEXIST);
	/* Overlaps either way: inside the set's prefix, or around it. */
	KUNIT_EXPECT_EQ(test, t_op(test, true, "192.0.2.128", 25), -EEXIST);
	KUNIT_EXPECT_EQ(test, t_op(test, true, "192.0.0.0", 16), -EEXIST);
	KUNIT_EXPECT_EQ(test, t_op(test, true, "0.0.0.0", 0), -EEXIST);
	KUNIT_EXPECT_EQ(test, t_op(test, false, "192.0.2.0", 25), -ENOENT);
	KUNIT_EXPECT_EQ(test, t_op(test, false, "192.0.2.0", 24), 0);
	KUNIT_EXPECT_EQ(test, t_op(test, false, "192.0.2.0", 24), -ENOENT);
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(c->set));
	for (i = 0; i < NAT64_ADDR4_SET_MAX; i++) {
		snprintf(a, sizeof(a), "10.%d.0.0", i);
		KUNIT_ASSERT_EQ(test, t_op(test, true, a, 16), 0);
	}
	KUNIT_EXPECT_EQ(test, t_op(test, true, "11.0.0.0", 8), -ENOSPC);
}

static void test_membership_edges(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, t_op(test, true, "192.0.2.128", 25), 0);
	KUNIT_ASSERT_EQ(test, t_op(test, true, "203.0.113.7", 32), 0);
	KUNIT_EXPECT_FALSE(test, t_has(test, "192.0.2.127"));
	KUNIT_EXPECT_TRUE(test, t_has(test, "192.0.2.128"));
	KUNIT_EXPECT_TRUE(test, t_has(test, "192.0.2.255"));
	KUNIT_EXPECT_FALSE(test, t_has(test, "192.0.3.0"));
	KUNIT_EXPECT_TRUE(test, t_has(test, "203.0.113.7"));
	KUNIT_EXPECT_FALSE(test, t_has(test, "203.0.113.6"));
	KUNIT_EXPECT_FALSE(test, t_has(test, "203.0.113.8"));
	KUNIT_ASSERT_EQ(test, t_op(test, true, "0.0.0.0", 0), -EEXIST);
}

/* 6791-2: nth() walks every address of every prefix, then wraps. */
static void test_6791_2_nth_covers_pool(struct kunit *test)
{
	struct t_ctx *c = test->priv;
	static const u32 want[] = {
		0xcb007108, 0xcb007109, 0xcb00710a, 0xcb00710b,	/* /30 */
		0xc6336407,					/* /32 */
	};
	__be32 out;
	u32 n;

	rcu_read_lock();
	KUNIT_EXPECT_FALSE(test, nat64_addr4set_nth_rcu(&c->set, 0, &out));
	rcu_read_unlock();
	KUNIT_ASSERT_EQ(test, t_op(test, true, "203.0.113.8", 30), 0);
	KUNIT_ASSERT_EQ(test, t_op(test, true, "198.51.100.7", 32), 0);
	rcu_read_lock();
	for (n = 0; n < 3 * ARRAY_SIZE(want); n++) {
		KUNIT_ASSERT_TRUE(test, nat64_addr4set_nth_rcu(&c->set, n, &out));
		KUNIT_EXPECT_EQ_MSG(test, ntohl(out), want[n % ARRAY_SIZE(want)],
				    "n=%u", n);
		KUNIT_EXPECT_TRUE(test, nat64_addr4set_has_rcu(&c->set, out));
	}
	/* The largest n still lands inside the pool. */
	KUNIT_ASSERT_TRUE(test, nat64_addr4set_nth_rcu(&c->set, U32_MAX, &out));
	KUNIT_EXPECT_TRUE(test, nat64_addr4set_has_rcu(&c->set, out));
	rcu_read_unlock();
}

/* A /0 holds 2^32 addresses: the size must not wrap to zero. */
static void test_whole_space(struct kunit *test)
{
	struct t_ctx *c = test->priv;
	__be32 out;

	KUNIT_ASSERT_EQ(test, t_op(test, true, "0.0.0.0", 0), 0);
	KUNIT_EXPECT_TRUE(test, t_has(test, "255.255.255.255"));
	rcu_read_lock();
	KUNIT_EXPECT_TRUE(test, nat64_addr4set_nth_rcu(&c->set, 0x01020304,
						       &out));
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, ntohl(out), 0x01020304U);
}

static struct kunit_case nat64_addr4set_cases[] = {
	KUNIT_CASE(test_refusals),
	KUNIT_CASE(test_membership_edges),
	KUNIT_CASE(test_6791_2_nth_covers_pool),
	KUNIT_CASE(test_whole_space),
	{}
};

static struct kunit_suite nat64_addr4set_suite = {
	.name = "nat64_addr4set",
	.init = t_init,
	.exit = t_exit,
	.test_cases = nat64_addr4set_cases,
};

kunit_test_suites(&nat64_addr4set_suite);
