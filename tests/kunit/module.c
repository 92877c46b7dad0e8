// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64_test.ko: the KUnit suites of tests/kunit/, linked with src/.
 * The suites run when the module is loaded (scripts/kunit collects them).
 */
#include <linux/module.h>

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit suites of the nat64 translator");
