/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lets the translation logic in src/ build both inside the kernel and in
 * host programs (KUnit shim, fuzzers, benchmarks). Kernel-version #ifs, if
 * ever needed, belong here and nowhere else.
 */
#ifndef NAT64_COMPAT_H
#define NAT64_COMPAT_H

#ifdef __KERNEL__

#include <linux/types.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <asm/byteorder.h>

#else /* host */

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef uint16_t __be16;
typedef uint32_t __be32;

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define __force

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

#endif /* __KERNEL__ */

#endif /* NAT64_COMPAT_H */
