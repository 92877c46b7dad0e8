// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parsers shared by the userspace tools.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

static const char *const modes[] = {
	[NAT64_MODE_SIIT] = "siit",
	[NAT64_MODE_NAT64] = "nat64",
	[NAT64_MODE_NAT46] = "nat46",
	[NAT64_MODE_DSLITE] = "dslite",
};

const char nat64_mode_names[] = "siit|nat64|nat46|dslite";

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
