import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { RecordsRequestSettings } from '../../config.ts'
import { computeFee, feeSettled } from './fees.ts'

const flat: RecordsRequestSettings['fee'] = {
  model: 'flat',
  flatCents: 3000,
  hourlyCents: 2500,
  freeHours: 2,
  chargeInvestigators: false,
}
const hourly = { ...flat, model: 'hourly' as const }

describe('computeFee', () => {
  it('charges the flat fee per call, less what was paid', () => {
    const fee = computeFee({
      settings: flat,
      requesterType: 'caller',
      hours: null,
      paidCents: 1000,
      deadlineMissed: false,
    })
    assert.deepEqual(fee, {
      model: 'flat',
      amountCents: 3000,
      hours: null,
      waived: null,
      paidCents: 1000,
      dueCents: 2000,
    })
    assert.equal(feeSettled(fee), false)
  })

  it('charges only the hours beyond the free ones in the hourly model', () => {
    const fee = (hours: number | null) =>
      computeFee({
        settings: hourly,
        requesterType: 'caller',
        hours,
        paidCents: 0,
        deadlineMissed: false,
      })
    assert.equal(fee(3.5).amountCents, 3750)
    assert.equal(fee(3.5).dueCents, 3750)
    assert.equal(fee(1).amountCents, 0)
    assert.equal(feeSettled(fee(1)), true)
    assert.equal(feeSettled(fee(null)), false, 'not known until the hours are entered')
  })

  it('does not charge investigators unless the center says so', () => {
    const input = {
      requesterType: 'investigator' as const,
      hours: null,
      paidCents: 0,
      deadlineMissed: false,
    }
    const free = computeFee({ ...input, settings: flat })
    assert.equal(free.waived, 'investigator')
    assert.equal(free.dueCents, 0)
    assert.equal(feeSettled(free), true)
    const charged = computeFee({ ...input, settings: { ...flat, chargeInvestigators: true } })
    assert.equal(charged.waived, null)
    assert.equal(charged.dueCents, 3000)
  })

  it('waives the fee when the response deadline was missed', () => {
    const fee = computeFee({
      settings: flat,
      requesterType: 'caller',
      hours: null,
      paidCents: 0,
      deadlineMissed: true,
    })
    assert.equal(fee.waived, 'deadline_missed')
    assert.equal(fee.amountCents, 3000)
    assert.equal(fee.dueCents, 0)
  })
})
