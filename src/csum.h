/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internet checksum (RFC 1071) on byte views, and its incremental update
 * (RFC 1624). Pure functions, any context, kernel and host alike.
 *
 * A "sum" is an unfolded 32-bit accumulator of 16-bit words read in network
 * order (most significant byte first): values are host-order integers, so
 * nothing here depends on the CPU's endianness. A "checksum" is the 16-bit
 * value as stored in a header field, read with nat64_get16().
 *
 * Incremental update, RFC 1624 equation 3: HC' = ~(~HC + ~m + m'):
 *
 *	sum = nat64_csum_unfold(old_check);		(~HC)
 *	sum = nat64_csum_sub(sum, old_part);		(+ ~m)
 *	sum = nat64_csum_add(sum, new_part);		(+ m')
 *	new_check = nat64_csum_finish(sum);		(~fold)
 */
#ifndef NAT64_CSUM_H
#define NAT64_CSUM_H

#include "compat.h"

/* Big-endian 16/32-bit loads and stores on unaligned bytes. */
static inline u16 nat64_get16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static inline u32 nat64_get32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* The same, 64 bits (one load and a byte swap where the CPU allows). */
static inline u64 nat64_get64(const u8 *p)
{
	u64 v;

	memcpy(&v, p, sizeof(v));
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap64(v);
#endif
	return v;
}

static inline void nat64_put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static inline void nat64_put32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

/* Fold @sum to 16 bits with end-around carry (not complemented). */
u16 nat64_csum_fold(u32 sum);

/* @sum plus the 16-bit word @v. */
static inline u32 nat64_csum_add16(u32 sum, u16 v)
{
	return nat64_csum_fold(sum) + v;
}

/* @sum minus the 16-bit word @v (plus its one's complement). */
static inline u32 nat64_csum_sub16(u32 sum, u16 v)
{
	return nat64_csum_fold(sum) + (u16)~v;
}

/* @sum plus the partial sum @part. */
static inline u32 nat64_csum_add(u32 sum, u32 part)
{
	return nat64_csum_add16(sum, nat64_csum_fold(part));
}

/* @sum minus the partial sum @part. */
static inline u32 nat64_csum_sub(u32 sum, u32 part)
{
	return nat64_csum_sub16(sum, nat64_csum_fold(part));
}

/*
 * @sum plus the bytes @p[0..@len) as 16-bit network-order words; an odd
 * last byte is padded with a zero byte. @p may be unaligned; @len counts
 * from an even offset of the checksummed data.
 */
u32 nat64_csum_bytes(u32 sum, const u8 *p, u32 len);

/* The accumulator to start an incremental update of checksum @check. */
static inline u32 nat64_csum_unfold(u16 check)
{
	return (u16)~check;
}

/* The checksum field value for the accumulated @sum. */
static inline u16 nat64_csum_finish(u32 sum)
{
	return (u16)~nat64_csum_fold(sum);
}

/* True if data whose sum (checksum field included) is @sum verifies. */
static inline bool nat64_csum_ok(u32 sum)
{
	return nat64_csum_fold(sum) == 0xffff;
}

/*
 * Partial sums of the pseudo-headers: RFC 768/793 (IPv4, @src and @dst
 * point at 4 bytes each) and RFC 8200 section 8.1 (IPv6, 16 bytes each).
 * @len is the upper-layer length, @proto the protocol / next header.
 */
u32 nat64_csum_pseudo4(const u8 *src, const u8 *dst, u8 proto, u32 len);
u32 nat64_csum_pseudo6(const u8 *src, const u8 *dst, u8 proto, u32 len);

/* The IPv4 header checksum of @hdr (@len >= 20 bytes, checksum field ignored). */
u16 nat64_csum_ip4(const u8 *hdr, u32 len);

/*
 * Replace the address part of a TCP/UDP/DCCP checksum: @check covers an
 * IPv4 pseudo-header with @src4/@dst4, the result covers one with
 * @src6/@dst6 instead (lengths and protocol are the same in both), and the
 * other way round for nat64_csum_64(). RFC 1624; a wrong checksum stays
 * wrong (7915-32).
 */
u16 nat64_csum_46(u16 check, const u8 *src4, const u8 *dst4,
		  const u8 *src6, const u8 *dst6);
u16 nat64_csum_64(u16 check, const u8 *src6, const u8 *dst6,
		  const u8 *src4, const u8 *dst4);

#endif /* NAT64_CSUM_H */
