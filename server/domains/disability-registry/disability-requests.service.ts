import type {
  DisabilityRequest,
  DisabilityRequestForm,
  EnterDisabilityRequestBody,
  ListDisabilityRequestsQuery,
  ResidentDisabilityRequest,
  ReturnDisabilityRequestBody,
} from '@common/api/disability-registry.ts'
import { normalName } from '@common/domain/address.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { addressIndexFor } from '../geography/index.ts'
import { requireResident } from '../residents/index.ts'
import * as repo from './disability-registry.repository.ts'
import { coordinatorTown, isOwnTown, requireStaff } from './disability-registry.policy.ts'
import { presentRequest, presentResidentRequest } from './disability-registry.presenter.ts'
import type { DisabilityRequestRow } from './disability-registry.table.ts'
import { supersedeIndicators } from './indicator-supersede.ts'
import { registryAddress } from './registry-address.ts'

import { COMPONENT, ownTownCommand } from './own-town-command.ts'

const requestNotFound = () =>
  new AppError('disability_request_not_found', 'no such disability indicator request')

/**
 * A resident files a request for a disability indicator at their home (the unit included). It
 * waits in the queue of the coordinator of the address's town; nothing is shown on calls until
 * the coordinator enters it.
 */
export async function fileResidentRequest(
  ctx: Ctx,
  form: DisabilityRequestForm,
): Promise<ResidentDisabilityRequest> {
  const resident = requireResident(ctx)
  return runCommand(ctx, async (trx) => {
    const row = await insertRequest(trx, ctx, form, {
      source: 'portal',
      resident_account_id: resident.accountId,
      entered_by_user_id: null,
    })
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'disability_request.filed',
      subject: { type: 'disability_request', id: row.id },
      details: { source: 'portal', accountId: resident.accountId, town: row.town },
    })
    return presentResidentRequest(row)
  })
}

/** The resident's own requests, newest first, with the reason of any that was returned. */
export async function listMyRequests(ctx: Ctx): Promise<ResidentDisabilityRequest[]> {
  const resident = requireResident(ctx)
  return runCommand(ctx, async (trx) => {
    const rows = await repo.listRequestsOfResident(trx, resident.accountId)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'disability_request.listed',
      details: { accountId: resident.accountId, rows: rows.length },
    })
    return rows.map(presentResidentRequest)
  })
}

/**
 * The coordinator types in a paper form. It joins the review queue like a portal request; only
 * an address in the coordinator's own town is accepted.
 */
export async function enterPaperRequest(
  ctx: Ctx,
  form: DisabilityRequestForm,
): Promise<DisabilityRequest> {
  const actor = requireStaff(ctx)
  return runCommand(ctx, async (trx) => {
    const town = await coordinatorTown(trx, actor)
    if (!town) throw noTown()
    const row = await insertRequest(trx, ctx, form, {
      source: 'paper',
      resident_account_id: null,
      entered_by_user_id: actor.userId,
    })
    if (!isOwnTown(town, row.town_key)) {
      throw new AppError(
        'invalid_input',
        `address.town: you coordinate the registry of ${town.town} only`,
        'address.town',
      )
    }
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'disability_request.filed',
      subject: { type: 'disability_request', id: row.id },
      details: { source: 'paper', town: row.town },
    })
    return presentRequest(row)
  })
}

/**
 * The review queue of the coordinator's own town (filed requests unless another status is asked
 * for). A coordinator with no agency town sees an empty queue. The read is audited.
 */
export async function listReviewQueue(
  ctx: Ctx,
  query: ListDisabilityRequestsQuery,
): Promise<DisabilityRequest[]> {
  const actor = requireStaff(ctx)
  return runCommand(ctx, async (trx) => {
    const town = await coordinatorTown(trx, actor)
    const rows = town ? await repo.listRequestsOfTown(trx, town.key, query.status) : []
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'disability_request.listed',
      details: { status: query.status, town: town?.town ?? null, rows: rows.length },
    })
    return rows.map(presentRequest)
  })
}

/** One request of the coordinator's town; another town's looks like none (audited denial). */
export function readRequest(ctx: Ctx, id: string): Promise<DisabilityRequest> {
  return ownRequestCommand(ctx, id, 'disability_request.read', (_trx, row) =>
    Promise.resolve(presentRequest(row)),
  )
}

/**
 * Returns an incomplete request to the resident with the reason (shown in the portal); nothing
 * is entered. A request already returned or entered is refused with 409.
 */
export async function returnRequest(
  ctx: Ctx,
  id: string,
  body: ReturnDisabilityRequestBody,
): Promise<DisabilityRequest> {
  return ownRequestCommand(ctx, id, 'disability_request.returned', async (trx, row) => {
    if (row.status !== 'filed') throw decided(row)
    const updated = await repo.updateRequest(trx, row.id, {
      status: 'returned',
      return_reason: body.reason,
      decided_at: ctx.now(),
      decided_by_user_id: ctx.actor?.userId ?? null,
    })
    return presentRequest(updated)
  })
}

/**
 * Enters a request: the indicator is created at the VERIFIED address with the unit as filed. An
 * address that does not verify needs `overrideReason`. The same person's active indicator at
 * another address or unit, or with another phone, is deactivated (kept, with the reason).
 */
export async function enterRequest(
  ctx: Ctx,
  id: string,
  body: EnterDisabilityRequestBody,
): Promise<DisabilityRequest> {
  return ownRequestCommand(ctx, id, 'disability_request.entered', async (trx, row) => {
    if (row.status !== 'filed') throw decided(row)
    const place = registryAddress(await addressIndexFor(ctx.db, trx), row.address)
    if (!place.verified && !body.overrideReason) {
      const { verification } = place
      const hint = verification.candidates[0]
        ? `; did you mean ${verification.candidates[0].text}`
        : ''
      throw new AppError(
        'invalid_input',
        `overrideReason: ${verification.input} does not verify (${verification.reason ?? verification.status})${hint}: correct the request or give a reason to enter it anyway`,
        'overrideReason',
      )
    }
    const now = ctx.now()
    const userId = ctx.actor?.userId ?? null
    const indicator = await repo.insertIndicator(trx, {
      request_id: row.id,
      person_name: row.person_name,
      contact_phone: row.contact_phone,
      address: JSON.stringify(place.address),
      location_text: place.locationText,
      town: place.town,
      town_key: place.townKey,
      address_key: place.addressKey,
      unit_key: place.unitKey,
      kinds: row.kinds,
      note: row.note,
      override_reason: place.verified ? null : (body.overrideReason ?? null),
      created_by_user_id: userId,
      last_verified_at: now,
      last_verified_by_user_id: userId,
    })
    await supersedeIndicators(trx, ctx, indicator)
    const updated = await repo.updateRequest(trx, row.id, {
      status: 'entered',
      decided_at: now,
      decided_by_user_id: userId,
      indicator_id: indicator.id,
    })
    return presentRequest(updated)
  })
}

/** A request of the coordinator's own town; another town's, or none, is 404 alike (audited). */
function ownRequestCommand<T>(
  ctx: Ctx,
  id: string,
  eventType: string,
  command: (trx: Trx, row: DisabilityRequestRow) => Promise<T>,
): Promise<T> {
  return ownTownCommand(
    ctx,
    { id, subjectType: 'disability_request', lock: repo.lockRequest, notFound: requestNotFound },
    eventType,
    command,
  )
}

async function insertRequest(
  trx: Trx,
  ctx: Ctx,
  form: DisabilityRequestForm,
  who: Pick<DisabilityRequestRow, 'source' | 'resident_account_id' | 'entered_by_user_id'>,
): Promise<DisabilityRequestRow> {
  // The queue is the town the address verifies to, whatever spelling was typed.
  const place = registryAddress(await addressIndexFor(ctx.db, trx), form.address)
  return repo.insertRequest(trx, {
    ...who,
    person_name: form.personName,
    address: JSON.stringify(form.address),
    town: place.verified ? place.town : form.address.town,
    town_key: place.verified ? place.townKey : normalName(form.address.town),
    kinds: [...new Set(form.kinds)],
    note: form.note,
    contact_phone: form.contactPhone,
  })
}

function decided(row: DisabilityRequestRow): AppError {
  return new AppError(
    'disability_request_decided',
    `this request was already ${row.status}: the resident files a new one`,
  )
}

function noTown(): AppError {
  return new AppError(
    'forbidden',
    'you belong to no agency with a town: a coordinator sees and enters only their own town',
  )
}
