/**
 * A phone number in E.164 (`+15085550123`), the one form resident phones are stored in and call
 * ANIs are matched in. North American numbers may come as 10 digits or as 11 starting with 1;
 * anything else must already carry its country code. Null for what is not a phone number.
 */
export function normalizePhone(text: string): string | null {
  const trimmed = text.trim()
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null
  const digits = trimmed.replace(/\D/g, '')
  if (trimmed.startsWith('+')) {
    return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null
  }
  if (digits.length === 10) return `+1${digits}`
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`
  return null
}
