import type { CallLine, LocationSource } from '@common/domain/calls.ts'

export const LINE_LABELS: Record<CallLine, string> = {
  '911': '911',
  non_emergency: 'Non-emergency',
  switchboard: 'Switchboard',
  admin: 'Admin',
}

export const SOURCE_LABELS: Record<LocationSource, string> = {
  ali: 'ALI',
  pidf_lo: 'PIDF-LO',
  device: 'Device',
  caller_stated: 'Caller stated',
}

/** 911 lines are answered first; then by arrival, oldest first. */
export const LINE_ORDER: Record<CallLine, number> = {
  '911': 0,
  non_emergency: 1,
  switchboard: 2,
  admin: 3,
}
