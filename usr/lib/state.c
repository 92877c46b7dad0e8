// SPDX-License-Identifier: GPL-2.0-only
/*
 * pool4, BIB, session and deterministic NAT requests over a netlink
 * session.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "state.h"

static int nomem(struct nat64_nl *nl)
{
	return nat64_nl_set_error(nl, -ENOMEM, "%s", strerror(ENOMEM));
}

/* A request that names the instance and, when not 0, a protocol. */
static struct nl_msg *request(struct nat64_nl *nl, uint8_t cmd, int flags,
			      const char *instance, uint8_t proto)
{
	struct nl_msg *msg = nat64_nl_request(nl, cmd, flags);

	if (!msg)
		return NULL;
	if (nla_put_string(msg, NAT64_A_INSTANCE, instance) ||
	    (proto && nla_put_u8(msg, NAT64_A_PROTO, proto))) {
		nlmsg_free(msg);
		nomem(nl);
		return NULL;
	}
	return msg;
}

static int pool4_doit(struct nat64_nl *nl, uint8_t cmd, const char *instance,
		      const struct nat64_pool4_entry *p)
{
	struct nl_msg *msg = request(nl, cmd, 0, instance, p ? p->proto : 0);

	if (!msg)
		return nl->error;
	if (p && (nla_put(msg, NAT64_A_PREFIX4, sizeof(p->addr), &p->addr) ||
		  nla_put_u8(msg, NAT64_A_PREFIX4_LEN, p->plen) ||
		  (p->range &&
		   (nla_put_u16(msg, NAT64_A_PORT_MIN, p->min) ||
		    nla_put_u16(msg, NAT64_A_PORT_MAX, p->max))))) {
		nlmsg_free(msg);
		return nomem(nl);
	}
	return nat64_nl_doit(nl, msg, NULL, NULL);
}

int nat64_pool4_add(struct nat64_nl *nl, const char *instance,
		    const struct nat64_pool4_entry *p)
{
	return pool4_doit(nl, NAT64_CMD_POOL4_ADD, instance, p);
}

int nat64_pool4_del(struct nat64_nl *nl, const char *instance,
		    const struct nat64_pool4_entry *p)
{
	return pool4_doit(nl, NAT64_CMD_POOL4_DEL, instance, p);
}

int nat64_pool4_flush(struct nat64_nl *nl, const char *instance)
{
	return pool4_doit(nl, NAT64_CMD_POOL4_FLUSH, instance, NULL);
}

/*
 * The client's reply policy does not know these attributes (it lets them
 * through unchecked): each is checked here for its size.
 */
static bool has(struct nlattr **tb, int type, int len)
{
	return tb[type] && nla_len(tb[type]) >= len;
}

static int bad_reply(struct nat64_nl *nl, const char *what)
{
	return nat64_nl_set_error(nl, -EBADMSG,
				  "the kernel sent %s we cannot read (%s)",
				  what, strerror(EBADMSG));
}

struct dump_ctx {
	struct nat64_nl *nl;
	void *list;		/* a nat64_*_list: v, n, cap */
};

static int pool4_reply(struct nlattr **tb, uint8_t cmd, void *arg)
{
	struct dump_ctx *ctx = arg;
	struct nat64_pool4_list *l = ctx->list;
	struct nat64_pool4_entry *e;
	void *v;

	(void)cmd;
	if (!tb[NAT64_A_PREFIX4] ||
	    nla_len(tb[NAT64_A_PREFIX4]) != sizeof(struct in_addr) ||
	    !has(tb, NAT64_A_PREFIX4_LEN, 1) || !has(tb, NAT64_A_PROTO, 1) ||
	    !has(tb, NAT64_A_PORT_MIN, 2) || !has(tb, NAT64_A_PORT_MAX, 2))
		return bad_reply(ctx->nl, "a pool4 entry");
	v = nat64_nl_grow(l->v, &l->cap, l->n, sizeof(*l->v), 16);
	if (!v)
		return nomem(ctx->nl);
	l->v = v;
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	memcpy(&e->addr, nla_data(tb[NAT64_A_PREFIX4]), sizeof(e->addr));
	e->plen = nla_get_u8(tb[NAT64_A_PREFIX4_LEN]);
	e->proto = nla_get_u8(tb[NAT64_A_PROTO]);
	e->range = true;
	e->min = nla_get_u16(tb[NAT64_A_PORT_MIN]);
	e->max = nla_get_u16(tb[NAT64_A_PORT_MAX]);
	return 0;
}

/* The lists share their layout: forget what a dump gave so far. */
static void pool4_restart(void *arg)
{
	((struct nat64_pool4_list *)((struct dump_ctx *)arg)->list)->n = 0;
}

int nat64_pool4_dump(struct nat64_nl *nl, const char *instance,
		     struct nat64_pool4_list *out)
{
	struct dump_ctx ctx = { .nl = nl, .list = out };
	struct nl_msg *msg;

	memset(out, 0, sizeof(*out));
	msg = request(nl, NAT64_CMD_POOL4_GET, NLM_F_DUMP, instance, 0);
	if (!msg)
		return nl->error;
	return nat64_nl_dump(nl, msg, pool4_reply, pool4_restart, &ctx);
}

void nat64_pool4_list_free(struct nat64_pool4_list *list)
{
	free(list->v);
	memset(list, 0, sizeof(*list));
}

static int bib_doit(struct nat64_nl *nl, uint8_t cmd, const char *instance,
		    const struct nat64_bib_entry *b)
{
	struct nl_msg *msg = request(nl, cmd, 0, instance, b->proto);

	if (!msg)
		return nl->error;
	if (nla_put(msg, NAT64_A_ADDR4, sizeof(b->addr4), &b->addr4) ||
	    nla_put_u16(msg, NAT64_A_PORT4, b->port4) ||
	    (cmd == NAT64_CMD_BIB_ADD &&
	     (nla_put(msg, NAT64_A_ADDR6, sizeof(b->addr6), &b->addr6) ||
	      nla_put_u16(msg, NAT64_A_PORT6, b->port6)))) {
		nlmsg_free(msg);
		return nomem(nl);
	}
	return nat64_nl_doit(nl, msg, NULL, NULL);
}

int nat64_bib_add(struct nat64_nl *nl, const char *instance,
		  const struct nat64_bib_entry *b)
{
	return bib_doit(nl, NAT64_CMD_BIB_ADD, instance, b);
}

int nat64_bib_del(struct nat64_nl *nl, const char *instance,
		  const struct nat64_bib_entry *b)
{
	return bib_doit(nl, NAT64_CMD_BIB_DEL, instance, b);
}

/* The addresses of a BIB entry or a session: exact sizes. */
static bool addr_ok(struct nlattr **tb, int type, size_t len)
{
	return tb[type] && (size_t)nla_len(tb[type]) == len;
}

static int bib_reply(struct nlattr **tb, uint8_t cmd, void *arg)
{
	struct dump_ctx *ctx = arg;
	struct nat64_bib_list *l = ctx->list;
	struct nat64_bib_entry *e;
	void *v;

	(void)cmd;
	if (!has(tb, NAT64_A_PROTO, 1) ||
	    !addr_ok(tb, NAT64_A_ADDR6, sizeof(struct in6_addr)) ||
	    !has(tb, NAT64_A_PORT6, 2) ||
	    !addr_ok(tb, NAT64_A_ADDR4, sizeof(struct in_addr)) ||
	    !has(tb, NAT64_A_PORT4, 2))
		return bad_reply(ctx->nl, "a BIB entry");
	v = nat64_nl_grow(l->v, &l->cap, l->n, sizeof(*l->v), 64);
	if (!v)
		return nomem(ctx->nl);
	l->v = v;
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	e->proto = nla_get_u8(tb[NAT64_A_PROTO]);
	memcpy(&e->addr6, nla_data(tb[NAT64_A_ADDR6]), sizeof(e->addr6));
	e->port6 = nla_get_u16(tb[NAT64_A_PORT6]);
	memcpy(&e->addr4, nla_data(tb[NAT64_A_ADDR4]), sizeof(e->addr4));
	e->port4 = nla_get_u16(tb[NAT64_A_PORT4]);
	if (has(tb, NAT64_A_STATIC, 1))
		e->is_static = nla_get_u8(tb[NAT64_A_STATIC]);
	if (has(tb, NAT64_A_SESSIONS, 4))
		e->sessions = nla_get_u32(tb[NAT64_A_SESSIONS]);
	return 0;
}

static void bib_restart(void *arg)
{
	((struct nat64_bib_list *)((struct dump_ctx *)arg)->list)->n = 0;
}

int nat64_bib_dump(struct nat64_nl *nl, const char *instance, uint8_t proto,
		   struct nat64_bib_list *out)
{
	struct dump_ctx ctx = { .nl = nl, .list = out };
	struct nl_msg *msg;

	memset(out, 0, sizeof(*out));
	msg = request(nl, NAT64_CMD_BIB_GET, NLM_F_DUMP, instance, proto);
	if (!msg)
		return nl->error;
	return nat64_nl_dump(nl, msg, bib_reply, bib_restart, &ctx);
}

void nat64_bib_list_free(struct nat64_bib_list *list)
{
	free(list->v);
	memset(list, 0, sizeof(*list));
}

static int session_reply(struct nlattr **tb, uint8_t cmd, void *arg)
{
	struct dump_ctx *ctx = arg;
	struct nat64_session_list *l = ctx->list;
	struct nat64_session_entry *e;
	void *v;

	(void)cmd;
	if (!has(tb, NAT64_A_PROTO, 1) ||
	    !addr_ok(tb, NAT64_A_ADDR6, sizeof(struct in6_addr)) ||
	    !has(tb, NAT64_A_PORT6, 2) ||
	    !addr_ok(tb, NAT64_A_REMOTE6, sizeof(struct in6_addr)) ||
	    !has(tb, NAT64_A_REMOTE_PORT6, 2) ||
	    !addr_ok(tb, NAT64_A_ADDR4, sizeof(struct in_addr)) ||
	    !has(tb, NAT64_A_PORT4, 2) ||
	    !addr_ok(tb, NAT64_A_REMOTE4, sizeof(struct in_addr)) ||
	    !has(tb, NAT64_A_REMOTE_PORT4, 2) ||
	    !has(tb, NAT64_A_EXPIRES_MS, 4))
		return bad_reply(ctx->nl, "a session");
	v = nat64_nl_grow(l->v, &l->cap, l->n, sizeof(*l->v), 64);
	if (!v)
		return nomem(ctx->nl);
	l->v = v;
	e = &l->v[l->n++];
	memset(e, 0, sizeof(*e));
	e->proto = nla_get_u8(tb[NAT64_A_PROTO]);
	memcpy(&e->addr6, nla_data(tb[NAT64_A_ADDR6]), sizeof(e->addr6));
	e->port6 = nla_get_u16(tb[NAT64_A_PORT6]);
	memcpy(&e->remote6, nla_data(tb[NAT64_A_REMOTE6]), sizeof(e->remote6));
	e->remote_port6 = nla_get_u16(tb[NAT64_A_REMOTE_PORT6]);
	memcpy(&e->addr4, nla_data(tb[NAT64_A_ADDR4]), sizeof(e->addr4));
	e->port4 = nla_get_u16(tb[NAT64_A_PORT4]);
	memcpy(&e->remote4, nla_data(tb[NAT64_A_REMOTE4]), sizeof(e->remote4));
	e->remote_port4 = nla_get_u16(tb[NAT64_A_REMOTE_PORT4]);
	e->expires_ms = nla_get_u32(tb[NAT64_A_EXPIRES_MS]);
	if (has(tb, NAT64_A_TCP_STATE, 1)) {
		e->has_state = true;
		e->tcp_state = nla_get_u8(tb[NAT64_A_TCP_STATE]);
	}
	return 0;
}

static void session_restart(void *arg)
{
	((struct nat64_session_list *)((struct dump_ctx *)arg)->list)->n = 0;
}

int nat64_session_dump(struct nat64_nl *nl, const char *instance,
		       uint8_t proto, struct nat64_session_list *out)
{
	struct dump_ctx ctx = { .nl = nl, .list = out };
	struct nl_msg *msg;

	memset(out, 0, sizeof(*out));
	msg = request(nl, NAT64_CMD_SESSION_GET, NLM_F_DUMP, instance, proto);
	if (!msg)
		return nl->error;
	return nat64_nl_dump(nl, msg, session_reply, session_restart, &ctx);
}

void nat64_session_list_free(struct nat64_session_list *list)
{
	free(list->v);
	memset(list, 0, sizeof(*list));
}

int nat64_det_set(struct nat64_nl *nl, const char *instance,
		  const struct nat64_det *d)
{
	struct nl_msg *msg = request(nl, NAT64_CMD_DET_SET, 0, instance, 0);

	if (!msg)
		return nl->error;
	if (nla_put(msg, NAT64_A_PREFIX6, sizeof(d->prefix6), &d->prefix6) ||
	    nla_put_u8(msg, NAT64_A_PREFIX6_LEN, d->plen6) ||
	    nla_put_u8(msg, NAT64_A_SUB_LEN, d->sub_len) ||
	    nla_put(msg, NAT64_A_PREFIX4, sizeof(d->addr4), &d->addr4) ||
	    nla_put_u8(msg, NAT64_A_PREFIX4_LEN, d->plen4) ||
	    nla_put_u16(msg, NAT64_A_PORT_MIN, d->port_min) ||
	    nla_put_u16(msg, NAT64_A_PORT_MAX, d->port_max) ||
	    (d->blocks && nla_put_u32(msg, NAT64_A_BLOCKS, d->blocks))) {
		nlmsg_free(msg);
		return nomem(nl);
	}
	return nat64_nl_doit(nl, msg, NULL, NULL);
}

int nat64_det_del(struct nat64_nl *nl, const char *instance)
{
	struct nl_msg *msg = request(nl, NAT64_CMD_DET_DEL, 0, instance, 0);

	if (!msg)
		return nl->error;
	return nat64_nl_doit(nl, msg, NULL, NULL);
}

struct det_ctx {
	struct nat64_nl *nl;
	struct nat64_det *d;
	bool got;
};

bool nat64_det_attrs(struct nlattr **tb, struct nat64_det *d)
{
	if (!addr_ok(tb, NAT64_A_PREFIX6, sizeof(struct in6_addr)) ||
	    !has(tb, NAT64_A_PREFIX6_LEN, 1) || !has(tb, NAT64_A_SUB_LEN, 1) ||
	    !addr_ok(tb, NAT64_A_PREFIX4, sizeof(struct in_addr)) ||
	    !has(tb, NAT64_A_PREFIX4_LEN, 1) ||
	    !has(tb, NAT64_A_PORT_MIN, 2) || !has(tb, NAT64_A_PORT_MAX, 2))
		return false;
	memset(d, 0, sizeof(*d));
	memcpy(&d->prefix6, nla_data(tb[NAT64_A_PREFIX6]), sizeof(d->prefix6));
	d->plen6 = nla_get_u8(tb[NAT64_A_PREFIX6_LEN]);
	d->sub_len = nla_get_u8(tb[NAT64_A_SUB_LEN]);
	memcpy(&d->addr4, nla_data(tb[NAT64_A_PREFIX4]), sizeof(d->addr4));
	d->plen4 = nla_get_u8(tb[NAT64_A_PREFIX4_LEN]);
	d->port_min = nla_get_u16(tb[NAT64_A_PORT_MIN]);
	d->port_max = nla_get_u16(tb[NAT64_A_PORT_MAX]);
	if (has(tb, NAT64_A_BLOCKS, 4))
		d->blocks = nla_get_u32(tb[NAT64_A_BLOCKS]);
	return true;
}

static int det_reply(struct nlattr **tb, uint8_t cmd, void *arg)
{
	struct det_ctx *ctx = arg;
	struct nat64_det *d = ctx->d;

	(void)cmd;
	/* The formula is only defined for a valid rule. */
	if (!nat64_det_attrs(tb, d) || nat64_det_check(d))
		return bad_reply(ctx->nl, "a deterministic NAT rule");
	ctx->got = true;
	return 0;
}

int nat64_det_get(struct nat64_nl *nl, const char *instance,
		  struct nat64_det *out)
{
	struct det_ctx ctx = { .nl = nl, .d = out };
	struct nl_msg *msg = request(nl, NAT64_CMD_DET_GET, 0, instance, 0);
	int err;

	if (!msg)
		return nl->error;
	err = nat64_nl_doit(nl, msg, det_reply, &ctx);
	if (!err && !ctx.got)
		err = nat64_nl_set_error(nl, -EBADMSG,
					 "the kernel sent no rule (%s)",
					 strerror(EBADMSG));
	return err;
}

const char *nat64_proto_name(unsigned int proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_ICMP:
		return "icmp";
	default:
		return NULL;
	}
}

int nat64_parse_proto(const char *s, uint8_t *proto)
{
	static const uint8_t all[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP };
	size_t i;

	for (i = 0; i < sizeof(all); i++)
		if (!strcmp(s, nat64_proto_name(all[i]))) {
			*proto = all[i];
			return 0;
		}
	return -EINVAL;
}

/* In the order of enum nat64_tcp_state (src/tcp.h), which the kernel sends. */
static const char *const tcp_states[] = {
	"closed", "v6_init", "v4_init", "established", "v4_fin_rcv",
	"v6_fin_rcv", "v4_fin_v6_fin_rcv", "trans",
};

const char *nat64_tcp_state_name(unsigned int state)
{
	if (state < sizeof(tcp_states) / sizeof(tcp_states[0]))
		return tcp_states[state];
	return NULL;
}
