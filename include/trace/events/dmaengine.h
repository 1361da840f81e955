/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dmaengine core events: devices arriving and leaving, who holds each
 * channel, and descriptors completing.  (The DMA-mapping events are the
 * "dma" system's, include/trace/events/dma.h.)
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM dmaengine

#if !defined(_TRACE_DMAENGINE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_DMAENGINE_H

#include <linux/tracepoint.h>
#include <linux/dmaengine.h>

#ifndef _TRACE_DMAENGINE_ONCE
#define _TRACE_DMAENGINE_ONCE
/* a channel's name; a channel not yet (or no longer) registered has none */
static inline const char *dmaengine_trace_chan(struct dma_chan *chan)
{
	return chan->dev ? dma_chan_name(chan) : "unnamed";
}
#endif

TRACE_DEFINE_ENUM(DMA_TRANS_NOERROR);
TRACE_DEFINE_ENUM(DMA_TRANS_READ_FAILED);
TRACE_DEFINE_ENUM(DMA_TRANS_WRITE_FAILED);
TRACE_DEFINE_ENUM(DMA_TRANS_ABORTED);

#define dmaengine_show_result(r)				\
	__print_symbolic(r,					\
		{ DMA_TRANS_NOERROR,		"ok" },		\
		{ DMA_TRANS_READ_FAILED,	"read_failed" },	\
		{ DMA_TRANS_WRITE_FAILED,	"write_failed" },	\
		{ DMA_TRANS_ABORTED,		"aborted" })

DECLARE_EVENT_CLASS(dmaengine_device,
	TP_PROTO(struct dma_device *device),
	TP_ARGS(device),

	TP_STRUCT__entry(
		__string(dev, dev_name(device->dev))
		__field(int, dev_id)
		__field(unsigned int, chancnt)
		__field(unsigned long, caps)
		__field(bool, private)
	),

	TP_fast_assign(
		__assign_str(dev);
		__entry->dev_id = device->dev_id;
		__entry->chancnt = device->chancnt;
		__entry->caps = device->cap_mask.bits[0];
		__entry->private = dma_has_cap(DMA_PRIVATE, device->cap_mask);
	),

	TP_printk("dma%d (%s) channels=%u caps=%#lx%s", __entry->dev_id,
		  __get_str(dev), __entry->chancnt, __entry->caps,
		  __entry->private ? " private" : "")
);

/**
 * dmaengine_device_register - a provider's device joined the registry
 * @device: the device; its channels are registered, general-purpose
 *	clients may be given them from now on
 *
 * caps is the device's capability mask (bit n: enum
 * dma_transaction_type n).
 */
DEFINE_EVENT(dmaengine_device, dmaengine_device_register,
	TP_PROTO(struct dma_device *device),
	TP_ARGS(device));

/**
 * dmaengine_device_unregister - a device is leaving the registry
 * @device: the device; its channels are taken from their holders next
 */
DEFINE_EVENT(dmaengine_device, dmaengine_device_unregister,
	TP_PROTO(struct dma_device *device),
	TP_ARGS(device));

DECLARE_EVENT_CLASS(dmaengine_chan_holder,
	TP_PROTO(struct dma_chan *chan, bool exclusive),
	TP_ARGS(chan, exclusive),

	TP_STRUCT__entry(
		__string(chan, dmaengine_trace_chan(chan))
		__string(holder, chan->dbg_client_name ?: "")
		__field(bool, exclusive)
	),

	TP_fast_assign(
		__assign_str(chan);
		__assign_str(holder);
		__entry->exclusive = exclusive;
	),

	TP_printk("chan=%s client=%s%s%s", __get_str(chan),
		  __entry->exclusive ? "exclusive" : "general",
		  __get_str(holder)[0] ? " holder=" : "", __get_str(holder))
);

/**
 * dmaengine_chan_alloc - a channel was given to a client
 * @chan: the channel; its provider has allocated its resources
 * @exclusive: one client holds it (dma_request_chan() and friends);
 *	false: the general-purpose pool (dmaengine_get(), async_tx)
 */
DEFINE_EVENT(dmaengine_chan_holder, dmaengine_chan_alloc,
	TP_PROTO(struct dma_chan *chan, bool exclusive),
	TP_ARGS(chan, exclusive));

/**
 * dmaengine_chan_release - a client let a channel go
 * @chan: the channel; its provider is about to free its resources
 * @exclusive: as for dmaengine_chan_alloc
 */
DEFINE_EVENT(dmaengine_chan_holder, dmaengine_chan_release,
	TP_PROTO(struct dma_chan *chan, bool exclusive),
	TP_ARGS(chan, exclusive));

/**
 * dmaengine_cookie_complete - a provider completed a descriptor
 * @tx: the descriptor; its cookie is the channel's completed one now
 *
 * Every provider calls dma_cookie_complete(); the result follows in
 * dmaengine_callback when the provider hands it to the descriptor's
 * callback.
 */
TRACE_EVENT(dmaengine_cookie_complete,
	TP_PROTO(struct dma_async_tx_descriptor *tx),
	TP_ARGS(tx),

	TP_STRUCT__entry(
		__string(chan, dmaengine_trace_chan(tx->chan))
		__field(const void *, tx)
		__field(dma_cookie_t, cookie)
	),

	TP_fast_assign(
		__assign_str(chan);
		__entry->tx = tx;
		__entry->cookie = tx->cookie;
	),

	TP_printk("chan=%s tx=%p cookie=%d", __get_str(chan), __entry->tx,
		  __entry->cookie)
);

/**
 * dmaengine_callback - a completed descriptor's result is handed over
 * @tx: the descriptor
 * @result: what the provider reported, or NULL: success
 *
 * Emitted by dmaengine_desc_get_callback_invoke(), whether or not the
 * descriptor has a callback.
 */
TRACE_EVENT(dmaengine_callback,
	TP_PROTO(struct dma_async_tx_descriptor *tx,
		 const struct dmaengine_result *result),
	TP_ARGS(tx, result),

	TP_STRUCT__entry(
		__string(chan, dmaengine_trace_chan(tx->chan))
		__field(const void *, tx)
		__field(unsigned int, result)
		__field(u32, residue)
	),

	TP_fast_assign(
		__assign_str(chan);
		__entry->tx = tx;
		__entry->result = result ? result->result : DMA_TRANS_NOERROR;
		__entry->residue = result ? result->residue : 0;
	),

	TP_printk("chan=%s tx=%p result=%s residue=%u", __get_str(chan),
		  __entry->tx, dmaengine_show_result(__entry->result),
		  __entry->residue)
);

#endif /* _TRACE_DMAENGINE_H */

#include <trace/define_trace.h>
