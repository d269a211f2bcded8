import type {
  AddPremiseCautionBody,
  ListPremiseCautionsQuery,
  PremiseCaution,
  PremiseInfo,
  PremiseQuery,
  RemovePremiseCautionBody,
} from '@common/api/premises.ts'
import { addressKey, formatAddress } from '@common/domain/address.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Db } from '../../db/schema.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import * as cautions from './premise-cautions.repository.ts'
import { presentPremiseCaution, presentPriorIncident } from './premise.presenter.ts'

const COMPONENT = 'incidents'
const DAY_MS = 86_400_000
/** The call taker's screen shows the most recent ones; a busy address has hundreds a year. */
const PRIOR_INCIDENTS_SHOWN = 50

/**
 * What the call-taking screen shows for an address on every new call there: the cautions in
 * force (not removed, not expired) and the incidents there within the look-back (the setting
 * ECC_PREMISE_LOOKBACK_DAYS), newest first, at most 50. `excludeIncidentId` leaves out the
 * incident being taken. Reads with `db`, so a command can call it inside its transaction.
 */
export async function findPremiseInfo(
  db: Db,
  ctx: Ctx,
  key: string,
  options: { excludeIncidentId?: string } = {},
): Promise<PremiseInfo> {
  const now = ctx.now()
  const lookbackDays = ctx.config.premiseLookbackDays
  const cautionRows = await cautions.listActivePremiseCautionRows(db, key, now)
  const incidentRows = await cautions.listPriorIncidentRows(db, {
    addressKey: key,
    since: new Date(now.getTime() - lookbackDays * DAY_MS),
    excludeIncidentId: options.excludeIncidentId,
    limit: PRIOR_INCIDENTS_SHOWN,
  })
  return {
    addressKey: key,
    cautions: cautionRows.map((row) => presentPremiseCaution(row, now)),
    priorIncidents: incidentRows.map(presentPriorIncident),
    lookbackDays,
  }
}

/** Premise information for an address given in its parts (any member of staff). */
export function getPremiseInfo(ctx: Ctx, query: PremiseQuery): Promise<PremiseInfo> {
  return findPremiseInfo(ctx.db, ctx, addressKey(query))
}

/** The supervisors' list of cautions, by town; those no longer in force only when asked. */
export async function listPremiseCautions(
  ctx: Ctx,
  query: ListPremiseCautionsQuery,
): Promise<PremiseCaution[]> {
  const now = ctx.now()
  const rows = await cautions.listPremiseCautionRows(ctx.db, {
    town: query.town,
    includeRemoved: query.includeRemoved,
    now,
  })
  return rows.map((row) => presentPremiseCaution(row, now))
}

/**
 * Adds a caution or hazard to an address (supervisors, administrators). The address is stored
 * under its normal key, so every later call there finds it however the address is typed. An
 * expiry must lie in the future. Appends `premise_caution.added` and audits it.
 */
export async function addPremiseCaution(
  ctx: Ctx,
  body: AddPremiseCautionBody,
): Promise<PremiseCaution> {
  const now = ctx.now()
  const expiresAt = body.expiresAt === undefined ? null : new Date(body.expiresAt)
  if (expiresAt && expiresAt <= now) {
    throw new AppError('invalid_input', 'expiresAt: must be in the future', 'expiresAt')
  }
  return runCommand(ctx, async (trx) => {
    const row = await cautions.insertPremiseCaution(trx, {
      address_key: addressKey(body.address),
      location_text: formatAddress(body.address),
      town: body.address.town,
      kind: body.kind,
      text: body.text,
      expires_at: expiresAt,
      created_at: now,
      created_by_user_id: ctx.actor?.userId ?? null,
    })
    const caution = presentPremiseCaution(row, now)
    appendEvent(trx, ctx, {
      type: 'premise_caution.added',
      stream: `premise:${row.address_key}`,
      payload: {
        cautionId: row.id,
        addressKey: row.address_key,
        locationText: row.location_text,
        town: row.town,
        kind: row.kind,
        text: row.text,
        expiresAt: caution.expiresAt,
      },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'premise_caution.added',
      subject: { type: 'premise_caution', id: row.id },
      details: {
        addressKey: row.address_key,
        kind: row.kind,
        text: row.text,
        expiresAt: caution.expiresAt,
      },
    })
    return caution
  })
}

/**
 * Removes a caution (supervisors, administrators): it is no longer shown on calls, but the row
 * stays, with who removed it and when. Refuses one already removed (409). Appends
 * `premise_caution.removed` with the reason and audits it.
 */
export async function removePremiseCaution(
  ctx: Ctx,
  id: string,
  body: RemovePremiseCautionBody,
): Promise<PremiseCaution> {
  return runCommand(ctx, async (trx) => {
    const existing = await cautions.lockPremiseCautionById(trx, id)
    if (!existing) {
      throw new AppError('premise_caution_not_found', `no premise caution ${id}`)
    }
    if (existing.removed_at) {
      throw new AppError('premise_caution_already_removed', 'this caution was already removed')
    }
    const now = ctx.now()
    const row = await cautions.markPremiseCautionRemoved(trx, id, {
      userId: ctx.actor?.userId ?? null,
      at: now,
    })
    appendEvent(trx, ctx, {
      type: 'premise_caution.removed',
      stream: `premise:${row.address_key}`,
      payload: { cautionId: row.id, addressKey: row.address_key, reason: body.reason },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'premise_caution.removed',
      subject: { type: 'premise_caution', id: row.id },
      details: { addressKey: row.address_key, reason: body.reason },
    })
    return presentPremiseCaution(row, now)
  })
}
