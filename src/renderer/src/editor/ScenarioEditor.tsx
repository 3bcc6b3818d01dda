import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import {
  type ScenarioIssue,
  type ScenarioPreset,
  type SystemSummary,
  type TwinApi,
  call
} from '../../../shared/api'
import { TwinError } from '../../../shared/errors'
import type { ScenarioInput } from '../../../shared/scenario'
import type { Perform } from '../session/feedback'
import type { RunSpeed } from '../session/runController'
import { FullDialog } from '../ui/FullDialog'
import {
  FAULT_KINDS,
  type FaultDraft,
  type LengthDraft,
  type ScenarioDraft,
  blankScenario,
  draftFromScenario,
  faultKind,
  fieldOf,
  newFault,
  scenarioFromDraft
} from './draft'
import { CheckField, FieldGroup, FieldsContext, SelectField, TextField } from './fields'
import './editor.css'

/** the form is checked this long after the last keystroke */
export const VALIDATE_DELAY_MS = 350

/** where the form starts: a built-in scenario, a saved run's scenario, or a blank one */
export type EditorSource =
  { kind: 'preset'; id: string } | { kind: 'run'; id: string } | { kind: 'new' }

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

const sourceValue = (s: EditorSource): string => (s.kind === 'new' ? 'new' : `${s.kind}:${s.id}`)
function sourceOf(value: string): EditorSource {
  if (value === 'new') return { kind: 'new' }
  const [kind, ...rest] = value.split(':')
  return { kind: kind === 'run' ? 'run' : 'preset', id: rest.join(':') }
}

/** every field and group the form shows for this draft, by scenario path */
function visibleFields(draft: ScenarioDraft): Set<string> {
  const f = new Set([
    'name',
    'description',
    'system',
    'deployment',
    'deployment.prefillInstances',
    'deployment.decodeChips',
    'deployment.maxBatchPerChip',
    'deployment.prefillTokensPerChip',
    'deployment.mtpAcceptance',
    'deployment.eplb',
    'workload',
    'workload.kind',
    'slo.ttftMs',
    'slo.tpotMs',
    'cache.enabled',
    'cache.capacityGBPerNode',
    'faults',
    'durationS',
    'sampleIntervalS',
    'seed'
  ])
  if (draft.workloadKind === 'trace') {
    for (const k of ['trace', 'rateScale', 'startS', 'repeat', 'onBadRow']) f.add(`workload.${k}`)
  } else {
    f.add('workload.arrival.kind')
    f.add('workload.arrival.ratePerS')
    if (draft.synthetic.arrivalKind === 'bursty') f.add('workload.arrival.burstiness')
    f.add('workload.sharedPrefixTokens')
    for (const which of ['prompt', 'output'] as const) {
      const spec = draft.synthetic[which]
      f.add(`workload.${which}`)
      f.add(`workload.${which}.kind`)
      const keys =
        spec.kind === 'fixed'
          ? ['tokens']
          : spec.kind === 'uniform'
            ? ['min', 'max']
            : ['median', 'sigma', 'max']
      for (const k of keys) f.add(`workload.${which}.${k}`)
    }
  }
  draft.faults.forEach((fault, i) => {
    for (const k of ['', '.kind', '.atS', '.untilS', '.target']) f.add(`faults.${i}${k}`)
    if (faultKind(fault.kind).fraction) f.add(`faults.${i}.fraction`)
  })
  return f
}

const LENGTH_KINDS: { value: LengthDraft['kind']; label: string }[] = [
  { value: 'fixed', label: 'fixed' },
  { value: 'uniform', label: 'uniform' },
  { value: 'lognormal', label: 'lognormal' }
]

function LengthFields({
  which,
  spec,
  onChange
}: {
  which: 'prompt' | 'output'
  spec: LengthDraft
  onChange(next: LengthDraft): void
}) {
  const at = `workload.${which}`
  const set = (key: keyof LengthDraft) => (value: string) => onChange({ ...spec, [key]: value })
  return (
    <FieldGroup
      path={at}
      title={which === 'prompt' ? 'Prompt length (tokens)' : 'Output length (tokens)'}
    >
      <SelectField
        path={`${at}.kind`}
        label="Distribution"
        value={spec.kind}
        options={LENGTH_KINDS}
        onChange={(kind) => onChange({ ...spec, kind })}
      />
      {spec.kind === 'fixed' && (
        <TextField
          path={`${at}.tokens`}
          label="Tokens"
          numeric
          value={spec.tokens}
          onChange={set('tokens')}
        />
      )}
      {spec.kind === 'uniform' && (
        <>
          <TextField
            path={`${at}.min`}
            label="Min"
            numeric
            value={spec.min}
            onChange={set('min')}
          />
          <TextField
            path={`${at}.max`}
            label="Max"
            numeric
            value={spec.max}
            onChange={set('max')}
          />
        </>
      )}
      {spec.kind === 'lognormal' && (
        <>
          <TextField
            path={`${at}.median`}
            label="Median"
            numeric
            value={spec.median}
            onChange={set('median')}
          />
          <TextField
            path={`${at}.sigma`}
            label="Sigma"
            numeric
            value={spec.sigma}
            onChange={set('sigma')}
          />
          <TextField
            path={`${at}.max`}
            label="Max"
            numeric
            value={spec.max}
            onChange={set('max')}
          />
        </>
      )}
    </FieldGroup>
  )
}

function FaultRow({
  index,
  fault,
  onChange,
  onRemove
}: {
  index: number
  fault: FaultDraft
  onChange(next: FaultDraft): void
  onRemove(): void
}) {
  const at = `faults.${index}`
  const kind = faultKind(fault.kind)
  const set = (key: keyof FaultDraft) => (value: string) => onChange({ ...fault, [key]: value })
  return (
    <FieldGroup
      path={at}
      title={`Fault ${index + 1}: ${kind.label}`}
      actions={
        <button
          type="button"
          className="dialog-button"
          aria-label={`Remove fault ${index + 1} (${kind.label})`}
          onClick={onRemove}
        >
          Remove
        </button>
      }
    >
      <SelectField
        path={`${at}.kind`}
        label="Kind"
        value={fault.kind}
        options={FAULT_KINDS.map((k) => ({ value: k.kind, label: k.label }))}
        onChange={(next) => onChange({ ...fault, kind: next })}
      />
      <TextField
        path={`${at}.atS`}
        label="At (s)"
        numeric
        value={fault.atS}
        onChange={set('atS')}
      />
      <TextField
        path={`${at}.untilS`}
        label="Until (s, empty: to the end)"
        numeric
        value={fault.untilS}
        onChange={set('untilS')}
      />
      <TextField
        path={`${at}.target`}
        label={
          kind.target === 'subPlane'
            ? 'Sub-plane'
            : kind.target === 'die'
              ? 'Die id'
              : kind.target === 'link'
                ? 'Link id'
                : 'NPU id'
        }
        hint={
          kind.target === 'die'
            ? 'node-05.npu-3.die-1'
            : kind.target === 'npu'
              ? 'node-30.npu-2'
              : undefined
        }
        numeric={kind.target === 'subPlane'}
        value={fault.target}
        onChange={set('target')}
      />
      {kind.fraction && (
        <TextField
          path={`${at}.fraction`}
          label={
            kind.fraction === 'speedFraction' ? 'Speed fraction (0-1]' : 'Bandwidth fraction [0-1]'
          }
          numeric
          value={fault.fraction}
          onChange={set('fraction')}
        />
      )}
    </FieldGroup>
  )
}

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
  const [issues, setIssues] = useState<ScenarioIssue[] | null>(null)
  const [checking, setChecking] = useState(false)
  const [formError, setFormError] = useState<string | null>(null)
  const [savedTo, setSavedTo] = useState<string | null>(null)
  const [needPath, setNeedPath] = useState(false)
  const [path, setPath] = useState('')
  const [pathError, setPathError] = useState<string | null>(null)
  const sequence = useRef(0)
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
          setFormError(
            `Could not load the scenario: ${error instanceof Error ? error.message : String(error)}`
          )
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

  const validate = useCallback(
    async (value: Record<string, unknown>): Promise<ScenarioIssue[]> => {
      const mine = ++sequence.current
      setChecking(true)
      try {
        const result = await call(api, 'scenarios.validate', { scenario: value })
        const found = result.ok ? [] : result.issues
        if (mine === sequence.current) {
          setIssues(found)
          setChecking(false)
        }
        return found
      } catch (error) {
        if (mine === sequence.current) {
          setChecking(false)
          setFormError(
            `The scenario could not be checked: ${error instanceof Error ? error.message : String(error)}`
          )
        }
        throw error
      }
    },
    [api]
  )

  // checked a moment after the last edit
  useEffect(() => {
    if (!scenario) return
    const timer = setTimeout(() => void validate(scenario).catch(() => {}), VALIDATE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [scenario, validate])

  const fields = useMemo(() => (draft ? visibleFields(draft) : new Set<string>()), [draft])
  const placed = useMemo(() => {
    const at = new Map<string, string[]>()
    const unplaced: ScenarioIssue[] = []
    for (const issue of issues ?? []) {
      const field = fieldOf(issue.path, fields)
      if (field === null) {
        unplaced.push(issue)
        continue
      }
      // a message at an enclosing field names the part it is about
      const message =
        field === issue.path || field.endsWith('.target') || field.endsWith('.fraction')
          ? issue.message
          : `${issue.path.slice(field.length + 1) || issue.path}: ${issue.message}`
      at.set(field, [...(at.get(field) ?? []), message])
    }
    return { at, unplaced }
  }, [issues, fields])
  const context = useMemo(
    () => ({
      idFor: (p: string) => `${baseId}-${p.replace(/\./g, '-')}`,
      messages: (p: string) => placed.at.get(p) ?? []
    }),
    [baseId, placed]
  )

  const focusFirstIssue = (): void => {
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
    )
  }

  /** checks at once; false (with the fields marked and the first focused) when it has issues */
  const checkNow = async (what: string): Promise<boolean> => {
    if (!scenario) return false
    const found = await validate(scenario)
    if (found.length === 0) return true
    setFormError(
      `${what}: ${found.length === 1 ? 'one field needs' : `${found.length} fields need`} fixing (marked below).`
    )
    focusFirstIssue()
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
        setFormError(`Could not save: ${error instanceof Error ? error.message : String(error)}`)
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
        setFormError(
          `Could not start the run: ${error instanceof Error ? error.message : String(error)}`
        )
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

  const systemOptions = useMemo(() => {
    const list = systems.map((s) => ({ value: s.id as string, label: s.name }))
    if (draft && draft.system && !list.some((o) => o.value === draft.system)) {
      list.push({ value: draft.system, label: draft.system })
    }
    return list
  }, [systems, draft])

  const issueCount = issues?.length ?? 0
  const status = !draft
    ? 'Loading the scenario…'
    : issues === null || checking
      ? 'Checking…'
      : issueCount === 0
        ? 'The scenario is valid: it can be saved and run.'
        : `${issueCount === 1 ? 'One issue' : `${issueCount} issues`} to fix (marked at the fields).`

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
            {status}
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
      <div className="editor-source">
        <label htmlFor={`${baseId}-source`}>Start from</label>
        <select
          id={`${baseId}-source`}
          value={sourceValue(source)}
          onChange={(event) => setSource(sourceOf(event.target.value))}
        >
          <option value="new">A new scenario</option>
          {runInView && (
            <option value={`run:${runInView.id}`}>The run in view: {runInView.name}</option>
          )}
          {presets.map((p) => (
            <option key={p.id} value={`preset:${p.id}`}>
              Built-in: {p.name}
            </option>
          ))}
        </select>
        <button type="button" className="dialog-button" onClick={() => void load(source, draft)}>
          Load (replaces the form)
        </button>
        {previous && (
          <button
            type="button"
            className="dialog-button"
            onClick={() => {
              setDraft(previous)
              setPrevious(null)
            }}
          >
            Undo load
          </button>
        )}
      </div>
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
        <FieldsContext.Provider value={context}>
          <form
            ref={formRef}
            className="editor-form"
            aria-label="Scenario"
            noValidate
            onSubmit={(event) => event.preventDefault()}
          >
            <FieldGroup path="" title="Scenario">
              <TextField
                path="name"
                label="Name"
                wide
                value={draft.name}
                onChange={(name) => change({ name })}
              />
              <SelectField
                path="system"
                label="System"
                value={draft.system}
                options={systemOptions}
                onChange={(system) => change({ system })}
              />
              <TextField
                path="description"
                label="Description"
                wide
                value={draft.description}
                onChange={(description) => change({ description })}
              />
            </FieldGroup>
            <FieldGroup path="deployment" title="Deployment (empty: the system’s published one)">
              {(
                [
                  ['prefillInstances', 'Prefill instances'],
                  ['decodeChips', 'Decode chips'],
                  ['maxBatchPerChip', 'Max batch per chip'],
                  ['prefillTokensPerChip', 'Prefill tokens per chip'],
                  ['mtpAcceptance', 'MTP acceptance (0-1)']
                ] as const
              ).map(([key, label]) => (
                <TextField
                  key={key}
                  path={`deployment.${key}`}
                  label={label}
                  numeric
                  value={draft.deployment[key]}
                  onChange={(value) =>
                    change({ deployment: { ...draft.deployment, [key]: value } })
                  }
                />
              ))}
              <SelectField
                path="deployment.eplb"
                label="Expert load balancing"
                value={draft.deployment.eplb}
                options={[
                  { value: '', label: 'the system’s' },
                  { value: 'perfect', label: 'perfect' },
                  { value: 'default', label: 'default' }
                ]}
                onChange={(eplb) => change({ deployment: { ...draft.deployment, eplb } })}
              />
            </FieldGroup>
            <FieldGroup path="workload" title="Workload">
              <SelectField
                path="workload.kind"
                label="Requests from"
                value={draft.workloadKind}
                options={[
                  { value: 'synthetic', label: 'synthetic arrivals' },
                  { value: 'trace', label: 'a trace' }
                ]}
                onChange={(workloadKind) => change({ workloadKind })}
              />
              {draft.workloadKind === 'trace' ? (
                <>
                  <TextField
                    path="workload.trace"
                    label="Trace (azure-conv, azure-code or a file path)"
                    wide
                    value={draft.trace.trace}
                    onChange={(trace) => change({ trace: { ...draft.trace, trace } })}
                  />
                  <TextField
                    path="workload.rateScale"
                    label="Rate scale (x)"
                    numeric
                    value={draft.trace.rateScale}
                    onChange={(rateScale) => change({ trace: { ...draft.trace, rateScale } })}
                  />
                  <TextField
                    path="workload.startS"
                    label="Window start (s into the trace)"
                    numeric
                    value={draft.trace.startS}
                    onChange={(startS) => change({ trace: { ...draft.trace, startS } })}
                  />
                  <CheckField
                    path="workload.repeat"
                    label="Repeat the trace to fill the duration"
                    checked={draft.trace.repeat}
                    onChange={(repeat) => change({ trace: { ...draft.trace, repeat } })}
                  />
                  <SelectField
                    path="workload.onBadRow"
                    label="A bad row in the trace"
                    value={draft.trace.onBadRow}
                    options={[
                      { value: 'fail', label: 'fails the run' },
                      { value: 'skip', label: 'is skipped' }
                    ]}
                    onChange={(onBadRow) => change({ trace: { ...draft.trace, onBadRow } })}
                  />
                </>
              ) : (
                <>
                  <SelectField
                    path="workload.arrival.kind"
                    label="Arrivals"
                    value={draft.synthetic.arrivalKind}
                    options={[
                      { value: 'poisson', label: 'Poisson' },
                      { value: 'bursty', label: 'bursty' }
                    ]}
                    onChange={(arrivalKind) =>
                      change({ synthetic: { ...draft.synthetic, arrivalKind } })
                    }
                  />
                  <TextField
                    path="workload.arrival.ratePerS"
                    label="Rate (requests/s)"
                    numeric
                    value={draft.synthetic.ratePerS}
                    onChange={(ratePerS) => change({ synthetic: { ...draft.synthetic, ratePerS } })}
                  />
                  {draft.synthetic.arrivalKind === 'bursty' && (
                    <TextField
                      path="workload.arrival.burstiness"
                      label="Burstiness"
                      numeric
                      value={draft.synthetic.burstiness}
                      onChange={(burstiness) =>
                        change({ synthetic: { ...draft.synthetic, burstiness } })
                      }
                    />
                  )}
                  <TextField
                    path="workload.sharedPrefixTokens"
                    label="Shared prefix (tokens)"
                    numeric
                    value={draft.synthetic.sharedPrefixTokens}
                    onChange={(sharedPrefixTokens) =>
                      change({ synthetic: { ...draft.synthetic, sharedPrefixTokens } })
                    }
                  />
                  <LengthFields
                    which="prompt"
                    spec={draft.synthetic.prompt}
                    onChange={(prompt) => change({ synthetic: { ...draft.synthetic, prompt } })}
                  />
                  <LengthFields
                    which="output"
                    spec={draft.synthetic.output}
                    onChange={(output) => change({ synthetic: { ...draft.synthetic, output } })}
                  />
                </>
              )}
            </FieldGroup>
            <FieldGroup path="slo" title="Service-level objectives and cache">
              <TextField
                path="slo.ttftMs"
                label="TTFT target (ms)"
                numeric
                value={draft.slo.ttftMs}
                onChange={(ttftMs) => change({ slo: { ...draft.slo, ttftMs } })}
              />
              <TextField
                path="slo.tpotMs"
                label="TPOT target (ms)"
                numeric
                value={draft.slo.tpotMs}
                onChange={(tpotMs) => change({ slo: { ...draft.slo, tpotMs } })}
              />
              <CheckField
                path="cache.enabled"
                label="Prefix cache"
                checked={draft.cache.enabled}
                onChange={(enabled) => change({ cache: { ...draft.cache, enabled } })}
              />
              <TextField
                path="cache.capacityGBPerNode"
                label="Cache per node (GB, empty: default)"
                numeric
                value={draft.cache.capacityGBPerNode}
                onChange={(capacityGBPerNode) =>
                  change({ cache: { ...draft.cache, capacityGBPerNode } })
                }
              />
            </FieldGroup>
            <FieldGroup
              path="faults"
              title={`Faults (${draft.faults.length})`}
              actions={
                <button
                  type="button"
                  className="dialog-button"
                  onClick={() => change({ faults: [...draft.faults, newFault()] })}
                >
                  Add a fault
                </button>
              }
            >
              {draft.faults.length === 0 && (
                <p className="dialog-empty">No faults: every part works throughout.</p>
              )}
              {draft.faults.map((fault, i) => (
                <FaultRow
                  key={fault.key}
                  index={i}
                  fault={fault}
                  onChange={(next) =>
                    change({ faults: draft.faults.map((f, j) => (j === i ? next : f)) })
                  }
                  onRemove={() => change({ faults: draft.faults.filter((_, j) => j !== i) })}
                />
              ))}
            </FieldGroup>
            <FieldGroup path="run" title="Run">
              <TextField
                path="durationS"
                label="Duration (simulated s)"
                numeric
                value={draft.durationS}
                onChange={(durationS) => change({ durationS })}
              />
              <TextField
                path="sampleIntervalS"
                label="Sampling interval (s)"
                numeric
                value={draft.sampleIntervalS}
                onChange={(sampleIntervalS) => change({ sampleIntervalS })}
              />
              <TextField
                path="seed"
                label="Seed"
                numeric
                value={draft.seed}
                onChange={(seed) => change({ seed })}
              />
            </FieldGroup>
            {needPath && (
              <div className="editor-field editor-field--wide" data-field="path">
                <label htmlFor={`${baseId}-path`}>
                  File to write (a path on the machine running the twin: this view has no file
                  dialog)
                </label>
                <input
                  id={`${baseId}-path`}
                  type="text"
                  value={path}
                  placeholder="/home/me/scenarios/my-scenario.json"
                  aria-invalid={pathError ? true : undefined}
                  aria-describedby={pathError ? `${baseId}-path-error` : undefined}
                  onChange={(event) => {
                    setPath(event.target.value)
                    setPathError(null)
                  }}
                />
                {pathError && (
                  <span className="field-error" id={`${baseId}-path-error`}>
                    {pathError}
                  </span>
                )}
              </div>
            )}
          </form>
        </FieldsContext.Provider>
      )}
    </FullDialog>
  )
}
