// SPDX-License-Identifier: GPL-2.0-only
/*
 * RFC 6146 section 3.5.2.2, the TCP state machine (6146-19..30).
 *
 * A session is created by the first packet (CLOSED -> V6 INIT for a V6
 * SYN, V4 INIT for a V4 SYN); the caller does not create one for a
 * non-SYN (6146-26). The simultaneous-open SYN store and the probe sent
 * when ESTABLISHED expires are the caller's (timers), not here.
 */
#include "tcp.h"

enum nat64_tcp_state nat64_tcp_next(enum nat64_tcp_state state, bool from6,
				    u8 flags)
{
	bool syn = flags & NAT64_TCP_SYN;
	bool fin = flags & NAT64_TCP_FIN;
	bool rst = flags & NAT64_TCP_RST;

	switch (state) {
	case NAT64_TCP_CLOSED:
		if (!syn || rst)
			return NAT64_TCP_CLOSED;
		return from6 ? NAT64_TCP_V6_INIT : NAT64_TCP_V4_INIT;
	case NAT64_TCP_V6_INIT:
		/* 6146-20: the answer from IPv4 opens it */
		return !from6 && syn ? NAT64_TCP_ESTABLISHED : state;
	case NAT64_TCP_V4_INIT:
		/* 6146-23: simultaneous open */
		return from6 && syn ? NAT64_TCP_ESTABLISHED : state;
	case NAT64_TCP_ESTABLISHED:
		/* 6146-27/28 */
		if (rst)
			return NAT64_TCP_TRANS;
		if (fin)
			return from6 ? NAT64_TCP_V6_FIN_RCV :
				       NAT64_TCP_V4_FIN_RCV;
		return state;
	case NAT64_TCP_V4_FIN_RCV:
		return from6 && fin ? NAT64_TCP_V4_FIN_V6_FIN_RCV : state;
	case NAT64_TCP_V6_FIN_RCV:
		return !from6 && fin ? NAT64_TCP_V4_FIN_V6_FIN_RCV : state;
	case NAT64_TCP_V4_FIN_V6_FIN_RCV:
		return state;
	case NAT64_TCP_TRANS:
		/* 6146-27: anything but a RST brings it back */
		return rst ? state : NAT64_TCP_ESTABLISHED;
	default:
		return NAT64_TCP_CLOSED;
	}
}

enum nat64_tcp_timer nat64_tcp_timer(enum nat64_tcp_state state)
{
	switch (state) {
	case NAT64_TCP_ESTABLISHED:
	case NAT64_TCP_V4_FIN_RCV:
	case NAT64_TCP_V6_FIN_RCV:
		return NAT64_TCP_TIMER_EST;
	case NAT64_TCP_V6_INIT:		/* 6146-19 */
	case NAT64_TCP_V4_INIT:		/* with a BIB entry under EIF, 6146-25 */
		return NAT64_TCP_TIMER_INIT;
	default:
		/* both FINs (6146-28), TRANS */
		return NAT64_TCP_TIMER_TRANS;
	}
}
