import type { Kysely } from 'kysely'
import type {
  ReverseQuery,
  ReverseResult,
  VerifyBody,
  VerifyQuery,
  VerifyResult,
} from '@common/api/geography.ts'
import type { Database, Db } from '../../db/schema.ts'
import type { Ctx } from '../../http/context.ts'
import { AddressIndex } from './address-index.ts'
import { readAddressLayers, readLayerVersions } from './address-index.repository.ts'

/** How often, at most, a node asks whether a layer was imported since it built its index. */
const VERSION_CHECK_MS = 1000

interface Cached {
  versions: string
  checkedAt: number
  index: AddressIndex
}

// Keyed by the database handle, so each platform (and each test database) has its own index.
const cache = new WeakMap<Kysely<Database>, Cached>()
const building = new WeakMap<Kysely<Database>, { via: Db; promise: Promise<Cached> }>()

/**
 * The address index for a database, rebuilt when a layer's version has changed (checked at most
 * once a second). `via` is the connection to read with: inside a transaction it must be that
 * transaction, since PGlite has one connection and the pool would wait for the transaction.
 */
export async function addressIndexFor(key: Kysely<Database>, via: Db = key): Promise<AddressIndex> {
  const cached = cache.get(key)
  const now = performance.now()
  if (cached && now - cached.checkedAt < VERSION_CHECK_MS) return cached.index
  const pending = building.get(key)
  // Sharing a build started on another connection could wait on this caller's own transaction.
  if (pending && pending.via === via) return (await pending.promise).index
  const promise = refresh(key, via, cached)
  building.set(key, { via, promise })
  try {
    return (await promise).index
  } finally {
    if (building.get(key)?.promise === promise) building.delete(key)
  }
}

async function refresh(
  key: Kysely<Database>,
  via: Db,
  cached: Cached | undefined,
): Promise<Cached> {
  const versions = await readLayerVersions(via)
  if (cached && cached.versions === versions) {
    cached.checkedAt = performance.now()
    return cached
  }
  const index = new AddressIndex(await readAddressLayers(via))
  const fresh = { versions, checkedAt: performance.now(), index }
  cache.set(key, fresh)
  return fresh
}

/** Forgets the index of a database: the next lookup rebuilds it (after an import on this node). */
export function forgetAddressIndex(key: Kysely<Database>): void {
  cache.delete(key)
}

/** GET /api/geography/verify: a typed line, ranked candidates when it is not exact. */
export async function verifyAddressLine(ctx: Ctx, query: VerifyQuery): Promise<VerifyResult> {
  return (await addressIndexFor(ctx.db)).verifyLine(query.q, query.town)
}

/** POST /api/geography/verify: an address in parts. */
export async function verifyCivicAddress(ctx: Ctx, body: VerifyBody): Promise<VerifyResult> {
  return (await addressIndexFor(ctx.db)).verifyCivic(body)
}

/** GET /api/geography/reverse: the nearest address point, the town and the first-due stations. */
export async function reverseGeocode(ctx: Ctx, query: ReverseQuery): Promise<ReverseResult> {
  return (await addressIndexFor(ctx.db)).reverse(query.lat, query.lon, query.radiusM)
}
