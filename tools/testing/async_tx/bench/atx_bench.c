// SPDX-License-Identifier: GPL-2.0-only
/*
 * async_tx micro benchmark, built into a benchmark kernel by bench.sh
 * (upstream's tree and ours alike: it uses only the public async_tx and
 * raid6/xor library interfaces, and dmasim's instance calls).  With
 * atx_bench.run=1 on the command line it times, at late_initcall, each
 * operation through the library call alone ("raw"), through async_tx's
 * CPU path ("async") and, on a dmasim ioat-profile instance made for the
 * purpose, through async_tx on an engine ("engine": submit, issue, wait
 * for completion; the simulated engine has no latency).  Also an
 * xor->copy->xor chain and a burst of 1000 independent copies issued
 * once.  One line per case:
 *
 *   ATXB <op> <bytes> <sources> <raw|async|engine> <ns per op>
 *
 * bench.sh also compiles upstream's async_tx from the base tree into our
 * kernel, its functions renamed up_*, and defines ATX_BENCH_UPSTREAM:
 * both are then timed in one boot, on the CPU path and on one dmasim
 * engine, in alternating slices of the same loop on the same buffers,
 * which takes boot-to-boot differences (memory layout, host load, where
 * the linker put the simulated engine's loops) out of the comparison:
 *
 *   ATXS <op> <bytes> <sources> <cpu|engine> <ours> <upstream> <ours again>
 *
 * in ns per operation, the third being ours timed a second time as the
 * noise floor of the comparison.  To profile one of these cases (perf
 * record on a UML boot), atx_bench.sbs_only=1 atx_bench.only=xor
 * atx_bench.only_path=cpu atx_bench.only_len=512 atx_bench.repeat=300
 * times only that one, again and again.
 */

#include <linux/async_tx.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/raid/pq.h>
#include <linux/raid/xor.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#if IS_BUILTIN(CONFIG_DMASIM)
#include "../drivers/dma/dmasim/dmasim.h"
#endif

static bool run;
module_param(run, bool, 0444);
/* only the side-by-side CPU path timing, when built in */
static bool sbs_only;
module_param(sbs_only, bool, 0444);
/*
 * To profile one side-by-side case: only the operation named (memcpy,
 * xor, ..., chain) on only_path (cpu or engine) at only_len bytes (0:
 * every size) with only_srcs sources (0: every count), timed repeat
 * times.
 */
static char *only;
module_param(only, charp, 0444);
static char *only_path;
module_param(only_path, charp, 0444);
static uint only_len;
module_param(only_len, uint, 0444);
static uint only_srcs;
module_param(only_srcs, uint, 0444);
static uint repeat = 1;
module_param(repeat, uint, 0444);

#define MAXB	18		/* 16 sources + P + Q */
#define BURST	1000
#define ORDER	4		/* 64 KiB blocks */

static struct page *blk[MAXB + 1];
static void *va[MAXB + 1];
static addr_conv_t scribble[MAXB + 2];
static struct page *pages[MAXB + 2];
static unsigned int offs[MAXB + 2];
static void *ptrs[MAXB + 2];

/* enough iterations for about 20 ms of work, at least 16 */
static unsigned int iters(size_t bytes, int srcs)
{
	u64 work = (u64)bytes * (srcs + 1);

	return max_t(u64, 16, 200000000ULL / max_t(u64, work, 1) / 10);
}

static void report(const char *op, size_t len, int srcs, const char *how,
		   u64 ns, unsigned int n)
{
	u64 per = div_u64(ns, n);

	pr_info("ATXB %s %zu %d %s %llu\n", op, len, srcs, how, per);
}

static void setup(int n)
{
	int i;

	for (i = 0; i < n; i++) {
		pages[i] = blk[i];
		offs[i] = 0;
		ptrs[i] = va[i];
	}
}

/*
 * What a client would do by hand: dest = xor of blocks 0..n-1 (copying
 * the first) when @copy, else dest ^= blocks 1..n-1.
 */
static void raw_xor(void *dest, int n, size_t len, bool copy)
{
	int i;

	if (copy)
		memcpy(dest, va[0], len);
	for (i = 1; i < n; i += MAX_XOR_BLOCKS)
		xor_blocks(min(n - i, MAX_XOR_BLOCKS), len, dest, &ptrs[i]);
}

/* time @stmt, which does @each operations, and report per operation */
#define TIME_EACH(op, len, srcs, how, each, stmt) do {			\
	unsigned int __n = iters((len) * (each), srcs), __i;		\
	u64 __t0;							\
	stmt; /* warm */						\
	__t0 = ktime_get_ns();						\
	for (__i = 0; __i < __n; __i++)					\
		stmt;							\
	report(op, len, srcs, how, ktime_get_ns() - __t0, __n * (each));	\
} while (0)

#define TIME(op, len, srcs, how, stmt) TIME_EACH(op, len, srcs, how, 1, stmt)

/*
 * The end of one timed operation: when an engine took it, issue it and
 * wait for its completion (which acknowledges it); the CPU path is done.
 */
static void finish(struct dma_async_tx_descriptor *tx)
{
	if (tx) {
		async_tx_issue_pending(tx);
		async_tx_quiesce(&tx);
	}
}

/* xor of four sources, copied elsewhere, the copy xored with a fifth */
static struct dma_async_tx_descriptor *chain(size_t len)
{
	struct async_submit_ctl s;
	struct dma_async_tx_descriptor *tx;
	struct page *two[2] = { blk[6], blk[4] };

	init_async_submit(&s, ASYNC_TX_XOR_ZERO_DST, NULL, NULL, NULL,
			  scribble);
	tx = async_xor(blk[5], pages, 0, 4, len, &s);
	init_async_submit(&s, 0, tx, NULL, NULL, scribble);
	tx = async_memcpy(blk[6], blk[5], 0, 0, len, &s);
	init_async_submit(&s, ASYNC_TX_XOR_DROP_DST, tx, NULL, NULL, scribble);
	return async_xor(blk[6], two, 0, 2, len, &s);
}

/*
 * BURST independent copies, one issue, then the wait for the last that
 * went to an engine (a full ring sends the rest to the CPU).
 */
static struct dma_async_tx_descriptor *burst(size_t len)
{
	struct dma_async_tx_descriptor *last = NULL, *tx;
	struct async_submit_ctl s;
	int i;

	for (i = 0; i < BURST; i++) {
		init_async_submit(&s, 0, NULL, NULL, NULL, NULL);
		tx = async_memcpy(blk[i % 2], blk[2 + i % 2], 0, 0, len, &s);
		if (!tx)
			continue;
		/* only the last stays unacknowledged, to be waited for */
		if (last)
			async_tx_ack(last);
		last = tx;
	}
	async_tx_issue_pending_all();
	return last;
}

static void bench_size(size_t len, const char *how)
{
	static const int counts[] = { 2, 4, 8, 16 };
	bool cpu = strcmp(how, "engine");
	struct async_submit_ctl s;
	enum sum_check_flags res;
	int c;

	setup(2);
	if (cpu)
		TIME("memcpy", len, 1, "raw", memcpy(va[0], va[1], len));
	TIME("memcpy", len, 1, how,
	     (init_async_submit(&s, 0, NULL, NULL, NULL, NULL),
	      finish(async_memcpy(blk[0], blk[1], 0, 0, len, &s))));
	setup(5);
	TIME("chain", len, 5, how, finish(chain(len)));
	TIME_EACH("burst", len, 1, how, BURST, finish(burst(len)));

	for (c = 0; c < ARRAY_SIZE(counts); c++) {
		int n = counts[c], disks = n + 2;

		/* xor of n sources into a destination (block n) */
		setup(n + 1);
		if (cpu)
			TIME("xor", len, n, "raw", raw_xor(va[n], n, len, true));
		TIME("xor", len, n, how,
		     (init_async_submit(&s, ASYNC_TX_XOR_ZERO_DST, NULL, NULL,
					NULL, scribble),
		      finish(async_xor(blk[n], pages, 0, n, len, &s))));

		/* xor_val of n blocks, the first the destination */
		if (cpu)
			TIME("xor_val", len, n, "raw",
			     (raw_xor(va[0], n, len, false),
			      res = !!memchr_inv(va[0], 0, len)));
		TIME("xor_val", len, n, how,
		     (init_async_submit(&s, 0, NULL, NULL, NULL, scribble),
		      finish(async_xor_val(blk[0], pages, 0, n, len, &res,
					   &s))));

		/* P and Q of n data blocks */
		setup(disks);
		if (cpu)
			TIME("pq", len, n, "raw",
			     raid6_call.gen_syndrome(disks, len, ptrs));
		TIME("pq", len, n, how,
		     (init_async_submit(&s, 0, NULL, NULL, NULL, scribble),
		      finish(async_gen_syndrome(pages, offs, disks, len, &s))));
		TIME("pq_val", len, n, how,
		     (init_async_submit(&s, 0, NULL, NULL, NULL, scribble),
		      finish(async_syndrome_val(pages, offs, disks, len, &res,
						blk[MAXB], 0, &s))));

		/* two lost data blocks, a lost data block and P */
		raid6_call.gen_syndrome(disks, len, ptrs);
		if (cpu)
			TIME("2data", len, n, "raw",
			     (setup(disks),
			      raid6_2data_recov(disks, len, 0, 1, ptrs)));
		TIME("2data", len, n, how,
		     (init_async_submit(&s, 0, NULL, NULL, NULL, scribble),
		      finish(async_raid6_2data_recov(disks, len, 0, 1, pages,
						     offs, &s))));
		if (cpu)
			TIME("datap", len, n, "raw",
			     (setup(disks),
			      raid6_datap_recov(disks, len, 0, ptrs)));
		TIME("datap", len, n, how,
		     (init_async_submit(&s, 0, NULL, NULL, NULL, scribble),
		      finish(async_raid6_datap_recov(disks, len, 0, pages,
						     offs, &s))));
	}
}

#ifdef ATX_BENCH_UPSTREAM
#include "atx_up.h"

/*
 * Slices per side: four of each of the six orders of the three sides,
 * so that each side comes first, second and third, and right after each
 * of the other two, equally often - within a slice and, with the orders
 * listed as in sbs_order[], from one slice to the next.
 */
#define SBS_SLICES	24

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* our entry points under the prefix the slices use */
#define ours_async_memcpy		async_memcpy
#define ours_async_xor			async_xor
#define ours_async_xor_val		async_xor_val
#define ours_async_gen_syndrome		async_gen_syndrome
#define ours_async_syndrome_val		async_syndrome_val
#define ours_async_raid6_2data_recov	async_raid6_2data_recov
#define ours_async_raid6_datap_recov	async_raid6_datap_recov

static struct async_submit_ctl sbs_submit;
static enum sum_check_flags sbs_res;
static size_t sbs_len;
static int sbs_n;

/* one operation of each kind, P the prefix of the implementation */
#define SBS_memcpy(P)							\
	(init_async_submit(&sbs_submit, 0, NULL, NULL, NULL, NULL),	\
	 P##async_memcpy(blk[0], blk[1], 0, 0, sbs_len, &sbs_submit))
#define SBS_xor(P)							\
	(init_async_submit(&sbs_submit, ASYNC_TX_XOR_ZERO_DST, NULL, NULL,	\
			   NULL, scribble),				\
	 P##async_xor(blk[sbs_n], pages, 0, sbs_n, sbs_len, &sbs_submit))
#define SBS_xor_val(P)							\
	(init_async_submit(&sbs_submit, 0, NULL, NULL, NULL, scribble),	\
	 P##async_xor_val(blk[0], pages, 0, sbs_n, sbs_len, &sbs_res,	\
			  &sbs_submit))
#define SBS_pq(P)							\
	(init_async_submit(&sbs_submit, 0, NULL, NULL, NULL, scribble),	\
	 P##async_gen_syndrome(pages, offs, sbs_n + 2, sbs_len, &sbs_submit))
#define SBS_pq_val(P)							\
	(init_async_submit(&sbs_submit, 0, NULL, NULL, NULL, scribble),	\
	 P##async_syndrome_val(pages, offs, sbs_n + 2, sbs_len, &sbs_res,	\
			       blk[MAXB], 0, &sbs_submit))
#define SBS_2data(P)							\
	(init_async_submit(&sbs_submit, 0, NULL, NULL, NULL, scribble),	\
	 P##async_raid6_2data_recov(sbs_n + 2, sbs_len, 0, 1, pages, offs,	\
				    &sbs_submit))
#define SBS_datap(P)							\
	(init_async_submit(&sbs_submit, 0, NULL, NULL, NULL, scribble),	\
	 P##async_raid6_datap_recov(sbs_n + 2, sbs_len, 0, pages, offs,	\
				    &sbs_submit))

/* the end of an engine operation: issue it, wait, release it */
static void ours_finish(struct dma_async_tx_descriptor *tx)
{
	if (tx) {
		async_tx_issue_pending(tx);
		async_tx_quiesce(&tx);
	}
}

static void up_finish(struct dma_async_tx_descriptor *tx)
{
	if (tx) {
		async_tx_issue_pending(tx);
		up_async_tx_quiesce(&tx);
	}
}

/* xor of four blocks, copied, the copy xored with a fifth */
#define SBS_chain(P) ({							\
	struct page *__two[2] = { blk[6], blk[4] };			\
	struct dma_async_tx_descriptor *__tx;				\
	init_async_submit(&sbs_submit, ASYNC_TX_XOR_ZERO_DST, NULL, NULL,	\
			  NULL, scribble);				\
	__tx = P##async_xor(blk[5], pages, 0, 4, sbs_len, &sbs_submit);	\
	init_async_submit(&sbs_submit, 0, __tx, NULL, NULL, scribble);	\
	__tx = P##async_memcpy(blk[6], blk[5], 0, 0, sbs_len, &sbs_submit);	\
	init_async_submit(&sbs_submit, ASYNC_TX_XOR_DROP_DST, __tx, NULL,	\
			  NULL, scribble);				\
	P##async_xor(blk[6], __two, 0, 2, sbs_len, &sbs_submit);	\
})

/* P##slice_##what(n): ns per operation over @n operations */
#define SBS_SLICE_FN(what, P)						\
static noinline u64 P##slice_##what(unsigned int n)			\
{									\
	unsigned int k;							\
	u64 t = ktime_get_ns();						\
									\
	for (k = 0; k < n; k++)						\
		SBS_##what(P);						\
	return div_u64(ktime_get_ns() - t, n);				\
}

/* the same on an engine: P##slice_e_##what(n), each operation waited for */
#define SBS_SLICE_FN_E(what, P)						\
static noinline u64 P##slice_e_##what(unsigned int n)			\
{									\
	unsigned int k;							\
	u64 t = ktime_get_ns();						\
									\
	for (k = 0; k < n; k++)						\
		P##finish(SBS_##what(P));				\
	return div_u64(ktime_get_ns() - t, n);				\
}

SBS_SLICE_FN(memcpy, ours_)
SBS_SLICE_FN(memcpy, up_)
SBS_SLICE_FN(xor, ours_)
SBS_SLICE_FN(xor, up_)
SBS_SLICE_FN(xor_val, ours_)
SBS_SLICE_FN(xor_val, up_)
SBS_SLICE_FN(pq, ours_)
SBS_SLICE_FN(pq, up_)
SBS_SLICE_FN(pq_val, ours_)
SBS_SLICE_FN(pq_val, up_)
SBS_SLICE_FN(2data, ours_)
SBS_SLICE_FN(2data, up_)
SBS_SLICE_FN(datap, ours_)
SBS_SLICE_FN(datap, up_)
SBS_SLICE_FN(chain, ours_)
SBS_SLICE_FN(chain, up_)
SBS_SLICE_FN_E(memcpy, ours_)
SBS_SLICE_FN_E(memcpy, up_)
SBS_SLICE_FN_E(xor, ours_)
SBS_SLICE_FN_E(xor, up_)
SBS_SLICE_FN_E(xor_val, ours_)
SBS_SLICE_FN_E(xor_val, up_)
SBS_SLICE_FN_E(pq, ours_)
SBS_SLICE_FN_E(pq, up_)
SBS_SLICE_FN_E(pq_val, ours_)
SBS_SLICE_FN_E(pq_val, up_)
SBS_SLICE_FN_E(2data, ours_)
SBS_SLICE_FN_E(2data, up_)
SBS_SLICE_FN_E(datap, ours_)
SBS_SLICE_FN_E(datap, up_)
SBS_SLICE_FN_E(chain, ours_)
SBS_SLICE_FN_E(chain, up_)

typedef u64 (*sbs_slice_fn)(unsigned int n);

/*
 * The orders of the three sides (0 ours, 1 upstream, 2 ours again), the
 * slices taking them in turn.  Listed so that no side follows itself
 * where one slice ends and the next begins: the six boundaries, the
 * last to the first included, are the six ordered pairs of two sides.
 */
static const u8 sbs_order[6][3] = {
	{ 0, 1, 2 }, { 0, 2, 1 }, { 2, 1, 0 },
	{ 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 },
};

/* the middle of @n sorted slices, @n even */
static u64 sbs_median(u64 *t, unsigned int n)
{
	sort(t, n, sizeof(u64), cmp_u64, NULL);
	return (t[n / 2 - 1] + t[n / 2]) / 2;
}

/*
 * Time @ours, @up and @ours again (the noise floor: what the same code
 * measures against itself) in interleaved slices, in every order in
 * turn, and report the median slice of each.
 */
static const char *sbs_path;

static void side_by_side(const char *op, int srcs, sbs_slice_fn ours,
			 sbs_slice_fn up)
{
	unsigned int n = max(iters(sbs_len, srcs) / 8, 4U), r, i, k;
	u64 t[3][SBS_SLICES];

	BUILD_BUG_ON(SBS_SLICES % ARRAY_SIZE(sbs_order));
	if ((only && strcmp(op, only)) ||
	    (only_path && strcmp(sbs_path, only_path)) ||
	    (only_len && sbs_len != only_len) ||
	    (only_srcs && srcs != only_srcs))
		return;
	ours(1);
	up(1);
	for (k = 0; k < repeat; k++) {
		for (r = 0; r < SBS_SLICES; r++) {
			for (i = 0; i < 3; i++) {
				unsigned int who;

				who = sbs_order[r % ARRAY_SIZE(sbs_order)][i];
				t[who][r] = who == 1 ? up(n) : ours(n);
			}
		}
		pr_info("ATXS %s %zu %d %s %llu %llu %llu\n", op, sbs_len,
			srcs, sbs_path, sbs_median(t[0], SBS_SLICES),
			sbs_median(t[1], SBS_SLICES),
			sbs_median(t[2], SBS_SLICES));
	}
}

/* @what on the CPU path, or e_@what when an engine is there to use */
#define SIDE_BY_SIDE(what, srcs)					\
	side_by_side(#what, srcs,					\
		     engine ? ours_slice_e_##what : ours_slice_##what,	\
		     engine ? up_slice_e_##what : up_slice_##what)

/*
 * Ours and upstream's side by side in this boot: on the CPU path, or
 * with @engine on a dmasim ioat-profile instance, both async_tx
 * implementations on our dmaengine core and the same simulated engine,
 * so that only async_tx differs.
 */
static void bench_side_by_side(size_t len, bool engine)
{
	static const int counts[] = { 2, 4, 8, 16 };
	int c;

	sbs_path = engine ? "engine" : "cpu";
	sbs_len = len;
	setup(2);
	SIDE_BY_SIDE(memcpy, 1);
	setup(5);
	SIDE_BY_SIDE(chain, 5);
	for (c = 0; c < ARRAY_SIZE(counts); c++) {
		int n = counts[c];

		sbs_n = n;
		setup(n + 1);
		SIDE_BY_SIDE(xor, n);
		SIDE_BY_SIDE(xor_val, n);
		setup(n + 2);
		SIDE_BY_SIDE(pq, n);
		SIDE_BY_SIDE(pq_val, n);
		raid6_call.gen_syndrome(n + 2, len, ptrs);
		SIDE_BY_SIDE(2data, n);
		SIDE_BY_SIDE(datap, n);
	}
}
#endif

/* The engine runs: on a dmasim instance of the ioat profile, when built. */
static void bench_engine(const size_t *sizes, int nr)
{
#if IS_BUILTIN(CONFIG_DMASIM)
	int id = dmasim_new_device("ioat");
	int i;

	if (id < 0) {
		pr_err("ATXB no dmasim instance: %d\n", id);
		return;
	}
	for (i = 0; i < nr; i++)
		bench_size(sizes[i], "engine");
	dmasim_del_device(id);
#endif
}

static int __init atx_bench_init(void)
{
	static const size_t sizes[] = { 512, 4096, 65536 };
	int i;

	if (!run)
		return 0;
	for (i = 0; i <= MAXB; i++) {
		blk[i] = alloc_pages(GFP_KERNEL, ORDER);
		if (!blk[i])
			return -ENOMEM;
		va[i] = page_address(blk[i]);
		memset(va[i], i * 37 + 1, PAGE_SIZE << ORDER);
	}
#ifdef ATX_BENCH_UPSTREAM
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		bench_side_by_side(sizes[i], false);
#if IS_BUILTIN(CONFIG_DMASIM)
	i = dmasim_new_device("ioat");
	if (i >= 0) {
		int id = i;

		for (i = 0; i < ARRAY_SIZE(sizes); i++)
			bench_side_by_side(sizes[i], true);
		dmasim_del_device(id);
	}
#endif
	if (sbs_only)
		goto out;
#endif
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		bench_size(sizes[i], "async");
	bench_engine(sizes, ARRAY_SIZE(sizes));
out: __maybe_unused;
	pr_info("ATXB done\n");
	return 0;
}
late_initcall(atx_bench_init);
