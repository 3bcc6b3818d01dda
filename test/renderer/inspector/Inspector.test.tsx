import { Profiler } from 'react'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Inspector } from '../../../src/renderer/src/inspector/Inspector'
import { TelemetryStore } from '../../../src/renderer/src/telemetry/telemetryStore'
import { PANEL_REFRESH_MS } from '../../../src/renderer/src/telemetry/useSampled'
import { DIE_METRIC_SPECS } from '../../../src/renderer/src/view/dieMetrics'
import { type PartRef, ViewState } from '../../../src/renderer/src/view/viewState'
import { DieRole, createFrame, decodeFrame } from '../../../src/shared/frame'
import { hallCounts, topology } from '../fakeTwin'

const DIE = topology.dies.find((d) => d.id === 'node-05.npu-3.die-1')!.index
const OTHER_DIE = DIE + 1
const EXPERTS = 256

type Fill = (frame: ReturnType<typeof createFrame>) => void

/** A frame of the whole hall: die DIE decoding and hosting experts 17, 200 and a shared copy. */
function frame(index: number, simTimeS: number, fill: Fill = () => {}) {
  const f = createFrame(index, simTimeS, { ...hallCounts, experts: EXPERTS, slots: 4 })
  f.dieCompute[DIE] = 0.625
  f.dieHbmBandwidth[DIE] = 0.4
  f.dieHbmUsedGB[DIE] = 41.5
  f.dieRole[DIE] = DieRole.decode
  f.expertLoad.fill(1)
  f.expertLoad[17] = 1.5
  f.expertLoad[200] = 0.75
  f.slotExpert.set([17, 5, 200, EXPERTS])
  f.slotDie.set([DIE, 3, DIE, DIE])
  fill(f)
  return f.buffer
}

function setup(selected: PartRef | null, buffers: ArrayBuffer[] = [frame(0, 1)]) {
  const view = new ViewState()
  const telemetry = new TelemetryStore(hallCounts)
  for (const b of buffers) telemetry.push(b)
  view.select(selected)
  const onClose = vi.fn()
  let commits = 0
  render(
    <Profiler id="inspector" onRender={() => commits++}>
      <Inspector view={view} topology={topology} telemetry={telemetry} onClose={onClose} />
    </Profiler>
  )
  return { view, telemetry, onClose, commits: () => commits }
}

const text = (testId: string) => screen.getByTestId(testId).textContent
const sparkCount = () =>
  Number(screen.getByTestId('inspector-sparkline').getAttribute('data-count'))
const tick = () => act(() => vi.advanceTimersByTimeAsync(PANEL_REFRESH_MS))

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('Inspector', () => {
  it('asks for a selection when there is none', () => {
    setup(null)
    expect(screen.getByTestId('inspector-empty')).toHaveTextContent(
      'Click a chip, node or rack in the hall, or search for one (/)'
    )
    expect(screen.queryByRole('button', { name: 'Close the inspector' })).toBeNull()
  })

  it("shows a die: where it is, its role, its figures with units, and the frame's exact numbers", () => {
    setup({ kind: 'die', index: DIE })
    expect(screen.getByRole('region', { name: 'Inspector' })).toBeInTheDocument()
    expect(text('inspector-id')).toBe('node-05.npu-3.die-1')
    expect(text('inspector-kind')).toBe('die')
    expect(text('inspector-position')).toBe(
      'die 1 of NPU 3 in node-05, 2nd from the bottom node of rack-01'
    )
    expect(text('inspector-role')).toBe('decode')
    expect(text('inspector-compute')).toBe('62.5 %')
    expect(text('inspector-hbm-bandwidth')).toBe('40.0 %')
    expect(text('inspector-hbm-used')).toBe('41.5 GB of 64')
    // the same function the scene colours with (engine devicePowerW)
    const f = decodeFrame(frame(0, 1))
    const watts = DIE_METRIC_SPECS.power.value(f, DIE)
    expect(watts).toBeGreaterThan(DIE_METRIC_SPECS.power.min)
    expect(text('inspector-power')).toBe(`${watts.toFixed(0)} W`)
    for (const [testId, metric] of [
      ['inspector-compute', 'compute'],
      ['inspector-hbm-bandwidth', 'hbmBandwidth'],
      ['inspector-hbm-used', 'hbmOccupancy'],
      ['inspector-power', 'power']
    ] as const) {
      const value = Number(screen.getByTestId(testId).getAttribute('data-value'))
      expect(value).toBe(DIE_METRIC_SPECS[metric].value(f, DIE))
    }
  })

  it('lists the experts a die hosts, busiest first, with their loads', () => {
    setup({ kind: 'die', index: DIE })
    const items = within(screen.getByTestId('inspector-experts')).getAllByRole('listitem')
    expect(items.map((li) => li.textContent)).toEqual([
      'expert 171.50×',
      'expert 2000.75×',
      'shared expert—'
    ])
    expect(items.map((li) => li.getAttribute('data-expert'))).toEqual(['17', '200', '256'])
  })

  it('says so when a die hosts no experts', () => {
    setup({ kind: 'die', index: OTHER_DIE })
    expect(screen.getByTestId('inspector-experts-none')).toBeInTheDocument()
    expect(text('inspector-role')).toBe('idle (not serving)')
    expect(text('inspector-compute')).toBe('0.0 %')
  })

  it('shows dashes before any frame', () => {
    setup({ kind: 'die', index: DIE }, [])
    expect(text('inspector-compute')).toBe('—')
    expect(text('inspector-role')).toBe('—')
    expect(screen.getByText('no telemetry for this part yet')).toBeInTheDocument()
  })

  it("shows a node's compute and roles, a rack's nodes, a link's ends", () => {
    const node5 = topology.dies.filter((d) => d.node === 5).map((d) => d.index)
    const busy = frame(0, 1, (f) => {
      node5.forEach((d, i) => {
        f.dieCompute[d] = i < 8 ? 0.5 : 0.25
        f.dieRole[d] = i < 8 ? DieRole.decode : DieRole.prefill
      })
      f.dieCompute[DIE] = 1
      f.linkUtilization[0] = 0.333
    })
    const { view } = setup({ kind: 'node', index: 5 }, [busy])
    expect(text('inspector-id')).toBe('node-05')
    const mean = Number(screen.getByTestId('inspector-compute-mean').getAttribute('data-value'))
    expect(mean).toBeCloseTo(((7 * 0.5 + 1 + 8 * 0.25) / 16) * 100, 4)
    expect(text('inspector-compute-max')).toBe('100.0 %')
    const roles = screen.getByTestId('inspector-roles')
    expect(roles.querySelector('[data-role="decode"]')).toHaveAttribute('data-count', '8')
    expect(roles.querySelector('[data-role="prefill"]')).toHaveAttribute('data-count', '8')

    act(() => view.select({ kind: 'rack', index: 1 }))
    const nodes = within(screen.getByTestId('inspector-nodes')).getAllByRole('button')
    expect(nodes.map((b) => b.textContent)).toEqual(['node-04', 'node-05', 'node-06', 'node-07'])
    fireEvent.click(nodes[1]!)
    expect(view.get().selected).toEqual({ kind: 'node', index: 5 })
    expect(view.get().camera.preset).toBe('node')

    act(() => view.select({ kind: 'link', index: 0 }))
    expect(text('inspector-id')).toBe('node-00.npu-0.die-0>l1-0')
    expect(text('inspector-utilization')).toBe('33.3 %')
    expect(screen.getByRole('button', { name: 'node-00.npu-0.die-0' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'node-00.l1-0' })).toBeInTheDocument()
  })

  it("shows a switch's mean link utilization and a CPU's", () => {
    const l1 = topology.l1Switches[0]!
    const busy = frame(0, 1, (f) => {
      for (const l of topology.links) {
        const touches =
          (l.from.kind === 'l1' && l.from.index === l1.index) ||
          (l.to.kind === 'l1' && l.to.index === l1.index)
        if (touches) f.linkUtilization[l.index] = 0.5
      }
      f.cpuUtilization[3] = 0.875
    })
    const { view } = setup({ kind: 'l1Switch', index: l1.index }, [busy])
    expect(text('inspector-link-mean')).toBe('50.0 %')
    act(() => view.select({ kind: 'cpu', index: 3 }))
    expect(text('inspector-utilization')).toBe('87.5 %')
  })

  it('closes: clears the selection and tells its owner', () => {
    const { view, onClose } = setup({ kind: 'die', index: DIE })
    fireEvent.click(screen.getByRole('button', { name: 'Close the inspector' }))
    expect(view.get().selected).toBeNull()
    expect(onClose).toHaveBeenCalledOnce()
    expect(screen.getByTestId('inspector-empty')).toBeInTheDocument()
  })

  it('records every frame for the sparkline but re-renders only on its timer', async () => {
    const { telemetry, commits } = setup({ kind: 'die', index: DIE })
    const before = commits()
    // act() flushes any render a frame would cause, so one per frame would be counted
    for (let i = 1; i <= 60; i++) {
      act(() => telemetry.push(frame(i, 1 + i, (f) => (f.dieCompute[DIE] = (i % 10) / 10))))
    }
    expect(commits()).toBe(before)
    expect(text('inspector-compute')).toBe('62.5 %')
    await tick()
    expect(commits()).toBe(before + 1)
    expect(text('inspector-compute')).toBe('0.0 %') // frame 60: 60 % 10 = 0
    expect(sparkCount()).toBe(61) // the frame shown when selected, then all 60
    const path = screen.getByTestId('inspector-sparkline').querySelector('path')!
    expect(path.getAttribute('d')!.match(/[ML]/g)).toHaveLength(61)
  })

  it('starts the sparkline again on another selection, another metric, or a seek back', async () => {
    const { view, telemetry } = setup({ kind: 'die', index: DIE })
    for (let i = 1; i <= 5; i++) telemetry.push(frame(i, 1 + i))
    await tick()
    expect(sparkCount()).toBe(6)

    act(() => view.select({ kind: 'die', index: OTHER_DIE }))
    expect(sparkCount()).toBe(1)
    telemetry.push(frame(6, 7))
    await tick()
    expect(sparkCount()).toBe(2)

    act(() => view.setMetric('power'))
    expect(sparkCount()).toBe(1)
    expect(screen.getByText('Power, all-in share per die')).toBeInTheDocument()

    telemetry.push(frame(7, 8))
    telemetry.push(frame(3, 2)) // a replay seeked back to 2 s
    await tick()
    expect(sparkCount()).toBe(1)
  })
})
