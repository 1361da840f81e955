/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dmasim internals shared by the driver (drv.c: the dmaengine callbacks,
 * probe and remove) and its instances (instance.c: profiles, specs, the
 * instance list, the sysfs attributes, the module parameter and the
 * test hooks).
 */
#ifndef _DMASIM_DRV_H
#define _DMASIM_DRV_H

#include <linux/types.h>

struct attribute_group;
struct dentry;
struct dma_device;
struct dmasim_hw;
struct platform_device;
struct platform_driver;

/* The numbers that describe an engine, as profiles and properties. */
enum dmasim_param {
	DMASIM_MAX_XOR,
	DMASIM_MAX_PQ,
	DMASIM_PQ_CONTINUE,
	DMASIM_COPY_ALIGN,
	DMASIM_ALIGN,
	DMASIM_CHANNELS,
	DMASIM_RING,
	DMASIM_LATENCY_NS,
	DMASIM_NS_PER_KIB,
	DMASIM_PRIVATE,
	DMASIM_COALESCE,
	DMASIM_ISSUE_THRESHOLD,
	DMASIM_NR_PARAMS,
};

/**
 * struct dmasim_param_desc - how one enum dmasim_param is given
 * @key: its name in a new_device spec
 * @prop: the device property probe reads it from
 * @dflt: its value when the property is absent
 */
struct dmasim_param_desc {
	const char *key;
	const char *prop;
	u32 dflt;
};

extern const struct dmasim_param_desc dmasim_params[DMASIM_NR_PARAMS];

/* drv.c */
extern struct platform_driver dmasim_driver;
extern struct dentry *dmasim_debugfs;
struct dma_device *dmasim_pdev_dma(struct platform_device *pdev);
struct dmasim_hw *dmasim_pdev_hw(struct platform_device *pdev);
void dmasim_pdev_set_exhausted(struct platform_device *pdev, bool on);

/* instance.c */
extern const struct attribute_group *dmasim_drv_groups[];
void dmasim_instances_create(void);
void dmasim_instances_destroy(void);

#endif
