import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import { type ScenarioPreset, type SystemSummary, type TwinApi, call } from '../../../shared/api'
import { TwinError } from '../../../shared/errors'
import type { ScenarioInput } from '../../../shared/scenario'
import type { Perform } from '../session/feedback'
import type { RunSpeed } from '../session/runController'
import { FullDialog } from '../ui/FullDialog'
import { checkStatus, useScenarioCheck } from './checking'
import { type ScenarioDraft, blankScenario, draftFromScenario, scenarioFromDraft } from './draft'
import { SavePathField, ScenarioForm } from './ScenarioForm'
import { type EditorSource, SourcePicker } from './SourcePicker'
import './editor.css'

export { VALIDATE_DELAY_MS } from './checking'
export type { EditorSource } from './SourcePicker'

export interface ScenarioEditorProps {
  api: TwinApi
  perform: Perform
  presets: ScenarioPreset[]
  systems: SystemSummary[]
  /** where the form starts */
  initial: EditorSource
  /** the saved run in view, offered as a starting point */
  runInView?: { id: string; name: string } | null
  /** the speed a run started from here plays at */
  speed: RunSpeed
  onClose(): void
}

const because = (what: string, error: unknown): string =>
  `${what}: ${error instanceof Error ? error.message : String(error)}`

/**
 * The scenario editor: a form over every part of a scenario, checked by the twin
 * (scenarios.validate, the checks a run makes) a moment after each edit, with each issue at
 * its field. What the user typed always stays: numbers are kept as typed text. Save writes the
 * scenario as a file; Run starts it.
 */
export function ScenarioEditor({
  api,
  perform,
  presets,
  systems,
  initial,
  runInView,
  speed,
  onClose
}: ScenarioEditorProps) {
  const baseId = `scenario${useId().replace(/:/g, '')}`
  const [draft, setDraft] = useState<ScenarioDraft | null>(null)
  const [previous, setPrevious] = useState<ScenarioDraft | null>(null)
  const [source, setSource] = useState<EditorSource>(initial)
  const [formError, setFormError] = useState<string | null>(null)
  const [savedTo, setSavedTo] = useState<string | null>(null)
  const [needPath, setNeedPath] = useState(false)
  const [path, setPath] = useState('')
  const [pathError, setPathError] = useState<string | null>(null)
  const formRef = useRef<HTMLFormElement>(null)

  const load = useCallback(
    (from: EditorSource, replacing: ScenarioDraft | null) =>
      perform('Could not load the scenario', async () => {
        try {
          const scenario: ScenarioInput =
            from.kind === 'new'
              ? blankScenario()
              : from.kind === 'preset'
                ? await call(api, 'scenarios.get', { id: from.id })
                : (await call(api, 'runs.get', { id: from.id })).scenario
          setPrevious(replacing)
          setDraft(draftFromScenario(scenario))
          setFormError(null)
        } catch (error) {
          setFormError(because('Could not load the scenario', error))
          // a form to edit in any case
          setDraft((now) => now ?? draftFromScenario(blankScenario()))
          throw error
        }
      }),
    [api, perform]
  )

  useEffect(() => {
    void load(initial, null)
    // the first source only; later ones are loaded by the user
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const scenario = useMemo(() => (draft ? scenarioFromDraft(draft) : null), [draft])
  const { issues, checking, validate, placed, context } = useScenarioCheck({
    api,
    baseId,
    draft,
    scenario,
    onError: setFormError
  })

  /** checks at once; false (with the fields marked and the first focused) when it has issues */
  const checkNow = async (what: string): Promise<boolean> => {
    if (!scenario) return false
    const found = await validate(scenario)
    if (found.length === 0) return true
    setFormError(
      `${what}: ${found.length === 1 ? 'one field needs' : `${found.length} fields need`} fixing (marked below).`
    )
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
    )
    return false
  }

  const save = (): void => {
    if (!scenario || !draft) return
    void perform(`Could not save “${draft.name}”`, async () => {
      setSavedTo(null)
      if (!(await checkNow('Nothing was saved'))) return null
      if (needPath && path.trim() === '') {
        setPathError('give the path of the file to write')
        return null
      }
      try {
        const args = needPath ? { scenario, path: path.trim() } : { scenario }
        const { path: written } = await call(api, 'scenarios.save', args)
        setPathError(null)
        setFormError(null)
        if (written === null) return null
        setSavedTo(written)
        return `Saved the scenario to ${written}`
      } catch (error) {
        if (error instanceof TwinError && error.field === 'path') {
          // the browser view has no file dialog: ask for a path here
          setNeedPath(true)
          setPathError(error.message)
          requestAnimationFrame(() => document.getElementById(`${baseId}-path`)?.focus())
          return null
        }
        setFormError(because('Could not save', error))
        throw error
      }
    })
  }

  const run = (): void => {
    if (!scenario || !draft) return
    void perform(`Could not start “${draft.name}”`, async () => {
      if (!(await checkNow('Nothing was started'))) return null
      try {
        await call(api, 'run.start', { scenario, speed })
      } catch (error) {
        setFormError(because('Could not start the run', error))
        throw error
      }
      onClose()
      return `Started “${draft.name}”`
    })
  }

  const change = (next: Partial<ScenarioDraft>): void => {
    setSavedTo(null)
    setDraft((now) => (now ? { ...now, ...next } : now))
  }

  return (
    <FullDialog
      title="Scenario editor"
      subtitle="Every field is checked by the twin as you type, with the checks a run makes"
      closeLabel="Close the scenario editor"
      onClose={onClose}
      testId="scenario-editor"
      footer={
        <>
          <p className="editor-status" role="status" data-testid="editor-status">
            {checkStatus(draft !== null, issues, checking)}
          </p>
          {savedTo && <p className="editor-status">Saved to {savedTo}</p>}
          <button type="button" className="dialog-button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="dialog-button" disabled={!draft} onClick={save}>
            Save as file…
          </button>
          <button
            type="button"
            className="dialog-button dialog-button--primary"
            disabled={!draft}
            onClick={run}
          >
            Run
          </button>
        </>
      }
    >
      <SourcePicker
        id={`${baseId}-source`}
        source={source}
        presets={presets}
        runInView={runInView}
        canUndo={previous !== null}
        onPick={setSource}
        onLoad={() => void load(source, draft)}
        onUndo={() => {
          setDraft(previous)
          setPrevious(null)
        }}
      />
      {formError && (
        <p className="dialog-error" role="alert">
          {formError}
        </p>
      )}
      {placed.unplaced.length > 0 && (
        <ul className="dialog-error editor-unplaced" aria-label="Other issues">
          {placed.unplaced.map((issue, i) => (
            <li key={i}>
              {issue.path || 'scenario'}: {issue.message}
            </li>
          ))}
        </ul>
      )}
      {draft && (
        <ScenarioForm
          draft={draft}
          fields={context}
          systems={systems}
          formRef={formRef}
          onChange={change}
        >
          {needPath && (
            <SavePathField
              id={`${baseId}-path`}
              value={path}
              error={pathError}
              onChange={(value) => {
                setPath(value)
                setPathError(null)
              }}
            />
          )}
        </ScenarioForm>
      )}
    </FullDialog>
  )
}
