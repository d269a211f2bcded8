import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { unitKey } from './unit-key.ts'

describe(unitKey.name, () => {
  it('reads "Apt 3", "#3", "Unit 3", "apt. 3", "No 3" and "3" as unit 3', () => {
    for (const typed of ['Apt 3', '#3', '# 3', 'Unit 3', 'apt. 3', 'No 3', '3', 'APT #3', '03']) {
      assert.equal(unitKey(typed), '3', typed)
    }
  })

  it('keeps units apart: 3 is not 4, 3A is not 3, and no unit is ""', () => {
    assert.notEqual(unitKey('Apt 3'), unitKey('Apt 4'))
    assert.equal(unitKey('Apt 3A'), '3A')
    assert.equal(unitKey('#3-a'), '3A')
    assert.notEqual(unitKey('3A'), unitKey('3'))
    assert.equal(unitKey(undefined), '')
    assert.equal(unitKey('  '), '')
  })

  it('keeps a letter unit and a word that is not a marker', () => {
    assert.equal(unitKey('Unit B'), 'B')
    assert.equal(unitKey('Rear'), 'REAR')
  })
})
