// SPDX-License-Identifier: GPL-2.0-only
/*
 * Deterministic NAT (RFC 7422): the formula of det.h, both ways.
 */
#include "compat.h"
#include "det.h"

/* Bits @off to @off + @n - 1 of @a (n <= 24), as a number. */
static u32 bits_get(const struct in6_addr *a, unsigned int off, unsigned int n)
{
	u32 v = 0;
	unsigned int i, b;

	for (i = 0; i < n; i++) {
		b = off + i;
		v = v << 1 | ((a->s6_addr[b / 8] >> (7 - b % 8)) & 1);
	}
	return v;
}

static void bits_set(struct in6_addr *a, unsigned int off, unsigned int n,
		     u32 v)
{
	unsigned int i, b;
	u8 m;

	for (i = 0; i < n; i++) {
		b = off + n - 1 - i;
		m = 1 << (7 - b % 8);
		if (v >> i & 1)
			a->s6_addr[b / 8] |= m;
		else
			a->s6_addr[b / 8] &= ~m;
	}
}

static bool host_bits6(const struct in6_addr *a, unsigned int len)
{
	unsigned int b;

	for (b = len; b < 128; b++)
		if (a->s6_addr[b / 8] >> (7 - b % 8) & 1)
			return true;
	return false;
}

static u32 mask4(u8 len)
{
	return len ? ~0U << (32 - len) : 0;
}

const char *nat64_det_check(const struct nat64_det *d)
{
	u32 n, m;

	if (d->plen6 > 128 || d->sub_len > 128 || d->plen4 > 32)
		return "prefix length out of range";
	if (d->sub_len < d->plen6)
		return "the subscriber length is shorter than the subscriber range";
	if (d->sub_len - d->plen6 > NAT64_DET_MAX_BITS)
		return "more than 2^24 subscribers in the range";
	if (32 - d->plen4 > NAT64_DET_MAX_BITS)
		return "more than 2^24 IPv4 addresses";
	if (host_bits6(&d->prefix6, d->plen6))
		return "the subscriber range has bits set past its length";
	if (ntohl(d->addr4) & ~mask4(d->plen4))
		return "the IPv4 prefix has bits set past its length";
	if (!d->port_min || d->port_min > d->port_max)
		return "the port range must be within 1-65535, low to high";
	n = 1U << (d->sub_len - d->plen6);
	m = 1U << (32 - d->plen4);
	if (d->blocks && d->blocks < (n + m - 1) / m)
		return "fewer blocks per IPv4 address than its subscribers";
	if ((u32)(d->port_max - d->port_min + 1) <
	    (d->blocks ?: (n + m - 1) / m))
		return "fewer ports than blocks per IPv4 address";
	return NULL;
}

u32 nat64_det_subs(const struct nat64_det *d)
{
	return 1U << (d->sub_len - d->plen6);
}

u32 nat64_det_addrs(const struct nat64_det *d)
{
	return 1U << (32 - d->plen4);
}

u32 nat64_det_blocks(const struct nat64_det *d)
{
	u32 n = nat64_det_subs(d), m = nat64_det_addrs(d);

	return d->blocks ?: (n + m - 1) / m;
}

u32 nat64_det_ports(const struct nat64_det *d)
{
	return (u32)(d->port_max - d->port_min + 1) / nat64_det_blocks(d);
}

bool nat64_det_contains6(const struct nat64_det *d, const struct in6_addr *a6)
{
	unsigned int full = d->plen6 / 8, rest = d->plen6 % 8;
	u8 m;

	if (memcmp(a6->s6_addr, d->prefix6.s6_addr, full))
		return false;
	if (!rest)
		return true;
	m = 0xff << (8 - rest);
	return ((a6->s6_addr[full] ^ d->prefix6.s6_addr[full]) & m) == 0;
}

bool nat64_det_contains4(const struct nat64_det *d, __be32 a4)
{
	return ((ntohl(a4) ^ ntohl(d->addr4)) & mask4(d->plen4)) == 0;
}

void nat64_det_forward(const struct nat64_det *d, const struct in6_addr *a6,
		       __be32 *addr4, u16 *lo, u16 *hi)
{
	u32 i = bits_get(a6, d->plen6, d->sub_len - d->plen6);
	u32 m = nat64_det_addrs(d), k = nat64_det_ports(d);
	u32 first = d->port_min + (i / m) * k;

	*addr4 = htonl(ntohl(d->addr4) + i % m);
	*lo = first;
	*hi = first + k - 1;
}

bool nat64_det_reverse(const struct nat64_det *d, __be32 addr4, u16 port,
		       struct in6_addr *sub)
{
	u32 m = nat64_det_addrs(d), k = nat64_det_ports(d);
	u32 j, i;

	if (!nat64_det_contains4(d, addr4) || port < d->port_min)
		return false;
	j = (u32)(port - d->port_min) / k;
	if (j >= nat64_det_blocks(d))
		return false;	/* the remainder of R / S: nobody's */
	i = j * m + (ntohl(addr4) - ntohl(d->addr4));
	if (i >= nat64_det_subs(d))
		return false;
	*sub = d->prefix6;
	bits_set(sub, d->plen6, d->sub_len - d->plen6, i);
	return true;
}
