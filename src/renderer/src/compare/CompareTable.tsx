import type { KpiComparison, KpiComparisonRow } from '../../../shared/api'
import { MISSING, formatCount, formatNumber } from '../ui/kpiFormat'
import { Provenance } from './Provenance'
import { VERDICT_WORDS, signed, signedPercent, verdictOf } from './compareFormat'

/** the words of a comparison cell: "+123 (+4.5 %) better" */
export function deltaText(row: KpiComparisonRow, index: number): string {
  const delta = row.delta[index]
  if (delta === null || delta === undefined) return MISSING
  const words = VERDICT_WORDS[verdictOf(row, index)]
  return `${signed(delta)} (${signedPercent(row.deltaPct[index])})${words ? ` ${words}` : ''}`
}

function ValueCell({ row, index }: { row: KpiComparisonRow; index: number }) {
  const value = row.values[index] ?? null
  const verdict = verdictOf(row, index)
  return (
    <td
      className="data-table__number compare-table__value"
      data-run-index={index}
      data-value={value === null ? '' : String(value)}
    >
      <span className="compare-table__figure">
        {value === null ? MISSING : formatNumber(value)}
      </span>
      {index > 0 && (
        <span className={`data-table__sub compare-table__delta verdict--${verdict}`}>
          {deltaText(row, index)}
        </span>
      )}
    </td>
  )
}

/**
 * The KPI table of two or three runs: a column per run, a row per KPI with its unit, scope and
 * provenance; every run after the first shows its delta against the first, signed and in
 * words (better, worse) by the KPI's direction, the colour only repeating it.
 */
export function CompareTable({ comparison }: { comparison: KpiComparison }) {
  const first = comparison.runs[0]
  return (
    <table className="data-table compare-table" aria-label="KPI comparison">
      <caption>
        Deltas are against the first run{first ? ` (${first.name})` : ''}. Per-chip rows divide by
        the chips named in the note; per-system rows are the whole deployment’s.
        {comparison.runs.some((run) => run.window) &&
          ' A run “measured from” a time leaves out its warm-up: its figures cover the rest of the run, its latencies the requests arriving then.'}
      </caption>
      <thead>
        <tr>
          <th scope="col">KPI</th>
          <th scope="col">Unit · scope</th>
          {comparison.runs.map((run, i) => (
            <th key={run.id} scope="col" className="data-table__number" data-run-id={run.id}>
              {i === 0 ? 'Reference: ' : ''}
              {run.name}
              <span className="data-table__sub">
                {run.system} · {run.chip} · {run.chipsUsed} of {run.systemChips} chips
              </span>
              {run.window && (
                <span className="data-table__sub" data-measured-from={run.window.fromS}>
                  {`measured from ${formatCount(run.window.fromS)} s to ${formatCount(run.window.toS)} s`}
                </span>
              )}
            </th>
          ))}
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {comparison.rows.map((row) => (
          <tr key={row.key} data-kpi={row.key}>
            <th scope="row" title={row.note}>
              {row.label}
              <span className="data-table__sub">
                {row.higherIsBetter === null
                  ? 'neither better nor worse'
                  : row.higherIsBetter
                    ? 'higher is better'
                    : 'lower is better'}
              </span>
            </th>
            <td>
              {row.unit}
              <span className="data-table__sub">{row.scope}</span>
            </td>
            {comparison.runs.map((run, i) => (
              <ValueCell key={run.id} row={row} index={i} />
            ))}
            <td>
              <Provenance of={row.provenance} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
