// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exports one event of each type through usr/nat64d/ipfix.c to a real
 * collector, for decoding by ipfixDump and tshark on the host's loopback.
 * A tool for working on ipfix.c, not run by make check: it captures on
 * the host; tests/e2e/48-nat64d.sh checks the same in a guest, through
 * the daemon.
 *
 *	ipfix_export udp|tcp HOST PORT [-f] [-r REFRESH] [-F FLUSH_MS]
 *		     [-n ROUNDS] [-k TIMES] [-s STEP_MS] [-w WALL_MS]
 *
 * Each round exports twelve events (port block alloc, session add, BIB
 * add, ports exhausted, quota, BIB del, session del, port block release,
 * addresses exhausted, the instance's mappings threshold, a subscriber's,
 * and a deterministic rule set, which IPFIX does not carry: eleven
 * records) TIMES times (default 1), then ticks 1.5 s later in simulated time, which
 * sends what waits (flush_ms 1000, or FLUSH_MS). Rounds are STEP_MS of
 * simulated time apart (default 1000) and WALL_MS of real time (default
 * 0). -f: full release records; -r: template refresh (default 600 s). The
 * last line is the counters; the exit status is 0 when nothing was lost.
 *
 * Build (from the top of the tree):
 *
 *   gcc -Wall -Wextra -Werror -std=gnu11 -Iinclude/uapi -Iusr/lib -Isrc \
 *	-Iusr/nat64d $(pkg-config --cflags libfixbuf libnl-genl-3.0) \
 *	-o /tmp/ipfix_export tests/nat64d/ipfix_export.c usr/nat64d/ipfix.c \
 *	usr/nat64d/net.c \
 *	$(pkg-config --libs libfixbuf)
 *
 * The checks that verified usr/nat64d/ipfix.c, on the loopback of the
 * host (tshark 4.0, libfixbuf-tools 2.4 ipfixDump, python3; root for the
 * capture; port 4739 free). Run from the top of the tree:
 *
 *   sed -n '/^ \* BEGIN CHECKS$/,/^ \* END CHECKS$/p' \
 *	tests/nat64d/ipfix_export.c | sed '1d;$d;s/^ \* \{0,1\}//' | sh
 *
 * It prints "ipfix checks: all passed", or "FAIL: what" and exits 1.
 * The UDP reply to a refused datagram comes one datagram late, so check 4
 * only bounds the loss; check 6 kills the collector between two rounds
 * (a message written just before a collector dies is lost uncounted:
 * TCP cannot tell).
 *
 * BEGIN CHECKS
 * set -eu
 * export TZ=UTC
 * B=/tmp/ipfix_export P=4739 D=/tmp/ipfix_check
 * mkdir -p $D
 * gcc -Wall -Wextra -Werror -std=gnu11 -Iinclude/uapi -Iusr/lib -Isrc \
 *	-Iusr/nat64d $(pkg-config --cflags libfixbuf libnl-genl-3.0) -o $B \
 *	tests/nat64d/ipfix_export.c usr/nat64d/ipfix.c usr/nat64d/net.c \
 *	$(pkg-config --libs libfixbuf)
 * cat > $D/coll.py <<'EOF'
 * import socket, sys
 * udp = sys.argv[1] == 'udp'
 * out = open(sys.argv[3], 'ab', buffering=0)
 * s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM if udp else socket.SOCK_STREAM)
 * s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
 * s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
 * s.bind(('127.0.0.1', int(sys.argv[2])))
 * while udp:
 *	out.write(s.recv(65535))
 * s.listen(4)
 * while True:
 *	c, _ = s.accept()
 *	b = c.recv(65536)
 *	while b:
 *		out.write(b)
 *		b = c.recv(65536)
 *	c.close()
 * EOF
 * fail() { echo "FAIL: $*"; exit 1; }
 * # run NAME udp|tcp [ipfix_export options]: capture and collect one export
 * run() {
 *	n=$1 t=$2; shift 2
 *	rm -f $D/$n.pcap $D/$n.ipfix
 *	tshark -q -i lo -f "$t port $P" -w $D/$n.pcap 2>/dev/null & ts=$!
 *	python3 $D/coll.py $t $P $D/$n.ipfix & co=$!
 *	sleep 2
 *	$B "$@" $t 127.0.0.1 $P > $D/$n.out || true
 *	sleep 1; kill $co $ts; wait $ts || true
 * }
 * # fields NAME udp|tcp FIELD...: each field of the data messages, one a line
 * fields() {
 *	n=$1 t=$2; shift 2
 *	for f; do
 *		printf '%s=' $f
 *		tshark -r $D/$n.pcap -d $t.port==$P,cflow -Y 'cflow.flowset_id >= 256' \
 *			-T fields -E occurrence=a -e $f 2>/dev/null | paste -sd'|'
 *	done
 * }
 * same() { diff -u "$1" "$2" || fail "$3"; }
 *
 * # 1. one event of each type over UDP, decoded by tshark and ipfixDump;
 * # the rule (det-set) has no template: neither sent nor lost
 * run one udp
 * echo 'sent 11 lost 0 bytes 836 messages 3 reconnects 0' > $D/want
 * same $D/want $D/one.out "udp counters"
 * fields one udp cflow.exporttime cflow.sequence cflow.od_id cflow.flowset_id \
 *	cflow.observation_time_milliseconds cflow.nat_event cflow.srcaddrv6 \
 *	cflow.post_natsource_ipv4_address cflow.protocol cflow.srcport \
 *	cflow.post_naptsource_transport_port cflow.port_range_start \
 *	cflow.port_range_end cflow.nat_quota_exceeded_event \
 *	cflow.max_entries_per_user cflow.nat_pool_id cflow.nat_threshold_event \
 *	cflow.addressport_mapping_highthreshold \
 *	cflow.addressport_mapping_per_user_highthreshold > $D/got
 * cat > $D/want <<'EOF'
 * cflow.exporttime=1700000001
 * cflow.sequence=0
 * cflow.od_id=64
 * cflow.flowset_id=258,256,257,260,261,257,256,259,262,263,264
 * cflow.observation_time_milliseconds=Nov 14, 2023 22:13:20.123000000 UTC,Nov 14, 2023 22:13:20.124000000 UTC,Nov 14, 2023 22:13:20.125000000 UTC,Nov 14, 2023 22:13:20.126000000 UTC,Nov 14, 2023 22:13:20.127000000 UTC,Nov 14, 2023 22:13:20.128000000 UTC,Nov 14, 2023 22:13:20.129000000 UTC,Nov 14, 2023 22:13:20.130000000 UTC,Nov 14, 2023 22:13:20.131000000 UTC,Nov 14, 2023 22:13:20.132000000 UTC,Nov 14, 2023 22:13:20.133000000 UTC
 * cflow.nat_event=16,6,10,12,13,11,7,17,3,18,18
 * cflow.srcaddrv6=2001:db8:1:100::,2001:db8::5,2001:db8::80,2001:db8:1:100::,2001:db8::80,2001:db8::5,2001:db8:1:100::
 * cflow.post_natsource_ipv4_address=203.0.113.7,203.0.113.1,203.0.113.1,203.0.113.7,203.0.113.1,203.0.113.1,203.0.113.7
 * cflow.protocol=17,6,0,6,17
 * cflow.srcport=40001,80,80,40001
 * cflow.post_naptsource_transport_port=40001,8080,8080,40001
 * cflow.port_range_start=5120,5120
 * cflow.port_range_end=6143,6143
 * cflow.nat_quota_exceeded_event=3
 * cflow.max_entries_per_user=8192
 * cflow.nat_pool_id=7
 * cflow.nat_threshold_event=3,4
 * cflow.addressport_mapping_highthreshold=100000
 * cflow.addressport_mapping_per_user_highthreshold=2000
 * EOF
 * same $D/want $D/got "udp fields"
 * ipfixDump --in $D/one.ipfix | grep -E 'tid:|^\*\*\*' | sed 's/ *$//' > $D/got
 * cat > $D/want <<'EOF'
 *	tid:   260 (0x0104)    field count:     4    scope:     0
 *	tid:   259 (0x0103)    field count:     5    scope:     0
 *	tid:   258 (0x0102)    field count:     6    scope:     0
 *	tid:   264 (0x0108)    field count:     5    scope:     0
 *	tid:   257 (0x0101)    field count:     7    scope:     0
 *	tid:   263 (0x0107)    field count:     4    scope:     0
 *	tid:   256 (0x0100)    field count:     7    scope:     0
 *	tid:   262 (0x0106)    field count:     3    scope:     0
 *	tid:   261 (0x0105)    field count:     5    scope:     0
 * *** Msg Stats: 9 Template Records ***
 *	tid:   260 (0x0104)    field count:     4    scope:     0
 *	tid:   259 (0x0103)    field count:     5    scope:     0
 *	tid:   258 (0x0102)    field count:     6    scope:     0
 *	tid:   264 (0x0108)    field count:     5    scope:     0
 *	tid:   257 (0x0101)    field count:     7    scope:     0
 *	tid:   263 (0x0107)    field count:     4    scope:     0
 *	tid:   256 (0x0100)    field count:     7    scope:     0
 *	tid:   262 (0x0106)    field count:     3    scope:     0
 *	tid:   261 (0x0105)    field count:     5    scope:     0
 * *** Msg Stats: 9 Template Records ***
 *	count: 6       tid:   258 (0x0102)
 *	count: 7       tid:   256 (0x0100)
 *	count: 7       tid:   257 (0x0101)
 *	count: 4       tid:   260 (0x0104)
 *	count: 5       tid:   261 (0x0105)
 *	count: 7       tid:   257 (0x0101)
 *	count: 7       tid:   256 (0x0100)
 *	count: 5       tid:   259 (0x0103)
 *	count: 3       tid:   262 (0x0106)
 *	count: 4       tid:   263 (0x0107)
 *	count: 5       tid:   264 (0x0108)
 * *** Msg Stats: 11 Data Records (length: 296) ***
 * *** File Stats: 3 Messages, 11 Data Records, 18 Template Records ***
 * EOF
 * same $D/want $D/got "ipfixDump"
 * tshark -r $D/one.pcap -d udp.port==$P,cflow -V 2>/dev/null |
 *	grep -E '^ +(Nat Event|NAT Threshold Event): (NAT Addresses|Threshold|Address and port)' |
 *	sed -E 's/^ +//' > $D/got
 * cat > $D/want <<'EOF'
 * Nat Event: NAT Addresses exhausted (3)
 * Nat Event: Threshold Reached (18)
 * NAT Threshold Event: Address and port mapping high threshold event (3)
 * Nat Event: Threshold Reached (18)
 * NAT Threshold Event: Address and port mapping per user high threshold event (4)
 * EOF
 * same $D/want $D/got "tshark names the new events"
 *
 * # 2. release full: the de-allocation with its subscriber, template 258
 * run full udp -f
 * fields full udp cflow.flowset_id cflow.nat_event cflow.srcaddrv6 > $D/got
 * cat > $D/want <<'EOF'
 * cflow.flowset_id=258,256,257,260,261,257,256,258,262,263,264
 * cflow.nat_event=16,6,10,12,13,11,7,17,3,18,18
 * cflow.srcaddrv6=2001:db8:1:100::,2001:db8::5,2001:db8::80,2001:db8:1:100::,2001:db8::80,2001:db8::5,2001:db8:1:100::,2001:db8:1:100::
 * EOF
 * same $D/want $D/got "full release"
 *
 * # 3. UDP template refresh every 5 s of simulated time, 12 s of it
 * run refresh udp -r 5 -n 12
 * tshark -r $D/refresh.pcap -d udp.port==$P,cflow -Y 'cflow.flowset_id == 2' \
 *	-T fields -e cflow.exporttime -e cflow.sequence 2>/dev/null |
 *	paste -sd' ' > $D/got
 * echo '1700000000	0 1700000001	0 1700000002	11 1700000005	44 1700000010	99' > $D/want
 * same $D/want $D/got "template refresh"
 *
 * # 4. UDP to a port where nothing listens: refused datagrams counted lost
 * $B -n 8 udp 127.0.0.1 $((P + 1)) > $D/refused.out || true
 * read -r _ sent _ lost _ < $D/refused.out
 * [ $((sent + lost)) -eq 88 ] && [ "$lost" -gt 0 ] || fail "refused: $(cat $D/refused.out)"
 *
 * # 5. TCP: templates in the first write, data messages up to 8 KiB
 * run stream tcp -n 3 -k 100
 * echo 'sent 3300 lost 0 bytes 102480 messages 16 reconnects 0' > $D/want
 * same $D/want $D/stream.out "tcp counters"
 * ipfixDump --in $D/stream.ipfix | grep 'message length' | awk '{print $3}' |
 *	paste -sd' ' > $D/got
 * echo '240 8176 8176 8176 8176 1376 8176 8176 8176 8176 1376 8176 8176 8176 8176 1376' > $D/want
 * same $D/want $D/got "tcp message lengths"
 * ipfixDump --in $D/stream.ipfix | tail -1 > $D/got
 * echo '*** File Stats: 16 Messages, 3300 Data Records, 9 Template Records ***' > $D/want
 * same $D/want $D/got "tcp records"
 * tshark -r $D/stream.pcap -d tcp.port==$P,cflow -Y 'cflow.flowset_id == 2' \
 *	-T fields -e frame.number 2>/dev/null | wc -l | grep -qx 1 || fail "tcp templates once"
 *
 * # 6. TCP collector killed and started again: one reconnect, templates first
 * rm -f $D/r1.ipfix $D/r2.ipfix
 * python3 $D/coll.py tcp $P $D/r1.ipfix & co=$!
 * sleep 1
 * $B -n 12 -w 300 tcp 127.0.0.1 $P > $D/reconnect.out & ex=$!
 * sleep 1.35; kill $co; wait $co || true
 * sleep 1.2; python3 $D/coll.py tcp $P $D/r2.ipfix & co=$!
 * wait $ex || true
 * sleep 0.5; kill $co
 * read -r _ sent _ lost _ _ _ _ _ rec < $D/reconnect.out
 * [ "$rec" -eq 1 ] && [ "$lost" -gt 0 ] && [ $((sent + lost)) -eq 132 ] || fail "reconnect: $(cat $D/reconnect.out)"
 * ipfixDump --in $D/r2.ipfix | grep -m1 -E '^\*\*\*' | grep -q '9 Template Records' || fail "templates first after reconnect"
 * ipfixDump --in $D/r2.ipfix | grep -m1 'sequence number' | grep -q 'sequence number: 0 ' || fail "new session after reconnect"
 * got=0
 * for f in r1 r2; do
 *	got=$((got + $(ipfixDump --in $D/$f.ipfix | tail -1 | awk '{print $6}')))
 * done
 * [ $got -eq "$sent" ] || fail "reconnect: $sent sent, $got collected"
 * echo "ipfix checks: all passed"
 * END CHECKS
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nat64d.h"

static const uint64_t t0 = 1700000000123ULL;	/* 2023-11-14 22:13:20.123 */

static void v6(struct in6_addr *a, const char *s)
{
	if (inet_pton(AF_INET6, s, a) != 1)
		abort();
}

static void v4(struct in_addr *a, const char *s)
{
	if (inet_pton(AF_INET, s, a) != 1)
		abort();
}

static const unsigned int types[] = {
	NAT64_EV_PBA_ALLOC, NAT64_EV_SESSION_ADD, NAT64_EV_BIB_ADD,
	NAT64_EV_PBA_FULL, NAT64_EV_QUOTA, NAT64_EV_BIB_DEL,
	NAT64_EV_SESSION_DEL, NAT64_EV_PBA_RELEASE, NAT64_EV_ADDR_FULL,
	NAT64_EV_THRESHOLD, NAT64_EV_THRESHOLD, NAT64_EV_DET_SET,
};
#define NEVENTS (sizeof(types) / sizeof(types[0]))

/* The rule of docs/logging.md's worked example (S 256, K 252). */
static void det_rule(struct nat64_event_msg *ev)
{
	struct in_addr a4;

	v6(&ev->det.prefix6, "2001:db8:100::");
	ev->det.plen6 = 40;
	ev->det.sub_len = 56;
	v4(&a4, "203.0.113.0");
	ev->det.addr4 = a4.s_addr;
	ev->det.plen4 = 24;
	ev->det.port_min = 1024;
	ev->det.port_max = 65535;
	ev->det.blocks = 256;
	ev->limit = 252;
}

/*
 * Event i of a round, at time t: the first threshold is the instance's
 * (NAT64_TH_MAPPINGS), the second a subscriber's.
 */
static void event(struct nat64_event_msg *ev, unsigned int i, uint64_t t)
{
	unsigned int type = types[i];

	memset(ev, 0, sizeof(*ev));
	ev->cmd = NAT64_CMD_EVENT;
	ev->readable = true;
	snprintf(ev->instance, sizeof(ev->instance), "test");
	ev->type = type;
	ev->seq = i + 1;
	ev->time_ms = t + i;
	v6(&ev->prefix6, "2001:db8:1:100::");
	ev->plen6 = 56;
	v4(&ev->addr4, "203.0.113.7");
	ev->port_min = 5120;
	ev->port_max = 6143;
	ev->limit = 8192;
	if (type == NAT64_EV_SESSION_ADD || type == NAT64_EV_SESSION_DEL) {
		v6(&ev->addr6, "2001:db8::5");
		v4(&ev->addr4, "203.0.113.1");
		ev->proto = 17;
		ev->port6 = 40001;
		ev->port4 = 40001;
		v4(&ev->remote4, "198.51.100.9");
		ev->rport = 53;
	} else if (type == NAT64_EV_BIB_ADD || type == NAT64_EV_BIB_DEL) {
		v6(&ev->addr6, "2001:db8::80");
		v4(&ev->addr4, "203.0.113.1");
		ev->proto = 6;
		ev->port6 = 80;
		ev->port4 = 8080;
	} else if (type == NAT64_EV_ADDR_FULL) {
		ev->addr4.s_addr = 0;
		ev->proto = 6;
		ev->pool_id = 7;
	} else if (type == NAT64_EV_THRESHOLD) {
		ev->pool_id = 7;
		ev->threshold = types[i - 1] == type ? NAT64_TH_SUB_MAPPINGS :
						       NAT64_TH_MAPPINGS;
		ev->limit = ev->threshold == NAT64_TH_MAPPINGS ? 100000 : 2000;
	} else if (type == NAT64_EV_DET_SET) {
		det_rule(ev);
	}
}

static void bad_args(void)
{
	fprintf(stderr, "usage: ipfix_export udp|tcp HOST PORT [-f] [-r REFRESH] [-F FLUSH_MS] [-n ROUNDS] [-k TIMES] [-s STEP_MS] [-w WALL_MS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct nd_ipfix_conf c = { .domain = 64, .refresh = 600,
				   .flush_ms = 1000 };
	unsigned long rounds = 1, times = 1, step = 1000, wall = 0, r, k;
	struct nat64_event_msg ev;
	struct nd_counts n;
	struct nd_ipfix *x;
	char err[300];
	uint64_t t = t0;
	unsigned int i;
	int o;

	while ((o = getopt(argc, argv, "fr:F:n:k:s:w:")) != -1) {
		switch (o) {
		case 'f':
			c.full_release = true;
			break;
		case 'r':
			c.refresh = strtoul(optarg, NULL, 0);
			break;
		case 'F':
			c.flush_ms = strtoul(optarg, NULL, 0);
			break;
		case 'k':
			times = strtoul(optarg, NULL, 0);
			break;
		case 'n':
			rounds = strtoul(optarg, NULL, 0);
			break;
		case 's':
			step = strtoul(optarg, NULL, 0);
			break;
		case 'w':
			wall = strtoul(optarg, NULL, 0);
			break;
		default:
			bad_args();
		}
	}
	if (argc - optind != 3)
		bad_args();
	if (!strcmp(argv[optind], "udp"))
		c.dest.transport = ND_UDP;
	else if (!strcmp(argv[optind], "tcp"))
		c.dest.transport = ND_TCP;
	else
		bad_args();
	snprintf(c.dest.host, sizeof(c.dest.host), "%s", argv[optind + 1]);
	snprintf(c.dest.port, sizeof(c.dest.port), "%s", argv[optind + 2]);

	x = nd_ipfix_alloc(&c, t, err, sizeof(err));
	if (!x) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	for (r = 0; r < rounds; r++, t += step) {
		nd_ipfix_tick(x, t);
		for (k = 0; k < times; k++) {
			for (i = 0; i < NEVENTS; i++) {
				event(&ev, i, t);
				nd_ipfix_event(x, &ev, t + 8);
			}
		}
		nd_ipfix_tick(x, t + 1500);
		if (wall)
			usleep(wall * 1000);
	}
	nd_ipfix_counts(x, &n);
	nd_ipfix_free(x);
	printf("sent %llu lost %llu bytes %llu messages %llu reconnects %llu\n",
	       (unsigned long long)n.sent, (unsigned long long)n.lost,
	       (unsigned long long)n.bytes, (unsigned long long)n.messages,
	       (unsigned long long)n.reconnects);
	return n.lost ? 3 : 0;
}
