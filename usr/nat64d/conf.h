/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nat64d's configuration file (docs/nat64d.conf.5): one directive a line,
 * '#' to the end of a line is a comment.
 *
 *	instance NAME
 *	rcvbuf BYTES
 *	status PATH
 *	resync on|off
 *	det-relog SECONDS
 *	syslog local|udp HOST[:PORT]|tcp HOST[:PORT] [format compact|rfc5424]
 *		[facility NAME] [severity NAME] [hostname NAME]
 *	ipfix udp|tcp HOST[:PORT] [domain N] [refresh SECONDS]
 *		[flush-ms MS] [release short|full]
 */
#ifndef NAT64D_CONF_H
#define NAT64D_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "nat64d.h"

#define ND_OUTPUTS_MAX	16
#define ND_INSTANCES_MAX	16
#define ND_DET_RELOG_MAX	604800	/* a week */

struct nd_output_conf {
	bool ipfix;		/* else syslog */
	union {
		struct nd_syslog_conf sl;
		struct nd_ipfix_conf ix;
	};
	unsigned int line;	/* where it was written, for messages */
};

struct nd_conf {
	char instances[ND_INSTANCES_MAX][NAT64_INSTANCE_NAMSIZ];
	size_t ninstances;	/* 0: every instance */
	int rcvbuf;		/* bytes (default 4 MiB) */
	char status[256];	/* "" for none */
	bool resync;		/* dump the port blocks after a gap (on) */
	unsigned int det_relog;	/* seconds between two records of each
				 * deterministic rule (86400); 0: never */
	struct nd_output_conf out[ND_OUTPUTS_MAX];
	size_t nout;
};

/*
 * Reads the file at path into c. 0, or -1 with err set to one line:
 * "FILE:LINE: what is wrong". A file with no output is an error.
 */
int nd_conf_load(const char *path, struct nd_conf *c, char *err, size_t len);

/* Whether the configuration asks for the events of this instance. */
bool nd_conf_wants(const struct nd_conf *c, const char *instance);

/* "ipfix udp 192.0.2.9:4739", for messages and the status file. */
void nd_output_name(const struct nd_output_conf *o, char *buf, size_t len);

#endif /* NAT64D_CONF_H */
