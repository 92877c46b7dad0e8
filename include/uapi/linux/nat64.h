/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * nat64: the kernel-userspace contract.
 *
 * Generic netlink family "NAT64", version 1.
 *
 * Every command needs CAP_NET_ADMIN in the user namespace that owns the
 * caller's network namespace (GENL_UNS_ADMIN_PERM): a container that owns
 * its network namespace manages its own instances; anyone else gets EPERM.
 * Objects live in the network namespace of the socket that sends the
 * request. Each command has its own strict policy: an unknown attribute or
 * a wrong type is refused with EINVAL, a wrong length or an out-of-range
 * value with EINVAL or ERANGE (as the kernel's policy code decides), a
 * missing required attribute with EINVAL; each with an extended ack that
 * says which attribute and why.
 *
 * Attribute tree
 * --------------
 *
 *   NAT64_CMD_INSTANCE_NEW   (doit)   create an instance
 *     NAT64_A_INSTANCE     string   required; 1-15 chars of [A-Za-z0-9_.-]
 *     NAT64_A_MODE         u8       required; enum nat64_mode
 *     NAT64_A_FRAMEWORK    u8       optional; enum nat64_framework, default
 *                                   NAT64_FW_NETFILTER (its own hooks);
 *                                   NAT64_FW_IPTABLES: no hooks, only what
 *                                   the xtables target NAT64 hands it
 *                                   (linux/netfilter/xt_NAT64.h)
 *     -> EEXIST: the name is taken in this namespace
 *     -> ENOSPC: NAT64_INSTANCES_MAX instances exist in this namespace
 *
 *   NAT64_CMD_INSTANCE_DEL   (doit)   delete an instance and all its state
 *     NAT64_A_INSTANCE     string   required
 *     -> ENOENT: no such instance
 *
 *   NAT64_CMD_INSTANCE_GET   (doit)   one instance, by name
 *                            (dumpit) every instance of the namespace
 *     request:  NAT64_A_INSTANCE (doit only)
 *     reply:    NAT64_A_INSTANCE, NAT64_A_MODE, NAT64_A_INSTANCE_ID (u32,
 *               unique within the namespace, never reused while the
 *               module is loaded), NAT64_A_FRAMEWORK
 *
 *   NAT64_CMD_STATS_GET      (doit)   the counters of one instance
 *                            (dumpit) the counters of every instance
 *     request:  NAT64_A_INSTANCE (doit only)
 *     reply:    NAT64_A_INSTANCE, NAT64_A_MODE, NAT64_A_INSTANCE_ID,
 *               NAT64_A_FRAMEWORK, NAT64_A_STATS (nested)
 *                 NAT64_STAT_*     u64 each (padded with NAT64_A_PAD);
 *                                  a reader skips ids it does not know
 *
 *   NAT64_CMD_PREFIX_ADD     (doit)   add a pool6 prefix (RFC 6052 Pref64)
 *   NAT64_CMD_PREFIX_DEL     (doit)   remove one
 *     NAT64_A_INSTANCE     string   required
 *     NAT64_A_PREFIX6      binary   required; 16 bytes, network order
 *     NAT64_A_PREFIX6_LEN  u8       required; 32, 40, 48, 56, 64 or 96
 *     -> EINVAL: not an RFC 6052 prefix (the extended ack says why)
 *     -> EEXIST / ENOENT: already there (or overlapping one) / not there
 *     -> ENOSPC: the instance's mode takes no more (siit: one pool6)
 *
 *   NAT64_CMD_PREFIX_GET     (dumpit) the prefixes of one instance
 *     request:  NAT64_A_INSTANCE
 *     reply:    NAT64_A_INSTANCE, NAT64_A_PREFIX6, NAT64_A_PREFIX6_LEN
 *
 *   NAT64_CMD_EAM_ADD        (doit)   add an Explicit Address Mapping (RFC
 *                                     7757): PREFIX4/LEN4 <-> PREFIX6/LEN6
 *     NAT64_A_INSTANCE     string   required
 *     NAT64_A_PREFIX4      binary   required; 4 bytes, network order
 *     NAT64_A_PREFIX4_LEN  u8       required; 0-32
 *     NAT64_A_PREFIX6      binary   required; 16 bytes, network order
 *     NAT64_A_PREFIX6_LEN  u8       required; 0-128
 *     -> EINVAL: host bits set beyond a length, or 32 - LEN4 > 128 - LEN6
 *        (the IPv4 suffix must fit in the IPv6 one)
 *     -> EEXIST: an entry has that IPv4 prefix, or that IPv6 prefix
 *     -> ENOSPC: the instance has NAT64_EAM_MAX entries
 *
 *   NAT64_CMD_EAM_DEL        (doit)   delete the entry with that IPv4
 *                                     prefix, that IPv6 prefix, or both
 *     NAT64_A_INSTANCE     string   required
 *     NAT64_A_PREFIX4, NAT64_A_PREFIX4_LEN   together, or neither
 *     NAT64_A_PREFIX6, NAT64_A_PREFIX6_LEN   together, or neither; at
 *                                            least one of the two pairs
 *     -> ENOENT: no such entry
 *
 *   NAT64_CMD_EAM_GET        (dumpit) the entries of one instance, oldest
 *                                     first
 *     request:  NAT64_A_INSTANCE
 *     reply:    NAT64_A_INSTANCE, NAT64_A_PREFIX4, NAT64_A_PREFIX4_LEN,
 *               NAT64_A_PREFIX6, NAT64_A_PREFIX6_LEN
 *
 *   NAT64_CMD_EAM_FLUSH      (doit)   delete every entry of one instance
 *     NAT64_A_INSTANCE     string   required
 *
 *   NAT64_CMD_GLOBAL_SET     (doit)   change globals of one instance
 *     NAT64_A_INSTANCE     string   required
 *     NAT64_A_GLOBAL       nested   required; any subset of NAT64_G_*
 *   NAT64_CMD_GLOBAL_GET     (doit)   every global of one instance
 *     request:  NAT64_A_INSTANCE
 *     reply:    NAT64_A_INSTANCE, NAT64_A_GLOBAL
 *
 *   NAT64_CMD_DENY_ADD / _DEL  (doit)  an IPv4 prefix never translated (in
 *                                      either direction, any header)
 *   NAT64_CMD_POOL6791_ADD / _DEL (doit) an IPv4 prefix whose addresses
 *                                      source ICMP errors from untranslatable
 *                                      IPv6 routers (RFC 6791)
 *     NAT64_A_INSTANCE     string   required
 *     NAT64_A_PREFIX4, NAT64_A_PREFIX4_LEN   required; no host bits
 *     -> EEXIST / ENOENT / ENOSPC (NAT64_ADDR4_SET_MAX prefixes)
 *   NAT64_CMD_DENY_GET / _POOL6791_GET     (dumpit) the prefixes
 *   NAT64_CMD_DENY_FLUSH / _POOL6791_FLUSH (doit)   remove them all
 *
 *   Stateful instances (mode nat64), RFC 6146:
 *
 *   NAT64_CMD_POOL4_ADD / _DEL (doit)  IPv4 transport addresses to bind
 *     NAT64_A_INSTANCE     string   required
 *     NAT64_A_PREFIX4, NAT64_A_PREFIX4_LEN   required; no host bits
 *     NAT64_A_PROTO        u8       IPPROTO_TCP, _UDP or _ICMP; absent:
 *                                   all three (three entries)
 *     NAT64_A_PORT_MIN, NAT64_A_PORT_MAX  u16, together or neither;
 *                                   default 61001-65535 (TCP, UDP; above
 *                                   Linux's own ephemeral ports) and
 *                                   0-65535 (ICMP identifiers)
 *     -> EINVAL (min > max, not a nat64 instance), EEXIST (overlaps an
 *        entry of that protocol), ENOENT, ENOSPC (NAT64_POOL4_MAX = 64)
 *   NAT64_CMD_POOL4_GET   (dumpit) the entries: PREFIX4, PREFIX4_LEN,
 *                                  PROTO, PORT_MIN, PORT_MAX
 *   NAT64_CMD_POOL4_FLUSH (doit)   remove them all (and every dynamic
 *                                  BIB entry and session)
 *
 *   NAT64_CMD_BIB_ADD     (doit)   a static BIB entry (port forwarding)
 *     NAT64_A_INSTANCE     string   required
 *     NAT64_A_PROTO        u8       required
 *     NAT64_A_ADDR4, NAT64_A_PORT4   required: the IPv4 side (T, t)
 *     NAT64_A_ADDR6, NAT64_A_PORT6   required: the IPv6 side (X', x)
 *     -> EINVAL: ADDR4 is not a pool4 address (any port may be used)
 *     -> EEXIST: either side is bound already
 *   NAT64_CMD_BIB_DEL     (doit)   PROTO, ADDR4, PORT4: a static entry
 *   NAT64_CMD_BIB_GET     (dumpit) NAT64_A_PROTO optional (filter); each
 *                                  reply: PROTO, ADDR6, PORT6, ADDR4,
 *                                  PORT4, STATIC, SESSIONS (u32)
 *   NAT64_CMD_SESSION_GET (dumpit) NAT64_A_PROTO optional; each reply:
 *                                  PROTO, ADDR6/PORT6 (X', x),
 *                                  REMOTE6/REMOTE_PORT6 (Y', y),
 *                                  ADDR4/PORT4 (T, t), REMOTE4/
 *                                  REMOTE_PORT4 (Z, z), TCP_STATE (TCP,
 *                                  enum in the kernel's mod/state.h
 *                                  order), EXPIRES_MS (u32, from now)
 *   NAT64_CMD_DET_SET     (doit)   the deterministic NAT rule (RFC 7422;
 *                                  the formula is in src/det.h), one per
 *                                  instance, replaced whole:
 *     NAT64_A_PREFIX6, NAT64_A_PREFIX6_LEN  required: the subscribers
 *     NAT64_A_SUB_LEN      u8       required: a subscriber's prefix length
 *     NAT64_A_PREFIX4, NAT64_A_PREFIX4_LEN  required: its IPv4 addresses,
 *                                  which no pool4 entry may overlap
 *     NAT64_A_PORT_MIN, NAT64_A_PORT_MAX    required: the ports shared out
 *     NAT64_A_BLOCKS       u32      optional: blocks per IPv4 address
 *                                  (RFC 7422's C + D); absent or 0: as
 *                                  many as the subscribers need
 *     -> dynamic bindings the new rule does not give are deleted
 *   NAT64_CMD_DET_DEL     (doit)   remove the rule and its bindings
 *   NAT64_CMD_DET_GET     (doit)   the rule, the same attributes; ENOENT
 *                                  when there is none
 *
 * Multicast group "events" (NAT64_MCGRP_EVENTS): notifications, each a
 * message whose command says what happened:
 *   NAT64_CMD_INSTANCE_NEW / NAT64_CMD_INSTANCE_DEL with NAT64_A_INSTANCE,
 *   NAT64_A_MODE, NAT64_A_INSTANCE_ID, NAT64_A_FRAMEWORK.
 *   NAT64_CMD_EVENT: what a carrier logs, from a nat64 instance:
 *     NAT64_A_INSTANCE, NAT64_A_EVENT (u8, enum nat64_event),
 *     NAT64_A_SEQ (u64: the instance's event number, 1, 2, ... with no
 *     gap: a gap is what the listener lost), NAT64_A_TIME_MS (u64,
 *     realtime, ms since 1970), then by event:
 *     PBA_ALLOC, PBA_RELEASE: PREFIX6 + PREFIX6_LEN (the subscriber),
 *       ADDR4, PORT_MIN, PORT_MAX (the block);
 *     PBA_FULL (no free block on the address), QUOTA (the subscriber
 *       holds all the blocks it may): PREFIX6 + PREFIX6_LEN, ADDR4;
 *       QUOTA adds LIMIT (subscriber-max-ports); at most one of each a
 *       second per instance;
 *     BIB_ADD, BIB_DEL (static entries): PROTO, ADDR6, PORT6, ADDR4,
 *       PORT4;
 *     SESSION_ADD, SESSION_DEL (every session, only while the global
 *       NAT64_G_SESSION_EVENTS is on): PROTO, ADDR6, PORT6, ADDR4, PORT4
 *       (its binding), REMOTE4, REMOTE_PORT4 (the IPv4 peer);
 *     ADDR_FULL (a new subscriber found no pool4 address with a free
 *       block, or without port blocks no address with a free port):
 *       PROTO, POOL_ID, PREFIX6 + PREFIX6_LEN (the subscriber refused);
 *       at most one a second per instance;
 *     THRESHOLD: THRESHOLD (enum nat64_threshold), LIMIT (the threshold
 *       reached), POOL_ID; NAT64_TH_SUB_MAPPINGS adds PREFIX6 +
 *       PREFIX6_LEN, ADDR4 (the subscriber). Sent when the count reaches
 *       the threshold, again only once it has fallen below 3/4 of it;
 *     SUB_ADD, SUB_DEL (only while the global NAT64_G_BINDING_EVENTS is
 *       on): a subscriber's first binding bound it to its IPv4 address,
 *       its last state gone ended that (RFC 8158's address binding):
 *       PREFIX6 + PREFIX6_LEN, ADDR4;
 *     DET_SET, DET_DEL (the rule now, or the rule removed): PREFIX6,
 *       PREFIX6_LEN, SUB_LEN, PREFIX4, PREFIX4_LEN, PORT_MIN, PORT_MAX,
 *       BLOCKS (blocks per address, as the formula counts them), LIMIT
 *       (ports per block).
 *   An event the kernel could not deliver to every listener (a full
 *   receive buffer) is counted event_lost; the listener's socket then
 *   reports ENOBUFS, and the next SEQ shows how many it missed.
 *   NAT64_CMD_PBA_GET (dumpit) the port blocks of one instance, to
 *   resynchronise: each reply PREFIX6, PREFIX6_LEN, ADDR4, PORT_MIN,
 *   PORT_MAX, SESSIONS (u32, the bindings in the block), SEQ (the
 *   instance's last event number when the reply was made).
 *
 * Dumps are consistent: when the table changes during a dump, the kernel
 * flags the message NLM_F_DUMP_INTR and the reader starts over.
 */
#ifndef _UAPI_LINUX_NAT64_H
#define _UAPI_LINUX_NAT64_H

#define NAT64_GENL_NAME		"NAT64"
#define NAT64_GENL_VERSION	1
#define NAT64_MCGRP_EVENTS	"events"

/* Including the terminating NUL. */
#define NAT64_INSTANCE_NAMSIZ	16
/* Per network namespace. */
#define NAT64_INSTANCES_MAX	64
/* Explicit Address Mappings per instance. */
#define NAT64_EAM_MAX		100000
/* Denylist and RFC 6791 pool prefixes per instance. */
#define NAT64_ADDR4_SET_MAX	64
/* pool4 entries per instance. */
#define NAT64_POOL4_MAX		64

enum nat64_mode {
	NAT64_MODE_UNSPEC,
	NAT64_MODE_SIIT,	/* stateless, RFC 7915 + EAM (CLAT, SIIT-DC) */
	NAT64_MODE_NAT64,	/* stateful, RFC 6146 (PLAT, AFTR, NAT64-CPE) */
	NAT64_MODE_NAT46,	/* stateful IPv4 -> IPv6 with DNS-ALG mappings */
	NAT64_MODE_DSLITE,	/* RFC 6333 AFTR */
	__NAT64_MODE_MAX
};
#define NAT64_MODE_MAX (__NAT64_MODE_MAX - 1)

/* How packets reach an instance. */
enum nat64_framework {
	NAT64_FW_NETFILTER,	/* its own PREROUTING hooks (default) */
	NAT64_FW_IPTABLES,	/* only what `-j NAT64 --instance NAME` sends */
	__NAT64_FW_MAX
};
#define NAT64_FW_MAX (__NAT64_FW_MAX - 1)

/* RFC 7915 section 4.5: an IPv4 UDP datagram with checksum zero. */
enum nat64_udp0_policy {
	NAT64_UDP0_POLICY_COMPUTE,	/* compute it (default) */
	NAT64_UDP0_POLICY_DROP,		/* drop and count drop_udp0 */
	__NAT64_UDP0_POLICY_MAX
};
#define NAT64_UDP0_POLICY_MAX (__NAT64_UDP0_POLICY_MAX - 1)

/* RFC 7757 section 4.2: IPv6-to-IPv6 hairpinning through EAMs. */
enum nat64_hairpin {
	NAT64_HAIRPIN_OFF,
	NAT64_HAIRPIN_SIMPLE,		/* section 4.2.1 */
	NAT64_HAIRPIN_INTRINSIC,	/* section 4.2.2 (default) */
	__NAT64_HAIRPIN_MAX
};
#define NAT64_HAIRPIN_MAX (__NAT64_HAIRPIN_MAX - 1)

/*
 * Globals of an instance, nested in NAT64_A_GLOBAL. GLOBAL_SET changes the
 * ones it carries and leaves the others; GLOBAL_GET returns them all.
 */
enum nat64_global {
	NAT64_G_UNSPEC,
	NAT64_G_LOWEST_IPV6_MTU,	/* u16, 1280-65535, default 1280 */
	NAT64_G_UDP0,			/* u8, enum nat64_udp0_policy */
	NAT64_G_TCLASS_ZERO,		/* u8 0/1: IPv6 Traffic Class = 0 */
	NAT64_G_TOS_FIXED,		/* u8 0/1: IPv4 TOS = NAT64_G_TOS */
	NAT64_G_TOS,			/* u8 */
	NAT64_G_MTU_PLATEAUS,		/* u8 0/1, default 1 (RFC 1191) */
	NAT64_G_HAIRPIN,		/* u8, enum nat64_hairpin */
	NAT64_G_DROP_ICMP,		/* u8 0/1, default 1: ICMP error for an
					 * untranslatable packet (RFC 7915 4.4, 5.4)
					 */
	/* nat64 mode (RFC 6146 section 4), in seconds */
	NAT64_G_UDP_TIMEOUT,		/* u32, >= 120, default 300 */
	NAT64_G_TCP_EST_TIMEOUT,	/* u32, >= 7200, default 7440 */
	NAT64_G_TCP_TRANS_TIMEOUT,	/* u32, >= 240, default 240 */
	NAT64_G_ICMP_TIMEOUT,		/* u32, >= 1, default 60 */
	NAT64_G_FILTERING,		/* u8, enum nat64_filtering */
	NAT64_G_DROP_EXT_TCP,		/* u8 0/1, default 0 (6146-21) */
	NAT64_G_MAX_SESSIONS,		/* u32, default 1048576 (memory cap) */
	/* RFC 6888: a subscriber is an IPv6 prefix of this length */
	NAT64_G_SUB_LEN,		/* u8, 32-128, default 56 */
	NAT64_G_SUB_MAX_PORTS,		/* u32, default 8192; 0: no limit */
	NAT64_G_SUB_MAX_SESSIONS,	/* u32, default 16384; 0: no limit */
	NAT64_G_PBA,			/* u8 0/1, default 0: port blocks */
	NAT64_G_PBA_SIZE,		/* u16, 64-32768, default 1024 */
	NAT64_G_PBA_HOLD,		/* u32, seconds, default 60 */
	NAT64_G_SESSION_EVENTS,		/* u8 0/1, default 0: per-session events */
	NAT64_G_POOL_ID,		/* u32, default 0: natPoolId of its events */
	NAT64_G_BIB_THRESHOLD,		/* u32, default 0 (off): bindings */
	NAT64_G_SUB_THRESHOLD,		/* u32, default 0 (off): a subscriber's */
	NAT64_G_BINDING_EVENTS,		/* u8 0/1, default 0: SUB_ADD, SUB_DEL */
	/* RFC 7857 section 2.1: "partially open" TCP (V4 INIT, V6 INIT),
	 * apart from "closing" (NAT64_G_TCP_TRANS_TIMEOUT)
	 */
	NAT64_G_TCP_INIT_TIMEOUT,	/* u32, >= 6, default 240 */
	NAT64_G_APP,			/* u8, enum nat64_app */
	__NAT64_G_MAX
};
#define NAT64_G_MAX (__NAT64_G_MAX - 1)

/* RFC 6146 3.5.1: which IPv4 packets reach a BIB entry. */
enum nat64_filtering {
	NAT64_FILTER_EIF,	/* endpoint-independent (default) */
	NAT64_FILTER_ADF,	/* address-dependent: a session to that address */
	__NAT64_FILTER_MAX
};
#define NAT64_FILTER_MAX (__NAT64_FILTER_MAX - 1)

/*
 * RFC 7857 section 4: when the address a subscriber is paired with has no
 * free port for a new binding, the packet is dropped (strict APP, the
 * default), or the binding goes to another pool4 address (soft APP).
 */
enum nat64_app {
	NAT64_APP_STRICT,
	NAT64_APP_SOFT,
	__NAT64_APP_MAX
};
#define NAT64_APP_MAX (__NAT64_APP_MAX - 1)

enum nat64_cmd {
	NAT64_CMD_UNSPEC,
	NAT64_CMD_INSTANCE_NEW,
	NAT64_CMD_INSTANCE_DEL,
	NAT64_CMD_INSTANCE_GET,
	NAT64_CMD_STATS_GET,
	NAT64_CMD_PREFIX_ADD,
	NAT64_CMD_PREFIX_DEL,
	NAT64_CMD_PREFIX_GET,
	NAT64_CMD_EAM_ADD,
	NAT64_CMD_EAM_DEL,
	NAT64_CMD_EAM_GET,
	NAT64_CMD_EAM_FLUSH,
	NAT64_CMD_GLOBAL_SET,
	NAT64_CMD_GLOBAL_GET,
	NAT64_CMD_DENY_ADD,
	NAT64_CMD_DENY_DEL,
	NAT64_CMD_DENY_GET,
	NAT64_CMD_DENY_FLUSH,
	NAT64_CMD_POOL6791_ADD,
	NAT64_CMD_POOL6791_DEL,
	NAT64_CMD_POOL6791_GET,
	NAT64_CMD_POOL6791_FLUSH,
	NAT64_CMD_POOL4_ADD,
	NAT64_CMD_POOL4_DEL,
	NAT64_CMD_POOL4_GET,
	NAT64_CMD_POOL4_FLUSH,
	NAT64_CMD_BIB_ADD,
	NAT64_CMD_BIB_DEL,
	NAT64_CMD_BIB_GET,
	NAT64_CMD_SESSION_GET,
	NAT64_CMD_DET_SET,
	NAT64_CMD_DET_DEL,
	NAT64_CMD_DET_GET,
	NAT64_CMD_EVENT,
	NAT64_CMD_PBA_GET,
	__NAT64_CMD_MAX
};
#define NAT64_CMD_MAX (__NAT64_CMD_MAX - 1)

enum nat64_attr {
	NAT64_A_UNSPEC,
	NAT64_A_PAD,
	NAT64_A_INSTANCE,	/* NUL-terminated string */
	NAT64_A_MODE,		/* u8, enum nat64_mode */
	NAT64_A_INSTANCE_ID,	/* u32 */
	NAT64_A_STATS,		/* nested, NAT64_STAT_* */
	NAT64_A_PREFIX6,	/* binary, struct in6_addr */
	NAT64_A_PREFIX6_LEN,	/* u8 */
	NAT64_A_PREFIX4,	/* binary, 4 bytes, network order */
	NAT64_A_PREFIX4_LEN,	/* u8 */
	NAT64_A_FRAMEWORK,	/* u8, enum nat64_framework */
	NAT64_A_GLOBAL,		/* nested, NAT64_G_* */
	NAT64_A_PROTO,		/* u8, IPPROTO_TCP / _UDP / _ICMP */
	NAT64_A_PORT_MIN,	/* u16 */
	NAT64_A_PORT_MAX,	/* u16 */
	NAT64_A_ADDR6,		/* binary, 16 bytes */
	NAT64_A_PORT6,		/* u16 (an ICMP identifier for ICMP) */
	NAT64_A_ADDR4,		/* binary, 4 bytes */
	NAT64_A_PORT4,		/* u16 */
	NAT64_A_REMOTE6,	/* binary, 16 bytes */
	NAT64_A_REMOTE_PORT6,	/* u16 */
	NAT64_A_REMOTE4,	/* binary, 4 bytes */
	NAT64_A_REMOTE_PORT4,	/* u16 */
	NAT64_A_STATIC,		/* u8 0/1 */
	NAT64_A_SESSIONS,	/* u32 */
	NAT64_A_TCP_STATE,	/* u8 */
	NAT64_A_EXPIRES_MS,	/* u32 */
	NAT64_A_SUB_LEN,	/* u8, a subscriber's prefix length */
	NAT64_A_BLOCKS,		/* u32, port blocks per IPv4 address */
	NAT64_A_EVENT,		/* u8, enum nat64_event */
	NAT64_A_SEQ,		/* u64, an instance's event number */
	NAT64_A_TIME_MS,	/* u64, ms since 1970 (realtime) */
	NAT64_A_LIMIT,		/* u32, a subscriber's port limit */
	NAT64_A_POOL_ID,	/* u32, natPoolId (NAT64_G_POOL_ID) */
	NAT64_A_THRESHOLD,	/* u8, enum nat64_threshold */
	__NAT64_A_MAX
};
#define NAT64_A_MAX (__NAT64_A_MAX - 1)

/* What NAT64_CMD_EVENT reports (NAT64_A_EVENT). */
enum nat64_event {
	NAT64_EV_UNSPEC,
	NAT64_EV_PBA_ALLOC,	/* a port block given to a subscriber */
	NAT64_EV_PBA_RELEASE,	/* a port block taken back */
	NAT64_EV_PBA_FULL,	/* an address has no free port block */
	NAT64_EV_QUOTA,		/* a subscriber holds all it may */
	NAT64_EV_BIB_ADD,	/* a static BIB entry added */
	NAT64_EV_BIB_DEL,	/* a static BIB entry deleted */
	NAT64_EV_SESSION_ADD,	/* a session created (NAT64_G_SESSION_EVENTS) */
	NAT64_EV_SESSION_DEL,	/* a session ended (NAT64_G_SESSION_EVENTS) */
	NAT64_EV_ADDR_FULL,	/* no pool4 address has room for a subscriber */
	NAT64_EV_THRESHOLD,	/* a count of bindings reached its threshold */
	NAT64_EV_DET_SET,	/* the deterministic NAT rule set or replaced */
	NAT64_EV_DET_DEL,	/* the deterministic NAT rule removed */
	NAT64_EV_SUB_ADD,	/* a subscriber bound to its IPv4 address */
	NAT64_EV_SUB_DEL,	/* that binding ended (NAT64_G_BINDING_EVENTS) */
	__NAT64_EV_MAX
};
#define NAT64_EV_MAX (__NAT64_EV_MAX - 1)

/*
 * What a NAT64_EV_THRESHOLD reached (NAT64_A_THRESHOLD): the values are
 * RFC 8158's natThresholdEvent (IANA "NAT Threshold Events").
 */
enum nat64_threshold {
	NAT64_TH_MAPPINGS = 3,	  /* the instance's bindings (NAT64_G_BIB_THRESHOLD) */
	NAT64_TH_SUB_MAPPINGS = 4, /* a subscriber's (NAT64_G_SUB_THRESHOLD) */
};

/*
 * Per-instance counters. Ids are stable: new counters are appended, none
 * is ever renumbered. Every drop reason gets its own counter.
 */
enum nat64_stat {
	NAT64_STAT_UNSPEC,
	NAT64_STAT_PAD,
	NAT64_STAT_RX6,		/* IPv6 packets seen by the instance */
	NAT64_STAT_RX4,		/* IPv4 packets seen by the instance */
	NAT64_STAT_TX6,		/* IPv6 packets sent after translation */
	NAT64_STAT_TX4,		/* IPv4 packets sent after translation */
	NAT64_STAT_PASS6,	/* IPv6 packets left untouched */
	NAT64_STAT_PASS4,	/* IPv4 packets left untouched */
	NAT64_STAT_DROP_NOMEM,	/* dropped: out of memory */
	NAT64_STAT_DROP_TRUNCATED,	/* shorter than its headers say */
	NAT64_STAT_DROP_MALFORMED,	/* bad header fields or chain */
	NAT64_STAT_DROP_ADDR,		/* an address has no mapping */
	NAT64_STAT_DROP_SRC_ILLEGAL,	/* 0.0.0.0, 127/8, ::, ::1 ... */
	NAT64_STAT_DROP_HOPLIMIT,	/* TTL / hop limit exhausted */
	NAT64_STAT_DROP_ICMP_TYPE,	/* untranslatable ICMP type or code */
	NAT64_STAT_DROP_ICMP_NESTED,	/* ICMP error inside an ICMP error */
	NAT64_STAT_DROP_SRR,		/* unexpired IPv4 source route */
	NAT64_STAT_DROP_RH,		/* IPv6 routing header, segments left */
	NAT64_STAT_DROP_FRAG_EXT,	/* ext header after a fragment header */
	NAT64_STAT_DROP_UDP0,		/* UDP checksum zero (by policy) */
	NAT64_STAT_DROP_TOO_BIG,	/* DF set and too big for the path */
	NAT64_STAT_DROP_CSUM,		/* corrupt L4 checksum */
	NAT64_STAT_DROP_ROUTE,		/* no route for the translated packet */
	NAT64_STAT_DROP_GSO,		/* GSO packet could not be segmented */
	NAT64_STAT_ICMP_SENT,		/* ICMP errors sent back */
	NAT64_STAT_DROP_ICMP_FRAG,	/* fragmented ICMP (no checksum length) */
	NAT64_STAT_DROP_PROTO,		/* a protocol that cannot cross (IGMP) */
	NAT64_STAT_DROP_DENIED,		/* an IPv4 address in the denylist */
	NAT64_STAT_HAIRPIN,		/* packets hairpinned (RFC 7757 4.2.2) */
	/* nat64 mode (RFC 6146) */
	NAT64_STAT_DROP_NO_BIB,		/* IPv4 to a (T,t) nobody holds */
	NAT64_STAT_DROP_POOL4,		/* no free IPv4 transport address */
	NAT64_STAT_DROP_FILTERED,	/* refused by address-dependent filtering */
	NAT64_STAT_DROP_SRC_PREF64,	/* IPv6 source inside a NAT64 prefix */
	NAT64_STAT_DROP_SESSION_CAP,	/* the session cap is reached */
	NAT64_STAT_DROP_NO_STATE,	/* TCP non-SYN or ICMP error, no state */
	NAT64_STAT_DROP_EXT_TCP,	/* externally initiated TCP (policy) */
	NAT64_STAT_BIB_NEW,		/* dynamic BIB entries created */
	NAT64_STAT_SESSION_NEW,		/* sessions created */
	NAT64_STAT_SESSION_EXPIRED,	/* sessions that timed out */
	NAT64_STAT_DROP_FRAG,		/* nat64: a fragment (no reassembly yet) */
	NAT64_STAT_DROP_SUB_PORTS,	/* a subscriber's port limit (RFC 6888) */
	NAT64_STAT_DROP_SUB_SESSIONS,	/* a subscriber's session limit */
	NAT64_STAT_SYN4_HELD,		/* unsolicited IPv4 SYNs held 6 s */
	NAT64_STAT_SYN4_OPEN,		/* held SYNs met by an IPv6 SYN */
	NAT64_STAT_SYN4_EXPIRED,	/* held SYNs answered, ICMP 3/3 */
	NAT64_STAT_DROP_SYN4_FULL,	/* SYNs not held: the store is full */
	NAT64_STAT_TCP_PROBE,		/* probes of idle TCP sessions */
	NAT64_STAT_DROP_DET_PORTS,	/* a det subscriber's ports all bound */
	NAT64_STAT_PBA_ALLOC,		/* port blocks given to subscribers */
	NAT64_STAT_PBA_RELEASE,		/* port blocks taken back */
	NAT64_STAT_DROP_PBA_FULL,	/* no free port block on its address */
	NAT64_STAT_EVENT_SENT,		/* events multicast (NAT64_CMD_EVENT) */
	NAT64_STAT_EVENT_LOST,		/* events some listener did not get */
	NAT64_STAT_DROP_APP,		/* its paired address is full (strict) */
	__NAT64_STAT_MAX
};
#define NAT64_STAT_MAX (__NAT64_STAT_MAX - 1)

#endif /* _UAPI_LINUX_NAT64_H */
