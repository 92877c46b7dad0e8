// SPDX-License-Identifier: GPL-2.0-only
/*
 * The events group of the NAT64 family and the port-block dump.
 *
 * The listener reads with libnl's own loop (nl_recvmsgs_default()) on a
 * non-blocking socket, one read a call, so that the caller's poll() stays
 * in charge of waiting (libnl retries a read that a signal interrupts).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "event.h"
#include "state.h"

static const char *const names[__NAT64_EV_MAX] = {
	[NAT64_EV_PBA_ALLOC] = "pba-alloc",
	[NAT64_EV_PBA_RELEASE] = "pba-release",
	[NAT64_EV_PBA_FULL] = "pba-full",
	[NAT64_EV_QUOTA] = "quota",
	[NAT64_EV_BIB_ADD] = "bib-add",
	[NAT64_EV_BIB_DEL] = "bib-del",
	[NAT64_EV_SESSION_ADD] = "session-add",
	[NAT64_EV_SESSION_DEL] = "session-del",
	[NAT64_EV_ADDR_FULL] = "addr-full",
	[NAT64_EV_THRESHOLD] = "threshold",
	[NAT64_EV_DET_SET] = "det-set",
	[NAT64_EV_DET_DEL] = "det-del",
	[NAT64_EV_SUB_ADD] = "sub-add",
	[NAT64_EV_SUB_DEL] = "sub-del",
};

const char *nat64_event_name(unsigned int type)
{
	return type < __NAT64_EV_MAX ? names[type] : NULL;
}

enum nat64_event_shape nat64_event_shape(unsigned int type)
{
	switch (type) {
	case NAT64_EV_PBA_ALLOC:
	case NAT64_EV_PBA_RELEASE:
		return NAT64_EVENT_BLOCK;
	case NAT64_EV_PBA_FULL:
	case NAT64_EV_QUOTA:
	case NAT64_EV_SUB_ADD:
	case NAT64_EV_SUB_DEL:
		return NAT64_EVENT_SUBSCRIBER;
	case NAT64_EV_BIB_ADD:
	case NAT64_EV_BIB_DEL:
		return NAT64_EVENT_BIB;
	case NAT64_EV_SESSION_ADD:
	case NAT64_EV_SESSION_DEL:
		return NAT64_EVENT_SESSION;
	case NAT64_EV_ADDR_FULL:
		return NAT64_EVENT_POOL;
	case NAT64_EV_THRESHOLD:
		return NAT64_EVENT_THRESHOLD;
	case NAT64_EV_DET_SET:
	case NAT64_EV_DET_DEL:
		return NAT64_EVENT_DET;
	default:
		return NAT64_EVENT_BARE;
	}
}

/* Sizes are checked here; binary attributes below, for their exact size. */
static struct nla_policy policy[NAT64_A_MAX + 1] = {
	[NAT64_A_INSTANCE] = { .type = NLA_STRING,
			       .maxlen = NAT64_INSTANCE_NAMSIZ },
	[NAT64_A_MODE] = { .type = NLA_U8 },
	[NAT64_A_PREFIX6_LEN] = { .type = NLA_U8 },
	[NAT64_A_PROTO] = { .type = NLA_U8 },
	[NAT64_A_PORT_MIN] = { .type = NLA_U16 },
	[NAT64_A_PORT_MAX] = { .type = NLA_U16 },
	[NAT64_A_PORT6] = { .type = NLA_U16 },
	[NAT64_A_PORT4] = { .type = NLA_U16 },
	[NAT64_A_SESSIONS] = { .type = NLA_U32 },
	[NAT64_A_EVENT] = { .type = NLA_U8 },
	[NAT64_A_SEQ] = { .type = NLA_U64 },
	[NAT64_A_TIME_MS] = { .type = NLA_U64 },
	[NAT64_A_REMOTE_PORT4] = { .type = NLA_U16 },
	[NAT64_A_LIMIT] = { .type = NLA_U32 },
	[NAT64_A_POOL_ID] = { .type = NLA_U32 },
	[NAT64_A_THRESHOLD] = { .type = NLA_U8 },
	[NAT64_A_SUB_LEN] = { .type = NLA_U8 },
	[NAT64_A_PREFIX4_LEN] = { .type = NLA_U8 },
	[NAT64_A_BLOCKS] = { .type = NLA_U32 },
};

/* An address attribute of exactly len bytes, copied into dst. */
static bool addr(struct nlattr **tb, int type, void *dst, size_t len)
{
	if (!tb[type] || (size_t)nla_len(tb[type]) != len)
		return false;
	memcpy(dst, nla_data(tb[type]), len);
	return true;
}

/* PREFIX6 + PREFIX6_LEN, ADDR4: the subscriber and its IPv4 address. */
static bool subscriber(struct nlattr **tb, struct nat64_event_msg *ev)
{
	if (!tb[NAT64_A_PREFIX6_LEN] ||
	    !addr(tb, NAT64_A_PREFIX6, &ev->prefix6, sizeof(ev->prefix6)) ||
	    !addr(tb, NAT64_A_ADDR4, &ev->addr4, sizeof(ev->addr4)))
		return false;
	ev->plen6 = nla_get_u8(tb[NAT64_A_PREFIX6_LEN]);
	if (tb[NAT64_A_LIMIT])
		ev->limit = nla_get_u32(tb[NAT64_A_LIMIT]);
	return ev->plen6 <= 128;
}

static bool block(struct nlattr **tb, struct nat64_event_msg *ev)
{
	if (!subscriber(tb, ev) || !tb[NAT64_A_PORT_MIN] ||
	    !tb[NAT64_A_PORT_MAX])
		return false;
	ev->port_min = nla_get_u16(tb[NAT64_A_PORT_MIN]);
	ev->port_max = nla_get_u16(tb[NAT64_A_PORT_MAX]);
	return true;
}

static bool bib(struct nlattr **tb, struct nat64_event_msg *ev)
{
	if (!tb[NAT64_A_PROTO] || !tb[NAT64_A_PORT6] || !tb[NAT64_A_PORT4] ||
	    !addr(tb, NAT64_A_ADDR6, &ev->addr6, sizeof(ev->addr6)) ||
	    !addr(tb, NAT64_A_ADDR4, &ev->addr4, sizeof(ev->addr4)))
		return false;
	ev->proto = nla_get_u8(tb[NAT64_A_PROTO]);
	ev->port6 = nla_get_u16(tb[NAT64_A_PORT6]);
	ev->port4 = nla_get_u16(tb[NAT64_A_PORT4]);
	return true;
}

/* A session: its binding, and the IPv4 peer. */
static bool session(struct nlattr **tb, struct nat64_event_msg *ev)
{
	if (!bib(tb, ev) || !tb[NAT64_A_REMOTE_PORT4] ||
	    !addr(tb, NAT64_A_REMOTE4, &ev->remote4, sizeof(ev->remote4)))
		return false;
	ev->rport = nla_get_u16(tb[NAT64_A_REMOTE_PORT4]);
	return true;
}

/* ADDR_FULL: the pool, the protocol, the subscriber refused. */
static bool pool(struct nlattr **tb, struct nat64_event_msg *ev)
{
	if (!tb[NAT64_A_PROTO] || !tb[NAT64_A_POOL_ID] ||
	    !tb[NAT64_A_PREFIX6_LEN] ||
	    !addr(tb, NAT64_A_PREFIX6, &ev->prefix6, sizeof(ev->prefix6)))
		return false;
	ev->proto = nla_get_u8(tb[NAT64_A_PROTO]);
	ev->pool_id = nla_get_u32(tb[NAT64_A_POOL_ID]);
	ev->plen6 = nla_get_u8(tb[NAT64_A_PREFIX6_LEN]);
	return ev->plen6 <= 128;
}

static bool threshold(struct nlattr **tb, struct nat64_event_msg *ev)
{
	if (!tb[NAT64_A_THRESHOLD] || !tb[NAT64_A_LIMIT] ||
	    !tb[NAT64_A_POOL_ID])
		return false;
	ev->threshold = nla_get_u8(tb[NAT64_A_THRESHOLD]);
	ev->limit = nla_get_u32(tb[NAT64_A_LIMIT]);
	ev->pool_id = nla_get_u32(tb[NAT64_A_POOL_ID]);
	if (ev->threshold != NAT64_TH_SUB_MAPPINGS)
		return true;
	return subscriber(tb, ev);
}

/* DET_SET, DET_DEL: the rule, whole. */
static bool det(struct nlattr **tb, struct nat64_event_msg *ev)
{
	struct nat64_det *d = &ev->det;

	if (!tb[NAT64_A_BLOCKS] || !tb[NAT64_A_LIMIT] ||
	    !nat64_det_attrs(tb, d))
		return false;
	ev->limit = nla_get_u32(tb[NAT64_A_LIMIT]);
	return d->plen6 <= 128 && d->sub_len <= 128 && d->plen4 <= 32;
}

/* NAT64_CMD_EVENT: the number, the time, then what its type carries. */
static bool event(struct nlattr **tb, struct nat64_event_msg *ev)
{
	if (!tb[NAT64_A_INSTANCE] || !tb[NAT64_A_EVENT] || !tb[NAT64_A_SEQ] ||
	    !tb[NAT64_A_TIME_MS])
		return false;
	ev->type = nla_get_u8(tb[NAT64_A_EVENT]);
	ev->seq = nla_get_u64(tb[NAT64_A_SEQ]);
	ev->time_ms = nla_get_u64(tb[NAT64_A_TIME_MS]);
	switch (nat64_event_shape(ev->type)) {
	case NAT64_EVENT_BLOCK:
		return block(tb, ev);
	case NAT64_EVENT_SUBSCRIBER:
		return subscriber(tb, ev);
	case NAT64_EVENT_BIB:
		return bib(tb, ev);
	case NAT64_EVENT_SESSION:
		return session(tb, ev);
	case NAT64_EVENT_POOL:
		return pool(tb, ev);
	case NAT64_EVENT_THRESHOLD:
		return threshold(tb, ev);
	case NAT64_EVENT_DET:
		return det(tb, ev);
	default:
		return true;
	}
}

static bool decode(struct nlattr **tb, struct nat64_event_msg *ev)
{
	if (tb[NAT64_A_INSTANCE])
		nla_strlcpy(ev->instance, tb[NAT64_A_INSTANCE],
			    sizeof(ev->instance));
	switch (ev->cmd) {
	case NAT64_CMD_EVENT:
		return event(tb, ev);
	case NAT64_CMD_INSTANCE_NEW:
	case NAT64_CMD_INSTANCE_DEL:
		if (!tb[NAT64_A_INSTANCE] || !tb[NAT64_A_MODE])
			return false;
		ev->mode = nla_get_u8(tb[NAT64_A_MODE]);
		return true;
	default:
		return true;
	}
}

/* One nat64_event_recv() call. */
struct listener {
	struct nat64_nl *nl;
	nat64_event_fn fn;
	void *arg;
	int stop;	/* fn's positive return */
};

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[NAT64_A_MAX + 1];
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct listener *l = arg;
	struct nat64_event_msg ev;

	if (nlh->nlmsg_type != l->nl->family)
		return NL_SKIP;
	memset(&ev, 0, sizeof(ev));
	if (genlmsg_valid_hdr(nlh, 0)) {
		ev.cmd = genlmsg_hdr(nlh)->cmd;
		ev.readable = !genlmsg_parse(nlh, 0, tb, NAT64_A_MAX, policy) &&
			      decode(tb, &ev);
	}
	l->stop = l->fn(&ev, l->arg);
	return l->stop > 0 ? NL_STOP : NL_OK;
}

int nat64_event_recv(struct nat64_nl *nl, nat64_event_fn fn, void *arg)
{
	struct listener l = { .nl = nl, .fn = fn, .arg = arg };
	int err, saved;

	nl_socket_modify_cb(nl->sk, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &l);
	errno = 0;
	err = nl_recvmsgs_default(nl->sk);
	saved = errno;
	/* l goes out of scope: leave libnl no pointer to it. */
	nl_socket_modify_cb(nl->sk, NL_CB_VALID, NL_CB_DEFAULT, NULL, NULL);
	errno = saved;
	if (err >= 0)
		return l.stop > 0 ? l.stop : 0;
	switch (-err) {
	case NLE_AGAIN:
		return -EAGAIN;
	case NLE_NOMEM:
		/*
		 * libnl maps recvmsg()'s ENOBUFS to NLE_NOMEM, and leaves
		 * errno alone; only a failed malloc() says ENOMEM.
		 */
		if (errno != ENOMEM)
			return nat64_nl_set_error(nl, -ENOBUFS,
						  "the receive buffer was full, events were lost (%s)",
						  strerror(ENOBUFS));
		return nat64_nl_set_error(nl, -ENOMEM, "%s", strerror(ENOMEM));
	default:
		return nat64_nl_set_error(nl, -EIO, "cannot read the events: %s",
					  nl_geterror(err));
	}
}

#ifndef SO_RCVBUFFORCE
#define SO_RCVBUFFORCE 33
#endif

/* Joins the events group of the family, on an open session. */
static int join(struct nat64_nl *nl, int rcvbuf)
{
	int grp, err, one = 1;

	grp = genl_ctrl_resolve_grp(nl->sk, NAT64_GENL_NAME, NAT64_MCGRP_EVENTS);
	if (grp == -NLE_OBJ_NOTFOUND)
		return nat64_nl_set_error(nl, -ENOENT,
					  "the loaded nat64 module has no multicast group \"%s\"; it is older than nat64ctl (%s)",
					  NAT64_MCGRP_EVENTS, strerror(ENOENT));
	if (grp < 0)
		return nat64_nl_set_error(nl, -EIO,
					  "cannot look up the multicast group \"%s\": %s",
					  NAT64_MCGRP_EVENTS, nl_geterror(grp));
	err = nl_socket_add_membership(nl->sk, grp);
	if (err == -NLE_PERM || err == -NLE_NOACCESS)
		return nat64_nl_set_error(nl, -EPERM,
					  "permission denied: CAP_NET_ADMIN is needed in the network namespace's user namespace (%s)",
					  strerror(EPERM));
	if (err)
		return nat64_nl_set_error(nl, -EIO,
					  "cannot join the multicast group \"%s\": %s",
					  NAT64_MCGRP_EVENTS, nl_geterror(err));
	nl_socket_disable_seq_check(nl->sk);
	if (nl_socket_set_buffer_size(nl->sk, rcvbuf, 0) < 0)
		return nat64_nl_set_error(nl, -EIO,
					  "cannot set a receive buffer of %d bytes",
					  rcvbuf);
	/* Best effort: only CAP_NET_ADMIN may pass net.core.rmem_max. */
	setsockopt(nl_socket_get_fd(nl->sk), SOL_SOCKET, SO_RCVBUFFORCE,
		   &rcvbuf, sizeof(rcvbuf));
	/*
	 * An event that does not fit is then also an error for the kernel's
	 * send, which counts it (event_lost); without this the kernel never
	 * learns of it.
	 */
	if (setsockopt(nl_socket_get_fd(nl->sk), SOL_NETLINK,
		       NETLINK_BROADCAST_ERROR, &one, sizeof(one)) < 0)
		return nat64_nl_set_error(nl, -errno,
					  "cannot ask for broadcast errors: %s",
					  strerror(errno));
	if (nl_socket_set_nonblocking(nl->sk) < 0)
		return nat64_nl_set_error(nl, -EIO,
					  "cannot make the socket non-blocking");
	return 0;
}

int nat64_event_listen(struct nat64_nl *nl, int rcvbuf)
{
	int err = nat64_nl_open(nl);

	if (err)
		return err;
	err = join(nl, rcvbuf);
	if (err)
		nat64_nl_close(nl);
	return err;
}

void nat64_event_seqs_init(struct nat64_event_seqs *s)
{
	memset(s, 0, sizeof(*s));
}

static size_t seq_find(const struct nat64_event_seqs *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].name, name))
			break;
	return i;
}

/* A slot for a new instance: a free one, else the one noted longest ago. */
static size_t seq_slot(struct nat64_event_seqs *s)
{
	size_t i, oldest = 0;

	if (s->n < NAT64_INSTANCES_MAX)
		return s->n++;
	for (i = 1; i < s->n; i++)
		if (s->v[i].used < s->v[oldest].used)
			oldest = i;
	return oldest;
}

uint64_t nat64_event_seq_note(struct nat64_event_seqs *s, const char *name,
			      uint64_t seq, uint64_t *from)
{
	size_t i = seq_find(s, name);
	uint64_t lost = 0;

	if (i == s->n) {
		i = seq_slot(s);
		snprintf(s->v[i].name, sizeof(s->v[i].name), "%s", name);
	} else if (seq > s->v[i].last + 1) {
		*from = s->v[i].last + 1;
		lost = seq - *from;
	}
	s->v[i].last = seq;
	s->v[i].used = ++s->clock;
	return lost;
}

void nat64_event_seq_forget(struct nat64_event_seqs *s, const char *name)
{
	size_t i = seq_find(s, name);

	if (i < s->n)
		s->v[i] = s->v[--s->n];
}

static int bad_block(struct nat64_nl *nl)
{
	return nat64_nl_set_error(nl, -EBADMSG,
				  "the kernel sent a port block we cannot read (%s)",
				  strerror(EBADMSG));
}

struct pba_ctx {
	struct nat64_nl *nl;
	struct nat64_pba_list *list;
};

/* An attribute the reply policy of nl.c lets through unchecked. */
static bool sized(struct nlattr **tb, int type, int len)
{
	return tb[type] && nla_len(tb[type]) >= len;
}

static int pba_reply(struct nlattr **tb, uint8_t cmd, void *arg)
{
	struct pba_ctx *ctx = arg;
	struct nat64_pba_list *l = ctx->list;
	struct nat64_pba_block *b;
	struct nat64_event_msg ev;
	uint64_t seq = 0;
	void *v;

	(void)cmd;
	memset(&ev, 0, sizeof(ev));
	if (!sized(tb, NAT64_A_PORT_MIN, 2) || !sized(tb, NAT64_A_PORT_MAX, 2) ||
	    (tb[NAT64_A_SESSIONS] && !sized(tb, NAT64_A_SESSIONS, 4)) ||
	    (tb[NAT64_A_SEQ] && !sized(tb, NAT64_A_SEQ, 8)) || !block(tb, &ev))
		return bad_block(ctx->nl);
	v = nat64_nl_grow(l->v, &l->cap, l->n, sizeof(*l->v), 64);
	if (!v)
		return nat64_nl_set_error(ctx->nl, -ENOMEM, "%s",
					  strerror(ENOMEM));
	l->v = v;
	b = &l->v[l->n++];
	b->prefix6 = ev.prefix6;
	b->plen6 = ev.plen6;
	b->addr4 = ev.addr4;
	b->port_min = ev.port_min;
	b->port_max = ev.port_max;
	b->bindings = tb[NAT64_A_SESSIONS] ? nla_get_u32(tb[NAT64_A_SESSIONS]) : 0;
	if (tb[NAT64_A_SEQ])
		seq = nla_get_u64(tb[NAT64_A_SEQ]);
	if (seq > l->seq)
		l->seq = seq;
	return 0;
}

static void pba_restart(void *arg)
{
	struct pba_ctx *ctx = arg;

	ctx->list->n = 0;
	ctx->list->seq = 0;
}

static int block_cmp(const void *a, const void *b)
{
	const struct nat64_pba_block *x = a, *y = b;
	uint32_t ax = ntohl(x->addr4.s_addr), ay = ntohl(y->addr4.s_addr);

	if (ax != ay)
		return ax < ay ? -1 : 1;
	return (int)x->port_min - (int)y->port_min;
}

int nat64_pba_dump(struct nat64_nl *nl, const char *instance,
		   struct nat64_pba_list *out)
{
	struct pba_ctx ctx = { .nl = nl, .list = out };
	struct nl_msg *msg;
	int err;

	memset(out, 0, sizeof(*out));
	msg = nat64_nl_request(nl, NAT64_CMD_PBA_GET, NLM_F_DUMP);
	if (!msg)
		return nl->error;
	if (nla_put_string(msg, NAT64_A_INSTANCE, instance)) {
		nlmsg_free(msg);
		return nat64_nl_set_error(nl, -ENOMEM, "%s", strerror(ENOMEM));
	}
	err = nat64_nl_dump(nl, msg, pba_reply, pba_restart, &ctx);
	if (!err && out->n)
		qsort(out->v, out->n, sizeof(*out->v), block_cmp);
	return err;
}

void nat64_pba_list_free(struct nat64_pba_list *list)
{
	free(list->v);
	memset(list, 0, sizeof(*list));
}
