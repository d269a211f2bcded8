import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { distanceM, insideRing, type LonLat } from '../../data/demo-geometry.ts'
import {
  generateDemoRegion,
  hashDemoFiles,
  normalStreetKey,
  parseDemoAddress,
  writeDemoRegion,
  type DemoRegion,
  type DemoRoad,
} from '../../data/demo-region.ts'
import { startTestPlatform, type TestPlatform } from '../test/harness.ts'
import { loadDemoRegion } from './demo-region.ts'
import { DEMO_PREMISE_CAUTIONS, DEMO_STATIONS } from './demo-units.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
let region: DemoRegion
const tempDirs: string[] = []
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecc-demo-region-test-'))
  tempDirs.push(dir)
  return dir
}
before(() => {
  region = generateDemoRegion()
})
after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true })
})

const pointKey = (town: string, address: string) => {
  const { number, street } = parseDemoAddress(address)
  return `${normalStreetKey(town, street)}|${number}`
}
const pointsByAddress = () =>
  new Map(
    region.addressPoints
      .filter((p) => p.unit === null)
      .map((p) => [`${normalStreetKey(p.town, p.street)}|${p.number}`, p]),
  )
const ends = (road: DemoRoad) => [
  road.coordinates[0]!,
  road.coordinates[road.coordinates.length - 1]!,
]
const nodeKey = (p: LonLat) => `${p[0]},${p[1]}`

describe(writeDemoRegion.name, () => {
  it('writes the same bytes on every run, in this process and in another', async () => {
    const first = await writeDemoRegion(tempDir())
    const second = await writeDemoRegion(tempDir())
    const hash = await hashDemoFiles(first)
    assert.equal(await hashDemoFiles(second), hash)

    const dir = tempDir()
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'data/generate-demo-region.ts', dir],
      { cwd: ROOT, encoding: 'utf8' },
    )
    assert.equal(cli.status, 0, cli.stderr)
    assert.match(cli.stdout, new RegExp(`sha256 ${hash}`))
    for (const file of Object.values(first)) {
      assert.match(path.basename(file), /^generated-demo-/, 'marked as generated in its name')
    }
    const roads = fs.readFileSync(first.roads, 'utf8')
    assert.match(roads.slice(0, 200), /GENERATED DEMO DATA/)
  })
})

describe(generateDemoRegion.name, () => {
  it('holds tens of thousands of road segments and about fifty thousand address points', () => {
    assert.ok(
      region.roads.length >= 25_000 && region.roads.length <= 40_000,
      `${region.roads.length}`,
    )
    const points = region.addressPoints.length
    assert.ok(points >= 40_000 && points <= 65_000, `${points} address points`)
    for (const town of ['Worcester', 'Shrewsbury', 'Leicester']) {
      assert.ok(region.roads.filter((r) => r.townLeft === town).length > 2_000, town)
      assert.ok(region.addressPoints.filter((p) => p.town === town).length > 2_000, town)
    }
    assert.deepEqual(region.towns.map((t) => t.town).sort(), [
      'Leicester',
      'Shrewsbury',
      'Worcester',
    ])
  })

  it('puts every station at its address, beside its street', () => {
    const byAddress = pointsByAddress()
    for (const station of DEMO_STATIONS) {
      const point = byAddress.get(pointKey(station.town, station.address))
      assert.ok(point, `${station.address}, ${station.town}`)
      assert.ok(distanceM([point.lon, point.lat], [station.lon, station.lat]) < 1, station.code)
      const { number, street } = parseDemoAddress(station.address)
      const block = region.roads.find(
        (r) =>
          r.fromLeft !== null &&
          normalStreetKey(r.townLeft, r.street) === normalStreetKey(station.town, street) &&
          number >= Math.min(r.fromLeft, r.fromRight!) &&
          number <= Math.max(r.toLeft!, r.toRight!),
      )
      assert.ok(block, `the block of ${station.address}`)
      const nearest = Math.min(
        ...ends(block).map((end) => distanceM(end, [station.lon, station.lat])),
      )
      assert.ok(nearest < 250, `${station.code} is ${Math.round(nearest)} m from its street`)
    }
  })

  it('has the premise cautions, the landmarks and the typo example at real addresses', () => {
    const byAddress = pointsByAddress()
    for (const { address } of DEMO_PREMISE_CAUTIONS) {
      const text = `${address.houseNumber} ${address.street} ${address.streetType}`
      assert.ok(byAddress.has(pointKey(address.town, text)), `${text}, ${address.town}`)
    }
    assert.ok(byAddress.has(pointKey('Worcester', '2 Coppage Dr')))
    assert.ok(!byAddress.has(pointKey('Worcester', '2 Copage Dr')))
    const places = new Map(region.places.map((p) => [p.name, p]))
    for (const [name, town, address] of [
      ['City Hall', 'Worcester', '455 Main St'],
      ['Union Station', 'Worcester', '2 Washington Sq'],
      ['DCU Center', 'Worcester', '50 Foster St'],
      ['Worcester Public Library', 'Worcester', '3 Salem Sq'],
      ['Shrewsbury Town Hall', 'Shrewsbury', '100 Maple Ave'],
    ] as const) {
      const place = places.get(name)
      assert.ok(place, name)
      assert.equal(
        `${normalStreetKey(place.town, place.street)}|${place.number}`,
        pointKey(town, address),
      )
      const point = byAddress.get(pointKey(town, address))!
      assert.deepEqual([place.lat, place.lon], [point.lat, point.lon], name)
    }
  })

  it('crosses Main St and Front St at one intersection', () => {
    const endsOf = (name: string) =>
      new Set(
        region.roads
          .filter((r) => r.townLeft === 'Worcester' && `${r.street.name} ${r.street.type}` === name)
          .flatMap((r) => ends(r).map(nodeKey)),
      )
    const front = endsOf('Front St')
    assert.ok([...endsOf('Main St')].some((node) => front.has(node)))
  })

  it('keeps every address point inside its town and out of every other', () => {
    const rings = new Map(region.towns.map((t) => [t.town, t.ring]))
    const outside = region.addressPoints.filter((p) =>
      [...rings].some(([town, ring]) => insideRing([p.lon, p.lat], ring) !== (town === p.town)),
    )
    assert.deepEqual(outside.slice(0, 3), [])
  })

  it('covers every address point by an MSAG range and by its block range, odd left, even right', () => {
    const msag = new Map<string, { low: number; high: number }[]>()
    for (const range of region.msag) {
      assert.ok(range.low <= range.high)
      const key = normalStreetKey(range.town, range.street)
      msag.set(key, [...(msag.get(key) ?? []), range])
    }
    const blocks = new Map<string, DemoRoad[]>()
    for (const road of region.roads) {
      if (road.fromLeft === null) continue
      const key = normalStreetKey(road.townLeft, road.street)
      blocks.set(key, [...(blocks.get(key) ?? []), road])
    }
    const uncovered = region.addressPoints.filter((p) => {
      const key = normalStreetKey(p.town, p.street)
      const inMsag = (msag.get(key) ?? []).some((r) => r.low <= p.number && p.number <= r.high)
      const inBlock = (blocks.get(key) ?? []).some((r) =>
        p.number % 2 === 1
          ? r.fromLeft! <= p.number && p.number <= r.toLeft!
          : r.fromRight! <= p.number && p.number <= r.toRight!,
      )
      return !inMsag || !inBlock
    })
    assert.deepEqual(uncovered.slice(0, 3), [])
  })

  it('puts every address point in one fire zone of its own town and its police zone', () => {
    const stationTown = new Map(DEMO_STATIONS.map((s) => [s.code, s.town]))
    const wrong = region.addressPoints.filter((p) => {
      const zones = region.responseZones.filter((z) => insideRing([p.lon, p.lat], z.ring))
      const fire = zones.filter((z) => z.discipline === 'fire')
      const police = zones.filter((z) => z.discipline === 'police')
      return (
        fire.length !== 1 ||
        stationTown.get(fire[0]!.station) !== p.town ||
        police.length !== 1 ||
        stationTown.get(police[0]!.station) !== p.town
      )
    })
    assert.deepEqual(wrong.slice(0, 3), [])
  })

  it('has one-way streets downtown and a divided interstate joined by one-way ramps', () => {
    const downtownOneWay = region.roads.filter(
      (r) => r.roadClass === 'Local' && r.oneWay !== 'B' && r.townLeft === 'Worcester',
    )
    assert.ok(downtownOneWay.length >= 20, `${downtownOneWay.length} one-way blocks`)
    const interstate = region.roads.filter((r) => r.roadClass === 'Primary')
    assert.ok(interstate.length >= 40)
    assert.ok(interstate.every((r) => r.oneWay === 'FT' && r.speed > 50 && r.fromLeft === null))
    const ramps = region.roads.filter((r) => r.roadClass === 'Ramp')
    assert.ok(ramps.length >= 8 && ramps.every((r) => r.oneWay === 'FT'))
    const locals = region.roads.filter((r) => r.roadClass === 'Local')
    assert.ok(locals.every((r) => r.speed === 25))
  })

  it('can drive from every intersection to every other, and around the lake, not across it', () => {
    const nodes = new Map<string, number>()
    const id = (p: LonLat) => {
      const key = nodeKey(p)
      if (!nodes.has(key)) nodes.set(key, nodes.size)
      return nodes.get(key)!
    }
    const out: { to: number; m: number }[][] = []
    const into: number[][] = []
    const link = (a: LonLat, b: LonLat, m: number) => {
      const [from, to] = [id(a), id(b)]
      ;(out[from] ??= []).push({ to, m })
      ;(into[to] ??= []).push(from)
      out[to] ??= []
      into[from] ??= []
    }
    for (const road of region.roads) {
      const [a, b] = ends(road) as [LonLat, LonLat]
      let m = 0
      for (let k = 1; k < road.coordinates.length; k++) {
        m += distanceM(road.coordinates[k - 1]!, road.coordinates[k]!)
      }
      if (road.oneWay !== 'TF') link(a, b, m)
      if (road.oneWay !== 'FT') link(b, a, m)
    }
    const reach = (next: (n: number) => number[]) => {
      const seen = new Uint8Array(nodes.size)
      const stack = [0]
      seen[0] = 1
      let count = 1
      while (stack.length > 0) {
        for (const n of next(stack.pop()!)) {
          if (!seen[n]) {
            seen[n] = 1
            count++
            stack.push(n)
          }
        }
      }
      return count
    }
    assert.equal(
      reach((n) => out[n]!.map((e) => e.to)),
      nodes.size,
      'every node reachable',
    )
    assert.equal(
      reach((n) => into[n]!),
      nodes.size,
      'every node can reach the first',
    )

    const nearest = (p: LonLat) => {
      let best = ''
      for (const key of nodes.keys()) {
        const q = key.split(',').map(Number) as LonLat
        if (!best || distanceM(p, q) < distanceM(p, best.split(',').map(Number) as LonLat)) {
          best = key
        }
      }
      return { id: nodes.get(best)!, at: best.split(',').map(Number) as LonLat }
    }
    // Either shore of the lake, half way between the bridge of Route 9 and its north end.
    const west = nearest([-71.7585, 42.298])
    const east = nearest([-71.737, 42.298])
    const meters = new Float64Array(nodes.size).fill(Infinity)
    meters[west.id] = 0
    const done = new Uint8Array(nodes.size)
    const queue: [number, number][] = [[0, west.id]]
    while (queue.length > 0) {
      let best = 0
      for (let k = 1; k < queue.length; k++) if (queue[k]![0] < queue[best]![0]) best = k
      const [d, n] = queue[best]!
      queue[best] = queue[queue.length - 1]!
      queue.pop()
      if (done[n]) continue
      done[n] = 1
      if (n === east.id) break
      for (const e of out[n]!) {
        if (d + e.m < meters[e.to]!) {
          meters[e.to] = d + e.m
          queue.push([d + e.m, e.to])
        }
      }
    }
    const straight = distanceM(west.at, east.at)
    assert.ok(straight < 2_000, `${Math.round(straight)} m apart`)
    assert.ok(meters[east.id]! > 2.5 * straight, `${Math.round(meters[east.id]!)} m by road`)
  })
})

describe(loadDemoRegion.name, () => {
  let t: TestPlatform
  before(async () => {
    t = await startTestPlatform()
  })
  after(() => t.close())

  it('imports every generated layer strictly, with no row rejected', async () => {
    const summaries = await loadDemoRegion(t.db)
    const expected: Record<string, number> = {
      'address-points': region.addressPoints.length,
      roads: region.roads.length,
      msag: region.msag.length,
      towns: region.towns.length,
      'response-zones': region.responseZones.length,
      places: region.places.length,
    }
    assert.deepEqual(
      Object.fromEntries(summaries.map((s) => [s.layer, [s.rowsImported, s.rowsRejected]])),
      Object.fromEntries(Object.entries(expected).map(([layer, n]) => [layer, [n, 0]])),
    )
    const count = async (table: 'address_points' | 'road_segments' | 'msag_ranges') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    assert.equal(await count('address_points'), region.addressPoints.length)
    assert.equal(await count('road_segments'), region.roads.length)
    assert.equal(await count('msag_ranges'), region.msag.length)
    const coppage = await t.db
      .selectFrom('address_points')
      .select(['house_number', 'street_type'])
      .where('street_name', '=', 'COPPAGE')
      .where('town', '=', 'Worcester')
      .where('house_number', '=', 2)
      .execute()
    assert.deepEqual(coppage, [{ house_number: 2, street_type: 'DR' }])
    const layers = await t.db.selectFrom('geography_layers').select('layer').execute()
    assert.equal(layers.length, 6)
  })
})
