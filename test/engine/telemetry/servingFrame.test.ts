import { describe, expect, it } from 'vitest'
import { power } from '../../../src/engine/catalog/power'
import { planServing } from '../../../src/engine/serving/plan'
import { buildWorkload, createSimulation } from '../../../src/engine/serving/run'
import { ServingSimulation } from '../../../src/engine/serving/simulation'
import { devicePowerW } from '../../../src/engine/telemetry/devicePower'
import { getTopology } from '../../../src/engine/topology'
import { decodeFrame, DieRole, kpi, type FrameView } from '../../../src/shared/frame'
import { parseScenario } from '../../../src/shared/scenario'

// DeepSeek's H800 cluster with a decode instance of 64 GPUs (EP64, nodes 0-7), the prefill
// instance of 32 GPUs (nodes 8-11) and 64 GPUs idle (nodes 12-19)
const scenario = parseScenario({
  name: 'h800 telemetry',
  system: 'h800-deepseek',
  workload: {
    kind: 'synthetic',
    arrival: { kind: 'poisson', ratePerS: 40 },
    prompt: { kind: 'fixed', tokens: 2048 },
    output: { kind: 'fixed', tokens: 256 }
  },
  deployment: { decodeChips: 64 },
  durationS: 12
})
const topology = getTopology('h800-deepseek')

function framesOf(sim: ServingSimulation): FrameView[] {
  const frames: FrameView[] = []
  for (let f = sim.nextFrame(); f; f = sim.nextFrame()) frames.push(decodeFrame(f))
  return frames
}

const frames = framesOf(createSimulation(scenario, null))
const last = frames.at(-1)!
const range = (from: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => from + i)
const decodeGpus = range(0, 64)
const prefillGpus = range(64, 32)
const idleGpus = range(96, 64)
// links in topology order: NVLink (die-l1) per GPU, then RDMA per GPU, then VPC per node
const nvlink = (gpu: number): number => last.linkUtilization[gpu]!
const rdma = (gpu: number): number => last.linkUtilization[160 + gpu]!

describe('serving frames of an HGX cluster', () => {
  it('carry one figure per GPU, NVLink, NIC and node uplink, and no CPU section', () => {
    expect(last.counts).toMatchObject({ dies: 160, cpus: 0, links: 340 })
    expect(last.cpuUtilization.length).toBe(0)
    for (const f of frames) {
      expect(Array.from(f.linkUtilization).every(Number.isFinite)).toBe(true)
      expect(Array.from(f.dieCompute).every(Number.isFinite)).toBe(true)
    }
  })

  it('shows decode and prefill GPUs at work and the idle ones idle', () => {
    expect(decodeGpus.every((g) => last.dieRole[g] === DieRole.decode)).toBe(true)
    expect(prefillGpus.every((g) => last.dieRole[g] === DieRole.prefill)).toBe(true)
    expect(idleGpus.every((g) => last.dieRole[g] === DieRole.idle)).toBe(true)
    expect(Math.min(...decodeGpus.map((g) => last.dieCompute[g]!))).toBeGreaterThan(0)
    expect(Math.min(...decodeGpus.map((g) => last.dieHbmUsedGB[g]!))).toBeGreaterThan(0)
    expect(Math.min(...prefillGpus.map((g) => last.dieCompute[g]!))).toBeGreaterThan(0)
    for (const g of idleGpus) {
      expect(last.dieCompute[g]).toBe(0)
      expect(last.dieHbmUsedGB[g]).toBe(0)
      expect(nvlink(g)).toBe(0)
      expect(rdma(g)).toBe(0)
    }
    // every slot of the EP64 decode instance sits on a decode GPU
    expect(Array.from(last.slotDie).every((d) => d >= 0 && d < 64)).toBe(true)
  })

  it('sends decode expert traffic to other nodes through each GPU’s NIC, the rest over NVLink', () => {
    for (const g of decodeGpus) {
      expect(nvlink(g)).toBeGreaterThan(0)
      // EP64 on 8 nodes: 56 of a GPU's 63 peers are on other nodes, 7 on its own, so its NIC
      // carries 8x the bytes its NVLink link does, plus the KV caches arriving from prefill
      const nicBytes = rdma(g) * 50
      const nvlinkBytes = nvlink(g) * 200
      expect(nicBytes).toBeGreaterThan(8 * nvlinkBytes)
    }
    // the same for every decode GPU: their NVLink links carry the same intra-node bytes
    expect(new Set(decodeGpus.map(nvlink)).size).toBe(1)
  })

  it('sends prefill dispatch/combine over RDMA, forwarded inside nodes over NVLink', () => {
    for (const g of prefillGpus) {
      expect(rdma(g)).toBeGreaterThan(0)
      expect(nvlink(g)).toBeGreaterThan(0)
    }
    // requests and answers cross the front-end network of every node
    expect(last.linkUtilization[320]!).toBeGreaterThan(0)
  })

  it('sums power per GPU: idle GPUs at idle power, the total equal to the count without parts', () => {
    const spec = power['hgx-h800-cluster']
    const perGpu = Array.from(last.dieCompute, (u) => devicePowerW(spec, 1, u))
    expect(kpi(last, 'powerKW') * 1000).toBeCloseTo(
      perGpu.reduce((a, b) => a + b, 0),
      0
    )
    expect(perGpu[159]).toBeCloseTo(spec.allInPerChipW * spec.idleShare)

    // the same run without a topology (KPIs only) counts the same power: the per-GPU expert
    // loads average to the mean the KPI-only count uses, and power is linear in utilization
    const plan = planServing(scenario)
    const withoutParts = framesOf(
      new ServingSimulation({
        plan,
        workload: buildWorkload(scenario, null),
        durationS: scenario.durationS,
        sampleIntervalS: scenario.sampleIntervalS,
        seed: scenario.seed,
        faults: scenario.faults,
        topology: null
      })
    )
    expect(withoutParts.at(-1)!.counts.dies).toBe(0)
    withoutParts.forEach((f, i) => {
      expect(kpi(frames[i]!, 'powerKW')).toBeCloseTo(kpi(f, 'powerKW'), 3)
      expect(kpi(frames[i]!, 'outputTokensPerS')).toBe(kpi(f, 'outputTokensPerS'))
    })
  })

  it('lets a fault take a GPU out: it draws nothing and its decode rank is lost', () => {
    const sim = createSimulation(
      parseScenario({
        ...scenario,
        faults: [{ kind: 'npu-failure', atS: 4, npu: 'node-01.gpu-2' }]
      }),
      null
    )
    const after = framesOf(sim).at(-1)!
    expect(after.dieRole[10]).toBe(DieRole.failed)
    expect(after.dieCompute[10]).toBe(0)
    expect(sim.decode.aliveDevices).toBe(63)
  })

  it('slows the decode all-to-all when a decode GPU’s NIC is degraded, not when an idle one is', () => {
    const commScale = (link: string): number => {
      const sim = createSimulation(
        parseScenario({
          ...scenario,
          faults: [{ kind: 'link-degradation', atS: 2, link, bandwidthFraction: 0.2 }]
        }),
        null
      )
      framesOf(sim)
      return sim.decode.conditions.commScale ?? 1
    }
    expect(topology.links[160 + 5]!.id).toBe('node-00.gpu-5>rdma')
    expect(commScale('node-00.gpu-5>rdma')).toBeGreaterThan(1)
    expect(commScale('node-15.gpu-0>rdma')).toBe(1)
  })
})
