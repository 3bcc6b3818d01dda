import type { PartInfo } from './partInfo'

/** room kept between the tooltip and the canvas's right edge before it flips left, px */
const FLIP_MARGIN = 260

/**
 * The hover tooltip: one DOM element moved and filled imperatively, so hovering and the
 * telemetry refreshing what it says never render React. The hall mounts `element`.
 */
export class Tooltip {
  readonly element: HTMLDivElement
  private readonly title: HTMLDivElement
  private readonly detail: HTMLDivElement
  visible = false

  constructor() {
    this.element = document.createElement('div')
    this.element.className = 'hall-tooltip'
    this.element.setAttribute('role', 'tooltip')
    this.title = this.element.appendChild(document.createElement('div'))
    this.title.className = 'hall-tooltip__title'
    this.detail = this.element.appendChild(document.createElement('div'))
    this.detail.className = 'hall-tooltip__detail'
    this.hide()
  }

  /** shows `info` next to the pointer at (x, y), canvas CSS pixels */
  show(info: PartInfo, x: number, y: number): void {
    this.update(info)
    const width = this.element.parentElement?.clientWidth ?? Infinity
    const left =
      x + FLIP_MARGIN > width ? `calc(${Math.round(x - 12)}px - 100%)` : `${Math.round(x + 14)}px`
    this.element.style.transform = `translate(${left}, ${Math.round(y + 16)}px)`
    this.element.style.visibility = 'visible'
    this.visible = true
  }

  /** new figures for the part already shown, where it is */
  update(info: PartInfo): void {
    if (this.title.textContent !== info.title) this.title.textContent = info.title
    if (this.detail.textContent !== info.detail) this.detail.textContent = info.detail
  }

  hide(): void {
    this.element.style.visibility = 'hidden'
    this.visible = false
  }
}
