// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the async_tx KUnit suites share; see async_tx_test.h.
 *
 * Every operation is checked against a reference computed here, with
 * byte loops and a GF(2^8) table built by this file, on the CPU path and
 * on fx engines (include/linux/dma/test_engine.h) with the limits,
 * descriptor pools and errors each test chooses.  The engines count what
 * they executed, so that a test can tell the engine path from a silent
 * CPU fallback.
 */

#include <kunit/resource.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "async_tx_test.h"

static u8 gf_exp[512], gf_log[256];

static void gf_tables_init(void)
{
	unsigned int i, x = 1;

	for (i = 0; i < 255; i++) {
		gf_exp[i] = x;
		gf_exp[i + 255] = x;
		gf_log[x] = i;
		x <<= 1;
		if (x & 0x100)
			x ^= 0x11d;
	}
}

static u8 gf_mul(u8 a, u8 b)
{
	if (!a || !b)
		return 0;
	return gf_exp[gf_log[a] + gf_log[b]];
}

/* g^i, the Q coefficient of data block i */
static u8 gf_pow2(int i)
{
	return gf_exp[i % 255];
}

/* P and Q of @ndata data buffers (NULL = zeroes) at byte @i */
void atx_ref_pq_byte(u8 **data, int ndata, size_t i, u8 *p, u8 *q)
{
	int d;

	*p = 0;
	*q = 0;
	for (d = 0; d < ndata; d++) {
		if (!data[d])
			continue;
		*p ^= data[d][i];
		*q ^= gf_mul(gf_pow2(d), data[d][i]);
	}
}

/* ------------------------------------------------------------------ */
/* Buffers and completion                                             */
/* ------------------------------------------------------------------ */

#define BUF_ORDER	2	/* 16 KiB per block */
#define BUF_SIZE	(PAGE_SIZE << BUF_ORDER)

static void free_pages_action(void *page)
{
	__free_pages(page, BUF_ORDER);
}

struct page *atx_test_block(struct kunit *test)
{
	struct page *page = alloc_pages(GFP_KERNEL, BUF_ORDER);

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_pages_action,
							page), 0);
	get_random_bytes(page_address(page), BUF_SIZE);
	return page;
}

u8 *atx_blk_va(struct page *page, unsigned int off)
{
	return (u8 *)page_address(page) + off;
}

void atx_cb_log_init(struct cb_log *log, int last)
{
	log->order = NULL;
	log->order_len = 0;
	atomic_set(&log->count, 0);
	init_completion(&log->done);
	log->last = last;
}

void atx_test_callback(void *param)
{
	struct cb_arg *arg = param;
	struct cb_log *log = arg->log;
	int n = atomic_inc_return(&log->count) - 1;

	if (n < log->order_len)
		log->order[n] = arg->tag;
	if (arg->tag == log->last)
		complete(&log->done);
}

/* Issue everything and wait for the last callback, bounded. */
void atx_wait_chain(struct kunit *test, struct cb_log *log)
{
	async_tx_issue_pending_all();
	unsigned long left;

	left = wait_for_completion_timeout(&log->done,
					   msecs_to_jiffies(WAIT_MS));
	KUNIT_ASSERT_NE_MSG(test, left, 0, "the chain's last callback never ran");
}

void atx_op_begin(struct one_op *o, struct async_submit_ctl *submit,
		  enum async_tx_flags flags, addr_conv_t *scribble)
{
	atx_cb_log_init(&o->log, 1);
	o->arg = (struct cb_arg){ &o->log, 1 };
	init_async_submit(submit, flags | ASYNC_TX_ACK, NULL, atx_test_callback,
			  &o->arg, scribble);
}

/*
 * The operation is done and its callback ran exactly once: at once for
 * the CPU path (NULL), after issue for an engine.
 */
void atx_op_end(struct kunit *test, struct dma_fx *fx, struct one_op *o,
		struct dma_async_tx_descriptor *tx)
{
	if (!tx) {
		KUNIT_EXPECT_EQ(test, atomic_read(&o->log.count), 1);
	} else {
		unsigned long left;

		async_tx_issue_pending(tx);
		left = wait_for_completion_timeout(&o->log.done,
						   msecs_to_jiffies(WAIT_MS));
		KUNIT_ASSERT_NE_MSG(test, left, 0, "callback never ran");
	}
	dma_fx_quiet(fx);
	KUNIT_EXPECT_EQ(test, atomic_read(&o->log.count), 1);
}

/* ------------------------------------------------------------------ */
/* Profiles                                                           */
/* ------------------------------------------------------------------ */

static const struct dma_fx_profile profiles[] = {
	{ .name = "cpu" },
	{ .name = "wide", .caps = DMA_FX_ALL, .max_xor = 48,
	  .max_pq = 48 | DMA_HAS_PQ_CONTINUE, .descs = 64 },
	{ .name = "narrow", .caps = DMA_FX_ALL, .max_xor = 3, .max_pq = 4,
	  .descs = 64 },
	{ .name = "narrow-continue", .caps = DMA_FX_ALL, .max_xor = 2,
	  .max_pq = 2 | DMA_HAS_PQ_CONTINUE, .descs = 64 },
	{ .name = "aligned", .caps = DMA_FX_ALL, .max_xor = 8, .max_pq = 8,
	  .align = 6, .descs = 64 },
	{ .name = "two-descs", .caps = DMA_FX_ALL, .max_xor = 8, .max_pq = 8,
	  .descs = 2 },
};

static void profile_desc(const struct dma_fx_profile *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

/* The parameters of a test run once per profile. */
const void *atx_profile_gen_params(const void *prev, char *desc)
{
	const struct dma_fx_profile *p = prev ? (const struct dma_fx_profile *)prev + 1 :
				     profiles;

	if (p >= profiles + ARRAY_SIZE(profiles))
		return NULL;
	profile_desc(p, desc);
	return p;
}

/* The engine of the test's profile, registered, or NULL for "cpu". */
struct dma_fx *atx_profile_engine(struct kunit *test)
{
	const struct dma_fx_profile *prof = test->param_value;

	if (!prof->caps) {
		KUNIT_ASSERT_NULL_MSG(test, dma_find_channel(DMA_XOR),
				      "an engine is registered: no CPU path");
		return NULL;
	}
	return dma_fx_create(test, prof, 1);
}

/* After a test: the engine did the work it could and broke no limit. */
void atx_profile_check(struct kunit *test, struct dma_fx *fx,
		       enum dma_transaction_type type)
{
	if (!fx)
		return;
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->violations), 0);
	KUNIT_EXPECT_GT_MSG(test, dma_fx_executed(fx, type), 0,
			    "the engine never ran a %d descriptor", type);
}

/*
 * Step @idx to the next combination of @n indices, idx[i] running over
 * 0 .. lim[i] - 1, the last fastest.  False once all were visited.
 */
bool atx_next_case(int *idx, const int *lim, int n)
{
	while (n--) {
		if (++idx[n] < lim[n])
			return true;
		idx[n] = 0;
	}
	return false;
}

struct stripe *atx_stripe_alloc(struct kunit *test, int n)
{
	struct stripe *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, st);
	KUNIT_ASSERT_LE(test, n, MAX_BLOCKS);
	st->n = n;
	for (i = 0; i < n; i++) {
		st->blk[i] = atx_test_block(test);
		st->off[i] = 0;
	}
	return st;
}

/* Reference P and Q of @st (data 0..n-3, some NULL in @data) */
void atx_ref_pq(struct stripe *st, u8 **data, size_t len, u8 *p, u8 *q)
{
	size_t at;

	for (at = 0; at < len; at++)
		atx_ref_pq_byte(data, st->n - 2, at, &p[at], &q[at]);
}

void atx_expect_order(struct kunit *test, struct cb_log *log, int n)
{
	int i;

	KUNIT_ASSERT_EQ(test, atomic_read(&log->count), n);
	KUNIT_ASSERT_GE(test, log->order_len, n);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, log->order[i], i + 1,
				    "callback %d ran as number %d", i + 1,
				    log->order[i]);
}

enum chain_op { C_COPY, C_SET, C_XOR, C_PQ, C_OPS };

#define POOL		8
#define CHAIN_LEN	120

/*
 * Random chains of every operation over a pool of blocks, each step
 * depending on the one before, replayed on shadow copies by byte loops.
 */
void atx_run_random_chain(struct kunit *test, struct dma_fx **fxs,
			  int nr_fx)
{
	struct page *pool[POOL];
	u8 *shadow[POOL];
	struct cb_arg *args;
	struct dma_async_tx_descriptor *tx = NULL;
	struct cb_log log;
	int step, i;

	args = kunit_kcalloc(test, CHAIN_LEN, sizeof(*args), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, args);

	for (i = 0; i < POOL; i++) {
		pool[i] = atx_test_block(test);
		shadow[i] = kunit_kmalloc(test, BUF_SIZE, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, shadow[i]);
		memcpy(shadow[i], page_address(pool[i]), BUF_SIZE);
	}
	atx_cb_log_init(&log, CHAIN_LEN);
	log.order = kunit_kcalloc(test, CHAIN_LEN, sizeof(int), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, log.order);
	log.order_len = CHAIN_LEN;
	for (step = 0; step < CHAIN_LEN; step++) {
		/* a random permutation's head picks distinct blocks */
		int pick[POOL], op = get_random_u32_below(C_OPS);
		size_t len = 1 + get_random_u32_below(2 * PAGE_SIZE);
		unsigned int off = get_random_u32_below(4) * 64 +
				   (get_random_u32_below(4) ? 0 : 3);
		struct async_submit_ctl submit;
		struct page *blocks[POOL];
		unsigned int offs[POOL];
		u8 *d[POOL];
		size_t at;

		for (i = 0; i < POOL; i++)
			pick[i] = i;
		for (i = POOL - 1; i > 0; i--) {
			int j = get_random_u32_below(i + 1);

			swap(pick[i], pick[j]);
		}
		for (i = 0; i < POOL; i++) {
			blocks[i] = pool[pick[i]];
			offs[i] = off;
			d[i] = shadow[pick[i]] + off;
		}
		args[step] = (struct cb_arg){ &log, step + 1 };
		init_async_submit(&submit, ASYNC_TX_FENCE, tx, atx_test_callback,
				  &args[step], NULL);
		switch (op) {
		case C_COPY:
			memcpy(d[0], d[1], len);
			tx = async_memcpy(blocks[0], blocks[1], off, off, len,
					  &submit);
			break;
		case C_SET:
			memset(d[0], step, len);
			tx = async_memset(blocks[0], step, off, len, &submit);
			break;
		case C_XOR:
			for (at = 0; at < len; at++)
				d[0][at] = d[1][at] ^ d[2][at] ^ d[3][at];
			submit.flags |= ASYNC_TX_XOR_ZERO_DST;
			tx = async_xor(blocks[0], &blocks[1], off, 3, len,
				       &submit);
			break;
		default:
			/* 4 data blocks, P and Q */
			for (at = 0; at < len; at++)
				atx_ref_pq_byte(d, 4, at, &d[4][at], &d[5][at]);
			tx = async_gen_syndrome(blocks, offs, 6, len, &submit);
			break;
		}
	}
	atx_wait_chain(test, &log);
	for (i = 0; i < nr_fx; i++)
		dma_fx_quiet(fxs[i]);
	if (tx)
		async_tx_ack(tx);
	atx_expect_order(test, &log, CHAIN_LEN);
	for (i = 0; i < POOL; i++)
		EXPECT_SAME(test, page_address(pool[i]), shadow[i], BUF_SIZE,
			    "block %d after the chain", i);
}

int atx_suite_init(struct kunit_suite *suite)
{
	gf_tables_init();
	return 0;
}

MODULE_DESCRIPTION("KUnit tests for async_tx");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(ASYNC_TX);
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
