// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64ctl pba: the port blocks a nat64 instance has given to its
 * subscribers (RFC 6888 REQ-14, global port-blocks), and the event number
 * the list is current at, so that a log kept from 'nat64ctl monitor' can
 * start from it, or be checked against it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>

#include "event.h"
#include "json.h"
#include "nat64ctl.h"
#include "parse.h"

/* Room for "65535-65535". */
#define PORTS_STRLEN 12

/* A block as words. */
struct words {
	char sub[NAT64_PREFIX6_STRLEN];
	char addr[INET_ADDRSTRLEN];
	char ports[PORTS_STRLEN];
};

static void words_of(const struct nat64_pba_block *b, struct words *w)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(AF_INET6, &b->prefix6, a, sizeof(a));
	snprintf(w->sub, sizeof(w->sub), "%s/%u", a, b->plen6);
	inet_ntop(AF_INET, &b->addr4, w->addr, sizeof(w->addr));
	snprintf(w->ports, sizeof(w->ports), "%u-%u", b->port_min,
		 b->port_max);
}

static int wider(int w, const char *s)
{
	int n = strlen(s);

	return n > w ? n : w;
}

/* Columns as wide as their longest word, two spaces apart. */
static void print_text(const struct nat64_pba_list *l)
{
	int ws = strlen("SUBSCRIBER"), wa = strlen("ADDRESS");
	int wp = strlen("PORTS");
	struct words w;
	size_t i;

	for (i = 0; i < l->n; i++) {
		words_of(&l->v[i], &w);
		ws = wider(ws, w.sub);
		wa = wider(wa, w.addr);
		wp = wider(wp, w.ports);
	}
	printf("%-*s  %-*s  %-*s  %s\n", ws, "SUBSCRIBER", wa, "ADDRESS", wp,
	       "PORTS", "BINDINGS");
	for (i = 0; i < l->n; i++) {
		words_of(&l->v[i], &w);
		printf("%-*s  %-*s  %-*s  %u\n", ws, w.sub, wa, w.addr, wp,
		       w.ports, l->v[i].bindings);
	}
	printf("seq %" PRIu64 "\n", l->seq);
}

static void print_json(const char *inst, const struct nat64_pba_list *l)
{
	struct nat64_json j;
	struct words w;
	size_t i;

	nat64_json_init(&j, stdout);
	nat64_json_object_begin(&j);
	nat64_json_kv_string(&j, "instance", inst);
	nat64_json_kv_u64(&j, "seq", l->seq);
	nat64_json_key(&j, "blocks");
	nat64_json_array_begin(&j);
	for (i = 0; i < l->n; i++) {
		words_of(&l->v[i], &w);
		nat64_json_object_begin(&j);
		nat64_json_kv_string(&j, "subscriber", w.sub);
		nat64_json_kv_string(&j, "address", w.addr);
		nat64_json_kv_u64(&j, "port_min", l->v[i].port_min);
		nat64_json_kv_u64(&j, "port_max", l->v[i].port_max);
		nat64_json_kv_u64(&j, "bindings", l->v[i].bindings);
		nat64_json_object_end(&j);
	}
	nat64_json_array_end(&j);
	nat64_json_object_end(&j);
	nat64_json_end(&j);
}

/* pba list */
static int cmd_list(struct nat64ctl *ctl, int argc, char **argv)
{
	struct nat64_pba_list list = { 0 };
	const char *none, *inst;
	struct nat64_nl nl;
	int n, ret;

	ret = nat64ctl_positional(ctl, argc, argv, 0, 0, "", &none, &n);
	if (!ret)
		ret = nat64ctl_open_instance(ctl, &nl, &inst);
	if (ret)
		return ret;
	if (nat64_pba_dump(&nl, inst, &list))
		ret = nat64ctl_refused(ctl, &nl);
	else if (ctl->json)
		print_json(inst, &list);
	else
		print_text(&list);
	nat64_pba_list_free(&list);
	nat64_nl_close(&nl);
	return ret;
}

static const struct nat64ctl_cmd cmds[] = {
	{
		.name = "list",
		.alias = "ls",
		.args = "",
		.summary = "List the port blocks and the event number they are current at.",
		.help = "Text: a header, then SUBSCRIBER ADDRESS PORTS BINDINGS per block (the\n"
			"subscriber's prefix, its IPv4 address, the block MIN-MAX, the bindings\n"
			"in it), by address then port; then 'seq N': the instance's last event\n"
			"number when the list was made (0 when it holds no block), so that the\n"
			"events of 'nat64ctl monitor' after N are what changed it since.\n"
			"JSON: {\"instance\", \"seq\", \"blocks\": [{\"subscriber\", \"address\",\n"
			"\"port_min\", \"port_max\", \"bindings\"}, ...]}.\n"
			"Only for nat64 instances; empty unless the global port-blocks is on.\n",
		.run = cmd_list,
	},
	{ 0 }
};

const struct nat64ctl_object nat64ctl_pba = {
	.name = "pba",
	.summary = "The port blocks of a nat64 instance (RFC 6888, global port-blocks).",
	.cmds = cmds,
	.dflt = "list",
	.per_instance = true,
};
