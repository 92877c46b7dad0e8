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
  nlraw.py prefix-cases   list the malformed prefix-request cases
  nlraw.py prefix-malformed NAME [CASE...]
                          send each prefix request CASE (default: all) about
                          the instance NAME: the kernel must refuse it with
                          EINVAL or ERANGE, and neither NAME's prefixes nor
                          the namespace's instances may change; one line per
                          case: "ok|bad CASE: ERRNO (extended ack text)..."
  nlraw.py prefix-wellformed NAME
                          the control: add 2001:db8:ffff::/96 to NAME, see
                          it in a dump, delete it (NAME must have room)
  nlraw.py eam-cases      list the malformed EAM-request cases
  nlraw.py eam-malformed NAME [CASE...]
                          send each EAM request CASE (default: all) about
                          the instance NAME: the kernel must refuse it with
                          EINVAL or ERANGE, and NAME's EAM table must stay
                          what it was; one line per case, as above
  nlraw.py eam-bulk NAME N
                          add N EAM entries to NAME, many per datagram:
                          10.0.0.0+i/32 <-> 2001:db8:ea::i/128 (i < 2^24)
  nlraw.py bib-flood NAME N ADDR4 ADDR6
                          add and delete N static TCP BIB entries of NAME
                          (ADDR4#3000+i <-> ADDR6#3000+i): 2N events
  nlraw.py eam-dumpintr NAME
                          delete the first entry of NAME between two parts
                          of a dump of its EAM table (which must need
                          several parts), add it back after: the kernel
                          must flag NLM_F_DUMP_INTR

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
A_FRAMEWORK = C["NAT64_A_FRAMEWORK"]
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
    "framework-max+1": (NEW, nla_str(A_NAME, "rawfwmax") + u8(A_MODE, SIIT)
                        + u8(A_FRAMEWORK, C["NAT64_FW_MAX"] + 1), {}),
    "framework-u32": (NEW, nla_str(A_NAME, "rawfwu32") + u8(A_MODE, SIIT)
                      + u32(A_FRAMEWORK, C["NAT64_FW_IPTABLES"]), {}),
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


P_ADD = C["NAT64_CMD_PREFIX_ADD"]
P_DEL = C["NAT64_CMD_PREFIX_DEL"]
P_GET = C["NAT64_CMD_PREFIX_GET"]
A_P6 = C["NAT64_A_PREFIX6"]
A_P6LEN = C["NAT64_A_PREFIX6_LEN"]


def v6(text):
    return socket.inet_pton(socket.AF_INET6, text)


def p6(text):
    return nla(A_P6, v6(text))


def with_name(attrs):
    """A case's attributes for the instance NAME (given later)."""
    return lambda name: nla_str(A_NAME, name) + attrs


DOC = v6("2001:db8:64::")
# name -> (command, NAME -> attributes, flags). Each is refused by the
# policy or by the RFC 6052 check (those whose name ends in an id are the
# kernel's side of that conformance item); none may change anything.
PREFIX_CASES = {
    "prefix6-15-bytes": (P_ADD, with_name(nla(A_P6, DOC[:15]) + u8(A_P6LEN, 96)), 0),
    "prefix6-17-bytes": (P_ADD, with_name(nla(A_P6, DOC + b"\0") + u8(A_P6LEN, 96)), 0),
    "prefix6-len-200": (P_ADD, with_name(nla(A_P6, DOC) + u8(A_P6LEN, 200)), 0),
    "prefix6-len-u32": (P_ADD, with_name(nla(A_P6, DOC) + u32(A_P6LEN, 96)), 0),
    "instance-missing": (P_ADD, lambda name: nla(A_P6, DOC) + u8(A_P6LEN, 96), 0),
    "instance-no-nul": (P_ADD, lambda name: nla(A_NAME, name.encode())
                        + nla(A_P6, DOC) + u8(A_P6LEN, 96), 0),
    "prefix6-missing": (P_ADD, with_name(u8(A_P6LEN, 96)), 0),
    "prefix6-len-missing": (P_ADD, with_name(nla(A_P6, DOC)), 0),
    "attr-not-in-policy": (P_ADD, with_name(nla(A_P6, DOC) + u8(A_P6LEN, 96)
                                            + u8(A_MODE, SIIT)), 0),
    "len-80-6052-1": (P_ADD, with_name(p6("2001:db8::") + u8(A_P6LEN, 80)), 0),
    "len-128-6052-1": (P_ADD, with_name(p6("2001:db8::") + u8(A_P6LEN, 128)), 0),
    "len-0-6052-1": (P_ADD, with_name(p6("::") + u8(A_P6LEN, 0)), 0),
    "host-bits": (P_ADD, with_name(p6("2001:db8::1") + u8(A_P6LEN, 64)), 0),
    "u-octet-96": (P_ADD, with_name(p6("2001:db8::ff00:0:0:0") + u8(A_P6LEN, 96)), 0),
    "wkp-64-6052-10": (P_ADD, with_name(p6("64:ff9b::") + u8(A_P6LEN, 64)), 0),
    "del-prefix6-15-bytes": (P_DEL, with_name(nla(A_P6, DOC[:15]) + u8(A_P6LEN, 96)), 0),
    "del-instance-missing": (P_DEL, lambda name: nla(A_P6, DOC) + u8(A_P6LEN, 96), 0),
    "get-instance-missing": (P_GET, lambda name: b"", NLM_F_DUMP),
}


def dump_all(g, cmd, attrs):
    """A dump: (errno, extack text, [attributes of each reply])."""
    g.send(g.family, cmd, attrs, flags=NLM_F_DUMP)
    replies = []
    while True:
        for mtype, mflags, payload in g.messages():
            if mtype == NLMSG_ERROR:
                err, text = g.error_of(mflags, payload)
                return err, text, replies
            if mtype != NLMSG_DONE:
                replies.append(parse_attrs(payload[4:]))
                continue
            # NLMSG_DONE: the dump's errno, then the extended ack TLVs.
            err = -struct.unpack_from("=i", payload)[0] if len(payload) >= 4 else 0
            tlvs = parse_attrs(payload[4:]) if mflags & NLM_F_ACK_TLVS else {}
            text = tlvs.get(NLMSGERR_ATTR_MSG, b"").rstrip(b"\0")
            return err, text.decode(errors="replace"), replies


def prefix_list(g, name):
    """The prefixes of NAME, from a dump: ["addr/len", ...]."""
    err, text, replies = dump_all(g, P_GET, nla_str(A_NAME, name))
    if err:
        raise RuntimeError("prefix dump of %s: %s %s"
                           % (name, os.strerror(err), text))
    return ["%s/%d" % (socket.inet_ntop(socket.AF_INET6, a[A_P6]), a[A_P6LEN][0])
            for a in replies]


def prefix_malformed(g, name, case):
    cmd, attrs, flags = PREFIX_CASES[case]
    before = (instance_names(g), prefix_list(g, name))
    if flags & NLM_F_DUMP:
        err, text, _ = dump_all(g, cmd, attrs(name))
    else:
        err, text, _ = g.request(cmd, attrs(name))
    after = (instance_names(g), prefix_list(g, name))
    what = "%s (%s)" % (errno.errorcode.get(err, str(err)) if err else
                        "accepted", text or "no extended ack text")
    ok = err in (errno.EINVAL, errno.ERANGE)
    if after != before:
        what += "; the state changed: %s -> %s" % (before, after)
        ok = False
    print("%s %s: %s" % ("ok" if ok else "bad", case, what), flush=True)
    return ok


def prefix_wellformed(name):
    g = Genl()
    attrs = nla_str(A_NAME, name) + p6("2001:db8:ffff::") + u8(A_P6LEN, 96)
    err, text, _ = g.request(P_ADD, attrs)
    print("add 2001:db8:ffff::/96: %s %s" % (os.strerror(err) if err else "ok", text))
    seen = "2001:db8:ffff::/96" in prefix_list(g, name)
    print("in the dump: %s" % seen)
    err2, text, _ = g.request(P_DEL, attrs)
    print("del: %s %s" % (os.strerror(err2) if err2 else "ok", text))
    gone = "2001:db8:ffff::/96" not in prefix_list(g, name)
    return err == 0 and seen and err2 == 0 and gone


E_ADD = C["NAT64_CMD_EAM_ADD"]
E_DEL = C["NAT64_CMD_EAM_DEL"]
E_GET = C["NAT64_CMD_EAM_GET"]
E_FLUSH = C["NAT64_CMD_EAM_FLUSH"]
A_P4 = C["NAT64_A_PREFIX4"]
A_P4LEN = C["NAT64_A_PREFIX4_LEN"]
SO_RCVBUFFORCE = 33


def p4(text):
    return nla(A_P4, socket.inet_pton(socket.AF_INET, text))


def eam(v4text, l4, v6text, l6):
    return p4(v4text) + u8(A_P4LEN, l4) + p6(v6text) + u8(A_P6LEN, l6)


GOOD_EAM = eam("192.0.2.0", 24, "2001:db8:eeee::", 120)
# name -> (command, NAME -> attributes, flags); none may change anything.
EAM_CASES = {
    "prefix4-3-bytes": (E_ADD, with_name(nla(A_P4, b"\xc0\0\2") + u8(A_P4LEN, 24)
                                         + p6("2001:db8::") + u8(A_P6LEN, 120)), 0),
    "prefix4-5-bytes": (E_ADD, with_name(nla(A_P4, b"\xc0\0\2\0\0") + u8(A_P4LEN, 24)
                                         + p6("2001:db8::") + u8(A_P6LEN, 120)), 0),
    "prefix4-len-33": (E_ADD, with_name(eam("192.0.2.0", 33, "2001:db8::", 120)), 0),
    "prefix6-len-129": (E_ADD, with_name(eam("192.0.2.0", 24, "2001:db8::", 129)), 0),
    "prefix4-len-u32": (E_ADD, with_name(p4("192.0.2.0") + u32(A_P4LEN, 24)
                                         + p6("2001:db8::") + u8(A_P6LEN, 120)), 0),
    "prefix4-without-len": (E_ADD, with_name(p4("192.0.2.0") + p6("2001:db8::")
                                             + u8(A_P6LEN, 120)), 0),
    "len6-without-prefix6": (E_ADD, with_name(p4("192.0.2.0") + u8(A_P4LEN, 24)
                                              + u8(A_P6LEN, 120)), 0),
    "add-prefix6-missing": (E_ADD, with_name(p4("192.0.2.0") + u8(A_P4LEN, 24)), 0),
    "add-instance-missing": (E_ADD, lambda name: GOOD_EAM, 0),
    "suffix-7757-2": (E_ADD, with_name(eam("192.0.2.0", 24, "2001:db8::", 125)), 0),
    "host-bits4": (E_ADD, with_name(eam("192.0.2.1", 24, "2001:db8::", 120)), 0),
    "host-bits6": (E_ADD, with_name(eam("192.0.2.0", 24, "2001:db8::1", 112)), 0),
    "attr-not-in-policy": (E_ADD, with_name(GOOD_EAM + u8(A_MODE, SIIT)), 0),
    "del-nothing": (E_DEL, with_name(b""), 0),
    "del-host-bits4": (E_DEL, with_name(p4("192.0.2.1") + u8(A_P4LEN, 24)), 0),
    "flush-with-prefix": (E_FLUSH, with_name(p4("192.0.2.0") + u8(A_P4LEN, 24)), 0),
    "flush-instance-missing": (E_FLUSH, lambda name: b"", 0),
    "get-instance-missing": (E_GET, lambda name: b"", NLM_F_DUMP),
}


def eam_list(g, name):
    """The EAM table of NAME, from a dump: ["a.b.c.d/l4 x::y/l6", ...]."""
    err, text, replies = dump_all(g, E_GET, nla_str(A_NAME, name))
    if err:
        raise RuntimeError("EAM dump of %s: %s %s"
                           % (name, os.strerror(err), text))
    return ["%s/%d %s/%d" % (socket.inet_ntop(socket.AF_INET, a[A_P4]),
                             a[A_P4LEN][0],
                             socket.inet_ntop(socket.AF_INET6, a[A_P6]),
                             a[A_P6LEN][0]) for a in replies]


def eam_malformed(g, name, case):
    cmd, attrs, flags = EAM_CASES[case]
    before = eam_list(g, name)
    if flags & NLM_F_DUMP:
        err, text, _ = dump_all(g, cmd, attrs(name))
    else:
        err, text, _ = g.request(cmd, attrs(name))
    after = eam_list(g, name)
    what = "%s (%s)" % (errno.errorcode.get(err, str(err)) if err else
                        "accepted", text or "no extended ack text")
    ok = err in (errno.EINVAL, errno.ERANGE)
    if after != before:
        what += "; the table changed: %d -> %d entries" % (len(before), len(after))
        ok = False
    print("%s %s: %s" % ("ok" if ok else "bad", case, what), flush=True)
    return ok


def eam_bulk(name, n, batch=256):
    """Sends the adds without NLM_F_ACK, batch messages per datagram, so
    that only failures are answered; a doit with an ack at the end is the
    barrier after which every answer has arrived."""
    g = Genl()
    g.sock.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 8 << 20)
    fixed = nla_str(A_NAME, name) + u8(A_P4LEN, 32) + u8(A_P6LEN, 128)
    for start in range(0, n, batch):
        msgs = []
        for i in range(start, min(n, start + batch)):
            g.seq += 1
            payload = (struct.pack("=BBH", E_ADD, 1, 0) + fixed
                       + nla(A_P4, struct.pack("!I", 0x0A000000 + i))
                       + nla(A_P6, struct.pack("!IIII", 0x20010DB8, 0x00EA0000, 0, i)))
            msgs.append(struct.pack("=IHHII", 16 + len(payload), g.family,
                                    NLM_F_REQUEST, g.seq, 0) + payload)
        g.sock.send(b"".join(msgs))
    barrier = g.send(g.family, GET, nla_str(A_NAME, name))
    failed, first = 0, ""
    while True:
        data = g.sock.recv(65536)
        while len(data) >= 16:
            mlen, mtype, mflags, seq, _ = struct.unpack_from("=IHHII", data)
            if mtype == NLMSG_ERROR:
                err, text = g.error_of(mflags, data[16:mlen])
                if seq == barrier:
                    print("eam-bulk: %d sent, %d refused%s"
                          % (n, failed, first), flush=True)
                    return failed == 0 and err == 0
                if err:
                    failed += 1
                    first = first or "; first: %s (%s)" % (os.strerror(err), text)
            data = data[(mlen + 3) & ~3:]


def eam_dumpintr(name):
    """Deletes the first entry between the first two parts of a dump (the
    table may be full), adds it back after the dump."""
    ctl = Genl()
    d = Genl(ctl.family)
    d.send(d.family, E_GET, nla_str(A_NAME, name), flags=NLM_F_DUMP)
    first = d.messages(4096)
    if any(m[0] in (NLMSG_DONE, NLMSG_ERROR) for m in first):
        print("the dump fit in one part: cannot test")
        return False
    a = parse_attrs(first[0][2][4:])
    entry = nla_str(A_NAME, name) + b"".join(
        nla(t, a[t]) for t in (A_P4, A_P4LEN, A_P6, A_P6LEN))
    err, text, _ = ctl.request(E_DEL, entry)
    if err:
        print("del: %s %s" % (os.strerror(err), text))
        return False
    intr = any(m[1] & NLM_F_DUMP_INTR for m in first)
    parts, n, done = 1, len(first), False
    while not done:
        msgs = d.messages(65536)
        parts += 1
        for mtype, mflags, _ in msgs:
            intr = intr or bool(mflags & NLM_F_DUMP_INTR)
            done = done or mtype in (NLMSG_DONE, NLMSG_ERROR)
            n += mtype not in (NLMSG_DONE, NLMSG_ERROR)
    err, text, _ = ctl.request(E_ADD, entry)
    print("dump: %d entries in %d parts, NLM_F_DUMP_INTR %s; added back: %s"
          % (n, parts, intr, os.strerror(err) if err else "ok"))
    return intr and not err


def bib_flood(name, n, addr4, addr6):
    g = Genl()
    for i in range(n):
        for cmd in ("NAT64_CMD_BIB_ADD", "NAT64_CMD_BIB_DEL"):
            a = (nla_str(C["NAT64_A_INSTANCE"], name) +
                 u8(C["NAT64_A_PROTO"], 6) +
                 nla(C["NAT64_A_ADDR4"], socket.inet_aton(addr4)) +
                 nla(C["NAT64_A_PORT4"], struct.pack("=H", 3000 + i)))
            if cmd.endswith("ADD"):
                a += (nla(C["NAT64_A_ADDR6"],
                          socket.inet_pton(socket.AF_INET6, addr6)) +
                      nla(C["NAT64_A_PORT6"], struct.pack("=H", 3000 + i)))
            err, text, _ = g.request(C[cmd], a)
            if err:
                print("%s: %s %s" % (cmd, os.strerror(err), text))
                return False
    return True


def main(argv):
    if len(argv) == 5 and argv[0] == "bib-flood" and argv[2].isdigit():
        return 0 if bib_flood(argv[1], int(argv[2]), argv[3], argv[4]) else 1
    if argv == ["eam-cases"]:
        print("\n".join(EAM_CASES))
        return 0
    if (len(argv) >= 2 and argv[0] == "eam-malformed"
            and all(c in EAM_CASES for c in argv[2:])):
        g = Genl()
        results = [eam_malformed(g, argv[1], c)
                   for c in (argv[2:] or EAM_CASES)]
        return 0 if all(results) else 1
    if len(argv) == 3 and argv[0] == "eam-bulk" and argv[2].isdigit():
        return 0 if eam_bulk(argv[1], int(argv[2])) else 1
    if len(argv) == 2 and argv[0] == "eam-dumpintr":
        return 0 if eam_dumpintr(argv[1]) else 1
    if argv == ["prefix-cases"]:
        print("\n".join(PREFIX_CASES))
        return 0
    if (len(argv) >= 2 and argv[0] == "prefix-malformed"
            and all(c in PREFIX_CASES for c in argv[2:])):
        g = Genl()
        results = [prefix_malformed(g, argv[1], c)
                   for c in (argv[2:] or PREFIX_CASES)]
        return 0 if all(results) else 1
    if len(argv) == 2 and argv[0] == "prefix-wellformed":
        return 0 if prefix_wellformed(argv[1]) else 1
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
