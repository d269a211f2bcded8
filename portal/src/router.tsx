import { useEffect, useState, type MouseEvent, type ReactNode } from 'react'

/** The portal's pages, by their address under /portal/. */
export const PAGES = {
  home: '/portal/',
  signUp: '/portal/sign-up',
  logOn: '/portal/log-on',
  phones: '/portal/phones',
  profile: '/portal/safety-profile',
  indicator: '/portal/disability-indicator',
  recordings: '/portal/recording-requests',
  alerts: '/portal/alerts',
} as const
export type PagePath = (typeof PAGES)[keyof typeof PAGES]

const listeners = new Set<() => void>()

/** Goes to a page without reloading; the back button works as on any site. */
export function navigate(to: string): void {
  window.history.pushState(null, '', to)
  for (const listener of listeners) listener()
}

/** The current page's address (trailing slash removed except for the front page). */
export function usePath(): string {
  const [path, setPath] = useState(() => window.location.pathname)
  useEffect(() => {
    const update = () => setPath(window.location.pathname)
    listeners.add(update)
    window.addEventListener('popstate', update)
    return () => {
      listeners.delete(update)
      window.removeEventListener('popstate', update)
    }
  }, [])
  const trimmed = path.replace(/\/+$/, '')
  return trimmed === '/portal' ? PAGES.home : trimmed
}

/** A real link (it opens in a new tab, it is read as a link) that moves within the portal. */
export function Link({
  to,
  children,
  current,
  className,
}: {
  to: string
  children: ReactNode
  current?: boolean
  className?: string
}) {
  function follow(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return
    }
    event.preventDefault()
    navigate(to)
  }
  return (
    <a href={to} onClick={follow} aria-current={current ? 'page' : undefined} className={className}>
      {children}
    </a>
  )
}
