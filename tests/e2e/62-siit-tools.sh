#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A siit instance between an IPv4-only host and an IPv6-only server with an
# IPv6 router and a 1280-byte link in between: DNS with dig to dnsmasq,
# 5 MB both ways with path MTU discovery across the translator, a 4,000-byte
# UDP datagram (IPv4 fragments become IPv6 fragments and back), DF=0
# packets fragmented for IPv6, traceroute both ways (RFC 6791 sources for
# the untranslatable router), the denylist on real traffic.
#
#   ns v4                 ns xl (siit "clat")          ns r6                ns v6
#   198.51.100.2/24 ---- 198.51.100.1                                      2001:db8:64::c000:202
#                        2001:db8:f::2/64 ---------- 2001:db8:f::1          (192.0.2.2)
#                        pool6 2001:db8:64::/96      2001:db8:e::1/64 ---- 2001:db8:e::2
#                        pool6791 203.0.113.8/29     MTU 1280 on this link
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
inr() { ip netns exec r6 "$@"; }
ctl() { inx "$NAT64CTL" -i clat "$@"; }

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
	for ns in v4 xl r6 v6; do e2e_netns_add $ns || return 1; done
	ip link add veth4 netns v4 type veth peer name x4 netns xl &&
	ip link add x6 netns xl type veth peer name r6x netns r6 &&
	ip link add r6v netns r6 type veth peer name veth6 netns v6 || return 1
	in4 ip addr add $CLI4/24 dev veth4 &&
	in4 ip link set veth4 up &&
	in4 ip route add default via 198.51.100.1 &&
	inx ip addr add 198.51.100.1/24 dev x4 &&
	inx ip link set x4 up &&
	inx ip addr add 2001:db8:f::2/64 dev x6 nodad &&
	inx ip link set x6 up &&
	inx ip -6 route add default via 2001:db8:f::1 &&
	inr sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	inr ip addr add 2001:db8:f::1/64 dev r6x nodad &&
	inr ip link set r6x up &&
	inr ip addr add 2001:db8:e::1/64 dev r6v nodad &&
	inr ip link set r6v mtu 1280 up &&
	inr ip -6 route add 2001:db8:64::/96 via 2001:db8:f::2 &&
	inr ip -6 route add $SRV6/128 via 2001:db8:e::2 &&
	in6 ip addr add 2001:db8:e::2/64 dev veth6 nodad &&
	in6 ip addr add $SRV6/128 dev veth6 nodad &&
	in6 ip link set veth6 mtu 1280 up &&
	# The server advertises an MSS of 1440 (as if its own link were 1500):
	# the IPv4 host then sends 1480-byte segments, which the router's
	# 1280 link refuses with a Packet Too Big that the translator turns
	# into a Fragmentation Needed (PMTUD across the translator).
	in6 ip -6 route add default via 2001:db8:e::1 advmss 1440 || return 1
	inx sysctl -qw net.ipv4.conf.all.forwarding=1
	in4 ethtool -K veth4 tx off tso off gso off >/dev/null
	in6 ethtool -K veth6 tx off tso off gso off >/dev/null
	for ns in xl r6 v6; do wait_dad $ns || return 1; done
}

e2e_check "module loads" e2e_module_load
e2e_check "topology: v4 - translator - IPv6 router - v6, 1280 at the end" topology
e2e_check "siit instance" inx "$NAT64CTL" instance add clat --mode siit
e2e_check "pool6 2001:db8:64::/96" ctl prefix add 2001:db8:64::/96
e2e_check "RFC 6791 pool 203.0.113.8/29" ctl pool6791 add 203.0.113.8/29

e2e_check "ping IPv4 host -> IPv6 server" in4 ping -c 2 -i 0.2 -W 2 $SRV4
e2e_check "ping IPv6 server -> IPv4 host" in6 ping -6 -c 2 -i 0.2 -W 2 $CLI6

# --- DNS: dig on the IPv4 host, dnsmasq on the IPv6 server -------------
dns() {
	local pid out rc=0
	ip netns exec v6 dnsmasq --no-daemon --no-resolv --no-hosts \
		--listen-address=$SRV6 --bind-interfaces --port=53 \
		--address=/camera.example/192.0.2.80 \
		--txt-record=big.example,"$(head -c 200 /dev/zero | tr '\0' x)" \
		--pid-file= --log-facility=/dev/null >/dev/null 2>&1 &
	pid=$!
	e2e_listening v6 udp 53
	out=$(in4 dig +short +time=2 +tries=3 @$SRV4 camera.example A) &&
		[[ $out == 192.0.2.80 ]] || { echo "udp: '$out'"; rc=1; }
	out=$(in4 dig +short +tcp +time=2 +tries=3 @$SRV4 camera.example A) &&
		[[ $out == 192.0.2.80 ]] || { echo "tcp: '$out'"; rc=1; }
	kill $pid
	wait $pid 2>/dev/null
	return $rc
}
e2e_check "dig to dnsmasq across the translator, UDP and TCP" dns

# --- 5 MB both ways, PMTUD: the IPv4 host learns 1260 from the router's
# Packet Too Big, translated (its source from the RFC 6791 pool) --------
D=$(mktemp -d /var/tmp/e2e62.XXXXXX)
head -c 5000000 /dev/urandom >"$D/blob"

upload() {
	local pid
	rm -f "$D/got"
	ip netns exec v6 timeout 300 nc -6 -l -N $SRV6 9000 >"$D/got" &
	pid=$!
	e2e_listening v6 tcp 9000
	in4 timeout 300 nc -N $SRV4 9000 <"$D/blob" || return 1
	wait $pid
	cmp "$D/blob" "$D/got"
}
download() {
	local pid
	rm -f "$D/got"
	ip netns exec v6 timeout 300 nc -6 -l -N $SRV6 9001 <"$D/blob" >/dev/null &
	pid=$!
	e2e_listening v6 tcp 9001
	in4 timeout 300 nc -d $SRV4 9001 >"$D/got"
	wait $pid
	cmp "$D/blob" "$D/got"
}
e2e_check "5 MB IPv4 host -> IPv6 server through a 1280 link (7915-5, PMTUD)" upload
e2e_check "the IPv4 host learnt the path MTU 1260 (7915-20)" \
	sh -c "ip netns exec v4 ip route get $SRV4 | grep -q 'mtu 1260'"
e2e_check "5 MB IPv6 server -> IPv4 host" download

# --- fragments -------------------------------------------------------
udp_big() {
	local pid out
	in6 python3 -c '
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.bind(("::", 7000)); s.settimeout(15)
d, a = s.recvfrom(65535); s.sendto(d[::-1], a)' &
	pid=$!
	e2e_listening v6 udp 7000
	out=$(in4 python3 -c '
import socket, hashlib
d = bytes(range(256)) * 15 + bytes(160)      # 4000 bytes
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(1)
for _ in range(10):
    s.sendto(d, ("'$SRV4'", 7000))
    try:
        r = s.recvfrom(65535)[0]; break
    except socket.timeout:
        r = b""
print(len(r), r == d[::-1])')
	wait $pid
	[[ $out == "4000 True" ]] || { echo "got: $out"; return 1; }
}
e2e_check "4,000-byte UDP datagram and its reply, in fragments (7915-13)" udp_big
e2e_check_eq "no fragment was dropped as too big" 0 \
	sh -c "ip netns exec xl $NAT64CTL -j stats clat | jq .stats.drop_too_big"

df0() {
	local pid
	in6 timeout 120 python3 -c '
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.bind(("::", 7001))
print(len(s.recv(65535)))' >"$D/df0" &
	pid=$!
	e2e_listening v6 udp 7001
	in4 python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, 10, 0)   # IP_MTU_DISCOVER = DONT: DF=0
for _ in range(5):
    s.sendto(bytes(1400), ("'$SRV4'", 7001)); time.sleep(0.2)'
	wait $pid
	cat "$D/df0"
}
e2e_check_eq "DF=0 1,400-byte datagram arrives (fragmented to 1280, 7915-3)" 1400 df0

# --- traceroute -------------------------------------------------------
trace4() {
	local hops
	hops=$(in4 traceroute -n -q 1 -w 2 -m 6 $SRV4 | awk 'NR > 1 { print $2 }')
	echo "$hops"
	[[ $(sed -n 1p <<<"$hops") == 198.51.100.1 ]] &&
		[[ $(sed -n 2p <<<"$hops") =~ ^203\.0\.113\.(8|9|1[0-5])$ ]] &&
		[[ $(sed -n 3p <<<"$hops") == "$SRV4" ]]
}
e2e_check "traceroute from IPv4: translator, router from pool6791 (6791-1), server" trace4
# traceroute -e prints ICMP extensions as <CLASS/C-TYPE:hex...>: the
# router's hop carries its IPv6 address (2001:db8:...) in an RFC 5837
# Interface Information Object (class 2, C-Type 4).
trace4_ext() {
	local hop
	hop=$(in4 traceroute -e -n -q 1 -w 2 -m 6 $SRV4 | sed -n 3p)
	echo "$hop"
	[[ $hop == *"<2/4:"* ]] && tr -cd '0-9a-f' <<<"${hop#*<2/4:}" |
		grep -q 20010db8
}
e2e_check "traceroute -e: the router's hop names its IPv6 address (RFC 5837, 6791-3)" \
	trace4_ext
e2e_check "without a pool6791" ctl pool6791 flush
trace4_own() {
	local hops
	hops=$(in4 traceroute -n -q 1 -w 2 -m 6 $SRV4 | awk 'NR > 1 { print $2 }')
	echo "$hops"
	[[ $(sed -n 2p <<<"$hops") == 198.51.100.1 ]]
}
e2e_check "the router's hop shows the translator's own IPv4 address" trace4_own
trace6() {
	local hops
	hops=$(in6 traceroute -6 -n -q 1 -w 2 -m 6 $CLI6 | awk 'NR > 1 { print $2 }')
	echo "$hops"
	[[ $(sed -n 1p <<<"$hops") == 2001:db8:e::1 ]] &&
		[[ $(sed -n 2p <<<"$hops") == 2001:db8:f::2 ]] &&
		[[ $(sed -n 3p <<<"$hops") == "$CLI6" ]]
}
e2e_check "traceroute from IPv6: router, translator, host" trace6

# --- denylist on traffic ----------------------------------------------
e2e_check "deny the IPv4 host" ctl denylist add $CLI4/32
e2e_check_fails "IPv6 server cannot reach a denied address" \
	in6 ping -6 -c 1 -W 1 $CLI6
e2e_check_fails "nor can the denied host reach the server" \
	in4 ping -c 1 -W 1 $SRV4
# 7915-27/50: the refusals are answered (drop-icmp on, the default)
refused4() {
	local out
	out=$(in4 ping -c 1 -W 2 $SRV4 2>&1)
	echo "$out"
	grep -q "Packet filtered" <<<"$out"
}
e2e_check "ping from the denied host: ICMPv4 3/13, Packet filtered" refused4
refused6() {
	local out
	out=$(in6 nc -6 -v -z -w 5 $CLI6 80 2>&1)
	echo "$out"
	grep -q "Permission denied" <<<"$out"
}
e2e_check "TCP to the denied host: ICMPv6 1/1 ends connect() at once" refused6
e2e_check "drop-icmp off" ctl global set drop-icmp off
silent4() {
	local out
	out=$(in4 ping -c 1 -W 2 $SRV4 2>&1)
	echo "$out"
	! grep -q "Packet filtered" <<<"$out"
}
e2e_check "then the denied host's ping gets no answer" silent4
e2e_check "drop-icmp on" ctl global set drop-icmp on
e2e_check "drop_denied counted" \
	sh -c "ip netns exec xl $NAT64CTL -j stats clat | jq-e '.stats.drop_denied > 0'"
e2e_check "allow it again" ctl denylist del $CLI4/32
e2e_check "ping works again" in4 ping -c 1 -W 2 $SRV4

rm -rf "$D"
e2e_done
