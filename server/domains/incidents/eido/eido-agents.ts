import type { EidoAgent, EidoReference } from '@common/api/eido.ts'
import type { TimelineEntry } from '@common/api/timeline.ts'
import type { Role } from '@common/domain/roles.ts'
import { AGENT_ROLE } from './eido-registries.ts'
import { latest, type EidoIds } from './eido-ids.ts'

type AgentRole = (typeof AGENT_ROLE)[keyof typeof AGENT_ROLE]

/** Something a member of staff did on the incident; `role` null when it says nothing of one. */
export interface StaffAct {
  userId: string
  role: AgentRole | null
  at: Date
  positionCode: string | null
}

export interface StaffMember {
  id: string
  display_name: string
  roles: Role[]
}

/**
 * What the timeline says each person did: work on a call (answering, attaching, opening the
 * incident from it) is call taking; a note is neither; anything else on the incident or its units
 * is dispatching.
 */
export function actsOfTimeline(entries: TimelineEntry[]): StaffAct[] {
  return entries.flatMap((entry) => {
    if (!entry.actorUserId) return []
    const fromCall =
      entry.stream.startsWith('call:') ||
      (entry.type === 'incident.created' && typeof entry.payload.callId === 'string')
    const role =
      entry.type === 'incident.note_added'
        ? null
        : fromCall
          ? AGENT_ROLE.callTaking
          : AGENT_ROLE.dispatching
    return [
      {
        userId: entry.actorUserId,
        role,
        at: new Date(entry.at),
        positionCode: entry.actorPositionCode,
      },
    ]
  })
}

/** The role of someone who only wrote notes: what their account says they do. */
function roleOfAccount(roles: Role[]): AgentRole {
  if (roles.includes('dispatcher') || roles.includes('supervisor')) return AGENT_ROLE.dispatching
  return roles.includes('call_taker') ? AGENT_ROLE.callTaking : AGENT_ROLE.dispatching
}

/**
 * One Agent component per member of staff who acted, keyed by user id. Integration accounts (the
 * phone system, AVL) are machines feeding the center, not agents of it, and are left out.
 * Everyone here works at the center, so every agent belongs to it.
 */
export function buildAgents(
  ids: EidoIds,
  acts: StaffAct[],
  staff: StaffMember[],
): Map<string, EidoAgent> {
  const agents = new Map<string, EidoAgent>()
  for (const member of staff) {
    if (member.roles.includes('integration')) continue
    const own = acts.filter((act) => act.userId === member.id).sort((a, b) => +a.at - +b.at)
    if (own.length === 0) continue
    const roles = new Set(own.flatMap((act) => (act.role ? [act.role] : [])))
    if (roles.size === 0) roles.add(roleOfAccount(member.roles))
    const position = own.findLast((act) => act.positionCode)?.positionCode
    agents.set(member.id, {
      ...ids.prologue('agent', member.id, latest(...own.map((act) => act.at))),
      agentJcard: jCard(member.display_name),
      ...(position ? { agentWorkstationPositionIdentification: position } : {}),
      agentRoleRegistryText: [...roles].sort(),
      agencyReference: ids.center,
    })
  }
  return agents
}

/** A reference to the agent of a user, when that user is one in this document. */
export function agentRef(
  agents: Map<string, EidoAgent>,
  userId: string | null,
): EidoReference | undefined {
  const agent = userId ? agents.get(userId) : undefined
  return agent ? { $ref: agent.$id } : undefined
}

/** A minimal jCard (RFC 7095): the formatted name. */
export function jCard(name: string): string {
  return JSON.stringify([
    'vcard',
    [
      ['version', {}, 'text', '4.0'],
      ['fn', {}, 'text', name],
    ],
  ])
}
