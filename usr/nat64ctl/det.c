// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64ctl det: the deterministic NAT rule (RFC 7422) of a nat64
 * instance. set and del change it; show and lookup apply its formula
 * (../src/det.c, the kernel's own code) both ways: what a subscriber gets,
 * and which subscriber had an IPv4 address and port.
 *
 * show and lookup read the rule from the instance (NAT64_CMD_DET_GET) or,
 * with --rule, from the command line: then no netlink socket is opened at
 * all, so that a rule kept in an archive answers an abuse report years
 * later, on any machine, with no module loaded.
 *
 * Every argument, the rule included, is checked here (the rule with
 * nat64_det_check(), for the kernel's own reason); the kernel adds what
 * only it knows: the instance's mode, overlaps with pool4.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "json.h"
#include "nat64ctl.h"
#include "parse.h"
#include "state.h"

#define RULE_NEED "PREFIX6/LEN SUBLEN PREFIX4/LEN LO-HI"
#define RULE_WORDS RULE_NEED " [BLOCKS]"
#define RULE_HELP "the words of 'det set' in one argument"

/* Room for "255.255.255.255/32". */
#define PREFIX4_STRLEN (INET_ADDRSTRLEN + 4)
/* Room for a rule: "PREFIX6/128 128 PREFIX4/32 65535-65535 4294967295". */
#define RULE_STRLEN (NAT64_PREFIX6_STRLEN + PREFIX4_STRLEN + 32)

/* A rule, and the instance it came from (NULL: from --rule). */
struct rule {
	struct nat64_det d;
	const char *inst;
};

/* One line on stderr, "nat64ctl: det lookup: ..."; returns 1. */
static int say_no(const struct nat64ctl *ctl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int say_no(const struct nat64ctl *ctl, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "nat64ctl: %s: ", ctl->what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return NAT64CTL_REFUSED;
}

/*
 * A number 0-max in decimal, digits only: a rule is written down and read
 * back years later, so "010" is ten and "0x10" is no number. 0 or -EINVAL.
 */
static int decimal(const char *s, unsigned long max, unsigned long *out)
{
	size_t n = strspn(s, "0123456789");

	if (!n || s[n])
		return -EINVAL;
	errno = 0;
	*out = strtoul(s, NULL, 10);
	return errno || *out > max ? -EINVAL : 0;
}

/* ADDR6 or ADDR6/LEN, LEN 0-128 (*len; 128 when left out). 0 or -EINVAL. */
static int parse_addr6(const char *s, struct in6_addr *a, unsigned long *len,
		       bool *has_len)
{
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	char buf[INET6_ADDRSTRLEN + 1];

	*len = 128;
	*has_len = slash;
	if (n >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (nat64_parse_ipv6(buf, a, NULL, 0))
		return -EINVAL;
	return slash ? decimal(slash + 1, 128, len) : 0;
}

/* LO-HI, two decimal ports (their order nat64_det_check() checks). */
static int parse_ports(const char *s, struct nat64_det *d)
{
	const char *dash = strchr(s, '-');
	size_t n = dash ? (size_t)(dash - s) : 0;
	unsigned long lo, hi;
	char buf[8];

	if (!dash || n >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (decimal(buf, 65535, &lo) || decimal(dash + 1, 65535, &hi))
		return -EINVAL;
	d->port_min = lo;
	d->port_max = hi;
	return 0;
}

/*
 * PREFIX6/LEN SUBLEN PREFIX4/LEN LO-HI [BLOCKS], n words, checked as the
 * kernel checks them.
 */
static int rule_parse(const struct nat64ctl *ctl, const char *const *w,
		      int n, struct nat64_det *d)
{
	unsigned long len, blocks = 0;
	struct in_addr a4;
	const char *why;
	bool has_len;
	char q[64];
	int ret;

	memset(d, 0, sizeof(*d));
	if (parse_addr6(w[0], &d->prefix6, &len, &has_len) || !has_len)
		return nat64ctl_usage(ctl, "invalid subscriber range '%s': it takes PREFIX6/LEN, an IPv6 address and a LEN 0-128",
				      nat64_quote(w[0], q, sizeof(q)));
	d->plen6 = len;
	if (decimal(w[1], 128, &len))
		return nat64ctl_usage(ctl, "invalid subscriber length '%s': SUBLEN is a number 0-128",
				      nat64_quote(w[1], q, sizeof(q)));
	d->sub_len = len;
	ret = nat64ctl_parse_prefix4(ctl, w[2], &a4, &d->plen4);
	if (ret)
		return ret;
	d->addr4 = a4.s_addr;
	if (parse_ports(w[3], d))
		return nat64ctl_usage(ctl, "invalid port range '%s': it takes LO-HI, two ports 1-65535",
				      nat64_quote(w[3], q, sizeof(q)));
	if (n > 4 && (decimal(w[4], 65535, &blocks) || !blocks))
		return nat64ctl_usage(ctl, "invalid BLOCKS '%s': blocks per IPv4 address, a number 1-65535 (left out: as many as the subscribers need)",
				      nat64_quote(w[4], q, sizeof(q)));
	d->blocks = blocks;
	why = nat64_det_check(d);
	if (why)
		return nat64ctl_usage(ctl, "invalid rule: %s", why);
	return NAT64CTL_OK;
}

/* RULE: the words of a rule in one argument. */
static int rule_split(const struct nat64ctl *ctl, const char *rule,
		      struct nat64_det *d)
{
	char buf[2 * RULE_STRLEN], q[2 * RULE_STRLEN], *save, *tok;
	size_t len = strlen(rule);
	const char *w[6];	/* a sixth word is one too many */
	int n = 0;

	nat64_quote(rule, q, sizeof(q));
	if (len >= sizeof(buf))
		return nat64ctl_usage(ctl, "invalid rule '%s': it is too long for " RULE_WORDS,
				      q);
	memcpy(buf, rule, len + 1);
	for (tok = strtok_r(buf, " \t\n", &save); tok && n < 6;
	     tok = strtok_r(NULL, " \t\n", &save))
		w[n++] = tok;
	if (n < 4 || n > 5)
		return nat64ctl_usage(ctl, "invalid rule '%s': it takes four or five words, " RULE_WORDS,
				      q);
	return rule_parse(ctl, w, n, d);
}

/*
 * Takes --rule RULE or --rule=RULE (before a "--") out of argv into *rule,
 * NULL when not given; *argc becomes the count of what is left. 0, or a
 * usage error (2).
 */
static int take_rule(const struct nat64ctl *ctl, int *argc, char **argv,
		     const char **rule)
{
	const char *val;
	bool rest = false;
	int i, n = 0;

	*rule = NULL;
	for (i = 0; i < *argc; i++) {
		val = NULL;
		rest = rest || !strcmp(argv[i], "--");
		if (!rest && !strncmp(argv[i], "--rule=", 7))
			val = argv[i] + 7;
		else if (!rest && !strcmp(argv[i], "--rule") && i + 1 < *argc)
			val = argv[++i];
		else if (!rest && !strcmp(argv[i], "--rule"))
			return nat64ctl_usage(ctl, "--rule needs a RULE, " RULE_HELP);
		if (!val) {
			argv[n++] = argv[i];
			continue;
		}
		if (*rule)
			return nat64ctl_usage(ctl, "--rule given twice");
		*rule = val;
	}
	*argc = n;
	return NAT64CTL_OK;
}

/* The rule of show and lookup: from --rule (arg), else from the instance. */
static int rule_get(const struct nat64ctl *ctl, const char *arg,
		    struct rule *r)
{
	struct nat64_nl nl;
	int ret;

	r->inst = NULL;
	if (arg && ctl->instance)
		return nat64ctl_usage(ctl, "--rule and --instance: the rule comes from one or the other");
	if (arg)
		return rule_split(ctl, arg, &r->d);
	ret = nat64ctl_open_instance(ctl, &nl, &r->inst);
	if (ret)
		return ret;
	if (nat64_det_get(&nl, r->inst, &r->d))
		ret = nat64ctl_refused(ctl, &nl);
	nat64_nl_close(&nl);
	return ret;
}

static const char *prefix6_str(const struct in6_addr *a, unsigned int len,
			       char *buf)
{
	char s[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET6, a, s, sizeof(s));
	snprintf(buf, NAT64_PREFIX6_STRLEN, "%s/%u", s, len);
	return buf;
}

static const char *prefix4_str(const struct nat64_det *d, char *buf)
{
	char s[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &d->addr4, s, sizeof(s));
	snprintf(buf, PREFIX4_STRLEN, "%s/%u", s, d->plen4);
	return buf;
}

/* The words of "det set", as --rule takes them back. */
static const char *rule_str(const struct nat64_det *d, char *buf)
{
	char p6[NAT64_PREFIX6_STRLEN], p4[PREFIX4_STRLEN], blocks[16] = "";

	if (d->blocks)
		snprintf(blocks, sizeof(blocks), " %u", d->blocks);
	snprintf(buf, RULE_STRLEN, "%s %u %s %u-%u%s",
		 prefix6_str(&d->prefix6, d->plen6, p6), d->sub_len,
		 prefix4_str(d, p4), d->port_min, d->port_max, blocks);
	return buf;
}

/* A JSON object, with the instance first when the rule came from one. */
static void json_begin(struct nat64_json *j, const struct rule *r)
{
	nat64_json_init(j, stdout);
	nat64_json_object_begin(j);
	if (r->inst)
		nat64_json_kv_string(j, "instance", r->inst);
}

static void json_end(struct nat64_json *j)
{
	nat64_json_object_end(j);
	nat64_json_end(j);
}

/* show: the rule and its sizes (N, M, S and K of det.h). */
static void show_rule(const struct nat64ctl *ctl, const struct rule *r)
{
	char rule[RULE_STRLEN], p6[NAT64_PREFIX6_STRLEN], p4[PREFIX4_STRLEN];
	const struct nat64_det *d = &r->d;
	struct nat64_json j;

	rule_str(d, rule);
	if (!ctl->json) {
		printf("rule %s\n", rule);
		printf("subscribers %u addresses %u ports-each %u\n",
		       nat64_det_subs(d), nat64_det_addrs(d),
		       nat64_det_ports(d));
		return;
	}
	json_begin(&j, r);
	nat64_json_kv_string(&j, "rule", rule);
	nat64_json_kv_string(&j, "prefix6",
			     prefix6_str(&d->prefix6, d->plen6, p6));
	nat64_json_kv_u64(&j, "sub_len", d->sub_len);
	nat64_json_kv_string(&j, "prefix4", prefix4_str(d, p4));
	nat64_json_kv_u64(&j, "port_min", d->port_min);
	nat64_json_kv_u64(&j, "port_max", d->port_max);
	nat64_json_kv_u64(&j, "subscribers", nat64_det_subs(d));
	nat64_json_kv_u64(&j, "addresses", nat64_det_addrs(d));
	nat64_json_kv_u64(&j, "blocks", nat64_det_blocks(d));
	nat64_json_kv_u64(&j, "ports_each", nat64_det_ports(d));
	json_end(&j);
}

/* @a with every bit from @len on cleared. */
static void prefix_of(struct in6_addr *a, unsigned int len)
{
	unsigned int b;

	for (b = len; b < 128; b++)
		a->s6_addr[b / 8] &= ~(0x80 >> (b % 8));
}

/* show ADDR6[/LEN]: the subscriber that holds it, and what it gets. */
static int show_sub(const struct nat64ctl *ctl, const struct rule *r,
		    const struct in6_addr *a6, unsigned int len)
{
	char a[INET6_ADDRSTRLEN], sub[NAT64_PREFIX6_STRLEN];
	char p6[NAT64_PREFIX6_STRLEN], a4[INET_ADDRSTRLEN];
	const struct nat64_det *d = &r->d;
	struct in6_addr s = *a6;
	struct nat64_json j;
	uint16_t lo, hi;
	__be32 addr4;

	inet_ntop(AF_INET6, a6, a, sizeof(a));
	if (!nat64_det_contains6(d, a6))
		return say_no(ctl, "%s is not inside the rule's subscribers %s",
			      a, prefix6_str(&d->prefix6, d->plen6, p6));
	if (len < d->sub_len)
		return say_no(ctl, "%s/%u holds more than one subscriber: the rule's are /%u",
			      a, len, d->sub_len);
	nat64_det_forward(d, a6, &addr4, &lo, &hi);
	prefix_of(&s, d->sub_len);
	prefix6_str(&s, d->sub_len, sub);
	inet_ntop(AF_INET, &addr4, a4, sizeof(a4));
	if (!ctl->json) {
		printf("%s %s %u-%u\n", sub, a4, lo, hi);
		return NAT64CTL_OK;
	}
	json_begin(&j, r);
	nat64_json_kv_string(&j, "subscriber", sub);
	nat64_json_kv_string(&j, "address", a4);
	nat64_json_kv_u64(&j, "port_min", lo);
	nat64_json_kv_u64(&j, "port_max", hi);
	json_end(&j);
	return NAT64CTL_OK;
}

/* show [--rule RULE] [ADDR6[/LEN]] */
static int cmd_show(struct nat64ctl *ctl, int argc, char **argv)
{
	const char *rule, *arg;
	struct in6_addr a6;
	unsigned long len;
	struct rule r;
	bool has_len;
	char q[64];
	int n, ret;

	ret = take_rule(ctl, &argc, argv, &rule);
	if (!ret)
		ret = nat64ctl_positional(ctl, argc, argv, 0, 1, "", &arg, &n);
	if (!ret && n && parse_addr6(arg, &a6, &len, &has_len))
		ret = nat64ctl_usage(ctl, "invalid address '%s': it takes ADDR6 or ADDR6/LEN, an IPv6 address and a LEN 0-128",
				     nat64_quote(arg, q, sizeof(q)));
	if (!ret)
		ret = rule_get(ctl, rule, &r);
	if (ret)
		return ret;
	if (n)
		return show_sub(ctl, &r, &a6, len);
	show_rule(ctl, &r);
	return NAT64CTL_OK;
}

/* lookup [--rule RULE] IPV4 PORT */
static int cmd_lookup(struct nat64ctl *ctl, int argc, char **argv)
{
	char a4[INET_ADDRSTRLEN], sub[NAT64_PREFIX6_STRLEN], why[64], q[64];
	const char *rule, *arg[2];
	unsigned long port;
	struct in6_addr s;
	struct in_addr v4;
	struct nat64_json j;
	struct rule r;
	int n, ret;

	ret = take_rule(ctl, &argc, argv, &rule);
	if (!ret)
		ret = nat64ctl_positional(ctl, argc, argv, 2, 2, "IPV4 PORT",
					  arg, &n);
	if (!ret && nat64_parse_ipv4(arg[0], &v4, why, sizeof(why)))
		ret = nat64ctl_usage(ctl, "invalid address '%s': %s",
				     nat64_quote(arg[0], q, sizeof(q)), why);
	if (!ret && decimal(arg[1], 65535, &port))
		ret = nat64ctl_usage(ctl, "invalid port '%s': PORT is a number 0-65535",
				     nat64_quote(arg[1], q, sizeof(q)));
	if (!ret)
		ret = rule_get(ctl, rule, &r);
	if (ret)
		return ret;
	inet_ntop(AF_INET, &v4, a4, sizeof(a4));
	if (!nat64_det_reverse(&r.d, v4.s_addr, port, &s))
		return say_no(ctl, "%s port %lu belongs to no subscriber of the rule",
			      a4, port);
	prefix6_str(&s, r.d.sub_len, sub);
	if (!ctl->json) {
		printf("%s\n", sub);
		return NAT64CTL_OK;
	}
	json_begin(&j, &r);
	nat64_json_kv_string(&j, "address", a4);
	nat64_json_kv_u64(&j, "port", port);
	nat64_json_kv_string(&j, "subscriber", sub);
	json_end(&j);
	return NAT64CTL_OK;
}

/* set PREFIX6/LEN SUBLEN PREFIX4/LEN LO-HI [BLOCKS] */
static int cmd_set(struct nat64ctl *ctl, int argc, char **argv)
{
	const char *w[5], *inst;
	struct nat64_det d;
	struct nat64_nl nl;
	int n, ret;

	ret = nat64ctl_positional(ctl, argc, argv, 4, 5, RULE_NEED, w, &n);
	if (!ret)
		ret = rule_parse(ctl, w, n, &d);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if (nat64_det_set(&nl, inst, &d))
		ret = nat64ctl_refused(ctl, &nl);
	nat64_nl_close(&nl);
	return ret;
}

/* del */
static int cmd_del(struct nat64ctl *ctl, int argc, char **argv)
{
	const char *none, *inst;
	struct nat64_nl nl;
	int n, ret;

	ret = nat64ctl_positional(ctl, argc, argv, 0, 0, "", &none, &n);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if (nat64_det_del(&nl, inst))
		ret = nat64ctl_refused(ctl, &nl);
	nat64_nl_close(&nl);
	return ret;
}

static const struct nat64ctl_cmd cmds[] = {
	{
		.name = "set",
		.args = RULE_WORDS,
		.summary = "Set the instance's deterministic NAT rule (RFC 7422), replacing any.",
		.help = "  PREFIX6/LEN  the subscribers' range, e.g. 2001:db8:100::/40\n"
			"  SUBLEN       a subscriber's prefix length, e.g. 56: each /SUBLEN\n"
			"               inside PREFIX6/LEN is one subscriber (N of them)\n"
			"  PREFIX4/LEN  the IPv4 addresses shared out (M of them), e.g.\n"
			"               203.0.113.0/24; no pool4 entry may overlap them\n"
			"  LO-HI        the ports shared out (TCP, UDP, ICMP identifiers),\n"
			"               e.g. 1024-65535\n"
			"  BLOCKS       blocks per IPv4 address, S (RFC 7422's C + D); left\n"
			"               out: ceil(N / M), as many as the subscribers need\n"
			"\n"
			"Subscriber i (bits LEN to SUBLEN-1 of its prefix, as a number) gets\n"
			"address i mod M of PREFIX4/LEN and block i div M of LO-HI, blocks\n"
			"of K = floor((HI - LO + 1) / S) ports. At most 2^24 subscribers and\n"
			"2^24 addresses, K at least 1: a rule that breaks these is refused\n"
			"before anything is sent. Bindings the new rule does not give are\n"
			"deleted. Only for nat64 instances.\n",
		.run = cmd_set,
	},
	{
		.name = "del",
		.alias = "delete",
		.args = "",
		.summary = "Remove the rule, and the bindings it gave.",
		.run = cmd_del,
	},
	{
		.name = "show",
		.args = "[--rule RULE] [ADDR6[/LEN]]",
		.summary = "Show the rule and its sizes, or what the subscriber of ADDR6 gets.",
		.help = "  --rule RULE  the rule, " RULE_HELP ",\n"
			"               e.g. \"2001:db8:100::/40 56 203.0.113.0/24 1024-65535\";\n"
			"               nothing is asked of the kernel, no module is needed\n"
			"  ADDR6[/LEN]  an address inside the rule's subscribers (a /LEN no\n"
			"               shorter than SUBLEN)\n"
			"\n"
			"Without ADDR6, two lines: 'rule' and the words of 'det set' (what\n"
			"--rule takes back: keep it with the date), then 'subscribers N\n"
			"addresses M ports-each K'. JSON: {\"instance\" (not with --rule),\n"
			"\"rule\", \"prefix6\", \"sub_len\", \"prefix4\", \"port_min\",\n"
			"\"port_max\", \"subscribers\", \"addresses\", \"blocks\", \"ports_each\"}.\n"
			"With ADDR6, one line: the subscriber's prefix, its IPv4 address and\n"
			"its ports LO-HI. JSON: {\"instance\" (not with --rule), \"subscriber\",\n"
			"\"address\", \"port_min\", \"port_max\"}. Status 1 when ADDR6 is\n"
			"outside the rule.\n",
		.run = cmd_show,
	},
	{
		.name = "lookup",
		.args = "[--rule RULE] IPV4 PORT",
		.summary = "Which subscriber had port PORT of IPV4: the rule read backwards.",
		.help = "  --rule RULE  the rule, " RULE_HELP ";\n"
			"               nothing is asked of the kernel, no module is needed\n"
			"  IPV4 PORT    an address of the rule and a port 0-65535 (decimal)\n"
			"\n"
			"One line: the subscriber's prefix, /SUBLEN with its host bits zero.\n"
			"JSON: {\"instance\" (not with --rule), \"address\", \"port\",\n"
			"\"subscriber\"}. Status 1 when no subscriber had that port.\n",
		.run = cmd_lookup,
	},
	{ 0 }
};

const struct nat64ctl_object nat64ctl_det = {
	.name = "det",
	.summary = "The deterministic NAT rule of a nat64 instance (RFC 7422).",
	.cmds = cmds,
	.dflt = "show",
	.per_instance = true,
};
