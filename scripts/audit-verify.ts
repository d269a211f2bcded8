/**
 * `npm run audit:verify`: seals what is pending and checks the whole audit hash chain. Names the
 * first broken row and exits 1 if the chain is broken. Uses DATABASE_URL or the embedded data
 * folder (which must not be in use by a running platform).
 */
import { loadConfig } from '../server/config.ts'
import { openDatabase } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'
import { sealAuditChain, verifyAuditChain } from '../server/domains/audit/index.ts'

const config = loadConfig()
const database = await openDatabase(config.database)
try {
  await migrate(database.db)
  const sealed = await sealAuditChain(database.db, { wait: true })
  const report = await verifyAuditChain(database.db)
  process.stdout.write(
    `audit chain: ${report.sealed} rows checked (${sealed} newly sealed), ${report.unsealed} not yet sealed\n`,
  )
  if (report.firstBroken) {
    process.stdout.write(
      `BROKEN at audit row ${report.firstBroken.auditId}: ${report.firstBroken.reason}\n`,
    )
    process.exitCode = 1
  } else {
    process.stdout.write('intact\n')
  }
} finally {
  await database.close()
}
