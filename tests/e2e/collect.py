#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""A collector that keeps what it receives, raw, for the real decoders.

  collect.py udp|tcp ADDR PORT FILE

UDP: every datagram is appended to FILE (IPFIX messages carry their own
length, so the file is an IPFIX file that ipfixDump reads). TCP: accepts
one connection after another and appends each stream to FILE. Writes
"ADDR PORT" to FILE.ready once it listens. Runs until killed (SIGTERM).
"""
import signal
import socket
import sys


def main():
    proto, addr, port, path = sys.argv[1], sys.argv[2], int(sys.argv[3]), \
        sys.argv[4]
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    kind = socket.SOCK_DGRAM if proto == "udp" else socket.SOCK_STREAM
    s = socket.socket(fam, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    out = open(path, "ab", buffering=0)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if kind == socket.SOCK_STREAM:
        s.listen(4)
    with open(path + ".ready", "w") as f:
        f.write(f"{addr} {port}\n")
    while True:
        if kind == socket.SOCK_DGRAM:
            out.write(s.recv(65535))
            continue
        c, _ = s.accept()
        while True:
            b = c.recv(65536)
            if not b:
                break
            out.write(b)
        c.close()


if __name__ == "__main__":
    main()
