import { useSyncExternalStore } from 'react'
import type { DieMetric } from './dieMetrics'

/** A part of the hall, by its index in the topology's list of that kind. */
export type PartKind = 'rack' | 'node' | 'die' | 'cpu' | 'l1Switch' | 'l2Switch' | 'link'
export interface PartRef {
  kind: PartKind
  index: number
}

/** Where the camera should go: a whole-hall view, the top-down network, or one rack or node. */
export type CameraPreset = 'hall' | 'network' | 'rack' | 'node'
export interface CameraRequest {
  preset: CameraPreset
  /** the rack or node to frame (for 'rack' / 'node'), or the part to bring into view */
  part: PartRef | null
  /** bumps on every request, so asking for the same view twice flies there again */
  seq: number
}

export type Theme = 'dark' | 'light'

export interface ViewSnapshot {
  metric: DieMetric
  selected: PartRef | null
  hovered: PartRef | null
  camera: CameraRequest
  theme: Theme
}

/**
 * The user's choices about the view, shared by the scene and the panels: what dies are
 * coloured by, what is selected (the inspector's subject) and hovered (the tooltip's), where
 * the camera is asked to go, and the theme. Outside React so the render loop reads it without
 * re-rendering; components subscribe with useView. Telemetry never passes through here.
 */
export class ViewState {
  private snapshot: ViewSnapshot = {
    metric: 'compute',
    selected: null,
    hovered: null,
    camera: { preset: 'hall', part: null, seq: 0 },
    theme: 'dark'
  }
  private readonly listeners = new Set<() => void>()

  get(): ViewSnapshot {
    return this.snapshot
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  setMetric(metric: DieMetric): void {
    this.update({ metric })
  }

  select(part: PartRef | null): void {
    if (!samePart(part, this.snapshot.selected)) this.update({ selected: part })
  }

  hover(part: PartRef | null): void {
    if (!samePart(part, this.snapshot.hovered)) this.update({ hovered: part })
  }

  flyTo(preset: CameraPreset, part: PartRef | null = null): void {
    this.update({ camera: { preset, part, seq: this.snapshot.camera.seq + 1 } })
  }

  setTheme(theme: Theme): void {
    this.update({ theme })
  }

  private update(change: Partial<ViewSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change }
    for (const listener of this.listeners) listener()
  }
}

export function samePart(a: PartRef | null, b: PartRef | null): boolean {
  return a === b || (a !== null && b !== null && a.kind === b.kind && a.index === b.index)
}

/** One field of the view state, re-rendering the component only when that field changes. */
export function useView<K extends keyof ViewSnapshot>(view: ViewState, key: K): ViewSnapshot[K] {
  return useSyncExternalStore(view.subscribe, () => view.get()[key])
}
