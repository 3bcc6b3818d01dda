import type { ScenarioDraft } from './draft'
import { CheckField, FieldGroup, NumberFields, TextField, bind } from './fields'

const SLO_LABELS = [
  ['ttftMs', 'TTFT target (ms)'],
  ['tpotMs', 'TPOT target (ms)']
] as const

/** The latency targets a run is scored against, and the prefix cache that helps meet them. */
export function SloCacheFields({
  slo,
  cache,
  onChange
}: {
  slo: ScenarioDraft['slo']
  cache: ScenarioDraft['cache']
  onChange(patch: Partial<Pick<ScenarioDraft, 'slo' | 'cache'>>): void
}) {
  const cacheField = bind(cache, (next) => onChange({ cache: next }))
  return (
    <FieldGroup path="slo" title="Service-level objectives and cache">
      <NumberFields
        at="slo"
        labels={SLO_LABELS}
        value={slo}
        onChange={(next) => onChange({ slo: next })}
      />
      <CheckField path="cache.enabled" label="Prefix cache" {...cacheField('enabled')} />
      <TextField
        path="cache.capacityGBPerNode"
        label="Cache per node (GB, empty: default)"
        numeric
        {...cacheField('capacityGBPerNode')}
      />
    </FieldGroup>
  )
}
