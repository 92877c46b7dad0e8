// SPDX-License-Identifier: GPL-2.0-only
/*
 * A QEMU TCG plugin that counts, for every translation block the guest
 * kernel runs, how many times it ran. At exit it writes one line a block,
 * "VADDR INSNS COUNT" (hex, decimal, decimal), to out=FILE (default
 * /tmp/tbprof.txt). scripts/bench-profile turns that, with the guest's
 * /proc/kallsyms, into instructions a packet for each kernel function.
 *
 * Exact and cheap: one inline add per block executed, no sampling. A
 * block is attributed to the function it starts in (a block ends at a
 * branch or call, so it seldom leaves that function).
 *
 * The few declarations of QEMU's plugin interface (version 1, QEMU 7.2)
 * this uses are written out here, so that nothing but gcc is needed.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_info;

enum qemu_plugin_op {
	QEMU_PLUGIN_INLINE_ADD_U64,
};

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
		void (*cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb));
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb,
					      enum qemu_plugin_op op,
					      void *ptr, uint64_t imm);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
		void (*cb)(qemu_plugin_id_t id, void *userdata),
		void *userdata);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

/* Blocks by (start, length): open addressing, never shrinks. */
struct block {
	uint64_t vaddr;
	uint64_t insns;		/* 0: a free slot */
	uint64_t count;		/* bumped by the translated code itself */
};

static struct block *blocks;
static size_t nslots = 1 << 20;
static size_t used;
static const char *outpath = "/tmp/tbprof.txt";

static size_t slot_of(uint64_t vaddr, uint64_t insns)
{
	uint64_t h = (vaddr ^ insns << 56) * 0x9e3779b97f4a7c15ULL;

	return h >> 40 & (nslots - 1);
}

static struct block *block_get(uint64_t vaddr, uint64_t insns)
{
	size_t i = slot_of(vaddr, insns);

	while (blocks[i].insns &&
	       (blocks[i].vaddr != vaddr || blocks[i].insns != insns))
		i = (i + 1) & (nslots - 1);
	if (!blocks[i].insns) {
		if (++used > nslots / 2) {
			fprintf(stderr, "tbprof: more than %zu blocks\n",
				nslots / 2);
			exit(1);
		}
		blocks[i].vaddr = vaddr;
		blocks[i].insns = insns;
	}
	return &blocks[i];
}

/* Translation is serialised by QEMU (one lock), so block_get() is too. */
static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t vaddr = qemu_plugin_tb_vaddr(tb);
	struct block *b;

	(void)id;
	if (vaddr < 0xffff800000000000ULL)	/* the kernel's half only */
		return;
	b = block_get(vaddr, qemu_plugin_tb_n_insns(tb));
	qemu_plugin_register_vcpu_tb_exec_inline(tb,
						 QEMU_PLUGIN_INLINE_ADD_U64,
						 &b->count, 1);
}

static void at_exit(qemu_plugin_id_t id, void *userdata)
{
	FILE *f = fopen(outpath, "w");
	size_t i;

	(void)id;
	(void)userdata;
	if (!f) {
		perror(outpath);
		return;
	}
	for (i = 0; i < nslots; i++)
		if (blocks[i].insns && blocks[i].count)
			fprintf(f, "%" PRIx64 " %" PRIu64 " %" PRIu64 "\n",
				blocks[i].vaddr, blocks[i].insns,
				blocks[i].count);
	fclose(f);
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info *info,
			int argc, char **argv)
{
	int i;

	(void)info;
	for (i = 0; i < argc; i++)
		if (!strncmp(argv[i], "out=", 4))
			outpath = argv[i] + 4;
	blocks = calloc(nslots, sizeof(*blocks));
	if (!blocks)
		return -1;
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
