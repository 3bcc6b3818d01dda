import { describe, expect, it } from 'vitest'
import {
  CHARTS,
  CHART_KPIS,
  buildChartData,
  formatAxis,
  hasValues
} from '../../../src/renderer/src/charts/series'

const chart = (id: string) => CHARTS.find((c) => c.id === id)!
const slo = { ttftMs: 1000, tpotMs: 40 }

describe('chart series', () => {
  it('charts throughput, TTFT and TPOT percentiles against their SLO, and power', () => {
    expect(CHARTS.map((c) => c.id)).toEqual(['throughput', 'ttft', 'tpot', 'power'])
    expect(chart('ttft').series.map((s) => s.kpi)).toEqual(['ttftP50Ms', 'ttftP99Ms', 'slo'])
    expect(chart('tpot').series.map((s) => s.kpi)).toEqual(['tpotP50Ms', 'tpotP99Ms', 'slo'])
    // what a replay asks runs.kpis for: every KPI drawn, once, and no 'slo'
    expect([...CHART_KPIS].sort()).toEqual(
      [
        'inputTokensPerS',
        'outputTokensPerS',
        'powerKW',
        'tpotP50Ms',
        'tpotP99Ms',
        'ttftP50Ms',
        'ttftP99Ms'
      ].sort()
    )
  })

  it('builds aligned columns: x, then each series, NaN and missing KPIs as gaps', () => {
    const data = buildChartData(
      chart('ttft'),
      {
        timesS: Float64Array.from([1, 2, 3]),
        kpis: { ttftP50Ms: [400, Number.NaN, 420] }
      },
      slo
    )
    expect(data).toEqual([
      [1, 2, 3],
      [400, null, 420],
      [null, null, null],
      [1000, 1000, 1000]
    ])
    expect(hasValues(chart('ttft'), data)).toBe(true)
  })

  it('draws the SLO of the chart’s own kind', () => {
    const data = buildChartData(chart('tpot'), { timesS: [0, 1], kpis: {} }, slo)
    expect(data[3]).toEqual([40, 40])
    // an SLO line alone is nothing to show
    expect(hasValues(chart('tpot'), data)).toBe(false)
  })

  it('builds nothing from nothing', () => {
    expect(buildChartData(chart('power'), { timesS: [], kpis: {} }, slo)).toEqual([[], []])
  })

  it('keeps axis numbers short', () => {
    expect(formatAxis(301_234)).toBe('301k')
    expect(formatAxis(1_200)).toBe('1.2k')
    expect(formatAxis(2_500_000)).toBe('2.5M')
    expect(formatAxis(0.5)).toBe('0.5')
    expect(formatAxis(40)).toBe('40')
    expect(formatAxis(0)).toBe('0')
  })
})
