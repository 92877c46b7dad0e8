// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64d: listens to the event stream of the nat64 instances of its
 * network namespace and exports every event to the outputs of its
 * configuration file (syslog lines, IPFIX records).
 *
 *	nat64d [-c FILE] [-d] [-p PIDFILE]	run (foreground unless -d)
 *	nat64d -c FILE --check			check the file and exit
 *
 * SIGHUP reads the file again (a file with a mistake changes nothing and
 * is reported); SIGUSR1 writes the status file now; SIGTERM and SIGINT
 * flush and stop. A gap in an instance's event numbers (the kernel could
 * not deliver, the socket buffer was full) is counted and noted on every
 * output, then the instance's port blocks are dumped and exported again,
 * so that the collectors know every block held (resync, on by default).
 *
 * RFC 7422 section 3 asks that the deterministic rule be logged at each
 * change (the kernel's det-set, det-del events) and once a day: nat64d
 * logs each followed instance's rule as a det-set numbered 0 (its own, not
 * the kernel's) when it starts, after a resync and every det-relog
 * seconds.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "conf.h"
#include "instance.h"
#include "nat64d.h"
#include "state.h"

#define TICK_MS		100
#define STATUS_MS	1000

/* One output of the configuration that runs. */
struct out {
	struct nd_output_conf conf;
	char name[320];
	struct nd_syslog *sl;
	struct nd_ipfix *ix;
};

struct nd {
	const char *path;
	struct nd_conf conf;
	struct out out[ND_OUTPUTS_MAX];
	size_t nout;
	struct nat64_nl nl;		/* the multicast listener */
	struct nat64_event_seqs seqs;
	uint64_t status_at;
	uint64_t det_at;		/* when the rules were last logged */
	/* Counted since the start, for the status file. */
	uint64_t events, unreadable, gaps, missed, overruns, resyncs;
	uint64_t reloads, reload_failures, det_relogs;
};

static volatile sig_atomic_t got_hup, got_usr1, got_term;

static void on_signal(int sig)
{
	if (sig == SIGHUP)
		got_hup = 1;
	else if (sig == SIGUSR1)
		got_usr1 = 1;
	else
		got_term = 1;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- outputs ---------------------------------------------------------- */

static int out_open(struct out *o, const struct nd_output_conf *c,
		    char *err, size_t len)
{
	memset(o, 0, sizeof(*o));
	o->conf = *c;
	nd_output_name(c, o->name, sizeof(o->name));
	if (c->ipfix)
		o->ix = nd_ipfix_alloc(&c->ix, now_ms(), err, len);
	else
		o->sl = nd_syslog_alloc(&c->sl, err, len);
	return o->ix || o->sl ? 0 : -1;
}

static void out_close(struct out *o)
{
	if (o->ix)
		nd_ipfix_free(o->ix);
	if (o->sl)
		nd_syslog_free(o->sl);
	o->ix = NULL;
	o->sl = NULL;
}

static void outs_close(struct nd *d)
{
	while (d->nout)
		out_close(&d->out[--d->nout]);
}

/* Every output of c, or none (err says which failed and why). */
static int outs_open(struct nd *d, const struct nd_conf *c, char *err,
		     size_t len)
{
	char why[256];
	size_t i;

	for (i = 0; i < c->nout; i++) {
		if (out_open(&d->out[i], &c->out[i], why, sizeof(why))) {
			snprintf(err, len, "line %u: %s", c->out[i].line, why);
			while (i)
				out_close(&d->out[--i]);
			return -1;
		}
	}
	d->nout = c->nout;
	return 0;
}

static void dispatch(struct nd *d, const struct nat64_event_msg *ev)
{
	uint64_t now = now_ms();
	size_t i;

	for (i = 0; i < d->nout; i++) {
		if (d->out[i].ix)
			nd_ipfix_event(d->out[i].ix, ev, now);
		else
			nd_syslog_event(d->out[i].sl, ev);
	}
}

/* A line about nat64d itself: syslog outputs and stderr. */
__attribute__((format(printf, 2, 3)))
static void note(struct nd *d, const char *fmt, ...)
{
	uint64_t now = now_ms();
	char text[400];
	va_list ap;
	size_t i;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	fprintf(stderr, "nat64d: %s\n", text);
	for (i = 0; i < d->nout; i++)
		if (d->out[i].sl)
			nd_syslog_note(d->out[i].sl, now, text);
}

/* Flushes what is due (all: everything), refreshes, reconnects. */
static void tick(struct nd *d, bool all)
{
	uint64_t now = now_ms();
	size_t i;

	for (i = 0; i < d->nout; i++) {
		if (d->out[i].ix && all)
			nd_ipfix_flush(d->out[i].ix, now);
		else if (d->out[i].ix)
			nd_ipfix_tick(d->out[i].ix, now);
		else
			nd_syslog_tick(d->out[i].sl, now);
	}
}

/* --- the status file -------------------------------------------------- */

static void status_write(struct nd *d)
{
	char tmp[300];
	struct nd_counts c;
	size_t i;
	FILE *f;

	if (!*d->conf.status)
		return;
	snprintf(tmp, sizeof(tmp), "%s.tmp", d->conf.status);
	f = fopen(tmp, "w");
	if (!f)
		return;
	fprintf(f, "events %" PRIu64 "\nunreadable %" PRIu64 "\n"
		"gaps %" PRIu64 "\nmissed %" PRIu64 "\noverruns %" PRIu64 "\n"
		"resyncs %" PRIu64 "\nreloads %" PRIu64 "\n"
		"reload_failures %" PRIu64 "\ndet_relogs %" PRIu64 "\n",
		d->events, d->unreadable, d->gaps, d->missed, d->overruns,
		d->resyncs, d->reloads, d->reload_failures, d->det_relogs);
	for (i = 0; i < d->nout; i++) {
		if (d->out[i].ix)
			nd_ipfix_counts(d->out[i].ix, &c);
		else
			nd_syslog_counts(d->out[i].sl, &c);
		fprintf(f, "output %s sent %" PRIu64 " lost %" PRIu64
			" bytes %" PRIu64 " messages %" PRIu64
			" reconnects %" PRIu64 "\n", d->out[i].name, c.sent,
			c.lost, c.bytes, c.messages, c.reconnects);
	}
	if (fclose(f) || rename(tmp, d->conf.status))
		unlink(tmp);
}

/* --- the deterministic rule (RFC 7422 section 3) --------------------- */

/*
 * The instance's rule, as a det-set numbered 0 on every output (IPFIX has
 * no record for it), with the blocks and ports a block the formula gives
 * it. An instance with no rule (ENOENT) or that is not nat64 (EINVAL) has
 * nothing to log.
 */
static void det_log(struct nd *d, struct nat64_nl *req, const char *instance)
{
	struct nat64_event_msg ev = {
		.cmd = NAT64_CMD_EVENT, .readable = true,
		.type = NAT64_EV_DET_SET, .seq = 0,
	};
	struct nat64_det rule;
	int err = nat64_det_get(req, instance, &rule);

	if (err == -ENOENT || err == -EINVAL)
		return;
	if (err) {
		note(d, "rule of %s not logged: %s", instance, req->errmsg);
		return;
	}
	snprintf(ev.instance, sizeof(ev.instance), "%s", instance);
	ev.time_ms = now_ms();
	ev.det = rule;
	ev.det.blocks = nat64_det_blocks(&rule);
	ev.limit = nat64_det_ports(&rule);
	d->det_relogs++;
	dispatch(d, &ev);
}

/* The rule of every instance followed: at start, every det-relog seconds. */
static void det_log_all(struct nd *d)
{
	struct nat64_instance_list list = { 0 };
	struct nat64_nl req;
	size_t i;

	d->det_at = now_ms();
	if (nat64_nl_open(&req)) {
		note(d, "rules not logged: %s", req.errmsg);
		return;
	}
	if (d->conf.ninstances) {
		for (i = 0; i < d->conf.ninstances; i++)
			det_log(d, &req, d->conf.instances[i]);
	} else if (!nat64_instance_dump(&req, false, &list)) {
		for (i = 0; i < list.n; i++)
			if (list.v[i].mode == NAT64_MODE_NAT64)
				det_log(d, &req, list.v[i].name);
		nat64_instance_list_free(&list);
	} else {
		note(d, "rules not logged: %s", req.errmsg);
	}
	nat64_nl_close(&req);
}

/* --- the event stream ------------------------------------------------- */

/*
 * Exports every port block the instance holds again, each as an
 * allocation stamped now, then its deterministic rule: after a gap, a
 * collector may have missed any of them.
 */
static void resync(struct nd *d, const char *instance)
{
	struct nat64_pba_list list = { 0 };
	struct nat64_event_msg ev;
	struct nat64_nl req;
	size_t i;
	int err;

	if (nat64_nl_open(&req)) {
		note(d, "resync %s failed: %s", instance, req.errmsg);
		return;
	}
	err = nat64_pba_dump(&req, instance, &list);
	if (err) {
		note(d, "resync %s failed: %s", instance, req.errmsg);
		goto out;
	}
	d->resyncs++;
	note(d, "resync %s: %zu port blocks, current at event %" PRIu64,
	     instance, list.n, list.seq);
	memset(&ev, 0, sizeof(ev));
	ev.cmd = NAT64_CMD_EVENT;
	ev.readable = true;
	snprintf(ev.instance, sizeof(ev.instance), "%s", instance);
	ev.type = NAT64_EV_PBA_ALLOC;
	ev.seq = list.seq;
	ev.time_ms = now_ms();
	for (i = 0; i < list.n; i++) {
		ev.prefix6 = list.v[i].prefix6;
		ev.plen6 = list.v[i].plen6;
		ev.addr4 = list.v[i].addr4;
		ev.port_min = list.v[i].port_min;
		ev.port_max = list.v[i].port_max;
		dispatch(d, &ev);
	}
	nat64_pba_list_free(&list);
	det_log(d, &req, instance);
out:
	nat64_nl_close(&req);
}

static int on_msg(const struct nat64_event_msg *ev, void *arg)
{
	struct nd *d = arg;
	uint64_t n, from;

	if (!ev->readable) {
		d->unreadable++;
		return 0;
	}
	if (ev->cmd == NAT64_CMD_INSTANCE_NEW ||
	    ev->cmd == NAT64_CMD_INSTANCE_DEL) {
		nat64_event_seq_forget(&d->seqs, ev->instance);
		return 0;
	}
	if (ev->cmd != NAT64_CMD_EVENT || !nd_conf_wants(&d->conf, ev->instance))
		return 0;
	n = nat64_event_seq_note(&d->seqs, ev->instance, ev->seq, &from);
	if (n) {
		d->gaps++;
		d->missed += n;
		note(d, "lost %" PRIu64 " events of %s (seq %" PRIu64 "-%" PRIu64 ")",
		     n, ev->instance, from, from + n - 1);
	}
	d->events++;
	dispatch(d, ev);
	if (n && d->conf.resync)
		resync(d, ev->instance);
	return 0;
}

static void drain(struct nd *d)
{
	int err;

	for (;;) {
		err = nat64_event_recv(&d->nl, on_msg, d);
		if (err == -EAGAIN)
			return;
		if (err == -ENOBUFS) {
			d->overruns++;
			note(d, "receive buffer overrun: events were lost (rcvbuf %d)",
			     d->conf.rcvbuf);
			continue;
		}
		if (err < 0) {
			note(d, "reading events: %s", d->nl.errmsg);
			return;
		}
	}
}

/* --- configuration ---------------------------------------------------- */

static int listen_events(struct nd *d)
{
	int err = nat64_event_listen(&d->nl, d->conf.rcvbuf);

	if (err)
		fprintf(stderr, "nat64d: listening to events: %s\n",
			d->nl.errmsg);
	return err;
}

/* SIGHUP: the new file, or nothing changes. */
static void reload(struct nd *d)
{
	static struct nd_conf c;	/* large: not on the stack */
	char err[400];
	int rcvbuf = d->conf.rcvbuf;

	if (nd_conf_load(d->path, &c, err, sizeof(err))) {
		d->reload_failures++;
		note(d, "reload failed, configuration unchanged: %s", err);
		return;
	}
	outs_close(d);
	d->conf = c;
	if (outs_open(d, &d->conf, err, sizeof(err))) {
		d->reload_failures++;
		fprintf(stderr, "nat64d: reload: %s\n", err);
		return;
	}
	if (d->conf.rcvbuf != rcvbuf) {
		nat64_nl_close(&d->nl);
		if (listen_events(d))
			got_term = 1;
	}
	d->reloads++;
	note(d, "reloaded %s: %zu outputs", d->path, d->nout);
}

static void usage(FILE *f)
{
	fprintf(f, "usage: nat64d [-c FILE] [-d] [-p PIDFILE]\n"
		   "       nat64d [-c FILE] --check\n"
		   "Exports the nat64 event stream to syslog and IPFIX collectors\n"
		   "(nat64d(8), nat64d.conf(5)). FILE: /etc/nat64d.conf\n");
}

static void signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static void run(struct nd *d)
{
	struct pollfd p = { .fd = nl_socket_get_fd(d->nl.sk), .events = POLLIN };

	while (!got_term) {
		if (poll(&p, 1, TICK_MS) > 0)
			drain(d);
		if (got_hup) {
			got_hup = 0;
			reload(d);
			p.fd = nl_socket_get_fd(d->nl.sk);
		}
		tick(d, false);
		if (d->conf.det_relog &&
		    now_ms() - d->det_at >= d->conf.det_relog * 1000ULL)
			det_log_all(d);
		if (got_usr1 || now_ms() - d->status_at >= STATUS_MS) {
			got_usr1 = 0;
			d->status_at = now_ms();
			status_write(d);
		}
	}
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "check", no_argument, NULL, 'C' },
		{ "daemon", no_argument, NULL, 'd' },
		{ "pidfile", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	static struct nd d = { .path = "/etc/nat64d.conf" };
	const char *pidfile = NULL;
	bool check = false, daemonize = false;
	char err[400];
	int c;

	while ((c = getopt_long(argc, argv, "c:dp:h", opts, NULL)) != -1) {
		switch (c) {
		case 'c': d.path = optarg; break;
		case 'C': check = true; break;
		case 'd': daemonize = true; break;
		case 'p': pidfile = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (nd_conf_load(d.path, &d.conf, err, sizeof(err))) {
		fprintf(stderr, "nat64d: %s\n", err);
		return 1;
	}
	if (check)
		return 0;
	nat64_event_seqs_init(&d.seqs);
	if (listen_events(&d))
		return 1;
	if (outs_open(&d, &d.conf, err, sizeof(err))) {
		fprintf(stderr, "nat64d: %s\n", err);
		return 1;
	}
	if (daemonize && daemon(0, 0)) {
		perror("nat64d: daemon");
		return 1;
	}
	if (pidfile) {
		FILE *f = fopen(pidfile, "w");

		if (f) {
			fprintf(f, "%d\n", getpid());
			fclose(f);
		}
	}
	signals();
	note(&d, "started: %zu outputs", d.nout);
	det_log_all(&d);
	run(&d);
	note(&d, "stopping");
	tick(&d, true);
	status_write(&d);	/* the final counts */
	outs_close(&d);
	nat64_nl_close(&d.nl);
	if (pidfile)
		unlink(pidfile);
	return 0;
}
