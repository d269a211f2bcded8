import type { LightMyRequestResponse } from 'fastify'
import type { StaffSession, TestPlatform } from '../../test/harness.ts'
import { CSRF_HEADER } from '../staff/index.ts'

/** Test helpers for the recordings domain (and the records-requests domain that uses it). */

/** A call row, released a minute after it arrived unless said. */
export async function buildCall(
  t: TestPlatform,
  overrides: { arrivedAt?: Date; releasedAt?: Date | null; ani?: string } = {},
) {
  const arrivedAt = overrides.arrivedAt ?? new Date(t.clock.now().getTime() - 120_000)
  const releasedAt =
    overrides.releasedAt === undefined
      ? new Date(arrivedAt.getTime() + 60_000)
      : overrides.releasedAt
  return t.db
    .insertInto('calls')
    .values({
      line: '911',
      ani: overrides.ani ?? '+15085550123',
      status: releasedAt ? 'released' : 'answered',
      arrived_at: arrivedAt,
      released_at: releasedAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** POSTs raw bytes as a recording of the call. */
export function uploadRecording(
  t: TestPlatform,
  session: StaffSession,
  callId: string,
  bytes: Buffer | string,
  options: { contentType?: string; query?: string } = {},
): Promise<LightMyRequestResponse> {
  return t.platform.app.inject({
    method: 'POST',
    url: `/api/calls/${callId}/recordings${options.query ? `?${options.query}` : ''}`,
    headers: {
      cookie: session.cookie,
      [CSRF_HEADER]: session.csrfToken,
      'content-type': options.contentType ?? 'audio/wav',
    },
    payload: bytes,
  })
}
