import { createHash, randomUUID } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../../http/errors.ts'

/**
 * Recording files on disk. A file is received into `<dir>/.incoming/` while it is hashed and
 * counted, made durable, and only then moved to `<dir>/<yyyy>/<mm>/<id>.<ext>`: a half-written
 * file never sits where a row could point at it.
 */

export interface ReceivedFile {
  tempPath: string
  byteSize: number
  sha256: string
}

/** Receives `body` into the incoming folder; over `maxBytes` the partial file is removed (413). */
export async function receiveFile(
  dir: string,
  body: NodeJS.ReadableStream | Buffer,
  options: {
    maxBytes: number
    /** Sees each chunk, then the end (with no chunk); throws to refuse the file. */
    inspect?: (chunk: Buffer | null) => void
  },
): Promise<ReceivedFile> {
  const incoming = path.join(dir, '.incoming')
  await mkdir(incoming, { recursive: true })
  const tempPath = path.join(incoming, randomUUID())
  const handle = await open(tempPath, 'wx')
  const hash = createHash('sha256')
  let byteSize = 0
  const take = async (chunk: Buffer) => {
    byteSize += chunk.length
    if (byteSize > options.maxBytes) throw tooLarge(options.maxBytes)
    options.inspect?.(chunk)
    hash.update(chunk)
    await writeAll(handle, chunk)
  }
  try {
    if (Buffer.isBuffer(body)) await take(body)
    else await eachChunk(body, take)
    options.inspect?.(null)
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(tempPath, { force: true })
    throw error
  }
  await handle.close()
  return { tempPath, byteSize, sha256: hash.digest('hex') }
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError(
    'recording_too_large',
    `body: larger than the limit of ${maxBytes} bytes`,
    'body',
  )
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let written = 0
  while (written < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, written, chunk.length - written)
    written += bytesWritten
  }
}

/**
 * Feeds the stream's chunks one at a time, pausing it while each is written. On failure the
 * stream is left paused, not destroyed: an HTTP request must stay open for the error reply.
 */
function eachChunk(
  stream: NodeJS.ReadableStream,
  take: (chunk: Buffer) => Promise<void>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false
    let writing: Promise<void> = Promise.resolve()
    const fail = (error: unknown) => {
      if (failed) return
      failed = true
      stream.removeListener('data', onData)
      stream.pause()
      reject(error instanceof Error ? error : new Error(String(error)))
    }
    const onData = (chunk: Buffer | string) => {
      stream.pause()
      writing = writing
        .then(() => take(typeof chunk === 'string' ? Buffer.from(chunk) : chunk))
        .then(() => {
          if (!failed) stream.resume()
        }, fail)
    }
    stream.on('data', onData)
    stream.once('end', () => {
      writing.then(() => {
        if (!failed) resolve()
      }, fail)
    })
    stream.once('error', fail)
    stream.resume()
  })
}

/** Where a recording's file lives, relative to the recordings folder. */
export function storagePathFor(id: string, startedAt: Date, extension: 'wav' | 'txt'): string {
  const year = String(startedAt.getUTCFullYear())
  const month = String(startedAt.getUTCMonth() + 1).padStart(2, '0')
  return path.posix.join(year, month, `${id}.${extension}`)
}

export function absolutePath(dir: string, storagePath: string): string {
  return path.join(dir, ...storagePath.split('/'))
}

/** Moves a received file into place and makes the rename durable. */
export async function placeFile(dir: string, tempPath: string, storagePath: string): Promise<void> {
  const target = absolutePath(dir, storagePath)
  await mkdir(path.dirname(target), { recursive: true })
  await rename(tempPath, target)
  const folder = await open(path.dirname(target), 'r')
  try {
    await folder.sync()
  } finally {
    await folder.close()
  }
}

export async function removeFile(file: string): Promise<void> {
  await rm(file, { force: true })
}

/** SHA-256 and size of a file, read as a stream. */
export async function hashFile(file: string): Promise<{ sha256: string; byteSize: number }> {
  const hash = createHash('sha256')
  let byteSize = 0
  for await (const chunk of createReadStream(file)) {
    const bytes = chunk as Buffer
    hash.update(bytes)
    byteSize += bytes.length
  }
  return { sha256: hash.digest('hex'), byteSize }
}
