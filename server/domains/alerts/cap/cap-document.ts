/**
 * The OASIS CAP 1.2 document of an alert (`/api/alerts/:id/cap.xml`), in the element order and
 * with the value rules of the standard, so that the OASIS schema and IPAWS-style consumers
 * accept it.
 */
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_SEVERITIES,
  CAP_URGENCIES,
  type CapMsgType,
  type CapStatus,
} from '@common/api/alerts.ts'
import { capCircle, capPolygon, type LatLon } from './cap-geometry.ts'
import { capTime } from './cap-time.ts'
import { element, parent, valuePair } from './cap-xml.ts'

export { capAreasFor, type AreaTownBoundaries, type TownCoordinates } from './cap-areas.ts'
export { CAP_POLYGON_MAX_POINTS } from './cap-geometry.ts'

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2'

/** The WEA text parameters and their limits in characters (NWS/IPAWS CAP profile). */
export const CAP_PARAMETER_LIMITS: Record<string, number> = { CMAMtext: 90, CMAMlongtext: 360 }

export interface CapValuePair {
  valueName: string
  value: string
}

export interface CapArea {
  areaDesc: string
  /** [lat, lon] rings, open or closed; written closed and at most 100 pairs long. */
  polygons: LatLon[][]
  circles: { center: LatLon; radiusKm: number }[]
  geocodes: CapValuePair[]
}

/** One `<info>`: the alert in one language. */
export interface CapInfo {
  /** BCP 47; English is written `en-US` (see `capLanguage`). */
  language: string
  category: string
  event: string
  urgency: string
  severity: string
  certainty: string
  senderName: string
  headline: string
  description: string
  instruction: string
  expires: Date | null
  parameters: CapValuePair[]
  areas: CapArea[]
}

/** A reference to an earlier message: Update and Cancel name the original(s). */
export interface CapReference {
  sender: string
  identifier: string
  sent: Date
}

export interface CapAlert {
  identifier: string
  sender: string
  sent: Date
  status: CapStatus
  msgType: CapMsgType
  scope: 'Public'
  note?: string
  references: CapReference[]
  /** The center's IANA zone: every time is written with its offset there. */
  timeZone: string
  infos: CapInfo[]
}

/** The CAP `<language>` of one of the city's language codes: plain English is `en-US`. */
export function capLanguage(code: string): string {
  return code === 'en' ? 'en-US' : code
}

/**
 * The alert as a CAP 1.2 XML document. Throws a RangeError when the alert breaks a rule of CAP
 * the schema cannot see (an identifier with a space or comma, an Update without references, a
 * WEA text over its limit): these are programming errors, caught before anyone receives it.
 */
export function capDocument(alert: CapAlert): string {
  checkAlert(alert)
  const time = (instant: Date) => capTime(instant, alert.timeZone)
  const lines = [
    element('identifier', alert.identifier, 1),
    element('sender', alert.sender, 1),
    element('sent', time(alert.sent), 1),
    element('status', alert.status, 1),
    element('msgType', alert.msgType, 1),
    element('scope', alert.scope, 1),
  ]
  if (alert.note) lines.push(element('note', alert.note, 1))
  if (alert.references.length > 0) {
    lines.push(element('references', capReferences(alert.references, alert.timeZone), 1))
  }
  for (const info of alert.infos) lines.push(infoElement(info, time))
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<alert xmlns="${CAP_NAMESPACE}">`,
    ...lines,
    '</alert>',
    '',
  ].join('\n')
}

/** CAP's `<references>`: "sender,identifier,sent" for each, separated by spaces. */
export function capReferences(references: CapReference[], timeZone: string): string {
  return references.map((r) => `${r.sender},${r.identifier},${capTime(r.sent, timeZone)}`).join(' ')
}

function infoElement(info: CapInfo, time: (instant: Date) => string): string {
  const optional = (name: string, text: string) => (text.trim() ? [element(name, text, 2)] : [])
  return parent(
    'info',
    [
      element('language', info.language, 2),
      element('category', info.category, 2),
      element('event', info.event, 2),
      element('urgency', info.urgency, 2),
      element('severity', info.severity, 2),
      element('certainty', info.certainty, 2),
      ...(info.expires ? [element('expires', time(info.expires), 2)] : []),
      ...optional('senderName', info.senderName),
      ...optional('headline', info.headline),
      ...optional('description', info.description),
      ...optional('instruction', info.instruction),
      ...info.parameters.map((p) => valuePair('parameter', p, 2)),
      ...info.areas.map(areaElement),
    ],
    1,
  )
}

function areaElement(area: CapArea): string {
  return parent(
    'area',
    [
      element('areaDesc', area.areaDesc, 3),
      ...area.polygons.map((ring) => element('polygon', capPolygon(ring), 3)),
      ...area.circles.map((c) => element('circle', capCircle(c.center, c.radiusKm), 3)),
      ...area.geocodes.map((g) => valuePair('geocode', g, 3)),
    ],
    2,
  )
}

// CAP 1.2 §3.2.1: identifier and sender carry no spaces, commas or restricted characters,
// because `<references>` joins them with commas and spaces.
const CAP_TOKEN = /^[^\s,<&]+$/

function checkAlert(alert: CapAlert): void {
  const token = (name: string, value: string) => {
    if (!CAP_TOKEN.test(value)) {
      throw new RangeError(`CAP ${name} "${value}": no spaces, commas, < or &`)
    }
  }
  token('identifier', alert.identifier)
  token('sender', alert.sender)
  for (const r of alert.references) {
    token('references sender', r.sender)
    token('references identifier', r.identifier)
  }
  if (alert.msgType !== 'Alert' && alert.references.length === 0) {
    throw new RangeError(`CAP ${alert.msgType}: references name the original alert`)
  }
  for (const info of alert.infos) checkInfo(info)
}

function checkInfo(info: CapInfo): void {
  const oneOf = (name: string, value: string, allowed: readonly string[]) => {
    if (!allowed.includes(value)) throw new RangeError(`CAP ${name} "${value}" is not a CAP value`)
  }
  oneOf('category', info.category, CAP_CATEGORIES)
  oneOf('urgency', info.urgency, CAP_URGENCIES)
  oneOf('severity', info.severity, CAP_SEVERITIES)
  oneOf('certainty', info.certainty, CAP_CERTAINTIES)
  if (!info.event.trim()) throw new RangeError('CAP event: required')
  for (const p of info.parameters) {
    const limit = CAP_PARAMETER_LIMITS[p.valueName]
    const length = [...p.value].length
    if (limit !== undefined && length > limit) {
      throw new RangeError(`CAP parameter ${p.valueName}: ${length} characters, at most ${limit}`)
    }
  }
}
