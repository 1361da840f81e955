// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for async_tx.
 *
 * Every operation is checked against a reference computed here, with
 * byte loops and a GF(2^8) table built by this file, on the CPU path and
 * on a small engine the tests register ("fx").  fx is a dmaengine
 * provider that runs descriptors on a workqueue (or inline when a client
 * polls), with limits, a descriptor pool and errors chosen per test; it
 * counts what it executed so that a test can tell the engine path from a
 * silent CPU fallback, and records any descriptor that broke the limits
 * it advertised.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/async_tx.h>
#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "dmaengine.h"
#include "../async_tx_internal.h"

#define FX_MAX_SRC	64
#define FX_MAX_CHANS	2
#define WAIT_MS		5000

/* ------------------------------------------------------------------ */
/* Reference arithmetic                                               */
/* ------------------------------------------------------------------ */

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
static void ref_pq_byte(u8 **data, int ndata, size_t i, u8 *p, u8 *q)
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
/* fx: the tests' engine                                              */
/* ------------------------------------------------------------------ */

struct fx_desc {
	struct dma_async_tx_descriptor txd;
	struct list_head node;
	enum dma_transaction_type type;
	dma_addr_t dst[2];
	dma_addr_t src[FX_MAX_SRC];
	u8 coef[FX_MAX_SRC];
	unsigned int src_cnt;
	size_t len;
	int value;
	unsigned long flags;
	enum sum_check_flags *result;
	enum dmaengine_tx_result res;
	u32 residue;
};

struct fx_engine;

/**
 * enum fx_fail_how - how the tests' engine fails a descriptor
 * @FX_FAIL_PARTIAL: DMA_TRANS_WRITE_FAILED after writing part of the
 *	destination (its first byte is left wrong), residue 0
 * @FX_FAIL_ABORTED: DMA_TRANS_ABORTED, never run
 * @FX_FAIL_UNWRITTEN: DMA_TRANS_WRITE_FAILED with nothing written, the
 *	whole length as residue
 */
enum fx_fail_how {
	FX_FAIL_PARTIAL,
	FX_FAIL_ABORTED,
	FX_FAIL_UNWRITTEN,
};

/**
 * struct fx_chan - a channel of the tests' engine
 * @chan: the dmaengine channel
 * @lock: protects the five lists and @running
 * @free: descriptors ready for prep
 * @pending: submitted, not yet issued
 * @issued: issued, not yet executed
 * @ran: executed, not yet cleaned up (completed, called back)
 * @done: cleaned up, waiting to be acknowledged
 * @running: a runner is executing @issued
 * @halted: an error stopped the channel: what runs is aborted until the
 *	failure has been handed to its callback; only the runner (the one
 *	that set @running) touches it
 * @drain: the work item cleans up everything, as when polled
 * @work: runs @issued
 * @fx: the engine
 */
struct fx_chan {
	struct dma_chan chan;
	spinlock_t lock;		/* the lists and @running */
	struct list_head free, pending, issued, ran, done;
	bool running;
	bool halted;
	bool drain;
	struct work_struct work;
	struct fx_engine *fx;
};

/**
 * struct fx_engine - the tests' engine and its knobs
 * @dma: the dmaengine device
 * @chans: its channels
 * @nr_chans: how many are in use
 * @descs: descriptors per channel
 * @executed: descriptors executed, per transaction type
 * @violations: descriptors prepared outside the advertised limits
 * @fail_type: fail descriptors of this type ...
 * @fail_every: ... every this many of them (0: never), counted in @seen
 * @fail_how: how a failed descriptor fails
 * @seen: descriptors of @fail_type executed
 * @failed: descriptors failed on purpose
 * @dev: the parent device
 * @registered: registered with the core
 * @lazy: clean up only what an interrupt covers (up to the last
 *	descriptor prepared with DMA_PREP_INTERRUPT, or failed) unless
 *	polled, as ring engines do; else everything it ran
 * @hung: executes nothing; what is issued waits until terminated
 * @deaf: terminating the channel does not stop it either
 */
struct fx_engine {
	struct dma_device dma;
	struct fx_chan chans[FX_MAX_CHANS];
	int nr_chans;
	int descs;
	atomic_t executed[DMA_TX_TYPE_END];
	atomic_t violations;
	enum dma_transaction_type fail_type;
	int fail_every;
	enum fx_fail_how fail_how;
	atomic_t seen;
	atomic_t failed;
	struct device *dev;
	bool registered;
	bool lazy;
	bool hung;
	bool deaf;
};

static struct fx_chan *to_fx_chan(struct dma_chan *chan)
{
	return container_of(chan, struct fx_chan, chan);
}

static struct fx_desc *to_fx_desc(struct dma_async_tx_descriptor *txd)
{
	return container_of(txd, struct fx_desc, txd);
}

static u8 *fx_va(struct fx_engine *fx, dma_addr_t addr)
{
	return phys_to_virt(dma_to_phys(fx->dev, addr));
}

/* Give acknowledged finished descriptors back to the free list. */
static void fx_reap(struct fx_chan *fc)
{
	struct fx_desc *d, *n;

	lockdep_assert_held(&fc->lock);
	list_for_each_entry_safe(d, n, &fc->done, node)
		if (async_tx_test_ack(&d->txd))
			list_move_tail(&d->node, &fc->free);
}

static dma_cookie_t fx_tx_submit(struct dma_async_tx_descriptor *txd)
{
	struct fx_chan *fc = to_fx_chan(txd->chan);
	unsigned long flags;
	dma_cookie_t cookie;

	/* queued and numbered together: the order of cookies is the queue's */
	spin_lock_irqsave(&fc->lock, flags);
	list_add_tail(&to_fx_desc(txd)->node, &fc->pending);
	cookie = dma_cookie_assign(txd);
	spin_unlock_irqrestore(&fc->lock, flags);
	return cookie;
}

static struct fx_desc *fx_get(struct dma_chan *chan,
			      enum dma_transaction_type type, size_t len,
			      unsigned long flags)
{
	struct fx_chan *fc = to_fx_chan(chan);
	struct fx_desc *d = NULL;
	unsigned long irqflags;

	spin_lock_irqsave(&fc->lock, irqflags);
	fx_reap(fc);
	if (!list_empty(&fc->free)) {
		d = list_first_entry(&fc->free, struct fx_desc, node);
		list_del_init(&d->node);
	}
	spin_unlock_irqrestore(&fc->lock, irqflags);
	if (!d)
		return NULL;
	dma_async_tx_descriptor_init(&d->txd, chan);
	d->txd.tx_submit = fx_tx_submit;
	d->txd.flags = flags;
	d->txd.callback = NULL;
	d->txd.callback_result = NULL;
	d->txd.callback_param = NULL;
	d->txd.unmap = NULL;
	d->type = type;
	d->len = len;
	d->flags = flags;
	d->src_cnt = 0;
	d->result = NULL;
	return d;
}

static bool fx_check(struct fx_engine *fx, bool ok)
{
	if (!ok)
		atomic_inc(&fx->violations);
	return ok;
}

static struct dma_async_tx_descriptor *
fx_prep_memcpy(struct dma_chan *chan, dma_addr_t dst, dma_addr_t src,
	       size_t len, unsigned long flags)
{
	struct fx_desc *d = fx_get(chan, DMA_MEMCPY, len, flags);

	if (!d)
		return NULL;
	d->dst[0] = dst;
	d->src[0] = src;
	d->src_cnt = 1;
	return &d->txd;
}

static struct dma_async_tx_descriptor *
fx_prep_memset(struct dma_chan *chan, dma_addr_t dst, int value, size_t len,
	       unsigned long flags)
{
	struct fx_desc *d = fx_get(chan, DMA_MEMSET, len, flags);

	if (!d)
		return NULL;
	d->dst[0] = dst;
	d->value = value;
	return &d->txd;
}

/* Addresses off the advertised alignment are a client bug. */
static bool fx_aligned(struct fx_engine *fx, u8 align, dma_addr_t *addr,
		       unsigned int cnt)
{
	unsigned int i;

	for (i = 0; i < cnt; i++)
		if (addr[i] & ((1UL << align) - 1))
			return fx_check(fx, false);
	return true;
}

/* A source count outside what the engine advertised is a client bug. */
static bool fx_srcs_ok(struct fx_engine *fx, unsigned int cnt, int max,
		       unsigned int min)
{
	return fx_check(fx, cnt >= min && cnt <= max && cnt <= FX_MAX_SRC);
}

static void fx_srcs(struct fx_desc *d, dma_addr_t *src, unsigned int cnt)
{
	memcpy(d->src, src, cnt * sizeof(*src));
	d->src_cnt = cnt;
}

static struct dma_async_tx_descriptor *
fx_prep_xor(struct dma_chan *chan, dma_addr_t dst, dma_addr_t *src,
	    unsigned int cnt, size_t len, unsigned long flags)
{
	struct fx_engine *fx = to_fx_chan(chan)->fx;
	struct fx_desc *d;

	if (!fx_srcs_ok(fx, cnt, fx->dma.max_xor, 2) ||
	    !fx_aligned(fx, fx->dma.xor_align, src, cnt) ||
	    !fx_aligned(fx, fx->dma.xor_align, &dst, 1))
		return NULL;
	d = fx_get(chan, DMA_XOR, len, flags);
	if (!d)
		return NULL;
	fx_srcs(d, src, cnt);
	d->dst[0] = dst;
	return &d->txd;
}

static struct dma_async_tx_descriptor *
fx_prep_xor_val(struct dma_chan *chan, dma_addr_t *src, unsigned int cnt,
		size_t len, enum sum_check_flags *result, unsigned long flags)
{
	struct fx_engine *fx = to_fx_chan(chan)->fx;
	struct fx_desc *d;

	if (!fx_srcs_ok(fx, cnt, fx->dma.max_xor, 2))
		return NULL;
	d = fx_get(chan, DMA_XOR_VAL, len, flags);
	if (!d)
		return NULL;
	fx_srcs(d, src, cnt);
	d->result = result;
	return &d->txd;
}

static struct dma_async_tx_descriptor *
fx_prep_pq(struct dma_chan *chan, dma_addr_t *dst, dma_addr_t *src,
	   unsigned int cnt, const unsigned char *scf, size_t len,
	   unsigned long flags)
{
	struct fx_engine *fx = to_fx_chan(chan)->fx;
	struct fx_desc *d;

	if (!fx_srcs_ok(fx, cnt, dma_maxpq(&fx->dma, flags), 1) ||
	    !fx_aligned(fx, fx->dma.pq_align, src, cnt))
		return NULL;
	d = fx_get(chan, DMA_PQ, len, flags);
	if (!d)
		return NULL;
	fx_srcs(d, src, cnt);
	memcpy(d->coef, scf, cnt);
	d->dst[0] = dst[0];
	d->dst[1] = dst[1];
	return &d->txd;
}

static struct dma_async_tx_descriptor *
fx_prep_pq_val(struct dma_chan *chan, dma_addr_t *pq, dma_addr_t *src,
	       unsigned int cnt, const unsigned char *scf, size_t len,
	       enum sum_check_flags *pqres, unsigned long flags)
{
	struct fx_engine *fx = to_fx_chan(chan)->fx;
	struct fx_desc *d;

	if (!fx_srcs_ok(fx, cnt, dma_maxpq(&fx->dma, flags), 1))
		return NULL;
	d = fx_get(chan, DMA_PQ_VAL, len, flags);
	if (!d)
		return NULL;
	fx_srcs(d, src, cnt);
	memcpy(d->coef, scf, cnt);
	d->dst[0] = pq[0];
	d->dst[1] = pq[1];
	d->result = pqres;
	return &d->txd;
}

static struct dma_async_tx_descriptor *
fx_prep_interrupt(struct dma_chan *chan, unsigned long flags)
{
	struct fx_desc *d = fx_get(chan, DMA_INTERRUPT, 0, flags);

	return d ? &d->txd : NULL;
}

/* Run one descriptor on the "hardware": the buffers, by bus address. */
static void fx_execute(struct fx_engine *fx, struct fx_desc *d)
{
	bool no_p = d->flags & DMA_PREP_PQ_DISABLE_P;
	bool no_q = d->flags & DMA_PREP_PQ_DISABLE_Q;
	bool cont = d->flags & DMA_PREP_CONTINUE;
	u8 *src[FX_MAX_SRC], *p = NULL, *q = NULL;
	enum sum_check_flags res = 0;
	unsigned int s;
	size_t i;

	for (s = 0; s < d->src_cnt; s++)
		src[s] = fx_va(fx, d->src[s]);
	switch (d->type) {
	case DMA_MEMCPY:
		memmove(fx_va(fx, d->dst[0]), src[0], d->len);
		break;
	case DMA_MEMSET:
		memset(fx_va(fx, d->dst[0]), d->value, d->len);
		break;
	case DMA_XOR:
	case DMA_XOR_VAL:
		p = d->type == DMA_XOR ? fx_va(fx, d->dst[0]) : NULL;
		for (i = 0; i < d->len; i++) {
			u8 v = 0;

			for (s = 0; s < d->src_cnt; s++)
				v ^= src[s][i];
			if (p)
				p[i] = v;
			else if (v)
				res = SUM_CHECK_P_RESULT;
		}
		break;
	case DMA_PQ:
	case DMA_PQ_VAL:
		if (!no_p)
			p = fx_va(fx, d->dst[0]);
		if (!no_q)
			q = fx_va(fx, d->dst[1]);
		for (i = 0; i < d->len; i++) {
			u8 vp = 0, vq = 0;

			for (s = 0; s < d->src_cnt; s++) {
				vp ^= src[s][i];
				vq ^= gf_mul(d->coef[s], src[s][i]);
			}
			if (d->type == DMA_PQ_VAL) {
				if (p && p[i] != vp)
					res |= SUM_CHECK_P_RESULT;
				if (q && q[i] != vq)
					res |= SUM_CHECK_Q_RESULT;
				continue;
			}
			if (p)
				p[i] = cont ? p[i] ^ vp : vp;
			if (q)
				q[i] = cont ? q[i] ^ vq : vq;
		}
		break;
	default:
		break;
	}
	if (d->result)
		*d->result = res;
}

static bool fx_should_fail(struct fx_engine *fx, struct fx_desc *d)
{
	if (!fx->fail_every || d->type != fx->fail_type)
		return false;
	return atomic_inc_return(&fx->seen) % fx->fail_every == 0;
}

/* Fail @d as the engine is told to. */
static void fx_fail(struct fx_engine *fx, struct fx_desc *d)
{
	d->residue = 0;
	switch (fx->fail_how) {
	case FX_FAIL_ABORTED:
		d->res = DMA_TRANS_ABORTED;
		return;
	case FX_FAIL_UNWRITTEN:
		d->res = DMA_TRANS_WRITE_FAILED;
		d->residue = d->len;
		return;
	case FX_FAIL_PARTIAL:
		d->res = DMA_TRANS_WRITE_FAILED;
		break;
	}
	/* part of the destination written, and wrong */
	if (d->type == DMA_MEMCPY || d->type == DMA_MEMSET ||
	    d->type == DMA_XOR ||
	    (d->type == DMA_PQ && !(d->flags & DMA_PREP_PQ_DISABLE_P))) {
		u8 *dst = fx_va(fx, d->dst[0]);

		fx_execute(fx, d);
		dst[0] ^= 0x5a;
	}
}

/*
 * The descriptors of @fc->ran an interrupt covers: up to the last one
 * prepared with DMA_PREP_INTERRUPT or failed; all of them when @poll or
 * the engine is not lazy.  NULL when none.
 */
static struct fx_desc *fx_cleanup_upto(struct fx_chan *fc, bool poll)
{
	struct fx_desc *d, *last = NULL;

	lockdep_assert_held(&fc->lock);
	list_for_each_entry(d, &fc->ran, node)
		if (poll || !fc->fx->lazy || (d->flags & DMA_PREP_INTERRUPT) ||
		    d->res != DMA_TRANS_NOERROR)
			last = d;
	return last;
}

/*
 * Execute what was issued, then clean up what an interrupt or @poll
 * covers, one runner at a time.  Like an engine that runs ahead of its
 * driver, every issued descriptor executes before the completions of the
 * batch are handed out; like I/OAT, an error halts the channel, and
 * everything after it is aborted unrun until the failure has been handed
 * to its callback.
 */
static void fx_run(struct fx_chan *fc, bool poll)
{
	struct fx_engine *fx = fc->fx;
	struct fx_desc *d, *n, *last;
	unsigned long flags;
	LIST_HEAD(batch);

	spin_lock_irqsave(&fc->lock, flags);
	if (fc->running) {
		spin_unlock_irqrestore(&fc->lock, flags);
		return;
	}
	fc->running = true;
	for (;;) {
		if (!list_empty(&fc->issued) && !READ_ONCE(fx->hung)) {
			list_splice_tail_init(&fc->issued, &batch);
			spin_unlock_irqrestore(&fc->lock, flags);

			list_for_each_entry(d, &batch, node) {
				d->res = DMA_TRANS_NOERROR;
				/* an error halts the channel: the rest is dropped */
				if (fc->halted) {
					d->res = DMA_TRANS_ABORTED;
				} else if (fx_should_fail(fx, d)) {
					fc->halted = true;
					fx_fail(fx, d);
					atomic_inc(&fx->failed);
				} else {
					fx_execute(fx, d);
					atomic_inc(&fx->executed[d->type]);
				}
			}
			spin_lock_irqsave(&fc->lock, flags);
			list_splice_tail_init(&batch, &fc->ran);
			continue;
		}
		last = fx_cleanup_upto(fc, poll);
		if (!last)
			break;
		list_cut_position(&batch, &fc->ran, &last->node);
		spin_unlock_irqrestore(&fc->lock, flags);

		list_for_each_entry_safe(d, n, &batch, node) {
			struct dmaengine_result res = { d->res, d->residue };

			spin_lock_irqsave(&fc->lock, flags);
			dma_cookie_complete(&d->txd);
			list_move_tail(&d->node, &fc->done);
			spin_unlock_irqrestore(&fc->lock, flags);

			dma_descriptor_unmap(&d->txd);
			dmaengine_desc_get_callback_invoke(&d->txd, &res);
			dma_run_dependencies(&d->txd);
		}
		spin_lock_irqsave(&fc->lock, flags);
		/* what failed and what was dropped is known: run again */
		if (list_empty(&fc->ran))
			fc->halted = false;
	}
	fc->running = false;
	spin_unlock_irqrestore(&fc->lock, flags);
}

static void fx_work(struct work_struct *work)
{
	struct fx_chan *fc = container_of(work, struct fx_chan, work);

	fx_run(fc, READ_ONCE(fc->drain));
}

static void fx_issue_pending(struct dma_chan *chan)
{
	struct fx_chan *fc = to_fx_chan(chan);
	unsigned long flags;

	spin_lock_irqsave(&fc->lock, flags);
	list_splice_tail_init(&fc->pending, &fc->issued);
	spin_unlock_irqrestore(&fc->lock, flags);
	schedule_work(&fc->work);
}

/* Polling clients are served at once, as engines that clean up in tx_status. */
static enum dma_status fx_tx_status(struct dma_chan *chan, dma_cookie_t cookie,
				    struct dma_tx_state *state)
{
	struct fx_chan *fc = to_fx_chan(chan);

	fx_run(fc, true);
	return dma_cookie_status(chan, cookie, state);
}

/* A hung engine drops what it was issued, unless it is deaf too. */
static int fx_terminate_all(struct dma_chan *chan)
{
	struct fx_chan *fc = to_fx_chan(chan);
	struct fx_desc *d;
	unsigned long flags;

	if (READ_ONCE(fc->fx->deaf))
		return -EBUSY;
	spin_lock_irqsave(&fc->lock, flags);
	list_for_each_entry(d, &fc->issued, node) {
		d->res = DMA_TRANS_ABORTED;
		d->residue = 0;
	}
	list_splice_tail_init(&fc->issued, &fc->ran);
	spin_unlock_irqrestore(&fc->lock, flags);
	schedule_work(&fc->work);
	return 0;
}

static int fx_alloc_chan_resources(struct dma_chan *chan)
{
	dma_cookie_init(chan);
	return to_fx_chan(chan)->fx->descs;
}

/* The core holds its lock here: the callbacks run from the work item. */
static void fx_free_chan_resources(struct dma_chan *chan)
{
	struct fx_chan *fc = to_fx_chan(chan);

	WRITE_ONCE(fc->drain, true);
	schedule_work(&fc->work);
	flush_work(&fc->work);
	WRITE_ONCE(fc->drain, false);
}

/**
 * struct fx_profile - what a test's engine can do
 * @name: for the test's parameter description
 * @caps: transaction types
 * @max_xor: xor sources per descriptor
 * @max_pq: pq sources per descriptor, with DMA_HAS_PQ_CONTINUE or not
 * @align: alignment exponent for xor and pq (0: none)
 * @descs: descriptors per channel
 */
struct fx_profile {
	const char *name;
	unsigned long caps;
	int max_xor;
	int max_pq;
	int align;
	int descs;
};

#define FX_ALL	(BIT(DMA_MEMCPY) | BIT(DMA_MEMSET) | BIT(DMA_XOR) | \
		 BIT(DMA_XOR_VAL) | BIT(DMA_PQ) | BIT(DMA_PQ_VAL) | \
		 BIT(DMA_INTERRUPT))

static void fx_chan_init(struct fx_engine *fx, struct fx_chan *fc)
{
	struct list_head *lists[] = {
		&fc->free, &fc->pending, &fc->issued, &fc->ran, &fc->done,
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(lists); i++)
		INIT_LIST_HEAD(lists[i]);
	spin_lock_init(&fc->lock);
	INIT_WORK(&fc->work, fx_work);
	fc->fx = fx;
}

static void fx_unregister(void *data)
{
	struct fx_engine *fx = data;
	int i;

	if (fx->registered)
		dma_async_device_unregister(&fx->dma);
	fx->registered = false;
	for (i = 0; i < fx->nr_chans; i++)
		flush_work(&fx->chans[i].work);
}

static struct fx_engine *fx_create(struct kunit *test,
				   const struct fx_profile *prof, int nr_chans)
{
	static atomic_t instances = ATOMIC_INIT(0);
	struct fx_engine *fx;
	struct dma_device *dma;
	char name[32];
	int i, j;

	fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx);
	snprintf(name, sizeof(name), "async-tx-fx-%d",
		 atomic_inc_return(&instances));
	fx->dev = kunit_device_register(test, name);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, fx->dev);
	fx->dev->dma_mask = &fx->dev->coherent_dma_mask;
	KUNIT_ASSERT_EQ(test, dma_set_mask_and_coherent(fx->dev,
							DMA_BIT_MASK(64)), 0);
	fx->descs = prof->descs;
	fx->nr_chans = nr_chans;

	dma = &fx->dma;
	dma->dev = fx->dev;
	INIT_LIST_HEAD(&dma->channels);
	for (i = 0; i < DMA_TX_TYPE_END; i++)
		if (prof->caps & BIT(i))
			dma_cap_set(i, dma->cap_mask);
	dma->max_xor = prof->max_xor;
	dma->max_pq = prof->max_pq;
	dma->xor_align = prof->align;
	dma->pq_align = prof->align;
	dma->device_prep_dma_memcpy = fx_prep_memcpy;
	dma->device_prep_dma_memset = fx_prep_memset;
	dma->device_prep_dma_xor = fx_prep_xor;
	dma->device_prep_dma_xor_val = fx_prep_xor_val;
	dma->device_prep_dma_pq = fx_prep_pq;
	dma->device_prep_dma_pq_val = fx_prep_pq_val;
	dma->device_prep_dma_interrupt = fx_prep_interrupt;
	dma->device_issue_pending = fx_issue_pending;
	dma->device_tx_status = fx_tx_status;
	dma->device_alloc_chan_resources = fx_alloc_chan_resources;
	dma->device_free_chan_resources = fx_free_chan_resources;
	dma->device_terminate_all = fx_terminate_all;

	for (i = 0; i < nr_chans; i++) {
		struct fx_chan *fc = &fx->chans[i];

		fx_chan_init(fx, fc);
		for (j = 0; j < prof->descs; j++) {
			struct fx_desc *d = kunit_kzalloc(test, sizeof(*d),
							  GFP_KERNEL);

			KUNIT_ASSERT_NOT_NULL(test, d);
			list_add_tail(&d->node, &fc->free);
		}
		fc->chan.device = dma;
		list_add_tail(&fc->chan.device_node, &dma->channels);
	}
	KUNIT_ASSERT_EQ(test, dma_async_device_register(dma), 0);
	fx->registered = true;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, fx_unregister,
							fx), 0);
	return fx;
}

static int fx_executed(struct fx_engine *fx, enum dma_transaction_type type)
{
	return atomic_read(&fx->executed[type]);
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

static struct page *test_block(struct kunit *test)
{
	struct page *page = alloc_pages(GFP_KERNEL, BUF_ORDER);

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_pages_action,
							page), 0);
	get_random_bytes(page_address(page), BUF_SIZE);
	return page;
}

static u8 *blk_va(struct page *page, unsigned int off)
{
	return (u8 *)page_address(page) + off;
}

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

static void cb_log_init(struct cb_log *log, int last)
{
	log->order = NULL;
	log->order_len = 0;
	atomic_set(&log->count, 0);
	init_completion(&log->done);
	log->last = last;
}

static void test_callback(void *param)
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
static void wait_chain(struct kunit *test, struct cb_log *log)
{
	async_tx_issue_pending_all();
	unsigned long left;

	left = wait_for_completion_timeout(&log->done,
					   msecs_to_jiffies(WAIT_MS));
	KUNIT_ASSERT_NE_MSG(test, left, 0, "the chain's last callback never ran");
}

/* Wait until every channel of @fx is idle: no callback is still to come. */
static void fx_quiet(struct fx_engine *fx)
{
	int i;

	if (!fx)
		return;
	for (i = 0; i < fx->nr_chans; i++) {
		flush_work(&fx->chans[i].work);
		fx_run(&fx->chans[i], true);
	}
}

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

/**
 * struct one_op - the callback bookkeeping of a single operation
 * @log: its callback log
 * @arg: the callback's argument
 */
struct one_op {
	struct cb_log log;
	struct cb_arg arg;
};

static void op_begin(struct one_op *o, struct async_submit_ctl *submit,
		     enum async_tx_flags flags, addr_conv_t *scribble)
{
	cb_log_init(&o->log, 1);
	o->arg = (struct cb_arg){ &o->log, 1 };
	init_async_submit(submit, flags | ASYNC_TX_ACK, NULL, test_callback,
			  &o->arg, scribble);
}

/*
 * The operation is done and its callback ran exactly once: at once for
 * the CPU path (NULL), after issue for an engine.
 */
static void op_end(struct kunit *test, struct fx_engine *fx, struct one_op *o,
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
	fx_quiet(fx);
	KUNIT_EXPECT_EQ(test, atomic_read(&o->log.count), 1);
}

/* ------------------------------------------------------------------ */
/* Profiles                                                           */
/* ------------------------------------------------------------------ */

static const struct fx_profile profiles[] = {
	{ .name = "cpu" },
	{ .name = "wide", .caps = FX_ALL, .max_xor = 48,
	  .max_pq = 48 | DMA_HAS_PQ_CONTINUE, .descs = 64 },
	{ .name = "narrow", .caps = FX_ALL, .max_xor = 3, .max_pq = 4,
	  .descs = 64 },
	{ .name = "narrow-continue", .caps = FX_ALL, .max_xor = 2,
	  .max_pq = 2 | DMA_HAS_PQ_CONTINUE, .descs = 64 },
	{ .name = "aligned", .caps = FX_ALL, .max_xor = 8, .max_pq = 8,
	  .align = 6, .descs = 64 },
	{ .name = "two-descs", .caps = FX_ALL, .max_xor = 8, .max_pq = 8,
	  .descs = 2 },
};

static void profile_desc(const struct fx_profile *p, char *desc)
{
	strscpy(desc, p->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(profile, profiles, profile_desc);

/* The engine of the test's profile, registered, or NULL for "cpu". */
static struct fx_engine *profile_engine(struct kunit *test)
{
	const struct fx_profile *prof = test->param_value;

	if (!prof->caps) {
		KUNIT_ASSERT_NULL_MSG(test, dma_find_channel(DMA_XOR),
				      "an engine is registered: no CPU path");
		return NULL;
	}
	return fx_create(test, prof, 1);
}

/* After a test: the engine did the work it could and broke no limit. */
static void profile_check(struct kunit *test, struct fx_engine *fx,
			  enum dma_transaction_type type)
{
	if (!fx)
		return;
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->violations), 0);
	KUNIT_EXPECT_GT_MSG(test, fx_executed(fx, type), 0,
			    "the engine never ran a %d descriptor", type);
}

/*
 * Step @idx to the next combination of @n indices, idx[i] running over
 * 0 .. lim[i] - 1, the last fastest.  False once all were visited.
 */
static bool next_case(int *idx, const int *lim, int n)
{
	while (n--) {
		if (++idx[n] < lim[n])
			return true;
		idx[n] = 0;
	}
	return false;
}

static const size_t lengths[] = {
	1, 7, 64, 511, 512, 513, 1000, PAGE_SIZE, PAGE_SIZE + 3,
	3 * PAGE_SIZE + 17,
};

static const unsigned int offsets[] = { 0, 64, 5 };

/* ------------------------------------------------------------------ */
/* memcpy and memset                                                  */
/* ------------------------------------------------------------------ */

static void memcpy_matches_reference(struct kunit *test)
{
	struct fx_engine *fx = profile_engine(test);
	struct page *src = test_block(test), *dst = test_block(test);
	u8 *want = kunit_kmalloc(test, BUF_SIZE, GFP_KERNEL);
	int l, o;

	KUNIT_ASSERT_NOT_NULL(test, want);
	for (l = 0; l < ARRAY_SIZE(lengths); l++) {
		for (o = 0; o < ARRAY_SIZE(offsets); o++) {
			unsigned int soff = offsets[o];
			unsigned int doff = offsets[(o + 1) % ARRAY_SIZE(offsets)];
			size_t len = lengths[l];
			struct async_submit_ctl submit;
			struct dma_async_tx_descriptor *tx;
			struct one_op op;

			get_random_bytes(page_address(dst), BUF_SIZE);
			memcpy(want, page_address(dst), BUF_SIZE);
			memcpy(want + doff, blk_va(src, soff), len);
			op_begin(&op, &submit, 0, NULL);
			tx = async_memcpy(dst, src, doff, soff, len, &submit);
			op_end(test, fx, &op, tx);
			/* the bytes around the copy are untouched too */
			EXPECT_SAME(test, page_address(dst), want, BUF_SIZE,
				    "len %zu src+%u dst+%u", len, soff, doff);
		}
	}
	profile_check(test, fx, DMA_MEMCPY);
}

static void memset_matches_reference(struct kunit *test)
{
	struct fx_engine *fx = profile_engine(test);
	struct page *dst = test_block(test);
	u8 *want = kunit_kmalloc(test, BUF_SIZE, GFP_KERNEL);
	int l, o;

	KUNIT_ASSERT_NOT_NULL(test, want);
	for (l = 0; l < ARRAY_SIZE(lengths); l++) {
		for (o = 0; o < ARRAY_SIZE(offsets); o++) {
			size_t len = lengths[l];
			unsigned int off = offsets[o];
			int val = get_random_u32() | 0x100; /* low byte counts */
			struct async_submit_ctl submit;
			struct dma_async_tx_descriptor *tx;
			struct one_op op;

			get_random_bytes(page_address(dst), BUF_SIZE);
			memcpy(want, page_address(dst), BUF_SIZE);
			memset(want + off, val & 0xff, len);
			op_begin(&op, &submit, 0, NULL);
			tx = async_memset(dst, val, off, len, &submit);
			op_end(test, fx, &op, tx);
			EXPECT_SAME(test, page_address(dst), want, BUF_SIZE,
				    "len %zu off %u", len, off);
		}
	}
	profile_check(test, fx, DMA_MEMSET);
}

/* ------------------------------------------------------------------ */
/* xor and xor_val                                                    */
/* ------------------------------------------------------------------ */

static const int xor_counts[] = { 1, 2, 3, 4, 5, 8, 16, 17, 33 };

#define MAX_BLOCKS	40

/* src_cnt random blocks plus a destination, all kept for the test */
struct stripe {
	struct page *blk[MAX_BLOCKS];
	unsigned int off[MAX_BLOCKS];
	int n;
};

static struct stripe *stripe_alloc(struct kunit *test, int n)
{
	struct stripe *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, st);
	KUNIT_ASSERT_LE(test, n, MAX_BLOCKS);
	st->n = n;
	for (i = 0; i < n; i++) {
		st->blk[i] = test_block(test);
		st->off[i] = 0;
	}
	return st;
}

static const enum async_tx_flags xor_modes[] = {
	ASYNC_TX_XOR_ZERO_DST, ASYNC_TX_XOR_DROP_DST, 0,
};

static void xor_matches_reference(struct kunit *test)
{
	struct fx_engine *fx = profile_engine(test);
	u8 *want = kunit_kmalloc(test, BUF_SIZE, GFP_KERNEL);
	static const size_t xor_lengths[] = { 1, 63, 512, 4096, 4097,
					      3 * PAGE_SIZE + 5 };
	const int lim[] = { ARRAY_SIZE(xor_counts), ARRAY_SIZE(xor_lengths),
			    ARRAY_SIZE(xor_modes), 2 };
	int idx[ARRAY_SIZE(lim)] = { };
	struct stripe *st;

	KUNIT_ASSERT_NOT_NULL(test, want);
	st = stripe_alloc(test, 34);
	do {
		int cnt = xor_counts[idx[0]], o = idx[3], i;
		size_t len = xor_lengths[idx[1]], at;
		enum async_tx_flags mode = xor_modes[idx[2]];
		struct page *dest = st->blk[33], *srcs[34];
		unsigned int soffs[34], doff = o ? 3 : 0;
		struct async_submit_ctl submit;
		struct dma_async_tx_descriptor *tx;
		struct one_op op;

		if (len + 64 * 33 > BUF_SIZE)
			continue;
		get_random_bytes(page_address(dest), BUF_SIZE);
		for (i = 0; i < cnt; i++) {
			srcs[i] = st->blk[i];
			soffs[i] = o ? 64 * i + i % 5 : doff;
		}
		if (mode == ASYNC_TX_XOR_DROP_DST) {
			srcs[0] = dest;
			soffs[0] = doff;
		}
		/* the reference, by bytes */
		for (at = 0; at < len; at++) {
			u8 v = mode ? 0 : blk_va(dest, doff)[at];

			for (i = 0; i < cnt; i++)
				v ^= blk_va(srcs[i], soffs[i])[at];
			want[at] = v;
		}
		op_begin(&op, &submit, mode, NULL);
		tx = async_xor_offs(dest, doff, srcs, soffs, cnt, len, &submit);
		op_end(test, fx, &op, tx);
		EXPECT_SAME(test, blk_va(dest, doff), want, len,
			    "%d sources, len %zu, mode %x, offsets %d",
			    cnt, len, mode, o);
		/* the caller's lists are left as they were */
		for (i = 0; i < cnt; i++) {
			KUNIT_EXPECT_PTR_EQ(test, srcs[i],
					    i || mode != ASYNC_TX_XOR_DROP_DST ?
					    st->blk[i] : dest);
			KUNIT_EXPECT_EQ(test, soffs[i],
					i || mode != ASYNC_TX_XOR_DROP_DST ?
					(o ? 64 * i + i % 5 : doff) : doff);
		}
	} while (next_case(idx, lim, ARRAY_SIZE(lim)));
	profile_check(test, fx, DMA_XOR);
}

static void xor_val_detects_each_flipped_bit(struct kunit *test)
{
	struct fx_engine *fx = profile_engine(test);
	static const int counts[] = { 2, 3, 5, 8, 17 };
	static const size_t lens[] = { 1, 100, PAGE_SIZE };
	const int lim[] = { ARRAY_SIZE(counts), ARRAY_SIZE(lens), 18 };
	int idx[ARRAY_SIZE(lim)] = { };
	struct stripe *st;

	st = stripe_alloc(test, 17);
	do {
		int cnt = counts[idx[0]], flip = idx[2] - 1, i;
		size_t len = lens[idx[1]], at, bit = 0;
		enum sum_check_flags result = ~0;
		struct async_submit_ctl submit;
		struct dma_async_tx_descriptor *tx;
		struct one_op op;
		u8 *parity = blk_va(st->blk[0], 0);

		/* flip runs from -1 (no bit flipped) to the last block */
		if (flip >= cnt)
			continue;

		/* block 0 is the parity of the others */
		memset(parity, 0, len);
		for (i = 1; i < cnt; i++)
			for (at = 0; at < len; at++)
				parity[at] ^= blk_va(st->blk[i], 0)[at];
		if (flip >= 0) {
			bit = get_random_u32_below(len * 8);
			blk_va(st->blk[flip], 0)[bit / 8] ^= 1 << (bit % 8);
		}
		op_begin(&op, &submit, 0, NULL);
		tx = async_xor_val(st->blk[0], st->blk, 0, cnt, len, &result,
				   &submit);
		op_end(test, fx, &op, tx);
		KUNIT_EXPECT_EQ_MSG(test, result,
				    flip < 0 ? 0 : SUM_CHECK_P_RESULT,
				    "%d blocks, len %zu, bit flipped in %d",
				    cnt, len, flip);
		if (flip >= 0)
			blk_va(st->blk[flip], 0)[bit / 8] ^= 1 << (bit % 8);
	} while (next_case(idx, lim, ARRAY_SIZE(lim)));
	profile_check(test, fx, DMA_XOR_VAL);
}

/* ------------------------------------------------------------------ */
/* pq and pq_val                                                      */
/* ------------------------------------------------------------------ */

/* Reference P and Q of @st (data 0..n-3, some NULL in @data) */
static void ref_pq(struct stripe *st, u8 **data, size_t len, u8 *p, u8 *q)
{
	size_t at;

	for (at = 0; at < len; at++)
		ref_pq_byte(data, st->n - 2, at, &p[at], &q[at]);
}

enum pq_variant { PQ_BOTH, PQ_P_ONLY, PQ_Q_ONLY, PQ_HOLES, PQ_XOR_DST,
		  PQ_VARIANTS };

static void gen_syndrome_matches_reference(struct kunit *test)
{
	struct fx_engine *fx = profile_engine(test);
	static const int disk_counts[] = { 4, 5, 8, 16, 32, 38 };
	static const size_t pq_lengths[] = { 1, 100, 512, 4096, 2 * 4096 + 3 };
	u8 *want_p = kunit_kmalloc(test, BUF_SIZE, GFP_KERNEL);
	u8 *want_q = kunit_kmalloc(test, BUF_SIZE, GFP_KERNEL);
	addr_conv_t *scribble = kunit_kcalloc(test, MAX_BLOCKS,
					      sizeof(*scribble), GFP_KERNEL);
	const int lim[] = { ARRAY_SIZE(disk_counts), ARRAY_SIZE(pq_lengths),
			    PQ_VARIANTS, 2 };
	int idx[ARRAY_SIZE(lim)] = { };
	struct stripe *st;

	KUNIT_ASSERT_NOT_NULL(test, want_p);
	KUNIT_ASSERT_NOT_NULL(test, want_q);
	KUNIT_ASSERT_NOT_NULL(test, scribble);
	st = stripe_alloc(test, 38);
	do {
		int disks = disk_counts[idx[0]], v = idx[2], o = idx[3], d;
		size_t len = pq_lengths[idx[1]], at;
		struct page *blocks[MAX_BLOCKS];
		unsigned int offs[MAX_BLOCKS];
		u8 *data[MAX_BLOCKS], *p, *q;
		struct async_submit_ctl submit;
		struct dma_async_tx_descriptor *tx;
		enum async_tx_flags flags = 0;
		struct one_op op;

		st->n = disks;
		for (d = 0; d < disks; d++) {
			blocks[d] = st->blk[d];
			offs[d] = o ? 64 * (d % 7) + (d % 3) : 0;
			data[d] = blk_va(blocks[d], offs[d]);
		}
		get_random_bytes(data[disks - 2], len);
		get_random_bytes(data[disks - 1], len);
		p = data[disks - 2];
		q = data[disks - 1];
		if (v == PQ_HOLES)
			for (d = 1; d < disks - 2; d += 3)
				blocks[d] = NULL;
		for (d = 0; d < disks; d++)
			data[d] = blocks[d] ? data[d] : NULL;
		ref_pq(st, data, len, want_p, want_q);
		if (v == PQ_XOR_DST) {
			flags = ASYNC_TX_PQ_XOR_DST;
			for (at = 0; at < len; at++) {
				want_p[at] ^= p[at];
				want_q[at] ^= q[at];
			}
		}
		if (v == PQ_P_ONLY) {
			memcpy(want_q, q, len);
			blocks[disks - 1] = NULL;
		}
		if (v == PQ_Q_ONLY) {
			memcpy(want_p, p, len);
			blocks[disks - 2] = NULL;
		}
		op_begin(&op, &submit, flags, disks > 36 ? scribble : NULL);
		tx = async_gen_syndrome(blocks, offs, disks, len, &submit);
		op_end(test, fx, &op, tx);
		EXPECT_SAME(test, p, want_p, len, "P: %d disks, len %zu, variant %d, offsets %d",
			    disks, len, v, o);
		EXPECT_SAME(test, q, want_q, len, "Q: %d disks, len %zu, variant %d, offsets %d",
			    disks, len, v, o);
	} while (next_case(idx, lim, ARRAY_SIZE(lim)));
	profile_check(test, fx, DMA_PQ);
}

static void syndrome_val_detects_each_flipped_bit(struct kunit *test)
{
	struct fx_engine *fx = profile_engine(test);
	static const int disk_counts[] = { 4, 5, 8, 16 };
	static const size_t lens[] = { 1, 100, PAGE_SIZE };
	struct page *spare = test_block(test);
	addr_conv_t *scribble = kunit_kcalloc(test, MAX_BLOCKS,
					      sizeof(*scribble), GFP_KERNEL);
	const int lim[] = { ARRAY_SIZE(disk_counts), ARRAY_SIZE(lens), 2, 17 };
	int idx[ARRAY_SIZE(lim)] = { };
	struct stripe *st;

	KUNIT_ASSERT_NOT_NULL(test, scribble);
	st = stripe_alloc(test, 16);
	do {
		int disks = disk_counts[idx[0]], sp = idx[2], flip = idx[3] - 1;
		size_t len = lens[idx[1]], bit = 0;
		int d;
		enum sum_check_flags result = ~0, want;
		u8 *data[MAX_BLOCKS];
		struct async_submit_ctl submit;
		struct dma_async_tx_descriptor *tx;
		struct one_op op;

		if (flip >= disks)
			continue;
		st->n = disks;
		for (d = 0; d < disks; d++)
			data[d] = blk_va(st->blk[d], 0);
		ref_pq(st, data, len, data[disks - 2], data[disks - 1]);
		want = 0;
		if (flip >= 0) {
			bit = get_random_u32_below(len * 8);
			data[flip][bit / 8] ^= 1 << (bit % 8);
			if (flip == disks - 1)
				want = SUM_CHECK_Q_RESULT;
			else if (flip == disks - 2)
				want = SUM_CHECK_P_RESULT;
			else
				want = SUM_CHECK_P_RESULT | SUM_CHECK_Q_RESULT;
		}
		op_begin(&op, &submit, 0, scribble);
		tx = async_syndrome_val(st->blk, st->off, disks, len, &result,
					sp ? spare : NULL, 0, &submit);
		op_end(test, fx, &op, tx);
		KUNIT_EXPECT_EQ_MSG(test, result, want,
				    "%d disks, len %zu, bit flipped in %d, spare %d",
				    disks, len, flip, sp);
		if (flip >= 0)
			data[flip][bit / 8] ^= 1 << (bit % 8);
	} while (next_case(idx, lim, ARRAY_SIZE(lim)));
	profile_check(test, fx, DMA_PQ_VAL);
}

/* ------------------------------------------------------------------ */
/* raid6 recovery                                                     */
/* ------------------------------------------------------------------ */

static void recovery_rebuilds_every_pair(struct kunit *test)
{
	struct fx_engine *fx = profile_engine(test);
	static const int disk_counts[] = { 4, 5, 8, 16, 32 };
	u8 **saved = kunit_kcalloc(test, MAX_BLOCKS, sizeof(u8 *), GFP_KERNEL);
	addr_conv_t *scribble = kunit_kcalloc(test, MAX_BLOCKS,
					      sizeof(*scribble), GFP_KERNEL);
	struct page **blocks = kunit_kcalloc(test, MAX_BLOCKS,
					     sizeof(*blocks), GFP_KERNEL);
	struct stripe *st;
	int c, pair, k;

	KUNIT_ASSERT_NOT_NULL(test, saved);
	KUNIT_ASSERT_NOT_NULL(test, scribble);
	KUNIT_ASSERT_NOT_NULL(test, blocks);
	st = stripe_alloc(test, 32);
	for (k = 0; k < 32; k++) {
		saved[k] = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, saved[k]);
	}
	for (c = 0; c < ARRAY_SIZE(disk_counts); c++) {
		int disks = disk_counts[c];
		/* a page on the CPU, less where the test engine is slow */
		size_t len = fx && disks > 8 ? 512 : PAGE_SIZE;
		unsigned int offs[MAX_BLOCKS];
		u8 *data[MAX_BLOCKS];

		st->n = disks;
		for (k = 0; k < disks; k++) {
			offs[k] = k & 1 ? 64 : 0;
			data[k] = blk_va(st->blk[k], offs[k]);
		}
		ref_pq(st, data, len, data[disks - 2], data[disks - 1]);
		for (k = 0; k < disks; k++)
			memcpy(saved[k], data[k], len);

		for (pair = 0; pair < disks * disks; pair++) {
			int a = pair / disks, b = pair % disks;
			struct async_submit_ctl submit;
			struct dma_async_tx_descriptor *tx;
			struct one_op op;
			bool datap = b == disks - 2 && a < disks - 2;
			int use_datap;

			if (b <= a)
				continue;

			for (use_datap = 0; use_datap <= datap; use_datap++) {
				memcpy(blocks, st->blk, disks * sizeof(*blocks));
				memset(data[a], 0x5a, len);
				memset(data[b], 0xa5, len);
				op_begin(&op, &submit, 0,
					 use_datap ? NULL : scribble);
				if (use_datap)
					tx = async_raid6_datap_recov(disks, len, a,
								     blocks, offs,
								     &submit);
				else
					tx = async_raid6_2data_recov(disks, len,
								     b, a, blocks,
								     offs, &submit);
				op_end(test, fx, &op, tx);
				EXPECT_SAME(test, data[a], saved[a], len,
					    "block %d of %d lost with %d (%s)",
					    a, disks, b, use_datap ? "datap" : "2data");
				EXPECT_SAME(test, data[b], saved[b], len,
					    "block %d of %d lost with %d (%s)",
					    b, disks, a, use_datap ? "datap" : "2data");
				/* the block list comes back as it was given */
				KUNIT_EXPECT_EQ(test, memcmp(blocks, st->blk,
							     disks * sizeof(blocks[0])), 0);
			}
		}
	}
	profile_check(test, fx, DMA_PQ);
}

/*
 * Any length and offset: below the raid6 library's unit, and longer
 * than a page (the library stands its zero page in for the lost
 * blocks, so it cannot take more than a page at a time), with a tail
 * beyond its units, at vector-aligned and odd offsets.  With and
 * without a missing (zero) data block, every kind of pair.
 */
static void recovery_any_length(struct kunit *test)
{
	struct fx_engine *fx = profile_engine(test);
	static const int disk_counts[] = { 4, 5, 8 };
	static const size_t lens[] = { 1, 100, 2 * PAGE_SIZE,
				       3 * PAGE_SIZE + 512,
				       3 * PAGE_SIZE + 100 };
	static const unsigned int offsets[] = { 0, 64, 5 };
	u8 *saved_a = kunit_kmalloc(test, BUF_SIZE, GFP_KERNEL);
	u8 *saved_b = kunit_kmalloc(test, BUF_SIZE, GFP_KERNEL);
	addr_conv_t *scribble = kunit_kcalloc(test, MAX_BLOCKS,
					      sizeof(*scribble), GFP_KERNEL);
	const int lim[] = { ARRAY_SIZE(disk_counts), ARRAY_SIZE(lens), 2, 5,
			    ARRAY_SIZE(offsets) };
	int idx[ARRAY_SIZE(lim)] = { };
	struct stripe *st;

	KUNIT_ASSERT_NOT_NULL(test, saved_a);
	KUNIT_ASSERT_NOT_NULL(test, saved_b);
	KUNIT_ASSERT_NOT_NULL(test, scribble);
	st = stripe_alloc(test, 8);
	do {
		int disks = disk_counts[idx[0]], hole = idx[2], kind = idx[3];
		size_t len = lens[idx[1]];
		struct page *blocks[8];
		unsigned int offs[8];
		u8 *data[8];
		struct async_submit_ctl submit;
		struct dma_async_tx_descriptor *tx;
		struct one_op op;
		int a, b, d, gap = -1;

		/*
		 * data+data, data+data apart, data+P through 2data, data+P,
		 * data+Q
		 */
		a = kind == 1 ? 1 : 0;
		b = kind == 0 ? 1 : kind == 1 ? disks - 3 :
		    kind == 4 ? disks - 1 : disks - 2;
		if (a >= b)
			continue;
		/* a data block outside the pair missing: reads as zeroes */
		if (hole) {
			for (d = 0; d < disks - 2 && gap < 0; d++)
				if (d != a && d != b)
					gap = d;
			if (gap < 0)
				continue;
		}
		st->n = disks;
		for (d = 0; d < disks; d++) {
			blocks[d] = d == gap ? NULL : st->blk[d];
			/* the odd offset on every other block */
			offs[d] = d & 1 ? offsets[idx[4]] : 0;
			data[d] = blocks[d] ? blk_va(st->blk[d], offs[d]) : NULL;
		}
		ref_pq(st, data, len, data[disks - 2], data[disks - 1]);
		memcpy(saved_a, data[a], len);
		memcpy(saved_b, data[b], len);
		memset(data[a], 0x5a, len);
		memset(data[b], 0xa5, len);
		op_begin(&op, &submit, 0, scribble);
		if (kind == 3)
			tx = async_raid6_datap_recov(disks, len, a, blocks,
						     offs, &submit);
		else
			tx = async_raid6_2data_recov(disks, len, a, b, blocks,
						     offs, &submit);
		op_end(test, fx, &op, tx);
		EXPECT_SAME(test, data[a], saved_a, len,
			    "block %d of %d with %d, len %zu, hole %d, offset %u",
			    a, disks, b, len, gap, offsets[idx[4]]);
		EXPECT_SAME(test, data[b], saved_b, len,
			    "block %d of %d with %d, len %zu, hole %d, offset %u",
			    b, disks, a, len, gap, offsets[idx[4]]);
	} while (next_case(idx, lim, ARRAY_SIZE(lim)));
}

/* ------------------------------------------------------------------ */
/* Chains                                                             */
/* ------------------------------------------------------------------ */

static void expect_order(struct kunit *test, struct cb_log *log, int n)
{
	int i;

	KUNIT_ASSERT_EQ(test, atomic_read(&log->count), n);
	KUNIT_ASSERT_GE(test, log->order_len, n);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, log->order[i], i + 1,
				    "callback %d ran as number %d", i + 1,
				    log->order[i]);
}

/* xor -> copy -> xor, each reading what the one before wrote */
static void run_xor_copy_xor(struct kunit *test, struct fx_engine **fxs,
			     int nr_fx)
{
	struct page *s[4], *x = test_block(test), *y = test_block(test);
	struct page *z = test_block(test), *srcs[3];
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl submit;
	struct cb_arg args[3];
	struct cb_log log;
	u8 *want = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	size_t at;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, want);
	for (i = 0; i < 4; i++)
		s[i] = test_block(test);
	for (at = 0; at < PAGE_SIZE; at++)
		want[at] = blk_va(s[0], 0)[at] ^ blk_va(s[1], 0)[at] ^
			   blk_va(s[2], 0)[at] ^ blk_va(s[3], 0)[at];
	cb_log_init(&log, 3);
	log.order = kunit_kcalloc(test, 3, sizeof(int), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, log.order);
	log.order_len = 3;
	for (i = 0; i < 3; i++)
		args[i] = (struct cb_arg){ &log, i + 1 };

	init_async_submit(&submit, ASYNC_TX_XOR_ZERO_DST, NULL, test_callback,
			  &args[0], NULL);
	tx = async_xor(x, s, 0, 3, PAGE_SIZE, &submit);
	init_async_submit(&submit, ASYNC_TX_FENCE, tx, test_callback, &args[1],
			  NULL);
	tx = async_memcpy(y, x, 0, 0, PAGE_SIZE, &submit);
	srcs[0] = y;
	srcs[1] = s[3];
	init_async_submit(&submit, ASYNC_TX_XOR_ZERO_DST | ASYNC_TX_ACK, tx,
			  test_callback, &args[2], NULL);
	tx = async_xor(z, srcs, 0, 2, PAGE_SIZE, &submit);
	wait_chain(test, &log);
	for (i = 0; i < nr_fx; i++)
		fx_quiet(fxs[i]);
	expect_order(test, &log, 3);
	EXPECT_SAME(test, blk_va(z, 0), want, PAGE_SIZE, "xor->copy->xor");
}

static void chain_xor_copy_xor(struct kunit *test)
{
	struct fx_engine *fx = profile_engine(test);

	run_xor_copy_xor(test, &fx, 1);
	if (fx) {
		KUNIT_EXPECT_EQ(test, atomic_read(&fx->violations), 0);
		KUNIT_EXPECT_GT(test, fx_executed(fx, DMA_MEMCPY), 0);
	}
}

/* The copy runs on another device than the xors: the chain crosses. */
static void chain_crosses_devices(struct kunit *test)
{
	static const struct fx_profile copier = {
		.name = "copier", .caps = BIT(DMA_MEMCPY), .descs = 8,
	};
	static const struct fx_profile xorer = {
		.name = "xorer", .caps = BIT(DMA_XOR), .max_xor = 4,
		.descs = 8,
	};
	struct fx_engine *fxs[2];

	fxs[0] = fx_create(test, &copier, 1);
	fxs[1] = fx_create(test, &xorer, 1);
	run_xor_copy_xor(test, fxs, 2);
	KUNIT_EXPECT_EQ(test, fx_executed(fxs[0], DMA_MEMCPY), 1);
	KUNIT_EXPECT_EQ(test, fx_executed(fxs[1], DMA_XOR), 2);
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
	const struct fx_profile xorer = {
		.name = "xorer",
		.caps = BIT(DMA_XOR) | (intr_cap ? BIT(DMA_INTERRUPT) : 0),
		.max_xor = 4, .descs = descs,
	};
	static const struct fx_profile copier = {
		.name = "copier", .caps = BIT(DMA_MEMCPY), .descs = 8,
	};
	struct fx_engine *a = fx_create(test, &xorer, 1);
	struct fx_engine *b = fx_create(test, &copier, 1);
	struct page *s[2] = { test_block(test), test_block(test) };
	struct page *x = test_block(test), *y = test_block(test);
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
		want[at] = blk_va(s[0], 0)[at] ^ blk_va(s[1], 0)[at];
	cb_log_init(&log, 1);
	arg = (struct cb_arg){ &log, 1 };

	init_async_submit(&submit, ASYNC_TX_XOR_ZERO_DST, NULL, NULL, NULL,
			  NULL);
	parent = async_xor(x, s, 0, 2, PAGE_SIZE, &submit);
	KUNIT_ASSERT_NOT_NULL(test, parent);
	KUNIT_EXPECT_EQ(test, !!(parent->flags & DMA_PREP_INTERRUPT),
			!intr_cap);
	init_async_submit(&submit, ASYNC_TX_ACK, parent, test_callback, &arg,
			  NULL);
	child = async_memcpy(y, x, 0, 0, PAGE_SIZE, &submit);
	KUNIT_ASSERT_NOT_NULL(test, child);
	wait_chain(test, &log);
	fx_quiet(a);
	fx_quiet(b);
	EXPECT_SAME(test, blk_va(y, 0), want, PAGE_SIZE, "copy of the xor");
	KUNIT_EXPECT_EQ(test, fx_executed(a, DMA_XOR), 1);
	KUNIT_EXPECT_EQ(test, fx_executed(b, DMA_MEMCPY), 1);
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

enum chain_op { C_COPY, C_SET, C_XOR, C_PQ, C_OPS };

#define POOL		8
#define CHAIN_LEN	120

/*
 * Random chains of every operation over a pool of blocks, each step
 * depending on the one before, replayed on shadow copies by byte loops.
 */
static void run_random_chain(struct kunit *test, struct fx_engine **fxs,
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
		pool[i] = test_block(test);
		shadow[i] = kunit_kmalloc(test, BUF_SIZE, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, shadow[i]);
		memcpy(shadow[i], page_address(pool[i]), BUF_SIZE);
	}
	cb_log_init(&log, CHAIN_LEN);
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
		init_async_submit(&submit, ASYNC_TX_FENCE, tx, test_callback,
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
				ref_pq_byte(d, 4, at, &d[4][at], &d[5][at]);
			tx = async_gen_syndrome(blocks, offs, 6, len, &submit);
			break;
		}
	}
	wait_chain(test, &log);
	for (i = 0; i < nr_fx; i++)
		fx_quiet(fxs[i]);
	if (tx)
		async_tx_ack(tx);
	expect_order(test, &log, CHAIN_LEN);
	for (i = 0; i < POOL; i++)
		EXPECT_SAME(test, page_address(pool[i]), shadow[i], BUF_SIZE,
			    "block %d after the chain", i);
}

static void random_chains_match_cpu_replay(struct kunit *test)
{
	struct fx_engine *fx = profile_engine(test);

	run_random_chain(test, &fx, 1);
	if (fx)
		KUNIT_EXPECT_EQ(test, atomic_read(&fx->violations), 0);
}

/* Two devices with different strengths and the CPU, in one chain. */
static void random_chains_cross_devices(struct kunit *test)
{
	static const struct fx_profile a = {
		.name = "a", .caps = BIT(DMA_MEMCPY) | BIT(DMA_MEMSET) |
				     BIT(DMA_XOR) | BIT(DMA_INTERRUPT),
		.max_xor = 2, .align = 6, .descs = 4,
	};
	static const struct fx_profile b = {
		.name = "b", .caps = BIT(DMA_XOR) | BIT(DMA_PQ),
		.max_xor = 4, .max_pq = 4, .descs = 16,
	};
	struct fx_engine *fxs[2];

	fxs[0] = fx_create(test, &a, 1);
	fxs[1] = fx_create(test, &b, 1);
	run_random_chain(test, fxs, 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&fxs[0]->violations), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&fxs[1]->violations), 0);
	KUNIT_EXPECT_GT(test, fx_executed(fxs[0], DMA_MEMCPY) +
			fx_executed(fxs[0], DMA_MEMSET), 0);
	KUNIT_EXPECT_GT(test, fx_executed(fxs[1], DMA_PQ), 0);
}

/* ------------------------------------------------------------------ */
/* Callbacks, acknowledgment, waiting                                 */
/* ------------------------------------------------------------------ */

static void trigger_callback_runs_last(struct kunit *test)
{
	struct fx_engine *fx = profile_engine(test);
	struct page *s[2] = { test_block(test), test_block(test) };
	struct page *x = test_block(test);
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl submit;
	struct cb_arg args[2];
	struct cb_log log;

	cb_log_init(&log, 2);
	log.order = kunit_kcalloc(test, 2, sizeof(int), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, log.order);
	log.order_len = 2;
	args[0] = (struct cb_arg){ &log, 1 };
	args[1] = (struct cb_arg){ &log, 2 };
	init_async_submit(&submit, ASYNC_TX_XOR_ZERO_DST, NULL, test_callback,
			  &args[0], NULL);
	tx = async_xor(x, s, 0, 2, PAGE_SIZE, &submit);
	init_async_submit(&submit, ASYNC_TX_ACK, tx, test_callback, &args[1],
			  NULL);
	tx = async_trigger_callback(&submit);
	wait_chain(test, &log);
	fx_quiet(fx);
	expect_order(test, &log, 2);

	/* nothing to wait for: the callback runs at once */
	cb_log_init(&log, 1);
	init_async_submit(&submit, 0, NULL, test_callback, &args[0], NULL);
	KUNIT_EXPECT_NULL(test, async_trigger_callback(&submit));
	KUNIT_EXPECT_EQ(test, atomic_read(&log.count), 1);
}

static void ack_follows_the_rules(struct kunit *test)
{
	static const struct fx_profile prof = {
		.name = "acks", .caps = BIT(DMA_MEMCPY), .descs = 4,
	};
	struct fx_engine *fx = fx_create(test, &prof, 1);
	struct page *a = test_block(test), *b = test_block(test);
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
	fx_quiet(fx);
	KUNIT_EXPECT_EQ(test, fx_executed(fx, DMA_MEMCPY), 2);
	EXPECT_SAME(test, blk_va(b, 64), blk_va(a, 0), 64, "copy back");
}

static void quiesce_waits_for_engine_work(struct kunit *test)
{
	struct fx_engine *fx = profile_engine(test);
	struct page *a = test_block(test), *b = test_block(test);
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl submit;

	init_async_submit(&submit, 0, NULL, NULL, NULL, NULL);
	tx = async_memcpy(a, b, 0, 0, PAGE_SIZE, &submit);
	KUNIT_EXPECT_EQ(test, !!tx, !!fx);
	async_tx_quiesce(&tx);
	KUNIT_EXPECT_NULL(test, tx);
	EXPECT_SAME(test, page_address(a), page_address(b), PAGE_SIZE,
		    "after quiesce");
	fx_quiet(fx);
}

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
	enum fx_fail_how how;
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
	{ "xor-aborted", DMA_XOR, 1, FX_FAIL_ABORTED },
	{ "pq-aborted-every-2nd", DMA_PQ, 2, FX_FAIL_ABORTED },
	{ "xor-unwritten", DMA_XOR, 1, FX_FAIL_UNWRITTEN },
	{ "pq-unwritten-every-2nd", DMA_PQ, 2, FX_FAIL_UNWRITTEN },
};

static void fault_desc(const struct fault_case *f, char *desc)
{
	strscpy(desc, f->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fault, faults, fault_desc);

/*
 * Updates in place (xor into a destination that is a source, P and Q
 * updated with a syndrome) are repaired when the engine never ran them
 * or says it wrote nothing.  When it may have written part of the
 * destination, the client that asked is told: -EIO in its error word.
 */
static void inplace_updates(struct kunit *test, struct fx_engine *fx,
			    struct stripe *st, addr_conv_t *scribble,
			    const struct fault_case *f)
{
	bool lost_xor = f->how == FX_FAIL_PARTIAL && f->type == DMA_XOR;
	bool lost_pq = f->how == FX_FAIL_PARTIAL && f->type == DMA_PQ;
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
		data[k] = blk_va(st->blk[k], 0);

	/* block 0 ^= block 1 */
	for (at = 0; at < PAGE_SIZE; at++)
		want_p[at] = data[0][at] ^ data[1][at];
	srcs[0] = st->blk[0];
	srcs[1] = st->blk[1];
	err = 0;
	op_begin(&op, &submit, ASYNC_TX_XOR_DROP_DST, NULL);
	submit.err = &err;
	op_end(test, fx, &op, async_xor(st->blk[0], srcs, 0, 2, PAGE_SIZE,
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
	ref_pq(st, &data[5], PAGE_SIZE, want_p, want_q);
	for (at = 0; at < PAGE_SIZE; at++) {
		want_p[at] ^= data[6][at];
		want_q[at] ^= data[7][at];
	}
	err = 0;
	op_begin(&op, &submit, ASYNC_TX_PQ_XOR_DST, scribble);
	submit.err = &err;
	op_end(test, fx, &op, async_gen_syndrome(&st->blk[5], st->off, 3,
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
	static const struct fx_profile prof = {
		.name = "faulty", .caps = FX_ALL, .max_xor = 5, .max_pq = 4,
		.descs = 32,
	};
	const struct fault_case *f = test->param_value;
	struct fx_engine *fx = fx_create(test, &prof, 1);
	struct page *spare = test_block(test);
	addr_conv_t *scribble = kunit_kcalloc(test, MAX_BLOCKS,
					      sizeof(*scribble), GFP_KERNEL);
	u8 *want = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	u8 *data[MAX_BLOCKS], want_q[64];
	struct stripe *st;
	int round, k;

	KUNIT_ASSERT_NOT_NULL(test, scribble);
	KUNIT_ASSERT_NOT_NULL(test, want);
	fx->fail_type = f->type;
	fx->fail_every = f->every;
	fx->fail_how = f->how;
	st = stripe_alloc(test, 8);
	for (k = 0; k < 8; k++)
		data[k] = blk_va(st->blk[k], 0);

	for (round = 0; round < 4; round++) {
		enum sum_check_flags res = ~0;
		struct async_submit_ctl submit;
		struct one_op op;
		size_t at;

		/* memcpy and memset */
		memcpy(want, data[1], PAGE_SIZE);
		op_begin(&op, &submit, 0, NULL);
		op_end(test, fx, &op, async_memcpy(st->blk[0], st->blk[1], 0, 0,
						   PAGE_SIZE, &submit));
		EXPECT_SAME(test, data[0], want, PAGE_SIZE, "memcpy %d", round);
		memset(want, round, PAGE_SIZE);
		op_begin(&op, &submit, 0, NULL);
		op_end(test, fx, &op, async_memset(st->blk[0], round, 0,
						   PAGE_SIZE, &submit));
		EXPECT_SAME(test, data[0], want, PAGE_SIZE, "memset %d", round);

		/* a seven-source xor: two passes on this engine */
		for (at = 0; at < PAGE_SIZE; at++)
			want[at] = data[1][at] ^ data[2][at] ^ data[3][at] ^
				   data[4][at] ^ data[5][at] ^ data[6][at] ^
				   data[7][at];
		op_begin(&op, &submit, ASYNC_TX_XOR_ZERO_DST, NULL);
		op_end(test, fx, &op, async_xor(st->blk[0], &st->blk[1], 0, 7,
						PAGE_SIZE, &submit));
		EXPECT_SAME(test, data[0], want, PAGE_SIZE, "xor %d", round);

		/* five blocks with block 0 their parity: the check passes */
		for (at = 0; at < PAGE_SIZE; at++)
			data[0][at] = data[1][at] ^ data[2][at] ^ data[3][at] ^
				      data[4][at];
		res = ~0;
		op_begin(&op, &submit, 0, NULL);
		op_end(test, fx, &op, async_xor_val(st->blk[0], st->blk, 0, 5,
						    PAGE_SIZE, &res, &submit));
		KUNIT_EXPECT_EQ_MSG(test, res, 0, "xor_val %d", round);
		data[2][round] ^= 4;
		res = 0;
		op_begin(&op, &submit, 0, NULL);
		op_end(test, fx, &op, async_xor_val(st->blk[0], st->blk, 0, 5,
						    PAGE_SIZE, &res, &submit));
		KUNIT_EXPECT_EQ_MSG(test, res, SUM_CHECK_P_RESULT,
				    "xor_val of bad parity %d", round);
		data[2][round] ^= 4;

		/* P and Q of six data blocks: three passes here */
		st->n = 8;
		ref_pq(st, data, 64, want, want_q);
		op_begin(&op, &submit, 0, scribble);
		op_end(test, fx, &op, async_gen_syndrome(st->blk, st->off, 8,
							 PAGE_SIZE, &submit));
		EXPECT_SAME(test, data[6], want, 64, "P %d", round);
		EXPECT_SAME(test, data[7], want_q, 64, "Q %d", round);

		/* a four-data stripe (blocks 2..7) checks in one descriptor */
		st->n = 6;
		ref_pq(st, &data[2], PAGE_SIZE, data[6], data[7]);
		res = ~0;
		op_begin(&op, &submit, 0, scribble);
		op_end(test, fx, &op, async_syndrome_val(&st->blk[2], st->off,
							 6, PAGE_SIZE, &res,
							 spare, 0, &submit));
		KUNIT_EXPECT_EQ_MSG(test, res, 0, "pq_val %d", round);
		data[3][round] ^= 0x10;
		res = 0;
		op_begin(&op, &submit, 0, scribble);
		op_end(test, fx, &op, async_syndrome_val(&st->blk[2], st->off,
							 6, PAGE_SIZE, &res,
							 spare, 0, &submit));
		KUNIT_EXPECT_EQ_MSG(test, res,
				    SUM_CHECK_P_RESULT | SUM_CHECK_Q_RESULT,
				    "pq_val of a bad stripe %d", round);
		data[3][round] ^= 0x10;
	}
	/* which descriptor fails is only known when all of the type do */
	if (f->how != FX_FAIL_PARTIAL || f->every == 1)
		inplace_updates(test, fx, st, scribble, f);
	/* and a chain whose steps fail on the way */
	run_random_chain(test, &fx, 1);
	KUNIT_EXPECT_GT(test, atomic_read(&fx->failed), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&fx->violations), 0);
}

static int async_tx_suite_init(struct kunit_suite *suite)
{
	gf_tables_init();
	return 0;
}

static struct kunit_case async_tx_op_cases[] = {
	KUNIT_CASE_PARAM(memcpy_matches_reference, profile_gen_params),
	KUNIT_CASE_PARAM(memset_matches_reference, profile_gen_params),
	KUNIT_CASE_PARAM(xor_matches_reference, profile_gen_params),
	KUNIT_CASE_PARAM(xor_val_detects_each_flipped_bit, profile_gen_params),
	KUNIT_CASE_PARAM(gen_syndrome_matches_reference, profile_gen_params),
	KUNIT_CASE_PARAM(syndrome_val_detects_each_flipped_bit,
			 profile_gen_params),
	KUNIT_CASE_PARAM(recovery_rebuilds_every_pair, profile_gen_params),
	KUNIT_CASE_PARAM(recovery_any_length, profile_gen_params),
	{}
};

static struct kunit_suite async_tx_op_suite = {
	.name = "async_tx_ops",
	.suite_init = async_tx_suite_init,
	.test_cases = async_tx_op_cases,
};

static struct kunit_case async_tx_chain_cases[] = {
	KUNIT_CASE_PARAM(chain_xor_copy_xor, profile_gen_params),
	KUNIT_CASE(chain_crosses_devices),
	KUNIT_CASE(chain_wakes_quiet_parent),
	KUNIT_CASE(chain_waits_for_quiet_parent),
	KUNIT_CASE(chain_parent_without_interrupts),
	KUNIT_CASE_PARAM(random_chains_match_cpu_replay, profile_gen_params),
	KUNIT_CASE(random_chains_cross_devices),
	KUNIT_CASE_PARAM(trigger_callback_runs_last, profile_gen_params),
	KUNIT_CASE(ack_follows_the_rules),
	KUNIT_CASE_PARAM(quiesce_waits_for_engine_work, profile_gen_params),
	{}
};

static struct kunit_suite async_tx_chain_suite = {
	.name = "async_tx_chains",
	.suite_init = async_tx_suite_init,
	.test_cases = async_tx_chain_cases,
};

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
	static const struct fx_profile prof = {
		.name = "hangs", .caps = BIT(DMA_MEMCPY) | BIT(DMA_INTERRUPT),
		.descs = 8,
	};
	struct fx_engine *fx = fx_create(test, &prof, 1);
	struct page *src = test_block(test), *mid = test_block(test);
	struct page *dst = test_block(test), *xs[2] = { mid, src };
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
	cb_log_init(&log, 2);
	args[0] = (struct cb_arg){ &log, 1 };
	args[1] = (struct cb_arg){ &log, 2 };
	/* the copy makes mid == src, so the xor gives zeroes */
	memcpy(want, blk_va(dst, 0), PAGE_SIZE);
	if (!deaf)
		memset(want, 0, PAGE_SIZE);

	init_async_submit(&submit, 0, NULL, test_callback, &args[0], NULL);
	submit.err = &err;
	tx = async_memcpy(mid, src, 0, 0, PAGE_SIZE, &submit);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	init_async_submit(&submit, ASYNC_TX_FENCE | ASYNC_TX_XOR_ZERO_DST, tx,
			  test_callback, &args[1], NULL);
	submit.err = &err;
	tx = async_xor(dst, xs, 0, 2, PAGE_SIZE, &submit);
	KUNIT_EXPECT_NULL(test, tx);
	KUNIT_EXPECT_EQ(test, atomic_read(&log.count), deaf ? 1 : 2);
	KUNIT_EXPECT_EQ(test, async_tx_stat_sum(ASYNC_STAT_TIMEOUT),
			timeouts + 1);
	KUNIT_EXPECT_EQ(test, err, deaf ? -ETIMEDOUT : 0);
	for (i = 0; i < PAGE_SIZE && blk_va(dst, 0)[i] == want[i]; i++)
		;
	KUNIT_EXPECT_EQ_MSG(test, i, PAGE_SIZE, deaf ?
			    "the xor ran over a buffer the engine still holds" :
			    "the xor read the copy's result before its repair");
	/* let the hung copy go, so that nothing is left behind */
	fx->deaf = false;
	fx->hung = false;
	fx_issue_pending(&fx->chans[0].chan);
	fx_quiet(fx);
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

static struct kunit_case async_tx_error_cases[] = {
	KUNIT_CASE_PARAM(engine_errors_are_repaired, fault_gen_params),
	KUNIT_CASE(wait_runs_out_and_stops_engine),
	KUNIT_CASE(wait_runs_out_on_engine_that_cannot_stop),
	{}
};

static struct kunit_suite async_tx_error_suite = {
	.name = "async_tx_errors",
	.suite_init = async_tx_suite_init,
	.test_cases = async_tx_error_cases,
};

kunit_test_suites(&async_tx_op_suite, &async_tx_chain_suite,
		  &async_tx_error_suite);

MODULE_DESCRIPTION("KUnit tests for async_tx");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(ASYNC_TX);
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
