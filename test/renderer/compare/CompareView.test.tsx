import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { CompareScenesProps, SceneRun } from '../../../src/renderer/src/compare/CompareScenes'
import { CompareView, comparisonProgress } from '../../../src/renderer/src/compare/CompareView'
import { recordingCharts } from '../chartRecorder'
import { fakeTwin } from '../fakeTwin'
import {
  compareOverrides,
  comparedRuns,
  kpiSeries,
  realComparison,
  runningComparison
} from './fakeCompare'

const perform = async (_title: string, action: () => Promise<string | null | void>) => {
  try {
    await action()
    return true
  } catch {
    return false
  }
}

function setup(overrides = compareOverrides(), runs = comparedRuns) {
  const twin = fakeTwin(overrides, { runs, kpis: kpiSeries })
  const charts = recordingCharts()
  const onClose = vi.fn()
  render(
    <CompareView
      api={twin.api}
      perform={perform}
      onClose={onClose}
      run={null}
      theme="dark"
      charts={charts.factory}
    />
  )
  return { twin, charts, onClose }
}

const dialog = () => screen.getByRole('dialog', { name: 'Compare runs' })
const rowOf = (key: string) => document.querySelector<HTMLTableRowElement>(`tr[data-kpi="${key}"]`)!

async function pickThree() {
  for (const name of ['CloudMatrix384 run', 'H800 run', 'H100 run']) {
    fireEvent.click(await screen.findByRole('checkbox', { name: new RegExp(name) }))
  }
  fireEvent.click(screen.getByRole('button', { name: 'Compare 3 runs' }))
}

async function compareThree() {
  await pickThree()
  await screen.findByRole('table', { name: 'KPI comparison' })
}

describe('the compare view', () => {
  it('says what to do when there are not two runs to compare', async () => {
    setup(compareOverrides(), [comparedRuns[0]!])
    expect(await screen.findByTestId('compare-empty')).toHaveTextContent(/at least two/)
    expect(screen.getByRole('button', { name: /Compare/ })).toBeDisabled()
    expect(within(dialog()).getByText(/Pick two or three saved runs/)).toBeInTheDocument()
  })

  it('shows the KPI table of the picked runs: values, signed deltas in words, unit, scope, provenance', async () => {
    const { twin } = setup()
    await compareThree()
    expect(twin.invoke).toHaveBeenCalledWith('runs.compare', { ids: ['cm', 'h800', 'h100'] })
    const expected = realComparison(['cm', 'h800', 'h100'])
    const table = screen.getByRole('table', { name: 'KPI comparison' })
    // a row per KPI, a value column per run
    expect(table.querySelectorAll('tbody tr')).toHaveLength(expected.rows.length)
    for (const row of expected.rows) {
      const cells = rowOf(row.key).querySelectorAll('[data-run-index]')
      expect([...cells].map((c) => c.getAttribute('data-value'))).toEqual(
        row.values.map((v) => (v === null ? '' : String(v)))
      )
    }
    // output tokens/s: the H800 makes a third less (higher is better: worse), with a sign
    const throughput = rowOf('outputTokensPerS')
    expect(throughput).toHaveTextContent('tokens/s')
    expect(throughput).toHaveTextContent('per system')
    expect(throughput.querySelector('[data-run-index="1"]')).toHaveTextContent(
      '−100,000 (−33.3 %) worse'
    )
    expect(throughput.querySelector('[data-run-index="1"] .verdict--worse')).not.toBeNull()
    // TPOT p99: lower is better, so the H800's 40 ms against 48 ms is better
    expect(rowOf('tpotMs.p99').querySelector('[data-run-index="1"]')).toHaveTextContent(
      '−8.00 (−16.7 %) better'
    )
    expect(rowOf('tpotMs.p99').querySelector('[data-run-index="2"]')).toHaveTextContent(
      '+12.0 (+25.0 %) worse'
    )
    // every row says where it comes from; chips used is a setting
    expect(within(rowOf('powerW')).getByText('simulated')).toBeInTheDocument()
    expect(within(rowOf('chipsUsed')).getByText('setting')).toBeInTheDocument()
    expect(rowOf('outputTokensPerSPerChip')).toHaveTextContent('per chip')
  })

  it('overlays the runs’ KPIs in charts, one line per run, gaps where nothing was measured', async () => {
    const { twin, charts } = setup()
    await compareThree()
    await waitFor(() => expect(charts.chart('compare-throughput').data).not.toBeNull())
    expect(twin.invoke).toHaveBeenCalledWith('runs.kpis', {
      id: 'h800',
      names: ['outputTokensPerS', 'tpotP99Ms', 'powerKW']
    })
    const throughput = charts.chart('compare-throughput')
    expect(throughput.spec.series.map((s) => s.label)).toEqual([
      'CloudMatrix384 run',
      'H800 run',
      'H100 run'
    ])
    expect(throughput.data).toEqual([
      [1, 2, 3],
      [100, 200, null],
      [200, 400, null],
      [300, 600, null]
    ])
    expect(charts.chart('compare-power').data?.[3]).toEqual([500, 600, 2100])
    expect(charts.chart('compare-tpot').data?.[2]).toEqual([30, 80, 50])
    // without WebGL (no scenes given) the place of the 3D views says why they are missing
    expect(screen.getByTestId('compare-scene-slot')).toHaveTextContent(/need WebGL/)
  })

  it('puts the compared runs, in order and with how far each got, on one timeline of 3D views', async () => {
    const twin = fakeTwin(compareOverrides(), { runs: comparedRuns, kpis: kpiSeries })
    const given: SceneRun[][] = []
    function Scenes(props: CompareScenesProps) {
      given.push(props.runs)
      return <p>3D views of {props.runs.length} runs</p>
    }
    render(
      <CompareView
        api={twin.api}
        perform={perform}
        onClose={vi.fn()}
        run={null}
        theme="dark"
        charts={recordingCharts().factory}
        scenes={Scenes}
      />
    )
    await compareThree()
    expect(await screen.findByText('3D views of 3 runs')).toBeInTheDocument()
    expect(given.at(-1)).toEqual(
      ['cm', 'h800', 'h100'].map((id) => {
        const run = comparedRuns.find((r) => r.id === id)!
        return { id, name: run.name, system: run.system, endS: run.simulatedS }
      })
    )
  })

  it('runs the built-in comparison with a progress bar, compares its runs when done, and cancels', async () => {
    const { twin } = setup()
    const run = await screen.findByRole('button', { name: 'Run comparison' })
    fireEvent.change(screen.getByRole('textbox', { name: /Simulated seconds/ }), {
      target: { value: '-5' }
    })
    expect(screen.getByRole('textbox', { name: /Simulated seconds/ })).toHaveAttribute(
      'aria-invalid',
      'true'
    )
    expect(run).toBeDisabled()
    fireEvent.change(screen.getByRole('textbox', { name: /Simulated seconds/ }), {
      target: { value: '60' }
    })
    fireEvent.click(run)
    await waitFor(() =>
      expect(twin.invoke).toHaveBeenCalledWith('comparisons.run', {
        id: 'cloudmatrix384-vs-h800-vs-h100',
        durationS: 60
      })
    )
    act(() =>
      twin.sendEvent({ type: 'comparison.status', status: runningComparison(1, ['cm', 'h800']) })
    )
    const bar = screen.getByRole('progressbar', { name: 'Comparison progress' })
    expect(Number(bar.getAttribute('value'))).toBeCloseTo(1 / 3)
    expect(screen.getByRole('status')).toHaveTextContent('1 of 3 systems done')
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(twin.invoke).toHaveBeenCalledWith('comparisons.cancel', {}))
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Cancelled'))

    act(() =>
      twin.sendEvent({
        type: 'comparison.status',
        status: runningComparison(3, ['cm', 'h800', 'h100'])
      })
    )
    await screen.findByRole('table', { name: 'KPI comparison' })
    expect(twin.invoke).toHaveBeenCalledWith('runs.compare', { ids: ['cm', 'h800', 'h100'] })
  })

  it('counts the running member’s progress in the bar', () => {
    const status = runningComparison(1, ['cm', 'h800'])
    const live = { runId: 'h800', simTimeS: 30, durationS: 60 } as Parameters<
      typeof comparisonProgress
    >[1]
    expect(comparisonProgress(status, live)).toBeCloseTo(1.5 / 3)
    expect(comparisonProgress(status, null)).toBeCloseTo(1 / 3)
  })

  it('closes with Escape, and keys typed inside do not reach the window', async () => {
    const { onClose } = setup()
    const seen = vi.fn()
    window.addEventListener('keydown', seen)
    fireEvent.keyDown(await screen.findByRole('button', { name: /Compare/ }), { key: 'l' })
    expect(seen).not.toHaveBeenCalled()
    fireEvent.keyDown(dialog(), { key: 'Escape' })
    expect(onClose).toHaveBeenCalled()
    window.removeEventListener('keydown', seen)
  })

  it('shows a refused comparison in the view', async () => {
    setup(
      compareOverrides({
        'runs.compare': (async () => ({
          ok: false,
          error: { code: 'not-found', message: "no run 'h100'", field: 'ids' }
        })) as never
      })
    )
    await pickThree()
    expect(await screen.findByRole('alert')).toHaveTextContent(
      "Could not compare the runs: no run 'h100'"
    )
    expect(screen.queryByRole('table', { name: 'KPI comparison' })).toBeNull()
  })
})
