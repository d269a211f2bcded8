import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AlertArea } from '@common/api/alerts.ts'
import {
  capAreasFor,
  capDocument,
  type CapAlert,
  type CapInfo,
  type TownCoordinates,
} from './cap-document.ts'
import { validateCap, xpathString } from './xmllint.ts'

const ZONE = 'America/New_York'
const SENDER = 'alerts@ecc.example'
const SENT = new Date('2026-11-30T14:15:00.123Z')
const OFFSET_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/

// A square town around Worcester's center, as a MultiPolygon with an enclave hole.
const TOWNS = new Map<string, TownCoordinates>([
  [
    'Worcester',
    [
      [
        [
          [-71.85, 42.23],
          [-71.75, 42.23],
          [-71.75, 42.31],
          [-71.85, 42.31],
          [-71.85, 42.23],
        ],
        [
          [-71.81, 42.26],
          [-71.79, 42.26],
          [-71.79, 42.27],
          [-71.81, 42.26],
        ],
      ],
    ],
  ],
])

const AREAS: AlertArea[] = [
  {
    mode: 'include',
    label: 'Canal District',
    shape: {
      kind: 'polygon',
      points: [
        [42.258, -71.8],
        [42.258, -71.79],
        [42.252, -71.79],
      ],
    },
  },
  { mode: 'include', label: '', shape: { kind: 'circle', center: [42.27, -71.8], radiusKm: 1.5 } },
  { mode: 'include', label: '', shape: { kind: 'town', town: 'worcester' } },
  {
    mode: 'exclude',
    label: 'Hospital campus',
    shape: { kind: 'circle', center: [42.2765, -71.7612], radiusKm: 0.3 },
  },
]

function info(overrides: Partial<CapInfo> = {}): CapInfo {
  return {
    language: 'en-US',
    category: 'Safety',
    event: 'Water main break',
    urgency: 'Immediate',
    severity: 'Severe',
    certainty: 'Observed',
    senderName: 'Worcester Emergency Communications',
    headline: 'Boil water order',
    description: 'A water main broke on Main St.',
    instruction: 'Boil water for one minute before drinking.',
    expires: new Date('2026-12-01T05:00:00Z'),
    parameters: [
      { valueName: 'CMAMtext', value: 'Boil water order in Worcester until further notice' },
    ],
    areas: capAreasFor(AREAS, TOWNS, '025027'),
    ...overrides,
  }
}

function alert(overrides: Partial<CapAlert> = {}): CapAlert {
  return {
    identifier: 'WOR-ALERT-2026-000042',
    sender: SENDER,
    sent: SENT,
    status: 'Actual',
    msgType: 'Alert',
    scope: 'Public',
    references: [],
    timeZone: ZONE,
    infos: [info()],
    ...overrides,
  }
}

async function assertValid(document: string): Promise<void> {
  const result = await validateCap(document)
  assert.equal(result.code, 0, `schema rejected the document:\n${result.stderr}\n${document}`)
}

async function assertRejected(document: string, because: RegExp): Promise<void> {
  const result = await validateCap(document)
  assert.notEqual(result.code, 0, 'the schema accepted an invalid document')
  assert.match(result.stderr, because)
}

function elements(document: string, name: string): string[] {
  return [...document.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!)
}

function pairs(polygon: string): [number, number][] {
  return polygon.split(' ').map((pair) => pair.split(',').map(Number) as [number, number])
}

describe('CAP 1.2 document', () => {
  it('writes an Alert in two languages with polygon, circle and town areas, valid against the schema', async () => {
    const document = capDocument(
      alert({
        infos: [
          info(),
          info({
            language: 'es',
            headline: 'Orden de hervir el agua',
            description: 'Se rompió una tubería principal en Main St.',
            instruction: 'Hierva el agua durante un minuto antes de beberla.',
          }),
        ],
      }),
    )
    await assertValid(document)
    assert.deepEqual(elements(document, 'language'), ['en-US', 'es'])
    assert.deepEqual(elements(document, 'sent'), ['2026-11-30T09:15:00-05:00'])
    assert.deepEqual(elements(document, 'expires'), [
      '2026-12-01T00:00:00-05:00',
      '2026-12-01T00:00:00-05:00',
    ])
    assert.deepEqual(elements(document, 'circle'), ['42.27,-71.8 1.5', '42.27,-71.8 1.5'])
    assert.equal(elements(document, 'references').length, 0)

    const polygons = elements(document, 'polygon')
    // Per language: the drawn polygon and the town's outer ring; the enclave hole is not written.
    assert.equal(polygons.length, 4)
    assert.equal(polygons[0], '42.258,-71.8 42.258,-71.79 42.252,-71.79 42.258,-71.8')
    assert.equal(polygons[1], '42.23,-71.85 42.23,-71.75 42.31,-71.75 42.31,-71.85 42.23,-71.85')

    const descs = elements(document, 'areaDesc')
    assert.deepEqual(descs.slice(0, 3), [
      'Canal District excluding Hospital campus',
      'within 1.5 km of 42.27,-71.8 excluding Hospital campus',
      'Worcester excluding Hospital campus',
    ])
    // The exclude circle is named, never written as a shape.
    assert.ok(!document.includes('42.2765,-71.7612'))
    assert.equal(
      await xpathString(document, "(//*[local-name()='geocode'])[1]/*[local-name()='value']"),
      '025027',
    )
    assert.match(
      document,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">/,
    )
  })

  it('writes an Update that references the original', async () => {
    const original = {
      sender: SENDER,
      identifier: 'WOR-ALERT-2026-000041',
      sent: new Date('2026-11-30T13:00:00Z'),
    }
    const document = capDocument(
      alert({ msgType: 'Update', references: [original], note: 'Area widened to Green Island' }),
    )
    await assertValid(document)
    assert.deepEqual(elements(document, 'references'), [
      'alerts@ecc.example,WOR-ALERT-2026-000041,2026-11-30T08:00:00-05:00',
    ])
    assert.deepEqual(elements(document, 'msgType'), ['Update'])
    assert.deepEqual(elements(document, 'note'), ['Area widened to Green Island'])
  })

  it('writes a Cancel referencing several messages, separated by spaces', async () => {
    const references = [
      { sender: SENDER, identifier: 'A-1', sent: new Date('2026-07-04T16:00:00Z') },
      { sender: SENDER, identifier: 'A-2', sent: new Date('2026-07-04T17:30:00Z') },
    ]
    const document = capDocument(
      alert({
        msgType: 'Cancel',
        references,
        infos: [info({ urgency: 'Past', severity: 'Minor' })],
      }),
    )
    await assertValid(document)
    const [written] = elements(document, 'references')
    assert.equal(
      written,
      'alerts@ecc.example,A-1,2026-07-04T12:00:00-04:00 alerts@ecc.example,A-2,2026-07-04T13:30:00-04:00',
    )
    for (const reference of written.split(' ')) {
      const [sender, identifier, sent] = reference.split(',')
      assert.equal(sender, SENDER)
      assert.ok(identifier)
      assert.match(sent!, OFFSET_TIME)
    }
  })

  it('writes Test and Exercise alerts with their status', async () => {
    for (const status of ['Test', 'Exercise'] as const) {
      const document = capDocument(alert({ status }))
      await assertValid(document)
      assert.deepEqual(elements(document, 'status'), [status])
    }
  })

  it('escapes markup, drops control characters and keeps non-ASCII text', async () => {
    const description =
      'Tom & Jerry\'s <b>"bold"</b> > 5 — Hãy sơ tán ngay · 立即撤离 · إخلاء فوري 🚨'
    const document = capDocument(
      alert({
        note: 'a & b',
        infos: [
          info({
            language: 'vi',
            headline: 'Bell\u0007 & <siren>\u0000',
            description,
            instruction: '',
          }),
        ],
      }),
    )
    await assertValid(document)
    assert.ok(!/[\u0000\u0007]/.test(document))
    assert.ok(
      document.includes('Tom &amp; Jerry&apos;s &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &gt; 5'),
    )
    // Read back by a real parser: the text arrives exactly as given.
    assert.equal(await xpathString(document, "//*[local-name()='description']"), description)
    assert.equal(await xpathString(document, "//*[local-name()='headline']"), 'Bell & <siren>')
    // An empty instruction is left out rather than written empty.
    assert.equal(elements(document, 'instruction').length, 0)
  })

  it('simplifies a 300-point ring to at most 100 closed points that keep its shape', async () => {
    const ring: [number, number][] = []
    for (let i = 0; i < 300; i++) {
      const angle = (2 * Math.PI * i) / 300
      // A wavy circle: the waves are the detail a simplification must keep.
      const r = 0.02 * (1 + 0.15 * Math.sin(6 * angle))
      ring.push([
        42.26 + r * Math.sin(angle),
        -71.8 + (r * Math.cos(angle)) / Math.cos((42.26 * Math.PI) / 180),
      ])
    }
    const document = capDocument(
      alert({
        infos: [
          info({ areas: [{ areaDesc: 'Wavy', polygons: [ring], circles: [], geocodes: [] }] }),
        ],
      }),
    )
    await assertValid(document)
    const [polygon] = elements(document, 'polygon')
    const written = pairs(polygon!)
    assert.ok(written.length <= 100, `${written.length} points`)
    assert.ok(written.length >= 90, `${written.length} points: thinned more than needed`)
    assert.deepEqual(written[0], written[written.length - 1])
    for (const [lat, lon] of written) {
      assert.ok(ring.some(([a, b]) => Math.abs(a - lat) < 1e-6 && Math.abs(b - lon) < 1e-6))
      assert.ok(String(lat).split('.')[1]!.length <= 6 && String(lon).split('.')[1]!.length <= 6)
    }
    const kept = area(written) / area([...ring, ring[0]!])
    assert.ok(kept > 0.99 && kept <= 1, `area kept ${kept}`)
  })

  it('lets the schema reject what CAP forbids, so the validator is proven to work', async () => {
    const document = capDocument(alert())
    await assertValid(document)
    const mutate = (from: RegExp | string, to: string) => {
      const mutated = document.replace(from, to)
      assert.notEqual(mutated, document, `${String(from)} is not in the document`)
      return mutated
    }
    await assertRejected(mutate('<status>Actual</status>', '<status>Bogus</status>'), /status/)
    await assertRejected(mutate(/ *<sent>[^<]*<\/sent>\n/, ''), /sent|status/)
    await assertRejected(mutate('-05:00</sent>', 'Z</sent>'), /sent/)
    await assertRejected(mutate(':00-05:00</sent>', ':00.123-05:00</sent>'), /sent/)
    await assertRejected(
      mutate('<category>Safety</category>', '<category>Chaos</category>'),
      /category/,
    )
    await assertRejected(
      mutate(/( *<category>[^<]*<\/category>\n)( *<event>[^<]*<\/event>\n)/, '$2$1'),
      /event|category/,
    )
    await assertRejected(mutate(/ *<areaDesc>[^<]*<\/areaDesc>\n/, ''), /areaDesc|polygon/)
    await assertRejected(
      mutate('urn:oasis:names:tc:emergency:cap:1.2', 'urn:oasis:names:tc:emergency:cap:1.1'),
      /alert/,
    )
  })

  it('refuses alerts that break rules the schema cannot see', () => {
    assert.throws(() => capDocument(alert({ msgType: 'Cancel' })), /references/)
    assert.throws(() => capDocument(alert({ identifier: 'two words' })), /identifier/)
    assert.throws(() => capDocument(alert({ sender: 'a,b' })), /sender/)
    assert.throws(
      () =>
        capDocument(
          alert({
            infos: [info({ parameters: [{ valueName: 'CMAMtext', value: 'x'.repeat(91) }] })],
          }),
        ),
      /CMAMtext: 91 characters, at most 90/,
    )
    assert.throws(() => capDocument(alert({ infos: [info({ severity: 'Bad' })] })), /severity/)
    assert.throws(
      () =>
        capDocument(
          alert({
            infos: [
              info({
                areas: [
                  {
                    areaDesc: 'x',
                    polygons: [
                      [
                        [91, 0],
                        [0, 0],
                        [0, 1],
                      ],
                    ],
                    circles: [],
                    geocodes: [],
                  },
                ],
              }),
            ],
          }),
        ),
      /outside WGS 84/,
    )
  })
})

/** Shoelace area of a closed [lat, lon] ring, in square degrees. */
function area(ring: [number, number][]): number {
  let sum = 0
  for (let i = 0; i + 1 < ring.length; i++) {
    sum += ring[i]![1] * ring[i + 1]![0] - ring[i + 1]![1] * ring[i]![0]
  }
  return Math.abs(sum) / 2
}
