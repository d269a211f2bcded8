import type { EidoReference } from '@common/api/eido.ts'

/**
 * One identifier scheme for every `$id` of an EIDO: `urn:emergency:uid:<kind>:<key>:<domain>`,
 * the form NENA-STA-010.3 gives its Incident Tracking and Call Identifiers (and the NENA sample
 * EIDO uses). `incidentid` (the document itself) and `callid` are NENA's kinds; the others name
 * the component. The key is the row's uuid without dashes: STA-010 wants 10 to 32 letters and
 * digits there. The domain is the center's (ECC_CENTER_DOMAIN), so the ids are globally unique.
 */
export type EidoIdKind =
  | 'incidentid'
  | 'callid'
  | 'incident'
  | 'agency'
  | 'agent'
  | 'callback'
  | 'person'
  | 'location'
  | 'resource'
  | 'dispatch'
  | 'notes'
  | 'caution'
  | 'disposition'

/** The key of the call-receiving center, which has no row of its own. */
export const CENTER_KEY = 'callreceivingcenter'

export function eidoId(domain: string, kind: EidoIdKind, key: string): string {
  return `urn:emergency:uid:${kind}:${key.replaceAll('-', '').toLowerCase()}:${domain}`
}

export interface Prologue {
  $id: string
  lastUpdateTimeStamp: string
  updatedByAgencyReference: EidoReference
  updatedByAgentReference?: EidoReference
}

/** Ids, references and prologues of one document, all in the scheme above. */
export interface EidoIds {
  id(kind: EidoIdKind, key: string): string
  ref(kind: EidoIdKind, key: string): EidoReference
  /** The center: it runs the CAD, so it is the agency that updated every component. */
  center: EidoReference
  prologue(kind: EidoIdKind, key: string, at: Date, agent?: EidoReference): Prologue
}

export function eidoIds(domain: string): EidoIds {
  const id = (kind: EidoIdKind, key: string) => eidoId(domain, kind, key)
  const center = { $ref: id('agency', CENTER_KEY) }
  return {
    id,
    ref: (kind, key) => ({ $ref: id(kind, key) }),
    center,
    prologue: (kind, key, at, agent) => ({
      $id: id(kind, key),
      lastUpdateTimeStamp: at.toISOString(),
      updatedByAgencyReference: center,
      ...(agent ? { updatedByAgentReference: agent } : {}),
    }),
  }
}

/** The latest of some times (a component's last update). */
export function latest(...times: (Date | null | undefined)[]): Date {
  const known = times.filter((t): t is Date => t instanceof Date)
  return new Date(Math.max(...known.map((t) => t.getTime())))
}

/** The earliest of some times (when the center first had part in the incident). */
export function earliest(...times: Date[]): Date {
  return new Date(Math.min(...times.map((t) => t.getTime())))
}
