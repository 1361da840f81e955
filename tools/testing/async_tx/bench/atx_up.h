/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Upstream's async_tx entry points as bench.sh compiles them into the
 * benchmark kernel next to ours: the same interface under an up_
 * prefix, so each has the type of our function of the same name.
 */
#ifndef _ATX_UP_H
#define _ATX_UP_H

#include <linux/async_tx.h>

typeof(async_memcpy) up_async_memcpy;
typeof(async_xor) up_async_xor;
typeof(async_xor_val) up_async_xor_val;
typeof(async_gen_syndrome) up_async_gen_syndrome;
typeof(async_syndrome_val) up_async_syndrome_val;
typeof(async_raid6_2data_recov) up_async_raid6_2data_recov;
typeof(async_raid6_datap_recov) up_async_raid6_datap_recov;
typeof(async_tx_quiesce) up_async_tx_quiesce;

#endif
