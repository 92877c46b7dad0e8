/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Port-block allocation (RFC 6888 REQ-14): the geometry of the blocks.
 * A block is @size ports aligned on @size (block k is ports k * size to
 * k * size + size - 1), above the system ports, for every protocol of
 * one IPv4 address. A pool4 range holds the blocks that fit in it whole.
 * Pure: the kernel's allocator (mod/state.c) and the tests share it.
 */
#ifndef NAT64_PBA_H
#define NAT64_PBA_H

#include "compat.h"

#define NAT64_PBA_MIN	64
#define NAT64_PBA_MAX	32768

/*
 * The blocks of @size (NAT64_PBA_MIN-NAT64_PBA_MAX) that lie whole in
 * ports @min-@max and above 1023: block numbers *lo to *hi - 1. False
 * when there is none.
 */
bool nat64_pba_span(u16 min, u16 max, u16 size, u32 *lo, u32 *hi);

/*
 * Blocks a subscriber may hold when it may bind @max_ports ports (0: no
 * limit, U32_MAX returned): at least one, else as many whole blocks as
 * fit in @max_ports.
 */
u32 nat64_pba_quota(u32 max_ports, u16 size);

/*
 * The block to give out of ports @min-@max: the first one free, looking
 * from the span's block @start % n on and wrapping round (@start is a
 * random number: which block a subscriber gets is not predictable, RFC
 * 6056). @taken(@ctx, first port) says whether a block is held. Its
 * first port, or -1 when every block is held or the range has none.
 */
int nat64_pba_pick(u16 min, u16 max, u16 size, u32 start,
		   bool (*taken)(void *ctx, u16 first), void *ctx);

#endif /* NAT64_PBA_H */
