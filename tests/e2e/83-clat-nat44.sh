#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A CLAT without an IPv6 prefix of its own (RFC 6877 6.3, 6877-3), with a
# DNS proxy (RFC 6877 6.4, 6877-5), as docs/siit.md describes it: the
# host's IPv4 LAN is NAT44ed (iptables SNAT) to 192.0.0.1, which a siit
# instance of the iptables framework translates statelessly to one IPv6
# address of the uplink's /64, 2001:db8:a::c1a7. The host claims that
# address by Neighbor Discovery: it runs DAD for it (and gives it up when
# another node has it) and answers Neighbor Solicitations for it, also
# the unicast ones that cross the translator's rule. The IPv4 traffic
# crosses a veth pair of the CLAT's own, x0 -> x1, so that NAT44 (out of
# x0) comes before the translation (into x1) and NAT44's reverse after.
#
#   ns lan1, lan2        ns clat                           ns plat (nat64)      ns srv
#   192.168.1.2, .3 ---- c4 192.168.1.1/24
#   default via .1       dnsmasq on .1 (DNS proxy)
#                        x0 192.0.0.2/29 --> x1 (SNAT to 192.0.0.1 out of x0;
#                        -i x1 -j NAT64: EAM 192.0.0.1 <-> 2001:db8:a::c1a7)
#                        c6 2001:db8:a::2/64, ::c1a7/128 -- p6 2001:db8:a::1/64
#                        pool6 2001:db8:64::/96            prefix 2001:db8:64::/96
#                                                          pool4 198.51.100.8/30
#                                                          p4 203.0.113.1/24 --- 203.0.113.2/24
#                                                                                http, dnsmasq
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

CLAT6=2001:db8:a::c1a7
CLAT4=192.0.0.1
SRV4=203.0.113.2
SRV6=2001:db8:64::cb00:7102
POOL4=198.51.100.8/30

e2e_xtables

inc() { ip netns exec clat "$@"; }
inp() { ip netns exec plat "$@"; }
ins() { ip netns exec srv "$@"; }
clat() { inc "$NAT64CTL" -i clat "$@"; }
plat() { inp "$NAT64CTL" -i plat "$@"; }
mac() { ip netns exec "$1" cat "/sys/class/net/$2/address"; }

# wait_addr NS DEV ADDR: until ADDR on DEV is no longer tentative; fails
# when DAD failed or did not end within 20 s.
wait_addr() {
	local _ out
	for _ in $(seq 100); do
		out=$(ip -n "$1" -6 addr show dev "$2" to "$3/128")
		[[ $out == *dadfailed* ]] && { echo "$out"; return 1; }
		[[ -n $out && $out != *tentative* ]] && { echo "$out"; return 0; }
		sleep 0.2
	done
	echo "still tentative: $out"
	return 1
}

topology() {
	local ns h
	for ns in lan1 lan2 clat plat srv; do e2e_netns_add $ns || return 1; done
	inc ip link add br0 type bridge &&
	inc ip link set br0 up || return 1
	for h in 1 2; do
		ip link add h0 netns lan$h type veth peer name c4h$h netns clat &&
		inc ip link set c4h$h master br0 &&
		inc ip link set c4h$h up &&
		ip -n lan$h addr add 192.168.1.$((h + 1))/24 dev h0 &&
		ip -n lan$h link set h0 up &&
		ip -n lan$h route add default via 192.168.1.1 &&
		ip netns exec lan$h ethtool -K h0 tx off tso off gso off >/dev/null ||
			return 1
	done
	ip link add c6 netns clat type veth peer name p6 netns plat &&
	ip link add p4 netns plat type veth peer name s0 netns srv &&
	inc ip link add x0 type veth peer name x1 || return 1
	# the CLAT: its LAN, its uplink (one /64 that is not its own to
	# route), and the pair that NAT44 and the translator meet on
	inc ip addr add 192.168.1.1/24 dev br0 &&
	inc ip addr add 2001:db8:a::2/64 dev c6 nodad &&
	inc ip link set c6 up &&
	inc ip -6 route add default via 2001:db8:a::1 &&
	inc ip addr add 192.0.0.2/29 dev x0 &&
	inc ip link set x0 up &&
	inc ip link set x1 up &&
	inc sysctl -qw net.ipv4.conf.all.forwarding=1 &&
	inc sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	# every IPv4 destination off the LAN: out of x0 into x1; translated
	# IPv4 for 192.0.0.1: out of x1 into x0, where NAT44 reverses
	inc ip neigh add 192.0.0.3 lladdr "$(mac clat x1)" dev x0 nud permanent &&
	inc ip route add default via 192.0.0.3 dev x0 &&
	inc ip route add $CLAT4/32 dev x1 &&
	inc ip neigh add $CLAT4 lladdr "$(mac clat x0)" dev x1 nud permanent &&
	# the PLAT, on the CLAT's link
	inp ip addr add 2001:db8:a::1/64 dev p6 nodad &&
	inp ip link set p6 up &&
	inp ip addr add 203.0.113.1/24 dev p4 &&
	inp ip link set p4 up &&
	inp sysctl -qw net.ipv4.conf.all.forwarding=1 &&
	inp sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	ins ip addr add $SRV4/24 dev s0 &&
	ins ip link set s0 up &&
	ins ip route add 198.51.100.0/24 via 203.0.113.1 &&
	ins ethtool -K s0 tx off tso off gso off >/dev/null
}

D=$(mktemp -d /var/tmp/e2e83.XXXXXX)
e2e_defer "rm -rf $D"

e2e_check "module loads" e2e_module_load
e2e_check "topology: two IPv4 hosts - CLAT (NAT44, one IPv6 address) - PLAT - v4 server" \
	topology

# --- the one address, claimed by ND (6877-3) --------------------------
# Everything on the CLAT's link, seen at the PLAT.
inp tcpdump -n -U -s 256 -i p6 -w "$D/wire.pcap" >/dev/null 2>&1 &
tcpdump_pid=$!
e2e_defer "kill $tcpdump_pid 2>/dev/null"
sleep 1

# Another node has the address: the CLAT's DAD finds it and gives it up.
dad_conflict() {
	inp ip addr add $CLAT6/128 dev p6 nodad &&
		inc ip addr add $CLAT6/128 dev c6 || return 1
	wait_addr clat c6 $CLAT6 && return 1
	[[ $(ip -n clat -6 addr show dev c6 to $CLAT6/128) == *dadfailed* ]]
}
e2e_check "DAD: an address another node holds is dadfailed on the CLAT (6877-3)" \
	dad_conflict
e2e_check "DAD: the conflict's addresses removed" \
	bash -c "ip -n plat addr del $CLAT6/128 dev p6 && ip -n clat addr del $CLAT6/128 dev c6"
e2e_check "DAD: the address claimed once nobody else has it (6877-3)" \
	bash -c "ip -n clat addr add $CLAT6/128 dev c6 preferred_lft 0 && $(declare -f wait_addr); wait_addr clat c6 $CLAT6"
# Deprecated (preferred_lft 0): valid, answered for, never the host's
# own choice of source (RFC 6724 rule 3), so that the host's own IPv6
# traffic (the DNS proxy's) keeps 2001:db8:a::2 and never meets the rule
# that translates what comes back to $CLAT6.
e2e_check "the host's own IPv6 traffic leaves from 2001:db8:a::2, not from $CLAT6" \
	bash -c "ip -n clat -6 route get $SRV6 | tee /dev/stderr | grep -q 'src 2001:db8:a::2 '"
dad_seen() {
	local n
	n=$(tcpdump -n -r "$D/wire.pcap" \
		"src host :: and icmp6 and ip6[40] == 135" 2>/dev/null |
		grep -c "who has $CLAT6")
	echo "DAD probes for $CLAT6 on the link: $n"
	((n >= 2))
}
e2e_check "DAD: the CLAT's probes (NS from ::) are on the link, one for each claim" \
	dad_seen

# --- the translator and the NAT44 ------------------------------------
e2e_check "CLAT: siit instance of the iptables framework" \
	inc "$NAT64CTL" instance add clat --mode siit --framework iptables
e2e_check "CLAT: pool6 2001:db8:64::/96 (the PLAT's)" clat prefix add 2001:db8:64::/96
e2e_check "CLAT: EAM $CLAT4 <-> $CLAT6, the one address" \
	clat eam add $CLAT4/32 $CLAT6/128
e2e_check "CLAT: NAT44 of the LAN to $CLAT4 out of x0" \
	inc iptables -t nat -A POSTROUTING -o x0 -j SNAT --to-source $CLAT4
e2e_check "CLAT: iptables -j NAT64 for what comes in on x1" \
	inc iptables -t mangle -A PREROUTING -i x1 -j NAT64 --instance clat
e2e_check "CLAT: ip6tables -j NAT64 for the one address" \
	inc ip6tables -t mangle -A PREROUTING -d $CLAT6 -j NAT64 --instance clat
e2e_check "PLAT: nat64 instance" inp "$NAT64CTL" instance add plat --mode nat64
e2e_check "PLAT: prefix 2001:db8:64::/96" plat prefix add 2001:db8:64::/96
e2e_check "PLAT: pool4 $POOL4" plat pool4 add $POOL4

e2e_check "ping the IPv4 server from the first LAN host" \
	ip netns exec lan1 ping -c 3 -i 0.3 -W 3 $SRV4
e2e_check "ping the IPv4 server from the second LAN host" \
	ip netns exec lan2 ping -c 2 -i 0.3 -W 3 $SRV4

http_get() {
	local pid rc=0 h
	mkdir -p "$D/www"
	head -c 200000 /dev/urandom >"$D/www/blob"
	ins python3 -m http.server -b $SRV4 -d "$D/www" 8080 >/dev/null 2>&1 &
	pid=$!
	for h in 1 2; do
		ip netns exec lan$h curl -sf --max-time 30 --retry 15 \
			--retry-connrefused --retry-delay 1 -o "$D/got$h" \
			"http://$SRV4:8080/blob" &&
			cmp -s "$D/www/blob" "$D/got$h" || { echo "lan$h failed"; rc=1; }
	done
	kill $pid
	wait $pid 2>/dev/null
	return $rc
}
e2e_check "curl from both LAN hosts fetches 200 kB from the IPv4 server" http_get

# The PLAT sees one IPv6 address for both hosts, on distinct ports.
one_address() {
	local out
	out=$(plat -j session list tcp)
	echo "$out" | head -c 1500
	jq-e --arg c "$CLAT6" '[.[] | select(.remote_port4 == 8080)] |
		length >= 2 and all(.[]; .addr6 == $c) and
		([.[] | .port6] | unique | length >= 2)' <<<"$out" >/dev/null
}
e2e_check "PLAT: both hosts' TCP sessions come from $CLAT6, on distinct ports (6877-3)" \
	one_address

# A unicast NS for the address (neighbour unreachability detection)
# crosses the -d $CLAT6 rule: the host answers it, the translator does
# not take it.
ns_unicast() {
	inp python3 - "$(mac clat c6)" <<'EOF'
import sys
from scapy.all import (Ether, IPv6, ICMPv6ND_NS, ICMPv6ND_NA,
                       ICMPv6NDOptSrcLLAddr, conf, get_if_hwaddr, srp1)
conf.verb = 0
ns = (Ether(dst=sys.argv[1], src=get_if_hwaddr("p6")) /
      IPv6(src="2001:db8:a::1", dst="2001:db8:a::c1a7", hlim=255) /
      ICMPv6ND_NS(tgt="2001:db8:a::c1a7") /
      ICMPv6NDOptSrcLLAddr(lladdr=get_if_hwaddr("p6")))
for _ in range(3):
    r = srp1(ns, iface="p6", timeout=2,
             filter="icmp6 and ip6[40] == 136")
    if r is not None and ICMPv6ND_NA in r:
        na = r[ICMPv6ND_NA]
        print("NA: target", na.tgt, "S", na.S, "O", na.O)
        sys.exit(0 if na.tgt == "2001:db8:a::c1a7" and na.S else 1)
print("no NA")
sys.exit(1)
EOF
}
e2e_check "a unicast NS for $CLAT6 is answered by the CLAT's host (6877-3)" ns_unicast
e2e_check "PLAT: $CLAT6 resolved on the link to the CLAT's MAC" \
	bash -c "ip -n plat -6 neigh show $CLAT6 dev p6 | grep -q 'lladdr $(mac clat c6)'"

# --- the DNS proxy (6877-5) -------------------------------------------
dns() {
	local spid ppid out rc=0
	ins dnsmasq --no-daemon --no-resolv --no-hosts \
		--listen-address=$SRV4 --bind-interfaces --port=53 \
		--address=/camera.example/192.0.2.80 \
		--pid-file= --log-facility=/dev/null >/dev/null 2>&1 &
	spid=$!
	# the CLAT's proxy asks the server over IPv6, through the PLAT
	inc dnsmasq --no-daemon --no-resolv --no-hosts \
		--listen-address=192.168.1.1 --bind-interfaces --port=53 \
		--server=$SRV6 --pid-file= --log-facility=/dev/null \
		>/dev/null 2>&1 &
	ppid=$!
	e2e_listening srv udp 53 && e2e_listening clat udp 53 || rc=1
	out=$(ip netns exec lan1 dig +short +time=2 +tries=3 @192.168.1.1 camera.example A) &&
		[[ $out == 192.0.2.80 ]] || { echo "proxy: '$out'"; rc=1; }
	# another server, asked directly: translated like any IPv4 traffic
	out=$(ip netns exec lan2 dig +short +time=2 +tries=3 @$SRV4 camera.example A) &&
		[[ $out == 192.0.2.80 ]] || { echo "direct: '$out'"; rc=1; }
	out=$(ip netns exec lan2 dig +short +tcp +time=2 +tries=3 @$SRV4 camera.example A) &&
		[[ $out == 192.0.2.80 ]] || { echo "direct, tcp: '$out'"; rc=1; }
	kill $spid $ppid
	wait $spid $ppid 2>/dev/null
	return $rc
}
e2e_check "DNS: the CLAT's proxy answers the LAN, and a query to another server is translated (6877-5)" \
	dns
dns_sessions() {
	local out
	out=$(plat -j session list udp)
	echo "$out" | head -c 1500
	# the proxy's own query: native IPv6 from the CLAT's uplink address;
	# the direct one: translated, from the one address
	jq-e --arg s "$SRV4" '[.[] | select(.remote4 == $s and .remote_port4 == 53)] |
		any(.[]; .addr6 == "2001:db8:a::2") and
		any(.[]; .addr6 == "2001:db8:a::c1a7")' <<<"$out" >/dev/null
}
e2e_check "PLAT: DNS sessions of the proxy (2001:db8:a::2) and of the translated query ($CLAT6)" \
	dns_sessions

# --- counters and the wire --------------------------------------------
e2e_check "CLAT counters: both ways translated, nothing dropped" \
	e2e_translated_clean clat clat
wire() {
	local v4 from other
	kill -INT $tcpdump_pid
	sleep 1
	v4=$(tcpdump -n -r "$D/wire.pcap" ip 2>/dev/null | wc -l)
	from=$(tcpdump -n -r "$D/wire.pcap" "ip6 src $CLAT6" 2>/dev/null | wc -l)
	# no other source of the CLAT's than its two addresses and link-local
	other=$(tcpdump -n -r "$D/wire.pcap" "ip6 and ether src $(mac clat c6) and not src $CLAT6 and not src 2001:db8:a::2 and not src net fe80::/10 and not src ::" \
		2>/dev/null)
	[[ -n $other ]] && head -5 <<<"$other"
	other=$(grep -c . <<<"$other")
	echo "IPv4 packets: $v4; from $CLAT6: $from; from other addresses: $other"
	((v4 == 0 && from > 100 && other == 0))
}
e2e_check "the link carried IPv6 only, the LAN's traffic from $CLAT6 alone (6877-3, 6877-7)" \
	wire

e2e_check "PLAT instance deleted" inp "$NAT64CTL" instance del plat
e2e_check "CLAT rules flushed and instance deleted" \
	bash -c "ip netns exec clat iptables -t mangle -F && ip netns exec clat ip6tables -t mangle -F && ip netns exec clat '$NAT64CTL' instance del clat"

e2e_done
