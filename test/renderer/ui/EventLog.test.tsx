import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../../src/shared/api'
import { EventLog } from '../../../src/renderer/src/ui/EventLog'

const events: RunEvent[] = [
  {
    atS: 60,
    kind: 'die-failure',
    target: 'node-05.npu-3.die-1',
    message: 'expert 17 moved to a survivor'
  },
  {
    atS: 180.4,
    kind: 'subplane-degradation',
    target: 'sub-plane 3',
    message: 'every link of the sub-plane down to 5%'
  },
  {
    atS: 212,
    kind: 'slo-breach',
    target: 'service',
    message: 'p99 TPOT 61.0 ms (SLO 50)'
  },
  { atS: 300, kind: 'recovered', target: 'sub-plane 3', message: 'subplane-degradation ends' }
]

describe('event log', () => {
  it('says when nothing has happened', () => {
    render(<EventLog events={[]} />)
    const log = screen.getByRole('region', { name: 'Run events' })
    expect(log).toHaveTextContent('No faults or SLO breaches so far')
    expect(within(log).queryByRole('listitem')).not.toBeInTheDocument()
  })

  it('lists faults, breaches and recoveries with their sim time, newest first', () => {
    render(<EventLog events={events} />)
    const items = within(screen.getByRole('region', { name: 'Run events' })).getAllByRole(
      'listitem'
    )
    expect(items).toHaveLength(4)
    expect(items[0]).toHaveTextContent('300 s')
    expect(items[0]).toHaveTextContent('recovered')
    expect(items[0]).toHaveClass('event--good')
    expect(items[1]).toHaveTextContent(/212 s.*SLO breach.*service.*p99 TPOT 61\.0 ms/)
    expect(items[1]).toHaveClass('event--warn')
    expect(items[2]).toHaveTextContent('180 s')
    expect(items[2]).toHaveTextContent('sub-plane degraded')
    expect(items[3]).toHaveTextContent(/60 s.*die failed.*node-05\.npu-3\.die-1/)
    expect(items[3]).toHaveClass('event--bad')
    expect(screen.queryByText('No faults or SLO breaches so far')).not.toBeInTheDocument()
  })
})
