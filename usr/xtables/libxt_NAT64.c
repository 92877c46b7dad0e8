// SPDX-License-Identifier: GPL-2.0-only
/*
 * libxt_NAT64: the iptables and ip6tables extension of the xtables target
 * "NAT64" (include/uapi/linux/netfilter/xt_NAT64.h), for both families:
 *
 *   ip6tables -t mangle -A PREROUTING -d 2001:db8:64::/96 -j NAT64 --instance clat
 *   iptables  -t mangle -A PREROUTING -d 192.0.2.0/24 -j NAT64 --instance clat
 *
 * The name is checked here by the parser nat64ctl uses (usr/lib/parse.c),
 * so a bad one is refused before anything reaches the kernel; whether the
 * instance exists, and takes packets from rules, is the kernel's check.
 * print and save write what the parser reads: iptables-save output
 * restores to the same rule.
 */
#include <stdio.h>
#include <string.h>
#include <xtables.h>
#include <linux/netfilter/xt_NAT64.h>

#include "parse.h"

enum {
	O_INSTANCE,
};

static const struct xt_option_entry nat64_tg_opts[] = {
	{
		.name = "instance",
		.id = O_INSTANCE,
		.type = XTTYPE_STRING,
		.flags = XTOPT_MAND,
	},
	XTOPT_TABLEEND,
};

static void nat64_tg_help(void)
{
	printf("NAT64 target options:\n"
	       "  --instance NAME   translate the packets this rule matches with the\n"
	       "                    nat64 instance NAME of this network namespace,\n"
	       "                    created with --framework iptables (nat64ctl(8));\n"
	       "                    mangle table, PREROUTING chain only\n");
}

static void nat64_tg_parse(struct xt_option_call *cb)
{
	struct xt_nat64_tginfo *info = cb->data;
	char why[64], q[4 * NAT64_INSTANCE_NAMSIZ + 8];

	xtables_option_parse(cb);
	if (!nat64_parse_name(cb->arg, why, sizeof(why)))
		xtables_error(PARAMETER_PROBLEM,
			      "NAT64: invalid --instance '%s': %s; %s",
			      nat64_quote(cb->arg, q, sizeof(q)), why,
			      NAT64_NAME_RULE);
	/* nat64_parse_name() said it fits, NUL included. */
	strcpy(info->instance, cb->arg);
}

/* The kernel checked the name at rule time; bound it all the same. */
static void nat64_tg_print(const void *ip, const struct xt_entry_target *t,
			   int numeric)
{
	const struct xt_nat64_tginfo *info = (const void *)t->data;

	(void)ip;
	(void)numeric;
	printf(" NAT64 instance %.*s", (int)sizeof(info->instance),
	       info->instance);
}

static void nat64_tg_save(const void *ip, const struct xt_entry_target *t)
{
	const struct xt_nat64_tginfo *info = (const void *)t->data;
	char name[NAT64_INSTANCE_NAMSIZ];

	(void)ip;
	snprintf(name, sizeof(name), "%.*s", (int)sizeof(info->instance),
		 info->instance);
	printf(" --instance");
	xtables_save_string(name);
}

static struct xtables_target nat64_tg_reg = {
	.version = XTABLES_VERSION,
	.name = "NAT64",
	.revision = 0,
	.family = NFPROTO_UNSPEC,
	.size = XT_ALIGN(sizeof(struct xt_nat64_tginfo)),
	.userspacesize = XT_ALIGN(sizeof(struct xt_nat64_tginfo)),
	.help = nat64_tg_help,
	.print = nat64_tg_print,
	.save = nat64_tg_save,
	.x6_parse = nat64_tg_parse,
	.x6_options = nat64_tg_opts,
};

/* libxtables dlopen()s this file when a rule names the target. */
static void __attribute__((constructor)) nat64_tg_ldr(void)
{
	xtables_register_target(&nat64_tg_reg);
}
