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

u32 nat64_csum_pseudo4(const u8 *src, const u8 *dst, u8 proto, u32 len)
{
	u32 sum = nat64_csum_bytes(0, src, 4);

	sum = nat64_csum_bytes(sum, dst, 4);
	return sum + proto + (len >> 16) + (len & 0xffff);
}

u32 nat64_csum_pseudo6(const u8 *src, const u8 *dst, u8 proto, u32 len)
{
	u32 sum = nat64_csum_bytes(0, src, 16);

	sum = nat64_csum_bytes(sum, dst, 16);
	return sum + proto + (len >> 16) + (len & 0xffff);
}

u16 nat64_csum_ip4(const u8 *hdr, u32 len)
{
	u32 sum = nat64_csum_bytes(0, hdr, 10);

	sum = nat64_csum_bytes(sum, hdr + 12, len - 12);
	return nat64_csum_finish(sum);
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
