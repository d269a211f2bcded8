/**
 * The baseline for live delivery: a bare `ws` server that, on `POST /broadcast`, serialises the
 * posted event once and sends it to every connected socket. No database, no session, no filter.
 * Run as its own process, like the platform; prints `listening <port>` when ready.
 */
import http from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'

const sockets = new Set<WebSocket>()
const server = http.createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/broadcast') {
    response.writeHead(404).end()
    return
  }
  let body = ''
  request.on('data', (chunk: Buffer) => (body += chunk.toString()))
  request.on('end', () => {
    const message = JSON.stringify({ type: 'event', event: JSON.parse(body) as unknown })
    for (const socket of sockets) socket.send(message)
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  })
})
const wss = new WebSocketServer({ server, path: '/api/live' })
wss.on('connection', (socket) => {
  sockets.add(socket)
  socket.on('close', () => sockets.delete(socket))
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  if (address && typeof address === 'object') process.stdout.write(`listening ${address.port}\n`)
})
process.on('SIGTERM', () => {
  for (const socket of sockets) socket.terminate()
  server.close(() => process.exit(0))
})
