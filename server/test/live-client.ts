import WebSocket from 'ws'
import type { LiveEvent, LiveServerMessage } from '@common/api/events.ts'

/** A console's end of /api/live, recording what arrives, for tests and benchmarks. */
export interface TestConsole {
  messages: LiveServerMessage[]
  events(): LiveEvent[]
  waitFor(predicate: (messages: LiveServerMessage[]) => boolean, timeoutMs?: number): Promise<void>
  send(message: unknown): void
  isOpen(): boolean
  /** Resolves with the close code and reason when the server closes the socket. */
  closed(): Promise<{ code: number; reason: string }>
  close(): Promise<void>
}

export function openConsole(baseUrl: string, cookie: string, after?: string): Promise<TestConsole> {
  const url = new URL('/api/live', baseUrl.replace(/^http/, 'ws'))
  if (after) url.searchParams.set('after', after)
  const socket = new WebSocket(url, { headers: { cookie } })
  const messages: LiveServerMessage[] = []
  const waiters = new Set<() => void>()
  socket.on('message', (data: Buffer) => {
    messages.push(JSON.parse(data.toString('utf8')) as LiveServerMessage)
    for (const wake of waiters) wake()
  })
  const console: TestConsole = {
    messages,
    events: () => messages.flatMap((m) => (m.type === 'event' ? [m.event] : [])),
    // Generous: the live feed waits for the oldest transaction of the whole PostgreSQL cluster,
    // and on the shared test server another test file's import may hold one for seconds.
    waitFor: (predicate, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        if (predicate(messages)) return resolve()
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`timed out; received: ${JSON.stringify(messages).slice(0, 800)}`))
        }, timeoutMs)
        const check = () => {
          if (!predicate(messages)) return
          clearTimeout(timer)
          waiters.delete(check)
          resolve()
        }
        waiters.add(check)
      }),
    send: (message) => socket.send(JSON.stringify(message)),
    isOpen: () => socket.readyState === WebSocket.OPEN,
    closed: () =>
      new Promise((resolve) => {
        socket.once('close', (code: number, reason: Buffer) =>
          resolve({ code, reason: reason.toString() }),
        )
      }),
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve()
        socket.once('close', () => resolve())
        socket.close()
      }),
  }
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(console))
    socket.once('unexpected-response', (_request, response) => {
      reject(new Error(`upgrade refused: ${response.statusCode}`))
    })
    socket.once('error', reject)
  })
}
