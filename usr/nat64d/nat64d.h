/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * nat64d: exports the event stream of the nat64 instances (event.h) to
 * syslog and IPFIX collectors. main.c reads the stream and hands each
 * event to every output of the configuration (conf.c); syslog.c (its
 * text made by format.c) and ipfix.c are the two kinds of output. Time
 * is passed in, never read by the outputs themselves, so that the
 * benchmark can replay a simulated day in seconds.
 */
#ifndef NAT64D_H
#define NAT64D_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"

enum nd_transport {
	ND_LOCAL,	/* syslog only: the local daemon, /dev/log (or host,
			 * when it is a path: tests) */
	ND_UDP,
	ND_TCP,
};

/* Where an output sends. host is a name or a literal address. */
struct nd_dest {
	enum nd_transport transport;
	char host[256];
	char port[16];		/* a number or a service name */
};

/* --- syslog (syslog.c, format.c) -------------------------------------- */

enum nd_syslog_format {
	ND_SYSLOG_COMPACT,	/* one short line per event, as stored */
	ND_SYSLOG_RFC5424,	/* RFC 5424 with structured data */
};

struct nd_syslog_conf {
	struct nd_dest dest;
	enum nd_syslog_format format;
	int facility;		/* 0..23 (16: local0, the default) */
	int severity;		/* 0..7 (6: informational, the default) */
	char hostname[256];	/* RFC 5424 HOSTNAME; "" for gethostname() */
};

/*
 * The longest compact lines, '\n' included: a port block's and a
 * session's (the seed's stored messages), and any event's (the
 * deterministic rule's, its IPv6 range written whole): a buffer of
 * ND_COMPACT_MAX bytes holds every line.
 */
#define ND_COMPACT_PBA_MAX	62
#define ND_COMPACT_SESSION_MAX	56
#define ND_COMPACT_MAX		112

struct nd_syslog;

/* NULL with err filled on failure (a name that does not resolve...). */
struct nd_syslog *nd_syslog_alloc(const struct nd_syslog_conf *c,
				  char *err, size_t errlen);
/* 0, or -errno: the event was not delivered (and is counted). */
int nd_syslog_event(struct nd_syslog *s, const struct nat64_event_msg *ev);
/* A line that is not an event: a gap, a resynchronisation, a reload. */
int nd_syslog_note(struct nd_syslog *s, uint64_t now_ms, const char *text);
/* Reconnects a TCP collector when due. */
void nd_syslog_tick(struct nd_syslog *s, uint64_t now_ms);
void nd_syslog_free(struct nd_syslog *s);

/*
 * The compact line of an event, '\n' included, into buf: its length, or 0
 * for an event that has none (or a buf too small: ND_COMPACT_MAX is
 * enough). Time is UTC "HH:MM:SS" (the date is the log file's name).
 */
size_t nd_compact(char *buf, size_t len, const struct nat64_event_msg *ev);

/* --- IPFIX (ipfix.c) -------------------------------------------------- */

/* Template ids (RFC 8158 section 4.6), each >= 256. */
enum {
	ND_TID_SESSION = 256,	/* NAT64 session create/delete (4.6.2) */
	ND_TID_BIB,		/* NAT64 BIB create/delete (4.6.4) */
	ND_TID_PBA,		/* port block allocation (4.6.10) */
	ND_TID_PBA_RELEASE,	/* its de-allocation, keyed by the block */
	ND_TID_PORTS,		/* ports exhausted (4.6.6) */
	ND_TID_QUOTA,		/* quota exceeded (4.6.7) */
	ND_TID_ADDRS,		/* addresses exhausted (4.6.5) */
	ND_TID_THRESHOLD,	/* threshold reached: mappings (4.6.8) */
	ND_TID_SUB_THRESHOLD,	/* threshold reached: a user's mappings */
	ND_TID_ADDR_BINDING,	/* address binding create/delete (4.6.9) */
};

/* natEvent values (IANA "NAT Event Type", RFC 8158 section 4.3). */
enum {
	ND_NE_ADDRS_EXHAUSTED = 3,
	ND_NE_NAT64_SESSION_CREATE = 6,
	ND_NE_NAT64_SESSION_DELETE = 7,
	ND_NE_NAT64_BIB_CREATE = 10,
	ND_NE_NAT64_BIB_DELETE = 11,
	ND_NE_PORTS_EXHAUSTED = 12,
	ND_NE_QUOTA_EXCEEDED = 13,
	ND_NE_ADDR_BINDING_CREATE = 14,
	ND_NE_ADDR_BINDING_DELETE = 15,
	ND_NE_PBA_ALLOC = 16,
	ND_NE_PBA_RELEASE = 17,
	ND_NE_THRESHOLD = 18,
};

struct nd_ipfix_conf {
	struct nd_dest dest;		/* ND_UDP or ND_TCP */
	uint32_t domain;		/* observation domain id */
	unsigned int refresh;		/* UDP: seconds between template
					 * re-sends (default 600) */
	unsigned int flush_ms;		/* longest a record waits (1000) */
	bool full_release;		/* PBA de-allocation records carry the
					 * subscriber too (default: keyed by
					 * address and first port only) */
};

struct nd_ipfix;

struct nd_ipfix *nd_ipfix_alloc(const struct nd_ipfix_conf *c, uint64_t now_ms,
				char *err, size_t errlen);
int nd_ipfix_event(struct nd_ipfix *x, const struct nat64_event_msg *ev,
		   uint64_t now_ms);
/* Flushes what waited flush_ms, re-sends templates, reconnects. */
void nd_ipfix_tick(struct nd_ipfix *x, uint64_t now_ms);
/* Sends what waits now, whatever its age (nat64d stopping). */
void nd_ipfix_flush(struct nd_ipfix *x, uint64_t now_ms);
void nd_ipfix_free(struct nd_ipfix *x);

/* --- what each output counts, for the status file ---------------------- */

struct nd_counts {
	uint64_t sent;		/* events handed to the transport */
	uint64_t lost;		/* events that could not be */
	uint64_t bytes;		/* bytes written to the transport */
	uint64_t messages;	/* datagrams or stream writes */
	uint64_t reconnects;	/* TCP connections made after the first */
};

void nd_syslog_counts(const struct nd_syslog *s, struct nd_counts *c);
void nd_ipfix_counts(const struct nd_ipfix *x, struct nd_counts *c);

#endif /* NAT64D_H */
