/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared between the async_tx core and the files of its operations:
 * the record an engine operation carries until it completes, and the
 * CPU routines every path falls back to.  The functions below that are
 * not inline are exported in the ASYNC_TX symbol namespace: a module of
 * ours that calls them says MODULE_IMPORT_NS(ASYNC_TX); nothing outside
 * async_tx should.  The inline ones are the common cases of hot paths.
 */
#ifndef _ASYNC_TX_INTERNAL_H
#define _ASYNC_TX_INTERNAL_H

#include <linux/async_tx.h>
#include <linux/dma-mapping.h>
#include <linux/mm.h>
#include <linux/refcount.h>
#include <trace/events/async_tx.h>

struct async_op;

/* async_tx's counters, summed over CPUs in debugfs */
enum async_stat {
	ASYNC_STAT_ENGINE,	/* operations an engine ran, as they complete */
	ASYNC_STAT_PARKED,	/* of those, parked behind their parent */
	ASYNC_STAT_WAITED,	/* dependencies waited for on the CPU */
	ASYNC_STAT_REDONE,	/* engine errors repaired on the CPU */
	ASYNC_STAT_LOST,	/* engine errors that could not be repaired */
	ASYNC_STAT_QUIET,	/* engine operations that asked for no interrupt */
	ASYNC_STAT_WOKEN,	/* interrupt descriptors queued behind those */
	ASYNC_STAT_TIMEOUT,	/* waits that ran out and stopped a channel */
	ASYNC_STAT_CPU,		/* + enum async_path: fallbacks, by reason */
	ASYNC_STAT_NR = ASYNC_STAT_CPU + ASYNC_PATH_NR,
};

/*
 * async_tx's counters of a channel, in the core's per-CPU area of the
 * channel (dma_chan_percpu.client): what ran on it, what it could not
 * take, and how its errors were dealt with.
 */
enum async_chan_stat {
	ASYNC_CHAN_OPS,		/* + enum async_op_kind: operations */
	ASYNC_CHAN_BYTES = ASYNC_CHAN_OPS + ASYNC_OP_ENGINE_NR,	/* + kind */
	ASYNC_CHAN_CPU = ASYNC_CHAN_BYTES + ASYNC_OP_ENGINE_NR,	/* + path */
	ASYNC_CHAN_REPAIR = ASYNC_CHAN_CPU + ASYNC_PATH_NR,	/* + repair */
	ASYNC_CHAN_STAT_NR = ASYNC_CHAN_REPAIR + ASYNC_REPAIR_NR,
};

static_assert(ASYNC_CHAN_STAT_NR <= DMA_CHAN_CLIENT_STATS);

#if IS_ENABLED(CONFIG_KUNIT)
unsigned long async_tx_stat_sum(enum async_stat stat);
unsigned long async_tx_chan_stat_sum(struct dma_chan *chan,
				     enum async_chan_stat stat);
unsigned int async_tx_set_wait_ms(unsigned int ms);
#endif

/*
 * Recompute @op on the CPU after its engine reported an error.  Only
 * set for operations whose inputs the engine cannot have changed.
 */
typedef void (*async_redo_fn)(struct async_op *op);

/*
 * Complete an operation split over several descriptors on the CPU when
 * its passes up to some point completed and the rest wrote nothing:
 * the first @done source blocks are in the destination already.
 */
typedef void (*async_finish_fn)(struct async_op *op, int done);

/**
 * struct async_blk - one block of an operation
 * @page: its page, or NULL for a block of zeroes
 * @off: the offset in @page
 */
struct async_blk {
	struct page *page;
	unsigned int off;
};

struct async_op_unmap;

/**
 * struct async_op - an engine operation until it completes
 * @refs: one per descriptor submitted for it, plus the submitter's
 *	until the last descriptor is submitted
 * @tx: the descriptor whose completion ends the operation
 * @chan: the channel its descriptors went to, once the first did
 * @cb_fn: the client's callback
 * @cb_param: its argument
 * @redo: CPU recomputation after an engine error, or NULL when the
 *	result cannot be recomputed (a descriptor the client prepared)
 * @finish: for an operation split into passes, CPU completion from the
 *	last pass that completed, or NULL
 * @result: where a validation stores its verdict, or NULL
 * @err: the client's error word (&async_submit_ctl.err), or NULL
 * @failed: a pass of this operation reported an error
 * @torn: a pass reported an error after it may have written part of
 *	the destination, or a pass completed after one that failed: an
 *	in-place update can then not be finished from its passes
 * @inplace: the destination is also an input: @redo is only right when
 *	no descriptor wrote it; otherwise @finish, from the passes that
 *	completed in order, is
 * @pooled: the record goes back to a per-CPU pool when it is put
 * @passes_ok: passes that completed, in order, before any failed
 * @pass_first: sources the first pass takes
 * @pass_next: sources each later pass takes
 * @kind: what the operation computes
 * @why: set by an <op>_on_engine() that gives up: why the CPU runs it
 * @flags: the client's enum async_tx_flags
 * @len: bytes per block
 * @nr: entries in @blk
 * @arg: operation-specific values (the fill byte; the two coefficients
 *	of a multiply-and-sum)
 * @extra: room the operation asked for when allocating the record
 *	(bus address lists, pointer arrays for its redo function)
 * @unmap: room at the end of the record for the unmap data of one
 *	mapping more than the blocks it was allocated for, until
 *	async_op_get_unmap() hands it out
 * @blk: the blocks, in the order the operation's redo function expects
 *
 * Allocated per engine operation (from a per-CPU pool of records when
 * it fits) and put by its completion handler; the CPU path never
 * allocates one.
 */
struct async_op {
	refcount_t refs;
	struct dma_async_tx_descriptor *tx;
	struct dma_chan *chan;
	dma_async_tx_callback cb_fn;
	void *cb_param;
	async_redo_fn redo;
	async_finish_fn finish;
	enum sum_check_flags *result;
	int *err;
	bool failed;
	bool torn;
	bool inplace;
	bool pooled;
	u16 passes_ok;
	u16 pass_first;
	u16 pass_next;
	u8 kind;
	u8 why;
	enum async_tx_flags flags;
	size_t len;
	int nr;
	int arg[2];
	void *extra;
	struct async_op_unmap *unmap;
	struct async_blk blk[] __counted_by(nr);
};

/*
 * Every operation's engine path has one shape: the operation allocates
 * its record (async_op_alloc()) once it has a channel, fills it and
 * hands it to its <op>_on_engine(chan, op, submit, &tx).  That returns
 * true when it took the record: the operation was submitted (tx is its
 * last descriptor), or the engine took part of a split operation and the
 * CPU finished the rest (tx is NULL, the callback has run).  It returns
 * false when it submitted nothing, with op->why saying why (no
 * descriptor unless it sets another reason); the record is then the
 * caller's to put before the CPU path runs.
 */
struct async_op *async_op_alloc(struct async_submit_ctl *submit,
				enum async_op_kind kind, int nr, size_t extra);
void async_op_put(struct async_op *op);
struct dmaengine_unmap_data *async_op_get_unmap(struct async_op *op,
						struct device *dev, int nr);
bool async_tx_wait_dep(struct async_submit_ctl *submit);
bool __async_tx_cpu_path(struct dma_chan *chan,
			 struct async_submit_ctl *submit,
			 enum async_op_kind kind, enum async_path why);

/**
 * async_tx_cpu_path() - turn an operation to the CPU
 * @chan: the channel found for it, or NULL when there was none
 * @submit: the operation's submission control
 * @kind: what the operation computes
 * @why: why the CPU runs it
 *
 * Traces the path; when a capable channel was found but could not take
 * the operation (limits, alignment, exhaustion, memory), counts it by
 * @why globally and for @chan.  Then waits for its dependency as
 * async_tx_wait_dep() does.  async_tx_cpu_done() ends the operation.
 * The CPU's ordinary work, no channel and nothing to wait for, takes no
 * call.
 *
 * Context: as async_tx_quiesce().
 * Return: true when the operation may run on the CPU.
 */
static inline bool async_tx_cpu_path(struct dma_chan *chan,
				     struct async_submit_ctl *submit,
				     enum async_op_kind kind,
				     enum async_path why)
{
	if (likely(!chan && !submit->depend_tx)) {
		trace_async_tx_path(submit, kind, NULL, why, 0);
		return true;
	}
	return __async_tx_cpu_path(chan, submit, kind, why);
}

/*
 * End an operation that ran on the CPU (async_tx_cpu_path() began it):
 * its callback runs now, in the caller's context.
 */
static inline void async_tx_cpu_done(struct async_submit_ctl *submit,
				     enum async_op_kind kind)
{
	trace_async_tx_cpu_done(submit, kind);
	async_tx_sync_epilog(submit);
}

void async_op_finish_on_cpu(struct async_op *op, int done,
			    struct async_submit_ctl *submit);
void async_tx_submit_op(struct dma_chan *chan,
			struct dma_async_tx_descriptor *tx,
			struct async_submit_ctl *submit, struct async_op *op);
void async_tx_submit_pass(struct dma_chan *chan,
			  struct dma_async_tx_descriptor *tx,
			  struct async_submit_ctl *submit, struct async_op *op);

/**
 * async_tx_submit_mapped() - submit a prepared descriptor with its mappings
 * @chan: the channel @tx was prepared on
 * @tx: the descriptor, or NULL when prep failed
 * @unmap: the mappings; the caller's reference is dropped either way
 * @submit: the client's submission control
 * @op: the operation's record, owned by @tx when it is submitted
 *
 * The common end of a single-descriptor operation's engine path.
 *
 * Context: as async_tx_submit_op().
 * Return: true when @tx was submitted and took @op; false when there was
 * no descriptor and @op is still the caller's.
 */
static inline bool
async_tx_submit_mapped(struct dma_chan *chan, struct dma_async_tx_descriptor *tx,
		       struct dmaengine_unmap_data *unmap,
		       struct async_submit_ctl *submit, struct async_op *op)
{
	if (tx) {
		dma_set_unmap(tx, unmap);
		async_tx_submit_op(chan, tx, submit, op);
	}
	dmaengine_unmap_put(unmap);
	return tx;
}

/**
 * async_dma_map_pages() - map blocks into unmap data
 * @dev: the engine's device
 * @unmap: the unmap data; the mapped count of @dir is raised per block
 * @first: the index in @unmap->addr of the first block
 * @blk: the blocks; a block without a page maps to address 0
 * @nr: how many
 * @len: bytes per block
 * @dir: the direction
 *
 * Inline: each caller maps a known direction, often a single block.
 *
 * Context: any.
 * Return: true when every block is mapped; false on a mapping error,
 * after which the caller drops @unmap (which unmaps what was mapped).
 */
static inline bool async_dma_map_pages(struct device *dev,
				       struct dmaengine_unmap_data *unmap,
				       int first, const struct async_blk *blk,
				       int nr, size_t len,
				       enum dma_data_direction dir)
{
	int i;

	for (i = 0; i < nr; i++) {
		dma_addr_t addr = 0;

		if (blk[i].page) {
			addr = dma_map_page(dev, blk[i].page, blk[i].off, len,
					    dir);
			if (dma_mapping_error(dev, addr))
				return false;
		}
		unmap->addr[first + i] = addr;
		if (dir == DMA_TO_DEVICE)
			unmap->to_cnt++;
		else if (dir == DMA_FROM_DEVICE)
			unmap->from_cnt++;
		else
			unmap->bidi_cnt++;
	}
	return true;
}

/*
 * Prep flags for the last descriptor of an operation on @chan.  Its
 * completion handler must run soon after it completes when somebody
 * waits for it: the client's callback, or operations parked behind it.
 * One that will itself be parked (its dependency is on another channel,
 * or parked) may have children parked behind it before it is even
 * submitted, so it interrupts too; behind a submitted one without an
 * interrupt, async_tx_park() queues an interrupt descriptor, which needs
 * a channel that has them.  Otherwise no interrupt: a poll or the next
 * interrupt on the channel runs the handler.
 */
static inline enum dma_ctrl_flags async_prep_flags(struct async_submit_ctl *s,
						   struct dma_chan *chan)
{
	struct dma_async_tx_descriptor *dep = s->depend_tx;
	enum dma_ctrl_flags flags = 0;

	if (s->cb_fn ||
	    !dma_has_cap(DMA_INTERRUPT, chan->device->cap_mask) ||
	    (dep && (dep->chan != chan || READ_ONCE(dep->cookie) == -EBUSY)))
		flags |= DMA_PREP_INTERRUPT;
	if (s->flags & ASYNC_TX_FENCE)
		flags |= DMA_PREP_FENCE;
	return flags;
}

static inline void *async_blk_addr(const struct async_blk *b)
{
	return page_address(b->page) + b->off;
}

/*
 * The library routines of the CPU path (xor_blocks() and the raid6
 * syndrome and recovery routines) walk their buffers in lines of up to
 * ASYNC_BULK_UNIT bytes with vector loads aligned to ASYNC_BULK_ALIGN;
 * they get the part of a buffer that fits that, async_tx does the rest.
 */
#define ASYNC_BULK_UNIT		512
#define ASYNC_BULK_ALIGN	64

/* the most blocks of a raid6 stripe: data, P and Q */
#define PQ_MAX_DISKS		255
/* where P and Q are in a stripe's block list */
#define P_AT(disks)		((disks) - 2)
#define Q_AT(disks)		((disks) - 1)

/* pointers a stripe's CPU path can keep on the stack */
#define ASYNC_STACK_DISKS	36

/*
 * Pointer room for a stripe's CPU path: the client's scribble, else
 * @stack (ASYNC_STACK_DISKS entries), else the block array itself,
 * which the interface allows to be overwritten without a scribble.
 */
static inline void **async_ptr_room(struct async_submit_ctl *submit,
				    void **stack, struct page **blocks,
				    int disks)
{
	if (submit->scribble)
		return submit->scribble;
	if (disks <= ASYNC_STACK_DISKS)
		return stack;
	return (void **)blocks;
}

/* CPU routines, correct for any length and alignment */
void async_cpu_xor(void *dest, void **srcs, int src_cnt, size_t len);
void async_cpu_syndrome(int disks, size_t len, void **ptrs, bool xor_dst);
void async_cpu_gf_mulsum(u8 *dest, const u8 *a, u8 ca, const u8 *b, u8 cb,
			 size_t len);

/* the most sources async_gf_sum() takes: a recovery's one-step sums */
#define ASYNC_GF_SUM_MAX	16

struct dma_async_tx_descriptor *
async_gf_sum(struct page *dest, unsigned int doff, struct page **srcs,
	     const unsigned int *soffs, const u8 *coefs, int n, size_t len,
	     struct async_submit_ctl *submit);
struct dma_async_tx_descriptor *
async_mulsum(struct page *dest, unsigned int doff, struct page *a,
	     unsigned int aoff, u8 ca, struct page *b, unsigned int boff,
	     u8 cb, size_t len, struct async_submit_ctl *submit);

#endif
