/**
 * Present mode's caption card and KPI callout, drawn into a tour video's frames. The capture
 * hands back a 2D canvas holding the hall's picture, so the overlay is burnt in there, after
 * the capture, in the theme's colours and the page's font, laid out as present.css lays it out
 * on a 1080-pixel-high screen and scaled with the video.
 */
export interface TourOverlay {
  /** "tour name · step 2 of 7" */
  progress: string
  caption: string
  /** the step's problem (its run cannot be shown), as present mode says it; null when none */
  message: string | null
  kpi: { label: string; text: string; unit: string }
}

/**
 * Splits `text` into lines no wider than `maxWidth` by `measure`, at spaces; a word wider than
 * a line gets a line of its own rather than being cut.
 */
export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const wider = line ? `${line} ${word}` : word
      if (line && measure(wider) > maxWidth) {
        lines.push(line)
        line = word
      } else {
        line = wider
      }
    }
    lines.push(line)
  }
  return lines
}

/** the theme's colours as present.css uses them, read from the page */
function themeColours(): Record<'panel' | 'border' | 'text' | 'muted' | 'warn', string> {
  const style = getComputedStyle(document.documentElement)
  const read = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback
  return {
    panel: read('--panel', 'rgba(18, 22, 29, 0.92)'),
    border: read('--border', '#2a313c'),
    text: read('--text', '#e3e8ef'),
    muted: read('--muted', '#9aa5b3'),
    warn: read('--warn', '#f2b84b')
  }
}

type Colours = ReturnType<typeof themeColours>

/** a panel as present.css draws one: the theme's panel colour, its border, rounded corners */
function card(
  ctx: CanvasRenderingContext2D,
  colours: Colours,
  box: { x: number; y: number; w: number; h: number },
  s: number
): void {
  ctx.beginPath()
  ctx.roundRect(box.x, box.y, box.w, box.h, 8 * s)
  ctx.fillStyle = colours.panel
  ctx.fill()
  ctx.lineWidth = Math.max(1, s)
  ctx.strokeStyle = colours.border
  ctx.stroke()
}

/** Draws the KPI callout (top right) and the caption card (bottom left) onto `canvas`. */
export function drawTourOverlay(canvas: HTMLCanvasElement, overlay: TourOverlay): void {
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('no 2D canvas context to draw the caption on')
  const { width, height } = canvas
  const s = height / 1080
  const font = getComputedStyle(document.documentElement).fontFamily || 'sans-serif'
  const colours = themeColours()
  const margin = 32 * s
  ctx.save()
  ctx.textBaseline = 'top'

  // the KPI: label over a big value and its unit, right-aligned
  const { label, text, unit } = overlay.kpi
  ctx.font = `600 ${56 * s}px ${font}`
  const valueWidth = ctx.measureText(text).width
  ctx.font = `400 ${20 * s}px ${font}`
  const unitText = unit ? ` ${unit}` : ''
  const unitWidth = unitText ? ctx.measureText(unitText).width : 0
  ctx.font = `400 ${15 * s}px ${font}`
  const labelWidth = ctx.measureText(label).width
  const kpiWidth = Math.max(220 * s, valueWidth + unitWidth, labelWidth) + 44 * s
  const kpiHeight = (14 + 18 + 62 + 14) * s
  const kpiX = width - margin - kpiWidth
  card(ctx, colours, { x: kpiX, y: margin, w: kpiWidth, h: kpiHeight }, s)
  const right = width - margin - 22 * s
  ctx.textAlign = 'right'
  ctx.fillStyle = colours.muted
  ctx.fillText(label, right, margin + 14 * s)
  if (unitText) {
    ctx.font = `400 ${20 * s}px ${font}`
    ctx.fillText(unitText, right, margin + (14 + 18 + 30) * s)
  }
  ctx.font = `600 ${56 * s}px ${font}`
  ctx.fillStyle = colours.text
  ctx.fillText(text, right - unitWidth, margin + (14 + 18) * s)

  // the caption card: progress, caption, and the step's problem when it has one
  ctx.textAlign = 'left'
  const pad = { x: 20 * s, y: 16 * s }
  const cardWidth = Math.min(720 * s, width * 0.6)
  const inner = cardWidth - 2 * pad.x
  const captionLine = 20 * 1.4 * s
  const messageLine = 14 * 1.4 * s
  ctx.font = `400 ${20 * s}px ${font}`
  const captionLines = wrapText(overlay.caption, inner, (t) => ctx.measureText(t).width)
  ctx.font = `400 ${14 * s}px ${font}`
  const messageLines = overlay.message
    ? wrapText(overlay.message, inner, (t) => ctx.measureText(t).width)
    : []
  const cardHeight =
    2 * pad.y +
    (13 + 6) * s +
    captionLines.length * captionLine +
    (messageLines.length ? 10 * s + messageLines.length * messageLine : 0)
  const cardX = margin
  const cardY = height - margin - cardHeight
  card(ctx, colours, { x: cardX, y: cardY, w: cardWidth, h: cardHeight }, s)
  let y = cardY + pad.y
  ctx.font = `400 ${13 * s}px ${font}`
  ctx.fillStyle = colours.muted
  ctx.fillText(overlay.progress, cardX + pad.x, y)
  y += (13 + 6) * s
  ctx.font = `400 ${20 * s}px ${font}`
  ctx.fillStyle = colours.text
  for (const line of captionLines) {
    ctx.fillText(line, cardX + pad.x, y + (captionLine - 20 * s) / 2)
    y += captionLine
  }
  if (messageLines.length) {
    y += 10 * s
    ctx.font = `400 ${14 * s}px ${font}`
    ctx.fillStyle = colours.warn
    for (const line of messageLines) {
      ctx.fillText(line, cardX + pad.x, y + (messageLine - 14 * s) / 2)
      y += messageLine
    }
  }
  ctx.restore()
}
