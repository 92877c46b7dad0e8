/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The generic netlink family "NAT64" (see include/uapi/linux/nat64.h).
 */
#ifndef NAT64_NETLINK_H
#define NAT64_NETLINK_H

int nat64_netlink_init(void);
void nat64_netlink_exit(void);

#endif /* NAT64_NETLINK_H */
