import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ng911Invite, SERVICE_INFO } from '../fixtures/ng911-invite.ts'
import { parseDatagram } from '../sip/message.ts'
import { readBlock, readCallInfo } from './additional-data.ts'

describe('RFC 7852 additional data', () => {
  it('reads the emergency ids and the block references from Call-Info', () => {
    const invite = parseDatagram(ng911Invite({ callNumber: 7 }))
    const info = readCallInfo(invite.headers.getAll('call-info'))
    assert.deepEqual(info.ids, {
      callId: 'urn:emergency:uid:callid:c7:bcf.example.test',
      incidentId: 'urn:emergency:uid:incidentid:i7:bcf.example.test',
    })
    assert.deepEqual(info.refs, [
      { block: 'ServiceInfo', uri: 'cid:svcinfo7@bcf.example.test', byValue: true },
      {
        block: 'ProviderInfo',
        uri: 'https://adr.example.test/adr/providerinfo?call=7',
        byValue: false,
      },
    ])
  })

  it('accepts the legacy nena- purposes', () => {
    const info = readCallInfo([
      '<urn:nena:callid:abc:esrp.test>;purpose=nena-CallId',
      '<urn:nena:incidentid:def:esrp.test>;purpose=nena-IncidentId',
    ])
    assert.equal(info.ids.callId, 'urn:nena:callid:abc:esrp.test')
    assert.equal(info.ids.incidentId, 'urn:nena:incidentid:def:esrp.test')
  })

  it('reads ServiceInfo into fields and a summary', () => {
    const block = readBlock(
      { block: 'ServiceInfo', uri: 'cid:x', byValue: true },
      'application/emergencycalldata.serviceinfo+xml',
      SERVICE_INFO,
    )
    assert.deepEqual(block.problems, [])
    assert.equal(block.summary, 'Residence · wireless · Mobile')
    assert.ok(
      block.fields.some(
        (f) => f.name === 'DataProviderReference' && f.value === 'svc-1@bcf.example.test',
      ),
    )
  })

  it('reads a SubscriberInfo xCard and its privacy flag, and DeviceInfo ids with their type', () => {
    const subscriber = readBlock(
      { block: 'SubscriberInfo', uri: 'https://adr/x', byValue: false },
      null,
      `<sub:EmergencyCallData.SubscriberInfo xmlns:sub="urn:ietf:params:xml:ns:EmergencyCallData:SubscriberInfo" privacyRequested="false">
       <sub:DataProviderReference>s1</sub:DataProviderReference>
       <sub:SubscriberData><xc:vcards xmlns:xc="urn:ietf:params:xml:ns:vcard-4.0"><xc:vcard>
       <xc:fn><xc:text>Maria Santos</xc:text></xc:fn><xc:tel><xc:uri>tel:+15085550123</xc:uri></xc:tel>
       </xc:vcard></xc:vcards></sub:SubscriberData></sub:EmergencyCallData.SubscriberInfo>`,
    )
    assert.equal(subscriber.summary, 'Maria Santos · tel:+15085550123')
    assert.ok(subscriber.fields.some((f) => f.name === 'privacyRequested' && f.value === 'false'))
    const device = readBlock(
      { block: 'DeviceInfo', uri: 'cid:d', byValue: true },
      null,
      `<dev:EmergencyCallData.DeviceInfo xmlns:dev="urn:ietf:params:xml:ns:EmergencyCallData:DeviceInfo">
       <dev:DeviceClassification>cellular phone</dev:DeviceClassification>
       <dev:UniqueDeviceID TypeOfDeviceID="IMEI">35-209900-176148-1</dev:UniqueDeviceID></dev:EmergencyCallData.DeviceInfo>`,
    )
    assert.ok(device.fields.some((f) => f.name === 'UniqueDeviceID (IMEI)'))
  })

  it('keeps a broken or hostile block raw with its problem', () => {
    const broken = readBlock(
      { block: 'Comment', uri: 'cid:c', byValue: true },
      null,
      '<com:Comment><unclosed>',
    )
    assert.equal(broken.raw, '<com:Comment><unclosed>')
    assert.match(broken.problems[0] ?? '', /not well-formed/)
    const dtd = readBlock(
      { block: 'Comment', uri: 'cid:c', byValue: true },
      null,
      '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
    )
    assert.match(dtd.problems[0] ?? '', /DOCTYPE/)
  })
})
