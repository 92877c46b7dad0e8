#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The xtables target: a siit instance of the iptables framework hooks
# nothing; `-j NAT64 --instance xt` rules in the translator's mangle
# PREROUTING chain hand it the packets they match. Both iptables back ends:
# legacy (ip_tables) and nft (nf_tables, the target through nft_compat).
#
#   ns "v4" (IPv4 only)        ns "xl" (translator)               ns "v6" (IPv6 only)
#   198.51.100.2/24 --veth-- 198.51.100.1  fe80::1 --veth-- 2001:db8:64::c000:202
#   default via .1             siit "xt", framework iptables,     2001:db8:64::/96
#                              pool6 2001:db8:64::/96               via fe80::1
#                              siit "nf", framework netfilter,
#                              no pool6 (passes everything)
#                              mangle PREROUTING:
#                                -d 192.0.2.0/24 -j NAT64 --instance xt
#                                -d 192.0.2.0/24 -j MARK (counts what the
#                                                 first rule lets through)
#                                -d 2001:db8:64::/96 -j NAT64 --instance xt
#
# The IPv4 host reaches the server as 192.0.2.2; the server reaches the
# host as 2001:db8:64::c633:6402 (198.51.100.2 under pool6).
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

SRV4=192.0.2.2
SRV6=2001:db8:64::c000:202
CLI4=198.51.100.2
CLI6=2001:db8:64::c633:6402
RULE4=(-d 192.0.2.0/24 -j NAT64 --instance xt)
RULE6=(-d 2001:db8:64::/96 -j NAT64 --instance xt)
COUNT4=(-d 192.0.2.0/24 -j MARK --set-mark 7)

e2e_xtables

in4() { ip netns exec v4 "$@"; }
in6() { ip netns exec v6 "$@"; }
inx() { ip netns exec xl "$@"; }
ctl() { inx "$NAT64CTL" "$@"; }

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

# Every rule out of both back ends, then wait for the rules' references
# on the module to go (nf_tables releases them after the commit).
xt_cleanup() {
	local b t

	for b in legacy nft; do
		for t in mangle filter; do
			inx iptables-$b -t $t -F
			inx ip6tables-$b -t $t -F
		done
	done
	for _ in $(seq 50); do
		[[ $(cat /sys/module/nat64/refcnt 2>/dev/null || echo 0) == 0 ]] && return 0
		sleep 0.1
	done
}
e2e_defer xt_cleanup

# refused ERE CMD...: CMD fails and says something matching ERE.
refused() {
	local ere=$1 out
	shift
	out=$("$@" 2>&1) && { echo "accepted: $out"; return 1; }
	[[ $out =~ $ere ]] || { echo "$out"; return 1; }
}

# A counter of one instance, from nat64ctl -j stats.
stat() {
	ctl -j stats "$1" | jq-e ".stats.$2"
}

# The rules of a mangle table, without iptables-nft's warning (on stderr)
# that iptables-legacy tables exist too.
rules() {
	inx "$1" -t mangle -S 2>/dev/null
}

# The packets that reached the MARK rule, i.e. passed the NAT64 rule.
passed4() {
	inx "$IPT" -t mangle -L PREROUTING -n -v -x 2>/dev/null |
		awk '$3 == "MARK" { print $1 }'
}

passed_at_least() {
	local n
	n=$(passed4)
	echo "$n packets reached the MARK rule"
	((n >= $1))
}

# http_get NS_SERVER BIND NS_CLIENT URL_HOST PORT: 200 kB over HTTP.
http_get() {
	local dir pid rc
	dir=$(mktemp -d)
	head -c 200000 /dev/urandom >"$dir/blob"
	# Not through in4/in6(): $! must be the server itself.
	ip netns exec "$1" python3 -m http.server -b "$2" -d "$dir" "$5" >/dev/null 2>&1 &
	pid=$!
	e2e_listening "$1" tcp "$5"
	ip netns exec "$3" curl -sS --max-time 60 --retry 3 --retry-connrefused \
		--retry-delay 1 -o "$dir/got" "http://$4:$5/blob"
	rc=$?
	kill $pid
	wait $pid 2>/dev/null
	if ((rc == 0)); then
		cmp "$dir/blob" "$dir/got"
		rc=$?
	else
		echo "curl exit status $rc"
		ip netns exec xl "$NAT64CTL" stats xt | awk '$3 != 0'
	fi
	rm -rf "$dir"
	return $rc
}

e2e_check "module loads" e2e_module_load
e2e_check "topology: three namespaces joined by veth" topology

# --- nat64ctl: the framework of an instance -------------------------------
e2e_check_error "an unknown framework is a usage error" 2 \
	"^nat64ctl: instance add: unknown framework 'bogus'; FRAMEWORK is one of netfilter\|iptables" \
	ctl instance add xt --mode siit --framework bogus
e2e_check_error "--framework without a value is a usage error" 2 \
	'^nat64ctl: instance add: --framework needs a FRAMEWORK' \
	ctl instance add xt --mode siit --framework
e2e_check_error "--framework twice is a usage error" 2 \
	'^nat64ctl: instance add: --framework given twice' \
	ctl instance add xt --mode siit --framework iptables --framework=netfilter
e2e_check_eq "usage errors created nothing" "[]" ctl -j instance list
e2e_check "siit instance xt, framework iptables" \
	ctl instance add xt --mode siit --framework iptables
e2e_check "siit instance nf, framework netfilter (the default)" \
	ctl instance add nf --mode siit
e2e_check_eq "instance list -j shows each framework" "xt iptables
nf netfilter" bash -c "ip netns exec xl '$NAT64CTL' -j instance list | jq -r '.[] | \"\\(.name) \\(.framework)\"'"
list_text_ok() {
	ctl instance list | awk '
		NR == 1 { ok = ($4 == "FRAMEWORK"); next }
		$1 == "xt" && $4 == "iptables" { xt = 1 }
		$1 == "nf" && $4 == "netfilter" { nf = 1 }
		END { exit !(ok && xt && nf) }'
}
e2e_check "instance list (text) has a FRAMEWORK column" list_text_ok
e2e_check "instance show -j xt: framework iptables" \
	bash -c "ip netns exec xl '$NAT64CTL' -j instance show xt | jq-e '.framework == \"iptables\"'"
e2e_check "pool6 2001:db8:64::/96 for xt" \
	ctl -i xt prefix add 2001:db8:64::/96

# --- Without a rule, the instance sees nothing ----------------------------
e2e_check_fails "no rule: IPv4 -> IPv6 ping is not translated" \
	in4 ping -c 1 -W 1 $SRV4
e2e_check_fails "no rule: IPv6 -> IPv4 ping is not translated" \
	in6 ping -6 -c 1 -W 1 $CLI6
e2e_check_eq "no rule: the instance saw no packet (rx4, rx6)" "0 0" \
	bash -c "ip netns exec xl '$NAT64CTL' -j stats xt | jq -r '\"\\(.stats.rx4) \\(.stats.rx6)\"'"

# --- Each back end --------------------------------------------------------
for backend in legacy nft; do
	IPT=iptables-$backend
	IP6T=ip6tables-$backend
	b=$backend

	e2e_check "$b: iptables -j NAT64 -h shows --instance" \
		bash -c "$IPT -j NAT64 -h | grep -qE '^ +--instance NAME'"
	e2e_check "$b: ip6tables -j NAT64 -h shows --instance" \
		bash -c "$IP6T -j NAT64 -h | grep -qE '^ +--instance NAME'"

	# Refusals: by the extension (no name, a bad name), by x_tables (table,
	# chain), by our checkentry (no such instance, netfilter framework).
	e2e_check "$b: a rule without --instance is refused" \
		refused 'option "--instance" must be specified' \
		inx "$IPT" -t mangle -A PREROUTING -j NAT64
	e2e_check "$b: a rule with an invalid instance name is refused" \
		refused "invalid --instance 'a/b'" \
		inx "$IP6T" -t mangle -A PREROUTING -j NAT64 --instance a/b
	e2e_check "$b: a rule naming a missing instance is refused (IPv4)" \
		refused 'Invalid argument' \
		inx "$IPT" -t mangle -A PREROUTING -j NAT64 --instance nothere
	e2e_check "$b: a rule naming a missing instance is refused (IPv6)" \
		refused 'Invalid argument' \
		inx "$IP6T" -t mangle -A PREROUTING -j NAT64 --instance nothere
	e2e_check "$b: a rule naming a netfilter-framework instance is refused" \
		refused 'Invalid argument' \
		inx "$IPT" -t mangle -A PREROUTING -j NAT64 --instance nf
	e2e_check "$b: the filter table is refused" \
		refused 'Invalid argument|invalid|not valid' \
		inx "$IPT" -t filter -A FORWARD -j NAT64 --instance xt
	e2e_check "$b: the FORWARD chain is refused" \
		refused 'Invalid argument|invalid|not valid' \
		inx "$IP6T" -t mangle -A FORWARD -j NAT64 --instance xt
	if [[ $b == legacy ]]; then
		e2e_check "the kernel log says why (no such instance)" \
			bash -c "dmesg | grep -q 'NAT64: instance nothere: no such instance in this network namespace'"
		e2e_check "the kernel log says why (framework netfilter)" \
			bash -c "dmesg | grep -q 'NAT64: instance nf: its framework is netfilter'"
	fi
	e2e_check "$b: the refusals added no rule" \
		bash -c "! ip netns exec xl $IPT -t mangle -S | grep -q NAT64 && ! ip netns exec xl $IP6T -t mangle -S | grep -q NAT64"

	e2e_check "$b: iptables -t mangle -A PREROUTING ${RULE4[*]}" \
		inx "$IPT" -t mangle -A PREROUTING "${RULE4[@]}"
	e2e_check "$b: and a MARK rule after it, to count what passes" \
		inx "$IPT" -t mangle -A PREROUTING "${COUNT4[@]}"
	e2e_check "$b: ip6tables -t mangle -A PREROUTING ${RULE6[*]}" \
		inx "$IP6T" -t mangle -A PREROUTING "${RULE6[@]}"
	e2e_check "$b: iptables -t mangle -S prints the rule with --instance" \
		bash -c "ip netns exec xl $IPT -t mangle -S PREROUTING | grep -qxF -- '-A PREROUTING ${RULE4[*]}'"
	e2e_check "$b: ip6tables -t mangle -S prints the rule with --instance" \
		bash -c "ip netns exec xl $IP6T -t mangle -S PREROUTING | grep -qxF -- '-A PREROUTING ${RULE6[*]}'"
	e2e_check "$b: iptables -L prints 'NAT64 instance xt'" \
		bash -c "ip netns exec xl $IPT -t mangle -L PREROUTING -n | grep -q 'NAT64 instance xt'"

	e2e_check "$b: ping IPv4 host -> IPv6 server through the rule" \
		in4 ping -c 3 -i 0.2 -W 2 $SRV4
	e2e_check "$b: ping IPv6 server -> IPv4 host through the rule" \
		in6 ping -6 -c 3 -i 0.2 -W 2 $CLI6
	e2e_check "$b: TCP: 200 kB from the IPv6 server to the IPv4 host" \
		http_get v6 :: v4 $SRV4 8080
	e2e_check "$b: TCP: 200 kB from the IPv4 host to the IPv6 server" \
		http_get v4 0.0.0.0 v6 "[$CLI6]" 8081
	e2e_check_eq "$b: translated packets end at the NAT64 rule (MARK saw none)" \
		0 passed4
	e2e_check "$b: the instance counted traffic both ways" \
		bash -c "ip netns exec xl '$NAT64CTL' -j stats xt | jq-e '.stats.tx4 > 0 and .stats.tx6 > 0'"

	# iptables-save | iptables-restore, through an empty table.
	before4=$(rules "$IPT")
	before6=$(rules "$IP6T")
	saved4=$(inx "$IPT-save" -t mangle 2>/dev/null)
	saved6=$(inx "$IP6T-save" -t mangle 2>/dev/null)
	e2e_check "$b: iptables-save has --instance xt" \
		grep -qF -- "${RULE4[*]}" <<<"$saved4"
	e2e_check "$b: flush both mangle tables" \
		bash -c "ip netns exec xl $IPT -t mangle -F && ip netns exec xl $IP6T -t mangle -F"
	e2e_check_fails "$b: no rule, no translation" \
		in4 ping -c 1 -W 1 $SRV4
	e2e_check "$b: iptables-restore of the saved table" \
		inx "$IPT-restore" <<<"$saved4"
	e2e_check "$b: ip6tables-restore of the saved table" \
		inx "$IP6T-restore" <<<"$saved6"
	e2e_check_eq "$b: IPv4 rules identical after save and restore" \
		"$before4" rules "$IPT"
	e2e_check_eq "$b: IPv6 rules identical after save and restore" \
		"$before6" rules "$IP6T"
	e2e_check "$b: ping both ways through the restored rules" \
		bash -c "ip netns exec v4 ping -c 2 -i 0.2 -W 2 $SRV4 && ip netns exec v6 ping -6 -c 2 -i 0.2 -W 2 $CLI6"

	# The instance goes while rules name it: they let packets through.
	e2e_check "$b: delete the instance while rules name it" \
		ctl instance del xt
	e2e_check_fails "$b: no translation without the instance" \
		in4 ping -c 2 -i 0.2 -W 1 $SRV4
	e2e_check_fails "$b: none the other way either" \
		in6 ping -6 -c 1 -W 1 $CLI6
	e2e_check "$b: the NAT64 rule let those packets on to the next rule" \
		passed_at_least 2
	if [[ $b == legacy ]]; then
		# Documented: ip_tables checks every rule of a table again on
		# each change, so a table naming a missing instance is stuck.
		e2e_check "legacy: other changes to the table are refused meanwhile" \
			refused 'Invalid argument' \
			inx "$IPT" -t mangle -A PREROUTING -j MARK --set-mark 8
	else
		e2e_check "nft: other changes to the table still work meanwhile" \
			inx "$IPT" -t mangle -A PREROUTING -j MARK --set-mark 8
		inx "$IPT" -t mangle -D PREROUTING -j MARK --set-mark 8
	fi
	e2e_check "$b: instance xt created again, pool6 again" \
		bash -c "ip netns exec xl '$NAT64CTL' instance add xt --mode siit --framework iptables && ip netns exec xl '$NAT64CTL' -i xt prefix add 2001:db8:64::/96"
	e2e_check "$b: the same rules reach the new instance" \
		bash -c "ip netns exec v4 ping -c 2 -i 0.2 -W 2 $SRV4 && ip netns exec v6 ping -6 -c 2 -i 0.2 -W 2 $CLI6"
	e2e_check "$b: a rule naming the missing instance can be deleted" \
		bash -c "ip netns exec xl '$NAT64CTL' instance del xt && ip netns exec xl $IPT -t mangle -D PREROUTING ${RULE4[*]} && ip netns exec xl $IP6T -t mangle -D PREROUTING ${RULE6[*]}"
	e2e_check "$b: flush; instance xt back for the next part" \
		bash -c "ip netns exec xl $IPT -t mangle -F && ip netns exec xl '$NAT64CTL' instance add xt --mode siit --framework iptables && ip netns exec xl '$NAT64CTL' -i xt prefix add 2001:db8:64::/96"
done

# --- Conntrack in the namespace: the target sees reassembled IPv4 ---------
# Mangle PREROUTING comes after defragmentation: a 3000-byte UDP datagram
# in IPv4 fragments reaches the instance whole and leaves as IPv6
# fragments of 1280 bytes at most (RFC 7915 section 4, DF=0). The reply's
# IPv6 fragments (no IPv6 conntrack here) are translated one by one.
udp_big() {
	in6 python3 -c '
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.bind(("::", 5353)); s.settimeout(10)
d, a = s.recvfrom(65535); s.sendto(d[::-1], a)' &
	local pid=$! out
	out=$(in4 python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.5)
msg = bytes(range(256)) * 12
for _ in range(30):
    s.sendto(msg, ("'$SRV4'", 5353))
    try:
        print(s.recvfrom(65535)[0] == msg[::-1]); break
    except socket.timeout:
        pass')
	wait $pid
	[[ $out == True ]]
}
if inx iptables-legacy -t filter -A INPUT -m conntrack --ctstate INVALID -j DROP 2>/dev/null; then
	e2e_check "conntrack: IPv4 conntrack in use in the translator's namespace" \
		inx iptables-legacy -t mangle -A PREROUTING "${RULE4[@]}"
	inx ip6tables-legacy -t mangle -A PREROUTING "${RULE6[@]}"
	e2e_check "conntrack: a 3000-byte UDP datagram crosses in fragments and back" \
		udp_big
else
	echo "$E2E_SCRIPT: no xt_conntrack in this kernel: the conntrack part is skipped"
fi

e2e_check "delete both instances" \
	bash -c "ip netns exec xl '$NAT64CTL' instance del xt && ip netns exec xl '$NAT64CTL' instance del nf"
e2e_check "rules out, the module's references dropped" xt_cleanup
e2e_check "the module unloads" e2e_module_unload
e2e_done
