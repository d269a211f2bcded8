import type { MapFeature } from '@common/api/geography.ts'
import type { Incident, Recommendation } from '@common/api/incidents.ts'
import type { Unit } from '@common/api/units.ts'
import { UNIT_STATUS_LABELS } from '@common/domain/units.ts'
import * as L from 'leaflet'
import type { BaseLayers } from './base-layers.ts'

/** Roads by class: main roads stand out, the many local streets stay a faint web. */
const ROAD_STYLES: Record<string, L.PathOptions> = {
  Primary: { color: '#d9b36c', weight: 2.5, opacity: 0.9 },
  Secondary: { color: '#9aa8b7', weight: 1.4, opacity: 0.8 },
  Ramp: { color: '#9aa8b7', weight: 1, opacity: 0.7 },
}
/** Local streets are a dense grid: faint when zoomed out, so the region does not turn to felt. */
const LOCAL_ROAD_FAR: L.PathOptions = { color: '#55667a', weight: 0.5, opacity: 0.22 }
const LOCAL_ROAD_NEAR: L.PathOptions = { color: '#6b7d92', weight: 1, opacity: 0.7 }
const NEAR_ZOOM = 15
const RECOMMENDED_LINE: L.PathOptions = { color: '#4ea1ff', weight: 3, dashArray: '6 5' }

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function incidentPoint(incident: Incident): [number, number] | null {
  const { lat, lon } = incident.location
  return lat === null || lon === null ? null : [lat, lon]
}

function incidentIcon(incident: Incident, selected: boolean): L.DivIcon {
  return L.divIcon({
    className: 'map-icon',
    iconSize: undefined,
    html:
      `<span class="map-incident priority-${incident.priority}${selected ? ' selected' : ''}" ` +
      `data-incident="${escape(incident.number)}">P${incident.priority}</span>`,
  })
}

function unitIcon(unit: Unit, recommended: boolean): L.DivIcon {
  return L.divIcon({
    className: 'map-icon',
    iconSize: undefined,
    html:
      `<span class="map-unit status-${unit.status}${recommended ? ' recommended' : ''}" ` +
      `data-unit="${escape(unit.code)}">${escape(unit.code)}</span>`,
  })
}

const incidentLabel = (incident: Incident) =>
  `${incident.number} · P${incident.priority} ${incident.natureCode} · ${incident.status}<br>` +
  escape(incident.location.text)

const unitLabel = (unit: Unit) =>
  `${escape(unit.code)} · ${UNIT_STATUS_LABELS[unit.status]}` +
  (unit.incidentNumber ? ` · ${escape(unit.incidentNumber)}` : '')

interface Kept<T> {
  marker: L.Marker
  record: T
  flag: boolean
}

/**
 * The floor on a Leaflet map. Geography is drawn once on a canvas; incidents and units are
 * markers kept by id and changed in place, so a live change never redraws the roads.
 * Counts of what is drawn go on the container's data attributes (journeys read them).
 */
export class FloorMap {
  private readonly map: L.Map
  private readonly incidents = L.layerGroup()
  private readonly units = L.layerGroup()
  private readonly recommendation = L.layerGroup()
  private readonly incidentMarkers = new Map<string, Kept<Incident>>()
  private readonly unitMarkers = new Map<string, Kept<Unit>>()
  private readonly control: L.Control.Layers
  private readonly resize: ResizeObserver
  private roads: L.GeoJSON | null = null
  private roadsNear = false

  constructor(
    private readonly container: HTMLElement,
    private readonly onSelectIncident: (id: string) => void,
  ) {
    this.map = L.map(container, {
      preferCanvas: true,
      attributionControl: false,
      zoomSnap: 0.5,
      center: [42.27, -71.8],
      zoom: 12,
    })
    this.incidents.addTo(this.map)
    this.units.addTo(this.map)
    this.recommendation.addTo(this.map)
    this.control = L.control
      .layers(
        undefined,
        {
          Incidents: this.incidents,
          Units: this.units,
          'Recommended units': this.recommendation,
        },
        { collapsed: false, position: 'topright' },
      )
      .addTo(this.map)
    this.resize = new ResizeObserver(() => this.map.invalidateSize())
    this.resize.observe(container)
    this.map.on('zoomend', () => this.restyleRoads())
  }

  private roadStyle(near: boolean) {
    return (feature?: GeoJSON.Feature<GeoJSON.Geometry, MapFeature['properties']>) =>
      ROAD_STYLES[feature?.properties.class ?? ''] ?? (near ? LOCAL_ROAD_NEAR : LOCAL_ROAD_FAR)
  }

  /** Restyles the roads only when the zoom crosses the near/far line (30,000 features). */
  private restyleRoads(): void {
    const near = this.map.getZoom() >= NEAR_ZOOM
    if (!this.roads || near === this.roadsNear) return
    this.roadsNear = near
    this.roads.setStyle(this.roadStyle(near))
  }

  /** Draws the geography under the live layers; towns frame the first view. */
  setBaseLayers(layers: BaseLayers): void {
    const towns = L.geoJSON(layers.towns, {
      interactive: false,
      style: { color: '#4ea1ff', weight: 2, fillColor: '#4ea1ff', fillOpacity: 0.04 },
    })
    this.roadsNear = this.map.getZoom() >= NEAR_ZOOM
    const roads = L.geoJSON<MapFeature['properties']>(layers.roads, {
      interactive: false,
      style: this.roadStyle(this.roadsNear),
    })
    this.roads = roads
    const zones = L.geoJSON(layers['response-zones'], {
      interactive: false,
      style: { color: '#c0b4ff', weight: 1, dashArray: '4 4', fillOpacity: 0 },
    })
    const stations = L.geoJSON(layers.stations, {
      pointToLayer: (feature: GeoJSON.Feature<GeoJSON.Point, MapFeature['properties']>, at) =>
        L.circleMarker(at, {
          radius: 4,
          color: '#e8edf2',
          weight: 1.5,
          fillColor: '#18202a',
          fillOpacity: 1,
        }).bindTooltip(
          `${escape(feature.properties.code ?? '')} · ${escape(feature.properties.name ?? '')}`,
        ),
    })
    const townLabels = L.layerGroup(
      layers.towns.features.map((feature) =>
        L.marker(
          L.geoJSON(feature as GeoJSON.Feature)
            .getBounds()
            .getCenter(),
          {
            interactive: false,
            keyboard: false,
            icon: L.divIcon({
              className: 'map-icon',
              iconSize: undefined,
              html: `<span class="map-town">${escape(feature.properties.town ?? '')}</span>`,
            }),
          },
        ),
      ),
    )
    // Added bottom to top: the canvas paints in this order.
    for (const layer of [towns, roads, stations, townLabels]) layer.addTo(this.map)
    this.control.addOverlay(towns, 'Town boundaries')
    this.control.addOverlay(townLabels, 'Town names')
    this.control.addOverlay(roads, 'Roads')
    this.control.addOverlay(stations, 'Stations')
    this.control.addOverlay(zones, 'Response zones')
    this.map.fitBounds(towns.getBounds(), { padding: [12, 12] })
    this.container.dataset.towns = String(layers.towns.features.length)
    this.container.dataset.roads = String(layers.roads.features.length)
    this.container.dataset.stations = String(layers.stations.features.length)
  }

  /** Incidents with a position; markers are kept and changed, never all redrawn. */
  syncIncidents(incidents: Iterable<Incident>, selectedId: string | null): void {
    const seen = new Set<string>()
    for (const incident of incidents) {
      const point = incidentPoint(incident)
      if (!point) continue
      seen.add(incident.id)
      const selected = incident.id === selectedId
      const kept = this.incidentMarkers.get(incident.id)
      if (!kept) {
        const marker = L.marker(point, {
          icon: incidentIcon(incident, selected),
          title: `${incident.number} priority ${incident.priority} ${incident.natureCode}`,
          zIndexOffset: 1000 - incident.priority * 100,
        })
          .bindTooltip(incidentLabel(incident))
          .on('click', () => this.onSelectIncident(incident.id))
        marker.addTo(this.incidents)
        this.incidentMarkers.set(incident.id, { marker, record: incident, flag: selected })
        continue
      }
      if (kept.record === incident && kept.flag === selected) continue
      kept.marker.setLatLng(point)
      kept.marker.setIcon(incidentIcon(incident, selected))
      kept.marker.setTooltipContent(incidentLabel(incident))
      kept.record = incident
      kept.flag = selected
    }
    this.dropMissing(this.incidentMarkers, seen, this.incidents)
    this.container.dataset.incidentMarkers = String(this.incidentMarkers.size)
  }

  /** Units with an AVL fix, by status; recommended ones outlined. */
  syncUnits(units: Iterable<Unit>, recommended: ReadonlySet<string>): void {
    const seen = new Set<string>()
    for (const unit of units) {
      if (!unit.fix) continue
      seen.add(unit.id)
      const point: [number, number] = [unit.fix.lat, unit.fix.lon]
      const flag = recommended.has(unit.id)
      const kept = this.unitMarkers.get(unit.id)
      if (!kept) {
        const marker = L.marker(point, {
          icon: unitIcon(unit, flag),
          title: `${unit.code} ${UNIT_STATUS_LABELS[unit.status]}`,
        }).bindTooltip(unitLabel(unit))
        marker.addTo(this.units)
        this.unitMarkers.set(unit.id, { marker, record: unit, flag })
        continue
      }
      if (kept.record === unit && kept.flag === flag) continue
      kept.marker.setLatLng(point)
      if (kept.record.status !== unit.status || kept.flag !== flag) {
        kept.marker.setIcon(unitIcon(unit, flag))
      }
      kept.marker.setTooltipContent(unitLabel(unit))
      kept.record = unit
      kept.flag = flag
    }
    this.dropMissing(this.unitMarkers, seen, this.units)
    this.container.dataset.unitMarkers = String(this.unitMarkers.size)
  }

  /**
   * Lines from each recommended unit (its fix, or its station when the recommendation placed it
   * there) to the incident, labelled with the unit and its drive time.
   */
  showRecommendation(
    incident: Incident | null,
    recommendation: Recommendation | null,
    units: ReadonlyMap<string, Unit>,
    stations: ReadonlyMap<string, [number, number]>,
  ): void {
    this.recommendation.clearLayers()
    const to = incident ? incidentPoint(incident) : null
    let lines = 0
    if (to && recommendation) {
      // Units leaving from one place share one line, labelled at that end (labels at the
      // middle of lines from nearby stations would pile up over the incident).
      const origins = new Map<string, { from: [number, number]; byTime: Map<string, string[]> }>()
      for (const choice of recommendation.lines.flatMap((line) => line.choices)) {
        const unit = units.get(choice.unitId)
        const fix = choice.from === 'avl' ? unit?.fix : null
        const from = fix
          ? ([fix.lat, fix.lon] as [number, number])
          : unit?.stationCode
            ? stations.get(unit.stationCode)
            : undefined
        if (!from) continue
        const time =
          choice.driveSeconds === null
            ? ''
            : `${Math.max(1, Math.round(choice.driveSeconds / 60))} min`
        const key = from.join(',')
        const origin = origins.get(key) ?? { from, byTime: new Map<string, string[]>() }
        origin.byTime.set(time, [...(origin.byTime.get(time) ?? []), escape(choice.code)])
        origins.set(key, origin)
      }
      for (const origin of origins.values()) {
        const label = [...origin.byTime]
          .map(([time, codes]) => `${codes.join(' ')}${time ? ` · ${time}` : ''}`)
          .join('<br>')
        L.polyline([origin.from, to], RECOMMENDED_LINE).addTo(this.recommendation)
        L.circleMarker(origin.from, { radius: 7, color: '#4ea1ff', weight: 2, fillOpacity: 0 })
          .bindTooltip(label, {
            permanent: true,
            direction: 'left',
            offset: [-8, 0],
            className: 'map-line-label',
          })
          .addTo(this.recommendation)
        lines += 1
      }
    }
    this.container.dataset.recommendationLines = String(lines)
  }

  /** Brings an incident into view at street level, at once (no motion to wait for). */
  focus(incident: Incident): void {
    const point = incidentPoint(incident)
    if (point) this.map.setView(point, Math.max(this.map.getZoom(), NEAR_ZOOM), { animate: false })
  }

  /** Frames the incident with every recommended unit's starting point (once per choice). */
  fitRecommendation(): void {
    const layers = this.recommendation.getLayers()
    if (layers.length === 0) return
    const bounds = L.featureGroup(layers).getBounds()
    this.map.fitBounds(bounds, { padding: [60, 60], maxZoom: NEAR_ZOOM, animate: false })
  }

  remove(): void {
    this.resize.disconnect()
    this.map.remove()
  }

  private dropMissing<T>(kept: Map<string, Kept<T>>, seen: Set<string>, group: L.LayerGroup) {
    for (const [id, entry] of kept) {
      if (seen.has(id)) continue
      group.removeLayer(entry.marker)
      kept.delete(id)
    }
  }
}
