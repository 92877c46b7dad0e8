/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Explicit Address Mapping table of an instance (RFC 7757).
 *
 * An entry maps the IPv4 prefix p4/l4 to the IPv6 prefix p6/l6, with
 * (32 - l4) <= (128 - l6) (RFC 7757 section 3.2). Lookups go both ways and
 * pick the longest matching prefix (section 3.3); the address's suffix
 * (the bits after the prefix) is carried over to the other side.
 *
 * This file depends on kernel headers only (not on the rest of mod/), so
 * that the KUnit module links it as it is.
 */
#ifndef NAT64_EAM_H
#define NAT64_EAM_H

#include <linux/in6.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/types.h>
#include <linux/nat64.h>	/* NAT64_EAM_MAX: entries per instance */

/* One mapping, as configured: p4/l4 <-> p6/l6. */
struct nat64_eam {
	struct in6_addr p6;
	__be32 p4;
	u8 l4;
	u8 l6;
};

/* Which halves of a nat64_eam a deletion names. */
#define NAT64_EAM_V4	BIT(0)
#define NAT64_EAM_V6	BIT(1)

struct nat64_eam_table;
struct nat64_eam_entry;

/*
 * Where a walk (a netlink dump) stands between two calls. Zero it before
 * the first call; the walker keeps it up to date.
 */
struct nat64_eam_cursor {
	struct nat64_eam_entry *next;	/* resume here, if gen still holds */
	u32 gen;			/* the table's generation last seen */
	u32 done;			/* entries already visited */
	bool over;			/* the walk reached the end */
};

/*
 * Process context. An empty table; its writers will hold @lock (which
 * lockdep checks). NULL when out of memory.
 */
struct nat64_eam_table *nat64_eam_alloc(struct mutex *lock);

/* Any context. Frees @t and its entries: no reader may be left. */
void nat64_eam_free(struct nat64_eam_table *t);

/*
 * Any context. Validates @m for configuration (7757-2, host bits, lengths).
 * Returns NULL when valid, else a short static English reason.
 */
const char *nat64_eam_check(const struct nat64_eam *m);

/*
 * Process context, holds the table's lock. 0, or -EINVAL (invalid, see
 * nat64_eam_check()), -EEXIST (an entry has that IPv4 prefix or that IPv6
 * prefix), -ENOSPC (NAT64_EAM_MAX entries) or -ENOMEM; the extended ack
 * says why.
 */
int nat64_eam_add(struct nat64_eam_table *t, const struct nat64_eam *m,
		  struct netlink_ext_ack *extack);

/*
 * Process context, holds the table's lock. Deletes the entry whose IPv4
 * prefix (@which has NAT64_EAM_V4), IPv6 prefix (NAT64_EAM_V6) or both are
 * those of @m. 0, -EINVAL (a malformed prefix) or -ENOENT.
 */
int nat64_eam_del(struct nat64_eam_table *t, const struct nat64_eam *m,
		  unsigned int which, struct netlink_ext_ack *extack);

/* Process context, holds the table's lock. Deletes every entry. */
void nat64_eam_flush(struct nat64_eam_table *t);

/* Any context. The number of entries (a snapshot). */
unsigned int nat64_eam_count(const struct nat64_eam_table *t);

/*
 * Any context, holds rcu_read_lock() (the packet path) or the table's
 * lock. Translates @in by the entry with the longest IPv4 prefix holding
 * it: true and *@out set, or false when no entry holds it. The cost
 * grows with the number of distinct prefix lengths, not of entries.
 */
bool nat64_eam_46_rcu(struct nat64_eam_table *t, __be32 in,
		      struct in6_addr *out);

/* The same, IPv6 to IPv4: trailing bits of @in are ignored (7757-6). */
bool nat64_eam_64_rcu(struct nat64_eam_table *t, const struct in6_addr *in,
		      __be32 *out);

/*
 * Holds rcu_read_lock(). Calls @fn for the entries from @c on, in the order
 * they were added, until @fn returns non-zero (the entry it refused is the
 * next one of @c) or the entries run out (c->over is set). Returns what
 * @fn returned, or 0. c->gen is the table's generation: it changes with
 * every add, delete and flush, and is never 0. When the table changed
 * since the previous call, the walk resumes by position (c->done), which
 * may skip or repeat entries: the caller reports such a walk as
 * inconsistent (genl_dump_check_consistent()).
 */
int nat64_eam_walk_rcu(struct nat64_eam_table *t, struct nat64_eam_cursor *c,
		       int (*fn)(const struct nat64_eam *m, void *arg),
		       void *arg);

#endif /* NAT64_EAM_H */
