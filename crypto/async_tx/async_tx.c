// SPDX-License-Identifier: GPL-2.0-only
/*
 * async_tx core: which channel runs an operation, how it is ordered after
 * the one it depends on, and how it ends.
 *
 * An engine operation carries a struct async_op from submission to
 * completion.  Its descriptor's result callback is ours: it repairs the
 * operation on the CPU if the engine reported an error, runs the client's
 * callback once, marks the descriptor finished and submits whatever was
 * parked behind it.
 *
 * Ordering.  An operation that depends on one submitted to the same
 * channel is submitted at once: the channel runs them in order.  One that
 * depends on an operation on another channel, or on one that is itself
 * parked, is parked: linked behind it (tx->next) with cookie -EBUSY, and
 * submitted by the parent's completion.  No interrupt descriptor is
 * needed, so chains cross devices of any kind.  A parent that already
 * finished does not delay its child.
 *
 * The finished mark.  A descriptor async_tx submitted carries its record
 * in callback_param until it is finished, and NULL from then on.  A
 * parker sets bit 0 (ASYNC_TX_PARKED) before it links a child behind
 * the descriptor; a completion handler that finds the record unmarked
 * clears it with one exchange, and one that finds the bit takes the
 * lock and releases what was linked.
 *
 * LOCKING
 * tx->lock (the descriptor's own) protects tx->next and tx->parent of a
 * descriptor async_tx submitted, and orders the parkers' marks with the
 * completion handler that finds one.  It is taken with interrupts off; a
 * chain is walked hand over hand, parent before child.
 */

#include <linux/debugfs.h>
#include <linux/kasan.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/async_tx.h>
#include <kunit/visibility.h>
#include "async_tx_internal.h"

#define CREATE_TRACE_POINTS
#include <trace/events/async_tx.h>

/* async_tx_op is emitted by the operations' modules; tests probe them all */
EXPORT_TRACEPOINT_SYMBOL_GPL(async_tx_op);
EXPORT_TRACEPOINT_SYMBOL_GPL(async_tx_path);
EXPORT_TRACEPOINT_SYMBOL_GPL(async_tx_park);
EXPORT_TRACEPOINT_SYMBOL_GPL(async_tx_release);
EXPORT_TRACEPOINT_SYMBOL_GPL(async_tx_complete);
EXPORT_TRACEPOINT_SYMBOL_GPL(async_tx_cpu_done);
EXPORT_TRACEPOINT_SYMBOL_GPL(async_tx_repair);
EXPORT_TRACEPOINT_SYMBOL_GPL(async_tx_timeout);

static DEFINE_PER_CPU(unsigned long [ASYNC_STAT_NR], async_stats);
static struct dentry *async_debugfs;

static void async_stat_inc(enum async_stat stat)
{
	this_cpu_inc(async_stats[stat]);
}

/* a channel's counter; a channel being set up or torn down has none */
static void async_chan_add(struct dma_chan *chan, enum async_chan_stat stat,
			   unsigned long n)
{
	struct dma_chan_percpu __percpu *local = READ_ONCE(chan->local);

	if (local)
		this_cpu_add(local->client[stat], n);
}

/**
 * async_tx_stat_sum() - one of async_tx's counters, summed over CPUs
 * @stat: the counter
 *
 * For tests, which compare the counters before and after a run.
 *
 * Context: any.
 * Return: the counter's value.
 */
VISIBLE_IF_KUNIT unsigned long async_tx_stat_sum(enum async_stat stat)
{
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(async_stats, cpu)[stat];
	return sum;
}
EXPORT_SYMBOL_IF_KUNIT(async_tx_stat_sum);

/**
 * async_tx_chan_stat_sum() - one of a channel's async_tx counters
 * @chan: a registered channel
 * @stat: the counter
 *
 * Context: any, while @chan is registered.
 * Return: the counter summed over CPUs.
 */
VISIBLE_IF_KUNIT unsigned long
async_tx_chan_stat_sum(struct dma_chan *chan, enum async_chan_stat stat)
{
	unsigned long sum = 0;
	int cpu;

	if (!chan->local)
		return 0;
	for_each_possible_cpu(cpu)
		sum += per_cpu_ptr(chan->local, cpu)->client[stat];
	return sum;
}
EXPORT_SYMBOL_IF_KUNIT(async_tx_chan_stat_sum);

static inline bool async_tx_wait_or_stop(struct dma_async_tx_descriptor *t);
static void async_op_done(void *param, const struct dmaengine_result *res);
static void async_op_pass_done(void *param,
			       const struct dmaengine_result *res);

/*
 * Records of up to ASYNC_OP_POOLED bytes (an operation of up to about
 * twenty blocks, with its mappings) are kept for reuse per CPU: an
 * operation that ends leaves its record to the CPU it ends on, the next
 * one submitted there takes it, and the slab is only asked when a CPU
 * has none left.
 *
 * Where this_cpu operations are atomic (ASYNC_PCPU_ATOMIC), a CPU's
 * pool is an array of slots, each taken and filled with this_cpu
 * exchanges, which an interrupt cannot split: neither end turns
 * interrupts off.  Elsewhere it is a stack taken with interrupts off, as
 * a completion handler may run in hard interrupt context.  KASAN sees a
 * pooled record as freed until it is handed out again.
 */
#define ASYNC_OP_POOLED		1024
#define ASYNC_OP_POOL_DEPTH	8

/*
 * The record's own unmap data, room for @slots mappings at its end: the
 * mappings of an operation live as long as its record, so they share its
 * allocation.  Once handed out, the unmap data holds a reference on the
 * record (@op).
 */
struct async_op_unmap {
	struct async_op *op;
	int slots;
	struct dmaengine_unmap_data data;
};

/*
 * @nr: without ASYNC_PCPU_ATOMIC, the records at the bottom of @op
 * @op: with ASYNC_PCPU_ATOMIC, slots (NULL when empty); else a stack
 */
struct async_op_pool {
	unsigned int nr;
	struct async_op *op[ASYNC_OP_POOL_DEPTH];
};

/*
 * Where this_cpu operations are single instructions that an interrupt
 * cannot split (CONFIG_HAVE_CMPXCHG_LOCAL), the counters and the pool's
 * slots are used with interrupts on.  Elsewhere (UML) each such
 * operation turns interrupts off and on again: the pool is a stack
 * there, and the completion handler turns them off once around its
 * counters and the record's release.
 */
#define ASYNC_PCPU_ATOMIC	IS_ENABLED(CONFIG_HAVE_CMPXCHG_LOCAL)

static __always_inline void async_pcpu_add(unsigned long __percpu *ctr,
					   unsigned long n)
{
	if (ASYNC_PCPU_ATOMIC)
		this_cpu_add(*ctr, n);
	else
		__this_cpu_add(*ctr, n);
}

static DEFINE_PER_CPU(struct async_op_pool, async_op_pool);

static struct async_op *async_op_from_pool(void)
{
	struct async_op_pool *pool;
	struct async_op *op = NULL;
	unsigned long flags;
	int i;

	if (ASYNC_PCPU_ATOMIC) {
		/* a slot seen full may be taken before the exchange: go on */
		for (i = 0; !op && i < ASYNC_OP_POOL_DEPTH; i++)
			if (this_cpu_read(async_op_pool.op[i]))
				op = this_cpu_xchg(async_op_pool.op[i], NULL);
	} else {
		local_irq_save(flags);
		pool = this_cpu_ptr(&async_op_pool);
		if (pool->nr)
			op = pool->op[--pool->nr];
		local_irq_restore(flags);
	}
	if (op)
		kasan_mempool_unpoison_object(op, ASYNC_OP_POOLED);
	return op;
}

/* Into a free slot, or false when there is none. */
static __always_inline bool async_op_to_slot(struct async_op *op)
{
	int i;

	for (i = 0; i < ASYNC_OP_POOL_DEPTH; i++)
		if (!this_cpu_read(async_op_pool.op[i]) &&
		    !this_cpu_cmpxchg(async_op_pool.op[i], NULL, op))
			return true;
	return false;
}

/* Onto the stack, or false when it is full; interrupts off. */
static __always_inline bool async_op_to_stack(struct async_op *op)
{
	struct async_op_pool *pool = this_cpu_ptr(&async_op_pool);

	if (pool->nr == ASYNC_OP_POOL_DEPTH)
		return false;
	pool->op[pool->nr++] = op;
	return true;
}

/*
 * Keep @op for reuse, or free it when this CPU's pool is full.  Called
 * with interrupts off when @irqs_off.
 */
static __always_inline void async_op_release(struct async_op *op,
					     bool irqs_off)
{
	unsigned long flags;
	bool kept;

	if (!op->pooled) {
		kfree(op);
		return;
	}
	/* false on a double put, which KASAN has reported */
	if (!kasan_mempool_poison_object(op))
		return;
	if (ASYNC_PCPU_ATOMIC) {
		kept = async_op_to_slot(op);
	} else if (irqs_off) {
		kept = async_op_to_stack(op);
	} else {
		local_irq_save(flags);
		kept = async_op_to_stack(op);
		local_irq_restore(flags);
	}
	if (!kept) {
		kasan_mempool_unpoison_object(op, ASYNC_OP_POOLED);
		kfree(op);
	}
}

static void async_op_pool_drain(void)
{
	struct async_op *op;
	int cpu, i;

	for_each_possible_cpu(cpu) {
		struct async_op_pool *pool = per_cpu_ptr(&async_op_pool, cpu);

		for (i = 0; i < ASYNC_OP_POOL_DEPTH; i++) {
			op = ASYNC_PCPU_ATOMIC ? xchg(&pool->op[i], NULL) :
			     i < pool->nr ? pool->op[i] : NULL;
			if (!op)
				continue;
			kasan_mempool_unpoison_object(op, ASYNC_OP_POOLED);
			kfree(op);
		}
		pool->nr = 0;
	}
}

/**
 * async_op_alloc() - allocate the record of an engine operation
 * @submit: the client's submission control
 * @kind: what the operation computes
 * @nr: the number of blocks to record
 * @extra: bytes of scratch room wanted at @op->extra, or 0
 *
 * Context: any; does not sleep.
 * Return: the record, or NULL when memory is short (the caller then
 * runs the operation on the CPU).
 */
struct async_op *async_op_alloc(struct async_submit_ctl *submit,
				enum async_op_kind kind, int nr, size_t extra)
{
	size_t size = struct_size_t(struct async_op, blk, nr);
	size_t extra_at = ALIGN(size, sizeof(u64));
	size_t unmap_at = ALIGN(extra_at + extra, sizeof(u64));
	size_t end = unmap_at + struct_size_t(struct async_op_unmap, data.addr,
					      nr + 1);
	bool pooled = end <= ASYNC_OP_POOLED;
	struct async_op *op = NULL;

	if (pooled)
		op = async_op_from_pool();
	if (!op)
		op = kmalloc(pooled ? ASYNC_OP_POOLED : end,
			     GFP_NOWAIT | __GFP_NOWARN);
	if (!op)
		return NULL;
	refcount_set(&op->refs, 1);
	op->nr = nr;
	op->pooled = pooled;
	op->extra = extra ? (char *)op + extra_at : NULL;
	op->unmap = (struct async_op_unmap *)((char *)op + unmap_at);
	op->unmap->slots = nr + 1;
	op->tx = NULL;
	op->chan = NULL;
	op->cb_fn = submit->cb_fn;
	op->cb_param = submit->cb_param;
	op->redo = NULL;
	op->finish = NULL;
	op->result = NULL;
	op->err = submit->err;
	op->failed = false;
	op->torn = false;
	op->inplace = false;
	op->passes_ok = 0;
	op->pass_first = 0;
	op->pass_next = 0;
	op->kind = kind;
	op->why = ASYNC_CPU_NO_DESCRIPTOR;
	op->flags = submit->flags;
	op->len = 0;
	op->arg[0] = 0;
	op->arg[1] = 0;
	return op;
}
EXPORT_SYMBOL_NS_GPL(async_op_alloc, ASYNC_TX);

/**
 * async_op_put() - drop a reference on an operation's record
 * @op: the record, or NULL
 *
 * The submitter drops its own reference with it when it gives up on an
 * operation before submitting the last descriptor.
 *
 * Context: any.
 */
void async_op_put(struct async_op *op)
{
	if (op && refcount_dec_and_test(&op->refs))
		async_op_release(op, false);
}
EXPORT_SYMBOL_NS_GPL(async_op_put, ASYNC_TX);

static void async_op_unmap_release(struct dmaengine_unmap_data *unmap)
{
	async_op_put(container_of(unmap, struct async_op_unmap, data)->op);
}

/**
 * async_op_get_unmap() - unmap data for an operation's mappings
 * @op: the operation's record
 * @dev: the device the pages are mapped for
 * @nr: how many mappings
 *
 * The first call hands out the room at the end of @op, which holds one
 * mapping more than the blocks @op was allocated for and keeps @op alive
 * until it is released; other calls, and larger requests, take unmap
 * data from dmaengine's pools.
 * Either way the caller holds one reference, dropped with
 * dmaengine_unmap_put().
 *
 * Context: any; does not sleep.
 * Return: the unmap data, or NULL when memory is short.
 */
struct dmaengine_unmap_data *async_op_get_unmap(struct async_op *op,
						struct device *dev, int nr)
{
	struct async_op_unmap *room = op->unmap;

	if (!room || nr > room->slots)
		return dmaengine_get_unmap_data(dev, nr, GFP_NOWAIT);
	op->unmap = NULL;
	room->op = op;
	refcount_inc(&op->refs);
	dmaengine_init_unmap_data(&room->data, dev, nr,
				  async_op_unmap_release);
	return &room->data;
}
EXPORT_SYMBOL_NS_GPL(async_op_get_unmap, ASYNC_TX);

#ifdef CONFIG_DMA_ENGINE
/**
 * __async_tx_find_channel() - the channel for an operation
 * @submit: the submission control; its dependency's channel is preferred
 * @tx_type: the operation
 *
 * Context: any.
 * Return: a channel that can do @tx_type, or NULL for the CPU path.
 */
struct dma_chan *__async_tx_find_channel(struct async_submit_ctl *submit,
					 enum dma_transaction_type tx_type)
{
	struct dma_async_tx_descriptor *dep = submit->depend_tx;

	/* staying on the parent's channel keeps the chain in order for free */
	if (dep && dma_has_cap(tx_type, dep->chan->device->cap_mask))
		return dep->chan;
	return async_dma_find_channel(tx_type);
}
EXPORT_SYMBOL_GPL(__async_tx_find_channel);
#endif

static bool async_tx_is_ours(struct dma_async_tx_descriptor *tx)
{
	return tx->callback_result == async_op_done ||
	       tx->callback_result == async_op_pass_done;
}

/* bit 0 of the finished mark: something was parked behind */
#define ASYNC_TX_PARKED		1UL

/* The record a handler's @param, the finished mark, points to. */
static struct async_op *async_op_of(void *param)
{
	return (struct async_op *)((unsigned long)param & ~ASYNC_TX_PARKED);
}

static bool async_tx_cookie_done(struct dma_async_tx_descriptor *tx)
{
	struct dma_chan *chan = tx->chan;
	dma_cookie_t cookie = READ_ONCE(tx->cookie);

	if (cookie == -EBUSY)
		return false;
	return dma_async_is_complete(cookie, READ_ONCE(chan->completed_cookie),
				     READ_ONCE(chan->cookie)) == DMA_COMPLETE;
}

/*
 * A child was just parked behind the descriptor of @cookie on @chan,
 * which completes without an interrupt: queue an interrupt descriptor
 * behind it, so that its completion handler runs and releases the child
 * without anybody polling @chan.  Without one (the channel has none to
 * give), poll @chan here until that descriptor is complete, which runs
 * its handler.
 */
static void async_tx_wake(struct dma_chan *chan, dma_cookie_t cookie)
{
	struct dma_device *dev = chan->device;
	struct dma_async_tx_descriptor *intr = NULL;

	if (dma_has_cap(DMA_INTERRUPT, dev->cap_mask))
		intr = dev->device_prep_dma_interrupt(chan, DMA_PREP_INTERRUPT);
	if (intr) {
		async_stat_inc(ASYNC_STAT_WOKEN);
		intr->callback = NULL;
		intr->callback_result = NULL;
		intr->tx_submit(intr);
		async_tx_ack(intr);
		dma_async_issue_pending(chan);
		return;
	}
	async_stat_inc(ASYNC_STAT_WAITED);
	if (dma_sync_wait(chan, cookie) != DMA_COMPLETE)
		pr_err_ratelimited("async_tx: %s: wait for a parent failed\n",
				   dma_chan_name(chan));
}

/*
 * Link @tx behind @dep, or behind the last operation already parked
 * behind it.  Return false when the walk met a finished operation: what
 * @tx waits for is then done and it may be submitted now.
 */
static bool async_tx_park(struct dma_async_tx_descriptor *dep,
			  struct dma_async_tx_descriptor *tx)
{
	struct dma_async_tx_descriptor *cur = dep, *next;
	dma_cookie_t cookie;
	struct dma_chan *chan;
	unsigned long flags;
	void *mark;
	bool quiet;

	spin_lock_irqsave(&cur->lock, flags);
	for (;;) {
		mark = READ_ONCE(cur->callback_param);
		if (!mark)
			goto finished;
		next = txd_next(cur);
		if (!next)
			break;
		/* hand over hand: @next cannot be released while we hold @cur */
		spin_lock(&next->lock);
		spin_unlock(&cur->lock);
		cur = next;
	}
	/*
	 * Sends @cur's handler to the lock we hold, unless it finished @cur
	 * first: only a handler changes a mark without the lock, to NULL.
	 */
	if (!((unsigned long)mark & ASYNC_TX_PARKED) &&
	    !try_cmpxchg(&cur->callback_param, &mark,
			 (void *)((unsigned long)mark | ASYNC_TX_PARKED)))
		goto finished;
	tx->cookie = -EBUSY;
	txd_chain(cur, tx);
	trace_async_tx_park(cur, tx);
	/* submitted without an interrupt: nothing may run its handler soon */
	cookie = READ_ONCE(cur->cookie);
	quiet = cookie != -EBUSY && !(cur->flags & DMA_PREP_INTERRUPT);
	chan = cur->chan;
	spin_unlock_irqrestore(&cur->lock, flags);
	if (quiet)
		async_tx_wake(chan, cookie);
	return true;

finished:
	spin_unlock_irqrestore(&cur->lock, flags);
	return false;
}

/*
 * Submit @tx on @chan after @dep (not NULL).  Called with @tx carrying
 * our callback and its record @op, before the client may see it.
 */
static void async_tx_order(struct dma_chan *chan,
			   struct dma_async_tx_descriptor *tx,
			   struct dma_async_tx_descriptor *dep,
			   struct async_op *op)
{
	if (async_tx_is_ours(dep)) {
		/* same channel, already queued: the channel orders them */
		if (dep->chan == chan && READ_ONCE(dep->cookie) != -EBUSY)
			goto submit;
		if (async_tx_park(dep, tx)) {
			async_stat_inc(ASYNC_STAT_PARKED);
			return;
		}
		goto submit;
	}

	/*
	 * A descriptor the client submitted itself: it ends without telling
	 * us, so only its channel's order or a wait can put us behind it.
	 */
	if ((dep->chan == chan && READ_ONCE(dep->cookie) > 0) ||
	    async_tx_cookie_done(dep))
		goto submit;
	async_stat_inc(ASYNC_STAT_WAITED);
	/* it could not be stopped: what @tx reads may still change */
	if (!async_tx_wait_or_stop(dep) && op && op->err)
		*op->err = -ETIMEDOUT;
submit:
	tx->tx_submit(tx);
}

/*
 * The first descriptor of @op goes to @chan: the engine path, traced.
 * It is counted when it completes (__async_op_count()).
 */
static void async_op_start(struct dma_chan *chan, struct async_op *op)
{
	if (op->chan)
		return;
	op->chan = chan;
	trace_async_tx_path(op, op->kind, chan, ASYNC_PATH_ENGINE, op->len);
}

/*
 * Count @op, which ran on an engine, globally and for its channel, and
 * whether its last descriptor asked for no interrupt (@quiet).  Called
 * once per operation, with interrupts off unless ASYNC_PCPU_ATOMIC.
 */
static __always_inline void __async_op_count(struct async_op *op, bool quiet)
{
	struct dma_chan_percpu __percpu *local = READ_ONCE(op->chan->local);

	if (!ASYNC_PCPU_ATOMIC)
		lockdep_assert_irqs_disabled();
	async_pcpu_add(&async_stats[ASYNC_STAT_ENGINE], 1);
	/* a channel being set up or torn down has no counters */
	if (local) {
		async_pcpu_add(&local->client[ASYNC_CHAN_OPS + op->kind], 1);
		async_pcpu_add(&local->client[ASYNC_CHAN_BYTES + op->kind],
			       op->len);
	}
	if (quiet)
		async_pcpu_add(&async_stats[ASYNC_STAT_QUIET], 1);
}

static void async_tx_attach(struct dma_chan *chan,
			    struct dma_async_tx_descriptor *tx,
			    struct async_submit_ctl *submit,
			    dma_async_tx_callback_result done, void *param,
			    bool last)
{
	struct dma_async_tx_descriptor *dep = submit->depend_tx;

	tx->callback = NULL;
	tx->callback_result = done;
	tx->callback_param = param;
	if (likely(!dep)) {
		tx->tx_submit(tx);
	} else {
		async_tx_order(chan, tx, dep, param);
		/* the client hands its dependency over to us */
		async_tx_ack(dep);
	}
	/* a pass is acknowledged by the next one, which depends on it */
	if (last && (submit->flags & ASYNC_TX_ACK))
		async_tx_ack(tx);
	submit->depend_tx = tx;
}

/**
 * async_tx_submit_op() - submit the last descriptor of an operation
 * @chan: the channel @tx was prepared on
 * @tx: the descriptor
 * @submit: the client's submission control; its dependency becomes @tx
 * @op: the operation's record, owned by @tx from here on
 *
 * Context: any; does not sleep unless @submit's dependency is a
 * descriptor async_tx did not submit, which is waited for.
 */
void async_tx_submit_op(struct dma_chan *chan,
			struct dma_async_tx_descriptor *tx,
			struct async_submit_ctl *submit, struct async_op *op)
{
	op->tx = tx;
	async_op_start(chan, op);
	async_tx_attach(chan, tx, submit, async_op_done, op, true);
}
EXPORT_SYMBOL_NS_GPL(async_tx_submit_op, ASYNC_TX);

/**
 * async_tx_submit_pass() - submit a descriptor that is not the last
 * @chan: the channel @tx was prepared on
 * @tx: the descriptor
 * @submit: the client's submission control; its dependency becomes @tx
 * @op: the operation it belongs to; an error marks @op failed
 *
 * For operations split over several descriptors on one channel (more
 * sources than the engine takes at once).
 *
 * Context: as async_tx_submit_op().
 */
void async_tx_submit_pass(struct dma_chan *chan,
			  struct dma_async_tx_descriptor *tx,
			  struct async_submit_ctl *submit, struct async_op *op)
{
	refcount_inc(&op->refs);
	async_op_start(chan, op);
	async_tx_attach(chan, tx, submit, async_op_pass_done, op, false);
}
EXPORT_SYMBOL_NS_GPL(async_tx_submit_pass, ASYNC_TX);

/**
 * async_tx_submit() - submit a descriptor prepared by the caller
 * @chan: the channel @tx was prepared on
 * @tx: the descriptor
 * @submit: the callback, dependency and flags; the dependency becomes @tx
 *
 * Orders @tx after @submit->depend_tx as for async_tx's own operations.
 * When no record can be allocated for it, the dependency is waited for
 * instead of parked.
 *
 * Context: any; may spin waiting for a dependency.
 */
void async_tx_submit(struct dma_chan *chan, struct dma_async_tx_descriptor *tx,
		     struct async_submit_ctl *submit)
{
	struct async_op *op = async_op_alloc(submit, ASYNC_OP_CLIENT, 0, 0);

	trace_async_tx_op(ASYNC_OP_CLIENT, 0, 0, submit->flags);
	if (op) {
		async_tx_submit_op(chan, tx, submit, op);
		return;
	}
	async_tx_wait_dep(submit);
	tx->callback_result = NULL;
	tx->callback = submit->cb_fn;
	tx->callback_param = submit->cb_param;
	tx->tx_submit(tx);
	if (submit->flags & ASYNC_TX_ACK)
		async_tx_ack(tx);
	submit->depend_tx = tx;
}
EXPORT_SYMBOL_GPL(async_tx_submit);

/* what a provider that passes no result means */
static const struct dmaengine_result async_res_ok = { DMA_TRANS_NOERROR, 0 };

/*
 * What a descriptor's result says about its destination: written in
 * whole (it succeeded), untouched (the channel dropped it, or the engine
 * failed it with the whole length as residue), or perhaps in part.
 */
enum async_wrote { ASYNC_WROTE_ALL, ASYNC_WROTE_NOTHING, ASYNC_WROTE_PART };

static enum async_wrote async_res_wrote(const struct async_op *op,
					const struct dmaengine_result *res)
{
	switch (res->result) {
	case DMA_TRANS_NOERROR:
		return ASYNC_WROTE_ALL;
	case DMA_TRANS_ABORTED:
		return ASYNC_WROTE_NOTHING;
	default:
		return res->residue >= op->len ? ASYNC_WROTE_NOTHING :
						 ASYNC_WROTE_PART;
	}
}

/*
 * Account one descriptor of @op.  Its passes complete in submission
 * order on one channel; the in-place result is known as long as every
 * pass either completed or wrote nothing, and none completed after one
 * that failed (the channel stops on an error, so none does).
 */
static void async_op_account(struct async_op *op,
			     const struct dmaengine_result *res)
{
	switch (async_res_wrote(op, res)) {
	case ASYNC_WROTE_ALL:
		if (op->failed)
			op->torn = true;
		else
			op->passes_ok++;
		break;
	case ASYNC_WROTE_PART:
		op->torn = true;
		fallthrough;
	case ASYNC_WROTE_NOTHING:
		op->failed = true;
		break;
	}
}

static void async_op_pass_done(void *param, const struct dmaengine_result *res)
{
	struct async_op *op = async_op_of(param);

	async_op_account(op, res ? res : &async_res_ok);
	async_op_put(op);
}

/* Source blocks in the destination after @op's completed passes. */
static int async_op_progress(const struct async_op *op)
{
	if (!op->passes_ok)
		return 0;
	return op->pass_first + (op->passes_ok - 1) * op->pass_next;
}

/*
 * A descriptor of @op failed.  The recovery rules, in order:
 *
 * - an operation whose inputs the engine does not write (a copy, a fill,
 *   an xor or syndrome into a destination that is not an input, a check)
 *   is recomputed on the CPU from the start;
 * - an update in place (xor into the old destination, P and Q added to)
 *   whose passes each completed or wrote nothing, in order, is finished
 *   on the CPU from the last pass that completed (from the start when
 *   none did);
 * - anything else - an engine that failed after writing part of an
 *   in-place destination - is lost: the client's error word gets -EIO, a
 *   check reports both P and Q wrong, and the log says so.
 *
 * Descriptors behind a failed one on its channel do not run before this
 * handler has returned (see the provider rules in the documentation), so
 * whatever reads this operation's result reads the repaired one.
 */
static void async_op_repaired(struct async_op *op, enum async_repair how)
{
	trace_async_tx_repair(op, op->kind, op->chan, how, op->passes_ok);
	if (op->chan)
		async_chan_add(op->chan, ASYNC_CHAN_REPAIR + how, 1);
	async_stat_inc(how == ASYNC_REPAIR_LOST ? ASYNC_STAT_LOST :
						  ASYNC_STAT_REDONE);
}

static void async_op_repair(struct async_op *op)
{
	int done = async_op_progress(op);

	if (op->redo && (!op->inplace || !op->torn)) {
		if (op->inplace && done && op->finish) {
			op->finish(op, done);
			async_op_repaired(op, ASYNC_REPAIR_FINISHED);
		} else {
			op->redo(op);
			async_op_repaired(op, ASYNC_REPAIR_RECOMPUTED);
		}
		return;
	}
	async_op_repaired(op, ASYNC_REPAIR_LOST);
	if (op->result)
		*op->result |= SUM_CHECK_P_RESULT | SUM_CHECK_Q_RESULT;
	if (op->err)
		*op->err = -EIO;
	pr_err_ratelimited("async_tx: engine error on %s, result unusable\n",
			   op->tx ? dma_chan_name(op->tx->chan) : "a split operation");
}

/**
 * async_op_finish_on_cpu() - complete a split operation on the CPU
 * @op: the operation; the caller's reference is consumed
 * @done: the source blocks the passes submitted so far take
 * @submit: the client's submission control; its dependency is the last
 *	pass submitted
 *
 * For an operation whose engine ran out of descriptors after some of
 * its passes were submitted; the caller has dropped its own reference on
 * the operation's unmap data.  Waits until those passes have completed
 * and been accounted for; if they all succeeded the CPU adds the other
 * sources, else the operation is repaired by the rules of
 * async_op_repair().  Then the client's callback runs.
 *
 * Context: as async_tx_wait_dep().
 */
void async_op_finish_on_cpu(struct async_op *op, int done,
			    struct async_submit_ctl *submit)
{
	bool ok = async_tx_wait_dep(submit);
	/* from the end of that wait, however long it took */
	unsigned long deadline = jiffies + HZ;
	unsigned long flags;

	/*
	 * The passes' handlers hold a reference each until they have run,
	 * and the record's unmap data, when the mappings are in it, one
	 * until the provider has unmapped the pages.
	 */
	while (ok && refcount_read(&op->refs) > 1) {
		if (time_after(jiffies, deadline)) {
			async_stat_inc(ASYNC_STAT_TIMEOUT);
			pr_err_ratelimited("async_tx: %s: passes not handed over, split operation not finished\n",
					   dma_chan_name(op->chan));
			ok = false;
			break;
		}
		dma_wait_relax();
	}
	/* what the handlers wrote before dropping their references */
	smp_rmb();
	local_irq_save(flags);
	__async_op_count(op, false);
	local_irq_restore(flags);
	if (ok && !op->failed)
		op->finish(op, done);
	else if (ok)
		async_op_repair(op);
	else if (op->err)
		*op->err = -ETIMEDOUT;
	trace_async_tx_complete(op, op->kind, op->chan,
				ok ? DMA_TRANS_NOERROR : DMA_TRANS_ABORTED, 0);
	async_op_put(op);
	async_tx_sync_epilog(submit);
}
EXPORT_SYMBOL_NS_GPL(async_op_finish_on_cpu, ASYNC_TX);

/* An interrupt descriptor has nothing to recompute. */
static void async_redo_nothing(struct async_op *op)
{
}

static void async_op_done(void *param, const struct dmaengine_result *res)
{
	struct async_op *op = async_op_of(param);
	struct dma_async_tx_descriptor *tx = op->tx, *parked = NULL;
	unsigned long flags = 0, lock_flags;
	void *mark = op;

	if (unlikely(op->failed || (res && res->result != DMA_TRANS_NOERROR))) {
		async_op_account(op, res ? res : &async_res_ok);
		if (op->redo != async_redo_nothing)
			async_op_repair(op);
	}
	if (op->cb_fn)
		op->cb_fn(op->cb_param);
	trace_async_tx_complete(op, op->kind, op->chan,
				res ? res->result : DMA_TRANS_NOERROR,
				res ? res->residue : 0);
	/* once, around what needs it off, where per-CPU counters need it */
	if (!ASYNC_PCPU_ATOMIC)
		local_irq_save(flags);
	__async_op_count(op, !(tx->flags & DMA_PREP_INTERRUPT));

	/*
	 * The finished mark, after the repair and the callback: nothing was
	 * parked behind @tx when it is still @op, and nothing can be once it
	 * is NULL.  Else what was parked is released, all there is.
	 */
	if (unlikely(!try_cmpxchg(&tx->callback_param, &mark, NULL))) {
		spin_lock_irqsave(&tx->lock, lock_flags);
		/* pairs with async_tx_finished(), as the exchange does */
		smp_store_release(&tx->callback_param, NULL);
		parked = txd_next(tx);
		if (parked)
			trace_async_tx_release(tx, parked);
		spin_unlock_irqrestore(&tx->lock, lock_flags);
	}
	if (refcount_dec_and_test(&op->refs))
		async_op_release(op, !ASYNC_PCPU_ATOMIC);
	if (!ASYNC_PCPU_ATOMIC)
		local_irq_restore(flags);
	/* the provider may call it too; the first call takes the child */
	if (parked)
		dma_run_dependencies(tx);
}

/*
 * How long a dependency is waited for before the engine running it is
 * stopped: in a context that may sleep (the waiter yields the CPU), and
 * in one that may not (it spins).
 */
static unsigned int async_wait_ms = 5000;
module_param_named(wait_ms, async_wait_ms, uint, 0644);
MODULE_PARM_DESC(wait_ms,
		 "ms a dependency is waited for before its engine is stopped");
#define ASYNC_ATOMIC_WAIT_MS	500

#if IS_ENABLED(CONFIG_KUNIT)
/**
 * async_tx_set_wait_ms() - change how long dependencies are waited for
 * @ms: the new wait, as the wait_ms parameter
 *
 * For tests of the timeout path, which cannot wait seconds.
 *
 * Return: the previous value.
 */
unsigned int async_tx_set_wait_ms(unsigned int ms)
{
	return xchg(&async_wait_ms, ms);
}
EXPORT_SYMBOL_IF_KUNIT(async_tx_set_wait_ms);
#endif

/*
 * Whether @t is finished: complete and, for an operation async_tx
 * submitted, its completion handler has run (and repaired it).  Polls
 * the channel, which lets a provider that completes descriptors when
 * polled make progress.
 */
static bool async_tx_finished(struct dma_async_tx_descriptor *t)
{
	dma_cookie_t cookie = READ_ONCE(t->cookie);
	bool complete;

	if (cookie == -EBUSY)
		return false;
	/* asked even for ours: the provider may complete it when polled */
	complete = dma_async_is_tx_complete(t->chan, cookie, NULL, NULL) !=
		   DMA_IN_PROGRESS;
	if (t->callback_result == async_op_done)
		/* the mark, then what the handler wrote (repair, callback) */
		return !smp_load_acquire(&t->callback_param);
	return complete;
}

static inline bool async_tx_wait_for(struct dma_async_tx_descriptor *t,
				     unsigned int ms)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(ms);

	if (READ_ONCE(t->cookie) == -EBUSY)
		dma_issue_pending_all();
	else
		dma_async_issue_pending(t->chan);
	while (!async_tx_finished(t)) {
		if (time_after(jiffies, deadline))
			return false;
		dma_wait_relax();
	}
	return true;
}

/*
 * The channel whose work @t waits for: its own once submitted, else
 * that of the operation it is parked behind.
 */
static struct dma_chan *async_tx_stuck_chan(struct dma_async_tx_descriptor *t)
{
	struct dma_async_tx_descriptor *parent;
	struct dma_chan *chan = t->chan;
	unsigned long flags;

	spin_lock_irqsave(&t->lock, flags);
	parent = txd_parent(t);
	/* a parent that still holds @t has not finished: it is alive */
	if (READ_ONCE(t->cookie) == -EBUSY && parent)
		chan = parent->chan;
	spin_unlock_irqrestore(&t->lock, flags);
	return chan;
}

/*
 * The wait of async_tx_wait_or_stop() ran out after @ms: stop the
 * channel running @t's work and wait as long again.
 */
static noinline bool async_tx_stop_and_wait(struct dma_async_tx_descriptor *t,
					    unsigned int ms)
{
	struct dma_chan *chan;

	async_stat_inc(ASYNC_STAT_TIMEOUT);
	chan = async_tx_stuck_chan(t);
	trace_async_tx_timeout(chan, ms, false);
	pr_warn_ratelimited("async_tx: %s: work not done after %u ms, stopping the channel\n",
			    dma_chan_name(chan), ms);
	dmaengine_terminate_async(chan);
	if (async_tx_wait_for(t, ms))
		return true;
	trace_async_tx_timeout(chan, ms, true);
	pr_err_ratelimited("async_tx: %s: stopped channel still busy, dependent not run\n",
			   dma_chan_name(chan));
	return false;
}

/*
 * The first @ms of a wait ran out: a waiter that may sleep goes on for
 * the rest of wait_ms, then the channel is stopped.
 */
static noinline bool async_tx_wait_longer(struct dma_async_tx_descriptor *t,
					  unsigned int ms)
{
	unsigned int all = async_wait_ms;

	if (preemptible() && all > ms) {
		if (async_tx_wait_for(t, all - ms))
			return true;
		ms = all;
	}
	return async_tx_stop_and_wait(t, ms);
}

/*
 * Wait until @t is finished.  A waiter that may sleep yields the CPU
 * between polls for up to wait_ms; one that may not spins for at most
 * ASYNC_ATOMIC_WAIT_MS.  When that is not enough, the channel running
 * the work is stopped (its provider aborts what it holds, and async_tx
 * recomputes aborted operations on the CPU) and waited for as long
 * again.  Return false when @t is still not finished: an engine may
 * still write its destination, so nothing may compute on it.
 */
static inline bool async_tx_wait_or_stop(struct dma_async_tx_descriptor *t)
{
	unsigned int ms = min(async_wait_ms, ASYNC_ATOMIC_WAIT_MS);

	/* hard interrupt context would wait for handlers queued behind it */
	if (WARN_ON_ONCE(in_hardirq()))
		ms = min(ms, 1U);
	/* first as long as any waiter may: nothing to ask of the context */
	if (likely(async_tx_wait_for(t, ms)))
		return true;
	return async_tx_wait_longer(t, ms);
}

/*
 * Wait for *@tx as async_tx_wait_or_stop() does, acknowledge it and
 * clear *@tx.  Return false when it could not be finished.
 */
static bool async_tx_release(struct dma_async_tx_descriptor **tx)
{
	struct dma_async_tx_descriptor *t = *tx;
	bool ok;

	if (!t)
		return true;
	if (WARN_ON_ONCE(async_tx_test_ack(t)))
		pr_err("async_tx: waiting on an acknowledged descriptor\n");
	ok = async_tx_wait_or_stop(t);
	async_tx_ack(t);
	*tx = NULL;
	return ok;
}

/**
 * async_tx_wait_dep() - wait for an operation's dependency on the CPU path
 * @submit: the operation's submission control; its dependency is
 *	acknowledged and cleared
 *
 * For an operation about to run on the CPU: waits as async_tx_quiesce()
 * does.  When the dependency could not be finished (its engine does not
 * complete and cannot be stopped), the operation must not run: its
 * destination may still be written.  -ETIMEDOUT then goes to the
 * client's error word.
 *
 * Context: as async_tx_quiesce().
 * Return: true when the operation may run.
 */
bool async_tx_wait_dep(struct async_submit_ctl *submit)
{
	bool ok = async_tx_release(&submit->depend_tx);

	if (!ok && submit->err)
		*submit->err = -ETIMEDOUT;
	return ok;
}
EXPORT_SYMBOL_NS_GPL(async_tx_wait_dep, ASYNC_TX);

/**
 * __async_tx_cpu_path() - async_tx_cpu_path() past its inline part
 * @chan: as for async_tx_cpu_path()
 * @submit: as for async_tx_cpu_path()
 * @kind: as for async_tx_cpu_path()
 * @why: as for async_tx_cpu_path()
 *
 * For a channel that could not take the operation, or a dependency to
 * wait for.
 *
 * Context: as async_tx_quiesce().
 * Return: true when the operation may run on the CPU.
 */
bool __async_tx_cpu_path(struct dma_chan *chan,
			 struct async_submit_ctl *submit,
			 enum async_op_kind kind, enum async_path why)
{
	trace_async_tx_path(submit, kind, chan, why, 0);
	/* no channel is the CPU's ordinary work: not counted, traced */
	if (chan) {
		async_stat_inc(ASYNC_STAT_CPU + why);
		async_chan_add(chan, ASYNC_CHAN_CPU + why, 1);
	}
	if (!submit->depend_tx)
		return true;
	return async_tx_wait_dep(submit);
}
EXPORT_SYMBOL_NS_GPL(__async_tx_cpu_path, ASYNC_TX);

/**
 * async_tx_quiesce() - wait for an operation and release it
 * @tx: the descriptor to wait for; set to NULL on return
 *
 * Waits until the operation is complete and, for one async_tx
 * submitted, until its completion handler has run (which repairs the
 * result of a failed engine operation), then acknowledges it.  In a
 * context that may sleep the waiter yields the CPU while it waits;
 * otherwise it spins, for a bounded time.  Work that does not complete
 * in time is stopped (see the documentation); if even that fails, the
 * log says so and the caller must not trust the operation's result.
 *
 * Context: process context, or softirq and atomic contexts (bounded
 * spin); not hard interrupt context.
 */
void async_tx_quiesce(struct dma_async_tx_descriptor **tx)
{
	async_tx_release(tx);
}
EXPORT_SYMBOL_GPL(async_tx_quiesce);

/**
 * async_trigger_callback() - run a callback when a dependency completes
 * @submit: the dependency, the callback and flags
 *
 * Without a dependency, or when the dependency's channel cannot queue an
 * interrupt descriptor, the dependency is waited for and the callback
 * runs now, in the caller's context.
 *
 * Context: any; may spin waiting for the dependency.
 * Return: the interrupt descriptor, or NULL when the callback has run.
 */
struct dma_async_tx_descriptor *
async_trigger_callback(struct async_submit_ctl *submit)
{
	struct dma_async_tx_descriptor *dep = submit->depend_tx;
	struct dma_async_tx_descriptor *tx = NULL;
	enum async_path why = ASYNC_CPU_NO_CHANNEL;
	struct dma_chan *chan = NULL;
	struct dma_device *dev;
	struct async_op *op;

	trace_async_tx_op(ASYNC_OP_INTERRUPT, 0, 0, submit->flags);
	if (!dep)
		goto sync;
	dev = dep->chan->device;
	if (!dma_has_cap(DMA_INTERRUPT, dev->cap_mask))
		goto sync;
	chan = dep->chan;
	why = ASYNC_CPU_NO_MEMORY;
	op = async_op_alloc(submit, ASYNC_OP_INTERRUPT, 0, 0);
	if (!op)
		goto sync;
	why = ASYNC_CPU_NO_DESCRIPTOR;
	tx = dev->device_prep_dma_interrupt(chan, DMA_PREP_INTERRUPT);
	if (!tx) {
		async_op_put(op);
		goto sync;
	}
	op->redo = async_redo_nothing;
	async_tx_submit_op(chan, tx, submit, op);
	return tx;

sync:
	async_tx_cpu_path(chan, submit, ASYNC_OP_INTERRUPT, why);
	async_tx_cpu_done(submit, ASYNC_OP_INTERRUPT);
	return NULL;
}
EXPORT_SYMBOL_GPL(async_trigger_callback);

static int async_stats_show(struct seq_file *s, void *unused)
{
	static const char * const names[ASYNC_STAT_NR] = {
		[ASYNC_STAT_ENGINE] = "engine_ops",
		[ASYNC_STAT_PARKED] = "parked",
		[ASYNC_STAT_WAITED] = "waited",
		[ASYNC_STAT_REDONE] = "errors_recomputed",
		[ASYNC_STAT_LOST] = "errors_unrecoverable",
		[ASYNC_STAT_QUIET] = "no_interrupt",
		[ASYNC_STAT_WOKEN] = "interrupts_added",
		[ASYNC_STAT_TIMEOUT] = "wait_timeouts",
		[ASYNC_STAT_CPU + ASYNC_CPU_ALIGNMENT] = "cpu_alignment",
		[ASYNC_STAT_CPU + ASYNC_CPU_LIMITS] = "cpu_limits",
		[ASYNC_STAT_CPU + ASYNC_CPU_NO_DESCRIPTOR] = "cpu_no_descriptor",
		[ASYNC_STAT_CPU + ASYNC_CPU_NO_MEMORY] = "cpu_no_memory",
	};
	unsigned long fallbacks = 0;
	int i;

	for (i = 0; i < ASYNC_STAT_NR; i++)
		if (names[i])
			seq_printf(s, "%s %lu\n", names[i],
				   async_tx_stat_sum(i));
	/* a channel was found, the CPU did the work: every reason's count */
	for (i = ASYNC_CPU_NO_CHANNEL + 1; i < ASYNC_PATH_NR; i++)
		fallbacks += async_tx_stat_sum(ASYNC_STAT_CPU + i);
	seq_printf(s, "cpu_fallbacks %lu\n", fallbacks);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(async_stats);

/* the names of a channel's counters, as async_tx/channels prints them */
static const char * const async_kind_names[ASYNC_OP_ENGINE_NR] = {
	[ASYNC_OP_MEMCPY] = "memcpy",
	[ASYNC_OP_MEMSET] = "memset",
	[ASYNC_OP_XOR] = "xor",
	[ASYNC_OP_XOR_VAL] = "xor_val",
	[ASYNC_OP_PQ] = "pq",
	[ASYNC_OP_PQ_VAL] = "pq_val",
	[ASYNC_OP_MULSUM] = "mulsum",
	[ASYNC_OP_INTERRUPT] = "interrupt",
	[ASYNC_OP_CLIENT] = "client",
};

static const char * const async_why_names[ASYNC_PATH_NR] = {
	[ASYNC_CPU_ALIGNMENT] = "alignment",
	[ASYNC_CPU_LIMITS] = "limits",
	[ASYNC_CPU_NO_DESCRIPTOR] = "no_descriptor",
	[ASYNC_CPU_NO_MEMORY] = "no_memory",
};

static const char * const async_repair_names[ASYNC_REPAIR_NR] = {
	[ASYNC_REPAIR_RECOMPUTED] = "recomputed",
	[ASYNC_REPAIR_FINISHED] = "finished",
	[ASYNC_REPAIR_LOST] = "lost",
};

/*
 * One line per registered channel:
 *   <chan> <op>=<count>/<bytes>... cpu_<why>=<n>... <repair>=<n>...
 * operations that never ran on it are left out.
 */
static int async_chan_show(struct dma_chan *chan, void *arg)
{
	struct seq_file *s = arg;
	int i;

	seq_puts(s, dma_chan_name(chan));
	for (i = 0; i < ASYNC_OP_ENGINE_NR; i++) {
		unsigned long n = async_tx_chan_stat_sum(chan, ASYNC_CHAN_OPS + i);

		if (n)
			seq_printf(s, " %s=%lu/%lu", async_kind_names[i], n,
				   async_tx_chan_stat_sum(chan,
							  ASYNC_CHAN_BYTES + i));
	}
	for (i = 0; i < ASYNC_PATH_NR; i++)
		if (async_why_names[i])
			seq_printf(s, " cpu_%s=%lu", async_why_names[i],
				   async_tx_chan_stat_sum(chan,
							  ASYNC_CHAN_CPU + i));
	for (i = 0; i < ASYNC_REPAIR_NR; i++)
		seq_printf(s, " %s=%lu", async_repair_names[i],
			   async_tx_chan_stat_sum(chan, ASYNC_CHAN_REPAIR + i));
	seq_putc(s, '\n');
	return 0;
}

static int async_channels_show(struct seq_file *s, void *unused)
{
	return dmaengine_visit_channels(s, async_chan_show);
}
DEFINE_SHOW_ATTRIBUTE(async_channels);

static int __init async_tx_init(void)
{
	async_dmaengine_get();
	async_debugfs = debugfs_create_dir("async_tx", NULL);
	debugfs_create_file("stats", 0444, async_debugfs, NULL,
			    &async_stats_fops);
	debugfs_create_file("channels", 0444, async_debugfs, NULL,
			    &async_channels_fops);
	return 0;
}

static void __exit async_tx_exit(void)
{
	debugfs_remove_recursive(async_debugfs);
	async_dmaengine_put();
	async_op_pool_drain();
}

module_init(async_tx_init);
module_exit(async_tx_exit);

MODULE_DESCRIPTION("async_tx: asynchronous bulk memory operations");
MODULE_LICENSE("GPL");
