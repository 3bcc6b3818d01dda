import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RESOURCES_DIR } from '../../src/cli/resources'
import { builtInTours } from '../../src/main/services/tourApi'
import { KPI_NAMES } from '../../src/shared/frame'
import { parseTour, TourError } from '../../src/shared/tour'

const step = (fields: Record<string, unknown> = {}) => ({
  camera: { preset: 'hall' },
  caption: 'The hall.',
  metric: 'compute',
  kpi: 'outputTokensPerS',
  ...fields
})

/** the field a bad tour is refused at, and its message */
function refusal(value: unknown): { field: string; message: string } {
  try {
    parseTour(value, 'my-tour.json')
  } catch (error) {
    expect(error).toBeInstanceOf(TourError)
    return { field: (error as TourError).field, message: (error as Error).message }
  }
  throw new Error('the tour was accepted')
}

describe('tour schema', () => {
  it('accepts a good tour and fills in the defaults', () => {
    const tour = parseTour({ name: 'Mine', steps: [step(), step({ runId: 'r1', timeS: 30 })] }, 'x')
    expect(tour.description).toBe('')
    expect(tour.steps[0]!.camera.part).toBeNull()
    expect(tour.steps[1]).toMatchObject({ runId: 'r1', timeS: 30 })
  })

  it.each([
    [{ steps: [step()] }, 'name'],
    [{ name: 'T', steps: [] }, 'steps'],
    [{ name: 'T', steps: [step({ caption: '  ' })] }, 'steps.0.caption'],
    [{ name: 'T', steps: [step(), step({ kpi: 'tokensPerSecond' })] }, 'steps.1.kpi'],
    [{ name: 'T', steps: [step({ metric: 'temperature' })] }, 'steps.0.metric'],
    [
      {
        name: 'T',
        steps: [step({ camera: { preset: 'rack', part: { kind: 'rack', index: -1 } } })]
      },
      'steps.0.camera.part.index'
    ],
    [{ name: 'T', steps: [step({ camera: { preset: 'orbit' } })] }, 'steps.0.camera.preset'],
    [{ name: 'T', steps: [step({ timeS: -5 })] }, 'steps.0.timeS'],
    [{ name: 'T', steps: [step({ zoom: 2 })] }, 'steps.0.zoom']
  ])('refuses %j at %s, naming the file and the field', (value, field) => {
    const { field: at, message } = refusal(value)
    expect(at).toBe(field)
    expect(message).toContain(`my-tour.json: ${field}:`)
  })
})

describe('the built-in tour', () => {
  const [tour] = builtInTours(RESOURCES_DIR)

  it('validates and tells the story hall, network, a decode rack, a node, then KPIs', () => {
    expect(tour!.steps.length).toBeGreaterThanOrEqual(5)
    expect(tour!.steps.slice(0, 4).map((s) => s.camera.preset)).toEqual([
      'hall',
      'network',
      'rack',
      'node'
    ])
    for (const s of tour!.steps) expect(KPI_NAMES).toContain(s.kpi)
  })

  it("cites the paper's figures in its captions", () => {
    const text = tour!.steps.map((s) => s.caption).join(' ')
    for (const figure of ['384', '192', '16 racks', '6,688', '1,943', '50 ms', 'EP320', '160 NPUs'])
      expect(text).toContain(figure)
    expect(text).toContain('[CM]')
  })

  it('is plain JSON in resources/tours', () => {
    const raw = JSON.parse(
      readFileSync(`${RESOURCES_DIR}/tours/cloudmatrix384-story.json`, 'utf8')
    ) as { name: string }
    expect(raw.name).toBe(tour!.name)
  })
})
