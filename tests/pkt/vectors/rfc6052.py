# SPDX-License-Identifier: GPL-2.0-only
"""RFC 6052 (conformance.md section 1): IPv4-embedded IPv6 addresses, as
packets. Not packet-testable (and so not named here, which would list
this file as their test in docs/conformance.md): items 1 and 10 and the
configuration half of 7 (prefixes refused by `nat64ctl prefix add`,
tests/e2e/40-prefix.sh), and item 11 (a log line)."""
import ipaddress

from scapy.layers.inet import IP, UDP
from scapy.layers.inet6 import IPv6

from pktlib import C4, S4, S6, Cfg, vec, drop, embed
from .flows import udp, tcp, echo, x46, x64, refused

# RFC 6052 section 2.4, Table 1 (and E1): 192.0.2.33 in each prefix.
TABLE = [
    ("6052-2", "2001:db8::/32", "2001:db8:c000:221::"),
    ("6052-3", "2001:db8:100::/40", "2001:db8:1c0:2:21::"),
    ("6052-4", "2001:db8:122::/48", "2001:db8:122:c000:2:2100::"),
    ("6052-5", "2001:db8:122:300::/56", "2001:db8:122:3c0:0:221::"),
    ("6052-6", "2001:db8:122:344::/64", "2001:db8:122:344:c0:2:2100::"),
]

for ident, pfx, s6 in TABLE:
    assert embed(pfx, S4) == str(ipaddress.IPv6Address(s6)), pfx
    cfg = Cfg(pool6=pfx)
    plen = pfx.split("/")[1]
    c6 = embed(pfx, C4)
    vec(f"{ident}/46-udp", f"/{plen}: 198.51.100.2 -> 192.0.2.33 is "
        f"{c6} -> {s6}", cfg,
        *x46(udp(), src6=c6, dst6=s6))
    send, exp = x64(udp(sport=53, dport=40000), src6=s6, dst6=c6)
    vec(f"{ident}/64-udp", f"/{plen}: {s6} -> {c6} is 192.0.2.33 -> "
        "198.51.100.2", cfg, send, exp, ignore=["ip.id"])
    vec(f"{ident}/46-echo", f"/{plen}: ICMP echo, ICMPv6 checksum over "
        "these addresses", cfg, *x46(echo(), src6=c6, dst6=s6))
    # 6052-7: the u-octet (bits 64-71) is zero in every address we make
    src4, dst4 = "203.0.113.77", "192.0.2.200"
    vec(f"6052-7/{plen}", f"/{plen}: byte 8 of both synthesized addresses "
        "is 0x00", cfg,
        *x46(udp(), src4=src4, dst4=dst4, src6=embed(pfx, src4),
             dst6=embed(pfx, dst4)))

# 6052-8: suffix bits are ignored on input; a non-zero u-octet makes the
# address untranslatable (the recommended reading, docs/siit-decisions.md)
P64 = Cfg(pool6="2001:db8:122:344::/64")
send, exp = x64(udp(sport=53, dport=40000),
                src6="2001:db8:122:344:c0:2:21ff:ffff",
                dst6=embed("2001:db8:122:344::/64", C4))
vec("6052-8/64-suffix-src", "/64 source 2001:db8:122:344:c0:2:21ff:ffff is "
    "192.0.2.33 (suffix ignored)", P64, send, exp, ignore=["ip.id"])
send, exp = x64(udp(sport=53, dport=40000), src6=S6,
                dst6="2001:db8:122:344:c6:3364:2ff:ffff",
                src4=S4)
vec("6052-8/64-suffix-dst", "/64 destination with suffix bits set is "
    "198.51.100.2", Cfg(pool6="2001:db8:122:344::/64", eam=((S4, S6),)),
    send, exp, ignore=["ip.id"])
send, exp = x64(udp(sport=53, dport=40000),
                src6="2001:db8:1c0:2:21:ffff:ffff:ffff",
                dst6=embed("2001:db8:100::/40", C4))
vec("6052-8/40-suffix", "/40 source 2001:db8:1c0:2:21:ffff:ffff:ffff is "
    "192.0.2.33", Cfg(pool6="2001:db8:100::/40"), send, exp,
    ignore=["ip.id"])
send, _ = x64(udp(sport=53, dport=40000),
              src6="2001:db8:122:344:ffc0:2:2100:0",
              dst6=embed("2001:db8:122:344::/64", C4))
vec("6052-8/64-uoctet-src", "/64 source with a non-zero u-octet is "
    "untranslatable: dropped", P64, send, refused(send))

# 6052-9: the Well-Known Prefix and non-global IPv4 addresses
WKP = Cfg(pool6="64:ff9b::/96", eam=((S4, S6),))
G1, G2 = "1.2.3.4", "5.6.7.8"		# global unicast
vec("6052-9/wkp-global-46", "WKP: global 1.2.3.4 -> 192.0.2.33 (EAM) is "
    "64:ff9b::102:304 -> 2001:db8:1::33", WKP,
    *x46(udp(), src4=G1, src6="64:ff9b::102:304"))
send, exp = x64(udp(sport=53, dport=40000), dst6="64:ff9b::506:708",
                dst4=G2)
vec("6052-9/wkp-global-64", "WKP: 2001:db8:1::33 -> 64:ff9b::506:708 is "
    "192.0.2.33 -> 5.6.7.8", WKP, send, exp, ignore=["ip.id"])
for n, a in [("10", "10.1.2.3"), ("172", "172.16.5.5"),
             ("192.168", "192.168.1.1"), ("100.64", "100.64.1.1"),
             ("169.254", "169.254.1.1"), ("testnet2", "198.51.100.5"),
             ("benchmark", "198.18.0.9")]:
    send, _ = x46(udp(), src4=a)
    vec(f"6052-9/src4-{n}", f"WKP: IPv4 source {a} (non-global) is not "
        "translated", WKP, send, refused(send))
for n, a in [("10", "10.1.2.3"), ("192.168", "192.168.1.1"),
             ("testnet3", "203.0.113.9")]:
    a6 = embed("64:ff9b::/96", a)
    send, _ = x64(udp(sport=53, dport=40000), dst6=a6, dst4=a)
    vec(f"6052-9/dst6-{n}", f"WKP: IPv6 destination {a6} ({a}) gives no "
        "IPv4 packet", WKP, send, refused(send))
    send, _ = x64(udp(sport=53, dport=40000), src6=a6,
                  dst6="64:ff9b::506:708")
    vec(f"6052-9/src6-{n}", f"WKP: IPv6 source {a6} ({a}) is not "
        "translated", WKP, send, refused(send))
send, _ = x46(udp(), src4=G1, dst4="192.168.1.1")
vec("6052-9/dst4-192.168", "WKP: IPv4 destination 192.168.1.1 gives no "
    "IPv6 packet", WKP, send, refused(send))

# 6052-12: checksums are never assumed neutral
NSP64 = Cfg(pool6="2001:db8:122:344::/64")
c6 = embed("2001:db8:122:344::/64", C4)
s6 = embed("2001:db8:122:344::/64", S4)
vec("6052-12/nsp64-tcp-46", "/64 NSP: TCP checksum right after 4->6", NSP64,
    *x46(tcp(), src6=c6, dst6=s6))
vec("6052-12/nsp64-udp-46", "/64 NSP: UDP checksum right after 4->6", NSP64,
    *x46(udp(n=33), src6=c6, dst6=s6))
vec("6052-12/nsp64-echo-46", "/64 NSP: ICMPv6 checksum right after 4->6",
    NSP64, *x46(echo(n=31), src6=c6, dst6=s6))
for name, pair in [("tcp", tcp(sport=80, dport=40000)),
                   ("udp", udp(n=33, sport=53, dport=40000)),
                   ("echo", echo(n=31, reply=True))]:
    send, exp = x64(pair, src6=s6, dst6=c6)
    vec(f"6052-12/nsp64-{name}-64", f"/64 NSP: {name} checksum right after "
        "6->4", NSP64, send, exp, ignore=["ip.id"])
# WKP with both addresses embedded: the UDP checksum must not change
WKP0 = Cfg(pool6="64:ff9b::/96")
send, exp = x46(udp(), src4=G1, dst4=G2, src6="64:ff9b::102:304",
                dst6="64:ff9b::506:708")
exp[UDP].chksum = IP(bytes(send))[UDP].chksum
vec("6052-12/wkp-neutral-46", "WKP, global addresses, ports unchanged: the "
    "UDP checksum comes out bit-identical", WKP0, send, exp)
send, exp = x64(udp(sport=53, dport=40000), src6="64:ff9b::506:708",
                dst6="64:ff9b::102:304", src4=G2, dst4=G1)
exp[UDP].chksum = IPv6(bytes(send))[UDP].chksum
vec("6052-12/wkp-neutral-64", "WKP, 6->4: the UDP checksum comes out "
    "bit-identical", WKP0, send, exp, ignore=["ip.id"])

# 6052-13: 64:ff9b:1::/48 (RFC 8215) is an ordinary NSP
for pfx in ("64:ff9b:1::/96", "64:ff9b:1::/48"):
    cfg = Cfg(pool6=pfx)
    c6, s6 = embed(pfx, C4), embed(pfx, S4)
    plen = pfx.split("/")[1]
    vec(f"6052-13/{plen}-46", f"{pfx}: non-global 198.51.100.2 -> "
        "192.0.2.33 translated", cfg, *x46(udp(), src6=c6, dst6=s6))
    if plen == "96":
        send, exp = x64(udp(sport=53, dport=40000), src6=s6, dst6=c6)
        vec(f"6052-13/{plen}-64", f"{pfx}: 6->4 with non-global addresses",
            cfg, send, exp, ignore=["ip.id"])

# 6052-14: the check is on by default (strict RFC 6052)
send, _ = x46(udp(), src4="192.168.7.7")
vec("6052-14/default-strict", "WKP with no knob set: non-global "
    "192.168.7.7 is refused", WKP, send, refused(send))
