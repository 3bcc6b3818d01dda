import type { Deployment } from '../catalog/deployments'
import { expertCommTables } from '../catalog/interconnect'
import { systemsWithTopology } from '../topology'
import type { Topology } from '../topology/types'
import { ScenarioError, type Fault } from '../../shared/scenario'
import type { ServingSimulation } from './simulation'

/** Something that happened in a run, for its event log: faults, recoveries, SLO breaches. */
export interface RunEvent {
  atS: number
  kind: Fault['kind'] | 'recovered' | 'slo-breach' | 'slo-met'
  target: string
  message: string
}

/**
 * Applies the scenario's faults on schedule and turns them into what the model sees: fewer
 * decode devices (and the batch share they held lost), experts moved onto survivors, prefill
 * instances taken out of service, slower chips pacing their group, degraded links slowing the
 * all-to-all once their share of it no longer fits. Every change is logged.
 */
export class FaultController {
  readonly log: RunEvent[] = []
  readonly failedDies = new Set<number>()
  readonly linkFactor: Float32Array
  private readonly npuSpeed: Float32Array
  private readonly lostRanks = new Set<number>()
  private readonly schedule: { atS: number; fault: Fault; index: number; revert: boolean }[]
  private minHottestFactor = 1
  private cursor = 0

  constructor(
    private readonly sim: ServingSimulation,
    faults: readonly Fault[],
    private readonly topology: Topology | null
  ) {
    this.linkFactor = new Float32Array(topology?.links.length ?? 0).fill(1)
    this.npuSpeed = new Float32Array(topology?.npus.length ?? 0).fill(1)
    faults.forEach((fault, index) => checkFault(fault, index, topology))
    this.schedule = faults
      .flatMap((fault, index) => {
        const entries = [{ atS: fault.atS, fault, index, revert: false }]
        if (fault.untilS !== undefined)
          entries.push({ atS: fault.untilS, fault, index, revert: true })
        return entries
      })
      .sort((a, b) => a.atS - b.atS || a.index - b.index || Number(a.revert) - Number(b.revert))
  }

  get nextAt(): number {
    return this.schedule[this.cursor]?.atS ?? Infinity
  }

  applyDue(now: number): void {
    while (this.cursor < this.schedule.length && this.schedule[this.cursor]!.atS <= now) {
      const { fault, revert } = this.schedule[this.cursor++]!
      if (revert) this.revert(fault, now)
      else this.apply(fault, now)
    }
    this.updateConditions()
  }

  private apply(fault: Fault, now: number): void {
    const t = this.topology!
    switch (fault.kind) {
      case 'die-failure':
        this.failDies([t.dies.findIndex((d) => d.id === fault.die)], now, fault.die, fault.kind)
        return
      case 'npu-failure': {
        const npu = t.npus.findIndex((n) => n.id === fault.npu)
        this.failDies(
          t.dies.filter((d) => d.npu === npu).map((d) => d.index),
          now,
          fault.npu,
          fault.kind
        )
        return
      }
      case 'link-degradation':
        this.setLinks([t.links.findIndex((l) => l.id === fault.link)], fault.bandwidthFraction)
        this.note(now, fault.kind, fault.link, `bandwidth down to ${pct(fault.bandwidthFraction)}`)
        return
      case 'subplane-degradation':
        this.setLinks(this.subPlaneLinks(fault.subPlane), fault.bandwidthFraction)
        this.note(
          now,
          fault.kind,
          `sub-plane ${fault.subPlane}`,
          `every link of the sub-plane down to ${pct(fault.bandwidthFraction)}`
        )
        return
      case 'slow-chip':
        this.npuSpeed[t.npus.findIndex((n) => n.id === fault.npu)] = fault.speedFraction
        this.note(now, fault.kind, fault.npu, `runs at ${pct(fault.speedFraction)} of its speed`)
    }
  }

  private revert(fault: Fault, now: number): void {
    const t = this.topology!
    if (fault.kind === 'link-degradation')
      this.setLinks([t.links.findIndex((l) => l.id === fault.link)], 1)
    else if (fault.kind === 'subplane-degradation')
      this.setLinks(this.subPlaneLinks(fault.subPlane), 1)
    else if (fault.kind === 'slow-chip')
      this.npuSpeed[t.npus.findIndex((n) => n.id === fault.npu)] = 1
    const target =
      'link' in fault
        ? fault.link
        : 'npu' in fault
          ? fault.npu
          : `sub-plane ${'subPlane' in fault ? fault.subPlane : ''}`
    this.note(now, 'recovered', target, `${fault.kind} ends`)
  }

  private failDies(dies: number[], now: number, target: string, kind: Fault['kind']): void {
    const plan = this.sim.plan
    const effects: string[] = []
    for (const die of dies) {
      if (this.failedDies.has(die)) continue
      this.failedDies.add(die)
      const rank = plan.decode.devices.indexOf(die)
      if (rank >= 0) {
        const before = this.sim.decode.aliveDevices
        this.sim.decode.aliveDevices--
        let lost = 0
        this.sim.decode.abortShare(1 / before, (id) => {
          lost++
          this.sim.fail(id)
        })
        this.minHottestFactor = this.sim.experts.lose(rank, this.lostRanks)
        this.lostRanks.add(rank)
        effects.push(
          `decode loses a device and ${lost} running sequences; its experts move to surviving ranks (hottest rank now ${this.minHottestFactor.toFixed(2)}x the mean)`
        )
        continue
      }
      const instance = this.sim.prefill.instances.find((i) => i.plan.devices.includes(die))
      if (instance && instance.online) {
        const orphans = this.sim.prefill.takeOffline(instance)
        for (const id of orphans) if (!this.sim.prefill.route(id, now)) this.sim.fail(id)
        effects.push(
          `prefill instance ${instance.index} out of service, ${orphans.length} requests re-routed`
        )
      } else if (!instance) {
        effects.push('an idle device: no capacity lost')
      }
    }
    this.note(now, kind, target, effects.join('; ') || 'already failed')
  }

  private setLinks(indices: number[], factor: number): void {
    for (const i of indices) this.linkFactor[i] = factor
  }

  private subPlaneLinks(plane: number): number[] {
    const t = this.topology!
    return t.links
      .filter(
        (l) =>
          (l.kind === 'l1-l2' || l.kind === 'die-l1') &&
          t.l1Switches[l.to.kind === 'l1' ? l.to.index : l.from.index]!.subPlane === plane
      )
      .map((l) => l.index)
  }

  /** Recomputes what the performance model sees for decode and each prefill instance. */
  private updateConditions(): void {
    const plan = this.sim.plan
    const decodeChips = plan.decode.chips
    this.sim.decode.conditions = {
      computeScale: Math.min(1, ...decodeChips.map((c) => this.npuSpeed[c] ?? 1)),
      commScale: this.commScale(plan.decode.devices),
      minHottestFactor: this.minHottestFactor
    }
    for (const instance of this.sim.prefill.instances) {
      instance.conditions = {
        computeScale: Math.min(1, ...instance.plan.chips.map((c) => this.npuSpeed[c] ?? 1)),
        commScale: this.commScale(instance.plan.devices)
      }
    }
  }

  /**
   * How much longer the all-to-all of a group of dies takes because a link on its path is
   * degraded: a die sends at up to the fastest measured dispatch/combine rate of the deployment.
   * Where the scale-up fabric spans nodes (CloudMatrix384) that rate spreads over its 7 L1 links
   * and, for the share bound for other nodes, over its node's 112 L1-L2 links. Where it ends at
   * the node (HGX) the share bound for other nodes leaves through the GPU's own NIC (its RDMA
   * link) and the rest crosses its NVLink link. A link slows the collective only once that
   * share no longer fits in what is left of it.
   */
  private commScale(dies: number[]): number {
    const t = this.topology
    if (!t) return 1
    const plan = this.sim.plan
    const peakGBps = peakExchangeGBps(plan.deployment)
    const devicesPerNode = plan.systemSpec.chipsPerNode * plan.chip.devicesPerChip
    const spansNodes = plan.systemSpec.scaleUpDomainDevices > devicesPerNode
    const l1PerNode = t.l1Switches.length / t.nodes.length
    const uplinksPerNode = t.subPlanes > 0 ? l1PerNode * (t.l2Switches.length / t.subPlanes) : 0
    const dieSet = new Set(dies)
    const nodes = new Set(dies.map((d) => t.dies[d]!.node))
    const npus = new Set(dies.map((d) => t.dies[d]!.npu))
    const otherNodeShare =
      dies.length > devicesPerNode ? (dies.length - devicesPerNode) / (dies.length - 1) : 0
    let scale = 1
    for (const link of t.links) {
      const factor = this.linkFactor[link.index]!
      if (factor >= 1) continue
      let demand = 0
      if (spansNodes) {
        if (link.kind === 'die-l1' && dieSet.has(link.from.index)) demand = peakGBps / l1PerNode
        if (link.kind === 'l1-l2' && nodes.has(t.l1Switches[link.from.index]!.node))
          demand = (devicesPerNode * peakGBps * otherNodeShare) / uplinksPerNode
      } else {
        if (link.kind === 'die-l1' && dieSet.has(link.from.index))
          demand = (peakGBps * (1 - otherNodeShare)) / l1PerNode
        if (link.kind === 'rdma' && npus.has(link.from.index)) demand = peakGBps * otherNodeShare
      }
      if (demand > 0) scale = Math.max(scale, demand / (link.gbPerSecond * Math.max(factor, 1e-3)))
    }
    return scale
  }

  note(atS: number, kind: RunEvent['kind'], target: string, message: string): void {
    this.log.push({ atS, kind, target, message })
  }
}

const pct = (fraction: number): string => `${Math.round(fraction * 100)}%`

/** the fastest dispatch or combine rate measured for the deployment's kernels, GB/s per device */
function peakExchangeGBps(deployment: Deployment): number {
  const rates = [deployment.decode, deployment.prefill].flatMap((phase) =>
    phase.comm.table
      ? expertCommTables[phase.comm.table].rows.flatMap((r) => [r.dispatchGBps, r.combineGBps])
      : []
  )
  return Math.max(0, ...rates)
}

/**
 * Refuses a fault the run cannot apply, naming its field: a part the system does not have, or
 * an end before its start. The simulation and the scenario editor's validation both use it.
 */
export function checkFault(fault: Fault, index: number, topology: Topology | null): void {
  const t = topology
  const at = `faults.${index}`
  if (!t)
    throw new ScenarioError(
      `${at}: faults need a system with a part-level topology (${systemsWithTopology().join(', ')})`,
      at
    )
  const known = (list: { id: string }[], id: string, field: string): void => {
    if (!list.some((e) => e.id === id))
      throw new ScenarioError(`${at}.${field}: no ${field} '${id}' in ${t.name}`, `${at}.${field}`)
  }
  if (fault.untilS !== undefined && fault.untilS <= fault.atS) {
    throw new ScenarioError(`${at}.untilS: must be later than atS`, `${at}.untilS`)
  }
  switch (fault.kind) {
    case 'die-failure':
      known(t.dies, fault.die, 'die')
      break
    case 'npu-failure':
    case 'slow-chip':
      known(t.npus, fault.npu, 'npu')
      break
    case 'link-degradation':
      known(t.links, fault.link, 'link')
      break
    case 'subplane-degradation':
      if (fault.subPlane >= t.subPlanes) {
        throw new ScenarioError(
          `${at}.subPlane: ${t.name} has sub-planes 0 to ${t.subPlanes - 1}`,
          `${at}.subPlane`
        )
      }
  }
  if (
    (fault.kind === 'die-failure' || fault.kind === 'npu-failure') &&
    fault.untilS !== undefined
  ) {
    throw new ScenarioError(
      `${at}.untilS: a failed part does not come back within a run; leave out untilS`,
      `${at}.untilS`
    )
  }
}
