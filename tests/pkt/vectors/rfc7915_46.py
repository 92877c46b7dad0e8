# SPDX-License-Identifier: GPL-2.0-only
"""RFC 7915 section 4.1 and 4.5 (conformance.md section 2, IPv4 -> IPv6
headers and transport), baseline configuration: pool6 2001:db8:64::/96,
EAM 192.0.2.33 <-> 2001:db8:1::33. 7915-14 (ordering) is here for both
directions; 7915-33 too."""
from scapy.layers.inet import IP, UDP
from scapy.layers.inet6 import IPv6
from scapy.packet import Raw

from pktlib import (BASE, BASE_EAM, C4, C6, S4, S6, GW4, MID4_6HOST, SMALL4,
                    Cfg, Exp, vec, drop, p6, frag4, frag6, corrupt,
                    udp_zero_sum_payload)
from .flows import (udp, tcp, echo, dccp, raw, x46, x64, v4, v6, xl_err4,
                    with_options, refused)


def cfg(**glob):
    return Cfg(eam=BASE_EAM, glob=glob)


# ---- 7915-1: a router never drops a packet silently for its size ----

big = v4(udp(n=1472)[0], df=True)
vec("7915-1/46-df1", "DF=1, 1500 bytes, IPv6 next hop 1500: ICMPv4 3/4 "
    "with MTU 1480, not a silent drop", BASE, big, xl_err4(big, 3, 4,
                                                             b"\0\0\x05\xc8"),
    counters={"drop_too_big": 1, "icmp_sent": 1})
send, exp = x46(udp(n=1472), ident=0x0b0b)
vec("7915-1/46-df0", "DF=0, 1500 bytes: fragmented, not dropped", BASE, send,
    [frag6(exp, 0, 1232, 1, 0x0b0b), frag6(exp, 1232, 248, 0, 0x0b0b)])

# ---- 7915-2: no atomic fragments ----

for name, pair, n in [("udp", udp(n=72), 100), ("tcp", tcp(n=60), 100),
                      ("echo", echo(n=72), 100)]:
    send, exp = x46(pair)
    vec(f"7915-2/df0-{name}", f"DF=0, unfragmented {name}, {n} bytes: no "
        "Fragment Header", BASE, send, exp)
send, exp = x46(udp(n=1232))
vec("7915-2/df0-1260", "DF=0, 1260 bytes: 1280 in IPv6, fits, no Fragment "
    "Header", BASE, send, exp)
send, exp = x46(udp(n=1232), df=True)
vec("7915-2/df1-1260", "DF=1, 1260 bytes: no Fragment Header", BASE, send,
    exp)

# ---- 7915-3, 7915-4: DF=0 packets bigger than lowest-ipv6-mtu ----

send, exp = x46(udp(n=1233), ident=0x2345)
vec("7915-3/df0-1261", "DF=0, 1261 bytes: fragments of 1280 and 57 bytes, "
    "ID 0x00002345", BASE, send,
    [frag6(exp, 0, 1232, 1, 0x2345), frag6(exp, 1232, 9, 0, 0x2345)])
send, exp = x46(tcp(n=1360), ident=0x3456)
vec("7915-3/tcp", "DF=0 TCP of 1400 bytes: two fragments of <= 1280", BASE,
    send, [frag6(exp, 0, 1232, 1, 0x3456), frag6(exp, 1232, 148, 0, 0x3456)])
send, exp = x46(echo(n=1472), ident=0x4567)
vec("7915-3/echo", "DF=0 ICMP echo of 1500 bytes: ICMPv6 checksum over the "
    "whole message, two fragments", BASE, send,
    [frag6(exp, 0, 1232, 1, 0x4567), frag6(exp, 1232, 248, 0, 0x4567)])
M1400 = cfg(**{"lowest-ipv6-mtu": 1400})
send, exp = x46(udp(n=1472), ident=0x5678)
vec("7915-4/1400", "lowest-ipv6-mtu 1400: DF=0 1500 bytes gives fragments of "
    "1400 and 176 bytes", M1400, send,
    [frag6(exp, 0, 1352, 1, 0x5678), frag6(exp, 1352, 128, 0, 0x5678)])
send, exp = x46(udp(n=1352))
vec("7915-4/1400-fits", "lowest-ipv6-mtu 1400: DF=0 1380 bytes is 1400 in "
    "IPv6, not fragmented", M1400, send, exp)
send, exp = x46(udp(n=1353), ident=0x6789)
vec("7915-4/1400-1381", "lowest-ipv6-mtu 1400: DF=0 1381 bytes is "
    "fragmented", M1400, send,
    [frag6(exp, 0, 1352, 1, 0x6789), frag6(exp, 1352, 9, 0, 0x6789)])

M1500 = cfg(**{"lowest-ipv6-mtu": 1500})
send, exp = x46(udp(n=1472), dst4=MID4_6HOST, dst6=p6(MID4_6HOST),
                ident=0x789a)
vec("7915-4/nexthop-smaller", "lowest-ipv6-mtu 1500, IPv6 next hop 1400: "
    "DF=0 1500 bytes gives fragments of at most 1400", M1500, send,
    [frag6(exp, 0, 1352, 1, 0x789a), frag6(exp, 1352, 128, 0, 0x789a)])

# ---- 7915-5: DF=1 and too big for the IPv6 next hop ----

mid6 = p6(MID4_6HOST)		# its IPv6 route has mtu 1400
pkt = v4(udp(n=1372)[0], dst=MID4_6HOST, df=True)
vec("7915-5/nh1400", "DF=1, 1400 bytes, IPv6 next hop 1400: ICMPv4 3/4 "
    "MTU 1380", BASE, pkt, xl_err4(pkt, 3, 4, b"\0\0\x05\x64"),
    counters={"drop_too_big": 1, "icmp_sent": 1})
send, exp = x46(udp(n=1352), dst4=MID4_6HOST, dst6=mid6, df=True)
vec("7915-5/nh1400-fits", "DF=1, 1380 bytes is exactly 1400 in IPv6: "
    "translated", BASE, send, exp)
pkt = v4(udp(n=1353)[0], dst=MID4_6HOST, df=True)
vec("7915-5/nh1400-1381", "DF=1, 1381 bytes over a 1400 next hop: ICMPv4 "
    "3/4 MTU 1380", BASE, pkt, xl_err4(pkt, 3, 4, b"\0\0\x05\x64"),
    counters={"drop_too_big": 1})

# ---- 7915-6: the IPv6 header ----

send, exp = x46(udp(n=20), tos=0, ttl=64)
vec("7915-6/basic", "version 6, flow label 0, payload length = total "
    "length - 20", BASE, send, exp)
send, exp = x46(udp(n=20))
send = with_options(send, b"\x01\x01\x01\x00")
vec("7915-6/options-not-counted", "IHL 6 (NOP NOP NOP EOL): payload "
    "length counts no option", BASE, send, exp)

# ---- 7915-7: Traffic Class ----

for name, tos in [("b8", 0xb8), ("ecn", 0x03), ("ff", 0xff)]:
    send, exp = x46(udp(), tos=tos)
    vec(f"7915-7/tos-{name}", f"TOS {tos:#04x} is Traffic Class {tos:#04x}",
        BASE, send, exp)
send, exp = x46(udp(), tos=0xb8, tc=0)
vec("7915-7/tclass-zero", "tclass zero: TOS 0xb8 gives Traffic Class 0",
    cfg(tclass="zero"), send, exp)

# ---- 7915-8: protocol numbers ----

vec("7915-8/icmp-58", "protocol 1 becomes Next Header 58", BASE,
    *x46(echo()))
vec("7915-8/tcp", "protocol 6 copied", BASE, *x46(tcp()))
vec("7915-8/udp", "protocol 17 copied", BASE, *x46(udp()))
for name, proto in [("sctp", 132), ("gre", 47), ("esp", 50), ("ah", 51),
                    ("ospf", 89), ("unassigned-253", 253)]:
    vec(f"7915-8/{name}", f"protocol {proto} copied, payload untouched", BASE,
        *x46(raw(proto), proto=proto))
vec("7915-8/dccp", "DCCP (33) copied, its pseudo-header checksum updated",
    BASE, *x46(dccp(C4, S4, C6, S6), proto=33))

# ---- 7915-9: TTL ----

vec("7915-9/ttl64", "TTL 64 gives Hop Limit 63", BASE, *x46(udp(), ttl=64))
vec("7915-9/ttl2", "TTL 2 gives Hop Limit 1", BASE, *x46(udp(), ttl=2))
vec("7915-9/ttl255", "TTL 255 gives Hop Limit 254", BASE,
    *x46(udp(), ttl=255))
for ttl in (1, 0):
    pkt = v4(udp()[0], ttl=ttl)
    vec(f"7915-9/ttl{ttl}", f"TTL {ttl}: ICMPv4 11/0 to the source, no "
        "IPv6 packet", BASE, pkt, xl_err4(pkt, 11, 0),
        counters={"drop_hoplimit": 1, "icmp_sent": 1})

# ---- 7915-10: illegal sources (inner ones: rfc7915_icmp46.py) ----

for name, src in [("0.0.0.0", "0.0.0.0"), ("0.1.2.3", "0.1.2.3"),
                  ("127.0.0.1", "127.0.0.1"), ("127.9.9.9", "127.9.9.9")]:
    send, _ = x46(udp(), src4=src)
    vec(f"7915-10/src-{name}", f"source {src}: dropped silently", BASE,
        send, drop("drop_src_illegal"))

# ---- 7915-11: options are ignored ----

for name, opt in [
        ("rr", b"\x07\x07\x04\x00\x00\x00\x00\x00"),
        ("ts", b"\x44\x0c\x05\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
        ("ra", b"\x94\x04\x00\x00"),
        ("nop-rr", b"\x01\x07\x07\x04\x00\x00\x00\x00")]:
    send, exp = x46(udp())
    send = with_options(send, opt)
    vec(f"7915-11/{name}", f"option {name}: ignored, packet translated",
        BASE, send, exp)

# ---- 7915-12: unexpired source routes ----

for name, opt in [("lsrr", b"\x83\x07\x04\xc6\x33\x64\x09\x00"),
                  ("ssrr", b"\x89\x07\x04\xc6\x33\x64\x09\x00"),
                  ("nop-lsrr", b"\x01\x83\x07\x04\xc6\x33\x64\x09"),
                  ("lsrr-2hops", b"\x83\x0b\x08\xc6\x33\x64\x09\xc6\x33\x64"
                   b"\x0a\x00")]:
    pkt = with_options(v4(udp()[0]), opt)
    vec(f"7915-12/{name}", f"unexpired {name}: discarded, ICMPv4 3/5", BASE,
        pkt, xl_err4(pkt, 3, 5), counters={"drop_srr": 1, "icmp_sent": 1})
send, exp = x46(udp())
send = with_options(send, b"\x83\x07\x08\xc6\x33\x64\x09\x00")
vec("7915-12/lsrr-expired", "LSRR with pointer 8 > length 7 (expired): "
    "translated", BASE, send, exp)

# ---- 7915-13: IPv4 fragments get a Fragment Header ----

whole4, whole6 = x46(udp(n=992), ident=0xbeef)
vec("7915-13/first", "first fragment (MF=1, offset 0): Fragment Header "
    "NH 17, M=1, ID 0x0000beef, UDP checksum of the whole datagram", BASE,
    frag4(whole4, 0, 512, 1), frag6(whole6, 0, 512, 1, 0xbeef))
vec("7915-13/middle", "middle fragment: offset 64 and M=1 copied", BASE,
    frag4(whole4, 512, 256, 1), frag6(whole6, 512, 256, 1, 0xbeef))
vec("7915-13/last", "last fragment: offset 96, M=0", BASE,
    frag4(whole4, 768, 232, 0), frag6(whole6, 768, 232, 0, 0xbeef))
t4, t6 = x46(tcp(n=600), ident=0xfeed)
vec("7915-13/tcp-first", "first fragment of TCP: checksum updated", BASE,
    frag4(t4, 0, 304, 1), frag6(t6, 0, 304, 1, 0xfeed))
e4, e6 = x46(echo(n=600), ident=0xcafe)
vec("7915-13/icmp-nonfirst", "non-first fragment of an ICMP echo: Fragment "
    "Header NH 58", BASE, frag4(e4, 304, 304, 0),
    frag6(e6, 304, 304, 0, 0xcafe))
vec("7915-13/icmp-first", "first fragment of an ICMP echo: dropped (its "
    "ICMPv6 checksum needs the whole message; docs/siit-decisions.md)", BASE,
    frag4(e4, 0, 304, 1), drop("drop_icmp_frag"))
big4, big6 = x46(udp(n=2952), ident=0x4321)
vec("7915-13/refragment-first", "a 1500-byte first fragment (MF=1): split "
    "again, offsets 0 and 154, both M=1, ID 0x00004321", BASE,
    frag4(big4, 0, 1480, 1),
    [frag6(big6, 0, 1232, 1, 0x4321), frag6(big6, 1232, 248, 1, 0x4321)])
vec("7915-13/refragment-last", "a 1500-byte last fragment (offset 1480): "
    "split at offsets 185 and 339, the last M=0", BASE,
    frag4(big4, 1480, 1480, 0),
    [frag6(big6, 1480, 1232, 1, 0x4321), frag6(big6, 2712, 248, 0, 0x4321)])

# ---- 7915-14: one flow leaves in order ----

a4, a6 = x46(udp(n=10, seed=1), ident=0x0101)
b4, b6 = x46(udp(n=1472, seed=2), ident=0x0202)
c4, c6 = x46(udp(n=10, seed=3), ident=0x0303)
vec("7915-14/46", "small, fragmented, small: leave in that order", BASE,
    [a4, b4, c4],
    [a6, frag6(b6, 0, 1232, 1, 0x0202), frag6(b6, 1232, 248, 0, 0x0202),
     c6])
sa, ea = x64(udp(n=10, seed=1, sport=53, dport=40000), dst6=p6(SMALL4),
             dst4=SMALL4)
sb, eb = x64(udp(n=952, seed=2, sport=53, dport=40000), dst6=p6(SMALL4),
             dst4=SMALL4)
sc, ec = x64(udp(n=10, seed=3, sport=53, dport=40000), dst6=p6(SMALL4),
             dst4=SMALL4)
vec("7915-14/64", "6->4 small, IPv4-fragmented, small: leave in that order",
    BASE, [sa, sb, sc],
    [ea, frag4(eb, 0, 552, 1), frag4(eb, 552, 408, 0), ec],
    ignore=["ip.id"])

# ---- 7915-28: checksums after a non-neutral translation ----

vec("7915-28/udp-eam", "UDP to the EAM address: checksum right", BASE,
    *x46(udp(n=45)))
vec("7915-28/tcp-eam", "TCP to the EAM address: checksum right", BASE,
    *x46(tcp(n=45)))
vec("7915-28/echo-eam", "ICMP echo to the EAM address: ICMPv6 checksum "
    "right", BASE, *x46(echo(n=45)))
vec("7915-28/udp-pool6", "UDP between pool6 addresses only: checksum right",
    BASE, *x46(udp(n=7), dst4="192.0.2.99", dst6=p6("192.0.2.99")))
vec("7915-28/tcp-empty", "TCP without payload: checksum right", BASE,
    *x46(tcp(n=0)))

# ---- 7915-29..31: UDP checksum zero ----

send, exp = x46(udp(n=21, chksum=0))
vec("7915-29/compute", "UDP checksum 0 (default: compute): the IPv6 packet "
    "carries the computed checksum", BASE, send, exp)
send, _ = x46(udp(n=21, chksum=0))
vec("7915-29/drop", "udp0 drop: UDP checksum 0 is dropped (and answered, "
    "7915-27)", cfg(udp0="drop"), send, refused(send, "drop_udp0"))
z4, z6 = x46(udp(n=600, chksum=0), ident=0x0d0d)
send = frag4(z4, 0, 304, 1)
vec("7915-30/first-frag", "first fragment with UDP checksum 0: dropped even "
    "with compute (and answered, 7915-27)", BASE, send,
    refused(send, "drop_udp0"))
vec("7915-30/nonfirst-frag", "a non-first fragment (no UDP header in it) "
    "is translated", BASE, frag4(z4, 304, 304, 0),
    frag6(z6, 304, 304, 0, 0x0d0d))
body = udp_zero_sum_payload(IPv6, C6, S6, 40000, 53, 30)
send, exp = x46((UDP(sport=40000, dport=53) / Raw(body),
                 UDP(sport=40000, dport=53, chksum=0xffff) / Raw(body)))
vec("7915-31/46", "a UDP checksum that comes out 0x0000 in IPv6 is sent "
    "as 0xffff", BASE, send, exp)
send, exp = x46((UDP(sport=40000, dport=53, chksum=0) / Raw(body),
                 UDP(sport=40000, dport=53, chksum=0xffff) / Raw(body)))
vec("7915-31/46-computed", "UDP checksum 0 computed to 0x0000 is sent as "
    "0xffff", BASE, send, exp)

# ---- 7915-32: a corrupt L4 checksum stays corrupt ----

for name, pair in [("udp", udp(n=40)), ("tcp", tcp(n=40)),
                   ("echo", echo(n=40))]:
    send, exp = x46(pair)
    vec(f"7915-32/{name}-46", f"{name} with a corrupt checksum: still "
        "corrupt after 4->6", BASE, corrupt(send), corrupt(exp))

# ---- 7915-33: a more specific native route wins over translation ----

send = v4(udp()[0], dst="198.18.0.5")
fwd = v4(udp()[0], dst="198.18.0.5", ttl=63)
vec("7915-33/native4", "198.18.0.0/24 has a native route: forwarded as "
    "IPv4, not translated", BASE, send, fwd)
send = v6(udp(sport=53, dport=40000)[1], src=S6, dst="2001:db8:64::c633:6501",
          hlim=64)
fwd = v6(udp(sport=53, dport=40000)[1], src=S6, dst="2001:db8:64::c633:6501",
         hlim=63)
vec("7915-33/native6", "2001:db8:64::c633:6500/120 (inside pool6) has a "
    "native route: forwarded as IPv6", BASE, send, fwd)

# the denylist: IPv4 prefixes the operator keeps out of translation
DENY = Cfg(eam=BASE_EAM, deny=("192.0.2.128/25",))
send = v4(udp()[0], dst="192.0.2.200")
vec("7915-33/denylist-46-dst", "IPv4 to a denied address is not translated "
    "but routed as IPv4", DENY, send, v4(udp()[0], dst="192.0.2.200",
                                         ttl=63), counters={"pass4": 1})
send, _ = x46(udp(), src4="192.0.2.201")
vec("7915-33/denylist-46-src", "IPv4 from a denied address is not "
    "translated", DENY, send, refused(send, "drop_denied"))
send, _ = x64(udp(sport=53, dport=40000), dst6=p6("192.0.2.200"))
vec("7915-33/denylist-64-dst", "IPv6 to pool6(denied address): dropped",
    DENY, send, refused(send, "drop_denied"))
send, _ = x64(udp(sport=53, dport=40000), src6=p6("192.0.2.201"))
vec("7915-33/denylist-64-src", "IPv6 from pool6(denied address): dropped",
    DENY, send, refused(send, "drop_denied"))

# keep flake8 quiet about names used only in some vectors
_ = (IP, Exp, GW4)
