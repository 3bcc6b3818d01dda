import type {
  InstancedBufferAttribute,
  WebGLProgramParametersWithUniforms,
  WebGLRenderer
} from 'three'
import { ShaderLib } from 'three'
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js'
import { describe, expect, it } from 'vitest'
import { getTopology } from '../../../src/engine/topology'
import { createFrame } from '../../../src/shared/frame'
import { createHallObjects, paintTelemetry } from '../../../src/renderer/src/scene/hallObjects'
import {
  LinkFlow,
  MAX_SPEED,
  MIN_SPEED,
  flowMaterial,
  flowSpeed
} from '../../../src/renderer/src/scene/linkMotion'

describe('link traffic motion', () => {
  it('runs faster the busier a link, and not at all without traffic or data', () => {
    expect(flowSpeed(0)).toBe(0)
    expect(flowSpeed(Number.NaN)).toBe(0)
    expect(flowSpeed(0.01)).toBeGreaterThanOrEqual(MIN_SPEED)
    expect(flowSpeed(1)).toBe(MAX_SPEED)
    expect(flowSpeed(2.5)).toBe(MAX_SPEED)
    for (let u = 0.05; u < 1; u += 0.05) expect(flowSpeed(u + 0.05)).toBeGreaterThan(flowSpeed(u))
  })

  it('writes each drawn segment its own speed, none without a frame', () => {
    const flow = new LinkFlow(3)
    flow.update(new Float32Array([1, 0, Number.NaN]), 0)
    expect([...flow.segmentFlow]).toEqual([MAX_SPEED, 0, 0, 0, 0, 0])
    flow.update(null, 0.1)
    expect(flow.segmentFlow[0]).toBe(0)
  })

  it('carries each phase forward at the old speed, so a new frame never makes pulses jump', () => {
    const flow = new LinkFlow(1)
    flow.update([0.5], 0)
    const speed = flowSpeed(0.5)
    // 0.3 s of animation later a frame with other figures arrives
    flow.update([0.9], 0.3)
    const [newSpeed, phase] = flow.segmentFlow
    expect(newSpeed).toBeCloseTo(flowSpeed(0.9), 5)
    // what the shader drew just before the update (phase 0 + 0.3 s at the old speed) equals
    // what it draws just after it (the new phase, no time yet at the new speed)
    const before = 0.3 * speed
    expect(phase).toBeCloseTo(before - Math.floor(before), 5)
    // phases stay in 0..1 however long it runs
    for (let i = 0; i < 50; i++) flow.update([0.9], 1.7)
    expect(flow.segmentFlow[1]).toBeGreaterThanOrEqual(0)
    expect(flow.segmentFlow[1]).toBeLessThan(1)
  })

  it('patches the line shader where three still has the places it hooks into', () => {
    const uniforms = { flowTime: { value: 0.5 }, flowOn: { value: 1 } }
    const material = flowMaterial(1.2, uniforms)
    const shader = {
      uniforms: {},
      vertexShader: ShaderLib.line!.vertexShader,
      fragmentShader: ShaderLib.line!.fragmentShader
    } as unknown as WebGLProgramParametersWithUniforms
    material.onBeforeCompile(shader, {} as WebGLRenderer)
    expect(shader.vertexShader).toMatch(/attribute vec2 instanceFlow;[\s\S]*vFlowPhase = /)
    expect(shader.fragmentShader).toMatch(/varying float vFlowPhase;[\s\S]*fract\(vFlowPhase\)/)
    expect(shader.uniforms.flowTime).toBe(uniforms.flowTime)
    // the patched program must not be shared with plain fat lines (the selection outline)
    expect(material.customProgramCacheKey()).not.toBe(new LineMaterial().customProgramCacheKey())
  })

  it('updates pulse speeds with each painted frame, in both link families', () => {
    const topology = getTopology('cloudmatrix384')
    const hall = createHallObjects(topology)
    const frame = createFrame(0, 1, {
      dies: topology.dies.length,
      cpus: topology.cpus.length,
      links: topology.links.length
    })
    frame.linkUtilization.fill(1)
    const attribute = hall.ubLinks.geometry.getAttribute('instanceFlow') as InstancedBufferAttribute
    const version = attribute.version
    paintTelemetry(hall, frame, undefined, 0.2)
    expect(attribute.version).toBeGreaterThan(version)
    expect(attribute.array[0]).toBe(MAX_SPEED)
    const uplink = hall.uplinks.geometry.getAttribute('instanceFlow') as InstancedBufferAttribute
    expect(uplink.array[0]).toBe(MAX_SPEED)
    expect(hall.flow.uniforms.flowTime.value).toBe(0)
    paintTelemetry(hall, null)
    expect(attribute.array[0]).toBe(0)
  })
})
