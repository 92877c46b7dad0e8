# SPDX-License-Identifier: GPL-2.0-only
"""Builders shared by the vector files: one packet in one family and the
packet RFC 7915 says it becomes in the other.

The expected side is written from the RFC rules (TTL - 1, TOS <-> Traffic
Class, 1 <-> 58, DF from the size), never from the module's code; scapy
computes every length and checksum of the expected packet afresh, which is
what checks the module's incremental checksum updates (7915-28).
"""
import struct

from scapy.layers.inet import IP, TCP, UDP, ICMP
from scapy.layers.inet6 import IPv6, ICMPv6EchoRequest, ICMPv6EchoReply
from scapy.packet import Raw

from pktlib import (C4, C6, S4, S6, XL4, XL6, Exp, drop, ip4_icmp, ip6_icmp,
                    payload)

# ---- transport layers, as (IPv4 version, IPv6 version) ----


def udp(n=20, sport=40000, dport=53, chksum=None, seed=0):
    """UDP with n bytes of payload; chksum=0 in IPv4 means "none"."""
    def mk(c):
        return UDP(sport=sport, dport=dport, chksum=c) / Raw(payload(n, seed))
    return mk(chksum), mk(None)


def tcp(n=20, sport=40000, dport=80, seed=1):
    def mk():
        return TCP(sport=sport, dport=dport, seq=0x01020304, ack=0x0a0b0c0d,
                   flags="PA", window=8192) / Raw(payload(n, seed))
    return mk(), mk()


def echo(n=32, reply=False, ident=0x4242, seq=7, code=0):
    p = Raw(payload(n, 5))
    if reply:
        return (ICMP(type=0, code=code, id=ident, seq=seq) / p,
                ICMPv6EchoReply(code=code, id=ident, seq=seq) / p)
    return (ICMP(type=8, code=code, id=ident, seq=seq) / p,
            ICMPv6EchoRequest(code=code, id=ident, seq=seq) / p)


def dccp(v4src, v4dst, v6src, v6dst, n=16):
    """A DCCP-Data packet (RFC 4340, X=1) with its checksum in each family."""
    def mk(pseudo):
        body = bytearray(struct.pack("!HHBBHBB", 5001, 5002, 4, 0, 0,
                                     (2 << 1) | 1, 0))
        body += b"\x00\x00\x00\x00\x10\x01" + payload(n, 9)
        s = pseudo + _sum(bytes(body))
        while s >> 16:
            s = (s & 0xffff) + (s >> 16)
        struct.pack_into("!H", body, 6, ~s & 0xffff)
        return Raw(bytes(body))
    import ipaddress
    ln = 16 + n
    p4 = _sum(ipaddress.IPv4Address(v4src).packed +
              ipaddress.IPv4Address(v4dst).packed) + 33 + ln
    p6 = _sum(ipaddress.IPv6Address(v6src).packed +
              ipaddress.IPv6Address(v6dst).packed) + 33 + ln
    return mk(p4), mk(p6)


def _sum(b):
    if len(b) % 2:
        b += b"\0"
    return sum(struct.unpack(f"!{len(b) // 2}H", b))


def raw(proto, n=24, seed=11):
    """An upper layer the translator does not parse (SCTP, GRE, ESP...)."""
    return Raw(payload(n, seed)), Raw(payload(n, seed))


# ---- whole packets ----


def v4(l4, src=C4, dst=S4, ttl=64, tos=0, df=False, ident=0x1234,
       proto=None, options=None, flags=None):
    kw = dict(src=src, dst=dst, ttl=ttl, tos=tos, id=ident,
              flags=flags if flags is not None else ("DF" if df else 0))
    if proto is not None:
        kw["proto"] = proto
    if options:
        kw["options"] = options
    return IP(**kw) / l4


def v6(l4, src=C6, dst=S6, hlim=63, tc=0, nh=None, ext=None):
    kw = dict(src=src, dst=dst, hlim=hlim, tc=tc)
    if nh is not None:
        kw["nh"] = nh
    p = IPv6(**kw)
    if ext is not None:
        p = p / ext
    return p / l4


def x46(pair, src4=C4, dst4=S4, src6=C6, dst6=S6, ttl=64, tos=0, df=False,
        ident=0x1234, proto=None, options=None, tc=None):
    """(IPv4 packet, the IPv6 packet it becomes): RFC 7915 section 4.1."""
    l4v4, l4v6 = pair
    out_nh = None if proto is None else (58 if proto == 1 else proto)
    return (v4(l4v4, src4, dst4, ttl, tos, df, ident, proto, options),
            v6(l4v6, src6, dst6, max(ttl - 1, 0), tos if tc is None else tc,
               out_nh))


def x64(pair, src6=S6, dst6=C6, src4=S4, dst4=C4, hlim=64, tc=0, ext=None,
        tos=None, nh=None):
    """(IPv6 packet, the IPv4 packet it becomes): RFC 7915 section 5.1.
    The IPv4 ID is the translator's (ignore "ip.id"); DF is set above
    1260 bytes (7915-34)."""
    l4v4, l4v6 = pair
    p6 = v6(l4v6, src6, dst6, hlim, tc, nh, ext)
    out_proto = None if nh is None else (1 if nh == 58 else nh)
    p4 = v4(l4v4, src4, dst4, max(hlim - 1, 0), tc if tos is None else tos,
            proto=out_proto)
    # DF by the final size: build once to know the length
    tl = len(bytes(p4))
    p4[IP].flags = "DF" if tl > 1260 else 0
    p4[IP].id = 0
    return p6, p4


def with_options(pkt, opt):
    """The bytes of IPv4 @pkt with @opt (a multiple of 4 bytes) inserted
    as its options: IHL, Total Length and header checksum redone."""
    from scapy.utils import checksum
    assert len(opt) % 4 == 0
    b = bytes(pkt)
    ihl = (b[0] & 0xf) * 4
    h = bytearray(b[:ihl] + opt)
    h[0] = 0x40 | len(h) // 4
    struct.pack_into("!H", h, 2, len(b) + len(opt))
    struct.pack_into("!H", h, 10, 0)
    struct.pack_into("!H", h, 10, checksum(bytes(h)))
    return bytes(h) + b[ihl:]


# ---- ICMP errors the translator's own stack sends ----


def xl_err4(orig, typ, code, rest=b"\0\0\0\0"):
    """The ICMPv4 error Linux's icmp_send() makes about IPv4 @orig in the
    translator: from the translator's address, TOS precedence 6 (RFC 1812
    4.3.2.5) over the original's TOS bits, TTL 64, quoting at most 548
    bytes (576 in all). Its IPv4 ID is the kernel's."""
    b = bytes(orig)
    tos = 0xc0 | (IP(b).tos & 0x1e)
    return Exp(ip4_icmp(XL4, IP(b).src, typ, code, rest, b[:548], ttl=64,
                        tos=tos, id=0, flags=0), ignore=["ip.id"])


def xl_err6(orig, typ, code, rest=b"\0\0\0\0"):
    """The ICMPv6 error Linux's icmpv6_send() makes about IPv6 @orig in the
    translator: from its IPv6 address, hop limit 64, quoting as much as
    fits in 1280 bytes."""
    b = bytes(orig)
    return ip6_icmp(XL6, IPv6(b).src, typ, code, rest, b[:1232], hlim=64)


def refused(orig, counter="drop_addr"):
    """7915-27/50: @orig is dropped as untranslatable, counted in @counter,
    and answered (drop-icmp on, the default) with ICMPv4 3/13 or ICMPv6
    1/1 (Communication Administratively Prohibited)."""
    if bytes(orig)[0] >> 4 == 4:
        return drop(counter, [xl_err4(orig, 3, 13)])
    return drop(counter, [xl_err6(orig, 1, 1)])
