import type { AlertContactView, AlertSubscriptionView } from '@common/api/alert-subscribers.ts'
import type { TestPlatform } from './harness.ts'
import type { ResidentSession } from './residents.ts'

/** A verified line of the geography test fixture (`addressFixture`). */
export const FIXTURE_LINE = '12 Main St, Worcester'

/** Signs a resident up for alerts (English, no opt-in categories unless said). */
export async function signUpForAlerts(
  resident: ResidentSession,
  body: { language?: string; noticeCategories?: string[] } = {},
): Promise<AlertSubscriptionView> {
  const response = await resident.request('PUT', '/api/portal/alerts/subscription', {
    language: body.language ?? 'en',
    noticeCategories: body.noticeCategories ?? [],
  })
  if (response.statusCode !== 200) {
    throw new Error(`sign-up: ${response.statusCode} ${response.body}`)
  }
  return response.json<AlertSubscriptionView>()
}

export async function addAlertContact(
  resident: ResidentSession,
  channel: 'sms' | 'voice' | 'tty' | 'email',
  address: string,
): Promise<AlertContactView> {
  const response = await resident.request('POST', '/api/portal/alerts/contacts', {
    channel,
    address,
  })
  if (response.statusCode !== 201) {
    throw new Error(`add contact: ${response.statusCode} ${response.body}`)
  }
  return response.json<AlertContactView>()
}

/** The newest alert confirmation message to a recipient, read from the outbox. */
export async function latestAlertMessage(
  t: TestPlatform,
  recipient: string,
  purpose = 'alert_contact_confirmation',
) {
  return t.db
    .selectFrom('outbox_messages')
    .select(['body', 'channel', 'status'])
    .where('recipient', '=', recipient)
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
}

/** The 6-digit code in the newest confirmation to a phone (a text, or a voice call's digits). */
export async function latestAlertCode(t: TestPlatform, number: string): Promise<string> {
  const { body } = await latestAlertMessage(t, number)
  const texted = /\b(\d{6})\b/.exec(body)?.[1]
  if (texted) return texted
  const spoken = /(\d) (\d) (\d) (\d) (\d) (\d)/.exec(body)
  if (!spoken) throw new Error(`no code in ${body}`)
  return spoken.slice(1, 7).join('')
}
