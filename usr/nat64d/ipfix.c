// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64d's IPFIX output: each event becomes a NAT logging record (RFC 8158)
 * in IPFIX messages (RFC 7011) to one collector, over UDP or TCP.
 *
 * libfixbuf encodes: a session of our ten templates in the configured
 * observation domain, an fBuf in manual mode that writes each message into
 * our buffer (fbExporterAllocBuffer()). We send it on our own non-blocking
 * socket: fixbuf's network exporter connects and writes blocking, ignores
 * SIGPIPE process-wide and hides a UDP datagram it could not send, while
 * nat64d must never stall and must count every record it loses.
 *
 * fixbuf keeps templates and records in separate messages: the template
 * message of a session is rendered once and sent, its header brought up
 * to date, before the data message that needs it (RFC 7011 section 8):
 * over UDP before the first UDP_COPIES and on their own every refresh
 * seconds (section 8.4), over TCP in the first write of a connection.
 * A data message leaves when the next record would not fit or when its
 * first record has waited flush_ms. A TCP connection that breaks takes its
 * session along (sequence numbers and templates start afresh) and is made
 * again at most once every RETRY_MS.
 *
 * Time is the caller's now_ms, never the clock, so that a replayed day
 * stamps simulated time. Everything runs in nat64d's one thread.
 */
#define _GNU_SOURCE	/* POLLRDHUP */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <fixbuf/public.h>

#include "nat64d.h"
#include "net.h"

enum {
	UDP_MTU = 1400,		/* a message in one datagram on a 1500 path */
	TCP_MTU = 8192,
	TMPL_ROOM = 384,	/* for the template message (260 bytes) */
	UDP_COPIES = 3,		/* data messages that the templates precede */
	RETRY_MS = 1000,	/* TCP: the least time between two connects */
	QUOTA_PER_USER = 3,	/* natQuotaExceededEvent: entries per user */
	REC_TID = 1000,		/* our internal template, struct rec */
};

/*
 * What fixbuf reads for every record, as described by the internal
 * template REC_TID: each external template takes the fields it names
 * (fixbuf writes integers in network order, ipv4Address ones too).
 */
struct rec {
	uint64_t time_ms;
	struct in6_addr addr6;	/* the source X', or the subscriber */
	uint32_t addr4;		/* T, the IPv4 address */
	uint32_t quota_event, limit;
	uint32_t pool_id, threshold_event;
	uint32_t map_high, user_high;	/* the threshold reached */
	uint16_t port6, port4;	/* x', t */
	uint16_t first, last;	/* a port block */
	uint8_t event, proto;
};

#define IE(name, len) { (char *)(name), (len), 0 }

/* Never written: fixbuf's prototypes just do not say const. */
static fbInfoElementSpec_t rec_ies[] = {
	IE("observationTimeMilliseconds", 8), IE("sourceIPv6Address", 16),
	IE("postNATSourceIPv4Address", 4), IE("natQuotaExceededEvent", 4),
	IE("maxEntriesPerUser", 4), IE("natPoolId", 4),
	IE("natThresholdEvent", 4), IE("addressPortMappingHighThreshold", 4),
	IE("addressPortMappingPerUserHighThreshold", 4),
	IE("sourceTransportPort", 2), IE("postNAPTSourceTransportPort", 2),
	IE("portRangeStart", 2), IE("portRangeEnd", 2), IE("natEvent", 1),
	IE("protocolIdentifier", 1),
	IE("paddingOctets", sizeof(struct rec) - 62),
	FB_IESPEC_NULL
};

#define IE_TIME IE("observationTimeMilliseconds", 8)
#define IE_EVENT IE("natEvent", 1)
#define IE_ADDR6 IE("sourceIPv6Address", 16)
#define IE_ADDR4 IE("postNATSourceIPv4Address", 4)
#define IE_PROTO IE("protocolIdentifier", 1)
#define IE_FIRST IE("portRangeStart", 2)
#define IE_LAST IE("portRangeEnd", 2)

static fbInfoElementSpec_t bind_ies[] = {
	IE_TIME, IE_EVENT, IE_ADDR6, IE_ADDR4, IE_PROTO,
	IE("sourceTransportPort", 2), IE("postNAPTSourceTransportPort", 2),
	FB_IESPEC_NULL
};
static fbInfoElementSpec_t pba_ies[] = {
	IE_TIME, IE_EVENT, IE_ADDR6, IE_ADDR4, IE_FIRST, IE_LAST,
	FB_IESPEC_NULL
};
static fbInfoElementSpec_t release_ies[] = {
	IE_TIME, IE_EVENT, IE_ADDR4, IE_FIRST, IE_LAST, FB_IESPEC_NULL
};
static fbInfoElementSpec_t ports_ies[] = {
	IE_TIME, IE_EVENT, IE_ADDR4, IE_PROTO, FB_IESPEC_NULL
};
static fbInfoElementSpec_t quota_ies[] = {
	IE_TIME, IE_EVENT, IE("natQuotaExceededEvent", 4),
	IE("maxEntriesPerUser", 4), IE_ADDR6, FB_IESPEC_NULL
};
static fbInfoElementSpec_t addrs_ies[] = {
	IE_TIME, IE_EVENT, IE("natPoolId", 4), FB_IESPEC_NULL
};
static fbInfoElementSpec_t threshold_ies[] = {
	IE_TIME, IE_EVENT, IE("natThresholdEvent", 4),
	IE("addressPortMappingHighThreshold", 4), FB_IESPEC_NULL
};
static fbInfoElementSpec_t sub_threshold_ies[] = {
	IE_TIME, IE_EVENT, IE("natThresholdEvent", 4), IE_ADDR6,
	IE("addressPortMappingPerUserHighThreshold", 4), FB_IESPEC_NULL
};

static fbInfoElementSpec_t binding_ies[] = {
	IE_TIME, IE_EVENT, IE_ADDR6, IE_ADDR4, FB_IESPEC_NULL
};

static const struct tmpl {
	uint16_t tid;
	fbInfoElementSpec_t *ies;
} tmpls[] = {
	{ ND_TID_SESSION, bind_ies },
	{ ND_TID_BIB, bind_ies },
	{ ND_TID_PBA, pba_ies },
	{ ND_TID_PBA_RELEASE, release_ies },
	{ ND_TID_PORTS, ports_ies },
	{ ND_TID_QUOTA, quota_ies },
	{ ND_TID_ADDRS, addrs_ies },
	{ ND_TID_THRESHOLD, threshold_ies },
	{ ND_TID_SUB_THRESHOLD, sub_threshold_ies },
	{ ND_TID_ADDR_BINDING, binding_ies },
};

/*
 * The template and natEvent of each event type (RFC 8158 section 4.6); a
 * threshold's template depends on its kind. The deterministic rule's
 * changes have none: RFC 8158 has no record for them, and they go to
 * syslog only.
 */
static const struct kind {
	uint16_t tid;
	uint8_t event;
} kinds[__NAT64_EV_MAX] = {
	[NAT64_EV_SESSION_ADD] = { ND_TID_SESSION, ND_NE_NAT64_SESSION_CREATE },
	[NAT64_EV_SESSION_DEL] = { ND_TID_SESSION, ND_NE_NAT64_SESSION_DELETE },
	[NAT64_EV_BIB_ADD] = { ND_TID_BIB, ND_NE_NAT64_BIB_CREATE },
	[NAT64_EV_BIB_DEL] = { ND_TID_BIB, ND_NE_NAT64_BIB_DELETE },
	[NAT64_EV_PBA_ALLOC] = { ND_TID_PBA, ND_NE_PBA_ALLOC },
	[NAT64_EV_PBA_RELEASE] = { ND_TID_PBA_RELEASE, ND_NE_PBA_RELEASE },
	[NAT64_EV_PBA_FULL] = { ND_TID_PORTS, ND_NE_PORTS_EXHAUSTED },
	[NAT64_EV_QUOTA] = { ND_TID_QUOTA, ND_NE_QUOTA_EXCEEDED },
	[NAT64_EV_ADDR_FULL] = { ND_TID_ADDRS, ND_NE_ADDRS_EXHAUSTED },
	[NAT64_EV_THRESHOLD] = { ND_TID_THRESHOLD, ND_NE_THRESHOLD },
	[NAT64_EV_SUB_ADD] = { ND_TID_ADDR_BINDING, ND_NE_ADDR_BINDING_CREATE },
	[NAT64_EV_SUB_DEL] = { ND_TID_ADDR_BINDING, ND_NE_ADDR_BINDING_DELETE },
};

struct nd_ipfix {
	struct nd_ipfix_conf conf;
	struct nd_addrs addrs;		/* the collector's */
	int fd;				/* -1: none (TCP: down) */
	bool tcp;
	bool connecting;		/* TCP: connect() not done yet */
	bool connected_once;
	uint64_t retry_ms;		/* TCP: no connect before this */
	uint64_t now_ms;		/* the latest we were given */

	fbInfoModel_t *model;
	fBuf_t *fbuf;			/* the session; NULL: TCP is down */
	bool open;			/* a data message is being built */
	unsigned int waiting;		/* the records in it */
	uint64_t since_ms;		/* when it got the first */
	uint32_t seq;			/* records in the messages made */
	uint64_t tmpl_ms;		/* the templates are due then */
	unsigned int copies;		/* and before this many messages */
	size_t tmpl_len;

	size_t tail_off, tail_len;	/* TCP: the end of a write not done */
	unsigned int tail_recs;		/* the records it carries */
	struct nd_counts counts;
	uint8_t tmpl[TMPL_ROOM];	/* the template message */
	uint8_t out[TMPL_ROOM + TCP_MTU];	/* fixbuf writes at MSG() */
	uint8_t tail[TMPL_ROOM + TCP_MTU];
};

#define MSG(x) ((x)->out + TMPL_ROOM)

#define EOM(e) g_error_matches((e), FB_ERROR_DOMAIN, FB_ERROR_EOM)

/* Adds a template to a session. */
static bool tmpl_add(fbInfoModel_t *model, fbSession_t *s, bool internal,
		     uint16_t tid, fbInfoElementSpec_t *ies, GError **e)
{
	fbTemplate_t *tp = fbTemplateAlloc(model);

	if (!fbTemplateAppendSpecArray(tp, ies, 0, e))
		goto free_tmpl;
	if (internal &&
	    fbTemplateGetIELenOfMemBuffer(tp) != sizeof(struct rec)) {
		g_set_error(e, FB_ERROR_DOMAIN, FB_ERROR_TMPL,
			    "the internal template does not match its record");
		goto free_tmpl;
	}
	if (fbSessionAddTemplate(s, internal, tid, tp, e))
		return true;	/* the session owns it now */
free_tmpl:
	fbTemplateFreeUnused(tp);
	return false;
}

/*
 * Renders the template message of a new session into x->tmpl. fixbuf
 * answers "end of message" to the first template, and again to the first
 * record after them, so that each starts a message: we try again.
 */
static bool tmpl_render(struct nd_ipfix *x, GError **e)
{
	fbSession_t *s = fBufGetSession(x->fbuf);

	if (!fbSessionExportTemplates(s, e) && EOM(*e)) {
		g_clear_error(e);
		fbSessionExportTemplates(s, e);
	}
	if (*e || !fBufEmit(x->fbuf, e))
		return false;
	x->tmpl_len = fbExporterGetMsgLen(fBufGetExporter(x->fbuf));
	if (x->tmpl_len > TMPL_ROOM) {
		g_set_error(e, FB_ERROR_DOMAIN, FB_ERROR_TMPL,
			    "templates of %zu bytes", x->tmpl_len);
		return false;
	}
	memcpy(x->tmpl, MSG(x), x->tmpl_len);
	return true;
}

/*
 * A new transport session: our templates in the observation domain, the
 * fBuf that writes its messages at MSG(x), the template message.
 */
static bool session_alloc(struct nd_ipfix *x, GError **e)
{
	fbSession_t *s = fbSessionAlloc(x->model);
	size_t i;

	fbSessionSetDomain(s, x->conf.domain);
	for (i = 0; i < G_N_ELEMENTS(tmpls); i++) {
		if (!tmpl_add(x->model, s, false, tmpls[i].tid, tmpls[i].ies,
			      e))
			goto free_session;
	}
	if (!tmpl_add(x->model, s, true, REC_TID, rec_ies, e))
		goto free_session;
	x->fbuf = fBufAllocForExport(s, fbExporterAllocBuffer(MSG(x),
				     x->tcp ? TCP_MTU : UDP_MTU));
	fBufSetAutomaticMode(x->fbuf, FALSE);
	x->open = false;
	x->waiting = x->seq = 0;
	x->tmpl_ms = 0;
	x->copies = x->tcp ? 0 : UDP_COPIES - 1;
	if (tmpl_render(x, e))
		return true;
	fBufFree(x->fbuf);	/* the session, the exporter with it */
	x->fbuf = NULL;
	return false;

free_session:
	fbSessionFree(s);
	return false;
}

/*
 * A socket to the next address of the collector: UDP connected, so that
 * an ICMP unreachable comes back as ECONNREFUSED; TCP connecting, not
 * waiting for it. 0 or -errno.
 */
static int sock_open(struct nd_ipfix *x)
{
	int fd = nd_connect_next(&x->addrs, x->tcp ? SOCK_STREAM : SOCK_DGRAM);

	if (fd < 0)
		return fd;
	x->fd = fd;
	x->connecting = x->tcp;
	return 0;
}

/* Ends the session and the socket; what waited for them is lost. */
static void link_down(struct nd_ipfix *x)
{
	x->counts.lost += x->waiting + x->tail_recs;
	x->counts.sent -= x->tail_recs;
	x->waiting = x->tail_recs = 0;
	x->tail_off = x->tail_len = 0;
	x->open = false;
	fBufFree(x->fbuf);
	x->fbuf = NULL;
	close(x->fd);
	x->fd = -1;
	x->connecting = false;
}

/* TCP: a new connection and session, when the last try is old enough. */
static void link_up(struct nd_ipfix *x, uint64_t now_ms)
{
	GError *e = NULL;

	if (x->fd >= 0 || now_ms < x->retry_ms)
		return;
	x->retry_ms = now_ms + RETRY_MS;
	if (sock_open(x))
		return;
	if (!session_alloc(x, &e)) {	/* it worked in nd_ipfix_alloc() */
		g_clear_error(&e);
		close(x->fd);
		x->fd = -1;
	}
}

/*
 * TCP: 0 when the connection is up, -EINPROGRESS while connect() is not
 * done, or -errno when it is down (then link_down()). The collector sends
 * nothing: a readable socket means it closed or reset the connection.
 */
static int link_check(struct nd_ipfix *x)
{
	struct pollfd p = { x->fd, POLLIN | POLLOUT | POLLRDHUP, 0 };
	socklen_t len = sizeof(int);
	char junk[256];
	int err = 0;
	ssize_t n;

	if (x->fd < 0)
		return -ENOTCONN;
	if (poll(&p, 1, 0) < 0)
		p.revents = 0;	/* a signal: nothing known yet */
	if (x->connecting) {
		if (!(p.revents & (POLLOUT | POLLERR | POLLHUP)))
			return -EINPROGRESS;
		if (getsockopt(x->fd, SOL_SOCKET, SO_ERROR, &err, &len) || err)
			goto down;
		x->connecting = false;
		x->counts.reconnects += x->connected_once;
		x->connected_once = true;
	}
	if (!(p.revents & (POLLIN | POLLRDHUP | POLLHUP | POLLERR)))
		return 0;
	n = recv(x->fd, junk, sizeof(junk), MSG_DONTWAIT);
	if (n > 0 || (n < 0 && errno == EAGAIN))
		return 0;
	err = n < 0 ? errno : ECONNRESET;
down:
	link_down(x);
	return -(err ? err : ECONNRESET);
}

/* TCP: writes what is left of the last write: 0 when nothing is. */
static int tail_send(struct nd_ipfix *x)
{
	ssize_t n;

	if (!x->tail_len)
		return 0;
	n = send(x->fd, x->tail + x->tail_off, x->tail_len,
		 MSG_DONTWAIT | MSG_NOSIGNAL);
	if (n < 0)
		return -errno;
	x->tail_off += n;
	x->tail_len -= n;
	if (x->tail_len)
		return -EAGAIN;
	x->tail_recs = 0;
	return 0;
}

/*
 * TCP: writes without waiting. What the socket does not take goes to the
 * tail, written before anything else; a write that finds a tail still
 * there does not start (-EAGAIN), so that the stream stays whole. Another
 * -errno: the connection is down.
 */
static int tcp_send(struct nd_ipfix *x, const uint8_t *buf, size_t len,
		    unsigned int recs)
{
	ssize_t n;
	int err;

	err = link_check(x);
	if (!err)
		err = tail_send(x);
	if (err)
		return err == -EINPROGRESS ? -EAGAIN : err;
	n = send(x->fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);
	if (n < 0)
		return -errno;
	memcpy(x->tail, buf + n, len - n);
	x->tail_off = 0;
	x->tail_len = len - n;
	x->tail_recs = x->tail_len ? recs : 0;
	return 0;
}

/* Writes messages and counts them, their records sent or lost. */
static int put(struct nd_ipfix *x, const uint8_t *buf, size_t len,
	       unsigned int msgs, unsigned int recs)
{
	ssize_t n;
	int err;

	if (x->tcp) {
		err = tcp_send(x, buf, len, recs);
	} else {
		n = send(x->fd, buf, len, MSG_DONTWAIT);
		err = n < 0 ? -errno : (size_t)n < len ? -EMSGSIZE : 0;
	}
	if (err) {
		x->counts.lost += recs;
		if (x->tcp && err != -EAGAIN && x->fbuf)
			link_down(x);
		return err;
	}
	x->counts.sent += recs;
	x->counts.bytes += len;
	x->counts.messages += msgs;
	return 0;
}

/* The export time (when it leaves) and sequence number of a message. */
static void header_set(uint8_t *m, uint64_t now_ms, uint32_t seq)
{
	uint32_t v[2] = { htonl(now_ms / 1000), htonl(seq) };

	memcpy(m + 4, v, sizeof(v));	/* RFC 7011 section 3.1 */
}

/*
 * When the templates are due, the template message, up to date, just
 * before MSG(x) (and when they are due next); else NULL.
 */
static uint8_t *tmpl_take(struct nd_ipfix *x, uint64_t now_ms)
{
	uint8_t *m = MSG(x) - x->tmpl_len;

	if (now_ms >= x->tmpl_ms)
		x->tmpl_ms = x->tcp ? UINT64_MAX :
			     now_ms + (uint64_t)x->conf.refresh * 1000;
	else if (x->copies)
		x->copies--;
	else
		return NULL;
	memcpy(m, x->tmpl, x->tmpl_len);
	header_set(m, now_ms, x->seq);
	return m;
}

/*
 * UDP: the templates on their own when a refresh is due. A datagram the
 * socket refuses is lost like any other: the next refresh makes up.
 */
static void tmpl_refresh(struct nd_ipfix *x, uint64_t now_ms)
{
	if (now_ms >= x->tmpl_ms)
		put(x, tmpl_take(x, now_ms), x->tmpl_len, 1, 0);
}

/*
 * Sends the data message being built, the templates before it when due:
 * over TCP in the same write, which if it does not start (-EAGAIN) leaves
 * them due. 0 or -errno; the records are counted either way.
 */
static int emit(struct nd_ipfix *x, uint64_t now_ms)
{
	unsigned int recs = x->waiting;
	uint8_t *start = MSG(x), *tmpl;
	GError *e = NULL;
	size_t len;
	int err;

	if (!x->open)
		return 0;
	x->open = false;
	x->waiting = 0;
	if (!fBufEmit(x->fbuf, &e)) {
		g_clear_error(&e);
		x->counts.lost += recs;
		return -EIO;
	}
	len = fbExporterGetMsgLen(fBufGetExporter(x->fbuf));
	header_set(start, now_ms, x->seq);
	tmpl = tmpl_take(x, now_ms);
	if (tmpl && x->tcp) {
		start = tmpl;
		len += x->tmpl_len;
	} else if (tmpl) {
		put(x, tmpl, x->tmpl_len, 1, 0);
	}
	x->seq += recs;
	err = put(x, start, len, 1 + (tmpl && x->tcp), recs);
	if (err == -EAGAIN && tmpl && x->tcp)
		x->copies = 1;
	return err;
}

/* Appends a record to the data message, sending the message if full. */
static int append(struct nd_ipfix *x, uint16_t tid, struct rec *rec,
		  uint64_t now_ms)
{
	GError *e = NULL;
	int err = 0, tries;

	for (tries = 0; tries < 2 && x->fbuf; tries++) {
		if (!x->open) {		/* fixbuf never reads the clock */
			fBufSetExportTime(x->fbuf, now_ms / 1000);
			x->since_ms = now_ms;
		}
		if (fBufSetInternalTemplate(x->fbuf, REC_TID, &e) &&
		    fBufSetExportTemplate(x->fbuf, tid, &e) &&
		    fBufAppend(x->fbuf, (uint8_t *)rec, sizeof(*rec), &e)) {
			x->open = true;
			x->waiting++;
			return err;
		}
		if (!EOM(e))
			break;
		g_clear_error(&e);
		err = emit(x, now_ms);	/* nothing if only fixbuf's whim */
	}
	g_clear_error(&e);
	x->counts.lost++;
	return x->fbuf ? -EIO : -ENOTCONN;
}

/* Sends the data message when its first record has waited flush_ms. */
static int flush_due(struct nd_ipfix *x, uint64_t now_ms)
{
	if (!x->open || now_ms < x->since_ms + x->conf.flush_ms)
		return 0;
	if (x->connecting && link_check(x) == -EINPROGRESS)
		return 0;	/* not lost yet: the connection may come */
	return emit(x, now_ms);
}

/*
 * The template of an event of kind k: for a port block taken back, the
 * block alone (its address and first port say whose it was) unless
 * full_release; a threshold's by what reached it. 0: a threshold kind we
 * have no template for.
 */
static uint16_t template_of(const struct nd_ipfix *x, const struct kind *k,
			    const struct nat64_event_msg *ev)
{
	if (k->tid == ND_TID_PBA_RELEASE && x->conf.full_release)
		return ND_TID_PBA;
	if (k->tid != ND_TID_THRESHOLD)
		return k->tid;
	switch (ev->threshold) {
	case NAT64_TH_MAPPINGS:
		return ND_TID_THRESHOLD;
	case NAT64_TH_SUB_MAPPINGS:
		return ND_TID_SUB_THRESHOLD;
	default:
		return 0;
	}
}

/*
 * The record of an event, in its template. Types with no kind (the
 * deterministic rule, a type we do not know) are not logged and not
 * counted; a threshold with no template is counted lost.
 */
static int record(struct nd_ipfix *x, const struct nat64_event_msg *ev,
		  uint64_t now_ms)
{
	const struct kind *k = ev->type < __NAT64_EV_MAX ? &kinds[ev->type] :
			       NULL;
	bool bind = k && (k->tid == ND_TID_SESSION || k->tid == ND_TID_BIB);
	struct rec r = {
		.time_ms = ev->time_ms,
		.addr6 = bind ? ev->addr6 : ev->prefix6,
		.addr4 = ntohl(ev->addr4.s_addr),
		.quota_event = QUOTA_PER_USER, .limit = ev->limit,
		.pool_id = ev->pool_id, .threshold_event = ev->threshold,
		.map_high = ev->limit, .user_high = ev->limit,
		.port6 = ev->port6, .port4 = ev->port4,
		.first = ev->port_min, .last = ev->port_max,
		.proto = bind ? ev->proto : 0,	/* blocks: every protocol */
	};
	uint16_t tid;

	if (!k || !k->tid)
		return 0;
	tid = template_of(x, k, ev);
	if (!tid) {
		x->counts.lost++;
		return -EOPNOTSUPP;
	}
	r.event = k->event;
	return append(x, tid, &r, now_ms);
}

/*
 * Queues the record of an event (main.c hands over readable
 * NAT64_CMD_EVENTs only). 0, or -errno when it, or records that waited
 * with it, could not be delivered (they are counted lost).
 */
int nd_ipfix_event(struct nd_ipfix *x, const struct nat64_event_msg *ev,
		   uint64_t now_ms)
{
	int err, ferr = 0;

	x->now_ms = now_ms;
	err = record(x, ev, now_ms);
	if (x->fbuf)
		ferr = flush_due(x, now_ms);
	return err ? err : ferr;
}

/*
 * TCP: connects when due, notices a closed connection and writes the end
 * of a write the socket did not take. UDP: refreshes the templates. Both:
 * sends the data message when it has waited flush_ms.
 */
void nd_ipfix_tick(struct nd_ipfix *x, uint64_t now_ms)
{
	int err;

	x->now_ms = now_ms;
	if (x->tcp) {
		link_up(x, now_ms);
		if (!x->fbuf || link_check(x))
			return;
		err = tail_send(x);
		if (err && err != -EAGAIN) {
			link_down(x);
			return;
		}
	} else {
		tmpl_refresh(x, now_ms);
	}
	flush_due(x, now_ms);
}

/*
 * Resolves the collector, makes the session, opens the socket (a TCP
 * connect finishes later). NULL with err filled when the collector does
 * not resolve or no socket can be had. A collector that is not there is
 * no error: what cannot reach it is counted lost.
 */
struct nd_ipfix *nd_ipfix_alloc(const struct nd_ipfix_conf *c, uint64_t now_ms,
				char *err, size_t errlen)
{
	struct nd_ipfix *x;
	GError *e = NULL;
	int rc;

	x = calloc(1, sizeof(*x));
	if (!x) {
		snprintf(err, errlen, "ipfix: %s", strerror(ENOMEM));
		return NULL;
	}
	x->conf = *c;
	x->tcp = c->dest.transport == ND_TCP;
	x->fd = -1;
	x->now_ms = now_ms;
	if (nd_resolve(&c->dest, "4739", x->tcp ? SOCK_STREAM : SOCK_DGRAM,
		       "ipfix", &x->addrs, err, errlen))
		goto free_x;
	x->model = fbInfoModelAlloc();
	if (!session_alloc(x, &e)) {
		snprintf(err, errlen, "ipfix: %s", e->message);
		g_clear_error(&e);
		goto free_model;
	}
	rc = sock_open(x);
	if (rc && !x->tcp) {
		snprintf(err, errlen, "ipfix: %s port %s: %s", c->dest.host,
			 c->dest.port, strerror(-rc));
		goto free_session;
	}
	if (rc) {		/* TCP: nd_ipfix_tick() tries again */
		fBufFree(x->fbuf);
		x->fbuf = NULL;
		x->retry_ms = now_ms + RETRY_MS;
	}
	return x;

free_session:
	fBufFree(x->fbuf);
free_model:
	fbInfoModelFree(x->model);
free_x:
	free(x);
	return NULL;
}

/* Sends what waits, as far as that goes without waiting, and frees. */
void nd_ipfix_flush(struct nd_ipfix *x, uint64_t now_ms)
{
	x->now_ms = now_ms;
	if (x->fbuf && !(x->tcp && link_check(x) == -EINPROGRESS))
		emit(x, now_ms);
	if (x->fbuf)
		tail_send(x);
}

void nd_ipfix_free(struct nd_ipfix *x)
{
	if (!x)
		return;
	nd_ipfix_flush(x, x->now_ms);
	if (x->fbuf)
		link_down(x);	/* counts what is still not sent lost */
	fbInfoModelFree(x->model);
	free(x);
}

void nd_ipfix_counts(const struct nd_ipfix *x, struct nd_counts *c)
{
	*c = x->counts;
}
