/*
 * An I/OAT (Intel QuickData, CB3.3) DMA engine model for QEMU.
 *
 * Written for the async_tx harness: it lets Linux's ioatdma driver,
 * unchanged, run memcpy, xor, xor_val, pq and pq_val on emulated
 * hardware.  One PCI function with the Atom C2000 ID (which the driver
 * keeps its RAID operations for), four channels, one MSI-X vector per
 * channel, version 3.3, no DCA.
 *
 * BAR0 (16 KiB):
 *   0x0000  device registers: CHANCNT, XFERCAP, GENCTRL, INTRCTRL,
 *           ATTNSTATUS, CBVER, INTRDELAY, DEVICE_STATUS, DMA_CAP,
 *           DCAOFFSET
 *   0x0080 * (n + 1)  channel n: CHANCTRL, DMA_COMP, CHANCMD, DMACOUNT,
 *           CHANSTS, CHAINADDR, CHANCMP, CDAR, CHANERR, CHANERR_MASK,
 *           DCACTRL
 *   0x1000  MSI-X table, 0x1800 MSI-X PBA (where the driver expects
 *           them when it saves them around a channel reset)
 *
 * A channel walks its descriptor ring from CHAINADDR while its count of
 * consumed descriptors trails DMACOUNT.  The work runs in a bottom half
 * of the main loop, never on the vCPU that wrote DMACOUNT.  Each
 * descriptor that asks for it gets the channel status written to the
 * completion address and an interrupt.  An error halts the channel:
 * CHANERR says why, the status written to the completion address says
 * halted, and the driver restarts the channel from CHAINADDR.
 *
 * Faults for the driver's error paths (config space, vendor area, so
 * that a guest can turn them on once the driver's self-tests passed;
 * also the "faults" and "fault-period" properties for the initial
 * value):
 *   0xf0  kinds: bit 0 read error, bit 1 write error (CHANERR read /
 *         write data error, nothing written), bit 2 check mismatch
 *         (an xor_val or pq_val reports a mismatch), bit 3 stall (the
 *         channel stops until reset)
 *   0xf4  period: every Nth data descriptor takes the next enabled
 *         kind that applies to it
 *   0xf8  faults injected so far (read only)
 *   0xfc  data descriptors executed so far (read only)
 *
 * Copyright (c) 2026 the async_tx rewrite project
 *
 * This work is licensed under the terms of the GNU GPL, version 2 or
 * later.  See the COPYING file in the top-level directory.
 */

#include "qemu/osdep.h"
#include "qemu/units.h"
#include "qemu/main-loop.h"
#include "qemu/module.h"
#include "qemu/log.h"
#include "qapi/error.h"
#include "qom/object.h"
#include "hw/pci/pci.h"
#include "hw/pci/msix.h"
#include "hw/qdev-properties.h"

#define TYPE_ATX_IOAT "ioat"
OBJECT_DECLARE_SIMPLE_TYPE(AtxIoatState, ATX_IOAT)

/* Atom C2000 ("BWD") I/OAT function 0: RAID capable in the driver */
#define ATX_IOAT_DEVICE_ID      0x0c50
#define ATX_IOAT_CHANS          4
#define ATX_IOAT_XFERCAP_LOG    20      /* 1 MiB per descriptor */
#define ATX_IOAT_VERSION        0x33
#define ATX_IOAT_BAR_SIZE       (16 * KiB)
#define ATX_IOAT_REGS_SIZE      0x1000
#define ATX_IOAT_MSIX_TABLE     0x1000
#define ATX_IOAT_MSIX_PBA       0x1800
#define ATX_IOAT_BLOCK          4096    /* bytes worked on at a time */
#define ATX_IOAT_BATCH          32      /* descriptors per bottom half */
#define ATX_IOAT_MAX_SRCS       8

/*
 * Device registers written or read with a side effect; the read-only
 * ones (CHANCNT 0x00, XFERCAP 0x01, CBVER 0x08, DMA_CAP 0x10, DCAOFFSET
 * 0x14) are composed by dev_reg_qword().
 */
#define R_GENCTRL               0x02
#define R_INTRCTRL              0x03
#define R_ATTNSTATUS            0x04
#define R_INTRDELAY             0x0c

#define INTRCTRL_MASTER         0x01
#define INTRCTRL_STATUS         0x02
#define INTRCTRL_INT            0x04
#define INTRCTRL_MSIX_VC        0x08

#define CAP_FILL                (1u << 6)
#define CAP_XOR                 (1u << 8)
#define CAP_PQ                  (1u << 9)
#define CAP_DWBES               (1u << 13)

/* channel registers, relative to the channel's block */
#define C_CHANCTRL              0x00
#define C_DMA_COMP              0x02
#define C_CHANCMD               0x04
#define C_DMACOUNT              0x06
#define C_CHANSTS               0x08
#define C_CHAINADDR             0x10
#define C_CHANCMP               0x18
#define C_CDAR                  0x20
#define C_CHANERR               0x28
#define C_CHANERR_MASK          0x2c
#define C_DCACTRL               0x30
#define C_END                   0x34

#define CHANCTRL_INT_REARM      0x0001
#define CHANCTRL_ERR_COMPL_EN   0x0004
#define CHANCTRL_ERR_INT_EN     0x0010

#define CHANCMD_SUSPEND         0x04
#define CHANCMD_RESET           0x20

#define STS_ACTIVE              0
#define STS_DONE                1
#define STS_SUSPENDED           2
#define STS_HALTED              3
#define STS_ADDR_MASK           (~0x3fULL)

#define ERR_NEXT_ADDR           (1u << 2)
#define ERR_READ_DATA           (1u << 8)
#define ERR_WRITE_DATA          (1u << 9)
#define ERR_CONTROL             (1u << 10)
#define ERR_P_CHECK             (1u << 16)
#define ERR_Q_CHECK             (1u << 17)

/* descriptor control word */
#define CTL_INT_EN              (1u << 0)
#define CTL_COMPL_WRITE         (1u << 3)
#define CTL_NULL                (1u << 5)
#define CTL_SRC_CNT(c)          (((c) >> 5) & 7)
#define CTL_P_DISABLE           (1u << 11)
#define CTL_Q_DISABLE           (1u << 12)
#define CTL_WB_EN               (1u << 15)
#define CTL_OP(c)               ((c) >> 24)

#define OP_COPY                 0x00
#define OP_FILL                 0x01
#define OP_XOR                  0x87
#define OP_XOR_VAL              0x88
#define OP_PQ                   0x89
#define OP_PQ_VAL               0x8a

/* written back into a pq_val descriptor's first word (DWBES) */
#define WB_P_ERR                (1u << 25)
#define WB_Q_ERR                (1u << 26)
#define WB_VALID                (1u << 31)

/* fault control in config space */
#define CFG_FAULTS              0xf0
#define CFG_FAULT_PERIOD        0xf4
#define CFG_FAULTS_DONE         0xf8
#define CFG_DESCS_DONE          0xfc

#define FAULT_READ              (1u << 0)
#define FAULT_WRITE             (1u << 1)
#define FAULT_MISMATCH          (1u << 2)
#define FAULT_STALL             (1u << 3)
#define FAULT_KINDS             4

typedef struct AtxIoatChan {
    AtxIoatState *dev;
    unsigned int id;
    QEMUBH *bh;

    uint16_t chanctrl;
    uint16_t dmacount;          /* what the driver appended, running */
    uint16_t consumed;          /* descriptors taken since CHAINADDR */
    uint64_t chainaddr;
    uint64_t next;              /* the next descriptor to fetch */
    uint64_t last_done;         /* address of the last one completed */
    unsigned int state;         /* STS_* */
    uint64_t chancmp;
    uint32_t chanerr;
    uint32_t chanerr_mask;
    uint32_t dcactrl;
    bool stalled;               /* a stall fault: nothing runs till reset */
    bool irq_owed;              /* an interrupt waits for INT_REARM */
} AtxIoatChan;

struct AtxIoatState {
    PCIDevice parent_obj;

    MemoryRegion bar;
    MemoryRegion regs;

    uint8_t intrctrl;
    uint8_t genctrl;
    uint16_t intrdelay;
    uint32_t attnstatus;

    uint32_t faults;            /* FAULT_* enabled */
    uint32_t fault_period;
    uint32_t fault_tick;
    uint32_t fault_next;        /* round robin over the kinds */
    uint32_t faults_done;
    uint32_t descs_done;

    AtxIoatChan chan[ATX_IOAT_CHANS];
};

/* GF(2^8) with the RAID-6 polynomial x^8 + x^4 + x^3 + x^2 + 1 */
static uint8_t gf_log[256];
static uint8_t gf_exp[512];

static void gf_tables_init(void)
{
    unsigned int x = 1;
    int i;

    for (i = 0; i < 255; i++) {
        gf_exp[i] = x;
        gf_exp[i + 255] = x;
        gf_log[x] = i;
        x <<= 1;
        if (x & 0x100) {
            x ^= 0x11d;
        }
    }
}

static inline uint8_t gf_mul(uint8_t a, uint8_t b)
{
    if (!a || !b) {
        return 0;
    }
    return gf_exp[gf_log[a] + gf_log[b]];
}

/*
 * Replace the bytes of a FIELD_LEN-byte register at FIELD_OFF that an
 * access of SIZE bytes at ADDR covers with the bytes of VAL.
 */
static uint64_t merge_field(uint64_t old, hwaddr field_off,
                            unsigned int field_len, hwaddr addr,
                            unsigned int size, uint64_t val)
{
    unsigned int i;

    for (i = 0; i < field_len; i++) {
        hwaddr b = field_off + i;

        if (b >= addr && b < addr + size) {
            uint64_t byte = (val >> ((b - addr) * 8)) & 0xff;

            old &= ~(0xffULL << (i * 8));
            old |= byte << (i * 8);
        }
    }
    return old;
}

static bool covers(hwaddr field_off, unsigned int field_len, hwaddr addr,
                   unsigned int size)
{
    return addr < field_off + field_len && field_off < addr + size;
}

/* ---------------------------------------------------------------- */
/* interrupts                                                       */
/* ---------------------------------------------------------------- */

static void ioat_update_intx(AtxIoatState *s)
{
    PCIDevice *pdev = PCI_DEVICE(s);
    bool level = (s->intrctrl & INTRCTRL_MASTER) && s->attnstatus &&
                 !msix_enabled(pdev);

    pci_set_irq(pdev, level);
}

/* An interrupt for @c: now if armed, else when the driver re-arms. */
static void ioat_chan_interrupt(AtxIoatChan *c)
{
    AtxIoatState *s = c->dev;
    PCIDevice *pdev = PCI_DEVICE(s);

    if (!(c->chanctrl & CHANCTRL_INT_REARM)) {
        c->irq_owed = true;
        return;
    }
    c->irq_owed = false;
    c->chanctrl &= ~CHANCTRL_INT_REARM;
    s->attnstatus |= 1u << c->id;
    if (!(s->intrctrl & INTRCTRL_MASTER)) {
        return;
    }
    if (msix_enabled(pdev)) {
        msix_notify(pdev, c->id);
    } else {
        ioat_update_intx(s);
    }
}

/* ---------------------------------------------------------------- */
/* the engine                                                       */
/* ---------------------------------------------------------------- */

static uint64_t chan_status(AtxIoatChan *c)
{
    return (c->last_done & STS_ADDR_MASK) | c->state;
}

static void chan_write_completion(AtxIoatChan *c)
{
    uint64_t v = cpu_to_le64(chan_status(c));

    if (c->chancmp) {
        pci_dma_write(PCI_DEVICE(c->dev), c->chancmp & ~7ULL, &v, sizeof(v));
    }
}

/* Stop on an error: CHANERR, a halted status where the driver looks. */
static void chan_halt(AtxIoatChan *c, uint32_t err)
{
    c->chanerr |= err;
    c->state = STS_HALTED;
    if (c->chanctrl & CHANCTRL_ERR_COMPL_EN) {
        chan_write_completion(c);
    }
    if (c->chanctrl & CHANCTRL_ERR_INT_EN) {
        /* an error interrupt does not wait for the re-arm */
        c->chanctrl |= CHANCTRL_INT_REARM;
        ioat_chan_interrupt(c);
    }
}

/* One descriptor, its extension read when it has one. */
typedef struct AtxDesc {
    uint64_t addr;
    uint64_t f[8];
    uint64_t ext[8];
    bool has_ext;
    uint32_t size;
    uint32_t ctl;
    unsigned int op;
    unsigned int nsrc;
    uint64_t src[ATX_IOAT_MAX_SRCS + 1];
    uint8_t coef[ATX_IOAT_MAX_SRCS];
} AtxDesc;

static bool read_desc(AtxIoatChan *c, uint64_t addr, uint64_t *f)
{
    int i;

    if (pci_dma_read(PCI_DEVICE(c->dev), addr, f, 64) != MEMTX_OK) {
        return false;
    }
    for (i = 0; i < 8; i++) {
        f[i] = le64_to_cpu(f[i]);
    }
    return true;
}

/* Sources in the order the driver lays them out. */
static void desc_sources(AtxDesc *d)
{
    unsigned int i;

    if (d->op == OP_XOR || d->op == OP_XOR_VAL) {
        static const int base[] = { 1, 4, 5, 6, 7 };

        d->nsrc = CTL_SRC_CNT(d->ctl) + 2;
        for (i = 0; i < d->nsrc; i++) {
            d->src[i] = i < 5 ? d->f[base[i]] : d->ext[i - 5];
        }
        if (d->op == OP_XOR_VAL) {
            /* the parity to check is in the destination field */
            d->src[d->nsrc] = d->f[2];
        }
    } else {
        static const int base[] = { 1, 4, 5 };
        static const int ext[] = { 0, 1, 2, 4, 5 };

        d->nsrc = CTL_SRC_CNT(d->ctl) + 2;
        for (i = 0; i < d->nsrc; i++) {
            d->src[i] = i < 3 ? d->f[base[i]] : d->ext[ext[i - 3]];
            d->coef[i] = d->f[6] >> (8 * i);
        }
    }
}

static bool op_is_raid(unsigned int op)
{
    return op == OP_XOR || op == OP_XOR_VAL || op == OP_PQ || op == OP_PQ_VAL;
}

static bool op_has_ext(unsigned int op, uint32_t ctl)
{
    unsigned int n = CTL_SRC_CNT(ctl) + 2;

    if (op == OP_XOR || op == OP_XOR_VAL) {
        return n > 5;
    }
    if (op == OP_PQ || op == OP_PQ_VAL) {
        return n > 3;
    }
    return false;
}

/* The fault this data descriptor takes, or 0. */
static uint32_t pick_fault(AtxIoatState *s, unsigned int op)
{
    bool val = op == OP_XOR_VAL || op == OP_PQ_VAL;
    unsigned int i;

    if (!s->faults || !s->fault_period) {
        return 0;
    }
    if (++s->fault_tick < s->fault_period) {
        return 0;
    }
    for (i = 0; i < FAULT_KINDS; i++) {
        uint32_t k = 1u << ((s->fault_next + i) % FAULT_KINDS);

        if (!(s->faults & k) || (k == FAULT_MISMATCH && !val)) {
            continue;
        }
        s->fault_next = (s->fault_next + i + 1) % FAULT_KINDS;
        s->fault_tick = 0;
        s->faults_done++;
        return k;
    }
    /* only kinds that do not apply here: wait for one that does */
    s->fault_tick = s->fault_period;
    return 0;
}

/*
 * Run a data descriptor.  Returns the CHANERR bits to halt with, or 0;
 * *wb gets the word to write back into a pq_val descriptor (DWBES).
 */
static uint32_t run_data(AtxIoatChan *c, AtxDesc *d, uint32_t fault,
                         uint32_t *wb)
{
    PCIDevice *pdev = PCI_DEVICE(c->dev);
    bool pq = d->op == OP_PQ || d->op == OP_PQ_VAL;
    bool val = d->op == OP_XOR_VAL || d->op == OP_PQ_VAL;
    bool do_p = !pq || !(d->ctl & CTL_P_DISABLE);
    bool do_q = pq && !(d->ctl & CTL_Q_DISABLE);
    unsigned int nin = d->nsrc + (d->op == OP_XOR_VAL ? 1 : 0);
    g_autofree uint8_t *in = NULL;
    uint8_t p[ATX_IOAT_BLOCK], q[ATX_IOAT_BLOCK], chk[ATX_IOAT_BLOCK];
    bool p_bad = false, q_bad = false;
    uint64_t off;
    unsigned int i, j;

    if (fault == FAULT_READ) {
        return ERR_READ_DATA;
    }
    if (fault == FAULT_WRITE) {
        return ERR_WRITE_DATA;
    }
    if (d->op == OP_COPY || d->op == OP_FILL) {
        for (off = 0; off < d->size; off += ATX_IOAT_BLOCK) {
            uint32_t n = MIN(ATX_IOAT_BLOCK, d->size - off);

            if (d->op == OP_COPY) {
                if (pci_dma_read(pdev, d->f[1] + off, p, n) != MEMTX_OK) {
                    return ERR_READ_DATA;
                }
            } else {
                for (i = 0; i < n; i++) {
                    p[i] = d->f[1] >> (8 * ((off + i) & 7));
                }
            }
            if (pci_dma_write(pdev, d->f[2] + off, p, n) != MEMTX_OK) {
                return ERR_WRITE_DATA;
            }
        }
        return 0;
    }

    in = g_malloc((size_t)nin * ATX_IOAT_BLOCK);
    for (off = 0; off < d->size; off += ATX_IOAT_BLOCK) {
        uint32_t n = MIN(ATX_IOAT_BLOCK, d->size - off);

        /* every source first: a destination may also be a source */
        for (j = 0; j < nin; j++) {
            if (pci_dma_read(pdev, d->src[j] + off, in + j * ATX_IOAT_BLOCK,
                             n) != MEMTX_OK) {
                return ERR_READ_DATA;
            }
        }
        memset(p, 0, n);
        memset(q, 0, n);
        for (j = 0; j < nin; j++) {
            const uint8_t *b = in + j * ATX_IOAT_BLOCK;

            for (i = 0; i < n; i++) {
                p[i] ^= b[i];
            }
            if (do_q) {
                for (i = 0; i < n; i++) {
                    q[i] ^= gf_mul(d->coef[j], b[i]);
                }
            }
        }
        if (!val) {
            if (do_p && pci_dma_write(pdev, d->f[2] + off, p, n) != MEMTX_OK) {
                return ERR_WRITE_DATA;
            }
            if (do_q && pci_dma_write(pdev, d->f[7] + off, q, n) !=
                MEMTX_OK) {
                return ERR_WRITE_DATA;
            }
            continue;
        }
        if (d->op == OP_XOR_VAL) {
            /* sources and parity xor to zero when they agree */
            for (i = 0; i < n && !p_bad; i++) {
                p_bad = p[i] != 0;
            }
            continue;
        }
        if (do_p) {
            if (pci_dma_read(pdev, d->f[2] + off, chk, n) != MEMTX_OK) {
                return ERR_READ_DATA;
            }
            p_bad |= memcmp(chk, p, n) != 0;
        }
        if (do_q) {
            if (pci_dma_read(pdev, d->f[7] + off, chk, n) != MEMTX_OK) {
                return ERR_READ_DATA;
            }
            q_bad |= memcmp(chk, q, n) != 0;
        }
    }
    if (fault == FAULT_MISMATCH) {
        if (do_p) {
            p_bad = true;
        } else {
            q_bad = true;
        }
    }
    if (!val) {
        return 0;
    }
    if (d->op == OP_PQ_VAL && (d->ctl & CTL_WB_EN)) {
        *wb = WB_VALID | (p_bad ? WB_P_ERR : 0) | (q_bad ? WB_Q_ERR : 0);
        return 0;
    }
    return (p_bad ? ERR_P_CHECK : 0) | (q_bad ? ERR_Q_CHECK : 0);
}

/*
 * Fetch, run and complete the descriptor at c->next.  False when the
 * channel cannot go on (nothing appended, halted, stalled).
 */
static bool chan_step(AtxIoatChan *c)
{
    AtxIoatState *s = c->dev;
    uint16_t avail = c->dmacount - c->consumed;
    uint32_t err = 0, fault = 0, wb = 0;
    AtxDesc d = { .addr = c->next };
    unsigned int used = 1;

    if (c->state != STS_ACTIVE && c->state != STS_DONE) {
        return false;
    }
    if (c->stalled) {
        return false;
    }
    if (!avail) {
        c->state = STS_DONE;
        return false;
    }
    c->state = STS_ACTIVE;
    if (!read_desc(c, d.addr, d.f)) {
        chan_halt(c, ERR_NEXT_ADDR);
        return false;
    }
    d.size = d.f[0];
    d.ctl = d.f[0] >> 32;
    d.op = CTL_OP(d.ctl);
    d.has_ext = op_has_ext(d.op, d.ctl);
    if (d.has_ext) {
        if (avail < 2) {
            /* the driver appends both halves; wait for the second */
            return false;
        }
        if (!read_desc(c, d.f[3], d.ext)) {
            chan_halt(c, ERR_NEXT_ADDR);
            return false;
        }
        used = 2;
    }

    if (d.op == OP_COPY && (d.ctl & CTL_NULL)) {
        /* a null descriptor: completion and interrupt only */
    } else if (d.op == OP_COPY || d.op == OP_FILL || op_is_raid(d.op)) {
        if (op_is_raid(d.op)) {
            desc_sources(&d);
        }
        fault = pick_fault(s, d.op);
        if (fault == FAULT_STALL) {
            /* looks busy, does nothing: only a reset ends it */
            c->stalled = true;
            return false;
        }
        err = run_data(c, &d, fault, &wb);
        s->descs_done++;
    } else {
        qemu_log_mask(LOG_GUEST_ERROR, "ioat: chan %u: op %#x unknown\n",
                      c->id, d.op);
        err = ERR_CONTROL;
    }
    if (err) {
        chan_halt(c, err);
        return false;
    }
    if (wb) {
        uint32_t w = cpu_to_le32((d.size & 0x1ffffff) | wb);

        pci_dma_write(PCI_DEVICE(s), d.addr, &w, sizeof(w));
    }

    c->consumed += used;
    c->last_done = d.addr;
    c->next = d.has_ext ? d.ext[3] : d.f[3];
    c->state = c->consumed == c->dmacount ? STS_DONE : STS_ACTIVE;
    if (d.ctl & CTL_COMPL_WRITE) {
        chan_write_completion(c);
    }
    if (d.ctl & CTL_INT_EN) {
        ioat_chan_interrupt(c);
    }
    return true;
}

static void ioat_chan_bh(void *opaque)
{
    AtxIoatChan *c = opaque;
    int n;

    for (n = 0; n < ATX_IOAT_BATCH; n++) {
        if (!chan_step(c)) {
            return;
        }
    }
    /* more to do: let the vCPUs in between */
    qemu_bh_schedule(c->bh);
}

static void chan_reset(AtxIoatChan *c)
{
    qemu_bh_cancel(c->bh);
    c->dmacount = 0;
    c->consumed = 0;
    c->chainaddr = 0;
    c->next = 0;
    c->chanerr = 0;
    c->stalled = false;
    c->irq_owed = false;
    c->state = STS_SUSPENDED;
}

/* ---------------------------------------------------------------- */
/* registers                                                        */
/* ---------------------------------------------------------------- */

static uint64_t chan_reg_qword(AtxIoatChan *c, hwaddr q)
{
    switch (q) {
    case 0x00:
        return c->chanctrl | (uint64_t)0x0002 << 16 |
               (uint64_t)c->dmacount << 48;
    case 0x08:
        return chan_status(c);
    case 0x10:
        return c->chainaddr;
    case 0x18:
        return c->chancmp;
    case 0x20:
        return c->next;
    case 0x28:
        return c->chanerr | (uint64_t)c->chanerr_mask << 32;
    case 0x30:
        return c->dcactrl;
    default:
        return 0;
    }
}

static uint64_t dev_reg_qword(AtxIoatState *s, hwaddr q, bool clear_attn)
{
    uint64_t v = 0;
    uint8_t intr;

    switch (q) {
    case 0x00:
        intr = s->intrctrl & (INTRCTRL_MASTER | INTRCTRL_MSIX_VC);
        if (s->attnstatus) {
            intr |= INTRCTRL_STATUS;
            if (s->intrctrl & INTRCTRL_MASTER) {
                intr |= INTRCTRL_INT;
            }
        }
        v = ATX_IOAT_CHANS | ATX_IOAT_XFERCAP_LOG << 8 |
            (uint64_t)s->genctrl << 16 | (uint64_t)intr << 24 |
            (uint64_t)s->attnstatus << 32;
        if (clear_attn) {
            s->attnstatus = 0;
            ioat_update_intx(s);
        }
        return v;
    case 0x08:
        return ATX_IOAT_VERSION | (uint64_t)s->intrdelay << 32;
    case 0x10:
        /* DCAOFFSET (0x14) stays 0: no DCA */
        return CAP_FILL | CAP_XOR | CAP_PQ | CAP_DWBES;
    default:
        return 0;
    }
}

static uint64_t ioat_read(void *opaque, hwaddr addr, unsigned int size)
{
    AtxIoatState *s = opaque;
    hwaddr q = addr & ~7ULL;
    unsigned int shift = (addr & 7) * 8;
    uint64_t v;

    if (addr + size > q + 8) {
        qemu_log_mask(LOG_GUEST_ERROR, "ioat: unaligned read at %#"
                      HWADDR_PRIx "\n", addr);
        return 0;
    }
    if (addr < 0x80) {
        v = dev_reg_qword(s, q, covers(R_ATTNSTATUS, 4, addr, size));
    } else {
        unsigned int n = addr / 0x80 - 1;

        if (n >= ATX_IOAT_CHANS) {
            return 0;
        }
        v = chan_reg_qword(&s->chan[n], q & 0x7f);
    }
    v >>= shift;
    return size == 8 ? v : v & ((1ULL << (size * 8)) - 1);
}

static void chan_write(AtxIoatChan *c, hwaddr a, unsigned int size,
                       uint64_t val)
{
    bool kick = false;

    if (covers(C_CHANCTRL, 2, a, size)) {
        c->chanctrl = merge_field(c->chanctrl, C_CHANCTRL, 2, a, size, val);
        if ((c->chanctrl & CHANCTRL_INT_REARM) && c->irq_owed) {
            ioat_chan_interrupt(c);
        }
    }
    if (covers(C_CHANCMD, 1, a, size)) {
        uint8_t cmd = merge_field(0, C_CHANCMD, 1, a, size, val);

        if (cmd & CHANCMD_RESET) {
            chan_reset(c);
        } else if ((cmd & CHANCMD_SUSPEND) &&
                   (c->state == STS_ACTIVE || c->state == STS_DONE)) {
            qemu_bh_cancel(c->bh);
            c->state = STS_SUSPENDED;
        }
    }
    if (covers(C_CHAINADDR, 8, a, size)) {
        c->chainaddr = merge_field(c->chainaddr, C_CHAINADDR, 8, a, size,
                                   val);
        /* a new chain: count from here, ready to run */
        c->next = c->chainaddr;
        c->consumed = 0;
        if (c->state == STS_SUSPENDED || c->state == STS_HALTED) {
            c->state = STS_DONE;
        }
    }
    if (covers(C_DMACOUNT, 2, a, size)) {
        c->dmacount = merge_field(c->dmacount, C_DMACOUNT, 2, a, size, val);
        kick = true;
    }
    if (covers(C_CHANCMP, 8, a, size)) {
        c->chancmp = merge_field(c->chancmp, C_CHANCMP, 8, a, size, val);
    }
    if (covers(C_CHANERR, 4, a, size)) {
        /* write one to clear */
        c->chanerr &= ~(uint32_t)merge_field(0, C_CHANERR, 4, a, size, val);
    }
    if (covers(C_CHANERR_MASK, 4, a, size)) {
        c->chanerr_mask = merge_field(c->chanerr_mask, C_CHANERR_MASK, 4, a,
                                      size, val);
    }
    if (covers(C_DCACTRL, 4, a, size)) {
        c->dcactrl = merge_field(c->dcactrl, C_DCACTRL, 4, a, size, val);
    }
    if (kick && (c->state == STS_ACTIVE || c->state == STS_DONE) &&
        !c->stalled && c->consumed != c->dmacount) {
        c->state = STS_ACTIVE;
        qemu_bh_schedule(c->bh);
    }
}

static void ioat_write(void *opaque, hwaddr addr, uint64_t val,
                       unsigned int size)
{
    AtxIoatState *s = opaque;

    if (addr >= 0x80) {
        unsigned int n = addr / 0x80 - 1;

        if (n < ATX_IOAT_CHANS && (addr & 0x7f) < C_END) {
            chan_write(&s->chan[n], addr & 0x7f, size, val);
        }
        return;
    }
    if (covers(R_GENCTRL, 1, addr, size)) {
        s->genctrl = merge_field(s->genctrl, R_GENCTRL, 1, addr, size, val);
    }
    if (covers(R_INTRCTRL, 1, addr, size)) {
        uint8_t v = merge_field(0, R_INTRCTRL, 1, addr, size, val);

        s->intrctrl = v & (INTRCTRL_MASTER | INTRCTRL_MSIX_VC);
        ioat_update_intx(s);
    }
    if (covers(R_INTRDELAY, 2, addr, size)) {
        s->intrdelay = merge_field(s->intrdelay, R_INTRDELAY, 2, addr, size,
                                   val) & 0x3fff;
    }
}

static const MemoryRegionOps ioat_reg_ops = {
    .read = ioat_read,
    .write = ioat_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 1,
        .max_access_size = 8,
    },
    .impl = {
        .min_access_size = 1,
        .max_access_size = 8,
    },
};

/* ---------------------------------------------------------------- */
/* config space: the fault controls                                 */
/* ---------------------------------------------------------------- */

static uint32_t ioat_config_read(PCIDevice *pdev, uint32_t addr, int len)
{
    AtxIoatState *s = ATX_IOAT(pdev);
    uint32_t regs[4] = { s->faults, s->fault_period, s->faults_done,
                         s->descs_done };

    if (addr >= CFG_FAULTS && addr + len <= CFG_FAULTS + 16) {
        unsigned int r = (addr - CFG_FAULTS) / 4;
        unsigned int shift = ((addr - CFG_FAULTS) & 3) * 8;

        if (((addr - CFG_FAULTS) & 3) + len > 4) {
            return 0;
        }
        return len == 4 ? regs[r] : (regs[r] >> shift) &
               ((1u << (len * 8)) - 1);
    }
    return pci_default_read_config(pdev, addr, len);
}

static void ioat_config_write(PCIDevice *pdev, uint32_t addr, uint32_t val,
                              int len)
{
    AtxIoatState *s = ATX_IOAT(pdev);

    if (addr >= CFG_FAULTS && addr + len <= CFG_FAULTS + 16) {
        if (covers(CFG_FAULTS, 4, addr, len)) {
            s->faults = merge_field(s->faults, CFG_FAULTS, 4, addr, len,
                                    val) & 0xf;
            s->fault_tick = 0;
        }
        if (covers(CFG_FAULT_PERIOD, 4, addr, len)) {
            s->fault_period = merge_field(s->fault_period, CFG_FAULT_PERIOD,
                                          4, addr, len, val);
            s->fault_tick = 0;
        }
        return;
    }
    pci_default_write_config(pdev, addr, val, len);
}

/* ---------------------------------------------------------------- */
/* the device                                                       */
/* ---------------------------------------------------------------- */

static void ioat_realize(PCIDevice *pdev, Error **errp)
{
    AtxIoatState *s = ATX_IOAT(pdev);
    DeviceState *dev = DEVICE(pdev);
    unsigned int i;

    pci_config_set_interrupt_pin(pdev->config, 1);

    memory_region_init(&s->bar, OBJECT(s), "ioat-bar0", ATX_IOAT_BAR_SIZE);
    memory_region_init_io(&s->regs, OBJECT(s), &ioat_reg_ops, s, "ioat-regs",
                          ATX_IOAT_REGS_SIZE);
    memory_region_add_subregion(&s->bar, 0, &s->regs);
    if (msix_init(pdev, ATX_IOAT_CHANS, &s->bar, 0, ATX_IOAT_MSIX_TABLE,
                  &s->bar, 0, ATX_IOAT_MSIX_PBA, 0, errp)) {
        return;
    }
    for (i = 0; i < ATX_IOAT_CHANS; i++) {
        msix_vector_use(pdev, i);
    }
    pci_register_bar(pdev, 0, PCI_BASE_ADDRESS_SPACE_MEMORY |
                     PCI_BASE_ADDRESS_MEM_TYPE_64, &s->bar);

    for (i = 0; i < ATX_IOAT_CHANS; i++) {
        AtxIoatChan *c = &s->chan[i];

        c->dev = s;
        c->id = i;
        c->bh = qemu_bh_new_guarded(ioat_chan_bh, c,
                                    &dev->mem_reentrancy_guard);
        chan_reset(c);
    }
}

static void ioat_exit(PCIDevice *pdev)
{
    AtxIoatState *s = ATX_IOAT(pdev);
    unsigned int i;

    for (i = 0; i < ATX_IOAT_CHANS; i++) {
        qemu_bh_delete(s->chan[i].bh);
    }
    msix_uninit(pdev, &s->bar, &s->bar);
}

static void ioat_reset(DeviceState *dev)
{
    AtxIoatState *s = ATX_IOAT(dev);
    unsigned int i;

    s->intrctrl = 0;
    s->genctrl = 0;
    s->intrdelay = 0;
    s->attnstatus = 0;
    for (i = 0; i < ATX_IOAT_CHANS; i++) {
        AtxIoatChan *c = &s->chan[i];

        chan_reset(c);
        c->chanctrl = 0;
        c->chancmp = 0;
        c->chanerr_mask = 0;
        c->dcactrl = 0;
        c->last_done = 0;
    }
    msix_reset(PCI_DEVICE(dev));
}

static Property ioat_properties[] = {
    DEFINE_PROP_UINT32("faults", AtxIoatState, faults, 0),
    DEFINE_PROP_UINT32("fault-period", AtxIoatState, fault_period, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void ioat_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    gf_tables_init();
    k->realize = ioat_realize;
    k->exit = ioat_exit;
    k->config_read = ioat_config_read;
    k->config_write = ioat_config_write;
    k->vendor_id = PCI_VENDOR_ID_INTEL;
    k->device_id = ATX_IOAT_DEVICE_ID;
    k->revision = 0;
    k->class_id = PCI_CLASS_SYSTEM_OTHER;
    dc->desc = "I/OAT CB3.3 DMA engine (async_tx test model)";
    dc->reset = ioat_reset;
    set_bit(DEVICE_CATEGORY_MISC, dc->categories);
    device_class_set_props(dc, ioat_properties);
}

static const TypeInfo ioat_info = {
    .name = TYPE_ATX_IOAT,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(AtxIoatState),
    .class_init = ioat_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    },
};

static void ioat_register_types(void)
{
    type_register_static(&ioat_info);
}

type_init(ioat_register_types)
