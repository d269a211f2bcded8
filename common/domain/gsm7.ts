/**
 * The GSM 03.38 7-bit alphabet text messages and Wireless Emergency Alerts are written in. A
 * character outside it forces UCS-2 on the phone network, which cuts a message to 70
 * characters; characters of the extension table take two septets each.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
const EXTENDED = '^{}\\[~]|€\f'

const basic = new Set(BASIC)
const extended = new Set(EXTENDED)

export interface Gsm7Check {
  /** Septets the text takes (extension characters count two). */
  length: number
  /** Characters outside the alphabet, each once, in order of first use. */
  invalid: string[]
}

export function checkGsm7(text: string): Gsm7Check {
  let length = 0
  const invalid: string[] = []
  for (const character of text) {
    if (basic.has(character)) length += 1
    else if (extended.has(character)) length += 2
    else {
      length += 1
      if (!invalid.includes(character)) invalid.push(character)
    }
  }
  return { length, invalid }
}
