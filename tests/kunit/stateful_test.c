// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite nat64_stateful: the pure parts of the stateful mode in src/,
 * the RFC 6146 TCP state machine (src/tcp.c, 6146-19..28) and the port
 * and identifier rewrite with its checksum (src/ports.c, 6146-37).
 *
 * The same file builds as a kernel KUnit module and, through the shim in
 * tests/host/, as a host program.
 */
#include <kunit/test.h>
#include "../../src/csum.h"
#include "../../src/tcp.h"
#include "../../src/xlat.h"

#define SYN	NAT64_TCP_SYN
#define FIN	NAT64_TCP_FIN
#define RST	NAT64_TCP_RST
#define ACK	0		/* any flag the machine ignores */

struct t_step {
	bool from6;
	u8 flags;
	enum nat64_tcp_state want;
	enum nat64_tcp_timer timer;
};

static void t_walk(struct kunit *test, const struct t_step *s, unsigned int n)
{
	enum nat64_tcp_state st = NAT64_TCP_CLOSED;
	unsigned int i;

	for (i = 0; i < n; i++, s++) {
		st = nat64_tcp_next(st, s->from6, s->flags);
		KUNIT_EXPECT_EQ_MSG(test, st, s->want, "step %u", i);
		if (st != NAT64_TCP_CLOSED)
			KUNIT_EXPECT_EQ_MSG(test, nat64_tcp_timer(st),
					    s->timer, "step %u", i);
	}
}

/* 6146-19/20/28: opened from IPv6, closed by both FINs */
static void test_6146_19_open6_close(struct kunit *test)
{
	static const struct t_step s[] = {
		{ true, SYN, NAT64_TCP_V6_INIT, NAT64_TCP_TIMER_INIT },
		{ true, SYN, NAT64_TCP_V6_INIT, NAT64_TCP_TIMER_INIT },
		{ false, SYN | ACK, NAT64_TCP_ESTABLISHED,
		  NAT64_TCP_TIMER_EST },
		{ true, ACK, NAT64_TCP_ESTABLISHED, NAT64_TCP_TIMER_EST },
		{ false, FIN, NAT64_TCP_V4_FIN_RCV, NAT64_TCP_TIMER_EST },
		{ false, FIN, NAT64_TCP_V4_FIN_RCV, NAT64_TCP_TIMER_EST },
		{ true, FIN, NAT64_TCP_V4_FIN_V6_FIN_RCV,
		  NAT64_TCP_TIMER_TRANS },
		{ false, ACK, NAT64_TCP_V4_FIN_V6_FIN_RCV,
		  NAT64_TCP_TIMER_TRANS },
	};

	t_walk(test, s, ARRAY_SIZE(s));
}

/* 6146-28: the V6-first order is symmetric */
static void test_6146_28_fin6_first(struct kunit *test)
{
	static const struct t_step s[] = {
		{ true, SYN, NAT64_TCP_V6_INIT, NAT64_TCP_TIMER_INIT },
		{ false, SYN, NAT64_TCP_ESTABLISHED, NAT64_TCP_TIMER_EST },
		{ true, FIN, NAT64_TCP_V6_FIN_RCV, NAT64_TCP_TIMER_EST },
		{ true, ACK, NAT64_TCP_V6_FIN_RCV, NAT64_TCP_TIMER_EST },
		{ false, FIN, NAT64_TCP_V4_FIN_V6_FIN_RCV,
		  NAT64_TCP_TIMER_TRANS },
	};

	t_walk(test, s, ARRAY_SIZE(s));
}

/*
 * 6146-23/25: simultaneous open, the IPv4 SYN first, to a BIB entry
 * under EIF: V4 INIT lives TCP_TRANS
 */
static void test_6146_23_simultaneous(struct kunit *test)
{
	static const struct t_step s[] = {
		{ false, SYN, NAT64_TCP_V4_INIT, NAT64_TCP_TIMER_INIT },
		{ false, ACK, NAT64_TCP_V4_INIT, NAT64_TCP_TIMER_INIT },
		{ true, SYN, NAT64_TCP_ESTABLISHED, NAT64_TCP_TIMER_EST },
	};

	t_walk(test, s, ARRAY_SIZE(s));
}

/* 6146-27: RST makes it transitory, not gone; traffic brings it back */
static void test_6146_27_rst(struct kunit *test)
{
	static const struct t_step s[] = {
		{ true, SYN, NAT64_TCP_V6_INIT, NAT64_TCP_TIMER_INIT },
		{ false, SYN, NAT64_TCP_ESTABLISHED, NAT64_TCP_TIMER_EST },
		{ false, RST, NAT64_TCP_TRANS, NAT64_TCP_TIMER_TRANS },
		{ true, RST, NAT64_TCP_TRANS, NAT64_TCP_TIMER_TRANS },
		{ true, ACK, NAT64_TCP_ESTABLISHED, NAT64_TCP_TIMER_EST },
		{ true, RST, NAT64_TCP_TRANS, NAT64_TCP_TIMER_TRANS },
	};

	t_walk(test, s, ARRAY_SIZE(s));
}

/* 6146-26: a non-SYN (or a SYN with RST) creates nothing */
static void test_6146_26_no_syn(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, nat64_tcp_next(NAT64_TCP_CLOSED, true, ACK),
			NAT64_TCP_CLOSED);
	KUNIT_EXPECT_EQ(test, nat64_tcp_next(NAT64_TCP_CLOSED, false, FIN),
			NAT64_TCP_CLOSED);
	KUNIT_EXPECT_EQ(test, nat64_tcp_next(NAT64_TCP_CLOSED, true,
					     SYN | RST),
			NAT64_TCP_CLOSED);
}

/* --- 6146-37: ports and identifiers with their checksums --- */

static const u8 s4[4] = { 203, 0, 113, 1 }, d4[4] = { 198, 51, 100, 7 };

/* The full checksum over pseudo-header + segment verifies. */
static bool t_sum_ok(const u8 *l4, u32 len, u8 proto, bool pseudo)
{
	u32 sum = pseudo ? nat64_csum_pseudo4(s4, d4, proto, len) : 0;

	return nat64_csum_ok(nat64_csum_bytes(sum, l4, len));
}

static void t_seal(u8 *l4, u32 len, u8 proto, u32 at, bool pseudo)
{
	u32 sum = pseudo ? nat64_csum_pseudo4(s4, d4, proto, len) : 0;

	nat64_put16(l4 + at, 0);
	nat64_put16(l4 + at, nat64_csum_finish(nat64_csum_bytes(sum, l4,
								len)));
}

static void test_6146_37_udp_tcp(struct kunit *test)
{
	u8 udp[28] = { 0x9c, 0x40, 0x00, 0x35, 0, 28 }, tcp[40] = {};
	unsigned int i;

	for (i = 8; i < sizeof(udp); i++)
		udp[i] = i * 7;
	t_seal(udp, sizeof(udp), 17, 6, true);
	nat64_xlat_set_ports(udp, sizeof(udp), 17, 61234, 53);
	KUNIT_EXPECT_EQ(test, nat64_get16(udp), 61234);
	KUNIT_EXPECT_EQ(test, nat64_get16(udp + 2), 53);
	KUNIT_EXPECT_TRUE(test, t_sum_ok(udp, sizeof(udp), 17, true));

	tcp[0] = 0x12;
	tcp[12] = 0x50;
	tcp[13] = SYN;
	for (i = 20; i < sizeof(tcp); i++)
		tcp[i] = i * 13;
	t_seal(tcp, sizeof(tcp), 6, 16, true);
	nat64_xlat_set_ports(tcp, sizeof(tcp), 6, 1, 65535);
	KUNIT_EXPECT_EQ(test, nat64_get16(tcp), 1);
	KUNIT_EXPECT_EQ(test, nat64_get16(tcp + 2), 65535);
	KUNIT_EXPECT_TRUE(test, t_sum_ok(tcp, sizeof(tcp), 6, true));
}

static void test_6146_37_udp_zero_stays(struct kunit *test)
{
	u8 udp[8] = { 0x9c, 0x40, 0x00, 0x35, 0, 8, 0, 0 };

	nat64_xlat_set_ports(udp, sizeof(udp), 17, 61001, 53);
	KUNIT_EXPECT_EQ(test, nat64_get16(udp), 61001);
	KUNIT_EXPECT_EQ(test, nat64_get16(udp + 6), 0);
}

static void test_6146_31_echo_id(struct kunit *test)
{
	u8 echo[16] = { 8, 0, 0, 0, 0x12, 0x34, 0, 7, 'p', 'i', 'n', 'g' };
	u8 info[8] = { 13, 0, 0xaa, 0xbb, 0x12, 0x34, 0, 0 };

	t_seal(echo, sizeof(echo), 1, 2, false);
	nat64_xlat_set_ports(echo, sizeof(echo), 1, 0xbeef, 0);
	KUNIT_EXPECT_EQ(test, nat64_get16(echo + 4), 0xbeef);
	KUNIT_EXPECT_EQ(test, nat64_get16(echo + 6), 7);	/* sequence */
	KUNIT_EXPECT_TRUE(test, t_sum_ok(echo, sizeof(echo), 1, false));
	/* not an echo: untouched */
	nat64_xlat_set_ports(info, sizeof(info), 1, 0xbeef, 0);
	KUNIT_EXPECT_EQ(test, nat64_get16(info + 4), 0x1234);
	KUNIT_EXPECT_EQ(test, nat64_get16(info + 2), 0xaabb);
}

/* A quoted header cut short keeps what it has, past the end untouched. */
static void test_6146_35_truncated_quote(struct kunit *test)
{
	u8 q[6] = { 0x9c, 0x40, 0x00, 0x35, 0x11, 0x22 };

	nat64_xlat_set_ports(q, 2, 17, 5, 6);
	KUNIT_EXPECT_EQ(test, nat64_get16(q), 0x9c40);	/* m < 4: nothing */
	nat64_xlat_set_ports(q, 4, 17, 5, 6);
	KUNIT_EXPECT_EQ(test, nat64_get16(q), 5);
	KUNIT_EXPECT_EQ(test, nat64_get16(q + 2), 6);
	KUNIT_EXPECT_EQ(test, nat64_get16(q + 4), 0x1122);
}

static struct kunit_case nat64_stateful_cases[] = {
	KUNIT_CASE(test_6146_19_open6_close),
	KUNIT_CASE(test_6146_28_fin6_first),
	KUNIT_CASE(test_6146_23_simultaneous),
	KUNIT_CASE(test_6146_27_rst),
	KUNIT_CASE(test_6146_26_no_syn),
	KUNIT_CASE(test_6146_37_udp_tcp),
	KUNIT_CASE(test_6146_37_udp_zero_stays),
	KUNIT_CASE(test_6146_31_echo_id),
	KUNIT_CASE(test_6146_35_truncated_quote),
	{}
};

static struct kunit_suite nat64_stateful_suite = {
	.name = "nat64_stateful",
	.test_cases = nat64_stateful_cases,
};

kunit_test_suites(&nat64_stateful_suite);
