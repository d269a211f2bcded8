/**
 * Live delivery to a full floor. 200 consoles, one writer committing 10 agent-state changes a
 * second for 30 s. Figure: p99 time from the writer sending the command to each console receiving
 * the event (an upper bound of commit-to-console: it also counts the command itself). Baseline: a
 * bare `ws` server process broadcasting the same event to 200 sockets on the same trigger. Target:
 * p99 ≤ 2 × baseline p99 + 5 ms, every console receives every event once, in log order.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { comparePositions, parsePosition } from '../server/events/log-position.ts'
import { startPlatformNode, type Session } from './lib/platform-node.ts'
import { delay, percentile, seconds, type BenchResult } from './lib/measure.ts'
import { openTimedConsole, type TimedConsole } from './lib/timed-console.ts'

const CONSOLES = 200
const CONSOLES_PER_SESSION = 10
const RATE_PER_SECOND = 10

interface Delivery {
  latencies: number[]
  reach: number
  duplicates: number
  outOfOrder: number
}

export async function liveLatencyBench(): Promise<BenchResult> {
  const duration = seconds(30)
  const count = Math.round(duration * RATE_PER_SECOND)

  const node = await startPlatformNode()
  let platform: Delivery
  try {
    const writer = await node.staffAt('W1', ['dispatcher'])
    const viewers: Session[] = []
    for (let i = 0; i < CONSOLES / CONSOLES_PER_SESSION; i++) {
      viewers.push(await node.staffAt(`V${i}`, ['supervisor']))
    }
    const consoles = await openConsoles(node.url, (i) => viewers[i % viewers.length]!.cookie)
    platform = await deliver(consoles, count, (marker, i) =>
      node.request(writer, 'POST', '/api/positions/current/state', {
        state: i % 2 === 0 ? 'not_ready' : 'ready',
        reason: marker,
      }),
    )
  } finally {
    await node.stop()
  }

  const bare = await startBareBroadcast()
  let baseline: Delivery
  try {
    const consoles = await openConsoles(bare.url)
    baseline = await deliver(consoles, count, (marker, i) =>
      fetch(`${bare.url}/broadcast`, {
        method: 'POST',
        body: JSON.stringify(sampleEvent(marker, i)),
      }).then((response) => response.arrayBuffer()),
    )
  } finally {
    await bare.stop()
  }

  const p99 = percentile(platform.latencies, 99)
  const baseP99 = percentile(baseline.latencies, 99)
  const limit = 2 * baseP99 + 5
  const expected = CONSOLES * count
  const complete =
    platform.reach === expected && platform.duplicates === 0 && platform.outOfOrder === 0
  return {
    name: `live delivery to ${CONSOLES} consoles at ${RATE_PER_SECOND} events/s`,
    figure: `p99 ${p99.toFixed(1)} ms (p50 ${percentile(platform.latencies, 50).toFixed(1)} ms)`,
    baseline: `bare ws p99 ${baseP99.toFixed(1)} ms (p50 ${percentile(baseline.latencies, 50).toFixed(1)} ms)`,
    ratio: p99 / baseP99,
    target: `p99 ≤ 2 × bare p99 + 5 ms = ${limit.toFixed(1)} ms; reach 100%, 0 duplicates, order kept`,
    met: p99 <= limit && complete,
    details: [
      `${count} events over ${duration} s`,
      `reach ${platform.reach}/${expected} deliveries (${((100 * platform.reach) / expected).toFixed(2)}%), ` +
        `${platform.duplicates} duplicates, ${platform.outOfOrder} out of log order`,
      `baseline reach ${baseline.reach}/${expected}`,
    ],
  }
}

async function openConsoles(
  url: string,
  cookieOf?: (i: number) => string,
): Promise<TimedConsole[]> {
  const consoles: TimedConsole[] = []
  for (let i = 0; i < CONSOLES; i++) consoles.push(await openTimedConsole(url, cookieOf?.(i)))
  return consoles
}

/** Sends `count` triggers on a fixed schedule, waits for the stragglers, and tallies arrivals. */
async function deliver(
  consoles: TimedConsole[],
  count: number,
  trigger: (marker: string, i: number) => Promise<unknown>,
): Promise<Delivery> {
  const sentAt = new Map<string, number>()
  const pending: Promise<unknown>[] = []
  const start = performance.now()
  for (let i = 0; i < count; i++) {
    const wait = start + (i * 1000) / RATE_PER_SECOND - performance.now()
    if (wait > 0) await delay(wait)
    const marker = `live bench ${i}`
    sentAt.set(marker, performance.now())
    pending.push(trigger(marker, i))
  }
  await Promise.all(pending)
  await delay(2000)
  for (const console of consoles) await console.close()

  const delivery: Delivery = { latencies: [], reach: 0, duplicates: 0, outOfOrder: 0 }
  for (const console of consoles) {
    const seen = new Set<string>()
    let previous = ''
    for (const arrival of console.arrivals) {
      const sent = sentAt.get(arrival.marker)
      if (sent === undefined) continue
      if (seen.has(arrival.marker)) {
        delivery.duplicates++
        continue
      }
      seen.add(arrival.marker)
      delivery.reach++
      delivery.latencies.push(arrival.at - sent)
      if (previous && compareLogPositions(arrival.position, previous) <= 0) delivery.outOfOrder++
      previous = arrival.position
    }
  }
  return delivery
}

function compareLogPositions(a: string, b: string): number {
  const [pa, pb] = [parsePosition(a), parsePosition(b)]
  if (!pa || !pb) throw new Error(`not a log position: ${a} or ${b}`)
  return comparePositions(pa, pb)
}

/** An event of the same shape and size as the platform's, for the baseline to broadcast. */
function sampleEvent(marker: string, i: number) {
  const positionId = '00000000-0000-4000-8000-000000000001'
  return {
    position: `1000-${i + 1}`,
    type: 'position.state_changed',
    stream: `position:${positionId}`,
    payload: {
      positionId,
      code: 'W1',
      state: 'ready',
      previousState: 'not_ready',
      reason: marker,
    },
    at: new Date().toISOString(),
    actorUserId: positionId,
    actorPositionId: positionId,
  }
}

async function startBareBroadcast(): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'lib/bare-broadcast-server.ts')],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const port = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening (\d+)/.exec(output)
      if (match) resolve(match[1]!)
    })
    child.once('exit', (code) => reject(new Error(`bare broadcast server exited (${code})`)))
  })
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
