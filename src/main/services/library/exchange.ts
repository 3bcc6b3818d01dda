import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { randomUUID } from 'node:crypto'
import {
  LibraryError,
  openDatabase,
  type RunRecord,
  type RunStore,
  type StoreOptions
} from './runStore'

const TABLES = ['runs', 'frames', 'events', 'kpis', 'frames_overview', 'tours'] as const

/**
 * Writes one run as a self-contained .twinrun file: a SQLite database with the library's own
 * schema holding just that run. Written to a temporary name and renamed, so a failed export
 * never leaves half a file under the name the user chose.
 */
export function exportRun(
  store: RunStore,
  id: string,
  path: string,
  options: StoreOptions = { nativeBinding: store.options.nativeBinding }
): void {
  const run = store.require(id)
  if (run.status === 'running')
    throw new LibraryError(`run '${run.name}' is still recording; export it when it ends`)
  writableFolder(path)
  const partial = join(dirname(path), `.${basename(path)}.${randomUUID()}.partial`)
  try {
    const out = openDatabase(partial, options)
    try {
      out.exec(`ATTACH DATABASE ${quote(store.path)} AS library`)
      out.transaction(() => {
        for (const table of TABLES) {
          const where = table === 'runs' ? 'id = ?' : 'run_id = ?'
          out
            .prepare(`INSERT INTO main.${table} SELECT * FROM library.${table} WHERE ${where}`)
            .run(id)
        }
      })()
      out.exec('DETACH DATABASE library')
      out.pragma('journal_mode = DELETE')
    } finally {
      out.close()
    }
    renameSync(partial, path)
  } catch (error) {
    rmSync(partial, { force: true })
    rmSync(`${partial}-wal`, { force: true })
    rmSync(`${partial}-shm`, { force: true })
    if (error instanceof LibraryError && !error.message.startsWith(partial)) throw error
    throw new LibraryError(`cannot write ${path}: ${describeIo(error)}`)
  }
}

/**
 * Adds the run(s) of a .twinrun file to the library. The file is checked first on a private
 * copy (a SQLite database, ours, not from a newer build, intact, holding a run that is not
 * already in the library); only then are its rows copied, in one transaction, so a bad file
 * leaves the library as it was.
 */
export function importRuns(
  store: RunStore,
  path: string,
  options: StoreOptions = { nativeBinding: store.options.nativeBinding },
  /**
   * a run of the file already in the library: refuse the file, or take the library's run as it
   * is (opening a file imported before shows its run, as a second double-click would expect)
   */
  existing: 'refuse' | 'reuse' = 'refuse'
): RunRecord[] {
  if (!existsSync(path)) throw new LibraryError(`${path}: no such file`)
  const copy = join(tmpdir(), `twin-import-${randomUUID()}.sqlite`)
  try {
    copyFileSync(path, copy)
    let incoming: ReturnType<typeof openDatabase>
    try {
      incoming = openDatabase(copy, { ...options, mustExist: true })
    } catch (error) {
      // the checks run on a private copy: the message names the user's file, not the copy
      if (error instanceof LibraryError)
        throw new LibraryError(error.message.replaceAll(copy, path))
      throw error
    }
    let ids: string[]
    try {
      const check = incoming.pragma('quick_check', { simple: true })
      if (check !== 'ok') throw new LibraryError(`${path} is damaged (${String(check)})`)
      ids = incoming
        .prepare(`SELECT id FROM runs WHERE status != 'running'`)
        .pluck()
        .all() as string[]
      if (ids.length === 0) throw new LibraryError(`${path} holds no finished run`)
    } catch (error) {
      incoming.close()
      if (error instanceof LibraryError) throw error
      throw new LibraryError(`${path} is not a readable run file (${(error as Error).message})`)
    }
    incoming.close()
    const present = ids.flatMap((id) => {
      const run = store.get(id)
      return run ? [run] : []
    })
    if (present.length > 0 && existing === 'refuse') {
      throw new LibraryError(
        `${basename(path)}: run '${present[0]!.name}' is already in the library`
      )
    }
    const fileOrder = ids
    ids = ids.filter((id) => !present.some((run) => run.id === id))
    if (ids.length === 0) return fileOrder.map((id) => store.require(id))
    const db = store.db
    db.exec(`ATTACH DATABASE ${quote(copy)} AS incoming`)
    try {
      db.transaction(() => {
        for (const table of TABLES) {
          const where = table === 'runs' ? 'id' : 'run_id'
          db.prepare(
            `INSERT INTO main.${table} SELECT * FROM incoming.${table} WHERE ${where} IN (SELECT value FROM json_each(?))`
          ).run(JSON.stringify(ids))
        }
      })()
    } finally {
      db.exec('DETACH DATABASE incoming')
    }
    return fileOrder.map((id) => store.require(id))
  } catch (error) {
    if (error instanceof LibraryError) throw error
    throw new LibraryError(`${path}: ${describeIo(error)}`)
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${copy}${suffix}`, { force: true })
  }
}

/**
 * The KPI time series of a run as CSV: one row per frame, one column per KPI. Like a run export,
 * written under a temporary name and renamed, so a failed write leaves no half file.
 */
export function exportKpiCsv(store: RunStore, id: string, path: string): void {
  store.require(id)
  writableFolder(path)
  const names = store.kpiNames(id)
  const lines = [['simTimeS', ...names].join(',')]
  for (const row of store.kpiSeries(id)) {
    lines.push(
      [row.simTimeS, ...Array.from(row.values, (v) => (Number.isFinite(v) ? String(v) : ''))].join(
        ','
      )
    )
  }
  const partial = join(dirname(path), `.${basename(path)}.${randomUUID()}.partial`)
  try {
    writeFileSync(partial, lines.join('\n') + '\n')
    renameSync(partial, path)
  } catch (error) {
    rmSync(partial, { force: true })
    throw new LibraryError(`cannot write ${path}: ${describeIo(error)}`)
  }
}

/** Refuses early, in words, a destination whose folder is missing or not writable. */
function writableFolder(path: string): void {
  try {
    accessSync(dirname(path), constants.W_OK)
  } catch (error) {
    throw new LibraryError(`cannot write ${path}: ${describeIo(error)}`)
  }
}

const quote = (path: string): string => `'${path.replaceAll("'", "''")}'`

function describeIo(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'ENOENT') return 'the folder does not exist'
  if (code === 'ENOSPC') return 'the disk is full'
  if (code === 'EROFS') return 'the disk is read-only'
  if (code === 'EISDIR') return 'it is a folder'
  return (error as Error).message
}
