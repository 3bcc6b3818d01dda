import type { RunRecord, RunSummary } from '../../../shared/api'
import type { RunStatusName } from '../../../shared/library'
import { formatNumber, formatPercent } from '../ui/kpiFormat'

/** when a run was made, in the viewer's own locale and time zone */
export function formatWhen(iso: string): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

/** simulated time as people say it: "45 s", "5 min 30 s", "1 h 5 min" */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—'
  const s = Math.max(0, Math.floor(seconds))
  if (s < 60) return `${s} s`
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = s % 60
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`
  return rest > 0 ? `${m} min ${rest} s` : `${m} min`
}

/** how much of its planned time a run covers: all of it, or "2 min of 10 min" */
export function formatCoverage(run: RunRecord): string {
  if (run.status === 'complete' || run.simulatedS >= run.durationS) {
    return formatDuration(run.durationS)
  }
  return `${formatDuration(run.simulatedS)} of ${formatDuration(run.durationS)}`
}

export const STATUS_LABELS: Record<RunStatusName, string> = {
  running: 'recording',
  complete: 'complete',
  stopped: 'stopped',
  interrupted: 'interrupted',
  failed: 'failed'
}

/** the tooltip of a status badge: the error when there is one, else what the status means */
export function statusTitle(run: RunRecord): string {
  if (run.error) return run.error
  switch (run.status) {
    case 'running':
      return 'Being recorded now'
    case 'complete':
      return 'Ran its whole planned duration'
    case 'stopped':
      return 'Stopped before the end; kept up to where it stopped'
    case 'interrupted':
      return 'The twin closed before the run finished; kept up to its last saved frame'
    case 'failed':
      return 'The run failed'
  }
}

export interface HeadlineKpi {
  label: string
  value: string
  unit: string
}

/** the four figures people compare runs by, from the run's summary */
export function headlineKpis(summary: RunSummary): HeadlineKpi[] {
  return [
    {
      label: 'Output per decode chip',
      value: formatNumber(summary.throughput.outputTokensPerSPerDecodeChip),
      unit: 'tok/s'
    },
    { label: 'TTFT p50', value: formatNumber(summary.latency.ttftMs.p50), unit: 'ms' },
    { label: 'TPOT p50', value: formatNumber(summary.latency.tpotMs.p50), unit: 'ms' },
    { label: 'SLO attainment', value: formatPercent(summary.slo.attainment), unit: '%' }
  ]
}
