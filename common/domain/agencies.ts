/** Kinds of agency a regional center dispatches for. */
export const AGENCY_KINDS = ['police', 'fire', 'ems'] as const
export type AgencyKind = (typeof AGENCY_KINDS)[number]
