// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64ctl stats: the counters of one instance or of all.
 */
#include <inttypes.h>
#include <stdio.h>

#include "instance.h"
#include "json.h"
#include "nat64ctl.h"
#include "stats.h"

static void print_text(const struct nat64_instance_info *info)
{
	char buf[NAT64_STAT_NAMSIZ];
	unsigned int i;

	for (i = 0; i < info->n_counters; i++)
		printf("%-15s %-12s %" PRIu64 "\n", info->name,
		       nat64_stat_name(info->counters[i].id, buf),
		       info->counters[i].value);
}

static void print_json(struct nat64_json *j,
		       const struct nat64_instance_info *info)
{
	char buf[NAT64_STAT_NAMSIZ];
	unsigned int i;

	nat64_json_object_begin(j);
	nat64ctl_instance_json(j, info);
	nat64_json_key(j, "stats");
	nat64_json_object_begin(j);
	for (i = 0; i < info->n_counters; i++)
		nat64_json_kv_u64(j, nat64_stat_name(info->counters[i].id, buf),
				  info->counters[i].value);
	nat64_json_object_end(j);
	nat64_json_object_end(j);
}

static int show_one(struct nat64ctl *ctl, struct nat64_nl *nl,
		    const char *name)
{
	struct nat64_instance_info info;
	struct nat64_json j;

	if (nat64_instance_get(nl, name, true, &info))
		return nat64ctl_refused(ctl, nl);
	if (ctl->json) {
		nat64_json_init(&j, stdout);
		print_json(&j, &info);
		nat64_json_end(&j);
	} else {
		print_text(&info);
	}
	return NAT64CTL_OK;
}

static int show_all(struct nat64ctl *ctl, struct nat64_nl *nl)
{
	struct nat64_instance_list list;
	struct nat64_json j;
	int ret = NAT64CTL_OK;
	size_t i;

	if (nat64_instance_dump(nl, true, &list)) {
		ret = nat64ctl_refused(ctl, nl);
	} else if (ctl->json) {
		nat64_json_init(&j, stdout);
		nat64_json_array_begin(&j);
		for (i = 0; i < list.n; i++)
			print_json(&j, &list.v[i]);
		nat64_json_array_end(&j);
		nat64_json_end(&j);
	} else {
		for (i = 0; i < list.n; i++)
			print_text(&list.v[i]);
	}
	nat64_instance_list_free(&list);
	return ret;
}

/* stats [show] [NAME] */
static int cmd_show(struct nat64ctl *ctl, int argc, char **argv)
{
	struct nat64_nl nl;
	const char *name;
	int n, ret;

	ret = nat64ctl_positional(ctl, argc, argv, 0, 1, "", &name, &n);
	if (!ret && n)
		ret = nat64ctl_check_name(ctl, name);
	if (!ret)
		ret = nat64ctl_connect(ctl, &nl);
	if (ret)
		return ret;
	ret = n ? show_one(ctl, &nl, name) : show_all(ctl, &nl);
	nat64_nl_close(&nl);
	return ret;
}

static const struct nat64ctl_cmd cmds[] = {
	{
		.name = "show",
		.args = "[NAME]",
		.summary = "Print the counters of the instance NAME, or of every instance.",
		.help = "Text: one line per counter: NAME COUNTER VALUE.\n"
			"JSON: {\"name\", \"mode\", \"id\", \"stats\": {COUNTER: VALUE, ...}} for\n"
			"one instance, an array of them for all.\n"
			"Counters: rx6 rx4 tx6 tx4 pass6 pass4 drop_nomem; a counter that\n"
			"this nat64ctl does not know yet prints as stat<ID>.\n",
		.run = cmd_show,
	},
	{ 0 }
};

const struct nat64ctl_object nat64ctl_stats = {
	.name = "stats",
	.summary = "Per-instance counters ('show' may be left out).",
	.cmds = cmds,
	.dflt = "show",
	.implicit = true,
};
