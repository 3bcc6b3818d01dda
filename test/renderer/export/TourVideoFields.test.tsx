import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { TourVideoFields } from '../../../src/renderer/src/export/TourVideoFields'
import type { TwinResponse } from '../../../src/shared/api'
import type { Tour } from '../../../src/shared/tour'
import { fakeTwin } from '../fakeTwin'
import { builtInTour, fakeTours } from '../present/fakeTours'

const short: Tour = {
  name: 'Short',
  description: '',
  steps: [
    {
      camera: { preset: 'hall', part: null },
      caption: 'The hall.',
      metric: 'compute',
      kpi: 'powerKW',
      dwellS: 2.5
    }
  ]
}

function fields(overrides: Record<string, unknown>, runId: string | null = null) {
  const twin = fakeTwin(overrides as never, { runs: [] })
  const onSave = vi.fn()
  render(<TourVideoFields api={twin.api} runId={runId} busy={false} onSave={onSave} />)
  return { onSave }
}

const button = () => screen.getByRole('button', { name: 'Video of the tour…' })

describe('the tour video in the export menu', () => {
  it('offers the tours present mode lists, first picked, and says how long the video is', async () => {
    const { onSave } = fields(fakeTours({ r1: [short] }).overrides, 'r1')
    const select = await screen.findByLabelText('Tour for the video')
    expect([...(select as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
      `${builtInTour.name} (built in)`,
      'Short (saved with this run)'
    ])
    const steps = builtInTour.steps.length
    expect(screen.getByText(new RegExp(`^${steps} steps, \\d+ s of video at 30 fps`))).toBeTruthy()

    fireEvent.change(select, { target: { value: 'r1/Short' } })
    fireEvent.change(screen.getByLabelText('Tour video frames per second'), {
      target: { value: '24' }
    })
    expect(screen.getByText(/^1 step, 2.5 s of video at 24 fps/)).toBeTruthy()
    fireEvent.click(button())
    expect(onSave).toHaveBeenCalledWith({
      tour: { tour: short, runId: 'r1', builtIn: false },
      size: '1280x720',
      fps: 24
    })
  })

  it('says there is no tour when none is listed, and offers nothing to save', async () => {
    fields({
      'tours.list': () => Promise.resolve<TwinResponse<'tours.list'>>({ ok: true, value: [] })
    })
    expect(await screen.findByText(/^No tour to export/)).toBeTruthy()
    expect(button()).toHaveProperty('disabled', true)
  })

  it('says why when the tours cannot be listed', async () => {
    fields({
      'tours.list': () =>
        Promise.resolve<TwinResponse<'tours.list'>>({
          ok: false,
          error: { code: 'internal', message: 'the tours folder is unreadable' }
        })
    })
    expect(
      await screen.findByText(
        'No tour to export: could not list the tours (the tours folder is unreadable).'
      )
    ).toBeTruthy()
    expect(button()).toHaveProperty('disabled', true)
  })
})
