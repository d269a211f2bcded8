import {
  AddNoteBody,
  ChangeNatureBody,
  ChangePriorityBody,
  CloseIncidentBody,
  Disposition,
  FollowUpLocationBody,
  Incident,
  IncidentLocationInput,
  ListIncidentsQuery,
  NatureCode,
  OpenIncidentBody,
  ReopenIncidentBody,
  NatureCodeParams,
  ReplaceResponsePlanBody,
  ResponsePlanLine,
} from '@common/api/incidents.ts'
import { IdParams } from '@common/api/schemas.ts'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import {
  addNote,
  changeLocation,
  changeNature,
  changePriority,
  closeIncident,
  followUpLocation,
  getIncident,
  listIncidents,
  listUnverifiedLocations,
  openIncident,
  reopenIncident,
} from './incidents.service.ts'
import { IncidentTimeline } from '@common/api/timeline.ts'
import { exportIncidentTimelinePdf, readIncidentTimeline } from './incident-timeline.ts'
import {
  listDispositions,
  listNatureCodes,
  listResponsePlans,
  replaceResponsePlan,
} from './reference.service.ts'
import { EidoDocument } from '@common/api/eido.ts'
import { readIncidentEido } from './eido/eido.service.ts'

const FLOOR = ['call_taker', 'dispatcher', 'supervisor'] as const
const DISPATCH = ['dispatcher', 'supervisor'] as const

export const incidentCoreRoutes = [
  route({
    method: 'GET',
    url: '/api/incidents',
    summary: 'Incidents, most urgent first',
    tag: 'incidents',
    access: 'staff',
    query: ListIncidentsQuery,
    response: z.array(Incident),
    handle: ({ ctx, query }) => listIncidents(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/incidents/unverified-locations',
    summary: 'Incidents whose location was used without verification: the follow-up list',
    tag: 'incidents',
    access: ['supervisor', 'administrator'],
    response: z.array(Incident),
    handle: ({ ctx }) => listUnverifiedLocations(ctx),
  }),
  route({
    method: 'GET',
    url: '/api/incidents/:id',
    summary: 'One incident with its units and narrative',
    tag: 'incidents',
    access: 'staff',
    params: IdParams,
    response: Incident,
    handle: ({ ctx, params }) => getIncident(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/incidents/:id/timeline',
    summary:
      'The timeline: every event of the incident, its units and its calls, with who and where',
    tag: 'incidents',
    access: 'staff',
    params: IdParams,
    query: z.object({ download: z.enum(['true', 'false']).optional() }),
    response: IncidentTimeline,
    async handle({ ctx, params, query, reply }) {
      const timeline = await readIncidentTimeline(ctx.db, ctx, params.id)
      if (query.download === 'true') {
        reply.header(
          'content-disposition',
          `attachment; filename="${timeline.number}-timeline.json"`,
        )
      }
      return timeline
    },
  }),
  route({
    method: 'GET',
    url: '/api/incidents/:id/timeline.pdf',
    summary: 'The timeline as a PDF attachment (application/pdf), for records requests and court',
    tag: 'incidents',
    access: 'staff',
    params: IdParams,
    async handle({ ctx, params, reply }) {
      const { filename, pdf } = await exportIncidentTimelinePdf(ctx, params.id)
      reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
      return pdf
    },
  }),
  route({
    method: 'GET',
    url: '/api/incidents/:id/eido',
    summary: 'The incident as a NENA EIDO (NENA-STA-021 JSON), for CAD-to-CAD exchange',
    tag: 'incidents',
    access: 'staff',
    params: IdParams,
    response: EidoDocument,
    handle: ({ ctx, params }) => readIncidentEido(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/incidents',
    summary: 'Open an incident that did not come from a call (officer-initiated, walk-in)',
    tag: 'incidents',
    access: FLOOR,
    body: OpenIncidentBody,
    response: Incident,
    status: 201,
    handle: ({ ctx, body }) => openIncident(ctx, body),
  }),
  route({
    method: 'POST',
    url: '/api/incidents/:id/priority',
    summary: 'Change the priority, saying why',
    tag: 'incidents',
    access: FLOOR,
    params: IdParams,
    body: ChangePriorityBody,
    response: Incident,
    handle: ({ ctx, params, body }) => changePriority(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/incidents/:id/nature',
    summary: 'Change the nature code, saying why',
    tag: 'incidents',
    access: FLOOR,
    params: IdParams,
    body: ChangeNatureBody,
    response: Incident,
    handle: ({ ctx, params, body }) => changeNature(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/incidents/:id/location',
    summary: 'Set a new location for the incident',
    tag: 'incidents',
    access: FLOOR,
    params: IdParams,
    body: IncidentLocationInput,
    response: Incident,
    handle: ({ ctx, params, body }) => changeLocation(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/incidents/:id/location/follow-up',
    summary: 'Take an unverified location off the follow-up list',
    tag: 'incidents',
    access: ['supervisor', 'administrator'],
    params: IdParams,
    body: FollowUpLocationBody,
    response: Incident,
    handle: ({ ctx, params, body }) => followUpLocation(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/incidents/:id/notes',
    summary: 'Add to the narrative (append-only; a correction names the note it replaces)',
    tag: 'incidents',
    access: FLOOR,
    params: IdParams,
    body: AddNoteBody,
    response: Incident,
    status: 201,
    handle: ({ ctx, params, body }) => addNote(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/incidents/:id/close',
    summary: 'Close the incident with a disposition (every unit cleared first)',
    tag: 'incidents',
    access: DISPATCH,
    params: IdParams,
    body: CloseIncidentBody,
    response: Incident,
    handle: ({ ctx, params, body }) => closeIncident(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/incidents/:id/reopen',
    summary: 'Reopen a closed incident, saying why',
    tag: 'incidents',
    access: DISPATCH,
    params: IdParams,
    body: ReopenIncidentBody,
    response: Incident,
    handle: ({ ctx, params, body }) => reopenIncident(ctx, params.id, body),
  }),
  route({
    method: 'GET',
    url: '/api/nature-codes',
    summary: 'Nature codes with default priority and APCO type',
    tag: 'incidents',
    access: 'staff',
    response: z.array(NatureCode),
    handle: ({ ctx }) => listNatureCodes(ctx),
  }),
  route({
    method: 'GET',
    url: '/api/dispositions',
    summary: 'Dispositions for calls and incidents',
    tag: 'incidents',
    access: 'staff',
    response: z.array(Disposition),
    handle: ({ ctx }) => listDispositions(ctx),
  }),
  route({
    method: 'GET',
    url: '/api/response-plans',
    summary: 'Run cards: unit types and counts per nature code, town and alarm level',
    tag: 'incidents',
    access: 'staff',
    response: z.array(ResponsePlanLine),
    handle: ({ ctx }) => listResponsePlans(ctx),
  }),
  route({
    method: 'PUT',
    url: '/api/response-plans/:natureCode',
    summary: "Replace a town's run card for a nature code, or the center-wide one",
    tag: 'incidents',
    access: ['administrator'],
    params: NatureCodeParams,
    body: ReplaceResponsePlanBody,
    response: z.array(ResponsePlanLine),
    handle: ({ ctx, params, body }) => replaceResponsePlan(ctx, params.natureCode, body),
  }),
]
