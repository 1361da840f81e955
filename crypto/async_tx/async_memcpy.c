// SPDX-License-Identifier: GPL-2.0-only
/*
 * async_memcpy: copy between pages, on a DMA_MEMCPY channel when one can
 * take the buffers, on the CPU otherwise.
 */

#include <linux/kernel.h>
#include <linux/highmem.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/dma-mapping.h>
#include <linux/async_tx.h>
#include "async_tx_internal.h"

/* blk[0] is the destination, blk[1] the source */
static void memcpy_redo(struct async_op *op)
{
	memcpy(async_blk_addr(&op->blk[0]), async_blk_addr(&op->blk[1]),
	       op->len);
}

/* See async_op_alloc() in async_tx_internal.h for the contract. */
static bool memcpy_on_engine(struct dma_chan *chan, struct async_op *op,
			     struct async_submit_ctl *submit,
			     struct dma_async_tx_descriptor **txp)
{
	struct dma_device *dma = chan->device;
	struct dmaengine_unmap_data *unmap;

	*txp = NULL;
	op->why = ASYNC_CPU_NO_MEMORY;
	unmap = async_op_get_unmap(op, dma->dev, 2);
	if (!unmap)
		return false;
	unmap->len = op->len;
	/* sources first: the unmap data is ordered by direction */
	if (async_dma_map_pages(dma->dev, unmap, 0, &op->blk[1], 1, op->len,
				DMA_TO_DEVICE) &&
	    async_dma_map_pages(dma->dev, unmap, 1, &op->blk[0], 1, op->len,
				DMA_FROM_DEVICE)) {
		op->why = ASYNC_CPU_NO_DESCRIPTOR;
		*txp = dma->device_prep_dma_memcpy(chan, unmap->addr[1],
						   unmap->addr[0], op->len,
						   async_prep_flags(submit,
								    chan));
	}
	return async_tx_submit_mapped(chan, *txp, unmap, submit, op);
}

/**
 * async_memcpy() - copy @len bytes from one page to another
 * @dest: the destination page
 * @src: the source page
 * @dest_offset: where in @dest the copy starts
 * @src_offset: where in @src it starts
 * @len: the number of bytes
 * @submit: dependency, callback and flags (ASYNC_TX_ACK, ASYNC_TX_FENCE)
 *
 * Runs on a channel with DMA_MEMCPY when one is found and takes the
 * buffers' alignment, else waits for the dependency and copies on the
 * CPU, running the callback before returning.
 *
 * Context: any; the CPU path may spin waiting for the dependency.
 * Return: the engine descriptor, or NULL when the copy is already done.
 */
struct dma_async_tx_descriptor *
async_memcpy(struct page *dest, struct page *src, unsigned int dest_offset,
	     unsigned int src_offset, size_t len,
	     struct async_submit_ctl *submit)
{
	enum async_path why = ASYNC_CPU_NO_CHANNEL;
	struct dma_async_tx_descriptor *tx;
	struct async_op *op = NULL;
	struct dma_chan *chan;

	trace_async_tx_op(ASYNC_OP_MEMCPY, len, 1, submit->flags);
	chan = async_tx_find_channel(submit, DMA_MEMCPY, &dest, 1, &src, 1,
				     len);
	if (chan && !is_dma_copy_aligned(chan->device, src_offset,
					 dest_offset, len)) {
		why = ASYNC_CPU_ALIGNMENT;
	} else if (chan) {
		why = ASYNC_CPU_NO_MEMORY;
		op = async_op_alloc(submit, ASYNC_OP_MEMCPY, 2, 0);
	}
	if (op) {
		op->blk[0] = (struct async_blk){ dest, dest_offset };
		op->blk[1] = (struct async_blk){ src, src_offset };
		op->len = len;
		op->redo = memcpy_redo;
		if (memcpy_on_engine(chan, op, submit, &tx))
			return tx;
		why = op->why;
		async_op_put(op);
	}

	if (async_tx_cpu_path(chan, submit, ASYNC_OP_MEMCPY, why))
		memcpy(page_address(dest) + dest_offset,
		       page_address(src) + src_offset, len);
	async_tx_cpu_done(submit, ASYNC_OP_MEMCPY);
	return NULL;
}
EXPORT_SYMBOL_GPL(async_memcpy);

MODULE_DESCRIPTION("async_tx: page copy");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(ASYNC_TX);
