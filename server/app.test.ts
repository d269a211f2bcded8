import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestPlatform, type TestPlatform } from './test/harness.ts'

let t: TestPlatform
before(async () => {
  t = await startTestPlatform()
})
after(() => t.close())

describe('GET /api/health', () => {
  it('answers 200 with the database kind and its durability class', async () => {
    const response = await t.request('GET', '/api/health')
    assert.equal(response.statusCode, 200)
    const body = response.json()
    assert.equal(body.status, 'ok')
    assert.equal(body.database, t.database.kind)
    assert.equal(
      body.durability,
      t.database.kind === 'embedded'
        ? 'embedded: survives a process crash, not power loss'
        : 'server: fsync on',
    )
  })
})

describe('GET /api/openapi.json', () => {
  it('describes every route in OpenAPI 3.1, with request schemas from the validators', async () => {
    const response = await t.request('GET', '/api/openapi.json')
    assert.equal(response.statusCode, 200)
    const doc = response.json()
    assert.equal(doc.openapi, '3.1.0')
    for (const path of [
      '/api/session',
      '/api/users',
      '/api/users/{id}',
      '/api/agencies',
      '/api/audit',
      '/api/health',
    ]) {
      assert.ok(doc.paths[path], `missing ${path}`)
    }
    const createUser = doc.paths['/api/users'].post
    const schema = createUser.requestBody.content['application/json'].schema
    assert.deepEqual(schema.required.sort(), ['displayName', 'password', 'roles', 'username'])
    assert.equal(schema.properties.password.minLength, 12)
    assert.equal(createUser.responses['201'].description, 'Success')
    assert.deepEqual(doc.paths['/api/users/{id}'].patch.parameters[0], {
      name: 'id',
      in: 'path',
      required: true,
      schema: doc.paths['/api/users/{id}'].patch.parameters[0].schema,
    })
  })
})
