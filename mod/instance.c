// SPDX-License-Identifier: GPL-2.0-only
/*
 * Instances: named translators, per network namespace.
 *
 * Each network namespace holds a list of instances. Writers hold
 * nat64_pernet.lock; the packet path (and dumps) read the list under RCU.
 * Freeing waits for a grace period, so a reader never sees a freed
 * instance. Namespace exit and module unload tear down whatever is left.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include <net/netns/generic.h>

#include "addr4set.h"
#include "eam.h"
#include "hook.h"
#include "core.h"
#include "instance.h"
#include "pool6.h"
#include "route.h"
#include "state.h"

static unsigned int nat64_net_id __read_mostly;

static const char *const mode_names[] = {
	[NAT64_MODE_SIIT] = "siit",
	[NAT64_MODE_NAT64] = "nat64",
	[NAT64_MODE_NAT46] = "nat46",
	[NAT64_MODE_DSLITE] = "dslite",
};

const char *nat64_mode_name(enum nat64_mode mode)
{
	if (mode <= NAT64_MODE_UNSPEC || mode > NAT64_MODE_MAX)
		return "unknown";
	return mode_names[mode];
}

struct nat64_pernet *nat64_pernet(const struct net *net)
{
	return net_generic(net, nat64_net_id);
}

/*
 * Holds pn->lock. Dumps compare generations; netlink takes 0 as "not set",
 * so the generation skips it.
 */
void nat64_pernet_changed(struct nat64_pernet *pn)
{
	if (!++pn->gen)
		pn->gen = 1;
}

/* 1 to NAT64_INSTANCE_NAMSIZ - 1 characters of [A-Za-z0-9_.-]. */
bool nat64_instance_name_valid(const char *name)
{
	size_t i, len = strnlen(name, NAT64_INSTANCE_NAMSIZ);

	if (len == 0 || len >= NAT64_INSTANCE_NAMSIZ)
		return false;
	for (i = 0; i < len; i++) {
		char c = name[i];

		/* Explicit ranges: the kernel's isalnum() takes Latin-1 too. */
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      c == '-'))
			return false;
	}
	return true;
}

/* Caller holds rcu_read_lock() or pn->lock. */
struct nat64_instance *nat64_instance_find_rcu(struct nat64_pernet *pn,
					       const char *name)
{
	struct nat64_instance *inst;

	list_for_each_entry_rcu(inst, &pn->instances, list,
				lockdep_is_held(&pn->lock))
		if (!strcmp(inst->name, name))
			return inst;
	return NULL;
}

static void instance_free(struct nat64_instance *inst)
{
	nat64_addr4set_free(&inst->deny);
	nat64_addr4set_free(&inst->pool6791);
	kfree(rcu_dereference_protected(inst->globals, 1));
	nat64_pool6_free(inst);
	nat64_eam_free(inst->eam);
	nat64_route_cache_free(inst->routes);
	nat64_stats_free(&inst->stats);
	kfree(inst);
}

static void instance_free_rcu(struct rcu_head *head)
{
	instance_free(container_of(head, struct nat64_instance, rcu));
}

/*
 * Process context, holds pn->lock. On success the instance is visible to
 * readers and *out points to it (valid while pn->lock is held).
 */
int nat64_instance_setup(struct net *net, struct nat64_pernet *pn,
			 const char *name, enum nat64_mode mode,
			 enum nat64_framework framework,
			 struct netlink_ext_ack *extack,
			 struct nat64_instance **out)
{
	struct nat64_instance *inst;
	struct nat64_globals *g;
	int err;

	lockdep_assert_held(&pn->lock);
	if (nat64_instance_find_rcu(pn, name)) {
		NL_SET_ERR_MSG(extack, "an instance of that name exists");
		return -EEXIST;
	}
	if (pn->count >= NAT64_INSTANCES_MAX) {
		NL_SET_ERR_MSG(extack, "too many instances in this namespace");
		return -ENOSPC;
	}
	inst = kzalloc(sizeof(*inst), GFP_KERNEL);
	if (!inst)
		return -ENOMEM;
	if (nat64_stats_alloc(&inst->stats, GFP_KERNEL)) {
		kfree(inst);
		return -ENOMEM;
	}
	inst->eam = nat64_eam_alloc(&pn->lock);
	if (!inst->eam) {
		nat64_stats_free(&inst->stats);
		kfree(inst);
		return -ENOMEM;
	}
	inst->routes = nat64_route_cache_alloc();
	g = kzalloc(sizeof(*g), GFP_KERNEL);
	if (!g || !inst->routes) {
		kfree(g);
		instance_free(inst);
		return -ENOMEM;
	}
	*g = (struct nat64_globals) {
		.lowest_ipv6_mtu = 1280,
		.udp0 = NAT64_UDP0_POLICY_COMPUTE,
		.hairpin = NAT64_HAIRPIN_INTRINSIC,
		.mtu_plateaus = true,
		.drop_icmp = true,
		.udp_timeout = 300,
		.tcp_est_timeout = 7440,
		.tcp_trans_timeout = 240,
		.tcp_init_timeout = 240,
		.app = NAT64_APP_STRICT,
		.icmp_timeout = 60,
		.filtering = NAT64_FILTER_EIF,
		.max_sessions = 1048576,
		.sub_len = 56,
		.sub_max_ports = 8192,
		.sub_max_sessions = 16384,
		.pba_size = 1024,
		.pba_hold = 60,
	};
	nat64_globals_derive(g);
	RCU_INIT_POINTER(inst->globals, g);
	strscpy(inst->name, name, sizeof(inst->name));
	inst->mode = mode;
	inst->framework = framework;
	inst->net = net;
	if (mode == NAT64_MODE_NAT64) {
		err = nat64_state_init(inst);
		if (err) {
			instance_free(inst);
			return err;
		}
	}
	err = nat64_hook_setup(inst);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot register the netfilter hooks");
		nat64_state_free(inst);
		instance_free(inst);
		return err;
	}
	inst->id = ++pn->next_id;
	list_add_tail_rcu(&inst->list, &pn->instances);
	pn->count++;
	nat64_pernet_changed(pn);
	*out = inst;
	return 0;
}

/* Process context, holds pn->lock. Readers may still see inst until the
 * grace period ends; it is freed after that.
 */
void nat64_instance_teardown(struct nat64_pernet *pn,
			     struct nat64_instance *inst)
{
	lockdep_assert_held(&pn->lock);
	/* No packet enters the instance after this (it waits for them). */
	nat64_hook_teardown(inst);
	list_del_rcu(&inst->list);
	pn->count--;
	nat64_pernet_changed(pn);
	/* the xtables target may still hold it: wait for that */
	synchronize_rcu();
	/* its routes go now, before the namespace's own can (netns exit) */
	nat64_route_cache_flush(inst->routes);
	if (inst->state)
		nat64_state_free(inst);
	call_rcu(&inst->rcu, instance_free_rcu);
}

static int __net_init nat64_net_init(struct net *net)
{
	struct nat64_pernet *pn = nat64_pernet(net);

	mutex_init(&pn->lock);
	INIT_LIST_HEAD(&pn->instances);
	pn->gen = 1;
	return 0;
}

/* Process context: the namespace is going away, or the module is. */
static void __net_exit nat64_net_exit(struct net *net)
{
	struct nat64_pernet *pn = nat64_pernet(net);
	struct nat64_instance *inst, *tmp;

	mutex_lock(&pn->lock);
	list_for_each_entry_safe(inst, tmp, &pn->instances, list)
		nat64_instance_teardown(pn, inst);
	mutex_unlock(&pn->lock);
	mutex_destroy(&pn->lock);
}

static struct pernet_operations nat64_net_ops = {
	.init = nat64_net_init,
	.exit = nat64_net_exit,
	.id = &nat64_net_id,
	.size = sizeof(struct nat64_pernet),
};

int nat64_instance_init(void)
{
	return register_pernet_subsys(&nat64_net_ops);
}

/* Tears down every instance of every namespace, then waits for the frees. */
void nat64_instance_exit(void)
{
	unregister_pernet_subsys(&nat64_net_ops);
	rcu_barrier();
}
