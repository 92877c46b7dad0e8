/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The event stream of the nat64 instances of a network namespace, over a
 * netlink session (nl.h): the multicast group "events" (NAT64_MCGRP_EVENTS,
 * whose messages nat64.h lists), and what a listener resynchronises from,
 * the port blocks of an instance (NAT64_CMD_PBA_GET).
 *
 *	nat64_event_listen(&nl, 1 << 20);
 *	for (;;) {
 *		poll() on nl_socket_get_fd(nl.sk);
 *		err = nat64_event_recv(&nl, fn, arg);
 *		-ENOBUFS: the kernel dropped messages (the receive buffer was
 *		full); the next event's number tells how many of an instance's
 *	}
 *
 * Each NAT64_CMD_EVENT carries its instance's event number, 1, 2, ... with
 * no gap: nat64_event_seq_note() turns the numbers a listener sees into
 * what it missed.
 *
 * Ports are in host order, addresses in network order.
 */
#ifndef NAT64_EVENT_H
#define NAT64_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <linux/nat64.h>

#include "det.h"	/* ../src: struct nat64_det */
#include "nl.h"

/* One message of the group, as far as its command is known. */
struct nat64_event_msg {
	uint8_t cmd;		/* NAT64_CMD_EVENT, _INSTANCE_NEW, _DEL, other */
	bool readable;		/* false: what cmd needs is missing or bad */
	char instance[NAT64_INSTANCE_NAMSIZ];	/* "" when not sent */
	unsigned int mode;	/* INSTANCE_NEW, _DEL: enum nat64_mode */
	/* NAT64_CMD_EVENT */
	unsigned int type;	/* enum nat64_event, or one we do not know */
	uint64_t seq;		/* the instance's event number */
	uint64_t time_ms;	/* realtime, ms since 1970 */
	struct in6_addr prefix6;	/* PBA_*, QUOTA, SUB_*: the subscriber */
	uint8_t plen6;
	struct in_addr addr4;	/* PBA_*, QUOTA, BIB_*: the IPv4 address */
	uint16_t port_min, port_max;	/* PBA_ALLOC, _RELEASE: the block */
	uint8_t proto;		/* BIB_*, SESSION_*: X'#x <-> T#t */
	struct in6_addr addr6;
	uint16_t port6, port4;
	struct in_addr remote4;	/* SESSION_*: the IPv4 peer Z#z */
	uint16_t rport;
	uint32_t limit;		/* QUOTA: subscriber-max-ports (0: not sent);
				   THRESHOLD: the threshold; DET_*: ports a
				   block (K) */
	uint32_t pool_id;	/* ADDR_FULL, THRESHOLD: natPoolId */
	uint8_t threshold;	/* THRESHOLD: enum nat64_threshold */
	struct nat64_det det;	/* DET_SET, DET_DEL: the rule (blocks: S) */
};

/* What an event carries besides its number, time and instance. */
enum nat64_event_shape {
	NAT64_EVENT_BARE,	/* nothing (an event we do not know) */
	NAT64_EVENT_BLOCK,	/* subscriber, address, ports */
	NAT64_EVENT_SUBSCRIBER,	/* subscriber, address */
	NAT64_EVENT_BIB,	/* proto, addr6, port6, addr4, port4 */
	NAT64_EVENT_SESSION,	/* the same, remote4, rport */
	NAT64_EVENT_POOL,	/* ADDR_FULL: proto, pool_id, the subscriber
				   (prefix6, plen6; addr4 is 0) */
	NAT64_EVENT_THRESHOLD,	/* threshold, limit, pool_id; for
				   NAT64_TH_SUB_MAPPINGS prefix6, plen6, addr4 */
	NAT64_EVENT_DET,	/* det, limit */
};

/*
 * "pba-alloc", "pba-release", "pba-full", "quota", "bib-add", "bib-del",
 * "session-add", "session-del", "addr-full", "threshold", "det-set",
 * "det-del", "sub-add", "sub-del", or NULL.
 */
const char *nat64_event_name(unsigned int type);
enum nat64_event_shape nat64_event_shape(unsigned int type);

/*
 * Opens a session (nat64_nl_open()) that listens to the group: libnl's
 * sequence checks off (the kernel numbers nothing it multicasts), a
 * receive buffer of rcvbuf bytes (SO_RCVBUFFORCE when allowed, so that
 * it may pass net.core.rmem_max), non-blocking. 0, or a negative errno
 * with nl->errmsg set (closed): -ENOENT when the module is not loaded or
 * has no such group, -EPERM.
 */
int nat64_event_listen(struct nat64_nl *nl, int rcvbuf);

/*
 * Called for each message received; a positive return stops the reading
 * (what else that read brought is dropped) and is what
 * nat64_event_recv() returns.
 */
typedef int (*nat64_event_fn)(const struct nat64_event_msg *ev, void *arg);

/*
 * One read from the socket, each message handed to fn. Returns 0 (or
 * fn's positive value), -EAGAIN when nothing was there, -ENOBUFS when the
 * kernel dropped messages for this socket since the last read (libnl
 * says -NLE_NOMEM for it), or another negative errno with nl->errmsg set.
 */
int nat64_event_recv(struct nat64_nl *nl, nat64_event_fn fn, void *arg);

/* The last event number seen of each instance, for gaps. */
struct nat64_event_seqs {
	struct {
		char name[NAT64_INSTANCE_NAMSIZ];
		uint64_t last;
		uint64_t used;	/* when last noted: the oldest goes first */
	} v[NAT64_INSTANCES_MAX];
	size_t n;
	uint64_t clock;
};

void nat64_event_seqs_init(struct nat64_event_seqs *s);

/*
 * Notes event seq of instance name: the number of events missed just
 * before it (0 for none, and for the first event of an instance, or a
 * number that went back: a new instance of the same name), the first of
 * them in *from, the last is seq - 1.
 */
uint64_t nat64_event_seq_note(struct nat64_event_seqs *s, const char *name,
			      uint64_t seq, uint64_t *from);

/* Forgets an instance: deleted, or created anew. */
void nat64_event_seq_forget(struct nat64_event_seqs *s, const char *name);

/* A port block of an instance and the subscriber that holds it. */
struct nat64_pba_block {
	struct in6_addr prefix6;
	uint8_t plen6;
	struct in_addr addr4;
	uint16_t port_min, port_max;
	uint32_t bindings;
};

struct nat64_pba_list {
	struct nat64_pba_block *v;	/* by address, then first port */
	size_t n, cap;
	uint64_t seq;	/* the largest event number of the replies, or 0 */
};

/*
 * Every port block of the instance (a dump): -ENOENT (no such instance),
 * -EINVAL (not a nat64 instance). seq is the event number the list is
 * current at: events after it change it. With no block the kernel sends
 * no reply, and seq stays 0.
 */
int nat64_pba_dump(struct nat64_nl *nl, const char *instance,
		   struct nat64_pba_list *out);
void nat64_pba_list_free(struct nat64_pba_list *list);

#endif /* NAT64_EVENT_H */
