import type { AlertLanguage, AlertText } from '@common/api/alerts.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import * as repo from './alerts.repository.ts'
import type { AlertRow } from './alerts.table.ts'
import {
  CAP_PARAMETER_LIMITS,
  capAreasFor,
  capDocument,
  capLanguage,
  type TownCoordinates,
} from './cap/cap-document.ts'

/**
 * The alert's CAP 1.2 document: one <info> per language, its include areas (exclusions named in
 * areaDesc, which CAP cannot express otherwise), and for an Update or Cancel the messages it
 * references. A draft's <sent> is its creation time until it is sent.
 */
export async function capXml(ctx: Ctx, id: string): Promise<string> {
  const alert = await repo.findAlert(ctx.db, id)
  if (!alert) throw new AppError('alert_not_found', 'no such alert')
  const settings = ctx.config.alerts
  const sender = `alerts@${ctx.config.centerDomain}`
  const chain = await repo.referenceChain(ctx.db, alert)
  const towns = new Map<string, TownCoordinates>()
  for (const [name, geometry] of await repo.townBoundaries(ctx.db)) {
    towns.set(name, geometry.coordinates)
  }
  const areas = capAreasFor(alert.areas, towns, settings.countySame)
  return capDocument({
    identifier: alert.identifier,
    sender,
    sent: sentOf(alert),
    status: alert.status,
    msgType: alert.msg_type,
    scope: 'Public',
    references: chain
      .reverse()
      .map((ref) => ({ sender, identifier: ref.identifier, sent: sentOf(ref) })),
    timeZone: ctx.config.timeZone,
    infos: (Object.entries(alert.texts) as [AlertLanguage, AlertText][]).map(
      ([language, text]) => ({
        language: capLanguage(language),
        category: alert.cap_category,
        event: alert.event,
        urgency: alert.urgency,
        severity: alert.severity,
        certainty: alert.certainty,
        senderName: settings.senderName,
        headline: text.headline,
        description: text.description,
        instruction: text.instruction,
        expires: alert.expires_at,
        parameters: [
          { valueName: 'CMAMtext', value: text.shortText },
          { valueName: 'CMAMlongtext', value: text.description },
        ].filter((p) => [...p.value].length <= CAP_PARAMETER_LIMITS[p.valueName]!),
        areas,
      }),
    ),
  })
}

function sentOf(alert: Pick<AlertRow, 'sent_at' | 'created_at'>): Date {
  return alert.sent_at ?? alert.created_at
}
