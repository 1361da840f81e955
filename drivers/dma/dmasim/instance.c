// SPDX-License-Identifier: GPL-2.0-only
/*
 * dmasim instances: each one a platform device made from a profile and
 * a spec ("ioat max_xor=4 channels=2"), whose properties probe (drv.c)
 * reads.  They come from the "devices" module parameter, from the
 * driver's new_device and del_device attributes in sysfs, and from
 * tests and the benchmark through the functions of dmasim.h, which also
 * arm an instance's faults by value.
 *
 * LOCKING
 * dmasim_lock protects the instance list and the ids; the test hooks
 * hold it while they reach into an instance, so that it cannot be
 * deleted under them.
 */

#include <kunit/visibility.h>
#include <linux/cleanup.h>
#include <linux/dmaengine.h>
#include <linux/idr.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "dmasim.h"
#include "drv.h"
#include "hw.h"

/**
 * struct dmasim_profile - an engine class
 * @name: what new_device calls it
 * @caps: BIT(enum dma_transaction_type) of what it can do
 * @val: its enum dmasim_param values
 */
struct dmasim_profile {
	const char *name;
	u32 caps;
	u32 val[DMASIM_NR_PARAMS];
};

#define CAP(t)	BIT(DMA_##t)

static const struct dmasim_profile dmasim_profiles[] = {
	{ "ioat", CAP(MEMCPY) | CAP(XOR) | CAP(XOR_VAL) | CAP(PQ) | CAP(PQ_VAL) |
	  CAP(INTERRUPT), { [DMASIM_MAX_XOR] = 8, [DMASIM_MAX_PQ] = 8,
			    [DMASIM_ALIGN] = 6, [DMASIM_CHANNELS] = 4,
			    [DMASIM_RING] = 256,
			    /* ioatdma rings past ioat_pending_level (7) */
			    [DMASIM_ISSUE_THRESHOLD] = 8 } },
	{ "iop-adma", CAP(MEMCPY) | CAP(MEMSET) | CAP(XOR) | CAP(XOR_VAL) |
	  CAP(PQ) | CAP(INTERRUPT),
	  { [DMASIM_MAX_XOR] = 32, [DMASIM_MAX_PQ] = 16,
	    [DMASIM_PQ_CONTINUE] = 1, [DMASIM_CHANNELS] = 1,
	    [DMASIM_RING] = 32,
	    /* iop-adma appended at IOP_ADMA_THRESHOLD (4) pending */
	    [DMASIM_ISSUE_THRESHOLD] = 4 } },
	{ "memcpy", CAP(MEMCPY) | CAP(INTERRUPT),
	  { [DMASIM_CHANNELS] = 4, [DMASIM_RING] = 128 } },
	{ "private", CAP(MEMCPY) | CAP(MEMSET) | CAP(XOR) | CAP(INTERRUPT) |
	  CAP(PRIVATE),
	  { [DMASIM_MAX_XOR] = 8, [DMASIM_CHANNELS] = 2, [DMASIM_RING] = 64 } },
	{ "custom", 0, { [DMASIM_CHANNELS] = 1, [DMASIM_RING] = 64 } },
};

static const struct {
	const char *name;
	enum dma_transaction_type type;
} dmasim_cap_names[] = {
	{ "memcpy", DMA_MEMCPY }, { "memset", DMA_MEMSET },
	{ "xor", DMA_XOR }, { "xor_val", DMA_XOR_VAL },
	{ "pq", DMA_PQ }, { "pq_val", DMA_PQ_VAL },
	{ "interrupt", DMA_INTERRUPT }, { "private", DMA_PRIVATE },
};

static int dmasim_parse_caps(char *list, u32 *caps)
{
	char *name;
	int i;

	*caps = 0;
	while ((name = strsep(&list, "+,|"))) {
		for (i = 0; i < ARRAY_SIZE(dmasim_cap_names); i++)
			if (!strcmp(name, dmasim_cap_names[i].name))
				break;
		if (i == ARRAY_SIZE(dmasim_cap_names))
			return -EINVAL;
		*caps |= BIT(dmasim_cap_names[i].type);
	}
	return 0;
}

/* Apply "key=value" to @p. */
static int dmasim_parse_param(struct dmasim_profile *p, char *kv)
{
	char *val = strchr(kv, '=');
	int i;

	if (!val)
		return -EINVAL;
	*val++ = '\0';
	if (!strcmp(kv, "caps"))
		return dmasim_parse_caps(val, &p->caps);
	for (i = 0; i < DMASIM_NR_PARAMS; i++)
		if (!strcmp(kv, dmasim_params[i].key))
			return kstrtou32(val, 0, &p->val[i]);
	return -EINVAL;
}

static int dmasim_parse(const char *spec, struct dmasim_profile *p)
{
	char *buf, *s, *word;
	int i, err = -EINVAL;

	buf = kstrdup(spec, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	s = strim(buf);
	word = strsep(&s, " \t");
	for (i = 0; i < ARRAY_SIZE(dmasim_profiles); i++)
		if (!strcmp(word, dmasim_profiles[i].name))
			break;
	if (i == ARRAY_SIZE(dmasim_profiles))
		goto out;
	*p = dmasim_profiles[i];
	err = 0;
	while (!err && (word = strsep(&s, " \t")))
		if (*word)
			err = dmasim_parse_param(p, word);
out:
	kfree(buf);
	return err;
}

static DEFINE_MUTEX(dmasim_lock);	/* the instance list and ids */
static DEFINE_IDA(dmasim_ida);
static LIST_HEAD(dmasim_instances);

/**
 * struct dmasim_instance - an instance made by new_device
 * @node: entry in dmasim_instances
 * @pdev: its platform device
 */
struct dmasim_instance {
	struct list_head node;
	struct platform_device *pdev;
};

/* The instance with @id, or NULL; dmasim_lock held. */
static struct dmasim_instance *dmasim_lookup(int id)
{
	struct dmasim_instance *inst;

	lockdep_assert_held(&dmasim_lock);
	list_for_each_entry(inst, &dmasim_instances, node)
		if (inst->pdev->id == id)
			return inst;
	return NULL;
}

/**
 * dmasim_new_device() - create an engine instance
 * @spec: a profile name, then "key=value" overrides separated by spaces
 *
 * Context: process context; sleeps.
 * Return: the instance's id (its platform device's), or -errno: -EINVAL
 * for a spec that does not parse, -ENODEV when the driver did not bind
 * (the kernel log says why).
 */
int dmasim_new_device(const char *spec)
{
	struct property_entry props[DMASIM_NR_PARAMS + 2] = { };
	struct platform_device_info info = { };
	struct dmasim_instance *inst;
	struct dmasim_profile p;
	int id, err, i;

	err = dmasim_parse(spec, &p);
	if (err)
		return err;
	props[0] = PROPERTY_ENTRY_U32("dmasim,caps", p.caps);
	for (i = 0; i < DMASIM_NR_PARAMS; i++)
		props[i + 1] = PROPERTY_ENTRY_U32(dmasim_params[i].prop,
						  p.val[i]);

	inst = kzalloc(sizeof(*inst), GFP_KERNEL);
	if (!inst)
		return -ENOMEM;
	mutex_lock(&dmasim_lock);
	id = ida_alloc(&dmasim_ida, GFP_KERNEL);
	if (id < 0) {
		err = id;
		goto unlock;
	}
	info.name = "dmasim";
	info.id = id;
	info.properties = props;
	inst->pdev = platform_device_register_full(&info);
	if (IS_ERR(inst->pdev)) {
		err = PTR_ERR(inst->pdev);
		goto free_id;
	}
	/* probe ran synchronously: a device without a driver failed it */
	if (!device_is_bound(&inst->pdev->dev)) {
		platform_device_unregister(inst->pdev);
		err = -ENODEV;
		goto free_id;
	}
	list_add_tail(&inst->node, &dmasim_instances);
	mutex_unlock(&dmasim_lock);
	return id;

free_id:
	ida_free(&dmasim_ida, id);
unlock:
	mutex_unlock(&dmasim_lock);
	kfree(inst);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(dmasim_new_device);

/**
 * dmasim_del_device() - destroy an engine instance
 * @id: what dmasim_new_device() returned
 *
 * Work in flight completes (or is aborted and reported) first.
 *
 * Context: process context; sleeps.
 * Return: 0, or -ENOENT for an unknown id.
 */
int dmasim_del_device(int id)
{
	struct dmasim_instance *inst;

	guard(mutex)(&dmasim_lock);
	inst = dmasim_lookup(id);
	if (!inst)
		return -ENOENT;
	list_del(&inst->node);
	platform_device_unregister(inst->pdev);
	ida_free(&dmasim_ida, id);
	kfree(inst);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(dmasim_del_device);

/**
 * dmasim_find_device() - the dmaengine device of an instance
 * @id: what dmasim_new_device() returned
 *
 * Context: process context.
 * Return: the device, or NULL.  Valid until the instance is deleted.
 */
struct dma_device *dmasim_find_device(int id)
{
	struct dmasim_instance *inst;

	guard(mutex)(&dmasim_lock);
	inst = dmasim_lookup(id);
	return inst ? dmasim_pdev_dma(inst->pdev) : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(dmasim_find_device);

/* The hardware of instance @id, or NULL; dmasim_lock held. */
static struct dmasim_hw *dmasim_hw_of(int id)
{
	struct dmasim_instance *inst = dmasim_lookup(id);

	return inst ? dmasim_pdev_hw(inst->pdev) : NULL;
}

/**
 * dmasim_set_every() - make an instance fail on every n-th descriptor
 * @id: what dmasim_new_device() returned
 * @op: the operation the fault applies to
 * @what: which fault
 * @every: n, counted over the descriptors of @op; 0 turns it off
 *
 * The same knobs as the instance's fail_, corrupt_ and stall_ debugfs
 * files.
 *
 * Context: process context.
 * Return: 0, -EINVAL for an unknown @op or @what, -ENOENT for an
 * unknown id.
 */
int dmasim_set_every(int id, enum dmasim_op op, enum dmasim_periodic what,
		     u32 every)
{
	struct dmasim_faults *f;
	struct dmasim_hw *hw;

	if (op >= DMASIM_OP_NR || what > DMASIM_EVERY_STALL)
		return -EINVAL;
	guard(mutex)(&dmasim_lock);
	hw = dmasim_hw_of(id);
	if (!hw)
		return -ENOENT;
	f = dmasim_hw_faults(hw, op);
	switch (what) {
	case DMASIM_EVERY_FAIL:
		WRITE_ONCE(f->fail_every, every);
		break;
	case DMASIM_EVERY_CORRUPT:
		WRITE_ONCE(f->corrupt_every, every);
		break;
	case DMASIM_EVERY_STALL:
		WRITE_ONCE(f->stall_every, every);
		break;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(dmasim_set_every);

/**
 * dmasim_set_exhausted() - make prep find no descriptor, or again find
 * @id: what dmasim_new_device() returned
 * @on: exhausted or not
 *
 * The same knob as the instance's exhaust debugfs file.
 *
 * Context: process context.
 * Return: 0, or -ENOENT for an unknown id.
 */
int dmasim_set_exhausted(int id, bool on)
{
	struct dmasim_instance *inst;

	guard(mutex)(&dmasim_lock);
	inst = dmasim_lookup(id);
	if (!inst)
		return -ENOENT;
	dmasim_pdev_set_exhausted(inst->pdev, on);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(dmasim_set_exhausted);

/**
 * dmasim_set_random() - arm one of an instance's random faults
 * @id: what dmasim_new_device() returned
 * @kind: which fault
 * @percent: the chance, 0 to 100, that a descriptor of the armed
 *	operations (dmasim_set_random_ops()) gets it; 0 disarms
 * @times: how many times at most it fires; -1 for no limit
 *
 * The same attributes as the instance's fault_* debugfs directories,
 * with an interval of 1 and no messages.  Without CONFIG_FAULT_INJECTION
 * nothing fires and this only checks its arguments.
 *
 * Context: process context.
 * Return: 0, -EINVAL for an unknown @kind or a @percent over 100,
 * -ENOENT for an unknown id.
 */
int dmasim_set_random(int id, enum dmasim_fault_kind kind,
		      unsigned int percent, int times)
{
	struct dmasim_random_faults *r;
	struct dmasim_hw *hw;

	if (kind >= DMASIM_FAULT_NR || percent > 100)
		return -EINVAL;
	guard(mutex)(&dmasim_lock);
	hw = dmasim_hw_of(id);
	if (!hw)
		return -ENOENT;
	r = dmasim_hw_random_faults(hw);
#ifdef CONFIG_FAULT_INJECTION
	r->attr[kind].interval = 1;
	r->attr[kind].verbose = 0;
	atomic_set(&r->attr[kind].times, times);
	WRITE_ONCE(r->attr[kind].probability, percent);
#endif
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(dmasim_set_random);

/**
 * dmasim_set_random_ops() - the operations random faults apply to
 * @id: what dmasim_new_device() returned
 * @ops: BIT(enum dmasim_op) of each
 *
 * The same knob as the instance's fault_ops debugfs file.
 *
 * Context: process context.
 * Return: 0, or -ENOENT for an unknown id.
 */
int dmasim_set_random_ops(int id, u32 ops)
{
	struct dmasim_hw *hw;

	guard(mutex)(&dmasim_lock);
	hw = dmasim_hw_of(id);
	if (!hw)
		return -ENOENT;
	WRITE_ONCE(dmasim_hw_random_faults(hw)->ops, ops);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(dmasim_set_random_ops);

/**
 * dmasim_set_slow_us() - what a %DMASIM_FAULT_SLOW descriptor adds
 * @id: what dmasim_new_device() returned
 * @us: microseconds, at most %DMASIM_SLOW_MAX_US
 *
 * The same knob as the instance's slow_us debugfs file.
 *
 * Context: process context.
 * Return: 0, -EINVAL for too long a time, -ENOENT for an unknown id.
 */
int dmasim_set_slow_us(int id, u32 us)
{
	struct dmasim_hw *hw;

	if (us > DMASIM_SLOW_MAX_US)
		return -EINVAL;
	guard(mutex)(&dmasim_lock);
	hw = dmasim_hw_of(id);
	if (!hw)
		return -ENOENT;
	WRITE_ONCE(dmasim_hw_random_faults(hw)->slow_us, us);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(dmasim_set_slow_us);

/**
 * dmasim_prep_refused() - preps an instance's random exhaustion refused
 * @id: what dmasim_new_device() returned
 *
 * Context: process context.
 * Return: the count, or -ENOENT for an unknown id.
 */
long dmasim_prep_refused(int id)
{
	struct dmasim_hw *hw;

	guard(mutex)(&dmasim_lock);
	hw = dmasim_hw_of(id);
	if (!hw)
		return -ENOENT;
	return atomic_long_read(&dmasim_hw_random_faults(hw)->refused);
}
EXPORT_SYMBOL_IF_KUNIT(dmasim_prep_refused);

static ssize_t new_device_store(struct device_driver *drv, const char *buf,
				size_t count)
{
	int id = dmasim_new_device(buf);

	if (id < 0)
		return id;
	pr_info("dmasim: created dmasim.%d\n", id);
	return count;
}
static DRIVER_ATTR_WO(new_device);

static ssize_t del_device_store(struct device_driver *drv, const char *buf,
				size_t count)
{
	int id, err;

	err = kstrtoint(buf, 0, &id);
	if (err)
		return err;
	err = dmasim_del_device(id);
	return err ? err : count;
}
static DRIVER_ATTR_WO(del_device);

static struct attribute *dmasim_drv_attrs[] = {
	&driver_attr_new_device.attr,
	&driver_attr_del_device.attr,
	NULL,
};

static const struct attribute_group dmasim_drv_group = {
	.attrs = dmasim_drv_attrs,
};

const struct attribute_group *dmasim_drv_groups[] = {
	&dmasim_drv_group,
	NULL,
};

static char *dmasim_devices;
module_param_named(devices, dmasim_devices, charp, 0444);
MODULE_PARM_DESC(devices,
		 "instances to create at load, ';'-separated: profile [key=value ...]");

/**
 * dmasim_instances_create() - make the instances the module parameter asks for
 *
 * A spec that fails is reported and skipped.
 *
 * Context: module init; sleeps.
 */
void dmasim_instances_create(void)
{
	char *list, *spec, *buf;

	if (!dmasim_devices)
		return;
	buf = kstrdup(dmasim_devices, GFP_KERNEL);
	list = buf;
	while (list && (spec = strsep(&list, ";"))) {
		int id;

		if (!*spec)
			continue;
		id = dmasim_new_device(spec);
		if (id < 0)
			pr_err("dmasim: cannot create \"%s\": %d\n", spec, id);
	}
	kfree(buf);
}

/**
 * dmasim_instances_destroy() - delete every instance, newest first
 *
 * Context: module exit; sleeps.
 */
void dmasim_instances_destroy(void)
{
	struct dmasim_instance *inst;

	for (;;) {
		scoped_guard(mutex, &dmasim_lock)
			inst = list_empty(&dmasim_instances) ? NULL :
			       list_last_entry(&dmasim_instances,
					       struct dmasim_instance, node);
		if (!inst)
			return;
		dmasim_del_device(inst->pdev->id);
	}
}
