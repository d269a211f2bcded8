import type { ErrorCode } from '@common/api/errors.ts'

/** A domain error: services throw these, never HTTP errors; the edge decides the status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** The one place where an error code becomes an HTTP status. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  not_authenticated: 401,
  session_expired: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  account_locked: 423,
  not_found: 404,
  user_not_found: 404,
  agency_not_found: 404,
  position_not_found: 404,
  conflict: 409,
  username_taken: 409,
  agency_code_taken: 409,
  position_code_taken: 409,
  position_occupied: 409,
  premise_caution_not_found: 404,
  premise_caution_already_removed: 409,
  bolo_not_found: 404,
  bolo_already_cancelled: 409,
  audit_retention: 409,
  idempotency_key_reused: 422,
  unit_not_found: 404,
  unit_code_taken: 409,
  station_not_found: 404,
  unit_not_available: 409,
  status_transition_not_allowed: 409,
  unit_not_assigned: 409,
  unit_already_assigned: 409,
  incident_not_found: 404,
  incident_closed: 409,
  incident_not_closed: 409,
  units_still_assigned: 409,
  nature_code_not_found: 404,
  disposition_not_found: 404,
  note_not_found: 404,
  note_already_superseded: 409,
  call_not_found: 404,
  call_closed: 409,
  call_not_answered: 409,
  call_already_linked: 409,
  call_location_not_found: 404,
  unit_timer_not_found: 404,
  already_acknowledged: 409,
  unit_emergency_open: 409,
  unit_emergency_not_found: 404,
  unit_emergency_stopped: 409,
  email_taken: 409,
  phone_not_found: 404,
  phone_taken: 409,
  phone_code_wrong: 400,
  phone_code_spent: 410,
  safety_profile_not_found: 404,
  photo_not_found: 404,
  photo_type_not_allowed: 415,
  photo_too_large: 413,
  disability_request_not_found: 404,
  disability_request_decided: 409,
  disability_indicator_not_found: 404,
  disability_indicator_inactive: 409,
  recording_not_found: 404,
  recording_media_expired: 410,
  recording_too_large: 413,
  recording_type_not_allowed: 415,
  records_request_not_found: 404,
  download_link_expired: 410,
  alert_not_found: 404,
  alert_template_not_found: 404,
  alert_not_editable: 409,
  alert_send_blocked: 409,
  alert_self_approval: 409,
  internal_error: 500,
}

export function statusOf(code: ErrorCode): number {
  return STATUS_BY_CODE[code]
}
