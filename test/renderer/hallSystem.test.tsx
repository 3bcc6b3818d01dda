import { act, render, screen, within } from '@testing-library/react'
import { memo, useLayoutEffect } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getTopology } from '../../src/engine/topology'
import { App } from '../../src/renderer/src/App'
import type { HallProps } from '../../src/renderer/src/scene/Hall'
import type { TelemetryStore } from '../../src/renderer/src/telemetry/telemetryStore'
import { ViewState } from '../../src/renderer/src/view/viewState'
import { KPI_INDEX, createFrame } from '../../src/shared/frame'
import type { Tour } from '../../src/shared/tour'
import { recordingCharts } from './chartRecorder'
import { countsOfSystem, fakeTwin, hallCounts, savedRun } from './fakeTwin'
import { click, openLibrary, press, row } from './library/appHarness'
import { fakeTours } from './present/fakeTours'

/** the main hall follows the system shown: the live run's, or the replayed run's */

const h800 = getTopology('h800-deepseek')
const h100 = getTopology('h100-sglang')

/** what the stand-in hall was given and how often it rendered, as the real (memoised) one */
const hall = {
  renders: 0,
  mounts: 0,
  topology: null as HallProps['topology'] | null,
  telemetry: null as TelemetryStore | null
}
const StubHall = memo(function StubHall({ topology, telemetry }: HallProps) {
  hall.renders++
  hall.topology = topology
  hall.telemetry = telemetry
  // counted in the commit's own task: a passive effect may run after the test has read it
  useLayoutEffect(() => {
    hall.mounts++
  }, [])
  return <div data-testid="hall">{topology.system}</div>
})

afterEach(() => {
  vi.useRealTimers()
  Object.assign(hall, { renders: 0, mounts: 0, topology: null, telemetry: null })
})

const runs = [
  savedRun({ id: 'cm-run', name: 'CM384 run' }),
  savedRun({ id: 'h800-run', name: 'H800 at batch 64', system: 'h800-deepseek' }),
  savedRun({ id: 'h100-run', name: 'H100 run', system: 'h100-sglang' }),
  savedRun({ id: 'gb200-run', name: 'GB200 run', system: 'gb200-nvl72' })
]

async function app(tours: Record<string, Tour[]> = {}) {
  const view = new ViewState()
  const twin = fakeTwin(fakeTours(tours).overrides as never, { runs })
  render(
    <App connect={() => twin.api} hall={StubHall} charts={recordingCharts().factory} view={view} />
  )
  await screen.findByText('running')
  // the first hall is on screen (and counted) before a test takes its baseline
  await screen.findByTestId('hall')
  return { twin, view }
}

/** opens a saved run's replay from the library, as the user does */
async function open(twin: ReturnType<typeof fakeTwin>, id: string) {
  const name = twin.savedRuns().find((r) => r.id === id)!.name
  await openLibrary()
  await click(within(await row(name)).getByRole('button', { name: `Replay “${name}”` }))
}
const close = (twin: ReturnType<typeof fakeTwin>) =>
  act(async () => {
    await twin.api.invoke('replay.close', {})
  })
const notice = () => screen.queryByText(/has no hall to show/)
const topologyCalls = (twin: ReturnType<typeof fakeTwin>, system: string) =>
  twin.invoke.mock.calls.filter(
    ([method, args]) => method === 'topology.get' && (args as { system: string }).system === system
  ).length

// App-level tests: a loaded machine (two shared cores) can take seconds over one
describe('the hall of the system shown', { timeout: 15_000 }, () => {
  it('draws an H800 replay with the H800 topology, and the live CM384 run again once closed', async () => {
    const { twin } = await app()
    expect(hall.topology?.system).toBe('cloudmatrix384')
    const telemetry = hall.telemetry!
    // the live run's frames are the hall's
    act(() => twin.sendFrame(createFrame(0, 7, hallCounts).buffer))
    expect(telemetry.hallFrame?.simTimeS).toBe(7)

    await open(twin, 'h800-run')
    expect(screen.getByTestId('hall')).toHaveTextContent('h800-deepseek')
    expect(hall.topology).toBe(h800)
    expect(notice()).toBeNull()
    // the replay's frame (sent before the switch) is drawn, and so are the next ones
    expect(telemetry.hallFrame?.counts.dies).toBe(h800.dies.length)
    expect(telemetry.hallFrame?.simTimeS).toBe(0)
    act(() => twin.playTo(31))
    expect(telemetry.hallFrame?.simTimeS).toBe(31)
    expect(telemetry.framesRejected).toBe(0)
    // the status bar names the system shown
    expect(screen.getAllByText('NVIDIA H800 (DeepSeek)').length).toBeGreaterThan(0)

    await close(twin)
    expect(screen.getByTestId('hall')).toHaveTextContent('cloudmatrix384')
    expect(hall.topology?.system).toBe('cloudmatrix384')
    // the live run's last frame is shown again, and it is the hall's
    expect(telemetry.hallFrame?.simTimeS).toBe(7)
    expect(notice()).toBeNull()
  })

  it('switches for a live run of another system, loading each topology once', async () => {
    const { twin } = await app()
    const frame = createFrame(0, 3, countsOfSystem('h800-deepseek'))
    frame.kpis[KPI_INDEX.powerKW] = 120
    act(() => twin.pushStatus({ runId: 'run-h800', system: 'h800-deepseek', scenarioId: 'h800' }))
    act(() => twin.sendFrame(frame.buffer))
    expect(hall.topology).toBe(h800)
    expect(hall.telemetry!.hallFrame).toBe(hall.telemetry!.latest)

    act(() => twin.pushStatus({ runId: 'run-cm', system: 'cloudmatrix384', scenarioId: 'default' }))
    expect(hall.topology?.system).toBe('cloudmatrix384')
    // the H800 frame is not the CM384 hall's
    expect(hall.telemetry!.hallFrame).toBeNull()
    await open(twin, 'h800-run')
    await close(twin)
    await open(twin, 'h100-run')
    expect(hall.topology).toBe(h100)
    // every topology asked for once, at the start: switching back and forth asks again for none
    for (const system of ['cloudmatrix384', 'h800-deepseek', 'h100-sglang']) {
      expect(topologyCalls(twin, system), system).toBe(1)
    }
    expect(topologyCalls(twin, 'gb200-nvl72')).toBe(0)
  })

  it('mounts one hall per switch, and frames render none', async () => {
    const { twin } = await app()
    const mounts = hall.mounts
    const renders = hall.renders
    act(() => {
      for (let i = 0; i < 20; i++) twin.sendFrame(createFrame(i, i, hallCounts).buffer)
    })
    expect(hall.renders).toBe(renders)
    await open(twin, 'h800-run')
    expect(hall.mounts).toBe(mounts + 1)
    const after = hall.renders
    act(() => {
      for (let i = 0; i < 20; i++) twin.playTo(i)
    })
    expect(hall.renders).toBe(after)
    await close(twin)
    expect(hall.mounts).toBe(mounts + 2)
  })

  it('clears a selection of the old topology and flies over the new hall', async () => {
    const { twin, view } = await app()
    act(() => view.select({ kind: 'die', index: 700 }))
    act(() => view.hover({ kind: 'node', index: 43 }))
    await press('4', document.body)
    expect(view.get().camera.preset).toBe('node')
    expect(await screen.findByTestId('inspector-id')).toBeInTheDocument()

    await open(twin, 'h800-run')
    // die 700 and node 43 are CloudMatrix384's: the H800 cluster has 160 GPUs in 20 nodes
    expect(view.get().selected).toBeNull()
    expect(view.get().hovered).toBeNull()
    expect(view.get().camera).toMatchObject({ preset: 'hall', part: null })
    expect(screen.getByTestId('inspector-empty')).toBeVisible()

    // the view tools address the H800's parts
    act(() => view.select({ kind: 'die', index: 17 }))
    await press('4', document.body)
    expect(view.get().camera).toMatchObject({ preset: 'node', part: { kind: 'node', index: 2 } })
    expect(await screen.findByTestId('inspector-id')).toHaveTextContent(h800.dies[17]!.id)
    // its figures in the GPU's units: 80 GB of HBM
    expect(screen.getByTestId('inspector-hbm-used').parentElement).toHaveTextContent('of 80')
    expect(screen.getByTestId('legend-title')).toHaveTextContent(/^GPUs: /)
    expect(screen.getByLabelText('Colour legend')).not.toHaveTextContent('communication rack')
  })

  it('draws no hall for GB200 NVL72, with the notice, and draws again after it', async () => {
    const { twin } = await app()
    await open(twin, 'gb200-run')
    expect(notice()).toHaveTextContent(/This replay simulates NVIDIA GB200 NVL72/)
    expect(screen.queryByTestId('hall')).toBeNull()
    expect(screen.getByTestId('no-hall')).toBeInTheDocument()
    expect(screen.queryByRole('group', { name: 'Camera views' })).toBeNull()
    expect(screen.queryByLabelText('Colour legend')).toBeNull()
    // its frames (no parts) feed the KPIs, and the hall frame is null: nothing to draw
    expect(hall.telemetry!.latest?.counts.dies).toBe(0)
    expect(hall.telemetry!.hallFrame).toBeNull()

    await open(twin, 'h800-run')
    expect(notice()).toBeNull()
    expect(hall.topology).toBe(h800)
    await close(twin)
    expect(notice()).toBeNull()
    expect(hall.topology?.system).toBe('cloudmatrix384')
  })

  it('shows the live CloudMatrix384 run in its hall, with no notice', async () => {
    await app()
    expect(notice()).toBeNull()
    expect(screen.getByTestId('hall')).toHaveTextContent('cloudmatrix384')
  })

  it('says when a topology cannot be loaded, and asks again the next time', async () => {
    let refuse = true
    const twin = fakeTwin(
      {
        'topology.get': async ({ system }: { system: string }) =>
          refuse && system === 'h800-deepseek'
            ? { ok: false, error: { code: 'internal', message: 'the worker went away' } }
            : { ok: true, value: getTopology(system as 'cloudmatrix384') }
      } as never,
      { runs }
    )
    render(<App connect={() => twin.api} hall={StubHall} charts={recordingCharts().factory} />)
    await screen.findByText('running')
    await open(twin, 'h800-run')
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Could not load the NVIDIA H800 (DeepSeek) topology')
    expect(alert).toHaveTextContent('the worker went away')
    expect(screen.queryByTestId('hall')).toBeNull()

    refuse = false
    await close(twin)
    expect(hall.topology?.system).toBe('cloudmatrix384')
    await open(twin, 'h800-run')
    expect(await screen.findByTestId('hall')).toHaveTextContent('h800-deepseek')
  })
})

describe('present mode over the hall shown', { timeout: 15_000 }, () => {
  it('plays the built-in CM384 tour over an H800 hall without failing', async () => {
    const { twin, view } = await app()
    await open(twin, 'h800-run')
    await click(screen.getByRole('button', { name: 'Present' }))
    await screen.findByTestId('present-caption')
    for (let i = 0; i < 7; i++) await press('ArrowRight')
    // its rack 2 and node 9 exist in the H800 cluster too: framed, no problem reported
    expect(view.get().camera.preset).toBe('hall')
    expect(hall.topology).toBe(h800)
    expect(within(screen.getByTestId('present')).queryByRole('alert')).toBeNull()
  })

  it('says so when a step frames a part the hall shown does not have', async () => {
    const tour: Tour = {
      name: 'CM384 close-ups',
      description: '',
      steps: [
        {
          camera: { preset: 'node', part: { kind: 'node', index: 40 } },
          caption: 'Node 40 of the supernode.',
          metric: 'compute',
          kpi: 'powerKW'
        }
      ]
    }
    const { twin, view } = await app({ 'h100-run': [tour] })
    await open(twin, 'h100-run')
    await click(screen.getByRole('button', { name: 'Tours' }))
    const menu = await screen.findByRole('dialog', { name: 'Tours' })
    await within(menu).findByRole('option', { name: /CM384 close-ups/ })
    act(() => {
      const select = within(menu).getByLabelText('Tour to present') as HTMLSelectElement
      select.value = 'h100-run/CM384 close-ups'
      select.dispatchEvent(new Event('change', { bubbles: true }))
    })
    await click(screen.getByRole('button', { name: 'Present' }))
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /frames node 40, which the .*H100.* hall does not have: the whole hall is shown instead/
    )
    expect(view.get().camera).toMatchObject({ preset: 'node', part: { kind: 'node', index: 40 } })
  })

  it('a step that opens a run of another system sets its camera on that run’s hall', async () => {
    const tour: Tour = {
      name: 'Across systems',
      description: '',
      steps: [
        {
          camera: { preset: 'node', part: { kind: 'node', index: 3 } },
          caption: 'An H800 node, a minute in.',
          metric: 'role',
          kpi: 'powerKW',
          runId: 'h800-run',
          timeS: 60
        }
      ]
    }
    // listed whatever the run in view (as a built-in tour is), presented from the live
    // CloudMatrix384 run: the step has to switch the hall to the H800's
    const view = new ViewState()
    const twin = fakeTwin(
      {
        'tours.list': async () => ({
          ok: true,
          value: [{ tour, runId: null, builtIn: true }]
        })
      } as never,
      { runs }
    )
    render(
      <App
        connect={() => twin.api}
        hall={StubHall}
        charts={recordingCharts().factory}
        view={view}
      />
    )
    await screen.findByText('running')
    expect(hall.topology?.system).toBe('cloudmatrix384')
    await click(screen.getByRole('button', { name: 'Present' }))
    await screen.findByTestId('present-caption')
    const wait = { timeout: 5000 }
    await vi.waitFor(
      () => expect(twin.replay()).toMatchObject({ runId: 'h800-run', positionS: 60 }),
      wait
    )
    await vi.waitFor(() => expect(hall.topology).toBe(h800), wait)
    // the switch flew over the whole hall; the step's waypoint came after it
    await vi.waitFor(
      () =>
        expect(view.get().camera).toMatchObject({
          preset: 'node',
          part: { kind: 'node', index: 3 }
        }),
      wait
    )
    expect(view.get().metric).toBe('role')
    expect(within(screen.getByTestId('present')).queryByRole('alert')).toBeNull()
  })
})
