import type {
  DisabilityIndicator,
  ListDisabilityIndicatorsQuery,
} from '@common/api/disability-registry.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import * as repo from './disability-registry.repository.ts'
import {
  coordinatorTown,
  requireStaff,
  type CoordinatorTown,
} from './disability-registry.policy.ts'
import { presentIndicator } from './disability-registry.presenter.ts'
import type { DisabilityIndicatorRow } from './disability-registry.table.ts'

import { COMPONENT, ownTownCommand } from './own-town-command.ts'

/** The registry of the coordinator's own town (active entries unless asked); audited. */
export async function listIndicators(
  ctx: Ctx,
  query: ListDisabilityIndicatorsQuery,
): Promise<DisabilityIndicator[]> {
  const actor = requireStaff(ctx)
  return runCommand(ctx, async (trx) => {
    const town = await coordinatorTown(trx, actor)
    const rows = town ? await repo.listIndicatorsOfTown(trx, town.key, query.includeInactive) : []
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'disability_indicator.listed',
      details: {
        town: town?.town ?? null,
        includeInactive: query.includeInactive,
        rows: rows.length,
      },
    })
    return rows.map((row) => present(ctx, row))
  })
}

/** One entry of the coordinator's town; another town's looks like none (audited denial). */
export function readIndicator(ctx: Ctx, id: string): Promise<DisabilityIndicator> {
  return ownIndicatorCommand(ctx, id, 'disability_indicator.read', (_trx, row) =>
    Promise.resolve(present(ctx, row)),
  )
}

/**
 * The coordinator confirms an entry still holds (the annual re-verification): it is no longer
 * flagged for `reverifyDays`. An inactive entry is refused with 409.
 */
export function reverifyIndicator(ctx: Ctx, id: string): Promise<DisabilityIndicator> {
  return ownIndicatorCommand(ctx, id, 'disability_indicator.reverified', async (trx, row) => {
    if (!row.is_active) throw inactive()
    const updated = await repo.updateIndicator(trx, row.id, {
      last_verified_at: ctx.now(),
      last_verified_by_user_id: ctx.actor?.userId ?? null,
    })
    return present(ctx, updated)
  })
}

/** The coordinator deactivates an entry (the person left, or asked): kept, with the reason. */
export function deactivateIndicator(
  ctx: Ctx,
  id: string,
  reason: string,
): Promise<DisabilityIndicator> {
  return ownIndicatorCommand(ctx, id, 'disability_indicator.deactivated', async (trx, row) => {
    if (!row.is_active) throw inactive()
    const updated = await repo.updateIndicator(trx, row.id, {
      is_active: false,
      deactivated_at: ctx.now(),
      deactivated_reason: reason,
      deactivated_by_user_id: ctx.actor?.userId ?? null,
    })
    return present(ctx, updated)
  })
}

/**
 * The annual re-verification list of the coordinator's town: every active entry, those not
 * re-verified within `reverifyDays` flagged (never dropped). Audited with its format.
 */
export async function reverificationList(
  ctx: Ctx,
  format: string,
): Promise<{ town: CoordinatorTown | null; entries: DisabilityIndicator[] }> {
  const actor = requireStaff(ctx)
  return runCommand(ctx, async (trx) => {
    const town = await coordinatorTown(trx, actor)
    const rows = town ? await repo.listIndicatorsOfTown(trx, town.key, false) : []
    const entries = rows.map((row) => present(ctx, row))
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'disability_indicator.reverification_list',
      details: {
        town: town?.town ?? null,
        format,
        rows: entries.length,
        due: entries.filter((e) => e.reverificationDue).length,
      },
    })
    return { town, entries }
  })
}

function present(ctx: Ctx, row: DisabilityIndicatorRow): DisabilityIndicator {
  return presentIndicator(row, ctx.now(), ctx.config.disabilityRegistry.reverifyDays)
}

function inactive(): AppError {
  return new AppError(
    'disability_indicator_inactive',
    'this entry is no longer active: a new request is needed',
  )
}

/** As for requests: another town's entry, or none, is 404 alike and the refusal is audited. */
function ownIndicatorCommand<T>(
  ctx: Ctx,
  id: string,
  eventType: string,
  command: (trx: Trx, row: DisabilityIndicatorRow) => Promise<T>,
): Promise<T> {
  const notFound = () =>
    new AppError('disability_indicator_not_found', 'no such disability indicator')
  return ownTownCommand(
    ctx,
    { id, subjectType: 'disability_indicator', lock: repo.lockIndicator, notFound },
    eventType,
    command,
  )
}
