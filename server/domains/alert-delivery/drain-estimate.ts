import { ALERT_CHANNELS, type ChannelCounts } from '@common/api/alerts.ts'
import type { AlertSettings } from '../../config.ts'

export type ExchangeCounts = Record<'voice' | 'tty', Map<string, number>>

/**
 * Seconds until every delivery of a send is out, under the throttles: channels send in parallel,
 * each at its own rate, after the deliveries already queued ahead of it (`backlog`); voice and
 * TTY calls are also held to `exchangeRate` per telephone exchange, so the busiest exchange can
 * take longer than the channel as a whole. The answer is the slowest channel, rounded up.
 */
export function estimateDrainSeconds(
  settings: AlertSettings,
  counts: { byChannel: ChannelCounts; byExchange: ExchangeCounts; backlog?: ChannelCounts },
): { seconds: number; byChannel: ChannelCounts } {
  const byChannel: ChannelCounts = { sms: 0, voice: 0, email: 0, tty: 0 }
  for (const channel of ALERT_CHANNELS) {
    const total = counts.byChannel[channel] + (counts.backlog?.[channel] ?? 0)
    let seconds = total / settings.rates[channel]
    if (channel === 'voice' || channel === 'tty') {
      // The backlog's exchanges are not known; the new send's busiest exchange bounds it alone.
      const busiest = Math.max(0, ...counts.byExchange[channel].values())
      seconds = Math.max(seconds, busiest / settings.exchangeRate)
    }
    byChannel[channel] = Math.ceil(seconds)
  }
  return { seconds: Math.max(...Object.values(byChannel)), byChannel }
}
