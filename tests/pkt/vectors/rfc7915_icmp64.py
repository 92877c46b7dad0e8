# SPDX-License-Identifier: GPL-2.0-only
"""RFC 7915 sections 5.2-5.4 (conformance.md section 2, ICMPv6 -> ICMPv4),
baseline configuration.

The flow behind the errors: the IPv4 client C4 (198.51.100.2) sent UDP
40000 -> 53 to 192.0.2.33; it reached the IPv6 server S6 (2001:db8:1::33)
as C6 -> S6 with hop limit 61, and S6 answers with an ICMPv6 error about
it. The translated error goes from 192.0.2.33 to 198.51.100.2 and quotes
the IPv4 packet. Ignored: the outer IPv4 ID (7915-35) and the quoted one
(the RFC translates the quote "like the outer header": a generated ID).
"""
from scapy.layers.inet import IP
from scapy.layers.inet6 import IPv6, IPv6ExtHdrHopByHop, ICMPv6DestUnreach

from pktlib import (BASE, C4, C6, S4, S6, SMALL4, vec, drop, p6, payload,
                    ip4_icmp, ip6_icmp, rest_ptr, rest_mtu4, rest_len4,
                    rest_len6, rest32, frag4, frag6, corrupt, extension)
from .flows import udp, echo, x46, x64

TTL_Q = 61
ID2 = ["ip.id", "inner.ip.id"]


def quote(pair=None, src4=C4, dst4=S4, src6=C6, dst6=S6, tc=0, hlim=TTL_Q):
    """The quoted packet in both families: (IPv4, IPv6)."""
    pair = pair or udp(n=24)
    q4, q6 = x46(pair, src4=src4, dst4=dst4, src6=src6, dst6=dst6,
                 ttl=hlim + 1, tos=tc)
    q4[IP].ttl = hlim
    q4[IP].id = 0
    q4[IP].flags = "DF" if len(bytes(q4)) > 1260 else 0
    q6[IPv6].hlim = hlim
    return bytes(q4), bytes(q6)


Q4, Q6 = quote()


def err64(ident, desc, t6, c6, rest6, t4, c4, rest4, q=(Q4, Q6),
          src6=S6, dst6=C6, src4=S4, dst4=C4, tc=0, hlim=64, n6=None,
          n4=None, ignore=ID2, **kw):
    send = ip6_icmp(src6, dst6, t6, c6, rest6, q[1][:n6], hlim=hlim, tc=tc)
    exp = ip4_icmp(src4, dst4, t4, c4, rest4, q[0][:n4], ttl=hlim - 1,
                   tos=tc, flags=0)
    return vec(ident, desc, BASE, send, exp, ignore=ignore, **kw)


def err64_drop(ident, desc, t6, c6, rest6=b"\0\0\0\0", body=Q6,
               counter="drop_icmp_type", hlim=64):
    send = ip6_icmp(S6, C6, t6, c6, rest6, body, hlim=hlim)
    return vec(ident, desc, BASE, send, drop(counter))


# ---- 7915-46: informational messages ----

send, exp = x64(echo())
vec("7915-46/echo-request", "echo request 128 becomes 8, ID and sequence "
    "kept, checksum without the pseudo-header", BASE, send, exp,
    ignore=["ip.id"])
send, exp = x64(echo(reply=True, n=17))
vec("7915-46/echo-reply", "echo reply 129 becomes 0", BASE, send, exp,
    ignore=["ip.id"])
for t, what in [(130, "MLD query"), (131, "MLD report"), (132, "MLD done"),
                (133, "RS"), (134, "RA"), (135, "NS"), (136, "NA"),
                (137, "redirect"), (139, "node information query"),
                (200, "unknown informational")]:
    err64_drop(f"7915-46/type{t}", f"ICMPv6 {t} ({what}): dropped", t, 0,
               body=payload(16))
err64_drop("7915-46/type100", "ICMPv6 100 (unknown error): dropped", 100, 0)

# ---- 7915-47: Destination Unreachable, PTB, Time Exceeded ----

for c, c4 in {0: 1, 1: 10, 2: 1, 3: 1, 4: 3}.items():
    err64(f"7915-47/du{c}", f"1/{c} becomes 3/{c4}", 1, c, b"\0" * 4, 3, c4,
          b"\0" * 4)
for c in (5, 6, 7):
    err64_drop(f"7915-47/du{c}", f"1/{c}: dropped", 1, c)
BQ4, BQ6 = quote(udp(n=1372))
err64("7915-47/ptb-1300", "PTB 1300: 3/4 MTU 1280", 2, 0, rest32(1300), 3,
      4, rest_mtu4(1280), q=(BQ4, BQ6), n6=72, n4=52)
err64("7915-47/ptb-1280", "PTB 1280: 3/4 MTU 1260", 2, 0, rest32(1280), 3,
      4, rest_mtu4(1260), q=(BQ4, BQ6), n6=72, n4=52)
err64("7915-47/ptb-2000", "PTB 2000: 3/4 MTU min(1980, 1500, 1500 - 20) = "
      "1480", 2, 0, rest32(2000), 3, 4, rest_mtu4(1480), q=(BQ4, BQ6),
      n6=72, n4=52)
sq4, sq6 = quote(udp(n=1372), src4=SMALL4, src6=p6(SMALL4))
err64("7915-47/ptb-nexthop4", "PTB 1400 to a host behind a 576-byte IPv4 "
      "route: 3/4 MTU 576", 2, 0, rest32(1400), 3, 4, rest_mtu4(576),
      q=(sq4, sq6), dst6=p6(SMALL4), dst4=SMALL4, n6=72, n4=52)
err64("7915-47/te0", "3/0 becomes 11/0", 3, 0, b"\0" * 4, 11, 0, b"\0" * 4)
err64("7915-47/te1", "3/1 becomes 11/1", 3, 1, b"\0" * 4, 11, 1, b"\0" * 4)
err64_drop("7915-47/te2", "3/2: dropped", 3, 2)

# ---- 7915-48: Parameter Problem (figure 6) ----

PTR = {0: 0, 1: 1, 4: 2, 5: 2, 6: 9, 7: 8, 8: 12, 23: 12, 24: 16, 39: 16}
for p, p4 in PTR.items():
    err64(f"7915-48/ptr{p}", f"4/0 pointer {p} becomes 12/0 pointer {p4}",
          4, 0, rest32(p), 12, 0, rest_ptr(p4))
for p in (2, 3, 40, 100):
    err64_drop(f"7915-48/ptr{p}", f"4/0 pointer {p}: dropped", 4, 0,
               rest32(p))
err64_drop("7915-48/code2", "4/2 (unrecognized option): dropped", 4, 2,
           rest32(40))
err64_drop("7915-48/code3", "4/3: dropped", 4, 3, rest32(0))

# ---- 7915-49: the quoted packet, RFC 4884, sizes ----

err64("7915-49/inner-hl1", "quoted hop limit 1 stays TTL 1", 3, 0,
      b"\0" * 4, 11, 0, b"\0" * 4, q=quote(hlim=1))
err64("7915-49/tc", "outer Traffic Class 0x28 and quoted 0xb8 become the "
      "TOS bytes", 1, 4, b"\0" * 4, 3, 3, b"\0" * 4, tc=0x28,
      q=quote(tc=0xb8))
err64("7915-49/inner-echo", "quoted echo request 128 becomes 8, its "
      "checksum updated", 1, 0, b"\0" * 4, 3, 1, b"\0" * 4,
      q=quote(echo(n=12)))
err64("7915-49/inner-truncated", "a quote cut in the UDP payload: "
      "translated as far as it goes", 1, 4, b"\0" * 4, 3, 3, b"\0" * 4,
      q=(Q4[:36], Q6[:56]))
wq4, wq6 = x46(udp(n=200), ttl=TTL_Q + 1)
wq4[IP].ttl = TTL_Q
wq4[IP].id = 0x5678
wq4[IP].flags = 0
wq6[IPv6].hlim = TTL_Q
err64("7915-49/inner-fragment", "quoted first fragment: the quoted IPv4 "
      "header takes ID 0x5678, MF=1 from the Fragment Header", 1, 4,
      b"\0" * 4, 3, 3, b"\0" * 4, ignore=["ip.id"],
      q=(bytes(frag4(wq4, 0, 64, 1)), bytes(frag6(wq6, 0, 64, 1,
                                                  0x12345678))))
hq4, hq6 = quote()
hbh = IPv6(hq6)
hbh = (IPv6(src=hbh.src, dst=hbh.dst, hlim=TTL_Q) / IPv6ExtHdrHopByHop() /
       hbh.payload)
err64("7915-49/inner-hbh", "quoted packet with a Hop-by-Hop header: "
      "skipped, quoted Total Length without it", 1, 4, b"\0" * 4, 3, 3,
      b"\0" * 4, q=(hq4, bytes(hbh)))
err64("7915-49/outer-hlim", "outer hop limit 20 becomes TTL 19", 1, 4,
      b"\0" * 4, 3, 3, b"\0" * 4, hlim=20)
err64_drop("7915-49/outer-hl1", "an error with hop limit 1: dropped, no "
           "error about an error", 1, 4, counter="drop_hoplimit", hlim=1)
nested = bytes(IPv6(src=C6, dst=S6, hlim=TTL_Q) /
               ICMPv6DestUnreach(code=4) / Q6[:48])
err64_drop("7915-49/nested", "an error quoting an ICMPv6 error: dropped", 1,
           4, body=nested, counter="drop_icmp_nested")
ns = bytes(ip6_icmp(C6, S6, 135, 0, b"\0" * 4, payload(16), hlim=255))
err64_drop("7915-49/inner-ns", "an error quoting an NS: dropped "
           "(docs/siit-decisions.md)", 1, 4, body=ns)


def padded(q, n):
    return q + b"\0" * (n - len(q))


EXT = extension(12)
for t6, c6, t4, c4 in [(1, 4, 3, 3), (3, 0, 11, 0)]:
    err64(f"7915-49/ext-{t6}-{c6}", f"{t6}/{c6} with an RFC 4884 extension: "
          f"{t4}/{c4}, length 128/4, extension copied", t6, c6,
          rest_len6(16), t4, c4, rest_len4(32),
          q=(padded(Q4, 128) + EXT, padded(Q6, 128) + EXT))
LQ4, LQ6 = quote(udp(n=1400))
err64("7915-49/576", "a 1280-byte ICMPv6 error becomes a 576-byte ICMPv4 "
      "error (quote cut)", 1, 4, b"\0" * 4, 3, 3, b"\0" * 4, q=(LQ4, LQ6),
      n6=1232, n4=548)
EQ4, EQ6 = quote(udp(n=520))
err64("7915-49/exact", "an error whose translation is exactly 576 bytes is "
      "not cut", 1, 4, b"\0" * 4, 3, 3, b"\0" * 4, q=(EQ4, EQ6))

# ---- 7915-32: a corrupt error is not made valid ----

send = ip6_icmp(S6, C6, 1, 4, b"\0" * 4, Q6, hlim=64)
vec("7915-32/err64-csum", "ICMPv6 error with a corrupt checksum: dropped",
    BASE, corrupt(send), drop("drop_csum"))
