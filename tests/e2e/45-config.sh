#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The globals, the denylist and the RFC 6791 pool of an instance through
# nat64ctl: defaults, changes (several at once, all or none), refusals by
# the CLI (unknown keys, bad values) and by the kernel (host bits,
# overlaps, duplicates, missing prefixes, the limit of 64), text and -j
# output, one configuration per instance, freed with its instance.
#
#   +------------------------- init netns --------------------------+
#   | nat64ctl [-i NAME] global|denylist|pool6791 ... --> nat64.ko  |
#   |   a (siit), b (siit): independent settings                   |
#   +---------------------------------------------------------------+
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

ctl() { "$NAT64CTL" "$@"; }
global_json() { ctl -j -i "$1" global show | jq -c "$2"; }
prefixes() { ctl -j -i "$1" "$2" list | jq -r '.[].prefix4' | paste -sd ' '; }

e2e_check "module loads" e2e_module_load
e2e_check "instance a" ctl instance add a --mode siit
e2e_check "instance b" ctl instance add b --mode siit

e2e_check_eq "defaults (7915-3 1280, 7915-29 compute, 7757-7 intrinsic)" \
	'{"instance":"a","lowest-ipv6-mtu":1280,"udp0":"compute","tclass":"copy","tos":"copy","mtu-plateaus":"on","hairpin":"intrinsic","drop-icmp":"on"}' \
	global_json a .
e2e_check "several globals in one set" \
	ctl -i a global set lowest-ipv6-mtu 1400 udp0 drop tclass zero tos 32 \
	mtu-plateaus off hairpin simple drop-icmp off
e2e_check_eq "show reads them back" \
	'{"instance":"a","lowest-ipv6-mtu":1400,"udp0":"drop","tclass":"zero","tos":32,"mtu-plateaus":"off","hairpin":"simple","drop-icmp":"off"}' \
	global_json a .
e2e_check_eq "text output" "tos              32" \
	sh -c "$NAT64CTL -i a global show | grep '^tos '"
e2e_check "tos copy again" ctl -i a global set tos copy
e2e_check_eq "tos copy reads back" '"copy"' global_json a '.tos'
e2e_check_eq "instance b kept its defaults" '1280' \
	global_json b '."lowest-ipv6-mtu"'

e2e_check_error "unknown global" 2 "unknown global 'mtu'" \
	ctl -i a global set mtu 1500
e2e_check_error "MTU below 1280 refused by the CLI" 2 \
	"invalid lowest-ipv6-mtu '1279': it takes 1280-65535" \
	ctl -i a global set lowest-ipv6-mtu 1279
e2e_check_error "bad word" 2 "invalid udp0 'maybe': it takes compute\|drop" \
	ctl -i a global set udp0 maybe
e2e_check_error "KEY without VALUE" 2 "'hairpin' has no VALUE" \
	ctl -i a global set tos 1 hairpin
e2e_check_eq "a refused set changed nothing" '1400' \
	global_json a '."lowest-ipv6-mtu"'
e2e_check_error "no such instance" 1 "no such instance" \
	ctl -i zz global show

for set in denylist pool6791; do
	e2e_check "$set: add 192.0.2.0/28" ctl -i a $set add 192.0.2.0/28
	e2e_check "$set: add 203.0.113.7 (a /32)" ctl -i a $set add 203.0.113.7
	e2e_check_eq "$set: list, oldest first" "192.0.2.0/28 203.0.113.7/32" \
		prefixes a $set
	e2e_check_error "$set: host bits refused by the kernel" 1 \
		"bits set past its length" ctl -i a $set add 192.0.2.1/24
	e2e_check_error "$set: duplicate" 1 "the set has that prefix" \
		ctl -i a $set add 192.0.2.0/28
	e2e_check_error "$set: overlap" 1 "overlaps" \
		ctl -i a $set add 192.0.2.0/24
	e2e_check_error "$set: bad prefix refused by the CLI" 2 \
		"invalid prefix '192.0.2.300'" ctl -i a $set add 192.0.2.300
	e2e_check_error "$set: bad length" 2 "LEN must be 0-32" \
		ctl -i a $set add 192.0.2.0/33
	e2e_check_error "$set: del of a missing prefix" 1 "no such prefix" \
		ctl -i a $set del 198.51.100.0/24
	e2e_check "$set: del" ctl -i a $set del 203.0.113.7/32
	e2e_check_eq "$set: one left" "192.0.2.0/28" prefixes a $set
	e2e_check_eq "$set: instance b has its own (empty)" "" prefixes b $set
	e2e_check_eq "$set: text list" "a               192.0.2.0/28" \
		sh -c "$NAT64CTL -i a $set list | tail -n +2"
	e2e_check "$set: flush" ctl -i a $set flush
	e2e_check_eq "$set: empty after flush" "" prefixes a $set
done

fill64() {
	local i
	for i in $(seq 0 63); do
		ctl -i b denylist add 10.$i.0.0/16 || return 1
	done
}
e2e_check "64 denylist prefixes" fill64
e2e_check_error "the 65th is refused" 1 "the set is full" \
	ctl -i b denylist add 10.200.0.0/16
e2e_check "pool6791 of b with entries, then both instances deleted" \
	ctl -i b pool6791 add 203.0.113.0/24
e2e_check "delete a" ctl instance del a
e2e_check "delete b (its sets freed with it)" ctl instance del b
e2e_check "module unloads" e2e_module_unload
e2e_done
