import type { AnswerTimesReport } from '@common/api/supervision.ts'
import { clockTime } from '../../ui/time.ts'
import type { AnswerTimesState } from './use-answer-times.ts'

const percent = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} %`)
const seconds = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)} s`)

function Verdict({ met }: { met: boolean | null }) {
  if (met === null) return <span className="verdict verdict-none">no answered calls yet</span>
  return met ? (
    <span className="verdict verdict-met">✓ MET</span>
  ) : (
    <span className="verdict verdict-missed">✗ MISSED</span>
  )
}

/** Today's 911 answer times against both targets, in words and colour, with the hours. */
export function AnswerCompliance({ state }: { state: AnswerTimesState }) {
  const { report, at, failure } = state
  return (
    <section className="panel compliance" aria-labelledby="compliance-title">
      <h2 id="compliance-title">
        Today&apos;s 911 answer times{' '}
        {report && <span className="muted">({report.day}, Eastern time)</span>}
      </h2>
      {failure && (
        <p className="form-error">
          Not current: {failure}
          {at ? ` (figures as of ${clockTime(at)})` : ''}
        </p>
      )}
      {!report && !failure && <p className="muted">Loading…</p>}
      {report && <Figures report={report} />}
      {report && at && <p className="muted as-of">as of {clockTime(at)}</p>}
    </section>
  )
}

function Figures({ report }: { report: AnswerTimesReport }) {
  const { thresholds: t } = report
  return (
    <>
      <div className="targets">
        <div
          className={`target ${report.targetMet === null ? '' : report.targetMet ? 'met' : 'missed'}`}
          data-testid="target-answer"
        >
          <span className="target-label">
            Answered within {t.answerSeconds} s (target {t.answerTargetPercent} %)
          </span>
          <span className="target-value tabular">{percent(report.percentWithinTarget)}</span>
          <Verdict met={report.targetMet} />
        </div>
        <div
          className={`target ${report.limitMet === null ? '' : report.limitMet ? 'met' : 'missed'}`}
          data-testid="target-limit"
        >
          <span className="target-label">
            Answered within {t.limitSeconds} s (target {t.limitTargetPercent} %)
          </span>
          <span className="target-value tabular">{percent(report.percentWithinLimit)}</span>
          <Verdict met={report.limitMet} />
        </div>
      </div>
      <dl className="figures tabular">
        <div>
          <dt>Offered</dt>
          <dd data-testid="calls-offered">{report.offered}</dd>
        </div>
        <div>
          <dt>Answered</dt>
          <dd data-testid="calls-answered">{report.answered}</dd>
        </div>
        <div>
          <dt>Abandoned</dt>
          <dd>{report.abandoned}</dd>
        </div>
        <div>
          <dt>Ringing</dt>
          <dd>{report.ringing}</dd>
        </div>
        <div>
          <dt>Average</dt>
          <dd>{seconds(report.averageAnswerSeconds)}</dd>
        </div>
        <div>
          <dt>90th percentile</dt>
          <dd>{seconds(report.p90AnswerSeconds)}</dd>
        </div>
      </dl>
      {report.hours.length > 0 && (
        <table className="hours tabular" aria-label="Answer times by hour">
          <thead>
            <tr>
              <th>Hour</th>
              <th>Calls</th>
              <th>Answered</th>
              <th>Abandoned</th>
              <th>≤ {t.answerSeconds} s</th>
              <th>≤ {t.limitSeconds} s</th>
              <th>Average</th>
            </tr>
          </thead>
          <tbody>
            {report.hours.map((hour) => {
              const short =
                hour.percentWithinTarget !== null &&
                hour.percentWithinTarget < t.answerTargetPercent
              return (
                <tr key={hour.hour}>
                  <td>{String(hour.hour).padStart(2, '0')}:00</td>
                  <td>{hour.offered}</td>
                  <td>{hour.answered}</td>
                  <td>{hour.abandoned}</td>
                  <td className={short ? 'missed-cell' : undefined}>
                    <span
                      className="bar"
                      style={{ width: `${(hour.percentWithinTarget ?? 0) * 0.6}px` }}
                    />
                    {percent(hour.percentWithinTarget)}
                    {short ? ' below' : ''}
                  </td>
                  <td>{percent(hour.percentWithinLimit)}</td>
                  <td>{seconds(hour.averageAnswerSeconds)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
    </>
  )
}
