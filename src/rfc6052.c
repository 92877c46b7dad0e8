// SPDX-License-Identifier: GPL-2.0-only
/*
 * RFC 6052: IPv4-embedded IPv6 addresses.
 *
 * Everything here is pure (no state, no locks, no allocation) and runs in
 * any context. See rfc6052.h for the address layout.
 */
#include "compat.h"
#include "csum.h"
#include "rfc6052.h"

/* 64:ff9b::, the Well-Known Prefix (RFC 6052 section 2.1). */
static const u8 nat64_wkp_addr[16] = { 0x00, 0x64, 0xff, 0x9b };

/*
 * Byte offsets of the four IPv4 octets, most significant first, for each
 * prefix length (RFC 6052 section 2.2, figure 1). Byte 8 is never used.
 */
static const u8 nat64_v4_pos[6][4] = {
	{ 4, 5, 6, 7 },		/* /32 */
	{ 5, 6, 7, 9 },		/* /40 */
	{ 6, 7, 9, 10 },	/* /48 */
	{ 7, 9, 10, 11 },	/* /56 */
	{ 9, 10, 11, 12 },	/* /64 */
	{ 12, 13, 14, 15 },	/* /96 */
};

/* The offsets for @len, or NULL if @len is not an RFC 6052 length. */
static const u8 *nat64_pos(u8 len)
{
	switch (len) {
	case 32:
	case 40:
	case 48:
	case 56:
	case 64:
		return nat64_v4_pos[len / 8 - 4];
	case 96:
		return nat64_v4_pos[5];
	}
	return NULL;
}

bool nat64_prefix6_len_valid(u8 len)
{
	return nat64_pos(len);
}

/* True if every bit of @a from bit @len (a multiple of 8) onwards is 0. */
static bool nat64_host_bits_zero(const struct in6_addr *a, u8 len)
{
	unsigned int i;

	for (i = len / 8; i < sizeof(a->s6_addr); i++)
		if (a->s6_addr[i])
			return false;
	return true;
}

/*
 * Configuration-time validation of a Pref64::/n: 6052-1 (lengths),
 * 6052-7 (u-octet of a /96) and 6052-10 (the WKP only as a /96).
 */
const char *nat64_prefix6_check(const struct nat64_prefix6 *p)
{
	if (!nat64_prefix6_len_valid(p->len))
		return "prefix length must be 32, 40, 48, 56, 64 or 96";
	if (!nat64_host_bits_zero(&p->addr, p->len))
		return "host bits set beyond the prefix length";
	if (p->len == 96 && p->addr.s6_addr[8])
		return "bits 64-71 (the u-octet) of a /96 prefix must be zero";
	if (p->len != 96 &&
	    !memcmp(p->addr.s6_addr, nat64_wkp_addr, sizeof(nat64_wkp_addr)))
		return "the well-known prefix 64:ff9b::/96 is only valid as a /96";
	return NULL;
}

/* Bytes 8 * @i .. 8 * @i + 7 of @a, big-endian. */
static inline u64 half(const struct in6_addr *a, int i)
{
	return nat64_get64(a->s6_addr + 8 * i);
}

/* The top @n (0-64) bits of a 64-bit word. */
static inline u64 top(unsigned int n)
{
	return n ? ~0ULL << (64 - n) : 0;
}

/*
 * Works for any length up to 128, not only the RFC 6052 ones. On the
 * packet path for every packet: two masked words, no memcmp().
 */
bool nat64_prefix6_contains(const struct nat64_prefix6 *p,
			    const struct in6_addr *a)
{
	unsigned int len = p->len;

	if (unlikely(len > 128))
		return false;
	if (len <= 64)
		return !((half(&p->addr, 0) ^ half(a, 0)) & top(len));
	return half(&p->addr, 0) == half(a, 0) &&
	       !((half(&p->addr, 1) ^ half(a, 1)) & top(len - 64));
}

/* On the packet path (6052-9): two words, no memcmp(). */
bool nat64_prefix6_is_wkp(const struct nat64_prefix6 *p)
{
	return p->len == 96 &&
	       half(&p->addr, 0) == nat64_get64(nat64_wkp_addr) &&
	       half(&p->addr, 1) == nat64_get64(nat64_wkp_addr + 8);
}

/* An IPv4 block in host byte order. */
struct nat64_v4_block {
	u32 net;
	u8 len;
};

#define NAT64_V4(a, b, c, d) (((u32)(a) << 24) | ((b) << 16) | ((c) << 8) | (d))

/* RFC 6890 / RFC 5735 section 3 blocks that are not global. */
static const struct nat64_v4_block nat64_nonglobal[] = {
	{ NAT64_V4(0, 0, 0, 0), 8 },		/* "this network" */
	{ NAT64_V4(10, 0, 0, 0), 8 },		/* private, RFC 1918 */
	{ NAT64_V4(100, 64, 0, 0), 10 },	/* shared space, RFC 6598 */
	{ NAT64_V4(127, 0, 0, 0), 8 },		/* loopback */
	{ NAT64_V4(169, 254, 0, 0), 16 },	/* link local, RFC 3927 */
	{ NAT64_V4(172, 16, 0, 0), 12 },	/* private, RFC 1918 */
	{ NAT64_V4(192, 0, 0, 0), 24 },		/* IETF protocol assignments */
	{ NAT64_V4(192, 0, 2, 0), 24 },		/* TEST-NET-1, RFC 5737 */
	{ NAT64_V4(192, 88, 99, 0), 24 },	/* 6to4 relay anycast */
	{ NAT64_V4(192, 168, 0, 0), 16 },	/* private, RFC 1918 */
	{ NAT64_V4(198, 18, 0, 0), 15 },	/* benchmarking, RFC 2544 */
	{ NAT64_V4(198, 51, 100, 0), 24 },	/* TEST-NET-2, RFC 5737 */
	{ NAT64_V4(203, 0, 113, 0), 24 },	/* TEST-NET-3, RFC 5737 */
	{ NAT64_V4(224, 0, 0, 0), 4 },		/* multicast */
	{ NAT64_V4(240, 0, 0, 0), 4 },		/* reserved */
	{ NAT64_V4(255, 255, 255, 255), 32 },	/* broadcast (inside 240/4) */
};

bool nat64_ipv4_is_global(__be32 addr)
{
	u32 a = ntohl(addr);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nat64_nonglobal); i++) {
		u32 mask = ~0U << (32 - nat64_nonglobal[i].len);

		if ((a & mask) == nat64_nonglobal[i].net)
			return false;
	}
	return true;
}

/* RFC 6052 section 2.3, IPv4 to IPv6. Suffix and u-octet come out zero. */
void nat64_rfc6052_embed(const struct nat64_prefix6 *p, __be32 v4,
			 struct in6_addr *out)
{
	const u8 *pos = nat64_pos(p->len);
	const u8 *b = (const u8 *)&v4;

	if (p->len == 96) {	/* the common case, in constant-size copies */
		memcpy(out->s6_addr, p->addr.s6_addr, 12);
		memcpy(out->s6_addr + 12, &v4, 4);
		return;
	}
	memset(out, 0, sizeof(*out));
	if (unlikely(!pos))
		return;
	memcpy(out->s6_addr, p->addr.s6_addr, p->len / 8);
	out->s6_addr[pos[0]] = b[0];
	out->s6_addr[pos[1]] = b[1];
	out->s6_addr[pos[2]] = b[2];
	out->s6_addr[pos[3]] = b[3];
}

/* RFC 6052 section 2.3, IPv6 to IPv4. Suffix bits are ignored. */
int nat64_rfc6052_extract(const struct nat64_prefix6 *p,
			  const struct in6_addr *a, __be32 *v4)
{
	const u8 *pos = nat64_pos(p->len);
	u8 b[4];

	if (unlikely(!pos))
		return -EINVAL;
	if (!nat64_prefix6_contains(p, a))
		return -ENOENT;
	if (p->len == 96) {
		memcpy(v4, a->s6_addr + 12, 4);
		return 0;
	}
	if (unlikely(a->s6_addr[8]))
		return -EINVAL;
	b[0] = a->s6_addr[pos[0]];
	b[1] = a->s6_addr[pos[1]];
	b[2] = a->s6_addr[pos[2]];
	b[3] = a->s6_addr[pos[3]];
	memcpy(v4, b, sizeof(b));
	return 0;
}

/* RFC 6052 section 3.1 (6052-9), relaxed by the 6052-14 knob. */
bool nat64_rfc6052_allowed(const struct nat64_prefix6 *p, __be32 v4,
			   bool allow_nonglobal)
{
	if (!nat64_prefix6_is_wkp(p) || allow_nonglobal)
		return true;
	return nat64_ipv4_is_global(v4);
}
