import type { AlertArea } from '@common/api/alerts.ts'
import type { MapFeatureCollection } from '@common/api/geography.ts'
import { useMemo, useState } from 'react'
import { areaTitle, type DraftShape } from './area-map.ts'
import { AreaMapView } from './area-map-view.tsx'
import { townAt, townNames } from './town-lookup.ts'

type Tool = 'none' | 'polygon' | 'circle' | 'town'
type Mode = AlertArea['mode']

const TOOL_HINTS: Record<Tool, string> = {
  none: 'Choose how to add an area.',
  polygon: 'Click on the map to place each corner, then Finish polygon.',
  circle: 'Click on the map to place the centre, set the radius, then Add circle.',
  town: 'Click inside a town on the map, or choose it in the list.',
}

const round = (value: number) => Math.round(value * 100000) / 100000

/**
 * The alert's areas: polygons drawn by clicking corners, circles, whole towns; each one include
 * or exclude, shown in the list and on the map. A new area's mode is chosen before it is drawn
 * and shown in words beside every area, because a mode set by mistake is how a whole county got
 * alerted.
 */
export function AreaEditor({
  towns,
  areas,
  onAreas,
  points,
}: {
  towns: MapFeatureCollection | null
  areas: AlertArea[]
  onAreas: (areas: AlertArea[]) => void
  points: readonly [number, number][]
}) {
  const [tool, setTool] = useState<Tool>('none')
  const [mode, setMode] = useState<Mode>('include')
  const [corners, setCorners] = useState<[number, number][]>([])
  const [center, setCenter] = useState<[number, number] | null>(null)
  const [radiusKm, setRadiusKm] = useState('2')
  const [town, setTown] = useState('')
  const [label, setLabel] = useState('')
  const names = useMemo(() => (towns ? townNames(towns) : []), [towns])

  const radius = Number(radiusKm)
  const radiusOk = Number.isFinite(radius) && radius > 0 && radius <= 100
  const draft: DraftShape | null =
    tool === 'polygon'
      ? { kind: 'polygon', points: corners }
      : tool === 'circle' && center
        ? { kind: 'circle', center, radiusKm: radiusOk ? radius : 0 }
        : null

  const choose = (next: Tool) => {
    setTool(next)
    setCorners([])
    setCenter(null)
  }

  const add = (shape: AlertArea['shape']) => {
    onAreas([...areas, { mode, shape, label: label.trim() }])
    setLabel('')
    choose('none')
  }

  const onMapClick = (lat: number, lon: number) => {
    const point: [number, number] = [round(lat), round(lon)]
    if (tool === 'polygon') setCorners((previous) => [...previous, point])
    else if (tool === 'circle') setCenter(point)
    else if (tool === 'town' && towns) {
      const name = townAt(towns, lat, lon)
      if (name) add({ kind: 'town', town: name })
    }
  }

  const setAreaMode = (index: number, next: Mode) =>
    onAreas(areas.map((area, i) => (i === index ? { ...area, mode: next } : area)))

  return (
    <section className="panel area-editor" aria-labelledby="alert-areas-title">
      <div className="panel-head">
        <h3 id="alert-areas-title">Areas</h3>
        <fieldset className="mode-choice" aria-label="The next area">
          <span className="muted">Next area:</span>
          {(['include', 'exclude'] as const).map((each) => (
            <label key={each} className={`mode-option mode-${each}`}>
              <input
                type="radio"
                name="next-area-mode"
                checked={mode === each}
                onChange={() => setMode(each)}
              />
              {each === 'include' ? 'Include' : 'Exclude'}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="area-tools" role="toolbar" aria-label="Add an area">
        <button type="button" aria-pressed={tool === 'polygon'} onClick={() => choose('polygon')}>
          Draw polygon
        </button>
        <button type="button" aria-pressed={tool === 'circle'} onClick={() => choose('circle')}>
          Circle
        </button>
        <button type="button" aria-pressed={tool === 'town'} onClick={() => choose('town')}>
          Whole town
        </button>
        <label className="inline">
          Label
          <input
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            placeholder="e.g. Main St water main"
            maxLength={200}
          />
        </label>
      </div>
      <p className="muted hint" role="status">
        {TOOL_HINTS[tool]}
        {tool !== 'none' && (
          <strong className={`mode-word mode-${mode}`}>
            {' '}
            It will be an {mode === 'include' ? 'INCLUDE' : 'EXCLUDE'} area.
          </strong>
        )}
      </p>
      {tool === 'polygon' && (
        <div className="area-tools">
          <span className="tabular">{corners.length} corners</span>
          <button
            type="button"
            className="primary"
            disabled={corners.length < 3}
            onClick={() => add({ kind: 'polygon', points: corners })}
          >
            Finish polygon
          </button>
          <button
            type="button"
            disabled={corners.length === 0}
            onClick={() => setCorners(corners.slice(0, -1))}
          >
            Undo last corner
          </button>
          <button type="button" onClick={() => choose('none')}>
            Cancel drawing
          </button>
        </div>
      )}
      {tool === 'circle' && (
        <div className="area-tools">
          <span className="tabular">
            {center ? `Centre ${center[0].toFixed(4)}, ${center[1].toFixed(4)}` : 'No centre yet'}
          </span>
          <label className="inline">
            Radius (km)
            <input
              type="number"
              min="0.1"
              max="100"
              step="0.1"
              value={radiusKm}
              aria-invalid={!radiusOk}
              onChange={(event) => setRadiusKm(event.target.value)}
              className="radius"
            />
          </label>
          <button
            type="button"
            className="primary"
            disabled={!center || !radiusOk}
            onClick={() => center && add({ kind: 'circle', center, radiusKm: radius })}
          >
            Add circle
          </button>
          <button type="button" onClick={() => choose('none')}>
            Cancel
          </button>
        </div>
      )}
      {tool === 'town' && (
        <div className="area-tools">
          <label className="inline" htmlFor="alert-area-town">
            Town
          </label>
          <select
            id="alert-area-town"
            value={town}
            onChange={(event) => setTown(event.target.value)}
          >
            <option value="">Choose…</option>
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="primary"
            disabled={!town}
            onClick={() => add({ kind: 'town', town })}
          >
            Add town
          </button>
          <button type="button" onClick={() => choose('none')}>
            Cancel
          </button>
        </div>
      )}
      <AreaMapView
        towns={towns}
        areas={areas}
        draft={draft}
        points={points}
        onClick={onMapClick}
        label="Alert areas map: click to draw"
      />
      <AreaList
        areas={areas}
        onMode={setAreaMode}
        onRemove={(index) => onAreas(areas.filter((_, i) => i !== index))}
      />
    </section>
  )
}

/** The areas in words; with `onMode` and `onRemove` each can be switched or removed. */
export function AreaList({
  areas,
  onMode,
  onRemove,
}: {
  areas: AlertArea[]
  onMode?: (index: number, mode: Mode) => void
  onRemove?: (index: number) => void
}) {
  if (areas.length === 0) {
    return <p className="muted">No area yet: an alert without an include area cannot be sent.</p>
  }
  return (
    <ul className="area-list" aria-label="Areas">
      {areas.map((area, index) => (
        <li key={index} className={`area-row area-row-${area.mode}`} data-testid="area-row">
          <span className={`mode-badge mode-${area.mode}`}>
            {area.mode === 'include' ? 'INCLUDE' : 'EXCLUDE'}
          </span>
          <span className="area-title">{areaTitle(area, index)}</span>
          {onMode && (
            <button
              type="button"
              onClick={() => onMode(index, area.mode === 'include' ? 'exclude' : 'include')}
            >
              Make {area.mode === 'include' ? 'exclude' : 'include'}
            </button>
          )}
          {onRemove && (
            <button
              type="button"
              onClick={() => onRemove(index)}
              aria-label={`Remove ${areaTitle(area, index)}`}
            >
              Remove
            </button>
          )}
        </li>
      ))}
    </ul>
  )
}
