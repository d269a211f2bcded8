import { CENTER, PLACEHOLDER } from '../center.ts'
import { Link, PAGES } from '../router.tsx'
import { useResidentSession } from '../session/resident-session.tsx'
import { PageHeading } from '../ui/page.tsx'

const SERVICES = [
  {
    to: PAGES.profile,
    title: 'Safety profile',
    text: 'Tell 911 call takers about your household, pets, vehicles and home, shown when you call 911 from a phone you confirmed.',
  },
  {
    to: PAGES.indicator,
    title: 'Disability indicator request',
    text: 'Ask the town’s 911 coordinator to add a confidential indicator for your address (TTY, mobility, oxygen and others).',
  },
  {
    to: PAGES.recordings,
    title: '911 recording requests',
    text: 'Request a copy of the recording of a 911 call you made, follow the request and download the recording.',
  },
  {
    to: PAGES.alerts,
    title: 'Emergency alerts sign-up',
    text: 'Get emergency alerts by text, voice call, e-mail or TTY, in your language, for the addresses you choose.',
  },
]

/** The front page: who the center is, how to reach it, and what residents can do here. */
export function HomePage() {
  const { account } = useResidentSession()
  return (
    <>
      <PageHeading title={CENTER.name} />
      <p className="lead">
        The center answers 911 calls and dispatches police, fire and ambulance for the City of
        Worcester. This site is for resident services only.
      </p>
      <p className="notice">
        <strong>In an emergency, call 911.</strong> Do not use this site to report an emergency:
        nobody watches it in real time.
      </p>

      <h2>Contact and hours</h2>
      <dl className="facts">
        <dt>Address</dt>
        <dd>
          {CENTER.street}
          <br />
          {CENTER.townLine}
        </dd>
        <dt>911</dt>
        <dd>{CENTER.emergencyHours}</dd>
        <dt>Business office hours</dt>
        <dd data-testid="business-hours">{CENTER.businessHours ?? PLACEHOLDER}</dd>
        <dt>Business office phone</dt>
        <dd data-testid="business-phone">{CENTER.businessPhone ?? PLACEHOLDER}</dd>
      </dl>

      <h2>Resident services</h2>
      {account ? (
        <p>
          Start by <Link to={PAGES.phones}>adding and confirming your phone numbers</Link>: a safety
          profile is shown only for calls from a confirmed number.
        </p>
      ) : (
        <p>
          One account serves every resident service.{' '}
          <Link to={PAGES.signUp}>Create an account</Link> or <Link to={PAGES.logOn}>log on</Link>.
        </p>
      )}
      <ul className="services">
        {SERVICES.map((service) => (
          <li key={service.to}>
            <Link to={service.to}>{service.title}</Link>
            <p>{service.text}</p>
          </li>
        ))}
      </ul>
    </>
  )
}
