// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin for tcg-count.sh: counts how often each translation
 * block runs and the memory accesses it makes, split by which of two
 * marker functions the guest entered last (side 0 or side 1; before
 * either, neither).  The marker addresses come as a=HEX and b=HEX, the
 * output file as out=PATH; at exit one line per block that ran on a
 * side:
 *
 *   pc insns runs0 runs1 mem0 mem1 flags irq xchg calls rets
 *
 * the last five being how many of the block's instructions are pushf or
 * popf, cli or sti, xchg or cmpxchg, calls and returns: the ones TCG
 * makes expensive (popf and sti end a block without chaining it to the
 * next; the others go through helpers or a block lookup).
 *
 * Single vCPU only: the side is one global.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

enum { K_FLAGS, K_IRQ, K_XCHG, K_CALL, K_RET, K_NR };

struct block {
	uint64_t pc;
	uint64_t insns;
	uint64_t runs[3];
	uint64_t mem[3];
	unsigned int kind[K_NR];
};

static GHashTable *blocks;	/* pc -> struct block, under blocks_lock */
static GMutex blocks_lock;
static uint64_t marker[2];
static int side = 2;
static const char *out_path = "tcg-count.out";

static void block_ran(unsigned int vcpu, void *udata)
{
	struct block *b = udata;

	if (b->pc == marker[0])
		side = 0;
	else if (b->pc == marker[1])
		side = 1;
	b->runs[side]++;
}

static void access_made(unsigned int vcpu, qemu_plugin_meminfo_t info,
			uint64_t vaddr, void *udata)
{
	struct block *b = udata;

	b->mem[side]++;
}

/* Which of the kinds above the instruction is, from its disassembly. */
static void classify(struct block *b, const char *d)
{
	if (!strncmp(d, "pushf", 5) || !strncmp(d, "popf", 4))
		b->kind[K_FLAGS]++;
	else if (!strncmp(d, "cli", 3) || !strncmp(d, "sti", 3))
		b->kind[K_IRQ]++;
	else if (strstr(d, "xchg"))
		b->kind[K_XCHG]++;
	else if (!strncmp(d, "call", 4))
		b->kind[K_CALL]++;
	else if (!strncmp(d, "ret", 3))
		b->kind[K_RET]++;
}

static void block_translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t pc = qemu_plugin_tb_vaddr(tb);
	size_t i, n = qemu_plugin_tb_n_insns(tb);
	struct block *b;
	bool fresh = false;

	g_mutex_lock(&blocks_lock);
	b = g_hash_table_lookup(blocks, &pc);
	if (!b) {
		b = g_new0(struct block, 1);
		b->pc = pc;
		b->insns = n;
		g_hash_table_insert(blocks, &b->pc, b);
		fresh = true;
	}
	g_mutex_unlock(&blocks_lock);
	for (i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

		if (fresh) {
			char *d = qemu_plugin_insn_disas(insn);

			classify(b, d);
			g_free(d);
		}
		qemu_plugin_register_vcpu_mem_cb(insn, access_made,
						 QEMU_PLUGIN_CB_NO_REGS,
						 QEMU_PLUGIN_MEM_RW, b);
	}
	qemu_plugin_register_vcpu_tb_exec_cb(tb, block_ran,
					     QEMU_PLUGIN_CB_NO_REGS, b);
}

static void write_block(gpointer key, gpointer value, gpointer file)
{
	struct block *b = value;

	if (b->runs[0] || b->runs[1])
		fprintf(file, "%llx %llu %llu %llu %llu %llu %u %u %u %u %u\n",
			(unsigned long long)b->pc,
			(unsigned long long)b->insns,
			(unsigned long long)b->runs[0],
			(unsigned long long)b->runs[1],
			(unsigned long long)b->mem[0],
			(unsigned long long)b->mem[1],
			b->kind[K_FLAGS], b->kind[K_IRQ], b->kind[K_XCHG],
			b->kind[K_CALL], b->kind[K_RET]);
}

static void at_exit(qemu_plugin_id_t id, void *unused)
{
	FILE *f = fopen(out_path, "w");

	if (!f) {
		perror(out_path);
		return;
	}
	g_hash_table_foreach(blocks, write_block, f);
	fclose(f);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info,
					   int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "a=", 2))
			marker[0] = strtoull(argv[i] + 2, NULL, 16);
		else if (!strncmp(argv[i], "b=", 2))
			marker[1] = strtoull(argv[i] + 2, NULL, 16);
		else if (!strncmp(argv[i], "out=", 4))
			out_path = argv[i] + 4;
	}
	if (!marker[0] || !marker[1]) {
		fprintf(stderr, "tcg-count: a=ADDR and b=ADDR are needed\n");
		return -1;
	}
	blocks = g_hash_table_new(g_int64_hash, g_int64_equal);
	qemu_plugin_register_vcpu_tb_trans_cb(id, block_translated);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
