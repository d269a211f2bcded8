import type { Db } from '../../db/schema.ts'
import type { Agency, CreateAgencyBody, UpdateAgencyBody } from '@common/api/staff.ts'
import { runCommand } from '../../commands/run-command.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import * as agencies from './agencies.repository.ts'
import { presentAgency } from './staff.presenter.ts'
import type { AgencyUpdate } from './staff.table.ts'

const COMPONENT = 'staff'

export async function listAgencies(ctx: Ctx): Promise<Agency[]> {
  return readAgencies(ctx.db)
}

/** The agencies, read with the caller's transaction (other domains run inside one). */
export async function readAgencies(db: Db): Promise<Agency[]> {
  return (await agencies.listAgencyRows(db)).map(presentAgency)
}

/** Administrators add the police, fire and EMS agencies of the towns the center serves. */
export async function createAgency(ctx: Ctx, body: CreateAgencyBody): Promise<Agency> {
  return runCommand(ctx, async (trx) => {
    if (await agencies.findAgencyByCode(trx, body.code)) {
      throw new AppError('agency_code_taken', `code: ${body.code} is taken`, 'code')
    }
    const row = await agencies.insertAgency(trx, body)
    appendEvent(trx, ctx, {
      type: 'agency.created',
      stream: `agency:${row.id}`,
      payload: { agencyId: row.id, code: row.code, kind: row.kind, town: row.town },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'agency.created',
      subject: { type: 'agency', id: row.id },
      details: { ...body },
    })
    return presentAgency(row)
  })
}

export async function updateAgency(ctx: Ctx, id: string, body: UpdateAgencyBody): Promise<Agency> {
  return runCommand(ctx, async (trx) => {
    const before = await agencies.findAgencyById(trx, id)
    if (!before) throw new AppError('agency_not_found', `no agency ${id}`)
    const update: AgencyUpdate = { ...body, updated_at: ctx.now() }
    const row = await agencies.updateAgency(trx, id, update)
    const changed = Object.keys(body)
    appendEvent(trx, ctx, {
      type: 'agency.updated',
      stream: `agency:${id}`,
      payload: { agencyId: id, code: row.code, changed },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'agency.updated',
      subject: { type: 'agency', id },
      details: { changed, before: presentAgency(before), after: presentAgency(row) },
    })
    return presentAgency(row)
  })
}
