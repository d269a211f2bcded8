import type { AlertChannel } from '@common/api/alerts.ts'
import nodemailer, { type Transporter } from 'nodemailer'
import type { MessageProvider } from '../messaging/index.ts'

/** What one attempt came to. */
export type AttemptResult =
  | { kind: 'sent'; providerId: string | null }
  /** The provider asked to slow down: not an attempt; the same message goes again later. */
  | { kind: 'throttled'; retryAfterMs: number }
  /** `final`: trying again cannot help (a refused address, nowhere to send). */
  | { kind: 'failed'; error: string; final: boolean }

const PROVIDER_TIMEOUT_MS = 10_000
const DEFAULT_RETRY_AFTER_MS = 1_000

/**
 * Text, voice and TTY go to the HTTP provider: the delivery id is the message id, so a provider
 * that deduplicates never calls or texts a person twice for one delivery.
 */
export async function sendThroughProvider(
  provider: MessageProvider,
  message: {
    id: string
    channel: Exclude<AlertChannel, 'email'>
    to: string
    body: string
    language: string
  },
): Promise<AttemptResult> {
  let response: Response
  try {
    response = await fetch(provider.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(provider.token ? { authorization: `Bearer ${provider.token}` } : {}),
      },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    })
  } catch (error) {
    return {
      kind: 'failed',
      error: `provider unreachable: ${(error as Error).message}`,
      final: false,
    }
  }
  if (response.status === 429) {
    await response.body?.cancel()
    return { kind: 'throttled', retryAfterMs: retryAfterMs(response.headers.get('retry-after')) }
  }
  if (!response.ok) {
    await response.body?.cancel()
    // 4xx: the provider will refuse this message however often it is sent; 5xx may pass later.
    const final = response.status >= 400 && response.status < 500
    return { kind: 'failed', error: `provider answered ${response.status}`, final }
  }
  const answer = (await response.json().catch(() => ({}))) as { id?: unknown }
  return { kind: 'sent', providerId: typeof answer.id === 'string' ? answer.id : null }
}

function retryAfterMs(header: string | null): number {
  const seconds = Number(header)
  return header !== null && Number.isFinite(seconds) && seconds >= 0
    ? Math.min(seconds * 1000, 60_000)
    : DEFAULT_RETRY_AFTER_MS
}

/** E-mail over SMTP: one pooled connection set per sender. */
export class EmailAdapter {
  private readonly transport: Transporter

  constructor(
    smtpUrl: string,
    private readonly from: string,
    maxConnections: number,
  ) {
    this.transport = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections })
  }

  async send(message: {
    deliveryId: string
    to: string
    subject: string
    text: string
    unsubscribeUrl: string | null
  }): Promise<AttemptResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        // The delivery id names the message, so a repeat after a lost answer is recognisable.
        messageId: `<${message.deliveryId}@${domainOf(this.from)}>`,
        ...(message.unsubscribeUrl ? { list: { unsubscribe: message.unsubscribeUrl } } : {}),
      })
      return { kind: 'sent', providerId: info.messageId }
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode
      return {
        kind: 'failed',
        error: `smtp: ${(error as Error).message}`,
        // 5xx: the server refuses this address for good; a 4xx or a lost connection may pass.
        final: code !== undefined && code >= 500,
      }
    }
  }

  close(): void {
    this.transport.close()
  }
}

function domainOf(address: string): string {
  return /@([^>\s]+)/.exec(address)?.[1] ?? 'alerts.invalid'
}
