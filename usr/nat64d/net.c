// SPDX-License-Identifier: GPL-2.0-only
/*
 * A collector's addresses and the sockets to them (net.h).
 */
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "net.h"

int nd_resolve(const struct nd_dest *d, const char *defport, int type,
	       const char *what, struct nd_addrs *as, char *err,
	       size_t errlen)
{
	const char *port = d->port[0] ? d->port : defport;
	struct addrinfo hints = { .ai_socktype = type }, *res, *ai;
	int rc;

	memset(as, 0, sizeof(*as));
	rc = getaddrinfo(d->host, port, &hints, &res);
	if (rc) {
		snprintf(err, errlen, "%s: %s port %s: %s", what, d->host, port,
			 rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai && as->n < ND_ADDRS_MAX; ai = ai->ai_next) {
		if (ai->ai_addrlen > sizeof(as->a[0]))
			continue;
		memcpy(&as->a[as->n], ai->ai_addr, ai->ai_addrlen);
		as->len[as->n++] = ai->ai_addrlen;
	}
	freeaddrinfo(res);
	if (!as->n)
		snprintf(err, errlen, "%s: %s port %s: no usable address", what,
			 d->host, port);
	return as->n ? 0 : -1;
}

int nd_connect(int type, const struct sockaddr *sa, socklen_t len)
{
	int fd = socket(sa->sa_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int err;

	if (fd < 0)
		return -errno;
	if (connect(fd, sa, len) < 0 && errno != EINPROGRESS) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

int nd_connect_next(struct nd_addrs *as, int type)
{
	unsigned int i = as->next++ % as->n;

	return nd_connect(type, (struct sockaddr *)&as->a[i], as->len[i]);
}
