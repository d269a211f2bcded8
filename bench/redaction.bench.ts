/**
 * Redaction of a 5-minute 8 kHz 16-bit recording (4.8 MB) with 3 ranges, through the service:
 * copy, silence, hash, place the file, then the row, custody and audit in one transaction on
 * the PostgreSQL server. Baseline in the same run: copying the same file (fs.copyFile) and
 * hashing the copy (SHA-256), the least any redaction that leaves the original untouched must
 * do. Target: p99 ≤ 1 s.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { copyFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { ingestRecording, redactRecording } from '../server/domains/recordings/index.ts'
import { buildCall } from '../server/domains/recordings/recording-fixtures.ts'
import { makeToneWav } from '../server/domains/recordings/wav-fixture.ts'
import { startTestPlatform } from '../server/test/harness.ts'
import { percentile, type BenchResult } from './lib/measure.ts'

const RUNS = 30
const TARGET_P99_MS = 1000
const RANGES = [
  { startMs: 10_000, endMs: 25_000 },
  { startMs: 120_000, endMs: 121_500 },
  { startMs: 280_000, endMs: 299_000 },
]

export async function redactionBench(): Promise<BenchResult> {
  process.env.ECC_TEST_DATABASE = 'server'
  const t = await startTestPlatform()
  try {
    const call = await buildCall(t)
    const bytes = makeToneWav({ seconds: 300, hz: 440, encoding: 'pcm16' })
    const original = await ingestRecording(t.platform.systemCtx(), {
      callId: call.id,
      source: 'upload',
      contentType: 'audio/wav',
      body: bytes,
    })
    const row = await t.db
      .selectFrom('recordings')
      .select('storage_path')
      .where('id', '=', original.id)
      .executeTakeFirstOrThrow()
    const source = path.join(t.config.recordings.dir, row.storage_path)
    const ctx = () => t.platform.systemCtx()

    const redaction: number[] = []
    const baseline: number[] = []
    for (let i = 0; i < RUNS; i++) {
      let started = performance.now()
      await redactRecording(ctx(), original.id, { ranges: RANGES, reason: 'benchmark' })
      redaction.push(performance.now() - started)

      const copy = path.join(t.config.recordings.dir, `baseline-${i}.wav`)
      started = performance.now()
      await copyFile(source, copy)
      await sha256Of(copy)
      baseline.push(performance.now() - started)
      await rm(copy)
    }
    const p50 = percentile(redaction, 50)
    const p99 = percentile(redaction, 99)
    const baseP50 = percentile(baseline, 50)
    return {
      name: 'redaction',
      figure: `p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms for a 5-minute recording`,
      baseline: `p50 ${baseP50.toFixed(1)} ms, p99 ${percentile(baseline, 99).toFixed(1)} ms (copy + SHA-256)`,
      ratio: p50 / baseP50,
      target: `p99 ≤ ${TARGET_P99_MS} ms`,
      met: p99 <= TARGET_P99_MS,
      details: [`${RUNS} redactions of ${bytes.length} bytes, 3 ranges each`],
    }
  } finally {
    await t.close()
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
