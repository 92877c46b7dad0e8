// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small set of IPv4 prefixes (see addr4set.h).
 */
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/nat64.h>

#include "addr4set.h"

static __be32 mask(u8 len)
{
	return len ? htonl(~0U << (32 - len)) : 0;
}

static bool holds(const struct nat64_prefix4 *p, __be32 a)
{
	return !((a ^ p->addr) & mask(p->len));
}

static struct nat64_addr4set *set_alloc(unsigned int n)
{
	struct nat64_addr4set *s = kzalloc(struct_size(s, p, n), GFP_KERNEL);

	if (s)
		s->n = n;
	return s;
}

/* Publishes @new (NULL when empty) in place of the old set. */
static void publish(struct nat64_addr4set __rcu **set,
		    struct nat64_addr4set *new, struct nat64_addr4set *old)
{
	unsigned int i;

	for (i = 0; new && i < new->n; i++)
		new->size += 1ULL << (32 - new->p[i].len);
	rcu_assign_pointer(*set, new);
	if (old)
		kfree_rcu(old, rcu);
}

int nat64_addr4set_add(struct nat64_addr4set __rcu **set,
		       const struct nat64_prefix4 *p, struct mutex *lock,
		       struct netlink_ext_ack *extack)
{
	struct nat64_addr4set *old, *new;
	unsigned int i, n;

	old = rcu_dereference_protected(*set, lockdep_is_held(lock));
	if (p->len > 32 || (p->addr & ~mask(p->len))) {
		NL_SET_ERR_MSG(extack, "the prefix has bits set past its length");
		return -EINVAL;
	}
	n = old ? old->n : 0;
	for (i = 0; i < n; i++) {
		const struct nat64_prefix4 *q = &old->p[i];

		if (holds(q->len <= p->len ? q : p,
			  q->len <= p->len ? p->addr : q->addr)) {
			if (q->len == p->len && q->addr == p->addr)
				NL_SET_ERR_MSG(extack, "the set has that prefix");
			else
				NL_SET_ERR_MSG(extack, "the prefix overlaps one of the set");
			return -EEXIST;
		}
	}
	if (n >= NAT64_ADDR4_SET_MAX) {
		NL_SET_ERR_MSG(extack, "the set is full");
		return -ENOSPC;
	}
	new = set_alloc(n + 1);
	if (!new)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		new->p[i] = old->p[i];
	new->p[n] = *p;
	publish(set, new, old);
	return 0;
}

int nat64_addr4set_del(struct nat64_addr4set __rcu **set,
		       const struct nat64_prefix4 *p, struct mutex *lock,
		       struct netlink_ext_ack *extack)
{
	struct nat64_addr4set *old, *new = NULL;
	unsigned int i, j;

	old = rcu_dereference_protected(*set, lockdep_is_held(lock));
	for (i = 0; old && i < old->n; i++)
		if (old->p[i].addr == p->addr && old->p[i].len == p->len)
			break;
	if (!old || i == old->n) {
		NL_SET_ERR_MSG(extack, "the set has no such prefix");
		return -ENOENT;
	}
	if (old->n > 1) {
		new = set_alloc(old->n - 1);
		if (!new)
			return -ENOMEM;
		for (i = 0, j = 0; i < old->n; i++)
			if (old->p[i].addr != p->addr ||
			    old->p[i].len != p->len)
				new->p[j++] = old->p[i];
	}
	publish(set, new, old);
	return 0;
}

void nat64_addr4set_flush(struct nat64_addr4set __rcu **set,
			  struct mutex *lock)
{
	publish(set, NULL, rcu_dereference_protected(*set,
						     lockdep_is_held(lock)));
}

void nat64_addr4set_free(struct nat64_addr4set __rcu **set)
{
	kfree(rcu_dereference_protected(*set, 1));
	RCU_INIT_POINTER(*set, NULL);
}

bool nat64_addr4set_has_rcu(struct nat64_addr4set __rcu **set, __be32 a)
{
	const struct nat64_addr4set *s = rcu_dereference(*set);
	unsigned int i;

	for (i = 0; s && i < s->n; i++)
		if (holds(&s->p[i], a))
			return true;
	return false;
}

bool nat64_addr4set_nth_rcu(struct nat64_addr4set __rcu **set, u32 n,
			    __be32 *out)
{
	const struct nat64_addr4set *s = rcu_dereference(*set);
	u64 at;
	unsigned int i;

	if (!s || !s->n)
		return false;
	at = n % s->size;
	for (i = 0; i < s->n; i++) {
		u64 sz = 1ULL << (32 - s->p[i].len);

		if (at < sz) {
			*out = htonl(ntohl(s->p[i].addr) + (u32)at);
			return true;
		}
		at -= sz;
	}
	return false;
}
