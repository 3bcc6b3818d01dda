/** A FIFO of integers (request ids) on a growable ring buffer: no per-item allocation. */
export class IntQueue {
  private items = new Int32Array(64)
  private head = 0
  private count = 0

  get length(): number {
    return this.count
  }

  push(value: number): void {
    if (this.count === this.items.length) {
      const grown = new Int32Array(this.items.length * 2)
      for (let i = 0; i < this.count; i++)
        grown[i] = this.items[(this.head + i) % this.items.length]!
      this.items = grown
      this.head = 0
    }
    this.items[(this.head + this.count) % this.items.length] = value
    this.count++
  }

  peek(): number {
    if (this.count === 0) throw new Error('peek on an empty queue')
    return this.items[this.head]!
  }

  shift(): number {
    const value = this.peek()
    this.head = (this.head + 1) % this.items.length
    this.count--
    return value
  }

  /** removes and returns everything, oldest first */
  drain(): number[] {
    const out: number[] = []
    while (this.count > 0) out.push(this.shift())
    return out
  }
}

/** A min-heap of (key, value) integer pairs; ties pop in insertion order, for determinism. */
export class IntPairHeap {
  private keys = new Float64Array(64)
  private values = new Int32Array(64)
  private order = new Float64Array(64)
  private size = 0
  private inserted = 0

  get length(): number {
    return this.size
  }

  push(key: number, value: number): void {
    if (this.size === this.keys.length) this.grow()
    let i = this.size++
    this.keys[i] = key
    this.values[i] = value
    this.order[i] = this.inserted++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(i, parent)) break
      this.swap(i, parent)
      i = parent
    }
  }

  peekKey(): number {
    return this.size > 0 ? this.keys[0]! : Infinity
  }

  peekValue(): number {
    if (this.size === 0) throw new Error('peek on an empty heap')
    return this.values[0]!
  }

  pop(): number {
    const value = this.peekValue()
    this.size--
    if (this.size > 0) {
      this.keys[0] = this.keys[this.size]!
      this.values[0] = this.values[this.size]!
      this.order[0] = this.order[this.size]!
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let smallest = i
        if (left < this.size && this.less(left, smallest)) smallest = left
        if (right < this.size && this.less(right, smallest)) smallest = right
        if (smallest === i) break
        this.swap(i, smallest)
        i = smallest
      }
    }
    return value
  }

  /** values in storage order (for bulk decisions such as aborting a failed device's share) */
  valuesSnapshot(): number[] {
    return Array.from(this.values.subarray(0, this.size))
  }

  private less(a: number, b: number): boolean {
    return (
      this.keys[a]! < this.keys[b]! ||
      (this.keys[a] === this.keys[b] && this.order[a]! < this.order[b]!)
    )
  }

  private swap(a: number, b: number): void {
    ;[this.keys[a], this.keys[b]] = [this.keys[b]!, this.keys[a]!]
    ;[this.values[a], this.values[b]] = [this.values[b]!, this.values[a]!]
    ;[this.order[a], this.order[b]] = [this.order[b]!, this.order[a]!]
  }

  private grow(): void {
    const n = this.keys.length * 2
    const keys = new Float64Array(n)
    const values = new Int32Array(n)
    const order = new Float64Array(n)
    keys.set(this.keys)
    values.set(this.values)
    order.set(this.order)
    this.keys = keys
    this.values = values
    this.order = order
  }
}
