#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The translator follows the routing tables while packets flow. Each
# instance keeps the kernel's routing answers in a per-CPU cache
# (mod/route.c); these checks change routes, addresses and devices
# between pings and look at where the next packets go.
#
#   ns h6: 2001:db8:6::2 (EAM 192.0.2.100)
#     |
#   ns xl (siit, pool6 2001:db8:64::/96)
#     |-- x4p 198.51.100.1/24 -- ns p: 198.51.100.2, and 192.0.2.10 on lo
#     '-- x4q 203.0.113.1/24  -- ns q: 203.0.113.2, and 192.0.2.10 on lo
#
# h6 pings 2001:db8:64::c000:20a (192.0.2.10), which p and q both hold:
# the IPv4 route of xl decides which of them answers (their Icmp InEchos
# tell). p pings 192.0.2.100 (h6) for the 4->6 side.
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

H6=2001:db8:6::2
T6=2001:db8:64::c000:20a	# 192.0.2.10 under pool6

inh() { ip netns exec h6 "$@"; }
inx() { ip netns exec xl "$@"; }
ctl() { inx "$NAT64CTL" -i rt "$@"; }

topology() {
	local n
	e2e_netns_add h6 && e2e_netns_add xl && e2e_netns_add p &&
		e2e_netns_add q || return 1
	ip link add v6 netns h6 type veth peer name x6 netns xl &&
	ip link add vp netns p type veth peer name x4p netns xl &&
	ip link add vq netns q type veth peer name x4q netns xl || return 1
	inh ip addr add $H6/64 dev v6 nodad && inh ip link set v6 up &&
	inh ip -6 route add default via 2001:db8:6::1 || return 1
	inx ip addr add 2001:db8:6::1/64 dev x6 nodad &&
	inx ip addr add 198.51.100.1/24 dev x4p &&
	inx ip addr add 203.0.113.1/24 dev x4q || return 1
	for n in x6 x4p x4q; do
		inx ip link set $n up || return 1
	done
	# a route that covers pool6 (not longer than it): native6() holds it
	inx ip -6 route add default via $H6 &&
	inx sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 &&
	ip -n p addr add 198.51.100.2/24 dev vp && ip -n p link set vp up &&
	ip -n q addr add 203.0.113.2/24 dev vq && ip -n q link set vq up &&
	ip -n p addr add 192.0.2.10/32 dev lo &&
	ip -n q addr add 192.0.2.10/32 dev lo &&
	ip -n p route add default via 198.51.100.1 &&
	ip -n q route add default via 203.0.113.1 &&
	inx ip route add 192.0.2.10/32 via 198.51.100.2
}

# echo requests received in NS (its /proc/net/snmp)
echos() {
	ip netns exec "$1" awk '$1 == "Icmp:" && !k { for (i = 2; i <= NF; i++)
		if ($i == "InEchos") k = i; next } $1 == "Icmp:" { print $k }' \
		/proc/net/snmp
}

echos6() {
	ip netns exec h6 awk '$1 == "Icmp6InEchos" { print $2 }' /proc/net/snmp6
}

stat() {
	inx "$NAT64CTL" -j stats rt | jq -r ".stats.$1 // 0"
}

# ping6_to NS: h6's pings of T6 are answered, all by NS
ping6_to() {
	local p0 q0 p1 q1
	p0=$(echos p) q0=$(echos q)
	inh ping -6 -c 3 -i 0.2 -W 2 $T6 || return 1
	p1=$(echos p) q1=$(echos q)
	echo "p: $p0 -> $p1, q: $q0 -> $q1"
	if [[ $1 == p ]]; then
		((p1 - p0 == 3 && q1 == q0))
	else
		((q1 - q0 == 3 && p1 == p0))
	fi
}

# native6: h6's pings of T6 leave xl untranslated (a longer native route)
native6() {
	local a0 a1
	a0=$(stat pass6)
	! inh ping -6 -c 2 -i 0.2 -W 1 $T6 || return 1
	a1=$(stat pass6)
	echo "pass6: $a0 -> $a1"
	((a1 - a0 >= 2))
}

# ping4 N: p's 3 pings of 192.0.2.100 are answered, N of them by h6
# (translated: its InEchos), the others by xl itself
ping4() {
	local e0 e1
	e0=$(echos6)
	ip netns exec p ping -c 3 -i 0.2 -W 2 192.0.2.100 || return 1
	e1=$(echos6)
	echo "h6 InEchos: $e0 -> $e1"
	((e1 - e0 == $1))
}

# dropped4: p's pings of 192.0.2.100 find no IPv6 route, counted
dropped4() {
	local d0 d1
	d0=$(stat drop_route)
	! ip netns exec p ping -c 2 -i 0.2 -W 1 192.0.2.100 || return 1
	d1=$(stat drop_route)
	echo "drop_route: $d0 -> $d1"
	((d1 - d0 >= 2))
}

# del_link DEV: DEV goes quickly although cached routes went through it
# (a reference held on it would keep it "waiting to become free")
del_link() {
	local t0=$SECONDS
	inx ip link del "$1" || return 1
	echo "took $((SECONDS - t0)) s"
	((SECONDS - t0 < 5))
}

e2e_check "module loads" e2e_module_load
e2e_check "topology" topology
e2e_check "siit instance" inx "$NAT64CTL" instance add rt --mode siit
e2e_check "pool6" ctl prefix add 2001:db8:64::/96
e2e_check "EAM for h6" ctl eam add 192.0.2.100 $H6

e2e_check "6->4 goes by the IPv4 route, to p" ping6_to p
e2e_check "the route moves to q" inx ip route replace 192.0.2.10/32 via 203.0.113.2
e2e_check "6->4 follows it to q" ping6_to q
e2e_check "the /32 goes: a /24 to p" \
	sh -c "ip -n xl route del 192.0.2.10/32 && ip -n xl route add 192.0.2.0/24 via 198.51.100.2"
e2e_check "6->4 follows the deletion, to p" ping6_to p

e2e_check "a native IPv6 route longer than pool6 (7915-33)" \
	sh -c "ip -n xl link add dum type dummy && ip -n xl link set dum up &&
	       ip -n xl -6 route add $T6/128 dev dum"
e2e_check "6->4 is not translated while it exists" native6
e2e_check "the native route goes" ip -n xl -6 route del $T6/128 dev dum
e2e_check "6->4 is translated again" ping6_to p

e2e_check "4->6 through the EAM" ping4 3
e2e_check "a blackhole for h6 at xl" ip -n xl -6 route add blackhole $H6/128
e2e_check "4->6 finds no route, counted" dropped4
e2e_check "the blackhole goes" ip -n xl -6 route del blackhole $H6/128
e2e_check "4->6 through the EAM again" ping4 3
e2e_check "192.0.2.100 becomes xl's own address" ip -n xl addr add 192.0.2.100/32 dev dum
e2e_check "4->6: xl answers itself, nothing translated" ping4 0
e2e_check "the address goes" ip -n xl addr del 192.0.2.100/32 dev dum
e2e_check "4->6 translated again" ping4 3

e2e_check "6->4 to q again" sh -c "ip -n xl route add 192.0.2.10/32 via 203.0.113.2"
e2e_check "6->4 by q" ping6_to q
e2e_check "q's link is deleted at once (no route cache holds it)" del_link x4q
e2e_check "6->4 goes to p" ping6_to p
e2e_check "4->6 once more: its IPv6 route cached" ping4 3
e2e_check "h6's link is deleted at once too" del_link x6
e2e_check "instance deleted" inx "$NAT64CTL" instance del rt
e2e_check "module unloads" rmmod nat64
e2e_done
