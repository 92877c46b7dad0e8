/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The packet path: one pipeline per direction.
 */
#ifndef NAT64_CORE_H
#define NAT64_CORE_H

#include <linux/skbuff.h>

struct nat64_globals;
struct nat64_instance;

unsigned int nat64_core_46(struct nat64_instance *inst, struct sk_buff *skb);
/* A TCP ACK, sequence and ack numbers zero, no data (6146-29). */
void nat64_tcp6_probe(struct nat64_instance *inst,
		      const struct in6_addr *src, u16 sport,
		      const struct in6_addr *dst, u16 dport);
/*
 * Sends ICMPv4 @type/@code from @src to @dst, quoting @data (@len bytes,
 * at most 548: the error is no longer than 576). Process or softirq
 * context.
 */
void nat64_icmp4_quote(struct nat64_instance *inst, __be32 src, __be32 dst,
		       u8 type, u8 code, const void *data, unsigned int len);
unsigned int nat64_core_64(struct nat64_instance *inst, struct sk_buff *skb);
/* Fills @g->xcfg from the rest of @g, before @g is published. */
void nat64_globals_derive(struct nat64_globals *g);

#endif /* NAT64_CORE_H */
