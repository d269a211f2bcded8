import { createContext, useContext, useSyncExternalStore } from 'react'
import type { FloorState, FloorStore } from './floor-store.ts'

export const FloorContext = createContext<FloorStore | null>(null)

export function useFloorStore(): FloorStore {
  const store = useContext(FloorContext)
  if (!store) throw new Error('useFloorStore outside FloorContext')
  return store
}

/**
 * A slice of the floor. The selector must return a value that keeps its identity while the
 * slice is unchanged (a map, a list or a record from the state), or the scene re-renders on
 * every event.
 */
export function useFloor<T>(select: (state: FloorState) => T): T {
  const store = useFloorStore()
  return useSyncExternalStore(store.subscribe, () => select(store.getState()))
}
