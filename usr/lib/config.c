// SPDX-License-Identifier: GPL-2.0-only
/*
 * Globals, denylist and RFC 6791 pool requests over a netlink session.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

/* The netlink type of each global: its size on the wire. */
static int global_size(uint16_t id)
{
	switch (id) {
	case NAT64_G_LOWEST_IPV6_MTU:
	case NAT64_G_PBA_SIZE:
		return 2;
	case NAT64_G_UDP_TIMEOUT:
	case NAT64_G_TCP_EST_TIMEOUT:
	case NAT64_G_TCP_TRANS_TIMEOUT:
	case NAT64_G_TCP_INIT_TIMEOUT:
	case NAT64_G_ICMP_TIMEOUT:
	case NAT64_G_MAX_SESSIONS:
	case NAT64_G_SUB_MAX_PORTS:
	case NAT64_G_SUB_MAX_SESSIONS:
	case NAT64_G_PBA_HOLD:
	case NAT64_G_POOL_ID:
	case NAT64_G_BIB_THRESHOLD:
	case NAT64_G_SUB_THRESHOLD:
		return 4;
	default:
		return 1;
	}
}

static int put_global(struct nl_msg *msg, const struct nat64_global_val *v)
{
	switch (global_size(v->id)) {
	case 4:
		return nla_put_u32(msg, v->id, v->value);
	case 2:
		return nla_put_u16(msg, v->id, v->value);
	default:
		return nla_put_u8(msg, v->id, v->value);
	}
}

static uint32_t get_global(const struct nlattr *a)
{
	switch (global_size(nla_type(a))) {
	case 4:
		return nla_get_u32((struct nlattr *)a);
	case 2:
		return nla_get_u16((struct nlattr *)a);
	default:
		return nla_get_u8((struct nlattr *)a);
	}
}

static int nomem(struct nat64_nl *nl)
{
	return nat64_nl_set_error(nl, -ENOMEM, "%s", strerror(ENOMEM));
}

int nat64_global_set(struct nat64_nl *nl, const char *instance,
		     const struct nat64_global_val *v, size_t n)
{
	struct nl_msg *msg = nat64_nl_request(nl, NAT64_CMD_GLOBAL_SET, 0);
	struct nlattr *nest;
	size_t i;

	if (!msg)
		return nl->error;
	if (nla_put_string(msg, NAT64_A_INSTANCE, instance))
		goto fail;
	nest = nla_nest_start(msg, NAT64_A_GLOBAL);
	if (!nest)
		goto fail;
	for (i = 0; i < n; i++)
		if (put_global(msg, &v[i]))
			goto fail;
	nla_nest_end(msg, nest);
	return nat64_nl_doit(nl, msg, NULL, NULL);
fail:
	nlmsg_free(msg);
	return nomem(nl);
}

struct global_ctx {
	struct nat64_nl *nl;
	struct nat64_globals_info *out;
};

static int global_reply(struct nlattr **tb, uint8_t cmd, void *arg)
{
	struct global_ctx *ctx = arg;
	struct nlattr *a;
	int rem;

	(void)cmd;
	if (!tb[NAT64_A_GLOBAL])
		return nat64_nl_set_error(ctx->nl, -EBADMSG,
					  "the kernel sent no globals (%s)",
					  strerror(EBADMSG));
	nla_for_each_nested(a, tb[NAT64_A_GLOBAL], rem) {
		int id = nla_type(a);

		/* Globals this tool does not know are skipped. */
		if (id <= NAT64_G_UNSPEC || id > NAT64_G_MAX)
			continue;
		if (nla_len(a) < global_size(id))
			return nat64_nl_set_error(ctx->nl, -EBADMSG,
						  "the kernel sent a global we cannot read (%s)",
						  strerror(EBADMSG));
		ctx->out->value[id] = get_global(a);
		ctx->out->set[id] = 1;
	}
	return 0;
}

int nat64_global_get(struct nat64_nl *nl, const char *instance,
		     struct nat64_globals_info *out)
{
	struct global_ctx ctx = { .nl = nl, .out = out };
	struct nl_msg *msg = nat64_nl_request(nl, NAT64_CMD_GLOBAL_GET, 0);

	memset(out, 0, sizeof(*out));
	if (!msg)
		return nl->error;
	if (nla_put_string(msg, NAT64_A_INSTANCE, instance)) {
		nlmsg_free(msg);
		return nomem(nl);
	}
	return nat64_nl_doit(nl, msg, global_reply, &ctx);
}

/* The command for an operation on a set: ADD, DEL, GET or FLUSH. */
static uint8_t set_cmd(enum nat64_addr4set_kind kind, uint8_t deny_cmd)
{
	if (kind == NAT64_SET_DENY)
		return deny_cmd;
	return deny_cmd - NAT64_CMD_DENY_ADD + NAT64_CMD_POOL6791_ADD;
}

static struct nl_msg *set_request(struct nat64_nl *nl, uint8_t cmd, int flags,
				  const char *instance,
				  const struct nat64_prefix4_info *p)
{
	struct nl_msg *msg = nat64_nl_request(nl, cmd, flags);

	if (!msg)
		return NULL;
	if (nla_put_string(msg, NAT64_A_INSTANCE, instance) ||
	    (p && (nla_put(msg, NAT64_A_PREFIX4, sizeof(p->addr), &p->addr) ||
		   nla_put_u8(msg, NAT64_A_PREFIX4_LEN, p->len)))) {
		nlmsg_free(msg);
		nomem(nl);
		return NULL;
	}
	return msg;
}

static int set_doit(struct nat64_nl *nl, uint8_t cmd, const char *instance,
		    const struct nat64_prefix4_info *p)
{
	struct nl_msg *msg = set_request(nl, cmd, 0, instance, p);

	if (!msg)
		return nl->error;
	return nat64_nl_doit(nl, msg, NULL, NULL);
}

int nat64_addr4set_add(struct nat64_nl *nl, enum nat64_addr4set_kind kind,
		       const char *instance, const struct nat64_prefix4_info *p)
{
	return set_doit(nl, set_cmd(kind, NAT64_CMD_DENY_ADD), instance, p);
}

int nat64_addr4set_del(struct nat64_nl *nl, enum nat64_addr4set_kind kind,
		       const char *instance, const struct nat64_prefix4_info *p)
{
	return set_doit(nl, set_cmd(kind, NAT64_CMD_DENY_DEL), instance, p);
}

int nat64_addr4set_flush(struct nat64_nl *nl, enum nat64_addr4set_kind kind,
			 const char *instance)
{
	return set_doit(nl, set_cmd(kind, NAT64_CMD_DENY_FLUSH), instance,
			NULL);
}

struct set_ctx {
	struct nat64_nl *nl;
	struct nat64_prefix4_list *list;
};

static int set_reply(struct nlattr **tb, uint8_t cmd, void *arg)
{
	struct set_ctx *ctx = arg;
	struct nat64_prefix4_list *l = ctx->list;
	struct nlattr *a = tb[NAT64_A_PREFIX4], *len = tb[NAT64_A_PREFIX4_LEN];
	void *v;

	(void)cmd;
	if (!a || !len || nla_len(a) != sizeof(struct in_addr) ||
	    nla_len(len) < 1)
		return nat64_nl_set_error(ctx->nl, -EBADMSG,
					  "the kernel sent a prefix we cannot read (%s)",
					  strerror(EBADMSG));
	v = nat64_nl_grow(l->v, &l->cap, l->n, sizeof(*l->v), 16);
	if (!v)
		return -ENOMEM;
	l->v = v;
	memcpy(&l->v[l->n].addr, nla_data(a), sizeof(struct in_addr));
	l->v[l->n].len = nla_get_u8(len);
	l->n++;
	return 0;
}

static void set_restart(void *arg)
{
	struct set_ctx *ctx = arg;

	ctx->list->n = 0;
}

int nat64_addr4set_dump(struct nat64_nl *nl, enum nat64_addr4set_kind kind,
			const char *instance, struct nat64_prefix4_list *out)
{
	struct set_ctx ctx = { .nl = nl, .list = out };
	struct nl_msg *msg;

	memset(out, 0, sizeof(*out));
	msg = set_request(nl, set_cmd(kind, NAT64_CMD_DENY_GET), NLM_F_DUMP,
			  instance, NULL);
	if (!msg)
		return nl->error;
	return nat64_nl_dump(nl, msg, set_reply, set_restart, &ctx);
}

void nat64_prefix4_list_free(struct nat64_prefix4_list *list)
{
	free(list->v);
	memset(list, 0, sizeof(*list));
}
