import { execFile } from 'node:child_process'
import { access, constants } from 'node:fs/promises'
import path from 'node:path'
import type { Logger } from 'pino'
import { startPeriodicJob, type PeriodicJob } from '../../commands/periodic-job.ts'
import type { Ctx } from '../../http/context.ts'
import { listCallLocations, type CallRow } from '../calls/index.ts'
import { ingestRecording } from './ingest.service.ts'
import { listCallsWithoutRecording } from './recordings.repository.ts'
import { encodeWav } from './wav-fixture.ts'

/**
 * The demo center's recorder: every call released or closed in the last day without a recording
 * gets a made-up one (marked demo, never evidence), so playback, redaction and records requests
 * have something to work on. Speech from espeak-ng when it is installed, tones otherwise.
 */

export const DEMO_RECORDER_MS = 30_000
const LOOKBACK_MS = 86_400_000
const BATCH = 20

export type DemoVoice = 'auto' | 'tones'

export async function recordDemoCalls(
  ctx: Ctx,
  options: { voice?: DemoVoice } = {},
): Promise<number> {
  const since = new Date(ctx.now().getTime() - LOOKBACK_MS)
  const calls = await listCallsWithoutRecording(ctx.db, since, BATCH)
  if (calls.length === 0) return 0
  const speak = (options.voice ?? 'auto') === 'auto' && (await espeakAvailable())
  for (const call of calls) {
    const audio = speak ? await speech(await dialogue(ctx, call)) : null
    await ingestRecording(ctx, {
      callId: call.id,
      source: 'demo',
      demo: true,
      contentType: 'audio/wav',
      body: audio ?? toneWav(call.id),
    })
  }
  return calls.length
}

export function startDemoRecorder(options: {
  ctx: () => Ctx
  enabled: boolean
  log: Logger
  intervalMs?: number
}): PeriodicJob {
  if (!options.enabled) return { stop: () => Promise.resolve() }
  return startPeriodicJob({
    name: 'demo recorder',
    intervalMs: options.intervalMs ?? DEMO_RECORDER_MS,
    log: options.log,
    run: () => recordDemoCalls(options.ctx()),
  })
}

/** A few seconds of alternating tones, pitched from the call id so recordings differ. */
export function toneWav(seed: string): Buffer {
  const sampleRate = 8000
  const base = 300 + (parseInt(seed.slice(0, 4), 16) % 400)
  const pitches = [base, base * 1.5, base * 1.25, base * 2]
  const segment = sampleRate / 2
  const samples = new Float64Array(segment * 8)
  for (let i = 0; i < samples.length; i++) {
    const hz = pitches[Math.floor(i / segment) % pitches.length] as number
    // A short fade at each edge keeps the switches from clicking.
    const edge = Math.min(1, (i % segment) / 200, (segment - (i % segment)) / 200)
    samples[i] = Math.sin((2 * Math.PI * hz * i) / sampleRate) * 12000 * edge
  }
  return encodeWav(samples, { sampleRate, encoding: 'pcmu' })
}

async function dialogue(ctx: Ctx, call: CallRow): Promise<string> {
  const locations = await listCallLocations(ctx.db, [call.id])
  const location = locations.find((row) => row.is_primary) ?? locations[0]
  const place = location?.location_text ?? location?.town ?? 'I am not sure where I am'
  const lines = [
    '9 1 1, what is the address of your emergency?',
    place,
    'Okay. Tell me exactly what happened.',
    call.disposition
      ? `I need help. ${call.disposition.replace(/_/g, ' ')}.`
      : 'I need help, please hurry.',
    'What is the phone number you are calling from?',
    call.ani ? call.ani.split('').join(' ') : 'I do not know.',
    'Help is on the way. Stay on the line with me.',
  ]
  return lines.join(' ... ')
}

let espeakOnPath: Promise<boolean> | null = null

export function espeakAvailable(): Promise<boolean> {
  espeakOnPath ??= (async () => {
    for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
      if (!folder) continue
      try {
        await access(path.join(folder, 'espeak-ng'), constants.X_OK)
        return true
      } catch {
        // not in this folder
      }
    }
    return false
  })()
  return espeakOnPath
}

/** espeak-ng's WAV on stdout; null when it fails (the tones stand in). */
function speech(text: string): Promise<Buffer | null> {
  return new Promise((resolve) => {
    execFile(
      'espeak-ng',
      ['--stdout', '-s', '150', text],
      { encoding: 'buffer', maxBuffer: 32 * 1024 * 1024, timeout: 20_000 },
      (error, stdout) => resolve(error ? null : fixStreamedSizes(stdout)),
    )
  })
}

/**
 * A WAV written to a pipe cannot go back to fill in its sizes: espeak-ng leaves placeholders.
 * The RIFF and data sizes are set from the bytes actually written.
 */
export function fixStreamedSizes(wav: Buffer): Buffer {
  if (wav.length < 12 || wav.toString('latin1', 0, 4) !== 'RIFF') return wav
  const fixed = Buffer.from(wav)
  let offset = 12
  while (offset + 8 <= fixed.length) {
    const id = fixed.toString('latin1', offset, offset + 4)
    const length = fixed.readUInt32LE(offset + 4)
    if (id === 'data') {
      const actual = fixed.length - offset - 8
      if (length > actual) fixed.writeUInt32LE(actual, offset + 4)
      fixed.writeUInt32LE(fixed.length - 8, 4)
      return fixed
    }
    offset += 8 + length + (length % 2)
  }
  return wav
}
