/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The state of a stateful (nat64) instance, RFC 6146: pool4, the BIBs
 * and the sessions of TCP, UDP and ICMP queries.
 *
 * The packet path looks entries up under rcu_read_lock() with no lock;
 * writers (new entries, deletions, expiry) take the instance's state
 * lock. Hashing is keyed (siphash, a random key per instance). Expiry
 * walks per-timeout lists from their old end: no full-table scan.
 *
 * Ports in the *_info structs are in host order; addresses in network
 * order. "proto" is IPPROTO_TCP, IPPROTO_UDP or IPPROTO_ICMP (an ICMP
 * query's "port" is its identifier).
 */
#ifndef NAT64_STATE_H
#define NAT64_STATE_H

#include <linux/in6.h>
#include <linux/netlink.h>
#include <linux/types.h>

#include "tcp.h"

struct nat64_instance;
struct nat64_state;
struct sk_buff;

/* One pool4 entry: addresses PREFIX/plen, one protocol, a port range. */
struct nat64_pool4_info {
	__be32 addr;
	u8 plen;		/* 0-32; host bits are zero */
	u8 proto;
	u16 min, max;		/* min <= max */
};


struct nat64_bib_info {
	u8 proto;
	bool is_static;		/* port forwarding: never expires */
	struct in6_addr addr6;	/* X' */
	u16 port6;		/* x */
	__be32 addr4;		/* T */
	u16 port4;		/* t */
	u32 sessions;		/* live sessions on it */
};


struct nat64_session_info {
	u8 proto;
	u8 tcp_state;		/* enum nat64_tcp_state (src/tcp.h); TCP */
	struct in6_addr src6;	/* X' */
	u16 sport6;		/* x */
	struct in6_addr dst6;	/* Y' = Pref64::Z */
	u16 dport6;		/* y */
	__be32 src4;		/* T */
	u16 sport4;		/* t */
	__be32 dst4;		/* Z */
	u16 dport4;		/* z (= y) */
	u32 expires_ms;		/* from now */
};

/* ---- the packet path (softirq, rcu_read_lock held) ---- */

/* One flow as the translator sees it; ports in host order. */
struct nat64_flow {
	u8 proto;		/* IPPROTO_TCP, _UDP or _ICMP (queries) */
	u8 tcp_flags;		/* NAT64_TCP_SYN | _FIN | _RST */
	struct in6_addr addr6;	/* X' */
	u16 port6;		/* x */
	struct in6_addr remote6;	/* Y' (6->4: given; 4->6: Pref64::Z,
					 * replaced by the session's)
					 */
	__be32 remote4;		/* Z */
	u16 rport;		/* y = z */
	__be32 addr4;		/* T */
	u16 port4;		/* t */
};

/*
 * 6->4: X', x, Y', Z, y given. Finds or makes the BIB entry and the
 * session and moves their state; fills T, t. Returns 0 to translate, or
 * the NAT64_STAT_* counter of the drop (f->addr4/port4 are still filled
 * when a TCP non-SYN finds a BIB entry but no session: translated).
 */
u32 nat64_state_64(struct nat64_instance *inst, struct nat64_flow *f);
/* 4->6: Z, z, T, t and a default Y' given; fills X', x and Y'. */
u32 nat64_state_46(struct nat64_instance *inst, struct nat64_flow *f);
/*
 * 6146-22: nat64_state_46() returned NAT64_STAT_SYN4_HELD: keep the
 * first NAT64_SYN4_QUOTE bytes of @skb (the IPv4 SYN) for 6 s. Returns
 * NAT64_STAT_SYN4_HELD (the caller drops the skb, counting that), or the
 * counter of the drop when it cannot be held.
 */
#define NAT64_SYN4_MAX		4096	/* per instance */
#define NAT64_SYN4_QUOTE	548	/* an ICMPv4 error of 576 bytes */
u32 nat64_syn4_hold(struct nat64_instance *inst, const struct nat64_flow *f,
		    const struct sk_buff *skb);
/* Lookups that change nothing (ICMP errors, 6146-15). */
bool nat64_bib_find6(struct nat64_instance *inst, u8 proto,
		     const struct in6_addr *a6, u16 p6, __be32 *a4, u16 *p4);
bool nat64_bib_find4(struct nat64_instance *inst, u8 proto, __be32 a4,
		     u16 p4, struct in6_addr *a6, u16 *p6);
/* Is T:t inside a pool4 range of @proto; is T a pool4 address at all. */
bool nat64_pool4_has(struct nat64_instance *inst, u8 proto, __be32 a,
		     u16 port);
bool nat64_pool4_has_addr(struct nat64_instance *inst, __be32 a);

int nat64_state_module_init(void);
void nat64_state_module_exit(void);

/* Created with the instance (mode nat64), freed with it. */
int nat64_state_init(struct nat64_instance *inst);
void nat64_state_free(struct nat64_instance *inst);

/* pool4. Process context; -EEXIST, -ENOENT, -ENOSPC, -EINVAL + extack. */
int nat64_pool4_add(struct nat64_instance *inst,
		    const struct nat64_pool4_info *p,
		    struct netlink_ext_ack *extack);
int nat64_pool4_del(struct nat64_instance *inst,
		    const struct nat64_pool4_info *p,
		    struct netlink_ext_ack *extack);
/* Deletes the entries and every dynamic BIB entry and session. */
void nat64_pool4_flush(struct nat64_instance *inst);
/*
 * Every dynamic binding and session, and every port block (port-blocks
 * turned on or off, or its size changed). Process context.
 */
void nat64_state_reset(struct nat64_instance *inst);
/* Entry @idx (0, 1, ...) into @out: 0, or -ENOENT past the last one. */
int nat64_pool4_get(struct nat64_instance *inst, unsigned int idx,
		    struct nat64_pool4_info *out);

/*
 * The deterministic NAT rule (RFC 7422, src/det.h), at most one. Its
 * subscribers bind only on their address, in their port range; its
 * addresses may not overlap pool4. Process context, pn->lock held.
 * Setting or deleting it deletes the dynamic bindings it no longer gives.
 */
struct nat64_det;
int nat64_det_set(struct nat64_instance *inst, const struct nat64_det *d,
		  struct netlink_ext_ack *extack);
int nat64_det_del(struct nat64_instance *inst, struct netlink_ext_ack *extack);
/* The rule into @out: 0, or -ENOENT when there is none. */
int nat64_det_get(struct nat64_instance *inst, struct nat64_det *out);

/*
 * Static BIB entries (port forwarding, RFC 6146 3.1). The IPv4 address
 * must be a pool4 address (only those reach the instance, 6146-3), on any
 * port: -EINVAL otherwise; -EEXIST when either side is taken.
 */
int nat64_bib_add_static(struct nat64_instance *inst,
			 const struct nat64_bib_info *b,
			 struct netlink_ext_ack *extack);
/* By the IPv4 side; its sessions go with it. -ENOENT if none, static. */
int nat64_bib_del_static(struct nat64_instance *inst, u8 proto,
			 __be32 addr4, u16 port4,
			 struct netlink_ext_ack *extack);

/*
 * Dumps: @pos is the caller's cursor (start at 0; kept between calls,
 * e.g. in cb->args). @fn returns nonzero to stop (buffer full): the
 * entry it refused is offered again on the next call. Returns 0 when the
 * table is done, 1 when stopped early. proto 0 = every protocol.
 */
int nat64_bib_walk(struct nat64_instance *inst, u8 proto, u64 *pos,
		   int (*fn)(void *arg, const struct nat64_bib_info *b),
		   void *arg);
/* A port block (port-blocks on), for NAT64_CMD_PBA_GET. */
struct nat64_pba_info {
	struct in6_addr prefix6;	/* the subscriber */
	u8 plen6;
	__be32 addr4;
	u16 first, last;
	u32 bindings;
	u64 seq;			/* the last event's number */
};

int nat64_pba_walk(struct nat64_instance *inst, u64 *pos,
		   int (*fn)(void *arg, const struct nat64_pba_info *k),
		   void *arg);
int nat64_session_walk(struct nat64_instance *inst, u8 proto, u64 *pos,
		       int (*fn)(void *arg,
				 const struct nat64_session_info *s),
		       void *arg);

#endif /* NAT64_STATE_H */
