import './dropOverlay.css'
import { DROP_HINT } from './useFileDrop'

/**
 * Covers the window while a file is dragged over it, saying what a drop does. The live region
 * is always there (empty when idle), so screen readers announce the hint when it appears; it
 * takes no pointer events, so the drag still reaches the window beneath.
 */
export function DropOverlay({ active }: { active: boolean }) {
  return (
    <div
      className={`drop-overlay${active ? ' drop-overlay--active' : ''}`}
      aria-live="polite"
      aria-atomic="true"
      data-testid="drop-overlay"
    >
      {active && <p className="drop-overlay__hint">{DROP_HINT}</p>}
    </div>
  )
}
