/** RTP packets (RFC 3550) and RFC 4733 telephone events, read from UDP datagrams. */

export interface RtpPacket {
  payloadType: number
  marker: boolean
  sequence: number
  timestamp: number
  ssrc: number
  payload: Buffer
}

/** Reads one RTP packet; null for anything that is not RTP version 2 or is cut short. */
export function parseRtp(datagram: Buffer): RtpPacket | null {
  if (datagram.length < 12) return null
  const first = datagram[0] as number
  if (first >> 6 !== 2) return null
  const padding = (first & 0x20) !== 0
  const extension = (first & 0x10) !== 0
  const csrcCount = first & 0x0f
  const second = datagram[1] as number
  let offset = 12 + 4 * csrcCount
  if (extension) {
    if (datagram.length < offset + 4) return null
    offset += 4 + 4 * datagram.readUInt16BE(offset + 2)
  }
  let end = datagram.length
  if (padding) end -= datagram[datagram.length - 1] as number
  if (offset > end) return null
  return {
    payloadType: second & 0x7f,
    marker: (second & 0x80) !== 0,
    sequence: datagram.readUInt16BE(2),
    timestamp: datagram.readUInt32BE(4),
    ssrc: datagram.readUInt32BE(8),
    payload: datagram.subarray(offset, end),
  }
}

/** Writes an RTP packet (no CSRC, no extension). */
export function buildRtp(packet: Omit<RtpPacket, 'payload'> & { payload: Buffer }): Buffer {
  const header = Buffer.alloc(12)
  header[0] = 0x80
  header[1] = (packet.marker ? 0x80 : 0) | (packet.payloadType & 0x7f)
  header.writeUInt16BE(packet.sequence & 0xffff, 2)
  header.writeUInt32BE(packet.timestamp >>> 0, 4)
  header.writeUInt32BE(packet.ssrc >>> 0, 8)
  return Buffer.concat([header, packet.payload])
}

const DTMF_EVENTS = '0123456789*#ABCD'

export interface TelephoneEvent {
  /** '0'–'9', '*', '#', 'A'–'D', or `event-<n>` for the others (flash, tones). */
  key: string
  end: boolean
  durationSamples: number
}

/** An RFC 4733 payload: 4 bytes (event, E/R/volume, duration). */
export function parseTelephoneEvent(payload: Buffer): TelephoneEvent | null {
  if (payload.length < 4) return null
  const event = payload[0] as number
  return {
    key: DTMF_EVENTS[event] ?? `event-${event}`,
    end: ((payload[1] as number) & 0x80) !== 0,
    durationSamples: payload.readUInt16BE(2),
  }
}

/**
 * Collects the keys pressed: an event is sent several times (and its end packet three times);
 * it counts once, keyed by its RTP timestamp (RFC 4733 §2.5.1.3).
 */
export class DtmfCollector {
  private readonly seen = new Set<number>()
  readonly keys: Array<{ key: string; timestamp: number }> = []

  add(packet: RtpPacket): string | null {
    const event = parseTelephoneEvent(packet.payload)
    if (!event || !event.end || this.seen.has(packet.timestamp)) return null
    this.seen.add(packet.timestamp)
    this.keys.push({ key: event.key, timestamp: packet.timestamp })
    return event.key
  }
}
