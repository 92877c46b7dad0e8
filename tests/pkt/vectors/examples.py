# SPDX-License-Identifier: GPL-2.0-only
"""The worked packet examples of conformance.md section 11 that concern
SIIT: E2-E10 and E16 (E1 is rfc6052.py: every /n of RFC 6052 Table 1,
both ways). The others (E11-E15, E17-E22) are NAT64, DS-Lite, PCP, ALGs
and logging."""
from scapy.layers.inet import IP, UDP
from scapy.layers.inet6 import IPv6, IPv6ExtHdrRouting
from scapy.packet import Raw

from pktlib import (BASE, C4, C6, S4, S6, POOL6, Cfg, vec, drop, frag6,
                    rest32, rest_ptr, rest_mtu4)
from .flows import (udp, x46, x64, v4, xl_err4, xl_err6, with_options,
                    refused)
from .rfc7915_icmp46 import err46, err46_drop, quote as quote46
from .rfc7915_icmp64 import err64, err64_drop, quote as quote64
from .rfc7757 import FIG1

# ---- E2 (7915-6/7/8/9/28, 6052-12): IPv4 -> IPv6 UDP, every byte ----

E2_IN = (IP(version=4, ihl=5, tos=0xb8, len=48, id=0xabcd, flags="DF",
            ttl=64, proto=17, chksum=0xa1e0, src="198.51.100.2",
            dst="192.0.2.33") /
         UDP(sport=40000, dport=53, len=28, chksum=0x1c85) /
         Raw(bytes(range(20))))
E2_OUT = (IPv6(version=6, tc=0xb8, fl=0, plen=28, nh=17, hlim=63,
               src="2001:db8:64::c633:6402", dst="2001:db8:1::33") /
          UDP(sport=40000, dport=53, len=28, chksum=0x829c) /
          Raw(bytes(range(20))))
vec("7915-28/E2", "E2: TOS 0xb8, DF=1, TTL 64, UDP csum 0x1c85 becomes TC "
    "0xb8, HL 63, no Fragment Header, UDP csum 0x829c (7915-6, 7915-7, "
    "7915-8, 7915-9, 6052-12)", BASE, E2_IN, E2_OUT)
vec("6052-9/E2-wkp", "E2 under the WKP (64:ff9b::c633:6402 -> "
    "64:ff9b::c000:221): non-global addresses, dropped by a strict "
    "translator", Cfg(pool6="64:ff9b::/96"), E2_IN, refused(E2_IN))

# ---- E3 (7915-3/13): DF=0 oversize ----

send, exp = x46(udp(n=1472), ident=0x1234)
vec("7915-3/E3", "E3: UDP of 1500 bytes, DF=0, ID 0x1234: fragments of "
    "1280 (offset 0, M=1) and 296 bytes (offset 154), ID 0x00001234, NH 17",
    BASE, send, [frag6(exp, 0, 1232, 1, 0x1234),
                 frag6(exp, 1232, 248, 0, 0x1234)])

# ---- E4 (7915-2): DF=0 small ----

vec("7915-2/E4", "E4: UDP of 100 bytes, DF=0: payload length 80, NH 17, no "
    "Fragment Header", BASE, *x46(udp(n=72)))

# ---- E5 (7915-34/35): IPv6 -> IPv4 DF and ID ----


def id_varies(got):
    ids = [IP(p).id for p in got[4]]
    if 0 in ids or len(set(ids)) < 2:
        return f"IDs {ids}: want non-zero and varying"
    return None


send, exp = x64(udp(n=952, sport=53, dport=40000))
vec("7915-34/E5-1000", "E5: IPv6 of 1000 bytes, no Fragment Header: IPv4 "
    "TL 980, DF=0, MF=0, TTL 63", BASE, send, exp, ignore=["ip.id"])
vec("7915-35/E5", "E5: the ID is non-zero and varies between packets "
    "(7915-35)", BASE, [send] * 4, [exp] * 4, ignore=["ip.id"],
    check=id_varies)
send, exp = x64(udp(n=1352, sport=53, dport=40000))
vec("7915-34/E5-1400", "E5: IPv6 of 1400 bytes: IPv4 TL 1380, DF=1", BASE,
    send, exp, ignore=["ip.id"])

# ---- E6 (7915-19/20): Fragmentation Needed -> PTB ----

BQ4, BQ6 = quote46(udp(n=1372, sport=53, dport=40000), df=True)
err46("7915-19/E6", "E6: 3/4 MTU 1400 becomes PTB 1420 = min(1400 + 20, "
      "1500, 1500 + 20)", 3, 4, rest_mtu4(1400), 2, 0, rest32(1420),
      q=(BQ4, BQ6), n4=52, n6=72)
err46("7915-20/E6", "E6: 3/4 MTU 0, quoted length 1400: PTB 1280 (no "
      "RFC 1191 plateau in [1280, 1400))", 3, 4, rest_mtu4(0), 2, 0,
      rest32(1280), q=(BQ4, BQ6), n4=52, n6=72)

# ---- E7 (7915-47): PTB -> Fragmentation Needed ----

PQ4, PQ6 = quote64(udp(n=1372))
err64("7915-47/E7", "E7: PTB 1400 becomes 3/4 MTU 1380 = min(1400 - 20, "
      "1500, 1500 - 20)", 2, 0, rest32(1400), 3, 4, rest_mtu4(1380),
      q=(PQ4, PQ6), n6=72, n4=52)

# ---- E8 (7915-18/22/48): Parameter Problem pointers ----

err46("7915-22/E8-ptr8", "E8: ICMPv4 12/0 pointer 8 becomes ICMPv6 4/0 "
      "pointer 7", 12, 0, rest_ptr(8), 4, 0, rest32(7))
err46_drop("7915-22/E8-ptr4", "E8: ICMPv4 12/0 pointer 4 is dropped", 12, 0,
           rest_ptr(4))
err46("7915-18/E8", "E8: ICMPv4 3/2 becomes ICMPv6 4/1 pointer 6", 3, 2,
      b"\0" * 4, 4, 1, rest32(6))
err64("7915-48/E8-ptr24", "E8: ICMPv6 4/0 pointer 24 becomes ICMPv4 12/0 "
      "pointer 16", 4, 0, rest32(24), 12, 0, rest_ptr(16))
err64("7915-48/E8-code1", "E8: ICMPv6 4/1 becomes ICMPv4 3/2", 4, 1,
      rest32(0), 3, 2, b"\0" * 4)
err64_drop("7915-48/E8-ptr2", "E8: ICMPv6 4/0 pointer 2 is dropped", 4, 0,
           rest32(2))

# ---- E9 (7915-41): routing header ----

rh3 = Raw(bytes([17, 2, 3, 2, 0, 0, 0, 0]) + bytes(16))	# type 3, SL 2
send = IPv6(src=S6, dst=C6, hlim=64, nh=43) / rh3 / UDP(
    sport=53, dport=40000) / Raw(bytes(20))
send = IPv6(bytes(send))
vec("7915-41/E9", "E9: RH type 3 with Segments Left 2: no IPv4 packet, "
    "ICMPv6 4/0 pointer 43 to 2001:db8:1::33", BASE, send,
    xl_err6(send, 4, 0, rest32(43)), counters={"drop_rh": 1})
rh = IPv6ExtHdrRouting(type=0, segleft=0, addresses=["2001:db8::99"])
send, exp = x64(udp(sport=53, dport=40000), ext=rh)
vec("7915-39/E9-sl0", "E9: with Segments Left 0 the RH is skipped, the "
    "protocol taken from its Next Header", BASE, send, exp,
    ignore=["ip.id"])

# ---- E10 (7915-12): IPv4 source route ----

pkt = with_options(v4(udp()[0]), b"\x83\x07\x04\xcb\x00\x71\x09\x00")
vec("7915-12/E10", "E10: IHL 7 with LSRR (len 7, pointer 4, one hop) and "
    "EOL: not translated, ICMPv4 3/5 to the source", BASE, pkt,
    xl_err4(pkt, 3, 5), counters={"drop_srr": 1})

# ---- E16 (7757-5/6/8): EAM, RFC 7757 figure 7 ----
# (with a Network-Specific Prefix: the WKP would refuse 192.0.2.x, 6052-9)

NSP = Cfg(pool6=POOL6, eam=FIG1)
vec("7757-5/E16", "E16: 192.0.2.152 is 2001:db8:dddd:0:6000::", NSP,
    *x46(udp(), dst4="192.0.2.152", dst6="2001:db8:dddd:0:6000::"))
send, exp = x64(udp(sport=53, dport=40000),
                src6="2001:db8:dddd:0:6fff:ffff:ffff:ffff",
                src4="192.0.2.155")
vec("7757-6/E16", "E16: 2001:db8:dddd:0:6fff:ffff:ffff:ffff is "
    "192.0.2.155", NSP, send, exp, ignore=["ip.id"])
INTR = Cfg(pool6=POOL6, eam=FIG1, glob={"hairpin": "intrinsic"})
send, _ = x64(udp(sport=1000, dport=2000), src6="2001:db8:aaaa::",
              dst6="2001:db8:64::c000:202")
_, exp = x46(udp(sport=1000, dport=2000), src4="192.0.2.1",
             dst4="192.0.2.2", src6="2001:db8:64::c000:201",
             dst6="2001:db8:bbbb::b", ttl=64)
vec("7757-8/E16", "E16: 2001:db8:aaaa:: -> pool6(192.0.2.2) comes out as "
    "pool6(192.0.2.1) -> 2001:db8:bbbb::b, hop limit decremented once",
    INTR, send, exp)

_ = (C4, S4, quote64, BASE)
