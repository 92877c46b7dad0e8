#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The same flows through our nat64 instance and through Jool's NAT64
# (jool.ko of Debian's jool-dkms), one after the other on the same
# topology, must look the same from the hosts, apart from port choice:
# ping, an HTTP fetch, a DNS query, the client address the server sees,
# traceroute's hops, an unsolicited datagram from IPv4 that goes nowhere,
# and a UDP session from the client to the server in each one's table.
# Stock kernel only (DKMS builds Jool for Debian's kernel, not the debug
# one); without jool.ko the script says so and checks nothing.
#
#   ns v6                      ns xl (ours "plat", then Jool "jplat")   ns v4
#   2001:db8:1::2/64 --------- 2001:db8:1::1/64
#                              203.0.113.1/24 ----------------------- 203.0.113.2/24
#                              prefix 2001:db8:64::/96, pool4 203.0.113.1
#                              ports 61001-65535 (both)
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

if ! modinfo jool >/dev/null 2>&1; then
	echo "$E2E_SCRIPT: no jool.ko for $(uname -r) (jool-dkms): skipped"
	e2e_done
fi

CLI6=2001:db8:1::2
SRV4=203.0.113.2
SRV6=2001:db8:64::cb00:7102
WAN4=203.0.113.1
D=$(mktemp -d)
e2e_defer "rm -rf $D"

in4() { ip netns exec v4 "$@"; }
in6() { ip netns exec v6 "$@"; }
inx() { ip netns exec xl "$@"; }

topology() {
	e2e_plat_topology $CLI6 $WAN4 $SRV4 &&
	mkdir -p "$D/www" && head -c 200000 /dev/urandom >"$D/www/blob"
}

ours_up() {
	inx "$NAT64CTL" instance add plat --mode nat64 &&
	inx "$NAT64CTL" -i plat prefix add 2001:db8:64::/96 &&
	inx "$NAT64CTL" -i plat pool4 add $WAN4/32
}
ours_down() {
	inx "$NAT64CTL" instance del plat
}
jool_up() {
	local p
	modprobe jool || return 1
	inx jool instance add jplat --netfilter --pool6 2001:db8:64::/96 ||
		return 1
	for p in --tcp --udp --icmp; do
		inx jool -i jplat pool4 add $p $WAN4 61001-65535 || return 1
	done
}
jool_down() {
	inx jool instance remove jplat && modprobe -r jool
}

# The observations of one translator, into $D/WHO.*; each a check.
# (Servers run under `ip netns exec` itself, not a function, so that $! is
# the server and it dies with kill: the second translator's flows must not
# meet the first one's server.)
http_get() {
	local pid rc
	ip netns exec v4 python3 -m http.server -b $SRV4 -d "$D/www" 8080 \
		>/dev/null 2>"$D/$1.http.log" &
	pid=$!
	in6 curl -sf --max-time 30 --retry 15 --retry-connrefused \
		--retry-delay 1 -o "$D/$1.got" "http://[$SRV6]:8080/blob"
	rc=$?
	kill $pid
	wait $pid 2>/dev/null
	((rc == 0)) && cmp -s "$D/www/blob" "$D/$1.got" || return 1
	# the client the server saw
	grep -o '^[0-9.]*' "$D/$1.http.log" | sort -u >"$D/$1.client"
	cat "$D/$1.client"
}
dns() {
	local pid out
	ip netns exec v4 dnsmasq --no-daemon --no-resolv --no-hosts --listen-address=$SRV4 \
		--bind-interfaces --port=53 --address=/camera.example/192.0.2.80 \
		--pid-file= --log-facility=/dev/null >/dev/null 2>&1 &
	pid=$!
	e2e_listening v4 udp 53
	out=$(in6 dig +short +time=2 +tries=3 @$SRV6 camera.example A)
	kill $pid
	wait $pid 2>/dev/null
	echo "$out" | tee "$D/$1.dns"
	[[ $out == 192.0.2.80 ]]
}
trace() {
	in6 traceroute -6 -n -q 1 -w 2 -m 4 $SRV6 | awk 'NR > 1 { print $2 }' |
		tee "$D/$1.hops"
	[[ $(sed -n 2p "$D/$1.hops") == "$SRV6" ]]
}
unsolicited() {
	# a datagram from IPv4 to a pool4 port nobody holds reaches no one
	in6 timeout 4 nc -6 -u -l -p 61234 >"$D/$1.unsol" 2>/dev/null &
	local pid=$!
	e2e_listening v6 udp 61234
	echo x | in4 nc -u -w 1 $WAN4 61234
	wait $pid
	[[ ! -s $D/$1.unsol ]]
}
udp_session() {
	# a UDP flow of the client's, listed in the translator's own table
	echo x | in6 nc -u -w 1 $SRV6 9 || return 1
	if [[ $1 == ours ]]; then
		inx "$NAT64CTL" -i plat -j session list udp |
			jq-e --arg c $CLI6 --arg s $SRV4 --arg w $WAN4 \
			'any(.[]; .addr6 == $c and .remote4 == $s and .addr4 == $w and
			 .remote_port4 == 9)'
	else
		inx jool -i jplat session display --udp --numeric --csv |
			tee /dev/stderr | grep "$CLI6" | grep "$SRV4" | grep -q "$WAN4"
	fi
}

flows() {	# flows WHO
	e2e_check "$1: ping6 the IPv4 server" in6 ping -6 -c 2 -i 0.3 -W 2 $SRV6
	e2e_check "$1: curl fetches 200 kB" http_get "$1"
	e2e_check "$1: dig to dnsmasq" dns "$1"
	e2e_check "$1: traceroute6 reaches the server" trace "$1"
	e2e_check "$1: unsolicited UDP from IPv4 reaches no one" unsolicited "$1"
	e2e_check "$1: the client's UDP session is in its table" udp_session "$1"
}

e2e_check "module loads" e2e_module_load
e2e_check "topology: v6 client - translator - v4 server" topology
e2e_check "ours: a nat64 instance" ours_up
flows ours
e2e_check "ours: instance deleted" ours_down
e2e_check "Jool: a NAT64 instance with the same prefix and pool4" jool_up
flows jool
e2e_check "Jool: instance removed, jool.ko unloaded" jool_down

same() {	# same WHAT
	diff "$D/ours.$1" "$D/jool.$1"
}
e2e_check "the same client address at the server (pool4's)" same client
e2e_check "the server's client is $WAN4" grep -qx $WAN4 "$D/ours.client"
e2e_check "the same DNS answer" same dns
e2e_check "the same traceroute hops" same hops

e2e_done
