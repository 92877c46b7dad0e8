/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The packet path: one pipeline per direction.
 */
#ifndef NAT64_CORE_H
#define NAT64_CORE_H

#include <linux/skbuff.h>

struct nat64_instance;

unsigned int nat64_core_46(struct nat64_instance *inst, struct sk_buff *skb);
unsigned int nat64_core_64(struct nat64_instance *inst, struct sk_buff *skb);

#endif /* NAT64_CORE_H */
