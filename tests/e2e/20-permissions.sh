#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Who may configure nat64: CAP_NET_ADMIN in the user namespace that owns the
# network namespace (GENL_UNS_ADMIN_PERM), for every command, reads too.
#
#   init user ns
#   +-- init netns ---------------------------------------------------+
#   |  root: nat64.ko, instance root1                     -> allowed   |
#   |  unshare -U -r (root of a child user ns that does                |
#   |    not own this netns)                              -> EPERM     |
#   |  nobody (setpriv uid/gid 65534, no capabilities)    -> EPERM     |
#   +------------------------------------------------------------------+
#   +-- netns C (made by root) ----+  +-- unshare -U -r -n -------------+
#   |  unshare -U -r inside -> EPERM |  |  a user ns owning its own netns: |
#   +--------------------------------+  |  adds, lists, deletes its own    |
#                                       |  (as root, and as nobody)        |
#                                       +----------------------------------+
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

perm_re="permission denied: CAP_NET_ADMIN is needed in the network namespace's user namespace \\(Operation not permitted\\)$"
nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)

e2e_check "nat64.ko loads" e2e_module_load
e2e_check "root adds root1" "$NAT64CTL" instance add root1 --mode nat64
before=$("$NAT64CTL" -j instance list)

# --- A user namespace that does not own the network namespace --------------
e2e_check_error "unshare -U -r: instance add refused (EPERM)" 1 \
	"^nat64ctl: instance add: $perm_re" \
	unshare -U -r "$NAT64CTL" instance add userns1 --mode siit
e2e_check_error "unshare -U -r: instance del refused (EPERM)" 1 \
	"^nat64ctl: instance del: $perm_re" \
	unshare -U -r "$NAT64CTL" instance del root1
e2e_check_error "unshare -U -r: instance list refused (EPERM)" 1 \
	"^nat64ctl: instance list: $perm_re" \
	unshare -U -r "$NAT64CTL" instance list
e2e_check_error "unshare -U -r: instance show refused (EPERM)" 1 \
	"^nat64ctl: instance show: $perm_re" \
	unshare -U -r "$NAT64CTL" instance show root1
e2e_check_error "unshare -U -r: stats refused (EPERM)" 1 \
	"^nat64ctl: stats: $perm_re" \
	unshare -U -r "$NAT64CTL" -j stats
e2e_check_eq "the refused requests changed nothing" "$before" \
	"$NAT64CTL" -j instance list

e2e_netns_add C
e2e_check_error "netns C made by root: unshare -U -r inside refused (EPERM)" 1 \
	"^nat64ctl: instance add: $perm_re" \
	ip netns exec C unshare -U -r "$NAT64CTL" instance add userns2 --mode siit
e2e_check_eq "netns C: nothing was created" "[]" \
	ip netns exec C "$NAT64CTL" -j instance list

# --- A user namespace with a network namespace of its own --------------------
own_ns() {
	"$NAT64CTL" instance add mine --mode nat46 &&
		"$NAT64CTL" -j instance list &&
		"$NAT64CTL" -j stats mine | jq -c '(.stats | length) > 0 and all(.stats[]; . == 0)' &&
		"$NAT64CTL" instance del mine &&
		"$NAT64CTL" -j instance list
}
# own_ns_as [PREFIX...]: own_ns in a new user+net namespace, run through
# PREFIX (e.g. setpriv); its output must be exactly what one fresh table shows.
own_ns_as() {
	local out want
	want='[{"name":"mine","mode":"nat46","id":1,"framework":"netfilter"}]'$'\n''true'$'\n''[]'
	out=$("$@" unshare -U -r -n bash -c "$(declare -f own_ns); NAT64CTL='$NAT64CTL' own_ns" 2>&1)
	echo "$out"
	[[ $out == "$want" ]]
}
e2e_check "unshare -U -r -n: adds, lists, reads and deletes its own instance" \
	own_ns_as
e2e_check_eq "init's table did not see the container's" "$before" \
	"$NAT64CTL" -j instance list

# --- An unprivileged user -------------------------------------------------------
e2e_check_error "nobody: instance list refused (EPERM)" 1 \
	"^nat64ctl: instance list: $perm_re" \
	"${nobody[@]}" "$NAT64CTL" instance list
e2e_check_error "nobody: instance add refused (EPERM)" 1 \
	"^nat64ctl: instance add: $perm_re" \
	"${nobody[@]}" "$NAT64CTL" instance add nobody1 --mode dslite
e2e_check_error "nobody: instance del refused (EPERM)" 1 \
	"^nat64ctl: instance del: $perm_re" \
	"${nobody[@]}" "$NAT64CTL" instance del root1
e2e_check_error "nobody: stats refused (EPERM)" 1 \
	"^nat64ctl: stats: $perm_re" \
	"${nobody[@]}" "$NAT64CTL" stats root1
e2e_check_eq "nobody changed nothing" "$before" "$NAT64CTL" -j instance list

# Unprivileged user namespaces may be disabled by the kernel or a sysctl.
if "${nobody[@]}" unshare -U -r -n true 2>/dev/null; then
	e2e_check "nobody in a user+net namespace of its own manages its instance" \
		own_ns_as "${nobody[@]}"
else
	echo "SKIP: $E2E_SCRIPT: nobody cannot create user namespaces here"
fi

e2e_check "rmmod nat64" e2e_module_unload
e2e_done
