import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { Role } from '@common/domain/roles.ts'
import { refuseAndAudit } from '../domains/audit/index.ts'
import type { Ctx } from './context.ts'
import { AppError } from './errors.ts'
import { parseInput } from './validate.ts'

/**
 * Who may call a route: anyone, a resident logged on to the portal, any logged-on member of
 * staff, or staff holding one of the roles.
 */
export type Access = 'public' | 'resident' | 'staff' | readonly Role[]

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
type Schema = z.ZodType

export interface RouteInput<P, Q, B> {
  ctx: Ctx
  params: P
  query: Q
  body: B
  request: FastifyRequest
  reply: FastifyReply
}

export interface RouteDef<
  PS extends Schema = Schema,
  QS extends Schema = Schema,
  BS extends Schema = Schema,
> {
  method: Method
  url: string
  summary: string
  tag: string
  access: Access
  params?: PS
  query?: QS
  body?: BS
  /** The success body, for the OpenAPI document. */
  response?: Schema
  /** Success status; 200 unless said. */
  status?: number
  /**
   * The route acts for nobody (a link in a message, a provider's webhook): session cookies are
   * not read, so a staff or resident session in the same browser cannot get in its way.
   */
  sessionless?: boolean
  handle(input: RouteInput<z.output<PS>, z.output<QS>, z.output<BS>>): Promise<unknown>
}

/** Declares a route: one schema per request part, from common/api, and one handler. */
export function route<PS extends Schema, QS extends Schema, BS extends Schema>(
  def: RouteDef<PS, QS, BS>,
): RouteDef<PS, QS, BS> {
  return def
}

// Route lists mix schemas; the handler's types were checked where each route was declared.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDef<any, any, any>

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/

/**
 * Registers routes on the app: access check (a refusal is audited), validation of params, query
 * and body, then the handler; its result is the reply, sent after its transaction committed.
 */
export function registerRoutes(app: FastifyInstance, routes: AnyRoute[]): void {
  for (const def of routes) {
    app.route({
      method: def.method,
      url: def.url,
      config: { sessionless: def.sessionless === true },
      handler: async (request, reply) => {
        const ctx = request.ctx
        await checkAccess(ctx, def, request)
        const params: unknown = def.params ? parseInput(def.params, request.params, 'params') : {}
        const query: unknown = def.query ? parseInput(def.query, request.query, 'query') : {}
        const body: unknown = def.body ? parseInput(def.body, request.body, 'body') : undefined
        const key = request.headers['idempotency-key']
        if (typeof key === 'string' && def.method !== 'GET') {
          if (!IDEMPOTENCY_KEY.test(key)) {
            throw new AppError(
              'invalid_input',
              'Idempotency-Key: 8 to 128 letters, digits or ._:-',
              'Idempotency-Key',
            )
          }
          const requestHash = createHash('sha256')
            .update(JSON.stringify([def.method, request.url, request.body ?? null]))
            .digest('hex')
          ctx.idempotency = { key, requestHash }
        }
        const result = await def.handle({ ctx, params, query, body, request, reply })
        if (reply.sent) return reply
        reply.code(def.status ?? 200)
        return result ?? { ok: true }
      },
    })
  }
}

async function checkAccess(ctx: Ctx, def: AnyRoute, request: FastifyRequest): Promise<void> {
  if (def.access === 'public') return
  if (def.access === 'resident') {
    if (ctx.resident) return
    throw request.sessionProblem ?? new AppError('not_authenticated', 'log on to the portal first')
  }
  if (!ctx.actor) {
    throw request.sessionProblem ?? new AppError('not_authenticated', 'log on first')
  }
  if (def.access === 'staff') return
  const roles = def.access
  if (ctx.actor.roles.some((role) => roles.includes(role))) return
  await refuseAndAudit(
    ctx,
    {
      component: 'access',
      eventType: 'access.denied',
      subject: { type: 'route', id: `${def.method} ${def.url}` },
      details: { requiredRoles: [...roles] },
    },
    new AppError('forbidden', `this needs one of the roles: ${roles.join(', ')}`),
  )
}
