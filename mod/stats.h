/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-instance counters: per-CPU, lock-free on the packet path, summed on
 * demand by the control path.
 */
#ifndef NAT64_STATS_H
#define NAT64_STATS_H

#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>
#include <linux/nat64.h>

struct nat64_stats_cpu {
	u64 cnt[__NAT64_STAT_MAX];
	struct u64_stats_sync syncp;
};

struct nat64_stats {
	struct nat64_stats_cpu __percpu *cpu;
};

int nat64_stats_alloc(struct nat64_stats *s, gfp_t gfp);
void nat64_stats_free(struct nat64_stats *s);
void nat64_stats_sum(const struct nat64_stats *s, u64 out[__NAT64_STAT_MAX]);

/* Any context; the caller has bottom halves disabled or is in softirq. */
static inline void nat64_stats_add(struct nat64_stats *s, enum nat64_stat id,
				   u64 n)
{
	struct nat64_stats_cpu *c = this_cpu_ptr(s->cpu);

	u64_stats_update_begin(&c->syncp);
	c->cnt[id] += n;
	u64_stats_update_end(&c->syncp);
}

static inline void nat64_stats_inc(struct nat64_stats *s, enum nat64_stat id)
{
	nat64_stats_add(s, id, 1);
}

#endif /* NAT64_STATS_H */
