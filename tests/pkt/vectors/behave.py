# SPDX-License-Identifier: GPL-2.0-only
"""The NAT behavioural requirements (conformance.md section 7: RFC 4787
for UDP, RFC 5382 for TCP, RFC 5508 for ICMP, RFC 7857) as a nat64
instance meets them. Requirements that an RFC 6146 vector checks already
name that vector (tests/pkt/vectors/rfc6146.py); these are the rest.

The addresses and helpers are those of rfc6146.py: X' 2001:db8::5, the
IPv4 servers 198.51.100.1 and .2, pool4 203.0.113.1.
"""
from scapy.layers.inet import IP, UDP
from scapy.packet import Raw

from pktlib import (MID4, SMALL4, corrupt, drop, frag4, ip4_icmp, ip6_icmp,
                    p6, rest32, vec)
from .flows import v4, v6, xl_err6
from .rfc7915_64 import same_id
from .rfc6146 import (EST, ID, T1, TRANS, X6, Z1, Z2, both, count, echo4,
                      echo6, in46, nat64, out64, session, t, u)

X6B = "2001:db8::6"		# another host of X's subscriber (same /56)

BEH = nat64((T1, "udp", "40001-40003"), (T1, "tcp", "40001-40001"),
            (T1, "icmp", "2000-2000"), tag="behave")

# ---- UDP: RFC 4787 ----

send, exp = out64(u(40001, 53), u(40001, 53))
vec("4787-1/out", "[X']:40001 -> [Pref64::198.51.100.1]:53 binds "
    "203.0.113.1:40001", BEH, send, exp, ignore=ID,
    counters={"bib_new": 1, "session_new": 1})
send, exp = out64(u(40001, 53), u(40001, 53), dst4=Z2)
vec("4787-1/eim", "the same [X']:40001 to 198.51.100.2:53 leaves from "
    "the same 203.0.113.1:40001: the mapping does not depend on the "
    "destination", BEH, send, exp, ignore=ID,
    counters={"bib_new": 0, "session_new": 1})
vec("4787-6/idle", "1.5 s without traffic", BEH, [], wait=1.5)
send, exp = out64(u(40001, 53), u(40001, 53))
vec("4787-6/refresh", "an outbound packet refreshes the session: its "
    "lifetime is back to 300 s, not 298.5", BEH, send, exp, ignore=ID,
    counters={"session_new": 0},
    state=session("udp", Z1, life=(299000, 300000)))
send, exp = out64(u(40003, 53), u(40001, 53), src6=X6B)
vec("4787-3/no-overlap", "[2001:db8::6]:40001 (same subscriber, same "
    "pool4 address) cannot have 203.0.113.1:40001, which X' holds: it "
    "gets 40003, the other odd port, and no port is shared (4787-4: "
    "parity kept; 7857-3: port overlapping, a MAY, is not done)", BEH,
    send, exp, ignore=ID, counters={"bib_new": 1})

# An ICMPv4 port unreachable about X's flow: translated, and the mapping
# and its sessions stay. The quoted packet as it left (TTL 63; its ID is
# ours to choose) and as X' sent it.
Q4 = bytes(v4(u(40001, 53), src=T1, dst=Z1, ttl=63, ident=0x5151))
Q6 = bytes(v6(u(40001, 53), src=X6, dst=p6(Z1), hlim=63))
vec("4787-10/port-unreachable", "ICMPv4 3/3 from 198.51.100.1 quoting "
    "203.0.113.1:40001 -> 198.51.100.1:53 reaches X' as ICMPv6 1/4 "
    "quoting [X']:40001 -> [Pref64::Z]:53; no binding or session goes",
    BEH,
    ip4_icmp(Z1, T1, 3, 3, body=Q4, ttl=64),
    ip6_icmp(p6(Z1), X6, 1, 4, body=Q6, hlim=63),
    counters={"session_expired": 0},
    state=both(count("bib", "udp", 2), count("session", "udp", 3)))
vec("4787-10/still-mapped", "after it, 198.51.100.1:53 still reaches "
    "[X']:40001 on the same mapping", BEH,
    *in46(u(53, 40001), u(53, 40001)), counters={"session_new": 0})

# ---- TCP: RFC 5382 ----

send, exp = out64(t(40001, 80, "S"), t(40001, 80, "S"))
vec("5382-1/out", "a SYN from [X']:40001 to 198.51.100.1:80 binds "
    "203.0.113.1:40001 in the TCP BIB: the UDP binding of the same "
    "[X']:40001 does not serve it (7857-5, the outbound half)", BEH, send,
    exp, ignore=ID,
    counters={"bib_new": 1, "session_new": 1})
send, exp = out64(t(40001, 80, "S"), t(40001, 80, "S"), dst4=Z2)
vec("5382-1/eim", "a SYN from the same [X']:40001 to 198.51.100.2:80 "
    "leaves from the same 203.0.113.1:40001 (simultaneous open: "
    "6146-23)", BEH, send, exp,
    ignore=ID, counters={"bib_new": 0, "session_new": 1},
    state=session("tcp", Z2, "v6_init"))

# A destination unreachable about a TCP flow is translated and ends
# nothing (5382-6). The SYN as it left, and as X' sent it.
QT4 = bytes(v4(t(40001, 80, "S"), src=T1, dst=Z1, ttl=63, ident=0x5151))
QT6 = bytes(v6(t(40001, 80, "S"), src=X6, dst=p6(Z1), hlim=63))
vec("5382-6/unreachable", "ICMPv4 3/1 from 198.51.100.1 quoting X's SYN "
    "as it left reaches X' as ICMPv6 1/0 quoting the SYN X' sent; the "
    "connection's session stays", BEH,
    ip4_icmp(Z1, T1, 3, 1, body=QT4, ttl=64),
    ip6_icmp(p6(Z1), X6, 1, 0, body=QT6, hlim=63),
    state=session("tcp", Z1, "v6_init"))

# ---- ICMP queries: RFC 5508 ----

send, exp = out64(echo4(2000), echo6(0x1234))
vec("5508-1/out", "an echo request of X' id 0x1234 to 198.51.100.1 "
    "leaves with identifier 2000", BEH, send, exp, ignore=ID,
    counters={"bib_new": 1, "session_new": 1})
send, exp = out64(echo4(2000), echo6(0x1234), dst4=Z2)
vec("5508-1/eim", "the same identifier to 198.51.100.2 leaves with the "
    "same 203.0.113.1 and identifier 2000", BEH, send,
    exp, ignore=ID, counters={"bib_new": 0, "session_new": 1})
vec("5508-1/reply", "198.51.100.2's echo reply reaches X' with id "
    "0x1234", BEH,
    *in46(echo4(2000, typ=0), echo6(0x1234, reply=True), src4=Z2),
    counters={"session_new": 0})

# ---- ICMP errors: RFC 5508 ----
# Destination Unreachable (4787-10 above), Time Exceeded (6146-35/E15)
# and Echo (5508-1) are translated (5508-6); the rest is dropped.

vec("5508-4/idle", "1.5 s without traffic", BEH, [], wait=1.5)
QE4 = bytes(v4(echo4(2000), src=T1, dst=Z2, ttl=63, ident=0x5151))
QE6 = bytes(v6(echo6(0x1234), src=X6, dst=p6(Z2), hlim=63))
vec("5508-4/error", "ICMPv4 3/1 from 198.51.100.2 quoting the echo "
    "request 203.0.113.1 id 2000 -> 198.51.100.2 reaches X' as ICMPv6 1/0 "
    "quoting its own request (id 0x1234); the query session is neither "
    "refreshed nor deleted", BEH, ip4_icmp(Z2, T1, 3, 1, body=QE4, ttl=64),
    ip6_icmp(p6(Z2), X6, 1, 0, body=QE6, hlim=63),
    state=session("icmp", Z2, life=(0, 59000)))
QN4 = bytes(v4(u(40002, 53), src=T1, dst=Z1, ttl=63, ident=0x5151))
vec("5508-3/no-mapping", "ICMPv4 3/3 quoting 203.0.113.1:40002 -> "
    "198.51.100.1:53, a port no binding holds: dropped", BEH,
    ip4_icmp(Z1, T1, 3, 3, body=QN4, ttl=64), drop("drop_no_state"))
vec("5508-2/bad-checksum", "ICMPv4 3/3 about X's flow with a wrong ICMP "
    "checksum: dropped, not translated", BEH,
    corrupt(ip4_icmp(Z1, T1, 3, 3, body=Q4, ttl=64)), drop("drop_csum"))
vec("5508-6/source-quench", "ICMPv4 source quench (type 4) about X's "
    "flow: dropped, not translated", BEH,
    ip4_icmp(Z1, T1, 4, 0, body=Q4, ttl=64), drop("drop_icmp_type"))
vec("5508-6/info-request", "ICMPv4 information request (type 15) to "
    "203.0.113.1 id 2000: dropped, not translated", BEH,
    ip4_icmp(Z1, T1, 15, 0, rest=b"\x07\xd0\x00\x01", ttl=64),
    drop("drop_icmp_type"))

# ---- TCP hairpinning (5382-5) ----

A6, B6 = "2001:db8::a", "2001:db8::b"
T1_6 = p6(T1)
HAIRT = nat64((T1, "tcp", "1000-1000"),
              bib=[("tcp", f"{T1}#2000", f"{B6}#5000")])
send = v6(t(1000, 2000, "S"), src=A6, dst=T1_6, hlim=64)
exp = v6(t(1000, 5000, "S"), src=T1_6, dst=B6, hlim=63)
vec("5382-5/syn", "a SYN of [2001:db8::a]:1000 to [Pref64::203.0.113.1]"
    ":2000 (static to [2001:db8::b]:5000) reaches b from its external "
    "address, [Pref64::203.0.113.1]:1000", HAIRT, send, exp,
    counters={"hairpin": 1})
send = v6(t(5000, 1000, "SA", 5000, 1001), src=B6, dst=T1_6, hlim=64)
exp = v6(t(2000, 1000, "SA", 5000, 1001), src=T1_6, dst=A6, hlim=63)
vec("5382-5/synack", "b's SYN-ACK reaches a from [Pref64::203.0.113.1]"
    ":2000", HAIRT, send, exp, counters={"hairpin": 1})

# ---- policy and quotas ----

# Under address-dependent filtering a packet that the filter refuses
# refreshes nothing (7857-6).
ADF = nat64((T1, "udp", "40001-40001"), glob={"filtering": "adf"},
            tag="behave-adf")
send, exp = out64(u(40001, 53), u(40001, 53))
vec("7857-6/out", "ADF: [X']:40001 -> 198.51.100.1:53 binds "
    "203.0.113.1:40001", ADF, send, exp, ignore=ID)
vec("7857-6/idle", "1.5 s without traffic", ADF, [], wait=1.5)
send, _ = in46(u(7000, 40001), u(7000, 40001), src4="198.51.100.9")
vec("7857-6/refused", "198.51.100.9, which X' never wrote to, is refused "
    "by the filter, and the session with 198.51.100.1 is not refreshed",
    ADF, send, drop("drop_filtered"),
    state=session("udp", Z1, life=(0, 298600)))

# A subscriber at its quota of ports: the packet is dropped with an
# ICMPv6 destination unreachable, and the mapping it has stays (6888-2).
QUOTA = nat64((T1, "udp", "40001-40003"),
              glob={"subscriber-max-ports": 1}, tag="behave-quota")
send, exp = out64(u(40001, 53), u(40001, 53))
vec("6888-2/first", "subscriber-max-ports 1: [X']:40001 binds "
    "203.0.113.1:40001", QUOTA, send, exp, ignore=ID,
    counters={"bib_new": 1})
send, _ = out64(u(40003, 53), u(40003, 53))
vec("6888-2/over", "[X']:40003 would be a second port: dropped, ICMPv6 "
    "1/3 back, no binding made", QUOTA, send,
    drop("drop_sub_ports", [xl_err6(send, 1, 3)]),
    counters={"bib_new": 0})
vec("6888-2/kept", "the first mapping was not evicted: 198.51.100.1:53 "
    "still reaches [X']:40001", QUOTA, *in46(u(53, 40001), u(53, 40001)),
    state=count("bib", "udp", 1))

# ---- size: RFC 4787 REQ-13/14 (4787-11) ----
# The harness routes 203.0.113.133 with MTU 1400 and 203.0.113.5 with
# MTU 576 on the IPv4 side. What would leave with DF=1 (above 1260 bytes,
# 7915-34) and does not fit is answered with a Packet Too Big; what
# leaves with DF=0 is fragmented. (Out of order fragments coming in:
# 6146-17/udp0-frag.)
MTU = nat64((T1, "udp", "40001-40001"), tag="behave-mtu")
send, _ = out64(u(40001, 53, n=1452), u(40001, 53, n=1452), dst4=MID4)
vec("4787-11/too-big", "[X']:40001 sends 1500 bytes towards a 1400-byte "
    "IPv4 next hop: ICMPv6 Packet Too Big, MTU 1420", MTU, send,
    drop("drop_too_big", [xl_err6(send, 2, 0, rest32(1420))]))
send, exp = out64(u(40001, 53, n=952), u(40001, 53, n=952), dst4=SMALL4)
vec("4787-11/fragmented", "[X']:40001 sends 1000 bytes (DF=0 once IPv4) "
    "towards a 576-byte IPv4 next hop: IPv4 fragments of at most 576 "
    "bytes, one ID", MTU, send,
    [frag4(exp, off, min(552, 960 - off), off + 552 < 960)
     for off in (0, 552)], ignore=ID, check=same_id)

# ---- unpredictable ports and IDs (7857-8) ----
# Twenty hosts of one subscriber, all from port 40001, which the first
# holds: each gets another odd port of 40001-40099 (RFC 6056: from a
# random place, not the next one up), and the IPv4 IDs (RFC 6864) are
# not a counter either.
RAND = nat64((T1, "udp", "40001-40099"), tag="behave-random")
send, exp = out64(u(40001, 53), u(40001, 53))
vec("7857-8/first", "[X']:40001 binds 203.0.113.1:40001", RAND, send,
    exp, ignore=ID, counters={"bib_new": 1})
HOSTS = [f"2001:db8::{0x100 + i:x}" for i in range(20)]
pairs = [out64(u(40001, 53), u(40001, 53), src6=h) for h in HOSTS]


def scattered(got):
    ports = [IP(p)[1].sport for p in got[4]]
    ids = [IP(p).id for p in got[4]]
    if len(ports) != len(HOSTS):
        return f"{len(ports)} packets out, want {len(HOSTS)}"
    if any(p % 2 == 0 or not 40003 <= p <= 40099 for p in ports):
        return f"ports {ports}: want odd ones in 40003-40099"
    if len(set(ports)) != len(ports):
        return f"ports {ports}: one given twice"
    if ports in (sorted(ports), sorted(ports, reverse=True)):
        return f"ports {ports}: in order, as a counter would give them"
    steps = {(b - a) & 0xffff for a, b in zip(ids, ids[1:])}
    if len(steps) == 1:
        return f"IPv4 IDs {ids}: a constant step"
    return None


vec("7857-8/random", "twenty hosts of the same subscriber from port 40001 "
    "(taken): twenty other odd ports of the range, not in order; IPv4 IDs "
    "with no constant step", RAND, [p[0] for p in pairs],
    [p[1] for p in pairs], ignore=ID + ["udp.sport"], check=scattered,
    counters={"bib_new": len(HOSTS)})


# ---- address pooling paired: strict and soft (7857-4) ----
# Two pool4 addresses with one UDP port each. X' binds one of them (the
# keyed hash of its /56 chooses which); a second port of X's subscriber
# finds that address full. Strict APP, the default, drops it; another
# subscriber still gets the other address. Soft APP puts the second
# binding on the other address.
APP2 = ("203.0.113.2/31", "udp", "40001-40001")
X7 = "2001:db8:7::5"		# another subscriber (another /56)


def from_pool(got):
    srcs = [IP(p).src for p in got[4]]
    if any(a not in ("203.0.113.2", "203.0.113.3") for a in srcs):
        return f"IPv4 sources {srcs}: want pool4's 203.0.113.2 or .3"
    return None


def two_addrs(got):
    srcs = [IP(p).src for p in got[4]]
    if len(srcs) != 2 or from_pool(got):
        return f"IPv4 sources {srcs}: want two of pool4's"
    if srcs[0] == srcs[1]:
        return f"IPv4 sources {srcs}: want the second on the other address"
    return None


STRICT = nat64(APP2, tag="behave-app")
send, exp = out64(u(40001, 53), u(40001, 53), src4="203.0.113.2")
vec("7857-4/first", "[X']:40001 binds port 40001 of one of 203.0.113.2 "
    "and .3", STRICT, send, exp, ignore=ID + ["ip.src"], check=from_pool,
    counters={"bib_new": 1})
send, _ = out64(u(40003, 53), u(40003, 53))
vec("7857-4/strict", "app strict (the default): [X']:40003 finds X's "
    "address full: dropped, ICMPv6 1/3 back, not put on the other address",
    STRICT, send, drop("drop_app", [xl_err6(send, 1, 3)]),
    counters={"bib_new": 0}, state=count("bib", "udp", 1))
send, exp = out64(u(40001, 53), u(40001, 53), src6=X7,
                  src4="203.0.113.2")
vec("7857-4/other-subscriber", "another subscriber's [2001:db8:7::5]:40001 "
    "gets the address X' left free", STRICT, send, exp,
    ignore=ID + ["ip.src"], check=from_pool, counters={"bib_new": 1},
    state=count("bib", "udp", 2))

SOFT = nat64(APP2, glob={"app": "soft"}, tag="behave-app-soft")
s1, e1 = out64(u(40001, 53), u(40001, 53), src4="203.0.113.2")
s2, e2 = out64(u(40001, 53), u(40003, 53), src4="203.0.113.2")
vec("7857-4/soft", "app soft: [X']:40001 binds one address, [X']:40003 "
    "finds it full and binds port 40001 of the other", SOFT, [s1, s2],
    [e1, e2], ignore=ID + ["ip.src"], check=two_addrs,
    counters={"bib_new": 2, "drop_app": 0})

# ---- partially open and closing TCP apart (7857-1) ----
# tcp-init-timeout 60: a session in V6 INIT lives 60 s; once it opened
# and a reset closes it, TRANS lives tcp-trans-timeout (240 s) still.
INIT = nat64((T1, "tcp", "40001-40001"), glob={"tcp-init-timeout": 60},
             tag="behave-init")
send, exp = out64(t(40001, 80, "S"), t(40001, 80, "S"))
vec("7857-1/partially-open", "tcp-init-timeout 60: a V6 SYN makes a "
    "session in V6 INIT for 60 s, not TCP_TRANS", INIT, send, exp,
    ignore=ID, state=session("tcp", Z1, "v6_init", (55000, 60000)))
vec("7857-1/open", "the SYN-ACK from 198.51.100.1: ESTABLISHED for "
    "TCP_EST", INIT, *in46(t(80, 40001, "SA", 5000, 1001),
                           t(80, 40001, "SA", 5000, 1001)),
    state=session("tcp", Z1, "established", EST))
vec("7857-1/closing", "a reset from 198.51.100.1: TRANS for "
    "tcp-trans-timeout, 240 s, whatever tcp-init-timeout says", INIT,
    *in46(t(80, 40001, "R", 5001), t(80, 40001, "R", 5001)),
    state=session("tcp", Z1, "trans", TRANS))


# ---- no ALG by default (4787-8, 5382-4) ----
# An ALG rewrites the addresses and ports an application writes in its
# payload. None is on by default: a SIP request (UDP) and an RTSP SETUP
# (TCP) that name X's IPv6 address and ports cross byte for byte. (The
# per-ALG switches come with the ALGs themselves.)
ALG = nat64((T1, "udp", "40001-40001"), (T1, "tcp", "40001-40001"),
            tag="behave-alg")
SIP = (b"INVITE sip:bob@example.net SIP/2.0\r\n"
       b"Via: SIP/2.0/UDP [2001:db8::5]:40001\r\n"
       b"Contact: <sip:alice@[2001:db8::5]:40001>\r\n"
       b"Content-Type: application/sdp\r\n\r\n"
       b"c=IN IP6 2001:db8::5\r\nm=audio 40002 RTP/AVP 0\r\n")
send, exp = out64(UDP(sport=40001, dport=5060) / Raw(SIP),
                  UDP(sport=40001, dport=5060) / Raw(SIP))
vec("4787-8/off-by-default", "no UDP ALG by default: a SIP INVITE from "
    "[X']:40001 naming [2001:db8::5] and its ports leaves with its "
    "payload as it was", ALG, send, exp, ignore=ID)
send, exp = out64(t(40001, 554, "S"), t(40001, 554, "S"))
vec("5382-4/syn", "a SYN from [X']:40001 to 198.51.100.1:554 (RTSP)",
    ALG, send, exp, ignore=ID)
vec("5382-4/synack", "its SYN-ACK", ALG,
    *in46(t(554, 40001, "SA", 5000, 1001), t(554, 40001, "SA", 5000, 1001)),
    state=session("tcp", Z1, "established", EST))
RTSP = (b"SETUP rtsp://198.51.100.1/cam RTSP/1.0\r\nCSeq: 1\r\n"
        b"Transport: RTP/AVP;unicast;destination=2001:db8::5;"
        b"client_port=40002-40003\r\n\r\n")
send, exp = out64(t(40001, 554, "PA", 1001, 5001) / Raw(RTSP),
                  t(40001, 554, "PA", 1001, 5001) / Raw(RTSP))
vec("5382-4/off-by-default", "no TCP ALG by default (besides FTP's, "
    "which 5382-4 leaves open): an RTSP SETUP naming X's address and "
    "ports crosses with its payload as it was", ALG, send, exp, ignore=ID)
