/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * async_tx: chains of bulk memory operations (copy, fill, xor, raid6
 * syndrome and recovery) that run on an offload engine when one can do
 * the work and on the CPU otherwise.
 *
 * Every operation takes a struct async_submit_ctl saying what it depends
 * on and what to call when it is done, and returns the descriptor of the
 * engine operation, or NULL when it ran on the CPU and is already
 * complete.  See Documentation/crypto/async-tx-api.rst.
 */
#ifndef _ASYNC_TX_H_
#define _ASYNC_TX_H_

#include <linux/dmaengine.h>

/**
 * enum async_tx_flags - how an operation is submitted
 * @ASYNC_TX_XOR_ZERO_DST: xor: the destination's old contents are not an
 *	input; the result is the xor of the sources alone
 * @ASYNC_TX_XOR_DROP_DST: xor: the destination is also the first entry of
 *	the source list; it is counted once
 * @ASYNC_TX_ACK: the client will not use the returned descriptor as a
 *	dependency; it may be recycled as soon as it completes
 * @ASYNC_TX_FENCE: the operations that depend on this one read its result
 * @ASYNC_TX_PQ_XOR_DST: pq: xor the syndrome of the sources into P and Q
 *	rather than overwriting them
 */
enum async_tx_flags {
	ASYNC_TX_XOR_ZERO_DST	= (1 << 0),
	ASYNC_TX_XOR_DROP_DST	= (1 << 1),
	ASYNC_TX_ACK		= (1 << 2),
	ASYNC_TX_FENCE		= (1 << 3),
	ASYNC_TX_PQ_XOR_DST	= (1 << 4),
};

/**
 * struct async_submit_ctl - how to run an operation and what follows it
 * @flags: enum async_tx_flags
 * @depend_tx: the operation this one must follow, or NULL; it must not
 *	have been acknowledged
 * @cb_fn: called once when the operation is complete, or NULL
 * @cb_param: the argument of @cb_fn
 * @scribble: caller-provided room for one address per block (plus two),
 *	used instead of the source array when converting addresses
 * @err: NULL, or where async_tx stores -EIO before @cb_fn runs when an
 *	engine error left the operation's result unknown (an update in
 *	place that the engine may have half written); left alone otherwise,
 *	so the client sets it to 0 first.  init_async_submit() clears it.
 */
struct async_submit_ctl {
	enum async_tx_flags flags;
	struct dma_async_tx_descriptor *depend_tx;
	dma_async_tx_callback cb_fn;
	void *cb_param;
	void *scribble;
	int *err;
};

/**
 * typedef addr_conv_t - one entry of a scribble region
 *
 * Large enough for a buffer address, a page pointer or a bus address,
 * whichever an operation converts its block list to.
 */
typedef union {
	unsigned long addr;
	struct page *page;
	dma_addr_t dma;
} addr_conv_t;

#ifdef CONFIG_DMA_ENGINE
#define async_tx_issue_pending_all dma_issue_pending_all

/**
 * async_tx_issue_pending() - start the engine work queued behind @tx
 * @tx: a descriptor returned by an operation, or NULL
 *
 * Context: any.
 */
static inline void async_tx_issue_pending(struct dma_async_tx_descriptor *tx)
{
	if (tx)
		dma_async_issue_pending(tx->chan);
}

#ifdef CONFIG_ARCH_HAS_ASYNC_TX_FIND_CHANNEL
#include <asm/async_tx.h>
#else
struct dma_chan *
__async_tx_find_channel(struct async_submit_ctl *submit,
			enum dma_transaction_type tx_type);

/**
 * async_tx_find_channel() - the channel for an operation on these buffers
 * @submit: the submission control; its dependency's channel is preferred
 * @tx_type: the operation
 * @dst: the destination pages
 * @dst_count: how many
 * @src: the source pages
 * @src_count: how many
 * @len: bytes per block
 *
 * The buffers are for architectures that pick channels by them; the
 * generic choice looks at the operation alone.
 *
 * Return: a channel, or NULL for the CPU path.
 */
static inline struct dma_chan *
async_tx_find_channel(struct async_submit_ctl *submit,
		      enum dma_transaction_type tx_type, struct page **dst,
		      int dst_count, struct page **src, int src_count,
		      size_t len)
{
	return __async_tx_find_channel(submit, tx_type);
}
#endif
#else
static inline void async_tx_issue_pending_all(void)
{
}

static inline void async_tx_issue_pending(struct dma_async_tx_descriptor *tx)
{
}

static inline struct dma_chan *
async_tx_find_channel(struct async_submit_ctl *submit,
		      enum dma_transaction_type tx_type, struct page **dst,
		      int dst_count, struct page **src, int src_count,
		      size_t len)
{
	return NULL;
}
#endif

/**
 * async_tx_sync_epilog() - finish an operation that ran on the CPU
 * @submit: the operation's submission control
 *
 * Runs the completion callback, in the caller's context.
 */
static inline void async_tx_sync_epilog(struct async_submit_ctl *submit)
{
	if (submit->cb_fn)
		submit->cb_fn(submit->cb_param);
}

/**
 * init_async_submit() - fill in a submission control
 * @args: the submission control
 * @flags: enum async_tx_flags
 * @tx: the dependency, or NULL
 * @cb_fn: the completion callback, or NULL
 * @cb_param: its argument
 * @scribble: address conversion room, or NULL
 */
static inline void init_async_submit(struct async_submit_ctl *args,
				     enum async_tx_flags flags,
				     struct dma_async_tx_descriptor *tx,
				     dma_async_tx_callback cb_fn,
				     void *cb_param, addr_conv_t *scribble)
{
	args->flags = flags;
	args->depend_tx = tx;
	args->cb_fn = cb_fn;
	args->cb_param = cb_param;
	args->scribble = scribble;
	args->err = NULL;
}

void async_tx_submit(struct dma_chan *chan, struct dma_async_tx_descriptor *tx,
		     struct async_submit_ctl *submit);

struct dma_async_tx_descriptor *
async_xor(struct page *dest, struct page **src_list, unsigned int offset,
	  int src_cnt, size_t len, struct async_submit_ctl *submit);

struct dma_async_tx_descriptor *
async_xor_offs(struct page *dest, unsigned int offset,
	       struct page **src_list, unsigned int *src_offs,
	       int src_cnt, size_t len, struct async_submit_ctl *submit);

struct dma_async_tx_descriptor *
async_xor_val(struct page *dest, struct page **src_list, unsigned int offset,
	      int src_cnt, size_t len, enum sum_check_flags *result,
	      struct async_submit_ctl *submit);

struct dma_async_tx_descriptor *
async_xor_val_offs(struct page *dest, unsigned int offset,
		   struct page **src_list, unsigned int *src_offs,
		   int src_cnt, size_t len, enum sum_check_flags *result,
		   struct async_submit_ctl *submit);

struct dma_async_tx_descriptor *
async_memcpy(struct page *dest, struct page *src, unsigned int dest_offset,
	     unsigned int src_offset, size_t len,
	     struct async_submit_ctl *submit);

struct dma_async_tx_descriptor *
async_memset(struct page *dest, int val, unsigned int offset, size_t len,
	     struct async_submit_ctl *submit);

struct dma_async_tx_descriptor *
async_trigger_callback(struct async_submit_ctl *submit);

struct dma_async_tx_descriptor *
async_gen_syndrome(struct page **blocks, unsigned int *offsets, int disks,
		   size_t len, struct async_submit_ctl *submit);

struct dma_async_tx_descriptor *
async_syndrome_val(struct page **blocks, unsigned int *offsets, int disks,
		   size_t len, enum sum_check_flags *pqres, struct page *spare,
		   unsigned int s_off, struct async_submit_ctl *submit);

struct dma_async_tx_descriptor *
async_raid6_2data_recov(int disks, size_t bytes, int faila, int failb,
			struct page **blocks, unsigned int *offs,
			struct async_submit_ctl *submit);

struct dma_async_tx_descriptor *
async_raid6_datap_recov(int disks, size_t bytes, int faila,
			struct page **blocks, unsigned int *offs,
			struct async_submit_ctl *submit);

void async_tx_quiesce(struct dma_async_tx_descriptor **tx);
#endif /* _ASYNC_TX_H_ */
