import { type FrameView, type KpiName, kpi } from '../../../shared/frame'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { useLatestFrame } from '../telemetry/useSampled'
import { MISSING, formatCount, formatNumber, formatPercent, formatSimSeconds } from './kpiFormat'

interface KpiRow {
  name: KpiName
  label: string
  unit: string
  format: (value: number) => string
}

interface KpiGroup {
  title: string
  rows: KpiRow[]
}

const row = (
  name: KpiName,
  label: string,
  unit: string,
  format: (value: number) => string = formatNumber
): KpiRow => ({ name, label, unit, format })

/**
 * What the panel shows, in the order people ask about it. Window figures (rates, latency
 * percentiles, busy shares) cover the last sampling interval; SLO attainment and the cache hit
 * rate are over the run so far.
 */
export const KPI_GROUPS: KpiGroup[] = [
  {
    title: 'Throughput',
    rows: [
      row('outputTokensPerS', 'Output', 'tok/s'),
      row('outputTokensPerSPerChip', 'per decode chip', 'tok/s'),
      row('decodeBatchPerChip', 'Decode batch', 'seq/chip')
    ]
  },
  {
    title: 'Latency',
    rows: [
      row('ttftP50Ms', 'TTFT p50', 'ms'),
      row('ttftP99Ms', 'TTFT p99', 'ms'),
      row('tpotP50Ms', 'TPOT p50', 'ms'),
      row('tpotP99Ms', 'TPOT p99', 'ms')
    ]
  },
  {
    title: 'Service',
    rows: [
      row('sloAttainment', 'SLO attainment', '%', formatPercent),
      row('prefixCacheHitRate', 'Prefix-cache hits', '%', formatPercent),
      row('prefillBusy', 'Prefill busy', '%', formatPercent)
    ]
  },
  {
    title: 'Power',
    rows: [row('powerKW', 'Power', 'kW'), row('outputTokensPerJoule', 'Efficiency', 'tok/J')]
  },
  {
    title: 'Queues',
    rows: [
      row('prefillQueue', 'Prefill', 'req', formatCount),
      row('kvTransferQueue', 'KV transfer', 'req', formatCount),
      row('decodeQueue', 'Decode', 'req', formatCount)
    ]
  }
]

function Figure({ frame, spec }: { frame: FrameView | null; spec: KpiRow }) {
  const text = frame ? spec.format(kpi(frame, spec.name)) : MISSING
  return (
    <div className="kpi">
      <dt className="kpi__label">{spec.label}</dt>
      <dd className="kpi__figure" data-testid={`kpi-${spec.name}`}>
        {text === MISSING ? (
          <span className="kpi__value kpi__value--missing" title="not defined in this window">
            {MISSING}
          </span>
        ) : (
          <>
            <span className="kpi__value">{text}</span>{' '}
            <span className="kpi__unit">{spec.unit}</span>
          </>
        )}
      </dd>
    </div>
  )
}

/**
 * The run's KPIs from the newest frame, sampled four times a second (never per frame). The
 * last frame of a stopped or finished run stays, so its figures can still be read.
 */
export function KpiPanel({ telemetry }: { telemetry: TelemetryStore | null }) {
  const frame = useLatestFrame(telemetry)
  return (
    <section className="panel kpi-panel" aria-label="Key figures">
      <h2 className="panel__title">
        KPIs
        <span className="panel__note">
          {frame ? `sim ${formatSimSeconds(frame.simTimeS)} s` : 'waiting for the first frame'}
        </span>
      </h2>
      {KPI_GROUPS.map((group) => (
        <div className="kpi-group" key={group.title}>
          <h3 className="kpi-group__title">{group.title}</h3>
          <dl className="kpi-group__list">
            {group.rows.map((spec) => (
              <Figure key={spec.name} frame={frame} spec={spec} />
            ))}
          </dl>
        </div>
      ))}
    </section>
  )
}
