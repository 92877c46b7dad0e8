// SPDX-License-Identifier: GPL-2.0-only
/*
 * The port and identifier rewrite of the stateful modes (RFC 6146 3.7,
 * 6146-37): the translated L4 header gets the BIB's transport address,
 * and its checksum follows incrementally.
 */
#include "csum.h"
#include "xlat.h"

static u16 swap16(u8 *p, u16 v, u32 *sum)
{
	u16 old = nat64_get16(p);

	*sum = nat64_csum_sub16(*sum, old);
	*sum = nat64_csum_add16(*sum, v);
	nat64_put16(p, v);
	return old;
}

void nat64_xlat_set_ports(u8 *l4, u32 m, u8 proto, u16 sport, u16 dport)
{
	u32 at, sum = 0;
	u16 c;

	switch (proto) {
	case 6:				/* TCP */
		at = 16;
		break;
	case 17:			/* UDP */
		at = 6;
		break;
	case 1:				/* ICMP, ICMPv6: echo identifier */
	case 58:
		if (m < 6 || (l4[0] != 0 && l4[0] != 8 && l4[0] != 128 &&
			      l4[0] != 129))
			return;
		swap16(l4 + 4, sport, &sum);
		c = nat64_get16(l4 + 2);
		nat64_put16(l4 + 2, nat64_csum_finish(
			nat64_csum_add(nat64_csum_unfold(c), sum)));
		return;
	default:
		return;
	}
	if (m < 4)
		return;
	swap16(l4, sport, &sum);
	swap16(l4 + 2, dport, &sum);
	if (m < at + 2)
		return;
	c = nat64_get16(l4 + at);
	if (proto == 17 && !c)
		return;
	c = nat64_csum_finish(nat64_csum_add(nat64_csum_unfold(c), sum));
	nat64_put16(l4 + at, proto == 17 && !c ? 0xffff : c);
}
