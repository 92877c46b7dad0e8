// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64d's syslog output: one line an event, sent to the local syslog
 * daemon, or to a collector over UDP or TCP.
 *
 * COMPACT is the seed's "stored message" (56 bytes a session, 62 a port
 * block), inside an RFC 3164 header so that any syslog daemon files it
 * (the local socket is sent no HOSTNAME, as syslog(3) does):
 *
 *	<134>Sep 19 12:08:10 gw1 nat64d[812]: 10:08:10 A 194.219.240.252 5120-6143 2a02:2149:ff01:6869
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
 *
 * ND_LOCAL sends datagrams to /dev/log, or to dest.host when that is a
 * path (starts with '/'); ND_UDP one message a datagram; ND_TCP RFC 6587
 * octet-counted frames through a 64 KiB buffer. Nothing blocks: what
 * cannot be written is counted lost (UDP, local) or waits in the buffer
 * (TCP) while it has room. nd_syslog_tick() connects again, at most once
 * a second. All in nat64d's one thread, process context, no lock.
 */
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "nat64d.h"

#define LOG_PATH	"/dev/log"
#define APP_NAME	"nat64d"
#define SD_ID		"nat64@32473"
#define OUT_SIZE	(64 * 1024)	/* TCP output buffer */
#define MSG_MAX		2048		/* one message, any format */
#define NOTE_MAX	1024		/* the text of a note, at most */
#define ADDRS_MAX	4		/* addresses of the collector tried */
#define RETRY_MS	1000		/* between connection attempts */
#define CONNECT_MS	5000		/* a TCP connect given up after */
#define TIME_UNKNOWN	UINT64_MAX

/*
 * The longest compact lines, '\n' included. A subscriber of /64 or
 * shorter prints at most 4 groups ("ffff:ffff:ffff:ffff", 19 bytes); a
 * longer prefix prints as "addr/len" and makes a longer line (up to 83
 * bytes). NAT64 sessions are TCP (6), UDP (17) or ICMP (1, 58): a
 * protocol number of 3 digits would make a 57-byte session line.
 */
_Static_assert(sizeof("hh:mm:ss A 255.255.255.255 65535-65535 ffff:ffff:ffff:ffff\n")
	       - 1 <= ND_COMPACT_PBA_MAX, "compact port-block line too long");
_Static_assert(sizeof("hh:mm:ss C 17 255.255.255.255 65535 ffff:ffff:ffff:ffff\n")
	       - 1 <= ND_COMPACT_SESSION_MAX, "compact session line too long");

enum link_state {
	LINK_DOWN,
	LINK_CONNECTING,	/* TCP: connect() in progress */
	LINK_UP,
};

struct nd_syslog {
	struct nd_syslog_conf conf;
	char host[256];		/* HOSTNAME, printable ASCII, no space */
	int fd;
	enum link_state state;
	struct sockaddr_storage addr[ADDRS_MAX];	/* UDP, TCP */
	socklen_t alen[ADDRS_MAX];
	unsigned int naddr, next;	/* next: the one tried next */
	uint64_t last_try;	/* ms of the last connection attempt */
	uint64_t conns;		/* connections made */
	struct nd_counts counts;
	/*
	 * TCP output: whole frames from start to end, of which done bytes
	 * are written already.
	 */
	size_t start, done, end;
	char out[OUT_SIZE];
};

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
	char tmp[MSG_MAX];
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
};

/* The subscriber's prefix, the bits past its length cleared: its length. */
static unsigned int subscriber(const struct nat64_event_msg *ev,
			       struct in6_addr *p)
{
	unsigned int plen = ev->plen6 > 128 ? 128 : ev->plen6;

	*p = ev->prefix6;
	for (unsigned int i = 0; i < 16; i++) {
		if (plen <= 8 * i)
			p->s6_addr[i] = 0;
		else if (plen < 8 * (i + 1))
			p->s6_addr[i] &= 0xff << (8 * (i + 1) - plen);
	}
	return plen;
}

static void sb_prefix(struct sbuf *b, const struct nat64_event_msg *ev)
{
	char s6[INET6_ADDRSTRLEN];
	struct in6_addr p;
	unsigned int plen = subscriber(ev, &p);

	sb_printf(b, "%s/%u", ip6(&p, s6), plen);
}

/*
 * As the seed stores it: the groups the prefix covers, ceil(plen / 16),
 * with no "::" and no length (/56: "2001:db8:1:100"). Past /64 (and for
 * /0) that would not name a subscriber any more: "addr/len".
 */
static void sb_subscriber(struct sbuf *b, const struct nat64_event_msg *ev)
{
	struct in6_addr p;
	unsigned int plen = subscriber(ev, &p);

	if (plen == 0 || plen > 64)
		sb_prefix(b, ev);
	else
		sb_groups(b, &p, (plen + 15) / 16);
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
static void rfc3164_head(const struct nd_syslog *s, struct sbuf *b,
			 uint64_t ms)
{
	static const char months[12][4] = { "Jan", "Feb", "Mar", "Apr",
		"May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	bool local = s->conf.dest.transport == ND_LOCAL;
	time_t t = ms / 1000;
	struct tm tm = { .tm_mday = 1 };	/* if out of range */

	localtime_r(&t, &tm);
	sb_printf(b, "<%d>%s %2d %02d:%02d:%02d %s%s" APP_NAME "[%d]: ",
		  pri(&s->conf), months[tm.tm_mon], tm.tm_mday, tm.tm_hour,
		  tm.tm_min, tm.tm_sec, local ? "" : s->host, local ? "" : " ",
		  (int)getpid());
}

/* RFC 5424 section 6.2, up to MSGID and its space. */
static void rfc5424_head(const struct nd_syslog *s, struct sbuf *b,
			 uint64_t ms, const char *msgid)
{
	time_t t = ms / 1000;
	struct tm tm = { .tm_mday = 1 };	/* if out of range */

	gmtime_r(&t, &tm);
	sb_printf(b, "<%d>1 %04d-%02d-%02dT%02d:%02d:%02d.%03uZ %s " APP_NAME
		  " %d %s ", pri(&s->conf), tm.tm_year + 1900, tm.tm_mon + 1,
		  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		  (unsigned int)(ms % 1000), s->host, (int)getpid(), msgid);
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

/* The fields of the event's shape, after inst and seq. */
static void params_shape(struct sbuf *b, const struct nat64_event_msg *ev)
{
	enum nat64_event_shape shape = nat64_event_shape(ev->type);
	char s4[INET_ADDRSTRLEN], s6[INET6_ADDRSTRLEN];

	if (shape == NAT64_EVENT_BLOCK || shape == NAT64_EVENT_SUBSCRIBER) {
		sb_printf(b, " sub=\"");
		sb_prefix(b, ev);
		sb_printf(b, "\" addr4=\"%s\"", ip4(ev->addr4, s4));
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

static size_t event_msg(const struct nd_syslog *s, char *buf, size_t len,
			const struct nat64_event_msg *ev)
{
	struct sbuf b = { buf, 0, len };
	char id[33];

	if (s->conf.format == ND_SYSLOG_RFC5424) {
		msgid(ev, id, sizeof(id));
		rfc5424_head(s, &b, ev->time_ms, id);
		rfc5424_event(&b, ev);
	} else {
		rfc3164_head(s, &b, ev->time_ms);
		if (!compact_line(&b, ev))
			return 0;
	}
	return sb_finish(&b);
}

/* Control characters of a note become spaces: one line a record. */
static size_t note_msg(const struct nd_syslog *s, char *buf, size_t len,
		       uint64_t now_ms, const char *text)
{
	struct sbuf b = { buf, 0, len };
	size_t i, head;

	if (s->conf.format == ND_SYSLOG_RFC5424) {
		rfc5424_head(s, &b, now_ms, "NOTE");
		sb_printf(&b, "- ");
	} else {
		rfc3164_head(s, &b, now_ms);
		sb_clock(&b, now_ms);
		sb_printf(&b, "N ");
	}
	head = b.len;
	sb_printf(&b, "%.*s", NOTE_MAX, text);
	for (i = head; i < b.len && i < b.cap; i++)
		if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7f)
			buf[i] = ' ';
	return sb_finish(&b);
}

/* --- connections -------------------------------------------------------- */

static void link_up(struct nd_syslog *s)
{
	s->state = LINK_UP;
	if (s->conns++)
		s->counts.reconnects++;
}

/* Length of the frame at p, its "LEN SP" included (we wrote it). */
static size_t frame_len(const char *p)
{
	size_t n = 0, i;

	for (i = 0; p[i] != ' '; i++)
		n = n * 10 + (p[i] - '0');
	return i + 1 + n;
}

/* Closes the connection: what waited in the output buffer is lost. */
static void link_drop(struct nd_syslog *s)
{
	while (s->start < s->end) {
		s->start += frame_len(s->out + s->start);
		s->counts.lost++;
	}
	s->start = s->done = s->end = 0;
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	s->state = LINK_DOWN;
}

/* A non-blocking socket connected, or connecting, to sa: fd or -errno. */
static int open_fd(int type, const struct sockaddr *sa, socklen_t len)
{
	int fd = socket(sa->sa_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int err;

	if (fd < 0)
		return -errno;
	if (connect(fd, sa, len) < 0 && errno != EINPROGRESS) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

static int local_open(struct nd_syslog *s)
{
	const char *path = s->conf.dest.host[0] == '/' ? s->conf.dest.host
						       : LOG_PATH;
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	strcpy(sun.sun_path, path);
	fd = open_fd(SOCK_DGRAM, (struct sockaddr *)&sun, sizeof(sun));
	if (fd < 0)
		return fd;
	s->fd = fd;
	link_up(s);
	return 0;
}

/* To the next address of the collector: connecting. */
static int net_open(struct nd_syslog *s, int type)
{
	unsigned int i = s->next++ % s->naddr;
	int fd = open_fd(type, (struct sockaddr *)&s->addr[i], s->alen[i]);

	if (fd < 0)
		return fd;
	s->fd = fd;
	s->state = LINK_CONNECTING;
	return 0;
}

/* The collector's addresses, ADDRS_MAX at most; port 514 by default. */
static int resolve(struct nd_syslog *s, int type, char *err, size_t errlen)
{
	const struct nd_dest *d = &s->conf.dest;
	const char *port = d->port[0] ? d->port : "514";
	struct addrinfo hints = { .ai_socktype = type }, *res, *ai;
	int rc;

	rc = getaddrinfo(d->host, port, &hints, &res);
	if (rc) {
		snprintf(err, errlen, "syslog: %s port %s: %s", d->host, port,
			 gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai && s->naddr < ADDRS_MAX; ai = ai->ai_next) {
		if (ai->ai_addrlen > sizeof(s->addr[0]))
			continue;
		memcpy(&s->addr[s->naddr], ai->ai_addr, ai->ai_addrlen);
		s->alen[s->naddr++] = ai->ai_addrlen;
	}
	freeaddrinfo(res);
	if (!s->naddr)
		snprintf(err, errlen, "syslog: %s: no usable address", d->host);
	return s->naddr ? 0 : -1;
}

/* UDP: the first address a socket connects to. */
static int udp_open(struct nd_syslog *s, char *err, size_t errlen)
{
	int rc = -EINVAL;

	for (unsigned int i = 0; i < s->naddr; i++) {
		rc = net_open(s, SOCK_DGRAM);
		if (!rc) {
			link_up(s);
			return 0;
		}
	}
	snprintf(err, errlen, "syslog: udp %s port %s: %s", s->conf.dest.host,
		 s->conf.dest.port, strerror(-rc));
	return -1;
}

/* TCP: whether the collector closed its end (it never sends us data). */
static bool peer_closed(const struct nd_syslog *s)
{
	char c;
	ssize_t n = recv(s->fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);

	return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK &&
			  errno != EINTR);
}

/* TCP: a connect() in progress that finished makes the link up. */
static void tcp_progress(struct nd_syslog *s)
{
	struct pollfd p = { .fd = s->fd, .events = POLLOUT };
	socklen_t len = sizeof(int);
	int err = 0;

	if (s->state != LINK_CONNECTING || poll(&p, 1, 0) <= 0)
		return;
	if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err)
		link_drop(s);
	else
		link_up(s);
}

/* --- sending ------------------------------------------------------------ */

static int lost(struct nd_syslog *s, int err)
{
	s->counts.lost++;
	return err;
}

static void wrote(struct nd_syslog *s, size_t n)
{
	s->counts.messages++;
	s->counts.bytes += n;
}

/* A local socket that refuses has lost its daemon (restarted?). */
static bool local_stale(int err)
{
	return err == ECONNREFUSED || err == ENOTCONN || err == ENOENT;
}

static int dgram_send(struct nd_syslog *s, const char *msg, size_t len)
{
	bool local = s->conf.dest.transport == ND_LOCAL;
	ssize_t n;

	if (s->state != LINK_UP)
		return lost(s, -ENOTCONN);
	n = send(s->fd, msg, len, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (n < 0 && local && local_stale(errno)) {
		link_drop(s);
		if (!local_open(s))
			n = send(s->fd, msg, len, MSG_DONTWAIT | MSG_NOSIGNAL);
	}
	if (n < 0) {
		int err = -errno;

		if (local && local_stale(-err))
			link_drop(s);
		return lost(s, err);
	}
	wrote(s, n);
	s->counts.sent++;
	return 0;
}

/* Frames written whole are sent; the buffer keeps the rest. */
static void settle(struct nd_syslog *s)
{
	size_t n;

	while (s->start < s->end &&
	       (n = frame_len(s->out + s->start)) <= s->done) {
		s->start += n;
		s->done -= n;
		s->counts.sent++;
	}
	if (s->start == s->end)
		s->start = s->done = s->end = 0;
}

/* Writes what the socket takes of the buffer: 0, or -errno (dropped). */
static int flush(struct nd_syslog *s)
{
	while (s->state == LINK_UP && s->start + s->done < s->end) {
		ssize_t n = send(s->fd, s->out + s->start + s->done,
				 s->end - s->start - s->done,
				 MSG_DONTWAIT | MSG_NOSIGNAL);
		int err = -errno;

		if (n < 0 && err == -EINTR)
			continue;
		if (n < 0 && (err == -EAGAIN || err == -EWOULDBLOCK))
			return 0;
		if (n < 0) {
			link_drop(s);
			return err;
		}
		wrote(s, n);
		s->done += n;
		settle(s);
	}
	return 0;
}

/* RFC 6587 section 3.4.1, octet counting: "LEN SP MSG". */
static bool frame_add(struct nd_syslog *s, const char *msg, size_t len)
{
	char head[24];
	int hl = snprintf(head, sizeof(head), "%zu ", len);

	if (s->end + hl + len > OUT_SIZE && s->start) {
		memmove(s->out, s->out + s->start, s->end - s->start);
		s->end -= s->start;
		s->start = 0;
	}
	if (s->end + hl + len > OUT_SIZE)
		return false;
	memcpy(s->out + s->end, head, hl);
	memcpy(s->out + s->end + hl, msg, len);
	s->end += hl + len;
	return true;
}

static int stream_send(struct nd_syslog *s, const char *msg, size_t len)
{
	if (s->state == LINK_UP && peer_closed(s))
		link_drop(s);
	tcp_progress(s);
	if (s->state == LINK_DOWN)
		return lost(s, -ENOTCONN);
	if (!frame_add(s, msg, len))
		return lost(s, -ENOBUFS);
	return flush(s);
}

static int deliver(struct nd_syslog *s, const char *msg, size_t len)
{
	if (s->conf.dest.transport == ND_TCP)
		return stream_send(s, msg, len);
	return dgram_send(s, msg, len);
}

/* --- the interface ------------------------------------------------------ */

/* HOSTNAME (RFC 5424 section 6.2.4): printable, no space, or "-". */
static void set_hostname(struct nd_syslog *s)
{
	size_t i;

	if (s->conf.hostname[0])
		snprintf(s->host, sizeof(s->host), "%s", s->conf.hostname);
	else if (gethostname(s->host, sizeof(s->host) - 1) < 0)
		s->host[0] = '\0';
	s->host[sizeof(s->host) - 1] = '\0';
	for (i = 0; s->host[i]; i++)
		if (s->host[i] < 33 || s->host[i] > 126)
			s->host[i] = '_';
	if (!i)
		strcpy(s->host, "-");
}

/*
 * Process context. The local socket and a TCP collector need not be
 * there yet: tick connects them later. A UDP collector's name must
 * resolve and a socket connect to it.
 */
struct nd_syslog *nd_syslog_alloc(const struct nd_syslog_conf *c,
				  char *err, size_t errlen)
{
	struct nd_syslog *s;

	if (c->facility < 0 || c->facility > 23 || c->severity < 0 ||
	    c->severity > 7 || c->format > ND_SYSLOG_RFC5424) {
		snprintf(err, errlen, "syslog: facility %d (0-23), severity %d (0-7) or format %d out of range",
			 c->facility, c->severity, c->format);
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (!s) {
		snprintf(err, errlen, "syslog: %s", strerror(ENOMEM));
		return NULL;
	}
	s->conf = *c;
	s->fd = -1;
	s->last_try = TIME_UNKNOWN;
	set_hostname(s);
	switch (c->dest.transport) {
	case ND_LOCAL:
		local_open(s);
		return s;
	case ND_UDP:
		if (resolve(s, SOCK_DGRAM, err, errlen) || udp_open(s, err, errlen))
			goto err_free;
		return s;
	case ND_TCP:
		if (resolve(s, SOCK_STREAM, err, errlen))
			goto err_free;
		net_open(s, SOCK_STREAM);
		tcp_progress(s);
		return s;
	}
	snprintf(err, errlen, "syslog: unknown transport %d", c->dest.transport);
err_free:
	free(s);
	return NULL;
}

int nd_syslog_event(struct nd_syslog *s, const struct nat64_event_msg *ev)
{
	char msg[MSG_MAX];
	size_t len;

	if (ev->cmd != NAT64_CMD_EVENT)
		return 0;	/* an instance created or deleted */
	len = event_msg(s, msg, sizeof(msg), ev);
	if (!len)
		return 0;	/* no compact line for this type */
	return deliver(s, msg, len);
}

int nd_syslog_note(struct nd_syslog *s, uint64_t now_ms, const char *text)
{
	char msg[MSG_MAX];
	size_t len = note_msg(s, msg, sizeof(msg), now_ms, text);

	if (!len)
		return lost(s, -EMSGSIZE);
	return deliver(s, msg, len);
}

/* TCP: notices a closed collector, a connect that finished or hangs. */
static void tcp_tick(struct nd_syslog *s, uint64_t now_ms)
{
	if (s->state == LINK_UP && peer_closed(s))
		link_drop(s);
	tcp_progress(s);
	if (s->state == LINK_CONNECTING && now_ms - s->last_try >= CONNECT_MS)
		link_drop(s);
	flush(s);
}

/*
 * The clock starts at the first tick (alloc has no time): the attempt
 * alloc made counts as made then.
 */
void nd_syslog_tick(struct nd_syslog *s, uint64_t now_ms)
{
	if (s->last_try == TIME_UNKNOWN || now_ms < s->last_try)
		s->last_try = now_ms;
	if (s->conf.dest.transport == ND_UDP)
		return;
	if (s->conf.dest.transport == ND_TCP)
		tcp_tick(s, now_ms);
	if (s->state != LINK_DOWN || now_ms - s->last_try < RETRY_MS)
		return;
	s->last_try = now_ms;
	if (s->conf.dest.transport == ND_LOCAL) {
		local_open(s);
		return;
	}
	net_open(s, SOCK_STREAM);
	tcp_progress(s);
	flush(s);
}

/* Writes what the socket takes now; the rest is counted lost. */
void nd_syslog_free(struct nd_syslog *s)
{
	if (!s)
		return;
	flush(s);
	link_drop(s);
	free(s);
}

void nd_syslog_counts(const struct nd_syslog *s, struct nd_counts *c)
{
	*c = s->counts;
}
