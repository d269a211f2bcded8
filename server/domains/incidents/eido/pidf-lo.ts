import type { CivicAddress } from '@common/api/locations.ts'

/** A location to convey: a civic address, a point (with its uncertainty), or both. */
export interface PidfLocation {
  civic: CivicAddress | null
  point: {
    lat: number
    lon: number
    uncertaintyM?: number | null
    confidencePct?: number | null
  } | null
  at: Date
}

const NAMESPACES = [
  'xmlns="urn:ietf:params:xml:ns:pidf"',
  'xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"',
  'xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"',
  'xmlns:ca="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr"',
  'xmlns:gml="http://www.opengis.net/gml"',
  'xmlns:gs="http://www.opengis.net/pidflo/1.0"',
  'xmlns:con="urn:ietf:params:xml:ns:geopriv:conf"',
].join(' ')

/** WGS-84 latitude, longitude: the 2-D CRS RFC 5491 requires for shapes without altitude. */
const WGS84_2D = 'urn:ogc:def:crs:EPSG::4326'
const METRE = 'urn:ogc:def:uom:EPSG::9001'

/** Our address parts under their RFC 5139 element names, in the RFC's order. */
const CIVIC_ELEMENTS: [string, (a: CivicAddress) => string | undefined][] = [
  ['country', () => 'US'],
  ['A1', (a) => a.state],
  ['A3', (a) => a.town],
  ['PRD', (a) => a.preDirection],
  ['RD', (a) => a.street],
  ['STS', (a) => a.streetType],
  ['POD', (a) => a.postDirection],
  ['HNO', (a) => a.houseNumber],
  ['HNS', (a) => a.houseNumberSuffix],
  ['LMK', (a) => a.landmark],
  ['FLR', (a) => a.floor],
  ['UNIT', (a) => a.unit],
  ['BLD', (a) => a.building],
  ['PC', (a) => a.postalCode],
]

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
}

function civicAddress(address: CivicAddress): string {
  const parts = CIVIC_ELEMENTS.flatMap(([name, value]) => {
    const text = value(address)
    return text ? [`<ca:${name}>${escapeXml(text)}</ca:${name}>`] : []
  })
  return `<ca:civicAddress>${parts.join('')}</ca:civicAddress>`
}

function geodetic(point: NonNullable<PidfLocation['point']>): string {
  const pos = `<gml:pos>${point.lat} ${point.lon}</gml:pos>`
  const shape =
    point.uncertaintyM !== null && point.uncertaintyM !== undefined
      ? `<gs:Circle srsName="${WGS84_2D}">${pos}` +
        `<gs:radius uom="${METRE}">${point.uncertaintyM}</gs:radius></gs:Circle>`
      : `<gml:Point srsName="${WGS84_2D}">${pos}</gml:Point>`
  const confidence =
    point.confidencePct !== null && point.confidencePct !== undefined
      ? `<con:confidence pdf="normal">${point.confidencePct}</con:confidence>`
      : ''
  return shape + confidence
}

function device(id: string, locationObject: string, at: Date): string {
  return (
    `<dm:device id="${id}"><gp:geopriv><gp:location-info>${locationObject}</gp:location-info>` +
    `<gp:usage-rules/></gp:geopriv><dm:timestamp>${at.toISOString()}</dm:timestamp></dm:device>`
  )
}

/**
 * A PIDF-LO document, the form EIDO's `locationByValue` carries. RFC 5491 asks for one location
 * object per element, so a civic address and a point go in two `device` elements. Null when
 * there is neither (a location known only as words).
 */
export function pidfLo(entity: string, location: PidfLocation): string | null {
  const devices = [
    ...(location.civic ? [device('civic', civicAddress(location.civic), location.at)] : []),
    ...(location.point ? [device('geodetic', geodetic(location.point), location.at)] : []),
  ]
  if (devices.length === 0) return null
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<presence ${NAMESPACES} entity="${escapeXml(entity)}">${devices.join('')}</presence>`
  )
}
