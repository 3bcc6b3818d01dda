import './export.css'
import { useRef, useState } from 'react'
import type { KpiComparison, ReplayStatus, TwinApi } from '../../../shared/api'
import { TwinError } from '../../../shared/errors'
import { isReplaying } from '../session/replayController'
import type { TelemetryStore } from '../telemetry/telemetryStore'
import type { ViewState } from '../view/viewState'
import { FpsSelect, type ResolutionId, ResolutionSelect, sizeOf } from './ExportFields'
import {
  makeReport,
  needsPath,
  requireCapture,
  saveExport,
  screenshotPng,
  stampedName
} from './exportActions'
import { type TourVideoChoice, TourVideoFields } from './TourVideoFields'
import { encodeTourVideo } from './tourVideo'
import { encodeVideo, replayFrameSource } from './videoExport'
import { checkVideoPlan } from './videoSchedule'
import { ExportCancelled } from './webmEncoder'

interface Props {
  api: TwinApi
  /** the replay shown, if any: videos need one */
  replay: ReplayStatus | null
  /** the saved run in view (replayed, or live and being saved): reports need one */
  runId: string | null
  /** runs.compare output when the view compares runs: the report adds the table */
  comparison?: KpiComparison | null
  /** the tour video plays steps as present mode does: the view, the KPI's frames, replays */
  view: ViewState
  telemetry: TelemetryStore
  /** opens a saved run's replay paused at `atS`; rejects when it cannot */
  showReplay(runId: string, atS: number): Promise<void>
}

type Status =
  { kind: 'idle' } | { kind: 'busy'; text: string } | { kind: 'done' | 'error'; text: string }

/** The top bar's Export menu: PNG of the hall, WebM of the replay or a tour, the run report. */
export function ExportMenu(props: Props) {
  const { api, replay, runId, comparison = null } = props
  const [open, setOpen] = useState(false)
  const [resolution, setResolution] = useState<ResolutionId>('1920x1080')
  const [videoSize, setVideoSize] = useState<ResolutionId>('1280x720')
  const [fps, setFps] = useState(30)
  const [speedUp, setSpeedUp] = useState(10)
  const [fromS, setFromS] = useState('')
  const [toS, setToS] = useState('')
  const [folder, setFolder] = useState<string | null>(null)
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [reportUrl, setReportUrl] = useState<string | null>(null)
  const abort = useRef<AbortController | null>(null)
  const replaying = isReplaying(replay)
  const busy = status.kind === 'busy'

  const endS = replaying ? replay.endS : 0
  const from = fromS === '' ? 0 : Number(fromS)
  const to = toS === '' ? endS : Number(toS)
  const videoProblem = replaying ? checkVideoPlan({ fromS: from, toS: to, fps, speedUp }) : null

  /** runs an export; a missing path shows the folder field with main's message */
  const run = async (text: string, action: () => Promise<string | null>): Promise<void> => {
    setStatus({ kind: 'busy', text })
    try {
      const done = await action()
      setStatus(done ? { kind: 'done', text: done } : { kind: 'idle' })
    } catch (error) {
      if (error instanceof ExportCancelled) {
        setStatus({ kind: 'done', text: 'Cancelled: nothing was saved' })
        return
      }
      if (needsPath(error) && folder === null) setFolder('')
      setStatus({
        kind: 'error',
        text: error instanceof Error ? error.message : String(error)
      })
    } finally {
      setProgress(null)
      abort.current = null
    }
  }
  const where = (): string | null => (folder && folder.trim() !== '' ? folder : null)
  const saved = (what: string, path: string | null): string | null =>
    path === null ? null : `Saved ${what} to ${path}`

  const savePng = () =>
    run('Capturing the hall…', async () => {
      const { width, height } = sizeOf(resolution)
      const png = await screenshotPng(width, height)
      const result = await saveExport(api, 'png', stampedName('hall'), png, where())
      return saved(`the ${width}×${height} screenshot`, result.path)
    })

  const saveVideo = () => {
    if (!replaying) return
    const controller = new AbortController()
    abort.current = controller
    void run('Encoding the video…', async () => {
      const { width, height } = sizeOf(videoSize)
      if (replay.state === 'playing') await api.invoke('replay.pause', {})
      const source = replayFrameSource(api, requireCapture())
      const webm = await encodeVideo(source, {
        fromS: from,
        toS: to,
        fps,
        speedUp,
        width,
        height,
        signal: controller.signal,
        onProgress: setProgress
      })
      const result = await saveExport(
        api,
        'webm',
        `${replay.name ?? 'replay'}-${speedUp}x`,
        webm,
        where()
      )
      return saved('the video', result.path)
    })
  }

  const saveTourVideo = ({ tour, size, fps }: TourVideoChoice) => {
    const controller = new AbortController()
    abort.current = controller
    void run(`Encoding the video of “${tour.tour.name}”…`, async () => {
      const { width, height } = sizeOf(size)
      // a replay playing on would change what steps without a run of their own show
      if (replaying && replay.state === 'playing') await api.invoke('replay.pause', {})
      const { view, telemetry, showReplay } = props
      const { webm, problems } = await encodeTourVideo(
        tour.tour,
        { view, telemetry, showReplay },
        requireCapture(),
        { width, height, fps, signal: controller.signal, onProgress: setProgress }
      )
      const result = await saveExport(api, 'webm', `${tour.tour.name}-tour`, webm, where())
      const done = saved('the tour video', result.path)
      return done && problems.length ? `${done}. ${problems.join(' ')}` : done
    })
  }

  const saveReport = (format: 'html' | 'pdf') =>
    run('Making the report…', async () => {
      if (!runId) throw new Error('no saved run in view: open a replay or run with saving on')
      const { html, name } = await makeReport(api, runId, comparison)
      if (reportUrl) URL.revokeObjectURL(reportUrl)
      setReportUrl(URL.createObjectURL(new Blob([html], { type: 'text/html' })))
      if (format === 'html') {
        const result = await saveExport(api, 'html', name, html, where())
        return saved('the report', result.path)
      }
      try {
        const path = where()
        const result = await api.invoke('exports.pdf', {
          html,
          suggestedName: `${name}.pdf`,
          ...(path ? { path: `${path.replace(/[\\/]+$/, '')}/${name}.pdf` } : {})
        })
        if (!result.ok) throw new TwinError(result.error)
        return saved('the PDF report', result.value.path)
      } catch (error) {
        if (error instanceof TwinError && error.code === 'unavailable') {
          throw new Error(`${error.message}. “Open report” below opens it in a new tab.`, {
            cause: error
          })
        }
        throw error
      }
    })

  return (
    <div className="export-menu">
      <button
        type="button"
        className="view-control__button"
        aria-expanded={open}
        aria-controls="export-panel"
        onClick={() => setOpen((o) => !o)}
      >
        Export ▾
      </button>
      {open && (
        <div id="export-panel" className="export-panel" role="dialog" aria-label="Export">
          <fieldset disabled={busy}>
            <legend>Screenshot (PNG)</legend>
            <ResolutionSelect label="Screenshot size" value={resolution} onChange={setResolution} />
            <button type="button" onClick={() => void savePng()}>
              Save PNG
            </button>
          </fieldset>
          <fieldset disabled={busy || !replaying}>
            <legend>Video of the replay (WebM)</legend>
            {!replaying && <p className="export-panel__hint">Open a replay to export a video.</p>}
            <ResolutionSelect label="Video size" value={videoSize} onChange={setVideoSize} />
            <FpsSelect label="Frames per second" value={fps} onChange={setFps} />
            <label>
              Speed-up{' '}
              <input
                aria-label="Speed-up"
                type="number"
                min={0.25}
                step="any"
                value={speedUp}
                onChange={(e) => setSpeedUp(Number(e.target.value))}
              />
              ×
            </label>
            <label>
              From{' '}
              <input
                aria-label="From (s)"
                type="number"
                min={0}
                step="any"
                placeholder="0"
                value={fromS}
                onChange={(e) => setFromS(e.target.value)}
              />
            </label>
            <label>
              to{' '}
              <input
                aria-label="To (s)"
                type="number"
                min={0}
                step="any"
                placeholder={String(endS)}
                value={toS}
                onChange={(e) => setToS(e.target.value)}
              />
              s
            </label>
            {replaying && !videoProblem && (
              <p className="export-panel__hint">
                {((to - from) / speedUp).toFixed(1)} s of video at {fps} fps
              </p>
            )}
            {videoProblem && <p className="export-panel__error">{videoProblem}</p>}
            <button type="button" disabled={videoProblem !== null} onClick={saveVideo}>
              Save WebM
            </button>
          </fieldset>
          <TourVideoFields api={api} runId={runId} busy={busy} onSave={saveTourVideo} />
          <fieldset disabled={busy}>
            <legend>Report</legend>
            <button type="button" onClick={() => void saveReport('html')}>
              Save HTML
            </button>
            <button type="button" onClick={() => void saveReport('pdf')}>
              Save PDF
            </button>
            {reportUrl && (
              <a href={reportUrl} target="_blank" rel="noopener" className="export-panel__link">
                Open report
              </a>
            )}
          </fieldset>
          {folder !== null && (
            <label className="export-panel__folder">
              Save in folder (on the twin’s machine){' '}
              <input
                aria-label="Save in folder"
                type="text"
                value={folder}
                placeholder="/home/me/exports"
                onChange={(e) => setFolder(e.target.value)}
              />
            </label>
          )}
          {progress && (
            <div className="export-panel__progress">
              <progress aria-label="Video progress" max={progress.total} value={progress.done} />
              <span data-testid="export-progress">
                frame {progress.done} of {progress.total}
              </span>
              <button type="button" onClick={() => abort.current?.abort()}>
                Cancel
              </button>
            </div>
          )}
          {status.kind !== 'idle' && (
            <p
              className={`export-panel__status export-panel__status--${status.kind}`}
              role={status.kind === 'error' ? 'alert' : 'status'}
              data-testid="export-status"
            >
              {status.text}
            </p>
          )}
        </div>
      )}
    </div>
  )
}
