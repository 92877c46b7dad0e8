// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64ctl instance: add, del, list, show.
 */
#include <stdio.h>
#include <string.h>

#include "instance.h"
#include "json.h"
#include "nat64ctl.h"
#include "parse.h"

void nat64ctl_instance_json(struct nat64_json *j,
			    const struct nat64_instance_info *info)
{
	char buf[16];

	nat64_json_kv_string(j, "name", info->name);
	nat64_json_kv_string(j, "mode", nat64ctl_mode_str(info->mode, buf));
	if (info->has_id)
		nat64_json_kv_u64(j, "id", info->id);
}

static void print_header(void)
{
	printf("%-15s %-7s %s\n", "NAME", "MODE", "ID");
}

static void print_line(const struct nat64_instance_info *info)
{
	char buf[16];

	printf("%-15s %-7s ", info->name, nat64ctl_mode_str(info->mode, buf));
	if (info->has_id)
		printf("%u\n", info->id);
	else
		printf("-\n");
}

static void print_json(const struct nat64_instance_info *info)
{
	struct nat64_json j;

	nat64_json_init(&j, stdout);
	nat64_json_object_begin(&j);
	nat64ctl_instance_json(&j, info);
	nat64_json_object_end(&j);
	nat64_json_end(&j);
}

/* NAME and --mode MODE (or --mode=MODE, -m MODE), in any order. */
static int add_args(const struct nat64ctl *ctl, int argc, char **argv,
		    const char **name, const char **mode)
{
	bool opts = true;
	const char *val;
	char q[64];
	int i;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		val = NULL;
		if (opts && !strcmp(a, "--")) {
			opts = false;
		} else if (opts && (!strcmp(a, "--mode") || !strcmp(a, "-m"))) {
			if (++i == argc)
				return nat64ctl_usage(ctl, "%s needs a MODE (%s)",
						      a, nat64_mode_names);
			val = argv[i];
		} else if (opts && !strncmp(a, "--mode=", 7)) {
			val = a + 7;
		} else if (opts && a[0] == '-' && a[1]) {
			return nat64ctl_usage(ctl, "unknown option '%s'",
					      nat64_quote(a, q, sizeof(q)));
		} else if (!*name) {
			*name = a;
		} else {
			return nat64ctl_usage(ctl, "unexpected argument '%s'",
					      nat64_quote(a, q, sizeof(q)));
		}
		if (val && *mode)
			return nat64ctl_usage(ctl, "--mode given twice");
		if (val)
			*mode = val;
	}
	return NAT64CTL_OK;
}

/* add NAME --mode MODE */
static int cmd_add(struct nat64ctl *ctl, int argc, char **argv)
{
	const char *name = NULL, *mode_arg = NULL;
	enum nat64_mode mode;
	struct nat64_nl nl;
	char q[64];
	int ret;

	ret = add_args(ctl, argc, argv, &name, &mode_arg);
	if (ret)
		return ret;
	if (!name)
		return nat64ctl_usage(ctl, "missing the instance NAME");
	ret = nat64ctl_check_name(ctl, name);
	if (ret)
		return ret;
	if (!mode_arg)
		return nat64ctl_usage(ctl, "missing --mode MODE (%s)",
				      nat64_mode_names);
	if (nat64_parse_mode(mode_arg, &mode))
		return nat64ctl_usage(ctl, "unknown mode '%s'; MODE is one of %s",
				      nat64_quote(mode_arg, q, sizeof(q)),
				      nat64_mode_names);

	ret = nat64ctl_connect(ctl, &nl);
	if (ret)
		return ret;
	if (nat64_instance_add(&nl, name, mode))
		ret = nat64ctl_refused(ctl, &nl);
	nat64_nl_close(&nl);
	return ret;
}

/* del NAME */
static int cmd_del(struct nat64ctl *ctl, int argc, char **argv)
{
	struct nat64_nl nl;
	const char *name;
	int n, ret;

	ret = nat64ctl_positional(ctl, argc, argv, 1, 1, "the instance NAME",
				  &name, &n);
	if (!ret)
		ret = nat64ctl_check_name(ctl, name);
	if (!ret)
		ret = nat64ctl_connect(ctl, &nl);
	if (ret)
		return ret;
	if (nat64_instance_del(&nl, name))
		ret = nat64ctl_refused(ctl, &nl);
	nat64_nl_close(&nl);
	return ret;
}

/* show NAME */
static int cmd_show(struct nat64ctl *ctl, int argc, char **argv)
{
	struct nat64_instance_info info;
	struct nat64_nl nl;
	const char *name;
	int n, ret;

	ret = nat64ctl_positional(ctl, argc, argv, 1, 1, "the instance NAME",
				  &name, &n);
	if (!ret)
		ret = nat64ctl_check_name(ctl, name);
	if (!ret)
		ret = nat64ctl_connect(ctl, &nl);
	if (ret)
		return ret;
	if (nat64_instance_get(&nl, name, false, &info)) {
		ret = nat64ctl_refused(ctl, &nl);
	} else if (ctl->json) {
		print_json(&info);
	} else {
		print_header();
		print_line(&info);
	}
	nat64_nl_close(&nl);
	return ret;
}

/* list */
static int cmd_list(struct nat64ctl *ctl, int argc, char **argv)
{
	struct nat64_instance_list list;
	struct nat64_json j;
	struct nat64_nl nl;
	const char *none;
	int n, ret;
	size_t i;

	ret = nat64ctl_positional(ctl, argc, argv, 0, 0, "", &none, &n);
	if (!ret)
		ret = nat64ctl_connect(ctl, &nl);
	if (ret)
		return ret;
	if (nat64_instance_dump(&nl, false, &list)) {
		ret = nat64ctl_refused(ctl, &nl);
	} else if (ctl->json) {
		nat64_json_init(&j, stdout);
		nat64_json_array_begin(&j);
		for (i = 0; i < list.n; i++) {
			nat64_json_object_begin(&j);
			nat64ctl_instance_json(&j, &list.v[i]);
			nat64_json_object_end(&j);
		}
		nat64_json_array_end(&j);
		nat64_json_end(&j);
	} else {
		print_header();
		for (i = 0; i < list.n; i++)
			print_line(&list.v[i]);
	}
	nat64_instance_list_free(&list);
	nat64_nl_close(&nl);
	return ret;
}

static const struct nat64ctl_cmd cmds[] = {
	{
		.name = "add",
		.args = "NAME --mode MODE",
		.summary = "Create an instance named NAME in this network namespace.",
		.help = "  NAME  1-15 characters of A-Z a-z 0-9 _ . -, unique in the namespace\n"
			"  MODE  siit    stateless, RFC 7915 (CLAT, SIIT-DC)\n"
			"        nat64   stateful, RFC 6146 (PLAT)\n"
			"        nat46   stateful IPv4 -> IPv6\n"
			"        dslite  DS-Lite AFTR, RFC 6333\n"
			"\n"
			"A namespace holds at most 64 instances. --mode=MODE and -m MODE\n"
			"work too; put \"--\" before a NAME that starts with '-'.\n",
		.run = cmd_add,
	},
	{
		.name = "del",
		.alias = "delete",
		.args = "NAME",
		.summary = "Delete the instance NAME and all its state.",
		.run = cmd_del,
	},
	{
		.name = "list",
		.alias = "ls",
		.args = "",
		.summary = "List the instances of this network namespace.",
		.help = "Text: a header, then one line per instance: NAME MODE ID.\n"
			"JSON: an array of {\"name\", \"mode\", \"id\"}.\n",
		.run = cmd_list,
	},
	{
		.name = "show",
		.args = "NAME",
		.summary = "Show the instance NAME.",
		.help = "Text: as 'list', for one instance. JSON: one {\"name\", \"mode\", \"id\"}.\n",
		.run = cmd_show,
	},
	{ 0 }
};

const struct nat64ctl_object nat64ctl_instance = {
	.name = "instance",
	.summary = "Named translators of this network namespace, each in one mode.",
	.cmds = cmds,
	.dflt = "list",
};
