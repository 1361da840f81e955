// SPDX-License-Identifier: GPL-2.0-only
/*
 * Seeded random stress of async_tx on dmasim engines.
 *
 * Several lanes, each with its own blocks, submit one long chain of
 * random operations of every kind (copy, fill, xor with and without the
 * destination as a source, xor check, syndrome with and without P/Q
 * updated in place, syndrome check, two-data and data+P recovery), any
 * length and offset, every step fenced and with a callback, ended by
 * async_trigger_callback().  The lanes share the engines of a profile
 * combination, which inject faults of one kind or of all kinds.  Every
 * step is replayed at once on shadow copies by the CPU code of this
 * file; when the chains have ended every block must equal its shadow,
 * every check must have given the replay's verdict, every callback must
 * have run once and in order, and async_tx must have lost nothing.
 *
 * The seed is printed with every failure; stress_seed= on the kernel
 * command line (async_tx_stress_kunit.seed=) repeats a run.
 */

#include <kunit/test.h>
#include <linux/async_tx.h>
#include <linux/completion.h>
#include <linux/dmaengine.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/prandom.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "../async_tx_internal.h"
#include "../../../drivers/dma/dmasim/dmasim.h"

static unsigned long long seed;
module_param(seed, ullong, 0444);
MODULE_PARM_DESC(seed, "seed of the stress runs (0: a random one)");

static char *engines;
module_param(engines, charp, 0444);
MODULE_PARM_DESC(engines, "dmasim engines for every case instead of its own");

static unsigned int cases = ~0U;
module_param(cases, uint, 0444);
MODULE_PARM_DESC(cases, "cases to run, BIT(index in the case table) (all)");

static unsigned int ops = ~0U;
module_param(ops, uint, 0444);
MODULE_PARM_DESC(ops, "operations to draw from, BIT(enum stress_op) (all)");

#define LANES		3
#define POOL		20
#define STEPS		120
#define ROUNDS		4
#define MAX_XOR_SRCS	16
#define MAX_DATA	14
#define WAIT_MS		60000

/* GF(2^8) with the raid6 polynomial, built here from scratch */
static u8 st_exp[256], st_mul[256][256];

static void st_gf_init(void)
{
	unsigned int x = 1, i, a, b;
	u8 log[256] = { };

	for (i = 0; i < 255; i++) {
		st_exp[i] = x;
		log[x] = i;
		x <<= 1;
		if (x & 0x100)
			x ^= 0x11d;
	}
	for (a = 1; a < 256; a++)
		for (b = 1; b < 256; b++)
			st_mul[a][b] = st_exp[(log[a] + log[b]) % 255];
}

struct lane;

struct step_arg {
	struct lane *lane;
	int tag;
};

/**
 * struct chain - where a lane is in its chain
 * @l: the lane
 * @tx: the last descriptor, the next step's dependency
 * @args: one callback argument per step, and one for the final callback
 * @step: the next step's number
 */
struct chain {
	struct lane *l;
	struct dma_async_tx_descriptor *tx;
	struct step_arg args[STEPS + 1];
	int step;
};

/**
 * struct lane - one chain and its blocks
 * @test: the test
 * @rnd: the lane's own generator
 * @blk: its blocks
 * @shadow: their expected contents
 * @scratch: the destination a check's CPU path may write
 * @results: each check's verdict, written by async_tx
 * @want: what the replay says each check must give, or -1
 * @calls: how many times each step's callback ran
 * @next: the step whose callback must come next
 * @out_of_order: callbacks that came out of order
 * @err: async_tx's error word for the lane's operations
 * @done: the final callback ran
 * @thread_done: the lane's submitting thread has finished
 * @steps: operations submitted
 * @tmp: two pages of room for the replay
 * @chain: where the lane is in its chain
 */
struct lane {
	struct kunit *test;
	struct rnd_state rnd;
	struct page *blk[POOL];
	u8 *shadow[POOL];
	struct page *scratch;
	enum sum_check_flags results[STEPS];
	int want[STEPS];
	atomic_t calls[STEPS + 1];
	int next;
	atomic_t out_of_order;
	int err;
	struct completion done;
	struct completion thread_done;
	unsigned long steps;
	u8 *tmp[2];
	struct chain chain;
};

static u32 lane_rand(struct lane *l, u32 below)
{
	return prandom_u32_state(&l->rnd) % below;
}

static void step_done(void *param)
{
	struct step_arg *a = param;
	struct lane *l = a->lane;

	atomic_inc(&l->calls[a->tag]);
	if (READ_ONCE(l->next) != a->tag)
		atomic_inc(&l->out_of_order);
	WRITE_ONCE(l->next, a->tag + 1);
	if (a->tag == STEPS)
		complete(&l->done);
}

/* a random permutation's head: distinct blocks */
static void lane_pick(struct lane *l, int *pick)
{
	int i;

	for (i = 0; i < POOL; i++)
		pick[i] = i;
	for (i = POOL - 1; i > 0; i--) {
		int j = lane_rand(l, i + 1);

		swap(pick[i], pick[j]);
	}
}

/* Length and offset: half of them engine friendly, half anything. */
static void lane_geometry(struct lane *l, size_t *len, unsigned int *off)
{
	if (lane_rand(l, 2)) {
		*len = 64 * (1 + lane_rand(l, PAGE_SIZE / 64));
		*off = 64 * lane_rand(l, (PAGE_SIZE - *len) / 64 + 1);
	} else {
		*len = 1 + lane_rand(l, PAGE_SIZE);
		*off = lane_rand(l, PAGE_SIZE - *len + 1);
	}
}

static void ref_xor(u8 *dest, u8 **src, int n, size_t len, bool zero)
{
	size_t i;
	int s;

	for (i = 0; i < len; i++) {
		u8 x = zero ? 0 : dest[i];

		for (s = 0; s < n; s++)
			x ^= src[s][i];
		dest[i] = x;
	}
}

/* P and Q of @nd data blocks, into @p and @q or xored into them */
static void ref_pq(u8 **d, int nd, u8 *p, u8 *q, size_t len, bool xor_dst)
{
	size_t i;
	int k;

	for (i = 0; i < len; i++) {
		u8 pp = 0, qq = 0;

		for (k = 0; k < nd; k++) {
			pp ^= d[k][i];
			qq ^= st_mul[st_exp[k]][d[k][i]];
		}
		p[i] = xor_dst ? p[i] ^ pp : pp;
		q[i] = xor_dst ? q[i] ^ qq : qq;
	}
}

static void chain_submit(struct chain *c, struct async_submit_ctl *submit,
			 enum async_tx_flags flags, void *scribble)
{
	c->args[c->step] = (struct step_arg){ c->l, c->step };
	init_async_submit(submit, ASYNC_TX_FENCE | flags, c->tx, step_done,
			  &c->args[c->step], scribble);
	submit->err = &c->l->err;
	c->l->steps++;
}

static void chain_next(struct chain *c, struct dma_async_tx_descriptor *tx)
{
	c->tx = tx;
	c->step++;
}

static void do_copy(struct chain *c, int *pick)
{
	struct lane *l = c->l;
	struct async_submit_ctl submit;
	unsigned int doff, soff;
	size_t len;

	lane_geometry(l, &len, &doff);
	soff = lane_rand(l, 2) ? doff : lane_rand(l, PAGE_SIZE - len + 1);
	memcpy(l->shadow[pick[0]] + doff, l->shadow[pick[1]] + soff, len);
	chain_submit(c, &submit, 0, NULL);
	chain_next(c, async_memcpy(l->blk[pick[0]], l->blk[pick[1]], doff,
				   soff, len, &submit));
}

static void do_fill(struct chain *c, int blk, int val, size_t len,
		    unsigned int off)
{
	struct lane *l = c->l;
	struct async_submit_ctl submit;

	memset(l->shadow[blk] + off, val, len);
	chain_submit(c, &submit, 0, NULL);
	chain_next(c, async_memset(l->blk[blk], val, off, len, &submit));
}

/* xor of blocks pick[1..n] into pick[0]; with the old pick[0] or not */
static void do_xor(struct chain *c, int *pick, int n, size_t len,
		   unsigned int off, bool zero)
{
	struct lane *l = c->l;
	struct page *srcs[MAX_XOR_SRCS];
	u8 *ref[MAX_XOR_SRCS];
	struct async_submit_ctl submit;
	int i;

	for (i = 0; i < n; i++) {
		srcs[i] = l->blk[pick[1 + i]];
		ref[i] = l->shadow[pick[1 + i]] + off;
	}
	ref_xor(l->shadow[pick[0]] + off, ref, n, len, zero);
	chain_submit(c, &submit, zero ? ASYNC_TX_XOR_ZERO_DST : 0, NULL);
	chain_next(c, async_xor(l->blk[pick[0]], srcs, off, n, len, &submit));
}

/* whether blocks pick[0..n) xor to zero, checked by async_xor_val */
static void do_xor_val(struct chain *c, int *pick, int n, size_t len,
		       unsigned int off)
{
	struct lane *l = c->l;
	struct page *srcs[MAX_XOR_SRCS + 1];
	struct async_submit_ctl submit;
	int i, s = c->step;
	size_t at;
	u8 x;

	for (i = 0; i < n; i++)
		srcs[i] = l->blk[pick[i]];
	l->want[s] = 0;
	for (at = 0; at < len && !l->want[s]; at++) {
		for (x = 0, i = 0; i < n; i++)
			x ^= l->shadow[pick[i]][off + at];
		if (x)
			l->want[s] = SUM_CHECK_P_RESULT;
	}
	l->results[s] = ~0;
	chain_submit(c, &submit, 0, NULL);
	chain_next(c, async_xor_val(l->scratch, srcs, off, n, len,
				    &l->results[s], &submit));
}

/**
 * struct stripe_view - a stripe of a lane's blocks: data, P, Q
 * @blocks: its pages
 * @offs: the offset in each
 * @ref: where the replay keeps each block's expected contents
 */
struct stripe_view {
	struct page *blocks[MAX_DATA + 2];
	unsigned int offs[MAX_DATA + 2];
	u8 *ref[MAX_DATA + 2];
};

/* data pick[0..nd), P, Q */
static void stripe_of(struct lane *l, int *pick, int nd, unsigned int off,
		      struct stripe_view *v)
{
	int i;

	for (i = 0; i < nd + 2; i++) {
		v->blocks[i] = l->blk[pick[i]];
		v->offs[i] = off;
		v->ref[i] = l->shadow[pick[i]] + off;
	}
}

static void do_pq(struct chain *c, int *pick, int nd, size_t len,
		  unsigned int off, bool xor_dst)
{
	struct lane *l = c->l;
	struct async_submit_ctl submit;
	struct stripe_view v;

	stripe_of(l, pick, nd, off, &v);
	ref_pq(v.ref, nd, v.ref[nd], v.ref[nd + 1], len, xor_dst);
	chain_submit(c, &submit, xor_dst ? ASYNC_TX_PQ_XOR_DST : 0, NULL);
	chain_next(c, async_gen_syndrome(v.blocks, v.offs, nd + 2, len,
					 &submit));
}

static void do_pq_val(struct chain *c, int *pick, int nd, size_t len,
		      unsigned int off)
{
	struct lane *l = c->l;
	struct async_submit_ctl submit;
	struct stripe_view v;
	u8 *p = l->tmp[0], *q = l->tmp[1];
	int s = c->step;

	stripe_of(l, pick, nd, off, &v);
	ref_pq(v.ref, nd, p, q, len, false);
	l->want[s] = (memcmp(p, v.ref[nd], len) ? SUM_CHECK_P_RESULT : 0) |
		     (memcmp(q, v.ref[nd + 1], len) ? SUM_CHECK_Q_RESULT : 0);
	l->results[s] = ~0;
	chain_submit(c, &submit, 0, NULL);
	chain_next(c, async_syndrome_val(v.blocks, v.offs, nd + 2, len,
					 &l->results[s], l->scratch, 0,
					 &submit));
}

/*
 * Syndrome, then the lost blocks overwritten, then rebuilt: two data
 * blocks, or one and P.  The replay puts back what they held.
 */
static void do_recover(struct chain *c, int *pick, int nd, size_t len,
		       unsigned int off)
{
	struct lane *l = c->l;
	struct async_submit_ctl submit;
	struct stripe_view v;
	int a = lane_rand(l, nd), b = lane_rand(l, nd + 1);

	if (b == a)
		b = nd;		/* data and P */
	if (b < a)
		swap(a, b);
	do_pq(c, pick, nd, len, off, false);
	stripe_of(l, pick, nd, off, &v);
	memcpy(l->tmp[0], v.ref[a], len);
	memcpy(l->tmp[1], v.ref[b], len);
	do_fill(c, pick[a], 0x5a, len, off);
	do_fill(c, pick[b], 0xa5, len, off);
	/* what the recovery must give back */
	memcpy(v.ref[a], l->tmp[0], len);
	memcpy(v.ref[b], l->tmp[1], len);
	chain_submit(c, &submit, 0, NULL);
	if (b == nd)
		chain_next(c, async_raid6_datap_recov(nd + 2, len, a, v.blocks,
						      v.offs, &submit));
	else
		chain_next(c, async_raid6_2data_recov(nd + 2, len, a, b,
						      v.blocks, v.offs,
						      &submit));
}

enum stress_op {
	ST_COPY, ST_FILL, ST_XOR, ST_XOR_VAL, ST_PQ, ST_PQ_VAL, ST_RECOVER,
	ST_OPS
};

/* One random operation (or a short sequence of them), replayed. */
static void chain_step(struct chain *c)
{
	struct lane *l = c->l;
	int pick[POOL], n, nd, op;
	unsigned int off;
	size_t len;

	lane_pick(l, pick);
	lane_geometry(l, &len, &off);
	n = 2 + lane_rand(l, MAX_XOR_SRCS - 1);
	nd = 2 + lane_rand(l, MAX_DATA - 1);
	do {
		op = lane_rand(l, ST_OPS);
	} while (!(ops & BIT(op)) && (ops & (BIT(ST_OPS) - 1)));
	switch (op) {
	case ST_COPY:
		do_copy(c, pick);
		break;
	case ST_FILL:
		do_fill(c, pick[0], lane_rand(l, 256), len, off);
		break;
	case ST_XOR:
		do_xor(c, pick, n, len, off, lane_rand(l, 2));
		break;
	case ST_XOR_VAL:
		/* half of them on blocks an xor just made consistent */
		if (lane_rand(l, 2) && c->step + 2 <= STEPS)
			do_xor(c, pick, n - 1, len, off, true);
		do_xor_val(c, pick, n, len, off);
		break;
	case ST_PQ:
		do_pq(c, pick, nd, len, off, lane_rand(l, 3) == 0);
		break;
	case ST_PQ_VAL:
		if (lane_rand(l, 2) && c->step + 2 <= STEPS)
			do_pq(c, pick, nd, len, off, false);
		do_pq_val(c, pick, nd, len, off);
		break;
	default:
		if (c->step + 4 <= STEPS)
			do_recover(c, pick, nd, len, off);
		else
			do_copy(c, pick);
		break;
	}
}

/* End a lane's chain with async_trigger_callback() and wait for it. */
static void lane_end(struct lane *l)
{
	struct chain *c = &l->chain;
	struct async_submit_ctl submit;

	c->args[STEPS] = (struct step_arg){ l, STEPS };
	init_async_submit(&submit, ASYNC_TX_ACK, c->tx, step_done,
			  &c->args[STEPS], NULL);
	async_trigger_callback(&submit);
	async_tx_issue_pending_all();
}

static void lane_wait(struct lane *l)
{
	if (!wait_for_completion_timeout(&l->done, msecs_to_jiffies(WAIT_MS)))
		KUNIT_FAIL(l->test, "lane: the final callback never ran");
}

static int lane_thread(void *data)
{
	struct lane *l = data;

	while (l->chain.step < STEPS)
		chain_step(&l->chain);
	lane_end(l);
	lane_wait(l);
	complete(&l->thread_done);
	return 0;
}

static void lane_init(struct kunit *test, struct lane *l, u64 s)
{
	int i;

	l->test = test;
	prandom_seed_state(&l->rnd, s);
	for (i = 0; i < POOL; i++) {
		l->blk[i] = alloc_page(GFP_KERNEL);
		l->shadow[i] = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
		KUNIT_ASSERT_TRUE(test, l->blk[i] && l->shadow[i]);
		prandom_bytes_state(&l->rnd, l->shadow[i], PAGE_SIZE);
		memcpy(page_address(l->blk[i]), l->shadow[i], PAGE_SIZE);
	}
	l->scratch = alloc_page(GFP_KERNEL);
	l->tmp[0] = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	l->tmp[1] = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, l->scratch && l->tmp[0] && l->tmp[1]);
}

static void lane_free(struct lane *l)
{
	int i;

	for (i = 0; i < POOL; i++)
		if (l->blk[i])
			__free_page(l->blk[i]);
	if (l->scratch)
		__free_page(l->scratch);
}

static void lane_round_start(struct lane *l)
{
	int i;

	for (i = 0; i <= STEPS; i++)
		atomic_set(&l->calls[i], 0);
	for (i = 0; i < STEPS; i++)
		l->want[i] = -1;
	l->next = 0;
	memset(&l->chain, 0, sizeof(l->chain));
	l->chain.l = l;
	init_completion(&l->done);
	init_completion(&l->thread_done);
}

/* What a client of the lane can see: data, verdicts, callbacks, errors. */
static void lane_check(struct kunit *test, struct lane *l, int nr, int round,
		       u64 s)
{
	int i, bad = 0;

	for (i = 0; i < POOL; i++) {
		const u8 *got = page_address(l->blk[i]);
		size_t at;

		for (at = 0; at < PAGE_SIZE; at++)
			if (got[at] != l->shadow[i][at])
				break;
		if (at < PAGE_SIZE) {
			bad++;
			KUNIT_FAIL(test,
				   "seed %llu lane %d round %d: block %d differs from the replay at byte %zu (%02x, want %02x)",
				   s, nr, round, i, at, got[at],
				   l->shadow[i][at]);
		}
	}
	for (bad = 0, i = 0; i <= STEPS; i++)
		if (atomic_read(&l->calls[i]) != 1 && bad++ < 4)
			KUNIT_FAIL(test,
				   "seed %llu lane %d round %d: callback of step %d ran %d times",
				   s, nr, round, i, atomic_read(&l->calls[i]));
	for (bad = 0, i = 0; i < STEPS; i++)
		if (l->want[i] >= 0 && l->results[i] != l->want[i] &&
		    bad++ < 4)
			KUNIT_FAIL(test,
				   "seed %llu lane %d round %d: check at step %d gave %#x, want %#x",
				   s, nr, round, i, l->results[i], l->want[i]);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&l->out_of_order), 0,
			    "seed %llu lane %d round %d: callbacks out of order",
			    s, nr, round);
	KUNIT_EXPECT_EQ_MSG(test, l->err, 0,
			    "seed %llu lane %d round %d: async_tx reported a lost result",
			    s, nr, round);
}

/* ------------------------------------------------------------------ */
/* Engines and faults                                                 */
/* ------------------------------------------------------------------ */

enum stress_fault {
	SF_NONE,	/* engines that work */
	SF_FAIL,	/* every 7th descriptor of each kind reports an error */
	SF_STALL,	/* every 29th stalls until the watchdog resets it */
	SF_EXHAUST,	/* 3 % of preps find no descriptor */
	SF_RANDOM,	/* errors, stalls and refusals at random */
	SF_ALL,		/* the fixed ones and exhaustion together */
	SF_NR,
};

static const char * const fault_names[SF_NR] = {
	"none", "fail", "stall", "exhaust", "random", "all",
};

struct stress_param {
	const char *engines;	/* ';'-separated dmasim specs */
	enum stress_fault fault;
	bool threads;		/* one kthread per lane, else one submitter */
};

static const struct stress_param stress_params[] = {
	{ "iop-adma;memcpy;ioat", SF_NONE, false },
	{ "iop-adma;memcpy;ioat", SF_FAIL, false },
	{ "iop-adma;memcpy;ioat", SF_STALL, false },
	{ "iop-adma;memcpy;ioat", SF_EXHAUST, false },
	{ "iop-adma;memcpy;ioat", SF_RANDOM, false },
	{ "iop-adma;memcpy;ioat", SF_ALL, false },
	{ "iop-adma;memcpy;ioat", SF_ALL, true },
	{ "iop-adma;memcpy;ioat", SF_RANDOM, true },
	{ "ioat;memcpy", SF_ALL, true },
	{ "iop-adma", SF_ALL, false },
	{ "ioat", SF_RANDOM, true },
	{ "ioat", SF_NONE, true },
	{ "ioat", SF_FAIL, true },
	{ "ioat", SF_STALL, true },
	{ "ioat", SF_EXHAUST, true },
};

static void stress_param_desc(const struct stress_param *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s %s %s", p->engines,
		 fault_names[p->fault], p->threads ? "threads" : "one-thread");
}

KUNIT_ARRAY_PARAM(stress, stress_params, stress_param_desc);

#define MAX_ENGINES	4

static const u8 faulty_ops[] = {
	DMASIM_OP_COPY, DMASIM_OP_FILL, DMASIM_OP_XOR, DMASIM_OP_XOR_CHECK,
	DMASIM_OP_PQ, DMASIM_OP_PQ_CHECK,
};

static void arm_every(struct kunit *test, int id, enum dmasim_periodic what,
		      u32 every)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(faulty_ops); i++)
		KUNIT_ASSERT_EQ(test, dmasim_set_every(id, faulty_ops[i], what,
						       every), 0);
}

static void arm_random(struct kunit *test, int id, enum dmasim_fault_kind kind,
		       unsigned int percent)
{
	KUNIT_ASSERT_EQ(test, dmasim_set_random(id, kind, percent, -1), 0);
}

static void arm_faults(struct kunit *test, int id, enum stress_fault f)
{
	if (f == SF_FAIL || f == SF_ALL)
		arm_every(test, id, DMASIM_EVERY_FAIL, 7);
	if (f == SF_STALL || f == SF_ALL)
		arm_every(test, id, DMASIM_EVERY_STALL, f == SF_ALL ? 113 : 29);
	KUNIT_ASSERT_EQ(test, dmasim_set_random_ops(id, ~0U), 0);
	if (f == SF_EXHAUST || f == SF_ALL || f == SF_RANDOM)
		arm_random(test, id, DMASIM_FAULT_EXHAUST, 3);
	if (f == SF_RANDOM) {
		arm_random(test, id, DMASIM_FAULT_ERROR, 4);
		arm_random(test, id, DMASIM_FAULT_STALL, 1);
	}
}

static void del_engines(void *data)
{
	int *ids = data, i;

	for (i = 0; i < MAX_ENGINES; i++)
		if (ids[i] >= 0)
			dmasim_del_device(ids[i]);
}

static void free_lanes(void *data)
{
	struct lane *lanes = data;
	int i;

	for (i = 0; i < LANES; i++)
		lane_free(&lanes[i]);
}

static u64 stress_seed(void)
{
	static u64 s;

	if (!s)
		s = seed ? seed : get_random_u64();
	return s;
}

static void random_chains_with_faults(struct kunit *test)
{
	const struct stress_param *p = test->param_value;
	unsigned long lost0, redone0, engine0;
	char *specs, *list, *spec;
	struct lane *lanes;
	int *ids, i, round;
	u64 s = stress_seed();

	if (!(cases & BIT(test->param_index)))
		kunit_skip(test, "not among cases=%#x", cases);
	if ((p->fault == SF_EXHAUST || p->fault == SF_RANDOM ||
	     p->fault == SF_ALL) && !IS_ENABLED(CONFIG_FAULT_INJECTION))
		kunit_skip(test, "needs CONFIG_FAULT_INJECTION");

	ids = kunit_kmalloc_array(test, MAX_ENGINES, sizeof(*ids), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ids);
	for (i = 0; i < MAX_ENGINES; i++)
		ids[i] = -1;
	KUNIT_ASSERT_EQ(test,
			kunit_add_action_or_reset(test, del_engines, ids), 0);
	specs = kunit_kstrdup(test, engines ?: p->engines, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, specs);
	list = specs;
	for (i = 0; (spec = strsep(&list, ";")) && i < MAX_ENGINES; i++) {
		ids[i] = dmasim_new_device(spec);
		KUNIT_ASSERT_GE_MSG(test, ids[i], 0, "cannot create %s", spec);
		arm_faults(test, ids[i], p->fault);
	}

	lanes = kunit_kzalloc(test, LANES * sizeof(*lanes), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, lanes);
	KUNIT_ASSERT_EQ(test,
			kunit_add_action_or_reset(test, free_lanes, lanes), 0);
	for (i = 0; i < LANES; i++)
		lane_init(test, &lanes[i], s + i + 1000 * test->param_index);

	lost0 = async_tx_stat_sum(ASYNC_STAT_LOST);
	redone0 = async_tx_stat_sum(ASYNC_STAT_REDONE);
	engine0 = async_tx_stat_sum(ASYNC_STAT_ENGINE);
	for (round = 0; round < ROUNDS; round++) {
		for (i = 0; i < LANES; i++)
			lane_round_start(&lanes[i]);
		if (p->threads) {
			for (i = 0; i < LANES; i++) {
				struct task_struct *t;

				t = kthread_create(lane_thread, &lanes[i],
						   "atx_stress/%d", i);
				KUNIT_ASSERT_FALSE(test, IS_ERR(t));
				kthread_bind(t, i % num_online_cpus());
				wake_up_process(t);
			}
			for (i = 0; i < LANES; i++)
				wait_for_completion(&lanes[i].thread_done);
		} else {
			/* one submitter: the lanes' chains interleave */
			while (lanes[0].chain.step < STEPS ||
			       lanes[1].chain.step < STEPS ||
			       lanes[2].chain.step < STEPS)
				for (i = 0; i < LANES; i++)
					if (lanes[i].chain.step < STEPS)
						chain_step(&lanes[i].chain);
			for (i = 0; i < LANES; i++)
				lane_end(&lanes[i]);
			for (i = 0; i < LANES; i++)
				lane_wait(&lanes[i]);
		}
		for (i = 0; i < LANES; i++)
			lane_check(test, &lanes[i], i, round, s);
		if (test->status == KUNIT_FAILURE)
			break;
	}
	kunit_info(test,
		   "seed %llu: %lu steps, %lu on engines, %lu recomputed, %lu lost\n",
		   s, lanes[0].steps + lanes[1].steps + lanes[2].steps,
		   async_tx_stat_sum(ASYNC_STAT_ENGINE) - engine0,
		   async_tx_stat_sum(ASYNC_STAT_REDONE) - redone0,
		   async_tx_stat_sum(ASYNC_STAT_LOST) - lost0);
	KUNIT_EXPECT_EQ_MSG(test, async_tx_stat_sum(ASYNC_STAT_LOST) - lost0,
			    0UL, "seed %llu: errors_unrecoverable grew", s);
	if (p->fault == SF_NONE)
		KUNIT_EXPECT_GT(test, async_tx_stat_sum(ASYNC_STAT_ENGINE) -
				engine0, 100UL);
	/* errors and stalls did happen, and were repaired */
	if (p->fault != SF_NONE && p->fault != SF_EXHAUST)
		KUNIT_EXPECT_GT_MSG(test, async_tx_stat_sum(ASYNC_STAT_REDONE) -
				    redone0, 0UL, "seed %llu: no fault fired", s);
}

static int stress_suite_init(struct kunit_suite *suite)
{
	st_gf_init();
	return 0;
}

static struct kunit_case stress_cases[] = {
	KUNIT_CASE_PARAM_ATTR(random_chains_with_faults, stress_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	{}
};

static struct kunit_suite stress_suite = {
	.name = "async_tx_stress",
	.suite_init = stress_suite_init,
	.test_cases = stress_cases,
};

kunit_test_suite(stress_suite);

/* ------------------------------------------------------------------ */
/* Engines that leave with work on them                               */
/* ------------------------------------------------------------------ */

/**
 * struct unplug - an engine deleted under a client
 * @test: the test
 * @ids: the dmasim instances (-1: none or already deleted)
 * @pg: four pages: two sources, a destination, a spare
 * @want: what the destination must hold at the end
 * @calls: how many times each callback ran
 * @done: the last callback ran
 */
struct unplug {
	struct kunit *test;
	int ids[2];
	struct page *pg[4];
	u8 *want;
	atomic_t calls[2];
	struct completion done;
};

static void unplug_cb0(void *p)
{
	atomic_inc(&((struct unplug *)p)->calls[0]);
}

static void unplug_cb1(void *p)
{
	struct unplug *u = p;

	atomic_inc(&u->calls[1]);
	complete(&u->done);
}

static void unplug_teardown(void *data)
{
	struct unplug *u = data;
	int i;

	for (i = 0; i < 2; i++)
		if (u->ids[i] >= 0)
			dmasim_del_device(u->ids[i]);
	for (i = 0; i < 4; i++)
		if (u->pg[i])
			__free_page(u->pg[i]);
}

static struct unplug *unplug_setup(struct kunit *test, const char *a,
				   const char *b)
{
	struct unplug *u = kunit_kzalloc(test, sizeof(*u), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, u);
	u->test = test;
	u->ids[0] = -1;
	u->ids[1] = -1;
	init_completion(&u->done);
	KUNIT_ASSERT_EQ(test,
			kunit_add_action_or_reset(test, unplug_teardown, u), 0);
	for (i = 0; i < 4; i++) {
		u->pg[i] = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, u->pg[i]);
		get_random_bytes(page_address(u->pg[i]), PAGE_SIZE);
	}
	u->want = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, u->want);
	u->ids[0] = dmasim_new_device(a);
	KUNIT_ASSERT_GE(test, u->ids[0], 0);
	if (b) {
		u->ids[1] = dmasim_new_device(b);
		KUNIT_ASSERT_GE(test, u->ids[1], 0);
	}
	return u;
}

static void unplug_delete(struct unplug *u, int which)
{
	KUNIT_EXPECT_EQ(u->test, dmasim_del_device(u->ids[which]), 0);
	u->ids[which] = -1;
}

/* Wait for the last callback; then each ran once and the data is right. */
static void unplug_check(struct unplug *u, int nr_cbs)
{
	struct kunit *test = u->test;
	unsigned long left;
	int i;

	async_tx_issue_pending_all();
	left = wait_for_completion_timeout(&u->done, msecs_to_jiffies(WAIT_MS));
	KUNIT_ASSERT_NE_MSG(test, left, 0, "the last callback never ran");
	for (i = 2 - nr_cbs; i < 2; i++)
		KUNIT_EXPECT_EQ_MSG(test, atomic_read(&u->calls[i]), 1,
				    "callback %d", i);
	KUNIT_EXPECT_EQ(test, memcmp(page_address(u->pg[2]), u->want,
				     PAGE_SIZE), 0);
}

/*
 * An xor on an xor-only engine that is not issued yet, and a copy of
 * its result parked behind it on a copy engine; the copy engine is
 * deleted, then the xor completes: the copy runs on the CPU.
 */
static void delete_with_chain_parked(struct kunit *test)
{
	struct unplug *u = unplug_setup(test, "memcpy",
					"custom caps=xor+interrupt max_xor=8");
	unsigned long parked = async_tx_stat_sum(ASYNC_STAT_PARKED);
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl submit;
	size_t i;
	u8 *a = page_address(u->pg[0]), *b = page_address(u->pg[1]);

	for (i = 0; i < PAGE_SIZE; i++)
		u->want[i] = a[i] ^ b[i];
	/* a callback: the xor asks for an interrupt, nothing issues it */
	init_async_submit(&submit, ASYNC_TX_XOR_ZERO_DST, NULL, unplug_cb0, u,
			  NULL);
	tx = async_xor(u->pg[3], u->pg, 0, 2, PAGE_SIZE, &submit);
	KUNIT_ASSERT_NOT_NULL_MSG(test, tx, "the xor ran on the CPU");
	init_async_submit(&submit, ASYNC_TX_FENCE | ASYNC_TX_ACK, tx,
			  unplug_cb1, u, NULL);
	tx = async_memcpy(u->pg[2], u->pg[3], 0, 0, PAGE_SIZE, &submit);
	KUNIT_ASSERT_NOT_NULL_MSG(test, tx, "the copy ran on the CPU");
	KUNIT_ASSERT_EQ(test, async_tx_stat_sum(ASYNC_STAT_PARKED), parked + 1);
	unplug_delete(u, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&u->calls[1]), 0);
	unplug_check(u, 2);
}

/* Copies submitted and never issued when their engine is deleted. */
static void delete_with_work_queued(struct kunit *test)
{
	struct unplug *u = unplug_setup(test, "memcpy", NULL);
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl submit;

	memcpy(u->want, page_address(u->pg[1]), PAGE_SIZE);
	init_async_submit(&submit, 0, NULL, unplug_cb0, u, NULL);
	tx = async_memcpy(u->pg[3], u->pg[0], 0, 0, PAGE_SIZE, &submit);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	init_async_submit(&submit, ASYNC_TX_FENCE | ASYNC_TX_ACK, tx,
			  unplug_cb1, u, NULL);
	tx = async_memcpy(u->pg[2], u->pg[1], 0, 0, PAGE_SIZE, &submit);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	unplug_delete(u, 0);
	unplug_check(u, 2);
}

/* A copy stalled on its channel when the engine is deleted. */
static void delete_with_stalled_channel(struct kunit *test)
{
	struct unplug *u = unplug_setup(test, "memcpy channels=1", NULL);
	unsigned long redone = async_tx_stat_sum(ASYNC_STAT_REDONE);
	struct dma_async_tx_descriptor *tx;
	struct async_submit_ctl submit;

	KUNIT_ASSERT_EQ(test, dmasim_set_every(u->ids[0], DMASIM_OP_COPY,
					       DMASIM_EVERY_STALL, 1), 0);
	memcpy(u->want, page_address(u->pg[1]), PAGE_SIZE);
	init_async_submit(&submit, ASYNC_TX_ACK, NULL, unplug_cb1, u, NULL);
	tx = async_memcpy(u->pg[2], u->pg[1], 0, 0, PAGE_SIZE, &submit);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	async_tx_issue_pending(tx);
	unplug_delete(u, 0);
	unplug_check(u, 1);
	KUNIT_EXPECT_EQ(test, async_tx_stat_sum(ASYNC_STAT_REDONE), redone + 1);
}

static bool unplug_on_device(struct dma_chan *chan, void *param)
{
	return chan->device == param;
}

/*
 * A client holding a channel exclusively keeps completed, unacknowledged
 * descriptors and one prepared and never submitted while the engine is
 * deleted; it may still read them, submit the prepared one (which
 * completes as aborted) and acknowledge them, and finds prep refused.
 */
static void delete_with_exclusive_holder(struct kunit *test)
{
	struct unplug *u = unplug_setup(test, "memcpy private=1", NULL);
	struct dma_device *dma = dmasim_find_device(u->ids[0]);
	struct dma_async_tx_descriptor *tx[3];
	unsigned long left;
	dma_addr_t src, dst;
	dma_cap_mask_t mask;
	struct dma_chan *chan;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, dma);
	dma_cap_zero(mask);
	dma_cap_set(DMA_MEMCPY, mask);
	chan = dma_request_channel(mask, unplug_on_device, dma);
	KUNIT_ASSERT_NOT_NULL(test, chan);
	src = dma_map_page(dma->dev, u->pg[1], 0, PAGE_SIZE, DMA_TO_DEVICE);
	dst = dma_map_page(dma->dev, u->pg[2], 0, PAGE_SIZE, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dma->dev, src) ||
			   dma_mapping_error(dma->dev, dst));
	for (i = 0; i < 3; i++) {
		tx[i] = dmaengine_prep_dma_memcpy(chan, dst, src, PAGE_SIZE, 0);
		KUNIT_ASSERT_NOT_NULL(test, tx[i]);
	}
	dmaengine_submit(tx[0]);
	dmaengine_submit(tx[1]);
	KUNIT_EXPECT_EQ(test, dma_sync_wait(chan, tx[1]->cookie), DMA_COMPLETE);
	dma_unmap_page(dma->dev, src, PAGE_SIZE, DMA_TO_DEVICE);
	dma_unmap_page(dma->dev, dst, PAGE_SIZE, DMA_FROM_DEVICE);
	memcpy(u->want, page_address(u->pg[1]), PAGE_SIZE);

	unplug_delete(u, 0);
	/* the descriptors are still there to read, submit and acknowledge */
	KUNIT_EXPECT_EQ(test, dma_async_is_tx_complete(chan, tx[0]->cookie,
						       NULL, NULL),
			DMA_COMPLETE);
	tx[2]->callback = unplug_cb1;
	tx[2]->callback_param = u;
	KUNIT_EXPECT_GT(test, dmaengine_submit(tx[2]), 0);
	left = wait_for_completion_timeout(&u->done, msecs_to_jiffies(WAIT_MS));
	KUNIT_EXPECT_NE(test, left, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&u->calls[1]), 1);
	for (i = 0; i < 3; i++)
		async_tx_ack(tx[i]);
	KUNIT_EXPECT_NULL(test, dmaengine_prep_dma_memcpy(chan, 0, 0,
							  PAGE_SIZE, 0));
	dma_release_channel(chan);
	KUNIT_EXPECT_EQ(test, memcmp(page_address(u->pg[2]), u->want,
				     PAGE_SIZE), 0);
}

static struct kunit_case unplug_cases[] = {
	KUNIT_CASE(delete_with_chain_parked),
	KUNIT_CASE(delete_with_work_queued),
	KUNIT_CASE(delete_with_stalled_channel),
	KUNIT_CASE(delete_with_exclusive_holder),
	{}
};

static struct kunit_suite unplug_suite = {
	.name = "async_tx_unplug",
	.test_cases = unplug_cases,
};

kunit_test_suite(unplug_suite);

MODULE_DESCRIPTION("Random chains with engine faults against a CPU replay");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(ASYNC_TX);
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
