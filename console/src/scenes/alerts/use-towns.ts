import type { MapFeatureCollection } from '@common/api/geography.ts'
import { useEffect, useState } from 'react'
import { api } from '../../api/http.ts'

// Town boundaries change only with an import: fetched once per page, not per alert opened.
let loading: Promise<MapFeatureCollection> | null = null

function loadTowns(): Promise<MapFeatureCollection> {
  loading ??= api.get<MapFeatureCollection>('/api/geography/layers/towns').catch((error) => {
    loading = null // a later opening tries again
    throw error
  })
  return loading
}

/** The towns layer the area picker and the area maps draw. */
export function useTowns(): { towns: MapFeatureCollection | null; failure: string | null } {
  const [towns, setTowns] = useState<MapFeatureCollection | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    loadTowns()
      .then((layer) => current && setTowns(layer))
      .catch((error: unknown) => current && setFailure((error as Error).message))
    return () => {
      current = false
    }
  }, [])
  return { towns, failure }
}
