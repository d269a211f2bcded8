import { randomUUID } from 'node:crypto'
import path from 'node:path'
import cookie from '@fastify/cookie'
import websocket from '@fastify/websocket'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import pino, { type Logger } from 'pino'
import { z } from 'zod'
import type { Config } from './config.ts'
import type { DatabaseHandle } from './db/database.ts'
import { auditRoutes, sealAuditChain } from './domains/audit/index.ts'
import { callRoutes } from './domains/calls/index.ts'
import { geographyRoutes } from './domains/geography/index.ts'
import { incidentRoutes } from './domains/incidents/index.ts'
import { messagingRoutes, startOutboxDelivery } from './domains/messaging/index.ts'
import { residentRoutes } from './domains/residents/index.ts'
import { disabilityRegistryRoutes } from './domains/disability-registry/index.ts'
import {
  registerPhotoBodies,
  safetyProfileRoutes,
  startProfileReminders,
} from './domains/safety-profiles/index.ts'
import { listOpenSessions, staffRoutes } from './domains/staff/index.ts'
import {
  recordingRoutes,
  registerRecordingBodies,
  startDemoRecorder,
  startRecordingRetention,
} from './domains/recordings/index.ts'
import { recordsRequestRoutes } from './domains/records-requests/index.ts'
import { alertSubscriberRoutes, registerAlertForms } from './domains/alert-subscribers/index.ts'
import { alertRoutes, listSendingAlertIds, markAlertSent } from './domains/alerts/index.ts'
import {
  alertDeliveryRoutes,
  loadAlertContent,
  type AlertDelivery,
  startAlertDelivery,
} from './domains/alert-delivery/index.ts'
import { supervisionRoutes } from './domains/supervision/index.ts'
import { startUnitTimerScanner, unitRoutes } from './domains/units/index.ts'
import { CommitNotifier } from './events/commit-notifier.ts'
import { LiveHub } from './events/live-hub.ts'
import { registerLiveRoute } from './events/live.routes.ts'
import { LogFollower } from './events/log-follower.ts'
import { registerAuth } from './http/auth.ts'
import { registerConsoleFiles } from './http/console-files.ts'
import type { Ctx } from './http/context.ts'
import { registerErrorHandlers } from './http/error-handler.ts'
import { buildOpenApi } from './http/openapi.ts'
import { startTelephony, type Telephony } from './telephony/ng911-ingress.ts'
import { registerRoutes, route, type AnyRoute } from './http/route.ts'

export const VERSION = '0.1.0'
const SESSION_SWEEP_MS = 30_000
const AUDIT_SEAL_MS = 1_000
const PROFILE_REMINDER_MS = 10 * 60_000

export interface Platform {
  app: FastifyInstance
  hub: LiveHub
  follower: LogFollower
  /** The NG911 SIP ingress, when it is on (`config.sip.enabled`). */
  telephony: Telephony | null
  /** Mass notification's jobs and, on the lease holder, its throttled senders. */
  alertDelivery: AlertDelivery
  nodeId: string
  /** A context for work the platform does itself (demo data, jobs), with no actor. */
  systemCtx(): Ctx
  /** Closes the consoles of sessions that ended or went idle (also run on a timer). */
  sweepSessions(): Promise<void>
  close(): Promise<void>
}

export interface PlatformOptions {
  config: Config
  database: DatabaseHandle
  logger?: Logger
  /** The clock; tests move it to cross time-outs. */
  now?: () => Date
}

/** Builds the HTTP app and the live stream on an open, migrated database. */
export async function buildPlatform(options: PlatformOptions): Promise<Platform> {
  const { config, database } = options
  const logger = options.logger ?? pino({ level: config.logLevel })
  const now = options.now ?? (() => new Date())
  const nodeId = randomUUID()

  const follower = new LogFollower(database.db, logger)
  const notifier = new CommitNotifier(database, follower, nodeId, config.signalTickMs, logger)
  const hub = new LiveHub(database.db, follower, logger)
  const baseCtx = () => ({ db: database.db, now, config, commits: notifier })
  const systemCtx = (): Ctx => ({ ...baseCtx(), actor: null, requestId: `system-${randomUUID()}` })

  const fastifyLogger: FastifyBaseLogger = logger
  const app = Fastify({
    loggerInstance: fastifyLogger,
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    // One line per request, written below at a level that follows the outcome.
    logController: new LogController({ disableRequestLogging: true }),
  })
  await app.register(cookie)
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } })
  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode
    const level = status >= 500 ? 'error' : status >= 400 ? 'info' : 'debug'
    request.log[level](
      { method: request.method, url: request.url, status, ms: Math.round(reply.elapsedTime) },
      'request',
    )
    await Promise.resolve()
  })
  registerAuth(app, baseCtx)
  registerErrorHandlers(app)
  registerPhotoBodies(app, config)
  registerRecordingBodies(app, config)
  registerAlertForms(app)

  const routes: AnyRoute[] = [
    ...platformRoutes(database, nodeId),
    ...staffRoutes,
    ...auditRoutes,
    ...callRoutes,
    ...geographyRoutes,
    ...incidentRoutes,
    ...unitRoutes,
    ...supervisionRoutes,
    ...residentRoutes,
    ...safetyProfileRoutes,
    ...messagingRoutes,
    ...disabilityRegistryRoutes,
    ...recordingRoutes,
    ...recordsRequestRoutes,
    ...alertSubscriberRoutes,
    ...alertRoutes,
    ...alertDeliveryRoutes,
  ]
  const openApi = buildOpenApi(routes, VERSION)
  registerRoutes(app, [
    ...routes,
    route({
      method: 'GET',
      url: '/api/openapi.json',
      summary: 'This document',
      tag: 'platform',
      access: 'public',
      handle: () => Promise.resolve(openApi),
    }),
  ])
  registerLiveRoute(app, hub)
  await registerConsoleFiles(app)
  app.get('/', (_request, reply) => reply.type('text/html').send(LANDING_PAGE))

  await follower.start()
  await notifier.listen()
  const telephony = config.sip.enabled
    ? await startTelephony({
        settings: config.sip,
        workDir: path.join(config.recordings.dir, '.calls-in-progress'),
        nodeId,
        centerDomain: config.centerDomain,
        ctx: systemCtx,
        follower,
        log: logger,
      })
    : null
  const sweepSessions = async () => {
    const ids = hub.sessionIds()
    if (ids.length === 0) return
    const open = await listOpenSessions(systemCtx(), ids)
    hub.disconnectSessions((id) => open.has(id))
  }
  const sweeper = setInterval(() => {
    sweepSessions().catch((error: unknown) => logger.warn({ err: error }, 'session sweep failed'))
  }, SESSION_SWEEP_MS)
  sweeper.unref()
  // Background work in flight, awaited on close so nothing touches the database after it.
  let sealing: Promise<unknown> = Promise.resolve()
  const sealer = setInterval(() => {
    sealing = sealAuditChain(database.db).catch((error: unknown) =>
      logger.warn({ err: error }, 'audit sealing failed'),
    )
  }, AUDIT_SEAL_MS)
  sealer.unref()
  const timerScanner = startUnitTimerScanner({
    ctx: systemCtx,
    intervalMs: config.timerScanMs,
    log: logger,
  })

  const profileReminders = startProfileReminders({
    ctx: systemCtx,
    intervalMs: PROFILE_REMINDER_MS,
    log: logger,
  })
  const outboxDelivery = config.messageProvider
    ? startOutboxDelivery({
        ctx: systemCtx,
        provider: config.messageProvider,
        intervalMs: config.outboxDeliveryMs,
        log: logger,
      })
    : null
  const recordingRetention = startRecordingRetention({
    ctx: systemCtx,
    intervalMs: config.recordings.sweepMs,
    log: logger,
  })
  // Always started: a send queues pg-boss jobs on any node; only the lease holder sends them.
  const alertDelivery = await startAlertDelivery({
    ctx: systemCtx,
    settings: config.alerts,
    provider: config.messageProvider,
    nodeId,
    log: logger,
    loadAlert: loadAlertContent,
    onAlertDrained: markAlertSent,
    sendingAlerts: listSendingAlertIds,
  })
  // Not on test platforms: their calls must not grow recordings on their own.
  const demoRecorder = startDemoRecorder({
    ctx: systemCtx,
    enabled: config.loadDemo && config.env !== 'test',
    log: logger,
  })

  return {
    app,
    hub,
    follower,
    telephony,
    alertDelivery,
    nodeId,
    systemCtx,
    sweepSessions,
    async close() {
      clearInterval(sweeper)
      clearInterval(sealer)
      await timerScanner.stop()
      await profileReminders.stop()
      await outboxDelivery?.stop()
      await alertDelivery.stop()
      await recordingRetention.stop()
      await demoRecorder.stop()
      await telephony?.stop()
      await follower.stop()
      notifier.close()
      await hub.close()
      await app.close()
      await sealing
    },
  }
}

const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  node: z.string(),
  database: z.enum(['embedded', 'server']),
  durability: z.string(),
})

function platformRoutes(database: DatabaseHandle, nodeId: string): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/api/health',
      summary: 'Liveness, with the database kind and what a commit survives',
      tag: 'platform',
      access: 'public',
      response: Health,
      async handle() {
        await sql`select 1`.execute(database.db)
        return {
          status: 'ok',
          version: VERSION,
          node: nodeId,
          database: database.kind,
          durability: database.durability,
        }
      },
    }),
  ]
}

const LANDING_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Emergency Communications Center</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#111}
code{background:#eee;padding:0 .3em}</style></head>
<body><h1>Emergency Communications Center platform</h1>
<p>The platform is running. Staff work in the <a href="/console/">console</a>; residents use the <a href="/portal/">resident portal</a>. The API is described at <a href="/api/openapi.json">/api/openapi.json</a>;
its health at <a href="/api/health">/api/health</a>. Consoles follow <code>/api/live</code>.</p>
</body></html>`
