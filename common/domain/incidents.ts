export const INCIDENT_KINDS = ['emergency', 'non_emergency', 'service_request'] as const
export type IncidentKind = (typeof INCIDENT_KINDS)[number]

/** Pending: no unit assigned yet. Active: units assigned or working. */
export const INCIDENT_STATUSES = ['pending', 'active', 'closed'] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]

/** 1 is the most urgent. */
export const PRIORITIES = [1, 2, 3, 4, 5] as const
export type Priority = (typeof PRIORITIES)[number]

export const DISCIPLINES = ['police', 'fire', 'ems'] as const
export type Discipline = (typeof DISCIPLINES)[number]

export const ASSIGNMENT_STATES = ['active', 'stacked', 'cleared'] as const
export type AssignmentState = (typeof ASSIGNMENT_STATES)[number]

export const CAUTION_KINDS = [
  'hazard',
  'caution',
  'access',
  'animal',
  'medical',
  'weapons',
] as const
export type CautionKind = (typeof CAUTION_KINDS)[number]

export const BOLO_KINDS = ['vehicle', 'person'] as const
export type BoloKind = (typeof BOLO_KINDS)[number]
