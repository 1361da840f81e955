// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the dmaengine core: device registration, the checks it
 * makes, and the registry under concurrent use.
 */

#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/kthread.h>

#include "../dmaengine.h"
#include "dmaengine_test.h"

/* ---- registration ---- */

static void register_accepts_good_device(struct kunit *test)
{
	struct dma_fx *fd = dmt_fake_create(test, 3, true);
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
	struct dma_fx *a = dmt_fake_create(test, 1, true);
	struct dma_fx *b = dmt_fake_create(test, 1, true);

	dma_fx_register(test, a);
	dma_fx_register(test, b);
	KUNIT_EXPECT_NE(test, a->dma.dev_id, b->dma.dev_id);
	KUNIT_EXPECT_STRNEQ(test, dma_chan_name(&a->chans[0].chan),
			    dma_chan_name(&b->chans[0].chan));

	/* an id is free for reuse once its device is gone */
	dma_fx_unregister(a);
	dma_fx_unregister(b);
	a = dmt_fake_create(test, 1, true);
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

static void register_rejects_bad_device(struct kunit *test)
{
	const struct bad_device_case *c = test->param_value;
	struct dma_fx *fd = dmt_fake_create(test, 2, true);
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
	chan = dma_request_channel(mask, dmt_filter_device, &fd->dma);
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
	struct dma_fx *fd = dmt_fake_create(test, 2, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	KUNIT_EXPECT_EQ(test, dma_async_device_register(&fd->dma), -EBUSY);

	/* the first registration is intact */
	KUNIT_EXPECT_EQ(test, fd->dma.chancnt, 2);
	chan = dmt_take_chan(test, fd);
	dma_release_channel(chan);
	KUNIT_EXPECT_EQ(test, fd->chans[0].free_calls, 1);
}

static void unregister_unknown_device_is_ignored(struct kunit *test)
{
	struct dma_fx *stranger = dmt_fake_create(test, 1, true);
	struct dma_fx *fd = dmt_fake_create(test, 1, true);

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
	struct dma_fx *fd = dmt_fake_create(test, 1, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = dmt_take_chan(test, fd);
	dma_release_channel(chan);
	KUNIT_EXPECT_EQ(test, fd->chans[0].free_calls, 1);

	kunit_info(test, "a warning about a channel not held follows\n");
	dma_release_channel(chan);
	KUNIT_EXPECT_EQ(test, chan->client_count, 0);
	KUNIT_EXPECT_EQ(test, fd->chans[0].free_calls, 1);

	/* and it can still be requested */
	chan = dmt_request_memcpy(dmt_filter_device, &fd->dma);
	KUNIT_ASSERT_PTR_EQ(test, chan, &fd->chans[0].chan);
	dma_release_channel(chan);
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
		chan = dma_request_channel(mask, dmt_filter_device, &fd->dma);
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
	dmt_client_get(test);
	for (i = 0; i < RACERS; i++)
		for (round = 0; round < RACE_ROUNDS; round++)
			racers[i].fx[round] = dmt_fake_create(test, 2,
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

kunit_test_suite(dmaengine_register_suite);
