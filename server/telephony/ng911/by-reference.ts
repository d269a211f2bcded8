import {
  missingBlock,
  readBlock,
  type AdditionalDataBlock,
  type AdditionalDataRef,
} from './additional-data.ts'
import { NS, readPidfElement, type PidfLocation } from './pidf-lo.ts'
import { descendants, parseXml, XmlError } from './xml-tree.ts'

/**
 * Data an NG911 call delivers by reference: its location from the LIS (HELD dereference,
 * RFC 6753) and its additional data from the ADR (RFC 7852 §4.1, an HTTPS GET). Each fetch has a
 * deadline; what fails is a problem shown to the call taker, never a reason to hold the call.
 */
export interface Fetched {
  locations: PidfLocation[]
  additionalData: AdditionalDataBlock[]
  problems: string[]
}

const DEADLINE_MS = 3000
const MAX_BYTES = 256 * 1024

const HELD_REQUEST = `<?xml version="1.0" encoding="UTF-8"?>
<locationRequest xmlns="urn:ietf:params:xml:ns:geopriv:held" responseTime="emergencyRouting">
<locationType exact="false">any</locationType>
</locationRequest>`

export async function fetchByReference(
  locationRefs: string[],
  dataRefs: AdditionalDataRef[],
): Promise<Fetched> {
  const result: Fetched = { locations: [], additionalData: [], problems: [] }
  await Promise.all([
    ...locationRefs.map(async (uri) => {
      if (!/^https?:/i.test(uri)) {
        result.problems.push(
          `location by reference ${uri}: only HELD (https) is dereferenced; SIP presence is not supported yet`,
        )
        return
      }
      try {
        const text = await fetchText(uri, {
          method: 'POST',
          headers: {
            'content-type': 'application/held+xml;charset=utf-8',
            accept: 'application/held+xml',
          },
          body: HELD_REQUEST,
        })
        const presence = descendants(wrap(parseXml(text)), NS.pidf, 'presence')[0]
        if (!presence) throw new XmlError('the HELD response holds no location (presence)')
        const doc = readPidfElement(presence)
        result.locations.push(...doc.locations)
        result.problems.push(...doc.problems.map((p) => `location by reference: ${p}`))
      } catch (error) {
        result.problems.push(`location by reference ${uri}: ${(error as Error).message}`)
      }
    }),
    ...dataRefs.map(async (ref) => {
      if (!/^https?:/i.test(ref.uri)) {
        result.additionalData.push(missingBlock(ref, 'only https references are fetched'))
        return
      }
      try {
        const text = await fetchText(ref.uri, {
          method: 'GET',
          headers: { accept: `application/EmergencyCallData.${ref.block}+xml` },
        })
        result.additionalData.push(readBlock(ref, null, text))
      } catch (error) {
        result.additionalData.push(
          missingBlock(ref, `could not be fetched: ${(error as Error).message}`),
        )
      }
    }),
  ])
  for (const block of result.additionalData) {
    result.problems.push(...block.problems.map((p) => `${block.block}: ${p}`))
  }
  return result
}

async function fetchText(uri: string, init: RequestInit): Promise<string> {
  const response = await fetch(uri, {
    ...init,
    signal: AbortSignal.timeout(DEADLINE_MS),
    redirect: 'error',
  })
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  const length = Number(response.headers.get('content-length') ?? '0')
  if (length > MAX_BYTES) throw new Error('response too large')
  const text = await response.text()
  if (Buffer.byteLength(text) > MAX_BYTES) throw new Error('response too large')
  return text
}

/** `descendants` skips the element itself: a bare presence document is wrapped to be found too. */
function wrap(root: ReturnType<typeof parseXml>) {
  return { ns: '', name: '', attrs: {}, children: [root], text: '' }
}
