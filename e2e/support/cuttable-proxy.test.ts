import assert from 'node:assert/strict'
import http from 'node:http'
import type net from 'node:net'
import { after, before, describe, it } from 'node:test'
import WebSocket, { WebSocketServer } from 'ws'
import { startCuttableProxy, type CuttableProxy } from './cuttable-proxy.ts'

/** A small HTTP + WebSocket server standing in for the platform: the proxy knows no protocol. */
let target: http.Server
let sockets: WebSocketServer
let proxy: CuttableProxy

before(async () => {
  target = http.createServer((request, response) => response.end(`hello ${request.url}`))
  sockets = new WebSocketServer({ server: target })
  sockets.on('connection', (socket) => {
    socket.on('message', (data: Buffer) => socket.send(`echo ${data.toString()}`))
  })
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve))
  const { port } = target.address() as net.AddressInfo
  proxy = await startCuttableProxy(`http://127.0.0.1:${port}`)
})

after(async () => {
  await proxy.close()
  for (const client of sockets.clients) client.terminate()
  await new Promise((resolve) => sockets.close(resolve))
  target.closeAllConnections()
  await new Promise((resolve) => target.close(resolve))
})

async function get(path: string): Promise<string> {
  const response = await fetch(`${proxy.url}${path}`)
  return response.text()
}

async function openSocket(): Promise<{
  socket: WebSocket
  echo: (text: string) => Promise<string>
}> {
  const socket = new WebSocket(proxy.url.replace(/^http/, 'ws'))
  await new Promise((resolve, reject) => {
    socket.once('open', resolve)
    socket.once('error', reject)
  })
  const echo = (text: string) =>
    new Promise<string>((resolve) => {
      socket.once('message', (data: Buffer) => resolve(data.toString()))
      socket.send(text)
    })
  return { socket, echo }
}

describe('startCuttableProxy', () => {
  it('carries HTTP and WebSocket to the target', async () => {
    assert.equal(await get('/api/health'), 'hello /api/health')
    const { socket, echo } = await openSocket()
    assert.equal(await echo('one'), 'echo one')
    socket.close()
  })

  it('cut closes an open WebSocket and refuses new HTTP and WebSocket connections', async () => {
    const { socket, echo } = await openSocket()
    assert.equal(await echo('before'), 'echo before')
    const closed = new Promise<number>((resolve) => socket.once('close', resolve))
    socket.on('error', () => {}) // the reset is expected; the close code says what happened
    assert.ok(proxy.openConnections() >= 1)

    proxy.cut()
    // 1006: closed without a closing handshake, as on a dropped network.
    assert.equal(await closed, 1006)
    assert.equal(proxy.openConnections(), 0)
    await assert.rejects(get('/api/health'))
    await assert.rejects(openSocket())
  })

  it('restore lets HTTP and WebSocket through again', async () => {
    proxy.restore()
    assert.equal(await get('/again'), 'hello /again')
    const { socket, echo } = await openSocket()
    assert.equal(await echo('after'), 'echo after')
    socket.close()
  })

  it('cut also ends the connection on the target side', async () => {
    const { socket } = await openSocket()
    socket.on('error', () => {})
    const serverSide = [...sockets.clients].find((client) => client.readyState === WebSocket.OPEN)
    assert.ok(serverSide, 'the target holds the WebSocket')
    const serverClosed = new Promise((resolve) => serverSide.once('close', resolve))
    proxy.cut()
    await serverClosed
    proxy.restore()
  })
})
