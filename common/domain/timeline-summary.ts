import type { LiveEventMap, LiveEventType } from '../api/events.ts'
import { UNIT_STATUS_LABELS } from './units.ts'

type Summaries = { [T in LiveEventType]?: (payload: LiveEventMap[T]) => string }

const LINE_NAMES = {
  '911': '911',
  non_emergency: 'Complaint line',
  switchboard: 'Switchboard',
  admin: 'Admin line',
}

/** One readable line per event, as a dispatcher or a records clerk reads a timeline. */
const SUMMARIES: Summaries = {
  'call.offered': (p) =>
    `${LINE_NAMES[p.line]} call from ${p.ani ?? 'unknown number'}${p.locationText ? ` at ${p.locationText}` : ''}`,
  'call.answered': (p) => `Call answered at ${p.positionCode}`,
  'call.location_added': (p) =>
    `Location added (${p.source.replace('_', ' ')}): ${p.locationText ?? 'point'}`,
  'call.location_promoted': (p) => `Location (${p.source.replace('_', ' ')}) made primary`,
  'call.transferred': (p) => `Call transferred to ${p.to}`,
  'call.released': (p) => (p.abandoned ? 'Caller hung up before answer' : 'Call ended'),
  'call.attached': (p) =>
    p.attachedAs === 'duplicate'
      ? `Duplicate caller attached to ${p.number}`
      : `Call became ${p.number}`,
  'call.duplicate_dismissed': (p) => `Not a duplicate${p.reason ? `: ${p.reason}` : ''}`,
  'call.closed': (p) => `Call closed (${p.disposition.replace('_', ' ')})`,
  'incident.created': (p) =>
    `${p.number} opened: ${p.natureCode}, priority ${p.priority}, ${p.locationText}`,
  'incident.priority_changed': (p) => `Priority ${p.previousPriority} → ${p.priority}: ${p.reason}`,
  'incident.nature_changed': (p) => `Nature ${p.previousNatureCode} → ${p.natureCode}: ${p.reason}`,
  'incident.location_changed': (p) =>
    `Location now ${p.locationText}${p.isVerified ? '' : ' (unverified)'}`,
  'incident.location_followed_up': (p) => `Unverified location followed up: ${p.note}`,
  'incident.note_added': (p) =>
    p.supersedesNoteId ? `Note corrected: ${p.text}` : `Note: ${p.text}`,
  'incident.alarm_upgraded': (p) =>
    `Alarm level ${p.alarmLevel}${p.shortfall.length ? ` (short: ${p.shortfall.map((s) => `${s.missing} ${s.unitType}`).join(', ')})` : ''}`,
  'incident.status_changed': (p) => `Incident ${p.status}`,
  'incident.closed': (p) => `${p.number} closed (${p.disposition.replace('_', ' ')})`,
  'incident.reopened': (p) => `${p.number} reopened: ${p.reason}`,
  'unit.dispatched': (p) => `${p.code} ${p.stacked ? 'stacked' : 'dispatched'}`,
  'unit.cleared': (p) => `${p.code} cleared: ${p.reason}`,
  'unit.status_changed': (p) =>
    `${p.code} ${UNIT_STATUS_LABELS[p.status].toLowerCase()}${p.override ? ` (override: ${p.reason ?? ''})` : ''}`,
}

export function summarizeEvent(type: string, payload: unknown): string {
  const summary = SUMMARIES[type as LiveEventType] as ((p: unknown) => string) | undefined
  return summary ? summary(payload) : type.replace(/[._]/g, ' ')
}
