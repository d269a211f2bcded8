import type { Actor, Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { refuseAndAudit } from '../audit/index.ts'

/**
 * Agency staff (users.agency_id set) work their own agency's units; center-wide staff and
 * systems with no agency work every unit. The same rule narrows the live events they receive.
 */
export function canWorkUnitOf(actor: Actor | null, agencyId: string): boolean {
  return actor !== null && (actor.agencyId === null || actor.agencyId === agencyId)
}

/** The agency a list is narrowed to for this caller, or null for every agency. */
export function agencyScopeOf(actor: Actor | null): string | null {
  return actor?.agencyId ?? null
}

/**
 * Refuses a record of another agency as if it did not exist (nothing leaks about other
 * agencies' units), and audits the refusal in its own transaction. Call it before the command's
 * transaction: PGlite has one connection.
 */
export async function refuseOtherAgency(
  ctx: Ctx,
  subject: { type: string; id: string },
  error: AppError,
): Promise<never> {
  return refuseAndAudit(
    ctx,
    { component: 'units', eventType: 'access.denied', subject, details: { rule: 'agency' } },
    error,
  )
}
