/** `npm run db:migrate`: applies pending migrations (the platform also does this at start-up). */
import { loadConfig } from '../server/config.ts'
import { openDatabase } from '../server/db/database.ts'
import { migrate } from '../server/db/migrate.ts'

const database = await openDatabase(loadConfig().database)
try {
  const applied = await migrate(database.db)
  process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'up to date\n')
} finally {
  await database.close()
}
