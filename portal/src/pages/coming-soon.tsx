import { CENTER } from '../center.ts'
import { Link, PAGES } from '../router.tsx'
import { PageHeading } from '../ui/page.tsx'

const SERVICES = {
  recordings: {
    title: '911 recording requests',
    text: 'You will be able to request a copy of a 911 call recording here, follow its status and receive it. Until then, write to the center at its address.',
  },
  alerts: {
    title: 'Emergency alerts sign-up',
    text: 'You will be able to sign up here for emergency alerts by text message, voice call or e-mail, for the addresses you choose.',
  },
} as const

/** A place kept for a service that comes in its own issue: the link works, the page says so. */
export function ComingSoonPage({ service }: { service: keyof typeof SERVICES }) {
  const { title, text } = SERVICES[service]
  return (
    <>
      <PageHeading title={title} />
      <p className="notice">
        <strong>Coming soon.</strong> This service is not available yet.
      </p>
      <p>{text}</p>
      <p>
        {CENTER.name}, {CENTER.street}, {CENTER.townLine}.
      </p>
      <p>
        <Link to={PAGES.home}>Back to the front page</Link>
      </p>
    </>
  )
}
