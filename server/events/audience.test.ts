import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { canSee, type Viewer } from './audience.ts'

const AGENCY_A = '00000000-0000-4000-8000-00000000000a'
const AGENCY_B = '00000000-0000-4000-8000-00000000000b'
const viewer = (overrides: Partial<Viewer> = {}): Viewer => ({
  userId: 'u',
  roles: ['dispatcher'],
  agencyId: null,
  positionId: 'p1',
  ...overrides,
})

describe(canSee.name, () => {
  it('lets everyone see an event with no audience', () => {
    assert.equal(canSee(viewer(), {}), true)
  })

  it('narrows by role', () => {
    assert.equal(canSee(viewer(), { roles: ['administrator'] }), false)
    assert.equal(
      canSee(viewer({ roles: ['call_taker', 'administrator'] }), { roles: ['administrator'] }),
      true,
    )
  })

  it('shows agency staff only their own agency, and center-wide staff every agency', () => {
    assert.equal(canSee(viewer({ agencyId: AGENCY_A }), { agencyIds: [AGENCY_B] }), false)
    assert.equal(canSee(viewer({ agencyId: AGENCY_A }), { agencyIds: [AGENCY_A, AGENCY_B] }), true)
    assert.equal(canSee(viewer({ agencyId: null }), { agencyIds: [AGENCY_B] }), true)
  })

  it('keeps a position-scoped event to that position', () => {
    assert.equal(canSee(viewer({ positionId: 'p2' }), { positionId: 'p1' }), false)
    assert.equal(canSee(viewer({ positionId: null }), { positionId: 'p1' }), false)
    assert.equal(canSee(viewer(), { positionId: 'p1' }), true)
  })
})
