// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64ctl eam: the Explicit Address Mapping table (RFC 7757) of an
 * instance: add, del, list, flush.
 *
 * Arguments are checked for form here (an address, a length in range);
 * what RFC 7757 and the table allow (host bits, suffix lengths, duplicates,
 * the size limit) the kernel checks, and its reason is printed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "eam.h"
#include "json.h"
#include "nat64ctl.h"
#include "parse.h"

/* Room for "ffff:...:255.255.255.255/128". */
#define PREFIX_STRLEN (INET6_ADDRSTRLEN + 4)

/*
 * ADDR or ADDR/LEN, the address read by the shared parsers (parse.h) as
 * IPv6 when six, else IPv4; a LEN left out is the full length (RFC 7757
 * section 3.2). 0, -EINVAL (no such address) or -ERANGE (a bad LEN).
 */
static int parse_prefix(const char *s, bool six, void *addr, uint8_t *len)
{
	unsigned long long max = six ? 128 : 32, l = max;
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	char buf[INET6_ADDRSTRLEN + 1];
	int err;

	if (n >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	err = six ? nat64_parse_ipv6(buf, addr, NULL, 0) :
		    nat64_parse_ipv4(buf, addr, NULL, 0);
	if (err)
		return -EINVAL;
	if (slash && nat64_parse_uint(slash + 1, 0, max, &l))
		return -ERANGE;
	*len = l;
	return 0;
}

/*
 * One PREFIX4 or PREFIX6 argument into the matching half of m: the half
 * it filled (NAT64_EAM_MAP_V4 or _V6), or 0 with the reason in why.
 */
static unsigned int parse_half(const char *arg, struct nat64_eam_map *m,
			       char *why, size_t len)
{
	int err4 = parse_prefix(arg, false, &m->p4, &m->l4);
	int err6 = err4 ? parse_prefix(arg, true, &m->p6, &m->l6) : -EINVAL;

	if (!err4)
		return NAT64_EAM_MAP_V4;
	if (!err6)
		return NAT64_EAM_MAP_V6;
	if (err4 == -ERANGE)
		snprintf(why, len, "LEN must be 0-32 for an IPv4 prefix");
	else if (err6 == -ERANGE)
		snprintf(why, len, "LEN must be 0-128 for an IPv6 prefix");
	else
		snprintf(why, len, "it is neither an IPv4 nor an IPv6 address (ADDR or ADDR/LEN)");
	return 0;
}

/*
 * The prefixes of add (PREFIX4 PREFIX6) or del (PREFIX4, PREFIX6 or both,
 * in that order): the halves of m they fill, or a usage error (2).
 */
static int eam_args(const struct nat64ctl *ctl, int argc, char **argv,
		    bool add, struct nat64_eam_map *m, unsigned int *which)
{
	static const char *const want[] = { "an IPv4 prefix", "an IPv6 prefix" };
	const char *arg[2];
	char why[96], q[64];
	unsigned int half;
	int i, n, ret;

	memset(m, 0, sizeof(*m));
	*which = 0;
	ret = nat64ctl_positional(ctl, argc, argv, add ? 2 : 1, 2,
				  add ? "PREFIX4 and PREFIX6" :
					"PREFIX4, PREFIX6 or both",
				  arg, &n);
	if (ret)
		return ret;
	for (i = 0; i < n; i++) {
		half = parse_half(arg[i], m, why, sizeof(why));
		nat64_quote(arg[i], q, sizeof(q));
		if (!half)
			return nat64ctl_usage(ctl, "invalid prefix '%s': %s", q,
					      why);
		/* Two arguments: IPv4 first, as in "add". */
		if ((n == 2 || add) && half != (i ? NAT64_EAM_MAP_V6 :
						    NAT64_EAM_MAP_V4))
			return nat64ctl_usage(ctl, "'%s' is not %s; the order is PREFIX4 PREFIX6",
					      q, want[i]);
		*which |= half;
	}
	return NAT64CTL_OK;
}

/* add PREFIX4 PREFIX6, del PREFIX4 | PREFIX6 | PREFIX4 PREFIX6 */
static int change(struct nat64ctl *ctl, int argc, char **argv, bool add)
{
	struct nat64_eam_map m;
	unsigned int which;
	struct nat64_nl nl;
	const char *inst;
	int ret;

	ret = eam_args(ctl, argc, argv, add, &m, &which);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if ((add ? nat64_eam_add(&nl, inst, &m) :
			   nat64_eam_del(&nl, inst, &m, which)))
		ret = nat64ctl_refused(ctl, &nl);
	nat64_nl_close(&nl);
	return ret;
}

static int cmd_add(struct nat64ctl *ctl, int argc, char **argv)
{
	return change(ctl, argc, argv, true);
}

static int cmd_del(struct nat64ctl *ctl, int argc, char **argv)
{
	return change(ctl, argc, argv, false);
}

static int cmd_flush(struct nat64ctl *ctl, int argc, char **argv)
{
	struct nat64_nl nl;
	const char *none, *inst;
	int n, ret;

	ret = nat64ctl_positional(ctl, argc, argv, 0, 0, "", &none, &n);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if (nat64_eam_flush(&nl, inst))
		ret = nat64ctl_refused(ctl, &nl);
	nat64_nl_close(&nl);
	return ret;
}

static const char *str4(const struct nat64_eam_map *m, char *buf)
{
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &m->p4, a, sizeof(a));
	snprintf(buf, PREFIX_STRLEN, "%s/%u", a, m->l4);
	return buf;
}

static const char *str6(const struct nat64_eam_map *m, char *buf)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET6, &m->p6, a, sizeof(a));
	snprintf(buf, PREFIX_STRLEN, "%s/%u", a, m->l6);
	return buf;
}

static void print_list(const struct nat64ctl *ctl, const char *inst,
		       const struct nat64_eam_list *list)
{
	char b4[PREFIX_STRLEN], b6[PREFIX_STRLEN];
	struct nat64_json j;
	size_t i;

	if (!ctl->json) {
		printf("%-15s %-18s %s\n", "INSTANCE", "PREFIX4", "PREFIX6");
		for (i = 0; i < list->n; i++)
			printf("%-15s %-18s %s\n", inst, str4(&list->v[i], b4),
			       str6(&list->v[i], b6));
		return;
	}
	nat64_json_init(&j, stdout);
	nat64_json_array_begin(&j);
	for (i = 0; i < list->n; i++) {
		nat64_json_object_begin(&j);
		nat64_json_kv_string(&j, "instance", inst);
		nat64_json_kv_string(&j, "prefix4", str4(&list->v[i], b4));
		nat64_json_kv_string(&j, "prefix6", str6(&list->v[i], b6));
		nat64_json_object_end(&j);
	}
	nat64_json_array_end(&j);
	nat64_json_end(&j);
}

/* list */
static int cmd_list(struct nat64ctl *ctl, int argc, char **argv)
{
	struct nat64_eam_list list = { 0 };
	const char *none, *inst;
	struct nat64_nl nl;
	int n, ret;

	ret = nat64ctl_positional(ctl, argc, argv, 0, 0, "", &none, &n);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if (nat64_eam_dump(&nl, inst, &list))
		ret = nat64ctl_refused(ctl, &nl);
	if (!ret)
		print_list(ctl, inst, &list);
	nat64_eam_list_free(&list);
	nat64_nl_close(&nl);
	return ret;
}

#define EAM_SYNTAX \
	"  PREFIX4  an IPv4 ADDR or ADDR/LEN, LEN 0-32; /32 when left out\n" \
	"  PREFIX6  an IPv6 ADDR or ADDR/LEN, LEN 0-128; /128 when left out\n"

static const struct nat64ctl_cmd cmds[] = {
	{
		.name = "add",
		.args = "PREFIX4 PREFIX6",
		.summary = "Map the IPv4 prefix PREFIX4 to the IPv6 prefix PREFIX6.",
		.help = EAM_SYNTAX
			"\n"
			"An address inside PREFIX4 becomes the address inside PREFIX6 whose\n"
			"bits after PREFIX6 are its own bits after PREFIX4, then zeros; and\n"
			"back (RFC 7757 section 3.3). The IPv4 suffix must fit in the IPv6\n"
			"one: 32 - LEN4 <= 128 - LEN6. Bits past LEN must be zero. A PREFIX4\n"
			"or a PREFIX6 that an entry already has is refused; overlapping ones\n"
			"are not (the longest prefix wins). At most 100000 entries.\n",
		.run = cmd_add,
	},
	{
		.name = "del",
		.alias = "delete",
		.args = "PREFIX4 | PREFIX6 | PREFIX4 PREFIX6",
		.summary = "Delete the entry with that IPv4 prefix, IPv6 prefix or both.",
		.help = EAM_SYNTAX,
		.run = cmd_del,
	},
	{
		.name = "list",
		.alias = "ls",
		.args = "",
		.summary = "List the EAM entries of the instance, oldest first.",
		.help = "Text: a header, then one line per entry: INSTANCE PREFIX4 PREFIX6.\n"
			"JSON: an array of {\"instance\", \"prefix4\", \"prefix6\"}, the\n"
			"prefixes as \"ADDR/LEN\".\n",
		.run = cmd_list,
	},
	{
		.name = "flush",
		.args = "",
		.summary = "Delete every EAM entry of the instance.",
		.run = cmd_flush,
	},
	{ 0 }
};

const struct nat64ctl_object nat64ctl_eam = {
	.name = "eam",
	.summary = "The Explicit Address Mappings (RFC 7757) of an instance.",
	.cmds = cmds,
	.dflt = "list",
	.per_instance = true,
};
