/**
 * `npm run bench [-- name ...]`: the platform's speed targets, each measured beside a baseline in
 * the same run and printed as a ratio (these machines are shared and noisy; absolute figures are
 * not comparable between runs). Needs DATABASE_URL naming a PostgreSQL server whose user may
 * create databases; each benchmark works in a fresh database it drops afterwards.
 * Exits 1 when a target is missed, after printing every result.
 */
import { burstBench } from './burst.bench.ts'
import { commandPathBench } from './command-path.bench.ts'
import { importBench } from './import.bench.ts'
import { liveLatencyBench } from './live-latency.bench.ts'
import { liveOnOffBench } from './live-on-off.bench.ts'
import type { BenchResult } from './lib/measure.ts'
import { recommendBench } from './recommend.bench.ts'
import { verifyBench } from './verify.bench.ts'

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  'command-path': commandPathBench,
  'live-on-off': liveOnOffBench,
  'live-latency': liveLatencyBench,
  burst: burstBench,
  verify: verifyBench,
  import: importBench,
  recommend: recommendBench,
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    process.stderr.write(
      'npm run bench needs a PostgreSQL server: set DATABASE_URL, e.g.\n' +
        '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench\n',
    )
    process.exit(2)
  }
  const asked = process.argv.slice(2)
  const unknown = asked.filter((name) => !(name in BENCHES))
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}\n`,
    )
    process.exit(2)
  }
  const names = asked.length > 0 ? asked : Object.keys(BENCHES)
  const results: BenchResult[] = []
  for (const name of names) {
    process.stdout.write(`running ${name} ...\n`)
    const result = await BENCHES[name]!()
    results.push(result)
    print(result)
  }
  const missed = results.filter((result) => !result.met)
  process.stdout.write(`\n${results.length - missed.length} of ${results.length} targets met\n`)
  process.exit(missed.length > 0 ? 1 : 0)
}

function print(result: BenchResult): void {
  process.stdout.write(
    [
      `\n${result.met ? 'MET   ' : 'MISSED'} ${result.name}`,
      `  figure:   ${result.figure}`,
      `  baseline: ${result.baseline}`,
      `  ratio:    ${result.ratio.toFixed(2)} (target ${result.target})`,
      ...result.details.map((line) => `  ${line}`),
      '',
    ].join('\n'),
  )
}

await main()
