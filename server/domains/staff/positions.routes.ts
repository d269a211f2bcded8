import { CreatePositionBody, Position, SetPositionStateBody } from '@common/api/staff.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import { createPosition, listPositions, setPositionState } from './positions.service.ts'

/** What a workstation's log-on screen offers: no state, no names of people. */
const PositionDirectoryEntry = Position.pick({ code: true, name: true, kind: true })

export const positionRoutes = [
  route({
    method: 'GET',
    url: '/api/positions/directory',
    summary: 'Position codes, names and kinds, for the log-on screen',
    tag: 'staff',
    access: 'public',
    response: z.array(PositionDirectoryEntry),
    async handle({ ctx }) {
      const all = await listPositions(ctx)
      return all.map(({ code, name, kind }) => ({ code, name, kind }))
    },
  }),
  route({
    method: 'GET',
    url: '/api/positions',
    summary: 'Positions on the floor, their state and who sits at them',
    tag: 'staff',
    access: 'staff',
    response: z.array(Position),
    handle: ({ ctx }) => listPositions(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/positions',
    summary: 'Add a position (workstation)',
    tag: 'staff',
    access: ['administrator'],
    body: CreatePositionBody,
    response: Position,
    status: 201,
    handle: ({ ctx, body }) => createPosition(ctx, body),
  }),
  route({
    method: 'POST',
    url: '/api/positions/current/state',
    summary: "Set the agent state of the caller's position (ready, not ready, break)",
    tag: 'staff',
    access: 'staff',
    body: SetPositionStateBody,
    response: Position,
    handle: ({ ctx, body }) => setPositionState(ctx, body),
  }),
]
