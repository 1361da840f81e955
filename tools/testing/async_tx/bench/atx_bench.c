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
#include <linux/string.h>

#if IS_BUILTIN(CONFIG_DMASIM)
#include "../drivers/dma/dmasim/dmasim.h"
#endif

static bool run;
module_param(run, bool, 0444);

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
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		bench_size(sizes[i], "async");
	bench_engine(sizes, ARRAY_SIZE(sizes));
	pr_info("ATXB done\n");
	return 0;
}
late_initcall(atx_bench_init);
