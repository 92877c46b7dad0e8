/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xtables target "NAT64" (include/uapi/linux/netfilter/xt_NAT64.h).
 */
#ifndef NAT64_XT_H
#define NAT64_XT_H

int nat64_xt_init(void);
void nat64_xt_exit(void);

#endif /* NAT64_XT_H */
