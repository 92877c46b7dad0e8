/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RFC 6052: IPv4-embedded IPv6 addresses.
 *
 * Every function here is pure: no locks, no allocation, no skbs. They may be
 * called from any context (hard/soft irq, process) and on the host.
 *
 * Layout of an IPv4-embedded IPv6 address (RFC 6052 section 2.2, figure 1),
 * byte offsets; "u" is byte 8 (bits 64-71) and is always zero:
 *
 *   /32  prefix 0-3   v4 4-7                   u  suffix 9-15
 *   /40  prefix 0-4   v4 5-7                   u  v4 9      suffix 10-15
 *   /48  prefix 0-5   v4 6-7                   u  v4 9-10   suffix 11-15
 *   /56  prefix 0-6   v4 7                     u  v4 9-11   suffix 12-15
 *   /64  prefix 0-7                            u  v4 9-12   suffix 13-15
 *   /96  prefix 0-11 (byte 8 included, must be 0)  v4 12-15
 */
#ifndef NAT64_RFC6052_H
#define NAT64_RFC6052_H

#include "compat.h"

/* A Pref64::/n. Valid ones have passed nat64_prefix6_check(). */
struct nat64_prefix6 {
	struct in6_addr addr;
	u8 len;
};

/* True if @len is one of the RFC 6052 lengths 32, 40, 48, 56, 64, 96. */
bool nat64_prefix6_len_valid(u8 len);

/*
 * Validate a Pref64::/n for configuration (6052-1, 6052-7, 6052-10).
 * Returns NULL when valid, else a short static English reason.
 */
const char *nat64_prefix6_check(const struct nat64_prefix6 *p);

/* True if the first p->len bits of @a equal those of p->addr. */
bool nat64_prefix6_contains(const struct nat64_prefix6 *p,
			    const struct in6_addr *a);

/* True if @p is exactly the Well-Known Prefix 64:ff9b::/96. */
bool nat64_prefix6_is_wkp(const struct nat64_prefix6 *p);

/*
 * False for the special-purpose IPv4 blocks of RFC 6890 / RFC 5735 section 3
 * that RFC 6052 section 3.1 calls non-global; true otherwise. @addr is in
 * network byte order.
 */
bool nat64_ipv4_is_global(__be32 addr);

/*
 * Build the IPv4-embedded IPv6 address of @v4 (network order) under @p into
 * @out: suffix bits and the u-octet are zero. @p must be valid; an invalid
 * length yields the unspecified address ::.
 */
void nat64_rfc6052_embed(const struct nat64_prefix6 *p, __be32 v4,
			 struct in6_addr *out);

/*
 * Recover the IPv4 address (network order) embedded in @a under @p.
 * Returns 0 and sets *@v4; -ENOENT if @a is not inside @p; -EINVAL if the
 * u-octet (byte 8) of @a is non-zero for p->len < 96 (RFC 6052 leaves this
 * unspecified; we treat such addresses as untranslatable) or if p->len is
 * not a valid length. Non-zero suffix bits are ignored (RFC 6052 2.2).
 */
int nat64_rfc6052_extract(const struct nat64_prefix6 *p,
			  const struct in6_addr *a, __be32 *v4);

/*
 * RFC 6052 section 3.1: may @p be used with @v4 (network order)? False only
 * when @p is the WKP, @v4 is not global and @allow_nonglobal (the knob of
 * draft-ietf-v6ops-nat64-wkp-1918, 6052-14) is off. Network-Specific
 * Prefixes, including RFC 8215's 64:ff9b:1::/48, are never restricted.
 */
bool nat64_rfc6052_allowed(const struct nat64_prefix6 *p, __be32 v4,
			   bool allow_nonglobal);

#endif /* NAT64_RFC6052_H */
