// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64ctl: configure the nat64 translator of this network namespace.
 *
 *	nat64ctl [-j] [-i NAME] OBJECT [COMMAND] [ARGUMENTS]
 *	nat64ctl help [OBJECT [COMMAND]]
 *
 * The objects and their commands are tables (nat64ctl.h); this file finds
 * the entry, handles the options every command takes, picks the instance
 * of per-instance objects, and prints help.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instance.h"
#include "nat64ctl.h"
#include "parse.h"

#ifndef NAT64_VERSION
#define NAT64_VERSION "unknown"
#endif

static const struct nat64ctl_object *const objects[] = {
	&nat64ctl_instance,
	&nat64ctl_stats,
	&nat64ctl_prefix,
	&nat64ctl_eam,
	&nat64ctl_global,
	&nat64ctl_denylist,
	&nat64ctl_pool6791,
	&nat64ctl_pool4,
	&nat64ctl_bib,
	&nat64ctl_session,
	&nat64ctl_det,
	&nat64ctl_pba,
	&nat64ctl_monitor,
	NULL,
};

int nat64ctl_usage(const struct nat64ctl *ctl, const char *fmt, ...)
{
	va_list ap;

	fputs("nat64ctl: ", stderr);
	if (ctl->what)
		fprintf(stderr, "%s: ", ctl->what);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'nat64ctl %s%s--help')\n",
		ctl->what ? ctl->what : "", ctl->what ? " " : "");
	return NAT64CTL_USAGE;
}

int nat64ctl_refused(const struct nat64ctl *ctl, const struct nat64_nl *nl)
{
	fprintf(stderr, "nat64ctl: %s: %s\n", ctl->what, nl->errmsg);
	return NAT64CTL_REFUSED;
}

int nat64ctl_connect(const struct nat64ctl *ctl, struct nat64_nl *nl)
{
	if (nat64_nl_open(nl))
		return nat64ctl_refused(ctl, nl);
	return NAT64CTL_OK;
}

int nat64ctl_parse_prefix4(const struct nat64ctl *ctl, const char *s,
			   struct in_addr *addr, uint8_t *plen)
{
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	unsigned long long len = 32;
	char buf[INET_ADDRSTRLEN], q[64];

	nat64_quote(s, q, sizeof(q));
	if (n >= sizeof(buf))
		return nat64ctl_usage(ctl, "invalid prefix '%s': not an IPv4 ADDR or ADDR/LEN", q);
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (nat64_parse_ipv4(buf, addr, NULL, 0))
		return nat64ctl_usage(ctl, "invalid prefix '%s': not an IPv4 ADDR or ADDR/LEN", q);
	if (slash && nat64_parse_uint(slash + 1, 0, 32, &len))
		return nat64ctl_usage(ctl, "invalid prefix '%s': LEN must be 0-32", q);
	*plen = len;
	return NAT64CTL_OK;
}

int nat64ctl_check_name(const struct nat64ctl *ctl, const char *name)
{
	char why[64], q[4 * NAT64_INSTANCE_NAMSIZ + 8];

	if (nat64_parse_name(name, why, sizeof(why)))
		return NAT64CTL_OK;
	/* Long names are cut: the message stays one readable line. */
	return nat64ctl_usage(ctl, "invalid instance name '%s': %s; %s",
			      nat64_quote(name, q, sizeof(q)), why,
			      NAT64_NAME_RULE);
}

/* "a, b, c" (the first few names of list), for a message. */
static const char *some_names(const struct nat64_instance_list *list,
			      char *buf, size_t len)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < list->n && i < 4 && o < len; i++)
		o += snprintf(buf + o, len - o, "%s%s", i ? ", " : "",
			      list->v[i].name);
	if (i < list->n && o < len)
		snprintf(buf + o, len - o, ", ...");
	return buf;
}

int nat64ctl_instance_pick(const struct nat64ctl *ctl, struct nat64_nl *nl,
			   const char **name)
{
	static char only[NAT64_INSTANCE_NAMSIZ];
	struct nat64_instance_list list;
	char names[96];
	int ret = NAT64CTL_OK;

	if (ctl->instance) {
		*name = ctl->instance;
		return NAT64CTL_OK;
	}
	if (nat64_instance_dump(nl, false, &list))
		return nat64ctl_refused(ctl, nl);
	if (list.n == 1) {
		snprintf(only, sizeof(only), "%s", list.v[0].name);
		*name = only;
	} else if (list.n == 0) {
		fprintf(stderr, "nat64ctl: %s: no instance in this network namespace; create one with 'nat64ctl instance add NAME --mode MODE'\n",
			ctl->what);
		ret = NAT64CTL_REFUSED;
	} else {
		ret = nat64ctl_usage(ctl, "%zu instances in this network namespace (%s); say which with --instance NAME",
				     list.n, some_names(&list, names, sizeof(names)));
	}
	nat64_instance_list_free(&list);
	return ret;
}

int nat64ctl_open_instance(const struct nat64ctl *ctl, struct nat64_nl *nl,
			   const char **name)
{
	int ret = nat64ctl_connect(ctl, nl);

	if (ret)
		return ret;
	ret = nat64ctl_instance_pick(ctl, nl, name);
	if (ret)
		nat64_nl_close(nl);
	return ret;
}

int nat64ctl_positional(const struct nat64ctl *ctl, int argc, char **argv,
			int min, int max, const char *missing,
			const char **out, int *n)
{
	bool opts = true;
	char q[64];
	int i;

	*n = 0;
	for (i = 0; i < argc; i++) {
		if (opts && !strcmp(argv[i], "--")) {
			opts = false;
			continue;
		}
		if (opts && argv[i][0] == '-' && argv[i][1])
			return nat64ctl_usage(ctl, "unknown option '%s'",
					      nat64_quote(argv[i], q, sizeof(q)));
		if (*n == max)
			return nat64ctl_usage(ctl, "unexpected argument '%s'",
					      nat64_quote(argv[i], q, sizeof(q)));
		out[(*n)++] = argv[i];
	}
	if (*n < min)
		return nat64ctl_usage(ctl, "missing %s", missing);
	return NAT64CTL_OK;
}

const char *nat64ctl_mode_str(unsigned int mode, char buf[16])
{
	const char *s = nat64_mode_name(mode);

	if (s)
		return s;
	snprintf(buf, 16, "mode%u", mode);
	return buf;
}

/*
 * "nat64ctl stats [show] [NAME]": a command that may be left out is
 * optional; "nat64ctl [-i NAME] prefix ...": so is the instance.
 */
static void synopsis(const char *lead, const struct nat64ctl_object *o,
		     const struct nat64ctl_cmd *c)
{
	bool optional = o->implicit && o->dflt && !strcmp(o->dflt, c->name);

	printf("%s %s%s %s%s%s%s%s\n", lead,
	       o->per_instance ? "[-i NAME] " : "", o->name,
	       optional ? "[" : "", c->name, optional ? "]" : "",
	       *c->args ? " " : "", c->args);
}

static void help_all(void)
{
	const struct nat64ctl_object *const *o;
	const struct nat64ctl_cmd *c;

	printf("Usage: nat64ctl [OPTIONS] OBJECT [COMMAND] [ARGUMENTS]\n"
	       "       nat64ctl help [OBJECT [COMMAND]]\n"
	       "\n"
	       "Configure the nat64 translator of this network namespace.\n"
	       "\n"
	       "Options:\n"
	       "  -j, --json           print JSON instead of text\n"
	       "  -i, --instance NAME  the instance of a per-instance object (prefix, eam,\n"
	       "                       global, denylist, pool6791, pool4, bib, session,\n"
	       "                       det, pba);\n"
	       "                       may be left out when the namespace has only one\n"
	       "  -h, --help           print help (of the object or command before it)\n"
	       "  -V, --version        print the version\n"
	       "\n"
	       "Commands:\n");
	for (o = objects; *o; o++)
		for (c = (*o)->cmds; c->name; c++)
			synopsis("  nat64ctl", *o, c);
	printf("\n"
	       "  NAME   := 1-15 characters of A-Z a-z 0-9 _ . -\n"
	       "  MODE   := %s\n"
	       "  PREFIX := ADDR/LEN, an RFC 6052 prefix, LEN 32, 40, 48, 56, 64 or 96\n"
	       "  PROTO  := tcp|udp|icmp (pool4, bib, session: nat64 instances)\n"
	       "\n"
	       "Exit status: 0 done, 1 refused (by the kernel or the system),\n"
	       "2 usage error (nothing was sent). See nat64ctl(8).\n",
	       nat64_mode_names);
}

static void help_object(const struct nat64ctl_object *o)
{
	const struct nat64ctl_cmd *c;

	printf("Usage:\n");
	for (c = o->cmds; c->name; c++)
		synopsis("  nat64ctl", o, c);
	printf("\n%s\n", o->summary);
	if (o->dflt)
		printf("Without a command: %s.\n", o->dflt);
	printf("\n");
	for (c = o->cmds; c->name; c++)
		printf("  %-10s %s\n", c->name, c->summary);
	printf("\nSee 'nat64ctl %s COMMAND --help' and nat64ctl(8).\n",
	       o->name);
}

static void help_cmd(const struct nat64ctl_object *o,
		     const struct nat64ctl_cmd *c)
{
	synopsis("Usage: nat64ctl", o, c);
	if (c->alias)
		printf("       nat64ctl %s %s ...\n", o->name, c->alias);
	printf("\n%s\n", c->summary);
	if (c->help)
		printf("\n%s", c->help);
	printf("\nOptions:\n"
	       "  -j, --json           print JSON instead of text\n");
	if (o->per_instance)
		printf("  -i, --instance NAME  the instance; may be left out when the\n"
		       "                       namespace has only one\n");
	printf("  -h, --help           print this help\n");
}

static const struct nat64ctl_object *find_object(const char *name)
{
	const struct nat64ctl_object *const *o;

	for (o = objects; *o; o++)
		if (!strcmp(name, (*o)->name))
			return *o;
	return NULL;
}

static const struct nat64ctl_cmd *find_cmd(const struct nat64ctl_object *o,
					   const char *name)
{
	const struct nat64ctl_cmd *c;

	for (c = o->cmds; c->name; c++)
		if (!strcmp(name, c->name) || (c->alias && !strcmp(name, c->alias)))
			return c;
	return NULL;
}

static bool is_help(const char *s)
{
	return !strcmp(s, "-h") || !strcmp(s, "--help");
}

static bool is_json(const char *s)
{
	return !strcmp(s, "-j") || !strcmp(s, "--json");
}

/* The help of o, or of its command argv[0]. */
static int help_in(struct nat64ctl *ctl, const struct nat64ctl_object *o,
		   int argc, char **argv)
{
	const struct nat64ctl_cmd *c;
	char q[64];

	if (argc == 0) {
		help_object(o);
		return NAT64CTL_OK;
	}
	c = find_cmd(o, argv[0]);
	if (!c || argc > 1)
		return nat64ctl_usage(ctl, "unknown command '%s %s'", o->name,
				      nat64_quote(argv[0], q, sizeof(q)));
	help_cmd(o, c);
	return NAT64CTL_OK;
}

/* nat64ctl help [OBJECT [COMMAND]] */
static int help(struct nat64ctl *ctl, int argc, char **argv)
{
	const struct nat64ctl_object *o;
	char q[64];

	ctl->what = NULL;
	if (argc == 0) {
		help_all();
		return NAT64CTL_OK;
	}
	o = find_object(argv[0]);
	if (!o)
		return nat64ctl_usage(ctl, "unknown object '%s'",
				      nat64_quote(argv[0], q, sizeof(q)));
	return help_in(ctl, o, argc - 1, argv + 1);
}

/*
 * -i NAME, --instance NAME or --instance=NAME at argv[*i] (*i moves past
 * NAME): 1 if taken, 0 if argv[*i] is something else, -1 after a usage
 * error. The name is checked later, once the object is known.
 */
static int instance_option(struct nat64ctl *ctl, int argc, char **argv,
			   int *i)
{
	const char *a = argv[*i], *val;

	if (!strncmp(a, "--instance=", 11)) {
		val = a + 11;
	} else if (!strcmp(a, "-i") || !strcmp(a, "--instance")) {
		if (*i + 1 == argc) {
			nat64ctl_usage(ctl, "%s needs an instance NAME", a);
			return -1;
		}
		val = argv[++*i];
	} else {
		return 0;
	}
	if (ctl->instance && strcmp(ctl->instance, val)) {
		nat64ctl_usage(ctl, "--instance given twice");
		return -1;
	}
	ctl->instance = val;
	return 1;
}

/*
 * Takes -j, -h and -i out of argv (up to a "--", which stays for the
 * command). Returns the new argc, or -1 after a usage error; *want_help is
 * set when -h was there.
 */
static int common_options(struct nat64ctl *ctl, int argc, char **argv,
			  bool *want_help)
{
	int i, n = 0, taken;
	bool rest = false;

	for (i = 0; i < argc; i++) {
		if (!rest && !strcmp(argv[i], "--"))
			rest = true;
		taken = rest ? 0 : instance_option(ctl, argc, argv, &i);
		if (taken < 0)
			return -1;
		if (taken)
			continue;
		if (!rest && is_json(argv[i]))
			ctl->json = true;
		else if (!rest && is_help(argv[i]))
			*want_help = true;
		else
			argv[n++] = argv[i];
	}
	return n;
}

/* -i only makes sense for per-instance objects, and only with a valid NAME. */
static int check_instance_option(const struct nat64ctl *ctl,
				 const struct nat64ctl_object *o)
{
	if (!ctl->instance)
		return NAT64CTL_OK;
	if (!o->per_instance)
		return nat64ctl_usage(ctl, "--instance is for per-instance objects (prefix, eam), not '%s'",
				      o->name);
	return nat64ctl_check_name(ctl, ctl->instance);
}

/* The command named by (*argv)[0], if any: taken out of the arguments. */
static const struct nat64ctl_cmd *take_cmd(struct nat64ctl *ctl,
					   const struct nat64ctl_object *o,
					   int *argc, char ***argv)
{
	static char what[64];
	const struct nat64ctl_cmd *c;

	if (*argc == 0)
		return NULL;
	c = find_cmd(o, (*argv)[0]);
	if (!c)
		return NULL;
	(*argc)--;
	(*argv)++;
	snprintf(what, sizeof(what), "%s %s", o->name, c->name);
	ctl->what = what;
	return c;
}

static int run_object(struct nat64ctl *ctl, const struct nat64ctl_object *o,
		      int argc, char **argv)
{
	const struct nat64ctl_cmd *c;
	bool want_help = false;
	char q[64];
	int ret;

	ctl->obj = o;
	ctl->what = o->name;
	if (argc > 0 && !strcmp(argv[0], "help")) {
		ctl->what = NULL;
		return help_in(ctl, o, argc - 1, argv + 1);
	}
	c = take_cmd(ctl, o, &argc, &argv);
	argc = common_options(ctl, argc, argv, &want_help);
	if (argc < 0)
		return NAT64CTL_USAGE;
	/* Options may come between the object and the command, too. */
	if (!c)
		c = take_cmd(ctl, o, &argc, &argv);
	if (want_help) {
		if (c)
			help_cmd(o, c);
		else
			help_object(o);
		return NAT64CTL_OK;
	}
	ret = check_instance_option(ctl, o);
	if (ret)
		return ret;
	if (!c) {
		if (argc > 0 && !o->implicit)
			return nat64ctl_usage(ctl, "unknown %s '%s'",
					      argv[0][0] == '-' ? "option" : "command",
					      nat64_quote(argv[0], q, sizeof(q)));
		if (!o->dflt)
			return nat64ctl_usage(ctl, "no command given");
		c = find_cmd(o, o->dflt);
	}
	ctl->cmd = c;
	return c->run(ctl, argc, argv);
}

int main(int argc, char **argv)
{
	struct nat64ctl ctl = { 0 };
	const struct nat64ctl_object *o;
	char q[64];
	int i, ret;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		ret = instance_option(&ctl, argc, argv, &i);
		if (ret < 0)
			return NAT64CTL_USAGE;
		if (ret)
			continue;
		if (is_json(argv[i])) {
			ctl.json = true;
		} else if (is_help(argv[i])) {
			help_all();
			return NAT64CTL_OK;
		} else if (!strcmp(argv[i], "-V") || !strcmp(argv[i], "--version")) {
			printf("nat64ctl %s (netlink family %s, version %d)\n",
			       NAT64_VERSION, NAT64_GENL_NAME, NAT64_GENL_VERSION);
			return NAT64CTL_OK;
		} else {
			return nat64ctl_usage(&ctl, "unknown option '%s'",
					      nat64_quote(argv[i], q, sizeof(q)));
		}
	}
	if (i == argc)
		return nat64ctl_usage(&ctl, "no object given");
	if (!strcmp(argv[i], "help")) {
		ret = help(&ctl, argc - i - 1, argv + i + 1);
	} else {
		o = find_object(argv[i]);
		if (!o)
			return nat64ctl_usage(&ctl, "unknown object '%s'",
					      nat64_quote(argv[i], q, sizeof(q)));
		ret = run_object(&ctl, o, argc - i - 1, argv + i + 1);
	}
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "nat64ctl: cannot write the output: %s\n",
			strerror(errno));
		return NAT64CTL_REFUSED;
	}
	return ret;
}
