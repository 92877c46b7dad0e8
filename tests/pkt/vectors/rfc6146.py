# SPDX-License-Identifier: GPL-2.0-only
"""RFC 6146, stateful NAT64 (conformance.md section 3), and the worked
examples E11, E13 (RST), E14 and E15 of section 11.

The addresses are those of the checklist's baseline: the IPv6 client X'
is 2001:db8::5, the IPv4 servers 198.51.100.1 and .2 appear as
2001:db8:64::c633:6401 and :6402 under the prefix, pool4 is 203.0.113.1.
pool4 gives each protocol a range of one or two ports, so that the port a
binding gets is known (the module draws it at random inside the range,
keeping its parity: RFC 6056, 6146-7); where a vector is about that choice
it ignores the port and checks it by a function.

Vectors of one configuration run in order on one instance, so a vector
sees the BIB entries and sessions of those before it: each group below
starts with the packet that creates the state the rest use. What the
instance keeps (states, lifetimes) is read with `nat64ctl -j session
list` by the vectors' state functions.

Timers of minutes and hours (the 6 s hold of an unsolicited SYN, TCP_EST
and its probe) run with the module parameter second_ms: a "second" of
the state's timers lasts that many milliseconds in their configurations.
"""
from scapy.layers.inet import IP, TCP, ICMP
from scapy.layers.inet6 import IPv6, ICMPv6EchoRequest, ICMPv6EchoReply
from scapy.packet import Raw

from pktlib import (Cfg, vec, drop, p6, payload, ip4_icmp, ip6_icmp,
                    frag4)
from .flows import udp, x46, x64, v4, v6, xl_err4, xl_err6

X6 = "2001:db8::5"		# the IPv6 client X'
Z1 = "198.51.100.1"		# IPv4 servers Z
Z2 = "198.51.100.2"
Z3 = "198.51.100.3"
W = "198.51.100.9"		# an IPv4 host X' never wrote to
R4 = "198.51.100.254"		# an IPv4 router
T1 = "203.0.113.1"		# pool4
T2 = "203.0.113.2"		# not in pool4 (blackholed in the harness)

# pool4 entries: `pool4 add` arguments
U1 = (T1, "udp", "40001-40001")
U3 = (T1, "udp", "40003-40003")
TC = (T1, "tcp", "40001-40002")
IC = (T1, "icmp", "2000-2000")


def nat64(*pool4, glob=None, bib=(), tag=None, second_ms=1000):
    return Cfg(mode="nat64", pool4=pool4, glob=glob, bib=bib, tag=tag,
               second_ms=second_ms)


# ---- building the two sides of a flow ----

def out64(l4v4, l4v6, src6=X6, dst4=Z1, src4=T1, hlim=64):
    """(what X' sends to Pref64::Z, the IPv4 packet it leaves as from T).
    The IPv4 ID is the translator's: ignore "ip.id"."""
    return x64((l4v4, l4v6), src6=src6, dst6=p6(dst4), src4=src4,
               dst4=dst4, hlim=hlim)


def in46(l4v4, l4v6, src4=Z1, dst4=T1, dst6=X6, ttl=64):
    """(what Z sends to T, the IPv6 packet X' gets from Pref64::Z)."""
    return x46((l4v4, l4v6), src4=src4, dst4=dst4, src6=p6(src4),
               dst6=dst6, ttl=ttl)


def u(sport, dport, n=20, chksum=None):
    """UDP (IPv4 flavour: chksum=0 is "none"; the IPv6 one is always
    computed)."""
    return udp(n=n, sport=sport, dport=dport, chksum=chksum)[0]


def t(sport, dport, flags, seq=1000, ack=0):
    return TCP(sport=sport, dport=dport, seq=seq, ack=ack, flags=flags,
               window=8192)


def echo4(ident, typ=8):
    return ICMP(type=typ, id=ident, seq=1) / Raw(payload(16, 5))


def echo6(ident, reply=False):
    cls = ICMPv6EchoReply if reply else ICMPv6EchoRequest
    return cls(id=ident, seq=1) / Raw(payload(16, 5))


# ---- state functions ----

def session(proto, remote4, tcp_state=None, life=None, remote_port4=None):
    """A state function: the @proto session with @remote4 (and
    @remote_port4) exists, in @tcp_state, with expires_ms inside @life
    (lo, hi)."""
    def fn(show):
        got = [s for s in show("session", "list", proto)
               if s["remote4"] == remote4 and
               remote_port4 in (None, s["remote_port4"])]
        if len(got) != 1:
            return f"{len(got)} {proto} sessions with {remote4}, want 1"
        s = got[0]
        if tcp_state and s.get("tcp_state") != tcp_state:
            return f"session state {s.get('tcp_state')}, want {tcp_state}"
        if life and not life[0] <= s["expires_ms"] <= life[1]:
            return f"session expires in {s['expires_ms']} ms, want {life}"
        return None
    return fn


def count(what, proto, n, static=None):
    """A state function: `@what list @proto` has @n entries (of BIB
    entries, only those static or not when @static says)."""
    def fn(show):
        got = show(what, "list", proto)
        if static is not None:
            got = [b for b in got if b["static"] == static]
        if len(got) != n:
            return f"{len(got)} {what} entries ({proto}), want {n}"
        return None
    return fn


def both(*fns):
    def fn(show):
        for f in fns:
            why = f(show)
            if why:
                return why
        return None
    return fn


UDP_LIFE = (295000, 300000)	# 300 s, UDP_DEFAULT, minus what the test took
TRANS = (200000, 240000)	# TCP_TRANS, 4 min
EST = (7200000, 7440000)	# the default TCP_EST lifetime (2 h 4 min)
ID = ["ip.id"]

# ---- E11 and UDP, EIF (the default) ----

BASE = nat64(U1, U3, TC, IC)

send, exp = out64(u(40001, 53), u(40001, 53))
vec("6146-7/E11-out", "E11.1: [X']:40001 -> [Pref64::Z]:53 leaves as "
    "203.0.113.1:40001 -> 198.51.100.1:53 (port kept, odd); a BIB entry "
    "and a session of 300 s (6146-10; 4787-5: the default)", BASE, send, exp, ignore=ID,
    counters={"bib_new": 1, "session_new": 1},
    state=session("udp", Z1, life=UDP_LIFE))
send, exp = out64(u(40001, 53), u(40001, 53), dst4=Z2)
vec("6146-5/E11-eim", "E11.2: the same X':x to another server leaves "
    "from the same 203.0.113.1:40001 (EIM); a session, no BIB entry", BASE,
    send, exp, ignore=ID, counters={"bib_new": 0, "session_new": 1})
vec("6146-12/E11-eif", "E11.3: 198.51.100.9:7000 -> 203.0.113.1:40001 "
    "(EIF) reaches X' as [Pref64::198.51.100.9]:7000 -> [X']:40001 and "
    "makes a session (6146-33: the source is algorithmic)", BASE,
    *in46(u(7000, 40001), u(7000, 40001), src4=W),
    counters={"session_new": 1}, state=session("udp", W))
vec("6146-12/reply", "198.51.100.1:53 -> 203.0.113.1:40001, a reply on "
    "its session: [Pref64::Z]:53 -> [X']:40001, no new session", BASE,
    *in46(u(53, 40001), u(53, 40001)), counters={"session_new": 0})
send, _ = in46(u(53, 40003), u(53, 40003))
vec("6146-11/E11-no-bib", "E11.4: to 203.0.113.1:40003 (pool4, no BIB "
    "entry): dropped", BASE, send, drop("drop_no_bib"))
send, _ = out64(u(40001, 53), u(40001, 53), src6="2001:db8:64::cb00:7101")
vec("6146-2/E11", "E11.5: IPv6 source 2001:db8:64::cb00:7101, inside "
    "the prefix: dropped silently", BASE, send, drop("drop_src_pref64"))
vec("6146-17/udp0", "IPv4 UDP with checksum 0 to a bound (T,t): "
    "translated with the checksum computed", BASE,
    *in46(u(53, 40001, chksum=0), u(53, 40001)))
whole, exp = in46(u(53, 40001, n=200, chksum=0), u(53, 40001, n=200))
vec("6146-17/udp0-frag", "the same in two fragments, the last one first: "
    "reassembled, translated as one packet with the checksum computed "
    "(6146-16)", BASE, [frag4(whole, 104, 104, False),
                        frag4(whole, 0, 104, True)], exp)
send, exp = out64(u(40001, 53, n=1352), u(40001, 53, n=1352))
vec("6146-38/df", "IPv6 of 1400 bytes leaves as IPv4 of 1380 with DF "
    "set (7915-34 applies to NAT64 traffic)", BASE, send, exp, ignore=ID)
send, exp = out64(u(40003, 53), u(40005, 53))
vec("6146-8/last-port", "[X']:40005 binds the last free UDP port of "
    "pool4, 203.0.113.1:40003", BASE, send, exp, ignore=ID,
    counters={"bib_new": 1})
send, _ = out64(u(40007, 53), u(40007, 53))
vec("6146-8/no-port", "[X']:40007 needs a binding and pool4 has no UDP "
    "port left: dropped, ICMPv6 1/3: the allocation fails, it does not "
    "fall back to a port of another mapping (4787-9; 5508-5: answered "
    "with a destination unreachable)", BASE, send,
    drop("drop_pool4", [xl_err6(send, 1, 3)]))

# TCP and UDP BIBs are separate (6146-4); the TCP flow is checked below
send, exp = out64(t(40001, 80, "S"), t(40001, 80, "S"))
vec("6146-4/tcp-bib", "a TCP SYN from [X']:40001 binds 203.0.113.1:40001 "
    "in the TCP BIB too", BASE, send, exp, ignore=ID,
    counters={"bib_new": 1}, state=count("bib", "tcp", 1))

# ICMP query (6146-31, 6146-37)
send, exp = out64(echo4(2000), echo6(0x1234))
vec("6146-31/echo", "echo request from X' id 0x1234 leaves from "
    "203.0.113.1 with id 2000, checksum redone (6146-37)", BASE, send, exp,
    ignore=ID, counters={"bib_new": 1, "session_new": 1},
    state=session("icmp", Z1, life=(55000, 60000)))
vec("6146-31/echo-reply", "the echo reply to id 2000 reaches X' with id "
    "0x1234 restored", BASE,
    *in46(echo4(2000, typ=0), echo6(0x1234, reply=True)))
send, _ = in46(echo4(2001), echo6(2001))
vec("6146-32/no-bib", "an echo request to 203.0.113.1 id 2001 (no BIB "
    "entry, pool4 not the host's own address) is dropped", BASE, send,
    drop("drop_no_bib"))

# only what is for the prefix or for pool4 (6146-3)
send, _ = in46(u(53, 40001), u(53, 40001), dst4=T2)
vec("6146-3/not-pool4", "IPv4 to 203.0.113.2 (not pool4) is not "
    "translated", BASE, send, counters={"pass4": 1})
send = v6(u(40001, 53), src=X6, dst="2001:db8:99::1", hlim=64)
vec("6146-3/not-prefix", "IPv6 to 2001:db8:99::1 (not in the prefix) is "
    "not translated: forwarded as it is", BASE, send,
    v6(u(40001, 53), src=X6, dst="2001:db8:99::1", hlim=63),
    counters={"pass6": 1})

# other protocols (6146-18)
send = IPv6(src=X6, dst=p6(Z1), nh=132, hlim=64) / Raw(payload(24, 11))
vec("6146-18/v6-sctp", "IPv6 with next header 132 (SCTP): dropped, "
    "ICMPv6 1/4", BASE, send, drop("drop_proto", [xl_err6(send, 1, 4)]))
send = IP(src=Z1, dst=T1, proto=132, ttl=64, id=0x1234) / Raw(
    payload(24, 11))
vec("6146-18/v4-sctp", "IPv4 protocol 132 (SCTP) to pool4: dropped, "
    "ICMPv4 3/2", BASE, send, drop("drop_proto", [xl_err4(send, 3, 2)]))

# ---- E11 under address-dependent filtering (6146-13) ----

ADF = nat64(U1, U3, TC, IC, glob={"filtering": "adf"})
send, exp = out64(u(40001, 53), u(40001, 53))
vec("6146-13/E11-out", "ADF: [X']:40001 -> 198.51.100.1:53 binds "
    "203.0.113.1:40001", ADF, send, exp, ignore=ID)
send, _ = in46(u(7000, 40001), u(7000, 40001), src4=W)
vec("6146-13/E11-adf", "E11.3, ADF: 198.51.100.9 (no session towards it) "
    "to 203.0.113.1:40001: dropped", ADF, send, drop("drop_filtered"),
    state=count("session", "udp", 1))
vec("6146-13/other-port", "ADF: 198.51.100.1 from another port (9999) "
    "gets in: only the address matters; a new session", ADF,
    *in46(u(9999, 40001), u(9999, 40001)), counters={"session_new": 1})
# 6146-25 under ADF: a V4 SYN to the bound (T,t) from a host X' never
# wrote to is held as if there were no binding; X' opening the same
# connection meets it (a simultaneous open).
ADFS = nat64(TC, glob={"filtering": "adf"}, tag="adf-syn", second_ms=250)
send, exp = out64(t(40001, 80, "S"), t(40001, 80, "S"))
vec("6146-25/adf-bind", "ADF: [X']:40001 opens to 198.51.100.1:80 "
    "(203.0.113.1:40001 bound)", ADFS, send, exp, ignore=ID)
vec("6146-25/adf-held", "ADF: a V4 SYN from 198.51.100.9:6000 to "
    "203.0.113.1:40001 is held, not refused", ADFS,
    in46(t(6000, 40001, "S", 500), t(6000, 40001, "S", 500), src4=W)[0],
    counters={"syn4_held": 1, "drop_filtered": 0})
send, exp = out64(t(40001, 6000, "S", 800), t(40001, 6000, "S", 800),
                  dst4=W)
vec("6146-25/adf-open", "[X']:40001 opens to 198.51.100.9:6000 in time: "
    "translated, the held SYN discarded, ESTABLISHED", ADFS, send, exp,
    ignore=ID, counters={"syn4_open": 1},
    state=session("tcp", W, "established", remote_port4=6000))

# ---- TCP state machine (6146-19..30, E13) ----

TCPC = nat64(U1, TC, IC, tag="tcp")
send, _ = out64(t(40001, 80, "A"), t(40001, 80, "A"))
vec("6146-26/no-bib", "a V6 ACK with no BIB entry: dropped, no state",
    TCPC, send, drop("drop_no_state"), state=count("bib", "tcp", 0))
send, exp = out64(t(40001, 80, "S"), t(40001, 80, "S"))
vec("6146-19/v6-syn", "V6 SYN in CLOSED: translated, BIB entry and "
    "session in V6 INIT for TCP_TRANS", TCPC, send, exp, ignore=ID,
    counters={"bib_new": 1, "session_new": 1},
    state=session("tcp", Z1, "v6_init", TRANS))
vec("6146-20/v4-synack", "V6 INIT + V4 SYN-ACK: translated, ESTABLISHED "
    "for TCP_EST, 2 h 4 min by default (5382-3)", TCPC, *in46(t(80, 40001, "SA", 5000, 1001),
                              t(80, 40001, "SA", 5000, 1001)),
    state=session("tcp", Z1, "established", EST))
send, exp = out64(t(40001, 80, "S"), t(40001, 80, "S"), dst4=Z2)
vec("6146-30/second", "a SYN from the same [X']:40001 to 198.51.100.2: "
    "its own session in V6 INIT, the first one stays ESTABLISHED", TCPC,
    send, exp, ignore=ID, counters={"bib_new": 0, "session_new": 1},
    state=both(session("tcp", Z2, "v6_init"),
               session("tcp", Z1, "established", EST)))
vec("6146-27/E13-v4-rst", "E13: ESTABLISHED + V4 RST: translated, TRANS "
    "for TCP_TRANS, not deleted (7857-2)", TCPC,
    *in46(t(80, 40001, "R", 5001), t(80, 40001, "R", 5001)),
    state=session("tcp", Z1, "trans", TRANS))
send, exp = out64(t(40001, 80, "A", 1001, 5001),
                  t(40001, 80, "A", 1001, 5001))
vec("6146-27/E13-ack", "E13: TRANS + an ACK: ESTABLISHED again for "
    "TCP_EST", TCPC, send, exp, ignore=ID,
    state=session("tcp", Z1, "established", EST))
send, exp = out64(t(40001, 80, "R", 1001), t(40001, 80, "R", 1001))
vec("6146-27/v6-rst", "ESTABLISHED + V6 RST: translated, TRANS", TCPC,
    send, exp, ignore=ID, state=session("tcp", Z1, "trans", TRANS))
vec("6146-27/v4-ack", "TRANS + a V4 ACK: ESTABLISHED", TCPC,
    *in46(t(80, 40001, "A", 5001, 1001), t(80, 40001, "A", 5001, 1001)),
    state=session("tcp", Z1, "established", EST))
vec("6146-28/v4-fin", "ESTABLISHED + V4 FIN: V4 FIN RCV, lifetime still "
    "TCP_EST", TCPC, *in46(t(80, 40001, "FA", 5001, 1001),
                           t(80, 40001, "FA", 5001, 1001)),
    state=session("tcp", Z1, "v4_fin_rcv", EST))
send, exp = out64(t(40001, 80, "FA", 1001, 5002),
                  t(40001, 80, "FA", 1001, 5002))
vec("6146-28/v6-fin", "V4 FIN RCV + V6 FIN: V4+V6 FIN RCV for TCP_TRANS",
    TCPC, send, exp, ignore=ID,
    state=session("tcp", Z1, "v4_fin_v6_fin_rcv", TRANS))
# the V6-first order, on a second binding ([X']:40002)
send, exp = out64(t(40002, 443, "S"), t(40002, 443, "S"), dst4=Z3)
vec("6146-28/v6-first-syn", "[X']:40002 -> 198.51.100.3:443 SYN binds "
    "203.0.113.1:40002 (parity kept)", TCPC, send, exp, ignore=ID)
vec("6146-28/v6-first-synack", "its SYN-ACK: ESTABLISHED", TCPC,
    *in46(t(443, 40002, "SA", 7000, 1001), t(443, 40002, "SA", 7000, 1001),
          src4=Z3), state=session("tcp", Z3, "established", EST))
send, exp = out64(t(40002, 443, "FA", 1001, 7001),
                  t(40002, 443, "FA", 1001, 7001), dst4=Z3)
vec("6146-28/v6-first-fin", "ESTABLISHED + V6 FIN: V6 FIN RCV, TCP_EST",
    TCPC, send, exp, ignore=ID,
    state=session("tcp", Z3, "v6_fin_rcv", EST))
vec("6146-28/v6-first-v4-fin", "V6 FIN RCV + V4 FIN: V4+V6 FIN RCV for "
    "TCP_TRANS", TCPC, *in46(t(443, 40002, "FA", 7001, 1002),
                             t(443, 40002, "FA", 7001, 1002), src4=Z3),
    state=session("tcp", Z3, "v4_fin_v6_fin_rcv", TRANS))
# non-SYNs where a BIB entry exists but no session (6146-26)
vec("6146-26/v4-ack-bib", "a V4 ACK from 198.51.100.9 to the bound "
    "203.0.113.1:40001: translated, no session made", TCPC,
    *in46(t(5555, 40001, "A", 1, 1), t(5555, 40001, "A", 1, 1), src4=W),
    counters={"session_new": 0})
send, exp = out64(t(40001, 8080, "A", 1, 1), t(40001, 8080, "A", 1, 1),
                  dst4=W)
vec("6146-26/v6-ack-bib", "a V6 ACK from [X']:40001 to a new destination:"
    " translated, no session made", TCPC, send, exp, ignore=ID,
    counters={"session_new": 0})
# (40002 is bound now, so a V4 non-SYN without a BIB entry is in the
# next group)
# 6146-25, EIF: a V4 SYN to a bound (T,t) opens V4 INIT and is forwarded
vec("6146-25/eif-v4-syn", "EIF: a V4 SYN from 198.51.100.9:5555 to the "
    "bound 203.0.113.1:40001: forwarded at once, V4 INIT for TCP_TRANS",
    TCPC, *in46(t(5555, 40001, "S", 9000), t(5555, 40001, "S", 9000),
                src4=W),
    counters={"session_new": 1},
    state=session("tcp", W, "v4_init", TRANS, remote_port4=5555))
send, exp = out64(t(40001, 5555, "SA", 3000, 9001),
                  t(40001, 5555, "SA", 3000, 9001), dst4=W)
vec("6146-25/eif-v6-synack", "V4 INIT + the V6 SYN-ACK: ESTABLISHED",
    TCPC, send, exp, ignore=ID,
    state=session("tcp", W, "established", EST, remote_port4=5555))

# ---- unsolicited V4 SYNs (6146-22..24, E12); a second lasts 0.25 s ----

SYNX = nat64(TC, tag="syn-expire", second_ms=250)
SYN1 = in46(t(5555, 40002, "S", 77), t(5555, 40002, "S", 77))[0]
vec("6146-22/E12-held", "E12: a V4 SYN from 198.51.100.1:5555 to "
    "203.0.113.1:40002 (no BIB): nothing comes out for a while, no "
    "session (5382-2: no answer for 6 s)", SYNX, SYN1, wait=0.3,
    counters={"syn4_held": 1, "session_new": 0, "drop_no_bib": 0},
    state=count("session", "tcp", 0))
vec("6146-24/E12-expired", "E12: the hold (6 s) ends: ICMPv4 3/3 from "
    "203.0.113.1 quoting the stored SYN", SYNX, [],
    expect=[ip4_icmp(T1, Z1, 3, 3, body=bytes(SYN1), ttl=64, tos=0xc0,
                     flags=0)],
    ignore=ID, timeout=5, counters={"syn4_expired": 1})
vec("6146-22/retransmit", "a V4 SYN and its retransmission: one held "
    "SYN, one ICMP 3/3", SYNX, [SYN1, SYN1],
    expect=[ip4_icmp(T1, Z1, 3, 3, body=bytes(SYN1), ttl=64, tos=0xc0,
                     flags=0)],
    ignore=ID, timeout=5, counters={"syn4_held": 2, "syn4_expired": 1})

SYNO = nat64(TC, tag="syn-open", second_ms=250)
vec("6146-23/E12-held", "E12, simultaneous open: a V4 SYN from "
    "198.51.100.1:5555 to 203.0.113.1:40001 (no BIB) is held", SYNO,
    in46(t(5555, 40001, "S", 77), t(5555, 40001, "S", 77))[0],
    counters={"syn4_held": 1})
send, exp = out64(t(40001, 5555, "S", 900), t(40001, 5555, "S", 900))
vec("6146-23/E12-open", "E12: [X']:40001 -> [Pref64::Z]:5555 SYN in time:"
    " 203.0.113.1:40001 (port kept), forwarded; ESTABLISHED", SYNO, send,
    exp, ignore=ID, counters={"syn4_open": 1, "session_new": 1},
    state=session("tcp", Z1, "established", remote_port4=5555))
vec("6146-23/E12-no-icmp", "E12: the held SYN was discarded: no ICMP "
    "ever (5382-2: silent once an outbound SYN followed; 5382-1: SYNs "
    "crossing open the connection)", SYNO, [], wait=2.5, counters={"syn4_expired": 0})

EXTS = nat64(TC, glob={"drop-ext-tcp": "on"}, tag="syn-ext",
             second_ms=250)
vec("6146-21/no-hold", "drop-ext-tcp on: an unsolicited V4 SYN is "
    "dropped at once, not held", EXTS,
    in46(t(5555, 40002, "S", 77), t(5555, 40002, "S", 77))[0],
    drop("drop_ext_tcp"), counters={"syn4_held": 0})

# ---- the probe of an idle established session (6146-29, E13) ----
# A second lasts 4 ms: TCP_EST (7200 s) 28.8 s, TCP_TRANS 0.96 s.

PROBE = nat64(TC, glob={"tcp-est-timeout": 7200}, tag="probe",
              second_ms=4)
send, exp = out64(t(40001, 443, "S", 100), t(40001, 443, "S", 100))
vec("6146-29/open", "[X']:40001 opens to 198.51.100.1:443", PROBE, send,
    exp, ignore=ID)
vec("6146-29/established", "the V4 SYN-ACK: ESTABLISHED", PROBE,
    *in46(t(443, 40001, "SA", 700, 101), t(443, 40001, "SA", 700, 101)))
vec("6146-29/E13-probe", "E13: idle for TCP_EST, X' gets the probe: "
    "[Pref64::Z]:443 -> [X']:40001 ACK, seq 0, ack 0, no data", PROBE, [],
    expect=[IPv6(src=p6(Z1), dst=X6, hlim=64) /
            TCP(sport=443, dport=40001, seq=0, ack=0, flags="A",
                window=0)],
    timeout=40, counters={"tcp_probe": 1})
send, exp = out64(t(40001, 443, "A", 101, 701), t(40001, 443, "A", 101, 701))
vec("6146-29/E13-answer", "E13: the host's ACK in answer: translated, "
    "ESTABLISHED again (6146-27)", PROBE, send, exp, ignore=ID,
    state=session("tcp", Z1, "established", remote_port4=443))

# ---- TCP: externally initiated connections refused (6146-21) ----

EXT = nat64(TC, glob={"drop-ext-tcp": "on"})
send, exp = out64(t(40001, 80, "S"), t(40001, 80, "S"))
vec("6146-21/v6-syn", "drop-ext-tcp: a V6 SYN still opens", EXT, send, exp,
    ignore=ID)
send, _ = in46(t(5555, 40001, "S"), t(5555, 40001, "S"), src4=W)
vec("6146-21/v4-syn", "drop-ext-tcp: a V4 SYN from 198.51.100.9, no "
    "session: dropped silently, no ICMP", EXT, send, drop("drop_ext_tcp"))
vec("6146-21/v4-synack", "drop-ext-tcp: the answer of 198.51.100.1 on "
    "its session passes", EXT, *in46(t(80, 40001, "SA", 5000, 1001),
                                     t(80, 40001, "SA", 5000, 1001)),
    state=session("tcp", Z1, "established"))
send, _ = in46(t(80, 40002, "A"), t(80, 40002, "A"))
vec("6146-26/v4-no-bib", "a V4 ACK to 203.0.113.1:40002 (pool4, no BIB "
    "entry): dropped silently, no state", EXT, send, drop("drop_no_bib"),
    state=count("session", "tcp", 1))

# ---- paired pooling and port ranges (6146-6, 6146-7) ----

PAIR = nat64(("203.0.113.2/31", "udp", "40001-40001"),
             ("203.0.113.2/31", "icmp", "2000-2000"))


def same_t(got):
    srcs = [IP(p).src for p in got[4]]
    if len(set(srcs)) != 1 or srcs[0] not in ("203.0.113.2", "203.0.113.3"):
        return f"IPv4 sources {srcs}: want one pool4 address for both"
    return None


s1, e1 = out64(u(40001, 53), u(40001, 53), src4="203.0.113.2")
s2, e2 = out64(echo4(2000), echo6(7), src4="203.0.113.2")
vec("6146-6/paired", "pool4 203.0.113.2/31: the UDP and the ICMP binding "
    "of X' get the same IPv4 address (4787-2)", PAIR, [s1, s2], [e1, e2],
    ignore=ID + ["ip.src"], check=same_t)

RANGES = nat64((T1, "udp", "100-2000"))


def port_class(got):
    """[X']:1501 -> odd, 1024-2000; [X']:500 -> even, 100-1023."""
    p = [IP(b)[1].sport for b in got[4]]
    if not (1024 <= p[0] <= 2000 and p[0] % 2 == 1):
        return f"port {p[0]} for 1501: want odd, 1024-2000"
    if not (100 <= p[1] <= 1023 and p[1] % 2 == 0):
        return f"port {p[1]} for 500: want even, 100-1023"
    return None


s1, e1 = out64(u(1501, 53), u(1501, 53))
s2, e2 = out64(u(500, 53), u(500, 53))
vec("6146-7/range-parity", "pool4 udp 100-2000: port 1501 gets an odd "
    "port >= 1024, port 500 an even one < 1024 (4787-3: the range; "
    "4787-4: the parity)", RANGES, [s1, s2],
    [e1, e2], ignore=ID + ["udp.sport"], check=port_class)

# ---- E14: hairpin (6146-34) ----

A6, B6 = "2001:db8::a", "2001:db8::b"
T1_6 = p6(T1)			# 2001:db8:64::cb00:7101
HAIR = nat64((T1, "udp", "1000-1000"),
             bib=[("udp", f"{T1}#2000", f"{B6}#5000")])
send = v6(u(1000, 2000), src=A6, dst=T1_6, hlim=64)
exp = v6(u(1000, 5000), src=T1_6, dst=B6, hlim=63)
vec("6146-34/E14", "E14: [2001:db8::a]:1000 -> [Pref64::203.0.113.1]:2000 "
    "(static to [2001:db8::b]:5000) comes back as [Pref64::203.0.113.1]:"
    "1000 -> [2001:db8::b]:5000, hop limit decremented once: b sees a's "
    "external address and port (4787-7)", HAIR, send,
    exp, counters={"hairpin": 1})
send = v6(u(5000, 1000), src=B6, dst=T1_6, hlim=64)
exp = v6(u(2000, 1000), src=T1_6, dst=A6, hlim=63)
vec("6146-34/E14-reverse", "E14: b's reply reaches [2001:db8::a]:1000 "
    "from [Pref64::203.0.113.1]:2000", HAIR, send, exp,
    counters={"hairpin": 1})

# ---- E15: ICMP errors (6146-14, 6146-15, 6146-35, 6146-36) ----

ERR = nat64((T1, "udp", "40000-40000"))
send, exp = out64(u(40000, 33434), u(40000, 33434), hlim=2)
vec("6146-35/E15-out", "E15: [X']:40000 -> [Pref64::198.51.100.1]:33434 "
    "hop limit 2 leaves as 203.0.113.1:40000 -> 198.51.100.1:33434 TTL 1",
    ERR, send, exp, ignore=ID, state=session("udp", Z1, life=UDP_LIFE))
vec("6146-15/E15-idle", "1.5 s without traffic", ERR, [], wait=1.5)
# the packet as it left (its ID is ours to choose) and as X' sent it
Q4 = bytes(v4(u(40000, 33434), src=T1, dst=Z1, ttl=1, ident=0x5151))
Q6 = bytes(v6(u(40000, 33434), src=X6, dst=p6(Z1), hlim=1))
STALE = (0, 299000)		# not refreshed by the error after 1.5 s
vec("6146-35/E15", "E15: ICMPv4 11/0 from 198.51.100.254 quoting it "
    "becomes ICMPv6 3/0 to X' quoting [X']:40000 -> [Pref64::Z]:33434, "
    "hop limit 1; outer source Pref64::198.51.100.254 (6146-36); the "
    "session is not refreshed (6146-15)", ERR,
    ip4_icmp(R4, T1, 11, 0, body=Q4, ttl=64),
    ip6_icmp(p6(R4), X6, 3, 0, body=Q6, hlim=63),
    state=session("udp", Z1, life=STALE))
# X' answers a packet of the server with an ICMPv6 error
RQ6 = bytes(v6(u(33434, 40000), src=p6(Z1), dst=X6, hlim=62))
RQ4 = bytes(v4(u(33434, 40000), src=Z1, dst=T1, ttl=62, ident=0))
vec("6146-35/v6-error", "ICMPv6 1/4 from X' quoting [Pref64::Z]:33434 -> "
    "[X']:40000 becomes ICMPv4 3/3 from 203.0.113.1 quoting "
    "198.51.100.1:33434 -> 203.0.113.1:40000; no refresh (6146-15; "
    "7857-7: an outbound error does not refresh)", ERR,
    ip6_icmp(X6, p6(Z1), 1, 4, body=RQ6, hlim=64),
    ip4_icmp(T1, Z1, 3, 3, body=RQ4, ttl=63, flags=0),
    ignore=["ip.id", "inner.ip.id"], state=session("udp", Z1, life=STALE))
vec("6146-14/v4-truncated", "ICMPv4 3/1 quoting the IPv4 header and 2 "
    "bytes (no ports): dropped", ERR,
    ip4_icmp(R4, T1, 3, 1, body=Q4[:22], ttl=64), drop("drop_no_state"))
vec("6146-14/v6-truncated", "ICMPv6 1/4 quoting the IPv6 header and 2 "
    "bytes: dropped", ERR, ip6_icmp(X6, p6(Z1), 1, 4, body=RQ6[:42]),
    drop("drop_no_state"))
inner_err = bytes(ip6_icmp(p6(Z1), X6, 1, 0, body=Q6))
vec("6146-14/v6-error-in-error", "ICMPv6 1/4 quoting an ICMPv6 error: "
    "dropped", ERR, ip6_icmp(X6, p6(Z1), 1, 4, body=inner_err),
    drop("drop_no_state"))
inner_err = bytes(ip4_icmp(Z1, T1, 3, 1, body=Q4))
vec("6146-14/v4-error-in-error", "ICMPv4 3/1 quoting an ICMPv4 error: "
    "dropped", ERR, ip4_icmp(R4, T1, 3, 1, body=inner_err),
    drop("drop_no_state"))

# ---- timers: ICMP sessions of 1 s (6146-9, 6146-31) ----

TIMERS = nat64(IC, glob={"icmp-timeout": 1},
               bib=[("icmp", f"{T1}#2001", "2001:db8::b#77")])
send, exp = out64(echo4(2000), echo6(0x99))
vec("6146-31/timer-echo", "icmp-timeout 1: an echo makes a session of 1 s",
    TIMERS, send, exp, ignore=ID, state=session("icmp", Z1, life=(0, 1000)))
vec("6146-31/timer-expired", "3 s later the session has expired and its "
    "dynamic BIB entry is gone (6146-9; 7857-9: a query mapping goes with "
    "its last session); the static one stays", TIMERS, [],
    wait=3, counters={"session_expired": 1},
    state=both(count("session", "icmp", 0),
               count("bib", "icmp", 0, static=False),
               count("bib", "icmp", 1, static=True)))
send, _ = in46(echo4(2000, typ=0), echo6(0x99, reply=True))
vec("6146-9/timer-late-reply", "the late echo reply to id 2000 is "
    "dropped: its binding is gone", TIMERS, send, drop("drop_no_bib"))
vec("6146-9/static", "an echo request to the static 203.0.113.1 id 2001 "
    "reaches [2001:db8::b] as id 77", TIMERS,
    *in46(echo4(2001), echo6(77), dst6="2001:db8::b"),
    counters={"session_new": 1})
vec("6146-9/static-stays", "its session expires; the static entry stays",
    TIMERS, [], wait=3, counters={"session_expired": 1},
    state=both(count("session", "icmp", 0),
               count("bib", "icmp", 1, static=True)))

# ---- pool4 del takes only the bindings it held -------------------------
# Two subscribers, two one-port pool4 entries: each subscriber's binding
# lands on its own address (which one is the keyed hash's choice). Deleting
# 203.0.113.1's entry leaves the binding on 203.0.113.2.

X7 = "2001:db8:7::5"		# a second subscriber (another /56)
T2U = (T2, "udp", "40001-40001")
DEL = nat64(U1, T2U, tag="pool4-del")
for tag, x6 in (("a", X6), ("b", X7)):
    send, exp = out64(u(40001, 53), u(40001, 53), src6=x6)
    vec(f"6146-6/pool4-del-{tag}", f"[{x6}]:40001 binds a pool4 address",
        DEL, send, exp, ignore=["ip.id", "ip.src"],
        counters={"bib_new": 1})


def one_left_on_t2(show):
    got = show("bib", "list", "udp")
    if len(got) != 1 or got[0]["addr4"] != T2:
        return f"bindings after pool4 del: {got}, want one on {T2}"
    return None


vec("6146-6/pool4-del", "pool4 del 203.0.113.1 udp: its binding goes, the "
    "one on 203.0.113.2 stays", DEL, [],
    pre=[["pool4", "del", T1, "udp", "40001-40001"]], wait=0.1,
    state=one_left_on_t2)
