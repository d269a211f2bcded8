import type { ReplaceResponsePlanBody } from '@common/api/incidents.ts'
import type { UnitType } from '@common/domain/units.ts'

export interface DemoRunCard extends ReplaceResponsePlanBody {
  natureCode: string
}

/** `[alarm level, unit type, count]`, the way a run card is read aloud. */
type Line = [number, UnitType, number]
const lines = (...rows: Line[]) =>
  rows.map(([alarmLevel, unitType, unitCount]) => ({ alarmLevel, unitType, unitCount }))

/**
 * DEMO DATA, not any department's real run cards: town cards that replace the center-wide ones
 * where a town answers differently. The city sends a heavier first alarm to a building fire;
 * Leicester has no ladder of its own, so its card still asks for one (the closest, from a
 * neighbour) and a second alarm brings engines from outside the town.
 */
export const DEMO_RUN_CARDS: DemoRunCard[] = [
  {
    natureCode: 'FIRE-STRUCT',
    town: 'Worcester',
    lines: lines(
      [1, 'engine', 4],
      [1, 'ladder', 2],
      [1, 'rescue', 1],
      [1, 'chief', 1],
      [1, 'ambulance', 1],
      [2, 'engine', 2],
      [2, 'ladder', 1],
      [2, 'chief', 1],
      [3, 'engine', 2],
      [3, 'ladder', 1],
    ),
  },
  {
    natureCode: 'FIRE-STRUCT',
    town: 'Shrewsbury',
    lines: lines(
      [1, 'engine', 2],
      [1, 'ladder', 1],
      [1, 'chief', 1],
      [1, 'ambulance', 1],
      [2, 'engine', 2],
      [2, 'ladder', 1],
    ),
  },
  {
    natureCode: 'FIRE-STRUCT',
    town: 'Leicester',
    lines: lines(
      [1, 'engine', 2],
      [1, 'ladder', 1],
      [1, 'chief', 1],
      [1, 'ambulance', 1],
      [2, 'engine', 3],
      [2, 'ladder', 1],
    ),
  },
  {
    natureCode: 'FIRE-ALARM',
    town: 'Worcester',
    lines: lines([1, 'engine', 2], [1, 'ladder', 1], [1, 'chief', 1]),
  },
]
