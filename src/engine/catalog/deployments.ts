import type { Precision } from './chips'
import type { ExpertCommId, LinkId } from './interconnect'
import type { SystemSpecId } from './systems'

import { SYSTEM_IDS, type SystemId } from '../../shared/systems'

/** A system as it serves the model: the system ids of shared/systems.ts, one deployment each. */
export type SetupId = SystemId
export const SETUP_IDS: readonly SetupId[] = SYSTEM_IDS

/** Operators of one transformer layer, the unit the pipeline places on streams. */
export type LayerOperator =
  | 'mla.projections'
  | 'mla.core'
  | 'mla.exchange'
  | 'moe.gate'
  | 'moe.dispatch'
  | 'moe.experts'
  | 'moe.combine'
  | 'ffn.dense'

export interface OperatorPrecision {
  mlaProjections: Precision
  attentionCore: Precision
  experts: Precision
  denseFfn: Precision
  lmHead: Precision
  kvCache: Precision
}

/**
 * How one layer's work overlaps: the batch is cut into micro-batches, each operator runs on a
 * stream, and each stream holds a share of the device's compute units (Ascend partitions its
 * AI-core groups between concurrent streams; on NVIDIA a communication kernel may hold SMs).
 */
export interface Pipeline {
  microBatches: number
  streams: Record<string, number>
  placement: Record<LayerOperator, string>
  source: string
}

export interface ExpertLayout {
  /** expert-parallel ranks (devices) */
  ranks: number
  redundantExperts: number
  /** the shared expert: on every rank for its own tokens, or on dedicated ranks */
  sharedExpert: 'every-rank' | { dedicatedRanks: number }
  source: string
}

export interface ExpertComm {
  /** measured dispatch/combine table, or null to cost from the scale-up link alone */
  table: ExpertCommId | null
  dispatchBytesPerToken: number
  combineBytesPerToken: number
  /** HBM preallocated for dispatch/combine per device, where published */
  buffersGB?: number
  source: string
}

export type AttentionLayout =
  | { kind: 'data-parallel'; source: string }
  | { kind: 'staged'; tensorParallel: number; link: LinkId; source: string }

export interface PhaseLayout {
  /** chips in one instance of this phase */
  chipsPerInstance: number
  experts: ExpertLayout
  pipeline: Pipeline
  comm: ExpertComm
  attention: AttentionLayout
}

export interface Deployment {
  id: SetupId
  name: string
  system: SystemSpecId
  precision: OperatorPrecision
  precisionSource: string
  decode: PhaseLayout & {
    defaults: { batchPerChip: number; kvTokens: number; mtpAcceptance: number; source: string }
  }
  prefill: PhaseLayout & {
    instances: number
    defaults: { promptTokens: number; tokensPerChip: number; eplb: Balancer; source: string }
  }
  /** link that carries KV caches from prefill to decode */
  kvTransferLink: LinkId
}

export type Balancer = 'perfect' | 'default'

const MLA: LayerOperator[] = ['mla.projections', 'mla.core', 'mla.exchange']
const MOE: LayerOperator[] = ['moe.gate', 'moe.dispatch', 'moe.experts', 'moe.combine', 'ffn.dense']
const COMM: LayerOperator[] = ['moe.dispatch', 'moe.combine', 'mla.exchange']

function place(streams: Record<string, LayerOperator[]>): Record<LayerOperator, string> {
  const placement = {} as Record<LayerOperator, string>
  for (const [stream, operators] of Object.entries(streams)) {
    for (const op of operators) placement[op] = stream
  }
  return placement
}

const computeAndCommunication = (commShare: number, source: string): Pipeline => ({
  microBatches: 2,
  streams: { compute: 1 - commShare, communication: commShare },
  placement: place({
    compute: ['mla.projections', 'mla.core', 'moe.gate', 'moe.experts', 'ffn.dense'],
    communication: COMM
  }),
  source
})

/**
 * GPUs: DeepEP's dispatch and combine are kernels on the same SMs the computation uses, so a
 * micro-batch's communication and the other's computation take turns rather than run side by
 * side (Ascend, by contrast, partitions its AI-core groups between streams). Assumed, and the
 * conservative reading of the two-batch overlap of [DS-day6] and [SGL]: crediting it with
 * hiding all communication would put H100 prefill near 2x any figure SGLang has published.
 */
const sharedSms = (source: string): Pipeline => ({
  microBatches: 2,
  streams: { sm: 1 },
  placement: place({ sm: [...MLA, ...MOE] }),
  source
})

/** FP8 activations with one FP32 scale per 128 channels: 7,168 + 56 x 4 bytes. */
const FP8_DISPATCH_BYTES = 7168 + (7168 / 128) * 4
const BF16_COMBINE_BYTES = 7168 * 2

const NVIDIA_PRECISION: OperatorPrecision = {
  mlaProjections: 'fp8',
  attentionCore: 'bf16',
  experts: 'fp8',
  denseFfn: 'fp8',
  lmHead: 'bf16',
  kvCache: 'bf16'
}
const NVIDIA_PRECISION_SOURCE =
  '[DS-day6]: FP8 GEMMs and dispatch, BF16 MLA core and combine; [DS-V3] README_WEIGHTS.md: embedding and LM head stay BF16'

export const deployments: Record<SetupId, Deployment> = {
  cloudmatrix384: {
    id: 'cloudmatrix384',
    name: 'CloudMatrix-Infer on CloudMatrix384',
    system: 'cloudmatrix384',
    precision: {
      mlaProjections: 'bf16',
      attentionCore: 'bf16',
      experts: 'int8',
      denseFfn: 'int8',
      lmHead: 'bf16',
      kvCache: 'bf16'
    },
    precisionSource:
      '[CM] 4: INT8 GEMMs for the FFN and experts. Assumed: MLA projections, the attention core, LM head and KV cache in BF16. ' +
      'The reference does not say which GEMMs stay in BF16; the MLA weights are the ones whose precision decides the decode layer time, ' +
      "and only a BF16 read of them per micro-batch is consistent with [CM]'s ~600 us stream-0 time (INT8 would make it ~25% shorter).",
    decode: {
      chipsPerInstance: 160,
      experts: {
        ranks: 320,
        redundantExperts: 32,
        sharedExpert: { dedicatedRanks: 32 },
        source:
          '[CM] 4: EP320, one expert per die: 256 routed + 32 redundant + 32 shared-expert copies'
      },
      pipeline: {
        microBatches: 2,
        streams: { attention: 16 / 24, moe: 8 / 24 },
        placement: place({ attention: MLA, moe: MOE }),
        source:
          '[CM] 4: two micro-batches on two streams; stream 0 (MLA) on 16 cube + 32 vector cores, stream 1 (gate, dispatch, experts, combine) on 8 cube + 16 vector cores'
      },
      comm: {
        table: 'ub-910c',
        dispatchBytesPerToken: 7680,
        combineBytesPerToken: BF16_COMBINE_BYTES,
        buffersGB: 0.645,
        source:
          '[CM] 5.x: INT8 dispatch 7,168 B + 512 B scale; BF16 combine 14 KB; [CM] 4: about 645 MB of double-buffered communication buffers per die'
      },
      attention: { kind: 'data-parallel', source: '[CM] 4: MLA and dense layers as DP320' },
      defaults: {
        batchPerChip: 96,
        kvTokens: 4096,
        mtpAcceptance: 0.7,
        source: '[CM] 5.1: batch 96 per NPU, KV 4,096, one MTP token at 70% acceptance'
      }
    },
    prefill: {
      chipsPerInstance: 16,
      instances: 6,
      experts: {
        ranks: 32,
        redundantExperts: 32,
        sharedExpert: 'every-rank',
        source: '[CM] 4: EP32, 10 experts per die (1 shared, 8 routed, 1 redundant)'
      },
      pipeline: computeAndCommunication(
        8 / 24,
        '[CM] 4: micro-batch pipelining, cube cores on attention and MLP, vector cores and DMA on dispatch/combine. Assumed: the same split of AI-core groups as decode (16 compute, 8 communication), which [CM] gives only for decode'
      ),
      comm: {
        table: 'ub-910c',
        dispatchBytesPerToken: 7680,
        combineBytesPerToken: BF16_COMBINE_BYTES,
        source: '[CM] 5.x: INT8 dispatch 7.5 KB, BF16 combine 14 KB'
      },
      attention: {
        kind: 'staged',
        tensorParallel: 16,
        link: 'ub-die-measured-write',
        source:
          '[CM] 4: sequence parallel projections, tensor parallel attention core over the 128 heads, all-gather and all-to-all between stages. Assumed: the tensor-parallel group is one node (16 dies)'
      },
      defaults: {
        promptTokens: 4096,
        tokensPerChip: 16384,
        eplb: 'default',
        source: '[CM] 5.1: 4,096-token prompts, 16,384 tokens per NPU per batch'
      }
    },
    kvTransferLink: 'rdma-910c-die'
  },
  'h800-deepseek': {
    id: 'h800-deepseek',
    name: "DeepSeek's H800 serving system",
    system: 'hgx-h800-cluster',
    precision: NVIDIA_PRECISION,
    precisionSource: NVIDIA_PRECISION_SOURCE,
    decode: {
      chipsPerInstance: 128,
      experts: {
        ranks: 128,
        redundantExperts: 0,
        sharedExpert: 'every-rank',
        source:
          '[DS-day6]: decode profile run EP128 on 16 nodes, 2 routed experts and the shared expert on each GPU (production EP144 adds the 32 redundant experts: 288 / 144 = 2)'
      },
      pipeline: sharedSms(
        '[DS-day6]: two micro-batches in a five-stage pipeline; [DeepEP] low-latency kernels on the SMs'
      ),
      comm: {
        table: 'deepep-low-latency',
        dispatchBytesPerToken: FP8_DISPATCH_BYTES,
        combineBytesPerToken: BF16_COMBINE_BYTES,
        source: '[DS-day6]: FP8 dispatch, BF16 combine; [CM] Table 7 DeepEP low-latency'
      },
      attention: { kind: 'data-parallel', source: '[DS-day6]: MLA data parallel' },
      defaults: {
        batchPerChip: 128,
        kvTokens: 4096,
        mtpAcceptance: 0.85,
        source:
          '[DS-day6] profile: 128 requests per GPU, KV 4,096; [DS-V3] 5.4.3: MTP acceptance 85-90%'
      }
    },
    prefill: {
      chipsPerInstance: 32,
      instances: 1,
      experts: {
        ranks: 32,
        redundantExperts: 32,
        sharedExpert: 'every-rank',
        source:
          '[DS-day6]: prefill EP32 on 4 nodes, 9 routed + 1 shared expert per GPU, 32 redundant'
      },
      pipeline: sharedSms(
        '[DS-day6]: two micro-batches; [DeepEP] normal kernels on 24 of the 132 SMs'
      ),
      comm: {
        table: 'deepep-normal',
        dispatchBytesPerToken: FP8_DISPATCH_BYTES,
        combineBytesPerToken: BF16_COMBINE_BYTES,
        source: '[DeepEP] normal kernels: FP8 dispatch, BF16 combine, RDMA then NVLink forwarding'
      },
      attention: { kind: 'data-parallel', source: '[DS-day6]: MLA and shared expert DP32' },
      defaults: {
        promptTokens: 4096,
        tokensPerChip: 16384,
        eplb: 'default',
        source: '[DS-day6] profile: 4K prompts, 16,384 tokens per GPU'
      }
    },
    kvTransferLink: 'ib-cx7'
  },
  'h100-sglang': {
    id: 'h100-sglang',
    name: 'SGLang on 96 H100',
    system: 'hgx-h100-cluster',
    precision: NVIDIA_PRECISION,
    precisionSource: '[SGL]: DeepGEMM FP8 GEMMs, DeepEP FP8 dispatch; ' + NVIDIA_PRECISION_SOURCE,
    decode: {
      chipsPerInstance: 72,
      experts: {
        ranks: 72,
        redundantExperts: 32,
        sharedExpert: 'every-rank',
        source: '[SGL]: decode EP72 on 9 nodes, 288 expert slots (32 redundant)'
      },
      pipeline: sharedSms('[SGL]: two-batch overlap with DeepEP low-latency kernels'),
      comm: {
        table: 'deepep-low-latency',
        dispatchBytesPerToken: FP8_DISPATCH_BYTES,
        combineBytesPerToken: BF16_COMBINE_BYTES,
        source: '[SGL]: DeepEP low-latency mode in decode'
      },
      attention: { kind: 'data-parallel', source: '[SGL]: DP attention' },
      defaults: {
        batchPerChip: 128,
        kvTokens: 4000,
        mtpAcceptance: 0,
        source: '[SGL]: batch 128, KV 4,000; MTP off in the default setting'
      }
    },
    prefill: {
      chipsPerInstance: 32,
      instances: 1,
      experts: {
        ranks: 32,
        redundantExperts: 32,
        sharedExpert: 'every-rank',
        source: '[SGL]: prefill EP32 on 4 nodes, 288 expert slots'
      },
      pipeline: sharedSms('[SGL]: two-batch overlap with DeepEP normal kernels'),
      comm: {
        table: 'deepep-normal',
        dispatchBytesPerToken: FP8_DISPATCH_BYTES,
        combineBytesPerToken: BF16_COMBINE_BYTES,
        source: '[SGL]: DeepEP normal mode in prefill'
      },
      attention: { kind: 'data-parallel', source: '[SGL]: DP attention' },
      defaults: {
        promptTokens: 4096,
        tokensPerChip: 16384,
        eplb: 'default',
        source: "[SGL]: 1K/2K/4K prompts, 16,384 tokens per GPU (4K taken, as in [CM]'s comparison)"
      }
    },
    kvTransferLink: 'ib-cx7'
  },
  'gb200-nvl72': {
    id: 'gb200-nvl72',
    name: 'GB200 NVL72 (layout after SGLang)',
    system: 'gb200-nvl72',
    precision: NVIDIA_PRECISION,
    precisionSource:
      '[SGL-GB200]: "traditional precision": BF16 attention, FP8 GEMMs; ' + NVIDIA_PRECISION_SOURCE,
    decode: {
      chipsPerInstance: 48,
      experts: {
        ranks: 48,
        redundantExperts: 32,
        sharedExpert: 'every-rank',
        source: 'chosen after [SGL-GB200]: one decode group of 12 trays (48 GPUs), 288 expert slots'
      },
      pipeline: sharedSms(
        'chosen: two-batch overlap as in [SGL-GB200], all-to-all kernels over NVLink'
      ),
      comm: {
        table: null,
        dispatchBytesPerToken: FP8_DISPATCH_BYTES,
        combineBytesPerToken: BF16_COMBINE_BYTES,
        source:
          'no measurement in the reference: NVLink 5 bandwidth x the all-to-all share DeepEP reaches on H800 NVLink'
      },
      attention: { kind: 'data-parallel', source: 'chosen: DP attention as in [SGL-GB200]' },
      defaults: {
        batchPerChip: 128,
        kvTokens: 4096,
        mtpAcceptance: 0,
        source: 'chosen: the H100 comparison point (batch 128, KV 4,096), MTP off as in [SGL-GB200]'
      }
    },
    prefill: {
      chipsPerInstance: 8,
      instances: 3,
      experts: {
        ranks: 8,
        redundantExperts: 32,
        sharedExpert: 'every-rank',
        source: 'chosen after [SGL-GB200]: prefill groups of 2 trays (8 GPUs)'
      },
      pipeline: sharedSms('chosen: two-batch overlap as in [SGL-GB200]'),
      comm: {
        table: null,
        dispatchBytesPerToken: FP8_DISPATCH_BYTES,
        combineBytesPerToken: BF16_COMBINE_BYTES,
        source: 'NVLink 5 bandwidth x the all-to-all share DeepEP reaches on H800 NVLink'
      },
      attention: { kind: 'data-parallel', source: 'chosen: DP attention' },
      defaults: {
        promptTokens: 4096,
        tokensPerChip: 16384,
        eplb: 'default',
        source: 'chosen: the comparison point of [CM] (4K prompts, 16,384 tokens per chip)'
      }
    },
    kvTransferLink: 'nvlink-b200'
  }
}
