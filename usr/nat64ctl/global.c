// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64ctl global: the globals of an instance: show, set.
 *
 * Each global is a KEY with a VALUE written as words or a number. A set
 * may carry several KEY VALUE pairs; they are checked here and sent in one
 * request, which the kernel applies whole or not at all.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "json.h"
#include "nat64ctl.h"
#include "parse.h"

/* The words a global takes, in value order; NULL-terminated. */
static const char *const udp0_words[] = { "compute", "drop", NULL };
static const char *const onoff_words[] = { "off", "on", NULL };
static const char *const tclass_words[] = { "copy", "zero", NULL };
static const char *const hairpin_words[] = { "off", "simple", "intrinsic",
					     NULL };
static const char *const filtering_words[] = { "eif", "adf", NULL };
static const char *const app_words[] = { "strict", "soft", NULL };

struct global_key {
	const char *name;
	uint16_t id;
	const char *const *words;	/* or NULL: a number, min-max */
	unsigned int min, max;
	const char *syntax;
};

/* "tos" is special: "copy" or a number, two globals on the wire. */
static const struct global_key keys[] = {
	{ "lowest-ipv6-mtu", NAT64_G_LOWEST_IPV6_MTU, NULL, 1280, 65535,
	  "1280-65535" },
	{ "udp0", NAT64_G_UDP0, udp0_words, 0, 0, "compute|drop" },
	{ "tclass", NAT64_G_TCLASS_ZERO, tclass_words, 0, 0, "copy|zero" },
	{ "tos", NAT64_G_TOS, NULL, 0, 255, "copy|0-255" },
	{ "mtu-plateaus", NAT64_G_MTU_PLATEAUS, onoff_words, 0, 0, "on|off" },
	{ "hairpin", NAT64_G_HAIRPIN, hairpin_words, 0, 0,
	  "off|simple|intrinsic" },
	{ "drop-icmp", NAT64_G_DROP_ICMP, onoff_words, 0, 0, "on|off" },
	/* nat64 instances only: the kernel sends them for those alone */
	{ "udp-timeout", NAT64_G_UDP_TIMEOUT, NULL, 120, UINT32_MAX,
	  "120-4294967295 (seconds)" },
	{ "tcp-est-timeout", NAT64_G_TCP_EST_TIMEOUT, NULL, 7200, UINT32_MAX,
	  "7200-4294967295 (seconds)" },
	{ "tcp-trans-timeout", NAT64_G_TCP_TRANS_TIMEOUT, NULL, 240,
	  UINT32_MAX, "240-4294967295 (seconds)" },
	{ "tcp-init-timeout", NAT64_G_TCP_INIT_TIMEOUT, NULL, 6, UINT32_MAX,
	  "6-4294967295 (seconds)" },
	{ "icmp-timeout", NAT64_G_ICMP_TIMEOUT, NULL, 1, UINT32_MAX,
	  "1-4294967295 (seconds)" },
	{ "filtering", NAT64_G_FILTERING, filtering_words, 0, 0, "eif|adf" },
	{ "app", NAT64_G_APP, app_words, 0, 0, "strict|soft" },
	{ "drop-ext-tcp", NAT64_G_DROP_EXT_TCP, onoff_words, 0, 0, "on|off" },
	{ "max-sessions", NAT64_G_MAX_SESSIONS, NULL, 0, UINT32_MAX,
	  "0-4294967295" },
	{ "subscriber-len", NAT64_G_SUB_LEN, NULL, 32, 128, "32-128" },
	{ "subscriber-max-ports", NAT64_G_SUB_MAX_PORTS, NULL, 0, UINT32_MAX,
	  "0-4294967295 (0: no limit)" },
	{ "subscriber-max-sessions", NAT64_G_SUB_MAX_SESSIONS, NULL, 0,
	  UINT32_MAX, "0-4294967295 (0: no limit)" },
	{ "port-blocks", NAT64_G_PBA, onoff_words, 0, 0, "on|off" },
	{ "port-block-size", NAT64_G_PBA_SIZE, NULL, 64, 32768, "64-32768" },
	{ "port-block-hold", NAT64_G_PBA_HOLD, NULL, 0, UINT32_MAX,
	  "0-4294967295 (seconds)" },
	{ "session-events", NAT64_G_SESSION_EVENTS, onoff_words, 0, 0,
	  "on|off" },
	{ "pool-id", NAT64_G_POOL_ID, NULL, 0, UINT32_MAX, "0-4294967295" },
	{ "bib-threshold", NAT64_G_BIB_THRESHOLD, NULL, 0, UINT32_MAX,
	  "0-4294967295 (0: off)" },
	{ "subscriber-threshold", NAT64_G_SUB_THRESHOLD, NULL, 0, UINT32_MAX,
	  "0-4294967295 (0: off)" },
	{ "binding-events", NAT64_G_BINDING_EVENTS, onoff_words, 0, 0,
	  "on|off" },
};

static const struct global_key *find_key(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(keys[i].name, name))
			return &keys[i];
	return NULL;
}

/* VALUE of KEY into v[] (one or two globals); the count, or -1. */
static int parse_value(const struct global_key *k, const char *s,
		       struct nat64_global_val *v)
{
	unsigned long long n;
	unsigned int i;

	if (k->words) {
		for (i = 0; k->words[i]; i++)
			if (!strcmp(s, k->words[i])) {
				v[0] = (struct nat64_global_val){ k->id, i };
				return 1;
			}
		return -1;
	}
	if (k->id == NAT64_G_TOS && !strcmp(s, "copy")) {
		v[0] = (struct nat64_global_val){ NAT64_G_TOS_FIXED, 0 };
		return 1;
	}
	if (nat64_parse_uint(s, k->min, k->max, &n))
		return -1;
	v[0] = (struct nat64_global_val){ k->id, (uint32_t)n };
	if (k->id != NAT64_G_TOS)
		return 1;
	v[1] = (struct nat64_global_val){ NAT64_G_TOS_FIXED, 1 };
	return 2;
}

#define MAX_VALS (2 * sizeof(keys) / sizeof(keys[0]))

/* set KEY VALUE [KEY VALUE]... */
static int cmd_set(struct nat64ctl *ctl, int argc, char **argv)
{
	struct nat64_global_val v[MAX_VALS];
	const char *arg[2 * sizeof(keys) / sizeof(keys[0])];
	const struct global_key *k;
	struct nat64_nl nl;
	const char *inst;
	char q[64];
	int i, n, got, ret;
	size_t nv = 0;

	ret = nat64ctl_positional(ctl, argc, argv, 2,
				  sizeof(arg) / sizeof(arg[0]), "KEY VALUE",
				  arg, &n);
	if (ret)
		return ret;
	if (n % 2)
		return nat64ctl_usage(ctl, "'%s' has no VALUE",
				      nat64_quote(arg[n - 1], q, sizeof(q)));
	for (i = 0; i < n; i += 2) {
		k = find_key(arg[i]);
		if (!k)
			return nat64ctl_usage(ctl, "unknown global '%s'",
					      nat64_quote(arg[i], q,
							  sizeof(q)));
		got = parse_value(k, arg[i + 1], v + nv);
		if (got < 0 || nv + got > MAX_VALS)
			return nat64ctl_usage(ctl, "invalid %s '%s': it takes %s",
					      k->name,
					      nat64_quote(arg[i + 1], q,
							  sizeof(q)),
					      k->syntax);
		nv += got;
	}
	ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if (nat64_global_set(&nl, inst, v, nv))
		ret = nat64ctl_refused(ctl, &nl);
	nat64_nl_close(&nl);
	return ret;
}

/* The value of key k as the user writes it, into buf. */
static const char *value_str(const struct global_key *k,
			     const struct nat64_globals_info *g, char *buf,
			     size_t len)
{
	uint32_t v = g->value[k->id];
	unsigned int i;

	if (k->id == NAT64_G_TOS && !g->value[NAT64_G_TOS_FIXED])
		return "copy";
	if (k->words) {
		for (i = 0; k->words[i]; i++)
			if (i == v)
				return k->words[i];
	}
	snprintf(buf, len, "%u", v);
	return buf;
}

/* show */
static int cmd_show(struct nat64ctl *ctl, int argc, char **argv)
{
	struct nat64_globals_info g;
	const char *none, *inst;
	struct nat64_json j;
	struct nat64_nl nl;
	char buf[16];
	int n, ret;
	size_t i;

	ret = nat64ctl_positional(ctl, argc, argv, 0, 0, "", &none, &n);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if (nat64_global_get(&nl, inst, &g))
		ret = nat64ctl_refused(ctl, &nl);
	if (ret)
		goto out;
	if (ctl->json) {
		nat64_json_init(&j, stdout);
		nat64_json_object_begin(&j);
		nat64_json_kv_string(&j, "instance", inst);
	} else {
		printf("%-16s %s\n", "instance", inst);
	}
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const struct global_key *k = &keys[i];
		const char *s;

		if (!g.set[k->id])
			continue;
		s = value_str(k, &g, buf, sizeof(buf));
		if (!ctl->json)
			printf("%-16s %s\n", k->name, s);
		else if (k->words || s != buf)
			nat64_json_kv_string(&j, k->name, s);
		else
			nat64_json_kv_u64(&j, k->name, g.value[k->id]);
	}
	if (ctl->json) {
		nat64_json_object_end(&j);
		nat64_json_end(&j);
	}
out:
	nat64_nl_close(&nl);
	return ret;
}

#define GLOBAL_KEYS \
	"  lowest-ipv6-mtu 1280-65535     the smallest MTU of the IPv6 paths; DF=0\n" \
	"                                 IPv4 packets bigger than it are fragmented\n" \
	"                                 (RFC 7915 section 4; default 1280)\n" \
	"  udp0 compute|drop              IPv4 UDP with checksum zero: compute one\n" \
	"                                 (default) or drop it (section 4.5)\n" \
	"  tclass copy|zero               IPv6 Traffic Class from the IPv4 TOS\n" \
	"                                 (default), or zero (section 4.1)\n" \
	"  tos copy|0-255                 IPv4 TOS from the Traffic Class (default),\n" \
	"                                 or this value (section 5.1)\n" \
	"  mtu-plateaus on|off            a Fragmentation Needed with MTU 0 gets an\n" \
	"                                 RFC 1191 plateau (default on; section 4.2)\n" \
	"  hairpin off|simple|intrinsic   IPv6-to-IPv6 traffic through EAMs (RFC 7757\n" \
	"                                 section 4.2; default intrinsic)\n" \
	"  drop-icmp on|off               answer a packet dropped as untranslatable\n" \
	"                                 with ICMPv4 3/13 or ICMPv6 1/1 (default on;\n" \
	"                                 sections 4.4 and 5.4)\n" \
	"nat64 instances only (RFC 6146 section 4):\n" \
	"  udp-timeout SECONDS            UDP session lifetime (>= 120, default 300)\n" \
	"  tcp-est-timeout SECONDS        established TCP session lifetime\n" \
	"                                 (>= 7200, default 7440)\n" \
	"  tcp-trans-timeout SECONDS      closing TCP session lifetime (FIN both\n" \
	"                                 ways, RST; >= 240, default 240)\n" \
	"  tcp-init-timeout SECONDS       partially open TCP session lifetime\n" \
	"                                 (V4 INIT, V6 INIT; >= 6, default 240;\n" \
	"                                 RFC 7857 section 2.1)\n" \
	"  icmp-timeout SECONDS           ICMP query session lifetime (>= 1,\n" \
	"                                 default 60)\n" \
	"  filtering eif|adf              which IPv4 packets reach a binding:\n" \
	"                                 endpoint-independent (default) or only\n" \
	"                                 from addresses it has sessions with\n" \
	"  app strict|soft                when the subscriber's IPv4 address has\n" \
	"                                 no free port: drop (default) or take\n" \
	"                                 another address (RFC 7857 section 4)\n" \
	"  drop-ext-tcp on|off            drop TCP connections initiated from IPv4\n" \
	"                                 (default off; RFC 6146 section 3.5.2.2)\n" \
	"  max-sessions N                 at most N sessions in the instance, a\n" \
	"                                 memory cap (default 1048576)\n" \
	"  subscriber-len 32-128          a subscriber is an IPv6 prefix of this\n" \
	"                                 length: one IPv4 address for all its\n" \
	"                                 flows, and the limits below (default 56)\n" \
	"  subscriber-max-ports N         BIB entries (ports) per subscriber,\n" \
	"                                 0 for no limit (default 8192, RFC 6888)\n" \
	"  subscriber-max-sessions N      sessions per subscriber, 0 for no\n" \
	"                                 limit (default 16384)\n" \
	"  port-blocks on|off             give subscribers their ports in blocks\n" \
	"                                 (RFC 6888 port-block allocation; off)\n" \
	"  port-block-size 64-32768       ports a block (default 1024); blocks\n" \
	"                                 are the block-sized, block-aligned\n" \
	"                                 ranges above 1023 inside pool4\n" \
	"  port-block-hold SECONDS        how long an empty block stays its\n" \
	"                                 subscriber's (default 60)\n" \
	"  session-events on|off          an event for every session created and\n" \
	"                                 ended (per-flow logging; off)\n" \
	"  pool-id N                      the natPoolId of the instance's\n" \
	"                                 addr-full and threshold events (0)\n" \
	"  bib-threshold N                a threshold event when the instance's\n" \
	"                                 dynamic BIB entries reach N (0: off)\n" \
	"  subscriber-threshold N         a threshold event when a subscriber's\n" \
	"                                 BIB entries reach N (0: off); either\n" \
	"                                 reports again once below 3/4 of N\n" \
	"  binding-events on|off          an event when a subscriber is bound to\n" \
	"                                 its IPv4 address and when that ends\n" \
	"                                 (address-binding logging; off)\n"

static const struct nat64ctl_cmd cmds[] = {
	{
		.name = "show",
		.args = "",
		.summary = "Show the globals of the instance.",
		.help = "Text: one line per global, KEY VALUE. JSON: an object with\n"
			"\"instance\" and one member per KEY (numbers as numbers).\n",
		.run = cmd_show,
	},
	{
		.name = "set",
		.args = "KEY VALUE [KEY VALUE]...",
		.summary = "Change globals of the instance (all or none).",
		.help = GLOBAL_KEYS,
		.run = cmd_set,
	},
	{ 0 }
};

const struct nat64ctl_object nat64ctl_global = {
	.name = "global",
	.summary = "The globals (behaviour switches) of an instance.",
	.cmds = cmds,
	.dflt = "show",
	.per_instance = true,
};
