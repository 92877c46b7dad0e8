// SPDX-License-Identifier: GPL-2.0-only
/*
 * Port-block allocation: the geometry of pba.h.
 */
#include "compat.h"
#include "pba.h"

bool nat64_pba_span(u16 min, u16 max, u16 size, u32 *lo, u32 *hi)
{
	u32 from = min < 1024 ? 1024 : min;

	if (size < NAT64_PBA_MIN || size > NAT64_PBA_MAX)
		return false;
	*lo = (from + size - 1) / size;
	*hi = ((u32)max + 1) / size;
	return *lo < *hi;
}

u32 nat64_pba_quota(u32 max_ports, u16 size)
{
	if (!max_ports)
		return 0xffffffffU;
	return max_ports / size ? max_ports / size : 1;
}

int nat64_pba_pick(u16 min, u16 max, u16 size, u32 start,
		   bool (*taken)(void *ctx, u16 first), void *ctx)
{
	u32 lo, hi, n, i, first;

	if (!nat64_pba_span(min, max, size, &lo, &hi))
		return -1;
	n = hi - lo;
	for (i = 0; i < n; i++) {
		first = (lo + (start % n + i) % n) * size;
		if (!taken(ctx, first))
			return first;
	}
	return -1;
}
