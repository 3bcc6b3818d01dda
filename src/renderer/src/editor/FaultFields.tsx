import { FAULT_KINDS, type FaultDraft, faultKind, newFault } from './draft'
import { FieldGroup, type PartProps, SelectField, TextField, bind } from './fields'

const KIND_OPTIONS = FAULT_KINDS.map((k) => ({ value: k.kind, label: k.label }))

/** how the target field reads for each kind of part a fault hits; ids get an example */
const TARGETS: Record<string, { label: string; hint?: string; numeric?: boolean }> = {
  die: { label: 'Die id', hint: 'node-05.npu-3.die-1' },
  npu: { label: 'NPU id', hint: 'node-30.npu-2' },
  link: { label: 'Link id' },
  subPlane: { label: 'Sub-plane', numeric: true }
}

const FRACTIONS: Record<string, string> = {
  speedFraction: 'Speed fraction (0-1]',
  bandwidthFraction: 'Bandwidth fraction [0-1]'
}

function FaultRow({
  index,
  value: fault,
  onChange,
  onRemove
}: PartProps<FaultDraft> & { index: number; onRemove(): void }) {
  const at = `faults.${index}`
  const kind = faultKind(fault.kind)
  const target = TARGETS[kind.target]!
  const field = bind(fault, onChange)
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
      <SelectField path={`${at}.kind`} label="Kind" options={KIND_OPTIONS} {...field('kind')} />
      <TextField path={`${at}.atS`} label="At (s)" numeric {...field('atS')} />
      <TextField
        path={`${at}.untilS`}
        label="Until (s, empty: to the end)"
        numeric
        {...field('untilS')}
      />
      <TextField
        path={`${at}.target`}
        label={target.label}
        hint={target.hint}
        numeric={target.numeric ?? false}
        {...field('target')}
      />
      {kind.fraction && (
        <TextField
          path={`${at}.fraction`}
          label={FRACTIONS[kind.fraction]!}
          numeric
          {...field('fraction')}
        />
      )}
    </FieldGroup>
  )
}

/** The faults injected during the run, each its own group so its issues show at its fields. */
export function FaultFields({ value: faults, onChange }: PartProps<FaultDraft[]>) {
  return (
    <FieldGroup
      path="faults"
      title={`Faults (${faults.length})`}
      actions={
        <button
          type="button"
          className="dialog-button"
          onClick={() => onChange([...faults, newFault()])}
        >
          Add a fault
        </button>
      }
    >
      {faults.length === 0 && (
        <p className="dialog-empty">No faults: every part works throughout.</p>
      )}
      {faults.map((fault, i) => (
        <FaultRow
          key={fault.key}
          index={i}
          value={fault}
          onChange={(next) => onChange(faults.map((f, j) => (j === i ? next : f)))}
          onRemove={() => onChange(faults.filter((_, j) => j !== i))}
        />
      ))}
    </FieldGroup>
  )
}
