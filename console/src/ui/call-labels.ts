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
  device: 'Device fix',
  caller_stated: 'Caller stated',
}

/** What each source means, for the label's tooltip. */
export const SOURCE_HINTS: Record<LocationSource, string> = {
  ali: 'Legacy ALI: the location on file for the number',
  pidf_lo: 'NG911: the location the network sent with the call (PIDF-LO)',
  device: "NG911: the handset's own fix (GPS or network), sent with the call",
  caller_stated: 'What the caller said',
}

/** 911 lines are answered first; then by arrival, oldest first. */
export const LINE_ORDER: Record<CallLine, number> = {
  '911': 0,
  non_emergency: 1,
  switchboard: 2,
  admin: 3,
}
