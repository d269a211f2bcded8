import net from 'node:net'

/** A TCP proxy on loopback whose link to the platform can be cut, as a network fault would. */
export interface CuttableProxy {
  /** The proxy's address with the target's scheme, e.g. http://127.0.0.1:40123. */
  url: string
  /** Destroys every open connection, both ways, and refuses new ones until restored. */
  cut: () => void
  restore: () => void
  /** Connections open through the proxy now (each is one client socket). */
  openConnections: () => number
  close: () => Promise<void>
}

/**
 * Starts a proxy to `targetUrl` (http://host:port). It works below HTTP, so it carries HTTP and
 * WebSocket alike, and a cut looks to the browser like a dropped network: reset connections,
 * then refused ones.
 */
export async function startCuttableProxy(targetUrl: string): Promise<CuttableProxy> {
  const target = new URL(targetUrl)
  const targetPort = Number(target.port)
  const open = new Set<net.Socket>()
  let isCut = false

  const server = net.createServer((client) => {
    if (isCut) return void client.resetAndDestroy()
    const upstream = net.connect(targetPort, target.hostname)
    const pair = [client, upstream]
    open.add(client)
    for (const socket of pair) {
      socket.setNoDelay(true)
      // Either end failing or closing ends the pair, as a single connection would.
      socket.once('error', () => destroyPair())
      socket.once('close', () => destroyPair())
    }
    client.pipe(upstream)
    upstream.pipe(client)
    function destroyPair() {
      open.delete(client)
      for (const socket of pair) socket.destroy()
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as net.AddressInfo

  const cutAll = () => {
    for (const client of open) client.resetAndDestroy()
    open.clear()
  }
  return {
    url: `${target.protocol}//127.0.0.1:${port}`,
    cut() {
      isCut = true
      cutAll()
    },
    restore() {
      isCut = false
    },
    openConnections: () => open.size,
    close: () =>
      new Promise<void>((resolve) => {
        cutAll()
        server.close(() => resolve())
      }),
  }
}

/**
 * What Chromium logs while a console's link is cut (failed requests, WebSocket retries): pass to
 * `session.errorsExcept(...CUT_ERRORS)` in a journey that cuts on purpose.
 */
export const CUT_ERRORS = [
  /net::ERR_CONNECTION_RESET/,
  /net::ERR_CONNECTION_REFUSED/,
  /net::ERR_CONNECTION_CLOSED/,
  /net::ERR_SOCKET_NOT_CONNECTED/,
  /net::ERR_EMPTY_RESPONSE/,
]
