/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The events a carrier logs (NAT64_CMD_EVENT on the "events" multicast
 * group): port blocks given and taken back, their exhaustion, static BIB
 * entries added and deleted, and (when the global session-events is on)
 * every session created and ended. Each carries its instance's event number,
 * which grows by one for every event, so that a listener knows how many
 * it missed.
 */
#ifndef NAT64_EVENT_H
#define NAT64_EVENT_H

#include <linux/in6.h>
#include <linux/types.h>

struct nat64_instance;
struct nat64_det;

/* What an event says; which fields count depends on @type. */
struct nat64_event_info {
	u8 type;			/* enum nat64_event */
	u8 proto;			/* BIB_*: IPPROTO_TCP, _UDP, _ICMP */
	u8 plen6;			/* PBA_*, QUOTA: the subscriber's */
	struct in6_addr addr6;		/* the subscriber prefix, or X' */
	__be32 addr4;
	u16 port6, port4;		/* BIB_* */
	u16 port_min, port_max;		/* PBA_ALLOC, PBA_RELEASE */
	__be32 remote4;			/* SESSION_*: the IPv4 peer */
	u16 rport;
	/* QUOTA: subscriber-max-ports; THRESHOLD: it; DET_*: ports a block */
	u32 limit;
	u32 pool_id;			/* ADDR_FULL, THRESHOLD */
	u8 threshold;			/* enum nat64_threshold */
	const struct nat64_det *det;	/* DET_SET, DET_DEL: the rule */
};

/*
 * Numbers the event and multicasts it when someone listens. Any context
 * (it allocates with GFP_ATOMIC); counts event_sent, or event_lost when a
 * listener could not take it.
 */
void nat64_event(struct nat64_instance *inst, const struct nat64_event_info *e);

/* Around the family's life (netlink.c): no event before or after. */
void nat64_events_start(void);
void nat64_events_stop(void);

/* The number of the instance's last event (0: none yet). */
u64 nat64_event_seq(const struct nat64_instance *inst);

#endif /* NAT64_EVENT_H */
