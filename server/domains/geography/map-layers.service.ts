import type { Kysely } from 'kysely'
import type { BoundingBox, MapFeature, MapLayer } from '@common/api/geography.ts'
import type { Database } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { readAgencies } from '../staff/index.ts'
import { listStations } from '../units/index.ts'
import { partsCivic } from './address-streets.ts'
import type { GeographyLayer } from './geography.table.ts'
import {
  buildLayer,
  cutLayer,
  roundArea,
  roundDegrees,
  roundPositions,
  type BuiltLayer,
} from './map-layers.ts'
import {
  areaGeometry,
  findLayerStamp,
  listResponseZoneAreas,
  listRoadLines,
  listTownAreas,
} from './map-layers.repository.ts'

/** The map layers kept in memory, each with the table it is drawn from. */
const CACHED_SOURCES = {
  towns: 'jurisdictions',
  roads: 'road_segments',
  'response-zones': 'response_zones',
} as const satisfies Partial<Record<MapLayer, GeographyLayer>>
type CachedLayer = keyof typeof CACHED_SOURCES

interface CacheEntry {
  stamp: string | null
  layer: Promise<BuiltLayer>
}

// Keyed by the database handle, so each platform (and each test database) has its own layers.
const cache = new WeakMap<Kysely<Database>, Map<CachedLayer, CacheEntry>>()

/** A layer as served: the GeoJSON text and its ETag. */
export interface MapLayerBody {
  body: string
  etag: string
}

/**
 * A GeoJSON layer for the console's map, for any member of staff. Towns, roads and response
 * zones are built once per version of their geography layer (raised by every import, on any
 * node) and kept in memory; stations are a few rows that change outside imports, so they are
 * read each time. `box` keeps only the features whose extent meets it.
 */
export async function getMapLayer(
  ctx: Ctx,
  layer: MapLayer,
  box?: BoundingBox,
): Promise<MapLayerBody> {
  const built =
    layer === 'stations' ? buildLayer(await stationFeatures(ctx)) : await cached(ctx, layer)
  return box ? cutLayer(built, box) : built
}

async function cached(ctx: Ctx, layer: CachedLayer): Promise<BuiltLayer> {
  // One primary-key read per request: the layers are fetched when a console opens, not often,
  // and checking every time means an import is never hidden behind a stale ETag.
  const stamp = await findLayerStamp(ctx.db, CACHED_SOURCES[layer])
  let layers = cache.get(ctx.db)
  if (!layers) {
    layers = new Map<CachedLayer, CacheEntry>()
    cache.set(ctx.db, layers)
  }
  const entry = layers.get(layer)
  if (entry && entry.stamp === stamp) return entry.layer
  // Concurrent requests share one build; a failed build is not kept.
  const promise = buildCachedLayer(ctx, layer)
  layers.set(layer, { stamp, layer: promise })
  promise.catch(() => {
    if (layers.get(layer)?.layer === promise) layers.delete(layer)
  })
  return promise
}

async function buildCachedLayer(ctx: Ctx, layer: CachedLayer): Promise<BuiltLayer> {
  switch (layer) {
    case 'towns':
      return buildLayer(await townFeatures(ctx))
    case 'roads':
      return buildLayer(await roadFeatures(ctx))
    case 'response-zones':
      return buildLayer(await responseZoneFeatures(ctx))
  }
}

async function townFeatures(ctx: Ctx): Promise<MapFeature[]> {
  return (await listTownAreas(ctx.db)).map((row) => ({
    type: 'Feature',
    geometry: roundArea(areaGeometry(row.geometry_type, row.coordinates)),
    properties: { town: row.town },
  }))
}

async function roadFeatures(ctx: Ctx): Promise<MapFeature[]> {
  return (await listRoadLines(ctx.db)).map((row): MapFeature => {
    const street = partsCivic({
      preDirection: row.pre_direction ?? '',
      name: row.street_name,
      streetType: row.street_type ?? '',
      postDirection: row.post_direction ?? '',
    })
    const name = [street.preDirection, street.street, street.streetType, street.postDirection]
      .filter(Boolean)
      .join(' ')
    return {
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: roundPositions(row.coordinates, 2) },
      // About 30 000 roads: a missing class is left out rather than sent as null.
      properties: row.road_class ? { name, class: row.road_class } : { name },
    }
  })
}

async function responseZoneFeatures(ctx: Ctx): Promise<MapFeature[]> {
  return (await listResponseZoneAreas(ctx.db)).map((row) => ({
    type: 'Feature',
    id: row.id,
    geometry: roundArea(areaGeometry(row.geometry_type, row.coordinates)),
    properties: { station: row.station_code, discipline: row.discipline },
  }))
}

async function stationFeatures(ctx: Ctx): Promise<MapFeature[]> {
  const stations = await listStations(ctx)
  const agencyCodes = new Map((await readAgencies(ctx.db)).map((a) => [a.id, a.code]))
  return stations.map((station) => ({
    type: 'Feature',
    geometry: {
      type: 'Point',
      coordinates: [roundDegrees(station.lon), roundDegrees(station.lat)],
    },
    properties: {
      code: station.code,
      name: station.name,
      agency: agencyCodes.get(station.agencyId) ?? null,
    },
  }))
}
