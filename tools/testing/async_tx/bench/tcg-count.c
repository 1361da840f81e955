// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin for tcg-count.sh: counts the guest instructions and
 * translation blocks each block start executes, split by which of two
 * marker functions the guest entered last (side 0 or side 1; before
 * either, neither).  The marker addresses come as a=HEX and b=HEX, the
 * output file as out=PATH; at exit one line per block start that ran on
 * a side: "pc insns-per-block side0-insns side1-insns".
 *
 * Single vCPU only: the side is one global.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

struct block {
	uint64_t pc;
	uint64_t insns;
	uint64_t ran[3];
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
	b->ran[side] += b->insns;
}

static void block_translated(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t pc = qemu_plugin_tb_vaddr(tb);
	struct block *b;

	g_mutex_lock(&blocks_lock);
	b = g_hash_table_lookup(blocks, &pc);
	if (!b) {
		b = g_new0(struct block, 1);
		b->pc = pc;
		b->insns = qemu_plugin_tb_n_insns(tb);
		g_hash_table_insert(blocks, &b->pc, b);
	}
	g_mutex_unlock(&blocks_lock);
	qemu_plugin_register_vcpu_tb_exec_cb(tb, block_ran,
					     QEMU_PLUGIN_CB_NO_REGS, b);
}

static void write_block(gpointer key, gpointer value, gpointer file)
{
	struct block *b = value;

	if (b->ran[0] || b->ran[1])
		fprintf(file, "%llx %llu %llu %llu\n",
			(unsigned long long)b->pc,
			(unsigned long long)b->insns,
			(unsigned long long)b->ran[0],
			(unsigned long long)b->ran[1]);
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
