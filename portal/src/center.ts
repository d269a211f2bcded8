/**
 * The center as residents should know it. The address and the 911 hours are the center's own;
 * the business office's hours and phone are not published to this code base, so they are
 * marked placeholders until the center fills them in: a made-up number would send residents
 * to a stranger.
 */
export const CENTER = {
  name: 'Worcester Emergency Communications',
  street: '2 Coppage Drive',
  townLine: 'Worcester, MA 01603',
  emergencyHours: '911 is answered 24 hours a day, 7 days a week.',
  businessHours: null as string | null,
  businessPhone: null as string | null,
} as const

export const PLACEHOLDER = 'Not yet published (placeholder: the center will add it here)'

/**
 * Copies of 911 recordings, as the City runs them: one request per call, a flat fee by check to
 * the City, delivery in about two weeks. The amount charged on a request comes from the
 * platform's settings (each request shows its own); this is the wording before one is filed.
 */
export const RECORDINGS = {
  feeText: '$30 per call',
  payee: 'City of Worcester',
  mailTo: `${CENTER.name}, Records, ${CENTER.street}, ${CENTER.townLine}`,
  delivery: 'about two weeks',
  responseDays: 10,
} as const
