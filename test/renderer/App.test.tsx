import { act, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { KPI_INDEX, createFrame } from '../../src/shared/frame'
import { App } from '../../src/renderer/src/App'
import type { HallProps } from '../../src/renderer/src/scene/Hall'
import { twinStats } from '../../src/renderer/src/twinStats'
import { recordingCharts } from './chartRecorder'
import { fail, fakeTwin, hallCounts } from './fakeTwin'

function StubHall({ topology: t }: HallProps) {
  return <div data-testid="hall">{t.racks.length} racks</div>
}

afterEach(() => {
  vi.useRealTimers()
})

describe('App', () => {
  it('shows a loading state while the topology is on its way', () => {
    const twin = fakeTwin({ 'topology.get': () => new Promise(() => {}) })
    render(<App connect={() => twin.api} hall={StubHall} charts={recordingCharts().factory} />)
    expect(screen.getByRole('status')).toHaveTextContent(/loading the cloudmatrix384 topology/i)
    expect(screen.getByText('Supernode Twin')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
    expect(screen.queryByRole('group', { name: 'Run controls' })).not.toBeInTheDocument()
  })

  it('shows a readable error when the topology is refused, and starts nothing', async () => {
    const twin = fakeTwin({
      'topology.get': fail({
        code: 'invalid-argument',
        message: "topology.get: argument 'system': Invalid option",
        field: 'system'
      })
    })
    render(<App connect={() => twin.api} hall={StubHall} charts={recordingCharts().factory} />)
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/could not load the cloudmatrix384 topology/i)
    expect(alert).toHaveTextContent("argument 'system': Invalid option")
    expect(alert).toHaveTextContent('invalid-argument')
    expect(twin.methods()).not.toContain('run.start')
  })

  it('names the scenario list when that is what failed', async () => {
    const twin = fakeTwin({
      'scenarios.list': fail({ code: 'internal', message: 'resources/scenarios is missing' })
    })
    render(<App connect={() => twin.api} hall={StubHall} charts={recordingCharts().factory} />)
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/could not load the scenarios/i)
    expect(alert).toHaveTextContent('resources/scenarios is missing')
  })

  it('shows an error instead of a blank page when the twin cannot be reached at all', async () => {
    render(
      <App
        connect={() => {
          throw new Error('no twin bridge in this window')
        }}
        hall={StubHall}
      />
    )
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/could not reach the twin/i)
    expect(alert).toHaveTextContent('no twin bridge in this window')
  })

  it('loads, subscribes, then starts the default preset at 10x and shows the live run', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const twin = fakeTwin()
    const { unmount } = render(
      <App connect={() => twin.api} hall={StubHall} charts={recordingCharts().factory} />
    )
    expect(await screen.findByTestId('hall')).toHaveTextContent('16 racks')
    await screen.findByText('running')

    expect(twin.methods().slice(0, 3).sort()).toEqual([
      'scenarios.list',
      'systems.list',
      'topology.get'
    ])
    expect(twin.invoke).toHaveBeenCalledWith('topology.get', { system: 'cloudmatrix384' })
    // the run starts once everything is loaded, and only then is its SLO asked for
    const methods = twin.methods()
    expect(methods.filter((m) => m === 'run.start')).toHaveLength(1)
    expect(methods.indexOf('run.start')).toBeGreaterThan(2)
    expect(twin.invoke).toHaveBeenCalledWith('run.start', { scenario: 'default', speed: 10 })
    expect(methods.indexOf('scenarios.get')).toBeGreaterThan(methods.indexOf('run.start'))
    // frames, run and replay statuses were subscribed before the run was asked to start
    expect(twin.listenersWhenCalled('run.start')).toBe(3)

    expect(screen.getByText('Huawei CloudMatrix384')).toBeInTheDocument()
    expect(screen.getByTestId('run-state')).toHaveTextContent('run running')
    expect(twinStats().runState).toBe('running')
    expect(screen.getByLabelText('Colour legend')).toHaveTextContent('failed die')
    expect(screen.getByLabelText('Colour legend')).toHaveTextContent(/idle die/)

    const frame = createFrame(2, 123.4, hallCounts)
    frame.kpis[KPI_INDEX.outputTokensPerS] = 301_234.5
    act(() => {
      twin.sendFrame(createFrame(0, 121.4, hallCounts).buffer)
      twin.sendFrame(createFrame(1, 122.4, hallCounts).buffer)
      twin.sendFrame(frame.buffer)
    })
    await act(() => vi.advanceTimersByTimeAsync(300))
    expect(screen.getByTestId('frames-received')).toHaveTextContent('frames 3')
    expect(screen.getByTestId('run-progress')).toHaveTextContent('sim 123 s / 600 s')
    expect(screen.getByTestId('kpi-outputTokensPerS')).toHaveTextContent('301,235 tok/s')

    act(() => twin.pushStatus({ state: 'failed', error: 'worker crashed' }))
    expect(screen.getByTestId('run-state')).toHaveTextContent('failed: worker crashed')
    expect(screen.getByRole('alert')).toHaveTextContent(/the run failed.*worker crashed/i)
    // a failed run keeps its last frame on screen
    expect(screen.getByTestId('kpi-outputTokensPerS')).toHaveTextContent('301,235 tok/s')

    unmount()
    expect(twin.listenerCount()).toBe(0)
  })

  it('keeps the hall and the controls when the first run is refused, and says why', async () => {
    const twin = fakeTwin({
      'run.start': fail({
        code: 'invalid-argument',
        message: "scenario.workload.trace: no trace 'azure-conv'",
        field: 'scenario.workload.trace'
      })
    })
    render(<App connect={() => twin.api} hall={StubHall} charts={recordingCharts().factory} />)
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/could not start “CloudMatrix384 · Azure conversations”/i)
    expect(alert).toHaveTextContent("no trace 'azure-conv'")
    expect(alert).toHaveTextContent('invalid-argument')
    expect(screen.getByTestId('hall')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /^start/i })).toBeEnabled()

    act(() =>
      within(alert)
        .getByRole('button', { name: /dismiss/i })
        .click()
    )
    expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  })

  it('draws no hall for a system without a topology, says so, and still shows its KPIs', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    const twin = fakeTwin()
    render(<App connect={() => twin.api} hall={StubHall} charts={recordingCharts().factory} />)
    await screen.findByText('running')
    act(() => twin.pushStatus({ runId: 'run-gb200', system: 'gb200-nvl72', scenarioId: 'gb200' }))

    const note = screen.getByText(/has no hall to show/)
    expect(note).toHaveTextContent(/This run simulates NVIDIA GB200 NVL72/)
    expect(note).toHaveTextContent(/no part-level topology/)
    // no hall of another system stands in for it: an empty state, and no part tools
    expect(screen.queryByTestId('hall')).toBeNull()
    expect(screen.getByTestId('no-hall')).toHaveTextContent('No 3D hall of NVIDIA GB200 NVL72')
    expect(screen.queryByRole('combobox', { name: 'Find a part by id' })).toBeNull()
    expect(screen.queryByTestId('inspector')).toBeNull()
    expect(screen.getByText('NVIDIA GB200 NVL72')).toBeInTheDocument()

    const frame = createFrame(0, 5, { dies: 0, cpus: 0, links: 0 })
    frame.kpis[KPI_INDEX.powerKW] = 812.25
    act(() => twin.sendFrame(frame.buffer))
    await act(() => vi.advanceTimersByTimeAsync(300))
    expect(screen.getByTestId('kpi-powerKW')).toHaveTextContent('812 kW')
  })
})
