/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dmaengine: the registry of DMA devices and channels, and the interface
 * between the engines that register there (providers) and the code that
 * uses them (clients: async_tx, slave-DMA users, test clients).
 *
 * Provider-only helpers (cookie bookkeeping, callback invocation) live in
 * drivers/dma/dmaengine.h.  Documentation/driver-api/dmaengine/ describes
 * both sides.
 */
#ifndef LINUX_DMAENGINE_H
#define LINUX_DMAENGINE_H

#include <linux/bitmap.h>
#include <linux/bug.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/scatterlist.h>
#include <linux/types.h>
#include <linux/uio.h>
#include <asm/page.h>

/* ------------------------------------------------------------------ */
/* Cookies and status                                                 */
/* ------------------------------------------------------------------ */

/*
 * A cookie names one submitted descriptor on its channel.  Cookies grow
 * monotonically per channel from DMA_MIN_COOKIE and wrap back to it; a
 * negative value returned by a submit is an errno.
 */
typedef s32 dma_cookie_t;
#define DMA_MIN_COOKIE	1

static inline int dma_submit_error(dma_cookie_t cookie)
{
	if (cookie < 0)
		return cookie;
	return 0;
}

/* The state of a transaction as a channel reports it. */
enum dma_status {
	DMA_COMPLETE = 0,	/* done, successfully or not (see result) */
	DMA_IN_PROGRESS = 1,	/* submitted, not finished */
	DMA_PAUSED = 2,		/* stopped by dmaengine_pause() */
	DMA_ERROR = 3,		/* finished in error, or could not be known */
	DMA_OUT_OF_ORDER = 4,	/* channel completes out of submission order */
};

/*
 * Transaction types.  The values index dma_cap_mask_t; DMA_TX_TYPE_END
 * sizes it.  DMA_PRIVATE marks a device that only serves exclusive
 * requests.  9 is free: async_tx takes each operation's channel by its
 * own type, so no capability summarises the others.
 */
enum dma_transaction_type {
	DMA_MEMCPY = 0,
	DMA_XOR = 1,
	DMA_PQ = 2,
	DMA_XOR_VAL = 3,
	DMA_PQ_VAL = 4,
	DMA_MEMSET = 5,
	DMA_MEMSET_SG = 6,
	DMA_INTERRUPT = 7,
	DMA_PRIVATE = 8,
	DMA_SLAVE = 10,
	DMA_CYCLIC = 11,
	DMA_INTERLEAVE = 12,
	DMA_COMPLETION_NO_ORDER = 13,
	DMA_REPEAT = 14,
	DMA_LOAD_EOT = 15,
	DMA_TX_TYPE_END = 16,	/* the number of types; keep last */
};

/* Which side of a transfer is memory and which a device. */
enum dma_transfer_direction {
	DMA_MEM_TO_MEM = 0,
	DMA_MEM_TO_DEV = 1,
	DMA_DEV_TO_MEM = 2,
	DMA_DEV_TO_DEV = 3,
	DMA_TRANS_NONE = 4,
};

/* ------------------------------------------------------------------ */
/* Interleaved and vector transfers                                   */
/* ------------------------------------------------------------------ */

/**
 * struct data_chunk - one chunk of an interleaved frame
 * @size: bytes to move in this chunk
 * @icg: inter-chunk gap, bytes skipped after the chunk, both sides
 * @dst_icg: gap on the destination side; overrides @icg when non-zero
 * @src_icg: gap on the source side; overrides @icg when non-zero
 */
struct data_chunk {
	size_t size;
	size_t icg;
	size_t dst_icg;
	size_t src_icg;
};

/**
 * struct dma_interleaved_template - a frame-structured transfer
 * @src_start: bus address of the first source byte
 * @dst_start: bus address of the first destination byte
 * @dir: direction of the transfer
 * @src_inc: whether the source address advances
 * @dst_inc: whether the destination address advances
 * @src_sgl: whether the source skips the gaps of @sgl
 * @dst_sgl: whether the destination skips the gaps of @sgl
 * @numf: number of frames
 * @frame_size: number of chunks in a frame (entries of @sgl)
 * @sgl: the chunks of one frame
 */
struct dma_interleaved_template {
	dma_addr_t src_start;
	dma_addr_t dst_start;
	enum dma_transfer_direction dir;
	bool src_inc;
	bool dst_inc;
	bool src_sgl;
	bool dst_sgl;
	size_t numf;
	size_t frame_size;
	struct data_chunk sgl[];
};

/**
 * struct dma_vec - one contiguous piece of a vectored transfer
 * @addr: bus address
 * @len: length in bytes
 */
struct dma_vec {
	dma_addr_t addr;
	size_t len;
};

/* ------------------------------------------------------------------ */
/* Descriptor flags, validation results, capability masks             */
/* ------------------------------------------------------------------ */

/*
 * Flags given to the prep callbacks and kept in the descriptor.
 *
 * DMA_PREP_INTERRUPT	run the callback when the descriptor completes
 * DMA_CTRL_ACK		the client will not chain to this descriptor any
 *			more; the provider may recycle it once complete
 * DMA_PREP_PQ_DISABLE_P / _Q  do not compute P / Q
 * DMA_PREP_CONTINUE	fold the previous P/Q of the destinations in
 * DMA_PREP_FENCE	later descriptors depend on this one's result
 * DMA_CTRL_REUSE	the client resubmits this descriptor; it is freed
 *			only through dmaengine_desc_free()
 * DMA_PREP_CMD		the transfer carries a command, not data
 * DMA_PREP_REPEAT	repeat the transfer until a DMA_PREP_LOAD_EOT one
 * DMA_PREP_LOAD_EOT	replace the repeated transfer at its end
 */
enum dma_ctrl_flags {
	DMA_PREP_INTERRUPT = BIT(0),
	DMA_CTRL_ACK = BIT(1),
	DMA_PREP_PQ_DISABLE_P = BIT(2),
	DMA_PREP_PQ_DISABLE_Q = BIT(3),
	DMA_PREP_CONTINUE = BIT(4),
	DMA_PREP_FENCE = BIT(5),
	DMA_CTRL_REUSE = BIT(6),
	DMA_PREP_CMD = BIT(7),
	DMA_PREP_REPEAT = BIT(8),
	DMA_PREP_LOAD_EOT = BIT(9),
};

/* Bits of a validation result: which of P and Q did not check out. */
enum sum_check_bits {
	SUM_CHECK_P = 0,
	SUM_CHECK_Q = 1,
};

enum sum_check_flags {
	SUM_CHECK_P_RESULT = BIT(SUM_CHECK_P),
	SUM_CHECK_Q_RESULT = BIT(SUM_CHECK_Q),
};

/* A set of enum dma_transaction_type; see dma_cap_set() and friends. */
typedef struct { DECLARE_BITMAP(bits, DMA_TX_TYPE_END); } dma_cap_mask_t;

/* Who provides the metadata buffer of a descriptor, if anyone. */
enum dma_desc_metadata_mode {
	DESC_METADATA_NONE = 0,
	DESC_METADATA_CLIENT = BIT(0),	/* the client's buffer, attached */
	DESC_METADATA_ENGINE = BIT(1),	/* the engine's buffer, borrowed */
};

/* ------------------------------------------------------------------ */
/* Channels                                                           */
/* ------------------------------------------------------------------ */

/* room for the general-purpose client's per-channel counters */
#define DMA_CHAN_CLIENT_STATS	32

/**
 * struct dma_chan_percpu - per-CPU counters of a channel
 * @memcpy_count: descriptors completed, whatever their result; counted
 *	by dma_cookie_complete()
 * @bytes_transferred: bytes counted by the provider
 * @client: counters the general-purpose client (async_tx) keeps for the
 *	channel, here so that counting needs no lookup; the client names
 *	them (/sys/kernel/debug/async_tx/channels)
 */
struct dma_chan_percpu {
	unsigned long memcpy_count;
	unsigned long bytes_transferred;
	unsigned long client[DMA_CHAN_CLIENT_STATS];
};

/**
 * struct dma_router - a request router in front of a DMA controller
 * @dev: the router's device
 * @route_free: releases the route set up for a channel
 */
struct dma_router {
	struct device *dev;
	void (*route_free)(struct device *dev, void *route_data);
};

/**
 * struct dma_chan - a channel of a DMA device
 * @device: the device the channel belongs to
 * @slave: the client device of a slave channel, for the sysfs link
 * @cookie: the last cookie handed out (provider-owned)
 * @completed_cookie: the last cookie completed (provider-owned)
 * @chan_id: index of the channel within its device
 * @dev: the channel's class device (/sys/class/dma/...)
 * @name: the client's name for a slave channel ("dma:<name>")
 * @dbg_client_name: who holds the channel, for debugfs
 * @device_node: entry in @device's channel list
 * @local: per-CPU counters
 * @client_count: 1 while the channel is held, by an exclusive client or
 *	by the general-purpose allocator; 0 when free
 * @table_count: how many slots of the general-purpose channel table
 *	point at this channel
 * @router: request router of a slave channel, if any
 * @route_data: the router's data for this channel
 * @private: for the provider
 *
 * @client_count and @table_count belong to the core and are only
 * changed under its device-list lock.
 */
struct dma_chan {
	struct dma_device *device;
	struct device *slave;
	dma_cookie_t cookie;
	dma_cookie_t completed_cookie;

	int chan_id;
	struct dma_chan_dev *dev;
	const char *name;
#ifdef CONFIG_DEBUG_FS
	char *dbg_client_name;
#endif

	struct list_head device_node;
	struct dma_chan_percpu __percpu *local;
	int client_count;
	int table_count;

	struct dma_router *router;
	void *route_data;

	void *private;
};

/**
 * struct dma_chan_dev - the class device that shows a channel in sysfs
 * @chan: the channel; NULL once the channel has been unregistered
 * @device: the class device
 * @dev_id: id of the channel's DMA device
 * @chan_dma_dev: the class device itself is used for DMA mapping
 */
struct dma_chan_dev {
	struct dma_chan *chan;
	struct device device;
	int dev_id;
	bool chan_dma_dev;
};

/* ------------------------------------------------------------------ */
/* Slave configuration and capabilities                               */
/* ------------------------------------------------------------------ */

/* Width of one device-side access, in bytes. */
enum dma_slave_buswidth {
	DMA_SLAVE_BUSWIDTH_UNDEFINED = 0,
	DMA_SLAVE_BUSWIDTH_1_BYTE = 1,
	DMA_SLAVE_BUSWIDTH_2_BYTES = 2,
	DMA_SLAVE_BUSWIDTH_3_BYTES = 3,
	DMA_SLAVE_BUSWIDTH_4_BYTES = 4,
	DMA_SLAVE_BUSWIDTH_8_BYTES = 8,
	DMA_SLAVE_BUSWIDTH_16_BYTES = 16,
	DMA_SLAVE_BUSWIDTH_32_BYTES = 32,
	DMA_SLAVE_BUSWIDTH_64_BYTES = 64,
	DMA_SLAVE_BUSWIDTH_128_BYTES = 128,
};

/**
 * struct dma_slave_config - the device side of a slave channel
 * @direction: deprecated; the prep calls carry the direction
 * @src_addr: device address read from in DEV_TO_MEM/DEV_TO_DEV
 * @dst_addr: device address written to in MEM_TO_DEV/DEV_TO_DEV
 * @src_addr_width: width of a read from @src_addr
 * @dst_addr_width: width of a write to @dst_addr
 * @src_maxburst: words in one burst from the source
 * @dst_maxburst: words in one burst to the destination
 * @src_port_window_size: size of the source register window, in words
 * @dst_port_window_size: size of the destination register window
 * @device_fc: the peripheral is the flow controller
 * @peripheral_config: controller-specific peripheral settings
 * @peripheral_size: size of @peripheral_config
 */
struct dma_slave_config {
	enum dma_transfer_direction direction;
	phys_addr_t src_addr;
	phys_addr_t dst_addr;
	enum dma_slave_buswidth src_addr_width;
	enum dma_slave_buswidth dst_addr_width;
	u32 src_maxburst;
	u32 dst_maxburst;
	u32 src_port_window_size;
	u32 dst_port_window_size;
	bool device_fc;
	void *peripheral_config;
	size_t peripheral_size;
};

/* How precisely a channel reports the residue of a transfer. */
enum dma_residue_granularity {
	DMA_RESIDUE_GRANULARITY_DESCRIPTOR = 0,	/* done or not, no residue */
	DMA_RESIDUE_GRANULARITY_SEGMENT = 1,	/* updated per segment */
	DMA_RESIDUE_GRANULARITY_BURST = 2,	/* updated per burst */
};

/**
 * struct dma_slave_caps - what a slave channel supports
 * @src_addr_widths: bitmask of BIT(enum dma_slave_buswidth) for reads
 * @dst_addr_widths: the same for writes
 * @directions: bitmask of BIT(enum dma_transfer_direction)
 * @min_burst: smallest burst, in words
 * @max_burst: largest burst, in words
 * @max_sg_burst: largest number of sg entries one burst may span
 * @cmd_pause: the channel can be paused
 * @cmd_resume: the channel can be resumed
 * @cmd_terminate: the channel's transfers can be terminated
 * @residue_granularity: see enum dma_residue_granularity
 * @descriptor_reuse: descriptors may be resubmitted (DMA_CTRL_REUSE)
 */
struct dma_slave_caps {
	u32 src_addr_widths;
	u32 dst_addr_widths;
	u32 directions;
	u32 min_burst;
	u32 max_burst;
	u32 max_sg_burst;
	bool cmd_pause;
	bool cmd_resume;
	bool cmd_terminate;
	enum dma_residue_granularity residue_granularity;
	bool descriptor_reuse;
};

static inline const char *dma_chan_name(struct dma_chan *chan)
{
	return dev_name(&chan->dev->device);
}

/*
 * A filter chooses among the free channels offered to an exclusive
 * request: it returns true for the one it wants.  It is called with the
 * core's device-list mutex held and may sleep, but must not call back
 * into the channel allocators.
 */
typedef bool (*dma_filter_fn)(struct dma_chan *chan, void *filter_param);

/* ------------------------------------------------------------------ */
/* Completion callbacks and results                                   */
/* ------------------------------------------------------------------ */

typedef void (*dma_async_tx_callback)(void *dma_async_param);

/* How a transaction ended. */
enum dmaengine_tx_result {
	DMA_TRANS_NOERROR = 0,		/* it did what was asked */
	DMA_TRANS_READ_FAILED = 1,	/* a source could not be read */
	DMA_TRANS_WRITE_FAILED = 2,	/* a destination could not be written */
	DMA_TRANS_ABORTED = 3,		/* it was never run, or was stopped */
};

/**
 * struct dmaengine_result - what a result-carrying callback receives
 * @result: how the transaction ended
 * @residue: bytes not transferred, where the channel knows it
 */
struct dmaengine_result {
	enum dmaengine_tx_result result;
	u32 residue;
};

typedef void (*dma_async_tx_callback_result)(void *dma_async_param,
				const struct dmaengine_result *result);

/**
 * struct dmaengine_unmap_data - DMA mappings shared by descriptors
 * @map_cnt: number of entries @addr has room for
 * @to_cnt: leading entries mapped DMA_TO_DEVICE
 * @from_cnt: following entries mapped DMA_FROM_DEVICE
 * @bidi_cnt: following entries mapped DMA_BIDIRECTIONAL
 * @dev: the device the pages were mapped for
 * @kref: one reference per descriptor using the mappings, plus the
 *	creator's; the pages are unmapped when the last one goes
 * @release: called once the last reference is gone and the pages are
 *	unmapped, for data embedded in its user's own record (see
 *	dmaengine_init_unmap_data()); NULL for data from
 *	dmaengine_get_unmap_data(), which goes back to its pool
 * @len: length of every mapping
 * @addr: the bus addresses; a zero entry is skipped when unmapping
 */
struct dmaengine_unmap_data {
#if IS_ENABLED(CONFIG_DMA_ENGINE_RAID)
	u16 map_cnt;
#else
	u8 map_cnt;
#endif
	u8 to_cnt;
	u8 from_cnt;
	u8 bidi_cnt;
	struct device *dev;
	struct kref kref;
	void (*release)(struct dmaengine_unmap_data *unmap);
	size_t len;
	dma_addr_t addr[];
};

struct dma_async_tx_descriptor;

/**
 * struct dma_descriptor_metadata_ops - a provider's metadata handling
 * @attach: attach a client buffer of @len bytes (DESC_METADATA_CLIENT)
 * @get_ptr: lend the engine's buffer to the client (DESC_METADATA_ENGINE);
 *	gives the payload length and the room available
 * @set_len: set the payload length written into the engine's buffer
 */
struct dma_descriptor_metadata_ops {
	int (*attach)(struct dma_async_tx_descriptor *desc, void *data,
		      size_t len);
	void *(*get_ptr)(struct dma_async_tx_descriptor *desc,
			 size_t *payload_len, size_t *max_len);
	int (*set_len)(struct dma_async_tx_descriptor *desc,
		       size_t payload_len);
};

/**
 * struct dma_async_tx_descriptor - a prepared transaction
 * @cookie: its cookie once submitted; -EBUSY while async_tx holds it back
 *	for a dependency, 0 once the provider has completed it
 * @flags: enum dma_ctrl_flags
 * @phys: bus address of the hardware descriptor, for the provider
 * @chan: the channel it was prepared on
 * @tx_submit: queue it on @chan and return its cookie
 * @desc_free: free a reusable descriptor
 * @callback: completion callback without a result
 * @callback_result: completion callback with the result; preferred
 * @callback_param: argument of both callbacks
 * @unmap: DMA mappings to release when it completes
 * @desc_metadata_mode: the metadata mode in use, once chosen
 * @metadata_ops: the provider's metadata handling, if any
 * @next: the dependent to submit once this one completes
 * @parent: the descriptor this one waits for
 * @lock: protects @next and @parent
 */
struct dma_async_tx_descriptor {
	dma_cookie_t cookie;
	enum dma_ctrl_flags flags;	/* an int, packs with @cookie */
	dma_addr_t phys;
	struct dma_chan *chan;
	dma_cookie_t (*tx_submit)(struct dma_async_tx_descriptor *tx);
	int (*desc_free)(struct dma_async_tx_descriptor *tx);
	dma_async_tx_callback callback;
	dma_async_tx_callback_result callback_result;
	void *callback_param;
	struct dmaengine_unmap_data *unmap;
	enum dma_desc_metadata_mode desc_metadata_mode;
	struct dma_descriptor_metadata_ops *metadata_ops;
	struct dma_async_tx_descriptor *next;
	struct dma_async_tx_descriptor *parent;
	spinlock_t lock;		/* protects @next and @parent */
};

#ifdef CONFIG_DMA_ENGINE
struct dmaengine_unmap_data *
dmaengine_get_unmap_data(struct device *dev, int nr, gfp_t flags);
void dmaengine_init_unmap_data(struct dmaengine_unmap_data *unmap,
			       struct device *dev, int nr,
			       void (*release)(struct dmaengine_unmap_data *unmap));
void dmaengine_unmap_put(struct dmaengine_unmap_data *unmap);

/* Give @tx a reference on @unmap; it is dropped when @tx completes. */
static inline void dma_set_unmap(struct dma_async_tx_descriptor *tx,
				 struct dmaengine_unmap_data *unmap)
{
	kref_get(&unmap->kref);
	tx->unmap = unmap;
}
#else
static inline struct dmaengine_unmap_data *
dmaengine_get_unmap_data(struct device *dev, int nr, gfp_t flags)
{
	return NULL;
}

static inline void
dmaengine_init_unmap_data(struct dmaengine_unmap_data *unmap,
			  struct device *dev, int nr,
			  void (*release)(struct dmaengine_unmap_data *unmap))
{
}

static inline void dmaengine_unmap_put(struct dmaengine_unmap_data *unmap)
{
}

static inline void dma_set_unmap(struct dma_async_tx_descriptor *tx,
				 struct dmaengine_unmap_data *unmap)
{
}
#endif

/* Drop @tx's reference on its mappings; providers call it on completion. */
static inline void dma_descriptor_unmap(struct dma_async_tx_descriptor *tx)
{
	struct dmaengine_unmap_data *unmap = tx->unmap;

	if (unmap) {
		tx->unmap = NULL;
		dmaengine_unmap_put(unmap);
	}
}

/*
 * Dependency links between descriptors.  async_tx parks an operation
 * behind the one it depends on when they run on different channels (or
 * the parent is itself parked) and submits it when the parent completes,
 * so the links exist whatever the channel-switch option says.  They are
 * read and written under the parent's txd->lock, taken with interrupts
 * off: completions that follow the links run in any context.
 */
static inline void txd_chain(struct dma_async_tx_descriptor *txd,
			     struct dma_async_tx_descriptor *next)
{
	next->parent = txd;
	txd->next = next;
}

static inline void txd_clear_parent(struct dma_async_tx_descriptor *txd)
{
	txd->parent = NULL;
}

static inline void txd_clear_next(struct dma_async_tx_descriptor *txd)
{
	txd->next = NULL;
}

static inline struct dma_async_tx_descriptor *
txd_parent(struct dma_async_tx_descriptor *txd)
{
	return txd->parent;
}

static inline struct dma_async_tx_descriptor *
txd_next(struct dma_async_tx_descriptor *txd)
{
	return txd->next;
}

/**
 * struct dma_tx_state - what tx_status reports beside the status
 * @last: the last completed cookie
 * @used: the last cookie handed out
 * @residue: bytes not yet transferred by the transaction asked about
 * @in_flight_bytes: bytes accepted by the engine but not yet written
 */
struct dma_tx_state {
	dma_cookie_t last;
	dma_cookie_t used;
	u32 residue;
	u32 in_flight_bytes;
};

/* Alignment a device needs, as a power of two of bytes. */
enum dmaengine_alignment {
	DMAENGINE_ALIGN_1_BYTE = 0,
	DMAENGINE_ALIGN_2_BYTES = 1,
	DMAENGINE_ALIGN_4_BYTES = 2,
	DMAENGINE_ALIGN_8_BYTES = 3,
	DMAENGINE_ALIGN_16_BYTES = 4,
	DMAENGINE_ALIGN_32_BYTES = 5,
	DMAENGINE_ALIGN_64_BYTES = 6,
	DMAENGINE_ALIGN_128_BYTES = 7,
	DMAENGINE_ALIGN_256_BYTES = 8,
};

/**
 * struct dma_slave_map - a board's table entry naming a slave channel
 * @devname: name of the client device
 * @slave: the client's name for the channel
 * @param: what the device's filter needs to recognise the channel
 */
struct dma_slave_map {
	const char *devname;
	const char *slave;
	void *param;
};

/**
 * struct dma_filter - how dma_request_chan() finds channels in a map
 * @fn: the device's filter
 * @mapcnt: entries in @map
 * @map: the slave map of the board
 */
struct dma_filter {
	dma_filter_fn fn;
	int mapcnt;
	const struct dma_slave_map *map;
};

/* In @max_pq: the device continues P/Q natively (see dma_maxpq()). */
#define DMA_HAS_PQ_CONTINUE	BIT(15)

/**
 * struct dma_device - a DMA engine as the core knows it
 * @ref: references on the device; when the last goes, @device_release
 * @chancnt: channels on @channels
 * @privatecnt: exclusive holders of its channels
 * @channels: its channels, filled by the provider before registration
 * @global_node: entry in the core's device list
 * @filter: slave map lookup for dma_request_chan()
 * @cap_mask: the transaction types it can do
 * @desc_metadata_modes: the metadata modes it supports
 * @max_xor: the most sources one xor descriptor takes
 * @max_pq: the most sources one pq descriptor takes, with
 *	DMA_HAS_PQ_CONTINUE or'd in (use dma_set_maxpq())
 * @copy_align: alignment of memcpy offsets and lengths
 * @xor_align: alignment of xor offsets and lengths
 * @pq_align: alignment of pq offsets and lengths
 * @fill_align: alignment of memset offsets and lengths
 * @dev_id: its id, the X of dmaXchanY
 * @dev: the struct device of the engine
 * @owner: the module providing it
 * @chan_ida: allocates channel ids
 * @src_addr_widths: slave read widths, see struct dma_slave_caps
 * @dst_addr_widths: slave write widths
 * @directions: slave directions
 * @min_burst: smallest slave burst
 * @max_burst: largest slave burst
 * @max_sg_burst: largest sg span of one burst
 * @descriptor_reuse: descriptors may be resubmitted
 * @residue_granularity: see enum dma_residue_granularity
 * @device_alloc_chan_resources: prepare a channel for its first user;
 *	returns the number of descriptors made, or -errno
 * @device_router_config: configure the request router for a channel
 * @device_free_chan_resources: undo the above when the last user goes
 * @device_prep_dma_memcpy: prepare a memcpy
 * @device_prep_dma_xor: prepare an xor of @src_cnt sources into @dst
 * @device_prep_dma_xor_val: prepare a check that the sources xor to zero
 * @device_prep_dma_pq: prepare P and Q of the sources with coefficients
 * @device_prep_dma_pq_val: prepare a check of P and Q
 * @device_prep_dma_memset: prepare a fill with a byte value
 * @device_prep_dma_memset_sg: prepare a fill of a scatterlist
 * @device_prep_dma_interrupt: prepare a descriptor that only completes
 * @device_prep_peripheral_dma_vec: prepare a slave transfer of vectors
 * @device_prep_slave_sg: prepare a slave transfer of a scatterlist
 * @device_prep_dma_cyclic: prepare a cyclic slave transfer
 * @device_prep_interleaved_dma: prepare an interleaved transfer
 * @device_prep_dma_imm_data: prepare a write of 8 bytes of immediate data
 * @device_caps: refine the slave caps of one channel
 * @device_config: set a slave channel's configuration
 * @device_pause: pause a channel's transfer
 * @device_resume: resume it
 * @device_terminate_all: abort every transfer of a channel
 * @device_synchronize: wait until terminated transfers are really gone
 * @device_tx_status: report the status of a cookie
 * @device_issue_pending: start what was submitted
 * @device_release: free the device when its last reference goes
 * @dbg_summary_show: the device's own debugfs summary
 * @dbg_dev_root: the device's debugfs directory
 */
struct dma_device {
	struct kref ref;
	unsigned int chancnt;
	unsigned int privatecnt;
	struct list_head channels;
	struct list_head global_node;
	struct dma_filter filter;
	dma_cap_mask_t cap_mask;
	enum dma_desc_metadata_mode desc_metadata_modes;
	unsigned short max_xor;
	unsigned short max_pq;
	enum dmaengine_alignment copy_align;
	enum dmaengine_alignment xor_align;
	enum dmaengine_alignment pq_align;
	enum dmaengine_alignment fill_align;

	int dev_id;
	struct device *dev;
	struct module *owner;
	struct ida chan_ida;

	u32 src_addr_widths;
	u32 dst_addr_widths;
	u32 directions;
	u32 min_burst;
	u32 max_burst;
	u32 max_sg_burst;
	bool descriptor_reuse;
	enum dma_residue_granularity residue_granularity;

	int (*device_alloc_chan_resources)(struct dma_chan *chan);
	int (*device_router_config)(struct dma_chan *chan);
	void (*device_free_chan_resources)(struct dma_chan *chan);

	struct dma_async_tx_descriptor *
		(*device_prep_dma_memcpy)(struct dma_chan *chan, dma_addr_t dst,
					  dma_addr_t src, size_t len,
					  unsigned long flags);
	struct dma_async_tx_descriptor *
		(*device_prep_dma_xor)(struct dma_chan *chan, dma_addr_t dst,
				       dma_addr_t *src, unsigned int src_cnt,
				       size_t len, unsigned long flags);
	struct dma_async_tx_descriptor *
		(*device_prep_dma_xor_val)(struct dma_chan *chan,
					   dma_addr_t *src,
					   unsigned int src_cnt, size_t len,
					   enum sum_check_flags *result,
					   unsigned long flags);
	struct dma_async_tx_descriptor *
		(*device_prep_dma_pq)(struct dma_chan *chan, dma_addr_t *dst,
				      dma_addr_t *src, unsigned int src_cnt,
				      const unsigned char *scf, size_t len,
				      unsigned long flags);
	struct dma_async_tx_descriptor *
		(*device_prep_dma_pq_val)(struct dma_chan *chan, dma_addr_t *pq,
					  dma_addr_t *src, unsigned int src_cnt,
					  const unsigned char *scf, size_t len,
					  enum sum_check_flags *pqres,
					  unsigned long flags);
	struct dma_async_tx_descriptor *
		(*device_prep_dma_memset)(struct dma_chan *chan,
					  dma_addr_t dest, int value,
					  size_t len, unsigned long flags);
	struct dma_async_tx_descriptor *
		(*device_prep_dma_memset_sg)(struct dma_chan *chan,
					     struct scatterlist *sg,
					     unsigned int nents, int value,
					     unsigned long flags);
	struct dma_async_tx_descriptor *
		(*device_prep_dma_interrupt)(struct dma_chan *chan,
					     unsigned long flags);

	struct dma_async_tx_descriptor *
		(*device_prep_peripheral_dma_vec)(struct dma_chan *chan,
						  const struct dma_vec *vecs,
						  size_t nents,
						  enum dma_transfer_direction direction,
						  unsigned long flags);
	struct dma_async_tx_descriptor *
		(*device_prep_slave_sg)(struct dma_chan *chan,
					struct scatterlist *sgl,
					unsigned int sg_len,
					enum dma_transfer_direction direction,
					unsigned long flags, void *context);
	struct dma_async_tx_descriptor *
		(*device_prep_dma_cyclic)(struct dma_chan *chan,
					  dma_addr_t buf_addr, size_t buf_len,
					  size_t period_len,
					  enum dma_transfer_direction direction,
					  unsigned long flags);
	struct dma_async_tx_descriptor *
		(*device_prep_interleaved_dma)(struct dma_chan *chan,
					       struct dma_interleaved_template *xt,
					       unsigned long flags);
	struct dma_async_tx_descriptor *
		(*device_prep_dma_imm_data)(struct dma_chan *chan,
					    dma_addr_t dst, u64 data,
					    unsigned long flags);

	void (*device_caps)(struct dma_chan *chan, struct dma_slave_caps *caps);
	int (*device_config)(struct dma_chan *chan,
			     struct dma_slave_config *config);
	int (*device_pause)(struct dma_chan *chan);
	int (*device_resume)(struct dma_chan *chan);
	int (*device_terminate_all)(struct dma_chan *chan);
	void (*device_synchronize)(struct dma_chan *chan);

	enum dma_status (*device_tx_status)(struct dma_chan *chan,
					    dma_cookie_t cookie,
					    struct dma_tx_state *txstate);
	void (*device_issue_pending)(struct dma_chan *chan);
	void (*device_release)(struct dma_device *dev);

	void (*dbg_summary_show)(struct seq_file *s, struct dma_device *dev);
	struct dentry *dbg_dev_root;
};

/* ------------------------------------------------------------------ */
/* Slave-side helpers                                                 */
/* ------------------------------------------------------------------ */

/* The device of @chan, NULL-safe for the prep wrappers below. */
static inline struct dma_device *dmaengine_chan_device(struct dma_chan *chan)
{
	return chan ? chan->device : NULL;
}

static inline int dmaengine_slave_config(struct dma_chan *chan,
					 struct dma_slave_config *config)
{
	if (!chan->device->device_config)
		return -ENOSYS;
	return chan->device->device_config(chan, config);
}

static inline bool is_slave_direction(enum dma_transfer_direction direction)
{
	switch (direction) {
	case DMA_MEM_TO_DEV:
	case DMA_DEV_TO_MEM:
	case DMA_DEV_TO_DEV:
		return true;
	default:
		return false;
	}
}

static inline struct dma_async_tx_descriptor *
dmaengine_prep_slave_sg(struct dma_chan *chan, struct scatterlist *sgl,
			unsigned int sg_len, enum dma_transfer_direction dir,
			unsigned long flags)
{
	struct dma_device *d = dmaengine_chan_device(chan);

	if (!d || !d->device_prep_slave_sg)
		return NULL;
	return d->device_prep_slave_sg(chan, sgl, sg_len, dir,
						  flags, NULL);
}

static inline struct dma_async_tx_descriptor *
dmaengine_prep_slave_single(struct dma_chan *chan, dma_addr_t buf,
			    size_t len, enum dma_transfer_direction dir,
			    unsigned long flags)
{
	struct scatterlist sg;

	sg_init_table(&sg, 1);
	sg_dma_address(&sg) = buf;
	sg_dma_len(&sg) = len;
	return dmaengine_prep_slave_sg(chan, &sg, 1, dir, flags);
}

static inline struct dma_async_tx_descriptor *
dmaengine_prep_peripheral_dma_vec(struct dma_chan *chan,
				  const struct dma_vec *vecs, size_t nents,
				  enum dma_transfer_direction dir,
				  unsigned long flags)
{
	struct dma_device *d = dmaengine_chan_device(chan);

	if (!d || !d->device_prep_peripheral_dma_vec)
		return NULL;
	return d->device_prep_peripheral_dma_vec(chan, vecs, nents,
							    dir, flags);
}

#ifdef CONFIG_RAPIDIO_DMA_ENGINE
struct rio_dma_ext;
static inline struct dma_async_tx_descriptor *
dmaengine_prep_rio_sg(struct dma_chan *chan, struct scatterlist *sgl,
		      unsigned int sg_len, enum dma_transfer_direction dir,
		      unsigned long flags, struct rio_dma_ext *rio_ext)
{
	struct dma_device *d = dmaengine_chan_device(chan);

	if (!d || !d->device_prep_slave_sg)
		return NULL;
	return d->device_prep_slave_sg(chan, sgl, sg_len, dir,
						  flags, rio_ext);
}
#endif

static inline struct dma_async_tx_descriptor *
dmaengine_prep_dma_cyclic(struct dma_chan *chan, dma_addr_t buf_addr,
			  size_t buf_len, size_t period_len,
			  enum dma_transfer_direction dir, unsigned long flags)
{
	struct dma_device *d = dmaengine_chan_device(chan);

	if (!d || !d->device_prep_dma_cyclic)
		return NULL;
	return d->device_prep_dma_cyclic(chan, buf_addr, buf_len,
						    period_len, dir, flags);
}

static inline struct dma_async_tx_descriptor *
dmaengine_prep_interleaved_dma(struct dma_chan *chan,
			       struct dma_interleaved_template *xt,
			       unsigned long flags)
{
	struct dma_device *d = dmaengine_chan_device(chan);

	if (!d || !d->device_prep_interleaved_dma)
		return NULL;
	/* repeating needs a device that said it can */
	if ((flags & DMA_PREP_REPEAT) &&
	    !test_bit(DMA_REPEAT, d->cap_mask.bits))
		return NULL;
	return d->device_prep_interleaved_dma(chan, xt, flags);
}

static inline struct dma_async_tx_descriptor *
dmaengine_prep_dma_memset(struct dma_chan *chan, dma_addr_t dest, int value,
			  size_t len, unsigned long flags)
{
	struct dma_device *d = dmaengine_chan_device(chan);

	if (!d || !d->device_prep_dma_memset)
		return NULL;
	return d->device_prep_dma_memset(chan, dest, value, len,
						    flags);
}

static inline struct dma_async_tx_descriptor *
dmaengine_prep_dma_memcpy(struct dma_chan *chan, dma_addr_t dest,
			  dma_addr_t src, size_t len, unsigned long flags)
{
	struct dma_device *d = dmaengine_chan_device(chan);

	if (!d || !d->device_prep_dma_memcpy)
		return NULL;
	return d->device_prep_dma_memcpy(chan, dest, src, len,
						    flags);
}

static inline bool
dmaengine_is_metadata_mode_supported(struct dma_chan *chan,
				     enum dma_desc_metadata_mode mode)
{
	return chan && (chan->device->desc_metadata_modes & mode);
}

#ifdef CONFIG_DMA_ENGINE
int dmaengine_desc_attach_metadata(struct dma_async_tx_descriptor *desc,
				   void *data, size_t len);
void *dmaengine_desc_get_metadata_ptr(struct dma_async_tx_descriptor *desc,
				      size_t *payload_len, size_t *max_len);
int dmaengine_desc_set_metadata_len(struct dma_async_tx_descriptor *desc,
				    size_t payload_len);
#else
static inline int
dmaengine_desc_attach_metadata(struct dma_async_tx_descriptor *desc,
			       void *data, size_t len)
{
	return -EINVAL;
}

static inline void *
dmaengine_desc_get_metadata_ptr(struct dma_async_tx_descriptor *desc,
				size_t *payload_len, size_t *max_len)
{
	return NULL;
}

static inline int
dmaengine_desc_set_metadata_len(struct dma_async_tx_descriptor *desc,
				size_t payload_len)
{
	return -EINVAL;
}
#endif

/* Deprecated: use dmaengine_terminate_sync() or _async(). */
static inline int dmaengine_terminate_all(struct dma_chan *chan)
{
	if (!chan->device->device_terminate_all)
		return -ENOSYS;
	return chan->device->device_terminate_all(chan);
}

/*
 * Ask for every transfer of @chan to stop, without waiting; callbacks may
 * still be running on return.  Pair with dmaengine_synchronize() before
 * freeing anything they touch.
 */
static inline int dmaengine_terminate_async(struct dma_chan *chan)
{
	if (!chan->device->device_terminate_all)
		return -EINVAL;
	return chan->device->device_terminate_all(chan);
}

/* Wait until terminated transfers and their callbacks are gone. */
static inline void dmaengine_synchronize(struct dma_chan *chan)
{
	might_sleep();
	if (chan->device->device_synchronize)
		chan->device->device_synchronize(chan);
}

/* Terminate and wait; must not be called from atomic context. */
static inline int dmaengine_terminate_sync(struct dma_chan *chan)
{
	int err = dmaengine_terminate_async(chan);

	if (!err)
		dmaengine_synchronize(chan);
	return err;
}

static inline int dmaengine_pause(struct dma_chan *chan)
{
	if (!chan->device->device_pause)
		return -ENOSYS;
	return chan->device->device_pause(chan);
}

static inline int dmaengine_resume(struct dma_chan *chan)
{
	if (!chan->device->device_resume)
		return -ENOSYS;
	return chan->device->device_resume(chan);
}

static inline enum dma_status dmaengine_tx_status(struct dma_chan *chan,
						  dma_cookie_t cookie,
						  struct dma_tx_state *state)
{
	return chan->device->device_tx_status(chan, cookie, state);
}

static inline dma_cookie_t
dmaengine_submit(struct dma_async_tx_descriptor *desc)
{
	return desc->tx_submit(desc);
}

/* ------------------------------------------------------------------ */
/* Alignment and P/Q limits                                           */
/* ------------------------------------------------------------------ */

/* True when both offsets and the length are multiples of 2^@align. */
static inline bool dmaengine_check_align(enum dmaengine_alignment align,
					 size_t off1, size_t off2, size_t len)
{
	size_t low_bits = (1UL << align) - 1;

	return ((off1 | off2 | len) & low_bits) == 0;
}

static inline bool is_dma_copy_aligned(struct dma_device *dev, size_t off1,
				       size_t off2, size_t len)
{
	return dmaengine_check_align(dev->copy_align, off1, off2, len);
}

static inline bool is_dma_xor_aligned(struct dma_device *dev, size_t off1,
				      size_t off2, size_t len)
{
	return dmaengine_check_align(dev->xor_align, off1, off2, len);
}

static inline bool is_dma_pq_aligned(struct dma_device *dev, size_t off1,
				     size_t off2, size_t len)
{
	return dmaengine_check_align(dev->pq_align, off1, off2, len);
}

static inline bool is_dma_fill_aligned(struct dma_device *dev, size_t off1,
				       size_t off2, size_t len)
{
	return dmaengine_check_align(dev->fill_align, off1, off2, len);
}

static inline void dma_set_maxpq(struct dma_device *dma, int maxpq,
				 int has_pq_continue)
{
	dma->max_pq = maxpq | (has_pq_continue ? DMA_HAS_PQ_CONTINUE : 0);
}

static inline bool dmaf_continue(enum dma_ctrl_flags flags)
{
	return flags & DMA_PREP_CONTINUE;
}

static inline bool dmaf_p_disabled_continue(enum dma_ctrl_flags flags)
{
	return (flags & DMA_PREP_CONTINUE) && (flags & DMA_PREP_PQ_DISABLE_P);
}

static inline bool dma_dev_has_pq_continue(struct dma_device *dma)
{
	return dma->max_pq & DMA_HAS_PQ_CONTINUE;
}

static inline unsigned short dma_dev_to_maxpq(struct dma_device *dma)
{
	return dma->max_pq & ~DMA_HAS_PQ_CONTINUE;
}

/*
 * dma_maxpq - the sources one pq descriptor can take with these @flags
 *
 * Continuing a previous P/Q result on an engine without native
 * continuation feeds the old P and Q back in as extra sources: P and Q
 * with coefficients that cancel P out of Q and Q out of P, and Q again to
 * carry it on (three slots); with P disabled only Q is fed back (one).
 */
static inline int dma_maxpq(struct dma_device *dma, enum dma_ctrl_flags flags)
{
	int sources = dma_dev_to_maxpq(dma);

	if (!dmaf_continue(flags) || dma_dev_has_pq_continue(dma))
		return sources;
	return dmaf_p_disabled_continue(flags) ? sources - 1 : sources - 3;
}

/* The gap after a chunk of an interleaved transfer, on one side. */
static inline size_t dmaengine_get_icg(bool inc, bool sgl, size_t icg,
				       size_t dir_icg)
{
	if (!inc)
		return 0;
	if (dir_icg)
		return dir_icg;
	return sgl ? icg : 0;
}

static inline size_t dmaengine_get_dst_icg(struct dma_interleaved_template *xt,
					   struct data_chunk *chunk)
{
	return dmaengine_get_icg(xt->dst_inc, xt->dst_sgl, chunk->icg,
				 chunk->dst_icg);
}

static inline size_t dmaengine_get_src_icg(struct dma_interleaved_template *xt,
					   struct data_chunk *chunk)
{
	return dmaengine_get_icg(xt->src_inc, xt->src_sgl, chunk->icg,
				 chunk->src_icg);
}

/* ------------------------------------------------------------------ */
/* Capability masks                                                   */
/* ------------------------------------------------------------------ */

static inline void __dma_cap_set(enum dma_transaction_type tx_type,
				 dma_cap_mask_t *dstp)
{
	set_bit(tx_type, dstp->bits);
}

static inline void __dma_cap_clear(enum dma_transaction_type tx_type,
				   dma_cap_mask_t *dstp)
{
	clear_bit(tx_type, dstp->bits);
}

static inline void __dma_cap_zero(dma_cap_mask_t *dstp)
{
	bitmap_zero(dstp->bits, DMA_TX_TYPE_END);
}

static inline int __dma_has_cap(enum dma_transaction_type tx_type,
				dma_cap_mask_t *srcp)
{
	return test_bit(tx_type, srcp->bits);
}

#define dma_cap_set(tx, mask)	__dma_cap_set((tx), &(mask))
#define dma_cap_clear(tx, mask)	__dma_cap_clear((tx), &(mask))
#define dma_cap_zero(mask)	__dma_cap_zero(&(mask))
#define dma_has_cap(tx, mask)	__dma_has_cap((tx), &(mask))
#define for_each_dma_cap_mask(cap, mask) \
	for_each_set_bit(cap, (mask).bits, DMA_TX_TYPE_END)

/* ------------------------------------------------------------------ */
/* Descriptors and completion                                         */
/* ------------------------------------------------------------------ */

static inline void async_tx_ack(struct dma_async_tx_descriptor *tx)
{
	tx->flags |= DMA_CTRL_ACK;
}

static inline void async_tx_clear_ack(struct dma_async_tx_descriptor *tx)
{
	tx->flags &= ~DMA_CTRL_ACK;
}

static inline bool async_tx_test_ack(struct dma_async_tx_descriptor *tx)
{
	return tx->flags & DMA_CTRL_ACK;
}

static inline void dma_async_issue_pending(struct dma_chan *chan)
{
	chan->device->device_issue_pending(chan);
}

/*
 * dma_async_is_complete - judge a cookie against a channel's counters
 *
 * @last_complete and @last_used may have wrapped independently; the
 * cookies in flight are those in (@last_complete, @last_used], taken
 * modulo the wrap.
 */
static inline enum dma_status dma_async_is_complete(dma_cookie_t cookie,
						    dma_cookie_t last_complete,
						    dma_cookie_t last_used)
{
	bool in_flight;

	if (last_complete <= last_used)
		in_flight = cookie > last_complete && cookie <= last_used;
	else
		in_flight = cookie > last_complete || cookie <= last_used;
	return in_flight ? DMA_IN_PROGRESS : DMA_COMPLETE;
}

static inline enum dma_status
dma_async_is_tx_complete(struct dma_chan *chan, dma_cookie_t cookie,
			 dma_cookie_t *last, dma_cookie_t *used)
{
	struct dma_tx_state state = { };
	enum dma_status status;

	status = chan->device->device_tx_status(chan, cookie, &state);
	if (last)
		*last = state.last;
	if (used)
		*used = state.used;
	return status;
}

static inline void dma_set_tx_state(struct dma_tx_state *st, dma_cookie_t last,
				    dma_cookie_t used, u32 residue)
{
	if (!st)
		return;
	st->last = last;
	st->used = used;
	st->residue = residue;
}

/* ------------------------------------------------------------------ */
/* The client API                                                     */
/* ------------------------------------------------------------------ */

#ifdef CONFIG_DMA_ENGINE
void dmaengine_get(void);
void dmaengine_put(void);
struct dma_chan *dma_find_channel(enum dma_transaction_type tx_type);
enum dma_status dma_sync_wait(struct dma_chan *chan, dma_cookie_t cookie);
enum dma_status dma_wait_for_async_tx(struct dma_async_tx_descriptor *tx);
void dma_issue_pending_all(void);
int dmaengine_visit_channels(void *arg,
			     int (*fn)(struct dma_chan *chan, void *arg));
struct dma_chan *__dma_request_channel(const dma_cap_mask_t *mask,
				       dma_filter_fn fn, void *fn_param,
				       struct device_node *np);
struct dma_chan *dma_request_chan(struct device *dev, const char *name);
struct dma_chan *dma_request_chan_by_mask(const dma_cap_mask_t *mask);
struct dma_chan *devm_dma_request_chan(struct device *dev, const char *name);
void dma_release_channel(struct dma_chan *chan);
int dma_get_slave_caps(struct dma_chan *chan, struct dma_slave_caps *caps);
#else
static inline void dmaengine_get(void)
{
}

static inline void dmaengine_put(void)
{
}

static inline struct dma_chan *
dma_find_channel(enum dma_transaction_type tx_type)
{
	return NULL;
}

static inline enum dma_status dma_sync_wait(struct dma_chan *chan,
					    dma_cookie_t cookie)
{
	return DMA_COMPLETE;
}

static inline enum dma_status
dma_wait_for_async_tx(struct dma_async_tx_descriptor *tx)
{
	return DMA_COMPLETE;
}

static inline void dma_issue_pending_all(void)
{
}

static inline int
dmaengine_visit_channels(void *arg,
			 int (*fn)(struct dma_chan *chan, void *arg))
{
	return 0;
}

static inline struct dma_chan *
__dma_request_channel(const dma_cap_mask_t *mask, dma_filter_fn fn,
		      void *fn_param, struct device_node *np)
{
	return NULL;
}

static inline struct dma_chan *dma_request_chan(struct device *dev,
						const char *name)
{
	return ERR_PTR(-ENODEV);
}

static inline struct dma_chan *
dma_request_chan_by_mask(const dma_cap_mask_t *mask)
{
	return ERR_PTR(-ENODEV);
}

static inline struct dma_chan *devm_dma_request_chan(struct device *dev,
						     const char *name)
{
	return ERR_PTR(-ENODEV);
}

static inline void dma_release_channel(struct dma_chan *chan)
{
}

static inline int dma_get_slave_caps(struct dma_chan *chan,
				     struct dma_slave_caps *caps)
{
	return -ENXIO;
}
#endif

/*
 * async_tx's view of the general-purpose allocator.  async_tx chains
 * operations across channels and devices, so it asks for a channel that
 * can do the one operation at hand.
 */
#ifdef CONFIG_ASYNC_TX_DMA
#define async_dmaengine_get()	dmaengine_get()
#define async_dmaengine_put()	dmaengine_put()
#define async_dma_find_channel(type) dma_find_channel(type)
#else
static inline void async_dmaengine_get(void)
{
}

static inline void async_dmaengine_put(void)
{
}

static inline struct dma_chan *
async_dma_find_channel(enum dma_transaction_type type)
{
	return NULL;
}
#endif

/*
 * One turn of a polling wait for an engine.  Where the caller may be
 * preempted, other tasks get the CPU: the work waited for may be a
 * provider's thread or workqueue on this CPU.  Elsewhere it spins.
 */
static inline void dma_wait_relax(void)
{
	if (preemptible())
		cond_resched();
	else
		cpu_relax();
}

void dma_async_tx_descriptor_init(struct dma_async_tx_descriptor *tx,
				  struct dma_chan *chan);

static inline bool dmaengine_desc_test_reuse(struct dma_async_tx_descriptor *tx)
{
	return tx->flags & DMA_CTRL_REUSE;
}

/* Mark @tx reusable, if its channel allows it. */
static inline int dmaengine_desc_set_reuse(struct dma_async_tx_descriptor *tx)
{
	struct dma_slave_caps caps;
	int err;

	err = dma_get_slave_caps(tx->chan, &caps);
	if (err)
		return err;
	if (!caps.descriptor_reuse)
		return -EPERM;
	tx->flags |= DMA_CTRL_REUSE;
	return 0;
}

static inline void dmaengine_desc_clear_reuse(struct dma_async_tx_descriptor *tx)
{
	tx->flags &= ~DMA_CTRL_REUSE;
}

/* Free a reusable descriptor; others are freed by their provider. */
static inline int dmaengine_desc_free(struct dma_async_tx_descriptor *desc)
{
	if (!dmaengine_desc_test_reuse(desc))
		return -EPERM;
	return desc->desc_free(desc);
}

/* ------------------------------------------------------------------ */
/* The provider API                                                   */
/* ------------------------------------------------------------------ */

int dma_async_device_register(struct dma_device *device);
int dmaenginem_async_device_register(struct dma_device *device);
void dma_async_device_unregister(struct dma_device *device);
int dma_async_device_channel_register(struct dma_device *device,
				      struct dma_chan *chan,
				      const char *name);
void dma_async_device_channel_unregister(struct dma_device *device,
					 struct dma_chan *chan);
void dma_run_dependencies(struct dma_async_tx_descriptor *tx);

#define dma_request_channel(mask, x, y) \
	__dma_request_channel(&(mask), x, y, NULL)

/* Deprecated: use dma_request_chan(). */
static inline struct dma_chan * __deprecated
dma_request_slave_channel(struct device *dev, const char *name)
{
	struct dma_chan *chan = dma_request_chan(dev, name);

	return IS_ERR(chan) ? NULL : chan;
}

/* Deprecated: a named slave channel, else one the filter accepts. */
static inline struct dma_chan *
dma_request_slave_channel_compat(const dma_cap_mask_t mask,
				 dma_filter_fn fn, void *fn_param,
				 struct device *dev, const char *name)
{
	struct dma_chan *chan = dma_request_slave_channel(dev, name);

	if (chan || !fn || !fn_param)
		return chan;
	return __dma_request_channel(&mask, fn, fn_param, NULL);
}

static inline char *
dmaengine_get_direction_text(enum dma_transfer_direction dir)
{
	static char * const names[] = {
		[DMA_MEM_TO_MEM] = "MEM_TO_MEM",
		[DMA_MEM_TO_DEV] = "MEM_TO_DEV",
		[DMA_DEV_TO_MEM] = "DEV_TO_MEM",
		[DMA_DEV_TO_DEV] = "DEV_TO_DEV",
	};

	if ((unsigned int)dir < ARRAY_SIZE(names))
		return names[dir];
	return "invalid";
}

/* The device to map buffers for when using @chan. */
static inline struct device *dmaengine_get_dma_device(struct dma_chan *chan)
{
	if (chan->dev->chan_dma_dev)
		return &chan->dev->device;
	return chan->device->dev;
}

#endif /* LINUX_DMAENGINE_H */
