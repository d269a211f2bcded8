import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { normalizePhone } from './phone.ts'

describe('normalizePhone', () => {
  it('writes North American numbers in E.164 however they are typed', () => {
    for (const typed of ['5085550123', '(508) 555-0123', '508.555.0123', '1 508 555 0123']) {
      assert.equal(normalizePhone(typed), '+15085550123', typed)
    }
  })

  it('keeps a number that carries its country code, and refuses what is not a number', () => {
    assert.equal(normalizePhone('+44 20 7946 0958'), '+442079460958')
    for (const bad of ['555-0123', 'call me', '+12', '', '508555012345']) {
      assert.equal(normalizePhone(bad), null, bad)
    }
  })
})
