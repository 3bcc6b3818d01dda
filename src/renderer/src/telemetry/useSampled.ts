import { useEffect, useRef, useState } from 'react'
import type { FrameView } from '../../../shared/frame'
import type { TelemetryStore } from './telemetryStore'

/**
 * How often panels look at the telemetry: four times a second reads as live, and costs a
 * handful of React renders a second however fast frames arrive.
 */
export const PANEL_REFRESH_MS = 250

/**
 * A value read from outside React (the telemetry store) on a timer rather than per frame.
 * React skips the render when the read returns the same value (Object.is) as last time.
 */
export function useSampled<T>(read: () => T, intervalMs = PANEL_REFRESH_MS): T {
  const readRef = useRef(read)
  const [value, setValue] = useState(read)
  useEffect(() => {
    readRef.current = read
  })
  useEffect(() => {
    const timer = setInterval(() => setValue(() => readRef.current()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return value
}

/** The newest frame, sampled; the same FrameView object until a newer one arrives. */
export function useLatestFrame(telemetry: TelemetryStore | null): FrameView | null {
  return useSampled(() => telemetry?.latest ?? null)
}
