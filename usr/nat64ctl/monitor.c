// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64ctl monitor: print what the instances of the namespace multicast to
 * the group "events" (nat64.h), one line a message, as it comes: a
 * carrier's log of port blocks (RFC 6888 REQ-12, -14), static BIB entries,
 * instances created and deleted.
 *
 * Nothing is lost silently: each event carries its instance's number, and
 * a gap in the numbers is printed as a "lost" line before the event that
 * shows it; a receive buffer that overflowed is printed as an "overrun"
 * line when the kernel reports it. The totals go to standard error at the
 * end.
 *
 * The monitor waits in ppoll(), the only place where SIGINT and SIGTERM
 * are let in (libnl retries a read that a signal interrupts, so a read
 * must never block): a signal ends it between two messages, cleanly.
 */
#define _GNU_SOURCE	/* ppoll() */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>

#include "event.h"
#include "json.h"
#include "nat64ctl.h"
#include "parse.h"
#include "state.h"

#define RCVBUF_DEFAULT	(1 << 20)
#define RCVBUF_MIN	4096

/* Room for "-2147481748-12-31T23:59:59.999Z". */
#define TIME_STRLEN 40

struct monitor {
	const struct nat64ctl *ctl;
	uint64_t count;		/* --count: stop after this many events; 0: never */
	uint64_t events;	/* NAT64_CMD_EVENT messages printed */
	uint64_t lost;		/* events the numbers say were missed */
	int status;		/* the exit status, once stopped */
	struct nat64_event_seqs seqs;
};

static volatile sig_atomic_t stopped;

static void on_signal(int sig)
{
	(void)sig;
	stopped = 1;
}

/*
 * SIGINT and SIGTERM end the monitor. They stay blocked but while it
 * waits: *wait is the mask to wait with. They are caught even when the
 * monitor was started with them ignored (as a shell starts '&' jobs), so
 * that 'kill -INT' ends it cleanly all the same.
 */
static int catch_signals(sigset_t *wait)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigemptyset(&sa.sa_mask);
	if (sigprocmask(SIG_BLOCK, &set, wait) ||
	    sigaction(SIGINT, &sa, NULL) || sigaction(SIGTERM, &sa, NULL))
		return -errno;
	sigdelset(wait, SIGINT);
	sigdelset(wait, SIGTERM);
	return 0;
}

/* ISO 8601, UTC, with milliseconds: "2026-12-02T01:02:03.456Z". */
static const char *time_str(uint64_t ms, char buf[TIME_STRLEN])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	size_t n;

	if (ms / 1000 > (uint64_t)INT64_MAX || !gmtime_r(&t, &tm) ||
	    !(n = strftime(buf, TIME_STRLEN, "%Y-%m-%dT%H:%M:%S", &tm))) {
		snprintf(buf, TIME_STRLEN, "-");
		return buf;
	}
	snprintf(buf + n, TIME_STRLEN - n, ".%03uZ", (unsigned int)(ms % 1000));
	return buf;
}

/* An event's name: "pba-alloc", or "event<N>" for one we do not know. */
static const char *event_str(unsigned int type, char buf[16])
{
	const char *s = nat64_event_name(type);

	if (s)
		return s;
	snprintf(buf, 16, "event%u", type);
	return buf;
}

static const char *proto_str(unsigned int proto, char buf[16])
{
	const char *s = nat64_proto_name(proto);

	if (s)
		return s;
	snprintf(buf, 16, "proto%u", proto);
	return buf;
}

/* What an event names, as strings. */
struct words {
	char time[TIME_STRLEN];
	const char *event;
	char sub[NAT64_PREFIX6_STRLEN];
	char addr4[INET_ADDRSTRLEN];
	char addr6[INET6_ADDRSTRLEN];
	char remote4[INET_ADDRSTRLEN];
	const char *proto;
	char buf[2][16];	/* event and proto, for ones we do not know */
	char det6[NAT64_PREFIX6_STRLEN];	/* DET_*: the rule's prefixes */
	char det4[INET_ADDRSTRLEN + 4];
	const char *threshold;	/* THRESHOLD: which */
	char buf_th[16];
};

/* RFC 8158's natThresholdEvent values we send, as words. */
static const char *threshold_str(unsigned int t, char *buf)
{
	if (t == NAT64_TH_MAPPINGS)
		return "mappings";
	if (t == NAT64_TH_SUB_MAPPINGS)
		return "subscriber-mappings";
	snprintf(buf, 16, "threshold%u", t);
	return buf;
}

static void words_of(const struct nat64_event_msg *ev, struct words *w)
{
	char a[INET6_ADDRSTRLEN], a4[INET_ADDRSTRLEN];

	time_str(ev->time_ms, w->time);
	w->event = event_str(ev->type, w->buf[0]);
	inet_ntop(AF_INET6, &ev->prefix6, a, sizeof(a));
	snprintf(w->sub, sizeof(w->sub), "%s/%u", a, ev->plen6);
	inet_ntop(AF_INET, &ev->addr4, w->addr4, sizeof(w->addr4));
	inet_ntop(AF_INET6, &ev->addr6, w->addr6, sizeof(w->addr6));
	inet_ntop(AF_INET, &ev->remote4, w->remote4, sizeof(w->remote4));
	w->proto = proto_str(ev->proto, w->buf[1]);
	w->threshold = threshold_str(ev->threshold, w->buf_th);
	inet_ntop(AF_INET6, &ev->det.prefix6, a, sizeof(a));
	snprintf(w->det6, sizeof(w->det6), "%s/%u", a, ev->det.plen6);
	inet_ntop(AF_INET, &ev->det.addr4, a4, sizeof(a4));
	snprintf(w->det4, sizeof(w->det4), "%s/%u", a4, ev->det.plen4);
}

/* SEQ TIME INSTANCE EVENT FIELDS */
static void event_text(const struct nat64_event_msg *ev,
		       const struct words *w)
{
	printf("%" PRIu64 " %s %s %s", ev->seq, w->time, ev->instance,
	       w->event);
	switch (nat64_event_shape(ev->type)) {
	case NAT64_EVENT_BLOCK:
		printf(" %s %s %u-%u", w->sub, w->addr4, ev->port_min,
		       ev->port_max);
		break;
	case NAT64_EVENT_SUBSCRIBER:
		printf(" %s %s", w->sub, w->addr4);
		if (ev->limit)
			printf(" limit %u", ev->limit);
		break;
	case NAT64_EVENT_BIB:
	case NAT64_EVENT_SESSION:
		printf(" %s [%s]#%u %s#%u", w->proto, w->addr6, ev->port6,
		       w->addr4, ev->port4);
		if (nat64_event_shape(ev->type) == NAT64_EVENT_SESSION)
			printf(" %s#%u", w->remote4, ev->rport);
		break;
	case NAT64_EVENT_POOL:
		printf(" %s %s pool %u", w->proto, w->sub, ev->pool_id);
		break;
	case NAT64_EVENT_THRESHOLD:
		printf(" %s %u pool %u", w->threshold, ev->limit, ev->pool_id);
		if (ev->threshold == NAT64_TH_SUB_MAPPINGS)
			printf(" %s %s", w->sub, w->addr4);
		break;
	case NAT64_EVENT_DET:
		printf(" %s /%u %s %u-%u blocks %u ports %u", w->det6,
		       ev->det.sub_len, w->det4, ev->det.port_min,
		       ev->det.port_max, ev->det.blocks, ev->limit);
		break;
	default:
		break;
	}
	putchar('\n');
}

static void event_json(const struct nat64_event_msg *ev,
		       const struct words *w)
{
	enum nat64_event_shape shape = nat64_event_shape(ev->type);
	struct nat64_json j;

	nat64_json_init(&j, stdout);
	nat64_json_object_begin(&j);
	nat64_json_kv_u64(&j, "seq", ev->seq);
	nat64_json_kv_u64(&j, "time_ms", ev->time_ms);
	nat64_json_kv_string(&j, "time", w->time);
	nat64_json_kv_string(&j, "instance", ev->instance);
	nat64_json_kv_string(&j, "event", w->event);
	if (shape == NAT64_EVENT_BLOCK || shape == NAT64_EVENT_SUBSCRIBER) {
		nat64_json_kv_string(&j, "subscriber", w->sub);
		nat64_json_kv_string(&j, "address", w->addr4);
	}
	if (shape == NAT64_EVENT_BLOCK) {
		nat64_json_kv_u64(&j, "port_min", ev->port_min);
		nat64_json_kv_u64(&j, "port_max", ev->port_max);
	}
	if (shape == NAT64_EVENT_SUBSCRIBER && ev->limit)
		nat64_json_kv_u64(&j, "limit", ev->limit);
	if (shape == NAT64_EVENT_BIB || shape == NAT64_EVENT_SESSION) {
		nat64_json_kv_string(&j, "proto", w->proto);
		nat64_json_kv_string(&j, "addr6", w->addr6);
		nat64_json_kv_u64(&j, "port6", ev->port6);
		nat64_json_kv_string(&j, "addr4", w->addr4);
		nat64_json_kv_u64(&j, "port4", ev->port4);
	}
	if (shape == NAT64_EVENT_SESSION) {
		nat64_json_kv_string(&j, "remote4", w->remote4);
		nat64_json_kv_u64(&j, "rport", ev->rport);
	}
	if (shape == NAT64_EVENT_POOL) {
		nat64_json_kv_string(&j, "proto", w->proto);
		nat64_json_kv_string(&j, "subscriber", w->sub);
	}
	if (shape == NAT64_EVENT_THRESHOLD) {
		nat64_json_kv_string(&j, "threshold", w->threshold);
		nat64_json_kv_u64(&j, "limit", ev->limit);
		if (ev->threshold == NAT64_TH_SUB_MAPPINGS) {
			nat64_json_kv_string(&j, "subscriber", w->sub);
			nat64_json_kv_string(&j, "address", w->addr4);
		}
	}
	if (shape == NAT64_EVENT_POOL || shape == NAT64_EVENT_THRESHOLD)
		nat64_json_kv_u64(&j, "pool_id", ev->pool_id);
	if (shape == NAT64_EVENT_DET) {
		nat64_json_kv_string(&j, "prefix6", w->det6);
		nat64_json_kv_u64(&j, "subscriber_len", ev->det.sub_len);
		nat64_json_kv_string(&j, "prefix4", w->det4);
		nat64_json_kv_u64(&j, "port_min", ev->det.port_min);
		nat64_json_kv_u64(&j, "port_max", ev->det.port_max);
		nat64_json_kv_u64(&j, "blocks", ev->det.blocks);
		nat64_json_kv_u64(&j, "block_ports", ev->limit);
	}
	nat64_json_object_end(&j);
	nat64_json_end(&j);
}

/* A line is out: 0, or 1 (stop) when the output cannot be written. */
static int flushed(struct monitor *m)
{
	if (!fflush(stdout) && !ferror(stdout))
		return 0;
	/* main() says why, once. */
	m->status = NAT64CTL_REFUSED;
	return 1;
}

/* lost N events of INSTANCE (seq A-B) */
static void lost_line(const struct monitor *m, const char *inst,
		      uint64_t n, uint64_t from)
{
	struct nat64_json j;

	if (!m->ctl->json) {
		/* One form for every N: a program reads it. */
		printf("lost %" PRIu64 " events of %s (seq %" PRIu64 "-%" PRIu64 ")\n",
		       n, inst, from, from + n - 1);
		return;
	}
	nat64_json_init(&j, stdout);
	nat64_json_object_begin(&j);
	nat64_json_kv_string(&j, "event", "lost");
	nat64_json_kv_string(&j, "instance", inst);
	nat64_json_kv_u64(&j, "lost", n);
	nat64_json_kv_u64(&j, "from", from);
	nat64_json_kv_u64(&j, "to", from + n - 1);
	nat64_json_object_end(&j);
	nat64_json_end(&j);
}

/* NAT64_CMD_EVENT: a gap first, if its number shows one. */
static int on_event(struct monitor *m, const struct nat64_event_msg *ev)
{
	uint64_t from, n;
	struct words w;

	n = nat64_event_seq_note(&m->seqs, ev->instance, ev->seq, &from);
	if (n) {
		m->lost += n;
		lost_line(m, ev->instance, n, from);
	}
	words_of(ev, &w);
	if (m->ctl->json)
		event_json(ev, &w);
	else
		event_text(ev, &w);
	m->events++;
	if (flushed(m))
		return 1;
	if (m->count && m->events >= m->count) {
		m->status = NAT64CTL_OK;
		return 1;
	}
	return 0;
}

/*
 * instance-new NAME MODE, instance-del NAME MODE; a command we do not know
 * prints as command<N> with its instance, if any.
 */
static int on_other(struct monitor *m, const struct nat64_event_msg *ev)
{
	bool inst = ev->cmd == NAT64_CMD_INSTANCE_NEW ||
		    ev->cmd == NAT64_CMD_INSTANCE_DEL;
	char cmd[16], buf[16];
	const char *what = cmd, *mode = "";
	struct nat64_json j;

	if (inst) {
		/* A new instance numbers its events from 1 again. */
		nat64_event_seq_forget(&m->seqs, ev->instance);
		what = ev->cmd == NAT64_CMD_INSTANCE_NEW ? "instance-new" :
							    "instance-del";
		mode = nat64ctl_mode_str(ev->mode, buf);
	} else {
		snprintf(cmd, sizeof(cmd), "command%u", ev->cmd);
	}
	if (!m->ctl->json) {
		printf("%s %s%s%s\n", what, *ev->instance ? ev->instance : "-",
		       inst ? " " : "", inst ? mode : "");
		return flushed(m);
	}
	nat64_json_init(&j, stdout);
	nat64_json_object_begin(&j);
	nat64_json_kv_string(&j, "event", what);
	if (*ev->instance)
		nat64_json_kv_string(&j, "instance", ev->instance);
	if (inst)
		nat64_json_kv_string(&j, "mode", mode);
	nat64_json_object_end(&j);
	nat64_json_end(&j);
	return flushed(m);
}

static int on_msg(const struct nat64_event_msg *ev, void *arg)
{
	struct monitor *m = arg;

	if (!ev->readable) {
		fprintf(stderr, "nat64ctl: monitor: skipped a message we cannot read (command %u)\n",
			ev->cmd);
		return 0;
	}
	if (ev->cmd == NAT64_CMD_EVENT)
		return on_event(m, ev);
	return on_other(m, ev);
}

/* The kernel dropped messages: the next numbers say how many. */
static int overrun(struct monitor *m)
{
	if (m->ctl->json)
		printf("{\"event\":\"overrun\"}\n");
	else
		printf("overrun: the receive buffer was full, events were lost\n");
	return flushed(m);
}

/* Until a signal, --count events, or an error: the exit status. */
static int listen_loop(struct monitor *m, struct nat64_nl *nl,
		       const sigset_t *wait)
{
	struct pollfd pfd = { .fd = nl_socket_get_fd(nl->sk), .events = POLLIN };
	int err;

	while (!stopped) {
		if (ppoll(&pfd, 1, NULL, wait) < 0) {
			err = errno;
			if (err == EINTR)
				continue;
			nat64_nl_set_error(nl, -err, "cannot wait for events: %s",
					   strerror(err));
			return nat64ctl_refused(m->ctl, nl);
		}
		err = nat64_event_recv(nl, on_msg, m);
		if (err == -ENOBUFS)
			err = overrun(m);
		if (err > 0)
			return m->status;
		if (err < 0 && err != -EAGAIN)
			return nat64ctl_refused(m->ctl, nl);
	}
	return NAT64CTL_OK;
}

/* --count N and --rcvbuf BYTES, as --NAME VALUE or --NAME=VALUE. */
static const char *const opt_names[] = { "--count", "--rcvbuf" };

/*
 * Whether argv[*i] is one of opt_names: its index, with *val its value
 * (NULL when missing; *i moves past a separate one), or -1.
 */
static int option(int argc, char **argv, int *i, const char **val)
{
	size_t k, n;

	for (k = 0; k < sizeof(opt_names) / sizeof(opt_names[0]); k++) {
		n = strlen(opt_names[k]);
		if (strncmp(argv[*i], opt_names[k], n))
			continue;
		if (argv[*i][n] == '=') {
			*val = argv[*i] + n + 1;
			return k;
		}
		if (argv[*i][n] == '\0') {
			*val = *i + 1 < argc ? argv[++*i] : NULL;
			return k;
		}
	}
	return -1;
}

static int set_option(const struct nat64ctl *ctl, int k, const char *val,
		      struct monitor *m, int *rcvbuf)
{
	unsigned long long v;
	char q[64];

	if (!val)
		return nat64ctl_usage(ctl, "%s needs a number", opt_names[k]);
	nat64_quote(val, q, sizeof(q));
	if (k == 0) {
		if (m->count)
			return nat64ctl_usage(ctl, "--count given twice");
		if (nat64_parse_uint(val, 1, ULLONG_MAX, &v))
			return nat64ctl_usage(ctl, "invalid --count '%s': N is a number of events, 1 or more", q);
		m->count = v;
		return NAT64CTL_OK;
	}
	if (*rcvbuf)
		return nat64ctl_usage(ctl, "--rcvbuf given twice");
	if (nat64_parse_uint(val, RCVBUF_MIN, INT_MAX, &v))
		return nat64ctl_usage(ctl, "invalid --rcvbuf '%s': BYTES is a number %d-%d", q,
				      RCVBUF_MIN, INT_MAX);
	*rcvbuf = v;
	return NAT64CTL_OK;
}

static int parse_options(const struct nat64ctl *ctl, int argc, char **argv,
			 struct monitor *m, int *rcvbuf)
{
	const char *val;
	char q[64];
	int i, k, ret;

	*rcvbuf = 0;
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--") && i + 1 < argc)
			return nat64ctl_usage(ctl, "unexpected argument '%s'",
					      nat64_quote(argv[i + 1], q, sizeof(q)));
		if (!strcmp(argv[i], "--"))
			break;
		k = option(argc, argv, &i, &val);
		if (k < 0)
			return nat64ctl_usage(ctl, argv[i][0] == '-' ?
					      "unknown option '%s'" :
					      "unexpected argument '%s'",
					      nat64_quote(argv[i], q, sizeof(q)));
		ret = set_option(ctl, k, val, m, rcvbuf);
		if (ret)
			return ret;
	}
	if (!*rcvbuf)
		*rcvbuf = RCVBUF_DEFAULT;
	return NAT64CTL_OK;
}

/* monitor [--count N] [--rcvbuf BYTES] */
static int cmd_monitor(struct nat64ctl *ctl, int argc, char **argv)
{
	struct monitor m = { .ctl = ctl };
	struct nat64_nl nl;
	sigset_t wait;
	int rcvbuf, ret;

	ret = parse_options(ctl, argc, argv, &m, &rcvbuf);
	if (ret)
		return ret;
	if (nat64_event_listen(&nl, rcvbuf))
		return nat64ctl_refused(ctl, &nl);
	nat64_event_seqs_init(&m.seqs);
	ret = catch_signals(&wait);
	if (ret) {
		nat64_nl_set_error(&nl, ret, "cannot catch signals: %s",
				   strerror(-ret));
		ret = nat64ctl_refused(ctl, &nl);
	} else {
		ret = listen_loop(&m, &nl, &wait);
		fprintf(stderr, "nat64ctl: monitor: %" PRIu64 " events, %" PRIu64 " lost\n",
			m.events, m.lost);
	}
	nat64_nl_close(&nl);
	return ret;
}

static const struct nat64ctl_cmd cmds[] = {
	{
		.name = "events",
		.args = "[--count N] [--rcvbuf BYTES]",
		.summary = "Print the events of every instance of the namespace as they come.",
		.help = "  --count N       stop after N events (NAT64_CMD_EVENT messages);\n"
			"                  else run until SIGINT or SIGTERM (status 0)\n"
			"  --rcvbuf BYTES  the socket's receive buffer, 4096 or more; left\n"
			"                  out: 1 MiB (past net.core.rmem_max only with\n"
			"                  CAP_NET_ADMIN)\n"
			"\n"
			"One line a message, written out at once:\n"
			"  SEQ TIME INSTANCE EVENT FIELDS, TIME in UTC (ISO 8601, ms):\n"
			"    pba-alloc, pba-release  SUBSCRIBER ADDRESS MIN-MAX\n"
			"    pba-full, quota, sub-add, sub-del\n"
			"                            SUBSCRIBER ADDRESS\n"
			"    bib-add, bib-del        PROTO [IPV6]#PORT IPV4#PORT\n"
			"    session-add, session-del\n"
			"                            PROTO [IPV6]#PORT IPV4#PORT PEER#PORT\n"
			"    addr-full               PROTO SUBSCRIBER pool ID\n"
			"    threshold               mappings LIMIT pool ID, or\n"
			"                            subscriber-mappings LIMIT pool ID\n"
			"                            SUBSCRIBER ADDRESS\n"
			"    det-set, det-del        PREFIX6 /LEN PREFIX4 MIN-MAX blocks S\n"
			"                            ports K\n"
			"  instance-new NAME MODE, instance-del NAME MODE\n"
			"  lost N events of INSTANCE (seq A-B): a gap in its numbers\n"
			"  overrun: the receive buffer was full, events were lost\n"
			"JSON: one object a line, {\"seq\", \"time_ms\", \"time\", \"instance\",\n"
			"\"event\", then \"subscriber\", \"address\", \"port_min\", \"port_max\" or\n"
			"\"proto\", \"addr6\", \"port6\", \"addr4\", \"port4\" (sessions add\n"
			"\"remote4\", \"rport\"), or \"threshold\", \"limit\", \"pool_id\", or\n"
			"\"prefix6\", \"subscriber_len\", \"prefix4\", \"blocks\",\n"
			"\"block_ports\"}; {\"event\":\n"
			"\"instance-new\" or \"instance-del\", \"instance\", \"mode\"}; {\"event\":\n"
			"\"lost\", \"instance\", \"lost\", \"from\", \"to\"}; {\"event\": \"overrun\"}.\n"
			"At the end, on standard error: 'nat64ctl: monitor: N events, M lost'.\n"
			"'nat64ctl pba list' gives the blocks an instance holds, and the SEQ\n"
			"they are current at.\n",
		.run = cmd_monitor,
	},
	{ 0 }
};

const struct nat64ctl_object nat64ctl_monitor = {
	.name = "monitor",
	.summary = "Listen to the events of the namespace's instances ('events' may be left out).",
	.cmds = cmds,
	.dflt = "events",
	.implicit = true,
};
