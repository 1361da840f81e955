// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the dmaengine core: cookies, status and completion,
 * waits, unmap data, the channels' sysfs attributes and the capability
 * helpers.
 */

#include <linux/completion.h>
#include <linux/dma-map-ops.h>
#include <linux/dma-mapping.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "../dmaengine.h"
#include "dmaengine_test.h"

#define WAIT_TIMEOUT	(5 * HZ)

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

/* A client's record with room for its unmap data, as async_tx's has. */
struct record_with_unmap {
	int released;
	struct dmaengine_unmap_data *seen;
	struct dmaengine_unmap_data unmap;	/* + its addresses */
};

static void record_unmap_release(struct dmaengine_unmap_data *unmap)
{
	struct record_with_unmap *r =
		container_of(unmap, struct record_with_unmap, unmap);

	r->released++;
	r->seen = unmap;
}

static void unmap_data_in_client_record(struct kunit *test)
{
	struct dma_async_tx_descriptor a = { }, b = { };
	struct record_with_unmap *r;

	r = kunit_kzalloc(test, struct_size(r, unmap.addr, 3), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	/* what a record that is reused may hold */
	r->unmap.to_cnt = 7;
	r->unmap.len = 123;

	dmaengine_init_unmap_data(&r->unmap, NULL, 3, record_unmap_release);
	KUNIT_EXPECT_EQ(test, r->unmap.map_cnt, 3);
	KUNIT_EXPECT_EQ(test, r->unmap.to_cnt + r->unmap.from_cnt +
			      r->unmap.bidi_cnt, 0);
	KUNIT_EXPECT_EQ(test, r->unmap.len, 0);
	KUNIT_EXPECT_EQ(test, kref_read(&r->unmap.kref), 1);

	/* released once, by the last reference, and never freed to a pool */
	dma_set_unmap(&a, &r->unmap);
	dma_set_unmap(&b, &r->unmap);
	dmaengine_unmap_put(&r->unmap);
	dma_descriptor_unmap(&b);
	KUNIT_EXPECT_EQ(test, r->released, 0);
	dma_descriptor_unmap(&a);
	KUNIT_EXPECT_EQ(test, r->released, 1);
	KUNIT_EXPECT_PTR_EQ(test, r->seen, &r->unmap);
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
	struct dma_fx *fd = dmt_fake_create(test, 1, true);
	struct dma_chan *chan;

	dma_fx_register(test, fd);
	chan = dmt_take_chan(test, fd);
	dmt_hold_chan(test, chan);
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
	struct device *dev = dmt_client_device(test);
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
	struct dma_fx *fd = dmt_fake_create(test, 1, true);
	struct cb_log log = { .expected = 3 };
	struct cb_ref refs[3] = { { &log, 0 }, { &log, 1 }, { &log, 2 } };
	struct dma_chan *chan;
	int i;

	dma_fx_register(test, fd);
	chan = &fd->chans[0].chan;
	KUNIT_EXPECT_EQ(test, chan_attr(test, chan, "in_use"), 0);

	chan = dmt_take_chan(test, fd);
	dmt_hold_chan(test, chan);
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
	KUNIT_CASE(unmap_data_in_client_record),
	{}
};

static struct kunit_suite dmaengine_cookie_suite = {
	.name = "dmaengine_cookie",
	.test_cases = dmaengine_cookie_cases,
};

kunit_test_suite(dmaengine_cookie_suite);
