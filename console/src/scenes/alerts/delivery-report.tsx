import type { DeliveryReport as Report } from '@common/api/alerts.ts'
import { useEffect, useRef } from 'react'
import { useRead } from '../../ui/use-read.ts'
import { clockTime } from '../../ui/time.ts'
import { FormError } from '../../ui/form.tsx'
import { ReadState } from '../registry/read-state.tsx'
import { channelWords } from './alert-words.ts'
import { cumulativeSeries, linePath } from './delivery-chart.ts'
import { useAlertEvents } from './use-alert-events.ts'

/** Progress events come per batch of deliveries: the report is read at most once a second. */
const REPORT_EVERY_MS = 1000

const COUNTS = ['total', 'attempted', 'delivered', 'sent', 'failed', 'retried', 'pending'] as const
const COUNT_WORDS: Record<(typeof COUNTS)[number], string> = {
  total: 'Total',
  attempted: 'Attempted',
  delivered: 'Delivered',
  sent: 'Sent, no receipt yet',
  failed: 'Failed',
  retried: 'Retried',
  pending: 'Pending',
}

const time = (iso: string | null) => (iso ? clockTime(iso) : '—')

/** The live delivery report per channel, with its CSV and a chart of completions over time. */
export function DeliveryReport({ alertId }: { alertId: string }) {
  const read = useRead<Report>(`/api/alerts/${alertId}/deliveries/report`)
  const report = read.data
  const timer = useRef<number | null>(null)
  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current)
    },
    [],
  )
  useAlertEvents((event) => {
    if (event && event.alertId !== alertId) return
    if (timer.current !== null) return
    timer.current = window.setTimeout(() => {
      timer.current = null
      void read.reload()
    }, REPORT_EVERY_MS)
  })
  const totals = COUNTS.map((count) =>
    (report?.channels ?? []).reduce((sum, line) => sum + line[count], 0),
  )
  return (
    <section className="panel delivery-report" aria-labelledby="delivery-report-title">
      <div className="panel-head">
        <h3 id="delivery-report-title">Delivery report</h3>
        <a href={`/api/alerts/${alertId}/deliveries.csv`} download>
          Download CSV
        </a>
        <ReadState read={read} what="the delivery report" />
      </div>
      <FormError error={read.error} />
      {report && (
        <>
          <table aria-label="Deliveries per channel" data-testid="delivery-report">
            <thead>
              <tr>
                <th>Channel</th>
                {COUNTS.map((count) => (
                  <th key={count}>{COUNT_WORDS[count]}</th>
                ))}
                <th>First attempt</th>
                <th>Last attempt</th>
                <th>Completed</th>
              </tr>
            </thead>
            <tbody>
              {report.channels.map((line) => (
                <tr key={line.channel} data-testid={`report-${line.channel}`}>
                  <td>{channelWords(line.channel)}</td>
                  {COUNTS.map((count) => (
                    <td
                      key={count}
                      className={`tabular${count === 'failed' && line.failed > 0 ? ' failed' : ''}`}
                    >
                      {line[count].toLocaleString('en-US')}
                    </td>
                  ))}
                  <td className="tabular">{time(line.firstAttemptAt)}</td>
                  <td className="tabular">{time(line.lastAttemptAt)}</td>
                  <td className="tabular">
                    {line.completedAt ? time(line.completedAt) : 'not yet'}
                  </td>
                </tr>
              ))}
              <tr className="totals">
                <td>All channels</td>
                {totals.map((total, index) => (
                  <td key={COUNTS[index]} className="tabular">
                    {total.toLocaleString('en-US')}
                  </td>
                ))}
                <td colSpan={3} />
              </tr>
            </tbody>
          </table>
          <DeliveryChart report={report} total={totals[0] ?? 0} />
        </>
      )}
    </section>
  )
}

const WIDTH = 640
const HEIGHT = 180
const PAD = { left: 56, right: 16, top: 12, bottom: 28 }

/** Completed deliveries (and failures) over time since the send, drawn as SVG. */
function DeliveryChart({ report, total }: { report: Report; total: number }) {
  const series = cumulativeSeries(report.timeline)
  const maxY = Math.max(total, series.maxDone, 1)
  const maxX = Math.max(series.minutes, 1)
  const box = {
    maxX,
    maxY,
    width: WIDTH - PAD.left - PAD.right,
    height: HEIGHT - PAD.top - PAD.bottom,
  }
  const line = (y: (point: (typeof series.points)[number]) => number) =>
    linePath(
      series.points.map((point) => ({ x: point.minute, y: y(point) })),
      box,
    )
  const last = series.points[series.points.length - 1]!
  const percent = total > 0 ? Math.round((last.done / total) * 100) : 0
  const succeeded = last.done - last.failed
  return (
    <figure className="delivery-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={
          `Completed deliveries over time: ${last.done} of ${total} (${percent}%), ` +
          `${succeeded} delivered or sent, ${last.failed} failed, ` +
          `over ${Math.ceil(series.minutes)} minutes`
        }
        data-testid="delivery-chart"
      >
        <g transform={`translate(${PAD.left},${PAD.top})`}>
          <line className="axis" x1={0} y1={box.height} x2={box.width} y2={box.height} />
          <line className="axis" x1={0} y1={0} x2={0} y2={box.height} />
          {total > 0 && <line className="target" x1={0} y1={0} x2={box.width} y2={0} />}
          <text className="tick" x={-6} y={4} textAnchor="end">
            {maxY.toLocaleString('en-US')}
          </text>
          <text className="tick" x={-6} y={box.height} textAnchor="end">
            0
          </text>
          <text className="tick" x={0} y={box.height + 18}>
            send
          </text>
          <text className="tick" x={box.width} y={box.height + 18} textAnchor="end">
            +{Math.ceil(series.minutes)} min
          </text>
          <path className="line-completed" d={line((p) => p.done)} />
          <path className="line-done" d={line((p) => p.done - p.failed)} />
          <path className="line-failed" d={line((p) => p.failed)} />
        </g>
      </svg>
      <figcaption>
        <span className="key key-completed" /> completed {last.done.toLocaleString('en-US')} of{' '}
        {total.toLocaleString('en-US')} ({percent}%) · <span className="key key-done" /> delivered
        or sent {succeeded.toLocaleString('en-US')} · <span className="key key-failed" /> failed{' '}
        {last.failed.toLocaleString('en-US')}
      </figcaption>
    </figure>
  )
}
