import {
  InstancedBufferAttribute,
  DynamicDrawUsage,
  type WebGLProgramParametersWithUniforms
} from 'three'
import { LineMaterial } from 'three/examples/jsm/lines/LineMaterial.js'
import type { LineSegmentsGeometry } from 'three/examples/jsm/lines/LineSegmentsGeometry.js'
import type { LinkBundles } from './linkBundles'

/**
 * Traffic on the links as light pulses running along each cable, faster the busier the link.
 * Everything moves in the shader: per segment it gets where the segment lies along its cable
 * (static) and its speed and phase at the last repaint (written once per telemetry frame), and a uniform carries the time since that repaint. So the animation costs no
 * JavaScript per rendered frame, and each link family stays one draw call.
 *
 * Pulses are short and lighten the line (never darken it): most of a cable keeps its exact
 * legend colour, and a pulse cannot be mistaken for a lower utilization.
 */

/** pulses per metre of cable */
export const PULSES_PER_METRE = 2.5
/** pulse periods per second: a busy link runs, an idle one stands still */
export const MIN_SPEED = 0.25
export const MAX_SPEED = 2

/** Pulse speed of a link at `utilization` (0..1; NaN or 0: no traffic, no pulses). */
export function flowSpeed(utilization: number): number {
  if (!(utilization > 0.005)) return 0
  return MIN_SPEED + (MAX_SPEED - MIN_SPEED) * Math.min(1, utilization)
}

/**
 * Per drawn segment: pulse speed and phase. A new frame changes speeds; carrying each phase
 * forward at its old speed first keeps every pulse where it was on screen, so a repaint never
 * jumps.
 */
export class LinkFlow {
  /** per segment: speed, phase (the `instanceFlow` attribute's array) */
  readonly segmentFlow: Float32Array

  constructor(readonly segmentCount: number) {
    this.segmentFlow = new Float32Array(segmentCount * 2)
  }

  /**
   * `elapsedS`: animation time since the last update (what the shader has been adding).
   * `utilization` per drawn segment (its busiest link); null for no data.
   */
  update(utilization: ArrayLike<number> | null, elapsedS: number): void {
    const flow = this.segmentFlow
    for (let s = 0; s < this.segmentCount; s++) {
      const advanced = flow[s * 2 + 1]! + flow[s * 2]! * elapsedS
      flow[s * 2] = utilization ? flowSpeed(utilization[s]!) : 0
      flow[s * 2 + 1] = advanced - Math.floor(advanced)
    }
  }
}

export interface FlowUniforms {
  /** animation seconds since the last flow update */
  flowTime: { value: number }
  /** 1 shows pulses, 0 plain lines (reduced motion) */
  flowOn: { value: number }
}

/** A LineMaterial that draws the pulses; the uniforms are shared by every link family. */
export function flowMaterial(linewidth: number, uniforms: FlowUniforms): LineMaterial {
  const material = new LineMaterial({ vertexColors: true, linewidth })
  material.onBeforeCompile = (shader: WebGLProgramParametersWithUniforms) => {
    shader.uniforms.flowTime = uniforms.flowTime
    shader.uniforms.flowOn = uniforms.flowOn
    shader.vertexShader = shader.vertexShader
      .replace(
        'void main() {',
        `attribute vec2 instanceDistance;
attribute vec2 instanceFlow;
uniform float flowTime;
varying float vFlowPhase;
varying float vFlowOn;
void main() {`
      )
      .replace(
        '#include <fog_vertex>',
        `#include <fog_vertex>
float along = position.y < 0.5 ? instanceDistance.x : instanceDistance.y;
vFlowPhase = along * ${PULSES_PER_METRE.toFixed(3)} - instanceFlow.y - flowTime * instanceFlow.x;
vFlowOn = step(0.0001, instanceFlow.x);`
      )
    shader.fragmentShader = shader.fragmentShader
      .replace(
        'void main() {',
        `uniform float flowOn;
varying float vFlowPhase;
varying float vFlowOn;
void main() {`
      )
      .replace(
        '#include <color_fragment>',
        `#include <color_fragment>
float pulse = 1.0 - smoothstep(0.0, 0.22, fract(vFlowPhase));
diffuseColor.rgb = mix(diffuseColor.rgb, vec3(1.0), 0.5 * pulse * vFlowOn * flowOn);`
      )
  }
  // three caches programs by this key: the patched shader must not share the plain one's
  material.customProgramCacheKey = () => 'twin-link-flow-1'
  return material
}

/** Adds the static distances and the dynamic flow attribute to a link family's geometry. */
export function attachFlow(geometry: LineSegmentsGeometry, bundles: LinkBundles, flow: LinkFlow) {
  geometry.setAttribute('instanceDistance', new InstancedBufferAttribute(bundles.distances, 2))
  const attribute = new InstancedBufferAttribute(flow.segmentFlow, 2)
  attribute.setUsage(DynamicDrawUsage)
  geometry.setAttribute('instanceFlow', attribute)
  return attribute
}
