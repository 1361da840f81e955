/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * async_tx events: an operation from the client's call to its end, on an
 * engine or on the CPU.
 *
 * Every operation starts with async_tx_op.  Then exactly one of:
 *
 * - async_tx_path with path=engine when its first descriptor goes to a
 *   channel; async_tx_park / async_tx_release when it waits behind a
 *   parent on another channel; async_tx_repair when the engine reported
 *   an error; async_tx_complete when its completion handler has run;
 * - async_tx_path with path=cpu_<why> when it runs on the CPU, then
 *   async_tx_cpu_done once the CPU result is there.
 *
 * An engine operation is named by its record (id), a CPU one by the
 * client's submission control; both are only meaningful between the
 * operation's first and last event.  The raid6 recoveries (2data, datap)
 * have an async_tx_op of their own, then one per step.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM async_tx

#if !defined(_TRACE_ASYNC_TX_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_ASYNC_TX_H

#include <linux/tracepoint.h>
#include <linux/dmaengine.h>

#ifndef _TRACE_ASYNC_TX_ENUMS_ONCE
#define _TRACE_ASYNC_TX_ENUMS_ONCE

/**
 * enum async_op_kind - what an async_tx operation computes
 * @ASYNC_OP_MEMCPY: async_memcpy()
 * @ASYNC_OP_MEMSET: async_memset()
 * @ASYNC_OP_XOR: async_xor() and async_xor_offs()
 * @ASYNC_OP_XOR_VAL: async_xor_val() and async_xor_val_offs()
 * @ASYNC_OP_PQ: async_gen_syndrome()
 * @ASYNC_OP_PQ_VAL: async_syndrome_val()
 * @ASYNC_OP_MULSUM: a step of a raid6 recovery: a * A + b * B in GF(2^8)
 * @ASYNC_OP_INTERRUPT: async_trigger_callback()
 * @ASYNC_OP_CLIENT: a descriptor the client prepared (async_tx_submit())
 * @ASYNC_OP_ENGINE_NR: the kinds above run on engines; those below are
 *	made of them
 * @ASYNC_OP_2DATA: async_raid6_2data_recov()
 * @ASYNC_OP_DATAP: async_raid6_datap_recov()
 * @ASYNC_OP_NR: how many kinds there are
 */
enum async_op_kind {
	ASYNC_OP_MEMCPY,
	ASYNC_OP_MEMSET,
	ASYNC_OP_XOR,
	ASYNC_OP_XOR_VAL,
	ASYNC_OP_PQ,
	ASYNC_OP_PQ_VAL,
	ASYNC_OP_MULSUM,
	ASYNC_OP_INTERRUPT,
	ASYNC_OP_CLIENT,
	ASYNC_OP_ENGINE_NR,
	ASYNC_OP_2DATA = ASYNC_OP_ENGINE_NR,
	ASYNC_OP_DATAP,
	ASYNC_OP_NR,
};

/**
 * enum async_path - where an operation runs, and why not on an engine
 * @ASYNC_PATH_ENGINE: on the channel named
 * @ASYNC_CPU_NO_CHANNEL: on the CPU: no channel offers the operation
 * @ASYNC_CPU_ALIGNMENT: the channel's alignment rules exclude the buffers
 * @ASYNC_CPU_LIMITS: the operation is outside what the channel takes
 *	(length, source count, a shape not worth a descriptor)
 * @ASYNC_CPU_NO_DESCRIPTOR: the channel prepared no descriptor (its ring
 *	or pool is exhausted, or it refused the parameters)
 * @ASYNC_CPU_NO_MEMORY: no memory for the operation's record, its unmap
 *	data or a DMA mapping
 * @ASYNC_PATH_NR: how many there are
 */
enum async_path {
	ASYNC_PATH_ENGINE,
	ASYNC_CPU_NO_CHANNEL,
	ASYNC_CPU_ALIGNMENT,
	ASYNC_CPU_LIMITS,
	ASYNC_CPU_NO_DESCRIPTOR,
	ASYNC_CPU_NO_MEMORY,
	ASYNC_PATH_NR,
};

/**
 * enum async_repair - how an engine error was dealt with
 * @ASYNC_REPAIR_RECOMPUTED: the whole operation was recomputed on the CPU
 * @ASYNC_REPAIR_FINISHED: an in-place update was finished on the CPU from
 *	its last completed pass
 * @ASYNC_REPAIR_LOST: the result could not be repaired; the client was
 *	told (-EIO, a failed check)
 * @ASYNC_REPAIR_NR: how many there are
 */
enum async_repair {
	ASYNC_REPAIR_RECOMPUTED,
	ASYNC_REPAIR_FINISHED,
	ASYNC_REPAIR_LOST,
	ASYNC_REPAIR_NR,
};

/* a channel's name, safe while its device is going away */
static inline const char *async_trace_chan(struct dma_chan *chan)
{
	return chan && chan->dev ? dma_chan_name(chan) : "none";
}

#endif /* _TRACE_ASYNC_TX_ENUMS_ONCE */

#define ASYNC_OP_KINDS					\
	EM(ASYNC_OP_MEMCPY,	"memcpy")		\
	EM(ASYNC_OP_MEMSET,	"memset")		\
	EM(ASYNC_OP_XOR,	"xor")			\
	EM(ASYNC_OP_XOR_VAL,	"xor_val")		\
	EM(ASYNC_OP_PQ,		"pq")			\
	EM(ASYNC_OP_PQ_VAL,	"pq_val")		\
	EM(ASYNC_OP_MULSUM,	"mulsum")		\
	EM(ASYNC_OP_INTERRUPT,	"interrupt")		\
	EM(ASYNC_OP_CLIENT,	"client")		\
	EM(ASYNC_OP_2DATA,	"2data")		\
	EMe(ASYNC_OP_DATAP,	"datap")

#define ASYNC_PATHS					\
	EM(ASYNC_PATH_ENGINE,		"engine")	\
	EM(ASYNC_CPU_NO_CHANNEL,	"cpu_no_channel")	\
	EM(ASYNC_CPU_ALIGNMENT,		"cpu_alignment")	\
	EM(ASYNC_CPU_LIMITS,		"cpu_limits")	\
	EM(ASYNC_CPU_NO_DESCRIPTOR,	"cpu_no_descriptor")	\
	EMe(ASYNC_CPU_NO_MEMORY,	"cpu_no_memory")

#define ASYNC_REPAIRS					\
	EM(ASYNC_REPAIR_RECOMPUTED,	"recomputed")	\
	EM(ASYNC_REPAIR_FINISHED,	"finished")	\
	EMe(ASYNC_REPAIR_LOST,		"lost")

#define ASYNC_RESULTS					\
	EM(DMA_TRANS_NOERROR,		"ok")		\
	EM(DMA_TRANS_READ_FAILED,	"read_failed")	\
	EM(DMA_TRANS_WRITE_FAILED,	"write_failed")	\
	EMe(DMA_TRANS_ABORTED,		"aborted")

/* the enums' values, for tools that read the binary records */
#undef EM
#undef EMe
#define EM(a, b)	TRACE_DEFINE_ENUM(a);
#define EMe(a, b)	TRACE_DEFINE_ENUM(a);

ASYNC_OP_KINDS;
ASYNC_PATHS;
ASYNC_REPAIRS;
ASYNC_RESULTS;

/* and their names, for the text output */
#undef EM
#undef EMe
#define EM(a, b)	{ a, b },
#define EMe(a, b)	{ a, b }

#define async_show_kind(k)	__print_symbolic(k, ASYNC_OP_KINDS)
#define async_show_path(p)	__print_symbolic(p, ASYNC_PATHS)
#define async_show_repair(r)	__print_symbolic(r, ASYNC_REPAIRS)
#define async_show_result(r)	__print_symbolic(r, ASYNC_RESULTS)

/**
 * async_tx_op - a client called an async_tx operation
 * @kind: which operation
 * @len: bytes per block
 * @srcs: source blocks (for a check, the blocks checked; for a recovery,
 *	the stripe's blocks)
 * @flags: the client's enum async_tx_flags
 */
TRACE_EVENT(async_tx_op,
	TP_PROTO(enum async_op_kind kind, size_t len, int srcs,
		 unsigned int flags),
	TP_ARGS(kind, len, srcs, flags),

	TP_STRUCT__entry(
		__field(unsigned int, kind)
		__field(size_t, len)
		__field(int, srcs)
		__field(unsigned int, flags)
	),

	TP_fast_assign(
		__entry->kind = kind;
		__entry->len = len;
		__entry->srcs = srcs;
		__entry->flags = flags;
	),

	TP_printk("op=%s len=%zu srcs=%d flags=%#x",
		  async_show_kind(__entry->kind), __entry->len,
		  __entry->srcs, __entry->flags)
);

/**
 * async_tx_path - where an operation runs
 * @id: the operation's record (engine) or submission control (CPU)
 * @kind: which operation
 * @chan: the channel found for it, or NULL
 * @path: %ASYNC_PATH_ENGINE, or why the CPU runs it
 * @len: bytes per block
 *
 * A CPU path with a channel named is a fallback: the channel could not
 * take the operation.
 */
TRACE_EVENT(async_tx_path,
	TP_PROTO(const void *id, enum async_op_kind kind, struct dma_chan *chan,
		 enum async_path path, size_t len),
	TP_ARGS(id, kind, chan, path, len),

	TP_STRUCT__entry(
		__field(const void *, id)
		__field(unsigned int, kind)
		__string(chan, async_trace_chan(chan))
		__field(unsigned int, path)
		__field(size_t, len)
	),

	TP_fast_assign(
		__entry->id = id;
		__entry->kind = kind;
		__assign_str(chan);
		__entry->path = path;
		__entry->len = len;
	),

	TP_printk("id=%p op=%s chan=%s path=%s len=%zu", __entry->id,
		  async_show_kind(__entry->kind), __get_str(chan),
		  async_show_path(__entry->path), __entry->len)
);

DECLARE_EVENT_CLASS(async_tx_link,
	TP_PROTO(struct dma_async_tx_descriptor *parent,
		 struct dma_async_tx_descriptor *child),
	TP_ARGS(parent, child),

	TP_STRUCT__entry(
		__field(const void *, parent)
		__field(const void *, child)
		__string(parent_chan, async_trace_chan(parent->chan))
		__string(child_chan, async_trace_chan(child->chan))
	),

	TP_fast_assign(
		__entry->parent = parent;
		__entry->child = child;
		__assign_str(parent_chan);
		__assign_str(child_chan);
	),

	TP_printk("parent=%p on %s child=%p on %s", __entry->parent,
		  __get_str(parent_chan), __entry->child,
		  __get_str(child_chan))
);

/**
 * async_tx_park - a descriptor waits behind an unfinished parent
 * @parent: the descriptor it is linked behind (the dependency, or the
 *	last one already parked behind it)
 * @child: the parked descriptor; its channel submits it later
 */
DEFINE_EVENT(async_tx_link, async_tx_park,
	TP_PROTO(struct dma_async_tx_descriptor *parent,
		 struct dma_async_tx_descriptor *child),
	TP_ARGS(parent, child));

/**
 * async_tx_release - a parent finished: what is parked behind it is
 * submitted now
 * @parent: the finished descriptor
 * @child: the first descriptor parked behind it
 */
DEFINE_EVENT(async_tx_link, async_tx_release,
	TP_PROTO(struct dma_async_tx_descriptor *parent,
		 struct dma_async_tx_descriptor *child),
	TP_ARGS(parent, child));

/**
 * async_tx_complete - an engine operation ended
 * @id: the operation's record
 * @kind: which operation
 * @chan: its channel
 * @result: what the last descriptor reported
 * @residue: bytes it left undone, when it failed
 *
 * The client's callback has run, any repair is done (async_tx_repair
 * came first) and what was parked behind the operation is about to be
 * released.
 */
TRACE_EVENT(async_tx_complete,
	TP_PROTO(const void *id, enum async_op_kind kind, struct dma_chan *chan,
		 enum dmaengine_tx_result result, u32 residue),
	TP_ARGS(id, kind, chan, result, residue),

	TP_STRUCT__entry(
		__field(const void *, id)
		__field(unsigned int, kind)
		__string(chan, async_trace_chan(chan))
		__field(unsigned int, result)
		__field(u32, residue)
	),

	TP_fast_assign(
		__entry->id = id;
		__entry->kind = kind;
		__assign_str(chan);
		__entry->result = result;
		__entry->residue = residue;
	),

	TP_printk("id=%p op=%s chan=%s result=%s residue=%u", __entry->id,
		  async_show_kind(__entry->kind), __get_str(chan),
		  async_show_result(__entry->result), __entry->residue)
);

/**
 * async_tx_cpu_done - an operation on the CPU path has its result
 * @id: the submission control its async_tx_path named
 * @kind: which operation
 *
 * Its callback runs next, in the caller's context.
 */
TRACE_EVENT(async_tx_cpu_done,
	TP_PROTO(const void *id, enum async_op_kind kind),
	TP_ARGS(id, kind),

	TP_STRUCT__entry(
		__field(const void *, id)
		__field(unsigned int, kind)
	),

	TP_fast_assign(
		__entry->id = id;
		__entry->kind = kind;
	),

	TP_printk("id=%p op=%s", __entry->id, async_show_kind(__entry->kind))
);

/**
 * async_tx_repair - an engine reported an error on an operation
 * @id: the operation's record
 * @kind: which operation
 * @chan: the channel that failed it
 * @how: recomputed, finished from a pass, or lost
 * @passes: its passes that had completed (operations split over several
 *	descriptors)
 */
TRACE_EVENT(async_tx_repair,
	TP_PROTO(const void *id, enum async_op_kind kind, struct dma_chan *chan,
		 enum async_repair how, unsigned int passes),
	TP_ARGS(id, kind, chan, how, passes),

	TP_STRUCT__entry(
		__field(const void *, id)
		__field(unsigned int, kind)
		__string(chan, async_trace_chan(chan))
		__field(unsigned int, how)
		__field(unsigned int, passes)
	),

	TP_fast_assign(
		__entry->id = id;
		__entry->kind = kind;
		__assign_str(chan);
		__entry->how = how;
		__entry->passes = passes;
	),

	TP_printk("id=%p op=%s chan=%s how=%s passes=%u", __entry->id,
		  async_show_kind(__entry->kind), __get_str(chan),
		  async_show_repair(__entry->how), __entry->passes)
);

/**
 * async_tx_timeout - a wait for a dependency ran out
 * @chan: the channel whose work was waited for
 * @ms: how long the wait was
 * @stopped: false: the channel is being stopped and waited for again;
 *	true: even the stopped channel did not finish, the dependent does
 *	not run
 */
TRACE_EVENT(async_tx_timeout,
	TP_PROTO(struct dma_chan *chan, unsigned int ms, bool stopped),
	TP_ARGS(chan, ms, stopped),

	TP_STRUCT__entry(
		__string(chan, async_trace_chan(chan))
		__field(unsigned int, ms)
		__field(bool, stopped)
	),

	TP_fast_assign(
		__assign_str(chan);
		__entry->ms = ms;
		__entry->stopped = stopped;
	),

	TP_printk("chan=%s ms=%u %s", __get_str(chan), __entry->ms,
		  __entry->stopped ? "gave_up" : "stopping")
);

#endif /* _TRACE_ASYNC_TX_H */

#include <trace/define_trace.h>
