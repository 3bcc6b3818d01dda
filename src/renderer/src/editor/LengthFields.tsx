import { LENGTH_KEYS, type LengthDraft } from './draft'
import { FieldGroup, NumberFields, type PartProps, SelectField } from './fields'

const LENGTH_KINDS: { value: LengthDraft['kind']; label: string }[] = [
  { value: 'fixed', label: 'fixed' },
  { value: 'uniform', label: 'uniform' },
  { value: 'lognormal', label: 'lognormal' }
]

const LABELS: Record<(typeof LENGTH_KEYS)[LengthDraft['kind']][number], string> = {
  tokens: 'Tokens',
  min: 'Min',
  max: 'Max',
  median: 'Median',
  sigma: 'Sigma'
}

/**
 * The token-length distribution of a synthetic workload's prompts or outputs. Only the
 * numbers of the chosen kind show; the others keep what was typed in case the kind comes back.
 */
export function LengthFields({
  which,
  value: spec,
  onChange
}: PartProps<LengthDraft> & { which: 'prompt' | 'output' }) {
  const at = `workload.${which}`
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
      <NumberFields
        at={at}
        labels={LENGTH_KEYS[spec.kind].map((key) => [key, LABELS[key]])}
        value={spec}
        onChange={onChange}
      />
    </FieldGroup>
  )
}
