import type { RunStatus, ScenarioPreset, SystemSummary } from '../../../shared/api'
import { type RunSpeed, isLive } from '../session/runController'
import type { RunCommands } from '../session/useTwinSession'
import { releaseMouseFocus } from '../ui/releaseMouseFocus'

export interface ScenarioPanelProps {
  scenarios: ScenarioPreset[]
  systems: SystemSummary[]
  selected: string | null
  onSelect(id: string): void
  /** the speed the run starts at (chosen on the timeline) */
  speed: RunSpeed
  run: RunStatus | null
  commands: RunCommands
}

/** Picks a built-in scenario and starts it (or starts it again over the run under way). */
export function ScenarioPanel(props: ScenarioPanelProps) {
  const { scenarios, systems, selected, onSelect, speed, run, commands } = props
  const live = isLive(run)
  const preset = scenarios.find((s) => s.id === selected) ?? null
  const startVerb = live ? 'Restart' : 'Start'
  const systemName = systems.find((s) => s.id === preset?.system)?.name ?? preset?.system

  return (
    <section className="panel scenario-panel" aria-labelledby="scenario-title">
      <h2 className="panel__title" id="scenario-title">
        Scenario
      </h2>
      <label className="scenario-panel__field">
        <span className="visually-hidden">Scenario</span>
        <select
          className="scenario-panel__select"
          aria-label="Scenario"
          title={preset?.description}
          value={selected ?? ''}
          disabled={scenarios.length === 0}
          onChange={(event) => onSelect(event.target.value)}
        >
          {scenarios.map((s) => (
            <option key={s.id} value={s.id} title={s.description}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      {preset ? (
        <p className="scenario-panel__description">
          {systemName && <span className="scenario-panel__system">{systemName}. </span>}
          {preset.description}
        </p>
      ) : (
        <p className="panel__empty">No built-in scenarios were found.</p>
      )}
      <button
        type="button"
        className="run-button run-button--start"
        aria-label={`${startVerb} ${preset?.name ?? 'the selected scenario'}`}
        disabled={!preset}
        onClick={(event) => {
          releaseMouseFocus(event)
          if (preset) commands.start(preset.id, speed)
        }}
      >
        <span aria-hidden="true">{live ? '↻' : '▶'}</span> {startVerb}
      </button>
    </section>
  )
}
