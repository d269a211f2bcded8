import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import Ajv2020 from 'ajv/dist/2020.js'
import type { CallView } from '@common/api/calls.ts'
import type { EidoDocument } from '@common/api/eido.ts'
import type { Incident, NatureCode } from '@common/api/incidents.ts'
import { startTestPlatform, type TestPlatform } from '../../test/harness.ts'
import { buildAgency, buildUnit, incidentFromCall, staffWith } from '../../test/factories.ts'

/** NENA's EIDO schema, re-typed as JSON Schema 2020-12 (see its $comment for the source). */
const schema: object = JSON.parse(
  readFileSync(new URL('./eido/eido.schema.json', import.meta.url), 'utf8'),
)
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i
const ajv = new Ajv2020({ allErrors: true, strict: true })
ajv.addFormat('date-time', (s) => RFC3339.test(s) && !Number.isNaN(Date.parse(s)))
ajv.addFormat('uri', (s) => URL.canParse(s))
const validate = ajv.compile(schema)

function validateEido(doc: unknown) {
  return validate(doc) ? [] : (validate.errors ?? [])
}

type Component = {
  $id: string
  lastUpdateTimeStamp: string
  updatedByAgencyReference: { $ref: string }
}

/** Every component of the document: the arrays, the incident, and the dispositions inside it. */
function allComponents(doc: EidoDocument): Component[] {
  const arrays = Object.entries(doc).flatMap(([key, value]) =>
    key.endsWith('Component') && Array.isArray(value) ? (value as Component[]) : [],
  )
  return [...arrays, doc.incidentComponent, ...(doc.incidentComponent.dispositionComponent ?? [])]
}

/** Every `{"$ref": …}` anywhere in the document. */
function allReferences(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allReferences)
  if (value === null || typeof value !== 'object') return []
  const ref = (value as { $ref?: unknown }).$ref
  return [...(typeof ref === 'string' ? [ref] : []), ...Object.values(value).flatMap(allReferences)]
}

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

const hex = () => randomBytes(3).toString('hex')

/** The $id of a row's component, in the one scheme the EIDO uses (eido-ids.ts). */
const idOf = (kind: string, rowId: string) =>
  `urn:emergency:uid:${kind}:${rowId.replaceAll('-', '')}:${t.config.centerDomain}`

async function fetchEido(session: { request: TestPlatform['request'] }, id: string) {
  const response = await session.request('GET', `/api/incidents/${id}/eido`)
  assert.equal(response.statusCode, 200, response.body)
  return response.json<EidoDocument>()
}

/**
 * What holds for any EIDO we issue: NENA's schema accepts it, every component carries the
 * prologue under a unique $id of our scheme, every reference lands on a component of the same
 * document, and every time is ISO 8601 in UTC.
 */
function assertWellFormed(doc: EidoDocument): void {
  const errors = validateEido(doc)
  assert.deepEqual(errors, [], `NENA schema errors:\n${JSON.stringify(errors, null, 2)}`)
  const components = allComponents(doc)
  const ids = components.map((c) => c.$id)
  assert.equal(new Set(ids).size, ids.length, 'every $id is unique')
  const scheme = new RegExp(`^urn:emergency:uid:[a-z]+:[0-9a-z]{10,32}:${t.config.centerDomain}$`)
  const agencyIds = new Set(doc.agencyComponent.map((a) => a.$id))
  for (const component of [doc, ...components]) {
    assert.match(component.$id, scheme)
    assert.match(component.lastUpdateTimeStamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    assert.ok(agencyIds.has(component.updatedByAgencyReference.$ref), component.$id)
  }
  const dangling = allReferences(doc).filter((ref) => !ids.includes(ref))
  assert.deepEqual(dangling, [], 'every $ref names a component of the document')
}

describe('GET /api/incidents/:id/eido', () => {
  it('answers 401 without a session, 400 naming a bad id, 404 for an unknown incident', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000'
    assert.equal((await t.request('GET', `/api/incidents/${unknown}/eido`)).statusCode, 401)
    const dispatcher = await staffWith(t, ['dispatcher'])
    const badId = await dispatcher.request('GET', '/api/incidents/not-a-uuid/eido')
    assert.equal(badId.statusCode, 400)
    assert.equal(badId.json().error.field, 'id')
    const missing = await dispatcher.request('GET', `/api/incidents/${unknown}/eido`)
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.json().error.code, 'incident_not_found')
  })

  it('conveys an incident from the first ring to its close as an EIDO NENA accepts', async () => {
    const town = `Eido ${hex()}`
    const fire = await buildAgency(t, { code: `F${hex().toUpperCase()}`, kind: 'fire', town })
    const ems = await buildAgency(t, {
      code: `E${hex().toUpperCase()}`,
      kind: 'ems',
      town: 'Elsewhere',
    })
    const engine = await buildUnit(t, {
      agencyId: fire.id,
      status: 'available',
      capabilities: ['thermal camera'],
    })
    const ambulance = await buildUnit(t, {
      agencyId: ems.id,
      unitType: 'ambulance',
      status: 'available',
    })
    const phone = await staffWith(t, ['integration'])
    const calltaker = await staffWith(t, ['call_taker'], { atPosition: true })
    const dispatcher = await staffWith(t, ['dispatcher'], { atPosition: true })
    const supervisor = await staffWith(t, ['supervisor'])
    const civic = { houseNumber: '5', street: 'Elm', streetType: 'St', town }
    const location = {
      source: 'ali',
      civic,
      point: { lat: 42.41, lon: -71.61, uncertaintyM: 30, confidencePct: 90 },
    }

    const { call: first, incident } = await incidentFromCall(
      phone,
      calltaker,
      { line: '911', ani: '5085550101', callerName: 'R. Caller', location },
      'SMOKE-INV',
    )
    const second = (
      await phone.request('POST', '/api/calls', { line: '911', ani: '5085550102', location })
    ).json<CallView>()
    await calltaker.request('POST', `/api/calls/${second.id}/answer`, {})
    const attached = await calltaker.request('POST', `/api/calls/${second.id}/attach`, {
      incidentId: incident.id,
    })
    assert.equal(attached.statusCode, 200, attached.body)
    const sent = await dispatcher.request('POST', `/api/incidents/${incident.id}/dispatch`, {
      unitIds: [engine.id, ambulance.id],
    })
    assert.equal(sent.statusCode, 200, sent.body)
    await dispatcher.request('POST', `/api/units/${engine.id}/status`, { status: 'en_route' })
    await phone.request('POST', `/api/units/${engine.id}/location`, { lat: 42.405, lon: -71.6 })
    await dispatcher.request('POST', `/api/incidents/${incident.id}/notes`, {
      text: 'smoke from the eaves <2nd floor>',
    })
    const caution = await supervisor.request('POST', '/api/premise-cautions', {
      address: civic,
      kind: 'hazard',
      text: 'Oxygen tanks in the basement',
    })
    assert.equal(caution.statusCode, 201, caution.body)

    const working = await fetchEido(dispatcher, incident.id)
    assertWellFormed(working)
    assert.equal(working.$id, idOf('incidentid', incident.id))
    assert.deepEqual(working.incidentComponent.incidentStatusCommonRegistryText, [
      'ResourcesEnroute',
    ])
    assert.equal(working.incidentComponent.reportNumberType, 'Ongoing')
    const enRoute = working.emergencyResourceComponent.find(
      (r) => r.emergencyResourceName === engine.code,
    )!
    assert.equal(enRoute.primaryUnitStatusRegistryText, 'NotAvailable')
    assert.deepEqual(enRoute.secondaryUnitStatusRegistryText, ['EnRoute'])
    assert.equal(enRoute.activeOnIncidentId, working.$id)
    assert.deepEqual(enRoute.resourceAttributeRegistryText, ['Other'])
    assert.deepEqual(enRoute.resourceAttributeInternalText, ['thermal camera'])
    const avl = working.locationComponent.find(
      (l) => l.$id === enRoute.unitLocationReference?.$ref,
    )!
    assert.equal(avl.locationTypeDescriptionRegistryText, 'UnitLocation')
    assert.match(avl.locationByValue!, /<gml:pos>42.405 -71.6<\/gml:pos>/)
    const dispatched = working.emergencyResourceComponent.find(
      (r) => r.emergencyResourceName === ambulance.code,
    )!
    assert.equal(dispatched.primaryUnitStatusRegistryText, 'NotAvailable')
    assert.deepEqual(dispatched.secondaryUnitStatusRegistryText, ['Dispatched'])

    for (const unit of [engine, ambulance]) {
      const cleared = await dispatcher.request(
        'POST',
        `/api/incidents/${incident.id}/units/${unit.id}/clear`,
        {},
      )
      assert.equal(cleared.statusCode, 200, cleared.body)
    }
    const closed = await dispatcher.request('POST', `/api/incidents/${incident.id}/close`, {
      disposition: 'extinguished',
    })
    assert.equal(closed.json<Incident>().status, 'closed')

    const doc = await fetchEido(dispatcher, incident.id)
    assertWellFormed(doc)
    const natures = (await dispatcher.request('GET', '/api/nature-codes')).json<NatureCode[]>()
    const nature = natures.find((n) => n.code === 'SMOKE-INV')!
    const info = doc.incidentComponent
    assert.equal(info.incidentTypeCommonRegistryText, nature.apcoType)
    assert.equal(info.incidentTypeInternalCode, nature.code)
    assert.equal(info.incidentTypeInternalText, nature.description)
    assert.equal(info.internalIncidentId, incident.number)
    assert.equal(info.incidentCommonPriorityNumber, incident.priority)
    assert.deepEqual(info.incidentStatusCommonRegistryText, ['Closed'])
    assert.equal(info.dispositionComponent?.[0]?.dispositionCommonRegistryCode, 'extinguished')

    // The owning fire department dispatches; the center took the calls; EMS was sent.
    const agency = (id: string) => doc.agencyComponent.find((a) => a.$id === idOf('agency', id))!
    assert.deepEqual(agency(fire.id).agencyRoleDescriptionRegistryText, [
      'Dispatching',
      'Dispatched',
    ])
    assert.deepEqual(agency(fire.id).agencyType, ['fire'])
    assert.equal(agency(fire.id).incidentOwningAgencyIndicator, true)
    assert.deepEqual(agency(ems.id).agencyRoleDescriptionRegistryText, ['Dispatched'])
    const center = doc.agencyComponent.find((a) =>
      a.agencyRoleDescriptionRegistryText.includes('CallReceiving'),
    )!
    assert.equal(center.incidentOwningAgencyIndicator, false)

    // Each call has a Caller person on the same callback, and the location it came with.
    assert.deepEqual(
      doc.callComponent.map((c) => c.$id),
      [first.id, second.id].map((id) => idOf('callid', id)),
    )
    for (const [call, ani] of [
      [doc.callComponent[0]!, '5085550101'],
      [doc.callComponent[1]!, '5085550102'],
    ] as const) {
      assert.equal(call.direction, 'incoming')
      assert.equal(call.standardPrimaryCallType, 'emergency')
      assert.equal(call.callStateRegistryText, 'callAnswered')
      assert.ok(call.answerDate! >= call.callStartTimestamp)
      const person = doc.personComponent.find((p) => p.callIdentifier.includes(call.$id))!
      assert.deepEqual(person.personIncidentRoleRegistryText, ['Caller'])
      assert.equal(person.callBackReference.$ref, call.callBackReference.$ref)
      assert.deepEqual(call.personReference, [{ $ref: person.$id }])
      const callback = doc.callbackComponent.find((c) => c.$id === call.callBackReference.$ref)!
      assert.deepEqual(callback.callBackInformationUri, [`tel:+1${ani}`])
      const delivered = doc.locationComponent.find(
        (l) => l.$id === call.locationReference[0]?.$ref,
      )!
      assert.equal(delivered.locationTypeDescriptionRegistryText, 'Caller')
      assert.match(delivered.locationByValue!, /<ca:HNO>5<\/ca:HNO>/)
      assert.match(delivered.locationByValue!, /<gs:radius uom="[^"]+">30<\/gs:radius>/)
      assert.deepEqual(call.agentReference, [{ $ref: idOf('agent', calltaker.userId) }])
    }

    // The incident's location, with the premise caution hung on it through its note.
    const scene = doc.locationComponent.find((l) => l.$id === info.locationReference[0]?.$ref)!
    assert.equal(scene.locationTypeDescriptionRegistryText, 'CurrentIncident')
    assert.match(scene.locationByValue!, new RegExp(`<ca:A3>${town}</ca:A3>`))
    const cautionNote = doc.notesComponent.find((n) => n.$id === scene.notesReference?.[0]?.$ref)!
    assert.match(cautionNote.notesActionComments, /Oxygen tanks in the basement/)
    const hazard = doc.cautionComponent.find(
      (c) => c.$id === cautionNote.cautionReference?.[0]?.$ref,
    )!
    assert.equal(hazard.cautionTypeInternalText, 'hazard')

    // Staff who acted are agents; the phone system and the supervisor (no act on it) are not.
    const agents = new Map(doc.agentComponent.map((a) => [a.$id, a]))
    assert.equal(agents.size, 2)
    assert.deepEqual(agents.get(idOf('agent', calltaker.userId))?.agentRoleRegistryText, [
      'Call Taking',
    ])
    assert.deepEqual(agents.get(idOf('agent', dispatcher.userId))?.agentRoleRegistryText, [
      'Dispatching',
    ])
    const narrative = doc.notesComponent.find((n) => n.$id === info.notesReference[0]?.$ref)!
    assert.equal(narrative.notesActionComments, '<p>smoke from the eaves &lt;2nd floor&gt;</p>')
    assert.equal(narrative.agentReference?.$ref, idOf('agent', dispatcher.userId))
    assert.equal(doc.dispatchComponent.length, 2)
    for (const dispatch of doc.dispatchComponent) {
      assert.equal(dispatch.agentReference?.$ref, idOf('agent', dispatcher.userId))
    }

    const cleared = doc.emergencyResourceComponent.find(
      (r) => r.emergencyResourceName === engine.code,
    )!
    assert.equal(cleared.primaryUnitStatusRegistryText, 'Available')
    assert.deepEqual(cleared.secondaryUnitStatusRegistryText, ['Cleared'])
    assert.equal(cleared.activeOnIncidentId, undefined)
  })

  it('has a schema fixture that refuses what NENA refuses', async () => {
    const dispatcher = await staffWith(t, ['dispatcher'])
    const police = await buildAgency(t, { kind: 'police' })
    const opened = await dispatcher.request('POST', '/api/incidents', {
      natureCode: 'WELFARE',
      agencyId: police.id,
      location: { text: 'behind the library' },
    })
    assert.equal(opened.statusCode, 201, opened.body)
    const doc = await fetchEido(dispatcher, opened.json<Incident>().id)
    assertWellFormed(doc)
    assert.deepEqual(doc.incidentComponent.incidentStatusCommonRegistryText, ['Active'])
    assert.equal(doc.incidentComponent.reportNumberType, 'New')

    const { incidentTypeCommonRegistryText: _type, ...untyped } = doc.incidentComponent
    assert.notDeepEqual(validateEido({ ...doc, incidentComponent: untyped }), [])
    const bareReference = { ...doc, updatedByAgencyReference: doc.updatedByAgencyReference.$ref }
    assert.notDeepEqual(validateEido(bareReference), [])
    assert.notDeepEqual(validateEido({ ...doc, eidoVersion: '2.0' }), [])
  })
})
