import type { AlertTemplateBody } from '@common/api/alerts.ts'
import type { z } from 'zod'
import type { Ctx } from '../http/context.ts'
import { seedDemoSubscribers } from './demo-subscribers.ts'

type Template = z.infer<typeof AlertTemplateBody>

/** The templates a center keeps ready, so an alert is one click and a map away. */
export const DEMO_ALERT_TEMPLATES: Template[] = [
  {
    name: 'Shelter in place',
    noticeCategory: 'emergency',
    capCategory: 'Safety',
    event: 'Shelter in place',
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Observed',
    texts: {
      en: {
        headline: 'Shelter in place now',
        description:
          'Police activity in your area. Stay inside, lock doors, stay away from windows.',
        instruction: 'Stay inside until an all-clear message. Call 911 only for an emergency.',
        shortText: 'Police activity near you: stay inside, lock doors, stay away from windows.',
      },
      es: {
        headline: 'Refúgiese en su casa ahora',
        description: 'Actividad policial en su zona. Quédese adentro y cierre las puertas.',
        instruction: 'Quédese adentro hasta recibir un aviso. Llame al 911 solo en emergencias.',
        shortText: 'Actividad policial cerca: quédese adentro y cierre las puertas.',
      },
    },
  },
  {
    name: 'Evacuation order',
    noticeCategory: 'emergency',
    capCategory: 'Safety',
    event: 'Evacuation immediate',
    urgency: 'Immediate',
    severity: 'Extreme',
    certainty: 'Observed',
    texts: {
      en: {
        headline: 'Leave the area now',
        description: 'A hazard in your area requires everyone to leave now.',
        instruction: 'Leave now by the nearest main road. Do not return until told it is safe.',
        shortText: 'Evacuate now: leave the area by the nearest main road.',
      },
    },
  },
  {
    name: 'Boil water order',
    noticeCategory: 'emergency',
    capCategory: 'Health',
    event: 'Boil water order',
    urgency: 'Expected',
    severity: 'Moderate',
    certainty: 'Likely',
    texts: {
      en: {
        headline: 'Boil water before drinking',
        description: 'A water main break may have let dirt into the water in your area.',
        instruction:
          'Boil tap water for one minute before drinking or cooking until further notice.',
        shortText: 'Boil water order: boil tap water 1 minute before use until further notice.',
      },
    },
  },
  {
    name: 'Snow emergency parking ban',
    noticeCategory: 'roads',
    capCategory: 'Transport',
    event: 'Snow emergency parking ban',
    urgency: 'Expected',
    severity: 'Minor',
    certainty: 'Likely',
    texts: {
      en: {
        headline: 'Snow emergency: parking ban tonight',
        description: 'A citywide parking ban starts at 8 pm for plowing.',
        instruction: 'Move cars off main streets by 8 pm; cars left there will be towed.',
        shortText: 'Snow emergency: parking ban from 8pm. Move cars off main streets.',
      },
    },
  },
  {
    name: 'Severe weather warning',
    noticeCategory: 'weather',
    capCategory: 'Met',
    event: 'Severe thunderstorm warning',
    urgency: 'Expected',
    severity: 'Severe',
    certainty: 'Likely',
    texts: {
      en: {
        headline: 'Severe thunderstorms expected',
        description: 'Damaging winds and hail are expected this afternoon.',
        instruction: 'Secure loose objects outdoors and stay inside during the storm.',
        shortText: 'Severe storms this afternoon: stay inside, secure loose objects.',
      },
    },
  },
]

/** How many generated subscribers the demo center starts with. */
export const DEMO_SUBSCRIBERS = 2000

export async function loadDemoAlerts(ctx: Ctx): Promise<void> {
  await ctx.db
    .insertInto('alert_templates')
    .values(
      DEMO_ALERT_TEMPLATES.map((template) => ({
        name: template.name,
        notice_category: template.noticeCategory,
        cap_category: template.capCategory,
        event: template.event,
        urgency: template.urgency,
        severity: template.severity,
        certainty: template.certainty,
        texts: JSON.stringify(template.texts),
      })),
    )
    .execute()
  await seedDemoSubscribers(ctx.db, DEMO_SUBSCRIBERS)
}
