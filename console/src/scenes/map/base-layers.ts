import type { MapFeatureCollection, MapLayer } from '@common/api/geography.ts'
import { MAP_LAYERS } from '@common/api/geography.ts'
import { api } from '../../api/http.ts'

export type BaseLayers = Record<MapLayer, MapFeatureCollection>

// The roads layer is about 5 MB: fetched once per page, not each time the scene opens.
let loading: Promise<BaseLayers> | null = null

/** The geography layers (towns, roads, stations, response zones), fetched once and kept. */
export function loadBaseLayers(): Promise<BaseLayers> {
  loading ??= Promise.all(
    MAP_LAYERS.map((layer) => api.get<MapFeatureCollection>(`/api/geography/layers/${layer}`)),
  ).then(
    (collections) =>
      Object.fromEntries(MAP_LAYERS.map((layer, i) => [layer, collections[i]!])) as BaseLayers,
    (error: unknown) => {
      loading = null // a later opening tries again
      throw error
    },
  )
  return loading
}

/** Station code → [lat, lon], for units placed at their station. */
export function stationPoints(layers: BaseLayers): Map<string, [number, number]> {
  const points = new Map<string, [number, number]>()
  for (const feature of layers.stations.features) {
    const code = feature.properties.code
    if (code && feature.geometry.type === 'Point') {
      const [lon, lat] = feature.geometry.coordinates
      points.set(code, [lat, lon])
    }
  }
  return points
}
