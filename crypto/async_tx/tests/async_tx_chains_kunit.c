// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for async_tx: chains within and across engines,
 * callbacks, acknowledgment and waiting.
 */

#include <kunit/test.h>
#include <linux/async_tx.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "../async_tx_internal.h"
#include "async_tx_test.h"

/* ------------------------------------------------------------------ */
/* Chains                                                             */
/* ------------------------------------------------------------------ */

/* xor -> copy -> xor, each reading what the one before wrote */
static void run_xor_copy_xor(struct kunit *test, struct dma_fx **fxs,
			     int nr_fx)
{
	struct page *s[4], *x = atx_test_block(test), *y = atx_test_block(test);
	struct page *z = atx_test_block(test), *srcs[3];
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl submit;
	struct cb_arg args[3];
	struct cb_log log;
	u8 *want = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	size_t at;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, want);
	for (i = 0; i < 4; i++)
		s[i] = atx_test_block(test);
	for (at = 0; at < PAGE_SIZE; at++)
		want[at] = atx_blk_va(s[0], 0)[at] ^ atx_blk_va(s[1], 0)[at] ^
			   atx_blk_va(s[2], 0)[at] ^ atx_blk_va(s[3], 0)[at];
	atx_cb_log_init(&log, 3);
	log.order = kunit_kcalloc(test, 3, sizeof(int), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, log.order);
	log.order_len = 3;
	for (i = 0; i < 3; i++)
		args[i] = (struct cb_arg){ &log, i + 1 };

	init_async_submit(&submit, ASYNC_TX_XOR_ZERO_DST, NULL, atx_test_callback,
			  &args[0], NULL);
	tx = async_xor(x, s, 0, 3, PAGE_SIZE, &submit);
	init_async_submit(&submit, ASYNC_TX_FENCE, tx, atx_test_callback, &args[1],
			  NULL);
	tx = async_memcpy(y, x, 0, 0, PAGE_SIZE, &submit);
	srcs[0] = y;
	srcs[1] = s[3];
	init_async_submit(&submit, ASYNC_TX_XOR_ZERO_DST | ASYNC_TX_ACK, tx,
			  atx_test_callback, &args[2], NULL);
	tx = async_xor(z, srcs, 0, 2, PAGE_SIZE, &submit);
	atx_wait_chain(test, &log);
	for (i = 0; i < nr_fx; i++)
		dma_fx_quiet(fxs[i]);
	atx_expect_order(test, &log, 3);
	EXPECT_SAME(test, atx_blk_va(z, 0), want, PAGE_SIZE, "xor->copy->xor");
}

static void chain_xor_copy_xor(struct kunit *test)
{
	struct dma_fx *fx = atx_profile_engine(test);

	run_xor_copy_xor(test, &fx, 1);
	if (fx) {
		KUNIT_EXPECT_EQ(test, atomic_read(&fx->violations), 0);
		KUNIT_EXPECT_GT(test, dma_fx_executed(fx, DMA_MEMCPY), 0);
	}
}

/* The copy runs on another device than the xors: the chain crosses. */
static void chain_crosses_devices(struct kunit *test)
{
	static const struct dma_fx_profile copier = {
		.name = "copier", .caps = BIT(DMA_MEMCPY), .descs = 8,
	};
	static const struct dma_fx_profile xorer = {
		.name = "xorer", .caps = BIT(DMA_XOR), .max_xor = 4,
		.descs = 8,
	};
	struct dma_fx *fxs[2];

	fxs[0] = dma_fx_create(test, &copier, 1);
	fxs[1] = dma_fx_create(test, &xorer, 1);
	run_xor_copy_xor(test, fxs, 2);
	KUNIT_EXPECT_EQ(test, dma_fx_executed(fxs[0], DMA_MEMCPY), 1);
	KUNIT_EXPECT_EQ(test, dma_fx_executed(fxs[1], DMA_XOR), 2);
}

/*
 * An xor without a callback asks for no interrupt; on an engine that
 * cleans up only on an interrupt or a poll, its completion handler then
 * waits for somebody.  A copy on another device parked behind it must
 * still run and call back without anybody polling the xor's channel.
 * With one descriptor the xor's channel has none left for an interrupt
 * descriptor and the submitter waits for the xor instead.  On a channel
 * without interrupt descriptors the xor asks for an interrupt itself.
 */
static void run_quiet_parent(struct kunit *test, int descs, bool intr_cap)
{
	const struct dma_fx_profile xorer = {
		.name = "xorer",
		.caps = BIT(DMA_XOR) | (intr_cap ? BIT(DMA_INTERRUPT) : 0),
		.max_xor = 4, .descs = descs,
	};
	static const struct dma_fx_profile copier = {
		.name = "copier", .caps = BIT(DMA_MEMCPY), .descs = 8,
	};
	struct dma_fx *a = dma_fx_create(test, &xorer, 1);
	struct dma_fx *b = dma_fx_create(test, &copier, 1);
	struct page *s[2] = { atx_test_block(test), atx_test_block(test) };
	struct page *x = atx_test_block(test), *y = atx_test_block(test);
	u8 *want = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	struct dma_async_tx_descriptor *parent, *child;
	struct async_submit_ctl submit;
	struct cb_arg arg;
	struct cb_log log;
	size_t at;

	KUNIT_ASSERT_NOT_NULL(test, want);
	a->lazy = true;
	b->lazy = true;
	for (at = 0; at < PAGE_SIZE; at++)
		want[at] = atx_blk_va(s[0], 0)[at] ^ atx_blk_va(s[1], 0)[at];
	atx_cb_log_init(&log, 1);
	arg = (struct cb_arg){ &log, 1 };

	init_async_submit(&submit, ASYNC_TX_XOR_ZERO_DST, NULL, NULL, NULL,
			  NULL);
	parent = async_xor(x, s, 0, 2, PAGE_SIZE, &submit);
	KUNIT_ASSERT_NOT_NULL(test, parent);
	KUNIT_EXPECT_EQ(test, !!(parent->flags & DMA_PREP_INTERRUPT),
			!intr_cap);
	init_async_submit(&submit, ASYNC_TX_ACK, parent, atx_test_callback, &arg,
			  NULL);
	child = async_memcpy(y, x, 0, 0, PAGE_SIZE, &submit);
	KUNIT_ASSERT_NOT_NULL(test, child);
	atx_wait_chain(test, &log);
	dma_fx_quiet(a);
	dma_fx_quiet(b);
	EXPECT_SAME(test, atx_blk_va(y, 0), want, PAGE_SIZE, "copy of the xor");
	KUNIT_EXPECT_EQ(test, dma_fx_executed(a, DMA_XOR), 1);
	KUNIT_EXPECT_EQ(test, dma_fx_executed(b, DMA_MEMCPY), 1);
}

static void chain_wakes_quiet_parent(struct kunit *test)
{
	run_quiet_parent(test, 8, true);
}

static void chain_waits_for_quiet_parent(struct kunit *test)
{
	run_quiet_parent(test, 1, true);
}

static void chain_parent_without_interrupts(struct kunit *test)
{
	run_quiet_parent(test, 8, false);
}

static void random_chains_match_cpu_replay(struct kunit *test)
{
	struct dma_fx *fx = atx_profile_engine(test);

	atx_run_random_chain(test, &fx, 1);
	if (fx) {
		KUNIT_EXPECT_EQ(test, atomic_read(&fx->violations), 0);
		/* not a chain that fell back to the CPU at every step */
		KUNIT_EXPECT_GT(test, dma_fx_executed_all(fx), 0);
	}
}

/* Two devices with different strengths and the CPU, in one chain. */
static void random_chains_cross_devices(struct kunit *test)
{
	static const struct dma_fx_profile a = {
		.name = "a", .caps = BIT(DMA_MEMCPY) | BIT(DMA_MEMSET) |
				     BIT(DMA_XOR) | BIT(DMA_INTERRUPT),
		.max_xor = 2, .align = 6, .descs = 4,
	};
	static const struct dma_fx_profile b = {
		.name = "b", .caps = BIT(DMA_XOR) | BIT(DMA_PQ),
		.max_xor = 4, .max_pq = 4, .descs = 16,
	};
	struct dma_fx *fxs[2];

	fxs[0] = dma_fx_create(test, &a, 1);
	fxs[1] = dma_fx_create(test, &b, 1);
	atx_run_random_chain(test, fxs, 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&fxs[0]->violations), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&fxs[1]->violations), 0);
	KUNIT_EXPECT_GT(test, dma_fx_executed(fxs[0], DMA_MEMCPY) +
			dma_fx_executed(fxs[0], DMA_MEMSET), 0);
	KUNIT_EXPECT_GT(test, dma_fx_executed(fxs[1], DMA_PQ), 0);
}

/* ------------------------------------------------------------------ */
/* Callbacks, acknowledgment, waiting                                 */
/* ------------------------------------------------------------------ */

static void trigger_callback_runs_last(struct kunit *test)
{
	struct dma_fx *fx = atx_profile_engine(test);
	struct page *s[2] = { atx_test_block(test), atx_test_block(test) };
	struct page *x = atx_test_block(test);
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl submit;
	struct cb_arg args[2];
	struct cb_log log;

	atx_cb_log_init(&log, 2);
	log.order = kunit_kcalloc(test, 2, sizeof(int), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, log.order);
	log.order_len = 2;
	args[0] = (struct cb_arg){ &log, 1 };
	args[1] = (struct cb_arg){ &log, 2 };
	init_async_submit(&submit, ASYNC_TX_XOR_ZERO_DST, NULL, atx_test_callback,
			  &args[0], NULL);
	tx = async_xor(x, s, 0, 2, PAGE_SIZE, &submit);
	init_async_submit(&submit, ASYNC_TX_ACK, tx, atx_test_callback, &args[1],
			  NULL);
	tx = async_trigger_callback(&submit);
	atx_wait_chain(test, &log);
	dma_fx_quiet(fx);
	atx_expect_order(test, &log, 2);

	/* nothing to wait for: the callback runs at once */
	atx_cb_log_init(&log, 1);
	init_async_submit(&submit, 0, NULL, atx_test_callback, &args[0], NULL);
	KUNIT_EXPECT_NULL(test, async_trigger_callback(&submit));
	KUNIT_EXPECT_EQ(test, atomic_read(&log.count), 1);
}

static void ack_follows_the_rules(struct kunit *test)
{
	static const struct dma_fx_profile prof = {
		.name = "acks", .caps = BIT(DMA_MEMCPY), .descs = 4,
	};
	struct dma_fx *fx = dma_fx_create(test, &prof, 1);
	struct page *a = atx_test_block(test), *b = atx_test_block(test);
	struct dma_async_tx_descriptor *t1, *t2;
	struct async_submit_ctl submit;

	/* without ASYNC_TX_ACK the client keeps the descriptor */
	init_async_submit(&submit, 0, NULL, NULL, NULL, NULL);
	t1 = async_memcpy(a, b, 0, 0, 64, &submit);
	KUNIT_ASSERT_NOT_NULL(test, t1);
	KUNIT_EXPECT_FALSE(test, async_tx_test_ack(t1));
	/* using it as a dependency hands it over */
	init_async_submit(&submit, ASYNC_TX_ACK, t1, NULL, NULL, NULL);
	t2 = async_memcpy(b, a, 64, 0, 64, &submit);
	KUNIT_ASSERT_NOT_NULL(test, t2);
	KUNIT_EXPECT_TRUE(test, async_tx_test_ack(t1));
	KUNIT_EXPECT_TRUE(test, async_tx_test_ack(t2));
	async_tx_issue_pending(t2);
	dma_fx_quiet(fx);
	KUNIT_EXPECT_EQ(test, dma_fx_executed(fx, DMA_MEMCPY), 2);
	EXPECT_SAME(test, atx_blk_va(b, 64), atx_blk_va(a, 0), 64, "copy back");
}

static void quiesce_waits_for_engine_work(struct kunit *test)
{
	struct dma_fx *fx = atx_profile_engine(test);
	struct page *a = atx_test_block(test), *b = atx_test_block(test);
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl submit;

	init_async_submit(&submit, 0, NULL, NULL, NULL, NULL);
	tx = async_memcpy(a, b, 0, 0, PAGE_SIZE, &submit);
	KUNIT_EXPECT_EQ(test, !!tx, !!fx);
	async_tx_quiesce(&tx);
	KUNIT_EXPECT_NULL(test, tx);
	EXPECT_SAME(test, page_address(a), page_address(b), PAGE_SIZE,
		    "after quiesce");
	dma_fx_quiet(fx);
}

static struct kunit_case async_tx_chain_cases[] = {
	KUNIT_CASE_PARAM(chain_xor_copy_xor, atx_profile_gen_params),
	KUNIT_CASE(chain_crosses_devices),
	KUNIT_CASE(chain_wakes_quiet_parent),
	KUNIT_CASE(chain_waits_for_quiet_parent),
	KUNIT_CASE(chain_parent_without_interrupts),
	KUNIT_CASE_PARAM(random_chains_match_cpu_replay, atx_profile_gen_params),
	KUNIT_CASE(random_chains_cross_devices),
	KUNIT_CASE_PARAM(trigger_callback_runs_last, atx_profile_gen_params),
	KUNIT_CASE(ack_follows_the_rules),
	KUNIT_CASE_PARAM(quiesce_waits_for_engine_work, atx_profile_gen_params),
	{}
};

static struct kunit_suite async_tx_chain_suite = {
	.name = "async_tx_chains",
	.suite_init = atx_suite_init,
	.test_cases = async_tx_chain_cases,
};

kunit_test_suites(&async_tx_chain_suite);
