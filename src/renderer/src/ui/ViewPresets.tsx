import './viewControls.css'
import type { Topology } from '../../../engine/topology/types'
import { nodeOf, partId, rackOf } from '../view/parts'
import { type CameraPreset, type PartRef, type ViewState, useView } from '../view/viewState'
import { releaseMouseFocus } from './releaseMouseFocus'

/** The camera views, in the order of their keys 1-4. */
export const VIEW_PRESETS: readonly { preset: CameraPreset; label: string; key: string }[] = [
  { preset: 'hall', label: 'Hall', key: '1' },
  { preset: 'network', label: 'Network', key: '2' },
  { preset: 'rack', label: 'Rack', key: '3' },
  { preset: 'node', label: 'Node', key: '4' }
]

/**
 * The rack or node a view frames: the selection's, else the first. A communication rack has no
 * nodes, so its node view shows node 0; a rack selected shows its bottom node.
 */
export function presetPart(
  topology: Topology,
  preset: CameraPreset,
  selected: PartRef | null
): PartRef | null {
  if (preset === 'rack') {
    const rack = selected ? rackOf(topology, selected) : null
    return { kind: 'rack', index: rack ?? 0 }
  }
  if (preset === 'node') {
    let node = selected ? nodeOf(topology, selected) : null
    if (node === null && selected?.kind === 'rack') {
      node = topology.nodes.find((n) => n.rack === selected.index)?.index ?? null
    }
    return { kind: 'node', index: node ?? 0 }
  }
  return null
}

/** Flies to a view of the current selection: the 1-4 keys call this too. */
export function flyToPreset(view: ViewState, topology: Topology, preset: CameraPreset): void {
  view.flyTo(preset, presetPart(topology, preset, view.get().selected))
}

/** Buttons for the four camera views, with their keys. */
export function ViewPresets({ view, topology }: { view: ViewState; topology: Topology }) {
  const camera = useView(view, 'camera')
  const selected = useView(view, 'selected')
  return (
    <div className="view-control view-presets" role="group" aria-label="Camera views">
      {VIEW_PRESETS.map(({ preset, label, key }) => {
        const part = presetPart(topology, preset, selected)
        const target = part ? ` ${partId(topology, part)}` : ''
        return (
          <button
            key={preset}
            type="button"
            className="view-control__button"
            aria-pressed={camera.preset === preset}
            aria-keyshortcuts={key}
            title={`${label} view${target} (${key})`}
            onClick={(event) => {
              releaseMouseFocus(event)
              flyToPreset(view, topology, preset)
            }}
          >
            {label}
            <kbd className="view-control__key" aria-hidden="true">
              {key}
            </kbd>
          </button>
        )
      })}
    </div>
  )
}
