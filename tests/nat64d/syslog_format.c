// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64d's syslog output (usr/nat64d/syslog.c, format.c) on the host:
 * the compact lines byte for byte, their worst-case lengths, the RFC 5424
 * line and its escaping, every kind of threshold, the deterministic rule
 * (nat64d's own reminder too), and the transports against loopback
 * listeners made here (UDP datagrams, TCP octet-counted frames, a TCP
 * collector that goes away and comes back, a local datagram socket).
 * Prints "ok N - what" or "not ok N - what" a check; exit status 1 on any
 * failure.
 *
 *   cd /work/main && make -C usr lib/libnat64.a &&
 *   gcc -Wall -Wextra -Werror -std=gnu11 -Iinclude/uapi -Iusr/lib -Isrc \
 *	-Iusr/nat64d $(pkg-config --cflags libnl-genl-3.0) \
 *	-o /tmp/syslog_format tests/nat64d/syslog_format.c \
 *	usr/nat64d/syslog.c usr/nat64d/format.c usr/lib/libnat64.a \
 *	$(pkg-config --libs libnl-genl-3.0) &&
 *   /tmp/syslog_format
 *
 * With a real rsyslog (a private instance; the system's is not touched):
 * "syslog_format --send HOST PORT" sends every event type, an instance
 * name to escape and a note, in both formats, over UDP and then TCP to
 * HOST PORT; "syslog_format --send /PATH 0" the same to a local datagram
 * socket (imuxsock's). Checked with rsyslogd 8.2302:
 *
 *   mkdir -p /tmp/rs.work && rm -f /tmp/rs.out && cat > /tmp/rs.conf <<'EOF'
 *   global(workDirectory="/tmp/rs.work")
 *   module(load="imuxsock" SysSock.Use="off")
 *   module(load="imudp")
 *   module(load="imtcp")
 *   input(type="imuxsock" Socket="/tmp/rs.sock")
 *   input(type="imuxsock" Socket="/tmp/rs-plain.sock" UseSpecialParser="off")
 *   input(type="imudp" port="5514")
 *   input(type="imtcp" port="5514")
 *   $template raw,"%inputname%|%msg%|%structured-data%|%hostname%|%app-name%|%procid%|%msgid%|%pri%|%timereported:::date-rfc3339%\n"
 *   *.* /tmp/rs.out;raw
 *   EOF
 *   rsyslogd -n -f /tmp/rs.conf -i /tmp/rs.pid & RS=$!; sleep 1.5
 *   /tmp/syslog_format --send 127.0.0.1 5514
 *   /tmp/syslog_format --send /tmp/rs.sock 0
 *   /tmp/syslog_format --send /tmp/rs-plain.sock 0
 *   sleep 1; kill $RS; wait $RS
 *
 * Each (input, format) is sent 14 messages. imuxsock's socket queues
 * net.unix.max_dgram_qlen datagrams (10 by default) and the burst does not
 * wait: a local send the queue refuses is counted lost in the line the
 * tool prints ("local rfc5424: sent 13 lost 1"), and /tmp/rs.out has 112
 * lines less those (109 in the last run). imudp and imtcp (octet-counted
 * frames) parse both formats:
 *
 *   imtcp|pba-alloc 194.219.240.252 5120-6143 2a02:2149:ff01:6869|[nat64@32473 inst="default" seq="12" sub="2a02:2149:ff01:6869::/64" addr4="194.219.240.252" ports="5120-6143"]|testhost|nat64d|PID|PBA_ALLOC|134|2013-09-19T10:08:10.850Z
 *   imudp| 10:08:10 A 194.219.240.252 5120-6143 2a02:2149:ff01:6869|-|testhost|nat64d|PID|-|134|YEAR-09-19T10:08:10+00:00
 *
 * (RFC 3164 has no year: rsyslog supplies the current one). imuxsock
 * takes the local hostname and its own time; with its default ("special")
 * parser the compact form comes out right but RFC 5424 does not
 * (app-name "1", the whole line in msg); with UseSpecialParser="off" both
 * do. %msg% of the compact form starts with a space (RFC 3164); a file
 * template of "%msg:2:$%\n" stores exactly the compact line.
 */
#include <errno.h>
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

#include "format.h"
#include "tap.h"

#define T0_MS	1379585290850ULL	/* 2013-09-19T10:08:10.850Z */


static void check_str(const char *got, const char *want, const char *what)
{
	check(!strcmp(got, want), "%s", what);
	if (strcmp(got, want))
		printf("# got:  '%s'\n# want: '%s'\n", got, want);
}

/* --- events ------------------------------------------------------------- */

static struct nat64_event_msg event(unsigned int type)
{
	struct nat64_event_msg ev = {
		.cmd = NAT64_CMD_EVENT, .readable = true, .type = type,
		.seq = 12, .time_ms = T0_MS, .plen6 = 64, .port_min = 5120,
		.port_max = 6143, .proto = 6, .port6 = 80, .port4 = 8080,
		.rport = 443,
	};

	strcpy(ev.instance, "default");
	inet_pton(AF_INET6, "2a02:2149:ff01:6869::", &ev.prefix6);
	inet_pton(AF_INET, "194.219.240.252", &ev.addr4);
	inet_pton(AF_INET6, "2001:db8::5", &ev.addr6);
	inet_pton(AF_INET, "198.51.100.9", &ev.remote4);
	return ev;
}

static const unsigned int types[] = {
	NAT64_EV_PBA_ALLOC, NAT64_EV_PBA_RELEASE, NAT64_EV_PBA_FULL,
	NAT64_EV_QUOTA, NAT64_EV_BIB_ADD, NAT64_EV_BIB_DEL,
	NAT64_EV_SESSION_ADD, NAT64_EV_SESSION_DEL, NAT64_EV_ADDR_FULL,
	NAT64_EV_THRESHOLD, NAT64_EV_DET_SET, NAT64_EV_DET_DEL,
	NAT64_EV_SUB_ADD, NAT64_EV_SUB_DEL,
};
#define NTYPES (sizeof(types) / sizeof(types[0]))

/*
 * The rule of docs/logging.md's worked example: 2^16 subscribers /56 on
 * 256 addresses, S = 256 blocks of K = 252 ports.
 */
static void det_rule(struct nat64_event_msg *ev)
{
	inet_pton(AF_INET6, "2001:db8:100::", &ev->det.prefix6);
	ev->det.plen6 = 40;
	ev->det.sub_len = 56;
	inet_pton(AF_INET, "203.0.113.0", &ev->det.addr4);
	ev->det.plen4 = 24;
	ev->det.port_min = 1024;
	ev->det.port_max = 65535;
	ev->det.blocks = 256;
	ev->limit = 252;
}

/*
 * Each type as the test sends it; the session is the seed's, the
 * threshold a subscriber's (NAT64_TH_SUB_MAPPINGS).
 */
static struct nat64_event_msg sample(unsigned int type)
{
	struct nat64_event_msg ev = event(type);

	if (type == NAT64_EV_QUOTA)
		ev.limit = 8192;
	if (type == NAT64_EV_ADDR_FULL) {
		ev.addr4.s_addr = 0;	/* the kernel sends none */
		ev.pool_id = 7;
	}
	if (type == NAT64_EV_THRESHOLD) {
		ev.threshold = NAT64_TH_SUB_MAPPINGS;
		ev.pool_id = 7;
		ev.limit = 2000;
	}
	if (type == NAT64_EV_DET_SET || type == NAT64_EV_DET_DEL)
		det_rule(&ev);
	if (type == NAT64_EV_SESSION_ADD || type == NAT64_EV_SESSION_DEL) {
		inet_pton(AF_INET, "194.219.240.52", &ev.addr4);
		inet_pton(AF_INET6, "2a02:2148:100:301:f53a:a74a:1c28:a36f",
			  &ev.addr6);
		ev.port4 = 1886;
		ev.port6 = 65412;
	}
	return ev;
}

static const char *const compact_want[NTYPES] = {
	"10:08:10 A 194.219.240.252 5120-6143 2a02:2149:ff01:6869\n",
	"10:08:10 R 194.219.240.252 5120-6143 2a02:2149:ff01:6869\n",
	"10:08:10 F 194.219.240.252 2a02:2149:ff01:6869\n",
	"10:08:10 Q 194.219.240.252 2a02:2149:ff01:6869 8192\n",
	"10:08:10 B 6 194.219.240.252 8080 2001:db8::5 80\n",
	"10:08:10 U 6 194.219.240.252 8080 2001:db8::5 80\n",
	"10:08:10 C 6 194.219.240.52 1886 2a02:2148:100:301\n",
	"10:08:10 D 6 194.219.240.52 1886 2a02:2148:100:301\n",
	"10:08:10 X 6 7 2a02:2149:ff01:6869\n",
	"10:08:10 T 4 7 2000 194.219.240.252 2a02:2149:ff01:6869\n",
	"10:08:10 S 2001:db8:100::/40 56 203.0.113.0/24 1024-65535 256 252\n",
	"10:08:10 Z 2001:db8:100::/40 56 203.0.113.0/24 1024-65535 256 252\n",
	"10:08:10 I 194.219.240.252 2a02:2149:ff01:6869\n",
	"10:08:10 O 194.219.240.252 2a02:2149:ff01:6869\n",
};

/* What follows "PROCID " in the RFC 5424 line of each sample. */
static const char *const rfc5424_want[NTYPES] = {
	"PBA_ALLOC [nat64@32473 inst=\"default\" seq=\"12\" sub=\"2a02:2149:ff01:6869::/64\" addr4=\"194.219.240.252\" ports=\"5120-6143\"] pba-alloc 194.219.240.252 5120-6143 2a02:2149:ff01:6869",
	"PBA_RELEASE [nat64@32473 inst=\"default\" seq=\"12\" sub=\"2a02:2149:ff01:6869::/64\" addr4=\"194.219.240.252\" ports=\"5120-6143\"] pba-release 194.219.240.252 5120-6143 2a02:2149:ff01:6869",
	"PBA_FULL [nat64@32473 inst=\"default\" seq=\"12\" sub=\"2a02:2149:ff01:6869::/64\" addr4=\"194.219.240.252\"] pba-full 194.219.240.252 2a02:2149:ff01:6869",
	"QUOTA [nat64@32473 inst=\"default\" seq=\"12\" sub=\"2a02:2149:ff01:6869::/64\" addr4=\"194.219.240.252\" limit=\"8192\"] quota 194.219.240.252 2a02:2149:ff01:6869 8192",
	"BIB_ADD [nat64@32473 inst=\"default\" seq=\"12\" proto=\"6\" addr6=\"2001:db8::5\" port6=\"80\" addr4=\"194.219.240.252\" port4=\"8080\"] bib-add 6 194.219.240.252 8080 2001:db8::5 80",
	"BIB_DEL [nat64@32473 inst=\"default\" seq=\"12\" proto=\"6\" addr6=\"2001:db8::5\" port6=\"80\" addr4=\"194.219.240.252\" port4=\"8080\"] bib-del 6 194.219.240.252 8080 2001:db8::5 80",
	"SESSION_ADD [nat64@32473 inst=\"default\" seq=\"12\" proto=\"6\" addr6=\"2a02:2148:100:301:f53a:a74a:1c28:a36f\" port6=\"65412\" addr4=\"194.219.240.52\" port4=\"1886\" remote4=\"198.51.100.9\" rport=\"443\"] session-add 6 194.219.240.52 1886 2a02:2148:100:301",
	"SESSION_DEL [nat64@32473 inst=\"default\" seq=\"12\" proto=\"6\" addr6=\"2a02:2148:100:301:f53a:a74a:1c28:a36f\" port6=\"65412\" addr4=\"194.219.240.52\" port4=\"1886\" remote4=\"198.51.100.9\" rport=\"443\"] session-del 6 194.219.240.52 1886 2a02:2148:100:301",
	"ADDR_FULL [nat64@32473 inst=\"default\" seq=\"12\" proto=\"6\" pool=\"7\" sub=\"2a02:2149:ff01:6869::/64\"] addr-full 6 7 2a02:2149:ff01:6869",
	"THRESHOLD [nat64@32473 inst=\"default\" seq=\"12\" kind=\"4\" pool=\"7\" limit=\"2000\" sub=\"2a02:2149:ff01:6869::/64\" addr4=\"194.219.240.252\"] threshold 4 7 2000 194.219.240.252 2a02:2149:ff01:6869",
	"DET_SET [nat64@32473 inst=\"default\" seq=\"12\" sub6=\"2001:db8:100::/40\" sublen=\"56\" pool4=\"203.0.113.0/24\" ports=\"1024-65535\" blocks=\"256\" perblock=\"252\"] det-set 2001:db8:100::/40 56 203.0.113.0/24 1024-65535 256 252",
	"DET_DEL [nat64@32473 inst=\"default\" seq=\"12\" sub6=\"2001:db8:100::/40\" sublen=\"56\" pool4=\"203.0.113.0/24\" ports=\"1024-65535\" blocks=\"256\" perblock=\"252\"] det-del 2001:db8:100::/40 56 203.0.113.0/24 1024-65535 256 252",
	"SUB_ADD [nat64@32473 inst=\"default\" seq=\"12\" sub=\"2a02:2149:ff01:6869::/64\" addr4=\"194.219.240.252\"] sub-add 194.219.240.252 2a02:2149:ff01:6869",
	"SUB_DEL [nat64@32473 inst=\"default\" seq=\"12\" sub=\"2a02:2149:ff01:6869::/64\" addr4=\"194.219.240.252\"] sub-del 194.219.240.252 2a02:2149:ff01:6869",
};

/* --- compact lines ------------------------------------------------------ */

static void test_compact_types(void)
{
	char buf[128];

	for (size_t i = 0; i < NTYPES; i++) {
		struct nat64_event_msg ev = sample(types[i]);

		buf[0] = '\0';
		check(nd_compact(buf, sizeof(buf), &ev) == strlen(compact_want[i]),
		      "compact %s: length", nat64_event_name(types[i]));
		check_str(buf, compact_want[i], nat64_event_name(types[i]));
	}
}

static void test_compact_misc(void)
{
	struct nat64_event_msg ev = event(NAT64_EV_PBA_ALLOC);
	char buf[128];

	ev.limit = 0;
	ev.type = NAT64_EV_QUOTA;
	nd_compact(buf, sizeof(buf), &ev);
	check_str(buf, "10:08:10 Q 194.219.240.252 2a02:2149:ff01:6869\n",
		  "quota without a limit");
	ev.type = NAT64_EV_PBA_ALLOC;
	ev.time_ms = T0_MS + 86400000ULL * 365 + 3600 * 1000;
	nd_compact(buf, sizeof(buf), &ev);
	check(!strncmp(buf, "11:08:10 A ", 11), "time is UTC HH:MM:SS of the day");
	check(nd_compact(buf, sizeof(buf), &(struct nat64_event_msg){
		.type = NAT64_EV_UNSPEC }) == 0, "unspec event: no line");
	check(nd_compact(buf, sizeof(buf), &(struct nat64_event_msg){
		.type = 200 }) == 0, "unknown event: no line");
	check(nd_compact(buf, 20, &ev) == 0, "buffer too small: 0");
}

static void subscriber_case(const char *prefix, unsigned int plen,
			    const char *want)
{
	struct nat64_event_msg ev = event(NAT64_EV_PBA_ALLOC);
	char buf[128], line[128];

	inet_pton(AF_INET6, prefix, &ev.prefix6);
	ev.plen6 = plen;
	nd_compact(buf, sizeof(buf), &ev);
	snprintf(line, sizeof(line),
		 "10:08:10 A 194.219.240.252 5120-6143 %s\n", want);
	check_str(buf, line, want);
}

static void test_subscribers(void)
{
	subscriber_case("2001:db8:1::", 48, "2001:db8:1");
	subscriber_case("2001:db8:1:1ff::", 56, "2001:db8:1:100");
	subscriber_case("2001:db8::1", 128, "2001:db8::1/128");
	subscriber_case("2001:db8::ff", 120, "2001:db8::/120");
	subscriber_case("2001:db8:0:0:ffff::", 80, "2001:db8:0:0:ffff::/80");
	subscriber_case("2001:db8::", 32, "2001:db8");
	subscriber_case("::", 0, "::/0");
}

static void test_worst(void)
{
	struct nat64_event_msg ev = event(NAT64_EV_PBA_RELEASE);
	char buf[ND_COMPACT_PBA_MAX];
	size_t n;

	ev.time_ms = 86399999;
	inet_pton(AF_INET, "255.255.255.255", &ev.addr4);
	inet_pton(AF_INET6, "ffff:ffff:ffff:ffff::", &ev.prefix6);
	ev.port_min = ev.port_max = 65535;
	n = nd_compact(buf, sizeof(buf), &ev);
	check(n && n <= ND_COMPACT_PBA_MAX && buf[n - 1] == '\n',
	      "worst port block: %zu <= %d bytes", n, ND_COMPACT_PBA_MAX);
	printf("# %.*s", (int)n, buf);

	ev = sample(NAT64_EV_SESSION_DEL);
	ev.time_ms = 86399999;
	ev.proto = 17;
	inet_pton(AF_INET, "255.255.255.255", &ev.addr4);
	inet_pton(AF_INET6, "ffff:ffff:ffff:ffff:ffff::", &ev.addr6);
	ev.port4 = 65535;
	n = nd_compact(buf, ND_COMPACT_SESSION_MAX, &ev);
	check(n && n <= ND_COMPACT_SESSION_MAX && buf[n - 1] == '\n',
	      "worst session: %zu <= %d bytes", n, ND_COMPACT_SESSION_MAX);
	printf("# %.*s", (int)n, buf);

	ev = sample(NAT64_EV_PBA_ALLOC);
	n = nd_compact(buf, sizeof(buf), &ev);
	check(n == 57, "the seed's port block: %zu bytes", n);
	ev = sample(NAT64_EV_SESSION_ADD);
	n = nd_compact(buf, sizeof(buf), &ev);
	check(n == 51, "the seed's session: %zu bytes", n);
}

/* --- loopback collectors ------------------------------------------------ */

static int listener(int type, struct sockaddr_in *sin)
{
	socklen_t len = sizeof(*sin);
	int fd = socket(AF_INET, type, 0), one = 1;

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)sin, sizeof(*sin)) < 0 ||
	    (type == SOCK_STREAM && listen(fd, 4) < 0)) {
		perror("bind/listen");
		exit(1);
	}
	getsockname(fd, (struct sockaddr *)sin, &len);
	return fd;
}

/* One datagram (or stream read), NUL-terminated; "" after 2 s. */
static size_t recv_wait(int fd, char *buf, size_t len)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n = 0;

	if (poll(&p, 1, 2000) == 1)
		n = recv(fd, buf, len - 1, 0);
	n = n < 0 ? 0 : n;
	buf[n] = '\0';
	return n;
}

static struct nd_syslog_conf conf(enum nd_transport t, const char *host,
				  unsigned int port,
				  enum nd_syslog_format format)
{
	struct nd_syslog_conf c = {
		.dest.transport = t, .format = format, .facility = 16,
		.severity = 6,
	};

	snprintf(c.dest.host, sizeof(c.dest.host), "%s", host);
	snprintf(c.dest.port, sizeof(c.dest.port), "%u", port);
	strcpy(c.hostname, "testhost");
	return c;
}

static struct nd_syslog *alloc(const struct nd_syslog_conf *c)
{
	char err[256];
	struct nd_syslog *s = nd_syslog_alloc(c, err, sizeof(err));

	if (!s) {
		printf("not ok - nd_syslog_alloc: %s\n", err);
		exit(1);
	}
	return s;
}

/* The RFC 3164 header the compact line travels in (local time). */
static void head3164(char *buf, size_t len, uint64_t ms, bool host)
{
	char tm[32];
	time_t t = ms / 1000;

	strftime(tm, sizeof(tm), "%b %e %H:%M:%S", localtime(&t));
	snprintf(buf, len, "<134>%s %snat64d[%d]: ", tm, host ? "testhost " : "",
		 (int)getpid());
}

/* "<134>1 2013-09-19T10:08:10.850Z testhost nat64d PID ": then want. */
static void check_5424(const char *got, const char *want, const char *what)
{
	char head[128];
	size_t hl = snprintf(head, sizeof(head),
			     "<134>1 2013-09-19T10:08:10.850Z testhost nat64d %d ",
			     (int)getpid());

	check(!strncmp(got, head, hl), "%s: header up to PROCID", what);
	check_str(strncmp(got, head, hl) ? got : got + hl, want, what);
}

/* --- thresholds and the rule, formatted without a transport ------------ */

/* The RFC 5424 message of ev, as a UDP output to testhost makes it. */
static void format_5424(const struct nat64_event_msg *ev, char *buf,
			size_t len)
{
	struct nd_syslog_conf c = { .dest.transport = ND_UDP,
				    .format = ND_SYSLOG_RFC5424,
				    .facility = 16, .severity = 6 };

	if (!nd_format_event(buf, len, &c, "testhost", ev))
		strcpy(buf, "(none)");
}

/* The compact line (no '\n') and what follows PROCID in RFC 5424. */
static void both_are(const struct nat64_event_msg *ev, const char *compact,
		     const char *rfc5424, const char *what)
{
	char buf[ND_MSG_MAX], want[256];

	snprintf(want, sizeof(want), "%s\n", compact);
	if (!nd_compact(buf, sizeof(buf), ev))
		strcpy(buf, "(none)");
	check_str(buf, want, what);
	format_5424(ev, buf, sizeof(buf));
	check_5424(buf, rfc5424, what);
}

static void test_thresholds(void)
{
	struct nat64_event_msg ev = sample(NAT64_EV_THRESHOLD);

	ev.threshold = NAT64_TH_MAPPINGS;
	ev.limit = 100000;
	both_are(&ev, "10:08:10 T 3 7 100000",
		 "THRESHOLD [nat64@32473 inst=\"default\" seq=\"12\" kind=\"3\" pool=\"7\" limit=\"100000\"] threshold 3 7 100000",
		 "threshold of the instance's mappings: no subscriber");
	ev.threshold = 9;
	both_are(&ev, "10:08:10 T 9 7 100000",
		 "THRESHOLD [nat64@32473 inst=\"default\" seq=\"12\" kind=\"9\" pool=\"7\" limit=\"100000\"] threshold 9 7 100000",
		 "threshold of a kind we do not know: its number, no subscriber");
	ev = sample(NAT64_EV_THRESHOLD);
	inet_pton(AF_INET6, "2001:db8:1:100::", &ev.prefix6);
	ev.plen6 = 56;
	ev.pool_id = 4294967295U;
	both_are(&ev, "10:08:10 T 4 4294967295 2000 194.219.240.252 2001:db8:1:100",
		 "THRESHOLD [nat64@32473 inst=\"default\" seq=\"12\" kind=\"4\" pool=\"4294967295\" limit=\"2000\" sub=\"2001:db8:1:100::/56\" addr4=\"194.219.240.252\"] threshold 4 4294967295 2000 194.219.240.252 2001:db8:1:100",
		 "a /56 subscriber's threshold, the largest pool id");
}

static void test_det(void)
{
	struct nat64_event_msg ev = sample(NAT64_EV_DET_SET);
	char buf[ND_COMPACT_MAX];
	size_t n;

	ev.seq = 0;	/* nat64d's own reminder of the rule */
	both_are(&ev, "10:08:10 S 2001:db8:100::/40 56 203.0.113.0/24 1024-65535 256 252",
		 "DET_SET [nat64@32473 inst=\"default\" seq=\"0\" sub6=\"2001:db8:100::/40\" sublen=\"56\" pool4=\"203.0.113.0/24\" ports=\"1024-65535\" blocks=\"256\" perblock=\"252\"] det-set 2001:db8:100::/40 56 203.0.113.0/24 1024-65535 256 252",
		 "the rule logged again by nat64d: seq 0");
	inet_pton(AF_INET6, "2001:db8:1:ff::", &ev.det.prefix6);
	inet_pton(AF_INET, "192.0.2.7", &ev.det.addr4);
	ev.det.plen6 = 44;
	ev.det.plen4 = 30;
	both_are(&ev, "10:08:10 S 2001:db8::/44 56 192.0.2.4/30 1024-65535 256 252",
		 "DET_SET [nat64@32473 inst=\"default\" seq=\"0\" sub6=\"2001:db8::/44\" sublen=\"56\" pool4=\"192.0.2.4/30\" ports=\"1024-65535\" blocks=\"256\" perblock=\"252\"] det-set 2001:db8::/44 56 192.0.2.4/30 1024-65535 256 252",
		 "the rule's ranges written without their host bits");

	ev.time_ms = 86399999;
	inet_pton(AF_INET6, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		  &ev.det.prefix6);
	ev.det.plen6 = 128;
	ev.det.sub_len = 128;
	inet_pton(AF_INET, "255.255.255.255", &ev.det.addr4);
	ev.det.plen4 = 32;
	ev.det.port_min = ev.det.port_max = 65535;
	ev.det.blocks = ev.limit = UINT32_MAX;
	n = nd_compact(buf, sizeof(buf), &ev);
	check(n == ND_COMPACT_MAX && buf[n - 1] == '\n',
	      "longest rule line: %zu == ND_COMPACT_MAX (%d) bytes", n,
	      ND_COMPACT_MAX);
	printf("# %.*s", (int)n, buf);
	check(nd_compact(buf, sizeof(buf) - 1, &ev) == 0,
	      "longest rule line: one byte less does not fit");

	ev = sample(NAT64_EV_THRESHOLD);
	ev.time_ms = 86399999;
	ev.pool_id = ev.limit = UINT32_MAX;
	inet_pton(AF_INET, "255.255.255.255", &ev.addr4);
	inet_pton(AF_INET6, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		  &ev.prefix6);
	ev.plen6 = 128;
	n = nd_compact(buf, sizeof(buf), &ev);
	check(n && n <= ND_COMPACT_MAX && buf[n - 1] == '\n',
	      "longest threshold line: %zu <= %d bytes", n, ND_COMPACT_MAX);
	printf("# %.*s", (int)n, buf);
}

static void counts_are(struct nd_syslog *s, uint64_t sent, uint64_t lost,
		       const char *what)
{
	struct nd_counts c;

	nd_syslog_counts(s, &c);
	check(c.sent == sent && c.lost == lost, "%s: sent %llu lost %llu",
	      what, (unsigned long long)c.sent, (unsigned long long)c.lost);
}

static void test_udp(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int fd = listener(SOCK_DGRAM, &sin);
	struct nd_syslog_conf c = conf(ND_UDP, "127.0.0.1",
				       ntohs(sin.sin_port), ND_SYSLOG_RFC5424);
	struct nd_syslog *s = alloc(&c);
	struct nat64_event_msg ev;
	char buf[4096], want[512], line[128];
	struct nd_counts n;

	for (size_t i = 0; i < NTYPES; i++) {
		ev = sample(types[i]);
		nd_syslog_event(s, &ev);
		recv_wait(fd, buf, sizeof(buf));
		check_5424(buf, rfc5424_want[i], "udp rfc5424");
		printf("# %s\n", buf);
	}
	ev = sample(NAT64_EV_PBA_ALLOC);
	strcpy(ev.instance, "a\"b]c\\d");
	nd_syslog_event(s, &ev);
	recv_wait(fd, buf, sizeof(buf));
	check(strstr(buf, "inst=\"a\\\"b\\]c\\\\d\" seq=") != NULL,
	      "instance name escaped (RFC 5424 section 6.3.3)");
	printf("# %s\n", buf);
	nd_syslog_note(s, T0_MS, "gap: 3 events of default missed");
	recv_wait(fd, buf, sizeof(buf));
	check_5424(buf, "NOTE - gap: 3 events of default missed", "udp note");
	counts_are(s, NTYPES + 2, 0, "udp rfc5424");
	nd_syslog_counts(s, &n);
	check(n.messages == NTYPES + 2 && n.bytes > 0, "udp: one datagram a message");
	nd_syslog_free(s);

	c.format = ND_SYSLOG_COMPACT;
	s = alloc(&c);
	ev = sample(NAT64_EV_PBA_ALLOC);
	nd_syslog_event(s, &ev);
	recv_wait(fd, buf, sizeof(buf));
	head3164(want, sizeof(want), T0_MS, true);
	nd_compact(line, sizeof(line), &ev);
	line[strlen(line) - 1] = '\0';
	strcat(want, line);
	check_str(buf, want, "udp compact: RFC 3164 header, then the line");
	nd_syslog_note(s, T0_MS, "resync:\n12 blocks");
	recv_wait(fd, buf, sizeof(buf));
	head3164(want, sizeof(want), T0_MS, true);
	strcat(want, "10:08:10 N resync: 12 blocks");
	check_str(buf, want, "udp compact note, newline made a space");
	nd_syslog_free(s);
	close(fd);
}

/* What a stream brought that is not a whole frame yet. */
static char acc[65536];
static size_t have;

/* The first whole frame "LEN SP MSG" of acc into msg, taken off acc. */
static bool take_frame(char msg[1024])
{
	char *sp = memchr(acc, ' ', have);
	size_t len = sp ? strtoul(acc, NULL, 10) : 0;
	size_t hl = sp ? (size_t)(sp - acc) + 1 : 0;

	if (!sp || have < hl + len || len >= 1024)
		return false;
	memcpy(msg, sp + 1, len);
	msg[len] = '\0';
	memmove(acc, acc + hl + len, have - hl - len);
	have -= hl + len;
	return true;
}

/* Reads frames off a stream until n are whole, or nothing comes for ms. */
static size_t read_frames(int fd, char msgs[][1024], size_t n, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		if (take_frame(msgs[got])) {
			got++;
			continue;
		}
		if (poll(&p, 1, ms) != 1)
			break;
		r = recv(fd, acc + have, sizeof(acc) - have, 0);
		if (r <= 0)
			break;
		have += r;
	}
	return got;
}

static int accept_wait(int lfd)
{
	struct pollfd p = { .fd = lfd, .events = POLLIN };

	return poll(&p, 1, 2000) == 1 ? accept(lfd, NULL, NULL) : -1;
}

static void send_all(struct nd_syslog *s, int *rc)
{
	for (size_t i = 0; i < NTYPES; i++) {
		struct nat64_event_msg ev = sample(types[i]);

		rc[i] = nd_syslog_event(s, &ev);
	}
}

/*
 * A TCP collector on the loopback (its listener in *lfd, its address in
 * *sin) and an RFC 5424 output to it, connected at @now: the collector's
 * end of the connection.
 */
static int tcp_pair(struct nd_syslog **s, int *lfd, struct sockaddr_in *sin,
		    uint64_t now)
{
	struct nd_syslog_conf c;

	*sin = (struct sockaddr_in){ .sin_family = AF_INET,
				     .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	*lfd = listener(SOCK_STREAM, sin);
	c = conf(ND_TCP, "127.0.0.1", ntohs(sin->sin_port), ND_SYSLOG_RFC5424);
	*s = alloc(&c);
	nd_syslog_tick(*s, now);
	return accept_wait(*lfd);
}

static void test_tcp(void)
{
	struct sockaddr_in sin;
	struct nd_syslog *s;
	static char msgs[NTYPES][1024];
	uint64_t now = 1000000;
	int lfd, cfd = tcp_pair(&s, &lfd, &sin, now), rc[NTYPES];
	struct nd_counts n;
	size_t got;

	check(cfd >= 0, "tcp: connected");
	send_all(s, rc);
	got = read_frames(cfd, msgs, NTYPES, 2000);
	check(got == NTYPES, "tcp: %zu octet-counted frames", got);
	for (size_t i = 0; i < got; i++)
		check_5424(msgs[i], rfc5424_want[i], "tcp frame");
	counts_are(s, NTYPES, 0, "tcp");

	close(cfd);
	close(lfd);
	nd_syslog_tick(s, now += 100);	/* sees the collector gone */
	send_all(s, rc);
	check(rc[0] < 0 && rc[NTYPES - 1] < 0, "tcp: collector gone: an error");
	counts_are(s, NTYPES, NTYPES, "tcp: collector gone, all lost");

	lfd = listener(SOCK_STREAM, &sin);
	nd_syslog_tick(s, now += 500);	/* too soon to retry */
	nd_syslog_counts(s, &n);
	check(n.reconnects == 0, "tcp: no retry within a second");
	nd_syslog_tick(s, now += 600);
	cfd = accept_wait(lfd);
	nd_syslog_counts(s, &n);
	check(cfd >= 0 && n.reconnects == 1, "tcp: reconnected once (%llu)",
	      (unsigned long long)n.reconnects);
	send_all(s, rc);
	nd_syslog_note(s, now, "reconnected");
	got = read_frames(cfd, msgs, NTYPES, 2000);
	check(got == NTYPES && !strcmp(msgs[0] + strlen(msgs[0]) -
				       strlen(rfc5424_want[0]), rfc5424_want[0]),
	      "tcp: delivered again");
	got = read_frames(cfd, msgs, 1, 2000);
	check(got == 1 && strstr(msgs[0], " NOTE - reconnected"), "tcp: note");
	counts_are(s, 2 * NTYPES + 1, NTYPES, "tcp after reconnect");
	nd_syslog_free(s);
	close(cfd);
	close(lfd);
}

/*
 * A collector that stops reading: the kernel's buffers fill, then ours
 * (64 KiB), partial writes happen and the overflow is counted lost. What
 * arrives once it reads again is whole frames, as many as counted sent.
 */
static void test_tcp_overflow(void)
{
	struct sockaddr_in sin;
	struct nd_syslog *s;
	static char msgs[64][1024];
	uint64_t total = 0, frames = 0, bad = 0;
	int lfd, cfd = tcp_pair(&s, &lfd, &sin, 1), rc[NTYPES];
	struct nd_counts n;
	size_t got;

	for (int i = 0; i < 10000; i++, total += NTYPES)
		send_all(s, rc);
	nd_syslog_counts(s, &n);
	check(n.lost > 0 && n.sent + n.lost < total,
	      "tcp overflow: lost %llu, %llu waiting",
	      (unsigned long long)n.lost,
	      (unsigned long long)(total - n.sent - n.lost));
	for (int t = 2; (got = read_frames(cfd, msgs, 64, 200)); t++) {
		for (size_t i = 0; i < got; i++)
			bad += strncmp(msgs[i], "<134>1 ", 7) != 0;
		frames += got;
		nd_syslog_tick(s, t);
		nd_syslog_counts(s, &n);
		if (n.sent + n.lost == total && frames == n.sent)
			break;
	}
	nd_syslog_counts(s, &n);
	check(n.sent + n.lost == total && frames == n.sent && !bad,
	      "tcp overflow: %llu frames read whole, sent %llu lost %llu of %llu",
	      (unsigned long long)frames, (unsigned long long)n.sent,
	      (unsigned long long)n.lost, (unsigned long long)total);
	nd_syslog_free(s);
	close(cfd);
	close(lfd);
}

/* The local daemon's socket at a path of our own, gone and back. */
static int local_listener(const char *path)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_DGRAM, 0);

	unlink(path);
	strcpy(sun.sun_path, path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		perror(path);
		exit(1);
	}
	return fd;
}

static void test_local(void)
{
	char path[64], buf[1024], want[256];
	struct nd_syslog_conf c;
	struct nat64_event_msg ev = sample(NAT64_EV_SESSION_ADD);
	struct nd_syslog *s;
	struct nd_counts n;
	int fd;

	snprintf(path, sizeof(path), "/tmp/syslog_format.%d", (int)getpid());
	c = conf(ND_LOCAL, path, 0, ND_SYSLOG_COMPACT);
	s = alloc(&c);
	check(nd_syslog_event(s, &ev) < 0, "local: no socket yet, lost");
	fd = local_listener(path);
	nd_syslog_tick(s, 5000);
	nd_syslog_tick(s, 6000);
	check(nd_syslog_event(s, &ev) == 0, "local: socket there after tick");
	recv_wait(fd, buf, sizeof(buf));
	head3164(want, sizeof(want), T0_MS, false);
	strcat(want, "10:08:10 C 6 194.219.240.52 1886 2a02:2148:100:301");
	check_str(buf, want, "local compact: no HOSTNAME");

	close(fd);	/* the daemon restarts */
	fd = local_listener(path);
	check(nd_syslog_event(s, &ev) == 0, "local: reopened at once");
	recv_wait(fd, buf, sizeof(buf));
	check_str(buf, want, "local: after the daemon's restart");
	nd_syslog_counts(s, &n);
	check(n.sent == 2 && n.lost == 1 && n.reconnects == 1,
	      "local: sent 2 lost 1 reconnects 1");
	nd_syslog_free(s);
	close(fd);
	unlink(path);
}

static void test_alloc_errors(void)
{
	struct nd_syslog_conf c = conf(ND_UDP, "no-such-host.invalid", 514,
				       ND_SYSLOG_COMPACT);
	char err[256] = "";

	check(!nd_syslog_alloc(&c, err, sizeof(err)) && err[0],
	      "udp to a name that does not resolve: %s", err);
	c = conf(ND_TCP, "127.0.0.1", 1, ND_SYSLOG_COMPACT);
	struct nd_syslog *s = nd_syslog_alloc(&c, err, sizeof(err));
	struct nat64_event_msg ev = sample(NAT64_EV_PBA_FULL);

	check(s != NULL, "tcp to a closed port: alloc succeeds");
	nd_syslog_tick(s, 1);
	check(nd_syslog_event(s, &ev) < 0, "tcp to a closed port: lost");
	counts_are(s, 0, 1, "tcp to a closed port");
	nd_syslog_free(s);
}

/* Every type, an instance name to escape and a note, to a collector. */
static void send_one(const struct nd_syslog_conf *c)
{
	struct nd_syslog *s = alloc(c);
	struct nat64_event_msg ev = sample(NAT64_EV_PBA_ALLOC);
	struct nd_counts n;
	int rc[NTYPES];

	nd_syslog_tick(s, 1);
	usleep(100000);
	nd_syslog_tick(s, 2);
	send_all(s, rc);
	strcpy(ev.instance, "a\"b]c\\d");
	nd_syslog_event(s, &ev);
	nd_syslog_note(s, T0_MS, "gap: 3 events of default missed");
	nd_syslog_tick(s, 3);
	nd_syslog_counts(s, &n);
	printf("%s %s: sent %llu lost %llu\n",
	       c->dest.transport == ND_TCP ? "tcp" :
	       c->dest.transport == ND_UDP ? "udp" : "local",
	       c->format == ND_SYSLOG_RFC5424 ? "rfc5424" : "compact",
	       (unsigned long long)n.sent, (unsigned long long)n.lost);
	nd_syslog_free(s);
}

/*
 * --send HOST PORT: both formats over UDP, then TCP; --send /PATH 0: both
 * formats to a local datagram socket (imuxsock's).
 */
static int send_rsyslog(const char *host, const char *port)
{
	enum nd_transport tr[] = { ND_UDP, ND_TCP };
	int ntr = host[0] == '/' ? 1 : 2;

	if (host[0] == '/')
		tr[0] = ND_LOCAL;
	for (int t = 0; t < ntr; t++) {
		for (int f = 0; f < 2; f++) {
			struct nd_syslog_conf c = conf(tr[t], host, atoi(port), f);

			send_one(&c);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	setenv("TZ", "UTC", 0);
	tzset();
	if (argc == 4 && !strcmp(argv[1], "--send"))
		return send_rsyslog(argv[2], argv[3]);
	test_compact_types();
	test_compact_misc();
	test_subscribers();
	test_worst();
	test_thresholds();
	test_det();
	test_udp();
	test_tcp();
	test_tcp_overflow();
	test_local();
	test_alloc_errors();
	printf("# %d checks, %d failed\n", checks, failed);
	return failed ? 1 : 0;
}
