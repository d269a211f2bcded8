import type { DisabilityRequestStatus } from '@common/api/disability-registry.ts'
import type { Db, Trx } from '../../db/schema.ts'
import type {
  DisabilityIndicatorRow,
  DisabilityIndicatorUpdate,
  DisabilityRequestRow,
  DisabilityRequestUpdate,
  NewDisabilityIndicatorRow,
  NewDisabilityRequestRow,
} from './disability-registry.table.ts'

export function insertRequest(db: Db, row: NewDisabilityRequestRow): Promise<DisabilityRequestRow> {
  return db.insertInto('disability_requests').values(row).returningAll().executeTakeFirstOrThrow()
}

export function listRequestsOfResident(db: Db, accountId: string): Promise<DisabilityRequestRow[]> {
  return db
    .selectFrom('disability_requests')
    .selectAll()
    .where('resident_account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute()
}

/** The review queue of one town, oldest first. */
export function listRequestsOfTown(
  db: Db,
  townKey: string,
  status: DisabilityRequestStatus,
): Promise<DisabilityRequestRow[]> {
  return db
    .selectFrom('disability_requests')
    .selectAll()
    .where('town_key', '=', townKey)
    .where('status', '=', status)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export function findRequest(db: Db, id: string): Promise<DisabilityRequestRow | undefined> {
  return db.selectFrom('disability_requests').selectAll().where('id', '=', id).executeTakeFirst()
}

export function lockRequest(trx: Trx, id: string): Promise<DisabilityRequestRow | undefined> {
  return trx
    .selectFrom('disability_requests')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export function updateRequest(
  db: Db,
  id: string,
  values: DisabilityRequestUpdate,
): Promise<DisabilityRequestRow> {
  return db
    .updateTable('disability_requests')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export function insertIndicator(
  db: Db,
  row: NewDisabilityIndicatorRow,
): Promise<DisabilityIndicatorRow> {
  return db.insertInto('disability_indicators').values(row).returningAll().executeTakeFirstOrThrow()
}

export function findIndicator(db: Db, id: string): Promise<DisabilityIndicatorRow | undefined> {
  return db.selectFrom('disability_indicators').selectAll().where('id', '=', id).executeTakeFirst()
}

export function lockIndicator(trx: Trx, id: string): Promise<DisabilityIndicatorRow | undefined> {
  return trx
    .selectFrom('disability_indicators')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export function listIndicatorsOfTown(
  db: Db,
  townKey: string,
  includeInactive: boolean,
): Promise<DisabilityIndicatorRow[]> {
  let query = db.selectFrom('disability_indicators').selectAll().where('town_key', '=', townKey)
  if (!includeInactive) query = query.where('is_active', '=', true)
  return query.orderBy('address_key').orderBy('unit_key').orderBy('created_at').execute()
}

/** Active indicators of a person that a new entry may replace: by phone, or at the same unit. */
export function lockActiveIndicatorsOf(
  trx: Trx,
  match: { contactPhone: string; addressKey: string; unitKey: string },
): Promise<DisabilityIndicatorRow[]> {
  return trx
    .selectFrom('disability_indicators')
    .selectAll()
    .where('is_active', '=', true)
    .where((eb) =>
      eb.or([
        eb('contact_phone', '=', match.contactPhone),
        eb.and([eb('address_key', '=', match.addressKey), eb('unit_key', '=', match.unitKey)]),
      ]),
    )
    .orderBy('id')
    .forUpdate()
    .execute()
}

/** The active indicators at one of these address keys and this unit. */
export function listActiveIndicatorsAt(
  db: Db,
  addressKeys: string[],
  unit: string,
): Promise<DisabilityIndicatorRow[]> {
  if (addressKeys.length === 0) return Promise.resolve([])
  return db
    .selectFrom('disability_indicators')
    .selectAll()
    .where('is_active', '=', true)
    .where('address_key', 'in', addressKeys)
    .where('unit_key', '=', unit)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

export function updateIndicator(
  db: Db,
  id: string,
  values: DisabilityIndicatorUpdate,
): Promise<DisabilityIndicatorRow> {
  return db
    .updateTable('disability_indicators')
    .set(values)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}
