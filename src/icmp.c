// SPDX-License-Identifier: GPL-2.0-only
/*
 * RFC 7915 ICMP tables (sections 4.2 and 5.2). Pure, any context.
 */
#include "compat.h"
#include "icmp.h"

#define NO	0xff	/* no counterpart: drop */

/* ICMPv4 Destination Unreachable code -> ICMPv6 type 1 code (7915-17). */
static const u8 unreach_46[16] = {
	[0] = 0, [1] = 0, [2] = NO /* 4/1, see below */, [3] = 4,
	[4] = NO /* PTB, see below */, [5] = 0, [6] = 0, [7] = 0,
	[8] = 0, [9] = 1, [10] = 1, [11] = 0,
	[12] = 0, [13] = 1, [14] = NO, [15] = 1,
};

/* IPv4 parameter problem pointer -> IPv6 pointer (7915-22, figure 3). */
static const u8 ptr_46[20] = {
	0, 1, 4, 4, NO, NO, NO, NO, 7, 6, NO, NO, 8, 8, 8, 8,
	24, 24, 24, 24,
};

/* ICMPv6 Destination Unreachable code -> ICMPv4 type 3 code (7915-47). */
static const u8 unreach_64[5] = { 1, 10, 1, 1, 3 };

int nat64_icmp_ptr_46(u8 ptr)
{
	if (ptr >= ARRAY_SIZE(ptr_46) || ptr_46[ptr] == NO)
		return -1;
	return ptr_46[ptr];
}

/* 7915-48, figure 6. */
int nat64_icmp_ptr_64(u32 ptr)
{
	if (ptr <= 1)
		return ptr;
	if (ptr == 4 || ptr == 5)
		return 2;
	if (ptr == 6)
		return 9;
	if (ptr == 7)
		return 8;
	if (ptr >= 8 && ptr <= 23)
		return 12;
	if (ptr >= 24 && ptr <= 39)
		return 16;
	return -1;
}

static void set_xl(struct nat64_icmp_xl *x, u8 type, u8 code, u8 rest)
{
	x->type = type;
	x->code = code;
	x->rest = rest;
	x->error = rest != NAT64_ICMP_REST_ECHO;
	x->ptr = 0;
}

/* ICMPv4 type 3 (7915-17/18/19). */
static int unreach46(u8 code, struct nat64_icmp_xl *x)
{
	if (code == 2) {	/* protocol unreachable: 7915-18 */
		set_xl(x, 4, 1, NAT64_ICMP_REST_PTR);
		x->ptr = 6;	/* the IPv6 Next Header field */
		return 0;
	}
	if (code == 4) {	/* fragmentation needed: 7915-19 */
		set_xl(x, 2, 0, NAT64_ICMP_REST_MTU);
		return 0;
	}
	if (code >= ARRAY_SIZE(unreach_46) || unreach_46[code] == NO)
		return -EINVAL;
	set_xl(x, 1, unreach_46[code], NAT64_ICMP_REST_ZERO);
	return 0;
}

int nat64_icmp_46(u8 type, u8 code, u8 ptr, struct nat64_icmp_xl *x)
{
	int p;

	switch (type) {
	case 8:		/* echo request: 7915-15 */
		set_xl(x, 128, code, NAT64_ICMP_REST_ECHO);
		return 0;
	case 0:		/* echo reply */
		set_xl(x, 129, code, NAT64_ICMP_REST_ECHO);
		return 0;
	case 3:
		return unreach46(code, x);
	case 11:	/* time exceeded: 7915-21 */
		if (code > 1)
			return -EINVAL;
		set_xl(x, 3, code, NAT64_ICMP_REST_ZERO);
		return 0;
	case 12:	/* parameter problem: 7915-22 */
		if (code != 0 && code != 2)
			return -EINVAL;
		p = nat64_icmp_ptr_46(ptr);
		if (p < 0)
			return -EINVAL;
		set_xl(x, 4, 0, NAT64_ICMP_REST_PTR);
		x->ptr = p;
		return 0;
	}
	return -EINVAL;		/* 7915-16: everything else */
}

/* ICMPv6 type 4 (7915-48). */
static int paramprob64(u8 code, u32 ptr, struct nat64_icmp_xl *x)
{
	int p;

	if (code == 1) {	/* unrecognized next header */
		set_xl(x, 3, 2, NAT64_ICMP_REST_ZERO);
		return 0;
	}
	if (code != 0)
		return -EINVAL;
	p = nat64_icmp_ptr_64(ptr);
	if (p < 0)
		return -EINVAL;
	set_xl(x, 12, 0, NAT64_ICMP_REST_PTR);
	x->ptr = p;
	return 0;
}

int nat64_icmp_64(u8 type, u8 code, u32 ptr, struct nat64_icmp_xl *x)
{
	switch (type) {
	case 128:	/* echo request: 7915-46 */
		set_xl(x, 8, code, NAT64_ICMP_REST_ECHO);
		return 0;
	case 129:
		set_xl(x, 0, code, NAT64_ICMP_REST_ECHO);
		return 0;
	case 1:		/* destination unreachable: 7915-47 */
		if (code >= ARRAY_SIZE(unreach_64))
			return -EINVAL;
		set_xl(x, 3, unreach_64[code], NAT64_ICMP_REST_ZERO);
		return 0;
	case 2:		/* packet too big */
		set_xl(x, 3, 4, NAT64_ICMP_REST_MTU);
		return 0;
	case 3:		/* time exceeded */
		if (code > 1)
			return -EINVAL;
		set_xl(x, 11, code, NAT64_ICMP_REST_ZERO);
		return 0;
	case 4:
		return paramprob64(code, ptr, x);
	}
	return -EINVAL;	/* MLD, ND, unknown: 7915-46 */
}

bool nat64_icmp4_is_error(u8 type)
{
	return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

bool nat64_icmp6_is_error(u8 type)
{
	return type < 128;
}

/* RFC 1191 section 7, table 7-1, largest first. */
static const u16 plateaus[] = {
	65535, 32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296, 68,
};

static u32 min32(u32 a, u32 b)
{
	return a < b ? a : b;
}

u32 nat64_icmp_mtu_46(u32 mtu4, u32 inner_tl, u32 nh6, u32 nh4,
		      bool plateaus_on)
{
	unsigned int i;
	u32 mtu;

	if (!mtu4 && plateaus_on) {
		for (i = 0; i < ARRAY_SIZE(plateaus); i++) {
			if (plateaus[i] < inner_tl) {
				mtu4 = plateaus[i];
				break;
			}
		}
	}
	mtu = mtu4 + 20;
	if (nh6)
		mtu = min32(mtu, nh6);
	if (nh4)
		mtu = min32(mtu, nh4 + 20);
	return mtu < 1280 ? 1280 : mtu;
}

u32 nat64_icmp_mtu_64(u32 mtu6, u32 nh4, u32 nh6)
{
	u32 mtu = mtu6 > 20 ? mtu6 - 20 : 0;

	if (nh4)
		mtu = min32(mtu, nh4);
	if (nh6)
		mtu = min32(mtu, nh6 > 20 ? nh6 - 20 : 0);
	if (mtu < 68)
		return 68;
	return min32(mtu, 0xffff);
}

u32 nat64_icmp_fn_mtu(u32 nh6)
{
	u32 mtu = nh6 > 20 ? nh6 - 20 : 0;

	if (mtu < 68)
		return 68;
	return min32(mtu, 0xffff);
}

u32 nat64_icmp_ptb_mtu(u32 nh4)
{
	return nh4 + 20 < 1280 ? 1280 : nh4 + 20;
}
