/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dmasim "hardware": what the driver sees of a simulated offload engine.
 *
 * Each channel has a ring of hardware descriptors in memory, a doorbell
 * (the tail index the driver writes), a completion register (the head
 * index the engine has reached), a status register, and an interrupt.
 * The engine executes descriptors in ring order on the memory their bus
 * addresses designate, writes each one's result word, advances the head
 * and raises the interrupt for descriptors that ask for one.
 */
#ifndef _DMASIM_HW_H
#define _DMASIM_HW_H

#include <linux/fault-inject.h>
#include <linux/types.h>

#include "dmasim.h"

struct device;
struct dentry;
struct dmasim_hw;

#define DMASIM_MAX_SRC		32
#define DMASIM_MAX_CHANS	8

/* descriptor flags */
#define DMASIM_F_INTR		BIT(0)	/* interrupt on completion */
#define DMASIM_F_FENCE		BIT(1)	/* later descriptors read the result */
#define DMASIM_F_NO_P		BIT(2)	/* pq: P not written (or checked) */
#define DMASIM_F_NO_Q		BIT(3)	/* pq: Q not written (or checked) */
#define DMASIM_F_CONTINUE	BIT(4)	/* pq: old P and Q are inputs */

/* result word */
#define DMASIM_RES_DONE		BIT(0)	/* executed */
#define DMASIM_RES_ERROR	BIT(1)	/* failed, nothing reliable written */
#define DMASIM_RES_ABORTED	BIT(2)	/* dropped by a channel reset */
#define DMASIM_RES_P_BAD	BIT(8)	/* check: P (or the xor) is not zero */
#define DMASIM_RES_Q_BAD	BIT(9)	/* check: Q mismatch */

/**
 * struct dmasim_hwdesc - a hardware descriptor
 * @op: enum dmasim_op
 * @nsrc: sources in @src
 * @flags: DMASIM_F_*
 * @len: bytes per buffer
 * @value: fill byte
 * @result: written back by the engine: DMASIM_RES_*
 * @dst: destination bus addresses (P and Q for pq)
 * @src: source bus addresses
 * @coef: pq coefficients, one per source
 */
struct dmasim_hwdesc {
	u8 op;
	u8 nsrc;
	u16 flags;
	u32 len;
	u32 value;
	u32 result;
	u64 dst[2];
	u64 src[DMASIM_MAX_SRC];
	u8 coef[DMASIM_MAX_SRC];
};

/**
 * struct dmasim_hw_config - what the engine is built with
 * @chans: channels
 * @ring_size: descriptors per ring
 * @latency_ns: time per descriptor
 * @ns_per_kib: time per KiB of data
 * @coalesce: raise the interrupt once per this many descriptors that ask
 *	for one, or when the ring runs empty (0 or 1: each time)
 */
struct dmasim_hw_config {
	unsigned int chans;
	unsigned int ring_size;
	unsigned int latency_ns;
	unsigned int ns_per_kib;
	unsigned int coalesce;
};

/**
 * struct dmasim_faults - what the engine does wrong, per operation
 * @fail_every: report an error on every n-th descriptor (0: never)
 * @corrupt_every: flip one byte of the result of every n-th (0: never)
 * @stall_every: stop the channel on every n-th until it is reset
 * @seen: descriptors of this operation executed, for the above
 */
struct dmasim_faults {
	u32 fail_every;
	u32 corrupt_every;
	u32 stall_every;
	atomic_t seen;
};

/* the longest a slow descriptor may take, in microseconds */
#define DMASIM_SLOW_MAX_US	10000

/**
 * struct dmasim_random_faults - an engine's probabilistic faults
 * @attr: one fault_attr per enum dmasim_fault_kind (probability,
 *	interval, times, space: see the fault-injection documentation);
 *	all off until a probability is set
 * @ops: BIT(enum dmasim_op) of the operations they apply to
 * @slow_us: what %DMASIM_FAULT_SLOW adds, at most %DMASIM_SLOW_MAX_US
 * @refused: preps refused by %DMASIM_FAULT_EXHAUST
 *
 * Without CONFIG_FAULT_INJECTION the attributes never fire.
 */
struct dmasim_random_faults {
	struct fault_attr attr[DMASIM_FAULT_NR];
	u32 ops;
	u32 slow_us;
	atomic_long_t refused;
};

struct dmasim_hw *dmasim_hw_create(struct device *dev,
				   const struct dmasim_hw_config *cfg,
				   struct dentry *debugfs);
void dmasim_hw_destroy(struct dmasim_hw *hw);
struct dmasim_hwdesc *dmasim_hw_ring(struct dmasim_hw *hw, unsigned int chan);
void dmasim_hw_doorbell(struct dmasim_hw *hw, unsigned int chan, u32 tail);
u32 dmasim_hw_head(struct dmasim_hw *hw, unsigned int chan);
void dmasim_hw_poll(struct dmasim_hw *hw, unsigned int chan);
bool dmasim_hw_stalled(struct dmasim_hw *hw, unsigned int chan);
bool dmasim_hw_held(struct dmasim_hw *hw, unsigned int chan);
void dmasim_hw_start(struct dmasim_hw *hw, unsigned int chan);
void dmasim_hw_reset(struct dmasim_hw *hw, unsigned int chan);
int dmasim_hw_irq(struct dmasim_hw *hw, unsigned int chan);
struct dmasim_faults *dmasim_hw_faults(struct dmasim_hw *hw, unsigned int op);
struct dmasim_random_faults *dmasim_hw_random_faults(struct dmasim_hw *hw);
bool dmasim_hw_should_fail(struct dmasim_hw *hw, enum dmasim_fault_kind kind,
			   unsigned int op, size_t len);

#endif
