/** A time for the API: ISO 8601 in UTC. Accepts a string, for results replayed from JSON. */
export function iso(value: Date | string): string {
  return typeof value === 'string' ? new Date(value).toISOString() : value.toISOString()
}

export function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value)
}
