// SPDX-License-Identifier: GPL-2.0-only
/*
 * dmasim: a dmaengine driver for simulated offload engines.
 *
 * Each instance is a platform device whose properties describe an engine
 * (capabilities, limits, alignment, channels, ring size, timing), made
 * from a profile with any parameter overridden.  Probe builds the
 * "hardware" (hw.c) and drives it as a real driver drives its engine:
 * prepared descriptors are written into the ring on submit, the doorbell
 * is rung on issue_pending, the interrupt schedules cleanup, and cleanup
 * completes cookies in ring order, passes each result to the callback,
 * runs dependencies and recycles acknowledged descriptors.  A watchdog
 * resets a channel that stopped, completing what it held as aborted.
 *
 * Instances (instance.c) come from the "devices" module parameter (also
 * on the kernel command line, dmasim.devices=) and from the driver's
 * new_device and del_device attributes in sysfs; see
 * Documentation/driver-api/dmaengine/dmasim.rst.
 *
 * An instance may be deleted while clients still hold its descriptors:
 * prepared and not yet submitted, parked by async_tx behind work on
 * another engine, or completed and not yet acknowledged.  Descriptor
 * memory is the instance's own, freed only when the dmaengine core has
 * released the device and every descriptor is free or acknowledged; a
 * descriptor submitted after the engine is gone completes, from a work
 * item, as aborted, so that its client recomputes it.
 *
 * LOCKING
 * dmasim_chan.lock protects a channel's descriptor lists, its tail,
 * the ring entries not yet handed to the engine, the state and unmap
 * data of its descriptors once the instance is dead, and the orphans;
 * it is taken with interrupts off.  dmasim_chan.cleanup_lock is held
 * by the cleanup tasklet, the one context that delivers completions,
 * across the client callbacks it runs (pollers only collect, under
 * dmasim_chan.lock).  instance.c has the instance list's lock.
 */

#include <linux/debugfs.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/idr.h>
#include <linux/interrupt.h>
#include <linux/kref.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include "../dmaengine.h"
#include "dmasim.h"
#include "drv.h"
#include "hw.h"

#define DMASIM_WATCHDOG_MS	100
#define DMASIM_DRAIN_MS		5000

struct dmasim_dev;

/**
 * struct dmasim_desc - a software descriptor
 * @txd: the dmaengine descriptor
 * @node: entry in one of the channel's lists
 * @hw: the hardware descriptor, written into the ring on submit
 * @slot: its ring index once submitted
 * @result: where a check's verdict goes, or NULL
 * @res: what the engine reported, once collected
 * @state: enum dmasim_desc_state
 */
struct dmasim_desc {
	struct dma_async_tx_descriptor txd;
	struct list_head node;
	struct dmasim_hwdesc hw;
	u32 slot;
	enum sum_check_flags *result;
	struct dmaengine_result res;
	u8 state;
};

/* Where a descriptor is in its life. */
enum dmasim_desc_state {
	DMASIM_D_FREE,		/* on the free list */
	DMASIM_D_PREP,		/* the client's: prepared, not submitted */
	DMASIM_D_QUEUED,	/* submitted, not completed */
	DMASIM_D_DONE,		/* completed, waiting for its acknowledgment */
};

/**
 * struct dmasim_chan - a channel
 * @chan: the dmaengine channel
 * @sd: the instance
 * @id: the hardware channel number
 * @lock: see LOCKING
 * @free: descriptors ready for prep
 * @submitted: submitted, in ring order, not yet executed
 * @completed: executed, cookie complete, callback not yet run
 * @done: cleaned up, waiting for their acknowledgment
 * @tail: the next ring slot
 * @rung: the tail last given to the doorbell
 * @cleanup_lock: see LOCKING
 * @cleanup: the bottom half of the interrupt
 * @watchdog: resets a channel that stopped
 * @idle: woken when cleanup has completed everything submitted
 * @orphans: submitted after the instance died, to complete as aborted
 * @descs: the descriptors
 */
struct dmasim_chan {
	struct dma_chan chan;
	struct dmasim_dev *sd;
	unsigned int id;
	spinlock_t lock;		/* lists, tail, ring; see LOCKING */
	struct list_head free;
	struct list_head submitted;
	struct list_head completed;
	struct list_head done;
	u32 tail;
	u32 rung;
	spinlock_t cleanup_lock;	/* held while delivering; see LOCKING */
	struct tasklet_struct cleanup;
	struct timer_list watchdog;
	wait_queue_head_t idle;
	struct list_head orphans;
	struct dmasim_desc *descs;
};

/**
 * struct dmasim_dev - an instance
 * @dma: the dmaengine device
 * @pdev: its platform device
 * @hw: the simulated engine
 * @chans: its channels
 * @nr_chans: how many
 * @ring_size: descriptors per channel
 * @issue_threshold: ring the doorbell from tx_submit once this many
 *	submitted descriptors wait (0: only issue_pending rings it)
 * @exhaust: while not zero, prep finds no descriptor
 * @dead: unregistered; prep refuses
 * @gone: the engine is taken apart; nothing may touch it
 * @debugfs: its debugfs directory
 * @orphan_work: completes the orphans of a dead instance
 * @reaper: after remove, frees the instance once no descriptor is in use
 * @refs: one for the driver until remove ends, one for the dmaengine
 *	device until the core releases it, one while descriptors of a
 *	removed instance are still in use
 */
struct dmasim_dev {
	struct dma_device dma;
	struct platform_device *pdev;
	struct dmasim_hw *hw;
	struct dmasim_chan chans[DMASIM_MAX_CHANS];
	unsigned int nr_chans;
	unsigned int ring_size;
	unsigned int issue_threshold;
	u32 exhaust;
	bool dead;
	bool gone;
	struct dentry *debugfs;
	struct work_struct orphan_work;
	struct delayed_work reaper;
	struct kref refs;
};

struct dentry *dmasim_debugfs;

static struct dmasim_chan *to_sc(struct dma_chan *chan)
{
	return container_of(chan, struct dmasim_chan, chan);
}

static struct dmasim_desc *to_sdesc(struct dma_async_tx_descriptor *txd)
{
	return container_of(txd, struct dmasim_desc, txd);
}

/* ------------------------------------------------------------------ */
/* Submission                                                         */
/* ------------------------------------------------------------------ */

static dma_cookie_t dmasim_tx_submit(struct dma_async_tx_descriptor *txd)
{
	struct dmasim_chan *sc = to_sc(txd->chan);
	struct dmasim_desc *d = to_sdesc(txd);
	unsigned int threshold = sc->sd->issue_threshold;
	struct dmasim_hwdesc *ring;
	unsigned long flags;
	dma_cookie_t cookie;
	bool rang = false;

	spin_lock_irqsave(&sc->lock, flags);
	cookie = dma_cookie_assign(txd);
	d->state = DMASIM_D_QUEUED;
	if (unlikely(sc->sd->dead)) {
		/* the engine is gone: complete it as aborted */
		list_add_tail(&d->node, &sc->orphans);
		spin_unlock_irqrestore(&sc->lock, flags);
		schedule_work(&sc->sd->orphan_work);
		return cookie;
	}
	ring = dmasim_hw_ring(sc->sd->hw, sc->id);
	d->slot = sc->tail++;
	ring[d->slot % sc->sd->ring_size] = d->hw;
	list_add_tail(&d->node, &sc->submitted);
	/* enough is waiting: the driver rings by itself, as real ones do */
	if (threshold && sc->tail - sc->rung >= threshold) {
		sc->rung = sc->tail;
		dmasim_hw_doorbell(sc->sd->hw, sc->id, sc->tail);
		rang = true;
	}
	spin_unlock_irqrestore(&sc->lock, flags);
	if (rang)
		mod_timer(&sc->watchdog,
			  jiffies + msecs_to_jiffies(DMASIM_WATCHDOG_MS));
	return cookie;
}

static void dmasim_reap(struct dmasim_chan *sc);

/* Take a free descriptor, recycling the acknowledged ones; or NULL. */
static struct dmasim_desc *dmasim_take(struct dmasim_chan *sc)
{
	struct dmasim_desc *d, *n;
	unsigned long flags;

	spin_lock_irqsave(&sc->lock, flags);
	list_for_each_entry_safe(d, n, &sc->done, node)
		if (async_tx_test_ack(&d->txd)) {
			list_move_tail(&d->node, &sc->free);
			d->state = DMASIM_D_FREE;
		}
	d = list_first_entry_or_null(&sc->free, struct dmasim_desc, node);
	if (d) {
		list_del_init(&d->node);
		d->state = DMASIM_D_PREP;
	}
	spin_unlock_irqrestore(&sc->lock, flags);
	return d;
}

/*
 * A free descriptor for @op, or NULL when there is none.  A full ring
 * is reaped first, as drivers of real rings do: a client that retries
 * prep in a loop would otherwise spin for ever where the engine thread
 * cannot get the CPU.
 */
static struct dmasim_desc *dmasim_get(struct dma_chan *chan, u8 op,
				      size_t len, unsigned long flags)
{
	struct dmasim_chan *sc = to_sc(chan);
	struct dmasim_desc *d;

	if (READ_ONCE(sc->sd->exhaust) || READ_ONCE(sc->sd->dead) ||
	    len > U32_MAX)
		return NULL;
	if (dmasim_hw_should_fail(sc->sd->hw, DMASIM_FAULT_EXHAUST, op, len)) {
		atomic_long_inc(&dmasim_hw_random_faults(sc->sd->hw)->refused);
		return NULL;
	}
	d = dmasim_take(sc);
	if (!d) {
		dmasim_reap(sc);
		d = dmasim_take(sc);
	}
	if (!d)
		return NULL;

	dma_async_tx_descriptor_init(&d->txd, chan);
	d->txd.cookie = 0;
	d->txd.tx_submit = dmasim_tx_submit;
	d->txd.flags = flags;
	d->txd.callback = NULL;
	d->txd.callback_result = NULL;
	d->txd.callback_param = NULL;
	d->txd.unmap = NULL;
	d->result = NULL;
	memset(&d->hw, 0, offsetof(struct dmasim_hwdesc, src));
	d->hw.op = op;
	d->hw.len = len;
	if (flags & DMA_PREP_INTERRUPT)
		d->hw.flags |= DMASIM_F_INTR;
	if (flags & DMA_PREP_FENCE)
		d->hw.flags |= DMASIM_F_FENCE;
	return d;
}

static void dmasim_set_srcs(struct dmasim_desc *d, const dma_addr_t *src,
			    const unsigned char *coef, unsigned int cnt)
{
	unsigned int i;

	for (i = 0; i < cnt; i++) {
		d->hw.src[i] = src[i];
		d->hw.coef[i] = coef ? coef[i] : 0;
	}
	d->hw.nsrc = cnt;
}

static struct dma_async_tx_descriptor *
dmasim_prep_memcpy(struct dma_chan *chan, dma_addr_t dst, dma_addr_t src,
		   size_t len, unsigned long flags)
{
	struct dmasim_desc *d = dmasim_get(chan, DMASIM_OP_COPY, len, flags);

	if (!d)
		return NULL;
	d->hw.dst[0] = dst;
	dmasim_set_srcs(d, &src, NULL, 1);
	return &d->txd;
}

static struct dma_async_tx_descriptor *
dmasim_prep_memset(struct dma_chan *chan, dma_addr_t dst, int value,
		   size_t len, unsigned long flags)
{
	struct dmasim_desc *d = dmasim_get(chan, DMASIM_OP_FILL, len, flags);

	if (!d)
		return NULL;
	d->hw.dst[0] = dst;
	d->hw.value = value & 0xff;
	return &d->txd;
}

static struct dma_async_tx_descriptor *
dmasim_prep_xor(struct dma_chan *chan, dma_addr_t dst, dma_addr_t *src,
		unsigned int cnt, size_t len, unsigned long flags)
{
	struct dmasim_desc *d;

	if (cnt < 1 || cnt > chan->device->max_xor)
		return NULL;
	d = dmasim_get(chan, DMASIM_OP_XOR, len, flags);
	if (!d)
		return NULL;
	d->hw.dst[0] = dst;
	dmasim_set_srcs(d, src, NULL, cnt);
	return &d->txd;
}

static struct dma_async_tx_descriptor *
dmasim_prep_xor_val(struct dma_chan *chan, dma_addr_t *src, unsigned int cnt,
		    size_t len, enum sum_check_flags *result,
		    unsigned long flags)
{
	struct dmasim_desc *d;

	if (cnt < 1 || cnt > chan->device->max_xor)
		return NULL;
	d = dmasim_get(chan, DMASIM_OP_XOR_CHECK, len, flags);
	if (!d)
		return NULL;
	dmasim_set_srcs(d, src, NULL, cnt);
	d->result = result;
	return &d->txd;
}

/*
 * Fill a pq descriptor.  The engine continues P/Q natively only when the
 * instance says so; otherwise a continuation takes the old P and Q as
 * three more sources, as I/OAT-class engines do: P with coefficient 0
 * and Q twice, with 1 and 0, so that they cancel in P and Q adds once.
 */
static struct dmasim_desc *
dmasim_pq_desc(struct dma_chan *chan, u8 op, dma_addr_t *pq, dma_addr_t *src,
	       unsigned int cnt, const unsigned char *scf, size_t len,
	       unsigned long flags)
{
	struct dma_device *dma = chan->device;
	bool native = dma_dev_has_pq_continue(dma);
	bool cont = flags & DMA_PREP_CONTINUE;
	unsigned int max = dma_maxpq(dma, flags);
	struct dmasim_desc *d;

	/*
	 * Like I/OAT: two sources at least, unless P and Q go on or the
	 * descriptor multiplies one source into Q alone (raid6 recovery's
	 * multiply, which I/OAT's prep runs as two sources, the second with
	 * coefficient 0)
	 */
	if (cnt < (cont || (flags & DMA_PREP_PQ_DISABLE_P) ? 1 : 2) ||
	    cnt > max ||
	    cnt + (cont && !native ? 3 : 0) > DMASIM_MAX_SRC)
		return NULL;
	d = dmasim_get(chan, op, len, flags);
	if (!d)
		return NULL;
	d->hw.dst[0] = pq[0];
	d->hw.dst[1] = pq[1];
	dmasim_set_srcs(d, src, scf, cnt);
	if (flags & DMA_PREP_PQ_DISABLE_P)
		d->hw.flags |= DMASIM_F_NO_P;
	if (flags & DMA_PREP_PQ_DISABLE_Q)
		d->hw.flags |= DMASIM_F_NO_Q;
	if (cont && native) {
		d->hw.flags |= DMASIM_F_CONTINUE;
	} else if (cont) {
		static const u8 extra_coef[3] = { 0, 1, 0 };
		dma_addr_t extra[3] = { pq[0], pq[1], pq[1] };
		unsigned int i;

		for (i = 0; i < 3; i++) {
			d->hw.src[cnt + i] = extra[i];
			d->hw.coef[cnt + i] = extra_coef[i];
		}
		d->hw.nsrc = cnt + 3;
	}
	return d;
}

static struct dma_async_tx_descriptor *
dmasim_prep_pq(struct dma_chan *chan, dma_addr_t *dst, dma_addr_t *src,
	       unsigned int cnt, const unsigned char *scf, size_t len,
	       unsigned long flags)
{
	struct dmasim_desc *d = dmasim_pq_desc(chan, DMASIM_OP_PQ, dst, src,
					       cnt, scf, len, flags);

	return d ? &d->txd : NULL;
}

static struct dma_async_tx_descriptor *
dmasim_prep_pq_val(struct dma_chan *chan, dma_addr_t *pq, dma_addr_t *src,
		   unsigned int cnt, const unsigned char *scf, size_t len,
		   enum sum_check_flags *pqres, unsigned long flags)
{
	struct dmasim_desc *d;

	/* a check never continues */
	d = dmasim_pq_desc(chan, DMASIM_OP_PQ_CHECK, pq, src, cnt, scf, len,
			   flags & ~DMA_PREP_CONTINUE);
	if (!d)
		return NULL;
	d->result = pqres;
	return &d->txd;
}

static struct dma_async_tx_descriptor *
dmasim_prep_interrupt(struct dma_chan *chan, unsigned long flags)
{
	struct dmasim_desc *d = dmasim_get(chan, DMASIM_OP_NOP, 0, flags);

	return d ? &d->txd : NULL;
}

static void dmasim_issue_pending(struct dma_chan *chan)
{
	struct dmasim_chan *sc = to_sc(chan);
	unsigned long flags;
	u32 tail;

	if (READ_ONCE(sc->sd->gone))
		return;
	spin_lock_irqsave(&sc->lock, flags);
	tail = sc->tail;
	if (sc->rung != tail) {
		sc->rung = tail;
		dmasim_hw_doorbell(sc->sd->hw, sc->id, tail);
	}
	spin_unlock_irqrestore(&sc->lock, flags);
	mod_timer(&sc->watchdog, jiffies + msecs_to_jiffies(DMASIM_WATCHDOG_MS));
}

/* ------------------------------------------------------------------ */
/* Completion                                                         */
/* ------------------------------------------------------------------ */

static enum dmaengine_tx_result dmasim_tx_result(u32 res)
{
	if (res & DMASIM_RES_ABORTED)
		return DMA_TRANS_ABORTED;
	if (res & DMASIM_RES_ERROR)
		return DMA_TRANS_WRITE_FAILED;
	return DMA_TRANS_NOERROR;
}

/* A completed descriptor: free if acknowledged, else kept until it is. */
static void dmasim_retire(struct dmasim_chan *sc, struct dmasim_desc *d)
{
	unsigned long flags;
	bool ack;

	spin_lock_irqsave(&sc->lock, flags);
	ack = async_tx_test_ack(&d->txd);
	d->state = ack ? DMASIM_D_FREE : DMASIM_D_DONE;
	list_add_tail(&d->node, ack ? &sc->free : &sc->done);
	if (list_empty(&sc->submitted) && list_empty(&sc->completed))
		wake_up(&sc->idle);
	spin_unlock_irqrestore(&sc->lock, flags);
}

/*
 * Take what the engine executed off the ring, oldest first: record each
 * result and complete its cookie.  Pollers may call it in any context;
 * the results reach their callbacks only from dmasim_deliver().
 * Return how many were taken.
 */
static unsigned int dmasim_collect(struct dmasim_chan *sc)
{
	struct dmasim_hw *hw = sc->sd->hw;
	struct dmasim_hwdesc *ring = dmasim_hw_ring(hw, sc->id);
	u32 head = dmasim_hw_head(hw, sc->id);
	struct dmasim_desc *d, *n;
	unsigned int got = 0;
	unsigned long flags;
	bool failed = false;

	spin_lock_irqsave(&sc->lock, flags);
	list_for_each_entry_safe(d, n, &sc->submitted, node) {
		u32 word;

		if ((s32)(d->slot - head) >= 0)
			break;
		word = READ_ONCE(ring[d->slot % sc->sd->ring_size].result);
		d->res.result = dmasim_tx_result(word);
		d->res.residue = 0;
		/*
		 * A failed descriptor wrote nothing: the residue says so,
		 * which lets a client redo an in-place update.
		 */
		if (word & DMASIM_RES_ERROR) {
			d->res.residue = d->hw.len;
			failed = true;
		}
		if (d->res.result == DMA_TRANS_NOERROR && d->result)
			*d->result = (word & DMASIM_RES_P_BAD ?
				      SUM_CHECK_P_RESULT : 0) |
				     (word & DMASIM_RES_Q_BAD ?
				      SUM_CHECK_Q_RESULT : 0);
		/*
		 * The core's per-channel bytes_transferred (memcpy_count
		 * is dma_cookie_complete()'s); until the instance is dead,
		 * which it is before the core tears them down, under this
		 * lock.
		 */
		if (d->res.result == DMA_TRANS_NOERROR &&
		    d->hw.op != DMASIM_OP_NOP && !sc->sd->dead)
			this_cpu_add(sc->chan.local->bytes_transferred,
				     d->hw.len);
		dma_cookie_complete(&d->txd);
		list_move_tail(&d->node, &sc->completed);
		got++;
	}
	spin_unlock_irqrestore(&sc->lock, flags);
	/* the engine halted on the error: drop what it still holds */
	if (failed)
		dmasim_hw_reset(hw, sc->id);
	return got;
}

/* Hand collected results to their callbacks, oldest first. */
static unsigned int dmasim_deliver(struct dmasim_chan *sc)
{
	unsigned int n = 0;

	lockdep_assert_held(&sc->cleanup_lock);
	for (;; n++) {
		struct dmasim_desc *d;
		unsigned long flags;

		spin_lock_irqsave(&sc->lock, flags);
		d = list_first_entry_or_null(&sc->completed, struct dmasim_desc,
					     node);
		if (d)
			list_del_init(&d->node);
		spin_unlock_irqrestore(&sc->lock, flags);
		if (!d)
			break;
		dma_descriptor_unmap(&d->txd);
		dmaengine_desc_get_callback_invoke(&d->txd, &d->res);
		dma_run_dependencies(&d->txd);
		dmasim_retire(sc, d);
	}
	return n;
}

/*
 * Finish what the engine executed; the cleanup context: the tasklet,
 * whoever scheduled it.  A channel that was reset stays stopped until
 * everything the reset dropped - and the error that led to it - has
 * been handed to its callback: whatever was submitted behind a failed
 * descriptor runs only after the failure is known and its client has
 * repaired the result.
 */
static void __dmasim_cleanup(struct dmasim_chan *sc)
{
	struct dmasim_hw *hw = sc->sd->hw;

	lockdep_assert_held(&sc->cleanup_lock);
	for (;;) {
		/* held first: the head read after it covers the reset */
		bool held = dmasim_hw_held(hw, sc->id);

		dmasim_collect(sc);
		if (dmasim_deliver(sc))
			continue;
		if (held)
			dmasim_hw_start(hw, sc->id);
		break;
	}
}

static void dmasim_cleanup_task(struct tasklet_struct *t)
{
	struct dmasim_chan *sc = from_tasklet(sc, t, cleanup);

	spin_lock_bh(&sc->cleanup_lock);
	__dmasim_cleanup(sc);
	spin_unlock_bh(&sc->cleanup_lock);
}

static irqreturn_t dmasim_irq(int irq, void *data)
{
	struct dmasim_chan *sc = data;

	tasklet_schedule(&sc->cleanup);
	return IRQ_HANDLED;
}

static bool dmasim_busy(struct dmasim_chan *sc)
{
	unsigned long flags;
	bool busy;

	spin_lock_irqsave(&sc->lock, flags);
	busy = !list_empty(&sc->submitted) || !list_empty(&sc->completed);
	spin_unlock_irqrestore(&sc->lock, flags);
	return busy;
}

/* Reset a channel that stopped; what it held completes as aborted. */
static void dmasim_watchdog(struct timer_list *t)
{
	struct dmasim_chan *sc = from_timer(sc, t, watchdog);

	if (dmasim_hw_stalled(sc->sd->hw, sc->id)) {
		dev_warn(sc->sd->dma.dev, "channel %u stalled: resetting\n",
			 sc->id);
		dmasim_hw_reset(sc->sd->hw, sc->id);
	}
	tasklet_schedule(&sc->cleanup);
	if (dmasim_busy(sc))
		mod_timer(&sc->watchdog,
			  jiffies + msecs_to_jiffies(DMASIM_WATCHDOG_MS));
}

static enum dma_status dmasim_tx_status(struct dma_chan *chan,
					dma_cookie_t cookie,
					struct dma_tx_state *state)
{
	struct dmasim_chan *sc = to_sc(chan);
	enum dma_status status = dma_cookie_status(chan, cookie, state);

	if (status == DMA_COMPLETE || READ_ONCE(sc->sd->gone))
		return status;
	/* pollers get their completions without waiting for the interrupt */
	dmasim_reap(sc);
	return dma_cookie_status(chan, cookie, state);
}

/*
 * A poller (tx_status, a prep that finds the ring full): run what the
 * engine was given and complete its cookies here, as a real engine would
 * have done meanwhile, and leave the callbacks to the cleanup tasklet.
 * Where softirqs may run now, it runs now, as after an interrupt: a
 * client spinning on one CPU still sees its callbacks.
 */
static void dmasim_reap(struct dmasim_chan *sc)
{
	if (READ_ONCE(sc->sd->gone))
		return;
	dmasim_hw_poll(sc->sd->hw, sc->id);
	if (!dmasim_collect(sc) && !dmasim_hw_held(sc->sd->hw, sc->id))
		return;
	tasklet_schedule(&sc->cleanup);
	if (!in_interrupt() && !irqs_disabled()) {
		local_bh_disable();
		local_bh_enable();
	}
}

/*
 * Let the engine finish everything submitted, or reset it.  The
 * completions reach their clients from the cleanup tasklet, never from
 * here: the core may hold its own locks around free_chan_resources.
 *
 * Context: process context; sleeps.
 */
static void dmasim_drain(struct dmasim_chan *sc)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(DMASIM_DRAIN_MS);

	if (READ_ONCE(sc->sd->gone))
		return;
	dmasim_issue_pending(&sc->chan);
	while (dmasim_busy(sc)) {
		if (time_after(jiffies, deadline) ||
		    dmasim_hw_stalled(sc->sd->hw, sc->id)) {
			dmasim_hw_reset(sc->sd->hw, sc->id);
			deadline = jiffies + msecs_to_jiffies(DMASIM_DRAIN_MS);
		}
		tasklet_schedule(&sc->cleanup);
		wait_event_timeout(sc->idle, !dmasim_busy(sc),
				   msecs_to_jiffies(DMASIM_WATCHDOG_MS));
	}
}

static int dmasim_alloc_chan_resources(struct dma_chan *chan)
{
	dma_cookie_init(chan);
	return to_sc(chan)->sd->ring_size;
}

static void dmasim_free_chan_resources(struct dma_chan *chan)
{
	dmasim_drain(to_sc(chan));
}

static int dmasim_terminate_all(struct dma_chan *chan)
{
	struct dmasim_chan *sc = to_sc(chan);

	if (!READ_ONCE(sc->sd->gone))
		dmasim_hw_reset(sc->sd->hw, sc->id);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Probe and remove                                                   */
/* ------------------------------------------------------------------ */

/* Each parameter's property, and its value when the property is absent. */
const struct dmasim_param_desc dmasim_params[DMASIM_NR_PARAMS] = {
	[DMASIM_MAX_XOR] = { "max_xor", "dmasim,max-xor", 0 },
	[DMASIM_MAX_PQ] = { "max_pq", "dmasim,max-pq", 0 },
	[DMASIM_PQ_CONTINUE] = { "pq_continue", "dmasim,pq-continue", 0 },
	[DMASIM_COPY_ALIGN] = { "copy_align", "dmasim,copy-align", 0 },
	[DMASIM_ALIGN] = { "align", "dmasim,xor-align", 0 },
	[DMASIM_CHANNELS] = { "channels", "dmasim,channels", 1 },
	[DMASIM_RING] = { "ring", "dmasim,ring-size", 64 },
	[DMASIM_LATENCY_NS] = { "latency_ns", "dmasim,latency-ns", 0 },
	[DMASIM_NS_PER_KIB] = { "ns_per_kib", "dmasim,ns-per-kib", 0 },
	[DMASIM_PRIVATE] = { "private", "dmasim,private", 0 },
	[DMASIM_COALESCE] = { "coalesce", "dmasim,coalesce", 0 },
	[DMASIM_ISSUE_THRESHOLD] = { "issue_threshold",
				     "dmasim,issue-threshold", 0 },
};

/* The engine's description from the device's properties. */
static void dmasim_read_params(struct device *dev, u32 *val, u32 *caps)
{
	int i;

	for (i = 0; i < DMASIM_NR_PARAMS; i++)
		if (device_property_read_u32(dev, dmasim_params[i].prop,
					     &val[i]))
			val[i] = dmasim_params[i].dflt;
	if (device_property_read_u32(dev, "dmasim,caps", caps))
		*caps = 0;
	if (val[DMASIM_PRIVATE])
		*caps |= BIT(DMA_PRIVATE);
}

static void dmasim_set_caps(struct dmasim_dev *sd, u32 caps)
{
	struct dma_device *dma = &sd->dma;

	if (caps & BIT(DMA_MEMCPY)) {
		dma_cap_set(DMA_MEMCPY, dma->cap_mask);
		dma->device_prep_dma_memcpy = dmasim_prep_memcpy;
	}
	if (caps & BIT(DMA_MEMSET)) {
		dma_cap_set(DMA_MEMSET, dma->cap_mask);
		dma->device_prep_dma_memset = dmasim_prep_memset;
	}
	if (caps & BIT(DMA_XOR)) {
		dma_cap_set(DMA_XOR, dma->cap_mask);
		dma->device_prep_dma_xor = dmasim_prep_xor;
	}
	if (caps & BIT(DMA_XOR_VAL)) {
		dma_cap_set(DMA_XOR_VAL, dma->cap_mask);
		dma->device_prep_dma_xor_val = dmasim_prep_xor_val;
	}
	if (caps & BIT(DMA_PQ)) {
		dma_cap_set(DMA_PQ, dma->cap_mask);
		dma->device_prep_dma_pq = dmasim_prep_pq;
	}
	if (caps & BIT(DMA_PQ_VAL)) {
		dma_cap_set(DMA_PQ_VAL, dma->cap_mask);
		dma->device_prep_dma_pq_val = dmasim_prep_pq_val;
	}
	if (caps & BIT(DMA_INTERRUPT)) {
		dma_cap_set(DMA_INTERRUPT, dma->cap_mask);
		dma->device_prep_dma_interrupt = dmasim_prep_interrupt;
	}
	if (caps & BIT(DMA_PRIVATE))
		dma_cap_set(DMA_PRIVATE, dma->cap_mask);
}

static int dmasim_init_chan(struct dmasim_dev *sd, unsigned int i)
{
	struct device *dev = &sd->pdev->dev;
	struct dmasim_chan *sc = &sd->chans[i];
	struct list_head *lists[] = {
		&sc->free, &sc->submitted, &sc->completed, &sc->done,
	};
	unsigned int k;
	int err;

	sc->sd = sd;
	sc->id = i;
	for (k = 0; k < ARRAY_SIZE(lists); k++)
		INIT_LIST_HEAD(lists[k]);
	spin_lock_init(&sc->lock);
	spin_lock_init(&sc->cleanup_lock);
	init_waitqueue_head(&sc->idle);
	INIT_LIST_HEAD(&sc->orphans);
	tasklet_setup(&sc->cleanup, dmasim_cleanup_task);
	timer_setup(&sc->watchdog, dmasim_watchdog, 0);
	/* not devm: clients may hold descriptors after remove */
	sc->descs = kcalloc(sd->ring_size, sizeof(*sc->descs), GFP_KERNEL);
	if (!sc->descs)
		return -ENOMEM;
	for (k = 0; k < sd->ring_size; k++)
		list_add_tail(&sc->descs[k].node, &sc->free);
	err = request_irq(dmasim_hw_irq(sd->hw, i), dmasim_irq, 0, dev_name(dev),
			  sc);
	if (err)
		return err;
	sc->chan.device = &sd->dma;
	list_add_tail(&sc->chan.device_node, &sd->dma.channels);
	return 0;
}

static void dmasim_free_descs(struct dmasim_dev *sd)
{
	unsigned int i;

	for (i = 0; i < sd->nr_chans; i++)
		kfree(sd->chans[i].descs);
}

static void dmasim_free(struct kref *kref)
{
	struct dmasim_dev *sd = container_of(kref, struct dmasim_dev, refs);

	dmasim_free_descs(sd);
	put_device(&sd->pdev->dev);
	kfree(sd);
}

/* Take a descriptor's unmap data, once, whoever asks first. */
static void dmasim_unmap(struct dmasim_chan *sc, struct dmasim_desc *d)
{
	struct dmaengine_unmap_data *unmap;
	unsigned long flags;

	spin_lock_irqsave(&sc->lock, flags);
	unmap = d->txd.unmap;
	d->txd.unmap = NULL;
	spin_unlock_irqrestore(&sc->lock, flags);
	dmaengine_unmap_put(unmap);
}

/*
 * Descriptors submitted after the instance died: they complete as
 * aborted, in order, from here - the cleanup tasklet is gone.
 */
static void dmasim_orphan_work(struct work_struct *work)
{
	static const struct dmaengine_result aborted = {
		DMA_TRANS_ABORTED, 0 };
	struct dmasim_dev *sd = container_of(work, struct dmasim_dev,
					     orphan_work);
	unsigned int i;

	for (i = 0; i < sd->nr_chans; i++) {
		struct dmasim_chan *sc = &sd->chans[i];
		struct dmasim_desc *d;
		unsigned long flags;

		for (;;) {
			spin_lock_irqsave(&sc->lock, flags);
			d = list_first_entry_or_null(&sc->orphans,
						     struct dmasim_desc, node);
			if (d) {
				list_del_init(&d->node);
				dma_cookie_complete(&d->txd);
			}
			spin_unlock_irqrestore(&sc->lock, flags);
			if (!d)
				break;
			dmasim_unmap(sc, d);
			dmaengine_desc_get_callback_invoke(&d->txd, &aborted);
			dma_run_dependencies(&d->txd);
			dmasim_retire(sc, d);
		}
	}
}

/* Whether no client can still reach a descriptor of @sd. */
static bool dmasim_all_idle(struct dmasim_dev *sd)
{
	unsigned int i, k;

	for (i = 0; i < sd->nr_chans; i++) {
		struct dmasim_chan *sc = &sd->chans[i];
		unsigned long flags;
		bool idle = true;

		spin_lock_irqsave(&sc->lock, flags);
		for (k = 0; k < sd->ring_size && idle; k++) {
			struct dmasim_desc *d = &sc->descs[k];

			idle = d->state == DMASIM_D_FREE ||
			       (d->state == DMASIM_D_DONE &&
				async_tx_test_ack(&d->txd));
		}
		spin_unlock_irqrestore(&sc->lock, flags);
		if (!idle)
			return false;
	}
	return true;
}

#define DMASIM_REAP_MS	100

/* removed instances whose descriptors are still in use; unload waits */
static atomic_t dmasim_lingering = ATOMIC_INIT(0);

/* After remove: free the instance once its descriptors are all idle. */
static void dmasim_reap_removed(struct work_struct *work)
{
	struct dmasim_dev *sd = container_of(to_delayed_work(work),
					     struct dmasim_dev, reaper);

	/* no orphan can come from an idle descriptor: flush them first */
	flush_work(&sd->orphan_work);
	if (!dmasim_all_idle(sd)) {
		schedule_delayed_work(&sd->reaper,
				      msecs_to_jiffies(DMASIM_REAP_MS));
		return;
	}
	kref_put(&sd->refs, dmasim_free);
	if (atomic_dec_and_test(&dmasim_lingering))
		wake_up_var(&dmasim_lingering);
}

/*
 * Release the mappings of descriptors parked by async_tx behind work on
 * another engine: the device goes now, they will complete as aborted
 * without touching memory.
 */
static void dmasim_unmap_parked(struct dmasim_dev *sd)
{
	unsigned int i, k;

	for (i = 0; i < sd->nr_chans; i++) {
		struct dmasim_chan *sc = &sd->chans[i];

		for (k = 0; k < sd->ring_size; k++) {
			struct dmasim_desc *d = &sc->descs[k];

			if (READ_ONCE(d->state) == DMASIM_D_PREP &&
			    READ_ONCE(d->txd.cookie) == -EBUSY)
				dmasim_unmap(sc, d);
		}
	}
}

/* From here every submit completes as aborted; prep refuses. */
static void dmasim_mark_dead(struct dmasim_dev *sd)
{
	unsigned int i;

	for (i = 0; i < sd->nr_chans; i++) {
		struct dmasim_chan *sc = &sd->chans[i];
		unsigned long flags;

		spin_lock_irqsave(&sc->lock, flags);
		WRITE_ONCE(sd->dead, true);
		spin_unlock_irqrestore(&sc->lock, flags);
	}
}

static void dmasim_release(struct dma_device *dma)
{
	kref_put(&container_of(dma, struct dmasim_dev, dma)->refs, dmasim_free);
}

/*
 * Take the driver's side of the first @nr channels down (those that came
 * up whole): finish their work if @drain, stop their watchdogs and
 * tasklets, release their interrupts.
 */
static void dmasim_chans_down(struct dmasim_dev *sd, unsigned int nr,
			      bool drain)
{
	unsigned int i;

	if (drain)
		for (i = 0; i < nr; i++)
			dmasim_drain(&sd->chans[i]);
	while (nr--) {
		struct dmasim_chan *sc = &sd->chans[nr];

		/* what schedules the tasklet first, then the tasklet */
		free_irq(dmasim_hw_irq(sd->hw, nr), sc);
		timer_shutdown_sync(&sc->watchdog);
		tasklet_kill(&sc->cleanup);
	}
}

/* Undo what probe built; the first @nr channels had their interrupt. */
static void dmasim_teardown(struct dmasim_dev *sd, unsigned int nr,
			    bool drain)
{
	if (sd->hw) {
		dmasim_chans_down(sd, nr, drain);
		WRITE_ONCE(sd->gone, true);
		dmasim_hw_destroy(sd->hw);
	}
	debugfs_remove_recursive(sd->debugfs);
}

/* What completes and frees an instance's descriptors after remove. */
static void dmasim_init_afterlife(struct dmasim_dev *sd)
{
	INIT_WORK(&sd->orphan_work, dmasim_orphan_work);
	INIT_DELAYED_WORK(&sd->reaper, dmasim_reap_removed);
}

static int dmasim_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	u32 val[DMASIM_NR_PARAMS], caps;
	struct dmasim_hw_config cfg;
	struct dmasim_dev *sd;
	struct dma_device *dma;
	unsigned int i = 0;
	int err;

	sd = kzalloc(sizeof(*sd), GFP_KERNEL);
	if (!sd)
		return -ENOMEM;
	sd->pdev = pdev;
	dmasim_init_afterlife(sd);
	dma = &sd->dma;
	INIT_LIST_HEAD(&dma->channels);
	dma->dev = dev;

	dmasim_read_params(dev, val, &caps);
	cfg.chans = val[DMASIM_CHANNELS];
	cfg.ring_size = val[DMASIM_RING];
	cfg.latency_ns = val[DMASIM_LATENCY_NS];
	cfg.ns_per_kib = val[DMASIM_NS_PER_KIB];
	cfg.coalesce = val[DMASIM_COALESCE];
	sd->nr_chans = cfg.chans;
	sd->ring_size = cfg.ring_size;
	sd->issue_threshold = val[DMASIM_ISSUE_THRESHOLD];

	err = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(64));
	if (err)
		goto undo;
	sd->debugfs = debugfs_create_dir(dev_name(dev), dmasim_debugfs);
	debugfs_create_u32("exhaust", 0600, sd->debugfs, &sd->exhaust);
	sd->hw = dmasim_hw_create(dev, &cfg, sd->debugfs);
	if (IS_ERR(sd->hw)) {
		err = PTR_ERR(sd->hw);
		sd->hw = NULL;
		dev_err(dev, "cannot build the engine: %d\n", err);
		goto undo;
	}

	dmasim_set_caps(sd, caps);
	dma->max_xor = val[DMASIM_MAX_XOR];
	dma_set_maxpq(dma, val[DMASIM_MAX_PQ], val[DMASIM_PQ_CONTINUE]);
	dma->copy_align = val[DMASIM_COPY_ALIGN];
	dma->fill_align = dma->copy_align;
	dma->xor_align = val[DMASIM_ALIGN];
	dma->pq_align = dma->xor_align;
	dma->device_issue_pending = dmasim_issue_pending;
	dma->device_tx_status = dmasim_tx_status;
	dma->device_alloc_chan_resources = dmasim_alloc_chan_resources;
	dma->device_free_chan_resources = dmasim_free_chan_resources;
	dma->device_terminate_all = dmasim_terminate_all;
	dma->device_release = dmasim_release;

	for (i = 0; i < sd->nr_chans; i++) {
		err = dmasim_init_chan(sd, i);
		if (err)
			goto undo;
	}
	/* the core may release the device before remove is done with it */
	kref_init(&sd->refs);
	kref_get(&sd->refs);
	err = dma_async_device_register(dma);
	if (!err) {
		get_device(dev);
		platform_set_drvdata(pdev, sd);
		return 0;
	}
undo:
	/* never registered: nobody else knows of @sd */
	dmasim_teardown(sd, i, false);
	dmasim_free_descs(sd);
	kfree(sd);
	return err;
}

/*
 * Work in flight is finished (or, on a stopped channel, aborted and
 * reported) before the engine goes; a client still holding a channel
 * keeps the dmaengine device, whose prep then refuses.  Descriptors
 * submitted later (parked ones released by their parent, or the
 * client's own) complete as aborted; the instance's memory stays until
 * the core has released the device and no descriptor is in use.
 */
static void dmasim_remove(struct platform_device *pdev)
{
	struct dmasim_dev *sd = platform_get_drvdata(pdev);

	dmasim_mark_dead(sd);
	dma_async_device_unregister(&sd->dma);
	dmasim_teardown(sd, sd->nr_chans, true);
	dmasim_unmap_parked(sd);
	flush_work(&sd->orphan_work);
	if (!dmasim_all_idle(sd)) {
		kref_get(&sd->refs);
		atomic_inc(&dmasim_lingering);
		schedule_delayed_work(&sd->reaper,
				      msecs_to_jiffies(DMASIM_REAP_MS));
	}
	kref_put(&sd->refs, dmasim_free);
}

/* For instance.c: what it reaches of a bound instance. */
struct dma_device *dmasim_pdev_dma(struct platform_device *pdev)
{
	struct dmasim_dev *sd = platform_get_drvdata(pdev);

	return &sd->dma;
}

struct dmasim_hw *dmasim_pdev_hw(struct platform_device *pdev)
{
	struct dmasim_dev *sd = platform_get_drvdata(pdev);

	return sd->hw;
}

void dmasim_pdev_set_exhausted(struct platform_device *pdev, bool on)
{
	struct dmasim_dev *sd = platform_get_drvdata(pdev);

	WRITE_ONCE(sd->exhaust, on);
}

struct platform_driver dmasim_driver = {
	.probe = dmasim_probe,
	.remove = dmasim_remove,
	.driver.name = "dmasim",
};

static int __init dmasim_init(void)
{
	int err;

	dmasim_debugfs = debugfs_create_dir("dmasim", NULL);
	dmasim_driver.driver.groups = dmasim_drv_groups;
	err = platform_driver_register(&dmasim_driver);
	if (err) {
		debugfs_remove_recursive(dmasim_debugfs);
		return err;
	}
	dmasim_instances_create();
	return 0;
}

static void __exit dmasim_exit(void)
{
	dmasim_instances_destroy();
	/* the reapers' code is ours: wait until clients let go */
	wait_var_event(&dmasim_lingering, !atomic_read(&dmasim_lingering));
	platform_driver_unregister(&dmasim_driver);
	debugfs_remove_recursive(dmasim_debugfs);
}

/* early enough for the boot-time clients of async_tx (raid6test) */
subsys_initcall(dmasim_init);
module_exit(dmasim_exit);

MODULE_DESCRIPTION("dmasim: simulated DMA offload engines");
MODULE_LICENSE("GPL");
