import type { Recommendation } from '@common/api/incidents.ts'
import type { UnitType } from '@common/domain/units.ts'
import type { Db } from '../../db/schema.ts'
import { loadRoadGraph } from '../geography/index.ts'
import { assignments, listAssignableUnits } from '../units/index.ts'
import * as incidents from './incidents.repository.ts'
import type { IncidentRow } from './incidents.table.ts'
import { rankUnits, type RankingSettings } from './unit-ranking.ts'

export interface RecommendOptions extends RankingSettings {
  /** The database's root handle: the road graph is cached per database, not per transaction. */
  graphCacheKey: object
}

/**
 * The run card up to `level`, less what is already on the incident, filled with the free units
 * that would arrive first by estimated drive time over the road graph (from each unit's fresh
 * AVL fix, else its station). Every choice carries its explanation (drive time, distance, where
 * it starts, fix age, whether it is an estimate); free units that cannot be placed are listed
 * as skipped with the reason; what cannot be filled is reported with its reason. Out-of-service
 * and committed units are never candidates.
 */
export async function recommendFor(
  db: Db,
  incident: Pick<IncidentRow, 'id' | 'nature_code' | 'town' | 'lat' | 'lon'>,
  level: number,
  options: RecommendOptions,
): Promise<Recommendation> {
  const plan = (await incidents.listResponsePlan(db, incident.nature_code, incident.town)).filter(
    (line) => line.alarm_level <= level,
  )
  const wanted = new Map<UnitType, number>()
  for (const line of plan) {
    wanted.set(line.unit_type, (wanted.get(line.unit_type) ?? 0) + line.unit_count)
  }
  const onIncident = (await assignments.listIncidentAssignments(db, incident.id)).filter(
    (a) => a.state !== 'cleared',
  )
  const assigned = new Map<UnitType, number>()
  const need = new Map<UnitType, number>()
  for (const [unitType, count] of wanted) {
    const alreadyAssigned = onIncident.filter((a) => a.unit_type === unitType).length
    assigned.set(unitType, alreadyAssigned)
    need.set(unitType, Math.max(0, count - alreadyAssigned))
  }
  const free = await listAssignableUnits(db, [...wanted.keys()])
  const graph = await loadRoadGraph(db, options.graphCacheKey, options.now.getTime())
  const ranking = rankUnits(
    graph,
    incident,
    free.map((unit) => ({
      id: unit.id,
      code: unit.code,
      unitType: unit.unit_type,
      homeTown: unit.home_town,
      fixLat: unit.fix_lat,
      fixLon: unit.fix_lon,
      fixAt: unit.fix_at,
      stationLat: unit.station_lat,
      stationLon: unit.station_lon,
    })),
    need,
    options,
  )
  const lines = [...wanted.entries()].map(([unitType, count]) => {
    const alreadyAssigned = assigned.get(unitType)!
    const { chosen, skipped } = ranking.byType.get(unitType)!
    const missing = need.get(unitType)! - chosen.length
    const type = unitType.replace('_', ' ')
    return {
      unitType,
      wanted: count,
      alreadyAssigned,
      recommendedUnitIds: chosen.map((unit) => unit.unitId),
      recommendedUnitCodes: chosen.map((unit) => unit.code),
      choices: chosen,
      skipped,
      missing,
      reason:
        missing === 0
          ? null
          : chosen.length === 0
            ? `no ${type} is available in the region${skipped.length > 0 ? ` with a known position (${skipped.length} skipped)` : ''}`
            : `only ${chosen.length} ${type} available of ${need.get(unitType)} needed`,
    }
  })
  return {
    incidentId: incident.id,
    alarmLevel: level,
    approximate: ranking.approximateReason !== null,
    approximateReason: ranking.approximateReason,
    lines,
  }
}
