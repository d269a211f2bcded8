/// <reference types="node" />
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseCommand, resolveCommand, type Command, type Parsed } from './command-line.ts'

const floor = {
  units: [
    { id: 'u-e12', code: 'E12', incidentId: 'i-123' },
    { id: 'u-l1', code: 'L1', incidentId: null },
    { id: 'u-m3', code: 'M3', incidentId: null },
  ],
  incidents: [
    { id: 'i-123', number: 'WFD-2026-000123' },
    { id: 'i-7', number: 'WFD-2026-000007' },
    { id: 'p-7', number: 'WPD-2026-000007' },
  ],
}

function parsed(line: string): Command {
  const result = parseCommand(line)
  assert.ok(result.ok, `${line}: ${result.ok ? '' : result.error.message}`)
  return result.value
}

function refusal<T>(result: Parsed<T>): { message: string; token: string | null } {
  assert.equal(result.ok, false)
  return result.error
}

describe(parseCommand.name, () => {
  it('reads D as units then the incident, in any case', () => {
    assert.deepEqual(parsed('d e12 L1  WFD-2026-000123'), {
      kind: 'dispatch',
      units: ['e12', 'L1'],
      incident: 'WFD-2026-000123',
    })
  })

  it('maps the status verbs to the unit statuses', () => {
    assert.deepEqual(parsed('ENR E12'), { kind: 'status', status: 'en_route', units: ['E12'] })
    assert.deepEqual(parsed('os E12 L1'), {
      kind: 'status',
      status: 'on_scene',
      units: ['E12', 'L1'],
    })
    assert.equal((parsed('TR M3') as { status: string }).status, 'transporting')
    assert.equal((parsed('AH M3') as { status: string }).status, 'at_hospital')
    assert.equal((parsed('AV M3') as { status: string }).status, 'available')
    assert.equal((parsed('IQ M3') as { status: string }).status, 'in_quarters')
  })

  it('keeps the reason of OOS and the text of N verbatim', () => {
    assert.deepEqual(parsed('OOS E12 mechanical:  pump  fault'), {
      kind: 'out_of_service',
      unit: 'E12',
      reason: 'mechanical:  pump  fault',
    })
    assert.deepEqual(parsed('N 123 Caller says 2 people inside'), {
      kind: 'note',
      incident: '123',
      text: 'Caller says 2 people inside',
    })
  })

  it('reads CLR with or without the incident', () => {
    assert.deepEqual(parsed('CLR E12'), { kind: 'clear', unit: 'E12', incident: null })
    assert.deepEqual(parsed('CLR E12 123'), { kind: 'clear', unit: 'E12', incident: '123' })
  })

  it('names the unknown verb', () => {
    assert.deepEqual(refusal(parseCommand('DISP E12 123')), {
      message: 'unknown command "DISP"',
      token: 'DISP',
    })
  })

  it('refuses commands that lack a part', () => {
    assert.match(refusal(parseCommand('')).message, /type a command/)
    assert.match(refusal(parseCommand('D E12')).message, /at least one unit and an incident/)
    assert.match(refusal(parseCommand('ENR')).message, /ENR needs a unit/)
    assert.match(refusal(parseCommand('OOS E12')).message, /needs a reason/)
    assert.match(refusal(parseCommand('N 123')).message, /needs the text/)
    assert.equal(refusal(parseCommand('CLR E12 123 extra')).token, 'extra')
  })
})

describe(resolveCommand.name, () => {
  const resolve = (line: string) => resolveCommand(parsed(line), floor)

  it('resolves codes and a full incident number to ids', () => {
    const result = resolve('D e12 l1 wfd-2026-000123')
    assert.ok(result.ok)
    assert.deepEqual(result.value, {
      kind: 'dispatch',
      units: [floor.units[0], floor.units[1]],
      incident: floor.incidents[0],
    })
  })

  it('accepts the last digits of a number when only one incident ends so', () => {
    const result = resolve('N 123 on the way')
    assert.ok(result.ok)
    assert.equal(result.value.kind === 'note' && result.value.incident.id, 'i-123')
  })

  it('refuses digits that match two incidents, listing them', () => {
    const error = refusal(resolve('D E12 7'))
    assert.equal(error.token, '7')
    assert.match(error.message, /WFD-2026-000007, WPD-2026-000007/)
  })

  it('names the unknown unit, and hints at OOS for a word after OS', () => {
    const error = refusal(resolve('OS E12 mechanical'))
    assert.equal(error.token, 'mechanical')
    assert.match(error.message, /unknown unit "mechanical".*OOS <unit> <reason>/)
    assert.equal(refusal(resolve('D E99 123')).token, 'E99')
  })

  it('names the unknown incident', () => {
    assert.deepEqual(refusal(resolve('D E12 WFD-2026-999999')), {
      message: 'no open incident "WFD-2026-999999"',
      token: 'WFD-2026-999999',
    })
  })

  it('clears a unit from its own incident when none is named, and refuses one that has none', () => {
    const result = resolve('CLR E12')
    assert.ok(result.ok)
    assert.equal(result.value.kind === 'clear' && result.value.incident.id, 'i-123')
    assert.match(refusal(resolve('CLR L1')).message, /L1 is on no open incident/)
  })
})
