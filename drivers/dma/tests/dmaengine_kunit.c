// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the dmaengine core.
 *
 * Each test registers one or more providers and drives the core through
 * its public API: device registration and the checks it makes, the
 * general-purpose allocator (dmaengine_get(), dma_find_channel()), the
 * exclusive allocator (dma_request_channel() and its filter), and cookie,
 * status and completion handling.
 *
 * The providers are fx test engines (include/linux/dma/test_engine.h),
 * the async_tx suites' engine too: they complete issued descriptors in
 * submission order from a work item, so callbacks run outside the
 * submitter's context as they would after a real interrupt.  Here they
 * move no data: these tests are about the core's bookkeeping.
 */

#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpu.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/dma/test_engine.h>
#include <linux/dmaengine.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sysfs.h>
#include <linux/workqueue.h>

#include "../dmaengine.h"

#define WAIT_TIMEOUT	(5 * HZ)

/*
 * The providers are fx engines (include/linux/dma/test_engine.h) that
 * move no data: these tests prepare copies of addresses that map
 * nothing.  Made unregistered, so that a test can spoil one first.
 */
static const struct dma_fx_profile fake_public = {
	.name = "fake", .caps = BIT(DMA_MEMCPY), .descs = 32, .dataless = true,
};

static const struct dma_fx_profile fake_private = {
	.name = "fake-private", .caps = BIT(DMA_MEMCPY) | BIT(DMA_PRIVATE),
	.descs = 32, .dataless = true,
};

static struct dma_fx *fake_dma_create(struct kunit *test, unsigned int nr,
				      bool private)
{
	return dma_fx_init(test, private ? &fake_private : &fake_public, nr);
}

static struct dma_fx_chan *to_fake_chan(struct dma_chan *chan)
{
	return container_of(chan, struct dma_fx_chan, chan);
}

/* A device of its own for a client, with a KUnit driver of a unique name. */
static struct device *fake_parent(struct kunit *test)
{
	static atomic_t instances = ATOMIC_INIT(0);
	struct device *dev;
	char name[32];

	snprintf(name, sizeof(name), "dmaengine-client-%d",
		 atomic_inc_return(&instances));
	dev = kunit_device_register(test, name);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	return dev;
}

static bool chan_of(struct dma_chan *chan, struct dma_fx *fd)
{
	return chan && chan->device == &fd->dma;
}

/* ---- registration ---- */

static void register_accepts_good_device(struct kunit *test)
{
	struct dma_fx *fd = fake_dma_create(test, 3, true);
	struct dma_chan *chan;
	char name[32];
	int i = 0;

	dma_fx_register(test, fd);

	KUNIT_EXPECT_EQ(test, fd->dma.chancnt, 3);
	list_for_each_entry(chan, &fd->dma.channels, device_node) {
		KUNIT_EXPECT_PTR_EQ(test, chan, &fd->chans[i].chan);
		KUNIT_EXPECT_EQ(test, chan->chan_id, i);
		KUNIT_ASSERT_NOT_NULL(test, chan->dev);
		snprintf(name, sizeof(name), "dma%dchan%d", fd->dma.dev_id, i);
		KUNIT_EXPECT_STREQ(test, dma_chan_name(chan), name);
		/* nobody holds it yet: no resources allocated */
		KUNIT_EXPECT_EQ(test, chan->client_count, 0);
		KUNIT_EXPECT_EQ(test, fd->chans[i].alloc_calls, 0);
		i++;
	}
	KUNIT_EXPECT_EQ(test, i, 3);
}

static void register_gives_distinct_ids(struct kunit *test)
{
	struct dma_fx *a = fake_dma_create(test, 1, true);
	struct dma_fx *b = fake_dma_create(test, 1, true);

	dma_fx_register(test, a);
	dma_fx_register(test, b);
	KUNIT_EXPECT_NE(test, a->dma.dev_id, b->dma.dev_id);
	KUNIT_EXPECT_STRNEQ(test, dma_chan_name(&a->chans[0].chan),
			    dma_chan_name(&b->chans[0].chan));

	/* an id is free for reuse once its device is gone */
	dma_fx_unregister(a);
	dma_fx_unregister(b);
	a = fake_dma_create(test, 1, true);
	dma_fx_register(test, a);
	KUNIT_EXPECT_EQ(test, a->dma.chancnt, 1);
}

struct bad_device_case {
	const char *desc;
	void (*spoil)(struct dma_fx *fd);
};

static void spoil_no_parent(struct dma_fx *fd)
{
	fd->dma.dev = NULL;
}

static void spoil_no_tx_status(struct dma_fx *fd)
{
	fd->dma.device_tx_status = NULL;
}

static void spoil_no_issue_pending(struct dma_fx *fd)
{
	fd->dma.device_issue_pending = NULL;
}

static void spoil_memcpy_without_prep(struct dma_fx *fd)
{
	fd->dma.device_prep_dma_memcpy = NULL;
}

static void spoil_xor_without_prep(struct dma_fx *fd)
{
	dma_cap_set(DMA_XOR, fd->dma.cap_mask);
	fd->dma.device_prep_dma_xor = NULL;
	fd->dma.max_xor = 4;
}

static void spoil_pq_without_prep(struct dma_fx *fd)
{
	dma_cap_set(DMA_PQ, fd->dma.cap_mask);
	fd->dma.device_prep_dma_pq = NULL;
	dma_set_maxpq(&fd->dma, 4, 0);
}

static void spoil_xor_one_source(struct dma_fx *fd)
{
	dma_cap_set(DMA_XOR, fd->dma.cap_mask);
	fd->dma.max_xor = 1;
}

static void spoil_pq_no_sources(struct dma_fx *fd)
{
	dma_cap_set(DMA_PQ, fd->dma.cap_mask);
	dma_set_maxpq(&fd->dma, 0, 1);
}

static void spoil_alignment(struct dma_fx *fd)
{
	fd->dma.copy_align = DMAENGINE_ALIGN_256_BYTES + 1;
}

static const struct bad_device_case bad_device_cases[] = {
	{ "no parent struct device", spoil_no_parent },
	{ "no device_tx_status", spoil_no_tx_status },
	{ "no device_issue_pending", spoil_no_issue_pending },
	{ "DMA_MEMCPY without its prep", spoil_memcpy_without_prep },
	{ "DMA_XOR without its prep", spoil_xor_without_prep },
	{ "DMA_PQ without its prep", spoil_pq_without_prep },
	{ "xor with max_xor 1", spoil_xor_one_source },
	{ "pq with max_pq 0", spoil_pq_no_sources },
	{ "alignment beyond 256 bytes", spoil_alignment },
};

KUNIT_ARRAY_PARAM_DESC(bad_device, bad_device_cases, desc);

static bool filter_this_device(struct dma_chan *chan, void *param)
{
	return chan->device == param;
}

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

static struct dma_chan *request_memcpy(dma_filter_fn fn, void *param)
{
	dma_cap_mask_t mask;

	dma_cap_zero(mask);
	dma_cap_set(DMA_MEMCPY, mask);
	return dma_request_channel(mask, fn, param);
}

/* Take a channel of @fd for this test; the test stops if none is given. */
static struct dma_chan *take_chan(struct kunit *test, struct dma_fx *fd)
{
	struct dma_chan *chan = request_memcpy(filter_this_device, &fd->dma);

	KUNIT_ASSERT_NOT_NULL(test, chan);
	return chan;
}

static void register_rejects_bad_device(struct kunit *test)
{
	const struct bad_device_case *c = test->param_value;
	struct dma_fx *fd = fake_dma_create(test, 2, true);
	struct dma_chan *chan;
	dma_cap_mask_t mask;
	int ret;

	c->spoil(fd);
	ret = dma_async_device_register(&fd->dma);
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
	if (!ret) {
		fd->registered = true;
		dma_fx_unregister(fd);
		return;
	}

	/* a refused device must not be handed out */
	dma_cap_zero(mask);
	dma_cap_set(DMA_MEMCPY, mask);
	chan = dma_request_channel(mask, filter_this_device, &fd->dma);
	KUNIT_EXPECT_NULL(test, chan);
	if (chan)
		dma_release_channel(chan);
}

static void register_rejects_null_device(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, dma_async_device_register(NULL), -EINVAL);
}

static void register_twice_is_refused(struct kunit *test)
{
	struct dma_fx *fd = fake_dma_create(test, 2, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	KUNIT_EXPECT_EQ(test, dma_async_device_register(&fd->dma), -EBUSY);

	/* the first registration is intact */
	KUNIT_EXPECT_EQ(test, fd->dma.chancnt, 2);
	chan = take_chan(test, fd);
	dma_release_channel(chan);
	KUNIT_EXPECT_EQ(test, fd->chans[0].free_calls, 1);
}

static void unregister_unknown_device_is_ignored(struct kunit *test)
{
	struct dma_fx *stranger = fake_dma_create(test, 1, true);
	struct dma_fx *fd = fake_dma_create(test, 1, true);

	dma_fx_register(test, fd);
	kunit_info(test, "a warning about an unregistered device follows\n");
	dma_async_device_unregister(&stranger->dma);
	KUNIT_EXPECT_FALSE(test, stranger->released);

	/* the registry is unharmed */
	KUNIT_EXPECT_FALSE(test, fd->released);
	dma_fx_unregister(fd);
	KUNIT_EXPECT_TRUE(test, fd->released);
}

static void release_of_unheld_channel_is_ignored(struct kunit *test)
{
	struct dma_fx *fd = fake_dma_create(test, 1, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = take_chan(test, fd);
	dma_release_channel(chan);
	KUNIT_EXPECT_EQ(test, fd->chans[0].free_calls, 1);

	kunit_info(test, "a warning about a channel not held follows\n");
	dma_release_channel(chan);
	KUNIT_EXPECT_EQ(test, chan->client_count, 0);
	KUNIT_EXPECT_EQ(test, fd->chans[0].free_calls, 1);

	/* and it can still be requested */
	chan = request_memcpy(filter_this_device, &fd->dma);
	KUNIT_ASSERT_PTR_EQ(test, chan, &fd->chans[0].chan);
	dma_release_channel(chan);
}

/* ---- the general-purpose allocator ---- */

static void dmaengine_put_action(void *unused)
{
	dmaengine_put();
}

static void client_get(struct kunit *test)
{
	dmaengine_get();
	KUNIT_ASSERT_EQ(test,
			kunit_add_action_or_reset(test, dmaengine_put_action,
						  NULL),
			0);
}

static void find_channel_skips_private(struct kunit *test)
{
	struct dma_fx *priv = fake_dma_create(test, 2, true);
	struct dma_chan *chan;

	dma_fx_register(test, priv);
	client_get(test);

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

static void release_chan_action(void *chan)
{
	dma_release_channel(chan);
}

static void hold_chan(struct kunit *test, struct dma_chan *chan)
{
	KUNIT_ASSERT_EQ(test,
			kunit_add_action_or_reset(test, release_chan_action,
						  chan),
			0);
}

static void request_without_filter(struct kunit *test)
{
	struct dma_fx *fd = fake_dma_create(test, 1, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = request_memcpy(NULL, NULL);
	KUNIT_ASSERT_NOT_NULL(test, chan);
	hold_chan(test, chan);
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
	struct dma_fx *named = fake_dma_create(test, 2, false);
	struct dma_fx *other = fake_dma_create(test, 1, false);
	struct dma_chan *chan;
	char list[80], *old;

	snprintf(list, sizeof(list), "none,%s,none.1",
		 dev_name(named->dma.dev));
	client_get(test);
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

	chan = take_chan(test, named);
	hold_chan(test, chan);
	KUNIT_EXPECT_EQ(test, chan->client_count, 1);
}

static void request_filter_accepts_nth(struct kunit *test)
{
	const int *n = test->param_value;
	struct dma_fx *fd = fake_dma_create(test, 3, true);
	struct filter_probe probe = { .dma = &fd->dma, .accept_at = *n };
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = request_memcpy(filter_nth, &probe);
	KUNIT_ASSERT_NOT_NULL(test, chan);
	hold_chan(test, chan);
	KUNIT_EXPECT_PTR_EQ(test, chan, &fd->chans[*n - 1].chan);
	KUNIT_EXPECT_EQ(test, probe.calls, *n);
	KUNIT_EXPECT_EQ(test, chan->client_count, 1);
	KUNIT_EXPECT_EQ(test, fd->chans[*n - 1].alloc_calls, 1);
}

static void request_with_sleeping_filter(struct kunit *test)
{
	struct dma_fx *fd = fake_dma_create(test, 2, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = request_memcpy(filter_this_device_slowly, &fd->dma);
	KUNIT_ASSERT_NOT_NULL(test, chan);
	hold_chan(test, chan);
	KUNIT_EXPECT_PTR_EQ(test, chan, &fd->chans[0].chan);
}

static void request_chan_by_slave_map(struct kunit *test)
{
	struct dma_fx *fd = fake_dma_create(test, 2, true);
	struct device *client = fake_parent(test);
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
	struct dma_fx *fd = fake_dma_create(test, 3, true);
	struct filter_probe probe = { .dma = &fd->dma, .accept_at = 0 };
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = request_memcpy(filter_nth, &probe);
	KUNIT_EXPECT_NULL(test, chan);
	if (chan)
		dma_release_channel(chan);
	/* asked once about every free channel, and nothing was allocated */
	KUNIT_EXPECT_EQ(test, probe.calls, 3);
	KUNIT_EXPECT_EQ(test, fd->chans[0].alloc_calls, 0);
}

static void request_is_exclusive_until_released(struct kunit *test)
{
	struct dma_fx *fd = fake_dma_create(test, 2, true);
	struct dma_chan *a, *b, *c;

	dma_fx_register(test, fd);
	a = request_memcpy(filter_this_device, &fd->dma);
	KUNIT_ASSERT_NOT_NULL(test, a);
	b = request_memcpy(filter_this_device, &fd->dma);
	KUNIT_ASSERT_NOT_NULL(test, b);
	hold_chan(test, b);
	KUNIT_EXPECT_PTR_NE(test, a, b);

	/* both taken: a third request finds nothing */
	c = request_memcpy(filter_this_device, &fd->dma);
	KUNIT_EXPECT_NULL(test, c);
	if (c)
		dma_release_channel(c);

	dma_release_channel(a);
	KUNIT_EXPECT_EQ(test, a->client_count, 0);
	KUNIT_EXPECT_EQ(test, to_fake_chan(a)->free_calls, 1);

	c = request_memcpy(filter_this_device, &fd->dma);
	KUNIT_ASSERT_PTR_EQ(test, c, a);
	hold_chan(test, c);
	KUNIT_EXPECT_EQ(test, to_fake_chan(a)->alloc_calls, 2);
}

static void private_device_stays_private(struct kunit *test)
{
	struct dma_fx *fd = fake_dma_create(test, 1, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = take_chan(test, fd);
	dma_release_channel(chan);

	KUNIT_EXPECT_TRUE(test, dma_has_cap(DMA_PRIVATE, fd->dma.cap_mask));
	client_get(test);
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
	struct dma_fx *fd = fake_dma_create(test, 2, false);
	struct dma_chan *chan;
	unsigned int i;

	client_get(test);
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
	struct dma_fx *fd = fake_dma_create(test, DMA_FX_MAX_CHANS, false);
	struct cpu_probe probe = { .type = DMA_MEMSET };
	struct dma_chan *seen[DMA_FX_MAX_CHANS] = { };
	unsigned int distinct = 0, i;
	int cpu;

	/* a capability no other device here has */
	dma_cap_set(DMA_MEMSET, fd->dma.cap_mask);
	client_get(test);
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
	struct dma_fx *plain = fake_dma_create(test, 1, false);
	struct dma_fx *xor = fake_dma_create(test, 2, false);
	struct dma_chan *chan;

	dma_cap_set(DMA_XOR, xor->dma.cap_mask);
	xor->dma.max_xor = 4;

	client_get(test);
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
	struct dma_fx *fd = fake_dma_create(test, 2, false);
	struct dma_chan *chan;

	client_get(test);
	dma_fx_register(test, fd);

	/* all channels of a device are public or all private */
	chan = request_memcpy(filter_this_device, &fd->dma);
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
	struct dma_fx *fd = fake_dma_create(test, 2, false);
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

	chan = take_chan(test, fd);
	KUNIT_EXPECT_TRUE(test, dma_has_cap(DMA_PRIVATE, fd->dma.cap_mask));
	dma_release_channel(chan);

	/* released, it stays private: a general client does not take it */
	KUNIT_EXPECT_TRUE(test, dma_has_cap(DMA_PRIVATE, fd->dma.cap_mask));
	client_get(test);
	KUNIT_EXPECT_EQ(test, fd->chans[0].chan.client_count, 0);
	KUNIT_EXPECT_EQ(test, fd->chans[1].chan.client_count, 0);
	KUNIT_EXPECT_FALSE(test, chan_of(dma_find_channel(DMA_MEMCPY), fd));
}

static void unregister_while_held_defers_release(struct kunit *test)
{
	struct dma_fx *fd = fake_dma_create(test, 2, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = take_chan(test, fd);

	kunit_info(test, "a warning about a held channel follows\n");
	dma_fx_unregister(fd);
	/* the holder keeps the device alive, its channel allocated */
	KUNIT_EXPECT_FALSE(test, fd->released);
	KUNIT_EXPECT_EQ(test, to_fake_chan(chan)->free_calls, 0);

	dma_release_channel(chan);
	KUNIT_EXPECT_EQ(test, to_fake_chan(chan)->free_calls, 1);
	KUNIT_EXPECT_TRUE(test, fd->released);
}

/* ---- concurrency ---- */

#define RACERS		4
#define RACE_ROUNDS	25

/**
 * struct racer - one thread of the registry race
 * @fx: the engines it registers, one per round, made by the test
 *	(odd rounds private); registered and unregistered by the thread
 * @done: completed when the thread has finished
 * @failures: what went wrong, shared by the threads
 */
struct racer {
	struct dma_fx *fx[RACE_ROUNDS];
	struct completion done;
	atomic_t *failures;
};

/* Register, take, release and unregister devices of one's own. */
static int racer_fn(void *arg)
{
	struct racer *r = arg;
	int round;

	for (round = 0; round < RACE_ROUNDS; round++) {
		struct dma_fx *fd = r->fx[round];
		struct dma_chan *chan;
		dma_cap_mask_t mask;

		if (dma_async_device_register(&fd->dma)) {
			atomic_inc(r->failures);
			continue;
		}
		dma_cap_zero(mask);
		dma_cap_set(DMA_MEMCPY, mask);
		chan = dma_request_channel(mask, filter_this_device, &fd->dma);
		/* a public device is in general use: refused; private: given */
		if (!chan != !(round & 1))
			atomic_inc(r->failures);
		if (chan)
			dma_release_channel(chan);
		dma_async_device_unregister(&fd->dma);
		if (!READ_ONCE(fd->released))
			atomic_inc(r->failures);
	}
	complete(&r->done);
	return 0;
}

static void registry_survives_concurrent_use(struct kunit *test)
{
	struct racer *racers = kunit_kcalloc(test, RACERS, sizeof(*racers),
					     GFP_KERNEL);
	atomic_t failures = ATOMIC_INIT(0);
	int i, round;

	KUNIT_ASSERT_NOT_NULL(test, racers);
	client_get(test);
	for (i = 0; i < RACERS; i++)
		for (round = 0; round < RACE_ROUNDS; round++)
			racers[i].fx[round] = fake_dma_create(test, 2,
							      round & 1);
	for (i = 0; i < RACERS; i++) {
		struct task_struct *t;

		racers[i].failures = &failures;
		init_completion(&racers[i].done);
		t = kthread_run(racer_fn, &racers[i], "dma-racer-%d", i);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}
	for (i = 0; i < RACERS; i++)
		KUNIT_ASSERT_GT(test,
				wait_for_completion_timeout(&racers[i].done,
							    60 * HZ),
				0);
	KUNIT_EXPECT_EQ(test, atomic_read(&failures), 0);
}

/* ---- unmap data ---- */

static void unmap_data_sizes_and_refs(struct kunit *test)
{
	static const int sizes[] = { 1, 2, 3, 16, 17, 128, 200, 256 };
	struct dmaengine_unmap_data *u;
	struct dma_async_tx_descriptor a = { }, b = { };
	int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		u = dmaengine_get_unmap_data(NULL, sizes[i], GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, u);
		KUNIT_EXPECT_EQ(test, u->map_cnt, sizes[i]);
		KUNIT_EXPECT_EQ(test, u->to_cnt + u->from_cnt + u->bidi_cnt, 0);
		KUNIT_EXPECT_EQ(test, u->addr[sizes[i] - 1], 0);
		dmaengine_unmap_put(u);
	}
	KUNIT_EXPECT_NULL(test, dmaengine_get_unmap_data(NULL, 257, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, dmaengine_get_unmap_data(NULL, 0, GFP_KERNEL));

	/* one reference per descriptor plus the creator's */
	u = dmaengine_get_unmap_data(NULL, 2, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, u);
	dma_set_unmap(&a, u);
	dma_set_unmap(&b, u);
	KUNIT_EXPECT_EQ(test, kref_read(&u->kref), 3);
	dmaengine_unmap_put(u);
	dma_descriptor_unmap(&a);
	KUNIT_EXPECT_NULL(test, a.unmap);
	KUNIT_EXPECT_EQ(test, kref_read(&u->kref), 1);
	dma_descriptor_unmap(&b);
	KUNIT_EXPECT_NULL(test, b.unmap);
	dma_descriptor_unmap(&b);	/* nothing left to drop */
	dmaengine_unmap_put(NULL);
}

/* ---- cookies, status, completion ---- */

#define CB_MAX 8

struct cb_log {
	struct completion done;
	int expected;
	int count;
	int order[CB_MAX];
	enum dmaengine_tx_result result[CB_MAX];
};

struct cb_ref {
	struct cb_log *log;
	int id;
};

static void note_result(void *param, const struct dmaengine_result *res)
{
	struct cb_ref *ref = param;
	struct cb_log *log = ref->log;

	if (log->count < CB_MAX) {
		log->order[log->count] = ref->id;
		log->result[log->count] = res ? res->result : DMA_TRANS_NOERROR;
	}
	if (++log->count == log->expected)
		complete(&log->done);
}

static struct dma_chan *exclusive_chan(struct kunit *test)
{
	struct dma_fx *fd = fake_dma_create(test, 1, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = take_chan(test, fd);
	hold_chan(test, chan);
	return chan;
}

static struct dma_async_tx_descriptor *
prep_logged(struct kunit *test, struct dma_chan *chan, struct cb_ref *ref,
	    unsigned long flags)
{
	struct dma_async_tx_descriptor *tx;

	tx = chan->device->device_prep_dma_memcpy(chan, 0, 0, 64, flags);
	KUNIT_ASSERT_NOT_NULL(test, tx);
	tx->callback_result = note_result;
	tx->callback_param = ref;
	return tx;
}

static void cookies_complete_in_order(struct kunit *test)
{
	struct dma_chan *chan = exclusive_chan(test);
	struct cb_log log = { .expected = 4 };
	struct cb_ref refs[4];
	dma_cookie_t cookies[4];
	int i;

	init_completion(&log.done);
	for (i = 0; i < 4; i++) {
		struct dma_async_tx_descriptor *tx;

		refs[i].log = &log;
		refs[i].id = i;
		tx = prep_logged(test, chan, &refs[i], DMA_CTRL_ACK);
		cookies[i] = dmaengine_submit(tx);
		KUNIT_EXPECT_FALSE(test, dma_submit_error(cookies[i]));
		if (i)
			KUNIT_EXPECT_GT(test, cookies[i], cookies[i - 1]);
	}

	/* submitted is not issued: nothing may have completed */
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, dma_async_is_tx_complete(chan, cookies[i],
							       NULL, NULL),
				DMA_IN_PROGRESS);
	KUNIT_EXPECT_EQ(test, log.count, 0);

	dma_async_issue_pending(chan);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&log.done,
							  WAIT_TIMEOUT), 0);
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, log.order[i], i);
		KUNIT_EXPECT_EQ(test, log.result[i], DMA_TRANS_NOERROR);
		KUNIT_EXPECT_EQ(test, dma_async_is_tx_complete(chan, cookies[i],
							       NULL, NULL),
				DMA_COMPLETE);
	}
}

static void error_reaches_callback_and_status(struct kunit *test)
{
	struct dma_chan *chan = exclusive_chan(test);
	struct cb_log log = { .expected = 2 };
	struct cb_ref refs[2] = { { &log, 0 }, { &log, 1 } };
	struct dma_async_tx_descriptor *tx;
	dma_cookie_t good, bad;

	init_completion(&log.done);
	tx = prep_logged(test, chan, &refs[0], DMA_CTRL_ACK);
	good = dmaengine_submit(tx);
	to_fake_chan(chan)->next_result = DMA_TRANS_READ_FAILED;
	tx = prep_logged(test, chan, &refs[1], DMA_CTRL_ACK);
	bad = dmaengine_submit(tx);

	dma_async_issue_pending(chan);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&log.done,
							  WAIT_TIMEOUT), 0);
	KUNIT_EXPECT_EQ(test, log.result[0], DMA_TRANS_NOERROR);
	KUNIT_EXPECT_EQ(test, log.result[1], DMA_TRANS_READ_FAILED);
	KUNIT_EXPECT_EQ(test, dmaengine_tx_status(chan, good, NULL),
			DMA_COMPLETE);
	KUNIT_EXPECT_EQ(test, dmaengine_tx_status(chan, bad, NULL), DMA_ERROR);
	KUNIT_EXPECT_EQ(test, dma_sync_wait(chan, bad), DMA_ERROR);
}

static void sync_wait_issues_and_completes(struct kunit *test)
{
	struct dma_chan *chan = exclusive_chan(test);
	struct cb_log log = { .expected = 1 };
	struct cb_ref ref = { &log, 0 };
	struct dma_async_tx_descriptor *tx;
	dma_cookie_t cookie;

	init_completion(&log.done);
	tx = prep_logged(test, chan, &ref, DMA_CTRL_ACK);
	cookie = dmaengine_submit(tx);

	/* never issued by the test: dma_sync_wait() must issue it itself */
	KUNIT_EXPECT_EQ(test, dma_sync_wait(chan, cookie), DMA_COMPLETE);
	KUNIT_EXPECT_EQ(test, dma_sync_wait(chan, cookie), DMA_COMPLETE);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&log.done,
							  WAIT_TIMEOUT), 0);
	KUNIT_EXPECT_EQ(test, log.count, 1);
}

static void wait_for_async_tx_returns_status(struct kunit *test)
{
	struct dma_chan *chan = exclusive_chan(test);
	struct cb_log log = { .expected = 1 };
	struct cb_ref ref = { &log, 0 };
	struct dma_async_tx_descriptor *tx;

	init_completion(&log.done);
	/* not acked: the descriptor stays valid after completion */
	tx = prep_logged(test, chan, &ref, 0);
	dmaengine_submit(tx);
	KUNIT_EXPECT_EQ(test, dma_wait_for_async_tx(tx), DMA_COMPLETE);
	KUNIT_EXPECT_EQ(test, dma_wait_for_async_tx(NULL), DMA_COMPLETE);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&log.done,
							  WAIT_TIMEOUT), 0);
	KUNIT_EXPECT_FALSE(test, async_tx_test_ack(tx));
	async_tx_ack(tx);
	KUNIT_EXPECT_TRUE(test, async_tx_test_ack(tx));
}

static void waits_end_on_stalled_descriptor(struct kunit *test)
{
	struct dma_chan *chan = exclusive_chan(test);
	struct cb_log log = { .expected = 1 };
	struct cb_ref ref = { &log, 0 };
	struct dma_async_tx_descriptor *tx;
	dma_cookie_t cookie;

	init_completion(&log.done);
	to_fake_chan(chan)->stalled = true;
	tx = prep_logged(test, chan, &ref, 0);
	cookie = dmaengine_submit(tx);

	/* bounded: an error, not a hang */
	KUNIT_EXPECT_EQ(test, dma_sync_wait(chan, cookie), DMA_ERROR);
	KUNIT_EXPECT_EQ(test, dma_wait_for_async_tx(tx), DMA_ERROR);
	KUNIT_EXPECT_EQ(test, log.count, 0);

	/* the engine recovers: the same descriptor completes */
	to_fake_chan(chan)->stalled = false;
	KUNIT_EXPECT_EQ(test, dma_sync_wait(chan, cookie), DMA_COMPLETE);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&log.done,
							  WAIT_TIMEOUT), 0);
}

static void wait_for_unsubmitted_dependency_ends(struct kunit *test)
{
	struct dma_chan *chan = exclusive_chan(test);
	struct cb_ref ref = { NULL, 0 };
	struct dma_async_tx_descriptor *tx;

	tx = prep_logged(test, chan, &ref, DMA_CTRL_ACK);
	/* held back for a dependency that never completes */
	tx->cookie = -EBUSY;
	KUNIT_EXPECT_EQ(test, dma_wait_for_async_tx(tx), DMA_ERROR);
}

/*
 * A chain parked across two channels: the parent on A, two dependents on
 * B, a last one back on A.  Each goes only when the one before completes,
 * and the completion path submits them without the client's help.
 */
static void run_dependencies_submits_parked_chain(struct kunit *test)
{
	struct dma_chan *a = exclusive_chan(test), *b = exclusive_chan(test);
	struct dma_chan *on[4] = { a, b, b, a };
	struct dma_async_tx_descriptor *tx[4];
	struct cb_log log = { .expected = 4 };
	struct cb_ref refs[4];
	int i;

	init_completion(&log.done);
	for (i = 0; i < 4; i++) {
		refs[i] = (struct cb_ref){ &log, i };
		tx[i] = prep_logged(test, on[i], &refs[i], 0);
		if (i) {
			tx[i]->cookie = -EBUSY;
			txd_chain(tx[i - 1], tx[i]);
		}
	}
	KUNIT_EXPECT_FALSE(test, dma_submit_error(dmaengine_submit(tx[0])));
	KUNIT_EXPECT_PTR_EQ(test, txd_parent(tx[1]), tx[0]);
	for (i = 1; i < 4; i++)
		KUNIT_EXPECT_EQ(test, tx[i]->cookie, -EBUSY);

	dma_async_issue_pending(a);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&log.done,
							  WAIT_TIMEOUT), 0);
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, log.order[i], i);
		/* submitted, then completed: the provider cleared the cookie */
		KUNIT_EXPECT_EQ(test, tx[i]->cookie, 0);
		KUNIT_EXPECT_NULL(test, txd_next(tx[i]));
		KUNIT_EXPECT_NULL(test, txd_parent(tx[i]));
	}
	/* taken once: a second run finds nothing to submit */
	dma_run_dependencies(tx[0]);
	KUNIT_EXPECT_EQ(test, log.count, 4);
	for (i = 0; i < 4; i++)
		async_tx_ack(tx[i]);
}

#ifdef CONFIG_ARCH_HAS_DMA_OPS
/* A DMA "IOMMU" that identity-maps and records what is unmapped, how. */
static struct {
	int mapped;
	int unmapped[DMA_NONE];
	dma_addr_t last[DMA_NONE];
} dma_count;

static dma_addr_t count_map_page(struct device *dev, struct page *page,
				 unsigned long offset, size_t size,
				 enum dma_data_direction dir,
				 unsigned long attrs)
{
	dma_count.mapped++;
	return page_to_phys(page) + offset;
}

static void count_unmap_page(struct device *dev, dma_addr_t addr,
			     size_t size, enum dma_data_direction dir,
			     unsigned long attrs)
{
	dma_count.unmapped[dir]++;
	dma_count.last[dir] = addr;
}

static const struct dma_map_ops counting_dma_ops = {
	.map_page = count_map_page,
	.unmap_page = count_unmap_page,
};

static void free_page_action(void *page)
{
	__free_page(page);
}

static dma_addr_t map_one(struct kunit *test, struct device *dev,
			  enum dma_data_direction dir)
{
	struct page *page = alloc_page(GFP_KERNEL);
	dma_addr_t addr;

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_page_action,
							page),
			0);
	addr = dma_map_page(dev, page, 0, PAGE_SIZE, dir);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(dev, addr));
	return addr;
}

static void unmap_data_unmaps_each_direction(struct kunit *test)
{
	struct device *dev = fake_parent(test);
	struct dma_async_tx_descriptor tx = { };
	struct dmaengine_unmap_data *u;
	dma_addr_t to, from, bidi;

	memset(&dma_count, 0, sizeof(dma_count));
	dev->dma_mask = &dev->coherent_dma_mask;
	KUNIT_ASSERT_EQ(test, dma_set_mask_and_coherent(dev, DMA_BIT_MASK(64)),
			0);
	set_dma_ops(dev, &counting_dma_ops);

	/* two pages to the device, one from it, one both ways, one hole */
	u = dmaengine_get_unmap_data(dev, 5, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, u);
	u->len = PAGE_SIZE;
	to = map_one(test, dev, DMA_TO_DEVICE);
	from = map_one(test, dev, DMA_FROM_DEVICE);
	bidi = map_one(test, dev, DMA_BIDIRECTIONAL);
	u->addr[0] = map_one(test, dev, DMA_TO_DEVICE);
	u->addr[1] = to;
	u->addr[2] = from;
	u->addr[3] = bidi;
	u->to_cnt = 2;
	u->from_cnt = 1;
	u->bidi_cnt = 2;	/* addr[4] stays 0: nothing to unmap there */
	KUNIT_EXPECT_EQ(test, dma_count.mapped, 4);

	dma_set_unmap(&tx, u);
	dmaengine_unmap_put(u);
	/* the descriptor still holds the mappings */
	KUNIT_EXPECT_EQ(test, dma_count.unmapped[DMA_TO_DEVICE], 0);

	dma_descriptor_unmap(&tx);
	KUNIT_EXPECT_EQ(test, dma_count.unmapped[DMA_TO_DEVICE], 2);
	KUNIT_EXPECT_EQ(test, dma_count.unmapped[DMA_FROM_DEVICE], 1);
	KUNIT_EXPECT_EQ(test, dma_count.unmapped[DMA_BIDIRECTIONAL], 1);
	KUNIT_EXPECT_EQ(test, dma_count.last[DMA_TO_DEVICE], to);
	KUNIT_EXPECT_EQ(test, dma_count.last[DMA_FROM_DEVICE], from);
	KUNIT_EXPECT_EQ(test, dma_count.last[DMA_BIDIRECTIONAL], bidi);
	set_dma_ops(dev, NULL);
}
#else
static void unmap_data_unmaps_each_direction(struct kunit *test)
{
	kunit_skip(test, "needs CONFIG_ARCH_HAS_DMA_OPS to count mappings");
}
#endif

/* Read a channel attribute through its class, as sysfs would. */
static long chan_attr(struct kunit *test, struct dma_chan *chan,
		      const char *name)
{
	struct device *dev = &chan->dev->device;
	const struct attribute_group *const *groups = dev->class->dev_groups;
	char *buf;
	long val;
	int g, i;

	buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (g = 0; groups && groups[g]; g++) {
		for (i = 0; groups[g]->attrs[i]; i++) {
			struct device_attribute *da;

			if (strcmp(groups[g]->attrs[i]->name, name))
				continue;
			da = container_of(groups[g]->attrs[i],
					  struct device_attribute, attr);
			KUNIT_ASSERT_GT(test, da->show(dev, da, buf), 0);
			KUNIT_ASSERT_EQ(test, kstrtol(buf, 10, &val), 0);
			return val;
		}
	}
	KUNIT_FAIL(test, "no attribute %s", name);
	return -1;
}

static void sysfs_shows_use_and_counters(struct kunit *test)
{
	struct dma_fx *fd = fake_dma_create(test, 1, true);
	struct cb_log log = { .expected = 3 };
	struct cb_ref refs[3] = { { &log, 0 }, { &log, 1 }, { &log, 2 } };
	struct dma_chan *chan;
	int i;

	dma_fx_register(test, fd);
	chan = &fd->chans[0].chan;
	KUNIT_EXPECT_EQ(test, chan_attr(test, chan, "in_use"), 0);

	chan = take_chan(test, fd);
	hold_chan(test, chan);
	KUNIT_EXPECT_EQ(test, chan_attr(test, chan, "in_use"), 1);
	KUNIT_EXPECT_EQ(test, chan_attr(test, chan, "memcpy_count"), 0);

	init_completion(&log.done);
	for (i = 0; i < 3; i++)
		dmaengine_submit(prep_logged(test, chan, &refs[i],
					     DMA_CTRL_ACK));
	dma_async_issue_pending(chan);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&log.done,
							  WAIT_TIMEOUT), 0);
	KUNIT_EXPECT_EQ(test, chan_attr(test, chan, "memcpy_count"), 3);
	KUNIT_EXPECT_EQ(test, chan_attr(test, chan, "bytes_transferred"),
			3 * 64);
}

static void capability_mask_helpers(struct kunit *test)
{
	dma_cap_mask_t a, b;

	dma_cap_zero(a);
	dma_cap_zero(b);
	KUNIT_EXPECT_FALSE(test, dma_has_cap(DMA_XOR, a));
	dma_cap_set(DMA_XOR, a);
	dma_cap_set(DMA_PQ, a);
	KUNIT_EXPECT_TRUE(test, dma_has_cap(DMA_XOR, a));
	KUNIT_EXPECT_TRUE(test, dma_has_cap(DMA_PQ, a));
	KUNIT_EXPECT_FALSE(test, dma_has_cap(DMA_MEMCPY, a));
	dma_cap_clear(DMA_XOR, a);
	KUNIT_EXPECT_FALSE(test, dma_has_cap(DMA_XOR, a));

	/* the last transaction type is a real bit of the mask */
	dma_cap_set(DMA_TX_TYPE_END - 1, b);
	KUNIT_EXPECT_TRUE(test, dma_has_cap(DMA_TX_TYPE_END - 1, b));
	KUNIT_EXPECT_FALSE(test, dma_has_cap(DMA_TX_TYPE_END - 2, b));
}

static void maxpq_reports_continuation(struct kunit *test)
{
	struct dma_device ddev = { };

	KUNIT_EXPECT_TRUE(test, dmaf_continue(DMA_PREP_CONTINUE));
	KUNIT_EXPECT_FALSE(test, dmaf_continue(DMA_PREP_FENCE));

	/*
	 * Continuing a previous P/Q result costs an engine without native
	 * continuation three implicit sources (P, Q and Q again), or one
	 * when P is disabled; with native continuation it costs none.
	 */
	dma_set_maxpq(&ddev, 8, 0);
	KUNIT_EXPECT_EQ(test, dma_maxpq(&ddev, 0), 8);
	KUNIT_EXPECT_EQ(test, dma_maxpq(&ddev, DMA_PREP_CONTINUE), 5);
	KUNIT_EXPECT_EQ(test, dma_maxpq(&ddev, DMA_PREP_CONTINUE |
					DMA_PREP_PQ_DISABLE_P),
			7);
	dma_set_maxpq(&ddev, 8, 1);
	KUNIT_EXPECT_EQ(test, dma_maxpq(&ddev, DMA_PREP_CONTINUE), 8);
	KUNIT_EXPECT_EQ(test, dma_maxpq(&ddev, 0), 8);
}

static struct kunit_case dmaengine_register_cases[] = {
	KUNIT_CASE(register_accepts_good_device),
	KUNIT_CASE(register_gives_distinct_ids),
	KUNIT_CASE_PARAM(register_rejects_bad_device, bad_device_gen_params),
	KUNIT_CASE(register_rejects_null_device),
	KUNIT_CASE(register_twice_is_refused),
	KUNIT_CASE(unregister_unknown_device_is_ignored),
	KUNIT_CASE(release_of_unheld_channel_is_ignored),
	KUNIT_CASE(registry_survives_concurrent_use),
	{}
};

static struct kunit_suite dmaengine_register_suite = {
	.name = "dmaengine_register",
	.test_cases = dmaengine_register_cases,
};

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

static struct kunit_case dmaengine_cookie_cases[] = {
	KUNIT_CASE(cookies_complete_in_order),
	KUNIT_CASE(error_reaches_callback_and_status),
	KUNIT_CASE(sync_wait_issues_and_completes),
	KUNIT_CASE(wait_for_async_tx_returns_status),
	KUNIT_CASE_SLOW(waits_end_on_stalled_descriptor),
	KUNIT_CASE_SLOW(wait_for_unsubmitted_dependency_ends),
	KUNIT_CASE(run_dependencies_submits_parked_chain),
	KUNIT_CASE(sysfs_shows_use_and_counters),
	KUNIT_CASE(capability_mask_helpers),
	KUNIT_CASE(maxpq_reports_continuation),
	KUNIT_CASE(unmap_data_sizes_and_refs),
	KUNIT_CASE(unmap_data_unmaps_each_direction),
	{}
};

static struct kunit_suite dmaengine_cookie_suite = {
	.name = "dmaengine_cookie",
	.test_cases = dmaengine_cookie_cases,
};

kunit_test_suites(&dmaengine_register_suite, &dmaengine_alloc_suite,
		  &dmaengine_cookie_suite);

MODULE_DESCRIPTION("KUnit tests for the dmaengine core");
MODULE_LICENSE("GPL");
