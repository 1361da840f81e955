/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the async_tx KUnit suites share (async_tx_test.c): the reference
 * arithmetic, test buffers, callback bookkeeping, the engine profiles
 * every operation runs on, and the random chain replayed on the CPU.
 */
#ifndef _ASYNC_TX_TEST_H
#define _ASYNC_TX_TEST_H

#include <kunit/test.h>
#include <linux/async_tx.h>
#include <linux/completion.h>
#include <linux/dma/test_engine.h>

#define WAIT_MS		5000
#define BUF_ORDER	2	/* 16 KiB per block */
#define BUF_SIZE	(PAGE_SIZE << BUF_ORDER)

/**
 * struct cb_log - what a chain's callbacks did
 * @count: calls so far
 * @order: the tag of each call, in order, or NULL
 * @order_len: room in @order
 * @done: completed by the call tagged @last
 * @last: the tag of the final callback
 */
struct cb_log {
	atomic_t count;
	int *order;
	int order_len;
	struct completion done;
	int last;
};

struct cb_arg {
	struct cb_log *log;
	int tag;
};

/**
 * struct one_op - the callback bookkeeping of a single operation
 * @log: its callback log
 * @arg: the callback's argument
 */
struct one_op {
	struct cb_log log;
	struct cb_arg arg;
};

#define MAX_BLOCKS	40

/* src_cnt random blocks plus a destination, all kept for the test */
struct stripe {
	struct page *blk[MAX_BLOCKS];
	unsigned int off[MAX_BLOCKS];
	int n;
};

/* Report where two buffers first differ. */
#define EXPECT_SAME(test, got, want, len, fmt, ...) do {		\
	const u8 *__g = (got), *__w = (want);				\
	size_t __i, __n = (len);					\
	for (__i = 0; __i < __n && __g[__i] == __w[__i]; __i++)	\
		;							\
	KUNIT_EXPECT_EQ_MSG(test, __i, __n,				\
			    "first difference at byte %zu: " fmt,	\
			    __i, ##__VA_ARGS__);			\
} while (0)

int atx_suite_init(struct kunit_suite *suite);

/* reference arithmetic: byte loops and GF(2^8) tables of the tests' own */
void atx_ref_pq_byte(u8 **data, int ndata, size_t i, u8 *p, u8 *q);
void atx_ref_pq(struct stripe *st, u8 **data, size_t len, u8 *p, u8 *q);

/* buffers */
struct page *atx_test_block(struct kunit *test);
u8 *atx_blk_va(struct page *page, unsigned int off);
struct stripe *atx_stripe_alloc(struct kunit *test, int n);

/* callbacks and waiting */
void atx_cb_log_init(struct cb_log *log, int last);
void atx_test_callback(void *param);
void atx_wait_chain(struct kunit *test, struct cb_log *log);
void atx_expect_order(struct kunit *test, struct cb_log *log, int n);
void atx_op_begin(struct one_op *o, struct async_submit_ctl *submit,
		  enum async_tx_flags flags, addr_conv_t *scribble);
void atx_op_end(struct kunit *test, struct dma_fx *fx, struct one_op *o,
		struct dma_async_tx_descriptor *tx);

/* the engine profiles a test runs on ("cpu": none) */
const void *atx_profile_gen_params(const void *prev, char *desc);
struct dma_fx *atx_profile_engine(struct kunit *test);
void atx_profile_check(struct kunit *test, struct dma_fx *fx,
		       enum dma_transaction_type type);
bool atx_next_case(int *idx, const int *lim, int n);

void atx_run_random_chain(struct kunit *test, struct dma_fx **fxs, int nr_fx);

#endif
