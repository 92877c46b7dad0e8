/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Instances: named translators, per network namespace.
 */
#ifndef NAT64_INSTANCE_H
#define NAT64_INSTANCE_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/rcupdate.h>
#include <net/net_namespace.h>
#include <linux/nat64.h>

#include <linux/netfilter.h>

#include "stats.h"
#include "xlat.h"

struct nat64_addr4set;
struct nat64_eam_table;
struct nat64_pool6;
struct nat64_route_cache;
struct nat64_state;

/* The globals of an instance (NAT64_G_*); immutable once published. */
struct nat64_globals {
	struct rcu_head rcu;
	u16 lowest_ipv6_mtu;
	u8 udp0;			/* enum nat64_udp0_policy */
	u8 hairpin;			/* enum nat64_hairpin */
	u8 tos;
	bool tclass_zero;
	bool tos_fixed;
	bool mtu_plateaus;
	bool drop_icmp;			/* 7915-27/50 */
	/* nat64 mode: RFC 6146 section 4, seconds */
	u32 udp_timeout;
	u32 tcp_est_timeout;
	u32 tcp_trans_timeout;
	u32 icmp_timeout;
	u8 filtering;			/* enum nat64_filtering */
	bool drop_ext_tcp;		/* 6146-21 */
	u32 max_sessions;
	u8 sub_len;			/* RFC 6888 subscriber prefix */
	u32 sub_max_ports;		/* 0: no limit */
	u32 sub_max_sessions;
	bool pba;			/* port-block allocation */
	u16 pba_size;			/* ports a block */
	u32 pba_hold;			/* seconds an empty block is kept */
	bool session_events;		/* NAT64_EV_SESSION_ADD/DEL */
	u32 pool_id;			/* natPoolId of ADDR_FULL, THRESHOLD */
	u32 bib_threshold;		/* NAT64_TH_MAPPINGS; 0: off */
	u32 sub_threshold;		/* NAT64_TH_SUB_MAPPINGS; 0: off */
	bool binding_events;		/* NAT64_EV_SUB_ADD/DEL */
	u32 tcp_init_timeout;		/* RFC 7857 2.1: partially open TCP */
	u8 app;				/* enum nat64_app */
	/* derived from the above (nat64_globals_derive()): what src/ gets */
	struct nat64_xlat_cfg xcfg;
};

struct nat64_instance {
	struct list_head list;		/* nat64_pernet.instances, RCU */
	struct rcu_head rcu;
	char name[NAT64_INSTANCE_NAMSIZ];
	enum nat64_mode mode;
	enum nat64_framework framework;	/* how packets reach it; fixed */
	u32 id;
	struct nat64_stats stats;
	struct nat64_pool6 __rcu *pool6;
	struct nat64_eam_table *eam;	/* RFC 7757; for the instance's life */
	struct nat64_globals __rcu *globals;	/* never NULL */
	struct nat64_addr4set __rcu *deny;	/* IPv4 never translated */
	struct nat64_addr4set __rcu *pool6791;	/* ICMP error sources */
	struct nat64_state *state;	/* nat64 mode: pool4, BIB, sessions */
	struct nat64_route_cache *routes;	/* route.c; never NULL */
	struct net *net;		/* not counted: the instance dies first */
	struct nf_hook_ops hooks[2];	/* siit, netfilter framework: IPv4
					 * and IPv6 PREROUTING
					 */
	bool hooked;
	bool defrag;			/* nat64: nf_defrag enabled for it */
	atomic64_t event_seq;		/* its last event's number */
};

struct nat64_pernet {
	struct mutex lock;		/* serialises writers of instances */
	struct list_head instances;	/* readers: RCU */
	unsigned int count;
	u32 next_id;
	unsigned int gen;		/* bumped on each change, for dumps */
};

int nat64_instance_init(void);
void nat64_instance_exit(void);

struct nat64_pernet *nat64_pernet(const struct net *net);
bool nat64_instance_name_valid(const char *name);
void nat64_pernet_changed(struct nat64_pernet *pn);
const char *nat64_mode_name(enum nat64_mode mode);

struct nat64_instance *nat64_instance_find_rcu(struct nat64_pernet *pn,
					       const char *name);
int nat64_instance_setup(struct net *net, struct nat64_pernet *pn,
			 const char *name, enum nat64_mode mode,
			 enum nat64_framework framework,
			 struct netlink_ext_ack *extack,
			 struct nat64_instance **out);
void nat64_instance_teardown(struct nat64_pernet *pn,
			     struct nat64_instance *inst);

#endif /* NAT64_INSTANCE_H */
