/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The checks of nat64d's host tests, one line each: "ok N - what" or
 * "not ok N - what" (scripts/check counts them). A test's exit status is
 * failed != 0.
 */
#ifndef NAT64D_TEST_TAP_H
#define NAT64D_TEST_TAP_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static int checks, failed;

static void __attribute__((format(printf, 2, 3), unused))
check(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", ok ? "" : "not ", ++checks);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	failed += !ok;
}

#endif /* NAT64D_TEST_TAP_H */
