/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A collector's network addresses, for nat64d's outputs (syslog.c,
 * ipfix.c): resolved once, then tried in turn, each connection attempt
 * on the next one. Sockets are non-blocking: a TCP connect() finishes
 * later, and a connected UDP socket hears the collector's ICMP
 * unreachable as ECONNREFUSED.
 */
#ifndef NAT64D_NET_H
#define NAT64D_NET_H

#include <stddef.h>
#include <sys/socket.h>

#include "nat64d.h"

#define ND_ADDRS_MAX	4	/* addresses of a collector tried */

struct nd_addrs {
	struct sockaddr_storage a[ND_ADDRS_MAX];
	socklen_t len[ND_ADDRS_MAX];
	unsigned int n;
	unsigned int next;	/* the one tried next */
};

/*
 * The addresses of @d for sockets of @type (SOCK_DGRAM, SOCK_STREAM), on
 * d->port or else @defport: 0, or -1 with @err filled as "@what: HOST
 * port PORT: why".
 */
int nd_resolve(const struct nd_dest *d, const char *defport, int type,
	       const char *what, struct nd_addrs *as, char *err,
	       size_t errlen);

/* A socket of @type connected, or connecting, to @sa: its fd or -errno. */
int nd_connect(int type, const struct sockaddr *sa, socklen_t len);

/* The same to the next address of @as, which must have one. */
int nd_connect_next(struct nd_addrs *as, int type);

#endif /* NAT64D_NET_H */
