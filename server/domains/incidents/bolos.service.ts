import {
  BOLO_DEFAULT_HOURS,
  BOLO_MAX_HOURS,
  normalizePlate,
  type Bolo,
  type CancelBoloBody,
  type IssueBoloBody,
  type ListBolosQuery,
} from '@common/api/bolos.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Audience } from '../../events/audience.ts'
import { appendEvent } from '../../events/event-log.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import * as bolos from './bolos.repository.ts'
import { presentBolo } from './bolos.presenter.ts'

const COMPONENT = 'incidents'
const HOUR_MS = 3_600_000
/** Every dispatch position hears a BOLO live; other consoles search for it. */
const BOLO_AUDIENCE: Audience = { roles: ['dispatcher', 'supervisor'] }

/**
 * Issues a BOLO (dispatchers, supervisors): broadcast live to every dispatch position and
 * searchable until it expires or is cancelled. It expires at `expiresAt`, or after
 * `expiresInHours` (24 unless given), never more than 720 hours ahead; a past expiry or an
 * unknown incident is refused with 400. Appends `bolo.issued` and audits it.
 */
export async function issueBolo(ctx: Ctx, body: IssueBoloBody): Promise<Bolo> {
  const now = ctx.now()
  const expiresAt =
    body.expiresAt === undefined
      ? new Date(now.getTime() + (body.expiresInHours ?? BOLO_DEFAULT_HOURS) * HOUR_MS)
      : new Date(body.expiresAt)
  if (expiresAt <= now) {
    throw new AppError('invalid_input', 'expiresAt: must be in the future', 'expiresAt')
  }
  if (expiresAt.getTime() > now.getTime() + BOLO_MAX_HOURS * HOUR_MS) {
    throw new AppError(
      'invalid_input',
      `expiresAt: at most ${BOLO_MAX_HOURS} hours ahead; issue a new BOLO after that`,
      'expiresAt',
    )
  }
  return runCommand(ctx, async (trx) => {
    if (body.incidentId !== undefined && !(await bolos.incidentExists(trx, body.incidentId))) {
      throw new AppError('invalid_input', 'incidentId: no such incident', 'incidentId')
    }
    const row = await bolos.insertBolo(trx, {
      kind: body.kind,
      plate: body.plate ?? null,
      plate_state: body.plateState ?? null,
      vehicle: body.vehicle ?? null,
      person: body.person ?? null,
      details: body.details,
      incident_id: body.incidentId ?? null,
      created_at: now,
      created_by_user_id: ctx.actor?.userId ?? null,
      expires_at: expiresAt,
    })
    const bolo = presentBolo(row, now)
    appendEvent(trx, ctx, {
      type: 'bolo.issued',
      stream: `bolo:${row.id}`,
      audience: BOLO_AUDIENCE,
      payload: {
        boloId: row.id,
        kind: row.kind,
        plate: row.plate,
        plateState: row.plate_state,
        vehicle: row.vehicle,
        person: row.person,
        details: row.details,
        incidentId: row.incident_id,
        expiresAt: bolo.expiresAt,
      },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'bolo.issued',
      subject: { type: 'bolo', id: row.id },
      details: {
        kind: row.kind,
        plate: row.plate,
        incidentId: row.incident_id,
        expiresAt: bolo.expiresAt,
      },
    })
    return bolo
  })
}

/**
 * Searches BOLOs (any member of staff): those in force unless `includeExpired`. `q` matches
 * the plate however it is typed ("1abc 23" finds 1ABC23) and, ignoring case, the vehicle,
 * person and details.
 */
export async function searchBolos(ctx: Ctx, query: ListBolosQuery): Promise<Bolo[]> {
  const now = ctx.now()
  const rows = await bolos.searchBoloRows(ctx.db, {
    text: query.q,
    plate: query.q === undefined ? undefined : normalizePlate(query.q),
    includeExpired: query.includeExpired,
    now,
    limit: query.limit,
  })
  return rows.map((row) => presentBolo(row, now))
}

/**
 * Cancels a BOLO (dispatchers, supervisors) with a reason; consoles drop it live. Refuses one
 * already cancelled (409). Appends `bolo.cancelled` and audits it.
 */
export async function cancelBolo(ctx: Ctx, id: string, body: CancelBoloBody): Promise<Bolo> {
  return runCommand(ctx, async (trx) => {
    const existing = await bolos.lockBoloById(trx, id)
    if (!existing) throw new AppError('bolo_not_found', `no BOLO ${id}`)
    if (existing.cancelled_at) {
      throw new AppError('bolo_already_cancelled', 'this BOLO was already cancelled')
    }
    const now = ctx.now()
    const row = await bolos.markBoloCancelled(trx, id, {
      userId: ctx.actor?.userId ?? null,
      at: now,
      reason: body.reason,
    })
    appendEvent(trx, ctx, {
      type: 'bolo.cancelled',
      stream: `bolo:${row.id}`,
      audience: BOLO_AUDIENCE,
      payload: { boloId: row.id, incidentId: row.incident_id, reason: body.reason },
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'bolo.cancelled',
      subject: { type: 'bolo', id: row.id },
      details: { reason: body.reason },
    })
    return presentBolo(row, now)
  })
}
