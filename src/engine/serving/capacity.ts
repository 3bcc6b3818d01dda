import { estimateDecode } from '../perf/decode'
import { estimatePrefill } from '../perf/prefill'
import { ScenarioError, type Scenario } from '../../shared/scenario'
import { planServing, type ServingPlan } from './plan'
import { lengthMoments } from './workload/distributions'
import { PREFIX_BLOCK_TOKENS } from './workload/types'

/** What stops the decode batch from growing: the TPOT SLO, the deployment's cap, or HBM. */
export type DecodeLimit = 'slo' | 'batch-cap' | 'kv-cache'
/** What paces the prefill instances: their compute, or sending the KV caches to decode. */
export type PrefillLimit = 'compute' | 'kv-egress'

/**
 * The requests per second a scenario's deployment can serve within its SLO: the smaller of what
 * the decode instance and the prefill instances can take. Offered more, a queue grows without
 * bound; offered less, the decode batch stays below b* and per-chip throughput measures the load.
 */
export interface ServingCapacity {
  requestsPerS: number
  binding: 'decode' | 'prefill'
  /** the workload's means the capacity is computed for */
  workload: {
    meanPromptTokens: number
    meanOutputTokens: number
    /** mean context of a sequence in the decode batch, the KV length TPOT is evaluated at */
    decodeKvTokens: number
    /** prompt tokens a request finds in the prefix cache (a synthetic shared prefix), else 0 */
    cachedPromptTokens: number
  }
  decode: {
    chips: number
    /** b*: the largest batch per chip within the TPOT SLO, the batch cap and the KV cache */
    batchPerChip: number
    tpotMs: number
    tokensPerSPerChip: number
    limit: DecodeLimit
    requestsPerS: number
  }
  prefill: {
    chips: number
    tokensPerChip: number
    tokensPerSPerChip: number
    limit: PrefillLimit
    requestsPerS: number
  }
}

/**
 * The SLO-limited capacity of a scenario's deployment, from the serving plan and the
 * performance model with the same inputs the simulation's clock uses (stepTimes.ts): the plan's
 * deployment, MTP acceptance, balancer and the scenario's seed, no faults.
 *
 * Decode: b* is the largest batch per chip, from 1 to the plan's maxBatchPerChip, whose TPOT at
 * the batch's mean KV length is within `slo.tpotMs` and whose reserved KV (the decode instance
 * reserves prompt + output for every sequence) fits the plan's kvTokensPerDevice. By Little's
 * law the instance then finishes decodeChips * b* / ((E[output] - 1) * TPOT(b*)) requests per
 * second (the first token comes from prefill). Sequences stay in the batch in proportion to
 * their output length, so the batch's mean KV length is E[prompt] + E[output^2] / (2 E[output])
 * and its mean reservation E[prompt] + E[output^2] / E[output] (prompt + output / 2 and
 * prompt + output for fixed lengths).
 *
 * Prefill: each instance runs batches of the plan's tokensPerChip new tokens per chip, at the
 * prompt length the prefill pool uses for a batch (the token-weighted mean E[p^2] / E[p]), and
 * sends the prompts' KV to decode over its egress while it runs the next batch; its rate is the
 * slower of the two. A synthetic shared prefix is counted as cached (with its read from the
 * memory pool) when the cache is on: after the first request its blocks are always the most
 * recently used. Hits of a trace's own prefixes depend on its hashes and are not modelled here.
 * This is throughput at full batches, not a TTFT limit: a full batch can take longer than the
 * TTFT SLO, and prefill has several times decode's headroom in the built-in deployments.
 *
 * A trace workload is refused: its means are only known once the host has read the file.
 */
export function servingCapacity(scenario: Scenario, plan = planServing(scenario)): ServingCapacity {
  const w = scenario.workload
  if (w.kind !== 'synthetic') {
    throw new ScenarioError(
      `workload.kind: the capacity of '${scenario.name}' needs the mean prompt and output lengths of a synthetic workload; a trace's are only known once its file is read`,
      'workload.kind'
    )
  }
  const shared = w.sharedPrefixTokens ?? 0
  const drawn = lengthMoments(w.prompt)
  const prompt = {
    mean: shared + drawn.mean,
    meanSquare: drawn.meanSquare + 2 * shared * drawn.mean + shared * shared
  }
  const output = lengthMoments(w.output)
  const cached =
    w.sharedPrefixTokens !== undefined && plan.cacheCapacityTokens > 0
      ? Math.floor(shared / PREFIX_BLOCK_TOKENS) * PREFIX_BLOCK_TOKENS
      : 0
  const decodeKvTokens = prompt.mean + output.meanSquare / (2 * output.mean)
  const reservedPerSequence = prompt.mean + output.meanSquare / output.mean

  const decode = decodeCapacity(scenario, plan, decodeKvTokens, reservedPerSequence, output.mean)
  const prefill = prefillCapacity(scenario, plan, prompt, cached)
  const binding = prefill.requestsPerS < decode.requestsPerS ? 'prefill' : 'decode'
  return {
    requestsPerS: Math.min(decode.requestsPerS, prefill.requestsPerS),
    binding,
    workload: {
      meanPromptTokens: prompt.mean,
      meanOutputTokens: output.mean,
      decodeKvTokens,
      cachedPromptTokens: cached
    },
    decode,
    prefill
  }
}

function decodeCapacity(
  scenario: Scenario,
  plan: ServingPlan,
  kvTokens: number,
  reservedPerSequence: number,
  meanOutput: number
): ServingCapacity['decode'] {
  const chips = plan.decode.chips.length
  const devicesPerChip = plan.chip.devicesPerChip
  const sloMs = plan.slo.tpotMs
  const cap = plan.decode.maxBatchPerChip
  const kvBound = Math.floor((plan.decode.kvTokensPerDevice * devicesPerChip) / reservedPerSequence)
  if (kvBound < 1) {
    throw new ScenarioError(
      `workload: a sequence of ${Math.round(reservedPerSequence)} tokens (mean prompt + output) does not fit the KV cache of a ${plan.chip.name} next to its weights`,
      'workload'
    )
  }
  const tpotAt = (batchPerChip: number): number =>
    estimateDecode(plan.system, {
      batchPerChip,
      kvTokens: Math.round(kvTokens),
      mtpAcceptance: plan.decode.mtpAcceptance,
      eplb: plan.eplb,
      seed: scenario.seed,
      deployment: plan.deployment
    }).tpotMs
  // the largest batch within the SLO, searched from the top: one evaluation when the cap binds
  const top = Math.min(cap, kvBound)
  let batch = top
  let tpotMs = tpotAt(batch)
  while (tpotMs > sloMs && batch > 1) tpotMs = tpotAt(--batch)
  if (tpotMs > sloMs) {
    throw new ScenarioError(
      `slo.tpotMs: even one sequence per chip takes ${tpotMs.toFixed(1)} ms per token on ${plan.systemSpec.name}, above the ${sloMs} ms SLO`,
      'slo.tpotMs'
    )
  }
  const limit: DecodeLimit = batch < top ? 'slo' : cap <= kvBound ? 'batch-cap' : 'kv-cache'
  const decodeTokens = meanOutput - 1
  return {
    chips,
    batchPerChip: batch,
    tpotMs,
    tokensPerSPerChip: batch / (tpotMs / 1000),
    limit,
    requestsPerS: decodeTokens > 0 ? (chips * batch) / (decodeTokens * (tpotMs / 1000)) : Infinity
  }
}

function prefillCapacity(
  scenario: Scenario,
  plan: ServingPlan,
  prompt: { mean: number; meanSquare: number },
  cached: number
): ServingCapacity['prefill'] {
  const p = plan.prefill
  const instances = p.instances.length
  const chips = instances * p.chipsPerInstance
  // new tokens per prompt, and the token-weighted mean the prefill pool costs a batch at
  const fresh = prompt.mean - cached
  const freshSquare = prompt.meanSquare - 2 * cached * prompt.mean + cached * cached
  const batchPrompt = Math.round(freshSquare / fresh + cached)
  const estimate = estimatePrefill(plan.system, {
    tokensPerChip: p.tokensPerChip,
    promptTokens: batchPrompt,
    cachedTokens: Math.min(cached, batchPrompt - 1),
    eplb: plan.eplb,
    seed: scenario.seed,
    deployment: plan.deployment
  })
  const requestsPerBatch = (p.tokensPerChip * p.chipsPerInstance) / fresh
  const devices = p.chipsPerInstance * plan.chip.devicesPerChip
  const readS =
    (requestsPerBatch * cached * plan.kvBytesPerToken) / (devices * p.cacheReadBytesPerS)
  const computeRate = (instances * requestsPerBatch) / (estimate.batchMs / 1000 + readS)
  const egressRate = (instances * p.kvEgressBytesPerS) / (prompt.mean * plan.kvBytesPerToken)
  return {
    chips,
    tokensPerChip: p.tokensPerChip,
    tokensPerSPerChip: (computeRate * fresh) / chips,
    limit: egressRate < computeRate ? 'kv-egress' : 'compute',
    requestsPerS: Math.min(computeRate, egressRate)
  }
}
