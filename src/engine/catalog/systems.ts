import type { ChipId } from './chips'
import type { LinkId } from './interconnect'
import type { Cited } from './sources'

/** A machine: how many chips, how they group into nodes and into one scale-up domain. */
export interface SystemSpec {
  id: SystemSpecId
  name: string
  chip: ChipId
  chips: number
  chipsPerNode: number
  /** devices that reach each other over the scale-up fabric without a NIC */
  scaleUpDomainDevices: number
  scaleUpLink: LinkId
  scaleOutLink: LinkId
}

export type SystemSpecId =
  'cloudmatrix384' | 'hgx-h800-cluster' | 'hgx-h100-cluster' | 'gb200-nvl72'

export const systems: Record<SystemSpecId, Cited<SystemSpec>> = {
  cloudmatrix384: {
    id: 'cloudmatrix384',
    name: 'Huawei CloudMatrix384',
    chip: 'ascend-910c',
    chips: 384,
    chipsPerNode: 8,
    scaleUpDomainDevices: 768,
    scaleUpLink: 'ub-die',
    scaleOutLink: 'rdma-910c-die',
    sources: {
      chips: '[CM] 3.3: 384 Ascend 910C NPUs in 48 nodes',
      chipsPerNode: '[CM] 3.3: 8 NPUs per node',
      scaleUpDomainDevices:
        '[CM] 3.3: one UB domain, all-to-all, one switch hop between any two NPUs (768 dies)'
    }
  },
  'hgx-h800-cluster': {
    id: 'hgx-h800-cluster',
    name: 'NVIDIA HGX H800 cluster (DeepSeek)',
    chip: 'h800',
    chips: 160,
    chipsPerNode: 8,
    scaleUpDomainDevices: 8,
    scaleUpLink: 'nvlink-h800',
    scaleOutLink: 'ib-cx7',
    sources: {
      chips: '[DS-day6]: prefill 4 nodes + decode 16 nodes (profile runs) = 160 GPUs',
      chipsPerNode: '[CM] 3.5.1; [DeepEP]: HGX node of 8 GPUs on NVSwitch',
      scaleUpDomainDevices: '[NV]: NVLink spans one HGX node'
    }
  },
  'hgx-h100-cluster': {
    id: 'hgx-h100-cluster',
    name: 'NVIDIA HGX H100 cluster (SGLang)',
    chip: 'h100',
    chips: 104,
    chipsPerNode: 8,
    scaleUpDomainDevices: 8,
    scaleUpLink: 'nvlink-h100',
    scaleOutLink: 'ib-cx7',
    sources: {
      chips:
        "[SGL]: prefill on 4 nodes and decode on 9 nodes = 13 nodes of 8 GPUs (the blog's title counts 96 GPUs; the layout it describes needs 104)",
      chipsPerNode: '[SGL]: 8 GPUs per node',
      scaleUpDomainDevices: '[NV]: NVLink spans one HGX node'
    }
  },
  'gb200-nvl72': {
    id: 'gb200-nvl72',
    name: 'NVIDIA GB200 NVL72',
    chip: 'b200',
    chips: 72,
    chipsPerNode: 4,
    scaleUpDomainDevices: 72,
    scaleUpLink: 'nvlink-b200',
    scaleOutLink: 'ib-cx7',
    sources: {
      chips: '[SA]; baselines.md: 72 GPUs and 36 Grace CPUs in one NVLink domain',
      chipsPerNode: 'baselines.md: 18 compute trays of 4 GPUs',
      scaleUpDomainDevices: 'baselines.md: one NVLink domain of 72 GPUs'
    }
  }
}
