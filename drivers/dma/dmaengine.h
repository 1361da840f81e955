/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for DMA providers only: cookie bookkeeping, completion
 * callbacks, and the core's channel lookups for the OF/ACPI glue.
 *
 * The cookie helpers keep no lock of their own: a provider calls them
 * under the lock that serialises submission and completion on the
 * channel (its "channel lock").
 */
#ifndef DMAENGINE_H
#define DMAENGINE_H

#include <linux/bug.h>
#include <linux/dmaengine.h>
#include <linux/tracepoint-defs.h>

/*
 * The completion events, emitted from the inlines below.  Only their
 * declarations are here: a provider that creates its own trace points
 * may include this header with CREATE_TRACE_POINTS defined.
 */
DECLARE_TRACEPOINT(dmaengine_cookie_complete);
DECLARE_TRACEPOINT(dmaengine_callback);
void dmaengine_trace_cookie_complete(struct dma_async_tx_descriptor *tx);
void dmaengine_trace_callback(struct dma_async_tx_descriptor *tx,
			      const struct dmaengine_result *result);

/* Start a channel's cookie counters; on its first allocation. */
static inline void dma_cookie_init(struct dma_chan *chan)
{
	chan->completed_cookie = DMA_MIN_COOKIE;
	chan->cookie = DMA_MIN_COOKIE;
}

/*
 * Give @tx the next cookie of its channel, wrapping back to
 * DMA_MIN_COOKIE past the largest one.  Under the channel lock.
 */
static inline dma_cookie_t dma_cookie_assign(struct dma_async_tx_descriptor *tx)
{
	struct dma_chan *chan = tx->chan;
	dma_cookie_t next = chan->cookie == S32_MAX ? DMA_MIN_COOKIE :
						       chan->cookie + 1;

	chan->cookie = next;
	tx->cookie = next;
	return next;
}

/*
 * Record @tx as the channel's latest completed transaction and clear its
 * cookie.  Under the channel lock, in completion order.  A descriptor
 * that was never submitted has nothing to complete: warn and leave the
 * channel's counters alone.
 */
static inline void dma_cookie_complete(struct dma_async_tx_descriptor *tx)
{
	struct dma_chan_percpu __percpu *local;

	if (WARN_ON_ONCE(tx->cookie < DMA_MIN_COOKIE))
		return;
	if (tracepoint_enabled(dmaengine_cookie_complete))
		dmaengine_trace_cookie_complete(tx);
	tx->chan->completed_cookie = tx->cookie;
	tx->cookie = 0;
	/* sysfs memcpy_count, for every provider (none before register) */
	local = READ_ONCE(tx->chan->local);
	if (local)
		this_cpu_inc(local->memcpy_count);
}

/*
 * Report @cookie against the channel's counters, and fill @state with
 * them (residue left at zero for the provider to set).
 */
static inline enum dma_status dma_cookie_status(struct dma_chan *chan,
						dma_cookie_t cookie,
						struct dma_tx_state *state)
{
	dma_cookie_t used = READ_ONCE(chan->cookie);
	dma_cookie_t done = READ_ONCE(chan->completed_cookie);

	if (state) {
		state->last = done;
		state->used = used;
		state->residue = 0;
		state->in_flight_bytes = 0;
	}
	return dma_async_is_complete(cookie, done, used);
}

static inline void dma_set_residue(struct dma_tx_state *state, u32 residue)
{
	if (state)
		state->residue = residue;
}

static inline void dma_set_in_flight_bytes(struct dma_tx_state *state,
					   u32 in_flight_bytes)
{
	if (state)
		state->in_flight_bytes = in_flight_bytes;
}

/**
 * struct dmaengine_desc_callback - a descriptor's callback, copied out
 * @callback: the callback without a result
 * @callback_result: the callback with a result
 * @callback_param: their argument
 *
 * Providers copy the callback under their channel lock, then invoke the
 * copy after dropping it: the descriptor may be recycled in between.
 */
struct dmaengine_desc_callback {
	dma_async_tx_callback callback;
	dma_async_tx_callback_result callback_result;
	void *callback_param;
};

static inline void
dmaengine_desc_get_callback(struct dma_async_tx_descriptor *tx,
			    struct dmaengine_desc_callback *cb)
{
	*cb = (struct dmaengine_desc_callback) {
		.callback = tx->callback,
		.callback_result = tx->callback_result,
		.callback_param = tx->callback_param,
	};
}

static inline bool
dmaengine_desc_callback_valid(struct dmaengine_desc_callback *cb)
{
	return cb->callback_result || cb->callback;
}

/*
 * Run a copied callback.  A result-carrying callback always gets a
 * result: success when the provider has none to give.
 */
static inline void
dmaengine_desc_callback_invoke(struct dmaengine_desc_callback *cb,
			       const struct dmaengine_result *result)
{
	static const struct dmaengine_result success = {
		.result = DMA_TRANS_NOERROR,
	};

	if (cb->callback_result)
		cb->callback_result(cb->callback_param,
				    result ? result : &success);
	else if (cb->callback)
		cb->callback(cb->callback_param);
}

static inline void
dmaengine_desc_get_callback_invoke(struct dma_async_tx_descriptor *tx,
				   const struct dmaengine_result *result)
{
	struct dmaengine_desc_callback cb;

	if (tracepoint_enabled(dmaengine_callback))
		dmaengine_trace_callback(tx, result);
	dmaengine_desc_get_callback(tx, &cb);
	dmaengine_desc_callback_invoke(&cb, result);
}

struct dma_chan *dma_get_slave_channel(struct dma_chan *chan);
struct dma_chan *dma_get_any_slave_channel(struct dma_device *device);

#if IS_ENABLED(CONFIG_KUNIT)
char *dma_exclusive_swap(char *names);
#endif

#ifdef CONFIG_DEBUG_FS
#include <linux/debugfs.h>

static inline struct dentry *
dmaengine_get_debugfs_root(struct dma_device *dma_dev)
{
	return dma_dev->dbg_dev_root;
}
#else
struct dentry;

static inline struct dentry *
dmaengine_get_debugfs_root(struct dma_device *dma_dev)
{
	return NULL;
}
#endif

#endif /* DMAENGINE_H */
