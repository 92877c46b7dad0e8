// SPDX-License-Identifier: GPL-2.0-only
/*
 * Host runner for the KUnit suites of tests/kunit/, built against the shim in
 * include/kunit/test.h. Output is KTAP v1, laid out like Linux 6.1's.
 *
 *   host-tests [GLOB]    GLOB is "suite" or "suite.case" (fnmatch(3) patterns)
 *
 * Exit status: 0 if at least one case passed and none failed, else 1.
 */
#include <fnmatch.h>
#include <stdarg.h>
#include <kunit/test.h>

#define MAX_SUITES	256
#define IND1		"    "
#define IND2		"        "

struct kunit_shim_alloc {
	struct kunit_shim_alloc *next;
	max_align_t data[];
};

struct stats {
	unsigned long pass, fail, skip;
};

static struct kunit_suite *suites[MAX_SUITES];
static unsigned int nr_suites;
static const char *suite_glob = "*";
static const char *case_glob = "*";
static const char *indent = IND1;	/* of the current case's lines */

/* Run by kunit_test_suites()' constructors, before main(). */
void kunit_shim_register(struct kunit_suite **s)
{
	for (; *s; s++) {
		if (nr_suites == MAX_SUITES) {
			fprintf(stderr, "host-tests: too many suites\n");
			exit(1);
		}
		suites[nr_suites++] = *s;
	}
}

/* Print @buf as KTAP diagnostic lines of the current case. */
static void print_diag(const char *buf)
{
	const char *nl;

	for (; (nl = strchr(buf, '\n')); buf = nl + 1)
		printf("%s# %.*s\n", indent, (int)(nl - buf), buf);
	printf("%s# %s\n", indent, buf);
}

static void vdiag(const char *fmt, va_list ap)
{
	char buf[4096];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	print_diag(buf);
}

void kunit_shim_report(struct kunit *test, const char *file, int line,
		       bool assert, const char *fmt, ...)
{
	va_list ap;

	test->status = KUNIT_FAILURE;
	printf("%s# %s: %s FAILED at %s:%d\n", indent, test->name,
	       assert ? "ASSERTION" : "EXPECTATION", file, line);
	va_start(ap, fmt);
	vdiag(fmt, ap);
	va_end(ap);
}

void kunit_shim_msg(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	(void)test;
	va_start(ap, fmt);
	vdiag(fmt, ap);
	va_end(ap);
}

void kunit_shim_skip(struct kunit *test, const char *fmt, ...)
{
	va_list ap;

	test->status = KUNIT_SKIPPED;
	va_start(ap, fmt);
	vsnprintf(test->status_comment, sizeof(test->status_comment), fmt, ap);
	va_end(ap);
}

/* Called after every failed check; an assertion ends the case. */
void kunit_shim_end(struct kunit *test, bool assert)
{
	if (assert)
		longjmp(*test->abort_to, 1);
}

void *kunit_kmalloc(struct kunit *test, size_t size, unsigned int gfp)
{
	struct kunit_shim_alloc *a = malloc(sizeof(*a) + size);

	(void)gfp;
	if (!a)
		return NULL;
	a->next = test->allocs;
	test->allocs = a;
	return a->data;
}

void kunit_kfree(struct kunit *test, const void *ptr)
{
	struct kunit_shim_alloc **pp, *a;

	for (pp = &test->allocs; (a = *pp); pp = &a->next) {
		if (a->data == ptr) {
			*pp = a->next;
			free(a);
			return;
		}
	}
}

static void free_allocs(struct kunit *test)
{
	while (test->allocs)
		kunit_kfree(test, test->allocs->data);
}

/*
 * One run of one case. The state lives at file scope, not on this stack
 * frame, so nothing is clobbered by the longjmp of an assertion.
 */
static struct kunit cur;
static jmp_buf cur_env;
static bool cur_init_ok;

static void run_once(struct kunit_suite *s, struct kunit_case *c,
		     const void *param, int index)
{
	memset(&cur, 0, sizeof(cur));
	cur.name = c->name;
	cur.param_value = param;
	cur.param_index = index;
	cur.abort_to = &cur_env;
	cur_init_ok = false;
	if (!setjmp(cur_env)) {
		if (s->init && s->init(&cur)) {
			kunit_shim_report(&cur, __FILE__, __LINE__, false,
					  "suite init() failed");
		} else {
			cur_init_ok = true;
			c->run_case(&cur);
		}
	}
	if (cur_init_ok && s->exit && !setjmp(cur_env))
		s->exit(&cur);
	free_allocs(&cur);
}

static void count(struct stats *st, enum kunit_status status)
{
	if (status == KUNIT_FAILURE)
		st->fail++;
	else if (status == KUNIT_SKIPPED)
		st->skip++;
	else
		st->pass++;
}

static void print_result(const char *ind, unsigned int n, const char *name,
			 enum kunit_status status, const char *comment)
{
	if (status == KUNIT_SKIPPED)
		printf("%sok %u %s # SKIP %s\n", ind, n, name, comment);
	else
		printf("%s%s %u %s\n", ind,
		       status == KUNIT_FAILURE ? "not ok" : "ok", n, name);
}

/* A parameterised case: one nested KTAP subtest per parameter. */
static enum kunit_status run_params(struct kunit_suite *s,
				    struct kunit_case *c)
{
	char desc[KUNIT_PARAM_DESC_SIZE] = "";
	struct stats st = { 0 };
	const void *param;
	int i = 0;

	indent = IND2;
	printf(IND2 "KTAP version 1\n" IND2 "# Subtest: %s\n", c->name);
	for (param = c->generate_params(NULL, desc); param;
	     param = c->generate_params(param, desc)) {
		run_once(s, c, param, i++);
		if (!desc[0])
			snprintf(desc, sizeof(desc), "param-%d", i - 1);
		print_result(IND2, i, desc, cur.status, cur.status_comment);
		count(&st, cur.status);
		desc[0] = '\0';
	}
	indent = IND1;
	if (st.fail)
		return KUNIT_FAILURE;
	if (!st.pass) {
		snprintf(cur.status_comment, sizeof(cur.status_comment),
			 "no parameter passed");
		return KUNIT_SKIPPED;
	}
	return KUNIT_SUCCESS;
}

static bool case_selected(const struct kunit_case *c)
{
	return !fnmatch(case_glob, c->name, 0);
}

static unsigned int nr_selected_cases(const struct kunit_suite *s)
{
	const struct kunit_case *c;
	unsigned int n = 0;

	if (fnmatch(suite_glob, s->name, 0))
		return 0;
	for (c = s->test_cases; c->run_case; c++)
		n += case_selected(c);
	return n;
}

static void run_cases(struct kunit_suite *s, struct stats *st)
{
	struct kunit_case *c;
	unsigned int n = 0;

	for (c = s->test_cases; c->run_case; c++) {
		if (!case_selected(c))
			continue;
		if (c->generate_params) {
			c->status = run_params(s, c);
		} else {
			run_once(s, c, NULL, 0);
			c->status = cur.status;
		}
		print_result(IND1, ++n, c->name, c->status,
			     cur.status_comment);
		count(st, c->status);
	}
}

static enum kunit_status suite_status(const struct stats *st)
{
	if (st->fail)
		return KUNIT_FAILURE;
	return st->pass || !st->skip ? KUNIT_SUCCESS : KUNIT_SKIPPED;
}

static void run_suite(struct kunit_suite *s, unsigned int n,
		      struct stats *total)
{
	struct stats st = { 0 };

	printf(IND1 "KTAP version 1\n" IND1 "# Subtest: %s\n", s->name);
	printf(IND1 "1..%u\n", nr_selected_cases(s));
	if (s->suite_init && s->suite_init(s)) {
		printf(IND1 "# %s: suite_init() failed\n", s->name);
		st.fail++;
	} else {
		run_cases(s, &st);
		if (s->suite_exit)
			s->suite_exit(s);
	}
	printf("# %s: pass:%lu fail:%lu skip:%lu total:%lu\n", s->name,
	       st.pass, st.fail, st.skip, st.pass + st.fail + st.skip);
	total->pass += st.pass;
	total->fail += st.fail;
	total->skip += st.skip;
	print_result("", n, s->name, suite_status(&st), "every case skipped");
}

/* Split "suite.case" into the two globs. */
static void parse_glob(char *arg)
{
	char *dot = strchr(arg, '.');

	suite_glob = arg;
	if (dot) {
		*dot = '\0';
		case_glob = dot + 1;
	}
}

int main(int argc, char **argv)
{
	struct stats total = { 0 };
	unsigned int i, n = 0, planned = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 2) {
		fprintf(stderr, "usage: %s [suite[.case] glob]\n", argv[0]);
		return 2;
	}
	if (argc == 2)
		parse_glob(argv[1]);
	for (i = 0; i < nr_suites; i++)
		planned += nr_selected_cases(suites[i]) > 0;
	printf("KTAP version 1\n1..%u\n", planned);
	for (i = 0; i < nr_suites; i++)
		if (nr_selected_cases(suites[i]))
			run_suite(suites[i], ++n, &total);
	printf("# Totals: pass:%lu fail:%lu skip:%lu total:%lu\n", total.pass,
	       total.fail, total.skip, total.pass + total.fail + total.skip);
	return total.fail || !total.pass;
}
