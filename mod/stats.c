// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-instance counters.
 */
#include "stats.h"

/* Process context. */
int nat64_stats_alloc(struct nat64_stats *s, gfp_t gfp)
{
	int cpu;

	s->cpu = alloc_percpu_gfp(struct nat64_stats_cpu, gfp);
	if (!s->cpu)
		return -ENOMEM;
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(s->cpu, cpu)->syncp);
	return 0;
}

/* Any context where the counters can no longer be reached by readers. */
void nat64_stats_free(struct nat64_stats *s)
{
	free_percpu(s->cpu);
	s->cpu = NULL;
}

/* Any context: a consistent snapshot per CPU, summed over all CPUs. */
void nat64_stats_sum(const struct nat64_stats *s, u64 out[__NAT64_STAT_MAX])
{
	const struct nat64_stats_cpu *c;
	u64 tmp[__NAT64_STAT_MAX];
	unsigned int start;
	int cpu, i;

	memset(out, 0, sizeof(u64) * __NAT64_STAT_MAX);
	for_each_possible_cpu(cpu) {
		c = per_cpu_ptr(s->cpu, cpu);
		do {
			start = u64_stats_fetch_begin(&c->syncp);
			memcpy(tmp, c->cnt, sizeof(tmp));
		} while (u64_stats_fetch_retry(&c->syncp, start));
		for (i = 0; i < __NAT64_STAT_MAX; i++)
			out[i] += tmp[i];
	}
}
