import type { ScenarioPreset } from '../../../shared/api'

/** where the form starts: a built-in scenario, a saved run's scenario, or a blank one */
export type EditorSource =
  { kind: 'preset'; id: string } | { kind: 'run'; id: string } | { kind: 'new' }

const sourceValue = (s: EditorSource): string => (s.kind === 'new' ? 'new' : `${s.kind}:${s.id}`)
function sourceOf(value: string): EditorSource {
  if (value === 'new') return { kind: 'new' }
  const [kind, ...rest] = value.split(':')
  return { kind: kind === 'run' ? 'run' : 'preset', id: rest.join(':') }
}

/**
 * Picks what to start from. Choosing does not load: loading replaces the form, so it waits for
 * the button, and the replaced form can be brought back once.
 */
export function SourcePicker({
  id,
  source,
  presets,
  runInView,
  canUndo,
  onPick,
  onLoad,
  onUndo
}: {
  id: string
  source: EditorSource
  presets: ScenarioPreset[]
  runInView?: { id: string; name: string } | null
  canUndo: boolean
  onPick(source: EditorSource): void
  onLoad(): void
  onUndo(): void
}) {
  return (
    <div className="editor-source">
      <label htmlFor={id}>Start from</label>
      <select
        id={id}
        value={sourceValue(source)}
        onChange={(event) => onPick(sourceOf(event.target.value))}
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
      <button type="button" className="dialog-button" onClick={onLoad}>
        Load (replaces the form)
      </button>
      {canUndo && (
        <button type="button" className="dialog-button" onClick={onUndo}>
          Undo load
        </button>
      )}
    </div>
  )
}
