import { DEPLOYMENT_NUMBERS, type ScenarioDraft } from './draft'
import { FieldGroup, NumberFields, type PartProps, SelectField, bind } from './fields'

type Deployment = ScenarioDraft['deployment']

const LABELS: Record<(typeof DEPLOYMENT_NUMBERS)[number], string> = {
  prefillInstances: 'Prefill instances',
  decodeChips: 'Decode chips',
  maxBatchPerChip: 'Max batch per chip',
  prefillTokensPerChip: 'Prefill tokens per chip',
  mtpAcceptance: 'MTP acceptance (0-1)'
}

const EPLB_OPTIONS: { value: Deployment['eplb']; label: string }[] = [
  { value: '', label: 'the system’s' },
  { value: 'perfect', label: 'perfect' },
  { value: 'default', label: 'default' }
]

/** Overrides of the system's published deployment; an empty field keeps the published value. */
export function DeploymentFields({ value: deployment, onChange }: PartProps<Deployment>) {
  return (
    <FieldGroup path="deployment" title="Deployment (empty: the system’s published one)">
      <NumberFields
        at="deployment"
        labels={DEPLOYMENT_NUMBERS.map((key) => [key, LABELS[key]])}
        value={deployment}
        onChange={onChange}
      />
      <SelectField
        path="deployment.eplb"
        label="Expert load balancing"
        options={EPLB_OPTIONS}
        {...bind(deployment, onChange)('eplb')}
      />
    </FieldGroup>
  )
}
