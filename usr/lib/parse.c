// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsers shared by the userspace tools.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "parse.h"

static const char *const modes[] = {
	[NAT64_MODE_SIIT] = "siit",
	[NAT64_MODE_NAT64] = "nat64",
	[NAT64_MODE_NAT46] = "nat46",
	[NAT64_MODE_DSLITE] = "dslite",
};

const char nat64_mode_names[] = "siit|nat64|nat46|dslite";

static const char *const frameworks[] = {
	[NAT64_FW_NETFILTER] = "netfilter",
	[NAT64_FW_IPTABLES] = "iptables",
};

const char nat64_framework_names[] = "netfilter|iptables";

/* Not isalnum(): the kernel's rule does not depend on the locale. */
static bool name_char_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

bool nat64_parse_name(const char *name, char *why, size_t len)
{
	size_t n = strlen(name), i;
	char q[8];

	if (n == 0) {
		if (why)
			snprintf(why, len, "it is empty");
		return false;
	}
	if (n >= NAT64_INSTANCE_NAMSIZ) {
		if (why)
			snprintf(why, len, "it is %zu characters long, %d at most",
				 n, NAT64_INSTANCE_NAMSIZ - 1);
		return false;
	}
	for (i = 0; i < n; i++) {
		if (name_char_ok(name[i]))
			continue;
		if (why) {
			char c[2] = { name[i], '\0' };

			snprintf(why, len, "'%s' is not allowed",
				 nat64_quote(c, q, sizeof(q)));
		}
		return false;
	}
	return true;
}

int nat64_parse_mode(const char *s, enum nat64_mode *mode)
{
	unsigned int i;

	for (i = NAT64_MODE_SIIT; i <= NAT64_MODE_MAX; i++) {
		if (modes[i] && !strcmp(s, modes[i])) {
			*mode = i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *nat64_mode_name(unsigned int mode)
{
	if (mode < NAT64_MODE_SIIT || mode > NAT64_MODE_MAX)
		return NULL;
	return modes[mode];
}

int nat64_parse_framework(const char *s, enum nat64_framework *fw)
{
	unsigned int i;

	for (i = 0; i <= NAT64_FW_MAX; i++) {
		if (!strcmp(s, frameworks[i])) {
			*fw = i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *nat64_framework_name(unsigned int fw)
{
	if (fw > NAT64_FW_MAX)
		return NULL;
	return frameworks[fw];
}

int nat64_parse_uint(const char *s, unsigned long long min,
		     unsigned long long max, unsigned long long *out)
{
	unsigned long long v;
	char *end;

	/* strtoull() takes a sign and leading blanks; a number here does not. */
	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

const char *nat64_quote(const char *s, char *buf, size_t len)
{
	size_t o = 0;

	if (!len)
		return buf;
	for (; *s && o + 1 < len; s++) {
		unsigned char c = *s;

		if (c < 0x20 || c > 0x7e || c == '\\' || c == '\'' || c == '"') {
			if (o + 5 > len)
				break;
			snprintf(buf + o, 5, "\\x%02x", c);
			o += 4;
		} else {
			buf[o++] = c;
		}
	}
	buf[o] = '\0';
	return buf;
}

/* Writes a reason into why (if any); returns -EINVAL. */
static int refuse(char *why, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int refuse(char *why, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (!why || !len)
		return -EINVAL;
	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int nat64_parse_ipv6(const char *s, struct in6_addr *a, char *why,
		     size_t len)
{
	if (inet_pton(AF_INET6, s, a) == 1)
		return 0;
	return refuse(why, len, "it is not an IPv6 address");
}

int nat64_parse_ipv4(const char *s, struct in_addr *a, char *why,
		     size_t len)
{
	/* inet_pton(), not inet_aton(): "10.1" or "0x0a000001" are typos here. */
	if (inet_pton(AF_INET, s, a) == 1)
		return 0;
	return refuse(why, len, "it is not an IPv4 address (a.b.c.d)");
}

/* The decimal digits of a prefix length; large values saturate at 999. */
static int parse_plen(const char *s, unsigned int *out)
{
	unsigned int v = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		v = v * 10 + (*s - '0');
		if (v > 999)
			v = 999;
	}
	*out = v;
	return 0;
}

int nat64_parse_prefix6(const char *s, struct nat64_prefix6 *p, char *why,
			size_t len)
{
	const char *slash = strchr(s, '/'), *reason;
	char addr[INET6_ADDRSTRLEN + 1];
	struct in_addr v4;
	unsigned int plen;
	size_t n;

	memset(p, 0, sizeof(*p));
	if (!slash)
		return refuse(why, len, "it has no /LEN (a prefix is ADDR/LEN, e.g. 2001:db8:64::/96)");
	n = slash - s;
	if (n < sizeof(addr)) {
		memcpy(addr, s, n);
		addr[n] = '\0';
		if (inet_pton(AF_INET, addr, &v4) == 1)
			return refuse(why, len, "it is an IPv4 prefix; a Pref64 is an IPv6 prefix");
	}
	if (n >= sizeof(addr) || inet_pton(AF_INET6, addr, &p->addr) != 1)
		return refuse(why, len, "the part before '/' is not an IPv6 address");
	if (parse_plen(slash + 1, &plen))
		return refuse(why, len, "the part after '/' is not a decimal prefix length");
	/* Past 128 it is no IPv6 length at all; 0 gets the same reason. */
	p->len = plen <= 128 ? plen : 0;
	reason = nat64_prefix6_check(p);
	if (reason)
		return refuse(why, len, "%s", reason);
	return 0;
}

const char *nat64_prefix6_str(const struct nat64_prefix6 *p, char *buf,
			      size_t len)
{
	char a[INET6_ADDRSTRLEN];

	if (!inet_ntop(AF_INET6, &p->addr, a, sizeof(a)))
		snprintf(a, sizeof(a), "?");
	snprintf(buf, len, "%s/%u", a, p->len);
	return buf;
}
