#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The configuration of a nat64 (stateful, RFC 6146) instance through
# nat64ctl and raw netlink: pool4 (defaults, explicit ranges, overlaps,
# all-or-none triples, the limit of 64, bad ranges), static BIB entries
# (both sides unique, delete by the IPv4 side), the session table of a
# fresh instance, prefix translate under a /96 and a /64, the stateful
# globals (defaults, changes, minimums refused by the CLI and by the
# kernel, refused on a siit instance), the stateful counter names, and
# every one of these refused on a siit instance.
#
#   +------------------------- init netns ---------------------------+
#   | nat64ctl [-i NAME] pool4|bib|session|global|prefix --> nat64.ko |
#   |   n (nat64, 64:ff9b::/96), m (nat64, 2001:db8:64::/64),        |
#   |   s (siit): every stateful command refused                      |
#   +-----------------------------------------------------------------+
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

ctl() { "$NAT64CTL" "$@"; }
# pool4 entries of $1 as "PREFIX PROTO MIN-MAX", sorted, space-separated.
pool4() {
	ctl -j -i "$1" pool4 list |
		jq -r '.[] | "\(.prefix4) \(.proto) \(.port_min)-\(.port_max)"' |
		sort | paste -sd ','
}
pool4_count() { ctl -j -i "$1" pool4 list | jq length; }
global_json() { ctl -j -i "$1" global show | jq -c "$2"; }

# raw CASE NAME: one request the CLI would never send, straight to the
# kernel; prints "ERRNO extended-ack-text" (ERRNO 0 for an ack).
raw() {
	"$E2E_PYTHON" - "$E2E_DIR" "$@" <<'EOF'
import errno
import socket
import struct
import sys

sys.path.insert(0, sys.argv[1])
import nlraw as n  # noqa: E402

C = n.C
case, name = sys.argv[2], sys.argv[3]


def u16(t, v):
    return n.nla(t, struct.pack("=H", v))


def glob(payload):
    return n.nla(C["NAT64_A_GLOBAL"] | n.NLA_F_NESTED, payload)


def prefix4(addr, plen):
    return (n.nla(C["NAT64_A_PREFIX4"], socket.inet_aton(addr)) +
            n.u8(C["NAT64_A_PREFIX4_LEN"], plen))


G = {
    "udp-timeout-119": n.u32(C["NAT64_G_UDP_TIMEOUT"], 119),
    "tcp-est-timeout-7199": n.u32(C["NAT64_G_TCP_EST_TIMEOUT"], 7199),
    "tcp-trans-timeout-239": n.u32(C["NAT64_G_TCP_TRANS_TIMEOUT"], 239),
    "icmp-timeout-0": n.u32(C["NAT64_G_ICMP_TIMEOUT"], 0),
    "filtering-2": n.u8(C["NAT64_G_FILTERING"], 2),
    "drop-ext-tcp-2": n.u8(C["NAT64_G_DROP_EXT_TCP"], 2),
    "tcp-init-timeout-5": n.u32(C["NAT64_G_TCP_INIT_TIMEOUT"], 5),
    "app-2": n.u8(C["NAT64_G_APP"], 2),
    "udp-timeout-u8": n.u8(C["NAT64_G_UDP_TIMEOUT"], 200),
    "port-block-size-63": u16(C["NAT64_G_PBA_SIZE"], 63),
    "port-block-size-32769": u16(C["NAT64_G_PBA_SIZE"], 32769),
}
TCP = n.u8(C["NAT64_A_PROTO"], 6)
P = {
    "pool4-min-above-max": (C["NAT64_CMD_POOL4_ADD"], prefix4("192.0.2.9", 32)
                            + TCP + u16(C["NAT64_A_PORT_MIN"], 2000)
                            + u16(C["NAT64_A_PORT_MAX"], 1000)),
    "pool4-min-only": (C["NAT64_CMD_POOL4_ADD"], prefix4("192.0.2.9", 32)
                       + u16(C["NAT64_A_PORT_MIN"], 2000)),
    "pool4-host-bits": (C["NAT64_CMD_POOL4_ADD"], prefix4("192.0.2.9", 24)),
    "pool4-gre": (C["NAT64_CMD_POOL4_ADD"], prefix4("192.0.2.9", 32)
                  + n.u8(C["NAT64_A_PROTO"], 47)),
    "pool4-no-prefix": (C["NAT64_CMD_POOL4_ADD"], TCP),
    "bib-del-with-ipv6": (C["NAT64_CMD_BIB_DEL"], TCP
                          + n.nla(C["NAT64_A_ADDR4"],
                                  socket.inet_aton("192.0.2.1"))
                          + u16(C["NAT64_A_PORT4"], 1)
                          + u16(C["NAT64_A_PORT6"], 1)),
    "bib-add-no-ipv6": (C["NAT64_CMD_BIB_ADD"], TCP
                        + n.nla(C["NAT64_A_ADDR4"],
                                socket.inet_aton("192.0.2.1"))
                        + u16(C["NAT64_A_PORT4"], 1)),
}
g = n.Genl()
if case in G:
    cmd, attrs = C["NAT64_CMD_GLOBAL_SET"], glob(G[case])
else:
    cmd, attrs = P[case]
err, text, _ = g.request(cmd, n.nla_str(C["NAT64_A_INSTANCE"], name) + attrs)
print(errno.errorcode.get(err, err) if err else 0, text)
EOF
}
raw_errno() { raw "$@" | cut -d' ' -f1; }

e2e_check "module loads" e2e_module_load
e2e_check "instance n (nat64)" ctl instance add n --mode nat64
e2e_check "instance m (nat64)" ctl instance add m --mode nat64
e2e_check "instance s (siit)" ctl instance add s --mode siit

# pool4
e2e_check_eq "pool4 of a fresh instance: []" "[]" ctl -j -i n pool4 list
e2e_check "pool4 add, no protocol, no range" ctl -i n pool4 add 192.0.2.1
e2e_check_eq "three entries with the default ranges (tcp/udp 61001-65535, icmp 0-65535)" \
	"192.0.2.1/32 icmp 0-65535,192.0.2.1/32 tcp 61001-65535,192.0.2.1/32 udp 61001-65535" \
	pool4 n
e2e_check "an explicit range for one protocol" \
	ctl -i n pool4 add 198.51.100.0/30 tcp 1024-2047
e2e_check "the range may come before the protocol" \
	ctl -i n pool4 add 198.51.100.0/30 2048-4095 udp
e2e_check_error "an overlap of the same protocol is refused (EEXIST)" 1 \
	"^nat64ctl: pool4 add: overlaps a pool4 entry of that protocol \(File exists\)$" \
	ctl -i n pool4 add 198.51.100.2 tcp 2000-2100
e2e_check "same address, ports beside: no overlap" \
	ctl -i n pool4 add 198.51.100.2 tcp 3000-3100
e2e_check "same address and ports, another protocol: no overlap" \
	ctl -i n pool4 add 198.51.100.0/30 icmp 1024-2047
e2e_check "icmp of 203.0.113.0/30 first" ctl -i n pool4 add 203.0.113.0/30 icmp
e2e_check_error "a triple whose icmp overlaps is refused" 1 "overlaps" \
	ctl -i n pool4 add 203.0.113.0/30
e2e_check_eq "...and adds none of the three (all or none)" \
	"203.0.113.0/30 icmp 0-65535" \
	sh -c "$NAT64CTL -j -i n pool4 list | jq -r '.[] | select(.prefix4 == \"203.0.113.0/30\") | \"\(.prefix4) \(.proto) \(.port_min)-\(.port_max)\"'"
e2e_check_eq "text list" "n               198.51.100.2/32    tcp   3000-3100" \
	sh -c "$NAT64CTL -i n pool4 list | grep 3000-3100"
e2e_check_error "bad range refused by the CLI" 2 \
	"invalid port range '5000-4000': MIN is above MAX" \
	ctl -i n pool4 add 192.0.2.2 tcp 5000-4000
e2e_check_error "port above 65535 refused by the CLI" 2 \
	"invalid port range '1-70000'" ctl -i n pool4 add 192.0.2.2 1-70000
e2e_check_error "unknown protocol refused by the CLI" 2 \
	"invalid argument 'sctp'" ctl -i n pool4 add 192.0.2.2 sctp
e2e_check_error "two protocols refused by the CLI" 2 \
	"invalid argument 'udp'" ctl -i n pool4 add 192.0.2.2 tcp udp
e2e_check_error "bad prefix refused by the CLI" 2 \
	"invalid prefix '192.0.2.256'" ctl -i n pool4 add 192.0.2.256
e2e_check_error "host bits refused by the kernel" 1 \
	"the prefix has bits set past its length" \
	ctl -i n pool4 add 192.0.2.1/24
e2e_check_eq "kernel: min above max (EINVAL)" \
	"EINVAL the lowest port is above the highest" raw pool4-min-above-max n
e2e_check_eq "kernel: a lowest port without a highest (EINVAL)" \
	"EINVAL the lowest and the highest port go together" raw pool4-min-only n
e2e_check_eq "kernel: host bits (EINVAL)" \
	"EINVAL the prefix has bits set past its length" raw pool4-host-bits n
e2e_check_eq "kernel: protocol 47 (EINVAL)" \
	"EINVAL the protocol must be TCP (6), UDP (17) or ICMP (1)" raw pool4-gre n
e2e_check_eq "kernel: no prefix (EINVAL)" \
	"EINVAL an IPv4 prefix and its length are required" raw pool4-no-prefix n
e2e_check_error "del of a missing entry (ENOENT)" 1 \
	"no such pool4 entry \(No such file or directory\)" \
	ctl -i n pool4 del 192.0.2.99
e2e_check "del by prefix and protocol (the range found by the kernel)" \
	ctl -i n pool4 del 198.51.100.2 tcp
e2e_check_error "...gone" 1 "no such pool4 entry" \
	ctl -i n pool4 del 198.51.100.2 tcp 3000-3100
e2e_check "del with an exact range" \
	ctl -i n pool4 del 198.51.100.0/30 udp 2048-4095
e2e_check "del of a prefix, every protocol" ctl -i n pool4 del 192.0.2.1
e2e_check_eq "what is left" \
	"198.51.100.0/30 icmp 1024-2047,198.51.100.0/30 tcp 1024-2047,203.0.113.0/30 icmp 0-65535" \
	pool4 n
e2e_check_eq "instance m has its own pool4 (empty)" "" pool4 m

# bib (static entries)
e2e_check_eq "bib of a fresh instance: []" "[]" ctl -j -i n bib list
e2e_check_error "the IPv4 side must be a pool4 address" 1 \
	"the IPv4 address is not in pool4 \(Invalid argument\)" \
	ctl -i n bib add tcp 192.0.2.1#8080 2001:db8::5#80
e2e_check "pool4 add 192.0.2.1 again" ctl -i n pool4 add 192.0.2.1
e2e_check "bib add tcp 192.0.2.1#8080 2001:db8::5#80" \
	ctl -i n bib add tcp 192.0.2.1#8080 2001:db8::5#80
e2e_check_eq "bib list -j" \
	'[{"instance":"n","proto":"tcp","addr4":"192.0.2.1","port4":8080,"addr6":"2001:db8::5","port6":80,"static":true,"sessions":0}]' \
	ctl -j -i n bib list
e2e_check_error "the IPv4 side is bound already (EEXIST)" 1 \
	"that IPv4 transport address is bound \(File exists\)" \
	ctl -i n bib add tcp 192.0.2.1#8080 2001:db8::6#80
e2e_check_error "the IPv6 side is bound already (EEXIST)" 1 \
	"that IPv6 transport address is bound \(File exists\)" \
	ctl -i n bib add tcp 192.0.2.1#8081 2001:db8::5#80
e2e_check "the same sides under udp" \
	ctl -i n bib add udp 192.0.2.1#8080 2001:db8::5#80
e2e_check "an icmp entry (identifiers)" \
	ctl -i n bib add icmp 192.0.2.1#7 2001:db8::5#7
e2e_check_eq "bib list: three" "3" sh -c "$NAT64CTL -j -i n bib list | jq length"
e2e_check_eq "bib list udp: one" '"udp"' \
	sh -c "$NAT64CTL -j -i n bib list udp | jq -c 'map(.proto) | add'"
e2e_check_eq "bib text list" \
	"tcp   192.0.2.1#8080        2001:db8::5#80                                 static  0" \
	sh -c "$NAT64CTL -i n bib list tcp | tail -n +2"
e2e_check "pool4 flush keeps static entries" ctl -i n pool4 flush
e2e_check_eq "...pool4 empty" "0" pool4_count n
e2e_check "pool4 add 192.0.2.1 once more" ctl -i n pool4 add 192.0.2.1
e2e_check_eq "...bib still three" "3" sh -c "$NAT64CTL -j -i n bib list | jq length"
e2e_check_error "del of a missing entry (ENOENT)" 1 \
	"no such BIB entry \(No such file or directory\)" \
	ctl -i n bib del tcp 192.0.2.1#9999
e2e_check "bib del tcp 192.0.2.1#8080" ctl -i n bib del tcp 192.0.2.1#8080
e2e_check_eq "the udp one stays" '["udp","icmp"]' \
	sh -c "$NAT64CTL -j -i n bib list | jq -c 'map(.proto) | sort_by(. != \"udp\")'"
e2e_check_error "bad protocol refused by the CLI" 2 \
	"invalid protocol 'gre': it takes tcp\|udp\|icmp" \
	ctl -i n bib add gre 192.0.2.1#1 2001:db8::5#1
e2e_check_error "IPv4#PORT without #PORT refused" 2 \
	"invalid transport address '192.0.2.1': it takes IPV4#PORT" \
	ctl -i n bib add tcp 192.0.2.1 2001:db8::5#80
e2e_check_error "sides swapped refused" 2 \
	"'2001:db8::5' is not an IPv4 address" \
	ctl -i n bib add tcp 2001:db8::5#80 192.0.2.1#80
e2e_check_error "port 65536 refused" 2 "PORT must be 0-65535" \
	ctl -i n bib add tcp 192.0.2.1#65536 2001:db8::5#80
e2e_check_error "missing arguments" 2 "missing PROTO IPV4#PORT IPV6#PORT" \
	ctl -i n bib add tcp
e2e_check_error "bib del takes no IPv6 side" 2 "unexpected argument" \
	ctl -i n bib del tcp 192.0.2.1#1 2001:db8::5#1
e2e_check_eq "kernel: BIB_DEL with an IPv6 port (EINVAL)" \
	"EINVAL an entry is deleted by its IPv4 side only" raw bib-del-with-ipv6 n
e2e_check_eq "kernel: BIB_ADD without the IPv6 side (EINVAL)" \
	"EINVAL an IPv6 address and port are required" raw bib-add-no-ipv6 n

# a dump of many parts (NAT64_DEBUG: 4 KiB reads) resumes where it stopped
bib_fill() {
	local i
	for i in $(seq 1 150); do
		ctl -i n bib add udp "192.0.2.1#$((20000 + i))" \
			"2001:db8::7#$i" || return 1
	done
}
e2e_check "150 static udp entries" bib_fill
e2e_check_eq "bib list udp in 4 KiB parts: all, each once" "151 151" \
	sh -c "NAT64_DEBUG=1 $NAT64CTL -j -i n bib list udp | jq -r '[length, (map(.port4) | unique | length)] | join(\" \")'"

# sessions
e2e_check_eq "session list -j of a fresh instance: []" "[]" \
	ctl -j -i m session list
e2e_check_eq "session list tcp -j: []" "[]" ctl -j -i m session list tcp
e2e_check_eq "session list (text): the header only" \
	"PROTO IPV6#PORT REMOTE6#PORT IPV4#PORT REMOTE4#PORT STATE EXPIRES" \
	sh -c "$NAT64CTL -i m session list | tr -s ' '"
e2e_check_error "session list with a bad protocol" 2 \
	"invalid protocol 'sctp'" ctl -i m session list sctp

# prefix translate (what a CPE publishes as AAAA)
e2e_check "n: prefix 64:ff9b::/96" ctl -i n prefix add 64:ff9b::/96
e2e_check "m: prefix 2001:db8:64::/64" ctl -i m prefix add 2001:db8:64::/64
e2e_check_eq "translate 93.184.216.34 under a /96" "64:ff9b::5db8:d822" \
	ctl -i n prefix translate 93.184.216.34
e2e_check_eq "translate 192.0.2.33 under a /64 (u-octet skipped)" \
	"2001:db8:64:0:c0:2:2100:0" ctl -i m prefix translate 192.0.2.33
e2e_check_eq "translate -j" \
	'[{"instance":"m","prefix":"2001:db8:64::/64","ipv4":"198.51.100.7","ipv6":"2001:db8:64:0:c6:3364:700:0"}]' \
	ctl -j -i m prefix translate 198.51.100.7

# globals
e2e_check_eq "nat64 defaults (RFC 6146 section 4)" \
	'{"instance":"n","lowest-ipv6-mtu":1280,"udp0":"compute","tclass":"copy","tos":"copy","mtu-plateaus":"on","hairpin":"intrinsic","drop-icmp":"on","udp-timeout":300,"tcp-est-timeout":7440,"tcp-trans-timeout":240,"tcp-init-timeout":240,"icmp-timeout":60,"filtering":"eif","app":"strict","drop-ext-tcp":"off","max-sessions":1048576,"subscriber-len":56,"subscriber-max-ports":8192,"subscriber-max-sessions":16384,"port-blocks":"off","port-block-size":1024,"port-block-hold":60,"session-events":"off","pool-id":0,"bib-threshold":0,"subscriber-threshold":0,"binding-events":"off"}' \
	global_json n .
e2e_check "set them all at once" ctl -i n global set udp-timeout 120 \
	tcp-est-timeout 7200 tcp-trans-timeout 300 icmp-timeout 1 \
	filtering adf drop-ext-tcp on max-sessions 4294967295 \
	subscriber-len 64 subscriber-max-ports 0 subscriber-max-sessions 10 \
	tcp-init-timeout 6 app soft
e2e_check_eq "show reads them back" \
	'[120,7200,300,1,"adf","on",4294967295,64,0,10,6,"soft"]' \
	global_json n '[."udp-timeout",."tcp-est-timeout",."tcp-trans-timeout",."icmp-timeout",.filtering,."drop-ext-tcp",."max-sessions",."subscriber-len",."subscriber-max-ports",."subscriber-max-sessions",."tcp-init-timeout",.app]'
e2e_check_eq "text output" "filtering        adf" \
	sh -c "$NAT64CTL -i n global show | grep '^filtering '"
e2e_check_eq "m kept its defaults" '[300,"eif"]' \
	global_json m '[."udp-timeout",.filtering]'
# the RFC minimums are refused below (4787-5: UDP 120 s; 5382-3: TCP
# established 2 h 4 min, transitory 4 min; 7857-1: partially open TCP
# apart, down to TCP_INCOMING_SYN's 6 s)
for bad in "udp-timeout 119 120-" "tcp-est-timeout 7199 7200-" \
	"tcp-trans-timeout 239 240-" "icmp-timeout 0 1-" \
	"tcp-init-timeout 5 6-" "app loose strict\|soft" \
	"filtering edf eif\|adf" "drop-ext-tcp yes on\|off" \
	"max-sessions 4294967296 0-4294967295" "subscriber-len 31 32-128" \
	"subscriber-len 129 32-128" "port-block-size 63 64-32768" \
	"port-block-size 32769 64-32768" "port-blocks 1 on\|off"; do
	read -r key val want <<<"$bad"
	e2e_check_error "$key $val refused by the CLI" 2 \
		"invalid $key '$val': it takes $want" \
		ctl -i n global set "$key" "$val"
done
for c in udp-timeout-119 tcp-est-timeout-7199 tcp-trans-timeout-239 \
	icmp-timeout-0 filtering-2 drop-ext-tcp-2 tcp-init-timeout-5 app-2; do
	e2e_check_eq "kernel: $c refused (ERANGE)" "ERANGE" raw_errno "$c" m
done
e2e_check_eq "kernel: a u8 where a u32 belongs (EINVAL)" "EINVAL" \
	raw_errno udp-timeout-u8 m
e2e_check_eq "kernel: a port block of 63 ports (ERANGE)" "ERANGE" \
	raw_errno port-block-size-63 m
e2e_check_eq "kernel: a port block of 32769 ports" \
	"EINVAL a port block is 64 to 32768 ports" raw port-block-size-32769 m
e2e_check "port blocks on, blocks of 256 held 10 s" ctl -i m global set \
	port-blocks on port-block-size 256 port-block-hold 10
e2e_check_eq "show reads them back" '["on",256,10]' \
	global_json m '[."port-blocks",."port-block-size",."port-block-hold"]'
e2e_check "and off again" ctl -i m global set port-blocks off
e2e_check_eq "refused sets changed nothing" '[300,"eif","off"]' \
	global_json m '[."udp-timeout",.filtering,."drop-ext-tcp"]'

# stateful counters
e2e_check "stats -j n: the stateful counters, zero" bash -c \
	"'$NAT64CTL' -j stats n | jq-e '[.stats | (.drop_no_bib, .drop_pool4, .drop_filtered, .drop_src_pref64, .drop_session_cap, .drop_no_state, .drop_ext_tcp, .bib_new, .session_new, .session_expired, .drop_frag)] == [0,0,0,0,0,0,0,0,0,0,0]'"

# a siit instance refuses the stateful commands
for args in "pool4 add 192.0.2.1" "pool4 del 192.0.2.1" "pool4 list" \
	"pool4 flush" "bib add tcp 192.0.2.1#1 2001:db8::1#1" \
	"bib del tcp 192.0.2.1#1" "bib list" "session list"; do
	# shellcheck disable=SC2086
	e2e_check_error "siit: $args refused" 1 \
		"not a nat64 instance \(Invalid argument\)" ctl -i s $args
done
e2e_check_error "siit: a stateful global refused" 1 \
	"a global of nat64 instances, and this is not one" \
	ctl -i s global set udp-timeout 300
e2e_check_eq "siit: global show has no stateful global" "false" \
	global_json s 'has("udp-timeout") or has("filtering") or has("max-sessions")'
e2e_check_error "no such instance" 1 "no such instance" \
	ctl -i zz pool4 list

# the limit of 64 entries; a triple that does not fit adds nothing
fill63() {
	local i
	for i in $(seq 1 63); do
		ctl -i m pool4 add "10.0.0.$i" tcp || return 1
	done
}
e2e_check "63 pool4 entries" fill63
e2e_check_error "a triple does not fit (ENOSPC)" 1 \
	"too many pool4 entries \(No space left on device\)" \
	ctl -i m pool4 add 10.0.1.1
e2e_check_eq "...and added none" "63" pool4_count m
e2e_check "the 64th" ctl -i m pool4 add 10.0.1.1 udp
e2e_check_error "the 65th (ENOSPC)" 1 "too many pool4 entries" \
	ctl -i m pool4 add 10.0.1.2 udp

# help
e2e_check "pool4 --help" bash -c "'$NAT64CTL' pool4 add --help | grep -qF 'PREFIX4 [tcp|udp|icmp] [MIN-MAX]'"
e2e_check "bib --help" bash -c "'$NAT64CTL' bib --help | grep -qF 'IPV4#PORT IPV6#PORT'"
e2e_check "global set --help names the stateful globals" bash -c \
	"'$NAT64CTL' global set --help | grep -qF 'tcp-est-timeout SECONDS'"

e2e_check "delete n (with its state)" ctl instance del n
e2e_check "delete m" ctl instance del m
e2e_check "delete s" ctl instance del s
e2e_check "module unloads" e2e_module_unload
e2e_done
