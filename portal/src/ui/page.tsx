import { SUPPLEMENTAL_NOTICE } from '@common/api/safety-profiles.ts'
import { useEffect, useRef, type ReactNode } from 'react'
import { Link, PAGES } from '../router.tsx'
import { useResidentSession } from '../session/resident-session.tsx'

let firstPage = true

/**
 * A page's heading and title. After moving from one page to another the heading takes the focus,
 * so a screen reader announces the new page and the keyboard starts from its top; on the first
 * load the browser's own order is kept.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = `${title}: Worcester Emergency Communications`
    if (firstPage) firstPage = false
    else heading.current?.focus()
  }, [title])
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children ?? title}
    </h1>
  )
}

/** Pages that need an account say so plainly instead of showing an empty form. */
export function RequireAccount({ title, children }: { title: string; children: ReactNode }) {
  const { account } = useResidentSession()
  if (account === undefined) {
    return <p aria-live="polite">Loading…</p>
  }
  if (account === null) {
    return (
      <>
        <PageHeading title={title} />
        <p>You need a resident account to use this service.</p>
        <p>
          <Link to={PAGES.logOn}>Log on</Link> or <Link to={PAGES.signUp}>create an account</Link>.
        </p>
      </>
    )
  }
  return <>{children}</>
}

/**
 * The same words on the profile and the indicator pages: registries give false confidence
 * (what-to-beat item 8), so the portal says plainly what they do not do.
 */
export function NotAGuarantee({ what }: { what: 'profile' | 'indicator' }) {
  return (
    <p className="not-a-guarantee" data-testid="not-a-guarantee">
      {what === 'profile'
        ? SUPPLEMENTAL_NOTICE
        : 'A disability indicator is not a guarantee of a faster response. It gives the 911 call ' +
          'taker extra information; it does not change how calls are answered or in what order, ' +
          'and it never replaces telling the call taker what is happening.'}
    </p>
  )
}

/** Times are the server's UTC, shown in the center's time zone. */
export function localTime(iso: string): string {
  return new Date(iso).toLocaleString('en-US', {
    timeZone: 'America/New_York',
    dateStyle: 'medium',
    timeStyle: 'short',
  })
}
