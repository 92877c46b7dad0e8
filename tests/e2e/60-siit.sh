#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A siit instance (RFC 7915, pool6 2001:db8:64::/96, one EAM) joins an
# IPv4-only host and an IPv6-only server; real tools cross it both ways.
#
#   ns "v4" (IPv4 only)        ns "xl" (translator)          ns "v6" (IPv6 only)
#   198.51.100.2/24 --veth-- 198.51.100.1  fe80::1 --veth-- 2001:db8:64::c000:202
#   default via .1             siit "clat", pool6            2001:db8:64::/96 via fe80::1
#                              2001:db8:64::/96
#
# The IPv4 host reaches the server as 192.0.2.2; the server sees the host
# as 2001:db8:64::c633:6402 (198.51.100.2 under pool6). The server also
# has 2001:db8:1::33, which no prefix covers: the EAM 192.0.2.33 <->
# 2001:db8:1::33 (RFC 7757) makes it reachable as 192.0.2.33.
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

SRV4=192.0.2.2
SRV6=2001:db8:64::c000:202
CLI4=198.51.100.2
CLI6=2001:db8:64::c633:6402

in4() { ip netns exec v4 "$@"; }
in6() { ip netns exec v6 "$@"; }
inx() { ip netns exec xl "$@"; }

topology() {
	e2e_netns_add v4 && e2e_netns_add xl && e2e_netns_add v6 || return 1
	ip link add veth4 netns v4 type veth peer name x4 netns xl || return 1
	ip link add veth6 netns v6 type veth peer name x6 netns xl || return 1
	in4 ip addr add $CLI4/24 dev veth4 &&
	in4 ip link set veth4 up &&
	in4 ip route add default via 198.51.100.1 &&
	inx ip addr add 198.51.100.1/24 dev x4 &&
	inx ip link set x4 up &&
	inx ip addr add fe80::1/64 dev x6 &&
	inx ip link set x6 up &&
	inx ip -6 route add $SRV6/128 dev x6 &&
	in6 ip addr add $SRV6/128 dev veth6 nodad &&
	in6 ip addr add 2001:db8:1::33/128 dev veth6 nodad &&
	inx ip -6 route add 2001:db8:1::33/128 dev x6 &&
	in6 ip link set veth6 up &&
	in6 ip -6 route add 2001:db8:64::/96 via fe80::1 dev veth6 || return 1
	# Offloads off on the hosts: the translator sees what a wire carries.
	in4 ethtool -K veth4 tx off tso off gso off >/dev/null
	in6 ethtool -K veth6 tx off tso off gso off >/dev/null
	# IPv6 DAD on fe80::1 takes a second or two.
	for _ in $(seq 30); do
		inx ip -6 addr show dev x6 tentative | grep -q fe80 || return 0
		sleep 0.2
	done
}

e2e_check "module loads" e2e_module_load
e2e_check "topology: three namespaces joined by veth" topology
e2e_check "siit instance in the translator's namespace" \
	inx "$NAT64CTL" instance add clat --mode siit
e2e_check "pool6 2001:db8:64::/96" \
	inx "$NAT64CTL" -i clat prefix add 2001:db8:64::/96

e2e_check "EAM 192.0.2.33 <-> 2001:db8:1::33" \
	inx "$NAT64CTL" -i clat eam add 192.0.2.33 2001:db8:1::33

e2e_check "ping IPv4 host -> IPv6 server (7915-15, 7915-46)" \
	in4 ping -c 3 -i 0.2 -W 2 $SRV4
e2e_check "ping IPv4 host -> the server's EAM address (7757-4)" \
	in4 ping -c 3 -i 0.2 -W 2 192.0.2.33
e2e_check "ping IPv6 server -> IPv4 host" \
	in6 ping -6 -c 3 -i 0.2 -W 2 $CLI6

# UDP and TCP with real sockets, checksums checked by the receiving stacks.
udp_echo() {
	in6 python3 -c '
import socket, sys
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.bind(("::", 5353)); s.settimeout(10)
d, a = s.recvfrom(65535); s.sendto(d[::-1], a)' &
	local pid=$! out
	# The server may still be starting: resend until it answers.
	out=$(in4 python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.5)
for _ in range(30):
    s.sendto(b"hello-siit", ("'$SRV4'", 5353))
    try:
        print(s.recvfrom(100)[0].decode()); break
    except socket.timeout:
        pass')
	wait $pid
	[[ $out == "tiis-olleh" ]]
}
e2e_check "UDP datagram and its reply (7915-28)" udp_echo

http_get() {
	local dir pid rc
	dir=$(mktemp -d)
	head -c 200000 /dev/urandom >"$dir/blob"
	# Not through in6(): $! must be the server itself (ip netns exec execs it).
	ip netns exec v6 python3 -m http.server -b :: -d "$dir" 8080 >/dev/null 2>&1 &
	pid=$!
	sleep 2
	in4 curl -sf --max-time 20 --retry 10 --retry-connrefused --retry-delay 1 \
		-o "$dir/got" "http://$SRV4:8080/blob"
	rc=$?
	# The next server binds the same port: this one must be gone first.
	kill $pid
	wait $pid 2>/dev/null
	((rc == 0)) && cmp -s "$dir/blob" "$dir/got"
	rc=$?
	rm -rf "$dir"
	return $rc
}
e2e_check "curl fetches 200 kB over HTTP from the IPv6 server" http_get

# With TSO/GSO on, veth hands the translator 64 kB GSO packets with
# partial checksums: they are segmented in software and translated.
offloads_on() {
	in4 ethtool -K veth4 tx on tso on gso on >/dev/null &&
		in6 ethtool -K veth6 tx on tso on gso on >/dev/null
}
e2e_check "offloads on at both hosts" offloads_on
e2e_check "curl again, with GSO packets crossing the translator" http_get

counted() {
	local out
	out=$(inx "$NAT64CTL" -j stats clat) &&
		jq-e '.stats.tx4 > 0 and .stats.tx6 > 0' <<<"$out"
}
e2e_check "the translator counted traffic both ways" counted
e2e_check "instance deleted with traffic state in place" \
	inx "$NAT64CTL" instance del clat
e2e_check_fails "no translation once the instance is gone" \
	in4 ping -c 1 -W 1 $SRV4
e2e_done
