#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Packet vectors through the real module, compared byte by byte.

  run.py [--timeout S] [ID-PREFIX...]   in the QEMU guest (scripts/pkt):
                                        run the vectors whose id starts
                                        with one of the prefixes (all by
                                        default)
  run.py --list [ID-PREFIX...]          the vectors, one per line (host)
  run.py --selftest                     check the vectors themselves (host)
  run.py --export-corpus DIR            each vector's input packets as
                                        tests/fuzz seeds (host)

Topology (built once; one instance "pkt", siit or nat64, recreated for
each configuration the vectors name):

  ns p4 (sink)              ns px (translator)                 ns p6 (sink)
  veth4 ------------------- x4 100.64.0.1/30   x6 fd00:6::1/64 ------ veth6
  02:00:00:00:04:02         02:..:04:01        02:..:06:01     02:00:00:00:06:02
  no address, no IPv6       default via 100.64.0.2 (static neighbour = veth4)
                            ::/0 via fd00:6::2 (static neighbour = veth6)

Packets are written as Ethernet frames to the translator's MAC with
AF_PACKET sockets on veth4/veth6 and read back there with a short
timeout. The sinks have no addresses and no IPv6, so they never answer;
frames to multicast or broadcast MACs and IPv6 ND/MLD are not counted.
Special routes in px: 203.0.113.0/25 mtu 576, 203.0.113.128/25 mtu 1400,
198.18.0.0/24 (native, 7915-33), 192.0.2.0/30 dev lo (hairpinned IPv4
comes back in), 2001:db8:64::c000:280/121 mtu 1400 (192.0.2.128/25 under
pool6), 2001:db8:64::c633:6500/120 (native, 7915-33), and a blackhole
for 203.0.113.0/30 (the nat64 vectors' pool4: what the instance leaves to
the host there vanishes instead of going back out of x4).

Output: "PASS: ID DESC", "FAIL: ID DESC: WHY",
"XFAIL: ID DESC: REASON [observed: WHY]",
"XPASS: ...", then "RESULT: pkt P F" (xfails count in neither).
"""
import argparse
import contextlib
import ctypes
import json
import os
import select
import socket
import struct
import subprocess
import sys
import time

sys.dont_write_bytecode = True		# no __pycache__ in the tree
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

import pktlib  # noqa: E402
import vectors  # noqa: E402,F401 (declares the vectors)

NAT64CTL = os.environ.get("NAT64CTL",
                          os.path.join(ROOT, "usr", "nat64ctl", "nat64ctl"))
KO = os.environ.get("NAT64_KO", os.path.join(ROOT, "nat64.ko"))
INSTANCE = "pkt"
NS4, NSX, NS6 = "p4", "px", "p6"
MAC = {"veth4": "02:00:00:00:04:02", "x4": "02:00:00:00:04:01",
       "veth6": "02:00:00:00:06:02", "x6": "02:00:00:00:06:01"}
ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
GRACE = 0.1		# after the last expected packet, for extra ones
DROP_WAIT = 0.5		# nothing expected and no counter: wait this long


def sh(*cmd, check=True):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    if check and r.returncode:
        raise RuntimeError(f"{' '.join(cmd)}: {r.stderr.strip()}")
    return r


def inx(*cmd, check=True):
    """@cmd in the translator's namespace (setns in the child: cheaper
    than `ip netns exec`, which also remounts /sys)."""
    fd = os.open(f"/run/netns/{NSX}", os.O_RDONLY)
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True,
                           pass_fds=(fd,),
                           preexec_fn=lambda: setns(fd))
    finally:
        os.close(fd)
    if check and r.returncode:
        raise RuntimeError(f"{' '.join(cmd)}: {r.stderr.strip()}")
    return r


def ctl(*args, check=True):
    return inx(NAT64CTL, *args, check=check)


# ---- topology --------------------------------------------------------

def sysctls(ns, pairs):
    """Written from this process inside @ns (None: the initial one):
    /proc/sys/net belongs to the namespace of whoever opens it."""
    ctx = netns(ns) if ns else contextlib.nullcontext()
    with ctx:
        for k, v in pairs:
            try:
                with open("/proc/sys/" + k.replace(".", "/"), "w") as f:
                    f.write(str(v))
            except OSError:
                pass		# not in this kernel or not per namespace


def batch(ns, lines):
    """`ip -n NS -batch -`: one exec for many commands."""
    r = subprocess.run(["ip", "-n", ns, "-batch", "-"], input="\n".join(lines),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    if r.returncode:
        raise RuntimeError(f"ip -n {ns} -batch: {r.stderr.strip()}")


def topology():
    for ns in (NS4, NSX, NS6):
        sh("ip", "netns", "add", ns)
    # the sinks: no IPv6 at all (no DAD, RS, MLD), no addresses
    for ns in (NS4, NS6):
        sysctls(ns, [("net.ipv6.conf.all.disable_ipv6", 1),
                     ("net.ipv6.conf.default.disable_ipv6", 1),
                     ("net.ipv4.ip_forward", 0)])
    sysctls(NSX, [("net.ipv6.conf.default.accept_dad", 0),
                  ("net.ipv6.conf.all.accept_dad", 0),
                  ("net.ipv6.conf.default.router_solicitations", 0),
                  ("net.ipv6.conf.all.forwarding", 1),
                  ("net.ipv4.ip_forward", 1),
                  ("net.ipv4.conf.all.rp_filter", 0),
                  ("net.ipv4.conf.default.rp_filter", 0),
                  ("net.ipv4.conf.all.send_redirects", 0),
                  ("net.ipv4.conf.default.send_redirects", 0),
                  ("net.ipv4.icmp_ratelimit", 0),
                  ("net.ipv6.icmp.ratelimit", 0),
                  ("net.ipv6.auto_flowlabels", 0)])
    # the global ICMP limiter lives in the initial namespace
    sysctls(None, [("net.ipv4.icmp_msgs_per_sec", 100000),
                   ("net.ipv4.icmp_msgs_burst", 100000)])
    batch(NSX, [
        f"link add x4 address {MAC['x4']} type veth peer name veth4 "
        f"netns {NS4} address {MAC['veth4']}",
        f"link add x6 address {MAC['x6']} type veth peer name veth6 "
        f"netns {NS6} address {MAC['veth6']}"])
    sysctls(NSX, [("net.ipv4.conf.x4.rp_filter", 0),
                  ("net.ipv4.conf.x4.send_redirects", 0)])
    gw4, gw6 = pktlib.GW4, pktlib.GW6
    batch(NSX, [
        "link set lo up",
        "addr add 100.64.0.1/30 dev x4",
        "addr add fd00:6::1/64 dev x6 nodad",
        "link set x4 up",
        "link set x6 up",
        f"neigh replace {gw4} lladdr {MAC['veth4']} dev x4 nud permanent",
        f"neigh replace {gw6} lladdr {MAC['veth6']} dev x6 nud permanent",
        f"route add default via {gw4} dev x4",
        f"route add 203.0.113.0/25 via {gw4} dev x4 mtu lock 576",
        f"route add 203.0.113.128/25 via {gw4} dev x4 mtu lock 1400",
        f"route add 198.18.0.0/24 via {gw4} dev x4",
        "route add 192.0.2.0/30 dev lo",
        "route add blackhole 203.0.113.0/30",
        f"route add default via {gw6} dev x6",
        f"route add 2001:db8:64::c000:280/121 via {gw6} dev x6 mtu 1400",
        f"route add 2001:db8:64::c633:6500/120 via {gw6} dev x6"])
    for ns, dev in ((NS4, "veth4"), (NS6, "veth6")):
        batch(ns, ["link set lo up", f"link set {dev} up"])
    # what a wire carries: no checksum offload, no GRO, either way
    for ns, dev in ((NSX, "x4"), (NSX, "x6"), (NS4, "veth4"),
                    (NS6, "veth6")):
        sh("ip", "netns", "exec", ns, "ethtool", "-K", dev, "tx", "off",
           "rx", "off", "tso", "off", "gso", "off", "gro", "off",
           check=False)


def teardown():
    for ns in (NS4, NSX, NS6):
        sh("ip", "netns", "del", ns, check=False)


# ---- sockets in other namespaces -------------------------------------

libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNET = 0x40000000


def setns(fd):
    if libc.setns(fd, CLONE_NEWNET):
        raise OSError(ctypes.get_errno(), "setns")


class netns:
    """with netns(NAME): sockets made inside belong to namespace NAME."""

    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.old = os.open("/proc/self/ns/net", os.O_RDONLY)
        fd = os.open(f"/run/netns/{self.name}", os.O_RDONLY)
        try:
            setns(fd)
        finally:
            os.close(fd)

    def __exit__(self, *exc):
        libc.setns(self.old, CLONE_NEWNET)
        os.close(self.old)


def mac(s):
    return bytes(int(x, 16) for x in s.split(":"))


class Side:
    """One sink: sends frames to the translator, captures what it gets."""

    def __init__(self, ns, dev, peer):
        with netns(ns):
            self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                                      socket.htons(ETH_P_ALL))
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
        self.sock.bind((dev, ETH_P_ALL))
        self.sock.setblocking(False)
        self.src = mac(MAC[dev])
        self.dst = mac(MAC[peer])

    def send(self, l3):
        ethertype = 0x0800 if l3[0] >> 4 == 4 else 0x86dd
        self.sock.send(self.dst + self.src + struct.pack("!H", ethertype)
                       + l3)

    def drain(self):
        while self.read() is not False:
            pass

    def read(self):
        """The next interesting L3 packet, None (noise), False (nothing)."""
        try:
            frame, addr = self.sock.recvfrom(70000)
        except BlockingIOError:
            return False
        if addr[2] == PACKET_OUTGOING or frame[0] & 1:
            return None		# ours, or multicast/broadcast
        ethertype = struct.unpack_from("!H", frame, 12)[0]
        l3 = frame[14:]
        if ethertype == 0x0800 and len(l3) >= 20:
            return l3[:struct.unpack_from("!H", l3, 2)[0]]
        if ethertype == 0x86dd and len(l3) >= 40:
            l3 = l3[:40 + struct.unpack_from("!H", l3, 4)[0]]
            return None if nd_noise(l3) else l3
        return None


def nd_noise(b):
    """ICMPv6 ND or MLD (a redirect of a natively forwarded packet)."""
    nh, off = b[6], 40
    while nh in (0, 60) and off + 8 <= len(b):
        nh, off = b[off], off + (b[off + 1] + 1) * 8
    return nh == 58 and off < len(b) and b[off] in (130, 131, 132, 133,
                                                    134, 135, 136, 137, 143)


# ---- one vector ------------------------------------------------------

class Stats:
    """The instance's counters by generic netlink, in this process: the
    same NAT64_CMD_STATS_GET `nat64ctl -j stats` sends, without a fork and
    exec per vector (slow under TCG). Names are those of nat64ctl: the
    NAT64_STAT_* enum of the UAPI header, lower case, prefix dropped."""
    NETLINK_GENERIC, GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 16, 0x10, 3
    CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
    NLM_F_REQUEST, NLMSG_ERROR = 1, 2

    def __init__(self):
        with netns(NSX):
            self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                      self.NETLINK_GENERIC)
        self.sock.bind((0, 0))
        self.seq = 0
        self.names = self.stat_names()
        self.cmd, self.a_inst, self.a_stats = self.uapi_ids()
        reply = self.request(self.GENL_ID_CTRL, self.CTRL_CMD_GETFAMILY,
                             self.attr(self.CTRL_ATTR_FAMILY_NAME,
                                       b"NAT64\0"))
        self.family = struct.unpack_from(
            "=H", self.attrs(reply)[self.CTRL_ATTR_FAMILY_ID])[0]

    @staticmethod
    def enum(name):
        """{NAME: value} of `enum NAME` in the UAPI header."""
        text = open(os.path.join(ROOT, "include", "uapi", "linux",
                                 "nat64.h")).read()
        body = text[text.index(f"enum {name} {{"):]
        body = body[body.index("{") + 1:body.index("}")]
        out, n = {}, 0
        for line in body.split("\n"):
            line = line.split("/*")[0].strip().rstrip(",")
            if not line or line.startswith("*"):	# a comment goes on
                continue
            key, _, val = line.partition("=")
            n = int(val, 0) if val.strip() else n
            out[key.strip()] = n
            n += 1
        return out

    def stat_names(self):
        return {v: k[len("NAT64_STAT_"):].lower()
                for k, v in self.enum("nat64_stat").items()}

    def uapi_ids(self):
        cmd = self.enum("nat64_cmd")["NAT64_CMD_STATS_GET"]
        a = self.enum("nat64_attr")
        return cmd, a["NAT64_A_INSTANCE"], a["NAT64_A_STATS"]

    @staticmethod
    def attr(t, data):
        n = 4 + len(data)
        return struct.pack("=HH", n, t) + data + b"\0" * (-n % 4)

    @staticmethod
    def attrs(b):
        out, i = {}, 0
        while i + 4 <= len(b):
            n, t = struct.unpack_from("=HH", b, i)
            if n < 4:
                break
            out[t & 0x3fff] = b[i + 4:i + n]
            i += (n + 3) & ~3
        return out

    def request(self, family, cmd, payload, version=1):
        self.seq += 1
        body = struct.pack("=BBH", cmd, version, 0) + payload
        msg = struct.pack("=IHHII", 16 + len(body), family,
                          self.NLM_F_REQUEST, self.seq, 0) + body
        self.sock.send(msg)
        while True:
            data = self.sock.recv(65536)
            ln, typ, _, seq, _ = struct.unpack_from("=IHHII", data)
            if seq != self.seq:
                continue
            if typ == self.NLMSG_ERROR:
                raise OSError(-struct.unpack_from("=i", data, 16)[0],
                              "netlink")
            return data[20:ln]

    def get(self):
        """{counter name: value}, or None when the instance is gone."""
        try:
            reply = self.request(self.family, self.cmd,
                                 self.attr(self.a_inst,
                                           INSTANCE.encode() + b"\0"))
        except OSError:
            return None
        nested = self.attrs(reply).get(self.a_stats, b"")
        return {self.names.get(t, f"stat{t}"): struct.unpack("=Q", v)[0]
                for t, v in self.attrs(nested).items() if len(v) == 8}


def counted(v, stats, before):
    """Have the vector's counters grown as much as it expects?"""
    now = stats.get()
    return now is not None and before is not None and all(
        now.get(k, 0) - before.get(k, 0) >= n for k, n in v.counters.items())


def exchange(v, sides, timeout, stats=None, before=None):
    """Send the vector's packets, collect what comes out. Waits for the
    expected packets, or (nothing expected) for the expected counters,
    then GRACE more for anything extra; at most @timeout, or DROP_WAIT
    when nothing is expected and no counter says when it is over."""
    for s in sides.values():
        s.drain()
    exp = v.expected()
    want = {4: len(exp[4]), 6: len(exp[6])}
    by_counter = not sum(want.values()) and v.counters and stats
    for fam, b in v.frames():
        sides[fam].send(b)
    got = {4: [], 6: []}
    start = time.monotonic()
    if v.wait:
        deadline = start + v.wait
    elif sum(want.values()) or by_counter:
        deadline = start + (v.timeout or timeout)
    else:
        deadline = start + DROP_WAIT
    done = False
    while True:
        now = time.monotonic()
        if not done and not v.wait:
            if sum(want.values()):
                done = all(len(got[f]) >= want[f] for f in got)
            elif by_counter:
                done = counted(v, stats, before)
            if done:
                deadline = min(deadline, now + GRACE)
        if now >= deadline:
            break
        wait = deadline - now
        if by_counter and not done:
            wait = min(wait, 0.01)
        ready, _, _ = select.select([s.sock for s in sides.values()], [],
                                    [], wait)
        for fam, s in sides.items():
            if s.sock in ready:
                while True:
                    p = s.read()
                    if p is False:
                        break
                    if p is not None:
                        got[fam].append(p)
    return exp, got


def judge(v, exp, got, before, after):
    """None if the vector passed, else why not."""
    why = []
    for fam in (4, 6):
        e, g = exp[fam], got[fam]
        for i, (eb, ignore) in enumerate(e):
            if i >= len(g):
                why.append(f"IPv{fam} packet {i + 1} of {len(e)} missing "
                           f"(expected {pktlib.summary(eb)})")
                continue
            d = pktlib.compare(g[i], eb, ignore)
            if d:
                why.append(f"IPv{fam} packet {i + 1}: {d} "
                           f"[got {pktlib.summary(g[i])}] "
                           f"[got hex {g[i][:96].hex()}]")
        for p in g[len(e):]:
            why.append(f"unexpected IPv{fam} packet: {pktlib.summary(p)} "
                       f"[hex {p[:64].hex()}]")
    if v.counters:
        if before is None or after is None:
            why.append("reading the counters failed")
        else:
            for name, n in v.counters.items():
                if name not in after:
                    why.append(f"no counter {name}")
                    continue
                delta = after[name] - before.get(name, 0)
                if delta != n:
                    why.append(f"counter {name} grew by {delta}, not {n}")
    if v.check and not why:
        c = v.check(got)
        if c:
            why.append(c)
    if v.state and not why:
        c = v.state(show)
        if c:
            why.append(c)
    return "; ".join(why) or None


def show(*args):
    """The parsed JSON of `nat64ctl -j -i INSTANCE ARGS` (a vector's state
    function reads the BIB and the sessions with it)."""
    return json.loads(ctl("-j", "-i", INSTANCE, *args).stdout)


# ---- configurations --------------------------------------------------

def configure(cfg):
    """A fresh instance with @cfg; None or why it failed."""
    ctl("instance", "del", INSTANCE, check=False)
    try:
        with open("/sys/module/nat64/parameters/second_ms", "w") as f:
            f.write(str(cfg.second_ms))
    except OSError as e:
        return f"module parameter second_ms: {e}"
    r = ctl("instance", "add", INSTANCE, "--mode", cfg.mode, check=False)
    if r.returncode:
        return f"instance add: {r.stderr.strip()}"
    for cmd in cfg.commands():
        r = ctl("-i", INSTANCE, *cmd, check=False)
        if r.returncode:
            what = cmd[0] if cmd[0] in ("global", "denylist", "pool6791",
                                        "pool4", "bib") else "config"
            return (f"{what} not supported or refused: "
                    f"nat64ctl {' '.join(cmd)}: {r.stderr.strip()}")
    return None


def selected(prefixes):
    return [v for v in pktlib.VECTORS
            if not prefixes or any(v.id.startswith(p) for p in prefixes)]


def run(prefixes, timeout):
    todo = selected(prefixes)
    groups = {}
    for v in todo:
        groups.setdefault(v.cfg.key(), []).append(v)
    # insmod resolves no dependency: the xtables target needs x_tables
    sh("modprobe", "-qa", "x_tables", "nf_defrag_ipv4", "nf_defrag_ipv6",
       check=False)
    sh("insmod", KO)
    topology()
    time.sleep(0.5)
    sides = {4: Side(NS4, "veth4", "x4"), 6: Side(NS6, "veth6", "x6")}
    stats = Stats()
    passed = failed = xfailed = xpassed = 0
    t0 = time.monotonic()
    for vs in groups.values():
        err = configure(vs[0].cfg)
        for v in vs:
            why = err
            if not why:
                for cmd in v.pre:
                    r = ctl("-i", INSTANCE, *cmd, check=False)
                    if r.returncode:
                        why = (f"nat64ctl {' '.join(cmd)}: "
                               f"{r.stderr.strip()}")
                        break
            if not why:
                before = stats.get() if v.counters else None
                exp, got = exchange(v, sides, timeout, stats, before)
                after = stats.get() if v.counters else None
                why = judge(v, exp, got, before, after)
            if v.xfail:
                if why:
                    xfailed += 1
                    print(f"XFAIL: {v.id} {v.desc}: {v.xfail} "
                          f"[observed: {why}]")
                else:
                    xpassed += 1
                    print(f"XPASS: {v.id} {v.desc}: {v.xfail}")
            elif why:
                failed += 1
                print(f"FAIL: {v.id} {v.desc}: {why}")
            else:
                passed += 1
                print(f"PASS: {v.id} {v.desc}")
            sys.stdout.flush()
    ctl("instance", "del", INSTANCE, check=False)
    teardown()
    sh("rmmod", "nat64", check=False)
    print(f"pkt: {len(todo)} vectors in {len(groups)} configurations, "
          f"{time.monotonic() - t0:.1f} s; {xfailed} xfail, {xpassed} xpass")
    print(f"RESULT: pkt {passed} {failed}")
    return 0 if failed == 0 else 1


# ---- seeds for tests/fuzz --------------------------------------------

def fuzz_variant(cfg, fam):
    """Byte 0 of a tests/fuzz input: direction and the nearest of the
    harness's configuration variants (see tests/fuzz/xlat_fuzz.c); None
    for a configuration the fuzzer has no variant for (nat64: its
    translation needs state the stateless fuzz target does not keep)."""
    if cfg.mode != "siit":
        return None
    g = dict(cfg.glob)
    v = 32				# next-hop MTUs known
    if str(g.get("lowest-ipv6-mtu", "1280")) != "1280":
        v |= 1
    if g.get("tclass") == "zero":
        v |= 2
    if g.get("tos", "copy") != "copy":
        v |= 4
    if g.get("udp0") == "drop":
        v |= 8
    if g.get("mtu-plateaus") == "off":
        v |= 16
    if cfg.pool6 and cfg.pool6.startswith("64:ff9b::/"):
        v |= 64
    return bytes([v << 1 | (1 if fam == 6 else 0)])


def export_corpus(d):
    os.makedirs(d, exist_ok=True)
    seen = set()
    n = 0
    for v in pktlib.VECTORS:
        for i, (fam, b) in enumerate(v.frames()):
            variant = fuzz_variant(v.cfg, fam)
            if variant is None:
                continue
            seed = variant + b
            if seed in seen or len(b) > 4096:
                continue
            seen.add(seed)
            name = "pkt_" + "".join(c if c.isalnum() or c in "-_." else "_"
                                    for c in v.id)
            if len(v.send) > 1:
                name += f"_{i}"
            with open(os.path.join(d, name), "wb") as f:
                f.write(seed)
            n += 1
    print(f"{n} seeds written to {d}")


def selftest():
    """On the host: every vector is well-formed (unique id, valid
    checksums in what is sent and expected, except where a vector is
    about invalid ones; an expected packet matches itself)."""
    bad = 0
    ids = set()
    corrupt_ok = ("7915-32/", "7915-31/64-zero-in", "5508-2/")
    for v in pktlib.VECTORS:
        if v.id in ids:
            print(f"selftest: {v.id}: duplicate id")
            bad += 1
        ids.add(v.id)
        pkts = [("send", b) for _, b in v.frames()]
        for fam, lst in v.expected().items():
            pkts += [("expect", b) for b, _ in lst]
        for what, b in pkts:
            lay = pktlib.layout(b)
            for name, _, _, fn in lay.csums:
                if fn() is False and not v.id.startswith(corrupt_ok):
                    print(f"selftest: {v.id}: {what} {name} does not verify:"
                          f" {pktlib.summary(b)}")
                    bad += 1
        for fam, lst in v.expected().items():
            for b, ignore in lst:
                d = pktlib.compare(b, b, ignore)
                if d:
                    print(f"selftest: {v.id}: expected packet vs itself: {d}")
                    bad += 1
    print(f"selftest: {len(pktlib.VECTORS)} vectors, {bad} problems")
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--selftest", action="store_true")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--export-corpus", metavar="DIR")
    ap.add_argument("--timeout", type=float, default=3.0)
    ap.add_argument("prefixes", nargs="*")
    a = ap.parse_args()
    if a.list:
        for v in selected(a.prefixes):
            x = f"  [xfail: {v.xfail}]" if v.xfail else ""
            print(f"{v.id}  {v.desc}  ({v.cfg!r}){x}")
        n = len(selected(a.prefixes))
        nx = sum(1 for v in selected(a.prefixes) if v.xfail)
        print(f"{n} vectors, {nx} xfail")
        return 0
    if a.selftest:
        return selftest()
    if a.export_corpus:
        export_corpus(a.export_corpus)
        return 0
    if os.environ.get("NAT64_VM") != "1" or os.geteuid():
        sys.exit("run.py: runs as root in the QEMU guest (scripts/pkt), "
                 "it loads nat64.ko")
    try:
        return run(a.prefixes, a.timeout)
    except Exception as e:		# the harness broke: say so, and fail
        print(f"FAIL: pkt-harness: {e}")
        print("RESULT: pkt 0 1")
        teardown()
        return 1


if __name__ == "__main__":
    sys.exit(main())
