import { CENTER } from './center.ts'
import { AlertsPage } from './pages/alerts.tsx'
import { HomePage } from './pages/home.tsx'
import { IndicatorPage } from './pages/indicator.tsx'
import { LogOnPage } from './pages/log-on.tsx'
import { PhonesPage } from './pages/phones.tsx'
import { ProfilePage } from './pages/profile.tsx'
import { RecordingRequestsPage } from './pages/recording-requests.tsx'
import { SignUpPage } from './pages/sign-up.tsx'
import { Link, navigate, PAGES, usePath } from './router.tsx'
import { ResidentSessionProvider, useResidentSession } from './session/resident-session.tsx'
import { PageHeading } from './ui/page.tsx'

const NAV: { to: string; label: string; needsAccount?: boolean }[] = [
  { to: PAGES.home, label: 'Home' },
  { to: PAGES.phones, label: 'My phones', needsAccount: true },
  { to: PAGES.profile, label: 'Safety profile', needsAccount: true },
  { to: PAGES.indicator, label: 'Disability indicator', needsAccount: true },
  { to: PAGES.recordings, label: '911 recordings' },
  { to: PAGES.alerts, label: 'Emergency alerts' },
]

function CurrentPage({ path }: { path: string }) {
  switch (path) {
    case PAGES.home:
      return <HomePage />
    case PAGES.signUp:
      return <SignUpPage />
    case PAGES.logOn:
      return <LogOnPage />
    case PAGES.phones:
      return <PhonesPage />
    case PAGES.profile:
      return <ProfilePage />
    case PAGES.indicator:
      return <IndicatorPage />
    case PAGES.recordings:
      return <RecordingRequestsPage />
    case PAGES.alerts:
      return <AlertsPage />
    default:
      return (
        <>
          <PageHeading title="Page not found" />
          <p>
            There is no page at this address. Go to the <Link to={PAGES.home}>front page</Link>.
          </p>
        </>
      )
  }
}

function AccountLinks() {
  const { account, logOff } = useResidentSession()
  if (account === undefined) return null
  if (account === null) {
    return (
      <p>
        <Link to={PAGES.logOn}>Log on</Link> · <Link to={PAGES.signUp}>Create an account</Link>
      </p>
    )
  }
  return (
    <p>
      <span data-testid="signed-in-as">Logged on as {account.displayName}</span> ·{' '}
      <button
        type="button"
        className="secondary"
        onClick={() => void logOff().then(() => navigate(PAGES.home))}
      >
        Log off
      </button>
    </p>
  )
}

function Layout() {
  const path = usePath()
  const { account } = useResidentSession()
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="inner">
          <Link to={PAGES.home} className="site-name">
            {CENTER.name}: resident services
          </Link>
          <AccountLinks />
        </div>
      </header>
      <p className="emergency-banner">
        In an emergency, call 911. Do not use this site to report an emergency.
      </p>
      <nav className="site-nav" aria-label="Resident services">
        <div className="inner">
          <ul>
            {NAV.filter((item) => !item.needsAccount || account).map((item) => (
              <li key={item.to}>
                <Link to={item.to} current={path === item.to}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      </nav>
      <main id="main" tabIndex={-1}>
        <CurrentPage path={path} />
      </main>
      <footer className="site-footer">
        <div className="inner">
          {CENTER.name}, {CENTER.street}, {CENTER.townLine}. {CENTER.emergencyHours}
        </div>
      </footer>
    </>
  )
}

/** The resident portal: one account for every resident service of the center. */
export function App() {
  return (
    <ResidentSessionProvider>
      <Layout />
    </ResidentSessionProvider>
  )
}
