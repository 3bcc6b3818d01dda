import { act, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import type { HallProps } from '../../../src/renderer/src/scene/Hall'
import { useFeedback } from '../../../src/renderer/src/session/feedback'
import { DropOverlay } from '../../../src/renderer/src/ui/DropOverlay'
import { Notices } from '../../../src/renderer/src/ui/Notices'
import { DROP_HINT, useFileDrop } from '../../../src/renderer/src/ui/useFileDrop'
import type { OpenedFile, TwinApi } from '../../../src/shared/api'
import { MAX_DROPPED_BYTES } from '../../../src/shared/openFiles'
import { recordingCharts } from '../chartRecorder'
import { fail, fakeTwin, ok } from '../fakeTwin'

/** the hook as the app wires it: feedback shown by the app's Notices */
function Harness({ api }: { api: TwinApi | null }) {
  const feedback = useFeedback()
  const dragging = useFileDrop(api, feedback)
  return (
    <>
      <DropOverlay active={dragging} />
      <Notices
        problem={feedback.problem}
        onDismiss={feedback.dismissProblem}
        note={feedback.note}
        run={null}
        undrawnSystem={null}
      />
    </>
  )
}

/** a DataTransfer as Chromium fills it for files dragged in from the desktop */
function transfer(files: File[], options: { types?: string[]; folder?: boolean } = {}) {
  return {
    types: options.types ?? ['Files'],
    files,
    items: files.map(() => ({
      kind: 'file',
      webkitGetAsEntry: () => ({ isDirectory: options.folder ?? false })
    })),
    dropEffect: 'none'
  }
}

/** fires a drag event on the page (jsdom has no DragEvent: an Event with a dataTransfer) */
function drag(type: 'dragenter' | 'dragover' | 'dragleave' | 'drop', data: object): Event {
  const event = new Event(type, { bubbles: true, cancelable: true })
  Object.defineProperty(event, 'dataTransfer', { value: data })
  act(() => void document.body.dispatchEvent(event))
  return event
}

const twinrun = (name = 'shared.twinrun', text = 'SQLite format 3\0 pretend') =>
  new File([text], name, { type: 'application/octet-stream' })

const opened: OpenedFile = {
  file: 'shared.twinrun',
  kind: 'replay',
  runId: 'r1',
  name: 'shared run'
}

afterEach(() => {
  delete window.twinFiles
})

describe('dropping a file on the window', () => {
  it('shows the overlay while files are dragged over the window, in a polite live region', () => {
    const twin = fakeTwin()
    render(<Harness api={twin.api} />)
    const region = screen.getByTestId('drop-overlay')
    expect(region).toHaveAttribute('aria-live', 'polite')
    expect(region).toBeEmptyDOMElement()
    const data = transfer([twinrun()])
    const enter = drag('dragenter', data)
    expect(enter.defaultPrevented).toBe(true)
    expect(region).toHaveTextContent(DROP_HINT)
    // crossing into a child element: enter then leave, still over the window
    drag('dragenter', data)
    drag('dragleave', data)
    expect(region).toHaveTextContent(DROP_HINT)
    const over = drag('dragover', data)
    expect(over.defaultPrevented).toBe(true)
    expect(data.dropEffect).toBe('copy')
    drag('dragleave', data)
    expect(region).toBeEmptyDOMElement()
  })

  it('leaves drags that carry no files alone (text dragged into a field)', () => {
    const twin = fakeTwin()
    render(<Harness api={twin.api} />)
    const text = transfer([], { types: ['text/plain'] })
    expect(drag('dragenter', text).defaultPrevented).toBe(false)
    expect(drag('dragover', text).defaultPrevented).toBe(false)
    expect(drag('drop', text).defaultPrevented).toBe(false)
    expect(screen.getByTestId('drop-overlay')).toBeEmptyDOMElement()
    expect(twin.methods()).toEqual([])
  })

  it('in the browser view, sends the bytes and confirms what was opened', async () => {
    const twin = fakeTwin({ 'app.openDropped': async () => ok<'app.openDropped'>(opened) })
    render(<Harness api={twin.api} />)
    const data = transfer([twinrun()])
    drag('dragenter', data)
    expect(drag('drop', data).defaultPrevented).toBe(true)
    expect(screen.getByTestId('drop-overlay')).toBeEmptyDOMElement()
    expect(await screen.findByTestId('note')).toHaveTextContent(
      'Opened shared.twinrun: replaying “shared run”'
    )
    expect(twin.methods()).toEqual(['app.openDropped'])
    const [, args] = twin.invoke.mock.calls[0]! as [string, { name: string; data: string }]
    expect(args.name).toBe('shared.twinrun')
    expect(atob(args.data)).toBe('SQLite format 3\0 pretend')
  })

  it('in the desktop app, sends the path the preload gives', async () => {
    const scenario: OpenedFile = { file: 'mine.json', kind: 'run', runId: 'r2', name: 'Mine' }
    const twin = fakeTwin({ 'app.openPath': async () => ok<'app.openPath'>(scenario) })
    const dropped = new File(['{}'], 'mine.json')
    window.twinFiles = { pathFor: (file) => (file === dropped ? '/home/ada/mine.json' : null) }
    render(<Harness api={twin.api} />)
    drag('drop', transfer([dropped]))
    expect(await screen.findByTestId('note')).toHaveTextContent('Started “Mine” from mine.json')
    expect(twin.invoke).toHaveBeenCalledWith('app.openPath', { path: '/home/ada/mine.json' })
  })

  it('shows what main says of a file it cannot open, under the file’s name', async () => {
    const twin = fakeTwin({
      'app.openDropped': fail({
        code: 'invalid-argument',
        message: 'broken.twinrun is not a SQLite database, or it is damaged (SQLITE_NOTADB)',
        field: 'data'
      })
    })
    render(<Harness api={twin.api} />)
    drag('drop', transfer([twinrun('broken.twinrun')]))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Could not open broken.twinrun')
    expect(alert).toHaveTextContent('broken.twinrun is not a SQLite database')
  })

  it.each([
    [
      'another kind of file',
      transfer([new File(['x'], 'notes.txt')]),
      'Cannot open notes.txt',
      /notes\.txt is not a saved run or a scenario.*\.twinrun.*\.json/
    ],
    [
      'two files',
      transfer([twinrun('a.twinrun'), new File(['{}'], 'b.json')]),
      'Cannot open 2 files at once',
      /Drop one file at a time \(a\.twinrun, b\.json\)/
    ],
    [
      'a folder',
      transfer([new File([''], 'runs.json')], { folder: true }),
      'Cannot open runs.json',
      /runs\.json is a folder/
    ]
  ])('refuses %s with one message naming it, and asks main nothing', (_what, data, title, why) => {
    const twin = fakeTwin()
    render(<Harness api={twin.api} />)
    drag('dragenter', data)
    drag('drop', data)
    const alerts = screen.getAllByRole('alert')
    expect(alerts).toHaveLength(1)
    expect(alerts[0]).toHaveTextContent(title)
    expect(alerts[0]!.textContent).toMatch(why)
    expect(screen.getByTestId('drop-overlay')).toBeEmptyDOMElement()
    expect(twin.methods()).toEqual([])
  })

  it('refuses a file too large for the browser view before reading it', async () => {
    const twin = fakeTwin()
    render(<Harness api={twin.api} />)
    const big = twinrun('huge.twinrun')
    Object.defineProperty(big, 'size', { value: MAX_DROPPED_BYTES + 1 })
    drag('drop', transfer([big]))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Could not open huge.twinrun')
    expect(alert).toHaveTextContent(
      /huge\.twinrun is 64\.0 MiB, more than the 64 MiB the browser view takes/
    )
    expect(twin.methods()).toEqual([])
  })

  it('names a file the browser could not read (gone since the drag began)', async () => {
    const twin = fakeTwin()
    render(<Harness api={twin.api} />)
    const gone = twinrun('gone.twinrun')
    Object.defineProperty(gone, 'arrayBuffer', {
      value: () => Promise.reject(new Error('A requested file could not be found'))
    })
    drag('drop', transfer([gone]))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Could not open gone.twinrun')
    expect(alert).toHaveTextContent('gone.twinrun could not be read')
    expect(twin.methods()).toEqual([])
  })

  it('does nothing until the twin is there', () => {
    render(<Harness api={null} />)
    const data = transfer([twinrun()])
    expect(drag('dragenter', data).defaultPrevented).toBe(false)
    expect(screen.getByTestId('drop-overlay')).toBeEmptyDOMElement()
  })
})

describe('the app', () => {
  function StubHall(_props: HallProps) {
    return <div data-testid="hall" />
  }

  it('opens a file dropped anywhere on its window', async () => {
    const twin = fakeTwin({ 'app.openDropped': async () => ok<'app.openDropped'>(opened) })
    render(<App connect={() => twin.api} hall={StubHall} charts={recordingCharts().factory} />)
    await screen.findByTestId('hall')
    const data = transfer([twinrun()])
    drag('dragenter', data)
    expect(screen.getByText(DROP_HINT)).toBeInTheDocument()
    drag('drop', data)
    await waitFor(() => expect(twin.methods()).toContain('app.openDropped'))
    expect(await screen.findByTestId('note')).toHaveTextContent('Opened shared.twinrun')
    expect(screen.queryByText(DROP_HINT)).not.toBeInTheDocument()
  })
})
