import { type ReactNode, type Ref, useMemo } from 'react'
import type { SystemSummary } from '../../../shared/api'
import { DeploymentFields } from './DeploymentFields'
import type { ScenarioDraft } from './draft'
import { FaultFields } from './FaultFields'
import {
  FieldGroup,
  FieldsContext,
  type FormFields,
  NumberFields,
  SelectField,
  TextField,
  bind
} from './fields'
import { SloCacheFields } from './SloCacheFields'
import { WorkloadFields } from './WorkloadFields'

const RUN_NUMBERS = [
  ['durationS', 'Duration (simulated s)'],
  ['measureFromS', 'Measure from (s; empty: the whole run, warm-up included)'],
  ['sampleIntervalS', 'Sampling interval (s)'],
  ['seed', 'Seed']
] as const

/**
 * Asked for only where the view has no file dialog. The file is no part of the scenario, so its
 * message comes from the save, not the check.
 */
export function SavePathField({
  id,
  value,
  error,
  onChange
}: {
  id: string
  value: string
  error: string | null
  onChange(value: string): void
}) {
  return (
    <FieldsContext.Provider value={{ idFor: () => id, messages: () => (error ? [error] : []) }}>
      <TextField
        path="path"
        label="File to write (a path on the machine running the twin: this view has no file dialog)"
        wide
        hint="/home/me/scenarios/my-scenario.json"
        value={value}
        onChange={onChange}
      />
    </FieldsContext.Provider>
  )
}

/** Every part of the scenario, each group a part of the scenario file. */
export function ScenarioForm({
  draft,
  fields,
  systems,
  formRef,
  onChange,
  children
}: {
  draft: ScenarioDraft
  fields: FormFields
  systems: SystemSummary[]
  formRef: Ref<HTMLFormElement>
  onChange(patch: Partial<ScenarioDraft>): void
  /** fields that are not part of the scenario, shown after it */
  children?: ReactNode
}) {
  const field = bind(draft, onChange)
  // a scenario may name a system this twin does not know: it stays chosen, for the check to name
  const systemOptions = useMemo(() => {
    const list = systems.map((s) => ({ value: s.id as string, label: s.name }))
    if (draft.system && !list.some((o) => o.value === draft.system)) {
      list.push({ value: draft.system, label: draft.system })
    }
    return list
  }, [systems, draft.system])
  return (
    <FieldsContext.Provider value={fields}>
      <form
        ref={formRef}
        className="editor-form"
        aria-label="Scenario"
        noValidate
        onSubmit={(event) => event.preventDefault()}
      >
        <FieldGroup path="" title="Scenario">
          <TextField path="name" label="Name" wide {...field('name')} />
          <SelectField path="system" label="System" options={systemOptions} {...field('system')} />
          <TextField path="description" label="Description" wide {...field('description')} />
        </FieldGroup>
        <DeploymentFields
          value={draft.deployment}
          onChange={(deployment) => onChange({ deployment })}
        />
        <WorkloadFields value={draft} onChange={onChange} />
        <SloCacheFields slo={draft.slo} cache={draft.cache} onChange={onChange} />
        <FaultFields value={draft.faults} onChange={(faults) => onChange({ faults })} />
        <FieldGroup path="run" title="Run">
          <NumberFields at="" labels={RUN_NUMBERS} value={draft} onChange={onChange} />
        </FieldGroup>
        {children}
      </form>
    </FieldsContext.Provider>
  )
}
