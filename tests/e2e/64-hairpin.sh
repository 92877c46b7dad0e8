#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# RFC 7757 section 4.2: two IPv6-only hosts, each published to IPv4 by an
# EAM, talk to each other through their IPv4 addresses (as an IPv4 client
# would see them). With hairpin intrinsic the translator turns the packets
# around itself (7757-8); with hairpin off they have nowhere to go.
#
#   ns a: 2001:db8:aaaa::1 (EAM 192.0.2.1) --+
#                                            +-- ns xl (siit, pool6 2001:db8:64::/96)
#   ns b: 2001:db8:bbbb::1 (EAM 192.0.2.2) --+
#
# a reaches b as 2001:db8:64::c000:202 and b sees a as 2001:db8:64::c000:201
# (the EAM is skipped for the source of a hairpinned packet), so b's reply
# also goes through the translator and a sees it come from the address it
# used.
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

A6=2001:db8:aaaa::1
B6=2001:db8:bbbb::1
B_VIA=2001:db8:64::c000:202
A_VIA=2001:db8:64::c000:201

ina() { ip netns exec a "$@"; }
inb() { ip netns exec b "$@"; }
inx() { ip netns exec xl "$@"; }
ctl() { inx "$NAT64CTL" -i pin "$@"; }

topology() {
	e2e_netns_add a && e2e_netns_add b && e2e_netns_add xl || return 1
	ip link add va netns a type veth peer name xa netns xl &&
	ip link add vb netns b type veth peer name xb netns xl || return 1
	ina ip addr add $A6/64 dev va nodad && ina ip link set va up &&
	inb ip addr add $B6/64 dev vb nodad && inb ip link set vb up &&
	inx ip addr add 2001:db8:aaaa::ff/64 dev xa nodad &&
	inx ip addr add 2001:db8:bbbb::ff/64 dev xb nodad &&
	inx ip link set xa up && inx ip link set xb up &&
	ina ip -6 route add 2001:db8:64::/96 via 2001:db8:aaaa::ff &&
	inb ip -6 route add 2001:db8:64::/96 via 2001:db8:bbbb::ff || return 1
	inx sysctl -qw net.ipv6.conf.all.forwarding=1
}

pin_stat() {
	inx "$NAT64CTL" -j stats pin | jq -r .stats.hairpin
}

e2e_check "module loads" e2e_module_load
e2e_check "topology: two IPv6 hosts and the translator" topology
e2e_check "siit instance" inx "$NAT64CTL" instance add pin --mode siit
e2e_check "pool6" ctl prefix add 2001:db8:64::/96
e2e_check "EAM for a" ctl eam add 192.0.2.1 $A6
e2e_check "EAM for b" ctl eam add 192.0.2.2 $B6

e2e_check "hairpin off" ctl global set hairpin off
e2e_check_fails "a cannot reach b through b's IPv4 address" \
	ina ping -6 -c 1 -W 1 $B_VIA
e2e_check "hairpin intrinsic" ctl global set hairpin intrinsic
e2e_check "a pings b through 192.0.2.2 (7757-8)" \
	ina ping -6 -c 3 -i 0.2 -W 2 $B_VIA
b_sees() {
	local pid out
	inb timeout 60 python3 -c '
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.bind(("::", 7000))
d, a = s.recvfrom(100); print(a[0])' >"$D" &
	pid=$!
	e2e_listening b udp 7000 40
	ina python3 -c '
import socket, time
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
for _ in range(5):
    s.sendto(b"x", ("'$B_VIA'", 7000)); time.sleep(0.3)'
	wait $pid
	out=$(<"$D")
	echo "b saw: $out"
	[[ $out == "$A_VIA" ]]
}
D=$(mktemp /var/tmp/e2e64.XXXXXX)
e2e_check "b sees a as 2001:db8:64::c000:201, not its EAM address (7757-7)" b_sees
hops() {
	local out
	out=$(ina ping -6 -c 1 -W 2 $B_VIA) || return 1
	echo "$out"
	# one decrement in all: 64 - 1 each way through the translator
	[[ $out == *"ttl=63"* || $out == *"hlim=63"* ]]
}
e2e_check "one hop-limit decrement per crossing (7757-8)" hops
hairpin_tcp() {
	ip netns exec b timeout 30 nc -6 -l -N $B6 7100 >"$D.tcp" &
	local pid=$!
	e2e_listening b tcp 7100
	echo hairpin-tcp | ip netns exec a timeout 5 nc -N $B_VIA 7100
	wait $pid
	grep -qx hairpin-tcp "$D.tcp"
}
e2e_check "TCP through the hairpin" hairpin_tcp
e2e_check "hairpinned packets counted" sh -c "[ \$(ip netns exec xl $NAT64CTL -j stats pin | jq .stats.hairpin) -gt 0 ]"
rm -f "$D" "$D.tcp"
e2e_done
