// SPDX-License-Identifier: GPL-2.0-only
/*
 * Names of the per-instance counters.
 */
#include <stdio.h>
#include <string.h>
#include <linux/nat64.h>

#include "parse.h"
#include "stats.h"

static const char *const names[__NAT64_STAT_MAX] = {
	[NAT64_STAT_RX6] = "rx6",
	[NAT64_STAT_RX4] = "rx4",
	[NAT64_STAT_TX6] = "tx6",
	[NAT64_STAT_TX4] = "tx4",
	[NAT64_STAT_PASS6] = "pass6",
	[NAT64_STAT_PASS4] = "pass4",
	[NAT64_STAT_DROP_NOMEM] = "drop_nomem",
};

const char *nat64_stat_name(unsigned int id, char buf[NAT64_STAT_NAMSIZ])
{
	if (id < __NAT64_STAT_MAX && names[id])
		return names[id];
	snprintf(buf, NAT64_STAT_NAMSIZ, "stat%u", id);
	return buf;
}

int nat64_stat_id(const char *name)
{
	unsigned long long id;
	unsigned int i;

	for (i = 0; i < __NAT64_STAT_MAX; i++)
		if (names[i] && !strcmp(name, names[i]))
			return i;
	if (strncmp(name, "stat", 4) ||
	    nat64_parse_uint(name + 4, NAT64_STAT_PAD + 1, 0xffff, &id))
		return -1;
	return id;
}
