// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host micro-benchmark of the translator of src/: translates N small UDP
 * packets, IPv6 -> IPv4 or IPv4 -> IPv6, with the address mapping of a
 * siit instance (one EAM entry looked up first, then pool6
 * 2001:db8:64::/96), the same packets as the guest benchmark sends.
 *
 *   xlat_insn 64|46 N
 *
 * Run it under valgrind's callgrind twice, with N and with 0: the
 * difference of the two instruction counts divided by N is the cost of one
 * translation (scripts/bench does this). Each result is checked, so that
 * a translator that drops the packet cannot look fast.
 */
#include <stdio.h>
#include <stdlib.h>
#include "compat.h"
#include "csum.h"
#include "rfc6052.h"
#include "xlat.h"

#define PAYLOAD	22	/* UDP payload bytes, as pktgen sends in the guest */

/* The EAM entry of the direction's sender or sink, and pool6. */
struct bmap {
	struct nat64_prefix6 pool6;
	__be32 eam4;
	struct in6_addr eam6;
};

static int map_64(void *priv, const struct in6_addr *in,
		  enum nat64_addr_role role, __be32 *out)
{
	const struct bmap *m = priv;

	(void)role;
	if (!memcmp(in, &m->eam6, sizeof(*in))) {
		*out = m->eam4;
		return 0;
	}
	if (nat64_rfc6052_extract(&m->pool6, in, out))
		return -ENOENT;
	return nat64_rfc6052_allowed(&m->pool6, *out, false) ? 0 : -EPERM;
}

static int map_46(void *priv, __be32 in, enum nat64_addr_role role,
		  struct in6_addr *out)
{
	const struct bmap *m = priv;

	(void)role;
	if (in == m->eam4) {
		*out = m->eam6;
		return 0;
	}
	if (!nat64_rfc6052_allowed(&m->pool6, in, false))
		return -EPERM;
	nat64_rfc6052_embed(&m->pool6, in, out);
	return 0;
}

static void put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static void udp(u8 *l4, u32 sum)
{
	u32 i;

	put16(l4, 9);
	put16(l4 + 2, 9);
	put16(l4 + 4, 8 + PAYLOAD);
	for (i = 0; i < PAYLOAD; i++)
		l4[8 + i] = (u8)i;
	sum = nat64_csum_bytes(sum, l4, 8 + PAYLOAD);
	put16(l4 + 6, nat64_csum_finish(sum));
}

/* 2001:db8:a::2 -> 2001:db8:64::203.0.113.2 (EAM source, pool6 destination) */
static u32 packet6(u8 *p)
{
	memset(p, 0, 48 + PAYLOAD);
	p[0] = 0x60;
	put16(p + 4, 8 + PAYLOAD);
	p[6] = 17;
	p[7] = 64;
	inet_pton(AF_INET6, "2001:db8:a::2", p + 8);
	inet_pton(AF_INET6, "2001:db8:64::203.0.113.2", p + 24);
	udp(p + 40, nat64_csum_pseudo6(p + 8, p + 24, 17, 8 + PAYLOAD));
	return 48 + PAYLOAD;
}

/* 198.51.100.2 -> 192.0.2.66 (pool6 source, EAM destination) */
static u32 packet4(u8 *p)
{
	memset(p, 0, 28 + PAYLOAD);
	p[0] = 0x45;
	put16(p + 2, 28 + PAYLOAD);
	p[8] = 64;
	p[9] = 17;
	inet_pton(AF_INET, "198.51.100.2", p + 12);
	inet_pton(AF_INET, "192.0.2.66", p + 16);
	put16(p + 10, nat64_csum_ip4(p, 20));
	udp(p + 20, nat64_csum_pseudo4(p + 12, p + 16, 17, 8 + PAYLOAD));
	return 28 + PAYLOAD;
}

int main(int argc, char **argv)
{
	static u8 pkt[128], out[NAT64_XLAT_ERR_MAX];
	struct nat64_xlat_cfg cfg = {
		.lowest_ipv6_mtu = 1280,
		.udp0 = NAT64_UDP0_COMPUTE,
		.fn_mtu0_plateaus = true,
	};
	struct bmap m = { .pool6.len = 96 };
	struct nat64_xlat_map map = { map_64, map_46, &m };
	struct nat64_xlat_res res = { .verdict = NAT64_XLAT_OK };
	bool is6;
	long i, n;
	u32 len;

	if (argc != 3 || (strcmp(argv[1], "64") && strcmp(argv[1], "46"))) {
		fprintf(stderr, "usage: xlat_insn 64|46 N\n");
		return 2;
	}
	is6 = !strcmp(argv[1], "64");
	n = atol(argv[2]);
	inet_pton(AF_INET6, "2001:db8:64::", &m.pool6.addr);
	if (is6) {
		inet_pton(AF_INET, "192.0.2.2", &m.eam4);
		inet_pton(AF_INET6, "2001:db8:a::2", &m.eam6);
	} else {
		inet_pton(AF_INET, "192.0.2.66", &m.eam4);
		inet_pton(AF_INET6, "2001:db8:b::2", &m.eam6);
	}
	len = is6 ? packet6(pkt) : packet4(pkt);

	for (i = 0; i < n; i++) {
		if (is6)
			nat64_xlat_64(&cfg, &map, pkt, len, len, (__be16)i,
				      out, sizeof(out), &res);
		else
			nat64_xlat_46(&cfg, &map, pkt, len, len, out,
				      sizeof(out), &res);
		if (res.verdict != NAT64_XLAT_OK)
			break;
	}
	if (res.verdict != NAT64_XLAT_OK) {
		fprintf(stderr, "xlat_insn: packet %ld not translated (verdict %d, drop %d)\n",
			i, res.verdict, res.drop);
		return 1;
	}
	if (n && res.new_len != (is6 ? 28 : 48)) {
		fprintf(stderr, "xlat_insn: unexpected output length %u\n", res.new_len);
		return 1;
	}
	printf("xlat_insn: %s %ld packets translated\n", argv[1], n);
	return 0;
}
