import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  decodeStoredFrame,
  QUANTIZATION_STEP
} from '../../../../src/main/services/library/frameCodec'
import { RecordingError, RunRecorder } from '../../../../src/main/services/library/recorder'
import { RunStore } from '../../../../src/main/services/library/runStore'
import { OVERVIEW_EVERY } from '../../../../src/main/services/library/schema'
import { decodeFrame, KPI_NAMES, type FrameView } from '../../../../src/shared/frame'
import { recordRun, shortScenario, tempDir } from './fixtures'

const open: RunStore[] = []
const store = (path = join(tempDir(), 'runs.sqlite'), options = {}): RunStore => {
  const s = new RunStore(path, options)
  open.push(s)
  return s
}
afterEach(() => {
  for (const s of open.splice(0)) s.close()
})

const QUANTIZED = Object.keys(QUANTIZATION_STEP) as (keyof typeof QUANTIZATION_STEP)[]
const EXACT = ['slotExpert', 'slotDie', 'kpis', 'dieRole'] as const

/** The largest difference between two frames in one section. */
function maxDiff(a: FrameView, b: FrameView, section: keyof FrameView): number {
  const x = a[section] as ArrayLike<number>
  const y = b[section] as ArrayLike<number>
  expect(y.length).toBe(x.length)
  let max = 0
  for (let i = 0; i < x.length; i++) max = Math.max(max, Math.abs(x[i]! - y[i]!))
  return max
}

describe('RunRecorder and the stored run', () => {
  it('gives back every frame the simulation produced, within the documented quantization', () => {
    const path = join(tempDir(), 'runs.sqlite')
    const { id, frames, summary, events } = recordRun(store(path), {
      durationS: 75,
      preset: 'faults'
    })
    open.pop()!.close()
    const reopened = store(path)
    const run = reopened.require(id)
    expect(run).toMatchObject({ status: 'complete', frameCount: frames.length })
    expect(run.simulatedS).toBe(decodeFrame(frames.at(-1)!).simTimeS)
    expect(run.summary).toEqual(summary)
    expect(events.length).toBeGreaterThan(0) // the faults preset fails a die at 60 s
    expect(reopened.events(id)).toEqual(events)
    frames.forEach((original, index) => {
      const stored = reopened.frameByIndex(id, index)!
      const a = decodeFrame(original)
      const b = decodeFrame(decodeStoredFrame(stored.data))
      expect(b.index).toBe(a.index)
      expect(b.simTimeS).toBe(a.simTimeS)
      expect(b.counts).toEqual(a.counts)
      for (const section of QUANTIZED)
        expect(maxDiff(a, b, section)).toBeLessThanOrEqual(QUANTIZATION_STEP[section] + 1e-6)
      for (const section of EXACT) expect(maxDiff(a, b, section)).toBe(0)
    })
    // the KPI series is exact, in KPI_NAMES order
    expect(reopened.kpiNames(id)).toEqual([...KPI_NAMES])
    const series = reopened.kpiSeries(id)
    expect(series).toHaveLength(frames.length)
    series.forEach((row, i) =>
      expect(Array.from(row.values)).toEqual(Array.from(decodeFrame(frames[i]!).kpis))
    )
  })

  it('keeps a coarse level: one mean frame per OVERVIEW_EVERY frames', () => {
    const s = store()
    const { id, frames } = recordRun(s, { durationS: 30 })
    const overview = s.overview(id)
    expect(overview.timesS).toHaveLength(Math.floor(frames.length / OVERVIEW_EVERY))
    // each point is the mean over its interval of the mean die compute
    const meanOf = (f: ArrayBuffer) => {
      const c = decodeFrame(f).dieCompute
      return c.reduce((a, b) => a + b, 0) / c.length
    }
    const first = frames.slice(0, OVERVIEW_EVERY).map(meanOf)
    expect(overview.dieCompute[0]).toBeCloseTo(first.reduce((a, b) => a + b) / first.length, 2)
    expect(overview.timesS[0]).toBe(decodeFrame(frames[OVERVIEW_EVERY - 1]!).simTimeS)
    expect(overview.kpis['outputTokensPerS']).toHaveLength(overview.timesS.length)
  })

  it('serves the KPI series as columns, all or by name', () => {
    const s = store()
    const { id, frames } = recordRun(s, { durationS: 6 })
    const all = s.kpiColumns(id)
    expect(all.timesS).toEqual(frames.map((f) => decodeFrame(f).simTimeS))
    expect(Object.keys(all.kpis)).toEqual([...KPI_NAMES])
    const some = s.kpiColumns(id, ['ttftP50Ms', 'powerKW'])
    expect(Object.keys(some.kpis)).toEqual(['ttftP50Ms', 'powerKW'])
    const power = KPI_NAMES.indexOf('powerKW')
    expect(some.kpis['powerKW']).toEqual(frames.map((f) => decodeFrame(f).kpis[power]))
    expect(() => s.kpiColumns(id, ['nonesuch'])).toThrow(/no KPI 'nonesuch'/)
  })

  it('seeks to the frame at or before a time', () => {
    const s = store()
    const { id, frames } = recordRun(s, { durationS: 10 })
    const times = frames.map((f) => decodeFrame(f).simTimeS)
    expect(s.frameAt(id, times[4]! + 0.5)!.index).toBe(4)
    expect(s.frameAt(id, times[4]!)!.index).toBe(4)
    expect(s.frameAt(id, 0)!.index).toBe(0) // before the first frame: the first
    expect(s.frameAt(id, 1e9)!.index).toBe(frames.length - 1)
  })
})

describe('RunRecorder write failures', () => {
  it('fails the run in words when the disk fills, and keeps earlier runs whole', () => {
    const path = join(tempDir(), 'runs.sqlite')
    const s = store(path)
    const earlier = recordRun(s, { durationS: 20, name: 'earlier' })
    // a per-connection cap on the file's pages: SQLite then answers SQLITE_FULL, as on a full disk
    const pages = s.db.pragma('page_count', { simple: true }) as number
    s.db.pragma(`max_page_count = ${pages + 8}`)
    expect(() => recordRun(s, { durationS: 120, name: 'too big' })).toThrow(RecordingError)
    expect(() => recordRun(s, { durationS: 120, name: 'too big' })).toThrow(
      /could not save run 'too big': the disk holding .* is full/
    )
    open.pop()!.close()
    const after = store(path)
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok')
    const runs = after.list()
    expect(runs.find((r) => r.id === earlier.id)).toMatchObject({
      status: 'complete',
      frameCount: earlier.frames.length
    })
    for (const failed of runs.filter((r) => r.name === 'too big')) {
      expect(failed.status).toBe('failed')
      expect(failed.error).toMatch(/is full/)
    }
    expect(after.frameByIndex(earlier.id, earlier.frames.length - 1)).not.toBeNull()
  })

  it('fails at once, in words, on a read-only library', () => {
    const path = join(tempDir(), 'runs.sqlite')
    const { id } = recordRun(store(path), { durationS: 3 })
    open.pop()!.close()
    const readOnly = store(path, { readonly: true })
    const { scenario } = shortScenario(3)
    expect(
      () =>
        new RunRecorder(readOnly, {
          id: 'new-run',
          name: 'new',
          scenario,
          frameCodec: 0,
          kpiNames: KPI_NAMES
        })
    ).toThrow(/could not save run 'new': .* is read-only/)
    expect(readOnly.list().map((r) => r.id)).toEqual([id])
  })

  it('reports a failure once and refuses further frames', () => {
    const s = store()
    const { recorder, frames } = recordRun(s, { durationS: 3, finish: false })
    s.db.pragma(`max_page_count = ${s.db.pragma('page_count', { simple: true }) as number}`)
    expect(() => {
      for (let i = 0; i < 40; i++) recorder.frame(frames[0]!.slice(0))
      recorder.flush()
    }).toThrow(RecordingError)
    expect(recorder.failed).toMatch(/is full/)
    expect(() => recorder.flush()).toThrow(recorder.failed!)
  })
})
