// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64: a NAT64/NAT46/SIIT/DS-Lite translator in Netfilter.
 *
 * Module init and exit. Exit mirrors init line for line.
 */
#include <linux/module.h>
#include <net/genetlink.h>

#include "instance.h"
#include "netlink.h"
#include "state.h"
#include "xt.h"

static int __init nat64_init(void)
{
	int err;

	err = nat64_state_module_init();
	if (err)
		return err;
	err = nat64_instance_init();
	if (err)
		goto err_state;
	err = nat64_xt_init();
	if (err)
		goto err_instance;
	err = nat64_netlink_init();
	if (err)
		goto err_xt;
	return 0;

err_xt:
	nat64_xt_exit();
err_instance:
	nat64_instance_exit();
err_state:
	nat64_state_module_exit();
	return err;
}

static void __exit nat64_exit(void)
{
	nat64_netlink_exit();
	nat64_xt_exit();
	nat64_instance_exit();
	nat64_state_module_exit();
}

module_init(nat64_init);
module_exit(nat64_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Stateless and stateful IPv6/IPv4 translator (SIIT, NAT64, NAT46, DS-Lite)");
MODULE_ALIAS_GENL_FAMILY(NAT64_GENL_NAME);
