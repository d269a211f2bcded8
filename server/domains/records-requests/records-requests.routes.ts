import { createReadStream } from 'node:fs'
import {
  CandidateCall,
  CheckPaymentBody,
  DownloadParams,
  Holiday,
  HolidayBody,
  HolidayParams,
  HolidayYearQuery,
  HoursBody,
  IdCheckBody,
  InvestigatorConfirmationBody,
  LetterParams,
  MatchCallBody,
  NumberProofBody,
  PaperRecordsRequestForm,
  PortalRecordsRequest,
  RecordsQueueQuery,
  RecordsRequest,
  RecordsRequestForm,
  RefusalBody,
  ReleaseBody,
  ReleasedFileParams,
  ReleasedRecordsRequest,
} from '@common/api/records-requests.ts'
import { IdParams } from '@common/api/schemas.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import { deleteHoliday, listHolidayYear, saveHoliday } from './calendar.service.ts'
import {
  confirmInvestigator,
  matchCall,
  proveNumber,
  recordIdCheck,
  refuseRequest,
  sendNumberCode,
} from './eligibility.service.ts'
import { getLetter, getMyLetter, type LetterFile } from './letters.service.ts'
import { recordPayment, setHours } from './payments.service.ts'
import {
  enterPaperRequest,
  fileRecordsRequest,
  getMyRequest,
  getRequest,
  listCandidates,
  listMyRequests,
  listQueue,
} from './records-requests.service.ts'
import {
  downloadByToken,
  downloadMine,
  releaseRequest,
  type DownloadFile,
} from './release.service.ts'

const CLERKS = ['records_clerk', 'supervisor'] as const
const CALENDAR_KEEPERS = ['records_clerk', 'supervisor', 'administrator'] as const
const TAG = 'records-requests'

/** Where the requester reaches this server, for the links in their message. */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`
}

function sendFile(reply: FastifyReply, file: DownloadFile): FastifyReply {
  return reply
    .code(200)
    .type(file.contentType)
    .header('content-length', file.byteSize)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(createReadStream(file.filePath))
}

function sendLetter(reply: FastifyReply, letter: LetterFile): FastifyReply {
  return reply
    .code(200)
    .type('application/pdf')
    .header('content-disposition', `attachment; filename="${letter.fileName}"`)
    .header('cache-control', 'no-store')
    .send(letter.pdf)
}

const portalRoutes = [
  route({
    method: 'POST',
    url: '/api/portal/records-requests',
    summary: 'Ask for the recording of one 911 call (a third party is refused at once)',
    tag: 'portal',
    access: 'resident',
    body: RecordsRequestForm,
    response: PortalRecordsRequest,
    status: 201,
    handle: ({ ctx, body }) => fileRecordsRequest(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/api/portal/records-requests',
    summary: "The resident's records requests, newest first",
    tag: 'portal',
    access: 'resident',
    response: z.array(PortalRecordsRequest),
    handle: ({ ctx }) => listMyRequests(ctx),
  }),
  route({
    method: 'GET',
    url: '/api/portal/records-requests/:id',
    summary: "One of the resident's records requests",
    tag: 'portal',
    access: 'resident',
    params: IdParams,
    response: PortalRecordsRequest,
    handle: ({ ctx, params }) => getMyRequest(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/portal/records-requests/:id/number-code',
    summary: 'Text a 6-digit code to the number the caller says made the call',
    tag: 'portal',
    access: 'resident',
    params: IdParams,
    response: PortalRecordsRequest,
    handle: ({ ctx, params }) => sendNumberCode(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/portal/records-requests/:id/number-proof',
    summary: 'The code back: the number is proven; the caller is eligible if it made the call',
    tag: 'portal',
    access: 'resident',
    params: IdParams,
    body: NumberProofBody,
    response: PortalRecordsRequest,
    handle: ({ ctx, params, body }) => proveNumber(ctx, params.id, body.code),
  }),
  route({
    method: 'GET',
    url: '/api/portal/records-requests/:id/letters/:letter',
    summary: 'A letter on the request, as a PDF (refusal, receipt or release)',
    tag: 'portal',
    access: 'resident',
    params: LetterParams,
    handle: async ({ ctx, params, reply }) =>
      sendLetter(reply, await getMyLetter(ctx, params.id, params.letter)),
  }),
  route({
    method: 'GET',
    url: '/api/portal/records-requests/:id/files/:recordingId',
    summary: 'A file released on the request (logged in its chain of custody)',
    tag: 'portal',
    access: 'resident',
    params: ReleasedFileParams,
    handle: async ({ ctx, params, reply }) =>
      sendFile(reply, await downloadMine(ctx, params.id, params.recordingId)),
  }),
]

const clerkRoutes = [
  route({
    method: 'POST',
    url: '/api/records-requests',
    summary: 'Enter a paper request (the clock starts on the day it was received)',
    tag: TAG,
    access: CLERKS,
    body: PaperRecordsRequestForm,
    response: RecordsRequest,
    status: 201,
    handle: ({ ctx, body }) => enterPaperRequest(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/api/records-requests',
    summary: 'The queue, soonest response deadline first; flagged from the warning day',
    tag: TAG,
    access: CLERKS,
    query: RecordsQueueQuery,
    response: z.array(RecordsRequest),
    handle: ({ ctx, query }) => listQueue(ctx, query.state),
  }),
  route({
    method: 'GET',
    url: '/api/records-requests/:id',
    summary: 'One request, with its requester, call, payments and files',
    tag: TAG,
    access: CLERKS,
    params: IdParams,
    response: RecordsRequest,
    handle: ({ ctx, params }) => getRequest(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/records-requests/:id/candidates',
    summary: 'Calls of the CAD record that may be the one asked for, best first (20 at most)',
    tag: TAG,
    access: CLERKS,
    params: IdParams,
    response: z.array(CandidateCall),
    handle: ({ ctx, params }) => listCandidates(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/records-requests/:id/call',
    summary: 'Link the call the request is for',
    tag: TAG,
    access: CLERKS,
    params: IdParams,
    body: MatchCallBody,
    response: RecordsRequest,
    handle: ({ ctx, params, body }) => matchCall(ctx, params.id, body.callId),
  }),
  route({
    method: 'POST',
    url: '/api/records-requests/:id/id-check',
    summary: "The clerk checked the caller's identity document: eligible as the caller",
    tag: TAG,
    access: CLERKS,
    params: IdParams,
    body: IdCheckBody,
    response: RecordsRequest,
    handle: ({ ctx, params, body }) => recordIdCheck(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/records-requests/:id/investigator-confirmation',
    summary: 'The clerk confirmed the investigator with the agency: eligible',
    tag: TAG,
    access: CLERKS,
    params: IdParams,
    body: InvestigatorConfirmationBody,
    response: RecordsRequest,
    handle: ({ ctx, params, body }) => confirmInvestigator(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/records-requests/:id/refusal',
    summary: 'Refuse the request (a refusal letter with the appeal follows)',
    tag: TAG,
    access: CLERKS,
    params: IdParams,
    body: RefusalBody,
    response: RecordsRequest,
    handle: ({ ctx, params, body }) => refuseRequest(ctx, params.id, body.reason),
  }),
  route({
    method: 'PUT',
    url: '/api/records-requests/:id/hours',
    summary: 'Hours of work for the fee (hourly fee model only)',
    tag: TAG,
    access: CLERKS,
    params: IdParams,
    body: HoursBody,
    response: RecordsRequest,
    handle: ({ ctx, params, body }) => setHours(ctx, params.id, body.hours),
  }),
  route({
    method: 'POST',
    url: '/api/records-requests/:id/payments',
    summary: 'A check received for the fee (a receipt letter follows)',
    tag: TAG,
    access: CLERKS,
    params: IdParams,
    body: CheckPaymentBody,
    response: RecordsRequest,
    status: 201,
    handle: ({ ctx, params, body }) => recordPayment(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/records-requests/:id/release',
    summary: 'Release recordings of the call: one download link per file, sent to the requester',
    tag: TAG,
    access: CLERKS,
    params: IdParams,
    body: ReleaseBody,
    response: ReleasedRecordsRequest,
    handle: ({ ctx, params, body, request }) =>
      releaseRequest(ctx, params.id, body.recordingIds, requestOrigin(request)),
  }),
  route({
    method: 'GET',
    url: '/api/records-requests/:id/letters/:letter',
    summary: 'A letter on the request, as a PDF (refusal, receipt or release)',
    tag: TAG,
    access: CLERKS,
    params: LetterParams,
    handle: async ({ ctx, params, reply }) =>
      sendLetter(reply, await getLetter(ctx, params.id, params.letter)),
  }),
]

const calendarRoutes = [
  route({
    method: 'GET',
    url: '/api/records-holidays',
    summary: 'The legal holidays of a year that the response deadline skips',
    tag: TAG,
    access: CALENDAR_KEEPERS,
    query: HolidayYearQuery,
    response: z.array(Holiday),
    handle: ({ ctx, query }) => listHolidayYear(ctx, query.year),
  }),
  route({
    method: 'PUT',
    url: '/api/records-holidays/:date',
    summary: 'Add a closing day, or rename a holiday',
    tag: TAG,
    access: CALENDAR_KEEPERS,
    params: HolidayParams,
    body: HolidayBody,
    response: Holiday,
    handle: ({ ctx, params, body }) => saveHoliday(ctx, params.date, body.name),
  }),
  route({
    method: 'DELETE',
    url: '/api/records-holidays/:date',
    summary: 'The center is open that day after all',
    tag: TAG,
    access: CALENDAR_KEEPERS,
    params: HolidayParams,
    handle: ({ ctx, params }) => deleteHoliday(ctx, params.date),
  }),
]

const downloadRoutes = [
  route({
    method: 'GET',
    url: '/api/records/downloads/:token',
    summary: 'A released file through its link (expired: 410); every download is logged',
    tag: TAG,
    access: 'public',
    params: DownloadParams,
    handle: async ({ ctx, params, reply }) =>
      sendFile(reply, await downloadByToken(ctx, params.token)),
  }),
]

export const recordsRequestRoutesList = [
  ...portalRoutes,
  ...clerkRoutes,
  ...calendarRoutes,
  ...downloadRoutes,
]
