/** Staff roles. Stored in the database exactly as written. */
export const ROLES = [
  'call_taker',
  'dispatcher',
  'supervisor',
  'records_clerk',
  'disability_coordinator',
  'alert_operator',
  'administrator',
  /** A system account: the phone system, the AVL gateway. */
  'integration',
] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  call_taker: 'Call taker',
  dispatcher: 'Dispatcher',
  supervisor: 'Supervisor',
  records_clerk: 'Records clerk',
  disability_coordinator: '911 disability coordinator',
  alert_operator: 'Alert operator',
  administrator: 'Administrator',
  integration: 'Integration (phone system, AVL)',
}
