import dgram from 'node:dgram'
import net from 'node:net'
import {
  parseDatagram,
  serialize,
  SipParseError,
  SipStreamParser,
  type SipMessage,
} from './message.ts'
import { responseTo, type Peer, type SipSender } from './transactions.ts'

/**
 * SIP over UDP and TCP on one address and port (RFC 3261 §18). Datagrams and stream frames
 * become messages for `onMessage`; what cannot be read is answered 400 when it carried enough to
 * address a response, and never stops the listener: a broken INVITE must not cost the next call.
 */
export interface SipTransportOptions {
  host: string
  port: number
  maxBodyBytes: number
  onMessage(message: SipMessage, peer: Peer): void
  onProblem?(problem: string, peer: Peer): void
}

export class SipTransport implements SipSender {
  private udp: dgram.Socket | null = null
  private tcp: net.Server | null = null
  private readonly connections = new Map<string, net.Socket>()
  private nextConnection = 1
  /** The port bound (the configured one, or the one the system chose for port 0). */
  port = 0

  constructor(private readonly options: SipTransportOptions) {}

  async start(): Promise<void> {
    const tcp = net.createServer((socket) => this.accept(socket))
    await new Promise<void>((resolve, reject) => {
      tcp.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE'
            ? new Error(
                `SIP port ${this.options.port} is in use: set ECC_SIP_PORT (or ECC_SIP=0 to run without SIP)`,
              )
            : error,
        ),
      )
      tcp.listen(this.options.port, this.options.host, () => resolve())
    })
    this.tcp = tcp
    const address = tcp.address()
    this.port = typeof address === 'object' && address ? address.port : this.options.port
    const udp = dgram.createSocket({
      type: this.options.host.includes(':') ? 'udp6' : 'udp4',
      recvBufferSize: 4 * 1024 * 1024,
    })
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject)
      udp.bind(this.port, this.options.host, () => resolve())
    })
    udp.on('message', (datagram, remote) =>
      this.datagram(datagram, { transport: 'UDP', address: remote.address, port: remote.port }),
    )
    udp.on('error', (error) =>
      this.options.onProblem?.(`udp: ${error.message}`, { transport: 'UDP', address: '', port: 0 }),
    )
    this.udp = udp
  }

  send(peer: Peer, bytes: Buffer): void {
    if (peer.transport === 'UDP') {
      this.udp?.send(bytes, peer.port, peer.address)
      return
    }
    const socket = peer.connectionId ? this.connections.get(peer.connectionId) : undefined
    if (socket && !socket.destroyed) {
      socket.write(bytes)
      return
    }
    // The connection is gone (the peer closed it): open a new one to its address.
    const fresh = net.connect(peer.port, peer.address)
    fresh.setNoDelay(true)
    this.track(fresh)
    fresh.write(bytes)
  }

  async stop(): Promise<void> {
    for (const socket of this.connections.values()) socket.destroy()
    this.connections.clear()
    await new Promise<void>((resolve) => (this.tcp ? this.tcp.close(() => resolve()) : resolve()))
    await new Promise<void>((resolve) => (this.udp ? this.udp.close(() => resolve()) : resolve()))
    this.tcp = null
    this.udp = null
  }

  private datagram(datagram: Buffer, peer: Peer): void {
    // A bare CRLF (or CRLF CRLF) is a keep-alive: nothing to answer over UDP.
    if (datagram.length <= 4 && datagram.toString('latin1').trim() === '') return
    try {
      this.options.onMessage(parseDatagram(datagram), peer)
    } catch (error) {
      this.unreadable(error, peer)
    }
  }

  private accept(socket: net.Socket): void {
    socket.setNoDelay(true)
    this.track(socket)
  }

  private track(socket: net.Socket): void {
    const id = `tcp-${this.nextConnection++}`
    this.connections.set(id, socket)
    const parser = new SipStreamParser(this.options.maxBodyBytes)
    const peer = (): Peer => ({
      transport: 'TCP',
      address: socket.remoteAddress ?? '',
      port: socket.remotePort ?? 0,
      connectionId: id,
    })
    socket.on('data', (chunk) => {
      let framed
      try {
        framed = parser.push(chunk)
      } catch (error) {
        // Framing is lost on this connection: answer if possible, then close it.
        this.unreadable(error, peer())
        socket.end()
        return
      }
      for (let i = 0; i < framed.pings; i++) socket.write('\r\n')
      for (const message of framed.messages) {
        try {
          this.options.onMessage(message, peer())
        } catch (error) {
          this.options.onProblem?.(`handling failed: ${(error as Error).message}`, peer())
        }
      }
    })
    socket.on('error', () => socket.destroy())
    socket.on('close', () => this.connections.delete(id))
  }

  private unreadable(error: unknown, peer: Peer): void {
    const problem = error instanceof Error ? error.message : String(error)
    this.options.onProblem?.(`unreadable message: ${problem}`, peer)
    if (!(error instanceof SipParseError)) return
    const { method, headers } = error.partial
    if (!headers || method === 'ACK' || !method) return
    if (!['via', 'from', 'to', 'call-id', 'cseq'].every((name) => headers.has(name))) return
    const request = { kind: 'request' as const, method, uri: '', headers, body: Buffer.alloc(0) }
    this.send(peer, serialize(responseTo(request, 400, `Bad Request - ${problem}`.slice(0, 120))))
  }
}
