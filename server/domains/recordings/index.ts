import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { startPeriodicJob, type PeriodicJob } from '../../commands/periodic-job.ts'
import type { Config } from '../../config.ts'
import type { Ctx } from '../../http/context.ts'
import type { AnyRoute } from '../../http/route.ts'

/** 911 recordings: ingestion, playback, redaction, retention and the chain of custody. */
export const recordingRoutes: AnyRoute[] = []

export function registerRecordingBodies(_app: FastifyInstance, _config: Config): void {}

export function startRecordingRetention(options: {
  ctx: () => Ctx
  intervalMs: number
  log: Logger
}): PeriodicJob {
  return startPeriodicJob({
    name: 'recording retention',
    intervalMs: options.intervalMs,
    log: options.log,
    run: () => Promise.resolve(),
  })
}
