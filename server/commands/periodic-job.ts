import type { Logger } from 'pino'

export interface PeriodicJob {
  /** Stops the timer and waits for a run in progress, so nothing touches the database after. */
  stop(): Promise<void>
}

/**
 * Runs `run` every `intervalMs`; a run still going when the next is due is not doubled, and a
 * failure is logged, not thrown: the next tick tries again.
 */
export function startPeriodicJob(options: {
  name: string
  intervalMs: number
  log: Logger
  run: () => Promise<unknown>
}): PeriodicJob {
  let running: Promise<void> | null = null
  const timer = setInterval(() => {
    if (running) return
    running = options
      .run()
      .then(() => undefined)
      .catch((error: unknown) => options.log.warn({ err: error }, `${options.name} failed`))
      .finally(() => {
        running = null
      })
  }, options.intervalMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}
