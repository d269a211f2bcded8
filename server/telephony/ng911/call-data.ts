import { parseNameAddr } from '../sip/headers.ts'
import type { SipRequest } from '../sip/message.ts'
import { partByCid, type BodyPart } from '../sip/multipart.ts'
import {
  missingBlock,
  readBlock,
  readCallInfo,
  type AdditionalDataBlock,
  type AdditionalDataRef,
  type EmergencyIds,
} from './additional-data.ts'
import { parsePidfLo, type PidfLocation } from './pidf-lo.ts'

/**
 * What an NG911 INVITE (or MESSAGE) tells about its call, read once, without SIP types for the
 * rest of the platform: who calls, from where (every location delivered), the RFC 7852 data,
 * the NENA ids, and every problem met on the way. Nothing here can refuse the call.
 */
export interface Ng911CallData {
  sipCallId: string
  ids: EmergencyIds
  /** The caller's number in E.164 when the INVITE says it (P-Asserted-Identity, then From). */
  ani: string | null
  callerName: string | null
  /** The service URN the call was placed to (urn:service:sos, urn:service:test.sos …). */
  service: string | null
  isTestCall: boolean
  locations: PidfLocation[]
  /** Locations by reference (https: for HELD, sip:/pres: for presence), not yet fetched. */
  locationRefs: string[]
  additionalData: AdditionalDataBlock[]
  /** Additional data by reference, to fetch from the ADR. */
  additionalDataRefs: AdditionalDataRef[]
  problems: string[]
}

const TEST_SERVICES = new Set(['urn:service:test.sos', 'urn:service:test:sos'])

export function readCallData(
  request: SipRequest,
  parts: BodyPart[],
  bodyProblem: string | null,
): Ng911CallData {
  const problems: string[] = bodyProblem ? [`body: ${bodyProblem}`] : []
  const { ids, refs } = readCallInfo(request.headers.getAll('call-info'))
  const service = serviceUrn(request)
  const locations: PidfLocation[] = []
  const locationRefs: string[] = []
  const usedParts = new Set<BodyPart>()
  for (const value of request.headers.getAll('geolocation')) {
    const uri = parseNameAddr(value)?.uri
    if (!uri) {
      problems.push(`Geolocation: "${value.slice(0, 80)}" is not a URI`)
      continue
    }
    if (!uri.toLowerCase().startsWith('cid:')) {
      locationRefs.push(uri)
      continue
    }
    const part = partByCid(parts, uri)
    if (!part) {
      problems.push(`Geolocation: ${uri} names no body part`)
      continue
    }
    usedParts.add(part)
    readPidf(part, locations, problems)
  }
  // A PIDF-LO part that no Geolocation header names is still read (some ESRPs send it bare).
  for (const part of parts) {
    if (!usedParts.has(part) && part.contentType?.type === 'application/pidf+xml') {
      readPidf(part, locations, problems)
    }
  }
  const additionalData: AdditionalDataBlock[] = []
  const additionalDataRefs: AdditionalDataRef[] = []
  for (const ref of refs) {
    if (!ref.byValue) {
      additionalDataRefs.push(ref)
      continue
    }
    const part = partByCid(parts, ref.uri)
    additionalData.push(
      part
        ? readBlock(ref, part.contentType?.type ?? null, part.body.toString('utf8'))
        : missingBlock(ref, `${ref.uri} names no body part`),
    )
  }
  for (const block of additionalData) {
    problems.push(...block.problems.map((p) => `${block.block}: ${p}`))
  }
  return {
    sipCallId: request.headers.get('call-id') ?? '',
    ids,
    ani: callerNumber(request),
    callerName: parseNameAddr(request.headers.get('from') ?? '')?.displayName ?? null,
    service,
    isTestCall: service !== null && TEST_SERVICES.has(service.toLowerCase()),
    locations,
    locationRefs,
    additionalData,
    additionalDataRefs,
    problems,
  }
}

function readPidf(part: BodyPart, locations: PidfLocation[], problems: string[]): void {
  try {
    const doc = parsePidfLo(part.body.toString('utf8'))
    locations.push(...doc.locations)
    problems.push(...doc.problems.map((p) => `location: ${p}`))
  } catch (error) {
    problems.push(`location: ${(error as Error).message}`)
  }
}

/** The service URN: in To (i3 keeps it there), else the Request-URI when it is one. */
function serviceUrn(request: SipRequest): string | null {
  const to = parseNameAddr(request.headers.get('to') ?? '')?.uri ?? ''
  if (to.toLowerCase().startsWith('urn:service:')) return to
  return request.uri.toLowerCase().startsWith('urn:service:') ? request.uri : null
}

/** `tel:+15085550123` or `sip:+15085550123@…;user=phone` → +15085550123. */
function callerNumber(request: SipRequest): string | null {
  for (const value of [
    ...request.headers.getAll('p-asserted-identity'),
    request.headers.get('from') ?? '',
  ]) {
    const uri = parseNameAddr(value)?.uri ?? ''
    const match = /^(?:tel:|sips?:)(\+?[0-9][0-9().-]{6,20})(?=$|[@;])/i.exec(uri)
    if (match?.[1]) {
      const digits = match[1].replace(/[().-]/g, '')
      if (digits.startsWith('+')) return digits
      if (digits.length === 10) return `+1${digits}`
      if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`
      return digits
    }
  }
  return null
}
