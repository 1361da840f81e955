// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers the dmaengine core's KUnit suites share: their providers, a
 * device of its own for a client, and taking channels for a test.
 *
 * The fx test engines complete issued descriptors in submission order
 * from a work item, so callbacks run outside the submitter's context as
 * they would after a real interrupt.
 */

#include <kunit/device.h>
#include <linux/atomic.h>

#include "dmaengine_test.h"

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

struct dma_fx *dmt_fake_create(struct kunit *test, unsigned int nr,
			       bool private)
{
	return dma_fx_init(test, private ? &fake_private : &fake_public, nr);
}

/* A device of its own for a client, with a KUnit driver of a unique name. */
struct device *dmt_client_device(struct kunit *test)
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

bool dmt_filter_device(struct dma_chan *chan, void *param)
{
	return chan->device == param;
}

struct dma_chan *dmt_request_memcpy(dma_filter_fn fn, void *param)
{
	dma_cap_mask_t mask;

	dma_cap_zero(mask);
	dma_cap_set(DMA_MEMCPY, mask);
	return dma_request_channel(mask, fn, param);
}

/* Take a channel of @fd for this test; the test stops if none is given. */
struct dma_chan *dmt_take_chan(struct kunit *test, struct dma_fx *fd)
{
	struct dma_chan *chan = dmt_request_memcpy(dmt_filter_device, &fd->dma);

	KUNIT_ASSERT_NOT_NULL(test, chan);
	return chan;
}

static void dmaengine_put_action(void *unused)
{
	dmaengine_put();
}

void dmt_client_get(struct kunit *test)
{
	dmaengine_get();
	KUNIT_ASSERT_EQ(test,
			kunit_add_action_or_reset(test, dmaengine_put_action,
						  NULL),
			0);
}

static void release_chan_action(void *chan)
{
	dma_release_channel(chan);
}

void dmt_hold_chan(struct kunit *test, struct dma_chan *chan)
{
	KUNIT_ASSERT_EQ(test,
			kunit_add_action_or_reset(test, release_chan_action,
						  chan),
			0);
}

MODULE_DESCRIPTION("KUnit tests for the dmaengine core");
MODULE_LICENSE("GPL");
