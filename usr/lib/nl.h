/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one netlink client of the userspace tools, on libnl-genl-3.
 *
 * A session opens a generic netlink socket in the caller's network
 * namespace, resolves the family "NAT64" and asks the kernel for extended
 * acks, so that the reason the kernel gives for a refusal reaches the user.
 * Requests are built with nat64_nl_request() and the nla_put_*() of libnl,
 * then run either as a doit (at most one reply, then an ack) or as a dump
 * (many replies, restarted when the kernel flags NLM_F_DUMP_INTR).
 *
 * Errors: every function that fails returns a negative errno and leaves in
 * nl->errmsg one line without a trailing newline that says what went wrong
 * for a human, e.g. "an instance of that name exists (File exists)". The
 * caller adds its own prefix ("nat64ctl: instance add: ").
 *
 * Not thread-safe: one session per thread.
 */
#ifndef NAT64_NL_H
#define NAT64_NL_H

#include <stdbool.h>
#include <stdint.h>
#include <netlink/genl/genl.h>
#include <linux/nat64.h>

/* How many times a dump may start over before we give up (-EAGAIN). */
#define NAT64_NL_DUMP_TRIES 8

/*
 * With $NAT64_DEBUG set in the environment, a session reads at most this
 * much at a time (so the kernel cuts dumps into parts this small) and
 * notes each dump restart on stderr. For tests.
 */
#define NAT64_NL_DEBUG_BUFSIZE 4096

struct nat64_nl {
	struct nl_sock *sk;
	int family;		/* generic netlink family id of "NAT64" */
	bool debug;		/* $NAT64_DEBUG set: note dump restarts */
	unsigned int restarts;	/* dump restarts in this session */
	int error;		/* the last error, a negative errno, or 0 */
	char errmsg[320];	/* the last error, for a human */
};

/*
 * Called for each reply message, with its top-level attributes parsed
 * (tb[NAT64_A_*], NULL where absent; unknown ids skipped, known ones
 * type-checked) and the command that the reply carries. Returns 0, or a
 * negative errno that ends the request (the rest of a dump is drained);
 * it may set the message with nat64_nl_set_error() first.
 */
typedef int (*nat64_nl_reply_fn)(struct nlattr **tb, uint8_t cmd, void *arg);

/* Called before a dump starts over: forget what the replies gave so far. */
typedef void (*nat64_nl_restart_fn)(void *arg);

/* Connects and resolves the family. 0, or a negative errno (closed). */
int nat64_nl_open(struct nat64_nl *nl);
void nat64_nl_close(struct nat64_nl *nl);

/* A new request for cmd; flags: 0 for a doit, NLM_F_DUMP for a dump. */
struct nl_msg *nat64_nl_request(struct nat64_nl *nl, uint8_t cmd, int flags);

/* Runs req (and frees it): one reply at most, then the kernel's ack. */
int nat64_nl_doit(struct nat64_nl *nl, struct nl_msg *req,
		  nat64_nl_reply_fn reply, void *arg);

/*
 * Runs the dump req (and frees it). If the kernel flags a message
 * NLM_F_DUMP_INTR (its table changed under the dump), the rest is drained,
 * restart(arg) is called and the dump starts over, NAT64_NL_DUMP_TRIES
 * times at most; then it fails with -EAGAIN.
 */
int nat64_nl_dump(struct nat64_nl *nl, struct nl_msg *req,
		  nat64_nl_reply_fn reply, nat64_nl_restart_fn restart,
		  void *arg);

/* Records err (negative errno) and a printf-style reason in nl. */
/*
 * For dump callbacks that collect replies in an array: v with room for
 * element n (growing from first, then doubling), or NULL when out of
 * memory (v is then left as it was). *cap is updated on growth.
 */
void *nat64_nl_grow(void *v, size_t *cap, size_t n, size_t elem, size_t first);

int nat64_nl_set_error(struct nat64_nl *nl, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* NAT64_NL_H */
