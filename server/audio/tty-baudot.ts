import { goertzelPower } from './tones.ts'

/**
 * TTY (TDD) text in a call's audio: 45.45-baud Baudot, FSK with mark 1400 Hz and space 1800 Hz
 * (TIA-825-A). Each character is a start bit (space), five data bits (least significant first)
 * and a stop bit of 1.5 bits (mark); the tone is off between characters. A letters/figures shift
 * code changes what the next codes mean.
 */

export const SAMPLE_RATE = 8000
const BAUD = 45.45
const BIT = SAMPLE_RATE / BAUD // ≈ 176 samples
const MARK_HZ = 1400
const SPACE_HZ = 1800
const LTRS = 0x1f
const FIGS = 0x1b

// ITA2 codes 0–31 in the letters and the figures case (US TTY); '' is nothing to print.
const LETTERS = [
  '',
  'E',
  '\n',
  'A',
  ' ',
  'S',
  'I',
  'U',
  '\r',
  'D',
  'R',
  'J',
  'N',
  'F',
  'C',
  'K',
  'T',
  'Z',
  'L',
  'W',
  'H',
  'Y',
  'P',
  'Q',
  'O',
  'B',
  'G',
  '',
  'M',
  'X',
  'V',
  '',
]
const FIGURES = [
  '',
  '3',
  '\n',
  '-',
  ' ',
  "'",
  '8',
  '7',
  '\r',
  '$',
  '4',
  "'",
  ',',
  '!',
  ':',
  '(',
  '5',
  '"',
  ')',
  '2',
  '#',
  '6',
  '0',
  '1',
  '9',
  '?',
  '&',
  '',
  '.',
  '/',
  ';',
  '',
]

/** Whether a TTY can print the character (Baudot's letters and figures, space, line ends). */
export function isBaudotCharacter(char: string): boolean {
  return char !== '' && (LETTERS.includes(char) || FIGURES.includes(char))
}

/** Samples of `text` as TTY tones (upper case; what Baudot cannot carry is left out). */
export function encodeTty(text: string, amplitude = 8000): Int16Array {
  const codes: number[] = [LTRS]
  let figures = false
  for (const char of text.toUpperCase().replace(/\r?\n/g, '\r\n')) {
    const letter = LETTERS.indexOf(char)
    const figure = FIGURES.indexOf(char)
    if (char === ' ' || char === '\r' || char === '\n') codes.push(LETTERS.indexOf(char))
    else if (letter > 0) {
      if (figures) codes.push(LTRS)
      figures = false
      codes.push(letter)
    } else if (figure > 0) {
      if (!figures) codes.push(FIGS)
      figures = true
      codes.push(figure)
    }
  }
  const samples: number[] = []
  let phase = 0
  const tone = (frequency: number, length: number) => {
    const end = Math.round(samples.length + length)
    while (samples.length < end) {
      samples.push(Math.round(amplitude * Math.sin(phase)))
      phase += (2 * Math.PI * frequency) / SAMPLE_RATE
    }
  }
  for (const code of codes) {
    tone(SPACE_HZ, BIT)
    for (let bit = 0; bit < 5; bit++) tone((code >> bit) & 1 ? MARK_HZ : SPACE_HZ, BIT)
    tone(MARK_HZ, 1.5 * BIT)
  }
  // The carrier lingers briefly after the last character, as TTYs do.
  tone(MARK_HZ, 150 * (SAMPLE_RATE / 1000))
  return Int16Array.from(samples)
}

/** What the decoder makes of one block of about a quarter bit. */
type Tone = 'mark' | 'space' | 'none'
const BLOCK = 22

/**
 * Decodes TTY characters from audio fed in any chunks (RTP frames of 160 samples). It keeps only
 * what it needs between chunks, so it runs on every call's audio without growing.
 */
export class TtyDecoder {
  private tones: Tone[] = []
  private pending = new Int16Array(0)
  private figures = false
  /** Blocks already consumed at the front of `tones`. */
  private cursor = 0

  /** Feeds samples; returns the characters completed. */
  push(samples: ArrayLike<number>): string {
    // Whole blocks are classified where they lie; only the remainder is kept for the next chunk.
    const all = new Int16Array(this.pending.length + samples.length)
    all.set(this.pending)
    for (let i = 0; i < samples.length; i++) all[this.pending.length + i] = samples[i] as number
    let offset = 0
    for (; offset + BLOCK <= all.length; offset += BLOCK) this.tones.push(classify(all, offset))
    this.pending = all.slice(offset)
    return this.decode()
  }

  private decode(): string {
    const bitBlocks = BIT / BLOCK // 8 blocks a bit
    const charBlocks = Math.ceil(7.5 * bitBlocks)
    let out = ''
    for (;;) {
      // A start bit: space after anything else.
      while (
        this.cursor < this.tones.length &&
        !(this.tones[this.cursor] === 'space' && this.tones[this.cursor - 1] !== 'space')
      ) {
        this.cursor++
      }
      if (this.cursor + charBlocks > this.tones.length) break
      const at = (bit: number) => this.tones[Math.floor(this.cursor + (bit + 0.5) * bitBlocks)]
      if (at(0) !== 'space' || at(6) !== 'mark') {
        this.cursor++
        continue
      }
      let code = 0
      for (let bit = 0; bit < 5; bit++) if (at(bit + 1) === 'mark') code |= 1 << bit
      out += this.character(code)
      this.cursor += Math.floor(7 * bitBlocks)
    }
    // Forget what has been read, keeping a little for the next start-bit edge.
    const drop = Math.max(0, this.cursor - 1)
    this.tones = this.tones.slice(drop)
    this.cursor -= drop
    return out
  }

  private character(code: number): string {
    if (code === LTRS) {
      this.figures = false
      return ''
    }
    if (code === FIGS) {
      this.figures = true
      return ''
    }
    // A space switches a TTY back to letters (unshift on space).
    if (code === 0x04) this.figures = false
    return (this.figures ? FIGURES : LETTERS)[code] ?? ''
  }
}

function classify(samples: Int16Array, from: number): Tone {
  const to = from + BLOCK
  let energy = 0
  for (let i = from; i < to; i++) energy += (samples[i] as number) ** 2
  // Too quiet, or (below) neither tone carries most of the block's energy: no TTY tone here.
  if (energy < BLOCK * 200 * 200) return 'none'
  const mark = goertzelPower(samples, MARK_HZ, SAMPLE_RATE, from, to)
  const space = goertzelPower(samples, SPACE_HZ, SAMPLE_RATE, from, to)
  const total = (energy * BLOCK) / 2
  if (Math.max(mark, space) < 0.3 * total) return 'none'
  return mark > space ? 'mark' : 'space'
}
