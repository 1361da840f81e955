// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for dmasim, through the dmaengine API only.
 *
 * Each test makes a dmasim instance from a profile, takes one of its
 * channels, and checks what a client can observe: the capabilities and
 * limits it registered with, results against a reference computed here
 * with byte loops and a GF(2^8) table of this file's own, completion
 * order, callbacks and their results, and each injected fault showing as
 * the fault it is.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "../dmasim.h"

#define WAIT		msecs_to_jiffies(5000)
#define LEN		1024
#define NBUF		12

static u8 gf_exp[512], gf_log[256];

static void gf_init(void)
{
	unsigned int i, x = 1;

	for (i = 0; i < 255; i++) {
		gf_exp[i] = x;
		gf_exp[i + 255] = x;
		gf_log[x] = i;
		x = (x << 1) ^ (x & 0x80 ? 0x11d : 0);
	}
}

static u8 gf_mul(u8 a, u8 b)
{
	return a && b ? gf_exp[gf_log[a] + gf_log[b]] : 0;
}

/**
 * struct sim_profile - a profile and what it must register as
 * @spec: what dmasim_new_device() is given
 * @caps: BIT(enum dma_transaction_type) it must have
 * @max_xor: its max_xor
 * @maxpq: dma_maxpq() without and with DMA_PREP_CONTINUE
 * @align: its xor/pq alignment exponent
 * @chans: its channel count
 */
struct sim_profile {
	const char *spec;
	unsigned long caps;
	int max_xor;
	int maxpq[2];
	int align;
	int chans;
};

#define C(t)	BIT(DMA_##t)

static const struct sim_profile profiles[] = {
	{ "ioat private=1", C(MEMCPY) | C(XOR) | C(XOR_VAL) | C(PQ) |
	  C(PQ_VAL) | C(INTERRUPT) | C(PRIVATE), 8, { 8, 5 }, 6, 4 },
	{ "iop-adma private=1", C(MEMCPY) | C(MEMSET) | C(XOR) | C(XOR_VAL) |
	  C(PQ) | C(INTERRUPT) | C(PRIVATE), 32, { 16, 16 }, 0, 1 },
	{ "memcpy private=1", C(MEMCPY) | C(INTERRUPT) | C(PRIVATE), 0,
	  { 0, 0 }, 0, 4 },
	{ "memcpy private=1 coalesce=4 latency_ns=10000",
	  C(MEMCPY) | C(INTERRUPT) | C(PRIVATE), 0, { 0, 0 }, 0, 4 },
	{ "private", C(MEMCPY) | C(MEMSET) | C(XOR) | C(INTERRUPT) |
	  C(PRIVATE), 8, { 0, 0 }, 0, 2 },
	{ "custom caps=memcpy,xor,xor_val,pq private=1 max_xor=3 max_pq=4 channels=2 ring=8",
	  C(MEMCPY) | C(XOR) | C(XOR_VAL) | C(PQ) | C(PRIVATE), 3, { 4, 1 }, 0, 2 },
};

static void profile_desc(const struct sim_profile *p, char *desc)
{
	strscpy(desc, p->spec, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(profile, profiles, profile_desc);

/**
 * struct sim - a test's instance, channel and buffers
 * @test: the test
 * @id: the instance
 * @dma: its device
 * @chan: the channel taken
 * @buf: pages
 * @addr: their bus addresses
 * @done: completed by the callback
 * @result: what the callback was given
 * @calls: callbacks so far
 */
struct sim {
	struct kunit *test;
	int id;
	struct dma_device *dma;
	struct dma_chan *chan;
	struct page *buf[NBUF];
	dma_addr_t addr[NBUF];
	struct completion done;
	enum dmaengine_tx_result result;
	atomic_t calls;
};

static bool on_device(struct dma_chan *chan, void *param)
{
	return chan->device == param;
}

static void sim_teardown(void *data)
{
	struct sim *s = data;
	int i;

	for (i = 0; i < NBUF; i++) {
		if (s->addr[i])
			dma_unmap_page(s->dma->dev, s->addr[i], PAGE_SIZE,
				       DMA_BIDIRECTIONAL);
		if (s->buf[i])
			__free_page(s->buf[i]);
	}
	if (s->chan)
		dma_release_channel(s->chan);
	dmasim_del_device(s->id);
}

static struct sim *sim_create(struct kunit *test, const char *spec)
{
	struct sim *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	dma_cap_mask_t mask;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->test = test;
	s->id = dmasim_new_device(spec);
	KUNIT_ASSERT_GE_MSG(test, s->id, 0, "cannot create \"%s\"", spec);
	s->dma = dmasim_find_device(s->id);
	KUNIT_ASSERT_NOT_NULL(test, s->dma);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, sim_teardown, s),
			0);
	dma_cap_zero(mask);
	dma_cap_set(DMA_PRIVATE, mask);
	s->chan = dma_request_channel(mask, on_device, s->dma);
	KUNIT_ASSERT_NOT_NULL(test, s->chan);
	for (i = 0; i < NBUF; i++) {
		s->buf[i] = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, s->buf[i]);
		get_random_bytes(page_address(s->buf[i]), PAGE_SIZE);
		s->addr[i] = dma_map_page(s->dma->dev, s->buf[i], 0, PAGE_SIZE,
					  DMA_BIDIRECTIONAL);
		KUNIT_ASSERT_FALSE(test, dma_mapping_error(s->dma->dev,
							   s->addr[i]));
	}
	init_completion(&s->done);
	return s;
}

static u8 *va(struct sim *s, int i)
{
	return page_address(s->buf[i]);
}

/* A copy of buffer 1 into buffer 0. */
static struct dma_async_tx_descriptor *prep_copy(struct sim *s,
						 unsigned long flags)
{
	return s->dma->device_prep_dma_memcpy(s->chan, s->addr[0], s->addr[1],
					      LEN, flags);
}

static void sim_callback(void *param, const struct dmaengine_result *res)
{
	struct sim *s = param;

	s->result = res->result;
	atomic_inc(&s->calls);
	complete(&s->done);
}

/* Submit @tx with our callback, issue it and wait; return the result. */
static enum dmaengine_tx_result sim_run(struct sim *s,
					struct dma_async_tx_descriptor *tx)
{
	struct kunit *test = s->test;

	KUNIT_ASSERT_NOT_NULL(test, tx);
	reinit_completion(&s->done);
	atomic_set(&s->calls, 0);
	tx->callback_result = sim_callback;
	tx->callback_param = s;
	KUNIT_ASSERT_FALSE(test, dma_submit_error(dmaengine_submit(tx)));
	dma_async_issue_pending(s->chan);
	KUNIT_ASSERT_GT_MSG(test, wait_for_completion_timeout(&s->done, WAIT),
			    0, "no completion");
	async_tx_ack(tx);
	/* the buffers are the CPU's again */
	return s->result;
}

static void registers_as_profile(struct kunit *test)
{
	const struct sim_profile *p = test->param_value;
	struct sim *s = sim_create(test, p->spec);
	struct dma_chan *c;
	int t, n = 0;

	for (t = 0; t < DMA_TX_TYPE_END; t++)
		KUNIT_EXPECT_EQ_MSG(test, dma_has_cap(t, s->dma->cap_mask),
				    !!(p->caps & BIT(t)), "capability %d", t);
	KUNIT_EXPECT_EQ(test, s->dma->max_xor, p->max_xor);
	if (p->caps & C(PQ)) {
		KUNIT_EXPECT_EQ(test, dma_maxpq(s->dma, 0), p->maxpq[0]);
		KUNIT_EXPECT_EQ(test, dma_maxpq(s->dma, DMA_PREP_CONTINUE),
				p->maxpq[1]);
	}
	KUNIT_EXPECT_EQ(test, s->dma->xor_align, p->align);
	list_for_each_entry(c, &s->dma->channels, device_node)
		n++;
	KUNIT_EXPECT_EQ(test, n, p->chans);
}

static void copy_fill_match_reference(struct kunit *test)
{
	struct dma_async_tx_descriptor *tx;
	const struct sim_profile *p = test->param_value;
	struct sim *s = sim_create(test, p->spec);
	struct dma_device *dma = s->dma;
	u8 want[LEN];

	memcpy(want, va(s, 1), LEN);
	tx = dma->device_prep_dma_memcpy(s->chan, s->addr[0], s->addr[1], LEN,
			DMA_PREP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, memcmp(va(s, 0), want, LEN), 0);
	if (!dma_has_cap(DMA_MEMSET, dma->cap_mask))
		return;
	memset(want, 0x3c, LEN);
	tx = dma->device_prep_dma_memset(s->chan, s->addr[2], 0x3c, LEN,
			DMA_PREP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, memcmp(va(s, 2), want, LEN), 0);
}

static void xor_and_check_match_reference(struct kunit *test)
{
	struct dma_async_tx_descriptor *tx;
	const struct sim_profile *p = test->param_value;
	struct sim *s = sim_create(test, p->spec);
	struct dma_device *dma = s->dma;
	int n = min(p->max_xor, NBUF - 1), i, k;
	enum sum_check_flags res = ~0;
	u8 want[LEN];

	if (!dma_has_cap(DMA_XOR, dma->cap_mask))
		kunit_skip(test, "no xor");
	for (k = 0; k < LEN; k++)
		for (want[k] = 0, i = 1; i <= n; i++)
			want[k] ^= va(s, i)[k];
	tx = dma->device_prep_dma_xor(s->chan, s->addr[0], &s->addr[1], n, LEN,
			DMA_PREP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, memcmp(va(s, 0), want, LEN), 0);
	/* one more source than the engine takes is refused */
	if (n == p->max_xor)
		KUNIT_EXPECT_NULL(test, dma->device_prep_dma_xor(s->chan,
								 s->addr[0],
								 s->addr,
								 n + 1, LEN,
								 0));
	if (!dma_has_cap(DMA_XOR_VAL, dma->cap_mask))
		return;
	/* block 0 the parity of 1..n-1: blocks 0..n-1 xor to zero */
	for (k = 0; k < LEN; k++)
		for (va(s, 0)[k] = 0, i = 1; i < n; i++)
			va(s, 0)[k] ^= va(s, i)[k];
	tx = dma->device_prep_dma_xor_val(s->chan, s->addr, n, LEN, &res,
			DMA_PREP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, res, 0);
	/* then not, with one bit changed */
	va(s, n - 1)[LEN / 2] ^= 0x40;
	tx = dma->device_prep_dma_xor_val(s->chan, s->addr, n, LEN, &res,
			DMA_PREP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, res, SUM_CHECK_P_RESULT);
}

/* P and Q of buffers 2 .. 2 + @n - 1 with the coefficients g^i */
static void ref_pq(struct sim *s, int n, u8 *coef, u8 *p, u8 *q)
{
	int i, k;

	for (i = 0; i < n; i++)
		coef[i] = gf_exp[i];
	for (k = 0; k < LEN; k++) {
		p[k] = 0;
		q[k] = 0;
		for (i = 0; i < n; i++) {
			p[k] ^= va(s, 2 + i)[k];
			q[k] ^= gf_mul(coef[i], va(s, 2 + i)[k]);
		}
	}
}

static void pq_and_check_match_reference(struct kunit *test)
{
	struct dma_async_tx_descriptor *tx;
	const struct sim_profile *p = test->param_value;
	struct sim *s = sim_create(test, p->spec);
	struct dma_device *dma = s->dma;
	int n = min(dma_maxpq(dma, 0), NBUF - 2), k;
	u8 coef[NBUF], *want_p, *want_q;
	enum sum_check_flags res = ~0;
	dma_addr_t pq[2];

	if (!dma_has_cap(DMA_PQ, dma->cap_mask))
		kunit_skip(test, "no pq");
	want_p = kunit_kmalloc(test, LEN, GFP_KERNEL);
	want_q = kunit_kmalloc(test, LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, want_p);
	KUNIT_ASSERT_NOT_NULL(test, want_q);
	/* sources are buffers 2.., P and Q buffers 0 and 1 */
	pq[0] = s->addr[0];
	pq[1] = s->addr[1];
	ref_pq(s, n, coef, want_p, want_q);
	tx = dma->device_prep_dma_pq(s->chan, pq, &s->addr[2], n, coef, LEN,
			DMA_PREP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, memcmp(va(s, 0), want_p, LEN), 0);
	KUNIT_EXPECT_EQ(test, memcmp(va(s, 1), want_q, LEN), 0);

	/* a continuation adds one more source into P and Q */
	if (dma_maxpq(dma, DMA_PREP_CONTINUE) >= 1) {
		for (k = 0; k < LEN; k++) {
			want_p[k] ^= va(s, NBUF - 1)[k];
			want_q[k] ^= gf_mul(0x1d, va(s, NBUF - 1)[k]);
		}
		coef[0] = 0x1d;
		tx = dma->device_prep_dma_pq(s->chan, pq, &s->addr[NBUF - 1], 1,
				coef, LEN,
				DMA_PREP_INTERRUPT | DMA_PREP_CONTINUE);
		KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_NOERROR);
		KUNIT_EXPECT_EQ(test, memcmp(va(s, 0), want_p, LEN), 0);
		KUNIT_EXPECT_EQ(test, memcmp(va(s, 1), want_q, LEN), 0);
	}

	/* one source multiplied into Q alone; P stays as it was */
	memcpy(want_p, va(s, 0), LEN);
	for (k = 0; k < LEN; k++)
		want_q[k] = gf_mul(0x8e, va(s, 2)[k]);
	coef[0] = 0x8e;
	tx = dma->device_prep_dma_pq(s->chan, pq, &s->addr[2], 1, coef, LEN,
			DMA_PREP_INTERRUPT | DMA_PREP_PQ_DISABLE_P);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, memcmp(va(s, 0), want_p, LEN), 0);
	KUNIT_EXPECT_EQ(test, memcmp(va(s, 1), want_q, LEN), 0);

	if (!dma_has_cap(DMA_PQ_VAL, dma->cap_mask))
		return;
	ref_pq(s, n, coef, want_p, want_q);
	memcpy(va(s, 0), want_p, LEN);
	memcpy(va(s, 1), want_q, LEN);
	tx = dma->device_prep_dma_pq_val(s->chan, pq, &s->addr[2], n, coef, LEN,
			&res, DMA_PREP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, res, 0);
	va(s, 1)[7] ^= 1;
	tx = dma->device_prep_dma_pq_val(s->chan, pq, &s->addr[2], n, coef, LEN,
			&res, DMA_PREP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, res, SUM_CHECK_Q_RESULT);
}

/**
 * struct order_log - completions in the order they came
 * @n: how many so far
 * @seq: their tags
 * @done: all came
 * @want: how many to wait for
 */
struct order_log {
	atomic_t n;
	int seq[32];
	struct completion done;
	int want;
};

struct order_ref {
	struct order_log *log;
	int tag;
};

static void order_callback(void *param, const struct dmaengine_result *res)
{
	struct order_ref *ref = param;
	int i = atomic_inc_return(&ref->log->n) - 1;

	if (i < ARRAY_SIZE(ref->log->seq))
		ref->log->seq[i] = ref->tag;
	if (i + 1 == ref->log->want)
		complete(&ref->log->done);
}

/* A chain of copies through the buffers, fenced: each reads the last. */
static void completes_in_order(struct kunit *test)
{
	const struct sim_profile *p = test->param_value;
	struct sim *s = sim_create(test, p->spec);
	struct order_ref *refs;
	struct order_log *log;
	int i, n = NBUF - 1;
	u8 *want;

	/* the ring of the smallest profile takes fewer */
	if (strstr(p->spec, "ring=8"))
		n = 8;
	refs = kunit_kcalloc(test, n, sizeof(*refs), GFP_KERNEL);
	log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);
	want = kunit_kmalloc(test, LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, refs);
	KUNIT_ASSERT_NOT_NULL(test, log);
	KUNIT_ASSERT_NOT_NULL(test, want);
	log->want = n;
	init_completion(&log->done);
	memcpy(want, va(s, 0), LEN);
	for (i = 0; i < n; i++) {
		struct dma_async_tx_descriptor *tx;

		tx = s->dma->device_prep_dma_memcpy(s->chan, s->addr[i + 1],
						    s->addr[i], LEN,
						    DMA_PREP_INTERRUPT |
						    DMA_PREP_FENCE | DMA_CTRL_ACK);
		KUNIT_ASSERT_NOT_NULL(test, tx);
		refs[i] = (struct order_ref){ log, i };
		tx->callback_result = order_callback;
		tx->callback_param = &refs[i];
		dmaengine_submit(tx);
	}
	dma_async_issue_pending(s->chan);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&log->done, WAIT), 0);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ(test, log->seq[i], i);
	KUNIT_EXPECT_EQ(test, memcmp(va(s, n), want, LEN), 0);
}

static void fail_is_reported(struct kunit *test)
{
	struct dma_async_tx_descriptor *tx;
	struct sim *s = sim_create(test, "memcpy private=1");
	u8 before[LEN];

	KUNIT_ASSERT_EQ(test, dmasim_set_every(s->id, DMASIM_OP_COPY,
					       DMASIM_EVERY_FAIL, 1), 0);
	memcpy(before, va(s, 0), LEN);
	tx = s->dma->device_prep_dma_memcpy(s->chan, s->addr[0], s->addr[1],
			LEN, DMA_PREP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_WRITE_FAILED);
	KUNIT_EXPECT_EQ(test, atomic_read(&s->calls), 1);
	/* nothing was written */
	KUNIT_EXPECT_EQ(test, memcmp(va(s, 0), before, LEN), 0);
	KUNIT_ASSERT_EQ(test, dmasim_set_every(s->id, DMASIM_OP_COPY,
					       DMASIM_EVERY_FAIL, 0), 0);
	tx = s->dma->device_prep_dma_memcpy(s->chan, s->addr[0], s->addr[1],
			LEN, DMA_PREP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, memcmp(va(s, 0), va(s, 1), LEN), 0);
}

/* The core's per-channel counter of operations (or bytes), all CPUs. */
static unsigned long chan_counter(struct dma_chan *chan, bool bytes)
{
	unsigned long n = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct dma_chan_percpu *l = per_cpu_ptr(chan->local, cpu);

		n += bytes ? l->bytes_transferred : l->memcpy_count;
	}
	return n;
}

/*
 * sysfs memcpy_count counts every descriptor completed (the core),
 * bytes_transferred the bytes of those that completed well.
 */
static void channel_counters_count_the_work(struct kunit *test)
{
	struct sim *s = sim_create(test, "memcpy private=1");
	unsigned long ops = chan_counter(s->chan, false);
	unsigned long bytes = chan_counter(s->chan, true);
	int i;

	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, sim_run(s, prep_copy(s, DMA_PREP_INTERRUPT)),
				DMA_TRANS_NOERROR);
	KUNIT_ASSERT_EQ(test, dmasim_set_every(s->id, DMASIM_OP_COPY,
					       DMASIM_EVERY_FAIL, 1), 0);
	KUNIT_EXPECT_EQ(test, sim_run(s, prep_copy(s, DMA_PREP_INTERRUPT)),
			DMA_TRANS_WRITE_FAILED);
	KUNIT_EXPECT_EQ(test, chan_counter(s->chan, false), ops + 6);
	KUNIT_EXPECT_EQ(test, chan_counter(s->chan, true), bytes + 5 * LEN);
}

static void corruption_is_silent_but_real(struct kunit *test)
{
	struct dma_async_tx_descriptor *tx;
	struct sim *s = sim_create(test, "memcpy private=1");
	int k, diff = 0;

	KUNIT_ASSERT_EQ(test, dmasim_set_every(s->id, DMASIM_OP_COPY,
					       DMASIM_EVERY_CORRUPT, 1), 0);
	tx = s->dma->device_prep_dma_memcpy(s->chan, s->addr[0], s->addr[1],
			LEN, DMA_PREP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_NOERROR);
	for (k = 0; k < LEN; k++)
		diff += va(s, 0)[k] != va(s, 1)[k];
	KUNIT_EXPECT_EQ(test, diff, 1);
}

static void stall_is_reset_and_aborted(struct kunit *test)
{
	struct dma_async_tx_descriptor *tx;
	struct sim *s = sim_create(test, "memcpy private=1");

	KUNIT_ASSERT_EQ(test, dmasim_set_every(s->id, DMASIM_OP_COPY,
					       DMASIM_EVERY_STALL, 1), 0);
	/* the watchdog notices the stopped channel and resets it */
	tx = s->dma->device_prep_dma_memcpy(s->chan, s->addr[0], s->addr[1],
			LEN, DMA_PREP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_ABORTED);
	KUNIT_ASSERT_EQ(test, dmasim_set_every(s->id, DMASIM_OP_COPY,
					       DMASIM_EVERY_STALL, 0), 0);
	tx = s->dma->device_prep_dma_memcpy(s->chan, s->addr[0], s->addr[1],
			LEN, DMA_PREP_INTERRUPT);
	KUNIT_EXPECT_EQ(test, sim_run(s, tx), DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, memcmp(va(s, 0), va(s, 1), LEN), 0);
}

static void exhaustion_refuses_prep(struct kunit *test)
{
	struct sim *s = sim_create(test, "memcpy private=1 ring=4");
	struct dma_async_tx_descriptor *tx[4];
	int i;

	KUNIT_ASSERT_EQ(test, dmasim_set_exhausted(s->id, true), 0);
	KUNIT_EXPECT_NULL(test, prep_copy(s, 0));
	KUNIT_ASSERT_EQ(test, dmasim_set_exhausted(s->id, false), 0);
	/* a ring of four: four descriptors, then none until one is acked */
	for (i = 0; i < 4; i++) {
		tx[i] = s->dma->device_prep_dma_memcpy(s->chan, s->addr[0],
						       s->addr[1], LEN, 0);
		KUNIT_ASSERT_NOT_NULL(test, tx[i]);
	}
	KUNIT_EXPECT_NULL(test, prep_copy(s, 0));
	for (i = 0; i < 3; i++)
		dmaengine_submit(tx[i]);
	/* all four complete; only the last is acked (by sim_run) */
	KUNIT_EXPECT_EQ(test, sim_run(s, tx[3]), DMA_TRANS_NOERROR);
	tx[3] = s->dma->device_prep_dma_memcpy(s->chan, s->addr[0], s->addr[1],
					       LEN, DMA_CTRL_ACK);
	KUNIT_EXPECT_NOT_NULL(test, tx[3]);
	KUNIT_EXPECT_NULL(test, prep_copy(s, 0));
	if (tx[3])
		dmaengine_submit(tx[3]);
	for (i = 0; i < 3; i++)
		async_tx_ack(tx[i]);
	KUNIT_EXPECT_NOT_NULL(test, prep_copy(s, DMA_CTRL_ACK));
}

/*
 * The random faults: @kind armed at probability 100 for @times
 * descriptors of the operations in @ops.  Skips without
 * CONFIG_FAULT_INJECTION, where they cannot fire.
 */
static void arm_random(struct sim *s, enum dmasim_fault_kind kind, u32 ops,
		       int times)
{
	if (!IS_ENABLED(CONFIG_FAULT_INJECTION))
		kunit_skip(s->test, "needs CONFIG_FAULT_INJECTION");
	KUNIT_ASSERT_EQ(s->test, dmasim_set_random_ops(s->id, ops), 0);
	KUNIT_ASSERT_EQ(s->test, dmasim_set_random(s->id, kind, 100, times), 0);
}

/* Bytes in which buffers @a and @b differ. */
static int differ(struct sim *s, int a, int b)
{
	int k, n = 0;

	for (k = 0; k < LEN; k++)
		n += va(s, a)[k] != va(s, b)[k];
	return n;
}

static void random_error_fires_as_asked(struct kunit *test)
{
	struct sim *s = sim_create(test, "iop-adma private=1");
	u8 before[LEN];
	int i;

	/* armed for fills only: copies are untouched */
	arm_random(s, DMASIM_FAULT_ERROR, BIT(DMASIM_OP_FILL), -1);
	KUNIT_EXPECT_EQ(test, sim_run(s, prep_copy(s, DMA_PREP_INTERRUPT)),
			DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, differ(s, 0, 1), 0);
	/* for copies, three times: three failures that write nothing */
	arm_random(s, DMASIM_FAULT_ERROR, BIT(DMASIM_OP_COPY), 3);
	for (i = 0; i < 5; i++) {
		get_random_bytes(va(s, 1), LEN);
		memcpy(before, va(s, 0), LEN);
		if (i < 3) {
			KUNIT_EXPECT_EQ(test,
					sim_run(s, prep_copy(s, DMA_PREP_INTERRUPT)),
					DMA_TRANS_WRITE_FAILED);
			KUNIT_EXPECT_EQ(test, memcmp(va(s, 0), before, LEN), 0);
		} else {
			KUNIT_EXPECT_EQ(test,
					sim_run(s, prep_copy(s, DMA_PREP_INTERRUPT)),
					DMA_TRANS_NOERROR);
			KUNIT_EXPECT_EQ(test, differ(s, 0, 1), 0);
		}
	}
}

static void random_corruption_flips_one_byte(struct kunit *test)
{
	struct sim *s = sim_create(test, "memcpy private=1");
	int i;

	arm_random(s, DMASIM_FAULT_CORRUPT, BIT(DMASIM_OP_COPY), 2);
	for (i = 0; i < 3; i++) {
		get_random_bytes(va(s, 1), LEN);
		KUNIT_EXPECT_EQ(test, sim_run(s, prep_copy(s, DMA_PREP_INTERRUPT)),
				DMA_TRANS_NOERROR);
		KUNIT_EXPECT_EQ(test, differ(s, 0, 1), i < 2 ? 1 : 0);
	}
}

static void random_stall_is_reset(struct kunit *test)
{
	struct sim *s = sim_create(test, "memcpy private=1");

	arm_random(s, DMASIM_FAULT_STALL, BIT(DMASIM_OP_COPY), 1);
	KUNIT_EXPECT_EQ(test, sim_run(s, prep_copy(s, DMA_PREP_INTERRUPT)),
			DMA_TRANS_ABORTED);
	KUNIT_EXPECT_EQ(test, sim_run(s, prep_copy(s, DMA_PREP_INTERRUPT)),
			DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, differ(s, 0, 1), 0);
}

static void random_slow_takes_longer(struct kunit *test)
{
	struct sim *s = sim_create(test, "memcpy private=1");
	ktime_t t0;

	arm_random(s, DMASIM_FAULT_SLOW, BIT(DMASIM_OP_COPY), 1);
	KUNIT_ASSERT_EQ(test, dmasim_set_slow_us(s->id, 3000), 0);
	t0 = ktime_get();
	KUNIT_EXPECT_EQ(test, sim_run(s, prep_copy(s, DMA_PREP_INTERRUPT)),
			DMA_TRANS_NOERROR);
	KUNIT_EXPECT_GE(test, ktime_us_delta(ktime_get(), t0), 3000);
	KUNIT_EXPECT_EQ(test, differ(s, 0, 1), 0);
}

static void random_exhaustion_refuses_prep(struct kunit *test)
{
	struct sim *s = sim_create(test, "memcpy private=1");

	arm_random(s, DMASIM_FAULT_EXHAUST, BIT(DMASIM_OP_COPY), 2);
	KUNIT_EXPECT_NULL(test, prep_copy(s, DMA_PREP_INTERRUPT));
	KUNIT_EXPECT_NULL(test, prep_copy(s, DMA_PREP_INTERRUPT));
	KUNIT_EXPECT_EQ(test, dmasim_prep_refused(s->id), 2);
	KUNIT_EXPECT_EQ(test, sim_run(s, prep_copy(s, DMA_PREP_INTERRUPT)),
			DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, differ(s, 0, 1), 0);
}

/* Deleting an instance with work queued finishes that work first. */
static void delete_with_work_in_flight(struct kunit *test)
{
	struct order_log *log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);
	struct order_ref *refs = kunit_kcalloc(test, 8, sizeof(*refs),
					       GFP_KERNEL);
	struct dma_device *dma;
	dma_cap_mask_t mask;
	struct dma_chan *chan;
	struct page *a, *b;
	dma_addr_t da, db;
	int id, i;

	KUNIT_ASSERT_NOT_NULL(test, log);
	KUNIT_ASSERT_NOT_NULL(test, refs);
	log->want = 8;
	init_completion(&log->done);
	id = dmasim_new_device("memcpy private=1 latency_ns=200000");
	KUNIT_ASSERT_GE(test, id, 0);
	dma = dmasim_find_device(id);
	KUNIT_ASSERT_NOT_NULL(test, dma);
	dma_cap_zero(mask);
	dma_cap_set(DMA_PRIVATE, mask);
	chan = dma_request_channel(mask, on_device, dma);
	KUNIT_ASSERT_NOT_NULL(test, chan);
	a = alloc_page(GFP_KERNEL);
	b = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	da = dma_map_page(dma->dev, a, 0, PAGE_SIZE, DMA_BIDIRECTIONAL);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dma->dev, da));
	db = dma_map_page(dma->dev, b, 0, PAGE_SIZE, DMA_BIDIRECTIONAL);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dma->dev, db));
	for (i = 0; i < 8; i++) {
		struct dma_async_tx_descriptor *tx;

		tx = dma->device_prep_dma_memcpy(chan, db, da, PAGE_SIZE,
						 DMA_PREP_INTERRUPT |
						 DMA_CTRL_ACK);
		KUNIT_ASSERT_NOT_NULL(test, tx);
		refs[i] = (struct order_ref){ log, i };
		tx->callback_result = order_callback;
		tx->callback_param = &refs[i];
		dmaengine_submit(tx);
	}
	dma_async_issue_pending(chan);
	dma_unmap_page(dma->dev, da, PAGE_SIZE, DMA_BIDIRECTIONAL);
	dma_unmap_page(dma->dev, db, PAGE_SIZE, DMA_BIDIRECTIONAL);
	dma_release_channel(chan);
	KUNIT_EXPECT_EQ(test, dmasim_del_device(id), 0);
	/* every callback ran before the instance went */
	KUNIT_EXPECT_EQ(test, atomic_read(&log->n), 8);
	__free_page(a);
	__free_page(b);
}

static void bad_specs_are_refused(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, dmasim_new_device("no-such-profile"), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmasim_new_device("ioat max_xor=x"), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmasim_new_device("ioat colour=blue"), -EINVAL);
	KUNIT_EXPECT_EQ(test, dmasim_new_device("custom caps=teleport"),
			-EINVAL);
	/* parses, but the core refuses an xor engine with one source */
	KUNIT_EXPECT_EQ(test, dmasim_new_device("custom caps=xor max_xor=1"),
			-ENODEV);
	KUNIT_EXPECT_EQ(test, dmasim_new_device("custom channels=0"), -ENODEV);
	KUNIT_EXPECT_EQ(test, dmasim_del_device(12345), -ENOENT);
}

/*
 * Submit four copies without issue_pending, into @tx; @after gets what a
 * poll of the channel says of each right after its submission.
 */
static void submit_four(struct sim *s, struct dma_async_tx_descriptor **tx,
			enum dma_status *after)
{
	struct kunit *test = s->test;
	dma_cookie_t cookie[4];
	int i;

	reinit_completion(&s->done);
	atomic_set(&s->calls, 0);
	for (i = 0; i < 4; i++) {
		tx[i] = prep_copy(s, DMA_PREP_INTERRUPT);
		KUNIT_ASSERT_NOT_NULL(test, tx[i]);
		tx[i]->callback_result = sim_callback;
		tx[i]->callback_param = s;
		cookie[i] = dmaengine_submit(tx[i]);
		KUNIT_ASSERT_FALSE(test, dma_submit_error(cookie[i]));
		/* a poll runs whatever the engine was given */
		after[i] = dmaengine_tx_status(s->chan, cookie[i], NULL);
	}
}

static void wait_four(struct sim *s, struct dma_async_tx_descriptor **tx)
{
	int i;

	for (i = 0; i < 4; i++)
		KUNIT_ASSERT_GT_MSG(s->test,
				    wait_for_completion_timeout(&s->done, WAIT),
				    0, "copy %d never completed", i);
	KUNIT_EXPECT_EQ(s->test, atomic_read(&s->calls), 4);
	for (i = 0; i < 4; i++)
		async_tx_ack(tx[i]);
}

/*
 * issue_threshold=4: the driver hands the ring to the engine by itself
 * at the fourth descriptor submitted, as ioat and iop-adma do at theirs;
 * all four complete without issue_pending.  Before that, and without a
 * threshold, nothing submitted reaches the engine until issue_pending.
 */
static void threshold_issues_without_issue_pending(struct kunit *test)
{
	struct sim *s = sim_create(test, "memcpy private=1 issue_threshold=4");
	struct sim *plain = sim_create(test, "memcpy private=1");
	struct dma_async_tx_descriptor *tx[4];
	enum dma_status after[4];
	int i;

	submit_four(s, tx, after);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ_MSG(test, after[i], DMA_IN_PROGRESS,
				    "copy %d ran before the threshold", i);
	KUNIT_EXPECT_EQ(test, after[3], DMA_COMPLETE);
	wait_four(s, tx);
	KUNIT_EXPECT_EQ(test, memcmp(va(s, 0), va(s, 1), LEN), 0);

	submit_four(plain, tx, after);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ_MSG(test, after[i], DMA_IN_PROGRESS,
				    "copy %d ran without issue_pending", i);
	dma_async_issue_pending(plain->chan);
	wait_four(plain, tx);
	KUNIT_EXPECT_EQ(test, memcmp(va(plain, 0), va(plain, 1), LEN), 0);
}

static int dmasim_suite_init(struct kunit_suite *suite)
{
	gf_init();
	return 0;
}

static struct kunit_case dmasim_cases[] = {
	KUNIT_CASE_PARAM(registers_as_profile, profile_gen_params),
	KUNIT_CASE_PARAM(copy_fill_match_reference, profile_gen_params),
	KUNIT_CASE_PARAM(xor_and_check_match_reference, profile_gen_params),
	KUNIT_CASE_PARAM(pq_and_check_match_reference, profile_gen_params),
	KUNIT_CASE_PARAM(completes_in_order, profile_gen_params),
	KUNIT_CASE(fail_is_reported),
	KUNIT_CASE(channel_counters_count_the_work),
	KUNIT_CASE(threshold_issues_without_issue_pending),
	KUNIT_CASE(corruption_is_silent_but_real),
	KUNIT_CASE(stall_is_reset_and_aborted),
	KUNIT_CASE(exhaustion_refuses_prep),
	KUNIT_CASE(random_error_fires_as_asked),
	KUNIT_CASE(random_corruption_flips_one_byte),
	KUNIT_CASE(random_stall_is_reset),
	KUNIT_CASE(random_slow_takes_longer),
	KUNIT_CASE(random_exhaustion_refuses_prep),
	KUNIT_CASE(delete_with_work_in_flight),
	KUNIT_CASE(bad_specs_are_refused),
	{}
};

static struct kunit_suite dmasim_suite = {
	.name = "dmasim",
	.suite_init = dmasim_suite_init,
	.test_cases = dmasim_cases,
};

kunit_test_suite(dmasim_suite);

MODULE_DESCRIPTION("KUnit tests for dmasim");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
