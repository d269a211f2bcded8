/**
 * Consoles that only watch the floor, opened in a worker thread: their frames (every event, once
 * per console) are parsed on the worker's event loop, so they cannot delay the timed console's
 * callbacks in the benchmark's own loop. They still share the machine's cores, as consoles on
 * the same floor share the server.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { openConsole, type TestConsole } from '../../server/test/live-client.ts'

interface Setup {
  url: string
  cookies: string[]
  count: number
}

export interface WatchingConsoles {
  /** How many events of this type the consoles received, all together. */
  countEvents(type: string): Promise<number>
  close(): Promise<void>
}

/** Opens `count` consoles spread over the sessions' cookies; resolves once all are open. */
export function openWatchingConsoles(
  url: string,
  cookies: string[],
  count: number,
): Promise<WatchingConsoles> {
  // The worker runs this TypeScript file: it registers tsx's loader before importing it (a
  // worker does not inherit the loader, nor take it from --import before its entry file loads).
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}) })`
  const worker = new Worker(bootstrap, {
    eval: true,
    workerData: { url, cookies, count } satisfies Setup,
  })
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
    })
  return next().then(() => ({
    async countEvents(type) {
      const answer = next()
      worker.postMessage({ count: type })
      return (await answer) as number
    },
    async close() {
      const done = next()
      worker.postMessage({ close: true })
      await done
      await worker.terminate()
    },
  }))
}

async function runWorker(setup: Setup, port: NonNullable<typeof parentPort>): Promise<void> {
  const consoles: TestConsole[] = []
  for (let i = 0; i < setup.count; i++) {
    consoles.push(await openConsole(setup.url, setup.cookies[i % setup.cookies.length]!, 'end'))
  }
  port.on('message', (message: { count?: string; close?: boolean }) => {
    if (message.count !== undefined) {
      const type = message.count
      port.postMessage(
        consoles.reduce((n, c) => n + c.events().filter((e) => e.type === type).length, 0),
      )
    }
    if (message.close) {
      void Promise.all(consoles.map((c) => c.close())).then(() => port.postMessage('closed'))
    }
  })
  port.postMessage('open')
}

if (!isMainThread && parentPort) await runWorker(workerData as Setup, parentPort)
