import type { FastifyInstance } from 'fastify'
import type { WebSocket } from '@fastify/websocket'
import type { LiveClientMessage, LiveServerMessage } from '@common/api/events.ts'
import { z } from 'zod'
import { AppError } from '../http/errors.ts'
import { parseInput } from '../http/validate.ts'
import type { Socket } from 'node:net'
import type { LiveHub, LiveSocket } from './live-hub.ts'

const LiveQuery = z.object({
  /**
   * The position the console last applied: resume right after it. `end`: start at the end of
   * the log (a console that loads its lists itself once the stream is live).
   */
  after: z
    .string()
    .regex(/^(\d{1,20}-\d{1,20}|end)$/, 'a log position like 1234-56, or end')
    .optional(),
})

/**
 * GET /api/live: the WebSocket the consoles follow. Authenticated by the session cookie; a
 * console gets only the events its roles, agency and position may see.
 */
export function registerLiveRoute(app: FastifyInstance, hub: LiveHub): void {
  app.get(
    '/api/live',
    {
      websocket: true,
      preValidation: async (request) => {
        if (!request.ctx.actor) {
          throw request.sessionProblem ?? new AppError('not_authenticated', 'log on first')
        }
        parseInput(LiveQuery, request.query, 'query')
        // Cross-site WebSocket hijacking: a browser sends the cookie to any page's socket.
        const origin = request.headers.origin
        if (origin && new URL(origin).host !== request.headers.host) {
          throw new AppError(
            'forbidden',
            'origin: the console must be served by this platform',
            'origin',
          )
        }
        await Promise.resolve()
      },
    },
    (socket: WebSocket, request) => {
      const actor = request.ctx.actor!
      const { after } = LiveQuery.parse(request.query)
      const viewer = {
        userId: actor.userId,
        roles: actor.roles,
        agencyId: actor.agencyId,
        positionId: actor.positionId,
      }
      let closed = false
      let connection: Awaited<ReturnType<LiveHub['connect']>> | null = null
      // Messages that arrive during catch-up are handled once the subscription exists.
      const early: string[] = []
      const onMessage = (text: string) => {
        let message: LiveClientMessage
        try {
          message = JSON.parse(text) as LiveClientMessage
        } catch {
          return reply({ type: 'error', code: 'invalid_input', message: 'messages are JSON' })
        }
        if (message.type !== 'ack' || !connection?.ack(message.position)) {
          reply({
            type: 'error',
            code: 'invalid_input',
            message: 'position: send {"type":"ack","position":"<tx>-<id>"}',
          })
        }
      }
      const reply = (message: LiveServerMessage) => socket.send(JSON.stringify(message))
      socket.on('message', (data: Buffer) => {
        const text = data.toString('utf8')
        if (connection) onMessage(text)
        else early.push(text)
      })
      socket.on('close', () => {
        closed = true
        connection?.close()
      })
      hub
        .connect(liveSocket(socket), viewer, actor.sessionId, after)
        .then((made) => {
          connection = made
          if (closed) made.close()
          for (const text of early.splice(0)) onMessage(text)
        })
        .catch((error: unknown) => {
          request.log.error({ err: error }, 'live stream could not start')
          socket.close(1011, 'could not start the stream; reconnect')
        })
    },
  )
}

/**
 * The hub's view of a console's WebSocket. Corking the TCP socket under it lets a batch of
 * events leave in one write: system calls, not bytes, are what a busy floor costs. `ws` keeps
 * that socket in `_socket`; without it, frames simply go one by one.
 */
function liveSocket(socket: WebSocket): LiveSocket {
  const tcp = (socket as unknown as { _socket?: Socket })._socket
  return {
    send: (data) => socket.send(data),
    close: (code, reason) => socket.close(code, reason),
    get bufferedAmount() {
      return socket.bufferedAmount
    },
    get readyState() {
      return socket.readyState
    },
    cork: () => tcp?.cork(),
    uncork: () => tcp?.uncork(),
  }
}
