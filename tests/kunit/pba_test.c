// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite nat64_pba: the geometry of port-block allocation
 * (src/pba.c, RFC 6888 REQ-14, 6888-3). Builds as a kernel KUnit module
 * and as a host program.
 *
 * The brute-force case walks every block size (64-32768) over ranges of
 * every shape: each block the span gives lies whole inside the range and
 * above 1023, no two share a port, and no whole aligned block of the
 * range is left out. The allocator's cases (nat64_pba_pick(), which
 * mod/state.c gives blocks with) fill addresses from random starts: no
 * block is given twice, all are given, a released one comes back.
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

/* The blocks an address holds, for nat64_pba_pick(): one bit a block. */
struct held {
	u8 bit[65536 / NAT64_PBA_MIN / 8];
	u16 size;
	unsigned int asked;	/* calls of taken() */
};

static bool held_taken(void *ctx, u16 first)
{
	struct held *h = ctx;
	u32 k = first / h->size;

	h->asked++;
	return h->bit[k / 8] & (1 << (k % 8));
}

static void held_set(struct held *h, u16 first, bool on)
{
	u32 k = first / h->size;

	if (on)
		h->bit[k / 8] |= 1 << (k % 8);
	else
		h->bit[k / 8] &= ~(1 << (k % 8));
}

/* A fixed sequence of "random" starts: the test is the same each run. */
static u32 next_start(u32 *x)
{
	*x = *x * 1103515245U + 12345U;
	return *x >> 8;
}

/*
 * The allocator: the start picks the block (so a random start makes the
 * choice unpredictable), a held block is never given twice, a released
 * one comes back, and a full range says so.
 */
static void test_pick_examples(struct kunit *test)
{
	static struct held h;
	u32 start;

	memset(&h, 0, sizeof(h));
	h.size = 64;
	/* 1024-2047 in blocks of 64: blocks 16-31; start 0 -> 1024 */
	KUNIT_EXPECT_EQ(test, nat64_pba_pick(1024, 2047, 64, 0, held_taken,
					     &h), 1024);
	/* start 5 -> the span's sixth block; 16 + 5 wraps the same way */
	KUNIT_EXPECT_EQ(test, nat64_pba_pick(1024, 2047, 64, 5, held_taken,
					     &h), 1024 + 5 * 64);
	KUNIT_EXPECT_EQ(test, nat64_pba_pick(1024, 2047, 64, 21, held_taken,
					     &h), 1024 + 5 * 64);
	/* that one held: the next one after it */
	held_set(&h, 1024 + 5 * 64, true);
	KUNIT_EXPECT_EQ(test, nat64_pba_pick(1024, 2047, 64, 5, held_taken,
					     &h), 1024 + 6 * 64);
	/* the last held: wraps round to the first */
	held_set(&h, 2047 - 63, true);
	KUNIT_EXPECT_EQ(test, nat64_pba_pick(1024, 2047, 64, 15, held_taken,
					     &h), 1024);
	/* a range with no whole block asks nothing */
	h.asked = 0;
	KUNIT_EXPECT_EQ(test, nat64_pba_pick(2000, 2100, 64, 3, held_taken,
					     &h), -1);
	KUNIT_EXPECT_EQ(test, h.asked, 0U);
	/* any start, over the whole default range, lands on a block */
	memset(&h, 0, sizeof(h));
	h.size = 1024;
	for (start = 0; start < 100; start++) {
		int p = nat64_pba_pick(61001, 65535, 1024, start, held_taken,
				       &h);

		KUNIT_EXPECT_EQ(test, p, (int)(61440 + start % 4 * 1024));
	}
}

/*
 * Brute force, every size of a spread and ranges of several shapes:
 * fill an address block by block from random starts; each block given
 * lies whole in the range above 1023, aligned, and was free; exactly the
 * span's blocks are given, then -1; a block released is the one given
 * next, whatever the start.
 */
static void test_pick_brute(struct kunit *test)
{
	static const u16 ranges[][2] = {
		{ 0, 65535 }, { 1024, 2047 }, { 1025, 9000 }, { 61001, 65535 },
		{ 40000, 40063 }, { 3000, 3000 },
	};
	static struct held h;
	u32 size, lo, hi, n, i, x = 7, given;
	unsigned int r;
	int p;

	for (size = NAT64_PBA_MIN; size <= NAT64_PBA_MAX; size *= 2) {
		for (r = 0; r < ARRAY_SIZE(ranges); r++) {
			u16 min = ranges[r][0], max = ranges[r][1];

			memset(&h, 0, sizeof(h));
			h.size = size;
			n = nat64_pba_span(min, max, size, &lo, &hi) ?
			    hi - lo : 0;
			for (given = 0;; given++) {
				p = nat64_pba_pick(min, max, size,
						   next_start(&x), held_taken,
						   &h);
				if (p < 0)
					break;
				KUNIT_ASSERT_FALSE_MSG(test,
					held_taken(&h, p),
					"size %u, %u-%u: %d given twice",
					size, min, max, p);
				KUNIT_ASSERT_EQ(test, (u32)p % size, 0U);
				KUNIT_ASSERT_GE(test, (u32)p, 1024U);
				KUNIT_ASSERT_GE(test, (u32)p, (u32)min);
				KUNIT_ASSERT_LE(test, (u32)p + size - 1,
						(u32)max);
				held_set(&h, p, true);
				KUNIT_ASSERT_LE(test, given, n);
			}
			KUNIT_ASSERT_EQ_MSG(test, given, n, "size %u, %u-%u",
					    size, min, max);
			for (i = 0; i < n && i < 8; i++) {
				u16 back = (lo + next_start(&x) % n) * size;

				held_set(&h, back, false);
				KUNIT_ASSERT_EQ(test,
					nat64_pba_pick(min, max, size,
						       next_start(&x),
						       held_taken, &h),
					(int)back);
				held_set(&h, back, true);
			}
		}
	}
}

static struct kunit_case nat64_pba_cases[] = {
	KUNIT_CASE(test_span_examples),
	KUNIT_CASE(test_quota),
	KUNIT_CASE(test_span_brute),
	KUNIT_CASE(test_pick_examples),
	KUNIT_CASE(test_pick_brute),
	{}
};

static struct kunit_suite nat64_pba_suite = {
	.name = "nat64_pba",
	.test_cases = nat64_pba_cases,
};

kunit_test_suites(&nat64_pba_suite);
