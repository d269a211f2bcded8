/** A North American E.164 number as residents write it: +15085550199 → (508) 555-0199. */
export function phoneText(e164: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164)
  return match ? `(${match[1]}) ${match[2]}-${match[3]}` : e164
}
