// SPDX-License-Identifier: GPL-2.0-only
/*
 * fx, a dmaengine provider for KUnit tests; see
 * include/linux/dma/test_engine.h for what it offers a test.
 *
 * Each channel keeps its descriptors on five lists: free, pending
 * (submitted), issued, ran (executed, not yet cleaned up) and done
 * (cleaned up, not yet acknowledged).  One runner at a time executes
 * what was issued and then cleans up what an interrupt covers (or
 * everything, when polled), from the channel's work item or from
 * tx_status.  Data moves through the buffers' bus addresses as a device
 * would see them; P and Q use a GF(2^8) multiply of the engine's own,
 * not the tables of the tests that check its results.
 *
 * LOCKING
 * dma_fx_chan.lock protects the lists and the running flag; it is taken
 * with interrupts off.  Callbacks run without it.
 */

#include <kunit/device.h>
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/dma-direct.h>
#include <linux/dma-mapping.h>
#include <linux/dma/test_engine.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "../dmaengine.h"

struct dma_fx_desc {
	struct dma_async_tx_descriptor txd;
	struct list_head node;
	enum dma_transaction_type type;
	dma_addr_t dst[2];
	dma_addr_t src[DMA_FX_MAX_SRC];
	u8 coef[DMA_FX_MAX_SRC];
	unsigned int src_cnt;
	size_t len;
	int value;
	unsigned long flags;
	enum sum_check_flags *result;
	enum dmaengine_tx_result res;
	enum dmaengine_tx_result inject;
	u32 residue;
};

static struct dma_fx_chan *to_fx_chan(struct dma_chan *chan)
{
	return container_of(chan, struct dma_fx_chan, chan);
}

static struct dma_fx_desc *to_fx_desc(struct dma_async_tx_descriptor *txd)
{
	return container_of(txd, struct dma_fx_desc, txd);
}

static u8 *fx_va(struct dma_fx *fx, dma_addr_t addr)
{
	return phys_to_virt(dma_to_phys(fx->dev, addr));
}

/* Give acknowledged finished descriptors back to the free list. */
static void fx_reap(struct dma_fx_chan *fc)
{
	struct dma_fx_desc *d, *n;

	lockdep_assert_held(&fc->lock);
	list_for_each_entry_safe(d, n, &fc->done, node)
		if (async_tx_test_ack(&d->txd))
			list_move_tail(&d->node, &fc->free);
}

static dma_cookie_t fx_tx_submit(struct dma_async_tx_descriptor *txd)
{
	struct dma_fx_chan *fc = to_fx_chan(txd->chan);
	unsigned long flags;
	dma_cookie_t cookie;

	/* queued and numbered together: the order of cookies is the queue's */
	spin_lock_irqsave(&fc->lock, flags);
	list_add_tail(&to_fx_desc(txd)->node, &fc->pending);
	cookie = dma_cookie_assign(txd);
	spin_unlock_irqrestore(&fc->lock, flags);
	return cookie;
}

static struct dma_fx_desc *fx_get(struct dma_chan *chan,
				  enum dma_transaction_type type, size_t len,
				  unsigned long flags)
{
	struct dma_fx_chan *fc = to_fx_chan(chan);
	struct dma_fx_desc *d = NULL;
	unsigned long irqflags;

	spin_lock_irqsave(&fc->lock, irqflags);
	fx_reap(fc);
	if (!list_empty(&fc->free)) {
		d = list_first_entry(&fc->free, struct dma_fx_desc, node);
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
	d->inject = READ_ONCE(fc->next_result);
	return d;
}

static bool fx_check(struct dma_fx *fx, bool ok)
{
	if (!ok)
		atomic_inc(&fx->violations);
	return ok;
}

static struct dma_async_tx_descriptor *
fx_prep_memcpy(struct dma_chan *chan, dma_addr_t dst, dma_addr_t src,
	       size_t len, unsigned long flags)
{
	struct dma_fx_desc *d = fx_get(chan, DMA_MEMCPY, len, flags);

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
	struct dma_fx_desc *d = fx_get(chan, DMA_MEMSET, len, flags);

	if (!d)
		return NULL;
	d->dst[0] = dst;
	d->value = value;
	return &d->txd;
}

/* Addresses off the advertised alignment are a client bug. */
static bool fx_aligned(struct dma_fx *fx, u8 align, dma_addr_t *addr,
		       unsigned int cnt)
{
	unsigned int i;

	for (i = 0; i < cnt; i++)
		if (addr[i] & ((1UL << align) - 1))
			return fx_check(fx, false);
	return true;
}

/* A source count outside what the engine advertised is a client bug. */
static bool fx_srcs_ok(struct dma_fx *fx, unsigned int cnt, int max,
		       unsigned int min)
{
	return fx_check(fx, cnt >= min && cnt <= max && cnt <= DMA_FX_MAX_SRC);
}

static void fx_srcs(struct dma_fx_desc *d, dma_addr_t *src, unsigned int cnt)
{
	memcpy(d->src, src, cnt * sizeof(*src));
	d->src_cnt = cnt;
}

static struct dma_async_tx_descriptor *
fx_prep_xor(struct dma_chan *chan, dma_addr_t dst, dma_addr_t *src,
	    unsigned int cnt, size_t len, unsigned long flags)
{
	struct dma_fx *fx = to_fx_chan(chan)->fx;
	struct dma_fx_desc *d;

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
	struct dma_fx *fx = to_fx_chan(chan)->fx;
	struct dma_fx_desc *d;

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
	struct dma_fx *fx = to_fx_chan(chan)->fx;
	struct dma_fx_desc *d;

	/*
	 * two sources at least unless P and Q go on, or one source is
	 * multiplied into Q alone, as I/OAT requires
	 */
	if (!fx_srcs_ok(fx, cnt, dma_maxpq(&fx->dma, flags),
			flags & (DMA_PREP_CONTINUE | DMA_PREP_PQ_DISABLE_P) ?
			1 : 2) ||
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
	struct dma_fx *fx = to_fx_chan(chan)->fx;
	struct dma_fx_desc *d;

	if (!fx_srcs_ok(fx, cnt, dma_maxpq(&fx->dma, flags), 2))
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
	struct dma_fx_desc *d = fx_get(chan, DMA_INTERRUPT, 0, flags);

	return d ? &d->txd : NULL;
}

/* a * b in GF(2^8) with the raid6 polynomial, by shift and add */
static u8 fx_gf_mul(u8 a, u8 b)
{
	u8 r = 0;

	while (b) {
		if (b & 1)
			r ^= a;
		a = (a << 1) ^ (a & 0x80 ? 0x1d : 0);
		b >>= 1;
	}
	return r;
}

/* Run one descriptor on the "hardware": the buffers, by bus address. */
static void fx_execute(struct dma_fx *fx, struct dma_fx_desc *d)
{
	bool no_p = d->flags & DMA_PREP_PQ_DISABLE_P;
	bool no_q = d->flags & DMA_PREP_PQ_DISABLE_Q;
	bool cont = d->flags & DMA_PREP_CONTINUE;
	u8 *src[DMA_FX_MAX_SRC], *p = NULL, *q = NULL;
	enum sum_check_flags res = 0;
	unsigned int s;
	size_t i;

	if (fx->dataless)
		return;
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
				vq ^= fx_gf_mul(d->coef[s], src[s][i]);
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

static bool fx_should_fail(struct dma_fx *fx, struct dma_fx_desc *d)
{
	if (!fx->fail_every || d->type != fx->fail_type)
		return false;
	return atomic_inc_return(&fx->seen) % fx->fail_every == 0;
}

/* Fail @d as the engine is told to. */
static void fx_fail(struct dma_fx *fx, struct dma_fx_desc *d)
{
	d->residue = 0;
	switch (fx->fail_how) {
	case DMA_FX_FAIL_ABORTED:
		d->res = DMA_TRANS_ABORTED;
		return;
	case DMA_FX_FAIL_UNWRITTEN:
		d->res = DMA_TRANS_WRITE_FAILED;
		d->residue = d->len;
		return;
	case DMA_FX_FAIL_PARTIAL:
		d->res = DMA_TRANS_WRITE_FAILED;
		break;
	}
	/* part of the destination written, and wrong */
	if (!fx->dataless &&
	    (d->type == DMA_MEMCPY || d->type == DMA_MEMSET ||
	     d->type == DMA_XOR ||
	     (d->type == DMA_PQ && !(d->flags & DMA_PREP_PQ_DISABLE_P)))) {
		u8 *dst = fx_va(fx, d->dst[0]);

		fx_execute(fx, d);
		dst[0] ^= 0x5a;
	}
}

/* What the engine ran, for the test and for the channel's sysfs counters. */
static void fx_count(struct dma_fx_chan *fc, struct dma_fx_desc *d)
{
	struct dma_chan_percpu __percpu *local = READ_ONCE(fc->chan.local);

	atomic_inc(&fc->fx->executed[d->type]);
	if (local)
		this_cpu_add(local->bytes_transferred, d->len);
}

/*
 * The descriptors of @fc->ran an interrupt covers: up to the last one
 * prepared with DMA_PREP_INTERRUPT or failed; all of them when @poll or
 * the engine is not lazy.  NULL when none.
 */
static struct dma_fx_desc *fx_cleanup_upto(struct dma_fx_chan *fc, bool poll)
{
	struct dma_fx_desc *d, *last = NULL;

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
static void fx_run(struct dma_fx_chan *fc, bool poll)
{
	struct dma_fx *fx = fc->fx;
	struct dma_fx_desc *d, *n, *last;
	unsigned long flags;
	LIST_HEAD(batch);

	spin_lock_irqsave(&fc->lock, flags);
	if (fc->running) {
		spin_unlock_irqrestore(&fc->lock, flags);
		return;
	}
	fc->running = true;
	for (;;) {
		if (!list_empty(&fc->issued) && !READ_ONCE(fx->hung) &&
		    !READ_ONCE(fc->stalled)) {
			list_splice_tail_init(&fc->issued, &batch);
			spin_unlock_irqrestore(&fc->lock, flags);

			list_for_each_entry(d, &batch, node) {
				d->res = DMA_TRANS_NOERROR;
				/* an error halts the channel: the rest is dropped */
				if (fc->halted) {
					d->res = DMA_TRANS_ABORTED;
				} else if (d->inject != DMA_TRANS_NOERROR) {
					fc->halted = true;
					d->res = d->inject;
					d->residue = d->len;
					atomic_inc(&fx->failed);
				} else if (fx_should_fail(fx, d)) {
					fc->halted = true;
					fx_fail(fx, d);
					atomic_inc(&fx->failed);
				} else {
					fx_execute(fx, d);
					fx_count(fc, d);
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
			if (d->res != DMA_TRANS_NOERROR)
				fc->failed_cookie = d->txd.cookie;
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
	struct dma_fx_chan *fc = container_of(work, struct dma_fx_chan, work);

	fx_run(fc, READ_ONCE(fc->drain));
}

static void fx_issue_pending(struct dma_chan *chan)
{
	struct dma_fx_chan *fc = to_fx_chan(chan);
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
	struct dma_fx_chan *fc = to_fx_chan(chan);
	enum dma_status status;
	unsigned long flags;

	fx_run(fc, true);
	spin_lock_irqsave(&fc->lock, flags);
	status = dma_cookie_status(chan, cookie, state);
	if (status == DMA_COMPLETE && cookie == fc->failed_cookie)
		status = DMA_ERROR;
	spin_unlock_irqrestore(&fc->lock, flags);
	return status;
}

/* A hung engine drops what it was issued, unless it is deaf too. */
static int fx_terminate_all(struct dma_chan *chan)
{
	struct dma_fx_chan *fc = to_fx_chan(chan);
	struct dma_fx_desc *d;
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
	struct dma_fx_chan *fc = to_fx_chan(chan);

	fc->alloc_calls++;
	dma_cookie_init(chan);
	return fc->fx->descs;
}

/* The core holds its lock here: the callbacks run from the work item. */
static void fx_free_chan_resources(struct dma_chan *chan)
{
	struct dma_fx_chan *fc = to_fx_chan(chan);

	WRITE_ONCE(fc->drain, true);
	schedule_work(&fc->work);
	flush_work(&fc->work);
	WRITE_ONCE(fc->drain, false);
	fc->free_calls++;
}

static void fx_release(struct dma_device *dma)
{
	WRITE_ONCE(container_of(dma, struct dma_fx, dma)->released, true);
}

static void fx_chan_init(struct dma_fx *fx, struct dma_fx_chan *fc)
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

/**
 * dma_fx_unregister() - take an engine away from the core
 * @fx: an engine registered with dma_fx_register(), or one that was
 *	unregistered already (nothing happens)
 *
 * What its channels still hold is run and cleaned up first, so that no
 * work item of the engine outlives its registration.
 *
 * Context: process context; sleeps.
 */
void dma_fx_unregister(struct dma_fx *fx)
{
	int i;

	if (!fx->registered)
		return;
	for (i = 0; i < fx->nr_chans; i++)
		flush_work(&fx->chans[i].work);
	dma_async_device_unregister(&fx->dma);
	fx->registered = false;
	for (i = 0; i < fx->nr_chans; i++)
		flush_work(&fx->chans[i].work);
}
EXPORT_SYMBOL_GPL(dma_fx_unregister);

static void fx_unregister_action(void *data)
{
	dma_fx_unregister(data);
}

/**
 * dma_fx_init() - make an engine for the running test, not registered
 * @test: the test; the engine's memory is the test's
 * @prof: what the engine can do
 * @nr_chans: its channels, at most %DMA_FX_MAX_CHANS
 *
 * The test may change the device (to see the core refuse it, say) before
 * it registers it, with dma_fx_register() or by itself.  Every prep
 * callback is filled in whatever @prof's capabilities are.  Fails the
 * test (an assertion) when the engine cannot be made.
 *
 * Context: process context; sleeps.
 * Return: the engine.
 */
struct dma_fx *dma_fx_init(struct kunit *test,
			   const struct dma_fx_profile *prof, int nr_chans)
{
	static atomic_t instances = ATOMIC_INIT(0);
	struct dma_fx *fx;
	struct dma_device *dma;
	char name[32];
	int i, j;

	KUNIT_ASSERT_LE(test, nr_chans, DMA_FX_MAX_CHANS);
	fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx);
	snprintf(name, sizeof(name), "dma-fx-%d",
		 atomic_inc_return(&instances));
	fx->dev = kunit_device_register(test, name);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, fx->dev);
	fx->dev->dma_mask = &fx->dev->coherent_dma_mask;
	KUNIT_ASSERT_EQ(test, dma_set_mask_and_coherent(fx->dev,
							DMA_BIT_MASK(64)), 0);
	fx->descs = prof->descs;
	fx->nr_chans = nr_chans;
	fx->dataless = prof->dataless;

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
	dma->device_release = fx_release;

	for (i = 0; i < nr_chans; i++) {
		struct dma_fx_chan *fc = &fx->chans[i];

		fx_chan_init(fx, fc);
		for (j = 0; j < prof->descs; j++) {
			struct dma_fx_desc *d = kunit_kzalloc(test, sizeof(*d),
							      GFP_KERNEL);

			KUNIT_ASSERT_NOT_NULL(test, d);
			list_add_tail(&d->node, &fc->free);
		}
		fc->chan.device = dma;
		list_add_tail(&fc->chan.device_node, &dma->channels);
	}
	return fx;
}
EXPORT_SYMBOL_GPL(dma_fx_init);

/**
 * dma_fx_register() - register an engine until the test ends
 * @test: the test
 * @fx: an engine from dma_fx_init()
 *
 * Fails the test (an assertion) when the core refuses the engine.
 *
 * Context: process context; sleeps.
 */
void dma_fx_register(struct kunit *test, struct dma_fx *fx)
{
	KUNIT_ASSERT_EQ(test, dma_async_device_register(&fx->dma), 0);
	fx->registered = true;
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							fx_unregister_action,
							fx), 0);
}
EXPORT_SYMBOL_GPL(dma_fx_register);

/**
 * dma_fx_create() - make and register an engine for the running test
 * @test: the test; the engine is unregistered when it ends
 * @prof: what the engine can do
 * @nr_chans: its channels, at most %DMA_FX_MAX_CHANS
 *
 * dma_fx_init() then dma_fx_register().
 *
 * Context: process context; sleeps.
 * Return: the engine, registered with the dmaengine core.
 */
struct dma_fx *dma_fx_create(struct kunit *test,
			     const struct dma_fx_profile *prof, int nr_chans)
{
	struct dma_fx *fx = dma_fx_init(test, prof, nr_chans);

	dma_fx_register(test, fx);
	return fx;
}
EXPORT_SYMBOL_GPL(dma_fx_create);

/**
 * dma_fx_quiet() - wait until no callback of an engine is still to come
 * @fx: the engine, or NULL (nothing to wait for)
 *
 * Runs and cleans up, as a poll does, whatever every channel holds.
 *
 * Context: process context; sleeps.
 */
void dma_fx_quiet(struct dma_fx *fx)
{
	int i;

	if (!fx)
		return;
	for (i = 0; i < fx->nr_chans; i++) {
		flush_work(&fx->chans[i].work);
		fx_run(&fx->chans[i], true);
	}
}
EXPORT_SYMBOL_GPL(dma_fx_quiet);

MODULE_DESCRIPTION("fx: a dmaengine provider for KUnit tests");
MODULE_LICENSE("GPL");
