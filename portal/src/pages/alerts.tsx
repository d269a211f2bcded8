import type { AlertSubscriptionView } from '@common/api/alert-subscribers.ts'
import { api } from '@console/api/http.ts'
import { useCallback, useEffect, useState } from 'react'
import { localTime, PageHeading, RequireAccount } from '../ui/page.tsx'
import { AlertAddresses } from './alerts/addresses.tsx'
import { AlertChoices } from './alerts/choices.tsx'
import { AlertContacts } from './alerts/contacts.tsx'

const SUBSCRIPTION_URL = '/api/portal/alerts/subscription'

/** Emergency alerts: sign up, the places to be alerted for, and the ways to be reached. */
export function AlertsPage() {
  return (
    <RequireAccount title="Emergency alerts">
      <Alerts />
    </RequireAccount>
  )
}

function Alerts() {
  const [view, setView] = useState<AlertSubscriptionView | null>(null)
  const [status, setStatus] = useState('')
  const [loadProblem, setLoadProblem] = useState<string | null>(null)

  const reload = useCallback(async () => {
    try {
      setView(await api.get<AlertSubscriptionView>(SUBSCRIPTION_URL))
      setLoadProblem(null)
    } catch {
      setLoadProblem('Your sign-up could not be loaded. Reload the page to try again.')
    }
  }, [])
  useEffect(() => void reload(), [reload])

  /** A change was made: say so, and show the sign-up as the server now has it. */
  const changed = useCallback(
    (message: string) => {
      setStatus(message)
      void reload()
    },
    [reload],
  )

  return (
    <>
      <PageHeading title="Emergency alerts" />
      <p>
        Get emergency alerts from the City of Worcester by text message, voice call, e-mail or TTY,
        in your language, for the addresses you choose: your home, your work, a relative’s house.
        Emergency alerts are always sent; other city notices only if you choose them.
      </p>
      <p className="success" role="status" aria-live="polite" hidden={!status}>
        {status}
      </p>
      {loadProblem && <p className="notice">{loadProblem}</p>}
      {view === null ? (
        !loadProblem && <p>Loading…</p>
      ) : (
        <>
          {view.state === 'unsubscribed' && (
            <div className="notice" data-testid="unsubscribed">
              <p>
                <strong>You are unsubscribed</strong>
                {view.unsubscribedAt ? ` since ${localTime(view.unsubscribedAt)}` : ''}: you get no
                alerts. Your addresses and contacts are kept. To get alerts again, check your
                choices below and press Sign up again.
              </p>
            </div>
          )}
          <AlertChoices view={view} url={SUBSCRIPTION_URL} onSaved={changed} />
          {view.state !== 'none' && (
            <>
              <AlertAddresses addresses={view.addresses} onChanged={changed} />
              <AlertContacts contacts={view.contacts} onChanged={changed} />
            </>
          )}
        </>
      )}
    </>
  )
}
