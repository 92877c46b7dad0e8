// SPDX-License-Identifier: GPL-2.0-only
/*
 * The events of event.h, as generic netlink multicast messages.
 *
 * The number of an event is taken whether or not anyone listens: a
 * collector that starts late, or that dumps the port blocks to catch up
 * (NAT64_CMD_PBA_GET carries the number the dump is current at), knows
 * where it stands. Delivery is the netlink layer's: a listener whose
 * receive buffer is full loses the message and gets ENOBUFS, and the
 * kernel counts event_lost.
 */
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/nat64.h>
#include <net/genetlink.h>

#include "det.h"
#include "event.h"
#include "instance.h"
#include "netlink.h"
#include "state_nl.h"
#include "stats.h"

/* Whether the family is registered: events go nowhere before or after. */
static bool events_up;

void nat64_events_start(void)
{
	WRITE_ONCE(events_up, true);
}

void nat64_events_stop(void)
{
	WRITE_ONCE(events_up, false);
	synchronize_rcu();	/* no sender is still inside */
}

u64 nat64_event_seq(const struct nat64_instance *inst)
{
	return atomic64_read(&inst->event_seq);
}

/* The rule, with S and K as the formula counts them. */
static int put_det(struct sk_buff *skb, const struct nat64_det *d)
{
	if (nat64_det_put(skb, d) ||
	    nla_put_u32(skb, NAT64_A_BLOCKS, nat64_det_blocks(d)) ||
	    nla_put_u32(skb, NAT64_A_LIMIT, nat64_det_ports(d)))
		return -EMSGSIZE;
	return 0;
}

static int put_fields(struct sk_buff *skb, const struct nat64_event_info *e)
{
	switch (e->type) {
	case NAT64_EV_DET_SET:
	case NAT64_EV_DET_DEL:
		return put_det(skb, e->det);
	case NAT64_EV_ADDR_FULL:
		if (nla_put_u8(skb, NAT64_A_PROTO, e->proto) ||
		    nla_put_u32(skb, NAT64_A_POOL_ID, e->pool_id) ||
		    nla_put_in6_addr(skb, NAT64_A_PREFIX6, &e->addr6) ||
		    nla_put_u8(skb, NAT64_A_PREFIX6_LEN, e->plen6))
			return -EMSGSIZE;
		return 0;
	case NAT64_EV_THRESHOLD:
		if (nla_put_u8(skb, NAT64_A_THRESHOLD, e->threshold) ||
		    nla_put_u32(skb, NAT64_A_LIMIT, e->limit) ||
		    nla_put_u32(skb, NAT64_A_POOL_ID, e->pool_id))
			return -EMSGSIZE;
		if (e->threshold != NAT64_TH_SUB_MAPPINGS)
			return 0;
		goto subscriber;
	case NAT64_EV_PBA_ALLOC:
	case NAT64_EV_PBA_RELEASE:
		if (nla_put_u16(skb, NAT64_A_PORT_MIN, e->port_min) ||
		    nla_put_u16(skb, NAT64_A_PORT_MAX, e->port_max))
			return -EMSGSIZE;
		fallthrough;
	case NAT64_EV_QUOTA:
		if (nla_put_u32(skb, NAT64_A_LIMIT, e->limit))
			return -EMSGSIZE;
		fallthrough;
	case NAT64_EV_PBA_FULL:
	case NAT64_EV_SUB_ADD:
	case NAT64_EV_SUB_DEL:
subscriber:
		if (nla_put_in6_addr(skb, NAT64_A_PREFIX6, &e->addr6) ||
		    nla_put_u8(skb, NAT64_A_PREFIX6_LEN, e->plen6) ||
		    nla_put_in_addr(skb, NAT64_A_ADDR4, e->addr4))
			return -EMSGSIZE;
		return 0;
	case NAT64_EV_SESSION_ADD:
	case NAT64_EV_SESSION_DEL:
		if (nla_put_in_addr(skb, NAT64_A_REMOTE4, e->remote4) ||
		    nla_put_u16(skb, NAT64_A_REMOTE_PORT4, e->rport))
			return -EMSGSIZE;
		fallthrough;
	default:			/* BIB_ADD, BIB_DEL */
		if (nla_put_u8(skb, NAT64_A_PROTO, e->proto) ||
		    nla_put_in6_addr(skb, NAT64_A_ADDR6, &e->addr6) ||
		    nla_put_u16(skb, NAT64_A_PORT6, e->port6) ||
		    nla_put_in_addr(skb, NAT64_A_ADDR4, e->addr4) ||
		    nla_put_u16(skb, NAT64_A_PORT4, e->port4))
			return -EMSGSIZE;
		return 0;
	}
}

void nat64_event(struct nat64_instance *inst, const struct nat64_event_info *e)
{
	u64 seq = atomic64_inc_return(&inst->event_seq);
	struct sk_buff *skb;
	void *hdr;
	int err;

	rcu_read_lock();
	if (!READ_ONCE(events_up) ||
	    !genl_has_listeners(&nat64_family, inst->net,
				NAT64_MCGRP_EVENTS_ID)) {
		rcu_read_unlock();
		return;
	}
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_ATOMIC);
	if (!skb)
		goto lost;
	hdr = genlmsg_put(skb, 0, 0, &nat64_family, 0, NAT64_CMD_EVENT);
	if (!hdr ||
	    nla_put_string(skb, NAT64_A_INSTANCE, inst->name) ||
	    nla_put_u8(skb, NAT64_A_EVENT, e->type) ||
	    nla_put_u64_64bit(skb, NAT64_A_SEQ, seq, NAT64_A_PAD) ||
	    nla_put_u64_64bit(skb, NAT64_A_TIME_MS,
			      div_u64(ktime_get_real_ns(), NSEC_PER_MSEC),
			      NAT64_A_PAD) ||
	    put_fields(skb, e)) {
		nlmsg_free(skb);
		goto lost;
	}
	genlmsg_end(skb, hdr);
	err = genlmsg_multicast_netns(&nat64_family, inst->net, skb, 0,
				      NAT64_MCGRP_EVENTS_ID, GFP_ATOMIC);
	if (err && err != -ESRCH)
		goto lost;
	nat64_stats_inc(&inst->stats, NAT64_STAT_EVENT_SENT);
	rcu_read_unlock();
	return;
lost:
	nat64_stats_inc(&inst->stats, NAT64_STAT_EVENT_LOST);
	rcu_read_unlock();
}
