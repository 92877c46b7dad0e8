# SPDX-License-Identifier: GPL-2.0-only
"""RFC 6877, 464XLAT (conformance.md section 4): a siit instance as the
CLAT. The LAN 192.168.1.0/24 maps to the CLAT-side prefix by an EAM
(2001:db8:aaaa::c0a8:100/120, so 192.168.1.2 is 2001:db8:aaaa::c0a8:102);
IPv4 destinations are embedded in the PLAT-side prefix 2001:db8:64::/96.
EAM hairpinning is off, as docs/siit.md advises for a CLAT: RFC 7757
section 4.2.1 (simple mode) would skip the EAM for the source of IPv4
packets, which in a CLAT are the LAN hosts the EAM is there for.

Not packet-testable in a siit instance (so not named here): items 3
(NAT44 plus ND proxying of one address), 5 (a DNS proxy) and 8 (the PLAT
is a NAT64, section 3 of the checklist).
"""
from pktlib import Cfg, vec, drop
from .flows import udp, tcp, echo, x46, x64, v6, xl_err4

CLAT = Cfg(eam=(("192.168.1.0/24", "2001:db8:aaaa::c0a8:100/120"),),
           glob={"hairpin": "off"})
H4, H6 = "192.168.1.2", "2001:db8:aaaa::c0a8:102"
P4, P6 = "198.51.100.1", "2001:db8:64::c633:6401"


def out(pair, **kw):
    return x46(pair, src4=H4, dst4=P4, src6=H6, dst6=P6, **kw)


def back(pair, **kw):
    return x64(pair, src6=P6, dst6=H6, src4=P4, dst4=H4, **kw)


vec("6877-1/46-udp", "192.168.1.2 -> 198.51.100.1 is 2001:db8:aaaa::c0a8:102 "
    "-> 2001:db8:64::c633:6401", CLAT, *out(udp(sport=5000)))
send, exp = back(udp(sport=53, dport=5000))
vec("6877-1/64-udp", "the reply is translated back to 198.51.100.1 -> "
    "192.168.1.2", CLAT, send, exp, ignore=["ip.id"])
vec("6877-1/46-tcp", "TCP from the LAN", CLAT, *out(tcp()))
send, exp = back(tcp(sport=80, dport=40000))
vec("6877-1/64-tcp", "TCP back to the LAN", CLAT, send, exp,
    ignore=["ip.id"])
vec("6877-1/46-echo", "ping from the LAN", CLAT, *out(echo()))
send, exp = back(echo(reply=True))
vec("6877-1/64-echo", "its reply", CLAT, send, exp, ignore=["ip.id"])

# 6877-2: the two prefixes differ, and both are used at once
vec("6877-2/46", "another LAN host, 192.168.1.77: CLAT-side and PLAT-side "
    "prefixes both used", CLAT,
    *x46(udp(), src4="192.168.1.77", dst4="198.51.100.9",
         src6="2001:db8:aaaa::c0a8:14d", dst6="2001:db8:64::c633:6409"))
send, exp = x64(udp(sport=53, dport=40000), src6="2001:db8:64::cb00:7109",
                dst6="2001:db8:aaaa::c0a8:14d", src4="203.0.113.9",
                dst4="192.168.1.77")
vec("6877-2/64", "and back", CLAT, send, exp, ignore=["ip.id"])
send, _ = x64(udp(sport=53, dport=40000), src6="2001:db8:64::cb00:7109",
              dst6="2001:db8:aaaa::c0a9:102")
vec("6877-2/64-outside-lan", "an IPv6 destination in neither prefix nor "
    "EAM is not translated (forwarded as IPv6)", CLAT, send,
    v6(udp(sport=53, dport=40000)[1], src="2001:db8:64::cb00:7109",
       dst="2001:db8:aaaa::c0a9:102", hlim=63), counters={"pass6": 1})

# 6877-4: a new PLAT-side prefix applies at once
NEWP = Cfg(eam=CLAT.eam, glob={"hairpin": "off"}, tag="prefix change")
vec("6877-4/prefix-change", "pool6 replaced by 2001:db8:65::/96 on the "
    "running instance: the next packet uses it", NEWP,
    *x46(udp(), src4=H4, dst4=P4, src6=H6, dst6="2001:db8:65::c633:6401"),
    pre=[["prefix", "del", "2001:db8:64::/96"],
         ["prefix", "add", "2001:db8:65::/96"]])

# 6877-6: a router; native IPv6 untouched
pkt, _ = out(udp(), ttl=1)
vec("6877-6/ttl1", "TTL 1 from the LAN: ICMPv4 11/0 back to the host",
    CLAT, pkt, xl_err4(pkt, 11, 0), counters={"drop_hoplimit": 1})
vec("6877-6/ttl-decrement", "TTL 9 becomes hop limit 8", CLAT,
    *out(udp(), ttl=9))
native = v6(udp(sport=53, dport=40000)[1], src="2001:db8:aaaa::5",
            dst="2001:db8:ffff::1", hlim=64)
vec("6877-6/native6", "native IPv6 (2001:db8:aaaa::5 -> 2001:db8:ffff::1) "
    "is forwarded untouched but for the hop limit", CLAT, native,
    v6(udp(sport=53, dport=40000)[1], src="2001:db8:aaaa::5",
       dst="2001:db8:ffff::1", hlim=63), counters={"pass6": 1})

# 6877-7: the host-side address 192.0.0.4 never leaves as IPv4
HOST = Cfg(eam=(("192.0.0.0/29", "2001:db8:aaaa::c000:0/125"),),
           glob={"hairpin": "off"})
vec("6877-7/host-udp", "192.0.0.4 -> 198.51.100.1 leaves as "
    "2001:db8:aaaa::c000:4 -> 2001:db8:64::c633:6401 only", HOST,
    *x46(udp(), src4="192.0.0.4", dst4=P4, src6="2001:db8:aaaa::c000:4",
         dst6=P6))
vec("6877-7/host-echo", "a ping from 192.0.0.4 leaves as ICMPv6 only", HOST,
    *x46(echo(), src4="192.0.0.4", dst4=P4, src6="2001:db8:aaaa::c000:4",
         dst6=P6))
vec("6877-7/host-other", "192.0.0.5, another address of the /29: "
    "translated by the EAM, never IPv4", HOST,
    *x46(udp(), src4="192.0.0.5", dst4=P4, src6="2001:db8:aaaa::c000:5",
         dst6=P6))

_ = (drop,)
