// SPDX-License-Identifier: GPL-2.0-only
/*
 * The one netlink client of the userspace tools, on libnl-genl-3.
 *
 * libnl runs the receive loop; we install our own callbacks for every
 * outcome (reply, ack, error, end of dump, interrupted dump) so that the
 * kernel's errno and its extended ack text are kept, not turned into a
 * libnl error code.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/* One request in flight. */
struct request {
	struct nat64_nl *nl;
	nat64_nl_reply_fn reply;
	void *arg;
	bool done;	/* the ack, the error or NLMSG_DONE has arrived */
	bool intr;	/* a dump message carried NLM_F_DUMP_INTR */
	bool failed;	/* an error is recorded: ignore further replies */
};

/* What the tools understand in a reply; anything else is skipped. */
static struct nla_policy reply_policy[NAT64_A_MAX + 1] = {
	[NAT64_A_INSTANCE] = { .type = NLA_STRING,
			       .maxlen = NAT64_INSTANCE_NAMSIZ },
	[NAT64_A_MODE] = { .type = NLA_U8 },
	[NAT64_A_INSTANCE_ID] = { .type = NLA_U32 },
	[NAT64_A_STATS] = { .type = NLA_NESTED },
	[NAT64_A_PREFIX6] = { .minlen = 16, .maxlen = 16 },
	[NAT64_A_PREFIX6_LEN] = { .type = NLA_U8 },
};

void *nat64_nl_grow(void *v, size_t *cap, size_t n, size_t elem, size_t first)
{
	size_t want;

	if (n < *cap)
		return v;
	want = *cap ? 2 * *cap : first;
	v = realloc(v, want * elem);
	if (v)
		*cap = want;
	return v;
}

int nat64_nl_set_error(struct nat64_nl *nl, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(nl->errmsg, sizeof(nl->errmsg), fmt, ap);
	va_end(ap);
	nl->error = err;
	return err;
}

/* For errors the kernel did not explain in an extended ack. */
static const char *default_reason(int err)
{
	switch (err) {
	case -EPERM:
		return "permission denied: CAP_NET_ADMIN is needed in the network namespace's user namespace";
	case -EOPNOTSUPP:
		return "the loaded nat64 module does not know this request";
	default:
		return NULL;
	}
}

/* The kernel's text may be anything: keep it on one printable line. */
static void printable(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

/* err is the kernel's negative errno; msg its extended ack text or NULL. */
static int kernel_error(struct nat64_nl *nl, int err, const char *msg)
{
	const char *reason = msg && *msg ? msg : default_reason(err);

	if (reason)
		return nat64_nl_set_error(nl, err, "%s (%s)", reason,
					  strerror(-err));
	return nat64_nl_set_error(nl, err, "%s", strerror(-err));
}

/* A libnl failure that is not the kernel's answer. */
static int libnl_error(struct nat64_nl *nl, int nlerr, const char *what)
{
	int err;

	switch (-nlerr) {
	case NLE_NOMEM:
		err = -ENOMEM;
		break;
	case NLE_PERM:
		err = -EPERM;
		break;
	case NLE_AGAIN:
		err = -EAGAIN;
		break;
	default:
		err = -EIO;
	}
	return nat64_nl_set_error(nl, err, "%s: %s", what, nl_geterror(nlerr));
}

/*
 * The extended ack attributes that follow an error or a NLMSG_DONE, from
 * offset off of the payload: copies NLMSGERR_ATTR_MSG into buf, or "".
 */
static void ack_text(const struct nlmsghdr *nlh, size_t off, char *buf,
		     size_t len)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t payload = nlh->nlmsg_len - NLMSG_HDRLEN;

	buf[0] = '\0';
	off = NLMSG_ALIGN(off);
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || nlh->nlmsg_len < NLMSG_HDRLEN ||
	    off >= payload)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((char *)NLMSG_DATA(nlh) + off),
		      payload - off, NULL))
		return;
	if (tb[NLMSGERR_ATTR_MSG] && nla_len(tb[NLMSGERR_ATTR_MSG]) > 0) {
		nla_strlcpy(buf, tb[NLMSGERR_ATTR_MSG], len);
		printable(buf);
		return;
	}
#ifdef NLMSGERR_ATTR_MISS_TYPE
	/* A required attribute the request lacks comes without a text. */
	if (tb[NLMSGERR_ATTR_MISS_TYPE] &&
	    nla_len(tb[NLMSGERR_ATTR_MISS_TYPE]) >= (int)sizeof(uint32_t))
		snprintf(buf, len, "the request lacks attribute %u",
			 nla_get_u32(tb[NLMSGERR_ATTR_MISS_TYPE]));
#endif
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	/* libnl hands us the payload; the header sits right before it. */
	const struct nlmsghdr *nlh =
		(const void *)((const char *)e - NLMSG_HDRLEN);
	struct request *r = arg;
	size_t off = sizeof(*e);
	char msg[256];

	(void)who;
	/* Without NETLINK_CAP_ACK the request is echoed before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
	    e->msg.nlmsg_len > sizeof(e->msg))
		off += e->msg.nlmsg_len - sizeof(e->msg);
	ack_text(nlh, off, msg, sizeof(msg));
	if (!r->failed)
		kernel_error(r->nl, e->error, msg);
	r->failed = true;
	r->done = true;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct request *r = arg;

	(void)msg;
	r->done = true;
	return NL_STOP;
}

/* NLMSG_DONE ends a dump; its payload is the dump's error, 0 if none. */
static int on_finish(struct nl_msg *msg, void *arg)
{
	const struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct request *r = arg;
	char text[256];
	int err = 0;

	if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int))
		memcpy(&err, NLMSG_DATA(nlh), sizeof(int));
	if (err < 0 && !r->failed) {
		ack_text(nlh, sizeof(int), text, sizeof(text));
		kernel_error(r->nl, err, text);
		r->failed = true;
	}
	r->done = true;
	return NL_STOP;
}

static int on_intr(struct nl_msg *msg, void *arg)
{
	struct request *r = arg;

	(void)msg;
	r->intr = true;
	return NL_OK;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[NAT64_A_MAX + 1];
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct request *r = arg;
	struct genlmsghdr *gh;
	int err;

	/* After an interruption the rest of the dump is only drained. */
	if (r->failed || r->intr || nlh->nlmsg_type != r->nl->family)
		return NL_SKIP;
	if (!genlmsg_valid_hdr(nlh, 0) ||
	    genlmsg_parse(nlh, 0, tb, NAT64_A_MAX, reply_policy)) {
		nat64_nl_set_error(r->nl, -EBADMSG,
				   "the kernel sent a reply we cannot parse (%s)",
				   strerror(EBADMSG));
		r->failed = true;
		return NL_SKIP;
	}
	gh = genlmsg_hdr(nlh);
	if (r->reply) {
		r->nl->error = 0;
		err = r->reply(tb, gh->cmd, r->arg);
		if (err) {
			if (!r->nl->error)
				nat64_nl_set_error(r->nl, err, "%s",
						   strerror(-err));
			r->failed = true;
		}
	}
	return NL_OK;
}

/* Sends req and reads until its ack, its error or the end of its dump. */
static int run(struct nat64_nl *nl, struct nl_msg *req, struct request *r)
{
	struct nl_cb *cb;
	int err;

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return nat64_nl_set_error(nl, -ENOMEM, "%s", strerror(ENOMEM));
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, r);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, on_intr, r);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, r);

	err = nl_send_auto(nl->sk, req);
	if (err < 0) {
		err = libnl_error(nl, err, "cannot send the request");
		goto out;
	}
	err = 0;
	while (!r->done) {
		int ret = nl_recvmsgs(nl->sk, cb);

		if (ret < 0 && !r->done) {
			/* The socket is out of step now: the session is over. */
			err = libnl_error(nl, ret, "cannot read the kernel's answer");
			goto out;
		}
	}
	if (r->failed)
		err = nl->error;
out:
	nl_cb_put(cb);
	return err;
}

int nat64_nl_doit(struct nat64_nl *nl, struct nl_msg *req,
		  nat64_nl_reply_fn reply, void *arg)
{
	struct request r = { .nl = nl, .reply = reply, .arg = arg };
	int err;

	nl->error = 0;
	err = run(nl, req, &r);
	nlmsg_free(req);
	return err;
}

int nat64_nl_dump(struct nat64_nl *nl, struct nl_msg *req,
		  nat64_nl_reply_fn reply, nat64_nl_restart_fn restart,
		  void *arg)
{
	int tries, err = 0;

	nl->error = 0;
	for (tries = 0; tries < NAT64_NL_DUMP_TRIES; tries++) {
		struct request r = { .nl = nl, .reply = reply, .arg = arg };

		if (tries) {
			nl->restarts++;
			if (nl->debug)
				fprintf(stderr, "nat64: debug: dump interrupted by a change, starting over\n");
			if (restart)
				restart(arg);
			/* A fresh sequence number, or libnl would drop the replies. */
			nlmsg_hdr(req)->nlmsg_seq = NL_AUTO_SEQ;
		}
		err = run(nl, req, &r);
		if (err || !r.intr)
			goto out;
	}
	err = nat64_nl_set_error(nl, -EAGAIN,
				 "the table kept changing during %d dumps in a row; try again (%s)",
				 NAT64_NL_DUMP_TRIES, strerror(EAGAIN));
out:
	nlmsg_free(req);
	return err;
}

struct nl_msg *nat64_nl_request(struct nat64_nl *nl, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		goto nomem;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags,
			 cmd, NAT64_GENL_VERSION)) {
		nlmsg_free(msg);
		goto nomem;
	}
	return msg;
nomem:
	nat64_nl_set_error(nl, -ENOMEM, "%s", strerror(ENOMEM));
	return NULL;
}

/* Best effort: an old kernel without the option still answers. */
static void enable(struct nat64_nl *nl, int opt)
{
	int one = 1;

	setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK, opt, &one,
		   sizeof(one));
}

int nat64_nl_open(struct nat64_nl *nl)
{
	int err;

	memset(nl, 0, sizeof(*nl));
	nl->debug = getenv("NAT64_DEBUG") != NULL;
	nl->sk = nl_socket_alloc();
	if (!nl->sk)
		return nat64_nl_set_error(nl, -ENOMEM, "%s", strerror(ENOMEM));
	err = genl_connect(nl->sk);
	if (err) {
		libnl_error(nl, err, "cannot open a generic netlink socket");
		goto err_free;
	}
	enable(nl, NETLINK_EXT_ACK);
	enable(nl, NETLINK_CAP_ACK);
	if (nl->debug) {
		/*
		 * The kernel sizes dump parts by our largest read (16 KiB
		 * by default in libnl): small reads make small parts, so
		 * that tests can change a table between two of them.
		 * Peeking keeps a larger message readable.
		 */
		nl_socket_set_msg_buf_size(nl->sk, NAT64_NL_DEBUG_BUFSIZE);
		nl_socket_enable_msg_peek(nl->sk);
	}

	err = genl_ctrl_resolve(nl->sk, NAT64_GENL_NAME);
	if (err == -NLE_OBJ_NOTFOUND) {
		nat64_nl_set_error(nl, -ENOENT,
				   "the nat64 kernel module is not loaded (modprobe nat64)");
		goto err_free;
	}
	if (err < 0) {
		libnl_error(nl, err, "cannot look up the NAT64 netlink family");
		goto err_free;
	}
	nl->family = err;
	return 0;

err_free:
	nl_socket_free(nl->sk);
	nl->sk = NULL;
	return nl->error;
}

void nat64_nl_close(struct nat64_nl *nl)
{
	if (nl->sk)
		nl_socket_free(nl->sk);
	nl->sk = NULL;
}
