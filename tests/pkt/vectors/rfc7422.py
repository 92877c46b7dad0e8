# SPDX-License-Identifier: GPL-2.0-only
"""RFC 7422, deterministic NAT (conformance.md section 9): the packets a
rule's subscribers send leave from the address and port the formula of
src/det.h gives them, and from nowhere else.

The rule of DET: 256 subscribers (the /128s of 2001:db8:100::/120) on the
4 addresses of 203.0.113.0/30, ports 40000-40063: 64 blocks an address,
one port a block. Subscriber i (the address's last byte) binds on
203.0.113.(i mod 4), port 40000 + i div 4, whatever port it wrote from:
the binding a vector expects is known exactly.

DETMIX shares the translator between a rule (the 2 addresses of
203.0.113.0/31, 128 ports each, 1 a subscriber) and pool4 203.0.113.2
for everyone else.
"""
from scapy.layers.inet import IP, TCP, ICMP
from scapy.layers.inet6 import ICMPv6EchoRequest
from scapy.packet import Raw

from pktlib import Cfg, vec, drop, p6, payload
from .flows import udp, x46, x64, xl_err6

Z1 = "198.51.100.1"		# an IPv4 server


def sub(i):
    """Subscriber @i of the rules below: 2001:db8:100::i."""
    return f"2001:db8:100::{i:x}"


DET = Cfg(mode="nat64", det=("2001:db8:100::/120", "128", "203.0.113.0/30",
                             "40000-40063"))
DETMIX = Cfg(mode="nat64",
             det=("2001:db8:100::/120", "128", "203.0.113.0/31",
                  "40000-40127"),
             pool4=(("203.0.113.2", "udp", "40001-40001"),))


def u(sport, dport):
    return udp(n=20, sport=sport, dport=dport)[0]


def out(i, sport, t, tport, dport=53, mk=u):
    """(what subscriber @i sends from @sport to [Pref64::Z1]:@dport, the
    IPv4 packet it leaves as, from @t:@tport)."""
    return x64((mk(tport, dport), mk(sport, dport)), src6=sub(i),
               dst6=p6(Z1), src4=t, dst4=Z1)


ID = ["ip.id"]

send, exp = out(5, 1234, "203.0.113.1", 40001)
vec("7422-1/forward", "subscriber 5 ([2001:db8:100::5]:1234) leaves from "
    "203.0.113.1:40001, its one port (address 5 mod 4, block 5 div 4)",
    DET, send, exp, ignore=ID, counters={"bib_new": 1, "session_new": 1})
send, exp = out(255, 1234, "203.0.113.3", 40063)
vec("7422-1/last", "subscriber 255 leaves from 203.0.113.3:40063, the "
    "last port of the last address", DET, send, exp, ignore=ID)
send, exp = out(0, 40063, "203.0.113.0", 40000)
vec("7422-1/not-its-port", "subscriber 0 writing from port 40063 (the "
    "last subscriber's, in the rule's range) still gets its own, "
    "203.0.113.0:40000", DET, send, exp, ignore=ID)
send, exp = x46((u(53, 40001), u(53, 1234)), src4=Z1, dst4="203.0.113.1",
                src6=p6(Z1), dst6=sub(5))
vec("7422-1/reply", "the reply to 203.0.113.1:40001 reaches subscriber 5 "
    "at port 1234", DET, send, exp, counters={"session_new": 0})
send, _ = out(5, 1235, "203.0.113.1", 40001)
vec("7422-3/full", "a second flow of subscriber 5 (port 1235) finds its "
    "one port bound: no overflow (D = 0), dropped and counted, ICMPv6 "
    "1/3", DET, send, drop("drop_det_ports", [xl_err6(send, 1, 3)]))


def tcp(sport, dport):
    return TCP(sport=sport, dport=dport, seq=7, flags="S", window=8192)


send, exp = out(7, 5000, "203.0.113.3", 40001, dport=80, mk=tcp)
vec("7422-1/tcp", "a TCP SYN of subscriber 7 leaves from "
    "203.0.113.3:40001 (TCP binds in the same range)", DET, send, exp,
    ignore=ID, counters={"bib_new": 1})


def echo(ident, cls):
    return cls(id=ident, seq=1) / Raw(payload(16, 5))


send, exp = x64((echo(40001, lambda **k: ICMP(type=8, **k)),
                 echo(0x4242, ICMPv6EchoRequest)),
                src6=sub(6), dst6=p6(Z1), src4="203.0.113.2", dst4=Z1)
vec("7422-6/icmp", "an echo request of subscriber 6 leaves from "
    "203.0.113.2 with identifier 40001, from its block", DET, send, exp,
    ignore=ID)
send, _ = out(0x205, 1234, "203.0.113.1", 40001)
vec("7422-1/outside", "2001:db8:100::205, outside the rule, with no pool4: "
    "dropped as drop_pool4 (ICMPv6 1/3)", DET, send,
    drop("drop_pool4", [xl_err6(send, 1, 3)]))

send, exp = x64((u(40001, 53), u(40001, 53)), src6="2001:db8::5",
                dst6=p6(Z1), src4="203.0.113.2", dst4=Z1)
vec("7422-1/mix-pool4", "with a rule and pool4 side by side, a host "
    "outside the rule binds from pool4, 203.0.113.2:40001", DETMIX, send,
    exp, ignore=ID)
send, exp = out(5, 1234, "203.0.113.1", 40002)
vec("7422-1/mix-det", "subscriber 5 binds from the rule, "
    "203.0.113.1:40002 (2 addresses: block 5 div 2)", DETMIX, send, exp,
    ignore=ID)
send, exp = x46((u(53, 40002), u(53, 1234)), src4=Z1, dst4="203.0.113.1",
                src6=p6(Z1), dst6=sub(5))
vec("7422-1/mix-reply", "and its reply comes back through the rule's "
    "address", DETMIX, send, exp)

# 7422-3 with D > 0: the rule's subscribers may overflow into port blocks
# of pool4 (port-blocks on), each block an allocation event, logged. The
# rule gives one port a subscriber; pool4 203.0.113.8 holds two blocks
# of 64.
DETOVF = Cfg(mode="nat64", det=("2001:db8:100::/120", "128", "203.0.113.0/30",
                                "40000-40063"),
             pool4=(("203.0.113.8", "udp", "1024-1151"),),
             glob={"port-blocks": "on", "port-block-size": 64})


def overflowed(got):
    p = [(IP(b).src, IP(b)[1].sport) for b in got[4]]
    if len(p) != 2 or p[0] != ("203.0.113.1", 40001):
        return f"left from {p}: want 203.0.113.1:40001 first"
    if p[1][0] != "203.0.113.8" or not 1024 <= p[1][1] <= 1151:
        return f"left from {p}: want the second from 203.0.113.8:1024-1151"
    return None


s1, e1 = out(5, 1234, "203.0.113.1", 40001)
s2, e2 = out(5, 1235, "203.0.113.8", 1024)
vec("7422-3/overflow", "subscriber 5's first flow takes its one port of "
    "the rule; its second overflows into a block of pool4, given and "
    "counted as an allocation (logged: pba-alloc)", DETOVF, [s1, s2],
    [e1, e2], ignore=ID + ["udp.sport"], check=overflowed,
    counters={"pba_alloc": 1, "bib_new": 2, "drop_det_ports": 0})
s3, e3 = out(9, 1234, "203.0.113.1", 40002)
vec("7422-3/in-range", "subscriber 9, within its range, takes no block: "
    "203.0.113.1:40002", DETOVF, s3, e3, ignore=ID,
    counters={"pba_alloc": 0, "bib_new": 1})

# 7422-2: inside its range a subscriber's ports are chosen at random. The
# rule of DETWIDE gives each of 4 subscribers 64 ports of 203.0.113.1:
# subscriber 1 has 40064-40127. Its flows from ports outside that range
# land on ports of the range picked from a random place (parity kept,
# RFC 4787); a flow from a port inside it keeps its port (preservation:
# the host chose that port at random already, and 6146-23 needs it).
DETWIDE = Cfg(mode="nat64", det=("2001:db8:100::/126", "128",
                                 "203.0.113.1/32", "40000-40255"))
SPORTS = list(range(5000, 5008))


def spread(got):
    p = [IP(b)[1].sport for b in got[4]]
    if len(p) != len(SPORTS) + 1:
        return f"{len(p)} packets out, want {len(SPORTS) + 1}"
    kept, drawn = p[0], p[1:]
    if not all(40064 <= x <= 40127 for x in drawn):
        return f"ports {drawn}: want all in 40064-40127"
    if len(set(drawn)) != len(drawn):
        return f"ports {drawn}: one given twice"
    if any(x % 2 != s % 2 for x, s in zip(drawn, SPORTS)):
        return f"ports {drawn}: parity of {SPORTS} not kept"
    if all(b - a == 2 for a, b in zip(drawn, drawn[1:])):
        return f"ports {drawn}: handed out in order, not at random"
    if kept != 40100:
        return f"port {kept}: want 40100, the host's own"
    return None


flows = [out(1, sp, "203.0.113.1", 40064) for sp in [40100] + SPORTS]
vec("7422-2/random", "subscriber 1's flow from 40100, inside its range, "
    "keeps its port; its flows from 8 ports outside get 8 ports of "
    "40064-40127 from random places, parity kept", DETWIDE,
    [s for s, _ in flows], [e for _, e in flows],
    ignore=ID + ["udp.sport"], check=spread, counters={"bib_new": 9})
