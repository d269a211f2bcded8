import {
  CallMemberPhotoParams,
  CallSafetyProfile,
  MemberPhotoParams,
  SafetyProfile,
  SafetyProfileBody,
} from '@common/api/safety-profiles.ts'
import { IdParams } from '@common/api/schemas.ts'
import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { route } from '../../http/route.ts'
import { showCallMemberPhoto, showCallProfile } from './call-safety-profile.service.ts'
import {
  confirmMyProfile,
  getMyMemberPhoto,
  getMyProfile,
  saveMyProfile,
  uploadMemberPhoto,
} from './safety-profiles.service.ts'
import type { SafetyProfilePhotoRow } from './safety-profiles.table.ts'

const TAKERS = ['call_taker', 'dispatcher', 'supervisor'] as const

/** A photo as its own bytes; never cached, since who may see it changes with the call. */
function sendPhoto(reply: FastifyReply, photo: SafetyProfilePhotoRow): FastifyReply {
  return reply
    .code(200)
    .type(photo.content_type)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(photo.bytes))
}

export const safetyProfileRoutesList = [
  route({
    method: 'GET',
    url: '/api/portal/safety-profile',
    summary: "The resident's safety profile, with when it was confirmed and when it goes stale",
    tag: 'portal',
    access: 'resident',
    response: SafetyProfile,
    handle: ({ ctx }) => getMyProfile(ctx),
  }),
  route({
    method: 'PUT',
    url: '/api/portal/safety-profile',
    summary: 'Save the whole safety profile (replaces it; counts as confirming it)',
    tag: 'portal',
    access: 'resident',
    body: SafetyProfileBody,
    response: SafetyProfile,
    handle: ({ ctx, body }) => saveMyProfile(ctx, body),
  }),
  route({
    method: 'POST',
    url: '/api/portal/safety-profile/confirm',
    summary: 'Confirm the profile is still right: it is fresh for another 6 months',
    tag: 'portal',
    access: 'resident',
    response: SafetyProfile,
    handle: ({ ctx }) => confirmMyProfile(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/portal/safety-profile/members/:memberId/photo',
    summary: "A member's photo: the raw JPEG or PNG as the body (2 MB at most)",
    tag: 'portal',
    access: 'resident',
    params: MemberPhotoParams,
    response: z.object({ memberId: z.uuid(), contentType: z.string(), byteSize: z.number() }),
    status: 201,
    handle: ({ ctx, params, request }) => uploadMemberPhoto(ctx, params.memberId, request.body),
  }),
  route({
    method: 'GET',
    url: '/api/portal/safety-profile/members/:memberId/photo',
    summary: "A member's photo, for the resident",
    tag: 'portal',
    access: 'resident',
    params: MemberPhotoParams,
    handle: async ({ ctx, params, reply }) =>
      sendPhoto(reply, await getMyMemberPhoto(ctx, params.memberId)),
  }),
  route({
    method: 'GET',
    url: '/api/calls/:id/safety-profile',
    summary:
      'The safety profile of a 911 caller: shown only at the answering position, while the call is open (audited)',
    tag: 'calls',
    access: TAKERS,
    params: IdParams,
    response: CallSafetyProfile,
    handle: ({ ctx, params }) => showCallProfile(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/calls/:id/safety-profile/members/:memberId/photo',
    summary: "A household member's photo on the call, under the same rule (audited)",
    tag: 'calls',
    access: TAKERS,
    params: CallMemberPhotoParams,
    handle: async ({ ctx, params, reply }) =>
      sendPhoto(reply, await showCallMemberPhoto(ctx, params.id, params.memberId)),
  }),
]
