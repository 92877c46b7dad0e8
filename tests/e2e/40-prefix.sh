#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# pool6, the RFC 6052 prefixes of an instance, through nat64ctl: add, list,
# del (text and -j), the six RFC 6052 lengths, the siit limit of one and
# the limit of 16, refusals by the kernel (EEXIST, ENOENT, ENOSPC) and by
# the CLI before anything is sent (a bad prefix: exit 2, no netlink socket
# opened), `prefix translate` both ways, how the instance is picked
# (-i/--instance, or the only one), malformed raw requests, prefixes dying
# with their instance, and one table per network namespace.
#
#   +--------------------------- init netns ---------------------------+
#   | nat64ctl [-i NAME] prefix ... --genetlink "NAT64"--> nat64.ko     |
#   |   plat (nat64)  2001:db8:64::/96, then the limit of 16            |
#   |   clat (siit)   2001:db8:46::/96, and no second one               |
#   |   six0..six5 (nat64) the RFC 6052 table, one prefix each          |
#   |   cpe  (nat64)  2001:db8:122:344::/64, 64:ff9b::/96               |
#   |   raw  (nat64)  2001:db8:1::/96 <-- nlraw.py malformed requests    |
#   +-------------------------------------------------------------------+
#   +---------- netns A -------------+  +---------- netns B ------------+
#   | plat (nat64) 2001:db8:a::/96:  |  | no instance at all           |
#   | same name, its own prefixes;   |  |                              |
#   | deleted with prefixes live     |  |                              |
#   +--------------------------------+  +------------------------------+
#   Last: rmmod nat64 with prefixes live in init.
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

ctl() { "$NAT64CTL" "$@"; }
ctl_in() { local ns=$1; shift; ip netns exec "$ns" "$NAT64CTL" "$@"; }

# The prefixes of instance $1 (in netns $2 if given), space-separated, in
# the kernel's order, from `prefix list -j`.
prefixes() {
	local out
	if (($# > 1)); then
		out=$(ctl_in "$2" -j -i "$1" prefix list)
	else
		out=$(ctl -j -i "$1" prefix list)
	fi || return 1
	jq -r '[.[] | .prefix] | join(" ")' <<<"$out"
}

# cli_only ARGS...: nat64ctl ARGS, traced; its exit status, or 3 when it
# opened a netlink socket (it must refuse before talking to the kernel).
if command -v strace >/dev/null; then
	cli_only() {
		local trace rc
		trace=$(mktemp)
		strace -qq -f -o "$trace" -e trace=socket "$NAT64CTL" "$@"
		rc=$?
		grep -q AF_NETLINK "$trace" && rc=3
		rm -f "$trace"
		return "$rc"
	}
else
	echo "SKIP: $E2E_SCRIPT: proof that nothing is sent (strace is not installed)"
	cli_only() { "$NAT64CTL" "$@"; }
fi

len_rule='prefix length must be 32, 40, 48, 56, 64 or 96'
see="\\(see 'nat64ctl prefix add --help'\\)$"

e2e_check "nat64.ko loads" e2e_module_load

# --- Which instance: none ------------------------------------------------------
e2e_check_error "no instance: prefix list says there is none" 1 \
	"^nat64ctl: prefix list: no instance in this network namespace; create one with 'nat64ctl instance add NAME --mode MODE'$" \
	ctl prefix list
e2e_check_error "no instance: prefix add says there is none" 1 \
	'^nat64ctl: prefix add: no instance in this network namespace' \
	ctl prefix add 2001:db8:64::/96
e2e_check_error "-i naming a missing instance: the kernel says no such instance" 1 \
	'^nat64ctl: prefix list: no such instance \(No such file or directory\)$' \
	ctl -i nothere prefix list
e2e_check_error "-i naming a missing instance: add refused too" 1 \
	'^nat64ctl: prefix add: no such instance \(No such file or directory\)$' \
	ctl -i nothere prefix add 2001:db8:64::/96

# --- Which instance: one ---------------------------------------------------------
e2e_check "add plat (nat64)" ctl instance add plat --mode nat64
e2e_check "the only instance: prefix add without -i" ctl prefix add 2001:db8:64::/96
e2e_check_eq "the only instance: prefix list -j without -i" \
	'[{"instance":"plat","prefix":"2001:db8:64::/96"}]' ctl -j prefix list
e2e_check_eq "prefix list (text): a header, then INSTANCE PREFIX" \
	"INSTANCE        PREFIX
plat            2001:db8:64::/96" ctl prefix list
e2e_check_eq "prefix alone lists" "INSTANCE        PREFIX
plat            2001:db8:64::/96" ctl prefix
e2e_check_eq "-j after the command works too" \
	'[{"instance":"plat","prefix":"2001:db8:64::/96"}]' ctl prefix list -j

# --- Which instance: several -------------------------------------------------------
e2e_check "add clat (siit)" ctl instance add clat --mode siit
e2e_check_error "two instances and no -i: say which (exit 2)" 2 \
	"^nat64ctl: prefix list: 2 instances in this network namespace \\(plat, clat\\); say which with --instance NAME \\(see 'nat64ctl prefix list --help'\\)$" \
	ctl prefix list
e2e_check_error "two instances and no -i: add refused, exit 2" 2 \
	'say which with --instance NAME' ctl prefix add 2001:db8:65::/96
e2e_check_eq "...and nothing was added" "2001:db8:64::/96" prefixes plat
e2e_check_eq "-i NAME before the object" "2001:db8:64::/96" \
	bash -c "'$NAT64CTL' -j -i plat prefix list | jq -r '.[].prefix'"
for form in "--instance plat prefix list" "--instance=plat prefix list" \
	"prefix list -i plat" "prefix -i plat list" "prefix list --instance plat"; do
	# shellcheck disable=SC2086 # the words are the point
	e2e_check_eq "the instance as '$form'" "2001:db8:64::/96" \
		bash -c "'$NAT64CTL' -j $form | jq -r '.[].prefix'"
done
e2e_check_eq "-i clat: an empty list" "[]" ctl -j -i clat prefix list
e2e_check_error "-i with an invalid name: exit 2" 2 \
	"^nat64ctl: prefix list: invalid instance name 'a b'" ctl -i "a b" prefix list
e2e_check_error "-i without a NAME: exit 2" 2 '^nat64ctl: prefix list: -i needs an instance NAME' \
	ctl prefix list -i
e2e_check_error "-i twice, different names: exit 2" 2 '--instance given twice' \
	ctl -i plat -i clat prefix list
e2e_check_error "-i with a per-namespace object: exit 2" 2 \
	"^nat64ctl: instance list: --instance is for per-instance objects \\(prefix, eam\\), not 'instance'" \
	ctl -i plat instance list

# --- Bad prefixes: refused by the CLI, nothing sent ------------------------------
# (plat is a nat64 instance: 6146-1, its Pref64::/n has n <= 96)
before=$(ctl -j -i plat prefix list)
for len in 80 100 128 0 33; do
	e2e_check_error "6052-1: /$len refused by the CLI, exit 2, nothing sent" 2 \
		"^nat64ctl: prefix add: invalid prefix '2001:db8::/$len': $len_rule $see" \
		cli_only -i plat prefix add "2001:db8::/$len"
done
e2e_check_error "host bits set: refused by the CLI, nothing sent" 2 \
	"^nat64ctl: prefix add: invalid prefix '2001:db8:64::1/96': host bits set beyond the prefix length $see" \
	cli_only -i plat prefix add 2001:db8:64::1/96
e2e_check_error "6052-10: 64:ff9b::/64 refused by the CLI, nothing sent" 2 \
	"^nat64ctl: prefix add: invalid prefix '64:ff9b::/64': the well-known prefix 64:ff9b::/96 is only valid as a /96 $see" \
	cli_only -i plat prefix add 64:ff9b::/64
e2e_check_error "a /96 with bits 64-71 set: refused by the CLI, nothing sent" 2 \
	"bits 64-71 \\(the u-octet\\) of a /96 prefix must be zero $see" \
	cli_only -i plat prefix add 2001:db8:0:0:ff00::/96
e2e_check_error "no /LEN: refused by the CLI" 2 "invalid prefix '2001:db8:64::': it has no /LEN" \
	cli_only -i plat prefix add 2001:db8:64::
e2e_check_error "an IPv4 prefix: refused by the CLI" 2 "it is an IPv4 prefix" \
	cli_only -i plat prefix add 192.0.2.0/24
e2e_check_error "not an address: refused by the CLI" 2 "the part before '/' is not an IPv6 address" \
	cli_only -i plat prefix add 2001:db8::zz/96
e2e_check_error "not a length: refused by the CLI" 2 "the part after '/' is not a decimal prefix length" \
	cli_only -i plat prefix add 2001:db8::/96x
e2e_check_error "del of an invalid prefix: refused by the CLI" 2 "$len_rule" \
	cli_only -i plat prefix del 2001:db8::/80
e2e_check_error "missing PREFIX: exit 2" 2 "missing the PREFIX" cli_only -i plat prefix add
e2e_check_error "two PREFIXes: exit 2" 2 "unexpected argument" \
	cli_only -i plat prefix add 2001:db8:64::/96 2001:db8:65::/96
e2e_check_error "unknown command: exit 2" 2 "^nat64ctl: prefix: unknown command 'frob'" \
	cli_only prefix frob
e2e_check_eq "the refusals changed nothing" "$before" ctl -j -i plat prefix list

# --- Refused by the kernel ---------------------------------------------------------
e2e_check_error "duplicate refused (EEXIST)" 1 \
	'^nat64ctl: prefix add: the instance has that prefix \(File exists\)$' \
	ctl -i plat prefix add 2001:db8:64::/96
e2e_check_error "del of a missing prefix refused (ENOENT)" 1 \
	'^nat64ctl: prefix del: the instance has no such prefix \(No such file or directory\)$' \
	ctl -i plat prefix del 2001:db8:65::/96
e2e_check_error "the same address with another length is another prefix: not there" 1 \
	'no such prefix' ctl -i plat prefix del 2001:db8:64::/64
e2e_check "siit: its one prefix" ctl -i clat prefix add 2001:db8:46::/96
e2e_check_error "siit: a second prefix refused (ENOSPC)" 1 \
	'^nat64ctl: prefix add: a siit instance has one pool6 prefix; delete it first \(No space left on device\)$' \
	ctl -i clat prefix add 2001:db8:47::/96
e2e_check_eq "siit: still the first only" "2001:db8:46::/96" prefixes clat
e2e_check "siit: del, then another" bash -c \
	"'$NAT64CTL' -i clat prefix del 2001:db8:46::/96 && '$NAT64CTL' -i clat prefix add 2001:db8:47::/96"
e2e_check_eq "siit: the new one" "2001:db8:47::/96" prefixes clat
e2e_check_eq "the refusals changed nothing in plat" "$before" ctl -j -i plat prefix list

# --- The six RFC 6052 lengths -------------------------------------------------------
table=(2001:db8::/32 2001:db8:100::/40 2001:db8:122::/48 2001:db8:122:300::/56
	2001:db8:122:344::/64 2001:db8:122:344::/96)
# The six prefixes of RFC 6052 nest inside each other: overlapping prefixes
# are refused on one instance (lookups would shadow them), so each goes to
# an instance of its own.
want=(2001:db8:c000:221:: 2001:db8:1c0:2:21:: 2001:db8:122:c000:2:2100::
	2001:db8:122:3c0:0:221:: 2001:db8:122:344:c0:2:2100:0
	2001:db8:122:344::c000:221)
# Addresses print in RFC 5952 canonical text: "::" never stands for a single
# zero group, so RFC 6052's 2001:db8:122:344:c0:2:2100:: prints with ":0".
for i in "${!table[@]}"; do
	p=${table[i]}
	e2e_check "6052-1: a nat64 instance takes /${p#*/} ($p)" bash -c \
		"'$NAT64CTL' instance add six$i --mode nat64 && '$NAT64CTL' -i six$i prefix add $p"
	e2e_check_eq "six$i: translate 192.0.2.33 under $p (RFC 6052 table)" \
		"${want[i]}" ctl -i six$i prefix translate 192.0.2.33
done
e2e_check_error "an overlapping prefix is refused" 1 \
	'^nat64ctl: prefix add: the prefix overlaps one the instance has \(File exists\)$' \
	ctl -i six0 prefix add 2001:db8:122::/48
e2e_check_eq "six0: still its one prefix" "2001:db8::/32" prefixes six0
e2e_check "six: del all six" bash -c \
	"for i in 0 1 2 3 4 5; do '$NAT64CTL' instance del six\$i || exit 1; done"

# --- The limit of 16 --------------------------------------------------------------------
fill_plat() {
	local i
	for ((i = 1; i < 16; i++)); do
		ctl -i plat prefix add "2001:db8:$((100 + i))::/96" || return 1
	done
}
e2e_check "plat: up to 16 prefixes" fill_plat
e2e_check_eq "plat: 16 listed" 16 bash -c "'$NAT64CTL' -j -i plat prefix list | jq length"
e2e_check_error "plat: the 17th refused (ENOSPC)" 1 \
	'^nat64ctl: prefix add: too many prefixes in this instance \(No space left on device\)$' \
	ctl -i plat prefix add 2001:db8:fff::/96
e2e_check "plat: back to one" bash -c \
	"for ((i = 1; i < 16; i++)); do '$NAT64CTL' -i plat prefix del 2001:db8:\$((100 + i))::/96 || exit 1; done"
e2e_check_eq "plat: the first is left" "2001:db8:64::/96" prefixes plat

# --- prefix translate --------------------------------------------------------------------
e2e_check_eq "translate /96: 198.51.100.1 -> 2001:db8:64::c633:6401" \
	"2001:db8:64::c633:6401" ctl -i plat prefix translate 198.51.100.1
e2e_check_eq "translate /96: 2001:db8:64::c633:6401 -> 198.51.100.1" \
	"198.51.100.1" ctl -i plat prefix translate 2001:db8:64::c633:6401
e2e_check_eq "translate -j" \
	'[{"instance":"plat","prefix":"2001:db8:64::/96","ipv4":"198.51.100.1","ipv6":"2001:db8:64::c633:6401"}]' \
	ctl -j -i plat prefix translate 198.51.100.1
e2e_check "add cpe (nat64) with 2001:db8:122:344::/64" bash -c \
	"'$NAT64CTL' instance add cpe --mode nat64 && '$NAT64CTL' -i cpe prefix add 2001:db8:122:344::/64"
e2e_check_eq "translate /64: 192.0.2.33 -> 2001:db8:122:344:c0:2:2100:: (RFC 5952: ...:2100:0)" \
	"2001:db8:122:344:c0:2:2100:0" ctl -i cpe prefix translate 192.0.2.33
e2e_check_eq "translate /64: 2001:db8:122:344:c0:2:2100:: -> 192.0.2.33" \
	"192.0.2.33" ctl -i cpe prefix translate 2001:db8:122:344:c0:2:2100::
e2e_check_eq "translate /64: suffix bits are ignored" \
	"192.0.2.33" ctl -i cpe prefix translate 2001:db8:122:344:c0:2:21ff:ffff
e2e_check_error "translate /64: a u-octet that is not zero translates to nothing" 1 \
	'^nat64ctl: prefix translate: 2001:db8:122:344:1c0:2:2100:0 has bits 64-71 \(the u-octet\) set; under 2001:db8:122:344::/64 it translates to no IPv4 address$' \
	ctl -i cpe prefix translate 2001:db8:122:344:1c0:2:2100:0
e2e_check_error "translate: an IPv6 address outside every prefix" 1 \
	'^nat64ctl: prefix translate: 2001:db8:999::1 is inside none of the prefixes of the instance cpe$' \
	ctl -i cpe prefix translate 2001:db8:999::1
e2e_check "an instance with no prefix" ctl instance add empty --mode nat64
e2e_check_error "translate: an instance without prefixes" 1 \
	"^nat64ctl: prefix translate: the instance empty has no prefix; add one with 'nat64ctl prefix add PREFIX'$" \
	ctl -i empty prefix translate 192.0.2.33
e2e_check_error "translate: not an address (exit 2)" 2 \
	"invalid address '192.0.2': it is neither an IPv4 address" \
	cli_only -i cpe prefix translate 192.0.2
e2e_check "cpe: add the well-known prefix too" ctl -i cpe prefix add 64:ff9b::/96
e2e_check_eq "translate: one line per prefix, in the kernel's order" \
	"2001:db8:122:344:8:808:800:0
64:ff9b::808:808" ctl -i cpe prefix translate 8.8.8.8
wkp_warns() {
	local out err rc
	err=$(mktemp)
	out=$(ctl -i cpe prefix translate 192.0.2.33 2>"$err")
	rc=$?
	cat "$err"
	[[ $rc == 0 && $(wc -l <<<"$out") == 2 ]] &&
		grep -q '^nat64ctl: prefix translate: warning: 192.0.2.33 is not a global IPv4 address; RFC 6052 section 3.1 forbids it under the well-known prefix 64:ff9b::/96$' "$err"
	rc=$?
	rm -f "$err"
	return "$rc"
}
e2e_check "translate: the well-known prefix with a non-global IPv4 address warns" wkp_warns
e2e_check_eq "translate: no warning for a global IPv4 address" "" \
	bash -c "'$NAT64CTL' -i cpe prefix translate 8.8.8.8 2>&1 >/dev/null"
e2e_check_eq "translate: 64:ff9b::808:808 -> 8.8.8.8" "8.8.8.8" \
	ctl -i cpe prefix translate 64:ff9b::808:808

# --- Malformed raw requests ---------------------------------------------------------------
e2e_check "add raw (nat64) with 2001:db8:1::/96" bash -c \
	"'$NAT64CTL' instance add raw --mode nat64 && '$NAT64CTL' -i raw prefix add 2001:db8:1::/96"
e2e_check "raw: a well-formed prefix add and del work (the control)" \
	"$E2E_PYTHON" "$E2E_DIR/nlraw.py" prefix-wellformed raw
raw_before=$(ctl -j instance list; ctl -j -i raw prefix list)
raw_cases=$("$E2E_PYTHON" "$E2E_DIR/nlraw.py" prefix-cases | wc -l)
raw_seen=0
raw_out=$("$E2E_PYTHON" "$E2E_DIR/nlraw.py" prefix-malformed raw 2>&1)
while read -r verdict line; do
	raw_seen=$((raw_seen + 1))
	# Cases named after a conformance id carry it into the description.
	if [[ $verdict == ok ]]; then
		e2e_pass "raw: malformed prefix request refused, nothing changed: $line"
	else
		e2e_fail "raw: malformed prefix request refused, nothing changed: $line"
	fi
done <<<"$raw_out"
((raw_seen == raw_cases && raw_cases > 0)) ||
	e2e_fail "raw: every malformed prefix case ran ($raw_seen of $raw_cases)" "$raw_out"
e2e_check_eq "raw: the instances and raw's prefix are as they were" "$raw_before" \
	bash -c "'$NAT64CTL' -j instance list; '$NAT64CTL' -j -i raw prefix list"

# The CLI gives the kernel's reason, word for word (both come from src/rfc6052.c).
same_reason() {
	local case=$1 prefix=$2 kernel cli
	kernel=$(sed -n "s/^ok $case: EINVAL (\\(.*\\))\$/\\1/p" <<<"$raw_out")
	cli=$(ctl -i raw prefix add "$prefix" 2>&1 |
		sed -n "s/^nat64ctl: prefix add: invalid prefix '[^']*': \\(.*\\) (see .*/\\1/p")
	echo "kernel: $kernel"
	echo "cli:    $cli"
	[[ -n $kernel && $kernel == "$cli" ]]
}
e2e_check "6052-1: CLI and kernel refuse /80 for the same reason" \
	same_reason len-80-6052-1 2001:db8::/80
e2e_check "6052-10: CLI and kernel refuse 64:ff9b::/64 for the same reason" \
	same_reason wkp-64-6052-10 64:ff9b::/64
e2e_check "host bits: CLI and kernel refuse for the same reason" \
	same_reason host-bits 2001:db8::1/64
e2e_check "u-octet of a /96: CLI and kernel refuse for the same reason" \
	same_reason u-octet-96 2001:db8:0:0:ff00::/96

# --- Prefixes die with their instance -------------------------------------------------------
e2e_check "del plat with its prefix" ctl instance del plat
e2e_check_error "its prefixes cannot be listed any more" 1 'no such instance' \
	ctl -i plat prefix list
e2e_check "a new plat" ctl instance add plat --mode nat64
e2e_check_eq "the new plat starts with no prefix" "[]" ctl -j -i plat prefix list
e2e_check "plat: 2001:db8:64::/96 again" ctl -i plat prefix add 2001:db8:64::/96

# --- One table per network namespace ---------------------------------------------------------
e2e_netns_add A
e2e_netns_add B
e2e_check "netns A: plat (nat64), the name init uses" ctl_in A instance add plat --mode nat64
e2e_check "netns A: its only instance takes a prefix without -i" \
	ctl_in A prefix add 2001:db8:a::/96
e2e_check_eq "netns A: lists its own prefix" \
	'[{"instance":"plat","prefix":"2001:db8:a::/96"}]' ctl_in A -j prefix list
e2e_check_eq "init's plat keeps its own" "2001:db8:64::/96" prefixes plat
e2e_check_error "init cannot delete A's prefix" 1 'the instance has no such prefix' \
	ctl -i plat prefix del 2001:db8:a::/96
e2e_check_eq "A's prefix is still there" "2001:db8:a::/96" prefixes plat A
e2e_check_eq "netns A: translate uses A's prefix" "2001:db8:a::c633:6401" \
	ctl_in A prefix translate 198.51.100.1
e2e_check_error "netns B: no instance" 1 '^nat64ctl: prefix list: no instance in this network namespace' \
	ctl_in B prefix list
e2e_check_error "netns B: -i plat is not init's plat" 1 'no such instance' \
	ctl_in B -i plat prefix list
e2e_check "delete netns A with its prefix live" ip netns del A
e2e_check_eq "init's prefixes are untouched" "2001:db8:64::/96" prefixes plat
e2e_check "rmmod nat64 with prefixes live" rmmod nat64
e2e_check_fails "the module is gone" e2e_module_loaded

e2e_done
