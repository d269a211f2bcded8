import { randomInt } from 'node:crypto'
import assert from 'node:assert/strict'
import type {
  PaperRecordsRequestForm,
  PortalRecordsRequest,
  RecordsRequest,
  RecordsRequestFormInput,
} from '@common/api/records-requests.ts'
import type { StaffSession, TestPlatform } from '../../test/harness.ts'
import type { ResidentSession } from '../../test/residents.ts'
import { ingestRecording, makeToneWav } from '../recordings/index.ts'
import { addDays, localDateOf, localInstant } from './local-time.ts'

/** Test helpers for records requests: calls in the CAD record, and the forms that find them. */

const ZONE = 'America/New_York'
let nextDay = 2

/** A fresh 911 number, so that tests of one file never match each other's calls. */
export function freshNumber(): string {
  return `+1508${String(randomInt(2_000_000, 9_999_999))}`
}

/** A local date some days back, a different one on each call (windows never overlap). */
export function pastDay(t: TestPlatform): string {
  return addDays(localDateOf(t.clock.now(), ZONE), -nextDay++)
}

/** A released 911 call at a local date and time, with its location as the ALI gave it. */
export async function callAt(
  t: TestPlatform,
  options: { date: string; time: string; ani: string | null; location?: string },
) {
  const arrivedAt = localInstant(options.date, options.time, ZONE)
  const call = await t.db
    .insertInto('calls')
    .values({
      line: '911',
      ani: options.ani,
      status: 'released',
      arrived_at: arrivedAt,
      released_at: new Date(arrivedAt.getTime() + 90_000),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await t.db
    .insertInto('call_locations')
    .values({
      call_id: call.id,
      source: 'ali',
      location_text: options.location ?? '100 Main St, Worcester',
      town: 'Worcester',
      received_at: arrivedAt,
      is_primary: true,
    })
    .execute()
  return call
}

/** A 3-second tone recorded for the call. */
export function recordingOf(t: TestPlatform, callId: string) {
  return ingestRecording(t.platform.systemCtx(), {
    callId,
    source: 'upload',
    contentType: 'audio/wav',
    body: makeToneWav({ seconds: 3, hz: 440, encoding: 'pcmu' }),
  })
}

export function form(
  date: string,
  callingNumber: string,
  overrides: Partial<RecordsRequestFormInput> = {},
): RecordsRequestFormInput {
  return {
    callDate: date,
    timeFrom: '14:10',
    timeTo: '14:30',
    callingNumber,
    location: '100 Main St',
    whatHappened: 'My father fell and I called for an ambulance',
    requesterType: 'caller',
    ...overrides,
  }
}

export function paperForm(
  date: string,
  callingNumber: string,
  overrides: Partial<PaperRecordsRequestForm> = {},
): Record<string, unknown> {
  return {
    ...form(date, callingNumber),
    requester: {
      name: 'Jordan Ellis',
      email: `jordan-${randomInt(1_000_000)}@example.org`,
      mailingAddress: '12 Elm St, Worcester MA 01609',
    },
    ...overrides,
  }
}

export async function fileOnPortal(
  resident: ResidentSession,
  body: RecordsRequestFormInput,
): Promise<PortalRecordsRequest> {
  const response = await resident.request('POST', '/api/portal/records-requests', body)
  assert.equal(response.statusCode, 201, response.body)
  return response.json<PortalRecordsRequest>()
}

export async function fileOnPaper(
  clerk: StaffSession,
  body: Record<string, unknown>,
): Promise<RecordsRequest> {
  const response = await clerk.request('POST', '/api/records-requests', body)
  assert.equal(response.statusCode, 201, response.body)
  return response.json<RecordsRequest>()
}

/** The code in the newest proof message to a number, read from the outbox. */
export async function latestProofCode(t: TestPlatform, number: string): Promise<string> {
  const row = await t.db
    .selectFrom('outbox_messages')
    .select('body')
    .where('recipient', '=', number)
    .where('purpose', '=', 'records_number_proof')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  const code = /code for records request \S+ is (\d{6})/.exec(row.body)?.[1]
  if (!code) throw new Error(`no code in ${row.body}`)
  return code
}
