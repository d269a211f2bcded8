import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { PIDF_WORCESTER, SERVICE_INFO } from '../fixtures/ng911-invite.ts'
import { fetchByReference } from './by-reference.ts'

/** A LIS (HELD) and an ADR on loopback: what they were asked, and what they answer. */
let server: http.Server
let base = ''
const asked: Array<{ method: string; url: string; type: string; body: string }> = []

before(async () => {
  server = http.createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString()))
    request.on('end', () => {
      asked.push({
        method: request.method ?? '',
        url: request.url ?? '',
        type: request.headers['content-type'] ?? '',
        body,
      })
      if (request.url === '/held/ok') {
        response.writeHead(200, { 'content-type': 'application/held+xml' })
        response.end(
          `<?xml version="1.0"?><locationResponse xmlns="urn:ietf:params:xml:ns:geopriv:held">${PIDF_WORCESTER.replace('<?xml version="1.0" encoding="UTF-8"?>', '')}</locationResponse>`,
        )
      } else if (request.url === '/adr/service') {
        response.writeHead(200, { 'content-type': 'application/EmergencyCallData.ServiceInfo+xml' })
        response.end(SERVICE_INFO)
      } else if (request.url === '/slow') {
        setTimeout(() => response.end('late'), 5000)
      } else {
        response.writeHead(404)
        response.end()
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
after(() => {
  server.closeAllConnections()
  server.close()
})

describe('data by reference', () => {
  it('dereferences a location with a HELD request and reads the PIDF-LO in the answer', async () => {
    const fetched = await fetchByReference([`${base}/held/ok`], [])
    assert.equal(fetched.locations.length, 3)
    assert.equal(fetched.locations[0]?.civic?.PC, '01608')
    const request = asked.find((a) => a.url === '/held/ok')
    assert.equal(request?.method, 'POST')
    assert.match(request?.type ?? '', /application\/held\+xml/)
    assert.match(
      request?.body ?? '',
      /<locationRequest xmlns="urn:ietf:params:xml:ns:geopriv:held"/,
    )
  })

  it('fetches additional data from the ADR, and turns every failure into a problem', async () => {
    const fetched = await fetchByReference(
      [`${base}/held/missing`, 'sip:+15085550123@lis.example.test'],
      [
        { block: 'ServiceInfo', uri: `${base}/adr/service`, byValue: false },
        { block: 'ProviderInfo', uri: `${base}/slow`, byValue: false },
      ],
    )
    assert.equal(fetched.additionalData[0]?.summary, 'Residence · wireless · Mobile')
    assert.match(fetched.additionalData[1]?.problems[0] ?? '', /could not be fetched/)
    const problems = fetched.problems.join(' | ')
    assert.match(problems, /held\/missing: HTTP 404/)
    assert.match(problems, /only HELD \(https\) is dereferenced/)
  })
})
