import { act, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import { TopologyCache, countsOf } from '../../../src/renderer/src/session/topologyCache'
import {
  type ShownTopologySource,
  useShownTopology
} from '../../../src/renderer/src/session/useShownTopology'
import { TelemetryStore } from '../../../src/renderer/src/telemetry/telemetryStore'
import { applyStep } from '../../../src/renderer/src/present/tourPlayer'
import { ViewState } from '../../../src/renderer/src/view/viewState'
import { createFrame } from '../../../src/shared/frame'
import type { TourStep } from '../../../src/shared/api'
import { fakeTwin, systems } from '../fakeTwin'

const cm384 = getTopology('cloudmatrix384')
const h800 = getTopology('h800-deepseek')

/** a session as useTwinSession leaves it: CM384's topology first, H800's kept too */
function session(): ShownTopologySource {
  const telemetry = new TelemetryStore(countsOf(cm384))
  const topologies = new TopologyCache(fakeTwin().api, (t) =>
    telemetry.knowTopologies([countsOf(t)])
  )
  topologies.add(cm384)
  topologies.add(h800)
  return { topology: cm384, topologies, telemetry, systems }
}

function shown(source: ShownTopologySource, view: ViewState, system: string | null = null) {
  return renderHook(({ system: s }) => useShownTopology(source, s, view), {
    initialProps: { system }
  })
}

describe('useShownTopology', () => {
  it('starts on the session’s first topology, and keeps it while no run names a system', () => {
    const { result } = shown(session(), new ViewState())
    expect(result.current).toMatchObject({ system: 'cloudmatrix384', state: 'drawn' })
    expect(result.current!.topology).toBe(cm384)
  })

  it('switches the store, clears the selection and flies over the hall, then gives the topology', () => {
    const source = session()
    const view = new ViewState()
    view.select({ kind: 'die', index: 700 })
    view.hover({ kind: 'die', index: 701 })
    view.flyTo('node', { kind: 'node', index: 43 })
    source.telemetry.push(createFrame(0, 4, countsOf(h800)).buffer)
    expect(source.telemetry.hallFrame).toBeNull()
    const { result, rerender } = shown(source, view, 'cloudmatrix384')

    rerender({ system: 'h800-deepseek' })
    expect(result.current!.topology).toBe(h800)
    expect(source.telemetry.hallFrame?.simTimeS).toBe(4)
    expect(view.get()).toMatchObject({ selected: null, hovered: null })
    expect(view.get().camera).toMatchObject({ preset: 'hall', part: null })

    // a system without a topology: no hall, and nothing for the hall to draw
    rerender({ system: 'gb200-nvl72' })
    expect(result.current).toMatchObject({ state: 'none', topology: null })
    expect(source.telemetry.hallFrame).toBeNull()
  })

  it('settles a step once the switch is done: its camera comes after the reset', async () => {
    const source = session()
    const view = new ViewState()
    const { result, rerender } = shown(source, view, 'cloudmatrix384')
    // each camera request, in order
    const flights: string[] = []
    let seq = view.get().camera.seq
    view.subscribe(() => {
      const { preset, part, seq: now } = view.get().camera
      if (now === seq) return
      seq = now
      flights.push(`${preset}:${part?.index ?? '-'}`)
    })
    const step: TourStep = {
      camera: { preset: 'node', part: { kind: 'node', index: 3 } },
      caption: 'An H800 node.',
      metric: 'role',
      kpi: 'powerKW',
      runId: 'h800-run'
    }
    // the run opens (its status names the H800) before React has rendered the switch
    const applied = applyStep(step, {
      view,
      showReplay: () => result.current!.settle('h800-deepseek')
    })
    await act(async () => {
      await Promise.resolve()
    })
    expect(flights).toEqual([])
    act(() => rerender({ system: 'h800-deepseek' }))
    await act(async () => {
      expect(await applied).toBeNull()
    })
    expect(flights).toEqual(['hall:-', 'node:3'])
    expect(result.current!.topology).toBe(h800)
  })

  it('loads a topology not kept yet, once, and shows it when it comes', async () => {
    const twin = fakeTwin()
    const telemetry = new TelemetryStore(countsOf(cm384))
    const topologies = new TopologyCache(twin.api)
    topologies.add(cm384)
    const source = { topology: cm384, topologies, telemetry, systems }
    const { result, rerender } = shown(source, new ViewState(), 'cloudmatrix384')
    rerender({ system: 'h100-sglang' })
    expect(result.current).toMatchObject({ state: 'loading', topology: null })
    await act(async () => {
      await topologies.load('h100-sglang')
    })
    expect(result.current).toMatchObject({ state: 'drawn', system: 'h100-sglang' })
    rerender({ system: 'cloudmatrix384' })
    rerender({ system: 'h100-sglang' })
    const calls = twin.invoke.mock.calls.filter(([m]) => m === 'topology.get')
    expect(calls).toHaveLength(1)
  })
})
