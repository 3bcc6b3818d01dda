/* The fields the export menu's sections share: the picture size and the frame rate. */
import { requireCapture } from './exportActions'

export const RESOLUTIONS = [
  { id: 'window', label: 'Window size' },
  { id: '1280x720', label: '1280 × 720' },
  { id: '1920x1080', label: '1920 × 1080' },
  { id: '2560x1440', label: '2560 × 1440' },
  { id: '3840x2160', label: '3840 × 2160 (4K)' }
] as const
export type ResolutionId = (typeof RESOLUTIONS)[number]['id']

/** the pixels a size stands for; 'window' is the hall's canvas as it is on screen */
export function sizeOf(id: ResolutionId): { width: number; height: number } {
  if (id === 'window') return requireCapture().viewSize()
  const [width, height] = id.split('x').map(Number) as [number, number]
  return { width, height }
}

/** The sizes an image or video can be saved at. */
export function ResolutionSelect(props: {
  label: string
  value: ResolutionId
  onChange(value: ResolutionId): void
}) {
  return (
    <label>
      Size{' '}
      <select
        aria-label={props.label}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as ResolutionId)}
      >
        {RESOLUTIONS.map((r) => (
          <option key={r.id} value={r.id}>
            {r.label}
          </option>
        ))}
      </select>
    </label>
  )
}

/** the frame rates a video can be saved at */
export const VIDEO_FPS = [24, 25, 30, 60] as const

export function FpsSelect(props: { label: string; value: number; onChange(fps: number): void }) {
  return (
    <label>
      fps{' '}
      <select
        aria-label={props.label}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
      >
        {VIDEO_FPS.map((f) => (
          <option key={f} value={f}>
            {f}
          </option>
        ))}
      </select>
    </label>
  )
}
