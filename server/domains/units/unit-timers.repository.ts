import { sql, type RawBuilder } from 'kysely'
import type { TimerAgencyKind, UnitTimerLevel } from '@common/api/unit-timers.ts'
import type { UnitStatus } from '@common/domain/units.ts'
import type { Db, Trx } from '../../db/schema.ts'
import type { UnitTimerAlertRow, UnitTimerSettingsTable } from './units.table.ts'

export type UnitTimerSettingRow = UnitTimerSettingsTable

/** A raised alert with its unit, and how its timer stands at `now`. */
export type UnitTimerAlertView = UnitTimerAlertRow & {
  unit_code: string
  agency_id: string
  incident_id: string | null
  timer_running: boolean
  seconds_over: number
}

/** An alert the scan has just inserted, with what its event names. */
export interface RaisedTimerRow {
  id: string
  unit_id: string
  unit_code: string
  agency_id: string
  incident_id: string | null
  status: UnitStatus
  level: UnitTimerLevel
  label: string
  threshold_seconds: number
  seconds: number
  raised_at: Date
}

export function listTimerSettingRows(db: Db): Promise<UnitTimerSettingRow[]> {
  return db
    .selectFrom('unit_timer_settings')
    .selectAll()
    .orderBy('status')
    .orderBy('agency_kind')
    .execute()
}

export function lockTimerSettingRow(
  trx: Trx,
  status: UnitStatus,
  agencyKind: TimerAgencyKind,
): Promise<UnitTimerSettingRow | undefined> {
  return trx
    .selectFrom('unit_timer_settings')
    .selectAll()
    .where('status', '=', status)
    .where('agency_kind', '=', agencyKind)
    .forUpdate()
    .executeTakeFirst()
}

export function upsertTimerSetting(db: Db, row: UnitTimerSettingRow): Promise<UnitTimerSettingRow> {
  return db
    .insertInto('unit_timer_settings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['status', 'agency_kind']).doUpdateSet({
        warn_seconds: row.warn_seconds,
        alert_seconds: row.alert_seconds,
        label: row.label,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * The (unit, level) pairs whose timer has crossed a threshold with no alert yet. A unit's
 * setting is its agency kind's row, else the '*' row. A warning is skipped when the alert
 * threshold is already passed (after an outage the console gets one alert, not two).
 * With `lock`, the units are share-locked and a unit whose status is being changed right now is
 * skipped: the next scan sees its new timer.
 */
function dueTimers(now: Date, lock: boolean): RawBuilder<unknown> {
  const at = sql`${now.toISOString()}::timestamptz`
  return sql`
    select u.id as unit_id, u.code as unit_code, u.status, u.agency_id, u.incident_id,
      u.timer_started_at, s.label, lvl.level, lvl.threshold_seconds,
      floor(extract(epoch from ${at} - u.timer_started_at))::integer as seconds
    from units u
    join agencies a on a.id = u.agency_id
    join lateral (
      select st.warn_seconds, st.alert_seconds, st.label from unit_timer_settings st
      where st.status = u.status and st.agency_kind in (a.kind, '*')
      order by st.agency_kind = '*'
      limit 1
    ) s on true
    cross join lateral (
      values ('warn', s.warn_seconds), ('alert', s.alert_seconds)
    ) as lvl (level, threshold_seconds)
    where u.timer_started_at <= ${at} - make_interval(secs => lvl.threshold_seconds)
      and (lvl.level = 'alert' or u.timer_started_at > ${at} - make_interval(secs => s.alert_seconds))
      and not exists (
        select 1 from unit_timer_alerts t
        where t.unit_id = u.id and t.timer_started_at = u.timer_started_at and t.level = lvl.level
      )
    order by u.id, lvl.level
    ${lock ? sql`for share of u skip locked` : sql``}`
}

/** Whether any timer is due: a read that takes no lock and writes nothing, for the idle scan. */
export async function hasDueUnitTimers(db: Db, now: Date): Promise<boolean> {
  const result = await sql<{
    due: boolean
  }>`select exists (${dueTimers(now, false)}) as due`.execute(db)
  return result.rows[0]?.due ?? false
}

/**
 * Inserts an alert for every due timer and returns the ones this call inserted. The unique
 * (unit, timer start, level) key with `on conflict do nothing` makes each alert exist once,
 * however many nodes scan at the same moment. The timer start is copied in SQL, never through
 * a JavaScript Date, which would cut its microseconds.
 */
export async function raiseDueUnitTimers(trx: Trx, now: Date): Promise<RaisedTimerRow[]> {
  const result = await sql<RaisedTimerRow>`
    with due as (${dueTimers(now, true)}),
    raised as (
      insert into unit_timer_alerts
        (unit_id, status, timer_started_at, level, raised_at, threshold_seconds, label)
      select unit_id, status, timer_started_at, level, ${now.toISOString()}::timestamptz,
        threshold_seconds, label
      from due
      -- One order on every node, so scanners racing on the same keys wait, never deadlock.
      order by unit_id, level
      on conflict (unit_id, timer_started_at, level) do nothing
      returning id, unit_id, level, raised_at
    )
    select raised.id, raised.unit_id, due.unit_code, due.agency_id, due.incident_id, due.status,
      raised.level, due.label, due.threshold_seconds, due.seconds, raised.raised_at
    from raised join due on due.unit_id = raised.unit_id and due.level = raised.level
    order by due.unit_code, raised.level desc`.execute(trx)
  return result.rows
}

function alertViews(db: Db, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`
  return db
    .selectFrom('unit_timer_alerts as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .selectAll('t')
    .select([
      'u.code as unit_code',
      'u.agency_id',
      'u.incident_id',
      sql<boolean>`u.timer_started_at = t.timer_started_at`.as('timer_running'),
      sql<number>`greatest(0, floor(extract(epoch from
        (case when u.timer_started_at = t.timer_started_at then ${at} else u.timer_started_at end)
        - t.timer_started_at))::integer - t.threshold_seconds)`.as('seconds_over'),
    ])
}

export function listUnitTimerAlertViews(
  db: Db,
  filter: { open: boolean; limit: number; agencyId: string | null; now: Date },
): Promise<UnitTimerAlertView[]> {
  let q = alertViews(db, filter.now)
  if (filter.agencyId) q = q.where('u.agency_id', '=', filter.agencyId)
  q = filter.open
    ? q.where('t.acknowledged_at', 'is', null).orderBy('t.raised_at').orderBy('t.id')
    : q.orderBy('t.raised_at', 'desc').orderBy('t.id')
  return q.limit(filter.limit).execute()
}

export function findUnitTimerAlertView(
  db: Db,
  id: string,
  now: Date,
): Promise<UnitTimerAlertView | undefined> {
  return alertViews(db, now).where('t.id', '=', id).executeTakeFirst()
}

export function lockUnitTimerAlertById(
  trx: Trx,
  id: string,
): Promise<UnitTimerAlertRow | undefined> {
  return trx
    .selectFrom('unit_timer_alerts')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

export async function acknowledgeUnitTimerAlert(
  db: Db,
  id: string,
  ack: { userId: string | null; at: Date },
): Promise<void> {
  await db
    .updateTable('unit_timer_alerts')
    .set({ acknowledged_at: ack.at, acknowledged_by_user_id: ack.userId })
    .where('id', '=', id)
    .execute()
}

/** Acknowledges every open alert of a unit; returns their ids. */
export async function acknowledgeOpenAlertsOfUnit(
  db: Db,
  unitId: string,
  ack: { userId: string | null; at: Date },
): Promise<string[]> {
  const rows = await db
    .updateTable('unit_timer_alerts')
    .set({ acknowledged_at: ack.at, acknowledged_by_user_id: ack.userId })
    .where('unit_id', '=', unitId)
    .where('acknowledged_at', 'is', null)
    .returning('id')
    .execute()
  return rows.map((row) => row.id).sort()
}

/** The unit's agency, for the agency check before a command touches it. */
export function findUnitAgency(
  db: Db,
  id: string,
): Promise<{ id: string; code: string; agency_id: string } | undefined> {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'agency_id'])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function restartUnitTimer(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('units').set({ timer_started_at: at }).where('id', '=', id).execute()
}
