import type { Bolo } from '@common/api/bolos.ts'
import type { Call } from '@common/api/calls.ts'
import type { LiveEvent } from '@common/api/events.ts'
import type { Incident } from '@common/api/incidents.ts'
import type { Position } from '@common/api/staff.ts'
import type { UnitEmergency } from '@common/api/unit-emergencies.ts'
import type { UnitTimerAlert } from '@common/api/unit-timers.ts'
import type { Unit } from '@common/api/units.ts'
import type { Role } from '@common/domain/roles.ts'
import { api, ApiError } from '../api/http.ts'
import { nextCallSignals, NO_SIGNALS, type CallSignals } from './call-signals.ts'
import { LiveConnection, type ConnectionState } from './live-connection.ts'
import { effectsOf, type Effects } from './event-effects.ts'

/** What the floor looks like to this console: the server's read model, kept live. */
export interface FloorState {
  connection: ConnectionState
  /** When the connection was lost (the banner counts from it), or null while connected. */
  lostSince: Date | null
  /** The first full load is done. */
  loaded: boolean
  calls: ReadonlyMap<string, Call>
  incidents: ReadonlyMap<string, Incident>
  units: ReadonlyMap<string, Unit>
  positions: readonly Position[]
  timerAlerts: readonly UnitTimerAlert[]
  emergencies: readonly UnitEmergency[]
  bolos: readonly Bolo[]
  /** Audio alerts and text counts per call, straight from the events. */
  callSignals: CallSignals
  /** Bumped for every applied event; scenes that show one record refetch when it moves. */
  revision: number
}

type RecordKind = 'calls' | 'incidents' | 'units'
type ListKind = 'positions' | 'timerAlerts' | 'emergencies' | 'bolos'

const LIST_URLS: Record<ListKind, string> = {
  positions: '/api/positions',
  timerAlerts: '/api/unit-timers?open=true',
  emergencies: '/api/unit-emergencies?open=true',
  bolos: '/api/bolos',
}
const RECORD_URLS: Record<RecordKind, (id: string) => string> = {
  calls: (id) => `/api/calls/${id}`,
  incidents: (id) => `/api/incidents/${id}`,
  units: (id) => `/api/units/${id}`,
}
const SNAPSHOT_URLS: Record<RecordKind, string> = {
  calls: '/api/calls?open=true&limit=500',
  incidents: '/api/incidents?open=true&limit=500',
  units: '/api/units',
}
const DISPATCH_ROLES: Role[] = ['dispatcher', 'supervisor']
const CALL_ROLES: Role[] = ['call_taker', 'dispatcher', 'supervisor']

/** An open record stays on the floor; a closed one leaves it. */
function isOnFloor(kind: RecordKind, record: Call | Incident | Unit): boolean {
  if (kind === 'calls') return (record as Call).closedAt === null
  if (kind === 'incidents') return (record as Incident).status !== 'closed'
  return true
}

type Listener = () => void
export type CueListener = (event: LiveEvent) => void

/**
 * The console's copy of the floor. Lists are loaded whole at start and after every
 * (re)connection; each live event marks the records it concerns, which are fetched again. Every
 * fetch carries a sequence number and a record is only replaced by an answer to a later request,
 * so a slow answer never puts an older state over a newer one.
 */
export class FloorStore {
  private state: FloorState = {
    connection: 'connecting',
    lostSince: null,
    loaded: false,
    calls: new Map(),
    incidents: new Map(),
    units: new Map(),
    positions: [],
    timerAlerts: [],
    emergencies: [],
    bolos: [],
    callSignals: NO_SIGNALS,
    revision: 0,
  }
  private readonly listeners = new Set<Listener>()
  private readonly cueListeners = new Set<CueListener>()
  private readonly live: LiveConnection
  private sequence = 0
  /** The sequence of the request (or event) that gave each record its current state. */
  private readonly stateSequence = new Map<string, number>()
  private readonly dirty = { records: new Set<string>(), lists: new Set<ListKind>() }
  private flushScheduled = false
  private readonly readable: { calls: boolean; dispatch: boolean }

  constructor(roles: readonly Role[]) {
    this.readable = {
      calls: roles.some((role) => CALL_ROLES.includes(role)),
      dispatch: roles.some((role) => DISPATCH_ROLES.includes(role)),
    }
    this.live = new LiveConnection({
      onEvent: (event) => this.apply(event),
      onLive: () => void this.reload(),
      onState: (connection, since) => {
        const lost = connection === 'lost'
        // Lost: what is shown may be stale until the reload after the next 'live' completes.
        this.set({
          connection,
          lostSince: lost ? (this.state.lostSince ?? since) : null,
          loaded: lost ? false : this.state.loaded,
        })
        if (connection === 'lost') void this.checkSession()
      },
      onRefused: () => void this.checkSession(),
    })
  }

  start(): void {
    this.live.start()
  }

  stop(): void {
    this.live.stop()
  }

  getState = (): FloorState => this.state

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Hears every live event as it arrives: sound cues and alarms. */
  onCue(listener: CueListener): () => void {
    this.cueListeners.add(listener)
    return () => this.cueListeners.delete(listener)
  }

  /** Puts a record a command answered with on the floor at once, ahead of its event. */
  put(kind: RecordKind, record: Call | Incident | Unit): void {
    this.store(kind, record, ++this.sequence)
    this.notify()
  }

  /** Loads every list; events that arrive meanwhile are fetched again after it, never lost. */
  async reload(): Promise<void> {
    const sequence = ++this.sequence
    const kinds: RecordKind[] = ['incidents', 'units']
    if (this.readable.calls) kinds.push('calls')
    const lists: ListKind[] = ['positions', 'bolos']
    if (this.readable.dispatch) lists.push('timerAlerts', 'emergencies')
    try {
      const [records, listed] = await Promise.all([
        Promise.all(kinds.map((kind) => api.get<(Call | Incident | Unit)[]>(SNAPSHOT_URLS[kind]))),
        Promise.all(lists.map((kind) => api.get<unknown[]>(LIST_URLS[kind]))),
      ])
      const next: Partial<FloorState> = { loaded: true }
      kinds.forEach((kind, index) => {
        next[kind] = this.merged(kind, records[index]!, sequence) as never
      })
      lists.forEach((kind, index) => {
        next[kind] = listed[index] as never
      })
      this.set(next)
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      // The connection will drop and come back; the next 'live' reloads.
    }
  }

  private merged(
    kind: RecordKind,
    records: (Call | Incident | Unit)[],
    sequence: number,
  ): Map<string, Call | Incident | Unit> {
    const current = this.state[kind] as ReadonlyMap<string, Call | Incident | Unit>
    const next = new Map<string, Call | Incident | Unit>()
    const listed = new Set<string>()
    for (const record of records) {
      listed.add(record.id)
      const key = `${kind}:${record.id}`
      if ((this.stateSequence.get(key) ?? -1) > sequence) {
        // Fetched or changed after this snapshot was asked for: keep the newer state.
        const newer = current.get(record.id)
        if (newer) next.set(record.id, newer)
        continue
      }
      this.stateSequence.set(key, sequence)
      next.set(record.id, record)
    }
    for (const [id, record] of current) {
      const newer = (this.stateSequence.get(`${kind}:${id}`) ?? -1) > sequence
      if (!listed.has(id) && newer && isOnFloor(kind, record)) next.set(id, record)
    }
    return next
  }

  private apply(event: LiveEvent): void {
    const effects = effectsOf(event)
    if (effects.unitPatch) this.patchUnit(effects.unitPatch.unitId, effects.unitPatch.patch)
    // While catching up, the reload that follows 'live' fetches everything anyway; fetching per
    // replayed event would send thousands of requests on a busy floor and stall the browser.
    if (this.state.connection === 'live') this.markDirty(effects)
    this.state = {
      ...this.state,
      callSignals: nextCallSignals(this.state.callSignals, event),
      revision: this.state.revision + 1,
    }
    this.notify()
    // Cues are for what happens now: events replayed after a reconnection are shown, not sounded.
    if (this.state.connection !== 'live') return
    for (const listener of this.cueListeners) listener(event)
  }

  /** A unit's status or fix is in its event: shown at once, the fetch that follows confirms it. */
  private patchUnit(unitId: string, patch: Partial<Unit>): void {
    const unit = this.state.units.get(unitId)
    if (!unit) return
    const units = new Map(this.state.units)
    units.set(unitId, { ...unit, ...patch })
    this.stateSequence.set(`units:${unitId}`, ++this.sequence)
    this.state = { ...this.state, units }
  }

  private markDirty(effects: Effects): void {
    for (const [kind, id] of effects.records) {
      if (kind === 'calls' && !this.readable.calls) continue
      this.dirty.records.add(`${kind}:${id}`)
    }
    for (const list of effects.lists) {
      if ((list === 'timerAlerts' || list === 'emergencies') && !this.readable.dispatch) continue
      this.dirty.lists.add(list)
    }
    if (this.flushScheduled) return
    this.flushScheduled = true
    queueMicrotask(() => {
      this.flushScheduled = false
      this.flushDirty()
    })
  }

  private flushDirty(): void {
    for (const key of this.dirty.records) void this.refetchRecord(key)
    for (const list of this.dirty.lists) void this.refetchList(list)
    this.dirty.records.clear()
    this.dirty.lists.clear()
  }

  private async refetchRecord(key: string): Promise<void> {
    const [kind, id] = key.split(':') as [RecordKind, string]
    const sequence = ++this.sequence
    try {
      const record = await api.get<Call | Incident | Unit>(RECORD_URLS[kind](id))
      if ((this.stateSequence.get(key) ?? -1) > sequence) return
      this.store(kind, record, sequence)
      this.notify()
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      if (error.status === 404 || error.status === 403) this.remove(kind, id)
    }
  }

  private readonly listSequence = new Map<ListKind, number>()

  private async refetchList(kind: ListKind): Promise<void> {
    const sequence = ++this.sequence
    this.listSequence.set(kind, sequence)
    try {
      const list = await api.get<unknown[]>(LIST_URLS[kind])
      if (this.listSequence.get(kind) !== sequence) return
      this.set({ [kind]: list })
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
    }
  }

  private store(kind: RecordKind, record: Call | Incident | Unit, sequence: number): void {
    this.stateSequence.set(`${kind}:${record.id}`, sequence)
    const records = new Map(this.state[kind] as ReadonlyMap<string, Call | Incident | Unit>)
    if (isOnFloor(kind, record)) records.set(record.id, record)
    else records.delete(record.id)
    this.state = { ...this.state, [kind]: records }
  }

  private remove(kind: RecordKind, id: string): void {
    const records = new Map(this.state[kind] as ReadonlyMap<string, unknown>)
    if (!records.delete(id)) return
    this.state = { ...this.state, [kind]: records }
    this.notify()
  }

  private async checkSession(): Promise<void> {
    try {
      await api.get('/api/session')
    } catch {
      // 401 reaches the session-lost listeners in the API client; a network error means the
      // platform is out of reach, which the banner already says.
    }
  }

  private set(patch: Partial<FloorState>): void {
    this.state = { ...this.state, ...patch }
    this.notify()
  }

  private notify(): void {
    for (const listener of this.listeners) listener()
  }
}
