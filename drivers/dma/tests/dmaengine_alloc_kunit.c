// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the dmaengine core's channel allocation: the
 * general-purpose allocator (dmaengine_get(), dma_find_channel()) and
 * the exclusive one (dma_request_channel() and its filter, slave maps).
 */

#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>

#include "../dmaengine.h"
#include "dmaengine_test.h"

/* Filters run under a mutex: they may sleep. */
static bool filter_this_device_slowly(struct dma_chan *chan, void *param)
{
	usleep_range(1000, 2000);
	return chan->device == param;
}

/* A slave map's filter: the parameter names the channel. */
static bool filter_this_chan(struct dma_chan *chan, void *param)
{
	return chan == param;
}

/* ---- the general-purpose allocator ---- */

static void find_channel_skips_private(struct kunit *test)
{
	struct dma_fx *priv = dmt_fake_create(test, 2, true);
	struct dma_chan *chan;

	dma_fx_register(test, priv);
	dmt_client_get(test);

	chan = dma_find_channel(DMA_MEMCPY);
	KUNIT_EXPECT_FALSE(test, chan_of(chan, priv));
	KUNIT_EXPECT_EQ(test, priv->chans[0].chan.client_count, 0);
	KUNIT_EXPECT_EQ(test, priv->chans[1].chan.client_count, 0);
	KUNIT_EXPECT_EQ(test, priv->chans[0].alloc_calls, 0);
}

/* ---- exclusive channels ---- */

struct filter_probe {
	struct dma_device *dma;
	int calls;
	int accept_at;		/* accept the Nth call; 0 accepts none */
};

static bool filter_nth(struct dma_chan *chan, void *param)
{
	struct filter_probe *p = param;

	if (chan->device != p->dma)
		return false;
	return ++p->calls == p->accept_at;
}

static void request_without_filter(struct kunit *test)
{
	struct dma_fx *fd = dmt_fake_create(test, 1, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = dmt_request_memcpy(NULL, NULL);
	KUNIT_ASSERT_NOT_NULL(test, chan);
	dmt_hold_chan(test, chan);
	KUNIT_EXPECT_TRUE(test, dma_has_cap(DMA_MEMCPY, chan->device->cap_mask));
	KUNIT_EXPECT_EQ(test, chan->client_count, 1);
}

static const int nth_cases[] = { 1, 2, 3 };

static void nth_desc(const int *n, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "filter accepts candidate %d", *n);
}

KUNIT_ARRAY_PARAM(filter_nth, nth_cases, nth_desc);

/*
 * A public device named in dmaengine.exclusive= registers private: the
 * general-purpose clients never get it, an exclusive client does.
 */
static void exclusive_parameter_keeps_device_private(struct kunit *test)
{
	struct dma_fx *named = dmt_fake_create(test, 2, false);
	struct dma_fx *other = dmt_fake_create(test, 1, false);
	struct dma_chan *chan;
	char list[80], *old;

	snprintf(list, sizeof(list), "none,%s,none.1",
		 dev_name(named->dma.dev));
	dmt_client_get(test);
	old = dma_exclusive_swap(list);
	dma_fx_register(test, named);
	dma_fx_register(test, other);
	dma_exclusive_swap(old);

	KUNIT_EXPECT_TRUE(test, dma_has_cap(DMA_PRIVATE, named->dma.cap_mask));
	KUNIT_EXPECT_FALSE(test, dma_has_cap(DMA_PRIVATE, other->dma.cap_mask));
	KUNIT_EXPECT_EQ(test, named->chans[0].chan.client_count, 0);
	KUNIT_EXPECT_EQ(test, named->chans[1].chan.client_count, 0);
	KUNIT_EXPECT_EQ(test, other->chans[0].chan.client_count, 1);
	KUNIT_EXPECT_PTR_EQ(test, dma_find_channel(DMA_MEMCPY),
			    &other->chans[0].chan);

	chan = dmt_take_chan(test, named);
	dmt_hold_chan(test, chan);
	KUNIT_EXPECT_EQ(test, chan->client_count, 1);
}

static void request_filter_accepts_nth(struct kunit *test)
{
	const int *n = test->param_value;
	struct dma_fx *fd = dmt_fake_create(test, 3, true);
	struct filter_probe probe = { .dma = &fd->dma, .accept_at = *n };
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = dmt_request_memcpy(filter_nth, &probe);
	KUNIT_ASSERT_NOT_NULL(test, chan);
	dmt_hold_chan(test, chan);
	KUNIT_EXPECT_PTR_EQ(test, chan, &fd->chans[*n - 1].chan);
	KUNIT_EXPECT_EQ(test, probe.calls, *n);
	KUNIT_EXPECT_EQ(test, chan->client_count, 1);
	KUNIT_EXPECT_EQ(test, fd->chans[*n - 1].alloc_calls, 1);
}

static void request_with_sleeping_filter(struct kunit *test)
{
	struct dma_fx *fd = dmt_fake_create(test, 2, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = dmt_request_memcpy(filter_this_device_slowly, &fd->dma);
	KUNIT_ASSERT_NOT_NULL(test, chan);
	dmt_hold_chan(test, chan);
	KUNIT_EXPECT_PTR_EQ(test, chan, &fd->chans[0].chan);
}

static void request_chan_by_slave_map(struct kunit *test)
{
	struct dma_fx *fd = dmt_fake_create(test, 2, true);
	struct device *client = dmt_client_device(test);
	struct dma_slave_map *map;
	struct dma_chan *chan;
	struct kernfs_node *link;

	map = kunit_kzalloc(test, sizeof(*map), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, map);
	map->devname = dev_name(client);
	map->slave = "rx";
	map->param = &fd->chans[1].chan;
	dma_cap_set(DMA_SLAVE, fd->dma.cap_mask);
	fd->dma.filter.map = map;
	fd->dma.filter.mapcnt = 1;
	fd->dma.filter.fn = filter_this_chan;
	dma_fx_register(test, fd);

	chan = dma_request_chan(client, "rx");
	KUNIT_ASSERT_FALSE(test, IS_ERR(chan));
	KUNIT_EXPECT_PTR_EQ(test, chan, &fd->chans[1].chan);
	KUNIT_EXPECT_STREQ(test, chan->name, "dma:rx");
	KUNIT_EXPECT_PTR_EQ(test, chan->slave, client);
	link = sysfs_get_dirent(client->kobj.sd, "dma:rx");
	KUNIT_EXPECT_NOT_NULL(test, link);
	sysfs_put(link);

	/* a name no map knows: its provider may come later */
	KUNIT_EXPECT_EQ(test, PTR_ERR(dma_request_chan(client, "tx")),
			-EPROBE_DEFER);

	dma_release_channel(chan);
	KUNIT_EXPECT_NULL(test, chan->name);
	KUNIT_EXPECT_NULL(test, chan->slave);
	link = sysfs_get_dirent(client->kobj.sd, "dma:rx");
	KUNIT_EXPECT_NULL(test, link);
	sysfs_put(link);
}

static void request_filter_rejects_all(struct kunit *test)
{
	struct dma_fx *fd = dmt_fake_create(test, 3, true);
	struct filter_probe probe = { .dma = &fd->dma, .accept_at = 0 };
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = dmt_request_memcpy(filter_nth, &probe);
	KUNIT_EXPECT_NULL(test, chan);
	if (chan)
		dma_release_channel(chan);
	/* asked once about every free channel, and nothing was allocated */
	KUNIT_EXPECT_EQ(test, probe.calls, 3);
	KUNIT_EXPECT_EQ(test, fd->chans[0].alloc_calls, 0);
}

static void request_is_exclusive_until_released(struct kunit *test)
{
	struct dma_fx *fd = dmt_fake_create(test, 2, true);
	struct dma_chan *a, *b, *c;

	dma_fx_register(test, fd);
	a = dmt_request_memcpy(dmt_filter_device, &fd->dma);
	KUNIT_ASSERT_NOT_NULL(test, a);
	b = dmt_request_memcpy(dmt_filter_device, &fd->dma);
	KUNIT_ASSERT_NOT_NULL(test, b);
	dmt_hold_chan(test, b);
	KUNIT_EXPECT_PTR_NE(test, a, b);

	/* both taken: a third request finds nothing */
	c = dmt_request_memcpy(dmt_filter_device, &fd->dma);
	KUNIT_EXPECT_NULL(test, c);
	if (c)
		dma_release_channel(c);

	dma_release_channel(a);
	KUNIT_EXPECT_EQ(test, a->client_count, 0);
	KUNIT_EXPECT_EQ(test, to_fake_chan(a)->free_calls, 1);

	c = dmt_request_memcpy(dmt_filter_device, &fd->dma);
	KUNIT_ASSERT_PTR_EQ(test, c, a);
	dmt_hold_chan(test, c);
	KUNIT_EXPECT_EQ(test, to_fake_chan(a)->alloc_calls, 2);
}

static void private_device_stays_private(struct kunit *test)
{
	struct dma_fx *fd = dmt_fake_create(test, 1, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = dmt_take_chan(test, fd);
	dma_release_channel(chan);

	KUNIT_EXPECT_TRUE(test, dma_has_cap(DMA_PRIVATE, fd->dma.cap_mask));
	dmt_client_get(test);
	KUNIT_EXPECT_EQ(test, fd->chans[0].chan.client_count, 0);
	KUNIT_EXPECT_FALSE(test, chan_of(dma_find_channel(DMA_MEMCPY), fd));
}

/* ---- the general-purpose allocator and public devices ---- */

struct cpu_probe {
	enum dma_transaction_type type;
};

static long find_on_cpu(void *arg)
{
	struct cpu_probe *probe = arg;

	return (long)dma_find_channel(probe->type);
}

static void general_holds_every_public_channel(struct kunit *test)
{
	struct dma_fx *fd = dmt_fake_create(test, 2, false);
	struct dma_chan *chan;
	unsigned int i;

	dmt_client_get(test);
	dma_fx_register(test, fd);

	chan = dma_find_channel(DMA_MEMCPY);
	KUNIT_ASSERT_NOT_NULL(test, chan);
	KUNIT_EXPECT_TRUE(test, dma_has_cap(DMA_MEMCPY, chan->device->cap_mask));
	KUNIT_EXPECT_FALSE(test,
			   dma_has_cap(DMA_PRIVATE, chan->device->cap_mask));
	for (i = 0; i < fd->nr_chans; i++) {
		KUNIT_EXPECT_EQ(test, fd->chans[i].chan.client_count, 1);
		KUNIT_EXPECT_EQ(test, fd->chans[i].alloc_calls, 1);
	}
}

static void general_spreads_over_cpus(struct kunit *test)
{
	struct dma_fx *fd = dmt_fake_create(test, DMA_FX_MAX_CHANS, false);
	struct cpu_probe probe = { .type = DMA_MEMSET };
	struct dma_chan *seen[DMA_FX_MAX_CHANS] = { };
	unsigned int distinct = 0, i;
	int cpu;

	/* a capability no other device here has */
	dma_cap_set(DMA_MEMSET, fd->dma.cap_mask);
	dmt_client_get(test);
	dma_fx_register(test, fd);

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		struct dma_chan *chan = (void *)work_on_cpu(cpu, find_on_cpu,
							    &probe);

		KUNIT_EXPECT_TRUE(test, chan_of(chan, fd));
		for (i = 0; i < distinct && seen[i] != chan; i++)
			;
		if (i == distinct && distinct < DMA_FX_MAX_CHANS)
			seen[distinct++] = chan;
	}
	/* every CPU has a channel; no channel serves two while one idles */
	KUNIT_EXPECT_EQ(test, distinct,
			min_t(unsigned int, num_online_cpus(), DMA_FX_MAX_CHANS));
	cpus_read_unlock();
}

static void general_follows_devices(struct kunit *test)
{
	struct dma_fx *plain = dmt_fake_create(test, 1, false);
	struct dma_fx *xor = dmt_fake_create(test, 2, false);
	struct dma_chan *chan;

	dma_cap_set(DMA_XOR, xor->dma.cap_mask);
	xor->dma.max_xor = 4;

	dmt_client_get(test);
	dma_fx_register(test, plain);
	/* no device here can xor */
	KUNIT_EXPECT_NULL(test, dma_find_channel(DMA_XOR));

	/* a device arriving while clients are active joins the table */
	dma_fx_register(test, xor);
	chan = dma_find_channel(DMA_XOR);
	KUNIT_EXPECT_TRUE(test, chan_of(chan, xor));
	KUNIT_EXPECT_EQ(test, xor->chans[0].chan.client_count, 1);

	/* and leaving while they are, it is dropped and freed */
	dma_fx_unregister(xor);
	KUNIT_EXPECT_NULL(test, dma_find_channel(DMA_XOR));
	KUNIT_EXPECT_FALSE(test, chan_of(dma_find_channel(DMA_MEMCPY), xor));
	KUNIT_EXPECT_EQ(test, xor->chans[0].free_calls, 1);
	KUNIT_EXPECT_EQ(test, xor->chans[1].free_calls, 1);
	KUNIT_EXPECT_TRUE(test, xor->released);

	/* the other device is untouched */
	KUNIT_EXPECT_TRUE(test, chan_of(dma_find_channel(DMA_MEMCPY), plain));
	KUNIT_EXPECT_EQ(test, plain->chans[0].chan.client_count, 1);
	KUNIT_EXPECT_EQ(test, plain->chans[0].free_calls, 0);
}

static void general_use_refuses_exclusive(struct kunit *test)
{
	struct dma_fx *fd = dmt_fake_create(test, 2, false);
	struct dma_chan *chan;

	dmt_client_get(test);
	dma_fx_register(test, fd);

	/* all channels of a device are public or all private */
	chan = dmt_request_memcpy(dmt_filter_device, &fd->dma);
	KUNIT_EXPECT_NULL(test, chan);
	if (chan)
		dma_release_channel(chan);
	KUNIT_EXPECT_FALSE(test, dma_has_cap(DMA_PRIVATE, fd->dma.cap_mask));
}

static void restore_general_client(void *unused)
{
	dmaengine_get();
}

static void taken_public_device_stays_private(struct kunit *test)
{
	struct dma_fx *fd = dmt_fake_create(test, 2, false);
	struct dma_chan *chan;

	/*
	 * async_tx holds the only general-purpose reference from boot, and
	 * while it does every public channel is held.  Borrow it for the
	 * length of the test; a KUnit action gives it back.
	 */
	if (IS_ENABLED(CONFIG_ASYNC_TX_DMA)) {
		dmaengine_put();
		KUNIT_ASSERT_EQ(test,
				kunit_add_action_or_reset(test,
							  restore_general_client,
							  NULL),
				0);
	}
	dma_fx_register(test, fd);
	KUNIT_ASSERT_EQ(test, fd->chans[0].chan.client_count, 0);

	chan = dmt_take_chan(test, fd);
	KUNIT_EXPECT_TRUE(test, dma_has_cap(DMA_PRIVATE, fd->dma.cap_mask));
	dma_release_channel(chan);

	/* released, it stays private: a general client does not take it */
	KUNIT_EXPECT_TRUE(test, dma_has_cap(DMA_PRIVATE, fd->dma.cap_mask));
	dmt_client_get(test);
	KUNIT_EXPECT_EQ(test, fd->chans[0].chan.client_count, 0);
	KUNIT_EXPECT_EQ(test, fd->chans[1].chan.client_count, 0);
	KUNIT_EXPECT_FALSE(test, chan_of(dma_find_channel(DMA_MEMCPY), fd));
}

static void unregister_while_held_defers_release(struct kunit *test)
{
	struct dma_fx *fd = dmt_fake_create(test, 2, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = dmt_take_chan(test, fd);

	kunit_info(test, "a warning about a held channel follows\n");
	dma_fx_unregister(fd);
	/* the holder keeps the device alive, its channel allocated */
	KUNIT_EXPECT_FALSE(test, fd->released);
	KUNIT_EXPECT_EQ(test, to_fake_chan(chan)->free_calls, 0);

	dma_release_channel(chan);
	KUNIT_EXPECT_EQ(test, to_fake_chan(chan)->free_calls, 1);
	KUNIT_EXPECT_TRUE(test, fd->released);
}

static struct kunit_case dmaengine_alloc_cases[] = {
	KUNIT_CASE(general_holds_every_public_channel),
	KUNIT_CASE(general_spreads_over_cpus),
	KUNIT_CASE(general_follows_devices),
	KUNIT_CASE(general_use_refuses_exclusive),
	KUNIT_CASE(taken_public_device_stays_private),
	KUNIT_CASE(unregister_while_held_defers_release),
	KUNIT_CASE(find_channel_skips_private),
	KUNIT_CASE(exclusive_parameter_keeps_device_private),
	KUNIT_CASE(request_without_filter),
	KUNIT_CASE_PARAM(request_filter_accepts_nth, filter_nth_gen_params),
	KUNIT_CASE(request_filter_rejects_all),
	KUNIT_CASE(request_with_sleeping_filter),
	KUNIT_CASE(request_chan_by_slave_map),
	KUNIT_CASE(request_is_exclusive_until_released),
	KUNIT_CASE(private_device_stays_private),
	{}
};

static struct kunit_suite dmaengine_alloc_suite = {
	.name = "dmaengine_alloc",
	.test_cases = dmaengine_alloc_cases,
};

kunit_test_suite(dmaengine_alloc_suite);
