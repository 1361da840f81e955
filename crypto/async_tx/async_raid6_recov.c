// SPDX-License-Identifier: GPL-2.0-only
/*
 * async_raid6_2data_recov and async_raid6_datap_recov: rebuild two lost
 * blocks of a raid6 stripe.
 *
 * With D(x) the lost data, and Pxy/Qxy the syndrome of the surviving
 * data (lost blocks taken as zero):
 *
 *   Pd = P + Pxy = D(a) + D(b)
 *   Qd = Q + Qxy = g^a D(a) + g^b D(b)
 *   D(b) = (g^a Pd + Qd) / (g^a + g^b),  D(a) = Pd + D(b)
 *
 * and for a lost data block with P:  D(a) = (Q + Qx) / g^a, then P again.
 *
 * With an engine that can compute a syndrome these are chains of engine
 * operations (syndrome, xor, multiply-and-add), each falling back to the
 * CPU on its own; without one the whole recovery runs on the CPU through
 * the raid6 library where the buffers suit it.
 */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/raid/pq.h>
#include <linux/async_tx.h>
#include "async_tx_internal.h"

/* The pointers of the generic CPU path: NULL for a missing block. */
static void recov_ptrs(void **ptrs, struct page **blocks, unsigned int *offs,
		       int disks)
{
	int d;

	for (d = 0; d < disks; d++)
		ptrs[d] = blocks[d] ? page_address(blocks[d]) + offs[d] : NULL;
}

/*
 * The common stripe in one pass: pointers straight for the raid6
 * library, missing data blocks reading the zero page.  Return whether
 * the library takes all @len bytes: vector aligned and whole units.
 * Inline, as recov_lib() is: on a 512-byte stripe the two calls are a
 * visible part of the CPU path's cost beyond the library's.
 */
static __always_inline bool recov_lib_ptrs(void **ptrs, struct page **blocks,
					   unsigned int *offs, int disks,
					   size_t len)
{
	unsigned long align = len & (ASYNC_BULK_UNIT - 1);
	int d;

	for (d = 0; d < disks; d++) {
		if (unlikely(!blocks[d])) {
			ptrs[d] = (void *)raid6_empty_zero_page;
			continue;
		}
		ptrs[d] = page_address(blocks[d]) + offs[d];
		align |= (unsigned long)ptrs[d];
	}
	return len && !(align & (ASYNC_BULK_ALIGN - 1));
}

/*
 * The raid6 library's recovery of @len bytes, @b < 0 for data+P.  It
 * stands its zero page in for the lost blocks while it takes their
 * syndrome, so it is given a page at a time; @ptrs, missing blocks
 * reading the zero page, come back as they were given.
 */
static __always_inline void recov_lib(void **ptrs, int disks, size_t len,
				      int a, int b)
{
	size_t at = 0, n;
	int d;

	for (;;) {
		n = min_t(size_t, len - at, PAGE_SIZE);
		if (b < 0)
			raid6_datap_recov(disks, n, a, ptrs);
		else
			raid6_2data_recov(disks, n, a, b, ptrs);
		if (likely(at + n == len))
			break;
		at += n;
		for (d = 0; d < disks; d++)
			if (ptrs[d] != raid6_empty_zero_page)
				ptrs[d] += n;
	}
	for (d = 0; at && d < disks; d++)
		if (ptrs[d] != raid6_empty_zero_page)
			ptrs[d] -= at;
}

/* How much of the stripe the raid6 library's recovery can take. */
static size_t recov_lib_bulk(void **ptrs, int disks, size_t len)
{
	size_t bulk = round_down(len, ASYNC_BULK_UNIT);
	unsigned long align = 0;
	int d;

	for (d = 0; d < disks; d++)
		align |= (unsigned long)ptrs[d];
	return align & (ASYNC_BULK_ALIGN - 1) ? 0 : bulk;
}

static void recov_zero_fill(void **ptrs, int disks, bool to_zero_page)
{
	int d;

	for (d = 0; d < disks - 2; d++) {
		if (to_zero_page && !ptrs[d])
			ptrs[d] = (void *)raid6_empty_zero_page;
		else if (!to_zero_page && ptrs[d] == raid6_empty_zero_page)
			ptrs[d] = NULL;
	}
}

/* Advance every pointer by @by, for the part the library did not take. */
static void recov_skip(void **ptrs, int disks, size_t by)
{
	int d;

	for (d = 0; d < disks; d++)
		if (ptrs[d])
			ptrs[d] += by;
}

/* The generic two-data recovery of @len bytes at @ptrs. */
static void recov_2data_cpu(void **ptrs, int disks, size_t len, int a, int b)
{
	u8 *da = ptrs[a], *db = ptrs[b];
	u8 *p = ptrs[disks - 2], *q = ptrs[disks - 1];
	u8 ga = raid6_gfexp[a];
	u8 inv = raid6_gfinv[ga ^ raid6_gfexp[b]];
	void *srcs[1];

	/* Pxy into D(a), Qxy into D(b) */
	ptrs[a] = NULL;
	ptrs[b] = NULL;
	ptrs[disks - 2] = da;
	ptrs[disks - 1] = db;
	async_cpu_syndrome(disks, len, ptrs, false);
	ptrs[disks - 2] = p;
	ptrs[disks - 1] = q;
	ptrs[a] = da;
	ptrs[b] = db;
	srcs[0] = p;
	async_cpu_xor(da, srcs, 1, len);		/* Pd */
	srcs[0] = q;
	async_cpu_xor(db, srcs, 1, len);		/* Qd */
	async_cpu_gf_mulsum(db, da, raid6_gfmul[inv][ga], db, inv, len);
	srcs[0] = db;
	async_cpu_xor(da, srcs, 1, len);
}

/* The generic data+P recovery of @len bytes at @ptrs. */
static void recov_datap_cpu(void **ptrs, int disks, size_t len, int a)
{
	u8 *da = ptrs[a], *q = ptrs[disks - 1];
	void *srcs[1];

	/* P without D(a) into P, Qx into D(a) */
	ptrs[a] = NULL;
	ptrs[disks - 1] = da;
	async_cpu_syndrome(disks, len, ptrs, false);
	ptrs[disks - 1] = q;
	ptrs[a] = da;
	srcs[0] = q;
	async_cpu_xor(da, srcs, 1, len);
	async_cpu_gf_mulsum(da, da, raid6_gfinv[raid6_gfexp[a]], NULL, 0, len);
	srcs[0] = da;
	async_cpu_xor(ptrs[disks - 2], srcs, 1, len);
}

static void recov_on_cpu(void **ptrs, int disks, size_t len, int a, int b)
{
	size_t bulk = recov_lib_bulk(ptrs, disks, len);

	if (bulk) {
		recov_zero_fill(ptrs, disks, true);
		recov_lib(ptrs, disks, bulk, a, b);
		recov_zero_fill(ptrs, disks, false);
		if (bulk == len)
			return;
		recov_skip(ptrs, disks, bulk);
	}
	if (b < 0)
		recov_datap_cpu(ptrs, disks, len - bulk, a);
	else
		recov_2data_cpu(ptrs, disks, len - bulk, a, b);
}

/* The caller's contract broken: say how, once. */
static noinline bool recov_args_bad(int disks, int a, int b,
				    struct page **blocks)
{
	bool bad = disks < 4 || disks > 255 || a < 0 ||
		   (b < 0 ? a >= disks - 2 : a >= b || b >= disks);

	if (WARN_ONCE(bad, "async_tx: recovery of blocks %d and %d of %d\n",
		      a, b, disks))
		return false;
	return !WARN_ONCE(!blocks[a] || (b >= 0 && !blocks[b]) ||
			  !blocks[disks - 2] || !blocks[disks - 1],
			  "async_tx: recovery without a page to rebuild into\n");
}

/*
 * @a < @b < @disks for async_raid6_2data_recov(); @b < 0 and @a a data
 * block for async_raid6_datap_recov().  Every block to rebuild has a
 * page.
 */
static inline bool recov_args_ok(int disks, int a, int b,
				 struct page **blocks)
{
	if (likely(disks >= 4 && disks <= 255 && a >= 0 &&
		   (b < 0 ? a < disks - 2 : a < b && b < disks) &&
		   blocks[a] && (b < 0 || blocks[b]) &&
		   blocks[disks - 2] && blocks[disks - 1]))
		return true;
	return recov_args_bad(disks, a, b, blocks);
}

/*
 * Submission control for a step of a chain: the client's callback on
 * the last; a step whose result is lost makes the recovery's lost.
 */
static void recov_step(struct async_submit_ctl *step,
		       struct async_submit_ctl *client,
		       struct dma_async_tx_descriptor *dep, bool last)
{
	if (last)
		init_async_submit(step, client->flags | ASYNC_TX_FENCE, dep,
				  client->cb_fn, client->cb_param,
				  client->scribble);
	else
		init_async_submit(step, ASYNC_TX_FENCE, dep, NULL, NULL,
				  client->scribble);
	step->err = client->err;
}

/* Put @page/@off in slot @i of the block list; return what was there. */
static struct async_blk recov_slot(struct page **blocks, unsigned int *offs,
				   int i, struct async_blk with)
{
	struct async_blk was = { blocks[i], offs[i] };

	blocks[i] = with.page;
	offs[i] = with.off;
	return was;
}

/*
 * The syndrome of the surviving data (blocks @a and @b, if @b >= 0, taken
 * as zero) into @p_to and @q_to.  The caller's block list is rewritten
 * for the call and is the same on return: a copy of up to PQ_MAX_DISKS
 * entries would need memory that a recovery, which must not fail for the
 * want of it, may not get, and the interface lets an operation use the
 * caller's list (the syndrome's CPU path may keep pointers in it).
 */
static struct dma_async_tx_descriptor *
recov_survivors(struct page **blocks, unsigned int *offs, int disks,
		size_t len, int a, int b, struct async_blk p_to,
		struct async_blk q_to, struct async_submit_ctl *step)
{
	struct async_blk none = { NULL, 0 }, was_a, was_b = none, was_p, was_q;
	struct dma_async_tx_descriptor *tx;

	was_a = recov_slot(blocks, offs, a, none);
	if (b >= 0)
		was_b = recov_slot(blocks, offs, b, none);
	was_p = recov_slot(blocks, offs, disks - 2, p_to);
	was_q = recov_slot(blocks, offs, disks - 1, q_to);
	tx = async_gen_syndrome(blocks, offs, disks, len, step);
	recov_slot(blocks, offs, disks - 1, was_q);
	recov_slot(blocks, offs, disks - 2, was_p);
	if (b >= 0)
		recov_slot(blocks, offs, b, was_b);
	recov_slot(blocks, offs, a, was_a);
	return tx;
}

/* dst += src, as a step of a chain */
static struct dma_async_tx_descriptor *
recov_xor_into(struct async_blk dst, struct async_blk src, size_t len,
	       struct async_submit_ctl *step)
{
	struct page *pages[2] = { dst.page, src.page };
	unsigned int offs[2] = { dst.off, src.off };

	step->flags |= ASYNC_TX_XOR_DROP_DST;
	return async_xor_offs(dst.page, dst.off, pages, offs, 2, len, step);
}

/*
 * A recovery in two steps (one sum into a lost data block, one xor) when
 * the sum takes at most this many sources: then it reads fewer blocks
 * and runs fewer descriptors than the long chain, and multiplies no more
 * bytes in GF(2^8).  With more sources the long chain, whose syndrome
 * and xors touch each survivor once, moves less.
 */
#define RECOV_SUM_MAX	4

/**
 * struct recov_sum - the sources of a recovery's one-step sum
 * @n: how many
 * @page: their pages
 * @off: their offsets
 * @coef: their coefficients, for async_gf_sum()
 */
struct recov_sum {
	int n;
	struct page *page[RECOV_SUM_MAX];
	unsigned int off[RECOV_SUM_MAX];
	u8 coef[RECOV_SUM_MAX];
};

static void recov_sum_add(struct recov_sum *sum, struct async_blk b, u8 coef)
{
	sum->page[sum->n] = b.page;
	sum->off[sum->n] = b.off;
	sum->coef[sum->n++] = coef;
}

/*
 * After the sources already in @sum: every data block present but @a
 * and @b, block i with coefficient @ca + @cq * g^i.  False when there
 * are more than RECOV_SUM_MAX, or than one descriptor of @chan takes.
 */
static bool recov_sum_survivors(struct recov_sum *sum, struct dma_chan *chan,
				struct page **blocks, unsigned int *offs,
				int disks, int a, int b, u8 ca, u8 cq)
{
	int max = min_t(int, RECOV_SUM_MAX, dma_maxpq(chan->device, 0));
	int i;

	if (sum->n > max)
		return false;
	for (i = 0; i < disks - 2; i++) {
		if (i == a || i == b || !blocks[i])
			continue;
		if (sum->n == max)
			return false;
		recov_sum_add(sum, (struct async_blk){ blocks[i], offs[i] },
			      ca ^ raid6_gfmul[cq][raid6_gfexp[i]]);
	}
	return true;
}

/*
 * The two steps: the sum into @to, then into @xto the xor of the sum's
 * sources with @to in the place of source @swap.
 */
static struct dma_async_tx_descriptor *
recov_sum_then_xor(struct recov_sum *sum, struct async_blk to, int swap,
		   struct async_blk xto, size_t len,
		   struct async_submit_ctl *submit)
{
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl step;

	recov_step(&step, submit, submit->depend_tx, false);
	tx = async_gf_sum(to.page, to.off, sum->page, sum->off, sum->coef,
			  sum->n, len, &step);
	sum->page[swap] = to.page;
	sum->off[swap] = to.off;
	recov_step(&step, submit, tx, true);
	step.flags |= ASYNC_TX_XOR_ZERO_DST;
	return async_xor_offs(xto.page, xto.off, sum->page, sum->off, sum->n,
			      len, &step);
}

/*
 * The lost data blocks @a and @b in two steps, when one sum (see
 * RECOV_SUM_MAX) takes P, Q and every surviving data block D(i):
 *
 *   D(b) = A * P + B * Q + sum over i of (A + B * g^i) * D(i)
 *   D(a) = P + D(b) + sum over i of D(i)
 *
 * with B = 1 / (g^a + g^b) and A = B * g^a.  False, with nothing
 * submitted, when they do not fit.
 */
static bool recov_2data_sum(int disks, size_t len, int a, int b,
			    struct page **blocks, unsigned int *offs,
			    struct async_submit_ctl *submit,
			    struct dma_chan *chan,
			    struct dma_async_tx_descriptor **txp)
{
	struct async_blk da = { blocks[a], offs[a] }, db = { blocks[b], offs[b] };
	struct async_blk p = { blocks[P_AT(disks)], offs[P_AT(disks)] };
	struct async_blk q = { blocks[Q_AT(disks)], offs[Q_AT(disks)] };
	u8 cb = raid6_gfinv[raid6_gfexp[a] ^ raid6_gfexp[b]];
	u8 ca = raid6_gfmul[cb][raid6_gfexp[a]];
	struct recov_sum sum = { 0 };

	recov_sum_add(&sum, p, ca);
	recov_sum_add(&sum, q, cb);
	if (!recov_sum_survivors(&sum, chan, blocks, offs, disks, a, b, ca, cb))
		return false;
	/* the xor's sources: P, D(b) in Q's place, the survivors */
	*txp = recov_sum_then_xor(&sum, db, 1, da, len, submit);
	return true;
}

/*
 * The lost data block @a and P in two steps, when one sum (see
 * RECOV_SUM_MAX) takes Q and every surviving data block D(i):
 *
 *   D(a) = Q / g^a + sum over i of (g^i / g^a) * D(i)
 *   P = D(a) + sum over i of D(i)
 *
 * False, with nothing submitted, when they do not fit.
 */
static bool recov_datap_sum(int disks, size_t len, int a,
			    struct page **blocks, unsigned int *offs,
			    struct async_submit_ctl *submit,
			    struct dma_chan *chan,
			    struct dma_async_tx_descriptor **txp)
{
	struct async_blk da = { blocks[a], offs[a] };
	struct async_blk p = { blocks[P_AT(disks)], offs[P_AT(disks)] };
	struct async_blk q = { blocks[Q_AT(disks)], offs[Q_AT(disks)] };
	u8 inv = raid6_gfinv[raid6_gfexp[a]];
	struct recov_sum sum = { 0 };

	recov_sum_add(&sum, q, inv);
	/* an xor wants two sources: without survivors, the long way */
	if (!recov_sum_survivors(&sum, chan, blocks, offs, disks, a, -1, 0,
				 inv) || sum.n < 2)
		return false;
	/* the xor's sources: D(a) in Q's place, the survivors */
	*txp = recov_sum_then_xor(&sum, da, 0, p, len, submit);
	return true;
}

static struct dma_async_tx_descriptor *
recov_2data_chain(int disks, size_t len, int a, int b, struct page **blocks,
		  unsigned int *offs, struct async_submit_ctl *submit,
		  struct dma_chan *chan)
{
	struct async_blk da = { blocks[a], offs[a] }, db = { blocks[b], offs[b] };
	struct async_blk p = { blocks[disks - 2], offs[disks - 2] };
	struct async_blk q = { blocks[disks - 1], offs[disks - 1] };
	u8 ga = raid6_gfexp[a], inv = raid6_gfinv[ga ^ raid6_gfexp[b]];
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl step;

	if (recov_2data_sum(disks, len, a, b, blocks, offs, submit, chan, &tx))
		return tx;

	/* Pxy into D(a), Qxy into D(b) */
	recov_step(&step, submit, submit->depend_tx, false);
	tx = recov_survivors(blocks, offs, disks, len, a, b, da, db, &step);

	/* Pd = P + Pxy, Qd = Q + Qxy */
	recov_step(&step, submit, tx, false);
	tx = recov_xor_into(da, p, len, &step);
	recov_step(&step, submit, tx, false);
	tx = recov_xor_into(db, q, len, &step);

	/* D(b) = inv * g^a * Pd + inv * Qd, then D(a) = Pd + D(b) */
	recov_step(&step, submit, tx, false);
	tx = async_mulsum(db.page, db.off, da.page, da.off, raid6_gfmul[inv][ga],
			  db.page, db.off, inv, len, &step);
	recov_step(&step, submit, tx, true);
	return recov_xor_into(da, db, len, &step);
}

static struct dma_async_tx_descriptor *
recov_datap_chain(int disks, size_t len, int a, struct page **blocks,
		  unsigned int *offs, struct async_submit_ctl *submit,
		  struct dma_chan *chan)
{
	struct async_blk da = { blocks[a], offs[a] };
	struct async_blk p = { blocks[disks - 2], offs[disks - 2] };
	struct async_blk q = { blocks[disks - 1], offs[disks - 1] };
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl step;

	if (recov_datap_sum(disks, len, a, blocks, offs, submit, chan, &tx))
		return tx;

	/* P of the others into P, their Q into D(a) */
	recov_step(&step, submit, submit->depend_tx, false);
	tx = recov_survivors(blocks, offs, disks, len, a, -1, p, da, &step);

	/* D(a) = (Q + Qx) / g^a, then P += D(a) */
	recov_step(&step, submit, tx, false);
	tx = recov_xor_into(da, q, len, &step);
	recov_step(&step, submit, tx, false);
	tx = async_mulsum(da.page, da.off, da.page, da.off,
			  raid6_gfinv[raid6_gfexp[a]], NULL, 0, 0, len, &step);
	recov_step(&step, submit, tx, true);
	return recov_xor_into(p, da, len, &step);
}

/* Two lost blocks of which one or both are P and Q: recompute those. */
static struct dma_async_tx_descriptor *
recov_with_q(int disks, size_t len, int a, struct page **blocks,
	     unsigned int *offs, struct async_submit_ctl *submit)
{
	struct dma_async_tx_descriptor *tx = submit->depend_tx;
	struct async_submit_ctl step;

	if (a < disks - 2) {
		struct page *pa = blocks[a], *p = blocks[disks - 2];
		unsigned int oa = offs[a];

		/* D(a) = P + the other data: P stands in D(a)'s slot */
		blocks[a] = p;
		offs[a] = offs[disks - 2];
		recov_step(&step, submit, tx, false);
		step.flags |= ASYNC_TX_XOR_ZERO_DST;
		tx = async_xor_offs(pa, oa, blocks, offs, disks - 2, len, &step);
		blocks[a] = pa;
		offs[a] = oa;

		/* then Q alone: P is intact */
		blocks[disks - 2] = NULL;
		recov_step(&step, submit, tx, true);
		tx = async_gen_syndrome(blocks, offs, disks, len, &step);
		blocks[disks - 2] = p;
		return tx;
	}
	recov_step(&step, submit, tx, true);
	return async_gen_syndrome(blocks, offs, disks, len, &step);
}

/**
 * async_raid6_2data_recov() - rebuild two lost blocks of a raid6 stripe
 * @disks: the number of blocks, P and Q included
 * @bytes: bytes per block
 * @faila: the first lost block
 * @failb: the second lost block
 * @blocks: the stripe; the lost blocks' pages receive the result; other
 *	data blocks may be NULL (zeroes)
 * @offs: the offset in each block
 * @submit: dependency, callback, scribble and flags
 *
 * @faila and @failb may come in either order; when one of them is P or
 * Q the others are recomputed from what survives.  @blocks and @offs are
 * the same on return (without a scribble region and with many blocks,
 * the CPU path uses @blocks as its pointer array).
 *
 * Context: any; the CPU path may spin waiting for the dependency.
 * Return: the last engine descriptor, or NULL when done.
 */
struct dma_async_tx_descriptor *
async_raid6_2data_recov(int disks, size_t bytes, int faila, int failb,
			struct page **blocks, unsigned int *offs,
			struct async_submit_ctl *submit)
{
	void *stack[ASYNC_STACK_DISKS] __uninitialized;
	struct dma_chan *chan;
	void **ptrs;

	if (faila > failb)
		swap(faila, failb);
	if (!recov_args_ok(disks, faila, failb, blocks)) {
		async_tx_wait_dep(submit);
		async_tx_sync_epilog(submit);
		return NULL;
	}
	if (failb == disks - 2)
		return async_raid6_datap_recov(disks, bytes, faila, blocks,
					       offs, submit);
	trace_async_tx_op(ASYNC_OP_2DATA, bytes, disks, submit->flags);
	if (failb == disks - 1)
		return recov_with_q(disks, bytes, faila, blocks, offs, submit);
	chan = async_tx_find_channel(submit, DMA_PQ, NULL, 0, NULL, 0, bytes);
	if (chan)
		return recov_2data_chain(disks, bytes, faila, failb, blocks,
					 offs, submit, chan);

	if (!async_tx_cpu_path(NULL, submit, ASYNC_OP_2DATA,
			       ASYNC_CPU_NO_CHANNEL))
		goto done;
	ptrs = async_ptr_room(submit, stack, blocks, disks);
	if (recov_lib_ptrs(ptrs, blocks, offs, disks, bytes)) {
		recov_lib(ptrs, disks, bytes, faila, failb);
	} else {
		recov_ptrs(ptrs, blocks, offs, disks);
		recov_on_cpu(ptrs, disks, bytes, faila, failb);
	}
done:
	async_tx_cpu_done(submit, ASYNC_OP_2DATA);
	return NULL;
}
EXPORT_SYMBOL_GPL(async_raid6_2data_recov);

/**
 * async_raid6_datap_recov() - rebuild a lost data block and P
 * @disks: the number of blocks, P and Q included
 * @bytes: bytes per block
 * @faila: the lost data block
 * @blocks: the stripe; the pages of @faila and P receive the result;
 *	other data blocks may be NULL (zeroes)
 * @offs: the offset in each block
 * @submit: dependency, callback, scribble and flags
 *
 * Context: any; the CPU path may spin waiting for the dependency.
 * Return: the last engine descriptor, or NULL when done.
 */
struct dma_async_tx_descriptor *
async_raid6_datap_recov(int disks, size_t bytes, int faila,
			struct page **blocks, unsigned int *offs,
			struct async_submit_ctl *submit)
{
	void *stack[ASYNC_STACK_DISKS] __uninitialized;
	struct dma_chan *chan;
	void **ptrs;

	if (!recov_args_ok(disks, faila, -1, blocks)) {
		async_tx_wait_dep(submit);
		async_tx_sync_epilog(submit);
		return NULL;
	}
	trace_async_tx_op(ASYNC_OP_DATAP, bytes, disks, submit->flags);
	chan = async_tx_find_channel(submit, DMA_PQ, NULL, 0, NULL, 0, bytes);
	if (chan)
		return recov_datap_chain(disks, bytes, faila, blocks, offs,
					 submit, chan);

	if (!async_tx_cpu_path(NULL, submit, ASYNC_OP_DATAP,
			       ASYNC_CPU_NO_CHANNEL))
		goto done;
	ptrs = async_ptr_room(submit, stack, blocks, disks);
	if (recov_lib_ptrs(ptrs, blocks, offs, disks, bytes)) {
		recov_lib(ptrs, disks, bytes, faila, -1);
	} else {
		recov_ptrs(ptrs, blocks, offs, disks);
		recov_on_cpu(ptrs, disks, bytes, faila, -1);
	}
done:
	async_tx_cpu_done(submit, ASYNC_OP_DATAP);
	return NULL;
}
EXPORT_SYMBOL_GPL(async_raid6_datap_recov);

MODULE_DESCRIPTION("async_tx: raid6 two-block recovery");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(ASYNC_TX);
