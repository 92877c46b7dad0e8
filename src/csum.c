// SPDX-License-Identifier: GPL-2.0-only
/*
 * Internet checksum helpers (RFC 1071, RFC 1624). Pure, any context.
 */
#include "compat.h"
#include "csum.h"

u16 nat64_csum_fold(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)sum;
}

/*
 * Summed 32 bits at a time (big-endian words): 2^16 = 1 modulo 2^16 - 1,
 * so folding the 64-bit total gives the sum of the 16-bit words.
 */
u32 nat64_csum_bytes(u32 sum, const u8 *p, u32 len)
{
	u64 acc = sum;
	u32 i;

	for (i = 0; i + 3 < len; i += 4)
		acc += nat64_get32(p + i);
	if (len - i >= 2) {
		acc += nat64_get16(p + i);
		i += 2;
	}
	if (i < len)
		acc += (u32)p[i] << 8;
	while (acc >> 32)
		acc = (acc & 0xffffffff) + (acc >> 32);
	return nat64_csum_fold((u32)(acc & 0xffff) + (u32)(acc >> 16));
}

/* A 64-bit sum of 32-bit words folded to 16 bits (end-around carry). */
static u32 fold64(u64 acc)
{
	acc = (acc & 0xffffffff) + (acc >> 32);
	acc = (acc & 0xffffffff) + (acc >> 32);
	return nat64_csum_fold((u32)(acc & 0xffff) + (u32)(acc >> 16));
}

/* The pseudo-headers: addresses of fixed size, summed without a loop. */
u32 nat64_csum_pseudo4(const u8 *src, const u8 *dst, u8 proto, u32 len)
{
	u64 acc = (u64)nat64_get32(src) + nat64_get32(dst);

	return fold64(acc) + proto + (len >> 16) + (len & 0xffff);
}

/*
 * 64-bit words with the end-around carry added at once: 2^64 = 1 modulo
 * 2^16 - 1 too, so the folded total is the same sum of 16-bit words.
 */
static u64 add_ec(u64 acc, u64 w)
{
	acc += w;
	return acc + (acc < w);
}

u32 nat64_csum_pseudo6(const u8 *src, const u8 *dst, u8 proto, u32 len)
{
	u64 acc = nat64_get64(src);

	acc = add_ec(acc, nat64_get64(src + 8));
	acc = add_ec(acc, nat64_get64(dst));
	acc = add_ec(acc, nat64_get64(dst + 8));
	return fold64(acc) + proto + (len >> 16) + (len & 0xffff);
}

u16 nat64_csum_ip4(const u8 *hdr, u32 len)
{
	/* the fixed 20 bytes but the checksum field (bytes 10 and 11) */
	u64 acc = add_ec(nat64_get64(hdr), nat64_get16(hdr + 8));

	acc = add_ec(acc, nat64_get64(hdr + 12));

	if (len > 20)
		return nat64_csum_finish(nat64_csum_bytes(fold64(acc),
							  hdr + 20, len - 20));
	return nat64_csum_finish(fold64(acc));
}

u16 nat64_csum_46(u16 check, const u8 *src4, const u8 *dst4,
		  const u8 *src6, const u8 *dst6)
{
	u32 sum = nat64_csum_unfold(check);

	sum = nat64_csum_sub(sum, nat64_csum_pseudo4(src4, dst4, 0, 0));
	sum = nat64_csum_add(sum, nat64_csum_pseudo6(src6, dst6, 0, 0));
	return nat64_csum_finish(sum);
}

u16 nat64_csum_64(u16 check, const u8 *src6, const u8 *dst6,
		  const u8 *src4, const u8 *dst4)
{
	u32 sum = nat64_csum_unfold(check);

	sum = nat64_csum_sub(sum, nat64_csum_pseudo6(src6, dst6, 0, 0));
	sum = nat64_csum_add(sum, nat64_csum_pseudo4(src4, dst4, 0, 0));
	return nat64_csum_finish(sum);
}
