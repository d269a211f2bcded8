import type { RunCardLine } from '@common/api/cad-events.ts'
import type {
  Disposition,
  NatureCode,
  ReplaceResponsePlanBody,
  ResponsePlanLine,
} from '@common/api/incidents.ts'
import { recordChange } from '../../commands/record-change.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { ResponsePlanRow } from './incidents.table.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { readAgencies } from '../staff/index.ts'
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

function presentResponsePlanLine(row: ResponsePlanRow): ResponsePlanLine {
  return {
    natureCode: row.nature_code,
    town: row.town,
    alarmLevel: row.alarm_level,
    unitType: row.unit_type,
    unitCount: row.unit_count,
  }
}

const runCardLine = (row: ResponsePlanRow): RunCardLine => ({
  alarmLevel: row.alarm_level,
  unitType: row.unit_type,
  unitCount: row.unit_count,
})

export async function listResponsePlans(ctx: Ctx): Promise<ResponsePlanLine[]> {
  return (await incidents.listResponsePlans(ctx.db)).map(presentResponsePlanLine)
}

/**
 * Replaces a town's run card for a nature code, or the center-wide one (administrators). The
 * town must be one an agency of the center serves, and is stored as that agency spells it.
 * Appends `response_plan.replaced` with the lines before and after, and audits it.
 */
export async function replaceResponsePlan(
  ctx: Ctx,
  natureCode: string,
  body: ReplaceResponsePlanBody,
): Promise<ResponsePlanLine[]> {
  return runCommand(ctx, async (trx) => {
    const nature = await incidents.lockNatureCode(trx, natureCode)
    if (!nature) {
      throw new AppError(
        'nature_code_not_found',
        `natureCode: ${natureCode} is not a nature code`,
        'natureCode',
      )
    }
    let town: string | null = null
    if (body.town !== null) {
      const wanted = body.town.toLowerCase()
      const agency = (await readAgencies(trx)).find((a) => a.town.toLowerCase() === wanted)
      if (!agency) {
        throw new AppError(
          'invalid_input',
          `town: no agency of the center serves ${body.town}`,
          'town',
        )
      }
      town = agency.town
    }
    const previous = await incidents.listRunCardLines(trx, natureCode, town)
    await incidents.replaceRunCardLines(trx, natureCode, town, body.lines)
    const rows = await incidents.listRunCardLines(trx, natureCode, town)
    const lines = rows.map(runCardLine)
    const previousLines = previous.map(runCardLine)
    await recordChange(trx, ctx, {
      component: 'incidents',
      subject: { type: 'response_plan', id: `${natureCode}:${town ?? '*'}` },
      type: 'response_plan.replaced',
      payload: { natureCode, town, lines, previousLines },
      details: { natureCode, town, lines, previousLines },
    })
    return rows.map(presentResponsePlanLine)
  })
}
