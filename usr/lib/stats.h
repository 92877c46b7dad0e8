/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Names of the per-instance counters (NAT64_STAT_*), as the tools print
 * them. Ids the tools do not know yet print as "stat<N>".
 */
#ifndef NAT64_STATS_H
#define NAT64_STATS_H

#include <stddef.h>

/* Room for "stat65535". */
#define NAT64_STAT_NAMSIZ 16

/*
 * The name of counter id: a constant string for a known id, else "stat<id>"
 * written into buf (NAT64_STAT_NAMSIZ bytes) and buf returned.
 */
const char *nat64_stat_name(unsigned int id, char buf[NAT64_STAT_NAMSIZ]);

/* The id of a counter name (known names and "stat<N>"), or -1. */
int nat64_stat_id(const char *name);

#endif /* NAT64_STATS_H */
