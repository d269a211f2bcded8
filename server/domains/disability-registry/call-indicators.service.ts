import type { CallDisabilityIndicators } from '@common/api/disability-registry.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import { findCall, listCallLocations } from '../calls/index.ts'
import { addressIndexFor } from '../geography/index.ts'
import * as repo from './disability-registry.repository.ts'
import { callDisplayRefusal, requireStaff } from './disability-registry.policy.ts'
import { presentCallIndicator } from './disability-registry.presenter.ts'
import { callAddressKeys } from './registry-address.ts'

/**
 * The indicators at a call's primary location, matched on the verified building AND the unit
 * (apartment 3's indicator is not shown for apartment 4). Shown only at the position that
 * answered the 911 call, while it is open; each display is audited with the call, the position
 * and the user. A refusal where an indicator exists is audited too, and answers the same empty
 * list as an address with none, so a refusal tells nothing.
 */
export async function indicatorsForCall(
  ctx: Ctx,
  callId: string,
): Promise<CallDisabilityIndicators> {
  const actor = requireStaff(ctx)
  return runCommand(ctx, async (trx) => {
    const call = await findCall(trx, callId)
    if (!call) throw new AppError('call_not_found', `no call ${callId}`)
    const primary = (await listCallLocations(trx, [call.id])).find((l) => l.is_primary)
    if (!primary) return { indicators: [] }
    const keys = callAddressKeys(await addressIndexFor(ctx.db, trx), {
      address: primary.address,
      text: primary.location_text,
    })
    if (!keys) return { indicators: [] }
    const rows = await repo.listActiveIndicatorsAt(trx, keys.addressKeys, keys.unitKey)
    if (rows.length === 0) return { indicators: [] }
    const refusal = callDisplayRefusal(call, actor)
    const details = {
      callId: call.id,
      positionId: actor.positionId,
      answeredByPositionId: call.answered_by_position_id,
    }
    for (const row of rows) {
      await recordAudit(trx, ctx, {
        component: 'disability_registry',
        eventType: refusal ? 'disability_indicator.denied' : 'disability_indicator.displayed',
        outcome: refusal ? 'denied' : 'success',
        subject: { type: 'disability_indicator', id: row.id },
        details: refusal ? { ...details, reason: refusal } : details,
      })
    }
    return { indicators: refusal ? [] : rows.map(presentCallIndicator) }
  })
}
