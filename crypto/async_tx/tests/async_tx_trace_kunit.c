// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for what async_tx reports: its trace events, recorded by
 * probes on the tracepoints, and its per-channel counters against its
 * global ones.
 */

#include <kunit/test.h>
#include <linux/async_tx.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/tracepoint.h>

#include "../async_tx_internal.h"
#include "async_tx_test.h"

#ifdef CONFIG_TRACEPOINTS

/* ------------------------------------------------------------------ */
/* A recorder of async_tx events                                      */
/* ------------------------------------------------------------------ */

enum ev_type { EV_OP, EV_PATH, EV_PARK, EV_RELEASE, EV_COMPLETE,
	       EV_CPU_DONE, EV_REPAIR };

/**
 * struct ev - one recorded event; fields an event lacks stay 0
 * @type: which event
 * @kind: the operation (enum async_op_kind)
 * @path: for EV_PATH
 * @result: for EV_COMPLETE (enum dmaengine_tx_result)
 * @residue: for EV_COMPLETE
 * @how: for EV_REPAIR (enum async_repair)
 * @srcs: for EV_OP
 * @id: the operation's id (EV_PATH, EV_COMPLETE, EV_CPU_DONE, EV_REPAIR)
 * @parent: for EV_PARK and EV_RELEASE
 * @child: for EV_PARK and EV_RELEASE
 * @chan: the channel named, or NULL
 */
struct ev {
	enum ev_type type;
	int kind, path, result, how, srcs;
	u32 residue;
	const void *id, *parent, *child;
	struct dma_chan *chan;
};

#define MAX_EV	32

/**
 * struct ev_log - what the probes recorded
 * @lock: protects @n and @ev: probes run wherever the events fire
 * @n: events seen, including those beyond @ev's room
 * @ev: the first MAX_EV of them
 */
struct ev_log {
	spinlock_t lock;	/* @n, @ev */
	int n;
	struct ev ev[MAX_EV];
};

static void ev_add(struct ev_log *log, const struct ev *e)
{
	unsigned long flags;

	spin_lock_irqsave(&log->lock, flags);
	if (log->n < MAX_EV)
		log->ev[log->n] = *e;
	log->n++;
	spin_unlock_irqrestore(&log->lock, flags);
}

static void probe_op(void *data, enum async_op_kind kind, size_t len,
		     int srcs, unsigned int flags)
{
	struct ev e = { .type = EV_OP, .kind = kind, .srcs = srcs };

	ev_add(data, &e);
}

static void probe_path(void *data, const void *id, enum async_op_kind kind,
		       struct dma_chan *chan, enum async_path path, size_t len)
{
	struct ev e = { .type = EV_PATH, .id = id, .kind = kind,
			.chan = chan, .path = path };

	ev_add(data, &e);
}

static void probe_park(void *data, struct dma_async_tx_descriptor *parent,
		       struct dma_async_tx_descriptor *child)
{
	struct ev e = { .type = EV_PARK, .parent = parent, .child = child };

	ev_add(data, &e);
}

static void probe_release(void *data, struct dma_async_tx_descriptor *parent,
			  struct dma_async_tx_descriptor *child)
{
	struct ev e = { .type = EV_RELEASE, .parent = parent, .child = child };

	ev_add(data, &e);
}

static void probe_complete(void *data, const void *id,
			   enum async_op_kind kind, struct dma_chan *chan,
			   enum dmaengine_tx_result result, u32 residue)
{
	struct ev e = { .type = EV_COMPLETE, .id = id, .kind = kind,
			.chan = chan, .result = result, .residue = residue };

	ev_add(data, &e);
}

static void probe_cpu_done(void *data, const void *id,
			   enum async_op_kind kind)
{
	struct ev e = { .type = EV_CPU_DONE, .id = id, .kind = kind };

	ev_add(data, &e);
}

static void probe_repair(void *data, const void *id, enum async_op_kind kind,
			 struct dma_chan *chan, enum async_repair how,
			 unsigned int passes)
{
	struct ev e = { .type = EV_REPAIR, .id = id, .kind = kind,
			.chan = chan, .how = how };

	ev_add(data, &e);
}

static void ev_log_stop(void *data)
{
	unregister_trace_async_tx_op(probe_op, data);
	unregister_trace_async_tx_path(probe_path, data);
	unregister_trace_async_tx_park(probe_park, data);
	unregister_trace_async_tx_release(probe_release, data);
	unregister_trace_async_tx_complete(probe_complete, data);
	unregister_trace_async_tx_cpu_done(probe_cpu_done, data);
	unregister_trace_async_tx_repair(probe_repair, data);
	/* no probe may still be running on the log when the test frees it */
	tracepoint_synchronize_unregister();
}

/* Record async_tx's events from now until the test ends. */
static struct ev_log *ev_log_start(struct kunit *test)
{
	struct ev_log *log = kunit_kzalloc(test, sizeof(*log), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, log);
	spin_lock_init(&log->lock);
	KUNIT_ASSERT_EQ(test, register_trace_async_tx_op(probe_op, log), 0);
	KUNIT_ASSERT_EQ(test, register_trace_async_tx_path(probe_path, log), 0);
	KUNIT_ASSERT_EQ(test, register_trace_async_tx_park(probe_park, log), 0);
	KUNIT_ASSERT_EQ(test,
			register_trace_async_tx_release(probe_release, log), 0);
	KUNIT_ASSERT_EQ(test,
			register_trace_async_tx_complete(probe_complete, log),
			0);
	KUNIT_ASSERT_EQ(test,
			register_trace_async_tx_cpu_done(probe_cpu_done, log),
			0);
	KUNIT_ASSERT_EQ(test, register_trace_async_tx_repair(probe_repair, log),
			0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, ev_log_stop, log),
			0);
	return log;
}

/* Stop recording now: what the log holds is final. */
static void ev_log_end(struct kunit *test, struct ev_log *log)
{
	kunit_release_action(test, ev_log_stop, log);
}

static const char * const ev_names[] = {
	[EV_OP] = "op", [EV_PATH] = "path", [EV_PARK] = "park",
	[EV_RELEASE] = "release", [EV_COMPLETE] = "complete",
	[EV_CPU_DONE] = "cpu_done", [EV_REPAIR] = "repair",
};

/* The log holds exactly the events of types @want, in that order. */
static void expect_types(struct kunit *test, struct ev_log *log,
			 const enum ev_type *want, int n)
{
	int i;

	KUNIT_ASSERT_EQ_MSG(test, log->n, n, "events recorded");
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_STREQ_MSG(test, ev_names[log->ev[i].type],
				       ev_names[want[i]], "event %d", i);
}

static struct dma_chan *fx_chan(struct dma_fx *fx)
{
	return &fx->chans[0].chan;
}

/* ------------------------------------------------------------------ */
/* Events                                                             */
/* ------------------------------------------------------------------ */

/*
 * A copy on one engine, then an xor of its result on another that fails
 * the xor without writing it.  The xor parks behind the copy, is
 * released by the copy's completion, is recomputed on the CPU and
 * completes with the engine's error; the data is right.
 */
static void chain_with_failure_traces_every_step(struct kunit *test)
{
	static const struct dma_fx_profile copier = {
		.name = "copier", .caps = BIT(DMA_MEMCPY), .descs = 8,
	};
	static const struct dma_fx_profile xorer = {
		.name = "xorer", .caps = BIT(DMA_XOR), .max_xor = 4,
		.descs = 8,
	};
	static const enum ev_type want[] = {
		EV_OP, EV_PATH,				/* copy submitted */
		EV_OP, EV_PATH, EV_PARK,		/* xor parked */
		EV_COMPLETE, EV_RELEASE,		/* copy done */
		EV_REPAIR, EV_COMPLETE,			/* xor failed */
	};
	struct dma_fx *a = dma_fx_create(test, &copier, 1);
	struct dma_fx *b = dma_fx_create(test, &xorer, 1);
	struct page *src = atx_test_block(test), *other = atx_test_block(test);
	struct page *y = atx_test_block(test), *z = atx_test_block(test);
	struct dma_async_tx_descriptor *copy, *xor;
	struct async_submit_ctl submit;
	struct page *srcs[2] = { y, other };
	u8 *want_z = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	struct cb_arg args[2];
	struct ev_log *log;
	struct cb_log cbs;
	struct ev *e;
	size_t at;

	KUNIT_ASSERT_NOT_NULL(test, want_z);
	for (at = 0; at < PAGE_SIZE; at++)
		want_z[at] = atx_blk_va(src, 0)[at] ^ atx_blk_va(other, 0)[at];
	b->fail_type = DMA_XOR;
	b->fail_every = 1;
	b->fail_how = DMA_FX_FAIL_UNWRITTEN;
	atx_cb_log_init(&cbs, 2);
	args[0] = (struct cb_arg){ &cbs, 1 };
	args[1] = (struct cb_arg){ &cbs, 2 };

	log = ev_log_start(test);
	init_async_submit(&submit, 0, NULL, atx_test_callback, &args[0], NULL);
	copy = async_memcpy(y, src, 0, 0, PAGE_SIZE, &submit);
	init_async_submit(&submit, ASYNC_TX_XOR_ZERO_DST | ASYNC_TX_ACK, copy,
			  atx_test_callback, &args[1], NULL);
	xor = async_xor(z, srcs, 0, 2, PAGE_SIZE, &submit);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	KUNIT_ASSERT_NOT_NULL(test, xor);
	atx_wait_chain(test, &cbs);
	dma_fx_quiet(a);
	dma_fx_quiet(b);
	ev_log_end(test, log);

	EXPECT_SAME(test, atx_blk_va(z, 0), want_z, PAGE_SIZE, "copy->xor");
	KUNIT_EXPECT_EQ(test, atomic_read(&b->failed), 1);
	expect_types(test, log, want, ARRAY_SIZE(want));

	e = log->ev;
	KUNIT_EXPECT_EQ(test, e[0].kind, ASYNC_OP_MEMCPY);
	KUNIT_EXPECT_EQ(test, e[0].srcs, 1);
	KUNIT_EXPECT_EQ(test, e[1].path, ASYNC_PATH_ENGINE);
	KUNIT_EXPECT_PTR_EQ(test, e[1].chan, fx_chan(a));
	KUNIT_EXPECT_EQ(test, e[2].kind, ASYNC_OP_XOR);
	KUNIT_EXPECT_EQ(test, e[2].srcs, 2);
	KUNIT_EXPECT_EQ(test, e[3].path, ASYNC_PATH_ENGINE);
	KUNIT_EXPECT_PTR_EQ(test, e[3].chan, fx_chan(b));
	/* parked behind the copy, released by it */
	KUNIT_EXPECT_PTR_EQ(test, e[4].parent, copy);
	KUNIT_EXPECT_PTR_EQ(test, e[4].child, xor);
	KUNIT_EXPECT_PTR_EQ(test, e[5].id, e[1].id);
	KUNIT_EXPECT_EQ(test, e[5].result, DMA_TRANS_NOERROR);
	KUNIT_EXPECT_PTR_EQ(test, e[6].parent, copy);
	KUNIT_EXPECT_PTR_EQ(test, e[6].child, xor);
	/* the xor: recomputed, then completed with the engine's verdict */
	KUNIT_EXPECT_PTR_EQ(test, e[7].id, e[3].id);
	KUNIT_EXPECT_EQ(test, e[7].how, ASYNC_REPAIR_RECOMPUTED);
	KUNIT_EXPECT_PTR_EQ(test, e[7].chan, fx_chan(b));
	KUNIT_EXPECT_PTR_EQ(test, e[8].id, e[3].id);
	KUNIT_EXPECT_EQ(test, e[8].kind, ASYNC_OP_XOR);
	KUNIT_EXPECT_EQ(test, e[8].result, DMA_TRANS_WRITE_FAILED);
	KUNIT_EXPECT_EQ(test, e[8].residue, PAGE_SIZE);
}

/**
 * struct cpu_case - an operation the CPU runs, and why
 * @name: for the parameter description
 * @prof: the engine registered for it
 * @why: the reason the events and counters must give
 */
struct cpu_case {
	const char *name;
	struct dma_fx_profile prof;
	enum async_path why;
};

static const struct cpu_case cpu_cases[] = {
	{ "no-channel", { .name = "copier", .caps = BIT(DMA_MEMCPY),
			  .descs = 4 }, ASYNC_CPU_NO_CHANNEL },
	{ "alignment", { .name = "aligned", .caps = BIT(DMA_XOR),
			 .max_xor = 4, .align = 6, .descs = 4 },
	  ASYNC_CPU_ALIGNMENT },
	{ "limits", { .name = "xorer", .caps = BIT(DMA_XOR), .max_xor = 4,
		      .descs = 4 }, ASYNC_CPU_LIMITS },
	{ "no-descriptor", { .name = "one", .caps = BIT(DMA_XOR),
			     .max_xor = 4, .descs = 1 },
	  ASYNC_CPU_NO_DESCRIPTOR },
};

static void cpu_case_desc(const struct cpu_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(cpu, cpu_cases, cpu_case_desc);

/*
 * An xor the engine cannot take runs on the CPU: its events say why,
 * name the channel that could not take it (none when none offers xor),
 * and the global and per-channel counters of that reason grow by one
 * (a fallback; without a channel nothing is counted).
 */
static void cpu_path_traces_its_reason(struct kunit *test)
{
	static const enum ev_type want[] = { EV_OP, EV_PATH, EV_CPU_DONE };
	const struct cpu_case *c = test->param_value;
	struct dma_fx *fx = dma_fx_create(test, &c->prof, 1);
	struct page *x = atx_test_block(test), *s[3];
	struct dma_async_tx_descriptor *held = NULL, *tx;
	unsigned long total, chan_total;
	unsigned int off = 0, n = 3;
	struct async_submit_ctl submit;
	size_t len = PAGE_SIZE, at;
	u8 *want_x = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	struct ev_log *log;
	struct one_op op;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, want_x);
	for (i = 0; i < 3; i++)
		s[i] = atx_test_block(test);
	if (c->why == ASYNC_CPU_ALIGNMENT) {
		off = 8;
		len = PAGE_SIZE - 64;
	}
	if (c->why == ASYNC_CPU_LIMITS)
		n = 1;		/* a copy: not worth a descriptor */
	if (c->why == ASYNC_CPU_NO_DESCRIPTOR) {
		/* the only descriptor is taken, not yet issued */
		init_async_submit(&submit, ASYNC_TX_XOR_ZERO_DST, NULL, NULL,
				  NULL, NULL);
		held = async_xor(atx_test_block(test), s, 0, 2, PAGE_SIZE,
				 &submit);
		KUNIT_ASSERT_NOT_NULL(test, held);
	}
	for (at = 0; at < len; at++) {
		want_x[at] = 0;
		for (i = 0; i < n; i++)
			want_x[at] ^= atx_blk_va(s[i], off)[at];
	}
	total = async_tx_stat_sum(ASYNC_STAT_CPU + c->why);
	chan_total = async_tx_chan_stat_sum(fx_chan(fx),
					    ASYNC_CHAN_CPU + c->why);

	log = ev_log_start(test);
	atx_op_begin(&op, &submit, ASYNC_TX_XOR_ZERO_DST, NULL);
	tx = async_xor(x, s, off, n, len, &submit);
	ev_log_end(test, log);
	atx_op_end(test, fx, &op, tx);
	KUNIT_EXPECT_NULL(test, tx);
	if (held)
		async_tx_quiesce(&held);

	EXPECT_SAME(test, atx_blk_va(x, off), want_x, len, "%s", c->name);
	expect_types(test, log, want, ARRAY_SIZE(want));
	KUNIT_EXPECT_EQ(test, log->ev[0].kind, ASYNC_OP_XOR);
	KUNIT_EXPECT_EQ(test, log->ev[0].srcs, n);
	KUNIT_EXPECT_EQ(test, log->ev[1].path, c->why);
	KUNIT_EXPECT_PTR_EQ(test, log->ev[1].id, (void *)&submit);
	KUNIT_EXPECT_PTR_EQ(test, log->ev[1].chan,
			    c->why == ASYNC_CPU_NO_CHANNEL ? NULL : fx_chan(fx));
	KUNIT_EXPECT_PTR_EQ(test, log->ev[2].id, (void *)&submit);
	KUNIT_EXPECT_EQ(test, log->ev[2].kind, ASYNC_OP_XOR);

	/* the CPU's ordinary work, without a channel, is not counted */
	KUNIT_EXPECT_EQ(test, async_tx_stat_sum(ASYNC_STAT_CPU + c->why),
			total + (c->why == ASYNC_CPU_NO_CHANNEL ? 0 : 1));
	KUNIT_EXPECT_EQ(test,
			async_tx_chan_stat_sum(fx_chan(fx),
					       ASYNC_CHAN_CPU + c->why),
			chan_total + (c->why == ASYNC_CPU_NO_CHANNEL ? 0 : 1));
}

#else

static void chain_with_failure_traces_every_step(struct kunit *test)
{
	kunit_skip(test, "needs CONFIG_TRACEPOINTS");
}

static void cpu_path_traces_its_reason(struct kunit *test)
{
	kunit_skip(test, "needs CONFIG_TRACEPOINTS");
}

static const void *cpu_gen_params(const void *prev, char *desc)
{
	return NULL;
}

#endif /* CONFIG_TRACEPOINTS */

/* ------------------------------------------------------------------ */
/* Counters                                                           */
/* ------------------------------------------------------------------ */

static unsigned long chan_ops(struct dma_chan *chan, bool bytes)
{
	unsigned long n = 0;
	int k;

	for (k = 0; k < ASYNC_OP_ENGINE_NR; k++)
		n += async_tx_chan_stat_sum(chan, (bytes ? ASYNC_CHAN_BYTES :
						   ASYNC_CHAN_OPS) + k);
	return n;
}

static unsigned long chan_repairs(struct dma_chan *chan)
{
	return async_tx_chan_stat_sum(chan, ASYNC_CHAN_REPAIR +
					    ASYNC_REPAIR_RECOMPUTED) +
	       async_tx_chan_stat_sum(chan, ASYNC_CHAN_REPAIR +
					    ASYNC_REPAIR_FINISHED);
}

/*
 * Work on two engines, one failing every other xor: what each channel
 * counts (operations by kind, bytes, repairs) adds up to what the
 * global counters grew by, and to what the test submitted.
 */
static void channel_counters_sum_to_totals(struct kunit *test)
{
	static const struct dma_fx_profile copier = {
		.name = "copier", .caps = BIT(DMA_MEMCPY) | BIT(DMA_MEMSET),
		.descs = 16,
	};
	static const struct dma_fx_profile xorer = {
		.name = "xorer", .caps = BIT(DMA_XOR), .max_xor = 8,
		.descs = 16,
	};
	struct dma_fx *a = dma_fx_create(test, &copier, 1);
	struct dma_fx *b = dma_fx_create(test, &xorer, 1);
	unsigned long engine0 = async_tx_stat_sum(ASYNC_STAT_ENGINE);
	unsigned long redone0 = async_tx_stat_sum(ASYNC_STAT_REDONE);
	struct page *s[4], *d = atx_test_block(test);
	struct async_submit_ctl submit;
	struct one_op op;
	int i;

	for (i = 0; i < 4; i++)
		s[i] = atx_test_block(test);
	b->fail_type = DMA_XOR;
	b->fail_every = 2;
	b->fail_how = DMA_FX_FAIL_ABORTED;
	for (i = 0; i < 3; i++) {
		atx_op_begin(&op, &submit, 0, NULL);
		atx_op_end(test, a, &op, async_memcpy(d, s[0], 0, 0, 1024,
						      &submit));
		atx_op_begin(&op, &submit, 0, NULL);
		atx_op_end(test, a, &op, async_memset(d, i, 0, 2048, &submit));
	}
	for (i = 0; i < 4; i++) {
		atx_op_begin(&op, &submit, ASYNC_TX_XOR_ZERO_DST, NULL);
		atx_op_end(test, b, &op, async_xor(d, s, 0, 4, PAGE_SIZE,
						   &submit));
	}

	KUNIT_EXPECT_EQ(test, async_tx_chan_stat_sum(fx_chan(a),
						     ASYNC_CHAN_OPS +
						     ASYNC_OP_MEMCPY), 3);
	KUNIT_EXPECT_EQ(test, async_tx_chan_stat_sum(fx_chan(a),
						     ASYNC_CHAN_OPS +
						     ASYNC_OP_MEMSET), 3);
	KUNIT_EXPECT_EQ(test, async_tx_chan_stat_sum(fx_chan(b),
						     ASYNC_CHAN_OPS +
						     ASYNC_OP_XOR), 4);
	KUNIT_EXPECT_EQ(test, chan_ops(fx_chan(a), true), 3 * 1024 + 3 * 2048);
	KUNIT_EXPECT_EQ(test, chan_ops(fx_chan(b), true), 4 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, chan_ops(fx_chan(a), false) +
			      chan_ops(fx_chan(b), false),
			async_tx_stat_sum(ASYNC_STAT_ENGINE) - engine0);
	KUNIT_EXPECT_EQ(test, chan_repairs(fx_chan(b)), 2);
	KUNIT_EXPECT_EQ(test, chan_repairs(fx_chan(a)) +
			      chan_repairs(fx_chan(b)),
			async_tx_stat_sum(ASYNC_STAT_REDONE) - redone0);
	/* and the engines ran what the channels say they ran */
	KUNIT_EXPECT_EQ(test, dma_fx_executed_all(a), 6);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->failed), 2);
}

static struct kunit_case async_tx_trace_cases[] = {
	KUNIT_CASE(chain_with_failure_traces_every_step),
	KUNIT_CASE_PARAM(cpu_path_traces_its_reason, cpu_gen_params),
	KUNIT_CASE(channel_counters_sum_to_totals),
	{}
};

static struct kunit_suite async_tx_trace_suite = {
	.name = "async_tx_trace",
	.suite_init = atx_suite_init,
	.test_cases = async_tx_trace_cases,
};

kunit_test_suites(&async_tx_trace_suite);
