# SPDX-License-Identifier: GPL-2.0-only
"""RFC 7915 sections 5.1, 5.1.1 and 5.5 (conformance.md section 2, IPv6 ->
IPv4 headers and transport), baseline configuration. The IPv6 server S6
(EAM 192.0.2.33) talks to the IPv4 client C6 (198.51.100.2 under pool6).

Ignored everywhere it is not copied from a Fragment Header: the IPv4 ID
(7915-35 wants it from a generator; 7915-35/varies checks that it varies).
"""
from scapy.layers.inet import IP, UDP
from scapy.layers.inet6 import (IPv6, IPv6ExtHdrHopByHop, IPv6ExtHdrDestOpt,
                                IPv6ExtHdrRouting, IPv6ExtHdrFragment, PadN)
from scapy.packet import Raw

from pktlib import (BASE, BASE_EAM, C4, C6, S4, S6, SMALL4, MID4, Cfg, vec,
                    drop, p6, payload, frag4, frag6, corrupt, rest32,
                    udp_zero_sum_payload)
from .flows import udp, tcp, echo, raw, x64, v6, xl_err6, refused

ID = ["ip.id"]


def cfg(**glob):
    return Cfg(eam=BASE_EAM, glob=glob)


def back(n=20, **kw):
    return udp(n=n, sport=53, dport=40000, **kw)


def ids_differ(got):
    ids = [IP(p).id for p in got[4]]
    if len(set(ids)) < 2:
        return f"the IPv4 IDs do not vary: {ids}"
    return None


def same_id(got):
    ids = {IP(p).id for p in got[4]}
    return None if len(ids) == 1 else f"fragments with different IDs {ids}"


# ---- 7915-34: DF from the size ----

for total in (1000, 1280, 1281, 1300, 1500):
    send, exp = x64(back(n=total - 48))
    tl = total - 20
    vec(f"7915-34/{total}", f"IPv6 of {total} bytes: IPv4 of {tl}, "
        f"DF={int(tl > 1260)}", BASE, send, exp, ignore=ID)
send, exp = x64(tcp(n=1320, sport=80, dport=40000))
vec("7915-34/tcp-1380", "TCP, 1380 bytes in IPv4: DF=1", BASE, send, exp,
    ignore=ID)

# ---- 7915-35: no Fragment Header: IHL 5, MF 0, offset 0, a fresh ID ----

send, exp = x64(back())
vec("7915-35/varies", "three identical packets: IHL 5, MF=0, offset 0, "
    "valid header checksum, IDs not all the same", BASE, [send] * 3,
    [exp] * 3, ignore=ID, check=ids_differ)
send, exp = x64(back(n=1400))
vec("7915-35/df1", "a DF=1 packet: IHL 5, offset 0, valid header checksum",
    BASE, send, exp, ignore=ID)

# ---- 7915-36: TOS ----

for name, tc in [("b8", 0xb8), ("ecn", 0x03), ("ff", 0xff)]:
    send, exp = x64(back(), tc=tc)
    vec(f"7915-36/tc-{name}", f"Traffic Class {tc:#04x} is TOS {tc:#04x}",
        BASE, send, exp, ignore=ID)
send, exp = x64(back(), tc=0xb8, tos=0x28)
vec("7915-36/tos-fixed", "tos 40: Traffic Class 0xb8 gives TOS 0x28",
    cfg(tos=40), send, exp, ignore=ID)

# ---- 7915-37, 7915-39: extension headers skipped ----

HBH = IPv6ExtHdrHopByHop()			# 8 bytes, PadN
DST = IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0" * 12)])	# 16 bytes
RH0 = IPv6ExtHdrRouting(type=0, segleft=0, addresses=["2001:db8::99"])
for name, ext in [("hbh", HBH), ("dstopts", DST), ("rh-sl0", RH0),
                  ("hbh-dstopts", HBH / DST),
                  ("hbh-rh-dstopts", HBH / RH0 / DST)]:
    send, exp = x64(back(), ext=ext.copy())
    vec(f"7915-39/{name}", f"{name} skipped, protocol from the header after "
        "it", BASE, send, exp, ignore=ID)
send, exp = x64(back(n=100), ext=HBH.copy() / DST.copy())
vec("7915-37/hbh-dstopts", "Total Length = Payload Length - 24 bytes of "
    "extension headers + 20", BASE, send, exp, ignore=ID)
send, exp = x64(echo(n=24), ext=HBH.copy())
vec("7915-39/echo-hbh", "HBH then ICMPv6 echo: protocol 1, type 8, checksum "
    "without the pseudo-header", BASE, send, exp, ignore=ID)
RH2 = IPv6ExtHdrRouting(type=2, segleft=0, addresses=["2001:db8::98"])
send, exp = x64(back(), ext=RH2)
vec("7915-39/rh2-sl0", "Routing type 2, Segments Left 0: skipped", BASE,
    send, exp, ignore=ID)

# ---- 7915-38: hop limit ----

for hl in (64, 2, 255):
    send, exp = x64(back(), hlim=hl)
    vec(f"7915-38/hl{hl}", f"hop limit {hl} gives TTL {hl - 1}", BASE, send,
        exp, ignore=ID)
for hl in (1, 0):
    send, _ = x64(back(), hlim=hl)
    vec(f"7915-38/hl{hl}", f"hop limit {hl}: ICMPv6 3/0 to the source, no "
        "IPv4 packet", BASE, send, xl_err6(send, 3, 0),
        counters={"drop_hoplimit": 1, "icmp_sent": 1})

# ---- 7915-40: illegal sources ----

send, _ = x64(back(), src6="::")
vec("7915-40/src-unspecified", "source :: is dropped silently", BASE, send,
    drop("drop_src_illegal"))
send, _ = x64(back(), src6="::1")
vec("7915-40/src-loopback", "source ::1 is dropped silently (the kernel "
    "may drop it before the translator sees it)", BASE, send, [])

# ---- 7915-41: Routing header with Segments Left != 0 ----

for name, ext, ptr in [
        ("rh0-sl1", IPv6ExtHdrRouting(type=0, segleft=1,
                                      addresses=["2001:db8::99"]), 43),
        ("rh2-sl1", IPv6ExtHdrRouting(type=2, segleft=1,
                                      addresses=["2001:db8::98"]), 43),
        ("hbh-rh0-sl1", HBH / IPv6ExtHdrRouting(
            type=0, segleft=1, addresses=["2001:db8::99"]), 51),
        ("dst-rh0-sl3", DST / IPv6ExtHdrRouting(
            type=0, segleft=3, addresses=["2001:db8::97"] * 3), 59)]:
    send, _ = x64(back(), ext=ext.copy())
    vec(f"7915-41/{name}", f"{name}: not translated, ICMPv6 4/0 pointer "
        f"{ptr}", BASE, send, xl_err6(send, 4, 0, rest32(ptr)),
        counters={"drop_rh": 1, "icmp_sent": 1})

# ---- 7915-42: Fragment Header ----

w6, w4 = x64(back(n=992))
w4[IP].id = 0x5678
w4[IP].flags = 0
FID = 0x12345678
vec("7915-42/first", "first fragment: ID 0x5678 (low 16 bits), MF=1, DF=0, "
    "offset 0, UDP checksum updated", BASE, frag6(w6, 0, 512, 1, FID),
    frag4(w4, 0, 512, 1))
vec("7915-42/middle", "middle fragment: offset 64 copied, MF=1", BASE,
    frag6(w6, 512, 256, 1, FID), frag4(w4, 512, 256, 1))
vec("7915-42/last", "last fragment: offset 96, MF=0; Total Length = "
    "Payload Length - 8 + 20", BASE, frag6(w6, 768, 232, 0, FID),
    frag4(w4, 768, 232, 0))
vec("7915-42/atomic", "atomic fragment (offset 0, M=0): DF=0, ID from the "
    "Fragment Header", BASE, frag6(w6, 0, 1000, 0, FID),
    frag4(w4, 0, 1000, 0))
w4h = w4.copy()
w4h[IP].id = 0
vec("7915-42/id-high", "fragment ID 0xabcd0000: IPv4 ID 0", BASE,
    frag6(w6, 0, 512, 1, 0xabcd0000), frag4(w4h, 0, 512, 1))
t6, t4 = x64(tcp(n=600, sport=80, dport=40000))
t4[IP].id = 0x5678
t4[IP].flags = 0
vec("7915-42/tcp-first", "first fragment of TCP: checksum updated", BASE,
    frag6(t6, 0, 304, 1, FID), frag4(t4, 0, 304, 1))
e6, e4 = x64(echo(n=600))
e4[IP].id = 0x5678
e4[IP].flags = 0
vec("7915-42/icmp-nonfirst", "non-first fragment of an ICMPv6 echo: "
    "protocol 1", BASE, frag6(e6, 304, 304, 0, FID), frag4(e4, 304, 304, 0))
vec("7915-42/icmp-first", "first fragment of an ICMPv6 echo: dropped (no "
    "length for its checksum; docs/siit-decisions.md)", BASE,
    frag6(e6, 0, 304, 1, FID), drop("drop_icmp_frag"))

# ---- 7915-43: extension headers after the Fragment Header ----

for name, nh in [("dstopts", 60), ("ah", 51), ("routing", 43), ("hbh", 0),
                 ("fragment", 44)]:
    send = (IPv6(src=S6, dst=C6, hlim=64) /
            IPv6ExtHdrFragment(nh=nh, m=1, id=FID) /
            Raw(bytes([17, 1]) + payload(46)))
    vec(f"7915-43/{name}", f"Fragment Header then {name} ({nh}): dropped",
        BASE, send, drop("drop_frag_ext"))
esp = payload(64, 17)
send = (IPv6(src=S6, dst=C6, hlim=64) /
        IPv6ExtHdrFragment(nh=50, m=1, id=FID) / Raw(esp))
vec("7915-43/esp", "Fragment Header then ESP (50): translated, protocol 50",
    BASE, send, IP(src=S4, dst=C4, ttl=63, id=0x5678, flags="MF", proto=50) /
    Raw(esp))

# ---- 7915-44: IPv4 fragmentation by the translator ----

for total in (1000, 1280):
    send, exp = x64(back(n=total - 48), dst6=p6(SMALL4), dst4=SMALL4)
    data = total - 40
    cuts = list(range(0, data, 552))
    vec(f"7915-44/{total}", f"IPv6 of {total} bytes to a 576-byte IPv4 next "
        "hop: IPv4 fragments of at most 576 bytes, one ID", BASE, send,
        [frag4(exp, off, min(552, data - off), off + 552 < data)
         for off in cuts], ignore=ID, check=same_id)

# ---- 7915-45: Packet Too Big ----

send, _ = x64(back(n=1452), dst6=p6(MID4), dst4=MID4)
vec("7915-45/nh1400", "IPv6 of 1500 bytes, IPv4 next hop 1400: ICMPv6 PTB "
    "MTU 1420", BASE, send, xl_err6(send, 2, 0, rest32(1420)),
    counters={"drop_too_big": 1, "icmp_sent": 1})
send, _ = x64(back(n=1352), dst6=p6(SMALL4), dst4=SMALL4)
vec("7915-45/nh576", "IPv6 of 1400 bytes, IPv4 next hop 576: PTB MTU 1280 "
    "(never below)", BASE, send, xl_err6(send, 2, 0, rest32(1280)),
    counters={"drop_too_big": 1})
send, exp = x64(back(n=1372), dst6=p6(MID4), dst4=MID4)
vec("7915-45/nh1400-fits", "IPv6 of 1420 bytes: IPv4 of 1400, exactly the "
    "next hop: translated", BASE, send, exp, ignore=ID)

# ---- 7915-28: checksums after 6->4 ----

for name, pair in [("udp", back(n=45)), ("tcp", tcp(n=45, sport=80,
                                                     dport=40000)),
                   ("echo", echo(n=45)), ("echo-reply", echo(reply=True))]:
    send, exp = x64(pair)
    vec(f"7915-28/{name}-64", f"{name}, EAM source: checksum right after "
        "6->4", BASE, send, exp, ignore=ID)

# ---- 7915-31: 0x0000 is sent as 0xffff; a zero in IPv6 is illegal ----

body = udp_zero_sum_payload(IP, S4, C4, 53, 40000, 30)
send, exp = x64((UDP(sport=53, dport=40000, chksum=0xffff) / Raw(body),
                 UDP(sport=53, dport=40000) / Raw(body)))
vec("7915-31/64", "a UDP checksum that comes out 0x0000 in IPv4 is sent as "
    "0xffff", BASE, send, exp, ignore=ID)
send, _ = x64(back(chksum=None))
send = IPv6(bytes(send))
send[UDP].chksum = 0
vec("7915-31/64-zero-in", "IPv6 UDP with checksum 0 (illegal, RFC 8200): "
    "dropped", BASE, send, drop("drop_udp0"))

# ---- 7915-32: corrupt stays corrupt ----

for name, pair in [("udp", back(n=40)), ("tcp", tcp(n=40, sport=80,
                                                    dport=40000)),
                   ("echo", echo(n=40))]:
    send, exp = x64(pair)
    vec(f"7915-32/{name}-64", f"{name} with a corrupt checksum: still "
        "corrupt after 6->4", BASE, corrupt(send), corrupt(exp),
        ignore=ID)

# ---- 7915-8 the other way: protocols are copied ----

for name, proto in [("sctp", 132), ("gre", 47)]:
    send, exp = x64(raw(proto), nh=proto)
    vec(f"7915-8/{name}-64", f"Next Header {proto} copied to Protocol",
        BASE, send, exp, ignore=ID)

# ---- 7915-50: RFC 6052 by default; an error for what is dropped ----

send, exp = x64(back(), src6=p6("192.0.2.99"), src4="192.0.2.99")
vec("7915-50/rfc6052", "pool6 addresses both ways, no EAM needed", BASE,
    send, exp, ignore=ID)
send, _ = x64(back(), src6="2001:db8:99::1")
vec("7915-50/untranslatable-src", "a source no map knows: dropped with "
    "ICMPv6 1/1", BASE, send, refused(send))
vec("7915-50/off", "drop-icmp off: the same packet is dropped silently",
    cfg(**{"drop-icmp": "off"}), send, drop("drop_addr"))
send, _ = x64(echo(), src6="2001:db8:99::1")
vec("7915-50/echo", "an ICMPv6 echo request from an untranslatable source "
    "gets no error (it is ICMPv6)", BASE, send, drop("drop_addr"))
whole, _ = x64(udp(n=600), src6="2001:db8:99::1")
vec("7915-50/nonfirst-frag", "a non-first fragment from an untranslatable "
    "source is dropped silently", BASE, frag6(whole, 304, 296, 0, 0x77),
    drop("drop_addr"))

_ = (C6, S6, v6)
