// SPDX-License-Identifier: GPL-2.0-only
/*
 * The Explicit Address Mapping table of an instance (RFC 7757).
 *
 * Each entry sits in two hash tables, one per side: h[EAM_4] keyed by its
 * IPv4 prefix (masked address, length), h[EAM_6] by its IPv6 prefix; and
 * in a list, in the order entries were added, for dumps. Per side, a
 * bitmap names the prefix lengths in use. A longest-prefix lookup tries
 * those lengths from the longest down, masking the address to each and
 * probing the hash: it costs at most one probe per distinct length in use
 * (33 for IPv4, 129 for IPv6 in the worst case, a few in practice),
 * however many entries there are.
 *
 * The hashes use open addressing with linear probing over an array of
 * slots, each an entry pointer and the hash of that entry's key, so that a
 * probe reads only the entries whose hash matches. At most half the slots
 * are used (entries plus the tombstones that deletions leave), so every
 * probe ends at an empty slot.
 * A writer that needs room builds a new array, publishes it with
 * rcu_assign_pointer() and frees the old one after a grace period; entries
 * never move, so a reader still on the old array finds what it held.
 * Writers hold the lock the table was given; readers (the packet path)
 * take no lock, only RCU. (Not rhashtable: destroying one needs process
 * context, and an instance is freed from an RCU callback.)
 *
 * Before any probe, a lookup asks a filter of the side: a bitmap of 2^16
 * bits, one per IPv4 /16 (a shorter prefix sets all of its /16s) or per
 * hash of an IPv6 address's first 48 bits (while no IPv6 prefix is
 * shorter than that; one that is turns the IPv6 filter off). An address
 * whose bit is clear is in no entry: a translator's lookups that miss
 * (a pool6 destination, the hairpin test) cost one bit test. Deleting
 * an entry leaves its bits set (a later lookup only probes in vain);
 * flushing clears them.
 *
 * Addresses are 128-bit numbers here, most significant bit first, an IPv4
 * address in the top 32 bits: prefix masks and the suffix copy of RFC 7757
 * section 3.3 are then the same shifts on both sides.
 */
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/hash.h>
#include <linux/lockdep.h>
#include <linux/overflow.h>
#include <linux/random.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/stringify.h>

#include "eam.h"

enum { EAM_4, EAM_6, EAM_SIDES };

#define EAM_LEN_WORDS	3	/* bitmap words for the lengths 0-128 */
#define EAM_SLOTS_MIN	16
/* A slot whose entry was deleted: probes go on past it. */
#define EAM_TOMB	((struct nat64_eam_entry *)1UL)
#define EAM_FILTER_BITS	16
#define EAM_FILTER_LEN6	48	/* IPv6: the bits the filter hashes */

static const unsigned int side_bits[EAM_SIDES] = { 32, 128 };

struct eam_bits {
	u64 hi, lo;
};

/* A prefix: its host bits are zero. */
struct eam_key {
	struct eam_bits a;
	unsigned int len;
};

struct nat64_eam_entry {
	struct list_head list;		/* t->entries; RCU */
	struct eam_key k[EAM_SIDES];
	struct rcu_head rcu;
};

/*
 * A reader may pair a pointer with the hash of a previous occupant while a
 * writer fills the slot: it then misses the entry being added, no other.
 */
struct eam_slot {
	struct nat64_eam_entry __rcu *e;	/* NULL, EAM_TOMB or an entry */
	u32 hash;				/* key_hash() of e's key */
};

struct eam_slots {
	struct rcu_head rcu;
	u32 mask;			/* slots - 1, a power of 2 minus 1 */
	struct eam_slot slot[];
};

/* One side. */
struct eam_hash {
	struct eam_slots __rcu *slots;	/* NULL while the table is empty */
	u64 lens[EAM_LEN_WORDS];	/* bit L: a prefix of length L is in */
	u32 used;			/* slots not empty: entries, tombstones */
	u32 count[129];			/* entries per prefix length */
	unsigned long *filter;		/* 2^EAM_FILTER_BITS bits; NULL: none */
	u32 wide;			/* IPv6 prefixes the filter cannot hold */
};

struct nat64_eam_table {
	struct eam_hash h[EAM_SIDES];
	struct list_head entries;	/* oldest first */
	struct mutex *lock;		/* held by writers */
	u64 seed;			/* odd */
	u32 n;				/* entries */
	u32 gen;			/* bumped on each change, never 0 */
};

/* ---- 128-bit arithmetic --------------------------------------------------- */

static struct eam_bits bits_shl(struct eam_bits x, unsigned int n)
{
	if (n >= 128)
		return (struct eam_bits){ 0, 0 };
	if (n >= 64)
		return (struct eam_bits){ x.lo << (n - 64), 0 };
	if (n == 0)
		return x;
	return (struct eam_bits){ (x.hi << n) | (x.lo >> (64 - n)), x.lo << n };
}

static struct eam_bits bits_shr(struct eam_bits x, unsigned int n)
{
	if (n >= 128)
		return (struct eam_bits){ 0, 0 };
	if (n >= 64)
		return (struct eam_bits){ 0, x.hi >> (n - 64) };
	if (n == 0)
		return x;
	return (struct eam_bits){ x.hi >> n, (x.lo >> n) | (x.hi << (64 - n)) };
}

/* The first @len bits of @x, the others zero. */
static struct eam_bits bits_mask(struct eam_bits x, unsigned int len)
{
	if (len == 0)
		return (struct eam_bits){ 0, 0 };
	if (len <= 64)
		return (struct eam_bits){ x.hi & (~0ULL << (64 - len)), 0 };
	if (len < 128)
		x.lo &= ~0ULL << (128 - len);
	return x;
}

static bool bits_eq(struct eam_bits a, struct eam_bits b)
{
	return a.hi == b.hi && a.lo == b.lo;
}

static struct eam_bits bits_of4(__be32 a)
{
	return (struct eam_bits){ (u64)ntohl(a) << 32, 0 };
}

static struct eam_bits bits_of6(const struct in6_addr *a)
{
	return (struct eam_bits){
		((u64)ntohl(a->s6_addr32[0]) << 32) | ntohl(a->s6_addr32[1]),
		((u64)ntohl(a->s6_addr32[2]) << 32) | ntohl(a->s6_addr32[3]),
	};
}

static __be32 bits_to4(struct eam_bits x)
{
	return htonl(x.hi >> 32);
}

static void bits_to6(struct eam_bits x, struct in6_addr *out)
{
	out->s6_addr32[0] = htonl(x.hi >> 32);
	out->s6_addr32[1] = htonl((u32)x.hi);
	out->s6_addr32[2] = htonl(x.lo >> 32);
	out->s6_addr32[3] = htonl((u32)x.lo);
}

/*
 * RFC 7757 section 3.3: the @width bits of @a that follow its first @from
 * bits, moved to right after the first @to bits; every other bit zero.
 */
static struct eam_bits move_suffix(struct eam_bits a, unsigned int from,
				   unsigned int width, unsigned int to)
{
	return bits_shr(bits_mask(bits_shl(a, from), width), to);
}

/* ---- keys and the hashes --------------------------------------------------- */

static bool key_eq(const struct eam_key *a, const struct eam_key *b)
{
	return a->len == b->len && bits_eq(a->a, b->a);
}

/* Every bit of @x moves every bit of the result (a 64-bit avalanche). */
static u64 mix64(u64 x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ULL;
	x ^= x >> 33;
	return x;
}

/*
 * A key's hash under the table's seed: one round of mix64() over the high
 * word, the length (an odd multiple of the seed, distinct per length) and,
 * when the low word is not zero, a round of it. An IPv4 key and an IPv6
 * one of 64 bits or less have a zero low word: one round. The keys in a
 * table are the operator's; a packet's address only probes them, so no
 * sender can pile keys up.
 */
static __always_inline u32 hash_of(const struct nat64_eam_table *t, u64 hi,
				   u64 lo, unsigned int len)
{
	if (lo)
		hi ^= mix64(lo);
	return mix64(hi ^ t->seed * (2 * len + 1)) >> 32;
}

static u32 key_hash(const struct nat64_eam_table *t, const struct eam_key *k)
{
	return hash_of(t, k->a.hi, k->a.lo, k->len);
}

/* The keys of @m; its prefixes are not checked. */
static void keys_of(const struct nat64_eam *m, struct eam_key *k)
{
	k[EAM_4].a = bits_of4(m->p4);
	k[EAM_4].len = m->l4;
	k[EAM_6].a = bits_of6(&m->p6);
	k[EAM_6].len = m->l6;
}

static void entry_view(const struct nat64_eam_entry *e, struct nat64_eam *m)
{
	memset(m, 0, sizeof(*m));
	m->p4 = bits_to4(e->k[EAM_4].a);
	m->l4 = e->k[EAM_4].len;
	bits_to6(e->k[EAM_6].a, &m->p6);
	m->l6 = e->k[EAM_6].len;
}

/* Holds rcu_read_lock() or t->lock. */
static struct eam_slots *slots_of(const struct nat64_eam_table *t, int side)
{
	return rcu_dereference_check(t->h[side].slots,
				     lockdep_is_held(t->lock));
}

static struct nat64_eam_entry *slot_get(const struct nat64_eam_table *t,
					const struct eam_slots *s, u32 i)
{
	return rcu_dereference_check(s->slot[i].e, lockdep_is_held(t->lock));
}

/*
 * Holds rcu_read_lock() or t->lock. The entry whose prefix on @side is @k,
 * or NULL; *@where (if not NULL) is its slot, or the empty one that ended
 * the probe.
 */
static struct nat64_eam_entry *find(const struct nat64_eam_table *t,
				    const struct eam_slots *s, int side,
				    const struct eam_key *k, u32 *where)
{
	u32 hash = key_hash(t, k), i = hash & s->mask;
	struct nat64_eam_entry *e;

	for (;; i = (i + 1) & s->mask) {
		e = slot_get(t, s, i);
		if (!e)
			break;
		if (e != EAM_TOMB && READ_ONCE(s->slot[i].hash) == hash &&
		    key_eq(&e->k[side], k))
			break;
	}
	if (where)
		*where = i;
	return e;
}

static struct nat64_eam_entry *find_exact(const struct nat64_eam_table *t,
					  int side, const struct eam_key *k)
{
	const struct eam_slots *s = slots_of(t, side);

	return s ? find(t, s, side, k, NULL) : NULL;
}

/* ---- the filters ------------------------------------------------------- */

static u32 filter_bit(int side, struct eam_bits a)
{
	if (side == EAM_4)
		return a.hi >> (64 - EAM_FILTER_BITS);
	return hash_64(a.hi >> (64 - EAM_FILTER_LEN6), EAM_FILTER_BITS);
}

/* False: no entry of @side holds @a. */
static bool filter_may(const struct eam_hash *h, int side, struct eam_bits a)
{
	const unsigned long *f = READ_ONCE(h->filter);

	if (!f || (side == EAM_6 && READ_ONCE(h->wide)))
		return true;
	return test_bit(filter_bit(side, a), f);
}

/* Holds t->lock; h->filter is allocated. */
static void filter_add(struct eam_hash *h, int side, const struct eam_key *k)
{
	if (side == EAM_6 && k->len < EAM_FILTER_LEN6)
		WRITE_ONCE(h->wide, h->wide + 1);
	else if (side == EAM_4 && k->len < EAM_FILTER_BITS)
		bitmap_set(h->filter, filter_bit(side, k->a),
			   1U << (EAM_FILTER_BITS - k->len));
	else
		set_bit(filter_bit(side, k->a), h->filter);
}

/* Holds t->lock: the bits stay (a filter only needs no false "no"). */
static void filter_del(struct eam_hash *h, int side, const struct eam_key *k)
{
	if (side == EAM_6 && k->len < EAM_FILTER_LEN6)
		WRITE_ONCE(h->wide, h->wide - 1);
}

/* Holds t->lock. Both filters, made at the first entry. */
static int filters_alloc(struct nat64_eam_table *t)
{
	unsigned long *f;
	int side;

	for (side = 0; side < EAM_SIDES; side++) {
		if (t->h[side].filter)
			continue;
		f = bitmap_zalloc(1U << EAM_FILTER_BITS, GFP_KERNEL_ACCOUNT);
		if (!f)
			return -ENOMEM;
		WRITE_ONCE(t->h[side].filter, f);
	}
	return 0;
}

/*
 * The entry with the longest IPv6 prefix that holds @in, for the packet
 * path (RCU): one probe per length in use, longest first, the probe
 * inline. A writer working meanwhile may hide its own entry for that
 * long, no other.
 */
static const struct nat64_eam_entry *lpm6(const struct nat64_eam_table *t,
					  const struct in6_addr *in)
{
	const struct eam_hash *h = &t->h[EAM_6];
	const struct eam_slots *s = rcu_dereference(h->slots);
	const struct nat64_eam_entry *e;
	struct eam_bits a, k;
	unsigned int len;
	u32 hash, i;
	u64 lens;
	int w;

	if (!s)
		return NULL;
	a = bits_of6(in);
	if (!filter_may(h, EAM_6, a))
		return NULL;
	for (w = EAM_LEN_WORDS - 1; w >= 0; w--) {
		for (lens = READ_ONCE(h->lens[w]); lens;
		     lens &= ~BIT_ULL(len % 64)) {
			len = w * 64 + fls64(lens) - 1;
			k = bits_mask(a, len);
			hash = hash_of(t, k.hi, k.lo, len);
			for (i = hash & s->mask;; i = (i + 1) & s->mask) {
				e = rcu_dereference(s->slot[i].e);
				if (!e)
					break;
				if (e != EAM_TOMB &&
				    READ_ONCE(s->slot[i].hash) == hash &&
				    e->k[EAM_6].len == len &&
				    bits_eq(e->k[EAM_6].a, k))
					return e;
			}
		}
	}
	return NULL;
}

/*
 * The same for an IPv4 address, with less: the lengths fit one word, a
 * key's low word is zero, and the probe compares the high word only.
 */
static const struct nat64_eam_entry *lpm4(const struct nat64_eam_table *t,
					  __be32 in)
{
	const struct eam_hash *h = &t->h[EAM_4];
	const struct eam_slots *s = rcu_dereference(h->slots);
	const struct nat64_eam_entry *e;
	u64 a = (u64)ntohl(in) << 32, lens, hi;
	const unsigned long *f;
	unsigned int len;
	u32 hash, i;

	if (!s)
		return NULL;
	f = READ_ONCE(h->filter);
	if (f && !test_bit(a >> (64 - EAM_FILTER_BITS), f))
		return NULL;
	for (lens = READ_ONCE(h->lens[0]); lens; lens &= ~BIT_ULL(len)) {
		len = fls64(lens) - 1;
		hi = len ? a & (~0ULL << (64 - len)) : 0;
		hash = hash_of(t, hi, 0, len);
		for (i = hash & s->mask;; i = (i + 1) & s->mask) {
			e = rcu_dereference(s->slot[i].e);
			if (!e)
				break;
			if (e != EAM_TOMB && READ_ONCE(s->slot[i].hash) == hash &&
			    e->k[EAM_4].len == len && e->k[EAM_4].a.hi == hi)
				return e;
		}
	}
	return NULL;
}

/* Holds t->lock. Puts @e, whose key hashes to @hash, in the first free
 * slot of its probe sequence; true if that slot was empty (no tombstone).
 */
static bool slot_put(const struct nat64_eam_table *t, struct eam_slots *s,
		     struct nat64_eam_entry *e, u32 hash)
{
	struct nat64_eam_entry *old;
	u32 i = hash & s->mask;

	for (;; i = (i + 1) & s->mask) {
		old = slot_get(t, s, i);
		if (!old || old == EAM_TOMB)
			break;
	}
	WRITE_ONCE(s->slot[i].hash, hash);
	rcu_assign_pointer(s->slot[i].e, e);
	return !old;
}

/*
 * Process context, holds t->lock. Replaces the slots of @side with a new
 * array sized for @want entries (at most a third full), without the
 * tombstones. Readers on the old array keep it for a grace period.
 */
static int resize(struct nat64_eam_table *t, int side, u32 want)
{
	struct eam_hash *h = &t->h[side];
	struct eam_slots *old = slots_of(t, side), *new;
	struct nat64_eam_entry *e;
	u32 size = EAM_SLOTS_MIN, i, used = 0;

	while (size < want * 3)
		size <<= 1;
	new = kvzalloc(struct_size(new, slot, size), GFP_KERNEL_ACCOUNT);
	if (!new)
		return -ENOMEM;
	new->mask = size - 1;
	for (i = 0; old && i <= old->mask; i++) {
		e = slot_get(t, old, i);
		if (e && e != EAM_TOMB)
			used += slot_put(t, new, e, old->slot[i].hash);
	}
	rcu_assign_pointer(h->slots, new);
	h->used = used;
	if (old)
		kvfree_rcu(old, rcu);
	return 0;
}

/* Holds t->lock. Makes sure one more entry fits in @side. */
static int make_room(struct nat64_eam_table *t, int side)
{
	const struct eam_slots *s = slots_of(t, side);

	if (s && (t->h[side].used + 1) * 2 <= s->mask + 1)
		return 0;
	return resize(t, side, t->n + 1);
}

/* Holds t->lock. Shrinks @side after a deletion (best effort). */
static void shrink(struct nat64_eam_table *t, int side)
{
	struct eam_hash *h = &t->h[side];
	struct eam_slots *s = slots_of(t, side);

	if (!s)
		return;
	if (!t->n) {
		RCU_INIT_POINTER(h->slots, NULL);
		h->used = 0;
		kvfree_rcu(s, rcu);
	} else if (s->mask + 1 > EAM_SLOTS_MIN && t->n * 8 < s->mask + 1) {
		resize(t, side, t->n);
	}
}

static void len_ref(struct eam_hash *h, unsigned int len)
{
	if (!h->count[len]++)
		WRITE_ONCE(h->lens[len / 64], h->lens[len / 64] | BIT_ULL(len % 64));
}

static void len_unref(struct eam_hash *h, unsigned int len)
{
	if (!--h->count[len])
		WRITE_ONCE(h->lens[len / 64],
			   h->lens[len / 64] & ~BIT_ULL(len % 64));
}

/* Holds t->lock; make_room() succeeded. The entry first, then its length,
 * so that a reader that sees the length can find the entry.
 */
static void hash_add(struct nat64_eam_table *t, int side,
		     struct nat64_eam_entry *e)
{
	struct eam_hash *h = &t->h[side];

	filter_add(h, side, &e->k[side]);
	h->used += slot_put(t, slots_of(t, side), e, key_hash(t, &e->k[side]));
	len_ref(h, e->k[side].len);
}

static void hash_del(struct nat64_eam_table *t, int side,
		     struct nat64_eam_entry *e)
{
	struct eam_slots *s = slots_of(t, side);
	u32 i;

	len_unref(&t->h[side], e->k[side].len);
	filter_del(&t->h[side], side, &e->k[side]);
	find(t, s, side, &e->k[side], &i);
	RCU_INIT_POINTER(s->slot[i].e, EAM_TOMB);
}

/* Holds t->lock. Before any entry is freed: dumps rely on it. */
static void changed(struct nat64_eam_table *t)
{
	WRITE_ONCE(t->gen, t->gen + 1 ? t->gen + 1 : 1);
}

/* ---- the API ------------------------------------------------------------- */

struct nat64_eam_table *nat64_eam_alloc(struct mutex *lock)
{
	struct nat64_eam_table *t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);

	if (!t)
		return NULL;
	INIT_LIST_HEAD(&t->entries);
	t->lock = lock;
	t->seed = get_random_u64() | 1;
	t->gen = 1;
	return t;
}

void nat64_eam_free(struct nat64_eam_table *t)
{
	struct nat64_eam_entry *e, *tmp;
	int side;

	if (!t)
		return;
	list_for_each_entry_safe(e, tmp, &t->entries, list)
		kfree(e);
	for (side = 0; side < EAM_SIDES; side++) {
		kvfree(rcu_dereference_protected(t->h[side].slots, 1));
		bitmap_free(t->h[side].filter);
	}
	kfree(t);
}

/* The first @len bits of @k are all it has; and @len fits. */
static const char *prefix_check(const struct eam_key *k, int side)
{
	static const char *const bad_len[] = {
		"IPv4 prefix length must be 0-32",
		"IPv6 prefix length must be 0-128",
	};
	static const char *const host_bits[] = {
		"host bits set beyond the IPv4 prefix length",
		"host bits set beyond the IPv6 prefix length",
	};

	if (k->len > side_bits[side])
		return bad_len[side];
	if (!bits_eq(k->a, bits_mask(k->a, k->len)))
		return host_bits[side];
	return NULL;
}

const char *nat64_eam_check(const struct nat64_eam *m)
{
	struct eam_key k[EAM_SIDES];
	const char *why;
	int side;

	keys_of(m, k);
	for (side = 0; side < EAM_SIDES; side++) {
		why = prefix_check(&k[side], side);
		if (why)
			return why;
	}
	/* 7757-2 */
	if (32 - m->l4 > 128 - m->l6)
		return "IPv4 suffix longer than the IPv6 suffix: 32 - LEN4 must not exceed 128 - LEN6 (RFC 7757 section 3.2)";
	return NULL;
}

static void set_msg(struct netlink_ext_ack *extack, const char *msg)
{
	/* Static strings only, as NL_SET_ERR_MSG() would store. */
	if (extack)
		extack->_msg = msg;
}

int nat64_eam_add(struct nat64_eam_table *t, const struct nat64_eam *m,
		  struct netlink_ext_ack *extack)
{
	struct nat64_eam_entry *e;
	struct eam_key k[EAM_SIDES];
	const char *why;
	int side, err;

	lockdep_assert_held(t->lock);
	why = nat64_eam_check(m);
	if (why) {
		set_msg(extack, why);
		return -EINVAL;
	}
	keys_of(m, k);
	/* 7757-9: identical prefixes are refused. */
	if (find_exact(t, EAM_4, &k[EAM_4])) {
		NL_SET_ERR_MSG(extack, "an EAM entry has that IPv4 prefix");
		return -EEXIST;
	}
	if (find_exact(t, EAM_6, &k[EAM_6])) {
		NL_SET_ERR_MSG(extack, "an EAM entry has that IPv6 prefix");
		return -EEXIST;
	}
	if (t->n >= NAT64_EAM_MAX) {
		NL_SET_ERR_MSG(extack, "the EAM table is full ("
			       __stringify(NAT64_EAM_MAX) " entries)");
		return -ENOSPC;
	}
	e = kzalloc(sizeof(*e), GFP_KERNEL_ACCOUNT);
	if (!e)
		return -ENOMEM;
	memcpy(e->k, k, sizeof(k));
	/* Filters and room on both sides first: then nothing can fail. */
	if (filters_alloc(t)) {
		kfree(e);
		return -ENOMEM;
	}
	for (side = 0; side < EAM_SIDES; side++) {
		err = make_room(t, side);
		if (err) {
			kfree(e);
			return err;
		}
	}
	for (side = 0; side < EAM_SIDES; side++)
		hash_add(t, side, e);
	list_add_tail_rcu(&e->list, &t->entries);
	t->n++;
	changed(t);
	return 0;
}

/* Holds t->lock. */
static void entry_del(struct nat64_eam_table *t, struct nat64_eam_entry *e)
{
	int side;

	for (side = 0; side < EAM_SIDES; side++)
		hash_del(t, side, e);
	list_del_rcu(&e->list);
	t->n--;
	changed(t);
	kfree_rcu(e, rcu);
	for (side = 0; side < EAM_SIDES; side++)
		shrink(t, side);
}

int nat64_eam_del(struct nat64_eam_table *t, const struct nat64_eam *m,
		  unsigned int which, struct netlink_ext_ack *extack)
{
	struct nat64_eam_entry *e;
	struct eam_key k[EAM_SIDES];
	const char *why;
	int side;

	lockdep_assert_held(t->lock);
	keys_of(m, k);
	for (side = 0; side < EAM_SIDES; side++) {
		if (!(which & (side == EAM_4 ? NAT64_EAM_V4 : NAT64_EAM_V6)))
			continue;
		why = prefix_check(&k[side], side);
		if (why) {
			set_msg(extack, why);
			return -EINVAL;
		}
	}
	switch (which & (NAT64_EAM_V4 | NAT64_EAM_V6)) {
	case NAT64_EAM_V4:
		e = find_exact(t, EAM_4, &k[EAM_4]);
		if (!e)
			NL_SET_ERR_MSG(extack, "no EAM entry has that IPv4 prefix");
		break;
	case NAT64_EAM_V6:
		e = find_exact(t, EAM_6, &k[EAM_6]);
		if (!e)
			NL_SET_ERR_MSG(extack, "no EAM entry has that IPv6 prefix");
		break;
	case NAT64_EAM_V4 | NAT64_EAM_V6:
		e = find_exact(t, EAM_4, &k[EAM_4]);
		if (e && !key_eq(&e->k[EAM_6], &k[EAM_6]))
			e = NULL;
		if (!e)
			NL_SET_ERR_MSG(extack, "no EAM entry maps that IPv4 prefix to that IPv6 prefix");
		break;
	default:
		NL_SET_ERR_MSG(extack, "an IPv4 or an IPv6 prefix is needed");
		return -EINVAL;
	}
	if (!e)
		return -ENOENT;
	entry_del(t, e);
	return 0;
}

void nat64_eam_flush(struct nat64_eam_table *t)
{
	struct nat64_eam_entry *e, *tmp;
	struct eam_slots *s;
	struct eam_hash *h;
	int side, w;

	lockdep_assert_held(t->lock);
	for (side = 0; side < EAM_SIDES; side++) {
		h = &t->h[side];
		s = slots_of(t, side);
		RCU_INIT_POINTER(h->slots, NULL);
		for (w = 0; w < EAM_LEN_WORDS; w++)
			WRITE_ONCE(h->lens[w], 0);
		memset(h->count, 0, sizeof(h->count));
		h->used = 0;
		WRITE_ONCE(h->wide, 0);
		if (h->filter)
			bitmap_zero(h->filter, 1U << EAM_FILTER_BITS);
		if (s)
			kvfree_rcu(s, rcu);
	}
	t->n = 0;
	changed(t);
	/* Up to NAT64_EAM_MAX entries: let others run meanwhile. */
	list_for_each_entry_safe(e, tmp, &t->entries, list) {
		list_del_rcu(&e->list);
		kfree_rcu(e, rcu);
		cond_resched();
	}
}

unsigned int nat64_eam_count(const struct nat64_eam_table *t)
{
	return READ_ONCE(t->n);
}

bool nat64_eam_46_rcu(struct nat64_eam_table *t, __be32 in,
		      struct in6_addr *out)
{
	const struct nat64_eam_entry *e = lpm4(t, in);
	const struct eam_key *k4, *k6;
	struct eam_bits a;

	if (!e)
		return false;
	k4 = &e->k[EAM_4];
	k6 = &e->k[EAM_6];
	if (k4->len == 32) {	/* one address: no suffix to move */
		bits_to6(k6->a, out);
		return true;
	}
	a = move_suffix(bits_of4(in), k4->len, 32 - k4->len, k6->len);
	bits_to6((struct eam_bits){ k6->a.hi | a.hi, k6->a.lo | a.lo }, out);
	return true;
}

bool nat64_eam_64_rcu(struct nat64_eam_table *t, const struct in6_addr *in,
		      __be32 *out)
{
	const struct nat64_eam_entry *e = lpm6(t, in);
	const struct eam_key *k4, *k6;
	struct eam_bits a;

	if (!e)
		return false;
	k4 = &e->k[EAM_4];
	k6 = &e->k[EAM_6];
	if (k4->len == 32) {	/* one address: no suffix to move */
		*out = bits_to4(k4->a);
		return true;
	}
	/* 7757-6: the bits after the suffix are left behind. */
	a = move_suffix(bits_of6(in), k6->len, 32 - k4->len, k4->len);
	*out = bits_to4((struct eam_bits){ k4->a.hi | a.hi, 0 });
	return true;
}

int nat64_eam_walk_rcu(struct nat64_eam_table *t, struct nat64_eam_cursor *c,
		       int (*fn)(const struct nat64_eam *m, void *arg),
		       void *arg)
{
	u32 gen = READ_ONCE(t->gen), i;
	struct nat64_eam_entry *e;
	struct list_head *pos;
	struct nat64_eam m;
	int ret;

	if (c->over)
		return 0;
	if (c->next && c->gen == gen) {
		/*
		 * Nothing was deleted since the last call, so c->next is
		 * still in: a deletion bumps gen before the entry's grace
		 * period starts, and we would have seen that.
		 */
		pos = &c->next->list;
	} else {
		pos = rcu_dereference(list_next_rcu(&t->entries));
		for (i = 0; i < c->done && pos != &t->entries; i++)
			pos = rcu_dereference(list_next_rcu(pos));
	}
	c->gen = gen;
	for (; pos != &t->entries; pos = rcu_dereference(list_next_rcu(pos))) {
		e = list_entry(pos, struct nat64_eam_entry, list);
		entry_view(e, &m);
		ret = fn(&m, arg);
		if (ret) {
			c->next = e;
			return ret;
		}
		c->done++;
	}
	c->next = NULL;
	c->over = true;
	return 0;
}
