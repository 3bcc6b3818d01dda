import { render, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { ValidationView } from '../../../src/renderer/src/validation/ValidationView'
import { compareOverrides, realValidation } from '../compare/fakeCompare'
import { fail, fakeTwin } from '../fakeTwin'

const perform = vi.fn(async (_title: string, action: () => Promise<string | null | void>) => {
  try {
    await action()
    return true
  } catch {
    return false
  }
})

describe('the validation view', () => {
  it('shows every published figure beside the twin’s, with the error, tolerance and provenance', async () => {
    const twin = fakeTwin(compareOverrides())
    render(<ValidationView api={twin.api} perform={perform} onClose={() => {}} />)
    const table = await screen.findByRole('table', { name: 'Validation figures' })
    const report = realValidation()
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows).toHaveLength(report.rows.length)
    for (const [i, expected] of report.rows.entries()) {
      const row = rows[i]!
      const twinCell = row.querySelector('[data-cell="twin"]')!
      // every number says where it comes from
      expect(twinCell.querySelector('[data-provenance]')).toHaveTextContent(
        expected.twin.provenance
      )
      const published = row.querySelector('[data-cell="published"]')!
      const tolerance = row.querySelector('[data-cell="tolerance"]')!
      if (expected.published) {
        expect(published.querySelector('[data-provenance="published"]')).not.toBeNull()
        expect(published).toHaveTextContent(`source ${expected.published.source}`)
        expect(row.querySelector('[data-cell="error"]')).toHaveTextContent(/^[+−]?[\d.,]+ %$/)
        expect(tolerance).toHaveTextContent(
          expected.withinTolerance ? 'within ±10 %' : 'outside ±10 %'
        )
      } else {
        expect(tolerance).toHaveTextContent('no published figure')
        expect(row.querySelector('[data-cell="error"]')).toHaveTextContent('—')
      }
    }
    // a calibrated point: its label, the published 1,943 tokens/s and the error in words
    expect(screen.getAllByText(/calibrated model/).length).toBeGreaterThan(report.rows.length - 1)
    const notModelled = screen.getByRole('list', { name: 'Not modelled' })
    expect(notModelled).toHaveTextContent(report.notModelled[0]!.label)
    expect(notModelled).toHaveTextContent(`Why not: ${report.notModelled[0]!.reason}`)
  })

  it('says when the figures cannot be loaded', async () => {
    const twin = fakeTwin(
      compareOverrides({ 'validation.get': fail({ code: 'internal', message: 'boom' }) as never })
    )
    render(<ValidationView api={twin.api} perform={perform} onClose={() => {}} />)
    expect(await screen.findByRole('alert')).toHaveTextContent('could not be loaded: boom')
  })
})
