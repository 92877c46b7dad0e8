#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# nat64d exports the event stream to real collectors, and real tools read
# what it sent: rsyslog receives its RFC 5424 lines over UDP and its
# compact lines over TCP (octet-counted); tshark decodes its IPFIX over UDP
# field by field (RFC 8158 names and values); ipfixDump reads its IPFIX over
# TCP. The events come from a real connection through a nat64 instance with
# port blocks and per-session events on. Then the daemon's life: SIGHUP
# reloads (a bad file changes nothing), a TCP collector that goes away and
# comes back (losses counted, reconnected, templates first), and a stopped
# daemon flooded past its socket buffer (the exact gap, then a resync).
#
#   ns v6                  ns xl (nat64 "cgn", nat64d, collectors on lo)   ns v4
#   2001:db8:1::2 --- veth --- 203.0.113.1 TCP 1024-2047, blocks of 64 --- 203.0.113.2

# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

CLI6=2001:db8:1::2
WAN4=203.0.113.1
SRV4=203.0.113.2
SRV6=2001:db8:64::cb00:7102
NAT64D=${NAT64D:-$E2E_ROOT/usr/nat64d/nat64d}
D=$(mktemp -d)
e2e_defer "rm -rf $D"
# what the checks start in the background (each in a subshell, where
# e2e_defer would be lost) notes its pid here
e2e_defer "kill \$(cat $D/pids) 2>/dev/null"
bg() {	# bg PIDFILE: note the last background job
	echo $! >"$1"
	echo $! >>"$D/pids"
}

inx() { ip netns exec xl "$NAT64CTL" "$@"; }

# nd_error DESC WANT_RC ERE CMD...: nat64d refuses with one line on stderr.
nd_error() {
	local desc=$1 rc=$2 ere=$3 out
	shift 3
	out=$("$@" 2>&1 >/dev/null)
	if (($? == rc)) && [[ $out == "nat64d: "* && $out != *$'\n'* &&
	      $out =~ $ere ]]; then
		e2e_pass "$desc"
	else
		e2e_fail "$desc" "command: $*" "expected exit $rc and: $ere" "got: $out"
	fi
}

# --- the configuration file, checked with no kernel ----------------------
printf '# nothing\n' >"$D/empty.conf"
printf 'instance cgn\nsyslg udp 127.0.0.1\n' >"$D/typo.conf"
printf 'ipfix udp 127.0.0.1:99999\n' >"$D/port.conf"
printf 'ipfix udp [2001:db8::1]:4739 refresh 0\n' >"$D/refresh.conf"
printf 'syslog local format json\n' >"$D/format.conf"
printf 'syslog udp\n' >"$D/host.conf"
printf 'instance a/b\nsyslog local\n' >"$D/name.conf"
nd_error "--check: a file with no output" 1 "empty.conf: no output" \
	"$NAT64D" -c "$D/empty.conf" --check
nd_error "--check: an unknown directive, with its line" 1 \
	"typo.conf:2: unknown directive 'syslg'" "$NAT64D" -c "$D/typo.conf" --check
nd_error "--check: a port out of range" 1 "port.conf:1: port '99999'" \
	"$NAT64D" -c "$D/port.conf" --check
nd_error "--check: a template refresh of 0" 1 "refresh.conf:1: refresh '0'" \
	"$NAT64D" -c "$D/refresh.conf" --check
nd_error "--check: an unknown format" 1 "format 'json'" \
	"$NAT64D" -c "$D/format.conf" --check
nd_error "--check: a transport without its host" 1 "host.conf:1: syslog udp" \
	"$NAT64D" -c "$D/host.conf" --check
nd_error "--check: a bad instance name" 1 "name.conf:1: instance 'a/b'" \
	"$NAT64D" -c "$D/name.conf" --check
nd_error "a file that is not there" 1 "nope.conf: No such file" \
	"$NAT64D" -c "$D/nope.conf" --check

# --- the translator, the collectors, the daemon -------------------------
e2e_check "module loads" e2e_module_load
e2e_check "topology: v6 - xl - v4" e2e_plat_topology $CLI6 $WAN4 $SRV4
e2e_check "cgn: blocks of 64, held 1 s, per-session events on" sh -c "
	ip netns exec xl $NAT64CTL instance add cgn --mode nat64 &&
	ip netns exec xl $NAT64CTL -i cgn prefix add 2001:db8:64::/96 &&
	ip netns exec xl $NAT64CTL -i cgn pool4 add $WAN4/32 tcp 1024-2047 &&
	ip netns exec xl $NAT64CTL -i cgn global set port-blocks on \
		port-block-size 64 port-block-hold 1 subscriber-len 128 \
		session-events on"

cat >"$D/rsyslog.conf" <<EOF
global(workDirectory="$D")
module(load="imudp")
module(load="imtcp")
input(type="imudp" address="127.0.0.1" port="5514")
input(type="imtcp" address="127.0.0.1" port="5514")
template(name="raw" type="string"
	string="%inputname%|%app-name%|%msgid%|%structured-data%|%msg%\n")
*.* action(type="omfile" file="$D/rs.out" template="raw")
EOF
collector() {	# collector udp|tcp PORT FILE
	ip netns exec xl "$E2E_PYTHON" "$E2E_DIR/collect.py" "$1" 127.0.0.1 \
		"$2" "$3" >/dev/null 2>&1 &
	bg "$3.pid"
	e2e_listening xl "$1" "$2"
}
# capture PORT PCAP: tshark writes what goes to UDP PORT on lo into PCAP
# (its pid in PCAP.pid, its output in PCAP.log), once it captures
capture() {
	ip netns exec xl tshark -q -i lo -f "udp port $1" -w "$2" \
		>"$2.log" 2>&1 &
	bg "$2.pid"
	for _ in $(seq 300); do
		grep -q "Capturing on" "$2.log" && return 0
		sleep 0.2
	done
	cat "$2.log"
	return 1
}
# nd_start CONF STATUS: a nat64d in xl (its pid in CONF.pid, its standard
# error in CONF.err), once it has written its status file
nd_start() {
	ip netns exec xl "$NAT64D" -c "$1" >/dev/null 2>"$1.err" &
	bg "$1.pid"
	for _ in $(seq 100); do
		[[ -s $2 ]] && return 0
		sleep 0.2
	done
	cat "$1.err"
	return 1
}
collectors() {
	ip netns exec xl rsyslogd -n -f "$D/rsyslog.conf" -i "$D/rs.pid" \
		>"$D/rs.log" 2>&1 &
	bg "$D/rsyslogd.pid"
	e2e_listening xl udp 5514 && e2e_listening xl tcp 5514 &&
	collector udp 4739 "$D/ipfix-udp.bin" &&
	collector tcp 4740 "$D/ipfix-tcp.bin" &&
	capture 4739 "$D/ipfix.pcap"
}
e2e_check "collectors: rsyslogd (UDP, TCP 5514), IPFIX UDP 4739 (tshark), TCP 4740" \
	collectors

cat >"$D/nat64d.conf" <<EOF
# the daemon of this test
instance cgn
status $D/status
rcvbuf 65536
syslog udp 127.0.0.1:5514 format rfc5424 hostname cgn1
syslog tcp 127.0.0.1:5514 format compact
ipfix udp 127.0.0.1 domain 7 refresh 2 flush-ms 200
ipfix tcp 127.0.0.1:4740 domain 8 flush-ms 200
EOF
e2e_check "the configuration checks" "$NAT64D" -c "$D/nat64d.conf" --check
ip netns exec xl "$NAT64D" -c "$D/nat64d.conf" -p "$D/nat64d.pid" \
	2>"$D/nat64d.err" &
ND=$!
e2e_defer "kill $ND 2>/dev/null"
# nd_status FILE KEY | nd_status FILE OUTPUT FIELD: a number of the status
# file of the nat64d running now ($ND), written afresh
nd_status() {
	local f=$1
	shift
	kill -USR1 "$ND"
	sleep 0.5
	if (($# == 1)); then
		awk -v k="$1" '$1 == k { print $2 }' "$f"
	else
		awk -v o="$1" -v f="$2" '$1 == "output" && index($0, o) == 8 {
			for (i = 1; i < NF; i++) if ($i == f) print $(i + 1) }' "$f"
	fi
}
started() {
	for _ in $(seq 100); do
		[[ -s $D/status ]] && return 0
		sleep 0.2
	done
	cat "$D/nat64d.err"
	return 1
}
e2e_check "nat64d starts and writes its status" started

# The server notes the address and port it saw; the client's connection
# closes, which leaves its session transitory.
seen() { e2e_tcp_seen "$D" "$SRV4" "$SRV6"; }
e2e_check "a connection through cgn" seen
read -r _ PORT <"$D/seen"
e2e_check "a static BIB entry added and deleted" sh -c "
	ip netns exec xl $NAT64CTL -i cgn bib add tcp $WAN4#2000 $CLI6#22 &&
	ip netns exec xl $NAT64CTL -i cgn bib del tcp $WAN4#2000"
# every binding goes, and the block with them
e2e_check "port blocks off: the session ends, the block goes back" \
	inx -i cgn global set port-blocks off
sent6() {
	local n
	for _ in $(seq 50); do
		n=$(nd_status "$D/status" "ipfix udp" sent)
		((n >= 6)) && return 0
		sleep 0.2
	done
	cat "$D/status"
	return 1
}
e2e_check "nat64d exported the six events (block, session, BIB, each twice)" \
	sent6

# --- what the collectors got ------------------------------------------
stop_all() {
	kill $ND && wait $ND
	sleep 1
	kill "$(cat "$D/ipfix-udp.bin.pid")" "$(cat "$D/ipfix-tcp.bin.pid")" \
		"$(cat "$D/rs.pid")"
	kill "$(cat "$D/ipfix.pcap.pid")"
	sleep 2
	cat "$D/nat64d.err"
}
e2e_check "nat64d stops on SIGTERM, flushing" stop_all
# syslog outputs carry nat64d's own notes too: started, stopping
e2e_check_eq "its final status: every output sent the 6 events (syslog: + 2 notes), lost none" \
	"8 0 8 0 6 0 6 0" awk '$1 == "output" {
		for (i = 1; i < NF; i++) if ($i == "sent" || $i == "lost")
			printf "%s%s", (n++ ? " " : ""), $(i + 1) } END { print "" }' \
	"$D/status"

# tshark_fields PCAP PORT FIELD...: tshark's view of an IPFIX export over
# UDP, each data record's FIELDs "|"-joined: "-" for a field the record
# does not have, the number of a named value, and for "+NAME" only "+"
# when the record has it
tshark_fields() {
	local pcap=$1 port=$2
	shift 2
	tshark -r "$pcap" -d "udp.port==$port,cflow" -V 2>/dev/null |
	"$E2E_PYTHON" -c '
import re, sys
want = sys.argv[1:]
recs, rec = [], None
for line in sys.stdin:
    if re.match(r"\s+Flow \d+$", line):
        rec = {}
        recs.append(rec)
    elif len(line) - len(line.lstrip()) <= 4:
        rec = None
    elif rec is not None:
        m = re.match(r"\s+([A-Za-z0-9 ]+?): (.*)$", line)
        if m and m.group(1) not in rec:
            v = m.group(2).strip()
            n = re.search(r"\((\d+)\)$", v)
            rec[m.group(1)] = n.group(1) if n else v.split()[0]
def field(r, k):
    if k.startswith("+"):
        return "+" if k[1:] in r else "-"
    return r.get(k, "-")


for r in recs:
    print("|".join(field(r, k) for k in want))
' "$@"
}
# the records of the first export: natEvent, source IPv6 address,
# post-NAT IPv4 address, port range, protocol, port, post-NAPT port, and
# whether the time is in milliseconds
tshark_records() {
	tshark_fields "$D/ipfix.pcap" 4739 "Nat Event" SrcAddr \
		"Post NAT Source IPv4 Address" "Port Range Start" \
		"Port Range End" Protocol SrcPort \
		"Post NAPT Source Transport Port" \
		"+Observation Time Milliseconds"
}
e2e_check "tshark decodes the IPFIX export" sh -c "
	tshark -r $D/ipfix.pcap -d udp.port==4739,cflow -V 2>&1 |
	tee $D/tshark.txt | grep -q 'Nat Event'"
tshark_records >"$D/records" 2>&1
cat >"$D/want" <<EOF
16|$CLI6|$WAN4|$((PORT / 64 * 64))|$((PORT / 64 * 64 + 63))|-|-|-|+
6|$CLI6|$WAN4|-|-|6|PORT6|$PORT|+
10|$CLI6|$WAN4|-|-|6|22|2000|+
11|$CLI6|$WAN4|-|-|6|22|2000|+
7|$CLI6|$WAN4|-|-|6|PORT6|$PORT|+
17|-|$WAN4|$((PORT / 64 * 64))|$((PORT / 64 * 64 + 63))|-|-|-|+
EOF
records() {
	# the client's own port is whatever it chose: PORT6 stands for it
	sed -E "s/^([67])\|([^|]*)\|([^|]*)\|-\|-\|6\|[0-9]+\|/\1|\2|\3|-|-|6|PORT6|/" \
		"$D/records" | sort >"$D/got"
	sort "$D/want" | diff - "$D/got" || { grep -n -m 40 . "$D/tshark.txt"; return 1; }
}
e2e_check "tshark: block 16/17, session 6/7, BIB 10/11 with RFC 8158's fields and values (8158-3, 8158-4, 8158-6, 8158-8)" \
	records
e2e_check "tshark: IPFIX (version 10), templates 256-259 before the data, and again after 2 s (8158-1, 8158-2)" \
	sh -c "grep -c 'Template Id: 25[6-9]' $D/tshark.txt | awk '\$1 >= 8'"
e2e_check "tshark: the observation domain is 7" \
	grep -q "Observation Domain Id: 7" "$D/tshark.txt"
e2e_check "tshark: no destination field is exported (8158-7)" sh -c "
	grep -q 'Version: 10' $D/tshark.txt &&
	! grep -E -q 'DstAddr|DstPort|Destination IPv4|Destination Transport' $D/tshark.txt"
e2e_check "ipfixDump reads the TCP export (domain 8, natEvent 16)" sh -c "
	ipfixDump --in $D/ipfix-tcp.bin >$D/dump.txt 2>&1 &&
	grep -q 'natEvent' $D/dump.txt && grep -q 'portRangeStart' $D/dump.txt &&
	grep -qi 'domain[^0-9]*8' $D/dump.txt || { head -50 $D/dump.txt; false; }"
e2e_check "rsyslog got RFC 5424 over UDP: msgid, structured data" sh -c "
	grep 'imudp|nat64d|' $D/rs.out | grep -q 'nat64@32473' &&
	grep 'imudp|nat64d|' $D/rs.out | grep -q 'addr4=\"$WAN4\"' ||
	{ cat $D/rs.out; false; }"
compact() {
	local n
	n=$(grep -c '^imtcp|' "$D/rs.out")
	grep '^imtcp|' "$D/rs.out"
	((n >= 6)) &&
	grep '^imtcp|' "$D/rs.out" | grep -q " A $WAN4 $((PORT / 64 * 64))-$((PORT / 64 * 64 + 63)) " &&
	grep '^imtcp|' "$D/rs.out" | grep -q " C 6 $WAN4 $PORT "
}
e2e_check "rsyslog got the compact lines over TCP, one per event" compact

# --- the daemon's life: reload, a collector away, a flood ---------------
cat >"$D/life.conf" <<EOF
instance cgn
status $D/life.status
rcvbuf 65536
syslog udp 127.0.0.1:5516 format compact
ipfix tcp 127.0.0.1:4741 flush-ms 100
EOF
life_start() {
	collector udp 5516 "$D/notes.bin" &&
	collector tcp 4741 "$D/life1.bin" || return 1
	inx -i cgn global set port-blocks on &&
	nd_start "$D/life.conf" "$D/life.status"
}
e2e_check "a second nat64d: compact syslog over UDP, IPFIX over TCP" life_start
ND=$(cat "$D/life.conf.pid")
lstatus() { nd_status "$D/life.status" "$@"; }
e2e_check "a connection: a block held (its session lingers)" seen

printf 'instance cgn\nipfix udp\n' >"$D/bad.conf"
cp "$D/life.conf" "$D/good.conf"
reload_bad() {
	cp "$D/bad.conf" "$D/life.conf"
	kill -HUP "$ND"
	sleep 1
	[[ $(lstatus reload_failures) == 1 && $(lstatus reloads) == 0 ]] &&
	grep -c '^output' "$D/life.status" | grep -qx 2 &&
	grep -q "reload failed, configuration unchanged: .*life.conf:2: ipfix udp: expected HOST" \
		"$D/life.conf.err" || { cat "$D/life.conf.err" "$D/life.status"; return 1; }
}
e2e_check "SIGHUP with a bad file: counted, said, the outputs run on" reload_bad
reload_good() {
	{ cat "$D/good.conf"; echo "syslog udp 127.0.0.1:5517 format rfc5424"; } \
		>"$D/life.conf"
	kill -HUP "$ND"
	sleep 1
	[[ $(lstatus reloads) == 1 ]] && grep -c '^output' "$D/life.status" | grep -qx 3 ||
		{ cat "$D/life.conf.err" "$D/life.status"; return 1; }
}
e2e_check "SIGHUP with a good file: a third output" reload_good

bib2() {
	inx -i cgn bib add tcp "$WAN4#2001" "$CLI6#23" &&
	inx -i cgn bib del tcp "$WAN4#2001"
}
away() {
	local lost
	kill "$(cat "$D/life1.bin.pid")" || return 1
	sleep 1
	bib2 || return 1
	sleep 1
	lost=$(lstatus "ipfix tcp" lost)
	echo "lost $lost"
	((lost >= 2))
}
e2e_check "IPFIX over TCP, collector gone: the events counted lost" away
back() {
	collector tcp 4741 "$D/life2.bin" || return 1
	sleep 2
	bib2 || return 1
	for _ in $(seq 50); do
		[[ $(lstatus "ipfix tcp" reconnects) == 1 && -s $D/life2.bin ]] &&
			break
	done
	sleep 1
	ipfixDump --in "$D/life2.bin" >"$D/life2.txt" 2>&1 &&
	grep -q "natEvent.*10" "$D/life2.txt" && grep -q "natEvent.*11" "$D/life2.txt" ||
		{ head -40 "$D/life2.txt"; cat "$D/life.status"; return 1; }
}
e2e_check "...back: reconnected (1), templates first, the new events there (ipfixDump)" \
	back

# A stopped daemon misses what its buffer cannot hold; it says exactly
# how many, then exports the blocks held again.
flood() {
	local e0 m0 e1 m1
	e0=$(lstatus events) m0=$(lstatus missed)
	kill -STOP "$ND"
	ip netns exec xl "$E2E_PYTHON" "$E2E_DIR/nlraw.py" bib-flood cgn 500 \
		"$WAN4" "$CLI6" || { kill -CONT "$ND"; return 1; }
	kill -CONT "$ND"
	sleep 2
	ip netns exec xl "$E2E_PYTHON" "$E2E_DIR/nlraw.py" bib-flood cgn 1 \
		"$WAN4" "$CLI6" || return 1
	sleep 2
	e1=$(lstatus events) m1=$(lstatus missed)
	echo "events $e0 -> $e1, missed $m0 -> $m1, gaps $(lstatus gaps), resyncs $(lstatus resyncs)"
	((e1 - e0 + m1 - m0 == 1002 && m1 > m0)) &&
	(($(lstatus resyncs) >= 1 && $(lstatus gaps) >= 1))
}
e2e_check "flooded while stopped: exported + missed = 1,002 exactly, then a resync" \
	flood
e2e_check "the notes say so on syslog: the gap, the resync of 1 block" sh -c "
	grep -a -q 'N lost [0-9]* events of cgn (seq ' $D/notes.bin &&
	grep -a -q 'N resync cgn: 1 port blocks, current at event ' $D/notes.bin ||
	{ tr '<' '\n' <$D/notes.bin | tail -5; false; }"
e2e_check "nat64d stops" sh -c "kill $ND; sleep 2; ! kill -0 $ND 2>/dev/null"
e2e_check "...its notes said it was reloaded and stopped" sh -c "
	grep -a -q 'N reloaded .*life.conf: 3 outputs' $D/notes.bin &&
	grep -a -q 'N stopping' $D/notes.bin"

e2e_check "instance deleted" inx instance del cgn

# --- exhaustion, thresholds and the rule ---------------------------------
# Instance ex: one 64-port UDP block, pool-id 5, both thresholds at 1, and
# a deterministic rule for other subscribers, set before nat64d starts:
# nat64d logs the rule when it starts and every det-relog seconds. The
# client's first datagram binds it to its address (binding-events on),
# takes the block and crosses both thresholds; a second client finds no
# block (addresses exhausted); the rule deleted; port blocks turned off
# (the block back, the client unbound).
CLI6B=2001:db8:1::3
DRULE="2001:db8:2::/120 128 203.0.113.9/32 1024-65535"
e2e_check "ex: UDP 1024-1087 in blocks of 64, pool-id 5, thresholds 1, a rule" sh -c "
	ip -n v6 addr add $CLI6B/64 dev veth6 nodad &&
	ip netns exec xl $NAT64CTL instance add ex --mode nat64 &&
	ip netns exec xl $NAT64CTL -i ex prefix add 2001:db8:64::/96 &&
	ip netns exec xl $NAT64CTL -i ex pool4 add $WAN4/32 udp 1024-1087 &&
	ip netns exec xl $NAT64CTL -i ex global set port-blocks on \
		port-block-size 64 subscriber-len 128 pool-id 5 \
		bib-threshold 1 subscriber-threshold 1 binding-events on &&
	ip netns exec xl $NAT64CTL -i ex det set $DRULE"
cat >"$D/ex.conf" <<EOF
instance ex
status $D/ex.status
det-relog 2
syslog udp 127.0.0.1:5518 format compact
ipfix udp 127.0.0.1:4742 domain 9 flush-ms 100
EOF
ex_start() {
	collector udp 5518 "$D/ex.bin" && collector udp 4742 "$D/ex-ipfix.bin" &&
	capture 4742 "$D/ex.pcap" && nd_start "$D/ex.conf" "$D/ex.status"
}
e2e_check "nat64d for ex: compact syslog over UDP, IPFIX over UDP (domain 9)" \
	ex_start
ND=$(cat "$D/ex.conf.pid")
udp() { e2e_udp6 "$1" "$SRV6" 40001; }	# udp SRC6: one datagram
ex_events() {
	udp "$CLI6" && sleep 0.5 && udp "$CLI6B" || return 1
	sleep 2.5		# a det-relog period: the rule again
	inx -i ex det del && inx -i ex global set port-blocks off || return 1
	sleep 1
	kill "$ND" && wait "$ND"
	sleep 1
	kill "$(cat "$D/ex.pcap.pid")" "$(cat "$D/ex.bin.pid")" \
		"$(cat "$D/ex-ipfix.bin.pid")"
	sleep 1
	cat "$D/ex.conf.err"
}
e2e_check "a binding, a block, both thresholds, addresses exhausted, the rule deleted, the block back; nat64d stops" \
	ex_events
ex_ipfix() {
	tshark_fields "$D/ex.pcap" 4742 "Nat Event" "Nat Pool Id" \
		"NAT Threshold Event" "Addressport Mapping High Threshold" \
		"Addressport Mapping Per User High Threshold" SrcAddr \
		"Port Range Start" | sort >"$D/ex.got"
	sort >"$D/ex.want" <<EOF
14|-|-|-|-|$CLI6|-
16|-|-|-|-|$CLI6|1024
18|-|3|1|-|-|-
18|-|4|-|1|$CLI6|-
3|5|-|-|-|-|-
17|-|-|-|-|-|1024
15|-|-|-|-|$CLI6|-
EOF
	diff "$D/ex.want" "$D/ex.got" ||
	{ tshark -r "$D/ex.pcap" -d udp.port==4742,cflow -V | grep -m 60 .; false; }
}
e2e_check "tshark: binding 14/15, block 16/17, thresholds 18/3 and 18/4 with their values, addresses exhausted 3 with natPoolId 5 (8158-9, 8158-10, 8158-11)" \
	ex_ipfix
e2e_check "tshark: templates 262, 263, 264, 265 in the export" sh -c "
	tshark -r $D/ex.pcap -d udp.port==4742,cflow -V 2>/dev/null |
	grep -E -o 'Template Id: 26[2345]' | sort -u | wc -l | grep -qx 4"
ex_syslog() {
	tr '<' '\n' <"$D/ex.bin" >"$D/ex.lines"
	grep -q " A $WAN4 1024-1087 " "$D/ex.lines" &&
	grep -q " T 3 5 1\$" "$D/ex.lines" &&
	grep -q " T 4 5 1 $WAN4 " "$D/ex.lines" &&
	grep -q " X 17 5 " "$D/ex.lines" &&
	grep -q " I $WAN4 $CLI6/128\$" "$D/ex.lines" &&
	grep -q " O $WAN4 $CLI6/128\$" "$D/ex.lines" &&
	grep -q " Z 2001:db8:2::/120 128 203.0.113.9/32 1024-65535 256 252\$" \
		"$D/ex.lines" || { cat "$D/ex.lines"; return 1; }
}
e2e_check "compact syslog: the binding (I, O), the block, T 3 and T 4, X, and the rule's deletion (Z)" \
	ex_syslog
e2e_check "the rule logged when nat64d started and again every 2 s, until deleted (7422-5)" sh -c "
	n=\$(grep -c ' S 2001:db8:2::/120 128 203.0.113.9/32 1024-65535 256 252\$' $D/ex.lines)
	echo \"S lines: \$n, det_relogs \$(awk '\$1 == \"det_relogs\" { print \$2 }' $D/ex.status)\"
	[ \"\$n\" -ge 2 ]"
e2e_check_eq "nat64d lost nothing (both outputs)" "0 0" awk '$1 == "output" {
		for (i = 1; i < NF; i++) if ($i == "lost")
			printf "%s%s", (n++ ? " " : ""), $(i + 1) } END { print "" }' \
	"$D/ex.status"
e2e_check "instance ex deleted" inx instance del ex
e2e_done
