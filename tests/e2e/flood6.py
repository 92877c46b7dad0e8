#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Open many UDP flows at once: one datagram each from SRC#port, for as
many ports of as many SRC addresses as COUNT needs (50,000 per address),
to DST#DPORT. Raw sockets, so that no socket per flow is needed.

  flood6.py COUNT DST DPORT SRC [SRC...]
"""
import socket
import struct
import sys

PER_ADDR = 50000


def main():
    count, dst, dport = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    srcs = sys.argv[4:]
    socks = []
    for a in srcs:
        s = socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                          socket.IPPROTO_UDP)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_CHECKSUM, 6)
        s.bind((a, 0))
        socks.append(s)
    payload = b"flood"
    sent = 0
    for i in range(count):
        s = socks[(i // PER_ADDR) % len(socks)]
        sport = 1024 + i % PER_ADDR
        hdr = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
        try:
            s.sendto(hdr + payload, (dst, 0))
            sent += 1
        except OSError:
            pass
    print(sent)


if __name__ == "__main__":
    main()
