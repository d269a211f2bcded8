/** The center's lines: 911, complaint (non-emergency) calls, the switchboard, administrative. */
export const CALL_LINES = ['911', 'non_emergency', 'switchboard', 'admin'] as const
export type CallLine = (typeof CALL_LINES)[number]

/** The call's line state as the phone system reports it. */
export const CALL_STATUSES = ['ringing', 'answered', 'released'] as const
export type CallStatus = (typeof CALL_STATUSES)[number]

/** Where a location came from: legacy ALI, NG911 PIDF-LO, the handset, or the caller's words. */
export const LOCATION_SOURCES = ['ali', 'pidf_lo', 'device', 'caller_stated'] as const
export type LocationSource = (typeof LOCATION_SOURCES)[number]

export const CALL_ATTACHMENTS = ['originating', 'duplicate'] as const
export type CallAttachment = (typeof CALL_ATTACHMENTS)[number]
