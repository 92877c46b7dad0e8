# SPDX-License-Identifier: GPL-2.0-only
#
# Helpers for the end-to-end scripts of tests/e2e/. A script sets -u,
# sources this file, runs checks and ends with e2e_done:
#
#   e2e_check DESC CMD...             CMD must succeed
#   e2e_check_fails DESC CMD...       CMD must fail (any non-zero status)
#   e2e_check_eq DESC EXPECTED CMD... CMD must succeed and print EXPECTED
#   e2e_check_error DESC STATUS ERE CMD...
#                                     CMD must exit STATUS, print nothing on
#                                     stdout and exactly one stderr line that
#                                     starts with "nat64ctl: " and matches ERE
#   e2e_done                          summary; exit 1 if any check failed
#
# Each check prints "PASS: <script>: DESC" or "FAIL: <script>: DESC" and,
# on failure, the command's status and output, indented. After a check,
# $E2E_OUT holds the command's stdout (and stderr, except for
# e2e_check_error, which keeps stderr in $E2E_ERR).
#
# Environment: E2E_ROOT (default: the repository holding this file),
# NAT64CTL (default: $E2E_ROOT/usr/nat64ctl/nat64ctl), NAT64_KO (the
# module to load, default $E2E_ROOT/nat64.ko; the debug kernel run sets it),
# NAT64_E2E_KERNEL (stock or debug: which guest kernel runs the scripts).
#
# These scripts load a kernel module: they run only in the QEMU guest
# (scripts/vm/run sets NAT64_VM=1), never on the host.

E2E_ROOT=${E2E_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
E2E_DIR=$E2E_ROOT/tests/e2e
# tests/e2e/bin first: jq-e (jq -e that fails on empty input)
PATH=$E2E_DIR/bin:$PATH
E2E_SCRIPT=$(basename "$0")
NAT64CTL=${NAT64CTL:-$E2E_ROOT/usr/nat64ctl/nat64ctl}
E2E_KO=${NAT64_KO:-$E2E_ROOT/nat64.ko}
# stock or debug (KASAN, lockdep, kmemleak: every packet costs ten times
# more, so the heaviest loads are scaled down there; scripts/e2e sets it)
E2E_KERNEL=${NAT64_E2E_KERNEL:-stock}
E2E_PYTHON=/usr/bin/python3
E2E_OUT=
E2E_ERR=

e2e_passed=0
e2e_failed=0
e2e_netns_file=$(mktemp /tmp/e2e-netns.XXXXXX)
e2e_deferred=()

if [[ ${NAT64_VM:-} != 1 ]]; then
	echo "$E2E_SCRIPT: runs only in the QEMU guest, it loads nat64.ko:" \
		"scripts/vm/run -- bash tests/e2e/$E2E_SCRIPT" >&2
	exit 2
fi
if ((EUID != 0)); then
	echo "$E2E_SCRIPT: must run as root" >&2
	exit 2
fi

e2e_pass() {
	echo "PASS: $E2E_SCRIPT: $1"
	e2e_passed=$((e2e_passed + 1))
}

# e2e_fail DESC [DETAIL...]: DETAIL lines are printed indented.
e2e_fail() {
	local desc=$1
	shift
	echo "FAIL: $E2E_SCRIPT: $desc"
	if (($#)); then
		printf '%s\n' "$@" | head -n 60 | sed 's/^/    /'
	fi
	e2e_failed=$((e2e_failed + 1))
}

e2e_check() {
	local desc=$1 rc
	shift
	E2E_OUT=$("$@" 2>&1)
	rc=$?
	if ((rc == 0)); then
		e2e_pass "$desc"
	else
		e2e_fail "$desc" "command: $*" "exit status $rc" "$E2E_OUT"
	fi
}

e2e_check_fails() {
	local desc=$1 rc
	shift
	E2E_OUT=$("$@" 2>&1)
	rc=$?
	if ((rc != 0)); then
		e2e_pass "$desc"
	else
		e2e_fail "$desc" "command: $*" "succeeded, but should have failed" "$E2E_OUT"
	fi
}

e2e_check_eq() {
	local desc=$1 want=$2 rc
	shift 2
	E2E_OUT=$("$@" 2>&1)
	rc=$?
	if ((rc == 0)) && [[ $E2E_OUT == "$want" ]]; then
		e2e_pass "$desc"
	else
		e2e_fail "$desc" "command: $*" "exit status $rc" "expected:" "$want" \
			"got:" "$E2E_OUT"
	fi
}

e2e_check_error() {
	local desc=$1 want_rc=$2 ere=$3 rc errf why=
	shift 3
	errf=$(mktemp)
	E2E_OUT=$("$@" 2>"$errf")
	rc=$?
	E2E_ERR=$(<"$errf")
	rm -f "$errf"
	if ((rc != want_rc)); then
		why="exit status $rc, expected $want_rc"
	elif [[ -n $E2E_OUT ]]; then
		why="printed on stdout"
	elif [[ $E2E_ERR == *$'\n'* || -z $E2E_ERR ]]; then
		why="stderr is not exactly one line"
	elif [[ $E2E_ERR != "nat64ctl: "* ]]; then
		why="stderr does not start with 'nat64ctl: '"
	elif ! [[ $E2E_ERR =~ $ere ]]; then
		why="stderr does not match: $ere"
	fi
	if [[ -z $why ]]; then
		e2e_pass "$desc"
	else
		e2e_fail "$desc" "command: $*" "$why" "stdout:" "$E2E_OUT" \
			"stderr:" "$E2E_ERR"
	fi
}

# The PLAT topology of the nat64 scripts: namespaces v6 (a client
# CLI6/64, default via 2001:db8:1::1), xl (the translator: 2001:db8:1::1/64
# on x6, XL4/24 on x4, forwarding on) and v4 (a server SRV4/24 on veth4),
# joined by veth, with no offloads on the hosts' ends.
e2e_plat_topology() {	# e2e_plat_topology CLI6 XL4 SRV4
	local ns
	for ns in v6 xl v4; do e2e_netns_add $ns || return 1; done
	ip link add veth6 netns v6 type veth peer name x6 netns xl &&
	ip link add x4 netns xl type veth peer name veth4 netns v4 || return 1
	ip -n v6 addr add "$1/64" dev veth6 nodad &&
	ip -n v6 link set veth6 up &&
	ip -n v6 -6 route add default via 2001:db8:1::1 &&
	ip -n xl addr add 2001:db8:1::1/64 dev x6 nodad &&
	ip -n xl link set x6 up &&
	ip -n xl addr add "$2/24" dev x4 &&
	ip -n xl link set x4 up &&
	ip netns exec xl sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	ip netns exec xl sysctl -qw net.ipv4.conf.all.forwarding=1 &&
	ip -n v4 addr add "$3/24" dev veth4 &&
	ip -n v4 link set veth4 up || return 1
	ip netns exec v4 ethtool -K veth4 tx off tso off gso off >/dev/null
	ip netns exec v6 ethtool -K veth6 tx off tso off gso off >/dev/null
	return 0
}

# e2e_tcp_seen DIR SRV4 SRV6: one TCP connection of the v6 client to SRV6
# port 9000, which the translator in xl carries to the server SRV4 in v4.
# The server notes who it saw ("ADDR PORT") in DIR/seen, as a server's log
# would, and says hello; true when the client got the hello.
e2e_tcp_seen() {
	local pid
	ip netns exec v4 "$E2E_PYTHON" -c '
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], 9000)); s.listen(1); s.settimeout(60)
c, a = s.accept(); c.sendall(b"hello\n"); c.close()
print(a[0], a[1])' "$2" >"$1/seen" &
	pid=$!
	e2e_listening v4 tcp 9000 || return 1
	ip netns exec v6 timeout 30 nc -6 -d "$3" 9000 >"$1/got" || return 1
	wait $pid
	echo "server saw: $(<"$1/seen")"
	grep -qx hello "$1/got"
}

# e2e_udp6 SRC6 DST6 SPORT...: from ns v6, one datagram from each port
# SPORT of SRC6 to DST6 port 9 (discard): a binding each for a translator.
e2e_udp6() {
	ip netns exec v6 "$E2E_PYTHON" -c '
import socket, sys
src, dst = sys.argv[1], sys.argv[2]
for port in sys.argv[3:]:
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s.bind((src, int(port)))
    s.sendto(b"x", (dst, 9))
    s.close()' "$@"
}

e2e_done() {
	echo "$E2E_SCRIPT: $e2e_passed passed, $e2e_failed failed"
	((e2e_failed == 0)) || exit 1
	exit 0
}

e2e_module_loaded() {
	[[ -d /sys/module/nat64 ]]
}

# Loads $E2E_KO, first removing a nat64 left loaded by an earlier script.
# insmod resolves no dependencies: x_tables (the xtables target) and
# nf_defrag_ipv4/6 (nat64 instances) are loaded first where they are
# modules (built into the debug kernel).
e2e_module_load() {
	if e2e_module_loaded; then
		rmmod nat64 || return 1
	fi
	modprobe -qa x_tables nf_defrag_ipv4 nf_defrag_ipv6 2>/dev/null
	insmod "$E2E_KO"
}

e2e_module_unload() {
	if e2e_module_loaded; then
		rmmod nat64
	fi
}

# e2e_netns_add NAME: a network namespace that e2e_cleanup deletes. It is
# noted in a file, not a variable: checks run their commands in a subshell.
# A namespace of that name left by an earlier script is deleted first.
e2e_netns_add() {
	[[ -e /run/netns/$1 ]] && ip netns del "$1"
	ip netns add "$1" || return 1
	echo "$1" >>"$e2e_netns_file"
	ip -n "$1" link set lo up
}

# e2e_xtables: iptables finds our extension (usr/xtables) first, then the
# system's (MARK, SNAT, conntrack...).
e2e_xtables() {
	XTABLES_LIBDIR=$E2E_ROOT/usr/xtables:$(pkg-config --variable=xtlibdir xtables 2>/dev/null ||
		echo /usr/lib/x86_64-linux-gnu/xtables)
	export XTABLES_LIBDIR
}

# e2e_translated_clean NS INSTANCE: the instance translated both ways
# (tx4, tx6) and dropped nothing (every drop_ counter is 0); prints them.
e2e_translated_clean() {
	local out
	out=$(ip netns exec "$1" "$NAT64CTL" -j stats "$2")
	jq -c .stats <<<"$out"
	jq-e '.stats | .tx4 > 0 and .tx6 > 0 and
		([to_entries[] | select(.key | startswith("drop_")) | .value] | add) == 0' \
		<<<"$out" >/dev/null
}

# e2e_listening NS tcp|udp PORT [SECS]: wait (30 s unless told) until a
# socket in NS listens on PORT. Programs start slowly in an emulated guest,
# on the debug kernel most of all: a fixed sleep is not enough there.
e2e_listening() {
	local i opt=-Hltn

	[[ $2 == udp ]] && opt=-Hlun
	for ((i = 0; i < ${4:-30} * 5; i++)); do
		ip netns exec "$1" ss $opt "sport = :$3" | grep -q . && return 0
		sleep 0.2
	done
	echo "nothing listens on $2 port $3 in $1"
	return 1
}

# e2e_defer CMD: a shell command (a string) run at exit, latest first.
e2e_defer() {
	e2e_deferred+=("$1")
}

e2e_cleanup() {
	local i ns

	for ((i = ${#e2e_deferred[@]} - 1; i >= 0; i--)); do
		eval "${e2e_deferred[i]}" >/dev/null 2>&1
	done
	while read -r ns; do
		[[ -e /run/netns/$ns ]] && ip netns del "$ns"
	done <"$e2e_netns_file"
	rm -f "$e2e_netns_file"
	e2e_module_unload
}
trap e2e_cleanup EXIT
