// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * dmaengine core: the registry of DMA devices and their channels.
 *
 * Providers register a struct dma_device with its channels.  Clients get
 * channels in one of two ways:
 *
 *  - The general-purpose allocator.  While at least one client holds a
 *    dmaengine_get() reference, the core holds one reference on every
 *    channel of every public device, and a per-CPU table names, for each
 *    transaction type, the channel dma_find_channel() returns on that CPU.
 *    The table spreads the capable channels over the CPUs, least used
 *    first, preferring channels on the CPU's NUMA node.
 *
 *  - Exclusive requests (dma_request_channel() and friends).  The client
 *    gets a free channel for itself until it calls dma_release_channel().
 *    Taking a channel of a device makes the whole device private: all the
 *    channels of a device are public or all are private, and a device
 *    that was taken privately never returns to the general pool.
 *
 * LOCKING
 *
 * dma_list_mutex protects the device list, each device's channel
 * bookkeeping after registration (chancnt, privatecnt, the DMA_PRIVATE
 * bit of cap_mask), every channel's client_count and table_count, the
 * count of general-purpose clients, and writes to the channel table.
 * Two paths read without it: dma_issue_pending_all() walks the device
 * list under RCU, and dma_find_channel() reads its CPU's table slot.
 * Unregistration takes a device out of the table and waits for an RCU
 * grace period before it frees the channels' resources, so a client that
 * looks a channel up and uses it inside one RCU read-side section never
 * sees it go.  Filters and provider callbacks are called with the mutex
 * held; client callbacks never are.
 */

#include <kunit/visibility.h>
#include <linux/acpi.h>
#include <linux/acpi_dma.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/idr.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/mempool.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/numa.h>
#include <linux/of.h>
#include <linux/of_dma.h>
#include <linux/percpu.h>
#include <linux/rculist.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "dmaengine.h"

#define CREATE_TRACE_POINTS
#include <trace/events/dmaengine.h>

/* the completion events are emitted by providers, some of them modules */
EXPORT_TRACEPOINT_SYMBOL(dmaengine_cookie_complete);
EXPORT_TRACEPOINT_SYMBOL(dmaengine_callback);

/**
 * dmaengine_trace_cookie_complete() - emit dmaengine_cookie_complete
 * @tx: the descriptor being completed
 *
 * For dma_cookie_complete(), which calls it only while the event is on.
 *
 * Context: any.
 */
void dmaengine_trace_cookie_complete(struct dma_async_tx_descriptor *tx)
{
	trace_dmaengine_cookie_complete(tx);
}
EXPORT_SYMBOL(dmaengine_trace_cookie_complete);

/**
 * dmaengine_trace_callback() - emit dmaengine_callback
 * @tx: the completed descriptor
 * @result: the provider's result, or NULL
 *
 * For dmaengine_desc_get_callback_invoke(), which calls it only while
 * the event is on.
 *
 * Context: any.
 */
void dmaengine_trace_callback(struct dma_async_tx_descriptor *tx,
			      const struct dmaengine_result *result)
{
	trace_dmaengine_callback(tx, result);
}
EXPORT_SYMBOL(dmaengine_trace_callback);

/* How long dma_sync_wait() and dma_wait_for_async_tx() wait at most. */
#define DMA_WAIT_MS		5000
/* The sysfs link from a slave channel to its client device. */
#define DMA_SLAVE_LINK		"slave"

static DEFINE_MUTEX(dma_list_mutex);
static LIST_HEAD(dma_device_list);
static DEFINE_IDA(dma_ida);
static unsigned long dma_general_users;

/* Per CPU, per transaction type: what dma_find_channel() returns. */
static DEFINE_PER_CPU(struct dma_chan *, dma_chan_table[DMA_TX_TYPE_END]);

static bool dma_device_is_public(struct dma_device *device)
{
	return !dma_has_cap(DMA_PRIVATE, device->cap_mask);
}

static bool dma_device_is_registered(struct dma_device *device)
{
	struct dma_device *d;

	lockdep_assert_held(&dma_list_mutex);
	list_for_each_entry(d, &dma_device_list, global_node)
		if (d == device)
			return true;
	return false;
}

static bool dma_device_in_use(struct dma_device *device)
{
	struct dma_chan *chan;

	lockdep_assert_held(&dma_list_mutex);
	list_for_each_entry(chan, &device->channels, device_node)
		if (chan->client_count)
			return true;
	return false;
}

/* Whether @device can do every transaction type in @want. */
static bool dma_device_can(struct dma_device *device,
			   const dma_cap_mask_t *want)
{
	return bitmap_subset(want->bits, device->cap_mask.bits,
			     DMA_TX_TYPE_END);
}

/* Names of the transaction types, for messages and debugfs. */
static const char * const dma_type_names[DMA_TX_TYPE_END] = {
	[DMA_MEMCPY] = "memcpy", [DMA_XOR] = "xor", [DMA_PQ] = "pq",
	[DMA_XOR_VAL] = "xor_val", [DMA_PQ_VAL] = "pq_val",
	[DMA_MEMSET] = "memset", [DMA_MEMSET_SG] = "memset_sg",
	[DMA_INTERRUPT] = "interrupt", [DMA_PRIVATE] = "private",
	[DMA_SLAVE] = "slave",
	[DMA_CYCLIC] = "cyclic", [DMA_INTERLEAVE] = "interleave",
	[DMA_COMPLETION_NO_ORDER] = "no_order", [DMA_REPEAT] = "repeat",
	[DMA_LOAD_EOT] = "load_eot",
};

/* ------------------------------------------------------------------ */
/* Channel references                                                 */
/* ------------------------------------------------------------------ */

/* The last reference on a device is gone: its provider may free it. */
static void dma_device_release(struct kref *ref)
{
	struct dma_device *device = container_of(ref, struct dma_device, ref);

	if (device->device_release)
		device->device_release(device);
}

/*
 * dma_chan_get - hold a free channel for one user
 *
 * A channel has one holder at a time: an exclusive client or the
 * general-purpose allocator.  Holding it pins the provider module and
 * the device, and lets the provider allocate the channel's resources.
 */
static int dma_chan_get(struct dma_chan *chan, bool exclusive)
{
	struct dma_device *device = chan->device;
	int err = 0;

	lockdep_assert_held(&dma_list_mutex);
	if (WARN_ON_ONCE(chan->client_count))
		return -EBUSY;
	if (!try_module_get(device->owner))
		return -ENODEV;
	kref_get(&device->ref);
	if (device->device_alloc_chan_resources)
		err = device->device_alloc_chan_resources(chan);
	if (err < 0) {
		kref_put(&device->ref, dma_device_release);
		module_put(device->owner);
		return err;
	}
	chan->client_count = 1;
	trace_dmaengine_chan_alloc(chan, exclusive);
	return 0;
}

/* Let go of a channel held with dma_chan_get(). */
static void dma_chan_put(struct dma_chan *chan, bool exclusive)
{
	struct dma_device *device = chan->device;
	struct module *owner = device->owner;

	lockdep_assert_held(&dma_list_mutex);
	if (WARN_ON_ONCE(chan->client_count != 1))
		return;
	trace_dmaengine_chan_release(chan, exclusive);
	chan->client_count = 0;

	if (device->device_free_chan_resources)
		device->device_free_chan_resources(chan);
	if (chan->router) {
		if (chan->router->route_free)
			chan->router->route_free(chan->router->dev,
						 chan->route_data);
		chan->router = NULL;
		chan->route_data = NULL;
	}
	kref_put(&device->ref, dma_device_release);
	module_put(owner);
}

/* ------------------------------------------------------------------ */
/* The general-purpose allocator                                      */
/* ------------------------------------------------------------------ */

/* Whether a channel may sit in the table for @type. */
static bool dma_chan_serves(struct dma_chan *chan,
			    enum dma_transaction_type type)
{
	struct dma_device *device = chan->device;

	return chan->client_count && chan->dev && chan->dev->chan &&
	       dma_device_is_public(device) &&
	       dma_has_cap(type, device->cap_mask);
}

/*
 * The channel for @type on @cpu: the least used capable channel on the
 * CPU's node, or failing that anywhere.
 */
static struct dma_chan *dma_pick_channel(enum dma_transaction_type type,
					 int cpu)
{
	int node = cpu_to_node(cpu);
	struct dma_chan *best = NULL, *chan;
	bool best_local = false;
	struct dma_device *device;

	list_for_each_entry(device, &dma_device_list, global_node) {
		int dnode = dev_to_node(device->dev);
		bool local = dnode == NUMA_NO_NODE || dnode == node;

		list_for_each_entry(chan, &device->channels, device_node) {
			if (!dma_chan_serves(chan, type))
				continue;
			if (best && best_local && !local)
				continue;
			if (best && best_local == local &&
			    best->table_count <= chan->table_count)
				continue;
			best = chan;
			best_local = local;
		}
	}
	return best;
}

/* Recompute the channel table from the devices now registered. */
static void dma_rebalance(void)
{
	struct dma_device *device;
	struct dma_chan *chan;
	int type, cpu;

	lockdep_assert_held(&dma_list_mutex);
	list_for_each_entry(device, &dma_device_list, global_node)
		list_for_each_entry(chan, &device->channels, device_node)
			chan->table_count = 0;

	for (type = 0; type < DMA_TX_TYPE_END; type++) {
		if (type == DMA_PRIVATE)
			continue;
		for_each_possible_cpu(cpu) {
			chan = dma_general_users ? dma_pick_channel(type, cpu) :
						   NULL;
			WRITE_ONCE(per_cpu(dma_chan_table[type], cpu), chan);
			if (chan)
				chan->table_count++;
		}
	}
}

/* Take the general-purpose reference on every channel of @device. */
static void dma_general_take(struct dma_device *device)
{
	struct dma_chan *chan;
	int err;

	list_for_each_entry(chan, &device->channels, device_node) {
		if (chan->client_count)
			continue;
		err = dma_chan_get(chan, false);
		if (err)
			dev_warn(device->dev,
				 "channel %d left out of the general pool: %d\n",
				 chan->chan_id, err);
	}
}

/* Drop the general-purpose references on @device's channels. */
static void dma_general_drop(struct dma_device *device)
{
	struct dma_chan *chan;

	list_for_each_entry(chan, &device->channels, device_node)
		if (chan->client_count)
			dma_chan_put(chan, false);
}

/**
 * dmaengine_get() - become a general-purpose client
 *
 * While any client holds this reference, every channel of every public
 * device is allocated and dma_find_channel() hands them out.
 *
 * Context: process context; takes a mutex.
 */
void dmaengine_get(void)
{
	struct dma_device *device;

	mutex_lock(&dma_list_mutex);
	if (dma_general_users++ == 0) {
		list_for_each_entry(device, &dma_device_list, global_node)
			if (dma_device_is_public(device))
				dma_general_take(device);
		dma_rebalance();
	}
	mutex_unlock(&dma_list_mutex);
}
EXPORT_SYMBOL(dmaengine_get);

/**
 * dmaengine_put() - stop being a general-purpose client
 *
 * Drops a reference taken with dmaengine_get(); when the last one goes,
 * the public channels are freed and dma_find_channel() returns NULL.
 * An unbalanced call is reported and ignored.
 *
 * Context: process context; takes a mutex.
 */
void dmaengine_put(void)
{
	struct dma_device *device;

	mutex_lock(&dma_list_mutex);
	if (WARN_ON_ONCE(!dma_general_users))
		goto out;
	if (--dma_general_users == 0) {
		dma_rebalance();
		list_for_each_entry(device, &dma_device_list, global_node)
			if (dma_device_is_public(device))
				dma_general_drop(device);
	}
out:
	mutex_unlock(&dma_list_mutex);
}
EXPORT_SYMBOL(dmaengine_put);

/**
 * dma_find_channel() - the general-purpose channel for a transaction type
 * @tx_type: the transaction type wanted
 *
 * Lock-free: reads the calling CPU's slot of the channel table.  Only
 * meaningful while the caller holds a dmaengine_get() reference.  The
 * channel stays usable until the caller leaves the RCU read-side section
 * (or preemption-disabled region) it looked it up in, even if its device
 * is being unregistered meanwhile.
 *
 * Context: any.
 * Return: a public channel that can do @tx_type, or NULL if there is none.
 */
struct dma_chan *dma_find_channel(enum dma_transaction_type tx_type)
{
	if ((unsigned int)tx_type >= DMA_TX_TYPE_END)
		return NULL;
	return this_cpu_read(dma_chan_table[tx_type]);
}
EXPORT_SYMBOL(dma_find_channel);

/* Start the queued work of every channel of @device someone holds. */
static void dma_device_issue_held(struct dma_device *device)
{
	struct dma_chan *chan;

	list_for_each_entry(chan, &device->channels, device_node)
		if (READ_ONCE(chan->client_count))
			device->device_issue_pending(chan);
}

/**
 * dma_issue_pending_all() - start what is queued on every public channel
 *
 * Context: any; walks the device list under RCU.
 */
void dma_issue_pending_all(void)
{
	struct dma_device *device;

	rcu_read_lock();
	list_for_each_entry_rcu(device, &dma_device_list, global_node)
		if (dma_device_is_public(device))
			dma_device_issue_held(device);
	rcu_read_unlock();
}
EXPORT_SYMBOL(dma_issue_pending_all);

/**
 * dmaengine_visit_channels() - visit every registered channel
 * @arg: passed to @fn
 * @fn: called for each channel, in registration order; a non-zero
 *	return stops the walk
 *
 * For a client's reports (async_tx's per-channel counters).  The
 * channels cannot leave while @fn runs: it is called under the core's
 * device-list mutex and must not call back into the registry.
 *
 * Context: process context; takes a mutex.
 * Return: what @fn returned last, or 0 when it always returned 0.
 */
int dmaengine_visit_channels(void *arg,
			     int (*fn)(struct dma_chan *chan, void *arg))
{
	struct dma_device *device;
	struct dma_chan *chan;
	int ret = 0;

	guard(mutex)(&dma_list_mutex);
	list_for_each_entry(device, &dma_device_list, global_node) {
		list_for_each_entry(chan, &device->channels, device_node) {
			if (!chan->dev || !chan->local)
				continue;
			ret = fn(chan, arg);
			if (ret)
				return ret;
		}
	}
	return ret;
}
EXPORT_SYMBOL_GPL(dmaengine_visit_channels);

/* ------------------------------------------------------------------ */
/* Exclusive channels                                                 */
/* ------------------------------------------------------------------ */

/*
 * dma_take_chan - give free @chan to one exclusive client
 *
 * Its device turns private for good; that is undone only if the provider
 * cannot allocate the channel.
 */
static int dma_take_chan(struct dma_chan *chan)
{
	struct dma_device *device = chan->device;
	bool was_public = dma_device_is_public(device);
	int err;

	lockdep_assert_held(&dma_list_mutex);
	/* private first, so that no rebalance can pick it meanwhile */
	dma_cap_set(DMA_PRIVATE, device->cap_mask);
	err = dma_chan_get(chan, true);
	if (err) {
		dev_dbg(device->dev, "channel %d unavailable: %d\n",
			chan->chan_id, err);
		if (was_public)
			dma_cap_clear(DMA_PRIVATE, device->cap_mask);
		return err;
	}
	device->privatecnt++;
	return 0;
}

/*
 * dma_take_exclusive - give a free channel of @device to one client
 *
 * Offers each free channel to @fn (any free channel when @fn is NULL)
 * and takes the first accepted.  A public device with channels in
 * general use is skipped whole.  Taking a channel makes the device
 * private for good.
 */
static struct dma_chan *dma_take_exclusive(struct dma_device *device,
					   const dma_cap_mask_t *mask,
					   dma_filter_fn fn, void *fn_param)
{
	struct dma_chan *chan;

	lockdep_assert_held(&dma_list_mutex);
	if (mask && !dma_device_can(device, mask))
		return NULL;
	if (dma_device_is_public(device) && dma_device_in_use(device))
		return NULL;

	list_for_each_entry(chan, &device->channels, device_node) {
		if (chan->client_count)
			continue;
		if (fn && !fn(chan, fn_param))
			continue;
		if (!dma_take_chan(chan))
			return chan;
	}
	return NULL;
}

/**
 * __dma_request_channel() - get a channel for exclusive use
 * @mask: transaction types the channel's device must support
 * @fn: filter choosing among the free channels, or NULL for any
 * @fn_param: argument of @fn
 * @np: only consider devices with this device-tree node, if given
 *
 * @fn is called once per free candidate channel, in registration order,
 * until it accepts one.  Devices whose channels are in general-purpose
 * use are not candidates.
 *
 * Context: process context; takes a mutex, and @fn is called under it.
 * Return: the channel, held until dma_release_channel(), or NULL.
 */
struct dma_chan *__dma_request_channel(const dma_cap_mask_t *mask,
				       dma_filter_fn fn, void *fn_param,
				       struct device_node *np)
{
	struct dma_device *device;
	struct dma_chan *chan = NULL;

	mutex_lock(&dma_list_mutex);
	list_for_each_entry(device, &dma_device_list, global_node) {
		if (np && device->dev->of_node && device->dev->of_node != np)
			continue;
		chan = dma_take_exclusive(device, mask, fn, fn_param);
		if (chan)
			break;
	}
	mutex_unlock(&dma_list_mutex);
	return chan;
}
EXPORT_SYMBOL_GPL(__dma_request_channel);

/**
 * dma_request_chan_by_mask() - get any free channel with capabilities
 * @mask: transaction types the channel's device must support
 *
 * Context: process context.
 * Return: the channel, -EPROBE_DEFER when no DMA device is registered
 * yet, or -ENODEV.
 */
struct dma_chan *dma_request_chan_by_mask(const dma_cap_mask_t *mask)
{
	struct dma_chan *chan;
	bool none;

	if (!mask)
		return ERR_PTR(-ENODEV);
	chan = __dma_request_channel(mask, NULL, NULL, NULL);
	if (chan)
		return chan;

	mutex_lock(&dma_list_mutex);
	none = list_empty(&dma_device_list);
	mutex_unlock(&dma_list_mutex);
	return ERR_PTR(none ? -EPROBE_DEFER : -ENODEV);
}
EXPORT_SYMBOL_GPL(dma_request_chan_by_mask);

/**
 * dma_get_slave_channel() - take one given channel for exclusive use
 * @chan: the channel
 *
 * For providers' OF/ACPI translation callbacks.
 *
 * Context: process context; takes a mutex.
 * Return: @chan, or NULL if it is in use or cannot be allocated.
 */
struct dma_chan *dma_get_slave_channel(struct dma_chan *chan)
{
	struct dma_device *device = chan->device;

	mutex_lock(&dma_list_mutex);
	if (chan->client_count ||
	    (dma_device_is_public(device) && dma_device_in_use(device)) ||
	    dma_take_chan(chan))
		chan = NULL;
	mutex_unlock(&dma_list_mutex);
	return chan;
}
EXPORT_SYMBOL_GPL(dma_get_slave_channel);

/**
 * dma_get_any_slave_channel() - take any free slave channel of a device
 * @device: the device
 *
 * Context: process context; takes a mutex.
 * Return: the channel, or NULL.
 */
struct dma_chan *dma_get_any_slave_channel(struct dma_device *device)
{
	struct dma_chan *chan;
	dma_cap_mask_t mask;

	dma_cap_zero(mask);
	dma_cap_set(DMA_SLAVE, mask);
	mutex_lock(&dma_list_mutex);
	chan = dma_take_exclusive(device, &mask, NULL, NULL);
	mutex_unlock(&dma_list_mutex);
	return chan;
}
EXPORT_SYMBOL_GPL(dma_get_any_slave_channel);

/* The map entry of a device's slave map naming @name for @dev. */
static const struct dma_slave_map *
dma_slave_map_lookup(struct dma_device *device, struct device *dev,
		     const char *name)
{
	const struct dma_slave_map *map = device->filter.map;
	int i;

	for (i = 0; map && i < device->filter.mapcnt; i++)
		if (!strcmp(map[i].devname, dev_name(dev)) &&
		    !strcmp(map[i].slave, name))
			return &map[i];
	return NULL;
}

static struct dma_chan *dma_request_chan_from_maps(struct device *dev,
						   const char *name)
{
	const struct dma_slave_map *map;
	struct dma_device *device;
	struct dma_chan *chan = NULL;
	dma_cap_mask_t mask;

	dma_cap_zero(mask);
	dma_cap_set(DMA_SLAVE, mask);
	mutex_lock(&dma_list_mutex);
	list_for_each_entry(device, &dma_device_list, global_node) {
		map = dma_slave_map_lookup(device, dev, name);
		if (!map)
			continue;
		chan = dma_take_exclusive(device, &mask, device->filter.fn,
					  map->param);
		if (chan)
			break;
	}
	mutex_unlock(&dma_list_mutex);
	return chan;
}

/* Name a slave channel after its client and link the two in sysfs. */
static void dma_chan_attach_slave(struct dma_chan *chan, struct device *dev,
				  const char *name)
{
	struct kobject *chan_kobj = &chan->dev->device.kobj;

	chan->name = kasprintf(GFP_KERNEL, "dma:%s", name);
	if (chan->name) {
		chan->slave = dev;
		if (sysfs_create_link(chan_kobj, &dev->kobj, DMA_SLAVE_LINK) ||
		    sysfs_create_link(&dev->kobj, chan_kobj, chan->name))
			dev_warn(dev, "sysfs links to %s incomplete\n",
				 dev_name(&chan->dev->device));
	}
#ifdef CONFIG_DEBUG_FS
	/* who holds the channel, for the debugfs summary */
	chan->dbg_client_name = kasprintf(GFP_KERNEL, "%s:%s", dev_name(dev),
					  name);
#endif
}

static void dma_chan_detach_slave(struct dma_chan *chan)
{
	if (chan->slave) {
		if (chan->dev)
			sysfs_remove_link(&chan->dev->device.kobj,
					  DMA_SLAVE_LINK);
		sysfs_remove_link(&chan->slave->kobj, chan->name);
		chan->slave = NULL;
	}
	kfree(chan->name);
	chan->name = NULL;
#ifdef CONFIG_DEBUG_FS
	kfree(chan->dbg_client_name);
	chan->dbg_client_name = NULL;
#endif
}

/* devm action: give back a channel when its client goes */
static void dma_release_channel_action(void *chan)
{
	dma_release_channel(chan);
}

/**
 * dma_request_chan() - get the slave channel a device calls @name
 * @dev: the client device
 * @name: the client's name for the channel
 *
 * Looks in the device tree, then ACPI, then the slave maps of the
 * registered DMA devices.
 *
 * Context: process context.
 * Return: the channel, held until dma_release_channel(); -EPROBE_DEFER
 * when its provider may not have registered yet; another ERR_PTR on
 * errors.
 */
struct dma_chan *dma_request_chan(struct device *dev, const char *name)
{
	struct dma_chan *chan = NULL;

	if (dev->of_node)
		chan = of_dma_request_slave_channel(dev->of_node, name);
	if (IS_ERR_OR_NULL(chan) && has_acpi_companion(dev) &&
	    PTR_ERR(chan) != -EPROBE_DEFER)
		chan = acpi_dma_request_slave_chan_by_name(dev, name);
	if (PTR_ERR(chan) == -EPROBE_DEFER)
		return chan;
	if (IS_ERR_OR_NULL(chan)) {
		struct dma_chan *mapped = dma_request_chan_from_maps(dev, name);

		/* keep the firmware lookup's error if no map knows it */
		if (mapped)
			chan = mapped;
	}
	if (!chan)
		return ERR_PTR(-EPROBE_DEFER);
	if (IS_ERR(chan))
		return chan;

	dma_chan_attach_slave(chan, dev, name);
	return chan;
}
EXPORT_SYMBOL_GPL(dma_request_chan);

/**
 * dma_release_channel() - give back an exclusively held channel
 * @chan: the channel
 *
 * Releasing a channel that is not held exclusively (never requested,
 * released twice, or in general-purpose use) is a caller bug: it is
 * reported and nothing is changed.
 *
 * Context: process context; takes a mutex.
 */
void dma_release_channel(struct dma_chan *chan)
{
	struct dma_device *device;

	if (WARN_ON_ONCE(!chan))
		return;
	device = chan->device;

	mutex_lock(&dma_list_mutex);
	if (WARN_ONCE(chan->client_count != 1 || dma_device_is_public(device),
		      "dmaengine: release of channel %d of %s, not held exclusively\n",
		      chan->chan_id, dev_name(device->dev)))
		goto out;
	dma_chan_detach_slave(chan);
	if (device->privatecnt)
		device->privatecnt--;
	dma_chan_put(chan, true);
out:
	mutex_unlock(&dma_list_mutex);
}
EXPORT_SYMBOL_GPL(dma_release_channel);

/**
 * devm_dma_request_chan() - dma_request_chan(), released with @dev
 * @dev: the client device
 * @name: the client's name for the channel
 *
 * Context: process context.
 * Return: as dma_request_chan().
 */
struct dma_chan *devm_dma_request_chan(struct device *dev, const char *name)
{
	struct dma_chan *chan;
	int err;

	chan = dma_request_chan(dev, name);
	if (!IS_ERR(chan)) {
		err = devm_add_action_or_reset(dev, dma_release_channel_action,
					       chan);
		if (err)
			chan = ERR_PTR(err);
	}
	return chan;
}
EXPORT_SYMBOL_GPL(devm_dma_request_chan);

/**
 * dma_get_slave_caps() - what a slave channel can do
 * @chan: the channel
 * @caps: filled in
 *
 * Context: any.
 * Return: 0; -EINVAL for missing arguments; -ENXIO when the channel's
 * device is no slave device or reports no directions.
 */
int dma_get_slave_caps(struct dma_chan *chan, struct dma_slave_caps *caps)
{
	struct dma_device *device = chan ? chan->device : NULL;
	bool slave;

	if (!device || !caps)
		return -EINVAL;
	slave = dma_has_cap(DMA_SLAVE, device->cap_mask) ||
		dma_has_cap(DMA_CYCLIC, device->cap_mask);
	if (!slave || !device->directions)
		return -ENXIO;

	*caps = (struct dma_slave_caps) {
		.src_addr_widths = device->src_addr_widths,
		.dst_addr_widths = device->dst_addr_widths,
		.directions = device->directions,
		.min_burst = device->min_burst,
		.max_burst = device->max_burst,
		.max_sg_burst = device->max_sg_burst,
		.cmd_pause = !!device->device_pause,
		.cmd_resume = !!device->device_resume,
		.cmd_terminate = !!device->device_terminate_all,
		.residue_granularity = device->residue_granularity,
		.descriptor_reuse = device->descriptor_reuse,
	};
	if (device->device_caps)
		device->device_caps(chan, caps);
	return 0;
}
EXPORT_SYMBOL_GPL(dma_get_slave_caps);

/* ------------------------------------------------------------------ */
/* sysfs and debugfs                                                  */
/* ------------------------------------------------------------------ */

/* The channel behind a class device; NULL once it is unregistered. */
static struct dma_chan *dma_chan_of_dev(struct device *dev)
{
	return READ_ONCE(container_of(dev, struct dma_chan_dev, device)->chan);
}

static unsigned long dma_chan_sum(struct dma_chan *chan, bool bytes)
{
	unsigned long sum = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		struct dma_chan_percpu *pc = per_cpu_ptr(chan->local, cpu);

		sum += bytes ? pc->bytes_transferred : pc->memcpy_count;
	}
	return sum;
}

/*
 * The attributes need no lock: a channel's class device is unregistered,
 * which waits for readers, before the channel and its counters go.
 */
static ssize_t memcpy_count_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct dma_chan *chan = dma_chan_of_dev(dev);

	if (!chan)
		return -ENODEV;
	return sysfs_emit(buf, "%lu\n", dma_chan_sum(chan, false));
}
static DEVICE_ATTR_RO(memcpy_count);

static ssize_t bytes_transferred_show(struct device *dev,
				      struct device_attribute *attr, char *buf)
{
	struct dma_chan *chan = dma_chan_of_dev(dev);

	if (!chan)
		return -ENODEV;
	return sysfs_emit(buf, "%lu\n", dma_chan_sum(chan, true));
}
static DEVICE_ATTR_RO(bytes_transferred);

static ssize_t in_use_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct dma_chan *chan = dma_chan_of_dev(dev);

	if (!chan)
		return -ENODEV;
	return sysfs_emit(buf, "%d\n", READ_ONCE(chan->client_count));
}
static DEVICE_ATTR_RO(in_use);

static struct attribute *dma_chan_attrs[] = {
	&dev_attr_memcpy_count.attr,
	&dev_attr_bytes_transferred.attr,
	&dev_attr_in_use.attr,
	NULL,
};
ATTRIBUTE_GROUPS(dma_chan);

static void dma_chan_dev_release(struct device *dev)
{
	kfree(container_of(dev, struct dma_chan_dev, device));
}

static const struct class dma_devclass = {
	.name = "dma",
	.dev_groups = dma_chan_groups,
	.dev_release = dma_chan_dev_release,
};

#ifdef CONFIG_DEBUG_FS
static struct dentry *dma_debugfs_root;

static void dma_summary_device(struct seq_file *s, struct dma_device *device)
{
	struct dma_chan *chan;
	int type;

	seq_printf(s, "dma%d (%s): %u channel(s), caps:", device->dev_id,
		   dev_name(device->dev), device->chancnt);
	for_each_dma_cap_mask(type, device->cap_mask)
		seq_printf(s, " %s", dma_type_names[type] ?: "?");
	seq_putc(s, '\n');

	if (device->dbg_summary_show) {
		device->dbg_summary_show(s, device);
		return;
	}
	list_for_each_entry(chan, &device->channels, device_node) {
		if (!chan->dev)
			continue;
		seq_printf(s, "  %-13s users %d, table slots %d, ops %lu, bytes %lu",
			   dma_chan_name(chan), chan->client_count,
			   chan->table_count, dma_chan_sum(chan, false),
			   dma_chan_sum(chan, true));
		if (chan->dbg_client_name)
			seq_printf(s, ", held by %s", chan->dbg_client_name);
		else if (chan->client_count)
			seq_printf(s, ", held by %s",
				   dma_device_is_public(device) ?
				   "the general-purpose pool" :
				   "an exclusive client");
		seq_putc(s, '\n');
	}
}

static int dma_summary_show(struct seq_file *s, void *unused)
{
	struct dma_device *device;

	mutex_lock(&dma_list_mutex);
	seq_printf(s, "general-purpose clients: %lu\n", dma_general_users);
	list_for_each_entry(device, &dma_device_list, global_node)
		dma_summary_device(s, device);
	mutex_unlock(&dma_list_mutex);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(dma_summary);

static void dma_debugfs_init(void)
{
	dma_debugfs_root = debugfs_create_dir("dmaengine", NULL);
	debugfs_create_file("summary", 0444, dma_debugfs_root, NULL,
			    &dma_summary_fops);
}

static void dma_debugfs_add_device(struct dma_device *device)
{
	device->dbg_dev_root = debugfs_create_dir(dev_name(device->dev),
						  dma_debugfs_root);
}

static void dma_debugfs_remove_device(struct dma_device *device)
{
	debugfs_remove_recursive(device->dbg_dev_root);
	device->dbg_dev_root = NULL;
}
#else
static void dma_debugfs_init(void)
{
}

static void dma_debugfs_add_device(struct dma_device *device)
{
}

static void dma_debugfs_remove_device(struct dma_device *device)
{
}
#endif

/* ------------------------------------------------------------------ */
/* Registration                                                       */
/* ------------------------------------------------------------------ */

/* A capability and the prep callback a device claiming it must have. */
struct dma_prep_rule {
	enum dma_transaction_type type;
	size_t offset;
	const char *callback;
};

#define DMA_PREP_RULE(t, cb) \
	{ .type = (t), .offset = offsetof(struct dma_device, cb), .callback = #cb }

static const struct dma_prep_rule dma_prep_rules[] = {
	DMA_PREP_RULE(DMA_MEMCPY, device_prep_dma_memcpy),
	DMA_PREP_RULE(DMA_XOR, device_prep_dma_xor),
	DMA_PREP_RULE(DMA_XOR_VAL, device_prep_dma_xor_val),
	DMA_PREP_RULE(DMA_PQ, device_prep_dma_pq),
	DMA_PREP_RULE(DMA_PQ_VAL, device_prep_dma_pq_val),
	DMA_PREP_RULE(DMA_MEMSET, device_prep_dma_memset),
	DMA_PREP_RULE(DMA_MEMSET_SG, device_prep_dma_memset_sg),
	DMA_PREP_RULE(DMA_INTERRUPT, device_prep_dma_interrupt),
	DMA_PREP_RULE(DMA_CYCLIC, device_prep_dma_cyclic),
	DMA_PREP_RULE(DMA_INTERLEAVE, device_prep_interleaved_dma),
};

static bool dma_align_valid(enum dmaengine_alignment align)
{
	return (unsigned int)align <= DMAENGINE_ALIGN_256_BYTES;
}

/* Refuse a device that could not work; say what is wrong with it. */
static int dma_device_check(struct dma_device *device)
{
	const struct dma_prep_rule *rule;

	for (rule = dma_prep_rules;
	     rule < dma_prep_rules + ARRAY_SIZE(dma_prep_rules); rule++) {
		void *const *cb = (void *const *)((char *)device + rule->offset);

		if (dma_has_cap(rule->type, device->cap_mask) && !*cb) {
			dev_err(device->dev, "dmaengine: claims %s without %s\n",
				dma_type_names[rule->type], rule->callback);
			return -EINVAL;
		}
	}
	if (!device->device_tx_status || !device->device_issue_pending) {
		dev_err(device->dev, "dmaengine: %s missing\n",
			device->device_tx_status ? "device_issue_pending" :
						   "device_tx_status");
		return -EINVAL;
	}
	if (dma_has_cap(DMA_XOR, device->cap_mask) && device->max_xor < 2) {
		dev_err(device->dev, "dmaengine: xor with max_xor %u\n",
			device->max_xor);
		return -EINVAL;
	}
	if (dma_has_cap(DMA_PQ, device->cap_mask) &&
	    dma_dev_to_maxpq(device) < 1) {
		dev_err(device->dev, "dmaengine: pq with max_pq 0\n");
		return -EINVAL;
	}
	if (!dma_align_valid(device->copy_align) ||
	    !dma_align_valid(device->xor_align) ||
	    !dma_align_valid(device->pq_align) ||
	    !dma_align_valid(device->fill_align)) {
		dev_err(device->dev, "dmaengine: alignment beyond 256 bytes\n");
		return -EINVAL;
	}
	if (!device->device_release)
		dev_dbg(device->dev,
			"no device_release: unbinding while in use is unsafe\n");
	return 0;
}

/* Give @chan its id, counters and class device. */
static int dma_chan_setup(struct dma_device *device, struct dma_chan *chan,
			  const char *name)
{
	struct dma_chan_dev *cdev;
	int id, err;

	chan->local = alloc_percpu(struct dma_chan_percpu);
	if (!chan->local)
		return -ENOMEM;
	cdev = kzalloc(sizeof(*cdev), GFP_KERNEL);
	if (!cdev) {
		err = -ENOMEM;
		goto free_local;
	}
	id = ida_alloc(&device->chan_ida, GFP_KERNEL);
	if (id < 0) {
		err = id;
		goto free_cdev;
	}

	chan->device = device;
	chan->chan_id = id;
	chan->client_count = 0;
	chan->table_count = 0;
	cdev->chan = chan;
	cdev->dev_id = device->dev_id;
	cdev->device.class = &dma_devclass;
	cdev->device.parent = device->dev;
	device_initialize(&cdev->device);
	if (name)
		err = dev_set_name(&cdev->device, "%s", name);
	else
		err = dev_set_name(&cdev->device, "dma%dchan%d",
				   device->dev_id, id);
	if (!err)
		err = device_add(&cdev->device);
	if (err)
		goto put_cdev;
	chan->dev = cdev;
	return 0;

put_cdev:
	put_device(&cdev->device);	/* its release frees cdev */
	ida_free(&device->chan_ida, id);
	goto free_local;
free_cdev:
	kfree(cdev);
free_local:
	free_percpu(chan->local);
	chan->local = NULL;
	return err;
}

/* Undo dma_chan_setup(); a channel never set up is left alone. */
static void dma_chan_teardown(struct dma_device *device, struct dma_chan *chan)
{
	struct dma_chan_dev *cdev = chan->dev;

	if (!cdev)
		return;
	WRITE_ONCE(cdev->chan, NULL);
	if (chan->slave)
		sysfs_remove_link(&cdev->device.kobj, DMA_SLAVE_LINK);
	chan->dev = NULL;
	device_unregister(&cdev->device);
	ida_free(&device->chan_ida, chan->chan_id);
	free_percpu(chan->local);
	chan->local = NULL;
}

/*
 * Devices kept out of general use from the start: "dmaengine.exclusive="
 * on the command line, device names separated by commas (for a PCI
 * engine, 0000:00:04.0).  They register private, for clients that take
 * a channel for themselves (dmatest, a dedicated user).
 */
static char *dma_exclusive;
module_param_named(exclusive, dma_exclusive, charp, 0444);
MODULE_PARM_DESC(exclusive,
		 "device names, comma-separated, that register private");

#if IS_ENABLED(CONFIG_KUNIT)
/**
 * dma_exclusive_swap() - replace the dmaengine.exclusive list
 * @names: device names, comma-separated, or NULL for none
 *
 * For tests: the list applies to devices registered from now on.
 *
 * Return: the previous list.
 */
char *dma_exclusive_swap(char *names)
{
	return xchg(&dma_exclusive, names);
}
EXPORT_SYMBOL_IF_KUNIT(dma_exclusive_swap);
#endif

static bool dma_device_named_exclusive(struct dma_device *device)
{
	const char *name = dev_name(device->dev), *p = dma_exclusive;
	size_t len = strlen(name);

	while (p && *p) {
		const char *end = strchrnul(p, ',');

		if (end - p == len && !strncmp(p, name, len))
			return true;
		p = *end ? end + 1 : end;
	}
	return false;
}

/**
 * dma_async_device_register() - make a DMA device available
 * @device: the device, with its channels on @device->channels
 *
 * The device is checked first: every capability in its mask needs its
 * prep callback, device_tx_status and device_issue_pending are
 * mandatory, xor needs max_xor of at least 2, pq a max_pq of at least 1,
 * and alignments are at most 256 bytes.  A device with no channels is
 * valid; channels can come later with dma_async_device_channel_register().
 * A device named in the "dmaengine.exclusive=" parameter registers
 * private: no general-purpose client gets its channels.
 *
 * Context: process context; may sleep.
 * Return: 0; -EINVAL for a device that fails the checks (with a message
 * naming what is wrong); -EBUSY if it is registered already; -ENOMEM or
 * another error from the driver core.
 */
int dma_async_device_register(struct dma_device *device)
{
	struct dma_chan *chan;
	bool twice;
	int err;

	if (!device) {
		pr_err("dmaengine: register of a NULL device\n");
		return -EINVAL;
	}
	if (!device->dev) {
		pr_err("dmaengine: register of a device without a struct device\n");
		return -EINVAL;
	}
	err = dma_device_check(device);
	if (err)
		return err;

	scoped_guard(mutex, &dma_list_mutex)
		twice = dma_device_is_registered(device);
	if (twice) {
		dev_err(device->dev, "dmaengine: registered twice\n");
		return -EBUSY;
	}

	device->owner = device->dev->driver ? device->dev->driver->owner : NULL;
	kref_init(&device->ref);
	ida_init(&device->chan_ida);

	err = ida_alloc(&dma_ida, GFP_KERNEL);
	if (err < 0)
		return err;
	device->dev_id = err;

	device->chancnt = 0;
	device->privatecnt = 0;
	list_for_each_entry(chan, &device->channels, device_node) {
		chan->dev = NULL;
		err = dma_chan_setup(device, chan, NULL);
		if (err)
			goto undo;
		device->chancnt++;
	}

	if (dma_device_named_exclusive(device)) {
		dev_info(device->dev, "dmaengine: exclusive use only\n");
		dma_cap_set(DMA_PRIVATE, device->cap_mask);
	}

	mutex_lock(&dma_list_mutex);
	list_add_tail_rcu(&device->global_node, &dma_device_list);
	trace_dmaengine_device_register(device);
	if (dma_device_is_public(device) && dma_general_users) {
		dma_general_take(device);
		dma_rebalance();
	}
	mutex_unlock(&dma_list_mutex);

	dma_debugfs_add_device(device);
	return 0;

undo:
	/* @chan undid its own setup; the ones before it, last first */
	list_for_each_entry_continue_reverse(chan, &device->channels,
					     device_node)
		dma_chan_teardown(device, chan);
	ida_free(&dma_ida, device->dev_id);
	ida_destroy(&device->chan_ida);
	return err;
}
EXPORT_SYMBOL(dma_async_device_register);

/* devres release: unregister the device its driver registered */
static void dma_devres_unregister(struct device *dev, void *res)
{
	dma_async_device_unregister(*(struct dma_device **)res);
}

/**
 * dmaenginem_async_device_register() - register, unregistered with the
 * device's driver
 * @device: the device
 *
 * The devres entry is allocated first, so that a registered device never
 * has to be taken back for want of memory.
 *
 * Context: process context; may sleep.
 * Return: as dma_async_device_register(), or -ENOMEM.
 */
int dmaenginem_async_device_register(struct dma_device *device)
{
	struct dma_device **res;
	int err;

	res = devres_alloc(dma_devres_unregister, sizeof(*res), GFP_KERNEL);
	if (!res)
		return -ENOMEM;
	err = dma_async_device_register(device);
	if (err) {
		devres_free(res);
		return err;
	}
	*res = device;
	devres_add(device->dev, res);
	return 0;
}
EXPORT_SYMBOL(dmaenginem_async_device_register);

/**
 * dma_async_device_unregister() - take a DMA device away
 * @device: a registered device
 *
 * The device leaves the general pool first: the channel table stops
 * naming its channels, and after an RCU grace period their
 * general-purpose references are dropped.  Channels still held
 * exclusively are reported; they keep the device alive until released,
 * and device_release runs when the last reference goes.  Unregistering
 * a device that is not registered is reported and ignored.
 *
 * Context: process context; may sleep.
 */
void dma_async_device_unregister(struct dma_device *device)
{
	struct dma_chan *chan;
	bool was_public;

	if (WARN_ON_ONCE(!device))
		return;

	scoped_guard(mutex, &dma_list_mutex) {
		if (!dma_device_is_registered(device)) {
			WARN_ONCE(1, "dmaengine: unregister of a device not registered\n");
			return;
		}
		trace_dmaengine_device_unregister(device);
		was_public = dma_device_is_public(device);
		dma_cap_set(DMA_PRIVATE, device->cap_mask);
		dma_rebalance();
		list_del_rcu(&device->global_node);
	}

	/* lock-free lookups that may still see the device are done */
	synchronize_rcu();

	scoped_guard(mutex, &dma_list_mutex) {
		if (was_public)
			dma_general_drop(device);
		list_for_each_entry(chan, &device->channels, device_node)
			if (chan->client_count)
				dev_warn(device->dev,
					 "dmaengine: channel %d unregistered while held\n",
					 chan->chan_id);
	}

	/* what register set up, last first */
	dma_debugfs_remove_device(device);
	list_for_each_entry_reverse(chan, &device->channels, device_node)
		dma_chan_teardown(device, chan);
	ida_free(&dma_ida, device->dev_id);
	ida_destroy(&device->chan_ida);

	guard(mutex)(&dma_list_mutex);
	/* give the provider back the mask it registered with */
	if (was_public)
		dma_cap_clear(DMA_PRIVATE, device->cap_mask);
	kref_put(&device->ref, dma_device_release);
}
EXPORT_SYMBOL(dma_async_device_unregister);

/**
 * dma_async_device_channel_register() - add a channel to a device
 * @device: the device, registered or not
 * @chan: the channel, already on @device->channels
 * @name: name of its class device, or NULL for dmaXchanY
 *
 * Context: process context; may sleep.
 * Return: 0, or -errno.
 */
int dma_async_device_channel_register(struct dma_device *device,
				      struct dma_chan *chan, const char *name)
{
	int err;

	if (!device || !chan)
		return -EINVAL;
	chan->dev = NULL;
	err = dma_chan_setup(device, chan, name);
	if (err)
		return err;

	mutex_lock(&dma_list_mutex);
	device->chancnt++;
	if (dma_device_is_registered(device) &&
	    dma_device_is_public(device) && dma_general_users) {
		dma_general_take(device);
		dma_rebalance();
	}
	mutex_unlock(&dma_list_mutex);
	return 0;
}
EXPORT_SYMBOL_GPL(dma_async_device_channel_register);

/**
 * dma_async_device_channel_unregister() - take one channel away
 * @device: its device
 * @chan: the channel; the caller removes it from @device->channels
 *	afterwards
 *
 * Context: process context; may sleep.
 */
void dma_async_device_channel_unregister(struct dma_device *device,
					 struct dma_chan *chan)
{
	if (!device || !chan || !chan->dev)
		return;

	/* out of the table, then let lock-free lookups finish with it */
	scoped_guard(mutex, &dma_list_mutex) {
		WRITE_ONCE(chan->dev->chan, NULL);
		dma_rebalance();
	}
	synchronize_rcu();

	scoped_guard(mutex, &dma_list_mutex) {
		if (dma_device_is_public(device) && chan->client_count)
			dma_chan_put(chan, false);
		WARN_ONCE(chan->client_count,
			  "dmaengine: channel %d unregistered while held\n",
			  chan->chan_id);
		device->chancnt--;
	}
	dma_chan_teardown(device, chan);
}
EXPORT_SYMBOL_GPL(dma_async_device_channel_unregister);

/* ------------------------------------------------------------------ */
/* Descriptors, waiting, dependencies                                 */
/* ------------------------------------------------------------------ */

/**
 * dma_async_tx_descriptor_init() - bind a new descriptor to its channel
 * @tx: the descriptor
 * @chan: the channel it will run on
 *
 * Context: any.
 */
void dma_async_tx_descriptor_init(struct dma_async_tx_descriptor *tx,
				  struct dma_chan *chan)
{
	/* no parent, no dependent yet */
	tx->parent = NULL;
	tx->next = NULL;
	spin_lock_init(&tx->lock);
	tx->chan = chan;
}
EXPORT_SYMBOL(dma_async_tx_descriptor_init);

/**
 * dma_sync_wait() - poll until a transaction finishes
 * @chan: its channel
 * @cookie: its cookie
 *
 * Issues the channel's pending work, then polls the channel for at most
 * five seconds.
 *
 * Context: any context that may spin for that long.
 * Return: the final status; DMA_ERROR if it was still in progress.
 */
enum dma_status dma_sync_wait(struct dma_chan *chan, dma_cookie_t cookie)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(DMA_WAIT_MS);
	enum dma_status status;

	dma_async_issue_pending(chan);
	while ((status = dma_async_is_tx_complete(chan, cookie, NULL, NULL)) ==
	       DMA_IN_PROGRESS) {
		if (time_after(jiffies, deadline)) {
			dev_err(chan->device->dev,
				"dmaengine: channel %d: cookie %d not done after %d ms\n",
				chan->chan_id, cookie, DMA_WAIT_MS);
			return DMA_ERROR;
		}
		dma_wait_relax();
	}
	return status;
}
EXPORT_SYMBOL(dma_sync_wait);

/*
 * Wait, until @deadline, for async_tx to submit a descriptor it parked
 * behind its dependency (cookie -EBUSY); the chain ahead is issued
 * first so that it can complete.
 */
static bool dma_wait_submitted(struct dma_async_tx_descriptor *tx,
			       unsigned long deadline)
{
	if (READ_ONCE(tx->cookie) != -EBUSY)
		return true;
	dma_issue_pending_all();
	do {
		if (time_after(jiffies, deadline))
			return false;
		dma_wait_relax();
	} while (READ_ONCE(tx->cookie) == -EBUSY);
	return true;
}

/**
 * dma_wait_for_async_tx() - wait for a descriptor to finish
 * @tx: the descriptor, or NULL
 *
 * A descriptor still held back for its dependency is first waited for
 * until it is submitted; both waits are bounded as in dma_sync_wait().
 *
 * Context: any context that may spin.
 * Return: DMA_COMPLETE for NULL, else the final status, DMA_ERROR when
 * the wait ran out.
 */
enum dma_status dma_wait_for_async_tx(struct dma_async_tx_descriptor *tx)
{
	if (!tx)
		return DMA_COMPLETE;
	if (dma_wait_submitted(tx, jiffies + msecs_to_jiffies(DMA_WAIT_MS)))
		return dma_sync_wait(tx->chan, tx->cookie);
	dev_err(tx->chan->device->dev,
		"dmaengine: dependency never submitted after %d ms\n",
		DMA_WAIT_MS);
	return DMA_ERROR;
}
EXPORT_SYMBOL_GPL(dma_wait_for_async_tx);

/*
 * Detach @dep from its parent.  Return the dependent chained behind it if
 * that one runs on the same channel, unlinked so it can be submitted now;
 * one on another channel stays linked and goes when @dep completes.
 * The links are taken with interrupts off: some providers complete
 * descriptors from their interrupt handler.
 */
static struct dma_async_tx_descriptor *
dma_dep_detach(struct dma_async_tx_descriptor *dep)
{
	struct dma_async_tx_descriptor *next;
	unsigned long flags;

	spin_lock_irqsave(&dep->lock, flags);
	txd_clear_parent(dep);
	next = txd_next(dep);
	if (next && next->chan == dep->chan)
		txd_clear_next(dep);
	else
		next = NULL;
	spin_unlock_irqrestore(&dep->lock, flags);
	return next;
}

/**
 * dma_run_dependencies() - submit what waited for a completed descriptor
 * @tx: the descriptor that completed
 *
 * Providers call it from their completion path, and async_tx from its
 * own completion handler; whichever comes first takes the dependent, the
 * other finds none.  The dependent chained behind @tx is submitted, with
 * the ones behind it that run on the same channel, and that channel is
 * issued.  A dependent on another channel waits, still chained, for its
 * own parent to complete.
 *
 * Context: any; the providers' completion path, never under the
 * registry's lock.
 */
void dma_run_dependencies(struct dma_async_tx_descriptor *tx)
{
	struct dma_async_tx_descriptor *dep;
	struct dma_chan *chan;
	unsigned long flags;

	/*
	 * Providers call it right after a client's callback: neither may
	 * run under the registry's lock (an interrupted task may hold it).
	 * Said once: a provider that does it does it at every release.
	 */
	if (!in_interrupt())
		lockdep_assert_once(lockdep_is_held(&dma_list_mutex) !=
				    LOCK_STATE_HELD);
	spin_lock_irqsave(&tx->lock, flags);
	dep = txd_next(tx);
	txd_clear_next(tx);
	spin_unlock_irqrestore(&tx->lock, flags);
	if (!dep)
		return;
	/* a submitted descriptor may complete and be recycled at once */
	chan = dep->chan;
	while (dep) {
		struct dma_async_tx_descriptor *same_chan = dma_dep_detach(dep);

		dep->tx_submit(dep);
		dep = same_chan;
	}
	dma_async_issue_pending(chan);
}
EXPORT_SYMBOL_GPL(dma_run_dependencies);

/* ------------------------------------------------------------------ */
/* Descriptor metadata                                                */
/* ------------------------------------------------------------------ */

/*
 * The provider's metadata operations for @desc used in @mode, fixing the
 * mode on first use: a descriptor serves one mode only.
 */
static struct dma_descriptor_metadata_ops *
dma_desc_metadata_ops(struct dma_async_tx_descriptor *desc,
		      enum dma_desc_metadata_mode mode)
{
	if (!desc)
		return ERR_PTR(-EINVAL);
	if (desc->desc_metadata_mode && desc->desc_metadata_mode != mode)
		return ERR_PTR(-EINVAL);
	if (!desc->desc_metadata_mode) {
		if (!dmaengine_is_metadata_mode_supported(desc->chan, mode))
			return ERR_PTR(-ENOTSUPP);
		desc->desc_metadata_mode = mode;
	}
	return desc->metadata_ops ?: ERR_PTR(-ENOTSUPP);
}

/**
 * dmaengine_desc_attach_metadata() - attach a client metadata buffer
 * @desc: the descriptor
 * @data: the buffer
 * @len: its length
 *
 * Context: as the provider's attach callback.
 * Return: 0; -EINVAL without @desc or after engine-mode use; -ENOTSUPP
 * when the channel or provider does not support it.
 */
int dmaengine_desc_attach_metadata(struct dma_async_tx_descriptor *desc,
				   void *data, size_t len)
{
	struct dma_descriptor_metadata_ops *ops =
		dma_desc_metadata_ops(desc, DESC_METADATA_CLIENT);

	if (IS_ERR(ops))
		return PTR_ERR(ops);
	return ops->attach ? ops->attach(desc, data, len) : -ENOTSUPP;
}
EXPORT_SYMBOL_GPL(dmaengine_desc_attach_metadata);

/**
 * dmaengine_desc_get_metadata_ptr() - borrow the engine's metadata buffer
 * @desc: the descriptor
 * @payload_len: set to the payload length in the buffer
 * @max_len: set to the buffer's size
 *
 * Context: as the provider's get_ptr callback.
 * Return: the buffer, or an ERR_PTR as for
 * dmaengine_desc_attach_metadata().
 */
void *dmaengine_desc_get_metadata_ptr(struct dma_async_tx_descriptor *desc,
				      size_t *payload_len, size_t *max_len)
{
	struct dma_descriptor_metadata_ops *ops =
		dma_desc_metadata_ops(desc, DESC_METADATA_ENGINE);

	if (IS_ERR(ops))
		return ops;
	if (!ops->get_ptr)
		return ERR_PTR(-ENOTSUPP);
	return ops->get_ptr(desc, payload_len, max_len);
}
EXPORT_SYMBOL_GPL(dmaengine_desc_get_metadata_ptr);

/**
 * dmaengine_desc_set_metadata_len() - set the payload length written into
 * the engine's metadata buffer
 * @desc: the descriptor
 * @payload_len: the length
 *
 * Context: as the provider's set_len callback.
 * Return: 0, or -errno as for dmaengine_desc_attach_metadata().
 */
int dmaengine_desc_set_metadata_len(struct dma_async_tx_descriptor *desc,
				    size_t payload_len)
{
	struct dma_descriptor_metadata_ops *ops =
		dma_desc_metadata_ops(desc, DESC_METADATA_ENGINE);

	if (IS_ERR(ops))
		return PTR_ERR(ops);
	return ops->set_len ? ops->set_len(desc, payload_len) : -ENOTSUPP;
}
EXPORT_SYMBOL_GPL(dmaengine_desc_set_metadata_len);

/* ------------------------------------------------------------------ */
/* Unmap data                                                         */
/* ------------------------------------------------------------------ */

/*
 * Unmap data comes from mempools of a few sizes, so that a descriptor's
 * mappings can be tracked even under memory pressure.  The largest size
 * covers a raid6 operation over the most disks md supports.
 */
struct dma_unmap_pool {
	unsigned int slots;
	const char *name;	/* the slab keeps the pointer: a literal */
	struct kmem_cache *cache;
	mempool_t *pool;
};

static struct dma_unmap_pool dma_unmap_pools[] = {
	{ .slots = 2, .name = "dmaengine-unmap-2" },
	{ .slots = 16, .name = "dmaengine-unmap-16" },
	{ .slots = 128, .name = "dmaengine-unmap-128" },
#if IS_ENABLED(CONFIG_DMA_ENGINE_RAID)
	{ .slots = 256, .name = "dmaengine-unmap-256" },
#endif
};

static struct dma_unmap_pool *dma_unmap_pool_for(int nr)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(dma_unmap_pools); i++)
		if (nr <= dma_unmap_pools[i].slots)
			return &dma_unmap_pools[i];
	return NULL;
}

static void dma_unmap_range(struct dmaengine_unmap_data *unmap, int first,
			    int count, enum dma_data_direction dir)
{
	int i;

	for (i = first; i < first + count; i++)
		if (unmap->addr[i])
			dma_unmap_page(unmap->dev, unmap->addr[i], unmap->len,
				       dir);
}

static void dma_unmap_release(struct kref *kref)
{
	struct dmaengine_unmap_data *unmap =
		container_of(kref, struct dmaengine_unmap_data, kref);
	int from = unmap->to_cnt;
	int bidi = from + unmap->from_cnt;

	if (unmap->dev) {
		dma_unmap_range(unmap, 0, unmap->to_cnt, DMA_TO_DEVICE);
		dma_unmap_range(unmap, from, unmap->from_cnt, DMA_FROM_DEVICE);
		dma_unmap_range(unmap, bidi, unmap->bidi_cnt,
				DMA_BIDIRECTIONAL);
	}
	if (unmap->release)
		unmap->release(unmap);
	else
		mempool_free(unmap, dma_unmap_pool_for(unmap->map_cnt)->pool);
}

/**
 * dmaengine_unmap_put() - drop a reference on unmap data
 * @unmap: the unmap data, or NULL
 *
 * The last reference unmaps every non-zero address, each in the direction
 * given by the to/from/bidi counts, and frees the data.
 *
 * Context: any.
 */
void dmaengine_unmap_put(struct dmaengine_unmap_data *unmap)
{
	if (unmap)
		kref_put(&unmap->kref, dma_unmap_release);
}
EXPORT_SYMBOL_GPL(dmaengine_unmap_put);

/**
 * dmaengine_init_unmap_data() - set up unmap data its user allocated
 * @unmap: room for the data and @nr addresses, inside the user's record
 * @dev: the device the pages are mapped for
 * @nr: how many addresses it holds
 * @release: called when the last reference is gone, after the unmapping
 *
 * For a client that keeps the mappings of an operation in the record it
 * allocates for the operation anyway, rather than in a second allocation
 * from dmaengine_get_unmap_data().  The counts start at zero and the
 * creator holds one reference; @unmap->addr is not cleared, so an entry
 * must be written before a count that covers it is raised.
 *
 * Context: any.
 */
void dmaengine_init_unmap_data(struct dmaengine_unmap_data *unmap,
			       struct device *dev, int nr,
			       void (*release)(struct dmaengine_unmap_data *unmap))
{
	unmap->map_cnt = nr;
	unmap->to_cnt = 0;
	unmap->from_cnt = 0;
	unmap->bidi_cnt = 0;
	unmap->dev = dev;
	kref_init(&unmap->kref);
	unmap->release = release;
	unmap->len = 0;
}
EXPORT_SYMBOL_GPL(dmaengine_init_unmap_data);

/**
 * dmaengine_get_unmap_data() - get unmap data for @nr mappings
 * @dev: the device the pages are mapped for
 * @nr: how many addresses it must hold
 * @flags: allocation flags
 *
 * Context: as @flags allow.
 * Return: zeroed unmap data holding one reference, or NULL when @nr is
 * larger than the largest pool or memory is short.
 */
struct dmaengine_unmap_data *
dmaengine_get_unmap_data(struct device *dev, int nr, gfp_t flags)
{
	struct dma_unmap_pool *p = nr > 0 ? dma_unmap_pool_for(nr) : NULL;
	struct dmaengine_unmap_data *unmap;

	if (!p || !p->pool)
		return NULL;
	unmap = mempool_alloc(p->pool, flags);
	if (unmap) {
		dmaengine_init_unmap_data(unmap, dev, nr, NULL);
		memset(unmap->addr, 0, p->slots * sizeof(unmap->addr[0]));
	}
	return unmap;
}
EXPORT_SYMBOL(dmaengine_get_unmap_data);

static void dma_unmap_pools_destroy(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(dma_unmap_pools); i++) {
		mempool_destroy(dma_unmap_pools[i].pool);
		dma_unmap_pools[i].pool = NULL;
		kmem_cache_destroy(dma_unmap_pools[i].cache);
		dma_unmap_pools[i].cache = NULL;
	}
}

static int __init dma_unmap_pools_create(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(dma_unmap_pools); i++) {
		struct dma_unmap_pool *p = &dma_unmap_pools[i];

		p->cache = kmem_cache_create(p->name,
					     struct_size_t(struct dmaengine_unmap_data,
							   addr, p->slots),
					     0, SLAB_HWCACHE_ALIGN, NULL);
		if (!p->cache)
			goto fail;
		p->pool = mempool_create_slab_pool(1, p->cache);
		if (!p->pool)
			goto fail;
	}
	return 0;

fail:
	dma_unmap_pools_destroy();
	return -ENOMEM;
}

static int __init dma_core_init(void)
{
	int err;

	err = dma_unmap_pools_create();
	if (err)
		return err;
	err = class_register(&dma_devclass);
	if (err) {
		dma_unmap_pools_destroy();
		return err;
	}
	dma_debugfs_init();
	return 0;
}
arch_initcall(dma_core_init);
