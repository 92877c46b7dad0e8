/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small set of IPv4 prefixes: the denylist of an instance (addresses
 * never translated) and its RFC 6791 pool (sources for ICMP errors whose
 * IPv6 source cannot be translated).
 *
 * An array published under RCU and replaced as a whole by writers, who
 * hold the namespace lock; the packet path reads it with no lock.
 */
#ifndef NAT64_ADDR4SET_H
#define NAT64_ADDR4SET_H

#include <linux/netlink.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

struct nat64_prefix4 {
	__be32 addr;
	u8 len;
};

/* Immutable once published. */
struct nat64_addr4set {
	struct rcu_head rcu;
	unsigned int n;
	u64 size;			/* addresses in all the prefixes */
	struct nat64_prefix4 p[];
};

/*
 * Process context, the set's writers' lock held. -EINVAL (host bits set),
 * -EEXIST (that prefix or one overlapping it), -ENOSPC
 * (NAT64_ADDR4_SET_MAX) or -ENOMEM; the extended ack says why.
 */
int nat64_addr4set_add(struct nat64_addr4set __rcu **set,
		       const struct nat64_prefix4 *p, struct mutex *lock,
		       struct netlink_ext_ack *extack);
/* The same; -ENOENT when the set does not have exactly that prefix. */
int nat64_addr4set_del(struct nat64_addr4set __rcu **set,
		       const struct nat64_prefix4 *p, struct mutex *lock,
		       struct netlink_ext_ack *extack);
/* The same; empties the set. */
void nat64_addr4set_flush(struct nat64_addr4set __rcu **set,
			  struct mutex *lock);
/* No reader is left. */
void nat64_addr4set_free(struct nat64_addr4set __rcu **set);

/* Holds rcu_read_lock(). Whether a prefix of the set holds @a. */
bool nat64_addr4set_has_rcu(struct nat64_addr4set __rcu **set, __be32 a);

/*
 * Holds rcu_read_lock(). The @n-th address of the set, counting across
 * its prefixes (modulo its size), into *@out; false when it is empty.
 */
bool nat64_addr4set_nth_rcu(struct nat64_addr4set __rcu **set, u32 n,
			    __be32 *out);

#endif /* NAT64_ADDR4SET_H */
