// SPDX-License-Identifier: GPL-2.0-only
/*
 * async_tx micro benchmark, built into a benchmark kernel by bench.sh
 * (upstream's tree and ours alike: it uses only the public async_tx and
 * raid6/xor library interfaces).  With atx_bench.run=1 on the command
 * line it times, at late_initcall, each operation through the library
 * call alone ("raw") and through async_tx's CPU path ("async"), and
 * prints one line per case:
 *
 *   ATXB <op> <bytes> <sources> <raw|async> <ns per op>
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

static bool run;
module_param(run, bool, 0444);

#define MAXB	18		/* 16 sources + P + Q */
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

#define TIME(op, len, srcs, how, stmt) do {				\
	unsigned int __n = iters(len, srcs), __i;			\
	u64 __t0;							\
	stmt; /* warm */						\
	__t0 = ktime_get_ns();						\
	for (__i = 0; __i < __n; __i++)					\
		stmt;							\
	report(op, len, srcs, how, ktime_get_ns() - __t0, __n);		\
} while (0)

static void bench_size(size_t len)
{
	static const int counts[] = { 2, 4, 8, 16 };
	struct async_submit_ctl s;
	enum sum_check_flags res;
	int c;

	setup(2);
	TIME("memcpy", len, 1, "raw", memcpy(va[0], va[1], len));
	TIME("memcpy", len, 1, "async",
	     (init_async_submit(&s, ASYNC_TX_ACK, NULL, NULL, NULL, NULL),
	      async_memcpy(blk[0], blk[1], 0, 0, len, &s)));

	for (c = 0; c < ARRAY_SIZE(counts); c++) {
		int n = counts[c], disks = n + 2;

		/* xor of n sources into a destination (block n) */
		setup(n + 1);
		TIME("xor", len, n, "raw", raw_xor(va[n], n, len, true));
		TIME("xor", len, n, "async",
		     (init_async_submit(&s, ASYNC_TX_ACK | ASYNC_TX_XOR_ZERO_DST,
					NULL, NULL, NULL, scribble),
		      async_xor(blk[n], pages, 0, n, len, &s)));

		/* xor_val of n blocks, the first the destination */
		TIME("xor_val", len, n, "raw",
		     (raw_xor(va[0], n, len, false),
		      res = !!memchr_inv(va[0], 0, len)));
		TIME("xor_val", len, n, "async",
		     (init_async_submit(&s, ASYNC_TX_ACK, NULL, NULL, NULL,
					scribble),
		      async_xor_val(blk[0], pages, 0, n, len, &res, &s)));

		/* P and Q of n data blocks */
		setup(disks);
		TIME("pq", len, n, "raw",
		     raid6_call.gen_syndrome(disks, len, ptrs));
		TIME("pq", len, n, "async",
		     (init_async_submit(&s, ASYNC_TX_ACK, NULL, NULL, NULL,
					scribble),
		      async_gen_syndrome(pages, offs, disks, len, &s)));
		TIME("pq_val", len, n, "async",
		     (init_async_submit(&s, ASYNC_TX_ACK, NULL, NULL, NULL,
					scribble),
		      async_syndrome_val(pages, offs, disks, len, &res,
					 blk[MAXB], 0, &s)));

		/* two lost data blocks, a lost data block and P */
		raid6_call.gen_syndrome(disks, len, ptrs);
		TIME("2data", len, n, "raw",
		     (setup(disks), raid6_2data_recov(disks, len, 0, 1, ptrs)));
		TIME("2data", len, n, "async",
		     (init_async_submit(&s, ASYNC_TX_ACK, NULL, NULL, NULL,
					scribble),
		      async_raid6_2data_recov(disks, len, 0, 1, pages, offs,
					      &s)));
		TIME("datap", len, n, "raw",
		     (setup(disks), raid6_datap_recov(disks, len, 0, ptrs)));
		TIME("datap", len, n, "async",
		     (init_async_submit(&s, ASYNC_TX_ACK, NULL, NULL, NULL,
					scribble),
		      async_raid6_datap_recov(disks, len, 0, pages, offs, &s)));
	}
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
		bench_size(sizes[i]);
	pr_info("ATXB done\n");
	return 0;
}
late_initcall(atx_bench_init);
