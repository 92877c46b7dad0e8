/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Parsers shared by the userspace tools: instance names, modes, numbers,
 * addresses and RFC 6052 prefixes. They only read their input; nothing here
 * talks to the kernel.
 */
#ifndef NAT64_PARSE_H
#define NAT64_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <netinet/in.h>
#include <linux/nat64.h>

#include "rfc6052.h"	/* ../src: struct nat64_prefix6, the kernel's checks */

/* What the kernel accepts, said once for every message that needs it. */
#define NAT64_NAME_RULE "names are 1-15 characters of A-Z a-z 0-9 _ . -"

/*
 * Checks an instance name as the kernel does: 1 to NAT64_INSTANCE_NAMSIZ - 1
 * characters of [A-Za-z0-9_.-]. Returns true if valid; otherwise, when why
 * is not NULL, writes there (NUL-terminated, at most len bytes) what is
 * wrong, e.g. "it is empty" or "'/' is not allowed".
 */
bool nat64_parse_name(const char *name, char *why, size_t len);

/* "siit", "nat64", "nat46", "dslite" -> enum nat64_mode; 0 or -EINVAL. */
int nat64_parse_mode(const char *s, enum nat64_mode *mode);

/* The name of a mode, or NULL when the id is not one we know. */
const char *nat64_mode_name(unsigned int mode);

/* The accepted mode names, for help texts: "siit|nat64|nat46|dslite". */
extern const char nat64_mode_names[];

/* "netfilter", "iptables" -> enum nat64_framework; 0 or -EINVAL. */
int nat64_parse_framework(const char *s, enum nat64_framework *fw);

/* The name of a framework, or NULL when the id is not one we know. */
const char *nat64_framework_name(unsigned int fw);

/* The accepted framework names, for help texts: "netfilter|iptables". */
extern const char nat64_framework_names[];

/*
 * A decimal (or 0x hexadecimal) unsigned number in [min, max], the whole
 * string and nothing else. Returns 0, -EINVAL (not a number) or -ERANGE.
 */
int nat64_parse_uint(const char *s, unsigned long long min,
		     unsigned long long max, unsigned long long *out);

/*
 * Copies s into buf (size len, always NUL-terminated) so that it prints
 * on one line: control characters, quotes, backslashes and bytes above
 * 0x7e become \xNN. Returns buf, for use in messages that echo user input.
 */
const char *nat64_quote(const char *s, char *buf, size_t len);

/* Room for "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255/128". */
#define NAT64_PREFIX6_STRLEN (INET6_ADDRSTRLEN + 4)

/*
 * As for names, a reason written into why (when not NULL, NUL-terminated,
 * at most len bytes) does not repeat the input: the caller quotes it.
 */

/*
 * An IPv6 address (inet_pton(3) syntax, no zone), or a reason: "it is not
 * an IPv6 address". 0 or -EINVAL.
 */
int nat64_parse_ipv6(const char *s, struct in6_addr *a, char *why,
		     size_t len);

/*
 * An IPv4 address in dotted-quad form (a.b.c.d, nothing shorter), or a
 * reason: "it is not an IPv4 address (a.b.c.d)". 0 or -EINVAL.
 */
int nat64_parse_ipv4(const char *s, struct in_addr *a, char *why,
		     size_t len);

/*
 * An RFC 6052 Pref64::/n as ADDR/LEN (LEN in decimal), checked as the
 * kernel checks it (nat64_prefix6_check() of src/rfc6052.c): 0, or -EINVAL
 * with the reason in why. A well-formed prefix that the RFC refuses gets
 * the kernel's words, e.g. "prefix length must be 32, 40, 48, 56, 64 or 96";
 * one we cannot read gets ours, e.g. "it has no /LEN (...)".
 */
int nat64_parse_prefix6(const char *s, struct nat64_prefix6 *p, char *why,
			size_t len);

/* "ADDR/LEN" into buf (NAT64_PREFIX6_STRLEN bytes); returns buf. */
const char *nat64_prefix6_str(const struct nat64_prefix6 *p, char *buf,
			      size_t len);

#endif /* NAT64_PARSE_H */
