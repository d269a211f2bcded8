import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { telUri } from './eido-calls.ts'
import { incidentStatusRegistry, reportNumberType } from './eido-registries.ts'

describe(incidentStatusRegistry.name, () => {
  it('follows the furthest working unit, and closed wins', () => {
    assert.equal(incidentStatusRegistry('pending', []), 'Active')
    const working = [
      { state: 'active', unitStatus: 'dispatched' },
      { state: 'active', unitStatus: 'en_route' },
    ] as const
    assert.equal(incidentStatusRegistry('active', [...working]), 'ResourcesEnroute')
    assert.equal(
      incidentStatusRegistry('active', [
        ...working,
        { state: 'active', unitStatus: 'transporting' },
      ]),
      'ResourcesOnscene',
    )
    assert.equal(incidentStatusRegistry('closed', [...working]), 'Closed')
  })

  it('counts a stacked unit as assigned, not by the status it has on another incident', () => {
    assert.equal(
      incidentStatusRegistry('active', [{ state: 'stacked', unitStatus: 'on_scene' }]),
      'ResourcesAssigned',
    )
    assert.equal(
      incidentStatusRegistry('active', [{ state: 'cleared', unitStatus: 'on_scene' }]),
      'Active',
    )
  })
})

describe(reportNumberType.name, () => {
  it('is new until a unit is sent, and reopened for good once reopened', () => {
    assert.equal(reportNumberType(false, null), 'New')
    assert.equal(reportNumberType(false, new Date()), 'Ongoing')
    assert.equal(reportNumberType(true, new Date()), 'Reopened')
  })
})

describe(telUri.name, () => {
  it('makes global numbers global and leaves short ones local to the center', () => {
    assert.equal(telUri('5085550101', 'ecc.example'), 'tel:+15085550101')
    assert.equal(telUri('+445550101', 'ecc.example'), 'tel:+445550101')
    assert.equal(telUri('5550101', 'ecc.example'), 'tel:5550101;phone-context=ecc.example')
  })
})
