/**
 * A city-wide alert blast. 200 000 subscribers generated over the demo region (about 1.6
 * contacts each); an emergency whose polygon covers most of them, on every channel; a text and
 * voice provider stand-in and an SMTP server on loopback that keep what they receive. Two nodes
 * on one PostgreSQL: the consoles' node, and a node that runs the throttled senders.
 *
 * - Selection: the server's recipient selection time in the preview (median of 5). Baseline:
 *   the same box's addresses counted by a plain SQL query. Target ≤ 1 s.
 * - Queueing: the send command's round trip (it answers after every delivery row and pg-boss job
 *   is committed). Baseline: inserting as many plain rows in one statement. Target ≤ 10 s.
 * - Drain: from the send's commit to the last delivery out, against the time the throttle
 *   settings give (the rates are set so that each channel needs about
 *   BENCH_ALERT_DRAIN_SECONDS, default 240). Target within 5 %.
 * - Nothing lost, nothing doubled: every delivery reached the stand-ins exactly once.
 * - Console latency: a position state change to a console's live stream on the consoles' node,
 *   p95, during the drain against before the send. Target: at most 20 % worse.
 */
import { sql } from 'kysely'
import type {
  AlertPreview,
  AlertView,
  ChannelCounts,
  DeliveryReport,
} from '../common/api/alerts.ts'
import { openServer } from '../server/db/database.ts'
import {
  startProviderStandIn,
  startSmtpStandIn,
} from '../server/domains/alert-delivery/delivery-stand-ins.ts'
import { seedDemoSubscribers } from '../server/demo/demo-subscribers.ts'
import { delay, percentile, type BenchResult } from './lib/measure.ts'
import { startPlatformNode, type PlatformNode, type Session } from './lib/platform-node.ts'
import { openTimedConsole } from './lib/timed-console.ts'

const SUBSCRIBERS = Number(process.env.BENCH_ALERT_SUBSCRIBERS ?? 200_000)
const DRAIN_SECONDS = Number(process.env.BENCH_ALERT_DRAIN_SECONDS ?? 240)
const LATENCY_RATE_PER_SECOND = 5
const TOKEN = 'bench-provider-token'

export async function alertBlastBench(): Promise<BenchResult[]> {
  const provider = await startProviderStandIn(TOKEN)
  provider.behaviour.perSecond = 1_000_000
  const smtp = await startSmtpStandIn()
  const node = await startPlatformNode({ ECC_ALERT_DELIVERY: '0' })
  let stopSender = () => Promise.resolve()
  try {
    const operator = await node.staffAt('AL1', ['alert_operator'])
    const writer = await node.staffAt('AW1', ['dispatcher'])
    const viewer = await node.staffAt('AV1', ['supervisor'])
    const handle = await openServer(node.databaseUrl)
    const box = await regionBox(handle.db)
    await seedDemoSubscribers(handle.db, SUBSCRIBERS, 10_000)
    await sql`analyze`.execute(handle.db)

    // Most of the region: the address points' box shrunk by a tenth on each side.
    const polygon = shrink(box, 0.1)
    const alert = (await node.request(operator, 'POST', '/api/alerts', {
      status: 'Actual',
      noticeCategory: 'emergency',
      capCategory: 'Safety',
      event: 'Shelter in place',
      urgency: 'Immediate',
      severity: 'Severe',
      certainty: 'Observed',
      texts: {
        en: {
          headline: 'Shelter in place',
          description: 'Benchmark blast.',
          instruction: 'Stay inside.',
          shortText: 'Shelter in place now.',
        },
      },
      areas: [{ mode: 'include', shape: { kind: 'polygon', points: polygon }, label: 'Most' }],
      channels: ['sms', 'voice', 'email', 'tty'],
    })) as AlertView
    const previews: AlertPreview[] = []
    for (let i = 0; i < 5; i++) {
      previews.push(
        (await node.request(
          operator,
          'POST',
          `/api/alerts/${alert.id}/preview`,
          {},
        )) as AlertPreview,
      )
    }
    const preview = previews[0]!
    const selectionMs = percentile(
      previews.map((p) => p.selectionMs),
      50,
    )
    const countStarted = performance.now()
    await sql`select count(*) from alert_subscriber_addresses
      where removed_at is null and lat between ${box.minLat} and ${box.maxLat}
      and lon between ${box.minLon} and ${box.maxLon}`.execute(handle.db)
    const countMs = performance.now() - countStarted

    // Rates that make each channel take about DRAIN_SECONDS; calls also per exchange.
    const rate = (n: number) => Math.max(1, Math.round((n / DRAIN_SECONDS) * 10) / 10)
    const exchanges = await busiestExchange(handle.db)
    // The recommended layout: consoles on one node, the throttled senders on another node
    // (ECC_ALERT_DELIVERY on it alone), both on the one PostgreSQL.
    const sender = await node.addNode({
      ECC_ALERT_DELIVERY: '1',
      ECC_SIP: '0',
      ECC_DEMO: '0',
      ECC_MESSAGE_PROVIDER_URL: provider.url,
      ECC_MESSAGE_PROVIDER_TOKEN: TOKEN,
      ECC_SMTP_URL: smtp.url,
      ECC_ALERT_RATE_SMS: String(rate(preview.deliveries.sms)),
      ECC_ALERT_RATE_VOICE: String(rate(preview.deliveries.voice)),
      ECC_ALERT_RATE_EMAIL: String(rate(preview.deliveries.email)),
      ECC_ALERT_RATE_TTY: String(rate(preview.deliveries.tty)),
      ECC_ALERT_EXCHANGE_RATE: String(rate(exchanges)),
    })
    stopSender = () => sender.stop()
    const latencyBefore = await consoleLatency(node, writer, viewer, 20, 'before')

    const insertStarted = performance.now()
    await sql`create temp table bench_rows as
      select gen_random_uuid() as id, g as n, now() as at
      from generate_series(1, ${total(preview.deliveries)}::int) g`.execute(handle.db)
    const insertMs = performance.now() - insertStarted

    const sendStarted = performance.now()
    const sent = (await node.request(operator, 'POST', `/api/alerts/${alert.id}/send`, {
      confirmExclude: false,
    })) as AlertView
    const sendMs = performance.now() - sendStarted

    const latencyDuring = consoleLatency(node, writer, viewer, DRAIN_SECONDS * 0.8, 'during')
    let report: DeliveryReport
    for (;;) {
      report = (await node.request(
        operator,
        'GET',
        `/api/alerts/${alert.id}/deliveries/report`,
      )) as DeliveryReport
      if (report.channels.every((c) => c.pending === 0)) break
      // As a console does: it reads the report again on each progress event (every 2 s).
      await delay(2000)
    }
    // Server times: from the send's commit to the last channel's last delivery.
    const lastOut = Math.max(...report.channels.map((c) => Date.parse(c.completedAt ?? '')))
    const drainMs = lastOut - Date.parse(sent.sentAt!)
    const during = await latencyDuring
    await handle.close()

    // The throttle math: each channel at its rate, calls also at the busiest exchange's rate.
    const d = preview.deliveries
    const estimate =
      1000 *
      Math.max(
        d.sms / rate(d.sms),
        d.voice / rate(d.voice),
        exchanges / rate(exchanges),
        d.email / rate(d.email),
        d.tty / rate(d.tty),
      )
    const phones = provider.accepted.map((m) => m.id)
    const mailIds = smtp.mails.map((m) => /Message-ID:\s*<([^@>]+)@/i.exec(m.raw)?.[1] ?? '')
    const received = [...phones, ...mailIds]
    const distinct = new Set(received).size
    const expected = total(preview.deliveries)
    const lost = expected - distinct
    const duplicates = received.length - distinct
    const failed = report.channels.reduce((sum, c) => sum + c.failed, 0)
    const drift = Math.abs(drainMs - estimate) / estimate
    const byChannel = report.channels
      .map((c) => `${c.channel} ${c.total} (${c.delivered + c.sent} out, ${c.failed} failed)`)
      .join(', ')
    return [
      {
        name: `alert recipient selection among ${SUBSCRIBERS} subscribers`,
        figure: `${selectionMs.toFixed(0)} ms for ${preview.subscribers} subscribers, ${expected} deliveries`,
        baseline: `plain count of the box's addresses ${countMs.toFixed(0)} ms`,
        ratio: selectionMs / countMs,
        target: '≤ 1000 ms',
        met: selectionMs <= 1000,
        details: [`previews: ${previews.map((p) => p.selectionMs.toFixed(0)).join(', ')} ms`],
      },
      {
        name: `alert deliveries durably queued (${expected} rows and pg-boss jobs)`,
        figure: `${(sendMs / 1000).toFixed(2)} s send round trip`,
        baseline: `${expected} plain rows inserted in one statement ${(insertMs / 1000).toFixed(2)} s`,
        ratio: sendMs / insertMs,
        target: '≤ 10 s',
        met: sendMs <= 10_000,
        details: [byChannel],
      },
      {
        name: 'alert drain time against the throttle settings',
        figure: `${(drainMs / 1000).toFixed(1)} s; lost ${lost}, duplicates ${duplicates}, failed ${failed}`,
        baseline: `throttle settings give ${(estimate / 1000).toFixed(1)} s`,
        ratio: drainMs / estimate,
        target: 'within 5 %, 0 lost, 0 duplicates',
        met: drift <= 0.05 && lost === 0 && duplicates === 0,
        details: [
          `rates/s: sms ${rate(preview.deliveries.sms)}, voice ${rate(preview.deliveries.voice)}, ` +
            `email ${rate(preview.deliveries.email)}, tty ${rate(preview.deliveries.tty)}, ` +
            `per exchange ${rate(exchanges)} (busiest exchange ${exchanges} calls)`,
        ],
      },
      {
        name: 'console live latency during the blast',
        figure: `p95 ${during.p95.toFixed(1)} ms (p50 ${during.p50.toFixed(1)}, ${during.count} changes)`,
        baseline: `before the send p95 ${latencyBefore.p95.toFixed(1)} ms (p50 ${latencyBefore.p50.toFixed(1)})`,
        ratio: during.p95 / latencyBefore.p95,
        target: '≤ 1.2 × before',
        met: during.p95 <= latencyBefore.p95 * 1.2 && during.missed === 0,
        details: [`${during.missed} changes not received during, ${latencyBefore.missed} before`],
      },
    ]
  } finally {
    await stopSender()
    await node.stop()
    await provider.close()
    await smtp.close()
  }
}

function total(counts: ChannelCounts): number {
  return counts.sms + counts.voice + counts.email + counts.tty
}

interface Box {
  minLat: number
  maxLat: number
  minLon: number
  maxLon: number
}

async function regionBox(db: Parameters<typeof seedDemoSubscribers>[0]): Promise<Box> {
  const { rows } = await sql<Box>`select min(lat) as "minLat", max(lat) as "maxLat",
    min(lon) as "minLon", max(lon) as "maxLon" from address_points`.execute(db)
  return rows[0]!
}

function shrink(box: Box, share: number): [number, number][] {
  const dLat = (box.maxLat - box.minLat) * share
  const dLon = (box.maxLon - box.minLon) * share
  const [s, n, w, e] = [box.minLat + dLat, box.maxLat - dLat, box.minLon + dLon, box.maxLon - dLon]
  return [
    [s, w],
    [s, e],
    [n, e],
    [n, w],
  ]
}

/** The most voice calls any one telephone exchange takes in the blast. */
async function busiestExchange(db: Parameters<typeof seedDemoSubscribers>[0]): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from alert_contacts
    where channel = 'voice' group by substr(address, 3, 6) order by 1 desc limit 1`.execute(db)
  return Number(rows[0]?.n ?? 1)
}

/** Position state changes at 5/s for `seconds`, timed from the command to a console's stream. */
async function consoleLatency(
  node: PlatformNode,
  writer: Session,
  viewer: Session,
  seconds: number,
  label: string,
): Promise<{ p50: number; p95: number; count: number; missed: number }> {
  const console = await openTimedConsole(node.url, viewer.cookie)
  const sentAt = new Map<string, number>()
  const count = Math.round(seconds * LATENCY_RATE_PER_SECOND)
  for (let i = 0; i < count; i++) {
    const marker = `${label}-${i}`
    sentAt.set(marker, performance.now())
    node
      .request(writer, 'POST', '/api/positions/current/state', {
        state: i % 2 === 0 ? 'not_ready' : 'ready',
        reason: marker,
      })
      .catch(() => sentAt.delete(marker))
    await delay(1000 / LATENCY_RATE_PER_SECOND)
  }
  await delay(2000)
  await console.close()
  const latencies = console.arrivals
    .filter((a) => sentAt.has(a.marker))
    .map((a) => a.at - sentAt.get(a.marker)!)
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    count,
    missed: count - latencies.length,
  }
}
