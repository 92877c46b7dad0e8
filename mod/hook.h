/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Netfilter hooks of an instance.
 */
#ifndef NAT64_HOOK_H
#define NAT64_HOOK_H

struct nat64_instance;

int nat64_hook_setup(struct nat64_instance *inst);
void nat64_hook_teardown(struct nat64_instance *inst);

#endif /* NAT64_HOOK_H */
