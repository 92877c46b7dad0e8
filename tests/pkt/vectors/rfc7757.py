# SPDX-License-Identifier: GPL-2.0-only
"""RFC 7757, Explicit Address Mappings (conformance.md section 4).

The EAM table of RFC 7757 figure 1 (entries 1 and 2 with the prefix length
left out, 7757-1). Its appendix B vectors use the Well-Known Prefix with
non-global addresses: with the strict RFC 6052 check (6052-9, the
default) the pool6 fallback of 192.0.2.248 must then be dropped, so they
run twice, under the WKP and under a Network-Specific Prefix.

Not packet-testable (so not named here): item 2 (EAMs refused at
configuration time, tests/e2e/50-eam.sh); nor the warning half of 7757-9.
"""
from scapy.layers.inet import IP
from scapy.layers.inet6 import IPv6

from pktlib import (BASE, C4, C6, R4, S4, S6, POOL6, Cfg, vec, drop,
                    ip4_icmp, ip6_icmp)
from .flows import udp, tcp, echo, x46, x64, refused

FIG1 = (("192.0.2.1", "2001:db8:aaaa::"),
        ("192.0.2.2", "2001:db8:bbbb::b"),
        ("192.0.2.16/28", "2001:db8:cccc::/124"),
        ("192.0.2.128/26", "2001:db8:dddd::/64"),
        ("192.0.2.192/29", "2001:db8:eeee:8::/62"),
        ("192.0.2.224/31", "64:ff9b::/127"))
# under the WKP the IPv4 client must be global: 1.2.3.4
G4, G6 = "1.2.3.4", "64:ff9b::102:304"
WKP = Cfg(pool6="64:ff9b::/96", eam=FIG1)
NSP = Cfg(pool6=POOL6, eam=FIG1)
ID = ["ip.id"]

# ---- 7757-5: appendix B, IPv4 -> IPv6 ----

for v4, v6 in [("192.0.2.1", "2001:db8:aaaa::"),
               ("192.0.2.2", "2001:db8:bbbb::b"),
               ("192.0.2.24", "2001:db8:cccc::8"),
               ("192.0.2.195", "2001:db8:eeee:9:8000::"),
               ("192.0.2.225", "64:ff9b::1")]:
    vec(f"7757-5/wkp-{v4}", f"EAM: {v4} is {v6} (WKP instance)", WKP,
        *x46(udp(), src4=G4, dst4=v4, src6=G6, dst6=v6))
    vec(f"7757-5/nsp-{v4}", f"EAM: {v4} is {v6} (NSP instance)", NSP,
        *x46(udp(), dst4=v4, dst6=v6))
send, _ = x46(udp(), src4=G4, dst4="192.0.2.248")
vec("7757-5/wkp-192.0.2.248", "no EAM: 192.0.2.248 falls back to the WKP, "
    "non-global: dropped (6052-9)", WKP, send, refused(send))
vec("7757-5/nsp-192.0.2.248", "no EAM: 192.0.2.248 falls back to pool6, "
    "2001:db8:64::c000:2f8", NSP,
    *x46(udp(), dst4="192.0.2.248", dst6="2001:db8:64::c000:2f8"))

# ---- 7757-5/6: IPv6 -> IPv4, trailing bits discarded ----

for v6, v4 in [("2001:db8:cccc::8", "192.0.2.24"),
               ("2001:db8:eeee:9:8000::", "192.0.2.195"),
               ("64:ff9b::1", "192.0.2.225")]:
    send, exp = x64(udp(sport=53, dport=40000), src6=v6, src4=v4,
                    dst6=G6, dst4=G4)
    vec(f"7757-5/wkp-{v6}-64", f"EAM: source {v6} is {v4}"
        + (" (EAM before the WKP)" if v6.startswith("64:") else ""), WKP,
        send, exp, ignore=ID)
for v6, v4 in [("2001:db8:cccc::f", "192.0.2.31"),
               ("2001:db8:eeee:b:ffff:ffff:ffff:ffff", "192.0.2.199"),
               ("2001:db8:dddd::1", "192.0.2.128")]:
    send, exp = x64(udp(sport=53, dport=40000), src6=v6, src4=v4)
    vec(f"7757-6/{v6}", f"source {v6} is {v4}: the bits past the IPv4 "
        "suffix are discarded", NSP, send, exp, ignore=ID)

# ---- 7757-1: a length left out is /32 or /128 ----

vec("7757-1/next-v4", "EAM 192.0.2.33 = 2001:db8:1::33 is a /32: "
    "192.0.2.34 goes through pool6", BASE,
    *x46(udp(), dst4="192.0.2.34", dst6="2001:db8:64::c000:222"))
send, _ = x64(udp(sport=53, dport=40000), src6="2001:db8:1::34")
vec("7757-1/next-v6", "... and a /128: 2001:db8:1::34 has no mapping",
    BASE, send, refused(send))
vec("7757-1/exact", "192.0.2.33 itself is 2001:db8:1::33", BASE, *x46(udp()))

# ---- 7757-3: every address, inner ones included ----

q6, q4 = x64(udp(n=16, sport=53, dport=40000), src6="2001:db8:cccc::8",
             src4="192.0.2.24", hlim=62)
q4[IP].id = 0
q4[IP].ttl = 62
send = ip4_icmp(R4, "192.0.2.24", 3, 3, b"\0" * 4, bytes(q4), ttl=64)
exp = ip6_icmp("2001:db8:64::c633:64fe", "2001:db8:cccc::8", 1, 4, b"\0" * 4,
               bytes(q6), hlim=63)
vec("7757-3/inner-46", "ICMPv4 error about 192.0.2.24: the quoted source is "
    "2001:db8:cccc::8 (EAM)", NSP, send, exp)
r4, r6 = x46(udp(n=16), dst4="192.0.2.24", dst6="2001:db8:cccc::8", ttl=62)
r4[IP].id = 0
r4[IP].ttl = 61
send = ip6_icmp("2001:db8:cccc::8", C6, 1, 4, b"\0" * 4, bytes(r6), hlim=64)
exp = ip4_icmp("192.0.2.24", C4, 3, 3, b"\0" * 4, bytes(r4), ttl=63)
vec("7757-3/inner-64", "ICMPv6 error quoting a packet to 2001:db8:cccc::8: "
    "the quoted destination is 192.0.2.24 (EAM)", NSP, send, exp,
    ignore=["ip.id", "inner.ip.id"])

# ---- 7757-4: longest prefix match, then pool6 ----

LPM4 = Cfg(eam=(("192.0.2.0/24", "2001:db8:100::/120"),
                ("192.0.2.128/25", "2001:db8:200::/121")))
vec("7757-4/v4-longer", "192.0.2.130 matches the /25 entry: "
    "2001:db8:200::2", LPM4,
    *x46(udp(), dst4="192.0.2.130", dst6="2001:db8:200::2"))
vec("7757-4/v4-shorter", "192.0.2.5 matches only the /24: 2001:db8:100::5",
    LPM4, *x46(udp(), dst4="192.0.2.5", dst6="2001:db8:100::5"))
vec("7757-4/v4-fallback", "198.51.100.9 matches no EAM: pool6", LPM4,
    *x46(udp(), dst4="198.51.100.9", dst6="2001:db8:64::c633:6409"))
LPM6 = Cfg(eam=(("192.0.2.0/24", "2001:db8:100::/120"),
                ("198.51.100.128/25", "2001:db8:100::80/121")))
send, exp = x64(udp(sport=53, dport=40000), src6="2001:db8:100::81",
                src4="198.51.100.129")
vec("7757-4/v6-longer", "2001:db8:100::81 matches the /121 entry: "
    "198.51.100.129", LPM6, send, exp, ignore=ID)
send, exp = x64(udp(sport=53, dport=40000), src6="2001:db8:100::1",
                src4="192.0.2.1")
vec("7757-4/v6-shorter", "2001:db8:100::1 matches only the /120: "
    "192.0.2.1", LPM6, send, exp, ignore=ID)
send, exp = x64(udp(sport=53, dport=40000), src6="2001:db8:64::c000:263",
                src4="192.0.2.99")
vec("7757-4/v6-fallback", "2001:db8:64::c000:263 matches no EAM: pool6 "
    "gives 192.0.2.99", LPM6, send, exp, ignore=ID)

# ---- 7757-7: hairpinning, simple mode (the default is intrinsic) ----
SIMPLE = Cfg(pool6=POOL6, eam=FIG1, glob={"hairpin": "simple"})
# 192.0.2.0/30 is routed to lo in the translator: an IPv4 packet to
# 192.0.2.1 or .2 comes straight back in, as if a router had hairpinned it.

A6, B6 = "2001:db8:aaaa::", "2001:db8:bbbb::b"
HA6, HB6 = "2001:db8:64::c000:201", "2001:db8:64::c000:202"
vec("7757-7/simple-46", "hairpinned IPv4 192.0.2.1 -> 192.0.2.2: EAM "
    "skipped for the source (pool6), used for the destination", SIMPLE,
    *x46(udp(), src4="192.0.2.1", dst4="192.0.2.2", src6=HA6, dst6=B6))
send, _ = x64(udp(sport=1000, dport=2000), src6=A6, dst6=HB6)
_, exp = x46(udp(sport=1000, dport=2000), src4="192.0.2.1",
             dst4="192.0.2.2", src6=HA6, dst6=B6, ttl=63)
vec("7757-7/simple-loop", "2001:db8:aaaa:: -> 2001:db8:64::c000:202 goes "
    "out as IPv4, comes back, leaves as 2001:db8:64::c000:201 -> "
    "2001:db8:bbbb::b, hop limit 62", SIMPLE, send, exp)
qa4, qa6 = x46(udp(sport=2000, dport=1000), src4="192.0.2.2",
               dst4="192.0.2.1", src6=B6, dst6=HA6, ttl=62)
qa4[IP].ttl = 61
qa6[IPv6].hlim = 61
send = ip4_icmp("192.0.2.1", "192.0.2.2", 3, 3, b"\0" * 4, bytes(qa4),
                ttl=64)
exp = ip6_icmp(HA6, B6, 1, 4, b"\0" * 4, bytes(qa6), hlim=63)
vec("7757-7/simple-err", "hairpinned ICMPv4 error: its source (= the quoted "
    "destination) and the quoted destination skip the EAM", SIMPLE, send, exp)
OFF = Cfg(pool6=POOL6, eam=FIG1, glob={"hairpin": "off"})
vec("7757-7/off-46", "hairpin off: IPv4 192.0.2.1 -> 192.0.2.2 uses the "
    "EAM for both", OFF,
    *x46(udp(), src4="192.0.2.1", dst4="192.0.2.2", src6=A6, dst6=B6))
_, exp = x46(udp(sport=1000, dport=2000), src4="192.0.2.1",
             dst4="192.0.2.2", src6=A6, dst6=B6, ttl=63)
vec("7757-7/off-loop", "hairpin off: the packet that comes back is "
    "translated with the EAM source", OFF,
    x64(udp(sport=1000, dport=2000), src6=A6, dst6=HB6)[0], exp)

# ---- 7757-8: intrinsic hairpinning ----

INTR = Cfg(pool6=POOL6, eam=FIG1, glob={"hairpin": "intrinsic"})
for name, pair in [("tcp", tcp(sport=1000, dport=2000)),
                   ("echo", echo())]:
    send, _ = x64(pair, src6=A6, dst6=HB6)
    _, exp = x46(pair, src4="192.0.2.1", dst4="192.0.2.2", src6=HA6,
                 dst6=B6, ttl=64)
    vec(f"7757-8/{name}", f"intrinsic: {name} from 2001:db8:aaaa:: to "
        "2001:db8:64::c000:202 comes out at once, hop limit decremented "
        "once", INTR, send, exp)

# ---- 7757-9: checksums recomputed when an EAM was used, WKP or not ----

WKPE = Cfg(pool6="64:ff9b::/96", eam=((S4, S6),))
for name, pair in [("udp", udp()), ("tcp", tcp()), ("echo", echo())]:
    vec(f"7757-9/wkp-eam-{name}", f"WKP plus EAM: 1.2.3.4 -> 192.0.2.33, "
        f"{name} checksum recomputed", WKPE,
        *x46(pair, src4="1.2.3.4", src6="64:ff9b::102:304"))
send, exp = x64(udp(sport=53, dport=40000), dst6="64:ff9b::102:304",
                dst4="1.2.3.4")
vec("7757-9/wkp-eam-64", "WKP plus EAM, 6->4: checksum recomputed", WKPE,
    send, exp, ignore=ID)

_ = (S6, C6)
