import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import { DataFolderInUseError, acquireLockFile } from './lock-file.ts'

const tempLock = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ecc-lock-')), 'ecc.lock')

describe(acquireLockFile.name, () => {
  it('refuses a second holder while the first lives, and frees the lock on release', () => {
    const file = tempLock()
    const release = acquireLockFile(file)
    // This process holds it: a second take must fail just as another process's would.
    assert.throws(() => acquireLockFile(file), DataFolderInUseError)
    release()
    assert.equal(fs.existsSync(file), false)
    acquireLockFile(file)()
  })

  it('takes over a lock left by a process that died', async () => {
    const file = tempLock()
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'])
    fs.writeFileSync(
      file,
      JSON.stringify({ pid: child.pid, host: os.hostname(), startedAt: 'then' }),
    )
    assert.throws(() => acquireLockFile(file), /in use by process/)
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    const release = acquireLockFile(file)
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).pid, process.pid)
    release()
  })

  it('takes over a lock file left half-written', () => {
    const file = tempLock()
    fs.writeFileSync(file, '{"pid":')
    acquireLockFile(file)()
  })
})
