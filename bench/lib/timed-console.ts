import WebSocket from 'ws'

/** An event as a benchmark console records it: its log position, its marker and when it came. */
export interface Arrival {
  position: string
  marker: string
  at: number
}

/**
 * A console that time-stamps each event on arrival (performance.now(), same clock as the writer)
 * and keys it by the `reason` in its payload, which the benchmark's writer makes unique.
 */
export interface TimedConsole {
  arrivals: Arrival[]
  close(): Promise<void>
}

export function openTimedConsole(baseUrl: string, cookie?: string): Promise<TimedConsole> {
  const url = new URL('/api/live', baseUrl.replace(/^http/, 'ws'))
  const socket = new WebSocket(url, { headers: cookie ? { cookie } : {} })
  const arrivals: Arrival[] = []
  let live = cookie === undefined // the bare baseline has no catch-up phase
  let resolveLive: () => void = () => {}
  const isLive = new Promise<void>((resolve) => (resolveLive = resolve))
  socket.on('message', (data: Buffer) => {
    const at = performance.now()
    const message = JSON.parse(data.toString('utf8')) as {
      type: string
      event?: { position: string; payload: { reason?: string } }
    }
    if (message.type === 'live') {
      live = true
      resolveLive()
    }
    if (message.type === 'event' && message.event?.payload.reason !== undefined) {
      arrivals.push({ position: message.event.position, marker: message.event.payload.reason, at })
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
      close: () =>
        new Promise<void>((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve()
          socket.once('close', () => resolve())
          socket.close()
        }),
    }))
}
