import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply } from 'fastify'

const ROOT = path.resolve(import.meta.dirname, '../..')

interface BrowserApp {
  /** The URL prefix and the folder: /console/ ← console/dist. */
  name: 'console' | 'portal'
  /**
   * The portal has real page addresses (/portal/phones): a reload or a bookmark of one gets the
   * app's page, which then shows the right screen. The console keeps one address.
   */
  pageAddresses: boolean
}

const APPS: BrowserApp[] = [
  { name: 'console', pageAddresses: false },
  { name: 'portal', pageAddresses: true },
]

function cacheHeaders(
  response: { setHeader: (name: string, value: string) => unknown },
  file: string,
) {
  const immutable = file.includes(`${path.sep}assets${path.sep}`)
  response.setHeader(
    'cache-control',
    immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  )
}

async function registerApp(app: FastifyInstance, browserApp: BrowserApp): Promise<void> {
  const { name } = browserApp
  const dist = path.join(ROOT, name, 'dist')
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    app.get(`/${name}/*`, (_request, reply) =>
      reply
        .code(503)
        .type('text/plain')
        .send(
          `The ${name} is not built: run \`npx tsx scripts/build-console.ts\` (npm start does).`,
        ),
    )
  } else {
    // Hashed assets are cached for good; the page itself never is, so a browser that reloads
    // after an upgrade gets the new build.
    await app.register(fastifyStatic, {
      root: dist,
      prefix: `/${name}/`,
      index: 'index.html',
      cacheControl: false,
      decorateReply: name === 'console',
      // With page addresses, only the files that exist get routes; the rest fall to the page.
      wildcard: !browserApp.pageAddresses,
      setHeaders: cacheHeaders,
    })
    if (browserApp.pageAddresses) {
      const page = fs.readFileSync(path.join(dist, 'index.html'))
      const sendPage = (reply: FastifyReply) =>
        reply.header('cache-control', 'no-cache').type('text/html').send(page)
      app.get(`/${name}/*`, (request, reply) =>
        // A missing asset is a 404, not the page: a stale page asking for an old file must fail.
        request.url.startsWith(`/${name}/assets/`) ? reply.code(404).send() : sendPage(reply),
      )
    }
  }
  app.get(`/${name}`, (_request, reply) => reply.redirect(`/${name}/`))
}

/** Serves the built browser apps: the staff console at /console/ and the resident portal at /portal/. */
export async function registerConsoleFiles(app: FastifyInstance): Promise<void> {
  for (const browserApp of APPS) await registerApp(app, browserApp)
}
