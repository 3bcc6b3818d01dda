import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { CompareTable } from '../../../src/renderer/src/compare/CompareTable'
import { realComparison } from './fakeCompare'

describe('the KPI table’s measurement windows', () => {
  it('says where each run with a window is measured from, and nothing for whole runs', () => {
    const comparison = realComparison(['cm', 'h800'])
    comparison.runs[0]!.window = { fromS: 382, toS: 3600 }
    render(<CompareTable comparison={comparison} />)
    const table = screen.getByRole('table', { name: 'KPI comparison' })
    const [cm, h800] = within(table).getAllByRole('columnheader').slice(2, 4)
    expect(cm).toHaveTextContent('measured from 382 s to 3,600 s')
    expect(h800).not.toHaveTextContent('measured from')
    expect(table.querySelector('caption')).toHaveTextContent('leaves out its warm-up')
  })

  it('adds nothing when every run is measured whole', () => {
    render(<CompareTable comparison={realComparison(['cm', 'h800'])} />)
    expect(screen.queryByText(/measured from/)).toBeNull()
    expect(screen.queryByText(/warm-up/)).toBeNull()
  })
})
