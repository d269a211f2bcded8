import type { AlertArea } from '@common/api/alerts.ts'
import type { MapFeature, MapFeatureCollection } from '@common/api/geography.ts'
import * as L from 'leaflet'
import { townName } from './town-lookup.ts'

/** A shape being drawn, before it becomes an area. */
export type DraftShape =
  | { kind: 'polygon'; points: [number, number][] }
  | { kind: 'circle'; center: [number, number]; radiusKm: number }

const INCLUDE: L.PathOptions = {
  color: '#4ea1ff',
  weight: 3,
  fillColor: '#4ea1ff',
  fillOpacity: 0.18,
  className: 'area-include',
}
/** Red, dashed and hatched (alerts.css): an exclude must never look like an include. */
const EXCLUDE: L.PathOptions = {
  color: '#ff5a52',
  weight: 3,
  dashArray: '10 6',
  fillColor: '#ff5a52',
  fillOpacity: 0.3,
  className: 'area-exclude',
}
const DRAFT: L.PathOptions = { color: '#ffd866', weight: 2, dashArray: '4 4', fillOpacity: 0.08 }
const TOWN: L.PathOptions = { color: '#7d8fa3', weight: 1.5, fillOpacity: 0.03 }

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function areaTitle(area: AlertArea, index: number): string {
  const what =
    area.shape.kind === 'town'
      ? `town of ${area.shape.town}`
      : area.shape.kind === 'circle'
        ? `circle ${area.shape.radiusKm} km`
        : `polygon, ${area.shape.points.length} corners`
  return area.label ? `${area.label} (${what})` : `Area ${index + 1} (${what})`
}

/**
 * The alert's areas on a Leaflet map over the town boundaries (no tile server offline): areas
 * in blue (include) or red hatched (exclude), the shape being drawn in yellow, the subscribers
 * the preview found as dots. Counts of what is drawn go on the container's data attributes,
 * which journeys read.
 */
export class AreaMap {
  private readonly map: L.Map
  private readonly canvas = L.canvas({ padding: 0.5 })
  private readonly townLayer = L.layerGroup()
  private readonly areaLayer = L.featureGroup()
  private readonly draftLayer = L.layerGroup()
  private readonly pointLayer = L.layerGroup()
  private readonly resize: ResizeObserver
  private towns: MapFeatureCollection | null = null

  constructor(
    private readonly container: HTMLElement,
    onClick: (lat: number, lon: number) => void,
  ) {
    this.map = L.map(container, {
      attributionControl: false,
      zoomSnap: 0.25,
      // Corners are clicked quickly one after the other: a double click must not zoom.
      doubleClickZoom: false,
      center: [42.27, -71.8],
      zoom: 11,
    })
    for (const layer of [this.townLayer, this.areaLayer, this.pointLayer, this.draftLayer]) {
      layer.addTo(this.map)
    }
    this.map.on('click', (event: L.LeafletMouseEvent) =>
      onClick(event.latlng.lat, event.latlng.lng),
    )
    this.resize = new ResizeObserver(() => this.map.invalidateSize())
    this.resize.observe(container)
    // The view's edges (south, west, north, east): a journey turns places into clicks with them.
    this.map.on('moveend resize', () => {
      const view = this.map.getBounds()
      container.dataset.view = [
        view.getSouth(),
        view.getWest(),
        view.getNorth(),
        view.getEast(),
      ].join(',')
    })
  }

  setTowns(towns: MapFeatureCollection): void {
    this.towns = towns
    this.townLayer.clearLayers()
    L.geoJSON(towns, {
      interactive: false,
      style: { ...TOWN, renderer: this.canvas } as L.PathOptions,
    }).addTo(this.townLayer)
    for (const feature of towns.features) {
      const center = L.geoJSON(feature).getBounds().getCenter()
      L.marker(center, {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: 'area-icon',
          iconSize: undefined,
          html: `<span class="area-town-name">${escape(townName(feature))}</span>`,
        }),
      }).addTo(this.townLayer)
    }
    this.container.dataset.towns = String(towns.features.length)
  }

  /** Frames every town (the first view), or the areas when there are some. */
  frame(): void {
    const areas = this.areaLayer.getBounds()
    if (areas.isValid()) {
      this.map.fitBounds(areas, { padding: [30, 30], animate: false })
      return
    }
    if (!this.towns || this.towns.features.length === 0) return
    const bounds = L.geoJSON(this.towns).getBounds()
    this.map.fitBounds(bounds, { padding: [12, 12], animate: false })
  }

  setAreas(areas: readonly AlertArea[]): void {
    this.areaLayer.clearLayers()
    areas.forEach((area, index) => {
      const layer = this.areaShape(area)
      if (!layer) return
      const exclude = area.mode === 'exclude'
      layer
        .bindTooltip(
          `<strong>${exclude ? 'EXCLUDE' : 'INCLUDE'}</strong> ${escape(areaTitle(area, index))}`,
          {
            permanent: true,
            direction: 'center',
            className: exclude ? 'area-label area-label-exclude' : 'area-label',
          },
        )
        .addTo(this.areaLayer)
    })
    this.container.dataset.areas = String(areas.length)
    this.container.dataset.excludeAreas = String(areas.filter((a) => a.mode === 'exclude').length)
  }

  private areaShape(area: AlertArea): L.Path | L.GeoJSON | null {
    const style = area.mode === 'exclude' ? EXCLUDE : INCLUDE
    const shape = area.shape
    if (shape.kind === 'polygon') return L.polygon(shape.points, style)
    if (shape.kind === 'circle') {
      return L.circle(shape.center, { ...style, radius: shape.radiusKm * 1000 })
    }
    const key = shape.town.trim().toUpperCase()
    const town = this.towns?.features.find((f: MapFeature) => townName(f).toUpperCase() === key)
    return town ? L.geoJSON(town, { style: () => style }) : null
  }

  /** The corners placed so far (with the closing edge dashed), or the circle being sized. */
  setDraft(draft: DraftShape | null): void {
    this.draftLayer.clearLayers()
    let corners = 0
    if (draft?.kind === 'polygon') {
      corners = draft.points.length
      if (corners >= 2) L.polyline(draft.points, DRAFT).addTo(this.draftLayer)
      if (corners >= 3) {
        L.polyline([draft.points[corners - 1]!, draft.points[0]!], {
          ...DRAFT,
          opacity: 0.5,
        }).addTo(this.draftLayer)
      }
      draft.points.forEach((point, index) =>
        L.circleMarker(point, {
          radius: index === 0 ? 6 : 4,
          color: '#ffd866',
          weight: 2,
          fillColor: '#0f1419',
          fillOpacity: 1,
        }).addTo(this.draftLayer),
      )
    } else if (draft?.kind === 'circle') {
      L.circle(draft.center, { ...DRAFT, radius: draft.radiusKm * 1000 }).addTo(this.draftLayer)
      L.circleMarker(draft.center, { radius: 4, color: '#ffd866', fillOpacity: 1 }).addTo(
        this.draftLayer,
      )
    }
    this.container.dataset.draftCorners = String(corners)
  }

  /** The subscribers the preview found inside (a sample): drawn on canvas, thousands at once. */
  setPoints(points: readonly [number, number][]): void {
    this.pointLayer.clearLayers()
    for (const point of points) {
      L.circleMarker(point, {
        renderer: this.canvas,
        interactive: false,
        radius: 4,
        color: '#0b1016',
        weight: 1,
        fillColor: '#3fb950',
        fillOpacity: 0.95,
      }).addTo(this.pointLayer)
    }
    this.container.dataset.points = String(points.length)
  }

  remove(): void {
    this.resize.disconnect()
    this.map.remove()
  }
}
