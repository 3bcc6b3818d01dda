// Benchmark: how long one performance-model evaluation takes inside the engine. The serving
// simulation calls it for every step, so the target is well under 1 ms. Prints figures; it does
// not assert (these machines are shared and noisy).
import { estimate, type EstimateRequest } from '../src/engine/perf'
import { SETUP_IDS } from '../src/engine/catalog/deployments'

function measure(label: string, make: (i: number) => EstimateRequest, iterations = 3000): void {
  for (let i = 0; i < 200; i++) estimate(make(i)) // warm up the JIT and the expert-draw cache
  const samples = new Float64Array(iterations)
  for (let i = 0; i < iterations; i++) {
    const start = performance.now()
    estimate(make(i))
    samples[i] = performance.now() - start
  }
  samples.sort()
  const mean = samples.reduce((a, b) => a + b, 0) / iterations
  const pct = (p: number): number => samples[Math.min(iterations - 1, Math.floor(p * iterations))]!
  const us = (ms: number): string => `${(ms * 1000).toFixed(1)} us`
  console.log(
    `${label.padEnd(34)} mean ${us(mean)}  p50 ${us(pct(0.5))}  p99 ${us(pct(0.99))}  max ${us(samples[iterations - 1]!)}`
  )
}

console.log(`one estimate() evaluation, ${SETUP_IDS.length} systems (target: well under 1 ms)`)
for (const setup of SETUP_IDS) {
  measure(`${setup} decode (varying batch, KV)`, (i) => ({
    setup,
    phase: 'decode',
    batchPerChip: 1 + (i % 256),
    kvTokens: 512 + ((i * 97) % 32000)
  }))
  measure(`${setup} prefill (varying prompt)`, (i) => ({
    setup,
    phase: 'prefill',
    promptTokens: 256 + ((i * 131) % 16000)
  }))
}
