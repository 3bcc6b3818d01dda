/** A minimal typed event source: listeners are called in order; a throwing listener is isolated. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>()

  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value)
      } catch (error) {
        console.error('twin: listener failed:', error)
      }
    }
  }

  clear(): void {
    this.listeners.clear()
  }

  get size(): number {
    return this.listeners.size
  }
}
