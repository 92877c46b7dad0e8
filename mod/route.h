/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef NAT64_ROUTE_H
#define NAT64_ROUTE_H

#include <linux/in6.h>
#include <linux/types.h>
#include <net/dst.h>
#include <net/route.h>

struct net;

/*
 * The routes of an instance's packets, through a small per-CPU cache of
 * the kernel's own answers (route.c). A NULL cache: a lookup every time.
 */
struct nat64_route_cache;

/*
 * What the IPv4 routing table says of a destination: whether it is this
 * node's (local, broadcast, multicast) and, for a unicast route, its
 * prefix length (len; -1 when no unicast route matches).
 */
struct nat64_route4_info {
	bool local;
	s8 len;
};

struct nat64_route_cache *nat64_route_cache_alloc(void);
void nat64_route_cache_flush(struct nat64_route_cache *rc);
void nat64_route_cache_free(struct nat64_route_cache *rc);

void nat64_route4_info(struct net *net, struct nat64_route_cache *rc,
		       __be32 daddr, struct nat64_route4_info *ri);
struct rtable *nat64_route4(struct net *net, struct nat64_route_cache *rc,
			    __be32 daddr);
struct dst_entry *nat64_route6(struct net *net, struct nat64_route_cache *rc,
			       const struct in6_addr *daddr);
struct dst_entry *nat64_route6_rcu(struct net *net,
				   struct nat64_route_cache *rc,
				   const struct in6_addr *daddr, bool *held);
int nat64_route6_len(struct net *net, struct nat64_route_cache *rc,
		     const struct in6_addr *daddr);

#endif /* NAT64_ROUTE_H */
