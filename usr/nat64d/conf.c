// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64d's configuration file (conf.h). Every mistake is reported with its
 * file and line, and a file with a mistake changes nothing: a reload
 * (SIGHUP) that fails keeps the configuration that runs.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "conf.h"
#include "parse.h"

#define WORDS_MAX 32

/* Where the parser is, and where it writes its one error line. */
struct ctx {
	const char *path;
	unsigned int line;
	char *err;
	size_t len;
};

__attribute__((format(printf, 2, 3)))
static int fail(struct ctx *x, const char *fmt, ...)
{
	char what[192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(x->err, x->len, "%s:%u: %s", x->path, x->line, what);
	return -1;
}

static int number(struct ctx *x, const char *key, const char *s,
		  unsigned long long min, unsigned long long max,
		  unsigned long long *v)
{
	char q[64];

	if (nat64_parse_uint(s, min, max, v))
		return fail(x, "%s '%s': expected %llu-%llu", key,
			    nat64_quote(s, q, sizeof(q)), min, max);
	return 0;
}

static int onoff(struct ctx *x, const char *key, const char *s, bool *v)
{
	char q[64];

	if (strcmp(s, "on") && strcmp(s, "off"))
		return fail(x, "%s '%s': expected on or off", key,
			    nat64_quote(s, q, sizeof(q)));
	*v = !strcmp(s, "on");
	return 0;
}

/* A syslog facility or severity name, as syslog.conf(5) spells them. */
static int level(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], s))
			return i;
	return -1;
}

static const char *const facilities[24] = {
	"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", NULL, NULL, NULL, NULL,
	"local0", "local1", "local2", "local3", "local4", "local5",
	"local6", "local7",
};

static const char *const severities[8] = {
	"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug",
};

/*
 * HOST, HOST:PORT, [V6] or [V6]:PORT into d; an IPv6 literal without a
 * port may also be written bare.
 */
static int dest(struct ctx *x, const char *s, const char *port,
		struct nd_dest *d)
{
	const char *colon = strrchr(s, ':');
	size_t hl = strlen(s);
	char q[300];

	snprintf(d->port, sizeof(d->port), "%s", port);
	if (s[0] == '[') {
		const char *end = strchr(s, ']');

		if (!end || (end[1] && end[1] != ':') || end == s + 1)
			return fail(x, "'%s': expected [IPV6]:PORT",
				    nat64_quote(s, q, sizeof(q)));
		hl = end - s - 1;
		s++;
		colon = end[1] ? end + 1 : NULL;
	} else if (colon && strchr(s, ':') != colon) {
		colon = NULL;		/* a bare IPv6 address */
	} else if (colon) {
		hl = colon - s;
	}
	if (!hl || hl >= sizeof(d->host))
		return fail(x, "'%s': expected HOST[:PORT]",
			    nat64_quote(s, q, sizeof(q)));
	memcpy(d->host, s, hl);
	d->host[hl] = '\0';
	if (colon) {
		unsigned long long p;

		if (number(x, "port", colon + 1, 1, 65535, &p))
			return -1;
		snprintf(d->port, sizeof(d->port), "%llu", p);
	}
	return 0;
}

static int transport(struct ctx *x, const char *s, bool local_ok,
		     enum nd_transport *t)
{
	char q[64];

	if (!strcmp(s, "udp"))
		*t = ND_UDP;
	else if (!strcmp(s, "tcp"))
		*t = ND_TCP;
	else if (local_ok && !strcmp(s, "local"))
		*t = ND_LOCAL;
	else
		return fail(x, "'%s': expected %s", nat64_quote(s, q, sizeof(q)),
			    local_ok ? "local, udp or tcp" : "udp or tcp");
	return 0;
}

static int syslog_opt(struct ctx *x, const char *k, const char *v,
		      struct nd_syslog_conf *c)
{
	char q[300];
	int i;

	if (!strcmp(k, "format")) {
		if (!strcmp(v, "compact"))
			c->format = ND_SYSLOG_COMPACT;
		else if (!strcmp(v, "rfc5424"))
			c->format = ND_SYSLOG_RFC5424;
		else
			return fail(x, "format '%s': expected compact or rfc5424",
				    nat64_quote(v, q, sizeof(q)));
	} else if (!strcmp(k, "facility")) {
		i = level(facilities, 24, v);
		if (i < 0)
			return fail(x, "facility '%s': expected a name of syslog.conf(5), e.g. local0",
				    nat64_quote(v, q, sizeof(q)));
		c->facility = i;
	} else if (!strcmp(k, "severity")) {
		i = level(severities, 8, v);
		if (i < 0)
			return fail(x, "severity '%s': expected emerg ... debug",
				    nat64_quote(v, q, sizeof(q)));
		c->severity = i;
	} else if (!strcmp(k, "hostname")) {
		if (!*v || strlen(v) > 255 || strpbrk(v, " \t"))
			return fail(x, "hostname '%s': 1-255 characters, no space",
				    nat64_quote(v, q, sizeof(q)));
		snprintf(c->hostname, sizeof(c->hostname), "%s", v);
	} else {
		return fail(x, "syslog: unknown option '%s' (format, facility, severity, hostname)",
			    nat64_quote(k, q, sizeof(q)));
	}
	return 0;
}

static int ipfix_opt(struct ctx *x, const char *k, const char *v,
		     struct nd_ipfix_conf *c)
{
	unsigned long long n;
	char q[64];

	if (!strcmp(k, "domain")) {
		if (number(x, k, v, 0, UINT32_MAX, &n))
			return -1;
		c->domain = n;
	} else if (!strcmp(k, "refresh")) {
		if (number(x, k, v, 1, 86400, &n))
			return -1;
		c->refresh = n;
	} else if (!strcmp(k, "flush-ms")) {
		if (number(x, k, v, 0, 60000, &n))
			return -1;
		c->flush_ms = n;
	} else if (!strcmp(k, "release")) {
		if (strcmp(v, "short") && strcmp(v, "full"))
			return fail(x, "release '%s': expected short or full",
				    nat64_quote(v, q, sizeof(q)));
		c->full_release = !strcmp(v, "full");
	} else {
		return fail(x, "ipfix: unknown option '%s' (domain, refresh, flush-ms, release)",
			    nat64_quote(k, q, sizeof(q)));
	}
	return 0;
}

static int output(struct ctx *x, struct nd_conf *c, bool ipfix, char **w,
		  int n)
{
	struct nd_output_conf *o = &c->out[c->nout];
	struct nd_dest *d;
	int i;

	if (c->nout == ND_OUTPUTS_MAX)
		return fail(x, "more than %d outputs", ND_OUTPUTS_MAX);
	memset(o, 0, sizeof(*o));
	o->ipfix = ipfix;
	o->line = x->line;
	d = ipfix ? &o->ix.dest : &o->sl.dest;
	if (n < 2)
		return fail(x, "%s: expected %s", w[0], ipfix ?
			    "udp|tcp HOST[:PORT]" :
			    "local | udp|tcp HOST[:PORT]");
	if (transport(x, w[1], !ipfix, &d->transport))
		return -1;
	i = 2;
	if (d->transport != ND_LOCAL) {
		if (n < 3)
			return fail(x, "%s %s: expected HOST[:PORT]", w[0], w[1]);
		if (dest(x, w[2], ipfix ? "4739" : "514", d))
			return -1;
		i = 3;
	}
	if (ipfix) {
		o->ix.refresh = 600;
		o->ix.flush_ms = 1000;
	} else {
		o->sl.facility = 16;
		o->sl.severity = 6;
	}
	for (; i < n; i += 2) {
		if (i + 1 >= n)
			return fail(x, "%s: '%s' needs a value", w[0], w[i]);
		if (ipfix ? ipfix_opt(x, w[i], w[i + 1], &o->ix) :
			    syslog_opt(x, w[i], w[i + 1], &o->sl))
			return -1;
	}
	c->nout++;
	return 0;
}

static int directive(struct ctx *x, struct nd_conf *c, char **w, int n)
{
	unsigned long long v;
	char why[96], q[64];

	static const char *const one[] = { "instance", "rcvbuf", "status",
					   "resync", "det-relog" };
	size_t i;

	if (!strcmp(w[0], "syslog") || !strcmp(w[0], "ipfix"))
		return output(x, c, w[0][0] == 'i', w, n);
	for (i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		if (!strcmp(w[0], one[i]))
			break;
	if (i == sizeof(one) / sizeof(one[0]))
		return fail(x, "unknown directive '%s' (instance, rcvbuf, status, resync, det-relog, syslog, ipfix)",
			    nat64_quote(w[0], q, sizeof(q)));
	if (n != 2)
		return fail(x, "'%s' takes one value", w[0]);
	if (!strcmp(w[0], "instance")) {
		if (!nat64_parse_name(w[1], why, sizeof(why)))
			return fail(x, "instance '%s': %s",
				    nat64_quote(w[1], q, sizeof(q)), why);
		if (c->ninstances == ND_INSTANCES_MAX)
			return fail(x, "more than %d instances",
				    ND_INSTANCES_MAX);
		snprintf(c->instances[c->ninstances++], NAT64_INSTANCE_NAMSIZ,
			 "%s", w[1]);
	} else if (!strcmp(w[0], "rcvbuf")) {
		if (number(x, "rcvbuf", w[1], 65536, 1 << 30, &v))
			return -1;
		c->rcvbuf = v;
	} else if (!strcmp(w[0], "status")) {
		if (w[1][0] != '/' || strlen(w[1]) >= sizeof(c->status))
			return fail(x, "status: expected an absolute path");
		snprintf(c->status, sizeof(c->status), "%s", w[1]);
	} else if (!strcmp(w[0], "det-relog")) {
		if (number(x, "det-relog", w[1], 0, ND_DET_RELOG_MAX, &v))
			return -1;
		c->det_relog = v;
	} else {
		return onoff(x, "resync", w[1], &c->resync);
	}
	return 0;
}

/* Splits a line in place on blanks, up to a '#'. */
static int split(char *s, char **w)
{
	int n = 0;

	for (;;) {
		s += strspn(s, " \t\r\n");
		if (!*s || *s == '#' || n == WORDS_MAX)
			return *s && *s != '#' ? -1 : n;
		w[n++] = s;
		s += strcspn(s, " \t\r\n#");
		if (*s == '#') {
			*s = '\0';
			return n;
		}
		if (*s)
			*s++ = '\0';
	}
}

static void defaults(struct nd_conf *c)
{
	memset(c, 0, sizeof(*c));
	c->rcvbuf = 4 << 20;
	c->resync = true;
	c->det_relog = 86400;
}

int nd_conf_load(const char *path, struct nd_conf *c, char *err, size_t len)
{
	struct ctx x = { .path = path, .err = err, .len = len };
	char buf[1024], *w[WORDS_MAX];
	int n, ret = 0;
	FILE *f;

	defaults(c);
	f = fopen(path, "r");
	if (!f) {
		snprintf(err, len, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (!ret && fgets(buf, sizeof(buf), f)) {
		x.line++;
		if (!strchr(buf, '\n') && !feof(f)) {
			ret = fail(&x, "line longer than %zu bytes",
				   sizeof(buf) - 2);
			break;
		}
		n = split(buf, w);
		if (n < 0)
			ret = fail(&x, "more than %d words", WORDS_MAX);
		else if (n)
			ret = directive(&x, c, w, n);
	}
	if (!ret && ferror(f))
		ret = fail(&x, "read error");
	fclose(f);
	if (!ret && !c->nout) {
		snprintf(err, len, "%s: no output (syslog or ipfix)", path);
		ret = -1;
	}
	return ret;
}

bool nd_conf_wants(const struct nd_conf *c, const char *instance)
{
	size_t i;

	if (!c->ninstances)
		return true;
	for (i = 0; i < c->ninstances; i++)
		if (!strcmp(c->instances[i], instance))
			return true;
	return false;
}

void nd_output_name(const struct nd_output_conf *o, char *buf, size_t len)
{
	const struct nd_dest *d = o->ipfix ? &o->ix.dest : &o->sl.dest;
	static const char *const tn[] = { "local", "udp", "tcp" };
	bool v6 = strchr(d->host, ':');

	if (d->transport == ND_LOCAL)
		snprintf(buf, len, "syslog local");
	else
		snprintf(buf, len, "%s %s %s%s%s:%s", o->ipfix ? "ipfix" : "syslog",
			 tn[d->transport], v6 ? "[" : "", d->host, v6 ? "]" : "",
			 d->port);
}
