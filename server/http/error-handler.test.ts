import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import Fastify from 'fastify'
import { AppError } from './errors.ts'
import { registerErrorHandlers } from './error-handler.ts'

async function appThrowing(error: Error) {
  const logged: unknown[] = []
  const app = Fastify({
    logger: { level: 'error', stream: { write: (line: string) => logged.push(JSON.parse(line)) } },
  })
  registerErrorHandlers(app)
  app.get('/boom', () => Promise.reject(error))
  app.post('/echo', (request) => Promise.resolve(request.body))
  await app.ready()
  return { app, logged }
}

describe(registerErrorHandlers.name, () => {
  it('answers a domain error with its status, code, message and field', async () => {
    const { app } = await appThrowing(new AppError('username_taken', 'username: taken', 'username'))
    const response = await app.inject({ method: 'GET', url: '/boom' })
    assert.equal(response.statusCode, 409)
    assert.deepEqual(response.json(), {
      error: { code: 'username_taken', message: 'username: taken', field: 'username' },
    })
  })

  it('answers an unexpected error with 500 and a request id, logging the internals but not sending them', async () => {
    const { app, logged } = await appThrowing(new Error('connection string postgres://secret@db'))
    const response = await app.inject({ method: 'GET', url: '/boom' })
    assert.equal(response.statusCode, 500)
    const body = response.json()
    assert.equal(body.error.code, 'internal_error')
    assert.doesNotMatch(response.body, /secret/)
    assert.ok(body.error.requestId)
    assert.ok(
      logged.some((line) => JSON.stringify(line).includes('secret')),
      'the cause is in the log',
    )
  })

  it('answers malformed JSON with 400 naming the body', async () => {
    const { app } = await appThrowing(new Error('unused'))
    const response = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    })
    assert.equal(response.statusCode, 400)
    assert.equal(response.json().error.field, 'body')
  })

  it('answers an unknown route with a 404 in the same shape', async () => {
    const { app } = await appThrowing(new Error('unused'))
    const response = await app.inject({ method: 'GET', url: '/nowhere' })
    assert.equal(response.statusCode, 404)
    assert.equal(response.json().error.code, 'not_found')
  })
})
