import { createFrame, type EntityCounts } from '../../shared/frame'
import type { Topology } from '../topology/types'

/**
 * Produces the telemetry frames of one run, one per sampling step, in simulated time.
 * The serving simulation will be one; until it lands, `restingFrames` is the only one.
 */
export interface FrameSource {
  /** simulated seconds between two frames */
  readonly stepS: number
  /** the next frame's bytes (shared/frame.ts layout) */
  next(): ArrayBuffer
}

export function frameCountsOf(topology: Topology): EntityCounts {
  return { dies: topology.dies.length, cpus: topology.cpus.length, links: topology.links.length }
}

/**
 * The supernode powered on with nothing deployed: no model in HBM, no requests, every die idle
 * and every link quiet. Zeros here are the physical state, not placeholders.
 */
export function restingFrames(topology: Topology, stepS: number): FrameSource {
  const counts = frameCountsOf(topology)
  let index = 0
  return {
    stepS,
    next() {
      const frame = createFrame(index, index * stepS, counts)
      index++
      return frame.buffer
    }
  }
}
