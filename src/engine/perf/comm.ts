import {
  expertCommTables,
  links,
  NVLINK_ALL_TO_ALL_SHARE,
  type ExpertCommTable
} from '../catalog/interconnect'
import type { Deployment, PhaseLayout } from '../catalog/deployments'
import type { ModelSpec } from '../catalog/model'
import type { SystemSpec } from '../catalog/systems'
import type { OperatorCost } from './cost'

export type ExchangeKind = 'dispatch' | 'combine'

/**
 * Interpolates a measured table over log2(EP degree). Outside the measured range the nearest
 * row holds (the measured latencies flatten out towards the ends), and the caller is told.
 */
function tableRow(
  table: ExpertCommTable,
  ep: number,
  warn: (message: string) => void
): {
  dispatchGBps: number
  combineGBps: number
  dispatchUs: number | null
  combineUs: number | null
} {
  const rows = table.rows
  const first = rows[0]!
  const last = rows[rows.length - 1]!
  if (ep <= first.ep || ep >= last.ep) {
    const row = ep <= first.ep ? first : last
    if (ep !== row.ep)
      warn(
        `EP${ep} is outside the measured EP${first.ep}-EP${last.ep} of ${table.name}: EP${row.ep} figures used`
      )
    return row
  }
  const upper = rows.findIndex((r) => r.ep >= ep)
  const a = rows[upper - 1]!
  const b = rows[upper]!
  const t = (Math.log2(ep) - Math.log2(a.ep)) / (Math.log2(b.ep) - Math.log2(a.ep))
  const lerp = (x: number, y: number): number => x + (y - x) * t
  const lerpOrNull = (x: number | null, y: number | null): number | null =>
    x === null || y === null ? null : lerp(x, y)
  return {
    dispatchGBps: lerp(a.dispatchGBps, b.dispatchGBps),
    combineGBps: lerp(a.combineGBps, b.combineGBps),
    dispatchUs: lerpOrNull(a.dispatchUs, b.dispatchUs),
    combineUs: lerpOrNull(a.combineUs, b.combineUs)
  }
}

/**
 * Expected number of other nodes a token's experts live on, for kernels that send a token to
 * each destination node once and forward it inside the node (DeepEP normal mode). Experts sit
 * in `groups` equal groups spread evenly over the nodes; a token picks `topkGroups` groups.
 */
export function remoteNodesPerToken(
  model: ModelSpec,
  ranks: number,
  devicesPerNode: number
): number {
  const nodes = Math.max(1, Math.round(ranks / devicesPerNode))
  if (nodes === 1) return 0
  const groupsPerNode = Math.max(1, model.expertGroups / nodes)
  // probability a given node holds none of the chosen groups: C(G - g, k) / C(G, k)
  let pMiss = 1
  for (let i = 0; i < model.topkGroups; i++) {
    pMiss *= Math.max(0, model.expertGroups - groupsPerNode - i) / (model.expertGroups - i)
  }
  return (nodes - 1) * (1 - pMiss)
}

/**
 * Dispatch or combine of `tokensPerRank` tokens on one rank. From a measured table: the bytes
 * at the table's algorithmic bandwidth plus the residual the table shows at its own measured
 * point (a fixed start-up cost). Without a table: the bytes at the scale-up link's bandwidth
 * times the all-to-all share DeepEP reaches over NVLink.
 */
export function expertExchange(
  kind: ExchangeKind,
  stream: string,
  layout: PhaseLayout,
  system: SystemSpec,
  model: ModelSpec,
  tokensPerRank: number,
  warn: (message: string) => void
): OperatorCost {
  const bytesPerToken =
    kind === 'dispatch' ? layout.comm.dispatchBytesPerToken : layout.comm.combineBytesPerToken
  const operator = kind === 'dispatch' ? 'moe.dispatch' : 'moe.combine'
  const table = layout.comm.table ? expertCommTables[layout.comm.table] : null
  const ranks = layout.experts.ranks
  if (!table) {
    const share =
      kind === 'dispatch' ? NVLINK_ALL_TO_ALL_SHARE.dispatch : NVLINK_ALL_TO_ALL_SHARE.combine
    const bytes = tokensPerRank * model.expertsPerToken * bytesPerToken
    const us = bytes / (links[system.scaleUpLink].gbPerSecond * share * 1e3)
    return { operator, stream, us, flops: 0, bytes, hbmBytes: 2 * bytes, peakUs: 0, bound: 'link' }
  }
  const row = tableRow(table, ranks, warn)
  const copies =
    table.counts === 'all-copies'
      ? model.expertsPerToken
      : remoteNodesPerToken(model, ranks, system.chipsPerNode * 1)
  const gbps = kind === 'dispatch' ? row.dispatchGBps : row.combineGBps
  const measuredUs = kind === 'dispatch' ? row.dispatchUs : row.combineUs
  const measuredBytes = table.tokensPerRank * copies * bytesPerToken
  const startUs = measuredUs === null ? 0 : Math.max(0, measuredUs - measuredBytes / (gbps * 1e3))
  const bytes = tokensPerRank * copies * bytesPerToken
  const wireAll = tokensPerRank * model.expertsPerToken * bytesPerToken
  return {
    operator,
    stream,
    us: startUs + bytes / (gbps * 1e3),
    flops: 0,
    bytes,
    hbmBytes: 2 * wireAll,
    peakUs: 0,
    bound: 'link'
  }
}

/**
 * Prefill's staged MLA: each device sends its tokens' queries to the devices holding their
 * heads, receives the compressed KV of the whole tensor-parallel group, and returns the head
 * outputs (the all-gather and all-to-alls between the sequence- and head-parallel stages).
 */
export function attentionExchange(
  stream: string,
  layout: PhaseLayout,
  model: ModelSpec,
  kvBytesPerValue: number,
  tokens: number
): OperatorCost {
  const attention = layout.attention
  if (attention.kind !== 'staged') {
    return {
      operator: 'mla.exchange',
      stream,
      us: 0,
      flops: 0,
      bytes: 0,
      hbmBytes: 0,
      peakUs: 0,
      bound: 'link'
    }
  }
  const qBytes = model.heads * (model.qkNopeHeadDim + model.qkRopeHeadDim) * 2
  const outBytes = model.heads * model.vHeadDim * 2
  const kvBytes =
    attention.tensorParallel * (model.kvLoraRank + model.qkRopeHeadDim) * kvBytesPerValue
  const bytes = tokens * (qBytes + outBytes + kvBytes)
  const us = bytes / (links[attention.link].gbPerSecond * 1e3)
  return {
    operator: 'mla.exchange',
    stream,
    us,
    flops: 0,
    bytes,
    hbmBytes: 2 * bytes,
    peakUs: 0,
    bound: 'link'
  }
}

/** KV cache of one request from prefill to decode, over the deployment's scale-out link. */
export function kvTransferMs(
  deployment: Deployment,
  model: ModelSpec,
  kvBytesPerValue: number,
  tokens: number
): number {
  const bytes = tokens * model.layers * (model.kvLoraRank + model.qkRopeHeadDim) * kvBytesPerValue
  return bytes / (links[deployment.kvTransferLink].gbPerSecond * 1e6)
}
