/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The text of nat64d's syslog messages (format.c): an event or a note as
 * the compact line in its RFC 3164 header, or as RFC 5424 with structured
 * data. syslog.c sends what these make. Pure functions of their arguments
 * (and the process id), no I/O.
 */
#ifndef NAT64D_FORMAT_H
#define NAT64D_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "nat64d.h"

#define ND_MSG_MAX	2048	/* one message, any format */
#define ND_NOTE_MAX	1024	/* the text of a note, at most */

/*
 * The message of an event as c's format makes it, HOSTNAME host (a local
 * destination's RFC 3164 header has none), without a trailing newline,
 * NUL-terminated when there is room: its length, or 0 when it does not fit
 * or the event has no compact line (compact format only).
 */
size_t nd_format_event(char *buf, size_t len, const struct nd_syslog_conf *c,
		       const char *host, const struct nat64_event_msg *ev);

/*
 * A line about nat64d itself at now_ms: "N text" in the compact format,
 * MSGID NOTE in RFC 5424. Control characters of text become spaces, so
 * that a note is one record. Its length, or 0 when it does not fit.
 */
size_t nd_format_note(char *buf, size_t len, const struct nd_syslog_conf *c,
		      const char *host, uint64_t now_ms, const char *text);

#endif /* NAT64D_FORMAT_H */
