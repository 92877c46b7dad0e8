// SPDX-License-Identifier: GPL-2.0-only
/*
 * synflood6: TCP SYNs from many IPv6 sources, as fast as a packet socket
 * takes them, for the flood tests of tests/e2e.
 *
 *   synflood6 IFACE NEXTHOP-MAC DST6 DPORT COUNT [FIRST]
 *
 * Packet i (FIRST <= i < FIRST + COUNT) comes from 2001:db8:XX:XXXX::1
 * where the 24 bits after 2001:db8: are i: every source is in a /56 of
 * its own, so a translator that counts subscribers by /56 sees COUNT of
 * them. Frames go to NEXTHOP-MAC on IFACE (an AF_PACKET socket: no
 * route, no neighbour lookup), in batches of sendmmsg(). Prints the
 * number sent.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH	256
#define PKT_LEN	(40 + 20)

static uint32_t sum16(const void *p, size_t n, uint32_t s)
{
	const uint8_t *b = p;

	for (; n > 1; n -= 2, b += 2)
		s += (uint32_t)b[0] << 8 | b[1];
	if (n)
		s += (uint32_t)b[0] << 8;
	return s;
}

static uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* One SYN from source number @i to @dst:@dport, into @p. */
static void syn(uint8_t *p, uint32_t i, const struct in6_addr *dst,
		uint16_t dport)
{
	uint8_t *tcp = p + 40;
	uint32_t s;

	memset(p, 0, PKT_LEN);
	p[0] = 0x60;
	p[4] = 0;
	p[5] = 20;			/* payload length */
	p[6] = IPPROTO_TCP;
	p[7] = 64;
	p[8] = 0x20; p[9] = 0x01; p[10] = 0x0d; p[11] = 0xb8;
	p[12] = i >> 16; p[13] = i >> 8; p[14] = i;
	p[23] = 1;
	memcpy(p + 24, dst, 16);
	tcp[0] = 40000 >> 8;		/* source port 40000 */
	tcp[1] = 40000 & 0xff;
	tcp[2] = dport >> 8;
	tcp[3] = dport & 0xff;
	tcp[4] = i >> 24; tcp[5] = i >> 16; tcp[6] = i >> 8; tcp[7] = i;
	tcp[12] = 5 << 4;		/* data offset */
	tcp[13] = 0x02;			/* SYN */
	tcp[14] = 0xff; tcp[15] = 0xff;	/* window */
	s = sum16(p + 8, 32, 0);	/* pseudo-header */
	s += IPPROTO_TCP + 20;
	s = sum16(tcp, 20, s);
	s = fold(s);
	tcp[16] = s >> 8;
	tcp[17] = s & 0xff;
}

int main(int argc, char **argv)
{
	static uint8_t buf[BATCH][PKT_LEN];
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_ll to = { 0 };
	unsigned int mac[6], k;
	unsigned long count, first, i, sent = 0;
	struct in6_addr dst;
	int fd, n, dport;

	if (argc < 6 || argc > 7) {
		fprintf(stderr, "usage: synflood6 IFACE NEXTHOP-MAC DST6 DPORT COUNT [FIRST]\n");
		return 2;
	}
	if (sscanf(argv[2], "%x:%x:%x:%x:%x:%x", &mac[0], &mac[1], &mac[2],
		   &mac[3], &mac[4], &mac[5]) != 6 ||
	    inet_pton(AF_INET6, argv[3], &dst) != 1) {
		fprintf(stderr, "synflood6: bad MAC or IPv6 address\n");
		return 2;
	}
	dport = atoi(argv[4]);
	count = strtoul(argv[5], NULL, 0);
	first = argc == 7 ? strtoul(argv[6], NULL, 0) : 0;
	if (dport <= 0 || dport > 65535 || first + count > (1UL << 24)) {
		fprintf(stderr, "synflood6: bad port, or more than 2^24 sources\n");
		return 2;
	}
	fd = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IPV6));
	if (fd < 0) {
		perror("synflood6: socket");
		return 1;
	}
	to.sll_family = AF_PACKET;
	to.sll_protocol = htons(ETH_P_IPV6);
	to.sll_ifindex = if_nametoindex(argv[1]);
	to.sll_halen = 6;
	for (k = 0; k < 6; k++)
		to.sll_addr[k] = mac[k];
	if (!to.sll_ifindex) {
		fprintf(stderr, "synflood6: no interface %s\n", argv[1]);
		return 1;
	}
	for (i = 0; i < count; i += k) {
		unsigned int m = count - i < BATCH ? count - i : BATCH;

		memset(msgs, 0, sizeof(msgs));
		for (k = 0; k < m; k++) {
			syn(buf[k], first + i + k, &dst, dport);
			iov[k].iov_base = buf[k];
			iov[k].iov_len = PKT_LEN;
			msgs[k].msg_hdr.msg_iov = &iov[k];
			msgs[k].msg_hdr.msg_iovlen = 1;
			msgs[k].msg_hdr.msg_name = &to;
			msgs[k].msg_hdr.msg_namelen = sizeof(to);
		}
		n = sendmmsg(fd, msgs, m, 0);
		if (n < 0) {
			if (errno == ENOBUFS || errno == EAGAIN) {
				usleep(1000);
				k = 0;
				continue;
			}
			perror("synflood6: sendmmsg");
			break;
		}
		sent += n;
		k = n;
	}
	printf("%lu\n", sent);
	close(fd);
	return 0;
}
