import type { SystemSpecId } from './systems'
import type { Cited } from './sources'

/**
 * Power of a system at full load, per chip, everything included (the chip, its share of CPUs,
 * switches, optics, cooling). Power at lower load is modelled as a fixed idle share plus a part
 * proportional to compute utilization (see `idleShare`).
 */
export interface PowerSpec {
  allInPerChipW: number
  /** share of full-load power drawn when the chips are idle */
  idleShare: number
}

export const power: Record<SystemSpecId, Cited<PowerSpec>> = {
  cloudmatrix384: {
    allInPerChipW: 559_000 / 384,
    idleShare: 0.35,
    sources: {
      allInPerChipW: '[SA]: about 559 kW for the supernode all-in / 384 NPUs (derived)',
      idleShare:
        'assumed: not published; about a third of full-load power is typical of accelerator servers at idle'
    }
  },
  'hgx-h800-cluster': {
    allInPerChipW: 10_200 / 8,
    idleShare: 0.35,
    sources: {
      allInPerChipW:
        '[NV]: DGX/HGX H100-class node, 10.2 kW maximum for 8 GPUs (H800 the same board power, 700 W)',
      idleShare:
        'assumed: not published; about a third of full-load power is typical of accelerator servers at idle'
    }
  },
  'hgx-h100-cluster': {
    allInPerChipW: 10_200 / 8,
    idleShare: 0.35,
    sources: {
      allInPerChipW: '[NV]: DGX H100 node, 10.2 kW maximum for 8 GPUs',
      idleShare:
        'assumed: not published; about a third of full-load power is typical of accelerator servers at idle'
    }
  },
  'gb200-nvl72': {
    allInPerChipW: 145_000 / 72,
    idleShare: 0.35,
    sources: {
      allInPerChipW: '[SA]; baselines.md: about 145 kW per NVL72 rack / 72 GPUs (derived)',
      idleShare:
        'assumed: not published; about a third of full-load power is typical of accelerator servers at idle'
    }
  }
}
