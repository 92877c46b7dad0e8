// SPDX-License-Identifier: GPL-2.0-only
/*
 * Routing for the packet path: the IPv4 route of a translated packet, the
 * IPv6 route of a translated packet, and the two questions RFC 7915 asks
 * of the routing table before translating (is an IPv4 destination this
 * node's, and is there a native route longer than the translating
 * prefix, 7915-33).
 *
 * Each answer is the kernel's own lookup, kept in a small per-CPU cache
 * of the instance, indexed by the destination address and checked before
 * use the way a socket checks its cached route:
 *
 * - IPv4: an entry is valid while the namespace's IPv4 route generation
 *   (rt_genid_ipv4(), bumped on every change of the FIB that a lookup
 *   may have used, of an address or of a device) is the one it was
 *   filled under, and its route is not marked dead (the rest of what
 *   ipv4_dst_check() asks);
 * - IPv6: an entry is a route and the cookie of the FIB node it came
 *   from; dst_check() with that cookie fails once a route was added
 *   under or above that node, or the node's route was deleted. "No
 *   route at all" is kept too, while the namespace's IPv6 route serial
 *   (rt_genid_ipv6(), which every added route moves) stays the same.
 *
 * A miss costs the lookup the kernel would make anyway, plus a reference
 * taken on the route for the cache. The cache holds at most one route per
 * slot; a route it holds keeps no device alive (the kernel moves the
 * routes of a device that goes away to the blackhole device). When the
 * instance goes, its routes are released at once, once no packet can
 * reach it (nat64_route_cache_flush()), before the namespace's routing
 * can go.
 *
 * Only softirq (or BH-disabled) callers use the cache: nothing else runs
 * on that CPU's copy meanwhile. A hairpinned packet calls it again from
 * inside a call, which is sequential: no pointer into an entry is kept
 * across a lookup, and every route returned carries its own reference.
 */
#include <linux/hash.h>
#include <linux/percpu.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <net/ip6_fib.h>
#include <net/ip6_route.h>
#include <net/ip_fib.h>

#include "route.h"

#define RC_BITS	8
#define RC_SLOTS (1U << RC_BITS)

struct rc4 {
	__be32 addr;
	int genid;			/* rt_genid_ipv4() when filled */
	struct dst_entry *dst;		/* held; NULL: not looked up */
	bool have_info;
	struct nat64_route4_info info;
};

struct rc6 {
	struct in6_addr addr;
	struct dst_entry *dst;		/* held (maybe an error route) */
	u32 cookie;			/* of the FIB node it came from */
	int serial;			/* no route: rt_genid_ipv6() then */
	s16 len;			/* that node's prefix length; -1 */
	bool none;			/* no route (!dst) */
};

struct rc_cpu {
	struct rc4 v4[RC_SLOTS];
	struct rc6 v6[RC_SLOTS];
};

struct nat64_route_cache {
	struct rc_cpu __percpu *cpu;
	u32 seed;
};

/* --- the lookups themselves ---------------------------------------------- */

static void info4_lookup(struct net *net, __be32 daddr,
			 struct nat64_route4_info *ri)
{
	struct flowi4 fl4 = { .daddr = daddr };
	struct fib_result res;

	ri->local = ipv4_is_multicast(daddr) || ipv4_is_lbcast(daddr) ||
		    ipv4_is_zeronet(daddr);
	ri->len = -1;
	if (ri->local || fib_lookup(net, &fl4, &res, 0))
		return;
	ri->local = res.type == RTN_LOCAL || res.type == RTN_BROADCAST ||
		    res.type == RTN_ANYCAST || res.type == RTN_MULTICAST;
	if (res.type == RTN_UNICAST)
		ri->len = res.prefixlen;
}

static struct rtable *route4_lookup(struct net *net, __be32 daddr)
{
	struct flowi4 fl4 = {
		.daddr = daddr,
		.flowi4_flags = FLOWI_FLAG_ANYSRC,
	};

	return ip_route_output_key(net, &fl4);
}

/* A route with a reference, maybe one that rejects (dst->error). */
static struct dst_entry *route6_any(struct net *net,
				    const struct in6_addr *daddr)
{
	struct flowi6 fl6 = {
		.daddr = *daddr,
		.flowi6_flags = FLOWI_FLAG_ANYSRC,
	};

	return ip6_route_output(net, NULL, &fl6);
}

static struct dst_entry *route6_lookup(struct net *net,
				       const struct in6_addr *daddr)
{
	struct dst_entry *dst = route6_any(net, daddr);

	if (dst->error) {
		dst_release(dst);
		return NULL;
	}
	return dst;
}

/* The prefix length of the FIB entry a route came from, or -1 (none, or
 * one that rejects).
 */
static int len6_of(const struct dst_entry *dst)
{
	const struct rt6_info *rt = (const struct rt6_info *)dst;
	const struct fib6_info *from;
	int len = -1;

	if (dst->error)
		return -1;
	rcu_read_lock();
	from = rcu_dereference(rt->from);
	if (from && !(from->fib6_flags & RTF_REJECT))
		len = from->fib6_dst.plen;
	rcu_read_unlock();
	return len;
}

/* --- the cache ----------------------------------------------------------- */

/* @rc NULL: no cache (packets the module makes itself) */
static bool cached(const struct nat64_route_cache *rc)
{
	return rc && in_softirq();
}

static struct rc4 *slot4(struct nat64_route_cache *rc, __be32 a)
{
	return &this_cpu_ptr(rc->cpu)->v4[hash_32((__force u32)a ^ rc->seed,
						  RC_BITS)];
}

static struct rc6 *slot6(struct nat64_route_cache *rc,
			 const struct in6_addr *a)
{
	u32 x = (__force u32)(a->s6_addr32[0] ^ a->s6_addr32[1] ^
			      a->s6_addr32[2] ^ a->s6_addr32[3]);

	return &this_cpu_ptr(rc->cpu)->v6[hash_32(x ^ rc->seed, RC_BITS)];
}

static bool rc4_hit(const struct rc4 *e, __be32 a, int genid)
{
	return e->addr == a && e->genid == genid;
}

/* @e now stands for @a at @genid: what it held for another is dropped. */
static void rc4_claim(struct rc4 *e, __be32 a, int genid)
{
	if (rc4_hit(e, a, genid))
		return;
	dst_release(e->dst);
	e->dst = NULL;
	e->have_info = false;
	e->addr = a;
	e->genid = genid;
}

/*
 * dst_check() of an IPv6 route without its indirect call, for the common
 * case: a route of the FIB (not one made for a single address, with a
 * serial of its own), neither it nor its FIB entry set to expire. Then
 * ip6_dst_check() asks only that the route is not marked dead and that its
 * FIB node's cookie is the one it was filled under. Any other route goes
 * to dst_check() itself.
 */
static bool rc6_valid(struct dst_entry *dst, u32 cookie)
{
	const struct rt6_info *rt = (const struct rt6_info *)dst;
	/* the packet path is a reader already (softirq, under the hook's
	 * rcu_read_lock()): the entry the route came from stays meanwhile
	 */
	struct fib6_info *from = rcu_dereference_bh(rt->from);
	u32 now = 0;

	if (likely(!rt->sernum && from &&
		   READ_ONCE(dst->obsolete) == DST_OBSOLETE_FORCE_CHK &&
		   !(rt->rt6i_flags & RTF_EXPIRES) &&
		   !(READ_ONCE(from->fib6_flags) & RTF_EXPIRES)))
		return fib6_get_cookie_safe(from, &now) && now == cookie;
	return dst_check(dst, cookie);
}

/* The entry of @a, valid, looked up again if it was not. */
static struct rc6 *rc6_get(struct net *net, struct nat64_route_cache *rc,
			   const struct in6_addr *a)
{
	/* read before the lookup: a route added meanwhile moves it */
	int serial = rt_genid_ipv6(net);
	struct rc6 *e = slot6(rc, a);
	struct dst_entry *dst;

	if (ipv6_addr_equal(&e->addr, a) &&
	    (e->dst ? rc6_valid(e->dst, e->cookie) :
		      e->none && e->serial == serial))
		return e;
	dst = route6_any(net, a);
	dst_release(e->dst);
	e->addr = *a;
	e->none = dst == &net->ipv6.ip6_null_entry->dst;
	if (e->none) {
		/* only a new route can change that */
		dst_release(dst);
		e->dst = NULL;
		e->serial = serial;
		e->len = -1;
		return e;
	}
	e->dst = dst;
	/* as a socket does: the cookie is read after the lookup */
	e->cookie = rt6_get_cookie((struct rt6_info *)dst);
	e->len = len6_of(dst);
	return e;
}

void nat64_route4_info(struct net *net, struct nat64_route_cache *rc,
		       __be32 daddr, struct nat64_route4_info *ri)
{
	struct rc4 *e;
	int genid;

	if (!cached(rc)) {
		info4_lookup(net, daddr, ri);
		return;
	}
	/* read before the lookup: a change meanwhile invalidates it */
	genid = rt_genid_ipv4(net);
	e = slot4(rc, daddr);
	if (rc4_hit(e, daddr, genid) && e->have_info) {
		*ri = e->info;
		return;
	}
	info4_lookup(net, daddr, ri);
	rc4_claim(e, daddr, genid);
	e->info = *ri;
	e->have_info = true;
}

/* A route with a reference of its own, or an ERR_PTR. */
struct rtable *nat64_route4(struct net *net, struct nat64_route_cache *rc,
			    __be32 daddr)
{
	struct rtable *rt;
	struct rc4 *e;
	int genid;

	if (!cached(rc))
		return route4_lookup(net, daddr);
	genid = rt_genid_ipv4(net);
	e = slot4(rc, daddr);
	/*
	 * ipv4_dst_check() inline, without the indirect call: the route's
	 * generation is the entry's (checked above; the kernel gives out
	 * no route of an older one), so only its being marked dead is left.
	 */
	if (rc4_hit(e, daddr, genid) && e->dst &&
	    READ_ONCE(e->dst->obsolete) == DST_OBSOLETE_FORCE_CHK) {
		dst_hold(e->dst);
		return (struct rtable *)e->dst;
	}
	rt = route4_lookup(net, daddr);
	if (IS_ERR(rt))
		return rt;
	rc4_claim(e, daddr, genid);
	dst_release(e->dst);
	e->dst = dst_clone(&rt->dst);
	return rt;
}

/* A route with a reference of its own, or NULL when there is none. */
struct dst_entry *nat64_route6(struct net *net, struct nat64_route_cache *rc,
			       const struct in6_addr *daddr)
{
	struct rc6 *e;

	if (!cached(rc))
		return route6_lookup(net, daddr);
	e = rc6_get(net, rc, daddr);
	if (!e->dst || e->dst->error)
		return NULL;
	dst_hold(e->dst);
	return e->dst;
}

/*
 * nat64_route6() without a reference (*@held false), for the packet path
 * in softirq, or with one (*@held true) elsewhere. The route stays
 * valid until the caller leaves its RCU read side (a cached route that is
 * replaced meanwhile is freed after a grace period). An skb takes it with
 * skb_dst_set_noref(); whatever keeps the skb longer (a qdisc, a
 * neighbour's queue) takes a reference then, as for the routes of
 * ip_route_input_noref().
 */
struct dst_entry *nat64_route6_rcu(struct net *net,
				   struct nat64_route_cache *rc,
				   const struct in6_addr *daddr, bool *held)
{
	struct rc6 *e;

	*held = !cached(rc);
	if (*held)
		return route6_lookup(net, daddr);
	e = rc6_get(net, rc, daddr);
	if (!e->dst || e->dst->error)
		return NULL;
	return e->dst;
}

/*
 * The prefix length of the route @daddr would take, or -1 when it has
 * none (no route, or one that rejects).
 */
int nat64_route6_len(struct net *net, struct nat64_route_cache *rc,
		     const struct in6_addr *daddr)
{
	struct dst_entry *dst;
	int len;

	if (cached(rc))
		return rc6_get(net, rc, daddr)->len;
	dst = route6_any(net, daddr);
	len = len6_of(dst);
	dst_release(dst);
	return len;
}

struct nat64_route_cache *nat64_route_cache_alloc(void)
{
	struct nat64_route_cache *rc = kzalloc(sizeof(*rc), GFP_KERNEL);

	if (!rc)
		return NULL;
	rc->cpu = alloc_percpu(struct rc_cpu);
	if (!rc->cpu) {
		kfree(rc);
		return NULL;
	}
	rc->seed = get_random_u32();
	return rc;
}

/* No packet uses @rc any more: every route it holds is released. */
void nat64_route_cache_flush(struct nat64_route_cache *rc)
{
	struct rc_cpu *c;
	unsigned int i;
	int cpu;

	for_each_possible_cpu(cpu) {
		c = per_cpu_ptr(rc->cpu, cpu);
		for (i = 0; i < RC_SLOTS; i++) {
			dst_release(c->v4[i].dst);
			dst_release(c->v6[i].dst);
		}
		memset(c, 0, sizeof(*c));
	}
}

void nat64_route_cache_free(struct nat64_route_cache *rc)
{
	if (!rc)
		return;
	nat64_route_cache_flush(rc);
	free_percpu(rc->cpu);
	kfree(rc);
}
