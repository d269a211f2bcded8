import { useEffect, useState } from 'react'
import { serverNow } from '../api/http.ts'

const CENTER_TIME_ZONE = 'America/New_York'

/** Seconds since an ISO time, against the clock of this page (ticks with useNow). */
export function secondsSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 1000))
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m)
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`
}

/** A time of day in the center's zone, 24-hour: "14:03:27". */
export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString('en-US', {
    timeZone: CENTER_TIME_ZONE,
    hour12: false,
  })
}

/** The platform's current time, re-rendering every `everyMs`. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => serverNow())
  useEffect(() => {
    const timer = window.setInterval(() => setNow(serverNow()), everyMs)
    return () => window.clearInterval(timer)
  }, [everyMs])
  return now
}
