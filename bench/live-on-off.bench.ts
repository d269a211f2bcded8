/**
 * What the live stream costs the writers. Figure: agent-state changes per second over HTTP while
 * 50 consoles are connected and receive every event. Baseline: the same writers with no console
 * connected. Rounds alternate to spread out noise. Target: on ≥ 0.9 × off.
 */
import { startPlatformNode, type Session } from './lib/platform-node.ts'
import { seconds, throughput, type BenchResult } from './lib/measure.ts'
import { openTimedConsole, type TimedConsole } from './lib/timed-console.ts'

const WRITERS = 8
const CONSOLES = 50
const CONSOLES_PER_SESSION = 10
const ROUNDS = 2

export async function liveOnOffBench(): Promise<BenchResult> {
  const duration = seconds(10)
  const node = await startPlatformNode()
  try {
    const writers: Session[] = []
    for (let i = 0; i < WRITERS; i++) writers.push(await node.staffAt(`B${i}`, ['dispatcher']))
    let marker = 0
    const write = (loop: number, i: number) =>
      node
        .request(writers[loop]!, 'POST', '/api/positions/current/state', {
          state: i % 2 === 0 ? 'not_ready' : 'ready',
          reason: `on-off ${marker++}`,
        })
        .then(() => undefined)

    await throughput(WRITERS, 2, write) // warm-up
    let off = 0
    let on = 0
    let delivered = 0
    let written = 0
    for (let round = 0; round < ROUNDS; round++) {
      off += await throughput(WRITERS, duration / ROUNDS, write)

      // New viewers each round: a known viewer would first catch up from its last ack.
      const viewers: Session[] = []
      for (let i = 0; i < CONSOLES / CONSOLES_PER_SESSION; i++) {
        viewers.push(await node.staffAt(`V${round}X${i}`, ['supervisor']))
      }
      const consoles: TimedConsole[] = []
      for (let i = 0; i < CONSOLES; i++) {
        consoles.push(await openTimedConsole(node.url, viewers[i % viewers.length]!.cookie))
      }
      const before = marker
      on += await throughput(WRITERS, duration / ROUNDS, write)
      written += marker - before
      await new Promise((resolve) => setTimeout(resolve, 1000))
      for (const console of consoles) {
        delivered += console.arrivals.length
        await console.close()
      }
    }
    off /= ROUNDS
    on /= ROUNDS
    const ratio = on / off
    return {
      name: 'write throughput with the live stream on vs off',
      figure: `${on.toFixed(0)} commands/s with ${CONSOLES} consoles`,
      baseline: `${off.toFixed(0)} commands/s with none`,
      ratio,
      target: '≥ 0.9',
      met: ratio >= 0.9 && delivered === written * CONSOLES,
      details: [
        `${WRITERS} concurrent writers, ${duration} s each side, PostgreSQL server`,
        `consoles received ${delivered} of ${written * CONSOLES} events`,
      ],
    }
  } finally {
    await node.stop()
  }
}
