import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { AddressIndex } from './address-index.ts'
import { addressFixture } from './address-fixture.ts'
import { editDistance, FuzzyNames } from './address-match.ts'

const index = new AddressIndex(addressFixture())

describe(editDistance.name, () => {
  it('counts edits, a swap of neighbours as one', () => {
    assert.equal(editDistance('COPAGE', 'COPPAGE'), 1)
    assert.equal(editDistance('MIAN', 'MAIN'), 1)
    assert.equal(editDistance('KITTEN', 'SITTING'), 3)
    assert.equal(editDistance('ABC', 'ABC'), 0)
  })

  it('gives up past the limit', () => {
    assert.equal(editDistance('WASHINGTON', 'ELM', 2), 3)
  })
})

describe(FuzzyNames.name, () => {
  it('finds near spellings nearest first and nothing far', () => {
    const names = new FuzzyNames()
    for (const name of ['COPPAGE', 'COTTAGE', 'CABOT', 'MAIN', 'WASHINGTON']) names.add(name)
    const hits = names.search('COPAGE')
    assert.equal(hits[0]?.name, 'COPPAGE')
    assert.ok(!hits.some((h) => h.name === 'WASHINGTON'))
    assert.deepEqual(
      names.search('WASHINGTN').map((h) => h.name),
      ['WASHINGTON'],
    )
  })
})

describe('AddressIndex.verifyLine', () => {
  it('ranks Coppage first for Copage, as a typo-corrected candidate with the unit kept', () => {
    const result = index.verifyLine('2 Copage Dr Apt 3, Worcester')
    assert.equal(result.status, 'candidates')
    const best = result.candidates[0]!
    assert.equal(best.text, '2 Coppage Dr Apt 3, Worcester')
    assert.equal(best.address.unit, '3')
    assert.ok(best.why.includes('typo_corrected'))
    assert.ok(best.score < 1)
    assert.match(best.detail, /COPAGE corrected to COPPAGE/)
  })

  it('verifies an exact address with its point, town and first-due stations', () => {
    const result = index.verifyLine('2 Coppage Drive, Worcester')
    assert.equal(result.status, 'verified')
    assert.equal(result.match?.text, '2 Coppage Dr, Worcester')
    assert.deepEqual(result.match?.point, { lat: 42.25, lon: -71.81 })
    assert.equal(result.match?.town, 'Worcester')
    assert.deepEqual(result.match?.firstDue, { fire: 'WFD1', police: 'WPD1', ems: null })
    assert.deepEqual(result.match?.why, ['exact', 'address_point'])
  })

  it('treats St and Street, N and North alike', () => {
    const long = index.verifyLine('12 North Main Street, Worcester')
    const short = index.verifyLine('12 n main st, worcester')
    assert.equal(long.status, 'verified')
    assert.equal(long.match?.text, '12 N Main St, Worcester')
    assert.deepEqual(short.match, long.match)
  })

  it('prefers the street as typed over one with a direction filled in', () => {
    const result = index.verifyLine('12 Main St, Worcester')
    assert.equal(result.status, 'verified')
    assert.equal(result.match?.text, '12 Main St, Worcester')
    assert.ok(result.candidates.some((c) => c.text === '12 N Main St, Worcester'))
  })

  it('keeps the unit', () => {
    const result = index.verifyLine('12 North Main Street #4')
    assert.equal(result.match?.address.unit, '4')
    assert.equal(result.match?.text, '12 N Main St Apt 4, Worcester')
  })

  it('offers every town when none is typed and the street is in several', () => {
    const result = index.verifyLine('12 Main St')
    assert.equal(result.status, 'candidates')
    const towns = result.candidates
      .filter((c) => c.text.startsWith('12 Main St'))
      .map((c) => c.town)
    assert.deepEqual(towns.sort(), ['Holden', 'Worcester'])
    assert.ok(result.candidates.every((c) => c.why.includes('town_inferred')))
  })

  it('finds the point where two streets meet', () => {
    const result = index.verifyLine('Main St & Front St, Worcester')
    assert.equal(result.status, 'verified')
    assert.deepEqual(result.match?.point, { lat: 42.26, lon: -71.8 })
    assert.ok(result.match?.why.includes('intersection'))
    assert.equal(index.verifyLine('Main St & Elm St, Worcester').status, 'not_found')
  })

  it('finds a place by its common name, and asks which town when several have it', () => {
    const one = index.verifyLine('City Hall, Worcester')
    assert.equal(one.status, 'verified')
    assert.equal(one.match?.text, 'City Hall, 455 Main St, Worcester')
    assert.deepEqual(one.match?.why, ['alias'])
    const both = index.verifyLine('City Hall')
    assert.equal(both.status, 'candidates')
    assert.deepEqual(
      both.candidates
        .filter((c) => c.why.includes('alias'))
        .map((c) => c.town)
        .sort(),
      ['Holden', 'Worcester'],
    )
    assert.equal(
      index.verifyLine('Union Staton, Worcester').candidates[0]?.address.landmark,
      'Union Station',
    )
  })

  it('calls a house number outside the MSAG ranges invalid, saying the ranges', () => {
    const result = index.verifyLine('4000 Main St, Worcester')
    assert.equal(result.status, 'invalid')
    assert.equal(
      result.reason,
      'Main St, Worcester runs 1-1299 odd and 2-1300 even in the MSAG; 4000 is outside',
    )
  })

  it('places a number on a road range when there is no address point', () => {
    const result = index.verifyLine('51 Elm St, Worcester')
    assert.equal(result.status, 'verified')
    assert.ok(result.match?.why.includes('range_interpolated'))
    assert.ok(Math.abs(result.match!.point!.lon - -71.825) < 0.0005)
    assert.equal(result.match?.point?.lat, 42.27)
  })

  it('corrects a misspelt town', () => {
    const result = index.verifyLine('14 Main St, Worcestr')
    assert.equal(result.status, 'candidates')
    assert.equal(result.candidates[0]?.text, '14 Main St, Worcester')
    assert.ok(result.candidates[0]?.why.includes('town_corrected'))
  })

  it('answers not_found for a street that does not exist', () => {
    const result = index.verifyLine('5 Zyzzyva Blvd, Worcester')
    assert.equal(result.status, 'not_found')
    assert.match(result.reason ?? '', /ZYZZYVA/)
  })
})

describe('AddressIndex.verifyCivic', () => {
  it('verifies an address in parts, the street type inside the street or apart', () => {
    const apart = index.verifyCivic({
      houseNumber: '2',
      street: 'Coppage',
      streetType: 'Drive',
      town: 'Worcester',
      state: 'MA',
    })
    const inside = index.verifyCivic({
      houseNumber: '2',
      street: 'Coppage Drive',
      town: 'worcester',
      state: 'MA',
    })
    assert.equal(apart.status, 'verified')
    assert.deepEqual(inside.match, apart.match)
  })
})

describe('AddressIndex.reverse', () => {
  it('gives the nearest address point, the town and first-due stations', () => {
    const result = index.reverse(42.25005, -71.8101)
    assert.equal(result.nearest?.text, '2 Coppage Dr, Worcester')
    assert.ok(result.nearest.distanceM < 15)
    assert.equal(result.town, 'Worcester')
    assert.deepEqual(result.firstDue, { fire: 'WFD1', police: 'WPD1', ems: null })
  })

  it('gives no address beyond the radius, but still the town', () => {
    const result = index.reverse(42.33, -71.88)
    assert.equal(result.nearest, null)
    assert.equal(result.town, 'Holden')
    assert.equal(result.firstDue.fire, 'HFD1')
    assert.equal(index.reverse(42.33, -71.88, 5000).nearest?.address.town, 'Holden')
  })
})
