/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dmasim instances: made and destroyed by the driver's sysfs attributes
 * and module parameter, and by tests and the benchmark through the
 * functions below.  A test arms an instance's faults through them by
 * value, as the instance's debugfs files do; nothing of the instance's
 * state is handed out.  Without CONFIG_KUNIT they are not exported.
 */
#ifndef _DMASIM_H
#define _DMASIM_H

#include <linux/types.h>

struct dma_device;

/* opcodes */
enum dmasim_op {
	DMASIM_OP_NOP,		/* interrupt only */
	DMASIM_OP_COPY,
	DMASIM_OP_FILL,
	DMASIM_OP_XOR,
	DMASIM_OP_XOR_CHECK,
	DMASIM_OP_PQ,
	DMASIM_OP_PQ_CHECK,
	DMASIM_OP_NR,
};

/**
 * enum dmasim_fault_kind - faults injected at random
 * @DMASIM_FAULT_ERROR: the descriptor reports an error, writes nothing
 * @DMASIM_FAULT_CORRUPT: one byte of the result is flipped, no error
 * @DMASIM_FAULT_STALL: the channel stops on the descriptor until reset
 * @DMASIM_FAULT_SLOW: the descriptor takes longer (dmasim_set_slow_us())
 * @DMASIM_FAULT_EXHAUST: prep finds no free descriptor
 * @DMASIM_FAULT_NR: how many kinds
 */
enum dmasim_fault_kind {
	DMASIM_FAULT_ERROR,
	DMASIM_FAULT_CORRUPT,
	DMASIM_FAULT_STALL,
	DMASIM_FAULT_SLOW,
	DMASIM_FAULT_EXHAUST,
	DMASIM_FAULT_NR,
};

/**
 * enum dmasim_periodic - faults on every n-th descriptor of an operation
 * @DMASIM_EVERY_FAIL: report an error, write nothing
 * @DMASIM_EVERY_CORRUPT: flip one byte of the result, report success
 * @DMASIM_EVERY_STALL: stop the channel until it is reset
 */
enum dmasim_periodic {
	DMASIM_EVERY_FAIL,
	DMASIM_EVERY_CORRUPT,
	DMASIM_EVERY_STALL,
};

int dmasim_new_device(const char *spec);
int dmasim_del_device(int id);
struct dma_device *dmasim_find_device(int id);
int dmasim_set_every(int id, enum dmasim_op op, enum dmasim_periodic what,
		     u32 every);
int dmasim_set_exhausted(int id, bool on);
int dmasim_set_random(int id, enum dmasim_fault_kind kind,
		      unsigned int percent, int times);
int dmasim_set_random_ops(int id, u32 ops);
int dmasim_set_slow_us(int id, u32 us);
long dmasim_prep_refused(int id);

#endif
