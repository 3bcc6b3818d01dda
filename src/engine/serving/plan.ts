import { BYTES_PER_VALUE, chips, type ChipSpec } from '../catalog/chips'
import { deployments, type Balancer, type Deployment } from '../catalog/deployments'
import { links } from '../catalog/interconnect'
import { deepSeekR1 } from '../catalog/model'
import { memoryPool } from '../catalog/memoryPool'
import { power, type PowerSpec } from '../catalog/power'
import { systems, type SystemSpec } from '../catalog/systems'
import { routedRanksOf } from '../perf/imbalance'
import { hbmUsedGB } from '../perf/memory'
import { phaseContext } from '../perf/phase'
import { modelShapes } from '../perf/shapes'
import { ScenarioError, type Scenario } from '../../shared/scenario'
import type { SystemId } from '../../shared/systems'

/** Chips (and their devices) of one serving instance, by index in the system. */
export interface InstancePlan {
  chips: number[]
  devices: number[]
}

/** A scenario resolved against the catalog: who does what, with which limits. */
export interface ServingPlan {
  system: SystemId
  systemSpec: SystemSpec
  chip: ChipSpec
  power: PowerSpec
  /** the deployment with the scenario's sizes applied; the performance model runs on it */
  deployment: Deployment
  decode: InstancePlan & {
    maxBatchPerChip: number
    mtpAcceptance: number
    tokensPerStep: number
    /** KV tokens one decode device can hold next to its weights and buffers */
    kvTokensPerDevice: number
    weightsGBPerDevice: number
  }
  prefill: {
    instances: InstancePlan[]
    chipsPerInstance: number
    tokensPerChip: number
    weightsGBPerDevice: number
    /** bytes per second one instance can send KV caches to decode with */
    kvEgressBytesPerS: number
    /** bytes per second one prefill device reads cached prefix KV from the memory pool */
    cacheReadBytesPerS: number
  }
  eplb: Balancer
  kvBytesPerToken: number
  cacheCapacityTokens: number
  nodes: number
  slo: Scenario['slo']
}

/**
 * Lays the scenario's deployment out on the system: decode chips first, then the prefill
 * instances, the rest idle. Refuses what cannot be built, naming the scenario field.
 */
export function planServing(scenario: Scenario): ServingPlan {
  const base = deployments[scenario.system]
  const systemSpec = systems[base.system]
  const chip = chips[systemSpec.chip]
  const d = scenario.deployment
  const devicesPerChip = chip.devicesPerChip
  const decodeChips = d.decodeChips ?? base.decode.chipsPerInstance
  const prefillInstances = d.prefillInstances ?? base.prefill.instances
  const chipsPerInstance = base.prefill.chipsPerInstance
  const needed = decodeChips + prefillInstances * chipsPerInstance
  if (needed > systemSpec.chips) {
    throw new ScenarioError(
      `deployment: ${decodeChips} decode chips + ${prefillInstances} prefill instances x ${chipsPerInstance} chips = ${needed} chips, but ${systemSpec.name} has ${systemSpec.chips}`,
      d.prefillInstances !== undefined ? 'deployment.prefillInstances' : 'deployment.decodeChips'
    )
  }
  const deployment: Deployment = {
    ...base,
    decode: {
      ...base.decode,
      chipsPerInstance: decodeChips,
      experts: { ...base.decode.experts, ranks: decodeChips * devicesPerChip }
    },
    prefill: { ...base.prefill, instances: prefillInstances }
  }
  checkExpertSlots(deployment, 'deployment.decodeChips')

  const model = deepSeekR1
  const shapes = modelShapes(model)
  const mtpAcceptance = d.mtpAcceptance ?? base.decode.defaults.mtpAcceptance
  const withMtp = mtpAcceptance > 0
  const kvBytesPerToken =
    (model.layers + (withMtp ? model.mtpModules : 0)) *
    shapes.kvValuesPerTokenLayer *
    BYTES_PER_VALUE[base.precision.kvCache]
  const decodeWeightsGB = hbmUsedGB(
    phaseContext(scenario.system, 'decode', {}, deployment),
    0,
    withMtp
  )
  const prefillWeightsGB = hbmUsedGB(
    phaseContext(scenario.system, 'prefill', {}, deployment),
    0,
    withMtp
  )
  const kvTokensPerDevice = Math.max(0, ((chip.hbmGB - decodeWeightsGB) * 1e9) / kvBytesPerToken)

  const range = (start: number, count: number): number[] =>
    Array.from({ length: count }, (_, i) => start + i)
  const devicesOf = (chipIndices: number[]): number[] =>
    chipIndices.flatMap((c) => range(c * devicesPerChip, devicesPerChip))
  const decodeChipList = range(0, decodeChips)
  const instances = range(0, prefillInstances).map((i) => {
    const list = range(decodeChips + i * chipsPerInstance, chipsPerInstance)
    return { chips: list, devices: devicesOf(list) }
  })
  const nodes = Math.ceil(systemSpec.chips / systemSpec.chipsPerNode)
  const pool = memoryPool[base.system]
  const cacheGBPerNode = scenario.cache.capacityGBPerNode ?? pool.gbPerNode
  return {
    system: scenario.system,
    systemSpec,
    chip,
    power: power[base.system],
    deployment,
    decode: {
      chips: decodeChipList,
      devices: devicesOf(decodeChipList),
      maxBatchPerChip: d.maxBatchPerChip ?? base.decode.defaults.batchPerChip,
      mtpAcceptance,
      tokensPerStep: 1 + (withMtp ? mtpAcceptance * model.mtpModules : 0),
      kvTokensPerDevice,
      weightsGBPerDevice: decodeWeightsGB
    },
    prefill: {
      instances,
      chipsPerInstance,
      tokensPerChip: d.prefillTokensPerChip ?? base.prefill.defaults.tokensPerChip,
      weightsGBPerDevice: prefillWeightsGB,
      kvEgressBytesPerS:
        chipsPerInstance * devicesPerChip * links[base.kvTransferLink].gbPerSecond * 1e9,
      cacheReadBytesPerS: links[pool.readLink].gbPerSecond * 1e9
    },
    eplb: d.eplb ?? base.prefill.defaults.eplb,
    kvBytesPerToken,
    cacheCapacityTokens: scenario.cache.enabled
      ? (nodes * cacheGBPerNode * 1e9) / kvBytesPerToken
      : 0,
    nodes,
    slo: scenario.slo
  }
}

/** Expert slots must spread evenly over the routed ranks, or some rank holds a fraction of an expert. */
function checkExpertSlots(deployment: Deployment, field: string): void {
  const experts = deployment.decode.experts
  const routedRanks = routedRanksOf(experts)
  const slots = deepSeekR1.routedExperts + experts.redundantExperts
  if (routedRanks <= 0 || slots % routedRanks !== 0) {
    throw new ScenarioError(
      `deployment: EP${experts.ranks} leaves ${routedRanks} ranks for routed experts, which does not divide the ${slots} expert slots (${deepSeekR1.routedExperts} experts + ${experts.redundantExperts} redundant)`,
      field
    )
  }
}
