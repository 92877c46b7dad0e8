// SPDX-License-Identifier: GPL-2.0-only
/*
 * pool6: the RFC 6052 prefixes of an instance.
 *
 * A small array, published under RCU and replaced as a whole by writers
 * (who hold the namespace lock): the packet path reads it with no lock.
 */
#include <linux/slab.h>
#include <net/ipv6.h>

#include "instance.h"
#include "pool6.h"

static unsigned int pool6_limit(const struct nat64_instance *inst)
{
	/* A SIIT has one pool6 (RFC 7915); an AFTR serves many CPEs. */
	return inst->mode == NAT64_MODE_SIIT ? 1 : NAT64_POOL6_MAX;
}

static bool same(const struct nat64_prefix6 *a, const struct nat64_prefix6 *b)
{
	return a->len == b->len && ipv6_addr_equal(&a->addr, &b->addr);
}

/* One contains the other: lookups would shadow part of one of them. */
static bool overlap(const struct nat64_prefix6 *a,
		    const struct nat64_prefix6 *b)
{
	return nat64_prefix6_contains(a->len <= b->len ? a : b,
				      a->len <= b->len ? &b->addr : &a->addr);
}

static struct nat64_pool6 *pool6_alloc(unsigned int n)
{
	struct nat64_pool6 *p = kzalloc(struct_size(p, p, n), GFP_KERNEL);

	if (p)
		p->n = n;
	return p;
}

/* Process context, holds pn->lock. */
int nat64_pool6_add(struct nat64_pernet *pn, struct nat64_instance *inst,
		    const struct nat64_prefix6 *p,
		    struct netlink_ext_ack *extack)
{
	struct nat64_pool6 *old, *new;
	const char *why;
	unsigned int i, n;

	lockdep_assert_held(&pn->lock);
	why = nat64_prefix6_check(p);
	if (why) {
		/* A static string from src/, so it can be the ack text. */
		if (extack)
			extack->_msg = why;
		return -EINVAL;
	}
	old = rcu_dereference_protected(inst->pool6, lockdep_is_held(&pn->lock));
	n = old ? old->n : 0;
	for (i = 0; i < n; i++) {
		if (same(&old->p[i], p)) {
			NL_SET_ERR_MSG(extack, "the instance has that prefix");
			return -EEXIST;
		}
		if (overlap(&old->p[i], p)) {
			NL_SET_ERR_MSG(extack, "the prefix overlaps one the instance has");
			return -EEXIST;
		}
	}
	if (n >= pool6_limit(inst)) {
		if (inst->mode == NAT64_MODE_SIIT)
			NL_SET_ERR_MSG(extack, "a siit instance has one pool6 prefix; delete it first");
		else
			NL_SET_ERR_MSG(extack, "too many prefixes in this instance");
		return -ENOSPC;
	}
	new = pool6_alloc(n + 1);
	if (!new)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		new->p[i] = old->p[i];
	new->p[n] = *p;
	rcu_assign_pointer(inst->pool6, new);
	if (old)
		kfree_rcu(old, rcu);
	nat64_pernet_changed(pn);
	/* 6052-11: the WKP is for NAT64, not for IPv4-translatable hosts. */
	if (inst->mode == NAT64_MODE_SIIT && p->len == 96 &&
	    nat64_prefix6_is_wkp(p))
		pr_warn_once("nat64: instance %s uses 64:ff9b::/96 as a siit pool6 (RFC 6052 section 3.1 advises against it)\n",
			     inst->name);
	return 0;
}

/* Process context, holds pn->lock. */
int nat64_pool6_del(struct nat64_pernet *pn, struct nat64_instance *inst,
		    const struct nat64_prefix6 *p,
		    struct netlink_ext_ack *extack)
{
	struct nat64_pool6 *old, *new = NULL;
	unsigned int i, j;

	lockdep_assert_held(&pn->lock);
	old = rcu_dereference_protected(inst->pool6, lockdep_is_held(&pn->lock));
	for (i = 0; old && i < old->n; i++)
		if (same(&old->p[i], p))
			break;
	if (!old || i == old->n) {
		NL_SET_ERR_MSG(extack, "the instance has no such prefix");
		return -ENOENT;
	}
	if (old->n > 1) {
		new = pool6_alloc(old->n - 1);
		if (!new)
			return -ENOMEM;
		for (i = 0, j = 0; i < old->n; i++)
			if (!same(&old->p[i], p))
				new->p[j++] = old->p[i];
	}
	rcu_assign_pointer(inst->pool6, new);
	kfree_rcu(old, rcu);
	nat64_pernet_changed(pn);
	return 0;
}

/* The instance is unreachable for readers (after a grace period). */
void nat64_pool6_free(struct nat64_instance *inst)
{
	kfree(rcu_dereference_protected(inst->pool6, 1));
}

const struct nat64_prefix6 *nat64_pool6_find_rcu(struct nat64_instance *inst,
						 const struct in6_addr *a)
{
	const struct nat64_pool6 *pool = rcu_dereference(inst->pool6);
	unsigned int i;

	for (i = 0; pool && i < pool->n; i++)
		if (nat64_prefix6_contains(&pool->p[i], a))
			return &pool->p[i];
	return NULL;
}
