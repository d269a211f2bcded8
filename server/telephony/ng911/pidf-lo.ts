import {
  childOf,
  childrenOf,
  descendants,
  parseXml,
  textOf,
  XmlError,
  type XmlElement,
} from './xml-tree.ts'

/**
 * PIDF-LO (RFC 4119, RFC 5491): every geopriv in a presence document (tuple, device or person),
 * with its civic address (RFC 5139, RFC 6848 extensions, NENA elements kept as found) or its
 * geodetic shape, method, time and usage rules. Several locations may come in one document
 * (a civic address and a handset fix): all are kept, none is chosen here.
 */

export const NS = {
  pidf: 'urn:ietf:params:xml:ns:pidf',
  geopriv: 'urn:ietf:params:xml:ns:pidf:geopriv10',
  civic: 'urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr',
  civicExt: 'urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr:ext',
  dataModel: 'urn:ietf:params:xml:ns:pidf:data-model',
  gml: 'http://www.opengis.net/gml',
  shapes: 'http://www.opengis.net/pidflo/1.0',
  confidence: 'urn:ietf:params:xml:ns:geopriv:conf',
} as const

/** RFC 5139 civic elements by their own names (A1 state, A3 town, RD road, HNO number, PC ZIP, …). */
export type CivicElements = Record<string, string>

export type GeodeticShape =
  | { type: 'Point'; lat: number; lon: number; alt: number | null }
  | { type: 'Circle'; lat: number; lon: number; radiusM: number }
  | { type: 'Sphere'; lat: number; lon: number; alt: number | null; radiusM: number }
  | {
      type: 'Ellipse'
      lat: number
      lon: number
      semiMajorM: number
      semiMinorM: number
      orientationDeg: number
    }
  | {
      type: 'ArcBand'
      lat: number
      lon: number
      innerRadiusM: number
      outerRadiusM: number
      startAngleDeg: number
      openingAngleDeg: number
    }
  | { type: 'Polygon'; points: Array<[number, number]> }
  | { type: 'Prism'; points: Array<[number, number]>; heightM: number }
  | {
      type: 'Ellipsoid'
      lat: number
      lon: number
      alt: number | null
      semiMajorM: number
      semiMinorM: number
      verticalM: number
      orientationDeg: number
    }

export interface PidfLocation {
  /** Where in the document the geopriv was: a tuple, a dm:device or a dm:person. */
  element: 'tuple' | 'device' | 'person'
  elementId: string | null
  civic: CivicElements | null
  shape: GeodeticShape | null
  /** 'EPSG::4326' (2D) or 'EPSG::4979' (3D) as given in srsName. */
  srs: string | null
  /** RFC 7459 confidence in percent (default 95 for a shape when not given). */
  confidencePct: number | null
  method: string | null
  providedBy: string | null
  timestamp: string | null
  deviceId: string | null
  retransmissionAllowed: boolean | null
  retentionExpiry: string | null
}

export interface PidfDocument {
  entity: string | null
  locations: PidfLocation[]
  /** What could not be read: shown to the call taker, never a reason to drop the call. */
  problems: string[]
}

/** Reads a PIDF-LO document; problems are collected rather than thrown, except for bad XML. */
export function parsePidfLo(text: string): PidfDocument {
  return readPidfElement(parseXml(text))
}

/** Reads a presence element already parsed (a HELD response carries one inside). */
export function readPidfElement(root: XmlElement): PidfDocument {
  if (root.ns !== NS.pidf || root.name !== 'presence') {
    throw new XmlError(`not a PIDF document: root is {${root.ns}}${root.name}`)
  }
  const problems: string[] = []
  const locations: PidfLocation[] = []
  const holders: Array<{ element: PidfLocation['element']; node: XmlElement }> = [
    ...childrenOf(root, NS.pidf, 'tuple').map((node) => ({ element: 'tuple' as const, node })),
    ...childrenOf(root, NS.dataModel, 'device').map((node) => ({
      element: 'device' as const,
      node,
    })),
    ...childrenOf(root, NS.dataModel, 'person').map((node) => ({
      element: 'person' as const,
      node,
    })),
  ]
  for (const { element, node } of holders) {
    const timestamp =
      textOf(childOf(node, NS.pidf, 'timestamp')) ??
      textOf(childOf(node, NS.dataModel, 'timestamp'))
    const deviceId = textOf(childOf(node, NS.dataModel, 'deviceID'))
    for (const geopriv of descendants(node, NS.geopriv, 'geopriv')) {
      const info = childOf(geopriv, NS.geopriv, 'location-info')
      if (!info) {
        problems.push(`${element} ${node.attrs.id ?? ''}: geopriv without location-info`.trim())
        continue
      }
      const rules = childOf(geopriv, NS.geopriv, 'usage-rules')
      const base = {
        element,
        elementId: node.attrs.id ?? null,
        method: textOf(childOf(geopriv, NS.geopriv, 'method')),
        providedBy: providedBy(childOf(geopriv, NS.geopriv, 'provided-by')),
        timestamp,
        deviceId,
        retransmissionAllowed: usageFlag(rules),
        retentionExpiry: rules ? firstText(rules, 'retention-expiry') : null,
      }
      const confidence = confidenceOf(info, problems)
      const civic = childOf(info, NS.civic, 'civicAddress')
      if (civic) {
        locations.push({
          ...base,
          civic: civicElements(civic),
          shape: null,
          srs: null,
          confidencePct: confidence,
        })
      }
      for (const shapeNode of info.children) {
        if (shapeNode.ns !== NS.gml && shapeNode.ns !== NS.shapes) continue
        try {
          const shape = readShape(shapeNode)
          locations.push({
            ...base,
            civic: null,
            shape,
            srs: srsOf(shapeNode),
            confidencePct: confidence ?? 95,
          })
        } catch (error) {
          problems.push(`${shapeNode.name}: ${(error as Error).message}`)
        }
      }
      if (!civic && !info.children.some((c) => c.ns === NS.gml || c.ns === NS.shapes)) {
        problems.push(
          `${element} ${node.attrs.id ?? ''}: location-info holds no civic address or shape`.trim(),
        )
      }
    }
  }
  if (locations.length === 0 && problems.length === 0) {
    problems.push('the document holds no location')
  }
  return { entity: root.attrs.entity ?? null, locations, problems }
}

/** Every civic element by its local name; extension elements by `prefix-less name` too. */
function civicElements(node: XmlElement): CivicElements {
  const out: CivicElements = {}
  for (const child of node.children) {
    if (!child.text) continue
    const key =
      child.ns === NS.civic || child.ns === NS.civicExt ? child.name : `{${child.ns}}${child.name}`
    out[key] = child.text
  }
  return out
}

function providedBy(node: XmlElement | undefined): string | null {
  if (!node) return null
  const texts: string[] = []
  const walk = (el: XmlElement): void => {
    if (el.text) texts.push(el.text)
    el.children.forEach(walk)
  }
  walk(node)
  return texts.join(' ') || null
}

function usageFlag(rules: XmlElement | undefined): boolean | null {
  const value = rules ? firstText(rules, 'retransmission-allowed') : null
  if (value === null) return null
  return value === 'true' || value === '1' || value === 'yes'
}

function firstText(node: XmlElement, name: string): string | null {
  return textOf(node.children.find((child) => child.name === name))
}

function confidenceOf(info: XmlElement, problems: string[]): number | null {
  const node = childOf(info, NS.confidence, 'confidence')
  if (!node) return null
  const value = Number(node.text)
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    problems.push(`confidence "${node.text}" is not a percentage`)
    return null
  }
  return Math.round(value)
}

function srsOf(node: XmlElement): string | null {
  const srs = node.attrs.srsName
  if (!srs) return null
  const match = /EPSG::?(\d+)$/i.exec(srs)
  return match ? `EPSG::${match[1]}` : srs
}

function readShape(node: XmlElement): GeodeticShape {
  switch (node.name) {
    case 'Point': {
      const pos = position(node)
      return { type: 'Point', lat: pos[0], lon: pos[1], alt: pos[2] ?? null }
    }
    case 'Circle': {
      const pos = position(node)
      return { type: 'Circle', lat: pos[0], lon: pos[1], radiusM: length(node, 'radius') }
    }
    case 'Sphere': {
      const pos = position(node)
      return {
        type: 'Sphere',
        lat: pos[0],
        lon: pos[1],
        alt: pos[2] ?? null,
        radiusM: length(node, 'radius'),
      }
    }
    case 'Ellipse': {
      const pos = position(node)
      return {
        type: 'Ellipse',
        lat: pos[0],
        lon: pos[1],
        semiMajorM: length(node, 'semiMajorAxis'),
        semiMinorM: length(node, 'semiMinorAxis'),
        orientationDeg: angle(node, 'orientation'),
      }
    }
    case 'Ellipsoid': {
      const pos = position(node)
      return {
        type: 'Ellipsoid',
        lat: pos[0],
        lon: pos[1],
        alt: pos[2] ?? null,
        semiMajorM: length(node, 'semiMajorAxis'),
        semiMinorM: length(node, 'semiMinorAxis'),
        verticalM: length(node, 'verticalAxis'),
        orientationDeg: angle(node, 'orientation'),
      }
    }
    case 'ArcBand': {
      const pos = position(node)
      return {
        type: 'ArcBand',
        lat: pos[0],
        lon: pos[1],
        innerRadiusM: length(node, 'innerRadius'),
        outerRadiusM: length(node, 'outerRadius'),
        startAngleDeg: angle(node, 'startAngle'),
        openingAngleDeg: angle(node, 'openingAngle'),
      }
    }
    case 'Polygon':
      return { type: 'Polygon', points: ring(node) }
    case 'Prism': {
      const base = descendants(node, NS.gml, 'Polygon')[0]
      if (!base) throw new Error('a Prism without its base Polygon')
      return { type: 'Prism', points: ring(base), heightM: length(node, 'height') }
    }
    default:
      throw new Error('unknown shape')
  }
}

function numbers(text: string): number[] {
  const values = text.trim().split(/\s+/).map(Number)
  if (values.some((value) => !Number.isFinite(value))) {
    throw new Error(`"${text}" is not a list of numbers`)
  }
  return values
}

/** gml:pos is "latitude longitude [altitude]": latitude first. */
function position(node: XmlElement): [number, number, number?] {
  const pos = descendants(node, NS.gml, 'pos')[0]
  if (!pos) throw new Error('no gml:pos')
  const [lat, lon, alt] = numbers(pos.text)
  if (lat === undefined || lon === undefined) {
    throw new Error('gml:pos needs latitude and longitude')
  }
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    throw new Error(`position ${pos.text} is out of range`)
  }
  return alt === undefined ? [lat, lon] : [lat, lon, alt]
}

function ring(polygon: XmlElement): Array<[number, number]> {
  const exterior = descendants(polygon, NS.gml, 'LinearRing')[0]
  if (!exterior) throw new Error('a Polygon without a LinearRing')
  const posList = descendants(exterior, NS.gml, 'posList')[0]
  const values = posList
    ? numbers(posList.text)
    : descendants(exterior, NS.gml, 'pos').flatMap((pos) => numbers(pos.text).slice(0, 2))
  const dimension = Number(posList?.attrs.srsDimension ?? 2)
  const step = dimension === 3 ? 3 : 2
  const points: Array<[number, number]> = []
  for (let i = 0; i + 1 < values.length; i += posList ? step : 2) {
    points.push([values[i] as number, values[i + 1] as number])
  }
  if (points.length < 4) throw new Error('a Polygon needs at least 4 positions (closed ring)')
  return points
}

/** A length in metres (uom EPSG::9001); other units are refused rather than guessed. */
function length(node: XmlElement, name: string): number {
  const el = node.children.find((child) => child.name === name)
  if (!el) throw new Error(`no ${name}`)
  const uom = el.attrs.uom
  if (uom && !/9001$/.test(uom)) throw new Error(`${name} in ${uom}, not metres`)
  const value = Number(el.text)
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} "${el.text}" is not a length`)
  return value
}

/** An angle in degrees (uom EPSG::9102). */
function angle(node: XmlElement, name: string): number {
  const el = node.children.find((child) => child.name === name)
  if (!el) throw new Error(`no ${name}`)
  const uom = el.attrs.uom
  if (uom && !/9102$/.test(uom)) throw new Error(`${name} in ${uom}, not degrees`)
  const value = Number(el.text)
  if (!Number.isFinite(value)) throw new Error(`${name} "${el.text}" is not an angle`)
  return value
}
