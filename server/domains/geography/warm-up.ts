import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { addressIndexFor } from './address-verify.service.ts'
import { loadRoadGraph } from './road-network.ts'

/**
 * Builds the address index and the road graph at start-up, so that the first incident of the
 * shift does not wait a second for them inside its transaction.
 */
export async function warmGeography(db: Kysely<Database>): Promise<void> {
  await addressIndexFor(db)
  await loadRoadGraph(db)
}
