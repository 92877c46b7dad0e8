/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * nat64: the xtables target "NAT64", revision 0.
 *
 *   iptables  -t mangle -A PREROUTING ... -j NAT64 --instance NAME
 *   ip6tables -t mangle -A PREROUTING ... -j NAT64 --instance NAME
 *
 * Hands the packets a rule matches to the instance NAME of the rule's
 * network namespace, which must have been created with NAT64_A_FRAMEWORK
 * = NAT64_FW_IPTABLES (nat64ctl instance add NAME --framework iptables).
 * Valid in the mangle table, PREROUTING chain only, for IPv4 and IPv6.
 *
 * Rule time (checkentry): the rule is refused (EINVAL, the reason in the
 * kernel log) when NAME is not a valid instance name, when no instance of
 * that name exists in the namespace, when the instance's framework is
 * netfilter (its own hooks already translate; the rule would hand it the
 * packets a second time), or when its mode has no data path yet.
 *
 * Packet time: a packet the instance translates (or drops, counted) ends
 * there; a packet it does not take, or any packet while no suitable
 * instance of that name exists (deleted after the rule was added),
 * continues with the next rule (XT_CONTINUE) and is counted by nothing.
 *
 * The structure is fixed: a change is a new revision.
 */
#ifndef _UAPI_XT_NAT64_H
#define _UAPI_XT_NAT64_H

#include <linux/nat64.h>

struct xt_nat64_tginfo {
	char instance[NAT64_INSTANCE_NAMSIZ];	/* NUL-terminated */
};

#endif /* _UAPI_XT_NAT64_H */
