/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dmasim instances, for the driver's sysfs attributes and for tests.
 */
#ifndef _DMASIM_H
#define _DMASIM_H

#include <linux/types.h>

struct dma_device;
struct dmasim_faults;
struct dmasim_random_faults;

int dmasim_new_device(const char *spec);
int dmasim_del_device(int id);
struct dma_device *dmasim_find_device(int id);
struct dmasim_faults *dmasim_faults(int id, unsigned int op);
int dmasim_set_exhausted(int id, bool on);
struct dmasim_random_faults *dmasim_random_faults(int id);

#endif
