// SPDX-License-Identifier: GPL-2.0-only
/*
 * Instance requests over a netlink session.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "instance.h"

/* The name is copied as the kernel sent it; the policy bounded its size. */
static int decode(struct nat64_nl *nl, struct nlattr **tb,
		  struct nat64_instance_info *info)
{
	struct nlattr *a;
	int rem;

	memset(info, 0, sizeof(*info));
	if (!tb[NAT64_A_INSTANCE] || !tb[NAT64_A_MODE])
		return nat64_nl_set_error(nl, -EBADMSG,
					  "the kernel sent an instance without a name or mode (%s)",
					  strerror(EBADMSG));
	nla_strlcpy(info->name, tb[NAT64_A_INSTANCE], sizeof(info->name));
	info->mode = nla_get_u8(tb[NAT64_A_MODE]);
	if (tb[NAT64_A_INSTANCE_ID]) {
		info->has_id = true;
		info->id = nla_get_u32(tb[NAT64_A_INSTANCE_ID]);
	}
	if (tb[NAT64_A_FRAMEWORK]) {
		info->has_framework = true;
		info->framework = nla_get_u8(tb[NAT64_A_FRAMEWORK]);
	}
	if (!tb[NAT64_A_STATS])
		return 0;
	info->has_stats = true;
	nla_for_each_nested(a, tb[NAT64_A_STATS], rem) {
		struct nat64_counter *c;

		/* Padding, and anything not a u64: a newer kernel's business. */
		if (nla_type(a) <= NAT64_STAT_PAD || nla_len(a) != sizeof(uint64_t))
			continue;
		if (info->n_counters == NAT64_COUNTERS_MAX)
			break;
		c = &info->counters[info->n_counters++];
		c->id = nla_type(a);
		c->value = nla_get_u64(a);
	}
	return 0;
}

static struct nl_msg *named_request(struct nat64_nl *nl, uint8_t cmd,
				    const char *name)
{
	struct nl_msg *msg = nat64_nl_request(nl, cmd, 0);

	if (msg && nla_put_string(msg, NAT64_A_INSTANCE, name)) {
		nlmsg_free(msg);
		nat64_nl_set_error(nl, -ENOMEM, "%s", strerror(ENOMEM));
		return NULL;
	}
	return msg;
}

int nat64_instance_add(struct nat64_nl *nl, const char *name,
		       enum nat64_mode mode, enum nat64_framework fw)
{
	struct nl_msg *msg = named_request(nl, NAT64_CMD_INSTANCE_NEW, name);

	if (!msg)
		return nl->error;
	if (nla_put_u8(msg, NAT64_A_MODE, mode) ||
	    nla_put_u8(msg, NAT64_A_FRAMEWORK, fw)) {
		nlmsg_free(msg);
		return nat64_nl_set_error(nl, -ENOMEM, "%s", strerror(ENOMEM));
	}
	return nat64_nl_doit(nl, msg, NULL, NULL);
}

int nat64_instance_del(struct nat64_nl *nl, const char *name)
{
	struct nl_msg *msg = named_request(nl, NAT64_CMD_INSTANCE_DEL, name);

	if (!msg)
		return nl->error;
	return nat64_nl_doit(nl, msg, NULL, NULL);
}

struct get_ctx {
	struct nat64_nl *nl;
	struct nat64_instance_info *info;
	bool seen;
};

static int get_reply(struct nlattr **tb, uint8_t cmd, void *arg)
{
	struct get_ctx *ctx = arg;

	(void)cmd;
	ctx->seen = true;
	return decode(ctx->nl, tb, ctx->info);
}

int nat64_instance_get(struct nat64_nl *nl, const char *name, bool stats,
		       struct nat64_instance_info *out)
{
	uint8_t cmd = stats ? NAT64_CMD_STATS_GET : NAT64_CMD_INSTANCE_GET;
	struct get_ctx ctx = { .nl = nl, .info = out };
	struct nl_msg *msg = named_request(nl, cmd, name);
	int err;

	if (!msg)
		return nl->error;
	err = nat64_nl_doit(nl, msg, get_reply, &ctx);
	if (!err && !ctx.seen)
		err = nat64_nl_set_error(nl, -EBADMSG,
					 "the kernel acknowledged without a reply (%s)",
					 strerror(EBADMSG));
	return err;
}

struct dump_ctx {
	struct nat64_nl *nl;
	struct nat64_instance_list *list;
};

static int dump_reply(struct nlattr **tb, uint8_t cmd, void *arg)
{
	struct dump_ctx *ctx = arg;
	struct nat64_instance_list *l = ctx->list;
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

int nat64_instance_dump(struct nat64_nl *nl, bool stats,
			struct nat64_instance_list *out)
{
	uint8_t cmd = stats ? NAT64_CMD_STATS_GET : NAT64_CMD_INSTANCE_GET;
	struct dump_ctx ctx = { .nl = nl, .list = out };
	struct nl_msg *msg = nat64_nl_request(nl, cmd, NLM_F_DUMP);

	memset(out, 0, sizeof(*out));
	if (!msg)
		return nl->error;
	return nat64_nl_dump(nl, msg, dump_reply, dump_restart, &ctx);
}

void nat64_instance_list_free(struct nat64_instance_list *list)
{
	free(list->v);
	memset(list, 0, sizeof(*list));
}
