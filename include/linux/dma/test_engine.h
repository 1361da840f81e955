/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fx, a dmaengine provider for KUnit tests (drivers/dma/tests/test_engine.c).
 *
 * A test registers an engine with the capabilities, limits, alignment,
 * channels and descriptor pool it wants (struct dma_fx_profile).  The
 * engine runs descriptors on the buffers their bus addresses name, from
 * a work item (or at once when a client polls), counts what it executed
 * per transaction type so that a test can tell the engine path from a
 * silent CPU fallback, records every descriptor prepared outside the
 * limits it advertised, and fails, hangs or ignores termination as the
 * test sets its knobs.
 */
#ifndef _LINUX_DMA_TEST_ENGINE_H
#define _LINUX_DMA_TEST_ENGINE_H

#include <linux/atomic.h>
#include <linux/dmaengine.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

struct dma_fx;
struct kunit;

#define DMA_FX_MAX_SRC		64
#define DMA_FX_MAX_CHANS	4

/**
 * enum dma_fx_fail_how - how the tests' engine fails a descriptor
 * @DMA_FX_FAIL_PARTIAL: DMA_TRANS_WRITE_FAILED after writing part of the
 *	destination (its first byte is left wrong), residue 0
 * @DMA_FX_FAIL_ABORTED: DMA_TRANS_ABORTED, never run
 * @DMA_FX_FAIL_UNWRITTEN: DMA_TRANS_WRITE_FAILED with nothing written, the
 *	whole length as residue
 */
enum dma_fx_fail_how {
	DMA_FX_FAIL_PARTIAL,
	DMA_FX_FAIL_ABORTED,
	DMA_FX_FAIL_UNWRITTEN,
};

/**
 * struct dma_fx_chan - a channel of the tests' engine
 * @chan: the dmaengine channel
 * @lock: protects the five lists and @running
 * @free: descriptors ready for prep
 * @pending: submitted, not yet issued
 * @issued: issued, not yet executed
 * @ran: executed, not yet cleaned up (completed, called back)
 * @done: cleaned up, waiting to be acknowledged
 * @running: a runner is executing @issued
 * @halted: an error stopped the channel: what runs is aborted until the
 *	failure has been handed to its callback; only the runner (the one
 *	that set @running) touches it
 * @drain: the work item cleans up everything, as when polled
 * @stalled: this channel executes nothing until cleared
 * @next_result: the result the descriptors prepared from now on report,
 *	without running (%DMA_TRANS_NOERROR: they run)
 * @failed_cookie: the last cookie that completed in error; tx_status
 *	reports %DMA_ERROR for it
 * @alloc_calls: device_alloc_chan_resources calls
 * @free_calls: device_free_chan_resources calls
 * @work: runs @issued
 * @fx: the engine
 */
struct dma_fx_chan {
	struct dma_chan chan;
	spinlock_t lock;		/* the lists, @running, @failed_cookie */
	struct list_head free, pending, issued, ran, done;
	bool running;
	bool halted;
	bool drain;
	bool stalled;
	enum dmaengine_tx_result next_result;
	dma_cookie_t failed_cookie;
	int alloc_calls;
	int free_calls;
	struct work_struct work;
	struct dma_fx *fx;
};

/**
 * struct dma_fx - the tests' engine and its knobs
 * @dma: the dmaengine device
 * @chans: its channels
 * @nr_chans: how many are in use
 * @descs: descriptors per channel
 * @executed: descriptors executed, per transaction type
 * @violations: descriptors prepared outside the advertised limits
 * @fail_type: fail descriptors of this type ...
 * @fail_every: ... every this many of them (0: never), counted in @seen
 * @fail_how: how a failed descriptor fails
 * @seen: descriptors of @fail_type executed
 * @failed: descriptors failed on purpose
 * @dev: the parent device
 * @registered: registered with the core by dma_fx_register()
 * @released: the core has released the device (device_release ran)
 * @lazy: clean up only what an interrupt covers (up to the last
 *	descriptor prepared with DMA_PREP_INTERRUPT, or failed) unless
 *	polled, as ring engines do; else everything it ran
 * @hung: executes nothing; what is issued waits until terminated
 * @deaf: terminating the channel does not stop it either
 * @dataless: from the profile
 */
struct dma_fx {
	struct dma_device dma;
	struct dma_fx_chan chans[DMA_FX_MAX_CHANS];
	int nr_chans;
	int descs;
	atomic_t executed[DMA_TX_TYPE_END];
	atomic_t violations;
	enum dma_transaction_type fail_type;
	int fail_every;
	enum dma_fx_fail_how fail_how;
	atomic_t seen;
	atomic_t failed;
	struct device *dev;
	bool registered;
	bool released;
	bool lazy;
	bool hung;
	bool deaf;
	bool dataless;
};

/**
 * struct dma_fx_profile - what a test's engine can do
 * @name: for the test's parameter description
 * @caps: transaction types
 * @max_xor: xor sources per descriptor
 * @max_pq: pq sources per descriptor, with DMA_HAS_PQ_CONTINUE or not
 * @align: alignment exponent for xor and pq (0: none)
 * @descs: descriptors per channel
 * @dataless: move no data: the descriptors complete without touching the
 *	memory they name (for tests of the core's bookkeeping, which prepare
 *	descriptors on addresses that map nothing)
 */
struct dma_fx_profile {
	const char *name;
	unsigned long caps;
	int max_xor;
	int max_pq;
	int align;
	int descs;
	bool dataless;
};

#define DMA_FX_ALL	(BIT(DMA_MEMCPY) | BIT(DMA_MEMSET) | BIT(DMA_XOR) | \
		 BIT(DMA_XOR_VAL) | BIT(DMA_PQ) | BIT(DMA_PQ_VAL) | \
		 BIT(DMA_INTERRUPT))

struct dma_fx *dma_fx_init(struct kunit *test,
			   const struct dma_fx_profile *prof, int nr_chans);
void dma_fx_register(struct kunit *test, struct dma_fx *fx);
void dma_fx_unregister(struct dma_fx *fx);
struct dma_fx *dma_fx_create(struct kunit *test,
			     const struct dma_fx_profile *prof, int nr_chans);
void dma_fx_quiet(struct dma_fx *fx);

/* Descriptors of @type the engine executed. */
static inline int dma_fx_executed(struct dma_fx *fx,
				  enum dma_transaction_type type)
{
	return atomic_read(&fx->executed[type]);
}

/* Descriptors of any type the engine executed. */
static inline int dma_fx_executed_all(struct dma_fx *fx)
{
	int type, n = 0;

	for (type = 0; type < DMA_TX_TYPE_END; type++)
		n += dma_fx_executed(fx, type);
	return n;
}

#endif
