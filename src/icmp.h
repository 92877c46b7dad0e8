/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RFC 7915 ICMP tables: type, code and pointer maps of sections 4.2 and
 * 5.2, and the MTU formulas for Packet Too Big / Fragmentation Needed.
 * Pure functions, any context.
 */
#ifndef NAT64_ICMP_H
#define NAT64_ICMP_H

#include "compat.h"

/* What the second 32-bit word of a translated ICMP header carries. */
enum nat64_icmp_rest {
	NAT64_ICMP_REST_ZERO,	/* unused (and RFC 4884 length): errors */
	NAT64_ICMP_REST_ECHO,	/* identifier and sequence: copied */
	NAT64_ICMP_REST_PTR,	/* parameter problem pointer: x->ptr */
	NAT64_ICMP_REST_MTU,	/* PTB / fragmentation needed MTU */
};

/* The translation of one ICMP type/code (and pointer). */
struct nat64_icmp_xl {
	u8 type;
	u8 code;
	u8 rest;		/* enum nat64_icmp_rest */
	bool error;		/* an error message (quotes a packet) */
	u32 ptr;		/* NAT64_ICMP_REST_PTR: the new pointer */
};

/*
 * ICMPv4 @type/@code (with @ptr, the IPv4 parameter problem pointer) to
 * ICMPv6 (7915-15..18, 21, 22). Returns 0 and fills @x, or -EINVAL when
 * the message has no ICMPv6 counterpart and is dropped silently.
 */
int nat64_icmp_46(u8 type, u8 code, u8 ptr, struct nat64_icmp_xl *x);

/* ICMPv6 to ICMPv4, the same way (7915-46..48); @ptr is 32 bits. */
int nat64_icmp_64(u8 type, u8 code, u32 ptr, struct nat64_icmp_xl *x);

/* The parameter problem pointer maps alone: -1 for "drop" (7915-22/48). */
int nat64_icmp_ptr_46(u8 ptr);
int nat64_icmp_ptr_64(u32 ptr);

/*
 * True for ICMPv4 types that are errors, i.e. quote a packet (3, 4, 5,
 * 11, 12), and for ICMPv6 types below 128 (RFC 4443 section 2.1). Used to
 * refuse an error about an error (7915-25/49).
 */
bool nat64_icmp4_is_error(u8 type);
bool nat64_icmp6_is_error(u8 type);

/*
 * MTU of the ICMPv6 Packet Too Big translated from a Fragmentation Needed
 * whose MTU field is @mtu4 (7915-19/20): max(1280, min(mtu4 + 20,
 * @nh6, @nh4 + 20)), where a next-hop MTU of 0 is unknown and left out.
 * With @mtu4 == 0 and @plateaus, @mtu4 is first replaced by the largest
 * RFC 1191 plateau below @inner_tl, the quoted packet's Total Length.
 */
u32 nat64_icmp_mtu_46(u32 mtu4, u32 inner_tl, u32 nh6, u32 nh4,
		      bool plateaus);

/*
 * MTU of the ICMPv4 Fragmentation Needed translated from a Packet Too Big
 * whose MTU is @mtu6 (7915-47): min(mtu6 - 20, @nh4, @nh6 - 20), unknown
 * (0) next hops left out, clamped to [68, 65535] (the ICMPv4 field is 16
 * bits and RFC 791 says no IPv4 link is below 68).
 */
u32 nat64_icmp_mtu_64(u32 mtu6, u32 nh4, u32 nh6);

/*
 * MTU of the ICMPv4 Fragmentation Needed sent back for a DF=1 IPv4 packet
 * whose translation exceeds the IPv6 next hop @nh6 (7915-5): nh6 - 20.
 */
u32 nat64_icmp_fn_mtu(u32 nh6);

/*
 * MTU of the ICMPv6 Packet Too Big sent back for an IPv6 packet whose
 * DF=1 translation exceeds the IPv4 next hop @nh4 (7915-45):
 * max(1280, nh4 + 20).
 */
u32 nat64_icmp_ptb_mtu(u32 nh4);

#endif /* NAT64_ICMP_H */
