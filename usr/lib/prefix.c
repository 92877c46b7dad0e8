// SPDX-License-Identifier: GPL-2.0-only
/*
 * pool6 requests over a netlink session.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "prefix.h"

/* NAT64_A_INSTANCE, NAT64_A_PREFIX6 and NAT64_A_PREFIX6_LEN. */
static struct nl_msg *prefix_request(struct nat64_nl *nl, uint8_t cmd,
				     int flags, const char *instance,
				     const struct nat64_prefix6 *p)
{
	struct nl_msg *msg = nat64_nl_request(nl, cmd, flags);

	if (!msg)
		return NULL;
	if (nla_put_string(msg, NAT64_A_INSTANCE, instance))
		goto nomem;
	if (p && (nla_put(msg, NAT64_A_PREFIX6, sizeof(p->addr), &p->addr) ||
		  nla_put_u8(msg, NAT64_A_PREFIX6_LEN, p->len)))
		goto nomem;
	return msg;
nomem:
	nlmsg_free(msg);
	nat64_nl_set_error(nl, -ENOMEM, "%s", strerror(ENOMEM));
	return NULL;
}

static int change(struct nat64_nl *nl, uint8_t cmd, const char *instance,
		  const struct nat64_prefix6 *p)
{
	struct nl_msg *msg = prefix_request(nl, cmd, 0, instance, p);

	if (!msg)
		return nl->error;
	return nat64_nl_doit(nl, msg, NULL, NULL);
}

int nat64_prefix_add(struct nat64_nl *nl, const char *instance,
		     const struct nat64_prefix6 *p)
{
	return change(nl, NAT64_CMD_PREFIX_ADD, instance, p);
}

int nat64_prefix_del(struct nat64_nl *nl, const char *instance,
		     const struct nat64_prefix6 *p)
{
	return change(nl, NAT64_CMD_PREFIX_DEL, instance, p);
}

struct dump_ctx {
	struct nat64_nl *nl;
	struct nat64_prefix_list *list;
};

/*
 * The netlink client's reply policy does not know the prefix attributes
 * (it lets them through unchecked): their sizes are checked here.
 */
static int decode(struct nat64_nl *nl, struct nlattr **tb,
		  struct nat64_prefix6 *p)
{
	struct nlattr *a = tb[NAT64_A_PREFIX6], *l = tb[NAT64_A_PREFIX6_LEN];

	if (!a || !l || nla_len(a) != sizeof(p->addr) || nla_len(l) < 1)
		return nat64_nl_set_error(nl, -EBADMSG,
					  "the kernel sent a prefix we cannot read (%s)",
					  strerror(EBADMSG));
	memset(p, 0, sizeof(*p));
	memcpy(&p->addr, nla_data(a), sizeof(p->addr));
	p->len = nla_get_u8(l);
	return 0;
}

static int dump_reply(struct nlattr **tb, uint8_t cmd, void *arg)
{
	struct dump_ctx *ctx = arg;
	struct nat64_prefix_list *l = ctx->list;
	void *v;

	(void)cmd;
	v = nat64_nl_grow(l->v, &l->cap, l->n, sizeof(*l->v), 16);
	if (!v)
		return -ENOMEM;
	l->v = v;
	if (decode(ctx->nl, tb, &l->v[l->n]))
		return ctx->nl->error;
	l->n++;
	return 0;
}

static void dump_restart(void *arg)
{
	struct dump_ctx *ctx = arg;

	ctx->list->n = 0;
}

int nat64_prefix_dump(struct nat64_nl *nl, const char *instance,
		      struct nat64_prefix_list *out)
{
	struct dump_ctx ctx = { .nl = nl, .list = out };
	struct nl_msg *msg;

	memset(out, 0, sizeof(*out));
	msg = prefix_request(nl, NAT64_CMD_PREFIX_GET, NLM_F_DUMP, instance,
			     NULL);
	if (!msg)
		return nl->error;
	return nat64_nl_dump(nl, msg, dump_reply, dump_restart, &ctx);
}

void nat64_prefix_list_free(struct nat64_prefix_list *list)
{
	free(list->v);
	memset(list, 0, sizeof(*list));
}

const struct nat64_prefix6 *
nat64_prefix_find(const struct nat64_prefix_list *list,
		  const struct in6_addr *a)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		if (nat64_prefix6_contains(&list->v[i], a))
			return &list->v[i];
	return NULL;
}
