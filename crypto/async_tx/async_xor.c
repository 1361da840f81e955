// SPDX-License-Identifier: GPL-2.0-only
/*
 * async_xor and async_xor_val: xor blocks into a destination, or check
 * that blocks xor to zero.
 *
 * The result of async_xor is the same on both paths: the xor of the
 * sources, where the destination's old contents count as a source unless
 * ASYNC_TX_XOR_ZERO_DST is given, and count once when the destination is
 * also the first source (ASYNC_TX_XOR_DROP_DST).  An engine that takes
 * fewer sources than asked for gets several descriptors, each after the
 * first taking the running result back as a source.
 */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/dma-mapping.h>
#include <linux/raid/xor.h>
#include <linux/unaligned.h>
#include <linux/async_tx.h>
#include "async_tx_internal.h"

/* sources converted to addresses at a time on the CPU path */
#define XOR_CPU_BATCH	16

static void xor_tail(u8 *dest, void **srcs, int src_cnt, size_t len)
{
	size_t words = len / sizeof(unsigned long);
	size_t i;
	int s;

	for (s = 0; s < src_cnt; s++) {
		const u8 *src = srcs[s];

		for (i = 0; i < words; i++) {
			size_t at = i * sizeof(unsigned long);

			put_unaligned(get_unaligned((unsigned long *)(dest + at)) ^
				      get_unaligned((unsigned long *)(src + at)),
				      (unsigned long *)(dest + at));
		}
		for (i = words * sizeof(unsigned long); i < len; i++)
			dest[i] ^= src[i];
	}
}

/**
 * async_cpu_xor() - xor buffers into a destination on the CPU
 * @dest: the destination; also an input
 * @srcs: the sources
 * @src_cnt: how many
 * @len: bytes; any length, any alignment
 *
 * Context: any.
 */
void async_cpu_xor(void *dest, void **srcs, int src_cnt, size_t len)
{
	unsigned long align = (unsigned long)dest;
	size_t bulk;
	int i;

	for (i = 0; i < src_cnt; i++)
		align |= (unsigned long)srcs[i];
	bulk = align & (ASYNC_BULK_ALIGN - 1) ? 0 :
	       round_down(len, ASYNC_BULK_UNIT);
	for (i = 0; bulk && i < src_cnt; i += MAX_XOR_BLOCKS)
		xor_blocks(min(src_cnt - i, MAX_XOR_BLOCKS), bulk, dest,
			   &srcs[i]);
	if (bulk < len) {
		void *rest[XOR_CPU_BATCH] __uninitialized;
		int done, n;

		for (done = 0; done < src_cnt; done += n) {
			n = min(src_cnt - done, XOR_CPU_BATCH);
			for (i = 0; i < n; i++)
				rest[i] = srcs[done + i] + bulk;
			xor_tail(dest + bulk, rest, n, len - bulk);
		}
	}
}
EXPORT_SYMBOL_NS_GPL(async_cpu_xor, ASYNC_TX);

/* The blocks an xor reads, in order, with NULL sources left out. */
static int xor_collect(struct async_blk *out, struct page *dest,
		       unsigned int offset, struct page **src_list,
		       unsigned int *src_offs, int src_cnt,
		       enum async_tx_flags flags)
{
	int i, n = 0;

	if (!(flags & (ASYNC_TX_XOR_ZERO_DST | ASYNC_TX_XOR_DROP_DST)))
		out[n++] = (struct async_blk){ dest, offset };
	for (i = 0; i < src_cnt; i++)
		if (src_list[i])
			out[n++] = (struct async_blk){
				src_list[i], src_offs ? src_offs[i] : offset };
	return n;
}

/*
 * dest = xor of @blk on the CPU.  A block equal to the destination is
 * already in place and is skipped; the first other one is copied when
 * the destination is not an input.
 */
static void xor_blks_cpu(void *dest, const struct async_blk *blk, int n,
			 size_t len, bool dest_is_input)
{
	void *ptrs[XOR_CPU_BATCH] __uninitialized;
	int i, k = 0;

	for (i = 0; i < n; i++) {
		void *p = async_blk_addr(&blk[i]);

		if (!dest_is_input) {
			memcpy(dest, p, len);
			dest_is_input = true;
			continue;
		}
		/* the destination as a source is already in place */
		if (p == dest)
			continue;
		ptrs[k++] = p;
		if (k == XOR_CPU_BATCH) {
			async_cpu_xor(dest, ptrs, k, len);
			k = 0;
		}
	}
	if (k)
		async_cpu_xor(dest, ptrs, k, len);
	if (!dest_is_input)
		memset(dest, 0, len);
}

/*
 * dest ^= the @n blocks at @srcs, @align the OR of all their addresses:
 * whole units at vector alignment go straight to xor_blocks(), anything
 * else through async_cpu_xor().
 */
static inline void xor_flush(void *dest, void **srcs, int n, size_t len,
			     unsigned long align)
{
	int i;

	if (len && !(len & (ASYNC_BULK_UNIT - 1)) &&
	    !(align & (ASYNC_BULK_ALIGN - 1))) {
		for (i = 0; i < n; i += MAX_XOR_BLOCKS)
			xor_blocks(min(n - i, MAX_XOR_BLOCKS), len, dest,
				   &srcs[i]);
		return;
	}
	async_cpu_xor(dest, srcs, n, len);
}

/*
 * room[] = the addresses of the sources present in @src_list[@from, @to);
 * their alignment ORed into @align, which holds the destination's, at
 * @offset in its page.  A page's address is page aligned: a source is
 * aligned as its offset is, and with one @offset for all, as the
 * destination is.  Return: how many there are.
 */
static __always_inline int
xor_pages_addrs(void **room, struct page **src_list, unsigned int *src_offs,
		unsigned int offset, int from, int to, unsigned long *align)
{
	int i, k = 0;

	if (!src_offs) {
		for (i = from; i < to; i++)
			if (src_list[i])
				room[k++] = page_address(src_list[i]) + offset;
		return k;
	}
	for (i = from; i < to; i++) {
		if (!src_list[i])
			continue;
		room[k++] = page_address(src_list[i]) + src_offs[i];
		*align |= src_offs[i];
	}
	return k;
}

/*
 * ZERO_DST, decided at the first source present, room[0] when @k: a
 * destination that is not an input is zeroed and every source xored into
 * it, as upstream does (the same bytes move as when the first source is
 * copied in, but memset() costs less than memcpy() where the copy is a
 * plain loop, UML); a first source that is the destination itself is
 * already in place.  Return: how many of room[] to skip, 0 or 1.
 */
static __always_inline int xor_zero_dst(void *dest, void **room, int k,
					size_t len)
{
	if (k && room[0] == dest)
		return 1;
	memset(dest, 0, len);
	return 0;
}

/*
 * The CPU path of async_xor_offs(), straight from the client's lists.
 * With a scribble, which has room for every source, all of them are
 * converted first and xored in with one xor_flush(); without one, a
 * batch of XOR_CPU_BATCH source slots at a time through the stack.
 */
static __always_inline void
xor_pages_cpu(void *dest, void **scribble, struct page **src_list,
	      unsigned int *src_offs, unsigned int offset, int src_cnt,
	      size_t len, enum async_tx_flags flags)
{
	bool zero = flags & ASYNC_TX_XOR_ZERO_DST;
	unsigned long align = (unsigned long)dest;
	/* with DROP_DST the first source is the destination itself */
	int from = flags & ASYNC_TX_XOR_DROP_DST ? 1 : 0;
	void *ptrs[XOR_CPU_BATCH] __uninitialized;
	int first = 0, k, to;

	if (scribble) {
		k = xor_pages_addrs(scribble, src_list, src_offs, offset, from,
				    src_cnt, &align);
		if (zero)
			first = xor_zero_dst(dest, scribble, k, len);
		if (k > first)
			xor_flush(dest, scribble + first, k - first, len, align);
		return;
	}
	do {
		to = min(src_cnt, from + XOR_CPU_BATCH);
		k = xor_pages_addrs(ptrs, src_list, src_offs, offset, from, to,
				    &align);
		first = 0;
		if (zero && (k || to >= src_cnt)) {
			first = xor_zero_dst(dest, ptrs, k, len);
			zero = false;
		}
		if (k > first)
			xor_flush(dest, ptrs + first, k - first, len, align);
		from = to;
	} while (from < src_cnt);
}

/*
 * blk[0] is the destination, the rest the sources, the destination among
 * them when it is an input (@op->inplace)
 */
static void xor_redo(struct async_op *op)
{
	xor_blks_cpu(async_blk_addr(&op->blk[0]), &op->blk[1], op->nr - 1,
		     op->len, op->inplace);
}

static bool xor_blks_aligned(struct dma_device *dma, const struct async_blk *blk,
			     int n, size_t len)
{
	int i;

	for (i = 0; i < n; i++)
		if (!is_dma_xor_aligned(dma, blk[i].off, 0, len))
			return false;
	return true;
}

/* The first @done sources are in the destination: xor in the others. */
static void xor_finish(struct async_op *op, int done)
{
	xor_blks_cpu(async_blk_addr(&op->blk[0]), &op->blk[1 + done],
		     op->nr - 1 - done, op->len, true);
}

/*
 * Run @op on @chan, in passes of at most max_xor sources.  See
 * async_op_alloc() in async_tx_internal.h for the contract.
 */
static bool xor_on_engine(struct dma_chan *chan, struct async_op *op,
			  struct async_submit_ctl *submit,
			  struct dma_async_tx_descriptor **txp)
{
	struct dma_device *dma = chan->device;
	int n = op->nr - 1, max = dma->max_xor, done = 0;
	struct dma_async_tx_descriptor *tx = NULL;
	struct dmaengine_unmap_data *unmap;
	dma_addr_t *addr = op->extra;
	dma_addr_t dest;

	*txp = NULL;
	if (!xor_blks_aligned(dma, op->blk, op->nr, op->len)) {
		op->why = ASYNC_CPU_ALIGNMENT;
		return false;
	}
	op->why = ASYNC_CPU_NO_MEMORY;
	unmap = async_op_get_unmap(op, dma->dev, n + 1);
	if (!unmap)
		return false;
	unmap->len = op->len;
	/* the destination is written and, from the second pass on, read */
	if (!async_dma_map_pages(dma->dev, unmap, 0, &op->blk[1], n, op->len,
				 DMA_TO_DEVICE) ||
	    !async_dma_map_pages(dma->dev, unmap, n, &op->blk[0], 1, op->len,
				 DMA_BIDIRECTIONAL))
		goto put_unmap;
	op->why = ASYNC_CPU_NO_DESCRIPTOR;
	dest = unmap->addr[n];
	/* each pass after the first takes the running result back */
	op->finish = xor_finish;
	op->pass_first = max;
	op->pass_next = max - 1;

	while (done < n) {
		bool first = !done;
		int take = min(n - done, first ? max : max - 1);
		bool last = done + take == n;
		enum dma_ctrl_flags pflags;
		dma_addr_t *srcs;

		if (first) {
			srcs = unmap->addr;
		} else {
			/* the running result is the first source */
			addr[0] = dest;
			memcpy(&addr[1], &unmap->addr[done],
			       take * sizeof(dma_addr_t));
			srcs = addr;
		}
		pflags = last ? async_prep_flags(submit, chan) : DMA_PREP_FENCE;
		tx = dma->device_prep_dma_xor(chan, dest, srcs,
					      first ? take : take + 1,
					      op->len, pflags);
		if (!tx) {
			if (first)
				goto put_unmap;
			dmaengine_unmap_put(unmap);
			async_op_finish_on_cpu(op, done, submit);
			return true;
		}
		dma_set_unmap(tx, unmap);
		done += take;
		if (last)
			async_tx_submit_op(chan, tx, submit, op);
		else
			async_tx_submit_pass(chan, tx, submit, op);
	}
	dmaengine_unmap_put(unmap);
	*txp = tx;
	return true;

put_unmap:
	dmaengine_unmap_put(unmap);
	return false;
}

/**
 * async_xor_offs() - xor blocks, each at its own offset, into a block
 * @dest: the destination page
 * @offset: the offset in @dest
 * @src_list: the source pages; NULL entries are skipped
 * @src_offs: the offset in each source, or NULL to use @offset for all
 * @src_cnt: the number of entries in @src_list
 * @len: bytes per block
 * @submit: dependency, callback and flags: ASYNC_TX_XOR_ZERO_DST,
 *	ASYNC_TX_XOR_DROP_DST, ASYNC_TX_ACK, ASYNC_TX_FENCE
 *
 * @dest receives the xor of the sources, and of its own old contents
 * unless ASYNC_TX_XOR_ZERO_DST is set.  With ASYNC_TX_XOR_DROP_DST the
 * destination is @src_list[0] and is counted once.  One source is a copy.
 * Neither @src_list nor @src_offs is modified.
 *
 * Context: any; the CPU path may spin waiting for the dependency.
 * Return: the engine descriptor, or NULL when the xor is already done.
 */
struct dma_async_tx_descriptor *
async_xor_offs(struct page *dest, unsigned int offset,
	       struct page **src_list, unsigned int *src_offs,
	       int src_cnt, size_t len, struct async_submit_ctl *submit)
{
	enum async_path why = ASYNC_CPU_NO_CHANNEL;
	struct dma_async_tx_descriptor *tx;
	struct async_op *op = NULL;
	struct dma_chan *chan;
	int n;

	if (WARN_ON_ONCE(src_cnt < 0))
		src_cnt = 0;
	trace_async_tx_op(ASYNC_OP_XOR, len, src_cnt, submit->flags);
	chan = async_tx_find_channel(submit, DMA_XOR, &dest, 1, src_list,
				     src_cnt, len);
	if (chan && chan->device->max_xor < 2) {
		why = ASYNC_CPU_LIMITS;
	} else if (chan) {
		why = ASYNC_CPU_NO_MEMORY;
		op = async_op_alloc(submit, ASYNC_OP_XOR, src_cnt + 2,
				    (src_cnt + 2) * sizeof(dma_addr_t));
	}
	if (op) {
		n = xor_collect(&op->blk[1], dest, offset, src_list, src_offs,
				src_cnt, submit->flags);
		op->blk[0] = (struct async_blk){ dest, offset };
		op->nr = n + 1;
		op->len = len;
		op->redo = xor_redo;
		op->inplace = !(submit->flags & ASYNC_TX_XOR_ZERO_DST);
		/* one block is a copy or nothing: not worth an engine */
		op->why = ASYNC_CPU_LIMITS;
		if (n >= 2 && xor_on_engine(chan, op, submit, &tx))
			return tx;
		why = op->why;
		async_op_put(op);
	}

	if (async_tx_cpu_path(chan, submit, ASYNC_OP_XOR, why)) {
		xor_pages_cpu(page_address(dest) + offset, submit->scribble,
			      src_list, src_offs, offset, src_cnt, len,
			      submit->flags);
	}
	async_tx_cpu_done(submit, ASYNC_OP_XOR);
	return NULL;
}
EXPORT_SYMBOL_GPL(async_xor_offs);

/**
 * async_xor() - xor blocks at one offset into a block
 * @dest: the destination page
 * @src_list: the source pages; NULL entries are skipped
 * @offset: the offset in every page
 * @src_cnt: the number of entries in @src_list
 * @len: bytes per block
 * @submit: as for async_xor_offs()
 *
 * async_xor_offs() with the same offset for every block.
 *
 * Context: as async_xor_offs().
 * Return: the engine descriptor, or NULL when the xor is already done.
 */
struct dma_async_tx_descriptor *
async_xor(struct page *dest, struct page **src_list, unsigned int offset,
	  int src_cnt, size_t len, struct async_submit_ctl *submit)
{
	return async_xor_offs(dest, offset, src_list, NULL, src_cnt, len,
			      submit);
}
EXPORT_SYMBOL_GPL(async_xor);

/*
 * The check on the CPU: xor the sources into @dest (in place when it is
 * the first of them) and see whether that is zero.
 */
static enum sum_check_flags xor_val_cpu(void *dest, struct page **src_list,
					unsigned int *src_offs,
					unsigned int offset, int src_cnt,
					size_t len)
{
	enum async_tx_flags how = ASYNC_TX_XOR_ZERO_DST;

	if (src_cnt && src_list[0] &&
	    page_address(src_list[0]) + (src_offs ? src_offs[0] : offset) == dest)
		how = ASYNC_TX_XOR_DROP_DST;
	xor_pages_cpu(dest, NULL, src_list, src_offs, offset, src_cnt, len,
		      how);
	return memchr_inv(dest, 0, len) ? SUM_CHECK_P_RESULT : 0;
}

/* blk[0] is the scratch destination, the rest the sources */
static void xor_val_redo(struct async_op *op)
{
	void *dest = async_blk_addr(&op->blk[0]);
	bool in_place = async_blk_addr(&op->blk[1]) == dest;

	xor_blks_cpu(dest, &op->blk[in_place ? 2 : 1],
		     op->nr - (in_place ? 2 : 1), op->len, in_place);
	*op->result = memchr_inv(dest, 0, op->len) ? SUM_CHECK_P_RESULT : 0;
}

/* See async_op_alloc() in async_tx_internal.h for the contract. */
static bool xor_val_on_engine(struct dma_chan *chan, struct async_op *op,
			      struct async_submit_ctl *submit,
			      struct dma_async_tx_descriptor **txp)
{
	struct dma_device *dma = chan->device;
	struct dmaengine_unmap_data *unmap;
	int n = op->nr - 1;

	*txp = NULL;
	op->why = ASYNC_CPU_LIMITS;
	if (n < 2 || n > dma->max_xor)
		return false;
	op->why = ASYNC_CPU_ALIGNMENT;
	if (!xor_blks_aligned(dma, &op->blk[1], n, op->len))
		return false;
	op->why = ASYNC_CPU_NO_MEMORY;
	unmap = async_op_get_unmap(op, dma->dev, n);
	if (!unmap)
		return false;
	unmap->len = op->len;
	if (async_dma_map_pages(dma->dev, unmap, 0, &op->blk[1], n, op->len,
				DMA_TO_DEVICE)) {
		op->why = ASYNC_CPU_NO_DESCRIPTOR;
		*txp = dma->device_prep_dma_xor_val(chan, unmap->addr, n,
						    op->len, op->result,
						    async_prep_flags(submit,
								     chan));
	}
	return async_tx_submit_mapped(chan, *txp, unmap, submit, op);
}

/**
 * async_xor_val() - check that blocks at one offset xor to zero
 * @dest: a block the CPU path may use as scratch; normally @src_list[0]
 * @src_list: the blocks
 * @offset: the offset in every page
 * @src_cnt: the number of entries in @src_list
 * @len: bytes per block
 * @result: as for async_xor_val_offs()
 * @submit: as for async_xor_val_offs()
 *
 * Context: as async_xor_val_offs().
 * Return: the engine descriptor, or NULL when the check is already done.
 */
struct dma_async_tx_descriptor *
async_xor_val(struct page *dest, struct page **src_list, unsigned int offset,
	      int src_cnt, size_t len, enum sum_check_flags *result,
	      struct async_submit_ctl *submit)
{
	/* one offset for all: the per-block form with no offset list */
	return async_xor_val_offs(dest, offset, src_list, NULL, src_cnt, len,
				  result, submit);
}
EXPORT_SYMBOL_GPL(async_xor_val);

/**
 * async_xor_val_offs() - check that blocks xor to zero
 * @dest: a block the CPU path may use as scratch; normally @src_list[0]
 * @offset: the offset in @dest
 * @src_list: the blocks; NULL entries are skipped
 * @src_offs: the offset in each block, or NULL to use @offset for all
 * @src_cnt: the number of entries in @src_list
 * @len: bytes per block
 * @result: set to 0 when the xor is zero, else to SUM_CHECK_P_RESULT,
 *	by the time the callback runs
 * @submit: dependency, callback and flags: ASYNC_TX_ACK, ASYNC_TX_FENCE
 *
 * The CPU path leaves the xor of the blocks in @dest.
 *
 * Context: any; the CPU path may spin waiting for the dependency.
 * Return: the engine descriptor, or NULL when the check is already done.
 */
struct dma_async_tx_descriptor *
async_xor_val_offs(struct page *dest, unsigned int offset,
		   struct page **src_list, unsigned int *src_offs,
		   int src_cnt, size_t len, enum sum_check_flags *result,
		   struct async_submit_ctl *submit)
{
	enum async_path why = ASYNC_CPU_NO_CHANNEL;
	struct dma_async_tx_descriptor *tx = NULL;
	struct dma_chan *chan = NULL;
	struct async_op *op = NULL;

	if (WARN_ON_ONCE(src_cnt < 0))
		src_cnt = 0;
	trace_async_tx_op(ASYNC_OP_XOR_VAL, len, src_cnt, submit->flags);
	if (!IS_ENABLED(CONFIG_ASYNC_TX_DISABLE_XOR_VAL_DMA))
		chan = async_tx_find_channel(submit, DMA_XOR_VAL, &dest, 1,
					     src_list, src_cnt, len);
	if (chan) {
		why = ASYNC_CPU_NO_MEMORY;
		op = async_op_alloc(submit, ASYNC_OP_XOR_VAL, src_cnt + 1, 0);
	}
	if (op) {
		op->blk[0] = (struct async_blk){ dest, offset };
		op->nr = 1 + xor_collect(&op->blk[1], dest, offset, src_list,
					 src_offs, src_cnt,
					 ASYNC_TX_XOR_ZERO_DST);
		op->len = len;
		op->result = result;
		op->redo = xor_val_redo;
		if (xor_val_on_engine(chan, op, submit, &tx))
			return tx;
		why = op->why;
		async_op_put(op);
	}

	if (async_tx_cpu_path(chan, submit, ASYNC_OP_XOR_VAL, why))
		*result = xor_val_cpu(page_address(dest) + offset, src_list,
				      src_offs, offset, src_cnt, len);
	else
		*result = SUM_CHECK_P_RESULT;
	async_tx_cpu_done(submit, ASYNC_OP_XOR_VAL);
	return NULL;
}
EXPORT_SYMBOL_GPL(async_xor_val_offs);

MODULE_DESCRIPTION("async_tx: xor and xor check");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(ASYNC_TX);
