#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Instances through nat64ctl: add (each mode), list, show, del, stats,
# refusals (usage errors, duplicates, missing names, malformed raw netlink),
# one table per network namespace, the per-namespace limit, dumps under
# churn, and live instances when a namespace or the module goes away.
#
#   +------------------------ init netns ------------------------+
#   | nat64ctl --genetlink "NAT64"--> nat64.ko                   |
#   | i-siit(siit) i-nat64(nat64) i-nat46(nat46) i-dslite(dslite) |
#   +-------------------------------------------------------------+
#   +---------- netns A ----------+  +---------- netns B ----------+
#   | a1(nat64), i-siit(dslite):  |  | nothing, then b0..b63 (the  |
#   | same name as in init, own   |  | limit) rotated by a churner |
#   | table; deleted while live   |  | while stats dumps run       |
#   +-----------------------------+  +-----------------------------+
#   Last: rmmod nat64 with the init namespace's instances still live.
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

ctl() { "$NAT64CTL" "$@"; }
ctl_in() { local ns=$1; shift; ip netns exec "$ns" "$NAT64CTL" "$@"; }

# "name:mode ..." sorted, from `instance list -j` (in netns $1 if given).
names_modes() {
	local out
	if (($#)); then out=$(ctl_in "$1" -j instance list); else out=$(ctl -j instance list); fi || return 1
	jq -r '[.[] | "\(.name):\(.mode)"] | sort | join(" ")' <<<"$out"
}

modes=(siit nat64 nat46 dslite)
counters='["bib_new","drop_addr","drop_app","drop_csum","drop_denied","drop_det_ports","drop_ext_tcp","drop_filtered","drop_frag","drop_frag_ext","drop_gso","drop_hoplimit","drop_icmp_frag","drop_icmp_nested","drop_icmp_type","drop_malformed","drop_no_bib","drop_no_state","drop_nomem","drop_pba_full","drop_pool4","drop_proto","drop_rh","drop_route","drop_session_cap","drop_src_illegal","drop_src_pref64","drop_srr","drop_sub_ports","drop_sub_sessions","drop_syn4_full","drop_too_big","drop_truncated","drop_udp0","event_lost","event_sent","hairpin","icmp_sent","pass4","pass6","pba_alloc","pba_release","rx4","rx6","session_expired","session_new","syn4_expired","syn4_held","syn4_open","tcp_probe","tx4","tx6"]'

# --- Before the module -------------------------------------------------
e2e_check_error "without the module: says it is not loaded" 1 \
	'^nat64ctl: instance list: the nat64 kernel module is not loaded \(modprobe nat64\)$' \
	ctl instance list
e2e_check "nat64.ko loads" e2e_module_load
e2e_check_eq "no instance at first (-j)" "[]" ctl -j instance list
e2e_check_eq "no instance at first (text: header only)" \
	"NAME            MODE    ID    FRAMEWORK" ctl instance list

# --- Usage errors: exit 2, one line, nothing sent ------------------------
e2e_check_error "bad mode refused" 2 "^nat64ctl: instance add: unknown mode 'bogus'" \
	ctl instance add x1 --mode bogus
e2e_check_error "mode 0 as a number refused" 2 "unknown mode '0'" \
	ctl instance add x1 --mode 0
e2e_check_error "missing mode refused" 2 "missing --mode" ctl instance add x1
e2e_check_error "missing name refused" 2 "missing the instance NAME" \
	ctl instance add --mode siit
e2e_check_error "empty name refused" 2 "invalid instance name '': it is empty" \
	ctl instance add "" --mode siit
e2e_check_error "16-character name refused" 2 "is 16 characters long, 15 at most" \
	ctl instance add 0123456789abcdef --mode siit
e2e_check_error "name 'a b' refused" 2 "invalid instance name 'a b'" \
	ctl instance add "a b" --mode siit
e2e_check_error "name 'x/y' refused" 2 "invalid instance name 'x/y'" \
	ctl instance add x/y --mode siit
e2e_check_error "name with a newline refused on one line" 2 "invalid instance name 'a\\\\x0ab'" \
	ctl instance add $'a\nb' --mode siit
e2e_check_error "del with an invalid name refused" 2 "invalid instance name" \
	ctl instance del "a b"
e2e_check_error "unknown object refused" 2 "unknown object 'bogus'" ctl bogus list
e2e_check_error "unknown command refused" 2 "^nat64ctl: instance: unknown command 'frob'" \
	ctl instance frob
e2e_check_error "unknown option refused" 2 "unknown option '--frob'" \
	ctl instance list --frob
e2e_check_error "extra argument refused" 2 "unexpected argument 'extra'" \
	ctl instance del x1 extra
e2e_check_error "no object refused" 2 "no object given" ctl
e2e_check_eq "usage errors changed nothing" "[]" ctl -j instance list

# --- Help and version: stdout, exit 0 ------------------------------------
e2e_check "instance add --help" bash -c "'$NAT64CTL' instance add --help | grep -q 'Usage: nat64ctl instance add NAME --mode MODE'"
e2e_check "help instance" bash -c "'$NAT64CTL' help instance | grep -q 'nat64ctl instance del NAME'"
e2e_check "stats --help" bash -c "'$NAT64CTL' stats --help | grep -qF 'nat64ctl stats [show] [NAME]'"
e2e_check "--version" bash -c "'$NAT64CTL' --version | grep -q '^nat64ctl '"

# --- Add, list, show ----------------------------------------------------
for m in "${modes[@]}"; do
	e2e_check "add an instance in mode $m" ctl instance add "i-$m" --mode "$m"
done
e2e_check_eq "list -j: the four, each in its mode" \
	"i-dslite:dslite i-nat46:nat46 i-nat64:nat64 i-siit:siit" names_modes
e2e_check "list -j: ids are distinct positive integers" bash -c \
	"'$NAT64CTL' -j instance list | jq-e 'map(.id) | (length == 4) and (unique | length == 4) and all(.[]; type == \"number\" and . > 0)'"
e2e_check "-j after the command works too" bash -c \
	"'$NAT64CTL' instance list -j | jq-e 'length == 4'"
list_text_ok() {
	local out
	out=$(ctl instance list) || return 1
	# A header, then NAME MODE ID FRAMEWORK per instance, in creation order.
	awk 'NR == 1 { ok = ($1 == "NAME" && $2 == "MODE" && $3 == "ID"); next }
	     { n++; if ($1 != "i-" $2 || $3 !~ /^[0-9]+$/) ok = 0 }
	     END { exit !(ok && n == 4) }' <<<"$out" || { echo "$out"; return 1; }
}
e2e_check "list (text): a header and one line per instance" list_text_ok
id_siit=$(ctl -j instance show i-siit | jq -r .id)
e2e_check_eq "show -j" "{\"name\":\"i-siit\",\"mode\":\"siit\",\"id\":$id_siit,\"framework\":\"netfilter\"}" \
	ctl -j instance show i-siit
e2e_check "show (text)" bash -c "'$NAT64CTL' instance show i-nat46 | awk 'NR == 2 && \$1 == \"i-nat46\" && \$2 == \"nat46\" { ok = 1 } END { exit !ok }'"

# --- Refused requests: exit 1, one line, nothing changed -------------------
before=$(ctl -j instance list)
e2e_check_error "duplicate name refused: it exists" 1 \
	'^nat64ctl: instance add: an instance of that name exists \(File exists\)$' \
	ctl instance add i-siit --mode nat64
e2e_check_eq "the refused duplicate changed nothing" "$before" ctl -j instance list
e2e_check_error "del of a missing instance refused" 1 \
	'^nat64ctl: instance del: no such instance \(No such file or directory\)$' \
	ctl instance del nothere
e2e_check_error "show of a missing instance refused" 1 \
	'^nat64ctl: instance show: no such instance' ctl instance show nothere
e2e_check_error "stats of a missing instance refused" 1 \
	'^nat64ctl: stats: no such instance' ctl stats nothere
e2e_check_eq "the refusals changed nothing" "$before" ctl -j instance list

# --- Malformed raw requests ------------------------------------------------
e2e_check "raw: a well-formed add and del work (the control)" \
	"$E2E_PYTHON" "$E2E_DIR/nlraw.py" wellformed
# One process for all the cases; one PASS or FAIL line per case.
raw_cases=$("$E2E_PYTHON" "$E2E_DIR/nlraw.py" cases | wc -l)
raw_seen=0
raw_out=$("$E2E_PYTHON" "$E2E_DIR/nlraw.py" malformed 2>&1)
while read -r verdict line; do
	raw_seen=$((raw_seen + 1))
	if [[ $verdict == ok ]]; then
		e2e_pass "raw: malformed request refused, nothing created: $line"
	else
		e2e_fail "raw: malformed request refused, nothing created: $line"
	fi
done <<<"$raw_out"
((raw_seen == raw_cases && raw_cases > 0)) ||
	e2e_fail "raw: every malformed case ran ($raw_seen of $raw_cases)"
e2e_check_eq "raw requests left the table as it was" "$before" ctl -j instance list
e2e_check "kernel flags NLM_F_DUMP_INTR when the table changes mid-dump" \
	"$E2E_PYTHON" "$E2E_DIR/nlraw.py" dumpintr

# --- Counters -----------------------------------------------------------------
e2e_check "stats -j NAME: the counters, all zero" bash -c \
	"'$NAT64CTL' -j stats i-siit | jq-e '.name == \"i-siit\" and .mode == \"siit\" and .id == $id_siit and (.stats | keys) == $counters and all(.stats[]; . == 0)'"
e2e_check "stats -j: every instance, counters all zero" bash -c \
	"'$NAT64CTL' -j stats | jq-e 'length == 4 and all(.[]; (.stats | keys) == $counters and all(.stats[]; . == 0))'"
e2e_check "stats show -j NAME: same as stats -j NAME" bash -c \
	"[[ \$('$NAT64CTL' -j stats show i-nat64) == \$('$NAT64CTL' -j stats i-nat64) ]]"
stats_text_ok() {
	local out
	out=$(ctl stats "$@") || return 1
	local n
	n=$(jq length <<<"$counters")
	awk -v want="$(( $# ? n : 4 * n ))" -v only="${1:-}" \
	    '{ n++; if (NF != 3 || $3 != "0" || (only != "" && $1 != only)) bad = 1; seen[$2] = 1 }
	     END { exit !(!bad && n == want && ("rx6" in seen) && ("drop_nomem" in seen)) }' \
	    <<<"$out" || { echo "$out"; return 1; }
}
e2e_check "stats NAME (text): NAME COUNTER 0, one line per counter" stats_text_ok i-dslite
e2e_check "stats (text): every instance's counters" stats_text_ok

# --- Delete; ids are not reused ------------------------------------------------
max_id=$(ctl -j instance list | jq 'map(.id) | max')
e2e_check "del an instance" ctl instance del i-nat46
e2e_check_eq "it is gone from the list" "i-dslite:dslite i-nat64:nat64 i-siit:siit" names_modes
e2e_check "the name can be taken again" ctl instance add i-nat46 --mode nat46
e2e_check "its new id was never used before" bash -c \
	"(( \$('$NAT64CTL' -j instance show i-nat46 | jq .id) > $max_id ))"

# --- One table per network namespace -----------------------------------------
e2e_netns_add A
e2e_netns_add B
e2e_check "netns A: add a1" ctl_in A instance add a1 --mode nat64
e2e_check "netns A: the name i-siit, taken in init, is free here" \
	ctl_in A instance add i-siit --mode dslite
e2e_check_eq "netns A sees only its own" "a1:nat64 i-siit:dslite" names_modes A
e2e_check_eq "netns B sees none" "[]" ctl_in B -j instance list
e2e_check_eq "init does not see A's" \
	"i-dslite:dslite i-nat46:nat46 i-nat64:nat64 i-siit:siit" names_modes
e2e_check_error "init cannot delete A's a1" 1 "no such instance" ctl instance del a1
e2e_check_eq "netns B: stats of nothing is an empty array" "[]" ctl_in B -j stats

# --- The per-namespace limit --------------------------------------------------
fill_b() {
	ip netns exec B bash -c 'for ((i = 0; i < 64; i++)); do
		"$1" instance add "b$i" --mode siit || exit 1; done' _ "$NAT64CTL"
}
e2e_check "netns B: 64 instances" fill_b
e2e_check_error "netns B: the 65th refused" 1 \
	'^nat64ctl: instance add: too many instances in this namespace \(No space left on device\)$' \
	ctl_in B instance add b64 --mode siit
e2e_check "netns B: stats -j of 64 instances" bash -c \
	"ip netns exec B '$NAT64CTL' -j stats | jq-e 'length == 64'"

# --- Dumps under churn: each listing is one consistent snapshot ----------------
# A churner rotates B's list 20 times a second (deletes the first instance,
# adds it back last). nat64ctl reads in small parts (NAT64_DEBUG), and strace
# holds it for a second right after it sends the dump request, between the
# kernel's first and second part: the kernel flags the dump NLM_F_DUMP_INTR
# and nat64ctl must start over. A dump that did not start over would show a
# name twice or miss two; a consistent one misses at most the one rotating.

# slow_dump WHEN: nat64ctl -j stats in B, its sendmsg calls number WHEN
# (strace syntax; the first is the family lookup) held for a second.
slow_dump() {
	NAT64_DEBUG=1 ip netns exec B strace -qq -o /dev/null -e trace=sendmsg \
		-e inject=sendmsg:delay_exit=1000000:when="$1" "$NAT64CTL" -j stats
}
# Every listing must be consistent; at least one of three must have started
# over (on a loaded debug guest the churner can miss one held second). On
# a loaded guest the churn can also outpace every retry: giving up with
# the clear line is correct then, a listing is not owed.
restarted_dump_ok() {
	local out err rc=0 st try restarted=0
	err=$(mktemp)
	for try in 1 2 3; do
		out=$(slow_dump 2 2>"$err")
		st=$?
		cat "$err"
		grep -q 'dump interrupted' "$err" && restarted=1
		if ((st == 0)); then
			jq-e 'map(.name) | (length >= 63) and
				(unique | length) == length' <<<"$out" >/dev/null ||
				{ echo "inconsistent dump: $out"; rc=1; }
		elif ! grep -q 'kept changing during 8 dumps' "$err"; then
			echo "the dump failed (status $st)"
			rc=1
		fi
		((restarted)) && break
	done
	rm -f "$err"
	((restarted)) || { echo "it did not start over in $try tries"; rc=1; }
	return "$rc"
}
gave_up_ok() {
	local err rc re
	re='^nat64ctl: stats: the table kept changing during 8 dumps in a row; try again \(Resource temporarily unavailable\)$'
	err=$(slow_dump 2+ 2>&1 >/dev/null)
	rc=$?
	echo "$err"
	((rc == 1)) && [[ $(tail -n 1 <<<"$err") =~ $re ]] &&
		(($(grep -c 'dump interrupted' <<<"$err") == 7))
}
# Waits until b0 is no longer first: the churner has started.
churning() {
	local i
	for ((i = 0; i < 100; i++)); do
		[[ $(ctl_in B -j instance list | jq -r '.[0].name') != b0 ]] && return 0
		sleep 0.2
	done
	return 1
}
if command -v strace >/dev/null; then
	ip netns exec B "$E2E_PYTHON" "$E2E_DIR/nlraw.py" churn b 64 &
	churn_pid=$!
	e2e_defer '[[ -n ${churn_pid:-} ]] && kill "$churn_pid"'
	e2e_check "netns B: the churner runs" churning
	e2e_check "netns B: a dump changed under its feet starts over, consistent" \
		restarted_dump_ok
	e2e_check "netns B: a dump changed every time gives up with one clear line" \
		gave_up_ok
	kill "$churn_pid"
	wait "$churn_pid" 2>/dev/null
	churn_pid=
else
	echo "SKIP: $E2E_SCRIPT: dump restarts (strace is not installed)"
fi
e2e_check "netns B: still 63 or 64 instances after the churn" bash -c \
	"n=\$(ip netns exec B '$NAT64CTL' -j instance list | jq length); ((n == 63 || n == 64))"

# --- Live instances when their namespace or the module goes away -----------------
e2e_check "delete netns A with its instances live" ip netns del A
e2e_check "delete netns B with its instances live" ip netns del B
e2e_check_eq "init's instances are untouched" \
	"i-dslite:dslite i-nat46:nat46 i-nat64:nat64 i-siit:siit" names_modes
e2e_check "rmmod nat64 with instances live in init" rmmod nat64
e2e_check_fails "the module is gone" e2e_module_loaded
e2e_check_error "after rmmod: says it is not loaded" 1 "module is not loaded" \
	ctl -j stats

e2e_done
