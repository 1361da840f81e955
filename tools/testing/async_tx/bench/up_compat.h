/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What upstream's crypto/async_tx, compiled into the benchmark kernel
 * under up_* names (bench.sh), takes from the headers it was written
 * against and ours no longer carry: the inline marker of its operations
 * and the descriptor-lock helpers, taken as upstream took them.
 */
#ifndef _ATX_UP_COMPAT_H
#define _ATX_UP_COMPAT_H

#include <linux/dmaengine.h>
#include <linux/spinlock.h>

#define __async_inline

static inline void txd_lock(struct dma_async_tx_descriptor *txd)
{
	spin_lock_bh(&txd->lock);
}

static inline void txd_unlock(struct dma_async_tx_descriptor *txd)
{
	spin_unlock_bh(&txd->lock);
}

#endif
