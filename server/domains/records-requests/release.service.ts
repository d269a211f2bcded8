import { createHash, randomBytes } from 'node:crypto'
import type { RecordsRequest } from '@common/api/records-requests.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { queueMessage } from '../messaging/index.ts'
import { openReleasedRecording, releaseRecordings } from '../recordings/index.ts'
import { COMPONENT } from './calendar.service.ts'
import { lockForClerk } from './eligibility.service.ts'
import * as repo from './records-requests.repository.ts'
import type { RecordsReleaseFileRow, RecordsRequestRow } from './records-requests.table.ts'
import { findMine } from './records-requests.service.ts'
import { loadRequest, viewForClerk } from './request-views.ts'

const DAY_MS = 86_400_000

/** The link a requester downloads a released file with. */
export function downloadUrl(origin: string, token: string): string {
  return `${origin}/api/records/downloads/${token}`
}

export type ReleasedRequest = RecordsRequest & { links: { recordingId: string; url: string }[] }

/**
 * Releases recordings of the linked call to an eligible requester whose fee is settled. Each file
 * gets its own download link (a random token, kept only as its SHA-256, good for `linkDays`),
 * sent to the requester and shown to the clerk this once.
 */
export async function releaseRequest(
  ctx: Ctx,
  id: string,
  recordingIds: string[],
  origin: string,
): Promise<ReleasedRequest> {
  return runCommand(ctx, async (trx) => {
    const now = ctx.now()
    const row = await lockForClerk(trx, id)
    const { assessment } = await loadRequest(trx, ctx, row)
    if (assessment.status !== 'ready_to_release' || !row.call_id) {
      throw new AppError(
        'conflict',
        `status: the request is ${assessment.status}, not ready_to_release`,
        'status',
      )
    }
    const recordings = await releaseRecordings(trx, ctx, {
      callId: row.call_id,
      recordingIds,
      requestId: row.id,
      requestNumber: row.number,
    })
    const expiresAt = new Date(now.getTime() + ctx.config.recordsRequests.linkDays * DAY_MS)
    const links: { recordingId: string; url: string }[] = []
    for (const [index, recording] of recordings.entries()) {
      const token = randomBytes(32).toString('base64url')
      const redacted = recording.derivedFromId !== null
      await repo.insertReleaseFile(trx, {
        request_id: row.id,
        recording_id: recording.id,
        token_sha256: tokenHash(token),
        file_name: `${row.number}-${index + 1}${redacted ? '-redacted' : ''}.${recording.kind === 'audio' ? 'wav' : 'txt'}`,
        sha256: recording.sha256,
        byte_size: recording.byteSize,
        duration_ms: recording.durationMs,
        redacted,
        expires_at: expiresAt,
        created_at: now,
      })
      links.push({ recordingId: recording.id, url: downloadUrl(origin, token) })
    }
    const released = await repo.updateRequest(trx, row.id, {
      released_at: now,
      responded_at: row.responded_at ?? now,
    })
    await notifyRequester(trx, ctx, released, links, expiresAt)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'records_request.released',
      subject: { type: 'records_request', id: row.id },
      details: {
        number: row.number,
        callId: row.call_id,
        recordingIds: recordings.map((recording) => recording.id),
        expiresAt: expiresAt.toISOString(),
      },
    })
    return { ...(await viewForClerk(trx, ctx, released)), links }
  })
}

/** E-mail when the requester gave one, else a text; a paper requester with neither gets the letter. */
async function notifyRequester(
  trx: Trx,
  ctx: Ctx,
  row: RecordsRequestRow,
  links: { url: string }[],
  expiresAt: Date,
): Promise<void> {
  const recipient = row.requester_email ?? row.requester_phone
  if (!recipient) return
  const until = expiresAt.toLocaleDateString('en-US', {
    timeZone: ctx.config.timeZone,
    dateStyle: 'long',
  })
  await queueMessage(trx, ctx, {
    channel: row.requester_email ? 'email' : 'sms',
    recipient,
    purpose: 'records_release',
    body:
      `Records request ${row.number}: the recording you asked for is ready. ` +
      `Download ${links.length === 1 ? 'it' : 'each file'} by ${until}:\n` +
      links.map((link) => link.url).join('\n'),
  })
}

export interface DownloadFile {
  filePath: string
  fileName: string
  contentType: string
  byteSize: number
}

/** A download through a link: unknown → 404, expired → 410; each one logged. */
export async function downloadByToken(ctx: Ctx, token: string): Promise<DownloadFile> {
  const file = await repo.findReleaseFileByToken(ctx.db, tokenHash(token))
  if (!file) throw new AppError('not_found', 'no such download link')
  return openFile(ctx, file, { label: 'download link', residentAccountId: null })
}

/** The resident downloads a file released on their own request. */
export async function downloadMine(
  ctx: Ctx,
  requestId: string,
  recordingId: string,
): Promise<DownloadFile> {
  const row = await findMine(ctx, requestId)
  const file = await repo.findReleaseFile(ctx.db, row.id, recordingId)
  if (!file) throw new AppError('not_found', `no file ${recordingId} was released on this request`)
  const resident = ctx.resident!
  return openFile(ctx, file, {
    label: `resident ${resident.email}`,
    residentAccountId: resident.accountId,
  })
}

async function openFile(
  ctx: Ctx,
  file: RecordsReleaseFileRow,
  actor: { label: string; residentAccountId: string | null },
): Promise<DownloadFile> {
  if (file.expires_at <= ctx.now()) {
    throw new AppError(
      'download_link_expired',
      `this download link expired on ${file.expires_at.toLocaleString('en-US', { timeZone: ctx.config.timeZone, dateStyle: 'long', timeStyle: 'short' })}; ask the records office for a new one`,
    )
  }
  return runCommand(ctx, async (trx) => {
    const opened = await openReleasedRecording(trx, ctx, {
      recordingId: file.recording_id,
      requestId: file.request_id,
      actor,
    })
    await repo.insertDownload(trx, {
      file_id: file.id,
      at: ctx.now(),
      by: actor.label,
      resident_account_id: actor.residentAccountId,
    })
    return {
      filePath: opened.filePath,
      fileName: file.file_name,
      contentType: opened.contentType,
      byteSize: opened.byteSize,
    }
  })
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}
