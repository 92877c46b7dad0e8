#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Raw generic netlink requests to the NAT64 family, with no library.

Runs in the QEMU guest, as root, in the caller's network namespace.

  nlraw.py cases          list the malformed-request cases, one per line
  nlraw.py malformed [CASE...]
                          send each request CASE (default: all): the kernel
                          must refuse it with EINVAL or ERANGE, and the
                          namespace's instances must stay what they were;
                          one line per case: "ok|bad CASE: what happened"
  nlraw.py wellformed     the control: a correct add, seen by a dump, then
                          a correct delete (proves the encoding right)
  nlraw.py dumpintr       change the table between two parts of a dump:
                          the kernel must flag NLM_F_DUMP_INTR
  nlraw.py churn PREFIX N rotate the instances PREFIX0..PREFIX<N-1> (delete
                          the first, add it back last) 20 times a second,
                          until killed

Prints what it saw; exits 0 when the expectation holds, 1 when it does
not, 2 on a usage error. The numbers of the contract (commands,
attributes, modes) are read from include/uapi/linux/nat64.h.
"""
import errno
import os
import re
import socket
import struct
import sys
import time

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11

NLMSG_ERROR = 2
NLMSG_DONE = 3
NLM_F_REQUEST = 0x1
NLM_F_ACK = 0x4
NLM_F_DUMP = 0x300
NLM_F_DUMP_INTR = 0x10
NLM_F_CAPPED = 0x100
NLM_F_ACK_TLVS = 0x200
NLA_F_NESTED = 0x8000
NLMSGERR_ATTR_MSG = 1
NLMSGERR_ATTR_MISS_TYPE = 5

GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2

HERE = os.path.dirname(os.path.abspath(__file__))
UAPI = os.path.join(HERE, "..", "..", "include", "uapi", "linux", "nat64.h")


def uapi_constants(path):
    """The enumerators and #defines of the UAPI header, by name."""
    text = open(path).read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    consts = {}
    for body in re.findall(r"enum\s+\w+\s*\{(.*?)\}", text, flags=re.S):
        value = 0
        for item in body.split(","):
            item = item.strip()
            if not item:
                continue
            name, _, expr = item.partition("=")
            if expr.strip():
                value = int(expr.strip(), 0)
            consts[name.strip()] = value
            value += 1
    for name, expr in re.findall(r"#define[ \t]+(\w+)[ \t]+(.+)", text):
        expr = expr.strip()
        m = re.fullmatch(r"\((\w+)\s*-\s*1\)", expr)
        if m and m.group(1) in consts:
            consts[name] = consts[m.group(1)] - 1
        elif re.fullmatch(r"\d+", expr):
            consts[name] = int(expr)
        elif re.fullmatch(r'"[^"]*"', expr):
            consts[name] = expr.strip('"')
    return consts


C = uapi_constants(UAPI)


def nla(atype, payload):
    """One netlink attribute, padded to 4 bytes."""
    hdr = struct.pack("=HH", 4 + len(payload), atype)
    return hdr + payload + b"\0" * (-len(payload) % 4)


def nla_str(atype, s):
    return nla(atype, s.encode() + b"\0")


def parse_attrs(data):
    attrs = {}
    while len(data) >= 4:
        alen, atype = struct.unpack_from("=HH", data)
        if alen < 4 or alen > len(data):
            break
        attrs[atype & 0x3FFF] = data[4:alen]
        data = data[(alen + 3) & ~3:]
    return attrs


class Genl:
    """One generic netlink socket, in the caller's network namespace."""

    def __init__(self, family=None):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.bind((0, 0))
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.seq = 1
        self.family = family if family is not None else self.resolve()

    def send(self, mtype, cmd, attrs=b"", flags=NLM_F_ACK, version=1,
             reserved=0):
        self.seq += 1
        payload = struct.pack("=BBH", cmd, version, reserved) + attrs
        hdr = struct.pack("=IHHII", 16 + len(payload), mtype,
                          NLM_F_REQUEST | flags, self.seq, 0)
        self.sock.send(hdr + payload)
        return self.seq

    def messages(self, bufsize=65536):
        """One datagram: a list of (type, flags, payload)."""
        data, _, mflags, _ = self.sock.recvmsg(bufsize)
        if mflags & socket.MSG_TRUNC:
            raise RuntimeError("a netlink datagram was truncated")
        out = []
        while len(data) >= 16:
            mlen, mtype, mflags, _, _ = struct.unpack_from("=IHHII", data)
            out.append((mtype, mflags, data[16:mlen]))
            data = data[(mlen + 3) & ~3:]
        return out

    @staticmethod
    def error_of(mflags, payload):
        """(errno, extack text) of an NLMSG_ERROR payload."""
        err = -struct.unpack_from("=i", payload)[0]
        off = 20
        if not mflags & NLM_F_CAPPED:
            off = 4 + struct.unpack_from("=I", payload, 4)[0]
        text = ""
        if mflags & NLM_F_ACK_TLVS:
            tlvs = parse_attrs(payload[(off + 3) & ~3:])
            if tlvs.get(NLMSGERR_ATTR_MSG):
                text = tlvs[NLMSGERR_ATTR_MSG].rstrip(b"\0").decode(
                    errors="replace")
            elif len(tlvs.get(NLMSGERR_ATTR_MISS_TYPE, b"")) >= 4:
                text = "missing attribute %d" % struct.unpack_from(
                    "=I", tlvs[NLMSGERR_ATTR_MISS_TYPE])[0]
        return err, text

    def request(self, cmd, attrs=b"", **kw):
        """A doit: (errno, extack text, replies); errno 0 for an ack."""
        self.send(self.family, cmd, attrs, **kw)
        replies = []
        while True:
            for mtype, mflags, payload in self.messages():
                if mtype == NLMSG_ERROR:
                    err, text = self.error_of(mflags, payload)
                    return err, text, replies
                replies.append(parse_attrs(payload[4:]))

    def resolve(self):
        self.send(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                  nla_str(CTRL_ATTR_FAMILY_NAME, C["NAT64_GENL_NAME"]))
        family = None
        while True:
            for mtype, mflags, payload in self.messages():
                if mtype == NLMSG_ERROR:
                    err, text = self.error_of(mflags, payload)
                    if err:
                        sys.exit("nlraw: cannot resolve NAT64: %s %s"
                                 % (os.strerror(err), text))
                    return family
                attrs = parse_attrs(payload[4:])
                family = struct.unpack("=H",
                                       attrs[CTRL_ATTR_FAMILY_ID][:2])[0]

    def dump(self, cmd, bufsize=65536):
        """Every reply of a dump: (names, saw NLM_F_DUMP_INTR)."""
        self.send(self.family, cmd, flags=NLM_F_DUMP)
        return self.read_dump(bufsize)

    def read_dump(self, bufsize=65536, names=None, intr=False):
        names = [] if names is None else names
        while True:
            for mtype, mflags, payload in self.messages(bufsize):
                intr = intr or bool(mflags & NLM_F_DUMP_INTR)
                if mtype == NLMSG_DONE:
                    return names, intr
                if mtype == NLMSG_ERROR:
                    err, text = self.error_of(mflags, payload)
                    raise RuntimeError("dump failed: %s %s"
                                       % (os.strerror(err), text))
                name = parse_attrs(payload[4:])[C["NAT64_A_INSTANCE"]]
                names.append(name.rstrip(b"\0").decode())


def u8(atype, v):
    return nla(atype, struct.pack("=B", v))


def u32(atype, v):
    return nla(atype, struct.pack("=I", v))


A_NAME = C["NAT64_A_INSTANCE"]
A_MODE = C["NAT64_A_MODE"]
SIIT = C["NAT64_MODE_SIIT"]
NEW = C["NAT64_CMD_INSTANCE_NEW"]
DEL = C["NAT64_CMD_INSTANCE_DEL"]
GET = C["NAT64_CMD_INSTANCE_GET"]
STATS = C["NAT64_CMD_STATS_GET"]

# name -> (command, attributes, extra send() arguments). Every name that
# could be created starts with "raw", so a leak is easy to spot.
CASES = {
    "mode-u32": (NEW, nla_str(A_NAME, "rawu32") + u32(A_MODE, SIIT), {}),
    "mode-empty": (NEW, nla_str(A_NAME, "rawempty") + nla(A_MODE, b""), {}),
    "mode-0": (NEW, nla_str(A_NAME, "rawmode0") + u8(A_MODE, 0), {}),
    "mode-99": (NEW, nla_str(A_NAME, "rawmode99") + u8(A_MODE, 99), {}),
    "mode-max+1": (NEW, nla_str(A_NAME, "rawmodemax")
                   + u8(A_MODE, C["NAT64_MODE_MAX"] + 1), {}),
    "mode-missing": (NEW, nla_str(A_NAME, "rawnomode"), {}),
    "name-missing": (NEW, u8(A_MODE, SIIT), {}),
    "attr-unknown": (NEW, nla_str(A_NAME, "rawunknown") + u8(A_MODE, SIIT)
                     + u32(C["NAT64_A_MAX"] + 10, 1), {}),
    "attr-not-in-policy": (NEW, nla_str(A_NAME, "rawpolicy") + u8(A_MODE, SIIT)
                           + u32(C["NAT64_A_INSTANCE_ID"], 7), {}),
    "attr-nested-flag": (NEW, nla(A_NAME | NLA_F_NESTED, b"rawnested\0")
                         + u8(A_MODE, SIIT), {}),
    "name-no-nul": (NEW, nla(A_NAME, b"rawnonul") + u8(A_MODE, SIIT), {}),
    "name-16-chars": (NEW, nla_str(A_NAME, "raw4567890abcdef")
                      + u8(A_MODE, SIIT), {}),
    "name-too-long": (NEW, nla_str(A_NAME, "raw" + "x" * 40)
                      + u8(A_MODE, SIIT), {}),
    "name-empty": (NEW, nla(A_NAME, b"\0") + u8(A_MODE, SIIT), {}),
    "name-slash": (NEW, nla_str(A_NAME, "raw/x") + u8(A_MODE, SIIT), {}),
    "name-space": (NEW, nla_str(A_NAME, "raw x") + u8(A_MODE, SIIT), {}),
    "name-latin1": (NEW, nla(A_NAME, b"raw\xe9\0") + u8(A_MODE, SIIT), {}),
    "name-latin1-ff": (NEW, nla(A_NAME, b"\xff\0") + u8(A_MODE, SIIT), {}),
    "genl-reserved": (NEW, nla_str(A_NAME, "rawreserved") + u8(A_MODE, SIIT),
                      {"reserved": 1}),
    "del-name-no-nul": (DEL, nla(A_NAME, b"rawdel"), {}),
    "get-name-missing": (GET, b"", {}),
}


def instance_names(g):
    return sorted(g.dump(GET)[0])


def malformed(g, case):
    cmd, attrs, kw = CASES[case]
    before = instance_names(g)
    err, text, _ = g.request(cmd, attrs, **kw)
    after = instance_names(g)
    what = "%s (%s)" % (errno.errorcode.get(err, str(err)) if err else
                        "accepted", text or "no extended ack text")
    ok = err in (errno.EINVAL, errno.ERANGE)
    if after != before:
        what += "; the instances changed: %s -> %s" % (before, after)
        ok = False
    print("%s %s: %s" % ("ok" if ok else "bad", case, what), flush=True)
    return ok


def wellformed():
    g = Genl()
    err, text, _ = g.request(NEW, nla_str(A_NAME, "rawok") + u8(A_MODE, SIIT))
    print("add rawok: %s %s" % (os.strerror(err) if err else "ok", text))
    seen = "rawok" in instance_names(g)
    print("rawok in the dump: %s" % seen)
    err2, text, _ = g.request(DEL, nla_str(A_NAME, "rawok"))
    print("del rawok: %s %s" % (os.strerror(err2) if err2 else "ok", text))
    return err == 0 and seen and err2 == 0 and "rawok" not in instance_names(g)


def dumpintr():
    """Reads the first part of a stats dump, deletes the first instance,
    then reads on: the kernel must flag the rest NLM_F_DUMP_INTR."""
    ctl = Genl()
    names = ["rawintr%d" % i for i in range(40)]
    for n in names:
        err, text, _ = ctl.request(NEW, nla_str(A_NAME, n) + u8(A_MODE, SIIT))
        if err:
            print("add %s: %s %s" % (n, os.strerror(err), text))
            return False
    try:
        # A fresh socket: the kernel sizes its first dump part by the
        # default (about a page), so 40 instances with counters need more.
        d = Genl(ctl.family)
        d.send(d.family, STATS, flags=NLM_F_DUMP)
        first = d.messages(4096)
        if any(m[0] in (NLMSG_DONE, NLMSG_ERROR) for m in first):
            print("the dump fit in one part: cannot test")
            return False
        print("first part: %d instances" % len(first))
        err, text, _ = ctl.request(DEL, nla_str(A_NAME, names[0]))
        if err:
            print("del %s: %s %s" % (names[0], os.strerror(err), text))
            return False
        got = [parse_attrs(m[2][4:])[A_NAME].rstrip(b"\0").decode()
               for m in first]
        got, intr = d.read_dump(4096, got,
                                any(m[1] & NLM_F_DUMP_INTR for m in first))
        print("whole dump: %d instances, NLM_F_DUMP_INTR %s" % (len(got), intr))
        return intr
    finally:
        for n in names:
            ctl.request(DEL, nla_str(A_NAME, n))


def churn(prefix, n):
    g = Genl()
    while True:
        for i in range(n):
            name = nla_str(A_NAME, "%s%d" % (prefix, i))
            g.request(DEL, name)
            g.request(NEW, name + u8(A_MODE, SIIT))
            time.sleep(0.05)


def main(argv):
    if argv == ["cases"]:
        print("\n".join(CASES))
        return 0
    if argv[:1] == ["malformed"] and all(c in CASES for c in argv[1:]):
        g = Genl()
        results = [malformed(g, c) for c in (argv[1:] or CASES)]
        return 0 if all(results) else 1
    if len(argv) == 3 and argv[0] == "churn" and argv[2].isdigit():
        churn(argv[1], int(argv[2]))
    if argv == ["wellformed"]:
        return 0 if wellformed() else 1
    if argv == ["dumpintr"]:
        return 0 if dumpintr() else 1
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
