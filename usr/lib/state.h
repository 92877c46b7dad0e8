/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Requests about the state of a nat64 instance (RFC 6146) over a netlink
 * session (nl.h): pool4 (NAT64_CMD_POOL4_*), static BIB entries and the
 * BIBs (NAT64_CMD_BIB_*), the sessions (NAT64_CMD_SESSION_GET), the
 * deterministic NAT rule (NAT64_CMD_DET_*), and the names of protocols and
 * TCP states as the tools print them.
 *
 * Ports are in host order, addresses in network order (struct in_addr,
 * struct in6_addr). An ICMP "port" is the query's identifier.
 */
#ifndef NAT64_STATE_H
#define NAT64_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>

#include "det.h"	/* ../src: struct nat64_det, the formula of RFC 7422 */
#include "nl.h"

/* A pool4 entry; in a request, proto 0 means TCP, UDP and ICMP. */
struct nat64_pool4_entry {
	struct in_addr addr;
	uint8_t plen;
	uint8_t proto;
	bool range;		/* request: min and max given (else defaults) */
	uint16_t min, max;
};

struct nat64_pool4_list {
	struct nat64_pool4_entry *v;
	size_t n, cap;
};

/*
 * -EINVAL (host bits, min > max, not a nat64 instance), -EEXIST (overlap),
 * -ENOSPC, -ENOENT (instance, or del: no such entry).
 */
int nat64_pool4_add(struct nat64_nl *nl, const char *instance,
		    const struct nat64_pool4_entry *p);
int nat64_pool4_del(struct nat64_nl *nl, const char *instance,
		    const struct nat64_pool4_entry *p);
int nat64_pool4_flush(struct nat64_nl *nl, const char *instance);
int nat64_pool4_dump(struct nat64_nl *nl, const char *instance,
		     struct nat64_pool4_list *out);
void nat64_pool4_list_free(struct nat64_pool4_list *list);

struct nat64_bib_entry {
	uint8_t proto;
	struct in6_addr addr6;	/* X' */
	uint16_t port6;		/* x */
	struct in_addr addr4;	/* T */
	uint16_t port4;		/* t */
	bool is_static;
	uint32_t sessions;
};

struct nat64_bib_list {
	struct nat64_bib_entry *v;
	size_t n, cap;
};

/* A static entry; -EEXIST when either side is bound already. */
int nat64_bib_add(struct nat64_nl *nl, const char *instance,
		  const struct nat64_bib_entry *b);
/* The static entry of that IPv4 side (proto, addr4, port4 of b). */
int nat64_bib_del(struct nat64_nl *nl, const char *instance,
		  const struct nat64_bib_entry *b);
/* Every entry, or those of proto (0: all). */
int nat64_bib_dump(struct nat64_nl *nl, const char *instance, uint8_t proto,
		   struct nat64_bib_list *out);
void nat64_bib_list_free(struct nat64_bib_list *list);

struct nat64_session_entry {
	uint8_t proto;
	bool has_state;		/* TCP: tcp_state was sent */
	uint8_t tcp_state;
	struct in6_addr addr6;	/* X' */
	uint16_t port6;		/* x */
	struct in6_addr remote6;	/* Y' */
	uint16_t remote_port6;	/* y */
	struct in_addr addr4;	/* T */
	uint16_t port4;		/* t */
	struct in_addr remote4;	/* Z */
	uint16_t remote_port4;	/* z */
	uint32_t expires_ms;	/* from when the kernel answered */
};

struct nat64_session_list {
	struct nat64_session_entry *v;
	size_t n, cap;
};

int nat64_session_dump(struct nat64_nl *nl, const char *instance,
		       uint8_t proto, struct nat64_session_list *out);
void nat64_session_list_free(struct nat64_session_list *list);

/*
 * The deterministic NAT rule of an instance, at most one (blocks goes over
 * the wire only when not 0). set replaces it whole: -EINVAL
 * (nat64_det_check() refuses it, not a nat64 instance), -EEXIST (its IPv4
 * addresses overlap pool4). del and get: -ENOENT when there is none. get
 * checks what the kernel sent with nat64_det_check(), so that the formula
 * may be applied to *out.
 */
int nat64_det_set(struct nat64_nl *nl, const char *instance,
		  const struct nat64_det *d);
int nat64_det_del(struct nat64_nl *nl, const char *instance);
/*
 * The rule's attributes of a message (a DET_GET reply, a DET_SET or
 * DET_DEL event) into *d, BLOCKS when there is one (else 0): false when
 * one is missing or of the wrong size. The rule is not checked.
 */
bool nat64_det_attrs(struct nlattr **tb, struct nat64_det *d);
int nat64_det_get(struct nat64_nl *nl, const char *instance,
		  struct nat64_det *out);

/* "tcp", "udp", "icmp", or NULL for another protocol. */
const char *nat64_proto_name(unsigned int proto);
/* "tcp", "udp", "icmp" -> IPPROTO_*; 0 or -EINVAL. */
int nat64_parse_proto(const char *s, uint8_t *proto);
/* RFC 6146 3.5.2: "established", "v4_fin_rcv" ..., or NULL. */
const char *nat64_tcp_state_name(unsigned int state);

#endif /* NAT64_STATE_H */
