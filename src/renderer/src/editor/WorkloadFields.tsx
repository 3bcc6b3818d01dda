import type { ScenarioDraft } from './draft'
import {
  CheckField,
  FieldGroup,
  NumberFields,
  type PartProps,
  SelectField,
  TextField,
  bind
} from './fields'
import { LengthFields } from './LengthFields'

type Workload = Pick<ScenarioDraft, 'workloadKind' | 'trace' | 'synthetic'>

const SOURCES: { value: ScenarioDraft['workloadKind']; label: string }[] = [
  { value: 'synthetic', label: 'synthetic arrivals' },
  { value: 'trace', label: 'a trace' }
]

const BAD_ROW: { value: ScenarioDraft['trace']['onBadRow']; label: string }[] = [
  { value: 'fail', label: 'fails the run' },
  { value: 'skip', label: 'is skipped' }
]

const ARRIVALS: { value: ScenarioDraft['synthetic']['arrivalKind']; label: string }[] = [
  { value: 'poisson', label: 'Poisson' },
  { value: 'bursty', label: 'bursty' }
]

const TRACE_NUMBERS = [
  ['rateScale', 'Rate scale (x)'],
  ['startS', 'Window start (s into the trace)']
] as const

function TraceFields({ value: trace, onChange }: PartProps<ScenarioDraft['trace']>) {
  const field = bind(trace, onChange)
  return (
    <>
      <TextField
        path="workload.trace"
        label="Trace (azure-conv, azure-code or a file path)"
        wide
        {...field('trace')}
      />
      <NumberFields at="workload" labels={TRACE_NUMBERS} value={trace} onChange={onChange} />
      <CheckField
        path="workload.repeat"
        label="Repeat the trace to fill the duration"
        {...field('repeat')}
      />
      <SelectField
        path="workload.onBadRow"
        label="A bad row in the trace"
        options={BAD_ROW}
        {...field('onBadRow')}
      />
    </>
  )
}

/** The scenario keeps the arrival process under `workload.arrival`; the draft keeps it flat. */
function SyntheticFields({ value: synthetic, onChange }: PartProps<ScenarioDraft['synthetic']>) {
  const field = bind(synthetic, onChange)
  return (
    <>
      <SelectField
        path="workload.arrival.kind"
        label="Arrivals"
        options={ARRIVALS}
        {...field('arrivalKind')}
      />
      <TextField
        path="workload.arrival.ratePerS"
        label="Rate (requests/s)"
        numeric
        {...field('ratePerS')}
      />
      {synthetic.arrivalKind === 'bursty' && (
        <TextField
          path="workload.arrival.burstiness"
          label="Burstiness"
          numeric
          {...field('burstiness')}
        />
      )}
      <TextField
        path="workload.sharedPrefixTokens"
        label="Shared prefix (tokens)"
        numeric
        {...field('sharedPrefixTokens')}
      />
      <LengthFields which="prompt" {...field('prompt')} />
      <LengthFields which="output" {...field('output')} />
    </>
  )
}

/** Where the requests come from: a synthetic arrival process or a recorded trace. */
export function WorkloadFields({
  value: workload,
  onChange
}: {
  value: Workload
  onChange(patch: Partial<Workload>): void
}) {
  return (
    <FieldGroup path="workload" title="Workload">
      <SelectField
        path="workload.kind"
        label="Requests from"
        value={workload.workloadKind}
        options={SOURCES}
        onChange={(workloadKind) => onChange({ workloadKind })}
      />
      {workload.workloadKind === 'trace' ? (
        <TraceFields value={workload.trace} onChange={(trace) => onChange({ trace })} />
      ) : (
        <SyntheticFields
          value={workload.synthetic}
          onChange={(synthetic) => onChange({ synthetic })}
        />
      )}
    </FieldGroup>
  )
}
