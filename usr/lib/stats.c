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
	[NAT64_STAT_DROP_TRUNCATED] = "drop_truncated",
	[NAT64_STAT_DROP_MALFORMED] = "drop_malformed",
	[NAT64_STAT_DROP_ADDR] = "drop_addr",
	[NAT64_STAT_DROP_SRC_ILLEGAL] = "drop_src_illegal",
	[NAT64_STAT_DROP_HOPLIMIT] = "drop_hoplimit",
	[NAT64_STAT_DROP_ICMP_TYPE] = "drop_icmp_type",
	[NAT64_STAT_DROP_ICMP_NESTED] = "drop_icmp_nested",
	[NAT64_STAT_DROP_SRR] = "drop_srr",
	[NAT64_STAT_DROP_RH] = "drop_rh",
	[NAT64_STAT_DROP_FRAG_EXT] = "drop_frag_ext",
	[NAT64_STAT_DROP_UDP0] = "drop_udp0",
	[NAT64_STAT_DROP_TOO_BIG] = "drop_too_big",
	[NAT64_STAT_DROP_CSUM] = "drop_csum",
	[NAT64_STAT_DROP_ROUTE] = "drop_route",
	[NAT64_STAT_DROP_GSO] = "drop_gso",
	[NAT64_STAT_ICMP_SENT] = "icmp_sent",
	[NAT64_STAT_DROP_ICMP_FRAG] = "drop_icmp_frag",
	[NAT64_STAT_DROP_PROTO] = "drop_proto",
	[NAT64_STAT_DROP_DENIED] = "drop_denied",
	[NAT64_STAT_HAIRPIN] = "hairpin",
	[NAT64_STAT_DROP_NO_BIB] = "drop_no_bib",
	[NAT64_STAT_DROP_POOL4] = "drop_pool4",
	[NAT64_STAT_DROP_FILTERED] = "drop_filtered",
	[NAT64_STAT_DROP_SRC_PREF64] = "drop_src_pref64",
	[NAT64_STAT_DROP_SESSION_CAP] = "drop_session_cap",
	[NAT64_STAT_DROP_NO_STATE] = "drop_no_state",
	[NAT64_STAT_DROP_EXT_TCP] = "drop_ext_tcp",
	[NAT64_STAT_DROP_SUB_PORTS] = "drop_sub_ports",
	[NAT64_STAT_DROP_SUB_SESSIONS] = "drop_sub_sessions",
	[NAT64_STAT_SYN4_HELD] = "syn4_held",
	[NAT64_STAT_SYN4_OPEN] = "syn4_open",
	[NAT64_STAT_SYN4_EXPIRED] = "syn4_expired",
	[NAT64_STAT_DROP_SYN4_FULL] = "drop_syn4_full",
	[NAT64_STAT_TCP_PROBE] = "tcp_probe",
	[NAT64_STAT_DROP_DET_PORTS] = "drop_det_ports",
	[NAT64_STAT_PBA_ALLOC] = "pba_alloc",
	[NAT64_STAT_PBA_RELEASE] = "pba_release",
	[NAT64_STAT_DROP_PBA_FULL] = "drop_pba_full",
	[NAT64_STAT_EVENT_SENT] = "event_sent",
	[NAT64_STAT_EVENT_LOST] = "event_lost",
	[NAT64_STAT_DROP_APP] = "drop_app",
	[NAT64_STAT_BIB_NEW] = "bib_new",
	[NAT64_STAT_SESSION_NEW] = "session_new",
	[NAT64_STAT_SESSION_EXPIRED] = "session_expired",
	[NAT64_STAT_DROP_FRAG] = "drop_frag",
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
