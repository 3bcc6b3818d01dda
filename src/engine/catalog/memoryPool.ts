import type { LinkId } from './interconnect'
import type { SystemSpecId } from './systems'
import type { Cited } from './sources'

/**
 * Where prefix-cache KV blocks live when no NPU holds them: the CPU DRAM of the nodes (the EMS
 * pool of CloudMatrix-Infer, host memory elsewhere), and the link a device reads them over.
 */
export interface MemoryPoolSpec {
  gbPerNode: number
  readLink: LinkId
}

export const memoryPool: Record<SystemSpecId, Cited<MemoryPoolSpec>> = {
  cloudmatrix384: {
    gbPerNode: 1024,
    readLink: 'ub-die-measured-write',
    sources: {
      gbPerNode:
        "assumed: [CM] 4 builds the pool from the nodes' CPU DRAM but does not publish its size; 1 TB per node of 4 Kunpeng CPUs",
      readLink:
        '[CM] Table 1: NPU-CPU traffic over UB (the measured NPU-NPU write rate, 135 GB/s, is the lower of the two)'
    }
  },
  'hgx-h800-cluster': {
    gbPerNode: 1024,
    readLink: 'ib-cx7',
    sources: {
      gbPerNode: 'assumed: host DRAM of an HGX node, 1 TB (not published for these deployments)',
      readLink: "assumed: a remote node's cache arrives over the GPU's 400 Gb/s NIC"
    }
  },
  'hgx-h100-cluster': {
    gbPerNode: 1024,
    readLink: 'ib-cx7',
    sources: {
      gbPerNode: 'assumed: host DRAM of an HGX node, 1 TB (not published for these deployments)',
      readLink: "assumed: a remote node's cache arrives over the GPU's 400 Gb/s NIC"
    }
  },
  'gb200-nvl72': {
    gbPerNode: 960,
    readLink: 'nvlink-b200',
    sources: {
      gbPerNode:
        '[NV]: a GB200 superchip pairs one Grace CPU (480 GB LPDDR5X) with two B200: 2 Grace CPUs per 4-GPU tray',
      readLink: '[NV]: Grace-Blackwell NVLink-C2C and NVLink; the GPU link is the narrower'
    }
  }
}
