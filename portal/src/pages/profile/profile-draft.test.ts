/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SafetyProfileBody } from '@common/api/safety-profiles.ts'
import { checkForm } from '../../ui/form-kit.tsx'
import { phoneText } from '../../ui/phone-text.ts'
import {
  attachToBoxes,
  bodyFromDraft,
  EMPTY_DRAFT,
  emptyMember,
  emptyVehicle,
  profileLabel,
} from './profile-draft.ts'

describe(bodyFromDraft.name, () => {
  it('turns lines into lists and empty boxes into absent fields the schema accepts', () => {
    const draft = {
      ...EMPTY_DRAFT,
      members: [
        { ...emptyMember(), name: 'Ana', age: '7', medicalConditions: 'asthma\n\n  epilepsy \n' },
      ],
      vehicles: [{ ...emptyVehicle(), make: 'Ford', state: 'ma' }],
    }
    const checked = checkForm(SafetyProfileBody, bodyFromDraft(draft))
    assert.equal(checked.problems, null)
    assert.deepEqual(checked.data?.members[0]?.medicalConditions, ['asthma', 'epilepsy'])
    assert.equal(checked.data?.members[0]?.age, 7)
    assert.equal(checked.data?.members[0]?.mobilityNeeds, undefined)
    // JSON drops the absent parts, as the request will.
    assert.deepEqual(JSON.parse(JSON.stringify(checked.data?.vehicles[0])), {
      make: 'Ford',
      state: 'MA',
    })
  })

  it('names every bad field at once, a bad age included, in words a resident reads', () => {
    const draft = {
      ...EMPTY_DRAFT,
      members: [{ ...emptyMember(), name: '', age: 'seven' }],
      vehicles: [{ ...emptyVehicle(), state: 'Mass' }],
    }
    const checked = checkForm(SafetyProfileBody, bodyFromDraft(draft))
    const problems = checked.problems
    assert.ok(problems)
    assert.deepEqual(Object.keys(problems.fields).sort(), [
      'members.0.age',
      'members.0.name',
      'vehicles.0.state',
    ])
    assert.equal(problems.fields['vehicles.0.state'], 'Enter a two-letter state code')
    assert.equal(problems.fields['members.0.age'], 'Enter a number, in figures')
    assert.equal(problems.fields['members.0.name'], 'This is required')
    assert.equal(profileLabel('members.0.age'), 'Household member 1: age')
    assert.equal(profileLabel('home.keyBox'), 'Home: key box')
  })
})

describe(attachToBoxes.name, () => {
  it("puts a problem with one line of a list on the list's box", () => {
    const problems = attachToBoxes({
      fields: { 'members.1.medications.3': 'Too long', 'pets.0.kind': 'Required' },
      form: null,
    })
    assert.deepEqual(problems.fields, {
      'members.1.medications': 'Too long',
      'pets.0.kind': 'Required',
    })
  })
})

describe(phoneText.name, () => {
  it('writes a North American number the usual way and leaves others as they are', () => {
    assert.equal(phoneText('+15085550199'), '(508) 555-0199')
    assert.equal(phoneText('+442071234567'), '+442071234567')
  })
})
