// SPDX-License-Identifier: GPL-2.0-only
/*
 * async_memset: fill part of a page with a byte, on a DMA_MEMSET channel
 * when one can take the buffer, on the CPU otherwise.
 */

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/dma-mapping.h>
#include <linux/async_tx.h>
#include "async_tx_internal.h"

/* blk[0] is the destination, arg[0] the byte */
static void memset_redo(struct async_op *op)
{
	memset(async_blk_addr(&op->blk[0]), op->arg[0], op->len);
}

/* See async_op_alloc() in async_tx_internal.h for the contract. */
static bool memset_on_engine(struct dma_chan *chan, struct async_op *op,
			     struct async_submit_ctl *submit,
			     struct dma_async_tx_descriptor **txp)
{
	struct dma_device *dma = chan->device;
	struct dmaengine_unmap_data *unmap;

	*txp = NULL;
	op->why = ASYNC_CPU_NO_MEMORY;
	unmap = async_op_get_unmap(op, dma->dev, 1);
	if (!unmap)
		return false;
	unmap->len = op->len;
	if (async_dma_map_pages(dma->dev, unmap, 0, op->blk, 1, op->len,
				DMA_FROM_DEVICE)) {
		op->why = ASYNC_CPU_NO_DESCRIPTOR;
		*txp = dma->device_prep_dma_memset(chan, unmap->addr[0],
						   op->arg[0], op->len,
						   async_prep_flags(submit,
								    chan));
	}
	return async_tx_submit_mapped(chan, *txp, unmap, submit, op);
}

/**
 * async_memset() - fill @len bytes of a page with a byte value
 * @dest: the page
 * @val: the value; its low byte is used
 * @offset: where in @dest the fill starts
 * @len: the number of bytes
 * @submit: dependency, callback and flags (ASYNC_TX_ACK, ASYNC_TX_FENCE)
 *
 * Runs on a channel with DMA_MEMSET when one is found and takes the
 * buffer's alignment, else waits for the dependency and fills on the
 * CPU, running the callback before returning.
 *
 * Context: any; the CPU path may spin waiting for the dependency.
 * Return: the engine descriptor, or NULL when the fill is already done.
 */
struct dma_async_tx_descriptor *
async_memset(struct page *dest, int val, unsigned int offset, size_t len,
	     struct async_submit_ctl *submit)
{
	enum async_path why = ASYNC_CPU_NO_CHANNEL;
	struct dma_async_tx_descriptor *tx;
	struct async_op *op = NULL;
	struct dma_chan *chan;

	trace_async_tx_op(ASYNC_OP_MEMSET, len, 0, submit->flags);
	chan = async_tx_find_channel(submit, DMA_MEMSET, &dest, 1, NULL, 0,
				     len);
	if (chan && !is_dma_fill_aligned(chan->device, offset, 0, len)) {
		why = ASYNC_CPU_ALIGNMENT;
	} else if (chan) {
		why = ASYNC_CPU_NO_MEMORY;
		op = async_op_alloc(submit, ASYNC_OP_MEMSET, 1, 0);
	}
	if (op) {
		op->blk[0] = (struct async_blk){ dest, offset };
		op->arg[0] = val & 0xff;
		op->len = len;
		op->redo = memset_redo;
		if (memset_on_engine(chan, op, submit, &tx))
			return tx;
		why = op->why;
		async_op_put(op);
	}

	if (async_tx_cpu_path(chan, submit, ASYNC_OP_MEMSET, why))
		memset(page_address(dest) + offset, val, len);
	async_tx_cpu_done(submit, ASYNC_OP_MEMSET);
	return NULL;
}
EXPORT_SYMBOL_GPL(async_memset);

MODULE_DESCRIPTION("async_tx: page fill");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(ASYNC_TX);
