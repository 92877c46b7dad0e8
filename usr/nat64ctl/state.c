// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64ctl pool4, bib and session: the state of a nat64 instance (RFC
 * 6146). pool4 holds the IPv4 transport addresses the instance binds
 * IPv6 sources to; bib lists the bindings and adds or removes static ones
 * (port forwarding); session lists the sessions.
 *
 * Arguments are checked for form here; overlaps, duplicates, the limits
 * and the instance's mode the kernel checks, and its reason is printed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "json.h"
#include "nat64ctl.h"
#include "parse.h"
#include "state.h"

/* Room for "255.255.255.255/255". */
#define PREFIX4_STRLEN (INET_ADDRSTRLEN + 4)
/* Room for "ffff:...:255.255.255.255#65535". */
#define TADDR_STRLEN (INET6_ADDRSTRLEN + 6)

#define PROTO_WORDS "tcp|udp|icmp"

/* MIN-MAX, two ports with MIN <= MAX. */
static int parse_range(const struct nat64ctl *ctl, const char *s,
		       struct nat64_pool4_entry *p)
{
	unsigned long long min, max;
	const char *dash = strchr(s, '-');
	char buf[8], q[64];
	size_t n = dash ? (size_t)(dash - s) : 0;

	nat64_quote(s, q, sizeof(q));
	if (!dash || n >= sizeof(buf))
		return nat64ctl_usage(ctl, "invalid port range '%s': it takes MIN-MAX, two ports 0-65535", q);
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (nat64_parse_uint(buf, 0, 65535, &min) ||
	    nat64_parse_uint(dash + 1, 0, 65535, &max))
		return nat64ctl_usage(ctl, "invalid port range '%s': it takes MIN-MAX, two ports 0-65535", q);
	if (min > max)
		return nat64ctl_usage(ctl, "invalid port range '%s': MIN is above MAX", q);
	p->range = true;
	p->min = min;
	p->max = max;
	return NAT64CTL_OK;
}

static int parse_proto(const struct nat64ctl *ctl, const char *s,
		       uint8_t *proto)
{
	char q[64];

	if (!nat64_parse_proto(s, proto))
		return NAT64CTL_OK;
	return nat64ctl_usage(ctl, "invalid protocol '%s': it takes " PROTO_WORDS,
			      nat64_quote(s, q, sizeof(q)));
}

/* PREFIX4 [tcp|udp|icmp] [MIN-MAX], the last two in either order. */
static int pool4_args(const struct nat64ctl *ctl, int argc, char **argv,
		      struct nat64_pool4_entry *p)
{
	const char *arg[3];
	char q[64];
	int i, n, ret;

	memset(p, 0, sizeof(*p));
	ret = nat64ctl_positional(ctl, argc, argv, 1, 3, "PREFIX4", arg, &n);
	if (!ret)
		ret = nat64ctl_parse_prefix4(ctl, arg[0], &p->addr, &p->plen);
	for (i = 1; !ret && i < n; i++) {
		if (!p->proto && !nat64_parse_proto(arg[i], &p->proto))
			continue;
		if (!p->range && strchr(arg[i], '-'))
			ret = parse_range(ctl, arg[i], p);
		else
			ret = nat64ctl_usage(ctl, "invalid argument '%s': after PREFIX4 come a protocol (" PROTO_WORDS ") and a port range MIN-MAX, each at most once",
					     nat64_quote(arg[i], q, sizeof(q)));
	}
	return ret;
}

/* pool4 add|del PREFIX4 [PROTO] [MIN-MAX], pool4 flush */
static int pool4_change(struct nat64ctl *ctl, int argc, char **argv,
			uint8_t cmd)
{
	struct nat64_pool4_entry p;
	const char *none, *inst;
	struct nat64_nl nl;
	int n, ret, err;

	if (cmd == NAT64_CMD_POOL4_FLUSH)
		ret = nat64ctl_positional(ctl, argc, argv, 0, 0, "", &none,
					  &n);
	else
		ret = pool4_args(ctl, argc, argv, &p);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if (cmd == NAT64_CMD_POOL4_ADD)
		err = nat64_pool4_add(&nl, inst, &p);
	else if (cmd == NAT64_CMD_POOL4_DEL)
		err = nat64_pool4_del(&nl, inst, &p);
	else
		err = nat64_pool4_flush(&nl, inst);
	if (err)
		ret = nat64ctl_refused(ctl, &nl);
	nat64_nl_close(&nl);
	return ret;
}

static int cmd_pool4_add(struct nat64ctl *ctl, int argc, char **argv)
{
	return pool4_change(ctl, argc, argv, NAT64_CMD_POOL4_ADD);
}

static int cmd_pool4_del(struct nat64ctl *ctl, int argc, char **argv)
{
	return pool4_change(ctl, argc, argv, NAT64_CMD_POOL4_DEL);
}

static int cmd_pool4_flush(struct nat64ctl *ctl, int argc, char **argv)
{
	return pool4_change(ctl, argc, argv, NAT64_CMD_POOL4_FLUSH);
}

/* A protocol's name for output, or "proto<N>" for one we do not know. */
static const char *proto_str(unsigned int proto, char buf[16])
{
	const char *s = nat64_proto_name(proto);

	if (s)
		return s;
	snprintf(buf, 16, "proto%u", proto);
	return buf;
}

static const char *prefix4_str(const struct nat64_pool4_entry *p, char *buf)
{
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &p->addr, a, sizeof(a));
	snprintf(buf, PREFIX4_STRLEN, "%s/%u", a, p->plen);
	return buf;
}

/* pool4 list */
static int cmd_pool4_list(struct nat64ctl *ctl, int argc, char **argv)
{
	struct nat64_pool4_list list = { 0 };
	char buf[PREFIX4_STRLEN], pb[16], range[16];
	const char *none, *inst;
	struct nat64_json j;
	struct nat64_nl nl;
	int n, ret;
	size_t i;

	ret = nat64ctl_positional(ctl, argc, argv, 0, 0, "", &none, &n);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if (nat64_pool4_dump(&nl, inst, &list))
		ret = nat64ctl_refused(ctl, &nl);
	if (!ret && !ctl->json) {
		printf("%-15s %-18s %-5s %s\n", "INSTANCE", "PREFIX4", "PROTO",
		       "PORTS");
		for (i = 0; i < list.n; i++) {
			snprintf(range, sizeof(range), "%u-%u", list.v[i].min,
				 list.v[i].max);
			printf("%-15s %-18s %-5s %s\n", inst,
			       prefix4_str(&list.v[i], buf),
			       proto_str(list.v[i].proto, pb), range);
		}
	} else if (!ret) {
		nat64_json_init(&j, stdout);
		nat64_json_array_begin(&j);
		for (i = 0; i < list.n; i++) {
			nat64_json_object_begin(&j);
			nat64_json_kv_string(&j, "instance", inst);
			nat64_json_kv_string(&j, "prefix4",
					     prefix4_str(&list.v[i], buf));
			nat64_json_kv_string(&j, "proto",
					     proto_str(list.v[i].proto, pb));
			nat64_json_kv_u64(&j, "port_min", list.v[i].min);
			nat64_json_kv_u64(&j, "port_max", list.v[i].max);
			nat64_json_object_end(&j);
		}
		nat64_json_array_end(&j);
		nat64_json_end(&j);
	}
	nat64_pool4_list_free(&list);
	nat64_nl_close(&nl);
	return ret;
}

/*
 * ADDR#PORT (IPv4 when six is false, else IPv6); PORT 0-65535, an ICMP
 * identifier for icmp.
 */
static int parse_taddr(const struct nat64ctl *ctl, const char *s, bool six,
		       void *addr, uint16_t *port)
{
	const char *hash = strrchr(s, '#');
	size_t n = hash ? (size_t)(hash - s) : 0;
	char buf[INET6_ADDRSTRLEN + 1], q[64], qa[64];
	unsigned long long p;
	int err;

	nat64_quote(s, q, sizeof(q));
	if (!hash || n >= sizeof(buf))
		return nat64ctl_usage(ctl, "invalid transport address '%s': it takes %s#PORT",
				      q, six ? "IPV6" : "IPV4");
	memcpy(buf, s, n);
	buf[n] = '\0';
	err = six ? nat64_parse_ipv6(buf, addr, NULL, 0) :
		    nat64_parse_ipv4(buf, addr, NULL, 0);
	if (err)
		return nat64ctl_usage(ctl, "invalid transport address '%s': '%s' is not an %s address",
				      q, nat64_quote(buf, qa, sizeof(qa)),
				      six ? "IPv6" : "IPv4");
	if (nat64_parse_uint(hash + 1, 0, 65535, &p))
		return nat64ctl_usage(ctl, "invalid transport address '%s': PORT must be 0-65535",
				      q);
	*port = p;
	return NAT64CTL_OK;
}

/* bib add PROTO IPV4#PORT IPV6#PORT, bib del PROTO IPV4#PORT */
static int bib_change(struct nat64ctl *ctl, int argc, char **argv, bool add)
{
	struct nat64_bib_entry b = { 0 };
	const char *arg[3], *inst;
	struct nat64_nl nl;
	int n, ret;

	ret = nat64ctl_positional(ctl, argc, argv, add ? 3 : 2, add ? 3 : 2,
				  add ? "PROTO IPV4#PORT IPV6#PORT" :
					"PROTO IPV4#PORT",
				  arg, &n);
	if (!ret)
		ret = parse_proto(ctl, arg[0], &b.proto);
	if (!ret)
		ret = parse_taddr(ctl, arg[1], false, &b.addr4, &b.port4);
	if (!ret && add)
		ret = parse_taddr(ctl, arg[2], true, &b.addr6, &b.port6);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if (add ? nat64_bib_add(&nl, inst, &b) : nat64_bib_del(&nl, inst, &b))
		ret = nat64ctl_refused(ctl, &nl);
	nat64_nl_close(&nl);
	return ret;
}

static int cmd_bib_add(struct nat64ctl *ctl, int argc, char **argv)
{
	return bib_change(ctl, argc, argv, true);
}

static int cmd_bib_del(struct nat64ctl *ctl, int argc, char **argv)
{
	return bib_change(ctl, argc, argv, false);
}

/* "ADDR#PORT" of an IPv4 (af AF_INET) or IPv6 address. */
static const char *taddr_str(int af, const void *addr, unsigned int port,
			     char *buf)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(af, addr, a, sizeof(a));
	snprintf(buf, TADDR_STRLEN, "%s#%u", a, port);
	return buf;
}

static const char *addr_str(int af, const void *addr, char *buf)
{
	return inet_ntop(af, addr, buf, INET6_ADDRSTRLEN);
}

/* [PROTO]: the optional filter of the list commands; 0 when left out. */
static int proto_filter(const struct nat64ctl *ctl, int argc, char **argv,
			uint8_t *proto)
{
	const char *arg;
	int n, ret;

	*proto = 0;
	ret = nat64ctl_positional(ctl, argc, argv, 0, 1, "", &arg, &n);
	if (!ret && n)
		ret = parse_proto(ctl, arg, proto);
	return ret;
}

static void bib_json(struct nat64_json *j, const char *inst,
		     const struct nat64_bib_entry *e)
{
	char a[INET6_ADDRSTRLEN], pb[16];

	nat64_json_object_begin(j);
	nat64_json_kv_string(j, "instance", inst);
	nat64_json_kv_string(j, "proto", proto_str(e->proto, pb));
	nat64_json_kv_string(j, "addr4", addr_str(AF_INET, &e->addr4, a));
	nat64_json_kv_u64(j, "port4", e->port4);
	nat64_json_kv_string(j, "addr6", addr_str(AF_INET6, &e->addr6, a));
	nat64_json_kv_u64(j, "port6", e->port6);
	nat64_json_kv_bool(j, "static", e->is_static);
	nat64_json_kv_u64(j, "sessions", e->sessions);
	nat64_json_object_end(j);
}

/* bib list [PROTO] */
static int cmd_bib_list(struct nat64ctl *ctl, int argc, char **argv)
{
	char t4[TADDR_STRLEN], t6[TADDR_STRLEN], pb[16];
	struct nat64_bib_list list = { 0 };
	const struct nat64_bib_entry *e;
	struct nat64_json j;
	struct nat64_nl nl;
	const char *inst;
	uint8_t proto;
	int ret;
	size_t i;

	ret = proto_filter(ctl, argc, argv, &proto);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if (nat64_bib_dump(&nl, inst, proto, &list))
		ret = nat64ctl_refused(ctl, &nl);
	if (!ret && !ctl->json) {
		printf("%-5s %-21s %-46s %-7s %s\n", "PROTO", "IPV4#PORT",
		       "IPV6#PORT", "TYPE", "SESSIONS");
		for (i = 0; i < list.n; i++) {
			e = &list.v[i];
			printf("%-5s %-21s %-46s %-7s %u\n",
			       proto_str(e->proto, pb),
			       taddr_str(AF_INET, &e->addr4, e->port4, t4),
			       taddr_str(AF_INET6, &e->addr6, e->port6, t6),
			       e->is_static ? "static" : "dynamic",
			       e->sessions);
		}
	} else if (!ret) {
		nat64_json_init(&j, stdout);
		nat64_json_array_begin(&j);
		for (i = 0; i < list.n; i++)
			bib_json(&j, inst, &list.v[i]);
		nat64_json_array_end(&j);
		nat64_json_end(&j);
	}
	nat64_bib_list_free(&list);
	nat64_nl_close(&nl);
	return ret;
}

/* The TCP state of a session for output: "-" for UDP and ICMP. */
static const char *state_str(const struct nat64_session_entry *e,
			     char buf[16])
{
	const char *s;

	if (!e->has_state)
		return "-";
	s = nat64_tcp_state_name(e->tcp_state);
	if (s)
		return s;
	snprintf(buf, 16, "state%u", e->tcp_state);
	return buf;
}

static void session_json(struct nat64_json *j, const char *inst,
			 const struct nat64_session_entry *e)
{
	char a[INET6_ADDRSTRLEN], b[16];

	nat64_json_object_begin(j);
	nat64_json_kv_string(j, "instance", inst);
	nat64_json_kv_string(j, "proto", proto_str(e->proto, b));
	nat64_json_kv_string(j, "addr6", addr_str(AF_INET6, &e->addr6, a));
	nat64_json_kv_u64(j, "port6", e->port6);
	nat64_json_kv_string(j, "remote6",
			     addr_str(AF_INET6, &e->remote6, a));
	nat64_json_kv_u64(j, "remote_port6", e->remote_port6);
	nat64_json_kv_string(j, "addr4", addr_str(AF_INET, &e->addr4, a));
	nat64_json_kv_u64(j, "port4", e->port4);
	nat64_json_kv_string(j, "remote4", addr_str(AF_INET, &e->remote4, a));
	nat64_json_kv_u64(j, "remote_port4", e->remote_port4);
	if (e->has_state)
		nat64_json_kv_string(j, "tcp_state", state_str(e, b));
	nat64_json_kv_u64(j, "expires_ms", e->expires_ms);
	nat64_json_object_end(j);
}

/* session list [PROTO] */
static int cmd_session_list(struct nat64ctl *ctl, int argc, char **argv)
{
	char x[TADDR_STRLEN], y[TADDR_STRLEN], t[TADDR_STRLEN];
	char z[TADDR_STRLEN], pb[16], sb[16];
	struct nat64_session_list list = { 0 };
	const struct nat64_session_entry *e;
	struct nat64_json j;
	struct nat64_nl nl;
	const char *inst;
	uint8_t proto;
	int ret;
	size_t i;

	ret = proto_filter(ctl, argc, argv, &proto);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if (nat64_session_dump(&nl, inst, proto, &list))
		ret = nat64ctl_refused(ctl, &nl);
	if (!ret && !ctl->json) {
		printf("%-5s %-30s %-30s %-21s %-21s %-11s %s\n", "PROTO",
		       "IPV6#PORT", "REMOTE6#PORT", "IPV4#PORT",
		       "REMOTE4#PORT", "STATE", "EXPIRES");
		for (i = 0; i < list.n; i++) {
			e = &list.v[i];
			/* Seconds, rounded up: 0 only when it is due. */
			printf("%-5s %-30s %-30s %-21s %-21s %-11s %us\n",
			       proto_str(e->proto, pb),
			       taddr_str(AF_INET6, &e->addr6, e->port6, x),
			       taddr_str(AF_INET6, &e->remote6,
					 e->remote_port6, y),
			       taddr_str(AF_INET, &e->addr4, e->port4, t),
			       taddr_str(AF_INET, &e->remote4,
					 e->remote_port4, z),
			       state_str(e, sb),
			       (unsigned int)((e->expires_ms + 999ULL) / 1000));
		}
	} else if (!ret) {
		nat64_json_init(&j, stdout);
		nat64_json_array_begin(&j);
		for (i = 0; i < list.n; i++)
			session_json(&j, inst, &list.v[i]);
		nat64_json_array_end(&j);
		nat64_json_end(&j);
	}
	nat64_session_list_free(&list);
	nat64_nl_close(&nl);
	return ret;
}

static const struct nat64ctl_cmd pool4_cmds[] = {
	{
		.name = "add",
		.args = "PREFIX4 [" PROTO_WORDS "] [MIN-MAX]",
		.summary = "Add IPv4 transport addresses the instance may bind IPv6 sources to.",
		.help = "  PREFIX4  ADDR or ADDR/LEN (/32 when left out); bits past LEN are zero\n"
			"  PROTO    one protocol; left out: three entries, tcp, udp and icmp\n"
			"           (all added, or none)\n"
			"  MIN-MAX  the ports (ICMP: identifiers); left out: 61001-65535 for\n"
			"           tcp and udp (above Linux's own ephemeral ports), 0-65535\n"
			"           for icmp\n"
			"\n"
			"An entry that overlaps one of its protocol (addresses and ports) is\n"
			"refused. At most 64 entries. Only for nat64 instances.\n",
		.run = cmd_pool4_add,
	},
	{
		.name = "del",
		.alias = "delete",
		.args = "PREFIX4 [" PROTO_WORDS "] [MIN-MAX]",
		.summary = "Remove the entries of PREFIX4 (of PROTO, of MIN-MAX, when given).",
		.help = "The dynamic BIB entries and the sessions of the instance go with\n"
			"them; static BIB entries stay.\n",
		.run = cmd_pool4_del,
	},
	{
		.name = "list",
		.alias = "ls",
		.args = "",
		.summary = "List the entries.",
		.help = "Text: a header, then INSTANCE PREFIX4 PROTO MIN-MAX per line. JSON: an\n"
			"array of {\"instance\", \"prefix4\", \"proto\", \"port_min\", \"port_max\"}.\n",
		.run = cmd_pool4_list,
	},
	{
		.name = "flush",
		.args = "",
		.summary = "Remove every entry, and every dynamic BIB entry and session.",
		.run = cmd_pool4_flush,
	},
	{ 0 }
};

static const struct nat64ctl_cmd bib_cmds[] = {
	{
		.name = "add",
		.args = PROTO_WORDS " IPV4#PORT IPV6#PORT",
		.summary = "Add a static BIB entry (port forwarding): IPV4#PORT reaches IPV6#PORT.",
		.help = "  IPV4#PORT  the IPv4 side, e.g. 192.0.2.1#8080; an address of pool4\n"
			"             (only those reach the instance), any port\n"
			"  IPV6#PORT  the IPv6 host, e.g. 2001:db8::5#80\n"
			"ICMP takes identifiers for ports. Refused when either side is bound\n"
			"already. A static entry never expires.\n",
		.run = cmd_bib_add,
	},
	{
		.name = "del",
		.alias = "delete",
		.args = PROTO_WORDS " IPV4#PORT",
		.summary = "Remove the static entry of that IPv4 side, and its sessions.",
		.run = cmd_bib_del,
	},
	{
		.name = "list",
		.alias = "ls",
		.args = "[" PROTO_WORDS "]",
		.summary = "List the BIB entries, static and dynamic (of one protocol).",
		.help = "Text: a header, then PROTO IPV4#PORT IPV6#PORT TYPE SESSIONS per line.\n"
			"JSON: an array of {\"instance\", \"proto\", \"addr4\", \"port4\", \"addr6\",\n"
			"\"port6\", \"static\" (true|false), \"sessions\"}.\n",
		.run = cmd_bib_list,
	},
	{ 0 }
};

static const struct nat64ctl_cmd session_cmds[] = {
	{
		.name = "list",
		.alias = "ls",
		.args = "[" PROTO_WORDS "]",
		.summary = "List the sessions (of one protocol).",
		.help = "Text: a header, then per session PROTO, the IPv6 host X'#x, the\n"
			"remote as the IPv6 side sees it Y'#y, the binding T#t, the IPv4\n"
			"remote Z#z, the TCP state (- for udp and icmp) and the seconds\n"
			"until it expires.\n"
			"JSON: an array of {\"instance\", \"proto\", \"addr6\", \"port6\",\n"
			"\"remote6\", \"remote_port6\", \"addr4\", \"port4\", \"remote4\",\n"
			"\"remote_port4\", \"tcp_state\" (tcp only), \"expires_ms\"}.\n",
		.run = cmd_session_list,
	},
	{ 0 }
};

const struct nat64ctl_object nat64ctl_pool4 = {
	.name = "pool4",
	.summary = "The IPv4 transport addresses of a nat64 instance (RFC 6146).",
	.cmds = pool4_cmds,
	.dflt = "list",
	.per_instance = true,
};

const struct nat64ctl_object nat64ctl_bib = {
	.name = "bib",
	.summary = "The bindings of a nat64 instance: IPv6 X'#x <-> IPv4 T#t.",
	.cmds = bib_cmds,
	.dflt = "list",
	.per_instance = true,
};

const struct nat64ctl_object nat64ctl_session = {
	.name = "session",
	.summary = "The sessions of a nat64 instance.",
	.cmds = session_cmds,
	.dflt = "list",
	.per_instance = true,
};
