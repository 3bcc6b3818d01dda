import type { Cited } from './sources'

/**
 * Links between devices, one direction, GB/s. A device reaches its peers over a scale-up
 * fabric (UB, NVLink) and, beyond it, over a scale-out NIC (RDMA / InfiniBand).
 */
export interface LinkSpec {
  id: LinkId
  name: string
  /** per device, one direction */
  gbPerSecond: number
  /** small-message latency, microseconds, where measured */
  latencyUs: number | null
}

export type LinkId =
  | 'ub-die'
  | 'ub-die-measured-write'
  | 'die-to-die'
  | 'ub-switch-port'
  | 'ub-cpu'
  | 'rdma-910c-die'
  | 'nvlink-h800'
  | 'nvlink-h100'
  | 'nvlink-b200'
  | 'ib-cx7'
  | 'hgx-frontend'

export const links: Record<LinkId, Cited<LinkSpec>> = {
  'ub-die': {
    id: 'ub-die',
    name: 'Unified Bus, per 910C die',
    gbPerSecond: 196,
    latencyUs: 1.9,
    sources: {
      gbPerSecond: '[CM] 3.2: 7 links x 224 Gbps = 196 GB/s one way per die',
      latencyUs: '[CM] Table 1: NPU-NPU read, inter-node, 512 B'
    }
  },
  'ub-die-measured-write': {
    id: 'ub-die-measured-write',
    name: 'Unified Bus, NPU-NPU write as measured, inter-node',
    gbPerSecond: 135,
    latencyUs: 2.1,
    sources: {
      gbPerSecond: '[CM] Table 1: NPU-NPU write, inter-node 135 GB/s',
      latencyUs: '[CM] Table 1: NPU-NPU write, inter-node, 512 B'
    }
  },
  'die-to-die': {
    id: 'die-to-die',
    name: '910C die-to-die',
    gbPerSecond: 270,
    latencyUs: null,
    sources: { gbPerSecond: '[CM] 3.2: 540 GB/s total, 270 GB/s each direction' }
  },
  'ub-switch-port': {
    id: 'ub-switch-port',
    name: 'UB L1/L2 switch port',
    gbPerSecond: 28,
    latencyUs: null,
    sources: {
      gbPerSecond: '[CM] 3.3: 16 uplinks x 28 GB/s per L1 chip; 48 ports x 28 GB/s per L2 chip'
    }
  },
  'ub-cpu': {
    id: 'ub-cpu',
    name: 'Unified Bus, per Kunpeng CPU',
    gbPerSecond: 160,
    latencyUs: null,
    sources: { gbPerSecond: '[CM] 3.3: about 160 GB/s of UB bandwidth per CPU' }
  },
  'rdma-910c-die': {
    id: 'rdma-910c-die',
    name: 'RDMA (scale-out), per 910C die',
    gbPerSecond: 25,
    latencyUs: null,
    sources: { gbPerSecond: '[CM] 3.2: 200 Gbps one way per die (400 Gbps per package)' }
  },
  'nvlink-h800': {
    id: 'nvlink-h800',
    name: 'NVLink (H800)',
    gbPerSecond: 200,
    latencyUs: null,
    sources: { gbPerSecond: '[NV]; baselines.md: 400 GB/s bidirectional' }
  },
  'nvlink-h100': {
    id: 'nvlink-h100',
    name: 'NVLink 4 (H100, H200)',
    gbPerSecond: 450,
    latencyUs: null,
    sources: { gbPerSecond: '[NV]; baselines.md: 900 GB/s bidirectional' }
  },
  'nvlink-b200': {
    id: 'nvlink-b200',
    name: 'NVLink 5 (B200)',
    gbPerSecond: 900,
    latencyUs: null,
    sources: { gbPerSecond: '[NV]; baselines.md: 1,800 GB/s bidirectional' }
  },
  'ib-cx7': {
    id: 'ib-cx7',
    name: 'InfiniBand CX7 400 Gb/s, per GPU',
    gbPerSecond: 50,
    latencyUs: null,
    sources: { gbPerSecond: '[DeepEP]: one 400 Gb/s CX7 per GPU; about 50 GB/s is its ceiling' }
  },
  'hgx-frontend': {
    id: 'hgx-frontend',
    name: 'Front-end (VPC) network, per HGX node',
    gbPerSecond: 50,
    latencyUs: null,
    sources: {
      gbPerSecond:
        'assumed: the reference gives no front-end network figure for HGX nodes; taken as 400 Gb/s per node, as the VPC plane of CloudMatrix384 ([CM] 3.3). It carries only prompts and answers, so it limits nothing'
    }
  }
}

/**
 * A measured expert-parallel dispatch/combine kernel: latency and "algorithmic bandwidth"
 * (tokens x top-k x bytes per token / latency) at a number of tokens per rank, by EP degree.
 */
export interface ExpertCommTable {
  id: ExpertCommId
  name: string
  /** tokens per rank at which the rows were measured */
  tokensPerRank: number
  /** what the bandwidth figures count: every top-k copy, or only copies that cross the NIC */
  counts: 'all-copies' | 'remote-node-copies'
  rows: {
    ep: number
    dispatchUs: number | null
    dispatchGBps: number
    combineUs: number | null
    combineGBps: number
  }[]
  source: string
}

export type ExpertCommId = 'ub-910c' | 'deepep-low-latency' | 'deepep-normal'

export const expertCommTables: Record<ExpertCommId, ExpertCommTable> = {
  'ub-910c': {
    id: 'ub-910c',
    name: 'CloudMatrix-Infer dispatch / combine over UB',
    tokensPerRank: 128,
    counts: 'all-copies',
    rows: [
      { ep: 8, dispatchUs: 116, dispatchGBps: 71, combineUs: 118, combineGBps: 131 },
      { ep: 16, dispatchUs: 131, dispatchGBps: 63, combineUs: 132, combineGBps: 117 },
      { ep: 32, dispatchUs: 133, dispatchGBps: 62, combineUs: 146, combineGBps: 105 },
      { ep: 64, dispatchUs: 141, dispatchGBps: 58, combineUs: 150, combineGBps: 103 },
      { ep: 128, dispatchUs: 152, dispatchGBps: 54, combineUs: 150, combineGBps: 103 },
      { ep: 256, dispatchUs: 152, dispatchGBps: 54, combineUs: 149, combineGBps: 103 }
    ],
    source: '[CM] 5.x: EP dispatch / combine, batch 128 tokens per rank, per die'
  },
  'deepep-low-latency': {
    id: 'deepep-low-latency',
    name: 'DeepEP low-latency kernels over RDMA (H800 + CX7)',
    tokensPerRank: 128,
    counts: 'all-copies',
    rows: [
      { ep: 8, dispatchUs: 163, dispatchGBps: 46, combineUs: 318, combineGBps: 46 },
      { ep: 16, dispatchUs: 173, dispatchGBps: 43, combineUs: 329, combineGBps: 44 },
      { ep: 32, dispatchUs: 182, dispatchGBps: 41, combineUs: 350, combineGBps: 41 },
      { ep: 64, dispatchUs: 186, dispatchGBps: 40, combineUs: 353, combineGBps: 41 },
      { ep: 128, dispatchUs: 192, dispatchGBps: 39, combineUs: 369, combineGBps: 39 },
      { ep: 256, dispatchUs: 194, dispatchGBps: 39, combineUs: 360, combineGBps: 40 }
    ],
    source: '[CM] Table 7 (DeepEP low-latency kernels, batch 128 tokens per rank)'
  },
  'deepep-normal': {
    id: 'deepep-normal',
    name: 'DeepEP normal kernels, RDMA with NVLink forwarding (H800 + CX7)',
    tokensPerRank: 4096,
    counts: 'remote-node-copies',
    rows: [
      { ep: 16, dispatchUs: null, dispatchGBps: 43, combineUs: null, combineGBps: 43 },
      { ep: 32, dispatchUs: null, dispatchGBps: 44, combineUs: null, combineGBps: 47 },
      { ep: 64, dispatchUs: null, dispatchGBps: 46, combineUs: null, combineGBps: 45 }
    ],
    source:
      '[DeepEP] normal kernels, 4,096 tokens, FP8 dispatch, BF16 combine: internode RDMA bottleneck bandwidth'
  }
}

/**
 * DeepEP's intranode normal kernels reach 153 / 158 GB/s over H800 NVLink ([DeepEP]), whose
 * spec is 200 GB/s one way: the share of NVLink an all-to-all achieves. Used to cost
 * all-NVLink expert parallelism (GB200 NVL72), for which the reference has no measurement.
 */
export const NVLINK_ALL_TO_ALL_SHARE = { dispatch: 153 / 200, combine: 158 / 200 }
