import type { AlertArea } from '@common/api/alerts.ts'
import type { MapFeatureCollection } from '@common/api/geography.ts'
import 'leaflet/dist/leaflet.css'
import { useEffect, useRef, useState } from 'react'
import { AreaMap, type DraftShape } from './area-map.ts'

const NO_POINTS: [number, number][] = []

/** An alert's areas on the map; clicks are passed up (to draw) only when `onClick` is given. */
export function AreaMapView({
  towns,
  areas,
  draft = null,
  points = NO_POINTS,
  onClick,
  label,
}: {
  towns: MapFeatureCollection | null
  areas: readonly AlertArea[]
  draft?: DraftShape | null
  points?: readonly [number, number][]
  onClick?: (lat: number, lon: number) => void
  label: string
}) {
  const container = useRef<HTMLDivElement>(null)
  const [map, setMap] = useState<AreaMap | null>(null)
  // The map is made once; the newest click handler is read through this ref.
  const clickRef = useRef(onClick)
  clickRef.current = onClick

  useEffect(() => {
    const made = new AreaMap(container.current!, (lat, lon) => clickRef.current?.(lat, lon))
    setMap(made)
    return () => made.remove()
  }, [])

  useEffect(() => {
    if (map && towns) map.setTowns(towns)
  }, [map, towns])
  useEffect(() => map?.setAreas(areas), [map, areas, towns])

  // Framed once, when the towns arrive: on the alert's areas if it has some, else every town.
  // Later edits leave the view where the operator put it.
  const framed = useRef(false)
  useEffect(() => {
    if (!map || !towns || framed.current) return
    framed.current = true
    map.frame()
  }, [map, towns, areas])

  useEffect(() => map?.setDraft(draft), [map, draft])
  useEffect(() => map?.setPoints(points), [map, points])

  return (
    <div
      ref={container}
      className={`area-map${onClick ? ' drawing' : ''}`}
      data-testid="area-map"
      role="region"
      aria-label={label}
    />
  )
}
