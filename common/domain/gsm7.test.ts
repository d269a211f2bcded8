import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkGsm7 } from './gsm7.ts'

describe('GSM-7 check', () => {
  it('counts basic characters once and extension characters twice', () => {
    assert.deepEqual(checkGsm7('Boil water: Main St [until 6pm]'), { length: 33, invalid: [] })
    assert.deepEqual(checkGsm7('€5'), { length: 3, invalid: [] })
  })
  it('names each character outside the alphabet once', () => {
    assert.deepEqual(checkGsm7('Évacuez — “now” — ok'), {
      length: 20,
      invalid: ['—', '“', '”'],
    })
    assert.deepEqual(checkGsm7('避难'), { length: 2, invalid: ['避', '难'] })
  })
})
