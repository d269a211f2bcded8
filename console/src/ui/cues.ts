/**
 * Audible cues: a new 911 call, a unit emergency, a caller gone silent. Made with the Web Audio API (no sound files to
 * ship). Muting is per position, remembered by the workstation. Each cue counts itself on the
 * page, `data-cues` when it sounded and `data-muted-cues` when muted: that is how the browser
 * journeys hear it.
 */
export type Cue = 'call_911' | 'emergency' | 'no_audio'

const TONES: Record<Cue, { hz: number[]; beepMs: number }> = {
  call_911: { hz: [880, 660], beepMs: 180 },
  emergency: { hz: [1200, 800, 1200, 800], beepMs: 220 },
  no_audio: { hz: [520, 520], beepMs: 120 },
}

let audio: AudioContext | null = null

export function mutedKey(positionCode: string | null): string {
  return `ecc.muted.${positionCode ?? 'none'}`
}

export function isMuted(positionCode: string | null): boolean {
  return localStorage.getItem(mutedKey(positionCode)) === '1'
}

export function setMuted(positionCode: string | null, muted: boolean): void {
  localStorage.setItem(mutedKey(positionCode), muted ? '1' : '0')
}

export function playCue(cue: Cue, positionCode: string | null): void {
  const root = document.documentElement
  const muted = isMuted(positionCode)
  const counter = muted ? 'mutedCues' : 'cues'
  root.dataset[counter] = String(Number(root.dataset[counter] ?? 0) + 1)
  root.dataset.lastCue = cue
  if (muted) return
  try {
    audio ??= new AudioContext()
    const { hz, beepMs } = TONES[cue]
    let at = audio.currentTime
    for (const frequency of hz) {
      const oscillator = audio.createOscillator()
      const gain = audio.createGain()
      oscillator.frequency.value = frequency
      gain.gain.value = 0.2
      oscillator.connect(gain).connect(audio.destination)
      oscillator.start(at)
      oscillator.stop(at + beepMs / 1000)
      at += beepMs / 1000 + 0.05
    }
  } catch {
    // No audio device (a headless browser): the visual cue still shows.
  }
}
