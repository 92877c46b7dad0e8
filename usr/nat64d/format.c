// SPDX-License-Identifier: GPL-2.0-only
/*
 * The text of nat64d's syslog messages (format.h).
 *
 * COMPACT is the seed's "stored message" (56 bytes a session, 62 a port
 * block), inside an RFC 3164 header so that any syslog daemon files it
 * (the local socket is sent no HOSTNAME, as syslog(3) does):
 *
 *	<134>Sep 19 12:08:10 gw1 nat64d[812]: 10:08:10 A 194.219.240.252 5120-6143 2a02:2149:ff01:6869
 *
 * One letter a type: A R port block given, taken back; F Q no free block,
 * quota; B U static BIB entry added, deleted; C D session; X no address
 * for a new subscriber; T a threshold reached; S Z the deterministic rule
 * set, removed (RFC 7422 section 3's record of the rule); N a note.
 *
 * RFC5424 carries the fields as structured data (SD-ID nat64@32473, the
 * documentation enterprise number of RFC 5612), MSG the name and compact
 * fields:
 *
 *	<134>1 2013-09-19T10:08:10.850Z gw1 nat64d 812 PBA_ALLOC [nat64@32473
 *	inst="default" seq="12" sub="2a02:2149:ff01:6869::/64"
 *	addr4="194.219.240.252" ports="5120-6143"] pba-alloc ...
 *
 * rsyslog's imuxsock parses RFC 5424 from /dev/log only with
 * SysSock.UseSpecialParser="off"; its default parser (and journald) take
 * "1" for the tag. UDP and TCP collectors parse both formats.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "format.h"

#define APP_NAME	"nat64d"
#define SD_ID		"nat64@32473"

/*
 * The longest compact lines, '\n' included. A subscriber of /64 or
 * shorter prints at most 4 groups ("ffff:ffff:ffff:ffff", 19 bytes); a
 * longer prefix prints as "addr/len" and makes a longer line (up to 83
 * bytes). NAT64 sessions are TCP (6), UDP (17) or ICMP (1, 58): a
 * protocol number of 3 digits would make a 57-byte session line. The
 * rule's line is the longest of all: its range written whole, and the
 * blocks and ports of any 32-bit value the kernel may send.
 */
_Static_assert(sizeof("hh:mm:ss A 255.255.255.255 65535-65535 ffff:ffff:ffff:ffff\n")
	       - 1 <= ND_COMPACT_PBA_MAX, "compact port-block line too long");
_Static_assert(sizeof("hh:mm:ss C 17 255.255.255.255 65535 ffff:ffff:ffff:ffff\n")
	       - 1 <= ND_COMPACT_SESSION_MAX, "compact session line too long");
_Static_assert(sizeof("hh:mm:ss S ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128 128 255.255.255.255/32 65535-65535 4294967295 4294967295\n")
	       - 1 <= ND_COMPACT_MAX, "compact rule line too long");
_Static_assert(sizeof("hh:mm:ss T 255 4294967295 4294967295 255.255.255.255 ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128\n")
	       - 1 <= ND_COMPACT_MAX, "compact threshold line too long");

/* --- a string builder that never writes past its buffer ---------------- */

/* len counts what was asked for, even past cap: then nothing fits. */
struct sbuf {
	char *p;
	size_t len, cap;
};

static void __attribute__((format(printf, 2, 3)))
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	size_t room = b->len < b->cap ? b->cap - b->len : 0;
	char tmp[ND_MSG_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		n = sizeof(tmp);	/* makes the message too long */
	if ((size_t)n <= room)
		memcpy(b->p + b->len, tmp, n);
	b->len += n;
}

/* The length written, NUL-terminated when there is room; 0: too small. */
static size_t sb_finish(struct sbuf *b)
{
	if (b->len > b->cap)
		return 0;
	if (b->len < b->cap)
		b->p[b->len] = '\0';
	return b->len;
}

static const char *ip4(struct in_addr a, char buf[INET_ADDRSTRLEN])
{
	return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

static const char *ip6(const struct in6_addr *a, char buf[INET6_ADDRSTRLEN])
{
	return inet_ntop(AF_INET6, a, buf, INET6_ADDRSTRLEN);
}

/* The first n 16-bit groups of a, colon-separated: the seed's form. */
static void sb_groups(struct sbuf *b, const struct in6_addr *a, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		sb_printf(b, "%s%x", i ? ":" : "",
			  a->s6_addr[2 * i] << 8 | a->s6_addr[2 * i + 1]);
}

/* --- the compact line --------------------------------------------------- */

static const char letters[__NAT64_EV_MAX] = {
	[NAT64_EV_PBA_ALLOC] = 'A',
	[NAT64_EV_PBA_RELEASE] = 'R',
	[NAT64_EV_PBA_FULL] = 'F',
	[NAT64_EV_QUOTA] = 'Q',
	[NAT64_EV_BIB_ADD] = 'B',
	[NAT64_EV_BIB_DEL] = 'U',
	[NAT64_EV_SESSION_ADD] = 'C',
	[NAT64_EV_SESSION_DEL] = 'D',
	[NAT64_EV_ADDR_FULL] = 'X',
	[NAT64_EV_THRESHOLD] = 'T',
	[NAT64_EV_DET_SET] = 'S',
	[NAT64_EV_DET_DEL] = 'Z',
	[NAT64_EV_SUB_ADD] = 'I',
	[NAT64_EV_SUB_DEL] = 'O',
};

/* a/plen into p, the bits past the length cleared: the length (<= 128). */
static unsigned int masked(const struct in6_addr *a, unsigned int plen,
			   struct in6_addr *p)
{
	plen = plen > 128 ? 128 : plen;
	*p = *a;
	for (unsigned int i = 0; i < 16; i++) {
		if (plen <= 8 * i)
			p->s6_addr[i] = 0;
		else if (plen < 8 * (i + 1))
			p->s6_addr[i] &= 0xff << (8 * (i + 1) - plen);
	}
	return plen;
}

/* "2001:db8::/40" */
static void sb_prefix(struct sbuf *b, const struct in6_addr *a,
		      unsigned int plen)
{
	char s6[INET6_ADDRSTRLEN];
	struct in6_addr p;

	plen = masked(a, plen, &p);
	sb_printf(b, "%s/%u", ip6(&p, s6), plen);
}

/*
 * The event's subscriber as the seed stores it: the groups the prefix
 * covers, ceil(plen / 16), with no "::" and no length (/56:
 * "2001:db8:1:100"). Past /64 (and for /0) that would not name a
 * subscriber any more: "addr/len".
 */
static void sb_subscriber(struct sbuf *b, const struct nat64_event_msg *ev)
{
	struct in6_addr p;
	unsigned int plen = masked(&ev->prefix6, ev->plen6, &p);

	if (plen == 0 || plen > 64)
		sb_prefix(b, &ev->prefix6, plen);
	else
		sb_groups(b, &p, (plen + 15) / 16);
}

/* "192.0.2.0/28", as sb_prefix(). */
static void sb_prefix4(struct sbuf *b, __be32 a, unsigned int plen)
{
	char s4[INET_ADDRSTRLEN];
	struct in_addr p;

	plen = plen > 32 ? 32 : plen;
	p.s_addr = plen ? a & htonl(0xffffffffu << (32 - plen)) : 0;
	sb_printf(b, "%s/%u", ip4(p, s4), plen);
}

/*
 * The deterministic rule, as RFC 7422 section 3 asks it be recorded (I,
 * O, the ports, the blocks): " P6/p L A4/q lo-hi S K".
 */
static void sb_det(struct sbuf *b, const struct nat64_event_msg *ev)
{
	const struct nat64_det *d = &ev->det;

	sb_printf(b, " ");
	sb_prefix(b, &d->prefix6, d->plen6);
	sb_printf(b, " %u ", d->sub_len);
	sb_prefix4(b, d->addr4, d->plen4);
	sb_printf(b, " %u-%u %u %u", d->port_min, d->port_max, d->blocks,
		  ev->limit);
}

/*
 * " kind pool limit", and for a subscriber's count " addr4 subscriber"; a
 * kind we do not know has no subscriber.
 */
static void sb_threshold(struct sbuf *b, const struct nat64_event_msg *ev)
{
	char s4[INET_ADDRSTRLEN];

	sb_printf(b, " %u %u %u", ev->threshold, ev->pool_id, ev->limit);
	if (ev->threshold != NAT64_TH_SUB_MAPPINGS)
		return;
	sb_printf(b, " %s ", ip4(ev->addr4, s4));
	sb_subscriber(b, ev);
}

/* What follows the action letter: " addr ports subscriber" etc. */
static bool compact_fields(struct sbuf *b, const struct nat64_event_msg *ev)
{
	char s4[INET_ADDRSTRLEN], s6[INET6_ADDRSTRLEN];

	switch (nat64_event_shape(ev->type)) {
	case NAT64_EVENT_BLOCK:
		sb_printf(b, " %s %u-%u ", ip4(ev->addr4, s4), ev->port_min,
			  ev->port_max);
		sb_subscriber(b, ev);
		return true;
	case NAT64_EVENT_SUBSCRIBER:
		sb_printf(b, " %s ", ip4(ev->addr4, s4));
		sb_subscriber(b, ev);
		if (ev->limit)
			sb_printf(b, " %u", ev->limit);
		return true;
	case NAT64_EVENT_SESSION:
		sb_printf(b, " %u %s %u ", ev->proto, ip4(ev->addr4, s4),
			  ev->port4);
		sb_groups(b, &ev->addr6, 4);	/* the /64 */
		return true;
	case NAT64_EVENT_BIB:
		sb_printf(b, " %u %s %u %s %u", ev->proto, ip4(ev->addr4, s4),
			  ev->port4, ip6(&ev->addr6, s6), ev->port6);
		return true;
	case NAT64_EVENT_POOL:
		sb_printf(b, " %u %u ", ev->proto, ev->pool_id);
		sb_subscriber(b, ev);
		return true;
	case NAT64_EVENT_THRESHOLD:
		sb_threshold(b, ev);
		return true;
	case NAT64_EVENT_DET:
		sb_det(b, ev);
		return true;
	default:
		return false;
	}
}

/* UTC "HH:MM:SS " of a time in ms. */
static void sb_clock(struct sbuf *b, uint64_t ms)
{
	unsigned int s = ms / 1000 % 86400;

	sb_printf(b, "%02u:%02u:%02u ", s / 3600, s / 60 % 60, s % 60);
}

/* The compact line of an event, without its '\n'; false: it has none. */
static bool compact_line(struct sbuf *b, const struct nat64_event_msg *ev)
{
	if (ev->type >= __NAT64_EV_MAX || !letters[ev->type])
		return false;
	sb_clock(b, ev->time_ms);
	sb_printf(b, "%c", letters[ev->type]);
	return compact_fields(b, ev);
}

size_t nd_compact(char *buf, size_t len, const struct nat64_event_msg *ev)
{
	struct sbuf b = { buf, 0, len };

	if (!compact_line(&b, ev))
		return 0;
	sb_printf(&b, "\n");
	return sb_finish(&b);
}

/* --- headers ------------------------------------------------------------ */

static int pri(const struct nd_syslog_conf *c)
{
	return c->facility * 8 + c->severity;
}

/*
 * RFC 3164 section 4.1: "<PRI>Mmm dd hh:mm:ss HOSTNAME TAG: ", local
 * time. The local socket is sent no HOSTNAME, as syslog(3) does.
 */
static void rfc3164_head(struct sbuf *b, const struct nd_syslog_conf *c,
			 const char *host, uint64_t ms)
{
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	bool local = c->dest.transport == ND_LOCAL;
	time_t t = ms / 1000;
	struct tm tm = { .tm_mday = 1 };	/* if out of range */

	localtime_r(&t, &tm);
	sb_printf(b, "<%d>%s %2d %02d:%02d:%02d %s%s" APP_NAME "[%d]: ",
		  pri(c), months[tm.tm_mon], tm.tm_mday, tm.tm_hour,
		  tm.tm_min, tm.tm_sec, local ? "" : host, local ? "" : " ",
		  (int)getpid());
}

/* RFC 5424 section 6.2, up to MSGID and its space. */
static void rfc5424_head(struct sbuf *b, const struct nd_syslog_conf *c,
			 const char *host, uint64_t ms, const char *msgid)
{
	time_t t = ms / 1000;
	struct tm tm = { .tm_mday = 1 };	/* if out of range */

	gmtime_r(&t, &tm);
	sb_printf(b, "<%d>1 %04d-%02d-%02dT%02d:%02d:%02d.%03uZ %s " APP_NAME
		  " %d %s ", pri(c), tm.tm_year + 1900, tm.tm_mon + 1,
		  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		  (unsigned int)(ms % 1000), host, (int)getpid(), msgid);
}

/* --- RFC 5424 structured data ------------------------------------------- */

/*
 * An instance name as a PARAM-VALUE (section 6.3.3): '"', '\' and ']'
 * escaped, control characters made '?'.
 */
static void sb_escaped(struct sbuf *b, const char *v)
{
	char out[2 * NAT64_INSTANCE_NAMSIZ];
	size_t i = 0;

	for (; *v && i + 2 < sizeof(out); v++) {
		unsigned char c = *v;

		if (c == '"' || c == '\\' || c == ']')
			out[i++] = '\\';
		out[i++] = c < 0x20 || c == 0x7f ? '?' : c;
	}
	sb_printf(b, "%.*s", (int)i, out);
}

static void param_sub(struct sbuf *b, const struct nat64_event_msg *ev)
{
	sb_printf(b, " sub=\"");
	sb_prefix(b, &ev->prefix6, ev->plen6);
	sb_printf(b, "\"");
}

/* A threshold: its kind, pool and value; a subscriber's adds it. */
static void params_threshold(struct sbuf *b, const struct nat64_event_msg *ev)
{
	char s4[INET_ADDRSTRLEN];

	sb_printf(b, " kind=\"%u\" pool=\"%u\" limit=\"%u\"", ev->threshold,
		  ev->pool_id, ev->limit);
	if (ev->threshold != NAT64_TH_SUB_MAPPINGS)
		return;
	param_sub(b, ev);
	sb_printf(b, " addr4=\"%s\"", ip4(ev->addr4, s4));
}

static void params_det(struct sbuf *b, const struct nat64_event_msg *ev)
{
	const struct nat64_det *d = &ev->det;

	sb_printf(b, " sub6=\"");
	sb_prefix(b, &d->prefix6, d->plen6);
	sb_printf(b, "\" sublen=\"%u\" pool4=\"", d->sub_len);
	sb_prefix4(b, d->addr4, d->plen4);
	sb_printf(b, "\" ports=\"%u-%u\" blocks=\"%u\" perblock=\"%u\"",
		  d->port_min, d->port_max, d->blocks, ev->limit);
}

/* The fields of the event's shape, after inst and seq. */
static void params_shape(struct sbuf *b, const struct nat64_event_msg *ev)
{
	enum nat64_event_shape shape = nat64_event_shape(ev->type);
	char s4[INET_ADDRSTRLEN], s6[INET6_ADDRSTRLEN];

	if (shape == NAT64_EVENT_BLOCK || shape == NAT64_EVENT_SUBSCRIBER) {
		param_sub(b, ev);
		sb_printf(b, " addr4=\"%s\"", ip4(ev->addr4, s4));
	}
	if (shape == NAT64_EVENT_BLOCK)
		sb_printf(b, " ports=\"%u-%u\"", ev->port_min, ev->port_max);
	if (shape == NAT64_EVENT_SUBSCRIBER && ev->limit)
		sb_printf(b, " limit=\"%u\"", ev->limit);
	if (shape == NAT64_EVENT_BIB || shape == NAT64_EVENT_SESSION)
		sb_printf(b, " proto=\"%u\" addr6=\"%s\" port6=\"%u\" addr4=\"%s\" port4=\"%u\"",
			  ev->proto, ip6(&ev->addr6, s6), ev->port6,
			  ip4(ev->addr4, s4), ev->port4);
	if (shape == NAT64_EVENT_SESSION)
		sb_printf(b, " remote4=\"%s\" rport=\"%u\"",
			  ip4(ev->remote4, s4), ev->rport);
	if (shape == NAT64_EVENT_POOL) {
		sb_printf(b, " proto=\"%u\" pool=\"%u\"", ev->proto, ev->pool_id);
		param_sub(b, ev);
	}
	if (shape == NAT64_EVENT_THRESHOLD)
		params_threshold(b, ev);
	if (shape == NAT64_EVENT_DET)
		params_det(b, ev);
	if (shape == NAT64_EVENT_BARE)
		sb_printf(b, " type=\"%u\"", ev->type);
}

/* "PBA_ALLOC" of "pba-alloc"; "EVENT" for a type we do not know. */
static void msgid(const struct nat64_event_msg *ev, char *buf, size_t len)
{
	const char *name = nat64_event_name(ev->type);
	size_t i;

	if (!name)
		name = "event";
	for (i = 0; name[i] && i + 1 < len; i++)
		buf[i] = name[i] == '-' ? '_' : toupper((unsigned char)name[i]);
	buf[i] = '\0';
}

/* SD, a space and MSG: the event's name and its compact fields. */
static void rfc5424_event(struct sbuf *b, const struct nat64_event_msg *ev)
{
	const char *name = nat64_event_name(ev->type);

	sb_printf(b, "[" SD_ID " inst=\"");
	sb_escaped(b, ev->instance);
	sb_printf(b, "\" seq=\"%llu\"", (unsigned long long)ev->seq);
	params_shape(b, ev);
	sb_printf(b, "] ");
	if (name)
		sb_printf(b, "%s", name);
	else
		sb_printf(b, "event type %u", ev->type);
	compact_fields(b, ev);
}

/* --- the message of an event or a note, as sent (no '\n') --------------- */

size_t nd_format_event(char *buf, size_t len, const struct nd_syslog_conf *c,
		       const char *host, const struct nat64_event_msg *ev)
{
	struct sbuf b = { buf, 0, len };
	char id[33];

	if (c->format == ND_SYSLOG_RFC5424) {
		msgid(ev, id, sizeof(id));
		rfc5424_head(&b, c, host, ev->time_ms, id);
		rfc5424_event(&b, ev);
	} else {
		rfc3164_head(&b, c, host, ev->time_ms);
		if (!compact_line(&b, ev))
			return 0;
	}
	return sb_finish(&b);
}

size_t nd_format_note(char *buf, size_t len, const struct nd_syslog_conf *c,
		      const char *host, uint64_t now_ms, const char *text)
{
	struct sbuf b = { buf, 0, len };
	size_t i, head;

	if (c->format == ND_SYSLOG_RFC5424) {
		rfc5424_head(&b, c, host, now_ms, "NOTE");
		sb_printf(&b, "- ");
	} else {
		rfc3164_head(&b, c, host, now_ms);
		sb_clock(&b, now_ms);
		sb_printf(&b, "N ");
	}
	head = b.len;
	sb_printf(&b, "%.*s", ND_NOTE_MAX, text);
	for (i = head; i < b.len && i < b.cap; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			buf[i] = ' ';
	return sb_finish(&b);
}
