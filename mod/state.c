// SPDX-License-Identifier: GPL-2.0-only
/*
 * The state of a nat64 instance (RFC 6146): pool4, BIB entries, sessions.
 *
 * Readers (the packet path) walk the hash chains under RCU with no lock.
 * Writers (new entries, state changes, deletions, expiry, netlink) hold
 * st->lock, a BH spinlock. The chains are keyed with hsiphash (SipHash-1-3
 * on 64-bit machines, the kernel's function for hash tables) and a random
 * key per instance, so that no sender can choose its bucket; a packet's
 * path computes each of its hashes once.
 *
 * Expiry costs no scan of the table: each lifetime class (UDP, ICMP, TCP
 * established, TCP transitory) has a list in the order
 * the sessions were put on it. A packet only moves the session's expiry
 * time forward (no lock). The worker looks at the old end of each list:
 * an entry that was refreshed meanwhile goes back to the young end, one
 * that was not is deleted, and the walk stops at the first entry that
 * cannot have expired yet. Each session is moved at most once per
 * lifetime, so the cost follows the traffic, not the table size.
 *
 * Paired pooling (6146-6): every subscriber (an IPv6 prefix, /56 by
 * default) gets one IPv4 address for all its BIB entries, chosen by a
 * keyed hash of its prefix and kept while it has entries. Its ports (BIB
 * entries) and sessions are counted against per-subscriber limits, so
 * that no subscriber can exhaust pool4 or the session cap (RFC 6888).
 */
#include <linux/icmp.h>
#include <linux/jiffies.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include <net/ipv6.h>

#include "core.h"
#include "det.h"
#include "event.h"
#include "pba.h"
#include "instance.h"
#include "state.h"

#define BIB_BITS	16
#define SESS_BITS	18
#define SUB_BITS	16
#define SYN4_TIMEOUT	6	/* TCP_INCOMING_SYN, seconds */
#define SYN4_BITS	10
#define BLK_BITS	12

enum lifetime {
	LT_UDP,
	LT_ICMP,
	LT_TCP_EST,
	LT_TCP_TRANS,
	LT_TCP_INIT,	/* RFC 7857 2.1: partially open, apart from closing */
	LT_MAX
};

/* Immutable once published; replaced whole under pn->lock. */
struct pool4 {
	struct rcu_head rcu;
	unsigned int n;
	struct nat64_pool4_info e[];
};

/* The deterministic NAT rule (src/det.h); replaced whole under pn->lock. */
struct det {
	struct rcu_head rcu;
	struct nat64_det d;
};

/*
 * A subscriber: the IPv6 prefix of subscriber-len (the deterministic
 * rule's own length inside it). It lives while it has bindings or port
 * blocks.
 */
struct sub {
	struct hlist_node node;
	struct rcu_head rcu;
	struct in6_addr prefix;
	__be32 addr4;
	u32 bibs;			/* its ports */
	u32 sessions;
	struct list_head blocks;	/* struct pblock.sibling */
	u32 nblocks;
	u8 plen;			/* of prefix */
	bool over;			/* at sub-threshold: event sent */
};

/*
 * A port block (RFC 6888 REQ-14): ports first to first + size - 1 of
 * addr, for every protocol, given to one subscriber. Under st->lock.
 */
struct pblock {
	struct hlist_node node;		/* st->blocks[hash(addr, first)] */
	struct list_head sibling;	/* sub->blocks */
	struct list_head idle;		/* st->idle while used == 0 */
	struct sub *sub;
	__be32 addr;
	u16 first, size;
	u32 used;			/* bindings inside it */
	unsigned long since;		/* when used fell to 0 */
};

struct bib {
	struct hlist_node by6;
	struct hlist_node by4;
	union {
		struct list_head list;	/* its sessions (st->lock) */
		struct rcu_head rcu;	/* once unhashed, with no session */
	};
	struct sub *sub;		/* NULL for static entries */
	struct in6_addr addr6;
	__be32 addr4;
	u16 port6, port4;
	u8 proto;
	bool is_static;
	u32 sessions;
};

/*
 * Times are the low 32 bits of jiffies (time_before32()): a lifetime is
 * far below the 24 days that leaves at HZ 1000.
 */
struct session {
	struct hlist_node node;		/* by (bib, Z, z) */
	union {
		struct list_head lru;	/* its lifetime's list */
		struct rcu_head rcu;	/* once off every list */
	};
	struct list_head sibling;	/* bib->list */
	struct bib *bib;
	struct in6_addr remote6;	/* Y' */
	__be32 remote4;			/* Z */
	u16 rport;			/* y = z */
	u8 lt;				/* enum lifetime; LT_MAX once
					 * unlinked (readers may hold it)
					 */
	u8 tcp;				/* enum nat64_tcp_state */
	u32 stamp;			/* when put on the lru */
	u32 expires;			/* refreshed by packets, no lock */
};

struct nat64_state {
	spinlock_t lock;
	siphash_key_t key;		/* a subscriber's first address */
	hsiphash_key_t hkey;		/* the hash tables */
	struct pool4 __rcu *pool4;
	struct det __rcu *det;
	struct hlist_head *by6, *by4, *sess, *subs;
	struct list_head lru[LT_MAX];
	u32 nsessions;
	u32 nbibs;			/* dynamic bindings */
	bool bibs_over;			/* at bib-threshold: event sent */
	struct hlist_head *blocks;	/* port blocks by (addr, first) */
	struct list_head idle;		/* blocks with no binding, oldest first */
	unsigned long full_at, quota_at, addr_at;	/* last such event */
	struct hlist_head *syn4;	/* held IPv4 SYNs by (T, t, Z, z) */
	struct list_head syn4_fifo;	/* the same, oldest first */
	u32 nsyn4;
	struct delayed_work gc;
	struct nat64_instance *inst;
	/* nat64_state_free(): no reader is left, entries go at once */
	bool dying;
	struct sub *last_sub;		/* of the last binding made, or NULL */
};

static struct kmem_cache *bib_cache, *session_cache;

/*
 * The caches have constructors, which set up a new slab's list heads.
 * With a constructor the allocator no longer clears each object it hands
 * out (init_on_alloc, on in Debian's kernels): a new session paid two
 * 88-byte memsets for fields that are all set at once anyway. So every
 * field is set here or by the caller, nothing is read before it is
 * written, and no object is ever copied out whole. The price is 8 bytes
 * an object (SLUB keeps its free pointer after the object when there is
 * a constructor: 96 bytes). A constructor also keeps each cache apart
 * from the others of its size, so that /proc/slabinfo shows it by name,
 * where memory per session is read.
 */
static void bib_ctor(void *p)
{
	struct bib *b = p;

	INIT_LIST_HEAD(&b->list);
}

static void sess_ctor(void *p)
{
	struct session *s = p;

	INIT_LIST_HEAD(&s->sibling);
}

/* A dynamic entry of no subscriber and no session; the rest: the caller. */
static struct bib *bib_alloc(gfp_t gfp)
{
	struct bib *b = kmem_cache_alloc(bib_cache, gfp);

	if (b) {
		INIT_LIST_HEAD(&b->list);
		b->sub = NULL;
		b->is_static = false;
		b->sessions = 0;
	}
	return b;
}

/* Every field is sess_new()'s. */
static struct session *sess_alloc(void)
{
	return kmem_cache_alloc(session_cache, GFP_ATOMIC);
}

/* --- hashing ---------------------------------------------------------- */

static u32 hash6(const struct nat64_state *st, u8 proto,
		 const struct in6_addr *a, u16 port, unsigned int bits)
{
	struct {
		struct in6_addr a;
		u32 pp;
	} k = { *a, (u32)proto << 16 | port };

	return hsiphash(&k, sizeof(k), &st->hkey) >> (32 - bits);
}

static u32 hash4(const struct nat64_state *st, u8 proto, __be32 a, u16 port)
{
	return hsiphash_2u32((__force u32)a, (u32)proto << 16 | port,
			     &st->hkey) >> (32 - BIB_BITS);
}

static u32 hash_sess(const struct nat64_state *st, const struct bib *b,
		     __be32 z, u16 zp)
{
	return hsiphash_3u32((u32)(unsigned long)b, (__force u32)z, zp,
			     &st->hkey) >> (32 - SESS_BITS);
}

/* --- globals ---------------------------------------------------------- */

/*
 * For tests only: how many milliseconds a second of the state's timers
 * lasts (1-1000). Shortened, the lifetimes that the RFC minimums keep
 * long (TCP_EST 2 h, TCP_TRANS 4 min, the SYN hold of 6 s) can be tested
 * by packet vectors (tests/pkt). Writable at run time, for every
 * instance at once.
 */
static unsigned int second_ms = 1000;
module_param(second_ms, uint, 0644);
MODULE_PARM_DESC(second_ms,
		 "tests only: milliseconds in a second of the state timers (1-1000)");

/* @s seconds of the state's timers, in jiffies */
static unsigned long secs(u32 s)
{
	u64 ms = (u64)s * clamp_val(READ_ONCE(second_ms), 1U, 1000U);

	return msecs_to_jiffies(min_t(u64, ms, UINT_MAX));
}

/* how often the expiry worker runs: every second */
static unsigned long tick(void)
{
	return max(secs(1), 1UL);
}

/* The lifetime @lt under globals @g (the packet path's: RCU held). */
static unsigned long lifetime_g(const struct nat64_globals *g, u8 lt)
{
	u32 s;

	switch (lt) {
	case LT_UDP:
		s = g->udp_timeout;
		break;
	case LT_ICMP:
		s = g->icmp_timeout;
		break;
	case LT_TCP_EST:
		s = g->tcp_est_timeout;
		break;
	case LT_TCP_TRANS:
		s = g->tcp_trans_timeout;
		break;
	case LT_TCP_INIT:
		s = g->tcp_init_timeout;
		break;
	default:
		s = g->tcp_trans_timeout;
		break;
	}
	return secs(s);
}

static unsigned long lifetime(const struct nat64_instance *inst, u8 lt)
{
	unsigned long l;

	rcu_read_lock();
	l = lifetime_g(rcu_dereference(inst->globals), lt);
	rcu_read_unlock();
	return l;
}

static u8 tcp_lt(enum nat64_tcp_state s)
{
	switch (nat64_tcp_timer(s)) {
	case NAT64_TCP_TIMER_EST:
		return LT_TCP_EST;
	case NAT64_TCP_TIMER_INIT:
		return LT_TCP_INIT;
	default:
		return LT_TCP_TRANS;
	}
}

/* --- lookups (RCU) ---------------------------------------------------- */

static u32 hash_bib6(const struct nat64_state *st, u8 proto,
		     const struct in6_addr *a, u16 port)
{
	return hash6(st, proto, a, port, BIB_BITS);
}

/* @h: hash_bib6() of the rest */
static struct bib *bib_find6_h(struct nat64_state *st, u32 h, u8 proto,
			       const struct in6_addr *a, u16 port)
{
	struct bib *b;

	hlist_for_each_entry_rcu(b, &st->by6[h], by6)
		if (b->proto == proto && b->port6 == port &&
		    ipv6_addr_equal(&b->addr6, a))
			return b;
	return NULL;
}

static struct bib *bib_find6(struct nat64_state *st, u8 proto,
			     const struct in6_addr *a, u16 port)
{
	return bib_find6_h(st, hash_bib6(st, proto, a, port), proto, a, port);
}

/* @h: hash4() of the rest */
static struct bib *bib_find4_h(struct nat64_state *st, u32 h, u8 proto,
			       __be32 a, u16 port)
{
	struct bib *b;

	hlist_for_each_entry_rcu(b, &st->by4[h], by4)
		if (b->proto == proto && b->port4 == port && b->addr4 == a)
			return b;
	return NULL;
}

static struct bib *bib_find4(struct nat64_state *st, u8 proto, __be32 a,
			     u16 port)
{
	return bib_find4_h(st, hash4(st, proto, a, port), proto, a, port);
}

/* @h: hash_sess() of the rest */
static struct session *sess_find_h(struct nat64_state *st, u32 h,
				   const struct bib *b, __be32 z, u16 zp)
{
	struct session *s;

	hlist_for_each_entry_rcu(s, &st->sess[h], node)
		if (s->bib == b && s->remote4 == z && s->rport == zp)
			return s;
	return NULL;
}

/* Any session of @b with remote address @z (address-dependent filter). */
static bool sess_to_addr(const struct bib *b, __be32 z)
{
	struct session *s;

	list_for_each_entry(s, &b->list, sibling)
		if (s->remote4 == z)
			return true;
	return false;
}

/* --- pool4 ------------------------------------------------------------ */

static bool p4_contains(const struct nat64_pool4_info *e, __be32 a)
{
	u32 mask = e->plen ? ~0U << (32 - e->plen) : 0;

	return ((ntohl(a) ^ ntohl(e->addr)) & mask) == 0;
}

static u32 p4_size(const struct nat64_pool4_info *e)
{
	return e->plen ? 1U << (32 - e->plen) : 0;	/* /0: 2^32, capped */
}

static bool p4_overlap(const struct nat64_pool4_info *a,
		       const struct nat64_pool4_info *b)
{
	if (a->proto != b->proto || a->max < b->min || b->max < a->min)
		return false;
	return p4_contains(a->plen <= b->plen ? a : b,
			   a->plen <= b->plen ? b->addr : a->addr);
}

static bool p4_covers(const struct pool4 *p, u8 proto, __be32 a, u16 port)
{
	unsigned int i;

	for (i = 0; p && i < p->n; i++)
		if (p->e[i].proto == proto && port >= p->e[i].min &&
		    port <= p->e[i].max && p4_contains(&p->e[i], a))
			return true;
	return false;
}

/* Is @a one of the deterministic rule's addresses, @port in its range. */
static bool det_covers(const struct det *r, __be32 a, u16 port)
{
	return r && nat64_det_contains4(&r->d, a) && port >= r->d.port_min &&
	       port <= r->d.port_max;
}

bool nat64_pool4_has(struct nat64_instance *inst, u8 proto, __be32 a,
		     u16 port)
{
	return p4_covers(rcu_dereference(inst->state->pool4), proto, a, port) ||
	       det_covers(rcu_dereference(inst->state->det), a, port);
}

bool nat64_pool4_has_addr(struct nat64_instance *inst, __be32 a)
{
	const struct pool4 *p = rcu_dereference(inst->state->pool4);
	const struct det *r = rcu_dereference(inst->state->det);
	unsigned int i;

	for (i = 0; p && i < p->n; i++)
		if (p4_contains(&p->e[i], a))
			return true;
	return r && nat64_det_contains4(&r->d, a);
}

/* Do the rule's addresses and pool4 entry @e share an address? */
static bool det_overlaps(const struct nat64_det *d,
			 const struct nat64_pool4_info *e)
{
	return d->plen4 <= e->plen ? nat64_det_contains4(d, e->addr) :
				     p4_contains(e, d->addr4);
}

static struct pool4 *pool4_alloc(unsigned int n)
{
	struct pool4 *p = kzalloc(struct_size(p, e, n), GFP_KERNEL);

	if (p)
		p->n = n;
	return p;
}

/* Process context; the caller holds pn->lock (serialises writers). */
int nat64_pool4_add(struct nat64_instance *inst,
		    const struct nat64_pool4_info *in,
		    struct netlink_ext_ack *extack)
{
	struct nat64_state *st = inst->state;
	struct pool4 *old, *new;
	const struct det *r;
	unsigned int i, n;

	if (in->plen > 32 || in->min > in->max ||
	    (in->plen < 32 && (ntohl(in->addr) << in->plen))) {
		NL_SET_ERR_MSG(extack, "bad pool4 prefix or port range");
		return -EINVAL;
	}
	if (in->proto != IPPROTO_TCP && in->proto != IPPROTO_UDP &&
	    in->proto != IPPROTO_ICMP) {
		NL_SET_ERR_MSG(extack, "pool4 takes tcp, udp or icmp");
		return -EINVAL;
	}
	r = rcu_dereference_protected(st->det, 1);
	if (r && det_overlaps(&r->d, in)) {
		NL_SET_ERR_MSG(extack, "overlaps the addresses of the deterministic NAT rule");
		return -EEXIST;
	}
	old = rcu_dereference_protected(st->pool4, 1);
	n = old ? old->n : 0;
	for (i = 0; i < n; i++)
		if (p4_overlap(&old->e[i], in)) {
			NL_SET_ERR_MSG(extack, "overlaps a pool4 entry of that protocol");
			return -EEXIST;
		}
	if (n >= NAT64_POOL4_MAX) {
		NL_SET_ERR_MSG(extack, "too many pool4 entries");
		return -ENOSPC;
	}
	new = pool4_alloc(n + 1);
	if (!new)
		return -ENOMEM;
	if (n)
		memcpy(new->e, old->e, n * sizeof(new->e[0]));
	new->e[n] = *in;
	rcu_assign_pointer(st->pool4, new);
	if (old)
		kfree_rcu(old, rcu);
	return 0;
}

enum flush_what {
	FLUSH_DYNAMIC,		/* every dynamic binding and its sessions */
	FLUSH_ALL,		/* static bindings too */
	FLUSH_OUTSIDE,		/* dynamic bindings outside pool4 */
};

static void flush(struct nat64_state *st, enum flush_what what);

int nat64_pool4_del(struct nat64_instance *inst,
		    const struct nat64_pool4_info *in,
		    struct netlink_ext_ack *extack)
{
	struct nat64_state *st = inst->state;
	struct pool4 *old, *new;
	unsigned int i, j, n;

	old = rcu_dereference_protected(st->pool4, 1);
	n = old ? old->n : 0;
	for (i = 0; i < n; i++)
		if (old->e[i].addr == in->addr && old->e[i].plen == in->plen &&
		    old->e[i].proto == in->proto && old->e[i].min == in->min &&
		    old->e[i].max == in->max)
			break;
	if (i == n) {
		NL_SET_ERR_MSG(extack, "no such pool4 entry");
		return -ENOENT;
	}
	new = n > 1 ? pool4_alloc(n - 1) : NULL;
	if (n > 1 && !new)
		return -ENOMEM;
	for (j = 0; j < n - 1; j++)
		new->e[j] = old->e[j < i ? j : j + 1];
	rcu_assign_pointer(st->pool4, new);
	kfree_rcu(old, rcu);
	/* The dynamic bindings it held go with it: not ours any more. */
	flush(st, FLUSH_OUTSIDE);
	return 0;
}

static void block_expire(struct nat64_state *st, bool all);

void nat64_state_reset(struct nat64_instance *inst)
{
	flush(inst->state, FLUSH_DYNAMIC);
	block_expire(inst->state, true);
}

void nat64_pool4_flush(struct nat64_instance *inst)
{
	struct nat64_state *st = inst->state;
	struct pool4 *old = rcu_dereference_protected(st->pool4, 1);

	RCU_INIT_POINTER(st->pool4, NULL);
	if (old)
		kfree_rcu(old, rcu);
	flush(st, FLUSH_DYNAMIC);
}

int nat64_pool4_get(struct nat64_instance *inst, unsigned int idx,
		    struct nat64_pool4_info *out)
{
	const struct pool4 *p;
	int err = -ENOENT;

	rcu_read_lock();
	p = rcu_dereference(inst->state->pool4);
	if (p && idx < p->n) {
		*out = p->e[idx];
		err = 0;
	}
	rcu_read_unlock();
	return err;
}

/* --- the deterministic NAT rule (RFC 7422) ----------------------------- */

/* 7422-5: every change of the rule is an event, with the rule. */
static void det_event(struct nat64_instance *inst, u8 type,
		      const struct nat64_det *d)
{
	struct nat64_event_info e = { .type = type, .det = d };

	nat64_event(inst, &e);
}

/* Process context; the caller holds pn->lock (serialises writers). */
int nat64_det_set(struct nat64_instance *inst, const struct nat64_det *d,
		  struct netlink_ext_ack *extack)
{
	struct nat64_state *st = inst->state;
	const struct pool4 *p = rcu_dereference_protected(st->pool4, 1);
	struct det *old, *new;
	const char *why = nat64_det_check(d);
	unsigned int i;

	if (why) {
		/* a static string of src/det.c, as NL_SET_ERR_MSG() wants */
		if (extack)
			extack->_msg = why;
		return -EINVAL;
	}
	for (i = 0; p && i < p->n; i++)
		if (det_overlaps(d, &p->e[i])) {
			NL_SET_ERR_MSG(extack, "the IPv4 addresses overlap a pool4 entry");
			return -EEXIST;
		}
	new = kzalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	new->d = *d;
	old = rcu_dereference_protected(st->det, 1);
	rcu_assign_pointer(st->det, new);
	if (old) {
		kfree_rcu(old, rcu);
		/* bindings the old rule gave and the new one does not */
		flush(st, FLUSH_OUTSIDE);
	}
	det_event(inst, NAT64_EV_DET_SET, d);
	return 0;
}

int nat64_det_del(struct nat64_instance *inst, struct netlink_ext_ack *extack)
{
	struct nat64_state *st = inst->state;
	struct det *old = rcu_dereference_protected(st->det, 1);

	if (!old) {
		NL_SET_ERR_MSG(extack, "no deterministic NAT rule");
		return -ENOENT;
	}
	RCU_INIT_POINTER(st->det, NULL);
	det_event(inst, NAT64_EV_DET_DEL, &old->d);
	kfree_rcu(old, rcu);
	flush(st, FLUSH_OUTSIDE);
	return 0;
}

int nat64_det_get(struct nat64_instance *inst, struct nat64_det *out)
{
	const struct det *r;
	int err = -ENOENT;

	rcu_read_lock();
	r = rcu_dereference(inst->state->det);
	if (r) {
		*out = r->d;
		err = 0;
	}
	rcu_read_unlock();
	return err;
}

/* --- deletion (st->lock held) ------------------------------------------ */

/* An event about @s (and block @k, or NULL) of type @type. */
static void block_event(struct nat64_state *st, u8 type, const struct sub *s,
			__be32 a, const struct pblock *k)
{
	struct nat64_event_info e = {
		.type = type, .addr6 = s->prefix, .plen6 = s->plen, .addr4 = a,
	};

	if (k) {
		e.port_min = k->first;
		e.port_max = k->first + k->size - 1;
	}
	if (type == NAT64_EV_QUOTA) {
		rcu_read_lock();
		e.limit = rcu_dereference(st->inst->globals)->sub_max_ports;
		rcu_read_unlock();
	}
	nat64_event(st->inst, &e);
}

/* 8158-11: @s bound to its address, or no more (binding-events on). */
static void sub_event(struct nat64_state *st, u8 type, const struct sub *s)
{
	bool on;

	rcu_read_lock();
	on = rcu_dereference(st->inst->globals)->binding_events;
	rcu_read_unlock();
	if (unlikely(on))
		block_event(st, type, s, s->addr4, NULL);
}

/* Frees @s once it has neither bindings nor port blocks. */
static void sub_done(struct nat64_state *st, struct sub *s)
{
	if (!s->bibs && list_empty(&s->blocks)) {
		sub_event(st, NAT64_EV_SUB_DEL, s);
		if (st->last_sub == s)
			st->last_sub = NULL;
		hlist_del_rcu(&s->node);
		kfree_rcu(s, rcu);
	}
}

/* Exhaustion: one event a second at most, of each kind. */
static void block_refused(struct nat64_state *st, u8 type,
			  const struct sub *s, __be32 a)
{
	unsigned long *at = type == NAT64_EV_QUOTA ? &st->quota_at :
						     &st->full_at;

	if (*at && time_before(jiffies, *at + HZ))
		return;
	*at = jiffies ?: 1;
	block_event(st, type, s, a, NULL);
}

/*
 * No address of pool4 has room for subscriber @prefix (8158-9's
 * addresses exhausted): one event a second at most.
 */
static void addr_full(struct nat64_state *st, const struct nat64_globals *g,
		      u8 proto, const struct in6_addr *prefix, u8 plen)
{
	struct nat64_event_info e = {
		.type = NAT64_EV_ADDR_FULL, .proto = proto, .addr6 = *prefix,
		.plen6 = plen, .pool_id = g->pool_id,
	};

	if (st->addr_at && time_before(jiffies, st->addr_at + HZ))
		return;
	st->addr_at = jiffies ?: 1;
	nat64_event(st->inst, &e);
}

/* A count reached @limit: the instance's bindings, or those of @s. */
static void threshold_event(struct nat64_state *st,
			    const struct nat64_globals *g, const struct sub *s,
			    u32 limit)
{
	struct nat64_event_info e = {
		.type = NAT64_EV_THRESHOLD, .threshold = NAT64_TH_MAPPINGS,
		.limit = limit, .pool_id = g->pool_id,
	};

	if (s) {
		e.threshold = NAT64_TH_SUB_MAPPINGS;
		e.addr6 = s->prefix;
		e.plen6 = s->plen;
		e.addr4 = s->addr4;
	}
	nat64_event(st->inst, &e);
}

/* Below 3/4 of its threshold, a count may report reaching it again. */
static bool threshold_rearms(u32 count, u32 limit)
{
	return !limit || count < limit - limit / 4;
}

/*
 * A dynamic binding of @s (or of no subscriber) is going: the instance's
 * count, and whether the thresholds may report again. @s still counts it.
 */
static void bib_uncount(struct nat64_state *st, struct sub *s)
{
	const struct nat64_globals *g;

	st->nbibs--;
	if (likely(!st->bibs_over && !(s && s->over)))
		return;
	rcu_read_lock();
	g = rcu_dereference(st->inst->globals);
	if (st->bibs_over && threshold_rearms(st->nbibs, g->bib_threshold))
		st->bibs_over = false;
	if (s && s->over && threshold_rearms(s->bibs - 1, g->sub_threshold))
		s->over = false;
	rcu_read_unlock();
}

/* A dynamic binding made for @s: the thresholds (8158-10). */
static void bib_count(struct nat64_state *st, const struct nat64_globals *g,
		      struct sub *s)
{
	st->nbibs++;
	if (unlikely(g->bib_threshold && !st->bibs_over &&
		     st->nbibs >= g->bib_threshold)) {
		st->bibs_over = true;
		threshold_event(st, g, NULL, g->bib_threshold);
	}
	if (unlikely(g->sub_threshold && !s->over &&
		     s->bibs >= g->sub_threshold)) {
		s->over = true;
		threshold_event(st, g, s, g->sub_threshold);
	}
}

static void block_free(struct nat64_state *st, struct pblock *k)
{
	struct sub *s = k->sub;

	block_event(st, NAT64_EV_PBA_RELEASE, s, k->addr, k);
	hlist_del(&k->node);
	list_del(&k->sibling);
	list_del(&k->idle);
	s->nblocks--;
	kfree(k);
	nat64_stats_inc(&st->inst->stats, NAT64_STAT_PBA_RELEASE);
	sub_done(st, s);
}

/* The block of @s that holds port @port of @a, or NULL. */
static struct pblock *block_of(struct sub *s, __be32 a, u16 port)
{
	struct pblock *k;

	list_for_each_entry(k, &s->blocks, sibling)
		if (k->addr == a && port >= k->first &&
		    port - k->first < k->size)
			return k;
	return NULL;
}

/* A binding of @b's left its block: an empty block waits out its hold. */
static void block_unuse(struct nat64_state *st, struct bib *b)
{
	struct pblock *k = block_of(b->sub, b->addr4, b->port4);

	if (k && !--k->used) {
		k->since = jiffies;
		list_add_tail(&k->idle, &st->idle);
	}
}

/*
 * Blocks empty for their hold go back (all: every empty one, now). The
 * hold is read when the block is looked at: a shorter one applies at
 * once.
 */
static void block_expire(struct nat64_state *st, bool all)
{
	const struct nat64_globals *g;
	struct pblock *k, *tmp;
	unsigned long hold;

	rcu_read_lock();
	g = rcu_dereference(st->inst->globals);
	hold = secs(g->pba_hold);
	rcu_read_unlock();
	spin_lock_bh(&st->lock);
	list_for_each_entry_safe(k, tmp, &st->idle, idle) {
		if (!all && time_before(jiffies, k->since + hold))
			break;
		block_free(st, k);
	}
	spin_unlock_bh(&st->lock);
}

static void sub_put(struct nat64_state *st, struct sub *s)
{
	if (s) {
		s->bibs--;
		sub_done(st, s);
	}
}

/*
 * call_rcu(), not kfree_rcu(): the module's exit waits for these with
 * rcu_barrier() before it destroys the caches, and rcu_barrier() does
 * not wait for kfree_rcu()'s batches.
 */
static void bib_free_rcu(struct rcu_head *h)
{
	kmem_cache_free(bib_cache, container_of(h, struct bib, rcu));
}

static void sess_free_rcu(struct rcu_head *h)
{
	kmem_cache_free(session_cache, container_of(h, struct session, rcu));
}

static void bib_del(struct nat64_state *st, struct bib *b)
{
	hlist_del_rcu(&b->by6);
	hlist_del_rcu(&b->by4);
	if (b->sub && !list_empty(&b->sub->blocks))
		block_unuse(st, b);
	if (!b->is_static)
		bib_uncount(st, b->sub);
	sub_put(st, b->sub);
	if (st->dying)
		kmem_cache_free(bib_cache, b);
	else
		call_rcu(&b->rcu, bib_free_rcu);
}

/* Per-flow logging (the global session-events on): @s made or ended. */
static void sess_event(struct nat64_state *st, u8 type,
		       const struct session *s)
{
	const struct bib *b = s->bib;
	struct nat64_event_info e = {
		.type = type, .proto = b->proto, .addr6 = b->addr6,
		.port6 = b->port6, .addr4 = b->addr4, .port4 = b->port4,
		.remote4 = s->remote4, .rport = s->rport,
	};

	nat64_event(st->inst, &e);
}

static bool sess_events_on(struct nat64_state *st)
{
	bool on;

	rcu_read_lock();
	on = rcu_dereference(st->inst->globals)->session_events;
	rcu_read_unlock();
	return on;
}

static void sess_del(struct nat64_state *st, struct session *s)
{
	struct bib *b = s->bib;

	if (unlikely(sess_events_on(st)))
		sess_event(st, NAT64_EV_SESSION_DEL, s);
	WRITE_ONCE(s->lt, LT_MAX);
	hlist_del_rcu(&s->node);
	list_del(&s->lru);
	list_del(&s->sibling);
	st->nsessions--;
	if (b->sub)
		b->sub->sessions--;
	if (st->dying)
		kmem_cache_free(session_cache, s);
	else
		call_rcu(&s->rcu, sess_free_rcu);
	if (!--b->sessions && !b->is_static)
		bib_del(st, b);
}

/* Is @b a binding that the deterministic rule @r gives its subscriber? */
static bool det_gives(const struct det *r, const struct bib *b)
{
	__be32 a;
	u16 lo, hi;

	if (!r || !nat64_det_contains6(&r->d, &b->addr6))
		return false;
	nat64_det_forward(&r->d, &b->addr6, &a, &lo, &hi);
	return a == b->addr4 && b->port4 >= lo && b->port4 <= hi;
}

static bool flush_this(const struct nat64_state *st, const struct bib *b,
		       enum flush_what what)
{
	switch (what) {
	case FLUSH_ALL:
		return true;
	case FLUSH_OUTSIDE:
		return !b->is_static &&
		       !p4_covers(rcu_dereference_protected(st->pool4, 1),
				  b->proto, b->addr4, b->port4) &&
		       !det_gives(rcu_dereference_protected(st->det, 1), b);
	default:
		return !b->is_static;
	}
}

#define FLUSH_BUCKETS 256	/* per hold of the lock */

/*
 * The bindings that @what names, with their sessions (FLUSH_ALL: every
 * session too). Process context: the tables are walked bucket by bucket,
 * the lock taken for a few buckets at a time, so that a million sessions
 * never keep softirqs off for long.
 */
static void flush(struct nat64_state *st, enum flush_what what)
{
	struct hlist_node *n;
	struct session *s;
	struct bib *b;
	unsigned int i, j;

	for (i = 0; i < (1U << SESS_BITS); i += FLUSH_BUCKETS) {
		spin_lock_bh(&st->lock);
		for (j = i; j < i + FLUSH_BUCKETS; j++)
			hlist_for_each_entry_safe(s, n, &st->sess[j], node)
				if (flush_this(st, s->bib, what))
					sess_del(st, s);
		spin_unlock_bh(&st->lock);
		cond_resched();
	}
	for (i = 0; i < (1U << BIB_BITS); i += FLUSH_BUCKETS) {
		spin_lock_bh(&st->lock);
		for (j = i; j < i + FLUSH_BUCKETS; j++)
			hlist_for_each_entry_safe(b, n, &st->by4[j], by4)
				if (flush_this(st, b, what) && !b->sessions)
					bib_del(st, b);
		spin_unlock_bh(&st->lock);
		cond_resched();
	}
}

/* --- unsolicited IPv4 SYNs (6146-22..25) ------------------------------ */

/*
 * An IPv4 SYN that finds no BIB entry (or, under address-dependent
 * filtering, one with no session towards its source) is held for
 * TCP_INCOMING_SYN, 6 s. An IPv6 SYN of the same connection in that time
 * opens it (simultaneous open, 6146-23) and the held SYN is dropped;
 * otherwise it is answered with ICMPv4 port unreachable, quoting it
 * (6146-24). What is kept is a copy of the packet's first bytes, all an
 * ICMP error quotes, not the skb: nothing it refers to (a device, a
 * route) has to live on. At most NAT64_SYN4_MAX are held per instance,
 * so that a SYN flood costs bounded memory (drop_syn4_full beyond).
 * All under st->lock: only SYNs come here.
 */
struct syn4 {
	struct hlist_node node;		/* st->syn4[hash] */
	struct list_head fifo;		/* st->syn4_fifo */
	unsigned long expires;
	__be32 t, z;			/* T (pool4) and Z (the IPv4 source) */
	u16 tport, zport;
	u16 len;
	u8 data[];			/* the SYN's first @len bytes */
};

static u32 hash_syn4(const struct nat64_state *st, __be32 t, u16 tport,
		     __be32 z, u16 zport)
{
	return hsiphash_3u32((__force u32)t, (__force u32)z,
			     (u32)tport << 16 | zport,
			     &st->hkey) >> (32 - SYN4_BITS);
}

static struct syn4 *syn4_find(const struct nat64_state *st, __be32 t,
			      u16 tport, __be32 z, u16 zport)
{
	struct syn4 *h;

	hlist_for_each_entry(h, &st->syn4[hash_syn4(st, t, tport, z, zport)],
			     node)
		if (h->t == t && h->tport == tport && h->z == z &&
		    h->zport == zport)
			return h;
	return NULL;
}

static void syn4_del(struct nat64_state *st, struct syn4 *h)
{
	hlist_del(&h->node);
	list_del(&h->fifo);
	st->nsyn4--;
}

u32 nat64_syn4_hold(struct nat64_instance *inst, const struct nat64_flow *f,
		    const struct sk_buff *skb)
{
	struct nat64_state *st = inst->state;
	unsigned int len = min_t(unsigned int, skb->len, NAT64_SYN4_QUOTE);
	u32 why = NAT64_STAT_SYN4_HELD;
	struct syn4 *h;

	h = kmalloc(struct_size(h, data, len), GFP_ATOMIC);
	if (!h)
		return NAT64_STAT_DROP_NOMEM;
	if (skb_copy_bits(skb, 0, h->data, len)) {
		kfree(h);
		return NAT64_STAT_DROP_TRUNCATED;
	}
	h->len = len;
	h->t = f->addr4;
	h->tport = f->port4;
	h->z = f->remote4;
	h->zport = f->rport;
	h->expires = jiffies + secs(SYN4_TIMEOUT);
	spin_lock_bh(&st->lock);
	if (syn4_find(st, h->t, h->tport, h->z, h->zport)) {
		/* a retransmission: the first one keeps its time */
	} else if (st->nsyn4 >= NAT64_SYN4_MAX) {
		why = NAT64_STAT_DROP_SYN4_FULL;
	} else {
		hlist_add_head(&h->node,
			       &st->syn4[hash_syn4(st, h->t, h->tport, h->z,
						   h->zport)]);
		list_add_tail(&h->fifo, &st->syn4_fifo);
		st->nsyn4++;
		h = NULL;
	}
	spin_unlock_bh(&st->lock);
	kfree(h);
	return why;
}

/* 6146-23: does an IPv6 SYN from (T, t) to (Z, z) meet a held one? */
static bool syn4_take(struct nat64_state *st, __be32 t, u16 tport, __be32 z,
		      u16 zport)
{
	struct syn4 *h;

	if (!st->nsyn4)
		return false;
	h = syn4_find(st, t, tport, z, zport);
	if (!h)
		return false;
	syn4_del(st, h);
	kfree(h);
	nat64_stats_inc(&st->inst->stats, NAT64_STAT_SYN4_OPEN);
	return true;
}

/* 6146-24: the SYNs held for 6 s are answered (process context). */
static void syn4_expire(struct nat64_state *st, bool all)
{
	struct syn4 *h, *tmp;
	LIST_HEAD(done);

	spin_lock_bh(&st->lock);
	list_for_each_entry_safe(h, tmp, &st->syn4_fifo, fifo) {
		if (!all && time_before(jiffies, h->expires))
			break;
		syn4_del(st, h);
		list_add_tail(&h->fifo, &done);
	}
	spin_unlock_bh(&st->lock);
	list_for_each_entry_safe(h, tmp, &done, fifo) {
		if (!all) {
			nat64_icmp4_quote(st->inst, h->t, h->z,
					  ICMP_DEST_UNREACH, ICMP_PORT_UNREACH,
					  h->data, h->len);
			nat64_stats_inc(&st->inst->stats,
					NAT64_STAT_SYN4_EXPIRED);
		}
		kfree(h);
	}
}

/* --- expiry ----------------------------------------------------------- */

#define GC_BUDGET 4096	/* entries per list per run; the rest waits 1 s */

/* One RFC 6146 probe to send once st->lock is dropped. */
struct probe {
	struct in6_addr src6, dst6;
	u16 sport, dport;
};

#define PROBES 16	/* per hold of the lock */

/*
 * 6146-29: an established session that idled out is not deleted: the
 * IPv6 endpoint gets a probe (a TCP ACK, sequence and acknowledgement
 * numbers zero, no data) and the session goes to TRANS. A live host
 * answers with an ACK, which brings it back to ESTABLISHED; otherwise it
 * is deleted TCP_TRANS later (2 h 4 min in all, RFC 5382 REQ-5).
 */
static void probe_take(struct nat64_state *st, struct session *s,
		       unsigned long now, struct probe *p)
{
	WRITE_ONCE(s->tcp, NAT64_TCP_TRANS);
	WRITE_ONCE(s->lt, LT_TCP_TRANS);
	s->stamp = now;
	WRITE_ONCE(s->expires, (u32)(now + lifetime(st->inst, LT_TCP_TRANS)));
	list_move_tail(&s->lru, &st->lru[LT_TCP_TRANS]);
	p->src6 = s->remote6;
	p->sport = s->rport;
	p->dst6 = s->bib->addr6;
	p->dport = s->bib->port6;
}

/*
 * Expires the sessions at the old end of list @i, at most *budget of
 * them; returns how many probes it left in @p (then it may be called
 * again).
 */
static unsigned int gc_list(struct nat64_state *st, unsigned int i,
			    unsigned long now, unsigned int *budget,
			    u32 *expired, struct probe *p)
{
	unsigned long life = lifetime(st->inst, i);
	unsigned int n = 0;
	struct session *s;

	spin_lock_bh(&st->lock);
	while (*budget && n < PROBES && !list_empty(&st->lru[i])) {
		s = list_first_entry(&st->lru[i], struct session, lru);
		if (time_before32(now, s->stamp + life))
			break;	/* the rest are younger */
		(*budget)--;
		if (time_before32(now, READ_ONCE(s->expires))) {
			s->stamp = now;
			list_move_tail(&s->lru, &st->lru[i]);
		} else if (s->tcp == NAT64_TCP_ESTABLISHED &&
			   s->bib->proto == IPPROTO_TCP) {
			probe_take(st, s, now, &p[n++]);
			nat64_stats_inc(&st->inst->stats,
					NAT64_STAT_TCP_PROBE);
		} else {
			sess_del(st, s);
			(*expired)++;
		}
	}
	spin_unlock_bh(&st->lock);
	return n;
}

static void gc(struct work_struct *w)
{
	struct nat64_state *st = container_of(to_delayed_work(w),
					      struct nat64_state, gc);
	unsigned long now = jiffies;
	struct probe p[PROBES];
	unsigned int i, j, n, budget;
	u32 expired = 0;

	for (i = 0; i < LT_MAX; i++) {
		budget = GC_BUDGET;
		do {
			n = gc_list(st, i, now, &budget, &expired, p);
			for (j = 0; j < n; j++)
				nat64_tcp6_probe(st->inst, &p[j].src6,
						 p[j].sport, &p[j].dst6,
						 p[j].dport);
		} while (n == PROBES);
	}
	if (expired)
		nat64_stats_add(&st->inst->stats, NAT64_STAT_SESSION_EXPIRED,
				expired);
	syn4_expire(st, false);
	block_expire(st, false);
	queue_delayed_work(system_power_efficient_wq, &st->gc, tick());
}

/* --- creation (st->lock held) ----------------------------------------- */

static struct sub *sub_find(struct nat64_state *st,
			    const struct in6_addr *prefix, u32 h)
{
	struct sub *s;

	hlist_for_each_entry(s, &st->subs[h], node)
		if (ipv6_addr_equal(&s->prefix, prefix))
			return s;
	return NULL;
}

/*
 * A free port on @a for @proto inside @e's range: @want itself when it
 * is in the range and free (port preservation, as Linux's own NAT does:
 * the host chose it at random, and a simultaneous open, 6146-23, needs
 * it), else one in the same range (0-1023 or not) as @want when the
 * entry has one, with its parity (RFC 4787 REQ-3, 6146-7), from a
 * random place (RFC 6056, 7857-8).
 */
static int port_on(struct nat64_state *st, const struct nat64_pool4_info *e,
		   __be32 a, u16 want, u32 *h4)
{
	u32 lo = e->min, hi = e->max, n, start, i, p, h;
	bool strict;
	int pass;

	if (want >= lo && want <= hi) {
		h = hash4(st, e->proto, a, want);
		if (!bib_find4_h(st, h, e->proto, a, want)) {
			if (h4)		/* for the caller to insert with */
				*h4 = h;
			return want;
		}
	}
	if (want < 1024 && lo < 1024)
		hi = min_t(u32, hi, 1023);
	else if (want >= 1024 && hi >= 1024)
		lo = max_t(u32, lo, 1024);
	if (e->proto == IPPROTO_ICMP)
		want = 0;	/* identifiers: no range, no parity */
	n = hi - lo + 1;
	start = get_random_u32_below(n);
	for (pass = 0; pass < 2; pass++) {
		strict = pass == 0 && e->proto != IPPROTO_ICMP && n > 1;
		for (i = 0; i < n; i++) {
			p = lo + (start + i) % n;
			if (strict && (p & 1) != (want & 1))
				continue;
			if (!bib_find4(st, e->proto, a, p))
				return p;
		}
		if (!strict)
			break;
	}
	return -1;
}

/* The @k-th address of the pool4 entries of @proto, and its entry. */
static const struct nat64_pool4_info *nth_addr(const struct pool4 *p,
					       u8 proto, u32 k, __be32 *a)
{
	unsigned int i;
	u32 sz;

	for (i = 0; i < p->n; i++) {
		if (p->e[i].proto != proto)
			continue;
		sz = p4_size(&p->e[i]);
		if (sz && k >= sz) {
			k -= sz;
			continue;
		}
		*a = htonl(ntohl(p->e[i].addr) + k);
		return &p->e[i];
	}
	return NULL;
}

static u32 addr_count(const struct pool4 *p, u8 proto)
{
	unsigned int i;
	u64 n = 0;

	for (i = 0; i < p->n; i++)
		if (p->e[i].proto == proto)
			n += p4_size(&p->e[i]) ?: (1ULL << 32);
	return min_t(u64, n, 1U << 24);	/* bounds the search below */
}

/*
 * Pairing holds @a to @proto: an entry of @proto has @a, and one has an
 * address besides (else that one address is all the pool there is).
 */
static bool pairs(const struct pool4 *p, u8 proto, __be32 a)
{
	bool in = false, other = false;
	unsigned int i;

	for (i = 0; i < p->n; i++) {
		if (p->e[i].proto != proto)
			continue;
		if (p4_contains(&p->e[i], a))
			in = true;
		if (p4_size(&p->e[i]) != 1 || !p4_contains(&p->e[i], a))
			other = true;
	}
	return in && other;
}

/*
 * A port on @a for @proto from any entry holding @a, or -1. When it is
 * @want, *@h4 is its hash4().
 */
static int port_any(struct nat64_state *st, const struct pool4 *p, u8 proto,
		    __be32 a, u16 want, u32 *h4)
{
	unsigned int i;
	int port;

	for (i = 0; i < p->n; i++)
		if (p->e[i].proto == proto && p4_contains(&p->e[i], a)) {
			port = port_on(st, &p->e[i], a, want, h4);
			if (port >= 0)
				return port;
		}
	return -1;
}

/*
 * A port for a subscriber of the deterministic rule: only on its address,
 * only in its range (RFC 7422), so that nothing needs logging.
 */
static int port_det(struct nat64_state *st, const struct nat64_det *d,
		    u8 proto, const struct in6_addr *a6, u16 want, __be32 *a)
{
	struct nat64_pool4_info e = { .proto = proto, .plen = 32 };

	nat64_det_forward(d, a6, a, &e.min, &e.max);
	e.addr = *a;
	return port_on(st, &e, *a, want, NULL);
}

static struct sub *sub_new(struct nat64_state *st,
			   const struct in6_addr *prefix, u8 plen, u32 h,
			   __be32 a)
{
	struct sub *s = kzalloc(sizeof(*s), GFP_ATOMIC);

	if (!s)
		return NULL;
	s->prefix = *prefix;
	s->plen = plen;
	s->addr4 = a;
	INIT_LIST_HEAD(&s->blocks);
	hlist_add_head_rcu(&s->node, &st->subs[h]);
	sub_event(st, NAT64_EV_SUB_ADD, s);
	return s;
}

/* --- port blocks (st->lock held) --------------------------------------- */

static u32 hash_blk(const struct nat64_state *st, __be32 a, u16 first)
{
	return hsiphash_2u32((__force u32)a, first, &st->hkey) &
	       ((1U << BLK_BITS) - 1);
}

static struct pblock *block_find(struct nat64_state *st, __be32 a, u16 first)
{
	struct pblock *k;

	hlist_for_each_entry(k, &st->blocks[hash_blk(st, a, first)], node)
		if (k->addr == a && k->first == first)
			return k;
	return NULL;
}

/* The pool4 entry of @proto that holds @a, or NULL. */
static const struct nat64_pool4_info *entry_of(const struct pool4 *p,
					       u8 proto, __be32 a)
{
	unsigned int i;

	for (i = 0; p && i < p->n; i++)
		if (p->e[i].proto == proto && p4_contains(&p->e[i], a))
			return &p->e[i];
	return NULL;
}

/* Whether block @first of an address is held (nat64_pba_pick()). */
struct block_of_addr {
	struct nat64_state *st;
	__be32 a;
};

static bool block_taken(void *ctx, u16 first)
{
	struct block_of_addr *b = ctx;

	return block_find(b->st, b->a, first);
}

/*
 * A free block of @size ports on @a inside @e's range: size-aligned,
 * above 1023, the first one free from a random place (RFC 6056). Its
 * first port, or -1.
 */
static int block_pick(struct nat64_state *st,
		      const struct nat64_pool4_info *e, __be32 a, u16 size)
{
	struct block_of_addr b = { st, a };

	return nat64_pba_pick(e->min, e->max, size, get_random_u32(),
			      block_taken, &b);
}

/*
 * Block @first of @a for @s. It starts empty, on the idle list: a
 * binding that fails to be made after it leaves it to expire.
 */
static struct pblock *block_take(struct nat64_state *st, struct sub *s,
				 __be32 a, u16 first, u16 size)
{
	struct pblock *k = kzalloc(sizeof(*k), GFP_ATOMIC);

	if (!k)
		return NULL;
	k->sub = s;
	k->addr = a;
	k->first = first;
	k->size = size;
	k->since = jiffies;
	hlist_add_head(&k->node, &st->blocks[hash_blk(st, a, first)]);
	list_add_tail(&k->sibling, &s->blocks);
	list_add_tail(&k->idle, &st->idle);
	s->nblocks++;
	nat64_stats_inc(&st->inst->stats, NAT64_STAT_PBA_ALLOC);
	block_event(st, NAT64_EV_PBA_ALLOC, s, a, k);
	return k;
}

static void block_use(struct pblock *k)
{
	if (!k->used++)
		list_del_init(&k->idle);
}

/* A port for @proto inside block @k and entry @e, or -1. */
static int port_in(struct nat64_state *st, const struct nat64_pool4_info *e,
		   const struct pblock *k, u16 want)
{
	struct nat64_pool4_info c = *e;

	c.min = max_t(u32, e->min, k->first);
	c.max = min_t(u32, e->max, k->first + k->size - 1);
	if (c.min > c.max)
		return -1;
	return port_on(st, &c, k->addr, want, NULL);
}

/*
 * Port-block allocation: a port inside a block of the subscriber, which
 * takes a new block on its address when its blocks are full (up to
 * subscriber-max-ports ports of blocks). A new subscriber takes its
 * first block on the first address, from the one its prefix hashes to,
 * that has one free; so does one whose address is not pool4's (a
 * deterministic subscriber overflowing its range, 7422-3). *sp is the
 * subscriber (made here for a new one), *kp the block. The port, or -1
 * and *why.
 */
static int port_pba(struct nat64_state *st, const struct pool4 *p,
		    const struct nat64_globals *g, struct sub **sp,
		    const struct in6_addr *prefix, u8 plen, u32 h, u8 proto,
		    u16 want, u32 total, __be32 *a, struct pblock **kp,
		    u32 *why)
{
	const struct nat64_pool4_info *e = NULL;
	struct sub *s = *sp;
	struct pblock *k;
	u32 start, tries, quota;
	int port, first = -1;
	bool paired;

	if (s) {
		list_for_each_entry(k, &s->blocks, sibling) {
			e = entry_of(p, proto, k->addr);
			port = e ? port_in(st, e, k, want) : -1;
			if (port >= 0)
				goto found;
		}
		quota = nat64_pba_quota(g->sub_max_ports, g->pba_size);
		if (s->nblocks >= quota) {
			block_refused(st, NAT64_EV_QUOTA, s, s->addr4);
			*why = NAT64_STAT_DROP_SUB_PORTS;
			return -1;
		}
		e = entry_of(p, proto, s->addr4);
	}
	paired = e;
	if (paired) {
		*a = s->addr4;
		first = block_pick(st, e, *a, g->pba_size);
	} else {
		*a = 0;
		start = siphash(prefix, sizeof(*prefix), &st->key) % total;
		for (tries = 0; first < 0 && tries < min_t(u32, total, 256);
		     tries++) {
			e = nth_addr(p, proto, (start + tries) % total, a);
			if (!e)
				break;
			first = block_pick(st, e, *a, g->pba_size);
		}
	}
	if (first < 0) {
		if (paired)
			block_refused(st, NAT64_EV_PBA_FULL, s, *a);
		else
			addr_full(st, g, proto, prefix, plen);
		*why = NAT64_STAT_DROP_PBA_FULL;
		return -1;
	}
	if (!s) {
		s = sub_new(st, prefix, plen, h, *a);
		if (!s) {
			*why = NAT64_STAT_DROP_NOMEM;
			return -1;
		}
		*sp = s;
	}
	k = block_take(st, s, *a, first, g->pba_size);
	if (!k) {
		*why = NAT64_STAT_DROP_NOMEM;
		return -1;
	}
	port = port_in(st, e, k, want);
	if (port < 0) {
		/* its ports all bound statically: nothing else to try */
		*why = NAT64_STAT_DROP_PBA_FULL;
		return -1;
	}
found:
	*a = k->addr;
	*kp = k;
	return port;
}

/* @h6: hash_bib6() of (@proto, @a6, @p6) */
static struct bib *bib_new(struct nat64_state *st, u8 proto,
			   const struct in6_addr *a6, u16 p6, u32 h6, u32 *why)
{
	const struct pool4 *p = rcu_dereference(st->pool4);
	const struct nat64_globals *g = rcu_dereference(st->inst->globals);
	const struct det *r = rcu_dereference(st->det);
	struct in6_addr prefix;
	struct pblock *blk = NULL;
	struct sub *s;
	struct bib *b;
	u32 h, h4 = U32_MAX, total, k, tries;
	__be32 a;
	int port = -1;
	bool det = r && nat64_det_contains6(&r->d, a6);
	u8 plen;

	total = p ? addr_count(p, proto) : 0;
	if (!total && !det) {
		*why = NAT64_STAT_DROP_POOL4;
		return NULL;
	}
	plen = det ? r->d.sub_len : g->sub_len;
	ipv6_addr_prefix(&prefix, a6, plen);
	/* a subscriber opens its flows in bursts: the last one, unhashed */
	s = st->last_sub;
	if (s && ipv6_addr_equal(&s->prefix, &prefix)) {
		h = U32_MAX;	/* only sub_new() needs it, and s exists */
	} else {
		h = hash6(st, 0, &prefix, 0, SUB_BITS);
		s = sub_find(st, &prefix, h);
	}
	if (s && g->sub_max_ports && s->bibs >= g->sub_max_ports) {
		*why = NAT64_STAT_DROP_SUB_PORTS;
		return NULL;
	}
	if (det) {
		port = port_det(st, &r->d, proto, a6, p6, &a);
		/* its range full: with port blocks, a logged block (7422-3) */
		if (port < 0 && g->pba && total)
			port = port_pba(st, p, g, &s, &prefix, plen, h, proto,
					p6, total, &a, &blk, why);
		else if (port < 0)
			*why = NAT64_STAT_DROP_DET_PORTS;
		if (port < 0)
			return NULL;
	} else if (g->pba) {
		port = port_pba(st, p, g, &s, &prefix, plen, h, proto, p6,
				total, &a, &blk, why);
		if (port < 0)
			return NULL;
	} else {
		/* 6146-6: the subscriber's address first */
		if (s) {
			a = s->addr4;
			port = port_any(st, p, proto, a, p6, &h4);
			/*
			 * 7857-4: it is full. Strict APP (the default) drops
			 * rather than take another address; soft APP looks
			 * for one below. An address this protocol's pool4
			 * lacks pairs nothing, and with one address the pool
			 * is simply full (drop_pool4 below).
			 */
			if (port < 0 && g->app == NAT64_APP_STRICT &&
			    pairs(p, proto, a)) {
				*why = NAT64_STAT_DROP_APP;
				return NULL;
			}
		}
		k = port < 0 ? siphash(&prefix, sizeof(prefix), &st->key) %
			       total : 0;
		for (tries = 0; port < 0 && tries < min_t(u32, total, 256);
		     tries++) {
			if (!nth_addr(p, proto, (k + tries) % total, &a))
				break;
			port = port_any(st, p, proto, a, p6, &h4);
		}
		if (port < 0) {
			addr_full(st, g, proto, &prefix, plen);
			*why = NAT64_STAT_DROP_POOL4;
			return NULL;
		}
	}
	b = bib_alloc(GFP_ATOMIC);
	if (!b) {
		*why = NAT64_STAT_DROP_NOMEM;
		return NULL;
	}
	if (!s) {
		s = sub_new(st, &prefix, plen, h, a);
		if (!s) {
			kmem_cache_free(bib_cache, b);
			*why = NAT64_STAT_DROP_NOMEM;
			return NULL;
		}
	}
	if (blk)
		block_use(blk);
	st->last_sub = s;
	s->bibs++;
	bib_count(st, g, s);
	INIT_LIST_HEAD(&b->list);
	b->sub = s;
	b->proto = proto;
	b->addr6 = *a6;
	b->port6 = p6;
	b->addr4 = a;
	b->port4 = port;
	hlist_add_head_rcu(&b->by6, &st->by6[h6]);
	if (h4 == U32_MAX || port != p6)
		h4 = hash4(st, proto, a, port);
	hlist_add_head_rcu(&b->by4, &st->by4[h4]);
	nat64_stats_inc(&st->inst->stats, NAT64_STAT_BIB_NEW);
	return b;
}

static u8 proto_lt(u8 proto, u8 tcp)
{
	if (proto == IPPROTO_UDP)
		return LT_UDP;
	if (proto == IPPROTO_ICMP)
		return LT_ICMP;
	return tcp_lt(tcp);
}

/* @h: hash_sess() of (@b, @f's remote address and port) */
static struct session *sess_new(struct nat64_state *st, struct bib *b,
				const struct nat64_flow *f, u8 tcp, u32 h,
				u32 *why)
{
	const struct nat64_globals *g = rcu_dereference(st->inst->globals);
	struct session *s;

	if (st->nsessions >= g->max_sessions) {
		*why = NAT64_STAT_DROP_SESSION_CAP;
		return NULL;
	}
	if (b->sub && g->sub_max_sessions &&
	    b->sub->sessions >= g->sub_max_sessions) {
		*why = NAT64_STAT_DROP_SUB_SESSIONS;
		return NULL;
	}
	s = sess_alloc();
	if (!s) {
		*why = NAT64_STAT_DROP_NOMEM;
		return NULL;
	}
	s->bib = b;
	s->remote6 = f->remote6;
	s->remote4 = f->remote4;
	s->rport = f->rport;
	s->tcp = tcp;
	s->lt = proto_lt(b->proto, tcp);
	s->stamp = jiffies;
	s->expires = s->stamp + lifetime_g(g, s->lt);
	b->sessions++;
	if (b->sub)
		b->sub->sessions++;
	st->nsessions++;
	list_add_tail(&s->lru, &st->lru[s->lt]);
	list_add_tail(&s->sibling, &b->list);
	hlist_add_head_rcu(&s->node, &st->sess[h]);
	nat64_stats_inc(&st->inst->stats, NAT64_STAT_SESSION_NEW);
	if (unlikely(g->session_events))
		sess_event(st, NAT64_EV_SESSION_ADD, s);
	return s;
}

/* A TCP packet moves the state machine; st->lock only when it changes. */
static void sess_tcp(struct nat64_state *st, struct session *s, bool from6,
		     u8 flags)
{
	enum nat64_tcp_state next;
	u8 lt;

	next = nat64_tcp_next(READ_ONCE(s->tcp), from6, flags);
	if (next == READ_ONCE(s->tcp))
		return;
	spin_lock_bh(&st->lock);
	if (s->lt == LT_MAX)
		goto out;	/* expired meanwhile: its lists are gone */
	next = nat64_tcp_next(s->tcp, from6, flags);
	WRITE_ONCE(s->tcp, next);
	lt = tcp_lt(next);
	if (lt != s->lt) {
		WRITE_ONCE(s->lt, lt);
		s->stamp = jiffies;
		list_move_tail(&s->lru, &st->lru[lt]);
	}
out:
	spin_unlock_bh(&st->lock);
}

static void refresh(struct nat64_state *st, struct session *s)
{
	u32 e = jiffies + lifetime_g(rcu_dereference(st->inst->globals),
				     READ_ONCE(s->lt));

	if (READ_ONCE(s->expires) != e)
		WRITE_ONCE(s->expires, e);
}

/* --- the packet path -------------------------------------------------- */

u32 nat64_state_64(struct nat64_instance *inst, struct nat64_flow *f)
{
	struct nat64_state *st = inst->state;
	u32 h6 = hash_bib6(st, f->proto, &f->addr6, f->port6), hs = 0;
	const struct bib *hb = NULL;	/* the entry hs is of */
	struct session *s = NULL;
	struct bib *b;
	u32 why = 0;
	bool bh, fresh;
	u8 tcp;

	b = bib_find6_h(st, h6, f->proto, &f->addr6, f->port6);
	if (b) {
		hb = b;
		hs = hash_sess(st, b, f->remote4, f->rport);
		s = sess_find_h(st, hs, b, f->remote4, f->rport);
	}
	if (!s) {
		tcp = NAT64_TCP_CLOSED;
		if (f->proto == IPPROTO_TCP) {
			tcp = nat64_tcp_next(tcp, true, f->tcp_flags);
			/* 6146-26: no state for a stray non-SYN */
			if (tcp == NAT64_TCP_CLOSED && !b)
				return NAT64_STAT_DROP_NO_STATE;
		}
		/* in softirq BHs are off already: the plain lock will do */
		bh = !in_softirq();
		if (bh)
			spin_lock_bh(&st->lock);
		else
			spin_lock(&st->lock);
		b = bib_find6_h(st, h6, f->proto, &f->addr6, f->port6);
		fresh = !b;
		if (!b)
			b = bib_new(st, f->proto, &f->addr6, f->port6, h6,
				    &why);
		if (b && b != hb)
			hs = hash_sess(st, b, f->remote4, f->rport);
		/* a binding made just now has no session yet */
		s = b && !fresh ? sess_find_h(st, hs, b, f->remote4, f->rport) :
				  NULL;
		/* 6146-23: a held IPv4 SYN makes it a simultaneous open */
		if (b && !s && tcp == NAT64_TCP_V6_INIT &&
		    syn4_take(st, b->addr4, b->port4, f->remote4, f->rport))
			tcp = NAT64_TCP_ESTABLISHED;
		if (b && !s && tcp != NAT64_TCP_CLOSED)
			s = sess_new(st, b, f, tcp, hs, &why);
		else if (b && !s && f->proto != IPPROTO_TCP)
			s = sess_new(st, b, f, NAT64_TCP_CLOSED, hs, &why);
		if (b) {
			f->addr4 = b->addr4;
			f->port4 = b->port4;
		}
		/* a BIB entry made for nothing goes again */
		if (b && !b->sessions && !b->is_static) {
			bib_del(st, b);
			b = NULL;
		}
		if (bh)
			spin_unlock_bh(&st->lock);
		else
			spin_unlock(&st->lock);
		if (!b)
			return why ?: NAT64_STAT_DROP_NO_STATE;
		if (!s)		/* 6146-26: translated, no state */
			return why;
		return 0;
	}
	f->addr4 = b->addr4;
	f->port4 = b->port4;
	if (f->proto == IPPROTO_TCP)
		sess_tcp(st, s, true, f->tcp_flags);
	refresh(st, s);
	return 0;
}

/*
 * An IPv4 packet found no state to go with: NAT64_STAT_SYN4_HELD when
 * it is a SYN to be held (6146-22), the drop of policy 6146-21, else 0.
 */
static u32 syn4(struct nat64_instance *inst, const struct nat64_flow *f)
{
	if (f->proto != IPPROTO_TCP ||
	    (f->tcp_flags & (NAT64_TCP_SYN | NAT64_TCP_RST | NAT64_TCP_FIN)) !=
	    NAT64_TCP_SYN)
		return 0;
	if (rcu_dereference(inst->globals)->drop_ext_tcp)
		return NAT64_STAT_DROP_EXT_TCP;	/* 6146-21 */
	return NAT64_STAT_SYN4_HELD;
}

u32 nat64_state_46(struct nat64_instance *inst, struct nat64_flow *f)
{
	struct nat64_state *st = inst->state;
	u32 h4 = hash4(st, f->proto, f->addr4, f->port4), hs;
	const struct nat64_globals *g;
	const struct bib *hb;		/* the entry hs is of */
	struct session *s;
	struct bib *b;
	u32 why = 0;
	u8 tcp;

	b = bib_find4_h(st, h4, f->proto, f->addr4, f->port4);
	if (!b)
		return syn4(inst, f) ?: NAT64_STAT_DROP_NO_BIB;
	f->addr6 = b->addr6;
	f->port6 = b->port6;
	hb = b;
	hs = hash_sess(st, b, f->remote4, f->rport);
	s = sess_find_h(st, hs, b, f->remote4, f->rport);
	if (s) {
		f->remote6 = s->remote6;
		if (f->proto == IPPROTO_TCP)
			sess_tcp(st, s, false, f->tcp_flags);
		refresh(st, s);
		return 0;
	}
	g = rcu_dereference(inst->globals);
	tcp = NAT64_TCP_CLOSED;
	if (f->proto == IPPROTO_TCP) {
		if (g->drop_ext_tcp && (f->tcp_flags & NAT64_TCP_SYN))
			return NAT64_STAT_DROP_EXT_TCP;	/* 6146-21 */
		tcp = nat64_tcp_next(tcp, false, f->tcp_flags);
	}
	spin_lock_bh(&st->lock);
	/* again under the lock: @b may have gone meanwhile */
	b = bib_find4_h(st, h4, f->proto, f->addr4, f->port4);
	if (b) {
		f->addr6 = b->addr6;
		f->port6 = b->port6;
	}
	/* 6146-13: address-dependent filtering */
	if (b && g->filtering == NAT64_FILTER_ADF && !b->is_static &&
	    !sess_to_addr(b, f->remote4)) {
		spin_unlock_bh(&st->lock);
		/* 6146-25: a SYN is held as if there were no BIB entry */
		return syn4(inst, f) ?: NAT64_STAT_DROP_FILTERED;
	}
	if (f->proto == IPPROTO_TCP && tcp == NAT64_TCP_CLOSED) {
		spin_unlock_bh(&st->lock);
		/* 6146-26: a non-SYN is translated and makes no state */
		return b ? 0 : NAT64_STAT_DROP_NO_BIB;
	}
	if (b && b != hb)
		hs = hash_sess(st, b, f->remote4, f->rport);
	s = b ? sess_find_h(st, hs, b, f->remote4, f->rport) : NULL;
	if (b && !s)
		s = sess_new(st, b, f, tcp, hs, &why);
	if (s)
		f->remote6 = s->remote6;
	spin_unlock_bh(&st->lock);
	if (!b)
		return NAT64_STAT_DROP_NO_BIB;
	return s ? 0 : why;
}

bool nat64_bib_find6(struct nat64_instance *inst, u8 proto,
		     const struct in6_addr *a6, u16 p6, __be32 *a4, u16 *p4)
{
	struct bib *b = bib_find6(inst->state, proto, a6, p6);

	if (!b)
		return false;
	*a4 = b->addr4;
	*p4 = b->port4;
	return true;
}

bool nat64_bib_find4(struct nat64_instance *inst, u8 proto, __be32 a4,
		     u16 p4, struct in6_addr *a6, u16 *p6)
{
	struct bib *b = bib_find4(inst->state, proto, a4, p4);

	if (!b)
		return false;
	*a6 = b->addr6;
	*p6 = b->port6;
	return true;
}

/* --- static BIB entries ----------------------------------------------- */

static void bib_event(struct nat64_instance *inst, u8 type,
		      const struct nat64_bib_info *b)
{
	struct nat64_event_info e = {
		.type = type, .proto = b->proto, .addr6 = b->addr6,
		.port6 = b->port6, .addr4 = b->addr4, .port4 = b->port4,
	};

	nat64_event(inst, &e);
}

int nat64_bib_add_static(struct nat64_instance *inst,
			 const struct nat64_bib_info *in,
			 struct netlink_ext_ack *extack)
{
	struct nat64_state *st = inst->state;
	struct bib *b, *old;
	int err = 0;

	if (in->proto != IPPROTO_TCP && in->proto != IPPROTO_UDP &&
	    in->proto != IPPROTO_ICMP) {
		NL_SET_ERR_MSG(extack, "a BIB entry is tcp, udp or icmp");
		return -EINVAL;
	}
	b = bib_alloc(GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	b->proto = in->proto;
	b->addr6 = in->addr6;
	b->port6 = in->port6;
	b->addr4 = in->addr4;
	b->port4 = in->port4;
	b->is_static = true;
	INIT_LIST_HEAD(&b->list);
	spin_lock_bh(&st->lock);
	old = bib_find4(st, in->proto, in->addr4, in->port4);
	rcu_read_lock();
	if (!nat64_pool4_has_addr(inst, in->addr4)) {
		/* only pool4 addresses reach the instance (6146-3) */
		NL_SET_ERR_MSG(extack, "the IPv4 address is not in pool4");
		err = -EINVAL;
	} else if (old) {
		NL_SET_ERR_MSG(extack, "that IPv4 transport address is bound");
		err = -EEXIST;
	} else if (bib_find6(st, in->proto, &in->addr6, in->port6)) {
		NL_SET_ERR_MSG(extack, "that IPv6 transport address is bound");
		err = -EEXIST;
	} else {
		hlist_add_head_rcu(&b->by6, &st->by6[hash_bib6(st, b->proto,
							       &b->addr6,
							       b->port6)]);
		hlist_add_head_rcu(&b->by4, &st->by4[hash4(st, b->proto,
							   b->addr4,
							   b->port4)]);
	}
	rcu_read_unlock();
	spin_unlock_bh(&st->lock);
	if (err) {
		kmem_cache_free(bib_cache, b);
		return err;
	}
	bib_event(inst, NAT64_EV_BIB_ADD, in);
	return 0;
}

int nat64_bib_del_static(struct nat64_instance *inst, u8 proto,
			 __be32 addr4, u16 port4,
			 struct netlink_ext_ack *extack)
{
	struct nat64_state *st = inst->state;
	struct nat64_bib_info gone = {};
	struct session *s, *tmp;
	struct bib *b;
	int err = 0;

	spin_lock_bh(&st->lock);
	b = bib_find4(st, proto, addr4, port4);
	if (!b || !b->is_static) {
		if (b)
			NL_SET_ERR_MSG(extack, "that BIB entry is not static");
		else
			NL_SET_ERR_MSG(extack, "no such BIB entry");
		err = -ENOENT;
		goto out;
	}
	/* b->is_static stays set: the last sess_del() must not free it */
	list_for_each_entry_safe(s, tmp, &b->list, sibling)
		sess_del(st, s);
	gone = (struct nat64_bib_info) {
		.proto = b->proto, .addr6 = b->addr6, .port6 = b->port6,
		.addr4 = b->addr4, .port4 = b->port4,
	};
	bib_del(st, b);
out:
	spin_unlock_bh(&st->lock);
	if (!err)
		bib_event(inst, NAT64_EV_BIB_DEL, &gone);
	return err;
}

/* --- dumps ------------------------------------------------------------ */

/*
 * The cursor is (bucket << 32 | index in the bucket); @fn runs under
 * st->lock (it only fills a message). Entries added or removed in a
 * bucket between two calls can shift the index: the netlink layer
 * flags such a dump (its generation count).
 */
#define CURSOR(bucket, idx) ((u64)(bucket) << 32 | (idx))

int nat64_bib_walk(struct nat64_instance *inst, u8 proto, u64 *pos,
		   int (*fn)(void *arg, const struct nat64_bib_info *b),
		   void *arg)
{
	struct nat64_state *st = inst->state;
	u32 bucket = *pos >> 32, idx = (u32)*pos, i;
	struct nat64_bib_info info;
	struct bib *b;

	for (; bucket < (1U << BIB_BITS); bucket++, idx = 0) {
		i = 0;
		spin_lock_bh(&st->lock);
		hlist_for_each_entry(b, &st->by4[bucket], by4) {
			if (i++ < idx || (proto && b->proto != proto))
				continue;
			info = (struct nat64_bib_info) {
				.proto = b->proto, .is_static = b->is_static,
				.addr6 = b->addr6, .port6 = b->port6,
				.addr4 = b->addr4, .port4 = b->port4,
				.sessions = b->sessions,
			};
			if (fn(arg, &info)) {
				spin_unlock_bh(&st->lock);
				*pos = CURSOR(bucket, i - 1);
				return 1;
			}
		}
		spin_unlock_bh(&st->lock);
	}
	*pos = CURSOR(bucket, 0);
	return 0;
}

int nat64_pba_walk(struct nat64_instance *inst, u64 *pos,
		   int (*fn)(void *arg, const struct nat64_pba_info *k),
		   void *arg)
{
	struct nat64_state *st = inst->state;
	u32 bucket = *pos >> 32, idx = (u32)*pos, i;
	struct nat64_pba_info info;
	struct pblock *k;

	for (; bucket < (1U << BLK_BITS); bucket++, idx = 0) {
		i = 0;
		spin_lock_bh(&st->lock);
		hlist_for_each_entry(k, &st->blocks[bucket], node) {
			if (i++ < idx)
				continue;
			info = (struct nat64_pba_info) {
				.prefix6 = k->sub->prefix,
				.plen6 = k->sub->plen, .addr4 = k->addr,
				.first = k->first,
				.last = k->first + k->size - 1,
				.bindings = k->used,
				.seq = nat64_event_seq(inst),
			};
			if (fn(arg, &info)) {
				spin_unlock_bh(&st->lock);
				*pos = CURSOR(bucket, i - 1);
				return 1;
			}
		}
		spin_unlock_bh(&st->lock);
	}
	*pos = CURSOR(bucket, 0);
	return 0;
}

int nat64_session_walk(struct nat64_instance *inst, u8 proto, u64 *pos,
		       int (*fn)(void *arg,
				 const struct nat64_session_info *s),
		       void *arg)
{
	struct nat64_state *st = inst->state;
	u32 bucket = *pos >> 32, idx = (u32)*pos, i;
	struct nat64_session_info info;
	unsigned long now;
	struct session *s;
	long left;

	for (; bucket < (1U << SESS_BITS); bucket++, idx = 0) {
		if (hlist_empty(&st->sess[bucket]))
			continue;
		i = 0;
		spin_lock_bh(&st->lock);
		now = jiffies;
		hlist_for_each_entry(s, &st->sess[bucket], node) {
			if (i++ < idx || (proto && s->bib->proto != proto))
				continue;
			left = (s32)(READ_ONCE(s->expires) - (u32)now);
			info = (struct nat64_session_info) {
				.proto = s->bib->proto, .tcp_state = s->tcp,
				.src6 = s->bib->addr6,
				.sport6 = s->bib->port6,
				.dst6 = s->remote6, .dport6 = s->rport,
				.src4 = s->bib->addr4,
				.sport4 = s->bib->port4,
				.dst4 = s->remote4, .dport4 = s->rport,
				.expires_ms = left > 0 ?
					jiffies_to_msecs(left) : 0,
			};
			if (fn(arg, &info)) {
				spin_unlock_bh(&st->lock);
				*pos = CURSOR(bucket, i - 1);
				return 1;
			}
		}
		spin_unlock_bh(&st->lock);
	}
	*pos = CURSOR(bucket, 0);
	return 0;
}

/* --- life ------------------------------------------------------------- */

int nat64_state_init(struct nat64_instance *inst)
{
	struct nat64_state *st;
	unsigned int i;

	st = kzalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;
	st->by6 = kvcalloc(1U << BIB_BITS, sizeof(*st->by6), GFP_KERNEL);
	st->by4 = kvcalloc(1U << BIB_BITS, sizeof(*st->by4), GFP_KERNEL);
	st->sess = kvcalloc(1U << SESS_BITS, sizeof(*st->sess), GFP_KERNEL);
	st->subs = kvcalloc(1U << SUB_BITS, sizeof(*st->subs), GFP_KERNEL);
	st->syn4 = kcalloc(1U << SYN4_BITS, sizeof(*st->syn4), GFP_KERNEL);
	st->blocks = kvcalloc(1U << BLK_BITS, sizeof(*st->blocks), GFP_KERNEL);
	if (!st->by6 || !st->by4 || !st->sess || !st->subs || !st->syn4 ||
	    !st->blocks) {
		kvfree(st->blocks);
		kvfree(st->by6);
		kvfree(st->by4);
		kvfree(st->sess);
		kvfree(st->subs);
		kfree(st->syn4);
		kfree(st);
		return -ENOMEM;
	}
	spin_lock_init(&st->lock);
	get_random_bytes(&st->key, sizeof(st->key));
	get_random_bytes(&st->hkey, sizeof(st->hkey));
	for (i = 0; i < LT_MAX; i++)
		INIT_LIST_HEAD(&st->lru[i]);
	INIT_LIST_HEAD(&st->syn4_fifo);
	INIT_LIST_HEAD(&st->idle);
	st->inst = inst;
	INIT_DELAYED_WORK(&st->gc, gc);
	inst->state = st;
	queue_delayed_work(system_power_efficient_wq, &st->gc, tick());
	return 0;
}

/* Process context; no reader can reach the state any more. */
void nat64_state_free(struct nat64_instance *inst)
{
	struct nat64_state *st = inst->state;

	if (!st)
		return;
	cancel_delayed_work_sync(&st->gc);
	/*
	 * The caller waited for the readers (or there never were any): the
	 * BIB entries and sessions are freed at once, not a grace period
	 * later, which made a million call_rcu() callbacks of an unload run
	 * in the softirqs of whatever came next. The tables go after them.
	 */
	st->dying = true;
	syn4_expire(st, true);
	flush(st, FLUSH_ALL);
	block_expire(st, true);		/* every block is empty now */
	kfree(rcu_dereference_protected(st->pool4, 1));
	kfree(rcu_dereference_protected(st->det, 1));
	kvfree(st->by6);
	kvfree(st->by4);
	kvfree(st->sess);
	kvfree(st->subs);
	kfree(st->syn4);
	kvfree(st->blocks);
	kfree(st);
	inst->state = NULL;
}

int nat64_state_module_init(void)
{
	/* named for /proc/slabinfo, where memory per session is read */
	bib_cache = kmem_cache_create("nat64_bib", sizeof(struct bib), 0, 0,
				      bib_ctor);
	session_cache = kmem_cache_create("nat64_session",
					  sizeof(struct session), 0, 0,
					  sess_ctor);
	if (!bib_cache || !session_cache) {
		kmem_cache_destroy(bib_cache);
		kmem_cache_destroy(session_cache);
		return -ENOMEM;
	}
	return 0;
}

void nat64_state_module_exit(void)
{
	/* the kfree_rcu() of the last entries must be done first */
	rcu_barrier();
	kmem_cache_destroy(bib_cache);
	kmem_cache_destroy(session_cache);
}
