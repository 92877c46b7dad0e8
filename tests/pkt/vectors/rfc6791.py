# SPDX-License-Identifier: GPL-2.0-only
"""RFC 6791 (conformance.md section 4): ICMPv6 errors from IPv6 routers
whose addresses cannot be translated.

The flow: the IPv4 client C4 sent UDP to 192.0.2.33; as C6 -> S6 it met a
router 2001:db8::1234 (in no EAM, outside pool6) that answers C6 with an
ICMPv6 error. The error must still reach C4, from an address of the RFC
6791 pool, or with an empty pool from the translator's own IPv4 address
(100.64.0.1 here) or 192.0.0.8 (RFC 7600, allowed by 6791-3).
"""
import ipaddress
import struct

from scapy.layers.inet import IP

from pktlib import (BASE_EAM, C4, C6, S4, S6, XL4, Cfg, vec, drop,
                    ip4_icmp, ip6_icmp, rest32, rest_mtu4, rest_len4,
                    inet_checksum)
from .flows import udp, echo, x46

RTR6 = "2001:db8::1234"
POOL = Cfg(eam=BASE_EAM, pool6791=("203.0.113.200/32",))
POOL4 = Cfg(eam=BASE_EAM, pool6791=("203.0.113.200/30",))
EMPTY = Cfg(eam=BASE_EAM)
IGN = ["ip.id", "inner.ip.id"]


def quote(n=24, hlim=1):
    q4, q6 = x46(udp(n=n), ttl=hlim + 1)
    q4.ttl = hlim
    q4.id = 0
    q4.flags = "DF" if len(bytes(q4)) > 1260 else 0
    q6.hlim = hlim
    return bytes(q4), bytes(q6)


Q4, Q6 = quote()


def rfc5837(addr6):
    """RFC 4884 extension with an RFC 5837 Interface Information Object
    (class 2, C-Type: IP address present) carrying @addr6."""
    sub = struct.pack("!HH", 2, 0) + ipaddress.IPv6Address(addr6).packed
    obj = struct.pack("!HBB", 4 + len(sub), 2, 0x04) + sub
    ext = bytearray(b"\x20\x00\x00\x00" + obj)
    struct.pack_into("!H", ext, 2, inet_checksum(bytes(ext)))
    return bytes(ext)


def err(t6, c6, rest6, t4, c4, rest4, src4, q=(Q4, Q6), n6=None, n4=None):
    """The router's error, and what it becomes: from @src4, its quote
    padded to 128 bytes (RFC 4884 length 32) and followed by the router's
    IPv6 address (6791-3)."""
    send = ip6_icmp(RTR6, C6, t6, c6, rest6, q[1][:n6], hlim=64)
    body = q[0][:n4]
    body += b"\0" * (128 - len(body)) + rfc5837(RTR6)
    exp = ip4_icmp(src4, C4, t4, c4, rest4[:1] + bytes([32]) + rest4[2:],
                   body, ttl=63)
    return send, exp


vec("6791-1/pool-te", "ICMPv6 3/0 from untranslatable 2001:db8::1234: "
    "ICMPv4 11/0 from the pool address 203.0.113.200", POOL,
    *err(3, 0, b"\0" * 4, 11, 0, b"\0" * 4, "203.0.113.200"), ignore=IGN)
vec("6791-1/pool-du", "ICMPv6 1/0 from the router: ICMPv4 3/1 from "
    "203.0.113.200", POOL,
    *err(1, 0, b"\0" * 4, 3, 1, b"\0" * 4, "203.0.113.200"), ignore=IGN)
BQ = quote(n=1372, hlim=60)
vec("6791-1/pool-ptb", "PTB 1400 from the router: ICMPv4 3/4 MTU 1380 "
    "from 203.0.113.200", POOL,
    *err(2, 0, rest32(1400), 3, 4, rest_mtu4(1380), "203.0.113.200", q=BQ,
         n6=72, n4=52), ignore=IGN)


def own_address(got):
    srcs = {IP(p).src for p in got[4]}
    if srcs <= {XL4, "192.0.0.8"}:
        return None
    return f"source {srcs}: neither the translator's address nor 192.0.0.8"


vec("6791-1/empty-pool", "empty pool: the error is translated from the "
    "translator's own IPv4 address (or 192.0.0.8)", EMPTY,
    *err(3, 0, b"\0" * 4, 11, 0, b"\0" * 4, XL4),
    ignore=IGN + ["ip.src"], check=own_address)
send = ip6_icmp(RTR6, C6, 128, 0, b"\x00\x01\x00\x01", b"ping")
vec("6791-1/not-for-echo", "an echo request from the router is no error: "
    "no pool address for it, dropped", POOL, send, drop("drop_addr"))


def from_pool(got):
    srcs = [IP(p).src for p in got[4]]
    pool = {str(ipaddress.IPv4Address("203.0.113.200") + i)
            for i in range(4)}
    if not set(srcs) <= pool:
        return f"sources {srcs} outside 203.0.113.200/30"
    if len(set(srcs)) < 2:
        return f"8 errors, always the source {srcs[0]}"
    return None


send, exp = err(3, 0, b"\0" * 4, 11, 0, b"\0" * 4, "203.0.113.200")
vec("6791-2/random", "8 errors from the router: sources drawn from "
    "203.0.113.200/30, not all the same", POOL4, [send] * 8, [exp] * 8,
    ignore=IGN + ["ip.src"], check=from_pool)


send = ip6_icmp(RTR6, C6, 3, 0, b"\0" * 4, Q6, hlim=64)
exp = ip4_icmp("203.0.113.200", C4, 11, 0, rest_len4(32),
               Q4 + b"\0" * (128 - len(Q4)) + rfc5837(RTR6), ttl=63)
vec("6791-3/rfc5837", "the translated error carries the router's IPv6 "
    "address in an RFC 5837 Interface Information Object, after its "
    "quote padded to 128 bytes (RFC 4884)", POOL, send, exp, ignore=IGN)

_ = (S4, S6, echo)
