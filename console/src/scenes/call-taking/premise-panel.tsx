import type { CallView } from '@common/api/calls.ts'
import { clockTime } from '../../ui/time.ts'

const DATE = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
})

/** Cautions in force at the call's address and the incidents there lately. */
export function PremisePanel({ call }: { call: CallView }) {
  const premise = call.premise
  return (
    <section className="panel premise" aria-labelledby="premise-heading">
      <h2 id="premise-heading">Premise</h2>
      {!premise ? (
        <p className="muted">No verified address on the call: no premise information.</p>
      ) : (
        <>
          {premise.cautions.length === 0 ? (
            <p className="muted">No cautions at this address.</p>
          ) : (
            <ul className="cautions" aria-label="Premise cautions">
              {premise.cautions.map((caution) => (
                <li key={caution.id} className="caution">
                  <strong>⚠ {caution.kind.replace(/_/g, ' ')}</strong> {caution.text}
                </li>
              ))}
            </ul>
          )}
          <h3>Prior incidents (last {premise.lookbackDays} days)</h3>
          {premise.priorIncidents.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <table aria-label="Prior incidents">
              <tbody>
                {premise.priorIncidents.map((prior) => (
                  <tr key={prior.id}>
                    <td className="tabular">{prior.number}</td>
                    <td>
                      <span className={`priority priority-${prior.priority}`}>
                        P{prior.priority}
                      </span>{' '}
                      {prior.natureCode}
                    </td>
                    <td className="tabular">
                      {DATE.format(new Date(prior.createdAt))} {clockTime(prior.createdAt)}
                    </td>
                    <td>{prior.disposition ?? prior.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  )
}
