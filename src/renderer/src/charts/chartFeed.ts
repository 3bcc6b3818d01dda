import type { ChartData } from './series'

export type FeedChange = 'data' | 'marker'

/**
 * The charts' newest data and replay marker, outside React: the live history fills it on a
 * timer and a replay once per run, and each chart (made, remade on a theme change) takes what
 * is here at once and follows changes. No component re-renders for new data.
 */
export class ChartFeed {
  private data = new Map<string, ChartData>()
  xRange: [number, number] | null = null
  marker: number | null = null
  private readonly listeners = new Set<(change: FeedChange) => void>()

  get(chartId: string): ChartData | undefined {
    return this.data.get(chartId)
  }

  publish(data: Map<string, ChartData>, xRange: [number, number] | null): void {
    this.data = data
    this.xRange = xRange
    this.notify('data')
  }

  setMarker(x: number | null): void {
    if (x === this.marker) return
    this.marker = x
    this.notify('marker')
  }

  subscribe(listener: (change: FeedChange) => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private notify(change: FeedChange): void {
    for (const listener of this.listeners) listener(change)
  }
}
