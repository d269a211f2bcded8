/** Kinds of workstation on the floor; the kind decides which scenes a console offers. */
export const POSITION_KINDS = [
  'call_taking',
  'dispatch',
  'supervisor',
  'records',
  'administration',
] as const
export type PositionKind = (typeof POSITION_KINDS)[number]

/**
 * Agent state of a staffed position, as a call distributor knows it: only a `ready` position
 * is offered ringing calls.
 */
export const POSITION_STATES = ['ready', 'not_ready', 'break', 'signed_off'] as const
export type PositionState = (typeof POSITION_STATES)[number]
