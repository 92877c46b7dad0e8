/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * RFC 7915 header translation on byte views (no skbs).
 *
 * The caller (mod/, or a host test) owns the packet and the address
 * mappings (pool6, EAM, RFC 6791, later BIB/sessions). One call translates
 * one packet: it reads the front of the input packet and writes the new
 * front (L3 header(s) and, for the first fragment, the L4 header with its
 * checksum updated incrementally; or, for an ICMP error, the whole new
 * packet) into a caller-supplied buffer. The caller then replaces the
 * first res->old_len bytes of the packet with the res->new_len bytes
 * written to out; the bytes after old_len (the payload) are unchanged.
 *
 * All functions are pure: no locks, no allocation, any context.
 *
 * Conventions (docs/siit-decisions.md has the reasons):
 * - Checksums in the input are complete (no CHECKSUM_PARTIAL): the caller
 *   resolves offloads before calling. L4 checksums are updated
 *   incrementally (RFC 1624); the payload is read only for an IPv4 UDP
 *   checksum of zero and for ICMP errors, whose checksum is verified, then
 *   recomputed over the new message.
 * - The IPv4 header checksum is not verified (the kernel's ip_rcv() has).
 * - The packet is the IPv4 Total Length / 40 + IPv6 Payload Length bytes;
 *   bytes past it are link padding that the caller trims (ip_rcv() and
 *   ipv6_rcv() already have).
 * - res->verdict == NAT64_XLAT_ICMP is only returned for a packet about
 *   which an ICMP error may be sent: not an ICMP error itself, not a
 *   non-first fragment (RFC 1812 section 4.3.2.7). Otherwise the same
 *   condition is a NAT64_XLAT_DROP with the same res->drop.
 */
#ifndef NAT64_XLAT_H
#define NAT64_XLAT_H

#include "compat.h"

/* Room the caller gives for a non-error translation (L3 + frag + L4). */
#define NAT64_XLAT_HDR_MAX	128
/* Room the caller gives for an ICMP error translation (whole packet). */
#define NAT64_XLAT_ERR_MAX	1280

/* RFC 7915 section 4.5: what to do with an IPv4 UDP datagram whose
 * checksum is zero (7915-29).
 */
enum nat64_udp0 {
	NAT64_UDP0_COMPUTE,	/* compute the checksum (needs the whole datagram) */
	NAT64_UDP0_DROP,	/* drop and count */
};

/*
 * Stateful modes: the transport identifiers the output carries, in host
 * order. TCP and UDP ports; an ICMP echo's identifier is sport.
 */
struct nat64_xlat_ports {
	u16 sport, dport;		/* of the translated packet */
	u16 inner_sport, inner_dport;	/* of the packet an error quotes */
};

struct nat64_xlat_cfg {
	u16 lowest_ipv6_mtu;	/* 7915-3/4; >= 1280, default 1280 */
	bool tclass_zero;	/* 7915-7 option: IPv6 Traffic Class = 0 */
	bool tos_fixed;		/* 7915-36 option: IPv4 TOS = tos */
	u8 tos;
	enum nat64_udp0 udp0;	/* 7915-29 */
	bool fn_mtu0_plateaus;	/* 7915-20: use RFC 1191 plateaus (default on) */
	/* 7915-27/50: a packet dropped for an untranslatable address or a
	 * UDP checksum of zero is answered with ICMPv4 3/13 / ICMPv6 1/1
	 */
	bool drop_icmp;
	/* NULL (SIIT): ports and identifiers are kept */
	const struct nat64_xlat_ports *ports;
	/* 6->4, stateful: the IPv6 packet was reassembled from fragments
	 * (6146-16); it leaves with DF=0 and the IPv4 path fragments it
	 */
	bool reassembled;
	u32 mtu4_nexthop;	/* for PTB/FN MTU formulas; 0 = unknown */
	u32 mtu6_nexthop;
};

/* Where an address occurs, for the mapping callbacks. */
enum nat64_addr_role {
	NAT64_ADDR_SRC,		/* outer source */
	NAT64_ADDR_DST,		/* outer destination */
	NAT64_ADDR_INNER_SRC,	/* source of the packet inside an ICMP error */
	NAT64_ADDR_INNER_DST,	/* destination of the packet inside an ICMP error */
	/* Outer source of an ICMP error when NAT64_ADDR_SRC failed for it:
	 * the map may answer from its RFC 6791 pool (6791-1), else fail.
	 */
	NAT64_ADDR_ERR_SRC,
};

/*
 * Address mapping, supplied by the caller. Each returns 0 with the mapped
 * address, or a negative errno when the address cannot be translated
 * (then the packet is not translated: res->verdict tells why).
 */
struct nat64_xlat_map {
	int (*addr_64)(void *priv, const struct in6_addr *in,
		       enum nat64_addr_role role, __be32 *out);
	int (*addr_46)(void *priv, __be32 in, enum nat64_addr_role role,
		       struct in6_addr *out);
	void *priv;
};

enum nat64_verdict {
	NAT64_XLAT_OK,		/* out/new_len/old_len are valid */
	NAT64_XLAT_PASS,	/* not ours to translate: leave it alone */
	NAT64_XLAT_DROP,	/* drop silently; res->drop says why */
	NAT64_XLAT_ICMP,	/* drop and answer with res->icmp_* */
	NAT64_XLAT_MORE,	/* need res->need contiguous bytes: retry */
};

/* Why a packet was dropped: one counter each (see mod/stats). */
enum nat64_drop {
	NAT64_DROP_NONE,
	NAT64_DROP_TRUNCATED,	/* shorter than its headers say */
	NAT64_DROP_MALFORMED,	/* bad version, IHL, lengths, ext header chain */
	NAT64_DROP_ADDR,	/* an address has no mapping */
	NAT64_DROP_SRC_ILLEGAL,	/* 7915-10/40: 0.0.0.0, 127/8, ::, ::1 ... */
	NAT64_DROP_HOPLIMIT,	/* TTL/HL exhausted (ICMP verdict) */
	NAT64_DROP_ICMP_TYPE,	/* untranslatable ICMP type/code/pointer */
	NAT64_DROP_ICMP_NESTED,	/* ICMP error inside an ICMP error */
	NAT64_DROP_SRR,		/* 7915-12: unexpired source route */
	NAT64_DROP_RH,		/* 7915-41: routing header, segments left != 0 */
	NAT64_DROP_FRAG_EXT,	/* 7915-43: ext header after the fragment header */
	NAT64_DROP_UDP0,	/* 7915-29/30: UDP checksum 0 */
	NAT64_DROP_TOO_BIG,	/* 7915-5/45: DF and too big (ICMP verdict) */
	NAT64_DROP_CSUM,	/* 7915-32: corrupt L4 checksum where we read it */
	NAT64_DROP_ICMP_FRAG,	/* fragmented ICMP: no length for its checksum */
	NAT64_DROP_NOROOM,	/* cap too small for the output (caller bug) */
	NAT64_DROP_PROTO,	/* IGMP (7915-16); IPv6-only headers in IPv4,
				 * ICMPv4 in IPv6: they cannot cross
				 */
	__NAT64_DROP_MAX
};

struct nat64_xlat_res {
	enum nat64_verdict verdict;
	enum nat64_drop drop;
	u32 old_len;		/* input bytes replaced */
	u16 new_len;		/* bytes written to out */
	u32 need;		/* NAT64_XLAT_MORE: contiguous bytes needed */
	/* NAT64_XLAT_ICMP: the error to send back, in the input's family */
	u8 icmp_type;
	u8 icmp_code;
	u32 icmp_info;		/* MTU or pointer */
	/* NAT64_XLAT_OK, 4->6 only: the IPv6 packet must be fragmented so
	 * that no fragment exceeds cfg->lowest_ipv6_mtu (7915-3). The caller
	 * splits it with nat64_xlat_frag6(), which gives every fragment the
	 * ID frag_id (0x0000 || IPv4 ID, 7915-13), or leaves it to the IPv6
	 * output path. out has a Fragment Header only if the IPv4 packet was
	 * a fragment already.
	 */
	bool frag_needed;
	u32 frag_id;
	/* NAT64_XLAT_OK: the output L4 protocol (IPPROTO_* / 58) */
	u8 l4proto;
};

/*
 * IPv4 -> IPv6. in points at the IPv4 header; avail contiguous bytes are
 * readable and writable there; len is the whole packet's length. The new
 * IPv6 header(s) and L4 header go to out (cap bytes: NAT64_XLAT_HDR_MAX,
 * or NAT64_XLAT_ERR_MAX for ICMP errors). ip_id is unused here.
 *
 * An ICMP error is translated whole: old_len = len and out holds the new
 * packet, at most min(1280, cap) bytes (7915-26); it needs avail == len
 * (else NAT64_XLAT_MORE with need = len). A cap too small for any output
 * is NAT64_DROP_NOROOM; give NAT64_XLAT_ERR_MAX unless the packet is
 * known not to be an ICMP error.
 */
void nat64_xlat_46(const struct nat64_xlat_cfg *cfg,
		   const struct nat64_xlat_map *map,
		   const u8 *in, u32 avail, u32 len,
		   u8 *out, u32 cap, struct nat64_xlat_res *res);

/*
 * IPv6 -> IPv4, same conventions. ip_id is the IPv4 Identification to use
 * when the IPv6 packet has no Fragment Header (7915-35: the caller draws
 * it from a non-predictable generator). A translated ICMP error is at
 * most min(576, cap) bytes (7915-49).
 */
void nat64_xlat_64(const struct nat64_xlat_cfg *cfg,
		   const struct nat64_xlat_map *map,
		   const u8 *in, u32 avail, u32 len, __be16 ip_id,
		   u8 *out, u32 cap, struct nat64_xlat_res *res);

/*
 * Sets the ports (TCP, UDP; @sport is an ICMP echo's identifier) of the
 * L4 header @l4, of which @m bytes are there, in the output family's
 * protocol @proto, and updates its checksum to match (RFC 1624). A UDP
 * checksum of zero (IPv4: none) stays zero. Other protocols: untouched.
 */
void nat64_xlat_set_ports(u8 *l4, u32 m, u8 proto, u16 sport, u16 dport);

/*
 * ---- helpers shared by xlat46.c and xlat64.c (not for callers) ----
 * Each sets the verdict and returns false, so that a step can end with
 * "return nat64_xlat_drop(res, why);".
 */

static inline bool nat64_xlat_drop(struct nat64_xlat_res *res,
				   enum nat64_drop why)
{
	res->verdict = NAT64_XLAT_DROP;
	res->drop = why;
	return false;
}

static inline bool nat64_xlat_more(struct nat64_xlat_res *res, u32 need)
{
	res->verdict = NAT64_XLAT_MORE;
	res->need = need;
	return false;
}

/* An ICMP error answers the packet if @may, else it is only dropped. */
static inline bool nat64_xlat_icmp(struct nat64_xlat_res *res, bool may,
				   enum nat64_drop why, u8 type, u8 code,
				   u32 info)
{
	nat64_xlat_drop(res, why);
	if (may) {
		res->verdict = NAT64_XLAT_ICMP;
		res->icmp_type = type;
		res->icmp_code = code;
		res->icmp_info = info;
	}
	return false;
}

#endif /* NAT64_XLAT_H */
