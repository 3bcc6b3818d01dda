import type { Cited } from './sources'

/** Properties of the requests themselves that the hardware model needs. */
export interface WorkloadTraits {
  /**
   * Spread of a request's preference for experts: each request weights the routed experts of a
   * layer by exp(sigma * z), z standard normal. A batch of n requests then loads expert e with
   * relative deviation of variance (exp(sigma^2) - 1) / n on top of token-count noise. This is
   * what makes a static expert placement fall behind on real batches.
   */
  expertAffinitySigma: number
}

export const workloadTraits: Cited<WorkloadTraits> = {
  expertAffinitySigma: 1.7,
  sources: {
    expertAffinitySigma:
      "calibrated: the one fitted number of the performance model, set so that [CM]'s default-balancer prefill point (5,655 tokens/s per NPU against 6,688 with perfect balance) comes out of the balancer mechanism; no public measurement of per-request expert affinity was found"
  }
}
