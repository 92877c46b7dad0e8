/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host stand-in for the kernel's <kunit/test.h> (Linux 6.1 API subset), so
 * that tests/kunit/ *_test.c build unchanged as a host program. main.c runs
 * the registered suites and prints KTAP v1 like the kernel does.
 *
 * Every comparison is real: both operands are evaluated once, compared with
 * the operator of the macro, and a failure prints file:line and both values.
 * KUNIT_ASSERT_* and kunit_skip() end the case with a longjmp.
 */
#ifndef NAT64_HOST_KUNIT_TEST_H
#define NAT64_HOST_KUNIT_TEST_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KUNIT_PARAM_DESC_SIZE		128
#define KUNIT_STATUS_COMMENT_SIZE	256

enum kunit_status {
	KUNIT_SUCCESS,
	KUNIT_FAILURE,
	KUNIT_SKIPPED,
};

struct kunit_shim_alloc;

struct kunit {
	void *priv;
	const char *name;
	const void *param_value;
	int param_index;
	enum kunit_status status;
	char status_comment[KUNIT_STATUS_COMMENT_SIZE];
	/* private to the shim */
	jmp_buf *abort_to;
	struct kunit_shim_alloc *allocs;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	const void *(*generate_params)(const void *prev, char *desc);
	enum kunit_status status;
};

struct kunit_suite {
	const char name[256];
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
	char status_comment[KUNIT_STATUS_COMMENT_SIZE];
};

/* Implemented in tests/host/main.c. */
void kunit_shim_register(struct kunit_suite **suites);
void kunit_shim_report(struct kunit *test, const char *file, int line,
		       bool assert, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void kunit_shim_msg(struct kunit *test, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void kunit_shim_skip(struct kunit *test, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void kunit_shim_end(struct kunit *test, bool assert);
void *kunit_kmalloc(struct kunit *test, size_t size, unsigned int gfp);
void kunit_kfree(struct kunit *test, const void *ptr);

/* Registration: a constructor hands the suites to main.c. */
#define __kunit_shim_suites3(id, ...)					\
	static struct kunit_suite *kunit_shim_suites_##id[] = {		\
		__VA_ARGS__, NULL };					\
	static void __attribute__((constructor))			\
	kunit_shim_ctor_##id(void)					\
	{								\
		kunit_shim_register(kunit_shim_suites_##id);		\
	}
#define __kunit_shim_suites2(id, ...) __kunit_shim_suites3(id, __VA_ARGS__)
#define kunit_test_suites(...) __kunit_shim_suites2(__COUNTER__, __VA_ARGS__)
#define kunit_test_suite(suite) kunit_test_suites(&(suite))

#define KUNIT_CASE(test_name) { .run_case = test_name, .name = #test_name }
#define KUNIT_CASE_PARAM(test_name, gen_params)				\
	{ .run_case = test_name, .name = #test_name,			\
	  .generate_params = gen_params }

#define KUNIT_ARRAY_PARAM(name, array, get_desc)			\
	static const void *name##_gen_params(const void *prev, char *desc) \
	{								\
		typeof((array)[0]) *__next = prev ?			\
			((typeof(__next))prev) + 1 : (array);		\
		if ((size_t)(__next - (array)) < ARRAY_SIZE((array))) {	\
			void (*__get_desc)(typeof(__next), char *) = get_desc; \
			if (__get_desc)					\
				__get_desc(__next, desc);		\
			return __next;					\
		}							\
		return NULL;						\
	}

/* Things the kernel header pulls in that tests commonly rely on. */
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
#ifndef GFP_KERNEL
#define GFP_KERNEL	0U
#endif
#ifndef MODULE_LICENSE
#define MODULE_LICENSE(x)
#define MODULE_DESCRIPTION(x)
#define MODULE_AUTHOR(x)
#endif

static inline void *kunit_kzalloc(struct kunit *test, size_t size,
				  unsigned int gfp)
{
	void *p = kunit_kmalloc(test, size, gfp);

	if (p)
		memset(p, 0, size);
	return p;
}

static inline void *kunit_kcalloc(struct kunit *test, size_t n, size_t size,
				  unsigned int gfp)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	return kunit_kzalloc(test, n * size, gfp);
}

#define kunit_info(test, fmt, ...) kunit_shim_msg(test, fmt, ##__VA_ARGS__)
#define kunit_warn(test, fmt, ...) kunit_shim_msg(test, fmt, ##__VA_ARGS__)
#define kunit_err(test, fmt, ...)  kunit_shim_msg(test, fmt, ##__VA_ARGS__)

#define kunit_mark_skipped(test, fmt, ...)				\
	kunit_shim_skip(test, fmt, ##__VA_ARGS__)
#define kunit_skip(test, fmt, ...)					\
	do {								\
		kunit_shim_skip(test, fmt, ##__VA_ARGS__);		\
		kunit_shim_end(test, true);				\
	} while (0)

/* Generic failure: report, optional user message, maybe abort. */
#define __KS_FAIL(test, assert, msg, fmt, ...)			\
	do {								\
		kunit_shim_report(test, __FILE__, __LINE__, assert,	\
				  fmt, ##__VA_ARGS__);			\
		msg;							\
		kunit_shim_end(test, assert);				\
	} while (0)

#define __KS_NOMSG (void)0
#define __KS_MSG(test, fmt, ...) kunit_shim_msg(test, fmt, ##__VA_ARGS__)

#define __KS_INT(test, assert, left, op, right, ltxt, rtxt, msg) \
	do {								\
		const typeof(left) __l = (left);			\
		const typeof(right) __r = (right);			\
		bool __ok;						\
		_Pragma("GCC diagnostic push")				\
		_Pragma("GCC diagnostic ignored \"-Wsign-compare\"")	\
		_Pragma("GCC diagnostic ignored \"-Wtype-limits\"")	\
		__ok = __l op __r;					\
		_Pragma("GCC diagnostic pop")				\
		if (!__ok)						\
			__KS_FAIL(test, assert, msg,		\
				"Expected %s %s %s, but\n"		\
				"    %s == %lld (0x%llx)\n"		\
				"    %s == %lld (0x%llx)",		\
				ltxt, #op, rtxt,			\
				ltxt, (long long)__l,			\
				(unsigned long long)__l,		\
				rtxt, (long long)__r,			\
				(unsigned long long)__r);		\
	} while (0)

#define __KS_PTR(test, assert, left, op, right, ltxt, rtxt, msg) \
	do {								\
		const void *__l = (left);				\
		const void *__r = (right);				\
		if (!(__l op __r))					\
			__KS_FAIL(test, assert, msg,		\
				"Expected %s %s %s, but\n"		\
				"    %s == %p\n    %s == %p",		\
				ltxt, #op, rtxt,			\
				ltxt, __l, rtxt, __r);		\
	} while (0)

#define __KS_STR(test, assert, left, op, right, ltxt, rtxt, msg) \
	do {								\
		const char *__l = (left);				\
		const char *__r = (right);				\
		bool __ok = __l && __r && strcmp(__l, __r) op 0;	\
		if (!__ok)						\
			__KS_FAIL(test, assert, msg,		\
				"Expected %s %s %s, but\n"		\
				"    %s == \"%s\"\n    %s == \"%s\"",	\
				ltxt, #op, rtxt,			\
				ltxt, __l ? __l : "(null)",		\
				rtxt, __r ? __r : "(null)");		\
	} while (0)

#define __KS_BOOL(test, assert, cond, want, ctxt, msg)		\
	do {								\
		if ((bool)(cond) != (want))					\
			__KS_FAIL(test, assert, msg,		\
				"Expected %s to be %s, but is %s",	\
				ctxt, (want) ? "true" : "false",	\
				(want) ? "false" : "true");		\
	} while (0)

#define __KS_NULL(test, assert, ptr, want_null, ptxt, msg)		\
	do {								\
		const void *__p = (ptr);				\
		if ((bool)!__p != (want_null))			\
			__KS_FAIL(test, assert, msg,		\
				"Expected %s %s NULL, but\n    %s == %p", \
				ptxt, (want_null) ? "==" : "!=",	\
				ptxt, __p);				\
	} while (0)

#define __KS_NOT_ERR_OR_NULL(test, assert, ptr, ptxt, msg)		\
	do {								\
		const void *__p = (ptr);				\
		if (!__p || (uintptr_t)__p >= (uintptr_t)-4095)		\
			__KS_FAIL(test, assert, msg,		\
				"Expected %s is not error or NULL, but\n" \
				"    %s == %p", ptxt, ptxt, __p);	\
	} while (0)

#define KUNIT_SUCCEED(test) do { (void)(test); } while (0)
#define KUNIT_FAIL(test, fmt, ...)					\
	__KS_FAIL(test, false,					\
			  __KS_MSG(test, fmt, ##__VA_ARGS__), "Failure")
#define KUNIT_ASSERT_FAILURE(test, fmt, ...)				\
	__KS_FAIL(test, true,					\
			  __KS_MSG(test, fmt, ##__VA_ARGS__), "Failure")

#define KUNIT_EXPECT_EQ(t, a, b) \
	__KS_INT(t, false, a, ==, b, #a, #b, __KS_NOMSG)
#define KUNIT_EXPECT_NE(t, a, b) \
	__KS_INT(t, false, a, !=, b, #a, #b, __KS_NOMSG)
#define KUNIT_EXPECT_LT(t, a, b) \
	__KS_INT(t, false, a, <, b, #a, #b, __KS_NOMSG)
#define KUNIT_EXPECT_LE(t, a, b) \
	__KS_INT(t, false, a, <=, b, #a, #b, __KS_NOMSG)
#define KUNIT_EXPECT_GT(t, a, b) \
	__KS_INT(t, false, a, >, b, #a, #b, __KS_NOMSG)
#define KUNIT_EXPECT_GE(t, a, b) \
	__KS_INT(t, false, a, >=, b, #a, #b, __KS_NOMSG)
#define KUNIT_EXPECT_PTR_EQ(t, a, b) \
	__KS_PTR(t, false, a, ==, b, #a, #b, __KS_NOMSG)
#define KUNIT_EXPECT_PTR_NE(t, a, b) \
	__KS_PTR(t, false, a, !=, b, #a, #b, __KS_NOMSG)
#define KUNIT_EXPECT_STREQ(t, a, b) \
	__KS_STR(t, false, a, ==, b, #a, #b, __KS_NOMSG)
#define KUNIT_EXPECT_STRNEQ(t, a, b) \
	__KS_STR(t, false, a, !=, b, #a, #b, __KS_NOMSG)
#define KUNIT_EXPECT_TRUE(t, c) \
	__KS_BOOL(t, false, c, true, #c, __KS_NOMSG)
#define KUNIT_EXPECT_FALSE(t, c) \
	__KS_BOOL(t, false, c, false, #c, __KS_NOMSG)
#define KUNIT_EXPECT_NULL(t, p) \
	__KS_NULL(t, false, p, true, #p, __KS_NOMSG)
#define KUNIT_EXPECT_NOT_NULL(t, p) \
	__KS_NULL(t, false, p, false, #p, __KS_NOMSG)
#define KUNIT_EXPECT_NOT_ERR_OR_NULL(t, p) \
	__KS_NOT_ERR_OR_NULL(t, false, p, #p, __KS_NOMSG)

#define KUNIT_ASSERT_EQ(t, a, b) \
	__KS_INT(t, true, a, ==, b, #a, #b, __KS_NOMSG)
#define KUNIT_ASSERT_NE(t, a, b) \
	__KS_INT(t, true, a, !=, b, #a, #b, __KS_NOMSG)
#define KUNIT_ASSERT_LT(t, a, b) \
	__KS_INT(t, true, a, <, b, #a, #b, __KS_NOMSG)
#define KUNIT_ASSERT_LE(t, a, b) \
	__KS_INT(t, true, a, <=, b, #a, #b, __KS_NOMSG)
#define KUNIT_ASSERT_GT(t, a, b) \
	__KS_INT(t, true, a, >, b, #a, #b, __KS_NOMSG)
#define KUNIT_ASSERT_GE(t, a, b) \
	__KS_INT(t, true, a, >=, b, #a, #b, __KS_NOMSG)
#define KUNIT_ASSERT_PTR_EQ(t, a, b) \
	__KS_PTR(t, true, a, ==, b, #a, #b, __KS_NOMSG)
#define KUNIT_ASSERT_PTR_NE(t, a, b) \
	__KS_PTR(t, true, a, !=, b, #a, #b, __KS_NOMSG)
#define KUNIT_ASSERT_STREQ(t, a, b) \
	__KS_STR(t, true, a, ==, b, #a, #b, __KS_NOMSG)
#define KUNIT_ASSERT_STRNEQ(t, a, b) \
	__KS_STR(t, true, a, !=, b, #a, #b, __KS_NOMSG)
#define KUNIT_ASSERT_TRUE(t, c) \
	__KS_BOOL(t, true, c, true, #c, __KS_NOMSG)
#define KUNIT_ASSERT_FALSE(t, c) \
	__KS_BOOL(t, true, c, false, #c, __KS_NOMSG)
#define KUNIT_ASSERT_NULL(t, p) \
	__KS_NULL(t, true, p, true, #p, __KS_NOMSG)
#define KUNIT_ASSERT_NOT_NULL(t, p) \
	__KS_NULL(t, true, p, false, #p, __KS_NOMSG)
#define KUNIT_ASSERT_NOT_ERR_OR_NULL(t, p) \
	__KS_NOT_ERR_OR_NULL(t, true, p, #p, __KS_NOMSG)

#define KUNIT_EXPECT_EQ_MSG(t, a, b, ...) \
	__KS_INT(t, false, a, ==, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_EXPECT_NE_MSG(t, a, b, ...) \
	__KS_INT(t, false, a, !=, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_EXPECT_LT_MSG(t, a, b, ...) \
	__KS_INT(t, false, a, <, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_EXPECT_LE_MSG(t, a, b, ...) \
	__KS_INT(t, false, a, <=, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_EXPECT_GT_MSG(t, a, b, ...) \
	__KS_INT(t, false, a, >, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_EXPECT_GE_MSG(t, a, b, ...) \
	__KS_INT(t, false, a, >=, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_EXPECT_PTR_EQ_MSG(t, a, b, ...) \
	__KS_PTR(t, false, a, ==, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_EXPECT_PTR_NE_MSG(t, a, b, ...) \
	__KS_PTR(t, false, a, !=, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_EXPECT_STREQ_MSG(t, a, b, ...) \
	__KS_STR(t, false, a, ==, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_EXPECT_STRNEQ_MSG(t, a, b, ...) \
	__KS_STR(t, false, a, !=, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_EXPECT_TRUE_MSG(t, c, ...) \
	__KS_BOOL(t, false, c, true, #c, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_EXPECT_FALSE_MSG(t, c, ...) \
	__KS_BOOL(t, false, c, false, #c, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_EXPECT_NULL_MSG(t, p, ...) \
	__KS_NULL(t, false, p, true, #p, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_EXPECT_NOT_NULL_MSG(t, p, ...) \
	__KS_NULL(t, false, p, false, #p, __KS_MSG(t, __VA_ARGS__))

#define KUNIT_ASSERT_EQ_MSG(t, a, b, ...) \
	__KS_INT(t, true, a, ==, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_ASSERT_NE_MSG(t, a, b, ...) \
	__KS_INT(t, true, a, !=, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_ASSERT_LT_MSG(t, a, b, ...) \
	__KS_INT(t, true, a, <, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_ASSERT_LE_MSG(t, a, b, ...) \
	__KS_INT(t, true, a, <=, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_ASSERT_GT_MSG(t, a, b, ...) \
	__KS_INT(t, true, a, >, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_ASSERT_GE_MSG(t, a, b, ...) \
	__KS_INT(t, true, a, >=, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_ASSERT_STREQ_MSG(t, a, b, ...) \
	__KS_STR(t, true, a, ==, b, #a, #b, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_ASSERT_TRUE_MSG(t, c, ...) \
	__KS_BOOL(t, true, c, true, #c, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_ASSERT_FALSE_MSG(t, c, ...) \
	__KS_BOOL(t, true, c, false, #c, __KS_MSG(t, __VA_ARGS__))
#define KUNIT_ASSERT_NOT_NULL_MSG(t, p, ...) \
	__KS_NULL(t, true, p, false, #p, __KS_MSG(t, __VA_ARGS__))

#endif /* NAT64_HOST_KUNIT_TEST_H */
