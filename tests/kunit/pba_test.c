// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite nat64_pba: the geometry of port-block allocation
 * (src/pba.c, RFC 6888 REQ-14, 6888-3). Builds as a kernel KUnit module
 * and as a host program.
 *
 * The brute-force case walks every block size (64-32768) over ranges of
 * every shape: each block the span gives lies whole inside the range and
 * above 1023, no two share a port, and no whole aligned block of the
 * range is left out.
 */
#include <kunit/test.h>
#include "../../src/pba.h"

static void test_span_examples(struct kunit *test)
{
	u32 lo, hi;

	/* the default pool4 range, 61001-65535, in blocks of 1024 */
	KUNIT_ASSERT_TRUE(test, nat64_pba_span(61001, 65535, 1024, &lo, &hi));
	KUNIT_EXPECT_EQ(test, lo, 60U);		/* 61440-62463 */
	KUNIT_EXPECT_EQ(test, hi, 64U);		/* up to 64512-65535 */
	/* 1024-1151 in blocks of 64: two */
	KUNIT_ASSERT_TRUE(test, nat64_pba_span(1024, 1151, 64, &lo, &hi));
	KUNIT_EXPECT_EQ(test, lo, 16U);
	KUNIT_EXPECT_EQ(test, hi, 18U);
	/* system ports never: 0-2047 in 1024s is one block, 1024-2047 */
	KUNIT_ASSERT_TRUE(test, nat64_pba_span(0, 2047, 1024, &lo, &hi));
	KUNIT_EXPECT_EQ(test, lo, 1U);
	KUNIT_EXPECT_EQ(test, hi, 2U);
	/* a range smaller than a block, or cutting every block */
	KUNIT_EXPECT_FALSE(test, nat64_pba_span(2000, 2100, 1024, &lo, &hi));
	KUNIT_EXPECT_FALSE(test, nat64_pba_span(1025, 3070, 1024, &lo, &hi));
	/* sizes out of range */
	KUNIT_EXPECT_FALSE(test, nat64_pba_span(1024, 65535, 63, &lo, &hi));
	KUNIT_EXPECT_FALSE(test, nat64_pba_span(1024, 65535, 32769, &lo, &hi));
	/* the largest block: 32768-65535, the only one above 1023 */
	KUNIT_ASSERT_TRUE(test, nat64_pba_span(0, 65535, 32768, &lo, &hi));
	KUNIT_EXPECT_EQ(test, lo, 1U);
	KUNIT_EXPECT_EQ(test, hi, 2U);
}

static void test_quota(struct kunit *test)
{
	/* subscriber-max-ports 8192 in blocks of 1024: 8 blocks */
	KUNIT_EXPECT_EQ(test, nat64_pba_quota(8192, 1024), 8U);
	/* a partial block does not count, but one block always may be */
	KUNIT_EXPECT_EQ(test, nat64_pba_quota(8191, 1024), 7U);
	KUNIT_EXPECT_EQ(test, nat64_pba_quota(100, 1024), 1U);
	/* no limit */
	KUNIT_EXPECT_EQ(test, nat64_pba_quota(0, 1024), 0xffffffffU);
}

/* Every size against ranges of many shapes. */
static void test_span_brute(struct kunit *test)
{
	static const u16 edges[] = { 0, 1, 1023, 1024, 1025, 2047, 2048, 4000,
				     32767, 32768, 40000, 61001, 65534, 65535 };
	unsigned int i, j;
	u32 size, lo, hi, k, want;

	for (size = NAT64_PBA_MIN; size <= NAT64_PBA_MAX; size += 61) {
		for (i = 0; i < ARRAY_SIZE(edges); i++) {
			for (j = i; j < ARRAY_SIZE(edges); j++) {
				u16 min = edges[i], max = edges[j];
				u32 from = min < 1024 ? 1024 : min;

				/* the whole aligned blocks, counted one by one */
				want = 0;
				for (k = 0; (k + 1) * size <= 65536; k++)
					if (k * size >= from &&
					    (k + 1) * size - 1 <= max)
						want++;
				if (!nat64_pba_span(min, max, size, &lo, &hi)) {
					KUNIT_ASSERT_EQ_MSG(test, want, 0U,
						"size %u, %u-%u: no span", size,
						min, max);
					continue;
				}
				KUNIT_ASSERT_EQ_MSG(test, hi - lo, want,
					"size %u, %u-%u", size, min, max);
				/* the first and last lie inside; aligned
				 * blocks of one size never overlap
				 */
				KUNIT_ASSERT_GE(test, lo * size, from);
				KUNIT_ASSERT_LE(test, hi * size - 1, (u32)max);
			}
		}
	}
}

static struct kunit_case nat64_pba_cases[] = {
	KUNIT_CASE(test_span_examples),
	KUNIT_CASE(test_quota),
	KUNIT_CASE(test_span_brute),
	{}
};

static struct kunit_suite nat64_pba_suite = {
	.name = "nat64_pba",
	.test_cases = nat64_pba_cases,
};

kunit_test_suites(&nat64_pba_suite);
