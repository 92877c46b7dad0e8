// SPDX-License-Identifier: GPL-2.0-only
/*
 * nat64d's configuration file (usr/nat64d/conf.c) on the host: the
 * defaults, det-relog's good and bad values with the exact --check lines,
 * and the other one-value directives next to it. Each case is a file
 * written here. Prints "ok N - what" or "not ok N - what" a check; exit
 * status 1 on any failure.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "tap.h"

#define OUTPUT	"syslog local\n"

static char path[64];

/* Loads a file of this text into c: 0, or -1 with err set. */
static int load(const char *text, struct nd_conf *c, char *err, size_t len)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		exit(1);
	}
	err[0] = '\0';
	return nd_conf_load(path, c, err, len);
}

/* A file that loads, and the value det-relog took. */
static void good(const char *text, unsigned int want)
{
	static struct nd_conf c;	/* large: not on the stack */
	char err[400];
	int rc = load(text, &c, err, sizeof(err));

	check(!rc && c.det_relog == want, "'%.*s': det-relog %u",
	      (int)strcspn(text, "\n"), text, want);
	if (rc)
		printf("# %s\n", err);
}

/* A file refused with exactly this line, after "PATH:". */
static void bad(const char *text, const char *want)
{
	static struct nd_conf c;
	char err[400], full[400];
	int rc = load(text, &c, err, sizeof(err));

	snprintf(full, sizeof(full), "%s:%s", path, want);
	check(rc && !strcmp(err, full), "refused: %s", want);
	if (!rc || strcmp(err, full))
		printf("# got:  '%s'\n# want: '%s'\n", err, full);
}

static void test_det_relog(void)
{
	good(OUTPUT, 86400);
	good("det-relog 0\n" OUTPUT, 0);
	good("det-relog 3600\n" OUTPUT, 3600);
	good("det-relog 604800 # a week\n" OUTPUT, 604800);
	good("det-relog 1\ndet-relog 7200\n" OUTPUT, 7200);
	bad(OUTPUT "det-relog 604801\n",
	    "2: det-relog '604801': expected 0-604800");
	bad("det-relog -1\n" OUTPUT, "1: det-relog '-1': expected 0-604800");
	bad("det-relog daily\n" OUTPUT,
	    "1: det-relog 'daily': expected 0-604800");
	bad("det-relog\n" OUTPUT, "1: 'det-relog' takes one value");
	bad("det-relog 60 120\n" OUTPUT, "1: 'det-relog' takes one value");
	bad("det_relog 60\n" OUTPUT,
	    "1: unknown directive 'det_relog' (instance, rcvbuf, status, resync, det-relog, syslog, ipfix)");
}

static void test_neighbours(void)
{
	static struct nd_conf c;
	char err[400];

	check(!load(OUTPUT, &c, err, sizeof(err)) && c.resync &&
	      c.rcvbuf == 4 << 20 && !c.ninstances && c.nout == 1,
	      "defaults: resync on, rcvbuf 4 MiB, every instance");
	check(!load("resync off\ninstance cgn\n" OUTPUT, &c, err, sizeof(err)) &&
	      !c.resync && nd_conf_wants(&c, "cgn") &&
	      !nd_conf_wants(&c, "other"), "resync off, instance cgn");
	bad("resync maybe\n" OUTPUT, "1: resync 'maybe': expected on or off");
	bad("rcvbuf 1024\n" OUTPUT, "1: rcvbuf '1024': expected 65536-1073741824");
	check(load("det-relog 60\n", &c, err, sizeof(err)) &&
	      !strcmp(err + strlen(path), ": no output (syslog or ipfix)"),
	      "a file with no output is refused");
}

int main(void)
{
	snprintf(path, sizeof(path), "/tmp/conf_parse.%d", (int)getpid());
	test_det_relog();
	test_neighbours();
	unlink(path);
	printf("# %d checks, %d failed\n", checks, failed);
	return failed ? 1 : 0;
}
