// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64ctl denylist and nat64ctl pool6791: the two sets of IPv4 prefixes
 * of an instance, with the same commands: add, del, list, flush.
 *
 * The form of a prefix is checked here; host bits, duplicates, overlaps
 * and the size limit the kernel checks, and its reason is printed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "config.h"
#include "json.h"
#include "nat64ctl.h"
#include "parse.h"

/* Room for "255.255.255.255/255" (a u8 length). */
#define PREFIX4_STRLEN (INET_ADDRSTRLEN + 4)

static enum nat64_addr4set_kind kind_of(const struct nat64ctl *ctl)
{
	return ctl->obj == &nat64ctl_denylist ? NAT64_SET_DENY :
						NAT64_SET_POOL6791;
}

/* add PREFIX4, del PREFIX4, flush */
static int change(struct nat64ctl *ctl, int argc, char **argv, uint8_t op)
{
	struct nat64_prefix4_info p;
	enum nat64_addr4set_kind kind = kind_of(ctl);
	const char *arg[1], *inst;
	struct nat64_nl nl;
	int n, ret, err;

	ret = nat64ctl_positional(ctl, argc, argv, op == NAT64_CMD_DENY_FLUSH ?
				  0 : 1, op == NAT64_CMD_DENY_FLUSH ? 0 : 1,
				  "PREFIX4", arg, &n);
	if (!ret && n)
		ret = nat64ctl_parse_prefix4(ctl, arg[0], &p.addr, &p.len);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if (op == NAT64_CMD_DENY_ADD)
		err = nat64_addr4set_add(&nl, kind, inst, &p);
	else if (op == NAT64_CMD_DENY_DEL)
		err = nat64_addr4set_del(&nl, kind, inst, &p);
	else
		err = nat64_addr4set_flush(&nl, kind, inst);
	if (err)
		ret = nat64ctl_refused(ctl, &nl);
	nat64_nl_close(&nl);
	return ret;
}

static int cmd_add(struct nat64ctl *ctl, int argc, char **argv)
{
	return change(ctl, argc, argv, NAT64_CMD_DENY_ADD);
}

static int cmd_del(struct nat64ctl *ctl, int argc, char **argv)
{
	return change(ctl, argc, argv, NAT64_CMD_DENY_DEL);
}

static int cmd_flush(struct nat64ctl *ctl, int argc, char **argv)
{
	return change(ctl, argc, argv, NAT64_CMD_DENY_FLUSH);
}

static const char *str4(const struct nat64_prefix4_info *p, char *buf)
{
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &p->addr, a, sizeof(a));
	snprintf(buf, PREFIX4_STRLEN, "%s/%u", a, p->len);
	return buf;
}

/* list */
static int cmd_list(struct nat64ctl *ctl, int argc, char **argv)
{
	struct nat64_prefix4_list list = { 0 };
	char buf[PREFIX4_STRLEN];
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
	if (nat64_addr4set_dump(&nl, kind_of(ctl), inst, &list))
		ret = nat64ctl_refused(ctl, &nl);
	if (!ret && !ctl->json) {
		printf("%-15s %s\n", "INSTANCE", "PREFIX4");
		for (i = 0; i < list.n; i++)
			printf("%-15s %s\n", inst, str4(&list.v[i], buf));
	} else if (!ret) {
		nat64_json_init(&j, stdout);
		nat64_json_array_begin(&j);
		for (i = 0; i < list.n; i++) {
			nat64_json_object_begin(&j);
			nat64_json_kv_string(&j, "instance", inst);
			nat64_json_kv_string(&j, "prefix4",
					     str4(&list.v[i], buf));
			nat64_json_object_end(&j);
		}
		nat64_json_array_end(&j);
		nat64_json_end(&j);
	}
	nat64_prefix4_list_free(&list);
	nat64_nl_close(&nl);
	return ret;
}

#define SET_CMDS(what) { \
	{ \
		.name = "add", \
		.args = "PREFIX4", \
		.summary = "Add an IPv4 prefix (ADDR or ADDR/LEN, /32 when left out) " what ".", \
		.help = "Bits past LEN must be zero; a prefix that overlaps one of the set\n" \
			"is refused. At most 64 prefixes.\n", \
		.run = cmd_add, \
	}, \
	{ \
		.name = "del", \
		.alias = "delete", \
		.args = "PREFIX4", \
		.summary = "Remove exactly that prefix.", \
		.run = cmd_del, \
	}, \
	{ \
		.name = "list", \
		.alias = "ls", \
		.args = "", \
		.summary = "List the prefixes, oldest first.", \
		.help = "Text: a header, then INSTANCE PREFIX4 per line. JSON: an array of\n" \
			"{\"instance\", \"prefix4\"}.\n", \
		.run = cmd_list, \
	}, \
	{ \
		.name = "flush", \
		.args = "", \
		.summary = "Remove every prefix.", \
		.run = cmd_flush, \
	}, \
	{ 0 } \
}

static const struct nat64ctl_cmd deny_cmds[] = SET_CMDS("to the denylist");
static const struct nat64ctl_cmd pool_cmds[] = SET_CMDS("to the RFC 6791 pool");

const struct nat64ctl_object nat64ctl_denylist = {
	.name = "denylist",
	.summary = "IPv4 prefixes the instance never translates, in any header.",
	.cmds = deny_cmds,
	.dflt = "list",
	.per_instance = true,
};

const struct nat64ctl_object nat64ctl_pool6791 = {
	.name = "pool6791",
	.summary = "IPv4 sources for ICMP errors from untranslatable IPv6 routers (RFC 6791).",
	.cmds = pool_cmds,
	.dflt = "list",
	.per_instance = true,
};
