// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64d's syslog output: one line an event, sent to the local syslog
 * daemon, or to a collector over UDP or TCP.
 *
 * format.c makes the text of each message: the compact line in an RFC
 * 3164 header, or RFC 5424 with structured data.
 *
 * ND_LOCAL sends datagrams to /dev/log, or to dest.host when that is a
 * path (starts with '/'); ND_UDP one message a datagram; ND_TCP RFC 6587
 * octet-counted frames through a 64 KiB buffer. Nothing blocks: what
 * cannot be written is counted lost (UDP, local) or waits in the buffer
 * (TCP) while it has room. nd_syslog_tick() connects again, at most once
 * a second. All in nat64d's one thread, process context, no lock.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "format.h"
#include "net.h"

#define LOG_PATH	"/dev/log"
#define OUT_SIZE	(64 * 1024)	/* TCP output buffer */
#define RETRY_MS	1000		/* between connection attempts */
#define CONNECT_MS	5000		/* a TCP connect given up after */
#define TIME_UNKNOWN	UINT64_MAX

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
	struct nd_addrs addrs;	/* UDP, TCP: the collector's */
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

static int local_open(struct nd_syslog *s)
{
	const char *path = s->conf.dest.host[0] == '/' ? s->conf.dest.host
						       : LOG_PATH;
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(sun.sun_path))
		return -ENAMETOOLONG;
	strcpy(sun.sun_path, path);
	fd = nd_connect(SOCK_DGRAM, (struct sockaddr *)&sun, sizeof(sun));
	if (fd < 0)
		return fd;
	s->fd = fd;
	link_up(s);
	return 0;
}

/* To the next address of the collector: connecting. */
static int net_open(struct nd_syslog *s, int type)
{
	int fd = nd_connect_next(&s->addrs, type);

	if (fd < 0)
		return fd;
	s->fd = fd;
	s->state = LINK_CONNECTING;
	return 0;
}

/* The collector's addresses; port 514 by default. */
static int resolve(struct nd_syslog *s, int type, char *err, size_t errlen)
{
	return nd_resolve(&s->conf.dest, "514", type, "syslog", &s->addrs,
			  err, errlen);
}

/* UDP: the first address a socket connects to. */
static int udp_open(struct nd_syslog *s, char *err, size_t errlen)
{
	int rc = -EINVAL;

	for (unsigned int i = 0; i < s->addrs.n; i++) {
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
		if (resolve(s, SOCK_DGRAM, err, errlen) ||
		    udp_open(s, err, errlen))
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
	char msg[ND_MSG_MAX];
	size_t len;

	if (ev->cmd != NAT64_CMD_EVENT)
		return 0;	/* an instance created or deleted */
	len = nd_format_event(msg, sizeof(msg), &s->conf, s->host, ev);
	if (!len)
		return 0;	/* no compact line for this type */
	return deliver(s, msg, len);
}

int nd_syslog_note(struct nd_syslog *s, uint64_t now_ms, const char *text)
{
	char msg[ND_MSG_MAX];
	size_t len = nd_format_note(msg, sizeof(msg), &s->conf, s->host, now_ms,
				    text);

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
