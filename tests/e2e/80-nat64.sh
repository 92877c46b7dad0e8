#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A nat64 instance (RFC 6146) as the PLAT, and as a NAT64-CPE whose own
# WAN address is its pool4: an IPv6-only client reaches an IPv4 server
# with ping, curl, dig and iperf3; the translator's own services keep
# working beside it; a port-forwarded service on the IPv6 side is reached
# from IPv4 (a static BIB entry); nothing else from IPv4 gets in.
#
#   ns v6                      ns xl (nat64 "plat")              ns v4
#   2001:db8:1::2/64 --------- 2001:db8:1::1/64
#                              203.0.113.1/24 ----------------- 203.0.113.2/24
#                              prefix 2001:db8:64::/96 (an NSP)
#                              pool4 203.0.113.1 (its own address,
#                              ports 61001-65535)
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

CLI6=2001:db8:1::2
SRV4=203.0.113.2
SRV6=2001:db8:64::cb00:7102
WAN4=203.0.113.1

in4() { ip netns exec v4 "$@"; }
in6() { ip netns exec v6 "$@"; }
inx() { ip netns exec xl "$@"; }
ctl() { inx "$NAT64CTL" -i plat "$@"; }
stats() { inx "$NAT64CTL" -j stats plat; }

topology() {
	e2e_plat_topology $CLI6 $WAN4 $SRV4
}

e2e_check "module loads" e2e_module_load
e2e_check "topology: v6 client - PLAT - v4 server" topology
e2e_check "nat64 instance" inx "$NAT64CTL" instance add plat --mode nat64
e2e_check "prefix 2001:db8:64::/96" ctl prefix add 2001:db8:64::/96
e2e_check "pool4: the translator's own address" ctl pool4 add $WAN4/32

# --- ping (ICMP query sessions, 6146-31) ------------------------------
e2e_check "ping6 the IPv4 server through the PLAT (6146-31)" \
	in6 ping -6 -c 2 -i 0.3 -W 2 $SRV6
icmp_bib() {
	local out
	out=$(ctl -j bib list icmp)
	echo "$out"
	jq-e --arg w "$WAN4" --arg c "$CLI6" \
		'length == 1 and .[0].addr4 == $w and .[0].addr6 == $c' \
		<<<"$out" >/dev/null
}
e2e_check "an ICMP BIB entry binds the client to the pool4 address (6146-4)" icmp_bib

# --- the translator is still a host (its own address is pool4) --------
e2e_check "the server pings the translator's own address" \
	in4 ping -c 1 -W 2 $WAN4
e2e_check "the translator pings the server itself" inx ping -c 1 -W 2 $SRV4

# --- HTTP -------------------------------------------------------------
http_get() {
	local dir pid rc
	dir=$(mktemp -d)
	head -c 300000 /dev/urandom >"$dir/blob"
	ip netns exec v4 python3 -m http.server -b $SRV4 -d "$dir" 8080 \
		>/dev/null 2>&1 &
	pid=$!
	in6 curl -sf --max-time 30 --retry 15 --retry-connrefused \
		--retry-delay 1 -o "$dir/got" "http://[$SRV6]:8080/blob"
	rc=$?
	kill $pid
	wait $pid 2>/dev/null
	((rc == 0)) && cmp -s "$dir/blob" "$dir/got"
	rc=$?
	rm -rf "$dir"
	return $rc
}
e2e_check "curl fetches 300 kB from the IPv4 server over IPv6 (6146-19, 6146-20)" http_get
tcp_sessions() {
	local out
	out=$(ctl -j session list tcp)
	echo "$out" | head -c 2000
	# every TCP session of the fetches, bound to pool4 ports
	jq-e --arg w "$WAN4" --arg s "$SRV4" 'length >= 1 and
		all(.[]; .addr4 == $w and .remote4 == $s)' <<<"$out" >/dev/null
}
e2e_check "the TCP sessions are listed, bound to pool4" tcp_sessions
pool4_ports() {
	local out
	out=$(ctl -j bib list tcp)
	echo "$out" | head -c 2000
	jq-e 'length >= 1 and
		all(.[]; .port4 >= 61001 and .port4 <= 65535)' <<<"$out" >/dev/null
}
e2e_check "their ports are in the pool4 range 61001-65535 (6146-7)" pool4_ports

# --- DNS over UDP and TCP ---------------------------------------------
dns() {
	local pid out rc=0
	ip netns exec v4 dnsmasq --no-daemon --no-resolv --no-hosts \
		--listen-address=$SRV4 --bind-interfaces --port=53 \
		--address=/camera.example/192.0.2.80 \
		--pid-file= --log-facility=/dev/null >/dev/null 2>&1 &
	pid=$!
	e2e_listening v4 udp 53
	out=$(in6 dig +short +time=2 +tries=3 @$SRV6 camera.example A) &&
		[[ $out == 192.0.2.80 ]] || { echo "udp: '$out'"; rc=1; }
	out=$(in6 dig +short +tcp +time=2 +tries=3 @$SRV6 camera.example A) &&
		[[ $out == 192.0.2.80 ]] || { echo "tcp: '$out'"; rc=1; }
	kill $pid
	wait $pid 2>/dev/null
	return $rc
}
e2e_check "dig to dnsmasq through the PLAT, UDP and TCP (6146-10, 6146-37)" dns

# --- iperf3 -----------------------------------------------------------
iperf() {
	local pid rc
	ip netns exec v4 iperf3 -s -1 -B $SRV4 >/dev/null 2>&1 &
	pid=$!
	e2e_listening v4 tcp 5201
	in6 timeout 60 iperf3 -c $SRV6 -t 2 >/dev/null
	rc=$?
	wait $pid 2>/dev/null
	return $rc
}
e2e_check "iperf3 TCP for 2 s through the PLAT" iperf

# --- fragments: reassembled by nf_defrag, then translated (6146-16) ----
e2e_check "ping6 with 4,000-byte echoes: fragments both ways" \
	in6 ping -6 -c 2 -i 0.3 -W 3 -s 4000 $SRV6
udp_big() {
	local pid got
	rm -f /tmp/e2e80.got
	ip netns exec v4 timeout 20 nc -u -l -W 1 $SRV4 9999 >/tmp/e2e80.got &
	pid=$!
	e2e_listening v4 udp 9999
	head -c 4000 /dev/urandom | in6 nc -u -w 1 $SRV6 9999
	wait $pid
	got=$(stat -c %s /tmp/e2e80.got)
	echo "received $got bytes"
	((got == 4000))
}
e2e_check "a 4,000-byte UDP datagram, fragmented, crosses 6->4 (6146-16)" udp_big
no_frag_drop() {
	stats | jq-e '.stats.drop_frag == 0' >/dev/null
}
e2e_check "no fragment was dropped" no_frag_drop

# --- inbound: only what a BIB entry allows ----------------------------
e2e_check_fails "unsolicited UDP from IPv4 to a pool4 port gets nowhere (6146-11)" \
	sh -c "echo x | ip netns exec v4 nc -u -w 1 $WAN4 61234 && false"
no_bib() {
	stats | jq-e '.stats.drop_no_bib >= 1' >/dev/null
}
e2e_check "counted in drop_no_bib" no_bib

# An unsolicited TCP SYN is held 6 s in case the IPv6 host opens the same
# connection (6146-22), then refused with ICMP port unreachable quoting
# it (6146-24): the IPv4 client's connect() fails after about 6 s.
syn_held() {
	local t0=$SECONDS out rc
	out=$(ip netns exec v4 timeout 30 nc -v -z -w 25 $WAN4 61235 2>&1)
	rc=$?
	echo "nc: status $rc after $((SECONDS - t0)) s: $out"
	((rc != 0 && SECONDS - t0 >= 5 && SECONDS - t0 <= 20)) &&
		[[ $out == *refused* ]] &&
		stats | jq-e '.stats.syn4_held >= 1 and
			.stats.syn4_expired >= 1 and .stats.syn4_open == 0'
}
e2e_check "an unsolicited SYN is held 6 s, then refused by ICMP 3/3 (6146-22, 6146-24)" \
	syn_held

# --- port forwarding: a static BIB entry (NAT64-CPE R3) ---------------
e2e_check "static BIB tcp $WAN4#8080 -> [$CLI6]#80 (6146-9)" \
	ctl bib add tcp $WAN4#8080 $CLI6#80
forwarded() {
	local dir pid rc
	dir=$(mktemp -d)
	echo "camera page" >"$dir/index.html"
	ip netns exec v6 python3 -m http.server -b $CLI6 -d "$dir" 80 \
		>/dev/null 2>&1 &
	pid=$!
	out=$(in4 curl -sf --max-time 30 --retry 15 --retry-connrefused \
		--retry-delay 1 "http://$WAN4:8080/")
	rc=$?
	kill $pid
	wait $pid 2>/dev/null
	rm -rf "$dir"
	echo "$out"
	((rc == 0)) && [[ $out == "camera page" ]]
}
e2e_check "the IPv4 server fetches the IPv6 host's page via the forward" \
	forwarded
static_listed() {
	ctl -j bib list tcp |
		jq-e 'any(.[]; .static == true and .port4 == 8080)' >/dev/null
}
e2e_check "the static entry is listed as static" static_listed
e2e_check "static BIB entry deleted" ctl bib del tcp $WAN4#8080

# --- a second subscriber: B, 2001:db8:2::/56 ---------------------------
CLIB=2001:db8:2::2
second_subscriber() {
	in6 ip addr add $CLIB/64 dev veth6 nodad &&
		in6 ip addr add 2001:db8:1::3/64 dev veth6 nodad &&
		inx ip -6 route add 2001:db8:2::/64 dev x6
}
e2e_check "a second subscriber B beside A" second_subscriber

# --- hairpinning (6146-34): B's forwarded service, reached by A through
# the pool4 address; each sees the other as Pref64::T -------------------
hairpin() {
	local dir pid out rc
	ctl bib add tcp $WAN4#8081 $CLIB#8081 || return 1
	dir=$(mktemp -d)
	echo "served by B" >"$dir/index.html"
	ip netns exec v6 python3 -m http.server -b $CLIB -d "$dir" 8081 \
		>"$dir/log" 2>&1 &
	pid=$!
	out=$(in6 curl -sf --max-time 30 --retry 15 --retry-connrefused \
		--retry-delay 1 --interface $CLI6 \
		"http://[2001:db8:64::cb00:7101]:8081/")
	rc=$?
	kill $pid
	wait $pid 2>/dev/null
	echo "$out"
	grep -o '^[^ ]*' "$dir/log" | sort -u
	# B saw A as Pref64::T (T = the pool4 address 203.0.113.1)
	((rc == 0)) && [[ $out == "served by B" ]] &&
		grep -q '^2001:db8:64::cb00:7101 ' "$dir/log"
	rc=$?
	rm -rf "$dir"
	ctl bib del tcp $WAN4#8081
	return $rc
}
e2e_check "A reaches B's forwarded service through pool4: hairpinned (6146-34)" \
	hairpin
hairpin_counted() {
	stats | jq-e '.stats.hairpin > 0' >/dev/null
}
e2e_check "counted in hairpin" hairpin_counted

# --- traceroute: the PLAT, then the server as Pref64::Z (6146-36) -------
trace6() {
	local hops
	hops=$(in6 traceroute -6 -n -q 1 -w 2 -m 4 $SRV6 | awk 'NR > 1 { print $2 }')
	echo "$hops"
	[[ $(sed -n 1p <<<"$hops") == 2001:db8:1::1 ]] &&
		[[ $(sed -n 2p <<<"$hops") == "$SRV6" ]]
}
e2e_check "traceroute6 through the PLAT: translator, then the server" trace6

# --- RFC 6888: one subscriber cannot starve another -------------------
# Subscriber A (2001:db8:1::/56) opens 100,000 UDP flows while subscriber
# B (2001:db8:2::/56) runs a TCP transfer through the same PLAT.
# On the debug kernel (KASAN, lockdep: NAT64_KO is its module) each packet
# costs ten times more: 5,000 flows there, 100,000 on Debian's kernel.
FLOWS=100000
[[ $E2E_KERNEL == debug ]] && FLOWS=5000
e2e_check "2000 ports per subscriber" ctl global set subscriber-max-ports 2000
churn() {
	local sent ports
	ip netns exec v4 iperf3 -s -1 -B $SRV4 >/dev/null 2>&1 &
	local spid=$!
	e2e_listening v4 tcp 5201
	# B's long-lived connection, through all of A's churn
	ip netns exec v6 timeout 120 iperf3 -c $SRV6 -B $CLIB -t 8 \
		>/dev/null 2>&1 &
	local cpid=$!
	sent=$(in6 python3 "$E2E_DIR/flood6.py" $FLOWS $SRV6 9 \
		$CLI6 2001:db8:1::3)
	echo "A sent $sent datagrams"
	wait $cpid || { echo "B's iperf3 failed"; kill $spid; return 1; }
	wait $spid 2>/dev/null
	# every protocol counts: A's earlier ping, curl and dig hold some
	# (and may expire meanwhile in a slow guest: a few under 2000)
	ports=$(ctl -j bib list |
		jq '[.[] | select(.addr6 | startswith("2001:db8:1:"))] | length')
	echo "A holds $ports ports"
	((sent == FLOWS && ports <= 2000 && ports >= 1990))
}
e2e_check "A's $FLOWS flows stop at 2000 ports; B's iperf3 runs through (6888-1)" \
	churn
slab_sizes() {
	# the memory a session and a binding take (figures for the notes)
	local c
	for c in nat64_bib nat64_session; do
		[[ -d /sys/kernel/slab/$c ]] || return 1
		echo "$c: object_size $(cat /sys/kernel/slab/$c/object_size)" \
			"slab_size $(cat /sys/kernel/slab/$c/slab_size)"
	done
}
e2e_check "slab caches nat64_bib and nat64_session" slab_sizes
limit_counted() {
	stats | jq-e --argjson n $((FLOWS - 2000)) \
		'.stats.drop_sub_ports >= $n' >/dev/null
}
e2e_check "the refused flows are counted in drop_sub_ports" limit_counted
e2e_check "B still pings the server" in6 ping -6 -c 1 -W 2 -I $CLIB $SRV6

counters() {
	stats | jq-e '.stats.session_new >= 3 and .stats.bib_new >= 3
		and .stats.tx4 > 0 and .stats.tx6 > 0' >/dev/null
}
e2e_check "session_new, bib_new, tx4, tx6 counted" counters
e2e_check "the instance goes with its sessions" \
	inx "$NAT64CTL" instance del plat

e2e_done
