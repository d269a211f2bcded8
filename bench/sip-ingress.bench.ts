/**
 * NG911 SIP ingress (issue 7), with sipp as the ESRP on loopback and the platform as its own
 * process on the PostgreSQL server. Four results:
 * - media load: sipp at 50 calls/s for 60 s (BENCH_SECONDS), each call 3 s of PCMU audio; 0 failed
 *   calls and every RTP packet recorded (counted by the platform as it attaches each recording).
 * - INVITE → 180: p99 of sipp's own measurement during the media load; target ≤ 10 ms. Baseline:
 *   OPTIONS → 200 round trips from sipp in the same run (the SIP stack with no call behind it).
 * - signalling capacity: calls/s with 0 failures (no audio), stepping up from 100 calls/s.
 * - sipp to screen: p99 from the INVITE leaving sipp to `call.offered` at a call taker's console
 *   (WebSocket), at 5 calls/s; target ≤ 100 ms. Baseline: the same console's `call.offered` for
 *   calls offered over HTTP (POST /api/calls), interleaved.
 * The CPU the platform spends per concurrent audio stream is reported with the media load.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import WebSocket from 'ws'
import type { LiveServerMessage } from '@common/api/events.ts'
import { ulawTone } from '../server/telephony/fixtures/media.ts'
import { SCENARIOS, sippPath } from '../server/telephony/sipp/run-sipp.ts'
import { freePort } from '../server/test/server-process.ts'
import { delay, percentile, seconds, type BenchResult } from './lib/measure.ts'
import { startPlatformNode, type PlatformNode } from './lib/platform-node.ts'

const MEDIA_RATE = 50
const INVITE_TO_180_TARGET_MS = 10
const TO_SCREEN_TARGET_MS = 100
const SCREEN_CALLS = 100
const SCREEN_RATE = 5
const PACKETS_PER_CALL = 150

export async function sipIngressBench(): Promise<BenchResult[]> {
  sippPath()
  const sipPort = await freePort()
  const rtpBase = 30000
  const node = await startPlatformNode({
    ECC_SIP_PORT: String(sipPort),
    ECC_SIP_AUTO_ANSWER_MS: '0',
    ECC_SIP_QUEUE_MAX: '5000',
    ECC_SIP_MAX_CALLS: '5000',
    ECC_RTP_PORT_MIN: String(rtpBase),
    ECC_RTP_PORT_MAX: String(rtpBase + 9998),
    LOG_LEVEL: 'info',
  })
  const work = await mkdtemp(path.join(os.tmpdir(), 'ecc-sip-bench-'))
  try {
    await writeFile(path.join(work, 'ulaw_440hz_3s.raw'), ulawTone(3, 440))
    const call = await readFile(path.join(SCENARIOS, 'ng911-call.xml'), 'utf8')
    // INVITE → 180 timed by sipp; the 200 comes at once (auto-answer), then 3 s of audio.
    const media = call
      .replace('<recv response="180"/>', '<recv response="180" rtd="true"/>')
      .replace('<recv response="200" rtd="true"', '<recv response="200"')
    await writeFile(path.join(work, 'media.xml'), media)
    const signalling = call
      .replace(/<nop>[\s\S]*?<\/nop>/, '')
      .replace('<pause milliseconds="3500"/>', '<pause milliseconds="1000"/>')
    await writeFile(path.join(work, 'signalling.xml'), signalling)
    // OPTIONS → 200 timed by sipp: the baseline round trip.
    const optionsXml = await readFile(path.join(SCENARIOS, 'options.xml'), 'utf8')
    await writeFile(
      path.join(work, 'options.xml'),
      optionsXml.replace('<recv response="200">', '<recv response="200" rtd="true">'),
    )

    const screen = await measureToScreen(node, sipPort, work)
    const options = await sipp(work, sipPort, 'options.xml', { rate: 50, calls: 500, rtt: true })
    const logMark = node.output().length
    const cpuBefore = await processCpuSeconds(node)
    const mediaSeconds = seconds(60)
    const started = performance.now()
    const mediaRun = await sipp(work, sipPort, 'media.xml', {
      rate: MEDIA_RATE,
      calls: MEDIA_RATE * mediaSeconds,
      rtt: true,
    })
    const wall = (performance.now() - started) / 1000
    const cpu = (await processCpuSeconds(node)) - cpuBefore
    const recorded = await waitForRecordings(node, logMark, mediaRun.successful)
    const capacity = await signallingCapacity(work, sipPort)
    return [
      mediaResult(mediaRun, recorded, cpu, wall),
      inviteResult(mediaRun, options),
      capacityResult(capacity),
      screenResult(screen),
    ]
  } finally {
    await rm(work, { recursive: true, force: true })
    await node.stop()
  }
}

interface SippRun {
  code: number
  successful: number
  failed: number
  /** Response times sipp measured (ms), one per call. */
  rtt: number[]
  output: string
}

async function sipp(
  work: string,
  port: number,
  scenario: string,
  options: { rate: number; calls: number; rtt?: boolean; trace?: string },
): Promise<SippRun> {
  const [local, media] = [await freePort(), await freePort()]
  const stats = path.join(work, `${scenario}.stats.csv`)
  const args = [
    `127.0.0.1:${port}`,
    '-sf',
    path.join(work, scenario),
    '-i',
    '127.0.0.1',
    '-mi',
    '127.0.0.1',
    '-p',
    String(local),
    '-mp',
    String(media - (media % 2)),
    '-r',
    String(options.rate),
    '-m',
    String(options.calls),
    '-l',
    '2000',
    '-nostdin',
    '-timeout',
    `${Math.ceil(options.calls / options.rate) + 120}s`,
    '-timeout_error',
    '-trace_stat',
    '-stf',
    stats,
    '-fd',
    '3600',
    ...(options.rtt ? ['-trace_rtt', '-rtt_freq', '1'] : []),
    ...(options.trace ? ['-trace_msg', '-message_file', options.trace] : []),
  ]
  const child = spawn(sippPath(), args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const code = await new Promise<number>((resolve) =>
    child.on('close', (exit) => resolve(exit ?? -1)),
  )
  const csv = await readFile(stats, 'utf8').catch(() => '')
  const rows = csv.trim().split('\n')
  const header = (rows[0] ?? '').split(';')
  const last = (rows.at(-1) ?? '').split(';')
  const column = (name: string) => Number(last[header.indexOf(name)] ?? 'NaN')
  const rtt: number[] = []
  if (options.rtt) {
    const rttFile = (await readdir(work)).find(
      (file) => file.startsWith(scenario.replace('.xml', '')) && file.endsWith('_rtt.csv'),
    )
    if (rttFile) {
      const [head = '', ...lines] = (await readFile(path.join(work, rttFile), 'utf8'))
        .trim()
        .split('\n')
      const column = head.split(';').findIndex((name) => name.startsWith('response_time'))
      for (const line of lines) {
        const value = Number(line.split(';')[column])
        if (Number.isFinite(value)) rtt.push(value)
      }
      await rm(path.join(work, rttFile), { force: true })
    }
  }
  return {
    code,
    successful: column('SuccessfulCall(C)'),
    failed: column('FailedCall(C)'),
    rtt,
    output,
  }
}

/** CPU seconds (user + system) the platform process has used, from /proc. */
async function processCpuSeconds(node: PlatformNode): Promise<number> {
  const stat = await readFile(`/proc/${node.pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  return ticks / 100
}

/** The recordings attached by the platform, with the RTP packets it counted for each. */
async function waitForRecordings(
  node: PlatformNode,
  logMark: number,
  calls: number,
): Promise<{ recordings: number; packets: number; gaps: number }> {
  const deadline = Date.now() + 120_000
  let last = { recordings: 0, packets: 0, gaps: 0 }
  while (Date.now() < deadline) {
    last = { recordings: 0, packets: 0, gaps: 0 }
    for (const line of node.output().slice(logMark).split('\n')) {
      if (!line.includes('call recording attached')) continue
      let entry: { packets: number; gaps: number }
      try {
        entry = JSON.parse(line) as { packets: number; gaps: number }
      } catch {
        continue // the mark fell inside a line
      }
      last.recordings++
      last.packets += entry.packets
      last.gaps += entry.gaps
    }
    if (last.recordings >= calls) break
    await delay(500)
  }
  return last
}

async function signallingCapacity(
  work: string,
  port: number,
): Promise<Array<{ rate: number; run: SippRun }>> {
  const steps: Array<{ rate: number; run: SippRun }> = []
  for (const rate of [100, 200, 400, 800]) {
    const run = await sipp(work, port, 'signalling.xml', { rate, calls: rate * 10 })
    steps.push({ rate, run })
    if (run.failed > 0 || run.code !== 0) break
  }
  return steps
}

interface ScreenTimes {
  sip: number[]
  http: number[]
}

/**
 * sipp's INVITE send times (its message trace, wall clock in µs) against the arrival of each
 * call's `call.offered` at a console; interleaved with calls offered over HTTP for the baseline.
 */
async function measureToScreen(
  node: PlatformNode,
  port: number,
  work: string,
): Promise<ScreenTimes> {
  const taker = await node.staffAt('BCT1', ['call_taker'])
  const phone = await node.staffAt('BPH1', ['integration'])
  const arrivals = new Map<string, number>()
  const now = () => performance.timeOrigin + performance.now()
  const socket = new WebSocket(new URL('/api/live', node.url.replace(/^http/, 'ws')), {
    headers: { cookie: taker.cookie },
  })
  socket.on('message', (data: Buffer) => {
    const at = now()
    const message = JSON.parse(data.toString('utf8')) as LiveServerMessage
    if (message.type === 'event' && message.event.type === 'call.offered') {
      arrivals.set((message.event.payload as { callId: string }).callId, at)
    }
  })
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject))
  const trace = path.join(work, 'screen-messages.log')
  const http: number[] = []
  const sippRun = sipp(work, port, 'options.xml', { rate: 1, calls: 1 }).then(() =>
    sipp(work, port, 'media.xml', { rate: SCREEN_RATE, calls: SCREEN_CALLS, trace }),
  )
  // HTTP offers interleaved: the same console, the same server, no SIP.
  const httpDone = (async () => {
    for (let i = 0; i < SCREEN_CALLS; i++) {
      const sent = now()
      const view = (await node.request(phone, 'POST', '/api/calls', {
        line: '911',
        ani: `+1508555${String(i).padStart(4, '0')}`,
      })) as { id: string }
      const deadline = Date.now() + 10_000
      while (!arrivals.has(view.id) && Date.now() < deadline) await delay(1)
      const at = arrivals.get(view.id)
      if (at) http.push(at - sent)
      await delay(1000 / SCREEN_RATE)
    }
  })()
  await Promise.all([sippRun, httpDone])
  await delay(1000)
  // Platform call id → emergency CallId (…:<pid>c<n>:…) → sipp's Call-ID (<n>-<pid>@…) → send time.
  const sent = inviteSendTimes(await readFile(trace, 'utf8'))
  const sip: number[] = []
  for (const [callId, at] of arrivals) {
    const view = (await node.request(taker, 'GET', `/api/calls/${callId}`)) as {
      externalId: string | null
    }
    const match = /^urn:emergency:uid:callid:(\d+)c(\d+):/.exec(view.externalId ?? '')
    if (!match) continue
    const leftSipp = sent.get(`${match[2]}-${match[1]}`)
    if (leftSipp !== undefined) sip.push(at - leftSipp)
  }
  socket.close()
  return { sip, http }
}

/** `<n>-<pid>` of each INVITE's Call-ID → the wall-clock ms it was sent, from sipp's trace. */
function inviteSendTimes(trace: string): Map<string, number> {
  const times = new Map<string, number>()
  for (const block of trace.split(/^-{20,} /m)) {
    const stamp = /^(\d{4}-\d{2}-\d{2})[\t ](\d{2}:\d{2}:\d{2})\.(\d{6})/.exec(block)
    if (!stamp || !/message sent/.test(block) || !/^INVITE /m.test(block)) continue
    const callId = /^Call-ID: (\d+-\d+)@/m.exec(block)?.[1]
    if (!callId || times.has(callId)) continue
    const local = new Date(`${stamp[1]}T${stamp[2]}`)
    times.set(callId, local.getTime() + Number(stamp[3]) / 1000)
  }
  return times
}

function mediaResult(
  run: SippRun,
  recorded: { recordings: number; packets: number; gaps: number },
  cpu: number,
  wall: number,
): BenchResult {
  const expected = run.successful * PACKETS_PER_CALL
  const streams = MEDIA_RATE * 4 // each call holds its stream about 4 s (answer, 3 s of audio, BYE)
  const met =
    run.failed === 0 &&
    run.code === 0 &&
    recorded.packets === expected &&
    recorded.recordings === run.successful
  return {
    name: `sip media load: ${MEDIA_RATE} calls/s with RTP`,
    figure: `${run.successful} calls ok, ${run.failed} failed; ${recorded.packets} of ${expected} RTP packets recorded in ${recorded.recordings} recordings`,
    baseline: `${expected} packets sent by sipp`,
    ratio: expected > 0 ? recorded.packets / expected : 0,
    target: '0 failed calls, every packet recorded (ratio 1.00)',
    met,
    details: [
      `sequence gaps seen: ${recorded.gaps}`,
      `platform CPU ${cpu.toFixed(1)} s over ${wall.toFixed(0)} s ≈ ${((100 * cpu) / wall).toFixed(0)} % of a core for ~${streams} concurrent streams: ${((1000 * cpu) / wall / streams).toFixed(2)} ms of CPU per stream-second`,
      `sipp exit code ${run.code}`,
    ],
  }
}

function inviteResult(media: SippRun, options: SippRun): BenchResult {
  const p99 = percentile(media.rtt, 99)
  const base = percentile(options.rtt, 99)
  return {
    name: 'sip INVITE → 180 (sipp, during the media load)',
    figure: `p99 ${p99.toFixed(2)} ms, p50 ${percentile(media.rtt, 50).toFixed(2)} ms over ${media.rtt.length} calls`,
    baseline: `OPTIONS → 200 p99 ${base.toFixed(2)} ms, p50 ${percentile(options.rtt, 50).toFixed(2)} ms`,
    ratio: base > 0 ? p99 / base : Number.NaN,
    target: `p99 ≤ ${INVITE_TO_180_TARGET_MS} ms`,
    met: p99 <= INVITE_TO_180_TARGET_MS,
    details: [
      'sipp measures response times in whole milliseconds (-trace_rtt): 0 means under 1 ms',
    ],
  }
}

function capacityResult(steps: Array<{ rate: number; run: SippRun }>): BenchResult {
  const clean = steps.filter((step) => step.run.failed === 0 && step.run.code === 0)
  const best = clean.at(-1)?.rate ?? 0
  return {
    name: 'sip signalling capacity (no audio)',
    figure: `${best} calls/s with 0 failures`,
    baseline: `${MEDIA_RATE} calls/s (the media load's rate)`,
    ratio: best / MEDIA_RATE,
    target: `≥ ${MEDIA_RATE} calls/s (reported)`,
    met: best >= MEDIA_RATE,
    details: steps.map(
      (step) =>
        `${step.rate} calls/s for 10 s: ${step.run.successful} ok, ${step.run.failed} failed`,
    ),
  }
}

function screenResult(times: ScreenTimes): BenchResult {
  const p99 = percentile(times.sip, 99)
  const base = percentile(times.http, 99)
  return {
    name: 'sip call to the call taker screen (ringing)',
    figure: `p99 ${p99.toFixed(1)} ms, p50 ${percentile(times.sip, 50).toFixed(1)} ms over ${times.sip.length} calls`,
    baseline: `HTTP offer to screen p99 ${base.toFixed(1)} ms over ${times.http.length} calls`,
    ratio: base > 0 ? p99 / base : Number.NaN,
    target: `p99 ≤ ${TO_SCREEN_TARGET_MS} ms`,
    met: p99 <= TO_SCREEN_TARGET_MS,
    details: [],
  }
}
