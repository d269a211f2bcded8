/**
 * SDP offer/answer (RFC 3264) for what a PSAP takes today: one audio stream in G.711 (PCMU
 * preferred, PCMA accepted) with RFC 4733 telephone-events. Any other stream (text, message,
 * video, a second audio) is declined with port 0 so that the call itself goes on.
 */

export type Codec = 'PCMU' | 'PCMA'

export interface SdpMedia {
  kind: string
  port: number
  proto: string
  formats: string[]
  /** payload type → encoding name/rate, from a=rtpmap. */
  rtpmap: Map<string, { name: string; rate: number }>
  direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive'
  connection: string | null
}

export interface SdpOffer {
  connection: string | null
  media: SdpMedia[]
}

export class SdpError extends Error {}

export function parseSdp(text: string): SdpOffer {
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0)
  if (!lines[0]?.startsWith('v=0')) throw new SdpError('SDP must start with v=0')
  let sessionConnection: string | null = null
  const media: SdpMedia[] = []
  let current: SdpMedia | null = null
  let sessionDirection: SdpMedia['direction'] = 'sendrecv'
  for (const line of lines) {
    const type = line[0]
    const value = line.slice(2)
    if (line[1] !== '=') throw new SdpError(`bad SDP line: ${line.slice(0, 40)}`)
    if (type === 'm') {
      const [kind = '', port = '', proto = '', ...formats] = value.split(/\s+/)
      const portNumber = Number(port.split('/')[0])
      if (
        !kind ||
        !Number.isInteger(portNumber) ||
        portNumber < 0 ||
        portNumber > 65535 ||
        !proto
      ) {
        throw new SdpError(`bad m= line: ${value.slice(0, 60)}`)
      }
      current = {
        kind,
        port: portNumber,
        proto,
        formats,
        rtpmap: new Map(),
        direction: sessionDirection,
        connection: null,
      }
      media.push(current)
    } else if (type === 'c') {
      const address = /^IN IP[46] (\S+)/.exec(value)?.[1] ?? null
      if (current) current.connection = address
      else sessionConnection = address
    } else if (type === 'a') {
      const direction = ['sendrecv', 'sendonly', 'recvonly', 'inactive'].find((d) => value === d)
      if (direction) {
        if (current) current.direction = direction as SdpMedia['direction']
        else sessionDirection = direction as SdpMedia['direction']
      }
      const rtpmap = /^rtpmap:(\d+) ([^/\s]+)\/(\d+)/.exec(value)
      if (rtpmap && current) {
        current.rtpmap.set(rtpmap[1] ?? '', {
          name: (rtpmap[2] ?? '').toUpperCase(),
          rate: Number(rtpmap[3]),
        })
      }
    }
  }
  return { connection: sessionConnection, media }
}

/** What was agreed for the audio stream. */
export interface AudioAgreement {
  codec: Codec
  payloadType: number
  /** The telephone-event payload type when the offer had one (DTMF, RFC 4733). */
  dtmfPayloadType: number | null
  remoteAddress: string
  remotePort: number
  direction: SdpMedia['direction']
}

export interface SdpAnswer {
  audio: AudioAgreement
  text: string
  /** The kinds of the streams declined with port 0, e.g. ['text', 'message']. */
  declined: string[]
}

const STATIC: Record<string, Codec> = { '0': 'PCMU', '8': 'PCMA' }

function codecOf(media: SdpMedia, format: string): Codec | null {
  const mapped = media.rtpmap.get(format)
  if (mapped) {
    return (mapped.name === 'PCMU' || mapped.name === 'PCMA') && mapped.rate === 8000
      ? mapped.name
      : null
  }
  return STATIC[format] ?? null
}

/**
 * Answers an offer: the first audio stream over RTP/AVP with a G.711 format the caller listed
 * first wins; null when there is none (the caller answers 488 with a Warning).
 */
export function answerOffer(
  offer: SdpOffer,
  local: { address: string; port: number; sessionId: number },
): SdpAnswer | null {
  let audio: AudioAgreement | null = null
  const lines = [
    'v=0',
    `o=ecc ${local.sessionId} 1 IN IP4 ${local.address}`,
    's=-',
    `c=IN IP4 ${local.address}`,
    't=0 0',
  ]
  const declined: string[] = []
  for (const media of offer.media) {
    const usable: boolean =
      !audio &&
      media.kind === 'audio' &&
      media.proto.toUpperCase() === 'RTP/AVP' &&
      media.port !== 0
    const format: string | undefined = usable
      ? media.formats.find((f) => codecOf(media, f) !== null)
      : undefined
    const codec: Codec | null = format === undefined ? null : codecOf(media, format)
    const remoteAddress = media.connection ?? offer.connection
    if (format === undefined || !codec || !remoteAddress) {
      // Declined: same kind, proto and formats, port 0 (RFC 3264 §6).
      lines.push(`m=${media.kind} 0 ${media.proto} ${media.formats.join(' ')}`)
      if (media.kind !== 'audio' || audio) declined.push(media.kind)
      continue
    }
    const dtmf = [...media.rtpmap.entries()].find(
      ([, map]) => map.name === 'TELEPHONE-EVENT' && map.rate === 8000,
    )?.[0]
    const direction = answerDirection(media.direction)
    audio = {
      codec,
      payloadType: Number(format),
      dtmfPayloadType: dtmf === undefined ? null : Number(dtmf),
      remoteAddress,
      remotePort: media.port,
      direction,
    }
    lines.push(`m=audio ${local.port} RTP/AVP ${format}${dtmf === undefined ? '' : ` ${dtmf}`}`)
    lines.push(`a=rtpmap:${format} ${codec}/8000`)
    if (dtmf !== undefined) {
      lines.push(`a=rtpmap:${dtmf} telephone-event/8000`, `a=fmtp:${dtmf} 0-16`)
    }
    lines.push('a=ptime:20', `a=${direction}`)
  }
  if (!audio) return null
  return { audio, text: lines.join('\r\n') + '\r\n', declined }
}

function answerDirection(offered: SdpMedia['direction']): SdpMedia['direction'] {
  if (offered === 'sendonly') return 'recvonly'
  if (offered === 'recvonly') return 'sendonly'
  return offered
}
