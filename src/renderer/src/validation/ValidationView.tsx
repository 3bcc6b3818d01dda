import { useEffect, useState } from 'react'
import { type TwinApi, type ValidationReport, type ValidationRow, call } from '../../../shared/api'
import { Provenance } from '../compare/Provenance'
import { signedPercent } from '../compare/compareFormat'
import type { Perform } from '../session/feedback'
import { FullDialog } from '../ui/FullDialog'
import { MISSING, formatNumber } from '../ui/kpiFormat'
import './validation.css'

export interface ValidationViewProps {
  api: TwinApi
  perform: Perform
  onClose(): void
}

function settingsText(settings: ValidationRow['settings']): string {
  return Object.entries(settings)
    .filter(([key]) => key !== 'system')
    .map(([key, value]) => `${key} ${typeof value === 'number' ? formatNumber(value) : value}`)
    .join(' · ')
}

function ToleranceCell({ row, tolerancePct }: { row: ValidationRow; tolerancePct: number }) {
  if (row.withinTolerance === null) {
    return <span className="verdict--same">no published figure</span>
  }
  return row.withinTolerance ? (
    <span className="verdict--better">
      <span aria-hidden="true">✓ </span>within ±{tolerancePct} %
    </span>
  ) : (
    <span className="verdict--worse">
      <span aria-hidden="true">✗ </span>outside ±{tolerancePct} %
    </span>
  )
}

/**
 * The reference's published figures beside the twin's own for the same settings, with the
 * error and whether it is within the calibration tolerance; every number says where it comes
 * from. Then the published points the twin does not model, and why.
 */
export function ValidationView({ api, perform, onClose }: ValidationViewProps) {
  const [report, setReport] = useState<ValidationReport | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    void perform('Could not load the validation figures', async () => {
      try {
        const got = await call(api, 'validation.get', {})
        if (live) setReport(got)
      } catch (failure) {
        if (live) setError(failure instanceof Error ? failure.message : String(failure))
        throw failure
      }
    })
    return () => {
      live = false
    }
  }, [api, perform])

  const published = report?.rows.filter((r) => r.published !== null).length ?? 0
  const within = report?.rows.filter((r) => r.withinTolerance === true).length ?? 0

  return (
    <FullDialog
      title="Validation: published figures beside the twin’s"
      subtitle={
        report
          ? `${within} of ${published} published figures within ±${report.tolerancePct} % · ${report.rows.length - published} predictions without a published figure`
          : undefined
      }
      closeLabel="Close the validation view"
      onClose={onClose}
      testId="validation-view"
    >
      {error && (
        <p className="dialog-error" role="alert">
          The validation figures could not be loaded: {error}
        </p>
      )}
      {!report && !error && <p className="dialog-empty">Loading the validation figures…</p>}
      {report && (
        <>
          <table className="data-table validation-table" aria-label="Validation figures">
            <caption>
              Each number is labelled with where it comes from: <Provenance of="published" />{' '}
              printed in a source, <Provenance of="calibrated model" /> the performance model at the
              same settings, <Provenance of="simulated" /> a serving simulation.
            </caption>
            <thead>
              <tr>
                <th scope="col">Figure and settings</th>
                <th scope="col" className="data-table__number">
                  Published
                </th>
                <th scope="col" className="data-table__number">
                  Twin
                </th>
                <th scope="col" className="data-table__number">
                  Error
                </th>
                <th scope="col">Tolerance</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((row) => (
                <tr key={row.id} data-row={row.id}>
                  <th scope="row">
                    {row.label}
                    <span className="data-table__sub">
                      {row.system} · {settingsText(row.settings)}
                    </span>
                    {row.note && <span className="data-table__sub">{row.note}</span>}
                  </th>
                  <td className="data-table__number" data-cell="published">
                    {row.published ? (
                      <>
                        {formatNumber(row.published.value)} {row.unit}{' '}
                        <Provenance of={row.published.provenance} />
                        <span className="data-table__sub">source {row.published.source}</span>
                      </>
                    ) : (
                      <span className="verdict--same" aria-label="none published">
                        {MISSING}
                      </span>
                    )}
                  </td>
                  <td className="data-table__number" data-cell="twin">
                    {formatNumber(row.twin.value)} {row.unit}{' '}
                    <Provenance of={row.twin.provenance} />
                  </td>
                  <td className="data-table__number" data-cell="error">
                    {signedPercent(row.errorPct)}
                  </td>
                  <td data-cell="tolerance">
                    <ToleranceCell row={row} tolerancePct={report.tolerancePct} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <section className="validation-not-modelled" aria-labelledby="not-modelled-title">
            <h3 id="not-modelled-title" className="validation-not-modelled__title">
              Published but not modelled here
            </h3>
            {report.notModelled.length === 0 ? (
              <p className="dialog-empty">Every published figure is modelled.</p>
            ) : (
              <ul aria-label="Not modelled">
                {report.notModelled.map((item) => (
                  <li key={item.id}>
                    <strong>{item.label}</strong> <Provenance of="published" />
                    <span className="data-table__sub">
                      Why not: {item.reason} (source {item.source})
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </FullDialog>
  )
}
