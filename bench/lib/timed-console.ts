import WebSocket from 'ws'

/** An event as a benchmark console records it: its log position, its marker and when it came. */
export interface Arrival {
  position: string
  marker: string
  at: number
}

/** The payload field that names a benchmark's event; events without it are not timed. */
export type MarkerOf = (payload: Record<string, unknown>) => string | undefined

const byReason: MarkerOf = (payload) =>
  typeof payload.reason === 'string' ? payload.reason : undefined

/**
 * A console that time-stamps each event on arrival (performance.now(), same clock as the writer)
 * and keys it by a marker in its payload (by default the `reason`, which the benchmark's writer
 * makes unique). It also keeps every event's position, to check nothing was lost or doubled.
 */
export interface TimedConsole {
  arrivals: Arrival[]
  /** Where the server said this console starts (its `hello`); null for the bare baseline. */
  resumeFrom: string | null
  positions: string[]
  close(): Promise<void>
}

export function openTimedConsole(
  baseUrl: string,
  cookie?: string,
  markerOf: MarkerOf = byReason,
): Promise<TimedConsole> {
  const url = new URL('/api/live', baseUrl.replace(/^http/, 'ws'))
  const socket = new WebSocket(url, { headers: cookie ? { cookie } : {} })
  const arrivals: Arrival[] = []
  const positions: string[] = []
  let resumeFrom: string | null = null
  let live = cookie === undefined // the bare baseline has no catch-up phase
  let resolveLive: () => void = () => {}
  const isLive = new Promise<void>((resolve) => (resolveLive = resolve))
  socket.on('message', (data: Buffer) => {
    const at = performance.now()
    const message = JSON.parse(data.toString('utf8')) as {
      type: string
      resumeFrom?: string
      event?: { position: string; payload: Record<string, unknown> }
    }
    if (message.type === 'hello') resumeFrom = message.resumeFrom ?? null
    if (message.type === 'live') {
      live = true
      resolveLive()
    }
    if (message.type === 'event' && message.event) {
      positions.push(message.event.position)
      const marker = markerOf(message.event.payload)
      if (marker !== undefined) arrivals.push({ position: message.event.position, marker, at })
    }
  })
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
    socket.once('unexpected-response', (_request, response) =>
      reject(new Error(`upgrade refused: ${response.statusCode}`)),
    )
  })
  return opened
    .then(() => (live ? undefined : isLive))
    .then(() => ({
      arrivals,
      get resumeFrom() {
        return resumeFrom
      },
      positions,
      close: () =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve()
          socket.once('close', () => resolve())
          socket.close()
        }),
    }))
}
