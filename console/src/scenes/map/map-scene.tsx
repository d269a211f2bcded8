import type { Incident, Recommendation } from '@common/api/incidents.ts'
import { UNIT_STATUSES, UNIT_STATUS_LABELS } from '@common/domain/units.ts'
import 'leaflet/dist/leaflet.css'
import { useEffect, useMemo, useRef, useState } from 'react'
import { api, ApiError } from '../../api/http.ts'
import { PriorityBadge, UnitStatusBadge } from '../../incident/badges.tsx'
import { useFloor } from '../../live/floor-context.tsx'
import { clockTime, formatDuration, secondsSince, useNow } from '../../ui/time.ts'
import { loadBaseLayers, stationPoints, type BaseLayers } from './base-layers.ts'
import { FloorMap, incidentPoint } from './floor-map.ts'
import './map.css'

const byPriorityThenAge = (a: Incident, b: Incident) =>
  a.priority - b.priority || a.createdAt.localeCompare(b.createdAt)

interface Recommended {
  incidentId: string
  at: string
  recommendation: Recommendation | null
  failure: string | null
}

/**
 * The floor on a map: towns, roads and stations from the geography layers, open incidents by
 * priority, units with a fix by status. Choosing an incident (list or marker) draws its
 * recommended units with lines to it.
 */
export function MapScene() {
  const incidents = useFloor((state) => state.incidents)
  const units = useFloor((state) => state.units)
  const connection = useFloor((state) => state.connection)
  const containerRef = useRef<HTMLDivElement>(null)
  const [floorMap, setFloorMap] = useState<FloorMap | null>(null)
  const [base, setBase] = useState<BaseLayers | null>(null)
  const [baseFailure, setBaseFailure] = useState<string | null>(null)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [recommended, setRecommended] = useState<Recommended | null>(null)

  const open = useMemo(() => [...incidents.values()].sort(byPriorityThenAge), [incidents])
  const selected = selectedId ? (incidents.get(selectedId) ?? null) : null
  const stations = useMemo(() => (base ? stationPoints(base) : new Map()), [base])

  useEffect(() => {
    const map = new FloorMap(containerRef.current!, (id) => setSelectedId(id))
    setFloorMap(map)
    return () => {
      map.remove()
      setFloorMap(null)
    }
  }, [])

  useEffect(() => {
    let current = true
    loadBaseLayers()
      .then((layers) => current && setBase(layers))
      .catch((error: unknown) => current && setBaseFailure((error as Error).message))
    return () => {
      current = false
    }
  }, [])

  useEffect(() => {
    if (floorMap && base) floorMap.setBaseLayers(base)
  }, [floorMap, base])

  useEffect(() => {
    floorMap?.syncIncidents(incidents.values(), selectedId)
  }, [floorMap, incidents, selectedId])

  const recommendation =
    recommended && recommended.incidentId === selectedId ? recommended.recommendation : null
  const recommendedIds = useMemo(
    () => new Set(recommendation?.lines.flatMap((line) => line.recommendedUnitIds) ?? []),
    [recommendation],
  )
  useEffect(() => {
    floorMap?.syncUnits(units.values(), recommendedIds)
  }, [floorMap, units, recommendedIds])

  // Asked again whenever the selected incident changes on the floor (units assigned, moved).
  useEffect(() => {
    if (!selected) return
    let current = true
    api
      .get<Recommendation>(`/api/incidents/${selected.id}/recommendation`)
      .then((answer) => {
        if (current) {
          setRecommended({
            incidentId: selected.id,
            at: new Date().toISOString(),
            recommendation: answer,
            failure: null,
          })
        }
      })
      .catch((error: unknown) => {
        if (!current) return
        const failure = error instanceof ApiError ? error.message : String(error)
        setRecommended({
          incidentId: selected.id,
          at: new Date().toISOString(),
          recommendation: null,
          failure,
        })
      })
    return () => {
      current = false
    }
  }, [selected])

  useEffect(() => {
    floorMap?.showRecommendation(selected, recommendation, units, stations)
  }, [floorMap, selected, recommendation, units, stations])

  // Framed once when a choice's recommendation first arrives; later refreshes leave the view be.
  const framedFor = useRef<string | null>(null)
  useEffect(() => {
    if (!floorMap || !recommendation || framedFor.current === recommendation.incidentId) return
    framedFor.current = recommendation.incidentId
    floorMap.fitRecommendation()
  }, [floorMap, recommendation])

  const choose = (incident: Incident) => {
    framedFor.current = null
    setSelectedId(incident.id)
    floorMap?.focus(incident)
  }

  return (
    <section className="scene map-scene" aria-label="map">
      <aside className="map-side">
        <IncidentList
          incidents={open}
          selectedId={selectedId}
          onChoose={choose}
          onClear={() => setSelectedId(null)}
        />
        {selected && (
          <RecommendationPanel
            incident={selected}
            recommended={recommended?.incidentId === selected.id ? recommended : null}
          />
        )}
        <Legend />
      </aside>
      <div className="map-frame">
        {(baseFailure || !base || connection !== 'live') && (
          <p className="map-note" role="status">
            {baseFailure
              ? `Map layers could not be loaded: ${baseFailure}`
              : !base
                ? 'Loading towns and roads…'
                : 'Not connected: markers may be out of date.'}
          </p>
        )}
        <div
          ref={containerRef}
          className="floor-map"
          data-testid="floor-map"
          role="region"
          aria-label="Map of the region"
        />
      </div>
    </section>
  )
}

/** Open incidents, most urgent first; ↑/↓ move, Enter chooses, Esc lets go. */
function IncidentList({
  incidents,
  selectedId,
  onChoose,
  onClear,
}: {
  incidents: Incident[]
  selectedId: string | null
  onChoose: (incident: Incident) => void
  onClear: () => void
}) {
  const now = useNow()
  const onKey = (event: React.KeyboardEvent<HTMLUListElement>) => {
    if (event.key === 'Escape') {
      onClear()
      return
    }
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0
    if (!step) return
    event.preventDefault()
    const buttons = [...event.currentTarget.querySelectorAll('button')]
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    buttons[Math.min(buttons.length - 1, Math.max(0, index + step))]?.focus()
  }
  return (
    <section className="panel" aria-labelledby="map-incidents-title">
      <h2 id="map-incidents-title">
        Open incidents <span className="muted">({incidents.length})</span>
      </h2>
      <p className="muted hint">↑/↓ to move · Enter to show on the map · Esc to let go</p>
      {incidents.length === 0 && <p className="muted">No open incidents.</p>}
      <ul className="map-incidents" onKeyDown={onKey}>
        {incidents.map((incident) => {
          const placed = incidentPoint(incident) !== null
          return (
            <li key={incident.id}>
              <button
                type="button"
                aria-pressed={incident.id === selectedId}
                onClick={() => onChoose(incident)}
              >
                <PriorityBadge priority={incident.priority} />
                <span className="number tabular">{incident.number}</span>
                <span className="nature">{incident.natureCode}</span>
                <span className="tabular muted">
                  {formatDuration(secondsSince(incident.createdAt, now))}
                </span>
                <span className={`where${placed ? '' : ' muted'}`}>
                  {incident.location.text}
                  {placed ? '' : ' (not on the map: no position)'}
                </span>
              </button>
            </li>
          )
        })}
      </ul>
    </section>
  )
}

function RecommendationPanel({
  incident,
  recommended,
}: {
  incident: Incident
  recommended: Recommended | null
}) {
  const units = useFloor((state) => state.units)
  const recommendation = recommended?.recommendation ?? null
  return (
    <section className="panel" aria-label="Recommended units">
      <h2>
        Recommended for {incident.number} <PriorityBadge priority={incident.priority} />
      </h2>
      {!recommended && <p className="muted">Asking…</p>}
      {recommended?.failure && <p className="form-error">{recommended.failure}</p>}
      {recommendation && (
        <>
          <p className="muted">
            as of {clockTime(recommended!.at)}
            {recommendation.approximate
              ? ` · approximate: ${recommendation.approximateReason}`
              : ''}
          </p>
          <table>
            <tbody>
              {recommendation.lines.flatMap((line) =>
                line.choices.length === 0
                  ? [
                      <tr key={line.unitType}>
                        <td>{line.unitType}</td>
                        <td colSpan={2} className="muted">
                          {line.missing > 0 ? `${line.missing} missing` : 'enough assigned'}
                          {line.reason ? ` · ${line.reason}` : ''}
                        </td>
                      </tr>,
                    ]
                  : line.choices.map((choice) => {
                      const unit = units.get(choice.unitId)
                      return (
                        <tr key={choice.unitId}>
                          <td>
                            <strong>{choice.code}</strong>{' '}
                            <span className="muted">{line.unitType}</span>
                          </td>
                          <td>{unit && <UnitStatusBadge status={unit.status} />}</td>
                          <td className="tabular">
                            {choice.driveSeconds === null
                              ? '—'
                              : formatDuration(Math.round(choice.driveSeconds))}
                            {choice.from === 'station' ? ' from station' : ''}
                          </td>
                        </tr>
                      )
                    }),
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}

function Legend() {
  return (
    <section className="panel map-legend" aria-label="Legend">
      <h2>Legend</h2>
      <div className="legend-row">
        {[1, 2, 3, 4, 5].map((p) => (
          <PriorityBadge key={p} priority={p} />
        ))}
        <span className="muted">incident priority</span>
      </div>
      <div className="legend-row">
        {UNIT_STATUSES.map((status) => (
          <span key={status} className={`map-unit-sample status status-${status}`}>
            {UNIT_STATUS_LABELS[status]}
          </span>
        ))}
      </div>
      <div className="legend-row muted">
        <span className="swatch swatch-recommended" /> recommended unit → incident ·{' '}
        <span className="swatch swatch-station" /> station · units shown only with an AVL fix
      </div>
    </section>
  )
}
