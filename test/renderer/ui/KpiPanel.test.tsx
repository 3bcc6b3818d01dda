import { act, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { KPI_INDEX, type KpiName, createFrame } from '../../../src/shared/frame'
import { TelemetryStore } from '../../../src/renderer/src/telemetry/telemetryStore'
import { KPI_DETAILS, KPI_TILES, KpiPanel } from '../../../src/renderer/src/ui/KpiPanel'
import { formatCount, formatNumber, formatPercent } from '../../../src/renderer/src/ui/kpiFormat'

const counts = { dies: 4, cpus: 2, links: 3 }

function frameWith(index: number, simTimeS: number, kpis: Partial<Record<KpiName, number>>) {
  const frame = createFrame(index, simTimeS, counts)
  for (const [name, value] of Object.entries(kpis)) frame.kpis[KPI_INDEX[name as KpiName]] = value
  return frame.buffer
}

const figure = (name: KpiName) => screen.getByTestId(`kpi-${name}`)

afterEach(() => {
  vi.useRealTimers()
})

describe('KPI formatting', () => {
  it('keeps about three significant figures, with separators', () => {
    expect(formatNumber(301_234.5)).toBe('301,235')
    expect(formatNumber(412.4)).toBe('412')
    expect(formatNumber(38.26)).toBe('38.3')
    expect(formatNumber(1.234)).toBe('1.23')
    expect(formatNumber(0)).toBe('0')
    expect(formatNumber(-0)).toBe('0')
    expect(formatPercent(0.9734)).toBe('97.3')
    expect(formatCount(12.6)).toBe('13')
  })

  it('shows a dash for what is not defined', () => {
    for (const format of [formatNumber, formatPercent, formatCount]) {
      expect(format(Number.NaN)).toBe('—')
      expect(format(Number.POSITIVE_INFINITY)).toBe('—')
    }
  })
})

describe('KPI panel', () => {
  it('shows every figure of the newest frame with its unit, and a dash for NaN', () => {
    const telemetry = new TelemetryStore(counts)
    telemetry.push(
      frameWith(7, 123.6, {
        outputTokensPerS: 301_234.5,
        outputTokensPerSPerChip: 1943.4,
        decodeBatchPerChip: 96,
        ttftP50Ms: 412.4,
        ttftP99Ms: 1203.7,
        tpotP50Ms: 38.26,
        tpotP99Ms: 49.91,
        sloAttainment: 0.9734,
        prefixCacheHitRate: 0.561,
        powerKW: 812.25,
        outputTokensPerJoule: 0.371,
        prefillBusy: 0.8,
        prefillQueue: 12,
        kvTransferQueue: 3,
        decodeQueue: 0
      })
    )
    render(<KpiPanel telemetry={telemetry} />)
    expect(screen.getByRole('region', { name: 'Key figures' })).toHaveTextContent('sim 123 s')
    expect(figure('outputTokensPerS')).toHaveTextContent('301,235 tok/s')
    expect(screen.getByTestId('kpi-tile-outputTokensPerS')).toHaveTextContent('Output301,235 tok/s')
    expect(figure('outputTokensPerSPerChip')).toHaveTextContent('1,943 tok/s')
    expect(figure('decodeBatchPerChip')).toHaveTextContent('96.0 seq/chip')
    expect(figure('ttftP50Ms')).toHaveTextContent('412 ms')
    expect(figure('ttftP99Ms')).toHaveTextContent('1,204 ms')
    expect(figure('tpotP50Ms')).toHaveTextContent('38.3 ms')
    expect(figure('tpotP99Ms')).toHaveTextContent('49.9 ms')
    expect(figure('sloAttainment')).toHaveTextContent('97.3 %')
    expect(figure('prefixCacheHitRate')).toHaveTextContent('56.1 %')
    expect(figure('powerKW')).toHaveTextContent('812 kW')
    expect(figure('outputTokensPerJoule')).toHaveTextContent('0.37 tok/J')
    expect(figure('prefillBusy')).toHaveTextContent('80.0 %')
    expect(figure('prefillQueue')).toHaveTextContent('12 req')
    expect(figure('kvTransferQueue')).toHaveTextContent('3 req')
    expect(figure('decodeQueue')).toHaveTextContent('0 req')
  })

  it('gives every figure a unit, and shows it next to the value', () => {
    for (const spec of [...KPI_TILES, ...KPI_DETAILS]) expect(spec.unit).not.toBe('')
    const telemetry = new TelemetryStore(counts)
    const every = Object.fromEntries(KPI_TILES.map((spec) => [spec.name, 0.5]))
    telemetry.push(
      frameWith(0, 1, { ...every, outputTokensPerSPerTflops: 2.5, inputTokensPerS: 1925 })
    )
    render(<KpiPanel telemetry={telemetry} />)
    expect(figure('outputTokensPerSPerTflops')).toHaveTextContent('2.50 tok/s/TFLOPS')
    expect(figure('inputTokensPerS')).toHaveTextContent('1,925 tok/s')
    for (const spec of KPI_TILES) {
      const tile = screen.getByTestId(`kpi-tile-${spec.name}`)
      expect(tile).toHaveTextContent(spec.label)
      expect(tile).toHaveTextContent(spec.unit)
    }
  })

  it('shows dashes, without units, before completions and before any frame', () => {
    const telemetry = new TelemetryStore(counts)
    render(<KpiPanel telemetry={telemetry} />)
    expect(screen.getByRole('region', { name: 'Key figures' })).toHaveTextContent(
      'waiting for the first frame'
    )
    expect(figure('ttftP99Ms').textContent).toBe('—')
  })

  it('refreshes on its timer, not per frame', async () => {
    vi.useFakeTimers()
    const telemetry = new TelemetryStore(counts)
    telemetry.push(frameWith(0, 1, { ttftP99Ms: Number.NaN, powerKW: 500 }))
    render(<KpiPanel telemetry={telemetry} />)
    expect(figure('ttftP99Ms').textContent).toBe('—')
    expect(figure('powerKW')).toHaveTextContent('500 kW')

    telemetry.push(frameWith(1, 2, { ttftP99Ms: 950, powerKW: 640 }))
    // nothing re-rendered on the frame itself
    expect(figure('powerKW')).toHaveTextContent('500 kW')
    await act(() => vi.advanceTimersByTimeAsync(250))
    expect(figure('ttftP99Ms')).toHaveTextContent('950 ms')
    expect(figure('powerKW')).toHaveTextContent('640 kW')
  })
})

describe('KPI tiles against the SLO', () => {
  const status = (name: KpiName) => screen.getByTestId(`kpi-slo-${name}`)

  it('says in words whether each latency percentile is within, near or over its target', () => {
    const telemetry = new TelemetryStore(counts)
    telemetry.push(
      frameWith(0, 10, { ttftP50Ms: 412, ttftP99Ms: 1203, tpotP50Ms: 38, tpotP99Ms: 51.2 })
    )
    render(
      <KpiPanel telemetry={telemetry} slo={{ ttftMs: 1000, tpotMs: 40, source: 'scenario' }} />
    )
    // 412 of 1000: fine; 1203 of 1000: over; 38 of 40: within 80% of it, so near
    expect(status('ttftP50Ms')).toHaveTextContent('within SLO · target 1,000 ms')
    expect(status('ttftP50Ms')).toHaveClass('kpi-slo--ok')
    expect(status('ttftP99Ms')).toHaveTextContent('over SLO · target 1,000 ms')
    expect(status('ttftP99Ms')).toHaveClass('kpi-slo--breach')
    expect(status('tpotP50Ms')).toHaveTextContent('near SLO · target 40.0 ms')
    expect(status('tpotP50Ms')).toHaveClass('kpi-slo--warn')
    expect(status('tpotP99Ms')).toHaveTextContent('over SLO')
    expect(status('tpotP99Ms')).not.toHaveTextContent('(default)')
    // only the latency tiles carry a status
    expect(screen.queryByTestId('kpi-slo-outputTokensPerS')).not.toBeInTheDocument()
  })

  it('reads against the schema defaults, and says so, when the run’s SLO is not known', () => {
    const telemetry = new TelemetryStore(counts)
    telemetry.push(frameWith(0, 10, { ttftP50Ms: 1900, tpotP99Ms: Number.NaN }))
    render(<KpiPanel telemetry={telemetry} />)
    expect(status('ttftP50Ms')).toHaveTextContent('near SLO · target 2,000 ms (default)')
    // no value in this window: no status, only the target
    expect(status('tpotP99Ms').textContent).toBe('target 50.0 ms (default)')
    expect(status('tpotP99Ms')).toHaveClass('kpi-slo--none')
  })

  it('tells how to begin when there is no run', () => {
    render(<KpiPanel telemetry={new TelemetryStore(counts)} noRun />)
    const panel = screen.getByRole('region', { name: 'Key figures' })
    expect(panel).toHaveTextContent('no run yet')
    expect(panel).toHaveTextContent('Pick a scenario on the left and press Start')
  })
})
