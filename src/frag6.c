// SPDX-License-Identifier: GPL-2.0-only
/*
 * 7915-3/4/13: IPv6 fragments of a translated packet (see frag6.h).
 */
#include "compat.h"
#include "csum.h"
#include "frag6.h"

#define IP6_HDR		40U
#define P_FRAG		44

/* Data bytes per fragment: a multiple of 8 (RFC 8200 section 4.5). */
static u32 chunk(u32 mtu)
{
	return (mtu - NAT64_FRAG6_HDR) & ~7U;
}

/* Where the fragmentable part starts: after the packet's own FH if any. */
static u32 start(const u8 *hdr)
{
	return hdr[6] == P_FRAG ? NAT64_FRAG6_HDR : IP6_HDR;
}

u32 nat64_xlat_frag6_count(const u8 *hdr, u32 len, u32 mtu)
{
	u32 s = start(hdr), c;

	if (len < s || len != IP6_HDR + nat64_get16(hdr + 4) ||
	    mtu < NAT64_FRAG6_HDR + 8)
		return 0;
	c = chunk(mtu);
	return len == s ? 1 : (len - s + c - 1) / c;
}

int nat64_xlat_frag6(const u8 *hdr, u32 len, u32 mtu, u32 id, u32 i,
		     u8 *out, u32 *data, u32 *n)
{
	u32 count = nat64_xlat_frag6_count(hdr, len, mtu), s = start(hdr);
	u32 at = i * chunk(mtu);
	u16 fo = 0;

	if (!count)
		return -EINVAL;
	if (i >= count)
		return -ENOENT;
	memcpy(out, hdr, IP6_HDR);
	if (s == NAT64_FRAG6_HDR) {		/* keep the packet's FH */
		memcpy(out + IP6_HDR, hdr + IP6_HDR, 8);
		fo = nat64_get16(hdr + 42);
	} else {				/* a new one, ID @id */
		out[6] = P_FRAG;
		out[40] = hdr[6];
		out[41] = 0;
		nat64_put32(out + 44, id);
	}
	if ((fo >> 3) + at / 8 > 0x1fff)
		return -EINVAL;
	*data = s + at;
	*n = len - *data < chunk(mtu) ? len - *data : chunk(mtu);
	nat64_put16(out + 4, 8 + *n);
	/* offset in 8-byte units; M unless last (then the packet's own M) */
	nat64_put16(out + 42, ((fo >> 3) + at / 8) << 3 |
		    (i + 1 < count ? 1 : (fo & 1)));
	return 0;
}
