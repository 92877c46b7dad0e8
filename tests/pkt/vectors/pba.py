# SPDX-License-Identifier: GPL-2.0-only
"""Port-block allocation (RFC 6888 REQ-14, conformance.md section 9,
6888-3): with port-blocks on, a subscriber's bindings take ports inside
blocks it holds, and a block goes back when its last binding has gone
and its hold has passed.

PBA: pool4 203.0.113.1 UDP 1024-1151 holds two blocks of 64 ports,
1024-1087 and 1088-1151; a subscriber is one /128 and may hold one block
(subscriber-max-ports 64). A second of the state timers lasts 0.1 s: a
UDP binding lives 12 s, a block's hold of 1 s lasts 0.1 s.
"""
from scapy.layers.inet import IP

from pktlib import Cfg, vec, drop, p6
from .flows import udp, x64, xl_err6

Z1 = "198.51.100.1"
T1 = "203.0.113.1"
X1, X2, X3 = "2001:db8::5", "2001:db8::6", "2001:db8::7"

PBA = Cfg(mode="nat64", pool4=((T1, "udp", "1024-1151"),), second_ms=100,
          glob={"port-blocks": "on", "port-block-size": 64,
                "subscriber-max-ports": 64, "subscriber-len": 128,
                "port-block-hold": 1, "udp-timeout": 120})
IGN = ["ip.id", "udp.sport"]


def out(src6, sport):
    u4, u6 = udp(n=20, sport=sport, dport=53)
    return x64((u4, u6), src6=src6, dst6=p6(Z1), src4=T1, dst4=Z1)


def blocks_of(show):
    """{IPv6 address: set of the 64-port blocks its UDP bindings are in}"""
    got = {}
    for b in show("bib", "list", "udp"):
        got.setdefault(b["addr6"], set()).add(b["port4"] // 64)
    return got


def one_block(got):
    p = [IP(b)[1].sport for b in got[4]]
    if len({x // 64 for x in p}) != 1 or not all(1024 <= x <= 1151
                                                for x in p):
        return f"ports {p}: want one block of 1024-1087 or 1088-1151"
    return None


def apart(show):
    b = blocks_of(show)
    if len(b.get(X1, ())) != 1 or len(b.get(X2, ())) != 1:
        return f"blocks {b}: want one for each subscriber"
    if b[X1] == b[X2]:
        return f"blocks {b}: two subscribers share a block"
    return None


s1, e1 = out(X1, 5000)
s2, e2 = out(X1, 5001)
vec("6888-3/first", "a subscriber's first binding takes a block; its "
    "second binding a port of the same block, no new block", PBA,
    [s1, s2], [e1, e2], ignore=IGN, check=one_block,
    counters={"pba_alloc": 1, "bib_new": 2})
s, e = out(X2, 5000)
vec("6888-3/second", "another subscriber takes the other block", PBA, s, e,
    ignore=IGN, counters={"pba_alloc": 1}, state=apart)
s, _ = out(X3, 5000)
vec("6888-3/full", "a third subscriber finds no free block: dropped, "
    "counted, ICMPv6 1/3", PBA, s,
    drop("drop_pba_full", [xl_err6(s, 1, 3)]))
vec("6888-3/release", "the bindings expire (12 s), then each block after "
    "its hold: both go back", PBA, [], wait=16,
    counters={"pba_release": 2, "pba_alloc": 0})
s, e = out(X3, 5000)
vec("6888-3/reuse", "the third subscriber now gets a block", PBA, s, e,
    ignore=IGN, check=one_block, counters={"pba_alloc": 1})
