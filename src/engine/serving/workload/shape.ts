import type { ServingRequest } from './types'

export interface ShapeOptions {
  /** load multiplier: inter-arrival times are divided by it (2 = twice the requests per second) */
  rateScale?: number
  /** start of the window, on the scaled clock, in seconds */
  startS?: number
  /** length of the window, on the scaled clock, in seconds; Infinity keeps the rest */
  durationS?: number
}

/**
 * Turns a trace into the workload to run: scales its arrival rate, since real samples carry far
 * less load than a supernode serves, and cuts the window [startS, startS + durationS). Arrivals
 * are re-based to 0 at startS and ids renumbered in the input's (arrival) order; the input is
 * left untouched.
 */
export function shapeWorkload(
  requests: readonly ServingRequest[],
  options: ShapeOptions = {}
): ServingRequest[] {
  const { rateScale = 1, startS = 0, durationS = Infinity } = options
  if (!(rateScale > 0 && Number.isFinite(rateScale))) {
    throw new RangeError(
      `shapeWorkload: rateScale must be a positive finite number, got ${rateScale}`
    )
  }
  if (!(startS >= 0 && Number.isFinite(startS))) {
    throw new RangeError(`shapeWorkload: startS must be a finite number >= 0, got ${startS}`)
  }
  if (!(durationS >= 0)) {
    throw new RangeError(
      `shapeWorkload: durationS must be >= 0 (Infinity for all), got ${durationS}`
    )
  }
  const endS = startS + durationS
  const shaped: ServingRequest[] = []
  for (const request of requests) {
    // Dividing every arrival by the scale divides every gap by it, the first one included.
    const scaledS = request.arrivalS / rateScale
    if (scaledS < startS || scaledS >= endS) continue
    shaped.push({ ...request, id: shaped.length, arrivalS: scaledS - startS })
  }
  return shaped
}
