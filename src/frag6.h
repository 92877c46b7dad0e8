/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 7915-3/4/13: splitting a translated IPv6 packet into fragments of at
 * most lowest-ipv6-mtu bytes, on byte views. Pure, any context.
 *
 * After nat64_xlat_46() with res->frag_needed, the packet starts with an
 * IPv6 header, followed by a Fragment Header only if the IPv4 packet was a
 * fragment itself. Fragment i is the 48-byte header (IPv6 header and
 * Fragment Header) that nat64_xlat_frag6() writes, followed by the
 * packet's bytes [*data, *data + *n). Every fragment but the last carries
 * a multiple of 8 bytes. With a Fragment Header in the packet, its ID is
 * kept, offsets continue from its offset and the last fragment keeps its
 * M flag; without one, the ID is @id (res->frag_id: 0x0000 || IPv4 ID).
 */
#ifndef NAT64_FRAG6_H
#define NAT64_FRAG6_H

#include "compat.h"

#define NAT64_FRAG6_HDR	48	/* IPv6 header + Fragment Header */

/*
 * @hdr: the start of the packet (48 bytes readable); @len: its length (40
 * + Payload Length); @mtu: the largest fragment, whole (>= 1280 is sane,
 * at least 56 is required). For fragment @i writes its header to @out and
 * sets *data and *n. Returns 0; -ENOENT when @i is past the last
 * fragment; -EINVAL when @len or @mtu do not fit or an offset overflows.
 */
int nat64_xlat_frag6(const u8 *hdr, u32 len, u32 mtu, u32 id, u32 i,
		     u8 *out, u32 *data, u32 *n);

/* How many fragments nat64_xlat_frag6() makes; 0 on bad input. */
u32 nat64_xlat_frag6_count(const u8 *hdr, u32 len, u32 mtu);

#endif /* NAT64_FRAG6_H */
