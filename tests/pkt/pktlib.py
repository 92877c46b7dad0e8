# SPDX-License-Identifier: GPL-2.0-only
"""Packet vectors for a siit or nat64 instance: how they are declared and
compared.

A vector is one configuration, the packets sent to the translator, and
what must come out of it:

    vec("7915-12/lsrr", "unexpired LSRR: discarded, ICMPv4 3/5", BASE,
        send=IP(...)/UDP(...),
        expect=[Icmp4Err(...)],          # or a list of packets, or drop(...)
        counters={"drop_srr": 1},
        ignore=["ip.id"])

- send: a packet or a list; IPv4 packets enter from the IPv4 side, IPv6
  from the IPv6 side.
- expect: a list of packets (IPv4 ones are captured on the IPv4 side,
  IPv6 ones on the IPv6 side, each side in order), possibly empty; an
  entry may be Exp(pkt, ignore=[...]) for fields ignored in that packet
  only. drop(COUNTER) means "nothing comes out, COUNTER grows by one".
- ignore: field names (see layout()) whose value the RFCs leave to the
  implementation. Their bytes are masked in both packets; every checksum
  that covers them is masked too and must then verify on the captured
  packet by itself.
- counters: counters of `nat64ctl -j stats` that must grow by exactly
  that much.
- check: a function(got) -> None or a failure text, for what bytes alone
  cannot say (IDs that must vary, a source drawn from a pool); got maps
  4 and 6 to the lists of captured packets (bytes).
- xfail: a reason. The vector is run, reported as XFAIL (or XPASS), and
  counts neither as a pass nor as a failure.
- pre: nat64ctl argument lists run on the instance before sending (a
  configuration change without a new instance).
- wait: seconds to listen, whatever comes out (a timer's effect); with
  send=[] a vector only waits.
- timeout: seconds to wait for the expected packets at most (run.py's
  --timeout otherwise), for a packet a timer sends; it ends as soon as
  they are all there.
- state: a function(show) -> None or a failure text, run after the
  packets when everything else passed, for what the instance keeps (BIB,
  sessions, TCP states, lifetimes): show(*args) is the parsed JSON of
  `nat64ctl -j -i INSTANCE ARGS`, e.g. show("session", "list", "tcp").

Vectors of one configuration (Cfg) run in the order they are declared, on
one instance: a nat64 vector sees the BIB entries and sessions the ones
before it made. Cfg(tag=...) gives a fresh instance.

Vectors are named by the conformance id they check (../shared/reference/
conformance.md), with a suffix when several share it: "7915-22/ptr9".
"""
import ipaddress
import struct

from scapy.layers.inet import IP, UDP, TCP, ICMP  # noqa: F401 (re-exported)
from scapy.layers.inet6 import IPv6, in6_chksum  # noqa: F401
from scapy.packet import Packet, Raw
from scapy.utils import checksum as inet_checksum

# ---- the topology's addresses (run.py builds it) ----

XL4 = "100.64.0.1"		# the translator, IPv4 side (RFC 6598 space)
GW4 = "100.64.0.2"		# the IPv4 side's next hop (the sink)
XL6 = "fd00:6::1"		# the translator, IPv6 side
GW6 = "fd00:6::2"

# ---- the baseline of conformance.md section 0 ----

POOL6 = "2001:db8:64::/96"
C4 = "198.51.100.2"		# IPv4 client
C6 = "2001:db8:64::c633:6402"	# the same under pool6
S4 = "192.0.2.33"		# the IPv6 server's IPv4 address (EAM)
S6 = "2001:db8:1::33"
R4 = "198.51.100.254"		# an IPv4 router
R6 = "2001:db8:64::c633:64fe"
# IPv4 destinations whose routes in the translator have a small MTU
SMALL4 = "203.0.113.5"		# 203.0.113.0/25, mtu 576
MID4 = "203.0.113.133"		# 203.0.113.128/25, mtu 1400
# pool6 addresses of 192.0.2.128/25 have an IPv6 route with mtu 1400
MID4_6HOST = "192.0.2.130"


def embed(prefix, v4):
    """RFC 6052 section 2.2: @v4 inside @prefix (a Pref64::/n string)."""
    net = ipaddress.IPv6Network(prefix)
    a = bytearray(net.network_address.packed)
    pos = {32: (4, 5, 6, 7), 40: (5, 6, 7, 9), 48: (6, 7, 9, 10),
           56: (7, 9, 10, 11), 64: (9, 10, 11, 12),
           96: (12, 13, 14, 15)}[net.prefixlen]
    for i, b in zip(pos, ipaddress.IPv4Address(v4).packed):
        a[i] = b
    return str(ipaddress.IPv6Address(bytes(a)))


def p6(v4):
    """@v4 under the baseline pool6."""
    return embed(POOL6, v4)


# ---- configurations ----

class Cfg:
    """An instance configuration. Vectors with equal configurations share
    one instance; a new configuration gets a new instance. @mode is the
    instance's ("siit" or "nat64"); @pool4 and @bib (nat64) are argument
    tuples of `pool4 add` and `bib add`: ("203.0.113.1", "udp",
    "40001-40001"), ("udp", "203.0.113.1#2000", "2001:db8::b#5000").
    @second_ms sets the module parameter of that name (how many ms a
    second of the state timers lasts): timers of hours pass in seconds.
    @det (nat64) is the argument tuple of `det set`, the deterministic
    NAT rule: ("2001:db8:100::/120", "128", "203.0.113.0/30",
    "40000-40063")."""

    def __init__(self, pool6=POOL6, eam=(), glob=None, deny=(),
                 pool6791=(), tag=None, mode="siit", pool4=(), bib=(),
                 second_ms=1000, det=()):
        self.mode = mode
        self.det = tuple(det)
        # the module parameter: ms in a second of the state timers
        self.second_ms = second_ms
        self.pool4 = tuple(tuple(a) for a in pool4)
        self.bib = tuple(tuple(a) for a in bib)
        self.pool6 = pool6
        self.eam = tuple(eam)
        self.glob = tuple(sorted((glob or {}).items()))
        self.deny = tuple(deny)
        self.pool6791 = tuple(pool6791)
        self.tag = tag

    def key(self):
        return (self.mode, self.pool6, self.eam, self.glob, self.deny,
                self.pool6791, self.pool4, self.bib, self.second_ms,
                self.det, self.tag)

    def commands(self):
        """nat64ctl argument lists (after `-i NAME`) that set it up."""
        cmds = []
        if self.pool6:
            cmds.append(["prefix", "add", self.pool6])
        for v4, v6 in self.eam:
            cmds.append(["eam", "add", v4, v6])
        for k, v in self.glob:
            cmds.append(["global", "set", k, str(v)])
        for p in self.deny:
            cmds.append(["denylist", "add", p])
        for p in self.pool6791:
            cmds.append(["pool6791", "add", p])
        for a in self.pool4:
            cmds.append(["pool4", "add", *a])
        if self.det:
            cmds.append(["det", "set", *self.det])
        for a in self.bib:
            cmds.append(["bib", "add", *a])
        return cmds

    def __repr__(self):
        parts = [self.mode] if self.mode != "siit" else []
        parts += [f"pool6 {self.pool6}"] if self.pool6 else ["no pool6"]
        parts += [f"eam {a}={b}" for a, b in self.eam]
        parts += [f"{k}={v}" for k, v in self.glob]
        parts += [f"deny {p}" for p in self.deny]
        parts += [f"pool6791 {p}" for p in self.pool6791]
        parts += ["pool4 " + " ".join(a) for a in self.pool4]
        parts += ["bib " + " ".join(a) for a in self.bib]
        parts += ["det " + " ".join(self.det)] if self.det else []
        if self.second_ms != 1000:
            parts.append(f"second_ms={self.second_ms}")
        if self.tag:
            parts.append(f"[{self.tag}]")
        return ", ".join(parts)


BASE_EAM = ((S4, S6),)
BASE = Cfg(eam=BASE_EAM)

# ---- expectations ----


class Exp:
    """An expected packet with fields ignored in it alone."""

    def __init__(self, pkt, ignore=()):
        self.pkt = pkt
        self.ignore = list(ignore)


class Drop:
    def __init__(self, counter, answer=()):
        self.counter = counter
        self.answer = list(answer)


def drop(counter, answer=()):
    """Nothing is translated; @counter (a `nat64ctl stats` name) grows by
    1. What comes out is @answer (the ICMP errors the drop is answered
    with), else nothing."""
    return Drop(counter, answer)


VECTORS = []


class Vector:
    def __init__(self, ident, desc, cfg, send, expect, ignore, counters,
                 check, xfail, pre, wait, state, timeout):
        self.id = ident
        self.desc = desc
        self.cfg = cfg
        self.send = send if isinstance(send, (list, tuple)) else [send]
        self.counters = dict(counters or {})
        if isinstance(expect, Drop):
            self.counters.setdefault(expect.counter, 1)
            expect = expect.answer
        elif expect is None:
            expect = []
        elif not isinstance(expect, (list, tuple)):
            expect = [expect]
        self.expect = [e if isinstance(e, Exp) else Exp(e) for e in expect]
        self.ignore = list(ignore)
        self.check = check
        self.xfail = xfail
        self.pre = list(pre or [])
        self.wait = wait
        self.state = state
        self.timeout = timeout

    def frames(self):
        """(family, bytes) of each packet to send."""
        return [(family(p), bytes(p)) for p in self.send]

    def expected(self):
        """{4: [(bytes, ignore)], 6: [...]}"""
        out = {4: [], 6: []}
        for e in self.expect:
            b = bytes(e.pkt)
            out[family(e.pkt)].append((b, self.ignore + e.ignore))
        return out


def vec(ident, desc, cfg, send, expect=None, ignore=(), counters=None,
        check=None, xfail=None, pre=None, wait=None, state=None,
        timeout=None):
    v = Vector(ident, desc, cfg, send, expect, ignore, counters, check,
               xfail, pre, wait, state, timeout)
    VECTORS.append(v)
    return v


def family(p):
    b = p if isinstance(p, (bytes, bytearray)) else bytes(p)
    return b[0] >> 4


# ---- building packets ----

def payload(n, seed=0):
    """@n bytes that are not all alike."""
    return bytes((seed + i * 7 + (i >> 8)) & 0xff for i in range(n))


def icmp4_msg(typ, code, rest=b"\0\0\0\0", body=b""):
    """An ICMPv4 message with its checksum."""
    m = bytearray(bytes([typ, code, 0, 0]) + rest + body)
    struct.pack_into("!H", m, 2, inet_checksum(bytes(m)))
    return bytes(m)


def icmp6_msg(src, dst, typ, code, rest=b"\0\0\0\0", body=b""):
    """An ICMPv6 message with its checksum over the pseudo-header."""
    m = bytearray(bytes([typ, code, 0, 0]) + rest + body)
    struct.pack_into("!H", m, 2,
                     in6_chksum(58, IPv6(src=src, dst=dst), bytes(m)))
    return bytes(m)


def ip4_icmp(src, dst, typ, code, rest=b"\0\0\0\0", body=b"", **kw):
    """IPv4 carrying an ICMPv4 message (error or other)."""
    return IP(src=src, dst=dst, proto=1, **kw) / Raw(
        icmp4_msg(typ, code, rest, body))


def ip6_icmp(src, dst, typ, code, rest=b"\0\0\0\0", body=b"", **kw):
    return IPv6(src=src, dst=dst, nh=58, **kw) / Raw(
        icmp6_msg(src, dst, typ, code, rest, body))


def rest_ptr(ptr, length=0):
    """ICMPv4 12: pointer, RFC 4884 length."""
    return bytes([ptr, length, 0, 0])


def rest_mtu4(mtu, length=0):
    """ICMPv4 3/4: unused, RFC 4884 length, next-hop MTU."""
    return struct.pack("!BBH", 0, length, mtu)


def rest_len4(length):
    """ICMPv4 3/11: RFC 4884 length (32-bit words) in byte 5."""
    return bytes([0, length, 0, 0])


def rest_len6(length):
    """ICMPv6 1/3: RFC 4884 length (64-bit words) in byte 4."""
    return bytes([length, 0, 0, 0])


def rest32(v):
    return struct.pack("!I", v)


def frag4(pkt, off, n, mf, **kw):
    """Bytes off..off+n of the payload of IPv4 @pkt as a fragment of it."""
    b = bytes(pkt)
    ip = IP(b)
    ihl = ip.ihl * 4
    data = b[ihl:ip.len][off:off + n]
    assert off % 8 == 0
    flags = (0x1 if mf else 0) | (int(ip.flags) & 0x2)
    fields = dict(version=4, tos=ip.tos, id=ip.id, flags=flags, frag=off // 8,
                  ttl=ip.ttl, proto=ip.proto, src=ip.src, dst=ip.dst,
                  options=ip.options)
    fields.update(kw)
    return IP(**fields) / Raw(data)


def frag6(pkt, off, n, m, ident, **kw):
    """Bytes off..off+n of the payload of IPv6 @pkt (no extension headers)
    as a fragment with a Fragment Header."""
    from scapy.layers.inet6 import IPv6ExtHdrFragment
    b = bytes(pkt)
    ip = IPv6(b)
    data = b[40:40 + ip.plen][off:off + n]
    assert off % 8 == 0
    fields = dict(tc=ip.tc, fl=ip.fl, hlim=ip.hlim, src=ip.src, dst=ip.dst)
    fields.update(kw)
    return IPv6(**fields) / IPv6ExtHdrFragment(
        nh=ip.nh, offset=off // 8, m=int(bool(m)), id=ident) / Raw(data)


def extension(n_obj):
    """An ICMP extension structure (RFC 4884 section 7) with one object of
    @n_obj bytes of data (class 1, c-type 1), its checksum right."""
    obj = struct.pack("!HBB", 4 + n_obj, 1, 1) + payload(n_obj, 21)
    ext = bytearray(b"\x20\x00\x00\x00" + obj)
    struct.pack_into("!H", ext, 2, inet_checksum(bytes(ext)))
    return bytes(ext)


def corrupt(pkt, at=-1):
    """The bytes of @pkt with one byte changed after its checksums were
    made (the last one by default: payload)."""
    b = bytearray(bytes(pkt))
    b[at] ^= 0x5a
    return bytes(b)


def udp_zero_sum_payload(ipcls, src, dst, sport, dport, n):
    """A UDP payload of @n bytes (n >= 2, even) whose checksum under
    @ipcls(src, dst) sums to 0x0000, so that it must be sent as 0xFFFF."""
    body = bytearray(payload(n, 3))
    body[0:2] = b"\0\0"
    probe = ipcls(src=src, dst=dst) / UDP(sport=sport, dport=dport) / Raw(
        bytes(body))
    c = ipcls(bytes(probe))[UDP].chksum
    # the sum without the two bytes is ~c (0xffff was put for 0); adding
    # the word c makes the sum 0xffff, whose complement is 0
    if c == 0xffff:
        c = 0
    body[0:2] = struct.pack("!H", c)
    return bytes(body)


# ---- layout: names of the bytes of a packet ----

PROTO_L4 = {6: "tcp", 17: "udp", 1: "icmp", 58: "icmp"}
CSUM_AT = {6: 16, 17: 6, 1: 2, 58: 2, 33: 6}


class Layout:
    """Named byte ranges of a packet and the checksums covering them."""

    def __init__(self):
        self.fields = []	# (name, off, size, per-byte bit masks or None)
        self.csums = []		# (name, off, covered byte set, verify() -> bool|None)

    def field(self, name, off, size, masks=None):
        """@masks: the bits of each byte that are the field's (all)."""
        self.fields.append((name, off, size, masks))

    def name_at(self, i):
        best = None
        for name, off, size, _ in self.fields:
            if off <= i < off + size and (best is None or size < best[1]):
                best = (name, size)
        return best[0] if best else "?"


def _sum16(b, s=0):
    if len(b) % 2:
        b = b + b"\0"
    for i in range(0, len(b), 2):
        s += b[i] << 8 | b[i + 1]
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return s


def _ok(s):
    return s == 0xffff


def layout(b):
    L = Layout()
    _layout(b, 0, len(b), "", L)
    return L


def _layout(b, base, end, pfx, L):
    """Fields of the packet at b[base:end] (possibly a truncated quote)."""
    if end - base < 1:
        return
    ver = b[base] >> 4
    if ver == 4:
        _layout4(b, base, end, pfx, L)
    elif ver == 6:
        _layout6(b, base, end, pfx, L)
    else:
        L.field(pfx + "payload", base, end - base)


def _layout4(b, base, end, pfx, L):
    ihl = (b[base] & 0xf) * 4
    if end - base < 20 or ihl < 20:
        L.field(pfx + "ip.truncated", base, end - base)
        return
    f = L.field
    f(pfx + "ip.ver", base, 1)
    f(pfx + "ip.tos", base + 1, 1)
    f(pfx + "ip.len", base + 2, 2)
    f(pfx + "ip.id", base + 4, 2)
    f(pfx + "ip.frag", base + 6, 2)
    f(pfx + "ip.ttl", base + 8, 1)
    f(pfx + "ip.proto", base + 9, 1)
    f(pfx + "ip.chksum", base + 10, 2)
    f(pfx + "ip.src", base + 12, 4)
    f(pfx + "ip.dst", base + 16, 4)
    hend = min(base + ihl, end)
    if ihl > 20:
        f(pfx + "ip.options", base + 20, hend - base - 20)
    hdr = bytes(b[base:hend])
    L.csums.append((pfx + "ip.chksum", base + 10, set(range(base, hend)),
                    (lambda h=hdr, n=ihl: _ok(_sum16(h)) if len(h) == n
                     else None)))
    tl = struct.unpack_from("!H", b, base + 2)[0]
    frag = struct.unpack_from("!H", b, base + 6)[0]
    proto = b[base + 9]
    l4 = base + ihl
    dend = min(end, base + tl)
    if l4 >= end:
        return
    whole = dend - base == tl and not frag & 0x3fff
    if frag & 0x1fff:
        f(pfx + "payload", l4, end - l4)
        return
    pseudo = None
    if proto in (6, 17, 33):
        src, dst = b[base + 12:base + 16], b[base + 16:base + 20]
        pseudo = (set(range(base + 12, base + 20)),
                  _sum16(bytes(src) + bytes(dst)) + proto + (tl - ihl))
    _layout_l4(b, l4, end, dend, proto, pfx, L, pseudo, whole, False)


def _layout6(b, base, end, pfx, L):
    if end - base < 40:
        L.field(pfx + "ipv6.truncated", base, end - base)
        return
    f = L.field
    f(pfx + "ipv6.ver", base, 1, (0xf0,))
    f(pfx + "ipv6.tc", base, 2, (0x0f, 0xf0))
    f(pfx + "ipv6.fl", base + 1, 3, (0x0f, 0xff, 0xff))
    f(pfx + "ipv6.plen", base + 4, 2)
    f(pfx + "ipv6.nh", base + 6, 1)
    f(pfx + "ipv6.hlim", base + 7, 1)
    f(pfx + "ipv6.src", base + 8, 16)
    f(pfx + "ipv6.dst", base + 24, 16)
    plen = struct.unpack_from("!H", b, base + 4)[0]
    dend = min(end, base + 40 + plen)
    nh = b[base + 6]
    off = base + 40
    fragmented = False
    nonfirst = False
    routed = False
    while nh in (0, 43, 60, 44) and off + 8 <= end:
        if nh == 44:
            f(pfx + "frag.nh", off, 1)
            f(pfx + "frag.off", off + 2, 2)
            f(pfx + "frag.id", off + 4, 4)
            w = struct.unpack_from("!H", b, off + 2)[0]
            fragmented = True
            nonfirst = bool(w >> 3)
            nh = b[off]
            off += 8
            break
        n = (b[off + 1] + 1) * 8
        f(pfx + {0: "hbh", 43: "rh", 60: "dstopts"}[nh], off, min(n, end - off))
        if nh == 43 and b[off + 3]:
            routed = True	# the pseudo-header has the final destination
        nh = b[off]
        off += n
    if off >= end:
        return
    if nonfirst:
        f(pfx + "payload", off, end - off)
        return
    ulen = base + 40 + plen - off
    pseudo = (set(range(base + 8, base + 40)),
              _sum16(bytes(b[base + 8:base + 40])) + nh + ulen)
    whole = dend - base == 40 + plen and not fragmented and not routed
    _layout_l4(b, off, end, dend, nh, pfx, L, pseudo, whole, True)


def _layout_l4(b, l4, end, dend, proto, pfx, L, pseudo, whole, v6):
    f = L.field
    name = PROTO_L4.get(proto)
    at = CSUM_AT.get(proto)
    if name == "udp":
        f(pfx + "udp.sport", l4, 2)
        f(pfx + "udp.dport", l4 + 2, 2)
        f(pfx + "udp.len", l4 + 4, 2)
        f(pfx + "udp.chksum", l4 + 6, 2)
        f(pfx + "payload", l4 + 8, max(0, end - l4 - 8))
    elif name == "tcp":
        f(pfx + "tcp.ports", l4, 4)
        f(pfx + "tcp.seqack", l4 + 4, 8)
        f(pfx + "tcp.flags", l4 + 12, 4)
        f(pfx + "tcp.chksum", l4 + 16, 2)
        f(pfx + "tcp.urp", l4 + 18, 2)
        f(pfx + "payload", l4 + 20, max(0, end - l4 - 20))
    elif name == "icmp":
        f(pfx + "icmp.type", l4, 1)
        f(pfx + "icmp.code", l4 + 1, 1)
        f(pfx + "icmp.chksum", l4 + 2, 2)
        f(pfx + "icmp.rest", l4 + 4, 4)
        typ = b[l4] if l4 < end else 0
        error = typ < 128 if v6 else typ in (3, 4, 5, 11, 12)
        if error and l4 + 8 < end:
            f(pfx + "quote", l4 + 8, end - l4 - 8)
            _layout(b, l4 + 8, dend, pfx + "inner.", L)
        elif l4 + 8 < end:
            f(pfx + "payload", l4 + 8, end - l4 - 8)
    elif at is not None:
        f(pfx + "l4.chksum", l4 + at, 2)
        f(pfx + "payload", l4, end - l4)
    else:
        f(pfx + "payload", l4, end - l4)
    if at is None or l4 + at + 2 > end:
        return
    covered = set(range(l4, dend))
    init = 0
    if pseudo and not (proto == 1):
        covered |= pseudo[0]
        init = pseudo[1]
    seg = bytes(b[l4:dend])
    udp0 = proto == 17 and not v6 and seg[6:8] == b"\0\0"

    def verify(seg=seg, init=init, whole=whole, udp0=udp0):
        if not whole or udp0:
            return None
        return _ok(_sum16(seg, init))
    L.csums.append((pfx + f"{name or 'l4'}.chksum", l4 + at, covered, verify))


# ---- comparison ----

def masked(b, L, ignore):
    """@b with the ignored fields zeroed, and every checksum covering a
    zeroed bit zeroed too (transitively: an inner header checksum inside
    an ICMP error hides the outer ICMP checksum). Returns the bytes and
    the checksums that must verify by themselves on the received packet.
    Naming a checksum in @ignore means: verify it instead of comparing."""
    b = bytearray(b)
    zero = {}
    for name, off, size, masks in L.fields:
        if name in ignore:
            for k in range(size):
                zero[off + k] = zero.get(off + k, 0) | (
                    masks[k] if masks else 0xff)
    verify = []
    pending = list(L.csums)
    changed = True
    while changed:
        changed = False
        for c in list(pending):
            name, at, covered, fn = c
            if covered & zero.keys():
                zero[at] = zero[at + 1] = 0xff
                verify.append((name, fn))
                pending.remove(c)
                changed = True
    for i, m in zero.items():
        if i < len(b):
            b[i] &= ~m & 0xff
    return bytes(b), verify


def compare(got, exp, ignore):
    """None if @got matches @exp, else a few lines saying where not."""
    lg, le = layout(got), layout(exp)
    mg, verify = masked(got, lg, ignore)
    me, _ = masked(exp, le, ignore)
    problems = []
    for name, fn in verify:
        if fn() is False:
            problems.append(f"{name} of the received packet does not verify")
    if mg != me:
        problems.append(f"length exp {len(exp)} got {len(got)}"
                        if len(exp) != len(got) else "bytes differ")
        problems += diff_fields(mg, me, le)
    return "; ".join(problems) if problems else None


def diff_fields(got, exp, L, limit=6):
    out = []
    seen = []
    for i in range(max(len(got), len(exp))):
        g = got[i] if i < len(got) else None
        e = exp[i] if i < len(exp) else None
        if g == e:
            continue
        name = L.name_at(i) if i < len(exp) else "past the end"
        if name in seen:
            continue
        seen.append(name)
        rng = [(off, size) for n, off, size, _ in L.fields if n == name]
        if rng:
            off, size = rng[0]
            out.append(f"{name} exp {exp[off:off + size][:16].hex()} "
                       f"got {got[off:off + size][:16].hex()}")
        else:
            out.append(f"byte {i} exp {e} got {g}")
        if len(out) >= limit:
            out.append("...")
            break
    return out


def summary(b):
    """One line about a packet, for reports."""
    try:
        p = IP(b) if family(b) == 4 else IPv6(b)
        return p.summary() + f" len {len(b)}"
    except Exception:	# a report must not fail
        return b[:40].hex()
