/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The TCP session state machine of RFC 6146 section 3.5.2.2, as a pure
 * function: the caller owns the session and its timers.
 */
#ifndef NAT64_TCP_H
#define NAT64_TCP_H

#include "compat.h"

enum nat64_tcp_state {
	NAT64_TCP_CLOSED,
	NAT64_TCP_V6_INIT,
	NAT64_TCP_V4_INIT,
	NAT64_TCP_ESTABLISHED,
	NAT64_TCP_V4_FIN_RCV,
	NAT64_TCP_V6_FIN_RCV,
	NAT64_TCP_V4_FIN_V6_FIN_RCV,
	NAT64_TCP_TRANS,
	__NAT64_TCP_MAX
};

/* Which lifetime a state gives its session (RFC 6146 section 4). */
enum nat64_tcp_timer {
	NAT64_TCP_TIMER_EST,		/* TCP_EST, 2 h 4 min */
	NAT64_TCP_TIMER_TRANS,		/* TCP_TRANS, 4 min: closing */
	/* V4 INIT, V6 INIT: TCP_TRANS too by default; RFC 7857 section
	 * 2.1 sets "partially open" apart from "closing"
	 */
	NAT64_TCP_TIMER_INIT,
};
/* An unsolicited IPv4 SYN (6146-22) makes no session here: the caller
 * holds it for TCP_INCOMING_SYN (mod/state.c, the SYN store).
 */

/* TCP header flags, as in byte 13 of the header. */
#define NAT64_TCP_FIN	0x01
#define NAT64_TCP_SYN	0x02
#define NAT64_TCP_RST	0x04

/*
 * The state after a packet with @flags, seen from IPv6 (@from6) or from
 * IPv4, in a session in @state. CLOSED means: delete the session.
 */
enum nat64_tcp_state nat64_tcp_next(enum nat64_tcp_state state, bool from6,
				    u8 flags);

enum nat64_tcp_timer nat64_tcp_timer(enum nat64_tcp_state state);

#endif /* NAT64_TCP_H */
