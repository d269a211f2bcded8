import { readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Codec } from '../sip/sdp.ts'
import { writeCallWav } from './call-wav.ts'
import { LABEL } from './rtp-sessions.ts'

/** A call's audio found after a restart, finished as its WAV, with the call record it names. */
export interface Interrupted {
  wavPath: string
  labelPath: string
  /** Null when the node stopped before the call record was written. */
  callId: string | null
}

const RAW = /^(.+)\.(caller|taker)\.(pcmu|pcma)$/

/**
 * The audio of calls that were in progress when the node stopped: raw direction files are
 * joined into their WAV (as a normal hang-up would have), and every WAV left is returned with
 * the call record its label names, to be attached.
 */
export async function finishInterrupted(dir: string): Promise<Interrupted[]> {
  const names = await readdir(dir).catch(() => [] as string[])
  const raw = new Map<string, Codec>()
  for (const name of names) {
    const match = RAW.exec(name)
    if (match?.[1] && match[3]) raw.set(match[1], match[3] === 'pcmu' ? 'PCMU' : 'PCMA')
  }
  for (const [base, codec] of raw) {
    const lower = codec.toLowerCase()
    const caller = path.join(dir, `${base}.caller.${lower}`)
    const taker = path.join(dir, `${base}.taker.${lower}`)
    await writeCallWav(path.join(dir, `${base}.wav`), codec, [caller, taker])
    await Promise.all([rm(caller, { force: true }), rm(taker, { force: true })])
  }
  const found: Interrupted[] = []
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.wav')) continue
    const base = name.slice(0, -'.wav'.length)
    const labelPath = path.join(dir, `${base}${LABEL}`)
    const callId = (await readFile(labelPath, 'utf8').catch(() => '')).trim() || null
    found.push({ wavPath: path.join(dir, name), labelPath, callId })
  }
  return found
}
