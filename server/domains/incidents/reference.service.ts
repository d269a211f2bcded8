import type { Disposition, NatureCode, ResponsePlanLine } from '@common/api/incidents.ts'
import type { Ctx } from '../../http/context.ts'
import * as incidents from './incidents.repository.ts'

export async function listNatureCodes(ctx: Ctx): Promise<NatureCode[]> {
  return (await incidents.listNatureCodes(ctx.db)).map((row) => ({
    code: row.code,
    description: row.description,
    discipline: row.discipline,
    defaultPriority: row.default_priority,
    apcoType: row.apco_type,
  }))
}

export async function listDispositions(ctx: Ctx): Promise<Disposition[]> {
  return (await incidents.listDispositions(ctx.db)).map((row) => ({
    code: row.code,
    label: row.label,
    appliesTo: row.applies_to,
  }))
}

export async function listResponsePlans(ctx: Ctx): Promise<ResponsePlanLine[]> {
  return (await incidents.listResponsePlans(ctx.db)).map((row) => ({
    natureCode: row.nature_code,
    town: row.town,
    alarmLevel: row.alarm_level,
    unitType: row.unit_type,
    unitCount: row.unit_count,
  }))
}
