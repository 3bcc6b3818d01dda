import { describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import { stepPartProblem } from '../../../src/renderer/src/present/tourPlayer'
import { cameraPose, hallPose } from '../../../src/renderer/src/scene/cameraPresets'
import { buildHallLayout } from '../../../src/renderer/src/scene/layout'
import type { TourStep } from '../../../src/shared/api'
import { builtInTour } from './fakeTours'

const step = (camera: TourStep['camera']): TourStep => ({
  camera,
  caption: 'A step.',
  metric: 'compute',
  kpi: 'powerKW'
})

describe('a tour step over the hall shown', () => {
  it('the built-in CloudMatrix384 tour names no part the HGX halls lack', () => {
    for (const system of ['cloudmatrix384', 'h800-deepseek', 'h100-sglang'] as const) {
      const topology = getTopology(system)
      for (const s of builtInTour.steps) expect(stepPartProblem(s, topology), system).toBeNull()
    }
  })

  it('says when a rack or node view names a part the hall does not have', () => {
    const h100 = getTopology('h100-sglang')
    expect(stepPartProblem(step({ preset: 'node', part: { kind: 'node', index: 40 } }), h100)).toBe(
      `This step frames node 40, which the ${h100.name} hall does not have: the whole hall is shown instead.`
    )
    expect(
      stepPartProblem(step({ preset: 'rack', part: { kind: 'rack', index: 12 } }), h100)
    ).toMatch(/frames rack 12/)
    // a whole-hall view does not frame its part; no hall, nothing to frame
    expect(
      stepPartProblem(step({ preset: 'hall', part: { kind: 'node', index: 40 } }), h100)
    ).toBeNull()
    expect(
      stepPartProblem(step({ preset: 'node', part: { kind: 'node', index: 40 } }), null)
    ).toBeNull()
  })

  it('and the camera shows the whole hall for it instead of failing', () => {
    const topology = getTopology('h100-sglang')
    const ctx = { topology, layout: buildHallLayout(topology), aspect: 16 / 9, fovDeg: 38 }
    const part = { kind: 'node', index: 40 } as const
    expect(cameraPose('node', part, null, ctx)).toEqual(hallPose(ctx))
    expect(cameraPose('rack', { kind: 'die', index: 700 }, null, ctx)).toEqual(hallPose(ctx))
  })
})
