#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The EAM table (RFC 7757) of siit instances through nat64ctl: add (lengths
# given or left out, 7757-1), list (text and -j), del (by either prefix or
# both), flush; refusals by the kernel with its reason (7757-2, host bits,
# identical prefixes 7757-9, missing entries, the limit of 100,000) and by
# the CLI (malformed prefixes); malformed raw requests; 100,000 entries
# added in bulk, dumped whole in many parts (consistent, NLM_F_DUMP_INTR
# when changed under the dump), and deleted with their instance; one table
# per instance and per network namespace.
#
#   +---------------------------- init netns -----------------------------+
#   | nat64ctl [-i NAME] eam ... --genetlink "NAT64"--> nat64.ko           |
#   |   xlat (siit)  the EAMT of RFC 7757 figure 1; del, flush             |
#   |   other (siit) an empty table of its own                              |
#   |   raw (siit)   <-- nlraw.py eam-malformed                            |
#   |   big (siit)   <-- nlraw.py eam-bulk: 100,000 entries, listed whole, |
#   |                deleted with them live                                |
#   +----------------------------------------------------------------------+
#   +---------- netns A -----------+
#   | xlat (siit): same name, its  |
#   | own table; the namespace is  |
#   | deleted with entries live    |
#   +------------------------------+
#   Last: rmmod nat64 with entries live in init.
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

ctl() { "$NAT64CTL" "$@"; }
ctl_in() { local ns=$1; shift; ip netns exec "$ns" "$NAT64CTL" "$@"; }

# The entries of instance $1 (in netns $2 if given), one "PREFIX4 PREFIX6"
# per line, in the kernel's order, from `eam list -j`.
entries() {
	local out
	if (($# > 1)); then
		out=$(ctl_in "$2" -j -i "$1" eam list)
	else
		out=$(ctl -j -i "$1" eam list)
	fi || return 1
	jq -r '.[] | "\(.prefix4) \(.prefix6)"' <<<"$out"
}

# The EAMT of RFC 7757 figure 1, written as the RFC writes it: lengths left
# out where the RFC leaves them out.
fig1=(
	"192.0.2.1 2001:db8:aaaa::"
	"192.0.2.2/32 2001:db8:bbbb::b/128"
	"192.0.2.16/28 2001:db8:cccc::/124"
	"192.0.2.128/26 2001:db8:dddd::/64"
	"192.0.2.192/29 2001:db8:eeee:8::/62"
	"192.0.2.224/31 64:ff9b::/127"
)
fig1_listed="192.0.2.1/32 2001:db8:aaaa::/128
192.0.2.2/32 2001:db8:bbbb::b/128
192.0.2.16/28 2001:db8:cccc::/124
192.0.2.128/26 2001:db8:dddd::/64
192.0.2.192/29 2001:db8:eeee:8::/62
192.0.2.224/31 64:ff9b::/127"
see_add="\\(see 'nat64ctl eam add --help'\\)$"

e2e_check "nat64.ko loads" e2e_module_load
e2e_check "add xlat (siit)" ctl instance add xlat --mode siit

# --- Add and list ------------------------------------------------------------
e2e_check_eq "an empty table: list -j" "[]" ctl -j -i xlat eam list
e2e_check_eq "an empty table: list (text) is the header" \
	"INSTANCE        PREFIX4            PREFIX6" ctl -i xlat eam list
for e in "${fig1[@]}"; do
	# shellcheck disable=SC2086 # two words: PREFIX4 PREFIX6
	e2e_check "add the RFC 7757 figure 1 entry $e" ctl -i xlat eam add $e
done
e2e_check_eq "7757-1: lengths left out are /32 and /128; oldest first" \
	"$fig1_listed" entries xlat
e2e_check_eq "list -j: instance, prefix4, prefix6" \
	'{"instance":"xlat","prefix4":"192.0.2.16/28","prefix6":"2001:db8:cccc::/124"}' \
	bash -c "'$NAT64CTL' -j -i xlat eam list | jq -c '.[2]'"
e2e_check_eq "list (text): a header, then INSTANCE PREFIX4 PREFIX6" \
	"INSTANCE        PREFIX4            PREFIX6
xlat            192.0.2.1/32       2001:db8:aaaa::/128
xlat            192.0.2.2/32       2001:db8:bbbb::b/128" \
	bash -c "'$NAT64CTL' -i xlat eam list | head -n 3"
e2e_check_eq "the only instance: eam alone lists, without -i" \
	"7" bash -c "'$NAT64CTL' eam | wc -l"

# --- Refused by the kernel: exit 1, its reason, nothing changed -----------------
e2e_check_error "7757-2: 192.0.2.0/24 <-> 2001:db8::/125 refused" 1 \
	'^nat64ctl: eam add: IPv4 suffix longer than the IPv6 suffix: 32 - LEN4 must not exceed 128 - LEN6 \(RFC 7757 section 3.2\) \(Invalid argument\)$' \
	ctl -i xlat eam add 192.0.2.0/24 2001:db8::/125
e2e_check_error "7757-2: a /0 into a /97 refused" 1 'IPv4 suffix longer than the IPv6 suffix' \
	ctl -i xlat eam add 0.0.0.0/0 2001:db8::/97
e2e_check_error "host bits past LEN4 refused" 1 \
	'^nat64ctl: eam add: host bits set beyond the IPv4 prefix length \(Invalid argument\)$' \
	ctl -i xlat eam add 198.51.100.1/24 2001:db8:1::/120
e2e_check_error "host bits past LEN6 refused" 1 \
	'^nat64ctl: eam add: host bits set beyond the IPv6 prefix length \(Invalid argument\)$' \
	ctl -i xlat eam add 198.51.100.0/24 2001:db8:1::80/120
e2e_check_error "7757-9: an identical IPv4 prefix refused" 1 \
	'^nat64ctl: eam add: an EAM entry has that IPv4 prefix \(File exists\)$' \
	ctl -i xlat eam add 192.0.2.16/28 2001:db8:ffff::/124
e2e_check_error "7757-9: an identical IPv6 prefix refused" 1 \
	'^nat64ctl: eam add: an EAM entry has that IPv6 prefix \(File exists\)$' \
	ctl -i xlat eam add 198.51.100.0/28 2001:db8:cccc::/124
e2e_check_error "7757-9: the same entry twice refused" 1 'an EAM entry has that IPv4 prefix' \
	ctl -i xlat eam add 192.0.2.1 2001:db8:aaaa::
e2e_check_error "del of a missing IPv4 prefix refused" 1 \
	'^nat64ctl: eam del: no EAM entry has that IPv4 prefix \(No such file or directory\)$' \
	ctl -i xlat eam del 192.0.2.0/24
e2e_check_error "del of a missing IPv6 prefix refused" 1 \
	'^nat64ctl: eam del: no EAM entry has that IPv6 prefix \(No such file or directory\)$' \
	ctl -i xlat eam del 2001:db8:aaaa::/64
e2e_check_error "del of two prefixes of different entries refused" 1 \
	'^nat64ctl: eam del: no EAM entry maps that IPv4 prefix to that IPv6 prefix \(No such file or directory\)$' \
	ctl -i xlat eam del 192.0.2.1 2001:db8:bbbb::b
e2e_check_error "-i naming a missing instance" 1 \
	'^nat64ctl: eam add: no such instance \(No such file or directory\)$' \
	ctl -i nothere eam add 198.51.100.0/24 2001:db8:1::/120
e2e_check_eq "7757-9: an overlapping prefix is no identical one: accepted" "" \
	ctl -i xlat eam add 192.0.2.0/24 2001:db8:1::/120
e2e_check "...and deleted again" ctl -i xlat eam del 192.0.2.0/24
e2e_check_eq "the refusals changed nothing" "$fig1_listed" entries xlat

# --- Refused by the CLI: exit 2, before anything is sent --------------------------
e2e_check_error "add without PREFIX6" 2 "^nat64ctl: eam add: missing PREFIX4 and PREFIX6 $see_add" \
	ctl -i xlat eam add 198.51.100.0/24
e2e_check_error "add with the prefixes swapped" 2 \
	"^nat64ctl: eam add: '2001:db8:1::/120' is not an IPv4 prefix; the order is PREFIX4 PREFIX6 $see_add" \
	ctl -i xlat eam add 2001:db8:1::/120 198.51.100.0/24
e2e_check_error "add with a third argument" 2 "unexpected argument '2001:db8:2::'" \
	ctl -i xlat eam add 198.51.100.0/24 2001:db8:1::/120 2001:db8:2::
e2e_check_error "an IPv4 length of 33" 2 \
	"^nat64ctl: eam add: invalid prefix '198.51.100.0/33': LEN must be 0-32 for an IPv4 prefix $see_add" \
	ctl -i xlat eam add 198.51.100.0/33 2001:db8:1::/120
e2e_check_error "an IPv6 length of 129" 2 \
	"^nat64ctl: eam add: invalid prefix '2001:db8:1::/129': LEN must be 0-128 for an IPv6 prefix $see_add" \
	ctl -i xlat eam add 198.51.100.0/24 2001:db8:1::/129
e2e_check_error "not an address" 2 \
	"^nat64ctl: eam add: invalid prefix 'bogus': it is neither an IPv4 nor an IPv6 address" \
	ctl -i xlat eam add bogus 2001:db8:1::/120
e2e_check_error "del without a prefix" 2 "missing PREFIX4, PREFIX6 or both" \
	ctl -i xlat eam del
e2e_check_error "flush with an argument" 2 "unexpected argument 'now'" \
	ctl -i xlat eam flush now
e2e_check_eq "the usage errors changed nothing" "$fig1_listed" entries xlat

# --- Delete: by the IPv4 prefix, the IPv6 prefix, both -----------------------------
e2e_check "del by the IPv4 prefix alone" ctl -i xlat eam del 192.0.2.16/28
e2e_check "del by the IPv6 prefix alone" ctl -i xlat eam del 2001:db8:dddd::/64
e2e_check "del by both (lengths left out: /32, /128)" \
	ctl -i xlat eam del 192.0.2.1 2001:db8:aaaa::
e2e_check_eq "the three are gone, the others kept in order" \
	"192.0.2.2/32 2001:db8:bbbb::b/128
192.0.2.192/29 2001:db8:eeee:8::/62
192.0.2.224/31 64:ff9b::/127" entries xlat
e2e_check "a deleted prefix can be mapped again" \
	ctl -i xlat eam add 192.0.2.16/28 2001:db8:aaaa::/124

# --- One table per instance ----------------------------------------------------------
e2e_check "add other (siit)" ctl instance add other --mode siit
e2e_check_eq "other has a table of its own, empty" "[]" ctl -j -i other eam list
e2e_check_error "two instances and no -i: say which (exit 2)" 2 \
	'say which with --instance NAME' ctl eam add 198.51.100.0/24 2001:db8:1::/120
e2e_check "other: the same prefixes as xlat's are no duplicates there" \
	ctl -i other eam add 192.0.2.2 2001:db8:bbbb::b
e2e_check "other: flush" ctl -i other eam flush
e2e_check_eq "other: empty after the flush" "[]" ctl -j -i other eam list
e2e_check_eq "xlat: untouched by other's flush" "4" \
	bash -c "'$NAT64CTL' -j -i xlat eam list | jq length"
e2e_check "xlat: flush" ctl -i xlat eam flush
e2e_check_eq "xlat: empty after the flush" "[]" ctl -j -i xlat eam list
e2e_check "xlat: flush of an empty table" ctl -i xlat eam flush

# --- Malformed raw requests --------------------------------------------------------------
e2e_check "add raw (siit)" ctl instance add raw --mode siit
e2e_check "raw: one entry to keep" ctl -i raw eam add 203.0.113.0/24 2001:db8:7::/120
raw_cases=$("$E2E_PYTHON" "$E2E_DIR/nlraw.py" eam-cases | wc -l)
raw_seen=0
raw_out=$("$E2E_PYTHON" "$E2E_DIR/nlraw.py" eam-malformed raw 2>&1)
while read -r verdict line; do
	raw_seen=$((raw_seen + 1))
	if [[ $verdict == ok ]]; then
		e2e_pass "raw: malformed EAM request refused, nothing changed: $line"
	else
		e2e_fail "raw: malformed EAM request refused, nothing changed: $line"
	fi
done <<<"$raw_out"
((raw_seen == raw_cases && raw_cases > 0)) ||
	e2e_fail "raw: every malformed EAM case ran ($raw_seen of $raw_cases)"
e2e_check_eq "raw: the entry is still the only one" \
	"203.0.113.0/24 2001:db8:7::/120" entries raw

# --- 100,000 entries ----------------------------------------------------------------------
e2e_check "add big (siit)" ctl instance add big --mode siit
e2e_check "big: 100,000 entries in bulk" \
	"$E2E_PYTHON" "$E2E_DIR/nlraw.py" eam-bulk big 100000
e2e_check_eq "big: list -j has all 100,000" "100000" \
	bash -c "'$NAT64CTL' -j -i big eam list | jq length"
e2e_check_eq "big: the first and the last, in order" \
	"10.0.0.0/32 2001:db8:ea::/128
10.1.134.159/32 2001:db8:ea::1:869f/128" \
	bash -c "'$NAT64CTL' -j -i big eam list | jq -r '.[0, -1] | \"\\(.prefix4) \\(.prefix6)\"'"
big_ok() {
	# Every entry once, each where bulk put it: 10.0.0.0 + i <-> ::i.
	"$NAT64CTL" -j -i big eam list | jq-e '
		(map(.prefix4) | unique | length) == 100000 and
		(map(.prefix6) | unique | length) == 100000 and
		all(.[]; .prefix4 | endswith("/32")) and
		(.[65535].prefix4 == "10.0.255.255/32") and
		(.[65535].prefix6 == "2001:db8:ea::ffff/128")' >/dev/null
}
e2e_check "big: every entry exactly once, where it belongs" big_ok
e2e_check_eq "big: list (text) has a header and 100,000 lines" "100001" \
	bash -c "'$NAT64CTL' -i big eam list | wc -l"
# 4 KiB reads: the kernel cuts the dump into some 2,000 parts.
e2e_check_eq "big: a dump in small parts has all 100,000 too" "100000" \
	bash -c "NAT64_DEBUG=1 '$NAT64CTL' -j -i big eam list | jq length"
e2e_check_error "big: the 100,001st entry refused" 1 \
	'^nat64ctl: eam add: the EAM table is full \(100000 entries\) \(No space left on device\)$' \
	ctl -i big eam add 198.51.100.0/24 2001:db8:1::/120
e2e_check "big: the kernel flags NLM_F_DUMP_INTR when the table changes mid-dump" \
	"$E2E_PYTHON" "$E2E_DIR/nlraw.py" eam-dumpintr big
e2e_check "big: del one, then the 100,000th fits" bash -c \
	"'$NAT64CTL' -i big eam del 10.0.0.7 && '$NAT64CTL' -i big eam add 198.51.100.0/24 2001:db8:1::/120"
e2e_check_eq "big: still 100,000" "100000" \
	bash -c "'$NAT64CTL' -j -i big eam list | jq length"
e2e_check "big: deleted with its 100,000 entries live" ctl instance del big
e2e_check_error "big: gone" 1 'no such instance' ctl -i big eam list

# --- Another network namespace ----------------------------------------------------------------
e2e_netns_add A
e2e_check "netns A: xlat (siit), the same name" ctl_in A instance add xlat --mode siit
e2e_check "netns A: an entry" ctl_in A eam add 192.0.2.1 2001:db8:aaaa::
e2e_check_eq "netns A: its own table" "192.0.2.1/32 2001:db8:aaaa::/128" entries xlat A
e2e_check_eq "init's xlat does not see it" "[]" ctl -j -i xlat eam list
e2e_check "delete netns A with its entries live" ip netns del A

# --- rmmod with entries live --------------------------------------------------------------------
for e in "${fig1[@]}"; do
	# shellcheck disable=SC2086
	ctl -i xlat eam add $e
done
e2e_check_eq "xlat: the figure 1 table again" "$fig1_listed" entries xlat
e2e_check "rmmod nat64 with EAM entries live" rmmod nat64
e2e_check_fails "the module is gone" e2e_module_loaded

e2e_done
