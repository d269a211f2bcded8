/**
 * Gathers writes for a few milliseconds and makes them in one statement: a blast's hundreds of
 * outcomes a second become a few commits a second, so the disk's flushes stay free for the
 * dispatch floor's commands. Each caller's promise settles when its batch is committed, so
 * nothing that follows a write (completing the job) can run before it.
 */
export class BatchedWrites<T> {
  private pending: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = []
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly delayMs = 25,
    private readonly maxItems = 500,
  ) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject })
      if (this.pending.length >= this.maxItems) void this.flush()
      else this.timer ??= setTimeout(() => void this.flush(), this.delayMs)
    })
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const batch = this.pending
    this.pending = []
    if (batch.length === 0) return
    try {
      await this.write(batch.map((entry) => entry.item))
      for (const entry of batch) entry.resolve()
    } catch (error) {
      for (const entry of batch) entry.reject(error)
    }
  }
}
