import type { Topology } from '../../../engine/topology/types'
import type { FrameView } from '../../../shared/frame'
import type { SystemId } from '../../../shared/systems'
import { type DieMetric, type DieMetricSpec, dieMetricSpecs } from '../view/dieMetrics'
import type { PartRef } from '../view/viewState'
import { MISSING } from '../ui/kpiFormat'

/** The dies and links whose figures make up a part's (a node's dies, a switch's links). */
export interface PartMembers {
  dies: number[]
  links: number[]
}

/** Built once per selection: a switch's links take one pass over the ~11k links. */
export function partMembers(topology: Topology, part: PartRef): PartMembers {
  const { dies, links, nodes, l2Switches } = topology
  switch (part.kind) {
    case 'die':
      return { dies: [part.index], links: [] }
    case 'node':
      return { dies: dies.filter((d) => d.node === part.index).map((d) => d.index), links: [] }
    case 'rack': {
      const inRack = new Set(nodes.filter((n) => n.rack === part.index).map((n) => n.index))
      return {
        dies: dies.filter((d) => inRack.has(d.node)).map((d) => d.index),
        // a communication rack holds no dies: its figure is its L2 switches' links
        links: links
          .filter((l) => l.to.kind === 'l2' && l2Switches[l.to.index]?.rack === part.index)
          .map((l) => l.index)
      }
    }
    case 'l1Switch':
      return {
        dies: [],
        links: links
          .filter(
            (l) =>
              (l.from.kind === 'l1' && l.from.index === part.index) ||
              (l.to.kind === 'l1' && l.to.index === part.index)
          )
          .map((l) => l.index)
      }
    case 'l2Switch':
      return {
        dies: [],
        links: links
          .filter((l) => l.to.kind === 'l2' && l.to.index === part.index)
          .map((l) => l.index)
      }
    case 'link':
      return { dies: [], links: [part.index] }
    case 'cpu':
      return { dies: [], links: [] }
  }
}

/** mean and max over the finite values (NaN: no data for any) */
export function summarize(indices: readonly number[], read: (i: number) => number) {
  let sum = 0
  let n = 0
  let max = -Infinity
  for (const i of indices) {
    const v = read(i)
    if (!Number.isFinite(v)) continue
    sum += v
    n++
    if (v > max) max = v
  }
  return n === 0 ? { mean: NaN, max: NaN } : { mean: sum / n, max }
}

/** how many of the dies serve in each role, as [role, count] in role order */
export function roleCounts(frame: FrameView, dies: readonly number[]): [number, number][] {
  const counts = new Map<number, number>()
  for (const d of dies) counts.set(frame.dieRole[d]!, (counts.get(frame.dieRole[d]!) ?? 0) + 1)
  return [...counts.entries()].sort(([a], [b]) => a - b)
}

/** One figure of a part over time: what the sparkline draws. */
export interface PartSeries {
  label: string
  unit: string
  min: number
  max: number
  read(frame: FrameView): number
}

/**
 * The die metric a figure follows, in the system's units: the picked one, or compute when dies
 * are coloured by role.
 */
export function numericDieMetric(metric: DieMetric, system: SystemId): DieMetricSpec {
  const specs = dieMetricSpecs(system)
  const spec = specs[metric]
  return spec.kind === 'scale' ? spec : specs.compute
}

const linkUtilization = (f: FrameView, i: number): number => f.linkUtilization[i]! * 100

/**
 * What the sparkline follows for a part: a die's (or its node's or rack's mean) figure of the
 * metric the hall is coloured by, in the system's units; a CPU's, link's or switch's
 * utilization.
 */
export function partSeries(
  part: PartRef,
  members: PartMembers,
  metric: DieMetric,
  system: SystemId
): PartSeries {
  const utilization = (label: string, read: (f: FrameView) => number): PartSeries => ({
    label,
    unit: '%',
    min: 0,
    max: 100,
    read
  })
  const linkMean = (label: string): PartSeries =>
    utilization(label, (f) => summarize(members.links, (i) => linkUtilization(f, i)).mean)
  switch (part.kind) {
    case 'cpu':
      return utilization('CPU utilization', (f) => f.cpuUtilization[part.index]! * 100)
    case 'link':
      return utilization('Link utilization', (f) => linkUtilization(f, part.index))
    case 'l1Switch':
    case 'l2Switch':
      return linkMean(`Link utilization (mean of ${members.links.length} links)`)
    case 'rack':
    case 'node':
    case 'die': {
      // a communication rack holds no dies
      if (members.dies.length === 0) return linkMean('L2 link utilization (mean)')
      const spec = numericDieMetric(metric, system)
      const n = members.dies.length
      return {
        label: n === 1 ? spec.label : `${spec.label} (mean of ${n} dies)`,
        unit: spec.unit,
        min: spec.min,
        max: spec.max,
        read: (f) => summarize(members.dies, (d) => spec.value(f, d)).mean
      }
    }
  }
}

/** decimals per unit: what the colour can show, and no flicker */
const DIGITS: Record<string, number> = { '%': 1, GB: 1, W: 0, 'GB/s': 0 }

export function formatFigure(value: number, unit: string): string {
  return Number.isFinite(value) ? value.toFixed(DIGITS[unit] ?? 2) : MISSING
}

export interface HostedExpert {
  expert: number
  /** a copy of the shared expert (slot value = number of routed experts), which has no load */
  shared: boolean
  /** relative to the mean routed-expert load (1 = average; NaN for the shared expert) */
  load: number
}

/** The routed experts whose decode slots sit on a die, busiest first. */
export function hostedExperts(frame: FrameView, die: number): HostedExpert[] {
  const hosted: HostedExpert[] = []
  for (let slot = 0; slot < frame.slotDie.length; slot++) {
    if (frame.slotDie[slot] !== die) continue
    const expert = frame.slotExpert[slot]!
    const shared = expert >= frame.expertLoad.length
    hosted.push({ expert, shared, load: shared ? NaN : frame.expertLoad[expert]! })
  }
  const rank = (e: HostedExpert): number => (Number.isNaN(e.load) ? -Infinity : e.load)
  return hosted.sort((a, b) => rank(b) - rank(a) || a.expert - b.expert)
}
