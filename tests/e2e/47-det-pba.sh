#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Deterministic NAT (RFC 7422) and port blocks (RFC 6888). The rule
# through nat64ctl and raw netlink
# (set, show, replace, delete; refusals of the CLI and of the kernel; no
# overlap with pool4 either way), then the abuse desk's question answered
# for real: an IPv6 client inside the rule connects to an IPv4 server, the
# server notes the address and port it saw, and `nat64ctl det lookup`
# names the client's prefix from the rule alone (with --rule, no kernel).
# Then port blocks: three connections of the client through an instance
# with port-blocks on leave from three ports of one block.
#
#   ns v6                       ns xl (nat64 "cgn")               ns v4
#   2001:db8:1::2 --- veth --- rule 2001:db8:1::/120 128 --- veth --- 203.0.113.2
#   (subscriber 2)             203.0.113.1/32 1024-65535           (server)
#                              252 ports each: 2 -> 1528-1779
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

CLI6=2001:db8:1::2
WAN4=203.0.113.1
SRV4=203.0.113.2
SRV6=2001:db8:64::cb00:7102
CARRIER="2001:db8:100::/40 56 203.0.113.0/24 1024-65535"
RULE="2001:db8:1::/120 128 $WAN4/32 1024-65535"
D=$(mktemp -d)
e2e_defer "rm -rf $D"

ctl() { "$NAT64CTL" "$@"; }
inx() { ip netns exec xl "$NAT64CTL" "$@"; }

# raw CASE: one DET_SET the CLI would never send, to instance n; prints
# "ERRNO extended-ack-text" (ERRNO 0 for an ack).
raw() {
	"$E2E_PYTHON" - "$E2E_DIR" "$1" <<'EOF'
import errno
import socket
import struct
import sys

sys.path.insert(0, sys.argv[1])
import nlraw as n  # noqa: E402

C = n.C


def rule(plen6=40, sub=56, plen4=24, lo=1024, hi=65535, skip=()):
    a = {
        "PREFIX6": n.nla(C["NAT64_A_PREFIX6"],
                         socket.inet_pton(socket.AF_INET6, "2001:db8:100::")),
        "PREFIX6_LEN": n.u8(C["NAT64_A_PREFIX6_LEN"], plen6),
        "SUB_LEN": n.u8(C["NAT64_A_SUB_LEN"], sub),
        "PREFIX4": n.nla(C["NAT64_A_PREFIX4"], socket.inet_aton("203.0.113.0")),
        "PREFIX4_LEN": n.u8(C["NAT64_A_PREFIX4_LEN"], plen4),
        "PORT_MIN": n.nla(C["NAT64_A_PORT_MIN"], struct.pack("=H", lo)),
        "PORT_MAX": n.nla(C["NAT64_A_PORT_MAX"], struct.pack("=H", hi)),
    }
    return b"".join(v for k, v in a.items() if k not in skip)


CASES = {
    "no-sub-len": rule(skip=("SUB_LEN",)),
    "sub-shorter": rule(sub=32),
    "too-many": rule(sub=72),
    "ports-0": rule(lo=0),
    "few-ports": rule(hi=1024 + 254),
}
g = n.Genl()
err, text, _ = g.request(C["NAT64_CMD_DET_SET"],
                         n.nla_str(C["NAT64_A_INSTANCE"], "n") +
                         CASES[sys.argv[2]])
print(errno.errorcode.get(err, err) if err else 0, text)
EOF
}

# --- the rule ------------------------------------------------------------
e2e_check "module loads" e2e_module_load
e2e_check "instance n (nat64)" ctl instance add n --mode nat64
e2e_check "instance s (siit)" ctl instance add s --mode siit
e2e_check_error "a fresh instance has no rule" 1 "no deterministic NAT rule" \
	ctl -i n det show
e2e_check "det set, the carrier's rule" ctl -i n det set $CARRIER
e2e_check_eq "det show: the rule and its sizes" \
	"rule $CARRIER
subscribers 65536 addresses 256 ports-each 252" ctl -i n det show
e2e_check_eq "det show -j: the same, as JSON" "65536 256 252" \
	sh -c "$NAT64CTL -j -i n det show | jq-e -r '\"\(.subscribers) \(.addresses) \(.ports_each)\"'"
e2e_check_eq "det show of a subscriber, from the kernel's rule (7422-4)" \
	"2001:db8:100:100::/56 203.0.113.1 1024-1275" \
	ctl -i n det show 2001:db8:100:100::42
e2e_check_eq "det lookup, from the kernel's rule (7422-4)" \
	"2001:db8:159:700::/56" ctl -i n det lookup 203.0.113.7 23456
e2e_check_error "a port nobody has" 1 "belongs to no subscriber" \
	ctl -i n det lookup 203.0.113.7 80
e2e_check_error "pool4 may not overlap the rule's addresses" 1 \
	"overlaps the addresses of the deterministic NAT rule" \
	ctl -i n pool4 add 203.0.113.128/25 tcp
e2e_check "pool4 beside the rule" ctl -i n pool4 add 198.51.100.0/30
e2e_check_error "nor a new rule pool4's" 1 \
	"the IPv4 addresses overlap a pool4 entry" \
	ctl -i n det set 2001:db8:100::/40 56 198.51.100.0/24 1024-65535
e2e_check_eq "...and the old rule stays" "rule $CARRIER" \
	sh -c "$NAT64CTL -i n det show | head -1"
e2e_check "a rule with blocks (RFC 7422's C + D)" \
	ctl -i n det set 2001:db8::/124 128 192.0.2.1/32 1024-65535 16
e2e_check_eq "its show gives the blocks back" \
	"rule 2001:db8::/124 128 192.0.2.1/32 1024-65535 16" \
	sh -c "$NAT64CTL -i n det show | head -1"
e2e_check_eq "RFC 7422's table: the 14th subscriber gets 53440-57471 (7422-1)" \
	"2001:db8::d/128 192.0.2.1 53440-57471" ctl -i n det show 2001:db8::d

# refusals: the CLI's, before anything is sent, and the kernel's own
e2e_check_error "the CLI refuses too many subscribers" 2 \
	"more than 2\^24 subscribers" \
	ctl -i n det set 2001:db8:100::/40 72 203.0.113.0/24 1024-65535
e2e_check_error "the CLI refuses a rule of three words" 2 "." \
	ctl det lookup --rule "2001:db8:100::/40 56 203.0.113.0/24" 192.0.2.1 1
e2e_check_error "the CLI refuses a bad port" 2 "." \
	ctl -i n det lookup 203.0.113.7 65536
e2e_check_eq "the kernel: a rule without its subscriber length (EINVAL)" \
	"EINVAL a rule needs the subscriber prefix and length, the IPv4 prefix and the port range" \
	raw no-sub-len
e2e_check_eq "the kernel: a subscriber length shorter than the range" \
	"EINVAL the subscriber length is shorter than the subscriber range" \
	raw sub-shorter
e2e_check_eq "the kernel: more than 2^24 subscribers" \
	"EINVAL more than 2^24 subscribers in the range" raw too-many
e2e_check_eq "the kernel: port 0" \
	"EINVAL the port range must be within 1-65535, low to high" raw ports-0
e2e_check_eq "the kernel: fewer ports than blocks" \
	"EINVAL fewer ports than blocks per IPv4 address" raw few-ports
e2e_check_error "a siit instance has no rule" 1 "not a nat64 instance" \
	ctl -i s det set $CARRIER
e2e_check "det del" ctl -i n det del
e2e_check_error "det del again: no rule" 1 "no deterministic NAT rule" \
	ctl -i n det del
e2e_check "instances deleted" sh -c "$NAT64CTL instance del n && $NAT64CTL instance del s"

# --- a real connection, and the question answered from the rule ---------
e2e_check "topology: v6 - xl - v4" e2e_plat_topology $CLI6 $WAN4 $SRV4
e2e_check "cgn: nat64 instance with the rule, no pool4" sh -c "
	ip netns exec xl $NAT64CTL instance add cgn --mode nat64 &&
	ip netns exec xl $NAT64CTL -i cgn prefix add 2001:db8:64::/96 &&
	ip netns exec xl $NAT64CTL -i cgn det set $RULE"

# The server writes down who connected, as a server's log would.
seen() { e2e_tcp_seen "$D" "$SRV4" "$SRV6"; }
e2e_check "the client connects to the server through the rule" seen
in_range() {
	local a p
	read -r a p <"$D/seen"
	[[ $a == "$WAN4" ]] && ((p >= 1528 && p <= 1779))
}
e2e_check "the server saw 203.0.113.1, a port of subscriber 2's 1528-1779 (7422-1)" \
	in_range
e2e_check_eq "det lookup of what the server saw names the client (7422-4)" \
	"$CLI6/128" sh -c "ip netns exec xl $NAT64CTL -i cgn det lookup \$(cat $D/seen)"
e2e_check_eq "...and so does the archived rule alone, with no kernel" \
	"$CLI6/128" sh -c "$NAT64CTL det lookup --rule '$RULE' \$(cat $D/seen)"
e2e_check_eq "no drop_det_ports, no drop_pool4" "0 0" sh -c "
	ip netns exec xl $NAT64CTL -j stats cgn |
	jq-e -r '\"\(.stats.drop_det_ports) \(.stats.drop_pool4)\"'"
e2e_check "instance deleted" inx instance del cgn

# --- port blocks: the same client's connections share one block ---------
e2e_check "pba: nat64 instance, port blocks of 64 on $WAN4 TCP 1024-2047" sh -c "
	ip netns exec xl $NAT64CTL instance add pba --mode nat64 &&
	ip netns exec xl $NAT64CTL -i pba prefix add 2001:db8:64::/96 &&
	ip netns exec xl $NAT64CTL -i pba pool4 add $WAN4/32 tcp 1024-2047 &&
	ip netns exec xl $NAT64CTL -i pba global set port-blocks on \
		port-block-size 64"
three() {
	local i a p ports=()
	for i in 1 2 3; do
		seen >/dev/null || return 1
		read -r a p <"$D/seen"
		[[ $a == "$WAN4" ]] || return 1
		ports+=("$p")
	done
	echo "ports: ${ports[*]}"
	((ports[0] / 64 == ports[1] / 64 && ports[1] / 64 == ports[2] / 64 &&
	  ports[0] >= 1024 && ports[0] <= 2047))
}
e2e_check "three connections, three ports of one 64-port block (6888-3)" three
e2e_check_eq "one block given, none taken back yet" "1 0" sh -c "
	ip netns exec xl $NAT64CTL -j stats pba |
	jq-e -r '\"\(.stats.pba_alloc) \(.stats.pba_release)\"'"
e2e_check "instance deleted" inx instance del pba

# --- the event stream ----------------------------------------------------
# A listener sees each block given and taken back, with the subscriber,
# the address and the ports, numbered without a gap; the dump of the
# blocks says which event it is current at.
e2e_check "ev: port blocks of 64, held 1 s, UDP idle 120 s" sh -c "
	ip netns exec xl $NAT64CTL instance add ev --mode nat64 &&
	ip netns exec xl $NAT64CTL -i ev prefix add 2001:db8:64::/96 &&
	ip netns exec xl $NAT64CTL -i ev pool4 add $WAN4/32 tcp 1024-2047 &&
	ip netns exec xl $NAT64CTL -i ev global set port-blocks on \
		port-block-size 64 port-block-hold 1 subscriber-len 128"
ip netns exec xl "$NAT64CTL" -j monitor >"$D/mon" 2>"$D/mon.err" &
mon=$!
e2e_defer "kill $mon"
sleep 2		# the listener joins the group
e2e_check "a connection through ev" seen
ev_alloc() {
	local p
	read -r _ p <"$D/seen"
	jq-e -c 'select(.event == "pba-alloc")' <"$D/mon" | tee "$D/alloc"
	jq-e --arg c "$CLI6/128" --arg a "$WAN4" --argjson p "$p" \
		'.instance == "ev" and .subscriber == $c and .address == $a and
		 .port_min <= $p and $p <= .port_max and
		 .port_max - .port_min == 63 and .port_min % 64 == 0' \
		<"$D/alloc" >/dev/null
}
e2e_check "the listener saw the block given: subscriber, address, the port's block (6888-3)" \
	ev_alloc
e2e_check_eq "pba list shows it, current at that event" "1 1" sh -c "
	ip netns exec xl $NAT64CTL -j -i ev pba list |
	jq-e -r '\"\(.blocks | length) \(.seq)\"'"
e2e_check "a static BIB entry added and deleted" sh -c "
	ip netns exec xl $NAT64CTL -i ev bib add tcp $WAN4#2000 $CLI6#22 &&
	ip netns exec xl $NAT64CTL -i ev bib del tcp $WAN4#2000"
ev_release() {
	local i
	# the TCP session closed: transitory, 4 min; delete the instance's
	# state instead by turning port blocks off (every binding goes)
	ip netns exec xl "$NAT64CTL" -i ev global set port-blocks off || return 1
	for i in $(seq 50); do
		grep -q pba-release "$D/mon" && break
		sleep 0.2
	done
	jq-e -s '[.[] | select(.instance == "ev") | .event] ==
		["pba-alloc", "bib-add", "bib-del", "pba-release"] and
		([.[] | select(.instance == "ev") | .seq] == [1, 2, 3, 4])' \
		<"$D/mon" >/dev/null || { cat "$D/mon"; return 1; }
}
e2e_check "then bib-add, bib-del and the block taken back, numbered 1-4 without a gap" \
	ev_release
e2e_check_eq "the instance sent 4 events, lost none" "4 0" sh -c "
	ip netns exec xl $NAT64CTL -j stats ev |
	jq-e -r '\"\(.stats.event_sent) \(.stats.event_lost)\"'"

# A listener that stops reading loses what its buffer cannot hold; it
# says how many, exactly, from the numbers.
flood() {
	ip netns exec xl "$E2E_PYTHON" "$E2E_DIR/nlraw.py" bib-flood ev "$1" \
		"$WAN4" "$CLI6"
}
overrun() {
	local m
	ip netns exec xl "$NAT64CTL" -j monitor --rcvbuf 4096 \
		>"$D/slow" 2>"$D/slow.err" &
	m=$!
	sleep 2
	kill -STOP $m
	flood 500 || { kill -CONT $m; kill $m; return 1; }	# 1,000 events
	kill -CONT $m
	sleep 2
	flood 1 || return 1				# 2 more, read
	sleep 2
	kill $m
	wait $m
	cat "$D/slow.err"
	# what it printed and what it says it lost make all 1,002
	jq-e -s '([.[] | select(.instance == "ev" and (.event == "bib-add" or
		.event == "bib-del"))] | length) +
		([.[] | select(.event == "lost") | .lost] | add) == 1002 and
		any(.[]; .event == "overrun")' <"$D/slow" >/dev/null
}
e2e_check "a stopped listener's losses are counted exactly (1,002 events)" overrun
e2e_check "the kernel counted the events it could not deliver" sh -c "
	ip netns exec xl $NAT64CTL -j stats ev | jq-e '.stats.event_lost > 0'"

# Per-flow logging: with session-events on, a session's start and end.
e2e_check "session-events on" inx -i ev global set session-events on
sessions() {
	local p
	seen >/dev/null || return 1
	read -r _ p <"$D/seen"
	# every binding goes: the session ends now
	inx -i ev global set port-blocks on || return 1
	for _ in $(seq 50); do
		grep -q session-del "$D/mon" && break
		sleep 0.2
	done
	jq-e -s --arg c "$CLI6" --arg a "$WAN4" --arg s "$SRV4" --argjson p "$p" '
		[.[] | select(.instance == "ev" and (.event | startswith("session")))] |
		length == 2 and .[0].event == "session-add" and
		.[1].event == "session-del" and .[1].seq == .[0].seq + 1 and
		all(.[]; .proto == "tcp" and .addr6 == $c and .addr4 == $a and
			.port4 == $p and .remote4 == $s and .rport == 9000)' \
		<"$D/mon" >/dev/null || { grep session "$D/mon"; return 1; }
}
e2e_check "a connection: session-add, then session-del, its binding and peer" \
	sessions
e2e_check "instance deleted" inx instance del ev

# --- thresholds, exhaustion, the rule's changes ---------------------------
# Instance th has four UDP ports on one address: a subscriber's second
# binding reaches subscriber-threshold 2, the third bib-threshold 3, the
# fifth finds no port (addresses exhausted, once a second at most).
udp() { e2e_udp6 "$1" "$SRV6" "${@:2}"; }	# udp SRC6 SPORT...
# evs INSTANCE: its numbered events so far, one JSON array
evs() {
	jq-e -s -c --arg i "$1" '[.[] | select(.instance == $i and has("seq"))]' \
		<"$D/mon"
}
e2e_check "th: UDP 1024-1027, pool-id 7, thresholds 3 and 2 (8158-10)" sh -c "
	ip netns exec xl $NAT64CTL instance add th --mode nat64 &&
	ip netns exec xl $NAT64CTL -i th prefix add 2001:db8:64::/96 &&
	ip netns exec xl $NAT64CTL -i th pool4 add $WAN4/32 udp 1024-1027 &&
	ip netns exec xl $NAT64CTL -i th global set subscriber-len 128 \
		pool-id 7 bib-threshold 3 subscriber-threshold 2 \
		binding-events on"
e2e_check_eq "global show reads them back" "7 3 2" sh -c "
	ip netns exec xl $NAT64CTL -j -i th global show |
	jq-e -r '\"\(.\"pool-id\") \(.\"bib-threshold\") \(.\"subscriber-threshold\")\"'"
thresholds() {
	udp "$CLI6" 40001 40002 40003 40004 || return 1
	sleep 1
	evs th | tee "$D/th"
	jq-e --arg c "$CLI6/128" --arg a "$WAN4" '
		[.[] | select(.event == "threshold")] |
		length == 2 and
		(.[0] | .threshold == "subscriber-mappings" and .limit == 2 and
		 .pool_id == 7 and .subscriber == $c and .address == $a) and
		(.[1] | .threshold == "mappings" and .limit == 3 and
		 .pool_id == 7 and (has("subscriber") | not))' <"$D/th" >/dev/null
}
e2e_check "4 bindings: subscriber-mappings 2, then mappings 3, once each" thresholds
exhausted() {
	udp "$CLI6" 40005 40006 40007 || return 1
	sleep 1
	evs th | tee "$D/th"
	jq-e --arg c "$CLI6/128" '
		[.[] | select(.event == "addr-full")] |
		length == 1 and .[0].proto == "udp" and .[0].pool_id == 7 and
		.[0].subscriber == $c' <"$D/th" >/dev/null
}
e2e_check "3 more: no port left, one addr-full (pool 7, the subscriber) for three drops (8158-9)" \
	exhausted
e2e_check_eq "the drops are counted drop_pool4" "3" sh -c "
	ip netns exec xl $NAT64CTL -j stats th | jq-e -r .stats.drop_pool4"
# binding-events: the subscriber bound to its address at its first
# binding, and unbound when its last goes (port blocks on: every binding
# deleted)
bindings() {
	inx -i th global set port-blocks on || return 1
	sleep 1
	evs th | tee "$D/th"
	jq-e --arg c "$CLI6/128" --arg a "$WAN4" '
		[.[] | select(.event == "sub-add" or .event == "sub-del")] |
		[.[].event] == ["sub-add", "sub-del"] and
		all(.[]; .subscriber == $c and .address == $a)' \
		<"$D/th" >/dev/null
}
e2e_check "binding-events: sub-add at the first binding, sub-del when the last goes (8158-11)" \
	bindings
e2e_check "instance th deleted" inx instance del th

# Port blocks: one block of 64; a second subscriber finds none.
CLI6B=2001:db8:1::3
e2e_check "pf: one 64-port block (UDP 1024-1087), pool-id 9; a second client" sh -c "
	ip -n v6 addr add $CLI6B/64 dev veth6 nodad &&
	ip netns exec xl $NAT64CTL instance add pf --mode nat64 &&
	ip netns exec xl $NAT64CTL -i pf prefix add 2001:db8:64::/96 &&
	ip netns exec xl $NAT64CTL -i pf pool4 add $WAN4/32 udp 1024-1087 &&
	ip netns exec xl $NAT64CTL -i pf global set port-blocks on \
		port-block-size 64 subscriber-len 128 pool-id 9"
pba_exhausted() {
	udp "$CLI6" 40001 && udp "$CLI6B" 40001 || return 1
	sleep 1
	evs pf | tee "$D/pf"
	jq-e --arg c "$CLI6/128" --arg b "$CLI6B/128" '
		[.[] | .event] == ["pba-alloc", "addr-full"] and
		.[0].subscriber == $c and .[1].subscriber == $b and
		.[1].pool_id == 9' <"$D/pf" >/dev/null
}
e2e_check "the first client takes the block, the second gets addr-full (8158-9)" \
	pba_exhausted
DRULE="2001:db8:1::/120 128 203.0.113.9/32 1024-65535"
rule_events() {
	inx -i pf det set $DRULE && inx -i pf det del || return 1
	sleep 1
	evs pf | tee "$D/pf"
	jq-e '[.[] | select(.event | startswith("det"))] |
		length == 2 and .[0].event == "det-set" and
		.[1].event == "det-del" and
		all(.[]; .prefix6 == "2001:db8:1::/120" and
			.subscriber_len == 128 and .prefix4 == "203.0.113.9/32" and
			.port_min == 1024 and .port_max == 65535 and
			.blocks == 256 and .block_ports == 252)' \
		<"$D/pf" >/dev/null
}
e2e_check "det set and det del are events with the rule, S and K (7422-5)" \
	rule_events
pf_numbers() {
	echo "$(evs pf | jq-e -c '[.[].seq]')" "$(inx -j stats pf |
		jq-e -r '"\(.stats.event_sent) \(.stats.event_lost)"')"
}
e2e_check_eq "pf: 4 events numbered 1-4, none lost" "[1,2,3,4] 4 0" pf_numbers
e2e_check "instance pf deleted" inx instance del pf
e2e_done
