import type { KpiComparison, RunDetails, RunKpiSeries, RunSummary } from '../../../shared/api'
import { textToBase64 } from '../api/base64'

/**
 * The run report: one self-contained HTML page (inline CSS, images as data URLs, no script)
 * with the scenario, the saved KPIs, KPI charts, the comparison table when there is one, and
 * screenshots. It prints cleanly (print CSS): the desktop app prints it to PDF, and in the
 * browser view the user prints it from the page. Pure: no DOM, so it is tested in Node.
 */
export interface ReportInput {
  /** runs.get of the run reported on */
  details: RunDetails
  /** runs.kpis of that run, for the charts; null draws none */
  kpis: RunKpiSeries | null
  /** runs.compare output when the report covers a comparison (the compare view) */
  comparison: KpiComparison | null
  /** PNG data URLs of the 3D view */
  screenshots: { caption: string; dataUrl: string }[]
  /** when the report was made (ISO), and by what */
  generatedAt: string
  generator: string
}

export interface KpiLine {
  label: string
  value: number
  unit: string
  digits: number
}

/** The run's saved summary as the report's KPI table. */
export function summaryLines(summary: RunSummary): KpiLine[] {
  const s = summary
  return [
    { label: 'Simulated time', value: s.simulatedS, unit: 's', digits: 0 },
    { label: 'Requests completed', value: s.requests.completed, unit: '', digits: 0 },
    { label: 'Requests failed', value: s.requests.failed, unit: '', digits: 0 },
    { label: 'Output tokens/s', value: s.throughput.outputTokensPerS, unit: 'tok/s', digits: 0 },
    { label: 'Input tokens/s', value: s.throughput.inputTokensPerS, unit: 'tok/s', digits: 0 },
    {
      label: 'Output tokens/s per decode chip',
      value: s.throughput.outputTokensPerSPerDecodeChip,
      unit: 'tok/s',
      digits: 1
    },
    {
      label: 'Output tokens/s per TFLOPS',
      value: s.throughput.outputTokensPerSPerTflops,
      unit: 'tok/s/TFLOPS',
      digits: 3
    },
    { label: 'TTFT p50', value: s.latency.ttftMs.p50, unit: 'ms', digits: 0 },
    { label: 'TTFT p90', value: s.latency.ttftMs.p90, unit: 'ms', digits: 0 },
    { label: 'TTFT p99', value: s.latency.ttftMs.p99, unit: 'ms', digits: 0 },
    { label: 'TPOT p50', value: s.latency.tpotMs.p50, unit: 'ms', digits: 1 },
    { label: 'TPOT p90', value: s.latency.tpotMs.p90, unit: 'ms', digits: 1 },
    { label: 'TPOT p99', value: s.latency.tpotMs.p99, unit: 'ms', digits: 1 },
    { label: 'SLO attainment', value: s.slo.attainment * 100, unit: '%', digits: 1 },
    { label: 'Goodput', value: s.slo.goodputRequestsPerS, unit: 'req/s', digits: 2 },
    { label: 'Mean decode batch per chip', value: s.decode.meanBatchPerChip, unit: '', digits: 1 },
    { label: 'Prefix cache hit rate', value: s.cache.prefixHitRate * 100, unit: '%', digits: 1 },
    { label: 'Mean power', value: s.power.meanKW, unit: 'kW', digits: 1 },
    {
      label: 'Output tokens per joule',
      value: s.power.outputTokensPerJoule,
      unit: 'tok/J',
      digits: 3
    }
  ]
}

/** the KPI series the report charts, with their titles and units */
export const REPORT_CHARTS: { name: string; title: string; unit: string }[] = [
  { name: 'outputTokensPerS', title: 'Output tokens/s', unit: 'tok/s' },
  { name: 'outputTokensPerSPerChip', title: 'Output tokens/s per chip', unit: 'tok/s' },
  { name: 'ttftP90Ms', title: 'TTFT p90', unit: 'ms' },
  { name: 'tpotP90Ms', title: 'TPOT p90', unit: 'ms' },
  { name: 'sloAttainment', title: 'SLO attainment', unit: '0..1' },
  { name: 'powerKW', title: 'Power', unit: 'kW' }
]

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
}
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

export function formatNumber(value: number | null, digits: number): string {
  if (value === null || !Number.isFinite(value)) return '–'
  return value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits
  })
}

/** digits that show a comparison value without drowning it */
const digitsFor = (value: number): number =>
  Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 2 : 4

/**
 * A line chart of one KPI over the run as an SVG image (data URL): no canvas, so the builder
 * stays pure and the chart stays sharp in print. Null when the series has no finite value.
 */
export function chartSvg(
  timesS: readonly number[],
  values: readonly number[],
  title: string,
  unit: string
): string | null {
  const points = timesS
    .map((t, i) => [t, values[i]!] as const)
    .filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v))
  if (points.length === 0) return null
  const W = 640
  const H = 220
  const L = 64
  const R = 12
  const T = 28
  const B = 32
  const t0 = points[0]![0]
  const t1 = Math.max(points[points.length - 1]![0], t0 + 1e-9)
  let lo = Math.min(0, ...points.map(([, v]) => v))
  let hi = Math.max(...points.map(([, v]) => v))
  if (hi - lo < 1e-12) {
    hi += 1
    lo -= lo === 0 ? 0 : 1
  }
  const x = (t: number): number => L + ((t - t0) / (t1 - t0)) * (W - L - R)
  const y = (v: number): number => T + (1 - (v - lo) / (hi - lo)) * (H - T - B)
  const path = points
    .map(([t, v], i) => `${i === 0 ? 'M' : 'L'}${x(t).toFixed(1)} ${y(v).toFixed(1)}`)
    .join(' ')
  const ticks = [lo, (lo + hi) / 2, hi]
  const label = (v: number): string => formatNumber(v, digitsFor(hi - lo))
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${L}" y="16" font-size="13" font-weight="bold" fill="#222">${escapeHtml(title)} (${escapeHtml(unit)})</text>`,
    ...ticks.map(
      (v) =>
        `<line x1="${L}" x2="${W - R}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>` +
        `<text x="${L - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="#555">${label(v)}</text>`
    ),
    `<text x="${L}" y="${H - 10}" fill="#555">${formatNumber(t0, 0)} s</text>`,
    `<text x="${W - R}" y="${H - 10}" text-anchor="end" fill="#555">${formatNumber(t1, 0)} s</text>`,
    `<path d="${path}" fill="none" stroke="#c7000b" stroke-width="2"/>`,
    '</svg>'
  ].join('')
  return `data:image/svg+xml;base64,${textToBase64(svg)}`
}

const CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1b1f24; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .6rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
.meta { color: #57606a; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e5e8eb; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.better { color: #1a7f37; } .worse { color: #cf222e; }
figure { margin: 0 0 1rem; break-inside: avoid; page-break-inside: avoid; }
figure img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
figcaption { color: #57606a; font-size: .9rem; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: .8rem; }
pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; font-size: 12px; white-space: pre-wrap; word-break: break-word; }
.print-hint { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .8rem; border-radius: 4px; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  .print-hint { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .charts { grid-template-columns: 1fr 1fr; }
  pre { white-space: pre-wrap; }
}
@page { size: A4; margin: 14mm; }
`

function kpiTable(summary: RunSummary | null): string {
  if (!summary) return '<p>This run has no saved summary (it did not finish).</p>'
  const rows = summaryLines(summary)
    .map(
      (line) =>
        `<tr><th scope="row">${escapeHtml(line.label)}</th><td class="num">${formatNumber(line.value, line.digits)}</td><td>${escapeHtml(line.unit)}</td></tr>`
    )
    .join('\n')
  return `<table class="kpis"><thead><tr><th>KPI</th><th class="num">Value</th><th>Unit</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
}

function comparisonTable(comparison: KpiComparison): string {
  const runs = comparison.runs
  const head = runs
    .map(
      (run, i) =>
        `<th class="num">${escapeHtml(run.name)}<br><small>${escapeHtml(run.system)} · ${run.chipsUsed} of ${run.systemChips} chips</small></th>` +
        (i > 0 ? `<th class="num">Δ vs first</th>` : '')
    )
    .join('')
  const body = comparison.rows
    .map((row) => {
      const cells = row.values
        .map((value, i) => {
          const cell = `<td class="num">${formatNumber(value, value === null ? 0 : digitsFor(value))}</td>`
          if (i === 0) return cell
          const pct = row.deltaPct[i] ?? null
          const good =
            pct === null || row.higherIsBetter === null || pct === 0
              ? ''
              : pct > 0 === row.higherIsBetter
                ? ' better'
                : ' worse'
          const delta = pct === null ? '–' : `${pct > 0 ? '+' : ''}${formatNumber(pct, 1)}%`
          return `${cell}<td class="num${good}">${delta}</td>`
        })
        .join('')
      return `<tr><th scope="row">${escapeHtml(row.label)}${row.unit ? ` <small>(${escapeHtml(row.unit)})</small>` : ''}</th>${cells}</tr>`
    })
    .join('\n')
  return `<table class="comparison"><thead><tr><th>KPI</th>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`
}

/** what the KPIs cover: the summary's measurement window, when it is not the whole run */
function measuredOver(summary: RunSummary | null): string {
  const window = summary?.window
  if (!window) return ''
  return `<p class="meta">Measured from ${formatNumber(window.fromS, 0)} s to ${formatNumber(window.toS, 0)} s (the run's warm-up left out); request and token counts are the whole run's.</p>`
}

/** The report as one HTML document. */
export function buildReportHtml(input: ReportInput): string {
  const { details, kpis, comparison, screenshots } = input
  const run = details.run
  const title = `Supernode Twin report: ${run.name}`
  const charts = kpis
    ? REPORT_CHARTS.map((chart) => {
        const url = chartSvg(kpis.timesS, kpis.kpis[chart.name] ?? [], chart.title, chart.unit)
        return url
          ? `<figure><img src="${url}" alt="${escapeHtml(chart.title)} over the run" width="640" height="220"></figure>`
          : ''
      }).join('\n')
    : ''
  const scenario = details.scenario as Record<string, unknown>
  const sections = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${escapeHtml(run.system)} · scenario “${escapeHtml(run.scenarioName)}” · ${formatNumber(run.simulatedS, 0)} of ${formatNumber(run.durationS, 0)} simulated seconds · ${escapeHtml(run.status)} · made ${escapeHtml(input.generatedAt)} by ${escapeHtml(input.generator)}</p>`,
    `<p class="print-hint">To save this report as PDF, print it (Ctrl+P or ⌘P) and choose “Save as PDF”.</p>`,
    `<h2>Key performance indicators</h2>`,
    measuredOver(run.summary),
    kpiTable(run.summary),
    comparison ? `<h2>Comparison</h2>\n${comparisonTable(comparison)}` : '',
    charts ? `<h2>KPIs over the run</h2>\n<div class="charts">${charts}</div>` : '',
    screenshots.length > 0
      ? `<h2>The hall</h2>\n${screenshots
          .map(
            (shot) =>
              `<figure><img src="${shot.dataUrl}" alt="${escapeHtml(shot.caption)}"><figcaption>${escapeHtml(shot.caption)}</figcaption></figure>`
          )
          .join('\n')}`
      : '',
    details.events.length > 0
      ? `<h2>Events</h2>\n<table><tbody>${details.events
          .map(
            (event) =>
              `<tr><td class="num">${formatNumber(event.atS, 1)} s</td><td>${escapeHtml(describeEvent(event))}</td></tr>`
          )
          .join('')}</tbody></table>`
      : '',
    `<h2>Scenario</h2>\n<pre>${escapeHtml(JSON.stringify(scenario, null, 2))}</pre>`
  ]
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // self-contained: nothing may load from anywhere
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...sections.filter((s) => s !== ''),
    '</body>',
    '</html>',
    ''
  ].join('\n')
}

function describeEvent(event: RunDetails['events'][number]): string {
  return `${event.kind} · ${event.target}: ${event.message}`
}
