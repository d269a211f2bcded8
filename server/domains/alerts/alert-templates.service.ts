import type { AlertTemplateBody, AlertTemplateView } from '@common/api/alerts.ts'
import type { z } from 'zod'
import { runCommand } from '../../commands/run-command.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { presentTemplate } from './alerts.presenter.ts'
import * as repo from './alerts.repository.ts'

type TemplateBody = z.infer<typeof AlertTemplateBody>

export async function listTemplateViews(ctx: Ctx): Promise<AlertTemplateView[]> {
  return (await repo.listTemplates(ctx.db)).map(presentTemplate)
}

export async function saveTemplate(
  ctx: Ctx,
  id: string | null,
  body: TemplateBody,
): Promise<AlertTemplateView> {
  return runCommand(ctx, async (trx) => {
    const taken = await trx
      .selectFrom('alert_templates')
      .select('id')
      .where('name', '=', body.name)
      .where('retired_at', 'is', null)
      .executeTakeFirst()
    if (taken && taken.id !== id) {
      throw new AppError('conflict', 'name: another template has this name', 'name')
    }
    const values = { ...repo.templateColumns(body), updated_at: ctx.now() }
    const row = id
      ? await trx
          .updateTable('alert_templates')
          .set(values)
          .where('id', '=', id)
          .where('retired_at', 'is', null)
          .returningAll()
          .executeTakeFirst()
      : await trx
          .insertInto('alert_templates')
          .values({ ...values, created_by: ctx.actor?.userId ?? null })
          .returningAll()
          .executeTakeFirstOrThrow()
    if (!row) throw new AppError('alert_template_not_found', 'no such template')
    await recordAudit(trx, ctx, {
      component: 'alerts',
      eventType: id ? 'alert_template.changed' : 'alert_template.created',
      subject: { type: 'alert_template', id: row.id },
      details: { name: row.name },
    })
    return presentTemplate(row)
  })
}
