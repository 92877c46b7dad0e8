/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Deterministic NAT (RFC 7422): a range of subscriber prefixes maps by a
 * formula to IPv4 addresses and port ranges, so that nothing needs to be
 * logged per connection or per allocation. The kernel applies the formula
 * when it binds a subscriber's flow; nat64ctl applies the same code,
 * backwards, to answer "who had 203.0.113.7 port 23456?" from the rule
 * alone.
 *
 * The rule: subscribers are the /L prefixes inside P6/p, addresses the
 * 2^(32-q) of A4/q, ports lo-hi, each address cut in S blocks. With
 *
 *   N = 2^(L-p) subscribers, M = 2^(32-q) addresses, R = hi - lo + 1,
 *   S = the rule's blocks per address, or ceil(N / M) when it gives none,
 *   K = floor(R / S) ports a block,
 *
 * subscriber i (bits p to L-1 of its prefix, as a number) gets
 *
 *   address A4 + (i mod M), ports lo + (i div M) * K  to  that + K - 1.
 *
 * Subscribers are spread over every address before any address takes a
 * second one. Blocks beyond the N subscribers' (S * M > N), and the
 * R - S * K ports past the last block, are nobody's: RFC 7422's C + D
 * with D > 0 keeps them for a dynamic overflow. RFC 7422's own example
 * (7422-1: 16 blocks of 4,032 ports above 1023 on one address) is
 * S = 16, lo-hi = 1024-65535. Every function here is pure and runs on
 * the host too.
 */
#ifndef NAT64_DET_H
#define NAT64_DET_H

#include "compat.h"

#define NAT64_DET_MAX_BITS	24	/* at most 2^24 subscribers, addresses */

struct nat64_det {
	struct in6_addr prefix6;	/* P6, no bits past plen6 */
	u8 plen6;			/* p */
	u8 sub_len;			/* L */
	u8 plen4;			/* q */
	__be32 addr4;			/* A4, no bits past plen4 */
	u16 port_min, port_max;		/* lo, hi */
	u32 blocks;			/* S; 0: ceil(N / M) */
};

/*
 * NULL when @d is a valid rule, else a short static English reason (for
 * the extack of the kernel and the errors of nat64ctl alike).
 */
const char *nat64_det_check(const struct nat64_det *d);

/* N, M, S and K above, of a valid rule. */
u32 nat64_det_subs(const struct nat64_det *d);
u32 nat64_det_addrs(const struct nat64_det *d);
u32 nat64_det_blocks(const struct nat64_det *d);
u32 nat64_det_ports(const struct nat64_det *d);

/* True if @a6 is inside the rule's subscriber range P6/p. */
bool nat64_det_contains6(const struct nat64_det *d, const struct in6_addr *a6);

/* True if @a4 is one of the rule's addresses. */
bool nat64_det_contains4(const struct nat64_det *d, __be32 a4);

/*
 * The address and ports of the subscriber that holds @a6 (which must be
 * inside P6/p): *addr4, and ports *lo to *hi.
 */
void nat64_det_forward(const struct nat64_det *d, const struct in6_addr *a6,
		       __be32 *addr4, u16 *lo, u16 *hi);

/*
 * The subscriber prefix (/L, host bits zero) that holds port @port of
 * @addr4; false when no subscriber does (the address is not the rule's,
 * or the port is outside every subscriber's range).
 */
bool nat64_det_reverse(const struct nat64_det *d, __be32 addr4, u16 port,
		       struct in6_addr *sub);

#endif /* NAT64_DET_H */
