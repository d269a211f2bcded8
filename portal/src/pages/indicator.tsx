import {
  DISABILITY_KIND_LABELS,
  DISABILITY_KINDS,
  DisabilityRequestForm,
  type DisabilityKind,
  type ResidentDisabilityRequest,
} from '@common/api/disability-registry.ts'
import { api } from '@console/api/http.ts'
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import {
  checkForm,
  ErrorSummary,
  fieldId,
  NO_PROBLEMS,
  problemsFromFailure,
  TextArea,
  TextField,
  type Problems,
} from '../ui/form-kit.tsx'
import { localTime, NotAGuarantee, PageHeading, RequireAccount } from '../ui/page.tsx'

const REQUESTS_URL = '/api/portal/disability-requests'

const LABELS: Record<string, string> = {
  personName: 'Name of the person',
  'address.houseNumber': 'House number',
  'address.street': 'Street',
  'address.unit': 'Apartment or unit',
  'address.town': 'Town',
  'address.postalCode': 'ZIP code',
  kinds: 'What the call taker should know',
  note: 'Note for the call taker',
  contactPhone: 'Phone number the household calls from',
}

const STATUS_TEXT: Record<ResidentDisabilityRequest['status'], string> = {
  filed: 'Waiting for the town’s 911 coordinator',
  returned: 'Returned: incomplete',
  entered: 'Entered in the registry',
}

export function IndicatorPage() {
  return (
    <RequireAccount title="Disability indicator request">
      <Indicator />
    </RequireAccount>
  )
}

const EMPTY_FORM = {
  personName: '',
  houseNumber: '',
  street: '',
  unit: '',
  town: 'Worcester',
  postalCode: '',
  note: '',
  contactPhone: '',
}

function Indicator() {
  const [requests, setRequests] = useState<ResidentDisabilityRequest[] | null>(null)
  const [form, setForm] = useState(EMPTY_FORM)
  const [kinds, setKinds] = useState<DisabilityKind[]>([])
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS)
  const [status, setStatus] = useState('')
  const [busy, setBusy] = useState(false)
  const set = (field: keyof typeof form) => (value: string) => setForm({ ...form, [field]: value })

  const reload = useCallback(async () => {
    try {
      setRequests(await api.get<ResidentDisabilityRequest[]>(REQUESTS_URL))
    } catch (failure) {
      setRequests([])
      setProblems(problemsFromFailure(failure, () => false))
    }
  }, [])
  useEffect(() => void reload(), [reload])

  async function submit(event: FormEvent) {
    event.preventDefault()
    setStatus('')
    const optional = (value: string) => (value.trim() === '' ? undefined : value)
    const checked = checkForm(DisabilityRequestForm, {
      personName: form.personName,
      address: {
        houseNumber: optional(form.houseNumber),
        street: form.street,
        unit: optional(form.unit),
        town: form.town,
        postalCode: optional(form.postalCode),
      },
      kinds,
      note: form.note,
      contactPhone: form.contactPhone,
    })
    if (checked.problems) return setProblems(checked.problems)
    setBusy(true)
    setProblems(NO_PROBLEMS)
    try {
      await api.post<ResidentDisabilityRequest>(REQUESTS_URL, checked.data)
      setForm(EMPTY_FORM)
      setKinds([])
      setStatus(
        'Your request was sent to the town’s 911 coordinator. You can follow its status on this page.',
      )
      await reload()
    } catch (failure) {
      setProblems(problemsFromFailure(failure, (field) => field in LABELS))
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <PageHeading title="Disability indicator request" />
      <NotAGuarantee what="indicator" />
      <p>
        A disability indicator tells the 911 call taker that someone at an address uses a TTY or has
        a disability that may make it harder to leave the home or to be moved. It is confidential:
        it is shown only to the call taker handling a 911 call from that address, only while the
        call is open, and every time it is shown is recorded.
      </p>
      <p>
        The town’s 911 coordinator reviews each request. An incomplete request is returned with the
        reason; file a new one with what was missing. If you move, change apartment or change phone
        number, file a new request.
      </p>
      <p className="success" role="status" aria-live="polite" hidden={!status}>
        {status}
      </p>

      <h2>My requests</h2>
      <MyRequests requests={requests} />

      <h2 id="new-request-title">New request</h2>
      <ErrorSummary problems={problems} labels={(field) => LABELS[field] ?? field} />
      <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-request-title">
        <TextField
          field="personName"
          label={LABELS.personName!}
          hint="The person the indicator is about: you, or someone you care for."
          problems={problems}
          value={form.personName}
          onChange={set('personName')}
        />
        <fieldset>
          <legend>Address where the person lives</legend>
          <TextField
            field="address.houseNumber"
            label={LABELS['address.houseNumber']!}
            className="short"
            problems={problems}
            value={form.houseNumber}
            onChange={set('houseNumber')}
          />
          <TextField
            field="address.street"
            label={LABELS['address.street']!}
            hint="For example: Main Street."
            autoComplete="address-line1"
            problems={problems}
            value={form.street}
            onChange={set('street')}
          />
          <TextField
            field="address.unit"
            label={`${LABELS['address.unit']!} (if any)`}
            hint="Important: an indicator belongs to one apartment only."
            className="short"
            problems={problems}
            value={form.unit}
            onChange={set('unit')}
          />
          <TextField
            field="address.town"
            label={LABELS['address.town']!}
            autoComplete="address-level2"
            problems={problems}
            value={form.town}
            onChange={set('town')}
          />
          <TextField
            field="address.postalCode"
            label={`${LABELS['address.postalCode']!} (optional)`}
            autoComplete="postal-code"
            className="short"
            problems={problems}
            value={form.postalCode}
            onChange={set('postalCode')}
          />
        </fieldset>
        <fieldset
          id={fieldId('kinds')}
          tabIndex={-1}
          aria-describedby={problems.fields.kinds ? `${fieldId('kinds')}-error` : undefined}
          className={problems.fields.kinds ? 'field-invalid' : undefined}
        >
          <legend>{LABELS.kinds} (choose all that apply)</legend>
          {problems.fields.kinds && (
            <span className="field-message" id={`${fieldId('kinds')}-error`}>
              <span className="visually-hidden">Error: </span>
              {problems.fields.kinds}
            </span>
          )}
          {DISABILITY_KINDS.map((kind) => (
            <label className="choice" key={kind}>
              <input
                type="checkbox"
                name="kinds"
                value={kind}
                checked={kinds.includes(kind)}
                onChange={(event) =>
                  setKinds(
                    event.target.checked ? [...kinds, kind] : kinds.filter((each) => each !== kind),
                  )
                }
              />
              {DISABILITY_KIND_LABELS[kind]}
            </label>
          ))}
        </fieldset>
        <TextArea
          field="note"
          label={`${LABELS.note!} (optional)`}
          hint="For example: uses a wheelchair; bedroom on the second floor."
          problems={problems}
          value={form.note}
          onChange={set('note')}
        />
        <TextField
          field="contactPhone"
          type="tel"
          label={LABELS.contactPhone!}
          hint="With its area code."
          autoComplete="tel"
          problems={problems}
          value={form.contactPhone}
          onChange={set('contactPhone')}
        />
        <button type="submit" disabled={busy}>
          Send request to the coordinator
        </button>
      </form>
    </>
  )
}

function addressLine(request: ResidentDisabilityRequest): string {
  const { houseNumber, street, streetType, unit, town } = request.address
  const first = [houseNumber, street, streetType].filter(Boolean).join(' ')
  return [first, unit ? `Apt ${unit}` : null, town].filter(Boolean).join(', ')
}

function MyRequests({ requests }: { requests: ResidentDisabilityRequest[] | null }) {
  if (requests === null) return <p>Loading…</p>
  if (requests.length === 0) return <p>You have not filed a request yet.</p>
  return (
    <table>
      <caption className="visually-hidden">My disability indicator requests</caption>
      <thead>
        <tr>
          <th scope="col">Filed</th>
          <th scope="col">Person and address</th>
          <th scope="col">Kinds</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {requests.map((request) => (
          <tr key={request.id} data-testid="indicator-request">
            <td>{localTime(request.createdAt)}</td>
            <td>
              {request.personName}
              <br />
              {addressLine(request)}
            </td>
            <td>{request.kinds.map((kind) => DISABILITY_KIND_LABELS[kind]).join(', ')}</td>
            <td>
              <strong>{STATUS_TEXT[request.status]}</strong>
              {request.decidedAt && <> on {localTime(request.decidedAt)}</>}
              {request.status === 'returned' && request.returnReason && (
                <p>Reason: {request.returnReason}</p>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
