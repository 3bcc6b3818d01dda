import { type FrameView, type KpiName, kpi } from '../../../shared/frame'
import { type Slo, SLO_STATUS_LABELS, sloStatus } from '../session/slo'
import { ASSUMED_SLO, type RunSlo } from '../session/useRunDetails'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import { useLatestFrame } from '../telemetry/useSampled'
import { MISSING, formatCount, formatNumber, formatPercent, formatSimSeconds } from './kpiFormat'

interface KpiSpec {
  name: KpiName
  label: string
  unit: string
  format: (value: number) => string
  /** a latency read against this SLO target */
  slo?: keyof Slo
}

const spec = (
  name: KpiName,
  label: string,
  unit: string,
  format: (value: number) => string = formatNumber,
  slo?: keyof Slo
): KpiSpec => ({ name, label, unit, format, slo })

/**
 * The tiles, in the order people ask about them: throughput, latency against the SLO, service,
 * power. Window figures (rates, latency percentiles, busy shares) cover the last sampling
 * interval; SLO attainment and the cache hit rate are over the run so far.
 */
export const KPI_TILES: KpiSpec[] = [
  spec('outputTokensPerS', 'Output', 'tok/s'),
  spec('inputTokensPerS', 'Input', 'tok/s'),
  spec('outputTokensPerSPerChip', 'Output per decode chip', 'tok/s'),
  spec('outputTokensPerSPerTflops', 'Output per TFLOPS', 'tok/s/TFLOPS'),
  spec('ttftP50Ms', 'TTFT p50', 'ms', formatNumber, 'ttftMs'),
  spec('ttftP99Ms', 'TTFT p99', 'ms', formatNumber, 'ttftMs'),
  spec('tpotP50Ms', 'TPOT p50', 'ms', formatNumber, 'tpotMs'),
  spec('tpotP99Ms', 'TPOT p99', 'ms', formatNumber, 'tpotMs'),
  spec('sloAttainment', 'SLO attainment', '%', formatPercent),
  spec('prefixCacheHitRate', 'Prefix-cache hits', '%', formatPercent),
  spec('powerKW', 'Power', 'kW'),
  spec('outputTokensPerJoule', 'Output per joule', 'tok/J')
]

/** the serving machinery's state, in a compact list under the tiles */
export const KPI_DETAILS: KpiSpec[] = [
  spec('decodeBatchPerChip', 'Decode batch', 'seq/chip'),
  spec('prefillBusy', 'Prefill busy', '%', formatPercent),
  spec('prefillQueue', 'Prefill queue', 'req', formatCount),
  spec('kvTransferQueue', 'KV-transfer queue', 'req', formatCount),
  spec('decodeQueue', 'Decode queue', 'req', formatCount)
]

function Figure({ frame, kpiSpec }: { frame: FrameView | null; kpiSpec: KpiSpec }) {
  const text = frame ? kpiSpec.format(kpi(frame, kpiSpec.name)) : MISSING
  return (
    <dd className="kpi__figure" data-testid={`kpi-${kpiSpec.name}`}>
      {text === MISSING ? (
        <span className="kpi__value kpi__value--missing" title="not defined in this window">
          {MISSING}
        </span>
      ) : (
        <>
          <span className="kpi__value">{text}</span>{' '}
          <span className="kpi__unit">{kpiSpec.unit}</span>
        </>
      )}
    </dd>
  )
}

/** how a latency stands against its SLO, in words and (only as a second cue) in colour */
function SloLine({ value, target, unit, assumed, name }: SloLineProps) {
  const status = sloStatus(value, target)
  const against = `target ${formatNumber(target)} ${unit}${assumed ? ' (default)' : ''}`
  return (
    <dd className={`kpi-tile__slo kpi-slo--${status ?? 'none'}`} data-testid={`kpi-slo-${name}`}>
      {status ? (
        <>
          <span className="kpi-slo__status">
            <span aria-hidden="true">{STATUS_ICONS[status]}</span> {SLO_STATUS_LABELS[status]}
          </span>{' '}
          · {against}
        </>
      ) : (
        against
      )}
    </dd>
  )
}

interface SloLineProps {
  name: KpiName
  value: number
  target: number
  unit: string
  assumed: boolean
}

const STATUS_ICONS = { ok: '✓', warn: '!', breach: '✕' } as const

export interface KpiPanelProps {
  telemetry: TelemetryStore | null
  /** the SLO the latency tiles are read against (the schema's defaults when not given) */
  slo?: RunSlo
  /** no run has been started and no replay is open: the panel says how to begin */
  noRun?: boolean
}

/**
 * The run's KPIs from the newest frame, sampled four times a second (never per frame). The
 * last frame of a stopped or finished run stays, so its figures can still be read.
 */
export function KpiPanel({ telemetry, slo, noRun = false }: KpiPanelProps) {
  const frame = useLatestFrame(telemetry)
  const target = slo ?? ASSUMED_SLO
  const note = frame
    ? `sim ${formatSimSeconds(frame.simTimeS)} s`
    : noRun
      ? 'no run yet'
      : 'waiting for the first frame'
  return (
    <section className="panel kpi-panel" aria-label="Key figures">
      <h2 className="panel__title">
        KPIs
        <span className="panel__note">{note}</span>
      </h2>
      {!frame && noRun && (
        <p className="panel__empty">No run yet. Pick a scenario on the left and press Start.</p>
      )}
      <dl className="kpi-tiles">
        {KPI_TILES.map((tile) => (
          <div
            key={tile.name}
            className={`kpi-tile${tile.slo ? ' kpi-tile--slo' : ''}`}
            data-testid={`kpi-tile-${tile.name}`}
          >
            <dt className="kpi-tile__label">{tile.label}</dt>
            <Figure frame={frame} kpiSpec={tile} />
            {tile.slo && (
              <SloLine
                name={tile.name}
                value={frame ? kpi(frame, tile.name) : NaN}
                target={target[tile.slo]}
                unit={tile.unit}
                assumed={target.source === 'default'}
              />
            )}
          </div>
        ))}
      </dl>
      {/* folded by default: the tiles answer first, the machinery's state is a click away */}
      <details className="kpi-details">
        <summary className="kpi-details__summary">Queues and load</summary>
        <dl className="kpi-details__list" aria-label="Queues and load">
          {KPI_DETAILS.map((detail) => (
            <div key={detail.name} className="kpi">
              <dt className="kpi__label">{detail.label}</dt>
              <Figure frame={frame} kpiSpec={detail} />
            </div>
          ))}
        </dl>
      </details>
    </section>
  )
}
