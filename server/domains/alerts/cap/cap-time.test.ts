import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { capTime } from './cap-time.ts'

const ZONE = 'America/New_York'

describe('CAP times', () => {
  it('writes the zone offset, no fractions, and UTC as -00:00', () => {
    assert.equal(capTime(new Date('2026-06-15T16:30:45.999Z'), ZONE), '2026-06-15T12:30:45-04:00')
    assert.equal(capTime(new Date('2026-01-15T16:30:45Z'), ZONE), '2026-01-15T11:30:45-05:00')
    assert.equal(capTime(new Date('2026-01-15T16:30:45Z'), 'UTC'), '2026-01-15T16:30:45-00:00')
    assert.equal(
      capTime(new Date('2026-01-15T16:30:45Z'), 'Asia/Kolkata'),
      '2026-01-15T22:00:45+05:30',
    )
  })
  it('follows the change back from daylight time', () => {
    // 1 November 2026: 01:30 happens twice in New York.
    assert.equal(capTime(new Date('2026-11-01T05:30:00Z'), ZONE), '2026-11-01T01:30:00-04:00')
    assert.equal(capTime(new Date('2026-11-01T06:30:00Z'), ZONE), '2026-11-01T01:30:00-05:00')
  })
})
