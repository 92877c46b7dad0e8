#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# 464XLAT end to end (RFC 6877): an IPv4-only host behind a CLAT (a siit
# instance) reaches an IPv4 server across an IPv6-only network through a
# PLAT (a nat64 instance): ping, curl, dig over UDP and TCP, iperf3. The
# PLAT's sessions carry the CLAT's address as their IPv6 side, the server
# sees a pool4 address as its client, and the IPv6-only network carries
# no IPv4 at all.
#
#   ns v4h            ns clat (siit)        ns r6 (router)      ns plat (nat64)        ns srv
#   192.168.1.2/24 -- 192.168.1.1/24
#   default via .1    2001:db8:a::2/64 ---- 2001:db8:a::1/64
#                     pool6 2001:db8:64::/96 2001:db8:b::1/64 -- 2001:db8:b::2/64
#                     EAM 192.168.1.2 <->                       prefix 2001:db8:64::/96
#                     2001:db8:aaaa::2      routes aaaa::/64    pool4 198.51.100.8/30
#                                           to clat, 64::/96    203.0.113.1/24 ------- 203.0.113.2/24
#                                           to plat                                    198.51.100.0/24
#                                                                                      via .1
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

HOST4=192.168.1.2
CLAT6=2001:db8:aaaa::2
SRV4=203.0.113.2
POOL4=198.51.100.8/30

inh() { ip netns exec v4h "$@"; }
inc() { ip netns exec clat "$@"; }
inr() { ip netns exec r6 "$@"; }
inp() { ip netns exec plat "$@"; }
ins() { ip netns exec srv "$@"; }
clat() { inc "$NAT64CTL" -i clat "$@"; }
plat() { inp "$NAT64CTL" -i plat "$@"; }

wait_dad() {
	local ns=$1 _
	for _ in $(seq 50); do
		ip netns exec "$ns" ip -6 addr show tentative | grep -q inet6 || return 0
		sleep 0.2
	done
	return 1
}

topology() {
	local ns
	for ns in v4h clat r6 plat srv; do e2e_netns_add $ns || return 1; done
	ip link add h0 netns v4h type veth peer name c4 netns clat &&
	ip link add c6 netns clat type veth peer name r6c netns r6 &&
	ip link add r6p netns r6 type veth peer name p6 netns plat &&
	ip link add p4 netns plat type veth peer name s0 netns srv || return 1
	# the IPv4-only host
	inh ip addr add $HOST4/24 dev h0 &&
	inh ip link set h0 up &&
	inh ip route add default via 192.168.1.1 &&
	# the CLAT: IPv4 LAN, IPv6-only uplink, no IPv4 default route (every
	# IPv4 destination off the LAN is translated)
	inc ip addr add 192.168.1.1/24 dev c4 &&
	inc ip link set c4 up &&
	inc ip addr add 2001:db8:a::2/64 dev c6 nodad &&
	inc ip link set c6 up &&
	inc ip -6 route add default via 2001:db8:a::1 &&
	inc sysctl -qw net.ipv4.conf.all.forwarding=1 &&
	inc sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	# the IPv6 router of the IPv6-only network
	inr sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	inr ip addr add 2001:db8:a::1/64 dev r6c nodad &&
	inr ip link set r6c up &&
	inr ip addr add 2001:db8:b::1/64 dev r6p nodad &&
	inr ip link set r6p up &&
	inr ip -6 route add 2001:db8:aaaa::/64 via 2001:db8:a::2 &&
	inr ip -6 route add 2001:db8:64::/96 via 2001:db8:b::2 &&
	# the PLAT
	inp ip addr add 2001:db8:b::2/64 dev p6 nodad &&
	inp ip link set p6 up &&
	inp ip -6 route add default via 2001:db8:b::1 &&
	inp ip addr add 203.0.113.1/24 dev p4 &&
	inp ip link set p4 up &&
	inp sysctl -qw net.ipv4.conf.all.forwarding=1 &&
	inp sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	# the IPv4 server, which routes the pool4 to the PLAT
	ins ip addr add $SRV4/24 dev s0 &&
	ins ip link set s0 up &&
	ins ip route add 198.51.100.0/24 via 203.0.113.1 || return 1
	# Offloads off on the end hosts: the translators see what a wire carries.
	inh ethtool -K h0 tx off tso off gso off >/dev/null
	ins ethtool -K s0 tx off tso off gso off >/dev/null
	for ns in clat r6 plat; do wait_dad $ns || return 1; done
}

D=$(mktemp -d /var/tmp/e2e82.XXXXXX)
e2e_defer "rm -rf $D"

e2e_check "module loads" e2e_module_load
e2e_check "topology: v4 host - CLAT - IPv6 router - PLAT - v4 server" topology

e2e_check "CLAT: siit instance" inc "$NAT64CTL" instance add clat --mode siit
e2e_check "CLAT: pool6 = the PLAT-side prefix 2001:db8:64::/96" \
	clat prefix add 2001:db8:64::/96
e2e_check "CLAT: EAM $HOST4 <-> $CLAT6, a CLAT-side address apart from the PLAT-side prefix (6877-2)" \
	clat eam add $HOST4/32 $CLAT6/128
# The CLAT keeps the default hairpin intrinsic: the PLAT's replies to the
# EAM address must reach the LAN, not be turned around (RFC 7757 4.2.2).
e2e_check "PLAT: nat64 instance" inp "$NAT64CTL" instance add plat --mode nat64
e2e_check "PLAT: prefix 2001:db8:64::/96" plat prefix add 2001:db8:64::/96
e2e_check "PLAT: pool4 $POOL4" plat pool4 add $POOL4

# Everything the IPv6-only network carries, seen at the router.
inr tcpdump -n -U -s 128 -i r6c -w "$D/wire.pcap" >/dev/null 2>&1 &
tcpdump_pid=$!
e2e_defer "kill $tcpdump_pid"
sleep 1

# --- ping -------------------------------------------------------------
e2e_check "ping the IPv4 server from the IPv4-only host (6877-1, 6146-31)" \
	inh ping -c 3 -i 0.3 -W 3 $SRV4

# sessions PROTO: the PLAT's sessions of PROTO, every one from the CLAT's
# address to the server, bound to a pool4 address; at least one.
sessions() {
	local out
	out=$(plat -j session list "$1")
	echo "$out" | head -c 2000
	jq-e --arg c "$CLAT6" --arg s "$SRV4" 'length >= 1 and all(.[];
		.addr6 == $c and .remote6 == "2001:db8:64::cb00:7102" and
		.remote4 == $s and (.addr4 | test("^198\\.51\\.100\\.(8|9|10|11)$")))' \
		<<<"$out" >/dev/null
}
e2e_check "PLAT: the ICMP session's IPv6 side is the CLAT's address (6877-8)" \
	sessions icmp

# --- HTTP -------------------------------------------------------------
http_get() {
	local pid rc
	mkdir -p "$D/www"
	head -c 300000 /dev/urandom >"$D/www/blob"
	ip netns exec srv python3 -m http.server -b $SRV4 -d "$D/www" 8080 \
		>/dev/null 2>"$D/http.log" &
	pid=$!
	inh curl -sf --max-time 30 --retry 15 --retry-connrefused \
		--retry-delay 1 -o "$D/got" "http://$SRV4:8080/blob"
	rc=$?
	kill $pid
	wait $pid 2>/dev/null
	((rc == 0)) && cmp -s "$D/www/blob" "$D/got"
}
e2e_check "curl fetches 300 kB over HTTP from the IPv4 server" http_get
e2e_check "PLAT: the TCP sessions are the CLAT's, bound to pool4 (6877-8)" \
	sessions tcp
# the server's log: "ADDR - - [date] "GET /blob HTTP/1.1" 200 -"
client_is_pool4() {
	local seen bound
	seen=$(awk '/GET \/blob/ { print $1 }' "$D/http.log" | sort -u)
	bound=$(plat -j bib list tcp | jq -r --arg c "$CLAT6" \
		'[.[] | select(.addr6 == $c) | .addr4] | unique | .[]')
	echo "server saw: '$seen'; the CLAT's TCP BIB: '$bound'"
	[[ -n $seen && $seen == "$bound" ]]
}
e2e_check "the server sees the PLAT's pool4 address as its client" \
	client_is_pool4

# --- a TCP connection held open ---------------------------------------
established() {
	local spid cpid out rc=1 _
	ip netns exec srv timeout 40 nc -l $SRV4 9000 >/dev/null &
	spid=$!
	e2e_listening srv tcp 9000
	ip netns exec v4h sh -c "sleep 30 | timeout 40 nc $SRV4 9000" &
	cpid=$!
	# the handshake may take a while in a slow (debug) guest
	for _ in $(seq 40); do
		sleep 0.5
		out=$(plat -j session list tcp)
		jq-e --arg c "$CLAT6" 'any(.[]; .remote_port4 == 9000 and
			.addr6 == $c and .tcp_state == "established")' \
			<<<"$out" >/dev/null && { rc=0; break; }
	done
	jq -c '.[] | select(.remote_port4 == 9000)' <<<"$out"
	kill $cpid $spid 2>/dev/null
	wait $cpid $spid 2>/dev/null
	return $rc
}
e2e_check "PLAT: an open connection's session is established (6146-19, 6146-20)" \
	established

# --- DNS over UDP and TCP ---------------------------------------------
dns() {
	local pid out rc=0
	ip netns exec srv dnsmasq --no-daemon --no-resolv --no-hosts \
		--listen-address=$SRV4 --bind-interfaces --port=53 \
		--address=/camera.example/192.0.2.80 \
		--pid-file= --log-facility=/dev/null >/dev/null 2>&1 &
	pid=$!
	e2e_listening srv udp 53
	out=$(inh dig +short +time=2 +tries=3 @$SRV4 camera.example A) &&
		[[ $out == 192.0.2.80 ]] || { echo "udp: '$out'"; rc=1; }
	out=$(inh dig +short +tcp +time=2 +tries=3 @$SRV4 camera.example A) &&
		[[ $out == 192.0.2.80 ]] || { echo "tcp: '$out'"; rc=1; }
	kill $pid
	wait $pid 2>/dev/null
	return $rc
}
e2e_check "dig to dnsmasq on the IPv4 server, UDP and TCP" dns
e2e_check "PLAT: the UDP session is the CLAT's, bound to pool4 (6877-8)" \
	sessions udp

# --- iperf3 -----------------------------------------------------------
iperf() {
	local pid rc
	ip netns exec srv iperf3 -s -1 -B $SRV4 >/dev/null 2>&1 &
	pid=$!
	e2e_listening srv tcp 5201
	inh timeout 60 iperf3 -c $SRV4 -t 2 >/dev/null
	rc=$?
	wait $pid 2>/dev/null
	return $rc
}
e2e_check "iperf3 TCP for 2 s through CLAT and PLAT" iperf

# --- the PLAT's tables ------------------------------------------------
paired() {
	local out
	# an ICMP binding lives 60 s: the first ping's may be gone
	inh ping -c 1 -W 3 $SRV4 >/dev/null || return 1
	out=$(plat -j bib list)
	echo "$out" | head -c 2000
	# one pool4 address for the CLAT, whatever the protocol
	jq-e --arg c "$CLAT6" '[.[] | select(.addr6 == $c) | .proto] | unique
		| length == 3' <<<"$out" >/dev/null &&
		jq-e --arg c "$CLAT6" '[.[] | select(.addr6 == $c) | .addr4]
		| unique | length == 1' <<<"$out" >/dev/null
}
e2e_check "PLAT: the CLAT's TCP, UDP and ICMP bindings share one pool4 address (6146-6)" \
	paired
plat_counters() {
	local out
	out=$(inp "$NAT64CTL" -j stats plat)
	jq -c .stats <<<"$out"
	jq-e '.stats | .session_new >= 5 and .bib_new >= 3 and .drop_frag == 0
		and .drop_pool4 == 0 and .drop_no_bib == 0 and .drop_no_state == 0' \
		<<<"$out" >/dev/null
}
e2e_check "PLAT counters: sessions and bindings made, nothing dropped" \
	plat_counters
e2e_check "CLAT counters: both ways translated, nothing dropped" \
	e2e_translated_clean clat clat

# --- the IPv6-only network -------------------------------------------
wire() {
	local v4 v6 from
	kill -INT $tcpdump_pid
	sleep 1
	v4=$(tcpdump -n -r "$D/wire.pcap" ip 2>/dev/null | wc -l)
	v6=$(tcpdump -n -r "$D/wire.pcap" ip6 2>/dev/null | wc -l)
	from=$(tcpdump -n -r "$D/wire.pcap" "ip6 src $CLAT6" 2>/dev/null | wc -l)
	echo "IPv4 packets: $v4, IPv6: $v6, IPv6 from the CLAT's address: $from"
	((v4 == 0 && from > 100))
}
e2e_check "the IPv6-only network carried the host's traffic as IPv6 only (6877-7)" \
	wire

e2e_check "PLAT instance deleted with its sessions" \
	inp "$NAT64CTL" instance del plat
e2e_check "CLAT instance deleted" inc "$NAT64CTL" instance del clat

e2e_done
