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

/* A framework's name for output: "iptables", or "framework<N>". */
static const char *framework_str(unsigned int fw, char buf[24])
{
	const char *s = nat64_framework_name(fw);

	if (s)
		return s;
	snprintf(buf, 24, "framework%u", fw);
	return buf;
}

void nat64ctl_instance_json(struct nat64_json *j,
			    const struct nat64_instance_info *info)
{
	char buf[24];

	nat64_json_kv_string(j, "name", info->name);
	nat64_json_kv_string(j, "mode", nat64ctl_mode_str(info->mode, buf));
	if (info->has_id)
		nat64_json_kv_u64(j, "id", info->id);
	if (info->has_framework)
		nat64_json_kv_string(j, "framework",
				     framework_str(info->framework, buf));
}

static void print_header(void)
{
	printf("%-15s %-7s %-5s %s\n", "NAME", "MODE", "ID", "FRAMEWORK");
}

static void print_line(const struct nat64_instance_info *info)
{
	char buf[24];

	printf("%-15s %-7s ", info->name, nat64ctl_mode_str(info->mode, buf));
	if (info->has_id)
		printf("%-5u ", info->id);
	else
		printf("%-5s ", "-");
	printf("%s\n", info->has_framework ?
	       framework_str(info->framework, buf) : "-");
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

/* The options of add: each at most once. */
struct add_opts {
	const char *name;
	const char *mode;	/* --mode MODE, --mode=MODE, -m MODE */
	const char *framework;	/* --framework FRAMEWORK, --framework=... */
};

/*
 * Whether a is the option long (or its short form, when not NULL): its
 * value, from "--long=VALUE" or the next argument, goes into *val.
 * Returns 1 when a is that option, 0 when it is not, or a usage error.
 */
static int add_opt(const struct nat64ctl *ctl, int argc, char **argv, int *i,
		   const char *long_opt, const char *short_opt,
		   const char *meta, const char *names, const char **val)
{
	const char *a = argv[*i];
	size_t n = strlen(long_opt);
	const char *v;

	if (!strcmp(a, long_opt) || (short_opt && !strcmp(a, short_opt))) {
		if (++*i == argc)
			return nat64ctl_usage(ctl, "%s needs a %s (%s)", a, meta,
					      names);
		v = argv[*i];
	} else if (!strncmp(a, long_opt, n) && a[n] == '=') {
		v = a + n + 1;
	} else {
		return 0;
	}
	if (*val)
		return nat64ctl_usage(ctl, "%s given twice", long_opt);
	*val = v;
	return 1;
}

/* NAME, --mode MODE and --framework FRAMEWORK, in any order. */
static int add_args(const struct nat64ctl *ctl, int argc, char **argv,
		    struct add_opts *o)
{
	bool opts = true;
	char q[64];
	int i, r;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (opts && !strcmp(a, "--")) {
			opts = false;
			continue;
		}
		if (opts) {
			r = add_opt(ctl, argc, argv, &i, "--mode", "-m",
				    "MODE", nat64_mode_names, &o->mode);
			if (!r)
				r = add_opt(ctl, argc, argv, &i, "--framework",
					    NULL, "FRAMEWORK", nat64_framework_names,
					    &o->framework);
			if (r == 1)
				continue;
			if (r)
				return r;
		}
		if (opts && a[0] == '-' && a[1])
			return nat64ctl_usage(ctl, "unknown option '%s'",
					      nat64_quote(a, q, sizeof(q)));
		if (o->name)
			return nat64ctl_usage(ctl, "unexpected argument '%s'",
					      nat64_quote(a, q, sizeof(q)));
		o->name = a;
	}
	return NAT64CTL_OK;
}

/* add NAME --mode MODE [--framework FRAMEWORK] */
static int cmd_add(struct nat64ctl *ctl, int argc, char **argv)
{
	enum nat64_framework fw = NAT64_FW_NETFILTER;
	struct add_opts o = { 0 };
	enum nat64_mode mode;
	struct nat64_nl nl;
	char q[64];
	int ret;

	ret = add_args(ctl, argc, argv, &o);
	if (ret)
		return ret;
	if (!o.name)
		return nat64ctl_usage(ctl, "missing the instance NAME");
	ret = nat64ctl_check_name(ctl, o.name);
	if (ret)
		return ret;
	if (!o.mode)
		return nat64ctl_usage(ctl, "missing --mode MODE (%s)",
				      nat64_mode_names);
	if (nat64_parse_mode(o.mode, &mode))
		return nat64ctl_usage(ctl, "unknown mode '%s'; MODE is one of %s",
				      nat64_quote(o.mode, q, sizeof(q)),
				      nat64_mode_names);
	if (o.framework && nat64_parse_framework(o.framework, &fw))
		return nat64ctl_usage(ctl, "unknown framework '%s'; FRAMEWORK is one of %s",
				      nat64_quote(o.framework, q, sizeof(q)),
				      nat64_framework_names);

	ret = nat64ctl_connect(ctl, &nl);
	if (ret)
		return ret;
	if (nat64_instance_add(&nl, o.name, mode, fw))
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
		.args = "NAME --mode MODE [--framework FRAMEWORK]",
		.summary = "Create an instance named NAME in this network namespace.",
		.help = "  NAME       1-15 characters of A-Z a-z 0-9 _ . -, unique in the namespace\n"
			"  MODE       siit    stateless, RFC 7915 (CLAT, SIIT-DC)\n"
			"             nat64   stateful, RFC 6146 (PLAT)\n"
			"             nat46   stateful IPv4 -> IPv6\n"
			"             dslite  DS-Lite AFTR, RFC 6333\n"
			"  FRAMEWORK  netfilter  its own PREROUTING hooks take every packet (default)\n"
			"             iptables   only the packets that mangle PREROUTING rules\n"
			"                        send with -j NAT64 --instance NAME\n"
			"\n"
			"A namespace holds at most 64 instances. --mode=MODE, -m MODE and\n"
			"--framework=FRAMEWORK work too; put \"--\" before a NAME that\n"
			"starts with '-'.\n",
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
		.help = "Text: a header, then one line per instance: NAME MODE ID FRAMEWORK.\n"
			"JSON: an array of {\"name\", \"mode\", \"id\", \"framework\"}.\n",
		.run = cmd_list,
	},
	{
		.name = "show",
		.args = "NAME",
		.summary = "Show the instance NAME.",
		.help = "Text: as 'list', for one instance.\n"
			"JSON: one {\"name\", \"mode\", \"id\", \"framework\"}.\n",
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
