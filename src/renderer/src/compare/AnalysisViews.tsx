import type { RunStatus, ScenarioPreset, SystemSummary, TwinApi } from '../../../shared/api'
import type { ChartFactory } from '../charts/chartEngine'
import { type EditorSource, ScenarioEditor } from '../editor/ScenarioEditor'
import type { Perform } from '../session/feedback'
import type { RunSpeed } from '../session/runController'
import { ValidationView } from '../validation/ValidationView'
import type { Theme } from '../view/viewState'
import { lazy } from 'react'
import { CompareView, type CompareViewProps } from './CompareView'
import './compare.css'

// three and the halls load with the first comparison shown, not with the app
const LazyCompareScenes = lazy(() => import('./CompareScenes'))

/** the full-window views of issue 7 the app opens one at a time */
export type AnalysisView = 'editor' | 'compare' | 'validation'

/** The left column's buttons that open the editor, the compare view and the validation view. */
export function AnalysisTools({ onOpen }: { onOpen(view: AnalysisView): void }) {
  return (
    <section className="panel analysis-tools" aria-labelledby="analysis-tools-title">
      <h2 className="panel__title" id="analysis-tools-title">
        Scenarios, comparison, validation
      </h2>
      <div className="analysis-tools__buttons">
        <button type="button" className="run-button" onClick={() => onOpen('editor')}>
          Edit scenario…
        </button>
        <button type="button" className="run-button" onClick={() => onOpen('compare')}>
          Compare runs…
        </button>
        <button type="button" className="run-button" onClick={() => onOpen('validation')}>
          Validation…
        </button>
      </div>
    </section>
  )
}

export interface AnalysisViewsProps {
  open: AnalysisView | null
  onClose(): void
  api: TwinApi
  perform: Perform
  presets: ScenarioPreset[]
  systems: SystemSummary[]
  /** the preset picked in the scenario panel: where the editor starts without a run in view */
  selectedPreset: string | null
  /** the saved run in view (replayed, or live and saved): the editor offers its scenario */
  runInView: { id: string; name: string } | null
  run: RunStatus | null
  speed: RunSpeed
  theme: Theme
  charts?: ChartFactory
  /** a comparison was shown in the compare view */
  onCompared?: CompareViewProps['onCompared']
  /** the compare view's 3D scenes; tests without WebGL pass null */
  compareScenes?: CompareViewProps['scenes'] | null
}

/** Whichever of the editor, compare and validation views is open. */
export function AnalysisViews(props: AnalysisViewsProps) {
  const { open, onClose, api, perform } = props
  if (open === 'validation') return <ValidationView api={api} perform={perform} onClose={onClose} />
  if (open === 'compare') {
    return (
      <CompareView
        api={api}
        perform={perform}
        onClose={onClose}
        run={props.run}
        theme={props.theme}
        charts={props.charts}
        onCompared={props.onCompared}
        scenes={
          props.compareScenes === null ? undefined : (props.compareScenes ?? LazyCompareScenes)
        }
      />
    )
  }
  if (open === 'editor') {
    const initial: EditorSource = props.runInView
      ? { kind: 'run', id: props.runInView.id }
      : props.selectedPreset
        ? { kind: 'preset', id: props.selectedPreset }
        : { kind: 'new' }
    return (
      <ScenarioEditor
        api={api}
        perform={perform}
        presets={props.presets}
        systems={props.systems}
        initial={initial}
        runInView={props.runInView}
        speed={props.speed}
        onClose={onClose}
      />
    )
  }
  return null
}
