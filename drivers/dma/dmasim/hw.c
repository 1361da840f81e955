// SPDX-License-Identifier: GPL-2.0-only
/*
 * dmasim "hardware": the rings, registers and execution of a simulated
 * offload engine.  One kernel thread per channel plays the engine: it
 * waits for the doorbell, executes descriptors from the head of the ring
 * up to the tail on the memory their bus addresses designate, writes
 * back result words, moves the head and raises the channel's interrupt
 * through irq_sim.  The fault knobs live here too: they are the engine
 * misbehaving.
 *
 * LOCKING
 * The registers are single words: the driver writes the tail, the engine
 * writes the head and status; each side only reads the other's.  Ring
 * entries between head and tail belong to the engine, the others to the
 * driver; the doorbell's release and the head's release order the
 * handover.
 */

#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/dma-direct.h>
#include <linux/interrupt.h>
#include <linux/iommu.h>
#include <linux/irq.h>
#include <linux/irq_sim.h>
#include <linux/kthread.h>
#include <linux/raid/pq.h>
#include <linux/ratelimit.h>
#include <linux/slab.h>
#include <linux/wait.h>

#include "hw.h"

/**
 * struct dmasim_hw_chan - one channel's registers and engine
 * @ring: the descriptor ring
 * @tail: doorbell: the index after the last descriptor given
 * @head: completion register: the index of the next to execute
 * @stalled: status: stopped until reset
 * @held: status: reset, and stopped until the driver starts it again
 * @reset: a reset is asked for
 * @exec_lock: one executor at a time: the engine thread, or a poller
 * @pending_intr: descriptors asking for an interrupt not yet signalled
 * @wait: where the engine thread sleeps
 * @thread: the engine thread
 * @virq: the channel's interrupt
 * @ops: descriptors executed
 * @bytes: bytes processed
 * @injected: faults injected
 * @hw: the engine
 * @id: the channel's number
 */
struct dmasim_hw_chan {
	struct dmasim_hwdesc *ring;
	u32 tail;
	u32 head;
	bool stalled;
	bool held;
	bool reset;
	spinlock_t exec_lock;	/* see @exec_lock above */
	unsigned int pending_intr;
	wait_queue_head_t wait;
	struct task_struct *thread;
	int virq;
	u64 ops;
	u64 bytes;
	u64 injected;
	struct dmasim_hw *hw;
	unsigned int id;
};

/**
 * struct dmasim_hw - a simulated engine
 * @dev: the device its bus addresses belong to
 * @cfg: how it was built
 * @domain: the irq_sim domain of its interrupts
 * @faults: the fault knobs, per operation
 * @random: the probabilistic faults
 * @chan: its channels
 */
struct dmasim_hw {
	struct device *dev;
	struct dmasim_hw_config cfg;
	struct irq_domain *domain;
	struct dmasim_faults faults[DMASIM_OP_NR];
	struct dmasim_random_faults random;
	struct dmasim_hw_chan chan[DMASIM_MAX_CHANS];
};

/*
 * The register handover.  The driver writes ring entries, then the tail;
 * the engine reads the tail, then the entries: acquire pairs with the
 * doorbell's release.  The engine writes result words, then the head;
 * the driver reads the head, then the results: likewise.
 */
static u32 dmasim_tail(struct dmasim_hw_chan *c)
{
	/* pairs with the release in dmasim_hw_doorbell() */
	return smp_load_acquire(&c->tail);
}

static void dmasim_set_head(struct dmasim_hw_chan *c, u32 head)
{
	/* pairs with the acquire in dmasim_hw_head() */
	smp_store_release(&c->head, head);
}

static const char * const dmasim_op_names[DMASIM_OP_NR] = {
	[DMASIM_OP_NOP] = "nop",
	[DMASIM_OP_COPY] = "copy",
	[DMASIM_OP_FILL] = "fill",
	[DMASIM_OP_XOR] = "xor",
	[DMASIM_OP_XOR_CHECK] = "xor_check",
	[DMASIM_OP_PQ] = "pq",
	[DMASIM_OP_PQ_CHECK] = "pq_check",
};

/*
 * The CPU address of a bus address of the engine's device: through the
 * IOMMU when the device sits behind one, else through the DMA mapping's
 * own bus-to-physical translation.
 */
static u8 *dmasim_va(struct dmasim_hw *hw, u64 addr)
{
	struct iommu_domain *dom = iommu_get_domain_for_dev(hw->dev);
	phys_addr_t phys;

	if (dom && dom->type != IOMMU_DOMAIN_IDENTITY)
		phys = iommu_iova_to_phys(dom, addr);
	else
		phys = dma_to_phys(hw->dev, addr);
	return phys_to_virt(phys);
}

static u8 gf_mul(u8 a, u8 b)
{
	return raid6_gfmul[a][b];
}

/* Execute @d; return the result word. */
static u32 dmasim_execute(struct dmasim_hw *hw, struct dmasim_hwdesc *d)
{
	bool cont = d->flags & DMASIM_F_CONTINUE;
	u8 *src[DMASIM_MAX_SRC], *p = NULL, *q = NULL;
	u32 res = DMASIM_RES_DONE;
	unsigned int s, n = min_t(unsigned int, d->nsrc, DMASIM_MAX_SRC);
	u32 i;

	for (s = 0; s < n; s++)
		src[s] = dmasim_va(hw, d->src[s]);
	switch (d->op) {
	case DMASIM_OP_COPY:
		memmove(dmasim_va(hw, d->dst[0]), src[0], d->len);
		break;
	case DMASIM_OP_FILL:
		memset(dmasim_va(hw, d->dst[0]), d->value, d->len);
		break;
	case DMASIM_OP_XOR:
	case DMASIM_OP_XOR_CHECK:
		if (d->op == DMASIM_OP_XOR)
			p = dmasim_va(hw, d->dst[0]);
		/* byte by byte: the destination may be one of the sources */
		for (i = 0; i < d->len; i++) {
			u8 v = 0;

			for (s = 0; s < n; s++)
				v ^= src[s][i];
			if (p)
				p[i] = v;
			else if (v)
				res |= DMASIM_RES_P_BAD;
		}
		break;
	case DMASIM_OP_PQ:
	case DMASIM_OP_PQ_CHECK:
		if (!(d->flags & DMASIM_F_NO_P))
			p = dmasim_va(hw, d->dst[0]);
		if (!(d->flags & DMASIM_F_NO_Q))
			q = dmasim_va(hw, d->dst[1]);
		for (i = 0; i < d->len; i++) {
			u8 vp = 0, vq = 0;

			for (s = 0; s < n; s++) {
				vp ^= src[s][i];
				vq ^= gf_mul(d->coef[s], src[s][i]);
			}
			if (d->op == DMASIM_OP_PQ_CHECK) {
				if (p && p[i] != vp)
					res |= DMASIM_RES_P_BAD;
				if (q && q[i] != vq)
					res |= DMASIM_RES_Q_BAD;
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
	return res;
}

static bool dmasim_nth(u32 every, int seen)
{
	return every && seen % every == 0;
}

/* The engine is busy for @us by the clock, whatever delay loops say. */
static void dmasim_spend_us(u32 us)
{
	ktime_t end = ktime_add_us(ktime_get(), us);

	while (ktime_before(ktime_get(), end))
		cpu_relax();
}

/* The buffer a corrupted descriptor damages, or NULL. */
static u8 *dmasim_victim(struct dmasim_hw *hw, struct dmasim_hwdesc *d)
{
	switch (d->op) {
	case DMASIM_OP_COPY:
	case DMASIM_OP_FILL:
	case DMASIM_OP_XOR:
		return dmasim_va(hw, d->dst[0]);
	case DMASIM_OP_PQ:
		return dmasim_va(hw, d->dst[d->flags & DMASIM_F_NO_P ? 1 : 0]);
	default:
		return NULL;
	}
}

/*
 * Run one descriptor with the faults asked for.  Return false when the
 * channel stalls on it (it stays at the head, not executed).
 */
static bool dmasim_step(struct dmasim_hw_chan *c, struct dmasim_hwdesc *d)
{
	struct dmasim_hw *hw = c->hw;
	struct dmasim_faults *f = &hw->faults[min_t(u8, d->op, DMASIM_OP_NR - 1)];
	int seen = atomic_inc_return(&f->seen);
	u32 res;

	if (dmasim_nth(READ_ONCE(f->stall_every), seen) ||
	    dmasim_hw_should_fail(hw, DMASIM_FAULT_STALL, d->op, d->len)) {
		c->injected++;
		return false;
	}
	if (hw->cfg.latency_ns || hw->cfg.ns_per_kib)
		ndelay(hw->cfg.latency_ns +
		       (u64)hw->cfg.ns_per_kib * d->len / 1024);
	if (dmasim_hw_should_fail(hw, DMASIM_FAULT_SLOW, d->op, d->len)) {
		dmasim_spend_us(min_t(u32, READ_ONCE(hw->random.slow_us),
				      DMASIM_SLOW_MAX_US));
		c->injected++;
	}
	if (dmasim_nth(READ_ONCE(f->fail_every), seen) ||
	    dmasim_hw_should_fail(hw, DMASIM_FAULT_ERROR, d->op, d->len)) {
		/* like real engines, an error halts the channel: see below */
		res = DMASIM_RES_DONE | DMASIM_RES_ERROR;
		c->injected++;
	} else {
		res = dmasim_execute(hw, d);
		if ((dmasim_nth(READ_ONCE(f->corrupt_every), seen) ||
		     dmasim_hw_should_fail(hw, DMASIM_FAULT_CORRUPT, d->op,
					   d->len)) && d->len) {
			u8 *victim = dmasim_victim(hw, d);

			if (victim) {
				victim[seen % d->len] ^= 0x01;
				c->injected++;
			}
		}
	}
	c->ops++;
	c->bytes += d->len;
	WRITE_ONCE(d->result, res);
	return true;
}

static void dmasim_raise(struct dmasim_hw_chan *c)
{
	irq_set_irqchip_state(c->virq, IRQCHIP_STATE_PENDING, true);
}

/*
 * Drop what is queued, marking it aborted.  The channel stays stopped
 * until the driver has seen the results and starts it again, as a real
 * engine's channel stays halted until its driver restarts it: nothing
 * submitted after the reset runs before the driver knows what failed.
 */
static void dmasim_do_reset(struct dmasim_hw_chan *c)
{
	u32 tail = dmasim_tail(c);
	u32 head = c->head;

	while (head != tail) {
		struct dmasim_hwdesc *d = &c->ring[head % c->hw->cfg.ring_size];

		WRITE_ONCE(d->result, DMASIM_RES_ABORTED);
		head++;
	}
	dmasim_set_head(c, head);
	WRITE_ONCE(c->stalled, false);
	WRITE_ONCE(c->reset, false);
	/* pairs with the acquire in dmasim_hw_held(): the head is seen too */
	smp_store_release(&c->held, true);
	dmasim_raise(c);
}

static bool dmasim_has_work(struct dmasim_hw_chan *c)
{
	return kthread_should_stop() || READ_ONCE(c->reset) ||
	       (!READ_ONCE(c->stalled) && !READ_ONCE(c->held) &&
		dmasim_tail(c) != c->head);
}

/*
 * Execute what the doorbell gave, up to @budget descriptors, and act on
 * a reset; return true when descriptors asking for an interrupt ran.
 */
static bool dmasim_run(struct dmasim_hw_chan *c, unsigned int budget)
{
	bool intr = false;

	lockdep_assert_held(&c->exec_lock);
	if (READ_ONCE(c->reset)) {
		dmasim_do_reset(c);
		return false;
	}
	while (budget-- && !READ_ONCE(c->stalled) && !READ_ONCE(c->held) &&
	       !READ_ONCE(c->reset) &&
	       dmasim_tail(c) != c->head) {
		struct dmasim_hwdesc *d = &c->ring[c->head % c->hw->cfg.ring_size];

		if (!dmasim_step(c, d)) {
			WRITE_ONCE(c->stalled, true);
			break;
		}
		if (d->flags & DMASIM_F_INTR)
			c->pending_intr++;
		dmasim_set_head(c, c->head + 1);
		if (READ_ONCE(d->result) & DMASIM_RES_ERROR) {
			/* halted until the driver resets the channel */
			WRITE_ONCE(c->stalled, true);
			c->pending_intr++;
			break;
		}
	}
	/* coalesced: one interrupt per batch, and whenever the ring is idle */
	if (c->pending_intr &&
	    (c->pending_intr >= READ_ONCE(c->hw->cfg.coalesce) ||
	     dmasim_tail(c) == c->head || READ_ONCE(c->stalled))) {
		c->pending_intr = 0;
		intr = true;
	}
	return intr;
}

static int dmasim_engine(void *data)
{
	struct dmasim_hw_chan *c = data;

	while (!kthread_should_stop()) {
		bool intr;

		wait_event_interruptible(c->wait, dmasim_has_work(c));
		/* a few at a time: pollers and other threads get their turn */
		spin_lock_bh(&c->exec_lock);
		intr = dmasim_run(c, 8);
		spin_unlock_bh(&c->exec_lock);
		if (intr)
			dmasim_raise(c);
		cond_resched();
	}
	return 0;
}

/**
 * dmasim_hw_poll() - let the engine run while the driver polls it
 * @hw: the engine
 * @chan: the channel
 *
 * A real engine runs without the CPU; this one runs on a kernel thread,
 * which cannot get the CPU while a client spins on a status with
 * preemption off on a uniprocessor.  Polling executes what is queued in
 * the poller's context instead, as the engine thread would.
 *
 * Context: any; bottom halves are disabled while it runs.
 */
void dmasim_hw_poll(struct dmasim_hw *hw, unsigned int chan)
{
	struct dmasim_hw_chan *c = &hw->chan[chan];
	bool intr;

	if (!spin_trylock_bh(&c->exec_lock))
		return;
	intr = dmasim_run(c, UINT_MAX);
	spin_unlock_bh(&c->exec_lock);
	if (intr)
		dmasim_raise(c);
}

/**
 * dmasim_hw_ring() - the descriptor ring of a channel
 * @hw: the engine
 * @chan: the channel
 *
 * Return: the ring, of the configured size.
 */
struct dmasim_hwdesc *dmasim_hw_ring(struct dmasim_hw *hw, unsigned int chan)
{
	return hw->chan[chan].ring;
}

/**
 * dmasim_hw_doorbell() - hand descriptors up to @tail to the engine
 * @hw: the engine
 * @chan: the channel
 * @tail: the index after the last descriptor written
 */
void dmasim_hw_doorbell(struct dmasim_hw *hw, unsigned int chan, u32 tail)
{
	struct dmasim_hw_chan *c = &hw->chan[chan];

	/* the ring entries up to @tail are written: hand them over */
	smp_store_release(&c->tail, tail);
	wake_up(&c->wait);
}

/**
 * dmasim_hw_head() - read the completion register
 * @hw: the engine
 * @chan: the channel
 *
 * Return: the index of the next descriptor the engine will execute;
 * those before it have their result word written.
 */
u32 dmasim_hw_head(struct dmasim_hw *hw, unsigned int chan)
{
	/* pairs with the release in dmasim_set_head() */
	return smp_load_acquire(&hw->chan[chan].head);
}

/**
 * dmasim_hw_stalled() - read the status register
 * @hw: the engine
 * @chan: the channel
 *
 * Return: true when the channel has stopped and needs a reset.
 */
bool dmasim_hw_stalled(struct dmasim_hw *hw, unsigned int chan)
{
	return READ_ONCE(hw->chan[chan].stalled);
}

/**
 * dmasim_hw_held() - whether a reset channel waits to be started
 * @hw: the engine
 * @chan: the channel
 *
 * Return: true after a reset until dmasim_hw_start(); the completion
 * register then covers every descriptor the reset dropped.
 */
bool dmasim_hw_held(struct dmasim_hw *hw, unsigned int chan)
{
	/* pairs with the release in dmasim_do_reset(): the head is newer */
	return smp_load_acquire(&hw->chan[chan].held);
}

/**
 * dmasim_hw_start() - let a reset channel run again
 * @hw: the engine
 * @chan: the channel
 */
void dmasim_hw_start(struct dmasim_hw *hw, unsigned int chan)
{
	struct dmasim_hw_chan *c = &hw->chan[chan];

	WRITE_ONCE(c->held, false);
	wake_up(&c->wait);
}

/**
 * dmasim_hw_reset() - reset a channel
 * @hw: the engine
 * @chan: the channel
 *
 * The engine drops every queued descriptor with DMASIM_RES_ABORTED,
 * moves the head to the tail, raises the interrupt and holds the
 * channel until dmasim_hw_start().
 */
void dmasim_hw_reset(struct dmasim_hw *hw, unsigned int chan)
{
	struct dmasim_hw_chan *c = &hw->chan[chan];

	WRITE_ONCE(c->reset, true);
	wake_up(&c->wait);
}

/**
 * dmasim_hw_irq() - the interrupt of a channel
 * @hw: the engine
 * @chan: the channel
 *
 * Return: its Linux interrupt number.
 */
int dmasim_hw_irq(struct dmasim_hw *hw, unsigned int chan)
{
	return hw->chan[chan].virq;
}

/**
 * dmasim_hw_faults() - the fault knobs of one operation
 * @hw: the engine
 * @op: enum dmasim_op
 *
 * Return: the knobs; the engine reads them as it executes.
 */
struct dmasim_faults *dmasim_hw_faults(struct dmasim_hw *hw, unsigned int op)
{
	return &hw->faults[op];
}

/**
 * dmasim_hw_random_faults() - the probabilistic faults of an engine
 * @hw: the engine
 *
 * Return: its fault attributes; the engine and the driver's prep read
 * them as they go.
 */
struct dmasim_random_faults *dmasim_hw_random_faults(struct dmasim_hw *hw)
{
	return &hw->random;
}

/**
 * dmasim_hw_should_fail() - whether a random fault fires now
 * @hw: the engine
 * @kind: which fault
 * @op: enum dmasim_op of the descriptor (or of the prep)
 * @len: its bytes, for the attribute's space accounting
 *
 * Context: any.
 * Return: true when @op is one the faults apply to and the attribute
 * of @kind says to fail.
 */
bool dmasim_hw_should_fail(struct dmasim_hw *hw, enum dmasim_fault_kind kind,
			   unsigned int op, size_t len)
{
	if (!IS_ENABLED(CONFIG_FAULT_INJECTION) || op >= DMASIM_OP_NR ||
	    !(READ_ONCE(hw->random.ops) & BIT(op)))
		return false;
	return should_fail(&hw->random.attr[kind], len);
}

static const char * const dmasim_fault_names[DMASIM_FAULT_NR] = {
	[DMASIM_FAULT_ERROR] = "fault_error",
	[DMASIM_FAULT_CORRUPT] = "fault_corrupt",
	[DMASIM_FAULT_STALL] = "fault_stall",
	[DMASIM_FAULT_SLOW] = "fault_slow",
	[DMASIM_FAULT_EXHAUST] = "fault_exhaust",
};

/* Every kind off (probability 0), quiet, for every operation. */
static void dmasim_random_init(struct dmasim_random_faults *r)
{
#ifdef CONFIG_FAULT_INJECTION
	static const struct fault_attr off = FAULT_ATTR_INITIALIZER;
	int i;

	for (i = 0; i < DMASIM_FAULT_NR; i++) {
		r->attr[i] = off;
		ratelimit_state_init(&r->attr[i].ratelimit_state, 0,
				     DEFAULT_RATELIMIT_BURST);
		r->attr[i].verbose = 0;
	}
#endif
	r->ops = BIT(DMASIM_OP_NR) - 1;
	r->slow_us = 1000;
	atomic_long_set(&r->refused, 0);
}

static int dmasim_refused_get(void *data, u64 *val)
{
	*val = atomic_long_read(data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(dmasim_refused_fops, dmasim_refused_get, NULL,
			 "%llu\n");

static void dmasim_hw_debugfs(struct dmasim_hw *hw, struct dentry *dir)
{
	char name[32];
	int i;

	for (i = 1; i < DMASIM_OP_NR; i++) {
		struct dmasim_faults *f = &hw->faults[i];

		snprintf(name, sizeof(name), "fail_%s", dmasim_op_names[i]);
		debugfs_create_u32(name, 0600, dir, &f->fail_every);
		snprintf(name, sizeof(name), "corrupt_%s", dmasim_op_names[i]);
		debugfs_create_u32(name, 0600, dir, &f->corrupt_every);
		snprintf(name, sizeof(name), "stall_%s", dmasim_op_names[i]);
		debugfs_create_u32(name, 0600, dir, &f->stall_every);
	}
	/* absent without CONFIG_FAULT_INJECTION_DEBUG_FS */
	for (i = 0; i < DMASIM_FAULT_NR; i++)
		fault_create_debugfs_attr(dmasim_fault_names[i], dir,
					  &hw->random.attr[i]);
	debugfs_create_x32("fault_ops", 0600, dir, &hw->random.ops);
	debugfs_create_u32("slow_us", 0600, dir, &hw->random.slow_us);
	debugfs_create_file_unsafe("prep_refused", 0400, dir,
				   &hw->random.refused, &dmasim_refused_fops);
	debugfs_create_u32("latency_ns", 0600, dir, &hw->cfg.latency_ns);
	debugfs_create_u32("ns_per_kib", 0600, dir, &hw->cfg.ns_per_kib);
	debugfs_create_u32("coalesce", 0600, dir, &hw->cfg.coalesce);
	for (i = 0; i < hw->cfg.chans; i++) {
		struct dmasim_hw_chan *c = &hw->chan[i];
		struct dentry *cd;

		snprintf(name, sizeof(name), "chan%d", i);
		cd = debugfs_create_dir(name, dir);
		debugfs_create_u64("ops", 0400, cd, &c->ops);
		debugfs_create_u64("bytes", 0400, cd, &c->bytes);
		debugfs_create_u64("errors_injected", 0400, cd, &c->injected);
		debugfs_create_u32("head", 0400, cd, &c->head);
		debugfs_create_u32("tail", 0400, cd, &c->tail);
		debugfs_create_bool("stalled", 0400, cd, &c->stalled);
		debugfs_create_bool("held", 0400, cd, &c->held);
	}
}

/**
 * dmasim_hw_create() - build a simulated engine
 * @dev: the device whose bus addresses the engine is given
 * @cfg: channels, ring size and timing
 * @debugfs: directory for its fault knobs and counters, or NULL
 *
 * Context: process context.
 * Return: the engine, or an ERR_PTR().
 */
struct dmasim_hw *dmasim_hw_create(struct device *dev,
				   const struct dmasim_hw_config *cfg,
				   struct dentry *debugfs)
{
	struct dmasim_hw *hw;
	int i, err;

	if (!cfg->chans || cfg->chans > DMASIM_MAX_CHANS || cfg->ring_size < 2)
		return ERR_PTR(-EINVAL);
	hw = kzalloc(sizeof(*hw), GFP_KERNEL);
	if (!hw)
		return ERR_PTR(-ENOMEM);
	hw->dev = dev;
	hw->cfg = *cfg;
	dmasim_random_init(&hw->random);
	hw->domain = irq_domain_create_sim(NULL, cfg->chans);
	if (IS_ERR(hw->domain)) {
		err = PTR_ERR(hw->domain);
		goto free_hw;
	}
	for (i = 0; i < cfg->chans; i++) {
		struct dmasim_hw_chan *c = &hw->chan[i];

		c->hw = hw;
		c->id = i;
		spin_lock_init(&c->exec_lock);
		init_waitqueue_head(&c->wait);
		c->ring = kcalloc(cfg->ring_size, sizeof(*c->ring), GFP_KERNEL);
		c->virq = irq_create_mapping(hw->domain, i);
		if (!c->ring || !c->virq) {
			err = -ENOMEM;
			goto stop_chans;
		}
		c->thread = kthread_run(dmasim_engine, c, "dmasim-%s-%d",
					dev_name(dev), i);
		if (IS_ERR(c->thread)) {
			err = PTR_ERR(c->thread);
			c->thread = NULL;
			goto stop_chans;
		}
	}
	if (debugfs)
		dmasim_hw_debugfs(hw, debugfs);
	return hw;

stop_chans:
	dmasim_hw_destroy(hw);
	return ERR_PTR(err);
free_hw:
	kfree(hw);
	return ERR_PTR(err);
}

/**
 * dmasim_hw_destroy() - take an engine apart
 * @hw: the engine; its interrupts must no longer be requested
 *
 * Context: process context.
 */
void dmasim_hw_destroy(struct dmasim_hw *hw)
{
	int i;

	for (i = 0; i < hw->cfg.chans; i++) {
		struct dmasim_hw_chan *c = &hw->chan[i];

		if (c->thread)
			kthread_stop(c->thread);
		if (c->virq)
			irq_dispose_mapping(c->virq);
		kfree(c->ring);
	}
	irq_domain_remove_sim(hw->domain);
	kfree(hw);
}
