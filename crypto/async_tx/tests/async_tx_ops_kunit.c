// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for async_tx: every operation against the reference,
 * on the CPU and on each engine profile.
 */

#include <kunit/test.h>
#include <linux/async_tx.h>
#include <linux/random.h>
#include <linux/slab.h>

#include "../async_tx_internal.h"
#include "async_tx_test.h"

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
	struct dma_fx *fx = atx_profile_engine(test);
	struct page *src = atx_test_block(test), *dst = atx_test_block(test);
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
			memcpy(want + doff, atx_blk_va(src, soff), len);
			atx_op_begin(&op, &submit, 0, NULL);
			tx = async_memcpy(dst, src, doff, soff, len, &submit);
			atx_op_end(test, fx, &op, tx);
			/* the bytes around the copy are untouched too */
			EXPECT_SAME(test, page_address(dst), want, BUF_SIZE,
				    "len %zu src+%u dst+%u", len, soff, doff);
		}
	}
	atx_profile_check(test, fx, DMA_MEMCPY);
}

static void memset_matches_reference(struct kunit *test)
{
	struct dma_fx *fx = atx_profile_engine(test);
	struct page *dst = atx_test_block(test);
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
			atx_op_begin(&op, &submit, 0, NULL);
			tx = async_memset(dst, val, off, len, &submit);
			atx_op_end(test, fx, &op, tx);
			EXPECT_SAME(test, page_address(dst), want, BUF_SIZE,
				    "len %zu off %u", len, off);
		}
	}
	atx_profile_check(test, fx, DMA_MEMSET);
}

/* ------------------------------------------------------------------ */
/* xor and xor_val                                                    */
/* ------------------------------------------------------------------ */

static const int xor_counts[] = { 1, 2, 3, 4, 5, 8, 16, 17, 33 };

static const enum async_tx_flags xor_modes[] = {
	ASYNC_TX_XOR_ZERO_DST, ASYNC_TX_XOR_DROP_DST, 0,
};

/*
 * Where xor_matches_reference() puts source @i of @cnt: offsets mode 0
 * all at @doff, 1 each at its own odd offset, 2 all vector aligned but
 * the last, so that only a source's offset says the blocks cannot go to
 * the xor library whole.
 */
static unsigned int xor_src_off(int o, int i, int cnt, unsigned int doff)
{
	switch (o) {
	case 1:
		return 64 * i + i % 5;
	case 2:
		return 64 * i + (i == cnt - 1 ? 8 : 0);
	default:
		return doff;
	}
}

static void xor_matches_reference(struct kunit *test)
{
	struct dma_fx *fx = atx_profile_engine(test);
	u8 *want = kunit_kmalloc(test, BUF_SIZE, GFP_KERNEL);
	static const size_t xor_lengths[] = { 1, 63, 512, 4096, 4097,
					      3 * PAGE_SIZE + 5 };
	/* the last dimension: without and with a scribble */
	const int lim[] = { ARRAY_SIZE(xor_counts), ARRAY_SIZE(xor_lengths),
			    ARRAY_SIZE(xor_modes), 3, 2 };
	addr_conv_t *scribble = kunit_kcalloc(test, 34, sizeof(*scribble),
					      GFP_KERNEL);
	int idx[ARRAY_SIZE(lim)] = { };
	struct stripe *st;

	KUNIT_ASSERT_NOT_NULL(test, want);
	KUNIT_ASSERT_NOT_NULL(test, scribble);
	st = atx_stripe_alloc(test, 34);
	do {
		int cnt = xor_counts[idx[0]], o = idx[3], i;
		size_t len = xor_lengths[idx[1]], at;
		enum async_tx_flags mode = xor_modes[idx[2]];
		struct page *dest = st->blk[33], *srcs[34];
		unsigned int soffs[34], doff = o == 1 ? 3 : 0;
		struct async_submit_ctl submit;
		struct dma_async_tx_descriptor *tx;
		struct one_op op;

		if (len + 64 * 33 + 8 > BUF_SIZE)
			continue;
		get_random_bytes(page_address(dest), BUF_SIZE);
		for (i = 0; i < cnt; i++) {
			srcs[i] = st->blk[i];
			soffs[i] = xor_src_off(o, i, cnt, doff);
		}
		if (mode == ASYNC_TX_XOR_DROP_DST) {
			srcs[0] = dest;
			soffs[0] = doff;
		}
		/* the reference, by bytes */
		for (at = 0; at < len; at++) {
			u8 v = mode ? 0 : atx_blk_va(dest, doff)[at];

			for (i = 0; i < cnt; i++)
				v ^= atx_blk_va(srcs[i], soffs[i])[at];
			want[at] = v;
		}
		atx_op_begin(&op, &submit, mode, idx[4] ? scribble : NULL);
		tx = async_xor_offs(dest, doff, srcs, soffs, cnt, len, &submit);
		atx_op_end(test, fx, &op, tx);
		EXPECT_SAME(test, atx_blk_va(dest, doff), want, len,
			    "%d sources, len %zu, mode %x, offsets %d, scribble %d",
			    cnt, len, mode, o, idx[4]);
		/* the caller's lists are left as they were */
		for (i = 0; i < cnt; i++) {
			KUNIT_EXPECT_PTR_EQ(test, srcs[i],
					    i || mode != ASYNC_TX_XOR_DROP_DST ?
					    st->blk[i] : dest);
			KUNIT_EXPECT_EQ(test, soffs[i],
					i || mode != ASYNC_TX_XOR_DROP_DST ?
					xor_src_off(o, i, cnt, doff) : doff);
		}
	} while (atx_next_case(idx, lim, ARRAY_SIZE(lim)));
	atx_profile_check(test, fx, DMA_XOR);
}

/*
 * NULL entries of the source list are skipped on every path wherever
 * they stand: none, or a run of twenty (longer than the CPU path's batch)
 * before the first source, and one after each source; with and without
 * a scribble, into a destination that is zeroed first or is an input.
 */
static void xor_skips_null_sources(struct kunit *test)
{
	struct dma_fx *fx = atx_profile_engine(test);
	u8 *want = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	addr_conv_t *scribble = kunit_kcalloc(test, 40, sizeof(*scribble),
					      GFP_KERNEL);
	const int lim[] = { 2, 2, 2 };
	int idx[ARRAY_SIZE(lim)] = { };
	struct stripe *st;

	KUNIT_ASSERT_NOT_NULL(test, want);
	KUNIT_ASSERT_NOT_NULL(test, scribble);
	st = atx_stripe_alloc(test, 9);
	do {
		int lead = idx[0] * 20, in = idx[2], cnt = lead, i;
		enum async_tx_flags mode = in ? 0 : ASYNC_TX_XOR_ZERO_DST;
		struct page *srcs[40] = { }, *dest = st->blk[8];
		struct async_submit_ctl submit;
		struct dma_async_tx_descriptor *tx;
		struct one_op op;
		size_t at;

		get_random_bytes(page_address(dest), PAGE_SIZE);
		for (i = 0; i < 8; i++) {
			srcs[cnt] = st->blk[i];
			cnt += 2;
		}
		for (at = 0; at < PAGE_SIZE; at++) {
			u8 v = in ? atx_blk_va(dest, 0)[at] : 0;

			for (i = 0; i < 8; i++)
				v ^= atx_blk_va(st->blk[i], 0)[at];
			want[at] = v;
		}
		atx_op_begin(&op, &submit, mode, idx[1] ? scribble : NULL);
		tx = async_xor(dest, srcs, 0, cnt, PAGE_SIZE, &submit);
		atx_op_end(test, fx, &op, tx);
		EXPECT_SAME(test, atx_blk_va(dest, 0), want, PAGE_SIZE,
			    "%d NULLs first, scribble %d, destination an input %d",
			    lead, idx[1], in);
	} while (atx_next_case(idx, lim, ARRAY_SIZE(lim)));
	atx_profile_check(test, fx, DMA_XOR);
}

static void xor_val_detects_each_flipped_bit(struct kunit *test)
{
	struct dma_fx *fx = atx_profile_engine(test);
	static const int counts[] = { 2, 3, 5, 8, 17 };
	static const size_t lens[] = { 1, 100, PAGE_SIZE };
	const int lim[] = { ARRAY_SIZE(counts), ARRAY_SIZE(lens), 18 };
	int idx[ARRAY_SIZE(lim)] = { };
	struct stripe *st;

	st = atx_stripe_alloc(test, 17);
	do {
		int cnt = counts[idx[0]], flip = idx[2] - 1, i;
		size_t len = lens[idx[1]], at, bit = 0;
		enum sum_check_flags result = ~0;
		struct async_submit_ctl submit;
		struct dma_async_tx_descriptor *tx;
		struct one_op op;
		u8 *parity = atx_blk_va(st->blk[0], 0);

		/* flip runs from -1 (no bit flipped) to the last block */
		if (flip >= cnt)
			continue;

		/* block 0 is the parity of the others */
		memset(parity, 0, len);
		for (i = 1; i < cnt; i++)
			for (at = 0; at < len; at++)
				parity[at] ^= atx_blk_va(st->blk[i], 0)[at];
		if (flip >= 0) {
			bit = get_random_u32_below(len * 8);
			atx_blk_va(st->blk[flip], 0)[bit / 8] ^= 1 << (bit % 8);
		}
		atx_op_begin(&op, &submit, 0, NULL);
		tx = async_xor_val(st->blk[0], st->blk, 0, cnt, len, &result,
				   &submit);
		atx_op_end(test, fx, &op, tx);
		KUNIT_EXPECT_EQ_MSG(test, result,
				    flip < 0 ? 0 : SUM_CHECK_P_RESULT,
				    "%d blocks, len %zu, bit flipped in %d",
				    cnt, len, flip);
		if (flip >= 0)
			atx_blk_va(st->blk[flip], 0)[bit / 8] ^= 1 << (bit % 8);
	} while (atx_next_case(idx, lim, ARRAY_SIZE(lim)));
	atx_profile_check(test, fx, DMA_XOR_VAL);
}

/* ------------------------------------------------------------------ */
/* pq and pq_val                                                      */
/* ------------------------------------------------------------------ */

enum pq_variant { PQ_BOTH, PQ_P_ONLY, PQ_Q_ONLY, PQ_HOLES, PQ_XOR_DST,
		  PQ_VARIANTS };

static void gen_syndrome_matches_reference(struct kunit *test)
{
	struct dma_fx *fx = atx_profile_engine(test);
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
	st = atx_stripe_alloc(test, 38);
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
			data[d] = atx_blk_va(blocks[d], offs[d]);
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
		atx_ref_pq(st, data, len, want_p, want_q);
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
		atx_op_begin(&op, &submit, flags, disks > 36 ? scribble : NULL);
		tx = async_gen_syndrome(blocks, offs, disks, len, &submit);
		atx_op_end(test, fx, &op, tx);
		EXPECT_SAME(test, p, want_p, len, "P: %d disks, len %zu, variant %d, offsets %d",
			    disks, len, v, o);
		EXPECT_SAME(test, q, want_q, len, "Q: %d disks, len %zu, variant %d, offsets %d",
			    disks, len, v, o);
	} while (atx_next_case(idx, lim, ARRAY_SIZE(lim)));
	atx_profile_check(test, fx, DMA_PQ);
}

/*
 * A bit flipped anywhere in a stripe - data, P or Q, in the first, a
 * middle or the last vector unit - is reported as the blocks it puts in
 * the wrong, with and without a spare page, with and without missing
 * data blocks (which count as zeroes), at lengths that are and are not
 * whole units.
 */
static void syndrome_val_detects_each_flipped_bit(struct kunit *test)
{
	struct dma_fx *fx = atx_profile_engine(test);
	static const int disk_counts[] = { 4, 5, 8, 16 };
	static const size_t lens[] = { 1, 100, 512, 1536, PAGE_SIZE };
	struct page *spare = atx_test_block(test);
	addr_conv_t *scribble = kunit_kcalloc(test, MAX_BLOCKS,
					      sizeof(*scribble), GFP_KERNEL);
	const int lim[] = { ARRAY_SIZE(disk_counts), ARRAY_SIZE(lens), 2, 2, 17 };
	int idx[ARRAY_SIZE(lim)] = { };
	struct stripe *st;

	KUNIT_ASSERT_NOT_NULL(test, scribble);
	st = atx_stripe_alloc(test, 16);
	do {
		int disks = disk_counts[idx[0]], sp = idx[2], holes = idx[3];
		int flip = idx[4] - 1, d;
		size_t len = lens[idx[1]], bit = 0;
		enum sum_check_flags result = ~0, want;
		struct page *blocks[MAX_BLOCKS];
		u8 *data[MAX_BLOCKS];
		struct async_submit_ctl submit;
		struct dma_async_tx_descriptor *tx;
		struct one_op op;

		if (flip >= disks)
			continue;
		st->n = disks;
		for (d = 0; d < disks; d++) {
			/* every third data block from the second is missing */
			blocks[d] = holes && d < disks - 2 && d % 3 == 1 ?
				    NULL : st->blk[d];
			data[d] = blocks[d] ? atx_blk_va(st->blk[d], 0) : NULL;
		}
		if (flip >= 0 && !blocks[flip])
			continue;
		atx_ref_pq(st, data, len, data[disks - 2], data[disks - 1]);
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
		atx_op_begin(&op, &submit, 0, scribble);
		tx = async_syndrome_val(blocks, st->off, disks, len, &result,
					sp ? spare : NULL, 0, &submit);
		atx_op_end(test, fx, &op, tx);
		KUNIT_EXPECT_EQ_MSG(test, result, want,
				    "%d disks, len %zu, bit %zu flipped in %d, spare %d, holes %d",
				    disks, len, bit, flip, sp, holes);
		if (flip >= 0)
			data[flip][bit / 8] ^= 1 << (bit % 8);
	} while (atx_next_case(idx, lim, ARRAY_SIZE(lim)));
	atx_profile_check(test, fx, DMA_PQ_VAL);
}

/* ------------------------------------------------------------------ */
/* raid6 recovery                                                     */
/* ------------------------------------------------------------------ */

/* the operations async_tx ran on the CPU, though a channel was found */
static unsigned long cpu_fallbacks(void)
{
	unsigned long n = 0;
	int why;

	for (why = ASYNC_CPU_ALIGNMENT; why < ASYNC_PATH_NR; why++)
		n += async_tx_stat_sum(ASYNC_STAT_CPU + why);
	return n;
}

/*
 * Every pair of lost blocks of stripes of 4 to 32 blocks, each checked
 * against the blocks as they were.  A stripe of four that lost a data
 * block and another data block or P, whose recovery the engine took
 * whole, runs in two operations (a sum and an xor), where the long
 * chain takes four or five.
 */
static void recovery_rebuilds_every_pair(struct kunit *test)
{
	struct dma_fx *fx = atx_profile_engine(test);
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
	st = atx_stripe_alloc(test, 32);
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
			data[k] = atx_blk_va(st->blk[k], offs[k]);
		}
		atx_ref_pq(st, data, len, data[disks - 2], data[disks - 1]);
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
				unsigned long ops0 = async_tx_stat_sum(ASYNC_STAT_ENGINE);
				unsigned long cpu0 = cpu_fallbacks();

				memcpy(blocks, st->blk, disks * sizeof(*blocks));
				memset(data[a], 0x5a, len);
				memset(data[b], 0xa5, len);
				atx_op_begin(&op, &submit, 0,
					     use_datap ? NULL : scribble);
				if (use_datap)
					tx = async_raid6_datap_recov(disks, len, a,
								     blocks, offs,
								     &submit);
				else
					tx = async_raid6_2data_recov(disks, len,
								     b, a, blocks,
								     offs, &submit);
				atx_op_end(test, fx, &op, tx);
				EXPECT_SAME(test, data[a], saved[a], len,
					    "block %d of %d lost with %d (%s)",
					    a, disks, b, use_datap ? "datap" : "2data");
				EXPECT_SAME(test, data[b], saved[b], len,
					    "block %d of %d lost with %d (%s)",
					    b, disks, a, use_datap ? "datap" : "2data");
				/* the block list comes back as it was given */
				KUNIT_EXPECT_EQ(test, memcmp(blocks, st->blk,
							     disks * sizeof(blocks[0])), 0);
				/* data lost with data or P (not Q: that is recomputed) */
				if (fx && disks == 4 && b < disks - 1 &&
				    cpu_fallbacks() == cpu0 &&
				    dma_has_cap(DMA_XOR, fx->dma.cap_mask) &&
				    dma_has_cap(DMA_PQ, fx->dma.cap_mask))
					KUNIT_EXPECT_EQ(test, async_tx_stat_sum(ASYNC_STAT_ENGINE) -
							ops0, 2);
			}
		}
	}
	atx_profile_check(test, fx, DMA_PQ);
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
	struct dma_fx *fx = atx_profile_engine(test);
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
	st = atx_stripe_alloc(test, 8);
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
			data[d] = blocks[d] ? atx_blk_va(st->blk[d], offs[d]) : NULL;
		}
		atx_ref_pq(st, data, len, data[disks - 2], data[disks - 1]);
		memcpy(saved_a, data[a], len);
		memcpy(saved_b, data[b], len);
		memset(data[a], 0x5a, len);
		memset(data[b], 0xa5, len);
		atx_op_begin(&op, &submit, 0, scribble);
		if (kind == 3)
			tx = async_raid6_datap_recov(disks, len, a, blocks,
						     offs, &submit);
		else
			tx = async_raid6_2data_recov(disks, len, a, b, blocks,
						     offs, &submit);
		atx_op_end(test, fx, &op, tx);
		EXPECT_SAME(test, data[a], saved_a, len,
			    "block %d of %d with %d, len %zu, hole %d, offset %u",
			    a, disks, b, len, gap, offsets[idx[4]]);
		EXPECT_SAME(test, data[b], saved_b, len,
			    "block %d of %d with %d, len %zu, hole %d, offset %u",
			    b, disks, a, len, gap, offsets[idx[4]]);
	} while (atx_next_case(idx, lim, ARRAY_SIZE(lim)));
	/* the aligned whole-page cases ran on the engine, not the CPU */
	atx_profile_check(test, fx, DMA_PQ);
}

static struct kunit_case async_tx_op_cases[] = {
	KUNIT_CASE_PARAM(memcpy_matches_reference, atx_profile_gen_params),
	KUNIT_CASE_PARAM(memset_matches_reference, atx_profile_gen_params),
	KUNIT_CASE_PARAM(xor_matches_reference, atx_profile_gen_params),
	KUNIT_CASE_PARAM(xor_skips_null_sources, atx_profile_gen_params),
	KUNIT_CASE_PARAM(xor_val_detects_each_flipped_bit, atx_profile_gen_params),
	KUNIT_CASE_PARAM(gen_syndrome_matches_reference, atx_profile_gen_params),
	KUNIT_CASE_PARAM(syndrome_val_detects_each_flipped_bit,
			 atx_profile_gen_params),
	KUNIT_CASE_PARAM(recovery_rebuilds_every_pair, atx_profile_gen_params),
	KUNIT_CASE_PARAM(recovery_any_length, atx_profile_gen_params),
	{}
};

static struct kunit_suite async_tx_op_suite = {
	.name = "async_tx_ops",
	.suite_init = atx_suite_init,
	.test_cases = async_tx_op_cases,
};

kunit_test_suites(&async_tx_op_suite);
