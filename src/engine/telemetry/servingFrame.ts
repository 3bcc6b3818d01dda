import { devicePowerW } from './devicePower'
import type { PhaseLayout } from '../catalog/deployments'
import { expertCommTables, links as linkSpecs } from '../catalog/interconnect'
import { deepSeekR1 } from '../catalog/model'
import { remoteNodesPerToken } from '../perf/comm'
import { routedRanksOf } from '../perf/imbalance'
import type { Topology } from '../topology/types'
import { createFrame, DieRole, KPI_INDEX, type KpiName } from '../../shared/frame'
import { percentile } from '../serving/metrics'
import type { ServingSimulation } from '../serving/simulation'

export interface FrameInputs {
  simulation: ServingSimulation
  topology: Topology | null
}

/** Per-die figures of one window: utilization and bytes, from the work each device did. */
interface DieFigures {
  compute: Float32Array
  hbmBandwidth: Float32Array
  hbmUsedGB: Float32Array
  role: Uint8Array
  /** bytes each die sent over UB in the window, and the share of it bound for other nodes */
  ubBytes: Float64Array
  interNodeBytes: Float64Array
  /** bytes each die sent to dies of its own node over the scale-up fabric (NVLink on HGX) */
  intraNodeBytes: Float64Array
}

/**
 * How a phase's expert dispatch/combine bytes (DeviceWork.expertExchangeBytes, per device)
 * split between other nodes and the device's own node, as shares of those bytes.
 */
interface ExchangeSplit {
  interNode: number
  intraNode: number
}

/**
 * Ranks of an all-to-all fill whole nodes from a node boundary (plan.ts lays instances out so)
 * and a token's copies go to every other rank alike: (ranks - devicesPerNode) of the (ranks - 1)
 * others sit on other nodes, the rest on the device's own.
 *
 * Bytes from a table that counts only NIC-crossing copies (DeepEP normal kernels: a token goes
 * once to each destination node, over RDMA, and is forwarded inside it over NVLink, [DeepEP];
 * perf/comm.ts expertExchange) are all inter-node. Inside the nodes each of the token's
 * expertsPerToken copies then crosses NVLink once, from the sender (local copies) or from the
 * GPU that received it (remote copies), unless that GPU is its destination (1 in
 * devicesPerNode): per byte sent, expertsPerToken x (1 - 1 / devicesPerNode) / node copies.
 */
function exchangeSplit(layout: PhaseLayout, ranks: number, devicesPerNode: number): ExchangeSplit {
  const remote = ranks > devicesPerNode ? (ranks - devicesPerNode) / (ranks - 1) : 0
  const table = layout.comm.table ? expertCommTables[layout.comm.table] : null
  if (table?.counts !== 'remote-node-copies') return { interNode: remote, intraNode: 1 - remote }
  const nodeCopies = remoteNodesPerToken(deepSeekR1, ranks, devicesPerNode)
  const nvlinkCopies = deepSeekR1.expertsPerToken * (1 - 1 / devicesPerNode)
  return { interNode: 1, intraNode: nodeCopies > 0 ? nvlinkCopies / nodeCopies : 0 }
}

/**
 * Builds the telemetry frame of the window (fromS, toS]: per-die compute and HBM utilization
 * from the work the performance model assigns each step and batch (the decode dies' expert share
 * scaled by the load of the experts they host), HBM in use, per-link utilization from the bytes
 * that cross each link, CPU memory-pool traffic, expert loads and placement, and the KPIs.
 */
export function buildServingFrame(
  inputs: FrameInputs,
  index: number,
  fromS: number,
  toS: number
): ArrayBuffer {
  const sim = inputs.simulation
  const t = inputs.topology
  const dt = Math.max(toS - fromS, 1e-9)
  sim.decodeTrack.flush(toS)
  for (const track of [...sim.prefillTracks, ...sim.egressTracks]) track.flush(toS)
  const window = sim.metrics.takeWindow()
  const completions = window.e2e.length
  const persist = sim.decode.active > 0 ? Math.max(0, 1 - completions / sim.decode.active) : 0
  sim.experts.evolve(persist, sim.decode.active, sim.decode.active * sim.plan.decode.tokensPerStep)

  const frame = createFrame(
    index,
    toS,
    t
      ? {
          dies: t.dies.length,
          cpus: t.cpus.length,
          links: t.links.length,
          experts: sim.experts.experts,
          slots: sim.experts.slots
        }
      : { dies: 0, cpus: 0, links: 0 }
  )
  const dies = t ? dieFigures(sim, t, dt) : null
  let powerW: number
  if (t && dies) {
    frame.dieCompute.set(dies.compute)
    frame.dieHbmBandwidth.set(dies.hbmBandwidth)
    frame.dieHbmUsedGB.set(dies.hbmUsedGB)
    frame.dieRole.set(dies.role)
    fillLinks(sim, t, dies, dt, frame.linkUtilization)
    // the memory pool's traffic through the nodes' CPUs (CloudMatrix384's Kunpengs over UB);
    // topologies without CPUs (HGX) have nothing to fill, but the window's count still resets
    const poolBytes = poolTraffic(sim)
    if (t.cpus.length > 0) {
      frame.cpuUtilization.fill(
        poolBytes / t.cpus.length / (linkSpecs['ub-cpu'].gbPerSecond * 1e9 * dt)
      )
    }
    frame.expertLoad.set(sim.experts.load)
    frame.slotExpert.set(sim.experts.slotExpert)
    for (let s = 0; s < sim.experts.slots; s++) {
      const rank = sim.experts.slotRank[s]!
      frame.slotDie[s] = rank >= 0 ? sim.plan.decode.devices[rank]! : -1
    }
    powerW = 0
    const devicesPerChip = sim.plan.chip.devicesPerChip
    for (let d = 0; d < dies.compute.length; d++) {
      const failed = dies.role[d] === DieRole.failed
      powerW += devicePowerW(sim.plan.power, devicesPerChip, dies.compute[d]!, failed)
    }
  } else {
    powerW = systemPowerWithoutTopology(sim, dt)
  }
  fillKpis(sim, frame.kpis, window, dt, toS, powerW)
  for (const track of [sim.decodeTrack, ...sim.prefillTracks, ...sim.egressTracks])
    track.totals.reset()
  sim.counters.windowInputTokens = 0
  sim.counters.windowOutputTokens = 0
  return frame.buffer
}

function dieFigures(sim: ServingSimulation, t: Topology, dt: number): DieFigures {
  const n = t.dies.length
  const f: DieFigures = {
    compute: new Float32Array(n),
    hbmBandwidth: new Float32Array(n),
    hbmUsedGB: new Float32Array(n),
    role: new Uint8Array(n),
    ubBytes: new Float64Array(n),
    interNodeBytes: new Float64Array(n),
    intraNodeBytes: new Float64Array(n)
  }
  const plan = sim.plan
  const chip = plan.chip
  const hbmBytesPerS = chip.hbmGBps * 1e9 * dt
  const kvGB = plan.kvBytesPerToken / 1e9
  const failed = sim.faults.failedDies
  const poolRemoteShare = (plan.nodes - 1) / plan.nodes
  // 16 dies on a CloudMatrix384 node, 8 GPUs on an HGX node
  const devicesPerNode = plan.systemSpec.chipsPerNode * chip.devicesPerChip

  // decode: every die the same attention work, expert work scaled by the load of its experts
  const layout = plan.deployment.decode.experts
  const routedRanks = routedRanksOf(layout)
  const routedMean = deepSeekR1.expertsPerToken / routedRanks
  const sharedPerRank =
    layout.sharedExpert === 'every-rank' ? 0 : 1 / layout.sharedExpert.dedicatedRanks
  const busiest = Math.max(routedMean, sharedPerRank)
  const rankLoads = sim.experts.rankLoads(sharedPerRank / Math.max(routedMean, 1e-12), new Set())
  const decodeTotals = sim.decodeTrack.totals
  const decodeSplit = exchangeSplit(
    plan.deployment.decode,
    plan.decode.devices.length,
    devicesPerNode
  )
  plan.decode.devices.forEach((die, rank) => {
    if (failed.has(die)) return
    const expertShare =
      rank < routedRanks ? (rankLoads[rank]! * routedMean) / busiest : sharedPerRank / busiest
    f.role[die] = DieRole.decode
    f.compute[die] =
      (decodeTotals.nonExpertPeakUs + decodeTotals.expertPeakUs * expertShare) / (dt * 1e6)
    f.hbmBandwidth[die] =
      (decodeTotals.nonExpertHbmBytes + decodeTotals.expertHbmBytes * expertShare) / hbmBytesPerS
    f.hbmUsedGB[die] =
      plan.decode.weightsGBPerDevice + (sim.decode.contextTokens / sim.decode.aliveDevices) * kvGB
    f.ubBytes[die] = decodeTotals.expertExchangeBytes
    f.interNodeBytes[die] = decodeTotals.expertExchangeBytes * decodeSplit.interNode
    f.intraNodeBytes[die] = decodeTotals.expertExchangeBytes * decodeSplit.intraNode
  })
  sim.prefill.instances.forEach((instance, i) => {
    const prefillSplit = exchangeSplit(
      plan.deployment.prefill,
      instance.plan.devices.length,
      devicesPerNode
    )
    const totals = sim.prefillTracks[i]!.totals
    const batchTokens = instance.batch.reduce((s, id) => s + sim.table.promptTokens[id]!, 0)
    for (const die of instance.plan.devices) {
      if (failed.has(die)) continue
      f.role[die] = instance.online ? DieRole.prefill : DieRole.idle
      f.compute[die] = (totals.nonExpertPeakUs + totals.expertPeakUs) / (dt * 1e6)
      f.hbmBandwidth[die] = (totals.nonExpertHbmBytes + totals.expertHbmBytes) / hbmBytesPerS
      f.hbmUsedGB[die] = instance.online
        ? plan.prefill.weightsGBPerDevice + (batchTokens / instance.plan.devices.length) * kvGB
        : 0
      f.ubBytes[die] =
        totals.expertExchangeBytes + totals.attentionExchangeBytes + totals.poolReadBytes
      f.interNodeBytes[die] =
        totals.expertExchangeBytes * prefillSplit.interNode + totals.poolReadBytes * poolRemoteShare
      // staged attention's tensor-parallel group is one node (deployments.ts)
      f.intraNodeBytes[die] =
        totals.expertExchangeBytes * prefillSplit.intraNode + totals.attentionExchangeBytes
    }
  })
  for (const die of failed) f.role[die] = DieRole.failed
  return f
}

/** Per-link lookups, computed once per topology, so a frame walks plain arrays. */
interface LinkTable {
  kind: Uint8Array
  /** die (die-l1), node (l1-l2, vpc) or NPU (rdma) the link's traffic comes from */
  source: Int32Array
  bytesPerSecond: Float64Array
}

const LINK_KIND = { 'die-l1': 0, 'l1-l2': 1, rdma: 2, vpc: 3 } as const
const linkTables = new WeakMap<Topology, LinkTable>()

function linkTable(t: Topology): LinkTable {
  let table = linkTables.get(t)
  if (!table) {
    const n = t.links.length
    table = {
      kind: new Uint8Array(n),
      source: new Int32Array(n),
      bytesPerSecond: new Float64Array(n)
    }
    for (const link of t.links) {
      table.kind[link.index] = LINK_KIND[link.kind]
      table.source[link.index] =
        link.kind === 'l1-l2' ? t.l1Switches[link.from.index]!.node : link.from.index
      table.bytesPerSecond[link.index] = link.gbPerSecond * 1e9
    }
    linkTables.set(t, table)
  }
  return table
}

/**
 * Link utilization. Where the scale-up fabric spans nodes (CloudMatrix384's UB): a die's UB
 * traffic spreads over its 7 L1 links, a node's traffic to other nodes over its 112 L1-L2
 * links. Where it ends at the node (HGX: NVLink inside the node only): a GPU's traffic to its
 * own node crosses its one NVLink link to the NVSwitch fabric, and its traffic to other nodes
 * (expert exchange, remote prefix-cache reads) leaves through its own NIC, on its RDMA link.
 * KV caches leave prefill NPUs and reach decode NPUs over RDMA; requests and answers cross the
 * VPC plane. Degraded links carry the same share in less room.
 */
function fillLinks(
  sim: ServingSimulation,
  t: Topology,
  dies: DieFigures,
  dt: number,
  out: Float32Array
): void {
  const plan = sim.plan
  const devicesPerNode = plan.systemSpec.chipsPerNode * plan.chip.devicesPerChip
  const scaleUpSpansNodes = plan.systemSpec.scaleUpDomainDevices > devicesPerNode
  const nodeInter = new Float64Array(t.nodes.length)
  const npuRdma = new Float64Array(t.npus.length)
  for (const die of t.dies) {
    if (scaleUpSpansNodes) nodeInter[die.node]! += dies.interNodeBytes[die.index]!
    else npuRdma[die.npu]! += dies.interNodeBytes[die.index]!
  }
  const dieLinkBytes = scaleUpSpansNodes ? dies.ubBytes : dies.intraNodeBytes
  // no L2 tier (HGX): no L1-L2 links to spread over, and nothing divides by their count
  const l1PerNode = t.nodes.length > 0 ? t.l1Switches.length / t.nodes.length : 0
  const uplinksPerNode = t.subPlanes > 0 ? l1PerNode * (t.l2Switches.length / t.subPlanes) : 0
  let egress = 0
  sim.prefill.instances.forEach((instance, i) => {
    const bytes = sim.egressTracks[i]!.totals.egressBytes
    egress += bytes
    for (const chip of instance.plan.chips) npuRdma[chip]! += bytes / instance.plan.chips.length
  })
  for (const chip of sim.plan.decode.chips) npuRdma[chip]! += egress / sim.plan.decode.chips.length
  const vpcPerNode = sim.counters.vpcBytes / t.nodes.length
  sim.counters.vpcBytes = 0
  const table = linkTable(t)
  const factor = sim.faults.linkFactor
  for (let i = 0; i < out.length; i++) {
    const source = table.source[i]!
    let bytes: number
    switch (table.kind[i]) {
      case 0:
        bytes = dieLinkBytes[source]! / l1PerNode
        break
      case 1:
        bytes = uplinksPerNode > 0 ? nodeInter[source]! / uplinksPerNode : 0
        break
      case 2:
        bytes = npuRdma[source]!
        break
      default:
        bytes = vpcPerNode
    }
    out[i] = bytes / (table.bytesPerSecond[i]! * factor[i]! * dt)
  }
}

/** Memory-pool bytes in the window: prefix blocks read by prefill, KV of new prompts written. */
function poolTraffic(sim: ServingSimulation): number {
  let reads = 0
  sim.prefill.instances.forEach((instance, i) => {
    reads += sim.prefillTracks[i]!.totals.poolReadBytes * instance.plan.devices.length
  })
  const writes = sim.counters.windowPoolWriteBytes
  sim.counters.windowPoolWriteBytes = 0
  return reads + writes
}

function systemPowerWithoutTopology(sim: ServingSimulation, dt: number): number {
  const plan = sim.plan
  const devicesPerChip = plan.chip.devicesPerChip
  const utilization = (peakUs: number): number => peakUs / (dt * 1e6)
  const d = sim.decodeTrack.totals
  let watts =
    plan.decode.devices.length *
    devicePowerW(plan.power, devicesPerChip, utilization(d.nonExpertPeakUs + d.expertPeakUs))
  sim.prefill.instances.forEach((instance, i) => {
    const p = sim.prefillTracks[i]!.totals
    watts +=
      instance.plan.devices.length *
      devicePowerW(plan.power, devicesPerChip, utilization(p.nonExpertPeakUs + p.expertPeakUs))
  })
  const busyChips =
    plan.decode.chips.length + plan.prefill.instances.length * plan.prefill.chipsPerInstance
  watts += (plan.systemSpec.chips - busyChips) * plan.power.allInPerChipW * plan.power.idleShare
  return watts
}

function fillKpis(
  sim: ServingSimulation,
  kpis: Float64Array,
  window: { ttft: Float64Array; tpot: Float64Array; e2e: Float64Array },
  dt: number,
  toS: number,
  powerW: number
): void {
  const set = (name: KpiName, value: number): void => {
    kpis[KPI_INDEX[name]] = value
  }
  const c = sim.counters
  const plan = sim.plan
  const decodeChips = sim.decode.aliveDevices / plan.chip.devicesPerChip
  const completed = sim.metrics.completed
  const outputPerS = c.windowOutputTokens / dt
  const perChip = decodeChips > 0 ? outputPerS / decodeChips : NaN
  const tflops = plan.chip.peakTflops[plan.chip.normalisation]! * plan.chip.devicesPerChip
  c.energyJ += powerW * dt
  set('requestsArrived', c.arrived)
  set('requestsCompleted', completed)
  set('requestsFailed', c.failed)
  set('requestsInFlight', c.arrived - completed - c.failed)
  set('prefillQueue', sim.prefill.queuedRequests)
  set('kvTransferQueue', sim.prefill.transfersInFlight)
  set('decodeQueue', sim.decode.waiting.length)
  set('decodeBatch', sim.decode.active)
  set('decodeBatchPerChip', decodeChips > 0 ? sim.decode.active / decodeChips : NaN)
  set('inputTokensPerS', c.windowInputTokens / dt)
  set('outputTokensPerS', outputPerS)
  set('outputTokensPerSPerChip', perChip)
  set('outputTokensPerSPerTflops', perChip / tflops)
  set('ttftP50Ms', percentile(window.ttft, 50) * 1000)
  set('ttftP90Ms', percentile(window.ttft, 90) * 1000)
  set('ttftP99Ms', percentile(window.ttft, 99) * 1000)
  set('tpotP50Ms', percentile(window.tpot, 50) * 1000)
  set('tpotP90Ms', percentile(window.tpot, 90) * 1000)
  set('tpotP99Ms', percentile(window.tpot, 99) * 1000)
  set('e2eP50S', percentile(window.e2e, 50))
  set('e2eP99S', percentile(window.e2e, 99))
  set('sloAttainment', completed > 0 ? sim.metrics.metSlo / completed : NaN)
  set('goodputRequestsPerS', toS > 0 ? sim.metrics.metSlo / toS : NaN)
  set(
    'kvCacheOccupancy',
    sim.decode.kvCapacityTokens > 0 ? sim.decode.contextTokens / sim.decode.kvCapacityTokens : NaN
  )
  set('hbmOccupancy', hbmOccupancy(sim))
  set(
    'prefixCacheHitRate',
    sim.prefill.promptTokens > 0 ? sim.prefill.cachedTokens / sim.prefill.promptTokens : NaN
  )
  set('powerKW', powerW / 1000)
  set('outputTokensPerJoule', powerW > 0 ? outputPerS / powerW : NaN)
  set(
    'decodeStepMs',
    sim.decode.lastEstimate && !sim.decode.idle ? sim.decode.lastEstimate.stepMs : NaN
  )
  set('prefillBusy', prefillBusy(sim, dt))
  set(
    'chipsInService',
    plan.systemSpec.chips -
      new Set([...sim.faults.failedDies].map((d) => Math.floor(d / plan.chip.devicesPerChip))).size
  )
  noteSloBreach(sim, toS, percentile(window.ttft, 99) * 1000, percentile(window.tpot, 99) * 1000)
}

function hbmOccupancy(sim: ServingSimulation): number {
  const plan = sim.plan
  const decodeUsed =
    plan.decode.weightsGBPerDevice +
    (sim.decode.contextTokens / Math.max(1, sim.decode.aliveDevices)) * (plan.kvBytesPerToken / 1e9)
  return decodeUsed / plan.chip.hbmGB
}

function prefillBusy(sim: ServingSimulation, dt: number): number {
  const online = sim.prefill.instances.filter((i) => i.online)
  if (online.length === 0) return NaN
  const busy = online.reduce((s, i) => s + sim.prefillTracks[i.index]!.totals.busyS, 0)
  return busy / (online.length * dt)
}

/** Windows in a row that must agree before a breach starts or ends: one noisy window is not news. */
const SLO_WINDOWS = 3

/**
 * Logs the start and end of each stretch of windows whose p99 TTFT or TPOT misses its SLO,
 * once SLO_WINDOWS windows in a row agree.
 */
function noteSloBreach(
  sim: ServingSimulation,
  toS: number,
  ttftP99Ms: number,
  tpotP99Ms: number
): void {
  const slo = sim.plan.slo
  // a window with no completions says nothing either way
  if (Number.isNaN(ttftP99Ms)) return
  const missed = ttftP99Ms > slo.ttftMs || tpotP99Ms > slo.tpotMs
  const c = sim.counters
  c.sloStreak = missed === c.sloBreached ? 0 : c.sloStreak + 1
  if (c.sloStreak < SLO_WINDOWS) return
  const what = `p99 TTFT ${fmt(ttftP99Ms)} ms (SLO ${slo.ttftMs}), p99 TPOT ${fmt(tpotP99Ms)} ms (SLO ${slo.tpotMs}) for ${SLO_WINDOWS} windows`
  sim.faults.note(toS, missed ? 'slo-breach' : 'slo-met', 'service', what)
  c.sloBreached = missed
  c.sloStreak = 0
}

const fmt = (ms: number): string => (Number.isFinite(ms) ? ms.toFixed(1) : 'n/a')
