import type { Call, CallDelivery } from '@common/api/calls.ts'

/** RFC 7852 block names in the call taker's words. */
const BLOCK_LABELS: Record<string, string> = {
  ServiceInfo: 'Service',
  ProviderInfo: 'Provider',
  DeviceInfo: 'Device',
  SubscriberInfo: 'Subscriber',
  Comment: 'Comment',
}

export function blockLabel(block: string): string {
  return BLOCK_LABELS[block] ?? block
}

/**
 * Every problem met reading the call's data, once: a block's own problem is usually also in the
 * delivery's list (named by its block), and is added only when it is not.
 */
export function problemsOf(delivery: CallDelivery): string[] {
  const own = delivery.additionalData.flatMap((block) =>
    block.problems
      .filter((problem) => !delivery.problems.some((listed) => listed.includes(problem)))
      .map((problem) => `${blockLabel(block.block)}: ${problem}`),
  )
  return [...delivery.problems, ...own]
}

/**
 * Whether the call came over SIP, from what the ingress sets on it (trunk "NG911 UDP", "NG911
 * text", …). The workspace asks for the delivery only then: a 404 for every other call would fill
 * the browser's console with errors. A call wrongly guessed is harmless (its 404 shows nothing).
 */
export function cameOverSip(call: Pick<Call, 'trunk'>): boolean {
  return call.trunk?.startsWith('NG911') ?? false
}
