// SPDX-License-Identifier: GPL-2.0-only
/*
 * async_gen_syndrome and async_syndrome_val: the raid6 P and Q blocks of
 * a stripe, and their check.
 *
 * A stripe is @disks blocks: data 0 .. disks-3, then P, then Q.  P is the
 * xor of the data; Q is the sum over the data of g^i * D(i) in GF(2^8)
 * with the polynomial 0x11d and g = {02}.  A NULL data block is a block
 * of zeroes; a NULL P or Q is not computed.
 */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/dma-mapping.h>
#include <linux/raid/pq.h>
#include <linux/unaligned.h>
#include <linux/async_tx.h>
#include "async_tx_internal.h"

/*
 * A page the raid6 library writes a P or Q nobody asked for into.  Its
 * contents are never read.
 */
static struct page *pq_sink_page;

/* g * x for eight bytes at once */
static inline unsigned long gf_mul2_word(unsigned long v)
{
	unsigned long hi = v & (~0UL / 0xff * 0x80);

	/* each byte with its top bit set becomes 0xff, the others 0x00 */
	hi = (hi << 1) - (hi >> 7);
	return ((v << 1) & (~0UL / 0xff * 0xfe)) ^ (hi & (~0UL / 0xff * 0x1d));
}

static inline u8 gf_mul2(u8 v)
{
	return (v << 1) ^ (v & 0x80 ? 0x1d : 0);
}

/* P and Q of bytes [from, len) one word, then one byte, at a time */
static void syndrome_generic(int disks, size_t from, size_t len, void **ptrs,
			     bool xor_dst)
{
	u8 *p = ptrs[P_AT(disks)], *q = ptrs[Q_AT(disks)];
	const size_t w = sizeof(unsigned long);
	size_t i = from;
	int d;

	for (; i + w <= len; i += w) {
		unsigned long wp = 0, wq = 0;

		for (d = disks - 3; d >= 0; d--) {
			wq = gf_mul2_word(wq);
			if (ptrs[d]) {
				unsigned long v = get_unaligned((unsigned long *)
								((u8 *)ptrs[d] + i));
				wp ^= v;
				wq ^= v;
			}
		}
		if (p) {
			if (xor_dst)
				wp ^= get_unaligned((unsigned long *)(p + i));
			put_unaligned(wp, (unsigned long *)(p + i));
		}
		if (q) {
			if (xor_dst)
				wq ^= get_unaligned((unsigned long *)(q + i));
			put_unaligned(wq, (unsigned long *)(q + i));
		}
	}
	for (; i < len; i++) {
		u8 bp = 0, bq = 0;

		for (d = disks - 3; d >= 0; d--) {
			bq = gf_mul2(bq);
			if (ptrs[d]) {
				bp ^= ((u8 *)ptrs[d])[i];
				bq ^= ((u8 *)ptrs[d])[i];
			}
		}
		if (p)
			p[i] = xor_dst ? p[i] ^ bp : bp;
		if (q)
			q[i] = xor_dst ? q[i] ^ bq : bq;
	}
}

/*
 * Whether the raid6 library can take these buffers: both destinations,
 * vector alignment, and data blocks that are all present or fit the zero
 * page that stands in for the missing ones.
 */
static bool syndrome_lib_ok(int disks, size_t bulk, void **ptrs, bool xor_dst)
{
	unsigned long align = 0;
	int d;

	if (!bulk || !ptrs[P_AT(disks)] || !ptrs[Q_AT(disks)])
		return false;
	if (xor_dst && !raid6_call.xor_syndrome)
		return false;
	for (d = 0; d < disks; d++) {
		if (ptrs[d])
			align |= (unsigned long)ptrs[d];
		else if (bulk > PAGE_SIZE)
			return false;
	}
	return !(align & (ASYNC_BULK_ALIGN - 1));
}

/**
 * async_cpu_syndrome() - compute or update P and Q on the CPU
 * @disks: the number of blocks, P and Q included
 * @len: bytes per block; any length, any alignment
 * @ptrs: the blocks; a NULL data block is zeroes, a NULL P or Q is not
 *	computed.  Entries may be replaced by the zero page.
 * @xor_dst: xor the syndrome into P and Q instead of storing it
 *
 * Context: any.
 */
void async_cpu_syndrome(int disks, size_t len, void **ptrs, bool xor_dst)
{
	size_t bulk = round_down(len, ASYNC_BULK_UNIT);
	void *p = ptrs[P_AT(disks)], *q = ptrs[Q_AT(disks)];
	int d, start = -1, stop = -1;

	/* one of P and Q goes to the sink page: a page at a time */
	if (!xor_dst && (!p || !q) && len > PAGE_SIZE) {
		size_t at, n;

		for (at = 0; at < len; at += n) {
			n = min_t(size_t, len - at, PAGE_SIZE);
			async_cpu_syndrome(disks, n, ptrs, false);
			for (d = 0; d < disks; d++)
				if (ptrs[d])
					ptrs[d] += n;
		}
		for (d = 0; d < disks; d++)
			if (ptrs[d])
				ptrs[d] -= len;
		return;
	}

	/* the library writes both; give it somewhere to put the unwanted one */
	if (!xor_dst && bulk && bulk <= PAGE_SIZE && (p || q)) {
		if (!p)
			ptrs[P_AT(disks)] = page_address(pq_sink_page);
		if (!q)
			ptrs[Q_AT(disks)] = page_address(pq_sink_page);
	}
	if (syndrome_lib_ok(disks, bulk, ptrs, xor_dst)) {
		for (d = 0; d < disks - 2; d++) {
			if (!ptrs[d]) {
				ptrs[d] = (void *)raid6_empty_zero_page;
				continue;
			}
			if (start < 0)
				start = d;
			stop = d;
		}
		if (!xor_dst)
			raid6_call.gen_syndrome(disks, bulk, ptrs);
		else if (start >= 0)
			raid6_call.xor_syndrome(disks, start, stop, bulk, ptrs);
		for (d = 0; d < disks - 2; d++)
			if (ptrs[d] == raid6_empty_zero_page)
				ptrs[d] = NULL;
	} else {
		bulk = 0;
	}
	ptrs[P_AT(disks)] = p;
	ptrs[Q_AT(disks)] = q;
	if (bulk < len)
		syndrome_generic(disks, bulk, len, ptrs, xor_dst);
}
EXPORT_SYMBOL_NS_GPL(async_cpu_syndrome, ASYNC_TX);

/*
 * dest = the sum of coefs[i] * srcs[i] in GF(2^8) over @n sources, on the
 * CPU.  In chunks, each read whole before it is written: @dest may be one
 * of the sources.
 */
static void gf_sum_cpu(u8 *dest, const u8 *const *srcs, const u8 *coefs,
		       int n, size_t len)
{
	u8 acc[64];
	size_t at, k, m;
	int i;

	for (at = 0; at < len; at += m) {
		m = min(len - at, sizeof(acc));
		memset(acc, 0, m);
		for (i = 0; i < n; i++) {
			const u8 *mul = raid6_gfmul[coefs[i]];
			const u8 *src = srcs[i] + at;

			for (k = 0; k < m; k++)
				acc[k] ^= mul[src[k]];
		}
		memcpy(dest + at, acc, m);
	}
}

/**
 * async_cpu_gf_mulsum() - dest = ca * a + cb * b in GF(2^8), on the CPU
 * @dest: the destination; may be @a or @b
 * @a: the first buffer
 * @ca: its coefficient
 * @b: the second buffer, or NULL
 * @cb: its coefficient
 * @len: bytes
 *
 * Context: any.
 */
void async_cpu_gf_mulsum(u8 *dest, const u8 *a, u8 ca, const u8 *b, u8 cb,
			 size_t len)
{
	const u8 *srcs[2] = { a, b };
	u8 coefs[2] = { ca, cb };

	gf_sum_cpu(dest, srcs, coefs, b ? 2 : 1, len);
}
EXPORT_SYMBOL_NS_GPL(async_cpu_gf_mulsum, ASYNC_TX);

/*
 * The CPU pointer of each block, NULL for a missing one.  Return true
 * when every block is present and vector aligned: the common stripe,
 * which the raid6 library takes as it is for any multiple of its unit.
 */
static __always_inline bool pq_addrs(void **ptrs, struct page **blocks,
				     unsigned int *offsets, int disks)
{
	unsigned long align = 0;
	bool all = true;
	int d;

	for (d = 0; d < disks; d++) {
		if (!blocks[d]) {
			ptrs[d] = NULL;
			all = false;
			continue;
		}
		ptrs[d] = page_address(blocks[d]) + offsets[d];
		align |= (unsigned long)ptrs[d];
	}
	return all && !(align & (ASYNC_BULK_ALIGN - 1));
}

/* blk[] holds every block of the stripe, extra room for their pointers */
static void pq_redo(struct async_op *op)
{
	void **ptrs = op->extra;
	int d;

	for (d = 0; d < op->nr; d++)
		ptrs[d] = op->blk[d].page ? async_blk_addr(&op->blk[d]) : NULL;
	async_cpu_syndrome(op->nr, op->len, ptrs, op->inplace);
}

static bool pq_blks_aligned(struct dma_device *dma, const struct async_blk *blk,
			    int n, size_t len)
{
	int i;

	for (i = 0; i < n; i++)
		if (blk[i].page && !is_dma_pq_aligned(dma, blk[i].off, 0, len))
			return false;
	return true;
}

/*
 * Map the data blocks present, and P and Q, into @unmap: sources first,
 * then P and Q (address 0 for a missing one).  Fill @coefs for the
 * sources.  Return the number of sources, or -EIO on a mapping error.
 *
 * Engines compute P and Q from two sources or more unless they continue
 * earlier results (ioat's prep BUG()s on one): with @pad, a lone source
 * gets the zero page beside it, which changes neither P nor Q; -EINVAL
 * when the zero page is too short for that.  @unmap has room for one
 * more address than there are blocks.
 */
static int pq_map(struct dma_device *dma, struct dmaengine_unmap_data *unmap,
		  const struct async_blk *blk, int disks, size_t len,
		  enum dma_data_direction pq_dir, unsigned char *coefs,
		  bool pad)
{
	int d, n = 0;

	unmap->len = len;
	for (d = 0; d < disks - 2; d++) {
		if (!blk[d].page)
			continue;
		if (!async_dma_map_pages(dma->dev, unmap, n, &blk[d], 1, len,
					 DMA_TO_DEVICE))
			return -EIO;
		coefs[n++] = raid6_gfexp[d];
	}
	if (pad && n == 1) {
		struct async_blk zero = { ZERO_PAGE(0), 0 };

		if (len > PAGE_SIZE)
			return -EINVAL;
		if (!async_dma_map_pages(dma->dev, unmap, n, &zero, 1, len,
					 DMA_TO_DEVICE))
			return -EIO;
		coefs[n++] = 0;
	}
	if (!async_dma_map_pages(dma->dev, unmap, n, &blk[P_AT(disks)], 2,
				 len, pq_dir))
		return -EIO;
	return n;
}

/*
 * The first @done sources are in P and Q (the passes that completed, or
 * those queued before descriptors ran out): add the others on the CPU.
 */
static void pq_finish(struct async_op *op, int done)
{
	void **ptrs = op->extra;
	int d, taken = 0;

	for (d = 0; d < op->nr; d++) {
		struct async_blk *b = &op->blk[d];

		ptrs[d] = b->page ? async_blk_addr(b) : NULL;
		if (d < P_AT(op->nr) && b->page && taken < done) {
			ptrs[d] = NULL;
			taken++;
		}
	}
	async_cpu_syndrome(op->nr, op->len, ptrs, true);
}

/*
 * Run @op on @chan, in passes of at most max_pq sources, continuing P
 * and Q.  See async_op_alloc() in async_tx_internal.h for the contract.
 */
static bool pq_on_engine(struct dma_chan *chan, struct async_op *op,
			 struct async_submit_ctl *submit,
			 struct dma_async_tx_descriptor **txp)
{
	struct dma_device *dma = chan->device;
	bool xor_dst = submit->flags & ASYNC_TX_PQ_XOR_DST;
	enum dma_ctrl_flags base = 0, pflags;
	struct dma_async_tx_descriptor *tx = NULL;
	struct dmaengine_unmap_data *unmap;
	unsigned char coefs[PQ_MAX_DISKS] __uninitialized;
	int disks = op->nr, n, done = 0;
	dma_addr_t pq[2];

	*txp = NULL;
	if (!pq_blks_aligned(dma, op->blk, disks, op->len)) {
		op->why = ASYNC_CPU_ALIGNMENT;
		return false;
	}
	if (!op->blk[P_AT(disks)].page)
		base |= DMA_PREP_PQ_DISABLE_P;
	if (!op->blk[Q_AT(disks)].page)
		base |= DMA_PREP_PQ_DISABLE_Q;
	/* updating P and Q in place is a continuation of both */
	if (xor_dst) {
		op->why = ASYNC_CPU_LIMITS;
		if (base)
			return false;
		base |= DMA_PREP_CONTINUE;
	}
	op->why = ASYNC_CPU_NO_MEMORY;
	unmap = async_op_get_unmap(op, dma->dev, disks + 1);
	if (!unmap)
		return false;
	n = pq_map(dma, unmap, op->blk, disks, op->len, DMA_BIDIRECTIONAL,
		   coefs, !(base & DMA_PREP_CONTINUE));
	if (n < 1)
		goto put_unmap;
	op->why = ASYNC_CPU_LIMITS;
	if (n > dma_maxpq(dma, base) &&
	    dma_maxpq(dma, base | DMA_PREP_CONTINUE) < 1)
		goto put_unmap;
	op->why = ASYNC_CPU_NO_DESCRIPTOR;
	pq[0] = unmap->addr[n];
	pq[1] = unmap->addr[n + 1];
	op->finish = pq_finish;
	op->pass_first = dma_maxpq(dma, base);
	op->pass_next = dma_maxpq(dma, base | DMA_PREP_CONTINUE);

	while (done < n) {
		int take = min(n - done, dma_maxpq(dma, base));
		bool last = done + take == n;

		pflags = base | (last ? async_prep_flags(submit, chan) :
				 DMA_PREP_FENCE);
		tx = dma->device_prep_dma_pq(chan, pq, &unmap->addr[done], take,
					     &coefs[done], op->len, pflags);
		if (!tx) {
			if (!done)
				goto put_unmap;
			/* the passes queued so far hold part of the result */
			dmaengine_unmap_put(unmap);
			async_op_finish_on_cpu(op, done, submit);
			return true;
		}
		dma_set_unmap(tx, unmap);
		done += take;
		base |= DMA_PREP_CONTINUE;
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

static __always_inline bool pq_args_ok(struct page **blocks, int disks)
{
	if (WARN_ONCE(disks < 3 || disks > PQ_MAX_DISKS,
		      "async_tx: a stripe of %d blocks\n", disks))
		return false;
	return !WARN_ONCE(!blocks[P_AT(disks)] && !blocks[Q_AT(disks)],
			  "async_tx: syndrome with neither P nor Q\n");
}

/**
 * async_gen_syndrome() - compute the P and Q blocks of a stripe
 * @blocks: data blocks 0 .. @disks-3, P at @disks-2, Q at @disks-1; a
 *	NULL data block counts as zeroes, a NULL P or Q (not both) is not
 *	computed
 * @offsets: the offset in each block
 * @disks: the number of blocks, P and Q included (3 to 255)
 * @len: bytes per block
 * @submit: dependency, callback, scribble (room for @disks pointers) and
 *	flags: ASYNC_TX_PQ_XOR_DST (add the data's syndrome into P and Q),
 *	ASYNC_TX_ACK, ASYNC_TX_FENCE
 *
 * Without a scribble region and with more than a few dozen blocks, the
 * CPU path uses @blocks as its pointer array and leaves it changed.
 *
 * Context: any; the CPU path may spin waiting for the dependency.
 * Return: the engine descriptor, or NULL when the syndrome is done.
 */
struct dma_async_tx_descriptor *
async_gen_syndrome(struct page **blocks, unsigned int *offsets, int disks,
		   size_t len, struct async_submit_ctl *submit)
{
	void *stack[ASYNC_STACK_DISKS] __uninitialized;
	enum async_path why = ASYNC_CPU_NO_CHANNEL;
	struct dma_async_tx_descriptor *tx;
	struct dma_chan *chan = NULL;
	struct async_op *op = NULL;
	void **ptrs;
	int d;

	if (!pq_args_ok(blocks, disks)) {
		async_tx_sync_epilog(submit);
		return NULL;
	}
	trace_async_tx_op(ASYNC_OP_PQ, len, disks - 2, submit->flags);
	chan = async_tx_find_channel(submit, DMA_PQ, &blocks[P_AT(disks)], 2,
				     blocks, disks - 2, len);
	if (chan) {
		why = ASYNC_CPU_NO_MEMORY;
		op = async_op_alloc(submit, ASYNC_OP_PQ, disks,
				    disks * sizeof(void *));
	}
	if (op) {
		for (d = 0; d < disks; d++)
			op->blk[d] = (struct async_blk){ blocks[d], offsets[d] };
		op->len = len;
		op->redo = pq_redo;
		op->inplace = submit->flags & ASYNC_TX_PQ_XOR_DST;
		if (pq_on_engine(chan, op, submit, &tx))
			return tx;
		why = op->why;
		async_op_put(op);
	}

	if (!async_tx_cpu_path(chan, submit, ASYNC_OP_PQ, why))
		goto done;
	ptrs = async_ptr_room(submit, stack, blocks, disks);
	if (pq_addrs(ptrs, blocks, offsets, disks) &&
	    !(submit->flags & ASYNC_TX_PQ_XOR_DST) &&
	    len && !(len & (ASYNC_BULK_UNIT - 1)))
		raid6_call.gen_syndrome(disks, len, ptrs);
	else
		async_cpu_syndrome(disks, len, ptrs,
				   submit->flags & ASYNC_TX_PQ_XOR_DST);
done:
	async_tx_cpu_done(submit, ASYNC_OP_PQ);
	return NULL;
}
EXPORT_SYMBOL_GPL(async_gen_syndrome);

/* what pq_val_cpu() keeps on the stack: a unit of P, or a piece of each */
#define PQ_VAL_PIECE	(ASYNC_BULK_UNIT / 2)

/*
 * Check P and Q in one pass of the library's syndrome over the stripe:
 * Q goes to @spare, P a unit at a time to @unit and is compared as it
 * comes, so the data is read once where a check of P apart would read it
 * again.  For whole units at vector alignment with both P and Q to
 * check; anything else returns false having done nothing.  Missing data
 * blocks read the zero page, which covers a unit.
 */
static bool pq_val_one_pass(void **ptrs, int disks, size_t len, u8 *spare,
			    u8 *unit, enum sum_check_flags *res)
{
	u8 *p = ptrs[P_AT(disks)], *q = ptrs[Q_AT(disks)];
	size_t at;
	int d;

	if (!p || !q || !len || len & (ASYNC_BULK_UNIT - 1))
		return false;
	ptrs[P_AT(disks)] = unit;
	ptrs[Q_AT(disks)] = spare;
	if (!syndrome_lib_ok(disks, ASYNC_BULK_UNIT, ptrs, false)) {
		ptrs[P_AT(disks)] = p;
		ptrs[Q_AT(disks)] = q;
		return false;
	}
	for (d = 0; d < disks - 2; d++)
		if (!ptrs[d])
			ptrs[d] = (void *)raid6_empty_zero_page;
	for (at = 0; at < len; at += ASYNC_BULK_UNIT) {
		raid6_call.gen_syndrome(disks, ASYNC_BULK_UNIT, ptrs);
		if (memcmp(p + at, unit, ASYNC_BULK_UNIT))
			*res |= SUM_CHECK_P_RESULT;
		for (d = 0; d < disks - 2; d++)
			if (ptrs[d] != raid6_empty_zero_page)
				ptrs[d] += ASYNC_BULK_UNIT;
		ptrs[Q_AT(disks)] += ASYNC_BULK_UNIT;
	}
	for (d = 0; d < disks - 2; d++) {
		if (ptrs[d] == raid6_empty_zero_page)
			ptrs[d] = NULL;
		else
			ptrs[d] -= len;
	}
	ptrs[P_AT(disks)] = p;
	ptrs[Q_AT(disks)] = q;
	if (memcmp(q, spare, len))
		*res |= SUM_CHECK_Q_RESULT;
	return true;
}

/*
 * Check P and Q on the CPU.  @ptrs holds the stripe's pointers and is
 * used as scratch.  @spare, when not NULL, is room for @len bytes; else
 * the check goes through a small buffer a piece at a time.
 */
static enum sum_check_flags pq_val_cpu(void **ptrs, int disks, size_t len,
				       u8 *spare)
{
	u8 piece[2 * PQ_VAL_PIECE] __aligned(ASYNC_BULK_ALIGN) __uninitialized;
	u8 *p = ptrs[P_AT(disks)], *q = ptrs[Q_AT(disks)];
	enum sum_check_flags res = 0;
	size_t at, n;
	int d;

	if (spare && pq_val_one_pass(ptrs, disks, len, spare, piece, &res))
		return res;
	if (spare) {
		/* Q first: it needs the pointer array as it is */
		if (q) {
			ptrs[P_AT(disks)] = NULL;
			ptrs[Q_AT(disks)] = spare;
			async_cpu_syndrome(disks, len, ptrs, false);
			if (memcmp(q, spare, len))
				res |= SUM_CHECK_Q_RESULT;
		}
		if (p) {
			int k = 0;

			for (d = 0; d < disks - 2; d++)
				if (ptrs[d])
					ptrs[k++] = ptrs[d];
			if (k) {
				memcpy(spare, ptrs[0], len);
				async_cpu_xor(spare, &ptrs[1], k - 1, len);
			} else {
				memset(spare, 0, len);
			}
			if (memcmp(p, spare, len))
				res |= SUM_CHECK_P_RESULT;
		}
		return res;
	}
	for (at = 0; at < len; at += n) {
		n = min_t(size_t, len - at, PQ_VAL_PIECE);
		for (d = 0; d < disks - 2; d++)
			if (ptrs[d])
				ptrs[d] += at ? PQ_VAL_PIECE : 0;
		ptrs[P_AT(disks)] = piece;
		ptrs[Q_AT(disks)] = piece + PQ_VAL_PIECE;
		syndrome_generic(disks, 0, n, ptrs, false);
		if (p && memcmp(p + at, piece, n))
			res |= SUM_CHECK_P_RESULT;
		if (q && memcmp(q + at, piece + PQ_VAL_PIECE, n))
			res |= SUM_CHECK_Q_RESULT;
	}
	ptrs[P_AT(disks)] = p;
	ptrs[Q_AT(disks)] = q;
	return res;
}

/*
 * blk[] is the stripe; extra room for pointers.  The check runs again
 * through pieces on the stack, never in the caller's spare block: the
 * spare is the caller's again once async_syndrome_val() has returned
 * (md shares one per CPU between stripes), and a repair runs later, in
 * the completion handler, maybe over a CPU check that is using it.
 */
static void pq_val_redo(struct async_op *op)
{
	void **ptrs = op->extra;
	int d;

	for (d = 0; d < op->nr; d++)
		ptrs[d] = op->blk[d].page ? async_blk_addr(&op->blk[d]) : NULL;
	*op->result = pq_val_cpu(ptrs, op->nr, op->len, NULL);
}

/*
 * @op is the stripe.  See async_op_alloc() in async_tx_internal.h for
 * the contract.
 */
static bool pq_val_on_engine(struct dma_chan *chan, struct async_op *op,
			     struct async_submit_ctl *submit,
			     struct dma_async_tx_descriptor **txp)
{
	struct dma_device *dma = chan->device;
	enum dma_ctrl_flags pflags = async_prep_flags(submit, chan);
	unsigned char coefs[PQ_MAX_DISKS] __uninitialized;
	struct dmaengine_unmap_data *unmap;
	int disks = op->nr, n;
	dma_addr_t pq[2];

	*txp = NULL;
	if (!pq_blks_aligned(dma, op->blk, disks, op->len)) {
		op->why = ASYNC_CPU_ALIGNMENT;
		return false;
	}
	if (!op->blk[P_AT(disks)].page)
		pflags |= DMA_PREP_PQ_DISABLE_P;
	if (!op->blk[Q_AT(disks)].page)
		pflags |= DMA_PREP_PQ_DISABLE_Q;
	op->why = ASYNC_CPU_NO_MEMORY;
	unmap = async_op_get_unmap(op, dma->dev, disks + 1);
	if (!unmap)
		return false;
	n = pq_map(dma, unmap, op->blk, disks, op->len, DMA_TO_DEVICE, coefs,
		   true);
	if (n > dma_maxpq(dma, 0))
		op->why = ASYNC_CPU_LIMITS;
	if (n >= 1 && n <= dma_maxpq(dma, 0)) {
		op->why = ASYNC_CPU_NO_DESCRIPTOR;
		pq[0] = unmap->addr[n];
		pq[1] = unmap->addr[n + 1];
		*txp = dma->device_prep_dma_pq_val(chan, pq, unmap->addr, n,
						   coefs, op->len, op->result,
						   pflags);
	}
	return async_tx_submit_mapped(chan, *txp, unmap, submit, op);
}

/**
 * async_syndrome_val() - check the P and Q blocks of a stripe
 * @blocks: as for async_gen_syndrome(); a NULL P or Q is not checked
 * @offsets: the offset in each block
 * @disks: the number of blocks, P and Q included (3 to 255)
 * @len: bytes per block
 * @pqres: set to SUM_CHECK_P_RESULT and/or SUM_CHECK_Q_RESULT for a
 *	mismatch, 0 when both match, by the time the callback runs
 * @spare: room for @len bytes the CPU path may use, or NULL
 * @s_off: the offset in @spare
 * @submit: dependency, callback, scribble and flags (ASYNC_TX_ACK,
 *	ASYNC_TX_FENCE)
 *
 * No block of the stripe is modified on either path.  @spare is written
 * only before this returns: a check the engine failed is redone on the
 * CPU without it, since the caller may by then use it for another check.
 *
 * Context: any; the CPU path may spin waiting for the dependency.
 * Return: the engine descriptor, or NULL when the check is done.
 */
struct dma_async_tx_descriptor *
async_syndrome_val(struct page **blocks, unsigned int *offsets, int disks,
		   size_t len, enum sum_check_flags *pqres, struct page *spare,
		   unsigned int s_off, struct async_submit_ctl *submit)
{
	struct dma_async_tx_descriptor *tx = NULL;
	void *stack[ASYNC_STACK_DISKS] __uninitialized;
	enum async_path why = ASYNC_CPU_NO_CHANNEL;
	struct dma_chan *chan = NULL;
	struct async_op *op = NULL;
	void **ptrs;
	int d;

	if (!pq_args_ok(blocks, disks)) {
		*pqres = 0;
		async_tx_sync_epilog(submit);
		return NULL;
	}
	trace_async_tx_op(ASYNC_OP_PQ_VAL, len, disks, submit->flags);
	if (!IS_ENABLED(CONFIG_ASYNC_TX_DISABLE_PQ_VAL_DMA))
		chan = async_tx_find_channel(submit, DMA_PQ_VAL, NULL, 0,
					     blocks, disks, len);
	if (chan) {
		why = ASYNC_CPU_NO_MEMORY;
		op = async_op_alloc(submit, ASYNC_OP_PQ_VAL, disks,
				    disks * sizeof(void *));
	}
	if (op) {
		for (d = 0; d < disks; d++)
			op->blk[d] = (struct async_blk){ blocks[d], offsets[d] };
		op->len = len;
		op->result = pqres;
		op->redo = pq_val_redo;
		if (pq_val_on_engine(chan, op, submit, &tx))
			return tx;
		why = op->why;
		async_op_put(op);
	}

	if (!async_tx_cpu_path(chan, submit, ASYNC_OP_PQ_VAL, why)) {
		*pqres = SUM_CHECK_P_RESULT | SUM_CHECK_Q_RESULT;
		goto done;
	}
	ptrs = async_ptr_room(submit, stack, blocks, disks);
	pq_addrs(ptrs, blocks, offsets, disks);
	*pqres = pq_val_cpu(ptrs, disks, len,
			    spare ? page_address(spare) + s_off : NULL);
done:
	async_tx_cpu_done(submit, ASYNC_OP_PQ_VAL);
	return NULL;
}
EXPORT_SYMBOL_GPL(async_syndrome_val);

/* blk[0] = dest, blk[1..] the sources; extra = their coefficients */
static void gf_sum_redo(struct async_op *op)
{
	const u8 *srcs[ASYNC_GF_SUM_MAX];
	int i;

	for (i = 1; i < op->nr; i++)
		srcs[i - 1] = async_blk_addr(&op->blk[i]);
	gf_sum_cpu(async_blk_addr(&op->blk[0]), srcs, op->extra, op->nr - 1,
		   op->len);
}

/*
 * A Q-only syndrome of the sources, with their coefficients, into the
 * destination; one source alone is the multiply every DMA_PQ provider
 * takes (I/OAT pairs it with a zero-coefficient copy of itself).  See
 * async_op_alloc() in async_tx_internal.h for the contract.
 */
static bool gf_sum_on_engine(struct dma_chan *chan, struct async_op *op,
			     struct async_submit_ctl *submit,
			     struct dma_async_tx_descriptor **txp)
{
	struct dma_device *dma = chan->device;
	enum dma_ctrl_flags pflags = async_prep_flags(submit, chan) |
				     DMA_PREP_PQ_DISABLE_P;
	int nsrc = op->nr - 1;
	struct dmaengine_unmap_data *unmap;
	dma_addr_t pq[2];

	*txp = NULL;
	op->why = ASYNC_CPU_LIMITS;
	if (dma_maxpq(dma, 0) < nsrc)
		return false;
	op->why = ASYNC_CPU_ALIGNMENT;
	if (!pq_blks_aligned(dma, op->blk, op->nr, op->len))
		return false;
	op->why = ASYNC_CPU_NO_MEMORY;
	unmap = async_op_get_unmap(op, dma->dev, op->nr);
	if (!unmap)
		return false;
	unmap->len = op->len;
	/* the destination may also be a source: map it both ways */
	if (async_dma_map_pages(dma->dev, unmap, 0, &op->blk[1], nsrc,
				op->len, DMA_TO_DEVICE) &&
	    async_dma_map_pages(dma->dev, unmap, nsrc, &op->blk[0], 1,
				op->len, DMA_BIDIRECTIONAL)) {
		op->why = ASYNC_CPU_NO_DESCRIPTOR;
		pq[0] = 0;
		pq[1] = unmap->addr[nsrc];
		*txp = dma->device_prep_dma_pq(chan, pq, unmap->addr, nsrc,
					       op->extra, op->len, pflags);
	}
	return async_tx_submit_mapped(chan, *txp, unmap, submit, op);
}

/**
 * async_gf_sum() - dest = the sum of coefs[i] * srcs[i] in GF(2^8)
 * @dest: the destination block; may be one of the sources
 * @doff: its offset
 * @srcs: the sources, none NULL
 * @soffs: their offsets
 * @coefs: their coefficients
 * @n: how many, 1 to ASYNC_GF_SUM_MAX
 * @len: bytes per block
 * @submit: dependency, callback and flags
 *
 * Runs on a DMA_PQ channel as one Q-only syndrome with the coefficients
 * (when it takes @n sources at once), or on the CPU.  For the raid6
 * recovery routines.
 *
 * Context: any; the CPU path may spin waiting for the dependency.
 * Return: the engine descriptor, or NULL when done.
 */
struct dma_async_tx_descriptor *
async_gf_sum(struct page *dest, unsigned int doff, struct page **srcs,
	     const unsigned int *soffs, const u8 *coefs, int n, size_t len,
	     struct async_submit_ctl *submit)
{
	enum async_path why = ASYNC_CPU_NO_CHANNEL;
	struct dma_async_tx_descriptor *tx = NULL;
	struct async_op *op = NULL;
	struct dma_chan *chan;
	const u8 *ptrs[ASYNC_GF_SUM_MAX];
	int i;

	trace_async_tx_op(ASYNC_OP_MULSUM, len, n, submit->flags);
	if (WARN_ON_ONCE(n < 1 || n > ASYNC_GF_SUM_MAX)) {
		async_tx_wait_dep(submit);
		async_tx_sync_epilog(submit);
		return NULL;
	}
	chan = async_tx_find_channel(submit, DMA_PQ, &dest, 1, srcs, n, len);
	if (chan) {
		why = ASYNC_CPU_NO_MEMORY;
		op = async_op_alloc(submit, ASYNC_OP_MULSUM, n + 1, n);
	}
	if (op) {
		op->blk[0] = (struct async_blk){ dest, doff };
		for (i = 0; i < n; i++) {
			op->blk[i + 1] = (struct async_blk){ srcs[i], soffs[i] };
			op->inplace |= srcs[i] == dest && soffs[i] == doff;
		}
		memcpy(op->extra, coefs, n);
		op->len = len;
		op->redo = gf_sum_redo;
		if (gf_sum_on_engine(chan, op, submit, &tx))
			return tx;
		why = op->why;
		async_op_put(op);
	}
	if (async_tx_cpu_path(chan, submit, ASYNC_OP_MULSUM, why)) {
		for (i = 0; i < n; i++)
			ptrs[i] = page_address(srcs[i]) + soffs[i];
		gf_sum_cpu(page_address(dest) + doff, ptrs, coefs, n, len);
	}
	async_tx_cpu_done(submit, ASYNC_OP_MULSUM);
	return NULL;
}
EXPORT_SYMBOL_NS_GPL(async_gf_sum, ASYNC_TX);

/**
 * async_mulsum() - dest = ca * a + cb * b in GF(2^8)
 * @dest: the destination block; may be @a or @b
 * @doff: its offset
 * @a: the first source
 * @aoff: its offset
 * @ca: its coefficient
 * @b: the second source, or NULL for dest = ca * a
 * @boff: its offset
 * @cb: its coefficient
 * @len: bytes per block
 * @submit: dependency, callback and flags
 *
 * async_gf_sum() of one or two sources.
 *
 * Context: any; the CPU path may spin waiting for the dependency.
 * Return: the engine descriptor, or NULL when done.
 */
struct dma_async_tx_descriptor *
async_mulsum(struct page *dest, unsigned int doff, struct page *a,
	     unsigned int aoff, u8 ca, struct page *b, unsigned int boff,
	     u8 cb, size_t len, struct async_submit_ctl *submit)
{
	struct page *srcs[2] = { a, b };
	unsigned int offs[2] = { aoff, boff };
	u8 coefs[2] = { ca, cb };

	return async_gf_sum(dest, doff, srcs, offs, coefs, b ? 2 : 1, len,
			    submit);
}
EXPORT_SYMBOL_NS_GPL(async_mulsum, ASYNC_TX);

static int __init async_pq_init(void)
{
	pq_sink_page = alloc_page(GFP_KERNEL);
	return pq_sink_page ? 0 : -ENOMEM;
}

static void __exit async_pq_exit(void)
{
	__free_page(pq_sink_page);
}

module_init(async_pq_init);
module_exit(async_pq_exit);

MODULE_DESCRIPTION("async_tx: raid6 syndrome and its check");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(ASYNC_TX);
