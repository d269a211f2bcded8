import type { CreateAgencyBody, CreatePositionBody } from '@common/api/staff.ts'
import type { Role } from '@common/domain/roles.ts'
import { addPremiseCaution, replaceResponsePlan } from '../domains/incidents/index.ts'
import { createAgency, createPosition, createUser, hasStaff } from '../domains/staff/index.ts'
import { createUnit, insertStation } from '../domains/units/index.ts'
import type { Ctx } from '../http/context.ts'
import { loadDemoRegion } from './demo-region.ts'
import { loadDemoAlerts } from './demo-alerts.ts'
import { DEMO_RUN_CARDS } from './demo-run-cards.ts'
import { DEMO_PREMISE_CAUTIONS, DEMO_STATIONS, DEMO_UNITS } from './demo-units.ts'

/** A regional center: Worcester and two neighbouring towns, police and fire each. */
const AGENCIES: CreateAgencyBody[] = [
  { code: 'WPD', name: 'Worcester Police Department', kind: 'police', town: 'Worcester' },
  { code: 'WFD', name: 'Worcester Fire Department', kind: 'fire', town: 'Worcester' },
  { code: 'SPD', name: 'Shrewsbury Police Department', kind: 'police', town: 'Shrewsbury' },
  { code: 'SFD', name: 'Shrewsbury Fire Department', kind: 'fire', town: 'Shrewsbury' },
  { code: 'LPD', name: 'Leicester Police Department', kind: 'police', town: 'Leicester' },
  { code: 'LFD', name: 'Leicester Fire Department', kind: 'fire', town: 'Leicester' },
]

const POSITIONS: CreatePositionBody[] = [
  { code: 'CT1', name: 'Call taking 1', kind: 'call_taking' },
  { code: 'CT2', name: 'Call taking 2', kind: 'call_taking' },
  { code: 'CT3', name: 'Call taking 3', kind: 'call_taking' },
  { code: 'CT4', name: 'Call taking 4', kind: 'call_taking' },
  { code: 'PD1', name: 'Police dispatch', kind: 'dispatch' },
  { code: 'FD1', name: 'Fire dispatch', kind: 'dispatch' },
  { code: 'SUP1', name: 'Floor supervisor', kind: 'supervisor' },
  { code: 'REC1', name: 'Records', kind: 'records' },
  { code: 'ADM1', name: 'Administration', kind: 'administration' },
]

export interface DemoLogin {
  username: string
  password: string
  role: Role
  position: string | null
  /** The agency whose town the user works for (a disability coordinator's town). */
  agency?: string
}

/** One log-in per role. Demo only: production does not load them (ECC_DEMO). */
export const DEMO_LOGINS: DemoLogin[] = [
  { username: 'calltaker', password: 'ecc-demo-calltaker', role: 'call_taker', position: 'CT1' },
  { username: 'dispatcher', password: 'ecc-demo-dispatcher', role: 'dispatcher', position: 'FD1' },
  { username: 'supervisor', password: 'ecc-demo-supervisor', role: 'supervisor', position: 'SUP1' },
  { username: 'records', password: 'ecc-demo-records', role: 'records_clerk', position: 'REC1' },
  {
    username: 'coordinator',
    password: 'ecc-demo-coordinator',
    role: 'disability_coordinator',
    position: null,
    agency: 'WFD',
  },
  { username: 'alerts', password: 'ecc-demo-alerts', role: 'alert_operator', position: null },
  // A second operator: an emergency to a whole town waits for another operator's approval.
  { username: 'alerts2', password: 'ecc-demo-alerts2', role: 'alert_operator', position: null },
  { username: 'admin', password: 'ecc-demo-admin', role: 'administrator', position: 'ADM1' },
]

const DISPLAY_NAMES: Record<string, string> = {
  calltaker: 'Demo Call Taker',
  dispatcher: 'Demo Dispatcher',
  supervisor: 'Demo Supervisor',
  records: 'Demo Records Clerk',
  coordinator: 'Demo 911 Coordinator',
  alerts: 'Demo Alert Operator',
  alerts2: 'Demo Second Alert Operator',
  admin: 'Demo Administrator',
}

/**
 * Loads the demo center into a database that has no staff yet, through the same services (and
 * so the same events and audit rows) as an administrator would, and the generated demo region
 * through the geography importer. Returns false if it was there.
 */
export async function loadDemoCenter(ctx: Ctx): Promise<boolean> {
  if (await hasStaff(ctx)) return false
  // First: each layer import replaces the layer, so a start that fails here can simply be retried.
  await loadDemoRegion(ctx.db)
  const agencyIds = new Map<string, string>()
  for (const agency of AGENCIES) agencyIds.set(agency.code, (await createAgency(ctx, agency)).id)
  await loadDemoUnits(ctx, agencyIds)
  for (const caution of DEMO_PREMISE_CAUTIONS) await addPremiseCaution(ctx, caution)
  for (const { natureCode, ...card } of DEMO_RUN_CARDS) {
    await replaceResponsePlan(ctx, natureCode, card)
  }
  await loadDemoAlerts(ctx)
  for (const position of POSITIONS) await createPosition(ctx, position)
  for (const login of DEMO_LOGINS) {
    await createUser(ctx, {
      username: login.username,
      displayName: DISPLAY_NAMES[login.username] ?? login.username,
      password: login.password,
      roles: [login.role],
      agencyId: login.agency ? agencyIds.get(login.agency)! : null,
    })
  }
  return true
}

async function loadDemoUnits(ctx: Ctx, agencyIds: Map<string, string>): Promise<void> {
  const stationIds = new Map<string, string>()
  await ctx.db.transaction().execute(async (trx) => {
    for (const { agency, ...station } of DEMO_STATIONS) {
      const row = await insertStation(trx, { ...station, agency_id: agencyIds.get(agency)! })
      stationIds.set(station.code, row.id)
    }
  })
  const agencyOfStation = new Map(DEMO_STATIONS.map((s) => [s.code, agencyIds.get(s.agency)!]))
  for (const unit of DEMO_UNITS) {
    await createUnit(ctx, {
      code: unit.code,
      agencyId: agencyOfStation.get(unit.station)!,
      stationId: stationIds.get(unit.station)!,
      unitType: unit.unitType,
      capabilities: unit.capabilities ?? [],
    })
  }
}
