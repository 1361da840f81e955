// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for async_tx: engine errors repaired on the CPU, waits that
 * run out, and mappings undone whatever happened.
 */

#include <kunit/test.h>
#include <linux/async_tx.h>
#include <linux/dma-map-ops.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "../async_tx_internal.h"
#include "async_tx_test.h"

/* ------------------------------------------------------------------ */
/* Engine errors                                                      */
/* ------------------------------------------------------------------ */

/**
 * struct fault_case - which descriptors the engine fails
 * @name: for the parameter description
 * @type: the transaction type failed
 * @every: every this many of that type
 * @how: how: in-place updates are repairable when nothing was written
 */
struct fault_case {
	const char *name;
	enum dma_transaction_type type;
	int every;
	enum dma_fx_fail_how how;
};

static const struct fault_case faults[] = {
	{ "memcpy-every", DMA_MEMCPY, 1 },
	{ "memset-every", DMA_MEMSET, 1 },
	{ "xor-every-2nd", DMA_XOR, 2 },
	{ "xor-every", DMA_XOR, 1 },
	{ "xor_val-every", DMA_XOR_VAL, 1 },
	{ "pq-every-3rd", DMA_PQ, 3 },
	{ "pq-every", DMA_PQ, 1 },
	{ "pq_val-every", DMA_PQ_VAL, 1 },
	{ "xor-aborted", DMA_XOR, 1, DMA_FX_FAIL_ABORTED },
	{ "pq-aborted-every-2nd", DMA_PQ, 2, DMA_FX_FAIL_ABORTED },
	{ "xor-unwritten", DMA_XOR, 1, DMA_FX_FAIL_UNWRITTEN },
	{ "pq-unwritten-every-2nd", DMA_PQ, 2, DMA_FX_FAIL_UNWRITTEN },
};

static void fault_desc(const struct fault_case *f, char *desc)
{
	strscpy(desc, f->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fault, faults, fault_desc);

/*
 * async_syndrome_val() of the four-data stripe in blocks 2..7 of @st,
 * its result word starting at @res; returns the verdict.  The spare
 * block is the caller's again once the call has returned (md shares one
 * per CPU between stripes): a repair of the check must leave it as it
 * was then.  @was is room for a copy of it.
 */
static enum sum_check_flags
pq_val_leaves_spare(struct kunit *test, struct dma_fx *fx, struct stripe *st,
		    struct page *spare, addr_conv_t *scribble,
		    enum sum_check_flags res, u8 *was, int round)
{
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl submit;
	struct one_op op;

	get_random_bytes(page_address(spare), PAGE_SIZE);
	atx_op_begin(&op, &submit, 0, scribble);
	tx = async_syndrome_val(&st->blk[2], st->off, 6, PAGE_SIZE, &res,
				spare, 0, &submit);
	memcpy(was, page_address(spare), PAGE_SIZE);
	atx_op_end(test, fx, &op, tx);
	EXPECT_SAME(test, (u8 *)page_address(spare), was, PAGE_SIZE,
		    "spare written after pq_val %d returned", round);
	return res;
}

/*
 * P and Q of the first eight blocks of @st (six data blocks, then P and
 * Q) on @fx, checked against the CPU's over their first 64 bytes.
 */
static void syndrome_of_six(struct kunit *test, struct dma_fx *fx,
			    struct stripe *st, u8 **data,
			    addr_conv_t *scribble, const char *what)
{
	struct async_submit_ctl submit;
	u8 want_p[64], want_q[64];
	struct one_op op;

	st->n = 8;
	atx_ref_pq(st, data, 64, want_p, want_q);
	atx_op_begin(&op, &submit, 0, scribble);
	atx_op_end(test, fx, &op, async_gen_syndrome(st->blk, st->off, 8,
						     PAGE_SIZE, &submit));
	EXPECT_SAME(test, data[6], want_p, 64, "P, %s", what);
	EXPECT_SAME(test, data[7], want_q, 64, "Q, %s", what);
}

/*
 * Updates in place (xor into a destination that is a source, P and Q
 * updated with a syndrome) are repaired when the engine never ran them
 * or says it wrote nothing.  When it may have written part of the
 * destination, the client that asked is told: -EIO in its error word.
 */
static void inplace_updates(struct kunit *test, struct dma_fx *fx,
			    struct stripe *st, addr_conv_t *scribble,
			    const struct fault_case *f)
{
	bool lost_xor = f->how == DMA_FX_FAIL_PARTIAL && f->type == DMA_XOR;
	bool lost_pq = f->how == DMA_FX_FAIL_PARTIAL && f->type == DMA_PQ;
	u8 *data[MAX_BLOCKS], *want_p, *want_q;
	struct async_submit_ctl submit;
	struct page *srcs[2];
	struct one_op op;
	size_t at;
	int k, err;

	want_p = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	want_q = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, want_p);
	KUNIT_ASSERT_NOT_NULL(test, want_q);
	for (k = 0; k < 8; k++)
		data[k] = atx_blk_va(st->blk[k], 0);

	/* block 0 ^= block 1 */
	for (at = 0; at < PAGE_SIZE; at++)
		want_p[at] = data[0][at] ^ data[1][at];
	srcs[0] = st->blk[0];
	srcs[1] = st->blk[1];
	err = 0;
	atx_op_begin(&op, &submit, ASYNC_TX_XOR_DROP_DST, NULL);
	submit.err = &err;
	atx_op_end(test, fx, &op, async_xor(st->blk[0], srcs, 0, 2, PAGE_SIZE,
					    &submit));
	KUNIT_EXPECT_EQ_MSG(test, err, lost_xor ? -EIO : 0, "xor in place");
	if (!lost_xor)
		EXPECT_SAME(test, data[0], want_p, PAGE_SIZE, "xor in place");

	/*
	 * P and Q (blocks 6, 7) += the syndrome of one data block (5): one
	 * descriptor.  (Split over several, an update in place that lost a
	 * pass is not repairable: the others already changed P and Q.)
	 */
	st->n = 3;
	atx_ref_pq(st, &data[5], PAGE_SIZE, want_p, want_q);
	for (at = 0; at < PAGE_SIZE; at++) {
		want_p[at] ^= data[6][at];
		want_q[at] ^= data[7][at];
	}
	err = 0;
	atx_op_begin(&op, &submit, ASYNC_TX_PQ_XOR_DST, scribble);
	submit.err = &err;
	atx_op_end(test, fx, &op, async_gen_syndrome(&st->blk[5], st->off, 3,
						     PAGE_SIZE, &submit));
	KUNIT_EXPECT_EQ_MSG(test, err, lost_pq ? -EIO : 0, "P/Q in place");
	if (!lost_pq) {
		EXPECT_SAME(test, data[6], want_p, PAGE_SIZE,
			    "P updated in place");
		EXPECT_SAME(test, data[7], want_q, PAGE_SIZE,
			    "Q updated in place");
	}
}

/*
 * With the engine failing one kind of descriptor, every operation whose
 * inputs the engine cannot have changed still gives the right result,
 * alone and in chains, and the engine did fail some.
 */
static void engine_errors_are_repaired(struct kunit *test)
{
	static const struct dma_fx_profile prof = {
		.name = "faulty", .caps = DMA_FX_ALL, .max_xor = 5, .max_pq = 4,
		.descs = 32,
	};
	const struct fault_case *f = test->param_value;
	struct dma_fx *fx = dma_fx_create(test, &prof, 1);
	struct page *spare = atx_test_block(test);
	addr_conv_t *scribble = kunit_kcalloc(test, MAX_BLOCKS,
					      sizeof(*scribble), GFP_KERNEL);
	u8 *want = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	u8 *data[MAX_BLOCKS];
	struct stripe *st;
	char what[16];
	int round, k;

	KUNIT_ASSERT_NOT_NULL(test, scribble);
	KUNIT_ASSERT_NOT_NULL(test, want);
	fx->fail_type = f->type;
	fx->fail_every = f->every;
	fx->fail_how = f->how;
	st = atx_stripe_alloc(test, 8);
	for (k = 0; k < 8; k++)
		data[k] = atx_blk_va(st->blk[k], 0);

	for (round = 0; round < 4; round++) {
		enum sum_check_flags res = ~0;
		struct async_submit_ctl submit;
		struct one_op op;
		size_t at;

		/* memcpy and memset */
		memcpy(want, data[1], PAGE_SIZE);
		atx_op_begin(&op, &submit, 0, NULL);
		atx_op_end(test, fx, &op, async_memcpy(st->blk[0], st->blk[1], 0, 0,
						       PAGE_SIZE, &submit));
		EXPECT_SAME(test, data[0], want, PAGE_SIZE, "memcpy %d", round);
		memset(want, round, PAGE_SIZE);
		atx_op_begin(&op, &submit, 0, NULL);
		atx_op_end(test, fx, &op, async_memset(st->blk[0], round, 0,
						       PAGE_SIZE, &submit));
		EXPECT_SAME(test, data[0], want, PAGE_SIZE, "memset %d", round);

		/* a seven-source xor: two passes on this engine */
		for (at = 0; at < PAGE_SIZE; at++)
			want[at] = data[1][at] ^ data[2][at] ^ data[3][at] ^
				   data[4][at] ^ data[5][at] ^ data[6][at] ^
				   data[7][at];
		atx_op_begin(&op, &submit, ASYNC_TX_XOR_ZERO_DST, NULL);
		atx_op_end(test, fx, &op, async_xor(st->blk[0], &st->blk[1], 0, 7,
						    PAGE_SIZE, &submit));
		EXPECT_SAME(test, data[0], want, PAGE_SIZE, "xor %d", round);

		/* five blocks with block 0 their parity: the check passes */
		for (at = 0; at < PAGE_SIZE; at++)
			data[0][at] = data[1][at] ^ data[2][at] ^ data[3][at] ^
				      data[4][at];
		res = ~0;
		atx_op_begin(&op, &submit, 0, NULL);
		atx_op_end(test, fx, &op, async_xor_val(st->blk[0], st->blk, 0, 5,
							PAGE_SIZE, &res, &submit));
		KUNIT_EXPECT_EQ_MSG(test, res, 0, "xor_val %d", round);
		data[2][round] ^= 4;
		res = 0;
		atx_op_begin(&op, &submit, 0, NULL);
		atx_op_end(test, fx, &op, async_xor_val(st->blk[0], st->blk, 0, 5,
							PAGE_SIZE, &res, &submit));
		KUNIT_EXPECT_EQ_MSG(test, res, SUM_CHECK_P_RESULT,
				    "xor_val of bad parity %d", round);
		data[2][round] ^= 4;

		/* P and Q of six data blocks: three passes here */
		snprintf(what, sizeof(what), "round %d", round);
		syndrome_of_six(test, fx, st, data, scribble, what);

		/* a four-data stripe (blocks 2..7) checks in one descriptor */
		st->n = 6;
		atx_ref_pq(st, &data[2], PAGE_SIZE, data[6], data[7]);
		res = pq_val_leaves_spare(test, fx, st, spare, scribble, ~0,
					  want, round);
		KUNIT_EXPECT_EQ_MSG(test, res, 0, "pq_val %d", round);
		data[3][round] ^= 0x10;
		res = pq_val_leaves_spare(test, fx, st, spare, scribble, 0,
					  want, round);
		KUNIT_EXPECT_EQ_MSG(test, res,
				    SUM_CHECK_P_RESULT | SUM_CHECK_Q_RESULT,
				    "pq_val of a bad stripe %d", round);
		data[3][round] ^= 0x10;
	}
	/* which descriptor fails is only known when all of the type do */
	if (f->how != DMA_FX_FAIL_PARTIAL || f->every == 1)
		inplace_updates(test, fx, st, scribble, f);
	/* and a chain whose steps fail on the way */
	atx_run_random_chain(test, &fx, 1);
	KUNIT_EXPECT_GT(test, atomic_read(&fx->failed), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->violations), 0);
}

/* ------------------------------------------------------------------ */
/* Waits that run out                                                 */
/* ------------------------------------------------------------------ */

static void restore_wait_ms(void *old)
{
	async_tx_set_wait_ms((unsigned long)old);
}

/*
 * A copy on an engine that hangs, and an xor that reads its result on
 * the CPU (the engine has no xor).  The xor's wait runs out; the
 * engine's channel is stopped; when that aborts the copy, async_tx
 * recomputes it and the xor reads the right data; when the engine does
 * not stop either, the xor is not run over memory the engine may still
 * write, and its client is told.
 */
static void run_wait_runs_out(struct kunit *test, bool deaf)
{
	static const struct dma_fx_profile prof = {
		.name = "hangs", .caps = BIT(DMA_MEMCPY) | BIT(DMA_INTERRUPT),
		.descs = 8,
	};
	struct dma_fx *fx = dma_fx_create(test, &prof, 1);
	struct page *src = atx_test_block(test), *mid = atx_test_block(test);
	struct page *dst = atx_test_block(test), *xs[2] = { mid, src };
	u8 *want = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	unsigned long timeouts = async_tx_stat_sum(ASYNC_STAT_TIMEOUT);
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl submit;
	struct cb_arg args[2];
	struct cb_log log;
	unsigned long old_ms;
	int err = 0;
	size_t i;

	KUNIT_ASSERT_NOT_NULL(test, want);
	old_ms = async_tx_set_wait_ms(100);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, restore_wait_ms,
							(void *)old_ms), 0);
	fx->hung = true;
	fx->deaf = deaf;
	atx_cb_log_init(&log, 2);
	args[0] = (struct cb_arg){ &log, 1 };
	args[1] = (struct cb_arg){ &log, 2 };
	/* the copy makes mid == src, so the xor gives zeroes */
	memcpy(want, atx_blk_va(dst, 0), PAGE_SIZE);
	if (!deaf)
		memset(want, 0, PAGE_SIZE);

	init_async_submit(&submit, 0, NULL, atx_test_callback, &args[0], NULL);
	submit.err = &err;
	tx = async_memcpy(mid, src, 0, 0, PAGE_SIZE, &submit);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	init_async_submit(&submit, ASYNC_TX_FENCE | ASYNC_TX_XOR_ZERO_DST, tx,
			  atx_test_callback, &args[1], NULL);
	submit.err = &err;
	tx = async_xor(dst, xs, 0, 2, PAGE_SIZE, &submit);
	KUNIT_EXPECT_NULL(test, tx);
	KUNIT_EXPECT_EQ(test, atomic_read(&log.count), deaf ? 1 : 2);
	KUNIT_EXPECT_EQ(test, async_tx_stat_sum(ASYNC_STAT_TIMEOUT),
			timeouts + 1);
	KUNIT_EXPECT_EQ(test, err, deaf ? -ETIMEDOUT : 0);
	for (i = 0; i < PAGE_SIZE && atx_blk_va(dst, 0)[i] == want[i]; i++)
		;
	KUNIT_EXPECT_EQ_MSG(test, i, PAGE_SIZE, deaf ?
			    "the xor ran over a buffer the engine still holds" :
			    "the xor read the copy's result before its repair");
	/* let the hung copy go, so that nothing is left behind */
	fx->deaf = false;
	fx->hung = false;
	dma_async_issue_pending(&fx->chans[0].chan);
	dma_fx_quiet(fx);
	KUNIT_EXPECT_EQ(test, atomic_read(&log.count), 2);
}

static void wait_runs_out_and_stops_engine(struct kunit *test)
{
	run_wait_runs_out(test, false);
}

static void wait_runs_out_on_engine_that_cannot_stop(struct kunit *test)
{
	run_wait_runs_out(test, true);
}

/* ------------------------------------------------------------------ */
/* Mappings                                                           */
/* ------------------------------------------------------------------ */

#ifdef CONFIG_ARCH_HAS_DMA_OPS
/* Identity mappings, counted: how many are live and how many were made. */
static atomic_t maps_live, maps_made;

static dma_addr_t counting_map_page(struct device *dev, struct page *page,
				    unsigned long offset, size_t size,
				    enum dma_data_direction dir,
				    unsigned long attrs)
{
	atomic_inc(&maps_made);
	atomic_inc(&maps_live);
	return page_to_phys(page) + offset;
}

static void counting_unmap_page(struct device *dev, dma_addr_t addr,
				size_t size, enum dma_data_direction dir,
				unsigned long attrs)
{
	atomic_dec(&maps_live);
}

static const struct dma_map_ops counting_dma_ops = {
	.map_page = counting_map_page,
	.unmap_page = counting_unmap_page,
};

/*
 * Run a copy, a seven-source xor and the syndrome of six data blocks on
 * @fx (whose device counts mappings), each checked against the CPU, and
 * after each one expect every page it mapped to be unmapped.
 */
static void run_counted(struct kunit *test, struct dma_fx *fx,
			const char *what)
{
	addr_conv_t *scribble = kunit_kcalloc(test, MAX_BLOCKS,
					      sizeof(*scribble), GFP_KERNEL);
	u8 *want = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	struct stripe *st = atx_stripe_alloc(test, 8);
	struct async_submit_ctl submit;
	u8 *data[8];
	struct one_op op;
	int made, k;
	size_t at;

	KUNIT_ASSERT_NOT_NULL(test, scribble);
	KUNIT_ASSERT_NOT_NULL(test, want);
	for (k = 0; k < 8; k++)
		data[k] = atx_blk_va(st->blk[k], 0);
	made = atomic_read(&maps_made);

	memcpy(want, data[1], PAGE_SIZE);
	atx_op_begin(&op, &submit, 0, NULL);
	atx_op_end(test, fx, &op, async_memcpy(st->blk[0], st->blk[1], 0, 0,
					       PAGE_SIZE, &submit));
	EXPECT_SAME(test, data[0], want, PAGE_SIZE, "memcpy, %s", what);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&maps_live), 0,
			    "memcpy, %s", what);

	for (at = 0; at < PAGE_SIZE; at++)
		want[at] = data[1][at] ^ data[2][at] ^ data[3][at] ^
			   data[4][at] ^ data[5][at] ^ data[6][at] ^ data[7][at];
	atx_op_begin(&op, &submit, ASYNC_TX_XOR_ZERO_DST, NULL);
	atx_op_end(test, fx, &op, async_xor(st->blk[0], &st->blk[1], 0, 7,
					    PAGE_SIZE, &submit));
	EXPECT_SAME(test, data[0], want, PAGE_SIZE, "xor, %s", what);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&maps_live), 0, "xor, %s", what);

	syndrome_of_six(test, fx, st, data, scribble, what);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&maps_live), 0, "pq, %s", what);
	/* the engine did map them: this was not the CPU path */
	KUNIT_EXPECT_GE_MSG(test, atomic_read(&maps_made) - made, 2 + 8 + 8,
			    "%s", what);
}

/*
 * The mappings of an operation live in its record, or in dmaengine's
 * unmap data when the record has no room: either way every one is
 * undone once the operation is over - when it succeeded, when the
 * engine failed it and the CPU recomputed it, and when the engine ran
 * out of descriptors part way and the CPU finished it.
 */
static void mappings_are_undone(struct kunit *test)
{
	static const struct dma_fx_profile roomy = {
		.name = "roomy", .caps = DMA_FX_ALL, .max_xor = 5, .max_pq = 4,
		.descs = 32,
	};
	static const struct dma_fx_profile scarce = {
		.name = "scarce", .caps = DMA_FX_ALL, .max_xor = 5, .max_pq = 4,
		.descs = 1,
	};
	struct dma_fx *fx;

	atomic_set(&maps_live, 0);
	atomic_set(&maps_made, 0);
	fx = dma_fx_init(test, &roomy, 1);
	set_dma_ops(fx->dev, &counting_dma_ops);
	dma_fx_register(test, fx);
	run_counted(test, fx, "engine");

	fx->fail_type = DMA_XOR;
	fx->fail_every = 1;
	run_counted(test, fx, "failed xor");
	KUNIT_EXPECT_GT(test, atomic_read(&fx->failed), 0);
	dma_fx_unregister(fx);

	fx = dma_fx_init(test, &scarce, 1);
	set_dma_ops(fx->dev, &counting_dma_ops);
	dma_fx_register(test, fx);
	run_counted(test, fx, "one descriptor");
	/* the xor and the syndrome each ran one pass there, the CPU the rest */
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->executed[DMA_XOR]), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->executed[DMA_PQ]), 1);
	dma_fx_unregister(fx);
}
#else
static void mappings_are_undone(struct kunit *test)
{
	kunit_skip(test, "needs CONFIG_ARCH_HAS_DMA_OPS to count mappings");
}
#endif

static struct kunit_case async_tx_error_cases[] = {
	KUNIT_CASE_PARAM(engine_errors_are_repaired, fault_gen_params),
	KUNIT_CASE(wait_runs_out_and_stops_engine),
	KUNIT_CASE(wait_runs_out_on_engine_that_cannot_stop),
	KUNIT_CASE(mappings_are_undone),
	{}
};

static struct kunit_suite async_tx_error_suite = {
	.name = "async_tx_errors",
	.suite_init = atx_suite_init,
	.test_cases = async_tx_error_cases,
};

kunit_test_suites(&async_tx_error_suite);
