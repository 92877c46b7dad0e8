/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nat64ctl: the objects and their commands, and what they share.
 *
 * main.c finds the object and the command in the tables below, takes the
 * options every command has (-j, -h, and -i for per-instance objects) out
 * of the arguments, and runs the command with what is left: positional
 * arguments and the command's own options. A command returns the process
 * exit status.
 */
#ifndef NAT64CTL_H
#define NAT64CTL_H

#include <stdbool.h>

#include "nl.h"

/* Exit statuses. */
#define NAT64CTL_OK		0
#define NAT64CTL_REFUSED	1	/* the kernel (or the system) said no */
#define NAT64CTL_USAGE		2	/* nothing was sent */

struct nat64ctl {
	bool json;
	const char *instance;	/* -i NAME (checked), or NULL */
	const char *what;	/* "instance add": the prefix of messages */
	const struct nat64ctl_object *obj;
	const struct nat64ctl_cmd *cmd;
};

struct nat64ctl_cmd {
	const char *name;
	const char *alias;	/* or NULL */
	const char *args;	/* synopsis after the name: "NAME --mode MODE" */
	const char *summary;	/* one line */
	const char *help;	/* more lines, or NULL */
	int (*run)(struct nat64ctl *ctl, int argc, char **argv);
};

struct nat64ctl_object {
	const char *name;
	const char *summary;
	const struct nat64ctl_cmd *cmds;	/* ends with a NULL name */
	const char *dflt;	/* the command run when none is given */
	bool implicit;		/* an unknown first word is dflt's argument */
	bool per_instance;	/* belongs to one instance: takes -i NAME */
};

extern const struct nat64ctl_object nat64ctl_instance;
extern const struct nat64ctl_object nat64ctl_stats;
extern const struct nat64ctl_object nat64ctl_prefix;
extern const struct nat64ctl_object nat64ctl_eam;
extern const struct nat64ctl_object nat64ctl_global;
extern const struct nat64ctl_object nat64ctl_denylist;
extern const struct nat64ctl_object nat64ctl_pool6791;
extern const struct nat64ctl_object nat64ctl_pool4;
extern const struct nat64ctl_object nat64ctl_bib;
extern const struct nat64ctl_object nat64ctl_session;
extern const struct nat64ctl_object nat64ctl_det;
extern const struct nat64ctl_object nat64ctl_pba;
extern const struct nat64ctl_object nat64ctl_monitor;

/* One line on stderr: "nat64ctl: WHAT: ... (see ...)"; returns 2. */
int nat64ctl_usage(const struct nat64ctl *ctl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One line on stderr from nl->errmsg; returns 1. */
int nat64ctl_refused(const struct nat64ctl *ctl, const struct nat64_nl *nl);

/* Opens the session, or says why not; 0 or 1. */
int nat64ctl_connect(const struct nat64ctl *ctl, struct nat64_nl *nl);

/*
 * An IPv4 prefix argument, ADDR or ADDR/LEN (/32 when left out), or a
 * usage error (returns 2).
 */
struct in_addr;
int nat64ctl_parse_prefix4(const struct nat64ctl *ctl, const char *s,
			   struct in_addr *addr, uint8_t *len);

/* A valid instance name, or a usage error (returns 2). */
int nat64ctl_check_name(const struct nat64ctl *ctl, const char *name);

/*
 * The instance a per-instance command acts on, over an open session: the
 * one -i named, else the only instance of the namespace (one dump). When
 * the namespace has none, says so and returns 1; when it has several, asks
 * for --instance NAME and returns 2 (nothing was changed). 0 and *name set
 * (valid until the next call) on success.
 */
int nat64ctl_instance_pick(const struct nat64ctl *ctl, struct nat64_nl *nl,
			   const char **name);

/*
 * nat64ctl_connect() then nat64ctl_instance_pick(): 0 with the session
 * open and *name set, or the status with the session closed.
 */
int nat64ctl_open_instance(const struct nat64ctl *ctl, struct nat64_nl *nl,
			   const char **name);

/*
 * The positional arguments of a command without options of its own: at
 * least min, at most max, into out[]; "--" ends options. On success, 0 and
 * *n set; else a usage error (2) is printed and returned. missing names
 * the first argument for the message when there are fewer than min.
 */
int nat64ctl_positional(const struct nat64ctl *ctl, int argc, char **argv,
			int min, int max, const char *missing,
			const char **out, int *n);

/* An instance's "name", "mode" and "id" members, inside an open object. */
struct nat64_json;
struct nat64_instance_info;
void nat64ctl_instance_json(struct nat64_json *j,
			    const struct nat64_instance_info *info);

/* A mode's name for output: "siit", or "mode<N>" for one we do not know. */
const char *nat64ctl_mode_str(unsigned int mode, char buf[16]);

#endif /* NAT64CTL_H */
