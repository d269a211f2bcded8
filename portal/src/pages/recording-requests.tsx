import type { PortalRecordsRequest } from '@common/api/records-requests.ts'
import { api } from '@console/api/http.ts'
import { useCallback, useEffect, useState } from 'react'
import { CENTER, RECORDINGS } from '../center.ts'
import { Link, PAGES } from '../router.tsx'
import { useResidentSession } from '../session/resident-session.tsx'
import { PageHeading } from '../ui/page.tsx'
import { RequestCard } from './recordings/request-card.tsx'
import { RequestForm } from './recordings/request-form.tsx'

const URL = '/api/portal/records-requests'

/**
 * 911 recordings: the rules first (who may have one, what it costs, how long it takes), then the
 * resident's requests with the step each waits for, then a form for one more call.
 */
export function RecordingRequestsPage() {
  const { account } = useResidentSession()
  return (
    <>
      <PageHeading title="911 recordings" />
      <Rules />
      {account === undefined ? (
        <p aria-live="polite">Loading…</p>
      ) : account === null ? (
        <>
          <h2>Request a recording</h2>
          <p>
            You need a resident account to request a recording here and to download it.{' '}
            <Link to={PAGES.logOn}>Log on</Link> or <Link to={PAGES.signUp}>create an account</Link>
            . You can also write to {RECORDINGS.mailTo}.
          </p>
        </>
      ) : (
        <Requests />
      )}
    </>
  )
}

function Rules() {
  return (
    <section aria-labelledby="rules-title" className="rules">
      <h2 id="rules-title" className="visually-hidden">
        The rules
      </h2>
      <ul>
        <li>
          <strong>Who can have a recording.</strong> Massachusetts law lets us release a 911
          recording only to the person who made the call, or to a law-enforcement investigator. We
          cannot release it to anyone else, family or lawyers included.
        </li>
        <li>
          <strong>One request per call.</strong> Fill in the form once for each call you want.
        </li>
        <li>
          <strong>Fee: {RECORDINGS.feeText}</strong>, paid by check payable to the{' '}
          {RECORDINGS.payee}, mailed with your request number. Investigators are not charged. No fee
          is charged if we do not answer within {RECORDINGS.responseDays} business days.
        </li>
        <li>
          <strong>How long.</strong> We answer within {RECORDINGS.responseDays} business days and
          deliver the recording in {RECORDINGS.delivery}, as a download from this page.
        </li>
        <li>
          <strong>Prove you made the call.</strong> We send a code by text message to the number the
          call was made from; or show an identity document at {CENTER.name}, {CENTER.street}.
        </li>
      </ul>
    </section>
  )
}

function Requests() {
  const [requests, setRequests] = useState<PortalRecordsRequest[] | null>(null)
  const [loadProblem, setLoadProblem] = useState<string | null>(null)
  const [status, setStatus] = useState('')

  const reload = useCallback(async () => {
    try {
      setRequests(await api.get<PortalRecordsRequest[]>(URL))
      setLoadProblem(null)
    } catch {
      setRequests((previous) => previous ?? [])
      setLoadProblem('Your requests could not be loaded. Reload the page to try again.')
    }
  }, [])
  useEffect(() => void reload(), [reload])

  return (
    <>
      <p className="success" role="status" aria-live="polite" hidden={!status}>
        {status}
      </p>
      <h2>My requests</h2>
      {loadProblem && <p className="notice">{loadProblem}</p>}
      {requests === null ? (
        <p>Loading…</p>
      ) : requests.length === 0 ? (
        <p>You have not requested a recording yet.</p>
      ) : (
        requests.map((request) => (
          <RequestCard
            key={request.id}
            request={request}
            onChanged={async (message) => {
              setStatus(message)
              await reload()
            }}
          />
        ))
      )}
      <RequestForm
        onFiled={async (request) => {
          setStatus(
            request.status === 'refused'
              ? `Request ${request.number} was filed and refused: see the reason below.`
              : `Request ${request.number} was filed. Its next step is shown under My requests.`,
          )
          await reload()
        }}
      />
    </>
  )
}
