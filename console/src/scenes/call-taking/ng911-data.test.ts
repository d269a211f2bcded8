import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AdditionalData, CallDelivery } from '@common/api/calls.ts'
import { blockLabel, cameOverSip, problemsOf } from './ng911-data.ts'

const block = (name: string, problems: string[]): AdditionalData => ({
  block: name,
  byValue: false,
  uri: 'http://adr.example.test/x',
  summary: null,
  fields: [],
  problems,
})

const delivery = (problems: string[], additionalData: AdditionalData[]): CallDelivery => ({
  callId: '00000000-0000-4000-8000-000000000001',
  protocol: 'sip',
  transport: 'UDP',
  emergencyCallId: null,
  emergencyIncidentId: null,
  service: null,
  additionalData,
  problems,
  receivedAt: '2026-11-30T12:00:00.000Z',
})

describe('NG911 data as shown', () => {
  it('names the RFC 7852 blocks in plain words, and unknown ones as they came', () => {
    assert.deepEqual(['ServiceInfo', 'SubscriberInfo', 'DeviceInfo', 'X-Vendor'].map(blockLabel), [
      'Service',
      'Subscriber',
      'Device',
      'X-Vendor',
    ])
  })

  it("lists a block's problem once when the delivery already names it", () => {
    const shown = problemsOf(
      delivery(
        ['ProviderInfo: could not be fetched: fetch failed', 'PIDF-LO: no location element'],
        [block('ProviderInfo', ['could not be fetched: fetch failed'])],
      ),
    )
    assert.deepEqual(shown, [
      'ProviderInfo: could not be fetched: fetch failed',
      'PIDF-LO: no location element',
    ])
  })

  it("adds a block's own problem the delivery does not list, named by its block", () => {
    const shown = problemsOf(delivery([], [block('DeviceInfo', ['DeviceClassification empty'])]))
    assert.deepEqual(shown, ['Device: DeviceClassification empty'])
  })
})

describe('cameOverSip', () => {
  it('knows a call of the NG911 ingress by its trunk, and no other', () => {
    assert.deepEqual(
      ['NG911 UDP', 'NG911 TCP', 'NG911 text', 'T1-04', null].map((trunk) =>
        cameOverSip({ trunk }),
      ),
      [true, true, true, false, false],
    )
  })
})
