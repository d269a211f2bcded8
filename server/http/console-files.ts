import fs from 'node:fs'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

const CONSOLE_DIST = path.resolve(import.meta.dirname, '../../console/dist')

/**
 * Serves the built browser console at /console/. Hashed assets are cached for good; the page
 * itself never is, so a console that reloads after an upgrade gets the new build.
 */
export async function registerConsoleFiles(app: FastifyInstance): Promise<void> {
  if (!fs.existsSync(path.join(CONSOLE_DIST, 'index.html'))) {
    app.get('/console/*', (_request, reply) =>
      reply
        .code(503)
        .type('text/plain')
        .send('The console is not built: run `npx tsx scripts/build-console.ts` (npm start does).'),
    )
  } else {
    await app.register(fastifyStatic, {
      root: CONSOLE_DIST,
      prefix: '/console/',
      index: 'index.html',
      cacheControl: false,
      setHeaders(response, file) {
        const immutable = file.includes(`${path.sep}assets${path.sep}`)
        response.setHeader(
          'cache-control',
          immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        )
      },
    })
  }
  app.get('/console', (_request, reply) => reply.redirect('/console/'))
}
