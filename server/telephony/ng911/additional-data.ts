import { parseNameAddr } from '../sip/headers.ts'
import { parseXml, XmlError, type XmlElement } from './xml-tree.ts'

/**
 * RFC 7852 additional data and the NENA call identifiers, from an INVITE's Call-Info headers.
 * A block comes by value (`cid:` naming a body part) or by reference (an https URL of an
 * Additional Data Repository). Every block is kept raw; the known ones are also read into named
 * fields for the call taker, unknown ones are shown as their leaf elements.
 */

const BLOCK_NS = 'urn:ietf:params:xml:ns:EmergencyCallData'

/** A Call-Info entry that points at additional data. */
export interface AdditionalDataRef {
  /** ProviderInfo, ServiceInfo, DeviceInfo, SubscriberInfo, Comment, VEDS, Control, eCall.MSD … */
  block: string
  uri: string
  byValue: boolean
}

/** The NENA identifiers of the call and of the incident it belongs to (NENA-STA-010.3). */
export interface EmergencyIds {
  callId: string | null
  incidentId: string | null
}

export interface CallInfo {
  ids: EmergencyIds
  refs: AdditionalDataRef[]
}

/** Reads the Call-Info values: the emergency ids (or the legacy nena- ones) and the data refs. */
export function readCallInfo(values: string[]): CallInfo {
  const ids: EmergencyIds = { callId: null, incidentId: null }
  const refs: AdditionalDataRef[] = []
  for (const value of values) {
    const entry = parseNameAddr(value)
    const purpose = entry?.params.get('purpose')
    if (!entry || !purpose) continue
    const lower = purpose.toLowerCase()
    if (lower === 'emergency-callid' || lower === 'nena-callid') ids.callId ??= entry.uri
    else if (lower === 'emergency-incidentid' || lower === 'nena-incidentid') {
      ids.incidentId ??= entry.uri
    } else if (lower.startsWith('emergencycalldata.')) {
      refs.push({
        block: purpose.slice('EmergencyCallData.'.length),
        uri: entry.uri,
        byValue: entry.uri.toLowerCase().startsWith('cid:'),
      })
    }
  }
  return { ids, refs }
}

/** One block as read: its fields for display, and problems when it could not be read. */
export interface AdditionalDataBlock {
  block: string
  byValue: boolean
  uri: string
  contentType: string | null
  /** The document as received (kept as evidence and for later re-reading). */
  raw: string | null
  /** One line per value, in document order: `ServiceType: wireless`. */
  fields: Array<{ name: string; value: string }>
  /** A short line for the call screen, for the blocks a call taker reads most. */
  summary: string | null
  problems: string[]
}

/** Reads a block's XML into fields; a bad document is kept raw and flagged. */
export function readBlock(
  ref: AdditionalDataRef,
  contentType: string | null,
  raw: string,
): AdditionalDataBlock {
  const result: AdditionalDataBlock = {
    block: ref.block,
    byValue: ref.byValue,
    uri: ref.uri,
    contentType,
    raw,
    fields: [],
    summary: null,
    problems: [],
  }
  let root: XmlElement
  try {
    root = parseXml(raw)
  } catch (error) {
    result.problems.push(error instanceof XmlError ? error.message : 'unreadable document')
    return result
  }
  if (!root.ns.startsWith(BLOCK_NS)) {
    result.problems.push(`not an EmergencyCallData document: {${root.ns}}${root.name}`)
  }
  const privacy = root.attrs.privacyRequested
  if (privacy) result.fields.push({ name: 'privacyRequested', value: privacy })
  collectLeaves(root, [], result.fields)
  result.summary = summarise(ref.block, result.fields)
  return result
}

/** A block that could not be fetched or found: kept as a problem with its reference. */
export function missingBlock(ref: AdditionalDataRef, problem: string): AdditionalDataBlock {
  return {
    block: ref.block,
    byValue: ref.byValue,
    uri: ref.uri,
    contentType: null,
    raw: null,
    fields: [],
    summary: null,
    problems: [problem],
  }
}

function collectLeaves(
  node: XmlElement,
  path: string[],
  out: Array<{ name: string; value: string }>,
): void {
  for (const child of node.children) {
    const here = [...path, child.name]
    if (child.children.length === 0) {
      const typeAttr = child.attrs.TypeOfDeviceID
      if (child.text) {
        out.push({
          name: typeAttr ? `${child.name} (${typeAttr})` : displayPath(here),
          value: child.text,
        })
      }
    } else collectLeaves(child, here, out)
  }
}

/** xCard paths are long (`SubscriberData.vcard.fn.text`): the meaningful ends are kept. */
function displayPath(path: string[]): string {
  const meaningful = path.filter(
    (part) =>
      ![
        'vcards',
        'vcard',
        'text',
        'uri',
        'parameters',
        'SubscriberData',
        'DataProviderContact',
      ].includes(part),
  )
  return meaningful.join('.') || path.join('.')
}

function summarise(block: string, fields: Array<{ name: string; value: string }>): string | null {
  const get = (name: string) => fields.filter((f) => f.name === name).map((f) => f.value)
  const join = (values: string[]) => values.filter(Boolean).join(' · ') || null
  switch (block) {
    case 'ServiceInfo':
      return join([...get('ServiceEnvironment'), ...get('ServiceType'), ...get('ServiceMobility')])
    case 'ProviderInfo':
      return join([...get('DataProviderString'), ...get('TypeOfProvider'), ...get('ContactURI')])
    case 'DeviceInfo':
      return join([...get('DeviceClassification'), ...get('DeviceMfgr'), ...get('DeviceModelNr')])
    case 'SubscriberInfo':
      return join([...get('fn'), ...get('tel'), ...get('adr.street'), ...get('adr.locality')])
    case 'Comment':
      return join(get('Comment'))
    default:
      return null
  }
}
