import fs from 'node:fs'
import os from 'node:os'

export class DataFolderInUseError extends Error {}

interface LockOwner {
  pid: number
  host: string
  startedAt: string
}

/**
 * Takes an exclusive lock file. PGlite does not lock its data folder, and two processes writing
 * one folder silently lose writes; the second process must get a clear error instead.
 * A lock left by a process that died (SIGKILL, power loss) is taken over.
 * Returns the function that releases the lock.
 */
export function acquireLockFile(file: string): () => void {
  const owner: LockOwner = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx')
      fs.writeSync(fd, JSON.stringify(owner))
      fs.fsyncSync(fd)
      fs.closeSync(fd)
      return () => releaseLockFile(file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = readOwner(file)
      if (holder && holder.host === owner.host && isAlive(holder.pid)) {
        throw new DataFolderInUseError(
          `the data folder is in use by process ${holder.pid} (since ${holder.startedAt}); ` +
            `stop that process, or set ECC_DATA_DIR to another folder (lock file: ${file})`,
        )
      }
      if (holder && holder.host !== owner.host) {
        throw new DataFolderInUseError(
          `the data folder is locked by host ${holder.host}, process ${holder.pid}; ` +
            `if that host is down, remove ${file} by hand`,
        )
      }
      // The holder is gone: the lock is stale. Remove it and try once more; if another process
      // wins that race, the second attempt sees a live owner and refuses.
      fs.rmSync(file, { force: true })
    }
  }
  throw new DataFolderInUseError(`could not take the lock file ${file}`)
}

function releaseLockFile(file: string): void {
  if (readOwner(file)?.pid === process.pid) fs.rmSync(file, { force: true })
}

function readOwner(file: string): LockOwner | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner
  } catch {
    // Half-written by a process killed between open and write: treat as stale.
    return null
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
