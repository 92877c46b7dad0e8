# SPDX-License-Identifier: GPL-2.0-only
"""RFC 7915 sections 4.2-4.4 (conformance.md section 2, ICMPv4 -> ICMPv6),
baseline configuration.

The flow behind the errors: the IPv6 server S6 (2001:db8:1::33, EAM
192.0.2.33) sent UDP 53 -> 40000 to C6 (2001:db8:64::c633:6402); it left
the translator as 192.0.2.33 -> 198.51.100.2, and an IPv4 router R4
(198.51.100.254, R6 under pool6) answers with an ICMPv4 error quoting it.
"""
import struct

from scapy.layers.inet import IP, UDP, ICMP, TCP
from scapy.layers.inet6 import IPv6

from pktlib import (BASE, BASE_EAM, C4, C6, S4, S6, R4, R6, MID4_6HOST, Cfg,
                    vec, drop, p6, payload, ip4_icmp, ip6_icmp, rest_ptr,
                    rest_mtu4, rest_len4, rest_len6, rest32, frag4, frag6,
                    corrupt, extension)
from .flows import udp, tcp, echo, x46, x64, v4, xl_err4, refused

TTL_Q = 61			# the quoted packet's TTL / hop limit


def quote(pair=None, src4=S4, dst4=C4, src6=S6, dst6=C6, tos=0, ttl=TTL_Q,
          df=False, ident=0x4242):
    """The quoted packet in both families (the IPv6 one S6 sent, the IPv4
    one it became on the way)."""
    pair = pair or udp(n=24, sport=53, dport=40000)
    q6, q4 = x64(pair, src6=src6, dst6=dst6, src4=src4, dst4=dst4,
                 hlim=ttl + 1, tc=tos)
    q4[IP].ttl = ttl
    q4[IP].id = ident
    q4[IP].flags = "DF" if df else 0
    q6[IPv6].hlim = ttl
    return bytes(q4), bytes(q6)


Q4, Q6 = quote()


def err46(ident, desc, t4, c4, rest4, t6, c6, rest6, q=(Q4, Q6), cfg=BASE,
          src4=R4, dst4=S4, src6=R6, dst6=S6, tos=0, ttl=64, n4=None,
          n6=None, **kw):
    send = ip4_icmp(src4, dst4, t4, c4, rest4, q[0][:n4], ttl=ttl, tos=tos)
    exp = ip6_icmp(src6, dst6, t6, c6, rest6, q[1][:n6], hlim=ttl - 1,
                   tc=tos)
    return vec(ident, desc, cfg, send, exp, **kw)


def err46_drop(ident, desc, t4, c4, rest4=b"\0\0\0\0", body=Q4,
               counter="drop_icmp_type", cfg=BASE, ttl=64):
    send = ip4_icmp(R4, S4, t4, c4, rest4, body, ttl=ttl)
    return vec(ident, desc, cfg, send, drop(counter))


# ---- 7915-15: echo ----

vec("7915-15/echo-request", "echo request 8 becomes 128, ID and sequence "
    "kept, checksum with the pseudo-header", BASE, *x46(echo()))
vec("7915-15/echo-reply", "echo reply 0 becomes 129", BASE,
    *x46(echo(reply=True)))
vec("7915-15/echo-odd", "echo with an odd-length payload", BASE,
    *x46(echo(n=33, ident=0xffff, seq=0xfffe)))
vec("7915-15/echo-empty", "echo with no payload", BASE, *x46(echo(n=0)))

# ---- 7915-16: dropped silently ----

for t in (13, 14, 15, 16, 17, 18, 9, 10, 6, 42, 253):
    err46_drop(f"7915-16/type{t}", f"ICMPv4 type {t}: dropped, no error",
               t, 0, body=payload(12))
err46_drop("7915-16/type4", "ICMPv4 4 (source quench): dropped", 4, 0)
err46_drop("7915-16/type5", "ICMPv4 5 (redirect): dropped", 5, 1,
           rest4=bytes([198, 51, 100, 9]))
vec("7915-16/igmp", "IGMP (protocol 2): dropped silently", BASE,
    v4(bytes([0x11, 0x64, 0xee, 0x9b, 0, 0, 0, 0]), proto=2),
    drop("drop_proto"))

# ---- 7915-17: Destination Unreachable codes ----

UNREACH = {0: 0, 1: 0, 3: 4, 5: 0, 6: 0, 7: 0, 8: 0, 9: 1, 10: 1, 11: 0,
           12: 0, 13: 1, 15: 1}
for c, c6 in UNREACH.items():
    err46(f"7915-17/code{c}", f"3/{c} becomes 1/{c6}", 3, c, b"\0" * 4, 1,
          c6, b"\0" * 4)
for c in (14, 16, 255):
    err46_drop(f"7915-17/code{c}", f"3/{c}: dropped", 3, c)

# ---- 7915-18: protocol unreachable ----

err46("7915-18/proto-unreach", "3/2 becomes 4/1, pointer 6 (Next Header)",
      3, 2, b"\0" * 4, 4, 1, rest32(6))

# ---- 7915-19, 7915-20: Fragmentation Needed ----

BQ4, BQ6 = quote(udp(n=1372, sport=53, dport=40000), df=True)
err46("7915-19/mtu1500", "3/4 MTU 1500, IPv6 next hop 1500: PTB 1500", 3, 4,
      rest_mtu4(1500), 2, 0, rest32(1500), q=(BQ4, BQ6), n4=52, n6=72)
err46("7915-19/mtu1000", "3/4 MTU 1000: PTB 1280 (never below)", 3, 4,
      rest_mtu4(1000), 2, 0, rest32(1280), q=(BQ4, BQ6), n4=52, n6=72)
err46("7915-19/mtu68", "3/4 MTU 68: PTB 1280", 3, 4, rest_mtu4(68), 2, 0,
      rest32(1280), q=(BQ4, BQ6), n4=52, n6=72)
err46("7915-19/mtu65535", "3/4 MTU 65535: PTB 1500 (the IPv6 next hop)", 3,
      4, rest_mtu4(65535), 2, 0, rest32(1500), q=(BQ4, BQ6), n4=52, n6=72)
mq4, mq6 = quote(udp(n=1372, sport=53, dport=40000), src4=MID4_6HOST,
                 src6=p6(MID4_6HOST), df=True)
err46("7915-19/nexthop6", "3/4 MTU 1450 to a host behind an IPv6 route of "
      "mtu 1400: PTB 1400", 3, 4, rest_mtu4(1450), 2, 0, rest32(1400),
      q=(mq4, mq6), dst4=MID4_6HOST, dst6=p6(MID4_6HOST), n4=52, n6=72)
err46("7915-20/mtu0-1500", "3/4 MTU 0, quoted length 1500: plateau 1492, "
      "PTB min(1512, 1500) = 1500", 3, 4, rest_mtu4(0), 2, 0, rest32(1500),
      q=quote(udp(n=1472, sport=53, dport=40000), df=True), n4=52, n6=72)
err46("7915-20/mtu0-600", "3/4 MTU 0, quoted length 600: plateau 508, PTB "
      "1280", 3, 4, rest_mtu4(0), 2, 0, rest32(1280),
      q=quote(udp(n=572, sport=53, dport=40000), df=True), n4=52, n6=72)
err46("7915-20/plateaus-off", "mtu-plateaus off: 3/4 MTU 0 gives PTB 1280",
      3, 4, rest_mtu4(0), 2, 0, rest32(1280),
      q=quote(udp(n=1472, sport=53, dport=40000), df=True), n4=52, n6=72,
      cfg=Cfg(eam=BASE_EAM, glob={"mtu-plateaus": "off"}))

# ---- 7915-21: Time Exceeded ----

err46("7915-21/code0", "11/0 becomes 3/0", 11, 0, b"\0" * 4, 3, 0,
      b"\0" * 4)
err46("7915-21/code1", "11/1 becomes 3/1", 11, 1, b"\0" * 4, 3, 1,
      b"\0" * 4)
err46_drop("7915-21/code2", "11/2: dropped", 11, 2)

# ---- 7915-22: Parameter Problem pointers (figure 3) ----

PTR = {0: 0, 1: 1, 2: 4, 3: 4, 9: 6, 12: 8, 13: 8, 14: 8, 15: 8, 16: 24,
       17: 24, 18: 24, 19: 24}
for p, p6_ in PTR.items():
    err46(f"7915-22/ptr{p}", f"12/0 pointer {p} becomes 4/0 pointer {p6_}",
          12, 0, rest_ptr(p), 4, 0, rest32(p6_))
for p in (4, 5, 6, 7, 10, 11, 20, 40):
    err46_drop(f"7915-22/ptr{p}", f"12/0 pointer {p}: dropped", 12, 0,
               rest_ptr(p))
err46("7915-22/code2", "12/2 (bad length) pointer 2 becomes 4/0 pointer 4",
      12, 2, rest_ptr(2), 4, 0, rest32(4))
err46_drop("7915-22/code1", "12/1 (missing option): dropped", 12, 1,
           rest_ptr(0))
err46_drop("7915-22/code3", "12/3: dropped", 12, 3, rest_ptr(0))


# ---- 7915-23: RFC 4884 extensions ----

def padded(q, n):
    return q + b"\0" * (n - len(q))


EXT = extension(12)
for t4, c4, t6, c6 in [(3, 1, 1, 0), (11, 0, 3, 0)]:
    err46(f"7915-23/ext-{t4}-{c4}", f"{t4}/{c4} with an RFC 4884 extension: "
          f"{t6}/{c6}, length 128/8, extension copied", t4, c4,
          rest_len4(32), t6, c6, rest_len6(16),
          q=(padded(Q4, 128) + EXT, padded(Q6, 128) + EXT))
# the quoted Total Length (1400) is longer than the 128-byte datagram
# field: its zero padding is translated as datagram bytes
err46("7915-23/ext-ptb", "3/4 with an extension: PTB has no length field, "
      "the extension is left out", 3, 4, rest_mtu4(1400, 32), 2, 0,
      rest32(1420), q=(padded(BQ4[:52], 128) + EXT,
                       padded(BQ6[:72], 72 + 76)))
err46("7915-23/ext-paramprob", "12/0 with an extension: 4/0 has no length "
      "field, the extension is left out", 12, 0, rest_ptr(9, 32), 4, 0,
      rest32(6), q=(padded(Q4, 128) + EXT, Q6))
LQ4, LQ6 = quote(udp(n=972, sport=53, dport=40000))
BIGEXT = extension(292)
err46("7915-23/ext-oversize", "an extension that would pass 1280 bytes is "
      "left out, length 0 (docs/siit-decisions.md)", 3, 1, rest_len4(250),
      1, 0, rest_len6(0), q=(LQ4 + BIGEXT, LQ6))

# ---- 7915-24: the quoted packet ----

err46("7915-24/inner-udp", "quoted UDP: addresses translated (EAM and "
      "pool6), hop limit kept, UDP checksum updated", 3, 3, b"\0" * 4, 1, 4,
      b"\0" * 4)
err46("7915-24/inner-echo", "quoted echo request 8 becomes 128 with its "
      "checksum", 3, 1, b"\0" * 4, 1, 0, b"\0" * 4, q=quote(echo(n=12)))
err46("7915-24/inner-tcp", "quoted TCP: checksum updated", 3, 1, b"\0" * 4,
      1, 0, b"\0" * 4, q=quote(tcp(n=8, sport=80, dport=40000)))
err46("7915-24/tos", "outer TOS 0x28 and quoted TOS 0xb8 become the "
      "Traffic Classes", 3, 1, b"\0" * 4, 1, 0, b"\0" * 4, tos=0x28,
      q=quote(tos=0xb8))
err46("7915-24/inner-ttl1", "quoted TTL 1 stays 1 (not decremented)", 11,
      0, b"\0" * 4, 3, 0, b"\0" * 4, q=quote(ttl=1))
err46("7915-24/inner-truncated", "a quote cut inside the UDP payload: "
      "translated as far as it goes, UDP checksum still updated", 3, 3,
      b"\0" * 4, 1, 4, b"\0" * 4, q=(Q4[:36], Q6[:56]))
whole6, whole4 = x64(udp(n=200, sport=53, dport=40000), hlim=TTL_Q + 1)
whole4[IP].id = 0x4242
whole4[IP].ttl = TTL_Q
whole6[IPv6].hlim = TTL_Q
err46("7915-24/inner-fragment", "quoted first fragment: the quoted IPv6 "
      "packet gets a Fragment Header (ID 0x00004242, M=1)", 3, 3, b"\0" * 4,
      1, 4, b"\0" * 4,
      q=(bytes(frag4(whole4, 0, 64, 1)), bytes(frag6(whole6, 0, 64, 1,
                                                     0x4242))))
err46("7915-24/inner-nonfirst", "quoted non-first fragment: Fragment Header "
      "with its offset", 3, 3, b"\0" * 4, 1, 4, b"\0" * 4,
      q=(bytes(frag4(whole4, 64, 64, 1)), bytes(frag6(whole6, 64, 64, 1,
                                                      0x4242))))
err46("7915-24/outer-ttl", "outer TTL 20 becomes hop limit 19", 3, 1,
      b"\0" * 4, 1, 0, b"\0" * 4, ttl=20)
err46_drop("7915-24/outer-ttl1", "an error with TTL 1: dropped, and no "
           "error about an error", 3, 1, counter="drop_hoplimit", ttl=1)

# ---- 7915-25: no error inside an error ----

inner_err = bytes(IP(src=S4, dst=C4, ttl=TTL_Q) / ICMP(type=3, code=3) /
                  Q4[:28])
err46_drop("7915-25/nested-3", "an error quoting an ICMPv4 3/3: dropped",
           3, 1, body=inner_err, counter="drop_icmp_nested")
inner_err = bytes(IP(src=S4, dst=C4, ttl=TTL_Q) / ICMP(type=11, code=0) /
                  Q4[:28])
err46_drop("7915-25/nested-11", "an error quoting an ICMPv4 11/0: dropped",
           11, 0, body=inner_err, counter="drop_icmp_nested")
inner_ts = bytes(IP(src=S4, dst=C4, ttl=TTL_Q) /
                 ICMP(type=13, code=0, id=1, seq=1, ts_ori=0, ts_rx=0,
                      ts_tx=0))
err46_drop("7915-25/inner-timestamp", "an error quoting an ICMPv4 "
           "timestamp: dropped (docs/siit-decisions.md)", 3, 1,
           body=inner_ts)

# ---- 7915-26: at most 1280 bytes ----

HQ4, HQ6 = quote(udp(n=1444, sport=53, dport=40000))
err46("7915-26/1500", "a 1500-byte ICMPv4 error becomes a 1280-byte ICMPv6 "
      "error (quote cut)", 3, 1, b"\0" * 4, 1, 0, b"\0" * 4, q=(HQ4, HQ6),
      n6=1232)
EQ4, EQ6 = quote(udp(n=1184, sport=53, dport=40000))
err46("7915-26/exact", "an error whose translation is exactly 1280 bytes "
      "is not cut", 3, 1, b"\0" * 4, 1, 0, b"\0" * 4, q=(EQ4, EQ6))

# ---- 7915-10: illegal addresses inside an error are translated ----

for name, dst in [("127.0.0.1", "127.0.0.1"), ("0.0.0.0", "0.0.0.0")]:
    err46(f"7915-10/inner-{name}", f"quoted destination {name} is "
          "translated (only outer sources are checked)", 3, 3, b"\0" * 4, 1,
          4, b"\0" * 4, q=quote(dst4=dst, dst6=p6(dst)))

# ---- 7915-27: an ICMPv4 error for what is dropped ----

send, _ = x46(udp(n=21, chksum=0))
vec("7915-27/udp0-drop", "udp0 drop: the dropped datagram is answered with "
    "ICMPv4 3/13", Cfg(eam=BASE_EAM, glob={"udp0": "drop"}), send,
    refused(send, "drop_udp0"))
vec("7915-27/off", "drop-icmp off: the same datagram is dropped silently",
    Cfg(eam=BASE_EAM, glob={"udp0": "drop", "drop-icmp": "off"}), send,
    drop("drop_udp0"))
WKP = Cfg(pool6="64:ff9b::/96", eam=((S4, S6),))
send, _ = x46(echo(), src4="10.1.2.3", src6="64:ff9b::a01:203")
vec("7915-27/echo", "an echo request (not an error) from an untranslatable "
    "source is answered", WKP, send, refused(send))
whole, _ = x46(udp(n=600), src4="10.1.2.3", src6="64:ff9b::a01:203")
vec("7915-27/nonfirst-frag", "a non-first fragment from an untranslatable "
    "source is dropped silently", WKP, frag4(whole, 304, 296, 0),
    drop("drop_addr"))
send = ip4_icmp("10.9.9.9", S4, 3, 1, b"\0" * 4, 
               quote(src4=S4, dst4="10.1.2.3", dst6=S6)[0], ttl=64)
vec("7915-27/error", "an ICMPv4 error from an untranslatable source is "
    "dropped silently", WKP, send, drop("drop_addr"))

# ---- 7915-32: a corrupt error is not made valid ----

send = ip4_icmp(R4, S4, 3, 1, b"\0" * 4, Q4, ttl=64)
vec("7915-32/err46-csum", "ICMPv4 error with a corrupt checksum: dropped",
    BASE, corrupt(send), drop("drop_csum"))

_ = (UDP, TCP, C6, S6)
