/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Upstream's async_tx entry points as bench.sh compiles them into the
 * benchmark kernel next to ours: the same interface under an up_ prefix.
 */
#ifndef _ATX_UP_H
#define _ATX_UP_H

#include <linux/async_tx.h>

struct dma_async_tx_descriptor *
up_async_memcpy(struct page *dest, struct page *src, unsigned int dest_offset,
		unsigned int src_offset, size_t len,
		struct async_submit_ctl *submit);
struct dma_async_tx_descriptor *
up_async_xor(struct page *dest, struct page **src_list, unsigned int offset,
	     int src_cnt, size_t len, struct async_submit_ctl *submit);
struct dma_async_tx_descriptor *
up_async_xor_val(struct page *dest, struct page **src_list,
		 unsigned int offset, int src_cnt, size_t len,
		 enum sum_check_flags *result, struct async_submit_ctl *submit);
struct dma_async_tx_descriptor *
up_async_gen_syndrome(struct page **blocks, unsigned int *offsets, int disks,
		      size_t len, struct async_submit_ctl *submit);
struct dma_async_tx_descriptor *
up_async_syndrome_val(struct page **blocks, unsigned int *offsets, int disks,
		      size_t len, enum sum_check_flags *pqres,
		      struct page *spare, unsigned int s_off,
		      struct async_submit_ctl *submit);
struct dma_async_tx_descriptor *
up_async_raid6_2data_recov(int disks, size_t bytes, int faila, int failb,
			   struct page **ptrs, unsigned int *offs,
			   struct async_submit_ctl *submit);
struct dma_async_tx_descriptor *
up_async_raid6_datap_recov(int disks, size_t bytes, int faila,
			   struct page **ptrs, unsigned int *offs,
			   struct async_submit_ctl *submit);
void up_async_tx_quiesce(struct dma_async_tx_descriptor **tx);

#endif
