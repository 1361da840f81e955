/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the dmaengine core's KUnit suites share (dmaengine_test.c).
 */
#ifndef _DMAENGINE_TEST_H
#define _DMAENGINE_TEST_H

#include <kunit/test.h>
#include <linux/dma/test_engine.h>
#include <linux/dmaengine.h>

/*
 * dmt_fake_create() makes an fx engine that moves no data, unregistered
 * (public or private); dmt_client_device() a device for a client;
 * dmt_take_chan() an exclusive memcpy channel of one engine, released
 * when the test ends if dmt_hold_chan() was called on it;
 * dmt_client_get() a general-purpose reference until the test ends.
 */
struct dma_fx *dmt_fake_create(struct kunit *test, unsigned int nr,
			       bool private);
struct device *dmt_client_device(struct kunit *test);
bool dmt_filter_device(struct dma_chan *chan, void *param);
struct dma_chan *dmt_request_memcpy(dma_filter_fn fn, void *param);
struct dma_chan *dmt_take_chan(struct kunit *test, struct dma_fx *fd);
void dmt_client_get(struct kunit *test);
void dmt_hold_chan(struct kunit *test, struct dma_chan *chan);

static inline struct dma_fx_chan *to_fake_chan(struct dma_chan *chan)
{
	return container_of(chan, struct dma_fx_chan, chan);
}

static inline bool chan_of(struct dma_chan *chan, struct dma_fx *fd)
{
	return chan && chan->device == &fd->dma;
}

#endif /* _DMAENGINE_TEST_H */
