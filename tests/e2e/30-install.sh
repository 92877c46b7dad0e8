#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The README's installation, on the guest's own (overlay) root filesystem:
# `make install`, then the module autoloads on the first request for the
# NAT64 generic netlink family, and `modprobe nat64` / `modprobe -r` work.
# Only on the stock kernel: the install builds against
# /lib/modules/$(uname -r)/build, which the debug kernel does not have.
#
#   +------------- init netns -------------+
#   | make install -> /lib/modules/.../extra |
#   | nat64ctl (PATH) --genl--> autoload   |
#   +--------------------------------------+
set -u
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

if [[ ! -e /lib/modules/$(uname -r)/build ]]; then
	echo "$E2E_SCRIPT: no build tree for $(uname -r) (debug kernel): skipped"
	e2e_done
fi

prefix=/usr/local
xtlibdir=$(pkg-config --variable=xtlibdir xtables)
# No depmod after the removal: one takes minutes in a TCG guest (it reads
# every module of the kernel over 9p), and the scripts after this one load
# the module by its path.
e2e_defer "rm -f /lib/modules/$(uname -r)/extra/nat64.ko $prefix/sbin/nat64ctl $prefix/sbin/nat64d $xtlibdir/libxt_NAT64.so"
e2e_check "make install (module and tools)" \
	make -s -C "$E2E_ROOT" install PREFIX="$prefix"
e2e_check "the module is where modprobe finds it" \
	test -e "/lib/modules/$(uname -r)/extra/nat64.ko"
e2e_check "nat64ctl is installed" test -x "$prefix/sbin/nat64ctl"
e2e_check "the man page is installed" \
	test -e "$prefix/share/man/man8/nat64ctl.8"
e2e_check "nat64d and its man pages are installed" sh -c "
	test -x $prefix/sbin/nat64d && test -e $prefix/share/man/man8/nat64d.8 &&
	test -e $prefix/share/man/man5/nat64d.conf.5"
e2e_check "the iptables extension is where iptables finds it" \
	test -e "$xtlibdir/libxt_NAT64.so"
e2e_check "iptables -j NAT64 -h works without XTABLES_LIBDIR" \
	bash -c "env -u XTABLES_LIBDIR iptables -j NAT64 -h | grep -q -- '--instance NAME'"
e2e_check_fails "the module is not loaded yet" e2e_module_loaded
e2e_check "the first request autoloads the module (genl family alias)" \
	"$prefix/sbin/nat64ctl" instance list
e2e_check "the module is now loaded" e2e_module_loaded
e2e_check "modprobe -r nat64" modprobe -r nat64
e2e_check "modprobe nat64" modprobe nat64
e2e_check "nat64ctl instance add works after modprobe" \
	"$prefix/sbin/nat64ctl" instance add plat --mode nat64
e2e_check_eq "and lists it" "plat nat64" \
	bash -c "'$prefix/sbin/nat64ctl' -j instance list | jq -r '.[] | \"\\(.name) \\(.mode)\"'"
e2e_check "modprobe -r with an instance live" modprobe -r nat64
e2e_done
