import type {
  AdditionalData,
  CallDelivery,
  CallText,
  CallView,
  OfferCallBody,
  SendTextBody,
} from '@common/api/calls.ts'
import type { LocationInput } from '@common/api/locations.ts'
import { recordChange } from '../../commands/record-change.ts'
import { runCommand } from '../../commands/run-command.ts'
import type { Trx } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AppError } from '../../http/errors.ts'
import { recordAudit } from '../audit/index.ts'
import * as calls from './calls.repository.ts'
import { locationRow, offerCallIn, readCallView } from './calls.service.ts'
import * as deliveries from './call-delivery.repository.ts'
import type { CallTextRow } from './calls.table.ts'

const COMPONENT = 'calls'

/** An NG911 call as the telephony adapter hands it over: no SIP types, only what it means. */
export interface DeliveredCall {
  offer: OfferCallBody
  /** Every further location the call delivered (device fixes beside the civic address). */
  moreLocations: LocationInput[]
  delivery: {
    transport: string
    sipCallId: string
    emergencyCallId: string | null
    emergencyIncidentId: string | null
    service: string | null
    rawMessage: Buffer
    additionalData: AdditionalData[]
    problems: string[]
    nodeId: string
  }
}

/**
 * Offers a delivered call in one transaction: the call with its first location, the other
 * locations as candidates, and the delivery (the raw INVITE as evidence, the additional data,
 * the problems). Either all of it is committed or none, so a call is never half-written.
 */
export async function offerDeliveredCall(
  ctx: Ctx,
  input: DeliveredCall,
): Promise<{ created: boolean; call: CallView }> {
  return runCommand(ctx, async (trx) => {
    const offered = await offerCallIn(trx, ctx, input.offer)
    if (!offered.created) return offered
    const callId = offered.call.id
    const now = ctx.now()
    for (const location of input.moreLocations) {
      await calls.insertCallLocation(trx, {
        ...locationRow(callId, location, now),
        is_primary: false,
      })
    }
    const d = input.delivery
    await deliveries.insertDelivery(trx, {
      call_id: callId,
      protocol: 'sip',
      transport: d.transport,
      sip_call_id: d.sipCallId,
      emergency_call_id: d.emergencyCallId,
      emergency_incident_id: d.emergencyIncidentId,
      service: d.service,
      raw_message: d.rawMessage,
      additional_data: JSON.stringify(d.additionalData),
      problems: JSON.stringify(d.problems),
      node_id: d.nodeId,
      received_at: now,
    })
    return { created: true, call: await readCallView(trx, ctx, callId) }
  })
}

/**
 * What came later by reference (the LIS location, the ADR's additional data): added to the
 * delivery and, for locations, as candidates on the call (never replacing the primary one).
 */
export async function appendDeliveredData(
  ctx: Ctx,
  callId: string,
  data: { locations: LocationInput[]; additionalData: AdditionalData[]; problems: string[] },
): Promise<void> {
  await runCommand(ctx, async (trx) => {
    const call = await calls.lockCall(trx, callId)
    const delivery = await deliveries.findDelivery(trx, callId)
    if (!call || !delivery) return
    const now = ctx.now()
    for (const input of data.locations) {
      const location = await calls.insertCallLocation(trx, {
        ...locationRow(callId, input, now),
        is_primary: false,
      })
      await recordChange(trx, ctx, {
        component: COMPONENT,
        subject: { type: 'call', id: callId },
        type: 'call.location_added',
        payload: {
          callId,
          locationId: location.id,
          source: location.source,
          locationText: location.location_text,
          incidentId: call.incident_id,
        },
        details: { locationId: location.id, source: location.source, byReference: true },
      })
    }
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'call', id: callId },
      type: 'call.delivery_updated',
      payload: { callId, blocks: data.additionalData.length, problems: data.problems.length },
      details: { blocks: data.additionalData.length, problems: data.problems.length },
    })
    await deliveries.updateDelivery(trx, callId, {
      additional_data: JSON.stringify([
        ...(delivery.additional_data as AdditionalData[]),
        ...data.additionalData,
      ]),
      problems: JSON.stringify([...delivery.problems, ...data.problems]),
    })
  })
}

export async function getCallDelivery(ctx: Ctx, callId: string): Promise<CallDelivery> {
  const row = await deliveries.findDelivery(ctx.db, callId)
  if (!row) throw new AppError('call_not_found', `no delivered data for call ${callId}`)
  return {
    callId: row.call_id,
    protocol: row.protocol,
    transport: row.transport,
    emergencyCallId: row.emergency_call_id,
    emergencyIncidentId: row.emergency_incident_id,
    service: row.service,
    additionalData: row.additional_data as AdditionalData[],
    problems: row.problems,
    receivedAt: row.received_at.toISOString(),
  }
}

/** The INVITE as it arrived: evidence, read by supervisors only, and audited. */
export async function readRawDelivery(ctx: Ctx, callId: string): Promise<Buffer> {
  return runCommand(ctx, async (trx) => {
    const row = await deliveries.findDelivery(trx, callId)
    if (!row) throw new AppError('call_not_found', `no delivered data for call ${callId}`)
    await recordAudit(trx, ctx, {
      component: COMPONENT,
      eventType: 'call.delivery_read',
      subject: { type: 'call', id: callId },
      details: { bytes: row.raw_message.length },
    })
    return row.raw_message
  })
}

export async function listCallTexts(ctx: Ctx, callId: string): Promise<CallText[]> {
  const call = await calls.findCall(ctx.db, callId)
  if (!call) throw new AppError('call_not_found', `call ${callId} not found`)
  return (await deliveries.listTexts(ctx.db, callId)).map(presentText)
}

/** A text from the caller (SIP MESSAGE, or TTY decoded from the audio). */
export async function receiveCallText(
  ctx: Ctx,
  callId: string,
  text: { channel: CallText['channel']; body: string },
): Promise<CallText> {
  return runCommand(ctx, async (trx) => {
    const call = await calls.findCall(trx, callId)
    if (!call) throw new AppError('call_not_found', `call ${callId} not found`)
    return presentText(
      await addText(trx, ctx, callId, { ...text, direction: 'from_caller', userId: null }),
    )
  })
}

/**
 * The call taker's reply. It is committed first, then sent by the node holding the call (it
 * follows `call.text` events), so a reply is never acknowledged and then lost.
 */
export async function sendCallText(
  ctx: Ctx,
  callId: string,
  body: SendTextBody,
): Promise<CallText> {
  return runCommand(ctx, async (trx) => {
    const call = await calls.lockCall(trx, callId)
    if (!call) throw new AppError('call_not_found', `call ${callId} not found`)
    if (call.status === 'released' || call.closed_at) {
      throw new AppError(
        'call_closed',
        'the caller is no longer on the line: the reply cannot be sent',
        'body',
      )
    }
    const row = await addText(trx, ctx, callId, {
      channel: body.channel,
      body: body.body,
      direction: 'to_caller',
      userId: ctx.actor?.userId ?? null,
    })
    return presentText(row)
  })
}

/** The audio went quiet, or came back: an alert on the call taker's screen. */
export async function raiseMediaAlert(
  ctx: Ctx,
  callId: string,
  alert: { kind: 'silence' | 'resumed'; quietSeconds: number },
): Promise<void> {
  await runCommand(ctx, async (trx) => {
    const call = await calls.findCall(trx, callId)
    if (!call) return
    await recordChange(trx, ctx, {
      component: COMPONENT,
      subject: { type: 'call', id: callId },
      type: 'call.media_alert',
      payload: { callId, kind: alert.kind, quietSeconds: alert.quietSeconds },
      details: alert,
    })
  })
}

async function addText(
  trx: Trx,
  ctx: Ctx,
  callId: string,
  text: {
    channel: CallText['channel']
    body: string
    direction: CallText['direction']
    userId: string | null
  },
): Promise<CallTextRow> {
  const row = await deliveries.insertText(trx, {
    call_id: callId,
    direction: text.direction,
    channel: text.channel,
    body: text.body,
    sent_by_user_id: text.userId,
    at: ctx.now(),
  })
  await recordChange(trx, ctx, {
    component: COMPONENT,
    subject: { type: 'call', id: callId },
    type: 'call.text',
    payload: {
      callId,
      textId: row.id,
      direction: row.direction,
      channel: row.channel,
      body: row.body,
    },
    details: {
      textId: row.id,
      direction: row.direction,
      channel: row.channel,
      length: row.body.length,
    },
  })
  return row
}

function presentText(row: CallTextRow): CallText {
  return {
    id: row.id,
    callId: row.call_id,
    direction: row.direction,
    channel: row.channel,
    body: row.body,
    sentByUserId: row.sent_by_user_id,
    at: row.at.toISOString(),
  }
}
