import { useEffect, useRef, useState } from 'react'
import type { TwinApi } from '../../../shared/api'
import { OPENABLE_FILES, isOpenableName } from '../../../shared/openFiles'
import { openDroppedFile, openedNote } from '../api/openFile'
import type { Feedback } from '../session/feedback'

/** what the drop overlay says while a file is dragged over the window */
export const DROP_HINT = 'Drop a .twinrun run or a scenario .json to open it'

/** What a drop holds: the one file to open, or why it is refused (naming the file). */
export type DropCheck = { ok: true; file: File } | { ok: false; title: string; message: string }

const listed = (names: string[]): string =>
  names.length > 3
    ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
    : names.join(', ')

/** One file, not a folder, with an extension the app opens; anything else is refused. */
export function checkDrop(data: DataTransfer): DropCheck {
  const files = Array.from(data.files)
  if (files.length === 0) {
    return {
      ok: false,
      title: 'Nothing to open',
      message: `The drop held no file. ${OPENABLE_FILES}.`
    }
  }
  if (files.length > 1) {
    return {
      ok: false,
      title: `Cannot open ${files.length} files at once`,
      message: `Drop one file at a time (${listed(files.map((f) => f.name))}). ${OPENABLE_FILES}.`
    }
  }
  const file = files[0]!
  const refuse = (message: string): DropCheck => ({
    ok: false,
    title: `Cannot open ${file.name}`,
    message
  })
  // a folder arrives as a File too; only its entry says what it is (read during the drop)
  const item = Array.from(data.items ?? []).find((i) => i.kind === 'file')
  if (item?.webkitGetAsEntry?.()?.isDirectory) {
    return refuse(`${file.name} is a folder. ${OPENABLE_FILES}: drop one of those.`)
  }
  if (!isOpenableName(file.name)) {
    return refuse(`${file.name} is not a saved run or a scenario. ${OPENABLE_FILES}.`)
  }
  return { ok: true, file }
}

const carriesFiles = (event: DragEvent): boolean =>
  Array.from(event.dataTransfer?.types ?? []).includes('Files')

/**
 * Dropping a file anywhere on the window opens it, as the command line does: a .twinrun is
 * imported and replayed, a scenario started (main does it; its events switch the view). A
 * refused drop or a file main cannot open becomes the one problem shown, naming the file; an
 * opened one a confirmation. Returns whether files are being dragged over the window (for the
 * overlay). Only drags that carry files are touched: text dragged into a field is not.
 */
export function useFileDrop(
  api: TwinApi | null,
  feedback: Pick<Feedback, 'perform' | 'report'>
): boolean {
  const [dragging, setDragging] = useState(false)
  const latest = useRef({ api, feedback })
  useEffect(() => {
    latest.current = { api, feedback }
  })
  const enabled = api !== null

  useEffect(() => {
    if (!enabled) return
    // enter and leave fire for every element crossed: the window is left when they balance
    let depth = 0
    const enter = (event: DragEvent): void => {
      if (!carriesFiles(event)) return
      event.preventDefault()
      depth += 1
      setDragging(true)
    }
    const over = (event: DragEvent): void => {
      if (!carriesFiles(event)) return
      // without this the page would not be a drop target, and the file would be navigated to
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
    }
    const leave = (event: DragEvent): void => {
      if (!carriesFiles(event)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const drop = (event: DragEvent): void => {
      if (!carriesFiles(event) || !event.dataTransfer) return
      event.preventDefault()
      depth = 0
      setDragging(false)
      const check = checkDrop(event.dataTransfer)
      const { api: twin, feedback: report } = latest.current
      if (!check.ok) return report.report(check.title, check.message)
      if (!twin) return
      const { file } = check
      void report.perform(`Could not open ${file.name}`, async () =>
        openedNote(await openDroppedFile(twin, file))
      )
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
      setDragging(false)
    }
  }, [enabled])

  return dragging
}
