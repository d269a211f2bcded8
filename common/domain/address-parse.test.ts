import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseAddressLine, parseStreet } from './address-parse.ts'

describe(parseStreet.name, () => {
  it('normalises directions and types: North Main Street is N MAIN ST', () => {
    assert.deepEqual(parseStreet('North Main Street'), {
      preDirection: 'N',
      name: 'MAIN',
      streetType: 'ST',
      postDirection: '',
    })
    assert.deepEqual(parseStreet('main st.'), parseStreet('Main Street'))
  })

  it('keeps a direction or a type that is the whole name', () => {
    assert.equal(parseStreet('North St').name, 'NORTH')
    assert.equal(parseStreet('North St').preDirection, '')
    assert.equal(parseStreet('Park Ave').name, 'PARK')
  })

  it('takes a post-direction after the type', () => {
    assert.deepEqual(parseStreet('Commonwealth Avenue West'), {
      preDirection: '',
      name: 'COMMONWEALTH',
      streetType: 'AVE',
      postDirection: 'W',
    })
  })
})

describe(parseAddressLine.name, () => {
  it('reads number, street, unit and town', () => {
    const parsed = parseAddressLine('2 Copage Dr Apt 3, Worcester')
    assert.equal(parsed.kind, 'address')
    assert.equal(parsed.houseNumber, 2)
    assert.deepEqual(parsed.street, {
      preDirection: '',
      name: 'COPAGE',
      streetType: 'DR',
      postDirection: '',
    })
    assert.equal(parsed.unit, '3')
    assert.equal(parsed.town, 'Worcester')
  })

  it('keeps a # unit and needs no town', () => {
    const parsed = parseAddressLine('12 North Main Street #4')
    assert.equal(parsed.unit, '4')
    assert.equal(parsed.town, null)
    assert.equal(parsed.street?.preDirection, 'N')
    assert.equal(parsed.street?.name, 'MAIN')
  })

  it('keeps the kind of a unit other than an apartment', () => {
    assert.equal(parseAddressLine('100 Front St Suite 200, Worcester').unit, 'Ste 200')
  })

  it('reads a house number suffix and drops state and ZIP', () => {
    const parsed = parseAddressLine('12A Main St, Worcester, MA 01608')
    assert.equal(parsed.houseNumber, 12)
    assert.equal(parsed.houseNumberSuffix, 'A')
    assert.equal(parsed.town, 'Worcester')
    assert.equal(parsed.postalCode, '01608')
  })

  it('reads an intersection with &, and or /', () => {
    for (const line of [
      'Main St & Front St, Worcester',
      'Main St and Front St, Worcester',
      'Main St / Front St, Worcester',
    ]) {
      const parsed = parseAddressLine(line)
      assert.equal(parsed.kind, 'intersection', line)
      assert.equal(parsed.street?.name, 'MAIN')
      assert.equal(parsed.crossStreet?.name, 'FRONT')
      assert.equal(parsed.town, 'Worcester')
    }
  })

  it('reads a place name as a name', () => {
    const parsed = parseAddressLine('City Hall')
    assert.equal(parsed.kind, 'name')
    assert.equal(parsed.name, 'CITY HALL')
    assert.equal(parsed.houseNumber, null)
  })

  it('finds a known town at the end of a line without commas', () => {
    const parsed = parseAddressLine('12 Main Street West Boylston', ['Worcester', 'West Boylston'])
    assert.equal(parsed.town, 'West Boylston')
    assert.equal(parsed.street?.name, 'MAIN')
    assert.equal(parsed.street?.streetType, 'ST')
  })
})
