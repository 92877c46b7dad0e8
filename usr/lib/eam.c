// SPDX-License-Identifier: GPL-2.0-only
/*
 * EAM requests over a netlink session.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "eam.h"

/* NAT64_A_INSTANCE and the halves of m that which names. */
static struct nl_msg *eam_request(struct nat64_nl *nl, uint8_t cmd, int flags,
				  const char *instance,
				  const struct nat64_eam_map *m,
				  unsigned int which)
{
	struct nl_msg *msg = nat64_nl_request(nl, cmd, flags);

	if (!msg)
		return NULL;
	if (nla_put_string(msg, NAT64_A_INSTANCE, instance))
		goto nomem;
	if ((which & NAT64_EAM_MAP_V4) &&
	    (nla_put(msg, NAT64_A_PREFIX4, sizeof(m->p4), &m->p4) ||
	     nla_put_u8(msg, NAT64_A_PREFIX4_LEN, m->l4)))
		goto nomem;
	if ((which & NAT64_EAM_MAP_V6) &&
	    (nla_put(msg, NAT64_A_PREFIX6, sizeof(m->p6), &m->p6) ||
	     nla_put_u8(msg, NAT64_A_PREFIX6_LEN, m->l6)))
		goto nomem;
	return msg;
nomem:
	nlmsg_free(msg);
	nat64_nl_set_error(nl, -ENOMEM, "%s", strerror(ENOMEM));
	return NULL;
}

static int doit(struct nat64_nl *nl, uint8_t cmd, const char *instance,
		const struct nat64_eam_map *m, unsigned int which)
{
	struct nl_msg *msg = eam_request(nl, cmd, 0, instance, m, which);

	if (!msg)
		return nl->error;
	return nat64_nl_doit(nl, msg, NULL, NULL);
}

int nat64_eam_add(struct nat64_nl *nl, const char *instance,
		  const struct nat64_eam_map *m)
{
	return doit(nl, NAT64_CMD_EAM_ADD, instance, m,
		    NAT64_EAM_MAP_V4 | NAT64_EAM_MAP_V6);
}

int nat64_eam_del(struct nat64_nl *nl, const char *instance,
		  const struct nat64_eam_map *m, unsigned int which)
{
	return doit(nl, NAT64_CMD_EAM_DEL, instance, m, which);
}

int nat64_eam_flush(struct nat64_nl *nl, const char *instance)
{
	return doit(nl, NAT64_CMD_EAM_FLUSH, instance, NULL, 0);
}

struct dump_ctx {
	struct nat64_nl *nl;
	struct nat64_eam_list *list;
};

/*
 * The netlink client's reply policy does not know the prefix attributes
 * (it lets them through unchecked): their sizes are checked here.
 */
static int decode(struct nat64_nl *nl, struct nlattr **tb,
		  struct nat64_eam_map *m)
{
	struct nlattr *a4 = tb[NAT64_A_PREFIX4], *l4 = tb[NAT64_A_PREFIX4_LEN];
	struct nlattr *a6 = tb[NAT64_A_PREFIX6], *l6 = tb[NAT64_A_PREFIX6_LEN];

	if (!a4 || !l4 || !a6 || !l6 || nla_len(a4) != sizeof(m->p4) ||
	    nla_len(a6) != sizeof(m->p6) || nla_len(l4) < 1 || nla_len(l6) < 1)
		return nat64_nl_set_error(nl, -EBADMSG,
					  "the kernel sent an EAM entry we cannot read (%s)",
					  strerror(EBADMSG));
	memset(m, 0, sizeof(*m));
	memcpy(&m->p4, nla_data(a4), sizeof(m->p4));
	m->l4 = nla_get_u8(l4);
	memcpy(&m->p6, nla_data(a6), sizeof(m->p6));
	m->l6 = nla_get_u8(l6);
	return 0;
}

static int dump_reply(struct nlattr **tb, uint8_t cmd, void *arg)
{
	struct dump_ctx *ctx = arg;
	struct nat64_eam_list *l = ctx->list;
	void *v;

	(void)cmd;
	v = nat64_nl_grow(l->v, &l->cap, l->n, sizeof(*l->v), 64);
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

int nat64_eam_dump(struct nat64_nl *nl, const char *instance,
		   struct nat64_eam_list *out)
{
	struct dump_ctx ctx = { .nl = nl, .list = out };
	struct nl_msg *msg;

	memset(out, 0, sizeof(*out));
	msg = eam_request(nl, NAT64_CMD_EAM_GET, NLM_F_DUMP, instance, NULL, 0);
	if (!msg)
		return nl->error;
	return nat64_nl_dump(nl, msg, dump_reply, dump_restart, &ctx);
}

void nat64_eam_list_free(struct nat64_eam_list *list)
{
	free(list->v);
	memset(list, 0, sizeof(*list));
}
