import type { TimeRange, Waveform } from '@common/api/recordings.ts'
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react'
import { api, ApiError } from '../api/http.ts'
import './waveform-player.css'

/** A stretch being chosen: start and end may come in either order while dragging. */
export interface Selection {
  startMs: number
  endMs: number
}

interface Loaded {
  url: string
  waveform: Waveform
}

const PEAK_POINTS = 800
/** A press that moves less than this is a click (seek), not a drag (select). */
const DRAG_PX = 4
const KEY_STEP_MS = 1000

/**
 * Reads the media once as a blob: the server audits every read, so one opening is one playback
 * in the custody log however often the clerk replays it. The object URL lives as long as the
 * player.
 */
async function loadRecording(recordingId: string): Promise<Loaded> {
  const [waveform, response] = await Promise.all([
    api.get<Waveform>(`/api/recordings/${recordingId}/waveform?points=${PEAK_POINTS}`),
    fetch(`/api/recordings/${recordingId}/media`, { credentials: 'same-origin' }),
  ])
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code: string; message: string }
    } | null
    throw new ApiError(
      response.status,
      body?.error?.code ?? `http_${response.status}`,
      body?.error?.message ?? response.statusText,
      null,
    )
  }
  return { url: URL.createObjectURL(await response.blob()), waveform }
}

function ordered(range: Selection): Selection {
  return range.startMs <= range.endMs ? range : { startMs: range.endMs, endMs: range.startMs }
}

/**
 * One recording: opened on request, then played from memory with the browser's own audio
 * controls, its peaks drawn on a canvas with the play position. Dragging across the waveform
 * (or [ and ] at the play position) chooses a stretch; `marked` stretches (ranges to silence,
 * or already silenced) are drawn hatched.
 */
export function WaveformPlayer({
  recordingId,
  title,
  selection,
  onSelection,
  marked = [],
}: {
  recordingId: string
  title: string
  selection?: Selection | null
  onSelection?: (selection: Selection | null) => void
  marked?: TimeRange[]
}) {
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const [positionMs, setPositionMs] = useState(0)
  const audio = useRef<HTMLAudioElement>(null)
  const canvas = useRef<HTMLCanvasElement>(null)
  const drag = useRef<{ x: number; ms: number; moved: boolean } | null>(null)

  useEffect(() => () => void (loaded && URL.revokeObjectURL(loaded.url)), [loaded])

  const open = async () => {
    setBusy(true)
    setError(null)
    try {
      setLoaded(await loadRecording(recordingId))
    } catch (failure) {
      setError(
        failure instanceof ApiError
          ? failure
          : new ApiError(0, 'unexpected', (failure as Error).message, null),
      )
    } finally {
      setBusy(false)
    }
  }

  const durationMs = loaded?.waveform.durationMs ?? 0

  // Follows the audio while it plays (timeupdate alone moves in quarter-second jumps).
  useEffect(() => {
    const element = audio.current
    if (!element || !loaded) return
    let frame = 0
    const tick = () => {
      setPositionMs(Math.round(element.currentTime * 1000))
      if (!element.paused) frame = window.requestAnimationFrame(tick)
    }
    const start = () => {
      window.cancelAnimationFrame(frame)
      frame = window.requestAnimationFrame(tick)
    }
    element.addEventListener('play', start)
    element.addEventListener('seeked', tick)
    element.addEventListener('pause', tick)
    return () => {
      window.cancelAnimationFrame(frame)
      element.removeEventListener('play', start)
      element.removeEventListener('seeked', tick)
      element.removeEventListener('pause', tick)
    }
  }, [loaded])

  const draw = useCallback(() => {
    const element = canvas.current
    if (!element || !loaded) return
    const ratio = window.devicePixelRatio || 1
    const width = element.clientWidth
    const height = element.clientHeight
    element.width = Math.round(width * ratio)
    element.height = Math.round(height * ratio)
    const g = element.getContext('2d')
    if (!g) return
    g.setTransform(ratio, 0, 0, ratio, 0, 0)
    g.clearRect(0, 0, width, height)
    const style = getComputedStyle(element)
    const colour = (name: string, fallback: string) =>
      style.getPropertyValue(name).trim() || fallback
    const x = (ms: number) => (durationMs > 0 ? (ms / durationMs) * width : 0)

    for (const range of marked) {
      const left = x(range.startMs)
      const right = Math.max(left + 1, x(range.endMs))
      g.fillStyle = colour('--wave-marked', 'rgba(248, 81, 73, 0.3)')
      g.fillRect(left, 0, right - left, height)
      // Hatched as well as tinted: a silenced stretch must read without colour.
      g.save()
      g.beginPath()
      g.rect(left, 0, right - left, height)
      g.clip()
      g.strokeStyle = colour('--wave-marked-line', '#f85149')
      g.lineWidth = 1
      g.beginPath()
      for (let at = left - height; at < right; at += 6) {
        g.moveTo(at, height)
        g.lineTo(at + height, 0)
      }
      g.stroke()
      g.restore()
    }
    if (selection) {
      const chosen = ordered(selection)
      g.fillStyle = colour('--wave-selection', 'rgba(78, 161, 255, 0.35)')
      g.fillRect(x(chosen.startMs), 0, Math.max(1, x(chosen.endMs) - x(chosen.startMs)), height)
    }

    const peaks = loaded.waveform.peaks
    const middle = height / 2
    const barWidth = width / Math.max(1, peaks.length)
    g.fillStyle = colour('--wave-peak', '#9aa8b7')
    peaks.forEach((peak, index) => {
      const half = Math.max(0.5, peak * (middle - 2))
      g.fillRect(index * barWidth, middle - half, Math.max(1, barWidth - 0.5), half * 2)
    })

    g.fillStyle = colour('--wave-head', '#ffffff')
    g.fillRect(Math.min(width - 2, x(positionMs)), 0, 2, height)
  }, [loaded, durationMs, marked, selection, positionMs])

  useEffect(() => {
    draw()
    window.addEventListener('resize', draw)
    return () => window.removeEventListener('resize', draw)
  }, [draw])

  const msAt = (clientX: number): number => {
    const box = canvas.current?.getBoundingClientRect()
    if (!box || box.width === 0) return 0
    const fraction = Math.min(1, Math.max(0, (clientX - box.left) / box.width))
    return Math.round(fraction * durationMs)
  }

  const seek = (ms: number) => {
    const clamped = Math.min(durationMs, Math.max(0, ms))
    if (audio.current) audio.current.currentTime = clamped / 1000
    setPositionMs(clamped)
  }

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { x: event.clientX, ms: msAt(event.clientX), moved: false }
  }
  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const start = drag.current
    if (!start) return
    if (!start.moved && Math.abs(event.clientX - start.x) < DRAG_PX) return
    start.moved = true
    onSelection?.({ startMs: start.ms, endMs: msAt(event.clientX) })
  }
  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    const start = drag.current
    drag.current = null
    if (!start) return
    if (!start.moved || !onSelection) return seek(msAt(event.clientX))
    const chosen = ordered({ startMs: start.ms, endMs: msAt(event.clientX) })
    onSelection(chosen.endMs > chosen.startMs ? chosen : null)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const step = event.shiftKey ? KEY_STEP_MS * 5 : KEY_STEP_MS
    if (event.key === 'ArrowLeft') seek(positionMs - step)
    else if (event.key === 'ArrowRight') seek(positionMs + step)
    else if (event.key === 'Home') seek(0)
    else if (event.key === 'End') seek(durationMs)
    else if (event.key === ' ') {
      if (audio.current?.paused) void audio.current.play()
      else audio.current?.pause()
    } else if (event.key === '[' && onSelection) {
      onSelection({
        startMs: positionMs,
        endMs: Math.max(positionMs, selection?.endMs ?? durationMs),
      })
    } else if (event.key === ']' && onSelection) {
      onSelection({ startMs: Math.min(positionMs, selection?.startMs ?? 0), endMs: positionMs })
    } else return
    event.preventDefault()
  }

  if (!loaded) {
    return (
      <div className="waveform-player">
        <button type="button" onClick={() => void open()} disabled={busy}>
          {busy ? 'Opening…' : `Open ${title} to listen`}
        </button>
        <span className="muted small"> Opening is recorded in the custody log.</span>
        {error && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
      </div>
    )
  }

  return (
    <div className="waveform-player">
      <canvas
        ref={canvas}
        className="waveform"
        tabIndex={0}
        role="slider"
        aria-label={`Waveform of ${title}`}
        aria-valuemin={0}
        aria-valuemax={Math.round(durationMs / 1000)}
        aria-valuenow={Math.round(positionMs / 1000)}
        aria-valuetext={`${(positionMs / 1000).toFixed(1)} of ${(durationMs / 1000).toFixed(1)} seconds`}
        aria-keyshortcuts="ArrowLeft ArrowRight Home End Space [ ]"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
      />
      <div className="waveform-bar">
        <audio ref={audio} src={loaded.url} controls preload="auto" aria-label={`Play ${title}`} />
        <span className="tabular" aria-live="off">
          {(positionMs / 1000).toFixed(1)} s / {(durationMs / 1000).toFixed(1)} s
        </span>
      </div>
      <p className="muted small">
        {onSelection
          ? 'Click the waveform to move; drag across it to choose a stretch. With the waveform ' +
            'focused: ← → move 1 s (Shift: 5 s), Space plays, [ and ] set the stretch’s start ' +
            'and end at the play position.'
          : 'Click the waveform to move. With the waveform focused: ← → move 1 s (Shift: 5 s), ' +
            'Space plays. Silenced stretches are hatched.'}
      </p>
    </div>
  )
}
