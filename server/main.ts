import pino from 'pino'
import { buildPlatform } from './app.ts'
import { loadConfig, type Config } from './config.ts'
import { findDurabilityProblem, openDatabase, type DatabaseHandle } from './db/database.ts'
import { DataFolderInUseError } from './db/lock-file.ts'
import { migrate } from './db/migrate.ts'
import { DEMO_LOGINS, loadDemoCenter } from './demo/demo-center.ts'
import { warmGeography } from './domains/geography/index.ts'

/** Process entry: configuration, database, migrations, demo data, then HTTP and the live stream. */
async function main(): Promise<void> {
  const config = loadConfig()
  const logger = pino({ level: config.logLevel })
  refuseUnsafeProduction(config)

  let database: DatabaseHandle
  try {
    database = await openDatabase(config.database)
  } catch (error) {
    if (error instanceof DataFolderInUseError) {
      fail(`cannot open the embedded database: ${error.message}`)
    }
    throw error
  }
  logger.info({ database: database.kind }, `durability: ${database.durability}`)
  if (config.env === 'production') {
    const problem = await findDurabilityProblem(database)
    if (problem) {
      await database.close()
      fail(`refusing to start in production: ${problem}; acknowledged commands could be lost`)
    }
  }
  const applied = await migrate(database.db)
  if (applied.length > 0) logger.info({ applied }, 'migrations applied')

  const platform = await buildPlatform({ config, database, logger })
  const demoLoaded = config.loadDemo && (await loadDemoCenter(platform.systemCtx()))
  if (demoLoaded) logger.info('demo center loaded')
  await warmGeography(database.db)
  const address = await platform.app.listen({ port: config.port, host: config.host })

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'stopping')
    await platform.close()
    await database.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))

  const port = new URL(address).port
  printBanner(config, database, `http://localhost:${port}`)
}

function refuseUnsafeProduction(config: Config): void {
  if (
    config.env === 'production' &&
    config.database.kind === 'embedded' &&
    !config.allowEmbeddedInProduction
  ) {
    fail(
      'refusing to start in production on the embedded database: it survives a process crash but not ' +
        'power loss. Set DATABASE_URL to a PostgreSQL server, or ECC_ALLOW_EMBEDDED=1 to accept the risk.',
    )
  }
}

function printBanner(config: Config, database: DatabaseHandle, url: string): void {
  const lines = [
    '',
    `  Emergency Communications Center platform: ${url}`,
    `  database: ${database.durability}` +
      (config.database.kind === 'embedded' ? ` (data folder ${config.database.dataDir})` : ''),
  ]
  if (config.loadDemo) {
    lines.push('', '  Demo log-ins (username / password, position):')
    for (const login of DEMO_LOGINS) {
      lines.push(
        `    ${login.username.padEnd(12)} ${login.password.padEnd(22)} ${login.position ?? '-'}`,
      )
    }
  }
  lines.push('', '  Stop with Ctrl+C.', '')
  process.stdout.write(lines.join('\n') + '\n')
}

function fail(message: string): never {
  process.stderr.write(`ecc: ${message}\n`)
  process.exit(1)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `ecc: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exit(1)
})
