// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64d-bench: what logging costs, measured with nat64d's own exporters
 * (ipfix.c, syslog.c) sending to a collector socket of this process.
 *
 *	nat64d-bench volume	bytes per subscriber per day: per-flow, port
 *				blocks and deterministic NAT, IPFIX and syslog
 *	nat64d-bench rate [N]	events per second exported on one core
 *
 * The traffic model is the seed's (docs/logging.md): a subscriber opens
 * 27,000 flows a day and takes about 60 port blocks a day. Flows start as
 * a Poisson process and last 1-300 s (uniform); blocks are taken as a
 * Poisson process and given back after 1-3,600 s. The day is simulated:
 * events carry simulated times and the exporters are driven by the same
 * clock (flush after 1 s, UDP template refresh every 600 s), so a day
 * takes seconds. What the collector socket receives is what is counted.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "nat64d.h"

#define DAY_S		86400
#define FLOWS_DAY	27000
#define BLOCKS_DAY	60
#define PBA_SUBS	32000	/* the seed's CGN */
#define FLOW_SUBS	200	/* enough for full messages */

static uint64_t rnd_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

static double uniform(void)
{
	return (rnd() >> 11) * (1.0 / 9007199254740992.0);
}

/* --- the collector: a UDP socket, drained by a thread ------------------ */

struct collector {
	int fd;
	char port[8];
	pthread_t thread;
	volatile int stop;
	uint64_t bytes, datagrams;
};

static void *collect(void *arg)
{
	struct collector *c = arg;
	static char buf[65536];
	ssize_t n;

	while (!c->stop) {
		n = recv(c->fd, buf, sizeof(buf), 0);
		if (n > 0) {
			c->bytes += n;
			c->datagrams++;
		}
	}
	return NULL;
}

static int collector_start(struct collector *c)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	struct timeval tv = { .tv_usec = 100000 };
	int sz = 32 << 20;

	memset(c, 0, sizeof(*c));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	c->fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (c->fd < 0 || bind(c->fd, (void *)&a, sizeof(a)) ||
	    getsockname(c->fd, (void *)&a, &len))
		return -1;
	if (setsockopt(c->fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz)))
		setsockopt(c->fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	snprintf(c->port, sizeof(c->port), "%u", ntohs(a.sin_port));
	return pthread_create(&c->thread, NULL, collect, c);
}

/* Stops once nothing more arrives. */
static void collector_stop(struct collector *c)
{
	uint64_t last;

	do {
		last = c->bytes;
		usleep(200000);
	} while (c->bytes != last);
	c->stop = 1;
	pthread_join(c->thread, NULL);
	close(c->fd);
}

/* --- events of the model ---------------------------------------------- */

static void subscriber(struct nat64_event_msg *ev, uint32_t i)
{
	memset(&ev->prefix6, 0, sizeof(ev->prefix6));
	ev->prefix6.s6_addr[0] = 0x20;
	ev->prefix6.s6_addr[1] = 0x01;
	ev->prefix6.s6_addr[2] = 0x0d;
	ev->prefix6.s6_addr[3] = 0xb8;
	ev->prefix6.s6_addr[4] = i >> 16;
	ev->prefix6.s6_addr[5] = i >> 8;
	ev->prefix6.s6_addr[6] = i;
	ev->plen6 = 56;
	ev->addr4.s_addr = htonl(0xcb007100 | (i & 0xff));	/* 203.0.113.x */
	ev->addr6 = ev->prefix6;
	ev->addr6.s6_addr[15] = 0x05;
}

/* An event of type about subscriber sub at t_ms. */
static void event(struct nat64_event_msg *ev, unsigned int type, uint32_t sub,
		  uint64_t t_ms)
{
	memset(ev, 0, sizeof(*ev));
	ev->cmd = NAT64_CMD_EVENT;
	ev->readable = true;
	strcpy(ev->instance, "cgn");
	ev->type = type;
	ev->time_ms = t_ms;
	subscriber(ev, sub);
}

static void block(struct nat64_event_msg *ev, uint32_t sub, uint64_t t_ms,
		  bool alloc)
{
	event(ev, alloc ? NAT64_EV_PBA_ALLOC : NAT64_EV_PBA_RELEASE, sub, t_ms);
	ev->port_min = 1024 + (sub % 63) * 1024;
	ev->port_max = ev->port_min + 1023;
}

static void flow(struct nat64_event_msg *ev, uint32_t sub, uint64_t t_ms,
		 bool add, uint16_t port)
{
	event(ev, add ? NAT64_EV_SESSION_ADD : NAT64_EV_SESSION_DEL, sub, t_ms);
	ev->proto = 6;
	ev->port6 = port;
	ev->port4 = port;
	ev->remote4.s_addr = htonl(0xc6336401);
	ev->rport = 443;
}

/* Pending ends, by simulated second. */
struct pending {
	uint32_t sub;
	uint16_t port;
	uint16_t ms;
};

struct calendar {
	struct pending **v;
	size_t *n, *cap;
	size_t slots;
};

static void cal_init(struct calendar *c, size_t slots)
{
	c->slots = slots;
	c->v = calloc(slots, sizeof(*c->v));
	c->n = calloc(slots, sizeof(*c->n));
	c->cap = calloc(slots, sizeof(*c->cap));
	if (!c->v || !c->n || !c->cap)
		abort();
}

static void cal_add(struct calendar *c, size_t at, struct pending p)
{
	if (at >= c->slots)
		at = c->slots - 1;
	if (c->n[at] == c->cap[at]) {
		c->cap[at] = c->cap[at] ? c->cap[at] * 2 : 16;
		c->v[at] = realloc(c->v[at], c->cap[at] * sizeof(**c->v));
		if (!c->v[at])
			abort();
	}
	c->v[at][c->n[at]++] = p;
}

/* What one simulated day sends to an output. */
struct sink {
	struct nd_ipfix *ix;
	struct nd_syslog *sl;
	uint64_t compact_bytes, records;
};

static void sink_event(struct sink *k, const struct nat64_event_msg *ev)
{
	char line[ND_COMPACT_MAX];

	if (k->ix)
		nd_ipfix_event(k->ix, ev, ev->time_ms);
	if (k->sl)
		nd_syslog_event(k->sl, ev);
	k->compact_bytes += nd_compact(line, sizeof(line), ev);
	k->records++;
}

static void sink_tick(struct sink *k, uint64_t now_ms)
{
	if (k->ix)
		nd_ipfix_tick(k->ix, now_ms);
	if (k->sl)
		nd_syslog_tick(k->sl, now_ms);
}

/*
 * One day of subs subscribers: blocks (flows false) or flows. Starts are
 * Poisson: each second draws its count from the rate by inversion.
 */
static void day(struct sink *k, uint32_t subs, bool flows)
{
	double rate = (double)subs * (flows ? FLOWS_DAY : BLOCKS_DAY) / DAY_S;
	unsigned int life = flows ? 300 : 3600;
	struct nat64_event_msg ev;
	struct calendar cal;
	uint64_t t, i, n, base = 1764633600000ULL;	/* a day in 2025 */

	cal_init(&cal, DAY_S + life + 2);
	for (t = 0; t < cal.slots; t++) {
		double l = exp(-rate), p = l, u = uniform();

		for (n = 0; t < DAY_S && u > p && n < 100000; n++) {
			l *= rate / (n + 1);
			p += l;
		}
		for (i = 0; i < n; i++) {
			struct pending e = { rnd() % subs, 1024 + rnd() % 64512,
					     rnd() % 1000 };
			uint64_t at = base + t * 1000 + e.ms;

			if (flows)
				flow(&ev, e.sub, at, true, e.port);
			else
				block(&ev, e.sub, at, true);
			sink_event(k, &ev);
			cal_add(&cal, t + 1 + rnd() % life, e);
		}
		for (i = 0; i < cal.n[t]; i++) {
			struct pending *e = &cal.v[t][i];
			uint64_t at = base + t * 1000 + e->ms;

			if (flows)
				flow(&ev, e->sub, at, false, e->port);
			else
				block(&ev, e->sub, at, false);
			sink_event(k, &ev);
		}
		free(cal.v[t]);
		sink_tick(k, base + (t + 1) * 1000);
	}
	sink_tick(k, base + (t + 60) * 1000);
	free(cal.v);
	free(cal.n);
	free(cal.cap);
}

/* Bytes per subscriber per day of one format: the collector's count. */
static double volume_one(uint32_t subs, bool flows, bool ipfix,
			 enum nd_syslog_format fmt, double *compact)
{
	struct nd_ipfix_conf xc = { .dest = { ND_UDP, "127.0.0.1", "" },
				    .refresh = 600, .flush_ms = 1000 };
	struct nd_syslog_conf sc = { .dest = { ND_UDP, "127.0.0.1", "" },
				     .format = fmt, .facility = 16,
				     .severity = 6, .hostname = "cgn1" };
	struct sink k = { 0 };
	struct collector c;
	char err[256];

	if (collector_start(&c))
		return -1;
	snprintf(xc.dest.port, sizeof(xc.dest.port), "%s", c.port);
	snprintf(sc.dest.port, sizeof(sc.dest.port), "%s", c.port);
	if (ipfix)
		k.ix = nd_ipfix_alloc(&xc, 1764633600000ULL, err, sizeof(err));
	else
		k.sl = nd_syslog_alloc(&sc, err, sizeof(err));
	if (!k.ix && !k.sl) {
		fprintf(stderr, "nat64d-bench: %s\n", err);
		exit(1);
	}
	day(&k, subs, flows);
	if (k.ix)
		nd_ipfix_free(k.ix);
	if (k.sl)
		nd_syslog_free(k.sl);
	collector_stop(&c);
	if (compact)
		*compact = (double)k.compact_bytes / subs;
	fprintf(stderr, "  %s %s: %" PRIu64 " records, %" PRIu64 " datagrams, %" PRIu64 " bytes\n",
		flows ? "per-flow" : "port blocks",
		ipfix ? "ipfix" : fmt == ND_SYSLOG_RFC5424 ? "rfc5424" : "compact",
		k.records, c.datagrams, c.bytes);
	return (double)c.bytes / subs;
}

static int volume(void)
{
	double pba_ix, pba_5424, pba_c, flow_ix, flow_5424, flow_c;
	double det = 0;

	fprintf(stderr, "nat64d-bench: one simulated day, %d subscribers (blocks), %d (flows)\n",
		PBA_SUBS, FLOW_SUBS);
	pba_ix = volume_one(PBA_SUBS, false, true, 0, NULL);
	pba_5424 = volume_one(PBA_SUBS, false, false, ND_SYSLOG_RFC5424, &pba_c);
	flow_ix = volume_one(FLOW_SUBS, true, true, 0, NULL);
	flow_5424 = volume_one(FLOW_SUBS, true, false, ND_SYSLOG_RFC5424, &flow_c);
	printf("bytes per subscriber per day (seed: per-flow 3.1 MB, 1.5 MB optimised; PBA 7 KB, 3.7 KB optimised)\n");
	printf("%-22s %12s %12s %12s\n", "", "IPFIX", "RFC 5424", "compact");
	printf("%-22s %12.0f %12.0f %12.0f\n", "per-flow", flow_ix, flow_5424, flow_c);
	printf("%-22s %12.0f %12.0f %12.0f\n", "port blocks", pba_ix, pba_5424, pba_c);
	printf("%-22s %12.0f %12.0f %12.0f\n", "deterministic", det, det, det);
	printf("bench: pba_ipfix_bytes_per_sub_day %.0f bytes\n", pba_ix);
	printf("bench: pba_syslog_bytes_per_sub_day %.0f bytes\n", pba_c);
	printf("bench: pba_rfc5424_bytes_per_sub_day %.0f bytes\n", pba_5424);
	printf("bench: pba_syslog_bytes_per_record %.1f bytes\n", pba_c / (2 * BLOCKS_DAY));
	printf("bench: flow_ipfix_bytes_per_sub_day %.0f bytes\n", flow_ix);
	printf("bench: flow_syslog_bytes_per_sub_day %.0f bytes\n", flow_c);
	printf("bench: det_bytes_per_sub_day %.0f bytes\n", det);
	return 0;
}

static double secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * n events (a session add and delete for every two) through the IPFIX
 * exporter as fast as it takes them, and what the collector got.
 */
static int rate(uint64_t n)
{
	struct nd_ipfix_conf xc = { .dest = { ND_UDP, "127.0.0.1", "" },
				    .refresh = 600, .flush_ms = 1000 };
	struct nat64_event_msg ev;
	struct nd_counts cnt;
	struct collector c;
	struct nd_ipfix *x;
	uint64_t i, now = 1764633600000ULL, want;
	double t0, t;
	char err[256];

	if (collector_start(&c))
		return 1;
	snprintf(xc.dest.port, sizeof(xc.dest.port), "%s", c.port);
	x = nd_ipfix_alloc(&xc, now, err, sizeof(err));
	if (!x) {
		fprintf(stderr, "nat64d-bench: %s\n", err);
		return 1;
	}
	t0 = secs();
	for (i = 0; i < n; i++) {
		flow(&ev, i % 5000, now, !(i & 1), 1024 + (i >> 1) % 60000);
		nd_ipfix_event(x, &ev, now);
		if (!(i & 1023))
			now = 1764633600000ULL + (uint64_t)((secs() - t0) * 1000);
	}
	nd_ipfix_tick(x, now + 3600000);
	t = secs() - t0;
	nd_ipfix_counts(x, &cnt);
	nd_ipfix_free(x);
	collector_stop(&c);
	want = cnt.bytes;	/* what the exporter wrote, all of it due */
	printf("nat64d exporter: %" PRIu64 " events in %.3f s on one core; sent %" PRIu64
	       ", lost %" PRIu64 "; %" PRIu64 " bytes written, %" PRIu64 " received\n",
	       n, t, cnt.sent, cnt.lost, want, c.bytes);
	printf("bench: nat64d_events_per_s %.0f events/s\n", n / t);
	if (c.bytes != want)
		printf("nat64d-bench: the collector got %" PRIu64 " of %" PRIu64 " bytes: a loss\n",
		       c.bytes, want);
	printf("bench: nat64d_events_lost %" PRIu64 " events\n", cnt.lost);
	return cnt.lost || c.bytes != want;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "volume"))
		return volume();
	if (argc >= 2 && !strcmp(argv[1], "rate"))
		return rate(argc > 2 ? strtoull(argv[2], NULL, 0) : 2000000);
	fprintf(stderr, "usage: nat64d-bench volume | rate [N]\n");
	return 2;
}
