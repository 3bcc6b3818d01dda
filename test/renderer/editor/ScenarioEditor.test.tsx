import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ScenarioEditor, VALIDATE_DELAY_MS } from '../../../src/renderer/src/editor/ScenarioEditor'
import { fieldOf } from '../../../src/renderer/src/editor/draft'
import { compareOverrides, paperScenario } from '../compare/fakeCompare'
import { fail, fakeTwin, ok, presets, systems } from '../fakeTwin'

const perform = vi.fn(async (_title: string, action: () => Promise<string | null | void>) => {
  try {
    await action()
    return true
  } catch {
    return false
  }
})

const noDialog = fail({
  code: 'invalid-argument',
  message: 'give a path: there is no file dialog here (use the desktop app)',
  field: 'path'
})

function setup(extra = {}) {
  const twin = fakeTwin(
    compareOverrides({
      'scenarios.get': (async () => ok<'scenarios.get'>(paperScenario())) as never,
      'scenarios.save': noDialog as never,
      'run.start': (async () => ok<'run.start'>(twin.status())) as never,
      ...extra
    })
  )
  const onClose = vi.fn()
  render(
    <ScenarioEditor
      api={twin.api}
      perform={perform}
      presets={presets}
      systems={systems}
      initial={{ kind: 'preset', id: 'default' }}
      speed={10}
      onClose={onClose}
    />
  )
  return { twin, onClose }
}

/** lets the debounced check run and its answer arrive */
async function settle() {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(VALIDATE_DELAY_MS + 10)
  })
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('the scenario editor', () => {
  it('starts from the preset and checks it with the twin: valid', async () => {
    const { twin } = setup()
    const rate = await screen.findByRole('textbox', { name: 'Rate (requests/s)' })
    expect(rate).toHaveValue('80')
    await settle()
    expect(twin.invoke).toHaveBeenCalledWith('scenarios.get', { id: 'default' })
    expect(twin.invoke).toHaveBeenCalledWith('scenarios.validate', {
      scenario: expect.objectContaining({ system: 'cloudmatrix384', durationS: 600 })
    })
    await waitFor(() => expect(screen.getByTestId('editor-status')).toHaveTextContent(/is valid/))
  })

  it('shows an impossible value’s message at its field and keeps what was typed', async () => {
    setup()
    const rate = await screen.findByRole('textbox', { name: 'Rate (requests/s)' })
    fireEvent.change(rate, { target: { value: '-3' } })
    await settle()
    await waitFor(() => expect(rate).toHaveAttribute('aria-invalid', 'true'))
    const message = document.getElementById(rate.getAttribute('aria-describedby')!)
    expect(message).toHaveTextContent('must be greater than 0')
    expect(rate).toHaveValue('-3')
    // text that is no number at all stays too, with its own message
    fireEvent.change(rate, { target: { value: '12x' } })
    await settle()
    await waitFor(() =>
      expect(document.getElementById(rate.getAttribute('aria-describedby')!)).toHaveTextContent(
        'must be a number'
      )
    )
    expect(rate).toHaveValue('12x')
    // fixed: the mark goes
    fireEvent.change(rate, { target: { value: '12' } })
    await settle()
    await waitFor(() => expect(rate).not.toHaveAttribute('aria-invalid'))
  })

  it('measures from a time after warm-up, checked against the duration at its field', async () => {
    const { twin } = setup()
    const from = await screen.findByRole('textbox', { name: /^Measure from/ })
    expect(from).toHaveValue('')
    fireEvent.change(from, { target: { value: '700' } })
    await settle()
    await waitFor(() => expect(from).toHaveAttribute('aria-invalid', 'true'))
    expect(document.getElementById(from.getAttribute('aria-describedby')!)).toHaveTextContent(
      /durationS/
    )
    expect(from).toHaveValue('700')
    fireEvent.change(from, { target: { value: '300' } })
    await settle()
    await waitFor(() => expect(from).not.toHaveAttribute('aria-invalid'))
    expect(twin.invoke).toHaveBeenCalledWith('scenarios.validate', {
      scenario: expect.objectContaining({ durationS: 600, measureFromS: 300 })
    })
  })

  it('adds and removes fault rows, each checked at its fields', async () => {
    setup()
    fireEvent.click(await screen.findByRole('button', { name: 'Add a fault' }))
    fireEvent.change(screen.getByRole('textbox', { name: 'At (s)' }), { target: { value: '900' } })
    fireEvent.change(screen.getByRole('textbox', { name: 'Die id' }), {
      target: { value: 'node-99.npu-0.die-0' }
    })
    await settle()
    const at = screen.getByRole('textbox', { name: 'At (s)' })
    await waitFor(() => expect(at).toHaveAttribute('aria-invalid', 'true'))
    expect(document.getElementById(at.getAttribute('aria-describedby')!)).toHaveTextContent(
      'after the end of the run'
    )
    expect(screen.getByRole('textbox', { name: 'Die id' })).toHaveAttribute('aria-invalid', 'true')
    fireEvent.click(screen.getByRole('button', { name: /Remove fault 1/ }))
    expect(screen.queryByRole('textbox', { name: 'At (s)' })).toBeNull()
    await settle()
    await waitFor(() => expect(screen.getByTestId('editor-status')).toHaveTextContent(/is valid/))
  })

  it('refuses to save an invalid scenario, and asks for a path where there is no file dialog', async () => {
    const { twin } = setup()
    const duration = await screen.findByRole('textbox', { name: 'Duration (simulated s)' })
    fireEvent.change(duration, { target: { value: '' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save as file…' }))
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/Nothing was saved/))
    expect(duration).toHaveAttribute('aria-invalid', 'true')
    expect(twin.methods()).not.toContain('scenarios.save')

    fireEvent.change(duration, { target: { value: '120' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save as file…' }))
    const path = await screen.findByRole('textbox', { name: /File to write/ })
    expect(path).toHaveAttribute('aria-invalid', 'true')
    expect(document.getElementById(path.getAttribute('aria-describedby')!)).toHaveTextContent(
      'give a path'
    )
  })

  it('saves to the path given', async () => {
    const save = vi.fn(async (args: { path?: string }) =>
      args.path
        ? ok<'scenarios.save'>({ path: args.path })
        : {
            ok: false as const,
            error: { code: 'invalid-argument' as const, message: 'give a path', field: 'path' }
          }
    )
    const { twin } = setup({ 'scenarios.save': save })
    fireEvent.click(await screen.findByRole('button', { name: 'Save as file…' }))
    const path = await screen.findByRole('textbox', { name: /File to write/ })
    fireEvent.change(path, { target: { value: '/tmp/mine.json' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save as file…' }))
    await screen.findByText('Saved to /tmp/mine.json')
    expect(twin.invoke).toHaveBeenLastCalledWith('scenarios.save', {
      scenario: expect.objectContaining({ name: 'Paper settings on cloudmatrix384' }),
      path: '/tmp/mine.json'
    })
  })

  it('runs the scenario inline and closes', async () => {
    const { twin, onClose } = setup()
    const name = await screen.findByRole('textbox', { name: 'Name' })
    fireEvent.change(name, { target: { value: 'My run' } })
    fireEvent.click(screen.getByRole('button', { name: 'Run' }))
    await waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(twin.invoke).toHaveBeenCalledWith('run.start', {
      scenario: expect.objectContaining({ name: 'My run', workload: expect.anything() }),
      speed: 10
    })
  })

  it('places issues at the nearest field shown', () => {
    const fields = new Set([
      'workload',
      'workload.prompt',
      'workload.prompt.min',
      'faults.0.target'
    ])
    expect(fieldOf('workload.prompt.min', fields)).toBe('workload.prompt.min')
    expect(fieldOf('workload.prompt', fields)).toBe('workload.prompt')
    expect(fieldOf('workload.arrival.ratePerS', fields)).toBe('workload')
    expect(fieldOf('faults.0.die', fields)).toBe('faults.0.target')
    expect(fieldOf('nonsense', fields)).toBeNull()
  })
})
