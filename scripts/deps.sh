#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Install every Debian package that nat64 needs to build, test, demo and
# benchmark. Idempotent: when everything is present it only runs dpkg-query.
#
#   scripts/deps.sh           install what is missing (root, or sudo)
#   scripts/deps.sh --check [build]
#                             print the missing packages (all, or just those
#                             a plain `make` needs), exit 1 if any
set -euo pipefail

# What a plain `make` needs (module and userspace tools).
BUILD=(
	build-essential make gcc bc flex bison kmod libelf-dev libssl-dev
	linux-headers-amd64
	pkg-config libnl-3-dev libnl-genl-3-dev libxtables-dev libfixbuf-dev
)
# What the tests, the demo and the benchmarks need on top.
ALL=(
	"${BUILD[@]}"
	linux-image-amd64 linux-source-6.1 cpio xz-utils rsync sparse python3
	iptables iproute2 util-linux
	qemu-system-x86 busybox-static python3-scapy tcpdump
	jq clang llvm valgrind strace
	iputils-ping iputils-tracepath traceroute ethtool iperf3 dnsmasq-base
	bind9-dnsutils netcat-openbsd
	jool-dkms jool-tools tayga linux-perf
	libfixbuf-tools rsyslog tshark
)
if [[ "${1:-}" == "--check" && "${2:-}" == "build" ]]; then
	PKGS=("${BUILD[@]}")
else
	PKGS=("${ALL[@]}")
fi

missing=()
for p in "${PKGS[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q "install ok installed"; then
		missing+=("$p")
	fi
done

if [[ "${1:-}" == "--check" ]]; then
	if ((${#missing[@]})); then
		echo "${missing[*]}"
		exit 1
	fi
	exit 0
fi

((${#missing[@]})) || exit 0

SUDO=
[[ $(id -u) -eq 0 ]] || SUDO=sudo
echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null ||
	echo "deps: apt-get update failed; trying the cached lists" >&2
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
