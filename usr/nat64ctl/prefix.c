// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64ctl prefix: the RFC 6052 prefixes (pool6) of an instance: add, del,
 * list, and translate an address with them as the translator would.
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
#include "prefix.h"

/* One line on stderr, "nat64ctl: prefix translate: ..."; returns 1. */
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

/* The one PREFIX argument, parsed and checked as the kernel checks it. */
static int prefix_arg(const struct nat64ctl *ctl, int argc, char **argv,
		      struct nat64_prefix6 *p)
{
	char why[128], q[64];
	const char *arg;
	int n, ret;

	ret = nat64ctl_positional(ctl, argc, argv, 1, 1,
				  "the PREFIX (ADDR/LEN)", &arg, &n);
	if (ret)
		return ret;
	if (nat64_parse_prefix6(arg, p, why, sizeof(why)))
		return nat64ctl_usage(ctl, "invalid prefix '%s': %s",
				      nat64_quote(arg, q, sizeof(q)), why);
	return NAT64CTL_OK;
}

/* add PREFIX, del PREFIX */
static int change(struct nat64ctl *ctl, int argc, char **argv, bool add)
{
	struct nat64_prefix6 p;
	struct nat64_nl nl;
	const char *inst;
	int ret;

	ret = prefix_arg(ctl, argc, argv, &p);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if ((add ? nat64_prefix_add(&nl, inst, &p) :
			   nat64_prefix_del(&nl, inst, &p)))
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

/* Connects, picks the instance and reads its prefixes; 0, 1 or 2. */
static int read_prefixes(struct nat64ctl *ctl, struct nat64_nl *nl,
			 const char **inst, struct nat64_prefix_list *list)
{
	int ret;

	memset(list, 0, sizeof(*list));
	ret = nat64ctl_open_instance(ctl, nl, inst);
	if (ret)
		return ret;
	if (nat64_prefix_dump(nl, *inst, list)) {
		ret = nat64ctl_refused(ctl, nl);
		nat64_nl_close(nl);
	}
	return ret;
}

/* list */
static int cmd_list(struct nat64ctl *ctl, int argc, char **argv)
{
	char buf[NAT64_PREFIX6_STRLEN];
	struct nat64_prefix_list list;
	const char *none, *inst;
	struct nat64_json j;
	struct nat64_nl nl;
	int n, ret;
	size_t i;

	ret = nat64ctl_positional(ctl, argc, argv, 0, 0, "", &none, &n);
	if (!ret)
		ret = read_prefixes(ctl, &nl, &inst, &list);
	if (ret)
		return ret;
	if (ctl->json) {
		nat64_json_init(&j, stdout);
		nat64_json_array_begin(&j);
		for (i = 0; i < list.n; i++) {
			nat64_json_object_begin(&j);
			nat64_json_kv_string(&j, "instance", inst);
			nat64_json_kv_string(&j, "prefix",
					     nat64_prefix6_str(&list.v[i], buf,
							       sizeof(buf)));
			nat64_json_object_end(&j);
		}
		nat64_json_array_end(&j);
		nat64_json_end(&j);
	} else {
		printf("%-15s %s\n", "INSTANCE", "PREFIX");
		for (i = 0; i < list.n; i++)
			printf("%-15s %s\n", inst,
			       nat64_prefix6_str(&list.v[i], buf, sizeof(buf)));
	}
	nat64_prefix_list_free(&list);
	nat64_nl_close(&nl);
	return NAT64CTL_OK;
}

/* One IPv4 <-> IPv6 pair of translate. */
struct pair {
	const struct nat64_prefix6 *p;
	struct in_addr v4;
	struct in6_addr v6;
};

static void print_pairs(const struct nat64ctl *ctl, const char *inst,
			const struct pair *v, size_t n, bool to6)
{
	char a4[INET_ADDRSTRLEN], a6[INET6_ADDRSTRLEN];
	char buf[NAT64_PREFIX6_STRLEN];
	struct nat64_json j;
	size_t i;

	nat64_json_init(&j, stdout);
	if (ctl->json)
		nat64_json_array_begin(&j);
	for (i = 0; i < n; i++) {
		inet_ntop(AF_INET, &v[i].v4, a4, sizeof(a4));
		inet_ntop(AF_INET6, &v[i].v6, a6, sizeof(a6));
		if (!ctl->json) {
			printf("%s\n", to6 ? a6 : a4);
			continue;
		}
		nat64_json_object_begin(&j);
		nat64_json_kv_string(&j, "instance", inst);
		nat64_json_kv_string(&j, "prefix",
				     nat64_prefix6_str(v[i].p, buf, sizeof(buf)));
		nat64_json_kv_string(&j, "ipv4", a4);
		nat64_json_kv_string(&j, "ipv6", a6);
		nat64_json_object_end(&j);
	}
	if (ctl->json) {
		nat64_json_array_end(&j);
		nat64_json_end(&j);
	}
}

/*
 * RFC 6052 section 3.1: the Well-Known Prefix carries global IPv4
 * addresses only. Not an error here, the address is still what RFC 6052
 * computes, but the operator should know before publishing it.
 */
static void warn_wkp(const struct nat64ctl *ctl, const struct pair *pr)
{
	char a4[INET_ADDRSTRLEN];

	if (nat64_rfc6052_allowed(pr->p, pr->v4.s_addr, false))
		return;
	inet_ntop(AF_INET, &pr->v4, a4, sizeof(a4));
	fprintf(stderr, "nat64ctl: %s: warning: %s is not a global IPv4 address; RFC 6052 section 3.1 forbids it under the well-known prefix 64:ff9b::/96\n",
		ctl->what, a4);
}

/* IPv4 -> the address under each prefix of the instance. */
static int translate46(const struct nat64ctl *ctl, const char *inst,
		       const struct nat64_prefix_list *list, struct in_addr v4)
{
	struct pair *v;
	size_t i;

	if (!list->n)
		return say_no(ctl, "the instance %s has no prefix; add one with 'nat64ctl prefix add PREFIX'",
			      inst);
	v = calloc(list->n, sizeof(*v));
	if (!v)
		return say_no(ctl, "%s", strerror(ENOMEM));
	for (i = 0; i < list->n; i++) {
		v[i].p = &list->v[i];
		v[i].v4 = v4;
		nat64_rfc6052_embed(v[i].p, v4.s_addr, &v[i].v6);
		warn_wkp(ctl, &v[i]);
	}
	print_pairs(ctl, inst, v, list->n, true);
	free(v);
	return NAT64CTL_OK;
}

/* IPv6 -> IPv4, under the first prefix that holds it (as the kernel does). */
static int translate64(const struct nat64ctl *ctl, const char *inst,
		       const struct nat64_prefix_list *list,
		       const struct in6_addr *v6)
{
	char a6[INET6_ADDRSTRLEN], buf[NAT64_PREFIX6_STRLEN];
	struct pair pr = { .v6 = *v6 };

	inet_ntop(AF_INET6, v6, a6, sizeof(a6));
	pr.p = nat64_prefix_find(list, v6);
	if (!pr.p)
		return say_no(ctl, "%s is inside none of the prefixes of the instance %s",
			      a6, inst);
	if (nat64_rfc6052_extract(pr.p, v6, &pr.v4.s_addr))
		return say_no(ctl, "%s has bits 64-71 (the u-octet) set; under %s it translates to no IPv4 address",
			      a6, nat64_prefix6_str(pr.p, buf, sizeof(buf)));
	warn_wkp(ctl, &pr);
	print_pairs(ctl, inst, &pr, 1, false);
	return NAT64CTL_OK;
}

/* translate ADDRESS */
static int cmd_translate(struct nat64ctl *ctl, int argc, char **argv)
{
	struct nat64_prefix_list list;
	const char *arg, *inst;
	struct in6_addr v6;
	struct in_addr v4;
	struct nat64_nl nl;
	bool is4;
	char q[64];
	int n, ret;

	ret = nat64ctl_positional(ctl, argc, argv, 1, 1,
				  "the ADDRESS (IPv4 or IPv6)", &arg, &n);
	if (ret)
		return ret;
	is4 = !nat64_parse_ipv4(arg, &v4, NULL, 0);
	if (!is4 && nat64_parse_ipv6(arg, &v6, NULL, 0))
		return nat64ctl_usage(ctl, "invalid address '%s': it is neither an IPv4 address (a.b.c.d) nor an IPv6 address",
				      nat64_quote(arg, q, sizeof(q)));
	ret = read_prefixes(ctl, &nl, &inst, &list);
	if (ret)
		return ret;
	ret = is4 ? translate46(ctl, inst, &list, v4) :
		    translate64(ctl, inst, &list, &v6);
	nat64_prefix_list_free(&list);
	nat64_nl_close(&nl);
	return ret;
}

static const struct nat64ctl_cmd cmds[] = {
	{
		.name = "add",
		.args = "PREFIX",
		.summary = "Add an RFC 6052 prefix (Pref64::/n) to the instance.",
		.help = "  PREFIX  ADDR/LEN; LEN is 32, 40, 48, 56, 64 or 96, the bits past LEN\n"
			"          are zero, bits 64-71 of a /96 are zero, and the well-known\n"
			"          prefix 64:ff9b:: is only valid as a /96\n"
			"\n"
			"A siit instance has one prefix; the other modes up to 16. A prefix\n"
			"that breaks a rule above is refused before anything is sent.\n",
		.run = cmd_add,
	},
	{
		.name = "del",
		.alias = "delete",
		.args = "PREFIX",
		.summary = "Remove the prefix PREFIX from the instance.",
		.run = cmd_del,
	},
	{
		.name = "list",
		.alias = "ls",
		.args = "",
		.summary = "List the prefixes of the instance.",
		.help = "Text: a header, then one line per prefix: INSTANCE PREFIX.\n"
			"JSON: an array of {\"instance\", \"prefix\"}, prefix as \"ADDR/LEN\".\n",
		.run = cmd_list,
	},
	{
		.name = "translate",
		.args = "ADDRESS",
		.summary = "Translate ADDRESS with the instance's prefixes (RFC 6052).",
		.help = "An IPv4 ADDRESS gives its IPv4-embedded IPv6 address under each\n"
			"prefix of the instance, one per line: what to publish as a AAAA\n"
			"record. An IPv6 ADDRESS inside a prefix gives the IPv4 address\n"
			"embedded in it (the first prefix that holds it, as the translator\n"
			"picks it).\n"
			"\n"
			"JSON: an array of {\"instance\", \"prefix\", \"ipv4\", \"ipv6\"}.\n"
			"Nothing is changed; the kernel is only asked for the prefixes.\n",
		.run = cmd_translate,
	},
	{ 0 }
};

const struct nat64ctl_object nat64ctl_prefix = {
	.name = "prefix",
	.summary = "The RFC 6052 prefixes (pool6) of an instance.",
	.cmds = cmds,
	.dflt = "list",
	.per_instance = true,
};
