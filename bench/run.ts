/**
 * `npm run bench [-- name ...]`: the platform's speed targets, each measured beside a baseline in
 * the same run and printed as a ratio (these machines are shared and noisy; absolute figures are
 * not comparable between runs). Needs DATABASE_URL naming a PostgreSQL server whose user may
 * create databases; each benchmark works in a fresh database it drops afterwards, and runs in a
 * process of its own, so that the garbage one leaves in the heap does not pause the next one's
 * clocks. Exits 1 when a target is missed, after printing every result.
 */
import { spawn } from 'node:child_process'
import { alertBlastBench } from './alert-blast.bench.ts'
import { burstBench } from './burst.bench.ts'
import { commandPathBench } from './command-path.bench.ts'
import { consoleLatencyBench } from './console-latency.ts'
import { importBench } from './import.bench.ts'
import { liveLatencyBench } from './live-latency.bench.ts'
import { liveOnOffBench } from './live-on-off.bench.ts'
import type { BenchResult } from './lib/measure.ts'
import { profileLookupBench } from './profile-lookup.ts'
import { recommendBench } from './recommend.bench.ts'
import { sipIngressBench } from './sip-ingress.bench.ts'
import { recordsCandidatesBench } from './records-candidates.bench.ts'
import { redactionBench } from './redaction.bench.ts'
import { verifyBench } from './verify.bench.ts'

/** A benchmark reports one result, or several when one costly setup serves several targets. */
const BENCHES: Record<string, () => Promise<BenchResult | BenchResult[]>> = {
  'command-path': commandPathBench,
  'live-on-off': liveOnOffBench,
  'live-latency': liveLatencyBench,
  burst: burstBench,
  verify: verifyBench,
  import: importBench,
  recommend: recommendBench,
  'console-latency': consoleLatencyBench,
  'profile-lookup': profileLookupBench,
  'sip-ingress': sipIngressBench,
  'records-candidates': recordsCandidatesBench,
  redaction: redactionBench,
  'alert-blast': alertBlastBench,
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    process.stderr.write(
      'npm run bench needs a PostgreSQL server: set DATABASE_URL, e.g.\n' +
        '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench\n',
    )
    process.exit(2)
  }
  if (process.argv[2] === '--one') return runOne(process.argv[3]!)
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
    for (const result of await runInOwnProcess(name)) {
      results.push(result)
      print(result)
    }
  }
  const missed = results.filter((result) => !result.met)
  process.stdout.write(`\n${results.length - missed.length} of ${results.length} targets met\n`)
  process.exit(missed.length > 0 ? 1 : 0)
}

const RESULT_PREFIX = 'bench-result '

/** Runs one benchmark in a child process; each result comes back as one line of JSON. */
function runInOwnProcess(name: string): Promise<BenchResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', import.meta.filename, '--one', name],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.once('error', reject)
    child.once('exit', (code) => {
      const lines = output.split('\n').filter((l) => l.startsWith(RESULT_PREFIX))
      if (lines.length === 0) {
        reject(new Error(`benchmark ${name} ended (${code}) without a result:\n${output}`))
        return
      }
      const rest = output.split('\n').filter((l) => !l.startsWith(RESULT_PREFIX))
      process.stdout.write(rest.join('\n'))
      resolve(lines.map((line) => JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult))
    })
  })
}

/** The child's side: one benchmark, its results on stdout. */
async function runOne(name: string): Promise<void> {
  for (const result of [await BENCHES[name]!()].flat()) {
    process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`)
  }
  process.exit(0)
}

function print(result: BenchResult): void {
  process.stdout.write(
    [
      `\n${result.met ? 'MET   ' : 'MISSED'} ${result.name}`,
      `  figure:   ${result.figure}`,
      `  baseline: ${result.baseline}`,
      `  ratio:    ${Number.isFinite(result.ratio) ? result.ratio.toFixed(2) : 'n/a'} (target ${result.target})`,
      ...result.details.map((line) => `  ${line}`),
      '',
    ].join('\n'),
  )
}

await main()
