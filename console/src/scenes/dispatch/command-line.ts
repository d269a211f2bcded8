import type { UnitStatus } from '@common/domain/units.ts'

/**
 * The dispatcher's command line, parsed and resolved without the browser so it can be tested
 * alone. One grammar, verb first, then units, then the incident or free text:
 *
 *   D <unit> [<unit>…] <incident>   dispatch
 *   ENR|OS|TR|AH|AV|IQ <unit> […]   en route, on scene, transporting, at hospital, available, in quarters
 *   OOS <unit> <reason…>            out of service (a reason is required)
 *   CLR <unit> [<incident>]         clear from an incident (the unit's own by default)
 *   N <incident> <text…>            narrative
 *
 * An incident is its number (WFD-2026-000123) or the number's last digits (123) when only one
 * open incident ends so. Units are their codes; case does not matter.
 */

export const STATUS_VERBS = {
  ENR: 'en_route',
  OS: 'on_scene',
  TR: 'transporting',
  AH: 'at_hospital',
  AV: 'available',
  IQ: 'in_quarters',
} as const satisfies Record<string, UnitStatus>
type StatusVerb = keyof typeof STATUS_VERBS

export const COMMAND_HELP: readonly { usage: string; meaning: string }[] = [
  { usage: 'D <unit…> <incident>', meaning: 'dispatch' },
  { usage: 'ENR <unit…>', meaning: 'en route' },
  { usage: 'OS <unit…>', meaning: 'on scene' },
  { usage: 'TR <unit…>', meaning: 'transporting' },
  { usage: 'AH <unit…>', meaning: 'at hospital' },
  { usage: 'AV <unit…>', meaning: 'available' },
  { usage: 'IQ <unit…>', meaning: 'in quarters' },
  { usage: 'OOS <unit> <reason>', meaning: 'out of service' },
  { usage: 'CLR <unit> [<incident>]', meaning: 'clear' },
  { usage: 'N <incident> <text>', meaning: 'narrative' },
]

export type Command =
  | { kind: 'dispatch'; units: string[]; incident: string }
  | { kind: 'status'; status: UnitStatus; units: string[] }
  | { kind: 'out_of_service'; unit: string; reason: string }
  | { kind: 'clear'; unit: string; incident: string | null }
  | { kind: 'note'; incident: string; text: string }

/** A refusal, naming the token it stumbled on (null when something is missing). */
export interface CommandError {
  message: string
  token: string | null
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: CommandError }

const fail = (
  message: string,
  token: string | null = null,
): { ok: false; error: CommandError } => ({
  ok: false,
  error: { message, token },
})

/** Splits on spaces; the rest of the line after `count` words is kept verbatim (reasons, notes). */
function words(text: string, count: number): { head: string[]; rest: string } {
  const head: string[] = []
  let rest = text.trim()
  while (head.length < count && rest.length > 0) {
    const match = /^(\S+)\s*/.exec(rest)!
    head.push(match[1]!)
    rest = rest.slice(match[0].length)
  }
  return { head, rest }
}

export function parseCommand(line: string): Parsed<Command> {
  const tokens = line.trim().split(/\s+/).filter(Boolean)
  const verbToken = tokens[0]
  if (!verbToken) return fail('type a command, e.g. D E12 WFD-2026-000123')
  const verb = verbToken.toUpperCase()
  const args = tokens.slice(1)

  if (verb === 'D') {
    if (args.length < 2) return fail('D needs at least one unit and an incident: D E12 <incident>')
    return {
      ok: true,
      value: { kind: 'dispatch', units: args.slice(0, -1), incident: args[args.length - 1]! },
    }
  }
  if (verb in STATUS_VERBS) {
    if (args.length === 0) return fail(`${verb} needs a unit: ${verb} E12`)
    return {
      ok: true,
      value: { kind: 'status', status: STATUS_VERBS[verb as StatusVerb], units: args },
    }
  }
  if (verb === 'OOS') {
    const { head, rest } = words(line, 2)
    if (!head[1]) return fail('OOS needs a unit and a reason: OOS E12 mechanical')
    if (!rest) return fail(`OOS ${head[1]} needs a reason: OOS ${head[1]} mechanical`)
    return { ok: true, value: { kind: 'out_of_service', unit: head[1], reason: rest } }
  }
  if (verb === 'CLR') {
    if (args.length === 0) return fail('CLR needs a unit: CLR E12 [<incident>]')
    if (args.length > 2) return fail('CLR takes one unit and at most one incident', args[2])
    return { ok: true, value: { kind: 'clear', unit: args[0]!, incident: args[1] ?? null } }
  }
  if (verb === 'N') {
    const { head, rest } = words(line, 2)
    if (!head[1]) return fail('N needs an incident and the text: N 123 caller says…')
    if (!rest) return fail(`N ${head[1]} needs the text of the note`)
    return { ok: true, value: { kind: 'note', incident: head[1], text: rest } }
  }
  return fail(`unknown command "${verbToken}"`, verbToken)
}

/** What the command line needs to know of the floor: codes and numbers to ids. */
export interface UnitRef {
  id: string
  code: string
  incidentId: string | null
}
export interface IncidentRef {
  id: string
  number: string
}

export type ResolvedCommand =
  | { kind: 'dispatch'; units: UnitRef[]; incident: IncidentRef }
  | { kind: 'status'; status: UnitStatus; units: UnitRef[] }
  | { kind: 'out_of_service'; unit: UnitRef; reason: string }
  | { kind: 'clear'; unit: UnitRef; incident: IncidentRef }
  | { kind: 'note'; incident: IncidentRef; text: string }

export function findUnit(units: readonly UnitRef[], token: string): Parsed<UnitRef> {
  const code = token.toUpperCase()
  const unit = units.find((candidate) => candidate.code.toUpperCase() === code)
  if (!unit) {
    const hint =
      token.length > 1 && !/\d/.test(token) ? ' (OOS <unit> <reason> for out of service)' : ''
    return fail(`unknown unit "${token}"${hint}`, token)
  }
  return { ok: true, value: unit }
}

export function findIncident(
  incidents: readonly IncidentRef[],
  token: string,
): Parsed<IncidentRef> {
  const upper = token.toUpperCase()
  const exact = incidents.find((incident) => incident.number.toUpperCase() === upper)
  if (exact) return { ok: true, value: exact }
  if (/^\d+$/.test(token)) {
    const wanted = Number(token)
    const matches = incidents.filter((incident) => {
      const tail = /(\d+)$/.exec(incident.number)
      return tail !== null && Number(tail[1]) === wanted
    })
    if (matches.length === 1) return { ok: true, value: matches[0]! }
    if (matches.length > 1) {
      return fail(
        `"${token}" matches ${matches.map((m) => m.number).join(', ')}: type the whole number`,
        token,
      )
    }
  }
  return fail(`no open incident "${token}"`, token)
}

function findUnits(units: readonly UnitRef[], tokens: string[]): Parsed<UnitRef[]> {
  const found: UnitRef[] = []
  for (const token of tokens) {
    const unit = findUnit(units, token)
    if (!unit.ok) return unit
    found.push(unit.value)
  }
  return { ok: true, value: found }
}

/** Turns codes and numbers into the records they name, against the floor as shown. */
export function resolveCommand(
  command: Command,
  floor: { units: readonly UnitRef[]; incidents: readonly IncidentRef[] },
): Parsed<ResolvedCommand> {
  switch (command.kind) {
    case 'dispatch': {
      const units = findUnits(floor.units, command.units)
      if (!units.ok) return units
      const incident = findIncident(floor.incidents, command.incident)
      if (!incident.ok) return incident
      return { ok: true, value: { kind: 'dispatch', units: units.value, incident: incident.value } }
    }
    case 'status': {
      const units = findUnits(floor.units, command.units)
      if (!units.ok) return units
      return { ok: true, value: { kind: 'status', status: command.status, units: units.value } }
    }
    case 'out_of_service': {
      const unit = findUnit(floor.units, command.unit)
      if (!unit.ok) return unit
      return {
        ok: true,
        value: { kind: 'out_of_service', unit: unit.value, reason: command.reason },
      }
    }
    case 'clear': {
      const unit = findUnit(floor.units, command.unit)
      if (!unit.ok) return unit
      if (command.incident === null) {
        const own = floor.incidents.find((incident) => incident.id === unit.value.incidentId)
        if (!own) {
          return fail(
            `${unit.value.code} is on no open incident: CLR ${unit.value.code} <incident>`,
            command.unit,
          )
        }
        return { ok: true, value: { kind: 'clear', unit: unit.value, incident: own } }
      }
      const incident = findIncident(floor.incidents, command.incident)
      if (!incident.ok) return incident
      return { ok: true, value: { kind: 'clear', unit: unit.value, incident: incident.value } }
    }
    case 'note': {
      const incident = findIncident(floor.incidents, command.incident)
      if (!incident.ok) return incident
      return { ok: true, value: { kind: 'note', incident: incident.value, text: command.text } }
    }
  }
}
