import { randomBytes } from 'node:crypto'
import type { ResidentPhone, ResidentSessionView } from '@common/api/residents.ts'
import type { LightMyRequestResponse } from 'fastify'
import { RESIDENT_COOKIE } from '../domains/residents/index.ts'
import { CSRF_HEADER } from '../domains/staff/index.ts'
import { TEST_PASSWORD } from './factories.ts'
import type { TestPlatform } from './harness.ts'

/** A resident logged on to the portal: requests carry the portal cookie and the CSRF token. */
export interface ResidentSession {
  accountId: string
  email: string
  cookie: string
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>
}

export function sessionFrom(t: TestPlatform, response: LightMyRequestResponse): ResidentSession {
  const cookie = response.cookies.find((c) => c.name === RESIDENT_COOKIE)
  if (!cookie) throw new Error(`no portal cookie: ${response.statusCode} ${response.body}`)
  const view = response.json<ResidentSessionView>()
  const header = `${RESIDENT_COOKIE}=${cookie.value}`
  return {
    accountId: view.account.id,
    email: view.account.email,
    cookie: header,
    request: (method, url, body, headers = {}) =>
      t.request(method, url, body, { cookie: header, [CSRF_HEADER]: view.csrfToken, ...headers }),
  }
}

/** Signs a new resident up (a unique e-mail each time). */
export async function buildResident(
  t: TestPlatform,
  name = 'Ana Rivera',
): Promise<ResidentSession> {
  const email = `resident-${randomBytes(4).toString('hex')}@example.org`
  const response = await t.request('POST', '/api/portal/account', {
    email,
    password: TEST_PASSWORD,
    displayName: name,
  })
  return sessionFrom(t, response)
}

/** The code in the newest confirmation message to a number, read from the outbox. */
export async function latestCode(t: TestPlatform, number: string): Promise<string> {
  const row = await t.db
    .selectFrom('outbox_messages')
    .select('body')
    .where('recipient', '=', number)
    .where('purpose', '=', 'phone_confirmation')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  const code = /\b(\d{6})\b/.exec(row.body)?.[1] ?? /(\d) (\d) (\d) (\d) (\d) (\d)/.exec(row.body)
  if (!code) throw new Error(`no code in ${row.body}`)
  return typeof code === 'string' ? code : code.slice(1, 7).join('')
}

/** A resident's phone, added and confirmed with the code from the outbox. */
export async function confirmedPhone(
  t: TestPlatform,
  resident: ResidentSession,
  number: string,
): Promise<ResidentPhone> {
  const added = await resident.request('POST', '/api/portal/phones', { number })
  if (added.statusCode !== 201) throw new Error(`add phone: ${added.statusCode} ${added.body}`)
  const phone = added.json<ResidentPhone>()
  const code = await latestCode(t, phone.number)
  const confirmed = await resident.request('POST', `/api/portal/phones/${phone.id}/confirm`, {
    code,
  })
  if (confirmed.statusCode !== 200) {
    throw new Error(`confirm: ${confirmed.statusCode} ${confirmed.body}`)
  }
  return confirmed.json<ResidentPhone>()
}
