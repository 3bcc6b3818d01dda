import { describe, expect, it } from 'vitest'

// The jsdom project runs in Node but is typed for the web, and Vite hands it CSS as empty
// strings: so node:fs by a name the type checker does not resolve, the path from the
// repository root vitest runs in.
const fsModule = 'node:fs'
const { readFileSync } = (await import(/* @vite-ignore */ fsModule)) as {
  readFileSync(path: string, encoding: 'utf8'): string
}
const css = readFileSync('src/renderer/src/styles.css', 'utf8')

/**
 * WCAG 2.x contrast of the themes' text colours on the backgrounds they are used on, read from
 * styles.css itself, so a colour edited there is checked here. AA asks 4.5:1 for text.
 */

type Rgba = [number, number, number, number]

function themeTokens(theme: 'dark' | 'light'): Record<string, Rgba> {
  const block = new RegExp(`:root\\[data-theme='${theme}'\\]\\s*\\{([^}]*)\\}`).exec(css)
  if (!block) throw new Error(`styles.css has no :root[data-theme='${theme}'] block`)
  const tokens: Record<string, Rgba> = {}
  for (const [, name, value] of block[1]!.matchAll(/--([\w-]+):\s*([^;]+);/g)) {
    const colour = parseColour(value!.trim())
    if (colour) tokens[name!] = colour
  }
  return tokens
}

function parseColour(value: string): Rgba | null {
  const hex = /^#([0-9a-f]{6})$/i.exec(value)
  if (hex) {
    const n = parseInt(hex[1]!, 16)
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 1]
  }
  const rgba = /^rgba?\(([^)]+)\)$/.exec(value)
  if (rgba) {
    const [r, g, b, a = 1] = rgba[1]!.split(',').map(Number)
    return [r!, g!, b!, a]
  }
  return null
}

/** a translucent colour as seen over `under` */
function over([r, g, b, a]: Rgba, under: Rgba): Rgba {
  return [r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a), 1]
}

function luminance([r, g, b]: Rgba): number {
  const channel = (c: number): number => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

export function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

const TEXT = ['text', 'muted', 'accent', 'ok', 'warn', 'bad']
const BACKGROUNDS = [
  'bg',
  'surface',
  'panel',
  'bar',
  'control',
  'control-hover',
  'pressed',
  'replay-bg'
]

describe.each(['dark', 'light'] as const)('the %s theme', (theme) => {
  const tokens = themeTokens(theme)
  const colour = (name: string): Rgba => {
    const value = tokens[name]
    if (!value) throw new Error(`--${name} is not defined in the ${theme} theme`)
    // translucent panels float over the hall, whose floor is the page background
    return value[3] < 1 ? over(value, tokens.bg!) : value
  }

  it.each(TEXT.flatMap((text) => BACKGROUNDS.map((bg) => [text, bg])))(
    'text in --%s on --%s meets AA (4.5:1)',
    (text, bg) => {
      expect(contrast(colour(text!), colour(bg!))).toBeGreaterThanOrEqual(4.5)
    }
  )

  it('the replay badge’s text on its colour meets AA', () => {
    expect(contrast(colour('on-warn'), colour('warn'))).toBeGreaterThanOrEqual(4.5)
  })

  it('chart lines stand out from the chart background (3:1, as graphics)', () => {
    for (const line of ['series-1', 'series-2', 'series-3', 'series-4', 'slo']) {
      expect(contrast(colour(line), colour('surface'))).toBeGreaterThanOrEqual(3)
    }
  })
})

describe('the contrast check itself', () => {
  it('computes WCAG ratios: black on white is 21, a colour on itself 1', () => {
    expect(contrast([0, 0, 0, 1], [255, 255, 255, 1])).toBeCloseTo(21, 5)
    expect(contrast([118, 118, 118, 1], [255, 255, 255, 1])).toBeCloseTo(4.54, 2)
    expect(contrast([40, 50, 60, 1], [40, 50, 60, 1])).toBe(1)
  })
})
