import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { openEmbedded, openServer, type DatabaseHandle } from '../../../db/database.ts'
import { acquireLockFile } from '../../../db/lock-file.ts'
import { createServerDatabase } from '../../../test/test-database.ts'
import { csv, readRejects, tempFolder, type TempFolder } from './test-files.ts'

const ROOT = path.resolve(import.meta.dirname, '../../../..')
const onServer = process.env.ECC_TEST_DATABASE === 'server'

let files: TempFolder
let target: Record<string, string>
let dropServerDatabase = (): Promise<void> => Promise.resolve()
before(async () => {
  files = tempFolder()
  if (onServer) {
    const database = await createServerDatabase()
    target = { DATABASE_URL: database.url }
    dropServerDatabase = database.drop
  } else {
    target = { ECC_DATA_DIR: path.join(files.dir, 'data') }
  }
})
after(async () => {
  await dropServerDatabase()
  files.remove()
})

function runImport(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { DATABASE_URL: _url, ECC_DATA_DIR: _dir, ...base } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })))
}

async function withDatabase<T>(use: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = onServer
    ? await openServer(target.DATABASE_URL!)
    : await openEmbedded(target.ECC_DATA_DIR!)
  try {
    return await use(handle)
  } finally {
    await handle.close()
  }
}

const HEADER = ['Add_Number', 'St_PreDir', 'St_Name', 'St_PosTyp', 'Inc_Muni', 'Lat', 'Long']

describe('npm run import', () => {
  it('imports a file, then refuses a malformed one leaving the layer in place', async () => {
    const good = files.write(
      'points.csv',
      csv([
        HEADER,
        [1, 'North', 'Main', 'Street', 'Worcester', 42.26, -71.8],
        [3, '', 'Main', 'St', 'Worcester', 42.261, -71.8],
        [5, '', 'Elm', 'Avenue', 'Leicester', 42.25, -71.9],
      ]),
    )
    const imported = await runImport(['address-points', good], target)
    assert.equal(imported.code, 0, imported.stderr)
    assert.match(imported.stdout, /imported address-points from .*points\.csv/)
    assert.match(
      imported.stdout,
      /rows read: +3\n +imported: +3\n +rejected: +0\n +rejects file: +none/,
    )
    assert.match(imported.stdout, /rows\/s: +\d+/)
    assert.match(imported.stderr, /imported 3 of 3 rows \(100%\)/)

    const bad = files.write(
      'bad.csv',
      csv([
        HEADER,
        [7, '', 'Oak', 'St', 'Worcester', 42.26, -71.8],
        ['7A-B', '', 'Oak', 'St', 'Worcester', 42.26, -71.8],
        [9, '', 'Oak', 'St', 'Worcester', 'n/a', -71.8],
      ]),
    )
    const rejectsFile = path.join(files.dir, 'rejects.csv')
    const refused = await runImport(['address-points', bad, '--rejects', rejectsFile], target)
    assert.equal(refused.code, 1)
    assert.match(refused.stdout, /refused address-points/)
    assert.match(refused.stdout, /rows read: +3\n +imported: +0\n +rejected: +2/)
    assert.match(refused.stderr, /import failed: 2 of 3 rows rejected/)
    assert.deepEqual(
      readRejects(rejectsFile).map((r) => [r.at, r.field]),
      [
        ['line 3', 'Add_Number'],
        ['line 4', 'Lat'],
      ],
    )

    const rows = await withDatabase((handle) =>
      handle.db
        .selectFrom('address_points')
        .select(['house_number', 'pre_direction', 'street_name', 'street_type'])
        .orderBy('house_number')
        .execute(),
    )
    assert.deepEqual(rows, [
      { house_number: 1, pre_direction: 'N', street_name: 'MAIN', street_type: 'ST' },
      { house_number: 3, pre_direction: null, street_name: 'MAIN', street_type: 'ST' },
      { house_number: 5, pre_direction: null, street_name: 'ELM', street_type: 'AVE' },
    ])
  })

  it('refuses to run while another process holds the embedded data folder', async () => {
    const dir = path.join(files.dir, 'held')
    fs.mkdirSync(dir, { recursive: true })
    const release = acquireLockFile(path.join(dir, 'ecc.lock'))
    try {
      const file = files.write(
        'one.csv',
        csv([HEADER, [1, '', 'Main', 'St', 'Worcester', 42, -71]]),
      )
      const result = await runImport(['address-points', file], { ECC_DATA_DIR: dir })
      assert.equal(result.code, 1)
      assert.match(result.stderr, /import refused: the embedded database is in use/)
      assert.match(result.stderr, new RegExp(`process ${process.pid}`))
    } finally {
      release()
    }
  })

  it('answers a usage error with exit code 2 and the layer names', async () => {
    const result = await runImport(['streets', 'x.csv'], target)
    assert.equal(result.code, 2)
    assert.match(result.stderr, /unknown layer "streets"/)
    assert.match(
      result.stderr,
      /layers: address-points, roads, msag, towns, response-zones, places/,
    )
  })
})
