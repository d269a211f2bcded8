import { XMLParser, XMLValidator } from 'fast-xml-parser'

/**
 * A small namespace-aware XML tree over fast-xml-parser. Location and additional data are told
 * apart by namespace, never by prefix (senders choose their own prefixes). Values stay strings:
 * a ZIP code of 01608 must not become the number 1608.
 */
export interface XmlElement {
  /** The namespace URI, or '' when none is declared. */
  ns: string
  name: string
  /** Attributes by local name (namespaced ones by `prefix:local` too). */
  attrs: Record<string, string>
  children: XmlElement[]
  /** The element's own text, its children's excluded, trimmed. */
  text: string
}

export class XmlError extends Error {}

/** Larger location or additional-data documents are refused as data (the call goes on). */
export const MAX_XML_BYTES = 256 * 1024

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
})

type RawNode = Record<string, unknown>

/** Parses a document; throws XmlError for anything not well-formed, DTDs and entities included. */
export function parseXml(text: string): XmlElement {
  if (Buffer.byteLength(text) > MAX_XML_BYTES) throw new XmlError('document too large')
  // A DTD can define entities that expand without bound: no 911 data document needs one.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new XmlError('DOCTYPE and ENTITY are not accepted')
  const valid = XMLValidator.validate(text)
  if (valid !== true) throw new XmlError(`not well-formed XML: ${valid.err.msg}`)
  const nodes = parser.parse(text) as RawNode[]
  const roots = nodes.map((node) => build(node, new Map())).filter((el) => el !== null)
  if (roots.length !== 1 || !roots[0]) throw new XmlError('expected one root element')
  return roots[0]
}

function build(node: RawNode, scope: Map<string, string>): XmlElement | null {
  const tag = Object.keys(node).find((key) => key !== ':@')
  if (!tag || tag === '#text' || tag.startsWith('?') || tag.startsWith('!')) return null
  const rawAttrs = (node[':@'] ?? {}) as Record<string, string>
  const local = new Map(scope)
  const attrs: Record<string, string> = {}
  for (const [name, value] of Object.entries(rawAttrs)) {
    if (name === 'xmlns') local.set('', value)
    else if (name.startsWith('xmlns:')) local.set(name.slice(6), value)
    else {
      attrs[name] = value
      const colon = name.indexOf(':')
      if (colon > 0) attrs[name.slice(colon + 1)] ??= value
    }
  }
  const colon = tag.indexOf(':')
  const prefix = colon > 0 ? tag.slice(0, colon) : ''
  const element: XmlElement = {
    ns: local.get(prefix) ?? '',
    name: colon > 0 ? tag.slice(colon + 1) : tag,
    attrs,
    children: [],
    text: '',
  }
  let text = ''
  for (const child of (node[tag] ?? []) as RawNode[]) {
    if ('#text' in child) text += String(child['#text'])
    else {
      const built = build(child, local)
      if (built) element.children.push(built)
    }
  }
  element.text = text.trim()
  return element
}

export function childrenOf(element: XmlElement, ns: string, name?: string): XmlElement[] {
  return element.children.filter(
    (child) => child.ns === ns && (name === undefined || child.name === name),
  )
}

export function childOf(element: XmlElement, ns: string, name: string): XmlElement | undefined {
  return element.children.find((child) => child.ns === ns && child.name === name)
}

/** Every element below (not including) this one with the name, depth first. */
export function descendants(element: XmlElement, ns: string, name: string): XmlElement[] {
  const found: XmlElement[] = []
  const walk = (el: XmlElement): void => {
    for (const child of el.children) {
      if (child.ns === ns && child.name === name) found.push(child)
      walk(child)
    }
  }
  walk(element)
  return found
}

export function textOf(element: XmlElement | undefined): string | null {
  return element && element.text !== '' ? element.text : null
}
