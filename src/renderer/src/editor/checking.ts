import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { type ScenarioIssue, type TwinApi, call } from '../../../shared/api'
import { DEPLOYMENT_NUMBERS, LENGTH_KEYS, type ScenarioDraft, faultKind, fieldOf } from './draft'
import type { FormFields } from './fields'

/** the form is checked this long after the last keystroke */
export const VALIDATE_DELAY_MS = 350

/** every field and group the form shows for this draft, by scenario path */
export function visibleFields(draft: ScenarioDraft): Set<string> {
  const f = new Set([
    'name',
    'description',
    'system',
    'deployment',
    ...DEPLOYMENT_NUMBERS.map((k) => `deployment.${k}`),
    'deployment.eplb',
    'workload',
    'workload.kind',
    'slo.ttftMs',
    'slo.tpotMs',
    'cache.enabled',
    'cache.capacityGBPerNode',
    'faults',
    'durationS',
    'measureFromS',
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
      for (const k of LENGTH_KEYS[spec.kind]) f.add(`workload.${which}.${k}`)
    }
  }
  draft.faults.forEach((fault, i) => {
    for (const k of ['', '.kind', '.atS', '.untilS', '.target']) f.add(`faults.${i}${k}`)
    if (faultKind(fault.kind).fraction) f.add(`faults.${i}.fraction`)
  })
  return f
}

export interface PlacedIssues {
  /** the messages at each field or group */
  at: Map<string, string[]>
  /** issues no field shows: listed above the form */
  unplaced: ScenarioIssue[]
}

export function placeIssues(issues: ScenarioIssue[], fields: ReadonlySet<string>): PlacedIssues {
  const at = new Map<string, string[]>()
  const unplaced: ScenarioIssue[] = []
  for (const issue of issues) {
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
}

/** what the footer says of the check */
export function checkStatus(
  loaded: boolean,
  issues: ScenarioIssue[] | null,
  checking: boolean
): string {
  if (!loaded) return 'Loading the scenario…'
  if (issues === null || checking) return 'Checking…'
  if (issues.length === 0) return 'The scenario is valid: it can be saved and run.'
  return `${issues.length === 1 ? 'One issue' : `${issues.length} issues`} to fix (marked at the fields).`
}

/**
 * The twin's verdict on the scenario: asked a moment after each edit, and at once by `validate`
 * before a save or a run. Only the latest question's answer is shown, since answers to earlier
 * drafts can arrive after it.
 */
export function useScenarioCheck({
  api,
  baseId,
  draft,
  scenario,
  onError
}: {
  api: TwinApi
  /** the prefix of every field id */
  baseId: string
  draft: ScenarioDraft | null
  scenario: Record<string, unknown> | null
  /** kept the same from render to render (a state setter): a new one restarts the wait */
  onError(message: string): void
}) {
  const [issues, setIssues] = useState<ScenarioIssue[] | null>(null)
  const [checking, setChecking] = useState(false)
  const sequence = useRef(0)

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
          onError(
            `The scenario could not be checked: ${error instanceof Error ? error.message : String(error)}`
          )
        }
        throw error
      }
    },
    [api, onError]
  )

  useEffect(() => {
    if (!scenario) return
    const timer = setTimeout(() => void validate(scenario).catch(() => {}), VALIDATE_DELAY_MS)
    return () => clearTimeout(timer)
  }, [scenario, validate])

  const fields = useMemo(() => (draft ? visibleFields(draft) : new Set<string>()), [draft])
  const placed = useMemo(() => placeIssues(issues ?? [], fields), [issues, fields])
  const context = useMemo<FormFields>(
    () => ({
      idFor: (p: string) => `${baseId}-${p.replace(/\./g, '-')}`,
      messages: (p: string) => placed.at.get(p) ?? []
    }),
    [baseId, placed]
  )
  return { issues, checking, validate, placed, context }
}
