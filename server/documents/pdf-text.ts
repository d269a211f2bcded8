/**
 * Text helpers for PDFs drawn with the built-in Helvetica: it knows only the WinAnsi characters,
 * and a record must never lose a word, so text is made encodable and wrapped here, not clipped.
 */

/** Code points the standard fonts draw beyond Latin-1 (pdfkit's WinAnsi map). */
const WIN_ANSI_EXTRA = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014,
  0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039,
  0x203a, 0x20ac, 0x2122,
])

/** Readable stand-ins for characters the summaries and notes use that WinAnsi lacks. */
const STAND_INS: Record<string, string> = {
  '\u2192': '->',
  '\u2190': '<-',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2212': '-',
}

function isWinAnsi(codePoint: number): boolean {
  return (
    (codePoint >= 0x20 && codePoint <= 0x7e) ||
    (codePoint >= 0xa0 && codePoint <= 0xff) ||
    WIN_ANSI_EXTRA.has(codePoint)
  )
}

/**
 * The text in characters Helvetica can draw. Accents come off letters it lacks; anything else
 * is written as [U+XXXX], so a reader sees that a character was there rather than a blank.
 */
export function toWinAnsi(text: string): string {
  let out = ''
  for (const char of text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    const codePoint = char.codePointAt(0)!
    if (char === '\n' || isWinAnsi(codePoint)) {
      out += char
    } else if (STAND_INS[char]) {
      out += STAND_INS[char]
    } else if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) {
      continue
    } else {
      const bare = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
      const drawable = bare.length > 0 && [...bare].every((c) => isWinAnsi(c.codePointAt(0)!))
      out += drawable ? bare : `[U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}]`
    }
  }
  return out
}

/**
 * Greedy word wrap to `width`, measured by the caller's font. Line breaks in the text are kept;
 * a word wider than the line is broken between characters rather than cut off.
 */
export function wrapText(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const word of paragraph.split(/ +/).filter((w) => w.length > 0)) {
      const candidate = line ? `${line} ${word}` : word
      if (measure(candidate) <= width) {
        line = candidate
        continue
      }
      if (line) lines.push(line)
      line = ''
      let rest = word
      while (measure(rest) > width) {
        let cut = 1
        while (cut < rest.length && measure(rest.slice(0, cut + 1)) <= width) cut++
        lines.push(rest.slice(0, cut))
        rest = rest.slice(cut)
      }
      line = rest
    }
    lines.push(line)
  }
  return lines
}

const EASTERN = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
})

/** `05/14/2026 13:02:07 EDT`: Eastern time with the zone in force, so the fall-back hour is clear. */
export function formatEasternTime(at: string | Date): string {
  const parts = Object.fromEntries(
    EASTERN.formatToParts(new Date(at)).map((part) => [part.type, part.value]),
  )
  return `${parts.month}/${parts.day}/${parts.year} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`
}
