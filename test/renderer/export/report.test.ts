import { describe, expect, it } from 'vitest'
import type { KpiComparison, RunDetails, RunSummary } from '../../../src/shared/api'
import { buildReportHtml, chartSvg, summaryLines } from '../../../src/renderer/src/export/report'

const summary = {
  system: 'cloudmatrix384',
  simulatedS: 20,
  requests: { arrived: 120, completed: 100, failed: 2, inFlight: 18 },
  tokens: { input: 1, output: 2, cachedInput: 0 },
  throughput: {
    inputTokensPerS: 50_000,
    outputTokensPerS: 12_345.6,
    outputTokensPerSPerDecodeChip: 1943.2,
    inputTokensPerSPerPrefillChip: 5000,
    outputTokensPerSPerTflops: 1.294
  },
  latency: {
    ttftMs: { p50: 400, p90: 900, p99: 1500 },
    tpotMs: { p50: 40, p90: 48, p99: 55 },
    e2eS: { p50: 20, p90: 30, p99: 40 }
  },
  slo: {
    ttftMs: 2000,
    tpotMs: 50,
    attainment: 0.975,
    goodputRequestsPerS: 4.5,
    goodputOutputTokensPerS: 1
  },
  decode: {
    meanBatchPerChip: 96,
    meanKvTokens: 1,
    meanStepMs: 40,
    steps: 1,
    tokensPerSPerChipWhileBusy: 1
  },
  cache: { prefixHitRate: 0.56, capacityTokens: 1 },
  power: { meanKW: 559.3, outputTokensPerJoule: 0.022 },
  events: [],
  performanceModelEvaluations: 1
} as RunSummary

const details = {
  run: {
    id: 'r1',
    name: 'Default <run> & co',
    system: 'cloudmatrix384',
    scenarioName: 'Default',
    status: 'stopped',
    createdAt: '2025-01-01T00:00:00Z',
    finishedAt: null,
    durationS: 600,
    sampleIntervalS: 1,
    seed: 1,
    simulatedS: 20,
    frameCount: 20,
    summary,
    error: null
  },
  scenario: { name: 'Default', system: 'cloudmatrix384' },
  events: [{ atS: 12, kind: 'slo-breach', target: 'tpot', message: 'TPOT p90 above 50 ms' }]
} as unknown as RunDetails

const comparison: KpiComparison = {
  runs: [
    {
      id: 'r1',
      name: 'CM384',
      system: 'cloudmatrix384',
      chip: '910C',
      chipsUsed: 176,
      systemChips: 384,
      tflopsPerChip: 1500
    },
    {
      id: 'r2',
      name: 'H800',
      system: 'h800',
      chip: 'H800',
      chipsUsed: 32,
      systemChips: 32,
      tflopsPerChip: 1979
    }
  ],
  rows: [
    {
      key: 'tokensPerChip',
      label: 'Decode tokens/s per chip',
      unit: 'tok/s',
      scope: 'chip',
      higherIsBetter: true,
      provenance: 'simulated',
      note: '',
      values: [1943, 1850],
      delta: [null, -93],
      deltaPct: [null, -4.786]
    }
  ]
} as unknown as KpiComparison

const input = {
  details,
  kpis: { timesS: [1, 2, 3], kpis: { outputTokensPerS: [10, 20, 15], powerKW: [NaN, NaN, NaN] } },
  comparison: null,
  screenshots: [{ caption: 'The hall', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }],
  generatedAt: '2025-01-01T00:00:00Z',
  generator: 'Supernode Twin 0.1.0'
}

describe('buildReportHtml', () => {
  it('has the KPI table with the saved summary figures', () => {
    const html = buildReportHtml(input)
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain(
      '<th scope="row">Output tokens/s per decode chip</th><td class="num">1,943.2</td>'
    )
    expect(html).toContain('<th scope="row">SLO attainment</th><td class="num">97.5</td><td>%</td>')
    expect(html).toContain('<th scope="row">Mean power</th><td class="num">559.3</td><td>kW</td>')
    expect(summaryLines(summary)).toHaveLength(19)
    // a whole-run summary says nothing of a window
    expect(html).not.toContain('Measured from')
  })

  it('says what a windowed summary covers', () => {
    const windowed = { ...summary, window: { fromS: 382, toS: 3600 } }
    const html = buildReportHtml({
      ...input,
      details: { ...details, run: { ...details.run, summary: windowed } }
    })
    expect(html).toContain("Measured from 382 s to 3,600 s (the run's warm-up left out)")
  })

  it('is self-contained: escaped text, inline style, images as data URLs, print CSS, no script', () => {
    const html = buildReportHtml(input)
    expect(html).toContain('Default &lt;run&gt; &amp; co')
    expect(html).not.toContain('<run>')
    expect(html).toContain('@media print')
    expect(html).not.toMatch(/<script|<link|src="http|url\(/i)
    const sources = [...html.matchAll(/src="([^"]*)"/g)].map((m) => m[1]!)
    expect(sources.length).toBeGreaterThanOrEqual(2) // one chart, one screenshot
    for (const src of sources) expect(src).toMatch(/^data:image\/(png|svg\+xml);base64,/)
    expect(html).toContain('TPOT p90 above 50 ms')
  })

  it('charts only series with values', () => {
    const html = buildReportHtml(input)
    expect(html).toContain('alt="Output tokens/s over the run"')
    expect(html).not.toContain('alt="Power over the run"')
    expect(chartSvg([1, 2], [NaN, NaN], 'x', 'y')).toBeNull()
    const svg = atob(chartSvg([0, 10], [1, 3], 'Power', 'kW')!.split(',')[1]!)
    expect(svg).toContain('<path d="M64.0')
    expect(svg).toContain('Power (kW)')
  })

  it('adds the comparison table when given one, and leaves it out otherwise', () => {
    expect(buildReportHtml(input)).not.toContain('<h2>Comparison</h2>')
    const html = buildReportHtml({ ...input, comparison })
    expect(html).toContain('<h2>Comparison</h2>')
    expect(html).toContain('Decode tokens/s per chip')
    expect(html).toContain('176 of 384 chips')
    expect(html).toContain('<td class="num worse">-4.8%</td>')
  })
})
